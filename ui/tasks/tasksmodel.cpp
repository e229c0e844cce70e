#include "ui/tasks/tasksmodel.h"

#include <cstdlib>

#include <QHash>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString offsetText(const QDateTime &local)
{
    const int seconds = local.offsetFromUtc();
    if (seconds == 0) {
        return u"UTC"_s;
    }
    const int minutes = std::abs(seconds) / 60;
    return u"UTC%1%2:%3"_s.arg(QChar(seconds < 0 ? u'-' : u'+'))
        .arg(minutes / 60, 2, 10, QChar(u'0'))
        .arg(minutes % 60, 2, 10, QChar(u'0'));
}

QString localText(const QDateTime &local)
{
    return local.toString(u"yyyy-MM-dd HH:mm"_s);
}

} // namespace

int TasksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

int TasksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TasksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const SatellogicTask &t = m_tasks.at(index.row());
    if (role == TaskIdRole) {
        return t.id;
    }
    if (role == StatusRole) {
        return t.status;
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Id:
            return t.id;
        case Product:
            return t.product;
        case Window:
            return t.start;
        case Created:
            return t.created;
        default:
            break;
        }
        role = Qt::DisplayRole;
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id:
            return QString::number(t.id);
        case Name:
            return t.name;
        case Project:
            return t.project;
        case Product:
            return t.product > 0 ? QString::number(t.product) : QString();
        case Status:
            return statusText(t.status);
        case Window:
            return formatWindow(t.start, t.end);
        case Created:
            return formatTime(t.created);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Window) {
        return tr("%1 to %2 (UTC)").arg(t.start.toUTC().toString(Qt::ISODate), t.end.toUTC().toString(Qt::ISODate));
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Product)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant TasksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Id:
        return tr("Task");
    case Name:
        return tr("Name");
    case Project:
        return tr("Project");
    case Product:
        return tr("Product");
    case Status:
        return tr("Status");
    case Window:
        return tr("Window (local time)");
    case Created:
        return tr("Created");
    default:
        return {};
    }
}

void TasksModel::setTasks(const QList<SatellogicTask> &tasks)
{
    bool sameRows = tasks.size() == m_tasks.size();
    for (qsizetype i = 0; sameRows && i < tasks.size(); ++i) {
        sameRows = tasks.at(i).id == m_tasks.at(i).id;
    }
    if (sameRows) {
        m_tasks = tasks;
        if (!m_tasks.isEmpty()) {
            Q_EMIT dataChanged(index(0, 0), index(int(m_tasks.size()) - 1, ColumnCount - 1));
        }
        return;
    }
    beginResetModel();
    m_tasks = tasks;
    endResetModel();
}

int TasksModel::rowOf(qint64 taskId) const
{
    for (qsizetype i = 0; i < m_tasks.size(); ++i) {
        if (m_tasks.at(i).id == taskId) {
            return int(i);
        }
    }
    return -1;
}

QString TasksModel::statusText(const QString &status)
{
    static const QHash<QString, const char *> words {
        { u"received"_s, QT_TR_NOOP("Received") },
        { u"in_progress"_s, QT_TR_NOOP("In progress") },
        { u"completed"_s, QT_TR_NOOP("Completed") },
        { u"failed"_s, QT_TR_NOOP("Failed") },
        { u"rejected"_s, QT_TR_NOOP("Rejected") },
        { u"canceled"_s, QT_TR_NOOP("Canceled") },
    };
    const auto it = words.find(status);
    return it == words.end() ? status : tr(it.value());
}

QString TasksModel::formatTime(const QDateTime &time)
{
    if (!time.isValid()) {
        return {};
    }
    const QDateTime local = time.toLocalTime();
    return localText(local) + u' ' + offsetText(local);
}

QString TasksModel::formatWindow(const QDateTime &start, const QDateTime &end)
{
    if (!start.isValid() || !end.isValid()) {
        return formatTime(start.isValid() ? start : end);
    }
    const QDateTime from = start.toLocalTime();
    const QDateTime to = end.toLocalTime();
    if (from.offsetFromUtc() == to.offsetFromUtc()) {
        return tr("%1 – %2 %3").arg(localText(from), localText(to), offsetText(to));
    }
    return tr("%1 – %2").arg(formatTime(from), formatTime(to));
}

} // namespace StacScope
