#include "ui/map/footprintrenderer.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <QPainter>

#include "src/geo/webmercator.h"
#include "ui/map/worldpath.h"

namespace StacScope {

namespace {

// A collection's slot is its id's hash modulo the size (FootprintLayer::stableStyle), so the order
// matters: the demo's three collections land on 1, 5 and 7, which hold three colours far apart
// (green, blue, orange) rather than the orange, red and pink they used to get.
const QColor kPalette[] = {
    QColor(0x94, 0x67, 0xbd), // purple
    QColor(0x2c, 0xa0, 0x2c), // green
    QColor(0xd6, 0x27, 0x28), // red
    QColor(0x17, 0xa2, 0xb8), // cyan
    QColor(0x8c, 0x56, 0x4b), // brown
    QColor(0x1f, 0x77, 0xb4), // blue
    QColor(0xe3, 0x77, 0xc2), // pink
    QColor(0xe6, 0x76, 0x2a), // orange
};

// Rows between two polls of the cancel flag: frequent enough to stop within a millisecond or so.
constexpr size_t kPollEvery = 512;
// Logical pixels of the screen tiles footprints are ordered by (see drawTo()).
constexpr double kTileHeight = 8.0;
constexpr double kTileWidth = 64.0;

// A marker (see kMarkerSize) as whole-pixel rectangles around its centre pixel, so it needs no
// antialiasing and looks the same drawn directly or through QPainter: a white disc 7 px across,
// then the colour's 5 px across over it.
constexpr QRect kMarkerRing[]
    = { QRect(-1, -3, 3, 1), QRect(-2, -2, 5, 1), QRect(-3, -1, 7, 3), QRect(-2, 2, 5, 1), QRect(-1, 3, 3, 1) };
constexpr QRect kMarkerDisc[] = { QRect(-1, -2, 3, 1), QRect(-2, -1, 5, 3), QRect(-1, 2, 3, 1) };
const QRgb kMarkerRingRgb = qRgba(0xff, 0xff, 0xff, 0xff);

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

// The outline's width and half of it, in device pixels: QPainter keeps a cosmetic pen's width in
// device pixels whatever the device pixel ratio.
constexpr double kPenWidth = 1.3;
constexpr double kHalfPen = kPenWidth / 2;

// Qt's own premultiplied multiply (qdrawhelper_p.h), so direct writes blend as QPainter does.
inline uint byteMul(uint x, uint a)
{
    quint64 t = ((quint64(x) | (quint64(x) << 24)) & 0x00ff00ff00ff00ffULL) * a;
    t = (t + ((t >> 8) & 0x00ff00ff00ff00ffULL) + 0x0080008000800080ULL) >> 8;
    t &= 0x00ff00ff00ff00ffULL;
    return uint(t) | uint(t >> 24);
}

// Source-over of a premultiplied colour already scaled by its coverage (see m_fillShades), as the
// raster engine blends a span.
inline void blend(uint &dst, uint shade)
{
    if (shade != 0) {
        dst = shade + byteMul(dst, 255 - qAlpha(shade));
    }
}

// Coverage 0-255 of an accumulated signed area, as Qt's gray rasteriser derives it.
inline int coverageOf(float acc, bool oddEven)
{
    float a = std::abs(acc);
    if (oddEven) {
        a = std::fmod(a, 2.0f);
        a = a > 1.0f ? 2.0f - a : a;
    }
    return std::min(255, int(a * 256.0f));
}

// Adds a line's signed area to a coverage buffer, cell by cell (the accumulation rasterisers of
// FreeType and font-rs use): summing a row from the left then gives each pixel's exact coverage
// by the closed outlines added. Points lie inside the buffer, at positive coordinates (so integer
// conversion floors), with a free column on the right.
void accumulateLine(float *cells, int width, int height, QPointF p0, QPointF p1)
{
    if (p0.y() == p1.y()) {
        return;
    }
    float dir = 1.0f;
    if (p0.y() > p1.y()) {
        std::swap(p0, p1);
        dir = -1.0f;
    }
    const float y0 = float(p0.y());
    const float y1 = float(p1.y());
    const float dxdy = float((p1.x() - p0.x()) / (p1.y() - p0.y()));
    float x = float(p0.x());
    const int firstRow = int(y0);
    const int last = std::min(height, int(y1) + (float(int(y1)) < y1 ? 1 : 0));
    for (int y = firstRow; y < last; ++y) {
        float *row = cells + size_t(y) * size_t(width);
        const float dy = std::min(float(y + 1), y1) - std::max(float(y), y0);
        const float next = x + dxdy * dy;
        const float d = dy * dir;
        const float left = std::min(x, next);
        const float right = std::max(x, next);
        const int i0 = int(left);
        const float leftFloor = float(i0);
        const int i1 = int(right) + (float(int(right)) < right ? 1 : 0);
        if (i1 <= i0 + 1) {
            const float mid = 0.5f * (x + next) - leftFloor;
            row[i0] += d - d * mid;
            row[i0 + 1] += d * mid;
        } else {
            const float s = 1.0f / (right - left);
            const float f0 = left - leftFloor;
            const float a0 = 0.5f * s * (1.0f - f0) * (1.0f - f0);
            const float f1 = right - float(i1) + 1.0f;
            const float am = 0.5f * s * f1 * f1;
            row[i0] += d * a0;
            if (i1 == i0 + 2) {
                row[i0 + 1] += d * (1.0f - a0 - am);
            } else {
                const float a1 = s * (1.5f - f0);
                row[i0 + 1] += d * (a1 - a0);
                for (int i = i0 + 2; i < i1 - 1; ++i) {
                    row[i] += d * s;
                }
                const float a2 = a1 + float(i1 - i0 - 3) * s;
                row[i1 - 1] += d * (1.0f - a2 - am);
            }
            row[i1] += d * am;
        }
        x = next;
    }
}

} // namespace

FootprintRenderer::FootprintRenderer(std::shared_ptr<const Data> data)
    : m_data(std::move(data))
{}

int FootprintRenderer::paletteSize()
{
    return int(std::size(kPalette));
}

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
    // Taken before the painter starts: the image is not shared, so the raster engine draws into
    // these same bits and direct writes interleave with its drawing in order.
    const Target target { image.bits(), image.bytesPerLine(), image.rect(), dpr };
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const bool done = drawTo(painter, &target, viewport, QRectF(QPointF(0, 0), viewport.size()), canceled, detach);
    painter.end();
    return done ? image : QImage();
}

