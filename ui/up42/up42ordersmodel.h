#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "src/providers/up42/up42api.h"

namespace StacScope {

// An UP42 account's orders as GET /v2/orders lists them, in the server's order (its sort): data
// only (text, typed sort values, the id and the UP42 words as roles). Statuses are said in words
// (the Monitor's), the provider's code in the tooltip; times in local time.
class Up42OrdersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Name,
        Type,
        Status,
        SubStatus,
        Created,
        Updated,
        Tags,
        Id,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        OrderIdRole,
        StatusRole, // the provider's status ("FULFILLED")
        CancelableRole // bool: POST .../cancellation is taken in this status
    };

    explicit Up42OrdersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setOrders(const QList<Up42Order> &orders);
    void clear() { setOrders({}); }
    // One order as UP42 answers it now (after a tags edit or a cancellation); false when not listed.
    bool updateOrder(const Up42Order &order);
    const Up42Order &order(int row) const { return m_orders.at(row); }
    const QList<Up42Order> &orders() const { return m_orders; }
    int rowOf(const QString &orderId) const;

    // "Archive" for ARCHIVE, "Tasking" for TASKING.
    static QString typeText(const QString &type);
    // "2024-03-04 10:12" in local time; the tooltip says it in UTC.
    static QString timeText(const QDateTime &time);

private:
    QList<Up42Order> m_orders;
};

} // namespace StacScope
