// "Load more" and "Load all" against the loopback STAC emulator (offscreen): a search capped at
// 25 of 95 items goes on with the same search into the same results, Cancel stops a "Load all"
// part-way keeping what came, and the rest still loads afterwards, with no item twice.
#include <QLabel>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "src/demo/democatalog.h"
#include "src/models/resultsmodel.h"
#include "src/net/networkclient.h"
#include "src/providers/catalogsession.h"
#include "src/stac/itemstore.h"
#include "tests/support/stacemulator.h"
#include "tests/ui/demowindow.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"
#include "ui/results/loadmorebar.h"
#include "ui/search/searchpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int kItems = 95;

QSet<QString> ids(const ItemStore &store)
{
    QSet<QString> out;
    for (const ItemRecord &r : store.items()) {
        out.insert(r.id);
    }
    return out;
}

QSet<QString> demoIds(int count)
{
    QSet<QString> out;
    for (int i = 0; i < count; ++i) {
        out.insert(DemoCatalog::itemId(i));
    }
    return out;
}

} // namespace

class TestLoadMore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        Testing::prepareDemoWindowTests();
        QString error;
        QVERIFY2(m_emulator.addItems(DemoCatalog::featureCollection(0, kItems), &error), qPrintable(error));
        m_emulator.setMaxLimit(10); // pages of 10: the cap of 25 falls inside the third page
        QVERIFY(m_emulator.listen());
    }

    void cleanupTestCase() { QSettings().clear(); }

    void loadMoreLoadAllAndCancel()
    {
        MainWindow window(&m_network, nullptr);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        CatalogSource api;
        api.kind = CatalogSource::Kind::StacApi;
        api.name = u"Emulator"_s;
        api.location = m_emulator.url().toString();
        window.addCatalog(api);
        QTRY_VERIFY(window.session() && window.session()->isOpen());
        window.searchPanel()->setArea(SearchPanel::Area::World);
        window.searchPanel()->setMaxItems(25);
        LoadMoreBar *bar = window.loadMoreBar();

        QSignalSpy done(&window, &MainWindow::searchFinished);
        window.runSearch();
        QVERIFY(done.wait(10000));
        const ItemStore &store = window.results();
        QCOMPARE(store.size(), 25);
        QVERIFY(bar->isVisible());
        QVERIFY(bar->loadMoreButton()->isVisible());
        QVERIFY(bar->loadAllButton()->isVisible());
        QVERIFY(!bar->cancelButton()->isVisible());
        QCOMPARE(bar->findChild<QLabel *>(u"loadMoreLabel"_s)->text(),
            u"25 of 95 matching results loaded; the server has more."_s);

        // Load more: 25 more, the next ones, none twice (the third page is fetched again for the
        // five it had beyond the cap).
        QStringList before;
        for (const ItemRecord &r : store.items()) {
            before.append(r.id);
        }
        QTest::mouseClick(bar->loadMoreButton(), Qt::LeftButton);
        QVERIFY(bar->cancelButton()->isVisible());
        QVERIFY(done.wait(10000));
        QCOMPARE(store.size(), 50);
        QCOMPARE(ids(store).size(), 50);
        for (int i = 0; i < 25; ++i) {
            QCOMPARE(store.at(i).id, before.at(i)); // appended after, nothing replaced
        }
        QCOMPARE(window.resultsView()->model()->rowCount(), 50);
        QVERIFY(bar->loadMoreButton()->isVisible());

        // Load all, canceled after its first page: what came stays, and more can still be loaded.
        bool canceled = false;
        int progressMax = 0;
        auto connection = connect(window.resultsModel(), &QAbstractItemModel::rowsInserted, this, [&] {
            if (!canceled) {
                canceled = true;
                progressMax = bar->progressBar()->maximum();
                QTest::mouseClick(bar->cancelButton(), Qt::LeftButton);
            }
        });
        QTest::mouseClick(bar->loadAllButton(), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        disconnect(connection);
        QVERIFY(canceled);
        QCOMPARE(progressMax, kItems);
        const int kept = store.size();
        QVERIFY2(kept > 50 && kept < kItems, qPrintable(QString::number(kept)));
        QVERIFY(window.messageBar()->text().startsWith(u"Search canceled"_s));
        QVERIFY(bar->isVisible());
        QVERIFY(bar->loadAllButton()->isVisible());

        // Load all again: the rest, every item once.
        QTest::mouseClick(bar->loadAllButton(), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        QCOMPARE(store.size(), kItems);
        QCOMPARE(ids(store), demoIds(kItems));
        QCOMPARE(window.resultsView()->model()->rowCount(), kItems);
        QVERIFY(!bar->isVisible()); // the server has no more

        // A new search starts over at its cap.
        window.runSearch();
        QVERIFY(done.wait(10000));
        QCOMPARE(store.size(), 25);
        QVERIFY(bar->isVisible());
    }

private:
    StacEmulator m_emulator;
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
};

QTEST_MAIN(TestLoadMore)
#include "tst_loadmore.moc"
