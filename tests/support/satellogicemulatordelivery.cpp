// SatellogicEmulator, part 4: Telluric delivery on the API host (satellogic.md section 5, seeds
// 001 and 002), and the file host that stands in for both S3 (pre-signed delivery zips) and the
// Telluric catalog host (the token URLs inside a scene).

#include <algorithm>
#include <cmath>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QtMath>

#include "tests/support/httpserverresponse.h"
#include "tests/support/httpstaticcontent.h"
#include "tests/support/satellogicemulator.h"
#include "tests/support/syntheticfiles.h"
#include "tests/support/testbytes.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QString BucketName = u"satellogic-production-eo-backend-package"_s;
// Lambda-issued URLs are signed with temporary (STS) credentials: an "ASIA" key and a session token.
const QString AccessKeyId = u"ASIAEMULATOREXAMPLE7Q"_s;
const QString SigningAlgorithm = u"AWS4-HMAC-SHA256"_s;

QByteArray randomBytes(int count)
{
    QByteArray raw(count, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw;
}

QString xmlEscaped(const QString &text)
{
    return text.toHtmlEscaped();
}

struct Box
{
    double west = 180;
    double south = 90;
    double east = -180;
    double north = -90;
};

// What a scene covers: a ~5 km square around a point target, the bounding box of an area.
Box footprintBox(const QJsonObject &target)
{
    Box box;
    const QJsonArray coordinates = target.value("coordinates"_L1).toArray();
    if (target.value("type"_L1).toString() == "Point"_L1) {
        const double lon = coordinates.at(0).toDouble();
        const double lat = coordinates.at(1).toDouble();
        const double dLat = 0.025;
        const double dLon = dLat / std::max(0.1, std::cos(qDegreesToRadians(lat)));
        return { lon - dLon, lat - dLat, lon + dLon, lat + dLat };
    }
    const QJsonArray ring = coordinates.at(0).toArray();
    for (const QJsonValue &value : ring) {
        const QJsonArray position = value.toArray();
        box.west = std::min(box.west, position.at(0).toDouble());
        box.east = std::max(box.east, position.at(0).toDouble());
        box.south = std::min(box.south, position.at(1).toDouble());
        box.north = std::max(box.north, position.at(1).toDouble());
    }
    return box;
}

double round6(double value)
{
    return std::round(value * 1e6) / 1e6;
}

QJsonObject boxPolygon(const Box &box)
{
    const auto at = [](double lon, double lat) { return QJsonArray { round6(lon), round6(lat) }; };
    return QJsonObject { { "type"_L1, u"Polygon"_s },
        { "coordinates"_L1,
            QJsonArray { QJsonValue(QJsonArray { at(box.west, box.south), at(box.east, box.south),
                at(box.east, box.north), at(box.west, box.north), at(box.west, box.south) }) } } };
}

QByteArray footprintKml(const QString &sceneId, const Box &box)
{
    const QString coordinates = u"%1,%2,0 %3,%2,0 %3,%4,0 %1,%4,0 %1,%2,0"_s.arg(round6(box.west))
                                    .arg(round6(box.south))
                                    .arg(round6(box.east))
                                    .arg(round6(box.north));
    return u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>%1</name><Placemark><name>%1</name>"
           "<Polygon><outerBoundaryIs><LinearRing><coordinates>%2</coordinates></LinearRing></outerBoundaryIs>"
           "</Polygon></Placemark></Document></kml>\n"_s.arg(sceneId, coordinates)
               .toUtf8();
}

QByteArray contentTypeFor(const QString &fileName)
{
    if (fileName.endsWith(u".zip"_s))
        return QByteArrayLiteral("application/zip");
    if (fileName.endsWith(u".kml"_s))
        return QByteArrayLiteral("application/vnd.google-earth.kml+xml");
    if (fileName.endsWith(u".png"_s))
        return QByteArrayLiteral("image/png");
    if (fileName.endsWith(u".tif"_s))
        return QByteArrayLiteral("image/tiff");
    return QByteArrayLiteral("binary/octet-stream"); // S3's default
}

} // namespace

