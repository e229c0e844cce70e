#include "ui/map/worldpath.h"

#include <cmath>

#include "src/geo/mapviewport.h"
#include "src/geo/webmercator.h"

namespace StacScope {

namespace {

void appendRing(QPainterPath &path, std::span<const double> xy, double referenceLon)
{
    double previousLon = 0;
    double offset = xy.empty() ? 0.0 : std::round((referenceLon - xy[0]) / 360.0) * 360.0;
    for (size_t i = 0; i + 1 < xy.size(); i += 2) {
        double lon = xy[i];
        if (i > 0) {
            if (lon + offset - previousLon > 180.0) {
                offset -= 360.0;
            } else if (previousLon - (lon + offset) > 180.0) {
                offset += 360.0;
            }
        }
        lon += offset;
        previousLon = lon;
        const QPointF p(WebMercator::lonToX(lon), WebMercator::latToY(xy[i + 1]));
        if (i == 0) {
            path.moveTo(p);
        } else {
            path.lineTo(p);
        }
    }
}

} // namespace

QPainterPath worldPath(const Geometry &g)
{
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    if (g.isEmpty()) {
        return path;
    }
    const double reference = g.coordinates()[0];
    for (int i = 0; i < g.ringCount(); ++i) {
        appendRing(path, g.ring(i), reference);
        if (g.isAreal()) {
            path.closeSubpath();
        }
    }
    return path;
}

QTransform worldCopyTransform(const MapViewport &viewport, int copy)
{
    const double scale = viewport.scale();
    const QPointF origin = viewport.worldToScreen({ 0, 0 });
    return QTransform(scale, 0, 0, scale, origin.x() + copy * scale, origin.y());
}

} // namespace StacScope
