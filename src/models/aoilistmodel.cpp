#include "src/models/aoilistmodel.h"

#include <algorithm>

#include <QLocale>

#include "src/geo/geodesy.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AoiListModel::AoiListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &AoiListModel::aoisChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &AoiListModel::aoisChanged);
    connect(this, &QAbstractItemModel::dataChanged, this, &AoiListModel::aoisChanged);
}

int AoiListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_aois.size());
}

QString AoiListModel::kindName(Aoi::Kind kind)
{
    switch (kind) {
    case Aoi::Kind::Rectangle:
        return tr("Rectangle");
    case Aoi::Kind::Polygon:
        return tr("Polygon");
    case Aoi::Kind::Circle:
        return tr("Circle");
    case Aoi::Kind::Point:
        return tr("Point");
    case Aoi::Kind::Imported:
        return tr("Imported area");
    }
    return {};
}

QString AoiListModel::summary(const Aoi &aoi)
{
    QString text;
    if (aoi.kind == Aoi::Kind::Point) {
        const auto xy = aoi.geometry.coordinates();
        text = xy.size() >= 2 ? tr("Point %1, %2").arg(xy[0], 0, 'f', 5).arg(xy[1], 0, 'f', 5) : tr("Point");
    } else {
        text = tr("%1 km² · %n vertices", "", aoi.vertexCount)
                   .arg(QLocale().toString(aoi.areaKm2, 'f', aoi.areaKm2 < 10 ? 2 : 0));
    }
    if (aoi.selfIntersecting) {
        text += u" · "_s + tr("outline crosses itself");
    }
    if (aoi.bounds.crossesAntimeridian()) {
        text += u" · "_s + tr("crosses 180°");
    }
    return text;
}

QVariant AoiListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_aois.size()) {
        return {};
    }
    const Aoi &a = m_aois[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return a.name;
    case Qt::CheckStateRole:
        return a.visible ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        return QString(kindName(a.kind) + u"\n"_s + summary(a));
    case Qt::FontRole:
        break;
    case AreaRole:
        return a.areaKm2;
    case VertexCountRole:
        return a.vertexCount;
    case SelfIntersectingRole:
        return a.selfIntersecting;
    case ActiveRole:
        return index.row() == m_active;
    default:
        break;
    }
    return {};
}

bool AoiListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_aois.size()) {
        return false;
    }
    if (role == Qt::EditRole) {
        const QString name = value.toString().trimmed();
        if (name.isEmpty()) {
            return false;
        }
        const QString before = m_aois[index.row()].name;
        if (name == before) {
            return true;
        }
        rename(index.row(), name);
        Q_EMIT renamedByUser(index.row(), before, name);
        return true;
    }
    if (role == Qt::CheckStateRole) {
        setVisible(index.row(), value.toInt() == Qt::Checked);
        return true;
    }
    return false;
}

Qt::ItemFlags AoiListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
}

void AoiListModel::derive(Aoi &aoi)
{
    aoi.areaKm2 = Geodesy::areaKm2(aoi.geometry);
    aoi.selfIntersecting = Geodesy::selfIntersects(aoi.geometry);
    aoi.bounds = aoi.geometry.bounds();
    // A closed ring repeats its first vertex: count corners, not positions.
    int vertices = 0;
    for (int r = 0; r < aoi.geometry.ringCount(); ++r) {
        const int n = int(aoi.geometry.ring(r).size() / 2);
        vertices += aoi.geometry.isAreal() && n > 1 ? n - 1 : n;
    }
    aoi.vertexCount = vertices;
}

void AoiListModel::restore(const QList<Aoi> &aois, int active)
{
    beginResetModel();
    m_aois = aois;
    for (Aoi &aoi : m_aois) {
        derive(aoi);
    }
    m_active = active >= 0 && active < m_aois.size() ? active : -1;
    m_counter = int(m_aois.size());
    endResetModel();
    Q_EMIT aoisChanged();
    Q_EMIT activeChanged(m_active);
}

int AoiListModel::add(Aoi::Kind kind, const Geometry &geometry, const QString &name)
{
    Aoi aoi;
    aoi.kind = kind;
    aoi.geometry = geometry;
    aoi.name = name.isEmpty() ? QStringLiteral("%1 %2").arg(kindName(kind)).arg(++m_counter) : name;
    derive(aoi);
    const int row = int(m_aois.size());
    beginInsertRows({}, row, row);
    m_aois.append(aoi);
    endInsertRows();
    setActiveRow(row);
    return row;
}

void AoiListModel::remove(int row)
{
    if (row < 0 || row >= m_aois.size()) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_aois.removeAt(row);
    endRemoveRows();
    if (m_active == row) {
        m_active = -1;
        Q_EMIT activeChanged(-1);
    } else if (m_active > row) {
        --m_active;
        Q_EMIT activeChanged(m_active);
    }
}

void AoiListModel::insert(int row, const Aoi &aoi, bool makeActive)
{
    row = std::clamp(row, 0, int(m_aois.size()));
    beginInsertRows({}, row, row);
    m_aois.insert(row, aoi);
    derive(m_aois[row]);
    endInsertRows();
    if (makeActive) {
        if (m_active >= row) {
            ++m_active; // the old active row moved down; setActiveRow announces both
        }
        setActiveRow(row);
    } else if (m_active >= row) {
        ++m_active;
        Q_EMIT activeChanged(m_active);
    }
}

void AoiListModel::setGeometry(int row, const Geometry &geometry)
{
    if (row < 0 || row >= m_aois.size()) {
        return;
    }
    m_aois[row].geometry = geometry;
    derive(m_aois[row]);
    Q_EMIT dataChanged(index(row), index(row));
    if (row == m_active) {
        Q_EMIT activeChanged(row);
    }
}

void AoiListModel::rename(int row, const QString &name)
{
    if (row < 0 || row >= m_aois.size() || name.isEmpty()) {
        return;
    }
    m_aois[row].name = name;
    Q_EMIT dataChanged(index(row), index(row), { Qt::DisplayRole, Qt::EditRole });
}

void AoiListModel::setVisible(int row, bool visible)
{
    if (row < 0 || row >= m_aois.size() || m_aois[row].visible == visible) {
        return;
    }
    m_aois[row].visible = visible;
    Q_EMIT dataChanged(index(row), index(row), { Qt::CheckStateRole });
}

void AoiListModel::setActiveRow(int row)
{
    if (row < -1 || row >= m_aois.size() || row == m_active) {
        return;
    }
    const int previous = m_active;
    m_active = row;
    if (previous >= 0) {
        Q_EMIT dataChanged(index(previous), index(previous), { ActiveRole });
    }
    if (row >= 0) {
        Q_EMIT dataChanged(index(row), index(row), { ActiveRole });
    }
    Q_EMIT activeChanged(row);
}

} // namespace StacScope
