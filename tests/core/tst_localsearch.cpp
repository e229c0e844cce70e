#include <algorithm>
#include <functional>
#include <limits>
#include <vector>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "src/demo/democatalog.h"
#include "src/stac/itemparser.h"
#include "src/stac/itemstore.h"
#include "src/stac/localsearch.h"
#include "tests/support/rawitem.h"

using namespace StacScope;
using namespace Qt::StringLiterals;
using namespace StacScope::RawItems;

namespace {

constexpr int kDemoItems = 1500;

QByteArray readFixture(const QString &name)
{
    QFile file(QStringLiteral(STACSCOPE_TEST_FIXTURES "/stac/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open fixture %s", qPrintable(name));
    }
    return file.readAll();
}

void appendJson(ItemStore &store, const QByteArray &json)
{
    ItemPage page = ItemParser().parsePage(json);
    if (!page.ok()) {
        qFatal("test page did not parse: %s", qPrintable(page.error));
    }
    store.append(std::move(page), json);
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

// A FeatureCollection of small items written by hand: (id, extra properties) pairs.
QByteArray handMadePage(const QList<std::pair<QString, QByteArray>> &items)
{
    QByteArray json = R"({"type": "FeatureCollection", "features": [)";
    for (qsizetype i = 0; i < items.size(); ++i) {
        json += (i ? ",\n" : "\n") + QByteArray(R"({"type": "Feature", "id": ")") + items[i].first.toUtf8()
            + R"(", "collection": "hand", "bbox": [0, 0, 1, 1], "properties": {)" + items[i].second + "}}";
    }
    return json + "]}";
}

QStringList ids(const ItemStore &store, const std::vector<int> &rows)
{
    QStringList out;
    for (int row : rows) {
        out.append(store.at(row).id);
    }
    return out;
}

} // namespace

class TestLocalSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void noParameters();
    void bbox_data();
    void bbox();
    void crossingBboxFindsAntimeridianItems();
    void intersects();
    void datetime_data();
    void datetime();
    void datetimeOverlapsIntervalItems();
    void collections();
    void itemIds();
    void filterOnRecordField_data();
    void filterOnRecordField();
    void filterOnPropertyOnlyInRawJson();
    void filterCombinedWithOthers();
    void spatialOperatorsAreExact_data();
    void spatialOperatorsAreExact();
    void sortDescendingMissingLast();
    void sortAscendingMissingLast();
    void sortByTwoFields();
    void sortByDatetimeWithFractions();
    void sortByTimestampsWithOffsets();
    void maxItemsAndMatched();
    void invalidParameters();

private:
    // Rows that satisfy `keep`, in store order.
    std::vector<int> rowsWhere(const std::function<bool(int row, const QJsonObject &properties)> &keep) const;

    QTemporaryDir m_tmp;
    ItemStore m_store;
    std::vector<QJsonObject> m_properties; // per row, from the raw JSON
    std::vector<RawItem> m_raw; // per row, read by the test itself
    int m_intervalRow = -1;
    int m_nullGeometryRow = -1;
    int m_antimeridianRow = -1;
};

void TestLocalSearch::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_store.setSpillDirectory(m_tmp.path());
    appendJson(m_store, DemoCatalog::featureCollection(0, kDemoItems));
    appendJson(m_store, readFixture(u"itemcollection-page1.json"_s));
    m_intervalRow = m_store.size();
    appendJson(m_store, readFixture(u"item-interval-null-datetime.json"_s));
    m_nullGeometryRow = m_store.size();
    appendJson(m_store, readFixture(u"item-null-geometry.json"_s));
    m_antimeridianRow = m_store.size();
    appendJson(m_store, readFixture(u"item-antimeridian-multipolygon.json"_s));
    QCOMPARE(m_store.size(), kDemoItems + 6);
    for (int row = 0; row < m_store.size(); ++row) {
        m_properties.push_back(object(m_store.rawJson(row)).value(u"properties"_s).toObject());
        m_raw.push_back(rawItem(m_store.rawJson(row)));
    }
}

