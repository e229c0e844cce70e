#include "tests/ui/tst_up42storage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

#include "resources/demoresources.h"
#include "src/auth/secretstore.h"
#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/tasking/requestmonitor.h"
#include "tests/support/up42emulator.h"
#include "tests/support/up42testaccount.h"
#include "ui/accounts/accountcombo.h"
#include "ui/mainwindow.h"
#include "ui/map/mapwidget.h"
#include "ui/up42/storagepanel.h"
#include "ui/up42/up42assetsmodel.h"
#include "ui/up42/up42ordersmodel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QString W1 = Up42Emulator::WorkspaceId.toString();
const QString W2 = Up42Emulator::SecondWorkspaceId.toString();

} // namespace

QAbstractButton *roleButton(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == role) {
            return b;
        }
    }
    return nullptr;
}

TestUp42Storage::TestUp42Storage() = default;
TestUp42Storage::~TestUp42Storage() = default;

void TestUp42Storage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    initDemoResources();
    qputenv("TZ", "UTC"); // the tables show local time: UTC here, as the dataset is written
    QFile file(u":/basemap/naturalearth.bin"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_basemap = VectorBasemap::load(file.readAll());
    QVERIFY(m_basemap);
}

void TestUp42Storage::init()
{
    QSettings().clear();
    m_up42 = std::make_unique<Up42Emulator>();
    QVERIFY2(m_up42->listen(), qPrintable(m_up42->errorString()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"accounts.ini"_s), QSettings::IniFormat);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<AccountStore>(m_settings.get());
    m_network.setAuthenticator(&m_router);
    m_network.setBaseRetryDelay(5);
    m_accounts = std::make_unique<AccountManager>(
        m_store.get(), m_registry.get(), ProviderServices { &m_network, &m_router, m_secrets.get() });
    m_downloads = std::make_unique<DownloadManager>(&m_nam);
    m_downloads->setAuthenticator(&m_router);
    m_downloads->setUrlRefresher(m_accounts.get());
    AccountManager *accounts = m_accounts.get();
    m_monitor
        = std::make_unique<RequestMonitor>(nullptr, [accounts](const QString &id) { return accounts->session(id); });
    m_window = std::make_unique<MainWindow>(&m_network, &*m_basemap);
    m_window->setDownloadManager(m_downloads.get());
    m_window->setAccountManager(m_accounts.get());
    m_window->setRequestMonitor(m_monitor.get());
    m_window->resize(1600, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy searched(m_window.get(), &MainWindow::searchFinished);
    m_window->start();
    QVERIFY(searched.wait(20000));
    // No UP42 account yet: no storage dock.
    QVERIFY(!m_window->storagePanel());
    QVERIFY(!m_window->findChild<QDockWidget *>(u"up42StorageDock"_s));
    m_accountId = addAccount();
    QVERIFY(!m_accountId.isEmpty());
    m_panel = m_window->storagePanel();
    QVERIFY(m_panel);
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_panel->ordersModel(), mode));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_panel->assetsModel(), mode));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_panel->ordersView()->model(), mode));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_panel->assetsView()->model(), mode));
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->ordersModel()->rowCount(), 11, 15000);
    waitIdle();
    m_up42->clearRequests();
}

void TestUp42Storage::cleanup()
{
    m_testers.clear();
    m_panel = nullptr;
    m_window.reset();
    m_monitor.reset();
    m_downloads.reset();
    m_accounts.reset();
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
    m_up42.reset();
}

void TestUp42Storage::theDockComesWithTheAccount()
{
    auto *dock = m_window->findChild<QDockWidget *>(u"up42StorageDock"_s);
    QVERIFY(dock);
    QCOMPARE(dock->windowTitle(), u"UP42 storage"_s);
    QCOMPARE(dock->widget(), m_panel);
    // Tabified with Results, which stays in front.
    QVERIFY(m_window->tabifiedDockWidgets(dock).contains(m_window->findChild<QDockWidget *>(u"resultsDock"_s)));
    // One account: no chooser; the default workspace (userinfo's sub) is listed.
    QCOMPARE(m_panel->currentAccountId(), m_accountId);
    QVERIFY(!m_panel->accountCombo()->isVisible());
    QCOMPARE(m_panel->workspaceId(), W1);
    QCOMPARE(m_panel->workspaceCombo()->currentText(), u"Default"_s);
    QCOMPARE(m_panel->assetsModel()->rowCount(), 21); // the default workspace's assets
}

