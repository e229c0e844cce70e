#include "ui/map/circletool.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include "src/geo/geodesy.h"
#include "ui/map/mapwidget.h"

namespace StacScope {

CircleTool::CircleTool(MapWidget *map)
    : MapTool(map)
{}

double CircleTool::radiusKm() const
{
    return Geodesy::distanceKm(m_centre.x(), m_centre.y(), m_edge.x(), m_edge.y());
}

bool CircleTool::mousePress(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        return false;
    }
    m_centre = m_edge = map()->viewport().screenToLonLat(event->position());
    m_drawing = true;
    return true;
}

bool CircleTool::mouseMove(QMouseEvent *event)
{
    if (!m_drawing) {
        return false;
    }
    m_edge = map()->viewport().screenToLonLat(event->position());
    map()->update();
    return true;
}

bool CircleTool::mouseRelease(QMouseEvent *event)
{
    if (!m_drawing || event->button() != Qt::LeftButton) {
        return false;
    }
    m_drawing = false;
    m_edge = map()->viewport().screenToLonLat(event->position());
    map()->update();
    const double r = radiusKm();
    if (r <= 0.001) {
        return true;
    }
    Q_EMIT circleDrawn(Geodesy::circle(m_centre.x(), m_centre.y(), r), r);
    return true;
}

bool CircleTool::keyPress(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_drawing) {
        m_drawing = false;
        map()->update();
        return true;
    }
    return false;
}

void CircleTool::deactivate()
{
    m_drawing = false;
}

void CircleTool::paint(QPainter &painter, const MapViewport &viewport)
{
    if (!m_drawing) {
        return;
    }
    const double r = radiusKm();
    const Geometry circle = Geodesy::circle(m_centre.x(), m_centre.y(), std::max(r, 0.001));
    QPolygonF outline;
    const auto xy = circle.ring(0);
    for (size_t i = 0; i + 1 < xy.size(); i += 2) {
        outline.append(viewport.lonLatToScreen(xy[i], xy[i + 1]));
    }
    const QColor color(0xd3, 0x2f, 0x6b);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 1.5, Qt::DashLine));
    painter.setBrush(QColor(color.red(), color.green(), color.blue(), 35));
    painter.drawPolygon(outline);
    const QPointF c = viewport.lonLatToScreen(m_centre.x(), m_centre.y());
    const QPointF e = viewport.lonLatToScreen(m_edge.x(), m_edge.y());
    painter.drawLine(c, e);
    painter.setPen(Qt::black);
    painter.drawText(e + QPointF(8, -8), tr("%1 km").arg(r, 0, 'f', r < 10 ? 2 : 1));
}

} // namespace StacScope
