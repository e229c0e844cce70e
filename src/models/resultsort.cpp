#include "src/models/resultsort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <utility>

namespace StacScope {

namespace {

using Keyed = std::vector<std::pair<std::uint64_t, int>>;

// Stable ascending order of `keyed` by key: an LSD radix sort on 11-bit digits, skipping the digits
// all keys share, so a few passes over the entries whatever their number, where a comparison sort
// of a million takes ten times as long. 2,048 buckets stay in cache while entries are scattered.
void radixSort(Keyed &keyed, Keyed &scratch)
{
    constexpr int kBits = 11;
    constexpr int kDigits = (64 + kBits - 1) / kBits;
    constexpr std::uint64_t kMask = (std::uint64_t(1) << kBits) - 1;
    if (keyed.size() < 2) {
        return;
    }
    if (keyed.size() <= 256) {
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        return;
    }
    std::vector<std::array<std::uint32_t, size_t(1) << kBits>> counts(kDigits);
    for (auto &c : counts) {
        c.fill(0);
    }
    for (const auto &entry : keyed) {
        for (int d = 0; d < kDigits; ++d) {
            ++counts[size_t(d)][(entry.first >> (kBits * d)) & kMask];
        }
    }
    scratch.resize(keyed.size());
    for (int d = 0; d < kDigits; ++d) {
        auto &c = counts[size_t(d)];
        if (c[(keyed.front().first >> (kBits * d)) & kMask] == keyed.size()) {
            continue; // every key has this digit
        }
        std::uint32_t sum = 0;
        for (std::uint32_t &n : c) {
            const std::uint32_t here = n;
            n = sum;
            sum += here;
        }
        for (const auto &entry : keyed) {
            scratch[c[(entry.first >> (kBits * d)) & kMask]++] = entry;
        }
        keyed.swap(scratch);
    }
}

// Stable ascending order of `values` by their bits [low, high): an LSD radix sort on 11-bit digits
// of that field only, skipping the digits all values share. Bits below `low` keep their order.
// Returns false when it moved nothing (every digit shared).
bool radixSortBits(std::vector<std::uint64_t> &values, int low, int high)
{
    constexpr int kBits = 11;
    constexpr std::uint64_t kMask = (std::uint64_t(1) << kBits) - 1;
    const int digits = (high - low + kBits - 1) / kBits;
    if (values.size() < 2 || digits <= 0) {
        return false;
    }
    std::vector<std::array<std::uint32_t, size_t(1) << kBits>> counts(static_cast<size_t>(digits));
    for (auto &c : counts) {
        c.fill(0);
    }
    for (const std::uint64_t v : values) {
        for (int d = 0; d < digits; ++d) {
            ++counts[size_t(d)][(v >> (low + kBits * d)) & kMask];
        }
    }
    std::vector<std::uint64_t> scratch;
    bool moved = false;
    for (int d = 0; d < digits; ++d) {
        const int shift = low + kBits * d;
        auto &c = counts[size_t(d)];
        if (c[(values.front() >> shift) & kMask] == values.size()) {
            continue; // every value has this digit
        }
        scratch.resize(values.size());
        moved = true;
        std::uint32_t sum = 0;
        for (std::uint32_t &n : c) {
            const std::uint32_t here = n;
            n = sum;
            sum += here;
        }
        for (const std::uint64_t v : values) {
            scratch[c[(v >> shift) & kMask]++] = v;
        }
        values.swap(scratch);
    }
    return moved;
}

// Bytes [depth, depth + count) of `s` as a big-endian number, zeros past its end (count <= 8).
std::uint64_t chunkAt(std::string_view s, size_t depth, size_t count)
{
    unsigned char bytes[8] = {};
    if (depth < s.size()) {
        std::memcpy(bytes, s.data() + depth, std::min(count, s.size() - depth));
    }
    std::uint64_t k = 0;
    for (size_t i = 0; i < count; ++i) {
        k = (k << 8) | bytes[i];
    }
    return k;
}

// A most-significant-first radix sort of texts: the rows of [first, last), which share their
// first `depth` bytes, sorted stably by text. Each level sorts by the next few bytes and goes down
// only into runs that still tie. A level's entries are one 64-bit word each, the bytes above the
// entry's position in the range (5 bytes a level for a million rows, more for fewer).
class TextSorter
{
public:
    explicit TextSorter(const std::function<std::string_view(int)> &text)
        : m_text(text)
    {}

