#include "src/demo/democatalog.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include "src/demo/demojson.h"
#include "src/demo/demoscene.h"

using namespace Qt::StringLiterals;

namespace StacScope::DemoCatalog {
namespace {

using Json::appendLink;
using Json::field;
using Json::rawField;

const char *const CogType = "image/tiff; application=geotiff; profile=cloud-optimized";
const char *const GeoJsonType = "application/geo+json";
const char *const JsonType = "application/json";
// Data assets point here: resolvable by nobody (RFC 2606), so the demo never downloads anything.
const char *const DataHost = "https://demo.stacscope.invalid/";
constexpr qint64 MsPerDay = 86400000;

// Where links and asset hrefs point.
enum class Layout
{
    Api, // absolute, under Options::baseUrl, as served by the STAC emulator
    Static // relative to each document, as in a folder (or Qt resource) catalog
};

struct Band
{
    const char *name;
    const char *commonName;
    double center; // micrometres
};

constexpr Band OpticalBands[] = {
    { "B02", "blue", 0.49 },
    { "B03", "green", 0.56 },
    { "B04", "red", 0.665 },
    { "B05", "rededge", 0.705 },
    { "B08", "nir", 0.842 },
    { "B11", "swir16", 1.61 },
};
constexpr Band ArchiveBands[] = {
    { "BLUE", "blue", 0.48 },
    { "GREEN", "green", 0.545 },
    { "RED", "red", 0.66 },
    { "NIR", "nir", 0.83 },
};

QByteArray bandsJson(Kind kind, bool visualOnly)
{
    QByteArray out = "[";
    const Band *bands = kind == Kind::Archive ? ArchiveBands : OpticalBands;
    const size_t count = kind == Kind::Archive ? std::size(ArchiveBands) : std::size(OpticalBands);
    bool first = true;
    for (const char *const wanted : { "red", "green", "blue" }) {
        for (size_t i = 0; visualOnly && i < count; ++i) {
            if (qstrcmp(bands[i].commonName, wanted) == 0) {
                out += first ? "{" : ",{";
                field(out, "name", bands[i].name, true);
                out += '}';
                first = false;
            }
        }
    }
    for (size_t i = 0; !visualOnly && i < count; ++i) {
        out += first ? "{" : ",{";
        field(out, "name", bands[i].name, true);
        field(out, "common_name", bands[i].commonName);
        rawField(out, "center_wavelength", Json::number(bands[i].center, 3));
        out += '}';
        first = false;
    }
    return out + ']';
}

QByteArray normalizedBase(const Options &options)
{
    return (options.baseUrl.endsWith(u'/') ? options.baseUrl : options.baseUrl + u'/').toUtf8();
}

QByteArray checksum(quint64 seed, const QByteArray &id, const QByteArray &key, qint64 size)
{
    const QByteArray content
        = "stacscope-demo/" + QByteArray::number(seed) + '/' + id + '/' + key + '/' + QByteArray::number(size);
    return "1220" + QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex(); // sha2-256 multihash
}

void appendAsset(QByteArray &out, bool first, const QByteArray &key, const QByteArray &href, const char *type,
    const QByteArray &title, const char *role, const QByteArray &extra = {})
{
    if (!first)
        out += ',';
    Json::appendString(out, key);
    out += ":{";
    field(out, "href", href, true);
    field(out, "type", type);
    field(out, "title", title);
    rawField(out, "roles", "[\"" + QByteArray(role) + "\"]");
    out += extra;
    out += '}';
}

QByteArray fileFields(quint64 seed, const QByteArray &id, const QByteArray &key, qint64 size)
{
    QByteArray out;
    rawField(out, "file:size", QByteArray::number(size));
    field(out, "file:checksum", checksum(seed, id, key, size));
    return out;
}

QByteArray itemExtensions(Kind kind)
{
    QByteArray out = "[";
    if (kind == Kind::Sar)
        out += "\"https://stac-extensions.github.io/sar/v1.0.0/schema.json\",";
    else
        out += "\"https://stac-extensions.github.io/eo/v1.1.0/schema.json\",";
    return out
        + "\"https://stac-extensions.github.io/view/v1.0.0/schema.json\","
          "\"https://stac-extensions.github.io/projection/v2.0.0/schema.json\","
          "\"https://stac-extensions.github.io/sat/v1.0.0/schema.json\","
          "\"https://stac-extensions.github.io/file/v2.1.0/schema.json\"]";
}

QByteArray itemJson(int index, const Options &options, const Scene &scene, Layout layout)
{
    const Profile &profile = profileOf(scene.kind);
    const QByteArray collection = collectionId(index, options).toUtf8();
    const QByteArray id = itemId(index, options).toUtf8();
    const bool sar = scene.kind == Kind::Sar;

    QByteArray out;
    out.reserve(3072);
    out += '{';
    field(out, "type", "Feature", true);
    field(out, "stac_version", "1.0.0");
    rawField(out, "stac_extensions", itemExtensions(scene.kind));
    field(out, "id", id);
    field(out, "collection", collection);
    rawField(out, "geometry", scene.geometry);
    rawField(out, "bbox",
        '[' + Json::number(scene.west, 6) + ',' + Json::number(scene.south, 6) + ',' + Json::number(scene.east, 6) + ','
            + Json::number(scene.north, 6) + ']');

    out += ",\"properties\":{";
    field(out, "datetime", Json::formatTime(scene.datetimeMs), true);
    field(out, "created", Json::formatTime(scene.createdMs));
    field(out, "updated", Json::formatTime(scene.updatedMs));
    field(out, "platform", profile.platforms.at(scene.platform).toUtf8());
    field(out, "constellation", profile.constellation);
    rawField(out, "instruments", "[\"" + QByteArray(profile.instrument) + "\"]");
    rawField(out, "gsd", Json::number(scene.gsd, 2));
    if (!sar)
        rawField(out, "eo:cloud_cover", Json::number(scene.cloudCover, 2));
    rawField(out, "view:off_nadir", Json::number(scene.offNadir, 2));
    if (sar) {
        rawField(out, "view:incidence_angle", Json::number(scene.incidenceAngle, 2));
        const SarMode &mode = sarMode(scene.sarMode);
        field(out, "sar:instrument_mode", mode.name);
        field(out, "sar:frequency_band", "X");
        rawField(out, "sar:center_frequency", "9.65");
        rawField(out, "sar:polarizations", "[\"" + scene.polarizations.join("\",\"") + "\"]");
        field(out, "sar:product_type", mode.productType);
        rawField(out, "sar:resolution_range", Json::number(mode.resolutionM, 1));
        rawField(out, "sar:resolution_azimuth", Json::number(mode.resolutionM, 1));
        field(out, "sar:observation_direction", scene.lookRight ? "right" : "left");
    } else {
        rawField(out, "view:sun_elevation", Json::number(scene.sunElevation, 2));
        rawField(out, "view:sun_azimuth", Json::number(scene.sunAzimuth, 2));
    }
    field(out, "proj:code", "EPSG:" + QByteArray::number(scene.epsg));
    field(out, "sat:orbit_state", scene.ascending ? "ascending" : "descending");
    rawField(out, "sat:relative_orbit", QByteArray::number(scene.relativeOrbit));
    rawField(out, "sat:absolute_orbit", QByteArray::number(scene.absoluteOrbit));
    out += '}';

    QByteArray thumbnailHref;
    QByteArray assetBase;
    out += ",\"links\":[";
    if (layout == Layout::Api) {
        const QByteArray base = normalizedBase(options);
        const QByteArray collectionUrl = base + "collections/" + collection;
        appendLink(out, true, "self", collectionUrl + "/items/" + id, GeoJsonType);
        appendLink(out, false, "parent", collectionUrl, JsonType);
        appendLink(out, false, "collection", collectionUrl, JsonType);
        appendLink(out, false, "root", base, JsonType);
        assetBase = base + "data/" + collection + '/' + id + '/';
        thumbnailHref = assetBase + "thumbnail.png";
    } else {
        // No self link: a self-contained catalog resolves everything against where the file is.
        appendLink(out, true, "root", "../../catalog.json", JsonType);
        appendLink(out, false, "parent", "../collection.json", JsonType);
        appendLink(out, false, "collection", "../collection.json", JsonType);
        assetBase = DataHost + collection + '/' + id + '/';
        thumbnailHref = "../thumbnails/" + id + ".png";
    }
    out += ']';

    out += ",\"assets\":{";
    appendAsset(out, true, "thumbnail", thumbnailHref, "image/png", "Thumbnail", "thumbnail");
    const quint64 seed = options.seed;
    if (sar) {
        for (const QByteArray &polarization : scene.polarizations) {
            appendAsset(out, false, polarization, assetBase + polarization + ".tif", CogType,
                polarization + " amplitude (geocoded)", "data", fileFields(seed, id, polarization, scene.analyticSize));
        }
    } else {
        appendAsset(out, false, "visual", assetBase + "visual.tif", CogType, "True colour image (8 bit)", "visual",
            ",\"eo:bands\":" + bandsJson(scene.kind, true) + fileFields(seed, id, "visual", scene.visualSize));
        appendAsset(out, false, "analytic", assetBase + "analytic.tif", CogType,
            scene.kind == Kind::Archive ? "Pan-sharpened surface reflectance (16 bit)" : "Surface reflectance (16 bit)",
            "data",
            ",\"eo:bands\":" + bandsJson(scene.kind, false) + fileFields(seed, id, "analytic", scene.analyticSize));
    }
    appendAsset(out, false, "metadata", assetBase + "metadata.xml", "application/xml", "Product metadata", "metadata",
        fileFields(seed, id, "metadata", scene.metadataSize));
    out += "}}";
    return out;
}

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
QByteArray wholeExtentJson(Kind kind)
{
    const Profile &profile = profileOf(kind);
    return "{\"spatial\":{\"bbox\":[[-180,-90,180,90]]},\"temporal\":{\"interval\":[[\""
        + Json::formatTime((profile.firstDay - 1) * MsPerDay) + "\",\""
        + Json::formatTime((profile.firstDay + profile.dayCount + 1) * MsPerDay) + "\"]]}}";
}

struct Texts
{
    const char *title;
    const char *description;
    const char *keywords;
};

Texts textsOf(Kind kind)
{
    switch (kind) {
    case Kind::Sar:
        return { "DemoSAR X-band radar (synthetic)",
            "X-band synthetic aperture radar scenes from the three DemoSAR satellites in a dawn-dusk "
            "sun-synchronous orbit, 2021-2024: 1 m spotlight, 3 m stripmap and 16 m ScanSAR, single or dual "
            "polarisation, on ascending and descending passes, right-looking at 20 to 45 degrees of incidence. "
            "Synthetic data made by StacScope for offline use: footprints, dates and metadata are plausible, the "
            "data files do not exist.",
            "[\"synthetic\",\"demo\",\"sar\",\"radar\",\"x-band\"]" };
    case Kind::Archive:
        return { "ArchiveSat 0.5 m archive (synthetic)",
            "Very-high-resolution optical archive, 2015-2021: pan-sharpened four-band scenes at 0.5 m (up to "
            "0.62 m when pointed 30 degrees off nadir) from the three ArchiveSat satellites, in short strips along "
            "a 10:30 descending-node sun-synchronous orbit. Synthetic data made by StacScope for offline use: "
            "footprints, dates and metadata are plausible, the data files do not exist.",
            "[\"synthetic\",\"demo\",\"optical\",\"very high resolution\",\"archive\"]" };
    case Kind::Optical:
        break;
    }
    return { "Demosat 10 m multispectral (synthetic)",
        "Six-band 10 m multispectral scenes (visible, red edge, near and short-wave infrared) from the four "
        "Demosat satellites, 77 km frames along a 10:30 descending-node sun-synchronous orbit, 2020-2024. "
        "Synthetic data made by StacScope for offline use: footprints, dates and metadata are plausible, the "
        "data files do not exist.",
        "[\"synthetic\",\"demo\",\"optical\",\"multispectral\"]" };
}

QByteArray summariesJson(Kind kind)
{
    const Profile &profile = profileOf(kind);
    const auto range = [](double low, double high, int decimals) -> QByteArray {
        return "{\"minimum\":" + Json::number(low, decimals) + ",\"maximum\":" + Json::number(high, decimals) + '}';
    };
    QByteArray out = "{";
    rawField(out, "platform", Json::stringArray(profile.platforms), true);
    rawField(out, "constellation", "[\"" + QByteArray(profile.constellation) + "\"]");
    rawField(out, "instruments", "[\"" + QByteArray(profile.instrument) + "\"]");
    if (kind == Kind::Sar) {
        QByteArray modes = "[";
        QByteArray gsds = "[";
        for (int i = 0; i < SarModeCount; ++i) {
            modes += (i > 0 ? ",\"" : "\"") + QByteArray(sarMode(i).name) + '"';
            gsds += (i > 0 ? "," : "") + Json::number(sarMode(i).resolutionM, 1);
        }
        rawField(out, "gsd", gsds + ']');
        rawField(out, "view:incidence_angle", range(20, 45, 0));
        rawField(out, "sar:instrument_mode", modes + ']');
        rawField(out, "sar:frequency_band", "[\"X\"]");
        rawField(out, "sar:center_frequency", "[9.65]");
        rawField(out, "sar:polarizations", "[\"HH\",\"HV\",\"VV\",\"VH\"]");
        rawField(out, "sar:product_type", "[\"GEC\",\"GRD\"]");
        rawField(out, "sar:observation_direction", "[\"right\"]");
        rawField(out, "sat:orbit_state", "[\"ascending\",\"descending\"]");
    } else {
        rawField(out, "gsd", range(profile.minGsd, profile.maxGsd, 2));
        rawField(out, "eo:cloud_cover", range(0, 100, 0));
        rawField(out, "view:off_nadir", range(profile.minOffNadir, profile.maxOffNadir, 0));
        rawField(out, "view:sun_elevation", range(0, 90, 0));
        rawField(out, "eo:bands", bandsJson(kind, false));
        rawField(out, "sat:orbit_state", "[\"descending\"]");
    }
    return out + '}';
}

QByteArray itemAssetsJson(Kind kind)
{
    const auto asset
        = [](const char *type, const QByteArray &title, const char *role, const QByteArray &extra = {}) -> QByteArray {
        return "{\"type\":\"" + QByteArray(type) + "\",\"title\":\"" + title + "\",\"roles\":[\"" + role + "\"]" + extra
            + '}';
    };
    QByteArray out = "{";
    rawField(out, "thumbnail", asset("image/png", "Thumbnail", "thumbnail"), true);
    if (kind == Kind::Sar) {
        for (const char *const polarization : { "HH", "HV", "VV", "VH" })
            rawField(out, polarization, asset(CogType, polarization + QByteArray(" amplitude (geocoded)"), "data"));
    } else {
        rawField(out, "visual",
            asset(CogType, "True colour image (8 bit)", "visual", ",\"eo:bands\":" + bandsJson(kind, true)));
        rawField(out, "analytic",
            asset(CogType, "Surface reflectance (16 bit)", "data", ",\"eo:bands\":" + bandsJson(kind, false)));
    }
    rawField(out, "metadata", asset("application/xml", "Product metadata", "metadata"));
    return out + '}';
}

bool isDefaultId(const QString &id)
{
    return Options().collections.contains(id);
}

// `itemLinks` lists the item ids to link (static layout only).
QByteArray collectionJson(const QString &id, const Options &options, Layout layout, const QByteArray &extent,
    const QByteArrayList &itemLinks = {})
{
    const Kind kind = kindOf(id);
    const Texts texts = textsOf(kind);

    QByteArray out;
    out += '{';
    field(out, "type", "Collection", true);
    field(out, "stac_version", "1.0.0");
    rawField(out, "stac_extensions",
        "[\"https://stac-extensions.github.io/item-assets/v1.0.0/schema.json\","
            + QByteArray(kind == Kind::Sar ? "\"https://stac-extensions.github.io/sar/v1.0.0/schema.json\","
                                           : "\"https://stac-extensions.github.io/eo/v1.1.0/schema.json\",")
            + "\"https://stac-extensions.github.io/view/v1.0.0/schema.json\","
              "\"https://stac-extensions.github.io/sat/v1.0.0/schema.json\"]");
    field(out, "id", id.toUtf8());
    field(out, "title", isDefaultId(id) ? QByteArray(texts.title) : QByteArray(id.toUtf8() + " (synthetic)"));
    field(out, "description", texts.description);
    field(out, "license", "CC0-1.0");
    rawField(out, "keywords", texts.keywords);
    rawField(out, "providers",
        "[{\"name\":\"StacScope demo (synthetic)\",\"description\":\"Generated by StacScope; no satellite took "
        "these "
        "scenes.\",\"roles\":[\"producer\",\"processor\",\"host\"],\"url\":\"https://demo.stacscope.invalid/\"}]");
    rawField(out, "extent", extent);
    rawField(out, "summaries", summariesJson(kind));
    rawField(out, "item_assets", itemAssetsJson(kind));

    out += ",\"links\":[";
    if (layout == Layout::Api) {
        const QByteArray base = normalizedBase(options);
        const QByteArray url = base + "collections/" + id.toUtf8();
        appendLink(out, true, "self", url, JsonType);
        appendLink(out, false, "root", base, JsonType);
        appendLink(out, false, "parent", base, JsonType);
        appendLink(out, false, "items", url + "/items", GeoJsonType);
        appendLink(out, false, "http://www.opengis.net/def/rel/ogc/1.0/queryables", url + "/queryables",
            "application/schema+json");
    } else {
        appendLink(out, true, "root", "../catalog.json", JsonType);
        appendLink(out, false, "parent", "../catalog.json", JsonType);
        for (const QByteArray &item : itemLinks)
            appendLink(out, false, "item", "./items/" + item + ".json", GeoJsonType);
    }
    out += "]}";
    return out;
}

QByteArray catalogJson(const Options &options, int itemCount)
{
    QByteArray out = "{";
    field(out, "type", "Catalog", true);
    field(out, "stac_version", "1.0.0");
    field(out, "id", "stacscope-demo");
    field(out, "title", "StacScope demo catalog");
    field(out, "description",
        QByteArray::number(itemCount) + " synthetic satellite scenes in "
            + QByteArray::number(options.collections.size())
            + " collections, shipped with StacScope so that it can be explored with no network. Footprints follow "
              "sun-synchronous ground tracks; dates and properties are plausible; the data files do not exist.");
    out += ",\"links\":[";
    appendLink(out, true, "root", "./catalog.json", JsonType);
    for (const QString &id : options.collections) {
        out += ",{";
        field(out, "rel", "child", true);
        field(out, "href", "./" + id.toUtf8() + "/collection.json");
        field(out, "type", JsonType);
        field(out, "title", isDefaultId(id) ? QByteArray(textsOf(kindOf(id)).title) : id.toUtf8());
        out += '}';
    }
    out += "]}";
    return out;
}

// Plain QFile, not QSaveFile: thousands of small generated files, and a sync per file makes writing a
// catalog take seconds; a half-written catalog is simply generated again.
bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size() || !file.flush()) {
        if (error)
            *error = u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool makePath(const QDir &root, const QString &sub, QString *error)
{
    if (root.mkpath(sub))
        return true;
    if (error)
        *error = u"cannot create directory %1"_s.arg(QDir::toNativeSeparators(root.filePath(sub)));
    return false;
}

} // namespace

QString collectionId(int index, const Options &options)
{
    if (options.collections.isEmpty())
        return {};
    return options.collections.at(index % options.collections.size());
}

QString itemId(int index, const Options &options)
{
    return collectionId(index, options) + u'-' + QString::number(index).rightJustified(6, u'0');
}

bool crossesAntimeridian(int index, const Options &options)
{
    return makeScene(index, options).crossesAntimeridian;
}

QByteArray item(int index, const Options &options)
{
    return itemJson(index, options, makeScene(index, options), Layout::Api);
}

QByteArray featureCollection(int first, int count, const Options &options)
{
    QByteArray out;
    out.reserve(qsizetype(std::max(count, 0)) * 2900 + 64);
    out += "{\"type\":\"FeatureCollection\",\"features\":[";
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            out += ',';
        out += item(first + i, options);
    }
    out += "]}";
    return out;
}

