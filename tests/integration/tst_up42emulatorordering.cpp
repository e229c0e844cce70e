// Up42Emulator: the orderable catalog, estimates and placements, the order status clock and the
// tasking decisions (quotations, feasibility studies).

#include <QTest>

#include "tests/integration/tst_up42emulator.h"

using namespace Qt::StringLiterals;
using namespace StacScope;
using namespace Up42Test;

namespace {

const QJsonArray HamburgBox { 9.9, 53.5, 10.0, 53.56 };

// A 0.02 degree square around lon/lat (a few km², below every minimum area).
QJsonObject square(double lon, double lat)
{
    const QJsonArray ring { QJsonArray { lon - 0.01, lat - 0.01 }, QJsonArray { lon + 0.01, lat - 0.01 },
        QJsonArray { lon + 0.01, lat + 0.01 }, QJsonArray { lon - 0.01, lat + 0.01 },
        QJsonArray { lon - 0.01, lat - 0.01 } };
    return QJsonObject { { "type"_L1, u"Polygon"_s }, { "coordinates"_L1, QJsonArray { QJsonValue(ring) } } };
}

QJsonObject featureCollection(const QList<QJsonObject> &geometries)
{
    QJsonArray features;
    for (const QJsonObject &geometry : geometries)
        features.append(QJsonObject { { "type"_L1, u"Feature"_s }, { "geometry"_L1, geometry } });
    return QJsonObject { { "type"_L1, u"FeatureCollection"_s }, { "features"_L1, features } };
}

QJsonObject archivePayload(const QString &scene, const QList<QJsonObject> &geometries)
{
    return QJsonObject { { "dataProduct"_L1, PhrDisplay }, { "displayName"_L1, u"My archive order"_s },
        { "tags"_L1, QJsonArray { u"emulated"_s } }, { "params"_L1, QJsonObject { { "id"_L1, scene } } },
        { "featureCollection"_L1, featureCollection(geometries) } };
}

QJsonObject taskingPayload(const QString &product)
{
    return QJsonObject { { "dataProduct"_L1, product }, { "displayName"_L1, u"My tasking order"_s },
        { "params"_L1,
            QJsonObject { { "acquisitionStart"_L1, u"2025-01-01T00:00:00Z"_s },
                { "acquisitionEnd"_L1, u"2025-01-31T23:59:59Z"_s } } },
        { "featureCollection"_L1, featureCollection({ square(9.95, 53.53) }) } };
}

QStringList sceneCollections(const QJsonArray &features)
{
    QStringList list;
    for (const QJsonValue &f : features)
        list.append(f.toObject().value("properties"_L1).toObject().value("collection"_L1).toString());
    return list;
}

} // namespace

QString TestUp42Emulator::hamburgScene()
{
    const Result r = post(u"/catalog/hosts/oneatlas/stac/search"_s,
        { { "bbox"_L1, HamburgBox }, { "collections"_L1, QJsonArray { u"phr"_s } }, { "limit"_L1, 1 } });
    return r.json()
        .value("features"_L1)
        .toArray()
        .first()
        .toObject()
        .value("properties"_L1)
        .toObject()
        .value("id"_L1)
        .toString();
}

