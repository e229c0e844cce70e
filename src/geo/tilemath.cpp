#include "src/geo/tilemath.h"

#include <algorithm>
#include <cmath>

#include "src/geo/mapviewport.h"
#include "src/geo/webmercator.h"

namespace StacScope {

namespace {

// Levels deep enough to overflow 2^z in an int are never valid tiles.
constexpr int kDeepestLevel = 30;

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

} // namespace

bool TileKey::isValid() const
{
    if (z < 0 || z > kDeepestLevel) {
        return false;
    }
    const qint64 n = TileMath::tileCount(z);
    return x >= 0 && y >= 0 && x < n && y < n;
}

TileKey TileKey::ancestor(int levels) const
{
    if (levels <= 0) {
        return *this;
    }
    if (levels > z) {
        return { -1, 0, 0 };
    }
    return { z - levels, x >> levels, y >> levels };
}

namespace TileMath {

qint64 tileCount(int z)
{
    return qint64(1) << std::clamp(z, 0, kDeepestLevel);
}

int tileZoom(double viewZoom, int maxZoom)
{
    const int top = std::clamp(maxZoom, 0, kMaxZoom);
    if (!std::isfinite(viewZoom)) {
        return 0;
    }
    return std::clamp(int(std::lround(viewZoom)), 0, top);
}

QRectF worldRect(const TileKey &key)
{
    const double size = 1.0 / double(tileCount(key.z));
    return { key.x * size, key.y * size, size, size };
}

TileKey tileAtWorld(const QPointF &world, int z)
{
    const qint64 n = tileCount(z);
    qint64 x = qint64(std::floor(world.x() * double(n)));
    x -= floorDiv(x, n) * n;
    const qint64 y = std::clamp(qint64(std::floor(world.y() * double(n))), qint64(0), n - 1);
    return { z, int(x), int(y) };
}

TileKey tileAt(double lon, double lat, int z)
{
    return tileAtWorld({ WebMercator::lonToX(lon), WebMercator::latToY(lat) }, z);
}

QList<PlacedTile> coveringTiles(const MapViewport &viewport, int z)
{
    QList<PlacedTile> tiles;
    const QRectF view = viewport.visibleWorld();
    if (view.isEmpty() || view.bottom() <= 0.0 || view.top() >= 1.0) {
        return tiles;
    }
    const qint64 n = tileCount(z);
    const double fn = double(n);
    const qint64 top = std::clamp(qint64(std::floor(view.top() * fn)), qint64(0), n - 1);
    const qint64 bottom = std::clamp(qint64(std::ceil(view.bottom() * fn)) - 1, qint64(0), n - 1);
    const qint64 left = qint64(std::floor(view.left() * fn));
    const qint64 right = std::max(left, qint64(std::ceil(view.right() * fn)) - 1);
    if ((right - left + 1) * (bottom - top + 1) > kMaxTilesPerView) {
        return tiles;
    }
    tiles.reserve(qsizetype((right - left + 1) * (bottom - top + 1)));
    for (qint64 gy = top; gy <= bottom; ++gy) {
        for (qint64 gx = left; gx <= right; ++gx) {
            const qint64 copy = floorDiv(gx, n);
            PlacedTile t;
            t.key = { z, int(gx - copy * n), int(gy) };
            t.worldCopy = int(copy);
            t.world = worldRect(t.key).translated(double(copy), 0.0);
            tiles.append(t);
        }
    }
    // The centre of the view first: that is what the user looks at, so it is fetched first.
    const QPointF centre = viewport.center();
    std::stable_sort(tiles.begin(), tiles.end(), [&centre](const PlacedTile &a, const PlacedTile &b) {
        const QPointF da = a.world.center() - centre;
        const QPointF db = b.world.center() - centre;
        return QPointF::dotProduct(da, da) < QPointF::dotProduct(db, db);
    });
    return tiles;
}

QRectF rectInAncestor(const TileKey &key, const TileKey &ancestor)
{
    const int levels = key.z - ancestor.z;
    if (levels < 0 || key.ancestor(levels) != ancestor) {
        return {};
    }
    const qint64 n = tileCount(levels);
    const double size = 1.0 / double(n);
    return { double(key.x - (qint64(ancestor.x) << levels)) * size,
        double(key.y - (qint64(ancestor.y) << levels)) * size, size, size };
}

} // namespace TileMath

} // namespace StacScope
