#pragma once

#include "src/stac/queryables.h"

namespace StacScope {

class ItemSnapshot;

namespace ItemQueryables {

// The queryables of items already at hand (a static catalog, which publishes no schema): each
// property's type as the values show it (number, integer, string, boolean, timestamp when every
// string is an RFC 3339 date-time, array), numbers' observed range, and the distinct values of
// strings (and array elements) when there are at most `maxValues` of them. Reads every item of
// `items`; meant for a worker thread.
Queryables derive(const ItemSnapshot &items, int maxValues = 25);

} // namespace ItemQueryables

} // namespace StacScope