void TestUp42Emulator::collectionsPage()
{
    Result r = get(u"/v2/collections"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("totalElements"_L1).toInt(), 7);
    QStringList names;
    for (const QJsonValue &c : r.content())
        names.append(c.toObject().value("name"_L1).toString());
    QCOMPARE(names,
        (QStringList { u"capella-spotlight"_s, u"capella-tasking"_s, u"phr"_s, u"phr-tasking"_s, u"pneo"_s,
            u"pneo-tasking"_s, u"spot"_s }));
    const QJsonObject phr = r.content().at(2).toObject();
    QCOMPARE(phr.value("type"_L1).toString(), u"ARCHIVE"_s);
    QVERIFY(phr.value("integrations"_L1).toArray().contains(u"SEARCH_AVAILABLE"_s));
    const QJsonArray providers = phr.value("providers"_L1).toArray();
    QCOMPARE(providers.size(), 2);
    QCOMPARE(providers.at(1).toObject().value("name"_L1).toString(), u"oneatlas"_s);
    QCOMPARE(providers.at(1).toObject().value("roles"_L1).toArray(), QJsonArray { u"HOST"_s });
    QCOMPARE(phr.value("dataProducts"_L1).toArray().first().toObject().value("id"_L1).toString(), PhrDisplay);
    QCOMPARE(phr.value("metadata"_L1).toObject().value("productType"_L1).toString(), u"OPTICAL"_s);
    QCOMPARE(get(u"/v2/collections?sort=name,desc&size=1"_s).content().first().toObject().value("name"_L1).toString(),
        u"spot"_s);
    // The params schema of a data product.
    r = get(u"/orders/schema/"_s + PhrDisplay);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("required"_L1).toArray(), QJsonArray { u"id"_s });
    QCOMPARE(get(u"/orders/schema/nope"_s).status, 404);
}

void TestUp42Emulator::catalogSearch()
{
    // Around Hamburg: two acquisitions each of phr, spot and pneo, newest first (a year apart;
    // within a day pneo 10:44, spot 10:37, phr 10:30).
    const QJsonObject around { { "bbox"_L1, HamburgBox },
        { "collections"_L1, QJsonArray { u"phr"_s, u"spot"_s, u"pneo"_s } } };
    Result r = post(u"/catalog/hosts/oneatlas/stac/search"_s, around);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("type"_L1).toString(), u"FeatureCollection"_s);
    QJsonArray features = r.json().value("features"_L1).toArray();
    QCOMPARE(
        sceneCollections(features), (QStringList { u"pneo"_s, u"spot"_s, u"phr"_s, u"pneo"_s, u"spot"_s, u"phr"_s }));
    const QJsonObject feature = features.first().toObject();
    QVERIFY(!feature.contains("id"_L1)); // the id is inside properties
    const QJsonObject properties = feature.value("properties"_L1).toObject();
    QVERIFY(!properties.value("id"_L1).toString().isEmpty());
    QCOMPARE(properties.value("datetime"_L1).toString(), u"2024-04-01T10:44:00Z"_s);
    QCOMPARE(properties.value("constellation"_L1).toString(), u"PNEO"_s);
    QCOMPARE(properties.value("producer"_L1).toString(), u"airbus"_s);
    QCOMPARE(properties.value("deliveryTime"_L1).toString(), u"DAYS"_s);
    QCOMPARE(properties.value("cloudCoverage"_L1).toDouble(), 5.5);
    QCOMPARE(properties.value("resolution"_L1).toDouble(), 0.3);
    QVERIFY(properties.value("providerProperties"_L1).isObject());

    // query.cloudCoverage: cloud cover (place 0) phr 0.5 / 29.5, spot 13.5 / 42.5, pneo 26.5 / 5.5.
    QJsonObject cloudy = around;
    cloudy.insert("query"_L1, QJsonObject { { "cloudCoverage"_L1, QJsonObject { { "LTE"_L1, 20 } } } });
    features = post(u"/catalog/hosts/oneatlas/stac/search"_s, cloudy).json().value("features"_L1).toArray();
    QCOMPARE(sceneCollections(features), (QStringList { u"pneo"_s, u"spot"_s, u"phr"_s }));
    QCOMPARE(features.at(1).toObject().value("properties"_L1).toObject().value("cloudCoverage"_L1).toDouble(), 13.5);
    cloudy.insert("query"_L1, QJsonObject { { "cloudCoverage"_L1, QJsonObject { { "GTE"_L1, 40 } } } });
    features = post(u"/catalog/hosts/oneatlas/stac/search"_s, cloudy).json().value("features"_L1).toArray();
    QCOMPARE(sceneCollections(features), QStringList { u"spot"_s });
    cloudy.insert("query"_L1, QJsonObject { { "cloudCoverage"_L1, QJsonObject { { "GT"_L1, 5 }, { "LT"_L1, 27 } } } });
    QCOMPARE(post(u"/catalog/hosts/oneatlas/stac/search"_s, cloudy).json().value("features"_L1).toArray().size(), 3);
    QJsonObject dated = around;
    dated.insert("datetime"_L1, u"2024-01-01T00:00:00Z/2024-12-31T23:59:59Z"_s);
    QCOMPARE(post(u"/catalog/hosts/oneatlas/stac/search"_s, dated).json().value("features"_L1).toArray().size(), 3);
    QJsonObject byId { { "ids"_L1, QJsonArray { properties.value("id"_L1) } } };
    QCOMPARE(post(u"/catalog/hosts/oneatlas/stac/search"_s, byId).json().value("features"_L1).toArray().size(), 1);

    // Paging: the next href gets the same body again.
    QJsonObject paged = around;
    paged.insert("limit"_L1, 4);
    r = post(u"/catalog/hosts/oneatlas/stac/search"_s, paged);
    QCOMPARE(r.json().value("features"_L1).toArray().size(), 4);
    const QJsonArray links = r.json().value("links"_L1).toArray();
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().toObject().value("rel"_L1).toString(), u"next"_s);
    const QString next = links.first().toObject().value("href"_L1).toString();
    const QString fourth = r.json()
                               .value("features"_L1)
                               .toArray()
                               .at(3)
                               .toObject()
                               .value("properties"_L1)
                               .toObject()
                               .value("id"_L1)
                               .toString();
    QCOMPARE(next, m_emulator->apiUrl().toString() + u"/catalog/hosts/oneatlas/stac/search?next=next:"_s + fourth);
    Headers headers = bearer();
    headers.append(std::make_pair(QByteArray("Content-Type"), QByteArray("application/json")));
    r = send("POST", QUrl(next), headers, QJsonDocument(paged).toJson());
    QCOMPARE(r.json().value("features"_L1).toArray().size(), 2);
    QVERIFY(r.json().value("links"_L1).toArray().isEmpty());

    // Capella's SAR scenes have no cloud cover: a cloud query matches none of them.
    const QJsonObject singapore { { "bbox"_L1, QJsonArray { 103.7, 1.2, 103.9, 1.4 } } };
    QCOMPARE(post(u"/catalog/hosts/capella/stac/search"_s, singapore).json().value("features"_L1).toArray().size(), 2);
    QJsonObject sar = singapore;
    sar.insert("query"_L1, QJsonObject { { "cloudCoverage"_L1, QJsonObject { { "LTE"_L1, 100 } } } });
    QCOMPARE(post(u"/catalog/hosts/capella/stac/search"_s, sar).json().value("features"_L1).toArray().size(), 0);
}

