// "Task this..." in the main window: targets from the map, an AOI, a result's footprint or typed
// coordinates; the target on the map while it is edited and afterwards with its request's status;
// "archive or task?" beside the form, over the demo catalog's results. With
// STACSCOPE_SCREENSHOTS=<folder> it also writes the README's screenshots of the form and review.

#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "resources/demoresources.h"
#include "src/download/downloadmanager.h"
#include "src/geo/vectorbasemap.h"
#include "src/models/aoilistmodel.h"
#include "src/models/targetlistmodel.h"
#include "src/net/networkclient.h"
#include "src/providers/accountstore.h"
#include "src/providers/catalogsession.h"
#include "src/stac/itemstore.h"
#include "src/tasking/requestmonitor.h"
#include "tests/support/capellaemulator.h"
#include "tests/support/satellogicemulator.h"
#include "tests/support/stacemulator.h"
#include "tests/ui/capellatasksharness.h"
#include "ui/accounts/accountcombo.h"
#include "ui/common/messagebar.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/mainwindow.h"
#include "ui/map/coveragelayer.h"
#include "ui/map/mapwidget.h"
#include "ui/monitor/monitormodel.h"
#include "ui/monitor/monitorpanel.h"
#include "ui/search/catalogscontroller.h"
#include "ui/tasking/coveragepanel.h"
#include "ui/tasking/parameterform.h"
#include "ui/tasking/taskdialog.h"
#include "ui/tasking/taskingcontroller.h"

using namespace Qt::StringLiterals;

namespace StacScope {

class TestTaskingController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        initDemoResources();
        qputenv("TZ", "Europe/Madrid");
        QFile file(u":/basemap/naturalearth.bin"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_basemap = VectorBasemap::load(file.readAll());
        QVERIFY(m_basemap);
    }

    void init()
    {
        QSettings().clear();
        m_h = std::make_unique<CapellaTasksHarness>();
        QVERIFY(m_h->isListening());
        m_accountId = m_h->addCapellaAccount();
        QVERIFY(!m_accountId.isEmpty());
        m_window = std::make_unique<MainWindow>(m_h->network(), &*m_basemap);
        m_window->setAccountManager(m_h->accounts());
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy searched(m_window.get(), &MainWindow::searchFinished);
        m_window->start();
        QVERIFY(searched.wait(20000));
        QVERIFY(m_window->results().size() > 0);
        m_tasking = m_window->tasking();
        QVERIFY(m_tasking);
        m_tasking->setCoverageCatalogFilter(&TestTaskingController::isLocal);
    }

    void cleanup()
    {
        m_window.reset();
        m_h.reset();
    }

    void taskingMenuSitsBeforeHelp()
    {
        const QList<QAction *> menus = m_window->menuBar()->actions();
        QCOMPARE(menus.last()->text(), u"&Help"_s);
        QVERIFY(menus.contains(m_tasking->menu()->menuAction()));
    }

    void pointTargetIsDrawnWhileEditedAndLeavesWithAnUnsentDraft()
    {
        TaskDialog *dialog = m_tasking->taskPoint(2.17, 41.38);
        QVERIFY(dialog);
        QCOMPARE(m_window->targets()->rowCount(), 1);
        const Target &target = m_window->targets()->at(0);
        QCOMPARE(target.status, u"Draft"_s);
        QCOMPARE(target.geometry, Geometry::point(2.17, 41.38));
        QCOMPARE(dialog->target(), Geometry::point(2.17, 41.38));
        QCOMPARE(dialog->accountCombo()->currentAccountId(), m_accountId);
        QCOMPARE(dialog->nameEdit()->text(), u"Point 2.1700, 41.3800"_s);
        dialog->reject();
        QTRY_COMPARE(m_window->targets()->rowCount(), 0);
    }

