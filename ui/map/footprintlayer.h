#pragma once

#include <memory>
#include <optional>

#include <QColor>
#include <QFutureWatcher>
#include <QHash>
#include <QPainterPath>
#include <QRectF>
#include <QSet>
#include <QStringList>

#include "ui/map/footprintrenderer.h"
#include "ui/map/maplayer.h"

namespace StacScope {

class ItemStore;

// Footprints of the items in a store, in world coordinates (normalised Web Mercator) computed
// once per item. The full redraw runs on a worker (FootprintRenderer over an immutable snapshot,
// a little larger than the view); until it arrives the previous image is drawn shifted and
// scaled to the new view, so pans and zooms cost the GUI thread one image blit. A generation
// number drops renders of data that has since been reset. Selected and hovered footprints are
// drawn on top every frame, directly, so hovering never re-renders the other footprints.
class FootprintLayer : public MapLayer
{
    Q_OBJECT
public:
    explicit FootprintLayer(const ItemStore *store, QObject *parent = nullptr);
    // Cancels a render in flight without waiting: the worker owns what it reads.
    ~FootprintLayer() override;

    void paint(QPainter &painter, const MapViewport &viewport) override;

    // Renders on the calling thread in paint() instead of on a worker: for tests and for painting
    // a finished image. Painters that are not raster or are transformed are always drawn to
    // directly.
    void setSynchronous(bool synchronous) { m_synchronous = synchronous; }
    bool isSynchronous() const { return m_synchronous; }
    // A worker render is running (or canceled and not yet returned).
    bool isRendering() const { return m_rendering; }
    // Worker renders dropped because the data was reset while they ran.
    int discardedRenders() const { return m_discarded; }
    // How long the last accepted worker render took on its thread.
    double lastRenderMilliseconds() const { return m_lastRenderMs; }

    // The store grew / was cleared.
    void syncAppended();
    void syncReset();

    // Footprints held (one per store row).
    int count() const { return int(m_data->paths.size()); }

    // Topmost footprint under a screen point (the smallest when several overlap), or -1.
    int hitTest(const QPointF &screen, const MapViewport &viewport) const;

    // Rows not drawn nor hit (1 for each; shorter than the store: the rest are shown): what the
    // results table's quick filter hides.
    void setHiddenRows(std::vector<std::uint8_t> hidden);
    bool isHidden(int row) const { return row >= 0 && m_data->isHidden(size_t(row)); }

    const QSet<int> &selectedRows() const { return m_selected; }
    void setSelectedRows(const QSet<int> &rows);
    int hoveredRow() const { return m_hovered; }
    void setHoveredRow(int row);
    // Footprints outlined on top of the others (a saved search's new results), under the
    // selection. Cleared by syncReset().
    static inline const QColor kOutlineColor { 0xe0, 0x1e, 0x8c };
    const QSet<int> &outlinedRows() const { return m_outlined; }
    void setOutlinedRows(const QSet<int> &rows);

    QColor colorFor(const QString &collection) const;
    // Collections in the order they were first seen. Colours stay with a collection across
    // searches, so this keeps every collection ever seen.
    const QStringList &collections() const { return m_collectionOrder; }
    // The collections of the footprints loaded now, by name, "" (items without one) last: what
    // the legend lists.
    QStringList presentCollections() const;
    // A collection's palette slot: from a hash of its id (FNV-1a, the same in every launch and
    // every Qt version), the next free slot when another collection already has that one; past
    // the palette (colours repeat) once every slot is taken.
    int stableStyle(const QString &collection) const;

    // World bounds of a row's footprint (x may exceed [0, 1) across the antimeridian).
    QRectF worldBounds(int row) const { return m_data->bounds[size_t(row)]; }

private:
    using Data = FootprintRenderer::Data;
    using Result = FootprintRenderer::Result;

    void build(Data &data, int row);
    // The snapshot, copied first when a render still holds it.
    Data &mutableData();
    // Copies the store's spatial index into the snapshot when rows were added since.
    void ensureIndex();
    // What a render for `viewport` covers: the view and a margin, so short pans need no render.
    MapViewport renderViewport(const MapViewport &viewport) const;
    // The last image mapped onto `viewport`: false when there is none or it cannot be shown.
    bool cacheTransform(const MapViewport &viewport, QTransform *transform, bool *exact) const;
    void requestRender(const MapViewport &viewport);
    void startRender(const MapViewport &target);
    void renderFinished();
    void refreshHighlights();
    void drawHighlights(QPainter &painter, const MapViewport &viewport) const;

    const ItemStore *m_store;
    std::shared_ptr<Data> m_data;
    QHash<QString, int> m_styleByCollection;
    QStringList m_collectionOrder;
    QHash<int, QString> m_collectionOfStyle;
    std::vector<bool> m_presentStyles; // by style index: does a loaded footprint use it?
    QSet<int> m_selected;
    QSet<int> m_outlined;
    int m_hovered = -1;
    // Copies of the selected and hovered paths that share nothing with the snapshot, drawn on the
    // GUI thread while a worker draws the snapshot's.
    QHash<int, QPainterPath> m_highlights;

    bool m_synchronous = false;
    quint64 m_generation = 0; // bumped on every data change
    quint64 m_resetGeneration = 0; // renders older than this show rows that are gone
    Result m_cache; // the last accepted render; its image is null when there is none
    QFutureWatcher<Result> *m_watcher;
    bool m_rendering = false;
    MapViewport m_renderingViewport;
    quint64 m_renderingGeneration = 0;
    std::optional<MapViewport> m_pending; // asked for while a render ran
    int m_discarded = 0;
    double m_lastRenderMs = 0;
};

} // namespace StacScope
