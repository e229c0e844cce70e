#include "src/geo/geometry.h"

#include <algorithm>
#include <cmath>

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

int expectedDepth(GeometryType type)
{
    switch (type) {
    case GeometryType::Point:
        return 1;
    case GeometryType::MultiPoint:
    case GeometryType::LineString:
        return 2;
    case GeometryType::MultiLineString:
    case GeometryType::Polygon:
        return 3;
    case GeometryType::MultiPolygon:
        return 4;
    case GeometryType::Empty:
        break;
    }
    return 0;
}

struct NamedType
{
    const char16_t *name;
    GeometryType type;
};

constexpr NamedType kTypeNames[] = {
    { u"Point", GeometryType::Point },
    { u"MultiPoint", GeometryType::MultiPoint },
    { u"LineString", GeometryType::LineString },
    { u"MultiLineString", GeometryType::MultiLineString },
    { u"Polygon", GeometryType::Polygon },
    { u"MultiPolygon", GeometryType::MultiPolygon },
};

// Longitudes of a ring made continuous (no step over 180 degrees), so a ring across the
// antimeridian reads e.g. 179, 181 instead of 179, -179.
std::vector<double> unwrappedRing(std::span<const double> ring)
{
    std::vector<double> out(ring.begin(), ring.end());
    for (size_t i = 2; i < out.size(); i += 2) {
        out[i] = unwrapLongitude(out[i], out[i - 2]);
    }
    return out;
}

// Sutherland-Hodgman clip of a closed ring against the half-plane x <= cut (keepBelow) or
// x >= cut. Returns the clipped ring, closed, or an empty vector.
std::vector<double> clipRing(const std::vector<double> &ring, double cut, bool keepBelow)
{
    std::vector<double> out;
    const size_t n = ring.size() / 2;
    if (n < 2) {
        return out;
    }
    auto inside = [&](double x) { return keepBelow ? x <= cut : x >= cut; };
    for (size_t i = 0; i + 1 < n; ++i) {
        const double x1 = ring[2 * i], y1 = ring[2 * i + 1];
        const double x2 = ring[2 * i + 2], y2 = ring[2 * i + 3];
        const bool in1 = inside(x1);
        const bool in2 = inside(x2);
        if (in1) {
            out.push_back(x1);
            out.push_back(y1);
        }
        if (in1 != in2 && x1 != x2) {
            const double t = (cut - x1) / (x2 - x1);
            out.push_back(cut);
            out.push_back(y1 + t * (y2 - y1));
        }
    }
    if (out.size() < 6) {
        return {};
    }
    if (out[0] != out[out.size() - 2] || out[1] != out[out.size() - 1]) {
        out.push_back(out[0]);
        out.push_back(out[1]);
    }
    return out;
}

} // namespace

std::span<const double> Geometry::ring(int i) const
{
    const std::uint32_t begin = i == 0 ? 0 : m_ringEnds[size_t(i - 1)];
    const std::uint32_t end = m_ringEnds[size_t(i)];
    return std::span<const double>(m_coords).subspan(size_t(begin) * 2, size_t(end - begin) * 2);
}

std::optional<GeometryType> Geometry::typeFromName(QStringView name)
{
    for (const NamedType &t : kTypeNames) {
        if (name == QStringView(t.name)) {
            return t.type;
        }
    }
    return std::nullopt;
}

QString Geometry::typeName(GeometryType type)
{
    for (const NamedType &t : kTypeNames) {
        if (t.type == type) {
            return QString::fromUtf16(t.name);
        }
    }
    return {};
}

GeoBox Geometry::bounds() const
{
    std::optional<GeoBox> result;
    std::uint32_t ringBegin = 0;
    for (std::uint32_t part = 0; part < m_partEnds.size(); ++part) {
        double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
        for (std::uint32_t r = ringBegin; r < m_partEnds[part]; ++r) {
            const std::vector<double> xy = unwrappedRing(ring(int(r)));
            for (size_t i = 0; i + 1 < xy.size(); i += 2) {
                minX = std::min(minX, xy[i]);
                maxX = std::max(maxX, xy[i]);
                minY = std::min(minY, xy[i + 1]);
                maxY = std::max(maxY, xy[i + 1]);
            }
        }
        ringBegin = m_partEnds[part];
        if (minX > maxX) {
            continue;
        }
        GeoBox box { minX, minY, maxX, maxY };
        if (maxX - minX >= 360.0) {
            box.west = -180.0;
            box.east = 180.0;
        } else if (minX < -180.0 || maxX > 180.0) {
            box.west = normalizeLongitude(minX);
            box.east = normalizeLongitude(maxX);
            // A part ending exactly on the antimeridian stays on its own side.
            if (box.east == -180.0 && maxX > 180.0) {
                box.east = 180.0;
            }
            if (box.west == 180.0 && minX < -180.0) {
                box.west = -180.0;
            }
        }
        result = result ? result->united(box) : box;
    }
    return result.value_or(GeoBox {});
}

