// Capella's request builders and parsers against the documented JSON
// (../shared/providers/capella.md, seed 003); expected bodies are written out by hand.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

#include "src/net/networkerror.h"
#include "src/providers/capella/capellaapi.h"
#include "src/stac/cql2.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonDocument fixture(const char *name)
{
    QFile file(QStringLiteral(STACSCOPE_TEST_FIXTURES "/capella/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", name);
    }
    return QJsonDocument::fromJson(file.readAll());
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toTimeZone(QTimeZone::utc());
}

} // namespace

class TestCapellaApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queryTranslation_data();
    void queryTranslation();
    void untranslatableConjunctsStayLocal();
    void searchBodyMapsSortDatetimeAndCapsPageSize();
    void nextPageGoesToOwnSearchUrl();
    void groupValues();
    void orderBodyAndParsers();
    void activeOrderHolding();
    void assetFilters_data();
    void assetFilters();
    void downloadPlanPerProductAndFlat();
    void taskingBodyWithEveryConstraint();
    void taskingDefaults();
    void validationNamesEachField();
    void tierMinimumWindows();
    void repeatCadenceModes();
    void insarBody();
    void updateAndSearchBodies();
    void parsesTaskingRequest();
    void errorCodes();
};

void TestCapellaApi::queryTranslation_data()
{
    QTest::addColumn<QString>("cql2");
    QTest::addColumn<QString>("query");
    QTest::newRow("eq, friendly name") << u"instrument_mode = 'spotlight'"_s
                                       << u"{\"sar:instrument_mode\":{\"eq\":\"spotlight\"}}"_s;
    QTest::newRow("in") << u"product_type IN ('SLC', 'GEO')"_s
                        << u"{\"sar:product_type\":{\"in\":[\"SLC\",\"GEO\"]}}"_s;
    QTest::newRow("range by and") << u"look_angle >= 0.9 AND look_angle <= 12"_s
                                  << u"{\"view:look_angle\":{\"gte\":0.9,\"lte\":12}}"_s;
    QTest::newRow("between") << u"\"view:incidence_angle\" BETWEEN 20 AND 40"_s
                             << u"{\"view:incidence_angle\":{\"gte\":20,\"lte\":40}}"_s;
    QTest::newRow("reversed") << u"5 < squint_angle"_s << u"{\"capella:squint_angle\":{\"gt\":5}}"_s;
    QTest::newRow("lt, gt and a prefixed property")
        << u"properties.orbital_plane < 60 AND epsg > 4000"_s
        << u"{\"capella:orbital_plane\":{\"lt\":60},\"proj:epsg\":{\"gt\":4000}}"_s;
    QTest::newRow("timestamp") << u"datetime >= TIMESTAMP('2024-01-01T00:00:00Z')"_s
                               << u"{\"datetime\":{\"gte\":\"2024-01-01T00:00:00Z\"}}"_s;
    QTest::newRow("unmapped property kept")
        << u"\"capella:collect_id\" = 'c-1'"_s << u"{\"capella:collect_id\":{\"eq\":\"c-1\"}}"_s;
}

void TestCapellaApi::queryTranslation()
{
    QFETCH(QString, cql2);
    QFETCH(QString, query);
    const Cql2::ParseResult parsed = Cql2::parseText(cql2);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    SearchParameters p;
    p.filter = parsed.expression;
    const CapellaApi::CatalogQuery q = CapellaApi::searchBody(p);
    QVERIFY(q.error.isEmpty());
    QVERIFY(q.localFilter.isEmpty());
    QVERIFY(q.notes.isEmpty());
    QCOMPARE(q.body.value(u"query"_s).toObject(), QJsonDocument::fromJson(query.toUtf8()).object());
    QVERIFY(!q.body.contains(u"filter"_s));
}

