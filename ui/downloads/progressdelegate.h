#pragma once

#include <QStyledItemDelegate>

namespace StacScope {

// Draws DownloadListModel's ProgressRole as a progress bar (busy when the size is unknown),
// as qBittorrent's transfer list does; the model stays data-only.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace StacScope
