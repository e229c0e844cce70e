// Up42Emulator, part 8: the orderable catalog (notes section 6): GET /v2/collections, the archive
// search of a host (POST /catalog/hosts/{host}/stac/search with the proprietary
// query.cloudCoverage and 422 {"error": {"message"}} for a bad search), quicklooks, and the JSON
// schema of a data product's order params.

#include <algorithm>

#include <QJsonDocument>

#include "tests/support/geometryboxes.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/stacsearchquery.h"
#include "tests/support/up42emulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// A 32x32 baseline JPEG (a gradient); quicklooks add the scene id in a comment segment.
// clang-format off
const unsigned char kQuicklook[] = {
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
    0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x0a, 0x07, 0x07, 0x08, 0x07, 0x06, 0x0a,
    0x08, 0x08, 0x08, 0x0b, 0x0a, 0x0a, 0x0b, 0x0e, 0x18, 0x10, 0x0e, 0x0d, 0x0d, 0x0e, 0x1d, 0x15,
    0x16, 0x11, 0x18, 0x23, 0x1f, 0x25, 0x24, 0x22, 0x1f, 0x22, 0x21, 0x26, 0x2b, 0x37, 0x2f, 0x26,
    0x29, 0x34, 0x29, 0x21, 0x22, 0x30, 0x41, 0x31, 0x34, 0x39, 0x3b, 0x3e, 0x3e, 0x3e, 0x25, 0x2e,
    0x44, 0x49, 0x43, 0x3c, 0x48, 0x37, 0x3d, 0x3e, 0x3b, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x0a, 0x0b,
    0x0b, 0x0e, 0x0d, 0x0e, 0x1c, 0x10, 0x10, 0x1c, 0x3b, 0x28, 0x22, 0x28, 0x3b, 0x3b, 0x3b, 0x3b,
    0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b,
    0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b,
    0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0x3b, 0xff, 0xc0,
    0x00, 0x11, 0x08, 0x00, 0x20, 0x00, 0x20, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11,
    0x01, 0xff, 0xc4, 0x00, 0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xff, 0xc4, 0x00, 0x16, 0x10, 0x00, 0x03, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x13, 0x61,
    0xff, 0xc4, 0x00, 0x16, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x05, 0xff, 0xc4, 0x00, 0x15, 0x11, 0x01, 0x01, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x13, 0xff,
    0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0x9a, 0x88, 0x11,
    0x0a, 0x28, 0x81, 0x10, 0xa6, 0xc8, 0xa4, 0x9c, 0x88, 0x11, 0x0a, 0x28, 0x81, 0x10, 0x58, 0x92,
    0x8a, 0x20, 0x44, 0x28, 0xa2, 0x04, 0x43, 0x22, 0xcd, 0x19, 0x27, 0x22, 0x04, 0x42, 0x8a, 0x20,
    0x44, 0x16, 0x24, 0xff, 0xd9,
};
// clang-format on

void sendCatalogError(HttpServerResponse &response, const QString &message)
{
    response.respond(422,
        QJsonDocument(QJsonObject { { "error"_L1, QJsonObject { { "message"_L1, message } } } })
            .toJson(QJsonDocument::Compact),
        QByteArrayLiteral("application/json"));
}

QString providerTitle(const QString &name)
{
    if (name == "airbus"_L1)
        return u"Airbus"_s;
    if (name == "oneatlas"_L1)
        return u"OneAtlas"_s;
    if (name == "capella"_L1)
        return u"Capella Space"_s;
    return name;
}

} // namespace

