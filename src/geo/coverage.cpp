#include "src/geo/coverage.h"

#include <algorithm>
#include <cmath>
#include <geos_c.h>
#include <memory>
#include <numbers>
#include <string>
#include <tuple>

#include <QCoreApplication>

#include "src/geo/geodesy.h"

namespace StacScope::Coverage {

namespace {

constexpr double kRad = std::numbers::pi / 180.0;
// Output polygons smaller than this share of the target are overlay noise (slivers left where
// edges meet after a 360-degree shift), not gaps worth drawing.
constexpr double kSliverShare = 1e-10;

// --- Longitudes made continuous, in the plane where overlay runs ---

using Ring = std::vector<double>; // closed, flat x,y

struct Part
{
    std::vector<Ring> rings; // outer ring first
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
};

double planarArea(const Ring &r)
{
    double sum = 0;
    for (size_t i = 0; i + 3 < r.size(); i += 2) {
        sum += r[i] * r[i + 3] - r[i + 2] * r[i + 1];
    }
    return sum / 2;
}

// A step over more than 180 degrees crosses the antimeridian. A step between exactly -180 and
// 180 is ambiguous: a crossing through a vertex on the line, or an edge spanning the globe (a
// world box, a polar cap written as a box); `fullWidth` picks the second reading.
Ring unwrapRing(std::span<const double> xy, bool fullWidth)
{
    Ring out(xy.begin(), xy.end());
    for (size_t i = 2; i < out.size(); i += 2) {
        double d = xy[i] - xy[i - 2];
        const bool spansGlobe = fullWidth && std::abs(xy[i]) == 180.0 && std::abs(xy[i - 2]) == 180.0;
        if (std::abs(d) > 180.0 && !spansGlobe) {
            d -= 360.0 * std::round(d / 360.0);
        }
        out[i] = out[i - 2] + d;
    }
    if (out.size() < 6) {
        return out;
    }
    const double net = out[out.size() - 2] - out[0];
    if (std::abs(net) > 180.0) {
        // The ring goes round a pole: close it along the pole, as a lon/lat box would.
        double latSum = 0;
        for (size_t i = 1; i < out.size(); i += 2) {
            latSum += out[i];
        }
        const double pole = latSum >= 0 ? 90.0 : -90.0;
        const double firstX = out[0], firstY = out[1];
        out.insert(out.end(), { out[out.size() - 2], pole, firstX, pole, firstX, firstY });
    } else if (out[0] != out[out.size() - 2] || out[1] != out[out.size() - 1]) {
        out.insert(out.end(), { out[0], out[1] });
    }
    return out;
}

Ring unwrapRing(std::span<const double> xy)
{
    bool ambiguous = false;
    for (size_t i = 2; i < xy.size(); i += 2) {
        ambiguous = ambiguous || (std::abs(xy[i]) == 180.0 && std::abs(xy[i - 2]) == 180.0 && xy[i] != xy[i - 2]);
    }
    Ring crossing = unwrapRing(xy, false);
    if (ambiguous && std::abs(planarArea(crossing)) < 1e-12) {
        return unwrapRing(xy, true); // read as a crossing, the ring would have no area
    }
    return crossing;
}

void shiftX(Ring &r, double dx)
{
    for (size_t i = 0; i < r.size(); i += 2) {
        r[i] += dx;
    }
}

// The polygons of an areal geometry with continuous longitudes, each part placed so that its
// middle is within 180 degrees of `centre` (or of its first part when `centre` is NaN).
std::vector<Part> unwrappedParts(const Geometry &g, double centre = std::nan(""))
{
    std::vector<Part> parts;
    if (!g.isAreal()) {
        return parts;
    }
    std::uint32_t ringBegin = 0;
    for (std::uint32_t end : g.partEnds()) {
        Part part;
        for (std::uint32_t r = ringBegin; r < end; ++r) {
            Ring ring = unwrapRing(g.ring(int(r)));
            if (ring.size() < 8) {
                if (r == ringBegin) {
                    break; // an outer ring with fewer than 3 distinct positions: no polygon
                }
                continue;
            }
            if (r > ringBegin) { // keep holes on the outer ring's sheet
                shiftX(ring, -360.0 * std::round((ring[0] - part.rings.front()[0]) / 360.0));
            }
            part.rings.push_back(std::move(ring));
        }
        ringBegin = end;
        if (part.rings.empty()) {
            continue;
        }
        const Ring &outer = part.rings.front();
        std::tie(part.minX, part.maxX, part.minY, part.maxY) = std::tuple(outer[0], outer[0], outer[1], outer[1]);
        for (size_t i = 0; i < outer.size(); i += 2) {
            std::tie(part.minX, part.maxX) = std::minmax({ part.minX, part.maxX, outer[i] });
            std::tie(part.minY, part.maxY) = std::minmax({ part.minY, part.maxY, outer[i + 1] });
        }
        const double mid = (part.minX + part.maxX) / 2;
        // With no centre given, the first part sets the sheet.
        const double reference = !std::isnan(centre) ? centre
            : parts.empty()                          ? mid
                                                     : (parts.front().minX + parts.front().maxX) / 2;
        const double shift = 360.0 * std::round((reference - mid) / 360.0);
        if (shift != 0) {
            for (Ring &ring : part.rings) {
                shiftX(ring, shift);
            }
            part.minX += shift;
            part.maxX += shift;
        }
        parts.push_back(std::move(part));
    }
    return parts;
}

// --- GEOS, one context per call ---

// Keeps GEOS's last error for the result and drops its notices: nothing is printed.
class GeosContext
{
public:
    GeosContext()
        : m_handle(GEOS_init_r())
    {
        GEOSContext_setErrorMessageHandler_r(
            m_handle, [](const char *message, void *error) { *static_cast<std::string *>(error) = message; }, &m_error);
        GEOSContext_setNoticeMessageHandler_r(
            m_handle, [](const char *, void *) {}, nullptr);
    }
    ~GeosContext() { GEOS_finish_r(m_handle); }
    GeosContext(const GeosContext &) = delete;
    GeosContext &operator=(const GeosContext &) = delete;

