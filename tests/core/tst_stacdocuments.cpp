#include <algorithm>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "src/stac/conformance.h"
#include "src/stac/queryables.h"
#include "src/stac/stacapiinfo.h"
#include "src/stac/stacasset.h"
#include "src/stac/staccollection.h"
#include "src/stac/staclink.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(StacScope::Queryable::Type)

namespace StacScope {
// Found by QCOMPARE through argument-dependent lookup.
char *toString(const GeoBox &b)
{
    return qstrdup(QByteArray("[" + QByteArray::number(b.west) + ", " + QByteArray::number(b.south) + ", "
        + QByteArray::number(b.east) + ", " + QByteArray::number(b.north) + "]")
                       .constData());
}
} // namespace StacScope

namespace {

QJsonObject fixture(const QString &name)
{
    QFile file(QStringLiteral(STACSCOPE_TEST_FIXTURES "/stac/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open fixture %s", qPrintable(name));
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject object(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject()) {
        qFatal("bad JSON in test data: %s", json.constData());
    }
    return doc.object();
}

qint64 utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

class TestStacDocuments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // StacCollection
    void collectionSentinel2();
    void collection09FlatExtent();
    void collectionsPage();
    void collectionExtentForms_data();
    void collectionExtentForms();
    void collectionErrors_data();
    void collectionErrors();
    void collectionDisplayName();

    // StacApiInfo and Conformance
    void landingEarthSearch();
    void landingUp42ReleaseCandidate();
    void landingRelativeLinksAndDefaults();
    void landingErrors();
    void conformanceNormalize_data();
    void conformanceNormalize();
    void conformanceMatchesByMeaning_data();
    void conformanceMatchesByMeaning();
    void conformancePrefix();

    // Queryables
    void queryablesFixture();
    void queryableTypes_data();
    void queryableTypes();
    void queryablesPrefixAndAdditional();

    // StacLink
    void linkFromJson();
    void linkRoundTrip();
    void linkResolved_data();
    void linkResolved();
    void parseLinksSkipsJunk();
    void findLinkByMethod();

    // StacAsset
    void assetsOfSentinel2();
    void assetChecksumFallback();
    void assetOddValues();
    void previewAsset_data();
    void previewAsset();
    void previewAssetOfFixtures_data();
    void previewAssetOfFixtures();
};

// --- StacCollection ---

void TestStacDocuments::collectionSentinel2()
{
    const QJsonObject json = fixture(u"collection-sentinel2.json"_s);
    QString error;
    const std::optional<StacCollection> c = StacCollection::fromJson(json, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->id, u"sentinel-2-l2a"_s);
    QCOMPARE(c->title, u"Sentinel-2 Level-2A"_s);
    QVERIFY(c->description.startsWith(u"Global Sentinel-2 data"_s));
    QCOMPARE(c->license, u"proprietary"_s);
    QCOMPARE(c->keywords.size(), qsizetype(7));
    QCOMPARE(c->keywords.last(), u"L2A"_s);
    QCOMPARE(c->spatialExtent, QList<GeoBox> { GeoBox::world() });
    QCOMPARE(c->temporalExtent.start, std::optional<qint64>(utc(2015, 6, 27, 10, 25, 31, 456)));
    QVERIFY(!c->temporalExtent.end); // open end
    QVERIFY(c->temporalExtent.contains(utc(2030, 1, 1)));
    QVERIFY(!c->temporalExtent.contains(utc(2015, 1, 1)));
    QCOMPARE(c->summaries.value(u"platform"_s).toArray().size(), qsizetype(2));
    QCOMPARE(c->links.size(), qsizetype(6));
    QCOMPARE(c->links.last().rel, u"http://www.opengis.net/def/rel/ogc/1.0/queryables"_s);
    QCOMPARE(c->json, json); // nothing lost
    QCOMPARE(c->displayName(), u"Sentinel-2 Level-2A"_s);
}

void TestStacDocuments::collection09FlatExtent()
{
    const std::optional<StacCollection> c = StacCollection::fromJson(fixture(u"collection-0.9.json"_s));
    QVERIFY(c);
    QCOMPARE(c->id, u"landsat-8-l1-c1"_s);
    QCOMPARE(c->license, u"PDDL-1.0"_s);
    QCOMPARE(c->keywords, (QStringList { u"landsat"_s, u"earth observation"_s, u"usgs"_s }));
    // "spatial": [w, s, e, n] and "temporal": [start, null] of STAC 0.9.
    QCOMPARE(c->spatialExtent, QList<GeoBox> { GeoBox::world() });
    QCOMPARE(c->temporalExtent.start, std::optional<qint64>(utc(2013, 6, 1)));
    QVERIFY(!c->temporalExtent.end);
    QVERIFY(c->summaries.contains(u"eo:cloud_cover"_s));
    QCOMPARE(c->links.size(), qsizetype(5));
}

void TestStacDocuments::collectionsPage()
{
    const QJsonArray collections = fixture(u"collections-page.json"_s).value(u"collections"_s).toArray();
    QCOMPARE(collections.size(), qsizetype(2));
    const auto first = StacCollection::fromJson(collections.at(0).toObject());
    const auto second = StacCollection::fromJson(collections.at(1).toObject());
    QVERIFY(first && second);
    QCOMPARE(first->id, u"0f8e54b9-3c2a-4d1b-a6e7-5f9c8d7b6a45"_s);
    QCOMPARE(first->spatialExtent, (QList<GeoBox> { GeoBox { 9.903971, 53.498217, 10.011806, 53.562871 } }));
    QCOMPARE(first->temporalExtent.start, std::optional<qint64>(utc(2023, 9, 18, 5, 51, 5)));
    QCOMPARE(first->temporalExtent.end, std::optional<qint64>(utc(2023, 9, 18, 5, 51, 9)));
    QCOMPARE(first->keywords, (QStringList { u"sar"_s, u"capella"_s }));
    QCOMPARE(second->displayName(), u"Pleiades Neo stereo - Lyon"_s);
    QCOMPARE(second->temporalExtent.end, std::optional<qint64>(utc(2023, 8, 29, 10, 41, 58)));
    // The provider's own members stay in the JSON.
    QCOMPARE(first->json.value(u"up42-system:asset_id"_s).toString(), u"e4a15000-890b-445c-82bb-e4364baac40b"_s);
}

void TestStacDocuments::collectionExtentForms_data()
{
    QTest::addColumn<QByteArray>("extent");
    QTest::addColumn<QList<GeoBox>>("boxes");
    QTest::addColumn<bool>("hasStart");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<bool>("hasEnd");
    QTest::addColumn<qint64>("end");

    QTest::newRow("1.0 nested") << QByteArray(
        R"({"spatial": {"bbox": [[1, 2, 3, 4]]}, "temporal": {"interval": [["2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"]]}})")
                                << QList<GeoBox> { { 1, 2, 3, 4 } } << true << utc(2020, 1, 1) << true
                                << utc(2021, 1, 1);
    QTest::newRow("flat bbox and interval inside objects")
        << QByteArray(
               R"({"spatial": {"bbox": [1, 2, 3, 4]}, "temporal": {"interval": ["2020-01-01T00:00:00Z", null]}})")
        << QList<GeoBox> { { 1, 2, 3, 4 } } << true << utc(2020, 1, 1) << false << qint64(0);
    QTest::newRow("overall plus sub-extents, one crossing 180")
        << QByteArray(R"({"spatial": {"bbox": [[170, -20, -170, 20], [170, -20, 180, 0], [-180, 0, -170, 20]]}})")
        << QList<GeoBox> { { 170, -20, -170, 20 }, { 170, -20, 180, 0 }, { -180, 0, -170, 20 } } << false << qint64(0)
        << false << qint64(0);
    QTest::newRow("3D bbox") << QByteArray(R"({"spatial": {"bbox": [[6, 45, 0, 7, 46, 4000]]}})")
                             << QList<GeoBox> { { 6, 45, 7, 46 } } << false << qint64(0) << false << qint64(0);
    QTest::newRow("invalid boxes skipped")
        << QByteArray(R"({"spatial": {"bbox": [[1, 2, 3], [0, 0, 200, 1], [5, 6, 7, 8]]}})")
        << QList<GeoBox> { { 5, 6, 7, 8 } } << false << qint64(0) << false << qint64(0);
    QTest::newRow("open start") << QByteArray(R"({"temporal": {"interval": [[null, "2021-01-01T00:00:00Z"]]}})")
                                << QList<GeoBox> {} << false << qint64(0) << true << utc(2021, 1, 1);
    QTest::newRow("bad datetime left open")
        << QByteArray(R"({"temporal": {"interval": [["soon", "2021-01-01T00:00:00Z"]]}})") << QList<GeoBox> {} << false
        << qint64(0) << true << utc(2021, 1, 1);
    QTest::newRow("no extent") << QByteArray("{}") << QList<GeoBox> {} << false << qint64(0) << false << qint64(0);
}

void TestStacDocuments::collectionExtentForms()
{
    QFETCH(QByteArray, extent);
    QFETCH(QList<GeoBox>, boxes);
    QFETCH(bool, hasStart);
    QFETCH(qint64, start);
    QFETCH(bool, hasEnd);
    QFETCH(qint64, end);

    const QJsonObject json { { u"id"_s, u"c"_s }, { u"extent"_s, object(extent) } };
    const std::optional<StacCollection> c = StacCollection::fromJson(json);
    QVERIFY(c);
    QCOMPARE(c->spatialExtent, boxes);
    QCOMPARE(c->temporalExtent.start.has_value(), hasStart);
    QCOMPARE(c->temporalExtent.end.has_value(), hasEnd);
    if (hasStart) {
        QCOMPARE(*c->temporalExtent.start, start);
    }
    if (hasEnd) {
        QCOMPARE(*c->temporalExtent.end, end);
    }
}

void TestStacDocuments::collectionErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::newRow("no id") << QByteArray(R"({"title": "x"})") << u"collection has no \"id\""_s;
    QTest::newRow("numeric id") << QByteArray(R"({"id": 5})") << u"collection \"id\" is not a string"_s;
    QTest::newRow("null id") << QByteArray(R"({"id": null})") << u"collection \"id\" is not a string"_s;
}