void Up42Emulator::buildScenes()
{
    // The orderable archive: two acquisitions per place and collection, a year apart. Cloud cover
    // of the optical ones: ((place * 7 + collection * 13 + date * 29) mod 50) + 0.5 with
    // collection 0 phr, 1 spot, 2 pneo; capella scenes have none.
    m_scenes.clear();
    const QStringList oneatlas { u"phr"_s, u"spot"_s, u"pneo"_s };
    const double halfSizes[] { 0.09, 0.27, 0.06 };
    for (int place = 0; place < placeCount(); ++place) {
        for (int c = 0; c < 3; ++c) {
            for (int d = 0; d < 2; ++d) {
                Scene scene;
                scene.collection = oneatlas.at(c);
                scene.host = u"oneatlas"_s;
                scene.id = uuidFor(u"scene:%1:%2:%3"_s.arg(scene.collection).arg(place).arg(d));
                scene.datetime = utcTime(d == 0 ? "2023-05-01T10:30:00Z" : "2024-04-01T10:30:00Z")
                                     .addDays(place)
                                     .addSecs(qint64(c) * 420);
                scene.box = placeBox(place, halfSizes[c]);
                scene.cloud = ((place * 7 + c * 13 + d * 29) % 50) + 0.5;
                scene.place = place;
                m_scenes.append(scene);
            }
        }
        for (int d = 0; d < 2; ++d) {
            Scene scene;
            scene.collection = u"capella-spotlight"_s;
            scene.host = u"capella"_s;
            scene.id = uuidFor(u"scene:capella-spotlight:%1:%2"_s.arg(place).arg(d));
            scene.datetime = utcTime(d == 0 ? "2023-06-01T03:15:00Z" : "2024-05-01T03:15:00Z").addDays(place);
            scene.box = placeBox(place, 0.03);
            scene.cloud = QJsonValue(QJsonValue::Null);
            scene.place = place;
            m_scenes.append(scene);
        }
    }
}

QStringList Up42Emulator::sceneIds(const QString &host) const
{
    QStringList ids;
    for (const Scene &scene : m_scenes) {
        if (host.isEmpty() || scene.host == host)
            ids.append(scene.id);
    }
    return ids;
}

QByteArray Up42Emulator::quicklookBytes(const QString &sceneId) const
{
    const auto scene = std::find_if(m_scenes.begin(), m_scenes.end(), [&](const Scene &s) { return s.id == sceneId; });
    if (scene == m_scenes.end())
        return {};
    const QByteArray jpeg(reinterpret_cast<const char *>(kQuicklook), sizeof(kQuicklook));
    // SOI, then APP0 (JFIF) of the length its header gives; the comment goes after it.
    const qsizetype app0End = 4 + ((uchar(jpeg.at(4)) << 8) | uchar(jpeg.at(5)));
    const QByteArray text = scene->id.toLatin1();
    QByteArray comment("\xff\xfe", 2);
    comment.append(char((text.size() + 2) >> 8));
    comment.append(char((text.size() + 2) & 0xff));
    comment.append(text);
    return jpeg.left(app0End) + comment + jpeg.mid(app0End);
}

QJsonObject Up42Emulator::sceneJson(const Scene &scene) const
{
    const Collection *collection = findCollection(scene.collection);
    const QString constellation
        = scene.host == "capella"_L1 ? u"capella"_s : scene.collection.toUpper(); // PHR, SPOT, PNEO
    const int seed = int(qHash(scene.id) % 1000);
    return QJsonObject {
        { "type"_L1, u"Feature"_s },
        { "bbox"_L1, scene.box.toJson() },
        { "geometry"_L1, polygon(scene.box) },
        { "properties"_L1,
            QJsonObject {
                { "id"_L1, scene.id }, // inside properties, as the notes point out
                { "datetime"_L1, isoTime(scene.datetime) },
                { "start_datetime"_L1, isoTime(scene.datetime) },
                { "end_datetime"_L1, isoTime(scene.datetime.addSecs(4)) },
                { "constellation"_L1, constellation },
                { "collection"_L1, scene.collection },
                { "cloudCoverage"_L1, scene.cloud },
                { "resolution"_L1, collection->resolution },
                { "deliveryTime"_L1,
                    scene.collection == "pneo"_L1 ? u"DAYS"_s
                                                  : (scene.host == "capella"_L1 ? u"MINUTES"_s : u"HOURS"_s) },
                { "producer"_L1, collection->producer },
                { "providerProperties"_L1,
                    QJsonObject { { "incidenceAngle"_L1, double(seed % 300) / 10 },
                        { "sunElevation"_L1, 20 + double(seed % 400) / 10 },
                        { "productType"_L1, collection->productType == "SAR"_L1 ? u"GEO"_s : u"ORTHO"_s } } },
            } },
    };
}

