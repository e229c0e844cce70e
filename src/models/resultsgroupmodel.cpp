#include "src/models/resultsgroupmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "src/models/resultsmodel.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

// Group rows have internal id 0; an item row's internal id is its group's index + 1.

ResultsGroupModel::ResultsGroupModel(const ItemStore *store, const ResultsModel *flat, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
    , m_flat(flat)
{}

void ResultsGroupModel::setGrouping(const QString &label, KeyFunction key)
{
    beginResetModel();
    m_label = label;
    m_key = std::move(key);
    m_groups.clear();
    m_groupByValue.clear();
    m_position.clear();
    m_rows = 0;
    addRows(0, m_store->size(), false);
    endResetModel();
}

void ResultsGroupModel::syncReset()
{
    setGrouping(m_label, m_key);
}

void ResultsGroupModel::syncAppended()
{
    const int now = m_store->size();
    if (now < m_rows) {
        syncReset();
        return;
    }
    addRows(m_rows, now, true);
}

void ResultsGroupModel::addRows(int first, int last, bool notify)
{
    if (!m_key || first >= last) {
        m_rows = std::max(m_rows, last);
        return;
    }
    // New groups first (one insertion at the top level), then each group's new children.
    QHash<int, std::vector<int>> added;
    std::vector<QString> newValues;
    std::vector<std::pair<QString, int>> keyed;
    keyed.reserve(size_t(last - first));
    for (int row = first; row < last; ++row) {
        const QString value = m_key(*m_store, row);
        keyed.emplace_back(value, row);
        if (!m_groupByValue.contains(value)
            && std::find(newValues.begin(), newValues.end(), value) == newValues.end()) {
            newValues.push_back(value);
        }
    }
    if (!newValues.empty()) {
        const int firstGroup = int(m_groups.size());
        if (notify) {
            beginInsertRows({}, firstGroup, firstGroup + int(newValues.size()) - 1);
        }
        for (const QString &v : newValues) {
            m_groupByValue.insert(v, int(m_groups.size()));
            m_groups.push_back({ v, {} });
        }
        if (notify) {
            endInsertRows();
        }
    }
    for (const auto &[value, row] : keyed) {
        added[m_groupByValue.value(value)].push_back(row);
    }
    m_position.resize(size_t(last), { -1, -1 });
    for (auto it = added.begin(); it != added.end(); ++it) {
        Group &g = m_groups[size_t(it.key())];
        const int firstChild = int(g.rows.size());
        if (notify) {
            beginInsertRows(index(it.key(), 0), firstChild, firstChild + int(it->size()) - 1);
        }
        for (int row : *it) {
            m_position[size_t(row)] = { it.key(), int(g.rows.size()) };
            g.rows.push_back(row);
        }
        if (notify) {
            endInsertRows();
        }
        if (notify) {
            // The group row's count changed.
            Q_EMIT dataChanged(index(it.key(), 0), index(it.key(), 0));
        }
    }
    m_rows = last;
}

int ResultsGroupModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_groups.size());
    }
    if (parent.internalId() == 0 && parent.column() == 0) {
        return int(m_groups[size_t(parent.row())].rows.size());
    }
    return 0;
}

int ResultsGroupModel::columnCount(const QModelIndex &) const
{
    return ResultsModel::ColumnCount;
}

QModelIndex ResultsGroupModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ResultsModel::ColumnCount || row < 0) {
        return {};
    }
    if (!parent.isValid()) {
        return row < int(m_groups.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    }
    if (parent.internalId() != 0 || parent.row() >= int(m_groups.size())
        || row >= int(m_groups[size_t(parent.row())].rows.size())) {
        return {};
    }
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ResultsGroupModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int ResultsGroupModel::storeRow(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == 0) {
        return -1;
    }
    return m_groups[size_t(index.internalId() - 1)].rows[size_t(index.row())];
}

QModelIndex ResultsGroupModel::indexOfStoreRow(int row, int column) const
{
    if (row < 0 || row >= int(m_position.size()) || m_position[size_t(row)].first < 0) {
        return {};
    }
    const auto [group, child] = m_position[size_t(row)];
    return createIndex(child, column, quintptr(group + 1));
}

QVariant ResultsGroupModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    if (index.internalId() == 0) {
        const Group &g = m_groups[size_t(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == 0) {
                const QString value = g.value.isEmpty() ? tr("(none)") : g.value;
                return g.rows.size() == 1 ? tr("%1 · 1 item").arg(value)
                                          : tr("%1 · %2 items").arg(value).arg(qint64(g.rows.size()));
            }
            return {};
        case ResultsModel::SortRole:
            return index.column() == 0 ? QVariant(g.value) : QVariant(qint64(g.rows.size()));
        case GroupValueRole:
            return g.value;
        case GroupSizeRole:
            return qint64(g.rows.size());
        case Qt::ToolTipRole:
            return tr("%1: %2").arg(m_label, g.value.isEmpty() ? tr("(none)") : g.value);
        default:
            return {};
        }
    }
    return m_flat->data(m_flat->index(storeRow(index), index.column()), role);
}

QVariant ResultsGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section == 0 && !m_label.isEmpty()) {
        return tr("%1 / ID").arg(m_label);
    }
    return m_flat->headerData(section, orientation, role);
}

ResultsGroupModel::KeyFunction ResultsGroupModel::recordField(int column)
{
    return [column](const ItemStore &store, int row) -> QString {
        const ItemRecord &r = store.at(row);
        switch (column) {
        case ResultsModel::Collection:
            return r.collection;
        case ResultsModel::Platform:
            return r.platform;
        case ResultsModel::Mode:
            return r.sarMode;
        case ResultsModel::ProductType:
            return r.productType;
        case ResultsModel::Polarizations:
            return r.polarizations;
        case ResultsModel::OrbitState:
            return r.orbitState;
        case ResultsModel::Datetime:
            return r.hasDatetime() ? ResultsModel::formatDatetime(r.datetime).left(10) : QString();
        default:
            return {};
        }
    };
}

ResultsGroupModel::KeyFunction ResultsGroupModel::property(const QString &name)
{
    return [name](const ItemStore &store, int row) -> QString {
        const QJsonValue v
            = QJsonDocument::fromJson(store.rawJson(row)).object().value(u"properties"_s).toObject().value(name);
        if (v.isArray()) {
            QStringList parts;
            for (const QJsonValue &e : v.toArray()) {
                parts.append(e.isDouble() ? QString::number(e.toDouble(), 'g', 12) : e.toString());
            }
            return parts.join(u',');
        }
        return v.isDouble() ? QString::number(v.toDouble(), 'g', 12) : v.toString();
    };
}

} // namespace StacScope