std::vector<int> TestLocalSearch::rowsWhere(const std::function<bool(int, const QJsonObject &)> &keep) const
{
    std::vector<int> rows;
    for (int row = 0; row < m_store.size(); ++row) {
        if (keep(row, m_properties[size_t(row)])) {
            rows.push_back(row);
        }
    }
    return rows;
}

void TestLocalSearch::noParameters()
{
    const LocalSearch::Result result = LocalSearch(m_store).run(SearchParameters());
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.matched, qint64(m_store.size()));
    QCOMPARE(result.rows, rowsWhere([](int, const QJsonObject &) { return true; }));
}

void TestLocalSearch::bbox_data()
{
    QTest::addColumn<GeoBox>("box");

    QTest::newRow("Europe") << GeoBox { -10, 35, 30, 60 };
    QTest::newRow("Rome area, fixtures") << GeoBox { 12, 41.5, 13, 42 };
    QTest::newRow("southern band") << GeoBox { -180, -60, 180, -30 };
    QTest::newRow("across 180") << GeoBox { 160, -40, -160, 40 };
    QTest::newRow("arctic") << GeoBox { -180, 70, 180, 90 };
    QTest::newRow("a point") << GeoBox { 12.5, 42, 12.5, 42 };
    QTest::newRow("empty ocean") << GeoBox { -140, -50, -139, -49 };
}

void TestLocalSearch::bbox()
{
    QFETCH(GeoBox, box);
    SearchParameters p;
    p.bbox = box;
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    QVERIFY(result.error.isEmpty());
    const std::vector<int> expected = rowsWhere([&](int row, const QJsonObject &) {
        return boxesMeet(m_raw[size_t(row)], box.west, box.south, box.east, box.north);
    });
    QCOMPARE(result.rows, expected);
    QCOMPARE(result.matched, qint64(expected.size()));
    QVERIFY(std::find(result.rows.begin(), result.rows.end(), m_nullGeometryRow) == result.rows.end());
}

void TestLocalSearch::crossingBboxFindsAntimeridianItems()
{
    SearchParameters p;
    p.bbox = GeoBox { 179, -90, -179, 90 };
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    auto found = [&](int row) { return std::find(result.rows.begin(), result.rows.end(), row) != result.rows.end(); };
    QVERIFY(found(m_antimeridianRow));
    int crossing = 0;
    for (int i = 0; i < kDemoItems; ++i) {
        if (DemoCatalog::crossesAntimeridian(i)) {
            ++crossing;
            QVERIFY2(found(i), qPrintable(DemoCatalog::itemId(i)));
        }
    }
    QVERIFY(crossing > 0);
}

void TestLocalSearch::intersects()
{
    // An unsplit polygon across 180: it means the 20 degrees around the antimeridian.
    SearchParameters p;
    p.intersects = Geometry::fromGeoJson(object(
        R"({"type": "Polygon", "coordinates": [[[170, -30], [-170, -30], [-170, 30], [170, 30], [170, -30]]]})"));
    QVERIFY(p.intersects);
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    QVERIFY(result.error.isEmpty());
    const std::vector<int> expected = rowsWhere([&](int row, const QJsonObject &) {
        return boxesMeet(m_raw[size_t(row)], 170, -30, 180, 30) || boxesMeet(m_raw[size_t(row)], -180, -30, -170, 30);
    });
    QVERIFY(!expected.empty());
    QCOMPARE(result.rows, expected);

    // A MultiPolygon of two small parts far apart: items between them do not match.
    SearchParameters two;
    two.intersects = Geometry::fromGeoJson(object(R"({"type": "MultiPolygon", "coordinates": [
        [[[12, 41.5], [12.1, 41.5], [12.1, 41.6], [12, 41.5]]], [[[-60, -35], [-59, -35], [-59, -34], [-60, -35]]]]})"));
    QVERIFY(two.intersects);
    const std::vector<int> twoExpected = rowsWhere([&](int row, const QJsonObject &) {
        return boxesMeet(m_raw[size_t(row)], 12, 41.5, 12.1, 41.6) || boxesMeet(m_raw[size_t(row)], -60, -35, -59, -34);
    });
    QCOMPARE(LocalSearch(m_store).run(two).rows, twoExpected);
}

