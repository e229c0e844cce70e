// Coverage benchmark: a 2°x2° AOI (lon 10..12, lat 44..46) against 1,000 and then 10,000
// footprints: squares about 0.3° a side (±20%), rotated by 0..90°, centred anywhere within 0.5°
// of the AOI, from a fixed seed; these cover the AOI many times over. Then 1,000 squares of about
// 0.06°, which leave about half of it uncovered, in many pieces. Times Coverage::compute()
// (envelope prefilter, validity, overlap tests, cascaded union, difference, areas, the uncovered
// part back in lon/lat) and prints one JSON line per case with the median and the fastest of the
// runs, the scenes found, the covered fraction and the uncovered polygons.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <vector>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include "src/geo/coverage.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr double kWest = 10, kSouth = 44, kEast = 12, kNorth = 46;
constexpr int kRuns = 5;

// std::mt19937 is specified bit for bit; the distributions are not, so scale by hand.
double uniform(std::mt19937 &rng, double from, double to)
{
    return from + (to - from) * (double(rng()) / 4294967296.0);
}

std::vector<Coverage::Footprint> footprints(int count, double side)
{
    std::mt19937 rng(20240601);
    std::vector<Coverage::Footprint> out;
    out.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const double cx = uniform(rng, kWest - 0.5, kEast + 0.5);
        const double cy = uniform(rng, kSouth - 0.5, kNorth + 0.5);
        const double half = uniform(rng, 0.8 * side, 1.2 * side) / 2;
        const double angle = uniform(rng, 0, std::numbers::pi / 2);
        GeometryBuilder builder;
        builder.beginArray();
        builder.beginArray();
        for (int corner = 0; corner <= 4; ++corner) {
            const double a = angle + (corner % 4) * std::numbers::pi / 2 + std::numbers::pi / 4;
            builder.position(
                cx + half * std::numbers::sqrt2 * std::cos(a), cy + half * std::numbers::sqrt2 * std::sin(a));
        }
        builder.endArray();
        builder.endArray();
        Coverage::Footprint f;
        f.geometry = *builder.finish(GeometryType::Polygon, nullptr);
        f.index = i;
        f.datetime = 1672531200000 + qint64(i) * 3600000;
        f.cloudCover = float(uniform(rng, 0, 100));
        out.push_back(std::move(f));
    }
    return out;
}

double rounded(double v)
{
    return qRound(v * 1000) / 1000.0;
}

} // namespace

int main()
{
    const Geometry aoi = Geometry::fromBox(GeoBox { kWest, kSouth, kEast, kNorth });
    const struct
    {
        int count;
        double side;
    } cases[] = { { 1000, 0.3 }, { 10000, 0.3 }, { 1000, 0.06 } };
    for (const auto &[count, side] : cases) {
        const std::vector<Coverage::Footprint> input = footprints(count, side);
        std::vector<double> ms;
        Coverage::Result result;
        for (int run = 0; run < kRuns; ++run) {
            QElapsedTimer timer;
            timer.start();
            result = Coverage::compute(aoi, input);
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        const QJsonObject o { { u"bench"_s, u"coverage"_s }, { u"footprints"_s, count }, { u"side_deg"_s, side },
            { u"runs"_s, kRuns }, { u"median_ms"_s, rounded(ms[ms.size() / 2]) }, { u"min_ms"_s, rounded(ms.front()) },
            { u"scenes"_s, result.sceneCount }, { u"covered_fraction"_s, qRound(result.coveredFraction * 1e6) / 1e6 },
            { u"uncovered_parts"_s, result.uncovered.partCount() }, { u"ok"_s, result.isOk() } };
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return 0;
}
