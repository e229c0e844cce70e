#include "ui/up42/up42ordersmodel.h"

#include "ui/monitor/monitormodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

Up42OrdersModel::Up42OrdersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int Up42OrdersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int Up42OrdersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant Up42OrdersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Up42Order &o = m_orders.at(index.row());
    switch (role) {
    case OrderIdRole:
        return o.id;
    case StatusRole:
        return o.status;
    case CancelableRole:
        return o.isCancelable();
    case SortRole:
        switch (index.column()) {
        case Created:
            return o.createdAt;
        case Updated:
            return o.updatedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return o.displayName.isEmpty() ? o.id : o.displayName;
        case Type:
            return typeText(o.type);
        case Status:
            return MonitorModel::up42StatusText(o.status);
        case SubStatus:
            return o.subStatus.isEmpty() ? QString() : MonitorModel::up42StatusText(o.subStatus);
        case Created:
            return timeText(o.createdAt);
        case Updated:
            return timeText(o.updatedAt);
        case Tags:
            return o.tags.join(u", "_s);
        case Id:
            return o.id;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Name:
            return o.displayName;
        case Status:
            return o.isCancelable() ? tr("%1: UP42 can still cancel it").arg(o.status) : o.status;
        case SubStatus:
            return o.subStatus;
        case Created:
            return o.createdAt.toUTC().toString(Qt::ISODate);
        case Updated:
            return o.updatedAt.toUTC().toString(Qt::ISODate);
        case Tags:
            return o.tags.join(u'\n');
        case Id:
            return tr("Order %1 in workspace %2").arg(o.id, o.workspaceId);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant Up42OrdersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Type:
        return tr("Type");
    case Status:
        return tr("Status");
    case SubStatus:
        return tr("Tasking step");
    case Created:
        return tr("Created");
    case Updated:
        return tr("Updated");
    case Tags:
        return tr("Tags");
    case Id:
        return tr("Order ID");
    default:
        return {};
    }
}

void Up42OrdersModel::setOrders(const QList<Up42Order> &orders)
{
    beginResetModel();
    m_orders = orders;
    endResetModel();
}

bool Up42OrdersModel::updateOrder(const Up42Order &order)
{
    const int row = rowOf(order.id);
    if (row < 0) {
        return false;
    }
    m_orders[row] = order;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

int Up42OrdersModel::rowOf(const QString &orderId) const
{
    for (qsizetype i = 0; i < m_orders.size(); ++i) {
        if (m_orders.at(i).id == orderId) {
            return int(i);
        }
    }
    return -1;
}

QString Up42OrdersModel::typeText(const QString &type)
{
    if (type == u"ARCHIVE"_s) {
        return tr("Archive");
    }
    if (type == u"TASKING"_s) {
        return tr("Tasking");
    }
    return type;
}

QString Up42OrdersModel::timeText(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : QString();
}

} // namespace StacScope
