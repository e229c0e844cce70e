// SatellogicEmulator, part 3: the archive (satellogic.md section 3, seed 000). A STAC API with
// Satellogic's collections, tiles and properties, behind the gateway's contract rules, and the
// tiles' assets on the API host.

#include <algorithm>
#include <cmath>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QtMath>

#include "tests/support/httpserverresponse.h"
#include "tests/support/httpstaticcontent.h"
#include "tests/support/satellogicemulator.h"
#include "tests/support/stacemulator.h"
#include "tests/support/syntheticfiles.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr double TileMetres = 2000; // the archive's 2 km x 2 km grid
constexpr double MetresPerDegreeLat = 110574;
constexpr double MetresPerDegreeLonAtEquator = 111320;

struct ArchiveCapture
{
    QString outcomeId;
    QString datetime;
    double lon;
    double lat;
    int satellite;
    double cloudCover;
    double gsd;
};

// Three captures in three UTM zones and both hemispheres; the first is seed 000's outcome id.
const QList<ArchiveCapture> &archiveCaptures()
{
    static const QList<ArchiveCapture> captures {
        { SatellogicEmulator::SeedOutcomeId.toString(), u"2024-03-14T06:51:12.482000Z"_s, 54.38, 24.47, 26, 2.1, 0.76 },
        { u"5b8e3c0a-7d1f-4e2b-9a61-2f0c8d4e7b13"_s, u"2024-11-02T13:40:05.117000Z"_s, -58.38, -34.60, 31, 14.7, 0.83 },
        { u"a3f1c2d4-6b7e-4f80-9c1d-2e3f4a5b6c7d"_s, u"2025-05-20T10:55:30.904000Z"_s, 2.35, 48.86, 40, 31.2, 0.94 },
    };
    return captures;
}

struct CollectionSpec
{
    QString id;
    QString title;
    QString productName;
    QString idPart; // in item ids
    int bands;
};

const QList<CollectionSpec> &collectionSpecs()
{
    static const QList<CollectionSpec> specs {
        { u"quickview-visual-thumb"_s, u"QuickView Visual"_s, u"QUICKVIEW_VISUAL"_s, u"QUICKVIEW_VISUAL_1_0_0"_s, 3 },
        { u"l1d-sr"_s, u"L1D Super Resolution"_s, u"L1D_SR"_s, u"L1D_SR_1_0_0"_s, 4 },
    };
    return specs;
}

// A plain equirectangular stand-in for UTM, good to a fraction of a percent inside a zone:
// the tiles only need to be 2 km squares with plausible grid codes and EPSG codes.
struct Utm
{
    int zone;
    bool north;
    double centralLon;
    int epsg() const { return (north ? 32600 : 32700) + zone; }
    static Utm forLon(double lon, double lat)
    {
        const int zone = std::clamp(int(std::floor((lon + 180) / 6)) + 1, 1, 60);
        return { zone, lat >= 0, double((zone - 1) * 6 - 180 + 3) };
    }
    std::pair<double, double> project(double lon, double lat) const
    {
        const double x = 500000 + (lon - centralLon) * MetresPerDegreeLonAtEquator * std::cos(qDegreesToRadians(lat));
        const double y = lat * MetresPerDegreeLat + (north ? 0 : 10000000);
        return { x, y };
    }
    std::pair<double, double> unproject(double x, double y) const
    {
        const double lat = (y - (north ? 0 : 10000000)) / MetresPerDegreeLat;
        const double lon = centralLon + (x - 500000) / (MetresPerDegreeLonAtEquator * std::cos(qDegreesToRadians(lat)));
        return { lon, lat };
    }
};

double round2(double value)
{
    return std::round(value * 100) / 100;
}

// Six decimals (about 0.1 m), as GeoJSON writers usually round.
QJsonArray position(const std::pair<double, double> &lonLat)
{
    return QJsonArray { std::round(lonLat.first * 1e6) / 1e6, std::round(lonLat.second * 1e6) / 1e6 };
}

QByteArray quotedMd5(const QByteArray &data)
{
    return '"' + QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex() + '"';
}

} // namespace

