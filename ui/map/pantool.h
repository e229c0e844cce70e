#pragma once

#include <QPointF>

#include "ui/map/maptool.h"

namespace StacScope {

// The default tool: drag to pan, wheel to zoom around the cursor, double-click to zoom in,
// +/- and arrow keys; a click without a drag is reported as MapWidget::clicked().
class PanTool : public MapTool
{
    Q_OBJECT
public:
    explicit PanTool(MapWidget *map);

    bool mousePress(QMouseEvent *event) override;
    bool mouseMove(QMouseEvent *event) override;
    bool mouseRelease(QMouseEvent *event) override;
    bool mouseDoubleClick(QMouseEvent *event) override;
    bool wheel(QWheelEvent *event) override;
    bool keyPress(QKeyEvent *event) override;

    bool isDragging() const { return m_dragging; }

private:
    QPointF m_pressPos;
    QPointF m_lastPos;
    bool m_pressed = false;
    bool m_dragging = false;
};

} // namespace StacScope
