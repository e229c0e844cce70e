#include <vector>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "src/geo/geometry.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(StacScope::GeometryType)

namespace StacScope {
// Found by QCOMPARE through argument-dependent lookup.
char *toString(const GeoBox &b)
{
    return qstrdup(QByteArray("[" + QByteArray::number(b.west) + ", " + QByteArray::number(b.south) + ", "
        + QByteArray::number(b.east) + ", " + QByteArray::number(b.north) + "]")
                       .constData());
}
char *toString(const Geometry &g)
{
    return qstrdup(g.toWkt().toUtf8().constData());
}
} // namespace StacScope

namespace {

QJsonObject jsonObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qFatal("bad JSON in test data: %s", json.constData());
    }
    return doc.object();
}

Geometry fromJson(const QByteArray &json)
{
    QString error;
    const std::optional<Geometry> g = Geometry::fromGeoJson(jsonObject(json), &error);
    if (!g) {
        qFatal("test geometry did not parse: %s (%s)", json.constData(), qPrintable(error));
    }
    return *g;
}

std::vector<double> coords(const Geometry &g)
{
    return { g.coordinates().begin(), g.coordinates().end() };
}

// The bounds of one part of a geometry, computed directly from its coordinates.
GeoBox partBounds(const Geometry &g, int part)
{
    const std::uint32_t begin = part == 0 ? 0 : g.partEnds()[size_t(part - 1)];
    GeoBox b { 1e9, 1e9, -1e9, -1e9 };
    for (std::uint32_t r = begin; r < g.partEnds()[size_t(part)]; ++r) {
        const auto xy = g.ring(int(r));
        for (size_t i = 0; i + 1 < xy.size(); i += 2) {
            b.west = std::min(b.west, xy[i]);
            b.east = std::max(b.east, xy[i]);
            b.south = std::min(b.south, xy[i + 1]);
            b.north = std::max(b.north, xy[i + 1]);
        }
    }
    return b;
}

const QByteArray kCrossingPolygon
    = R"({"type":"Polygon","coordinates":[[[170,-10],[-170,-10],[-170,10],[170,10],[170,-10]]]})";

} // namespace

class TestGeometry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void typeNames();
    void geoJsonRoundTrip_data();
    void geoJsonRoundTrip();
    void geoJsonStructure();
    void geoJsonEmptyCoordinates();
    void geoJsonDropsZ();
    void geoJsonErrors_data();
    void geoJsonErrors();
    void builderSkipsEmptyArrays();
    void builderInconsistent();
    void bounds_data();
    void bounds();
    void boundsOfFixtureMultiPolygon();
    void antimeridianJump();
    void splitAtAntimeridian();
    void splitFromWestSide();
    void splitWithHole();
    void splitLeavesOthersAlone();
    void fromBox();
    void fromBoxCrossing();
    void point();
    void wktRead_data();
    void wktRead();
    void wktEmpty_data();
    void wktEmpty();
    void wktErrors_data();
    void wktErrors();
    void wktWrite_data();
    void wktWrite();
    void wktWriteEmpty();
    void wktRoundTripOfSplit();
};

void TestGeometry::defaults()
{
    const Geometry g;
    QCOMPARE(g.type(), GeometryType::Empty);
    QVERIFY(g.isEmpty());
    QVERIFY(!g.isAreal());
    QCOMPARE(g.pointCount(), 0);
    QCOMPARE(g.ringCount(), 0);
    QCOMPARE(g.partCount(), 0);
    QCOMPARE(g.bounds(), GeoBox {});
    QVERIFY(g.toGeoJson().isEmpty());
}

void TestGeometry::typeNames()
{
    const QList<std::pair<QString, GeometryType>> names { { u"Point"_s, GeometryType::Point },
        { u"MultiPoint"_s, GeometryType::MultiPoint }, { u"LineString"_s, GeometryType::LineString },
        { u"MultiLineString"_s, GeometryType::MultiLineString }, { u"Polygon"_s, GeometryType::Polygon },
        { u"MultiPolygon"_s, GeometryType::MultiPolygon } };
    for (const auto &[name, type] : names) {
        QCOMPARE(Geometry::typeFromName(name), std::optional<GeometryType>(type));
        QCOMPARE(Geometry::typeName(type), name);
    }
    QVERIFY(!Geometry::typeFromName(u"polygon").has_value()); // GeoJSON names are case-sensitive
    QVERIFY(!Geometry::typeFromName(u"GeometryCollection").has_value());
    QVERIFY(!Geometry::typeFromName(u"").has_value());
    QVERIFY(Geometry::typeName(GeometryType::Empty).isEmpty());
}

