// Geodesic area, distance, circles and self-intersection.
#include <cmath>
#include <numbers>

#include <QTest>

#include "src/geo/geodesy.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

Geometry wkt(const QString &text)
{
    QString error;
    const auto g = Geometry::fromWkt(text, &error);
    if (!g) {
        qFatal("bad WKT in test: %s", qPrintable(error));
    }
    return *g;
}

// Exact area of a lon/lat box on the sphere.
double boxArea(double west, double south, double east, double north)
{
    const double r = Geodesy::kEarthRadiusKm;
    const double k = std::numbers::pi / 180.0;
    return r * r * (east - west) * k * (std::sin(north * k) - std::sin(south * k));
}

} // namespace

class TestGeodesy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void area_data()
    {
        QTest::addColumn<QString>("geometry");
        QTest::addColumn<double>("expected");
        QTest::newRow("1x1 at the equator") << u"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"_s << boxArea(0, 0, 1, 1);
        QTest::newRow("clockwise") << u"POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))"_s << boxArea(0, 0, 1, 1);
        QTest::newRow("high latitude") << u"POLYGON ((10 70, 20 70, 20 75, 10 75, 10 70))"_s << boxArea(10, 70, 20, 75);
        QTest::newRow("across 180") << u"POLYGON ((179 -10, -179 -10, -179 -9, 179 -9, 179 -10))"_s
                                    << boxArea(179, -10, 181, -9);
        QTest::newRow("split at 180")
            << u"MULTIPOLYGON (((179 -10, 180 -10, 180 -9, 179 -9, 179 -10)), ((-180 -10, -179 -10, -179 -9, -180 -9, -180 -10)))"_s
            << boxArea(179, -10, 181, -9);
        QTest::newRow("with a hole") << u"POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))"_s
                                     << boxArea(0, 0, 4, 4) - boxArea(1, 1, 2, 2);
        QTest::newRow("point") << u"POINT (3 4)"_s << 0.0;
    }

    void area()
    {
        QFETCH(QString, geometry);
        QFETCH(double, expected);
        const double a = Geodesy::areaKm2(wkt(geometry));
        QVERIFY2(std::abs(a - expected) <= std::max(1e-6, expected * 1e-3), qPrintable(QString::number(a)));
    }

    void circleIsRound()
    {
        for (const auto &[lon, lat, r] :
            { std::tuple { 10.0, 50.0, 25.0 }, std::tuple { 179.9, -16.0, 100.0 }, std::tuple { 0.0, 80.0, 300.0 } }) {
            const Geometry c = Geodesy::circle(lon, lat, r, 72);
            QCOMPARE(c.type(), GeometryType::Polygon);
            QCOMPARE(c.pointCount(), 73);
            const auto xy = c.ring(0);
            QCOMPARE(xy[0], xy[xy.size() - 2]);
            for (size_t i = 0; i + 1 < xy.size(); i += 2) {
                QVERIFY(std::abs(Geodesy::distanceKm(lon, lat, xy[i], xy[i + 1]) - r) < r * 1e-6);
                // GeoJSON longitudes; neighbours are close once the jump at 180 is taken out.
                QVERIFY(xy[i] >= -180.0 && xy[i] <= 180.0);
                if (i >= 2) {
                    QVERIFY(std::abs(std::remainder(xy[i] - xy[i - 2], 360.0)) < 90);
                }
            }
            const double expected = 2 * std::numbers::pi * Geodesy::kEarthRadiusKm * Geodesy::kEarthRadiusKm
                * (1 - std::cos(r / Geodesy::kEarthRadiusKm));
            QVERIFY(std::abs(Geodesy::areaKm2(c) - expected) < expected * 0.01);
        }
        QVERIFY(Geodesy::circle(179.9, -16.0, 100.0).bounds().crossesAntimeridian());
    }

    void distance()
    {
        // A degree of latitude is about 111.2 km on the mean sphere; QtPositioning's figure.
        QVERIFY(std::abs(Geodesy::distanceKm(0, 0, 0, 1) - 111.2) < 0.2);
        QVERIFY(std::abs(Geodesy::distanceKm(179.5, 0, -179.5, 0) - 111.2) < 0.2);
    }

    void selfIntersection_data()
    {
        QTest::addColumn<QString>("geometry");
        QTest::addColumn<bool>("crosses");
        QTest::newRow("square") << u"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"_s << false;
        QTest::newRow("bow tie") << u"POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"_s << true;
        QTest::newRow("concave") << u"POLYGON ((0 0, 4 0, 4 4, 2 1, 0 4, 0 0))"_s << false;
        QTest::newRow("bow tie across 180") << u"POLYGON ((179 0, -179 1, -179 0, 179 1, 179 0))"_s << true;
        QTest::newRow("triangle") << u"POLYGON ((0 0, 1 0, 0 1, 0 0))"_s << false;
    }

    void selfIntersection()
    {
        QFETCH(QString, geometry);
        QFETCH(bool, crosses);
        QCOMPARE(Geodesy::selfIntersects(wkt(geometry)), crosses);
    }
};

QTEST_GUILESS_MAIN(TestGeodesy)
#include "tst_geodesy.moc"
