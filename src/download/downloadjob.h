#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include "src/download/downloadtask.h"
#include "src/download/multihash.h"
#include "src/download/partfile.h"
#include "src/download/speedmeter.h"
#include "src/net/retrypolicy.h"

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace StacScope {

class Authenticator;
class BandwidthLimiter;
class UrlRefresher;

// Downloads one asset (a DownloadTask) to `<target>.part`, chunk by chunk as it arrives, resuming
// with Range/If-Range from the bytes on disk, verifying size, Content-Length and the multihash
// checksum while it receives, and renaming into place only when everything matched. Redirects are
// followed by hand (RedirectPolicy), transient failures retried with backoff (RetryPolicy),
// expired links re-signed through a UrlRefresher. Hashing of bytes already on disk runs in
// QtConcurrent. A job can be started again after Paused, Failed or Canceled.
class DownloadJob : public QObject
{
    Q_OBJECT
public:
    using FreeSpaceProbe = std::function<qint64(const QString &directory)>;

    DownloadJob(QNetworkAccessManager *nam, const DownloadTask &task, QObject *parent = nullptr);
    ~DownloadJob() override;

    const DownloadTask &task() const { return m_task; }
    qint64 id() const { return m_task.id; }
    DownloadState state() const { return m_task.state; }
    QString errorString() const { return m_task.error; }
    // Completed without transferring: the target was already there with the right size/checksum.
    bool wasSkipped() const { return m_skipped; }
    // Requests that failed in this run (reset when bytes on disk grow past the previous best).
    int failedAttempts() const { return m_tries; }
    double speed() const; // bytes/s over the last ~2 s; 0 when not downloading
    qint64 eta() const; // seconds; -1 when unknown

    // Not owned; must outlive the job.
    void setUrlRefresher(UrlRefresher *refresher) { m_refresher = refresher; }
    // Credentials for the task's own origin, asked for at each request. Not owned.
    void setAuthenticator(Authenticator *authenticator) { m_authenticator = authenticator; }
    void setBandwidthLimiter(BandwidthLimiter *limiter);
    void setMaxAttempts(int n) { m_retry.maxAttempts = qMax(1, n); }
    void setBaseRetryDelay(int ms) { m_retry.baseDelayMs = qMax(0, ms); }
    void setMaxRetryDelay(int ms) { m_retry.maxDelayMs = qMax(0, ms); }
    void setInactivityTimeout(int ms) { m_inactivityMs = ms; }
    // Free bytes of a directory; QStorageInfo by default. Tests replace it to fake a full disk.
    void setFreeSpaceProbe(FreeSpaceProbe probe);
    // Bytes to leave free on the target's file system.
    void setFreeSpaceReserve(qint64 bytes) { m_reserve = std::max<qint64>(0, bytes); }
    // How often (in received bytes) free space is checked during a transfer.
    void setFreeSpaceCheckInterval(qint64 bytes) { m_spaceCheckInterval = std::max<qint64>(1, bytes); }
    // The reply's buffer: what it holds before TCP back-pressure stops the sender.
    void setReadBufferSize(qint64 bytes) { m_readBufferSize = std::max<qint64>(16 * 1024, bytes); }

    static qint64 storageFreeSpace(const QString &directory);

public Q_SLOTS:
    // From Queued, Paused, Failed or Canceled; resumes from the bytes on disk.
    void start();
    // Keeps the .part and its sidecar.
    void pause();
    // Deletes the .part and its sidecar (never a completed file).
    void cancel();

Q_SIGNALS:
    void stateChanged(StacScope::DownloadState state);
    void progressChanged(qint64 received, qint64 total);
    // Target path, URL, validators or sizes changed: worth persisting.
    void taskUpdated();
    void retryScheduled(int attempt, int delayMs);

private:
    // Before the transfer (downloadjob.cpp).
    void checkExistingTarget();
    void handleExistingTarget(bool matches);
    void preparePart();
    void beginTransfer();
    bool checkFreeSpace(qint64 needed, bool midTransfer);
    // The transfer (downloadjobtransfer.cpp).
    void sendRequest();
    void issueRequest(const QUrl &url);
    void send(const QUrl &url, const HttpHeaders &credentials);
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    bool acceptHeaders();
    void readAvailable(bool ignoreLimit);
    bool writeChunk(QByteArrayView chunk);
    void completeTransfer();
    void followRedirect(const QByteArray &location);
    void handleErrorStatus(int status, const QByteArray &body, const QByteArray &retryAfter, const QByteArray &reason);
    void handleRangeNotSatisfiable(const QByteArray &contentRange);
    void handleNetworkFailure(const QString &message, bool retryable);
    void refreshUrl();
    void restartFromZero();
    void onInactivity();
    // The end (downloadjob.cpp).
    void scheduleRetry(const QString &reason, const QByteArray &retryAfter = {});
    void verifyAndCommit();
    void fail(const QString &message, bool deletePart);
    void pauseWith(const QString &message);
    void dropReply();
    void stopTimers();
    void setState(DownloadState state);
    void writeSidecar();
    void emitProgress();
    QString directory() const;

    QPointer<QNetworkAccessManager> m_nam;
    DownloadTask m_task;
    PartFile m_part;
    std::optional<Multihash> m_expectedHash;
    std::shared_ptr<Multihash::Hasher> m_hasher;
    QPointer<QNetworkReply> m_reply;
    UrlRefresher *m_refresher = nullptr;
    Authenticator *m_authenticator = nullptr;
    HttpHeaders m_credentials; // of the request in flight only
    bool m_authReplayed = false;
    QPointer<BandwidthLimiter> m_limiter;
    RetryPolicy m_retry;
    FreeSpaceProbe m_freeSpace;
    SpeedMeter m_speed;
    QTimer *m_retryTimer;
    QTimer *m_inactivityTimer;
    QTimer *m_throttleTimer;

    QUrl m_requestUrl;
    bool m_sendHeaders = true;
    int m_hops = 0;
    bool m_headersAccepted = false;
    bool m_replyFinished = false;
    qint64 m_responseTotal = -1; // the whole entity
    qint64 m_responseLength = -1; // this response's body (Content-Length)
    qint64 m_responseReceived = 0;
    qint64 m_highWater = 0;
    qint64 m_lastSpaceCheck = 0;
    int m_tries = 0;
    bool m_refreshUsed = false;
    bool m_skipped = false;
    quint64 m_generation = 0; // bumped by start/pause/cancel so stale callbacks are ignored

    int m_inactivityMs = 60000;
    qint64 m_reserve = 0;
    qint64 m_spaceCheckInterval = 4 * 1024 * 1024;
    qint64 m_readBufferSize = 2 * 1024 * 1024;
    QByteArray m_readBuffer;
};

} // namespace StacScope