QList<SatellogicEmulator::Scene> SatellogicEmulator::scenes(const Task &task) const
{
    // One L1C and one L1D scene per published capture; the L1C one is stamped a second later
    // (seed 001: 20241206_081221_SN49_L1C_MS_268095 and 20241206_081220_SN49_L1D_MS_268095).
    QList<Scene> list;
    const QList<Capture> all = captures(task);
    for (const Capture &capture : all) {
        if (capture.status != "published"_L1)
            continue;
        for (const QString &level : { u"L1C"_s, u"L1D"_s }) {
            Scene scene;
            scene.level = level;
            scene.timestamp = capture.start.addMSecs(level == "L1C"_L1 ? 2947 : 1947);
            scene.sceneId = u"%1_SN%2_%3_MS_%4"_s.arg(scene.timestamp.toString(u"yyyyMMdd_HHmmss"_s))
                                .arg(capture.satelliteNumber)
                                .arg(level)
                                .arg(task.id);
            scene.task = &task;
            scene.capture = capture;
            list.append(scene);
        }
    }
    return list;
}

std::optional<SatellogicEmulator::Scene> SatellogicEmulator::findScene(const QString &sceneId) const
{
    bool ok = false;
    const qint64 taskId = sceneId.section(u'_', -1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    for (const Task &task : m_tasks) {
        if (task.id != taskId)
            continue;
        const QList<Scene> list = scenes(task);
        for (const Scene &scene : list) {
            if (scene.sceneId == sceneId)
                return scene;
        }
    }
    return std::nullopt;
}

QStringList SatellogicEmulator::sceneIds(qint64 taskId) const
{
    QStringList ids;
    for (const Task &task : m_tasks) {
        if (task.id == taskId) {
            const QList<Scene> list = scenes(task);
            for (const Scene &scene : list)
                ids.append(scene.sceneId);
        }
    }
    return ids;
}

// ---- scenes and their files -----------------------------------------------------------------

QStringList SatellogicEmulator::attachmentNames()
{
    return { u"delivery_zip"_s, u"footprint"_s, u"thumbnail"_s, u"preview"_s };
}

QString SatellogicEmulator::attachmentFileName(const Scene &scene, const QString &name)
{
    if (name == "delivery_zip"_L1)
        return scene.sceneId + u".zip"_s;
    if (name == "footprint"_L1)
        return scene.sceneId + u"_footprint.kml"_s;
    return scene.sceneId + u'_' + name + u".png"_s;
}

QByteArray SatellogicEmulator::deliveryBytes(const QString &sceneId) const
{
    const auto cached = m_deliveryCache.constFind(sceneId);
    if (cached != m_deliveryCache.constEnd())
        return *cached;
    const int seed = SyntheticFiles::seedFor(sceneId);
    // A real (stored) ZIP when the size leaves room for one, so that a client may open it.
    const QByteArray metadata = QJsonDocument(
        QJsonObject { { "scene_id"_L1, sceneId }, { "generator"_L1, u"StacScope Satellogic emulator"_s } })
                                    .toJson(QJsonDocument::Compact);
    QByteArray data = SyntheticFiles::storedZip(
        { { sceneId + u"/metadata.json"_s, metadata }, { sceneId + u'/' + sceneId + u"_payload.bin"_s, {} } },
        m_deliverySize, seed);
    if (data.size() != m_deliverySize)
        data = TestBytes::testData(m_deliverySize, seed);
    if (m_deliveryCache.size() > 64)
        m_deliveryCache.clear();
    m_deliveryCache.insert(sceneId, data);
    return data;
}

QByteArray SatellogicEmulator::attachmentBytes(const Scene &scene, const QString &name) const
{
    if (name == "delivery_zip"_L1)
        return deliveryBytes(scene.sceneId);
    if (name == "footprint"_L1)
        return footprintKml(scene.sceneId, footprintBox(scene.task->target));
    const int seed = SyntheticFiles::seedFor(scene.sceneId);
    return name == "thumbnail"_L1 ? SyntheticFiles::png(64, 64, seed) : SyntheticFiles::png(256, 256, seed);
}

QByteArray SatellogicEmulator::rasterBytes(const Scene &scene) const
{
    const Box box = footprintBox(scene.task->target);
    SyntheticFiles::GeoTiffOptions options;
    options.bands = 4;
    options.epsg = 4326;
    options.originX = box.west;
    options.originY = box.north;
    options.pixelSize = (box.north - box.south) / options.height;
    options.seed = SyntheticFiles::seedFor(scene.sceneId);
    return SyntheticFiles::geoTiff(options);
}

QJsonObject SatellogicEmulator::sceneJson(const Scene &scene, const QString &requestedScenesetId)
{
    // Seed 002's sample shows another sceneset_id than the one asked for, a documentation slip;
    // the request's id is echoed.
    const QString scenesetId = requestedScenesetId.isEmpty() ? scene.capture.captureId : requestedScenesetId;
    const QString catalog = filesUrl().toString() + u"/v2/scenes/"_s + scene.sceneId + u'/';
    // One token per scene and call: regenerated on every listing (seed 002).
    const QString token
        = QString::fromLatin1(randomBytes(24).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QDateTime issued = now();
    if (m_telluricTokens.size() > 4096) {
        for (auto it = m_telluricTokens.begin(); it != m_telluricTokens.end();)
            it = it->expires <= issued ? m_telluricTokens.erase(it) : std::next(it);
    }
    m_telluricTokens.insert(token, TelluricToken { scene.sceneId, issued.addSecs(m_linkLifetime) });

    const QString rasterName = scene.sceneId + u".tif"_s;
    const QJsonArray rasters { QJsonObject {
        { "url"_L1, QString(catalog + u"token/"_s + token + u"/raster/"_s + rasterName) },
        { "bands"_L1, QJsonArray { u"blue"_s, u"green"_s, u"red"_s, u"nir"_s } },
        { "file_name"_L1, rasterName },
        { "source"_L1, u"internal"_s },
        { "scene"_L1, catalog },
    } };
    QJsonArray attachments;
    for (const QString &name : attachmentNames()) {
        attachments.append(QJsonObject {
            { "scene"_L1, catalog },
            { "url"_L1, QString(catalog + u"attachments/"_s + name + u"/download/?token="_s + token) },
            { "file_name"_L1, attachmentFileName(scene, name) },
            { "name"_L1, name },
            { "metadata"_L1, QJsonObject {} },
            { "edit_url"_L1, QString(catalog + u"attachments/"_s + name + u'/') },
        });
    }
    const int seed = SyntheticFiles::seedFor(scene.sceneId);
    const bool l1c = scene.level == "L1C"_L1;
    const QJsonObject bands {
        { "blue"_L1, QJsonObject { { "index"_L1, 1 }, { "central_wavelength_nm"_L1, 490 } } },
        { "green"_L1, QJsonObject { { "index"_L1, 2 }, { "central_wavelength_nm"_L1, 560 } } },
        { "red"_L1, QJsonObject { { "index"_L1, 3 }, { "central_wavelength_nm"_L1, 665 } } },
        { "nir"_L1, QJsonObject { { "index"_L1, 4 }, { "central_wavelength_nm"_L1, 842 } } },
    };
    return QJsonObject {
        { "scene_id"_L1, scene.sceneId },
        { "sceneset_id"_L1, scenesetId },
        { "timestamp"_L1, isoTime(scene.timestamp) },
        { "footprint"_L1, boxPolygon(footprintBox(scene.task->target)) },
        { "metadata"_L1,
            QJsonObject { { "cloud_cover"_L1, double(seed % 300) / 10 },
                { "off_nadir_angle"_L1, double(seed % 250) / 10 }, { "sun_elevation"_L1, 30 + double(seed % 400) / 10 },
                { "gsd"_L1, l1c ? 1.0 : 0.7 } } },
        { "supplier"_L1, u"Satellogic"_s },
        { "satellite_class"_L1, u"NewSat"_s },
        { "satellite_name"_L1, scene.capture.satellite },
        { "productname"_L1, l1c ? u"L1C Orthorectified"_s : u"L1D Super Resolution"_s },
        { "rasters"_L1, rasters },
        { "bands"_L1, bands },
        { "attachments"_L1, attachments },
        { "last_modified"_L1, isoTime(scene.task->created.addMSecs(qint64(m_completedAfter) * 1000 + 724)) },
    };
}

// ---- pre-signed links -----------------------------------------------------------------------

QByteArray SatellogicEmulator::signature(const QByteArray &method, const QString &path, const QUrlQuery &query) const
{
    // SigV4 in spirit: the method, the path and every query parameter but the signature, sorted.
    // So a HEAD on a URL signed for GET fails, and so does any edited or added parameter.
    QStringList parameters;
    const QList<std::pair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key != "X-Amz-Signature"_L1)
            parameters.append(QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value)));
    }
    parameters.sort();
    const QByteArray canonical
        = method + '\n' + QUrl::toPercentEncoding(path, "/") + '\n' + parameters.join(u'&').toLatin1();
    return QMessageAuthenticationCode::hash(canonical, m_signingKey, QCryptographicHash::Sha256).toHex();
}

