#include "ui/map/footprintlayer.h"

#include <algorithm>
#include <cmath>

#include <QPaintEngine>
#include <QPainter>

#include "src/geo/webmercator.h"
#include "src/stac/itemstore.h"
#include "ui/map/worldpath.h"

namespace StacScope {

namespace {

const QColor kPalette[] = {
    QColor(0x1f, 0x77, 0xb4),
    QColor(0xe6, 0x76, 0x2a),
    QColor(0x2c, 0xa0, 0x2c),
    QColor(0x94, 0x67, 0xbd),
    QColor(0x17, 0xa2, 0xb8),
    QColor(0xd6, 0x27, 0x28),
    QColor(0x8c, 0x56, 0x4b),
    QColor(0xe3, 0x77, 0xc2),
};
const QColor kSelected(0xff, 0xc1, 0x07);
const QColor kHovered(0xff, 0xff, 0xff);
constexpr double kPointSize = 2.0; // features smaller than this many pixels are drawn as points

} // namespace

FootprintLayer::FootprintLayer(const ItemStore *store, QObject *parent)
    : MapLayer(parent)
    , m_store(store)
{
    setZOrder(100);
    m_settleTimer.setSingleShot(true);
    m_settleTimer.setInterval(150);
    connect(&m_settleTimer, &QTimer::timeout, this, [this] {
        m_previewAllowed = false;
        Q_EMIT changed();
    });
    syncAppended();
}

QColor FootprintLayer::colorFor(const QString &collection) const
{
    const int style = m_styleByCollection.value(collection, 0);
    return kPalette[size_t(style) % std::size(kPalette)];
}

void FootprintLayer::build(int row)
{
    const ItemRecord &r = m_store->at(row);
    const Geometry &g = r.footprint;
    QPainterPath path = worldPath(g);
    if (g.isEmpty() && r.hasBbox) {
        // No geometry: the bbox stands in for the footprint.
        const GeoBox &b = r.bbox;
        const double east = b.crossesAntimeridian() ? b.east + 360.0 : b.east;
        path.addRect(QRectF(QPointF(WebMercator::lonToX(b.west), WebMercator::latToY(b.north)),
            QPointF(WebMercator::lonToX(east), WebMercator::latToY(b.south))));
    }
    if (g.partCount() > 1 && r.hasBbox && r.bbox.crossesAntimeridian()) {
        // The parts of a footprint cut at 180 degrees now touch: merge them so no seam is drawn.
        path = path.simplified();
    }
    QRectF bounds = path.boundingRect();
    if (bounds.width() <= 0 || bounds.height() <= 0) {
        // Points and lines have no area; keep a sliver so rectangle tests still see them.
        constexpr double kSliver = 1e-9;
        bounds.adjust(-kSliver, -kSliver, kSliver, kSliver);
    }
    m_paths.push_back(std::move(path));
    m_bounds.push_back(bounds);
    auto it = m_styleByCollection.constFind(r.collection);
    if (it == m_styleByCollection.constEnd()) {
        it = m_styleByCollection.insert(r.collection, int(m_collectionOrder.size()));
        m_collectionOrder.append(r.collection);
    }
    m_style.push_back(*it);
}

void FootprintLayer::syncAppended()
{
    const int n = m_store->size();
    if (n < int(m_paths.size())) {
        syncReset();
        return;
    }
    m_paths.reserve(size_t(n));
    for (int row = int(m_paths.size()); row < n; ++row) {
        build(row);
    }
    invalidateCache();
    Q_EMIT changed();
}

void FootprintLayer::syncReset()
{
    m_paths.clear();
    m_bounds.clear();
    m_style.clear();
    m_selected.clear();
    m_hovered = -1;
    syncAppended();
}

void FootprintLayer::setSelectedRows(const QSet<int> &rows)
{
    if (rows != m_selected) {
        m_selected = rows;
        invalidateCache(); // selected footprints are left out of the cache
        Q_EMIT changed();
    }
}

void FootprintLayer::setHoveredRow(int row)
{
    if (row != m_hovered) {
        m_hovered = row;
        Q_EMIT changed();
    }
}

void FootprintLayer::drawRow(QPainter &painter, int row, double scale) const
{
    const QRectF &b = m_bounds[size_t(row)];
    if (b.width() * scale < kPointSize && b.height() * scale < kPointSize) {
        const QPointF c = b.center();
        const double half = 1.5 / scale;
        painter.drawRect(QRectF(c.x() - half, c.y() - half, 2 * half, 2 * half));
        return;
    }
    painter.drawPath(m_paths[size_t(row)]);
}

namespace {

// The lon/lat box of a world rectangle (crossing the antimeridian when it does).
GeoBox boxOfWorld(const QRectF &r)
{
    const double north = WebMercator::yToLat(std::clamp(r.top(), 0.0, 1.0));
    const double south = WebMercator::yToLat(std::clamp(r.bottom(), 0.0, 1.0));
    if (r.width() >= 1.0) {
        return { -180.0, south, 180.0, north };
    }
    return { normalizeLongitude(WebMercator::xToLon(r.left())), south,
        normalizeLongitude(WebMercator::xToLon(r.right())), north };
}

bool nearInteger(double v)
{
    return std::abs(v - std::round(v)) < 1e-3;
}

} // namespace

void FootprintLayer::paint(QPainter &painter, const MapViewport &viewport)
{
    if (m_paths.empty()) {
        return;
    }
    const QRectF area(QPointF(0, 0), viewport.size());
    painter.save();
    QPaintEngine *engine = painter.paintEngine();
    // The cache is a raster image in device pixels: only use it where it maps 1:1.
    if (engine && engine->type() == QPaintEngine::Raster && painter.worldTransform().isIdentity()) {
        const double dpr = painter.device()->devicePixelRatioF();
        if (!drawZoomPreview(painter, viewport, dpr)) {
            updateCache(viewport, dpr);
            painter.drawImage(QPointF(0, 0), m_cache);
        }
    } else {
        drawFootprints(painter, viewport, { area });
    }
    drawSelection(painter, viewport);
    painter.restore();
}

bool FootprintLayer::drawZoomPreview(QPainter &painter, const MapViewport &viewport, double dpr)
{
    if (!m_cacheValid || !m_previewAllowed || m_cacheViewport.size() != viewport.size()
        || m_cache.devicePixelRatio() != dpr) {
        return false;
    }
    if (m_cacheViewport.zoom() == viewport.zoom()) {
        // Back at the cached zoom: a whole-pixel shift is blitted exactly by updateCache();
        // a fractional one (after zooming around a point) is previewed until the zoom settles.
        QPointF shift = viewport.worldToScreen({ 0, 0 }) - m_cacheOrigin;
        shift.setX(shift.x() - std::round(shift.x() / viewport.scale()) * viewport.scale());
        if (nearInteger(shift.x() * dpr) && nearInteger(shift.y() * dpr)) {
            return false;
        }
    }
    // Beyond a factor of 4 the preview is too blurry or too sparse to be worth showing.
    const double k = viewport.scale() / m_cacheViewport.scale();
    if (k > 4.0 || k < 0.25) {
        return false;
    }
    // screen_new = (c_old - c_new) * s_new + (screen_old - size / 2) * k + size / 2, with the
    // centres' x difference taken the short way round the world.
    QPointF d = m_cacheViewport.center() - viewport.center();
    d.setX(d.x() - std::round(d.x()));
    const QPointF half(viewport.size().width() / 2.0, viewport.size().height() / 2.0);
    const QPointF offset = d * viewport.scale() + half - half * k;
    painter.save();
    painter.setTransform(QTransform(k, 0, 0, k, offset.x(), offset.y()), true);
    painter.drawImage(QPointF(0, 0), m_cache);
    painter.restore();
    m_settleTimer.start();
    return true;
}

void FootprintLayer::updateCache(const MapViewport &viewport, double dpr)
{
    const QSize deviceSize(
        int(std::ceil(viewport.size().width() * dpr)), int(std::ceil(viewport.size().height() * dpr)));
    const QPointF origin = viewport.worldToScreen({ 0, 0 });
    if (m_cacheValid && m_cache.size() == deviceSize && m_cache.devicePixelRatio() == dpr
        && m_cacheViewport.zoom() == viewport.zoom() && m_cacheViewport.size() == viewport.size()) {
        // Same zoom and size: a pure translation. The world repeats every `scale` pixels and the
        // centre wraps in [0, 1), so take the shortest shift modulo one world width.
        QPointF shift = origin - m_cacheOrigin;
        const double period = viewport.scale();
        shift.setX(shift.x() - std::round(shift.x() / period) * period);
        const QPointF deviceShift = shift * dpr;
        const QPoint pixels(int(std::round(deviceShift.x())), int(std::round(deviceShift.y())));
        if (pixels.isNull() && nearInteger(deviceShift.x()) && nearInteger(deviceShift.y())) {
            return;
        }
        // Only whole device pixels can be blitted exactly; anything else is redrawn below.
        if (nearInteger(deviceShift.x()) && nearInteger(deviceShift.y()) && std::abs(pixels.x()) < deviceSize.width()
            && std::abs(pixels.y()) < deviceSize.height()) {
            if (m_spare.size() != deviceSize || m_spare.devicePixelRatio() != dpr) {
                m_spare = QImage(deviceSize, QImage::Format_ARGB32_Premultiplied);
                m_spare.setDevicePixelRatio(dpr);
            }
            m_spare.fill(Qt::transparent);
            QPainter p(&m_spare);
            p.setCompositionMode(QPainter::CompositionMode_Source);
            p.drawImage(QPointF(pixels) / dpr, m_cache);
            p.setCompositionMode(QPainter::CompositionMode_SourceOver);
            p.setRenderHint(QPainter::Antialiasing);
            const double w = viewport.size().width();
            const double h = viewport.size().height();
            const double dx = pixels.x() / dpr;
            const double dy = pixels.y() / dpr;
            // The strips that came into view: a column on the side moved away from, and a row.
            QList<QRectF> strips;
            if (dx > 0) {
                strips.append(QRectF(0, 0, dx, h));
            } else if (dx < 0) {
                strips.append(QRectF(w + dx, 0, -dx, h));
            }
            const double left = std::max(0.0, dx);
            const double width = w - std::abs(dx);
            if (dy > 0) {
                strips.append(QRectF(left, 0, width, dy));
            } else if (dy < 0) {
                strips.append(QRectF(left, h + dy, width, -dy));
            }
            // One strip at a time: a rectangular clip is much cheaper than an L-shaped one.
            for (const QRectF &strip : std::as_const(strips)) {
                drawFootprints(p, viewport, { strip });
            }
            p.end();
            std::swap(m_cache, m_spare);
            // The content is where the whole-pixel shift put it, within 1e-3 px of `origin`.
            m_cacheOrigin = origin - (deviceShift - QPointF(pixels)) / dpr;
            m_cacheViewport = viewport;
            return;
        }
    }
    if (m_cache.size() != deviceSize || m_cache.devicePixelRatio() != dpr) {
        m_cache = QImage(deviceSize, QImage::Format_ARGB32_Premultiplied);
        m_cache.setDevicePixelRatio(dpr);
    }
    m_cache.fill(Qt::transparent);
    QPainter p(&m_cache);
    p.setRenderHint(QPainter::Antialiasing);
    drawFootprints(p, viewport, { QRectF(QPointF(0, 0), viewport.size()) });
    p.end();
    m_cacheOrigin = origin;
    m_cacheViewport = viewport;
    m_cacheValid = true;
    m_previewAllowed = true;
    m_settleTimer.stop();
}

void FootprintLayer::drawFootprints(QPainter &painter, const MapViewport &viewport, const QList<QRectF> &areas)
{
    QRectF area;
    QPainterPath clip;
    for (const QRectF &r : areas) {
        area = area.united(r);
        clip.addRect(r);
    }
    const double scale = viewport.scale();
    // A little margin so outlines of footprints just outside the area still reach into it.
    constexpr double kMargin = 3.0;
    const QRectF padded = area.adjusted(-kMargin, -kMargin, kMargin, kMargin);
    const QRectF world(viewport.screenToWorld(padded.topLeft()), viewport.screenToWorld(padded.bottomRight()));
    const std::vector<std::uint32_t> visible = m_store->rowsIntersecting(boxOfWorld(world));

    // Batch by style: bucket the rows per style, keeping row order within a style (a counting sort).
    const size_t styles = size_t(m_collectionOrder.size());
    m_styleStart.assign(styles + 1, 0);
    for (std::uint32_t r : visible) {
        if (r < m_paths.size()) {
            ++m_styleStart[size_t(m_style[r]) + 1];
        }
    }
    for (size_t s = 0; s < styles; ++s) {
        m_styleStart[s + 1] += m_styleStart[s];
    }
    m_rows.resize(m_styleStart[styles]);
    {
        std::vector<std::uint32_t> next(m_styleStart.begin(), m_styleStart.end() - 1);
        for (std::uint32_t r : visible) {
            if (r < m_paths.size()) {
                m_rows[next[size_t(m_style[r])]++] = r;
            }
        }
    }

    // Points are deduplicated per style on a pixel grid of the area: at low zoom thousands of
    // features fall on the same few pixels.
    const int gridW = int(std::ceil(padded.width())) + 1;
    const int gridH = int(std::ceil(padded.height())) + 1;
    const size_t words = (size_t(gridW) * size_t(gridH) + 63) / 64;

    const QPointF origin = viewport.worldToScreen({ 0, 0 });
    painter.save();
    const QTransform base = painter.transform();
    if (areas.size() == 1) {
        painter.setClipRect(area, Qt::IntersectClip);
    } else {
        painter.setClipPath(clip, Qt::IntersectClip);
    }
    const int firstCopy = int(std::floor(world.left())) - 1;
    const int lastCopy = int(std::floor(world.right()));
    for (size_t style = 0; style < styles; ++style) {
        const auto begin = m_rows.begin() + std::ptrdiff_t(m_styleStart[style]);
        const auto end = m_rows.begin() + std::ptrdiff_t(m_styleStart[style + 1]);
        if (begin == end) {
            continue;
        }
        const QColor color = kPalette[style % std::size(kPalette)];
        QPen pen(color, 1.3);
        pen.setCosmetic(true);
        QColor fill = color;
        fill.setAlpha(28);
        m_pointBits.assign(words, 0);
        m_points.clear();
        painter.setPen(pen);
        painter.setBrush(fill);
        for (int copy = firstCopy; copy <= lastCopy; ++copy) {
            const QRectF copyWorld = world.translated(-copy, 0);
            painter.setTransform(worldCopyTransform(viewport, copy) * base);
            for (auto it = begin; it != end; ++it) {
                const std::uint32_t row = *it;
                const QRectF &b = m_bounds[row];
                if (!b.intersects(copyWorld) || m_selected.contains(int(row))) {
                    continue;
                }
                if (b.width() * scale < kPointSize && b.height() * scale < kPointSize) {
                    const QPointF c = b.center();
                    const double x = (c.x() + copy) * scale + origin.x();
                    const double y = c.y() * scale + origin.y();
                    const int gx = int(std::floor(x - padded.left()));
                    const int gy = int(std::floor(y - padded.top()));
                    if (gx < 0 || gy < 0 || gx >= gridW || gy >= gridH) {
                        continue;
                    }
                    const size_t bit = size_t(gy) * size_t(gridW) + size_t(gx);
                    if (m_pointBits[bit / 64] & (std::uint64_t(1) << (bit % 64))) {
                        continue;
                    }
                    m_pointBits[bit / 64] |= std::uint64_t(1) << (bit % 64);
                    // A 3 x 3 pixel square on the pixel grid, so it needs no antialiasing.
                    m_points.push_back(QRect(int(std::floor(x)) - 1, int(std::floor(y)) - 1, 3, 3));
                    continue;
                }
                painter.drawPath(m_paths[row]);
            }
        }
        if (!m_points.empty()) {
            painter.setTransform(base);
            painter.setRenderHint(QPainter::Antialiasing, false);
            painter.setPen(Qt::NoPen);
            painter.setBrush(color);
            painter.drawRects(m_points.data(), int(m_points.size()));
            painter.setRenderHint(QPainter::Antialiasing, true);
        }
    }
    painter.restore();
}

void FootprintLayer::drawSelection(QPainter &painter, const MapViewport &viewport) const
{
    const bool hovered = m_hovered >= 0 && m_hovered < int(m_paths.size());
    if (m_selected.isEmpty() && !hovered) {
        return;
    }
    const double scale = viewport.scale();
    const QRectF world = viewport.visibleWorld();
    const QTransform base = painter.transform();
    painter.setRenderHint(QPainter::Antialiasing);
    QPen selectedPen(kSelected.darker(130), 2.2);
    selectedPen.setCosmetic(true);
    QColor selectedFill = kSelected;
    selectedFill.setAlpha(70);
    QPen hoverPen(QColor(0x10, 0x10, 0x10), 2.0);
    hoverPen.setCosmetic(true);
    QColor hoverFill = kHovered;
    hoverFill.setAlpha(60);
    for (int copy = viewport.firstWorldCopy() - 1; copy <= viewport.lastWorldCopy(); ++copy) {
        const QRectF copyWorld = world.translated(-copy, 0);
        painter.setTransform(worldCopyTransform(viewport, copy) * base);
        painter.setPen(selectedPen);
        painter.setBrush(selectedFill);
        for (int row : std::as_const(m_selected)) {
            if (row >= 0 && row < int(m_paths.size()) && m_bounds[size_t(row)].intersects(copyWorld)) {
                drawRow(painter, row, scale);
            }
        }
        if (hovered && m_bounds[size_t(m_hovered)].intersects(copyWorld)) {
            painter.setPen(hoverPen);
            painter.setBrush(hoverFill);
            drawRow(painter, m_hovered, scale);
        }
    }
    painter.setTransform(base);
}

int FootprintLayer::hitTest(const QPointF &screen, const MapViewport &viewport) const
{
    QPointF w = viewport.screenToWorld(screen);
    w.setX(w.x() - std::floor(w.x()));
    const double tolerance = 4.0 / viewport.scale();
    const double lon = WebMercator::xToLon(w.x());
    const double lat = WebMercator::yToLat(std::clamp(w.y(), 0.0, 1.0));
    const double dLon = tolerance * 360.0;
    const double dLat = std::max(0.01, std::abs(WebMercator::yToLat(w.y() - tolerance) - lat));
    GeoBox probe { normalizeLongitude(lon - dLon), std::max(-90.0, lat - dLat), normalizeLongitude(lon + dLon),
        std::min(90.0, lat + dLat) };
    if (dLon >= 180.0) {
        probe.west = -180.0;
        probe.east = 180.0;
    }
    int best = -1;
    double bestArea = 0;
    for (std::uint32_t r : m_store->rowsIntersecting(probe)) {
        const int row = int(r);
        if (row >= int(m_paths.size())) {
            continue;
        }
        const QRectF &b = m_bounds[size_t(row)];
        bool hit = false;
        for (int copy = -1; copy <= 1 && !hit; ++copy) {
            const QPointF p(w.x() + copy, w.y());
            if (!b.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(p)) {
                continue;
            }
            const bool tiny = b.width() * viewport.scale() < 6 && b.height() * viewport.scale() < 6;
            hit = tiny || m_paths[size_t(row)].contains(p);
        }
        if (!hit) {
            continue;
        }
        const double area = b.width() * b.height();
        if (best < 0 || area < bestArea) {
            best = row;
            bestArea = area;
        }
    }
    return best;
}

} // namespace StacScope
