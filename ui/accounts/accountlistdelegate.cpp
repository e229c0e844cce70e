#include "ui/accounts/accountlistdelegate.h"

#include <QApplication>
#include <QPainter>

namespace StacScope {

namespace {

constexpr int Padding = 6;
constexpr int IconSize = 12;

QFont subtitleFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.9);
    return font;
}

} // namespace

void AccountListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString title = opt.text;
    const QIcon icon = opt.icon;
    opt.text.clear();
    opt.icon = QIcon();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const QPalette::ColorGroup group
        = opt.state.testFlag(QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor quiet = text;
    quiet.setAlphaF(selected ? 0.85 : 0.62);

    const QRect r = opt.rect.adjusted(Padding, Padding, -Padding, -Padding);
    QFont titleFont = opt.font;
    titleFont.setBold(true);
    const QFontMetrics titleMetrics(titleFont);
    const QFont smaller = subtitleFont(opt.font);
    const QFontMetrics smallMetrics(smaller);
    const int textLeft = r.left() + IconSize + Padding;

    painter->save();
    icon.paint(painter, QRect(r.left(), r.top() + (titleMetrics.height() - IconSize) / 2, IconSize, IconSize));
    painter->setPen(text);
    painter->setFont(titleFont);
    const QRect titleRect(textLeft, r.top(), r.right() - textLeft, titleMetrics.height());
    painter->drawText(
        titleRect, Qt::AlignLeft | Qt::AlignVCenter, titleMetrics.elidedText(title, Qt::ElideRight, titleRect.width()));
    painter->setPen(quiet);
    painter->setFont(smaller);
    const QRect subRect(textLeft, titleRect.bottom() + 3, titleRect.width(), smallMetrics.height());
    // One line; the item's tooltip has the whole state.
    painter->drawText(subRect, Qt::AlignLeft | Qt::AlignVCenter,
        smallMetrics.elidedText(index.data(SubtitleRole).toString(), Qt::ElideRight, subRect.width()));
    painter->restore();
}

QSize AccountListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QFont titleFont = option.font;
    titleFont.setBold(true);
    const QFontMetrics titleMetrics(titleFont);
    const QFontMetrics smallMetrics(subtitleFont(option.font));
    // As wide as the name; the state line is elided to the list's width.
    const int width = 3 * Padding + IconSize + titleMetrics.horizontalAdvance(index.data(Qt::DisplayRole).toString());
    return QSize(width, 2 * Padding + titleMetrics.height() + 3 + smallMetrics.height());
}

} // namespace StacScope
