#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include "src/geo/geobox.h"

namespace StacScope {

// What part of the Web Mercator world a map shows: the centre (normalised world coordinates,
// x may leave [0, 1) because the world repeats horizontally), a fractional zoom level (the world
// is 256 * 2^zoom logical pixels wide) and the widget size in logical pixels. Converts between
// screen pixels, world coordinates and lon/lat. Pure geometry: no painting.
class MapViewport
{
public:
    static constexpr double kTileSize = 256.0;
    static constexpr double kMinZoom = 0.0;
    static constexpr double kMaxZoom = 19.0;

    MapViewport() = default;
    MapViewport(const QSizeF &size, double centerLon, double centerLat, double zoom);

    QSizeF size() const { return m_size; }
    void setSize(const QSizeF &size);
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    QPointF center() const { return m_center; } // world coordinates
    void setCenter(const QPointF &world);
    void setCenterLonLat(double lon, double lat);
    double centerLon() const;
    double centerLat() const;
    double devicePixelRatio() const { return m_dpr; }
    void setDevicePixelRatio(double dpr) { m_dpr = dpr > 0 ? dpr : 1.0; }

    // Logical pixels per world unit (the world is 1 x 1).
    double scale() const;
    // Metres on the ground per logical pixel at the centre latitude.
    double metresPerPixel() const;

    QPointF worldToScreen(const QPointF &world) const;
    QPointF screenToWorld(const QPointF &screen) const;
    // On the world copy nearest the centre of the view.
    QPointF lonLatToScreen(double lon, double lat) const;
    // Longitude normalised to [-180, 180].
    QPointF screenToLonLat(const QPointF &screen) const;

    // The visible world rectangle (x may extend past [0, 1) when the view wraps).
    QRectF visibleWorld() const;
    // The visible area as a lon/lat box (crossing the antimeridian when the view does).
    GeoBox visibleBox() const;

    // Zooms by `delta` levels keeping the world point under `anchor` (screen) fixed.
    void zoomAround(const QPointF &anchor, double delta);
    void panByPixels(const QPointF &delta);
    // Centres on and fits a box with `margin` logical pixels around it.
    void fitBox(const GeoBox &box, double margin = 24.0);

    // World copies (integer x offsets) needed to cover the view: e.g. {-1, 0, 1} at zoom 0.
    int firstWorldCopy() const;
    int lastWorldCopy() const;

    friend bool operator==(const MapViewport &, const MapViewport &) = default;

private:
    void clampCenter();

    QSizeF m_size { 800, 600 };
    QPointF m_center { 0.5, 0.5 };
    double m_zoom = 1.0;
    double m_dpr = 1.0;
};

} // namespace StacScope
