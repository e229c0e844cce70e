#pragma once

#include <QPointF>

#include "src/geo/geobox.h"
#include "ui/map/maptool.h"

namespace StacScope {

// Drag a rectangle with the left button; emits the lon/lat box (crossing the antimeridian when
// drawn across it). Esc cancels a rectangle in progress.
class RectangleTool : public MapTool
{
    Q_OBJECT
public:
    explicit RectangleTool(MapWidget *map);

    bool mousePress(QMouseEvent *event) override;
    bool mouseMove(QMouseEvent *event) override;
    bool mouseRelease(QMouseEvent *event) override;
    bool keyPress(QKeyEvent *event) override;
    void deactivate() override;
    void paint(QPainter &painter, const MapViewport &viewport) override;

    // The box between two screen points of `viewport` (pure; used by the tool and its tests).
    static GeoBox boxBetween(const MapViewport &viewport, const QPointF &a, const QPointF &b);

Q_SIGNALS:
    void boxDrawn(const StacScope::GeoBox &box);

private:
    QPointF m_start; // world coordinates, so the band stays put while the map moves
    QPointF m_end;
    bool m_drawing = false;
};

} // namespace StacScope
