#pragma once

#include <QCache>
#include <QFutureWatcher>
#include <QHash>
#include <QImage>
#include <QList>
#include <QPointer>

#include "src/geo/tilemath.h"
#include "src/net/tilesource.h"
#include "ui/map/maplayer.h"

namespace StacScope {

class TileFetcher;

// Online XYZ tiles over the offline basemap. Draws the visible tiles of every world copy; where a
// tile is still loading it draws the nearest loaded ancestor's quadrant scaled up. Tells the
// fetcher what the view needs on each paint, so tiles that left the view are cancelled. Draws
// nothing (the offline basemap below shows) when no source is selected or the fetcher is offline,
// and the source's attribution at the bottom-right while tiles show. Tiles are decoded on a
// worker (QtConcurrent); a decode for a tile that left the view or an old source is dropped.
class TileLayer : public MapLayer
{
    Q_OBJECT
public:
    static constexpr int kDefaultZOrder = 10; // above the offline basemap (0), below footprints (100)
    // Ancestors tried while a tile loads: 4 levels up is a 16x blow-up, blurry but better than nothing.
    static constexpr int kMaxFallbackLevels = 4;

    // Without a fetcher the layer only draws tiles given to addTile().
    explicit TileLayer(TileFetcher *fetcher, QObject *parent = nullptr);
    ~TileLayer() override;

    bool hasSource() const { return m_hasSource; }
    const TileSource &source() const { return m_source; }
    void setSource(const TileSource &source);
    // Back to the offline basemap only.
    void clearSource();
    // A source is selected and its server answers.
    bool isShowingTiles() const;

    double opacity() const { return m_opacity; }
    void setOpacity(double opacity);

    // Decoded tiles kept in memory, in bytes.
    void setMemoryCacheSize(qint64 bytes);
    // Decodes a tile on a worker and keeps it (connected to the fetcher's tileReady); changed()
    // once it is ready.
    void addTile(const StacScope::TileKey &key, const QByteArray &data);
    bool hasTile(const TileKey &key) const { return m_images.contains(key); }
    // Tiles being decoded.
    int decodingCount() const { return int(m_decoding.size()); }
    int tileZoomFor(const MapViewport &viewport) const;

    void paint(QPainter &painter, const MapViewport &viewport) override;

Q_SIGNALS:
    void showingTilesChanged(bool showing);

private:
    void requestTiles(const QList<PlacedTile> &tiles);
    bool drawAncestor(QPainter &painter, const TileKey &key, const QRectF &target) const;
    void drawAttribution(QPainter &painter, const MapViewport &viewport) const;
    void onOfflineChanged(bool offline);
    void tileDecoded(const TileKey &key, QFutureWatcher<QImage> *watcher);
    void dropDecode(const TileKey &key);
    void dropAllDecodes();
    static QImage decode(const QByteArray &data);

    QPointer<TileFetcher> m_fetcher;
    TileSource m_source;
    bool m_hasSource = false;
    QCache<TileKey, QImage> m_images; // cost in KiB
    QHash<TileKey, QFutureWatcher<QImage> *> m_decoding; // children of this layer
    QList<TileKey> m_lastWanted;
    double m_opacity = 1.0;
};

} // namespace StacScope
