// TargetLayer rendered to a QImage: the target colour at a point target, a different look when
// selected, labels, world copies, and hit testing by id.
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

#include "src/models/targetlistmodel.h"
#include "ui/map/targetlayer.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QImage render(TargetLayer &layer, const MapViewport &viewport)
{
    QImage image(viewport.size().toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    layer.paint(painter, viewport);
    painter.end();
    return image;
}

bool near(const QColor &a, const QColor &b, int tolerance = 12)
{
    return qAbs(a.red() - b.red()) <= tolerance && qAbs(a.green() - b.green()) <= tolerance
        && qAbs(a.blue() - b.blue()) <= tolerance;
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
};

QTEST_MAIN(TestTargetLayer)
#include "tst_targetlayer.moc"
