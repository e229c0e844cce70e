#pragma once

#include <QPainterPath>
#include <QTransform>

#include "src/geo/geometry.h"

namespace StacScope {

// A geometry as a path in world coordinates (normalised Web Mercator), its longitudes made
// continuous across the antimeridian and every ring placed on the sheet of the first one, so
// parts cut at 180 degrees join up again. Areal geometries get closed subpaths.
QPainterPath worldPath(const Geometry &geometry);

class MapViewport;
// World coordinates -> widget pixels for world copy `copy` (the world shifted by `copy` widths),
// so every layer draws the repeated world the same way.
QTransform worldCopyTransform(const MapViewport &viewport, int copy);

} // namespace StacScope
