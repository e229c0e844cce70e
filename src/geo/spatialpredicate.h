#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QJsonObject>
#include <QString>
#include <QStringView>

#include "src/geo/geometry.h"

namespace StacScope {

// The spatial relations of OGC Simple Features (DE-9IM), as CQL2 names them (s_intersects ...).
enum class SpatialPredicate
{
    Intersects,
    Disjoint,
    Equals,
    Touches,
    Within,
    Contains,
    Overlaps,
    Crosses
};

// "s_intersects" -> Intersects ... (case-insensitive); nothing for any other name.
std::optional<SpatialPredicate> spatialPredicateFromCql2(QStringView name);

// Tests geometries against one fixed geometry with GEOS (prepared, so many tests are cheap):
// test(g) is "g <predicate> fixed", exactly as the predicate defines it, in lon/lat degrees as
// CQL2's default CRS (CRS84) is: within is not a bounding-box overlap, equals is the same point
// set whatever the vertex order or start. Empty geometries intersect nothing. An invalid geometry
// (self-intersecting rings) is repaired with GEOS's make-valid first. Not thread-safe: one per thread.
class SpatialTester
{
public:
    SpatialTester(SpatialPredicate predicate, const Geometry &fixed);
    ~SpatialTester();
    SpatialTester(const SpatialTester &) = delete;
    SpatialTester &operator=(const SpatialTester &) = delete;

    SpatialPredicate predicate() const { return m_predicate; }
    bool test(const Geometry &geometry) const;

private:
    struct Geos;
    SpatialPredicate m_predicate;
    std::unique_ptr<Geos> m_geos;
};

// One prepared tester per spatial relation and GeoJSON literal of a CQL2 filter, built on first
// use (a filter may hold several; each is tested against every item). Not thread-safe.
class SpatialTesterCache
{
public:
    // Nullptr when `op` is no spatial relation or `literal` no geometry.
    const SpatialTester *get(const QString &op, const QJsonObject &literal);

private:
    struct Entry
    {
        QString op;
        QJsonObject literal;
        std::unique_ptr<SpatialTester> tester;
    };
    std::vector<Entry> m_entries;
};

} // namespace StacScope
