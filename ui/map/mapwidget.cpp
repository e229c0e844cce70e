#include "ui/map/mapwidget.h"

#include <algorithm>
#include <cmath>

#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QMetaMethod>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include "src/geo/aoifile.h"
#include "ui/map/maplayer.h"
#include "ui/map/pantool.h"

namespace StacScope {

MapWidget::MapWidget(QWidget *parent)
    : QWidget(parent)
    , m_panTool(new PanTool(this))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    setAcceptDrops(true);
    m_viewport.setSize(size());
    m_tool = m_panTool;
}

MapWidget::~MapWidget() = default;

void MapWidget::setViewport(const MapViewport &viewport)
{
    m_viewport = viewport;
    m_viewport.setSize(size());
    viewportUpdated();
}

void MapWidget::setCenterLonLat(double lon, double lat)
{
    m_viewport.setCenterLonLat(lon, lat);
    viewportUpdated();
}

void MapWidget::setZoom(double zoom)
{
    m_viewport.setZoom(zoom);
    viewportUpdated();
}

void MapWidget::zoomAround(const QPointF &anchor, double delta)
{
    m_viewport.zoomAround(anchor, delta);
    viewportUpdated();
}

void MapWidget::panByPixels(const QPointF &delta)
{
    m_viewport.panByPixels(delta);
    viewportUpdated();
}

void MapWidget::zoomToBox(const GeoBox &box)
{
    m_viewport.fitBox(box);
    viewportUpdated();
}

void MapWidget::zoomToWorld()
{
    m_viewport.fitBox(GeoBox { -180, -75, 180, 80 }, 0);
    viewportUpdated();
}

void MapWidget::viewportUpdated()
{
    update();
    Q_EMIT viewportChanged();
}

void MapWidget::addLayer(MapLayer *layer)
{
    if (m_layers.contains(layer)) {
        return;
    }
    m_layers.append(layer);
    std::stable_sort(
        m_layers.begin(), m_layers.end(), [](MapLayer *a, MapLayer *b) { return a->zOrder() < b->zOrder(); });
    connect(layer, &MapLayer::changed, this, qOverload<>(&QWidget::update));
    connect(layer, &QObject::destroyed, this, [this, layer] { m_layers.removeAll(layer); });
    update();
}

void MapWidget::removeLayer(MapLayer *layer)
{
    if (m_layers.removeAll(layer) > 0) {
        layer->disconnect(this);
        update();
    }
}

MapLayer *MapWidget::clickableLayerAt(const QPointF &position) const
{
    // m_layers is in increasing z order: the topmost layer gets the first say.
    for (auto it = m_layers.crbegin(); it != m_layers.crend(); ++it) {
        if ((*it)->isVisible() && (*it)->isClickableAt(position, m_viewport)) {
            return *it;
        }
    }
    return nullptr;
}

void MapWidget::setTool(MapTool *tool)
{
    MapTool *next = tool ? tool : m_panTool;
    if (next == m_tool) {
        return;
    }
    if (m_tool) {
        m_tool->deactivate();
    }
    m_tool = next;
    m_tool->activate();
    update();
}

void MapWidget::render(QPainter &painter, const MapViewport &viewport) const
{
    painter.fillRect(QRectF(QPointF(0, 0), viewport.size()), QColor(0xd6, 0xe4, 0xec));
    for (MapLayer *layer : m_layers) {
        if (layer->isVisible()) {
            painter.save();
            layer->paint(painter, viewport);
            painter.restore();
        }
    }
}

void MapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    m_viewport.setDevicePixelRatio(devicePixelRatioF());
    render(painter, m_viewport);
    if (m_tool) {
        painter.save();
        m_tool->paint(painter, m_viewport);
        painter.restore();
    }
    paintScaleBar(painter);
}

