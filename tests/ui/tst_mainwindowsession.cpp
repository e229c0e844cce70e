// The main window across a session's edges, on the embedded demo catalog (offscreen): what comes
// back after a restart (the search form, the map view, the areas of interest), quitting with
// downloads running, the one sort of the form and the table, and the Help menu.
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include "resources/demoresources.h"
#include "src/download/downloadmanager.h"
#include "src/models/aoilistmodel.h"
#include "src/models/resultsmodel.h"
#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "src/store/aoistore.h"
#include "src/store/database.h"
#include "tests/ui/demowindow.h"
#include "ui/aoi/aoicontroller.h"
#include "ui/help/helpdialogs.h"
#include "ui/mainwindow.h"
#include "ui/map/mapwidget.h"
#include "ui/search/searchpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestMainWindowSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Testing::prepareDemoWindowTests(); }

    void init()
    {
        m_window = Testing::openDemoWindow(&m_network);
        QVERIFY(m_window);
    }

    void cleanup()
    {
        m_window.reset();
        // What a test closed the window with stays out of the next test's window.
        QSettings settings;
        settings.remove(u"search"_s);
        settings.remove(u"map/zoom"_s);
        settings.remove(u"window"_s);
    }

    // Quitting while a download runs asks first: "Keep running" keeps the window; "Quit" closes
    // it (the transfer resumes at the next launch, as the question says).
    void quittingWithDownloadsRunningAsks()
    {
        QTcpServer silent; // takes the connection and never answers: the download stays under way
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QTemporaryDir dir;
        auto downloads = std::make_unique<DownloadManager>(&m_nam);
        m_window->setDownloadManager(downloads.get());
        DownloadTask t;
        t.url = QUrl(u"http://127.0.0.1:%1/big.tif"_s.arg(silent.serverPort()));
        t.targetPath = dir.filePath(u"big.tif"_s);
        downloads->enqueue(t);
        QTRY_COMPARE(downloads->activeCount(), 1);

        QVERIFY(!m_window->close());
        QVERIFY(m_window->isVisible());
        auto *box = m_window->findChild<QMessageBox *>(u"quitConfirmation"_s);
        QVERIFY(box);
        QCOMPARE(box->text(), u"A download is running."_s);
        QVERIFY(box->informativeText().contains(u"resume"_s));
        QVERIFY(!m_window->close()); // asked once, not twice
        QCOMPARE(m_window->findChildren<QMessageBox *>(u"quitConfirmation"_s).size(), 1);
        box->defaultButton()->click(); // Enter keeps it running
        QTRY_VERIFY(!m_window->findChild<QMessageBox *>(u"quitConfirmation"_s));
        QVERIFY(m_window->isVisible());

        QVERIFY(!m_window->close());
        box = m_window->findChild<QMessageBox *>(u"quitConfirmation"_s);
        QVERIFY(box);
        QAbstractButton *quit = nullptr;
        for (QAbstractButton *b : box->buttons()) {
            quit = box->buttonRole(b) == QMessageBox::AcceptRole ? b : quit;
        }
        QVERIFY(quit);
        QCOMPARE(quit->text(), u"&Quit"_s);
        quit->click();
        QTRY_VERIFY(!m_window->isVisible());
        m_window.reset(); // before the manager it uses
    }

    // One sort: the form's choice sorts the table, a header click shows in the form (an entry
    // of its own when the form has none), items without a value go last both ways, and a new
    // search shows the order asked for.
    void oneSortForTheFormAndTheTable()
    {
        QTableView *table = m_window->resultsView();
        QHeaderView *header = table->horizontalHeader();
        QComboBox *sort = m_window->searchPanel()->sortCombo();
        const auto storeRowAt
            = [table](int row) { return table->model()->index(row, 0).data(ResultsModel::RowRole).toInt(); };

        sort->setCurrentIndex(sort->findData(u"+eo:cloud_cover"_s));
        Q_EMIT sort->activated(sort->currentIndex()); // as a user's choice
        QCOMPARE(header->sortIndicatorSection(), int(ResultsModel::CloudCover));
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        const int n = table->model()->rowCount();
        QVERIFY(n > 100);
        QVERIFY(ItemRecord::isSet(m_window->results().at(storeRowAt(0)).cloudCover));
        QVERIFY(!ItemRecord::isSet(m_window->results().at(storeRowAt(n - 1)).cloudCover)); // SAR last
        QVERIFY(m_window->results().at(storeRowAt(0)).cloudCover <= m_window->results().at(storeRowAt(1)).cloudCover);

        // The header, descending: the SAR scenes (no cloud cover) still last; the form says so.
        header->setSortIndicator(ResultsModel::CloudCover, Qt::DescendingOrder);
        QCOMPARE(m_window->searchPanel()->sortKey(), u"-eo:cloud_cover"_s);
        QCOMPARE(sort->currentText(), u"Cloud, descending"_s);
        QVERIFY(ItemRecord::isSet(m_window->results().at(storeRowAt(0)).cloudCover));
        QVERIFY(!ItemRecord::isSet(m_window->results().at(storeRowAt(n - 1)).cloudCover));
        QVERIFY(m_window->results().at(storeRowAt(0)).cloudCover >= m_window->results().at(storeRowAt(1)).cloudCover);

        header->setSortIndicator(ResultsModel::Datetime, Qt::DescendingOrder);
        QCOMPARE(sort->currentText(), u"Newest first"_s);
        QCOMPARE(sort->count(), 5); // one entry beyond the presets, not one per click

        // A new search sorted oldest first: the table shows that order.
        header->setSortIndicator(ResultsModel::Id, Qt::AscendingOrder); // the table sorted elsewhere meanwhile
        sort->setCurrentIndex(sort->findData(u"+datetime"_s));
        QSignalSpy done(m_window.get(), &MainWindow::searchFinished);
        m_window->runSearch();
        QVERIFY(!done.isEmpty() || done.wait(20000));
        QCOMPARE(header->sortIndicatorSection(), int(ResultsModel::Datetime));
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        QVERIFY(m_window->results().at(storeRowAt(0)).datetime <= m_window->results().at(storeRowAt(1)).datetime);
    }

    // The search form and the map view as the user left them come back after a restart.
    void formAndMapComeBackAfterARestart()
    {
        SearchPanel *form = m_window->searchPanel();
        form->cloudCheck()->setChecked(true);
        form->cloudSpin()->setValue(35);
        form->sortCombo()->setCurrentIndex(form->sortCombo()->findData(u"-datetime"_s));
        form->setMaxItems(1234);
        QListWidgetItem *first = form->collectionList()->item(0);
        const QString collection = first->data(Qt::UserRole).toString();
        first->setCheckState(Qt::Checked);
        m_window->map()->setZoom(6);
        m_window->map()->setCenterLonLat(10.5, 50.25);
        QVERIFY(qAbs(m_window->map()->viewport().centerLat() - 50.25) < 1e-6);
        QVERIFY(m_window->close());
        m_window.reset();

        m_window = Testing::openDemoWindow(&m_network);
        QVERIFY(m_window);
        form = m_window->searchPanel();
        QVERIFY(form->cloudCheck()->isChecked());
        QCOMPARE(form->cloudSpin()->value(), 35);
        QCOMPARE(form->sortKey(), u"-datetime"_s);
        QCOMPARE(form->maxItems(), 1234);
        QCOMPARE(form->checkedCollections(), QStringList({ collection }));
        QCOMPARE(m_window->map()->viewport().zoom(), 6.0);
        QVERIFY(qAbs(m_window->map()->viewport().centerLon() - 10.5) < 1e-6);
        QVERIFY2(qAbs(m_window->map()->viewport().centerLat() - 50.25) < 1e-6,
            qPrintable(QString::number(m_window->map()->viewport().centerLat(), 'g', 12)));
        // The search it ran used them: one collection, at most 35 % cloud.
        QVERIFY(m_window->results().size() > 0);
        for (int row = 0; row < m_window->results().size(); ++row) {
            QCOMPARE(m_window->results().at(row).collection, collection);
            const float cloud = m_window->results().at(row).cloudCover;
            QVERIFY(!ItemRecord::isSet(cloud) || cloud <= 35.0f);
        }
    }

    // F1 opens the guide (once, however often pressed); Help > Keyboard shortcuts lists the menus'
    // shortcuts as the actions have them; About says what the app does today.
    void helpGuideAndShortcuts()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_F1);
        auto *guide = m_window->findChild<GettingStartedDialog *>();
        QVERIFY(guide);
        QTRY_VERIFY(guide->isVisible());
        QVERIFY(guide->browser()->toPlainText().contains(u"Demo catalog (offline)"_s));
        QVERIFY(guide->browser()->toPlainText().contains(u"View › Panels"_s));
        QTest::keyClick(m_window.get(), Qt::Key_F1);
        QCOMPARE(m_window->findChildren<GettingStartedDialog *>().size(), 1);
        guide->close();

        QAction *shortcuts = nullptr;
        for (QAction *top : m_window->menuBar()->actions()) {
            if (top->menu() && top->text() == u"&Help"_s) {
                for (QAction *a : top->menu()->actions()) {
                    shortcuts = a->text() == u"&Keyboard shortcuts"_s ? a : shortcuts;
                }
            }
        }
        QVERIFY(shortcuts);
        shortcuts->trigger();
        auto *list = m_window->findChild<ShortcutsDialog *>();
        QVERIFY(list);
        const QString text = list->browser()->toPlainText();
        QVERIFY2(text.contains(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)), qPrintable(text));
        QVERIFY(text.contains(u"File › Open static catalog..."_s));
        QVERIFY(text.contains(u"Help › Getting started"_s));
        QVERIFY(text.contains(u"Cancel the drawing"_s));
        QVERIFY(text.contains(u"Edit › Undo"_s));
        list->close();
    }

    // Edit > Undo / Redo with their keys: Ctrl+Z takes the last area back, Ctrl+Shift+Z (and
    // Ctrl+Y) brings it again; the menu says what will be undone.
    void undoAndRedoFromTheKeyboard()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        AoiController *aois = m_window->aoiController();
        aois->add(Aoi::Kind::Rectangle, Geometry::fromBox(GeoBox { 10, 40, 12, 42 }), u"Lake"_s);
        auto *undo = m_window->findChild<QAction *>(u"undoAction"_s);
        auto *redo = m_window->findChild<QAction *>(u"redoAction"_s);
        QVERIFY(undo && redo);
        QCOMPARE(undo->text(), u"&Undo Add \u201cLake\u201d"_s);
        QVERIFY(!redo->isEnabled());
        m_window->map()->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(aois->model()->rowCount(), 0);
        QVERIFY(!undo->isEnabled());
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(aois->model()->rowCount(), 1);
        QCOMPARE(aois->model()->at(0).name, u"Lake"_s);
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(m_window.get(), Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(aois->model()->rowCount(), 1);
        bool inEditMenu = false;
        for (QAction *top : m_window->menuBar()->actions()) {
            inEditMenu = inEditMenu || (top->text() == u"&Edit"_s && top->menu()->actions().contains(undo));
        }
        QVERIFY(inEditMenu);
    }

    // Areas of interest drawn, renamed and made active come back in the next window from the
    // SQLite store, in their order, with the active one active.
    void areasOfInterestComeBack()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(u"store.sqlite"_s));
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        AoiStore store(db);
        const auto closeWindow = qScopeGuard([this] { m_window.reset(); }); // before the store, even on failure
        m_window->setAoiStore(&store);
        AoiListModel *aois = m_window->aoiController()->model();
        QCOMPARE(aois->rowCount(), 0);
        aois->add(Aoi::Kind::Rectangle, Geometry::fromBox(GeoBox { 10, 40, 12, 42 }));
        aois->add(Aoi::Kind::Polygon, Geometry::fromBox(GeoBox { -5, 50, -3, 52 }));
        aois->rename(0, u"Po valley"_s);
        aois->setVisible(1, false);
        aois->setActiveRow(0);
        QTRY_COMPARE(store.load().aois.size(), 2); // saved shortly after the changes

        m_window.reset();
        m_window = std::make_unique<MainWindow>(&m_network, nullptr);
        m_window->setAoiStore(&store);
        aois = m_window->aoiController()->model();
        QCOMPARE(aois->rowCount(), 2);
        QCOMPARE(aois->at(0).name, u"Po valley"_s);
        QCOMPARE(aois->at(0).kind, Aoi::Kind::Rectangle);
        QCOMPARE(aois->at(0).geometry, Geometry::fromBox(GeoBox { 10, 40, 12, 42 }));
        QVERIFY(aois->at(0).areaKm2 > 30000); // derived again
        QCOMPARE(aois->at(1).name, u"Polygon 2"_s);
        QVERIFY(!aois->at(1).visible);
        QCOMPARE(aois->activeRow(), 0);
        // New ones are numbered after them; a delete is saved too.
        const int added = aois->add(Aoi::Kind::Point, Geometry::fromBox(GeoBox { 1, 1, 1.1, 1.1 }));
        QCOMPARE(added, 2);
        QCOMPARE(aois->rowCount(), 3);
        QCOMPARE(aois->at(2).name, u"Point 3"_s);
        aois->remove(1);
        QTRY_COMPARE(store.load().aois.size(), 2);
    }

private:
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestMainWindowSession)
#include "tst_mainwindowsession.moc"