void Up42Emulator::handleCollections(const ReceivedRequest &request, HttpServerResponse &response)
{
    if (request.method != "GET") {
        sendMethodNotAllowed(response, request, QByteArrayLiteral("GET"));
        return;
    }
    QList<QJsonObject> items;
    for (const Collection &c : std::as_const(m_collections)) {
        QJsonArray providers;
        if (c.host == c.producer) {
            providers.append(QJsonObject { { "name"_L1, c.producer }, { "title"_L1, providerTitle(c.producer) },
                { "description"_L1, QString() }, { "roles"_L1, QJsonArray { u"PRODUCER"_s, u"HOST"_s } } });
        } else {
            providers.append(QJsonObject { { "name"_L1, c.producer }, { "title"_L1, providerTitle(c.producer) },
                { "description"_L1, QString() }, { "roles"_L1, QJsonArray { u"PRODUCER"_s } } });
            if (!c.host.isEmpty())
                providers.append(QJsonObject { { "name"_L1, c.host }, { "title"_L1, providerTitle(c.host) },
                    { "description"_L1, QString() }, { "roles"_L1, QJsonArray { u"HOST"_s } } });
        }
        QJsonArray products;
        for (const Product &p : c.products) {
            products.append(QJsonObject { { "name"_L1, p.name }, { "title"_L1, p.title },
                { "description"_L1, u"%1 %2"_s.arg(c.title, p.title) }, { "id"_L1, p.id },
                { "eulaId"_L1, uuidFor(u"eula:"_s + c.producer) } });
        }
        items.append(QJsonObject {
            { "name"_L1, c.name },
            { "title"_L1, c.title },
            { "description"_L1, u"%1 imagery by %2"_s.arg(c.title, providerTitle(c.producer)) },
            { "type"_L1, c.type },
            { "integrations"_L1, QJsonArray::fromStringList(c.integrations) },
            { "providers"_L1, providers },
            { "dataProducts"_L1, products },
            { "metadata"_L1,
                QJsonObject { { "productType"_L1, c.productType }, { "resolutionClass"_L1, c.resolutionClass },
                    { "resolutionValue"_L1,
                        QJsonObject { { "minimum"_L1, c.resolution }, { "maximum"_L1, c.resolution } } } } },
        });
    }
    sendSpringPage(request, response, items, { u"name"_s, u"title"_s, u"type"_s }, Sort { u"name"_s, false });
}

void Up42Emulator::handleCatalog(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &s)
{
    if (s.size() == 4 && s.at(0) == "hosts"_L1 && s.at(2) == "stac"_L1 && s.at(3) == "search"_L1) {
        if (request.method != "POST")
            sendMethodNotAllowed(response, request, QByteArrayLiteral("POST"));
        else
            catalogSearch(request, response, s.at(1));
        return;
    }
    if (s.size() == 4 && s.at(1) == "image"_L1 && s.at(3) == "quicklook"_L1) {
        const auto scene
            = std::find_if(m_scenes.begin(), m_scenes.end(), [&](const Scene &x) { return x.id == s.at(2); });
        const Collection *collection = scene == m_scenes.end() ? nullptr : findCollection(scene->collection);
        if (collection == nullptr || scene->host != s.at(0)
            || !collection->integrations.contains(u"QUICKLOOK_AVAILABLE"_s)) {
            sendProblem(response, 404, u"No quicklook for image %1 on host %2."_s.arg(s.at(2), s.at(0)), request);
            return;
        }
        if (request.method != "GET")
            sendMethodNotAllowed(response, request, QByteArrayLiteral("GET"));
        else
            response.respond(200, quicklookBytes(scene->id), QByteArrayLiteral("image/jpeg"));
        return;
    }
    sendProblem(response, 404, u"No endpoint %1 %2."_s.arg(QString::fromLatin1(request.method), request.path), request);
}

