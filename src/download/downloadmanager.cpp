#include "src/download/downloadmanager.h"

#include <algorithm>

#include <QFile>
#include <QTimer>

#include "src/download/bandwidthlimiter.h"
#include "src/download/downloadjob.h"
#include "src/download/downloadpersistence.h"
#include "src/download/partfile.h"
#include "src/download/urlrefresher.h"
#include "src/net/authenticator.h"

namespace StacScope {

namespace {

constexpr qint64 kNotifyIntervalMs = 250;
constexpr qint64 kSaveIntervalMs = 2000;

} // namespace

DownloadManager::DownloadManager(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_limiter(new BandwidthLimiter(this))
    , m_notifyTimer(new QTimer(this))
{
    m_clock.start();
    m_notifyTimer->setSingleShot(true);
    m_notifyTimer->setInterval(int(kNotifyIntervalMs));
    connect(m_notifyTimer, &QTimer::timeout, this, &DownloadManager::flushNotifications);
}

DownloadManager::~DownloadManager()
{
    // Running tasks are saved as they are; the next manager resumes them from their .part files.
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->job) {
            it->job->disconnect(this);
            it->task = it->job->task();
            save(*it);
            delete it->job;
        }
    }
}

void DownloadManager::setAuthenticator(Authenticator *authenticator)
{
    m_authenticator = authenticator;
    for (Entry &entry : m_entries) {
        if (entry.job) {
            entry.job->setAuthenticator(authenticator);
        }
    }
}

void DownloadManager::setUrlRefresher(UrlRefresher *refresher)
{
    m_refresher = refresher;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.job) {
            entry.job->setUrlRefresher(refresher);
        }
    }
}

void DownloadManager::setMaxParallel(int n)
{
    m_maxParallel = qMax(1, n);
    scheduleSoon();
}

void DownloadManager::setMaxPerHost(int n)
{
    m_maxPerHost = qMax(1, n);
    scheduleSoon();
}

void DownloadManager::setBandwidthLimit(qint64 bytesPerSecond)
{
    m_limiter->setRate(bytesPerSecond);
}

qint64 DownloadManager::bandwidthLimit() const
{
    return m_limiter->rate();
}

void DownloadManager::setMaxAttempts(int n)
{
    m_maxAttempts = qMax(1, n);
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.job) {
            entry.job->setMaxAttempts(m_maxAttempts);
        }
    }
}

void DownloadManager::setBaseRetryDelay(int ms)
{
    m_baseRetryDelayMs = qMax(0, ms);
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.job) {
            entry.job->setBaseRetryDelay(m_baseRetryDelayMs);
        }
    }
}

void DownloadManager::setInactivityTimeout(int ms)
{
    m_inactivityMs = ms;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.job) {
            entry.job->setInactivityTimeout(m_inactivityMs);
        }
    }
}

void DownloadManager::setFreeSpaceProbe(std::function<qint64(const QString &)> probe)
{
    m_freeSpaceProbe = std::move(probe);
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.job) {
            entry.job->setFreeSpaceProbe(m_freeSpaceProbe);
        }
    }
}

qint64 DownloadManager::addTask(const DownloadTask &source)
{
    DownloadTask task = source;
    task.id = 0;
    task.state = DownloadState::Queued;
    task.error.clear();
    task.attempts = 0;
    if (!task.linkFromProvider && m_refresher && m_refresher->adopts(task)) {
        task.linkFromProvider = true; // a provider's link endpoint: signed first, no credentials to the file host
    }
    if (!task.added.isValid()) {
        task.added = QDateTime::currentDateTimeUtc();
    }
    qint64 id = m_persistence ? m_persistence->saveTask(task) : 0;
    if (id <= 0 || m_entries.contains(id)) {
        id = m_nextId; // no persistence, or it failed: the queue still works for this session
    }
    m_nextId = qMax(m_nextId, id + 1);
    task.id = id;
    Entry entry;
    entry.task = task;
    entry.lastSaveMs = m_clock.elapsed();
    m_entries.insert(id, entry);
    m_order.append(id);
    return id;
}

qint64 DownloadManager::enqueue(const DownloadTask &task)
{
    const qint64 id = addTask(task);
    saveOrder();
    Q_EMIT taskAdded(id);
    scheduleSoon();
    return id;
}

QList<qint64> DownloadManager::enqueue(const QList<DownloadTask> &tasks)
{
    QList<qint64> ids;
    ids.reserve(tasks.size());
    for (const DownloadTask &task : tasks) {
        ids.append(addTask(task));
    }
    saveOrder();
    for (const qint64 id : std::as_const(ids)) {
        Q_EMIT taskAdded(id);
    }
    scheduleSoon();
    return ids;
}

