#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include "src/geo/geobox.h"

namespace StacScope {

enum class GeometryType : std::uint8_t
{
    Empty,
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon
};

// A GeoJSON geometry in compact flat arrays: all positions as interleaved lon,lat doubles, ring
// (or line) ends as position counts, part ends as ring counts. No heap object per vertex.
// Every type maps onto rings and parts: a Point is one ring of one position, a LineString one
// ring, a MultiLineString one part per line, a Polygon one part, a MultiPolygon one part per polygon.
class Geometry
{
public:
    Geometry() = default;

    GeometryType type() const { return m_type; }
    bool isEmpty() const { return m_coords.empty(); }
    bool isAreal() const { return m_type == GeometryType::Polygon || m_type == GeometryType::MultiPolygon; }

    int pointCount() const { return int(m_coords.size() / 2); }
    int ringCount() const { return int(m_ringEnds.size()); }
    int partCount() const { return int(m_partEnds.size()); }
    // Flat lon,lat pairs of all rings.
    std::span<const double> coordinates() const { return m_coords; }
    // Position index one past the end of ring i; ring i starts at ringEnd(i - 1) (or 0).
    const std::vector<std::uint32_t> &ringEnds() const { return m_ringEnds; }
    // Ring index one past the end of part i.
    const std::vector<std::uint32_t> &partEnds() const { return m_partEnds; }
    std::span<const double> ring(int i) const;

    // Bounding box; west > east when the geometry sits across the antimeridian (its parts touch
    // 180 degrees from both sides, or its longitudes jump by more than 180 degrees).
    GeoBox bounds() const;

    // Polygons whose edges jump across 180 degrees (a 340-degree-wide edge) are cut into a
    // MultiPolygon with one part each side, per RFC 7946 section 3.1.9. Others are returned as is.
    Geometry splitAtAntimeridian() const;
    bool hasAntimeridianJump() const;

    static Geometry fromBox(const GeoBox &box);
    static Geometry point(double lon, double lat);

    static std::optional<Geometry> fromGeoJson(const QJsonObject &object, QString *error = nullptr);
    QJsonObject toGeoJson() const;
    static std::optional<Geometry> fromWkt(const QString &wkt, QString *error = nullptr);
    QString toWkt() const;

    static std::optional<GeometryType> typeFromName(QStringView name);
    static QString typeName(GeometryType type);

    friend bool operator==(const Geometry &, const Geometry &) = default;

private:
    friend class GeometryBuilder;
    GeometryType m_type = GeometryType::Empty;
    std::vector<double> m_coords;
    std::vector<std::uint32_t> m_ringEnds;
    std::vector<std::uint32_t> m_partEnds;
};

// Builds a Geometry from a walk over nested coordinate arrays, so that GeoJSON read through
// QJsonValue, our streaming JSON reader and WKT all share one set of structure checks.
// A walker calls beginArray()/endArray() for each array that holds arrays, and position() for
// each innermost [x, y(, z)] array.
class GeometryBuilder
{
public:
    void beginArray();
    void position(double x, double y);
    void endArray();
    // Checks that the nesting depth fits the type and returns the geometry, or nullopt with an
    // error such as "a Polygon needs an array of linear rings".
    std::optional<Geometry> finish(GeometryType type, QString *error);

private:
    std::vector<int> m_childDepth; // per open array: nesting depth of its children (0 = unknown)
    int m_topDepth = 0;
    Geometry m_geometry;
    bool m_bad = false;
};

} // namespace StacScope

Q_DECLARE_METATYPE(StacScope::Geometry)