void TestLocalSearch::datetime_data()
{
    QTest::addColumn<QString>("range");
    QTest::addColumn<qint64>("from"); // the window, written out by hand
    QTest::addColumn<qint64>("to");
    const qint64 dawn = std::numeric_limits<qint64>::min();
    const qint64 never = std::numeric_limits<qint64>::max();

    QTest::newRow("a year") << u"2021-01-01/2021-12-31"_s << utcMs(2021, 1, 1) << utcMs(2021, 12, 31, 23, 59, 59, 999);
    QTest::newRow("a month") << u"2022-03-01/2022-03-31"_s << utcMs(2022, 3, 1) << utcMs(2022, 3, 31, 23, 59, 59, 999);
    QTest::newRow("a day, date only") << u"2023-06-12"_s << utcMs(2023, 6, 12) << utcMs(2023, 6, 12, 23, 59, 59, 999);
    QTest::newRow("open start") << u"../2020-06-30T00:00:00Z"_s << dawn << utcMs(2020, 6, 30);
    QTest::newRow("open end") << u"2024-06-01T00:00:00Z/.."_s << utcMs(2024, 6, 1) << never;
    QTest::newRow("June 2023, fixtures") << u"2023-06-01/2023-06-30"_s << utcMs(2023, 6, 1)
                                         << utcMs(2023, 6, 30, 23, 59, 59, 999);
}

void TestLocalSearch::datetime()
{
    QFETCH(QString, range);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    SearchParameters p;
    p.datetime = DateRange::parse(range);
    QVERIFY(p.datetime);
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    // Reference: the item's own start/end (or datetime) read from its JSON by the test.
    const std::vector<int> expected = rowsWhere([&](int row, const QJsonObject &) {
        const RawItem &item = m_raw[size_t(row)];
        return item.hasTime && item.begin <= to && item.end >= from;
    });
    QVERIFY(!expected.empty());
    QCOMPARE(result.rows, expected);
}

void TestLocalSearch::datetimeOverlapsIntervalItems()
{
    // The mosaic covers 2023-04-01 .. 2023-06-30 and has a null datetime.
    SearchParameters p;
    p.ids = { m_store.at(m_intervalRow).id };
    auto hits = [&](const QString &range) {
        p.datetime = DateRange::parse(range);
        return LocalSearch(m_store).run(p).rows == std::vector<int> { m_intervalRow };
    };
    QVERIFY(hits(u"2023-05-10"_s)); // inside, away from its start
    QVERIFY(hits(u"2023-06-30T23:59:59.999Z/.."_s)); // its last instant
    QVERIFY(hits(u"../2023-04-01T00:00:00Z"_s)); // its first instant
    QVERIFY(hits(u"2023-01-01/2024-01-01"_s)); // around it
    QVERIFY(!hits(u"2023-07-01/.."_s)); // after it
    QVERIFY(!hits(u"2023-01-01/2023-03-31"_s)); // before it
}

void TestLocalSearch::collections()
{
    SearchParameters p;
    p.collections = { u"demo-sar"_s };
    const LocalSearch::Result sar = LocalSearch(m_store).run(p);
    QCOMPARE(sar.rows,
        rowsWhere([&](int row, const QJsonObject &) { return m_raw[size_t(row)].collection == u"demo-sar"_s; }));
    QCOMPARE(sar.matched, qint64(kDemoItems / 3));

    p.collections = { u"sentinel-2-l2a"_s, u"landsat-c2-l2"_s, u"no-such-collection"_s };
    const LocalSearch::Result two = LocalSearch(m_store).run(p);
    QCOMPARE(two.rows, (std::vector<int> { kDemoItems, kDemoItems + 1, kDemoItems + 2, m_antimeridianRow }));
}

