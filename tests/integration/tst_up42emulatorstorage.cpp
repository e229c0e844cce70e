// Up42Emulator: storage as REST (/v2/assets), the storage STAC API and the signed-link file host.

#include <QSet>
#include <QTest>
#include <QUrlQuery>
#include <QtEndian>

#include "tests/integration/tst_up42emulator.h"

using namespace Qt::StringLiterals;
using namespace StacScope;
using namespace Up42Test;

namespace {

QJsonObject equals(const QString &property, const QString &value)
{
    return QJsonObject { { "op"_L1, u"="_s },
        { "args"_L1, QJsonArray { QJsonObject { { "property"_L1, property } }, value } } };
}

quint32 le32(const QByteArray &data, qsizetype at)
{
    return qFromLittleEndian<quint32>(data.constData() + at);
}

quint16 le16(const QByteArray &data, qsizetype at)
{
    return qFromLittleEndian<quint16>(data.constData() + at);
}

} // namespace

QString TestUp42Emulator::downloadUrl(const QString &fileId)
{
    return post(u"/v2/assets/%1/download-url"_s.arg(fileId), {}).json().value("url"_L1).toString();
}

QJsonArray TestUp42Emulator::searchAll(const QJsonObject &body, int *pages)
{
    QJsonArray all;
    QJsonObject next = body;
    int count = 0;
    while (count < 50) {
        const Result r = post(u"/v2/assets/stac/search"_s, next);
        if (r.status != 200)
            return {};
        ++count;
        for (const QJsonValue &feature : r.json().value("features"_L1).toArray())
            all.append(feature);
        QJsonObject link;
        for (const QJsonValue &value : r.json().value("links"_L1).toArray()) {
            if (value.toObject().value("rel"_L1).toString() == "next"_L1)
                link = value.toObject();
        }
        if (link.isEmpty())
            break;
        // stac-fastapi's POST next link: the whole body again, with the token.
        if (link.value("method"_L1).toString() != "POST"_L1 || link.value("body"_L1).toObject().isEmpty())
            return {};
        next = link.value("body"_L1).toObject();
    }
    if (pages != nullptr)
        *pages = count;
    return all;
}

// ---- /v2/assets -----------------------------------------------------------------------------

void TestUp42Emulator::assetsFilters()
{
    const auto total = [this](const QString &query) {
        return get(u"/v2/assets?"_s + query).json().value("totalElements"_L1).toInt();
    };
    QCOMPARE(total({}), 29);
    QCOMPARE(total(u"workspaceId="_s + SecondWorkspace), 8);
    QCOMPARE(total(u"workspaceId="_s + Workspace), 21);
    QCOMPARE(total(u"sources=USER"_s), 3);
    QCOMPARE(total(u"sources=PROCESSING"_s), 4);
    QCOMPARE(total(u"sources=ARCHIVE"_s), 5);
    QCOMPARE(total(u"sources=TASKING"_s), 17);
    QCOMPARE(total(u"sources=ARCHIVE&sources=USER"_s), 8);
    // The SDK lists an order's assets with search=<orderId>.
    QCOMPARE(total(u"search="_s + BerlinOrder), 10);
    QCOMPARE(total(u"search=DRONE_mosaic"_s), 1);
    QCOMPARE(total(u"collectionNames=phr-tasking"_s), 10);
    QCOMPARE(total(u"producerNames=capella"_s), 6);
    QCOMPARE(total(u"tags=ndvi"_s), 4);
    QCOMPARE(total(u"tags=project-7"_s), 19);
    QCOMPARE(total(u"geospatialMetadataExtractionStatus=FAILED"_s), 1);
    QCOMPARE(total(u"createdAfter=2024-04-01T00:00:00Z"_s), 3);
    QCOMPARE(total(u"createdBefore=2023-09-01T00:00:00Z"_s), 3);
    // January 2024: a Berlin delivery, Singapore, the Nairobi survey.
    QCOMPARE(total(u"createdAfter=2023-12-31T00:00:00Z&createdBefore=2024-02-01T00:00:00Z"_s), 3);
    QCOMPARE(get(u"/v2/assets?createdAfter=yesterday"_s).status, 400);
    QCOMPARE(get(u"/v2/assets?sources=SATELLITE"_s).status, 400);

    const Result page = get(u"/v2/assets?size=10&page=2"_s);
    QCOMPARE(page.json().value("totalPages"_L1).toInt(), 3);
    QCOMPARE(page.json().value("numberOfElements"_L1).toInt(), 9);
}

