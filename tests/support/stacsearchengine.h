#pragma once

#include <memory>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "tests/support/stacitemrecord.h"
#include "tests/support/stacsearchquery.h"

namespace StacScope {

// The item store of StacEmulator and its Item Search: filters (collections, ids, datetime,
// spatial, CQL2), sorting and a small cache of results, so that paging through one query
// filters and sorts only once. Results are stable: ties keep load order.
class StacSearchEngine
{
public:
    using Result = std::shared_ptr<const QList<qsizetype>>; // item indexes in result order

    StacSearchEngine();
    ~StacSearchEngine();

    void clear();
    // Adds an item, or replaces the one with the same collection and id.
    bool addItem(const QJsonObject &item, QString *error);
    void addRecord(StacItemRecord record);
    qsizetype itemCount() const { return qsizetype(m_items.size()); }
    const StacItemRecord &item(qsizetype index) const { return m_items.at(size_t(index)); }
    // -1 when there is no such item.
    qsizetype findItem(const QString &collection, const QString &id) const;

    // JSON Schema "properties" of the queryables: id, collection, geometry, datetime and every
    // property seen in the items (of `collection`, or of all items when it is empty).
    QJsonObject queryableProperties(const QString &collection) const;

    // Null with `error` set when the query cannot run (e.g. an unknown sort field).
    // Without sortby the order is datetime descending, then id descending (as pgstac does).
    Result search(const StacSearchQuery &query, QString *error);

private:
    enum TypeFlag
    {
        StringType = 1,
        IntegerType = 2,
        NumberType = 4,
        BooleanType = 8,
        ArrayType = 16,
        ObjectType = 32,
        DateTimeString = 64,
        PlainString = 128,
    };

    bool matches(const StacItemRecord &item, const StacSearchQuery &query) const;
    bool sortResult(QList<qsizetype> *indexes, const QList<StacSearchQuery::SortField> &sortby, QString *error) const;
    QJsonValue sortValue(const StacItemRecord &item, const QString &field) const;
    void noteProperties(const QJsonObject &properties, const QString &collection);

    std::vector<StacItemRecord> m_items;
    QHash<QString, QHash<QString, qsizetype>> m_index; // collection -> id -> item index
    QHash<QString, QHash<QString, int>> m_propertyTypes; // collection ("" = all) -> name -> TypeFlags
    QList<std::pair<QByteArray, Result>> m_cache; // most recently used first
};

} // namespace StacScope
