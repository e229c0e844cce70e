#include "src/stac/itemexportjob.h"

#include <memory>

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include "src/stac/itemsnapshot.h"

using namespace Qt::StringLiterals;

namespace StacScope {

ItemExportJob::ItemExportJob(const ItemStore &store, const std::vector<int> &rows, const QString &path,
    ExportFormat format, const ExportOptions &options, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_format(format)
    , m_count(int(rows.size()))
{
    connect(&m_watcher, &QFutureWatcher<ExportResult>::finished, this, &ItemExportJob::onFinished);
    connect(&m_watcher, &QFutureWatcher<ExportResult>::progressValueChanged, this,
        [this](int value) { Q_EMIT progress(value, m_watcher.progressMaximum()); });
    // The worker owns what it reads, so it may outlive the job.
    auto snapshot = std::make_shared<const ItemSnapshot>(store, rows);
    m_watcher.setFuture(QtConcurrent::run([snapshot, path, format, options](QPromise<ExportResult> &promise) {
        const ExportResult result
            = ItemExport::write(*snapshot, path, format, options, [&promise](qint64 done, qint64 total) {
                  promise.setProgressRange(0, int(total));
                  promise.setProgressValue(int(done));
                  return !promise.isCanceled();
              });
        promise.addResult(result);
    }));
}

ItemExportJob::~ItemExportJob()
{
    m_watcher.disconnect(this);
    m_watcher.cancel();
}

void ItemExportJob::cancel()
{
    m_watcher.cancel();
}

void ItemExportJob::onFinished()
{
    if (m_finished) {
        return;
    }
    const QFuture<ExportResult> future = m_watcher.future();
    if (future.resultCount() > 0) {
        m_result = future.result();
    } else {
        m_result = {};
        m_result.canceled = true;
        m_result.error = u"the export to %1 was canceled"_s.arg(m_path);
    }
    m_finished = true;
    Q_EMIT finished();
}

} // namespace StacScope