void TestUp42Emulator::assetsSortAndMetadata()
{
    for (const QString &field : { u"size"_s, u"name"_s, u"createdAt"_s }) {
        for (const bool descending : { false, true }) {
            const Result r = get(u"/v2/assets?size=50&sort=%1,%2"_s.arg(field, descending ? u"desc"_s : u"asc"_s));
            QCOMPARE(r.status, 200);
            const QJsonArray content = r.content();
            QCOMPARE(content.size(), 29);
            for (qsizetype i = 1; i < content.size(); ++i) {
                const QJsonValue a = content.at(i - 1).toObject().value(field);
                const QJsonValue b = content.at(i).toObject().value(field);
                // Nulls (the field survey has no name) last ascending, first descending.
                if (a.isNull() || b.isNull()) {
                    QVERIFY2(descending ? !b.isNull() || a.isNull() : !a.isNull() || b.isNull(), qPrintable(field));
                    continue;
                }
                const bool ordered = a.isDouble()
                    ? (descending ? a.toDouble() >= b.toDouble() : a.toDouble() <= b.toDouble())
                    : (descending ? a.toString() >= b.toString() : a.toString() <= b.toString());
                QVERIFY2(ordered, qPrintable(field));
            }
        }
    }
    // Titles: only Hamburg's asset has one; nulls sort last ascending, first descending.
    QCOMPARE(get(u"/v2/assets?sort=title,asc"_s).content().first().toObject().value("title"_L1).toString(),
        u"Hamburg port, March 2024"_s);
    QVERIFY(get(u"/v2/assets?sort=title,desc"_s).content().first().toObject().value("title"_L1).isNull());
    QCOMPARE(get(u"/v2/assets?sort=orderId,asc"_s).status, 400);

    Result r = get(u"/v2/assets/%1/metadata"_s.arg(HamburgAsset));
    QCOMPARE(r.status, 200);
    QJsonObject asset = r.json();
    QCOMPARE(asset.value("orderId"_L1).toString(), HamburgOrder);
    QCOMPARE(asset.value("name"_L1).toString(), u"oneatlas_"_s + HamburgAsset + u".zip"_s);
    QCOMPARE(asset.value("contentType"_L1).toString(), u"application/zip"_s);
    QCOMPARE(asset.value("source"_L1).toString(), u"ARCHIVE"_s);
    QCOMPARE(asset.value("producerName"_L1).toString(), u"airbus"_s);
    QCOMPARE(asset.value("collectionName"_L1).toString(), u"phr"_s);
    QCOMPARE(asset.value("geospatialMetadataExtractionStatus"_L1).toString(), u"SUCCESSFUL"_s);
    QCOMPARE(asset.value("createdAt"_L1).toString(), u"2024-03-04T11:40:02Z"_s);
    QVERIFY(asset.value("size"_L1).toInteger() > 100000);

    r = post(u"/v2/assets/%1/metadata"_s.arg(HamburgAsset),
        { { "title"_L1, u"Renamed"_s }, { "tags"_L1, QJsonArray { u"x"_s } } });
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("title"_L1).toString(), u"Renamed"_s);
    QCOMPARE(get(u"/v2/assets?tags=x"_s).ids(), QStringList { HamburgAsset });
    QCOMPARE(get(u"/v2/assets?search=renamed"_s).ids(), QStringList { HamburgAsset });
    QCOMPARE(post(u"/v2/assets/%1/metadata"_s.arg(HamburgAsset), { { "name"_L1, u"x.zip"_s } }).status, 400);
    QCOMPARE(get(u"/v2/assets/00000000-0000-0000-0000-000000000000/metadata"_s).status, 404);
}

// ---- the storage STAC API -------------------------------------------------------------------

