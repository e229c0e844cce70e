#include <algorithm>
#include <vector>

#include <QRandomGenerator>
#include <QTest>

#include "src/geo/spatialindex.h"

using namespace StacScope;

namespace {

// Random boxes with a fixed seed: mostly small footprints, some large, about 1 in 20 crossing 180.
std::vector<GeoBox> randomBoxes(int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<GeoBox> boxes;
    boxes.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const double size = rng.bounded(10) == 0 ? rng.bounded(60.0) : rng.bounded(3.0);
        const double lat = -89.0 + rng.bounded(178.0 - size);
        GeoBox b;
        b.south = lat;
        b.north = lat + size * (0.2 + rng.bounded(0.8));
        if (rng.bounded(20) == 0) {
            b.west = 180.0 - rng.bounded(size + 0.01);
            b.east = -180.0 + rng.bounded(size + 0.01);
        } else {
            b.west = -180.0 + rng.bounded(360.0 - size);
            b.east = b.west + size;
        }
        boxes.push_back(b);
    }
    return boxes;
}

std::vector<std::uint32_t> bruteForce(const std::vector<GeoBox> &boxes, const GeoBox &query)
{
    std::vector<std::uint32_t> out;
    for (size_t i = 0; i < boxes.size(); ++i) {
        if (boxes[i].intersects(query)) {
            out.push_back(std::uint32_t(i));
        }
    }
    return out;
}

} // namespace

class TestSpatialIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void empty();
    void notFinished();
    void singleEntry();
    void singleCrossingEntry();
    void matchesBruteForce_data();
    void matchesBruteForce();
    void idsNeedNotBeDense();
    void reFinishAfterMoreAdds();
    void earlyStop();
    void clear();
};

void TestSpatialIndex::empty()
{
    SpatialIndex index;
    QCOMPARE(index.size(), size_t(0));
    index.finish();
    QVERIFY(index.isFinished());
    QVERIFY(index.query(GeoBox::world()).empty());
    QVERIFY(index.query(GeoBox { 170, -10, -170, 10 }).empty());
    int calls = 0;
    index.query(GeoBox::world(), [&](std::uint32_t) {
        ++calls;
        return true;
    });
    QCOMPARE(calls, 0);
}

void TestSpatialIndex::notFinished()
{
    SpatialIndex index;
    index.add(1, GeoBox { 0, 0, 1, 1 });
    QVERIFY(!index.isFinished());
    index.finish();
    QVERIFY(index.isFinished());
    index.add(2, GeoBox { 2, 2, 3, 3 });
    QVERIFY(!index.isFinished()); // an add invalidates the build
}

void TestSpatialIndex::singleEntry()
{
    SpatialIndex index;
    index.add(42, GeoBox { 10, 40, 12, 42 });
    index.finish();
    QCOMPARE(index.size(), size_t(1));
    QCOMPARE(index.query(GeoBox { 11, 41, 11.5, 41.5 }), std::vector<std::uint32_t> { 42 });
    QCOMPARE(index.query(GeoBox { 12, 42, 13, 43 }), std::vector<std::uint32_t> { 42 }); // touching corner
    QCOMPARE(index.query(GeoBox::world()), std::vector<std::uint32_t> { 42 });
    QVERIFY(index.query(GeoBox { 12.01, 40, 13, 42 }).empty());
    QVERIFY(index.query(GeoBox { 10, 42.01, 12, 43 }).empty());
    QVERIFY(index.query(GeoBox { 170, -10, -170, 10 }).empty());
}

void TestSpatialIndex::singleCrossingEntry()
{
    SpatialIndex index;
    index.add(7, GeoBox { 175, -5, -175, 5 });
    QCOMPARE(index.size(), size_t(2)); // stored as two halves
    index.finish();
    QCOMPARE(index.size(), size_t(2)); // node levels do not count
    QCOMPARE(index.query(GeoBox { 176, 0, 177, 1 }), std::vector<std::uint32_t> { 7 });
    QCOMPARE(index.query(GeoBox { -177, 0, -176, 1 }), std::vector<std::uint32_t> { 7 });
    // A crossing query hits both halves; the id is reported once.
    QCOMPARE(index.query(GeoBox { 179, 0, -179, 1 }), std::vector<std::uint32_t> { 7 });
    QCOMPARE(index.query(GeoBox::world()), std::vector<std::uint32_t> { 7 });
    QVERIFY(index.query(GeoBox { -170, -5, 170, 5 }).empty()); // the rest of the world
    // Through the callback the two halves may both report.
    int calls = 0;
    index.query(GeoBox { 179, 0, -179, 1 }, [&](std::uint32_t id) {
        Q_ASSERT(id == 7);
        ++calls;
        return true;
    });
    QCOMPARE(calls, 2);
}

void TestSpatialIndex::matchesBruteForce_data()
{
    QTest::addColumn<int>("entries");
    QTest::addColumn<quint32>("seed");

    QTest::newRow("17 entries (two leaf nodes)") << 17 << 1u;
    QTest::newRow("256 entries (exactly one full level)") << 256 << 2u;
    QTest::newRow("3000 entries") << 3000 << 3u;
    QTest::newRow("5000 entries") << 5000 << 4u;
}

