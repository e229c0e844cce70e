#include <QBuffer>
#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QThreadPool>

#include "src/geo/mapviewport.h"
#include "tests/support/ports.h"
#include "tests/ui/layerrender.h"
#include "ui/map/addtilesourcedialog.h"
#include "ui/map/basemapswitcher.h"
#include "ui/map/tilelayer.h"

using namespace StacScope;
using namespace StacScope::LayerRender;
using namespace Qt::StringLiterals;

namespace {

QByteArray png(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray plainTile(const QColor &colour)
{
    QImage image(256, 256, QImage::Format_RGB32);
    image.fill(colour);
    return png(image);
}

// A zoom 0 tile with a different colour in each quadrant.
QByteArray quadrantTile()
{
    QImage image(256, 256, QImage::Format_RGB32);
    QPainter p(&image);
    p.fillRect(0, 0, 128, 128, Qt::red);
    p.fillRect(128, 0, 128, 128, Qt::green);
    p.fillRect(0, 128, 128, 128, Qt::blue);
    p.fillRect(128, 128, 128, 128, Qt::yellow);
    p.end();
    return png(image);
}

TileSource testSource()
{
    TileSource s;
    s.id = u"test"_s;
    s.name = u"Test"_s;
    s.urlTemplate = TestPorts::closedLocalOrigin() + u"/{z}/{x}/{y}.png"_s;
    s.attribution = u"© Test tiles"_s;
    return s;
}

bool near(const QColor &a, const QColor &b, int tolerance = 3)
{
    return colorsNear(a, b, tolerance);
}

} // namespace

class TestTileLayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void zOrderAndDefaults()
    {
        TileLayer layer(nullptr);
        QCOMPARE(layer.zOrder(), 10);
        QVERIFY(!layer.hasSource());
        QVERIFY(!layer.isShowingTiles());
    }

    void withoutSourceDrawsNothing()
    {
        TileLayer layer(nullptr);
        layer.addTile({ 0, 0, 0 }, plainTile(Qt::red)); // ignored: no source
        const MapViewport view(QSizeF(256, 256), 0, 0, 0);
        const QImage image = render(layer, view, Qt::magenta);
        QCOMPARE(image.pixelColor(128, 128), QColor(Qt::magenta));
        QCOMPARE(image.pixelColor(250, 250), QColor(Qt::magenta));
    }

    void loadedTilesAndParentFallback()
    {
        TileLayer layer(nullptr);
        layer.setSource(testSource());
        QSignalSpy changed(&layer, &MapLayer::changed);
        layer.addTile({ 0, 0, 0 }, quadrantTile());
        layer.addTile({ 1, 0, 0 }, plainTile(Qt::cyan));
        layer.addTile({ 1, 1, 1 }, plainTile(Qt::white));
        // Decoded on a worker: nothing yet, then one changed() per tile.
        QCOMPARE(changed.count(), 0);
        QCOMPARE(layer.decodingCount(), 3);
        QTRY_COMPARE(changed.count(), 3);
        QCOMPARE(layer.decodingCount(), 0);
        QVERIFY(layer.hasTile({ 1, 0, 0 }));
        // Zoom 1 exactly: the world is 512 px, tiles are drawn 1:1.
        const MapViewport view(QSizeF(512, 512), 0, 0, 1);
        QCOMPARE(layer.tileZoomFor(view), 1);
        const QImage image = render(layer, view, Qt::black);
        // Loaded children.
        QVERIFY(near(image.pixelColor(128, 128), Qt::cyan));
        QVERIFY(near(image.pixelColor(384, 300), Qt::white));
        // Missing children: the parent's quadrant scaled up in their place.
        QVERIFY(near(image.pixelColor(384, 128), Qt::green));
        QVERIFY(near(image.pixelColor(300, 10), Qt::green));
        QVERIFY(near(image.pixelColor(128, 384), Qt::blue));
        QVERIFY(near(image.pixelColor(10, 500), Qt::blue));
    }