void TestCapellaApi::untranslatableConjunctsStayLocal()
{
    const auto parsed = Cql2::parseText(u"product_type = 'GEO' AND (platform = 'capella-7' OR platform = 'capella-8') "
                                        "AND \"sar:instrument_mode\" LIKE 'spot%'"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    SearchParameters p;
    p.filter = parsed.expression;
    const auto q = CapellaApi::searchBody(p);
    QCOMPARE(q.body.value(u"query"_s).toObject(), json("{\"sar:product_type\":{\"eq\":\"GEO\"}}"));
    QCOMPARE(q.localFilter.value(u"op"_s).toString(), u"and"_s);
    const QJsonArray local = q.localFilter.value(u"args"_s).toArray();
    QCOMPARE(local.size(), 2);
    QCOMPARE(local[0].toObject().value(u"op"_s).toString(), u"or"_s);
    QCOMPARE(local[1].toObject().value(u"op"_s).toString(), u"like"_s);
    QCOMPARE(q.notes.size(), 1);
    QVERIFY(q.notes.first().contains(u"applied here"_s));
    QVERIFY(q.notes.first().contains(u"like on sar:instrument_mode"_s));

    // Two conditions of the same operator on one property cannot be merged: the second stays local.
    const auto twice = Cql2::parseText(u"look_angle > 5 AND look_angle > 7"_s);
    p.filter = twice.expression;
    const auto q2 = CapellaApi::searchBody(p);
    QCOMPARE(q2.body.value(u"query"_s).toObject(), json("{\"view:look_angle\":{\"gt\":5}}"));
    QCOMPARE(q2.localFilter.value(u"op"_s).toString(), u">"_s);
}

void TestCapellaApi::searchBodyMapsSortDatetimeAndCapsPageSize()
{
    SearchParameters p;
    p.collections = { u"capella-open-data"_s };
    p.bbox = GeoBox { 12.35, 41.78, 12.61, 42.0 };
    p.limit = 5000;
    p.sortBy = SortField::parseList(u"-datetime,+id,collect_id"_s);
    p.datetime = DateRange::parse(u"2024-01-01T00:00:00Z/.."_s);
    p.extraBody.insert(u"ownership"_s, u"ownedByOrganization"_s);
    const auto q = CapellaApi::searchBody(p);
    const QJsonObject expected = json("{\"bbox\":[12.35,41.78,12.61,42],\"collections\":[\"capella-open-data\"],"
                                      "\"limit\":900,\"ownership\":\"ownedByOrganization\","
                                      "\"query\":{\"datetime\":{\"gte\":\"2024-01-01T00:00:00Z\"}},"
                                      "\"sortby\":[{\"field\":\"properties.datetime\",\"direction\":\"desc\"},"
                                      "{\"field\":\"id\",\"direction\":\"asc\"},"
                                      "{\"field\":\"properties.capella:collect_id\",\"direction\":\"asc\"}]}");
    QCOMPARE(q.body, expected);
}

void TestCapellaApi::nextPageGoesToOwnSearchUrl()
{
    const QUrl api(u"http://127.0.0.1:8080/capella"_s);
    QCOMPARE(CapellaApi::nextPageUrl(api, QUrl(u"https://stac.internal.example/catalog/search?page=2"_s), 2),
        QUrl(u"http://127.0.0.1:8080/capella/catalog/search?page=2"_s));
    // A next link without a page number still gets ours.
    QCOMPARE(CapellaApi::nextPageUrl(api, QUrl(u"https://other.example/catalog/search"_s), 3),
        QUrl(u"http://127.0.0.1:8080/capella/catalog/search?page=3"_s));
}

void TestCapellaApi::groupValues()
{
    const QJsonObject item = json("{\"id\":\"CAPELLA_C08\",\"collection\":\"capella-geo\",\"properties\":{"
                                  "\"capella:collect_id\":\"c-1\",\"sar:instrument_mode\":\"spotlight\","
                                  "\"instruments\":[\"capella-radar-8\",\"x\"],\"view:look_angle\":12.5}}");
    QCOMPARE(CapellaApi::groupValue(item, u"id"_s), u"CAPELLA_C08"_s);
    QCOMPARE(CapellaApi::groupValue(item, u"collection"_s), u"capella-geo"_s);
    QCOMPARE(CapellaApi::groupValue(item, u"collect_id"_s), u"c-1"_s);
    QCOMPARE(CapellaApi::groupValue(item, u"instrument_mode"_s), u"spotlight"_s);
    QCOMPARE(CapellaApi::groupValue(item, u"instruments"_s), u"capella-radar-8,x"_s);
    QCOMPARE(CapellaApi::groupValue(item, u"properties.view:look_angle"_s), u"12.5"_s);
    QCOMPARE(CapellaApi::groupValue(item, u"platform"_s), QString());
}

void TestCapellaApi::orderBodyAndParsers()
{
    QCOMPARE(CapellaApi::orderBody(
                 { { u"capella-geo"_s, u"CAPELLA_C08_SM_GEO_HH_20220624141049_20220624141053"_s } }, u"k-1"_s),
        json("{\"items\":[{\"collectionId\":\"capella-geo\",\"granuleId\":"
             "\"CAPELLA_C08_SM_GEO_HH_20220624141049_20220624141053\"}],\"contractId\":\"k-1\"}"));
    QVERIFY(!CapellaApi::orderBody({ { u"c"_s, u"g"_s } }).contains(u"contractId"_s));

    const CapellaOrder order = CapellaApi::parseOrder(fixture("order.json").object());
    QCOMPARE(order.id, u"1"_s);
    QCOMPARE(order.status, u"completed"_s);
    QCOMPARE(order.expirationDate, utc("2020-12-21T20:22:23.849Z"));
    QCOMPARE(order.items.size(), 1);
    QCOMPARE(order.items[0].size, 100000000);
    QCOMPARE(order.items[0].type, u"stripmap"_s);
    QVERIFY(order.isActive(utc("2020-12-21T20:00:00Z")));
    QVERIFY(!order.isActive(utc("2020-12-21T20:30:00Z")));

    const CapellaOrderReview denied = CapellaApi::parseReview(fixture("review_denied.json").object());
    QVERIFY(!denied.authorized);
    QCOMPARE(denied.denialCode, u"AUTHORIZATION_INSUFFICIENT_FUNDS"_s);
    QVERIFY(denied.denialMessage.startsWith(u"This order will exceed"_s));
    const CapellaOrderReview ok = CapellaApi::parseReview(
        json("{\"authorized\":true,\"orderDetails\":{\"summary\":{\"total\":\"$1,250.00\"}}}"));
    QVERIFY(ok.authorized);
    QCOMPARE(ok.total(), u"$1,250.00"_s);

    const auto items = CapellaApi::parsePresigned(fixture("presign.json").array());
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].productType, u"GEO"_s);
    QCOMPARE(items[0].assets.size(), 4);
}

