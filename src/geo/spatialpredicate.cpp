#include "src/geo/spatialpredicate.h"

#include <geos_c.h>
#include <vector>

#include <QString>

using namespace Qt::StringLiterals;

namespace StacScope {
namespace {

struct Deleter
{
    GEOSContextHandle_t ctx;
    void operator()(GEOSGeometry *g) const { GEOSGeom_destroy_r(ctx, g); }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, Deleter>;

GEOSCoordSequence *sequence(GEOSContextHandle_t ctx, std::span<const double> xy, bool close)
{
    std::vector<double> copy(xy.begin(), xy.end());
    if (close && copy.size() >= 2 && (copy[0] != copy[copy.size() - 2] || copy[1] != copy[copy.size() - 1])) {
        copy.push_back(copy[0]);
        copy.push_back(copy[1]);
    }
    return GEOSCoordSeq_copyFromBuffer_r(ctx, copy.data(), copy.size() / 2, 0, 0);
}

GEOSGeometry *polygon(GEOSContextHandle_t ctx, const Geometry &g, int firstRing, int endRing)
{
    std::vector<GEOSGeometry *> rings;
    for (int r = firstRing; r < endRing; ++r) {
        const std::span<const double> xy = g.ring(r);
        GEOSCoordSequence *seq = xy.size() >= 6 ? sequence(ctx, xy, true) : nullptr;
        GEOSGeometry *ring = seq ? GEOSGeom_createLinearRing_r(ctx, seq) : nullptr;
        if (!ring) {
            for (GEOSGeometry *made : rings)
                GEOSGeom_destroy_r(ctx, made);
            return nullptr;
        }
        rings.push_back(ring);
    }
    if (rings.empty())
        return nullptr;
    return GEOSGeom_createPolygon_r(ctx, rings.front(), rings.data() + 1, unsigned(rings.size() - 1));
}

GEOSGeometry *collection(GEOSContextHandle_t ctx, int type, std::vector<GEOSGeometry *> members)
{
    for (GEOSGeometry *m : members) {
        if (!m) {
            for (GEOSGeometry *made : members)
                if (made)
                    GEOSGeom_destroy_r(ctx, made);
            return nullptr;
        }
    }
    return GEOSGeom_createCollection_r(ctx, type, members.data(), unsigned(members.size()));
}

// Our flat geometry as a GEOS one (valid, repaired if need be), or null when it cannot be built.
GeomPtr toGeos(GEOSContextHandle_t ctx, const Geometry &g)
{
    const std::span<const double> xy = g.coordinates();
    GEOSGeometry *out = nullptr;
    switch (g.type()) {
    case GeometryType::Empty:
        out = GEOSGeom_createEmptyCollection_r(ctx, GEOS_GEOMETRYCOLLECTION);
        break;
    case GeometryType::Point:
        out = xy.size() >= 2 ? GEOSGeom_createPointFromXY_r(ctx, xy[0], xy[1]) : nullptr;
        break;
    case GeometryType::MultiPoint: {
        std::vector<GEOSGeometry *> points;
        for (size_t i = 0; i + 1 < xy.size(); i += 2)
            points.push_back(GEOSGeom_createPointFromXY_r(ctx, xy[i], xy[i + 1]));
        out = collection(ctx, GEOS_MULTIPOINT, std::move(points));
        break;
    }
    case GeometryType::LineString:
    case GeometryType::MultiLineString: {
        std::vector<GEOSGeometry *> lines;
        for (int r = 0; r < g.ringCount(); ++r) {
            GEOSCoordSequence *seq = g.ring(r).size() >= 4 ? sequence(ctx, g.ring(r), false) : nullptr;
            lines.push_back(seq ? GEOSGeom_createLineString_r(ctx, seq) : nullptr);
        }
        if (g.type() == GeometryType::LineString && lines.size() == 1)
            out = lines.front();
        else
            out = collection(ctx, GEOS_MULTILINESTRING, std::move(lines));
        break;
    }
    case GeometryType::Polygon:
    case GeometryType::MultiPolygon: {
        std::vector<GEOSGeometry *> polygons;
        int first = 0;
        for (const std::uint32_t end : g.partEnds()) {
            polygons.push_back(polygon(ctx, g, first, int(end)));
            first = int(end);
        }
        if (g.type() == GeometryType::Polygon && polygons.size() == 1)
            out = polygons.front();
        else
            out = collection(ctx, GEOS_MULTIPOLYGON, std::move(polygons));
        break;
    }
    }
    GeomPtr geometry(out, Deleter { ctx });
    if (geometry && GEOSisValid_r(ctx, geometry.get()) != 1) {
        geometry.reset(GEOSMakeValid_r(ctx, geometry.get()));
    }
    return geometry;
}

} // namespace

struct SpatialTester::Geos
{
    GEOSContextHandle_t ctx = GEOS_init_r();
    GeomPtr fixed { nullptr, Deleter { ctx } };
    const GEOSPreparedGeometry *prepared = nullptr;

