#pragma once

#include <QStyledItemDelegate>

namespace StacScope {

// Two lines per account: its name, then the provider and state in a smaller, quieter font, with
// the state's dot before them.
class AccountListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum Role
    {
        SubtitleRole = Qt::UserRole + 2
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace StacScope
