#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTextStream>

#include "src/download/assetselection.h"
#include "src/download/downloadplanner.h"

class QNetworkAccessManager;
class QTimer;

namespace StacScope {

class CredentialRouter;
class DownloadManager;
class UrlRefresher;

// stacscope-cli download: plans the selected assets of some items into tasks and runs them on the
// same DownloadManager the app uses. Progress goes to stderr, as redrawn bars on a terminal and as
// plain lines otherwise. A run left half-way (Ctrl-C, kill -9) resumes from its .part files.
class CliDownload : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        DownloadPlanOptions plan;
        int parallel = 4;
        HttpHeaders headers; // sent to each asset's own origin (as curl -H), never across a redirect
    };

    // Credentials come from `router` at send time (the --header values are bound there per asset
    // origin); expired provider links are signed again by `refresher` (may be null).
    CliDownload(QNetworkAccessManager *nam, CredentialRouter *router, UrlRefresher *refresher, QTextStream &err,
        QObject *parent = nullptr);
    ~CliDownload() override;

    // Plans and starts; finished() follows with 0 when every selected asset is complete and
    // verified, 3 otherwise (the reasons are printed per file).
    void start(const AssetSelection &selection, const Options &options);
    // Tasks planned elsewhere (a provider's delivery).
    void startTasks(const QList<DownloadTask> &tasks, int parallel, const QString &directory);
    // The tasks as they ended, in queue order (a target renamed by the server's name included).
    QList<DownloadTask> tasks() const;

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onTaskChanged(qint64 id);
    void onQueueFinished();
    void redraw();
    void printLine(const QString &line);
    QString barLine(qint64 id) const;
    QString verifiedBy(qint64 id) const;

    DownloadManager *m_manager;
    CredentialRouter *m_router;
    QTextStream &m_err;
    QTimer *m_redrawTimer;
    QStringList m_skipped; // selected assets that could not be planned, with reasons
    QHash<qint64, int> m_lastState;
    QElapsedTimer m_clock;
    qint64 m_lastPlainReport = 0;
    int m_drawnLines = 0;
    bool m_terminal = false;
    bool m_finished = false;
};

} // namespace StacScope