void TestUp42Emulator::stacLandingAndCollections()
{
    Result r = send("GET", m_emulator->storageStacUrl(), bearer());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("id"_L1).toString(), u"up42-storage"_s);
    QCOMPARE(r.json().value("title"_L1).toString(), u"UP42 Storage"_s);
    QVERIFY(r.json().value("conformsTo"_L1).toArray().contains(u"https://api.stacspec.org/v1.0.0-rc.1/item-search"_s));
    int searchLinks = 0;
    for (const QJsonValue &link : r.json().value("links"_L1).toArray()) {
        if (link.toObject().value("rel"_L1).toString() == "search"_L1) {
            ++searchLinks;
            QCOMPARE(link.toObject().value("method"_L1).toString(), u"POST"_s);
        }
    }
    QCOMPARE(searchLinks, 1);
    QCOMPARE(send("GET", m_emulator->storageStacUrl()).status, 401); // the same Bearer token
    QCOMPARE(get(u"/v2/assets/stac/search"_s).status, 405); // POST only
    QVERIFY(get(u"/v2/assets/stac/queryables"_s).json().value("properties"_L1).toObject().contains("asset_id"_L1));

    // One collection per asset whose metadata extraction succeeded: 27 of 29; the second
    // workspace holds 7 (Nairobi, Singapore, five from Sao Paulo).
    r = get(u"/v2/assets/stac/collections?workspace_id="_s + SecondWorkspace + u"&limit=100"_s);
    QCOMPARE(r.json().value("collections"_L1).toArray().size(), 7);
    QSet<QString> seen;
    QString next = u"/v2/assets/stac/collections?workspace_id="_s + Workspace + u"&limit=5"_s;
    int pages = 0;
    while (!next.isEmpty() && pages < 10) {
        r = get(next);
        QCOMPARE(r.status, 200);
        ++pages;
        const QJsonArray collections = r.json().value("collections"_L1).toArray();
        QVERIFY(collections.size() <= 5);
        for (const QJsonValue &c : collections) {
            QVERIFY(!seen.contains(c.toObject().value("id"_L1).toString()));
            seen.insert(c.toObject().value("id"_L1).toString());
        }
        next.clear();
        for (const QJsonValue &link : r.json().value("links"_L1).toArray()) {
            const QJsonObject l = link.toObject();
            if (l.value("rel"_L1).toString() != "next"_L1)
                continue;
            QCOMPARE(l.value("method"_L1).toString(), u"GET"_s);
            const QUrl href(l.value("href"_L1).toString());
            QVERIFY(QUrlQuery(href).queryItemValue(u"token"_s, QUrl::FullyDecoded).startsWith(u"next:"_s));
            next = href.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        }
    }
    QCOMPARE(pages, 4);
    QCOMPARE(seen.size(), 20);
    QCOMPARE(get(u"/v2/assets/stac/collections?token=next:nope"_s).status, 400);

    // The collection of Hamburg's asset: the original delivery as a collection-level asset.
    const QJsonArray items = searchAll({ { "filter"_L1, equals(u"asset_id"_s, HamburgAsset) } });
    QCOMPARE(items.size(), 2);
    const QString collectionId = items.first().toObject().value("collection"_L1).toString();
    const QJsonObject collection = get(u"/v2/assets/stac/collections/"_s + collectionId).json();
    QCOMPARE(collection.value("up42-system:asset_id"_L1).toString(), HamburgAsset);
    QCOMPARE(collection.value("up42-order:id"_L1).toString(), HamburgOrder);
    const QJsonObject original
        = collection.value("assets"_L1).toObject().value(u"oneatlas_"_s + HamburgAsset + u".zip"_s).toObject();
    QCOMPARE(original.value("href"_L1).toString(), m_emulator->apiUrl().toString() + u"/v2/assets/"_s + HamburgAsset);
    QCOMPARE(original.value("title"_L1).toString(), u"Original Delivery"_s);
    QCOMPARE(original.value("roles"_L1).toArray(), (QJsonArray { u"data"_s, u"original"_s }));
    QCOMPARE(get(u"/v2/assets/stac/collections/nope"_s).status, 404);
}

