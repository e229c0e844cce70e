#include "ui/map/polygontool.h"

#include <algorithm>

#include <QJsonArray>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include "src/geo/webmercator.h"
#include "ui/map/mapwidget.h"

namespace StacScope {

PolygonTool::PolygonTool(MapWidget *map)
    : MapTool(map)
{}

Geometry PolygonTool::polygonFromWorld(const QVector<QPointF> &world)
{
    QJsonArray ring;
    for (const QPointF &w : world) {
        ring.append(QJsonArray { WebMercator::xToLon(w.x()), WebMercator::yToLat(std::clamp(w.y(), 0.0, 1.0)) });
    }
    if (!world.isEmpty()) {
        ring.append(ring.first());
    }
    // World x is continuous across copies; GeoJSON wants [-180, 180] (a ring across 180 jumps
    // there, and bounds() and splitAtAntimeridian() understand that).
    for (qsizetype i = 0; i < ring.size(); ++i) {
        QJsonArray p = ring.at(i).toArray();
        p[0] = normalizeLongitude(p.at(0).toDouble());
        ring[i] = p;
    }
    const QJsonObject object { { QStringLiteral("type"), QStringLiteral("Polygon") },
        { QStringLiteral("coordinates"), QJsonArray { QJsonValue(ring) } } };
    return Geometry::fromGeoJson(object).value_or(Geometry());
}

bool PolygonTool::mousePress(QMouseEvent *event)
{
    // Left clicks are handled on release so a double-click adds no extra vertex.
    return event->button() == Qt::LeftButton;
}

bool PolygonTool::mouseMove(QMouseEvent *event)
{
    m_cursor = map()->viewport().screenToWorld(event->position());
    m_hasCursor = true;
    if (!m_vertices.isEmpty()) {
        map()->update();
    }
    return false; // let the pan tool see drags with other buttons
}

bool PolygonTool::mouseRelease(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        return false;
    }
    if (m_ignoreNextRelease) {
        m_ignoreNextRelease = false;
        return true;
    }
    const QPointF w = map()->viewport().screenToWorld(event->position());
    // A click on the last vertex again is the second half of a double-click: ignore it.
    if (!m_vertices.isEmpty()) {
        const QPointF last = map()->viewport().worldToScreen(m_vertices.last());
        if ((last - event->position()).manhattanLength() < 3) {
            return true;
        }
    }
    m_vertices.append(w);
    map()->update();
    return true;
}

bool PolygonTool::mouseDoubleClick(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        return false;
    }
    m_ignoreNextRelease = true;
    finish();
    return true;
}

bool PolygonTool::keyPress(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        finish();
        return true;
    case Qt::Key_Backspace:
        if (!m_vertices.isEmpty()) {
            m_vertices.removeLast();
            map()->update();
        }
        return true;
    case Qt::Key_Escape:
        if (!m_vertices.isEmpty()) {
            m_vertices.clear();
            map()->update();
            return true;
        }
        return false;
    default:
        return false;
    }
}

void PolygonTool::finish()
{
    if (m_vertices.size() < 3) {
        return; // not a polygon yet; keep drawing
    }
    const Geometry polygon = polygonFromWorld(m_vertices);
    m_vertices.clear();
    map()->update();
    Q_EMIT polygonDrawn(polygon);
}

void PolygonTool::deactivate()
{
    m_vertices.clear();
    m_hasCursor = false;
}

void PolygonTool::paint(QPainter &painter, const MapViewport &viewport)
{
    if (m_vertices.isEmpty()) {
        return;
    }
    QPolygonF outline;
    for (const QPointF &w : m_vertices) {
        outline.append(viewport.worldToScreen(w));
    }
    if (m_hasCursor) {
        outline.append(viewport.worldToScreen(m_cursor));
    }
    const QColor color(0xd3, 0x2f, 0x6b);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 1.5, Qt::DashLine));
    painter.setBrush(QColor(color.red(), color.green(), color.blue(), 35));
    painter.drawPolygon(outline);
    painter.setPen(QPen(Qt::white, 1.5));
    painter.setBrush(color);
    for (const QPointF &w : m_vertices) {
        painter.drawEllipse(viewport.worldToScreen(w), 4, 4);
    }
}

} // namespace StacScope
