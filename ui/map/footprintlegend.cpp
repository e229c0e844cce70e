#include "ui/map/footprintlegend.h"

#include <algorithm>

#include <QEvent>
#include <QPainter>

#include "ui/map/footprintlayer.h"

namespace StacScope {

namespace {

constexpr int kMargin = 8; // from the map's edges
constexpr int kPadding = 6;
constexpr int kSwatch = 12;
constexpr int kSpacing = 4;

} // namespace

FootprintLegend::FootprintLegend(const FootprintLayer *layer, QWidget *map)
    : QWidget(map)
    , m_layer(layer)
{
    setObjectName(QStringLiteral("footprintLegend"));
    // A key, not a control: let clicks and hovering reach the map.
    setAttribute(Qt::WA_TransparentForMouseEvents);
    map->installEventFilter(this);
    hide();
    refresh();
}

void FootprintLegend::refresh()
{
    QList<Entry> entries;
    if (m_layer && m_layer->isVisible() && m_layer->count() > 0) {
        const QStringList present = m_layer->presentCollections();
        for (const QString &name : present) {
            // Items without a collection have a colour too, and a name in the legend.
            entries.append({ name.isEmpty() ? tr("no collection") : name, m_layer->colorFor(name) });
        }
    }
    if (entries == m_entries && isVisible() == !entries.isEmpty()) {
        return;
    }
    m_entries = entries;
    setVisible(!m_entries.isEmpty());
    reposition();
    update();
}

QSize FootprintLegend::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    int width = 0;
    for (const Entry &e : m_entries) {
        width = std::max(width, metrics.horizontalAdvance(e.name));
    }
    const int line = std::max(kSwatch, metrics.height());
    const int n = int(m_entries.size());
    return { 2 * kPadding + kSwatch + kSpacing + width, 2 * kPadding + n * line + std::max(0, n - 1) * kSpacing };
}

bool FootprintLegend::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize) {
        reposition();
    }
    return QWidget::eventFilter(watched, event);
}

void FootprintLegend::reposition()
{
    const QWidget *map = parentWidget();
    if (!map) {
        return;
    }
    const QSize size = sizeHint();
    // Above the map's scale bar, which takes the bottom-left corner's lowest 40 pixels.
    constexpr int kScaleBarHeight = 40;
    setGeometry(kMargin, map->height() - kScaleBarHeight - kMargin - size.height(), size.width(), size.height());
    raise();
}

void FootprintLegend::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    QColor background = palette().color(QPalette::Window);
    background.setAlpha(200);
    painter.setBrush(background);
    painter.drawRoundedRect(QRectF(rect()), 4, 4);

    const QFontMetrics metrics = fontMetrics();
    const int line = std::max(kSwatch, metrics.height());
    int y = kPadding;
    for (const Entry &e : std::as_const(m_entries)) {
        // The swatch looks like a footprint: a light fill inside the collection's outline.
        QColor fill = e.color;
        fill.setAlpha(60);
        painter.setPen(QPen(e.color, 1.5));
        painter.setBrush(fill);
        painter.drawRect(QRectF(kPadding + 0.75, y + (line - kSwatch) / 2.0 + 0.75, kSwatch - 1.5, kSwatch - 1.5));
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(
            QRect(kPadding + kSwatch + kSpacing, y, width(), line), Qt::AlignLeft | Qt::AlignVCenter, e.name);
        y += line + kSpacing;
    }
}

} // namespace StacScope