void TestUp42Emulator::stacSearchFilterAndPaging()
{
    // Berlin delivered 10 assets: 5 single GeoTIFFs (one item each) and 5 ZIPs of two items.
    int pages = 0;
    const QJsonObject byOrder { { "limit"_L1, 4 }, { "filter-lang"_L1, u"cql2-json"_s },
        { "filter"_L1, equals(u"order_id"_s, BerlinOrder) } };
    QJsonArray all = searchAll(byOrder, &pages);
    QCOMPARE(all.size(), 15);
    QCOMPARE(pages, 4);
    QSet<QString> ids;
    for (const QJsonValue &item : all) {
        ids.insert(item.toObject().value("id"_L1).toString());
        QCOMPARE(item.toObject().value("properties"_L1).toObject().value("up42-order:id"_L1).toString(), BerlinOrder);
    }
    QCOMPARE(ids.size(), 15);
    // The first page: context, a next link carrying the body and token=next:<last id>.
    const Result first = post(u"/v2/assets/stac/search"_s, byOrder);
    QCOMPARE(first.json().value("context"_L1).toObject().value("matched"_L1).toInt(), 15);
    QCOMPARE(first.json().value("context"_L1).toObject().value("returned"_L1).toInt(), 4);
    const QJsonArray features = first.json().value("features"_L1).toArray();
    QJsonObject nextBody;
    for (const QJsonValue &link : first.json().value("links"_L1).toArray()) {
        if (link.toObject().value("rel"_L1).toString() == "next"_L1)
            nextBody = link.toObject().value("body"_L1).toObject();
    }
    QCOMPARE(nextBody.value("token"_L1).toString(), u"next:"_s + features.at(3).toObject().value("id"_L1).toString());
    QCOMPARE(nextBody.value("filter"_L1).toObject(), equals(u"order_id"_s, BerlinOrder));
    QCOMPARE(nextBody.value("limit"_L1).toInt(), 4);
    // The second page links back.
    const Result second = post(u"/v2/assets/stac/search"_s, nextBody);
    bool hasPrev = false;
    for (const QJsonValue &link : second.json().value("links"_L1).toArray())
        hasPrev = hasPrev || link.toObject().value("rel"_L1).toString() == "prev"_L1;
    QVERIFY(hasPrev);
    QJsonObject bogus = byOrder;
    bogus.insert("token"_L1, u"next:nope"_s);
    QCOMPARE(post(u"/v2/assets/stac/search"_s, bogus).status, 400);

    // and, workspace_id, collection_name, tags (an array: a_contains).
    const QJsonObject both { { "op"_L1, u"and"_s },
        { "args"_L1,
            QJsonArray { equals(u"order_id"_s, BerlinOrder), equals(u"collection_name"_s, u"phr-tasking"_s) } } };
    QCOMPARE(searchAll({ { "limit"_L1, 100 }, { "filter"_L1, both } }).size(), 15);
    QCOMPARE(searchAll({ { "limit"_L1, 100 }, { "filter"_L1, equals(u"workspace_id"_s, SecondWorkspace) } }).size(), 7);
    const QJsonObject drone { { "op"_L1, u"a_contains"_s },
        { "args"_L1, QJsonArray { QJsonObject { { "property"_L1, u"tags"_s } }, QJsonArray { u"drone"_s } } } };
    QCOMPARE(searchAll({ { "filter"_L1, drone } }).size(), 1);
    // Spatial: a box in Berlin; datetime: none of Berlin's items is from 2022.
    QCOMPARE(searchAll({ { "limit"_L1, 100 }, { "bbox"_L1, QJsonArray { 13.3, 52.45, 13.5, 52.6 } } }).size(), 19);
    QCOMPARE(searchAll({ { "filter"_L1, equals(u"order_id"_s, BerlinOrder) },
                           { "datetime"_L1, u"2022-01-01T00:00:00Z/2022-12-31T23:59:59Z"_s } })
                 .size(),
        0);
    QCOMPARE(
        post(u"/v2/assets/stac/search"_s, { { "filter"_L1, QJsonObject { { "op"_L1, u"nope"_s } } } }).status, 400);
}

