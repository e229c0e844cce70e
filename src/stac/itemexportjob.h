#pragma once

#include <vector>

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "src/stac/itemexport.h"

namespace StacScope {

class ItemStore;

// Exports rows of a result store on a worker thread, so the GUI never waits on the disk or GDAL.
// The rows are taken when the job is made (ItemSnapshot): the store may grow or be cleared by a
// new search meanwhile. Starts on construction; finished() is emitted once, also after cancel().
class ItemExportJob : public QObject
{
    Q_OBJECT
public:
    ItemExportJob(const ItemStore &store, const std::vector<int> &rows, const QString &path, ExportFormat format,
        const ExportOptions &options = {}, QObject *parent = nullptr);
    // Stops the worker (it removes its partial file) without waiting for it.
    ~ItemExportJob() override;

    QString path() const { return m_path; }
    ExportFormat format() const { return m_format; }
    int itemCount() const { return m_count; }
    bool isFinished() const { return m_finished; }
    bool isOk() const { return m_finished && m_result.ok; }
    bool isCanceled() const { return m_result.canceled; }
    int written() const { return m_result.written; }
    // A message naming the file, empty on success.
    const QString &errorString() const { return m_result.error; }
    // Stops after the current item; nothing is left at the path (an existing file is kept).
    void cancel();

Q_SIGNALS:
    // Out of `total` steps (a CSV or GeoPackage goes over the items twice).
    void progress(qint64 done, qint64 total);
    void finished();

private:
    void onFinished();

    QString m_path;
    ExportFormat m_format;
    int m_count;
    QFutureWatcher<ExportResult> m_watcher;
    ExportResult m_result;
    bool m_finished = false;
};

} // namespace StacScope
