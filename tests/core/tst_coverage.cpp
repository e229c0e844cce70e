// Coverage of a tasking target by catalog footprints: counts, picks, covered fraction (on the
// sphere), the uncovered part, the antimeridian, the poles, bad footprints, and the job.
//
// Expected fractions are worked out by hand below. On a sphere of radius R, the lon/lat box
// [lon1, lon2] x [lat1, lat2] has area R² (lon2 - lon1)(sin lat2 - sin lat1) (lon in radians), so
// the share of a box covered by a sub-box is a ratio of longitude widths times a ratio of sine
// differences. Values used:
//   sin 55° = 0.8191520443   sin 60° = 0.8660254038   sin 65° = 0.9063077870
//   sin 80° = 0.9848077530   sin 85° = 0.9961946981   sin 89° = 0.9998476952
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include "src/geo/coverage.h"
#include "src/geo/coveragejob.h"
#include "src/geo/geodesy.h"
#include "src/stac/itemstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// The computation integrates areas exactly for lon/lat boxes, so exact cases may be tight; the
// brief's projection-level tolerance would be 1e-3.
constexpr double kTight = 1e-9;

Geometry wkt(const QString &text)
{
    QString error;
    const auto g = Geometry::fromWkt(text, &error);
    if (!g) {
        qFatal("bad WKT in test: %s", qPrintable(error));
    }
    return *g;
}

Coverage::Footprint footprint(const QString &text, int index, qint64 datetime = Coverage::kNoTime,
    float cloud = std::numeric_limits<float>::quiet_NaN())
{
    Coverage::Footprint f;
    f.geometry = wkt(text);
    f.index = index;
    f.datetime = datetime;
    f.cloudCover = cloud;
    return f;
}

Coverage::Result run(const QString &target, const std::vector<Coverage::Footprint> &footprints)
{
    return Coverage::compute(wkt(target), footprints);
}

bool near(const GeoBox &a, const GeoBox &b)
{
    auto eq = [](double x, double y) { return std::abs(x - y) < 1e-9; };
    return eq(a.west, b.west) && eq(a.south, b.south) && eq(a.east, b.east) && eq(a.north, b.north);
}

const QString kUnitBox = u"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"_s;
const QString kLeftHalf = u"POLYGON ((0 0, 0.5 0, 0.5 1, 0 1, 0 0))"_s;

} // namespace