void TestUp42Emulator::stacItemsAndPatch()
{
    const QJsonArray items = searchAll({ { "filter"_L1, equals(u"asset_id"_s, HamburgAsset) } });
    QCOMPARE(items.size(), 2);
    const QJsonObject item = items.first().toObject();
    const QJsonObject properties = item.value("properties"_L1).toObject();
    QCOMPARE(properties.value("up42-system:asset_id"_L1).toString(), HamburgAsset);
    QCOMPARE(properties.value("up42-system:workspace_id"_L1).toString(), Workspace);
    QCOMPARE(properties.value("up42-product:collection_name"_L1).toString(), u"phr"_s);
    QCOMPARE(properties.value("up42-user:title"_L1).toString(), u"Hamburg port, March 2024"_s);
    // Footprints around Hamburg (9.95 E, 53.53 N).
    const QJsonArray bbox = item.value("bbox"_L1).toArray();
    QVERIFY(bbox.at(0).toDouble() < 10.1 && bbox.at(2).toDouble() > 9.9);
    QVERIFY(bbox.at(1).toDouble() < 53.6 && bbox.at(3).toDouble() > 53.4);
    // STAC assets keyed by file name, classified by roles and title; hrefs on the API host.
    const QJsonObject assets = item.value("assets"_L1).toObject();
    QCOMPARE(assets.size(), 3);
    int data = 0;
    for (auto it = assets.begin(); it != assets.end(); ++it) {
        const QJsonObject asset = it.value().toObject();
        QVERIFY(asset.value("href"_L1).toString().startsWith(m_emulator->apiUrl().toString() + u"/v2/assets/"_s));
        if (it.key().endsWith(u"_PMS.tif"_s)) {
            ++data;
            QCOMPARE(asset.value("title"_L1).toString(), u"Data"_s);
            QCOMPARE(asset.value("roles"_L1).toArray(), QJsonArray { u"data"_s });
        } else if (it.key().endsWith(u"_thumbnail.png"_s)) {
            QCOMPARE(asset.value("roles"_L1).toArray(), QJsonArray { u"thumbnail"_s });
        } else {
            QVERIFY(it.key().endsWith(u"_stac_metadata.json"_s));
            QCOMPARE(asset.value("title"_L1).toString(), u"STAC metadata"_s);
        }
    }
    QCOMPARE(data, 1);

    const QString path = u"/v2/assets/stac/collections/%1/items/%2"_s.arg(
        item.value("collection"_L1).toString(), item.value("id"_L1).toString());
    QCOMPARE(get(path).json().value("id"_L1), item.value("id"_L1));
    Result r = post(path, { { "up42-user:title"_L1, u"New title"_s }, { "up42-user:tags"_L1, QJsonArray { u"t1"_s } } },
        "application/json", "PATCH");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("properties"_L1).toObject().value("up42-user:title"_L1).toString(), u"New title"_s);
    QCOMPARE(get(path).json().value("properties"_L1).toObject().value("up42-user:tags"_L1).toArray(),
        QJsonArray { u"t1"_s });
    QCOMPARE(post(path, { { "datetime"_L1, u"x"_s } }, "application/json", "PATCH").status, 400);
    QCOMPARE(get(path + u"x"_s).status, 404);

    // The items of one collection, with GET paging.
    r = get(u"/v2/assets/stac/collections/%1/items?limit=1"_s.arg(item.value("collection"_L1).toString()));
    QCOMPARE(r.json().value("features"_L1).toArray().size(), 1);
    QString nextHref;
    for (const QJsonValue &link : r.json().value("links"_L1).toArray()) {
        if (link.toObject().value("rel"_L1).toString() == "next"_L1)
            nextHref = link.toObject().value("href"_L1).toString();
    }
    QVERIFY(nextHref.contains(u"token=next"_s));
    r = send("GET", QUrl(nextHref), bearer());
    QCOMPARE(r.json().value("features"_L1).toArray().size(), 1);

    // Deleting the collection deletes the asset.
    QCOMPARE(send("DELETE", api(u"/v2/assets/stac/collections/"_s + item.value("collection"_L1).toString()), bearer())
                 .status,
        204);
    QCOMPARE(get(u"/v2/assets/%1/metadata"_s.arg(HamburgAsset)).status, 404);
    QCOMPARE(get(u"/v2/assets"_s).json().value("totalElements"_L1).toInt(), 28);
}

// ---- the file host --------------------------------------------------------------------------

