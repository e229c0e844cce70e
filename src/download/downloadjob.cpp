#include "src/download/downloadjob.h"

#include <algorithm>

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStorageInfo>
#include <QTimer>
#include <QtConcurrent>

#include "src/download/bandwidthlimiter.h"
#include "src/download/filenamesanitizer.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

} // namespace

DownloadJob::DownloadJob(QNetworkAccessManager *nam, const DownloadTask &task, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_task(task)
    , m_part(task.targetPath)
    , m_freeSpace(&DownloadJob::storageFreeSpace)
    , m_retryTimer(new QTimer(this))
    , m_inactivityTimer(new QTimer(this))
    , m_throttleTimer(new QTimer(this))
{
    m_retryTimer->setSingleShot(true);
    m_inactivityTimer->setSingleShot(true);
    m_throttleTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &DownloadJob::sendRequest);
    connect(m_inactivityTimer, &QTimer::timeout, this, &DownloadJob::onInactivity);
    connect(m_throttleTimer, &QTimer::timeout, this, [this] { readAvailable(false); });
}

DownloadJob::~DownloadJob()
{
    dropReply();
}

double DownloadJob::speed() const
{
    return m_task.state == DownloadState::Downloading ? m_speed.bytesPerSecond() : 0.0;
}

qint64 DownloadJob::eta() const
{
    const double s = speed();
    const qint64 total = m_task.total >= 0 ? m_task.total : m_task.expectedSize;
    if (s <= 0 || total < 0) {
        return -1;
    }
    return qint64(double(std::max<qint64>(0, total - m_task.received)) / s + 0.5);
}

void DownloadJob::setBandwidthLimiter(BandwidthLimiter *limiter)
{
    m_limiter = limiter;
}

void DownloadJob::setFreeSpaceProbe(FreeSpaceProbe probe)
{
    m_freeSpace = probe ? std::move(probe) : FreeSpaceProbe(&DownloadJob::storageFreeSpace);
}

qint64 DownloadJob::storageFreeSpace(const QString &directory)
{
    const QStorageInfo info(directory);
    return info.isValid() ? info.bytesAvailable() : -1;
}

QString DownloadJob::directory() const
{
    return QFileInfo(m_task.targetPath).absolutePath();
}

void DownloadJob::start()
{
    if (m_task.isActive() || m_task.state == DownloadState::Completed) {
        return;
    }
    ++m_generation;
    m_task.error.clear();
    m_tries = 0;
    m_skipped = false;
    m_refreshUsed = false;
    m_authReplayed = false;
    m_expectedHash.reset();
    m_hasher.reset();
    if (!m_task.checksum.isEmpty()) {
        // A checksum we cannot read (an algorithm OpenSSL lacks) is not checked; size still is.
        m_expectedHash = Multihash::fromHex(m_task.checksum);
    }
    m_part.setTargetPath(m_task.targetPath);
    setState(DownloadState::Connecting);
    // From the event loop, so that whoever started us sees state changes after start() returned.
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_generation) {
            checkExistingTarget();
        }
    });
}

void DownloadJob::checkExistingTarget()
{
    const QString scheme = m_task.url.scheme();
    // file: URLs (a static catalog's local or embedded files) are copied through the same checks.
    if (!m_task.url.isValid() || (scheme != u"http"_s && scheme != u"https"_s && !m_task.url.isLocalFile())) {
        fail(tr("Only http, https and file URLs can be downloaded (got \"%1\")").arg(m_task.url.scheme()), false);
        return;
    }
    if (m_task.targetPath.isEmpty() || !QDir().mkpath(directory())) {
        fail(tr("Cannot create the folder %1").arg(directory()), false);
        return;
    }
    const QFileInfo target(m_task.targetPath);
    if (!target.exists()) {
        preparePart();
        return;
    }
    const bool known = m_task.expectedSize >= 0 || m_expectedHash.has_value();
    const bool sizeOk = m_task.expectedSize < 0 || target.size() == m_task.expectedSize;
    if (!known || !sizeOk || target.isDir()) {
        handleExistingTarget(false);
        return;
    }
    if (!m_expectedHash) {
        handleExistingTarget(true);
        return;
    }
    setState(DownloadState::Verifying);
    const quint64 generation = m_generation;
    const QString path = m_task.targetPath;
    const Multihash::Algorithm algorithm = m_expectedHash->algorithm();
    auto *watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcher<QByteArray>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation) {
            handleExistingTarget(m_expectedHash->matches(watcher->result()));
        }
    });
    watcher->setFuture(QtConcurrent::run([path, algorithm] {
        QByteArray digest;
        {
            Multihash::Hasher hasher(algorithm);
            digest = hasher.addFile(path) ? hasher.result() : QByteArray();
        }
        Multihash::releaseThreadState();
        return digest;
    }));
}