QByteArray collection(const QString &id, const Options &options)
{
    return collectionJson(id, options, Layout::Api, wholeExtentJson(kindOf(id)));
}

bool writeCatalogDirectory(const QString &dir, int itemCount, const Options &options, QString *error)
{
    const QDir root(dir);
    if (!makePath(root, u"collections"_s, error) || !makePath(root, u"items"_s, error))
        return false;
    std::vector<Extent> extents(size_t(options.collections.size()));
    for (int first = 0, page = 0; first < itemCount; first += PageSize, ++page) {
        const int count = std::min(PageSize, itemCount - first);
        QByteArray out;
        out.reserve(qsizetype(count) * 2900 + 64);
        out += "{\"type\":\"FeatureCollection\",\"features\":[";
        for (int i = first; i < first + count; ++i) {
            const Scene scene = makeScene(i, options);
            if (!extents.empty())
                extents[size_t(i % extents.size())].add(scene);
            if (i > first)
                out += ',';
            out += itemJson(i, options, scene, Layout::Api);
        }
        out += "]}";
        if (!writeFile(root.filePath(u"items/page-%1.json"_s.arg(page, 4, 10, QLatin1Char('0'))), out, error))
            return false;
    }
    for (qsizetype c = 0; c < options.collections.size(); ++c) {
        const QString &id = options.collections.at(c);
        const Extent &extent = extents[size_t(c)];
        const QByteArray json
            = collectionJson(id, options, Layout::Api, extent.count > 0 ? extent.json() : wholeExtentJson(kindOf(id)));
        if (!writeFile(root.filePath(u"collections/"_s + id + u".json"_s), json, error))
            return false;
    }
    return true;
}