void TestLocalSearch::itemIds()
{
    SearchParameters p;
    p.ids = { DemoCatalog::itemId(7), DemoCatalog::itemId(1233), u"S2A_33TTG_20230622_0_L2A"_s, u"missing"_s };
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    QCOMPARE(result.rows, (std::vector<int> { 7, 1233, kDemoItems + 2 }));
    QCOMPARE(result.matched, qint64(3));

    // ids and collections together: both must match.
    p.collections = { u"demo-optical"_s };
    QCOMPARE(LocalSearch(m_store).run(p).rows, std::vector<int> { 1233 }); // item 7 is in demo-sar
}

void TestLocalSearch::filterOnRecordField_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QString>("property");
    QTest::addColumn<double>("below");

    QTest::newRow("cloud cover") << QByteArray(R"({"op": "<", "args": [{"property": "eo:cloud_cover"}, 10]})")
                                 << u"eo:cloud_cover"_s << 10.0;
    QTest::newRow("qualified name") << QByteArray(
        R"({"op": "<", "args": [{"property": "properties.eo:cloud_cover"}, 10]})")
                                    << u"eo:cloud_cover"_s << 10.0;
    QTest::newRow("gsd") << QByteArray(R"({"op": "<", "args": [{"property": "gsd"}, 5]})") << u"gsd"_s << 5.0;
    QTest::newRow("off nadir") << QByteArray(R"({"op": "<", "args": [{"property": "view:off_nadir"}, 3]})")
                               << u"view:off_nadir"_s << 3.0;
}

void TestLocalSearch::filterOnRecordField()
{
    QFETCH(QByteArray, filter);
    QFETCH(QString, property);
    QFETCH(double, below);

    SearchParameters p;
    p.filter = object(filter);
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    // Items without the property (SAR scenes have no cloud cover) do not match.
    const std::vector<int> expected = rowsWhere([&](int, const QJsonObject &props) {
        const QJsonValue v = props.value(property);
        return v.isDouble() && v.toDouble() < below;
    });
    QVERIFY(!expected.empty());
    QVERIFY(expected.size() < size_t(m_store.size()));
    QCOMPARE(result.rows, expected);
}

void TestLocalSearch::filterOnPropertyOnlyInRawJson()
{
    // sat:orbit_state and sat:relative_orbit are not in ItemRecord: they come from the raw JSON.
    SearchParameters p;
    p.filter = object(R"({"op": "and", "args": [
        {"op": "=", "args": [{"property": "sat:orbit_state"}, "ascending"]},
        {"op": "<", "args": [{"property": "sat:relative_orbit"}, 60]}]})");
    QVERIFY(p.validate().isEmpty());
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    const std::vector<int> expected = rowsWhere([](int, const QJsonObject &props) {
        return props.value(u"sat:orbit_state"_s).toString() == u"ascending"_s
            && props.value(u"sat:relative_orbit"_s).isDouble() && props.value(u"sat:relative_orbit"_s).toDouble() < 60;
    });
    QVERIFY(!expected.empty());
    QCOMPARE(result.rows, expected);

    // A property of the fixtures only, with an unknown extension prefix.
    SearchParameters wrs;
    wrs.filter = object(R"({"op": "=", "args": [{"property": "landsat:wrs_row"}, "072"]})");
    QCOMPARE(LocalSearch(m_store).run(wrs).rows, std::vector<int> { m_antimeridianRow });
}