    GEOSContextHandle_t handle() const { return m_handle; }
    QString error() const { return QString::fromStdString(m_error); }

private:
    GEOSContextHandle_t m_handle;
    std::string m_error;
};

struct GeomDeleter
{
    GEOSContextHandle_t ctx;
    void operator()(GEOSGeometry *g) const { GEOSGeom_destroy_r(ctx, g); }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

GeomPtr wrap(GEOSContextHandle_t ctx, GEOSGeometry *g)
{
    return GeomPtr(g, GeomDeleter { ctx });
}

GEOSGeometry *makeRing(GEOSContextHandle_t ctx, const Ring &r, double dx)
{
    std::vector<double> xy(r);
    shiftX(xy, dx);
    GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r(ctx, xy.data(), xy.size() / 2, 0, 0);
    return seq ? GEOSGeom_createLinearRing_r(ctx, seq) : nullptr;
}

GeomPtr makePolygon(GEOSContextHandle_t ctx, const Part &part, double dx)
{
    GEOSGeometry *shell = makeRing(ctx, part.rings.front(), dx);
    if (!shell) {
        return wrap(ctx, nullptr);
    }
    std::vector<GEOSGeometry *> holes;
    for (size_t i = 1; i < part.rings.size(); ++i) {
        if (GEOSGeometry *hole = makeRing(ctx, part.rings[i], dx)) {
            holes.push_back(hole);
        }
    }
    return wrap(ctx, GEOSGeom_createPolygon_r(ctx, shell, holes.data(), unsigned(holes.size())));
}

// Appends the non-empty polygons of `g` (of any type) to `out`, as clones.
void collectPolygons(GEOSContextHandle_t ctx, const GEOSGeometry *g, std::vector<GeomPtr> &out)
{
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_POLYGON) {
        if (!GEOSisEmpty_r(ctx, g)) {
            out.push_back(wrap(ctx, GEOSGeom_clone_r(ctx, g)));
        }
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0; i < GEOSGetNumGeometries_r(ctx, g); ++i) {
            collectPolygons(ctx, GEOSGetGeometryN_r(ctx, g, i), out);
        }
    }
}

// A valid polygon, or the polygons GEOSMakeValid makes of an invalid one (none if it has no area).
std::vector<GeomPtr> validPolygons(GEOSContextHandle_t ctx, GeomPtr polygon, bool *repaired)
{
    std::vector<GeomPtr> out;
    if (!polygon) {
        return out;
    }
    if (GEOSisValid_r(ctx, polygon.get()) == 1) {
        out.push_back(std::move(polygon));
        return out;
    }
    *repaired = true;
    if (GeomPtr fixed = wrap(ctx, GEOSMakeValid_r(ctx, polygon.get()))) {
        collectPolygons(ctx, fixed.get(), out);
    }
    return out;
}

GeomPtr makeCollection(GEOSContextHandle_t ctx, std::vector<GeomPtr> &parts)
{
    std::vector<GEOSGeometry *> raw;
    for (GeomPtr &p : parts) {
        raw.push_back(p.release()); // the collection takes them over
    }
    parts.clear();
    return wrap(ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, raw.data(), unsigned(raw.size())));
}