void TestSpatialIndex::matchesBruteForce()
{
    QFETCH(int, entries);
    QFETCH(quint32, seed);

    const std::vector<GeoBox> boxes = randomBoxes(entries, seed);
    SpatialIndex index;
    index.reserve(boxes.size());
    for (size_t i = 0; i < boxes.size(); ++i) {
        index.add(std::uint32_t(i), boxes[i]);
    }
    const size_t stored = index.size();
    index.finish();
    QCOMPARE(index.size(), stored);
    QCOMPARE(stored, boxes.size() + size_t(std::count_if(boxes.begin(), boxes.end(), [](const GeoBox &b) {
        return b.crossesAntimeridian();
    })));

    std::vector<GeoBox> queries = randomBoxes(400, seed + 100);
    queries.push_back(GeoBox::world());
    queries.push_back(GeoBox { 170, -90, -170, 90 }); // a band across 180
    queries.push_back(GeoBox { -180, -90, -180, 90 }); // the antimeridian line itself
    queries.push_back(GeoBox { 0, -1, 0, 1 }); // a line
    int crossingQueries = 0;
    size_t hits = 0;
    for (const GeoBox &q : queries) {
        QVERIFY(q.isValid());
        crossingQueries += q.crossesAntimeridian() ? 1 : 0;
        const std::vector<std::uint32_t> expected = bruteForce(boxes, q);
        const std::vector<std::uint32_t> actual = index.query(q);
        if (actual != expected) {
            QFAIL(qPrintable(QStringLiteral("query [%1, %2, %3, %4]: index found %5, brute force %6")
                                 .arg(q.west)
                                 .arg(q.south)
                                 .arg(q.east)
                                 .arg(q.north)
                                 .arg(actual.size())
                                 .arg(expected.size())));
        }
        hits += actual.size();
    }
    QVERIFY(crossingQueries >= 5);
    QVERIFY(hits > 0);
    QCOMPARE(index.query(GeoBox::world()).size(), boxes.size());
}

void TestSpatialIndex::idsNeedNotBeDense()
{
    SpatialIndex index;
    index.add(1000000, GeoBox { 0, 0, 1, 1 });
    index.add(5, GeoBox { 0.5, 0.5, 2, 2 });
    index.add(std::uint32_t(-1), GeoBox { -10, -10, -9, -9 });
    index.finish();
    QCOMPARE(index.query(GeoBox { 0.75, 0.75, 0.8, 0.8 }), (std::vector<std::uint32_t> { 5, 1000000 }));
    QCOMPARE(index.query(GeoBox { -9.5, -9.5, -9.5, -9.5 }), std::vector<std::uint32_t> { std::uint32_t(-1) });
}

void TestSpatialIndex::reFinishAfterMoreAdds()
{
    const std::vector<GeoBox> boxes = randomBoxes(2000, 7);
    SpatialIndex index;
    for (size_t i = 0; i < 1000; ++i) {
        index.add(std::uint32_t(i), boxes[i]);
    }
    index.finish();
    const std::vector<GeoBox> firstHalf(boxes.begin(), boxes.begin() + 1000);
    const GeoBox q { -30, -20, 40, 30 };
    QCOMPARE(index.query(q), bruteForce(firstHalf, q));

    for (size_t i = 1000; i < boxes.size(); ++i) {
        index.add(std::uint32_t(i), boxes[i]);
    }
    index.finish();
    for (const GeoBox &query : { q, GeoBox { 150, -60, -120, 60 }, GeoBox::world(), GeoBox { -5, -5, 5, 5 } }) {
        QCOMPARE(index.query(query), bruteForce(boxes, query));
    }
    // A third round, one entry at a time, each followed by a build.
    std::vector<GeoBox> all = boxes;
    for (int i = 0; i < 20; ++i) {
        const GeoBox b { double(i), double(i), double(i) + 0.5, double(i) + 0.5 };
        all.push_back(b);
        index.add(std::uint32_t(all.size() - 1), b);
        index.finish();
        QCOMPARE(index.query(b), bruteForce(all, b));
    }
    QCOMPARE(index.query(GeoBox::world()).size(), all.size());
}

void TestSpatialIndex::earlyStop()
{
    SpatialIndex index;
    for (std::uint32_t i = 0; i < 500; ++i) {
        index.add(i, GeoBox { double(i % 50), 0, double(i % 50) + 1, 1 });
    }
    index.finish();
    int calls = 0;
    index.query(GeoBox::world(), [&](std::uint32_t) { return ++calls < 3; });
    QCOMPARE(calls, 3);
    // Early stop also ends a crossing query after its first half.
    SpatialIndex crossing;
    crossing.add(1, GeoBox { 170, 0, -170, 1 });
    crossing.finish();
    calls = 0;
    crossing.query(GeoBox { 175, 0, -175, 1 }, [&](std::uint32_t) {
        ++calls;
        return false;
    });
    QCOMPARE(calls, 1);
}

void TestSpatialIndex::clear()
{
    SpatialIndex index;
    index.add(1, GeoBox { 0, 0, 1, 1 });
    index.finish();
    index.clear();
    QCOMPARE(index.size(), size_t(0));
    QVERIFY(!index.isFinished());
    index.add(2, GeoBox { 5, 5, 6, 6 });
    index.finish();
    QCOMPARE(index.query(GeoBox::world()), std::vector<std::uint32_t> { 2 });
}

QTEST_GUILESS_MAIN(TestSpatialIndex)
#include "tst_spatialindex.moc"