void SatellogicEmulator::buildArchive(const QUrl &apiOrigin)
{
    const QString filesBase = apiOrigin.toString(QUrl::StripTrailingSlash) + u"/archive/files/"_s;
    const QList<ArchiveCapture> &captures = archiveCaptures();
    for (const CollectionSpec &spec : collectionSpecs()) {
        double west = 180;
        double south = 90;
        double east = -180;
        double north = -90;
        QJsonArray items;
        for (const ArchiveCapture &capture : captures) {
            const Utm utm = Utm::forLon(capture.lon, capture.lat);
            const auto [x, y] = utm.project(capture.lon, capture.lat);
            // A 2 x 2 block of grid tiles around the capture's centre.
            const double blockEast = std::floor(x / TileMetres) * TileMetres - TileMetres;
            const double blockNorth = std::floor(y / TileMetres) * TileMetres - TileMetres;
            const QDateTime time = QDateTime::fromString(capture.datetime.left(19), Qt::ISODate);
            for (int tile = 0; tile < 4; ++tile) {
                const double easting = blockEast + (tile % 2) * TileMetres;
                const double northing = blockNorth + (tile / 2) * TileMetres;
                const QString gridCode = u"SATL-2KM-%1%2_%3_%4"_s.arg(utm.zone)
                                             .arg(QChar(utm.north ? u'N' : u'S'))
                                             .arg(qint64(easting / 1000))
                                             .arg(qint64(northing / 1000));
                const QString itemId = u"%1_SN%2_%3_%4"_s.arg(time.toString(u"yyyyMMdd_HHmmss"_s))
                                           .arg(capture.satellite)
                                           .arg(spec.idPart, gridCode);
                const QList<std::pair<double, double>> corners { utm.unproject(easting, northing),
                    utm.unproject(easting + TileMetres, northing),
                    utm.unproject(easting + TileMetres, northing + TileMetres),
                    utm.unproject(easting, northing + TileMetres) };
                QJsonArray ring;
                QJsonArray bbox { 180, 90, -180, -90 };
                for (int i = 0; i <= 4; ++i) {
                    const QJsonArray point = position(corners.at(i % 4));
                    ring.append(point);
                    bbox[0] = std::min(bbox[0].toDouble(), point[0].toDouble());
                    bbox[1] = std::min(bbox[1].toDouble(), point[1].toDouble());
                    bbox[2] = std::max(bbox[2].toDouble(), point[0].toDouble());
                    bbox[3] = std::max(bbox[3].toDouble(), point[1].toDouble());
                }
                west = std::min(west, bbox[0].toDouble());
                south = std::min(south, bbox[1].toDouble());
                east = std::max(east, bbox[2].toDouble());
                north = std::max(north, bbox[3].toDouble());

                const QString href = filesBase + spec.id + u'/' + itemId + u'/';
                const QJsonObject assets {
                    { "preview"_L1,
                        QJsonObject { { "href"_L1, QString(href + u"preview.png"_s) }, { "type"_L1, u"image/png"_s },
                            { "title"_L1, u"Preview"_s }, { "roles"_L1, QJsonArray { u"overview"_s } } } },
                    { "thumbnail"_L1,
                        QJsonObject { { "href"_L1, QString(href + u"thumbnail.png"_s) }, { "type"_L1, u"image/png"_s },
                            { "title"_L1, u"Thumbnail"_s }, { "roles"_L1, QJsonArray { u"thumbnail"_s } } } },
                    { "analytic"_L1,
                        QJsonObject { { "href"_L1, QString(href + u"analytic.tif"_s) },
                            { "type"_L1, u"image/tiff; application=geotiff"_s }, { "title"_L1, u"Analytic"_s },
                            { "roles"_L1, QJsonArray { u"data"_s } } } },
                };
                const QJsonObject properties {
                    { "datetime"_L1, capture.datetime },
                    { "platform"_L1, u"newsat%1"_s.arg(capture.satellite) },
                    { "constellation"_L1, u"satellogic"_s },
                    { "eo:cloud_cover"_L1, round2(capture.cloudCover + (tile % 2) * 1.5 + (tile / 2) * 0.5) },
                    { "gsd"_L1, spec.id == "l1d-sr"_L1 ? 0.7 : capture.gsd },
                    { "proj:epsg"_L1, utm.epsg() },
                    { "grid:code"_L1, gridCode },
                    { "satl:outcome_id"_L1, capture.outcomeId },
                    { "satl:product_name"_L1, spec.productName },
                    { "satl:product_version"_L1, u"1.0.0"_s },
                    // One edge tile of each capture is partly outside the strip.
                    { "satl:valid_pixel"_L1, tile == 3 ? 86.4 : 100.0 },
                };
                items.append(QJsonObject {
                    { "type"_L1, u"Feature"_s },
                    { "stac_version"_L1, u"1.0.0"_s },
                    { "stac_extensions"_L1,
                        QJsonArray { u"https://stac-extensions.github.io/eo/v1.1.0/schema.json"_s,
                            u"https://stac-extensions.github.io/projection/v1.1.0/schema.json"_s,
                            u"https://stac-extensions.github.io/grid/v1.1.0/schema.json"_s } },
                    { "id"_L1, itemId },
                    { "collection"_L1, spec.id },
                    { "bbox"_L1, bbox },
                    { "geometry"_L1,
                        QJsonObject {
                            { "type"_L1, u"Polygon"_s }, { "coordinates"_L1, QJsonArray { QJsonValue(ring) } } } },
                    { "properties"_L1, properties },
                    { "assets"_L1, assets },
                    { "links"_L1, QJsonArray {} },
                });
                m_archiveTiles.insert(itemId,
                    ArchiveTile {
                        spec.id, itemId, utm.epsg(), easting, northing + TileMetres, SyntheticFiles::seedFor(itemId) });
            }
        }
        const QJsonObject collection {
            { "type"_L1, u"Collection"_s },
            { "stac_version"_L1, u"1.0.0"_s },
            { "id"_L1, spec.id },
            { "title"_L1, spec.title },
            { "description"_L1, u"Satellogic %1 tiles on the 2 km grid (emulated)"_s.arg(spec.title) },
            { "license"_L1, u"proprietary"_s },
            { "providers"_L1,
                QJsonArray { QJsonObject { { "name"_L1, u"Satellogic"_s },
                    { "roles"_L1, QJsonArray { u"producer"_s, u"licensor"_s } },
                    { "url"_L1, u"https://satellogic.com"_s } } } },
            { "extent"_L1,
                QJsonObject { { "spatial"_L1,
                                  QJsonObject { { "bbox"_L1,
                                      QJsonArray { QJsonValue(QJsonArray { west, south, east, north }) } } } },
                    { "temporal"_L1,
                        QJsonObject { { "interval"_L1,
                            QJsonArray { QJsonValue(QJsonArray {
                                captures.constFirst().datetime, captures.constLast().datetime }) } } } } } },
            { "links"_L1, QJsonArray {} },
        };
        QString error;
        if (!m_archive->addCollection(collection, &error)
            || !m_archive->addItems(QJsonDocument(items).toJson(), &error))
            qWarning("SatellogicEmulator: archive data rejected: %s", qPrintable(error));
    }
}