bool FootprintRenderer::draw(QPainter &painter, const MapViewport &viewport, const QRectF &area,
    const std::function<bool()> &canceled, bool detach)
{
    return drawTo(painter, nullptr, viewport, area, canceled, detach);
}

bool FootprintRenderer::rasterize(const Target &target, const QPainterPath &path, const QTransform &toDevice)
{
    // Device points, each subpath closed (its last point its first) and made of lines only.
    const int count = path.elementCount();
    m_device.clear();
    m_subpaths.clear();
    const double sx = toDevice.m11();
    const double sy = toDevice.m22();
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    for (int i = 0; i < count; ++i) {
        const QPainterPath::Element &e = path.elementAt(i);
        if (e.isMoveTo()) {
            m_subpaths.push_back(int(m_device.size()));
        } else if (!e.isLineTo()) {
            return false;
        }
        const QPointF p(e.x * sx + toDevice.dx(), e.y * sy + toDevice.dy());
        if (i == 0) {
            minX = maxX = p.x();
            minY = maxY = p.y();
        } else {
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
            minY = std::min(minY, p.y());
            maxY = std::max(maxY, p.y());
        }
        m_device.push_back(p);
    }
    // Written so that NaN coordinates fail too.
    if (count == 0 || !(maxX - minX <= kDirectSize && maxY - minY <= kDirectSize)) {
        return false;
    }
    m_subpaths.push_back(int(m_device.size()));
    for (size_t s = 0; s + 1 < m_subpaths.size(); ++s) {
        const int first = m_subpaths[s];
        const int last = m_subpaths[s + 1] - 1;
        // An open line or a point would need QPainter's caps.
        if (last - first < 3 || m_device[size_t(first)] != m_device[size_t(last)]) {
            return false;
        }
    }
    if (!target.clip.intersects(QRect(QPoint(int(std::floor(minX)) - 1, int(std::floor(minY)) - 1),
            QPoint(int(std::ceil(maxX)) + 1, int(std::ceil(maxY)) + 1)))) {
        return true;
    }

    // Coverage buffers around the outline with room for the pen and a free column on the right.
    const int left = int(std::floor(minX)) - 1;
    const int top = int(std::floor(minY)) - 1;
    const int width = int(std::ceil(maxX)) + 3 - left;
    const int height = int(std::ceil(maxY)) + 2 - top;
    const size_t cells = size_t(width) * size_t(height);
    if (m_fillCells.size() < cells) {
        m_fillCells.resize(cells, 0.0f);
        m_strokeCells.resize(cells, 0.0f);
    }
    float *fillCells = m_fillCells.data();
    float *strokeCells = m_strokeCells.data();
    const QPointF offset(left, top);
    auto strokeLine = [&](const QPointF &a, const QPointF &b) {
        accumulateLine(strokeCells, width, height, a - offset, b - offset);
    };
    for (size_t s = 0; s + 1 < m_subpaths.size(); ++s) {
        const int first = m_subpaths[s];
        const int last = m_subpaths[s + 1] - 1;
        for (int i = first; i < last; ++i) {
            accumulateLine(fillCells, width, height, m_device[size_t(i)] - offset, m_device[size_t(i) + 1] - offset);
        }
        // The pen's outline as QStroker makes it: the segment offset to either side (zero-length
        // segments skipped), joined on the outer side of each turn by a bevel (QPen's default
        // join) and on the inner side through the vertex, which winds the corner twice; the
        // coverage sums it and clamps, as Qt's rasteriser does.
        QPointF previousNormal;
        QPointF previousDir;
        QPointF firstNormal;
        QPointF firstDir;
        bool haveFirst = false;
        auto join = [&](const QPointF &v, const QPointF &d1, const QPointF &n1, const QPointF &d2, const QPointF &n2) {
            const double turn = d1.x() * d2.y() - d1.y() * d2.x();
            if (turn > 0) { // turning towards +n: the - side is outside
                strokeLine(v + n1, v);
                strokeLine(v, v + n2);
                strokeLine(v - n2, v - n1);
            } else if (turn < 0) {
                strokeLine(v + n1, v + n2);
                strokeLine(v - n2, v);
                strokeLine(v, v - n1);
            }
        };
        for (int i = first; i < last; ++i) {
            const QPointF a = m_device[size_t(i)];
            const QPointF b = m_device[size_t(i) + 1];
            QPointF d = b - a;
            const double length = std::sqrt(d.x() * d.x() + d.y() * d.y());
            if (length == 0) {
                continue;
            }
            d /= length;
            const QPointF n(-d.y() * kHalfPen, d.x() * kHalfPen);
            strokeLine(a + n, b + n);
            strokeLine(b - n, a - n);
            if (haveFirst) {
                join(a, previousDir, previousNormal, d, n);
            } else {
                firstDir = d;
                firstNormal = n;
                haveFirst = true;
            }
            previousDir = d;
            previousNormal = n;
        }
        if (haveFirst) {
            join(m_device[size_t(first)], previousDir, previousNormal, firstDir, firstNormal);
        }
    }

    // Sum each row from the left, blend the fill then the pen, and clear the cells for the next.
    const bool oddEven = path.fillRule() == Qt::OddEvenFill;
    const uint pen = m_penShades[255];
    const bool penOpaque = qAlpha(pen) == 255;
    const QRect &clip = target.clip;
    for (int y = 0; y < height; ++y) {
        float *fillRow = fillCells + size_t(y) * size_t(width);
        float *strokeRow = strokeCells + size_t(y) * size_t(width);
        const int deviceY = top + y;
        if (deviceY < clip.top() || deviceY > clip.bottom()) {
            std::fill(fillRow, fillRow + width, 0.0f);
            std::fill(strokeRow, strokeRow + width, 0.0f);
            continue;
        }
        auto *line = reinterpret_cast<uint *>(target.bits + qsizetype(deviceY) * target.bytesPerLine);
        float fillAcc = 0;
        float strokeAcc = 0;
        for (int x = 0; x < width; ++x) {
            fillAcc += fillRow[x];
            strokeAcc += strokeRow[x];
            fillRow[x] = 0;
            strokeRow[x] = 0;
            const int deviceX = left + x;
            if (deviceX < clip.left() || deviceX > clip.right()) {
                continue;
            }
            const int strokeCoverage = coverageOf(strokeAcc, false);
            uint &pixel = line[deviceX];
            if (strokeCoverage == 255 && penOpaque) {
                pixel = pen; // whatever the fill would have left below is covered
                continue;
            }
            blend(pixel, m_fillShades[size_t(coverageOf(fillAcc, oddEven))]);
            blend(pixel, m_penShades[size_t(strokeCoverage)]);
        }
    }
    return true;
}