void DownloadJob::handleExistingTarget(bool matches)
{
    if (matches
        || (m_task.existingPolicy == ExistingFilePolicy::KeepExisting && !QFileInfo(m_task.targetPath).isDir())) {
        // Already downloaded (or kept as asked): nothing to transfer; a stale .part of it is garbage.
        m_part.remove();
        m_skipped = true;
        m_task.received = QFileInfo(m_task.targetPath).size();
        m_task.total = m_task.received;
        emitProgress();
        setState(DownloadState::Completed);
        return;
    }
    if (m_task.existingPolicy == ExistingFilePolicy::Fail) {
        fail(tr("A different file already exists at %1").arg(QDir::toNativeSeparators(m_task.targetPath)), false);
        return;
    }
    setState(DownloadState::Connecting);
    preparePart(); // Overwrite and KeepBoth act only once ours is verified
}

void DownloadJob::preparePart()
{
    qint64 offset = 0;
    PartFile::Metadata meta;
    if (m_part.exists() && m_part.readSidecar(&meta)) {
        const qint64 onDisk = m_part.sizeOnDisk();
        const bool sameSize
            = m_task.expectedSize < 0 || meta.expectedSize < 0 || meta.expectedSize == m_task.expectedSize;
        const bool sameSum = m_task.checksum.isEmpty() || meta.checksum.isEmpty()
            || meta.checksum.compare(m_task.checksum, Qt::CaseInsensitive) == 0;
        const qint64 limit = m_task.expectedSize >= 0 ? m_task.expectedSize : meta.total;
        if (sameSize && sameSum && (limit < 0 || onDisk <= limit)) {
            offset = onDisk;
            m_task.etag = meta.etag;
            m_task.lastModified = meta.lastModified;
            m_task.total = meta.total;
        }
    }
    if (offset == 0) {
        // No .part, or one we cannot vouch for (no sidecar, another file): start from zero.
        m_task.etag.clear();
        m_task.lastModified.clear();
    }
    QString error;
    if (!m_part.open(offset == 0, &error)) {
        fail(error, false);
        return;
    }
    m_task.received = offset;
    m_highWater = offset;
    m_lastSpaceCheck = offset;
    emitProgress();

    const qint64 total = m_task.expectedSize >= 0 ? m_task.expectedSize : m_task.total;
    if (total >= 0 && !checkFreeSpace(total - offset, false)) {
        return;
    }
    if (!m_expectedHash) {
        beginTransfer();
        return;
    }
    if (offset == 0) {
        m_hasher = std::make_shared<Multihash::Hasher>(m_expectedHash->algorithm());
        beginTransfer();
        return;
    }
    // The bytes already on disk go through the hasher first, in a worker thread.
    const quint64 generation = m_generation;
    const QString path = m_part.partPath();
    const Multihash::Algorithm algorithm = m_expectedHash->algorithm();
    using Result = std::shared_ptr<Multihash::Hasher>;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation) {
            return;
        }
        m_hasher = watcher->result();
        if (!m_hasher) {
            // Unreadable .part: start over rather than fail.
            m_hasher = std::make_shared<Multihash::Hasher>(m_expectedHash->algorithm());
            QString openError;
            if (!m_part.open(true, &openError)) {
                fail(openError, false);
                return;
            }
            m_task.received = 0;
        }
        beginTransfer();
    });
    watcher->setFuture(QtConcurrent::run([path, algorithm, offset]() -> Result {
        auto hasher = std::make_shared<Multihash::Hasher>(algorithm);
        Result result = hasher->addFile(path, offset) ? hasher : nullptr;
        Multihash::releaseThreadState(); // the hasher's context goes on, on the job's thread
        return result;
    }));
}

void DownloadJob::beginTransfer()
{
    m_speed.reset();
    sendRequest();
}

bool DownloadJob::checkFreeSpace(qint64 needed, bool midTransfer)
{
    needed = std::max<qint64>(needed, midTransfer ? 1 : 0);
    if (needed <= 0) {
        return true;
    }
    const qint64 free = m_freeSpace(directory());
    if (free < 0 || free - m_reserve >= needed) {
        return true; // unknown free space: let the writes tell
    }
    const QString where = QDir::toNativeSeparators(directory());
    pauseWith(midTransfer
            ? tr("Disk full: %1 has %2 free, %3 more needed").arg(where, dataSize(free), dataSize(needed))
            : tr("Not enough free space on %1: need %2, %3 free").arg(where, dataSize(needed), dataSize(free)));
    return false;
}

void DownloadJob::scheduleRetry(const QString &reason, const QByteArray &retryAfter)
{
    // A try that got further than any before is progress, not a failure streak.
    if (m_part.size() > m_highWater) {
        m_highWater = m_part.size();
        m_tries = 0;
    }
    ++m_tries;
    if (m_tries >= m_retry.maxAttempts) {
        fail(tr("%1 (gave up after %n attempt(s))", nullptr, m_tries).arg(reason), false);
        return;
    }
    const int delay = m_retry.delayMs(m_tries, retryAfter);
    m_task.error = reason;
    setState(DownloadState::Connecting);
    Q_EMIT retryScheduled(m_tries, delay);
    m_retryTimer->start(delay);
}

