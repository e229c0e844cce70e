#pragma once

#include <vector>

#include <QColor>
#include <QHash>
#include <QImage>
#include <QPainterPath>
#include <QRectF>
#include <QSet>
#include <QTimer>

#include "ui/map/maplayer.h"

namespace StacScope {

class ItemStore;

// Footprints of the items in a store, in world coordinates (normalised Web Mercator) computed
// once per item. Paints only what the spatial index says is visible, once per world copy,
// batched by collection style; features under 2 px become points. The footprints are kept in a
// cached image of the view: a pan shifts it and draws only the strips that came into view, a
// zoom, resize or data change redraws it. Selected and hovered footprints are drawn on top of
// it every frame. While zooming the cache is drawn scaled, and redrawn once the zoom settles.
class FootprintLayer : public MapLayer
{
    Q_OBJECT
public:
    explicit FootprintLayer(const ItemStore *store, QObject *parent = nullptr);

    void paint(QPainter &painter, const MapViewport &viewport) override;

    // The store grew / was cleared.
    void syncAppended();
    void syncReset();

    // Footprints held (one per store row).
    int count() const { return int(m_paths.size()); }

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
    // Brings the cache up to date for `viewport` on a device with pixel ratio `dpr`.
    void updateCache(const MapViewport &viewport, double dpr);
    // Draws the footprints (not the selected ones) that touch `areas` (logical pixels), clipped to them.
    void drawFootprints(QPainter &painter, const MapViewport &viewport, const QList<QRectF> &areas);
    void drawSelection(QPainter &painter, const MapViewport &viewport) const;
    void invalidateCache() { m_cacheValid = false; }
    // While the zoom changes, draws the cache scaled instead of redrawing; false when it cannot.
    bool drawZoomPreview(QPainter &painter, const MapViewport &viewport, double dpr);

    const ItemStore *m_store;
    std::vector<QPainterPath> m_paths;
    std::vector<QRectF> m_bounds;
    std::vector<int> m_style;
    QHash<QString, int> m_styleByCollection;
    QStringList m_collectionOrder;
    QSet<int> m_selected;
    int m_hovered = -1;

    QImage m_cache; // device pixels, transparent where there is no footprint
    QImage m_spare; // the next cache while shifting, kept to avoid an allocation per frame
    MapViewport m_cacheViewport;
    QPointF m_cacheOrigin; // where world (0, 0) is in the cached image, logical pixels
    bool m_cacheValid = false;
    bool m_previewAllowed = true; // false once the zoom settled, until the next full redraw
    QTimer m_settleTimer; // a zoom gesture ended: time to redraw sharply
    std::vector<std::uint32_t> m_rows; // scratch, reused per frame
    std::vector<std::uint32_t> m_styleStart;
    std::vector<std::uint64_t> m_pointBits; // pixels that already have a point, per style
    std::vector<QRect> m_points;
};

} // namespace StacScope
