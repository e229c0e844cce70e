#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "src/tasking/monitoredrequest.h"

namespace StacScope {

// One monitored request's status history, newest first: time (local, with its offset), status in
// words, the provider's message. Data only. New steps of the same request are inserted at the top
// (the selection and the scroll position stay); another request replaces the rows.
class MonitorHistoryModel : public QAbstractTableModel
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
        SortRole = Qt::UserRole + 1, // QDateTime for the time
        StatusRole // the provider's own word
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The request's history (MonitoredRequest::history, oldest first).
    void setRequest(const MonitoredRequest &request);
    void clear();
    MonitorKey key() const { return m_key; }
    // Newest first.
    const StatusEvent &statusEvent(int row) const { return m_events.at(m_events.size() - 1 - row); }

private:
    MonitorKey m_key;
    QList<StatusEvent> m_events; // oldest first, as the request has them
};

} // namespace StacScope