void TestGeometry::geoJsonRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<GeometryType>("type");
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("rings");
    QTest::addColumn<int>("parts");

    QTest::newRow("Point") << QByteArray(R"({"type":"Point","coordinates":[13.4,52.5]})") << GeometryType::Point << 1
                           << 1 << 1;
    QTest::newRow("MultiPoint") << QByteArray(R"({"type":"MultiPoint","coordinates":[[1.5,2.5],[3.5,4.5],[5,6]]})")
                                << GeometryType::MultiPoint << 3 << 1 << 1;
    QTest::newRow("LineString") << QByteArray(R"({"type":"LineString","coordinates":[[30,10],[10,30],[40,40]]})")
                                << GeometryType::LineString << 3 << 1 << 1;
    QTest::newRow("MultiLineString") << QByteArray(
        R"({"type":"MultiLineString","coordinates":[[[10,10],[20,20]],[[40,40],[30,30],[40,20]]]})")
                                     << GeometryType::MultiLineString << 5 << 2 << 2;
    QTest::newRow("Polygon") << QByteArray(R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]]]})")
                             << GeometryType::Polygon << 5 << 1 << 1;
    QTest::newRow("Polygon with hole") << QByteArray(
        R"({"type":"Polygon","coordinates":[[[35,10],[45,45],[15,40],[10,20],[35,10]],)"
        R"([[20,30],[35,35],[30,20],[20,30]]]})")
                                       << GeometryType::Polygon << 9 << 2 << 1;
    QTest::newRow("MultiPolygon") << QByteArray(
        R"({"type":"MultiPolygon","coordinates":[[[[40,40],[20,45],[45,30],[40,40]]],)"
        R"([[[20,35],[10,30],[10,10],[30,5],[45,20],[20,35]],[[30,20],[20,15],[20,25],[30,20]]]]})")
                                  << GeometryType::MultiPolygon << 14 << 3 << 2;
}

void TestGeometry::geoJsonRoundTrip()
{
    QFETCH(QByteArray, json);
    QFETCH(GeometryType, type);
    QFETCH(int, points);
    QFETCH(int, rings);
    QFETCH(int, parts);

    const QJsonObject object = jsonObject(json);
    QString error;
    const std::optional<Geometry> g = Geometry::fromGeoJson(object, &error);
    QVERIFY2(g, qPrintable(error));
    QCOMPARE(g->type(), type);
    QVERIFY(!g->isEmpty());
    QCOMPARE(g->isAreal(), type == GeometryType::Polygon || type == GeometryType::MultiPolygon);
    QCOMPARE(g->pointCount(), points);
    QCOMPARE(g->ringCount(), rings);
    QCOMPARE(g->partCount(), parts);
    QCOMPARE(g->toGeoJson(), object);
    QCOMPARE(Geometry::fromGeoJson(g->toGeoJson()), g);
}

void TestGeometry::geoJsonStructure()
{
    // Ring and part ends of a MultiPolygon with a hole in its second polygon.
    const Geometry g = fromJson(R"({"type":"MultiPolygon","coordinates":[[[[40,40],[20,45],[45,30],[40,40]]],)"
                                R"([[[20,35],[10,30],[10,10],[30,5],[45,20],[20,35]],)"
                                R"([[30,20],[20,15],[20,25],[30,20]]]]})");
    QCOMPARE(g.ringEnds(), (std::vector<std::uint32_t> { 4, 10, 14 }));
    QCOMPARE(g.partEnds(), (std::vector<std::uint32_t> { 1, 3 }));
    const auto hole = g.ring(2);
    QCOMPARE(hole.size(), size_t(8));
    QCOMPARE(hole[0], 30.0);
    QCOMPARE(hole[1], 20.0);
    QCOMPARE(hole[6], 30.0);
    QCOMPARE(hole[7], 20.0);

    // A MultiLineString has one part per line.
    const Geometry lines = fromJson(R"({"type":"MultiLineString","coordinates":[[[1,1],[2,2]],[[3,3],[4,4],[5,5]]]})");
    QCOMPARE(lines.ringEnds(), (std::vector<std::uint32_t> { 2, 5 }));
    QCOMPARE(lines.partEnds(), (std::vector<std::uint32_t> { 1, 2 }));
    QCOMPARE(coords(lines), (std::vector<double> { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 }));
}

