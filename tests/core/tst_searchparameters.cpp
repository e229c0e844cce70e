#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

#include "src/stac/cql2.h"
#include "src/stac/searchparameters.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject object(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject()) {
        qFatal("bad JSON in test data: %s", json.constData());
    }
    return doc.object();
}

Geometry geometry(const QByteArray &json)
{
    const auto g = Geometry::fromGeoJson(object(json));
    if (!g) {
        qFatal("bad geometry in test data: %s", json.constData());
    }
    return *g;
}

// The URL a GET search would request.
QUrl searchUrl(const SearchParameters &p, QString *error = nullptr)
{
    QUrl url(u"https://stac.example.org/v1/search"_s);
    url.setQuery(p.toGetQuery(error));
    return url;
}

// A query item as the server sees it after percent-decoding.
QString serverValue(const QUrl &url, const QString &key)
{
    return QUrlQuery(url).queryItemValue(key, QUrl::FullyDecoded);
}

const QByteArray kCloudFilter = R"({"op": "<", "args": [{"property": "eo:cloud_cover"}, 10]})";

} // namespace

class TestSearchParameters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void qualifiedField_data();
    void qualifiedField();
    void parseSortList_data();
    void parseSortList();
    void validate_data();
    void validate();
    void postBodyEmpty();
    void postBodyFull();
    void postBodyIntersectsSplit();
    void postBodyExplicitMembersWin();
    void getQueryBbox_data();
    void getQueryBbox();
    void getQuerySortby();
    void getQueryPlusIsEncoded();
    void getQueryReservedCharacters();
    void getQueryFilterAsText();
    void getQueryFilterWithoutTextForm();
    void getQueryIntersects();
    void getQueryOrderAndDefaults();
};

void TestSearchParameters::qualifiedField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("qualified");

    QTest::newRow("datetime") << u"datetime"_s << u"properties.datetime"_s;
    QTest::newRow("extension property") << u"eo:cloud_cover"_s << u"properties.eo:cloud_cover"_s;
    QTest::newRow("already qualified") << u"properties.gsd"_s << u"properties.gsd"_s;
    QTest::newRow("id") << u"id"_s << u"id"_s;
    QTest::newRow("collection") << u"collection"_s << u"collection"_s;
    QTest::newRow("geometry") << u"geometry"_s << u"geometry"_s;
    QTest::newRow("bbox") << u"bbox"_s << u"bbox"_s;
    QTest::newRow("id-like property") << u"ids"_s << u"properties.ids"_s;
}

void TestSearchParameters::qualifiedField()
{
    QFETCH(QString, field);
    QFETCH(QString, qualified);
    QCOMPARE((SortField { field, false }.qualifiedField()), qualified);
}

void TestSearchParameters::parseSortList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<SortField>>("fields");

    QTest::newRow("signs") << u"-datetime,+id"_s << QList<SortField> { { u"datetime"_s, true }, { u"id"_s, false } };
    QTest::newRow("no sign is ascending") << u"eo:cloud_cover"_s << QList<SortField> { { u"eo:cloud_cover"_s, false } };
    QTest::newRow("spaces and empty parts")
        << u" -properties.eo:cloud_cover , gsd ,, "_s
        << QList<SortField> { { u"properties.eo:cloud_cover"_s, true }, { u"gsd"_s, false } };
    QTest::newRow("space after the sign") << u"+ id"_s << QList<SortField> { { u"id"_s, false } };
    QTest::newRow("empty") << QString() << QList<SortField> {};
    QTest::newRow("signs alone") << u"-,+"_s << QList<SortField> {};
}

void TestSearchParameters::parseSortList()
{
    QFETCH(QString, text);
    QFETCH(QList<SortField>, fields);
    QCOMPARE(SortField::parseList(text), fields);
}

