#include "src/models/resultsmodel.h"

#include <algorithm>
#include <cmath>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "src/stac/datetime.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

ResultsModel::ResultsModel(const ItemStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_rows(store->size())
{}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount + int(m_properties.size());
}

void ResultsModel::setPropertyColumns(const QStringList &names)
{
    if (names == m_properties) {
        return;
    }
    if (!m_properties.isEmpty()) {
        beginRemoveColumns({}, ColumnCount, ColumnCount + int(m_properties.size()) - 1);
        m_properties.clear();
        m_propertyCache.clear();
        endRemoveColumns();
    }
    if (!names.isEmpty()) {
        beginInsertColumns({}, ColumnCount, ColumnCount + int(names.size()) - 1);
        m_properties = names;
        m_propertyCache.clear();
        endInsertColumns();
    }
}

QString ResultsModel::propertyOfColumn(int column) const
{
    const int i = column - ColumnCount;
    return i >= 0 && i < m_properties.size() ? m_properties[i] : QString();
}

int ResultsModel::columnOfPropertyColumn(const QString &name) const
{
    const int i = int(m_properties.indexOf(name));
    return i < 0 ? -1 : ColumnCount + i;
}

QStringList ResultsModel::sampledPropertyNames(int maxRows) const
{
    QSet<QString> names;
    const int n = m_store->size();
    const int step = std::max(1, n / std::max(1, maxRows));
    for (int row = 0; row < n; row += step) {
        const QJsonObject properties
            = QJsonDocument::fromJson(m_store->rawJson(row)).object().value(u"properties"_s).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            names.insert(it.key());
        }
    }
    QStringList sorted(names.begin(), names.end());
    sorted.sort();
    return sorted;
}

QString ResultsModel::propertyText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == std::floor(d) && std::abs(d) < 1e15 ? QString::number(qint64(d)) : QString::number(d, 'g', 10);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        // A list of texts or numbers reads best as "a, b"; anything deeper as JSON.
        QStringList parts;
        for (const QJsonValue &v : value.toArray()) {
            if (v.isArray() || v.isObject()) {
                return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
            }
            parts.append(propertyText(v));
        }
        return parts.join(u", "_s);
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

QVariant ResultsModel::propertySortValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return value.toDouble();
    case QJsonValue::Bool:
        return value.toBool() ? 1.0 : 0.0;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    default: {
        const QString text = propertyText(value);
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    }
}

void ResultsModel::notifyDecorationChanged(int row)
{
    const int column = columnOfPropertyColumn(thumbnailColumn());
    if (column >= 0 && row >= 0 && row < m_rows) {
        const QModelIndex at = index(row, column);
        Q_EMIT dataChanged(at, at, { Qt::DecorationRole });
    }
}

const QList<QJsonValue> *ResultsModel::propertyValues(int row) const
{
    if (const QList<QJsonValue> *cached = m_propertyCache.object(row)) {
        return cached;
    }
    const QJsonObject properties
        = QJsonDocument::fromJson(m_store->rawJson(row)).object().value(u"properties"_s).toObject();
    auto *values = new QList<QJsonValue>;
    values->reserve(m_properties.size());
    for (const QString &name : m_properties) {
        values->append(properties.value(name));
    }
    m_propertyCache.insert(row, values);
    return values;
}

