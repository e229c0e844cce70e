// QuicklookLayer rendered to a QImage: images warped onto quadrilateral footprints (corner order
// independent of the ring's), stretched over bboxes otherwise, across the antimeridian, with
// opacity; and QuicklookLoader reading a thumbnail from a file (decoded off the GUI thread).
#include <QNetworkAccessManager>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "tests/support/ports.h"
#include "tests/ui/layerrender.h"
#include "ui/map/quicklooklayer.h"
#include "ui/map/quicklookloader.h"

using namespace StacScope;
using namespace StacScope::LayerRender;
using namespace Qt::StringLiterals;

namespace {

bool near(const QColor &a, const QColor &b, int tolerance = 6)
{
    return colorsNear(a, b, tolerance);
}

QImage solid(const QColor &color)
{
    QImage image(16, 16, QImage::Format_ARGB32_Premultiplied);
    image.fill(color);
    return image;
}

// Red top-left, green top-right, blue bottom-right, yellow bottom-left.
QImage quadrants()
{
    QImage image(64, 64, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    painter.fillRect(0, 0, 32, 32, Qt::red);
    painter.fillRect(32, 0, 32, 32, Qt::green);
    painter.fillRect(32, 32, 32, 32, Qt::blue);
    painter.fillRect(0, 32, 32, 32, Qt::yellow);
    return image;
}

Geometry polygon(const QList<QPointF> &ring)
{
    QJsonArray coordinates;
    for (const QPointF &p : ring) {
        coordinates.append(QJsonArray { p.x(), p.y() });
    }
    coordinates.append(QJsonArray { ring.first().x(), ring.first().y() });
    const QJsonObject object { { u"type"_s, u"Polygon"_s },
        { u"coordinates"_s, QJsonArray { QJsonValue(coordinates) } } };
    return *Geometry::fromGeoJson(object);
}

QuicklookItem itemFor(const QImage &image, const Geometry &footprint)
{
    QuicklookItem item;
    item.image = image;
    item.bbox = footprint.bounds();
    item.quad = QuicklookLayer::quadrilateral(footprint);
    return item;
}

// centre + rotation by `degrees` counter-clockwise of (dx, dy), in lon/lat.
QPointF rotated(QPointF centre, double dx, double dy, double degrees)
{
    const double a = qDegreesToRadians(degrees);
    return centre + QPointF(dx * std::cos(a) - dy * std::sin(a), dx * std::sin(a) + dy * std::cos(a));
}

} // namespace

class TestQuicklookLayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quadrilateralDetection()
    {
        QVERIFY(QuicklookLayer::quadrilateral(Geometry::fromBox({ 0, 0, 1, 1 })).has_value());
        QVERIFY(!QuicklookLayer::quadrilateral(polygon({ { 0, 0 }, { 1, 0 }, { 1, 1 } })).has_value());
        QVERIFY(!QuicklookLayer::quadrilateral(polygon({ { 0, 0 }, { 1, 0 }, { 1, 1 }, { 1, 1 } })).has_value());
        QVERIFY(
            !QuicklookLayer::quadrilateral(polygon({ { 0, 0 }, { 1, 0 }, { 2, 1 }, { 1, 2 }, { 0, 1 } })).has_value());
        QVERIFY(!QuicklookLayer::quadrilateral(Geometry::point(1, 2)).has_value());
    }

    void quadInsideRedOutsideUnchanged()
    {
        const MapViewport viewport({ 400, 400 }, 20, 20, 3);
        QuicklookLayer layer;
        QCOMPARE(layer.zOrder(), 50);
        layer.setItems({ itemFor(solid(Qt::red), polygon({ { 10, 10 }, { 30, 10 }, { 30, 30 }, { 10, 30 } })) });
        layer.setOpacity(1.0);
        QImage image = render(layer, viewport);
        QVERIFY(near(at(image, viewport, 20, 20), Qt::red));
        QVERIFY(near(at(image, viewport, 11, 11), Qt::red));
        QVERIFY(near(at(image, viewport, 29, 29), Qt::red));
        QVERIFY(near(at(image, viewport, 8, 20), Qt::white));
        QVERIFY(near(at(image, viewport, 20, 32), Qt::white));
        QVERIFY(near(at(image, viewport, 35, 5), Qt::white));

        QSignalSpy changed(&layer, &MapLayer::changed);
        layer.setOpacity(0.5);
        QCOMPARE(changed.count(), 1);
        image = render(layer, viewport);
        const QColor half = at(image, viewport, 20, 20);
        QVERIFY2(near(half, QColor(255, 128, 128), 8), qPrintable(half.name()));
        QVERIFY(near(at(image, viewport, 8, 20), Qt::white));
    }

    void rotatedQuadPutsTopLeftNorthWest()
    {
        const QPointF centre(20, 20);
        const double angle = 20;
        const QPointF nw = rotated(centre, -10, 10, angle);
        const QPointF ne = rotated(centre, 10, 10, angle);
        const QPointF se = rotated(centre, 10, -10, angle);
        const QPointF sw = rotated(centre, -10, -10, angle);
        const MapViewport viewport({ 400, 400 }, 20, 20, 3);
        // Rings in either winding and from any corner give the same picture.
        const QList<QList<QPointF>> rings { { se, ne, nw, sw }, { sw, nw, ne, se }, { nw, ne, se, sw } };
        for (const QList<QPointF> &ring : rings) {
            QuicklookLayer layer;
            layer.setOpacity(1);
            layer.setItems({ itemFor(quadrants(), polygon(ring)) });
            const QImage image = render(layer, viewport);
            auto sample = [&](double dx, double dy) {
                const QPointF p = rotated(centre, dx, dy, angle);
                return at(image, viewport, p.x(), p.y());
            };
            QVERIFY2(near(sample(-5, 5), Qt::red, 20), qPrintable(sample(-5, 5).name()));
            QVERIFY(near(sample(5, 5), Qt::green, 20));
            QVERIFY(near(sample(5, -5), Qt::blue, 20));
            QVERIFY(near(sample(-5, -5), Qt::yellow, 20));
            // Just outside the rotated edges, where an axis-aligned bbox would have painted.
            QVERIFY(near(at(image, viewport, nw.x() + 0.5, sw.y() + 1), Qt::white));
        }
    }