    void footprintTargetIsCoveredByItsOwnScene()
    {
        // A result's footprint, tasked again: its own scene covers all of it.
        const int row = 0;
        m_window->selectRows({ row });
        QVERIFY(m_tasking->taskFootprintAction()->isEnabled());
        m_tasking->taskFootprintAction()->trigger();
        TaskDialog *dialog = m_tasking->dialog();
        QVERIFY(dialog);
        CoveragePanel *coverage = m_tasking->coveragePanel();
        QVERIFY(coverage);
        QCOMPARE(dialog->target(), m_window->results().at(row).footprint);
        QTRY_VERIFY(!coverage->isComputing());
        const Coverage::Result &r = coverage->result();
        QVERIFY(r.isOk());
        QVERIFY(r.sceneCount >= 1);
        QVERIFY(std::find(r.sceneIndices.begin(), r.sceneIndices.end(), row) != r.sceneIndices.end());
        QVERIFY(qAbs(r.coveredFraction - 1.0) < 1e-6);
        QVERIFY(m_tasking->coverageLayer()->uncovered().isEmpty());
        QVERIFY(coverage->summaryLabel()->text().contains(u"cover 100 % of the target"_s)
            || coverage->summaryLabel()->text().contains(u"covers 100 % of the target"_s));

        // Clicking a scene in the list selects it in the results.
        m_window->selectRows({});
        QTreeWidget *scenes = coverage->scenesView();
        QTreeWidgetItem *item = nullptr;
        for (int i = 0; i < scenes->topLevelItemCount(); ++i) {
            if (scenes->topLevelItem(i)->text(0) == m_window->results().at(row).id) {
                item = scenes->topLevelItem(i);
            }
        }
        QVERIFY(item);
        const QRect rect = scenes->visualItemRect(item);
        QTest::mouseClick(scenes->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(m_window->selectedRows(), QList<int>({ row }));
    }

    void areaOutsideTheResultsIsUncoveredAndHatched()
    {
        // A box in the South Atlantic, where the demo catalog has no scene.
        const Geometry box = Geometry::fromBox(GeoBox { -20.0, -40.0, -19.0, -39.0 });
        const int aoi = m_window->aois()->add(Aoi::Kind::Rectangle, box, u"Open sea"_s);
        m_window->aois()->setActiveRow(aoi);
        QVERIFY(m_tasking->taskAoiAction()->isEnabled());
        m_tasking->taskAoiAction()->trigger();
        CoveragePanel *coverage = m_tasking->coveragePanel();
        QTRY_VERIFY(!coverage->isComputing());
        QCOMPARE(coverage->result().sceneCount, 0);
        QCOMPARE(coverage->result().coveredFraction, 0.0);
        QCOMPARE(
            coverage->summaryLabel()->text().section(u'\n', 0, 0), u"No scene of your catalogs covers this target."_s);
        QCOMPARE(m_window->targets()->at(0).name, u"Open sea"_s);
    }

    void submittedTargetKeepsItsStatusOnTheMap()
    {
        TaskDialog *dialog = m_tasking->taskPoint(2.17, 41.38);
        QSignalSpy submitted(m_tasking, &TaskingController::requestSubmitted);
        QTest::keyClicks(dialog->nameEdit(), u" harbour"_s);
        QTRY_VERIFY(dialog->reviewButton()->isEnabled());
        QVERIFY(dialog->review());
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        QCOMPARE(submitted.first().at(0).toString(), m_accountId);
        QCOMPARE(m_window->targets()->at(0).status, u"Submitted"_s);
        QCOMPARE(m_window->targets()->at(0).provider, u"capella"_s);
        QCOMPARE(m_window->targets()->at(0).name, u"Point 2.1700, 41.3800 harbour"_s);
        dialog->accept();
        QTest::qWait(50);
        QCOMPARE(m_window->targets()->rowCount(), 1); // a sent request's target stays
    }

    void followedRequestGivesItsTargetTheProvidersStatus()
    {
        RequestMonitor monitor(nullptr, [this](const QString &id) { return m_h->accounts()->session(id); });
        monitor.setBaseInterval(50);
        QVERIFY(monitor.start());
        m_window->setRequestMonitor(&monitor);
        TaskDialog *dialog = m_tasking->taskPoint(2.17, 41.38);
        QTRY_VERIFY(dialog->reviewButton()->isEnabled());
        QVERIFY(dialog->review());
        QVERIFY(!dialog->autoDownloadCheck()->isChecked()); // opt-in
        QTest::mouseClick(dialog->autoDownloadCheck(), Qt::LeftButton);
        QSignalSpy submitted(m_tasking, &TaskingController::requestSubmitted);
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        QCOMPARE(monitor.requests().size(), 1);
        const MonitoredRequest followed = monitor.requests().first();
        QVERIFY(followed.autoDownload);
        QCOMPARE(followed.downloadFolder, DownloadDialog::defaultDirectory());
        QCOMPARE(followed.kind, MonitoredKind::CapellaTasking);
        QCOMPARE(followed.remoteId, submitted.first().at(2).toString());
        QCOMPARE(followed.name, u"Point 2.1700, 41.3800"_s);
        // The emulator reviews the price a minute after submission: the target turns "review".
        m_h->emulator()->advanceClock(CapellaEmulator::ReviewAfter + 1);
        QVERIFY(monitor.pollNow(followed.key()));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->targets()->at(0).status, u"review"_s, 10000);
        // The Tasks dock's Monitor lists it, and the change was said in the message bar.
        QVERIFY(m_tasking->monitorPanel());
        QCOMPARE(m_tasking->tasksTabs()->tabText(0), u"Monitor"_s);
        QCOMPARE(m_tasking->monitorPanel()->model()->rowCount(), 1);
        QTRY_VERIFY2(
            m_window->messageBar()->text().startsWith(u"Capella tasking request \"Point 2.1700, 41.3800\" is now"_s),
            qPrintable(m_window->messageBar()->text()));
        m_window->setRequestMonitor(nullptr);
        QVERIFY(!m_tasking->monitorPanel());
    }

