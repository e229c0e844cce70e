#include "ui/map/pointtool.h"

#include <QMouseEvent>

#include "ui/map/mapwidget.h"

namespace StacScope {

PointTool::PointTool(MapWidget *map)
    : MapTool(map)
{}

bool PointTool::mousePress(QMouseEvent *event)
{
    return event->button() == Qt::LeftButton;
}

bool PointTool::mouseRelease(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        return false;
    }
    const QPointF lonLat = map()->viewport().screenToLonLat(event->position());
    Q_EMIT pointPicked(lonLat.x(), lonLat.y());
    return true;
}

} // namespace StacScope
