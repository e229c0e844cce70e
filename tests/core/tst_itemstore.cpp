#include <algorithm>
#include <vector>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include "src/demo/democatalog.h"
#include "src/stac/itemparser.h"
#include "src/stac/itemstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

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

QByteArray readFixture(const QString &name)
{
    QFile file(QStringLiteral(STACSCOPE_TEST_FIXTURES "/stac/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open fixture %s", qPrintable(name));
    }
    return file.readAll();
}

// Parses `json` (a page or an item) and appends it; returns how many were new.
int appendJson(ItemStore &store, const QByteArray &json)
{
    ItemPage page = ItemParser().parsePage(json);
    if (!page.ok()) {
        qFatal("test page did not parse: %s", qPrintable(page.error));
    }
    return store.append(std::move(page), json);
}

ItemRecord record(const QString &collection, const QString &id, std::optional<GeoBox> bbox = std::nullopt)
{
    ItemRecord r;
    r.collection = collection;
    r.id = id;
    if (bbox) {
        r.bbox = *bbox;
        r.hasBbox = true;
    }
    return r;
}

std::vector<std::uint32_t> bruteForce(const ItemStore &store, const GeoBox &box)
{
    std::vector<std::uint32_t> rows;
    for (int row = 0; row < store.size(); ++row) {
        if (store.at(row).hasBbox && store.at(row).bbox.intersects(box)) {
            rows.push_back(std::uint32_t(row));
        }
    }
    return rows;
}

QStringList spillFiles(const QString &dir)
{
    return QDir(dir).entryList({ u"stacscope-items-*.json"_s }, QDir::Files);
}

} // namespace

class TestItemStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void empty();
    void appendPage();
    void deduplicatesAcrossPages();
    void deduplicatesByCollectionAndId();
    void deduplicatesPerOrigin();
    void rawJsonIsByteExact_data();
    void rawJsonIsByteExact();
    void spillFileInDirectory();
    void readsBetweenAppends();
    void spillFailureKeepsDataInMemory();
    void clear();
    void rowsIntersecting();
    void rowsIntersectingAfterMoreAppends();
    void rowsIntersectingAntimeridian();
    void extent_data();
    void extent();
    void extentOfFixtures();

private:
    QTemporaryDir m_tmp;
};

void TestItemStore::initTestCase()
{
    QVERIFY(m_tmp.isValid());
}

void TestItemStore::empty()
{
    ItemStore store;
    QVERIFY(store.isEmpty());
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.rawBytes(), qint64(0));
    QVERIFY(store.rawJson(0).isEmpty());
    QVERIFY(store.rawJson(-1).isEmpty());
    QCOMPARE(store.indexOf(u"c"_s, u"x"_s), -1);
    QVERIFY(store.collections().isEmpty());
    QVERIFY(!store.extent());
    QVERIFY(store.rowsIntersecting(GeoBox::world()).empty());
    QVERIFY(store.spatialIndex().isFinished());
}

void TestItemStore::appendPage()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(0, 100)), 100);
    QCOMPARE(store.size(), 100);
    QVERIFY(!store.spillFailed());
    qint64 bytes = 0;
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(store.at(i).id, DemoCatalog::itemId(i));
        QCOMPARE(store.at(i).collection, DemoCatalog::collectionId(i));
        QCOMPARE(store.indexOf(DemoCatalog::collectionId(i), DemoCatalog::itemId(i)), i);
        bytes += DemoCatalog::item(i).size();
    }
    QCOMPARE(store.rawBytes(), bytes);
    QCOMPARE(store.rawJson(42), DemoCatalog::item(42));
    QCOMPARE(store.items().size(), size_t(100));
    // In order of first appearance.
    QCOMPARE(store.collections(), (QStringList { u"demo-optical"_s, u"demo-sar"_s, u"demo-archive"_s }));
    QCOMPARE(store.indexOf(u"demo-sar"_s, DemoCatalog::itemId(0)), -1); // right id, wrong collection
}

void TestItemStore::deduplicatesAcrossPages()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(0, 100)), 100);
    // A server that repeats the second half of the previous page.
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(50, 100)), 50);
    QCOMPARE(store.size(), 150);
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(0, 150)), 0);
    QCOMPARE(store.size(), 150);
    for (int i = 0; i < 150; ++i) {
        QCOMPARE(store.at(i).id, DemoCatalog::itemId(i));
        QCOMPARE(store.rawJson(i), DemoCatalog::item(i));
    }
    // Duplicates did not add to the spilled bytes either.
    qint64 bytes = 0;
    for (int i = 0; i < 150; ++i) {
        bytes += DemoCatalog::item(i).size();
    }
    QCOMPARE(store.rawBytes(), bytes);
}

