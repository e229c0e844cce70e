#pragma once

#include <QHashFunctions>
#include <QList>
#include <QMetaType>
#include <QPointF>
#include <QRectF>

namespace StacScope {

class MapViewport;

// One XYZ tile: zoom level, column (west to east from -180) and row (north to south).
struct TileKey
{
    int z = 0;
    int x = 0;
    int y = 0;

    bool isValid() const;
    // The tile `levels` zoom levels up that contains this one; invalid when that is above zoom 0.
    TileKey ancestor(int levels = 1) const;
    TileKey parent() const { return ancestor(1); }

    friend bool operator==(const TileKey &, const TileKey &) = default;
};

inline size_t qHash(const TileKey &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.z, key.x, key.y);
}

// A tile as drawn: its key (x wrapped into [0, 2^z)), the world copy it is drawn in (integer
// offset in world units) and its rectangle in world coordinates including that offset.
struct PlacedTile
{
    TileKey key;
    int worldCopy = 0;
    QRectF world;

    friend bool operator==(const PlacedTile &, const PlacedTile &) = default;
};

namespace TileMath {

inline constexpr int kMaxZoom = 19;
// A view that would need more tiles than this is refused rather than flooding a tile server.
inline constexpr int kMaxTilesPerView = 1024;

// 2^z, the number of tiles along each axis.
qint64 tileCount(int z);
// The tile level drawn for a fractional view zoom: the nearest level, so tiles are drawn between
// 0.71x and 1.41x their size, clamped to 0 .. min(maxZoom, 19).
int tileZoom(double viewZoom, int maxZoom = kMaxZoom);
// The tile's square in normalised world coordinates (x, y in [0, 1]).
QRectF worldRect(const TileKey &key);
// The tile containing a world point: x wraps around the world, y is clamped to the square.
TileKey tileAtWorld(const QPointF &world, int z);
TileKey tileAt(double lon, double lat, int z);
// The tiles covering the view at level `z`, one per world copy, nearest the view centre first.
// Empty when the view lies outside the world vertically or would need over kMaxTilesPerView.
QList<PlacedTile> coveringTiles(const MapViewport &viewport, int z);
// Where `key` lies inside `ancestor`, as a fraction of the ancestor tile ([0, 1] square).
QRectF rectInAncestor(const TileKey &key, const TileKey &ancestor);

} // namespace TileMath

} // namespace StacScope

Q_DECLARE_METATYPE(StacScope::TileKey)