void TestSearchParameters::validate_data()
{
    QTest::addColumn<bool>("withBbox");
    QTest::addColumn<GeoBox>("bbox");
    QTest::addColumn<bool>("withIntersects");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QString>("error");

    const GeoBox box { 10, 40, 12, 42 };
    QTest::newRow("nothing") << false << GeoBox {} << false << 100 << QByteArray() << QString();
    QTest::newRow("bbox") << true << box << false << 100 << QByteArray() << QString();
    QTest::newRow("crossing bbox") << true << GeoBox { 170, -10, -170, 10 } << false << 100 << QByteArray()
                                   << QString();
    QTest::newRow("intersects") << false << GeoBox {} << true << 100 << QByteArray() << QString();
    QTest::newRow("bbox and intersects") << true << box << true << 100 << QByteArray()
                                         << u"use either a bbox or an intersects geometry, not both"_s;
    QTest::newRow("bbox out of range") << true << GeoBox { 0, 0, 190, 1 } << false << 100 << QByteArray()
                                       << u"the bbox is out of range"_s;
    QTest::newRow("south above north") << true << GeoBox { 0, 5, 1, 1 } << false << 100 << QByteArray()
                                       << u"the bbox is out of range"_s;
    QTest::newRow("limit 0") << false << GeoBox {} << false << 0 << QByteArray()
                             << u"the page size (limit) must be at least 1"_s;
    QTest::newRow("limit 1") << false << GeoBox {} << false << 1 << QByteArray() << QString();
    QTest::newRow("valid filter") << false << GeoBox {} << false << 100 << kCloudFilter << QString();
    QTest::newRow("unknown operator") << false << GeoBox {} << false << 100
                                      << QByteArray(R"({"op": "frobnicate", "args": []})") << u"filter: "_s;
}

void TestSearchParameters::validate()
{
    QFETCH(bool, withBbox);
    QFETCH(GeoBox, bbox);
    QFETCH(bool, withIntersects);
    QFETCH(int, limit);
    QFETCH(QByteArray, filter);
    QFETCH(QString, error);

    SearchParameters p;
    if (withBbox) {
        p.bbox = bbox;
    }
    if (withIntersects) {
        p.intersects = Geometry::fromBox(GeoBox { 0, 0, 1, 1 });
    }
    p.limit = limit;
    if (!filter.isEmpty()) {
        p.filter = object(filter);
    }
    const QString actual = p.validate();
    if (error.isEmpty()) {
        QVERIFY2(actual.isEmpty(), qPrintable(actual));
    } else if (error.endsWith(u": "_s)) {
        QVERIFY2(actual.startsWith(error) && actual.size() > error.size(), qPrintable(actual));
    } else {
        QCOMPARE(actual, error);
    }
}

void TestSearchParameters::postBodyEmpty()
{
    QCOMPARE(SearchParameters().toPostBody(), (QJsonObject { { u"limit"_s, 100 } }));
}

void TestSearchParameters::postBodyFull()
{
    SearchParameters p;
    p.collections = { u"sentinel-2-l2a"_s, u"landsat-c2-l2"_s };
    p.ids = { u"a"_s, u"b"_s };
    p.bbox = GeoBox { 170, -10, -170, 10 };
    p.datetime = DateRange::parse(u"2023-06-01/2023-06-30"_s);
    p.filter = object(kCloudFilter);
    p.sortBy = SortField::parseList(u"-datetime,+id"_s);
    p.limit = 50;
    p.query = object(R"({"eo:cloud_cover": {"lt": 10}})");
    p.extraBody = object(R"({"fields": {"include": ["id"]}})");
    QVERIFY(p.validate().isEmpty());

    const QJsonObject expected = object(R"({
        "collections": ["sentinel-2-l2a", "landsat-c2-l2"],
        "ids": ["a", "b"],
        "bbox": [170, -10, -170, 10],
        "datetime": "2023-06-01T00:00:00Z/2023-06-30T23:59:59.999Z",
        "filter": {"op": "<", "args": [{"property": "eo:cloud_cover"}, 10]},
        "filter-lang": "cql2-json",
        "sortby": [{"field": "properties.datetime", "direction": "desc"}, {"field": "id", "direction": "asc"}],
        "query": {"eo:cloud_cover": {"lt": 10}},
        "fields": {"include": ["id"]},
        "limit": 50})");
    QCOMPARE(p.toPostBody(), expected);
}

