#include "ui/map/edittool.h"

#include <cmath>

#include <QJsonArray>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include "ui/map/mapwidget.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {
constexpr double kGrab = 8.0; // pixels within which a handle is picked
}

EditTool::EditTool(MapWidget *map)
    : MapTool(map)
{}

void EditTool::setGeometry(const Geometry &geometry)
{
    m_parts.clear();
    m_dragging = {};
    m_hover = {};
    m_isPoint = geometry.type() == GeometryType::Point;
    if (m_isPoint && geometry.pointCount() == 1) {
        const auto xy = geometry.coordinates();
        m_parts = { { { QPointF(xy[0], xy[1]) } } };
    } else if (geometry.isAreal()) {
        std::uint32_t ringBegin = 0;
        for (std::uint32_t end : geometry.partEnds()) {
            QList<QList<QPointF>> part;
            for (std::uint32_t r = ringBegin; r < end; ++r) {
                const auto xy = geometry.ring(int(r));
                QList<QPointF> ring;
                for (size_t i = 0; i + 1 < xy.size(); i += 2) {
                    ring.append(QPointF(xy[i], xy[i + 1]));
                }
                if (ring.size() > 1 && ring.first() == ring.last()) {
                    ring.removeLast();
                }
                part.append(ring);
            }
            m_parts.append(part);
            ringBegin = end;
        }
    }
    map()->update();
}

Geometry EditTool::geometry() const
{
    if (m_parts.isEmpty()) {
        return {};
    }
    if (m_isPoint) {
        const QPointF p = m_parts[0][0][0];
        return Geometry::point(p.x(), p.y());
    }
    QJsonArray polygons;
    for (const auto &part : m_parts) {
        QJsonArray rings;
        for (const auto &ring : part) {
            QJsonArray coordinates;
            for (const QPointF &p : ring) {
                coordinates.append(QJsonArray { p.x(), p.y() });
            }
            if (!ring.isEmpty()) {
                coordinates.append(QJsonArray { ring.first().x(), ring.first().y() });
            }
            rings.append(coordinates);
        }
        polygons.append(rings);
    }
    const QJsonObject object = polygons.size() == 1
        ? QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, polygons.first() } }
        : QJsonObject { { u"type"_s, u"MultiPolygon"_s }, { u"coordinates"_s, polygons } };
    return Geometry::fromGeoJson(object).value_or(Geometry());
}

int EditTool::vertexCount() const
{
    int n = 0;
    for (const auto &part : m_parts) {
        for (const auto &ring : part) {
            n += int(ring.size());
        }
    }
    return n;
}

QPointF EditTool::screenOf(const QPointF &lonLat) const
{
    return map()->viewport().lonLatToScreen(lonLat.x(), lonLat.y());
}

EditTool::Handle EditTool::handleAt(const QPointF &screen) const
{
    Handle best;
    double bestDistance = kGrab;
    for (int p = 0; p < m_parts.size(); ++p) {
        for (int r = 0; r < m_parts[p].size(); ++r) {
            const QList<QPointF> &ring = m_parts[p][r];
            for (int i = 0; i < ring.size(); ++i) {
                const QPointF a = screenOf(ring[i]);
                const double d = std::hypot(a.x() - screen.x(), a.y() - screen.y());
                if (d <= bestDistance) {
                    best = { p, r, i, false };
                    bestDistance = d;
                }
                if (m_isPoint || ring.size() < 2) {
                    continue;
                }
                const QPointF b = screenOf(ring[(i + 1) % ring.size()]);
                const QPointF mid = (a + b) / 2.0;
                // Vertices win over midpoints at equal distance.
                const double dm = std::hypot(mid.x() - screen.x(), mid.y() - screen.y());
                if (dm < bestDistance) {
                    best = { p, r, i, true };
                    bestDistance = dm;
                }
            }
        }
    }
    return best;
}