    ~Geos()
    {
        if (prepared)
            GEOSPreparedGeom_destroy_r(ctx, prepared);
        fixed.reset();
        GEOS_finish_r(ctx);
    }
};

std::optional<SpatialPredicate> spatialPredicateFromCql2(QStringView name)
{
    static const std::pair<QStringView, SpatialPredicate> names[] = {
        { u"s_intersects", SpatialPredicate::Intersects },
        { u"s_disjoint", SpatialPredicate::Disjoint },
        { u"s_equals", SpatialPredicate::Equals },
        { u"s_touches", SpatialPredicate::Touches },
        { u"s_within", SpatialPredicate::Within },
        { u"s_contains", SpatialPredicate::Contains },
        { u"s_overlaps", SpatialPredicate::Overlaps },
        { u"s_crosses", SpatialPredicate::Crosses },
    };
    for (const auto &[text, predicate] : names) {
        if (name.compare(text, Qt::CaseInsensitive) == 0)
            return predicate;
    }
    return std::nullopt;
}

SpatialTester::SpatialTester(SpatialPredicate predicate, const Geometry &fixed)
    : m_predicate(predicate)
    , m_geos(std::make_unique<Geos>())
{
    // Errors come back as results (a geometry that cannot be built matches nothing); GEOS's
    // messages would only go to stderr.
    GEOSContext_setErrorMessageHandler_r(
        m_geos->ctx, [](const char *, void *) {}, nullptr);
    GEOSContext_setNoticeMessageHandler_r(
        m_geos->ctx, [](const char *, void *) {}, nullptr);
    m_geos->fixed = toGeos(m_geos->ctx, fixed);
    if (m_geos->fixed)
        m_geos->prepared = GEOSPrepare_r(m_geos->ctx, m_geos->fixed.get());
}

SpatialTester::~SpatialTester() = default;

bool SpatialTester::test(const Geometry &geometry) const
{
    GEOSContextHandle_t ctx = m_geos->ctx;
    const GEOSPreparedGeometry *fixed = m_geos->prepared;
    if (!fixed)
        return false;
    const GeomPtr g = toGeos(ctx, geometry);
    if (!g)
        return false;
    if (GEOSisEmpty_r(ctx, g.get()) == 1 || GEOSisEmpty_r(ctx, m_geos->fixed.get()) == 1)
        return m_predicate == SpatialPredicate::Disjoint;
    char result = 0;
    switch (m_predicate) { // the prepared geometry is the fixed one: "g within fixed" is "fixed contains g"
    case SpatialPredicate::Intersects:
        result = GEOSPreparedIntersects_r(ctx, fixed, g.get());
        break;
    case SpatialPredicate::Disjoint:
        result = GEOSPreparedDisjoint_r(ctx, fixed, g.get());
        break;
    case SpatialPredicate::Equals:
        result = GEOSEquals_r(ctx, g.get(), m_geos->fixed.get());
        break;
    case SpatialPredicate::Touches:
        result = GEOSPreparedTouches_r(ctx, fixed, g.get());
        break;
    case SpatialPredicate::Within:
        result = GEOSPreparedContains_r(ctx, fixed, g.get());
        break;
    case SpatialPredicate::Contains:
        result = GEOSPreparedWithin_r(ctx, fixed, g.get());
        break;
    case SpatialPredicate::Overlaps:
        result = GEOSPreparedOverlaps_r(ctx, fixed, g.get());
        break;
    case SpatialPredicate::Crosses:
        result = GEOSPreparedCrosses_r(ctx, fixed, g.get());
        break;
    }
    return result == 1;
}

const SpatialTester *SpatialTesterCache::get(const QString &op, const QJsonObject &literal)
{
    for (const Entry &e : m_entries) {
        if (e.op == op && e.literal == literal) {
            return e.tester.get();
        }
    }
    Entry entry { op, literal, nullptr };
    const std::optional<SpatialPredicate> predicate = spatialPredicateFromCql2(op);
    const std::optional<Geometry> geometry = Geometry::fromGeoJson(literal);
    if (predicate && geometry) {
        entry.tester = std::make_unique<SpatialTester>(*predicate, *geometry);
    }
    m_entries.push_back(std::move(entry));
    return m_entries.back().tester.get();
}

} // namespace StacScope