QPair<double, QString> MapWidget::scaleBar(const MapViewport &viewport, double maxPixels)
{
    const double metresPerPixel = viewport.metresPerPixel();
    if (!(metresPerPixel > 0)) {
        return { 0, QString() };
    }
    // The longest 1, 2 or 5 x 10^n metres that fits.
    const double maxMetres = metresPerPixel * maxPixels;
    double step = std::pow(10.0, std::floor(std::log10(maxMetres)));
    for (double factor : { 5.0, 2.0, 1.0 }) {
        if (step * factor <= maxMetres) {
            step *= factor;
            break;
        }
    }
    const QString label = step >= 1000 ? tr("%1 km").arg(step / 1000.0) : tr("%1 m").arg(step);
    return { step / metresPerPixel, label };
}

void MapWidget::paintScaleBar(QPainter &painter) const
{
    const auto [pixels, label] = scaleBar(m_viewport, 120);
    if (pixels <= 0) {
        return;
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    const QPointF origin(12, height() - 14);
    const QRectF back(origin.x() - 6, origin.y() - 22, pixels + 12, 30);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 190));
    painter.drawRoundedRect(back, 3, 3);
    painter.setPen(QPen(QColor(0x20, 0x20, 0x20), 2));
    painter.drawLine(origin, origin + QPointF(pixels, 0));
    painter.drawLine(origin, origin - QPointF(0, 6));
    painter.drawLine(origin + QPointF(pixels, 0), origin + QPointF(pixels, -6));
    painter.setPen(QColor(0x20, 0x20, 0x20));
    painter.drawText(QRectF(origin.x(), origin.y() - 22, pixels, 16), Qt::AlignCenter, label);
    painter.restore();
}

void MapWidget::resizeEvent(QResizeEvent *)
{
    m_viewport.setSize(size());
    Q_EMIT viewportChanged();
}

void MapWidget::mousePressEvent(QMouseEvent *event)
{
    if (!(m_tool && m_tool->mousePress(event)) && m_tool != m_panTool) {
        m_panTool->mousePress(event);
    }
}

void MapWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF lonLat = m_viewport.screenToLonLat(event->position());
    Q_EMIT cursorMoved(lonLat.x(), lonLat.y());
    if (!(m_tool && m_tool->mouseMove(event)) && m_tool != m_panTool) {
        m_panTool->mouseMove(event);
    }
}

void MapWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (!(m_tool && m_tool->mouseRelease(event)) && m_tool != m_panTool) {
        m_panTool->mouseRelease(event);
    }
}

void MapWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (!(m_tool && m_tool->mouseDoubleClick(event)) && m_tool != m_panTool) {
        m_panTool->mouseDoubleClick(event);
    }
}

void MapWidget::wheelEvent(QWheelEvent *event)
{
    // Every tool zooms with the wheel unless it wants the wheel for itself.
    if (!(m_tool && m_tool->wheel(event)) && m_tool != m_panTool) {
        m_panTool->wheel(event);
    }
}

void MapWidget::contextMenuEvent(QContextMenuEvent *event)
{
    if (isSignalConnected(QMetaMethod::fromSignal(&MapWidget::contextMenuRequested))) {
        Q_EMIT contextMenuRequested(event->pos(), event->globalPos());
        event->accept();
        return;
    }
    QWidget::contextMenuEvent(event);
}

void MapWidget::keyPressEvent(QKeyEvent *event)
{
    if (m_tool && m_tool->keyPress(event)) {
        return;
    }
    if (m_tool != m_panTool && m_panTool->keyPress(event)) {
        return;
    }
    QWidget::keyPressEvent(event);
}

void MapWidget::leaveEvent(QEvent *event)
{
    Q_EMIT cursorLeft();
    QWidget::leaveEvent(event);
}

namespace {

QStringList droppableFiles(const QMimeData *mime)
{
    QStringList paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && AoiFile::isSupportedPath(url.toLocalFile())) {
            paths.append(url.toLocalFile());
        }
    }
    return paths;
}

} // namespace

void MapWidget::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppableFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
    }
}

void MapWidget::dropEvent(QDropEvent *event)
{
    const QStringList paths = droppableFiles(event->mimeData());
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        Q_EMIT filesDropped(paths);
    }
}

} // namespace StacScope
