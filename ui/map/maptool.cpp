#include "ui/map/maptool.h"

#include "ui/map/mapwidget.h"

namespace StacScope {

MapTool::MapTool(MapWidget *map)
    : QObject(map)
    , m_map(map)
{}

} // namespace StacScope