QStringList SatellogicEmulator::archiveItemIds(const QString &collection) const
{
    QStringList ids;
    for (const ArchiveTile &tile : m_archiveTiles) {
        if (collection.isEmpty() || tile.collection == collection)
            ids.append(tile.itemId);
    }
    ids.sort();
    return ids;
}

QByteArray SatellogicEmulator::previewBytes(const QString &itemId) const
{
    return archiveAssetBytes(itemId, u"preview"_s);
}

QByteArray SatellogicEmulator::archiveAssetBytes(const QString &itemId, const QString &asset) const
{
    const auto tile = m_archiveTiles.constFind(itemId);
    if (tile == m_archiveTiles.constEnd())
        return {};
    if (asset == "preview"_L1)
        return SyntheticFiles::png(256, 256, tile->seed);
    if (asset == "thumbnail"_L1)
        return SyntheticFiles::png(64, 64, tile->seed);
    if (asset == "analytic"_L1) {
        SyntheticFiles::GeoTiffOptions options;
        options.bands = tile->collection == "l1d-sr"_L1 ? 4 : 3;
        options.epsg = tile->epsg;
        options.originX = tile->easting;
        options.originY = tile->northing;
        options.pixelSize = TileMetres / options.width;
        options.seed = tile->seed;
        return SyntheticFiles::geoTiff(options);
    }
    return {};
}

QStringList SatellogicEmulator::archiveCollections(const Caller &caller) const
{
    QStringList collections;
    const QJsonArray allowed
        = caller.contract.value("archive_configuration"_L1).toObject().value("collections"_L1).toArray();
    for (const QJsonValue &collection : allowed)
        collections.append(collection.toString());
    return collections;
}

