// DownloadManager: unpacking a verified ZIP (UnpackState) on a worker thread, once per task,
// again after a restart that interrupted it.
#include <QFutureWatcher>
#include <QtConcurrent>

#include "src/download/downloadmanager.h"
#include "src/download/ziparchive.h"

namespace StacScope {

namespace {

struct UnpackOutcome
{
    bool zip = false;
    ZipArchive::UnpackResult result;
};

} // namespace

bool DownloadManager::isUnpacking(qint64 id) const
{
    return m_unpacking.contains(id);
}

void DownloadManager::startUnpack(qint64 id)
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.cend() || it->task.state != DownloadState::Completed || it->task.unpack != UnpackState::Pending
        || m_unpacking.contains(id)) {
        return;
    }
    const QString path = it->task.targetPath;
    m_unpacking.insert(id);
    m_busy = true;
    auto *watcher = new QFutureWatcher<UnpackOutcome>(this);
    connect(watcher, &QFutureWatcher<UnpackOutcome>::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        m_unpacking.remove(id);
        const UnpackOutcome outcome = watcher->result();
        auto entry = m_entries.find(id);
        // Removed (or restarted) meanwhile: its outcome belongs to no row any more.
        if (entry != m_entries.end() && entry->task.state == DownloadState::Completed
            && entry->task.unpack == UnpackState::Pending) {
            if (!outcome.zip) {
                entry->task.unpack = UnpackState::None; // not a ZIP: kept as it is, nothing to say
                entry->task.unpackDetail.clear();
            } else if (outcome.result.ok) {
                entry->task.unpack = UnpackState::Done;
                entry->task.unpackDetail = outcome.result.folder;
            } else {
                entry->task.unpack = UnpackState::Failed;
                entry->task.unpackDetail = outcome.result.error;
            }
            save(*entry);
            Q_EMIT taskChanged(id);
            if (outcome.zip) {
                Q_EMIT taskUnpacked(id, outcome.result.ok, outcome.result.files);
            }
        }
        checkIdle();
    });
    watcher->setFuture(QtConcurrent::run([path] {
        UnpackOutcome outcome;
        outcome.zip = ZipArchive::isZip(path);
        if (outcome.zip) {
            outcome.result = ZipArchive::unpack(path, ZipArchive::defaultFolder(path));
        }
        return outcome;
    }));
    Q_EMIT taskChanged(id);
}

} // namespace StacScope
