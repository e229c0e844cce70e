#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include "src/geo/geobox.h"

namespace StacScope {

// Approximates GeoJSON geometries by one box per part (per polygon of a MultiPolygon, per point
// of a MultiPoint, ...), which is precise enough for an emulator's spatial filters and keeps
// antimeridian-split MultiPolygons apart instead of covering the whole world.
class GeometryBoxes
{
public:
    // Accepts any GeoJSON geometry type (also GeometryCollection) and the CQL2 bbox literal
    // {"bbox": [...]}. Returns false and sets `error` for malformed input.
    static bool fromGeometry(const QJsonObject &geometry, QList<GeoBox> *boxes, QString *error = nullptr);
    static bool intersects(const QList<GeoBox> &a, const QList<GeoBox> &b);
    // Every box of `inner` lies within some box of `outer`.
    static bool contains(const QList<GeoBox> &outer, const QList<GeoBox> &inner);
};

} // namespace StacScope
