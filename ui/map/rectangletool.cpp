#include "ui/map/rectangletool.h"

#include <algorithm>
#include <cmath>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include "src/geo/webmercator.h"
#include "ui/map/mapwidget.h"

namespace StacScope {

RectangleTool::RectangleTool(MapWidget *map)
    : MapTool(map)
{}

GeoBox RectangleTool::boxBetween(const MapViewport &viewport, const QPointF &a, const QPointF &b)
{
    const QPointF wa = viewport.screenToWorld(a);
    const QPointF wb = viewport.screenToWorld(b);
    const double x0 = std::min(wa.x(), wb.x());
    const double x1 = std::max(wa.x(), wb.x());
    const double y0 = std::clamp(std::min(wa.y(), wb.y()), 0.0, 1.0);
    const double y1 = std::clamp(std::max(wa.y(), wb.y()), 0.0, 1.0);
    GeoBox box;
    box.north = WebMercator::yToLat(y0);
    box.south = WebMercator::yToLat(y1);
    if (x1 - x0 >= 1.0) {
        box.west = -180.0;
        box.east = 180.0;
    } else {
        box.west = normalizeLongitude(WebMercator::xToLon(x0));
        box.east = normalizeLongitude(WebMercator::xToLon(x1));
        if (box.east == -180.0) {
            box.east = 180.0;
        }
    }
    return box;
}

bool RectangleTool::mousePress(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        return false;
    }
    m_drawing = true;
    m_start = m_end = map()->viewport().screenToWorld(event->position());
    return true;
}

bool RectangleTool::mouseMove(QMouseEvent *event)
{
    if (!m_drawing) {
        return false;
    }
    m_end = map()->viewport().screenToWorld(event->position());
    map()->update();
    return true;
}

bool RectangleTool::mouseRelease(QMouseEvent *event)
{
    if (!m_drawing || event->button() != Qt::LeftButton) {
        return false;
    }
    m_drawing = false;
    const MapViewport &vp = map()->viewport();
    const QPointF a = vp.worldToScreen(m_start);
    const QPointF b = event->position();
    map()->update();
    if ((a - b).manhattanLength() < 4) {
        return true; // a click, not a rectangle
    }
    Q_EMIT boxDrawn(boxBetween(vp, a, b));
    return true;
}

bool RectangleTool::keyPress(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_drawing) {
        m_drawing = false;
        map()->update();
        return true;
    }
    return false;
}

void RectangleTool::deactivate()
{
    m_drawing = false;
}

void RectangleTool::paint(QPainter &painter, const MapViewport &viewport)
{
    if (!m_drawing) {
        return;
    }
    const QRectF band = QRectF(viewport.worldToScreen(m_start), viewport.worldToScreen(m_end)).normalized();
    painter.setPen(QPen(QColor(0x1f, 0x6f, 0xb2), 1.5, Qt::DashLine));
    painter.setBrush(QColor(0x1f, 0x6f, 0xb2, 40));
    painter.drawRect(band);
}

} // namespace StacScope
