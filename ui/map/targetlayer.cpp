#include "ui/map/targetlayer.h"

#include <cmath>

#include <QPainter>
#include <QPainterPathStroker>

#include "src/models/targetlistmodel.h"
#include "ui/map/worldpath.h"

namespace StacScope {

namespace {
constexpr double kSymbolRadius = 7.0;
constexpr double kHitTolerance = 8.0; // pixels around a point or an outline that still count

QString labelOf(const Target &target)
{
    return target.status.isEmpty() ? target.name : target.name + QStringLiteral(" · ") + target.status;
}

bool isPoint(const TargetListModel *model, int row)
{
    return model->at(row).geometry.type() == GeometryType::Point;
}
} // namespace

TargetLayer::TargetLayer(const TargetListModel *model, QObject *parent)
    : MapLayer(parent)
    , m_model(model)
{
    setZOrder(210); // above AOIs (200): targets are what the user is working on
    connect(model, &TargetListModel::targetsChanged, this, &TargetLayer::rebuild);
    connect(model, &TargetListModel::selectionChanged, this, &MapLayer::changed);
    rebuild();
}

QColor TargetLayer::statusColor(const QString &status)
{
    const QString s = status.toLower();
    if (s.isEmpty() || s == QLatin1String("draft")) {
        return kColor;
    }
    if (s.contains(QLatin1String("complete")) || s.contains(QLatin1String("deliver"))) {
        return { 0x2e, 0x7d, 0x32 }; // done: green
    }
    for (const char *word : { "refus", "reject", "fail", "cancel", "expire", "anomal", "error" }) {
        if (s.contains(QLatin1String(word))) {
            return { 0xc6, 0x28, 0x28 }; // ended without images: red
        }
    }
    if (s.contains(QLatin1String("review")) || s.contains(QLatin1String("unknown"))) {
        return { 0xef, 0x6c, 0x00 }; // waiting for the user: orange
    }
    return { 0x1e, 0x66, 0xd0 }; // on its way: blue
}

void TargetLayer::rebuild()
{
    m_paths.clear();
    for (const Target &target : m_model->targets()) {
        m_paths.append(worldPath(target.geometry));
    }
    Q_EMIT changed();
}

void TargetLayer::paint(QPainter &painter, const MapViewport &viewport)
{
    const double scale = viewport.scale();
    const QRectF world = viewport.visibleWorld();
    const int selectedRow = m_model->indexOf(m_model->selectedId());
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    for (int pass = 0; pass < 2; ++pass) { // the selected target last, on top
        for (int row = 0; row < m_paths.size(); ++row) {
            const bool selected = row == selectedRow;
            if (selected != (pass == 1)) {
                continue;
            }
            const Target &target = m_model->at(row);
            const QColor status = statusColor(target.status);
            const QColor color = selected && status == kColor ? kSelectedColor : status;
            const QRectF bounds = m_paths[row].boundingRect();
            const double margin = 40 / scale; // the symbol and label reach past the geometry
            for (int copy = viewport.firstWorldCopy() - 1; copy <= viewport.lastWorldCopy() + 1; ++copy) {
                if (!bounds.translated(copy, 0).adjusted(-margin, -margin, margin, margin).intersects(world)) {
                    continue;
                }
                const QTransform transform = worldCopyTransform(viewport, copy);
                QPointF labelAt;
                if (isPoint(m_model, row)) {
                    const QPointF p = transform.map(bounds.topLeft());
                    const double r = selected ? kSymbolRadius + 3 : kSymbolRadius;
                    if (selected) {
                        painter.setPen(QPen(QColor(255, 255, 255, 220), 6));
                        painter.setBrush(Qt::NoBrush);
                        painter.drawEllipse(p, r, r);
                    }
                    // A crosshair in a ring: reads as "aim here", unlike the AOI pin.
                    painter.setPen(QPen(color, selected ? 3 : 2));
                    painter.setBrush(Qt::NoBrush);
                    painter.drawEllipse(p, r, r);
                    painter.drawLine(p - QPointF(r + 4, 0), p - QPointF(r - 3, 0));
                    painter.drawLine(p + QPointF(r - 3, 0), p + QPointF(r + 4, 0));
                    painter.drawLine(p - QPointF(0, r + 4), p - QPointF(0, r - 3));
                    painter.drawLine(p + QPointF(0, r - 3), p + QPointF(0, r + 4));
                    painter.setPen(Qt::NoPen);
                    painter.setBrush(color);
                    painter.drawEllipse(p, 2.5, 2.5);
                    labelAt = p + QPointF(r + 7, -r);
                } else {
                    painter.save();
                    painter.setTransform(transform, true);
                    if (selected) {
                        QPen halo(QColor(255, 255, 255, 200), 6);
                        halo.setCosmetic(true);
                        painter.setPen(halo);
                        painter.setBrush(Qt::NoBrush);
                        painter.drawPath(m_paths[row]);
                    }
                    QPen pen(color, selected ? 3 : 2, Qt::DashLine);
                    pen.setCosmetic(true);
                    painter.setPen(pen);
                    QColor fill = color;
                    fill.setAlpha(selected ? 50 : 25);
                    painter.setBrush(fill);
                    painter.drawPath(m_paths[row]);
                    painter.restore();
                    labelAt = transform.map(bounds.topLeft()) + QPointF(4, -6);
                }
                QFont font = painter.font();
                font.setBold(selected);
                painter.setFont(font);
                const QRectF text = painter.fontMetrics().boundingRect(labelOf(target)).toRectF().translated(labelAt);
                painter.setPen(Qt::NoPen);
                painter.setBrush(QColor(255, 255, 255, 210));
                painter.drawRoundedRect(text.adjusted(-3, -1, 3, 1), 3, 3);
                painter.setPen(color.darker(150));
                painter.drawText(labelAt, labelOf(target));
            }
        }
    }
    painter.restore();
}

QString TargetLayer::hitTest(const QPointF &screen, const MapViewport &viewport) const
{
    const double scale = viewport.scale();
    const QPointF world = viewport.screenToWorld(screen);
    const int selectedRow = m_model->indexOf(m_model->selectedId());
    auto hits = [&](int row) {
        const QPainterPath &path = m_paths[row];
        for (int copy = viewport.firstWorldCopy() - 1; copy <= viewport.lastWorldCopy() + 1; ++copy) {
            const QPointF local = world - QPointF(copy, 0);
            if (isPoint(m_model, row)) {
                const QPointF d = (local - path.boundingRect().topLeft()) * scale;
                if (std::hypot(d.x(), d.y()) <= kSymbolRadius + kHitTolerance) {
                    return true;
                }
                continue;
            }
            if (path.contains(local)) {
                return true;
            }
            QPainterPathStroker stroker;
            stroker.setWidth(2 * kHitTolerance / scale);
            if (stroker.createStroke(path).contains(local)) {
                return true;
            }
        }
        return false;
    };
    if (selectedRow >= 0 && hits(selectedRow)) {
        return m_model->at(selectedRow).id;
    }
    for (int row = int(m_paths.size()) - 1; row >= 0; --row) {
        if (row != selectedRow && hits(row)) {
            return m_model->at(row).id;
        }
    }
    return {};
}

} // namespace StacScope