void TestItemStore::deduplicatesByCollectionAndId()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QVERIFY(store.append(record(u"a"_s, u"x"_s), "{\"id\":\"x\",\"collection\":\"a\"}"));
    QVERIFY(store.append(record(u"b"_s, u"x"_s), "{\"id\":\"x\",\"collection\":\"b\"}")); // same id elsewhere
    QVERIFY(store.append(record(QString(), u"x"_s), "{\"id\":\"x\"}")); // no collection
    QVERIFY(!store.append(record(u"a"_s, u"x"_s), "{\"dup\":1}"));
    // Ids and collections that would collide if simply concatenated.
    QVERIFY(store.append(record(u"ab"_s, u"c"_s), "{}"));
    QVERIFY(store.append(record(u"a"_s, u"bc"_s), "{}"));
    QCOMPARE(store.size(), 5);
    QCOMPARE(store.indexOf(u"a"_s, u"x"_s), 0);
    QCOMPARE(store.indexOf(u"b"_s, u"x"_s), 1);
    QCOMPARE(store.indexOf(QString(), u"x"_s), 2);
    QCOMPARE(store.rawJson(0), QByteArray("{\"id\":\"x\",\"collection\":\"a\"}"));
    QCOMPARE(store.collections(), (QStringList { u"a"_s, u"b"_s, u"ab"_s }));
}

// Several catalogs in one store: the same collection and id from another catalog (origin) is
// another result; from the same catalog again it is a duplicate. Enough rows that the duplicate
// table grows several times.
void TestItemStore::deduplicatesPerOrigin()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    for (int i = 0; i < 3000; ++i) {
        const QString id = u"item-"_s + QString::number(i);
        QVERIFY(store.append(record(u"c"_s, id), "{}", 0));
        QVERIFY(store.append(record(u"c"_s, id), "{}", 2));
        QVERIFY(!store.append(record(u"c"_s, id), "{}", 2));
    }
    QVERIFY(!store.append(record(u"c"_s, u"item-0"_s), "{}", 0));
    QVERIFY(store.append(record(u"c"_s, u"item-0"_s), "{}", 1));
    QCOMPARE(store.size(), 6001);
    for (int i = 0; i < 3000; i += 7) {
        const int row = store.indexOf(u"c"_s, u"item-"_s + QString::number(i)); // the origin-0 one
        QCOMPARE(row, 2 * i);
        QCOMPARE(store.origin(row), 0);
        QCOMPARE(store.origin(row + 1), 2);
        QCOMPARE(store.at(row + 1).id, store.at(row).id);
    }
    QCOMPARE(store.origin(6000), 1);
    QCOMPARE(store.indexOf(u"c"_s, u"item-3000"_s), -1);
    store.clear();
    QCOMPARE(store.indexOf(u"c"_s, u"item-0"_s), -1);
    QVERIFY(store.append(record(u"c"_s, u"item-0"_s), "{}", 2));
    QCOMPARE(store.indexOf(u"c"_s, u"item-0"_s), -1); // only from another catalog
}

void TestItemStore::rawJsonIsByteExact_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("page with three items") << u"itemcollection-page1.json"_s;
    QTest::newRow("context page") << u"itemcollection-context.json"_s;
    QTest::newRow("unknown extension, unicode escapes") << u"item-unknown-extension.json"_s;
    QTest::newRow("antimeridian") << u"item-antimeridian-multipolygon.json"_s;
}

void TestItemStore::rawJsonIsByteExact()
{
    QFETCH(QString, file);
    const QByteArray json = readFixture(file);
    ItemPage page = ItemParser().parsePage(json);
    QVERIFY(page.ok());
    const std::vector<ItemPage::Span> spans = page.spans;

    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QCOMPARE(store.append(std::move(page), json), int(spans.size()));
    const QJsonObject document = QJsonDocument::fromJson(json).object();
    for (int row = 0; row < store.size(); ++row) {
        const QByteArray raw = store.rawJson(row);
        QCOMPARE(raw, json.mid(spans[size_t(row)].begin, spans[size_t(row)].end - spans[size_t(row)].begin));
        QVERIFY(raw.startsWith('{') && raw.endsWith('}'));
        const QJsonObject item = QJsonDocument::fromJson(raw).object();
        QCOMPARE(item.value(u"id"_s).toString(), store.at(row).id);
        if (document.value(u"type"_s).toString() == u"Feature"_s) {
            QCOMPARE(item, document);
            QCOMPARE(raw, json.trimmed());
        }
    }
}

