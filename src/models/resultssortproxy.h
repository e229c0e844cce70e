#pragma once

#include <functional>

#include <QSortFilterProxyModel>

namespace StacScope {

// The results table's sort: by ResultsModel::SortRole, with items that have no value for the
// column (an invalid value or an empty text) after all the others in both directions, and the
// store's order (the server's) between equals, so a sort is stable and repeatable.
class ResultsSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ResultsSortProxy(QObject *parent = nullptr);

    // The STAC property a results column sorts by ("datetime", "eo:cloud_cover"...), and back;
    // -1 / empty when none.
    static QString propertyOfColumn(int column);
    static int columnOfProperty(const QString &property);

    // Over the grouped results (ResultsGroupModel): an item row is kept only when `shown` says
    // so for its store row (the table's quick filter), a group only with an item kept, and a group
    // that lost some says "n of m items". Null (the default): every row. Call refilter() when
    // what `shown` says changes.
    void setShownFunction(std::function<bool(int storeRow)> shown);
    void refilter();
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::function<bool(int)> m_shown;
};

} // namespace StacScope
