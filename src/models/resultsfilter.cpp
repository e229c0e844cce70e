#include "src/models/resultsfilter.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <numeric>

#include "src/models/resultsmodel.h"
#include "src/models/resultsort.h"
#include "src/stac/itemstore.h"

namespace StacScope {

namespace {

constexpr quint16 kMaxCode = 65535;

unsigned char lowerAscii(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

} // namespace

quint16 ResultColumns::Codes::code(const QString &name)
{
    if (name.isEmpty()) {
        return 0;
    }
    auto it = byName.constFind(name);
    if (it != byName.constEnd()) {
        return *it;
    }
    if (names.size() >= kMaxCode - 1) {
        return 0; // more distinct values than codes: the rest filter and sort as "no value"
    }
    names.append(name);
    const quint16 c = quint16(names.size());
    byName.insert(name, c);
    return c;
}

void ResultColumns::append(const ItemStore &store, int first, int last, const std::function<QString(int)> &catalogOf)
{
    const size_t n = size_t(std::max(0, last - first));
    if (n > 0) {
        m_sortCache.cache = std::make_shared<SortCache>(); // the kept orders leave out the new rows
    }
    auto grow = [n](auto &v) {
        if (v.size() + n > v.capacity()) {
            v.reserve(std::max(v.size() + n, v.capacity() * 2));
        }
    };
    grow(m_datetime);
    grow(m_begin);
    grow(m_end);
    grow(m_cloud);
    grow(m_gsd);
    grow(m_offNadir);
    grow(m_lookAngle);
    grow(m_catalog);
    grow(m_textStart);
    for (Codes &c : m_texts) {
        grow(c.codes);
    }
    for (int row = first; row < last; ++row) {
        const ItemRecord &r = store.at(row);
        m_datetime.push_back(r.datetime);
        m_begin.push_back(r.timeBegin());
        m_end.push_back(r.timeEnd());
        m_cloud.push_back(r.cloudCover);
        m_gsd.push_back(r.gsd);
        m_offNadir.push_back(r.offNadir);
        m_lookAngle.push_back(r.lookAngle);
        const QString *texts[]
            = { &r.collection, &r.platform, &r.sarMode, &r.productType, &r.polarizations, &r.orbitState };
        for (int i = 0; i < 6; ++i) {
            m_texts[i].codes.push_back(m_texts[i].code(*texts[i]));
        }
        quint16 catalog = 0;
        if (catalogOf) {
            const QString name = catalogOf(row);
            if (!name.isEmpty()) {
                auto it = m_catalogByName.constFind(name);
                if (it != m_catalogByName.constEnd()) {
                    catalog = *it;
                } else if (m_catalogNames.size() < kMaxCode - 1) {
                    m_catalogNames.append(name);
                    catalog = quint16(m_catalogNames.size());
                    m_catalogByName.insert(name, catalog);
                }
            }
        }
        m_catalog.push_back(catalog);
        m_textStart.push_back(m_text.size());
        m_text.append(r.id.toUtf8());
        m_text.append('\x1f');
        m_text.append(r.title.toUtf8());
        m_text.append('\n');
    }
}

std::string_view ResultColumns::idOf(int row) const
{
    const qsizetype begin = m_textStart[size_t(row)];
    const char *data = m_text.constData() + begin;
    const qsizetype end = size_t(row) + 1 < m_textStart.size() ? m_textStart[size_t(row) + 1] : m_text.size();
    const void *sep = std::memchr(data, '\x1f', size_t(end - begin));
    return std::string_view(data, sep ? size_t(static_cast<const char *>(sep) - data) : size_t(end - begin));
}

std::vector<char> ResultColumns::textMatches(const QString &text) const
{
    // One pass over the whole block (Boyer-Moore-Horspool, ASCII case folded), then each hit
    // mapped to its row: far faster than a search per item.
    std::vector<char> hit(m_textStart.size(), 0);
    QByteArray needle = text.toUtf8();
    for (char &c : needle) {
        c = char(lowerAscii(uchar(c)));
    }
    if (needle.isEmpty() || m_text.isEmpty()) {
        return hit;
    }
    // Boyer-Moore-Horspool on ASCII-folded bytes, with a plain 256-entry shift table.
    const size_t m = size_t(needle.size());
    size_t shift[256];
    std::fill(std::begin(shift), std::end(shift), m);
    for (size_t i = 0; i + 1 < m; ++i) {
        const unsigned char c = uchar(needle[qsizetype(i)]);
        shift[c] = m - 1 - i;
        if (c >= 'a' && c <= 'z') {
            shift[c - ('a' - 'A')] = m - 1 - i; // the upper case letter shifts the same
        }
    }
    const char *n = needle.constData();
    const auto search = [&](const char *from, const char *to) -> const char * {
        while (size_t(to - from) >= m) {
            size_t j = m - 1;
            while (lowerAscii(uchar(from[j])) == uchar(n[j])) {
                if (j == 0) {
                    return from;
                }
                --j;
            }
            from += shift[uchar(from[m - 1])];
        }
        return to;
    };
    const char *begin = m_text.constData();
    const char *end = begin + m_text.size();
    const char *at = begin;
    while (at < end) {
        const char *found = search(at, end);
        if (found == end) {
            break;
        }
        const char *foundEnd = found + m;
        const qsizetype offset = found - begin;
        const auto it = std::upper_bound(m_textStart.begin(), m_textStart.end(), offset);
        const size_t row = size_t(it - m_textStart.begin()) - 1;
        // A match across the line break belongs to no item ("\n" is never in a needle from a line
        // edit, but a pasted one might hold one).
        const qsizetype rowEnd = row + 1 < m_textStart.size() ? m_textStart[row + 1] : m_text.size();
        if (foundEnd - begin <= rowEnd) {
            hit[row] = 1;
        }
        // Next row: one hit per row is enough.
        at = begin + rowEnd;
    }
    return hit;
}

bool ResultColumns::matches(int row, const QuickFilter &f) const
{
    const size_t r = size_t(row);
    if (f.cloudMin || f.cloudMax) {
        const float c = m_cloud[r];
        if (std::isnan(c) || (f.cloudMin && c < *f.cloudMin) || (f.cloudMax && c > *f.cloudMax)) {
            return false;
        }
    }
    if (f.from || f.to) {
        if (m_begin[r] == ItemRecord::kNoTime) {
            return false;
        }
        if ((f.to && m_begin[r] > *f.to) || (f.from && m_end[r] < *f.from)) {
            return false;
        }
    }
    if (!f.collections.isEmpty()) {
        const quint16 c = m_texts[0].codes[r];
        if (c == 0 || !f.collections.contains(m_texts[0].names[c - 1])) {
            return false;
        }
    }
    if (!f.catalogs.isEmpty()) {
        const quint16 c = m_catalog[r];
        if (c == 0 || !f.catalogs.contains(m_catalogNames[c - 1])) {
            return false;
        }
    }
    if (!f.text.isEmpty()) {
        const qsizetype begin = m_textStart[r];
        const qsizetype end = r + 1 < m_textStart.size() ? m_textStart[r + 1] : m_text.size();
        const QString entry = QString::fromUtf8(m_text.constData() + begin, end - begin);
        if (!entry.contains(f.text, Qt::CaseInsensitive)) {
            return false;
        }
    }
    return true;
}

std::vector<int> ResultColumns::filter(const QuickFilter &f, int first, int last) const
{
    std::vector<int> rows;
    last = std::min(last, size());
    if (first >= last) {
        return rows;
    }
    if (f.isEmpty()) {
        rows.resize(size_t(last - first));
        std::iota(rows.begin(), rows.end(), first);
        return rows;
    }
    // Many rows: the text test over the whole block at once, the rest per row.
    std::vector<char> text;
    QuickFilter rest = f;
    if (!f.text.isEmpty() && last - first > 256) {
        text = textMatches(f.text);
        rest.text.clear();
    }
    for (int row = first; row < last; ++row) {
        if ((text.empty() || text[size_t(row)]) && matches(row, rest)) {
            rows.push_back(row);
        }
    }
    return rows;
}

std::shared_ptr<const SortIndex> ResultColumns::buildSortIndex(int column) const
{
    const int n = size();
    auto floats = [n](const std::vector<float> &v) {
        return sortIndexByKey(n, [&v](int row, std::uint64_t *k) {
            const float f = v[size_t(row)];
            *k = orderedBits(f);
            return !std::isnan(f);
        });
    };
    auto codes = [n](const Codes &c) {
        // Rank the distinct texts once, then order numbers.
        std::vector<int> order(size_t(c.names.size()));
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&c](int a, int b) { return c.names[a] < c.names[b]; });
        std::vector<std::uint32_t> rank(size_t(c.names.size()) + 1, 0);
        for (size_t i = 0; i < order.size(); ++i) {
            rank[size_t(order[i]) + 1] = std::uint32_t(i);
        }
        return sortIndexByKey(n, [&](int row, std::uint64_t *k) {
            const quint16 code = c.codes[size_t(row)];
            *k = rank[code];
            return code != 0;
        });
    };
    SortIndex index;
    switch (column) {
    case ResultsModel::Id:
        index = sortIndexByText(n, [this](int row) { return idOf(row); });
        break;
    case ResultsModel::Collection:
        index = codes(m_texts[0]);
        break;
    case ResultsModel::Datetime:
        index = sortIndexByKey(n, [this](int row, std::uint64_t *k) {
            const qint64 t = m_datetime[size_t(row)];
            *k = orderedBits(std::int64_t(t));
            return t != ItemRecord::kNoTime;
        });
        break;
    case ResultsModel::CloudCover:
        index = floats(m_cloud);
        break;
    case ResultsModel::Gsd:
        index = floats(m_gsd);
        break;
    case ResultsModel::OffNadir:
        index = floats(m_offNadir);
        break;
    case ResultsModel::Platform:
        index = codes(m_texts[1]);
        break;
    case ResultsModel::Mode:
        index = codes(m_texts[2]);
        break;
    case ResultsModel::ProductType:
        index = codes(m_texts[3]);
        break;
    case ResultsModel::Polarizations:
        index = codes(m_texts[4]);
        break;
    case ResultsModel::LookAngle:
        index = floats(m_lookAngle);
        break;
    case ResultsModel::OrbitState:
        index = codes(m_texts[5]);
        break;
    default:
        return {};
    }
    return std::make_shared<const SortIndex>(std::move(index));
}

