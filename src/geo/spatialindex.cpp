#include "src/geo/spatialindex.h"

#include <algorithm>
#include <numeric>

namespace StacScope {

namespace {

// Hilbert curve index of (x, y) on a 2^16 grid: the branch-free construction that flatbush uses.
std::uint32_t hilbert(std::uint32_t x, std::uint32_t y)
{
    std::uint32_t a = x ^ y;
    std::uint32_t b = 0xFFFF ^ a;
    std::uint32_t c = 0xFFFF ^ (x | y);
    std::uint32_t d = x & (y ^ 0xFFFF);
    std::uint32_t A = a | (b >> 1);
    std::uint32_t B = (a >> 1) ^ a;
    std::uint32_t C = ((c >> 1) ^ (b & (d >> 1))) ^ c;
    std::uint32_t D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;
    a = A;
    b = B;
    c = C;
    d = D;
    A = ((a & (a >> 2)) ^ (b & (b >> 2)));
    B = ((a & (b >> 2)) ^ (b & ((a ^ b) >> 2)));
    C ^= ((a & (c >> 2)) ^ (b & (d >> 2)));
    D ^= ((b & (c >> 2)) ^ ((a ^ b) & (d >> 2)));
    a = A;
    b = B;
    c = C;
    d = D;
    A = ((a & (a >> 4)) ^ (b & (b >> 4)));
    B = ((a & (b >> 4)) ^ (b & ((a ^ b) >> 4)));
    C ^= ((a & (c >> 4)) ^ (b & (d >> 4)));
    D ^= ((b & (c >> 4)) ^ ((a ^ b) & (d >> 4)));
    a = A;
    b = B;
    c = C;
    d = D;
    C ^= ((a & (c >> 8)) ^ (b & (d >> 8)));
    D ^= ((b & (c >> 8)) ^ ((a ^ b) & (d >> 8)));
    a = C ^ (C >> 1);
    b = D ^ (D >> 1);
    std::uint32_t i0 = x ^ y;
    std::uint32_t i1 = b | (0xFFFF ^ (i0 | a));
    i0 = (i0 | (i0 << 8)) & 0x00FF00FF;
    i0 = (i0 | (i0 << 4)) & 0x0F0F0F0F;
    i0 = (i0 | (i0 << 2)) & 0x33333333;
    i0 = (i0 | (i0 << 1)) & 0x55555555;
    i1 = (i1 | (i1 << 8)) & 0x00FF00FF;
    i1 = (i1 | (i1 << 4)) & 0x0F0F0F0F;
    i1 = (i1 | (i1 << 2)) & 0x33333333;
    i1 = (i1 | (i1 << 1)) & 0x55555555;
    return (i1 << 1) | i0;
}

} // namespace

void SpatialIndex::clear()
{
    m_boxes.clear();
    m_ids.clear();
    m_levelEnds.clear();
    m_finished = false;
}

void SpatialIndex::reserve(size_t n)
{
    m_boxes.reserve(n + n / 8);
    m_ids.reserve(n + n / 8);
}

void SpatialIndex::add(std::uint32_t id, const GeoBox &box)
{
    m_finished = false;
    if (!m_levelEnds.empty()) {
        // Appending after a build: keep the leaves, drop the node levels above them.
        m_boxes.resize(m_levelEnds.front());
        m_ids.resize(m_levelEnds.front());
        m_levelEnds.clear();
    }
    std::array<GeoBox, 2> parts;
    const int n = box.split(parts);
    for (int i = 0; i < n; ++i) {
        const GeoBox &p = parts[size_t(i)];
        m_boxes.push_back({ p.west, p.south, p.east, p.north });
        m_ids.push_back(id);
    }
}

void SpatialIndex::finish()
{
    if (m_finished) {
        return;
    }
    m_levelEnds.clear();
    const size_t n = m_ids.size();
    if (n == 0) {
        m_finished = true;
        return;
    }
    std::vector<std::uint32_t> keys(n);
    for (size_t i = 0; i < n; ++i) {
        const Box &b = m_boxes[i];
        const double cx = ((b.minX + b.maxX) / 2 + 180.0) / 360.0;
        const double cy = ((b.minY + b.maxY) / 2 + 90.0) / 180.0;
        keys[i] = hilbert(
            std::uint32_t(std::clamp(cx, 0.0, 1.0) * 65535.0), std::uint32_t(std::clamp(cy, 0.0, 1.0) * 65535.0));
    }
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
    std::vector<Box> boxes(n);
    std::vector<std::uint32_t> ids(n);
    for (size_t i = 0; i < n; ++i) {
        boxes[i] = m_boxes[order[i]];
        ids[i] = m_ids[order[i]];
    }
    m_boxes = std::move(boxes);
    m_ids = std::move(ids);
    m_levelEnds.push_back(n);
    size_t levelBegin = 0;
    size_t levelEnd = n;
    while (levelEnd - levelBegin > 1) {
        for (size_t i = levelBegin; i < levelEnd; i += kNodeSize) {
            Box node { 1e300, 1e300, -1e300, -1e300 };
            const size_t end = std::min(i + kNodeSize, levelEnd);
            for (size_t j = i; j < end; ++j) {
                node.minX = std::min(node.minX, m_boxes[j].minX);
                node.minY = std::min(node.minY, m_boxes[j].minY);
                node.maxX = std::max(node.maxX, m_boxes[j].maxX);
                node.maxY = std::max(node.maxY, m_boxes[j].maxY);
            }
            m_boxes.push_back(node);
            m_ids.push_back(std::uint32_t(i));
        }
        levelBegin = levelEnd;
        levelEnd = m_boxes.size();
        m_levelEnds.push_back(levelEnd);
    }
    m_finished = true;
}

void SpatialIndex::queryPart(const Box &q, const std::function<bool(std::uint32_t)> &visit) const
{
    if (m_levelEnds.empty()) {
        return;
    }
    // Stack of (node index, level); start at the root.
    std::vector<std::pair<size_t, size_t>> stack;
    stack.emplace_back(m_boxes.size() - 1, m_levelEnds.size() - 1);
    const size_t leafCount = m_levelEnds.front();
    while (!stack.empty()) {
        const auto [node, level] = stack.back();
        stack.pop_back();
        if (level == 0) {
            // With a single entry the root is a leaf.
            const Box &b = m_boxes[node];
            if (b.maxX >= q.minX && b.minX <= q.maxX && b.maxY >= q.minY && b.minY <= q.maxY) {
                if (!visit(m_ids[node])) {
                    return;
                }
            }
            continue;
        }
        const size_t first = m_ids[node];
        const size_t end = std::min(first + kNodeSize, m_levelEnds[level - 1]);
        for (size_t child = first; child < end; ++child) {
            const Box &b = m_boxes[child];
            if (b.maxX < q.minX || b.minX > q.maxX || b.maxY < q.minY || b.minY > q.maxY) {
                continue;
            }
            if (level - 1 == 0) {
                if (child < leafCount && !visit(m_ids[child])) {
                    return;
                }
            } else {
                stack.emplace_back(child, level - 1);
            }
        }
    }
}

void SpatialIndex::query(const GeoBox &box, const std::function<bool(std::uint32_t)> &visit) const
{
    std::array<GeoBox, 2> parts;
    const int n = box.split(parts);
    bool stopped = false;
    auto guard = [&](std::uint32_t id) {
        if (!visit(id)) {
            stopped = true;
            return false;
        }
        return true;
    };
    for (int i = 0; i < n && !stopped; ++i) {
        const GeoBox &p = parts[size_t(i)];
        queryPart({ p.west, p.south, p.east, p.north }, guard);
    }
}

std::vector<std::uint32_t> SpatialIndex::query(const GeoBox &box) const
{
    std::vector<std::uint32_t> out;
    query(box, [&out](std::uint32_t id) {
        out.push_back(id);
        return true;
    });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace StacScope
