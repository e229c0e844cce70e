#pragma once

#include <array>
#include <optional>

#include <QImage>
#include <QList>
#include <QPointF>

#include "src/geo/geobox.h"
#include "src/geo/geometry.h"
#include "ui/map/maplayer.h"

namespace StacScope {

// One thumbnail to drape over an item's footprint.
struct QuicklookItem
{
    int row = -1; // store row, for callers that need to tell items apart
    QImage image;
    GeoBox bbox;
    // The footprint's corners (lon, lat) when it is a quadrilateral; the image is then warped
    // onto them instead of stretched over the bbox.
    std::optional<std::array<QPointF, 4>> quad;
};

// Selected items' thumbnails drawn onto their footprints, under the footprint outlines. A
// quadrilateral footprint gets the image warped to its corners (the image's top-left on the
// north-west-most corner, then clockwise), anything else gets it stretched over the bbox.
class QuicklookLayer : public MapLayer
{
    Q_OBJECT
public:
    explicit QuicklookLayer(QObject *parent = nullptr);

    void paint(QPainter &painter, const MapViewport &viewport) override;

    void setItems(const QList<QuicklookItem> &items);
    const QList<QuicklookItem> &items() const { return m_items; }
    void clear() { setItems({}); }

    double opacity() const { return m_opacity; }
    // 0 (invisible) .. 1 (opaque).
    void setOpacity(double opacity);

    // The 4 corners of a footprint that is a single ring of 4 distinct corners (closed or not),
    // or nullopt.
    static std::optional<std::array<QPointF, 4>> quadrilateral(const Geometry &footprint);
    // Corners in world coordinates, longitudes made continuous, ordered north-west-most first and
    // then clockwise as seen on the map.
    static std::array<QPointF, 4> orderedWorldQuad(const std::array<QPointF, 4> &lonLat);

private:
    struct Placed
    {
        QImage image;
        QRectF worldBounds;
        std::optional<std::array<QPointF, 4>> worldQuad;
    };

    QList<QuicklookItem> m_items;
    QList<Placed> m_placed; // world geometry computed once per setItems()
    double m_opacity = 0.75;
};

} // namespace StacScope
