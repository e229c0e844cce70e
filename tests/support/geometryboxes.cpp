#include "tests/support/geometryboxes.h"

#include <algorithm>
#include <cmath>

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// The box arithmetic is the tests' own, not GeoBox's: the emulators' spatial filters must not
// share a bug with the product's (GeoBox is only the container of four numbers here).

double wrapLongitude(double lon)
{
    double wrapped = std::fmod(lon + 180.0, 360.0);
    if (wrapped < 0)
        wrapped += 360.0;
    return wrapped - 180.0;
}

// A box as plain longitude ranges: two when it crosses the antimeridian (west > east).
QList<std::pair<double, double>> spans(const GeoBox &box)
{
    if (box.west > box.east)
        return { { box.west, 180.0 }, { -180.0, box.east } };
    return { { box.west, box.east } };
}

bool boxesIntersect(const GeoBox &a, const GeoBox &b)
{
    if (a.south > b.north || b.south > a.north)
        return false;
    for (const auto &[w1, e1] : spans(a)) {
        for (const auto &[w2, e2] : spans(b)) {
            if (w1 <= e2 && w2 <= e1)
                return true;
        }
    }
    return false;
}

bool boxContains(const GeoBox &outer, const GeoBox &inner)
{
    if (inner.south < outer.south || inner.north > outer.north)
        return false;
    const QList<std::pair<double, double>> outerSpans = spans(outer);
    for (const std::pair<double, double> &span : spans(inner)) {
        // Not a structured binding: clang 14 cannot capture one in a lambda.
        const double w = span.first;
        const double e = span.second;
        const bool inside = std::any_of(outerSpans.begin(), outerSpans.end(),
            [w, e](const std::pair<double, double> &o) { return o.first <= w && e <= o.second; });
        if (!inside)
            return false;
    }
    return true;
}

// A CQL2 bbox literal: [west, south, east, north] or with minimum and maximum height.
bool bboxLiteral(const QJsonArray &numbers, GeoBox *box, QString *error)
{
    const bool flat = numbers.size() == 4;
    if (!flat && numbers.size() != 6) {
        if (error)
            *error = u"a bbox has 4 or 6 numbers"_s;
        return false;
    }
    for (const QJsonValue &n : numbers) {
        if (!n.isDouble() || !std::isfinite(n.toDouble())) {
            if (error)
                *error = u"a bbox holds numbers only"_s;
            return false;
        }
    }
    *box = { numbers.at(0).toDouble(), numbers.at(1).toDouble(), numbers.at(flat ? 2 : 3).toDouble(),
        numbers.at(flat ? 3 : 4).toDouble() };
    if (box->south > box->north || box->south < -90 || box->north > 90 || box->west < -180 || box->west > 180
        || box->east < -180 || box->east > 180) {
        if (error)
            *error = u"bbox out of range"_s;
        return false;
    }
    return true;
}

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
        return { wrapLongitude(extent.minLon), extent.minLat, wrapLongitude(extent.maxLon), extent.maxLat };
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
        GeoBox box;
        if (!bboxLiteral(geometry.value("bbox"_L1).toArray(), &box, error))
            return false;
        boxes->append(box);
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
            if (boxesIntersect(first, second))
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
            = std::any_of(outer.begin(), outer.end(), [&box](const GeoBox &o) { return boxContains(o, box); });
        if (!inside)
            return false;
    }
    return true;
}

} // namespace StacScope
