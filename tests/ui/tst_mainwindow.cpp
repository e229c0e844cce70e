// The main window on the embedded demo catalog, driven by QTest events (offscreen).
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

#include "resources/demoresources.h"
#include "src/download/downloadmanager.h"
#include "src/models/aoilistmodel.h"
#include "src/models/resultsgroupmodel.h"
#include "src/models/resultsmodel.h"
#include "src/net/networkclient.h"
#include "src/stac/itemexportjob.h"
#include "src/stac/itemstore.h"
#include "tests/support/ports.h"
#include "tests/ui/demowindow.h"
#include "ui/aoi/aoicontroller.h"
#include "ui/aoi/aoicoordinatesdialog.h"
#include "ui/aoi/aoipanel.h"
#include "ui/common/messagebar.h"
#include "ui/details/itemdetailswidget.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/downloads/downloadscontroller.h"
#include "ui/mainwindow.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/mapwidget.h"
#include "ui/map/quicklooklayer.h"
#include "ui/search/addcatalogdialog.h"
#include "ui/search/catalogmanagerdialog.h"
#include "ui/search/catalogscontroller.h"
#include "ui/search/searchpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Testing::prepareDemoWindowTests(); }

    void init()
    {
        m_window = Testing::openDemoWindow(&m_network);
        QVERIFY(m_window);
    }

    void cleanup() { m_window.reset(); }

    void addStacApiDialogIsNonModalAndChecksTheCatalog()
    {
        CatalogsController *catalogs = m_window->catalogsController();
        const qsizetype before = m_window->catalogs().size();
        // Through File > Add STAC API..., as a person does.
        QAction *add = nullptr;
        for (QAction *a : m_window->menuBar()->actions().first()->menu()->actions()) {
            add = a->text() == u"Add STAC &API..."_s ? a : add;
        }
        QVERIFY(add);
        add->trigger();
        AddCatalogDialog *dialog = catalogs->addDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        // A closed port: nothing leaves the machine.
        dialog->urlEdit()->setText(TestPorts::closedLocalOrigin() + u"/stac"_s);
        dialog->nameEdit()->setText(u"Closed port"_s);
        dialog->accept();
        // Checked first: a closed port is said so, and kept only when the user says so.
        QTRY_VERIFY(dialog->keepButton()->isVisible());
        QVERIFY(dialog->statusLabel()->text().startsWith(u"Couldn't load: "_s));
        QCOMPARE(m_window->catalogs().size(), before);
        QTest::mouseClick(dialog->keepButton(), Qt::LeftButton);
        QCOMPARE(m_window->catalogs().size(), before + 1);
        QCOMPARE(m_window->catalogs().last().name, u"Closed port"_s);
        QCOMPARE(m_window->session()->source().name, u"Closed port"_s);
        QCOMPARE(m_window->searchPanel()->catalogCombo()->currentText(), u"Closed port"_s);
    }

    void typedCoordinatesBecomeAnAoiWithoutANestedLoop()
    {
        AoiListModel *aois = m_window->aois();
        const int before = aois->rowCount();
        Q_EMIT m_window->aoiPanel()->enterCoordinatesRequested();
        AoiCoordinatesDialog *dialog = m_window->aoiController()->coordinatesDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->textEdit()->setPlainText(u"10, 40, 12, 42"_s);
        dialog->accept();
        QCOMPARE(aois->rowCount(), before + 1);
        const Aoi &aoi = aois->at(before);
        QCOMPARE(aoi.kind, Aoi::Kind::Rectangle);
        QCOMPARE(aoi.geometry, Geometry::fromBox(GeoBox { 10, 40, 12, 42 }));
    }

    void downloadDialogIsNonModalAndQueuesTheChoice()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto downloads = std::make_unique<DownloadManager>(&m_nam);
        m_window->setDownloadManager(downloads.get());
        QVERIFY(!m_window->downloadAction()->isEnabled());
        m_window->selectRows({ 0, 1 });
        QVERIFY(m_window->downloadAction()->isEnabled());
        m_window->downloadAction()->trigger();
        // The dialog is open and the event loop keeps running under it.
        DownloadDialog *dialog = m_window->downloads()->dialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->directoryEdit()->setText(dir.path());
        QSignalSpy queued(m_window->downloads(), &DownloadsController::queued);
        QTest::mouseClick(dialog->downloadButton(), Qt::LeftButton);
        QVERIFY(queued.wait(10000));
        const int count = queued.first().first().toInt();
        QVERIFY(count >= 2); // at least one asset per item
        QCOMPARE(downloads->order().size(), count);
        QVERIFY(m_window->downloads()->dock()->isVisible());
        m_window.reset(); // before the manager it uses
    }

    void fileMenuOpensTheCatalogManager()
    {
        QAction *manage = nullptr;
        for (QAction *a : m_window->menuBar()->actions().first()->menu()->actions()) {
            manage = a->text() == u"&Manage catalogs..."_s ? a : manage;
        }
        QVERIFY(manage);
        manage->trigger();
        CatalogManagerDialog *manager = m_window->catalogsController()->managerDialog();
        QVERIFY(manager);
        QTRY_VERIFY(manager->isVisible());
        // The open catalog's state is known: the demo loaded its three collections.
        QVERIFY(manager->selectCatalog(CatalogSource::demo().id()));
        QCOMPARE(manager->statusText(CatalogSource::demo().id()), u"Not checked"_s);
        QTest::mouseClick(manager->testButton(), Qt::LeftButton);
        QTRY_COMPARE(manager->statusText(CatalogSource::demo().id()), u"OK: 3 collections"_s);
    }

    void firstLaunchShowsTheDemoCatalog()
    {
        QCOMPARE(m_window->session()->source().location, CatalogSource::demo().location);
        QVERIFY(m_window->results().size() >= 2000);
        QCOMPARE(m_window->resultsView()->model()->rowCount(), m_window->results().size());
        QCOMPARE(m_window->searchPanel()->collectionList()->count(), 3);
        QVERIFY(!m_window->messageBar()->isVisible());
        QVERIFY(!m_window->searchPanel()->isBusy());
    }

    void tableSelectionHighlightsFootprintAndShowsDetails()
    {
        QTableView *table = m_window->resultsView();
        const QModelIndex index = table->model()->index(5, 0);
        table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const int row = index.data(ResultsModel::RowRole).toInt();
        QCOMPARE(m_window->footprintLayer()->selectedRows(), QSet<int> { row });
        QCOMPARE(m_window->details()->title(), m_window->results().at(row).id);
        QVERIFY(m_window->details()->propertiesView()->topLevelItemCount() > 5);
        QVERIFY(m_window->details()->assetsView()->topLevelItemCount() >= 3);
        // The demo thumbnail comes from the embedded catalog and decodes.
        QVERIFY(!m_window->details()->thumbnailLabel()->pixmap().isNull());
        // ...and is draped over the footprint on the map once a worker has decoded it.
        QTRY_COMPARE(m_window->quicklookLayer()->items().size(), 1);
        QCOMPARE(m_window->quicklookLayer()->items().first().row, row);
        // The selected footprint is brought into view.
        QVERIFY(m_window->map()->viewport().visibleBox().intersects(m_window->results().at(row).bbox));
    }

    void selectionOffScreenPansTheMap()
    {
        MapWidget *map = m_window->map();
        map->setCenterLonLat(0, 0);
        map->setZoom(6);
        int far = -1;
        for (int row = 0; row < m_window->results().size() && far < 0; ++row) {
            const ItemRecord &r = m_window->results().at(row);
            if (r.hasBbox && !map->viewport().visibleBox().intersects(r.bbox)) {
                far = row;
            }
        }
        QVERIFY(far >= 0);
        m_window->selectRows({ far });
        QVERIFY(map->viewport().visibleBox().intersects(m_window->results().at(far).bbox));
    }

    void clickOnMapSelectsRow()
    {
        MapWidget *map = m_window->map();
        const int target = 17;
        const ItemRecord &r = m_window->results().at(target);
        map->zoomToBox(r.bbox);
        const QPointF point = map->viewport().lonLatToScreen(r.bbox.centerLon(), r.bbox.centerLat());
        const int hit = m_window->footprintLayer()->hitTest(point, map->viewport());
        QVERIFY(hit >= 0);
        QVERIFY(m_window->results().at(hit).bbox.containsPoint(r.bbox.centerLon(), r.bbox.centerLat()));
        QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, point.toPoint());
        QCOMPARE(m_window->selectedRows(), QList<int> { hit });
        // The row is current and scrolled to in the table.
        const QModelIndex current = m_window->resultsView()->selectionModel()->currentIndex();
        QCOMPARE(current.data(ResultsModel::RowRole).toInt(), hit);

        // Ctrl-click elsewhere adds; clicking empty sea clears.
        const int other = hit == 3 ? 4 : 3;
        const ItemRecord &o = m_window->results().at(other);
        map->zoomToBox(o.bbox);
        const QPointF otherPoint = map->viewport().lonLatToScreen(o.bbox.centerLon(), o.bbox.centerLat());
        const int otherHit = m_window->footprintLayer()->hitTest(otherPoint, map->viewport());
        QVERIFY(otherHit >= 0 && otherHit != hit);
        QTest::mouseClick(map, Qt::LeftButton, Qt::ControlModifier, otherPoint.toPoint());
        QList<int> rows = m_window->selectedRows();
        std::sort(rows.begin(), rows.end());
        QList<int> expected { hit, otherHit };
        std::sort(expected.begin(), expected.end());
        QCOMPARE(rows, expected);
        QCOMPARE(m_window->footprintLayer()->selectedRows().size(), 2);
    }

    void drawnRectangleBecomesTheSearchArea()
    {
        MapWidget *map = m_window->map();
        map->setCenterLonLat(10, 45);
        map->setZoom(3);
        m_window->searchPanel()->drawButton()->click();
        QVERIFY(m_window->aoiPanel()->toolButton(AoiPanel::Tool::Rectangle)->isChecked());
        QTest::mousePress(map, Qt::LeftButton, Qt::NoModifier, QPoint(300, 200));
        QTest::mouseMove(map, QPoint(450, 300));
        QTest::mouseRelease(map, Qt::LeftButton, Qt::NoModifier, QPoint(500, 350));
        QCOMPARE(m_window->aois()->rowCount(), 1);
        QCOMPARE(m_window->aois()->activeRow(), 0);
        QCOMPARE(m_window->aois()->at(0).kind, Aoi::Kind::Rectangle);
        const GeoBox box = m_window->aois()->at(0).bounds;
        QCOMPARE(m_window->searchPanel()->area(), SearchPanel::Area::ActiveAoi);
        QVERIFY(!m_window->searchPanel()->drawButton()->isChecked());
        QVERIFY(!m_window->aoiPanel()->toolButton(AoiPanel::Tool::Rectangle)->isChecked());
        QSignalSpy done(m_window.get(), &MainWindow::searchFinished);
        QTest::mouseClick(m_window->searchPanel()->searchButton(), Qt::LeftButton);
        QVERIFY(done.count() == 1 || done.wait(10000));
        QVERIFY(m_window->results().size() > 0);
        QVERIFY(m_window->results().size() < 2000);
        for (const ItemRecord &r : m_window->results().items()) {
            QVERIFY(r.bbox.intersects(box));
        }
    }

    void polygonAreaSearch()
    {
        MapWidget *map = m_window->map();
        map->setCenterLonLat(20, 0);
        map->setZoom(2.5);
        m_window->aoiPanel()->toolButton(AoiPanel::Tool::Polygon)->click();
        for (const QPoint p : { QPoint(250, 150), QPoint(550, 170), QPoint(520, 420) }) {
            QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, p);
        }
        QTest::keyClick(map, Qt::Key_Return);
        QCOMPARE(m_window->aois()->rowCount(), 1);
        QCOMPARE(m_window->aois()->at(0).vertexCount, 3);
        QSignalSpy done(m_window.get(), &MainWindow::searchFinished);
        m_window->runSearch();
        QVERIFY(done.count() == 1 || done.wait(10000));
        QVERIFY(m_window->results().size() > 0);
        const GeoBox bounds = m_window->aois()->at(0).bounds;
        for (const ItemRecord &r : m_window->results().items()) {
            QVERIFY(r.bbox.intersects(bounds));
        }
    }

    void collectionFilter()
    {
        QListWidget *list = m_window->searchPanel()->collectionList();
        list->item(0)->setCheckState(Qt::Checked);
        const QString id = list->item(0)->data(Qt::UserRole).toString();
        QSignalSpy done(m_window.get(), &MainWindow::searchFinished);
        m_window->runSearch();
        QVERIFY(done.count() == 1 || done.wait(10000));
        QVERIFY(m_window->results().size() > 100);
        for (const ItemRecord &r : m_window->results().items()) {
            QCOMPARE(r.collection, id);
        }
    }

    void unreadableCatalogShowsAMessage()
    {
        CatalogSource broken;
        broken.kind = CatalogSource::Kind::StaticCatalog;
        broken.name = u"Broken"_s;
        broken.location = u"/nonexistent/catalog/for/stacscope"_s;
        m_window->addCatalog(broken);
        QSignalSpy done(m_window.get(), &MainWindow::searchFinished);
        m_window->runSearch();
        QVERIFY(done.count() == 1 || done.wait(10000));
        QVERIFY(m_window->messageBar()->isVisible());
        QCOMPARE(m_window->messageBar()->level(), MessageBar::Level::Error);
        QVERIFY2(
            m_window->messageBar()->text().contains(u"No such file"_s), qPrintable(m_window->messageBar()->text()));
        QVERIFY(!m_window->searchPanel()->isBusy());
    }

    void openingAStaticCatalogReplacesTheResults()
    {
        QVERIFY(m_window->results().size() > 0);
        CatalogSource folder;
        folder.kind = CatalogSource::Kind::StaticCatalog;
        folder.name = u"Fixture"_s;
        folder.location = QStringLiteral(STACSCOPE_TEST_FIXTURES "/static-catalog/catalog.json");
        QSignalSpy done(m_window.get(), &MainWindow::searchFinished);
        m_window->addCatalog(folder); // selects it, which reads it at once
        QVERIFY(done.count() == 1 || done.wait(10000));
        QVERIFY(m_window->results().size() > 0);
        for (int row = 0; row < m_window->results().size(); ++row) {
            QVERIFY2(!m_window->results().at(row).collection.startsWith(u"demo-"_s),
                qPrintable(m_window->results().at(row).id));
        }
        QCOMPARE(m_window->resultsModel()->rowCount(), m_window->results().size());
    }

    void choosingAnApiClearsTheOtherCatalogsResults()
    {
        QVERIFY(m_window->results().size() > 0);
        CatalogSource api;
        api.kind = CatalogSource::Kind::StacApi;
        api.name = u"Nowhere"_s;
        api.location = TestPorts::closedLocalOrigin() + u"/"_s; // refused at once; the results go anyway
        m_window->addCatalog(api);
        QCOMPARE(m_window->results().size(), 0);
        QCOMPARE(m_window->resultsModel()->rowCount(), 0);
        QCOMPARE(m_window->footprintLayer()->count(), 0);
    }

    // Group by collection: a group per collection with its items; picking an item in the tree
    // selects it in the table (and so on the map), and a table selection shows in the tree.
    void groupByCollection()
    {
        QComboBox *combo = m_window->groupByCombo();
        combo->setCurrentIndex(combo->findText(u"Collection"_s));
        QTreeView *tree = m_window->groupedView();
        QVERIFY(tree->isVisible());
        QVERIFY(!m_window->resultsView()->isVisible());
        const ItemStore &store = m_window->results();
        QHash<QString, int> expected;
        for (const ItemRecord &r : store.items()) {
            ++expected[r.collection];
        }
        QAbstractItemModel *model = tree->model();
        QCOMPARE(model->rowCount(), expected.size());
        for (int g = 0; g < model->rowCount(); ++g) {
            const QModelIndex group = model->index(g, 0);
            const QString value = group.data(ResultsGroupModel::GroupValueRole).toString();
            QCOMPARE(model->rowCount(group), expected.value(value));
        }
        const QModelIndex group = model->index(1, 0);
        const QModelIndex item = model->index(3, 0, group);
        tree->selectionModel()->select(item, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const int row = item.data(ResultsModel::RowRole).toInt();
        QCOMPARE(store.at(row).collection, group.data(ResultsGroupModel::GroupValueRole).toString());
        QCOMPARE(m_window->footprintLayer()->selectedRows(), QSet<int> { row });
        QCOMPARE(m_window->details()->title(), store.at(row).id);

        // From the table side (a map click selects there): the tree follows.
        QTableView *table = m_window->resultsView();
        const QModelIndex other = table->model()->index(10, 0);
        table->selectionModel()->select(other, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const int otherRow = other.data(ResultsModel::RowRole).toInt();
        const QModelIndexList selected = tree->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data(ResultsModel::RowRole).toInt(), otherRow);

        // A whole group selected selects its items.
        tree->selectionModel()->select(group, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(m_window->footprintLayer()->selectedRows().size(), model->rowCount(group));

        combo->setCurrentIndex(0);
        QVERIFY(m_window->resultsView()->isVisible());
    }

    void exportResults()
    {
        QTemporaryDir dir;
        const QString all = dir.filePath(u"all.geojson"_s);
        QVERIFY(finishExport(m_window->exportResults(all, MainWindow::ExportScope::Selection)));
        QFile file(all);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject fc = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(fc.value(u"type"_s).toString(), u"FeatureCollection"_s);
        QCOMPARE(fc.value(u"features"_s).toArray().size(), m_window->results().size());

        QTableView *table = m_window->resultsView();
        QItemSelection selection;
        for (int r : { 2, 7, 9 }) {
            selection.select(table->model()->index(r, 0), table->model()->index(r, 0));
        }
        table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QString some = dir.filePath(u"some.geojson"_s);
        QVERIFY(finishExport(m_window->exportResults(some, MainWindow::ExportScope::Selection)));
        QFile part(some);
        QVERIFY(part.open(QIODevice::ReadOnly));
        const QJsonArray features = QJsonDocument::fromJson(part.readAll()).object().value(u"features"_s).toArray();
        QCOMPARE(features.size(), 3);
        QSet<QString> ids;
        for (int r : { 2, 7, 9 }) {
            ids.insert(m_window->results().at(table->model()->index(r, 0).data(ResultsModel::RowRole).toInt()).id);
        }
        for (const QJsonValue &f : features) {
            QVERIFY(ids.contains(f.toObject().value(u"id"_s).toString()));
        }
        QVERIFY(!finishExport(
            m_window->exportResults(dir.filePath(u"missing/dir/x.geojson"_s), MainWindow::ExportScope::Selection)));
        QCOMPARE(m_window->messageBar()->level(), MessageBar::Level::Error);
        QVERIFY(m_window->messageBar()->text().contains(u"missing/dir/x.geojson"_s));
    }

private:
    // Waits for an export job; true when it wrote its file.
    static bool finishExport(ItemExportJob *job)
    {
        if (!job) {
            return false;
        }
        // The window deletes the job once it has finished: read the outcome as it is announced.
        bool ok = false;
        QObject::connect(job, &ItemExportJob::finished, job, [&ok, job] { ok = job->isOk(); });
        QSignalSpy finished(job, &ItemExportJob::finished);
        return finished.wait(20000) && ok;
    }

    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