void TestUp42Storage::ordersOfTheDefaultWorkspaceFromEveryPage()
{
    m_panel->setPageSize(4);
    waitOrders([this] { QTest::mouseClick(m_panel->refreshButton(), Qt::LeftButton); });
    // 11 orders in pages of 4: three pages asked, each of the default workspace, newest first.
    const QList<ReceivedRequest> gets = calls("GET", u"/v2/orders"_s);
    QCOMPARE(gets.size(), 3);
    for (int page = 0; page < 3; ++page) {
        const ReceivedRequest &r = gets.at(page);
        QCOMPARE(r.queryValue(u"page"_s), QString::number(page));
        QCOMPARE(r.queryValue(u"size"_s), u"4"_s);
        QCOMPARE(r.queryValue(u"workspaceId"_s), W1);
        QCOMPARE(r.queryValue(u"sort"_s), u"createdAt,desc"_s);
    }
    QCOMPARE(m_panel->ordersCountLabel()->text(), u"11 orders"_s);
    QTreeView *view = m_panel->ordersView();
    QCOMPARE(column(view, Up42OrdersModel::Name),
        QStringList({ u"Cape Town feasibility"_s, u"Tokyo Bay tasking"_s, u"Madrid Pléiades"_s, u"Paris Pléiades Neo"_s,
            u"Mumbai SAR"_s, u"Sydney Harbour Neo"_s, u"Hamburg port Pléiades"_s, u"Rotterdam SPOT 2024"_s,
            u"Vancouver stereo"_s, u"Lisbon test order"_s, u"Berlin monthly monitoring"_s }));
    // Hamburg: an archive order, fulfilled (said in words), delivered at 11:40.
    Up42OrdersModel *model = m_panel->ordersModel();
    const int hamburg = model->rowOf(Up42Emulator::HamburgOrderId.toString());
    QCOMPARE(hamburg, 6);
    const auto cell = [model](int row, int column) { return model->index(row, column).data().toString(); };
    QCOMPARE(cell(hamburg, Up42OrdersModel::Type), u"Archive"_s);
    QCOMPARE(cell(hamburg, Up42OrdersModel::Status), u"Delivered"_s);
    QCOMPARE(model->index(hamburg, Up42OrdersModel::Status).data(Qt::ToolTipRole).toString(), u"FULFILLED"_s);
    QCOMPARE(cell(hamburg, Up42OrdersModel::SubStatus), QString());
    QCOMPARE(cell(hamburg, Up42OrdersModel::Created), u"2024-03-04 09:12"_s);
    QCOMPARE(cell(hamburg, Up42OrdersModel::Updated), u"2024-03-04 11:40"_s);
    QCOMPARE(cell(hamburg, Up42OrdersModel::Tags), u"port, monitoring"_s);
    QCOMPARE(cell(hamburg, Up42OrdersModel::Id), Up42Emulator::HamburgOrderId.toString());
    // Cape Town waits for a feasibility option; Berlin is a tasking order, delivered.
    QCOMPARE(cell(0, Up42OrdersModel::Status), u"Created"_s);
    QCOMPARE(cell(0, Up42OrdersModel::SubStatus), u"Feasibility option to choose"_s);
    QCOMPARE(cell(10, Up42OrdersModel::Type), u"Tasking"_s);
    QCOMPARE(cell(10, Up42OrdersModel::SubStatus), u"Quotation accepted"_s);

    // All workspaces: no workspaceId; the 18 orders; the second workspace becomes a choice.
    waitOrders([this] { m_panel->selectWorkspace(QString()); });
    QCOMPARE(m_panel->ordersModel()->rowCount(), 18);
    QVERIFY(!lastGet(u"/v2/orders"_s).hasQueryItem(u"workspaceId"_s));
    QVERIFY(m_panel->workspaceCombo()->findData(W2) >= 0);
    waitOrders([this] { m_panel->selectWorkspace(W2); });
    QCOMPARE(lastGet(u"/v2/orders"_s).queryValue(u"workspaceId"_s), W2);
    QCOMPARE(m_panel->ordersModel()->rowCount(), 7);
}