bool EditTool::mousePress(QMouseEvent *event)
{
    const Handle h = handleAt(event->position());
    if (!h.isValid()) {
        return false; // not on a handle: the map pans as usual
    }
    if (event->button() == Qt::RightButton) {
        if (!h.midpoint && removeVertex(h)) {
            emitEdited();
        }
        return true;
    }
    if (event->button() != Qt::LeftButton) {
        return false;
    }
    if (h.midpoint) {
        QList<QPointF> &ring = m_parts[h.part][h.ring];
        const QPointF a = ring[h.index];
        const QPointF b = ring[(h.index + 1) % ring.size()];
        ring.insert(h.index + 1, map()->viewport().screenToLonLat((screenOf(a) + screenOf(b)) / 2.0));
        m_dragging = { h.part, h.ring, h.index + 1, false };
    } else {
        m_dragging = h;
    }
    map()->update();
    return true;
}

bool EditTool::mouseMove(QMouseEvent *event)
{
    if (m_dragging.isValid()) {
        m_parts[m_dragging.part][m_dragging.ring][m_dragging.index]
            = map()->viewport().screenToLonLat(event->position());
        map()->update();
        return true;
    }
    const Handle h = handleAt(event->position());
    if (h.part != m_hover.part || h.ring != m_hover.ring || h.index != m_hover.index
        || h.midpoint != m_hover.midpoint) {
        m_hover = h;
        map()->setCursor(h.isValid() ? Qt::PointingHandCursor : Qt::ArrowCursor);
        map()->update();
    }
    return false;
}

bool EditTool::mouseRelease(QMouseEvent *event)
{
    if (!m_dragging.isValid() || event->button() != Qt::LeftButton) {
        return false;
    }
    m_parts[m_dragging.part][m_dragging.ring][m_dragging.index] = map()->viewport().screenToLonLat(event->position());
    m_dragging = {};
    emitEdited();
    return true;
}

bool EditTool::keyPress(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && m_hover.isValid()
        && !m_hover.midpoint) {
        if (removeVertex(m_hover)) {
            m_hover = {};
            emitEdited();
        }
        return true;
    }
    return false;
}

bool EditTool::removeVertex(const Handle &h)
{
    if (m_isPoint) {
        return false;
    }
    QList<QPointF> &ring = m_parts[h.part][h.ring];
    if (ring.size() <= 3) {
        return false; // a ring needs three corners
    }
    ring.removeAt(h.index);
    return true;
}

void EditTool::emitEdited()
{
    map()->update();
    Q_EMIT geometryEdited(geometry());
}

void EditTool::deactivate()
{
    m_dragging = {};
    m_hover = {};
    map()->unsetCursor();
}

void EditTool::paint(QPainter &painter, const MapViewport &)
{
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color(0xd3, 0x2f, 0x6b);
    for (const auto &part : m_parts) {
        for (const auto &ring : part) {
            if (ring.size() > 1) {
                QPolygonF outline;
                for (const QPointF &p : ring) {
                    outline.append(screenOf(p));
                }
                painter.setPen(QPen(color, 1.5, Qt::DashLine));
                painter.setBrush(Qt::NoBrush);
                painter.drawPolygon(outline);
                painter.setPen(QPen(color, 1));
                painter.setBrush(QColor(255, 255, 255, 220));
                for (int i = 0; i < outline.size(); ++i) {
                    painter.drawEllipse((outline[i] + outline[(i + 1) % outline.size()]) / 2.0, 3, 3);
                }
            }
            painter.setPen(QPen(color.darker(120), 1.5));
            painter.setBrush(Qt::white);
            for (const QPointF &p : ring) {
                const QPointF s = screenOf(p);
                painter.drawRect(QRectF(s.x() - 4, s.y() - 4, 8, 8));
            }
        }
    }
    if (m_hover.isValid()) {
        const QList<QPointF> &ring = m_parts[m_hover.part][m_hover.ring];
        const QPointF a = screenOf(ring[m_hover.index]);
        const QPointF at = m_hover.midpoint ? (a + screenOf(ring[(m_hover.index + 1) % ring.size()])) / 2.0 : a;
        painter.setPen(QPen(color, 2));
        painter.setBrush(color);
        painter.drawEllipse(at, 5, 5);
    }
}

} // namespace StacScope
