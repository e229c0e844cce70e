#include <algorithm>
#include <cmath>

#include <QFile>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include "src/geo/vectorbasemap.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QByteArray resourceData()
{
    QFile file(u":/basemap/naturalearth.bin"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// Longitude x lies on the antimeridian (any turn of it).
bool onAntimeridian(double lon)
{
    return std::abs(std::remainder(lon - 180.0, 360.0)) < 1e-9;
}

} // namespace

class TestVectorBasemap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resourceOpens();
    void levels();
    void countsAreSane();
    void boundsInRange();
    void isLand_data();
    void isLand();
    void coarseLevelAgrees_data();
    void coarseLevelAgrees();
    void coastlinesHaveNoCuts();
    void bordersAreInternal();
    void riverCounts();
    void riversFollowKnownRivers_data();
    void riversFollowKnownRivers();
    void placeCounts();
    void knownPlaces_data();
    void knownPlaces();
    void truncatedDataFails();
    void badHeadersFail_data();
    void badHeadersFail();
    void garbageDoesNotCrash();

private:
    // Where the places section starts: it ends the file (README: counts, then 20 bytes a place,
    // then the names).
    qsizetype placesOffset() const { return m_data.size() - kNameBytes - 20 * kPlaces - 8; }

    // The counts in resources/basemap/README.md.
    static constexpr int kPlaces = 243;
    static constexpr int kCapitals = 199;
    static constexpr qsizetype kNameBytes = 1902;

    QByteArray m_data;
    VectorBasemap m_basemap;
};

void TestVectorBasemap::initTestCase()
{
    m_data = resourceData();
    QVERIFY(!m_data.isEmpty());
    QString error;
    std::optional<VectorBasemap> basemap = VectorBasemap::load(m_data, &error);
    QVERIFY2(basemap, qPrintable(error));
    QVERIFY(error.isEmpty());
    m_basemap = std::move(*basemap);
}

void TestVectorBasemap::resourceOpens()
{
    // Guards the static resource library's initializer reaching the executable.
    QFile file(u":/basemap/naturalearth.bin"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.size() > 100'000);
    QVERIFY(file.size() < 1'500'000);
    QCOMPARE(file.read(8), QByteArray(VectorBasemap::kMagic));
}

void TestVectorBasemap::levels()
{
    QCOMPARE(m_basemap.levels().size(), size_t(2));
    QCOMPARE(m_basemap.coarsest().scaleDenominator, 110'000'000u);
    QCOMPARE(m_basemap.finest().scaleDenominator, 50'000'000u);
}

void TestVectorBasemap::countsAreSane()
{
    const VectorBasemap::Level &coarse = m_basemap.coarsest();
    const VectorBasemap::Level &fine = m_basemap.finest();
    QVERIFY(coarse.land.partCount() > 100);
    QVERIFY(fine.land.partCount() > 1000);
    QVERIFY(fine.land.partCount() > coarse.land.partCount());
    QVERIFY(coarse.land.pointCount() > 4000);
    QVERIFY(fine.land.pointCount() > 50'000);
    QVERIFY(fine.coastlines.ringCount() >= fine.land.ringCount());
    QVERIFY(coarse.borders.partCount() > 100);
    QVERIFY(fine.borders.pointCount() > coarse.borders.pointCount());
    for (const VectorBasemap::Level &level : m_basemap.levels()) {
        for (const VectorBasemap::Shapes *shapes : { &level.land, &level.coastlines, &level.borders }) {
            QCOMPARE(shapes->partBounds.size(), size_t(shapes->partCount()));
            QCOMPARE(int(shapes->ringEnds.back()), shapes->pointCount());
            QCOMPARE(int(shapes->partEnds.back()), shapes->ringCount());
        }
        // Lines are one ring a part.
        QCOMPARE(level.coastlines.partCount(), level.coastlines.ringCount());
        QCOMPARE(level.borders.partCount(), level.borders.ringCount());
        // Polygon rings are closed.
        for (int r = 0; r < level.land.ringCount(); ++r) {
            const std::span<const double> ring = level.land.ring(r);
            QCOMPARE(ring[0], ring[ring.size() - 2]);
            QCOMPARE(ring[1], ring[ring.size() - 1]);
        }
    }
}

void TestVectorBasemap::boundsInRange()
{
    for (const VectorBasemap::Level &level : m_basemap.levels()) {
        for (const VectorBasemap::Shapes *shapes : { &level.land, &level.coastlines, &level.borders }) {
            for (const GeoBox &box : shapes->partBounds) {
                QVERIFY(box.isValid());
                QVERIFY(box.height() >= 0);
            }
            for (int part = 0; part < shapes->partCount(); ++part) {
                double west = 1000;
                double east = -1000;
                for (int r = shapes->firstRing(part); r < shapes->endRing(part); ++r) {
                    const std::span<const double> c = shapes->ring(r);
                    for (size_t i = 0; i < c.size(); i += 2) {
                        west = std::min(west, c[i]);
                        east = std::max(east, c[i]);
                        QVERIFY(c[i + 1] >= -90.0 && c[i + 1] <= 90.0);
                    }
                }
                // Continuous longitudes: the westmost point in [-180, 180), at most one turn wide.
                QVERIFY2(west >= -180.0 && west < 180.0, qPrintable(QString::number(west)));
                QVERIFY(east - west <= 360.0);
            }
        }
    }
    // Antarctica closes along the South Pole, across the whole world.
    bool antarctica = false;
    for (const GeoBox &box : m_basemap.finest().land.partBounds) {
        antarctica = antarctica || (box.south == -90.0 && box.west == -180.0 && box.east == 180.0);
    }
    QVERIFY(antarctica);
}

void TestVectorBasemap::isLand_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<bool>("land");
    QTest::newRow("Paris") << 2.35 << 48.85 << true;
    QTest::newRow("Sahara") << 15.0 << 27.0 << true;
    QTest::newRow("Siberia") << 100.0 << 62.0 << true;
    QTest::newRow("Buenos Aires") << -58.4 << -34.6 << true;
    QTest::newRow("Antarctica") << 0.0 << -80.0 << true;
    QTest::newRow("near the South Pole") << 123.0 << -89.5 << true;
    QTest::newRow("Chukotka west of 180") << 179.5 << 67.0 << true;
    QTest::newRow("Chukotka east of 180") << -179.5 << 67.0 << true;
    QTest::newRow("Chukotka, longitude past 180") << 180.5 << 67.0 << true;
    QTest::newRow("Viti Levu") << 178.0 << -17.8 << true;
    QTest::newRow("mid-Atlantic") << -40.0 << 30.0 << false;
    QTest::newRow("Pacific") << -150.0 << 0.0 << false;
    QTest::newRow("Bering Sea") << -177.0 << 62.0 << false;
    QTest::newRow("Southern Ocean") << 90.0 << -60.0 << false;
    QTest::newRow("Caspian Sea (a hole)") << 51.0 << 42.0 << false;
    QTest::newRow("North Pole") << 0.0 << 90.0 << false;
}

void TestVectorBasemap::isLand()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(bool, land);
    QCOMPARE(m_basemap.isLand(lon, lat), land);
}