void TestLocalSearch::filterCombinedWithOthers()
{
    SearchParameters p;
    p.bbox = GeoBox { -30, -60, 60, 75 };
    p.collections = { u"demo-optical"_s, u"demo-archive"_s };
    p.datetime = DateRange::parse(u"2021-01-01/2023-12-31"_s);
    p.filter = object(R"({"op": "<=", "args": [{"property": "eo:cloud_cover"}, 30]})");
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    const std::vector<int> expected = rowsWhere([&](int row, const QJsonObject &props) {
        const RawItem &r = m_raw[size_t(row)];
        return boxesMeet(r, -30, -60, 60, 75)
            && (r.collection == u"demo-optical"_s || r.collection == u"demo-archive"_s) && r.hasTime
            && r.begin <= utcMs(2023, 12, 31, 23, 59, 59, 999) && r.end >= utcMs(2021, 1, 1)
            && props.value(u"eo:cloud_cover"_s).isDouble() && props.value(u"eo:cloud_cover"_s).toDouble() <= 30;
    });
    QVERIFY(!expected.empty());
    QCOMPARE(result.rows, expected);
}

namespace {

QByteArray squareItem(const char *id, double west, double south, double east, double north)
{
    const auto n = [](double v) { return QByteArray::number(v); };
    return "{\"type\": \"Feature\", \"id\": \"" + QByteArray(id) + "\", \"collection\": \"shapes\", \"bbox\": ["
        + n(west) + ", " + n(south) + ", " + n(east) + ", " + n(north)
        + "], \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[" + n(west) + ", " + n(south) + "], [" + n(east)
        + ", " + n(south) + "], [" + n(east) + ", " + n(north) + "], [" + n(west) + ", " + n(north) + "], [" + n(west)
        + ", " + n(south) + "]]]}, \"properties\": {\"datetime\": \"2024-01-01T00:00:00Z\"}}";
}

// An L: the square (0,0)-(10,10) without its upper right part (3,3)-(10,10).
const char *const LShape
    = R"({"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 3], [3, 3], [3, 10], [0, 10], [0, 0]]]})";

} // namespace

void TestLocalSearch::spatialOperatorsAreExact_data()
{
    QTest::addColumn<QByteArray>("op");
    QTest::addColumn<bool>("literalFirst");
    QTest::addColumn<QStringList>("expected");
    // Worked out by hand on paper against the L; every item's bbox overlaps the L's except far's.
    QTest::newRow("intersects") << QByteArray("s_intersects") << false
                                << QStringList { u"inner"_s, u"straddle"_s, u"cover"_s, u"same"_s, u"edge"_s };
    QTest::newRow("disjoint") << QByteArray("s_disjoint") << false << QStringList { u"pocket"_s, u"far"_s };
    QTest::newRow("within") << QByteArray("s_within") << false << QStringList { u"inner"_s, u"same"_s };
    QTest::newRow("contains") << QByteArray("s_contains") << false << QStringList { u"cover"_s, u"same"_s };
    QTest::newRow("literal within item") << QByteArray("s_within") << true << QStringList { u"cover"_s, u"same"_s };
    QTest::newRow("overlaps") << QByteArray("s_overlaps") << false << QStringList { u"straddle"_s };
    QTest::newRow("equals") << QByteArray("s_equals") << false << QStringList { u"same"_s };
    QTest::newRow("touches") << QByteArray("s_touches") << false << QStringList { u"edge"_s };
}

// Local CQL2 spatial operators test the footprints themselves, not their bounding boxes.
void TestLocalSearch::spatialOperatorsAreExact()
{
    QFETCH(QByteArray, op);
    QFETCH(bool, literalFirst);
    QFETCH(QStringList, expected);
    ItemStore store;
    const QByteArray same = R"({"type": "Feature", "id": "same", "collection": "shapes", "bbox": [0, 0, 10, 10],
        "geometry": {"type": "Polygon", "coordinates": [[[3, 3], [3, 10], [0, 10], [0, 0], [10, 0], [10, 3], [3, 3]]]},
        "properties": {"datetime": "2024-01-01T00:00:00Z"}})";
    appendJson(store,
        "{\"type\": \"FeatureCollection\", \"features\": [" + squareItem("inner", 0.5, 0.5, 2.5, 2.5) + ","
            + squareItem("pocket", 5, 5, 7, 7) + "," + squareItem("straddle", 8, 2, 12, 6) + ","
            + squareItem("far", 20, 20, 21, 21) + "," + squareItem("cover", -1, -1, 11, 11) + "," + same + ","
            + squareItem("edge", 10, 0, 12, 3) + "]}");
    QCOMPARE(store.size(), 7);
    const QByteArray property = R"({"property": "geometry"})";
    SearchParameters p;
    p.filter = object("{\"op\": \"" + op + "\", \"args\": ["
        + (literalFirst ? QByteArray(LShape) + ", " + property : property + ", " + QByteArray(LShape)) + "]}");
    QCOMPARE(ids(store, LocalSearch(store).run(p).rows), expected);
}

