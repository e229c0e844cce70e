#include "ui/monitor/monitorhistorymodel.h"

#include <algorithm>

#include "ui/monitor/monitormodel.h"
#include "ui/tasks/tasksmodel.h"

namespace StacScope {

int MonitorHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int MonitorHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MonitorHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const StatusEvent &e = statusEvent(index.row());
    switch (role) {
    case StatusRole:
        return e.status;
    case SortRole:
        return index.column() == Time ? QVariant(e.time) : data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return TasksModel::formatTime(e.time);
        case Status:
            return MonitorModel::statusText(m_key.kind, e.status);
        case Message:
            return e.message;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Time && e.time.isValid()) {
            return e.time.toUTC().toString(Qt::ISODateWithMs);
        }
        return index.column() == Message && !e.message.isEmpty() ? QVariant(e.message) : QVariant();
    default:
        return {};
    }
}

QVariant MonitorHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Time:
        return tr("Time");
    case Status:
        return tr("Status");
    case Message:
        return tr("Message");
    default:
        return {};
    }
}

void MonitorHistoryModel::setRequest(const MonitoredRequest &request)
{
    const QList<StatusEvent> &next = request.history;
    if (request.key() == m_key && next.size() >= m_events.size()
        && std::equal(m_events.cbegin(), m_events.cend(), next.cbegin())) {
        // The same steps and perhaps new ones: those go on top (newest first).
        const int added = int(next.size() - m_events.size());
        if (added > 0) {
            beginInsertRows({}, 0, added - 1);
            m_events = next;
            endInsertRows();
        }
        return;
    }
    beginResetModel();
    m_key = request.key();
    m_events = next;
    endResetModel();
}

void MonitorHistoryModel::clear()
{
    if (!m_key.isValid() && m_events.isEmpty()) {
        return;
    }
    beginResetModel();
    m_key = {};
    m_events.clear();
    endResetModel();
}

} // namespace StacScope
