#include "src/net/thumbnailstore.h"

#include <algorithm>
#include <vector>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QSaveFile>
#include <QThreadPool>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include "src/net/httprequest.h"
#include "src/net/networkclient.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

struct FileResult
{
    QByteArray bytes;
    QString error;
};

FileResult readWhole(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return { {}, file.errorString() };
    }
    return { file.readAll(), {} };
}

qint64 measureCache(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, { u"*.thumb"_s }, QDir::Files);
    while (it.hasNext()) {
        total += it.nextFileInfo().size();
    }
    return total;
}

// The oldest files go until the folder is at 3/4 of `limit`; returns its size.
qint64 trimCache(const QString &dir, qint64 limit)
{
    std::vector<std::pair<QDateTime, QFileInfo>> files;
    qint64 total = 0;
    QDirIterator it(dir, { u"*.thumb"_s }, QDir::Files);
    while (it.hasNext()) {
        const QFileInfo info = it.nextFileInfo();
        total += info.size();
        files.emplace_back(info.lastModified(), info);
    }
    std::sort(files.begin(), files.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[when, info] : files) {
        if (total <= limit * 3 / 4) {
            break;
        }
        if (QFile::remove(info.filePath())) {
            total -= info.size();
        }
    }
    return total;
}

} // namespace

ThumbnailStore::ThumbnailStore(NetworkClient *network, const QString &cacheDir, qint64 maxCacheBytes, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_cacheDir(cacheDir)
    , m_maxCacheBytes(maxCacheBytes)
    , m_cacheBytes(std::make_shared<qint64>(-1))
{
    m_disk.setMaxThreadCount(1);
}

ThumbnailStore::~ThumbnailStore()
{
    m_disk.waitForDone(); // a few small files at most
    for (auto it = m_calls.begin(); it != m_calls.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->cancel();
    }
}

QString ThumbnailStore::cachePath(const QString &href) const
{
    if (m_cacheDir.isEmpty()) {
        return {};
    }
    const QByteArray hash = QCryptographicHash::hash(href.toUtf8(), QCryptographicHash::Sha1).toHex();
    return m_cacheDir + u'/' + QString::fromLatin1(hash) + u".thumb"_s;
}

void ThumbnailStore::request(const QString &href)
{
    if (href.isEmpty() || m_pending.contains(href)) {
        return;
    }
    m_pending.insert(href);
    const QUrl url(href);
    if (url.scheme() == u"qrc"_s || href.startsWith(u":/"_s) || url.isLocalFile()
        || (url.scheme().isEmpty() && QFileInfo(href).isAbsolute())) {
        readFile(
            href, url.scheme() == u"qrc"_s ? u':' + url.path() : (url.isLocalFile() ? url.toLocalFile() : href), false);
        return;
    }
    if (url.scheme() != u"http"_s && url.scheme() != u"https"_s) {
        m_pending.remove(href);
        Q_EMIT failed(href, tr("No preview at %1 (not a web address or a file)").arg(href));
        return;
    }
    const QString cached = cachePath(href);
    if (!cached.isEmpty() && QFileInfo::exists(cached)) {
        readFile(href, cached, true);
        return;
    }
    m_queue.append(href);
    pump();
}

void ThumbnailStore::readFile(const QString &href, const QString &path, bool cached)
{
    auto *watcher = new QFutureWatcher<FileResult>(this);
    connect(watcher, &QFutureWatcher<FileResult>::finished, this, [this, watcher, href, cached] {
        watcher->deleteLater();
        const FileResult result = watcher->result();
        if (!m_pending.remove(href)) {
            return; // canceled meanwhile
        }
        if (!result.error.isEmpty() && cached) {
            // The cache lost the file (trimmed by another window): fetch it again.
            m_pending.insert(href);
            m_queue.append(href);
            pump();
            return;
        }
        if (!result.error.isEmpty()) {
            Q_EMIT failed(href, tr("The preview could not be read: %1").arg(result.error));
            return;
        }
        Q_EMIT loaded(href, result.bytes);
    });
    watcher->setFuture(QtConcurrent::run(readWhole, path));
}

void ThumbnailStore::cancelQueued()
{
    for (const QString &href : std::as_const(m_queue)) {
        m_pending.remove(href);
    }
    m_queue.clear();
}

void ThumbnailStore::pump()
{
    while (m_calls.size() < kParallel && !m_queue.isEmpty()) {
        const QString href = m_queue.takeFirst();
        HttpRequest request = HttpRequest::get(QUrl(href));
        request.accept = QByteArrayLiteral("image/*");
        HttpCall *call = m_network->send(request, this);
        ++m_sent;
        m_calls.insert(call, href);
        connect(call, &HttpCall::finished, this, [this, call, href] { onFetched(call, href); });
    }
}

void ThumbnailStore::onFetched(HttpCall *call, const QString &href)
{
    m_calls.remove(call);
    call->deleteLater();
    pump();
    if (!m_pending.remove(href)) {
        return;
    }
    if (!call->isOk()) {
        Q_EMIT failed(href, tr("The preview could not be fetched: %1").arg(call->error().toString()));
        return;
    }
    const QByteArray bytes = call->body();
    const QString path = cachePath(href);
    if (!path.isEmpty()) {
        // Written on the cache's own thread, one file after another, the folder trimmed there
        // too; a failure only means the next launch fetches it again.
        (void)QtConcurrent::run(
            &m_disk, [dir = m_cacheDir, path, bytes, limit = m_maxCacheBytes, total = m_cacheBytes] {
                QDir().mkpath(dir);
                QSaveFile file(path);
                if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
                    return;
                }
                *total = *total < 0 ? measureCache(dir) : *total + bytes.size();
                if (*total > limit) {
                    *total = trimCache(dir, limit);
                }
            });
    }
    Q_EMIT loaded(href, bytes);
}

} // namespace StacScope
