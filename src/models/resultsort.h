#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace StacScope {

// One column's order over every stored row, worked out once: a later sort of that column, either
// way and of any subset the quick filter leaves, is one pass over it instead of a new sort.
// Rules (the table's, ResultsSortProxy's): ascending or descending by value, rows without a value
// last either way, rows with equal values in store order either way.
struct SortIndex
{
    int size = 0; // the rows [0, size) it orders
    std::vector<int> rows; // rows with a value, ascending, equal values in store order
    std::vector<bool> sameAsPrevious; // rows[i]'s value equals rows[i - 1]'s
    std::vector<int> missing; // rows without a value, in store order

    // Puts `subset` (distinct rows below `size`, in any order) in this column's order.
    void apply(std::vector<int> &subset, bool descending) const;
    // Bytes it holds, for the memory figures.
    std::size_t bytes() const;
};

// The order of rows [0, size) by a 64-bit key: `key(row, &k)` sets k and returns true, or returns
// false for a row without a value. Keys compare as unsigned integers (see orderedBits below).
SortIndex sortIndexByKey(int size, const std::function<bool(int, std::uint64_t *)> &key);

// The order of rows [0, size) by text, compared byte by byte (UTF-8 byte order is code point
// order); an empty text is no value.
SortIndex sortIndexByText(int size, const std::function<std::string_view(int)> &text);

// Order-preserving maps of numbers to unsigned integers (NaN aside: callers treat it as no value).
std::uint64_t orderedBits(float v);
std::uint64_t orderedBits(std::int64_t v);

} // namespace StacScope