void TestUp42Storage::orderFiltersAndSortReachUp42()
{
    QComboBox *type = m_panel->orderTypeCombo();
    waitOrders([type] { type->setCurrentIndex(type->findData(u"ARCHIVE"_s)); });
    QCOMPARE(lastGet(u"/v2/orders"_s).queryValue(u"type"_s), u"ARCHIVE"_s);
    QCOMPARE(m_panel->ordersModel()->rowCount(), 6); // Madrid, Paris, Sydney, Hamburg, Rotterdam, Lisbon

    waitOrders([this] { m_panel->orderStatusAction(u"FULFILLED"_s)->trigger(); });
    waitOrders([this] { m_panel->orderStatusAction(u"PLACED"_s)->trigger(); });
    ReceivedRequest r = lastGet(u"/v2/orders"_s);
    QCOMPARE(r.query.allQueryItemValues(u"status"_s), QStringList({ u"PLACED"_s, u"FULFILLED"_s }));
    QCOMPARE(m_panel->orderStatusButton()->text(), u"Placed, Delivered"_s);
    QCOMPARE(column(m_panel->ordersView(), Up42OrdersModel::Name),
        QStringList({ u"Paris Pléiades Neo"_s, u"Sydney Harbour Neo"_s, u"Hamburg port Pléiades"_s,
            u"Rotterdam SPOT 2024"_s }));

    // Oldest first, asked of UP42.
    waitOrders([this] { QTest::mouseClick(m_panel->orderDescendingCheck(), Qt::LeftButton); });
    QCOMPARE(lastGet(u"/v2/orders"_s).queryValue(u"sort"_s), u"createdAt,asc"_s);
    QCOMPARE(column(m_panel->ordersView(), Up42OrdersModel::Name),
        QStringList({ u"Rotterdam SPOT 2024"_s, u"Hamburg port Pléiades"_s, u"Sydney Harbour Neo"_s,
            u"Paris Pléiades Neo"_s }));
    QComboBox *sort = m_panel->orderSortCombo();
    waitOrders([sort] { sort->setCurrentIndex(sort->findData(u"status"_s)); });
    QCOMPARE(lastGet(u"/v2/orders"_s).queryValue(u"sort"_s), u"status,asc"_s);

    // A name and a tag, typed.
    waitOrders([this] {
        QTest::keyClicks(m_panel->orderNameEdit(), u"Neo"_s);
        QTest::keyClick(m_panel->orderNameEdit(), Qt::Key_Return);
    });
    QCOMPARE(lastGet(u"/v2/orders"_s).queryValue(u"displayName"_s), u"Neo"_s);
    QCOMPARE(column(m_panel->ordersView(), Up42OrdersModel::Name),
        QStringList({ u"Sydney Harbour Neo"_s, u"Paris Pléiades Neo"_s })); // FULFILLED before PLACED
    waitOrders([this] {
        QTest::keyClicks(m_panel->orderTagEdit(), u"urban"_s);
        QTest::keyClick(m_panel->orderTagEdit(), Qt::Key_Return);
    });
    r = lastGet(u"/v2/orders"_s);
    QCOMPARE(r.queryValue(u"tags"_s), u"urban"_s);
    QCOMPARE(r.queryValue(u"workspaceId"_s), W1);
    QCOMPARE(column(m_panel->ordersView(), Up42OrdersModel::Name), QStringList({ u"Paris Pléiades Neo"_s }));
    QCOMPARE(m_panel->ordersCountLabel()->text(), u"1 order"_s);
}