void TestUp42Emulator::signedDownload()
{
    const QString url = downloadUrl(HamburgAsset);
    QVERIFY(url.startsWith(m_emulator->filesUrl().toString() + u"/user-storage-interstellar-prod/"_s));
    QVERIFY(url.startsWith(u"http://127.0.0.2:"_s)); // another host
    const QUrlQuery query { QUrl(url) };
    QCOMPARE(query.queryItemValue(u"response-content-disposition"_s, QUrl::FullyDecoded),
        u"attachment; filename=oneatlas_"_s + HamburgAsset + u".zip"_s);
    QCOMPARE(query.queryItemValue(u"X-Goog-Expires"_s), u"30"_s);
    const Result r = send("GET", QUrl(url));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Disposition"), "attachment; filename=oneatlas_" + HamburgAsset.toLatin1() + ".zip");
    QCOMPARE(r.header("Content-Type"), QByteArray("application/zip"));
    const qint64 size = get(u"/v2/assets/%1/metadata"_s.arg(HamburgAsset)).json().value("size"_L1).toInteger();
    QCOMPARE(r.body.size(), size);
    QCOMPARE(r.body, m_emulator->fileBytes(HamburgAsset));
    QCOMPARE(m_emulator->linksIssued(), 1);
    QCOMPARE(m_emulator->requests(Up42Emulator::Service::Files).size(), 1);
    QVERIFY(!m_emulator->requests(Up42Emulator::Service::Files).first().hasHeader("Authorization"));
}

void TestUp42Emulator::signedLinkExpiryAndRefusals()
{
    const QString url = downloadUrl(HamburgAsset);
    // Any Authorization header is refused, the link is valid or not.
    Result r = send("GET", QUrl(url), bearer());
    QCOMPARE(r.status, 400);
    QVERIFY(r.body.contains("<Code>InvalidArgument</Code>"));
    QVERIFY(!r.body.contains(token().toLatin1()));
    // 30 s by default.
    m_emulator->advanceClock(25);
    QCOMPARE(send("GET", QUrl(url)).status, 200);
    m_emulator->advanceClock(6);
    r = send("GET", QUrl(url));
    QCOMPARE(r.status, 400);
    QVERIFY(r.body.contains("<Code>ExpiredToken</Code>"));
    m_token.clear(); // 31 s: the API token is still good, but get a fresh one anyway
    m_emulator->setLinkLifetime(300);
    const QString longer = downloadUrl(HamburgAsset);
    QCOMPARE(QUrlQuery(QUrl(longer)).queryItemValue(u"X-Goog-Expires"_s), u"300"_s);
    m_emulator->advanceClock(250);
    QCOMPARE(send("GET", QUrl(longer)).status, 200);

    // Tampered, unsigned, signed for GET only, unknown object.
    QString tampered = longer;
    tampered.replace(u"X-Goog-Expires=300"_s, u"X-Goog-Expires=3000"_s);
    QCOMPARE(send("GET", QUrl(tampered)).status, 403);
    QCOMPARE(send("GET", QUrl(longer.section(u'?', 0, 0))).status, 403);
    r = send("HEAD", QUrl(longer));
    QCOMPARE(r.status, 403);
    QCOMPARE(send("GET", QUrl(m_emulator->filesUrl().toString() + u"/other-bucket/x"_s)).status, 404);
}

