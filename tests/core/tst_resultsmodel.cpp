// ResultsModel over an ItemStore: appends are row insertions, never resets; typed sort values.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include "src/demo/democatalog.h"
#include "src/models/resultsmodel.h"
#include "src/models/resultssortproxy.h"
#include "src/stac/itemstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestResultsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsAreInsertions()
    {
        ItemStore store;
        ResultsModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        ItemParser parser;
        for (int first = 0; first < 60; first += 20) {
            const QByteArray page = DemoCatalog::featureCollection(first, 20);
            store.append(parser.parsePage(page), page);
            model.syncAppended();
        }
        QCOMPARE(model.rowCount(), 60);
        QCOMPARE(inserted.count(), 3);
        QCOMPARE(inserted.at(1).at(1).toInt(), 20);
        QCOMPARE(inserted.at(1).at(2).toInt(), 39);
        QCOMPARE(reset.count(), 0);
        // Nothing new: no signal.
        model.syncAppended();
        QCOMPARE(inserted.count(), 3);

        store.clear();
        model.syncReset();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }

    void newRowsAreMarkedAndClearedByAReset()
    {
        ItemStore store;
        ItemParser parser;
        const QByteArray page = DemoCatalog::featureCollection(0, 10);
        store.append(parser.parsePage(page), page);
        ResultsModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setNewRows({ 2, 7 });
        // One signal from the first to the last row that changed, across every column.
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 2);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 7);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().column(), int(ResultsModel::ColumnCount) - 1);
        for (int row = 0; row < 10; ++row) {
            QCOMPARE(
                model.data(model.index(row, ResultsModel::Id), ResultsModel::NewRole).toBool(), row == 2 || row == 7);
        }
        QVERIFY(model.data(model.index(7, ResultsModel::Id), Qt::ToolTipRole)
                    .toString()
                    .endsWith(u"\nNew since the saved search last ran"_s));
        QCOMPARE(model.data(model.index(3, ResultsModel::Id), Qt::ToolTipRole).toString(), store.at(3).id);
        // The same set again: nothing changed, no signal; row 7 dropped and 4 added: rows 4 to 7.
        model.setNewRows({ 2, 7 });
        QCOMPARE(changed.count(), 1);
        model.setNewRows({ 2, 4 });
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 4);
        QCOMPARE(changed.at(1).at(1).value<QModelIndex>().row(), 7);
        model.syncReset();
        QVERIFY(model.newRows().isEmpty());
        QVERIFY(!model.data(model.index(2, ResultsModel::Id), ResultsModel::NewRole).toBool());
    }

    void displayAndSortValues()
    {
        ItemStore store;
        ItemParser parser;
        const QByteArray page = DemoCatalog::featureCollection(0, 30);
        store.append(parser.parsePage(page), page);
        ResultsModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(ResultsModel::ColumnCount));
        for (int row = 0; row < model.rowCount(); ++row) {
            const ItemRecord &r = store.at(row);
            QCOMPARE(model.data(model.index(row, ResultsModel::Id)).toString(), r.id);
            QCOMPARE(model.data(model.index(row, ResultsModel::Collection)).toString(), r.collection);
            QCOMPARE(
                model.data(model.index(row, ResultsModel::Datetime), ResultsModel::SortRole).toLongLong(), r.datetime);
            QVERIFY(model.data(model.index(row, ResultsModel::Datetime)).toString().startsWith(u"20"_s));
            QCOMPARE(model.data(model.index(row, ResultsModel::Id), ResultsModel::RowRole).toInt(), row);
            if (ItemRecord::isSet(r.cloudCover)) {
                QCOMPARE(model.data(model.index(row, ResultsModel::CloudCover)).toString(),
                    QString::number(double(r.cloudCover), 'f', 1) + u" %"_s);
            } else {
                QVERIFY(!model.data(model.index(row, ResultsModel::CloudCover)).isValid());
            }
        }
        // Sorting by the typed role orders numerically, items without a value last in both
        // directions, equal values in the store's order.
        ResultsSortProxy proxy;
        proxy.setSourceModel(&model);
        for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            proxy.sort(ResultsModel::CloudCover, order);
            bool seenMissing = false;
            double previous = order == Qt::AscendingOrder ? -1 : 1000;
            int previousRow = -1;
            int missingCount = 0;
            for (int row = 0; row < proxy.rowCount(); ++row) {
                const int storeRow = proxy.index(row, 0).data(ResultsModel::RowRole).toInt();
                const float cloud = store.at(storeRow).cloudCover;
                if (!ItemRecord::isSet(cloud)) {
                    seenMissing = true;
                    ++missingCount;
                    QVERIFY(storeRow > previousRow || missingCount == 1); // the store's order among them
                    previousRow = storeRow;
                    continue;
                }
                QVERIFY2(!seenMissing, "an item with a value after one without");
                QVERIFY(order == Qt::AscendingOrder ? cloud >= previous : cloud <= previous);
                previous = cloud;
            }
            QVERIFY(missingCount > 0); // the SAR scenes have no cloud cover
        }
        QCOMPARE(ResultsSortProxy::columnOfProperty(u"eo:cloud_cover"_s), int(ResultsModel::CloudCover));
        QCOMPARE(ResultsSortProxy::propertyOfColumn(ResultsModel::Datetime), u"datetime"_s);
        QCOMPARE(model.headerData(ResultsModel::CloudCover, Qt::Horizontal).toString(), u"Cloud"_s);
    }

    // SAR items (Capella's sar:/sat:/view: properties) fill the SAR columns, with units; optical
    // columns stay empty and say so.
    void sarColumns()
    {
        ItemStore store;
        ResultsModel model(&store);
        QSignalSpy filled(&model, &ResultsModel::filledColumnsChanged);
        const QByteArray page
            = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":"
              "\"CAPELLA_C08_SP_GEO_HH_20240101120000_20240101120010\",\"collection\":\"capella-geo\","
              "\"geometry\":null,\"properties\":{\"datetime\":\"2024-01-01T12:00:00Z\","
              "\"sar:instrument_mode\":\"spotlight\",\"sar:product_type\":\"GEO\","
              "\"sar:polarizations\":[\"HH\",\"HV\"],\"sat:orbit_state\":\"descending\","
              "\"view:look_angle\":31.2}}]}";
        store.append(ItemParser().parsePage(page), page);
        model.syncAppended();
        QCOMPARE(filled.count(), 1);
        QCOMPARE(model.data(model.index(0, ResultsModel::Mode)).toString(), u"spotlight"_s);
        QCOMPARE(model.data(model.index(0, ResultsModel::ProductType)).toString(), u"GEO"_s);
        QCOMPARE(model.data(model.index(0, ResultsModel::Polarizations)).toString(), u"HH,HV"_s);
        QCOMPARE(model.data(model.index(0, ResultsModel::OrbitState)).toString(), u"descending"_s);
        QCOMPARE(model.data(model.index(0, ResultsModel::LookAngle)).toString(), u"31.2°"_s);
        QCOMPARE(float(model.data(model.index(0, ResultsModel::LookAngle), ResultsModel::SortRole).toDouble()), 31.2f);
        for (int c : { ResultsModel::Mode, ResultsModel::ProductType, ResultsModel::Polarizations,
                 ResultsModel::LookAngle, ResultsModel::OrbitState }) {
            QVERIFY(model.columnHasData(c));
        }
        QVERIFY(!model.columnHasData(ResultsModel::CloudCover));
        QVERIFY(!model.columnHasData(ResultsModel::Gsd));
        store.clear();
        model.syncReset();
        QVERIFY(!model.columnHasData(ResultsModel::Mode));
    }

    // Results of several catalogs: the Catalog column names each row's (ItemStore::origin()), and
    // stays empty for one catalog.
    void catalogColumn()
    {
        ItemStore store;
        ResultsModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto record = [](const QString &id) {
            ItemRecord r;
            r.id = id;
            r.collection = u"c"_s;
            return r;
        };
        QVERIFY(store.append(record(u"x"_s), "{}", 0));
        QVERIFY(store.append(record(u"x"_s), "{}", 2)); // the same item from another catalog stays
        QVERIFY(!store.append(record(u"x"_s), "{}", 2));
        QVERIFY(store.append(record(u"y"_s), "{}", 1));
        model.syncReset();
        QVERIFY(!model.columnHasData(ResultsModel::Catalog));
        QCOMPARE(model.data(model.index(1, ResultsModel::Catalog)).toString(), QString());

        model.setCatalogNames({ u"Alpha"_s, u"Bravo"_s, u"Charlie"_s });
        model.syncReset();
        QVERIFY(model.columnHasData(ResultsModel::Catalog));
        QCOMPARE(model.headerData(ResultsModel::Catalog, Qt::Horizontal).toString(), u"Catalog"_s);
        QCOMPARE(model.data(model.index(0, ResultsModel::Catalog)).toString(), u"Alpha"_s);
        QCOMPARE(model.data(model.index(1, ResultsModel::Catalog)).toString(), u"Charlie"_s);
        QCOMPARE(model.data(model.index(2, ResultsModel::Catalog)).toString(), u"Bravo"_s);
        QCOMPARE(model.data(model.index(2, ResultsModel::Catalog), ResultsModel::SortRole).toString(), u"Bravo"_s);
        QCOMPARE(store.indexOf(u"c"_s, u"x"_s), 0); // origin 0: found as any other item
    }
};

QTEST_GUILESS_MAIN(TestResultsModel)
#include "tst_resultsmodel.moc"