void TestGeometry::geoJsonEmptyCoordinates()
{
    for (const char *type : { "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon" }) {
        const QByteArray json = QByteArray(R"({"type":")") + type + R"(","coordinates":[]})";
        QString error;
        const auto g = Geometry::fromGeoJson(jsonObject(json), &error);
        QVERIFY2(g, qPrintable(error));
        QCOMPARE(g->type(), Geometry::typeFromName(QString::fromLatin1(type)).value());
        QVERIFY(g->isEmpty());
        QCOMPARE(g->ringCount(), 0);
        QCOMPARE(g->partCount(), 0);
        QCOMPARE(g->toGeoJson(), jsonObject(json));
    }
    // Nested empty arrays are empty too.
    const auto g = Geometry::fromGeoJson(jsonObject(R"({"type":"Polygon","coordinates":[[]]})"));
    QVERIFY(g);
    QVERIFY(g->isEmpty());
}

void TestGeometry::geoJsonDropsZ()
{
    const Geometry g = fromJson(R"({"type":"LineString","coordinates":[[1,2,100],[3,4,200.5]]})");
    QCOMPARE(coords(g), (std::vector<double> { 1, 2, 3, 4 }));
    QCOMPARE(g.toGeoJson(), jsonObject(R"({"type":"LineString","coordinates":[[1,2],[3,4]]})"));
    const Geometry p = fromJson(R"({"type":"Point","coordinates":[6.5,45.25,4807.8]})");
    QCOMPARE(coords(p), (std::vector<double> { 6.5, 45.25 }));
}

void TestGeometry::geoJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    QTest::newRow("no type") << QByteArray(R"({"coordinates":[1,2]})") << u"geometry has no \"type\""_s;
    QTest::newRow("collection") << QByteArray(R"({"type":"GeometryCollection","geometries":[]})")
                                << u"unsupported geometry type \"GeometryCollection\""_s;
    QTest::newRow("lower-case type") << QByteArray(R"({"type":"point","coordinates":[1,2]})")
                                     << u"unsupported geometry type \"point\""_s;
    QTest::newRow("no coordinates") << QByteArray(R"({"type":"Point"})")
                                    << u"geometry \"coordinates\" is not an array"_s;
    QTest::newRow("coordinates object") << QByteArray(R"({"type":"Point","coordinates":{"x":1}})")
                                        << u"geometry \"coordinates\" is not an array"_s;
    QTest::newRow("position of one number") << QByteArray(R"({"type":"Point","coordinates":[1]})")
                                            << u"Point coordinates must be nested arrays of [lon, lat] numbers"_s;
    QTest::newRow("string latitude") << QByteArray(R"({"type":"Point","coordinates":[1,"2"]})")
                                     << u"Point coordinates must be nested arrays of [lon, lat] numbers"_s;
    QTest::newRow("string in a ring") << QByteArray(R"({"type":"Polygon","coordinates":[[[0,0],"x",[1,1],[0,0]]]})")
                                      << u"Polygon coordinates must be nested arrays of [lon, lat] numbers"_s;
    QTest::newRow("Point too deep") << QByteArray(R"({"type":"Point","coordinates":[[1,2]]})")
                                    << u"a Point needs a position [lon, lat]"_s;
    QTest::newRow("LineString as a position")
        << QByteArray(R"({"type":"LineString","coordinates":[1,2]})") << u"a LineString needs an array of positions"_s;
    QTest::newRow("Polygon without ring level")
        << QByteArray(R"({"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]})")
        << u"a Polygon needs an array of arrays of positions"_s;
    QTest::newRow("flat Polygon") << QByteArray(R"({"type":"Polygon","coordinates":[0,0,1,0,1,1,0,0]})")
                                  << u"a Polygon needs an array of arrays of positions"_s;
    QTest::newRow("MultiPolygon as Polygon")
        << QByteArray(R"({"type":"MultiPolygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]})")
        << u"a MultiPolygon needs an array of polygons"_s;
    QTest::newRow("mixed depth") << QByteArray(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[5,6]]})")
                                 << u"Polygon coordinates are nested inconsistently"_s;
    QTest::newRow("position beside ring")
        << QByteArray(R"({"type":"MultiLineString","coordinates":[[1,2],[[3,4],[5,6]]]})")
        << u"MultiLineString coordinates are nested inconsistently"_s;
}

void TestGeometry::geoJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    const std::optional<Geometry> g = Geometry::fromGeoJson(jsonObject(json), &error);
    QVERIFY(!g);
    QCOMPARE(error, message);
    QVERIFY(!Geometry::fromGeoJson(jsonObject(json)).has_value()); // no error pointer: no crash
}