void TestItemStore::spillFileInDirectory()
{
    QTemporaryDir dir(m_tmp.filePath(u"spill-XXXXXX"_s));
    QVERIFY(dir.isValid());
    {
        ItemStore store;
        store.setSpillDirectory(dir.path());
        QCOMPARE(appendJson(store, DemoCatalog::featureCollection(0, 200)), 200);
        QVERIFY(!store.spillFailed());
        for (int i = 0; i < 200; i += 7) {
            QCOMPARE(store.rawJson(i), DemoCatalog::item(i));
        }
        // Qt may keep the file unnamed (O_TMPFILE); if it has a name, it has the store's pattern.
        const QStringList entries = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        QVERIFY2(entries.size() <= 1, qPrintable(entries.join(u", "_s)));
        QCOMPARE(spillFiles(dir.path()), entries);
    }
    // Nothing is left behind.
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

void TestItemStore::readsBetweenAppends()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(0, 10)), 10);
    QCOMPARE(store.rawJson(3), DemoCatalog::item(3)); // moves the file position
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(10, 10)), 10);
    QCOMPARE(store.rawJson(0), DemoCatalog::item(0));
    QVERIFY(store.append(record(u"x"_s, u"single"_s), "{\"single\":true}"));
    QCOMPARE(store.rawJson(15), DemoCatalog::item(15));
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(20, 5)), 5);
    for (int i = 0; i < 25; ++i) {
        const int row = i < 20 ? i : i + 1;
        QCOMPARE(store.rawJson(row), DemoCatalog::item(i));
    }
    QCOMPARE(store.rawJson(20), QByteArray("{\"single\":true}"));
    QVERIFY(store.rawJson(store.size()).isEmpty());
}

void TestItemStore::spillFailureKeepsDataInMemory()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.filePath(u"does/not/exist"_s));
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(0, 30)), 30);
    QVERIFY(store.spillFailed());
    for (int i = 0; i < 30; ++i) {
        QCOMPARE(store.rawJson(i), DemoCatalog::item(i));
    }
    QVERIFY(!QDir(m_tmp.filePath(u"does"_s)).exists());
}

void TestItemStore::clear()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(0, 20)), 20);
    QVERIFY(!store.rowsIntersecting(GeoBox::world()).empty());
    store.clear();
    QVERIFY(store.isEmpty());
    QCOMPARE(store.rawBytes(), qint64(0));
    QVERIFY(store.collections().isEmpty());
    QCOMPARE(store.indexOf(DemoCatalog::collectionId(0), DemoCatalog::itemId(0)), -1);
    QVERIFY(store.rowsIntersecting(GeoBox::world()).empty());
    QVERIFY(!store.extent());
    // Usable again, and the same items are new again.
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(10, 20)), 20);
    QCOMPARE(store.at(0).id, DemoCatalog::itemId(10));
    QCOMPARE(store.rawJson(0), DemoCatalog::item(10));
    QCOMPARE(store.rowsIntersecting(GeoBox::world()).size(), size_t(20));
}

void TestItemStore::rowsIntersecting()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QCOMPARE(appendJson(store, DemoCatalog::featureCollection(0, 2000)), 2000);
    QCOMPARE(appendJson(store, readFixture(u"item-null-geometry.json"_s)), 1); // never returned
    QCOMPARE(appendJson(store, readFixture(u"item-antimeridian-multipolygon.json"_s)), 1);

    QRandomGenerator rng(99);
    int nonEmpty = 0;
    for (int i = 0; i < 300; ++i) {
        const double w = -180 + rng.bounded(360.0);
        const double width = rng.bounded(i % 10 == 0 ? 120.0 : 25.0);
        const double s = -90 + rng.bounded(150.0);
        double e = w + width;
        if (e > 180) {
            e -= 360; // crosses the antimeridian
        }
        const GeoBox q { w, s, e, std::min(90.0, s + rng.bounded(30.0)) };
        const std::vector<std::uint32_t> rows = store.rowsIntersecting(q);
        QCOMPARE(rows, bruteForce(store, q));
        nonEmpty += rows.empty() ? 0 : 1;
    }
    QVERIFY(nonEmpty > 50);
    const std::vector<std::uint32_t> all = store.rowsIntersecting(GeoBox::world());
    QCOMPARE(int(all.size()), store.size() - 1); // all but the item without geometry
    QVERIFY(!std::binary_search(all.begin(), all.end(), std::uint32_t(2000)));
}

void TestItemStore::rowsIntersectingAfterMoreAppends()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QVERIFY(store.append(record(u"c"_s, u"a"_s, GeoBox { 10, 10, 11, 11 }), "{}"));
    QCOMPARE(store.rowsIntersecting(GeoBox { 0, 0, 20, 20 }), std::vector<std::uint32_t> { 0 });
    // The index is rebuilt lazily after appends.
    QVERIFY(store.append(record(u"c"_s, u"b"_s, GeoBox { 12, 12, 13, 13 }), "{}"));
    QVERIFY(store.append(record(u"c"_s, u"no-bbox"_s), "{}"));
    QVERIFY(store.append(record(u"c"_s, u"far"_s, GeoBox { -100, -50, -99, -49 }), "{}"));
    QCOMPARE(store.rowsIntersecting(GeoBox { 0, 0, 20, 20 }), (std::vector<std::uint32_t> { 0, 1 }));
    QCOMPARE(store.rowsIntersecting(GeoBox::world()), (std::vector<std::uint32_t> { 0, 1, 3 }));
    QCOMPARE(store.spatialIndex().size(), size_t(3));
    QVERIFY(store.spatialIndex().isFinished());
}