void TestCapellaApi::activeOrderHolding()
{
    auto order = [](const char *id, const char *expires, QStringList granules, const char *status = "completed") {
        CapellaOrder o;
        o.id = QString::fromLatin1(id);
        o.status = QString::fromLatin1(status);
        o.expirationDate = utc(expires);
        for (const QString &g : granules) {
            o.items.append({ g, u"capella-geo"_s, {}, -1, false, {} });
        }
        return o;
    };
    const QDateTime now = utc("2026-06-01T00:00:00Z");
    const QList<CapellaOrder> orders = { order("expired", "2026-05-01T00:00:00Z", { u"a"_s, u"b"_s }),
        order("partial", "2026-07-01T00:00:00Z", { u"a"_s }),
        order("rejected", "2026-09-01T00:00:00Z", { u"a"_s, u"b"_s }, "rejected"),
        order("early", "2026-06-10T00:00:00Z", { u"a"_s, u"b"_s, u"c"_s }),
        order("late", "2026-06-20T00:00:00Z", { u"b"_s, u"a"_s }) };
    QCOMPARE(CapellaApi::activeOrderHolding(orders, { u"a"_s, u"b"_s }, now), 4);
    QCOMPARE(CapellaApi::activeOrderHolding(orders, { u"c"_s }, now), 3);
    QCOMPARE(CapellaApi::activeOrderHolding(orders, { u"d"_s }, now), -1);
}

