#include "ui/map/footprintlayer.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

#include "src/geo/webmercator.h"
#include "src/stac/itemstore.h"
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
const QColor kSelected(0xff, 0xc1, 0x07);
const QColor kHovered(0xff, 0xff, 0xff);
constexpr double kPointSize = 2.0; // features smaller than this many pixels are drawn as points

} // namespace

FootprintLayer::FootprintLayer(const ItemStore *store, QObject *parent)
    : MapLayer(parent)
    , m_store(store)
{
    setZOrder(100);
    syncAppended();
}

QColor FootprintLayer::colorFor(const QString &collection) const
{
    const int style = m_styleByCollection.value(collection, 0);
    return kPalette[size_t(style) % std::size(kPalette)];
}

void FootprintLayer::build(int row)
{
    const ItemRecord &r = m_store->at(row);
    const Geometry &g = r.footprint;
    QPainterPath path = worldPath(g);
    if (g.isEmpty() && r.hasBbox) {
        // No geometry: the bbox stands in for the footprint.
        const GeoBox &b = r.bbox;
        const double east = b.crossesAntimeridian() ? b.east + 360.0 : b.east;
        path.addRect(QRectF(QPointF(WebMercator::lonToX(b.west), WebMercator::latToY(b.north)),
            QPointF(WebMercator::lonToX(east), WebMercator::latToY(b.south))));
    }
    if (g.partCount() > 1 && r.hasBbox && r.bbox.crossesAntimeridian()) {
        // The parts of a footprint cut at 180 degrees now touch: merge them so no seam is drawn.
        path = path.simplified();
    }
    QRectF bounds = path.boundingRect();
    if (bounds.width() <= 0 || bounds.height() <= 0) {
        // Points and lines have no area; keep a sliver so rectangle tests still see them.
        constexpr double kSliver = 1e-9;
        bounds.adjust(-kSliver, -kSliver, kSliver, kSliver);
    }
    m_paths.push_back(std::move(path));
    m_bounds.push_back(bounds);
    auto it = m_styleByCollection.constFind(r.collection);
    if (it == m_styleByCollection.constEnd()) {
        it = m_styleByCollection.insert(r.collection, int(m_collectionOrder.size()));
        m_collectionOrder.append(r.collection);
    }
    m_style.push_back(*it);
}

void FootprintLayer::syncAppended()
{
    const int n = m_store->size();
    if (n < int(m_paths.size())) {
        syncReset();
        return;
    }
    m_paths.reserve(size_t(n));
    for (int row = int(m_paths.size()); row < n; ++row) {
        build(row);
    }
    Q_EMIT changed();
}

void FootprintLayer::syncReset()
{
    m_paths.clear();
    m_bounds.clear();
    m_style.clear();
    m_selected.clear();
    m_hovered = -1;
    syncAppended();
}

void FootprintLayer::setSelectedRows(const QSet<int> &rows)
{
    if (rows != m_selected) {
        m_selected = rows;
        Q_EMIT changed();
    }
}

void FootprintLayer::setHoveredRow(int row)
{
    if (row != m_hovered) {
        m_hovered = row;
        Q_EMIT changed();
    }
}

void FootprintLayer::drawRow(QPainter &painter, int row, double scale) const
{
    const QRectF &b = m_bounds[size_t(row)];
    if (b.width() * scale < kPointSize && b.height() * scale < kPointSize) {
        const QPointF c = b.center();
        const double half = 1.5 / scale;
        painter.drawRect(QRectF(c.x() - half, c.y() - half, 2 * half, 2 * half));
        return;
    }
    painter.drawPath(m_paths[size_t(row)]);
}