void TestUp42Emulator::catalogSearchErrors()
{
    const auto refused = [this](const QJsonObject &body) {
        const Result r = post(u"/catalog/hosts/oneatlas/stac/search"_s, body);
        if (r.status != 422)
            return QString(u"status %1"_s.arg(r.status));
        return r.json().value("error"_L1).toObject().value("message"_L1).toString();
    };
    // Operators are upper case.
    QString message
        = refused({ { "query"_L1, QJsonObject { { "cloudCoverage"_L1, QJsonObject { { "lte"_L1, 20 } } } } } });
    QVERIFY2(message.contains(u"lte"_s), qPrintable(message));
    QVERIFY(!refused({ { "query"_L1, QJsonObject { { "cloudCoverage"_L1, QJsonObject { { "LTE"_L1, u"20"_s } } } } } })
                 .startsWith(u"status"_s));
    QVERIFY(!refused({ { "query"_L1, QJsonObject { { "resolution"_L1, QJsonObject { { "LTE"_L1, 1 } } } } } })
                 .startsWith(u"status"_s));
    QVERIFY(!refused({ { "limit"_L1, 0 } }).startsWith(u"status"_s));
    QVERIFY(!refused({ { "limit"_L1, 501 } }).startsWith(u"status"_s));
    QVERIFY(!refused({ { "bbox"_L1, HamburgBox }, { "intersects"_L1, square(9.95, 53.53) } }).startsWith(u"status"_s));
    QVERIFY(!refused({ { "collections"_L1, QJsonArray { u"capella-spotlight"_s } } }).startsWith(u"status"_s));
    QVERIFY(!refused({ { "datetime"_L1, u"last week"_s } }).startsWith(u"status"_s));
    QCOMPARE(post(u"/catalog/hosts/oneatlas/stac/search"_s, { { "limit"_L1, 500 } }).status, 200);
    QCOMPARE(post(u"/catalog/hosts/nowhere/stac/search"_s, {}).status, 404);
    QCOMPARE(get(u"/catalog/hosts/oneatlas/stac/search"_s).status, 405);
}

