#pragma once

#include <QPointF>
#include <QVector>

#include "src/geo/geometry.h"
#include "ui/map/maptool.h"

namespace StacScope {

// Click to add vertices; double-click or Enter closes the polygon; Backspace removes the last
// vertex; Esc cancels. Vertices are kept in world coordinates so the outline stays put while the
// map pans (right or middle drag) or zooms.
class PolygonTool : public MapTool
{
    Q_OBJECT
public:
    explicit PolygonTool(MapWidget *map);

    bool mousePress(QMouseEvent *event) override;
    bool mouseMove(QMouseEvent *event) override;
    bool mouseRelease(QMouseEvent *event) override;
    bool mouseDoubleClick(QMouseEvent *event) override;
    bool keyPress(QKeyEvent *event) override;
    void deactivate() override;
    void paint(QPainter &painter, const MapViewport &viewport) override;

    int vertexCount() const { return int(m_vertices.size()); }

    // Lon/lat polygon from world-coordinate vertices (closed; longitudes kept continuous).
    static Geometry polygonFromWorld(const QVector<QPointF> &world);

Q_SIGNALS:
    void polygonDrawn(const StacScope::Geometry &polygon);

private:
    void finish();

    QVector<QPointF> m_vertices;
    QPointF m_cursor;
    bool m_hasCursor = false;
    bool m_ignoreNextRelease = false; // the release that ends a double-click
};

} // namespace StacScope