void TestVectorBasemap::coarseLevelAgrees_data()
{
    isLand_data();
}

void TestVectorBasemap::coarseLevelAgrees()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(bool, land);
    QCOMPARE(m_basemap.coarsest().land.contains(lon, lat), land);
}

void TestVectorBasemap::coastlinesHaveNoCuts()
{
    // Neither Natural Earth's cuts along the antimeridian nor the pole closure are coast.
    for (const VectorBasemap::Level &level : m_basemap.levels()) {
        const VectorBasemap::Shapes &coast = level.coastlines;
        for (int r = 0; r < coast.ringCount(); ++r) {
            const std::span<const double> c = coast.ring(r);
            for (size_t i = 0; i + 2 < c.size(); i += 2) {
                QVERIFY(c[i + 1] > -89.0);
                const bool cut = c[i] == c[i + 2] && onAntimeridian(c[i]);
                QVERIFY2(!cut, qPrintable(u"coastline %1 runs along the antimeridian at %2"_s.arg(r).arg(c[i])));
            }
        }
    }
}

void TestVectorBasemap::bordersAreInternal()
{
    // The 49th parallel between the USA and Canada is a border; no border reaches Antarctica.
    for (const VectorBasemap::Level &level : m_basemap.levels()) {
        bool parallel49 = false;
        const std::span<const double> c = level.borders.coordinates;
        for (size_t i = 0; i < c.size(); i += 2) {
            parallel49 = parallel49 || (c[i] > -110 && c[i] < -100 && std::abs(c[i + 1] - 49.0) < 0.01);
            QVERIFY(c[i + 1] > -60.0);
        }
        QVERIFY(parallel49);
    }
}

void TestVectorBasemap::riverCounts()
{
    // The counts in resources/basemap/README.md.
    QCOMPARE(m_basemap.coarsest().rivers.partCount(), 13);
    QCOMPARE(m_basemap.coarsest().rivers.pointCount(), 1145);
    QCOMPARE(m_basemap.finest().rivers.partCount(), 886);
    QCOMPARE(m_basemap.finest().rivers.pointCount(), 25505);
    for (const VectorBasemap::Level &level : m_basemap.levels()) {
        QCOMPARE(level.rivers.partCount(), level.rivers.ringCount());
        QCOMPARE(level.rivers.partBounds.size(), size_t(level.rivers.partCount()));
        for (const GeoBox &box : level.rivers.partBounds) {
            QVERIFY(box.isValid());
            // No river reaches the polar seas of the Mercator band's edge.
            QVERIFY(box.north < 80.0 && box.south > -60.0);
        }
    }
}

