#pragma once

#include <vector>

#include <QColor>
#include <QHash>
#include <QPainterPath>
#include <QRectF>
#include <QSet>

#include "ui/map/maplayer.h"

namespace StacScope {

class ItemStore;

// Footprints of the items in a store, in world coordinates (normalised Web Mercator) computed
// once per item. Paints only what the spatial index says is visible, once per world copy,
// batched by collection style; features under 2 px become points. Selected and hovered
// footprints are drawn last, on top.
class FootprintLayer : public MapLayer
{
    Q_OBJECT
public:
    explicit FootprintLayer(const ItemStore *store, QObject *parent = nullptr);

    void paint(QPainter &painter, const MapViewport &viewport) override;

    // The store grew / was cleared.
    void syncAppended();
    void syncReset();

    // Topmost footprint under a screen point (the smallest when several overlap), or -1.
    int hitTest(const QPointF &screen, const MapViewport &viewport) const;

    const QSet<int> &selectedRows() const { return m_selected; }
    void setSelectedRows(const QSet<int> &rows);
    int hoveredRow() const { return m_hovered; }
    void setHoveredRow(int row);

    QColor colorFor(const QString &collection) const;
    // Collections in the order their colours were assigned (for a legend).
    const QStringList &collections() const { return m_collectionOrder; }

    // World bounds of a row's footprint (x may exceed [0, 1) across the antimeridian).
    QRectF worldBounds(int row) const { return m_bounds[size_t(row)]; }

private:
    void build(int row);
    void drawRow(QPainter &painter, int row, double scale) const;

    const ItemStore *m_store;
    std::vector<QPainterPath> m_paths;
    std::vector<QRectF> m_bounds;
    std::vector<int> m_style;
    QHash<QString, int> m_styleByCollection;
    QStringList m_collectionOrder;
    QSet<int> m_selected;
    int m_hovered = -1;
};

} // namespace StacScope