bool Geometry::hasAntimeridianJump() const
{
    for (int r = 0; r < ringCount(); ++r) {
        const std::span<const double> xy = ring(r);
        for (size_t i = 2; i < xy.size(); i += 2) {
            if (std::abs(xy[i] - xy[i - 2]) > 180.0) {
                return true;
            }
        }
    }
    return false;
}

Geometry Geometry::splitAtAntimeridian() const
{
    bool beyond = false;
    for (size_t i = 0; i < m_coords.size(); i += 2) {
        beyond = beyond || m_coords[i] < -180.0 || m_coords[i] > 180.0;
    }
    // Rings that jump across 180, or that run on past it with continuous longitudes.
    if (!isAreal() || (!beyond && !hasAntimeridianJump())) {
        return *this;
    }
    Geometry out;
    out.m_type = GeometryType::MultiPolygon;
    auto appendRing = [&out](const std::vector<double> &xy, double shift) {
        for (size_t i = 0; i + 1 < xy.size(); i += 2) {
            out.m_coords.push_back(xy[i] + shift);
            out.m_coords.push_back(xy[i + 1]);
        }
        out.m_ringEnds.push_back(std::uint32_t(out.m_coords.size() / 2));
    };
    std::uint32_t ringBegin = 0;
    for (std::uint32_t part = 0; part < m_partEnds.size(); ++part) {
        std::vector<std::vector<double>> rings;
        double minX = 1e300, maxX = -1e300;
        for (std::uint32_t r = ringBegin; r < m_partEnds[part]; ++r) {
            rings.push_back(unwrappedRing(ring(int(r))));
            // Keep holes on the same sheet as the outer ring.
            if (r > ringBegin) {
                const double d = rings.back()[0] - rings.front()[0];
                const double shift = std::round(d / 360.0) * 360.0;
                for (size_t i = 0; i < rings.back().size(); i += 2) {
                    rings.back()[i] -= shift;
                }
            }
            for (size_t i = 0; i < rings.back().size(); i += 2) {
                minX = std::min(minX, rings.back()[i]);
                maxX = std::max(maxX, rings.back()[i]);
            }
        }
        ringBegin = m_partEnds[part];
        const double cut = maxX > 180.0 ? 180.0 : -180.0;
        if (maxX <= 180.0 && minX >= -180.0) {
            for (const auto &r : rings) {
                appendRing(r, 0);
            }
            out.m_partEnds.push_back(std::uint32_t(out.m_ringEnds.size()));
            continue;
        }
        // West side (x <= cut) stays; the east side is shifted back by 360 degrees.
        for (int side = 0; side < 2; ++side) {
            const bool below = side == 0;
            const double shift = below ? (cut < 0 ? 360.0 : 0.0) : (cut > 0 ? -360.0 : 0.0);
            const size_t ringsBefore = out.m_ringEnds.size();
            for (size_t i = 0; i < rings.size(); ++i) {
                std::vector<double> clipped = clipRing(rings[i], cut, below);
                if (clipped.empty()) {
                    if (i == 0) {
                        break; // no outer ring on this side: its holes don't matter
                    }
                    continue;
                }
                appendRing(clipped, shift);
            }
            if (out.m_ringEnds.size() > ringsBefore) {
                out.m_partEnds.push_back(std::uint32_t(out.m_ringEnds.size()));
            }
        }
    }
    return out;
}

Geometry Geometry::fromBox(const GeoBox &box)
{
    Geometry g;
    std::array<GeoBox, 2> parts;
    const int n = box.split(parts);
    g.m_type = n == 1 ? GeometryType::Polygon : GeometryType::MultiPolygon;
    for (int i = 0; i < n; ++i) {
        const GeoBox &b = parts[size_t(i)];
        const double xy[] = { b.west, b.south, b.east, b.south, b.east, b.north, b.west, b.north, b.west, b.south };
        g.m_coords.insert(g.m_coords.end(), std::begin(xy), std::end(xy));
        g.m_ringEnds.push_back(std::uint32_t(g.m_coords.size() / 2));
        g.m_partEnds.push_back(std::uint32_t(g.m_ringEnds.size()));
    }
    return g;
}

Geometry Geometry::point(double lon, double lat)
{
    Geometry g;
    g.m_type = GeometryType::Point;
    g.m_coords = { lon, lat };
    g.m_ringEnds = { 1 };
    g.m_partEnds = { 1 };
    return g;
}

// --- GeometryBuilder ---

void GeometryBuilder::beginArray()
{
    m_childDepth.push_back(0);
}

void GeometryBuilder::position(double x, double y)
{
    if (m_childDepth.empty()) {
        if (m_topDepth != 0) {
            m_bad = true;
        }
        m_topDepth = 1;
    } else if (m_childDepth.back() == 0) {
        m_childDepth.back() = 1;
    } else if (m_childDepth.back() != 1) {
        m_bad = true;
    }
    m_geometry.m_coords.push_back(x);
    m_geometry.m_coords.push_back(y);
}

