#include "ui/map/basemaplayer.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <span>
#include <utility>

#include <QPaintDevice>
#include <QPainter>
#include <QPen>
#include <QTransform>

#include "src/geo/webmercator.h"

namespace StacScope {

namespace {

constexpr double kGridCells = 8.0; // chunk grid: cells per world width
constexpr int kMaxLinePoints = 256; // long lines are cut so that culling helps when zoomed in

using LonLat = QPointF; // x = lon, y = lat

// Sutherland-Hodgman against one latitude limit, in lon/lat, where the data's edges are straight.
std::vector<LonLat> clipRingAt(const std::vector<LonLat> &ring, double limit, bool keepBelow)
{
    const auto inside = [&](const LonLat &p) { return keepBelow ? p.y() <= limit : p.y() >= limit; };
    const auto cross = [&](const LonLat &a, const LonLat &b) {
        const double t = (limit - a.y()) / (b.y() - a.y());
        return LonLat(a.x() + t * (b.x() - a.x()), limit);
    };
    std::vector<LonLat> out;
    out.reserve(ring.size() + 4);
    for (size_t i = 0; i < ring.size(); ++i) {
        const LonLat &current = ring[i];
        const LonLat &previous = ring[i == 0 ? ring.size() - 1 : i - 1];
        if (inside(current)) {
            if (!inside(previous)) {
                out.push_back(cross(previous, current));
            }
            out.push_back(current);
        } else if (inside(previous)) {
            out.push_back(cross(previous, current));
        }
    }
    return out;
}

// Web Mercator ends at +-85.05 degrees; clipping there (rather than letting the projection clamp
// points onto the edge) keeps the edges that cross it straight.
std::vector<LonLat> clipRingToMercator(std::span<const double> coords)
{
    std::vector<LonLat> ring;
    ring.reserve(coords.size() / 2);
    bool needsClip = false;
    for (size_t i = 0; i + 1 < coords.size(); i += 2) {
        ring.emplace_back(coords[i], coords[i + 1]);
        needsClip = needsClip || std::abs(coords[i + 1]) > WebMercator::kMaxLatitude;
    }
    if (ring.size() > 1 && ring.front() == ring.back()) {
        ring.pop_back();
    }
    if (needsClip) {
        ring = clipRingAt(ring, WebMercator::kMaxLatitude, true);
        ring = clipRingAt(ring, -WebMercator::kMaxLatitude, false);
    }
    return ring;
}

// A line cut into the runs that lie inside the Mercator band.
std::vector<std::vector<LonLat>> clipLineToMercator(std::span<const double> coords)
{
    const double limit = WebMercator::kMaxLatitude;
    const auto inside = [&](const LonLat &p) { return std::abs(p.y()) <= limit; };
    const auto cross = [&](const LonLat &a, const LonLat &b) {
        const double edge = (a.y() > limit || b.y() > limit) ? limit : -limit;
        const double t = (edge - a.y()) / (b.y() - a.y());
        return LonLat(a.x() + t * (b.x() - a.x()), edge);
    };
    std::vector<std::vector<LonLat>> runs;
    std::vector<LonLat> run;
    LonLat previous;
    for (size_t i = 0; i + 1 < coords.size(); i += 2) {
        const LonLat p(coords[i], coords[i + 1]);
        if (inside(p)) {
            if (i > 0 && !inside(previous)) {
                run.push_back(cross(previous, p));
            }
            run.push_back(p);
        } else if (i > 0 && inside(previous)) {
            run.push_back(cross(previous, p));
            runs.push_back(std::move(run));
            run.clear();
        }
        previous = p;
    }
    if (run.size() >= 2) {
        runs.push_back(std::move(run));
    }
    std::erase_if(runs, [](const std::vector<LonLat> &r) { return r.size() < 2; });
    return runs;
}

QPointF toWorld(const LonLat &p)
{
    return { WebMercator::lonToX(p.x()), WebMercator::latToY(p.y()) };
}

double squaredDistanceToSegment(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    double t = length2 > 0 ? QPointF::dotProduct(p - a, ab) / length2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const QPointF d = p - (a + t * ab);
    return QPointF::dotProduct(d, d);
}

// Douglas-Peucker run to the end, remembering for each point the largest tolerance that still
// keeps it (its distance when split off, capped by its parent's). Keeping the points whose
// importance exceeds t is then exactly Douglas-Peucker with tolerance t, so every zoom step is a
// linear filter instead of a new simplification.
void computeImportance(std::span<const QPointF> points, std::span<float> importance)
{
    const size_t n = points.size();
    std::fill(importance.begin(), importance.end(), 0.0f);
    importance[0] = std::numeric_limits<float>::infinity();
    importance[n - 1] = std::numeric_limits<float>::infinity();
    struct Range
    {
        size_t first;
        size_t last;
        float cap;
    };
    std::vector<Range> stack { { 0, n - 1, std::numeric_limits<float>::infinity() } };
    while (!stack.empty()) {
        const Range range = stack.back();
        stack.pop_back();
        double farthest = 0;
        size_t index = range.first;
        for (size_t i = range.first + 1; i < range.last; ++i) {
            const double d = squaredDistanceToSegment(points[i], points[range.first], points[range.last]);
            if (d > farthest) {
                farthest = d;
                index = i;
            }
        }
        // Points on the segment keep importance 0; not splitting them avoids a quadratic walk.
        if (index == range.first) {
            continue;
        }
        const float value = std::min(float(std::sqrt(farthest)), range.cap);
        importance[index] = value;
        stack.push_back({ range.first, index, value });
        stack.push_back({ index, range.last, value });
    }
}

// Shapes of one level clipped to the Mercator band and projected to world coordinates once, each
// point with its simplification importance. Rings are stored closed (last point = first).
struct WorldShapes
{
    std::vector<QPointF> points;
    std::vector<float> importance;
    std::vector<size_t> ringEnds;
    std::vector<size_t> partEnds;