Ring ringCoordinates(GEOSContextHandle_t ctx, const GEOSGeometry *ring)
{
    const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(ctx, ring);
    unsigned int size = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &size)) {
        return {};
    }
    Ring xy(size_t(size) * 2);
    GEOSCoordSeq_copyToBuffer_r(ctx, seq, xy.data(), 0, 0);
    return xy;
}

// ∮ sin(lat) dlon along a ring whose edges are straight in lon/lat: exact, since on such an edge
// lat is linear in lon. Its absolute value is the ring's area on the unit sphere.
double sphericalRingArea(const Ring &r)
{
    double sum = 0;
    for (size_t i = 0; i + 3 < r.size(); i += 2) {
        const double dLon = (r[i + 2] - r[i]) * kRad;
        const double mid = (r[i + 1] + r[i + 3]) / 2 * kRad;
        const double half = (r[i + 3] - r[i + 1]) / 2 * kRad;
        // (cos lat1 - cos lat2) / (lat2 - lat1) written without cancellation: sin(mid) sinc(half).
        const double sinc = std::abs(half) < 1e-8 ? 1.0 - half * half / 6 : std::sin(half) / half;
        sum += dLon * std::sin(mid) * sinc;
    }
    return std::abs(sum);
}

// Area of a polygon, or of all polygons in a collection, on the sphere.
double areaKm2(GEOSContextHandle_t ctx, const GEOSGeometry *g)
{
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        double total = 0;
        for (int i = 0; i < GEOSGetNumGeometries_r(ctx, g); ++i) {
            total += areaKm2(ctx, GEOSGetGeometryN_r(ctx, g, i));
        }
        return total;
    }
    if (type != GEOS_POLYGON || GEOSisEmpty_r(ctx, g)) {
        return 0;
    }
    double area = sphericalRingArea(ringCoordinates(ctx, GEOSGetExteriorRing_r(ctx, g)));
    for (int i = 0; i < GEOSGetNumInteriorRings_r(ctx, g); ++i) {
        area -= sphericalRingArea(ringCoordinates(ctx, GEOSGetInteriorRingN_r(ctx, g, i)));
    }
    return std::max(0.0, area) * Geodesy::kEarthRadiusKm * Geodesy::kEarthRadiusKm;
}

// --- Back to lon/lat in [-180, 180] ---

void appendRing(GeometryBuilder &builder, Ring xy, double dx, bool outer)
{
    shiftX(xy, dx);
    // RFC 7946: outer rings counterclockwise, holes clockwise.
    if ((planarArea(xy) > 0) != outer) {
        for (size_t i = 0, j = xy.size() - 2; i < j; i += 2, j -= 2) {
            std::swap(xy[i], xy[j]);
            std::swap(xy[i + 1], xy[j + 1]);
        }
    }
    builder.beginArray();
    for (size_t i = 0; i + 1 < xy.size(); i += 2) {
        if (i > 0) {
            // Long edges (a polar cap's) get vertices every 90 degrees at most, so no edge reads
            // as a step across the antimeridian.
            const double x0 = xy[i - 2], y0 = xy[i - 1];
            const int steps = int(std::ceil(std::abs(xy[i] - x0) / 90.0));
            for (int s = 1; s < steps; ++s) {
                const double t = double(s) / steps;
                builder.position(x0 + t * (xy[i] - x0), y0 + t * (xy[i + 1] - y0));
            }
        }
        builder.position(xy[i], xy[i + 1]);
    }
    builder.endArray();
}