void TestSearchParameters::postBodyIntersectsSplit()
{
    SearchParameters p;
    // An unsplit polygon with a 340-degree edge goes out as a MultiPolygon (RFC 7946).
    p.intersects = geometry(
        R"({"type": "Polygon", "coordinates": [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]]})");
    const QJsonObject body = p.toPostBody();
    QVERIFY(!body.contains(u"bbox"_s));
    const QJsonObject sent = body.value(u"intersects"_s).toObject();
    QCOMPARE(sent.value(u"type"_s).toString(), u"MultiPolygon"_s);
    QCOMPARE(sent, Geometry::fromBox(GeoBox { 170, -10, -170, 10 }).toGeoJson());

    // A plain polygon goes as it is.
    SearchParameters plain;
    plain.intersects = Geometry::fromBox(GeoBox { 10, 40, 12, 42 });
    QCOMPARE(plain.toPostBody().value(u"intersects"_s).toObject(), plain.intersects->toGeoJson());
}

void TestSearchParameters::postBodyExplicitMembersWin()
{
    SearchParameters p;
    p.limit = 20;
    p.collections = { u"c"_s };
    p.extraBody = object(R"({"limit": 999, "collections": ["other"], "token": "t"})");
    const QJsonObject body = p.toPostBody();
    QCOMPARE(body.value(u"limit"_s).toInt(), 20);
    QCOMPARE(body.value(u"collections"_s).toArray(), (QJsonArray { u"c"_s }));
    QCOMPARE(body.value(u"token"_s).toString(), u"t"_s);
}

void TestSearchParameters::getQueryBbox_data()
{
    QTest::addColumn<GeoBox>("bbox");
    QTest::addColumn<QString>("text");

    QTest::newRow("integers") << GeoBox { 10, 40, 12, 42 } << u"10,40,12,42"_s;
    QTest::newRow("fractions") << GeoBox { -3.5, 40.25, -3.125, 40.5 } << u"-3.5,40.25,-3.125,40.5"_s;
    QTest::newRow("crossing") << GeoBox { 170, -10, -170, 10 } << u"170,-10,-170,10"_s;
    QTest::newRow("7 decimals") << GeoBox { 12.123456789, 0, 13, 1 } << u"12.1234568,0,13,1"_s;
}

void TestSearchParameters::getQueryBbox()
{
    QFETCH(GeoBox, bbox);
    QFETCH(QString, text);
    SearchParameters p;
    p.bbox = bbox;
    const QUrl url = searchUrl(p);
    QCOMPARE(serverValue(url, u"bbox"_s), text);
    QVERIFY2(url.toEncoded().contains(QByteArray("bbox=" + text.toLatin1())), url.toEncoded().constData());
}

void TestSearchParameters::getQuerySortby()
{
    SearchParameters p;
    p.sortBy = SortField::parseList(u"-datetime,+id,eo:cloud_cover"_s);
    const QUrl url = searchUrl(p);
    QCOMPARE(serverValue(url, u"sortby"_s), u"-properties.datetime,+id,+properties.eo:cloud_cover"_s);
    // '+' would read as a space on the server: it has to travel as %2B.
    QVERIFY2(url.toEncoded().contains("sortby=-properties.datetime,%2Bid,%2Bproperties.eo:cloud_cover"),
        url.toEncoded().constData());
}

void TestSearchParameters::getQueryPlusIsEncoded()
{
    SearchParameters p;
    p.filter = object(R"({"op": "=", "args": [{"property": "title"}, "a+b c"]})");
    const QUrl url = searchUrl(p);
    const QByteArray encoded = url.toEncoded();
    QVERIFY2(!encoded.contains('+'), encoded.constData());
    QVERIFY2(encoded.contains("a%2Bb%20c"), encoded.constData());
    QCOMPARE(serverValue(url, u"filter"_s), u"title = 'a+b c'"_s);
    // And the round trip through the string form of the URL keeps it.
    const QUrl reparsed = QUrl::fromEncoded(encoded);
    QCOMPARE(serverValue(reparsed, u"filter"_s), u"title = 'a+b c'"_s);
}

