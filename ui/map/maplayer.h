#pragma once

#include <QObject>

#include "src/geo/mapviewport.h"

class QPainter;

namespace StacScope {

// One layer of the map (basemap, footprints, quicklooks, AOIs, targets, a tool's rubber band).
// Layers paint in logical pixels on any QPaintDevice, so tests render them to a QImage.
// A layer draws every world copy the viewport needs (viewport.firstWorldCopy() ..
// lastWorldCopy()) so panning past 180 degrees is continuous.
class MapLayer : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void paint(QPainter &painter, const MapViewport &viewport) = 0;

    // A click at `screen` is meant for this layer (it hit one of its features): the pan tool then
    // reports it as MapWidget::layerClicked() instead of clicked(), so layers below don't see it.
    virtual bool isClickableAt(const QPointF &screen, const MapViewport &viewport) const
    {
        Q_UNUSED(screen);
        Q_UNUSED(viewport);
        return false;
    }

    // Layers paint in increasing z order.
    int zOrder() const { return m_zOrder; }
    void setZOrder(int z) { m_zOrder = z; }
    bool isVisible() const { return m_visible; }
    void setVisible(bool visible)
    {
        if (m_visible != visible) {
            m_visible = visible;
            Q_EMIT changed();
        }
    }

Q_SIGNALS:
    // The layer needs a repaint.
    void changed();

private:
    int m_zOrder = 0;
    bool m_visible = true;
};

} // namespace StacScope