    // The whole loop for a Satellogic task, all in the app: from a point on the map through the
    // form, review and Submit, followed by the monitor on the emulator's clock to "completed",
    // and its deliveries downloaded (automatically, as chosen on the review page) into a folder
    // named after the task.
    void satellogicTaskFromTheMapToFilesOnDisk()
    {
        SatellogicEmulator satellogic;
        QVERIFY2(satellogic.listen(), qPrintable(satellogic.errorString()));
        satellogic.setDeliverySize(32 * 1024);
        Account a;
        a.name = u"Satellogic prod"_s;
        a.provider = u"satellogic"_s;
        a.endpoints = { { u"auth"_s, satellogic.authUrl() }, { u"accounts"_s, satellogic.accountsUrl() },
            { u"api"_s, satellogic.apiUrl() } };
        a.options.insert(u"contract"_s, SatellogicEmulator::FirstContractId.toString());
        QVERIFY(m_h->save(a,
            { { u"client_id"_s, SatellogicEmulator::DefaultClientId.toString().toUtf8() },
                { u"client_secret"_s, SatellogicEmulator::DefaultClientSecret.toString().toUtf8() } }));
        const QString satellogicId = m_h->store()->byName(a.name).id;
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        DownloadDialog::rememberDirectory(folder.path());

        // A window with downloads, accounts and a monitor, as main() builds it.
        m_window.reset();
        DownloadManager *downloads = m_h->downloads();
        downloads->setAuthenticator(m_h->router());
        downloads->setUrlRefresher(m_h->accounts());
        RequestMonitor monitor(nullptr, [this](const QString &id) { return m_h->accounts()->session(id); });
        monitor.setBaseInterval(50);
        QVERIFY(monitor.start());
        m_window = std::make_unique<MainWindow>(m_h->network(), &*m_basemap);
        m_window->setDownloadManager(downloads);
        m_window->setAccountManager(m_h->accounts());
        m_window->setRequestMonitor(&monitor);
        m_window->show();
        m_tasking = m_window->tasking();
        m_tasking->setCoverageCatalogFilter(&TestTaskingController::isLocal);

        TaskDialog *dialog = m_tasking->taskPoint(-0.32, 39.44);
        dialog->selectAccount(satellogicId);
        QCOMPARE(dialog->kind(), TaskKind::SatellogicTask);
        QTRY_COMPARE_WITH_TIMEOUT(productCount(dialog), 2, 10000);
        auto *product = qobject_cast<QComboBox *>(dialog->form()->editor(u"product"_s));
        product->setCurrentIndex(product->findText(u"Multispectral 70cm"_s));
        QTest::keyClicks(dialog->form()->editor(u"project"_s), u"Harbours"_s);
        dialog->nameEdit()->selectAll();
        QTest::keyClicks(dialog->nameEdit(), u"Port of Valencia"_s);
        QTRY_VERIFY(dialog->reviewButton()->isEnabled());
        QVERIFY(dialog->review());
        dialog->autoDownloadCheck()->setChecked(true);
        QSignalSpy submitted(m_tasking, &TaskingController::requestSubmitted);
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        const qint64 taskId = submitted.first().at(2).toString().toLongLong();
        QVERIFY(!satellogic.task(taskId).isEmpty());
        QCOMPARE(monitor.requests().size(), 1);
        const MonitorKey key = monitor.requests().first().key();

        // The emulator's task life cycle: in_progress after 60 s, completed (published) after 180 s.
        satellogic.advanceClock(181);
        QVERIFY(monitor.pollNow(key));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->targets()->at(0).status, u"completed"_s, 10000);
        // Two captures, an L1C and an L1D scene each: four delivery zips, downloaded and verified.
        const QStringList scenes = satellogic.sceneIds(taskId);
        QCOMPARE(scenes.size(), 4);
        QTRY_COMPARE_WITH_TIMEOUT(downloads->order().size(), 4, 20000);
        const auto completed = [downloads] {
            int n = 0;
            for (qint64 id : downloads->order()) {
                n += downloads->task(id).state == DownloadState::Completed ? 1 : 0;
            }
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(completed(), 4, 30000);
        for (qint64 id : downloads->order()) {
            const DownloadTask t = downloads->task(id);
            QVERIFY2(t.targetPath.startsWith(folder.path() + u"/Port of Valencia/"_s), qPrintable(t.targetPath));
            QFile file(t.targetPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.size(), 32 * 1024);
        }
        m_window.reset(); // before the monitor
    }

