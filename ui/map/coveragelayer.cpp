#include "ui/map/coveragelayer.h"

#include <QPainter>

#include "src/geo/mapviewport.h"
#include "ui/map/worldpath.h"

namespace StacScope {

CoverageLayer::CoverageLayer(QObject *parent)
    : MapLayer(parent)
{
    setZOrder(205); // above AOIs (200), below the targets (210) whose outline stays on top
}

void CoverageLayer::setUncovered(const Geometry &uncovered)
{
    m_uncovered = uncovered;
    m_path = uncovered.isAreal() ? worldPath(uncovered) : QPainterPath();
    Q_EMIT changed();
}

void CoverageLayer::paint(QPainter &painter, const MapViewport &viewport)
{
    if (m_path.isEmpty()) {
        return;
    }
    const QRectF world = viewport.visibleWorld();
    const QRectF bounds = m_path.boundingRect();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor red(0xc6, 0x28, 0x28);
    for (int copy = viewport.firstWorldCopy() - 1; copy <= viewport.lastWorldCopy() + 1; ++copy) {
        if (!bounds.translated(copy, 0).intersects(world)) {
            continue;
        }
        const QPainterPath screen = worldCopyTransform(viewport, copy).map(m_path);
        QColor fill = red;
        fill.setAlpha(40);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawPath(screen);
        QBrush hatch(red, Qt::BDiagPattern);
        painter.setBrush(hatch);
        painter.drawPath(screen);
        painter.setPen(QPen(red, 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(screen);
    }
    painter.restore();
}

} // namespace StacScope
