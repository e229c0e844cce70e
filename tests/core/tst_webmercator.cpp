#include <cmath>

#include <QTest>

#include "src/geo/webmercator.h"

using namespace StacScope;

namespace {

bool near(double a, double b, double tolerance)
{
    return std::abs(a - b) <= tolerance;
}

constexpr double kHalfWorldMetres = 20037508.342789244; // EPSG:3857 extent

} // namespace

class TestWebMercator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void constants();
    void lonToX_data();
    void lonToX();
    void latToY_data();
    void latToY();
    void clampLatitude_data();
    void clampLatitude();
    void yToLatAtEdges();
    void roundTrip_data();
    void roundTrip();
    void metres_data();
    void metres();
    void monotonic();
};

void TestWebMercator::constants()
{
    QCOMPARE(WebMercator::kHalfWorld, kHalfWorldMetres);
    // The latitude limit is where the map becomes square: y reaches exactly the top edge.
    QVERIFY(near(WebMercator::latToY(WebMercator::kMaxLatitude), 0.0, 1e-12));
    QVERIFY(near(WebMercator::latToY(-WebMercator::kMaxLatitude), 1.0, 1e-12));
    QVERIFY(near(WebMercator::yToLat(0.0), WebMercator::kMaxLatitude, 1e-9));
}

void TestWebMercator::lonToX_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("x");

    QTest::newRow("-180") << -180.0 << 0.0;
    QTest::newRow("-90") << -90.0 << 0.25;
    QTest::newRow("0") << 0.0 << 0.5;
    QTest::newRow("90") << 90.0 << 0.75;
    QTest::newRow("180") << 180.0 << 1.0;
    // Outside [-180, 180] maps outside [0, 1], keeping shapes across 180 continuous.
    QTest::newRow("190") << 190.0 << 370.0 / 360.0;
    QTest::newRow("-270") << -270.0 << -0.25;
}

void TestWebMercator::lonToX()
{
    QFETCH(double, lon);
    QFETCH(double, x);
    QCOMPARE(WebMercator::lonToX(lon), x);
    QCOMPARE(WebMercator::xToLon(x), lon);
}

void TestWebMercator::latToY_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("y");

    QTest::newRow("equator") << 0.0 << 0.5;
    QTest::newRow("max") << 85.0511287798066 << 0.0;
    QTest::newRow("min") << -85.0511287798066 << 1.0;
    QTest::newRow("north pole clamps") << 90.0 << 0.0;
    QTest::newRow("south pole clamps") << -90.0 << 1.0;
    QTest::newRow("beyond clamps") << 123.0 << 0.0;
    // Tile y of zoom 1 splits at the equator; 66.51326 degrees is the edge of tile row 0 at zoom 2.
    QTest::newRow("zoom 2 row edge") << 66.51326044311186 << 0.25;
    QTest::newRow("zoom 2 row edge south") << -66.51326044311186 << 0.75;
}

void TestWebMercator::latToY()
{
    QFETCH(double, lat);
    QFETCH(double, y);
    QVERIFY2(near(WebMercator::latToY(lat), y, 1e-12), qPrintable(QString::number(WebMercator::latToY(lat), 'g', 17)));
}

void TestWebMercator::clampLatitude_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("expected");

    QTest::newRow("inside") << 45.0 << 45.0;
    QTest::newRow("90") << 90.0 << WebMercator::kMaxLatitude;
    QTest::newRow("-90") << -90.0 << -WebMercator::kMaxLatitude;
    QTest::newRow("limit") << WebMercator::kMaxLatitude << WebMercator::kMaxLatitude;
    QTest::newRow("just inside") << 85.05 << 85.05;
}

void TestWebMercator::clampLatitude()
{
    QFETCH(double, lat);
    QFETCH(double, expected);
    QCOMPARE(WebMercator::clampLatitude(lat), expected);
}

void TestWebMercator::yToLatAtEdges()
{
    QVERIFY(near(WebMercator::yToLat(0.0), 85.0511287798066, 1e-9));
    QVERIFY(near(WebMercator::yToLat(1.0), -85.0511287798066, 1e-9));
    QCOMPARE(WebMercator::yToLat(0.5), 0.0);
    QCOMPARE(WebMercator::xToLon(0.0), -180.0);
    QCOMPARE(WebMercator::xToLon(1.0), 180.0);
    QCOMPARE(WebMercator::xToLon(0.5), 0.0);
}

void TestWebMercator::roundTrip_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");

    QTest::newRow("origin") << 0.0 << 0.0;
    QTest::newRow("Berlin") << 13.4050 << 52.5200;
    QTest::newRow("Buenos Aires") << -58.3816 << -34.6037;
    QTest::newRow("Svalbard") << 15.53 << 80.42;
    QTest::newRow("antimeridian east") << 180.0 << -17.1;
    QTest::newRow("antimeridian west") << -180.0 << -17.1;
    QTest::newRow("north edge") << 179.999 << 85.0511;
    QTest::newRow("south edge") << -179.999 << -85.0511;
}

void TestWebMercator::roundTrip()
{
    QFETCH(double, lon);
    QFETCH(double, lat);

    const double x = WebMercator::lonToX(lon);
    const double y = WebMercator::latToY(lat);
    QVERIFY(x >= 0.0 && x <= 1.0);
    QVERIFY(y >= 0.0 && y <= 1.0);
    QVERIFY(near(WebMercator::xToLon(x), lon, 1e-9));
    QVERIFY2(near(WebMercator::yToLat(y), lat, 1e-9), qPrintable(QString::number(WebMercator::yToLat(y), 'g', 17)));

    const double mx = WebMercator::lonToMetres(lon);
    const double my = WebMercator::latToMetres(lat);
    QVERIFY(std::abs(mx) <= kHalfWorldMetres + 1e-6);
    QVERIFY(std::abs(my) <= kHalfWorldMetres + 1e-6);
    QVERIFY(near(WebMercator::metresToLon(mx), lon, 1e-9));
    QVERIFY(near(WebMercator::metresToLat(my), lat, 1e-9));
}

void TestWebMercator::metres_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("mx");
    QTest::addColumn<double>("my");

    QTest::newRow("origin") << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("north-east corner") << 180.0 << 85.0511287798066 << kHalfWorldMetres << kHalfWorldMetres;
    QTest::newRow("south-west corner") << -180.0 << -85.0511287798066 << -kHalfWorldMetres << -kHalfWorldMetres;
    // Reference values from the textbook form y = R ln(tan(pi/4 + lat/2)), computed independently.
    QTest::newRow("Berlin") << 13.4050 << 52.5200 << 1492237.7741 << 6894699.8013;
    QTest::newRow("Sydney") << 151.2093 << -33.8688 << 16832542.2792 << -4011198.6473;
}

void TestWebMercator::metres()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(double, mx);
    QFETCH(double, my);
    QVERIFY2(near(WebMercator::lonToMetres(lon), mx, 0.01),
        qPrintable(QString::number(WebMercator::lonToMetres(lon), 'f', 4)));
    QVERIFY2(near(WebMercator::latToMetres(lat), my, 0.01),
        qPrintable(QString::number(WebMercator::latToMetres(lat), 'f', 4)));
}

void TestWebMercator::monotonic()
{
    // North is up: y falls as latitude rises, over the whole valid range.
    double previous = 2.0;
    for (double lat = -85.0; lat <= 85.0; lat += 0.5) {
        const double y = WebMercator::latToY(lat);
        QVERIFY(y < previous);
        previous = y;
    }
}

QTEST_GUILESS_MAIN(TestWebMercator)
#include "tst_webmercator.moc"