void TestSearchParameters::getQueryReservedCharacters()
{
    SearchParameters p;
    p.ids = { u"a&b=c"_s, u"d#e"_s, u"50%"_s, u"x+y"_s };
    const QUrl url = searchUrl(p);
    const QByteArray encoded = url.toEncoded();
    QVERIFY2(encoded.contains("ids=a%26b%3Dc,d%23e,50%25,x%2By&") || encoded.contains("ids=a%26b=c,d%23e,50%25,x%2By&"),
        encoded.constData());
    QCOMPARE(serverValue(url, u"ids"_s), u"a&b=c,d#e,50%,x+y"_s);
    QCOMPARE(QUrlQuery(url).allQueryItemValues(u"ids"_s).size(), qsizetype(1)); // '&' did not split it
    QVERIFY(url.fragment().isEmpty()); // nor '#' end it
}

void TestSearchParameters::getQueryFilterAsText()
{
    SearchParameters p;
    p.filter = object(kCloudFilter);
    QString error;
    const QUrl url = searchUrl(p, &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(serverValue(url, u"filter-lang"_s), u"cql2-text"_s);
    const QString text = serverValue(url, u"filter"_s);
    QCOMPARE(text, u"eo:cloud_cover < 10"_s);
    QCOMPARE(text, Cql2::toText(p.filter));
    // What the server reads back is the same expression.
    const Cql2::ParseResult back = Cql2::parseText(text);
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.expression, p.filter);
}

void TestSearchParameters::getQueryFilterWithoutTextForm()
{
    SearchParameters p;
    p.filter = object(R"({"op": "=", "args": [{"property": "x"}, null]})");
    QString error;
    const QUrl url = searchUrl(p, &error);
    QVERIFY(!error.isEmpty());
    QCOMPARE(serverValue(url, u"filter-lang"_s), u"cql2-json"_s);
    QCOMPARE(QJsonDocument::fromJson(serverValue(url, u"filter"_s).toUtf8()).object(), p.filter);
}

void TestSearchParameters::getQueryIntersects()
{
    SearchParameters p;
    p.intersects = geometry(
        R"({"type": "Polygon", "coordinates": [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]]})");
    const QUrl url = searchUrl(p);
    const QJsonObject sent = QJsonDocument::fromJson(serverValue(url, u"intersects"_s).toUtf8()).object();
    QCOMPARE(sent, Geometry::fromBox(GeoBox { 170, -10, -170, 10 }).toGeoJson());
    QVERIFY(!QUrlQuery(url).hasQueryItem(u"bbox"_s));
}

void TestSearchParameters::getQueryOrderAndDefaults()
{
    QCOMPARE(searchUrl(SearchParameters()).toEncoded(), QByteArray("https://stac.example.org/v1/search?limit=100"));

    SearchParameters p;
    p.collections = { u"sentinel-2-l2a"_s, u"landsat-c2-l2"_s };
    p.datetime = DateRange::parse(u"2023-06-01T00:00:00Z/.."_s);
    p.limit = 25;
    const QUrl url = searchUrl(p);
    QCOMPARE(serverValue(url, u"collections"_s), u"sentinel-2-l2a,landsat-c2-l2"_s);
    QCOMPARE(serverValue(url, u"datetime"_s), u"2023-06-01T00:00:00Z/.."_s);
    QCOMPARE(serverValue(url, u"limit"_s), u"25"_s);
    QVERIFY(!QUrlQuery(url).hasQueryItem(u"ids"_s));
    QVERIFY(!QUrlQuery(url).hasQueryItem(u"filter"_s));
    QVERIFY(!QUrlQuery(url).hasQueryItem(u"sortby"_s));
}

QTEST_GUILESS_MAIN(TestSearchParameters)
#include "tst_searchparameters.moc"