void TestCapellaApi::assetFilters_data()
{
    QTest::addColumn<QStringList>("include");
    QTest::addColumn<QStringList>("exclude");
    QTest::addColumn<QStringList>("wanted");
    const QStringList all = { u"HH"_s, u"thumbnail"_s, u"metadata"_s };
    QTest::newRow("everything") << QStringList() << QStringList() << all;
    QTest::newRow("only thumbnails") << QStringList { u"thumbnail"_s } << QStringList()
                                     << QStringList { u"thumbnail"_s };
    QTest::newRow("raster alias") << QStringList { u"raster"_s } << QStringList() << QStringList { u"HH"_s };
    QTest::newRow("all but raster") << QStringList() << QStringList { u"raster"_s }
                                    << QStringList { u"thumbnail"_s, u"metadata"_s };
    QTest::newRow("deny wins") << QStringList { u"raster"_s, u"thumbnail"_s } << QStringList { u"raster"_s }
                               << QStringList { u"thumbnail"_s };
}

void TestCapellaApi::assetFilters()
{
    QFETCH(QStringList, include);
    QFETCH(QStringList, exclude);
    QFETCH(QStringList, wanted);
    CapellaApi::AssetFilter f;
    f.include = include;
    f.exclude = exclude;
    QStringList got;
    for (const QString &key : { u"HH"_s, u"thumbnail"_s, u"metadata"_s, u"license"_s }) {
        if (CapellaApi::assetWanted(key, f)) {
            got.append(key);
        }
    }
    QCOMPARE(got, wanted);
}

void TestCapellaApi::downloadPlanPerProductAndFlat()
{
    const auto items = CapellaApi::parsePresigned(fixture("presign.json").array());
    const QUrl api(u"http://127.0.0.1:9/"_s);
    CapellaApi::AssetFilter f;
    const auto tasks = CapellaApi::planDownload(items, u"order-1"_s, api, u"/tmp/dl"_s, f, u"capella:acc"_s);
    const QString geo = u"CAPELLA_C02_SM_GEO_HH_20210119154519_20210119154523"_s;
    const QString slc = u"CAPELLA_C02_SM_SLC_HH_20210119154519_20210119154523"_s;
    QStringList paths;
    for (const DownloadTask &t : tasks) {
        paths.append(t.targetPath);
        QCOMPARE(t.url, QUrl(u"http://127.0.0.1:9/orders/order-1/download"_s));
        QVERIFY(t.linkFromProvider);
        QCOMPARE(CapellaApi::orderIdOfTask(t), u"order-1"_s);
        QCOMPARE(t.existingPolicy, ExistingFilePolicy::KeepExisting);
    }
    paths.sort();
    // The license is not downloadable; a name that tries to climb out of the folder
    // ("..%2F..%2Fevil.tif") keeps only its last segment.
    QCOMPARE(paths,
        QStringList(
            { u"/tmp/dl/"_s + geo + u"/"_s + geo + u".tif"_s, u"/tmp/dl/"_s + geo + u"/"_s + geo + u"_extended.json"_s,
                u"/tmp/dl/"_s + geo + u"/"_s + geo + u"_thumb.png"_s,
                u"/tmp/dl/"_s + slc + u"/"_s + slc + u"_thumb.png"_s, u"/tmp/dl/"_s + slc + u"/evil.tif"_s }));

    f.flat = true;
    f.overwrite = true;
    f.productTypes = { u"geo"_s };
    f.include = { u"raster"_s };
    const auto flat = CapellaApi::planDownload(items, u"order-1"_s, api, u"/tmp/dl"_s, f, u"capella:acc"_s);
    QCOMPARE(flat.size(), 1);
    QCOMPARE(flat[0].targetPath, u"/tmp/dl/"_s + geo + u".tif"_s);
    QCOMPARE(flat[0].assetKey, u"HH"_s);
    QCOMPARE(flat[0].itemId, geo);
    QCOMPARE(flat[0].existingPolicy, ExistingFilePolicy::Overwrite);
}