// Cuts `g` (unwrapped lon/lat) at every multiple of 180 degrees it crosses and shifts each piece
// into [-180, 180]; drops slivers below `minAreaKm2`.
Geometry toLonLat(GEOSContextHandle_t ctx, const GEOSGeometry *g, double minAreaKm2, bool *ok)
{
    double minX = 0, maxX = 0;
    GEOSGeom_getXMin_r(ctx, g, &minX);
    GEOSGeom_getXMax_r(ctx, g, &maxX);
    std::vector<std::pair<GeomPtr, double>> pieces; // polygon, x shift
    for (int k = int(std::floor((minX + 180.0) / 360.0)); k * 360.0 - 180.0 < maxX; ++k) {
        std::vector<GeomPtr> polygons;
        if (minX >= k * 360.0 - 180.0 && maxX <= k * 360.0 + 180.0) {
            collectPolygons(ctx, g, polygons);
        } else {
            GeomPtr window = wrap(ctx, GEOSGeom_createRectangle_r(ctx, k * 360.0 - 180.0, -90, k * 360.0 + 180.0, 90));
            GeomPtr piece = wrap(ctx, window ? GEOSIntersection_r(ctx, g, window.get()) : nullptr);
            if (!piece) {
                *ok = false;
                return {};
            }
            collectPolygons(ctx, piece.get(), polygons);
        }
        for (GeomPtr &p : polygons) {
            if (areaKm2(ctx, p.get()) >= minAreaKm2) {
                pieces.emplace_back(std::move(p), -k * 360.0);
            }
        }
    }
    if (pieces.empty()) {
        return {};
    }
    GeometryBuilder builder;
    const bool multi = pieces.size() > 1;
    if (multi) {
        builder.beginArray();
    }
    for (const auto &[polygon, dx] : pieces) {
        builder.beginArray();
        appendRing(builder, ringCoordinates(ctx, GEOSGetExteriorRing_r(ctx, polygon.get())), dx, true);
        for (int i = 0; i < GEOSGetNumInteriorRings_r(ctx, polygon.get()); ++i) {
            appendRing(builder, ringCoordinates(ctx, GEOSGetInteriorRingN_r(ctx, polygon.get(), i)), dx, false);
        }
        builder.endArray();
    }
    if (multi) {
        builder.endArray();
    }
    return builder.finish(multi ? GeometryType::MultiPolygon : GeometryType::Polygon, nullptr).value_or(Geometry {});
}

// --- The computation ---

// Whether `polygon` shares area with the target, not just an edge or a point. (Clipping each
// footprint to the target before the union was tried: the union then slows down by a third, as
// every piece brings vertices on the target's edges.)
bool overlapsTarget(GEOSContextHandle_t ctx, const GEOSPreparedGeometry *prepared, const GEOSGeometry *polygon)
{
    return GEOSPreparedIntersects_r(ctx, prepared, polygon) == 1
        && (GEOSPreparedContainsProperly_r(ctx, prepared, polygon) == 1
            || GEOSPreparedTouches_r(ctx, prepared, polygon) != 1);
}

void pickNewestAndLeastCloudy(Result &r, const Footprint &f)
{
    r.sceneIndices.push_back(f.index);
    ++r.sceneCount;
    if (f.datetime != kNoTime && (r.newestIndex < 0 || f.datetime > r.newestDatetime)) {
        r.newestDatetime = f.datetime;
        r.newestIndex = f.index;
    }
    if (!std::isnan(f.cloudCover)) {
        const bool better = r.leastCloudIndex < 0 || f.cloudCover < r.leastCloudCover
            || (f.cloudCover == r.leastCloudCover && f.datetime != kNoTime && f.datetime > r.leastCloudDatetime);
        if (better) {
            r.leastCloudCover = f.cloudCover;
            r.leastCloudIndex = f.index;
            r.leastCloudDatetime = f.datetime;
        }
    }
}

