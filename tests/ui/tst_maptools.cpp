// MapWidget navigation and the pan and rectangle tools, driven by QTest events.
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include "src/geo/webmercator.h"
#include "ui/map/mapwidget.h"
#include "ui/map/rectangletool.h"

using namespace StacScope;

namespace {

void wheel(QWidget *w, const QPointF &pos, int delta)
{
    QWheelEvent event(
        pos, w->mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(w, &event);
}

} // namespace

class TestMapTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_map = std::make_unique<MapWidget>();
        m_map->resize(800, 600);
        m_map->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_map.get()));
        m_map->setZoom(3);
        m_map->setCenterLonLat(0, 0);
    }

    void cleanup() { m_map.reset(); }

    void dragPans()
    {
        const QPointF before = m_map->viewport().screenToLonLat({ 400, 300 });
        QTest::mousePress(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(400, 300));
        QTest::mouseMove(m_map.get(), QPoint(450, 320));
        QTest::mouseMove(m_map.get(), QPoint(500, 340));
        QTest::mouseRelease(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(500, 340));
        // What was under (400, 300) is now under the release point.
        const QPointF after = m_map->viewport().screenToLonLat({ 500, 340 });
        QVERIFY(qAbs(after.x() - before.x()) < 1e-6);
        QVERIFY(qAbs(after.y() - before.y()) < 1e-6);
    }

    void clickWithoutDragIsAClick()
    {
        QSignalSpy clicked(m_map.get(), &MapWidget::clicked);
        const QPointF center = m_map->viewport().center();
        QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::ShiftModifier, QPoint(200, 100));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toPointF(), QPointF(200, 100));
        QCOMPARE(clicked.at(0).at(1).value<Qt::KeyboardModifiers>(), Qt::ShiftModifier);
        QCOMPARE(m_map->viewport().center(), center);
    }

    void wheelZoomsAroundTheCursor_data()
    {
        QTest::addColumn<QPointF>("cursor");
        QTest::addColumn<int>("delta");
        QTest::newRow("in, top left") << QPointF(100, 80) << 120;
        QTest::newRow("out, bottom right") << QPointF(700, 520) << -240;
        QTest::newRow("in, centre") << QPointF(400, 300) << 360;
    }

    void wheelZoomsAroundTheCursor()
    {
        QFETCH(QPointF, cursor);
        QFETCH(int, delta);
        const double zoom = m_map->viewport().zoom();
        const QPointF world = m_map->viewport().screenToWorld(cursor);
        wheel(m_map.get(), cursor, delta);
        QCOMPARE(m_map->viewport().zoom(), zoom + delta / 120.0 * 0.5);
        const QPointF after = m_map->viewport().screenToWorld(cursor);
        QVERIFY(qAbs(after.x() - world.x()) < 1e-9);
        QVERIFY(qAbs(after.y() - world.y()) < 1e-9);
    }

    void doubleClickZoomsIn()
    {
        const double zoom = m_map->viewport().zoom();
        QTest::mouseDClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(300, 300));
        QCOMPARE(m_map->viewport().zoom(), zoom + 1);
    }

    void keys()
    {
        const double zoom = m_map->viewport().zoom();
        QTest::keyClick(m_map.get(), Qt::Key_Plus);
        QCOMPARE(m_map->viewport().zoom(), zoom + 1);
        QTest::keyClick(m_map.get(), Qt::Key_Minus);
        QCOMPARE(m_map->viewport().zoom(), zoom);
        const double lon = m_map->viewport().centerLon();
        QTest::keyClick(m_map.get(), Qt::Key_Right);
        QVERIFY(m_map->viewport().centerLon() > lon);
        QTest::keyClick(m_map.get(), Qt::Key_Left);
        QVERIFY(qAbs(m_map->viewport().centerLon() - lon) < 1e-9);
    }

    void panningPastTheAntimeridianIsContinuous()
    {
        m_map->setCenterLonLat(170, 0);
        for (int i = 0; i < 10; ++i) {
            m_map->panByPixels({ -40, 0 });
        }
        // 400 px east at zoom 3 (2048 px world) is 70.3 degrees: 170 + 70.3 - 360.
        QVERIFY(qAbs(m_map->viewport().centerLon() - (170 + 400.0 / 2048.0 * 360.0 - 360.0)) < 1e-6);
        QVERIFY(m_map->viewport().visibleBox().crossesAntimeridian() || m_map->viewport().centerLon() < 0);
    }

    void rectangleToolEmitsABox()
    {
        RectangleTool tool(m_map.get());
        m_map->setTool(&tool);
        QSignalSpy drawn(&tool, &RectangleTool::boxDrawn);
        QTest::mousePress(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(300, 200));
        QTest::mouseMove(m_map.get(), QPoint(400, 260));
        QTest::mouseRelease(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(500, 400));
        QCOMPARE(drawn.count(), 1);
        const GeoBox box = drawn.at(0).at(0).value<GeoBox>();
        const QPointF nw = m_map->viewport().screenToLonLat({ 300, 200 });
        const QPointF se = m_map->viewport().screenToLonLat({ 500, 400 });
        QVERIFY(qAbs(box.west - nw.x()) < 1e-9);
        QVERIFY(qAbs(box.north - nw.y()) < 1e-9);
        QVERIFY(qAbs(box.east - se.x()) < 1e-9);
        QVERIFY(qAbs(box.south - se.y()) < 1e-9);
        m_map->setTool(nullptr);
    }

    void rectangleEscCancelsAndClickDrawsNothing()
    {
        RectangleTool tool(m_map.get());
        m_map->setTool(&tool);
        QSignalSpy drawn(&tool, &RectangleTool::boxDrawn);
        QTest::mousePress(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(300, 200));
        QTest::mouseMove(m_map.get(), QPoint(400, 260));
        QTest::keyClick(m_map.get(), Qt::Key_Escape);
        QTest::mouseRelease(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(400, 260));
        QTest::mouseClick(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
        QCOMPARE(drawn.count(), 0);
        m_map->setTool(nullptr);
    }

    void rectangleAcrossTheAntimeridian()
    {
        m_map->setZoom(4);
        m_map->setCenterLonLat(180, -15);
        const GeoBox box = RectangleTool::boxBetween(m_map->viewport(), { 300, 250 }, { 500, 350 });
        QVERIFY(box.crossesAntimeridian());
        QVERIFY(box.west > 170 && box.east < -170);
        QVERIFY(qAbs(box.width() - 200.0 / (256.0 * 16.0) * 360.0) < 1e-6);
    }

private:
    std::unique_ptr<MapWidget> m_map;
};

QTEST_MAIN(TestMapTools)
#include "tst_maptools.moc"