void TestCapellaApi::taskingBodyWithEveryConstraint()
{
    const auto specs = CapellaApi::parameterSpecs(CapellaRequest::Kind::Tasking);
    QList<ParameterIssue> issues;
    CapellaApi::RequestDraft d;
    d.name = u"highly customizable #127"_s;
    d.description = u"too many knobs"_s;
    d.geometry = json("{\"type\":\"Point\",\"coordinates\":[11.148216220469152,49.59672249842626]}");
    d.windowOpen = utc("2027-05-01T00:00:00Z");
    d.windowClose = utc("2027-05-08T00:00:00Z");
    d.contractId = u"contract-7"_s;
    d.values = Parameters::parse(specs,
        { { u"collection_tier"_s, u"urgent"_s }, { u"collection_type"_s, u"spotlight_ultra"_s },
            { u"local_time"_s, u"day"_s }, { u"off_nadir_min"_s, u"5"_s }, { u"off_nadir_max"_s, u"50"_s },
            { u"orbital_planes"_s, u"45,53"_s }, { u"asc_dsc"_s, u"ascending"_s }, { u"look_direction"_s, u"right"_s },
            { u"polarization"_s, u"hh"_s }, { u"archive_holdback"_s, u"30 day"_s },
            { u"custom_attribute_1"_s, u"correlation #1"_s }, { u"custom_attribute_2"_s, u"correlation #2"_s },
            { u"pre_approval"_s, u"true"_s }, { u"azimuth_angle_min"_s, u"340"_s }, { u"azimuth_angle_max"_s, u"20"_s },
            { u"squint"_s, u"enabled"_s }, { u"max_squint_angle"_s, u"25"_s }, { u"product_types"_s, u"SICD"_s } },
        &issues);
    QVERIFY(issues.isEmpty());
    const QJsonObject body = CapellaApi::requestBody(d, utc("2026-04-01T00:00:00Z"), &issues);
    QVERIFY2(issues.isEmpty(), qPrintable(issues.isEmpty() ? QString() : issues.first().key + issues.first().message));
    QCOMPARE(body, fixture("tasking_body_full.json").object());
}

void TestCapellaApi::taskingDefaults()
{
    QList<ParameterIssue> issues;
    CapellaApi::RequestDraft d;
    d.name = u"area tasking request #127"_s;
    d.geometry
        = json("{\"type\":\"Polygon\",\"coordinates\":[[[11.14,49.59],[11.14,49.55],[11.21,49.55],[11.14,49.59]]]}");
    const QJsonObject body = CapellaApi::requestBody(d, utc("2026-04-01T10:00:00.250Z"), &issues);
    QVERIFY(issues.isEmpty());
    const QJsonObject p = body.value(u"properties"_s).toObject();
    QCOMPARE(p.value(u"windowOpen"_s).toString(), u"2026-04-01T10:00:00.250Z"_s);
    QCOMPARE(p.value(u"windowClose"_s).toString(), u"2026-04-08T10:00:00.250Z"_s);
    QCOMPARE(p.value(u"collectionTier"_s).toString(), u"standard"_s);
    QCOMPARE(p.value(u"collectionType"_s).toString(), u"spotlight"_s);
    QCOMPARE(p.value(u"archiveHoldback"_s).toString(), u"none"_s);
    QCOMPARE(p.value(u"pre_approval"_s), QJsonValue(false));
    QVERIFY(p.value(u"customAttribute1"_s).isNull());
    QVERIFY(!p.contains(u"processingConfig"_s));
    // Squint defaults to disabled for an area.
    QCOMPARE(p.value(u"collectConstraints"_s).toObject(),
        json("{\"ascDsc\":\"either\",\"lookDirection\":\"either\",\"squint\":\"disabled\"}"));
    QVERIFY(!body.contains(u"contractId"_s));
}

