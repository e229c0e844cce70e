#pragma once

#include <memory>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QThreadPool>

namespace StacScope {

class HttpCall;
class NetworkClient;

// The bytes of small item previews (thumbnails) for the results table: from a local file or
// resource (the demo catalog's), from a disk cache, or fetched through the app's NetworkClient
// (so a catalog's credentials go with it, per origin) a few at a time, then kept in the cache.
// The cache is a folder of files named by a hash of the URL, bounded in size (the least recently
// written go first). Files are read and written on a worker thread; decoding is the UI's business.
class ThumbnailStore : public QObject
{
    Q_OBJECT
public:
    // `cacheDir` empty: no disk cache. `maxCacheBytes` bounds the folder.
    ThumbnailStore(
        NetworkClient *network, const QString &cacheDir, qint64 maxCacheBytes = 64 << 20, QObject *parent = nullptr);
    ~ThumbnailStore() override;

    // Asks for the bytes of `href` (an absolute URL, a local path or ":/resource"); loaded() or
    // failed() follows, once, however often it was asked for meanwhile.
    void request(const QString &href);
    // Drops the requests not yet sent (a new search, rows scrolled away).
    void cancelQueued();
    bool isPending(const QString &href) const { return m_pending.contains(href); }

    // Network requests sent so far (tests: the cache saves them).
    int networkRequests() const { return m_sent; }
    QString cacheDir() const { return m_cacheDir; }
    QString cachePath(const QString &href) const;
    static constexpr int kParallel = 4;

Q_SIGNALS:
    void loaded(const QString &href, const QByteArray &bytes);
    void failed(const QString &href, const QString &message);

private:
    void readFile(const QString &href, const QString &path, bool cached);
    void pump();
    void onFetched(HttpCall *call, const QString &href);

    NetworkClient *m_network;
    QString m_cacheDir;
    qint64 m_maxCacheBytes;
    // The folder's size, read and written only on m_disk's one thread (-1: not measured yet).
    std::shared_ptr<qint64> m_cacheBytes;
    QThreadPool m_disk;
    QSet<QString> m_pending; // asked for, not answered yet
    QStringList m_queue; // waiting for a network slot
    QHash<HttpCall *, QString> m_calls;
    int m_sent = 0;
};

} // namespace StacScope
