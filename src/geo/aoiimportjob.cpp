#include "src/geo/aoiimportjob.h"

#include <QtConcurrent/QtConcurrentRun>

namespace StacScope {

AoiImportJob::AoiImportJob(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &AoiImportJob::onRead);
    // The worker holds its own copy of the path, so it may outlive the job.
    m_watcher.setFuture(QtConcurrent::run([path]() -> Result {
        Result result;
        result.aois = AoiFile::read(path, &result.error);
        return result;
    }));
}

void AoiImportJob::cancel()
{
    m_canceled = true;
}

void AoiImportJob::onRead()
{
    if (m_canceled || m_finished) {
        return;
    }
    const Result result = m_watcher.result();
    m_aois = result.aois;
    m_error = result.error;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace StacScope
