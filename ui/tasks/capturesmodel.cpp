#include "ui/tasks/capturesmodel.h"

#include <algorithm>

#include "ui/tasks/tasksmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

int CapturesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_captures.size());
}

int CapturesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CapturesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const SatellogicCapture &c = m_captures.at(index.row());
    switch (role) {
    case CaptureIdRole:
        return c.id;
    case PublishedRole:
        return c.isPublished();
    case SortRole:
        if (index.column() == Start) {
            return c.start;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return c.id;
        case Start:
            return TasksModel::formatTime(c.start);
        case Satellite:
            return c.satellite;
        case Status:
            return statusText(c.status);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant CapturesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Id:
        return tr("Capture");
    case Start:
        return tr("Start (local time)");
    case Satellite:
        return tr("Satellite");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

void CapturesModel::setCaptures(qint64 taskId, const QList<SatellogicCapture> &captures)
{
    bool sameRows = taskId == m_taskId && captures.size() == m_captures.size();
    for (qsizetype i = 0; sameRows && i < captures.size(); ++i) {
        sameRows = captures.at(i).id == m_captures.at(i).id;
    }
    if (sameRows) {
        m_captures = captures;
        if (!m_captures.isEmpty()) {
            Q_EMIT dataChanged(index(0, 0), index(int(m_captures.size()) - 1, ColumnCount - 1));
        }
        return;
    }
    beginResetModel();
    m_taskId = taskId;
    m_captures = captures;
    endResetModel();
}

int CapturesModel::publishedCount() const
{
    return int(std::count_if(
        m_captures.begin(), m_captures.end(), [](const SatellogicCapture &c) { return c.isPublished(); }));
}

QString CapturesModel::statusText(const QString &status)
{
    if (status == u"published"_s) {
        return tr("Published");
    }
    if (status == u"planned"_s) {
        return tr("Planned");
    }
    return status;
}

} // namespace StacScope