void DownloadJob::verifyAndCommit()
{
    setState(DownloadState::Verifying);
    m_part.close();
    const qint64 size = m_part.size();
    if (m_task.expectedSize >= 0 && size != m_task.expectedSize) {
        fail(tr("Size mismatch: expected %1 bytes, got %2").arg(m_task.expectedSize).arg(size), true);
        return;
    }
    if (m_responseTotal >= 0 && size != m_responseTotal) {
        fail(tr("Content-Length mismatch: the server announced %1 bytes, got %2").arg(m_responseTotal).arg(size), true);
        return;
    }
    if (m_expectedHash && m_hasher) {
        const QByteArray digest = m_hasher->result();
        if (!m_expectedHash->matches(digest)) {
            fail(tr("Checksum mismatch (%1): expected %2, got %3")
                     .arg(m_expectedHash->name(), QString::fromLatin1(m_expectedHash->digest().toHex()),
                         QString::fromLatin1(digest.toHex())),
                true);
            return;
        }
    }
    QString finalPath = m_task.targetPath;
    bool overwrite = false;
    if (QFileInfo::exists(finalPath)) {
        switch (m_task.existingPolicy) {
        case ExistingFilePolicy::Fail:
            // Both files stay as they are: the user decides.
            fail(tr("A different file already exists at %1").arg(QDir::toNativeSeparators(finalPath)), false);
            return;
        case ExistingFilePolicy::Overwrite:
            overwrite = true;
            break;
        case ExistingFilePolicy::KeepBoth:
            finalPath = FileNameSanitizer::uniquePath(finalPath);
            break;
        case ExistingFilePolicy::KeepExisting:
            // It appeared while ours was downloading: theirs stays, ours goes.
            m_part.remove();
            m_skipped = true;
            m_task.received = QFileInfo(finalPath).size();
            m_task.total = m_task.received;
            emitProgress();
            setState(DownloadState::Completed);
            return;
        }
    }
    QString error;
    if (finalPath.isEmpty() || !m_part.commit(finalPath, overwrite, &error)) {
        fail(
            tr("Cannot move the download into place at %1: %2").arg(QDir::toNativeSeparators(finalPath), error), false);
        return;
    }
    m_task.targetPath = finalPath;
    m_task.received = size;
    m_task.total = size;
    m_task.error.clear();
    Q_EMIT taskUpdated();
    emitProgress();
    setState(DownloadState::Completed);
}

void DownloadJob::fail(const QString &message, bool deletePart)
{
    ++m_generation;
    dropReply();
    stopTimers();
    if (deletePart) {
        // A file that failed verification is never kept: resuming it would only fail again.
        m_part.remove();
        m_task.received = 0;
        m_task.etag.clear();
        m_task.lastModified.clear();
    } else if (m_part.sizeOnDisk() <= 0) {
        // Nothing arrived: an empty .part (and its sidecar) would only be clutter beside the
        // user's files, with nothing in it to resume from.
        m_part.remove();
    } else {
        m_part.close();
    }
    m_task.error = message;
    setState(DownloadState::Failed);
}

void DownloadJob::pauseWith(const QString &message)
{
    ++m_generation;
    dropReply();
    stopTimers();
    m_part.close();
    m_task.error = message;
    setState(DownloadState::Paused);
}

void DownloadJob::pause()
{
    if (m_task.state == DownloadState::Paused || m_task.state == DownloadState::Completed
        || m_task.state == DownloadState::Failed || m_task.state == DownloadState::Canceled) {
        return;
    }
    pauseWith({});
}

void DownloadJob::cancel()
{
    if (m_task.state == DownloadState::Completed || m_task.state == DownloadState::Canceled) {
        return;
    }
    ++m_generation;
    dropReply();
    stopTimers();
    m_part.remove();
    m_task.received = 0;
    m_task.error.clear();
    setState(DownloadState::Canceled);
}

void DownloadJob::dropReply()
{
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void DownloadJob::stopTimers()
{
    m_retryTimer->stop();
    m_inactivityTimer->stop();
    m_throttleTimer->stop();
}

void DownloadJob::setState(DownloadState state)
{
    if (state != DownloadState::Downloading) {
        m_speed.reset();
    }
    if (m_task.state == state) {
        return;
    }
    m_task.state = state;
    if (state == DownloadState::Completed || state == DownloadState::Failed || state == DownloadState::Canceled) {
        m_task.finished = QDateTime::currentDateTimeUtc();
    }
    Q_EMIT stateChanged(state);
}

void DownloadJob::writeSidecar()
{
    PartFile::Metadata meta;
    meta.url = m_task.url;
    meta.etag = m_task.etag;
    meta.lastModified = m_task.lastModified;
    meta.total = m_task.total;
    meta.expectedSize = m_task.expectedSize;
    meta.checksum = m_task.checksum;
    m_part.writeSidecar(meta);
}

void DownloadJob::emitProgress()
{
    Q_EMIT progressChanged(m_task.received, m_task.total >= 0 ? m_task.total : m_task.expectedSize);
}

} // namespace StacScope
