// CapellaEmulator, part 1 of its test: helpers, authentication and the catalog (capella.md
// sections 2 and 3).

#include "tests/integration/tst_capellaemulator.h"

#include <QNetworkProxy>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "tests/support/httpserver.h"

using namespace Qt::StringLiterals;
using namespace StacScope;
using namespace CapellaTest;

namespace {

// A hand-made item: a 0.02 degree square around lon/lat with the given properties.
QJsonObject testItem(
    const QString &id, const QString &collection, double lon, double lat, const QJsonObject &properties)
{
    const QJsonArray ring { QJsonArray { lon - 0.01, lat - 0.01 }, QJsonArray { lon + 0.01, lat - 0.01 },
        QJsonArray { lon + 0.01, lat + 0.01 }, QJsonArray { lon - 0.01, lat + 0.01 },
        QJsonArray { lon - 0.01, lat - 0.01 } };
    return QJsonObject { { "type"_L1, u"Feature"_s }, { "stac_version"_L1, u"1.0.0"_s }, { "id"_L1, id },
        { "collection"_L1, collection },
        { "geometry"_L1,
            QJsonObject { { "type"_L1, u"Polygon"_s }, { "coordinates"_L1, QJsonArray { QJsonValue(ring) } } } },
        { "bbox"_L1, QJsonArray { lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01 } }, { "properties"_L1, properties },
        { "assets"_L1, QJsonObject() } };
}

const QString ItemA = u"CAPELLA_C02_SP_GEO_HH_20240101120000_20240101120010"_s;
const QString ItemB = u"CAPELLA_C03_SM_SLC_VV_20230615083000_20230615083004"_s;
const QString ItemC = u"CAPELLA_C05_SS_GEO_HH_20240301000000_20240301000012"_s;
const QString ItemD = u"CAPELLA_C07_SP_SICD_VV_20221231235959_20230101000009"_s;

// Four items whose answers to each query are worked out by hand below.
QList<QJsonObject> fourItems()
{
    const auto props = [](const QString &datetime, const QString &mode, const QJsonArray &polarizations,
                           double lookAngle, const QString &productType) {
        return QJsonObject { { "datetime"_L1, datetime }, { "constellation"_L1, u"capella"_s },
            { "sar:instrument_mode"_L1, mode }, { "sar:polarizations"_L1, polarizations },
            { "view:look_angle"_L1, lookAngle }, { "sar:product_type"_L1, productType } };
    };
    return { testItem(ItemA, u"capella-geo"_s, 12.5, 41.9,
                 props(u"2024-01-01T12:00:05Z"_s, u"spotlight"_s, { u"HH"_s }, 10.5, u"GEO"_s)),
        testItem(ItemB, u"capella-archive"_s, 4.1, 51.9,
            props(u"2023-06-15T08:30:00.500000Z"_s, u"stripmap"_s, { u"VV"_s }, 25, u"SLC"_s)),
        testItem(ItemC, u"capella-open-data"_s, 139.7, 35.7,
            props(u"2024-03-01T00:00:00Z"_s, u"sliding_spotlight"_s, { u"HH"_s, u"HV"_s }, 40, u"GEO"_s)),
        testItem(ItemD, u"capella-archive"_s, -122.4, 37.8,
            props(u"2022-12-31T23:59:59.999Z"_s, u"spotlight"_s, { u"VV"_s }, 12.0, u"SICD"_s)) };
}

} // namespace

// ---- helpers --------------------------------------------------------------------------------

void TestCapellaEmulator::initTestCase()
{
    // Loopback only: an http_proxy from the environment must not interfere.
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
}

