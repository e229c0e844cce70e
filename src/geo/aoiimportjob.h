#pragma once

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>

#include "src/geo/aoifile.h"

namespace StacScope {

// Reads an AOI file on a worker thread (GDAL does blocking file I/O), so the GUI never waits.
// Starts on construction; finished() is emitted once from the event loop, unless canceled.
class AoiImportJob : public QObject
{
    Q_OBJECT
public:
    explicit AoiImportJob(const QString &path, QObject *parent = nullptr);

    QString path() const { return m_path; }
    bool isFinished() const { return m_finished; }
    bool isOk() const { return m_finished && m_error.isEmpty(); }
    const QList<ImportedAoi> &aois() const { return m_aois; }
    // A message naming the file, empty on success.
    const QString &errorString() const { return m_error; }
    // The read itself cannot be interrupted; its result is dropped and finished() is not emitted.
    void cancel();

Q_SIGNALS:
    void finished();

private:
    struct Result
    {
        QList<ImportedAoi> aois;
        QString error;
    };
    void onRead();

    QString m_path;
    QFutureWatcher<Result> m_watcher;
    QList<ImportedAoi> m_aois;
    QString m_error;
    bool m_finished = false;
    bool m_canceled = false;
};

} // namespace StacScope