void TestVectorBasemap::riversFollowKnownRivers_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    // Points on the rivers, from an atlas: the line must pass within 0.25 degrees.
    QTest::newRow("1:50m Danube at Vienna") << 1 << 16.40 << 48.22;
    QTest::newRow("1:50m Rhine at Cologne") << 1 << 6.97 << 50.94;
    QTest::newRow("1:50m Loire at Orleans") << 1 << 1.91 << 47.90;
    QTest::newRow("1:50m Nile at Aswan") << 1 << 32.89 << 24.09;
    QTest::newRow("1:110m Nile at Aswan") << 0 << 32.89 << 24.09;
    QTest::newRow("1:110m Amazon at Obidos") << 0 << -55.52 << -1.91;
    QTest::newRow("1:110m Mississippi at Memphis") << 0 << -90.05 << 35.15;
}

void TestVectorBasemap::riversFollowKnownRivers()
{
    QFETCH(int, level);
    QFETCH(double, lon);
    QFETCH(double, lat);
    const VectorBasemap::Shapes &rivers = m_basemap.levels()[size_t(level)].rivers;
    double nearest = 1e9;
    for (int r = 0; r < rivers.ringCount(); ++r) {
        const std::span<const double> c = rivers.ring(r);
        for (size_t i = 0; i < c.size(); i += 2) {
            nearest = std::min(nearest, std::hypot(c[i] - lon, c[i + 1] - lat));
        }
    }
    QVERIFY2(nearest < 0.25, qPrintable(QString::number(nearest)));
}

void TestVectorBasemap::placeCounts()
{
    const std::vector<VectorBasemap::Place> &places = m_basemap.places();
    QCOMPARE(int(places.size()), kPlaces);
    QCOMPARE(int(std::count_if(places.begin(), places.end(), [](const auto &p) { return p.capital; })), kCapitals);
    qsizetype nameBytes = 0;
    for (size_t i = 0; i < places.size(); ++i) {
        const VectorBasemap::Place &p = places[i];
        QVERIFY(!p.name.isEmpty());
        QVERIFY(p.lon >= -180.0 && p.lon <= 180.0);
        QVERIFY(p.lat >= -90.0 && p.lat <= 90.0);
        QVERIFY(p.rank >= 0 && p.rank <= 10);
        QVERIFY(p.minZoom >= 0.0 && p.minZoom <= 10.0);
        nameBytes += p.name.toUtf8().size();
        // Most important first: rank, then population.
        if (i > 0) {
            const VectorBasemap::Place &q = places[i - 1];
            QVERIFY(q.rank < p.rank || (q.rank == p.rank && q.population >= p.population));
        }
    }
    QCOMPARE(nameBytes, kNameBytes);
}

void TestVectorBasemap::knownPlaces_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<bool>("capital");
    QTest::addColumn<int>("minPopulation");
    // Coordinates from an atlas, to within 0.3 degrees.
    QTest::newRow("Paris") << u"Paris"_s << 2.35 << 48.86 << true << 5'000'000;
    QTest::newRow("Tokyo") << u"Tokyo"_s << 139.69 << 35.69 << true << 20'000'000;
    QTest::newRow("São Paulo (UTF-8)") << u"São Paulo"_s << -46.63 << -23.55 << false << 10'000'000;
    QTest::newRow("Reykjavík") << u"Reykjavík"_s << -21.94 << 64.15 << true << 100'000;
    QTest::newRow("Sydney") << u"Sydney"_s << 151.21 << -33.87 << false << 3'000'000;
}

void TestVectorBasemap::knownPlaces()
{
    QFETCH(QString, name);
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(bool, capital);
    QFETCH(int, minPopulation);
    const std::vector<VectorBasemap::Place> &places = m_basemap.places();
    const auto it = std::find_if(places.begin(), places.end(), [&](const auto &p) { return p.name == name; });
    QVERIFY2(it != places.end(), qPrintable(name));
    QVERIFY2(std::abs(it->lon - lon) < 0.3 && std::abs(it->lat - lat) < 0.3,
        qPrintable(u"%1, %2"_s.arg(it->lon).arg(it->lat)));
    QCOMPARE(it->capital, capital);
    QVERIFY(it->population >= std::uint32_t(minPopulation));
}