    void addRing(const std::vector<LonLat> &lonLat, bool closed)
    {
        if (lonLat.size() < (closed ? 3u : 2u)) {
            return;
        }
        const size_t begin = points.size();
        std::transform(lonLat.begin(), lonLat.end(), std::back_inserter(points), toWorld);
        if (closed) {
            points.push_back(points[begin]);
        }
        importance.resize(points.size());
        computeImportance(std::span<const QPointF>(points).subspan(begin), std::span<float>(importance).subspan(begin));
        ringEnds.push_back(points.size());
    }

    void endPart()
    {
        if (ringEnds.size() > (partEnds.empty() ? 0 : partEnds.back())) {
            partEnds.push_back(ringEnds.size());
        }
    }

    size_t firstRing(size_t part) const { return part == 0 ? 0 : partEnds[part - 1]; }

    // The points of ring r that Douglas-Peucker keeps at `tolerance` (world units).
    void keptPoints(size_t r, double tolerance, std::vector<QPointF> &out) const
    {
        out.clear();
        for (size_t i = r == 0 ? 0 : ringEnds[r - 1]; i < ringEnds[r]; ++i) {
            if (importance[i] > tolerance) {
                out.push_back(points[i]);
            }
        }
    }
};

QRectF boundsOf(const std::vector<QPointF> &points)
{
    double minX = points.front().x();
    double maxX = minX;
    double minY = points.front().y();
    double maxY = minY;
    for (const QPointF &p : points) {
        minX = std::min(minX, p.x());
        maxX = std::max(maxX, p.x());
        minY = std::min(minY, p.y());
        maxY = std::max(maxY, p.y());
    }
    return QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
}

QRectF unite(const QRectF &a, const QRectF &b)
{
    // QRectF::united() skips null rectangles, which a point-sized shape would be.
    return QRectF(QPointF(std::min(a.left(), b.left()), std::min(a.top(), b.top())),
        QPointF(std::max(a.right(), b.right()), std::max(a.bottom(), b.bottom())));
}

// QRectF::intersects() is false for zero-height rectangles, such as a horizontal border.
bool overlaps(const QRectF &a, const QRectF &b)
{
    return a.left() <= b.right() && b.left() <= a.right() && a.top() <= b.bottom() && b.top() <= a.bottom();
}

void addPolyline(QPainterPath &path, const std::vector<QPointF> &points, bool close)
{
    path.moveTo(points.front());
    for (size_t i = 1; i < points.size(); ++i) {
        path.lineTo(points[i]);
    }
    if (close) {
        path.closeSubpath();
    }
}

QPen cosmeticPen(const QColor &color, qreal width, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(color, width, style, Qt::FlatCap, Qt::RoundJoin);
    pen.setCosmetic(true);
    return pen;
}

} // namespace

struct BasemapLayer::PreparedLevel
{
    WorldShapes land;
    WorldShapes coastlines;
    WorldShapes borders;
    WorldShapes rivers;
};

BasemapLayer::BasemapLayer(VectorBasemap basemap, QObject *parent)
    : MapLayer(parent)
    , m_basemap(std::move(basemap))
    , m_style(defaultStyle())
    , m_labels(m_basemap.places())
{}

BasemapLayer::~BasemapLayer() = default;

BasemapLayer::Style BasemapLayer::defaultStyle()
{
    // A light cartographic palette: pale blue-grey water, warm paper land, a darker blue-grey
    // coast and a muted dashed border, so that footprints and imagery stay the loudest things.
    Style style;
    style.background = QColor(0xe6, 0xe8, 0xeb);
    style.water = QColor(0xc8, 0xd8, 0xe3);
    style.land = QColor(0xf4, 0xf0, 0xe6);
    style.coast = QColor(0x7d, 0x95, 0xa7);
    style.border = QColor(0xa8, 0x98, 0x8c);
    style.coastWidth = 1.0;
    style.borderWidth = 0.8;
    style.borderPenStyle = Qt::DashLine;
    // Rivers a clear mid blue, darker than the sea so that they read as lines on land.
    style.river = QColor(0x5b, 0x9b, 0xd5);
    style.riverWidth = 1.0;
    style.labels = true;
    style.label = BasemapLabels::defaultStyle();
    return style;
}

void BasemapLayer::setStyle(const Style &style)
{
    m_style = style;
    Q_EMIT changed();
}

int BasemapLayer::levelForZoom(double zoom) const
{
    if (m_basemap.isEmpty()) {
        return -1;
    }
    return zoom < kFineDetailZoom ? 0 : int(m_basemap.levels().size()) - 1;
}

int BasemapLayer::riverLevelForZoom(double zoom) const
{
    if (m_basemap.isEmpty() || zoom < kRiversZoom) {
        return -1;
    }
    return zoom < kAllRiversZoom ? 0 : int(m_basemap.levels().size()) - 1;
}

const BasemapLayer::ProjectedLevel &BasemapLayer::projected(int level, int zoomStep)
{
    std::unique_ptr<ProjectedLevel> &slot = m_projected[{ level, zoomStep }];
    if (!slot) {
        std::unique_ptr<PreparedLevel> &prepared = m_prepared[level];
        if (!prepared) {
            prepared = std::make_unique<PreparedLevel>(prepare(m_basemap.levels()[size_t(level)]));
        }
        const double tolerance
            = zoomStep >= kFullDetailZoom ? 0.0 : kSimplifyPixels / (MapViewport::kTileSize * std::exp2(zoomStep));
        slot = std::make_unique<ProjectedLevel>(project(*prepared, tolerance));
    }
    return *slot;
}

BasemapLayer::PreparedLevel BasemapLayer::prepare(const VectorBasemap::Level &level)
{
    PreparedLevel result;
    const VectorBasemap::Shapes &land = level.land;
    for (int part = 0; part < land.partCount(); ++part) {
        for (int r = land.firstRing(part); r < land.endRing(part); ++r) {
            result.land.addRing(clipRingToMercator(land.ring(r)), true);
        }
        result.land.endPart();
    }
    for (const auto &[source, target] : { std::pair { &level.coastlines, &result.coastlines },
             std::pair { &level.borders, &result.borders }, std::pair { &level.rivers, &result.rivers } }) {
        for (int r = 0; r < source->ringCount(); ++r) {
            for (const std::vector<LonLat> &run : clipLineToMercator(source->ring(r))) {
                target->addRing(run, false);
                target->endPart();
            }
        }
    }
    return result;
}

BasemapLayer::ProjectedLevel BasemapLayer::project(const PreparedLevel &prepared, double tolerance)
{
    ProjectedLevel result;
    using Cells = std::map<std::pair<int, int>, size_t>;
    // The chunk of the grid cell holding the centre of `bounds`.
    const auto chunkFor = [](std::vector<Chunk> &chunks, Cells &cells, const QRectF &bounds) -> Chunk & {
        const QPointF c = bounds.center();
        const std::pair<int, int> key(int(std::floor(c.x() * kGridCells)), int(std::floor(c.y() * kGridCells)));
        const auto [it, inserted] = cells.try_emplace(key, chunks.size());
        if (inserted) {
            chunks.push_back(Chunk { bounds, QPainterPath() });
        } else {
            chunks[it->second].bounds = unite(chunks[it->second].bounds, bounds);
        }
        return chunks[it->second];
    };

    Cells landCells;
    const WorldShapes &land = prepared.land;
    std::vector<QPointF> ring;
    for (size_t part = 0; part < land.partEnds.size(); ++part) {
        Chunk *chunk = nullptr;
        for (size_t r = land.firstRing(part); r < land.partEnds[part]; ++r) {
            land.keptPoints(r, tolerance, ring);
            // Closed: 4 points make a triangle. Smaller rings (islets, lakes) vanish at this zoom,
            // and a polygon whose outer ring vanished goes with it.
            if (ring.size() < 4) {
                if (!chunk) {
                    break;
                }
                continue;
            }
            ring.pop_back();
            if (!chunk) {
                // The outer ring bounds the polygon; its holes stay with it for the even-odd fill.
                chunk = &chunkFor(result.land, landCells, boundsOf(ring));
            }
            addPolyline(chunk->path, ring, true);
        }
    }

    const auto projectLines = [&](const WorldShapes &shapes, std::vector<Chunk> &chunks) {
        Cells cells;
        std::vector<QPointF> line;
        for (size_t r = 0; r < shapes.ringEnds.size(); ++r) {
            shapes.keptPoints(r, tolerance, line);
            for (size_t start = 0; start + 1 < line.size(); start += kMaxLinePoints - 1) {
                const std::vector<QPointF> piece(line.begin() + qsizetype(start),
                    line.begin() + qsizetype(std::min(line.size(), start + kMaxLinePoints)));
                addPolyline(chunkFor(chunks, cells, boundsOf(piece)).path, piece, false);
            }
        }
    };
    projectLines(prepared.coastlines, result.coastlines);
    projectLines(prepared.borders, result.borders);
    projectLines(prepared.rivers, result.rivers);

    for (const std::vector<Chunk> *chunks : { &result.land, &result.coastlines, &result.borders, &result.rivers }) {
        for (const Chunk &chunk : *chunks) {
            result.minX = std::min(result.minX, chunk.bounds.left());
            result.maxX = std::max(result.maxX, chunk.bounds.right());
        }
    }
    return result;
}

void BasemapLayer::paint(QPainter &painter, const MapViewport &viewport)
{
    const QRectF view(QPointF(0, 0), viewport.size());
    const double top = viewport.worldToScreen(QPointF(0, 0)).y();
    const double bottom = viewport.worldToScreen(QPointF(0, 1)).y();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (top > view.top() || bottom < view.bottom()) {
        painter.fillRect(view, m_style.background);
    }
    painter.fillRect(QRectF(QPointF(view.left(), top), QPointF(view.right(), bottom)).intersected(view), m_style.water);

    const int levelIndex = levelForZoom(viewport.zoom());
    if (levelIndex < 0) {
        painter.restore();
        return;
    }
    const int zoomStep = std::clamp(int(std::floor(viewport.zoom())), 0, kFullDetailZoom);
    const ProjectedLevel &level = projected(levelIndex, zoomStep);

    const double scale = viewport.scale();
    const QPointF center = viewport.center();
    const QRectF visible = viewport.visibleWorld();
    const QTransform base = painter.worldTransform();
    // Cosmetic pens are sized in device pixels; keep them the same logical width on HiDPI.
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatio() : 1.0;
    const double margin = 2.0 * std::max(m_style.coastWidth, m_style.borderWidth) / scale; // pens reach out
    // Shapes across the antimeridian reach past [0, 1), so a copy just off the view may still
    // show a piece of Chukotka: widen the viewport's copy range by the data's extent.
    const int firstCopy = int(std::ceil(visible.left() - level.maxX));
    const int lastCopy = int(std::floor(visible.right() - level.minX));

    const auto forEachVisible = [&](const std::vector<Chunk> &chunks, const auto &draw) {
        for (int copy = firstCopy; copy <= lastCopy; ++copy) {
            const QRectF local = visible.translated(-copy, 0).adjusted(-margin, -margin, margin, margin);
            const QTransform toScreen(scale, 0, 0, scale, (copy - center.x()) * scale + view.width() / 2.0,
                -center.y() * scale + view.height() / 2.0);
            painter.setWorldTransform(toScreen * base);
            for (const Chunk &chunk : chunks) {
                if (overlaps(chunk.bounds, local)) {
                    draw(chunk.path);
                }
            }
        }
    };

    // The land is filled without antialiasing, which is several times faster for outlines this
    // long; the antialiased coastline drawn over its edge hides the steps.
    const QBrush landBrush(m_style.land);
    forEachVisible(level.land, [&](const QPainterPath &path) { painter.fillPath(path, landBrush); });

    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setBrush(Qt::NoBrush);
    const int riverLevel = m_style.riverWidth > 0 ? riverLevelForZoom(viewport.zoom()) : -1;
    if (riverLevel >= 0) {
        const ProjectedLevel &rivers = riverLevel == levelIndex ? level : projected(riverLevel, zoomStep);
        QPen pen = cosmeticPen(m_style.river, m_style.riverWidth * dpr);
        pen.setCapStyle(Qt::RoundCap);
        painter.setPen(pen);
        forEachVisible(rivers.rivers, [&](const QPainterPath &path) { painter.drawPath(path); });
    }
    painter.setPen(cosmeticPen(m_style.border, m_style.borderWidth * dpr, m_style.borderPenStyle));
    forEachVisible(level.borders, [&](const QPainterPath &path) { painter.drawPath(path); });
    painter.setPen(cosmeticPen(m_style.coast, m_style.coastWidth * dpr));
    forEachVisible(level.coastlines, [&](const QPainterPath &path) { painter.drawPath(path); });

    painter.setWorldTransform(base);
    if (m_style.labels) {
        m_labels.paint(painter, viewport, m_style.label);
    }

    painter.restore();
}

} // namespace StacScope