QString itemPath(int index, const Options &options)
{
    return collectionId(index, options) + u"/items/"_s + itemId(index, options) + u".json"_s;
}

QString thumbnailPath(int index, const Options &options)
{
    return collectionId(index, options) + u"/thumbnails/"_s + itemId(index, options) + u".png"_s;
}

QByteArray staticItem(int index, const Options &options)
{
    return itemJson(index, options, makeScene(index, options), Layout::Static);
}

bool writeStaticCatalog(const QString &dir, int itemCount, const Options &options, QString *error)
{
    const QDir root(dir);
    for (const QString &id : options.collections) {
        // Collection ids become folder names.
        if (id.isEmpty() || id.startsWith(u'.') || id.contains(u'/') || id.contains(u'\\')) {
            if (error)
                *error = u"collection id \"%1\" cannot be a folder name"_s.arg(id);
            return false;
        }
    }
    for (const QString &id : options.collections) {
        if (!makePath(root, id + u"/items"_s, error))
            return false;
    }
    std::vector<Extent> extents(size_t(options.collections.size()));
    std::vector<QByteArrayList> members(size_t(options.collections.size()));
    for (int i = 0; i < itemCount && !extents.empty(); ++i) {
        const Scene scene = makeScene(i, options);
        const size_t c = size_t(i) % extents.size();
        extents[c].add(scene);
        members[c].append(itemId(i, options).toUtf8());
        if (!writeFile(root.filePath(itemPath(i, options)), itemJson(i, options, scene, Layout::Static), error))
            return false;
    }
    for (qsizetype c = 0; c < options.collections.size(); ++c) {
        const QString &id = options.collections.at(c);
        const Extent &extent = extents[size_t(c)];
        const QByteArray json = collectionJson(id, options, Layout::Static,
            extent.count > 0 ? extent.json() : wholeExtentJson(kindOf(id)), members[size_t(c)]);
        if (!writeFile(root.filePath(id + u"/collection.json"_s), json, error))
            return false;
    }
    return writeFile(root.filePath(u"catalog.json"_s), catalogJson(options, itemCount), error);
}

} // namespace StacScope::DemoCatalog