void DownloadManager::changeState(qint64 id, DownloadState state)
{
    Entry &entry = m_entries[id];
    entry.task.state = state;
    if (state == DownloadState::Queued) {
        entry.task.error.clear();
    }
    save(entry);
    Q_EMIT taskChanged(id);
    scheduleSoon();
}

void DownloadManager::pause(qint64 id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        return;
    }
    if (it->job) {
        it->job->pause(); // reports Paused through onJobStateChanged
    } else if (it->task.state == DownloadState::Queued) {
        changeState(id, DownloadState::Paused);
    }
}

void DownloadManager::resume(qint64 id)
{
    auto it = m_entries.find(id);
    if (it != m_entries.end() && !it->job && it->task.state == DownloadState::Paused) {
        changeState(id, DownloadState::Queued);
    }
}

void DownloadManager::retry(qint64 id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->job) {
        return;
    }
    const DownloadState s = it->task.state;
    if (s == DownloadState::Failed || s == DownloadState::Canceled || s == DownloadState::Paused) {
        it->task.attempts = 0;
        changeState(id, DownloadState::Queued); // from the bytes on disk, if any are left
    }
}

void DownloadManager::cancel(qint64 id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        return;
    }
    if (it->job) {
        it->job->cancel();
        return;
    }
    if (it->task.state == DownloadState::Completed || it->task.state == DownloadState::Canceled) {
        return;
    }
    PartFile(it->task.targetPath).remove();
    it->task.received = 0;
    changeState(id, DownloadState::Canceled);
}

void DownloadManager::remove(qint64 id, bool deleteFiles)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        return;
    }
    if (it->job) {
        DownloadJob *job = it->job;
        job->disconnect(this);
        job->cancel();
        it->task = job->task();
        job->deleteLater();
    }
    if (it->task.state == DownloadState::Completed) {
        if (deleteFiles) {
            QFile::remove(it->task.targetPath);
        }
    } else {
        PartFile(it->task.targetPath).remove(); // an unfinished .part of a removed task is garbage
    }
    m_entries.erase(it);
    m_order.removeAll(id);
    if (m_persistence) {
        m_persistence->removeTask(id);
    }
    saveOrder();
    Q_EMIT taskRemoved(id);
    scheduleSoon();
}

void DownloadManager::pause(const QList<qint64> &ids)
{
    for (const qint64 id : ids) {
        pause(id);
    }
}

void DownloadManager::resume(const QList<qint64> &ids)
{
    for (const qint64 id : ids) {
        resume(id);
    }
}

void DownloadManager::cancel(const QList<qint64> &ids)
{
    for (const qint64 id : ids) {
        cancel(id);
    }
}

void DownloadManager::retry(const QList<qint64> &ids)
{
    for (const qint64 id : ids) {
        retry(id);
    }
}

void DownloadManager::remove(const QList<qint64> &ids, bool deleteFiles)
{
    for (const qint64 id : ids) {
        remove(id, deleteFiles);
    }
}

void DownloadManager::pauseAll()
{
    pause(m_order);
}

void DownloadManager::resumeAll()
{
    resume(m_order);
}

void DownloadManager::move(qint64 id, int newIndex)
{
    const qsizetype from = m_order.indexOf(id);
    if (from < 0) {
        return;
    }
    const qsizetype to = std::clamp<qsizetype>(newIndex, 0, m_order.size() - 1);
    if (from == to) {
        return;
    }
    m_order.move(from, to);
    saveOrder();
    Q_EMIT orderChanged();
    scheduleSoon();
}

DownloadTask DownloadManager::task(qint64 id) const
{
    return m_entries.value(id).task;
}

double DownloadManager::speed(qint64 id) const
{
    const auto it = m_entries.constFind(id);
    return it != m_entries.cend() && it->job ? it->job->speed() : 0.0;
}

qint64 DownloadManager::eta(qint64 id) const
{
    const auto it = m_entries.constFind(id);
    return it != m_entries.cend() && it->job ? it->job->eta() : -1;
}

double DownloadManager::totalSpeed() const
{
    double sum = 0;
    for (const Entry &entry : m_entries) {
        sum += entry.job ? entry.job->speed() : 0.0;
    }
    return sum;
}

qint64 DownloadManager::totalBytes() const
{
    qint64 sum = 0;
    for (const Entry &entry : m_entries) {
        if (entry.task.state != DownloadState::Canceled) {
            const DownloadTask &t = entry.task;
            sum += t.total >= 0 ? t.total : (t.expectedSize >= 0 ? t.expectedSize : t.received);
        }
    }
    return sum;
}

qint64 DownloadManager::receivedBytes() const
{
    qint64 sum = 0;
    for (const Entry &entry : m_entries) {
        if (entry.task.state != DownloadState::Canceled) {
            sum += entry.task.received;
        }
    }
    return sum;
}