QString SatellogicEmulator::signedUrl(const Scene &scene, const QString &fileName)
{
    const QDateTime issued = now();
    const QString path = u'/' + BucketName + u'/' + scene.capture.captureId + u'/' + fileName;
    const QList<std::pair<QString, QString>> parameters {
        { u"X-Amz-Algorithm"_s, SigningAlgorithm },
        { u"X-Amz-Credential"_s,
            u"%1/%2/us-east-1/s3/aws4_request"_s.arg(AccessKeyId, issued.toString(u"yyyyMMdd"_s)) },
        { u"X-Amz-Date"_s, issued.toString(u"yyyyMMdd'T'HHmmss'Z'"_s) },
        { u"X-Amz-Expires"_s, QString::number(m_linkLifetime) },
        // Standard base64, so its '+', '/' and '=' travel percent-encoded as in real URLs, and
        // every link differs even within one second.
        { u"X-Amz-Security-Token"_s, QString::fromLatin1(randomBytes(96).toBase64()) },
        { u"X-Amz-SignedHeaders"_s, u"host"_s },
    };
    QUrlQuery query;
    query.setQueryItems(parameters);
    QByteArray encoded;
    for (const auto &[key, value] : parameters)
        encoded += key.toLatin1() + '=' + QUrl::toPercentEncoding(value) + '&';
    encoded += "X-Amz-Signature=" + signature("GET", path, query);
    ++m_linksIssued;
    return filesUrl().toString() + path + u'?' + QString::fromLatin1(encoded);
}