void TestStacDocuments::collectionErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!StacCollection::fromJson(object(json), &actual));
    QCOMPARE(actual, error);
    QVERIFY(!StacCollection::fromJson(object(json)));
    QVERIFY(!StacCollection::fromJson(object(R"({"id": ""})")));
}

void TestStacDocuments::collectionDisplayName()
{
    const auto c = StacCollection::fromJson(object(R"({"id": "only-id"})"));
    QVERIFY(c);
    QCOMPARE(c->displayName(), u"only-id"_s);
    QVERIFY(c->spatialExtent.isEmpty());
    QVERIFY(c->temporalExtent.isOpen());
    QVERIFY(c->links.isEmpty());
}

// --- StacApiInfo and Conformance ---

void TestStacDocuments::landingEarthSearch()
{
    const QUrl url(u"https://earth-search.aws.element84.com/v1"_s);
    QString error;
    const std::optional<StacApiInfo> info = StacApiInfo::fromJson(fixture(u"landing-earth-search.json"_s), url, &error);
    QVERIFY2(info, qPrintable(error));
    QCOMPARE(info->url, url);
    QCOMPARE(info->id, u"earth-search-aws"_s);
    QCOMPARE(info->title, u"Earth Search by Element 84"_s);
    QCOMPARE(info->stacVersion, u"1.0.0"_s);
    QCOMPARE(info->links.size(), qsizetype(14));
    QCOMPARE(info->conformance.uris().size(), qsizetype(19));

    QCOMPARE(info->collectionsUrl(), QUrl(u"https://earth-search.aws.element84.com/v1/collections"_s));
    QCOMPARE(info->conformanceUrl(), QUrl(u"https://earth-search.aws.element84.com/v1/conformance"_s));
    QCOMPARE(info->queryablesUrl(), QUrl(u"https://earth-search.aws.element84.com/v1/queryables"_s));
    QCOMPARE(info->searchUrl(u"GET"), QUrl(u"https://earth-search.aws.element84.com/v1/search"_s));
    QCOMPARE(info->searchUrl(u"POST"), QUrl(u"https://earth-search.aws.element84.com/v1/search"_s));
    QVERIFY(info->supportsSearch(u"GET"));
    QVERIFY(info->supportsSearch(u"POST"));
    QCOMPARE(info->preferredSearchMethod(), u"POST"_s);

    const Conformance &c = info->conformance;
    QVERIFY(c.itemSearch());
    QVERIFY(c.collections());
    QVERIFY(c.features());
    QVERIFY(c.filter()); // declared with a v1.0.0-rc.2 URI
    QVERIFY(c.cql2Json());
    QVERIFY(!c.cql2Text());
    QVERIFY(c.sort());
    QVERIFY(c.fields());
    QVERIFY(c.query());
}