    void sort(int *first, int *last, size_t depth)
    {
        const size_t n = size_t(last - first);
        if (n < 2) {
            return;
        }
        if (n <= 64) {
            std::stable_sort(first, last, [this, depth](int a, int b) {
                const std::string_view x = m_text(a), y = m_text(b);
                return x.substr(std::min(depth, x.size())) < y.substr(std::min(depth, y.size()));
            });
            return;
        }
        // Bytes all texts of the range share from `depth` on (catalog ids often start alike:
        // "S2B_MSIL2A_2024...") are stepped over at once.
        const std::string_view head = m_text(first[0]);
        size_t common = head.size() > depth ? head.size() - depth : 0;
        for (size_t i = 1; i < n && common > 0; ++i) {
            const std::string_view s = m_text(first[i]);
            const size_t limit = std::min(common, s.size() > depth ? s.size() - depth : 0);
            if (limit == 0) {
                common = 0;
                break;
            }
            const char *a = head.data() + depth;
            common = size_t(std::mismatch(a, a + limit, s.data() + depth).first - a);
        }
        depth += common;
        const int positionBits = std::bit_width(std::uint64_t(n - 1));
        const size_t count = std::min<size_t>(8, size_t(64 - positionBits) / 8);
        const std::uint64_t positionMask = (std::uint64_t(1) << positionBits) - 1;
        std::vector<std::uint64_t> keys(n);
        bool longer = false; // a text goes on past this level's bytes
        for (size_t i = 0; i < n; ++i) {
            const std::string_view s = m_text(first[i]);
            keys[i] = (chunkAt(s, depth, count) << positionBits) | i;
            longer = longer || s.size() > depth + count;
        }
        if (radixSortBits(keys, positionBits, positionBits + int(count) * 8)) {
            std::vector<int> rows(n);
            for (size_t i = 0; i < n; ++i) {
                rows[i] = first[keys[i] & positionMask];
            }
            std::copy(rows.begin(), rows.end(), first);
        }
        // The runs that tie on these bytes, found before going down so that this level's keys are
        // freed first.
        std::vector<std::pair<size_t, size_t>> runs;
        for (size_t i = 0; i < n;) {
            size_t j = i + 1;
            while (j < n && (keys[j] >> positionBits) == (keys[i] >> positionBits)) {
                ++j;
            }
            if (j - i > 1) {
                runs.emplace_back(i, j);
            }
            i = j;
        }
        keys = {};
        for (const auto &[begin, end] : runs) {
            if (longer) {
                sort(first + begin, first + end, depth + count);
            } else {
                // Texts that all end within these bytes and tie on them differ only in trailing
                // zero bytes and length: compare them whole.
                std::stable_sort(first + begin, first + end, [this](int a, int b) { return m_text(a) < m_text(b); });
            }
        }
    }

private:
    const std::function<std::string_view(int)> &m_text;
};

} // namespace

std::uint64_t orderedBits(float v)
{
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(v);
    return (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
}

std::uint64_t orderedBits(std::int64_t v)
{
    return std::uint64_t(v) ^ (std::uint64_t(1) << 63);
}

SortIndex sortIndexByKey(int size, const std::function<bool(int, std::uint64_t *)> &key)
{
    SortIndex index;
    index.size = size;
    std::vector<std::uint64_t> keys;
    keys.reserve(size_t(std::max(0, size)));
    std::uint64_t lowest = ~std::uint64_t(0), highest = 0;
    for (int row = 0; row < size; ++row) {
        std::uint64_t k = 0;
        if (key(row, &k)) {
            keys.push_back(k);
            lowest = std::min(lowest, k);
            highest = std::max(highest, k);
        } else {
            index.missing.push_back(row);
        }
    }
    if (keys.empty()) {
        return index;
    }
    // Calls `f(i, row)` for each row with a value, i counting them: the rows not in `missing`.
    const auto forEachValued = [&](auto f) {
        size_t i = 0, m = 0;
        for (int row = 0; row < size; ++row) {
            if (m < index.missing.size() && index.missing[m] == row) {
                ++m;
            } else {
                f(i++, row);
            }
        }
    };
    const int rowBits = std::bit_width(std::uint64_t(size - 1));
    const int keyBits = std::bit_width(highest - lowest);
    index.rows.resize(keys.size());
    index.sameAsPrevious.resize(keys.size());
    if (rowBits + keyBits <= 64) {
        // The usual case (cloud cover, times over a few years, ranks): key above row in one 64-bit
        // word, so the sort moves 8 bytes an entry instead of 16 and touches half the memory. The
        // rows go in ascending, so equal keys stay in store order.
        const std::uint64_t rowMask = (std::uint64_t(1) << rowBits) - 1;
        forEachValued([&](size_t i, int row) { keys[i] = ((keys[i] - lowest) << rowBits) | std::uint64_t(row); });
        radixSortBits(keys, rowBits, rowBits + keyBits);
        for (size_t i = 0; i < keys.size(); ++i) {
            index.rows[i] = int(keys[i] & rowMask);
            index.sameAsPrevious[i] = i > 0 && (keys[i] >> rowBits) == (keys[i - 1] >> rowBits);
        }
        return index;
    }
    Keyed keyed(keys.size());
    forEachValued([&](size_t i, int row) { keyed[i] = { keys[i], row }; });
    keys = {};
    Keyed scratch;
    radixSort(keyed, scratch);
    scratch = {};
    for (size_t i = 0; i < keyed.size(); ++i) {
        index.rows[i] = keyed[i].second;
        index.sameAsPrevious[i] = i > 0 && keyed[i].first == keyed[i - 1].first;
    }
    return index;
}

SortIndex sortIndexByText(int size, const std::function<std::string_view(int)> &text)
{
    SortIndex index;
    index.size = size;
    for (int row = 0; row < size; ++row) {
        (text(row).empty() ? index.missing : index.rows).push_back(row);
    }
    TextSorter(text).sort(index.rows.data(), index.rows.data() + index.rows.size(), 0);
    index.sameAsPrevious.resize(index.rows.size());
    for (size_t i = 1; i < index.rows.size(); ++i) {
        index.sameAsPrevious[i] = text(index.rows[i]) == text(index.rows[i - 1]);
    }
    return index;
}

void SortIndex::apply(std::vector<int> &subset, bool descending) const
{
    // Which rows to keep: all of them when the subset is the whole store.
    std::vector<char> keep;
    const bool all = subset.size() == size_t(size);
    if (!all) {
        keep.assign(size_t(size), 0);
        for (int row : subset) {
            keep[size_t(row)] = 1;
        }
    }
    const auto kept = [&](int row) { return all || keep[size_t(row)]; };
    size_t out = 0;
    const auto take = [&](int row) {
        if (kept(row)) {
            subset[out++] = row;
        }
    };
    if (!descending) {
        for (int row : rows) {
            take(row);
        }
    } else {
        // Runs of equal values from the last to the first, each in store order.
        size_t end = rows.size();
        while (end > 0) {
            size_t begin = end - 1;
            while (begin > 0 && sameAsPrevious[begin]) {
                --begin;
            }
            for (size_t i = begin; i < end; ++i) {
                take(rows[i]);
            }
            end = begin;
        }
    }
    for (int row : missing) {
        take(row);
    }
    subset.resize(out);
}

std::size_t SortIndex::bytes() const
{
    return rows.capacity() * sizeof(int) + missing.capacity() * sizeof(int) + sameAsPrevious.capacity() / 8;
}

} // namespace StacScope
