#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <QColor>
#include <QImage>
#include <QPainterPath>
#include <QRectF>

#include "src/geo/mapviewport.h"
#include "src/geo/spatialindex.h"

class QPainter;

namespace StacScope {

// Draws footprints from an immutable snapshot, batched by style, features under 5 px as markers,
// once per world copy. Needs nothing from the GUI thread, so FootprintLayer runs it on a worker
// (QtConcurrent) as well as on the GUI thread for synchronous renders. render() writes points and
// small footprints straight into its image's scanlines: at low zoom tens of thousands of
// footprints a few pixels across made QPainter's per-call cost (a stroker outline and a
// rasteriser pass for each) most of the render. It computes the same exact-area coverage of the
// same outline, so the image differs from QPainter's by a few levels of antialiasing at most;
// draw() on any other painter still goes through QPainter. Rasterising only reads the paths
// (drawPath() fills a cache in them; see detached()).
class FootprintRenderer
{
public:
    // What a render reads. Never changed while shared: FootprintLayer copies it before an edit when
    // a render holds it. The paths' lazily computed bounds are filled in before they are shared,
    // so threads only read them.
    struct Data
    {
        std::vector<QPainterPath> paths; // world coordinates, one per store row
        std::vector<QRectF> bounds;
        std::vector<int> style;
        int styleCount = 0;
        bool isHidden(size_t row) const { return row < hidden.size() && hidden[row]; }
        std::vector<std::uint8_t> hidden; // 1: not drawn (the table's quick filter hides it); may be shorter
        SpatialIndex index; // rows by lon/lat bbox (a copy of the store's)
        size_t indexedRows = 0; // rows the index was copied for
    };

    // A finished render: the image shows `viewport` (device pixels, its pixel ratio set).
    struct Result
    {
        QImage image;
        MapViewport viewport;
        quint64 generation = 0;
        double milliseconds = 0;
    };

    // Features smaller than this many logical pixels each way are drawn as markers: a disc of the
    // collection's colour, kMarkerSize across, in a one-pixel white ring that keeps markers that
    // overlap apart (a footprint of a few pixels would otherwise be a speck).
    static constexpr double kPointSize = 5.0;
    static constexpr int kMarkerSize = 7;
    // Footprints up to this many device pixels across are rasterised straight into render()'s
    // image; larger ones go through QPainter, whose cost is then in filling, not per call.
    static constexpr double kDirectSize = 48.0;

    explicit FootprintRenderer(std::shared_ptr<const Data> data);

    static QColor styleColor(int style);
    static int paletteSize();
    // A copy that shares nothing with `path`, for drawing on one thread while another draws the
    // original: drawing fills a cache inside the shared path data.
    static QPainterPath detached(const QPainterPath &path);

    // Draws the footprints touching `area` (logical pixels), clipped to it, through QPainter.
    // `canceled` is polled now and then; returns false when it stopped early. With `detach`
    // every path QPainter draws is copied first (see detached()).
    bool draw(QPainter &painter, const MapViewport &viewport, const QRectF &area,
        const std::function<bool()> &canceled = {}, bool detach = false);
    // The whole viewport on a transparent image in device pixels (viewport.devicePixelRatio()),
    // antialiased; a null image when canceled.
    QImage render(const MapViewport &viewport, const std::function<bool()> &canceled = {}, bool detach = false);

private:
    // render()'s image, written to directly for points and small footprints.
    struct Target
    {
        uchar *bits = nullptr;
        qsizetype bytesPerLine = 0;
        QRect clip; // device pixels
        double dpr = 1.0;
    };

    bool drawTo(QPainter &painter, const Target *target, const MapViewport &viewport, const QRectF &area,
        const std::function<bool()> &canceled, bool detach);
    // Fill and outline of one footprint, as drawPath() with the style's brush and cosmetic pen
    // would draw them antialiased; false (nothing drawn) when it is too large or not a set of
    // closed polygons, so QPainter should draw it.
    bool rasterize(const Target &target, const QPainterPath &path, const QTransform &toDevice);

    std::shared_ptr<const Data> m_data;
    std::vector<std::uint32_t> m_rows;
    std::vector<std::uint32_t> m_bucket; // style and tile of each visible row
    std::vector<std::uint32_t> m_styleStart; // first row of each style and tile
    std::vector<std::uint64_t> m_pointBits; // pixels that already have a marker, per style
    std::vector<QPoint> m_points; // marker centres, logical pixels
    // rasterize()'s scratch: device points, where each subpath starts, and two coverage buffers.
    std::vector<QPointF> m_device;
    std::vector<int> m_subpaths;
    std::vector<float> m_fillCells;
    std::vector<float> m_strokeCells;
    // The style's premultiplied fill and pen colours at each coverage 0-255.
    std::array<uint, 256> m_fillShades {};
    std::array<uint, 256> m_penShades {};
};

} // namespace StacScope