    void grandparentFallbackAndWorldCopies()
    {
        TileLayer layer(nullptr);
        layer.setSource(testSource());
        layer.addTile({ 0, 0, 0 }, quadrantTile());
        QTRY_VERIFY(layer.hasTile({ 0, 0, 0 }));
        // Zoom 2 around lon 180: east edge of one world copy next to the west edge of the next.
        const MapViewport view(QSizeF(400, 400), 180, 0, 2);
        const QImage image = render(layer, view, Qt::black);
        // West of the antimeridian is the east half of the world (green north, yellow south) ...
        QVERIFY(near(image.pixelColor(150, 150), Qt::green));
        QVERIFY(near(image.pixelColor(150, 250), Qt::yellow));
        // ... and east of it the west half of the next copy (red north, blue south).
        QVERIFY(near(image.pixelColor(250, 150), Qt::red));
        QVERIFY(near(image.pixelColor(250, 250), Qt::blue));
    }

    void opacity()
    {
        TileLayer layer(nullptr);
        layer.setSource(testSource());
        layer.addTile({ 0, 0, 0 }, plainTile(Qt::white));
        QTRY_VERIFY(layer.hasTile({ 0, 0, 0 }));
        layer.setOpacity(0.5);
        const MapViewport view(QSizeF(256, 256), 0, 0, 0);
        const QImage image = render(layer, view, Qt::black);
        const QColor c = image.pixelColor(128, 128);
        QVERIFY2(std::abs(c.red() - 128) <= 3 && c.red() == c.blue(), qPrintable(c.name()));
        layer.setOpacity(7); // clamped
        QCOMPARE(layer.opacity(), 1.0);
    }

    void attributionDrawn()
    {
        TileLayer layer(nullptr);
        layer.setSource(testSource());
        layer.addTile({ 0, 0, 0 }, plainTile(Qt::black));
        QTRY_VERIFY(layer.hasTile({ 0, 0, 0 }));
        const MapViewport view(QSizeF(256, 256), 0, 0, 0);
        const QImage image = render(layer, view, Qt::black);
        // A light box with dark text at the bottom-right; the rest of the tile stays black.
        QCOMPARE(image.pixelColor(128, 128), QColor(Qt::black));
        QCOMPARE(image.pixelColor(5, 250), QColor(Qt::black));
        int light = 0;
        int dark = 0;
        for (int y = 236; y < 256; ++y) {
            for (int x = 180; x < 256; ++x) {
                const int v = image.pixelColor(x, y).lightness();
                light += v > 150 ? 1 : 0;
                dark += v < 100 ? 1 : 0;
            }
        }
        QVERIFY2(light > 200, qPrintable(QString::number(light)));
        QVERIFY(dark > 0);
        // Without an attribution nothing is drawn there.
        TileSource s = testSource();
        s.attribution.clear();
        layer.setSource(s);
        layer.addTile({ 0, 0, 0 }, plainTile(Qt::black));
        QTRY_VERIFY(layer.hasTile({ 0, 0, 0 }));
        QCOMPARE(render(layer, view, Qt::black).pixelColor(250, 250), QColor(Qt::black));
    }

    void clearSourceHides()
    {
        TileLayer layer(nullptr);
        layer.setSource(testSource());
        QSignalSpy showing(&layer, &TileLayer::showingTilesChanged);
        layer.addTile({ 0, 0, 0 }, plainTile(Qt::red));
        QTRY_VERIFY(layer.hasTile({ 0, 0, 0 }));
        layer.clearSource();
        QCOMPARE(showing.count(), 1);
        QVERIFY(!layer.hasTile({ 0, 0, 0 }));
        const MapViewport view(QSizeF(256, 256), 0, 0, 0);
        QCOMPARE(render(layer, view, Qt::magenta).pixelColor(128, 128), QColor(Qt::magenta));
    }

