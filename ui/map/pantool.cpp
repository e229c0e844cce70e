#include "ui/map/pantool.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include "ui/map/maplayer.h"
#include "ui/map/mapwidget.h"

namespace StacScope {

namespace {
constexpr double kDragThreshold = 4.0; // pixels before a press becomes a drag
}

PanTool::PanTool(MapWidget *map)
    : MapTool(map)
{}

bool PanTool::mousePress(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton) {
        return false;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastPos = event->position();
    return true;
}

bool PanTool::mouseMove(QMouseEvent *event)
{
    if (!m_pressed) {
        Q_EMIT map()->hovered(event->position());
        return false;
    }
    const QPointF pos = event->position();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() < kDragThreshold) {
        return true;
    }
    if (!m_dragging) {
        m_dragging = true;
        map()->setCursor(Qt::ClosedHandCursor);
    }
    map()->panByPixels(pos - m_lastPos);
    m_lastPos = pos;
    return true;
}

bool PanTool::mouseRelease(QMouseEvent *event)
{
    if (!m_pressed) {
        return false;
    }
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        map()->unsetCursor();
    } else if (event->button() == Qt::LeftButton) {
        if (MapLayer *layer = map()->clickableLayerAt(event->position())) {
            Q_EMIT map()->layerClicked(layer, event->position(), event->modifiers());
        } else {
            Q_EMIT map()->clicked(event->position(), event->modifiers());
        }
    }
    return true;
}

bool PanTool::mouseDoubleClick(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        return false;
    }
    map()->zoomAround(event->position(), event->modifiers() & Qt::ShiftModifier ? -1.0 : 1.0);
    return true;
}

bool PanTool::wheel(QWheelEvent *event)
{
    // 120 units is one notch; half a zoom level per notch feels smooth, and touchpads send less.
    const QPoint delta = event->angleDelta();
    const double steps = (delta.y() != 0 ? delta.y() : delta.x()) / 120.0;
    if (steps == 0) {
        return false;
    }
    map()->zoomAround(event->position(), steps * 0.5);
    return true;
}

bool PanTool::keyPress(QKeyEvent *event)
{
    const QSizeF size = map()->viewport().size();
    const QPointF center(size.width() / 2.0, size.height() / 2.0);
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        map()->zoomAround(center, 1.0);
        return true;
    case Qt::Key_Minus:
        map()->zoomAround(center, -1.0);
        return true;
    case Qt::Key_Left:
        map()->panByPixels({ size.width() / 4.0, 0 });
        return true;
    case Qt::Key_Right:
        map()->panByPixels({ -size.width() / 4.0, 0 });
        return true;
    case Qt::Key_Up:
        map()->panByPixels({ 0, size.height() / 4.0 });
        return true;
    case Qt::Key_Down:
        map()->panByPixels({ 0, -size.height() / 4.0 });
        return true;
    default:
        return false;
    }
}

} // namespace StacScope