void TestStacDocuments::landingUp42ReleaseCandidate()
{
    const QUrl url(u"https://api.up42.com/v2/assets/stac/"_s);
    const std::optional<StacApiInfo> info = StacApiInfo::fromJson(fixture(u"landing-up42-rc.json"_s), url, nullptr);
    QVERIFY(info);
    // Only POST search is offered.
    QVERIFY(info->searchUrl(u"GET").isEmpty());
    QVERIFY(!info->supportsSearch(u"GET"));
    QCOMPARE(info->searchUrl(u"POST"), QUrl(u"https://api.up42.com/v2/assets/stac/search"_s));
    QCOMPARE(info->preferredSearchMethod(), u"POST"_s);
    QCOMPARE(info->collectionsUrl(), QUrl(u"https://api.up42.com/v2/assets/stac/collections"_s));
    QCOMPARE(info->queryablesUrl(), QUrl(u"https://api.up42.com/v2/assets/stac/queryables"_s));

    // Every class is declared with a v1.0.0-rc.1 URI.
    const Conformance &c = info->conformance;
    QVERIFY(c.itemSearch());
    QVERIFY(c.collections());
    QVERIFY(c.features());
    QVERIFY(c.filter());
    QVERIFY(c.cql2Text()); // item-search#filter:cql-text
    QVERIFY(!c.cql2Json());
    QVERIFY(c.sort());
    QVERIFY(!c.fields());
    QVERIFY(!c.query());
}

