#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>

#include "src/geo/mapviewport.h"
#include "ui/map/maptool.h"

namespace StacScope {

class MapLayer;
class PanTool;

// The map: a plain QWidget painted with QPainter, as Marble does. It owns the viewport, paints
// its layers in z order and hands input to the active tool; the pan tool (drag, wheel, keys,
// double-click) is active when no other tool is.
class MapWidget : public QWidget
{
    Q_OBJECT
public:
    explicit MapWidget(QWidget *parent = nullptr);
    ~MapWidget() override;

    const MapViewport &viewport() const { return m_viewport; }
    void setViewport(const MapViewport &viewport);
    void setCenterLonLat(double lon, double lat);
    void setZoom(double zoom);
    // Zooms by `delta` levels keeping the point under `anchor` (widget pixels) in place.
    void zoomAround(const QPointF &anchor, double delta);
    void panByPixels(const QPointF &delta);
    void zoomToBox(const GeoBox &box);
    void zoomToWorld();

    // The map does not own layers; give them a parent that outlives it or the map itself.
    void addLayer(MapLayer *layer);
    void removeLayer(MapLayer *layer);
    const QList<MapLayer *> &layers() const { return m_layers; }
    // The topmost visible layer that claims a click at `position` (widget pixels), or nullptr.
    MapLayer *clickableLayerAt(const QPointF &position) const;

    // `nullptr` returns to the pan tool.
    void setTool(MapTool *tool);
    MapTool *tool() const { return m_tool; }
    PanTool *panTool() const { return m_panTool; }

    // Renders the layers (not the tool) into any paint device of the viewport's size.
    void render(QPainter &painter, const MapViewport &viewport) const;

    QSize sizeHint() const override { return { 800, 600 }; }

    // The scale bar for a viewport: its length in pixels (at most `maxPixels`) for a round
    // distance (1, 2 or 5 x 10^n metres) at the centre latitude, and its label.
    static QPair<double, QString> scaleBar(const MapViewport &viewport, double maxPixels);

Q_SIGNALS:
    void viewportChanged();
    void cursorMoved(double lon, double lat);
    void cursorLeft();
    // A click (no drag) with the pan tool, on no layer that claims it.
    void clicked(const QPointF &position, Qt::KeyboardModifiers modifiers);
    // A click (no drag) with the pan tool on a feature of `layer` (see MapLayer::isClickableAt()).
    void layerClicked(StacScope::MapLayer *layer, const QPointF &position, Qt::KeyboardModifiers modifiers);
    void hovered(const QPointF &position);
    // Vector files (AOIs) dropped on the map.
    void filesDropped(const QStringList &paths);
    // A right click (or the menu key) at a widget position: the window offers what can be done there.
    void contextMenuRequested(const QPointF &position, const QPoint &globalPosition);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void viewportUpdated();
    void paintScaleBar(QPainter &painter) const;

    MapViewport m_viewport;
    QList<MapLayer *> m_layers;
    PanTool *m_panTool;
    QPointer<MapTool> m_tool;
};

} // namespace StacScope
