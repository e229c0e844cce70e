#include <cmath>
#include <memory>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

#include "src/geo/mapviewport.h"
#include "src/geo/vectorbasemap.h"
#include "ui/map/basemaplayer.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QImage render(BasemapLayer &layer, const MapViewport &viewport, qreal dpr = 1.0)
{
    const QSize size = (viewport.size() * dpr).toSize();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::magenta); // anything left unpainted shows
    QPainter painter(&image);
    layer.paint(painter, viewport);
    painter.end();
    // Set STACSCOPE_TEST_DUMP to a folder to look at the renders.
    const QString dump = qEnvironmentVariable("STACSCOPE_TEST_DUMP");
    if (!dump.isEmpty()) {
        const QString name = u"%1-z%2-%3.png"_s.arg(QString::fromLatin1(QTest::currentTestFunction()))
                                 .arg(viewport.zoom())
                                 .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'));
        image.save(QDir(dump).filePath(name));
    }
    return image;
}

QColor colourAt(const QImage &image, const MapViewport &viewport, double lon, double lat)
{
    const QPointF p = viewport.lonLatToScreen(lon, lat) * image.devicePixelRatio();
    return image.pixelColor(int(std::floor(p.x())), int(std::floor(p.y())));
}

QByteArray describe(const QColor &c)
{
    return c.name().toLatin1();
}

} // namespace

class TestBasemapLayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void levelForZoom();
    void worldAtZoom0_data();
    void worldAtZoom0();
    void europeAtZoom4_data();
    void europeAtZoom4();
    void worldRepeats();
    void antimeridianFromTheEast();
    void outsideTheWorldIsBackground();
    void highDpi();
    void emptyBasemapPaintsWater();
    void styleChangeRepaints();

private:
    void checkColours(const QImage &image, const MapViewport &viewport);
    std::unique_ptr<BasemapLayer> m_layer;
};

void TestBasemapLayer::initTestCase()
{
    QFile file(u":/basemap/naturalearth.bin"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    std::optional<VectorBasemap> basemap = VectorBasemap::load(file.readAll(), &error);
    QVERIFY2(basemap, qPrintable(error));
    m_layer = std::make_unique<BasemapLayer>(std::move(*basemap));
}

void TestBasemapLayer::levelForZoom()
{
    QCOMPARE(m_layer->levelForZoom(0), 0);
    QCOMPARE(m_layer->levelForZoom(BasemapLayer::kFineDetailZoom - 0.01), 0);
    QCOMPARE(m_layer->levelForZoom(BasemapLayer::kFineDetailZoom), 1);
    QCOMPARE(m_layer->levelForZoom(12), 1);
    BasemapLayer empty { VectorBasemap() };
    QCOMPARE(empty.levelForZoom(3), -1);
}

void TestBasemapLayer::checkColours(const QImage &image, const MapViewport &viewport)
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(bool, land);
    const BasemapLayer::Style &style = m_layer->style();
    const QColor expected = land ? style.land : style.water;
    const QColor actual = colourAt(image, viewport, lon, lat);
    const QByteArray message = describe(actual) + " != " + describe(expected);
    QVERIFY2(actual == expected, message.constData());
}

void TestBasemapLayer::worldAtZoom0_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<bool>("land");
    QTest::newRow("Sahara") << 15.0 << 27.0 << true;
    QTest::newRow("Siberia") << 100.0 << 62.0 << true;
    QTest::newRow("Brazil") << -50.0 << -10.0 << true;
    QTest::newRow("Australia") << 134.0 << -25.0 << true;
    QTest::newRow("Antarctica") << 40.0 << -80.0 << true;
    QTest::newRow("Antarctica at the map's edge") << -100.0 << -85.0 << true;
    QTest::newRow("mid-Atlantic") << -40.0 << 30.0 << false;
    QTest::newRow("Pacific") << -150.0 << 0.0 << false;
    QTest::newRow("Indian Ocean") << 80.0 << -30.0 << false;
    QTest::newRow("Arctic Ocean") << 0.0 << 84.0 << false;
}

void TestBasemapLayer::worldAtZoom0()
{
    const MapViewport viewport(QSizeF(1200, 800), 0, 0, 0);
    checkColours(render(*m_layer, viewport), viewport);
}