void TestCapellaEmulator::init()
{
    m_emulator = std::make_unique<CapellaEmulator>();
    // The file host is another host (127.0.0.2); a machine that cannot bind it fails the test.
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestCapellaEmulator::cleanup()
{
    m_emulator.reset();
    m_nam.clearConnectionCache();
}

Result TestCapellaEmulator::send(
    const QByteArray &verb, const QUrl &url, const Headers &headers, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = verb == "GET" ? m_nam.get(request)
        : verb == "HEAD"                 ? m_nam.head(request)
                                         : m_nam.sendCustomRequest(request, verb, body);
    Result result;
    const QMetaObject::Connection reading
        = connect(reply, &QNetworkReply::readyRead, this, [&result, reply] { result.body += reply->readAll(); });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(WaitMs))
        reply->abort();
    disconnect(reading);
    result.body += reply->readAll();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

Headers TestCapellaEmulator::authorized(const QByteArray &key)
{
    return { { "Authorization", "ApiKey " + key } };
}

Result TestCapellaEmulator::get(const QString &path, const Headers &headers)
{
    return send("GET", api(path), headers);
}

Result TestCapellaEmulator::post(const QString &path, const QJsonObject &body, const Headers &headers)
{
    Headers all = headers;
    all.append(std::make_pair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
    return send("POST", api(path), all, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

Result TestCapellaEmulator::patch(const QString &path, const QJsonObject &body)
{
    Headers all = authorized();
    all.append(std::make_pair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
    return send("PATCH", api(path), all, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

Result TestCapellaEmulator::search(const QJsonObject &body, const QString &query)
{
    return post(u"/catalog/search"_s + query, body);
}

QStringList TestCapellaEmulator::ids(const QJsonArray &features)
{
    QStringList list;
    for (const QJsonValue &feature : features)
        list.append(feature.toObject().value("id"_L1).toString());
    return list;
}

// ---- auth -----------------------------------------------------------------------------------

void TestCapellaEmulator::authRefusal()
{
    const QJsonObject unauthorized { { "message"_L1, u"Unauthorized"_s } };
    for (const QByteArray &value : { QByteArray(), QByteArray("ApiKey wrong-key"), QByteArray("emulator-capella-key"),
             QByteArray("Basic ZW11bGF0b3JAY2FwZWxsYS5leGFtcGxlOmVtdWxhdG9yLXBhc3N3b3Jk"),
             QByteArray("Bearer emulator-capella-key"), QByteArray("Bearer not-a-token") }) {
        const Headers headers = value.isEmpty() ? Headers() : Headers { { "Authorization", value } };
        const Result result = get(u"/user"_s, headers);
        QCOMPARE(result.status, 401);
        QCOMPARE(result.json(), unauthorized);
    }
    // Every route is behind the authorizer.
    QCOMPARE(post(u"/catalog/search"_s, {}, {}).status, 401);
    QCOMPARE(get(u"/orders?customerId="_s + UserId, {}).status, 401);
    QCOMPARE(post(u"/task"_s, taskBody(), {}).status, 401);
    QCOMPARE(post(u"/repeat-requests/search"_s, {}, {}).status, 401);

    // The prefix in any case; a JWT as Bearer.
    QCOMPARE(get(u"/user"_s, { { "Authorization", "APIKEY emulator-capella-key" } }).status, 200);
    QCOMPARE(get(u"/user"_s, { { "Authorization", "apikey emulator-capella-key" } }).status, 200);
    QCOMPARE(get(u"/user"_s, { { "Authorization", "Bearer emulator-capella-jwt" } }).status, 200);

    m_emulator->revokeApiKey(u"emulator-capella-key"_s);
    QCOMPARE(get(u"/user"_s).status, 401);
    m_emulator->addApiKey(u"another-key"_s);
    QCOMPARE(get(u"/user"_s, authorized("another-key")).status, 200);

    m_emulator->rejectNextApiRequests(1);
    const Result limited = get(u"/user"_s, authorized("another-key"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArray("1"));
    QCOMPARE(get(u"/user"_s, authorized("another-key")).status, 200);
}

void TestCapellaEmulator::user()
{
    const Result result = get(u"/user"_s);
    QCOMPARE(result.status, 200);
    QVERIFY(result.header("Content-Type").startsWith("application/json"));
    QCOMPARE(result.json(),
        (QJsonObject { { "id"_L1, UserId }, { "organizationId"_L1, u"9c2b7d41-3e8f-4a6b-b5d0-7e1f2a3c4d55"_s },
            { "email"_L1, u"emulator@capella.example"_s } }));
}

void TestCapellaEmulator::createKeys()
{
    const Result created = send("POST", api(u"/keys?description=My%20API%20Key"_s), authorized());
    QCOMPARE(created.status, 200);
    const QJsonObject key = created.json();
    QCOMPARE(key.keys(), QStringList({ u"created_at"_s, u"description"_s, u"id"_s, u"key_value"_s, u"user_id"_s }));
    QCOMPARE(key.value("description"_L1).toString(), u"My API Key"_s);
    QCOMPARE(key.value("user_id"_L1).toString(), UserId);
    QVERIFY(key.value("created_at"_L1).toString().endsWith(u'Z'));
    const QByteArray value = key.value("key_value"_L1).toString().toLatin1();
    QVERIFY(value.size() >= 20);
    QCOMPARE(get(u"/user"_s, authorized(value)).status, 200);
    // Up to three keys per user.
    QCOMPARE(send("POST", api(u"/keys?description=second"_s), authorized()).status, 200);
    const Result refused = send("POST", api(u"/keys?description=third"_s), authorized());
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.code(), u"VALIDATION_ERROR"_s);
}

void TestCapellaEmulator::legacyToken()
{
    const auto basic = [](const QByteArray &credentials) {
        return Headers { { "Authorization", "Basic " + credentials.toBase64() },
            { "Content-Type", "application/x-www-form-urlencoded" } };
    };
    QCOMPARE(send("POST", api(u"/token"_s), basic("emulator@capella.example:wrong")).status, 401);
    const Result token = send("POST", api(u"/token"_s), basic("emulator@capella.example:emulator-password"));
    QCOMPARE(token.status, 200);
    QJsonObject body = token.json();
    QCOMPARE(body.keys(), QStringList({ u"accessToken"_s, u"expiresIn"_s, u"refreshToken"_s, u"tokenType"_s }));
    QCOMPARE(body.value("expiresIn"_L1).toInt(), 3600);
    QCOMPARE(body.value("tokenType"_L1).toString(), u"Bearer"_s);
    const QByteArray access = body.value("accessToken"_L1).toString().toLatin1();
    QCOMPARE(access.count('.'), 2); // a JWT
    QCOMPARE(get(u"/user"_s, { { "Authorization", "Bearer " + access } }).status, 200);

    const QJsonObject refreshBody { { "refreshToken"_L1, body.value("refreshToken"_L1) } };
    const Result refreshed = post(u"/token/refresh"_s, refreshBody, {});
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(refreshed.json().keys(), QStringList({ u"accessToken"_s, u"refreshToken"_s }));
    const QByteArray second = refreshed.json().value("accessToken"_L1).toString().toLatin1();
    QVERIFY(second != access);
    QCOMPARE(get(u"/user"_s, { { "Authorization", "Bearer " + second } }).status, 200);
    QCOMPARE(post(u"/token/refresh"_s, refreshBody, {}).status, 401); // used up

    // Tokens expire after an hour on the emulator clock; the default JWT does not.
    m_emulator->advanceClock(3601);
    QCOMPARE(get(u"/user"_s, { { "Authorization", "Bearer " + access } }).status, 401);
    QCOMPARE(get(u"/user"_s, { { "Authorization", "Bearer emulator-capella-jwt" } }).status, 200);
}

// ---- catalog --------------------------------------------------------------------------------

void TestCapellaEmulator::generatedItems()
{
    const QList<QJsonObject> items = CapellaEmulator::generateItems(60);
    QCOMPARE(items.size(), 60);
    QCOMPARE(CapellaEmulator::generateItems(60), items); // deterministic
    QVERIFY(CapellaEmulator::generateItems(60, 2) != items);
    const QRegularExpression idPattern(u"^CAPELLA_C\\d{2}_\\w+_\\w+_\\w{2}_\\d{14}_\\d{14}$"_s);
    const QSet<QString> collections { u"capella-open-data"_s, u"capella-archive"_s, u"capella-geo"_s };
    QHash<QString, QStringList> productsByCollect;
    for (const QJsonObject &item : items) {
        const QString id = item.value("id"_L1).toString();
        QVERIFY2(idPattern.match(id).hasMatch(), qPrintable(id));
        QVERIFY(collections.contains(item.value("collection"_L1).toString()));
        const QJsonObject p = item.value("properties"_L1).toObject();
        const QStringList parts = id.split(u'_');
        QCOMPARE(parts.at(3), p.value("sar:product_type"_L1).toString());
        QCOMPARE(parts.at(4), p.value("sar:polarizations"_L1).toArray().at(0).toString());
        QCOMPARE(p.value("platform"_L1).toString(), u"capella-%1"_s.arg(parts.at(1).mid(1).toInt()));
        QCOMPARE(p.value("constellation"_L1).toString(), u"capella"_s);
        QVERIFY(QStringList({ u"spotlight"_s, u"stripmap"_s, u"sliding_spotlight"_s })
                    .contains(p.value("sar:instrument_mode"_L1).toString()));
        QVERIFY(QStringList({ u"ascending"_s, u"descending"_s }).contains(p.value("sat:orbit_state"_L1).toString()));
        for (const char *key : { "start_datetime", "end_datetime", "instruments", "view:look_angle",
                 "view:incidence_angle", "capella:orbital_plane", "sar:observation_direction", "sar:frequency_band" })
            QVERIFY2(p.contains(QLatin1String(key)), key);
        QVERIFY(p.value("datetime"_L1).toString() > p.value("start_datetime"_L1).toString());
        productsByCollect[p.value("capella:collect_id"_L1).toString()].append(
            p.value("sar:product_type"_L1).toString());
        const QJsonObject assets = item.value("assets"_L1).toObject();
        QVERIFY(assets.contains("thumbnail"_L1) && assets.contains("metadata"_L1));
        QVERIFY(assets.contains(parts.at(4)));
        QCOMPARE(item.value("geometry"_L1).toObject().value("type"_L1).toString(), u"Polygon"_s);
    }
    // Several products (GEO and SLC) share a collect.
    QVERIFY(std::any_of(productsByCollect.begin(), productsByCollect.end(),
        [](const QStringList &types) { return types.contains(u"GEO"_s) && types.contains(u"SLC"_s); }));

    // As served: 60 items by default, hrefs on the file host, not presigned.
    const Result result = search({});
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json().value("numberMatched"_L1).toInt(), 60);
    const QJsonArray features = result.json().value("features"_L1).toArray();
    QCOMPARE(features.size(), 60);
    const QString href = features.at(0)
                             .toObject()
                             .value("assets"_L1)
                             .toObject()
                             .value("thumbnail"_L1)
                             .toObject()
                             .value("href"_L1)
                             .toString();
    QVERIFY2(href.startsWith(m_emulator->filesUrl().toString() + u'/') && !href.contains(u'?'), qPrintable(href));
}

void TestCapellaEmulator::searchQueryOperators()
{
    m_emulator->setItems(fourItems());
    const auto matching = [this](const QJsonObject &query) {
        const Result result = search({ { "query"_L1, query } });
        return result.status == 200 ? ids(result.json().value("features"_L1).toArray()) : QStringList { u"error"_s };
    };
    const auto op = [](const char *name, const QJsonValue &value) {
        return QJsonObject { { QLatin1String(name), value } };
    };
    // Default order: datetime descending (C, A, B, D).
    QCOMPARE(matching({}), QStringList({ ItemC, ItemA, ItemB, ItemD }));
    QCOMPARE(matching({ { "sar:instrument_mode"_L1, op("eq", u"spotlight"_s) } }), QStringList({ ItemA, ItemD }));
    QCOMPARE(matching({ { "sar:product_type"_L1, op("in", QJsonArray { u"SLC"_s, u"GEO"_s }) } }),
        QStringList({ ItemC, ItemA, ItemB }));
    QCOMPARE(matching({ { "view:look_angle"_L1, QJsonObject { { "gte"_L1, 10.5 }, { "lte"_L1, 25 } } } }),
        QStringList({ ItemA, ItemB, ItemD }));
    QCOMPARE(matching({ { "view:look_angle"_L1, QJsonObject { { "gt"_L1, 10.5 }, { "lt"_L1, 25 } } } }),
        QStringList({ ItemD }));
    // Date-times compare as instants, whatever their spelling.
    QCOMPARE(matching({ { "datetime"_L1, op("gte", u"2024-01-01T00:00:00Z"_s) } }), QStringList({ ItemC, ItemA }));
    QCOMPARE(matching({ { "datetime"_L1, op("eq", u"2024-01-01T13:00:05+01:00"_s) } }), QStringList({ ItemA }));
    QCOMPARE(matching({ { "datetime"_L1, op("lt", u"2023-01-01"_s) } }), QStringList({ ItemD }));
    QCOMPARE(
        matching({ { "datetime"_L1, op("gt", u"2023-06-15T08:30:00.4Z"_s) } }), QStringList({ ItemC, ItemA, ItemB }));
    // Arrays: eq when they contain the value, in when any element is listed.
    QCOMPARE(matching({ { "sar:polarizations"_L1, op("eq", u"VV"_s) } }), QStringList({ ItemB, ItemD }));
    QCOMPARE(
        matching({ { "sar:polarizations"_L1, op("in", QJsonArray { u"HV"_s, u"VH"_s }) } }), QStringList({ ItemC }));
    // A list without operator means "in", a plain value "eq".
    QCOMPARE(
        matching({ { "sar:product_type"_L1, QJsonArray { u"SICD"_s, u"SLC"_s } } }), QStringList({ ItemB, ItemD }));
    QCOMPARE(matching({ { "constellation"_L1, u"capella"_s } }).size(), 4);
    // Several fields: all must match.
    QCOMPARE(matching({ { "sar:instrument_mode"_L1, op("eq", u"spotlight"_s) },
                 { "sar:polarizations"_L1, op("eq", u"VV"_s) } }),
        QStringList({ ItemD }));

    // Operators the STAC server does not support.
    for (const char *name : { "startsWith", "endsWith", "contains", "neq" }) {
        const Result refused = search({ { "query"_L1, QJsonObject { { "id"_L1, op(name, u"CAPELLA"_s) } } } });
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.code(), u"VALIDATION_ERROR"_s);
        QVERIFY(!refused.errorObject().value("message"_L1).toString().isEmpty());
    }
}

void TestCapellaEmulator::searchSpatialSortAndOwnership()
{
    m_emulator->setItems(fourItems());
    const auto matching = [this](const QJsonObject &body) {
        const Result result = search(body);
        return result.status == 200 ? ids(result.json().value("features"_L1).toArray()) : QStringList { u"error"_s };
    };
    // Section 3's example bbox (Rome).
    QCOMPARE(matching({ { "bbox"_L1, QJsonArray { 12.35, 41.78, 12.61, 42 } } }), QStringList({ ItemA }));
    QCOMPARE(matching({ { "intersects"_L1,
                 QJsonObject { { "type"_L1, u"Point"_s }, { "coordinates"_L1, QJsonArray { 4.1, 51.9 } } } } }),
        QStringList({ ItemB }));
    const QJsonArray tokyo { QJsonArray { 139, 35 }, QJsonArray { 140, 35 }, QJsonArray { 140, 36 },
        QJsonArray { 139, 36 }, QJsonArray { 139, 35 } };
    QCOMPARE(
        matching({ { "intersects"_L1,
            QJsonObject { { "type"_L1, u"Polygon"_s }, { "coordinates"_L1, QJsonArray { QJsonValue(tokyo) } } } } }),
        QStringList({ ItemC }));
    QCOMPARE(matching({ { "collections"_L1, QJsonArray { u"capella-archive"_s } } }), QStringList({ ItemB, ItemD }));
    QCOMPARE(matching({ { "ids"_L1, QJsonArray { ItemD, ItemA } } }), QStringList({ ItemA, ItemD }));
    QCOMPARE(
        matching({ { "datetime"_L1, u"2023-01-01T00:00:00Z/2024-01-31T00:00:00Z"_s } }), QStringList({ ItemA, ItemB }));

    const auto sortBy = [](const QString &field, const QString &direction) {
        return QJsonArray { QJsonObject { { "field"_L1, field }, { "direction"_L1, direction } } };
    };
    QCOMPARE(matching({ { "sortby"_L1, sortBy(u"properties.view:look_angle"_s, u"asc"_s) } }),
        QStringList({ ItemA, ItemD, ItemB, ItemC }));
    QCOMPARE(matching({ { "sortby"_L1, sortBy(u"id"_s, u"desc"_s) } }), QStringList({ ItemD, ItemC, ItemB, ItemA }));
    QCOMPARE(matching({ { "sortby"_L1, sortBy(u"properties.datetime"_s, u"asc"_s) } }),
        QStringList({ ItemD, ItemB, ItemA, ItemC }));

    // Ownership: open data is public by default; the others as set here.
    QCOMPARE(m_emulator->itemOwnership(ItemC), u"publiclyAvailable"_s);
    m_emulator->setItemOwnership(ItemA, u"availableForPurchase"_s);
    m_emulator->setItemOwnership(ItemB, u"sharedWithOrganization"_s);
    m_emulator->setItemOwnership(ItemD, u"ownedByOrganization"_s);
    QCOMPARE(matching({ { "ownership"_L1, u"availableForPurchase"_s } }), QStringList({ ItemA }));
    QCOMPARE(matching({ { "ownership"_L1, u"sharedWithOrganization"_s } }), QStringList({ ItemB }));
    QCOMPARE(matching({ { "ownership"_L1, u"ownedByOrganization"_s } }), QStringList({ ItemD }));
    QCOMPARE(matching({ { "ownership"_L1, u"publiclyAvailable"_s } }), QStringList({ ItemC }));
}

void TestCapellaEmulator::searchValidation()
{
    const QList<QJsonObject> bodies { { { "limit"_L1, 0 } }, { { "limit"_L1, u"10"_s } }, { { "limit"_L1, 2.5 } },
        { { "page"_L1, 0 } }, { { "bbox"_L1, QJsonArray { 1, 2, 3 } } }, { { "ownership"_L1, u"mine"_s } },
        { { "filter"_L1, QJsonObject { { "op"_L1, u"="_s } } } },
        { { "query"_L1, QJsonObject { { "platform"_L1, QJsonObject { { "in"_L1, u"capella-8"_s } } } } } },
        { { "sortby"_L1, QJsonArray { QJsonObject { { "field"_L1, u"id"_s }, { "direction"_L1, u"up"_s } } } } },
        { { "collections"_L1, u"capella-geo"_s } } };
    for (const QJsonObject &body : bodies) {
        const Result result = search(body);
        QVERIFY2(result.status == 400, QJsonDocument(body).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(result.code(), u"VALIDATION_ERROR"_s);
    }
    QCOMPARE(send("POST", api(u"/catalog/search"_s), authorized(), "{not json").status, 400);
    QCOMPARE(search({}, u"?page=0"_s).status, 400);
    QCOMPARE(get(u"/catalog/search"_s).status, 405);
}

void TestCapellaEmulator::searchPaging()
{
    QList<QJsonObject> items = CapellaEmulator::generateItems(25);
    m_emulator->setItems(items);
    // The default order: newest first, then by id (products of one collect share their time).
    std::sort(items.begin(), items.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const QString x = a.value("properties"_L1).toObject().value("datetime"_L1).toString();
        const QString y = b.value("properties"_L1).toObject().value("datetime"_L1).toString();
        return x != y ? x > y : a.value("id"_L1).toString() < b.value("id"_L1).toString();
    });
    QStringList expected;
    for (const QJsonObject &item : std::as_const(items))
        expected.append(item.value("id"_L1).toString());

    const Result first = search({ { "limit"_L1, 10 } });
    QCOMPARE(first.status, 200);
    QJsonObject body = first.json();
    QCOMPARE(body.value("type"_L1).toString(), u"FeatureCollection"_s);
    QCOMPARE(body.value("numberMatched"_L1).toInt(), 25);
    QCOMPARE(body.value("numberReturned"_L1).toInt(), 10);
    // The next link names the STAC server's own (foreign) host, not the API gateway.
    const QJsonArray links = body.value("links"_L1).toArray();
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.at(0).toObject().value("rel"_L1).toString(), u"next"_s);
    QCOMPARE(links.at(0).toObject().value("href"_L1).toString(),
        u"https://stac.internal.capella.example/catalog/search?page=2"_s);
    QStringList all = ids(body.value("features"_L1).toArray());

    // The page in the URL (as a re-POST to the next href's query) ...
    const Result second = search({ { "limit"_L1, 10 } }, u"?page=2"_s);
    QCOMPARE(second.json().value("numberReturned"_L1).toInt(), 10);
    QCOMPARE(second.json().value("links"_L1).toArray().at(0).toObject().value("href"_L1).toString(),
        u"https://stac.internal.capella.example/catalog/search?page=3"_s);
    all += ids(second.json().value("features"_L1).toArray());
    // ... or in the body, which wins over the URL.
    const Result third = search({ { "limit"_L1, 10 }, { "page"_L1, 3 } }, u"?page=1"_s);
    QCOMPARE(third.json().value("numberReturned"_L1).toInt(), 5);
    QVERIFY(third.json().value("links"_L1).toArray().isEmpty());
    all += ids(third.json().value("features"_L1).toArray());
    QCOMPARE(all, expected);
    QCOMPARE(search({ { "limit"_L1, 10 }, { "page"_L1, 4 } }).json().value("features"_L1).toArray().size(), 0);

    m_emulator->setNextLinkBase(m_emulator->apiUrl());
    QCOMPARE(
        search({ { "limit"_L1, 10 } }).json().value("links"_L1).toArray().at(0).toObject().value("href"_L1).toString(),
        m_emulator->apiUrl().toString() + u"/catalog/search?page=2"_s);
}

void TestCapellaEmulator::searchLimitClamp()
{
    m_emulator->setItems(CapellaEmulator::generateItems(950));
    const Result clamped = search({ { "limit"_L1, 5000 } });
    QCOMPARE(clamped.json().value("numberReturned"_L1).toInt(), 900);
    QCOMPARE(clamped.json().value("numberMatched"_L1).toInt(), 950);
    const Result rest = search({ { "limit"_L1, 5000 }, { "page"_L1, 2 } });
    QCOMPARE(rest.json().value("numberReturned"_L1).toInt(), 50);
    // Without a limit: 500.
    QCOMPARE(search({}).json().value("numberReturned"_L1).toInt(), 500);
}

void TestCapellaEmulator::searchCap()
{
    QList<QJsonObject> items;
    const QDateTime base(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    for (int i = 0; i < 10050; ++i) {
        items.append(QJsonObject { { "type"_L1, u"Feature"_s }, { "id"_L1, u"item-%1"_s.arg(i, 5, 10, QChar(u'0')) },
            { "collection"_L1, u"capella-geo"_s },
            { "geometry"_L1, QJsonObject { { "type"_L1, u"Point"_s }, { "coordinates"_L1, QJsonArray { 10, 10 } } } },
            { "properties"_L1, QJsonObject { { "datetime"_L1, base.addSecs(i).toString(Qt::ISODate) } } } });
    }
    m_emulator->setItems(items);
    // Newest first: position k holds item 10049 - k; nothing beyond position 9999 is served.
    const Result eleventh = search({ { "limit"_L1, 900 }, { "page"_L1, 11 } });
    QCOMPARE(eleventh.json().value("numberMatched"_L1).toInt(), 10050);
    QCOMPARE(eleventh.json().value("numberReturned"_L1).toInt(), 900);
    QVERIFY(!eleventh.json().value("links"_L1).toArray().isEmpty());
    const Result twelfth = search({ { "limit"_L1, 900 }, { "page"_L1, 12 } });
    const QStringList last = ids(twelfth.json().value("features"_L1).toArray());
    QCOMPARE(last.size(), 100);
    QCOMPARE(last.first(), u"item-00149"_s);
    QCOMPARE(last.last(), u"item-00050"_s);
    QVERIFY(twelfth.json().value("links"_L1).toArray().isEmpty());
    QCOMPARE(search({ { "limit"_L1, 900 }, { "page"_L1, 13 } }).json().value("numberReturned"_L1).toInt(), 0);
}

void TestCapellaEmulator::searchDuplicates()
{
    m_emulator->setItems(CapellaEmulator::generateItems(25));
    m_emulator->setDuplicateAcrossPages(true);
    QStringList pages[3];
    for (int page = 1; page <= 3; ++page)
        pages[page - 1]
            = ids(search({ { "limit"_L1, 10 }, { "page"_L1, page } }).json().value("features"_L1).toArray());
    QCOMPARE(pages[0].size(), 10);
    QCOMPARE(pages[1].size(), 11);
    QCOMPARE(pages[1].first(), pages[0].last());
    QCOMPARE(pages[2].size(), 6);
    QCOMPARE(pages[2].first(), pages[1].last());
    const QStringList all = pages[0] + pages[1] + pages[2];
    QCOMPARE(QSet<QString>(all.begin(), all.end()).size(), 25);
}

void TestCapellaEmulator::collections()
{
    m_emulator->setItems(fourItems());
    const Result list = get(u"/catalog/collections"_s);
    QCOMPARE(list.status, 200);
    QStringList names;
    const QJsonArray collections = list.json().value("collections"_L1).toArray();
    for (const QJsonValue &collection : collections)
        names.append(collection.toObject().value("id"_L1).toString());
    QCOMPARE(names, QStringList({ u"capella-archive"_s, u"capella-geo"_s, u"capella-open-data"_s }));
    const Result one = get(u"/catalog/collections/capella-geo"_s);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json().value("type"_L1).toString(), u"Collection"_s);
    const QJsonArray extent = one.json()
                                  .value("extent"_L1)
                                  .toObject()
                                  .value("spatial"_L1)
                                  .toObject()
                                  .value("bbox"_L1)
                                  .toArray()
                                  .at(0)
                                  .toArray();
    QCOMPARE(extent.size(), 4);
    const double expectedExtent[] = { 12.49, 41.89, 12.51, 41.91 };
    for (int i = 0; i < 4; ++i)
        QVERIFY(qAbs(extent.at(i).toDouble() - expectedExtent[i]) < 1e-9);
    const Result unknown = get(u"/catalog/collections/capella-test"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.code(), u"NOT_FOUND"_s);
}

QTEST_GUILESS_MAIN(TestCapellaEmulator)
