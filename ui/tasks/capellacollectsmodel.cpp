#include "ui/tasks/capellacollectsmodel.h"

#include <QHash>

#include "ui/tasks/tasksmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

int CapellaCollectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_collects.size());
}

int CapellaCollectsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CapellaCollectsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CapellaCollect &c = m_collects.at(index.row());
    switch (role) {
    case CollectIdRole:
        return c.id;
    case StatusRole:
        return c.status();
    case SortRole:
        return index.column() == Window ? QVariant(c.windowOpen) : data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return c.id;
        case Status:
            return statusText(c.status());
        case Window:
            return TasksModel::formatWindow(c.windowOpen, c.windowClose);
        case Spacecraft:
            return c.spacecraftId;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Status && !c.history.isEmpty()) {
            return tr("%1 since %2").arg(c.history.first().message, TasksModel::formatTime(c.history.first().time));
        }
        return index.column() == Id ? QVariant(c.id) : QVariant();
    default:
        return {};
    }
}

QVariant CapellaCollectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Id:
        return tr("Collect");
    case Status:
        return tr("Status");
    case Window:
        return tr("Window (local time)");
    case Spacecraft:
        return tr("Spacecraft");
    default:
        return {};
    }
}

void CapellaCollectsModel::setCollects(const QString &taskingRequestId, const QList<CapellaCollect> &collects)
{
    beginResetModel();
    m_requestId = taskingRequestId;
    m_collects = collects;
    endResetModel();
}

QString CapellaCollectsModel::statusText(const QString &code)
{
    // capella.md §6: predicted -> tasked -> collected -> processing -> qa -> delivered.
    static const QHash<QString, const char *> words {
        { u"predicted"_s, QT_TR_NOOP("Predicted") },
        { u"tasked"_s, QT_TR_NOOP("Tasked") },
        { u"collected"_s, QT_TR_NOOP("Collected") },
        { u"processing"_s, QT_TR_NOOP("Processing") },
        { u"qa"_s, QT_TR_NOOP("Quality check") },
        { u"delivered"_s, QT_TR_NOOP("Delivered") },
    };
    const auto it = words.find(code);
    return it == words.end() ? code : tr(it.value());
}

} // namespace StacScope
