#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

#include "src/demo/democatalog.h"
#include "src/demo/demojson.h"
#include "src/demo/demoscene.h"

// Internal to DemoCatalog: what the item writer (democatalog.cpp) and the collection writer
// (democollection.cpp) share.
namespace StacScope::DemoCatalog {

inline constexpr char CogType[] = "image/tiff; application=geotiff; profile=cloud-optimized";
inline constexpr char GeoTiffType[] = "image/tiff; application=geotiff";
inline constexpr char GeoJsonType[] = "application/geo+json";
inline constexpr char JsonType[] = "application/json";
inline constexpr qint64 MsPerDay = 86400000;

// Where links and asset hrefs point.
enum class Layout
{
    Api, // absolute, under Options::baseUrl, as served by the STAC emulator; no data files
    Static // relative to each document, as in a folder (or Qt resource) catalog; data from DemoAssets
};

// The kind's eo:bands (only red, green, blue when `visualOnly`).
QByteArray bandsJson(Kind kind, bool visualOnly);
// options.baseUrl with a trailing '/'.
QByteArray normalizedBase(const Options &options);

// The extent of the items of one collection, grown item by item.
struct Extent
{
    int count = 0;
    bool crossesAntimeridian = false;
    double west = 180;
    double south = 90;
    double east = -180;
    double north = -90;
    qint64 begin = std::numeric_limits<qint64>::max();
    qint64 end = std::numeric_limits<qint64>::min();

    void add(const Scene &scene)
    {
        ++count;
        crossesAntimeridian = crossesAntimeridian || scene.crossesAntimeridian;
        if (!scene.crossesAntimeridian) {
            west = std::min(west, scene.west);
            east = std::max(east, scene.east);
        }
        south = std::min(south, scene.south);
        north = std::max(north, scene.north);
        begin = std::min(begin, scene.datetimeMs);
        end = std::max(end, scene.datetimeMs);
    }

    QByteArray json() const
    {
        // Rounded outwards so that the printed box still holds every item.
        const auto down = [](double v) { return Json::number(std::floor(v * 1e4) / 1e4, 4); };
        const auto up = [](double v) { return Json::number(std::ceil(v * 1e4) / 1e4, 4); };
        const QByteArray bbox = '[' + (crossesAntimeridian ? QByteArray("-180") : down(west)) + ',' + down(south) + ','
            + (crossesAntimeridian ? QByteArray("180") : up(east)) + ',' + up(north) + ']';
        return "{\"spatial\":{\"bbox\":[" + bbox + "]},\"temporal\":{\"interval\":[[\""
            + Json::formatTime(begin / 1000 * 1000) + "\",\"" + Json::formatTime((end + 999) / 1000 * 1000) + "\"]]}}";
    }
};

// Everything the generator may produce for this kind.
QByteArray wholeExtentJson(Kind kind);
// `itemLinks` lists the item ids to link (static layout only).
QByteArray collectionJson(const QString &id, const Options &options, Layout layout, const QByteArray &extent,
    const QByteArrayList &itemLinks = {});
// The root catalog.json of the static layout.
QByteArray catalogJson(const Options &options, int itemCount);

} // namespace StacScope::DemoCatalog
