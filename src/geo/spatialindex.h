#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "src/geo/geobox.h"

namespace StacScope {

// A static packed R-tree (Hilbert-sorted, 16 entries a node), built once over many boxes and
// queried per map view or per search. An entry whose box crosses the antimeridian is stored as
// two boxes with the same id, so queries need no special case. Rebuilding 100k entries takes a
// few milliseconds; stores rebuild lazily after appends.
class SpatialIndex
{
public:
    void clear();
    void reserve(size_t n);
    void add(std::uint32_t id, const GeoBox &box);
    // Sorts and packs the tree; must be called after the last add() and before queries.
    void finish();
    bool isFinished() const { return m_finished; }
    // Stored boxes (an entry across the antimeridian counts twice), before and after finish().
    size_t size() const { return m_levelEnds.empty() ? m_ids.size() : m_levelEnds.front(); }

    // Calls `visit` with each id whose box intersects `box` (antimeridian-aware). An id may be
    // reported twice when both its halves match; `visit` returns false to stop early.
    void query(const GeoBox &box, const std::function<bool(std::uint32_t)> &visit) const;
    std::vector<std::uint32_t> query(const GeoBox &box) const;

private:
    struct Box
    {
        double minX, minY, maxX, maxY;
    };
    void queryPart(const Box &q, const std::function<bool(std::uint32_t)> &visit) const;

    std::vector<Box> m_boxes; // leaves first, then each upper level
    std::vector<std::uint32_t> m_ids; // for leaves: item id; for nodes: index of first child
    std::vector<size_t> m_levelEnds; // end index in m_boxes of each level
    bool m_finished = false;
    static constexpr size_t kNodeSize = 16;
};

} // namespace StacScope
