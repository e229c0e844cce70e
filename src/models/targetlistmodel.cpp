#include "src/models/targetlistmodel.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace StacScope {

TargetListModel::TargetListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int TargetListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_targets.size());
}

QVariant TargetListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Target &t = m_targets[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return t.name;
    case Qt::ToolTipRole: {
        QStringList lines { t.name };
        if (!t.provider.isEmpty()) {
            lines.append(tr("Provider: %1").arg(t.provider));
        }
        if (!t.status.isEmpty()) {
            lines.append(tr("Status: %1").arg(t.status));
        }
        return lines.join(u'\n');
    }
    case IdRole:
        return t.id;
    case ProviderRole:
        return t.provider;
    case StatusRole:
        return t.status;
    case GeometryTypeRole:
        return Geometry::typeName(t.geometry.type());
    case SelectedRole:
        return t.id == m_selected;
    default:
        return {};
    }
}

QHash<int, QByteArray> TargetListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("targetId"));
    names.insert(ProviderRole, QByteArrayLiteral("provider"));
    names.insert(StatusRole, QByteArrayLiteral("status"));
    names.insert(GeometryTypeRole, QByteArrayLiteral("geometryType"));
    names.insert(SelectedRole, QByteArrayLiteral("selected"));
    return names;
}

bool TargetListModel::isSupported(const Geometry &geometry)
{
    return !geometry.isEmpty() && (geometry.type() == GeometryType::Point || geometry.type() == GeometryType::Polygon);
}

QString TargetListModel::add(Target target)
{
    if (!isSupported(target.geometry)) {
        return {};
    }
    if (target.id.isEmpty()) {
        target.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    } else if (indexOf(target.id) >= 0) {
        return {};
    }
    const int row = int(m_targets.size());
    beginInsertRows({}, row, row);
    m_targets.append(target);
    endInsertRows();
    Q_EMIT targetAdded(target.id);
    Q_EMIT targetsChanged();
    return target.id;
}

bool TargetListModel::update(const Target &target)
{
    const int row = indexOf(target.id);
    if (row < 0 || !isSupported(target.geometry)) {
        return false;
    }
    if (m_targets[row] == target) {
        return true;
    }
    m_targets[row] = target;
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT targetUpdated(target.id);
    Q_EMIT targetsChanged();
    return true;
}

bool TargetListModel::remove(const QString &id)
{
    const int row = indexOf(id);
    if (row < 0) {
        return false;
    }
    if (m_selected == id) {
        select({});
    }
    beginRemoveRows({}, row, row);
    m_targets.removeAt(row);
    endRemoveRows();
    Q_EMIT targetRemoved(id);
    Q_EMIT targetsChanged();
    return true;
}

void TargetListModel::clear()
{
    if (m_targets.isEmpty()) {
        return;
    }
    select({});
    beginResetModel();
    m_targets.clear();
    endResetModel();
    Q_EMIT targetsChanged();
}

bool TargetListModel::select(const QString &id)
{
    const int row = id.isEmpty() ? -1 : indexOf(id);
    if (!id.isEmpty() && row < 0) {
        return false;
    }
    if (id == m_selected) {
        return true;
    }
    const int previous = indexOf(m_selected);
    m_selected = id;
    for (int r : { previous, row }) {
        if (r >= 0) {
            Q_EMIT dataChanged(index(r), index(r), { SelectedRole });
        }
    }
    Q_EMIT selectionChanged(id);
    return true;
}

int TargetListModel::indexOf(const QString &id) const
{
    if (id.isEmpty()) {
        return -1;
    }
    for (int row = 0; row < m_targets.size(); ++row) {
        if (m_targets[row].id == id) {
            return row;
        }
    }
    return -1;
}

const Target *TargetListModel::find(const QString &id) const
{
    const int row = indexOf(id);
    return row >= 0 ? &m_targets[row] : nullptr;
}

} // namespace StacScope