void TestLocalSearch::sortDescendingMissingLast()
{
    SearchParameters p;
    p.sortBy = SortField::parseList(u"-eo:cloud_cover"_s);
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    QCOMPARE(result.rows.size(), size_t(m_store.size()));
    bool missingSeen = false;
    double previous = 1e9;
    for (int row : result.rows) {
        const QJsonValue v = m_properties[size_t(row)].value(u"eo:cloud_cover"_s);
        if (!v.isDouble()) {
            missingSeen = true;
            continue;
        }
        QVERIFY2(!missingSeen, "an item with cloud cover after one without");
        QVERIFY(v.toDouble() <= previous);
        previous = v.toDouble();
    }
    QVERIFY(missingSeen);
    // Items without the value keep their store order (the sort is stable).
    std::vector<int> missing;
    for (int row : result.rows) {
        if (!m_properties[size_t(row)].value(u"eo:cloud_cover"_s).isDouble()) {
            missing.push_back(row);
        }
    }
    QVERIFY(std::is_sorted(missing.begin(), missing.end()));
    QCOMPARE(
        missing, rowsWhere([](int, const QJsonObject &props) { return !props.value(u"eo:cloud_cover"_s).isDouble(); }));
}

void TestLocalSearch::sortAscendingMissingLast()
{
    SearchParameters p;
    p.sortBy = SortField::parseList(u"+properties.eo:cloud_cover"_s);
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    QCOMPARE(result.rows.size(), size_t(m_store.size()));
    bool missingSeen = false;
    double previous = -1e9;
    for (int row : result.rows) {
        const QJsonValue v = m_properties[size_t(row)].value(u"eo:cloud_cover"_s);
        if (!v.isDouble()) {
            missingSeen = true;
            continue;
        }
        QVERIFY2(!missingSeen, "an item with cloud cover after one without");
        QVERIFY(v.toDouble() >= previous);
        previous = v.toDouble();
    }
    QVERIFY(missingSeen);
}

void TestLocalSearch::sortByTwoFields()
{
    SearchParameters p;
    p.collections = { u"demo-sar"_s };
    p.sortBy = SortField::parseList(u"sat:orbit_state,-id"_s);
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    QCOMPARE(result.rows.size(), size_t(kDemoItems / 3));
    for (size_t i = 1; i < result.rows.size(); ++i) {
        const QString stateA = m_properties[size_t(result.rows[i - 1])].value(u"sat:orbit_state"_s).toString();
        const QString stateB = m_properties[size_t(result.rows[i])].value(u"sat:orbit_state"_s).toString();
        QVERIFY(stateA <= stateB);
        if (stateA == stateB) {
            QVERIFY(m_store.at(result.rows[i - 1]).id > m_store.at(result.rows[i]).id);
        }
    }
}

