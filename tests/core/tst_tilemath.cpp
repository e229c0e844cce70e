#include <QSet>
#include <QTest>

#include "src/geo/mapviewport.h"
#include "src/geo/tilemath.h"
#include "src/geo/webmercator.h"
#include "src/net/tilesource.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace StacScope {
// Readable keys in failure messages.
char *toString(const TileKey &key)
{
    return QTest::toString(u"%1/%2/%3"_s.arg(key.z).arg(key.x).arg(key.y));
}
} // namespace StacScope

class TestTileMath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tileAt_data()
    {
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        QTest::addColumn<int>("z");
        QTest::addColumn<int>("x");
        QTest::addColumn<int>("y");
        const int last19 = (1 << 19) - 1;
        QTest::newRow("z0 origin") << 0.0 << 0.0 << 0 << 0 << 0;
        QTest::newRow("z0 -180 north edge") << -180.0 << 85.0511 << 0 << 0 << 0;
        QTest::newRow("z0 +180 south edge") << 180.0 << -85.0511 << 0 << 0 << 0;
        QTest::newRow("z1 -180 north") << -180.0 << 85.0511 << 1 << 0 << 0;
        QTest::newRow("z1 just west of 180, south") << 179.9999 << -85.0511 << 1 << 1 << 1;
        QTest::newRow("z1 +180 wraps to column 0") << 180.0 << 0.1 << 1 << 0 << 0;
        QTest::newRow("z19 -180 north") << -180.0 << 85.0511 << 19 << 0 << 0;
        QTest::newRow("z19 just west of 180, south") << 179.99999 << -85.0511 << 19 << last19 << last19;
        QTest::newRow("z19 +180 wraps") << 180.0 << 0.0 << 19 << 0 << (1 << 18);
        QTest::newRow("z19 beyond the pole clamps") << 10.0 << 89.9 << 19 << 276707 << 0;
        QTest::newRow("z19 beyond the south pole clamps") << 10.0 << -89.9 << 19 << 276707 << last19;
        QTest::newRow("z19 origin") << 0.0 << 0.0 << 19 << (1 << 18) << (1 << 18);
        QTest::newRow("z19 -0.00001 west of origin") << -0.00001 << 0.00001 << 19 << (1 << 18) - 1 << (1 << 18) - 1;
    }
    void tileAt()
    {
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(int, z);
        QFETCH(int, x);
        QFETCH(int, y);
        const TileKey key = TileMath::tileAt(lon, lat, z);
        QCOMPARE(key, (TileKey { z, x, y }));
        QVERIFY(key.isValid());
        // The key's rectangle contains the point (modulo the world for x).
        const QRectF r = TileMath::worldRect(key);
        double wx = WebMercator::lonToX(lon);
        wx -= std::floor(wx);
        const double wy = std::clamp(WebMercator::latToY(lat), 0.0, std::nextafter(1.0, 0.0));
        QVERIFY(wx >= r.left() && wx < r.right());
        QVERIFY(wy >= r.top() && wy < r.bottom());
    }

    void worldRect_data()
    {
        QTest::addColumn<TileKey>("key");
        QTest::addColumn<QRectF>("rect");
        QTest::newRow("z0") << TileKey { 0, 0, 0 } << QRectF(0, 0, 1, 1);
        QTest::newRow("z1 south-east") << TileKey { 1, 1, 1 } << QRectF(0.5, 0.5, 0.5, 0.5);
        const double s = 1.0 / (1 << 19);
        QTest::newRow("z19 last") << TileKey { 19, (1 << 19) - 1, (1 << 19) - 1 } << QRectF(1 - s, 1 - s, s, s);
    }
    void worldRect()
    {
        QFETCH(TileKey, key);
        QFETCH(QRectF, rect);
        const QRectF r = TileMath::worldRect(key);
        QVERIFY(qFuzzyCompare(r.left() + 1, rect.left() + 1));
        QVERIFY(qFuzzyCompare(r.top() + 1, rect.top() + 1));
        QVERIFY(qFuzzyCompare(r.width(), rect.width()));
    }

    void validity_data()
    {
        QTest::addColumn<TileKey>("key");
        QTest::addColumn<bool>("valid");
        QTest::newRow("z0") << TileKey { 0, 0, 0 } << true;
        QTest::newRow("z0 x 1") << TileKey { 0, 1, 0 } << false;
        QTest::newRow("negative") << TileKey { 3, -1, 0 } << false;
        QTest::newRow("z19 last") << TileKey { 19, (1 << 19) - 1, (1 << 19) - 1 } << true;
        QTest::newRow("z19 past the end") << TileKey { 19, 1 << 19, 0 } << false;
        QTest::newRow("negative zoom") << TileKey { -1, 0, 0 } << false;
    }
    void validity()
    {
        QFETCH(TileKey, key);
        QFETCH(bool, valid);
        QCOMPARE(key.isValid(), valid);
    }

    void parents()
    {
        QCOMPARE((TileKey { 19, 524287, 1 }).parent(), (TileKey { 18, 262143, 0 }));
        QCOMPARE((TileKey { 19, 524287, 1 }).ancestor(19), (TileKey { 0, 0, 0 }));
        QVERIFY(!(TileKey { 0, 0, 0 }).parent().isValid());
        QCOMPARE((TileKey { 2, 3, 1 }).ancestor(0), (TileKey { 2, 3, 1 }));
        QCOMPARE(TileMath::rectInAncestor({ 1, 1, 0 }, { 0, 0, 0 }), QRectF(0.5, 0, 0.5, 0.5));
        QCOMPARE(TileMath::rectInAncestor({ 2, 3, 3 }, { 0, 0, 0 }), QRectF(0.75, 0.75, 0.25, 0.25));
        QCOMPARE(TileMath::rectInAncestor({ 2, 3, 3 }, { 1, 1, 1 }), QRectF(0.5, 0.5, 0.5, 0.5));
        QVERIFY(TileMath::rectInAncestor({ 2, 3, 3 }, { 1, 0, 0 }).isNull());
    }

    void hashing()
    {
        QSet<TileKey> set { { 1, 0, 0 }, { 1, 0, 1 }, { 1, 1, 0 }, { 0, 0, 0 }, { 1, 0, 0 } };
        QCOMPARE(set.size(), 4);
        QVERIFY(set.contains(TileKey { 1, 0, 1 }));
        QVERIFY(qHash(TileKey { 1, 0, 1 }) != qHash(TileKey { 1, 1, 0 }));
    }

    void tileZoom_data()
    {
        QTest::addColumn<double>("viewZoom");
        QTest::addColumn<int>("maxZoom");
        QTest::addColumn<int>("expected");
        QTest::newRow("0") << 0.0 << 19 << 0;
        QTest::newRow("below 0") << -1.0 << 19 << 0;
        QTest::newRow("0.49 rounds down") << 0.49 << 19 << 0;
        QTest::newRow("0.5 rounds up") << 0.5 << 19 << 1;
        QTest::newRow("19") << 19.0 << 19 << 19;
        QTest::newRow("past 19") << 21.3 << 19 << 19;
        QTest::newRow("source max 17") << 18.6 << 17 << 17;
        QTest::newRow("nan") << std::nan("") << 19 << 0;
    }
    void tileZoom()
    {
        QFETCH(double, viewZoom);
        QFETCH(int, maxZoom);
        QFETCH(int, expected);
        QCOMPARE(TileMath::tileZoom(viewZoom, maxZoom), expected);
    }

    void coveringAtZoom0()
    {
        // 800 px wide at zoom 0: the 256 px world shows about three times side by side.
        const MapViewport view(QSizeF(800, 256), 0, 0, 0);
        const QList<PlacedTile> tiles = TileMath::coveringTiles(view, 0);
        QSet<int> copies;
        for (const PlacedTile &t : tiles) {
            QCOMPARE(t.key, (TileKey { 0, 0, 0 }));
            copies.insert(t.worldCopy);
            QCOMPARE(t.world, TileMath::worldRect(t.key).translated(t.worldCopy, 0));
        }
        QCOMPARE(copies, (QSet<int> { -2, -1, 0, 1, 2 }));
        QCOMPARE(view.firstWorldCopy(), -2);
        QCOMPARE(view.lastWorldCopy(), 2);
        // Nearest the centre first.
        QCOMPARE(tiles.first().worldCopy, 0);
    }

    void coveringAcrossAntimeridian_data()
    {
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        QTest::addColumn<int>("z");
        QTest::newRow("z3 at 180") << 180.0 << 0.0 << 3;
        QTest::newRow("z3 at -180") << -180.0 << 0.0 << 3;
        QTest::newRow("z19 at 180") << 180.0 << 0.0 << 19;
        QTest::newRow("z19 at -180, north edge") << -180.0 << 85.0511 << 19;
        QTest::newRow("z19 at 179.9999, south edge") << 179.9999 << -85.0511 << 19;
    }
    void coveringAcrossAntimeridian()
    {
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(int, z);
        const MapViewport view(QSizeF(600, 400), lon, lat, z);
        const QList<PlacedTile> tiles = TileMath::coveringTiles(view, z);
        QVERIFY(!tiles.isEmpty());
        const qint64 n = TileMath::tileCount(z);
        QSet<TileKey> keys;
        double area = 0;
        for (const PlacedTile &t : tiles) {
            QVERIFY2(t.key.isValid(), qPrintable(u"%1/%2/%3"_s.arg(t.key.z).arg(t.key.x).arg(t.key.y)));
            QCOMPARE(t.key.z, z);
            keys.insert(t.key);
            QVERIFY(t.world.intersects(view.visibleWorld()));
            area += t.world.intersected(view.visibleWorld() & QRectF(-10, 0, 20, 1)).width()
                * t.world.intersected(view.visibleWorld() & QRectF(-10, 0, 20, 1)).height();
        }
        QCOMPARE(keys.size(), tiles.size()); // no duplicates at this zoom
        // The tiles cover the visible part of the world exactly once.
        const QRectF visible = view.visibleWorld() & QRectF(-10, 0, 20, 1);
        QVERIFY(
            std::abs(area - visible.width() * visible.height()) < 1e-9 * visible.width() * visible.height() + 1e-18);
        // The view at +-180 needs both the last and the first column.
        if (std::abs(lon) == 180.0) {
            bool first = false;
            bool last = false;
            for (const PlacedTile &t : tiles) {
                first = first || t.key.x == 0;
                last = last || t.key.x == n - 1;
            }
            QVERIFY(first && last);
        }
    }

    void coveringOutsideTheWorld()
    {
        MapViewport view(QSizeF(256, 256), 0, 0, 2);
        QVERIFY(TileMath::coveringTiles(view, 20).isEmpty()); // would be far too many tiles
        QCOMPARE(TileMath::coveringTiles(view, 2).size(), 4);
    }

    void sourceUrls()
    {
        const TileSource osm = TileSource::openStreetMap();
        QCOMPARE(osm.tileUrl({ 3, 4, 2 }), QUrl(u"https://tile.openstreetmap.org/3/4/2.png"_s));
        QCOMPARE(osm.maxConnectionsPerHost, 2);
        QVERIFY(osm.attribution.contains(u"OpenStreetMap contributors"_s));
        QVERIFY(osm.isValid());
        const TileSource esri = TileSource::esriWorldImagery();
        QVERIFY(esri.tileUrl({ 19, 524287, 7 }).toString().endsWith(u"/tile/19/7/524287"_s));
        const TileSource topo = TileSource::openTopoMap();
        QCOMPARE(topo.tileUrl({ 1, 0, 0 }).host(), u"a.tile.opentopomap.org"_s);
        QCOMPARE(topo.tileUrl({ 1, 1, 0 }).host(), u"b.tile.opentopomap.org"_s);
        QCOMPARE(topo.tileUrl({ 1, 1, 1 }), topo.tileUrl({ 1, 1, 1 }));
        for (const TileSource &s : TileSource::builtIns()) {
            QVERIFY2(s.isValid(), qPrintable(s.id));
            QVERIFY(!s.attribution.isEmpty());
        }
    }

    void validateTemplate_data()
    {
        QTest::addColumn<QString>("urlTemplate");
        QTest::addColumn<QString>("messagePart"); // empty: valid
        QTest::newRow("osm") << u"https://tile.openstreetmap.org/{z}/{x}/{y}.png"_s << QString();
        QTest::newRow("http with subdomains") << u"http://{s}.example.org/t/{z}/{y}/{x}?key=1"_s << QString();
        QTest::newRow("empty") << QString() << u"Enter"_s;
        QTest::newRow("missing y") << u"https://example.org/{z}/{x}.png"_s << u"{y}"_s;
        QTest::newRow("ftp") << u"ftp://example.org/{z}/{x}/{y}.png"_s << u"http"_s;
        QTest::newRow("file") << u"file:///tiles/{z}/{x}/{y}.png"_s << u"http"_s;
        QTest::newRow("no host") << u"https:///{z}/{x}/{y}.png"_s << u"host"_s;
    }
    void validateTemplate()
    {
        QFETCH(QString, urlTemplate);
        QFETCH(QString, messagePart);
        const QString message = TileSource::validateTemplate(urlTemplate);
        if (messagePart.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
        } else {
            QVERIFY2(message.contains(messagePart), qPrintable(message));
        }
    }

    void userDefinedRoundTrip()
    {
        const TileSource s
            = TileSource::userDefined(u" Mine "_s, u"https://{s}.t.example/{z}/{x}/{y}.png"_s, u"© me"_s);
        QVERIFY(s.isValid());
        QCOMPARE(s.name, u"Mine"_s);
        QVERIFY(s.id.startsWith(u"user-"_s));
        QCOMPARE(s.subdomains.size(), 3);
        QCOMPARE(TileSource::fromSettings(s.toSettings()), s);
        QCOMPARE(TileSource::userDefined(u"Other"_s, s.urlTemplate, {}).id, s.id);
    }
};

QTEST_GUILESS_MAIN(TestTileMath)
#include "tst_tilemath.moc"
