// FootprintLayer rendered to a QImage: colours where footprints are, antimeridian footprints
// drawn whole on both sides, world copies, selection, and a control image compared with tolerance;
// the worker render gives the same image, survives the layer and is dropped when the data changed.
#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include "src/geo/webmercator.h"
#include "src/stac/itemstore.h"
#include "tests/ui/layerrender.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/footprintrenderer.h"

using namespace StacScope;
using namespace StacScope::LayerRender;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kItems = R"({"type":"FeatureCollection","features":[
{"type":"Feature","id":"europe","collection":"optical","bbox":[0,40,20,55],
 "geometry":{"type":"Polygon","coordinates":[[[0,40],[20,40],[20,55],[0,55],[0,40]]]},
 "properties":{"datetime":"2024-01-01T00:00:00Z"}},
{"type":"Feature","id":"fiji","collection":"sar","bbox":[170,-20,-170,-10],
 "geometry":{"type":"MultiPolygon","coordinates":[[[[170,-20],[180,-20],[180,-10],[170,-10],[170,-20]]],
   [[[-180,-20],[-170,-20],[-170,-10],[-180,-10],[-180,-20]]]]},
 "properties":{"datetime":"2024-01-02T00:00:00Z"}},
{"type":"Feature","id":"tiny","collection":"optical","bbox":[-60.0001,-30.0001,-60,-30],
 "geometry":{"type":"Point","coordinates":[-60,-30]},
 "properties":{"datetime":"2024-01-03T00:00:00Z"}}
]})";

const QByteArray kOther = R"({"type":"FeatureCollection","features":[
{"type":"Feature","id":"asia","collection":"optical","bbox":[90,20,110,35],
 "geometry":{"type":"Polygon","coordinates":[[[90,20],[110,20],[110,35],[90,35],[90,20]]]},
 "properties":{"datetime":"2024-01-04T00:00:00Z"}}
]})";

bool near(const QColor &a, const QColor &b, int tolerance = 4)
{
    return colorsNear(a, b, tolerance);
}

// Pixels that differ by more than `tolerance` in a channel; -1 when the sizes differ.
int differences(const QImage &a, const QImage &b, int tolerance = 0)
{
    if (a.size() != b.size()) {
        return -1;
    }
    int count = 0;
    int worst = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QColor p = a.pixelColor(x, y);
            const QColor q = b.pixelColor(x, y);
            const int d = std::max({ qAbs(p.red() - q.red()), qAbs(p.green() - q.green()), qAbs(p.blue() - q.blue()),
                qAbs(p.alpha() - q.alpha()) });
            worst = std::max(worst, d);
            count += d > tolerance ? 1 : 0;
        }
    }
    if (count > 0) {
        qWarning("%d pixels differ, by up to %d", count, worst);
    }
    return count;
}

// Many small footprints (the sizes render() rasterises itself rather than through QPainter):
// rotated quads, triangles, one with a hole and one of two parts, overlapping, in three styles.
std::shared_ptr<FootprintRenderer::Data> smallFootprints()
{
    auto data = std::make_shared<FootprintRenderer::Data>();
    std::mt19937 random(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    auto world = [](double lon, double lat) { return QPointF(WebMercator::lonToX(lon), WebMercator::latToY(lat)); };
    for (int i = 0; i < 400; ++i) {
        const double lon = 4.0 + 12.0 * unit(random);
        const double lat = 40.0 + 9.0 * unit(random);
        const double size = 0.02 + 1.5 * unit(random) * unit(random);
        const double angle = 2.0 * M_PI * unit(random);
        const int corners = i % 5 == 0 ? 3 : 4;
        QPainterPath path;
        path.setFillRule(Qt::WindingFill);
        for (int c = 0; c <= corners; ++c) {
            const double a = angle + 2.0 * M_PI * (c % corners) / corners;
            const QPointF p = world(lon + size * std::cos(a), lat + 0.6 * size * std::sin(a));
            c == 0 ? path.moveTo(p) : path.lineTo(p);
        }
        path.closeSubpath();
        if (i % 7 == 0) {
            // A hole, wound the other way.
            path.moveTo(world(lon - size / 4, lat - size / 8));
            path.lineTo(world(lon - size / 4, lat + size / 8));
            path.lineTo(world(lon + size / 4, lat + size / 8));
            path.lineTo(world(lon + size / 4, lat - size / 8));
            path.closeSubpath();
        } else if (i % 11 == 0) {
            // A second part beside the first.
            path.addRect(QRectF(world(lon + size, lat + size / 2), world(lon + 1.6 * size, lat)));
        }
        const QRectF bounds = path.boundingRect();
        path.controlPointRect();
        data->paths.push_back(path);
        data->bounds.push_back(bounds);
        data->style.push_back(i % 3);
        const QPointF nw = bounds.topLeft();
        const QPointF se = bounds.bottomRight();
        data->index.add(std::uint32_t(i),
            GeoBox { WebMercator::xToLon(nw.x()), WebMercator::yToLat(se.y()), WebMercator::xToLon(se.x()),
                WebMercator::yToLat(nw.y()) });
    }
    data->index.finish();
    data->styleCount = 3;
    data->indexedRows = data->paths.size();
    return data;
}

// A transparent image drawn over white, so faint pixels compare by what they show.
QImage overWhite(const QImage &image)
{
    QImage out(image.size(), QImage::Format_ARGB32_Premultiplied);
    out.setDevicePixelRatio(image.devicePixelRatio());
    out.fill(Qt::white);
    QPainter painter(&out);
    painter.drawImage(QPointF(0, 0), image);
    painter.end();
    return out;
}

// A layer that renders in paint(), as the render checks need.
std::unique_ptr<FootprintLayer> synchronousLayer(const ItemStore *store)
{
    auto layer = std::make_unique<FootprintLayer>(store);
    layer->setSynchronous(true);
    return layer;
}

} // namespace