void TestCapellaApi::validationNamesEachField()
{
    const auto specs = CapellaApi::parameterSpecs(CapellaRequest::Kind::Tasking);
    QList<ParameterIssue> issues;
    const QVariantMap values = Parameters::parse(specs,
        { { u"collection_tier"_s, u"routine"_s }, { u"off_nadir_min"_s, u"95"_s }, { u"orbital_planes"_s, u"45,60"_s },
            { u"pre_approval"_s, u"maybe"_s }, { u"colour"_s, u"red"_s } },
        &issues);
    QCOMPARE(issues.size(), 4);
    QCOMPARE(issues[0].key, u"collection_tier"_s);
    QCOMPARE(issues[0].message, u"\"routine\" is not one of urgent, priority, standard, flexible, internal"_s);
    QCOMPARE(issues[1].key, u"orbital_planes"_s);
    QCOMPARE(issues[1].message, u"\"60\" is not one of 45, 53, 97"_s);
    QCOMPARE(issues[2].key, u"pre_approval"_s);
    QCOMPARE(issues[2].message, u"\"maybe\" is not true or false"_s);
    QCOMPARE(issues[3].key, u"colour"_s);
    QVERIFY(issues[3].message.startsWith(u"unknown parameter"_s));

    issues.clear();
    CapellaApi::RequestDraft d;
    d.geometry = json("{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}");
    d.values = values;
    d.values.insert(u"off_nadir_max"_s, 30.0);
    d.windowOpen = utc("2026-05-02T00:00:00Z");
    d.windowClose = utc("2026-05-01T00:00:00Z");
    QVERIFY(CapellaApi::requestBody(d, utc("2026-04-01T00:00:00Z"), &issues).isEmpty());
    QStringList keys;
    for (const ParameterIssue &i : issues) {
        keys.append(i.key);
    }
    QCOMPARE(keys, QStringList({ u"off_nadir_min"_s, u"name"_s, u"target"_s, u"off_nadir_max"_s, u"window"_s }));
    QCOMPARE(issues[0].message, u"95 is out of range: a number from 0 to 90 °"_s);
    QCOMPARE(issues[2].message, u"must be a Point or a Polygon, not a LineString"_s);
}

void TestCapellaApi::tierMinimumWindows()
{
    const auto specs = CapellaApi::parameterSpecs(CapellaRequest::Kind::Tasking);
    auto issuesFor = [&](const QString &tier, int hours) {
        QList<ParameterIssue> issues;
        CapellaApi::RequestDraft d;
        d.name = u"w"_s;
        d.geometry = json("{\"type\":\"Point\",\"coordinates\":[1,2]}");
        d.windowOpen = utc("2027-01-01T00:00:00Z");
        d.windowClose = d.windowOpen.addSecs(qint64(hours) * 3600);
        if (!tier.isEmpty()) {
            d.values = Parameters::parse(specs, { { u"collection_tier"_s, tier } }, &issues);
        }
        CapellaApi::requestBody(d, utc("2026-12-01T00:00:00Z"), &issues);
        return issues;
    };
    QVERIFY(issuesFor(u"urgent"_s, 24).isEmpty());
    QVERIFY(issuesFor(u"priority"_s, 72).isEmpty());
    QVERIFY(issuesFor(u"standard"_s, 168).isEmpty());
    QVERIFY(issuesFor({}, 168).isEmpty()); // standard by default
    QVERIFY(issuesFor(u"flexible"_s, 1).isEmpty());
    const auto urgent = issuesFor(u"urgent"_s, 23);
    QCOMPARE(urgent.size(), 1);
    QCOMPARE(urgent[0].key, u"window"_s);
    QCOMPARE(urgent[0].message, u"the urgent tier needs a window of at least 24 hours; this one is 23.0 h long"_s);
    QCOMPARE(issuesFor(u"priority"_s, 48).size(), 1);
    const auto standard = issuesFor({}, 100);
    QCOMPARE(standard.size(), 1);
    QCOMPARE(standard[0].message, u"the standard tier needs a window of at least 7 days; this one is 100.0 h long"_s);
}

