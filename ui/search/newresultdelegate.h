#pragma once

#include <QStyledItemDelegate>

namespace StacScope {

// The results table's id column: the id as usual, and a "New" badge at its right end on results
// a saved search's re-run returned for the first time (ResultsModel::NewRole).
class NewResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit NewResultDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static inline const QColor kBadgeColor { 0xe0, 0x1e, 0x8c }; // the map's outline of new footprints
    // The badge's rectangle in a cell of `cell` (right-aligned, vertically centred).
    static QRect badgeRect(const QRect &cell, const QFontMetrics &metrics);
    static QString badgeText();
};

} // namespace StacScope
