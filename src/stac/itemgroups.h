#pragma once

#include <functional>
#include <vector>

#include <QJsonObject>
#include <QString>

namespace StacScope {

class ItemStore;

// Results grouped by the value of one field (a collect id, a product type...): each group's
// value and its rows in the store, groups in order of first appearance.
struct ItemGroup
{
    QString value; // empty: items without the field
    std::vector<int> rows;
};

// The value of `field` in a STAC item: "id", "collection", or a property ("properties." prefix
// optional); lists joined with ','; numbers without trailing zeros; empty when absent.
QString itemFieldValue(const QJsonObject &item, const QString &field);

// Groups every row of `store` by `valueOf(item JSON)`; the items' JSON is read from the store.
std::vector<ItemGroup> groupItems(const ItemStore &store, const std::function<QString(const QJsonObject &)> &valueOf);

} // namespace StacScope
