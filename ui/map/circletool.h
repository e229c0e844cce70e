#pragma once

#include <QPointF>

#include "src/geo/geometry.h"
#include "ui/map/maptool.h"

namespace StacScope {

// Press at the centre and drag out the radius; the circle is geodesic (true distance on the
// ground), shown with its radius while dragging.
class CircleTool : public MapTool
{
    Q_OBJECT
public:
    explicit CircleTool(MapWidget *map);

    bool mousePress(QMouseEvent *event) override;
    bool mouseMove(QMouseEvent *event) override;
    bool mouseRelease(QMouseEvent *event) override;
    bool keyPress(QKeyEvent *event) override;
    void deactivate() override;
    void paint(QPainter &painter, const MapViewport &viewport) override;

Q_SIGNALS:
    void circleDrawn(const StacScope::Geometry &circle, double radiusKm);

private:
    double radiusKm() const;

    QPointF m_centre; // lon/lat
    QPointF m_edge; // lon/lat
    bool m_drawing = false;
};

} // namespace StacScope