Result fail(Result r, Status status, const QString &message = {})
{
    r.status = status;
    r.geosMessage = message;
    return r;
}

} // namespace

QString Result::errorString() const
{
    switch (status) {
    case Status::Ok:
        return {};
    case Status::UnsupportedTarget:
        return QCoreApplication::translate("StacScope::Coverage", "The target must be a point or a polygon.");
    case Status::EmptyTarget:
        return QCoreApplication::translate("StacScope::Coverage", "The target has no area.");
    case Status::GeometryError:
        return QCoreApplication::translate("StacScope::Coverage", "Coverage could not be computed: %1")
            .arg(geosMessage);
    case Status::Canceled:
        return QCoreApplication::translate("StacScope::Coverage", "Coverage computation canceled.");
    }
    return {};
}

GeoBox envelope(const Geometry &geometry)
{
    if (geometry.type() == GeometryType::Point && !geometry.isEmpty()) {
        const double lon = normalizeLongitude(geometry.coordinates()[0]);
        return { lon, geometry.coordinates()[1], lon, geometry.coordinates()[1] };
    }
    const std::vector<Part> parts = unwrappedParts(geometry);
    if (parts.empty()) {
        return {};
    }
    GeoBox box { parts[0].minX, parts[0].minY, parts[0].maxX, parts[0].maxY };
    for (const Part &p : parts) {
        box = { std::min(box.west, p.minX), std::min(box.south, p.minY), std::max(box.east, p.maxX),
            std::max(box.north, p.maxY) };
    }
    box.south = std::max(box.south, -90.0);
    box.north = std::min(box.north, 90.0);
    if (box.east - box.west >= 360.0) {
        box.west = -180.0;
        box.east = 180.0;
    } else if (box.west < -180.0 || box.east > 180.0) {
        const double west = normalizeLongitude(box.west);
        const double east = normalizeLongitude(box.east);
        box.west = west == 180.0 && box.west < -180.0 ? -180.0 : west;
        box.east = east == -180.0 && box.east > 180.0 ? 180.0 : east;
    }
    return box;
}