QString ResultsModel::formatDatetime(qint64 msecs)
{
    if (msecs == ItemRecord::kNoTime) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows || index.column() >= columnCount()) {
        return {};
    }
    if (index.column() >= ColumnCount && m_properties[index.column() - ColumnCount] == thumbnailColumn()) {
        if (role == Qt::DecorationRole && m_decoration) {
            return m_decoration(index.row());
        }
        return role == RowRole ? QVariant(index.row()) : QVariant();
    }
    if (index.column() >= ColumnCount) {
        const QJsonValue value = propertyValues(index.row())->value(index.column() - ColumnCount);
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole: {
            const QString text = propertyText(value);
            return text.isEmpty() ? QVariant() : QVariant(text);
        }
        case SortRole:
            return propertySortValue(value);
        case RowRole:
            return index.row();
        case Qt::TextAlignmentRole:
            return value.isDouble() ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
        default:
            return {};
        }
    }
    const ItemRecord &r = m_store->at(index.row());
    auto number = [](float v, int decimals, const QString &unit) -> QVariant {
        if (!ItemRecord::isSet(v)) {
            return {};
        }
        const QString text = QString::number(double(v), 'f', decimals) + unit;
        return text;
    };
    auto sortNumber = [](float v) -> QVariant {
        // Missing: no value (ResultsSortProxy puts it last in either direction).
        return ItemRecord::isSet(v) ? QVariant(double(v)) : QVariant();
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return r.id;
        case Collection:
            return r.collection;
        case Datetime:
            return formatDatetime(r.datetime);
        case CloudCover:
            return number(r.cloudCover, 1, u" %"_s);
        case Gsd:
            return number(r.gsd, r.gsd < 10 ? 2 : 1, u" m"_s);
        case OffNadir:
            return number(r.offNadir, 1, u"°"_s);
        case Platform:
            return r.platform;
        case Mode:
            return r.sarMode;
        case ProductType:
            return r.productType;
        case Polarizations:
            return r.polarizations;
        case LookAngle:
            return number(r.lookAngle, 1, u"°"_s);
        case OrbitState:
            return r.orbitState;
        case Catalog:
            return catalogName(index.row());
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Id:
            return r.id;
        case Collection:
            return r.collection;
        case Datetime:
            return r.hasDatetime() ? QVariant(r.datetime) : QVariant();
        case CloudCover:
            return sortNumber(r.cloudCover);
        case Gsd:
            return sortNumber(r.gsd);
        case OffNadir:
            return sortNumber(r.offNadir);
        case Platform:
            return r.platform;
        case Mode:
            return r.sarMode;
        case ProductType:
            return r.productType;
        case Polarizations:
            return r.polarizations;
        case LookAngle:
            return sortNumber(r.lookAngle);
        case OrbitState:
            return r.orbitState;
        case Catalog:
            return catalogName(index.row());
        }
        break;
    case RowRole:
        return index.row();
    case NewRole:
        return m_newRows.contains(index.row());
    case Qt::TextAlignmentRole:
        if ((index.column() >= CloudCover && index.column() <= OffNadir) || index.column() == LookAngle) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case Qt::ToolTipRole:
        // Text that may be cut short in its column (ids, collections, platforms, modes).
        if (index.column() == Id || index.column() == Collection || index.column() == Platform || index.column() == Mode
            || index.column() == ProductType || index.column() == Polarizations || index.column() == Catalog) {
            const QString text = data(index, Qt::DisplayRole).toString();
            if (index.column() == Id && m_newRows.contains(index.row())) {
                return tr("%1\nNew since the saved search last ran").arg(text);
            }
            return text.isEmpty() ? QVariant() : QVariant(text);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section >= ColumnCount && section < columnCount()) {
        if (role == Qt::DisplayRole) {
            return propertyOfColumn(section) == thumbnailColumn() ? tr("Preview") : propertyOfColumn(section);
        }
        if (role == Qt::ToolTipRole) {
            return tr("The item property \"%1\" (right-click the header to choose columns)")
                .arg(propertyOfColumn(section));
        }
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Id:
        return tr("ID");
    case Collection:
        return tr("Collection");
    case Datetime:
        return tr("Acquired (UTC)");
    case CloudCover:
        return tr("Cloud");
    case Gsd:
        return tr("GSD");
    case OffNadir:
        return tr("Off-nadir");
    case Platform:
        return tr("Platform");
    case Mode:
        return tr("Mode");
    case ProductType:
        return tr("Product");
    case Polarizations:
        return tr("Polarization");
    case LookAngle:
        return tr("Look angle");
    case OrbitState:
        return tr("Orbit");
    case Catalog:
        return tr("Catalog");
    }
    return {};
}

QString ResultsModel::catalogName(int row) const
{
    return m_catalogNames.size() > 1 ? m_catalogNames.value(m_store->origin(row)) : QString();
}

void ResultsModel::syncAppended()
{
    const int now = m_store->size();
    if (now < m_rows) {
        syncReset();
        return;
    }
    if (now == m_rows) {
        return;
    }
    const int first = m_rows;
    beginInsertRows({}, m_rows, now - 1);
    m_rows = now;
    endInsertRows();
    if (noteFilled(first, now)) {
        Q_EMIT filledColumnsChanged();
    }
}

void ResultsModel::syncReset()
{
    beginResetModel();
    m_newRows.clear();
    m_rows = m_store->size();
    m_propertyCache.clear();
    std::fill(std::begin(m_filled), std::end(m_filled), false);
    endResetModel();
    noteFilled(0, m_rows);
    Q_EMIT filledColumnsChanged();
}

void ResultsModel::setNewRows(const QSet<int> &rows)
{
    // One signal over the rows that changed, whatever their number.
    int first = m_rows;
    int last = -1;
    const QSet<int> *sets[] = { &m_newRows, &rows };
    for (const QSet<int> *set : sets) {
        for (int row : *set) {
            if (row >= 0 && row < m_rows && m_newRows.contains(row) != rows.contains(row)) {
                first = std::min(first, row);
                last = std::max(last, row);
            }
        }
    }
    m_newRows = rows;
    if (last >= first) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1), { NewRole, Qt::ToolTipRole });
    }
}

bool ResultsModel::noteFilled(int first, int last)
{
    bool changed = false;
    auto note = [&](int column, bool has) {
        if (has && !m_filled[column]) {
            m_filled[column] = true;
            changed = true;
        }
    };
    note(Id, last > first);
    note(Collection, last > first);
    note(Datetime, last > first);
    for (int row = first; row < last; ++row) {
        const ItemRecord &r = m_store->at(row);
        note(CloudCover, ItemRecord::isSet(r.cloudCover));
        note(Gsd, ItemRecord::isSet(r.gsd));
        note(OffNadir, ItemRecord::isSet(r.offNadir));
        note(Platform, !r.platform.isEmpty());
        note(Mode, !r.sarMode.isEmpty());
        note(ProductType, !r.productType.isEmpty());
        note(Polarizations, !r.polarizations.isEmpty());
        note(LookAngle, ItemRecord::isSet(r.lookAngle));
        note(OrbitState, !r.orbitState.isEmpty());
    }
    note(Catalog, last > first && m_catalogNames.size() > 1);
    return changed;
}

} // namespace StacScope
