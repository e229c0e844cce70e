#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include "src/download/downloadtask.h"

class QNetworkAccessManager;
class QTimer;

namespace StacScope {

class Authenticator;
class BandwidthLimiter;
class DownloadJob;
class DownloadPersistence;
class UrlRefresher;

// The download queue: runs DownloadJobs in queue order under a global and a per-host cap, shares
// one bandwidth limit between them, and keeps the queue in a DownloadPersistence so that a crash or
// a kill loses nothing (active tasks come back Queued and resume from their .part files).
class DownloadManager : public QObject
{
    Q_OBJECT
public:
    explicit DownloadManager(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~DownloadManager() override;

    // Loads the saved queue; tasks that were Connecting/Downloading/Verifying come back Queued and resume
    // from their .part; Paused stay paused; saves every change afterwards (state changes at once, progress
    // at most every ~2 s per task). nullptr = no persistence. Call it before enqueueing anything.
    void setPersistence(DownloadPersistence *persistence);
    // Not owned; must outlive the manager. Set both before setPersistence(): a restored task
    // whose credentials no longer exist waits paused.
    void setUrlRefresher(UrlRefresher *refresher);
    void setAuthenticator(Authenticator *authenticator);
    void setMaxParallel(int n);
    int maxParallel() const { return m_maxParallel; }
    void setMaxPerHost(int n);
    int maxPerHost() const { return m_maxPerHost; }
    void setBandwidthLimit(qint64 bytesPerSecond); // 0 = none (default)
    qint64 bandwidthLimit() const;
    void setMaxAttempts(int n);
    void setBaseRetryDelay(int ms);
    void setInactivityTimeout(int ms);
    void setFreeSpaceProbe(std::function<qint64(const QString &directory)> probe); // tests

    qint64 enqueue(const DownloadTask &task); // returns the id
    QList<qint64> enqueue(const QList<DownloadTask> &tasks);
    void pause(qint64 id);
    void resume(qint64 id);
    void cancel(qint64 id);
    void retry(qint64 id);
    void remove(qint64 id, bool deleteFiles = false); // cancels if active; deleteFiles removes the completed file
    void pause(const QList<qint64> &ids);
    void resume(const QList<qint64> &ids);
    void cancel(const QList<qint64> &ids);
    void retry(const QList<qint64> &ids);
    void remove(const QList<qint64> &ids, bool deleteFiles = false);
    void pauseAll();
    void resumeAll();
    void move(qint64 id, int newIndex); // reorder; queued tasks start in order
    QList<qint64> order() const { return m_order; }
    bool contains(qint64 id) const { return m_entries.contains(id); }
    DownloadTask task(qint64 id) const;
    double speed(qint64 id) const; // bytes/s, smoothed; 0 when not downloading
    qint64 eta(qint64 id) const; // seconds, -1 unknown
    double totalSpeed() const;
    qint64 totalBytes() const; // over tasks not Canceled
    qint64 receivedBytes() const;
    int activeCount() const;
    // Whether a Completed task found its file already in place and transferred nothing.
    bool wasSkipped(qint64 id) const { return m_entries.value(id).skipped; }
    // A Completed task whose ZIP is being unpacked right now (its UnpackState is still Pending).
    bool isUnpacking(qint64 id) const;

Q_SIGNALS:
    void taskAdded(qint64 id);
    void taskChanged(qint64 id); // state, progress (throttled to ~4 per second per task), error
    void taskRemoved(qint64 id);
    void orderChanged();
    // A task's ZIP was unpacked (`ok`, `files` written into task(id).unpackDetail) or not (the
    // reason in unpackDetail). Not emitted for a file that turned out to be no ZIP.
    void taskUnpacked(qint64 id, bool ok, int files);
    void queueFinished(
        int completed, int failed); // the queue went idle: nothing Queued or active; counts since the last idle

private:
    struct Entry
    {
        DownloadTask task;
        QPointer<DownloadJob> job;
        qint64 lastSaveMs = -1;
        qint64 lastNotifyMs = -1;
        bool notifyPending = false;
        bool skipped = false;
    };

    qint64 addTask(const DownloadTask &task);
    void scheduleSoon();
    void schedule();
    void startJob(qint64 id);
    void onJobStateChanged(qint64 id);
    void onJobProgress(qint64 id);
    void flushNotifications();
    void save(Entry &entry);
    void saveOrder();
    void changeState(qint64 id, DownloadState state);
    void checkIdle();
    void startUnpack(qint64 id); // downloadmanagerunpack.cpp
    bool isRunning(const Entry &entry) const;

    QPointer<QNetworkAccessManager> m_nam;
    DownloadPersistence *m_persistence = nullptr;
    UrlRefresher *m_refresher = nullptr;
    Authenticator *m_authenticator = nullptr;
    BandwidthLimiter *m_limiter;
    std::function<qint64(const QString &)> m_freeSpaceProbe;
    QHash<qint64, Entry> m_entries;
    QList<qint64> m_order;
    QSet<qint64> m_unpacking;
    QTimer *m_notifyTimer;
    QElapsedTimer m_clock;
    qint64 m_nextId = 1;
    int m_maxParallel = 4;
    int m_maxPerHost = 4;
    int m_maxAttempts = 5;
    int m_baseRetryDelayMs = 1000;
    int m_inactivityMs = 60000;
    int m_completed = 0;
    int m_failed = 0;
    bool m_busy = false; // something ran since the last queueFinished
    bool m_scheduled = false;
};

} // namespace StacScope