void TestBasemapLayer::europeAtZoom4_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<bool>("land");
    QTest::newRow("Paris") << 2.35 << 48.85 << true;
    QTest::newRow("central France") << 2.5 << 46.5 << true;
    QTest::newRow("Poland") << 19.0 << 52.0 << true;
    QTest::newRow("Madrid") << -3.7 << 40.4 << true;
    QTest::newRow("Bay of Biscay") << -5.0 << 45.5 << false;
    QTest::newRow("North Sea") << 3.0 << 55.5 << false;
    QTest::newRow("Mediterranean") << 5.0 << 40.0 << false;
    QTest::newRow("Atlantic") << -20.0 << 45.0 << false;
}

void TestBasemapLayer::europeAtZoom4()
{
    const MapViewport viewport(QSizeF(800, 600), 10, 50, 4);
    checkColours(render(*m_layer, viewport), viewport);
}

void TestBasemapLayer::worldRepeats()
{
    // At zoom 0 a 1200 px view holds almost five copies of the 256 px world.
    const MapViewport viewport(QSizeF(1200, 800), 0, 0, 0);
    const QImage image = render(*m_layer, viewport);
    int landSeen = 0;
    for (const double lat : { -80.0, -30.0, 0.0, 27.0, 50.0, 62.0 }) {
        for (double lon = -180.0; lon < 180.0; lon += 15.0) {
            const QColor here = colourAt(image, viewport, lon, lat);
            QVERIFY2(here == colourAt(image, viewport, lon + 360.0, lat), qPrintable(u"%1, %2"_s.arg(lon).arg(lat)));
            QVERIFY2(here == colourAt(image, viewport, lon - 360.0, lat), qPrintable(u"%1, %2"_s.arg(lon).arg(lat)));
            landSeen += here == m_layer->style().land ? 1 : 0;
        }
    }
    QVERIFY(landSeen > 20);
    // lon 0 and lon 360 in particular, on land (Algeria) and at sea (Gulf of Guinea).
    QCOMPARE(colourAt(image, viewport, 0, 27), m_layer->style().land);
    QCOMPARE(colourAt(image, viewport, 360, 27), m_layer->style().land);
    QCOMPARE(colourAt(image, viewport, 0, 0), m_layer->style().water);
    QCOMPARE(colourAt(image, viewport, 360, 0), m_layer->style().water);
}

void TestBasemapLayer::antimeridianFromTheEast()
{
    // The view starts just east of 180 degrees: Chukotka there belongs to Russia's ring, which
    // is stored west of the antimeridian and reaches past it, so the layer must draw the world
    // copy to the west even though the viewport does not list it.
    const MapViewport viewport(QSizeF(400, 300), -177.5, 66.5, 7);
    QVERIFY(viewport.visibleWorld().left() > 0);
    const QImage image = render(*m_layer, viewport);
    QCOMPARE(colourAt(image, viewport, -179.5, 67.0), m_layer->style().land);
    QCOMPARE(colourAt(image, viewport, -176.5, 67.0), m_layer->style().land);
}

void TestBasemapLayer::outsideTheWorldIsBackground()
{
    // At zoom 0 the 256 px tall world leaves bands above and below an 800 px view.
    const MapViewport viewport(QSizeF(1200, 800), 0, 0, 0);
    const QImage image = render(*m_layer, viewport);
    QCOMPARE(image.pixelColor(600, 100), m_layer->style().background);
    QCOMPARE(image.pixelColor(10, 790), m_layer->style().background);
    QCOMPARE(image.pixelColor(600, 280), m_layer->style().water); // Arctic Ocean
}

void TestBasemapLayer::highDpi()
{
    const MapViewport viewport(QSizeF(400, 300), 10, 50, 4);
    const QImage image = render(*m_layer, viewport, 2.0);
    QCOMPARE(image.size(), QSize(800, 600));
    QCOMPARE(colourAt(image, viewport, 2.5, 46.5), m_layer->style().land);
    QCOMPARE(colourAt(image, viewport, -5.0, 45.5), m_layer->style().water);
}

void TestBasemapLayer::emptyBasemapPaintsWater()
{
    BasemapLayer empty { VectorBasemap() };
    const MapViewport viewport(QSizeF(300, 200), 10, 50, 4);
    const QImage image = render(empty, viewport);
    QCOMPARE(image.pixelColor(150, 100), empty.style().water);
}

void TestBasemapLayer::styleChangeRepaints()
{
    BasemapLayer layer { VectorBasemap() };
    QSignalSpy spy(&layer, &MapLayer::changed);
    BasemapLayer::Style style = BasemapLayer::defaultStyle();
    style.water = Qt::darkBlue;
    layer.setStyle(style);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(layer.style().water, QColor(Qt::darkBlue));
}

QTEST_MAIN(TestBasemapLayer)
#include "tst_basemaplayer.moc"