void TestStacDocuments::landingRelativeLinksAndDefaults()
{
    const QJsonObject landing = object(R"({"links": [
        {"rel": "data", "href": "collections"},
        {"rel": "search", "href": "./search"},
        {"rel": "queryables", "href": "/other/queryables"},
        {"rel": "search", "method": "post", "href": "search-post"},
        {"rel": "conformance"}
    ]})");
    const auto info = StacApiInfo::fromJson(landing, QUrl(u"https://api.example.com/stac/"_s), nullptr);
    QVERIFY(info);
    QVERIFY(info->id.isEmpty());
    QVERIFY(info->conformance.uris().isEmpty());
    QVERIFY(!info->conformance.itemSearch());
    QCOMPARE(info->collectionsUrl(), QUrl(u"https://api.example.com/stac/collections"_s));
    // A search link without "method" is a GET link.
    QCOMPARE(info->searchUrl(u"GET"), QUrl(u"https://api.example.com/stac/search"_s));
    // "method" is matched case-insensitively.
    QCOMPARE(info->searchUrl(u"POST"), QUrl(u"https://api.example.com/stac/search-post"_s));
    QCOMPARE(info->queryablesUrl(), QUrl(u"https://api.example.com/other/queryables"_s));
    QVERIFY(info->conformanceUrl().isEmpty()); // a link without href is dropped
    QCOMPARE(info->links.size(), qsizetype(4));

    const auto getOnly = StacApiInfo::fromJson(
        object(R"({"links": [{"rel": "search", "href": "https://a.example/search"}]})"), QUrl(), nullptr);
    QVERIFY(getOnly);
    QCOMPARE(getOnly->preferredSearchMethod(), u"GET"_s);
    QVERIFY(!getOnly->supportsSearch(u"POST"));
    QCOMPARE(getOnly->searchUrl(u"GET"), QUrl(u"https://a.example/search"_s));
}

void TestStacDocuments::landingErrors()
{
    QString error;
    QVERIFY(!StacApiInfo::fromJson(object(R"({"id": "x"})"), QUrl(), &error));
    QCOMPARE(error, u"not a STAC API landing page (no \"links\" array)"_s);
    QVERIFY(!StacApiInfo::fromJson(object(R"({"links": {}})"), QUrl(), &error));
    QVERIFY(!StacApiInfo::fromJson(object(R"({"links": {}})"), QUrl(), nullptr));
}

void TestStacDocuments::conformanceNormalize_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("key");

    QTest::newRow("release") << u"https://api.stacspec.org/v1.0.0/item-search"_s << u"api.stacspec.org/item-search"_s;
    QTest::newRow("http") << u"http://api.stacspec.org/v1.0.0/core"_s << u"api.stacspec.org/core"_s;
    QTest::newRow("rc with fragment") << u"https://api.stacspec.org/v1.0.0-rc.1/item-search#filter"_s
                                      << u"api.stacspec.org/item-search#filter"_s;
    QTest::newRow("beta") << u"https://api.stacspec.org/v1.0.0-beta.4/item-search#sort"_s
                          << u"api.stacspec.org/item-search#sort"_s;
    QTest::newRow("OGC version segment") << u"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"_s
                                         << u"www.opengis.net/spec/ogcapi-features-1/conf/core"_s;
    QTest::newRow("CQL2") << u"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json"_s
                          << u"www.opengis.net/spec/cql2/conf/cql2-json"_s;
    QTest::newRow("trailing slash and spaces")
        << u"  https://api.stacspec.org/v1.0.0/collections/ "_s << u"api.stacspec.org/collections"_s;
    QTest::newRow("upper-case path") << u"https://api.stacspec.org/v1.0.0/Item-Search"_s
                                     << u"api.stacspec.org/item-search"_s;
    QTest::newRow("version at the end") << u"https://api.stacspec.org/v0.3.0"_s << u"api.stacspec.org"_s;
}

void TestStacDocuments::conformanceNormalize()
{
    QFETCH(QString, uri);
    QFETCH(QString, key);
    QCOMPARE(Conformance::normalize(uri), key);
}

void TestStacDocuments::conformanceMatchesByMeaning_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QStringList>("classes");

    QTest::newRow("item search, http") << u"http://api.stacspec.org/v1.0.0/item-search"_s
                                       << QStringList { u"itemSearch"_s };
    QTest::newRow("item search, rc") << u"https://api.stacspec.org/v1.0.0-rc.3/item-search"_s
                                     << QStringList { u"itemSearch"_s };
    QTest::newRow("collections") << u"https://api.stacspec.org/v1.0.0/collections"_s
                                 << QStringList { u"collections"_s };
    QTest::newRow("features imply collections")
        << u"https://api.stacspec.org/v1.0.0/ogcapi-features"_s << QStringList { u"collections"_s, u"features"_s };
    QTest::newRow("filter via OGC") << u"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter"_s
                                    << QStringList { u"filter"_s };
    QTest::newRow("filter via rc fragment")
        << u"https://api.stacspec.org/v1.0.0-rc.1/item-search#filter:basic-cql"_s << QStringList { u"filter"_s };
    QTest::newRow("cql2 json, rc") << u"https://api.stacspec.org/v1.0.0-rc.1/item-search#filter:cql-json"_s
                                   << QStringList { u"filter"_s, u"cql2Json"_s };
    QTest::newRow("cql2 json") << u"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json"_s
                               << QStringList { u"cql2Json"_s };
    QTest::newRow("cql2 text") << u"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text"_s
                               << QStringList { u"cql2Text"_s };
    QTest::newRow("sort, rc") << u"https://api.stacspec.org/v1.0.0-rc.1/item-search#sort"_s
                              << QStringList { u"sort"_s };
    QTest::newRow("fields") << u"https://api.stacspec.org/v1.0.0/item-search#fields"_s << QStringList { u"fields"_s };
    QTest::newRow("query") << u"https://api.stacspec.org/v1.0.0/item-search#query"_s << QStringList { u"query"_s };
    QTest::newRow("core only") << u"https://api.stacspec.org/v1.0.0/core"_s << QStringList {};
}