// ---- Telluric routes ------------------------------------------------------------------------

void SatellogicEmulator::handleTelluric(
    const ReceivedRequest &request, HttpServerResponse &response, const Caller &caller, const QStringList &segments)
{
    if (request.method != "GET" && request.method != "HEAD") {
        sendMethodNotAllowed(response, request, QByteArrayLiteral("GET, HEAD, OPTIONS"));
        return;
    }
    if (segments.value(0) != "scenes"_L1) {
        sendJson(response, 404, { { "detail"_L1, u"Not found."_s } });
        return;
    }
    if (segments.size() == 1) {
        // Scenes of the caller's published captures, one capture's when sceneset_id is given.
        const QString scenesetId = formValue(request, u"sceneset_id"_s);
        QList<Scene> matching;
        for (const Task &task : std::as_const(m_tasks)) {
            if (task.owner != caller.owner)
                continue;
            const QList<Scene> list = scenes(task);
            for (const Scene &scene : list) {
                if (scenesetId.isEmpty() || scene.capture.captureId == scenesetId)
                    matching.append(scene);
            }
        }
        QJsonArray results;
        for (const Scene &scene : std::as_const(matching))
            results.append(sceneJson(scene, scenesetId));
        sendJson(response, 200, djangoPage(request, originFor(request, Service::Api), results));
        return;
    }
    const std::optional<Scene> scene = findScene(segments.at(1));
    if (!scene || scene->task->owner != caller.owner) {
        sendJson(response, 404, { { "detail"_L1, u"Not found."_s } });
        return;
    }
    if (segments.size() == 2) {
        sendJson(response, 200, sceneJson(*scene, {}));
        return;
    }
    // /scenes/{id}/attachments/{name}/download/
    const QString name = segments.value(3);
    if (segments.size() != 5 || segments.at(2) != "attachments"_L1 || segments.at(4) != "download"_L1
        || !attachmentNames().contains(name)) {
        sendJson(response, 404, { { "detail"_L1, u"Not found."_s } });
        return;
    }
    const QString url = signedUrl(*scene, attachmentFileName(*scene, name));
    const QString redirect = formValue(request, u"redirect"_s).toLower();
    if (redirect == "false"_L1 || redirect == "0"_L1) {
        sendJson(response, 200, { { "url"_L1, url } });
    } else {
        response.setStatus(302);
        response.setHeader(QByteArrayLiteral("Location"), url.toUtf8());
    }
}

// ---- the file host --------------------------------------------------------------------------