void TestUp42Storage::assetFiltersAndSortReachUp42()
{
    m_panel->tabs()->setCurrentWidget(m_panel->assetsPage());
    QComboBox *source = m_panel->sourceCombo();
    waitAssets([source] { source->setCurrentIndex(source->findData(u"PROCESSING"_s)); });
    QCOMPARE(lastGet(u"/v2/assets"_s).queryValue(u"sources"_s), u"PROCESSING"_s);
    QCOMPARE(m_panel->assetsModel()->rowCount(), 4);
    waitAssets([this] {
        m_panel->createdAfterEdit()->setDate(QDate(2023, 10, 1));
        QTest::mouseClick(m_panel->createdAfterCheck(), Qt::LeftButton);
    });
    waitAssets([this] {
        QTest::keyClicks(m_panel->assetTagEdit(), u"ndvi"_s);
        QTest::keyClick(m_panel->assetTagEdit(), Qt::Key_Return);
    });
    QComboBox *sort = m_panel->assetSortCombo();
    waitAssets([sort] { sort->setCurrentIndex(sort->findData(u"name"_s)); });
    waitAssets([this] { QTest::mouseClick(m_panel->assetDescendingCheck(), Qt::LeftButton); });
    const ReceivedRequest r = lastGet(u"/v2/assets"_s);
    QCOMPARE(r.queryValue(u"createdAfter"_s), u"2023-10-01T00:00:00Z"_s);
    QCOMPARE(r.queryValue(u"tags"_s), u"ndvi"_s);
    QCOMPARE(r.queryValue(u"sources"_s), u"PROCESSING"_s);
    QCOMPARE(r.queryValue(u"sort"_s), u"name,asc"_s);
    QCOMPARE(r.queryValue(u"workspaceId"_s), W1);
    QVERIFY(!r.hasQueryItem(u"createdBefore"_s));
    QCOMPARE(column(m_panel->assetsView(), Up42AssetsModel::Name),
        QStringList({ u"ndvi_berlin_2023-10.tif"_s, u"ndvi_berlin_2023-11.tif"_s, u"ndvi_berlin_2023-12.tif"_s }));
    QCOMPARE(column(m_panel->assetsView(), Up42AssetsModel::Source),
        QStringList({ u"Processing"_s, u"Processing"_s, u"Processing"_s }));

    // A collection and a free-text search, biggest first.
    waitAssets([source] { source->setCurrentIndex(0); });
    waitAssets([this] { m_panel->assetTagEdit()->clear(); });
    waitAssets([this] { QTest::mouseClick(m_panel->createdAfterCheck(), Qt::LeftButton); });
    waitAssets([sort] { sort->setCurrentIndex(sort->findData(u"size"_s)); });
    waitAssets([this] { QTest::mouseClick(m_panel->assetDescendingCheck(), Qt::LeftButton); });
    waitAssets([this] {
        QTest::keyClicks(m_panel->collectionEdit(), u"phr-tasking"_s);
        QTest::keyClick(m_panel->collectionEdit(), Qt::Key_Return);
    });
    QCOMPARE(lastGet(u"/v2/assets"_s).queryValue(u"collectionNames"_s), u"phr-tasking"_s);
    QCOMPARE(lastGet(u"/v2/assets"_s).queryValue(u"sort"_s), u"size,desc"_s);
    QCOMPARE(m_panel->assetsModel()->rowCount(), 10); // Berlin's deliveries
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const Up42Asset &a : m_panel->assetsModel()->assets()) {
        QVERIFY(a.size <= previous);
        previous = a.size;
        QCOMPARE(a.collectionName, u"phr-tasking"_s);
    }
    waitAssets([this] {
        QTest::keyClicks(m_panel->searchEdit(), u"no such asset"_s);
        QTest::keyClick(m_panel->searchEdit(), Qt::Key_Return);
    });
    QCOMPARE(lastGet(u"/v2/assets"_s).queryValue(u"search"_s), u"no such asset"_s);
    QCOMPARE(m_panel->assetsModel()->rowCount(), 0);
    QCOMPARE(m_panel->assetsCountLabel()->text(), u"0 assets, 0 bytes"_s);
}

void TestUp42Storage::aNewerQuestionWins()
{
    // Archive, then at once Tasking: the first answer is dropped, whenever it comes.
    QComboBox *type = m_panel->orderTypeCombo();
    QSignalSpy loaded(m_panel, &StoragePanel::ordersLoaded);
    type->setCurrentIndex(type->findData(u"ARCHIVE"_s));
    type->setCurrentIndex(type->findData(u"TASKING"_s));
    QVERIFY(loaded.wait(15000));
    waitIdle();
    QTest::qWait(200);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(column(m_panel->ordersView(), Up42OrdersModel::Name),
        QStringList({ u"Cape Town feasibility"_s, u"Tokyo Bay tasking"_s, u"Mumbai SAR"_s, u"Vancouver stereo"_s,
            u"Berlin monthly monitoring"_s }));
    QCOMPARE(lastGet(u"/v2/orders"_s).queryValue(u"type"_s), u"TASKING"_s);
}

void TestUp42Storage::showAssetsListsTheOrdersAssets()
{
    const QString berlin = Up42Emulator::BerlinOrderId.toString();
    clickRow(m_panel->ordersView(), Up42OrdersModel::OrderIdRole, berlin);
    QCOMPARE(m_panel->selectedOrderId(), berlin);
    // As the SDK does: search=<order id>, and the Assets tab shows them.
    waitAssets([this] { clickAction(m_panel->showAssetsAction()); });
    QCOMPARE(m_panel->tabs()->currentWidget(), m_panel->assetsPage());
    QCOMPARE(m_panel->searchEdit()->text(), berlin);
    const ReceivedRequest r = lastGet(u"/v2/assets"_s);
    QCOMPARE(r.queryValue(u"search"_s), berlin);
    QCOMPARE(m_panel->assetsModel()->rowCount(), 10);
    const QStringList orders = column(m_panel->assetsView(), Up42AssetsModel::Order);
    QCOMPARE(orders, QStringList(10, berlin));
    QVERIFY(m_panel->assetsCountLabel()->text().startsWith(u"10 assets, "_s));
    // Monthly deliveries from 2023-07-01, newest first; GeoTIFFs and ZIPs alternating.
    QCOMPARE(column(m_panel->assetsView(), Up42AssetsModel::Created).first(), u"2024-04-01 10:00"_s);
    QCOMPARE(column(m_panel->assetsView(), Up42AssetsModel::Created).last(), u"2023-07-01 10:00"_s);
}

