#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// The synthetic STAC catalog a new user sees with no network, also used by tests, benchmarks and the
// STAC emulator.
//
// Every item is a function of (index, options) only: the same inputs always give byte-identical compact
// JSON, independent of which other items were generated before. Items are STAC 1.0.0 Features of about
// 2.5 KB, laid out as strips of consecutive frames along sun-synchronous ground tracks, mostly over land:
// 10 m multispectral scenes (eo:bands, eo:cloud_cover, view:sun_elevation), X-band SAR scenes
// (sar:instrument_mode, sar:polarizations, sat:orbit_state) and 0.5 m archive scenes up to 30 degrees
// off nadir. Two or three in every hundred cross the antimeridian (MultiPolygon split at +-180, bbox
// west > east) and about one in ten is above 70 degrees of latitude.
namespace StacScope::DemoCatalog {

struct Options
{
    // Prefix of every link and asset href in the API layout; a missing trailing '/' is added.
    QString baseUrl = QStringLiteral("http://127.0.0.1/");
    // Item i belongs to collections[i % collections.size()]. Ids containing "sar" get SAR scenes, ids
    // containing "archive" very-high-resolution archive scenes, others 10 m multispectral scenes.
    QStringList collections
        = { QStringLiteral("demo-optical"), QStringLiteral("demo-sar"), QStringLiteral("demo-archive") };
    quint64 seed = 1;
};

// Maximum number of items per items/page-NNNN.json file written by writeCatalogDirectory().
inline constexpr int PageSize = 1000;
// Items in the catalog embedded in the application.
inline constexpr int EmbeddedItemCount = 2400;

// Collection id of item `index` (empty when options.collections is empty).
QString collectionId(int index, const Options &options = {});
// "<collection>-<index, 6 digits>", e.g. "demo-optical-000123".
QString itemId(int index, const Options &options = {});
// Whether item `index` crosses the antimeridian. Some of every thousand consecutive items do.
bool crossesAntimeridian(int index, const Options &options = {});

// --- API layout: absolute links under options.baseUrl, as a STAC API serves them ---

// One compact STAC Item (GeoJSON Feature). index >= 0.
QByteArray item(int index, const Options &options = {});
// {"type":"FeatureCollection","features":[item(first) ... item(first + count - 1)]}.
QByteArray featureCollection(int first, int count, const Options &options = {});
// A STAC Collection describing the items generated for collection `id`, with an extent covering
// whatever they may be.
QByteArray collection(const QString &id, const Options &options = {});

// Writes <dir>/collections/<id>.json for every configured collection (extents fitted to the items) and
// items 0..itemCount-1 as FeatureCollections of at most PageSize items in <dir>/items/page-0000.json,
// page-0001.json, ... (the STAC emulator's input). Creates missing directories. Returns false and sets
// *error (if given) on the first failure.
bool writeCatalogDirectory(const QString &dir, int itemCount, const Options &options = {}, QString *error = nullptr);

// --- Static catalog layout: relative links only, so the folder can move (or live in Qt resources) ---

// Where writeStaticCatalog() puts item `index`, relative to the catalog folder:
// "demo-optical/items/demo-optical-000123.json".
QString itemPath(int index, const Options &options = {});
// Where the item's thumbnail asset points, relative to the catalog folder:
// "demo-optical/thumbnails/demo-optical-000123.png". The core writes no pixels; see resources/demo.
QString thumbnailPath(int index, const Options &options = {});
// Item `index` as written by writeStaticCatalog().
QByteArray staticItem(int index, const Options &options = {});

// Writes a self-contained static STAC catalog: <dir>/catalog.json ("StacScope demo catalog") with a child
// link to <dir>/<collection>/collection.json for every collection, which links each of its items at
// itemPath(). Items link back to their collection and the root; data assets point at an unreachable
// host. Returns false and sets *error (if given) on the first failure.
bool writeStaticCatalog(const QString &dir, int itemCount, const Options &options = {}, QString *error = nullptr);

} // namespace StacScope::DemoCatalog
