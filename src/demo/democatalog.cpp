#include "src/demo/democatalog.h"

#include <algorithm>
#include <vector>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include "src/demo/demoassets.h"
#include "src/demo/democatalog_p.h"
#include "src/download/multihash.h"

using namespace Qt::StringLiterals;

namespace StacScope::DemoCatalog {

using Json::appendLink;
using Json::field;
using Json::rawField;

namespace {

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

} // namespace

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

namespace {

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
        assetBase = DemoAssets::baseUrl() + collection + '/' + id + '/';
        thumbnailHref = "../thumbnails/" + id + ".png";
    }
    out += ']';

    out += ",\"assets\":{";
    appendAsset(out, true, "thumbnail", thumbnailHref, "image/png", "Thumbnail", "thumbnail");
    // The API layout's files do not exist: realistic sizes, a checksum of nothing. The static layout's
    // are served by DemoAssets: their real size and checksum.
    const bool served = layout == Layout::Static;
    const char *const dataType = served ? GeoTiffType : CogType;
    const auto files = [&](const QByteArray &key, qint64 apiSize) -> QByteArray {
        if (!served)
            return fileFields(options.seed, id, key, apiSize);
        const std::optional<DemoAssets::File> file = DemoAssets::file(index, key, options);
        Multihash::Hasher hasher(Multihash::Algorithm::Sha2_256);
        hasher.addData(file ? file->bytes : QByteArray());
        QByteArray fields;
        rawField(fields, "file:size", QByteArray::number(file ? file->bytes.size() : 0));
        field(fields, "file:checksum", Multihash(Multihash::Algorithm::Sha2_256, hasher.result()).toHex());
        return fields;
    };
    if (sar) {
        for (const QByteArray &polarization : scene.polarizations) {
            appendAsset(out, false, polarization, assetBase + DemoAssets::fileName(polarization), dataType,
                polarization + " amplitude (geocoded)", "data", files(polarization, scene.analyticSize));
        }
    } else {
        appendAsset(out, false, "visual", assetBase + DemoAssets::fileName("visual"), dataType,
            "True colour image (8 bit)", "visual",
            ",\"eo:bands\":" + bandsJson(scene.kind, true) + files("visual", scene.visualSize));
        appendAsset(out, false, "analytic", assetBase + DemoAssets::fileName("analytic"), dataType,
            scene.kind == Kind::Archive ? "Pan-sharpened surface reflectance (16 bit)" : "Surface reflectance (16 bit)",
            "data", ",\"eo:bands\":" + bandsJson(scene.kind, false) + files("analytic", scene.analyticSize));
    }
    appendAsset(out, false, "metadata", assetBase + DemoAssets::fileName("metadata"), "application/xml",
        "Product metadata", "metadata", files("metadata", scene.metadataSize));
    out += "}}";
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
