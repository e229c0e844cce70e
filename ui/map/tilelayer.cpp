#include "ui/map/tilelayer.h"

#include <algorithm>
#include <cmath>

#include <QFontMetricsF>
#include <QPainter>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include "src/net/tilefetcher.h"

namespace StacScope {

namespace {

constexpr qint64 kDefaultMemoryBytes = 96LL * 1024 * 1024;

// Rounded to whole pixels so that neighbouring tiles meet without seams.
QRectF screenRect(const MapViewport &viewport, const QRectF &world)
{
    const QPointF a = viewport.worldToScreen(world.topLeft());
    const QPointF b = viewport.worldToScreen(world.bottomRight());
    return QRectF(QPointF(std::round(a.x()), std::round(a.y())), QPointF(std::round(b.x()), std::round(b.y())));
}

} // namespace

TileLayer::TileLayer(TileFetcher *fetcher, QObject *parent)
    : MapLayer(parent)
    , m_fetcher(fetcher)
{
    setZOrder(kDefaultZOrder);
    setMemoryCacheSize(kDefaultMemoryBytes);
    if (m_fetcher) {
        connect(m_fetcher, &TileFetcher::tileReady, this, &TileLayer::addTile);
        connect(m_fetcher, &TileFetcher::offlineChanged, this, &TileLayer::onOfflineChanged);
    }
}

TileLayer::~TileLayer() = default;

void TileLayer::setSource(const TileSource &source)
{
    const bool wasShowing = isShowingTiles();
    m_source = source;
    m_hasSource = true;
    m_images.clear();
    dropAllDecodes();
    m_lastWanted.clear();
    if (m_fetcher) {
        m_fetcher->setSource(source);
    }
    if (wasShowing != isShowingTiles()) {
        Q_EMIT showingTilesChanged(isShowingTiles());
    }
    Q_EMIT changed();
}

void TileLayer::clearSource()
{
    const bool wasShowing = isShowingTiles();
    m_source = {};
    m_hasSource = false;
    m_images.clear();
    dropAllDecodes();
    m_lastWanted.clear();
    if (m_fetcher) {
        m_fetcher->clearSource();
    }
    if (wasShowing) {
        Q_EMIT showingTilesChanged(false);
    }
    Q_EMIT changed();
}

bool TileLayer::isShowingTiles() const
{
    return m_hasSource && !(m_fetcher && m_fetcher->isOffline());
}

void TileLayer::setOpacity(double opacity)
{
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (!qFuzzyCompare(opacity + 1.0, m_opacity + 1.0)) {
        m_opacity = opacity;
        Q_EMIT changed();
    }
}

void TileLayer::setMemoryCacheSize(qint64 bytes)
{
    m_images.setMaxCost(qsizetype(std::max<qint64>(1, bytes / 1024)));
}

void TileLayer::addTile(const TileKey &key, const QByteArray &data)
{
    if (!m_hasSource) {
        return;
    }
    dropDecode(key); // the newer bytes win
    auto *watcher = new QFutureWatcher<QImage>(this);
    m_decoding.insert(key, watcher);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, key, watcher] { tileDecoded(key, watcher); });
    watcher->setFuture(QtConcurrent::run(&TileLayer::decode, data));
}

