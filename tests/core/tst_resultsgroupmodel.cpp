// ResultsGroupModel: groups of the results by a field, built incrementally as pages arrive.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "src/demo/democatalog.h"
#include "src/models/resultsgroupmodel.h"
#include "src/models/resultsmodel.h"
#include "src/stac/itemstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QByteArray sarPage(const QList<std::pair<QString, QString>> &idAndCollect)
{
    QByteArray page = "{\"type\":\"FeatureCollection\",\"features\":[";
    bool first = true;
    for (const auto &[id, collect] : idAndCollect) {
        if (!first) {
            page += ',';
        }
        first = false;
        page += "{\"type\":\"Feature\",\"id\":\"" + id.toUtf8()
            + "\",\"collection\":\"capella-geo\",\"geometry\":null,\"properties\":{\"datetime\":"
              "\"2024-01-01T00:00:00Z\",\"capella:collect_id\":\""
            + collect.toUtf8() + "\"}}";
    }
    return page + "]}";
}

} // namespace

class TestResultsGroupModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsByRecordFieldIncrementally()
    {
        ItemStore store;
        ResultsModel flat(&store);
        ResultsGroupModel model(&store, &flat);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(u"Collection"_s, ResultsGroupModel::recordField(ResultsModel::Collection));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        ItemParser parser;
        for (int first = 0; first < 90; first += 30) {
            const QByteArray page = DemoCatalog::featureCollection(first, 30);
            store.append(parser.parsePage(page), page);
            flat.syncAppended();
            model.syncAppended();
        }
        QCOMPARE(reset.count(), 0);
        // Independent count: per collection, from the records.
        QHash<QString, int> expected;
        for (const ItemRecord &r : store.items()) {
            ++expected[r.collection];
        }
        QCOMPARE(model.groupCount(), expected.size());
        int total = 0;
        for (int g = 0; g < model.rowCount(); ++g) {
            const QModelIndex group = model.index(g, 0);
            const QString value = model.data(group, ResultsGroupModel::GroupValueRole).toString();
            QCOMPARE(model.rowCount(group), expected.value(value));
            QCOMPARE(model.data(group).toString(), u"%1 · %2 items"_s.arg(value).arg(expected.value(value)));
            for (int c = 0; c < model.rowCount(group); ++c) {
                const QModelIndex item = model.index(c, ResultsModel::Id, group);
                const int row = model.storeRow(item);
                QCOMPARE(store.at(row).collection, value);
                QCOMPARE(model.data(item).toString(), store.at(row).id);
                QCOMPARE(model.indexOfStoreRow(row), model.index(c, 0, group));
                ++total;
            }
        }
        QCOMPARE(total, store.size());
    }

    void groupsByPropertyFromJson()
    {
        ItemStore store;
        ResultsModel flat(&store);
        ResultsGroupModel model(&store, &flat);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(u"Collect id"_s, ResultsGroupModel::property(u"capella:collect_id"_s));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const QByteArray first = sarPage({ { u"A_GEO"_s, u"c1"_s }, { u"A_SLC"_s, u"c1"_s }, { u"B_GEO"_s, u"c2"_s } });
        store.append(ItemParser().parsePage(first), first);
        flat.syncAppended();
        model.syncAppended();
        const QByteArray second = sarPage({ { u"B_SLC"_s, u"c2"_s }, { u"C_GEO"_s, u"c3"_s } });
        store.append(ItemParser().parsePage(second), second);
        flat.syncAppended();
        model.syncAppended();
        QCOMPARE(model.groupCount(), 3);
        QCOMPARE(model.data(model.index(0, 0), ResultsGroupModel::GroupValueRole).toString(), u"c1"_s);
        QCOMPARE(model.rowCount(model.index(1, 0)), 2);
        QCOMPARE(model.data(model.index(1, 0, model.index(1, 0))).toString(), u"B_SLC"_s);
        QCOMPARE(model.data(model.index(2, 0)).toString(), u"c3 · 1 item"_s);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"Collect id / ID"_s);
        QVERIFY(inserted.count() >= 4); // groups and children, never a reset
        QCOMPARE(model.storeRow(model.index(0, 0)), -1);
    }
};

QTEST_GUILESS_MAIN(TestResultsGroupModel)
#include "tst_resultsgroupmodel.moc"