void TestGeometry::builderSkipsEmptyArrays()
{
    // A walk over [[[0,0],[1,0],[1,1],[0,0]], []] for a Polygon: the empty ring is dropped.
    GeometryBuilder b;
    b.beginArray();
    b.beginArray();
    b.position(0, 0);
    b.position(1, 0);
    b.position(1, 1);
    b.position(0, 0);
    b.endArray();
    b.beginArray();
    b.endArray();
    b.endArray();
    QString error;
    const auto g = b.finish(GeometryType::Polygon, &error);
    QVERIFY2(g, qPrintable(error));
    QCOMPARE(g->ringCount(), 1);
    QCOMPARE(g->partCount(), 1);
    QCOMPARE(g->pointCount(), 4);
}

void TestGeometry::builderInconsistent()
{
    GeometryBuilder unbalanced;
    unbalanced.beginArray();
    unbalanced.position(1, 2);
    QString error;
    QVERIFY(!unbalanced.finish(GeometryType::MultiPoint, &error));
    QCOMPARE(error, u"MultiPoint coordinates are nested inconsistently"_s);

    GeometryBuilder extraEnd;
    extraEnd.position(1, 2);
    extraEnd.endArray();
    QVERIFY(!extraEnd.finish(GeometryType::Point, &error));
    QCOMPARE(error, u"Point coordinates are nested inconsistently"_s);
}

void TestGeometry::bounds_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<GeoBox>("expected");

    QTest::newRow("point") << QByteArray(R"({"type":"Point","coordinates":[13.5,52.25]})")
                           << GeoBox { 13.5, 52.25, 13.5, 52.25 };
    QTest::newRow("polygon") << QByteArray(
        R"({"type":"Polygon","coordinates":[[[-3.5,40],[-3,40.5],[-3.25,41],[-3.5,40]]]})")
                             << GeoBox { -3.5, 40, -3, 41 };
    QTest::newRow("two polygons apart") << QByteArray(
        R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[10,-5],[11,-5],[11,-4],[10,-5]]]]})")
                                        << GeoBox { 0, -5, 11, 1 };
    QTest::newRow("340-degree edge, from the east side") << kCrossingPolygon << GeoBox { 170, -10, -170, 10 };
    QTest::newRow("340-degree edge, from the west side")
        << QByteArray(R"({"type":"Polygon","coordinates":[[[-170,-10],[170,-10],[170,10],[-170,10],[-170,-10]]]})")
        << GeoBox { 170, -10, -170, 10 };
    QTest::newRow("split parts touching 180")
        << QByteArray(R"({"type":"MultiPolygon","coordinates":[[[[175,0],[180,0],[180,5],[175,5],[175,0]]],)"
                      R"([[[-180,0],[-178,0],[-178,5],[-180,5],[-180,0]]]]})")
        << GeoBox { 175, 0, -178, 5 };
    QTest::newRow("line across 180") << QByteArray(R"({"type":"LineString","coordinates":[[179,1],[-179,2]]})")
                                     << GeoBox { 179, 1, -179, 2 };
    QTest::newRow("polar, no crossing") << QByteArray(
        R"({"type":"Polygon","coordinates":[[[10.12,79.4],[15.48,79.43],[15.53,80.42],[9.62,80.38],[10.12,79.4]]]})")
                                        << GeoBox { 9.62, 79.4, 15.53, 80.42 };
    QTest::newRow("empty polygon") << QByteArray(R"({"type":"Polygon","coordinates":[]})") << GeoBox {};
}

void TestGeometry::bounds()
{
    QFETCH(QByteArray, json);
    QFETCH(GeoBox, expected);
    QCOMPARE(fromJson(json).bounds(), expected);
}