    void bboxFallback()
    {
        const MapViewport viewport({ 400, 400 }, -30, -20, 3);
        QuicklookLayer layer;
        layer.setOpacity(1);
        QuicklookItem item;
        item.image = quadrants();
        item.bbox = { -40, -30, -20, -10 };
        layer.setItems({ item });
        const QImage image = render(layer, viewport);
        QVERIFY(near(at(image, viewport, -35, -12), Qt::red, 20));
        QVERIFY(near(at(image, viewport, -25, -12), Qt::green, 20));
        QVERIFY(near(at(image, viewport, -25, -28), Qt::blue, 20));
        QVERIFY(near(at(image, viewport, -35, -28), Qt::yellow, 20));
        QVERIFY(near(at(image, viewport, -42, -20), Qt::white));
        QVERIFY(near(at(image, viewport, -30, -8), Qt::white));
    }

    void antimeridianBboxOnBothSides()
    {
        for (const double centreLon : { 180.0, -178.0, 178.0 }) {
            const MapViewport viewport({ 400, 300 }, centreLon, 0, 3);
            QuicklookLayer layer;
            layer.setOpacity(1);
            QuicklookItem item;
            item.image = solid(Qt::red);
            item.bbox = { 170, -10, -170, 10 };
            layer.setItems({ item });
            const QImage image = render(layer, viewport);
            QVERIFY(near(at(image, viewport, 175, 0), Qt::red));
            QVERIFY(near(at(image, viewport, -175, 0), Qt::red));
            QVERIFY(near(at(image, viewport, 179.9, 5), Qt::red));
            QVERIFY(near(at(image, viewport, 165, 0), Qt::white));
            QVERIFY(near(at(image, viewport, -165, 0), Qt::white));
        }
    }

    void hiddenOrEmptyDrawsNothing()
    {
        const MapViewport viewport({ 200, 200 }, 20, 20, 3);
        QuicklookLayer layer;
        layer.setItems({ itemFor(solid(Qt::red), Geometry::fromBox({ 10, 10, 30, 30 })) });
        layer.setOpacity(0);
        QVERIFY(near(at(render(layer, viewport), viewport, 20, 20), Qt::white));
        layer.clear();
        layer.setOpacity(1);
        QVERIFY(near(at(render(layer, viewport), viewport, 20, 20), Qt::white));
    }

    void loaderReadsFileThumbnails()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"thumb.png"_s);
        QVERIFY(quadrants().save(path));

        ItemStore store;
        auto add = [&store](const QString &id, const QString &href) {
            ItemRecord record;
            record.id = id;
            record.collection = u"optical"_s;
            record.bbox = { 10, 10, 30, 30 };
            record.hasBbox = true;
            record.footprint = Geometry::fromBox(record.bbox);
            record.thumbnailHref = href;
            QVERIFY(store.append(std::move(record), "{}"));
        };
        add(u"local"_s, path);
        add(u"url"_s, QUrl::fromLocalFile(path).toString());
        add(u"missing"_s, dir.filePath(u"nope.png"_s));
        add(u"remote"_s, TestPorts::closedLocalOrigin() + u"/thumb.png"_s);

        QNetworkAccessManager manager;
        NetworkClient network(&manager);
        QuicklookLayer layer;
        QuicklookLoader loader(&store, &network, &layer);
        QSignalSpy loaded(&loader, &QuicklookLoader::loaded);
        QSignalSpy failed(&loader, &QuicklookLoader::failed);

        loader.setRows({ 0, 1, 2 });
        // The missing file fails at once; the others decode on a worker.
        QCOMPARE(failed.count(), 1);
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(failed.first().first().toInt(), 2);
        QCOMPARE(layer.items().size(), 2);
        QCOMPARE(layer.items().first().row, 0);
        QCOMPARE(layer.items().first().image.size(), QSize(64, 64));
        QVERIFY(layer.items().first().quad.has_value());
        QVERIFY(loader.isCached(path));

        const MapViewport viewport({ 400, 400 }, 20, 20, 3);
        layer.setOpacity(1);
        const QImage image = render(layer, viewport);
        QVERIFY(near(at(image, viewport, 15, 25), Qt::red, 20));

        // An http thumbnail is requested without blocking, and cancelled when deselected.
        loader.setRows({ 3 });
        QCOMPARE(loader.pendingCount(), 1);
        QVERIFY(layer.items().isEmpty());
        loader.setRows({ 0 });
        QCOMPARE(loader.pendingCount(), 0);
        QCOMPARE(layer.items().size(), 1); // from the cache
        QCOMPARE(loaded.count(), 2);
    }
};

QTEST_MAIN(TestQuicklookLayer)
#include "tst_quicklooklayer.moc"