void TestStacDocuments::conformanceMatchesByMeaning()
{
    QFETCH(QString, uri);
    QFETCH(QStringList, classes);

    const Conformance c(QStringList { uri });
    const QMap<QString, bool> all { { u"itemSearch"_s, c.itemSearch() }, { u"collections"_s, c.collections() },
        { u"features"_s, c.features() }, { u"filter"_s, c.filter() }, { u"cql2Json"_s, c.cql2Json() },
        { u"cql2Text"_s, c.cql2Text() }, { u"sort"_s, c.sort() }, { u"fields"_s, c.fields() },
        { u"query"_s, c.query() } };
    for (auto it = all.begin(); it != all.end(); ++it) {
        QVERIFY2(it.value() == classes.contains(it.key()), qPrintable(it.key()));
    }
    QCOMPARE(c.uris(), QStringList { uri });
    QVERIFY(c.has(Conformance::normalize(uri)));
    // The same URI over http and https means the same.
    QString other = uri;
    if (other.startsWith(u"https:"_s)) {
        other.replace(0, 6, u"http:"_s);
    } else {
        other.replace(0, 5, u"https:"_s);
    }
    QCOMPARE(Conformance::normalize(other), Conformance::normalize(uri));
    const Conformance empty;
    QVERIFY(!empty.itemSearch());
    QVERIFY(!empty.has(Conformance::normalize(uri)));
}

void TestStacDocuments::conformancePrefix()
{
    const Conformance c(QStringList { u"https://api.stacspec.org/v1.0.0-rc.1/item-search#filter:cql-text"_s });
    QVERIFY(c.hasPrefix(u"api.stacspec.org/item-search#filter"_s));
    QVERIFY(!c.has(u"api.stacspec.org/item-search#filter"_s));
    QVERIFY(!c.hasPrefix(u"api.stacspec.org/collections"_s));
    QVERIFY(c.filter());
    QVERIFY(!c.itemSearch()); // a fragment is not the class itself
}

// --- Queryables ---

void TestStacDocuments::queryablesFixture()
{
    const Queryables q = Queryables::fromJson(fixture(u"queryables.json"_s));
    QCOMPARE(q.properties.size(), qsizetype(13));
    QVERIFY(q.additionalProperties);

    const Queryable *cloud = q.find(u"eo:cloud_cover"_s);
    QVERIFY(cloud);
    QCOMPARE(cloud->type, Queryable::Type::Number);
    QCOMPARE(cloud->title, u"Cloud cover"_s);
    QCOMPARE(cloud->description, u"Estimate of cloud cover as a percentage"_s);
    QCOMPARE(cloud->minimum, std::optional<double>(0));
    QCOMPARE(cloud->maximum, std::optional<double>(100));

    QCOMPARE(q.find(u"datetime"_s)->type, Queryable::Type::Timestamp);
    QCOMPARE(q.find(u"created"_s)->type, Queryable::Type::Timestamp);
    QCOMPARE(q.find(u"id"_s)->type, Queryable::Type::String);
    QCOMPARE(q.find(u"geometry"_s)->type, Queryable::Type::Geometry); // from "$ref"
    QCOMPARE(q.find(u"instruments"_s)->type, Queryable::Type::Array);

    const Queryable *platform = q.find(u"platform"_s);
    QCOMPARE(platform->type, Queryable::Type::String);
    QCOMPARE(
        platform->enumValues, (QVariantList { u"sentinel-2a"_s, u"sentinel-2b"_s, u"landsat-8"_s, u"landsat-9"_s }));

    const Queryable *orbit = q.find(u"sat:relative_orbit"_s);
    QCOMPARE(orbit->type, Queryable::Type::Integer);
    QCOMPARE(orbit->minimum, std::optional<double>(1));
    QVERIFY(!orbit->maximum);

    const Queryable *gsd = q.find(u"gsd"_s);
    QCOMPARE(gsd->type, Queryable::Type::Number);
    QVERIFY(!gsd->minimum); // exclusiveMinimum is not a minimum

    QVERIFY(!q.find(u"nope"_s));
    QVERIFY(!q.find(u"properties.eo:cloud_cover"_s));
}

