#include "ui/monitor/monitorstatusdelegate.h"

#include <QPainter>
#include <QPixmap>

namespace StacScope {

QColor MonitorStatusDelegate::color(MonitorModel::StatusCategory category)
{
    switch (category) {
    case MonitorModel::StatusCategory::Unknown:
        return { 0x00, 0x89, 0x7b }; // teal, as a draft target on the map
    case MonitorModel::StatusCategory::OnItsWay:
        return { 0x1e, 0x66, 0xd0 }; // blue
    case MonitorModel::StatusCategory::NeedsAction:
        return { 0xe6, 0x5c, 0x00 }; // orange, a shade darker than the map's to read as text
    case MonitorModel::StatusCategory::Completed:
        return { 0x2e, 0x7d, 0x32 }; // green
    case MonitorModel::StatusCategory::Failed:
        return { 0xc6, 0x28, 0x28 }; // red
    }
    return {};
}

void MonitorStatusDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant category = index.data(MonitorModel::StatusCategoryRole);
    if (!category.isValid()) {
        return;
    }
    const QColor c = color(category.value<MonitorModel::StatusCategory>());
    option->palette.setColor(QPalette::Text, c);
    const int size = qMax(8, option->fontMetrics.height() / 2);
    option->icon = dot(c, size);
    option->decorationSize = QSize(size, size);
    option->features |= QStyleOptionViewItem::HasDecoration;
    if (category.value<MonitorModel::StatusCategory>() == MonitorModel::StatusCategory::NeedsAction) {
        option->font.setBold(true); // the one status that waits for the user
    }
}

QIcon MonitorStatusDelegate::dot(const QColor &color, int size) const
{
    const QRgb key = color.rgb() ^ QRgb(size << 24);
    const auto it = m_dots.constFind(key);
    if (it != m_dots.cend()) {
        return *it;
    }
    QPixmap pixmap(size * 2, size * 2); // drawn at twice the size: sharp on high-DPI screens
    pixmap.setDevicePixelRatio(2.0);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    painter.end();
    const QIcon icon(pixmap);
    m_dots.insert(key, icon);
    return icon;
}

} // namespace StacScope
