#include "src/models/downloadlistmodel.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include "src/download/downloadmanager.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

double progressOf(const DownloadTask &task)
{
    if (task.state == DownloadState::Completed) {
        return 1.0;
    }
    const qint64 total = task.total > 0 ? task.total : task.expectedSize;
    return total > 0 ? std::clamp(double(task.received) / double(total), 0.0, 1.0) : -1.0;
}

} // namespace

DownloadListModel::DownloadListModel(DownloadManager *manager, QObject *parent)
    : QAbstractTableModel(parent)
    , m_manager(manager)
{
    m_ids = manager->order();
    rebuildRows();
    connect(manager, &DownloadManager::taskAdded, this, &DownloadListModel::onTaskAdded);
    connect(manager, &DownloadManager::taskRemoved, this, &DownloadListModel::onTaskRemoved);
    connect(manager, &DownloadManager::taskChanged, this, &DownloadListModel::onTaskChanged);
    connect(manager, &DownloadManager::orderChanged, this, &DownloadListModel::onOrderChanged);
}

int DownloadListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int DownloadListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DownloadListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_manager) {
        return {};
    }
    const qint64 id = m_ids.at(index.row());
    const DownloadTask task = m_manager->task(id);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(task, id, index.column());
    case Qt::ToolTipRole:
        if (!task.error.isEmpty()) {
            return task.error; // whole, where the Details column shows one line
        }
        if (task.state == DownloadState::Completed && task.unpack != UnpackState::None) {
            return detailsText(task);
        }
        return index.column() == NameColumn ? QVariant(task.targetPath) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == SpeedColumn || index.column() == EtaColumn) {
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        }
        return {};
    case IdRole:
        return id;
    case SortRole:
        return sortData(task, id, index.column());
    case StateRole:
        return int(task.state);
    case ProgressRole:
        return progressOf(task);
    case ErrorRole:
        if (task.error.isEmpty() && task.state == DownloadState::Completed && task.unpack == UnpackState::Failed) {
            return detailsText(task);
        }
        return task.error;
    case PathRole:
        return task.targetPath;
    case UrlRole:
        return task.url;
    default:
        return {};
    }
}

QVariant DownloadListModel::displayData(const DownloadTask &task, qint64 id, int column) const
{
    switch (column) {
    case NameColumn:
        return task.title.isEmpty() ? QFileInfo(task.targetPath).fileName() : task.title;
    case ItemColumn:
        return task.itemId;
    case SizeColumn: {
        const qint64 total = task.total > 0 ? task.total : task.expectedSize;
        return total >= 0 ? formatBytes(total) : QString();
    }
    case ProgressColumn: {
        const double p = progressOf(task);
        if (p < 0) {
            return task.received > 0 ? formatBytes(task.received) : QString();
        }
        return QString(QLocale().toString(p * 100.0, 'f', 1) + u" %"_s);
    }
    case SpeedColumn:
        return task.state == DownloadState::Downloading ? formatSpeed(m_manager->speed(id)) : QString();
    case EtaColumn:
        return task.state == DownloadState::Downloading ? formatEta(m_manager->eta(id)) : QString();
    case StateColumn:
        if (task.state == DownloadState::Completed) {
            switch (task.unpack) {
            case UnpackState::Pending:
                return tr("Unpacking");
            case UnpackState::Done:
                return tr("Unpacked");
            case UnpackState::Failed:
                return tr("Not unpacked");
            case UnpackState::None:
                break;
            }
        }
        return downloadStateName(task.state);
    case DetailsColumn:
        return detailsText(task);
    default:
        return {};
    }
}

QString DownloadListModel::detailsText(const DownloadTask &task)
{
    if (task.state == DownloadState::Completed) {
        if (task.unpack == UnpackState::Done) {
            return tr("Unpacked into %1").arg(QDir::toNativeSeparators(task.unpackDetail));
        }
        if (task.unpack == UnpackState::Failed) {
            return tr("Not unpacked: %1").arg(task.unpackDetail);
        }
        return {};
    }
    if (task.state == DownloadState::Failed || task.state == DownloadState::Paused) {
        return task.error.simplified(); // one line; the tooltip has it whole
    }
    return {};
}

QVariant DownloadListModel::sortData(const DownloadTask &task, qint64 id, int column) const
{
    switch (column) {
    case NameColumn:
    case ItemColumn:
        return displayData(task, id, column);
    case SizeColumn:
        return task.total > 0 ? task.total : task.expectedSize;
    case ProgressColumn:
        return progressOf(task);
    case SpeedColumn:
        return m_manager->speed(id);
    case EtaColumn:
        return m_manager->eta(id);
    case StateColumn:
        return int(task.state);
    case DetailsColumn:
        return detailsText(task);
    default:
        return {};
    }
}

QVariant DownloadListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ItemColumn:
        return tr("Item");
    case SizeColumn:
        return tr("Size");
    case ProgressColumn:
        return tr("Progress");
    case SpeedColumn:
        return tr("Speed");
    case EtaColumn:
        return tr("ETA");
    case StateColumn:
        return tr("State");
    case DetailsColumn:
        return tr("Details");
    default:
        return {};
    }
}

QString DownloadListModel::formatBytes(qint64 bytes)
{
    if (bytes < 0) {
        return {};
    }
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString DownloadListModel::formatSpeed(double bytesPerSecond)
{
    if (bytesPerSecond <= 0) {
        return {};
    }
    return tr("%1/s").arg(formatBytes(qint64(bytesPerSecond)));
}

QString DownloadListModel::formatEta(qint64 seconds)
{
    if (seconds < 0) {
        return QStringLiteral("∞");
    }
    if (seconds < 60) {
        return tr("%1 s").arg(seconds);
    }
    if (seconds < 3600) {
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    }
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

void DownloadListModel::onTaskAdded(qint64 id)
{
    if (m_rows.contains(id) || !m_manager) {
        return;
    }
    // Insert at the task's place in the queue (enqueue appends, so this is almost always the end).
    const QList<qint64> order = m_manager->order();
    int row = int(m_ids.size());
    const qsizetype pos = order.isEmpty() || order.constLast() == id ? -1 : order.indexOf(id);
    if (pos >= 0) {
        row = 0;
        for (qsizetype i = 0; i < pos; ++i) {
            if (m_rows.contains(order.at(i))) {
                ++row;
            }
        }
    }
    beginInsertRows({}, row, row);
    m_ids.insert(row, id);
    if (row == m_ids.size() - 1) {
        m_rows.insert(id, row);
    } else {
        rebuildRows();
    }
    endInsertRows();
}

void DownloadListModel::onTaskRemoved(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_ids.removeAt(row);
    rebuildRows();
    endRemoveRows();
}

void DownloadListModel::onTaskChanged(qint64 id)
{
    const int row = rowOf(id);
    if (row >= 0) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void DownloadListModel::onOrderChanged()
{
    if (!m_manager) {
        return;
    }
    QList<qint64> order = m_manager->order();
    order.removeIf([this](qint64 id) { return !m_rows.contains(id); });
    if (order == m_ids) {
        return;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<qint64> beforeIds;
    beforeIds.reserve(before.size());
    for (const QModelIndex &i : before) {
        beforeIds.append(m_ids.at(i.row()));
    }
    m_ids = order;
    rebuildRows();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        after.append(index(rowOf(beforeIds.at(i)), before.at(i).column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void DownloadListModel::rebuildRows()
{
    m_rows.clear();
    m_rows.reserve(m_ids.size());
    for (int i = 0; i < m_ids.size(); ++i) {
        m_rows.insert(m_ids.at(i), i);
    }
}

} // namespace StacScope
