#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QStyledItemDelegate>

#include "ui/monitor/monitormodel.h"

namespace StacScope {

// The Monitor's status cell: a dot and the words in the colour of what the status means (the
// palette of the map's tasking targets): teal not known yet, blue on its way, orange waiting for
// the user, green completed, red failed, rejected, canceled or expired. Reads
// MonitorModel::StatusCategoryRole; the model itself carries no colours.
class MonitorStatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QColor color(MonitorModel::StatusCategory category);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QIcon dot(const QColor &color, int size) const;

    mutable QHash<QRgb, QIcon> m_dots;
};

} // namespace StacScope
