// SortIndex: a column's order kept and applied to any subset, either way. Small cases have their
// expected orders written out by hand; large ones (which take the radix paths) are checked
// against std::stable_sort with a plain comparison, an independent oracle.
#include <algorithm>
#include <limits>
#include <random>
#include <string>

#include <QTest>

#include "src/models/resultsort.h"

using namespace StacScope;

namespace {

std::vector<int> ordered(const SortIndex &index, std::vector<int> subset, bool descending)
{
    index.apply(subset, descending);
    return subset;
}

std::vector<int> allRows(int n)
{
    std::vector<int> rows(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        rows[size_t(i)] = i;
    }
    return rows;
}

} // namespace

class TestResultSort : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbersBothWaysWithTiesAndMissing()
    {
        // row:            0     1    2     3    4     5
        const float v[] = { 5.f, NAN, -2.f, 5.f, 0.f, NAN };
        const SortIndex index = sortIndexByKey(6, [&](int row, std::uint64_t *k) {
            *k = orderedBits(v[row]);
            return !std::isnan(v[row]);
        });
        QCOMPARE(index.size, 6);
        // Ascending: -2 (2), 0 (4), 5 (0 then 3); no value last in store order (1, 5).
        QCOMPARE(ordered(index, allRows(6), false), (std::vector<int> { 2, 4, 0, 3, 1, 5 }));
        // Descending: 5 (0 then 3: equals stay in store order), 0, -2; no value still last.
        QCOMPARE(ordered(index, allRows(6), true), (std::vector<int> { 0, 3, 4, 2, 1, 5 }));
        // A subset, given in any order.
        QCOMPARE(ordered(index, { 5, 3, 2 }, false), (std::vector<int> { 2, 3, 5 }));
        QCOMPARE(ordered(index, { 1, 4, 0 }, true), (std::vector<int> { 0, 4, 1 }));
        QCOMPARE(ordered(index, {}, true), std::vector<int>());
    }

    void negativeAndLargeKeys()
    {
        const std::int64_t t[] = { std::numeric_limits<std::int64_t>::max(), -1, 0,
            std::numeric_limits<std::int64_t>::min() + 1, 1700000000000 };
        const SortIndex index = sortIndexByKey(5, [&](int row, std::uint64_t *k) {
            *k = orderedBits(t[row]);
            return true;
        });
        QCOMPARE(ordered(index, allRows(5), false), (std::vector<int> { 3, 1, 2, 4, 0 }));
        QCOMPARE(ordered(index, allRows(5), true), (std::vector<int> { 0, 4, 2, 1, 3 }));
        QVERIFY(index.missing.empty());
    }

    void textsByteOrder()
    {
        // Byte order: upper case before lower case, a prefix before its longer texts, a zero byte
        // after the end of a text, UTF-8 by code point; "" is no value.
        const std::string t[] = { "b", "ab", "", "B", std::string("ab\0c", 4), "a", "\xc3\xa9", "ab", "z" };
        const SortIndex index = sortIndexByText(9, [&](int row) { return std::string_view(t[row]); });
        QCOMPARE(ordered(index, allRows(9), false), (std::vector<int> { 3, 5, 1, 7, 4, 0, 8, 6, 2 }));
        // Descending: the two "ab" (1, 7) stay in store order.
        QCOMPARE(ordered(index, allRows(9), true), (std::vector<int> { 6, 8, 0, 4, 1, 7, 5, 3, 2 }));
    }

    void longSharedPrefixesTakeTheRadixPath()
    {
        // 5,000 ids sharing long prefixes (as catalogs name their items), duplicates included, in
        // a shuffled store order: more than one 8-byte level and runs far over the small-run cut.
        std::mt19937 random(11);
        std::vector<std::string> ids;
        const char *prefixes[] = { "S2B_MSIL2A_20240101T103421_N0510_R008_T31UDQ_", "S2A_MSIL2A_20240101T",
            "LC09_L2SP_199026_2024", "demo-optical-", "demo-sar-" };
        for (int i = 0; i < 5000; ++i) {
            const int n = int(random() % 1500);
            ids.push_back(std::string(prefixes[random() % 5]) + std::to_string(n));
        }
        ids.push_back({});
        std::shuffle(ids.begin(), ids.end(), random);
        const int n = int(ids.size());
        const SortIndex index = sortIndexByText(n, [&](int row) { return std::string_view(ids[size_t(row)]); });

        std::vector<int> expected = allRows(n);
        std::stable_sort(expected.begin(), expected.end(), [&](int a, int b) {
            if (ids[size_t(a)].empty() || ids[size_t(b)].empty()) {
                return !ids[size_t(a)].empty() && ids[size_t(b)].empty();
            }
            return ids[size_t(a)] < ids[size_t(b)];
        });
        QCOMPARE(ordered(index, allRows(n), false), expected);
        QVERIFY(ids[size_t(expected.back())].empty());

        // Descending: by text the other way, equal ids in store order, the empty id last.
        std::vector<int> down = allRows(n);
        std::stable_sort(down.begin(), down.end(), [&](int a, int b) {
            if (ids[size_t(a)].empty() || ids[size_t(b)].empty()) {
                return !ids[size_t(a)].empty() && ids[size_t(b)].empty();
            }
            return ids[size_t(b)] < ids[size_t(a)];
        });
        QCOMPARE(ordered(index, allRows(n), true), down);

        // Every third row.
        std::vector<int> third;
        for (int row = 0; row < n; row += 3) {
            third.push_back(row);
        }
        std::vector<int> expectedThird;
        for (int row : down) {
            if (row % 3 == 0) {
                expectedThird.push_back(row);
            }
        }
        QCOMPARE(ordered(index, third, true), expectedThird);
    }

    void wideAndNarrowKeyRangesBothWays_data()
    {
        QTest::addColumn<int>("bits");
        // 36 bits: a packed key and row (times in milliseconds over two years); 64 bits: keys too
        // wide to share a word with the row, sorted as key-row pairs.
        QTest::newRow("36-bit keys") << 36;
        QTest::newRow("64-bit keys") << 64;
    }

    void wideAndNarrowKeyRangesBothWays()
    {
        QFETCH(int, bits);
        const int n = 60000;
        std::mt19937_64 random(bits);
        std::vector<std::uint64_t> keys(static_cast<size_t>(n));
        for (auto &k : keys) {
            // Few distinct low values too, so that ties are many.
            const std::uint64_t v = bits == 64 ? random() : random() >> (64 - bits);
            k = (random() % 4 == 0) ? v % 50 : v;
        }
        auto missing = [](int row) { return row % 11 == 0; };
        const SortIndex index = sortIndexByKey(n, [&](int row, std::uint64_t *k) {
            *k = keys[size_t(row)];
            return !missing(row);
        });
        auto oracle = [&](bool descending) {
            std::vector<int> rows = allRows(n);
            std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
                if (missing(a) || missing(b)) {
                    return !missing(a) && missing(b);
                }
                return descending ? keys[size_t(b)] < keys[size_t(a)] : keys[size_t(a)] < keys[size_t(b)];
            });
            return rows;
        };
        QCOMPARE(ordered(index, allRows(n), false), oracle(false));
        QCOMPARE(ordered(index, allRows(n), true), oracle(true));
    }

    void manyEqualKeysTakeTheRadixPath()
    {
        // 100,000 rows with 7 distinct values and some without: runs of equal values must keep
        // store order both ways.
        const int n = 100000;
        auto value = [](int row) { return (row * 7919) % 7; };
        auto missing = [](int row) { return row % 13 == 0; };
        const SortIndex index = sortIndexByKey(n, [&](int row, std::uint64_t *k) {
            *k = std::uint64_t(value(row));
            return !missing(row);
        });
        std::vector<int> up = allRows(n), down = allRows(n);
        auto byValue = [&](bool descending) {
            return [&, descending](int a, int b) {
                if (missing(a) || missing(b)) {
                    return !missing(a) && missing(b);
                }
                return descending ? value(b) < value(a) : value(a) < value(b);
            };
        };
        std::stable_sort(up.begin(), up.end(), byValue(false));
        std::stable_sort(down.begin(), down.end(), byValue(true));
        QCOMPARE(ordered(index, allRows(n), false), up);
        QCOMPARE(ordered(index, allRows(n), true), down);
        QVERIFY(index.bytes() >= size_t(n) * sizeof(int));
    }
};

QTEST_APPLESS_MAIN(TestResultSort)
#include "tst_resultsort.moc"