    void screenshots()
    {
        const QString folder = qEnvironmentVariable("STACSCOPE_SCREENSHOTS");
        if (folder.isEmpty()) {
            QSKIP("Set STACSCOPE_SCREENSHOTS to a folder to write the screenshots of the task dialog");
        }
        QVERIFY(QDir().mkpath(folder));
        // A box over part of the demo results.
        const ItemRecord &first = m_window->results().at(0);
        const GeoBox b = first.footprint.bounds();
        const double w = b.east - b.west;
        const double h = b.north - b.south;
        const Geometry box
            = Geometry::fromBox(GeoBox { b.west + w * 0.4, b.south + h * 0.3, b.east + w * 0.6, b.north - h * 0.2 });
        const int aoi = m_window->aois()->add(Aoi::Kind::Rectangle, box, u"Harbour extension"_s);
        TaskDialog *dialog = m_tasking->taskAoi(aoi);
        QTRY_VERIFY(!m_tasking->coveragePanel()->isComputing());
        m_window->map()->zoomToBox(box.bounds());
        QTest::keyClicks(dialog->form()->editor(u"custom_attribute_1"_s), u"PO-2027-118"_s);
        dialog->resize(1180, 760);
        QTest::qWait(200);
        QVERIFY(dialog->grab().save(QDir(folder).filePath(u"task-form.png"_s)));
        QVERIFY(m_window->grab().save(QDir(folder).filePath(u"task-map.png"_s)));
        QVERIFY(dialog->review());
        QTest::qWait(100);
        QVERIFY(dialog->grab().save(QDir(folder).filePath(u"task-review.png"_s)));
    }

