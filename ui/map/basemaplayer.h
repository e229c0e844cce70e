#pragma once

#include <map>
#include <memory>
#include <utility>
#include <vector>

#include <QColor>
#include <QPainterPath>
#include <QRectF>

#include "src/geo/vectorbasemap.h"
#include "ui/map/basemaplabels.h"
#include "ui/map/maplayer.h"

namespace StacScope {

// The offline basemap: water, land, rivers, country borders, coastlines and city names from
// VectorBasemap, drawn under everything else whenever no online tiles are available. Shapes are projected into world
// coordinates (normalised Web Mercator) once per level of detail and zoom step, simplified to what
// the step can show, and drawn through a world-to-screen transform with cosmetic pens, so a
// frame costs only culling and rasterising.
class BasemapLayer : public MapLayer
{
    Q_OBJECT
public:
    struct Style
    {
        QColor background; // outside the Web Mercator square (beyond +-85.05 degrees)
        QColor water;
        QColor land;
        QColor coast;
        QColor border;
        QColor river;
        qreal coastWidth = 1.0; // logical pixels
        qreal borderWidth = 1.0;
        qreal riverWidth = 1.0; // 0: no rivers
        Qt::PenStyle borderPenStyle = Qt::SolidLine;
        bool labels = true; // city dots and names
        BasemapLabels::Style label;
    };

    // From this zoom on the finest level is drawn; below it the coarsest, whose 1:110m suits the
    // map's scale there (about 1:100M at zoom 2.5) and is several times cheaper.
    static constexpr double kFineDetailZoom = 2.5;
    // Below this zoom, shapes are simplified per integer zoom step (Douglas-Peucker, to within
    // kSimplifyPixels); from it on the finest level is drawn as stored (its quantization is then
    // about a pixel).
    static constexpr int kFullDetailZoom = 7;
    static constexpr double kSimplifyPixels = 0.5;
    // Rivers: none at world zoom; the coarsest level's major rivers from kRiversZoom, the finest
    // level's (many more) from kAllRiversZoom.
    static constexpr double kRiversZoom = 3.0;
    static constexpr double kAllRiversZoom = 4.5;

    explicit BasemapLayer(VectorBasemap basemap, QObject *parent = nullptr);
    ~BasemapLayer() override;

    static Style defaultStyle();
    const Style &style() const { return m_style; }
    void setStyle(const Style &style);

    const VectorBasemap &basemap() const { return m_basemap; }
    // Index into basemap().levels() drawn at `zoom`, or -1 when there is no data.
    int levelForZoom(double zoom) const;

    // Index into basemap().levels() whose rivers are drawn at `zoom`, or -1 for none.
    int riverLevelForZoom(double zoom) const;

    void paint(QPainter &painter, const MapViewport &viewport) override;
    // The labels the last paint() placed (none when the style has labels off).
    const std::vector<BasemapLabels::Placed> &placedLabels() const { return m_labels.placed(); }

private:
    // Shapes near each other merged into one path, so a world view is a few dozen draw calls
    // and a zoomed-in view culls most of them by their bounds.
    struct Chunk
    {
        QRectF bounds; // world coordinates; may reach past [0, 1) across the antimeridian
        QPainterPath path;
    };
    struct ProjectedLevel
    {
        std::vector<Chunk> land;
        std::vector<Chunk> coastlines;
        std::vector<Chunk> borders;
        std::vector<Chunk> rivers;
        double minX = 0; // horizontal extent of all chunks, to know which world copies to draw
        double maxX = 1;
    };

    // A level clipped and projected once, each point ranked for simplification (in the .cpp).
    struct PreparedLevel;

    const ProjectedLevel &projected(int level, int zoomStep);
    static PreparedLevel prepare(const VectorBasemap::Level &level);
    // `tolerance` in world units (0: every point).
    static ProjectedLevel project(const PreparedLevel &prepared, double tolerance);

    VectorBasemap m_basemap;
    std::map<int, std::unique_ptr<PreparedLevel>> m_prepared; // per level
    std::map<std::pair<int, int>, std::unique_ptr<ProjectedLevel>> m_projected; // (level, zoom step)
    Style m_style;
    BasemapLabels m_labels; // reads m_basemap's places
};

} // namespace StacScope