QImage TileLayer::decode(const QByteArray &data)
{
    QImage image = QImage::fromData(data);
    if (image.isNull()) {
        return {};
    }
    if (image.format() != QImage::Format_ARGB32_Premultiplied && image.format() != QImage::Format_RGB32) {
        image = image.convertToFormat(
            image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    }
    return image;
}

void TileLayer::tileDecoded(const TileKey &key, QFutureWatcher<QImage> *watcher)
{
    watcher->deleteLater();
    if (m_decoding.value(key) != watcher) {
        return; // dropped meanwhile
    }
    m_decoding.remove(key);
    if (watcher->isCanceled() || watcher->future().resultCount() == 0) {
        return;
    }
    QImage image = watcher->result();
    if (image.isNull()) {
        return;
    }
    const qsizetype cost = std::max<qsizetype>(1, image.sizeInBytes() / 1024);
    m_images.insert(key, new QImage(std::move(image)), cost);
    Q_EMIT changed();
}

void TileLayer::dropDecode(const TileKey &key)
{
    if (QFutureWatcher<QImage> *watcher = m_decoding.take(key)) {
        // A decode that has not started is skipped; one that runs finishes into nothing.
        watcher->disconnect(this);
        watcher->cancel();
        watcher->deleteLater();
    }
}

void TileLayer::dropAllDecodes()
{
    const QList<TileKey> keys = m_decoding.keys();
    for (const TileKey &key : keys) {
        dropDecode(key);
    }
}

int TileLayer::tileZoomFor(const MapViewport &viewport) const
{
    return TileMath::tileZoom(viewport.zoom(), m_hasSource ? m_source.maxZoom : TileMath::kMaxZoom);
}

void TileLayer::paint(QPainter &painter, const MapViewport &viewport)
{
    if (!m_hasSource) {
        return;
    }
    const QList<PlacedTile> tiles = TileMath::coveringTiles(viewport, tileZoomFor(viewport));
    // Asked even while offline: the fetcher's probe uses what the view wants.
    requestTiles(tiles);
    if (!isShowingTiles()) {
        return;
    }
    painter.save();
    painter.setOpacity(painter.opacity() * m_opacity);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    for (const PlacedTile &t : tiles) {
        const QRectF target = screenRect(viewport, t.world);
        if (const QImage *image = m_images.object(t.key)) {
            painter.drawImage(target, *image, QRectF(image->rect()));
        } else {
            drawAncestor(painter, t.key, target);
        }
    }
    painter.restore();
    drawAttribution(painter, viewport);
}

void TileLayer::requestTiles(const QList<PlacedTile> &tiles)
{
    QList<TileKey> wanted;
    wanted.reserve(tiles.size());
    for (const PlacedTile &t : tiles) {
        if (!m_images.contains(t.key) && !m_decoding.contains(t.key) && !wanted.contains(t.key)) {
            wanted.append(t.key);
        }
    }
    // Decodes of tiles that left the view are not worth a worker's time; ancestors of visible
    // tiles still are, as the fallback while those load.
    if (!m_decoding.isEmpty()) {
        QSet<TileKey> visible;
        for (const PlacedTile &t : tiles) {
            for (int levels = 0; levels <= std::min(kMaxFallbackLevels, t.key.z); ++levels) {
                visible.insert(levels == 0 ? t.key : t.key.ancestor(levels));
            }
        }
        const QList<TileKey> decoding = m_decoding.keys();
        for (const TileKey &key : decoding) {
            if (!visible.contains(key)) {
                dropDecode(key);
            }
        }
    }
    if (!m_fetcher) {
        return;
    }
    // Paints come often; only a changed wish list reorders the fetcher's queue.
    if (wanted != m_lastWanted) {
        m_lastWanted = wanted;
        m_fetcher->setWanted(wanted);
    }
}

bool TileLayer::drawAncestor(QPainter &painter, const TileKey &key, const QRectF &target) const
{
    for (int levels = 1; levels <= std::min(kMaxFallbackLevels, key.z); ++levels) {
        const TileKey ancestor = key.ancestor(levels);
        const QImage *image = m_images.object(ancestor);
        if (!image) {
            continue;
        }
        const QRectF part = TileMath::rectInAncestor(key, ancestor);
        const QRectF source(part.x() * image->width(), part.y() * image->height(), part.width() * image->width(),
            part.height() * image->height());
        painter.drawImage(target, *image, source);
        return true;
    }
    return false;
}

void TileLayer::drawAttribution(QPainter &painter, const MapViewport &viewport) const
{
    if (m_source.attribution.isEmpty()) {
        return;
    }
    painter.save();
    QFont font = painter.font();
    font.setPointSizeF(std::max(6.5, font.pointSizeF() * 0.8));
    painter.setFont(font);
    const QFontMetricsF metrics(font, painter.device());
    const qreal margin = 3.0;
    const qreal maxWidth = std::max(40.0, viewport.size().width() - 2 * margin);
    const QString text = metrics.elidedText(m_source.attribution, Qt::ElideRight, maxWidth);
    const QSizeF textSize(metrics.horizontalAdvance(text), metrics.height());
    const QRectF box(viewport.size().width() - textSize.width() - 2 * margin,
        viewport.size().height() - textSize.height() - margin, textSize.width() + 2 * margin,
        textSize.height() + margin);
    painter.setOpacity(1.0);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 190));
    painter.drawRect(box);
    painter.setPen(QColor(40, 40, 40));
    painter.drawText(box, Qt::AlignCenter, text);
    painter.restore();
}

void TileLayer::onOfflineChanged(bool offline)
{
    if (offline) {
        // The view must say again what it wants once the fetcher is back.
        m_lastWanted.clear();
    }
    if (m_hasSource) {
        Q_EMIT showingTilesChanged(!offline);
    }
    Q_EMIT changed();
}

} // namespace StacScope