    // Another catalog (a STAC API on loopback) holds a scene over half of a box the demo
    // catalog does not reach: it is searched over the target and counts, its line says so, and
    // clicking its scene opens that catalog over the target with the scene selected.
    void otherCatalogsCountTowardsTheCoverage()
    {
        StacEmulator other;
        const QJsonArray ring { QJsonArray { -20.0, -40.0 }, QJsonArray { -19.5, -40.0 }, QJsonArray { -19.5, -39.0 },
            QJsonArray { -20.0, -39.0 }, QJsonArray { -20.0, -40.0 } };
        QVERIFY(other.addItem(QJsonObject { { u"type"_s, u"Feature"_s }, { u"stac_version"_s, u"1.0.0"_s },
            { u"id"_s, u"west-half"_s }, { u"collection"_s, u"sea"_s },
            { u"geometry"_s,
                QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, QJsonArray { QJsonValue(ring) } } } },
            { u"bbox"_s, QJsonArray { -20.0, -40.0, -19.5, -39.0 } },
            { u"properties"_s,
                QJsonObject { { u"datetime"_s, u"2026-04-02T11:00:00Z"_s }, { u"eo:cloud_cover"_s, 3.5 } } },
            { u"links"_s, QJsonArray {} }, { u"assets"_s, QJsonObject {} } }));
        QVERIFY(other.listen());
        CatalogSource source;
        source.kind = CatalogSource::Kind::StacApi;
        source.name = u"Sea archive"_s;
        source.location = other.url().toString();
        const QString openName = m_window->catalogsController()->session()->source().name;
        m_window->catalogsController()->addCatalog(source, false);

        const Geometry box = Geometry::fromBox(GeoBox { -20.0, -40.0, -19.0, -39.0 });
        const int aoi = m_window->aois()->add(Aoi::Kind::Rectangle, box, u"Open sea"_s);
        m_tasking->taskAoi(aoi);
        CoveragePanel *coverage = m_tasking->coveragePanel();
        QSignalSpy searched(coverage, &CoveragePanel::catalogsSearched);
        QVERIFY(searched.wait(15000));
        QTRY_VERIFY(!coverage->isComputing());
        // Half the box in longitude: exactly half its area on the sphere.
        QCOMPARE(coverage->result().sceneCount, 1);
        QVERIFY(qAbs(coverage->result().coveredFraction - 0.5) < 1e-9);
        QVERIFY2(coverage->summaryLabel()->text().startsWith(u"1 scene covers 50 % of the target"_s),
            qPrintable(coverage->summaryLabel()->text()));
        QVERIFY2(coverage->summaryLabel()->text().contains(u"Newest: 2026-04-02 (west-half, in Sea archive)."_s),
            qPrintable(coverage->summaryLabel()->text()));
        const QStringList lines = coverage->catalogsLabel()->text().split(u'\n');
        QVERIFY2(lines.contains(openName + u": the current results"_s), qPrintable(lines.join(u'|')));
        QVERIFY2(lines.contains(u"Sea archive: 1 scene"_s), qPrintable(lines.join(u'|')));
        QVERIFY(!m_tasking->coverageLayer()->uncovered().isEmpty());

        QTreeWidget *scenes = coverage->scenesView();
        QCOMPARE(scenes->topLevelItemCount(), 1);
        QTreeWidgetItem *item = scenes->topLevelItem(0);
        QCOMPARE(item->text(0), u"west-half"_s);
        QCOMPARE(item->text(2), u"3.5 %"_s);
        QCOMPARE(item->text(3), u"Sea archive"_s);
        QSignalSpy results(m_window.get(), &MainWindow::searchFinished);
        QTest::mouseClick(scenes->viewport(), Qt::LeftButton, {}, scenes->visualItemRect(item).center());
        QVERIFY(results.wait(15000));
        QCOMPARE(m_window->catalogsController()->session()->source().name, u"Sea archive"_s);
        const int row = m_window->results().indexOf(u"sea"_s, u"west-half"_s);
        QVERIFY(row >= 0);
        QTRY_COMPARE(m_window->selectedRows(), QList<int>({ row }));
        // The demo catalog is now one of the others, searched over the target: it has nothing there.
        QVERIFY(searched.wait(15000));
        QTRY_VERIFY(!coverage->isComputing());
        QCOMPARE(coverage->result().sceneCount, 1);
        const QStringList after = coverage->catalogsLabel()->text().split(u'\n');
        QVERIFY2(after.contains(u"Sea archive: the current results"_s), qPrintable(after.join(u'|')));
        QVERIFY2(after.contains(openName + u": 0 scenes"_s), qPrintable(after.join(u'|')));
    }

private:
    // Only catalogs on this machine are searched by "Archive or task?" here, never the public ones.
    static bool isLocal(const CatalogSource &c)
    {
        if (c.kind == CatalogSource::Kind::StaticCatalog) {
            return true;
        }
        const QString host = QUrl(c.location).host();
        return host == u"127.0.0.1"_s || host == u"localhost"_s || host == u"127.0.0.2"_s;
    }

    static int productCount(TaskDialog *dialog)
    {
        const auto *product = qobject_cast<QComboBox *>(dialog->form()->editor(u"product"_s));
        return product ? product->count() : -1;
    }

    std::optional<VectorBasemap> m_basemap;
    std::unique_ptr<CapellaTasksHarness> m_h;
    std::unique_ptr<MainWindow> m_window;
    TaskingController *m_tasking = nullptr;
    QString m_accountId;
};

} // namespace StacScope

QTEST_MAIN(StacScope::TestTaskingController)
#include "tst_taskingcontroller.moc"