void TestCapellaApi::repeatCadenceModes()
{
    const auto specs = CapellaApi::parameterSpecs(CapellaRequest::Kind::Repeat);
    const QJsonObject point = json("{\"type\":\"Point\",\"coordinates\":[11.148216220469152,49.59672249842626]}");
    const QDateTime now = utc("2026-05-01T00:00:00Z");
    auto build = [&](const QList<std::pair<QString, QString>> &pairs, QList<ParameterIssue> *issues) {
        CapellaApi::RequestDraft d;
        d.kind = CapellaRequest::Kind::Repeat;
        d.name = u"daily repeat"_s;
        d.geometry = point;
        d.values = Parameters::parse(specs, pairs, issues);
        return CapellaApi::requestBody(d, now, issues)
            .value(u"properties"_s)
            .toObject()
            .value(u"repetitionProperties"_s)
            .toObject();
    };
    QList<ParameterIssue> issues;
    // A) until canceled, weekly from now.
    QCOMPARE(build({}, &issues), json("{\"repeatStart\":\"2026-05-01T00:00:00.000Z\",\"repetitionInterval\":7}"));
    // B) start + end + interval.
    QCOMPARE(build({ { u"repeat_start"_s, u"2026-05-02"_s }, { u"repeat_end"_s, u"2026-05-29T00:00:00Z"_s },
                       { u"repetition_interval"_s, u"daily"_s } },
                 &issues),
        json("{\"repeatStart\":\"2026-05-02T00:00:00.000Z\",\"repeatEnd\":\"2026-05-29T00:00:00.000Z\","
             "\"repetitionInterval\":1}"));
    // C) count + interval.
    QCOMPARE(build({ { u"repetition_count"_s, u"5"_s }, { u"repetition_interval"_s, u"7"_s } }, &issues),
        json("{\"repeatStart\":\"2026-05-01T00:00:00.000Z\",\"repetitionCount\":5,\"repetitionInterval\":7}"));
    QVERIFY(issues.isEmpty());
    // End and count exclude each other; an interval Capella does not offer is refused.
    build({ { u"repeat_end"_s, u"2026-06-01"_s }, { u"repetition_count"_s, u"5"_s },
              { u"repetition_interval"_s, u"3"_s } },
        &issues);
    QStringList keys;
    for (const ParameterIssue &i : issues) {
        keys.append(i.key);
    }
    QCOMPARE(keys, QStringList({ u"repetition_interval"_s, u"repeat_end"_s, u"repetition_count"_s }));
    QCOMPARE(issues[1].message, u"cannot be given together with repetition_count"_s);
}

void TestCapellaApi::insarBody()
{
    const auto specs = CapellaApi::parameterSpecs(CapellaRequest::Kind::Repeat);
    QList<ParameterIssue> issues;
    CapellaApi::RequestDraft d;
    d.kind = CapellaRequest::Kind::Repeat;
    d.name = u"stripmap_100 insar repeat request"_s;
    d.geometry = json("{\"type\":\"Point\",\"coordinates\":[11.148216220469152,49.59672249842626]}");
    d.values = Parameters::parse(specs,
        { { u"collection_tier"_s, u"insar"_s }, { u"collection_type"_s, u"stripmap_100"_s },
            { u"product_types"_s, u"SLC,GEO"_s }, { u"squint"_s, u"disabled"_s },
            { u"repeat_start"_s, u"2027-05-01"_s }, { u"repeat_end"_s, u"2027-12-01"_s },
            { u"insar_orbit"_s, u"MIO_53_2P95"_s } },
        &issues);
    const QJsonObject body = CapellaApi::requestBody(d, utc("2026-04-01T00:00:00Z"), &issues);
    QVERIFY(issues.isEmpty());
    QCOMPARE(body, fixture("repeat_body_insar.json").object());

    // The insar tier needs an orbit; an orbit outside the insar tiers is refused.
    d.values.remove(u"insar_orbit"_s);
    QVERIFY(CapellaApi::requestBody(d, utc("2026-04-01T00:00:00Z"), &issues).isEmpty());
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues[0].key, u"insar_orbit"_s);
}

