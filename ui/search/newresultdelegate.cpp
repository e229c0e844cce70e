#include "ui/search/newresultdelegate.h"

#include <QApplication>
#include <QPainter>

#include "src/models/resultsmodel.h"

namespace StacScope {

NewResultDelegate::NewResultDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QString NewResultDelegate::badgeText()
{
    return tr("New");
}

QRect NewResultDelegate::badgeRect(const QRect &cell, const QFontMetrics &metrics)
{
    const int width = metrics.horizontalAdvance(badgeText()) + 10;
    const int height = std::min(cell.height() - 2, metrics.height() + 2);
    return QRect(cell.right() - width - 3, cell.center().y() - height / 2, width, height);
}

void NewResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.data(ResultsModel::NewRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QFont font = option.font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    const QFontMetrics metrics(font);
    const QRect badge = badgeRect(option.rect, metrics);
    // The cell's background (selection, alternate rows) across its whole width, then the id in the
    // room left of the badge (elided there, as the view elides it).
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    QStyleOptionViewItem text = option;
    text.rect.setRight(badge.left() - 4);
    QStyledItemDelegate::paint(painter, text, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(kBadgeColor);
    painter->drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, badgeText());
    painter->restore();
}

QSize NewResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(ResultsModel::NewRole).toBool()) {
        size.rwidth() += option.fontMetrics.horizontalAdvance(badgeText()) + 20;
    }
    return size;
}

} // namespace StacScope
