#include "src/geo/mapviewport.h"

#include <algorithm>
#include <cmath>

#include "src/geo/webmercator.h"

namespace StacScope {

MapViewport::MapViewport(const QSizeF &size, double centerLon, double centerLat, double zoom)
    : m_size(size)
{
    setZoom(zoom);
    setCenterLonLat(centerLon, centerLat);
}

void MapViewport::setSize(const QSizeF &size)
{
    m_size = size;
    clampCenter();
}

void MapViewport::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    clampCenter();
}

void MapViewport::setCenter(const QPointF &world)
{
    m_center = world;
    clampCenter();
}

void MapViewport::setCenterLonLat(double lon, double lat)
{
    setCenter({ WebMercator::lonToX(lon), WebMercator::latToY(lat) });
}

double MapViewport::centerLon() const
{
    return normalizeLongitude(WebMercator::xToLon(m_center.x()));
}

double MapViewport::centerLat() const
{
    return WebMercator::yToLat(m_center.y());
}

void MapViewport::clampCenter()
{
    // Horizontally the world repeats: keep x in [0, 1). Vertically stop at the poles' edge, or
    // centre the world when it is shorter than the view.
    double x = std::fmod(m_center.x(), 1.0);
    if (x < 0) {
        x += 1.0;
    }
    const double halfHeight = m_size.height() / 2.0 / scale();
    double y = m_center.y();
    if (halfHeight >= 0.5) {
        y = 0.5;
    } else {
        y = std::clamp(y, halfHeight, 1.0 - halfHeight);
    }
    m_center = { x, y };
}

double MapViewport::scale() const
{
    return kTileSize * std::exp2(m_zoom);
}

double MapViewport::metresPerPixel() const
{
    const double lat = centerLat() * std::numbers::pi / 180.0;
    return 2.0 * WebMercator::kHalfWorld * std::cos(lat) / scale();
}

QPointF MapViewport::worldToScreen(const QPointF &world) const
{
    const double s = scale();
    return { (world.x() - m_center.x()) * s + m_size.width() / 2.0,
        (world.y() - m_center.y()) * s + m_size.height() / 2.0 };
}

QPointF MapViewport::screenToWorld(const QPointF &screen) const
{
    const double s = scale();
    return { (screen.x() - m_size.width() / 2.0) / s + m_center.x(),
        (screen.y() - m_size.height() / 2.0) / s + m_center.y() };
}

QPointF MapViewport::lonLatToScreen(double lon, double lat) const
{
    double x = WebMercator::lonToX(lon);
    x += std::round(m_center.x() - x); // the world copy nearest the centre
    return worldToScreen({ x, WebMercator::latToY(lat) });
}

QPointF MapViewport::screenToLonLat(const QPointF &screen) const
{
    const QPointF w = screenToWorld(screen);
    return { normalizeLongitude(WebMercator::xToLon(w.x())), WebMercator::yToLat(std::clamp(w.y(), 0.0, 1.0)) };
}

QRectF MapViewport::visibleWorld() const
{
    const double s = scale();
    const double w = m_size.width() / s;
    const double h = m_size.height() / s;
    return { m_center.x() - w / 2.0, m_center.y() - h / 2.0, w, h };
}

GeoBox MapViewport::visibleBox() const
{
    const QRectF r = visibleWorld();
    const double north = WebMercator::yToLat(std::max(0.0, r.top()));
    const double south = WebMercator::yToLat(std::min(1.0, r.bottom()));
    if (r.width() >= 1.0) {
        return { -180.0, south, 180.0, north };
    }
    const double west = normalizeLongitude(WebMercator::xToLon(r.left()));
    const double east = normalizeLongitude(WebMercator::xToLon(r.right()));
    return { west, south, east, north };
}

void MapViewport::zoomAround(const QPointF &anchor, double delta)
{
    const QPointF before = screenToWorld(anchor);
    m_zoom = std::clamp(m_zoom + delta, kMinZoom, kMaxZoom);
    const double s = scale();
    m_center = { before.x() - (anchor.x() - m_size.width() / 2.0) / s,
        before.y() - (anchor.y() - m_size.height() / 2.0) / s };
    clampCenter();
}

void MapViewport::panByPixels(const QPointF &delta)
{
    const double s = scale();
    m_center -= QPointF(delta.x() / s, delta.y() / s);
    clampCenter();
}

void MapViewport::fitBox(const GeoBox &box, double margin)
{
    const double x0 = WebMercator::lonToX(box.west);
    const double x1 = x0 + box.width() / 360.0;
    const double y0 = WebMercator::latToY(box.north);
    const double y1 = WebMercator::latToY(box.south);
    const double w = std::max(x1 - x0, 1e-9);
    const double h = std::max(y1 - y0, 1e-9);
    const double availW = std::max(1.0, m_size.width() - 2 * margin);
    const double availH = std::max(1.0, m_size.height() - 2 * margin);
    const double s = std::min(availW / w, availH / h);
    m_zoom = std::clamp(std::log2(s / kTileSize), kMinZoom, kMaxZoom);
    m_center = { (x0 + x1) / 2.0, (y0 + y1) / 2.0 };
    clampCenter();
}

int MapViewport::firstWorldCopy() const
{
    return int(std::floor(visibleWorld().left()));
}

int MapViewport::lastWorldCopy() const
{
    return int(std::floor(visibleWorld().right()));
}

} // namespace StacScope