void Up42Emulator::catalogSearch(const ReceivedRequest &request, HttpServerResponse &response, const QString &host)
{
    if (std::none_of(m_scenes.begin(), m_scenes.end(), [&host](const Scene &x) { return x.host == host; })) {
        sendProblem(response, 404, u"Host %1 not found."_s.arg(host), request);
        return;
    }
    if (!request.header("Content-Type").toLower().startsWith("application/json")) {
        sendProblem(response, 415, u"Content-Type must be application/json"_s, request);
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (!document.isObject()) {
        sendCatalogError(response, u"The request body is not a JSON object"_s);
        return;
    }
    const QJsonObject body = document.object();
    QList<GeoBox> areas;
    const bool hasBbox = body.contains("bbox"_L1) && !body.value("bbox"_L1).isNull();
    const bool hasIntersects = body.contains("intersects"_L1) && !body.value("intersects"_L1).isNull();
    if (hasBbox && hasIntersects) {
        sendCatalogError(response, u"Only one of bbox and intersects may be given"_s);
        return;
    }
    QString error;
    if (hasBbox) {
        const std::optional<GeoBox> box = GeoBox::fromJson(body.value("bbox"_L1).toArray(), &error);
        if (!box) {
            sendCatalogError(response, u"Invalid bbox: %1"_s.arg(error));
            return;
        }
        areas = { *box };
    } else if (hasIntersects && !GeometryBoxes::fromGeometry(body.value("intersects"_L1).toObject(), &areas, &error)) {
        sendCatalogError(response, u"Invalid intersects geometry: %1"_s.arg(error));
        return;
    }
    qint64 startMs = std::numeric_limits<qint64>::min();
    qint64 endMs = std::numeric_limits<qint64>::max();
    const QString datetime = body.value("datetime"_L1).toString();
    if (!datetime.isEmpty() && !StacSearchQuery::parseInterval(datetime, &startMs, &endMs, &error)) {
        sendCatalogError(response, u"Invalid datetime '%1': %2"_s.arg(datetime, error));
        return;
    }
    const QJsonValue limitValue = body.value("limit"_L1);
    const double limitNumber = limitValue.isUndefined() ? 10 : limitValue.toDouble(-1); // default 10 [I]
    if (limitNumber != std::floor(limitNumber) || limitNumber < 1 || limitNumber > 500) {
        sendCatalogError(response, u"limit must be an integer from 1 to 500"_s);
        return;
    }
    const int limit = int(limitNumber);
    QStringList collections;
    QStringList ids;
    for (const auto &[key, out] : { std::pair { "collections"_L1, &collections }, std::pair { "ids"_L1, &ids } }) {
        const QJsonArray values = body.value(key).toArray();
        for (const QJsonValue &value : values)
            out->append(value.toString());
    }
    for (const QString &name : std::as_const(collections)) {
        const Collection *collection = findCollection(name);
        if (collection == nullptr || collection->host != host) {
            sendCatalogError(response, u"Collection '%1' is not available on host %2"_s.arg(name, host));
            return;
        }
    }
    // The proprietary query: {"cloudCoverage": {"LTE": 20}}, upper-case operators.
    QList<std::pair<QString, double>> cloudTests;
    const QJsonObject query = body.value("query"_L1).toObject();
    for (auto it = query.begin(); it != query.end(); ++it) {
        if (it.key() != "cloudCoverage"_L1) {
            sendCatalogError(response, u"Unsupported query property '%1'; supported: cloudCoverage"_s.arg(it.key()));
            return;
        }
        const QJsonObject tests = it.value().toObject();
        if (tests.isEmpty()) {
            sendCatalogError(response, u"query.cloudCoverage needs an operator object, e.g. {\"LTE\": 20}"_s);
            return;
        }
        for (auto test = tests.begin(); test != tests.end(); ++test) {
            const QStringList operators { u"LT"_s, u"LTE"_s, u"GT"_s, u"GTE"_s, u"EQ"_s };
            if (!operators.contains(test.key()) || !test.value().isDouble()) {
                sendCatalogError(response,
                    u"Invalid query.cloudCoverage operator '%1': use LT, LTE, GT, GTE or EQ with a number"_s.arg(
                        test.key()));
                return;
            }
            cloudTests.append({ test.key(), test.value().toDouble() });
        }
    }

    QList<const Scene *> matches;
    for (const Scene &scene : std::as_const(m_scenes)) {
        const qint64 ms = scene.datetime.toMSecsSinceEpoch();
        if (scene.host != host || (!collections.isEmpty() && !collections.contains(scene.collection))
            || (!ids.isEmpty() && !ids.contains(scene.id)) || ms < startMs || ms > endMs
            || (!areas.isEmpty() && !GeometryBoxes::intersects({ scene.box }, areas)))
            continue;
        const bool cloudOk = std::all_of(cloudTests.begin(), cloudTests.end(), [&scene](const auto &test) {
            if (scene.cloud.isNull())
                return false; // no cloud cover (SAR): no comparison holds
            const double v = scene.cloud.toDouble();
            const QString &op = test.first;
            return op == "LT"_L1 ? v < test.second
                : op == "LTE"_L1 ? v <= test.second
                : op == "GT"_L1  ? v > test.second
                : op == "GTE"_L1 ? v >= test.second
                                 : v == test.second;
        });
        if (cloudOk)
            matches.append(&scene);
    }
    // Newest first, then by id [I].
    std::stable_sort(matches.begin(), matches.end(), [](const Scene *a, const Scene *b) {
        return a->datetime != b->datetime ? a->datetime > b->datetime : a->id < b->id;
    });
    qsizetype begin = 0;
    const QString next = request.queryValue(u"next"_s);
    if (!next.isEmpty()) {
        const auto after = std::find_if(
            matches.begin(), matches.end(), [&next](const Scene *x) { return u"next:"_s + x->id == next; });
        if (after == matches.end()) {
            sendCatalogError(response, u"Invalid next token '%1'"_s.arg(next));
            return;
        }
        begin = after - matches.begin() + 1;
    }
    const qsizetype end = std::min<qsizetype>(begin + limit, matches.size());
    QJsonArray features;
    for (qsizetype i = begin; i < end; ++i)
        features.append(sceneJson(*matches.at(i)));
    QJsonArray links;
    if (end < matches.size()) {
        // The SDK re-POSTs the same body to this href.
        const QByteArray href = originFor(request, Service::Api) + "/catalog/hosts/" + host.toUtf8()
            + "/stac/search?next=next:" + matches.at(end - 1)->id.toLatin1();
        links.append(QJsonObject { { "rel"_L1, u"next"_s }, { "href"_L1, QString::fromUtf8(href) } });
    }
    sendJson(response, 200,
        QJsonObject { { "type"_L1, u"FeatureCollection"_s }, { "features"_L1, features }, { "links"_L1, links } },
        QByteArrayLiteral("application/geo+json"));
}

void Up42Emulator::handleSchema(const ReceivedRequest &request, HttpServerResponse &response, const QString &productId)
{
    const Collection *collection = collectionOfProduct(productId);
    if (collection == nullptr) {
        sendProblem(response, 404, u"Data product %1 not found."_s.arg(productId), request);
        return;
    }
    if (request.method != "GET") {
        sendMethodNotAllowed(response, request, QByteArrayLiteral("GET"));
        return;
    }
    // The params of an order for this product [I: property names].
    QJsonObject properties;
    QJsonArray required;
    if (collection->type == "ARCHIVE"_L1) {
        properties.insert("id"_L1, QJsonObject { { "type"_L1, u"string"_s }, { "title"_L1, u"Image ID"_s } });
        required = { u"id"_s };
    } else {
        const QJsonObject dateTime { { "type"_L1, u"string"_s }, { "format"_L1, u"date-time"_s } };
        properties.insert("acquisitionStart"_L1, dateTime);
        properties.insert("acquisitionEnd"_L1, dateTime);
        if (collection->productType == "OPTICAL"_L1)
            properties.insert("maxCloudCover"_L1,
                QJsonObject { { "type"_L1, u"integer"_s }, { "minimum"_L1, 0 }, { "maximum"_L1, 100 } });
        required = { u"acquisitionStart"_s, u"acquisitionEnd"_s };
    }
    sendJson(response, 200,
        QJsonObject { { "$schema"_L1, u"http://json-schema.org/draft-07/schema#"_s }, { "title"_L1, collection->title },
            { "type"_L1, u"object"_s }, { "required"_L1, required }, { "properties"_L1, properties },
            { "additionalProperties"_L1, false } });
}

} // namespace StacScope