void TestLocalSearch::sortByDatetimeWithFractions()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    appendJson(store,
        handMadePage({ { u"whole"_s, R"("datetime": "2023-01-01T00:00:00Z")" },
            { u"half"_s, R"("datetime": "2023-01-01T00:00:00.500Z")" },
            { u"earlier"_s, R"("datetime": "2022-12-31T23:59:59.900Z")" }, { u"none"_s, R"("title": "no datetime")" },
            { u"offset"_s, R"("datetime": "2023-01-01T01:00:00.250+01:00")" } }));
    QCOMPARE(store.size(), 5);
    QCOMPARE(store.at(4).datetime, utc(2023, 1, 1, 0, 0, 0, 250));

    SearchParameters p;
    p.sortBy = SortField::parseList(u"-datetime"_s);
    QCOMPARE(ids(store, LocalSearch(store).run(p).rows),
        (QStringList { u"half"_s, u"offset"_s, u"whole"_s, u"earlier"_s, u"none"_s }));
    p.sortBy = SortField::parseList(u"datetime"_s);
    QCOMPARE(ids(store, LocalSearch(store).run(p).rows),
        (QStringList { u"earlier"_s, u"whole"_s, u"offset"_s, u"half"_s, u"none"_s }));
}

void TestLocalSearch::sortByTimestampsWithOffsets()
{
    // Timestamps only in the raw JSON sort as instants, whatever their offset or precision.
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    appendJson(store,
        handMadePage(
            { { u"plus-two"_s, R"("datetime": "2023-01-01T00:00:00Z", "created": "2023-01-01T01:00:00+02:00")" },
                { u"utc"_s, R"("datetime": "2023-01-01T00:00:00Z", "created": "2022-12-31T23:30:00Z")" },
                { u"fraction"_s, R"("datetime": "2023-01-01T00:00:00Z", "created": "2022-12-31T23:30:00.5Z")" },
                { u"minus-one"_s, R"("datetime": "2023-01-01T00:00:00Z", "created": "2022-12-31T22:45:00-01:00")" } }));
    SearchParameters p;
    p.sortBy = SortField::parseList(u"created"_s);
    // 23:00Z, 23:30Z, 23:30:00.5Z, 23:45Z
    QCOMPARE(ids(store, LocalSearch(store).run(p).rows),
        (QStringList { u"plus-two"_s, u"utc"_s, u"fraction"_s, u"minus-one"_s }));
}

void TestLocalSearch::maxItemsAndMatched()
{
    SearchParameters p;
    p.bbox = GeoBox { -180, -60, 180, 60 };
    p.sortBy = SortField::parseList(u"-gsd"_s);
    const LocalSearch::Result all = LocalSearch(m_store).run(p);
    QVERIFY(all.rows.size() > 20);
    QCOMPARE(all.matched, qint64(all.rows.size()));

    const LocalSearch::Result capped = LocalSearch(m_store).run(p, 20);
    QCOMPARE(capped.rows.size(), size_t(20));
    QCOMPARE(capped.matched, all.matched); // counted before the cap
    QCOMPARE(capped.rows, std::vector<int>(all.rows.begin(), all.rows.begin() + 20)); // the top 20

    const LocalSearch::Result roomy = LocalSearch(m_store).run(p, int(all.rows.size()) + 100);
    QCOMPARE(roomy.rows, all.rows);
    QCOMPARE(LocalSearch(m_store).run(p, 0).rows, all.rows); // 0 means no cap
}

void TestLocalSearch::invalidParameters()
{
    SearchParameters p;
    p.bbox = GeoBox { 0, 0, 1, 1 };
    p.intersects = Geometry::fromBox(GeoBox { 0, 0, 1, 1 });
    const LocalSearch::Result result = LocalSearch(m_store).run(p);
    QCOMPARE(result.error, u"use either a bbox or an intersects geometry, not both"_s);
    QVERIFY(result.rows.empty());
    QCOMPARE(result.matched, qint64(0));

    SearchParameters badFilter;
    badFilter.filter = object(R"({"op": "frobnicate", "args": [1]})");
    QVERIFY(LocalSearch(m_store).run(badFilter).error.startsWith(u"filter: "_s));
}

QTEST_GUILESS_MAIN(TestLocalSearch)
#include "tst_localsearch.moc"