void TestItemStore::rowsIntersectingAntimeridian()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QCOMPARE(appendJson(store, readFixture(u"item-antimeridian-multipolygon.json"_s)), 1);
    QVERIFY(store.append(record(u"c"_s, u"west-of-180"_s, GeoBox { 175, -20, 179, -10 }), "{}"));
    QVERIFY(store.append(record(u"c"_s, u"east-of-180"_s, GeoBox { -179, -20, -175, -10 }), "{}"));
    QVERIFY(store.append(record(u"c"_s, u"greenwich"_s, GeoBox { -1, -20, 1, -10 }), "{}"));

    using Rows = std::vector<std::uint32_t>;
    QCOMPARE(store.rowsIntersecting(GeoBox { 179.5, -17, -179.5, -16 }), Rows { 0 }); // a query across 180
    QCOMPARE(store.rowsIntersecting(GeoBox { 170, -30, -170, 0 }), (Rows { 0, 1, 2 }));
    QCOMPARE(store.rowsIntersecting(GeoBox { -179.9, -17, -179.8, -16 }), Rows { 0 }); // the item's east half
    QCOMPARE(store.rowsIntersecting(GeoBox { 178.6, -17, 178.7, -16 }), (Rows { 0, 1 })); // its west half
    QCOMPARE(store.rowsIntersecting(GeoBox { -170, -30, 170, 0 }), Rows { 3 }); // wide, but not across 180
    QCOMPARE(store.rowsIntersecting(GeoBox { -170, -30, 170, -25 }), Rows {});
}

void TestItemStore::extent_data()
{
    QTest::addColumn<QList<GeoBox>>("boxes");
    QTest::addColumn<GeoBox>("expected");

    QTest::newRow("one") << QList<GeoBox> { { 10, 40, 12, 42 } } << GeoBox { 10, 40, 12, 42 };
    QTest::newRow("apart") << QList<GeoBox> { { 10, 0, 20, 5 }, { 30, -5, 40, 1 } } << GeoBox { 10, -5, 40, 5 };
    QTest::newRow("overlapping") << QList<GeoBox> { { 10, 0, 30, 5 }, { 20, 1, 40, 6 }, { 25, -1, 26, 0 } }
                                 << GeoBox { 10, -1, 40, 6 };
    QTest::newRow("either side of 180") << QList<GeoBox> { { 170, 0, 175, 1 }, { -175, -1, -170, 0 } }
                                        << GeoBox { 170, -1, -170, 1 };
    QTest::newRow("crossing item and a neighbour") << QList<GeoBox> { { 178.5, -17.2, -179.3, -15.9 },
        { 170, -20, 175, -10 } } << GeoBox { 170, -20, -179.3, -10 };
}

void TestItemStore::extent()
{
    QFETCH(QList<GeoBox>, boxes);
    QFETCH(GeoBox, expected);

    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QVERIFY(store.append(record(u"c"_s, u"no-bbox"_s), "{}"));
    QVERIFY(!store.extent());
    for (int i = 0; i < boxes.size(); ++i) {
        QVERIFY(store.append(record(u"c"_s, QString::number(i), boxes.at(i)), "{}"));
    }
    QCOMPARE(store.extent(), std::optional<GeoBox>(expected));
    for (const GeoBox &b : boxes) {
        QVERIFY(store.extent()->contains(b));
    }
}

void TestItemStore::extentOfFixtures()
{
    ItemStore store;
    store.setSpillDirectory(m_tmp.path());
    QCOMPARE(appendJson(store, readFixture(u"itemcollection-page1.json"_s)), 3);
    QCOMPARE(store.extent(), std::optional<GeoBox>(GeoBox { 11.6644, 41.4179, 13.3125, 42.4411 }));

    // Every demo item is covered by the extent.
    ItemStore demo;
    demo.setSpillDirectory(m_tmp.path());
    QCOMPARE(appendJson(demo, DemoCatalog::featureCollection(0, 500)), 500);
    const GeoBox e = demo.extent().value();
    for (const ItemRecord &r : demo.items()) {
        QVERIFY(e.contains(r.bbox));
    }
}

QTEST_GUILESS_MAIN(TestItemStore)
#include "tst_itemstore.moc"