class TestFootprintRender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray json = kItems;
        ItemPage page = ItemParser().parsePage(json);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(m_store.append(std::move(page), json), 3);
    }

    void fillsWhereFootprintsAre()
    {
        FootprintLayer layer(&m_store);
        layer.setSynchronous(true);
        const MapViewport vp(QSizeF(800, 500), 0, 0, 1.5);
        const QImage image = render(layer, vp);
        const QColor europe = at(image, vp, 10, 47);
        const QColor optical = layer.colorFor(u"optical"_s);
        // A light tint of the collection colour over white.
        QVERIFY(europe != QColor(Qt::white));
        QVERIFY(europe.blue() > europe.red());
        QVERIFY(near(europe,
            QColor(255 + (optical.red() - 255) * 28 / 255, 255 + (optical.green() - 255) * 28 / 255,
                255 + (optical.blue() - 255) * 28 / 255),
            6));
        QCOMPARE(at(image, vp, -40, 10), QColor(Qt::white));
        // The footprint's edge is drawn in the collection colour.
        const QPointF edge = vp.lonLatToScreen(10, 40);
        bool outlined = false;
        for (int dy = -2; dy <= 2; ++dy) {
            const QColor c = image.pixelColor(edge.toPoint() + QPoint(0, dy));
            outlined = outlined || near(c, optical, 70);
        }
        QVERIFY(outlined);
        // A tiny footprint is still drawn, as a point.
        QVERIFY(at(image, vp, -60, -30) != QColor(Qt::white));
    }

    void antimeridianFootprintIsWholeOnBothSides()
    {
        FootprintLayer layer(&m_store);
        layer.setSynchronous(true);
        const MapViewport vp(QSizeF(600, 400), 180, -15, 3);
        const QImage image = render(layer, vp);
        const QColor west = at(image, vp, 175, -15);
        const QColor east = at(image, vp, -175, -15);
        QVERIFY(west != QColor(Qt::white));
        QCOMPARE(west, east);
        // No seam: the pixel on the antimeridian itself is filled too (not a doubled edge).
        const QColor seam = image.pixelColor(vp.lonLatToScreen(180, -15).toPoint() + QPoint(0, 0));
        QVERIFY(seam != QColor(Qt::white));
    }

    void worldRepeats()
    {
        FootprintLayer layer(&m_store);
        layer.setSynchronous(true);
        const MapViewport vp(QSizeF(1024, 400), 0, 0, 0);
        const QImage image = render(layer, vp);
        // At zoom 0 the world is 256 px wide: Europe appears once per copy.
        const QPoint a = vp.lonLatToScreen(10, 47).toPoint();
        QCOMPARE(image.pixelColor(a), image.pixelColor(a + QPoint(256, 0)));
        QCOMPARE(image.pixelColor(a), image.pixelColor(a - QPoint(256, 0)));
        QVERIFY(image.pixelColor(a) != QColor(Qt::white));
    }

    void selectionAndHoverAreDrawnOnTop()
    {
        FootprintLayer layer(&m_store);
        layer.setSynchronous(true);
        const MapViewport vp(QSizeF(800, 500), 0, 0, 1.5);
        const QColor plain = at(render(layer, vp), vp, 10, 47);
        layer.setSelectedRows({ 0 });
        const QColor selected = at(render(layer, vp), vp, 10, 47);
        QVERIFY(selected != plain);
        QVERIFY(selected.red() > selected.blue()); // amber
        layer.setSelectedRows({});
        layer.setHoveredRow(0);
        QVERIFY(at(render(layer, vp), vp, 10, 47) != plain);
    }

    void hitTest()
    {
        FootprintLayer layer(&m_store);
        layer.setSynchronous(true);
        const MapViewport vp(QSizeF(800, 500), 180, 0, 2);
        QCOMPARE(layer.hitTest(vp.lonLatToScreen(175, -15), vp), 1);
        QCOMPARE(layer.hitTest(vp.lonLatToScreen(-175, -15), vp), 1);
        QCOMPARE(layer.hitTest(vp.lonLatToScreen(-150, 30), vp), -1);
    }

    void panFromCacheMatchesFreshRender()
    {
        // The layer keeps a cached image and shifts it during a pan: the result must be what a
        // full redraw gives, including across the antimeridian wrap of the centre.
        FootprintLayer panned(&m_store);
        MapViewport vp(QSizeF(600, 400), 172, -12, 3);
        render(panned, vp);
        QVERIFY(panned.isRendering());
        QTRY_VERIFY(!panned.isRendering());
        // Small pans stay within the margin the worker rendered: shifted, exact, no new render.
        for (const QPointF step : { QPointF(-37, 11), QPointF(-52, -23), QPointF(15, 30) }) {
            vp.panByPixels(step);
            const QImage shifted = render(panned, vp);
            QVERIFY(!panned.isRendering());
            QCOMPARE(shifted, render(*synchronousLayer(&m_store), vp));
        }
        // A selection change is drawn on top at once, without a new render.
        panned.setSelectedRows({ 1 });
        const QImage selected = render(panned, vp);
        QVERIFY(!panned.isRendering());
        const auto fresh = synchronousLayer(&m_store);
        fresh->setSelectedRows({ 1 });
        QCOMPARE(selected, render(*fresh, vp));

        // A longer pan brings Fiji in from beyond the rendered margin: the shifted image shows a
        // gap there until the worker's image arrives.
        FootprintLayer layer(&m_store);
        MapViewport west(QSizeF(600, 400), 100, -15, 3);
        render(layer, west);
        QTRY_VERIFY(!layer.isRendering());
        west.panByPixels(QPointF(-250, 0));
        const QImage gap = render(layer, west);
        QVERIFY(layer.isRendering());
        const QImage expected = render(*synchronousLayer(&m_store), west);
        QVERIFY(at(expected, west, 185, -15) != QColor(Qt::white));
        QCOMPARE(at(gap, west, 185, -15), QColor(Qt::white));
        QTRY_VERIFY(!layer.isRendering());
        QCOMPARE(differences(render(layer, west), expected), 0);
    }

    void matchesControlImage()
    {
        FootprintLayer layer(&m_store);
        layer.setSynchronous(true);
        layer.setSelectedRows({ 1 });
        const MapViewport vp(QSizeF(640, 400), 60, 10, 1.2);
        const QImage image = render(layer, vp).convertToFormat(QImage::Format_RGB32);
        const QString control = QStringLiteral(STACSCOPE_TEST_FIXTURES "/render/footprints.png");
        if (qEnvironmentVariableIsSet("STACSCOPE_UPDATE_CONTROL_IMAGES")) {
            QVERIFY(image.save(control));
        }
        QImage expected(control);
        QVERIFY2(!expected.isNull(), "control image missing: run with STACSCOPE_UPDATE_CONTROL_IMAGES=1 once");
        expected = expected.convertToFormat(QImage::Format_RGB32);
        QCOMPARE(expected.size(), image.size());
        // Antialiasing may differ by a little between machines: allow small differences on a few pixels.
        int different = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if (!near(image.pixelColor(x, y), expected.pixelColor(x, y), 16)) {
                    ++different;
                }
            }
        }
        QVERIFY2(different <= image.width() * image.height() / 500, qPrintable(QString::number(different)));
    }

    void directRasterMatchesQPainter()
    {
        // render() writes small footprints straight into its image; draw() on a painter leaves
        // them to QPainter. The two must look the same: a few levels of antialiasing apart.
        FootprintRenderer renderer(smallFootprints());
        for (const double zoom : { 4.0, 5.5, 7.0 }) {
            for (const double dpr : { 1.0, 2.0 }) {
                MapViewport vp(QSizeF(500, 320), 10, 45, zoom);
                vp.setDevicePixelRatio(dpr);
                const QImage direct = overWhite(renderer.render(vp));
                QImage reference(direct.size(), QImage::Format_ARGB32_Premultiplied);
                reference.setDevicePixelRatio(dpr);
                reference.fill(Qt::transparent);
                QPainter painter(&reference);
                painter.setRenderHint(QPainter::Antialiasing);
                QVERIFY(renderer.draw(painter, vp, QRectF(QPointF(0, 0), vp.size())));
                painter.end();
                QCOMPARE(differences(direct, overWhite(reference), 12), 0);
                // Footprints were drawn at all.
                int painted = 0;
                for (int y = 0; y < direct.height(); ++y) {
                    for (int x = 0; x < direct.width(); ++x) {
                        painted += direct.pixel(x, y) != QColor(Qt::white).rgba() ? 1 : 0;
                    }
                }
                QVERIFY(painted > direct.width() * direct.height() / 20);
            }
        }
    }

    void workerRenderMatchesSynchronous()
    {
        // Each view with a point inside one of its footprints.
        const std::pair<MapViewport, QPointF> views[] = { { MapViewport(QSizeF(800, 500), 0, 0, 1.5), { 10, 47 } },
            { MapViewport(QSizeF(600, 400), 180, -15, 3), { 175, -15 } },
            { MapViewport(QSizeF(1024, 400), 0, 0, 0), { 10, 47 } } };
        for (const auto &[vp, probe] : views) {
            FootprintLayer layer(&m_store);
            layer.setHoveredRow(2);
            QVERIFY(!layer.isSynchronous());
            QSignalSpy changed(&layer, &MapLayer::changed);
            // The first frame has no image yet: only the hovered footprint, drawn directly.
            const QImage first = render(layer, vp);
            QVERIFY(layer.isRendering());
            QCOMPARE(at(first, vp, probe.x(), probe.y()), QColor(Qt::white));
            QVERIFY(changed.wait());
            QVERIFY(!layer.isRendering());
            QVERIFY(layer.lastRenderMilliseconds() > 0);
            const auto sync = synchronousLayer(&m_store);
            sync->setHoveredRow(2);
            QCOMPARE(differences(render(layer, vp), render(*sync, vp)), 0);
            QCOMPARE(layer.discardedRenders(), 0);
        }
    }

    void zoomShowsScaledImageUntilRendered()
    {
        FootprintLayer layer(&m_store);
        MapViewport vp(QSizeF(800, 500), 10, 47, 3);
        render(layer, vp);
        QTRY_VERIFY(!layer.isRendering());
        vp.zoomAround(QPointF(400, 250), 0.5);
        // The old image scaled up: Europe's centre is still tinted, before the new render.
        const QImage preview = render(layer, vp);
        QVERIFY(layer.isRendering());
        QVERIFY(at(preview, vp, 10, 47) != QColor(Qt::white));
        QTRY_VERIFY(!layer.isRendering());
        QCOMPARE(differences(render(layer, vp), render(*synchronousLayer(&m_store), vp)), 0);
    }

    void staleRenderIsDiscarded()
    {
        ItemStore store;
        ItemPage page = ItemParser().parsePage(kItems);
        QCOMPARE(store.append(std::move(page), kItems), 3);
        FootprintLayer layer(&store);
        const MapViewport vp(QSizeF(800, 500), 40, 30, 1.5);
        render(layer, vp);
        QVERIFY(layer.isRendering());
        // The data is replaced before the render could come back: its image must never show.
        store.clear();
        ItemPage other = ItemParser().parsePage(kOther);
        QCOMPARE(store.append(std::move(other), kOther), 1);
        layer.syncReset();
        render(layer, vp);
        QTRY_VERIFY(!layer.isRendering());
        QCOMPARE(layer.discardedRenders(), 1);
        const QImage image = render(layer, vp);
        QCOMPARE(at(image, vp, 10, 47), QColor(Qt::white)); // Europe is gone
        QVERIFY(at(image, vp, 100, 27) != QColor(Qt::white));
        QCOMPARE(differences(image, render(*synchronousLayer(&store), vp)), 0);
    }

    void appendKeepsShowingTheOlderImage()
    {
        ItemStore store;
        ItemPage other = ItemParser().parsePage(kOther);
        QCOMPARE(store.append(std::move(other), kOther), 1);
        FootprintLayer layer(&store);
        const MapViewport vp(QSizeF(800, 500), 40, 30, 1.5);
        render(layer, vp);
        QTRY_VERIFY(!layer.isRendering());
        ItemPage page = ItemParser().parsePage(kItems);
        QCOMPARE(store.append(std::move(page), kItems), 3);
        layer.syncAppended();
        // Asia stays on screen while the render with Europe runs.
        const QImage meanwhile = render(layer, vp);
        QVERIFY(layer.isRendering());
        QVERIFY(at(meanwhile, vp, 100, 27) != QColor(Qt::white));
        QTRY_VERIFY(!layer.isRendering());
        QCOMPARE(differences(render(layer, vp), render(*synchronousLayer(&store), vp)), 0);
    }

    void layerDestroyedWhileRendering()
    {
        auto layer = std::make_unique<FootprintLayer>(&m_store);
        render(*layer, MapViewport(QSizeF(1600, 1000), 0, 0, 2));
        QVERIFY(layer->isRendering());
        layer.reset();
        // The worker finishes (or stops) on its own snapshot; nothing is delivered to the layer.
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
    }

private:
    ItemStore m_store;
};

QTEST_MAIN(TestFootprintRender)
#include "tst_footprintrender.moc"