void TestGeometry::boundsOfFixtureMultiPolygon()
{
    QFile file(QStringLiteral(STACSCOPE_TEST_FIXTURES "/stac/item-antimeridian-multipolygon.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject item = QJsonDocument::fromJson(file.readAll()).object();
    const auto g = Geometry::fromGeoJson(item.value(u"geometry"_s).toObject());
    QVERIFY(g);
    QCOMPARE(g->type(), GeometryType::MultiPolygon);
    QCOMPARE(g->partCount(), 2);
    const GeoBox b = g->bounds();
    QVERIFY(b.crossesAntimeridian());
    // The item's own bbox says the same.
    QCOMPARE(b, GeoBox::fromJson(item.value(u"bbox"_s).toArray()).value());
    // Already split at 180: no jump to split again.
    QVERIFY(!g->hasAntimeridianJump());
    QCOMPARE(g->splitAtAntimeridian(), *g);
}

void TestGeometry::antimeridianJump()
{
    QVERIFY(fromJson(kCrossingPolygon).hasAntimeridianJump());
    QVERIFY(!fromJson(R"({"type":"Polygon","coordinates":[[[0,0],[179,0],[179,1],[0,0]]]})").hasAntimeridianJump());
    // Exactly 180 degrees is not a jump.
    QVERIFY(!fromJson(R"({"type":"LineString","coordinates":[[-90,0],[90,0]]})").hasAntimeridianJump());
    QVERIFY(fromJson(R"({"type":"LineString","coordinates":[[-90,0],[90.5,0]]})").hasAntimeridianJump());
}

void TestGeometry::splitAtAntimeridian()
{
    const Geometry g = fromJson(kCrossingPolygon);
    const Geometry split = g.splitAtAntimeridian();
    QCOMPARE(split.type(), GeometryType::MultiPolygon);
    QCOMPARE(split.partCount(), 2);
    QCOMPARE(split.ringCount(), 2);
    QVERIFY(!split.hasAntimeridianJump());
    // West of 180 first, then the east side shifted back into [-180, -170].
    QCOMPARE(coords(split),
        (std::vector<double> { 170, -10, 180, -10, 180, 10, 170, 10, 170, -10, //
            -180, -10, -170, -10, -170, 10, -180, 10, -180, -10 }));
    QCOMPARE(split.bounds(), g.bounds());
    // And it is valid GeoJSON again.
    QCOMPARE(Geometry::fromGeoJson(split.toGeoJson()), split);
}

void TestGeometry::splitFromWestSide()
{
    // The same shape written from its western vertex: unwrapping runs below -180.
    const Geometry g
        = fromJson(R"({"type":"Polygon","coordinates":[[[-170,-10],[170,-10],[170,10],[-170,10],[-170,-10]]]})");
    const Geometry split = g.splitAtAntimeridian();
    QCOMPARE(split.type(), GeometryType::MultiPolygon);
    QCOMPARE(split.partCount(), 2);
    QCOMPARE(partBounds(split, 0), (GeoBox { 170, -10, 180, 10 }));
    QCOMPARE(partBounds(split, 1), (GeoBox { -180, -10, -170, 10 }));
    for (int r = 0; r < split.ringCount(); ++r) {
        const auto ring = split.ring(r);
        QCOMPARE(ring[0], ring[ring.size() - 2]); // closed
        QCOMPARE(ring[1], ring[ring.size() - 1]);
        QVERIFY(ring.size() >= 8);
    }
    QCOMPARE(split.bounds(), (GeoBox { 170, -10, -170, 10 }));
}

void TestGeometry::splitWithHole()
{
    // A square across 180 with a hole east of 180 (written in negative longitudes).
    const Geometry g = fromJson(R"({"type":"Polygon","coordinates":[)"
                                R"([[170,-10],[-170,-10],[-170,10],[170,10],[170,-10]],)"
                                R"([[-178,-2],[-178,2],[-174,2],[-174,-2],[-178,-2]]]})");
    const Geometry split = g.splitAtAntimeridian();
    QCOMPARE(split.partCount(), 2);
    QCOMPARE(split.partEnds(), (std::vector<std::uint32_t> { 1, 3 })); // the hole goes with the east part
    QCOMPARE(partBounds(split, 0), (GeoBox { 170, -10, 180, 10 }));
    QCOMPARE(partBounds(split, 1), (GeoBox { -180, -10, -170, 10 }));
    const auto hole = split.ring(2);
    QCOMPARE(hole.size(), size_t(10));
    for (size_t i = 0; i < hole.size(); i += 2) {
        QVERIFY2(hole[i] >= -178 && hole[i] <= -174, qPrintable(QString::number(hole[i])));
    }
}

void TestGeometry::splitLeavesOthersAlone()
{
    const Geometry plain = fromJson(R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,0]]]})");
    QCOMPARE(plain.splitAtAntimeridian(), plain);
    // Lines are not areal: kept as they are even across 180.
    const Geometry line = fromJson(R"({"type":"LineString","coordinates":[[179,1],[-179,2]]})");
    QCOMPARE(line.splitAtAntimeridian(), line);
    QCOMPARE(Geometry().splitAtAntimeridian(), Geometry());
}