Result compute(const Geometry &target, std::span<const Footprint> footprints, const std::atomic_bool *canceled)
{
    const auto isCanceled = [canceled] { return canceled && canceled->load(std::memory_order_relaxed); };
    Result result;
    result.uncovered = target;
    const bool isPoint = target.type() == GeometryType::Point;
    if (!isPoint && !target.isAreal()) {
        return fail(result, Status::UnsupportedTarget);
    }
    if (target.isEmpty()) {
        return fail(result, Status::EmptyTarget);
    }
    GeosContext geos;
    GEOSContextHandle_t ctx = geos.handle();

    // The target in the plane, and the x and y range footprints must reach into.
    GeomPtr targetGeom = wrap(ctx, nullptr);
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    if (isPoint) {
        minX = maxX = normalizeLongitude(target.coordinates()[0]);
        minY = maxY = target.coordinates()[1];
        targetGeom = wrap(ctx, GEOSGeom_createPointFromXY_r(ctx, minX, minY));
    } else {
        const std::vector<Part> parts = unwrappedParts(target);
        std::vector<GeomPtr> polygons;
        bool repaired = false;
        for (const Part &p : parts) {
            for (GeomPtr &g : validPolygons(ctx, makePolygon(ctx, p, 0), &repaired)) {
                polygons.push_back(std::move(g));
            }
        }
        if (polygons.empty()) {
            return fail(result, Status::EmptyTarget);
        }
        // Parts split at the antimeridian are now side by side: merge them.
        targetGeom = polygons.size() == 1 ? std::move(polygons.front())
                                          : wrap(ctx, GEOSUnaryUnion_r(ctx, makeCollection(ctx, polygons).get()));
        if (!targetGeom) {
            return fail(result, Status::GeometryError, geos.error());
        }
        GEOSGeom_getXMin_r(ctx, targetGeom.get(), &minX);
        GEOSGeom_getXMax_r(ctx, targetGeom.get(), &maxX);
        GEOSGeom_getYMin_r(ctx, targetGeom.get(), &minY);
        GEOSGeom_getYMax_r(ctx, targetGeom.get(), &maxY);
        result.targetAreaKm2 = areaKm2(ctx, targetGeom.get());
        if (!(result.targetAreaKm2 > 0)) {
            return fail(result, Status::EmptyTarget);
        }
    }
    if (!targetGeom) {
        return fail(result, Status::GeometryError, geos.error());
    }
    const auto unprepare = [ctx](const GEOSPreparedGeometry *p) { GEOSPreparedGeom_destroy_r(ctx, p); };
    const std::unique_ptr<const GEOSPreparedGeometry, decltype(unprepare)> prepared(
        GEOSPrepare_r(ctx, targetGeom.get()), unprepare);
    const double centre = (minX + maxX) / 2;

    std::vector<GeomPtr> covering;
    for (size_t i = 0; i < footprints.size(); ++i) {
        if (i % 64 == 0 && isCanceled()) {
            return fail(result, Status::Canceled);
        }
        const Footprint &f = footprints[i];
        const std::vector<Part> parts = unwrappedParts(f.geometry, centre);
        if (parts.empty()) {
            ++result.skippedCount;
            continue;
        }
        bool repaired = false;
        bool hasArea = false;
        bool overlaps = false;
        for (const Part &p : parts) {
            // The envelope prefilter: only copies (one sheet east or west) that reach the target.
            for (int k = -1; k <= 1; ++k) {
                const double dx = k * 360.0;
                if (p.minX + dx > maxX || p.maxX + dx < minX || p.minY > maxY || p.maxY < minY) {
                    continue;
                }
                for (GeomPtr &g : validPolygons(ctx, makePolygon(ctx, p, dx), &repaired)) {
                    hasArea = true;
                    const bool hit = isPoint ? GEOSIntersects_r(ctx, g.get(), targetGeom.get()) == 1
                                             : overlapsTarget(ctx, prepared.get(), g.get());
                    if (hit) {
                        overlaps = true;
                        if (!isPoint) {
                            covering.push_back(std::move(g));
                        }
                    }
                }
            }
        }
        if (repaired) {
            // Whether it had any area is only known for the copies that reached the target.
            ++(hasArea ? result.repairedCount : result.skippedCount);
        }
        if (overlaps) {
            pickNewestAndLeastCloudy(result, f);
        }
    }

    if (isPoint && result.sceneCount > 0) {
        result.coveredFraction = 1.0;
        result.uncovered = Geometry {};
    }
    if (isPoint || covering.empty()) {
        return result; // nothing covers the target: it is all uncovered, as given
    }
    if (isCanceled()) {
        return fail(result, Status::Canceled);
    }
    // A cascaded union of the overlapping footprints, then what of the target lies outside it.
    const GeomPtr coveredUnion = wrap(ctx, GEOSUnaryUnion_r(ctx, makeCollection(ctx, covering).get()));
    const GeomPtr uncovered
        = wrap(ctx, coveredUnion ? GEOSDifference_r(ctx, targetGeom.get(), coveredUnion.get()) : nullptr);
    if (!uncovered) {
        return fail(result, Status::GeometryError, geos.error());
    }
    const double uncoveredKm2 = areaKm2(ctx, uncovered.get());
    result.coveredAreaKm2 = std::clamp(result.targetAreaKm2 - uncoveredKm2, 0.0, result.targetAreaKm2);
    result.coveredFraction = result.coveredAreaKm2 / result.targetAreaKm2;
    bool ok = true;
    result.uncovered = toLonLat(ctx, uncovered.get(), result.targetAreaKm2 * kSliverShare, &ok);
    if (!ok) {
        return fail(result, Status::GeometryError, geos.error());
    }
    if (result.uncovered.isEmpty()) { // no gap worth drawing: fully covered, as far as anyone can tell
        result.coveredAreaKm2 = result.targetAreaKm2;
        result.coveredFraction = 1.0;
    }
    return result;
}

} // namespace StacScope::Coverage
