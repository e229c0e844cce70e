#pragma once

#include <functional>

#include <QCache>
#include <QFutureWatcher>
#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>

namespace StacScope {

class HttpCall;
class ItemStore;
class NetworkClient;
class QuicklookLayer;

// Fetches the thumbnails of the selected store rows and hands them to a QuicklookLayer. Local
// thumbnails (file paths, file:, qrc: and :/ paths) are read directly, http(s) ones through the
// NetworkClient without blocking and decoded on a worker (QtConcurrent); requests and decodes for
// rows that left the selection are cancelled. Decoded images are cached by href so reselecting an
// item shows it at once.
class QuicklookLoader : public QObject
{
    Q_OBJECT
public:
    QuicklookLoader(const ItemStore *store, NetworkClient *network, QuicklookLayer *layer, QObject *parent = nullptr);
    ~QuicklookLoader() override;

    // The rows whose quicklooks should be shown; others are dropped from the layer.
    void setRows(const QList<int> &rows);
    const QList<int> &rows() const { return m_rows; }
    // Requests and decodes still under way.
    int pendingCount() const { return int(m_calls.size() + m_decoding.size()); }
    bool isCached(const QString &href) const { return m_cache.contains(href); }
    // Cache budget in kilobytes of decoded pixels.
    void setCacheSize(qsizetype kilobytes) { m_cache.setMaxCost(kilobytes); }

    // Longest side a decoded quicklook keeps; larger ones are scaled down to save memory.
    static constexpr int kMaxSide = 1024;

Q_SIGNALS:
    // A row's image arrived and was decoded (not for cache hits).
    void loaded(int row);
    void failed(int row, const QString &message);

private:
    void request(int row, const QString &href);
    void decodeLater(int row, const QString &href, std::function<QImage()> work);
    void store(int row, const QString &href, const QImage &image);
    void cancel(int row);
    void updateLayer();
    static QImage decode(const QByteArray &bytes);

    const ItemStore *m_store;
    NetworkClient *m_network;
    QuicklookLayer *m_layer;
    QList<int> m_rows;
    QHash<int, QImage> m_images; // the selected rows' images, safe from cache eviction
    QHash<int, HttpCall *> m_calls;
    QHash<int, QFutureWatcher<QImage> *> m_decoding; // children of this loader
    QCache<QString, QImage> m_cache;
};

} // namespace StacScope