void SatellogicEmulator::sendS3Error(HttpServerResponse &response, int status, const QString &code,
    const QString &message, const QList<std::pair<QString, QString>> &extra)
{
    QString xml = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%1</Code><Message>%2</Message>"_s.arg(
        xmlEscaped(code), xmlEscaped(message));
    for (const auto &[name, value] : extra)
        xml += u"<%1>%2</%1>"_s.arg(name, xmlEscaped(value));
    const QByteArray requestId = randomBytes(8).toHex().toUpper();
    xml += u"<RequestId>%1</RequestId><HostId>%2</HostId></Error>"_s.arg(
        QString::fromLatin1(requestId), QString::fromLatin1(randomBytes(48).toBase64()));
    response.setHeader(QByteArrayLiteral("x-amz-request-id"), requestId);
    response.setHeader(QByteArrayLiteral("Server"), QByteArrayLiteral("AmazonS3"));
    response.respond(status, xml.toUtf8(), QByteArrayLiteral("application/xml"));
}

void SatellogicEmulator::serveFileBytes(const ReceivedRequest &request, HttpServerResponse &response,
    const QByteArray &data, const QByteArray &contentType, const QDateTime &lastModified)
{
    HttpStaticContent content;
    content.data = data;
    content.contentType = contentType;
    content.etag = '"' + QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex() + '"';
    content.lastModified = lastModified;
    content.respond(request, response);
    response.setHeader(QByteArrayLiteral("x-amz-request-id"), randomBytes(8).toHex().toUpper());
    response.setHeader(QByteArrayLiteral("Server"), QByteArrayLiteral("AmazonS3"));
    if (response.status() == 416) {
        sendS3Error(response, 416, u"InvalidRange"_s, u"The requested range is not satisfiable"_s,
            { { u"RangeRequested"_s, QString::fromLatin1(request.header("Range")) },
                { u"ActualObjectSize"_s, QString::number(data.size()) } });
        return;
    }
    if (request.method == "GET" && (response.status() == 200 || response.status() == 206)) {
        if (m_paceChunk > 0)
            response.setPacing(m_paceChunk, m_paceIntervalMs);
        if (m_dropCount > 0) {
            --m_dropCount;
            response.setDropAfterBytes(m_dropAfterBytes);
        }
    }
}