void TestUp42Emulator::quicklook()
{
    const QString scene = hamburgScene();
    const Result r = get(u"/catalog/oneatlas/image/%1/quicklook"_s.arg(scene));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("image/jpeg"));
    QVERIFY(r.body.startsWith("\xff\xd8\xff\xe0"));
    QVERIFY(r.body.endsWith("\xff\xd9"));
    QVERIFY(r.body.contains(scene.toLatin1())); // a comment segment names the scene
    QCOMPARE(r.body, m_emulator->quicklookBytes(scene));
    QCOMPARE(send("GET", api(u"/catalog/oneatlas/image/%1/quicklook"_s.arg(scene))).status, 401);
    QCOMPARE(get(u"/catalog/capella/image/%1/quicklook"_s.arg(scene)).status, 404); // another host's scene
    const QString sar = post(u"/catalog/hosts/capella/stac/search"_s, { { "limit"_L1, 1 } })
                            .json()
                            .value("features"_L1)
                            .toArray()
                            .first()
                            .toObject()
                            .value("properties"_L1)
                            .toObject()
                            .value("id"_L1)
                            .toString();
    QCOMPARE(get(u"/catalog/capella/image/%1/quicklook"_s.arg(sar)).status, 404); // no QUICKLOOK_AVAILABLE
}

void TestUp42Emulator::estimate()
{
    // phr-display: 100 credits per km², at least 25 km²; a Point is no valid geometry.
    const QJsonObject point { { "type"_L1, u"Point"_s }, { "coordinates"_L1, QJsonArray { 9.95, 53.53 } } };
    Result r = post(u"/v2/orders/estimate"_s, archivePayload(hamburgScene(), { square(9.95, 53.53), point }));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("summary"_L1).toObject(),
        (QJsonObject { { "totalCredits"_L1, 2500 }, { "totalSize"_L1, 25 }, { "unit"_L1, u"SQ_KM"_s } }));
    QCOMPARE(r.json().value("results"_L1).toArray(),
        (QJsonArray {
            QJsonObject { { "index"_L1, 0 }, { "credits"_L1, 2500 }, { "size"_L1, 25 }, { "unit"_L1, u"SQ_KM"_s } } }));
    QCOMPARE(r.json().value("errors"_L1).toArray(),
        (QJsonArray { QJsonObject {
            { "index"_L1, 1 }, { "message"_L1, u"Failed"_s }, { "details"_L1, u"Invalid geometry"_s } } }));
    // capella-tasking: 1500 credits per scene.
    QJsonObject tasking = taskingPayload(CapellaTasking);
    tasking.insert("featureCollection"_L1, featureCollection({ square(103.8, 1.3), square(103.9, 1.3) }));
    r = post(u"/v2/orders/estimate"_s, tasking);
    QCOMPARE(r.json().value("summary"_L1).toObject(),
        (QJsonObject { { "totalCredits"_L1, 3000 }, { "totalSize"_L1, 2 }, { "unit"_L1, u"SCENE"_s } }));
    // pneo-tasking: 300 credits per km², at least 100 km².
    r = post(u"/v2/orders/estimate"_s, taskingPayload(u"a665275b-d8fc-4ef7-935b-bd39da07171e"_s));
    QCOMPARE(r.json().value("summary"_L1).toObject().value("totalCredits"_L1).toInt(), 30000);

    QJsonObject bad = archivePayload(hamburgScene(), { square(9.95, 53.53) });
    bad.remove("dataProduct"_L1);
    QCOMPARE(post(u"/v2/orders/estimate"_s, bad).status, 400);
    bad.insert("dataProduct"_L1, u"nope"_s);
    QCOMPARE(post(u"/v2/orders/estimate"_s, bad).status, 400);
    QCOMPARE(post(u"/v2/orders/estimate"_s, archivePayload(u"not-a-scene"_s, { square(9.95, 53.53) })).status, 400);
    QVERIFY(m_emulator->placements().isEmpty()); // estimates cost nothing
    QCOMPARE(get(u"/v2/orders"_s).json().value("totalElements"_L1).toInt(), 18);
}