class TestCoverage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void leftHalf()
    {
        // Same latitudes, half the longitudes: (0.5 - 0) / (1 - 0) = 0.5.
        const Coverage::Result r = run(kUnitBox, { footprint(kLeftHalf, 7) });
        QVERIFY(r.isOk());
        QCOMPARE(r.sceneCount, 1);
        QCOMPARE(r.sceneIndices, std::vector<int> { 7 });
        QVERIFY(std::abs(r.coveredFraction - 0.5) < kTight);
        QCOMPARE(r.uncovered.type(), GeometryType::Polygon);
        QVERIFY(near(Coverage::envelope(r.uncovered), GeoBox { 0.5, 0, 1, 1 }));
        // R² · (1° in rad) · (sin 1° - sin 0°) = 6371.0088² · 0.0174533 · 0.0174524 = 12363.718 km².
        QVERIFY(std::abs(r.targetAreaKm2 - 12363.718145) < 1e-3);
        QVERIFY(std::abs(r.coveredAreaKm2 - 12363.718145 / 2) < 1e-3);
        // An independent area routine agrees on the uncovered half.
        QVERIFY(std::abs(Geodesy::areaKm2(r.uncovered) - 12363.718145 / 2) < 1e-3);
    }

    void overlappingFootprintsAreUnited()
    {
        // [0, 0.6] ∪ [0.4, 0.8] = [0, 0.8]: 0.8 of the box (a sum would claim 0.6 + 0.4 = 1.0).
        const Coverage::Result r = run(kUnitBox,
            { footprint(u"POLYGON ((0 -1, 0.6 -1, 0.6 2, 0 2, 0 -1))"_s, 0),
                footprint(u"POLYGON ((0.4 -1, 0.8 -1, 0.8 2, 0.4 2, 0.4 -1))"_s, 1) });
        QCOMPARE(r.sceneCount, 2);
        QVERIFY(std::abs(r.coveredFraction - 0.8) < kTight);
        QVERIFY(near(Coverage::envelope(r.uncovered), GeoBox { 0.8, 0, 1, 1 }));
    }

    void fullyCovered()
    {
        const Coverage::Result r = run(kUnitBox, { footprint(u"POLYGON ((-1 -1, 2 -1, 2 2, -1 2, -1 -1))"_s, 3) });
        QCOMPARE(r.sceneCount, 1);
        QVERIFY(std::abs(r.coveredFraction - 1.0) < kTight);
        QVERIFY(r.uncovered.isEmpty());
    }

    void disjointAndTouching()
    {
        const Coverage::Result r = run(kUnitBox,
            { footprint(u"POLYGON ((5 5, 6 5, 6 6, 5 6, 5 5))"_s, 0),
                // Shares only the edge lon = 1 with the target: no area in common, no scene.
                footprint(u"POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"_s, 1) });
        QVERIFY(r.isOk());
        QCOMPARE(r.sceneCount, 0);
        QCOMPARE(r.coveredFraction, 0.0);
        QCOMPARE(r.uncovered, wkt(kUnitBox));
        QCOMPARE(r.newestIndex, -1);
        QCOMPARE(r.leastCloudIndex, -1);
    }

    void noFootprints()
    {
        const Coverage::Result r = run(kUnitBox, {});
        QVERIFY(r.isOk());
        QCOMPARE(r.sceneCount, 0);
        QCOMPARE(r.coveredFraction, 0.0);
        QCOMPARE(r.uncovered, wkt(kUnitBox));
        QVERIFY(std::abs(r.targetAreaKm2 - 12363.718145) < 1e-3);
    }

    void pointTarget_data()
    {
        QTest::addColumn<QString>("point");
        QTest::addColumn<QString>("footprint");
        QTest::addColumn<int>("scenes");
        QTest::newRow("inside") << u"POINT (0.25 0.5)"_s << kLeftHalf << 1;
        QTest::newRow("outside") << u"POINT (0.75 0.5)"_s << kLeftHalf << 0;
        QTest::newRow("across 180") << u"POINT (-179.5 0)"_s << u"POLYGON ((179 -1, 181 -1, 181 1, 179 1, 179 -1))"_s
                                    << 1;
        QTest::newRow("across -180") << u"POINT (179.5 0)"_s
                                     << u"POLYGON ((-181 -1, -179 -1, -179 1, -181 1, -181 -1))"_s << 1;
    }

    void pointTarget()
    {
        QFETCH(QString, point);
        QFETCH(QString, footprint);
        QFETCH(int, scenes);
        const Coverage::Result r = run(point, { ::footprint(footprint, 4) });
        QVERIFY(r.isOk());
        QCOMPARE(r.sceneCount, scenes);
        QCOMPARE(r.coveredFraction, scenes ? 1.0 : 0.0);
        if (scenes) {
            QVERIFY(r.uncovered.isEmpty());
        } else {
            QCOMPARE(r.uncovered, wkt(point));
        }
    }

    void antimeridian_data()
    {
        // The target spans lon 179..181 (i.e. 179..-179), lat -1..1; the footprint covers its east
        // half, lon 180..181 (-180..-179): 1° of 2° at the same latitudes = 0.5.
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("footprint");
        QTest::addColumn<GeoBox>("uncovered");
        const GeoBox westHalf { 179, -1, 180, 1 };
        const QString eastFootprint = u"POLYGON ((-180 -2, -179 -2, -179 2, -180 2, -180 -2))"_s;
        QTest::newRow("jumping target") << u"POLYGON ((179 -1, -179 -1, -179 1, 179 1, 179 -1))"_s << eastFootprint
                                        << westHalf;
        QTest::newRow("target beyond 180")
            << u"POLYGON ((179 -1, 181 -1, 181 1, 179 1, 179 -1))"_s << eastFootprint << westHalf;
        QTest::newRow("split target, footprint beyond 180")
            << u"MULTIPOLYGON (((179 -1, 180 -1, 180 1, 179 1, 179 -1)), ((-180 -1, -179 -1, -179 1, -180 1, -180 -1)))"_s
            << u"POLYGON ((180 -2, 181 -2, 181 2, 180 2, 180 -2))"_s << westHalf;
        QTest::newRow("jumping footprint across the target's west half")
            << u"POLYGON ((179 -1, 181 -1, 181 1, 179 1, 179 -1))"_s
            << u"POLYGON ((178 -2, -180 -2, -180 2, 178 2, 178 -2))"_s << GeoBox { -180, -1, -179, 1 };
        QTest::newRow("footprint beyond -180")
            << u"POLYGON ((179 -1, -179 -1, -179 1, 179 1, 179 -1))"_s
            << u"POLYGON ((-182 -2, -180 -2, -180 2, -182 2, -182 -2))"_s << GeoBox { -180, -1, -179, 1 };
    }

    void antimeridian()
    {
        QFETCH(QString, target);
        QFETCH(QString, footprint);
        QFETCH(GeoBox, uncovered);
        const Coverage::Result r = run(target, { ::footprint(footprint, 0) });
        QVERIFY(r.isOk());
        QCOMPARE(r.sceneCount, 1);
        QVERIFY2(std::abs(r.coveredFraction - 0.5) < kTight, qPrintable(QString::number(r.coveredFraction, 'g', 12)));
        QCOMPARE(r.uncovered.type(), GeometryType::Polygon);
        QVERIFY2(near(Coverage::envelope(r.uncovered), uncovered), qPrintable(r.uncovered.toWkt()));
        // Target area: R² · (2° in rad) · (sin 1° - sin -1°) = 4 · 12363.718 km² (see leftHalf).
        QVERIFY(std::abs(r.targetAreaKm2 - 4 * 12363.718145) < 1e-2);
    }

    void polar_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("footprint");
        QTest::addColumn<double>("fraction");
        const QString band = u"POLYGON ((-180 80, 180 80, 180 89, -180 89, -180 80))"_s; // lat 80..89, all lon
        const QString cap = u"POLYGON ((0 80, 90 80, 180 80, -90 80, 0 80))"_s; // ring round the pole: lat 80..90
        // Half the longitudes, all of the band's latitudes: 180° / 360° = 0.5.
        QTest::newRow("band, half the longitudes") << band << u"POLYGON ((0 70, 180 70, 180 90, 0 90, 0 70))"_s << 0.5;
        QTest::newRow("cap, half the longitudes")
            << cap << u"POLYGON ((-90 70, 90 70, 90 90, -90 90, -90 70))"_s << 0.5;
        QTest::newRow("south cap, half the longitudes")
            << u"POLYGON ((0 -80, -90 -80, 180 -80, 90 -80, 0 -80))"_s
            << u"POLYGON ((90 -70, 90 -90, -90 -90, -90 -70, 90 -70))"_s << 0.5;
        QTest::newRow("band, whole world")
            << band << u"POLYGON ((-180 -90, 180 -90, 180 90, -180 90, -180 -90))"_s << 1.0;
        // All longitudes, lat 80..85 of 80..89:
        // (sin 85° - sin 80°) / (sin 89° - sin 80°) = 0.0113869451 / 0.0150399421 = 0.7571136225.
        QTest::newRow("band, lower part")
            << band << u"POLYGON ((-180 80, 180 80, 180 85, -180 85, -180 80))"_s << 0.7571136225;
        // A ring round the pole at 85°: the cap 85..90 of the cap 80..90:
        // (sin 90° - sin 85°) / (sin 90° - sin 80°) = 0.0038053019 / 0.0151922470 = 0.2504765695.
        QTest::newRow("cap inside cap") << cap << u"POLYGON ((0 85, 120 85, -120 85, 0 85))"_s << 0.2504765695;
        // Across the antimeridian, near the pole: lon 170..190 is 20° of the band's 360°: 1/18.
        QTest::newRow("band, footprint across 180")
            << band << u"POLYGON ((170 75, -170 75, -170 90, 170 90, 170 75))"_s << 1.0 / 18.0;
    }

    void polar()
    {
        QFETCH(QString, target);
        QFETCH(QString, footprint);
        QFETCH(double, fraction);
        const Coverage::Result r = run(target, { ::footprint(footprint, 0) });
        QVERIFY(r.isOk());
        QCOMPARE(r.sceneCount, 1);
        QVERIFY2(
            std::abs(r.coveredFraction - fraction) < 1e-9, qPrintable(QString::number(r.coveredFraction, 'g', 12)));
        // The uncovered part, in lon/lat, has the remaining area (by an independent routine).
        const double uncoveredKm2 = Geodesy::areaKm2(r.uncovered);
        QVERIFY2(std::abs(uncoveredKm2 - (1 - fraction) * r.targetAreaKm2) < 1e-6 * r.targetAreaKm2,
            qPrintable(r.uncovered.toWkt()));
        const std::span<const double> xy = r.uncovered.coordinates();
        for (size_t i = 0; i < xy.size(); i += 2) {
            QVERIFY(xy[i] >= -180.0 && xy[i] <= 180.0);
        }
    }

    void wholeWorldAcrossTheAntimeridian()
    {
        const Coverage::Result r = run(u"POLYGON ((179 -1, -179 -1, -179 1, 179 1, 179 -1))"_s,
            { footprint(u"POLYGON ((-180 -90, 180 -90, 180 90, -180 90, -180 -90))"_s, 0) });
        QCOMPARE(r.sceneCount, 1);
        QVERIFY(std::abs(r.coveredFraction - 1.0) < kTight);
        QVERIFY(r.uncovered.isEmpty());
    }

    void concurrentCalls()
    {
        // One GEOS context per call: calls on many threads at once give the single-thread answer.
        const std::vector<Coverage::Footprint> footprints { footprint(kLeftHalf, 0),
            footprint(u"POLYGON ((0.4 -1, 0.8 -1, 0.8 2, 0.4 2, 0.4 -1))"_s, 1) };
        const Geometry target = wkt(kUnitBox);
        const QList<int> runs(64, 0);
        const QList<double> fractions = QtConcurrent::blockingMapped(
            runs, [&](int) { return Coverage::compute(target, footprints).coveredFraction; });
        for (double f : fractions) {
            QVERIFY(std::abs(f - 0.8) < kTight); // [0, 0.5] ∪ [0.4, 0.8] = [0, 0.8]
        }
    }

    void highLatitudeBoxIsNotPlanar()
    {
        // Target lon 0..10, lat 55..65; footprint covers lat 55..60 (half the degrees):
        // (sin 60° - sin 55°) / (sin 65° - sin 55°) = 0.0468733595 / 0.0871557427 = 0.5378114857,
        // where planar degrees would say 0.5.
        const Coverage::Result high = run(u"POLYGON ((0 55, 10 55, 10 65, 0 65, 0 55))"_s,
            { footprint(u"POLYGON ((-1 50, 11 50, 11 60, -1 60, -1 50))"_s, 0) });
        QVERIFY(std::abs(high.coveredFraction - 0.5378114857) < 1e-9);
        // R² · (10° in rad) · (sin 65° - sin 55°) = 6371.0088² · 0.1745329 · 0.0871557 = 617432.93 km².
        QVERIFY(std::abs(high.targetAreaKm2 - 617432.93) < 0.01);
        // The same layout about the equator is symmetric: (sin 0° - sin -5°) / (sin 5° - sin -5°) = 0.5.
        const Coverage::Result equator = run(u"POLYGON ((0 -5, 10 -5, 10 5, 0 5, 0 -5))"_s,
            { footprint(u"POLYGON ((-1 -10, 11 -10, 11 0, -1 0, -1 -10))"_s, 0) });
        QVERIFY(std::abs(equator.coveredFraction - 0.5) < 1e-9);
    }

    void newestAndLeastCloudy()
    {
        // ms since the epoch: 2023-01-01 = 1672531200 s; +59 days (Jan, Feb) = 2023-03-01;
        // +151 days (Jan..May) = 2023-06-01; 2024-01-01 = 1704067200 s.
        const qint64 jan = 1672531200000, mar = 1677628800000, jun = 1685577600000, next = 1704067200000;
        const QString cover = u"POLYGON ((-1 -1, 2 -1, 2 2, -1 2, -1 -1))"_s;
        const Coverage::Result r = run(kUnitBox,
            {
                footprint(cover, 10, jan, 30.0f), footprint(cover, 12, mar, 5.0f),
                footprint(cover, 11, jun, 5.0f), // as clear as 12, and newer: preferred
                footprint(u"POLYGON ((5 5, 6 5, 6 6, 5 6, 5 5))"_s, 13, next, 0.0f), // elsewhere
                footprint(cover, 14), // no date, no cloud cover
            });
        QCOMPARE(r.sceneCount, 4);
        QCOMPARE(r.sceneIndices, (std::vector<int> { 10, 12, 11, 14 }));
        QCOMPARE(r.newestIndex, 11);
        QCOMPARE(r.newestDatetime, jun);
        QCOMPARE(r.leastCloudIndex, 11);
        QCOMPARE(r.leastCloudCover, 5.0f);
    }

    void invalidFootprints()
    {
        // A bow tie over the unit box crossing itself at (0.5, 0.5): repaired into the triangles
        // (0 0, 0.5 0.5, 0 1) and (1 0, 1 1, 0.5 0.5), which at latitude y cover 2·min(y, 1 - y) of
        // the box's width: half in planar terms, and on the sphere 0.5 + 3e-6 (cos lat weighs the
        // two latitude halves alike to first order), so 1e-5 here.
        const Coverage::Result r = run(kUnitBox,
            {
                footprint(u"POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"_s, 0),
                footprint(u"POLYGON ((0 0, 1 1, 0.5 0.5, 0 0))"_s, 1), // no area at all
                footprint(u"POINT (0.5 0.5)"_s, 2), // not a polygon
            });
        QVERIFY(r.isOk());
        QCOMPARE(r.repairedCount, 1);
        QCOMPARE(r.skippedCount, 2);
        QCOMPARE(r.sceneIndices, std::vector<int> { 0 });
        QVERIFY(std::abs(r.coveredFraction - 0.5) < 1e-5);
    }

    void badTargets()
    {
        QCOMPARE(run(u"LINESTRING (0 0, 1 1)"_s, {}).status, Coverage::Status::UnsupportedTarget);
        QCOMPARE(run(u"POLYGON EMPTY"_s, {}).status, Coverage::Status::EmptyTarget);
        QCOMPARE(run(u"POLYGON ((0 0, 1 1, 0.5 0.5, 0 0))"_s, {}).status, Coverage::Status::EmptyTarget);
        QVERIFY(!run(u"LINESTRING (0 0, 1 1)"_s, {}).errorString().isEmpty());
        // A bow-tie target is repaired too: two triangles of a quarter box each (see above).
        const Coverage::Result r = run(u"POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"_s, { footprint(kUnitBox, 0) });
        QVERIFY(r.isOk());
        QVERIFY(std::abs(r.coveredFraction - 1.0) < kTight);
    }

    void canceledFlag()
    {
        const std::atomic_bool canceled = true;
        const std::vector<Coverage::Footprint> footprints { footprint(kLeftHalf, 0) };
        QCOMPARE(Coverage::compute(wkt(kUnitBox), footprints, &canceled).status, Coverage::Status::Canceled);
    }

    void envelope()
    {
        QVERIFY(near(Coverage::envelope(wkt(u"POLYGON ((-180 80, 180 80, 180 89, -180 89, -180 80))"_s)),
            GeoBox { -180, 80, 180, 89 }));
        QVERIFY(near(
            Coverage::envelope(wkt(u"POLYGON ((0 80, 90 80, 180 80, -90 80, 0 80))"_s)), GeoBox { -180, 80, 180, 90 }));
        QVERIFY(near(Coverage::envelope(wkt(u"POLYGON ((179 -1, 181 -1, 181 1, 179 1, 179 -1))"_s)),
            GeoBox { 179, -1, -179, 1 }));
    }

    void jobDeliversResult()
    {
        CoverageJob job(wkt(kUnitBox), { footprint(kLeftHalf, 0) });
        QSignalSpy spy(&job, &CoverageJob::finished);
        QVERIFY(spy.wait(10000));
        QCOMPARE(spy.count(), 1);
        QVERIFY(job.isFinished());
        QVERIFY(job.result().isOk());
        QVERIFY(std::abs(job.result().coveredFraction - 0.5) < kTight);
    }

    void jobCancel()
    {
        // One worker thread: the canceled job's computation ends (and is reported to its watcher)
        // before the second one's, so once the second has finished, the first had its chance.
        QThreadPool *pool = QThreadPool::globalInstance();
        const int threads = pool->maxThreadCount();
        pool->setMaxThreadCount(1);
        CoverageJob canceled(wkt(kUnitBox), { footprint(kLeftHalf, 0) });
        QSignalSpy canceledSpy(&canceled, &CoverageJob::finished);
        canceled.cancel();
        // A job deleted while it runs leaves its worker with its own copies.
        auto dropped = std::make_unique<CoverageJob>(wkt(kUnitBox), std::vector { footprint(kLeftHalf, 0) });
        dropped.reset();
        CoverageJob later(wkt(kUnitBox), { footprint(kLeftHalf, 0) });
        QSignalSpy laterSpy(&later, &CoverageJob::finished);
        QVERIFY(laterSpy.wait(10000));
        pool->setMaxThreadCount(threads);
        QCOMPARE(canceledSpy.count(), 0);
        QVERIFY(!canceled.isFinished());
    }

    void footprintsFromStore()
    {
        ItemStore store;
        auto add = [&store](const QString &id, const QString &footprint, float cloud) {
            ItemRecord r;
            r.id = id;
            r.collection = u"c"_s;
            r.footprint = wkt(footprint);
            r.bbox = Coverage::envelope(r.footprint);
            r.hasBbox = true;
            r.datetime = 1672531200000;
            r.cloudCover = cloud;
            QVERIFY(store.append(std::move(r), "{}"));
        };
        add(u"near"_s, kLeftHalf, 12.5f);
        add(u"far"_s, u"POLYGON ((50 50, 51 50, 51 51, 50 51, 50 50))"_s, 0);
        add(u"across"_s, u"POLYGON ((179 -1, -179 -1, -179 1, 179 1, 179 -1))"_s, 1);
        const std::vector<Coverage::Footprint> f = CoverageJob::footprintsFrom(store, wkt(kUnitBox));
        QCOMPARE(f.size(), size_t(1));
        QCOMPARE(f[0].index, 0);
        QCOMPARE(f[0].cloudCover, 12.5f);
        QCOMPARE(f[0].datetime, 1672531200000);
        QCOMPARE(f[0].geometry, wkt(kLeftHalf));
        const Geometry dateline = wkt(u"POLYGON ((-180 -0.5, -179.5 -0.5, -179.5 0.5, -180 0.5, -180 -0.5))"_s);
        const std::vector<Coverage::Footprint> g = CoverageJob::footprintsFrom(store, dateline);
        QCOMPARE(g.size(), size_t(1));
        QCOMPARE(g[0].index, 2);
        const int rows[] = { 1, 2 };
        QCOMPARE(CoverageJob::footprintsFrom(store, wkt(kUnitBox), rows).size(), size_t(0));
        QCOMPARE(CoverageJob::footprintsFrom(store, dateline, rows).size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestCoverage)
#include "tst_coverage.moc"
