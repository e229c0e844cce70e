#include "src/geo/geodesy.h"

#include <cmath>
#include <numbers>

#include <QGeoCoordinate>
#include <QJsonArray>

namespace StacScope::Geodesy {

namespace {

constexpr double kRad = std::numbers::pi / 180.0;

// Spherical excess of a closed ring (Chamberlain & Duquette, "Some algorithms for polygons on a
// sphere", JPL 2007), signed by orientation. Longitude differences are taken modulo 360 so rings
// across the antimeridian need no special case.
double ringAreaKm2(std::span<const double> xy)
{
    const size_t n = xy.size() / 2;
    if (n < 3) {
        return 0;
    }
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
        const size_t j = (i + 1) % n;
        double dLon = xy[2 * j] - xy[2 * i];
        dLon = std::remainder(dLon, 360.0);
        sum += dLon * kRad * (2.0 + std::sin(xy[2 * i + 1] * kRad) + std::sin(xy[2 * j + 1] * kRad));
    }
    return sum * kEarthRadiusKm * kEarthRadiusKm / 2.0;
}

double cross(double ax, double ay, double bx, double by, double cx, double cy)
{
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

bool segmentsCross(const double *p1, const double *p2, const double *q1, const double *q2)
{
    const double d1 = cross(q1[0], q1[1], q2[0], q2[1], p1[0], p1[1]);
    const double d2 = cross(q1[0], q1[1], q2[0], q2[1], p2[0], p2[1]);
    const double d3 = cross(p1[0], p1[1], p2[0], p2[1], q1[0], q1[1]);
    const double d4 = cross(p1[0], p1[1], p2[0], p2[1], q2[0], q2[1]);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

} // namespace

double areaKm2(const Geometry &geometry)
{
    if (!geometry.isAreal()) {
        return 0;
    }
    double total = 0;
    std::uint32_t ringBegin = 0;
    for (std::uint32_t end : geometry.partEnds()) {
        for (std::uint32_t r = ringBegin; r < end; ++r) {
            const double a = std::abs(ringAreaKm2(geometry.ring(int(r))));
            total += r == ringBegin ? a : -a; // later rings of a polygon are holes
        }
        ringBegin = end;
    }
    return std::max(0.0, total);
}

double distanceKm(double lon1, double lat1, double lon2, double lat2)
{
    return QGeoCoordinate(lat1, normalizeLongitude(lon1)).distanceTo(QGeoCoordinate(lat2, normalizeLongitude(lon2)))
        / 1000.0;
}

Geometry circle(double lon, double lat, double radiusKm, int segments)
{
    segments = std::max(8, segments);
    const QGeoCoordinate centre(lat, lon);
    QJsonArray ring;
    double firstLon = 0;
    double firstLat = 0;
    for (int i = 0; i < segments; ++i) {
        const QGeoCoordinate p = centre.atDistanceAndAzimuth(radiusKm * 1000.0, 360.0 * i / segments);
        const double pLon = normalizeLongitude(p.longitude());
        if (i == 0) {
            firstLon = pLon;
            firstLat = p.latitude();
        }
        ring.append(QJsonArray { pLon, p.latitude() });
    }
    ring.append(QJsonArray { firstLon, firstLat });
    return *Geometry::fromGeoJson(QJsonObject { { QStringLiteral("type"), QStringLiteral("Polygon") },
        { QStringLiteral("coordinates"), QJsonArray { QJsonValue(ring) } } });
}

bool ringSelfIntersects(std::span<const double> xy)
{
    const size_t n = xy.size() / 2;
    if (n < 4) {
        return false;
    }
    // Unwrap longitudes so edges across the antimeridian are compared in one plane.
    std::vector<double> p(xy.begin(), xy.end());
    for (size_t i = 1; i < n; ++i) {
        p[2 * i] += std::round((p[2 * (i - 1)] - p[2 * i]) / 360.0) * 360.0;
    }
    const size_t edges = n - 1; // closed ring: last point repeats the first
    for (size_t i = 0; i < edges; ++i) {
        for (size_t j = i + 2; j < edges; ++j) {
            if (i == 0 && j == edges - 1) {
                continue; // these two share the closing vertex
            }
            if (segmentsCross(&p[2 * i], &p[2 * i + 2], &p[2 * j], &p[2 * j + 2])) {
                return true;
            }
        }
    }
    return false;
}

bool selfIntersects(const Geometry &geometry)
{
    if (!geometry.isAreal()) {
        return false;
    }
    for (int r = 0; r < geometry.ringCount(); ++r) {
        if (ringSelfIntersects(geometry.ring(r))) {
            return true;
        }
    }
    return false;
}

} // namespace StacScope::Geodesy