    void decodesDroppedWhenStale()
    {
        TileLayer layer(nullptr);
        layer.setSource(testSource());
        QSignalSpy changed(&layer, &MapLayer::changed);
        changed.clear();
        // A tile far from the view (not one of its tiles or their ancestors) is dropped at the
        // next paint, before its decode is delivered.
        layer.addTile({ 6, 60, 10 }, plainTile(Qt::red));
        layer.addTile({ 6, 32, 32 }, plainTile(Qt::cyan));
        layer.addTile({ 4, 8, 8 }, plainTile(Qt::white)); // an ancestor: kept for the fallback
        QCOMPARE(layer.decodingCount(), 3);
        const MapViewport view(QSizeF(256, 256), 0, 0, 6);
        render(layer, view, Qt::black);
        QCOMPARE(layer.decodingCount(), 2);
        QTRY_COMPARE(layer.decodingCount(), 0);
        QVERIFY(!layer.hasTile({ 6, 60, 10 }));
        QVERIFY(layer.hasTile({ 6, 32, 32 }));
        QVERIFY(layer.hasTile({ 4, 8, 8 }));
        QCOMPARE(changed.count(), 2);
        // A new source drops what was decoding for the old one.
        layer.addTile({ 6, 32, 31 }, plainTile(Qt::red));
        layer.setSource(testSource());
        QCOMPARE(layer.decodingCount(), 0);
        // Let the decode finish and its signal, if any, arrive.
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QVERIFY(!layer.hasTile({ 6, 32, 31 }));
        // Bytes that are not an image are dropped quietly.
        changed.clear();
        layer.addTile({ 6, 32, 32 }, QByteArrayLiteral("not a png"));
        QTRY_COMPARE(layer.decodingCount(), 0);
        QVERIFY(!layer.hasTile({ 6, 32, 32 }));
        QCOMPARE(changed.count(), 0);
    }

    void switcher()
    {
        QWidget map;
        map.resize(800, 600);
        BasemapSwitcher switcher(&map);
        switcher.setSources(TileSource::builtIns());
        QCOMPARE(switcher.combo()->count(), 4);
        QCOMPARE(switcher.combo()->itemText(0), u"Offline (Natural Earth)"_s);
        QCOMPARE(switcher.currentId(), QString());
        QVERIFY(!switcher.opacitySlider()->isEnabled());
        QSignalSpy changed(&switcher, &BasemapSwitcher::currentSourceChanged);
        switcher.setCurrentId(u"osm"_s);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), u"osm"_s);
        QVERIFY(switcher.opacitySlider()->isEnabled());
        QSignalSpy opacity(&switcher, &BasemapSwitcher::opacityChanged);
        switcher.opacitySlider()->setValue(40);
        QCOMPARE(opacity.at(0).at(0).toDouble(), 0.4);
        // Top-right of the map.
        QVERIFY(switcher.geometry().right() > 700);
        QVERIFY(switcher.geometry().top() < 20);
        // An unknown id falls back to the offline basemap.
        switcher.setCurrentId(u"gone"_s);
        QCOMPARE(switcher.currentId(), QString());
    }

    void addSourceDialogValidates()
    {
        AddTileSourceDialog dialog;
        QVERIFY(!dialog.problem().isEmpty());
        dialog.nameEdit()->setText(u"Mine"_s);
        dialog.templateEdit()->setText(u"ftp://x.example/{z}/{x}/{y}.png"_s);
        QVERIFY(dialog.problem().contains(u"http"_s));
        dialog.templateEdit()->setText(u"https://x.example/{z}/{x}.png"_s);
        QVERIFY(dialog.problem().contains(u"{y}"_s));
        dialog.templateEdit()->setText(u"https://x.example/{z}/{x}/{y}.png"_s);
        QVERIFY(dialog.problem().contains(u"attribution"_s));
        dialog.attributionEdit()->setText(u"© X"_s);
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(dialog.source().isValid());
        QCOMPARE(dialog.source().attribution, u"© X"_s);
    }
};

QTEST_MAIN(TestTileLayer)
#include "tst_tilelayer.moc"