void TestUp42Emulator::archiveOrderClock()
{
    m_emulator->setTokenLifetime(86400); // the clock runs far here
    const QString scene = hamburgScene();
    QCOMPARE(post(u"/v2/orders"_s, archivePayload(scene, { square(9.95, 53.53) })).status, 400); // no workspaceId
    QCOMPARE(post(u"/v2/orders?workspaceId=00000000-0000-0000-0000-000000000000"_s,
                 archivePayload(scene, { square(9.95, 53.53) }))
                 .status,
        403);
    // The second feature lies far from the scene: refused on its own.
    Result r = post(
        u"/v2/orders?workspaceId="_s + Workspace, archivePayload(scene, { square(9.95, 53.53), square(2.35, 48.86) }));
    QCOMPARE(r.status, 200);
    const QJsonArray results = r.json().value("results"_L1).toArray();
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().toObject().value("index"_L1).toInt(), 0);
    QCOMPARE(r.json().value("errors"_L1).toArray().first().toObject().value("index"_L1).toInt(), 1);
    const QString id = results.first().toObject().value("id"_L1).toString();
    QCOMPARE(m_emulator->placements().size(), 1);
    QCOMPARE(m_emulator->placements().first().orderId, id);
    QCOMPARE(m_emulator->placements().first().credits, 2500);
    QCOMPARE(m_emulator->placements().first().workspaceId, Workspace);

    QJsonObject order = get(u"/v2/orders/"_s + id).json();
    QCOMPARE(order.value("status"_L1).toString(), u"CREATED"_s);
    QCOMPARE(order.value("type"_L1).toString(), u"ARCHIVE"_s);
    QCOMPARE(order.value("displayName"_L1).toString(), u"My archive order"_s);
    QCOMPARE(order.value("tags"_L1).toArray(), QJsonArray { u"emulated"_s });
    QCOMPARE(order.value("orderDetails"_L1).toObject().value("imageId"_L1).toString(), scene);
    QCOMPARE(order.value("orderDetails"_L1).toObject().value("aoi"_L1).toObject(), square(9.95, 53.53));
    const QDateTime created = QDateTime::fromString(order.value("createdAt"_L1).toString(), Qt::ISODateWithMs);
    QCOMPARE(get(u"/v2/orders?size=1"_s).ids().first(), id); // the newest
    const auto status = [this, &id] { return get(u"/v2/orders/"_s + id).json().value("status"_L1).toString(); };
    const auto assets
        = [this, &id] { return get(u"/v2/assets?search="_s + id).json().value("totalElements"_L1).toInt(); };
    m_emulator->advanceClock(59);
    QCOMPARE(status(), u"CREATED"_s);
    m_emulator->advanceClock(1);
    QCOMPARE(status(), u"PLACED"_s);
    m_emulator->advanceClock(119);
    QCOMPARE(status(), u"PLACED"_s);
    m_emulator->advanceClock(1);
    QCOMPARE(status(), u"BEING_FULFILLED"_s);
    QCOMPARE(assets(), 0);
    m_emulator->advanceClock(120);
    order = get(u"/v2/orders/"_s + id).json();
    QCOMPARE(order.value("status"_L1).toString(), u"FULFILLED"_s);
    QCOMPARE(created.msecsTo(QDateTime::fromString(order.value("updatedAt"_L1).toString(), Qt::ISODateWithMs)), 300000);
    QCOMPARE(assets(), 1);
    const QJsonObject asset = get(u"/v2/assets?search="_s + id).content().first().toObject();
    QVERIFY(asset.value("name"_L1).toString().endsWith(u".zip"_s));
    QCOMPARE(asset.value("source"_L1).toString(), u"ARCHIVE"_s);
    QCOMPARE(asset.value("tags"_L1).toArray(), QJsonArray { u"emulated"_s });
    QCOMPARE(searchAll({ { "filter"_L1,
                           QJsonObject { { "op"_L1, u"="_s },
                               { "args"_L1, QJsonArray { QJsonObject { { "property"_L1, u"order_id"_s } }, id } } } } })
                 .size(),
        1);
    const QString url = downloadUrl(asset.value("id"_L1).toString());
    QCOMPARE(send("GET", QUrl(url)).body.size(), asset.value("size"_L1).toInteger());

    // A CREATED order can be canceled; the clock leaves it alone then.
    r = post(u"/v2/orders?workspaceId="_s + SecondWorkspace, archivePayload(scene, { square(9.95, 53.53) }));
    const QString second = r.json().value("results"_L1).toArray().first().toObject().value("id"_L1).toString();
    QCOMPARE(post(u"/v2/orders/%1/cancellation"_s.arg(second), {}).status, 200);
    m_emulator->advanceClock(600);
    QCOMPARE(get(u"/v2/orders/"_s + second).json().value("status"_L1).toString(), u"CANCELED"_s);
    QCOMPARE(get(u"/v2/orders/"_s + second).json().value("workspaceId"_L1).toString(), SecondWorkspace);
}

