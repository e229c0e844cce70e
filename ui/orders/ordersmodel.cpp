#include "ui/orders/ordersmodel.h"

#include "ui/tasks/tasksmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

OrdersModel::OrdersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int OrdersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int OrdersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrdersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CapellaOrder &o = m_orders.at(index.row());
    switch (role) {
    case OrderIdRole:
        return o.id;
    case ActiveRole:
        return o.isActive(now());
    case StatusRole:
        return o.status;
    case SortRole:
        switch (index.column()) {
        case Ordered:
            return o.orderDate;
        case Expires:
            return o.expirationDate;
        case Items:
            return int(o.items.size());
        case Active:
            return o.isActive(now());
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return o.id;
        case Ordered:
            return TasksModel::formatTime(o.orderDate);
        case Status:
            return statusText(o.status);
        case Expires:
            return o.expirationDate.isValid() ? TasksModel::formatTime(o.expirationDate) : tr("Never");
        case Items:
            return QString::number(o.items.size());
        case Active:
            return o.isActive(now()) ? tr("Yes") : tr("No");
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Id:
            return o.id;
        case Ordered:
            return o.orderDate.toUTC().toString(Qt::ISODate);
        case Expires:
            return o.expirationDate.toUTC().toString(Qt::ISODate);
        case Items:
            return o.granuleIds().join(u'\n');
        case Active:
            return o.status == u"rejected"_s ? tr("Rejected: nothing can be downloaded")
                : o.isActive(now())          ? tr("Its products can be downloaded until it expires")
                                             : tr("Expired: order the products again to download them");
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Items) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    default:
        return {};
    }
}

QVariant OrdersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Id:
        return tr("Order");
    case Ordered:
        return tr("Ordered");
    case Status:
        return tr("Status");
    case Expires:
        return tr("Expires");
    case Items:
        return tr("Items");
    case Active:
        return tr("Active");
    default:
        return {};
    }
}

void OrdersModel::setOrders(const QList<CapellaOrder> &orders)
{
    bool sameRows = orders.size() == m_orders.size();
    for (qsizetype i = 0; sameRows && i < orders.size(); ++i) {
        sameRows = orders.at(i).id == m_orders.at(i).id;
    }
    if (sameRows) {
        m_orders = orders;
        if (!m_orders.isEmpty()) {
            Q_EMIT dataChanged(index(0, 0), index(int(m_orders.size()) - 1, ColumnCount - 1));
        }
        return;
    }
    beginResetModel();
    m_orders = orders;
    endResetModel();
}

int OrdersModel::rowOf(const QString &orderId) const
{
    for (qsizetype i = 0; i < m_orders.size(); ++i) {
        if (m_orders.at(i).id == orderId) {
            return int(i);
        }
    }
    return -1;
}

QString OrdersModel::statusText(const QString &status)
{
    if (status == u"completed"_s) {
        return tr("Completed");
    }
    if (status == u"rejected"_s) {
        return tr("Rejected");
    }
    if (status.isEmpty()) {
        return {};
    }
    return status.at(0).toUpper() + status.mid(1);
}

} // namespace StacScope
