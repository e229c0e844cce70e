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

// Mostly river: much bluer than red. The default river colour has blue - red = 122; land, water,
// coast, borders and city names all stay under 45, and an antialiased river pixel half over
// land is still about 54.
bool isRiverBlue(const QColor &c)
{
    return c.blue() - c.red() >= 50;
}

// Label text: dark in every channel (land, water, coast and borders are all lighter).
bool isText(const QColor &c)
{
    return c.red() < 110 && c.green() < 110 && c.blue() < 110;
}

int countPixels(const QImage &image, const QRect &area, bool (*test)(const QColor &))
{
    int count = 0;
    const QRect clipped = area.intersected(image.rect());
    for (int y = clipped.top(); y <= clipped.bottom(); ++y) {
        for (int x = clipped.left(); x <= clipped.right(); ++x) {
            count += test(image.pixelColor(x, y)) ? 1 : 0;
        }
    }
    return count;
}

// The square of `radius` pixels around a lon/lat.
QRect around(const MapViewport &viewport, double lon, double lat, int radius)
{
    const QPoint p = viewport.lonLatToScreen(lon, lat).toPoint();
    return QRect(p - QPoint(radius, radius), p + QPoint(radius, radius));
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
    void riverLevelForZoom();
    void riversAtRegionalZoom();
    void noRiversOrLabelsAtWorldZoom();
    void labelsAtRegionalZoom_data();
    void labelsAtRegionalZoom();
    void labelsAtHighDpi();
    void moreLabelsAsZoomGrows();
    void labelsAcrossWorldCopies();

private:
    void checkColours(const QImage &image, const MapViewport &viewport);
    QStringList placedNames(const BasemapLayer &layer) const;
    // Land and water only (no rivers or labels), for the fill checks, which sample cities.
    std::unique_ptr<BasemapLayer> m_layer;
    // The default style.
    std::unique_ptr<BasemapLayer> m_full;
};