void TestUp42Emulator::quotationAccept()
{
    m_emulator->setTokenLifetime(86400);
    QCOMPARE(get(u"/v2/tasking/quotation"_s).json().value("totalElements"_L1).toInt(), 7);
    QCOMPARE(
        get(u"/v2/tasking/quotation?decision=NOT_DECIDED"_s).ids(), (QStringList { TokyoQuotation, SuvaQuotation }));
    QCOMPARE(
        get(u"/v2/tasking/quotation?workspaceId="_s + SecondWorkspace).json().value("totalElements"_L1).toInt(), 3);
    QCOMPARE(get(u"/v2/tasking/quotation?sort=creditsPrice,desc"_s).ids().first(),
        u"955a8e31-9e19-4b17-b393-04067d90da5b"_s);
    QCOMPARE(get(u"/v2/tasking/quotation?decision=MAYBE"_s).status, 400);
    const QJsonObject quotation = get(u"/v2/tasking/quotation?orderId="_s + TokyoOrder).content().first().toObject();
    QCOMPARE(quotation.value("creditsPrice"_L1).toInt(), 12500);
    QCOMPARE(quotation.value("decision"_L1).toString(), u"NOT_DECIDED"_s);
    QVERIFY(quotation.value("decisionAt"_L1).isNull());

    const QString path = u"/v2/tasking/quotation/"_s + TokyoQuotation;
    QCOMPARE(post(path, { { "decision"_L1, u"MAYBE"_s } }, "application/json", "PATCH").status, 400);
    Result r = post(path, { { "decision"_L1, u"ACCEPTED"_s } }, "application/json", "PATCH");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("decision"_L1).toString(), u"ACCEPTED"_s);
    QCOMPARE(r.json().value("decisionByType"_L1).toString(), u"USER"_s);
    QVERIFY(!r.json().value("decisionAt"_L1).toString().isEmpty());
    QCOMPARE(post(path, { { "decision"_L1, u"REJECTED"_s } }, "application/json", "PATCH").status, 409);
    QCOMPARE(post(u"/v2/tasking/quotation/"_s + SuvaQuotation, { { "decision"_L1, u"ACCEPTED"_s } }, "application/json",
                 "PATCH")
                 .status,
        409); // its order was canceled

    const auto order = [this] { return get(u"/v2/orders/"_s + TokyoOrder).json(); };
    QCOMPARE(order().value("status"_L1).toString(), u"PLACED"_s);
    QCOMPARE(order().value("orderDetails"_L1).toObject().value("subStatus"_L1).toString(), u"QUOTATION_ACCEPTED"_s);
    QCOMPARE(post(u"/v2/orders/%1/cancellation"_s.arg(TokyoOrder), {}).status, 409); // placed now
    const auto assets
        = [this] { return get(u"/v2/assets?search="_s + TokyoOrder).json().value("totalElements"_L1).toInt(); };
    m_emulator->advanceClock(119);
    QCOMPARE(order().value("status"_L1).toString(), u"PLACED"_s);
    m_emulator->advanceClock(1);
    QCOMPARE(order().value("status"_L1).toString(), u"BEING_FULFILLED"_s);
    QCOMPARE(assets(), 1); // the first acquisition, a single GeoTIFF
    QVERIFY(get(u"/v2/assets?search="_s + TokyoOrder)
                .content()
                .first()
                .toObject()
                .value("name"_L1)
                .toString()
                .endsWith(u"_PMS.tif"_s));
    m_emulator->advanceClock(120);
    QCOMPARE(order().value("status"_L1).toString(), u"FULFILLED"_s);
    QCOMPARE(assets(), 2);
    QCOMPARE(m_emulator->assetIds(TokyoOrder).size(), 2);
}

