#pragma once

#include <vector>

#include <QString>

#include "src/stac/searchparameters.h"

namespace StacScope {

class ItemStore;

// Runs a search over items already in a store (a static catalog): bbox (antimeridian-aware)
// through the spatial index, intersects, datetime overlap, collections, ids, a CQL2 filter on any
// property, and sortby. Properties the record does not hold are read from the item's JSON.
class LocalSearch
{
public:
    explicit LocalSearch(const ItemStore &store);

    struct Result
    {
        std::vector<int> rows; // in result order, at most maxItems
        qint64 matched = 0; // before the cap
        QString error;
    };

    Result run(const SearchParameters &parameters, int maxItems = 0) const;

private:
    const ItemStore &m_store;
};

} // namespace StacScope
