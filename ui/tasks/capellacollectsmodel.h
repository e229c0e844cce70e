#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "src/providers/capella/capellatypes.h"

namespace StacScope {

// A tasking request's collects (GET /collects/list/{id}): data only.
class CapellaCollectsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Id,
        Status,
        Window,
        Spacecraft,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        CollectIdRole,
        StatusRole // the provider's status code ("qa")
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setCollects(const QString &taskingRequestId, const QList<CapellaCollect> &collects);
    void clear() { setCollects({}, {}); }
    QString taskingRequestId() const { return m_requestId; }
    const CapellaCollect &collect(int row) const { return m_collects.at(row); }

    // "Quality check" for "qa"; an unknown status as the provider wrote it.
    static QString statusText(const QString &code);

private:
    QString m_requestId;
    QList<CapellaCollect> m_collects;
};

} // namespace StacScope
