#pragma once

#include "src/geo/geometry.h"

namespace StacScope::Geodesy {

inline constexpr double kEarthRadiusKm = 6371.0088; // mean radius (IUGG)

// Area on the sphere of a polygon or multipolygon (holes subtracted), in km². Rings may cross
// the antimeridian. 0 for points and lines.
double areaKm2(const Geometry &geometry);
// Great-circle distance in km.
double distanceKm(double lon1, double lat1, double lon2, double lat2);
// A circle of `radiusKm` around a centre as a polygon of `segments` vertices (geodesic
// destination points), closed, in [-180, 180] (a ring across 180 jumps there, as GeoJSON does).
Geometry circle(double lon, double lat, double radiusKm, int segments = 64);
// Whether any two non-adjacent edges of a ring cross (a "bow tie").
bool ringSelfIntersects(std::span<const double> ring);
bool selfIntersects(const Geometry &geometry);

} // namespace StacScope::Geodesy
