#pragma once

#include <cmath>
#include <numbers>

namespace StacScope::WebMercator {

// Web Mercator (EPSG:3857) stops at this latitude so that the world is a square.
inline constexpr double kMaxLatitude = 85.05112877980659;
inline constexpr double kEarthRadius = 6378137.0;
inline constexpr double kHalfWorld = std::numbers::pi * kEarthRadius; // metres from 0 to 180 degrees

inline double clampLatitude(double lat)
{
    return lat > kMaxLatitude ? kMaxLatitude : (lat < -kMaxLatitude ? -kMaxLatitude : lat);
}

// Normalised world coordinates: x in [0, 1) west to east from -180, y in [0, 1] north to south,
// the space of XYZ tiles at zoom 0. Longitudes outside [-180, 180] map outside [0, 1), which keeps
// shapes across the antimeridian continuous.
inline double lonToX(double lon)
{
    return (lon + 180.0) / 360.0;
}

inline double latToY(double lat)
{
    const double s = std::sin(clampLatitude(lat) * std::numbers::pi / 180.0);
    return 0.5 - std::log((1.0 + s) / (1.0 - s)) / (4.0 * std::numbers::pi);
}

inline double xToLon(double x)
{
    return x * 360.0 - 180.0;
}

inline double yToLat(double y)
{
    const double n = std::numbers::pi * (1.0 - 2.0 * y);
    return std::atan(std::sinh(n)) * 180.0 / std::numbers::pi;
}

// Projected metres (EPSG:3857).
inline double lonToMetres(double lon)
{
    return lon * kHalfWorld / 180.0;
}

inline double latToMetres(double lat)
{
    return (0.5 - latToY(lat)) * 2.0 * kHalfWorld;
}

inline double metresToLon(double x)
{
    return x * 180.0 / kHalfWorld;
}

inline double metresToLat(double y)
{
    return yToLat(0.5 - y / (2.0 * kHalfWorld));
}

} // namespace StacScope::WebMercator