void TestStacDocuments::queryableTypes_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<Queryable::Type>("type");

    QTest::newRow("string") << QByteArray(R"({"type": "string"})") << Queryable::Type::String;
    QTest::newRow("number") << QByteArray(R"({"type": "number"})") << Queryable::Type::Number;
    QTest::newRow("float (UP42)") << QByteArray(R"({"type": "float"})") << Queryable::Type::Number;
    QTest::newRow("double") << QByteArray(R"({"type": "double"})") << Queryable::Type::Number;
    QTest::newRow("integer") << QByteArray(R"({"type": "integer"})") << Queryable::Type::Integer;
    QTest::newRow("int") << QByteArray(R"({"type": "int"})") << Queryable::Type::Integer;
    QTest::newRow("boolean") << QByteArray(R"({"type": "boolean"})") << Queryable::Type::Boolean;
    QTest::newRow("array") << QByteArray(R"({"type": "array", "items": {"type": "string"}})") << Queryable::Type::Array;
    QTest::newRow("date-time format") << QByteArray(R"({"type": "string", "format": "date-time"})")
                                      << Queryable::Type::Timestamp;
    QTest::newRow("date format") << QByteArray(R"({"type": "string", "format": "date"})") << Queryable::Type::Timestamp;
    QTest::newRow("timestamp (UP42)") << QByteArray(R"({"type": "timestamp"})") << Queryable::Type::Timestamp;
    QTest::newRow("upper-case type") << QByteArray(R"({"type": "NUMBER"})") << Queryable::Type::Number;
    QTest::newRow("nullable number") << QByteArray(R"({"type": ["null", "number"]})") << Queryable::Type::Number;
    QTest::newRow("geometry type") << QByteArray(R"({"type": "geometry"})") << Queryable::Type::Geometry;
    QTest::newRow("Geometry ref") << QByteArray(R"({"$ref": "https://geojson.org/schema/Geometry.json"})")
                                  << Queryable::Type::Geometry;
    QTest::newRow("geometry format") << QByteArray(R"({"format": "geometry-polygon"})") << Queryable::Type::Geometry;
    QTest::newRow("enum without type") << QByteArray(R"({"enum": ["a", "b"]})") << Queryable::Type::String;
    QTest::newRow("nothing") << QByteArray(R"({"title": "?"})") << Queryable::Type::Unknown;
}

void TestStacDocuments::queryableTypes()
{
    QFETCH(QByteArray, schema);
    QFETCH(Queryable::Type, type);
    const QJsonObject json { { u"properties"_s, QJsonObject { { u"p"_s, object(schema) } } } };
    const Queryables q = Queryables::fromJson(json);
    QCOMPARE(q.properties.size(), qsizetype(1));
    QCOMPARE(q.properties.first().name, u"p"_s);
    QCOMPARE(q.properties.first().type, type);
}

void TestStacDocuments::queryablesPrefixAndAdditional()
{
    const Queryables q = Queryables::fromJson(object(R"({"additionalProperties": false, "properties": {
        "properties.eo:cloud_cover": {"type": "number", "maximum": 50.5},
        "properties.up42-user:tags": {"type": "array"}}})"));
    QVERIFY(!q.additionalProperties);
    QCOMPARE(q.properties.size(), qsizetype(2));
    QVERIFY(q.find(u"eo:cloud_cover"_s));
    QCOMPARE(q.find(u"eo:cloud_cover"_s)->maximum, std::optional<double>(50.5));
    QVERIFY(q.find(u"up42-user:tags"_s));

    const Queryables none = Queryables::fromJson(QJsonObject());
    QVERIFY(none.properties.isEmpty());
    QVERIFY(none.additionalProperties); // JSON Schema default
}

// --- StacLink ---

void TestStacDocuments::linkFromJson()
{
    const StacLink link = StacLink::fromJson(object(R"({"rel": "next", "href": "https://a.example/search",
        "type": "application/geo+json", "title": "Next page", "method": "post", "body": {"token": "t1", "limit": 10},
        "merge": true, "headers": {"X-Page": "2", "Accept": ["application/geo+json", "application/json"]}})"));
    QCOMPARE(link.rel, u"next"_s);
    QCOMPARE(link.href, u"https://a.example/search"_s);
    QCOMPARE(link.type, u"application/geo+json"_s);
    QCOMPARE(link.title, u"Next page"_s);
    QCOMPARE(link.method, u"POST"_s); // normalised to upper case
    QVERIFY(link.hasBody);
    QCOMPARE(link.body, (QJsonObject { { u"token"_s, u"t1"_s }, { u"limit"_s, 10 } }));
    QVERIFY(link.merge);
    QCOMPARE(link.headers.size(), qsizetype(2));
    QCOMPARE(link.headers.value(u"X-Page"_s), u"2"_s);
    QCOMPARE(link.headers.value(u"Accept"_s), u"application/geo+json, application/json"_s);

    const StacLink plain
        = StacLink::fromJson(object(R"({"rel": "self", "href": "x", "body": "nope", "merge": "yes"})"));
    QVERIFY(plain.method.isEmpty());
    QVERIFY(!plain.hasBody);
    QVERIFY(!plain.merge);
    QVERIFY(plain.headers.isEmpty());
}

void TestStacDocuments::linkRoundTrip()
{
    const QJsonObject full
        = object(R"({"rel": "next", "href": "https://a.example/search", "type": "application/geo+json",
        "title": "Next", "method": "POST", "body": {"token": "t1"}, "merge": true, "headers": {"X-Page": "2"}})");
    QCOMPARE(StacLink::fromJson(full).toJson(), full);

    const QJsonObject minimal = object(R"({"rel": "self", "href": "https://a.example/x"})");
    QCOMPARE(StacLink::fromJson(minimal).toJson(), minimal); // no empty members added

    // An empty body is still a body.
    const QJsonObject emptyBody = object(R"({"rel": "next", "href": "h", "method": "POST", "body": {}})");
    QCOMPARE(StacLink::fromJson(emptyBody).toJson(), emptyBody);
}

