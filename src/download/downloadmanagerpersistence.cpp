// DownloadManager: the queue kept in a DownloadPersistence, so that a crash or a kill loses
// nothing (tasks that were running come back Queued and resume from their .part files).
#include "src/download/downloadmanager.h"
#include "src/download/downloadpersistence.h"
#include "src/net/authenticator.h"

namespace StacScope {

void DownloadManager::setPersistence(DownloadPersistence *persistence)
{
    m_persistence = persistence;
    if (!m_persistence) {
        return;
    }
    const QList<DownloadTask> tasks = m_persistence->loadTasks();
    for (DownloadTask task : tasks) {
        if (task.id <= 0 || m_entries.contains(task.id)) {
            continue;
        }
        bool wasActive = task.isActive();
        const bool unfinished = !task.isDone() && task.state != DownloadState::Failed;
        if (unfinished && !task.headerNames.isEmpty() && !(m_authenticator && m_authenticator->covers(task.url))) {
            // Its credentials were session-only (or their account is gone): without them the
            // server would refuse it (or, worse, count a failed attempt). Wait for the user.
            QStringList names;
            for (const QByteArray &name : std::as_const(task.headerNames)) {
                names.append(QString::fromLatin1(name));
            }
            task.state = DownloadState::Paused;
            task.error = tr("Paused after a restart: it was sent with %1, which is never saved. Resume it once "
                            "the catalog's credentials are set again, or if the link needs none.")
                             .arg(names.join(QStringLiteral(", ")));
            wasActive = true; // save the new state
        } else if (wasActive) {
            task.state = DownloadState::Queued; // interrupted: resumes from its .part
        }
        m_nextId = qMax(m_nextId, task.id + 1);
        Entry entry;
        entry.task = task;
        m_entries.insert(task.id, entry);
        m_order.append(task.id);
        if (wasActive) {
            save(m_entries[task.id]);
        }
        Q_EMIT taskAdded(task.id);
        startUnpack(task.id); // interrupted by the restart: unpacked again from the start
    }
    scheduleSoon();
}

void DownloadManager::save(Entry &entry)
{
    entry.lastSaveMs = m_clock.elapsed();
    if (m_persistence) {
        m_persistence->saveTask(entry.task);
    }
}

void DownloadManager::saveOrder()
{
    if (m_persistence) {
        m_persistence->saveOrder(m_order);
    }
}

} // namespace StacScope