bool DownloadManager::isRunning(const Entry &entry) const
{
    return entry.job && entry.job->task().isActive();
}

int DownloadManager::activeCount() const
{
    int n = 0;
    for (const Entry &entry : m_entries) {
        n += isRunning(entry) ? 1 : 0;
    }
    return n;
}

void DownloadManager::scheduleSoon()
{
    // Coalesces a burst of changes (enqueue of 500 tasks, pauseAll) into one pass.
    if (!m_scheduled) {
        m_scheduled = true;
        QTimer::singleShot(0, this, &DownloadManager::schedule);
    }
}

void DownloadManager::schedule()
{
    m_scheduled = false;
    QHash<QString, int> perHost;
    int running = 0;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (isRunning(entry)) {
            ++running;
            ++perHost[entry.task.url.host().toLower()];
        }
    }
    for (const qint64 id : std::as_const(m_order)) {
        if (running >= m_maxParallel) {
            break;
        }
        const Entry &entry = m_entries[id];
        if (entry.task.state != DownloadState::Queued || entry.job) {
            continue;
        }
        const QString host = entry.task.url.host().toLower();
        if (perHost.value(host) >= m_maxPerHost) {
            continue;
        }
        ++running;
        ++perHost[host];
        startJob(id);
    }
    checkIdle();
}

void DownloadManager::startJob(qint64 id)
{
    Entry &entry = m_entries[id];
    auto *job = new DownloadJob(m_nam, entry.task, this);
    job->setUrlRefresher(m_refresher);
    job->setAuthenticator(m_authenticator);
    job->setBandwidthLimiter(m_limiter);
    job->setMaxAttempts(m_maxAttempts);
    job->setBaseRetryDelay(m_baseRetryDelayMs);
    job->setInactivityTimeout(m_inactivityMs);
    if (m_freeSpaceProbe) {
        job->setFreeSpaceProbe(m_freeSpaceProbe);
    }
    connect(job, &DownloadJob::stateChanged, this, [this, id] { onJobStateChanged(id); });
    connect(job, &DownloadJob::progressChanged, this, [this, id] { onJobProgress(id); });
    connect(job, &DownloadJob::taskUpdated, this, [this, id] {
        auto it = m_entries.find(id);
        if (it != m_entries.end() && it->job) {
            it->task = it->job->task();
            save(*it);
        }
    });
    entry.job = job;
    entry.skipped = false;
    m_busy = true;
    job->start();
}

void DownloadManager::onJobStateChanged(qint64 id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->job) {
        return;
    }
    DownloadJob *job = it->job;
    it->task = job->task();
    it->notifyPending = false;
    it->lastNotifyMs = m_clock.elapsed();
    if (!it->task.isActive() && it->task.state != DownloadState::Queued) {
        if (it->task.state == DownloadState::Completed) {
            ++m_completed;
            it->skipped = job->wasSkipped();
        } else if (it->task.state == DownloadState::Failed) {
            ++m_failed;
        }
        job->disconnect(this);
        job->deleteLater();
        it->job = nullptr;
        scheduleSoon();
    }
    save(*it);
    Q_EMIT taskChanged(id);
    startUnpack(id); // a verified ZIP the user asked to unpack
}

void DownloadManager::onJobProgress(qint64 id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->job) {
        return;
    }
    it->task = it->job->task();
    const qint64 now = m_clock.elapsed();
    if (it->lastSaveMs < 0 || now - it->lastSaveMs >= kSaveIntervalMs) {
        save(*it);
    }
    if (it->lastNotifyMs < 0 || now - it->lastNotifyMs >= kNotifyIntervalMs) {
        it->lastNotifyMs = now;
        it->notifyPending = false;
        Q_EMIT taskChanged(id);
    } else {
        it->notifyPending = true;
        if (!m_notifyTimer->isActive()) {
            m_notifyTimer->start();
        }
    }
}

void DownloadManager::flushNotifications()
{
    const qint64 now = m_clock.elapsed();
    QList<qint64> due;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->notifyPending) {
            it->notifyPending = false;
            it->lastNotifyMs = now;
            due.append(it.key());
        }
    }
    for (const qint64 id : std::as_const(due)) {
        Q_EMIT taskChanged(id);
    }
}

void DownloadManager::checkIdle()
{
    if (!m_busy) {
        return;
    }
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.job || entry.task.state == DownloadState::Queued) {
            return;
        }
    }
    if (!m_unpacking.isEmpty()) {
        return;
    }
    m_busy = false;
    const int completed = std::exchange(m_completed, 0);
    const int failed = std::exchange(m_failed, 0);
    Q_EMIT queueFinished(completed, failed);
}

} // namespace StacScope