void TestUp42Emulator::quotationReject()
{
    Result r = post(u"/v2/orders?workspaceId="_s + Workspace, taskingPayload(CapellaTasking));
    QCOMPARE(r.status, 200);
    const QString id = r.json().value("results"_L1).toArray().first().toObject().value("id"_L1).toString();
    QCOMPARE(m_emulator->placements().first().credits, 1500);
    QJsonObject order = get(u"/v2/orders/"_s + id).json();
    QCOMPARE(order.value("type"_L1).toString(), u"TASKING"_s);
    QCOMPARE(order.value("status"_L1).toString(), u"CREATED"_s);
    QCOMPARE(order.value("orderDetails"_L1).toObject().value("subStatus"_L1).toString(), u"QUOTATION_WAITING_UPLOAD"_s);
    QCOMPARE(
        order.value("orderDetails"_L1).toObject().value("acquisitionStart"_L1).toString(), u"2025-01-01T00:00:00Z"_s);
    QCOMPARE(get(u"/v2/tasking/quotation?orderId="_s + id).json().value("totalElements"_L1).toInt(), 0);
    m_emulator->advanceClock(60);
    order = get(u"/v2/orders/"_s + id).json();
    QCOMPARE(
        order.value("orderDetails"_L1).toObject().value("subStatus"_L1).toString(), u"QUOTATION_WAITING_RESPONSE"_s);
    const QJsonObject quotation = get(u"/v2/tasking/quotation?orderId="_s + id).content().first().toObject();
    QCOMPARE(quotation.value("creditsPrice"_L1).toInt(), 1500);
    QCOMPARE(quotation.value("workspaceId"_L1).toString(), Workspace);
    r = post(u"/v2/tasking/quotation/"_s + quotation.value("id"_L1).toString(), { { "decision"_L1, u"REJECTED"_s } },
        "application/json", "PATCH");
    QCOMPARE(r.json().value("decision"_L1).toString(), u"REJECTED"_s);
    order = get(u"/v2/orders/"_s + id).json();
    QCOMPARE(order.value("status"_L1).toString(), u"FAILED_PERMANENTLY"_s);
    QCOMPARE(order.value("orderDetails"_L1).toObject().value("subStatus"_L1).toString(), u"QUOTATION_REJECTED"_s);
    m_emulator->advanceClock(240);
    m_token.clear();
    QCOMPARE(get(u"/v2/orders/"_s + id).json().value("status"_L1).toString(), u"FAILED_PERMANENTLY"_s);

    QJsonObject missing = taskingPayload(CapellaTasking);
    missing.insert("params"_L1, QJsonObject { { "acquisitionStart"_L1, u"2025-01-01T00:00:00Z"_s } });
    QCOMPARE(post(u"/v2/orders?workspaceId="_s + Workspace, missing).status, 400);
}