void TestGeometry::fromBox()
{
    const Geometry g = Geometry::fromBox(GeoBox { 10, 40, 12, 42 });
    QCOMPARE(g.type(), GeometryType::Polygon);
    QCOMPARE(g.partCount(), 1);
    QCOMPARE(g.ringCount(), 1);
    QCOMPARE(coords(g), (std::vector<double> { 10, 40, 12, 40, 12, 42, 10, 42, 10, 40 }));
    QCOMPARE(g.bounds(), (GeoBox { 10, 40, 12, 42 }));
    QCOMPARE(g.toWkt(), u"POLYGON ((10 40, 12 40, 12 42, 10 42, 10 40))"_s);
}

void TestGeometry::fromBoxCrossing()
{
    const GeoBox box { 170, -10, -170, 10 };
    const Geometry g = Geometry::fromBox(box);
    QCOMPARE(g.type(), GeometryType::MultiPolygon);
    QCOMPARE(g.partCount(), 2);
    QCOMPARE(g.ringCount(), 2);
    QCOMPARE(coords(g),
        (std::vector<double> { 170, -10, 180, -10, 180, 10, 170, 10, 170, -10, //
            -180, -10, -170, -10, -170, 10, -180, 10, -180, -10 }));
    QCOMPARE(g.bounds(), box);
    QVERIFY(!g.hasAntimeridianJump());
    // The same as splitting the unsplit polygon.
    QCOMPARE(g, fromJson(kCrossingPolygon).splitAtAntimeridian());
}

void TestGeometry::point()
{
    const Geometry p = Geometry::point(-122.5, 38.25);
    QCOMPARE(p.type(), GeometryType::Point);
    QCOMPARE(p.pointCount(), 1);
    QCOMPARE(p.ringCount(), 1);
    QCOMPARE(p.partCount(), 1);
    QCOMPARE(p, fromJson(R"({"type":"Point","coordinates":[-122.5,38.25]})"));
    QCOMPARE(p.toWkt(), u"POINT (-122.5 38.25)"_s);
}

void TestGeometry::wktRead_data()
{
    QTest::addColumn<QString>("wkt");
    QTest::addColumn<QByteArray>("geoJson");

    QTest::newRow("POINT") << u"POINT (1 2)"_s << QByteArray(R"({"type":"Point","coordinates":[1,2]})");
    QTest::newRow("POINT, no space, lower case")
        << u"point(1 2)"_s << QByteArray(R"({"type":"Point","coordinates":[1,2]})");
    QTest::newRow("POINT, signs and exponents")
        << u"  POINT ( -1.5e1   2.25 )  "_s << QByteArray(R"({"type":"Point","coordinates":[-15,2.25]})");
    QTest::newRow("POINT Z") << u"POINT Z (1 2 3)"_s << QByteArray(R"({"type":"Point","coordinates":[1,2]})");
    QTest::newRow("POINT ZM") << u"POINT ZM (1 2 3 4)"_s << QByteArray(R"({"type":"Point","coordinates":[1,2]})");
    QTest::newRow("POINT, unnamed Z") << u"POINT (1 2 3)"_s << QByteArray(R"({"type":"Point","coordinates":[1,2]})");
    QTest::newRow("MULTIPOINT, wrapped points")
        << u"MULTIPOINT ((1 2),(3 4))"_s << QByteArray(R"({"type":"MultiPoint","coordinates":[[1,2],[3,4]]})");
    QTest::newRow("MULTIPOINT, bare points")
        << u"MULTIPOINT (1 2, 3 4)"_s << QByteArray(R"({"type":"MultiPoint","coordinates":[[1,2],[3,4]]})");
    QTest::newRow("MULTIPOINT Z") << u"MULTIPOINT Z ((1 2 9), (3 4 9))"_s
                                  << QByteArray(R"({"type":"MultiPoint","coordinates":[[1,2],[3,4]]})");
    QTest::newRow("LINESTRING") << u"LINESTRING (30 10, 10 30, 40 40)"_s
                                << QByteArray(R"({"type":"LineString","coordinates":[[30,10],[10,30],[40,40]]})");
    QTest::newRow("LINESTRING ZM") << u"LINESTRING ZM (1 2 3 4, 5 6 7 8)"_s
                                   << QByteArray(R"({"type":"LineString","coordinates":[[1,2],[5,6]]})");
    QTest::newRow("MULTILINESTRING")
        << u"MULTILINESTRING ((10 10, 20 20), (40 40, 30 30, 40 20))"_s
        << QByteArray(R"({"type":"MultiLineString","coordinates":[[[10,10],[20,20]],[[40,40],[30,30],[40,20]]]})");
    QTest::newRow("POLYGON") << u"POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))"_s
                             << QByteArray(R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]]]})");
    QTest::newRow("POLYGON with hole")
        << u"POLYGON ((35 10, 45 45, 15 40, 10 20, 35 10),\n (20 30, 35 35, 30 20, 20 30))"_s
        << QByteArray(R"({"type":"Polygon","coordinates":[[[35,10],[45,45],[15,40],[10,20],[35,10]],)"
                      R"([[20,30],[35,35],[30,20],[20,30]]]})");
    QTest::newRow("POLYGON Z") << u"POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))"_s
                               << QByteArray(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]})");
    QTest::newRow("MULTIPOLYGON")
        << u"MULTIPOLYGON (((40 40, 20 45, 45 30, 40 40)), ((20 35, 10 30, 10 10, 30 5, 45 20, 20 35), "
           u"(30 20, 20 15, 20 25, 30 20)))"_s
        << QByteArray(R"({"type":"MultiPolygon","coordinates":[[[[40,40],[20,45],[45,30],[40,40]]],)"
                      R"([[[20,35],[10,30],[10,10],[30,5],[45,20],[20,35]],[[30,20],[20,15],[20,25],[30,20]]]]})");
}