void SatellogicEmulator::handleFiles(const ReceivedRequest &request, HttpServerResponse &response)
{
    // Stricter than S3, which answers this only for Authorization: Satellogic credentials sent
    // here mean a client leaked them to a foreign host, and that must fail loudly. The value is
    // not echoed (S3 would echo Authorization) so that it cannot reach a client's log.
    for (const QByteArray &name : { QByteArrayLiteral("Authorization"), QByteArrayLiteral("authorizationToken"),
             QByteArrayLiteral("X-Satellogic-Contract-Id") }) {
        if (request.hasHeader(name)) {
            sendS3Error(response, 400, u"InvalidArgument"_s,
                u"Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query "
                "string parameter or the Authorization header should be specified"_s,
                { { u"ArgumentName"_s, QString::fromLatin1(name) } });
            return;
        }
    }
    const QStringList segments = pathSegments(request);

    // The Telluric catalog host: token URLs from a scene listing.
    if (segments.size() >= 3 && segments.at(0) == "v2"_L1 && segments.at(1) == "scenes"_L1) {
        if (request.method != "GET" && request.method != "HEAD") {
            sendMethodNotAllowed(response, request, QByteArrayLiteral("GET, HEAD, OPTIONS"));
            return;
        }
        const QString sceneId = segments.at(2);
        const bool attachment = segments.size() == 6 && segments.at(3) == "attachments"_L1
            && segments.at(5) == "download"_L1 && attachmentNames().contains(segments.at(4));
        const bool raster = segments.size() == 7 && segments.at(3) == "token"_L1 && segments.at(5) == "raster"_L1;
        const std::optional<Scene> scene = findScene(sceneId);
        if ((!attachment && !raster) || !scene) {
            sendJson(response, 404, { { "detail"_L1, u"Not found."_s } });
            return;
        }
        const QString token = attachment ? formValue(request, u"token"_s) : segments.at(4);
        const auto issued = m_telluricTokens.constFind(token);
        if (issued == m_telluricTokens.constEnd() || issued->sceneId != sceneId || issued->expires <= now()) {
            sendJson(response, 403, { { "detail"_L1, u"Invalid or expired token."_s } });
            return;
        }
        if (raster) {
            if (segments.at(6) != scene->sceneId + u".tif"_s) {
                sendJson(response, 404, { { "detail"_L1, u"Not found."_s } });
                return;
            }
            serveFileBytes(request, response, rasterBytes(*scene), QByteArrayLiteral("image/tiff"),
                scene->task->created.addSecs(m_completedAfter));
            return;
        }
        response.setStatus(302);
        response.setHeader(
            QByteArrayLiteral("Location"), signedUrl(*scene, attachmentFileName(*scene, segments.at(4))).toUtf8());
        return;
    }

    // S3, path style: /<bucket>/<capture_id>/<file_name>
    if (segments.value(0) != BucketName) {
        sendS3Error(response, 404, u"NoSuchBucket"_s, u"The specified bucket does not exist"_s,
            { { u"BucketName"_s, segments.value(0) } });
        return;
    }
    if (request.method != "GET" && request.method != "HEAD") {
        sendS3Error(response, 405, u"MethodNotAllowed"_s,
            u"The specified method is not allowed against this resource."_s,
            { { u"Method"_s, QString::fromLatin1(request.method) }, { u"ResourceType"_s, u"OBJECT"_s } });
        return;
    }
    if (!request.hasQueryItem(u"X-Amz-Signature"_s)) {
        sendS3Error(response, 403, u"AccessDenied"_s, u"Access Denied"_s);
        return;
    }
    if (request.queryValue(u"X-Amz-Algorithm"_s) != SigningAlgorithm) {
        sendS3Error(response, 400, u"AuthorizationQueryParametersError"_s,
            u"X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\""_s);
        return;
    }
    const QDateTime date = QDateTime::fromString(request.queryValue(u"X-Amz-Date"_s), u"yyyyMMdd'T'HHmmss'Z'"_s);
    bool ok = false;
    const qint64 expires = request.queryValue(u"X-Amz-Expires"_s).toLongLong(&ok);
    if (!date.isValid() || !ok || expires < 1 || expires > 604800) {
        sendS3Error(response, 400, u"AuthorizationQueryParametersError"_s,
            u"X-Amz-Date and X-Amz-Expires must be a valid date and a number of seconds up to 604800"_s);
        return;
    }
    const QDateTime signedAt(date.date(), date.time(), Qt::UTC);
    const QDateTime current = now();
    if (signedAt.addSecs(expires) < current) {
        sendS3Error(response, 403, u"AccessDenied"_s, u"Request has expired"_s,
            { { u"X-Amz-Expires"_s, QString::number(expires) },
                { u"Expires"_s, signedAt.addSecs(expires).toString(Qt::ISODate) },
                { u"ServerTime"_s, current.toString(Qt::ISODate) } });
        return;
    }
    const QByteArray provided = request.queryValue(u"X-Amz-Signature"_s).toLatin1();
    if (provided != signature(request.method, request.path, request.query)) {
        sendS3Error(response, 403, u"SignatureDoesNotMatch"_s,
            u"The request signature we calculated does not match the signature you provided. Check your key and "
            "signing method."_s,
            { { u"AWSAccessKeyId"_s, AccessKeyId }, { u"SignatureProvided"_s, QString::fromLatin1(provided) } });
        return;
    }
    // The key: a published scene's attachment in its capture's folder.
    const QString key = segments.mid(1).join(u'/');
    const QString captureId = segments.value(1);
    const QString fileName = segments.value(2);
    if (segments.size() == 3) {
        for (const QString &name : attachmentNames()) {
            const QString suffix = name == "delivery_zip"_L1 ? u".zip"_s
                : name == "footprint"_L1                     ? u"_footprint.kml"_s
                                                             : u'_' + name + u".png"_s;
            if (!fileName.endsWith(suffix))
                continue;
            const std::optional<Scene> scene = findScene(fileName.chopped(suffix.size()));
            if (scene && scene->capture.captureId == captureId && attachmentFileName(*scene, name) == fileName) {
                serveFileBytes(request, response, attachmentBytes(*scene, name), contentTypeFor(fileName),
                    scene->task->created.addSecs(m_completedAfter));
                return;
            }
        }
    }
    sendS3Error(response, 404, u"NoSuchKey"_s, u"The specified key does not exist."_s, { { u"Key"_s, key } });
}

} // namespace StacScope