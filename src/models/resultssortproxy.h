#pragma once

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

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace StacScope
