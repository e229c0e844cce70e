#pragma once

#include <atomic>
#include <limits>
#include <span>
#include <vector>

#include <QString>

#include "src/geo/geobox.h"
#include "src/geo/geometry.h"

namespace StacScope::Coverage {

inline constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

// One scene's footprint as the coverage computation sees it.
struct Footprint
{
    Geometry geometry; // Polygon or MultiPolygon, lon/lat degrees; may cross the antimeridian
    int index = -1; // the caller's key, e.g. an ItemStore row
    qint64 datetime = kNoTime; // ms since the epoch (UTC)
    float cloudCover = std::numeric_limits<float>::quiet_NaN(); // percent; NaN when unknown
};

enum class Status
{
    Ok,
    UnsupportedTarget, // not a Point, Polygon or MultiPolygon
    EmptyTarget, // no coordinates, or a polygon without area (even after repair)
    GeometryError, // GEOS refused an operation; errorString() has its message
    Canceled,
};

struct Result
{
    Status status = Status::Ok;
    QString geosMessage; // for Status::GeometryError

    // Footprints that overlap the target (share interior with it; for a Point target: cover it),
    // by their `index`, in input order.
    int sceneCount = 0;
    std::vector<int> sceneIndices;
    // Among those scenes: the newest (kNoTime / -1 when none has a datetime) and the least cloudy
    // (NaN / -1 when none has a cloud cover; ties go to the newer scene, then the earlier input).
    qint64 newestDatetime = kNoTime;
    int newestIndex = -1;
    float leastCloudCover = std::numeric_limits<float>::quiet_NaN();
    int leastCloudIndex = -1;
    qint64 leastCloudDatetime = kNoTime;

    // Spherical areas (km²). For a Point target both are 0 and coveredFraction is 0 or 1.
    double targetAreaKm2 = 0;
    double coveredAreaKm2 = 0;
    double coveredFraction = 0;
    // The part of the target no scene covers, in lon/lat within [-180, 180] (split at the
    // antimeridian as RFC 7946 asks): a Polygon or MultiPolygon, empty when fully covered. When no
    // scene overlaps, the target itself (a Point target stays a Point).
    Geometry uncovered;

    // Self-intersecting footprints that were repaired, and footprints that had no area even after
    // repair (or were not polygons) and were skipped.
    int repairedCount = 0;
    int skippedCount = 0;

    bool isOk() const { return status == Status::Ok; }
    QString errorString() const;
};

// What catalogs already hold over `target`: which footprints overlap it, the newest and least
// cloudy of them, and the fraction of the target's area they cover together.
//
// Thread-safe and reentrant: every call has its own GEOS context, and GEOS's messages are kept,
// not printed. Longitudes are unwrapped around the target, so targets and footprints across the
// antimeridian (split, beyond 180, or jumping from 180 to -180) and rings around a pole work.
// Overlay runs in the lon/lat plane, where GeoJSON's edges are straight lines (RFC 7946 3.1.1),
// so intersections are exact; areas are integrated on the sphere, exactly for such edges.
// `canceled`, when given, is polled between steps; a canceled call returns Status::Canceled.
[[nodiscard]] Result compute(
    const Geometry &target, std::span<const Footprint> footprints, const std::atomic_bool *canceled = nullptr);

// The lon/lat box compute() considers around a geometry (west > east across the antimeridian;
// full width for a ring around a pole). Unlike Geometry::bounds(), an edge from -180 to 180 is
// read as spanning the globe, not as a step across the antimeridian.
GeoBox envelope(const Geometry &geometry);

} // namespace StacScope::Coverage