void TestVectorBasemap::truncatedDataFails()
{
    const qsizetype size = m_data.size();
    for (qsizetype n = 0; n < size; n += (n < 200 ? 1 : 1999)) {
        QString error;
        QVERIFY2(!VectorBasemap::load(m_data.left(n), &error), qPrintable(QString::number(n)));
        QVERIFY(!error.isEmpty());
    }
    QString error;
    QVERIFY(!VectorBasemap::load(m_data.left(size - 1), &error));
    QVERIFY(!VectorBasemap::load(m_data + QByteArray(1, '\0'), &error));
    QVERIFY(error.contains(u"trailing"_s));
}

void TestVectorBasemap::badHeadersFail_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QByteArray() << u"magic"_s;
    QTest::newRow("not a basemap") << QByteArray("{\"type\": \"Topology\"}") << u"magic"_s;
    QByteArray version = m_data;
    qToLittleEndian<quint32>(99, version.data() + 8);
    QTest::newRow("future version") << version << u"version 99"_s;
    QByteArray levels = m_data;
    qToLittleEndian<quint32>(0, levels.data() + 12);
    QTest::newRow("no levels") << levels << u"level count"_s;
    // A part count that would need gigabytes must fail on size, not allocate.
    QByteArray parts = m_data;
    qToLittleEndian<quint32>(0xffffffffu, parts.data() + 16 + 40);
    QTest::newRow("huge part count") << parts << u"truncated section"_s;
    QByteArray points = m_data;
    qToLittleEndian<quint32>(0xfffffff0u, points.data() + 16 + 48);
    QTest::newRow("huge point count") << points << u"inconsistent"_s;
    QByteArray scale = m_data;
    qToLittleEndian<quint64>(0x7ff8000000000000ull, scale.data() + 16 + 8); // NaN
    QTest::newRow("NaN scale") << scale << u"invalid header"_s;
    QByteArray v1 = m_data;
    qToLittleEndian<quint32>(1, v1.data() + 8);
    QTest::newRow("version 1") << v1 << u"version 1"_s;

    // The places section.
    const qsizetype places = placesOffset();
    QCOMPARE(qFromLittleEndian<quint32>(m_data.constData() + places), quint32(kPlaces));
    QCOMPARE(qFromLittleEndian<quint32>(m_data.constData() + places + 4), quint32(kNameBytes));
    QByteArray placeCount = m_data;
    qToLittleEndian<quint32>(0xffffffffu, placeCount.data() + places);
    QTest::newRow("huge place count") << placeCount << u"places: truncated section"_s;
    QByteArray latitude = m_data;
    qToLittleEndian<qint32>(91'000'000, latitude.data() + places + 8 + 4); // the first place's
    QTest::newRow("latitude past the pole") << latitude << u"out of range"_s;
    QByteArray nameEnd = m_data;
    qToLittleEndian<quint32>(0, nameEnd.data() + places + 8 + 16 * kPlaces + 4); // the second name's end
    QTest::newRow("name table not increasing") << nameEnd << u"bad name table"_s;
    QByteArray utf8 = m_data;
    utf8[utf8.size() - 1] = char(0xff);
    QTest::newRow("name not UTF-8") << utf8 << u"not UTF-8"_s;
}

void TestVectorBasemap::badHeadersFail()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!VectorBasemap::load(data, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestVectorBasemap::garbageDoesNotCrash()
{
    QRandomGenerator random(20240521);
    for (int round = 0; round < 300; ++round) {
        QByteArray data = m_data;
        // Corrupt a few bytes, mostly near the start where the tables are.
        const int flips = 1 + int(random.bounded(8));
        for (int i = 0; i < flips; ++i) {
            const qsizetype at = round % 2 ? random.bounded(qint64(data.size())) : random.bounded(qint64(4096));
            data[at] = char(random.bounded(256));
        }
        QString error;
        const std::optional<VectorBasemap> basemap = VectorBasemap::load(data, &error);
        if (basemap) {
            // Whatever loads is consistent enough to walk.
            for (const VectorBasemap::Level &level : basemap->levels()) {
                QCOMPARE(int(level.land.partBounds.size()), level.land.partCount());
                level.land.contains(2.35, 48.85);
            }
        } else {
            QVERIFY(!error.isEmpty());
        }
    }
    QString error;
    QByteArray noise(4096, Qt::Uninitialized);
    for (char &c : noise) {
        c = char(random.bounded(256));
    }
    QVERIFY(!VectorBasemap::load(noise, &error));
    QVERIFY(!VectorBasemap::load(QByteArray(VectorBasemap::kMagic) + noise, &error));
}

QTEST_GUILESS_MAIN(TestVectorBasemap)
#include "tst_vectorbasemap.moc"