bool FootprintRenderer::drawTo(QPainter &painter, const Target *target, const MapViewport &viewport, const QRectF &area,
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

    // Batch by style, and within a style by tile of the screen (a counting sort on both, keeping
    // row order within a tile): footprints drawn one after another then touch the same few
    // scanlines, which stay in cache, where store order would hop all over the image. Within a
    // style the order does not show: blending one colour over itself commutes.
    const QPointF origin = viewport.worldToScreen({ 0, 0 });
    const size_t styles = size_t(data.styleCount);
    const int bands = std::max(1, int(std::ceil(padded.height() / kTileHeight)));
    const int columns = std::max(1, int(std::ceil(padded.width() / kTileWidth)));
    const double worldWidth = scale;
    const size_t tiles = size_t(bands) * size_t(columns);
    m_bucket.resize(visible.size());
    m_styleStart.assign(styles * tiles + 1, 0);
    for (size_t i = 0; i < visible.size(); ++i) {
        const std::uint32_t r = visible[i];
        if (r >= rowCount || data.isHidden(r)) {
            m_bucket[i] = std::uint32_t(-1);
            continue;
        }
        const QRectF &b = data.bounds[r];
        const double y = (b.top() + b.bottom()) * 0.5 * scale + origin.y() - padded.top();
        // Any world copy's x will do: each copy is drawn in the same order.
        const double x = std::fmod((b.left() + b.right()) * 0.5 * scale + origin.x() - padded.left(), worldWidth);
        const int band = std::clamp(int(y / kTileHeight), 0, bands - 1);
        const int column = std::clamp(int((x < 0 ? x + worldWidth : x) / kTileWidth), 0, columns - 1);
        m_bucket[i]
            = std::uint32_t((size_t(data.style[r]) * size_t(bands) + size_t(band)) * size_t(columns) + size_t(column));
        ++m_styleStart[m_bucket[i] + 1];
    }
    for (size_t s = 0; s + 1 < m_styleStart.size(); ++s) {
        m_styleStart[s + 1] += m_styleStart[s];
    }
    m_rows.resize(m_styleStart.back());
    for (size_t i = 0; i < visible.size(); ++i) {
        if (m_bucket[i] != std::uint32_t(-1)) {
            m_rows[m_styleStart[m_bucket[i]]++] = visible[i];
        }
    }
    // Placing each row moved its bucket's start to the next bucket's: shift them back.
    for (size_t s = m_styleStart.size() - 1; s > 0; --s) {
        m_styleStart[s] = m_styleStart[s - 1];
    }
    m_styleStart[0] = 0;

    // Points are deduplicated per style on a pixel grid of the area: at low zoom thousands of
    // features fall on the same few pixels.
    const int gridW = int(std::ceil(padded.width())) + 1;
    const int gridH = int(std::ceil(padded.height())) + 1;
    const size_t words = (size_t(gridW) * size_t(gridH) + 63) / 64;

    const double dpr = target ? target->dpr : 1.0;
    painter.save();
    const QTransform base = painter.transform();
    painter.setClipRect(area, Qt::IntersectClip);
    const int firstCopy = int(std::floor(world.left())) - 1;
    const int lastCopy = int(std::floor(world.right()));
    std::vector<QTransform> copyTransforms;
    for (int copy = firstCopy; copy <= lastCopy; ++copy) {
        copyTransforms.push_back(worldCopyTransform(viewport, copy));
    }
    size_t polled = 0;
    bool stopped = false;
    for (size_t style = 0; style < styles && !stopped; ++style) {
        const auto begin = m_rows.begin() + std::ptrdiff_t(m_styleStart[style * tiles]);
        const auto end = m_rows.begin() + std::ptrdiff_t(m_styleStart[(style + 1) * tiles]);
        if (begin == end) {
            continue;
        }
        const QColor color = styleColor(int(style));
        QPen pen(color, kPenWidth);
        pen.setCosmetic(true);
        QColor fill = color;
        fill.setAlpha(28);
        // The colours as the raster engine blends them (premultiplied through 16 bits a channel).
        const QRgb penRgb = qPremultiply(color.rgba64()).toArgb32();
        const QRgb fillRgb = qPremultiply(fill.rgba64()).toArgb32();
        // Both at every coverage: a table lookup per pixel instead of a multiply.
        for (uint coverage = 0; coverage < 256; ++coverage) {
            m_penShades[coverage] = coverage == 255 ? penRgb : byteMul(penRgb, coverage);
            m_fillShades[coverage] = coverage == 255 ? fillRgb : byteMul(fillRgb, coverage);
        }
        m_pointBits.assign(words, 0);
        m_points.clear();
        painter.setPen(pen);
        painter.setBrush(fill);
        // Each row's bounds are read once and tested against every world copy from registers:
        // at low zoom a pass per copy read them from memory once a copy.
        int painterCopy = firstCopy - 1; // the copy the painter's transform is set for
        for (auto it = begin; it != end; ++it) {
            if (canceled && ++polled % kPollEvery == 0 && canceled()) {
                stopped = true;
                break;
            }
            const std::uint32_t row = *it;
            const QRectF &b = data.bounds[row];
            if (b.top() >= world.bottom() || world.top() >= b.bottom()) {
                continue;
            }
            const bool point = b.width() * scale < kPointSize && b.height() * scale < kPointSize;
            for (int copy = firstCopy; copy <= lastCopy; ++copy) {
                // QRectF::intersects() with the world shifted by the copy: both have a positive size.
                if (b.left() >= world.right() - copy || world.left() - copy >= b.right()) {
                    continue;
                }
                if (point) {
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
                    m_points.push_back(QPoint(int(std::floor(x)), int(std::floor(y))));
                    continue;
                }
                const QTransform &toScreen = copyTransforms[size_t(copy - firstCopy)];
                if (target && rasterize(*target, data.paths[row], toScreen * QTransform::fromScale(dpr, dpr))) {
                    continue;
                }
                if (painterCopy != copy) {
                    painter.setTransform(toScreen * base);
                    painterCopy = copy;
                }
                if (detach) {
                    painter.drawPath(detached(data.paths[row]));
                } else {
                    painter.drawPath(data.paths[row]);
                }
            }
        }
        if (m_points.empty()) {
            continue;
        }
        if (target) {
            // Opaque rectangles on whole pixels: written straight into the scanlines, marker by
            // marker so that each one's ring covers the markers under it.
            const auto fill = [&](const QPoint &centre, const QRect &r, QRgb rgb) {
                const QRect logical = r.translated(centre);
                const QRect device = QRect(QPoint(qRound(logical.left() * dpr), qRound(logical.top() * dpr)),
                    QPoint(qRound((logical.right() + 1) * dpr) - 1, qRound((logical.bottom() + 1) * dpr) - 1))
                                         .intersected(target->clip);
                for (int y = device.top(); y <= device.bottom(); ++y) {
                    auto *line = reinterpret_cast<uint *>(target->bits + qsizetype(y) * target->bytesPerLine);
                    std::fill(line + device.left(), line + device.right() + 1, rgb);
                }
            };
            for (const QPoint &centre : m_points) {
                for (const QRect &r : kMarkerRing) {
                    fill(centre, r, kMarkerRingRgb);
                }
                for (const QRect &r : kMarkerDisc) {
                    fill(centre, r, penRgb);
                }
            }
            continue;
        }
        painter.setTransform(base);
        const bool antialiased = painter.testRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(Qt::NoPen);
        QRect rects[std::size(kMarkerRing)];
        for (const QPoint &centre : m_points) {
            painter.setBrush(QColor::fromRgba(kMarkerRingRgb));
            std::transform(std::begin(kMarkerRing), std::end(kMarkerRing), rects,
                [&](const QRect &r) { return r.translated(centre); });
            painter.drawRects(rects, int(std::size(kMarkerRing)));
            painter.setBrush(color);
            std::transform(std::begin(kMarkerDisc), std::end(kMarkerDisc), rects,
                [&](const QRect &r) { return r.translated(centre); });
            painter.drawRects(rects, int(std::size(kMarkerDisc)));
        }
        painter.setRenderHint(QPainter::Antialiasing, antialiased);
    }
    painter.restore();
    return !stopped;
}

} // namespace StacScope