void FootprintLayer::paint(QPainter &painter, const MapViewport &viewport)
{
    if (m_paths.empty()) {
        return;
    }
    const std::vector<std::uint32_t> visible = m_store->rowsIntersecting(viewport.visibleBox());
    std::vector<int> rows;
    rows.reserve(visible.size());
    for (std::uint32_t r : visible) {
        if (r < m_paths.size()) {
            rows.push_back(int(r));
        }
    }
    // Batch by style: one pen and brush per collection.
    std::stable_sort(
        rows.begin(), rows.end(), [this](int a, int b) { return m_style[size_t(a)] < m_style[size_t(b)]; });

    const double scale = viewport.scale();
    const QRectF world = viewport.visibleWorld();
    const QPointF origin = viewport.worldToScreen({ 0, 0 });
    painter.setRenderHint(QPainter::Antialiasing);
    for (int copy = viewport.firstWorldCopy() - 1; copy <= viewport.lastWorldCopy(); ++copy) {
        const QRectF copyWorld = world.translated(-copy, 0);
        painter.setTransform(QTransform(scale, 0, 0, scale, origin.x() + copy * scale, origin.y()));
        int style = -1;
        for (int row : rows) {
            if (!m_bounds[size_t(row)].intersects(copyWorld) || m_selected.contains(row) || row == m_hovered) {
                continue;
            }
            if (m_style[size_t(row)] != style) {
                style = m_style[size_t(row)];
                const QColor color = kPalette[size_t(style) % std::size(kPalette)];
                QPen pen(color, 1.3);
                pen.setCosmetic(true);
                painter.setPen(pen);
                QColor fill = color;
                fill.setAlpha(28);
                painter.setBrush(fill);
            }
            drawRow(painter, row, scale);
        }
        // Selection and hover on top.
        QPen selectedPen(kSelected.darker(130), 2.2);
        selectedPen.setCosmetic(true);
        painter.setPen(selectedPen);
        QColor selectedFill = kSelected;
        selectedFill.setAlpha(70);
        painter.setBrush(selectedFill);
        for (int row : std::as_const(m_selected)) {
            if (row < int(m_paths.size()) && m_bounds[size_t(row)].intersects(copyWorld)) {
                drawRow(painter, row, scale);
            }
        }
        if (m_hovered >= 0 && m_hovered < int(m_paths.size()) && m_bounds[size_t(m_hovered)].intersects(copyWorld)) {
            QPen hoverPen(QColor(0x10, 0x10, 0x10), 2.0);
            hoverPen.setCosmetic(true);
            painter.setPen(hoverPen);
            QColor hoverFill = kHovered;
            hoverFill.setAlpha(60);
            painter.setBrush(hoverFill);
            drawRow(painter, m_hovered, scale);
        }
    }
    painter.resetTransform();
}

int FootprintLayer::hitTest(const QPointF &screen, const MapViewport &viewport) const
{
    QPointF w = viewport.screenToWorld(screen);
    w.setX(w.x() - std::floor(w.x()));
    const double tolerance = 4.0 / viewport.scale();
    const double lon = WebMercator::xToLon(w.x());
    const double lat = WebMercator::yToLat(std::clamp(w.y(), 0.0, 1.0));
    const double dLon = tolerance * 360.0;
    const double dLat = std::max(0.01, std::abs(WebMercator::yToLat(w.y() - tolerance) - lat));
    GeoBox probe { normalizeLongitude(lon - dLon), std::max(-90.0, lat - dLat), normalizeLongitude(lon + dLon),
        std::min(90.0, lat + dLat) };
    if (dLon >= 180.0) {
        probe.west = -180.0;
        probe.east = 180.0;
    }
    int best = -1;
    double bestArea = 0;
    for (std::uint32_t r : m_store->rowsIntersecting(probe)) {
        const int row = int(r);
        if (row >= int(m_paths.size())) {
            continue;
        }
        const QRectF &b = m_bounds[size_t(row)];
        bool hit = false;
        for (int copy = -1; copy <= 1 && !hit; ++copy) {
            const QPointF p(w.x() + copy, w.y());
            if (!b.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(p)) {
                continue;
            }
            const bool tiny = b.width() * viewport.scale() < 6 && b.height() * viewport.scale() < 6;
            hit = tiny || m_paths[size_t(row)].contains(p);
        }
        if (!hit) {
            continue;
        }
        const double area = b.width() * b.height();
        if (best < 0 || area < bestArea) {
            best = row;
            bestArea = area;
        }
    }
    return best;
}

} // namespace StacScope
