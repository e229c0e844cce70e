#pragma once

#include <QList>

#include "src/download/downloadtask.h"

namespace StacScope {

// Where the manager keeps its queue so that it survives a crash, a kill -9 or a reboot. The
// SQLite store implements it; the CLI runs without one (its .part files carry what it resumes).
class DownloadPersistence
{
public:
    virtual ~DownloadPersistence() = default;

    // All tasks in queue order, as last saved.
    virtual QList<DownloadTask> loadTasks() = 0;
    // Inserts (task.id == 0: returns the new id) or updates a task. Returns 0 on failure.
    virtual qint64 saveTask(const DownloadTask &task) = 0;
    virtual bool removeTask(qint64 id) = 0;
    // The whole queue order, first to last.
    virtual bool saveOrder(const QList<qint64> &ids) = 0;
};

} // namespace StacScope
