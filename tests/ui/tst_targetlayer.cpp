// TargetLayer rendered to a QImage: the target colour at a point target, a different look when
// selected, labels, world copies, and hit testing by id; on a MapWidget with a TargetPicker, a
// click selects a target and hovering shows its name.
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include "src/models/targetlistmodel.h"
#include "tests/ui/layerrender.h"
#include "ui/map/mapwidget.h"
#include "ui/map/targetlayer.h"
#include "ui/map/targetpicker.h"

using namespace StacScope;
using namespace StacScope::LayerRender;
using namespace Qt::StringLiterals;

namespace {

bool near(const QColor &a, const QColor &b, int tolerance = 12)
{
    return colorsNear(a, b, tolerance);
}

int darkPixels(const QImage &image, const QRect &rect)
{
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            count += qGray(image.pixel(x, y)) < 160 ? 1 : 0;
        }
    }
    return count;
}

Target target(const QString &name, const Geometry &geometry)
{
    Target t;
    t.name = name;
    t.geometry = geometry;
    return t;
}

} // namespace

class TestTargetLayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pointsPolygonsSelectionLabels()
    {
        TargetListModel model;
        TargetLayer layer(&model);
        QCOMPARE(layer.zOrder(), 210);
        QSignalSpy changed(&layer, &MapLayer::changed);
        const QString port = model.add(target(u"Port"_s, Geometry::point(0, 0)));
        const QString field = model.add(target(u"Field"_s, Geometry::fromBox({ 20, 10, 40, 30 })));
        QCOMPARE(changed.count(), 2);

        const MapViewport viewport({ 500, 400 }, 15, 10, 3);
        const QImage plain = render(layer, viewport);
        const QPoint p = viewport.lonLatToScreen(0, 0).toPoint();
        QVERIFY2(near(plain.pixelColor(p), TargetLayer::kColor), qPrintable(plain.pixelColor(p).name()));
        // The ring of the crosshair symbol.
        QVERIFY(near(plain.pixelColor(p + QPoint(7, 0)), TargetLayer::kColor, 60));
        // Far from both targets: untouched.
        QCOMPARE(plain.pixelColor(viewport.lonLatToScreen(-20, -20).toPoint()), QColor(Qt::white));
        // Polygon: a tinted fill inside.
        const QColor inside = plain.pixelColor(viewport.lonLatToScreen(30, 20).toPoint());
        QVERIFY(inside != QColor(Qt::white));
        QVERIFY(inside.green() > inside.red());

        // The label sits to the right of the symbol.
        const QRect label(p.x() + 14, p.y() - 20, 30, 18);
        QVERIFY(darkPixels(plain, label) > 5);

        QVERIFY(model.select(port));
        QCOMPARE(changed.count(), 3);
        const QImage selected = render(layer, viewport);
        QVERIFY(near(selected.pixelColor(p), TargetLayer::kSelectedColor));
        QVERIFY(selected != plain);
        // The selected symbol is larger: its ring reaches where the plain one does not.
        const QPoint diagonal = p + QPoint(7, 7);
        QVERIFY(near(plain.pixelColor(diagonal), Qt::white, 40));
        QVERIFY(near(selected.pixelColor(diagonal), TargetLayer::kSelectedColor, 60));
        Q_UNUSED(field);
    }

    void hitTest()
    {
        TargetListModel model;
        TargetLayer layer(&model);
        const QString port = model.add(target(u"Port"_s, Geometry::point(0, 0)));
        const QString field = model.add(target(u"Field"_s, Geometry::fromBox({ 20, 10, 40, 30 })));
        const QString inner = model.add(target(u"Inner"_s, Geometry::fromBox({ 25, 15, 30, 20 })));
        const MapViewport viewport({ 500, 400 }, 15, 10, 3);
        QCOMPARE(layer.hitTest(viewport.lonLatToScreen(0, 0), viewport), port);
        QCOMPARE(layer.hitTest(viewport.lonLatToScreen(0, 0) + QPointF(6, 5), viewport), port);
        QCOMPARE(layer.hitTest(viewport.lonLatToScreen(35, 25), viewport), field);
        QCOMPARE(layer.hitTest(viewport.lonLatToScreen(27, 17), viewport), inner); // topmost
        QVERIFY(model.select(field));
        QCOMPARE(layer.hitTest(viewport.lonLatToScreen(27, 17), viewport), field); // selected first
        QCOMPARE(layer.hitTest(viewport.lonLatToScreen(-20, -20), viewport), QString());
        QVERIFY(model.remove(port));
        QCOMPARE(layer.hitTest(viewport.lonLatToScreen(0, 0), viewport), QString());
    }

    void worldCopies()
    {
        TargetListModel model;
        TargetLayer layer(&model);
        const QString east = model.add(target(u"Dateline"_s, Geometry::point(179, 0)));
        // Centred just west of the antimeridian's other side: the target shows on the copy there.
        const MapViewport viewport({ 400, 300 }, -178, 0, 4);
        const QImage image = render(layer, viewport);
        const QPoint p = viewport.lonLatToScreen(179, 0).toPoint();
        QVERIFY(QRect(0, 0, 400, 300).contains(p));
        QVERIFY(near(image.pixelColor(p), TargetLayer::kColor));
        QCOMPARE(layer.hitTest(QPointF(p), viewport), east);
    }

    void clickSelectsAndHoverNames()
    {
        TargetListModel model;
        MapWidget map;
        map.resize(500, 400);
        TargetLayer layer(&model);
        map.addLayer(&layer);
        TargetPicker picker(&map, &layer, &model);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        MapViewport viewport = map.viewport();
        viewport.setCenterLonLat(15, 10);
        viewport.setZoom(3);
        map.setViewport(viewport);
        const QString port = model.add(target(u"Port"_s, Geometry::point(0, 0)));
        const QString field = model.add(target(u"Field"_s, Geometry::fromBox({ 20, 10, 40, 30 })));
        QSignalSpy clicked(&map, &MapWidget::clicked);
        QSignalSpy layerClicked(&map, &MapWidget::layerClicked);
        QSignalSpy selection(&model, &TargetListModel::selectionChanged);

        const QPoint onPort = map.viewport().lonLatToScreen(0, 0).toPoint();
        QTest::mouseClick(&map, Qt::LeftButton, {}, onPort);
        QCOMPARE(model.selectedId(), port);
        QCOMPARE(selection.count(), 1);
        QCOMPARE(layerClicked.count(), 1);
        QCOMPARE(layerClicked.first().at(0).value<MapLayer *>(), &layer);
        QCOMPARE(clicked.count(), 0); // layers below (footprints) never see it
        // The map draws it selected.
        QImage image(map.size(), QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        map.render(painter, map.viewport());
        painter.end();
        QVERIFY(near(image.pixelColor(onPort), TargetLayer::kSelectedColor));

        const QPoint onField = map.viewport().lonLatToScreen(30, 20).toPoint();
        QTest::mouseClick(&map, Qt::LeftButton, {}, onField);
        QCOMPARE(model.selectedId(), field);

        // A drag that starts on a target pans and selects nothing.
        const QPointF centre = map.viewport().center();
        QTest::mousePress(&map, Qt::LeftButton, {}, onPort);
        QTest::mouseMove(&map, onPort + QPoint(10, 0));
        QTest::mouseMove(&map, onPort + QPoint(40, 10));
        QTest::mouseRelease(&map, Qt::LeftButton, {}, onPort + QPoint(40, 10));
        QVERIFY(map.viewport().center() != centre);
        QCOMPARE(model.selectedId(), field);

        // Empty map: an ordinary click, the selection stays.
        const QPoint empty = map.viewport().lonLatToScreen(-20, -20).toPoint();
        QTest::mouseClick(&map, Qt::LeftButton, {}, empty);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(model.selectedId(), field);

        // Hovering names the target; moving off hides the tooltip again.
        const QPoint hoverPort = map.viewport().lonLatToScreen(0, 0).toPoint();
        QTest::mouseMove(&map, hoverPort);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), u"Port"_s);
        QTest::mouseMove(&map, map.viewport().lonLatToScreen(-20, -20).toPoint());
        QTRY_VERIFY(!QToolTip::isVisible());
        // A hidden layer is neither clickable nor hoverable.
        layer.setVisible(false);
        QTest::mouseClick(&map, Qt::LeftButton, {}, map.viewport().lonLatToScreen(0, 0).toPoint());
        QCOMPARE(model.selectedId(), field);
        QCOMPARE(clicked.count(), 2);
    }
};

QTEST_MAIN(TestTargetLayer)
#include "tst_targetlayer.moc"