void TestGeometry::wktRead()
{
    QFETCH(QString, wkt);
    QFETCH(QByteArray, geoJson);
    QString error;
    const std::optional<Geometry> g = Geometry::fromWkt(wkt, &error);
    QVERIFY2(g, qPrintable(error));
    QCOMPARE(*g, fromJson(geoJson));
}

void TestGeometry::wktEmpty_data()
{
    QTest::addColumn<QString>("wkt");
    QTest::addColumn<GeometryType>("type");
    QTest::addColumn<QString>("written");

    QTest::newRow("POINT EMPTY") << u"POINT EMPTY"_s << GeometryType::Point << u"POINT EMPTY"_s;
    QTest::newRow("polygon empty") << u"polygon empty"_s << GeometryType::Polygon << u"POLYGON EMPTY"_s;
    QTest::newRow("POLYGON Z EMPTY") << u"POLYGON Z EMPTY"_s << GeometryType::Polygon << u"POLYGON EMPTY"_s;
    QTest::newRow("MULTIPOLYGON EMPTY") << u"MULTIPOLYGON EMPTY"_s << GeometryType::MultiPolygon
                                        << u"MULTIPOLYGON EMPTY"_s;
    QTest::newRow("LINESTRING EMPTY") << u" LINESTRING  EMPTY "_s << GeometryType::LineString << u"LINESTRING EMPTY"_s;
}

void TestGeometry::wktEmpty()
{
    QFETCH(QString, wkt);
    QFETCH(GeometryType, type);
    QFETCH(QString, written);
    QString error;
    const std::optional<Geometry> g = Geometry::fromWkt(wkt, &error);
    QVERIFY2(g, qPrintable(error));
    QCOMPARE(g->type(), type);
    QVERIFY(g->isEmpty());
    QCOMPARE(g->toWkt(), written);
}

void TestGeometry::wktErrors_data()
{
    QTest::addColumn<QString>("wkt");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty text") << QString() << u"expected a geometry keyword such as POLYGON"_s;
    QTest::newRow("number first") << u"(1 2)"_s << u"expected a geometry keyword such as POLYGON"_s;
    QTest::newRow("unknown keyword") << u"CIRCLE (1 2)"_s << u"unknown WKT geometry \"CIRCLE\""_s;
    QTest::newRow("no parenthesis") << u"POINT 1 2"_s << u"expected '(' at column 7"_s;
    QTest::newRow("unclosed point") << u"POINT (1 2"_s << u"expected ')' at column 11"_s;
    QTest::newRow("letter for a number") << u"POINT (1 x)"_s << u"expected a number at column 10"_s;
    QTest::newRow("missing y") << u"LINESTRING (1 2, 3)"_s << u"expected a number at column 19"_s;
    QTest::newRow("five ordinates") << u"POINT (1 2 3 4 5)"_s << u"expected ')' at column 16"_s;
    QTest::newRow("two points in POINT") << u"POINT (1 2, 3 4)"_s << u"expected ')' at column 11"_s;
    QTest::newRow("trailing text") << u"POINT (1 2) extra"_s << u"unexpected text at column 13"_s;
    QTest::newRow("unclosed polygon") << u"POLYGON ((0 0, 1 0, 1 1, 0 0)"_s << u"expected ')' at column 30"_s;
    QTest::newRow("mixed MULTIPOINT") << u"MULTIPOINT ((1 2), 3 4)"_s << u"expected '(' at column 20"_s;
    QTest::newRow("POLYGON without ring level")
        << u"POLYGON (0 0, 1 0, 1 1, 0 0)"_s << u"a Polygon needs an array of arrays of positions"_s;
    QTest::newRow("MULTIPOLYGON as POLYGON")
        << u"MULTIPOLYGON ((0 0, 1 0, 1 1, 0 0))"_s << u"a MultiPolygon needs an array of polygons"_s;
    QTest::newRow("EMPTY then more") << u"POINT EMPTY (1 2)"_s << u"unexpected text at column 13"_s;
}

