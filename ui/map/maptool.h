#pragma once

#include <QObject>

class QKeyEvent;
class QMouseEvent;
class QPainter;
class QWheelEvent;

namespace StacScope {

class MapViewport;
class MapWidget;

// Input on the map goes to the active tool (as QGIS's map tools): panning, selecting, drawing.
// Tools emit finished geometries; they never change models themselves. Handlers return true
// when they used the event.
class MapTool : public QObject
{
    Q_OBJECT
public:
    explicit MapTool(MapWidget *map);

    MapWidget *map() const { return m_map; }

    virtual void activate() {}
    virtual void deactivate() {}
    virtual bool mousePress(QMouseEvent *) { return false; }
    virtual bool mouseMove(QMouseEvent *) { return false; }
    virtual bool mouseRelease(QMouseEvent *) { return false; }
    virtual bool mouseDoubleClick(QMouseEvent *) { return false; }
    virtual bool wheel(QWheelEvent *) { return false; }
    virtual bool keyPress(QKeyEvent *) { return false; }
    // Rubber bands and other feedback, drawn above every layer.
    virtual void paint(QPainter &, const MapViewport &) {}

private:
    MapWidget *m_map;
};

} // namespace StacScope
