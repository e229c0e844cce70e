// The polygon, circle and point tools driven by QTest events, and typed coordinates.
#include <QSignalSpy>
#include <QTest>

#include "src/geo/geodesy.h"
#include "ui/aoi/aoicoordinatesdialog.h"
#include "ui/map/circletool.h"
#include "ui/map/mapwidget.h"
#include "ui/map/pointtool.h"
#include "ui/map/polygontool.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestAoiTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_map = std::make_unique<MapWidget>();
        m_map->resize(800, 600);
        m_map->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_map.get()));
        m_map->setZoom(4);
        m_map->setCenterLonLat(10, 45);
    }

    void cleanup() { m_map.reset(); }

    void polygonByClicksAndDoubleClick()
    {
        PolygonTool tool(m_map.get());
        m_map->setTool(&tool);
        QSignalSpy drawn(&tool, &PolygonTool::polygonDrawn);
        const QList<QPoint> clicks { { 200, 200 }, { 400, 180 }, { 420, 380 }, { 210, 400 } };
        for (const QPoint &p : clicks) {
            QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, p);
        }
        QCOMPARE(tool.vertexCount(), 4);
        // A double-click on the last vertex closes without adding one.
        QTest::mouseDClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, clicks.last());
        QTest::mouseRelease(m_map.get(), Qt::LeftButton, Qt::NoModifier, clicks.last());
        QCOMPARE(drawn.count(), 1);
        QCOMPARE(tool.vertexCount(), 0);
        const Geometry g = drawn.at(0).at(0).value<Geometry>();
        QCOMPARE(g.type(), GeometryType::Polygon);
        QCOMPARE(g.pointCount(), 5);
        const auto xy = g.ring(0);
        for (int i = 0; i < clicks.size(); ++i) {
            const QPointF expected = m_map->viewport().screenToLonLat(clicks[i]);
            QVERIFY(std::abs(xy[2 * size_t(i)] - expected.x()) < 1e-9);
            QVERIFY(std::abs(xy[2 * size_t(i) + 1] - expected.y()) < 1e-9);
        }
        QCOMPARE(xy[0], xy[8]);
    }

    void polygonKeys()
    {
        PolygonTool tool(m_map.get());
        m_map->setTool(&tool);
        QSignalSpy drawn(&tool, &PolygonTool::polygonDrawn);
        QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
        QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(300, 100));
        QTest::keyClick(m_map.get(), Qt::Key_Return); // two vertices are not a polygon
        QCOMPARE(drawn.count(), 0);
        QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(300, 300));
        QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(600, 500));
        QTest::keyClick(m_map.get(), Qt::Key_Backspace);
        QCOMPARE(tool.vertexCount(), 3);
        QTest::keyClick(m_map.get(), Qt::Key_Enter);
        QCOMPARE(drawn.count(), 1);
        QCOMPARE(drawn.at(0).at(0).value<Geometry>().pointCount(), 4);
        // Esc throws away a polygon in progress.
        QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
        QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(200, 100));
        QTest::keyClick(m_map.get(), Qt::Key_Escape);
        QCOMPARE(tool.vertexCount(), 0);
        QTest::keyClick(m_map.get(), Qt::Key_Return);
        QCOMPARE(drawn.count(), 1);
    }

    void polygonAcrossTheAntimeridian()
    {
        m_map->setCenterLonLat(180, -17);
        PolygonTool tool(m_map.get());
        m_map->setTool(&tool);
        QSignalSpy drawn(&tool, &PolygonTool::polygonDrawn);
        for (const QPoint p : { QPoint(300, 250), QPoint(500, 250), QPoint(500, 350), QPoint(300, 350) }) {
            QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, p);
        }
        QTest::keyClick(m_map.get(), Qt::Key_Return);
        QCOMPARE(drawn.count(), 1);
        const Geometry g = drawn.at(0).at(0).value<Geometry>();
        QVERIFY(g.bounds().crossesAntimeridian());
        // The split form for `intersects` has a part on each side.
        QCOMPARE(g.splitAtAntimeridian().partCount(), 2);
    }

    void circleByDrag()
    {
        CircleTool tool(m_map.get());
        m_map->setTool(&tool);
        QSignalSpy drawn(&tool, &CircleTool::circleDrawn);
        QTest::mousePress(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(400, 300));
        QTest::mouseMove(m_map.get(), QPoint(450, 300));
        QTest::mouseRelease(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(500, 300));
        QCOMPARE(drawn.count(), 1);
        const QPointF c = m_map->viewport().screenToLonLat({ 400, 300 });
        const QPointF e = m_map->viewport().screenToLonLat({ 500, 300 });
        const double r = drawn.at(0).at(1).toDouble();
        QVERIFY(std::abs(r - Geodesy::distanceKm(c.x(), c.y(), e.x(), e.y())) < 1e-6);
        const Geometry g = drawn.at(0).at(0).value<Geometry>();
        QVERIFY(g.isAreal());
        QVERIFY(g.bounds().containsPoint(c.x(), c.y()));
    }

    void pointByClick()
    {
        PointTool tool(m_map.get());
        m_map->setTool(&tool);
        QSignalSpy picked(&tool, &PointTool::pointPicked);
        QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(123, 321));
        QCOMPARE(picked.count(), 1);
        const QPointF expected = m_map->viewport().screenToLonLat({ 123, 321 });
        QCOMPARE(picked.at(0).at(0).toDouble(), expected.x());
        QCOMPARE(picked.at(0).at(1).toDouble(), expected.y());
    }

    void typedCoordinates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind"); // -1: an error
        QTest::addColumn<QString>("message");
        QTest::newRow("bbox") << u"5.9, 45.8, 10.5, 47.8"_s << int(Aoi::Kind::Rectangle) << QString();
        QTest::newRow("bbox across 180") << u"170 -10 -170 10"_s << int(Aoi::Kind::Rectangle) << QString();
        QTest::newRow("point") << u"-73.98, 40.75"_s << int(Aoi::Kind::Point) << QString();
        QTest::newRow("wkt") << u"POLYGON ((0 0, 2 0, 2 2, 0 0))"_s << int(Aoi::Kind::Polygon) << QString();
        QTest::newRow("geojson feature")
            << u"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]},\"properties\":{}}"_s
            << int(Aoi::Kind::Polygon) << QString();
        QTest::newRow("three numbers") << u"1, 2, 3"_s << -1 << u"3 number"_s;
        QTest::newRow("latitude out of range") << u"10, 95"_s << -1 << u"latitude"_s;
        QTest::newRow("empty box") << u"1, 2, 1, 3"_s << -1 << u"no area"_s;
        QTest::newRow("bad wkt") << u"POLYGON ((0 0, 1 0"_s << -1 << u"expected"_s;
        QTest::newRow("line") << u"LINESTRING (0 0, 1 1)"_s << -1 << u"no polygons"_s;
        QTest::newRow("bad json") << u"{\"type\": "_s << -1 << u"GeoJSON"_s;
        QTest::newRow("empty") << u"   "_s << -1 << u"Enter"_s;
    }

    void typedCoordinates()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(QString, message);
        QString error;
        const auto result = AoiCoordinatesDialog::parse(text, &error);
        if (kind < 0) {
            QVERIFY(!result);
            QVERIFY2(error.contains(message), qPrintable(error));
            return;
        }
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(int(result->kind), kind);
        QVERIFY(!result->geometry.isEmpty());
    }

private:
    std::unique_ptr<MapWidget> m_map;
};

QTEST_MAIN(TestAoiTools)
#include "tst_aoitools.moc"
