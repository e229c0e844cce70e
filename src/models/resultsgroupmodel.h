#pragma once

#include <functional>
#include <vector>

#include <QAbstractItemModel>
#include <QHash>

namespace StacScope {

class ItemStore;
class ResultsModel;

// The search results grouped by one field (a collect id, a product type, a platform...): a
// tree whose top rows are the groups ("spotlight · 12 items") and whose children are the items,
// with the columns of the flat ResultsModel it wraps. Pages are added incrementally (new groups
// and new children are row insertions), so a large search stays responsive.
class ResultsGroupModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    // The group value of the store's row `row`; an empty string groups the items without one.
    using KeyFunction = std::function<QString(const ItemStore &store, int row)>;

    enum Role
    {
        GroupValueRole = Qt::UserRole + 100, // on group rows: the value
        GroupSizeRole, // on group rows: the number of items
    };

    ResultsGroupModel(const ItemStore *store, const ResultsModel *flat, QObject *parent = nullptr);

    // Groups by `key`; `label` names the field in headers ("Collect id").
    void setGrouping(const QString &label, KeyFunction key);
    QString groupingLabel() const { return m_label; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The store grew / was reset (as ResultsModel::syncAppended / syncReset; sync the flat model
    // first: item rows show its data).
    void syncAppended();
    void syncReset();

    int groupCount() const { return int(m_groups.size()); }
    // The store row of an item index; -1 for a group row.
    int storeRow(const QModelIndex &index) const;
    // The item index of a store row, or an invalid index.
    QModelIndex indexOfStoreRow(int row, int column = 0) const;

    // Field value readers for the usual groupings: typed fields of the record, or a property read
    // from the item's JSON (slower: the JSON is parsed).
    static KeyFunction recordField(int resultsColumn);
    static KeyFunction property(const QString &name);

private:
    struct Group
    {
        QString value;
        std::vector<int> rows; // store rows
    };
    void addRows(int first, int last, bool notify);

    const ItemStore *m_store;
    const ResultsModel *m_flat;
    QString m_label;
    KeyFunction m_key;
    std::vector<Group> m_groups;
    QHash<QString, int> m_groupByValue;
    std::vector<std::pair<int, int>> m_position; // store row -> (group, index in group)
    int m_rows = 0; // store rows grouped so far
};

} // namespace StacScope
