#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace StacScope {

class ItemStore;
struct SortIndex;

// The results table's quick filter: applied to the stored results, no new request. Empty fields
// filter nothing.
struct QuickFilter
{
    QString text; // in the id or the title, case-insensitive (ASCII letters)
    std::optional<double> cloudMin; // percent; items without a cloud cover fail a cloud range
    std::optional<double> cloudMax;
    std::optional<qint64> from; // msecs UTC: the item's period must overlap [from, to]
    std::optional<qint64> to;
    QStringList collections; // any of these; empty: all
    QStringList catalogs; // any of these; empty: all

    bool isEmpty() const
    {
        return text.isEmpty() && !cloudMin && !cloudMax && !from && !to && collections.isEmpty() && catalogs.isEmpty();
    }
    bool operator==(const QuickFilter &) const = default;
};

// The fields of each stored item that the quick filter and the table's sort read, packed into a
// few bytes an item (numbers, codes of repeated texts, ids and titles in one UTF-8 block), so a
// worker thread can filter and sort a million results without touching the store, which goes on
// growing on the GUI thread. Copied when shared and appended to (see ResultsViewProxy).
class ResultColumns
{
public:
    // Appends store rows [first, last) (the store's next rows); `catalogOf` names a row's catalog
    // (null: none).
    void append(const ItemStore &store, int first, int last, const std::function<QString(int)> &catalogOf = {});
    void clear() { *this = ResultColumns(); }
    int size() const { return int(m_datetime.size()); }

    bool matches(int row, const QuickFilter &filter) const;
    // Rows [first, last) that pass `filter`, in order.
    std::vector<int> filter(const QuickFilter &filter, int first, int last) const;

    // `rows` ordered by a ResultsModel column as the table sorts (ResultsSortProxy's rules: no
    // value last in either direction, ties in store order). `propertyValues` (for property columns,
    // by store row) gives the keys of columns this class does not hold; null for none.
    void sort(std::vector<int> &rows, int column, bool descending,
        const std::vector<QVariant> *propertyValues = nullptr) const;

    // The order of a column the class holds over all its rows, worked out on first use and kept
    // (the last few columns sorted) until rows are appended; null for other columns. Safe to call
    // from several threads.
    std::shared_ptr<const SortIndex> sortIndex(int column) const;
    // Bytes the kept orders hold.
    std::size_t sortIndexBytes() const;

    const QStringList &catalogs() const { return m_catalogNames; }
    const QStringList &collections() const { return m_texts[0].names; }

private:
    struct Codes
    {
        std::vector<quint16> codes; // 0: none, else names[code - 1]
        QStringList names;
        QHash<QString, quint16> byName;
        quint16 code(const QString &name);
    };
    static constexpr size_t kSortIndexesKept = 3;
    struct SortCache
    {
        std::mutex mutex;
        std::vector<std::pair<int, std::shared_ptr<const SortIndex>>> indexes; // most recently used first
    };
    // A copy starts with no orders: it is made to be appended to (see ResultsViewProxy).
    struct SortCacheHandle
    {
        SortCacheHandle() = default;
        SortCacheHandle(const SortCacheHandle &) {}
        SortCacheHandle &operator=(const SortCacheHandle &)
        {
            cache = std::make_shared<SortCache>();
            return *this;
        }
        std::shared_ptr<SortCache> cache = std::make_shared<SortCache>();
    };
    std::shared_ptr<const SortIndex> buildSortIndex(int column) const;
    // Which ids/titles blob rows contain `text`.
    std::vector<char> textMatches(const QString &text) const;
    std::string_view idOf(int row) const;

    std::vector<qint64> m_datetime, m_begin, m_end;
    std::vector<float> m_cloud, m_gsd, m_offNadir, m_lookAngle;
    // collection, platform, mode, product type, polarizations, orbit state
    Codes m_texts[6];
    std::vector<quint16> m_catalog;
    QStringList m_catalogNames;
    QHash<QString, quint16> m_catalogByName;
    QByteArray m_text; // "id\x1ftitle\n" for each row, UTF-8
    std::vector<qsizetype> m_textStart; // where each row's entry begins in m_text
    SortCacheHandle m_sortCache;
};

} // namespace StacScope
