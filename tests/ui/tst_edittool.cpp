// The AOI edit tool driven by QTest mouse and key events, and the map's scale bar.
#include <QSignalSpy>
#include <QTest>

#include "ui/map/edittool.h"
#include "ui/map/mapwidget.h"

using namespace StacScope;

class TestEditTool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_map = std::make_unique<MapWidget>();
        m_map->resize(800, 600);
        m_map->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_map.get()));
        m_map->setZoom(6);
        m_map->setCenterLonLat(10, 45);
        m_tool = new EditTool(m_map.get());
        m_tool->setGeometry(Geometry::fromBox({ 8, 43, 12, 47 }));
        m_map->setTool(m_tool);
    }

    void cleanup() { m_map.reset(); }

    void dragAVertex()
    {
        QSignalSpy edited(m_tool, &EditTool::geometryEdited);
        const QPoint corner = m_map->viewport().lonLatToScreen(12, 47).toPoint();
        const QPoint target = corner + QPoint(40, -30);
        QTest::mousePress(m_map.get(), Qt::LeftButton, Qt::NoModifier, corner);
        QTest::mouseMove(m_map.get(), corner + QPoint(20, -15));
        QTest::mouseRelease(m_map.get(), Qt::LeftButton, Qt::NoModifier, target);
        QCOMPARE(edited.count(), 1);
        const Geometry g = edited.at(0).at(0).value<Geometry>();
        QCOMPARE(g.pointCount(), 5);
        const QPointF expected = m_map->viewport().screenToLonLat(target);
        const auto xy = g.ring(0);
        bool found = false;
        for (size_t i = 0; i + 1 < xy.size(); i += 2) {
            found = found || (std::abs(xy[i] - expected.x()) < 1e-9 && std::abs(xy[i + 1] - expected.y()) < 1e-9);
        }
        QVERIFY(found);
        // The map did not pan while a vertex was dragged.
        QVERIFY(std::abs(m_map->viewport().centerLon() - 10) < 1e-9);
    }

    void dragAMidpointInsertsAVertex()
    {
        QSignalSpy edited(m_tool, &EditTool::geometryEdited);
        const QPointF a = m_map->viewport().lonLatToScreen(8, 43);
        const QPointF b = m_map->viewport().lonLatToScreen(12, 43);
        const QPoint mid = ((a + b) / 2).toPoint();
        QTest::mousePress(m_map.get(), Qt::LeftButton, Qt::NoModifier, mid);
        QTest::mouseRelease(m_map.get(), Qt::LeftButton, Qt::NoModifier, mid + QPoint(0, 25));
        QCOMPARE(edited.count(), 1);
        QCOMPARE(m_tool->vertexCount(), 5);
        QCOMPARE(edited.at(0).at(0).value<Geometry>().pointCount(), 6);
    }

    void removeVertices()
    {
        QSignalSpy edited(m_tool, &EditTool::geometryEdited);
        const QPoint corner = m_map->viewport().lonLatToScreen(8, 47).toPoint();
        QTest::mouseClick(m_map.get(), Qt::RightButton, Qt::NoModifier, corner);
        QCOMPARE(edited.count(), 1);
        QCOMPARE(m_tool->vertexCount(), 3);
        // A triangle keeps its three corners.
        const QPoint other = m_map->viewport().lonLatToScreen(8, 43).toPoint();
        QTest::mouseMove(m_map.get(), other);
        QTest::keyClick(m_map.get(), Qt::Key_Delete);
        QCOMPARE(m_tool->vertexCount(), 3);
        QCOMPARE(edited.count(), 1);
    }

    void pressAwayFromHandlesPans()
    {
        const double lon = m_map->viewport().centerLon();
        QTest::mousePress(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(50, 50));
        QTest::mouseMove(m_map.get(), QPoint(100, 60));
        QTest::mouseMove(m_map.get(), QPoint(150, 70));
        QTest::mouseRelease(m_map.get(), Qt::LeftButton, Qt::NoModifier, QPoint(150, 70));
        QVERIFY(std::abs(m_map->viewport().centerLon() - lon) > 1e-6);
        QCOMPARE(m_tool->vertexCount(), 4);
    }

    void scaleBar_data()
    {
        QTest::addColumn<double>("zoom");
        QTest::addColumn<double>("lat");
        QTest::newRow("zoom 3 equator") << 3.0 << 0.0;
        QTest::newRow("zoom 10 at 60N") << 10.0 << 60.0;
        QTest::newRow("zoom 19") << 19.0 << 45.0;
    }

    void scaleBar()
    {
        QFETCH(double, zoom);
        QFETCH(double, lat);
        const MapViewport vp(QSizeF(800, 600), 0, lat, zoom);
        const auto [pixels, label] = MapWidget::scaleBar(vp, 120);
        QVERIFY(pixels > 120 / 5.0 - 1e-9 && pixels <= 120 + 1e-9);
        const double metres = pixels * vp.metresPerPixel();
        // A round figure: 1, 2 or 5 times a power of ten.
        const double mantissa = metres / std::pow(10.0, std::floor(std::log10(metres) + 1e-9));
        QVERIFY2(std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 || std::abs(mantissa - 5) < 1e-6,
            qPrintable(QString::number(metres)));
        QVERIFY(label.endsWith(QStringLiteral(" km")) || label.endsWith(QStringLiteral(" m")));
    }

private:
    std::unique_ptr<MapWidget> m_map;
    EditTool *m_tool = nullptr;
};

QTEST_MAIN(TestEditTool)
#include "tst_edittool.moc"
