#pragma once

#include <cmath>
#include <limits>

#include <QString>

#include "src/geo/geobox.h"
#include "src/geo/geometry.h"

namespace StacScope {

// The typed fields of a STAC Item that the app works with: tables, map, sorting and local search.
// The item's full JSON is kept elsewhere (ItemStore), so this stays small.
struct ItemRecord
{
    static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

    QString id;
    QString collection;
    // `datetime`, or `start_datetime` when datetime is null; kNoTime when unknown.
    qint64 datetime = kNoTime;
    qint64 startDatetime = kNoTime;
    qint64 endDatetime = kNoTime;
    GeoBox bbox;
    bool hasBbox = false;
    Geometry footprint;
    float cloudCover = std::numeric_limits<float>::quiet_NaN(); // eo:cloud_cover, percent
    float gsd = std::numeric_limits<float>::quiet_NaN(); // metres
    float offNadir = std::numeric_limits<float>::quiet_NaN(); // view:off_nadir, degrees
    float sunElevation = std::numeric_limits<float>::quiet_NaN(); // view:sun_elevation, degrees
    QString platform; // `platform`, or `constellation` when there is no platform
    // SAR (the STAC sar/sat/view extensions, as Capella's items carry them).
    QString sarMode; // sar:instrument_mode ("spotlight")
    QString productType; // sar:product_type ("GEO", "SLC")
    QString polarizations; // sar:polarizations joined with ',' ("HH", "VV,VH")
    QString orbitState; // sat:orbit_state ("ascending")
    float lookAngle = std::numeric_limits<float>::quiet_NaN(); // view:look_angle, degrees
    QString thumbnailHref; // absolute when it could be resolved
    QString title; // properties.title (common metadata), for the quick filter; often empty

    bool hasDatetime() const { return datetime != kNoTime; }
    // The acquisition period [begin, end] for datetime filtering.
    qint64 timeBegin() const { return startDatetime != kNoTime ? startDatetime : datetime; }
    qint64 timeEnd() const { return endDatetime != kNoTime ? endDatetime : datetime; }
    static bool isSet(float v) { return !std::isnan(v); }
};

} // namespace StacScope