void TestStacDocuments::linkResolved_data()
{
    QTest::addColumn<QString>("href");
    QTest::addColumn<QUrl>("base");
    QTest::addColumn<QUrl>("expected");

    const QUrl base(u"https://stac.example.org/v1/collections/c/items/x"_s);
    QTest::newRow("absolute") << u"https://other.example/a"_s << base << QUrl(u"https://other.example/a"_s);
    QTest::newRow("sibling") << u"./thumb.png"_s << base
                             << QUrl(u"https://stac.example.org/v1/collections/c/items/thumb.png"_s);
    QTest::newRow("parent") << u"../../c2"_s << base << QUrl(u"https://stac.example.org/v1/collections/c2"_s);
    QTest::newRow("root-relative") << u"/v2/search"_s << base << QUrl(u"https://stac.example.org/v2/search"_s);
    QTest::newRow("query only") << u"?page=2"_s << base
                                << QUrl(u"https://stac.example.org/v1/collections/c/items/x?page=2"_s);
    QTest::newRow("file base") << u"item.json"_s << QUrl::fromLocalFile(u"/data/catalog/collection.json"_s)
                               << QUrl::fromLocalFile(u"/data/catalog/item.json"_s);
    QTest::newRow("no base") << u"relative/x.json"_s << QUrl() << QUrl(u"relative/x.json"_s);
}

void TestStacDocuments::linkResolved()
{
    QFETCH(QString, href);
    QFETCH(QUrl, base);
    QFETCH(QUrl, expected);
    StacLink link;
    link.href = href;
    QCOMPARE(link.resolved(base), expected);
}

void TestStacDocuments::parseLinksSkipsJunk()
{
    const StacLinks links = parseLinks(QJsonDocument::fromJson(R"([
        {"rel": "self", "href": "a"}, 5, "text", {"rel": "no-href"}, {"rel": "empty-href", "href": ""},
        {"href": "b"}, null])")
                                           .array());
    QCOMPARE(links.size(), qsizetype(2));
    QCOMPARE(links[0].href, u"a"_s);
    QCOMPARE(links[1].href, u"b"_s);
    QVERIFY(links[1].rel.isEmpty());
    QVERIFY(parseLinks(QJsonValue(u"not an array"_s)).isEmpty());
    QVERIFY(parseLinks(QJsonValue()).isEmpty());
}

void TestStacDocuments::findLinkByMethod()
{
    const StacLinks links = parseLinks(QJsonDocument::fromJson(R"([
        {"rel": "search", "href": "get-implicit"},
        {"rel": "search", "href": "post", "method": "POST"},
        {"rel": "search", "href": "get-explicit", "method": "GET"},
        {"rel": "next", "href": "next"}])")
                                           .array());
    QCOMPARE(findLink(links, u"search")->href, u"get-implicit"_s); // first with that rel
    QCOMPARE(findLink(links, u"search", u"GET")->href, u"get-implicit"_s);
    QCOMPARE(findLink(links, u"search", u"POST")->href, u"post"_s);
    QCOMPARE(findLink(links, u"next", u"GET")->href, u"next"_s);
    QVERIFY(!findLink(links, u"next", u"POST"));
    QVERIFY(!findLink(links, u"prev"));
    QVERIFY(!findLink(StacLinks(), u"search"));
}

// --- StacAsset ---

void TestStacDocuments::assetsOfSentinel2()
{
    const QJsonObject assetsJson = fixture(u"item-1.1.0-sentinel2.json"_s).value(u"assets"_s).toObject();
    const StacAssets assets = parseAssets(assetsJson);
    QCOMPARE(assets.size(), assetsJson.size());
    const auto it
        = std::find_if(assets.begin(), assets.end(), [](const StacAsset &a) { return a.key == u"thumbnail"; });
    QVERIFY(it != assets.end());
    QCOMPARE(it->href,
        u"https://sentinel-cogs.s3.us-west-2.amazonaws.com/sentinel-s2-l2a-cogs/33/U/UP/2023/6/S2B_33UUP_20230612_0_L2A/thumbnail.jpg"_s);
    QCOMPARE(it->type, u"image/jpeg"_s);
    QCOMPARE(it->title, u"Thumbnail image"_s);
    QCOMPARE(it->roles, QStringList { u"thumbnail"_s });
    QVERIFY(it->hasRole(u"thumbnail"));
    QVERIFY(!it->hasRole(u"data"));
    QCOMPARE(it->fileSize, qint64(21379));
    QCOMPARE(it->checksum, u"122005eeec2d70845694d3ba89ad9e1c34b6b4d806275c3c63b84241a40ae4591ca4"_s);
    QCOMPARE(it->extra, assetsJson.value(u"thumbnail"_s).toObject());

    const auto visual
        = std::find_if(assets.begin(), assets.end(), [](const StacAsset &a) { return a.key == u"visual"; });
    QCOMPARE(visual->fileSize, qint64(241880164));
    QVERIFY(visual->extra.contains(u"proj:transform"_s)); // extension fields kept
}