void GeometryBuilder::endArray()
{
    if (m_childDepth.empty()) {
        m_bad = true;
        return;
    }
    const int c = m_childDepth.back();
    m_childDepth.pop_back();
    if (c == 1) {
        m_geometry.m_ringEnds.push_back(std::uint32_t(m_geometry.m_coords.size() / 2));
    } else if (c == 2) {
        m_geometry.m_partEnds.push_back(std::uint32_t(m_geometry.m_ringEnds.size()));
    }
    const int own = c + 1;
    if (m_childDepth.empty()) {
        m_topDepth = own;
    } else if (c == 0) {
        // An empty array inside a structure: a ring or part with nothing in it. Skip it.
    } else if (m_childDepth.back() == 0) {
        m_childDepth.back() = own;
    } else if (m_childDepth.back() != own) {
        m_bad = true;
    }
}

std::optional<Geometry> GeometryBuilder::finish(GeometryType type, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<Geometry> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    const int want = expectedDepth(type);
    Geometry g = std::move(m_geometry);
    g.m_type = type;
    if (m_bad || !m_childDepth.empty()) {
        return fail(QStringLiteral("%1 coordinates are nested inconsistently").arg(Geometry::typeName(type)));
    }
    if (g.m_coords.empty()) {
        g.m_ringEnds.clear();
        g.m_partEnds.clear();
        return g; // an empty geometry of this type, e.g. "coordinates": []
    }
    if (m_topDepth != want) {
        static const char16_t *needs[] = { u"", u"a position [lon, lat]", u"an array of positions",
            u"an array of arrays of positions", u"an array of polygons" };
        return fail(QStringLiteral("a %1 needs %2").arg(Geometry::typeName(type), QString::fromUtf16(needs[want])));
    }
    switch (type) {
    case GeometryType::Point:
        g.m_ringEnds = { 1 };
        g.m_partEnds = { 1 };
        break;
    case GeometryType::MultiPoint:
    case GeometryType::LineString:
        g.m_partEnds = { 1 };
        break;
    case GeometryType::MultiLineString:
        g.m_partEnds.clear();
        for (std::uint32_t i = 1; i <= g.m_ringEnds.size(); ++i) {
            g.m_partEnds.push_back(i);
        }
        break;
    default:
        break;
    }
    return g;
}

// --- GeoJSON ---

namespace {

bool walkJson(const QJsonArray &array, GeometryBuilder &builder, int depth)
{
    if (depth > 8) {
        return false;
    }
    if (!array.isEmpty() && array.first().isDouble()) {
        if (array.size() < 2 || !array.at(1).isDouble()) {
            return false;
        }
        builder.position(array.at(0).toDouble(), array.at(1).toDouble());
        return true;
    }
    builder.beginArray();
    for (const QJsonValue &v : array) {
        if (!v.isArray() || !walkJson(v.toArray(), builder, depth + 1)) {
            return false;
        }
    }
    builder.endArray();
    return true;
}

QJsonArray positionsJson(std::span<const double> xy)
{
    QJsonArray out;
    for (size_t i = 0; i + 1 < xy.size(); i += 2) {
        out.append(QJsonArray { xy[i], xy[i + 1] });
    }
    return out;
}

} // namespace

std::optional<Geometry> Geometry::fromGeoJson(const QJsonObject &object, QString *error)
{
    const QString typeName = object.value(u"type"_s).toString();
    const std::optional<GeometryType> type = typeFromName(typeName);
    if (!type) {
        if (error) {
            *error = typeName.isEmpty() ? u"geometry has no \"type\""_s
                                        : QStringLiteral("unsupported geometry type \"%1\"").arg(typeName);
        }
        return std::nullopt;
    }
    const QJsonValue coords = object.value(u"coordinates"_s);
    if (!coords.isArray()) {
        if (error) {
            *error = u"geometry \"coordinates\" is not an array"_s;
        }
        return std::nullopt;
    }
    GeometryBuilder builder;
    if (!walkJson(coords.toArray(), builder, 0)) {
        if (error) {
            *error = QStringLiteral("%1 coordinates must be nested arrays of [lon, lat] numbers").arg(typeName);
        }
        return std::nullopt;
    }
    return builder.finish(*type, error);
}

QJsonObject Geometry::toGeoJson() const
{
    QJsonArray coords;
    switch (m_type) {
    case GeometryType::Empty:
        return {};
    case GeometryType::Point:
        coords = m_coords.empty() ? QJsonArray {} : QJsonArray { m_coords[0], m_coords[1] };
        break;
    case GeometryType::MultiPoint:
    case GeometryType::LineString:
        coords = ringCount() ? positionsJson(ring(0)) : QJsonArray {};
        break;
    case GeometryType::MultiLineString:
    case GeometryType::Polygon:
        for (int r = 0; r < ringCount(); ++r) {
            coords.append(positionsJson(ring(r)));
        }
        break;
    case GeometryType::MultiPolygon: {
        std::uint32_t begin = 0;
        for (std::uint32_t end : m_partEnds) {
            QJsonArray polygon;
            for (std::uint32_t r = begin; r < end; ++r) {
                polygon.append(positionsJson(ring(int(r))));
            }
            coords.append(polygon);
            begin = end;
        }
        break;
    }
    }
    return QJsonObject { { u"type"_s, typeName(m_type) }, { u"coordinates"_s, coords } };
}

} // namespace StacScope
