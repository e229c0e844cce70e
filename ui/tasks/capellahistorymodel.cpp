#include "ui/tasks/capellahistorymodel.h"

#include "ui/tasks/capellarequestsmodel.h"
#include "ui/tasks/tasksmodel.h"

namespace StacScope {

int CapellaHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_history.size());
}

int CapellaHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CapellaHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CapellaStatus &s = m_history.at(index.row());
    if (role == CodeRole) {
        return s.code;
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return TasksModel::formatTime(s.time);
        case Status:
            return CapellaRequestsModel::statusText(s.code);
        case Message:
            return s.message;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time:
            return s.time.toUTC().toString(Qt::ISODateWithMs);
        case Status:
            return s.code;
        case Message:
            return s.message;
        default:
            return {};
        }
    }
    return {};
}

QVariant CapellaHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
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

void CapellaHistoryModel::setHistory(const QString &requestId, const QList<CapellaStatus> &history)
{
    if (requestId == m_requestId && history.size() == m_history.size()) {
        m_history = history;
        if (!m_history.isEmpty()) {
            Q_EMIT dataChanged(index(0, 0), index(int(m_history.size()) - 1, ColumnCount - 1));
        }
        return;
    }
    beginResetModel();
    m_requestId = requestId;
    m_history = history;
    endResetModel();
}

} // namespace StacScope
