#include "ui/map/quicklooklayer.h"

#include <algorithm>
#include <cmath>

#include <QPainter>
#include <QPolygonF>
#include <QTransform>

#include "src/geo/geobox.h"
#include "src/geo/webmercator.h"
#include "ui/map/worldpath.h"

namespace StacScope {

QuicklookLayer::QuicklookLayer(QObject *parent)
    : MapLayer(parent)
{
    setZOrder(50); // above the basemap tiles (10), below the footprint outlines (100)
}

std::optional<std::array<QPointF, 4>> QuicklookLayer::quadrilateral(const Geometry &footprint)
{
    if (footprint.ringCount() != 1 || !footprint.isAreal()) {
        return std::nullopt;
    }
    const std::span<const double> ring = footprint.ring(0);
    int count = int(ring.size() / 2);
    if (count == 5 && ring[0] == ring[8] && ring[1] == ring[9]) {
        count = 4; // the closing point
    }
    if (count != 4) {
        return std::nullopt;
    }
    std::array<QPointF, 4> corners;
    for (int i = 0; i < 4; ++i) {
        corners[size_t(i)] = QPointF(ring[size_t(2 * i)], ring[size_t(2 * i + 1)]);
    }
    for (int i = 0; i < 4; ++i) {
        for (int j = i + 1; j < 4; ++j) {
            if (corners[size_t(i)] == corners[size_t(j)]) {
                return std::nullopt; // a degenerate ring is really a triangle or less
            }
        }
    }
    return corners;
}

std::array<QPointF, 4> QuicklookLayer::orderedWorldQuad(const std::array<QPointF, 4> &lonLat)
{
    std::array<QPointF, 4> world;
    const double firstLon = lonLat[0].x();
    QPointF centre;
    for (size_t i = 0; i < 4; ++i) {
        // Keep the quad in one piece across the antimeridian.
        const double lon = unwrapLongitude(lonLat[i].x(), firstLon);
        world[i] = QPointF(WebMercator::lonToX(lon), WebMercator::latToY(lonLat[i].y()));
        centre += world[i] / 4.0;
    }
    // Clockwise on screen (y down) is increasing atan2 angle.
    std::sort(world.begin(), world.end(), [&centre](const QPointF &a, const QPointF &b) {
        return std::atan2(a.y() - centre.y(), a.x() - centre.x()) < std::atan2(b.y() - centre.y(), b.x() - centre.x());
    });
    // North-west-most: furthest towards the top-left from the centre (smallest x + y).
    size_t first = 0;
    for (size_t i = 1; i < 4; ++i) {
        if (world[i].x() + world[i].y() < world[first].x() + world[first].y() - 1e-12) {
            first = i;
        }
    }
    std::rotate(world.begin(), world.begin() + std::ptrdiff_t(first), world.end());
    return world;
}

void QuicklookLayer::setItems(const QList<QuicklookItem> &items)
{
    m_items = items;
    m_placed.clear();
    for (const QuicklookItem &item : m_items) {
        if (item.image.isNull()) {
            continue;
        }
        Placed placed;
        placed.image = item.image;
        if (item.quad) {
            placed.worldQuad = orderedWorldQuad(*item.quad);
            placed.worldBounds = QPolygonF(
                { (*placed.worldQuad)[0], (*placed.worldQuad)[1], (*placed.worldQuad)[2], (*placed.worldQuad)[3] })
                                     .boundingRect();
        } else if (item.bbox.isValid()) {
            const double east = item.bbox.crossesAntimeridian() ? item.bbox.east + 360 : item.bbox.east;
            placed.worldBounds
                = QRectF(QPointF(WebMercator::lonToX(item.bbox.west), WebMercator::latToY(item.bbox.north)),
                    QPointF(WebMercator::lonToX(east), WebMercator::latToY(item.bbox.south)));
        } else {
            continue;
        }
        m_placed.append(placed);
    }
    Q_EMIT changed();
}

void QuicklookLayer::setOpacity(double opacity)
{
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (opacity != m_opacity) {
        m_opacity = opacity;
        Q_EMIT changed();
    }
}

void QuicklookLayer::paint(QPainter &painter, const MapViewport &viewport)
{
    if (m_placed.isEmpty() || m_opacity <= 0) {
        return;
    }
    const QRectF world = viewport.visibleWorld();
    painter.save();
    painter.setOpacity(m_opacity);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    const QTransform base = painter.transform(); // the widget may already scale, keep it
    for (const Placed &placed : std::as_const(m_placed)) {
        for (int copy = viewport.firstWorldCopy() - 1; copy <= viewport.lastWorldCopy() + 1; ++copy) {
            if (!placed.worldBounds.translated(copy, 0).intersects(world)) {
                continue;
            }
            const QTransform toScreen = worldCopyTransform(viewport, copy);
            const QRectF screenBounds = toScreen.mapRect(placed.worldBounds);
            if (screenBounds.width() < 1 && screenBounds.height() < 1) {
                continue; // nothing to see at this zoom
            }
            if (placed.worldQuad) {
                const QSizeF size = placed.image.size();
                const QPolygonF from({ QPointF(0, 0), QPointF(size.width(), 0), QPointF(size.width(), size.height()),
                    QPointF(0, size.height()) });
                QPolygonF to;
                for (const QPointF &corner : *placed.worldQuad) {
                    to.append(toScreen.map(corner));
                }
                QTransform warp;
                if (!QTransform::quadToQuad(from, to, warp)) {
                    continue;
                }
                painter.setTransform(warp * base);
                painter.drawImage(QPointF(0, 0), placed.image);
                painter.setTransform(base);
            } else {
                painter.drawImage(screenBounds, placed.image);
            }
        }
    }
    painter.restore();
}

} // namespace StacScope
