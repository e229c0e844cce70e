#include "ui/map/aoilayer.h"

#include <QPainter>

#include "src/models/aoilistmodel.h"
#include "ui/map/worldpath.h"

namespace StacScope {

namespace {
const QColor kActive(0xd3, 0x2f, 0x6b);
const QColor kOther(0x3a, 0x4a, 0x5c);
} // namespace

AoiLayer::AoiLayer(const AoiListModel *model, QObject *parent)
    : MapLayer(parent)
    , m_model(model)
{
    setZOrder(200);
    connect(model, &AoiListModel::aoisChanged, this, &AoiLayer::rebuild);
    connect(model, &AoiListModel::activeChanged, this, &MapLayer::changed);
    rebuild();
}

void AoiLayer::rebuild()
{
    m_paths.clear();
    for (const Aoi &aoi : m_model->aois()) {
        m_paths.append(worldPath(aoi.geometry));
    }
    Q_EMIT changed();
}

void AoiLayer::paint(QPainter &painter, const MapViewport &viewport)
{
    const QRectF world = viewport.visibleWorld();
    painter.setRenderHint(QPainter::Antialiasing);
    for (int pass = 0; pass < 2; ++pass) { // the active AOI last, on top
        for (int row = 0; row < m_paths.size(); ++row) {
            const Aoi &aoi = m_model->at(row);
            const bool active = row == m_model->activeRow();
            if (!aoi.visible || active != (pass == 1)) {
                continue;
            }
            const QColor color = active ? kActive : kOther;
            const QRectF bounds = m_paths[row].boundingRect();
            for (int copy = viewport.firstWorldCopy() - 1; copy <= viewport.lastWorldCopy() + 1; ++copy) {
                const QRectF placed = bounds.translated(copy, 0);
                if (!placed.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).intersects(world)) {
                    continue;
                }
                const QTransform transform = worldCopyTransform(viewport, copy);
                QPointF labelAt;
                if (aoi.kind == Aoi::Kind::Point) {
                    const QPointF p = transform.map(bounds.topLeft());
                    painter.setPen(QPen(Qt::white, 2));
                    painter.setBrush(color);
                    painter.drawEllipse(p, 6, 6);
                    painter.setBrush(Qt::white);
                    painter.setPen(Qt::NoPen);
                    painter.drawEllipse(p, 2, 2);
                    labelAt = p + QPointF(9, -6);
                } else {
                    painter.save();
                    painter.setTransform(transform);
                    QPen pen(color, active ? 2.5 : 1.6, active ? Qt::SolidLine : Qt::DashLine);
                    pen.setCosmetic(true);
                    painter.setPen(pen);
                    QColor fill = color;
                    fill.setAlpha(active ? 30 : 15);
                    painter.setBrush(fill);
                    painter.drawPath(m_paths[row]);
                    painter.restore();
                    labelAt = transform.map(bounds.topLeft()) + QPointF(4, -5);
                }
                QFont font = painter.font();
                font.setBold(active);
                painter.setFont(font);
                const QRectF text = painter.fontMetrics().boundingRect(aoi.name).toRectF().translated(labelAt);
                painter.setPen(Qt::NoPen);
                painter.setBrush(QColor(255, 255, 255, 200));
                painter.drawRoundedRect(text.adjusted(-3, -1, 3, 1), 3, 3);
                painter.setPen(color.darker(120));
                painter.drawText(labelAt, aoi.name);
            }
        }
    }
}

} // namespace StacScope
