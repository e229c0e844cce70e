#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "src/providers/capella/capellatypes.h"

namespace StacScope {

// One request's status history, newest first as Capella sends it: data only.
class CapellaHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Status,
        Message,
        ColumnCount
    };
    enum Role
    {
        CodeRole = Qt::UserRole + 1 // the provider's status code
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // `requestId` tells whose history it is; the same request again updates the rows in place.
    void setHistory(const QString &requestId, const QList<CapellaStatus> &history);
    void clear() { setHistory({}, {}); }
    QString requestId() const { return m_requestId; }

private:
    QString m_requestId;
    QList<CapellaStatus> m_history;
};

} // namespace StacScope
