#pragma once

#include <functional>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include "src/providers/capella/capellatypes.h"

namespace StacScope {

// An account's Capella orders as GET /orders lists them: data only (text, typed sort values, the
// id and whether the order is still active as roles). Times are shown in local time with their
// UTC offset, as in the Tasks dock.
class OrdersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Id,
        Ordered,
        Status,
        Expires,
        Items,
        Active,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        OrderIdRole,
        ActiveRole, // bool: not expired and not rejected, at the model's clock
        StatusRole // the provider's status ("completed", "rejected")
    };
    using Clock = std::function<QDateTime()>;

    explicit OrdersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The new list; rows of orders already shown are updated in place (a refresh keeps the
    // selection), and the rest is replaced.
    void setOrders(const QList<CapellaOrder> &orders);
    void clear() { setOrders({}); }
    const CapellaOrder &order(int row) const { return m_orders.at(row); }
    int rowOf(const QString &orderId) const;

    // What "now" is when deciding whether an order is active (the current UTC time by default).
    void setClock(Clock clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    // "Completed" for "completed"; any other status with its first letter raised.
    static QString statusText(const QString &status);

private:
    QList<CapellaOrder> m_orders;
    Clock m_clock;
};

} // namespace StacScope