void SatellogicEmulator::handleArchive(
    const ReceivedRequest &request, HttpServerResponse &response, const Caller &caller, const QStringList &segments)
{
    if (!caller.legacy && !caller.contract.value("archive_configuration"_L1).isObject()) {
        sendJson(response, 403, { { "message"_L1, u"Contract %1 has no archive access"_s.arg(caller.contractId) } });
        return;
    }
    // Legacy credentials predate contracts and search every collection.
    const QStringList allowed = caller.legacy ? QStringList() : archiveCollections(caller);
    const bool restricted = !caller.legacy;
    const QStringList rest = segments.mid(2);

    ReceivedRequest forwarded = request;
    QStringList requested;
    if (rest == QStringList { u"search"_s } && request.method == "POST") {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        if (document.isObject()) {
            QJsonObject body = document.object();
            if (m_rejectQuery && body.contains("query"_L1)) {
                sendJson(response, 403, { { "message"_L1, u"Forbidden"_s } });
                return;
            }
            const QJsonArray collections = body.value("collections"_L1).toArray();
            for (const QJsonValue &collection : collections)
                requested.append(collection.toString());
            if (requested.isEmpty() && restricted) {
                // A search without collections covers what the contract may see.
                body.insert("collections"_L1, QJsonArray::fromStringList(allowed));
                forwarded.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
            }
        }
    } else if (rest == QStringList { u"search"_s }) {
        if (m_rejectQuery && request.hasQueryItem(u"query"_s)) {
            sendJson(response, 403, { { "message"_L1, u"Forbidden"_s } });
            return;
        }
        requested = request.queryValue(u"collections"_s).split(u',', Qt::SkipEmptyParts);
        if (requested.isEmpty() && restricted && !request.hasQueryItem(u"token"_s)) {
            forwarded.query.addQueryItem(u"collections"_s, allowed.join(u','));
            forwarded.rawQuery = forwarded.query.toString(QUrl::FullyEncoded).toLatin1();
            const qsizetype queryStart = request.target.indexOf('?');
            forwarded.target
                = (queryStart < 0 ? request.target : request.target.left(queryStart)) + '?' + forwarded.rawQuery;
        }
    } else if (rest.size() >= 3 && rest.at(0) == "collections"_L1 && rest.at(2) == "items"_L1) {
        requested = { rest.at(1) };
    }
    if (restricted && requested.isEmpty() && allowed.isEmpty() && rest == QStringList { u"search"_s }) {
        // Nothing to search in: an empty list grants no collection.
        sendJson(response, 403,
            { { "message"_L1, u"Contract %1 has no access to any archive collection"_s.arg(caller.contractId) } });
        return;
    }
    if (restricted) {
        for (const QString &collection : std::as_const(requested)) {
            if (!allowed.contains(collection)) {
                sendJson(response, 403,
                    { { "message"_L1,
                        u"Contract %1 has no access to collection %2"_s.arg(caller.contractId, collection) } });
                return;
            }
        }
    }
    m_archive->handleRequest(forwarded, response);
}

void SatellogicEmulator::handleArchiveFile(
    const ReceivedRequest &request, HttpServerResponse &response, const Caller &caller, const QStringList &segments)
{
    if (!caller.legacy && !caller.contract.value("archive_configuration"_L1).isObject()) {
        sendJson(response, 403, { { "message"_L1, u"Contract %1 has no archive access"_s.arg(caller.contractId) } });
        return;
    }
    // /archive/files/<collection>/<item>/<file>
    static const QHash<QString, std::pair<QString, QByteArray>> files {
        { u"preview.png"_s, { u"preview"_s, QByteArrayLiteral("image/png") } },
        { u"thumbnail.png"_s, { u"thumbnail"_s, QByteArrayLiteral("image/png") } },
        { u"analytic.tif"_s, { u"analytic"_s, QByteArrayLiteral("image/tiff; application=geotiff") } },
    };
    const auto tile = m_archiveTiles.constFind(segments.value(3));
    const auto file = files.constFind(segments.value(4));
    if (segments.size() != 5 || tile == m_archiveTiles.constEnd() || tile->collection != segments.at(2)
        || file == files.constEnd()) {
        sendJson(response, 404, { { "message"_L1, u"Not Found"_s } });
        return;
    }
    if (!caller.legacy && !archiveCollections(caller).contains(tile->collection)) {
        sendJson(response, 403,
            { { "message"_L1,
                u"Contract %1 has no access to collection %2"_s.arg(caller.contractId, tile->collection) } });
        return;
    }
    HttpStaticContent content;
    content.data = archiveAssetBytes(tile->itemId, file->first);
    content.contentType = file->second;
    content.etag = quotedMd5(content.data);
    content.respond(request, response);
}

} // namespace StacScope
