#pragma once

#include <QList>
#include <QPointF>

#include "src/geo/geometry.h"
#include "ui/map/maptool.h"

namespace StacScope {

// Edits one geometry (the active AOI): drag a vertex to move it, drag an edge's midpoint to
// insert a vertex there, right-click a vertex (or hover it and press Delete) to remove it.
// Emits the whole edited geometry after each change; it never touches a model itself.
class EditTool : public MapTool
{
    Q_OBJECT
public:
    explicit EditTool(MapWidget *map);

    void setGeometry(const Geometry &geometry);
    Geometry geometry() const;
    int vertexCount() const;

    bool mousePress(QMouseEvent *event) override;
    bool mouseMove(QMouseEvent *event) override;
    bool mouseRelease(QMouseEvent *event) override;
    bool keyPress(QKeyEvent *event) override;
    void deactivate() override;
    void paint(QPainter &painter, const MapViewport &viewport) override;

Q_SIGNALS:
    void geometryEdited(const StacScope::Geometry &geometry);

private:
    struct Handle
    {
        int part = -1;
        int ring = -1;
        int index = -1;
        bool midpoint = false;
        bool isValid() const { return part >= 0; }
    };
    Handle handleAt(const QPointF &screen) const;
    QPointF screenOf(const QPointF &lonLat) const;
    bool removeVertex(const Handle &handle);
    void emitEdited();

    bool m_isPoint = false;
    // parts -> rings -> open rings of lon/lat (no repeated closing vertex)
    QList<QList<QList<QPointF>>> m_parts;
    Handle m_dragging;
    Handle m_hover;
};

} // namespace StacScope
