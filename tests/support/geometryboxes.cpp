#include "tests/support/geometryboxes.h"

#include <cmath>

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

struct Extent
{
    double minLon = 1e300;
    double minLat = 1e300;
    double maxLon = -1e300;
    double maxLat = -1e300;
    bool empty = true;
};

bool addPosition(const QJsonValue &value, Extent *extent)
{
    const QJsonArray position = value.toArray();
    if (position.size() < 2 || !position.at(0).isDouble() || !position.at(1).isDouble())
        return false;
    const double lon = position.at(0).toDouble();
    const double lat = position.at(1).toDouble();
    if (!std::isfinite(lon) || !std::isfinite(lat) || lat < -90 || lat > 90 || lon < -540 || lon > 540)
        return false;
    extent->minLon = std::min(extent->minLon, lon);
    extent->maxLon = std::max(extent->maxLon, lon);
    extent->minLat = std::min(extent->minLat, lat);
    extent->maxLat = std::max(extent->maxLat, lat);
    extent->empty = false;
    return true;
}

// Walks nested coordinate arrays of `depth` levels above the positions.
bool addCoordinates(const QJsonValue &value, int depth, Extent *extent)
{
    if (depth == 0)
        return addPosition(value, extent);
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &child : array) {
        if (!addCoordinates(child, depth - 1, extent))
            return false;
    }
    return true;
}

GeoBox toBox(const Extent &extent)
{
    if (extent.maxLon - extent.minLon >= 360)
        return { -180, extent.minLat, 180, extent.maxLat };
    // Rings written with longitudes beyond +-180 (unsplit antimeridian polygons) wrap around.
    if (extent.minLon < -180 || extent.maxLon > 180)
        return { normalizeLongitude(extent.minLon), extent.minLat, normalizeLongitude(extent.maxLon), extent.maxLat };
    return { extent.minLon, extent.minLat, extent.maxLon, extent.maxLat };
}

bool addPart(const QJsonValue &coordinates, int depth, QList<GeoBox> *boxes)
{
    Extent extent;
    if (!addCoordinates(coordinates, depth, &extent))
        return false;
    if (!extent.empty)
        boxes->append(toBox(extent));
    return true;
}

bool addParts(const QJsonValue &coordinates, int partDepth, QList<GeoBox> *boxes)
{
    if (!coordinates.isArray())
        return false;
    const QJsonArray parts = coordinates.toArray();
    for (const QJsonValue &part : parts) {
        if (!addPart(part, partDepth, boxes))
            return false;
    }
    return true;
}

bool collect(const QJsonObject &geometry, QList<GeoBox> *boxes, QString *error, int nesting)
{
    const QString type = geometry.value("type"_L1).toString();
    const QJsonValue coordinates = geometry.value("coordinates"_L1);
    bool ok = false;
    if (type.isEmpty() && geometry.value("bbox"_L1).isArray()) {
        const std::optional<GeoBox> box = GeoBox::fromJson(geometry.value("bbox"_L1).toArray(), error);
        if (!box)
            return false;
        boxes->append(*box);
        return true;
    }
    if (type == "Point"_L1)
        ok = addPart(coordinates, 0, boxes);
    else if (type == "MultiPoint"_L1)
        ok = addParts(coordinates, 0, boxes);
    else if (type == "LineString"_L1)
        ok = addPart(coordinates, 1, boxes);
    else if (type == "MultiLineString"_L1)
        ok = addParts(coordinates, 1, boxes);
    else if (type == "Polygon"_L1)
        ok = addPart(coordinates, 2, boxes);
    else if (type == "MultiPolygon"_L1)
        ok = addParts(coordinates, 2, boxes);
    else if (type == "GeometryCollection"_L1 && nesting < 8) {
        const QJsonArray members = geometry.value("geometries"_L1).toArray();
        for (const QJsonValue &member : members) {
            if (!member.isObject() || !collect(member.toObject(), boxes, error, nesting + 1))
                return false;
        }
        return true;
    } else {
        if (error)
            *error = u"unsupported geometry type '%1'"_s.arg(type);
        return false;
    }
    if (!ok && error)
        *error = u"malformed coordinates in %1"_s.arg(type);
    return ok;
}

} // namespace

bool GeometryBoxes::fromGeometry(const QJsonObject &geometry, QList<GeoBox> *boxes, QString *error)
{
    boxes->clear();
    return collect(geometry, boxes, error, 0);
}

bool GeometryBoxes::intersects(const QList<GeoBox> &a, const QList<GeoBox> &b)
{
    for (const GeoBox &first : a) {
        for (const GeoBox &second : b) {
            if (first.intersects(second))
                return true;
        }
    }
    return false;
}

bool GeometryBoxes::contains(const QList<GeoBox> &outer, const QList<GeoBox> &inner)
{
    if (inner.isEmpty() || outer.isEmpty())
        return false;
    for (const GeoBox &box : inner) {
        const bool inside
            = std::any_of(outer.begin(), outer.end(), [&box](const GeoBox &o) { return o.contains(box); });
        if (!inside)
            return false;
    }
    return true;
}

} // namespace StacScope