void TestUp42Emulator::rangesAndBrokenTransfers()
{
    const QByteArray expected = m_emulator->fileBytes(HamburgAsset);
    const QString url = downloadUrl(HamburgAsset);
    Result r = send("GET", QUrl(url), { { "Range", "bytes=100-199" } });
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, expected.mid(100, 100));
    QCOMPARE(r.header("Content-Range"), "bytes 100-199/" + QByteArray::number(expected.size()));
    r = send("GET", QUrl(url), { { "Range", "bytes=" + QByteArray::number(expected.size() - 10) + '-' } });
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, expected.right(10));
    r = send("GET", QUrl(url), { { "Range", "bytes=" + QByteArray::number(expected.size() + 10) + '-' } });
    QCOMPARE(r.status, 416);
    QVERIFY(r.body.contains("<Code>InvalidRange</Code>"));

    // A body that breaks off after 1000 bytes, twice (on a raw socket: QNetworkAccessManager may
    // resend a cut GET on its own, and Qt 6.4 does not always report the cut); then whole again.
    m_emulator->dropFilesAfter(1000, 2);
    const QUrl link(url);
    const QByteArray request = "GET " + link.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
        + " HTTP/1.1\r\nHost: " + link.authority().toLatin1() + "\r\nConnection: close\r\n\r\n";
    for (int i = 0; i < 3; ++i) {
        const QByteArray raw = rawExchange(link, request);
        const qsizetype headerEnd = raw.indexOf("\r\n\r\n");
        QVERIFY(raw.startsWith("HTTP/1.1 200"));
        QVERIFY(raw.contains(QByteArray("\r\nContent-Length: " + QByteArray::number(expected.size()) + "\r\n")));
        QCOMPARE(raw.mid(headerEnd + 4), i < 2 ? expected.left(1000) : expected);
    }
    // A resume from the cut.
    m_emulator->dropFilesAfter(1000);
    r = send("GET", QUrl(url));
    QVERIFY(r.body.size() <= 1000);
    QCOMPARE(r.body, expected.left(r.body.size()));
    const QByteArray resume = "bytes=" + QByteArray::number(r.body.size()) + '-';
    r = send("GET", QUrl(url), { { "Range", resume } });
    QCOMPARE(r.status, r.body.size() == expected.size() ? 200 : 206);
    QCOMPARE(r.body, expected.mid(expected.size() - r.body.size()));
}

void TestUp42Emulator::directDownloadAndZip()
{
    // GET /v2/assets/{id} with the Bearer token streams the file too.
    Result r = get(u"/v2/assets/"_s + HamburgAsset);
    QCOMPARE(r.status, 200);
    const QByteArray zip = r.body;
    QCOMPARE(zip, m_emulator->fileBytes(HamburgAsset));
    QCOMPARE(send("GET", api(u"/v2/assets/"_s + HamburgAsset)).status, 401);

    // A real stored ZIP: the item files of both items below output/.
    QVERIFY(zip.startsWith("PK\x03\x04"));
    const qsizetype eocd = zip.size() - 22;
    QCOMPARE(le32(zip, eocd), quint32(0x06054b50));
    QCOMPARE(le16(zip, eocd + 10), quint16(6)); // 2 items x (GeoTIFF, thumbnail, metadata)
    const QJsonArray items = searchAll({ { "filter"_L1, equals(u"asset_id"_s, HamburgAsset) } });
    QStringList keys;
    QHash<QString, QString> hrefs;
    for (const QJsonValue &item : items) {
        const QJsonObject assets = item.toObject().value("assets"_L1).toObject();
        for (auto it = assets.begin(); it != assets.end(); ++it) {
            keys.append(u"output/"_s + it.key());
            hrefs.insert(u"output/"_s + it.key(), it.value().toObject().value("href"_L1).toString());
        }
    }
    QStringList entries;
    qsizetype at = 0;
    QByteArray firstTiff;
    QString firstTiffName;
    while (le32(zip, at) == 0x04034b50) {
        const quint32 size = le32(zip, at + 18);
        const quint16 nameLength = le16(zip, at + 26);
        const QString name = QString::fromUtf8(zip.mid(at + 30, nameLength));
        entries.append(name);
        if (firstTiff.isEmpty() && name.endsWith(u".tif"_s)) {
            firstTiff = zip.mid(at + 30 + nameLength, size);
            firstTiffName = name;
        }
        at += 30 + nameLength + size;
    }
    keys.sort();
    entries.sort();
    QCOMPARE(entries, keys);
    // The GeoTIFF in the ZIP is the item's data asset, byte for byte (little-endian TIFF).
    QVERIFY(firstTiff.startsWith("II*"));
    const QString href = hrefs.value(firstTiffName);
    const Result tiff = send("GET", QUrl(downloadUrl(href.section(u'/', -1))));
    QCOMPARE(tiff.status, 200);
    QCOMPARE(tiff.body, firstTiff);
    QVERIFY(tiff.header("Content-Disposition").endsWith(firstTiffName.mid(7).toLatin1()));
    QCOMPARE(send("GET", QUrl(href), bearer()).body, firstTiff);
}
