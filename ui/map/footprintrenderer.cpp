#include "ui/map/footprintrenderer.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

#include "src/geo/webmercator.h"
#include "ui/map/worldpath.h"

namespace StacScope {

namespace {

const QColor kPalette[] = {
    QColor(0x1f, 0x77, 0xb4),
    QColor(0xe6, 0x76, 0x2a),
    QColor(0x2c, 0xa0, 0x2c),
    QColor(0x94, 0x67, 0xbd),
    QColor(0x17, 0xa2, 0xb8),
    QColor(0xd6, 0x27, 0x28),
    QColor(0x8c, 0x56, 0x4b),
    QColor(0xe3, 0x77, 0xc2),
};

// Rows between two polls of the cancel flag: frequent enough to stop within a millisecond or so.
constexpr size_t kPollEvery = 512;

// The lon/lat box of a world rectangle (crossing the antimeridian when it does).
GeoBox boxOfWorld(const QRectF &r)
{
    const double north = WebMercator::yToLat(std::clamp(r.top(), 0.0, 1.0));
    const double south = WebMercator::yToLat(std::clamp(r.bottom(), 0.0, 1.0));
    if (r.width() >= 1.0) {
        return { -180.0, south, 180.0, north };
    }
    return { normalizeLongitude(WebMercator::xToLon(r.left())), south,
        normalizeLongitude(WebMercator::xToLon(r.right())), north };
}

} // namespace

FootprintRenderer::FootprintRenderer(std::shared_ptr<const Data> data)
    : m_data(std::move(data))
{}

QColor FootprintRenderer::styleColor(int style)
{
    return kPalette[size_t(std::max(0, style)) % std::size(kPalette)];
}

QPainterPath FootprintRenderer::detached(const QPainterPath &path)
{
    if (path.elementCount() == 0) {
        return QPainterPath();
    }
    QPainterPath copy = path;
    const QPainterPath::Element first = path.elementAt(0);
    copy.setElementPositionAt(0, first.x, first.y); // detaches the copy
    return copy;
}

QImage FootprintRenderer::render(const MapViewport &viewport, const std::function<bool()> &canceled, bool detach)
{
    const double dpr = viewport.devicePixelRatio();
    const QSize deviceSize(
        int(std::ceil(viewport.size().width() * dpr)), int(std::ceil(viewport.size().height() * dpr)));
    QImage image(deviceSize, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const bool done = draw(painter, viewport, QRectF(QPointF(0, 0), viewport.size()), canceled, detach);
    painter.end();
    return done ? image : QImage();
}

bool FootprintRenderer::draw(QPainter &painter, const MapViewport &viewport, const QRectF &area,
    const std::function<bool()> &canceled, bool detach)
{
    const Data &data = *m_data;
    const size_t rowCount = data.paths.size();
    const double scale = viewport.scale();
    // A little margin so outlines of footprints just outside the area still reach into it.
    constexpr double kMargin = 3.0;
    const QRectF padded = area.adjusted(-kMargin, -kMargin, kMargin, kMargin);
    const QRectF world(viewport.screenToWorld(padded.topLeft()), viewport.screenToWorld(padded.bottomRight()));
    const std::vector<std::uint32_t> visible = data.index.query(boxOfWorld(world));

    // Batch by style: bucket the rows per style, keeping row order within a style (a counting sort).
    const size_t styles = size_t(data.styleCount);
    m_styleStart.assign(styles + 1, 0);
    for (std::uint32_t r : visible) {
        if (r < rowCount) {
            ++m_styleStart[size_t(data.style[r]) + 1];
        }
    }
    for (size_t s = 0; s < styles; ++s) {
        m_styleStart[s + 1] += m_styleStart[s];
    }
    m_rows.resize(m_styleStart[styles]);
    {
        std::vector<std::uint32_t> next(m_styleStart.begin(), m_styleStart.end() - 1);
        for (std::uint32_t r : visible) {
            if (r < rowCount) {
                m_rows[next[size_t(data.style[r])]++] = r;
            }
        }
    }

    // Points are deduplicated per style on a pixel grid of the area: at low zoom thousands of
    // features fall on the same few pixels.
    const int gridW = int(std::ceil(padded.width())) + 1;
    const int gridH = int(std::ceil(padded.height())) + 1;
    const size_t words = (size_t(gridW) * size_t(gridH) + 63) / 64;

    const QPointF origin = viewport.worldToScreen({ 0, 0 });
    painter.save();
    const QTransform base = painter.transform();
    painter.setClipRect(area, Qt::IntersectClip);
    const int firstCopy = int(std::floor(world.left())) - 1;
    const int lastCopy = int(std::floor(world.right()));
    size_t polled = 0;
    bool stopped = false;
    for (size_t style = 0; style < styles && !stopped; ++style) {
        const auto begin = m_rows.begin() + std::ptrdiff_t(m_styleStart[style]);
        const auto end = m_rows.begin() + std::ptrdiff_t(m_styleStart[style + 1]);
        if (begin == end) {
            continue;
        }
        const QColor color = styleColor(int(style));
        QPen pen(color, 1.3);
        pen.setCosmetic(true);
        QColor fill = color;
        fill.setAlpha(28);
        m_pointBits.assign(words, 0);
        m_points.clear();
        painter.setPen(pen);
        painter.setBrush(fill);
        for (int copy = firstCopy; copy <= lastCopy && !stopped; ++copy) {
            const QRectF copyWorld = world.translated(-copy, 0);
            painter.setTransform(worldCopyTransform(viewport, copy) * base);
            for (auto it = begin; it != end; ++it) {
                if (canceled && ++polled % kPollEvery == 0 && canceled()) {
                    stopped = true;
                    break;
                }
                const std::uint32_t row = *it;
                const QRectF &b = data.bounds[row];
                if (!b.intersects(copyWorld)) {
                    continue;
                }
                if (b.width() * scale < kPointSize && b.height() * scale < kPointSize) {
                    const QPointF c = b.center();
                    const double x = (c.x() + copy) * scale + origin.x();
                    const double y = c.y() * scale + origin.y();
                    const int gx = int(std::floor(x - padded.left()));
                    const int gy = int(std::floor(y - padded.top()));
                    if (gx < 0 || gy < 0 || gx >= gridW || gy >= gridH) {
                        continue;
                    }
                    const size_t bit = size_t(gy) * size_t(gridW) + size_t(gx);
                    if (m_pointBits[bit / 64] & (std::uint64_t(1) << (bit % 64))) {
                        continue;
                    }
                    m_pointBits[bit / 64] |= std::uint64_t(1) << (bit % 64);
                    // A 3 x 3 pixel square on the pixel grid, so it needs no antialiasing.
                    m_points.push_back(QRect(int(std::floor(x)) - 1, int(std::floor(y)) - 1, 3, 3));
                    continue;
                }
                if (detach) {
                    painter.drawPath(detached(data.paths[row]));
                } else {
                    painter.drawPath(data.paths[row]);
                }
            }
        }
        if (!m_points.empty()) {
            painter.setTransform(base);
            const bool antialiased = painter.testRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::Antialiasing, false);
            painter.setPen(Qt::NoPen);
            painter.setBrush(color);
            painter.drawRects(m_points.data(), int(m_points.size()));
            painter.setRenderHint(QPainter::Antialiasing, antialiased);
        }
    }
    painter.restore();
    return !stopped;
}

} // namespace StacScope