void TestUp42Emulator::feasibilityStudy()
{
    Result r = get(u"/v2/tasking/feasibility-studies?orderId="_s + CapeTownOrder);
    QCOMPARE(r.ids(), QStringList { CapeTownStudy });
    const QJsonObject study = r.content().first().toObject();
    QCOMPARE(study.value("decision"_L1).toString(), u"NOT_DECIDED"_s);
    QVERIFY(study.value("decisionOption"_L1).isNull());
    const QJsonArray options = study.value("options"_L1).toArray();
    QCOMPARE(options.size(), 2);
    QCOMPARE(options.at(1).toObject().value("description"_L1).toString(),
        u"Option 2: Increase the maximum cloud cover to 30%"_s);
    QCOMPARE(options.at(1).toObject().value("studyId"_L1).toString(), CapeTownStudy);
    QCOMPARE(get(u"/v2/tasking/feasibility-studies?decision=ACCEPTED"_s).json().value("totalElements"_L1).toInt(), 1);
    QCOMPARE(get(u"/v2/tasking/feasibility-studies?decision=REJECTED"_s).status, 400);

    const QString path = u"/v2/tasking/feasibility-studies/"_s + CapeTownStudy;
    QCOMPARE(post(path, { { "acceptedOptionId"_L1, u"nope"_s } }, "application/json", "PATCH").status, 400);
    const QString option = options.at(1).toObject().value("id"_L1).toString();
    r = post(path, { { "acceptedOptionId"_L1, option } }, "application/json", "PATCH");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("decision"_L1).toString(), u"ACCEPTED"_s);
    QCOMPARE(r.json().value("decisionOption"_L1).toObject().value("id"_L1).toString(), option);
    QCOMPARE(post(path, { { "acceptedOptionId"_L1, option } }, "application/json", "PATCH").status, 409);
    const auto subStatus = [this](const QString &id) {
        return get(u"/v2/orders/"_s + id).json().value("orderDetails"_L1).toObject().value("subStatus"_L1).toString();
    };
    QCOMPARE(subStatus(CapeTownOrder), u"QUOTATION_WAITING_UPLOAD"_s);
    m_emulator->advanceClock(60);
    QCOMPARE(subStatus(CapeTownOrder), u"QUOTATION_WAITING_RESPONSE"_s);
    QCOMPARE(get(u"/v2/tasking/quotation?orderId="_s + CapeTownOrder)
                 .content()
                 .first()
                 .toObject()
                 .value("creditsPrice"_L1)
                 .toInt(),
        25000);

    // A new pneo-tasking order needs a study first.
    r = post(u"/v2/orders?workspaceId="_s + Workspace, taskingPayload(u"a665275b-d8fc-4ef7-935b-bd39da07171e"_s));
    const QString id = r.json().value("results"_L1).toArray().first().toObject().value("id"_L1).toString();
    QCOMPARE(subStatus(id), u"FEASIBILITY_WAITING_UPLOAD"_s);
    QCOMPARE(get(u"/v2/tasking/feasibility-studies?orderId="_s + id).json().value("totalElements"_L1).toInt(), 0);
    m_emulator->advanceClock(60);
    QCOMPARE(subStatus(id), u"FEASIBILITY_WAITING_RESPONSE"_s);
    QCOMPARE(get(u"/v2/tasking/feasibility-studies?orderId="_s + id).json().value("totalElements"_L1).toInt(), 1);
    QCOMPARE(m_emulator->feasibilityStudyIds(id).size(), 1);
}