void TestGeometry::wktErrors()
{
    QFETCH(QString, wkt);
    QFETCH(QString, message);
    QString error;
    const std::optional<Geometry> g = Geometry::fromWkt(wkt, &error);
    QVERIFY2(!g, qPrintable(g ? g->toWkt() : QString()));
    QCOMPARE(error, message);
    QVERIFY(!Geometry::fromWkt(wkt).has_value());
}

void TestGeometry::wktWrite_data()
{
    QTest::addColumn<QByteArray>("geoJson");
    QTest::addColumn<QString>("wkt");

    QTest::newRow("Point") << QByteArray(R"({"type":"Point","coordinates":[-122.5978,38.7376]})")
                           << u"POINT (-122.5978 38.7376)"_s;
    QTest::newRow("MultiPoint") << QByteArray(R"({"type":"MultiPoint","coordinates":[[1,2],[3,4]]})")
                                << u"MULTIPOINT (1 2, 3 4)"_s;
    QTest::newRow("LineString") << QByteArray(R"({"type":"LineString","coordinates":[[30,10],[10,30],[40,40]]})")
                                << u"LINESTRING (30 10, 10 30, 40 40)"_s;
    QTest::newRow("MultiLineString") << QByteArray(
        R"({"type":"MultiLineString","coordinates":[[[10,10],[20,20]],[[40,40],[30,30],[40,20]]]})")
                                     << u"MULTILINESTRING ((10 10, 20 20), (40 40, 30 30, 40 20))"_s;
    QTest::newRow("Polygon with hole")
        << QByteArray(R"({"type":"Polygon","coordinates":[[[35,10],[45,45],[15,40],[10,20],[35,10]],)"
                      R"([[20,30],[35,35],[30,20],[20,30]]]})")
        << u"POLYGON ((35 10, 45 45, 15 40, 10 20, 35 10), (20 30, 35 35, 30 20, 20 30))"_s;
    QTest::newRow("MultiPolygon")
        << QByteArray(R"({"type":"MultiPolygon","coordinates":[[[[30,20],[45,40],[10,40],[30,20]]],)"
                      R"([[[15,5],[40,10],[10,20],[5,10],[15,5]]]]})")
        << u"MULTIPOLYGON (((30 20, 45 40, 10 40, 30 20)), ((15 5, 40 10, 10 20, 5 10, 15 5)))"_s;
    QTest::newRow("fine fractions") << QByteArray(R"({"type":"Point","coordinates":[12.3204861,-48.7421354]})")
                                    << u"POINT (12.3204861 -48.7421354)"_s;
}

void TestGeometry::wktWrite()
{
    QFETCH(QByteArray, geoJson);
    QFETCH(QString, wkt);
    const Geometry g = fromJson(geoJson);
    QCOMPARE(g.toWkt(), wkt);
    // And back.
    QString error;
    const auto back = Geometry::fromWkt(wkt, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, g);
}

void TestGeometry::wktWriteEmpty()
{
    QCOMPARE(Geometry().toWkt(), u"GEOMETRYCOLLECTION EMPTY"_s);
    const auto emptyLine = Geometry::fromGeoJson(jsonObject(R"({"type":"LineString","coordinates":[]})"));
    QVERIFY(emptyLine);
    QCOMPARE(emptyLine->toWkt(), u"LINESTRING EMPTY"_s);
}

void TestGeometry::wktRoundTripOfSplit()
{
    const Geometry split = fromJson(kCrossingPolygon).splitAtAntimeridian();
    const QString wkt = split.toWkt();
    QVERIFY(wkt.startsWith(u"MULTIPOLYGON ((("_s));
    const auto back = Geometry::fromWkt(wkt);
    QVERIFY(back);
    QCOMPARE(*back, split);
}

QTEST_GUILESS_MAIN(TestGeometry)
#include "tst_geometry.moc"
