#include "ui/downloads/progressdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

#include "src/download/downloadtask.h"
#include "src/models/downloadlistmodel.h"

namespace StacScope {

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != DownloadListModel::ProgressColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The selection background first, then the bar inset a little so rows do not touch.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const double progress = index.data(DownloadListModel::ProgressRole).toDouble();
    const auto state = DownloadState(index.data(DownloadListModel::StateRole).toInt());
    QStyleOptionProgressBar bar;
    bar.initFrom(widget);
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = progress < 0 ? 0 : int(progress * 1000.0);
    if (progress < 0 && state == DownloadState::Downloading) {
        bar.maximum = 0; // busy: the server did not say how big
    }
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.state = option.state | QStyle::State_Horizontal;
    if (state == DownloadState::Failed || state == DownloadState::Canceled || state == DownloadState::Paused) {
        bar.state &= ~QStyle::State_Enabled; // greyed: not moving
    }
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace StacScope
