#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "src/providers/satellogic/satellogictypes.h"

namespace StacScope {

// An account's tasks as the provider lists them: data only (text, typed sort values, the id and
// status as roles). Times are shown in local time with their UTC offset, so a window that starts
// at midnight somewhere else is not misread.
class TasksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Id,
        Name,
        Project,
        Product,
        Status,
        Window,
        Created,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        TaskIdRole,
        StatusRole // the provider's status code ("in_progress")
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The new list; rows of tasks already shown are updated in place (a refresh keeps the
    // selection), and the rest is replaced.
    void setTasks(const QList<SatellogicTask> &tasks);
    void clear() { setTasks({}); }
    const SatellogicTask &task(int row) const { return m_tasks.at(row); }
    int rowOf(qint64 taskId) const;

    // "In progress" for "in_progress"; an unknown status as the provider wrote it.
    static QString statusText(const QString &status);
    // "2024-12-06 11:12 UTC+03:00" in local time; empty for an invalid time.
    static QString formatTime(const QDateTime &time);
    // "2024-12-06 00:00 – 2024-12-16 00:00 UTC+03:00": the offset once when both ends share it.
    static QString formatWindow(const QDateTime &start, const QDateTime &end);

private:
    QList<SatellogicTask> m_tasks;
};

} // namespace StacScope
