#pragma once

#include <QPainterPath>
#include <QVector>

#include "ui/map/maplayer.h"

namespace StacScope {

class AoiListModel;

// The areas of interest of an AoiListModel: visible ones outlined, the active one stronger,
// points as pins, each with its name.
class AoiLayer : public MapLayer
{
    Q_OBJECT
public:
    explicit AoiLayer(const AoiListModel *model, QObject *parent = nullptr);

    void paint(QPainter &painter, const MapViewport &viewport) override;

private:
    void rebuild();

    const AoiListModel *m_model;
    QVector<QPainterPath> m_paths; // world coordinates, one per AOI
};

} // namespace StacScope
