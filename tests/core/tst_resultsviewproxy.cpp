// The results table's quick filter and sort over the stored results (ResultColumns,
// ResultsViewProxy) and ResultsModel's property columns, on items written out here with the
// expected rows worked out by hand.
#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include "src/models/resultsfilter.h"
#include "src/models/resultsmodel.h"
#include "src/models/resultsviewproxy.h"
#include "src/stac/itemparser.h"
#include "src/stac/itemstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject item(const QString &id, const QString &collection, const QString &datetime, std::optional<double> cloud,
    const QString &title = {}, const QJsonObject &extra = {})
{
    QJsonObject properties { { u"datetime"_s, datetime } };
    if (cloud) {
        properties.insert(u"eo:cloud_cover"_s, *cloud);
    }
    if (!title.isEmpty()) {
        properties.insert(u"title"_s, title);
    }
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        properties.insert(it.key(), it.value());
    }
    return QJsonObject { { u"type"_s, u"Feature"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, id },
        { u"collection"_s, collection }, { u"bbox"_s, QJsonArray { 2.0, 48.0, 3.0, 49.0 } },
        { u"geometry"_s,
            QJsonObject { { u"type"_s, u"Polygon"_s },
                { u"coordinates"_s,
                    QJsonArray { QJsonValue(QJsonArray { QJsonArray { 2.0, 48.0 }, QJsonArray { 3.0, 48.0 },
                        QJsonArray { 3.0, 49.0 }, QJsonArray { 2.0, 49.0 }, QJsonArray { 2.0, 48.0 } }) } } } },
        { u"properties"_s, properties }, { u"links"_s, QJsonArray() }, { u"assets"_s, QJsonObject() } };
}

void append(ItemStore &store, const QJsonArray &features)
{
    const QByteArray page
        = QJsonDocument(QJsonObject { { u"type"_s, u"FeatureCollection"_s }, { u"features"_s, features } }).toJson();
    ItemPage parsed = ItemParser().parsePage(page);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    store.append(std::move(parsed), page);
}

// Rows 0-4, as the comments in the tests use them.
void fillFive(ItemStore &store)
{
    append(store,
        QJsonArray {
            item(u"S2A_alpha"_s, u"s2"_s, u"2024-01-05T10:00:00Z"_s, 10, u"Alpha over Paris"_s,
                { { u"custom:n"_s, 3 } }), // 0
            item(u"S2B_beta"_s, u"s2"_s, u"2024-01-02T10:00:00Z"_s, 55, {}, { { u"custom:n"_s, 1 } }), // 1
            item(u"L8_gamma"_s, u"l8"_s, u"2024-02-10T10:00:00Z"_s, 10, u"Gamma"_s, { { u"custom:n"_s, 2 } }), // 2
            item(u"SAR_delta"_s, u"sar"_s, u"2024-01-20T10:00:00Z"_s, std::nullopt, u"paris by radar"_s), // 3
            item(u"L8_epsilon"_s, u"l8"_s, u"2023-12-31T23:00:00Z"_s, 0), // 4
        });
}

qint64 msecs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

std::vector<int> shownRows(const ResultsViewProxy &proxy)
{
    std::vector<int> rows;
    for (int i = 0; i < proxy.rowCount(); ++i) {
        rows.push_back(proxy.mapToSource(proxy.index(i, 0)).row());
    }
    return rows;
}

using Rows = std::vector<int>;

} // namespace

class TestResultsViewProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filterFields()
    {
        ItemStore store;
        fillFive(store);
        ResultColumns columns;
        columns.append(store, 0, store.size(), [](int row) { return row < 2 ? u"Earth Search"_s : u"Planetary"_s; });
        QCOMPARE(columns.size(), 5);
        auto rows = [&](const QuickFilter &f) { return columns.filter(f, 0, columns.size()); };

        QCOMPARE(rows({}), (Rows { 0, 1, 2, 3, 4 }));
        QuickFilter f;
        f.text = u"paris"_s; // a title, either case
        QCOMPARE(rows(f), (Rows { 0, 3 }));
        f.text = u"l8_"_s; // an id
        QCOMPARE(rows(f), (Rows { 2, 4 }));
        f.text = u"BETA"_s;
        QCOMPARE(rows(f), (Rows { 1 }));
        f.text = u"nowhere"_s;
        QCOMPARE(rows(f), (Rows {}));

        f = {};
        f.cloudMax = 10; // the SAR scene has no cloud cover: out
        QCOMPARE(rows(f), (Rows { 0, 2, 4 }));
        f = {};
        f.cloudMin = 20;
        QCOMPARE(rows(f), (Rows { 1 }));

        f = {};
        f.from = msecs("2024-01-03T00:00:00Z");
        f.to = msecs("2024-01-31T23:59:59Z");
        QCOMPARE(rows(f), (Rows { 0, 3 }));

        f = {};
        f.collections = { u"l8"_s };
        QCOMPARE(rows(f), (Rows { 2, 4 }));
        f.catalogs = { u"Planetary"_s };
        QCOMPARE(rows(f), (Rows { 2, 4 }));
        f.collections = { u"s2"_s };
        QCOMPARE(rows(f), (Rows {}));
        QCOMPARE(columns.catalogs(), (QStringList { u"Earth Search"_s, u"Planetary"_s }));
        QCOMPARE(columns.collections(), (QStringList { u"s2"_s, u"l8"_s, u"sar"_s }));
    }

    // Over 256 rows the text is searched in the whole block at once: the same answers.
    void textOverManyRows()
    {
        ItemStore store;
        QJsonArray features;
        for (int i = 0; i < 300; ++i) {
            features.append(item(u"item-%1"_s.arg(i, 4, 10, QLatin1Char('0')), u"c"_s, u"2024-01-01T00:00:00Z"_s,
                i % 100, i % 2 ? u"Odd One"_s : QString()));
        }
        append(store, features);
        ResultColumns columns;
        columns.append(store, 0, store.size());
        QuickFilter f;
        f.text = u"ITEM-02"_s;
        Rows expected(100);
        std::iota(expected.begin(), expected.end(), 200);
        QCOMPARE(columns.filter(f, 0, 300), expected);
        f.text = u"item-0299"_s;
        QCOMPARE(columns.filter(f, 0, 300), (Rows { 299 }));
        f.text = u"odd one"_s;
        f.cloudMax = 3; // odd rows with i % 100 <= 3: 1, 3, 101, 103, 201, 203
        QCOMPARE(columns.filter(f, 0, 300), (Rows { 1, 3, 101, 103, 201, 203 }));
        // A match may not run from one item into the next.
        f = {};
        f.text = u"\nitem-0001"_s;
        QCOMPARE(columns.filter(f, 0, 300), (Rows {}));
    }

    void sortRules()
    {
        ItemStore store;
        fillFive(store);
        ResultColumns columns;
        columns.append(store, 0, store.size());
        auto sorted = [&](int column, bool descending) {
            Rows rows { 0, 1, 2, 3, 4 };
            columns.sort(rows, column, descending);
            return rows;
        };
        // Cloud: 4 (0), 0 and 2 (10, store order), 1 (55); 3 has none: last both ways.
        QCOMPARE(sorted(ResultsModel::CloudCover, false), (Rows { 4, 0, 2, 1, 3 }));
        QCOMPARE(sorted(ResultsModel::CloudCover, true), (Rows { 1, 0, 2, 4, 3 }));
        QCOMPARE(sorted(ResultsModel::Datetime, true), (Rows { 2, 3, 0, 1, 4 }));
        QCOMPARE(sorted(ResultsModel::Datetime, false), (Rows { 4, 1, 0, 3, 2 }));
        QCOMPARE(sorted(ResultsModel::Collection, false), (Rows { 2, 4, 0, 1, 3 })); // l8 < s2 < sar
        QCOMPARE(sorted(ResultsModel::Collection, true), (Rows { 3, 0, 1, 2, 4 }));
        QCOMPARE(sorted(ResultsModel::Id, false), (Rows { 4, 2, 0, 1, 3 }));
        QCOMPARE(sorted(ResultsModel::Id, true), (Rows { 3, 1, 0, 2, 4 }));
        // Platform: nobody has one: the store's order.
        QCOMPARE(sorted(ResultsModel::Platform, false), (Rows { 0, 1, 2, 3, 4 }));
        // A property column: values 3, 1, 2 and two without.
        const std::vector<QVariant> values { 3.0, 1.0, 2.0, QVariant(), QVariant() };
        Rows rows { 0, 1, 2, 3, 4 };
        columns.sort(rows, ResultsModel::ColumnCount, false, &values);
        QCOMPARE(rows, (Rows { 1, 2, 0, 3, 4 }));
        columns.sort(rows, ResultsModel::ColumnCount, true, &values);
        QCOMPARE(rows, (Rows { 0, 2, 1, 3, 4 }));
    }

    void propertyColumns()
    {
        ItemStore store;
        fillFive(store);
        ResultsModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList names = model.sampledPropertyNames();
        QCOMPARE(names, (QStringList { u"custom:n"_s, u"datetime"_s, u"eo:cloud_cover"_s, u"title"_s }));
        QSignalSpy inserted(&model, &QAbstractItemModel::columnsInserted);
        model.setPropertyColumns({ u"custom:n"_s, u"title"_s });
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.columnCount(), int(ResultsModel::ColumnCount) + 2);
        const int n = ResultsModel::ColumnCount;
        QCOMPARE(model.headerData(n, Qt::Horizontal).toString(), u"custom:n"_s);
        QCOMPARE(model.data(model.index(0, n)).toString(), u"3"_s);
        QCOMPARE(model.data(model.index(0, n), ResultsModel::SortRole), QVariant(3.0));
        QVERIFY(!model.data(model.index(3, n)).isValid());
        QCOMPARE(model.data(model.index(3, n + 1)).toString(), u"paris by radar"_s);
        QCOMPARE(model.propertyOfColumn(n + 1), u"title"_s);
        QCOMPARE(model.columnOfPropertyColumn(u"custom:n"_s), n);
        model.setPropertyColumns({ u"title"_s });
        QCOMPARE(model.data(model.index(0, n)).toString(), u"Alpha over Paris"_s);
        QCOMPARE(ResultsModel::propertyText(QJsonArray { u"VV"_s, u"VH"_s }), u"VV, VH"_s);
        QCOMPARE(ResultsModel::propertyText(QJsonValue(2.5)), u"2.5"_s);
    }

    // The proxy on a worker (no synchronous shortcut): the new rows arrive in one layout change,
    // the selection's persistent indexes follow their items, appended rows are filtered too.
    void proxyOnAWorker()
    {
        ItemStore store;
        fillFive(store);
        ResultsModel model(&store);
        ResultsViewProxy proxy(&store, &model);
        proxy.setSynchronousLimit(0);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(shownRows(proxy), (Rows { 0, 1, 2, 3, 4 }));
        QVERIFY(proxy.hiddenMask().empty());
        const QPersistentModelIndex gamma = proxy.index(2, 0);

        QSignalSpy applied(&proxy, &ResultsViewProxy::applied);
        proxy.sort(ResultsModel::CloudCover, Qt::AscendingOrder);
        QVERIFY(proxy.isBusy());
        QVERIFY(applied.wait(5000));
        QCOMPARE(shownRows(proxy), (Rows { 4, 0, 2, 1, 3 }));
        QCOMPARE(gamma.row(), 2); // item 2 is third

        QuickFilter f;
        f.cloudMax = 10;
        proxy.setQuickFilter(f);
        QVERIFY(applied.wait(5000));
        QCOMPARE(shownRows(proxy), (Rows { 4, 0, 2 }));
        QCOMPARE(proxy.hiddenMask(), (std::vector<std::uint8_t> { 0, 1, 0, 1, 0 }));
        QVERIFY(proxy.isShown(2));
        QVERIFY(!proxy.isShown(3));
        QCOMPARE(gamma.row(), 2);
        QCOMPARE(proxy.mapFromSource(model.index(1, 0)), QModelIndex());

        // A new page: what passes shows at the end at once, then in order.
        append(store,
            QJsonArray { item(u"N_new"_s, u"s2"_s, u"2024-03-01T00:00:00Z"_s, 5),
                item(u"N_cloudy"_s, u"s2"_s, u"2024-03-01T00:00:00Z"_s, 90) });
        model.syncAppended();
        QCOMPARE(shownRows(proxy), (Rows { 4, 0, 2, 5 }));
        QVERIFY(applied.wait(5000));
        QCOMPARE(shownRows(proxy), (Rows { 4, 5, 0, 2 }));
        QCOMPARE(proxy.hiddenMask(), (std::vector<std::uint8_t> { 0, 1, 0, 1, 0, 0, 1 }));

        // Back to everything in the server's order.
        proxy.setQuickFilter({});
        proxy.sort(-1);
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(shownRows(proxy), (Rows { 0, 1, 2, 3, 4, 5, 6 }));
        QCOMPARE(gamma.row(), 2);
    }

    // Sorting by a property column reads the items' JSON on the worker.
    void proxySortsByAPropertyColumn()
    {
        ItemStore store;
        fillFive(store);
        ResultsModel model(&store);
        model.setPropertyColumns({ u"custom:n"_s });
        ResultsViewProxy proxy(&store, &model);
        proxy.setSynchronousLimit(0);
        QSignalSpy applied(&proxy, &ResultsViewProxy::applied);
        proxy.sort(ResultsModel::ColumnCount, Qt::DescendingOrder);
        QVERIFY(applied.wait(5000));
        QCOMPARE(shownRows(proxy), (Rows { 0, 2, 1, 3, 4 }));
        // The column goes: the server's order again.
        model.setPropertyColumns({});
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(shownRows(proxy), (Rows { 0, 1, 2, 3, 4 }));
        QCOMPARE(proxy.sortColumn(), -1);
    }

    // Below the synchronous limit the order is there as soon as sort() returns.
    void smallStoresAtOnce()
    {
        ItemStore store;
        fillFive(store);
        ResultsModel model(&store);
        ResultsViewProxy proxy(&store, &model);
        proxy.sort(ResultsModel::Datetime, Qt::DescendingOrder);
        QCOMPARE(shownRows(proxy), (Rows { 2, 3, 0, 1, 4 }));
        QuickFilter f;
        f.text = u"s2"_s;
        proxy.setQuickFilter(f);
        QCOMPARE(shownRows(proxy), (Rows { 0, 1 }));
        // Nothing shown: the header stays.
        f.text = u"nowhere"_s;
        proxy.setQuickFilter(f);
        QCOMPARE(proxy.rowCount(), 0);
        QCOMPARE(proxy.headerData(ResultsModel::CloudCover, Qt::Horizontal).toString(), u"Cloud"_s);
        store.clear();
        model.syncReset();
        QCOMPARE(proxy.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestResultsViewProxy)
#include "tst_resultsviewproxy.moc"
