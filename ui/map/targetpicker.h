#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QPointF;

namespace StacScope {

class MapLayer;
class MapWidget;
class TargetLayer;
class TargetListModel;

// Makes tasking targets on the map clickable: a click with the pan tool on a target selects it in
// the model (the layer then draws it selected), and hovering one shows its name as a tooltip.
class TargetPicker : public QObject
{
    Q_OBJECT
public:
    TargetPicker(MapWidget *map, const TargetLayer *layer, TargetListModel *model, QObject *parent = nullptr);

private:
    void onLayerClicked(StacScope::MapLayer *layer, const QPointF &position);
    void onHovered(const QPointF &position);

    QPointer<MapWidget> m_map;
    QPointer<const TargetLayer> m_layer;
    QPointer<TargetListModel> m_model;
    QString m_tip; // the tooltip text this picker showed last
};

} // namespace StacScope