void TestBasemapLayer::initTestCase()
{
    QFile file(u":/basemap/naturalearth.bin"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    std::optional<VectorBasemap> basemap = VectorBasemap::load(file.readAll(), &error);
    QVERIFY2(basemap, qPrintable(error));
    m_full = std::make_unique<BasemapLayer>(*basemap);
    m_layer = std::make_unique<BasemapLayer>(std::move(*basemap));
    BasemapLayer::Style style = BasemapLayer::defaultStyle();
    style.labels = false;
    style.riverWidth = 0;
    m_layer->setStyle(style);
}

QStringList TestBasemapLayer::placedNames(const BasemapLayer &layer) const
{
    QStringList names;
    for (const BasemapLabels::Placed &placed : layer.placedLabels()) {
        names.append(layer.basemap().places()[size_t(placed.place)].name);
    }
    return names;
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

void TestBasemapLayer::riverLevelForZoom()
{
    QCOMPARE(m_full->riverLevelForZoom(0), -1);
    QCOMPARE(m_full->riverLevelForZoom(BasemapLayer::kRiversZoom - 0.01), -1);
    QCOMPARE(m_full->riverLevelForZoom(BasemapLayer::kRiversZoom), 0);
    QCOMPARE(m_full->riverLevelForZoom(BasemapLayer::kAllRiversZoom), 1);
    QCOMPARE(m_full->riverLevelForZoom(12), 1);
    BasemapLayer empty { VectorBasemap() };
    QCOMPARE(empty.riverLevelForZoom(5), -1);
}

void TestBasemapLayer::riversAtRegionalZoom()
{
    const MapViewport viewport(QSizeF(800, 600), 10, 48, 5);
    const QImage image = render(*m_full, viewport);
    QVERIFY2(countPixels(image, image.rect(), isRiverBlue) > 1000,
        qPrintable(QString::number(countPixels(image, image.rect(), isRiverBlue))));
    // On the rivers where an atlas puts them (within 3 px), and not on dry land nearby.
    QVERIFY(countPixels(image, around(viewport, 16.40, 48.22, 3), isRiverBlue) > 0); // Danube, Vienna
    QVERIFY(countPixels(image, around(viewport, 6.97, 50.94, 3), isRiverBlue) > 0); // Rhine, Cologne
    QVERIFY(countPixels(image, around(viewport, 1.91, 47.90, 3), isRiverBlue) > 0); // Loire, Orleans
    QCOMPARE(countPixels(image, around(viewport, 3.0, 46.0, 3), isRiverBlue), 0); // Auvergne hills
    // The rivers are drawn only where land is: the sea stays plain water.
    QCOMPARE(colourAt(image, viewport, -5.0, 45.5), m_full->style().water); // Bay of Biscay
}

void TestBasemapLayer::noRiversOrLabelsAtWorldZoom()
{
    for (const double zoom : { 0.0, 1.5, 2.9 }) {
        const MapViewport viewport(QSizeF(800, 600), 10, 30, zoom);
        const QImage image = render(*m_full, viewport);
        QCOMPARE(countPixels(image, image.rect(), isRiverBlue), 0);
        QCOMPARE(countPixels(image, image.rect(), isText), 0);
        QVERIFY(m_full->placedLabels().empty());
    }
}

void TestBasemapLayer::labelsAtRegionalZoom_data()
{
    QTest::addColumn<double>("zoom");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("zoom 3.5") << 3.5 << QStringList { u"Paris"_s, u"London"_s, u"Rome"_s };
    QTest::newRow("zoom 4") << 4.0 << QStringList { u"Paris"_s, u"London"_s, u"Berlin"_s, u"Madrid"_s };
    QTest::newRow("zoom 5") << 5.0 << QStringList { u"Paris"_s, u"Berlin"_s, u"Vienna"_s, u"Prague"_s };
}

void TestBasemapLayer::labelsAtRegionalZoom()
{
    QFETCH(double, zoom);
    QFETCH(QStringList, expected);
    const MapViewport viewport(QSizeF(900, 700), 8, 48, zoom);
    const QImage image = render(*m_full, viewport);
    const QStringList names = placedNames(*m_full);
    for (const QString &name : expected) {
        QVERIFY2(names.contains(name), qPrintable(name + u" not in "_s + names.join(u", "_s)));
    }
    const std::vector<BasemapLabels::Placed> &placed = m_full->placedLabels();
    const QRectF view(QPointF(0, 0), viewport.size());
    for (size_t i = 0; i < placed.size(); ++i) {
        QVERIFY(view.contains(placed[i].rect));
        // Text pixels inside each label's rectangle.
        QVERIFY2(countPixels(image, placed[i].rect.toAlignedRect(), isText) > 5, qPrintable(names[qsizetype(i)]));
        for (size_t j = i + 1; j < placed.size(); ++j) {
            QVERIFY2(!placed[i].rect.intersects(placed[j].rect),
                qPrintable(names[qsizetype(i)] + u" overlaps "_s + names[qsizetype(j)]));
        }
    }
    // The label sits beside its city's dot, on the same line.
    const qsizetype paris = names.indexOf(u"Paris"_s);
    const QPointF dot = viewport.lonLatToScreen(2.35, 48.86);
    const QRectF rect = placed[size_t(paris)].rect;
    QVERIFY(rect.top() < dot.y() && rect.bottom() > dot.y());
    QVERIFY(std::min(std::abs(rect.left() - dot.x()), std::abs(rect.right() - dot.x())) < 12);
    QVERIFY(isText(colourAt(image, viewport, 2.33, 48.87)) || colourAt(image, viewport, 2.33, 48.87).value() < 130);
    // Open sea far from any city has no text.
    QCOMPARE(countPixels(image, around(viewport, -12.0, 46.0, 10), isText), 0);
}

void TestBasemapLayer::labelsAtHighDpi()
{
    // Labels are cached as images at the device's pixel ratio: at 2x they still land on their
    // rectangles (in logical pixels), drawn with twice the pixels.
    const MapViewport viewport(QSizeF(400, 300), 2.35, 48.86, 5);
    const QImage image = render(*m_full, viewport, 2.0);
    const QStringList names = placedNames(*m_full);
    const qsizetype paris = names.indexOf(u"Paris"_s);
    QVERIFY2(paris >= 0, qPrintable(names.join(u", "_s)));
    const QRectF rect = m_full->placedLabels()[size_t(paris)].rect;
    const QRect device(rect.topLeft().toPoint() * 2, rect.bottomRight().toPoint() * 2);
    QVERIFY(countPixels(image, device, isText) > 40);
    // And back at 1x the cache is redrawn at that ratio: same rectangle, text inside it.
    const QImage single = render(*m_full, viewport, 1.0);
    QCOMPARE(m_full->placedLabels()[size_t(paris)].rect, rect);
    QVERIFY(countPixels(single, rect.toAlignedRect(), isText) > 10);
}

void TestBasemapLayer::moreLabelsAsZoomGrows()
{
    // Central Europe at growing zoom: within a fixed area (Paris to Warsaw, visible at every step)
    // more places are labelled at each step.
    qsizetype previous = 0;
    for (const double zoom : { 3.0, 4.0, 5.0, 6.0 }) {
        render(*m_full, MapViewport(QSizeF(1000, 800), 12, 49, zoom));
        qsizetype count = 0;
        for (const BasemapLabels::Placed &placed : m_full->placedLabels()) {
            const VectorBasemap::Place &place = m_full->basemap().places()[size_t(placed.place)];
            count += place.lon > 2.0 && place.lon < 21.0 && place.lat > 44.0 && place.lat < 54.0 ? 1 : 0;
        }
        QVERIFY2(count > previous, qPrintable(u"zoom %1: %2 after %3"_s.arg(zoom).arg(count).arg(previous)));
        previous = count;
    }
    // Vienna is labelled from zoom 3.7 (Natural Earth's min_zoom) on: not at 3, at 4.
    render(*m_full, MapViewport(QSizeF(1000, 800), 12, 49, 3.0));
    QVERIFY(!placedNames(*m_full).contains(u"Vienna"_s));
    render(*m_full, MapViewport(QSizeF(1000, 800), 12, 49, 4.0));
    QVERIFY(placedNames(*m_full).contains(u"Vienna"_s));
}

void TestBasemapLayer::labelsAcrossWorldCopies()
{
    // A view centred on the antimeridian: Auckland (174.8 E) and Apia (171.7 W) are both
    // labelled, each in the world copy where it shows, and both inside the view.
    const MapViewport viewport(QSizeF(900, 700), 180, -25, 5);
    render(*m_full, viewport);
    const QStringList names = placedNames(*m_full);
    QVERIFY2(names.contains(u"Auckland"_s), qPrintable(names.join(u", "_s)));
    QVERIFY2(names.contains(u"Apia"_s), qPrintable(names.join(u", "_s)));
    const QRectF apia = m_full->placedLabels()[size_t(names.indexOf(u"Apia"_s))].rect;
    QVERIFY(apia.center().x() > viewport.size().width() / 2); // east of the centre line
}

QTEST_MAIN(TestBasemapLayer)
#include "tst_basemaplayer.moc"
