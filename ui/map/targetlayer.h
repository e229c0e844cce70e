#pragma once

#include <QColor>
#include <QPainterPath>
#include <QVector>

#include "ui/map/maplayer.h"

namespace StacScope {

class TargetListModel;

// The tasking targets of a TargetListModel, in teal so they never read as AOIs (magenta) or
// footprints (in their request's status colour once sent): points as a crosshair symbol, polygons
// dashed, each with its name and status; the selected target drawn last, thicker and with a halo.
class TargetLayer : public MapLayer
{
    Q_OBJECT
public:
    static inline const QColor kColor { 0x00, 0x89, 0x7b };
    static inline const QColor kSelectedColor { 0x00, 0xb8, 0xd4 };

    explicit TargetLayer(const TargetListModel *model, QObject *parent = nullptr);

    // A target's colour by the status of its request: teal while a draft, blue on its way,
    // orange when it waits for the user (review, unknown), green when delivered, red when it ended
    // without images. The label says the status in words too.
    static QColor statusColor(const QString &status);

    void paint(QPainter &painter, const MapViewport &viewport) override;

    // Id of the target under a screen point (the selected one first, then the topmost), or empty.
    QString hitTest(const QPointF &screen, const MapViewport &viewport) const;
    bool isClickableAt(const QPointF &screen, const MapViewport &viewport) const override
    {
        return !hitTest(screen, viewport).isEmpty();
    }

private:
    void rebuild();

    const TargetListModel *m_model;
    QVector<QPainterPath> m_paths; // world coordinates, one per target
};

} // namespace StacScope
