// The results table on the embedded demo catalog (offscreen): property columns chosen from the
// header's menu and remembered per collection across a restart, and the quick filter slicing the
// table and the map's footprints without a new search.
#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include "src/models/resultsgroupmodel.h"
#include "src/models/resultsmodel.h"
#include "src/models/resultsviewproxy.h"
#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "tests/ui/demowindow.h"
#include "ui/mainwindow.h"
#include "ui/map/footprintlayer.h"
#include "ui/results/columnchooser.h"
#include "ui/results/quickfilterbar.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestResultsTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Testing::prepareDemoWindowTests(); }

    void cleanup() { QSettings().clear(); }

    void columnChooserRemembersPerCollection()
    {
        auto window = Testing::openDemoWindow(&m_network);
        QVERIFY(window);
        ResultsModel *model = window->resultsModel();
        QCOMPARE(model->columnCount(), int(ResultsModel::ColumnCount));
        const QStringList collections = window->results().collections();
        QVERIFY(!collections.isEmpty());

        // The header's menu lists the properties of the results; the demo's optical scenes have a
        // sun elevation, which has no column of its own.
        std::unique_ptr<QMenu> menu(window->columnChooser()->createMenu(nullptr));
        QAction *sun = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->data().toString() == u"view:sun_elevation"_s) {
                sun = a;
            }
        }
        QVERIFY(sun);
        QVERIFY(sun->isCheckable());
        QVERIFY(!sun->isChecked());
        sun->trigger();
        QCOMPARE(model->columnCount(), int(ResultsModel::ColumnCount) + 1);
        const int column = ResultsModel::ColumnCount;
        QTableView *table = window->resultsView();
        QCOMPARE(table->model()->headerData(column, Qt::Horizontal).toString(), u"view:sun_elevation"_s);
        QVERIFY(!table->isColumnHidden(column));
        // Some row shows a number in it (an optical scene).
        bool number = false;
        for (int row = 0; row < 40 && !number; ++row) {
            table->model()->index(row, column).data().toString().toDouble(&number);
        }
        QVERIFY(number);
        for (const QString &c : collections) {
            QCOMPARE(QSettings().value(ColumnChooser::settingsKey(c)).toStringList(),
                QStringList { u"view:sun_elevation"_s });
        }
        // Another collection's choice, not in these results, stays out.
        QSettings().setValue(ColumnChooser::settingsKey(u"elsewhere"_s), QStringList { u"gsd"_s });

        // A restart: the same collections, the same column.
        window.reset();
        window = Testing::openDemoWindow(&m_network);
        QVERIFY(window);
        QCOMPARE(window->resultsModel()->propertyColumns(), QStringList { u"view:sun_elevation"_s });
        QCOMPARE(
            window->resultsView()->model()->headerData(column, Qt::Horizontal).toString(), u"view:sun_elevation"_s);
        std::unique_ptr<QMenu> again(window->columnChooser()->createMenu(nullptr));
        bool checked = false;
        for (QAction *a : again->actions()) {
            checked = checked || (a->data().toString() == u"view:sun_elevation"_s && a->isChecked());
        }
        QVERIFY(checked);
        // Unchecked: gone, and forgotten for these collections.
        window->columnChooser()->setPropertyShown(u"view:sun_elevation"_s, false);
        QCOMPARE(window->resultsModel()->columnCount(), int(ResultsModel::ColumnCount));
        QVERIFY(!QSettings().contains(ColumnChooser::settingsKey(collections.first())));
    }

    void quickFilterSlicesTableAndMap()
    {
        auto window = Testing::openDemoWindow(&m_network);
        QVERIFY(window);
        const ItemStore &store = window->results();
        QTableView *table = window->resultsView();
        FootprintLayer *footprints = window->footprintLayer();
        const int total = store.size();
        QVERIFY(total > 100);
        QCOMPARE(table->model()->rowCount(), total);

        // Typing: the ids containing "00012" (case aside), counted here with a plain loop.
        QuickFilterBar *bar = window->quickFilterBar();
        QTest::keyClicks(bar->textEdit(), u"OPTICAL-00012"_s);
        int expected = 0;
        for (int row = 0; row < total; ++row) {
            expected += store.at(row).id.contains(u"optical-00012"_s, Qt::CaseInsensitive) ? 1 : 0;
        }
        QVERIFY(expected > 0 && expected < total);
        QTRY_COMPARE(table->model()->rowCount(), expected);
        for (int i = 0; i < expected; ++i) {
            const int row = table->model()->index(i, 0).data(ResultsModel::RowRole).toInt();
            QVERIFY(store.at(row).id.contains(u"optical-00012"_s));
        }
        // The map hides the others' footprints.
        QTRY_VERIFY(footprints->isHidden(findRow(store, false, u"optical-00012"_s)));
        for (int row = 0; row < total; ++row) {
            QCOMPARE(footprints->isHidden(row), !store.at(row).id.contains(u"optical-00012"_s));
        }

        // Cloud cover at most 20 % and the collection chosen, over the whole store again.
        bar->textEdit()->clear();
        bar->cloudBox()->setValue(20);
        int cloudy = 0;
        for (int row = 0; row < total; ++row) {
            const float c = store.at(row).cloudCover;
            cloudy += ItemRecord::isSet(c) && c <= 20.0f ? 1 : 0;
        }
        QTRY_COMPARE(table->model()->rowCount(), cloudy);
        QCOMPARE(bar->collectionBox()->count(), int(store.collections().size()) + 1);
        bar->collectionBox()->setCurrentIndex(bar->collectionBox()->findData(u"demo-sar"_s));
        QTRY_COMPARE(table->model()->rowCount(), 0); // SAR scenes have no cloud cover
        bar->cloudBox()->setValue(-1);
        int sar = 0;
        for (int row = 0; row < total; ++row) {
            sar += store.at(row).collection == u"demo-sar"_s ? 1 : 0;
        }
        QTRY_COMPARE(table->model()->rowCount(), sar);

        // Clear: everything again, on the map too; no search was sent meanwhile.
        QSignalSpy searches(window.get(), &MainWindow::searchFinished);
        QTest::mouseClick(bar->findChild<QWidget *>(u"quickFilterClear"_s), Qt::LeftButton);
        QTRY_COMPARE(table->model()->rowCount(), total);
        QTRY_VERIFY(!footprints->isHidden(findRow(store, false, u"optical-00012"_s)));
        QCOMPARE(searches.count(), 0);
        QCOMPARE(store.size(), total);
    }

    // Grouped by collection, the tree shows what the table shows: only the items the quick filter
    // keeps, groups left empty gone, and "n of m items" on the others; cleared, all again.
    void quickFilterInTheGroupedView()
    {
        auto window = Testing::openDemoWindow(&m_network);
        QVERIFY(window);
        const ItemStore &store = window->results();
        const int total = store.size();
        QHash<QString, int> all, kept;
        for (int row = 0; row < total; ++row) {
            ++all[store.at(row).collection];
            const float c = store.at(row).cloudCover;
            if (ItemRecord::isSet(c) && c <= 20.0f) {
                ++kept[store.at(row).collection];
            }
        }
        QVERIFY(all.size() == 3 && kept.size() == 2); // SAR scenes have no cloud cover

        // Filtered first, then grouped.
        window->quickFilterBar()->cloudBox()->setValue(20);
        QComboBox *combo = window->groupByCombo();
        combo->setCurrentIndex(combo->findText(u"Collection"_s));
        QTreeView *tree = window->groupedView();
        QAbstractItemModel *model = tree->model();
        QTRY_COMPARE(model->rowCount(), 2);
        for (int g = 0; g < model->rowCount(); ++g) {
            const QModelIndex group = model->index(g, 0);
            const QString value = group.data(ResultsGroupModel::GroupValueRole).toString();
            QCOMPARE(model->rowCount(group), kept.value(value));
            QCOMPARE(group.data().toString(), u"%1 · %2 of %3 items"_s.arg(value).arg(kept[value]).arg(all[value]));
            for (int i = 0; i < model->rowCount(group); ++i) {
                const int row = model->index(i, 0, group).data(ResultsModel::RowRole).toInt();
                QVERIFY(store.at(row).cloudCover <= 20.0f);
            }
        }

        // Changed while grouped: the tree follows.
        window->quickFilterBar()->cloudBox()->setValue(-1);
        QTRY_COMPARE(model->rowCount(), 3);
        for (int g = 0; g < model->rowCount(); ++g) {
            const QModelIndex group = model->index(g, 0);
            const QString value = group.data(ResultsGroupModel::GroupValueRole).toString();
            QCOMPARE(model->rowCount(group), all.value(value));
            QCOMPARE(group.data().toString(), u"%1 · %2 items"_s.arg(value).arg(all[value]));
        }
    }

    // The same filter and sort through the worker: the table shows the new rows once it is back.
    void quickFilterOnTheWorker()
    {
        auto window = Testing::openDemoWindow(&m_network);
        QVERIFY(window);
        ResultsViewProxy *proxy = window->resultsProxy();
        proxy->setSynchronousLimit(0);
        const ItemStore &store = window->results();
        QTableView *table = window->resultsView();
        table->sortByColumn(ResultsModel::CloudCover, Qt::DescendingOrder);
        window->quickFilterBar()->cloudBox()->setValue(50);
        QTRY_VERIFY(!proxy->isBusy());
        const int n = table->model()->rowCount();
        QVERIFY(n > 0);
        float previous = 101;
        for (int i = 0; i < n; ++i) {
            const float c = store.at(table->model()->index(i, 0).data(ResultsModel::RowRole).toInt()).cloudCover;
            QVERIFY(c <= 50.0f);
            QVERIFY(c <= previous);
            previous = c;
        }
    }

private:
    static int findRow(const ItemStore &store, bool containing, const QString &text)
    {
        for (int row = 0; row < store.size(); ++row) {
            if (store.at(row).id.contains(text) == containing) {
                return row;
            }
        }
        return -1;
    }

    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
};

QTEST_MAIN(TestResultsTable)
#include "tst_resultstable.moc"