void TestStacDocuments::assetChecksumFallback()
{
    // STAC 0.9 items carry "checksum:multihash" instead of "file:checksum".
    const StacAssets assets = parseAssets(fixture(u"item-0.9.0-legacy.json"_s).value(u"assets"_s).toObject());
    QCOMPARE(assets.size(), qsizetype(3));
    for (const StacAsset &a : assets) {
        if (a.key == u"thumbnail") {
            QCOMPARE(a.checksum, u"122071a2d5e29e889e97d0e7af7eba4ea48597182956b19800a1f80453cb87f1ef7f"_s);
        } else if (a.key == u"B4") {
            QCOMPARE(a.checksum, u"122020184313f963431132dc4693367d8509a6a19a6583908baade8e8a957a7a417a"_s);
        } else {
            QCOMPARE(a.key, u"MTL"_s);
            QVERIFY(a.checksum.isEmpty());
        }
        QCOMPARE(a.fileSize, qint64(-1));
    }
    // Both present: file:checksum wins.
    const StacAsset both = StacAsset::fromJson(
        u"k"_s, object(R"({"href": "h", "file:checksum": "1220aa", "checksum:multihash": "1220bb"})"));
    QCOMPARE(both.checksum, u"1220aa"_s);
}

void TestStacDocuments::assetOddValues()
{
    const StacAsset a = StacAsset::fromJson(u"k"_s,
        object(R"({"href": "h", "roles": ["data", 5, null, "overview"], "file:size": -3, "file:checksum": 12})"));
    QCOMPARE(a.roles, (QStringList { u"data"_s, u"overview"_s }));
    QCOMPARE(a.fileSize, qint64(-1));
    QVERIFY(a.checksum.isEmpty());
    const StacAsset s = StacAsset::fromJson(u"k"_s, object(R"({"href": "h", "file:size": "100"})"));
    QCOMPARE(s.fileSize, qint64(-1));
    const StacAsset zero = StacAsset::fromJson(u"k"_s, object(R"({"href": "h", "file:size": 0})"));
    QCOMPARE(zero.fileSize, qint64(0));

    const StacAssets assets = parseAssets(object(R"({"a": {"href": "x"}, "b": 5, "c": [], "d": {"href": "y"}})"));
    QCOMPARE(assets.size(), qsizetype(2));
    QCOMPARE(assets[0].key, u"a"_s);
    QCOMPARE(assets[1].key, u"d"_s);
}

void TestStacDocuments::previewAsset_data()
{
    QTest::addColumn<QByteArray>("assets");
    QTest::addColumn<QString>("expectedKey");

    QTest::newRow("role thumbnail beats everything") << QByteArray(
        R"({"thumbnail": {"href": "1"}, "preview": {"href": "2"}, "small": {"href": "3", "roles": ["thumbnail"]},
            "ov": {"href": "4", "roles": ["overview"]}, "vis": {"href": "5", "roles": ["visual"]}})")
                                                     << u"small"_s;
    QTest::newRow("then key thumbnail") << QByteArray(
        R"({"thumbnail": {"href": "1", "roles": ["data"]}, "preview": {"href": "2"},
            "ov": {"href": "4", "roles": ["overview"]}, "vis": {"href": "5", "roles": ["visual"]}})")
                                        << u"thumbnail"_s;
    QTest::newRow("then role overview") << QByteArray(
        R"({"preview": {"href": "2"}, "ov": {"href": "4", "roles": ["overview"]}, "vis": {"href": "5", "roles": ["visual"]}})")
                                        << u"ov"_s;
    QTest::newRow("then key preview") << QByteArray(
        R"({"preview": {"href": "2"}, "vis": {"href": "5", "roles": ["visual"]}})")
                                      << u"preview"_s;
    QTest::newRow("then role visual") << QByteArray(
        R"({"data": {"href": "1", "roles": ["data"]}, "vis": {"href": "5", "roles": ["visual"]}})")
                                      << u"vis"_s;
    QTest::newRow("none") << QByteArray(R"({"data": {"href": "1", "roles": ["data"]}})") << QString();
    QTest::newRow("no assets") << QByteArray("{}") << QString();
}

void TestStacDocuments::previewAsset()
{
    QFETCH(QByteArray, assets);
    QFETCH(QString, expectedKey);
    const StacAssets parsed = parseAssets(object(assets));
    const int index = selectPreviewAsset(parsed);
    if (expectedKey.isEmpty()) {
        QCOMPARE(index, -1);
    } else {
        QVERIFY(index >= 0);
        QCOMPARE(parsed.at(index).key, expectedKey);
    }
}

void TestStacDocuments::previewAssetOfFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expectedKey");

    QTest::newRow("capella: thumbnail role over overview") << u"item-1.0.0-capella-sar.json"_s << u"thumbnail"_s;
    QTest::newRow("satellogic") << u"item-1.0.0-satellogic.json"_s << u"thumbnail"_s;
    QTest::newRow("mosaic: thumbnail over visual") << u"item-interval-null-datetime.json"_s << u"thumbnail"_s;
    QTest::newRow("up42: none") << u"item-1.0.0-up42.json"_s << QString();
    QTest::newRow("dem: none") << u"item-3d-bbox.json"_s << QString();
}

void TestStacDocuments::previewAssetOfFixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, expectedKey);
    const StacAssets assets = parseAssets(fixture(file).value(u"assets"_s).toObject());
    const int index = selectPreviewAsset(assets);
    QCOMPARE(index >= 0 ? assets.at(index).key : QString(), expectedKey);
}

QTEST_GUILESS_MAIN(TestStacDocuments)
#include "tst_stacdocuments.moc"