void TestUp42Storage::screenshot()
{
    const QString folder = qEnvironmentVariable("STACSCOPE_SCREENSHOTS");
    if (folder.isEmpty()) {
        QSKIP("Set STACSCOPE_SCREENSHOTS to a folder to write the README's screenshot of the Storage view");
    }
    QVERIFY(QDir().mkpath(folder));
    // Hamburg's asset chosen, its STAC items on the map, the first of them in the details.
    m_panel->tabs()->setCurrentWidget(m_panel->assetsPage());
    const QString hamburg = Up42Emulator::HamburgAssetId.toString();
    QSignalSpy details(m_panel, &StoragePanel::detailsLoaded);
    clickRow(m_panel->assetsView(), Up42AssetsModel::AssetIdRole, hamburg);
    QVERIFY(details.wait(10000));
    QSignalSpy searched(m_window.get(), &MainWindow::searchFinished);
    clickAction(m_panel->stacItemsAction());
    QVERIFY(searched.wait(20000));
    m_window->selectRows({ 0 });
    auto *dock = m_window->findChild<QDockWidget *>(u"up42StorageDock"_s);
    dock->raise();
    // Taller than the tests' window, so that the search panel keeps its height beside the dock.
    m_window->resize(1600, 1200);
    QTest::qWait(100);
    m_window->resizeDocks({ dock }, { 470 }, Qt::Vertical);
    const QPointF centre(m_window->map()->width() / 2.0, m_window->map()->height() / 2.0);
    m_window->map()->zoomAround(centre, -1);
    QTest::qWait(300);
    QVERIFY(m_window->grab().save(QDir(folder).filePath(u"up42-storage.png"_s)));
    // The Orders tab of the same view, an order selected.
    m_panel->tabs()->setCurrentWidget(m_panel->ordersPage());
    m_panel->selectOrder(Up42Emulator::HamburgOrderId.toString());
    QTest::qWait(200);
    QVERIFY(dock->grab().save(QDir(folder).filePath(u"up42-storage-orders.png"_s)));
}

// ---- helpers ----

QString TestUp42Storage::addAccount()
{
    return addUp42TestAccount(m_accounts.get(), m_store.get(), *m_up42, u"UP42 prod"_s);
}

void TestUp42Storage::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isLoadingOrders() && !m_panel->isLoadingAssets(), 15000);
}

void TestUp42Storage::waitOrders(const std::function<void()> &change)
{
    waitIdle();
    QSignalSpy loaded(m_panel, &StoragePanel::ordersLoaded);
    change();
    QVERIFY(loaded.wait(15000));
    waitIdle();
}

void TestUp42Storage::waitAssets(const std::function<void()> &change)
{
    waitIdle();
    QSignalSpy loaded(m_panel, &StoragePanel::assetsLoaded);
    change();
    QVERIFY(loaded.wait(15000));
    waitIdle();
}

QList<ReceivedRequest> TestUp42Storage::calls(const QByteArray &method, const QString &pathPrefix) const
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest &r : m_up42->requests(Up42Emulator::Service::Api)) {
        if (r.method == method && r.path.startsWith(pathPrefix)) {
            out.append(r);
        }
    }
    return out;
}

ReceivedRequest TestUp42Storage::lastGet(const QString &path) const
{
    const QList<ReceivedRequest> all = m_up42->requests(Up42Emulator::Service::Api);
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (it->method == "GET" && it->path == path) {
            return *it;
        }
    }
    return {};
}

void TestUp42Storage::clickRow(QTreeView *view, int idRole, const QString &id)
{
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(idRole).toString() == id) {
            view->scrollTo(index);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
            return;
        }
    }
    QFAIL(qPrintable(u"no row of "_s + id));
}

void TestUp42Storage::clickAction(QAction *action)
{
    for (QToolBar *bar : { m_panel->ordersToolBar(), m_panel->assetsToolBar() }) {
        if (QWidget *button = bar->widgetForAction(action)) {
            QVERIFY(button->isEnabled());
            QTest::mouseClick(button, Qt::LeftButton);
            return;
        }
    }
    QFAIL("the action is on no toolbar");
}

QStringList TestUp42Storage::column(QTreeView *view, int column) const
{
    QStringList out;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        out.append(view->model()->index(row, column).data().toString());
    }
    return out;
}

QTEST_MAIN(TestUp42Storage)
