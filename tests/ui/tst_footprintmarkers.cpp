// Footprints a few pixels across at world zoom: each is drawn as its own marker (a disc of the
// collection colour in a white ring), markers that overlap stay apart, and hit testing and
// selection work on them.
#include <algorithm>
#include <memory>
#include <vector>

#include <QImage>
#include <QTest>

#include "src/stac/itemparser.h"
#include "src/stac/itemstore.h"
#include "tests/ui/layerrender.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/footprintrenderer.h"

using namespace StacScope;
using namespace StacScope::LayerRender;
using namespace Qt::StringLiterals;

namespace {

const QColor kBackground(128, 128, 128);

// A square footprint about 0.05 degrees across (a few hundred metres: a pixel at most at zoom 2).
QByteArray feature(const QString &id, const QString &collection, double lon, double lat)
{
    const double d = 0.05;
    const QString ring = u"[[%1,%2],[%3,%2],[%3,%4],[%1,%4],[%1,%2]]"_s.arg(lon).arg(lat).arg(lon + d).arg(lat + d);
    return (u"{\"type\":\"Feature\",\"id\":\"%1\",\"collection\":\"%2\",\"bbox\":[%3,%4,%5,%6],"
            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[%7]},"
            "\"properties\":{\"datetime\":\"2024-01-01T00:00:00Z\"}}"_s)
        .arg(id, collection)
        .arg(lon)
        .arg(lat)
        .arg(lon + d)
        .arg(lat + d)
        .arg(ring)
        .toUtf8();
}

bool load(ItemStore &store, const QList<QByteArray> &features)
{
    const QByteArray json = "{\"type\":\"FeatureCollection\",\"features\":[" + features.join(',') + "]}";
    ItemPage page = ItemParser().parsePage(json);
    return page.ok() && store.append(std::move(page), json) == features.size();
}

// Connected groups of pixels that differ from the background (4-neighbours).
std::vector<QRect> blobs(const QImage &image)
{
    std::vector<QRect> out;
    std::vector<bool> seen(size_t(image.width()) * size_t(image.height()), false);
    const QRgb background = kBackground.rgba();
    std::vector<QPoint> stack;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (seen[size_t(y) * size_t(image.width()) + size_t(x)] || image.pixel(x, y) == background) {
                continue;
            }
            QRect box(x, y, 1, 1);
            stack.push_back(QPoint(x, y));
            seen[size_t(y) * size_t(image.width()) + size_t(x)] = true;
            while (!stack.empty()) {
                const QPoint p = stack.back();
                stack.pop_back();
                box = box.united(QRect(p, QSize(1, 1)));
                for (const QPoint d : { QPoint(1, 0), QPoint(-1, 0), QPoint(0, 1), QPoint(0, -1) }) {
                    const QPoint q = p + d;
                    if (!image.rect().contains(q)) {
                        continue;
                    }
                    const size_t i = size_t(q.y()) * size_t(image.width()) + size_t(q.x());
                    if (!seen[i] && image.pixel(q) != background) {
                        seen[i] = true;
                        stack.push_back(q);
                    }
                }
            }
            out.push_back(box);
        }
    }
    return out;
}

} // namespace

class TestFootprintMarkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallFootprintsFarApartAreTwoMarkers()
    {
        ItemStore store;
        QVERIFY(load(store, { feature(u"europe"_s, u"optical"_s, 10, 50), feature(u"america"_s, u"sar"_s, -100, 40) }));
        FootprintLayer layer(&store);
        layer.setSynchronous(true);
        const MapViewport vp(QSizeF(900, 600), 0, 20, 2);
        const QImage image = render(layer, vp, kBackground);
        const std::vector<QRect> found = blobs(image);
        QCOMPARE(found.size(), size_t(2));
        const QPoint europe = vp.lonLatToScreen(10.025, 50.025).toPoint();
        const QPoint america = vp.lonLatToScreen(-99.975, 40.025).toPoint();
        for (const auto &[where, collection] :
            { std::pair { europe, u"optical"_s }, std::pair { america, u"sar"_s } }) {
            const QPoint centre = where; // a plain variable: clang 14 lambdas cannot capture bindings
            const auto blob = std::find_if(
                found.begin(), found.end(), [&](const QRect &r) { return r.adjusted(-1, -1, 1, 1).contains(centre); });
            QVERIFY2(blob != found.end(), qPrintable(collection));
            // A marker kMarkerSize pixels across, not a one-pixel speck.
            QCOMPARE(blob->size(), QSize(FootprintRenderer::kMarkerSize, FootprintRenderer::kMarkerSize));
            const QPoint middle = blob->center();
            QCOMPARE(image.pixelColor(middle), layer.colorFor(collection));
            // Ringed in white, so markers stand out and overlapping ones stay apart.
            QCOMPARE(image.pixelColor(middle + QPoint(3, 0)), QColor(Qt::white));
            QCOMPARE(image.pixelColor(middle - QPoint(0, 3)), QColor(Qt::white));
        }
        // The two collections' markers differ in colour.
        QVERIFY(layer.colorFor(u"optical"_s) != layer.colorFor(u"sar"_s));
    }

    void overlappingMarkersStayApart()
    {
        // 1.2 degrees apart: about 3.4 px at zoom 2, so the markers overlap.
        ItemStore store;
        QVERIFY(load(store, { feature(u"a"_s, u"optical"_s, 10, 50), feature(u"b"_s, u"optical"_s, 11.2, 50) }));
        FootprintLayer layer(&store);
        layer.setSynchronous(true);
        const MapViewport vp(QSizeF(600, 400), 10, 50, 2);
        const QImage image = render(layer, vp, kBackground);
        QCOMPARE(blobs(image).size(), size_t(1));
        // Along the row through both: two runs of the collection colour with white between them.
        const QColor colour = layer.colorFor(u"optical"_s);
        const QPoint a = vp.lonLatToScreen(10.025, 50.025).toPoint();
        int runs = 0;
        bool inRun = false;
        bool whiteBetween = false;
        for (int x = a.x() - 6; x <= a.x() + 12; ++x) {
            const QColor c = image.pixelColor(x, a.y());
            const bool coloured = c == colour;
            if (coloured && !inRun) {
                whiteBetween = whiteBetween || runs > 0;
                ++runs;
            }
            inRun = coloured;
        }
        QCOMPARE(runs, 2);
        QVERIFY(whiteBetween);
    }

    void clickingAMarkerPicksItsItem()
    {
        ItemStore store;
        QVERIFY(load(store,
            { feature(u"europe"_s, u"optical"_s, 10, 50), feature(u"america"_s, u"sar"_s, -100, 40),
                feature(u"near europe"_s, u"sar"_s, 11.2, 50) }));
        FootprintLayer layer(&store);
        layer.setSynchronous(true);
        const MapViewport vp(QSizeF(900, 600), 0, 20, 2);
        const QPointF europe = vp.lonLatToScreen(10.025, 50.025);
        const QPointF america = vp.lonLatToScreen(-99.975, 40.025);
        const QPointF nearEurope = vp.lonLatToScreen(11.225, 50.025);
        QCOMPARE(layer.hitTest(america, vp), 1);
        QCOMPARE(layer.hitTest(america + QPointF(3, -2), vp), 1); // on the marker's edge
        QCOMPARE(layer.hitTest(america + QPointF(15, 0), vp), -1);
        // Of two overlapping markers, the one whose centre is nearer the click.
        QCOMPARE(layer.hitTest(europe - QPointF(2, 0), vp), 0);
        QCOMPARE(layer.hitTest(nearEurope + QPointF(2, 0), vp), 2);

        // Selected, the marker gets the selection ring around it.
        layer.setSelectedRows({ 1 });
        const QImage image = render(layer, vp, kBackground);
        int amber = 0;
        for (int dy = -6; dy <= 6; ++dy) {
            for (int dx = -6; dx <= 6; ++dx) {
                const QColor c = image.pixelColor(america.toPoint() + QPoint(dx, dy));
                amber += c.red() > 180 && c.green() > 120 && c.blue() < 90 ? 1 : 0;
            }
        }
        QVERIFY2(amber >= 8, qPrintable(QString::number(amber)));
    }
};

QTEST_MAIN(TestFootprintMarkers)
#include "tst_footprintmarkers.moc"
