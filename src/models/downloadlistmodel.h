#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>

#include "src/download/downloadtask.h"

namespace StacScope {

class DownloadManager;

// The download queue as a table, in queue order: data only (text, typed sort values and roles);
// the panel's delegate draws the progress bar. Follows the manager incrementally: a row per
// added task, dataChanged for progress, a layout change for a reorder.
class DownloadListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        ItemColumn,
        SizeColumn,
        ProgressColumn,
        SpeedColumn,
        EtaColumn,
        StateColumn,
        DetailsColumn, // why it failed or paused, or where its ZIP was unpacked: in the row, not only a tooltip
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        SortRole, // typed value to sort by
        StateRole, // int(DownloadState)
        ProgressRole, // 0..1, or -1 when the size is unknown
        ErrorRole,
        PathRole, // the target file
        UrlRole,
    };

    explicit DownloadListModel(DownloadManager *manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    qint64 idAt(int row) const { return m_ids.value(row); }
    int rowOf(qint64 id) const { return m_rows.value(id, -1); }

    // Human-readable figures, shared with the panel's totals and the CLI's lines.
    static QString formatBytes(qint64 bytes);
    static QString formatSpeed(double bytesPerSecond);
    static QString formatEta(qint64 seconds);
    // The Details column: a failure's or a pause's reason, or the outcome of unpacking.
    static QString detailsText(const DownloadTask &task);

private:
    void onTaskAdded(qint64 id);
    void onTaskRemoved(qint64 id);
    void onTaskChanged(qint64 id);
    void onOrderChanged();
    void rebuildRows();
    QVariant displayData(const DownloadTask &task, qint64 id, int column) const;
    QVariant sortData(const DownloadTask &task, qint64 id, int column) const;

    QPointer<DownloadManager> m_manager;
    QList<qint64> m_ids;
    QHash<qint64, int> m_rows;
};

} // namespace StacScope
