// SearchParametersJson: SearchParameters kept as JSON for saved searches and the history. Every
// expected value below is written out by hand: the JSON read gives these parameters, the
// parameters written give this JSON, and what does not read is refused with the member named.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "src/stac/searchparametersjson.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject parse(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError) {
        qFatal("bad JSON in the test: %s", qPrintable(error.errorString()));
    }
    return doc.object();
}

// 2024-03-01T00:00:00Z and 2024-03-31T23:59:59.500Z in milliseconds since the epoch.
constexpr qint64 kMarch1 = 1709251200000;
constexpr qint64 kMarch31End = 1711929599500;

} // namespace

class TestSearchParametersJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryMember()
    {
        const QJsonObject json = parse(R"({
            "collections": ["sentinel-2-l2a", "landsat-c2-l2"],
            "ids": ["S2A_1", "LC09_2"],
            "bbox": [170.5, -10, -170.25, 12.75],
            "datetime": "2024-03-01T00:00:00Z/2024-03-31T23:59:59.500Z",
            "filter": {"op": "<=", "args": [{"property": "eo:cloud_cover"}, 20]},
            "sortby": [{"field": "datetime", "direction": "desc"}, {"field": "eo:cloud_cover", "direction": "asc"}],
            "limit": 250,
            "query": {"eo:cloud_cover": {"lte": 20}},
            "extra_body": {"fields": {"include": ["id"]}},
            "a_member_from_a_newer_version": true
        })");
        QString error;
        const std::optional<SearchParameters> p = SearchParametersJson::fromJson(json, &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->collections, (QStringList { u"sentinel-2-l2a"_s, u"landsat-c2-l2"_s }));
        QCOMPARE(p->ids, (QStringList { u"S2A_1"_s, u"LC09_2"_s }));
        QVERIFY(p->bbox);
        QCOMPARE(p->bbox->west, 170.5);
        QCOMPARE(p->bbox->south, -10.0);
        QCOMPARE(p->bbox->east, -170.25);
        QCOMPARE(p->bbox->north, 12.75);
        QVERIFY(!p->intersects);
        QVERIFY(p->datetime);
        QCOMPARE(p->datetime->start, std::optional<qint64>(kMarch1));
        QCOMPARE(p->datetime->end, std::optional<qint64>(kMarch31End));
        QCOMPARE(p->filter.value(u"op"_s).toString(), u"<="_s);
        QCOMPARE(p->filter.value(u"args"_s).toArray().at(1).toInt(), 20);
        QCOMPARE(p->sortBy.size(), 2);
        QCOMPARE(p->sortBy[0].field, u"datetime"_s);
        QVERIFY(p->sortBy[0].descending);
        QCOMPARE(p->sortBy[1].field, u"eo:cloud_cover"_s);
        QVERIFY(!p->sortBy[1].descending);
        QCOMPARE(p->limit, 250);
        QCOMPARE(p->query, parse(R"({"eo:cloud_cover": {"lte": 20}})"));
        QCOMPARE(p->extraBody, parse(R"({"fields": {"include": ["id"]}})"));
    }

    void writesWhatItRead()
    {
        // The same search built by hand, written, and compared with the JSON written by hand.
        SearchParameters p;
        p.collections = { u"sentinel-2-l2a"_s };
        p.bbox = GeoBox { 170.5, -10, -170.25, 12.75 };
        p.datetime = DateRange { kMarch1, std::nullopt };
        p.filter = parse(R"({"op": "=", "args": [{"property": "platform"}, "sentinel-2b"]})");
        p.sortBy = { SortField { u"datetime"_s, true } };
        p.limit = 50;
        const QJsonObject expected = parse(R"({
            "collections": ["sentinel-2-l2a"],
            "bbox": [170.5, -10, -170.25, 12.75],
            "datetime": "2024-03-01T00:00:00Z/..",
            "filter": {"op": "=", "args": [{"property": "platform"}, "sentinel-2b"]},
            "sortby": [{"field": "datetime", "direction": "desc"}],
            "limit": 50
        })");
        QCOMPARE(SearchParametersJson::toJson(p), expected);
        // And back: the same parameters.
        const std::optional<SearchParameters> back = SearchParametersJson::fromJson(expected);
        QVERIFY(back);
        QCOMPARE(back->collections, p.collections);
        QCOMPARE(back->bbox, p.bbox);
        QCOMPARE(back->datetime, p.datetime);
        QCOMPARE(back->filter, p.filter);
        QCOMPARE(back->sortBy, p.sortBy);
        QCOMPARE(back->limit, 50);
        QVERIFY(back->ids.isEmpty());
        QVERIFY(back->query.isEmpty());
    }

    void intersectsKeptAsDrawnAcrossTheAntimeridian()
    {
        // The POST body splits this polygon at 180°; the saved form keeps the ring as drawn.
        const QJsonObject json = parse(R"({
            "intersects": {"type": "Polygon", "coordinates": [[[175, -5], [-175, -5], [-175, 5], [175, 5], [175, -5]]]},
            "limit": 100
        })");
        const std::optional<SearchParameters> p = SearchParametersJson::fromJson(json);
        QVERIFY(p);
        QVERIFY(p->intersects);
        QCOMPARE(p->intersects->type(), GeometryType::Polygon);
        QCOMPARE(p->intersects->pointCount(), 5);
        QCOMPARE(p->intersects->coordinates()[2], -175.0);
        QCOMPARE(SearchParametersJson::toJson(*p), json);
    }

    void emptyObjectIsTheDefaultSearch()
    {
        const std::optional<SearchParameters> p = SearchParametersJson::fromJson(QJsonObject {});
        QVERIFY(p);
        QVERIFY(p->collections.isEmpty());
        QVERIFY(!p->bbox && !p->intersects && !p->datetime);
        QVERIFY(p->filter.isEmpty());
        QCOMPARE(p->limit, 100);
        QCOMPARE(SearchParametersJson::toJson(SearchParameters {}), parse(R"({"limit": 100})"));
    }

    void refusesWhatDoesNotRead_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("errorStart");
        QTest::newRow("collections not a list") << QByteArray(R"({"collections": "a"})") << u"collections"_s;
        QTest::newRow("ids with a number") << QByteArray(R"({"ids": ["a", 3]})") << u"ids"_s;
        QTest::newRow("bbox of 3") << QByteArray(R"({"bbox": [1, 2, 3]})") << u"bbox"_s;
        QTest::newRow("bbox out of range") << QByteArray(R"({"bbox": [0, -95, 10, 10]})") << u"bbox"_s;
        QTest::newRow("bbox not a list") << QByteArray(R"({"bbox": "1,2,3,4"})") << u"bbox"_s;
        QTest::newRow("intersects not GeoJSON") << QByteArray(R"({"intersects": {"type": "Blob"}})") << u"intersects"_s;
        QTest::newRow("datetime garbage") << QByteArray(R"({"datetime": "last week"})") << u"datetime"_s;
        QTest::newRow("datetime number") << QByteArray(R"({"datetime": 2024})") << u"datetime"_s;
        QTest::newRow("filter a string") << QByteArray(R"({"filter": "eo:cloud_cover < 5"})") << u"filter"_s;
        QTest::newRow("sortby direction")
            << QByteArray(R"({"sortby": [{"field": "id", "direction": "up"}]})") << u"sortby"_s;
        QTest::newRow("limit zero") << QByteArray(R"({"limit": 0})") << u"limit"_s;
        QTest::newRow("limit fraction") << QByteArray(R"({"limit": 2.5})") << u"limit"_s;
    }
    void refusesWhatDoesNotRead()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, errorStart);
        QString error;
        QVERIFY(!SearchParametersJson::fromJson(QJsonDocument::fromJson(json).object(), &error));
        QVERIFY2(error.startsWith(errorStart), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSearchParametersJson)
#include "tst_searchparametersjson.moc"
