// SpatialTester: each OGC relation on hand-drawn shapes whose answers are worked out on paper (an L
// whose bounding box holds squares it does not touch, shared edges, lines, points, holes), empty and
// broken geometries, and the CQL2 names.
#include <QJsonDocument>
#include <QTest>

#include "src/geo/spatialpredicate.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

Geometry parse(const char *json)
{
    const std::optional<Geometry> g = Geometry::fromGeoJson(QJsonDocument::fromJson(json).object());
    if (!g)
        qFatal("bad test geometry %s", json);
    return *g;
}

Geometry square(double west, double south, double east, double north)
{
    return Geometry::fromBox(GeoBox { west, south, east, north });
}

// The square (0,0)-(10,10) without its upper right part (3,3)-(10,10).
Geometry lShape()
{
    return parse(
        R"({"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 3], [3, 3], [3, 10], [0, 10], [0, 0]]]})");
}

bool holds(SpatialPredicate predicate, const Geometry &a, const Geometry &b)
{
    return SpatialTester(predicate, b).test(a);
}

} // namespace

class TestSpatialPredicate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesFromCql2()
    {
        QCOMPARE(spatialPredicateFromCql2(u"s_intersects"), SpatialPredicate::Intersects);
        QCOMPARE(spatialPredicateFromCql2(u"S_WITHIN"), SpatialPredicate::Within);
        QCOMPARE(spatialPredicateFromCql2(u"s_crosses"), SpatialPredicate::Crosses);
        QVERIFY(!spatialPredicateFromCql2(u"intersects").has_value());
        QVERIFY(!spatialPredicateFromCql2(u"t_before").has_value());
    }

    // A square in the L's empty corner: inside its bounding box, outside the L.
    void bboxIsNotTheShape()
    {
        const Geometry pocket = square(5, 5, 7, 7);
        QVERIFY(!holds(SpatialPredicate::Intersects, pocket, lShape()));
        QVERIFY(holds(SpatialPredicate::Disjoint, pocket, lShape()));
        QVERIFY(!holds(SpatialPredicate::Within, pocket, lShape()));
        QVERIFY(holds(SpatialPredicate::Within, pocket, square(0, 0, 10, 10)));
    }

    void withinAndContainsAreOpposite()
    {
        const Geometry inner = square(0.5, 0.5, 2.5, 2.5);
        QVERIFY(holds(SpatialPredicate::Within, inner, lShape()));
        QVERIFY(!holds(SpatialPredicate::Contains, inner, lShape()));
        QVERIFY(holds(SpatialPredicate::Contains, lShape(), inner));
        QVERIFY(!holds(SpatialPredicate::Within, lShape(), inner));
        // Inside is not overlapping, nor touching.
        QVERIFY(!holds(SpatialPredicate::Overlaps, inner, lShape()));
        QVERIFY(!holds(SpatialPredicate::Touches, inner, lShape()));
    }

    void sharedEdgeTouches()
    {
        const Geometry edge = square(10, 0, 12, 3);
        QVERIFY(holds(SpatialPredicate::Touches, edge, lShape()));
        QVERIFY(holds(SpatialPredicate::Intersects, edge, lShape()));
        QVERIFY(!holds(SpatialPredicate::Overlaps, edge, lShape()));
        QVERIFY(!holds(SpatialPredicate::Disjoint, edge, lShape()));
    }

    void partlyInsideOverlaps()
    {
        const Geometry straddle = square(8, 2, 12, 6);
        QVERIFY(holds(SpatialPredicate::Overlaps, straddle, lShape()));
        QVERIFY(!holds(SpatialPredicate::Within, straddle, lShape()));
        QVERIFY(!holds(SpatialPredicate::Touches, straddle, lShape()));
    }

    // The same point set, drawn from another vertex and the other way round.
    void equalsIgnoresVertexOrder()
    {
        const Geometry reversed = parse(
            R"({"type": "Polygon", "coordinates": [[[3, 3], [10, 3], [10, 0], [0, 0], [0, 10], [3, 10], [3, 3]]]})");
        QVERIFY(holds(SpatialPredicate::Equals, reversed, lShape()));
        QVERIFY(!holds(SpatialPredicate::Equals, square(0, 0, 10, 10), lShape()));
    }

    void linesAndPoints()
    {
        const Geometry square10 = square(0, 0, 10, 10);
        const Geometry through = parse(R"({"type": "LineString", "coordinates": [[-5, 5], [15, 5]]})");
        const Geometry diagonal = parse(R"({"type": "LineString", "coordinates": [[1, 1], [9, 9]]})");
        QVERIFY(holds(SpatialPredicate::Crosses, through, square10));
        QVERIFY(!holds(SpatialPredicate::Within, through, square10));
        QVERIFY(holds(SpatialPredicate::Within, diagonal, square10));
        QVERIFY(!holds(SpatialPredicate::Crosses, diagonal, square10));
        // The diagonal leaves the L through its empty corner.
        QVERIFY(holds(SpatialPredicate::Crosses, diagonal, lShape()));

        QVERIFY(holds(SpatialPredicate::Within, Geometry::point(5, 5), square10));
        QVERIFY(holds(SpatialPredicate::Touches, Geometry::point(10, 5), square10));
        QVERIFY(!holds(SpatialPredicate::Within, Geometry::point(10, 5), square10));
        QVERIFY(holds(SpatialPredicate::Disjoint, Geometry::point(5, 5), lShape()));
    }

    void holesAreOutside()
    {
        const Geometry ring = parse(R"({"type": "Polygon", "coordinates": [
            [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[3, 3], [7, 3], [7, 7], [3, 7], [3, 3]]]})");
        QVERIFY(holds(SpatialPredicate::Disjoint, square(4, 4, 6, 6), ring));
        QVERIFY(holds(SpatialPredicate::Within, square(1, 1, 2, 2), ring));
    }

    void multiPolygonParts()
    {
        const Geometry two = parse(R"({"type": "MultiPolygon", "coordinates": [
            [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], [[[8, 8], [10, 8], [10, 10], [8, 10], [8, 8]]]]})");
        QVERIFY(holds(SpatialPredicate::Within, two, square(0, 0, 10, 10)));
        QVERIFY(holds(SpatialPredicate::Disjoint, square(4, 4, 6, 6), two));
        QVERIFY(holds(SpatialPredicate::Intersects, Geometry::point(9, 9), two));
    }

    void emptyAndBroken()
    {
        QVERIFY(!holds(SpatialPredicate::Intersects, Geometry(), lShape()));
        QVERIFY(holds(SpatialPredicate::Disjoint, Geometry(), lShape()));
        QVERIFY(!holds(SpatialPredicate::Within, lShape(), Geometry()));
        // A bow tie crosses itself; repaired into its left and right triangles, which meet at (5,5).
        const Geometry bowTie
            = parse(R"({"type": "Polygon", "coordinates": [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]]})");
        QVERIFY(holds(SpatialPredicate::Intersects, Geometry::point(2, 5), bowTie));
        QVERIFY(holds(SpatialPredicate::Intersects, Geometry::point(8, 5), bowTie));
        QVERIFY(holds(SpatialPredicate::Disjoint, Geometry::point(5, 2), bowTie));
    }
};

QTEST_GUILESS_MAIN(TestSpatialPredicate)
#include "tst_spatialpredicate.moc"