void TestCapellaApi::updateAndSearchBodies()
{
    QList<ParameterIssue> issues;
    const auto specs = CapellaApi::parameterSpecs(CapellaRequest::Kind::Tasking);
    QVariantMap values = Parameters::parse(
        specs, { { u"custom_attribute_1"_s, u"campaign-2026"_s }, { u"product_types"_s, u"SLC"_s } }, &issues);
    QCOMPARE(CapellaApi::updateBody(CapellaRequest::Kind::Tasking, u"updated name"_s, {}, values, &issues),
        json("{\"properties\":{\"taskingrequestName\":\"updated name\",\"customAttribute1\":\"campaign-2026\","
             "\"processingConfig\":{\"productTypes\":[\"GEO\",\"SLC\"]}}}"));
    values.insert(u"collection_tier"_s, u"urgent"_s);
    QVERIFY(CapellaApi::updateBody(CapellaRequest::Kind::Tasking, {}, {}, values, &issues).isEmpty());
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues[0].key, u"collection_tier"_s);

    CapellaApi::RequestFilter f;
    f.status = u"completed"_s;
    f.submittedAfter = utc("2022-12-01T00:00:00Z");
    f.collectionTypes = { u"spotlight"_s, u"spotlight_ultra"_s };
    QCOMPARE(CapellaApi::requestSearchBody(CapellaRequest::Kind::Tasking, f, u"MOCK_ID"_s, u"ORG"_s),
        json("{\"query\":{\"includeRepeatingTasks\":{\"eq\":false},\"userId\":\"MOCK_ID\","
             "\"lastStatusCode\":{\"eq\":\"completed\"},\"submissionTime\":{\"gt\":\"2022-12-01T00:00:00.000Z\"},"
             "\"collectionType\":[\"spotlight\",\"spotlight_ultra\"]}}"));
    f = {};
    f.forOrganization = true;
    f.collectionTier = u"routine"_s;
    QCOMPARE(CapellaApi::requestSearchBody(CapellaRequest::Kind::Repeat, f, u"MOCK_ID"_s, u"ORG"_s),
        json("{\"filter\":{\"organizationIds\":[\"ORG\"],\"collectionTier\":{\"eq\":\"routine\"}}}"));
    QCOMPARE(CapellaApi::cancelBody(), json("{\"status\":\"canceled\"}"));
}

void TestCapellaApi::parsesTaskingRequest()
{
    const CapellaRequest r = CapellaApi::parseRequest(fixture("task_1.json").object(), CapellaRequest::Kind::Tasking);
    QCOMPARE(r.id, u"abc"_s);
    QCOMPARE(r.name, u"point tasking request #127"_s);
    QCOMPARE(r.status(), u"completed"_s); // newest first
    QCOMPARE(r.history.size(), 2);
    QCOMPARE(r.history[1].time, utc("2020-04-21T23:20:54.385Z"));
    QCOMPARE(r.collectionType, u"spotlight"_s); // from "type"
    QCOMPARE(r.costTotal, u"$20.00"_s);
    QVERIFY(r.preApproval);
    QCOMPARE(r.transactionStatus, u"in-progress"_s);
    QCOMPARE(r.productTypes, QStringList({ u"GEO"_s, u"SICD"_s }));
    QCOMPARE(r.windowClose, utc("2020-04-28T21:20:54.385Z"));
    QVERIFY(r.repeatRequestId.isEmpty());
}

void TestCapellaApi::errorCodes()
{
    const QUrl url(u"http://x/task/1/status"_s);
    NetworkError e = NetworkError::http(400, "Bad Request",
        "{\"error\":{\"message\":\"This transaction has been finalized with a status of 'customer-cancelled'. It "
        "cannot be further modified.\",\"code\":\"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION\"}}",
        url);
    QCOMPARE(e.code, u"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"_s);
    QVERIFY(e.message.startsWith(u"This transaction has been finalized"_s));
    QCOMPARE(CapellaApi::errorCode(e), e.code);
    e = NetworkError::http(400, "Bad Request",
        "{\"error\":{\"message\":\"Invalid\",\"code\":\"VALIDATION_ERROR\",\"detail\":\"offNadirMax\"}}", url);
    QCOMPARE(e.message, u"Invalid (offNadirMax)"_s);
    e = NetworkError::http(401, "Unauthorized", "{\"message\":\"Unauthorized\"}", url);
    QCOMPARE(CapellaApi::errorCode(e), u"INVALID_API_KEY"_s);
    QVERIFY(!CapellaApi::explain(e).isEmpty());
    e = NetworkError::http(400, "Bad Request", "{\"message\":\"Order expired on 2020-12-21\"}", url);
    QCOMPARE(CapellaApi::errorCode(e), u"ORDER_EXPIRED"_s);
    e = NetworkError::http(500, "Internal", "", url);
    QCOMPARE(CapellaApi::errorCode(e), u"GENERAL_API_ERROR"_s);
}

QTEST_GUILESS_MAIN(TestCapellaApi)
#include "tst_capellaapi.moc"
