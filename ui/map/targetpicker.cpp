#include "ui/map/targetpicker.h"

#include <QToolTip>

#include "src/models/targetlistmodel.h"
#include "ui/map/mapwidget.h"
#include "ui/map/targetlayer.h"

namespace StacScope {

TargetPicker::TargetPicker(MapWidget *map, const TargetLayer *layer, TargetListModel *model, QObject *parent)
    : QObject(parent)
    , m_map(map)
    , m_layer(layer)
    , m_model(model)
{
    connect(map, &MapWidget::layerClicked, this,
        [this](MapLayer *clicked, const QPointF &position) { onLayerClicked(clicked, position); });
    // Queued: other hover handlers (the footprints' tooltip) run first and may hide the tooltip
    // on the same move; a target on top should win.
    connect(map, &MapWidget::hovered, this, &TargetPicker::onHovered, Qt::QueuedConnection);
}

void TargetPicker::onLayerClicked(MapLayer *layer, const QPointF &position)
{
    if (!m_map || !m_model || !m_layer || layer != m_layer) {
        return;
    }
    const QString id = m_layer->hitTest(position, m_map->viewport());
    if (!id.isEmpty()) {
        m_model->select(id);
    }
}

void TargetPicker::onHovered(const QPointF &position)
{
    if (!m_map || !m_model || !m_layer) {
        return;
    }
    const QString id = m_layer->isVisible() ? m_layer->hitTest(position, m_map->viewport()) : QString();
    const Target *target = id.isEmpty() ? nullptr : m_model->find(id);
    if (!target) {
        // Only hide our own tooltip, not one another handler just showed.
        if (!m_tip.isEmpty() && QToolTip::isVisible() && QToolTip::text() == m_tip) {
            QToolTip::hideText();
        }
        m_tip.clear();
        return;
    }
    m_tip = target->name.isEmpty() ? tr("Unnamed target") : target->name;
    QToolTip::showText(m_map->mapToGlobal(position.toPoint()), m_tip, m_map);
}

} // namespace StacScope