std::shared_ptr<const SortIndex> ResultColumns::sortIndex(int column) const
{
    SortCache &cache = *m_sortCache.cache;
    {
        const std::lock_guard lock(cache.mutex);
        for (auto it = cache.indexes.begin(); it != cache.indexes.end(); ++it) {
            if (it->first == column) {
                auto found = *it;
                cache.indexes.erase(it);
                cache.indexes.insert(cache.indexes.begin(), found); // most recently used first
                return found.second;
            }
        }
    }
    // Built outside the lock: another thread may read the indexes meanwhile (two building the
    // same column at once both succeed, and the later one is kept).
    std::shared_ptr<const SortIndex> index = buildSortIndex(column);
    if (!index) {
        return {};
    }
    const std::lock_guard lock(cache.mutex);
    std::erase_if(cache.indexes, [column](const auto &entry) { return entry.first == column; });
    cache.indexes.insert(cache.indexes.begin(), { column, index });
    if (cache.indexes.size() > kSortIndexesKept) {
        cache.indexes.resize(kSortIndexesKept);
    }
    return index;
}

std::size_t ResultColumns::sortIndexBytes() const
{
    SortCache &cache = *m_sortCache.cache;
    const std::lock_guard lock(cache.mutex);
    std::size_t bytes = 0;
    for (const auto &entry : cache.indexes) {
        bytes += entry.second->bytes();
    }
    return bytes;
}

void ResultColumns::sort(
    std::vector<int> &rows, int column, bool descending, const std::vector<QVariant> *propertyValues) const
{
    if (const std::shared_ptr<const SortIndex> index = sortIndex(column)) {
        index->apply(rows, descending);
        return;
    }
    if (!propertyValues) {
        return;
    }
    // A property column: numbers before texts, each in its order; no value last.
    const std::vector<QVariant> &values = *propertyValues;
    auto value = [&values](int row) -> const QVariant & {
        static const QVariant none;
        return size_t(row) < values.size() ? values[size_t(row)] : none;
    };
    auto missing = [&](int row) {
        const QVariant &v = value(row);
        return !v.isValid() || v.isNull() || (v.typeId() == QMetaType::QString && v.toString().isEmpty());
    };
    const auto end = std::stable_partition(rows.begin(), rows.end(), [&](int row) { return !missing(row); });
    std::stable_sort(rows.begin(), end, [&](int a, int b) {
        const QPartialOrdering order
            = descending ? QVariant::compare(value(b), value(a)) : QVariant::compare(value(a), value(b));
        return order == QPartialOrdering::Less;
    });
}

} // namespace StacScope
