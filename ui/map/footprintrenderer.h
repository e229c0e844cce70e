#pragma once

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

// Draws footprints from an immutable snapshot, batched by style, features under 2 px as points,
// once per world copy. Needs nothing from the GUI thread, so FootprintLayer runs it on a worker
// (QtConcurrent) as well as on the GUI thread for synchronous renders.
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

    static constexpr double kPointSize = 2.0; // features smaller than this many pixels are points

    explicit FootprintRenderer(std::shared_ptr<const Data> data);

    static QColor styleColor(int style);
    // A copy that shares nothing with `path`, for drawing on one thread while another draws the
    // original: drawing fills a cache inside the shared path data.
    static QPainterPath detached(const QPainterPath &path);

    // Draws the footprints touching `area` (logical pixels), clipped to it. `canceled` is polled
    // now and then; returns false when it stopped early. With `detach` every path is copied first
    // (see detached()).
    bool draw(QPainter &painter, const MapViewport &viewport, const QRectF &area,
        const std::function<bool()> &canceled = {}, bool detach = false);
    // The whole viewport on a transparent image in device pixels (viewport.devicePixelRatio()),
    // antialiased; a null image when canceled.
    QImage render(const MapViewport &viewport, const std::function<bool()> &canceled = {}, bool detach = false);

private:
    std::shared_ptr<const Data> m_data;
    std::vector<std::uint32_t> m_rows;
    std::vector<std::uint32_t> m_styleStart;
    std::vector<std::uint64_t> m_pointBits; // pixels that already have a point, per style
    std::vector<QRect> m_points;
};

} // namespace StacScope
