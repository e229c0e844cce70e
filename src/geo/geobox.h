#pragma once

#include <array>
#include <optional>

#include <QJsonArray>
#include <QMetaType>
#include <QString>

namespace StacScope {

// A lon/lat bounding box in degrees. West may be greater than east: the box then crosses the
// antimeridian (STAC and GeoJSON convention), e.g. [170, -10, -170, 10] is 20 degrees wide.
struct GeoBox
{
    double west = 0;
    double south = 0;
    double east = 0;
    double north = 0;

    static GeoBox world() { return { -180, -90, 180, 90 }; }

    bool isValid() const;
    bool crossesAntimeridian() const { return west > east; }
    // Width in degrees, accounting for the antimeridian (0..360).
    double width() const;
    double height() const { return north - south; }
    // Centre longitude normalised to [-180, 180).
    double centerLon() const;
    double centerLat() const { return (south + north) / 2; }

    bool containsPoint(double lon, double lat) const;
    bool intersects(const GeoBox &other) const;
    bool contains(const GeoBox &other) const;
    // The smallest box covering both (may cross the antimeridian when that is narrower).
    GeoBox united(const GeoBox &other) const;
    // One box, or two when crossing the antimeridian (west part first), none crossing.
    int split(std::array<GeoBox, 2> &parts) const;

    // "W,S,E,N" with up to 7 decimals, as used in a GET bbox parameter.
    QString toQueryString() const;
    QJsonArray toJson() const;
    // Parses 4 or 6 numbers (the 3D form drops elevations); validates ranges.
    static std::optional<GeoBox> fromJson(const QJsonArray &array, QString *error = nullptr);
    static std::optional<GeoBox> fromString(const QString &text, QString *error = nullptr);

    friend bool operator==(const GeoBox &, const GeoBox &) = default;
};

// Normalises a longitude into [-180, 180].
double normalizeLongitude(double lon);
// `lon` moved by whole turns to within 180 degrees of `reference` (|result - reference| <= 180),
// in one step whatever the distance: a garbage longitude such as 1e30 costs no more than 181
// (stepping 360 degrees at a time never ends there). Infinite or NaN input comes back NaN or as is.
double unwrapLongitude(double lon, double reference);

} // namespace StacScope

Q_DECLARE_METATYPE(StacScope::GeoBox)
