// "Order..." and the Orders dock against the Capella emulator, as a person uses them: order
// results of the account's catalog, find the order in the dock, tell active orders from expired
// ones, and download an order's products (by product type and asset key) through the Downloads
// queue. With STACSCOPE_SCREENSHOTS=<folder> it also writes a screenshot of the dock there.
#include <memory>

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>
#include <QTreeWidget>

#include "resources/demoresources.h"
#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/download/downloadmanager.h"
#include "src/geo/vectorbasemap.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/providerregistry.h"
#include "tests/support/capellaemulator.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"
#include "ui/orders/orderdownloaddialog.h"
#include "ui/orders/orderreviewdialog.h"
#include "ui/orders/ordersmodel.h"
#include "ui/orders/orderspanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// "2025-06-12 14:05 UTC+02:00": a Capella time in Madrid's local time with its offset, written
// out here rather than taken from the dock.
QString madrid(const QString &capellaTime)
{
    const QDateTime utc = QDateTime::fromString(capellaTime, Qt::ISODateWithMs);
    const QDateTime local = utc.toTimeZone(QTimeZone(QByteArrayLiteral("Europe/Madrid")));
    return local.toString(u"yyyy-MM-dd HH:mm"_s) + (local.offsetFromUtc() == 7200 ? u" UTC+02:00"_s : u" UTC+01:00"_s);
}

} // namespace

class TestOrdersDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
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
        m_emulator = std::make_unique<CapellaEmulator>();
        QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<QSettings>(m_dir->filePath(u"accounts.ini"_s), QSettings::IniFormat);
        m_secrets = std::make_unique<MemorySecretStore>();
        m_store = std::make_unique<AccountStore>(m_settings.get());
        m_network.setAuthenticator(&m_router);
        m_accounts = std::make_unique<AccountManager>(
            m_store.get(), m_registry.get(), ProviderServices { &m_network, &m_router, m_secrets.get() });
        m_downloads = std::make_unique<DownloadManager>(&m_nam);
        m_downloads->setAuthenticator(&m_router);
        m_downloads->setUrlRefresher(m_accounts.get());
        m_window = std::make_unique<MainWindow>(&m_network, &*m_basemap);
        m_window->setDownloadManager(m_downloads.get());
        m_window->setAccountManager(m_accounts.get());
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy searched(m_window.get(), &MainWindow::searchFinished);
        m_window->start();
        QVERIFY(searched.wait(20000));
        // No Capella account yet: no Orders dock, and nothing to order.
        QVERIFY(!m_window->ordersPanel());
        QVERIFY(m_window->orderAction());
        QVERIFY(!m_window->orderAction()->isEnabled());
    }

    void cleanup()
    {
        m_window.reset();
        m_downloads.reset();
        m_accounts.reset();
        m_store.reset();
        m_secrets.reset();
        m_settings.reset();
        m_dir.reset();
        m_emulator.reset();
    }

    void orderingResultsListsTheOrderInTheDock()
    {
        const QString accountId = addAccount();
        QVERIFY(!accountId.isEmpty());
        OrdersPanel *panel = m_window->ordersPanel();
        QVERIFY(panel);
        QCOMPARE(panel->currentAccountId(), accountId);
        QCOMPARE(m_window->height(), 1000);

        // The account's catalog, searched over the whole world.
        searchCatalog(accountId);
        QVERIFY(m_window->results().size() > 0);
        QVERIFY(!m_window->orderAction()->isEnabled());
        QList<int> rows;
        for (int r = 0; r < m_window->results().size() && rows.size() < 2; ++r) {
            if (m_emulator->granulePrice(m_window->results().at(r).id) > 0) {
                rows.append(r);
            }
        }
        QCOMPARE(rows.size(), 2);
        m_window->selectRows(rows);
        QVERIFY(m_window->orderAction()->isEnabled());

        m_window->orderAction()->trigger();
        OrderReviewDialog *dialog = m_window->orderDialog();
        QVERIFY(dialog);
        QSignalSpy reviewed(dialog, &OrderReviewDialog::reviewFinished);
        QVERIFY(reviewed.wait(10000));
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Ready);
        // The selected products, with what the results knew of them.
        QCOMPARE(dialog->granulesView()->topLevelItemCount(), 2);
        for (int i = 0; i < 2; ++i) {
            const QString id = m_window->results().at(rows[i]).id;
            const QJsonObject properties = m_emulator->item(id).value(u"properties"_s).toObject();
            QTreeWidgetItem *row = dialog->granulesView()->topLevelItem(i);
            QCOMPARE(row->text(0), id);
            QCOMPARE(row->text(1), m_emulator->item(id).value(u"collection"_s).toString());
            QCOMPARE(row->text(2), properties.value(u"sar:instrument_mode"_s).toString());
            QCOMPARE(row->text(3), properties.value(u"sar:product_type"_s).toString());
        }

        QSignalSpy submitted(dialog, &OrderReviewDialog::submitFinished);
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        QCOMPARE(m_emulator->orderSubmissions(), 1);
        const QString orderId = m_emulator->orderIds().value(0);
        QCOMPARE(dialog->order().id, orderId);
        dialog->close();

        // The dock lists it again, selects it, and shows Capella's dates in local time.
        QTRY_VERIFY_WITH_TIMEOUT(panel->ordersModel()->rowOf(orderId) >= 0 && !panel->isLoading(), 10000);
        QVERIFY(m_window->findChild<QDockWidget *>(u"ordersDock"_s)->isVisible());
        QCOMPARE(panel->ordersModel()->rowCount(), 1);
        QCOMPARE(panel->selectedOrderId(), orderId);
        const QJsonObject order = m_emulator->order(orderId);
        OrdersModel *model = panel->ordersModel();
        QCOMPARE(model->index(0, OrdersModel::Id).data().toString(), orderId);
        QCOMPARE(
            model->index(0, OrdersModel::Ordered).data().toString(), madrid(order.value(u"orderDate"_s).toString()));
        QCOMPARE(model->index(0, OrdersModel::Expires).data().toString(),
            madrid(order.value(u"expirationDate"_s).toString()));
        QCOMPARE(model->index(0, OrdersModel::Status).data().toString(), u"Completed"_s);
        QCOMPARE(model->index(0, OrdersModel::Items).data().toString(), u"2"_s);
        QCOMPARE(model->index(0, OrdersModel::Active).data().toString(), u"Yes"_s);
        QVERIFY(panel->downloadButton()->isEnabled());

        // Another catalog's results cannot be ordered from Capella.
        QSignalSpy searched(m_window.get(), &MainWindow::searchFinished);
        m_window->selectCatalog(0);
        QVERIFY(searched.wait(20000));
        QVERIFY(m_window->results().size() > 0);
        m_window->selectRows({ 0 });
        QVERIFY(!m_window->orderAction()->isEnabled());
    }

    void activeOnlyHidesExpiredOrders()
    {
        const QString accountId = addAccount();
        OrdersPanel *panel = m_window->ordersPanel();
        QVERIFY(panel);
        QAbstractItemModelTester tester(panel->ordersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The emulator's clock is the world's: orders expire on it.
        panel->setClock([this] { return m_emulator->now(); });
        const QStringList ids = purchasable(2);
        const QString first = placeOrder(accountId, { ids[0] });
        QVERIFY(!first.isEmpty());
        refresh(panel);
        QCOMPARE(panel->ordersModel()->rowCount(), 1);
        QCOMPARE(panel->ordersModel()->index(0, OrdersModel::Active).data().toString(), u"Yes"_s);

        m_emulator->advanceClock(8 * 86400); // orders live for 7 days
        const QString second = placeOrder(accountId, { ids[1] });
        QVERIFY(!second.isEmpty());
        refresh(panel);
        OrdersModel *model = panel->ordersModel();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(model->rowOf(first), OrdersModel::Active).data().toString(), u"No"_s);
        QCOMPARE(model->index(model->rowOf(second), OrdersModel::Active).data().toString(), u"Yes"_s);
        QCOMPARE(panel->statusLabel()->text(), u"2 orders, 1 active"_s);

        QTest::mouseClick(panel->activeOnlyCheck(), Qt::LeftButton);
        QVERIFY(panel->activeOnlyCheck()->isChecked());
        QAbstractItemModel *shown = panel->ordersView()->model();
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->index(0, 0).data(OrdersModel::OrderIdRole).toString(), second);
        QTest::mouseClick(panel->activeOnlyCheck(), Qt::LeftButton);
        QCOMPARE(shown->rowCount(), 2);
        // An expired order's products cannot be downloaded.
        panel->selectOrder(first);
        QCOMPARE(panel->selectedOrderId(), first);
        QVERIFY(!panel->downloadButton()->isEnabled());
        panel->selectOrder(second);
        QVERIFY(panel->downloadButton()->isEnabled());
    }

    void downloadQueuesTheChosenProductsAndAssets()
    {
        const QString accountId = addAccount();
        OrdersPanel *panel = m_window->ordersPanel();
        QVERIFY(panel);
        const QString geo = purchasable(1, u"GEO"_s).value(0);
        const QString slc = purchasable(1, u"SLC"_s).value(0);
        QVERIFY(!geo.isEmpty() && !slc.isEmpty());
        const QString orderId = placeOrder(accountId, { geo, slc });
        QVERIFY(!orderId.isEmpty());
        refresh(panel);
        panel->selectOrder(orderId);
        QVERIFY(panel->downloadButton()->isEnabled());

        OrderDownloadDialog *dialog = openDownload(panel);
        QVERIFY(dialog);
        // The product types of the order, all chosen; every asset of both products at first.
        QVERIFY(dialog->productTypeCheck(u"GEO"_s) && dialog->productTypeCheck(u"GEO"_s)->isChecked());
        QVERIFY(dialog->productTypeCheck(u"SLC"_s) && dialog->productTypeCheck(u"SLC"_s)->isChecked());
        QCOMPARE(dialog->fileCount(), 6); // image, thumbnail and metadata of each
        // GEO only; the image and the metadata.
        dialog->productTypeCheck(u"SLC"_s)->setChecked(false);
        QTest::keyClicks(dialog->includeEdit(), u"raster, metadata"_s);
        const QString folder = m_dir->filePath(u"capella"_s);
        dialog->directoryEdit()->setText(folder);
        QCOMPARE(dialog->fileCount(), 2);
        QSignalSpy queued(panel, &OrdersPanel::downloadQueued);
        QSignalSpy idle(m_downloads.get(), &DownloadManager::queueFinished);
        QTest::mouseClick(dialog->queueButton(), Qt::LeftButton);
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.first().first().toInt(), 2);

        // Two tasks, fetched through the order's presign endpoint, each to <folder>/<product>/<file>.
        const QList<qint64> order = m_downloads->order();
        QCOMPARE(order.size(), 2);
        const QString polarization = m_emulator->item(geo)
                                         .value(u"properties"_s)
                                         .toObject()
                                         .value(u"sar:polarizations"_s)
                                         .toArray()
                                         .at(0)
                                         .toString();
        QUrl presign = m_emulator->apiUrl();
        presign.setPath(u"/orders/%1/download"_s.arg(orderId));
        const QHash<QString, QString> expected { { polarization, folder + u"/%1/%1.tif"_s.arg(geo) },
            { u"metadata"_s, folder + u"/%1/%1_extended.json"_s.arg(geo) } };
        for (qint64 id : order) {
            const DownloadTask t = m_downloads->task(id);
            QCOMPARE(t.url, presign);
            QVERIFY(t.linkFromProvider);
            QCOMPARE(t.itemId, geo);
            QCOMPARE(t.sourceId, u"capella:"_s + accountId);
            QVERIFY2(expected.contains(t.assetKey), qPrintable(t.assetKey));
            QCOMPARE(t.targetPath, expected.value(t.assetKey));
        }
        QVERIFY2(panel->messageBar()->text().contains(u"Queued 2 files of order %1"_s.arg(orderId)),
            qPrintable(panel->messageBar()->text()));
        // ...and they arrive, byte for byte, without the API key going to the file host.
        QVERIFY(idle.wait(60000));
        QCOMPARE(idle.last(), QVariantList({ 2, 0 }));
        QFile image(expected.value(polarization));
        QVERIFY(image.open(QIODevice::ReadOnly));
        QCOMPARE(image.readAll(), m_emulator->assetBytes(geo, u"raster"_s));
        QFile metadata(expected.value(u"metadata"_s));
        QVERIFY(metadata.open(QIODevice::ReadOnly));
        QCOMPARE(metadata.readAll(), m_emulator->assetBytes(geo, u"metadata"_s));
        QCOMPARE(m_emulator->fileRequestsWithAuthorization(), 0);

        // All in one folder: the SLC product without its thumbnail.
        dialog = openDownload(panel);
        QVERIFY(dialog);
        dialog->productTypeCheck(u"GEO"_s)->setChecked(false);
        QTest::keyClicks(dialog->excludeEdit(), u"thumbnail"_s);
        dialog->perProductCheck()->setChecked(false);
        const QString flat = m_dir->filePath(u"flat"_s);
        dialog->directoryEdit()->setText(flat);
        QTest::mouseClick(dialog->queueButton(), Qt::LeftButton);
        QCOMPARE(queued.size(), 2);
        QCOMPARE(queued.last().first().toInt(), 2);
        QStringList targets;
        for (qint64 id : m_downloads->order().mid(2)) {
            targets.append(m_downloads->task(id).targetPath);
        }
        targets.sort();
        QCOMPARE(targets, QStringList({ flat + u"/%1.tif"_s.arg(slc), flat + u"/%1_extended.json"_s.arg(slc) }));
    }

    void screenshot()
    {
        const QString folder = qEnvironmentVariable("STACSCOPE_SCREENSHOTS");
        if (folder.isEmpty()) {
            QSKIP("Set STACSCOPE_SCREENSHOTS to a folder to write the README's screenshots");
        }
        QVERIFY(QDir().mkpath(folder));
        const QString accountId = addAccount();
        OrdersPanel *panel = m_window->ordersPanel();
        panel->setClock([this] { return m_emulator->now(); });
        const QStringList ids = purchasable(6);
        QVERIFY(!placeOrder(accountId, ids.mid(0, 2)).isEmpty());
        m_emulator->advanceClock(3 * 86400);
        QVERIFY(!placeOrder(accountId, ids.mid(2, 1)).isEmpty());
        m_emulator->advanceClock(5 * 86400);
        QVERIFY(!placeOrder(accountId, ids.mid(3, 3)).isEmpty());
        m_emulator->advanceClock(3600);
        const QString latest = placeOrder(accountId, ids.mid(1, 2));
        refresh(panel);
        panel->selectOrder(latest);
        searchCatalog(accountId);
        auto *dock = m_window->findChild<QDockWidget *>(u"ordersDock"_s);
        dock->raise();
        auto *results = m_window->findChild<QDockWidget *>(u"resultsDock"_s);
        m_window->resizeDocks({ results }, { 330 }, Qt::Vertical);
        QTest::qWait(200);
        QVERIFY(m_window->grab().save(QDir(folder).filePath(u"capella-orders-dock.png"_s)));
    }

private:
    QString addAccount()
    {
        Account a;
        a.name = u"Capella prod"_s;
        a.provider = u"capella"_s;
        a.endpoints = { { u"api"_s, m_emulator->apiUrl() } };
        QString error = u"pending"_s;
        m_accounts->saveAccount(a, { { u"api_key"_s, CapellaEmulator::DefaultApiKey.toString().toUtf8() } }, this,
            [&](const QString &e) { error = e; });
        if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 5000) || !error.isEmpty()) {
            qWarning() << "account not saved:" << error;
            return {};
        }
        const QString id = m_store->byName(a.name).id;
        if (!m_accounts->session(id)) {
            return {};
        }
        // Signed in, as the window does at launch.
        AccountCheckJob *check = m_accounts->session(id)->check();
        QSignalSpy checked(check, &StacJob::finished);
        if (!checked.wait(10000)) {
            qWarning() << "no sign-in";
        }
        check->deleteLater();
        return id;
    }

    void searchCatalog(const QString &accountId)
    {
        int index = -1;
        for (int i = 0; i < m_window->catalogs().size(); ++i) {
            if (m_window->catalogs().at(i).accountId == accountId) {
                index = i;
            }
        }
        QVERIFY(index >= 0);
        m_window->selectCatalog(index);
        QSignalSpy searched(m_window.get(), &MainWindow::searchFinished);
        m_window->runSearch();
        QVERIFY(searched.wait(20000));
    }

    // Granules the organization would pay for, of a product type when one is given.
    QStringList purchasable(int count, const QString &productType = {}) const
    {
        QStringList ids;
        for (const QJsonObject &item : m_emulator->items()) {
            const QString id = item.value(u"id"_s).toString();
            const QString type = item.value(u"properties"_s).toObject().value(u"sar:product_type"_s).toString();
            if (ids.size() < count && m_emulator->granulePrice(id) > 0
                && (productType.isEmpty() || type == productType)) {
                ids.append(id);
            }
        }
        return ids;
    }

    // An order placed through the account's client, as another session (the CLI) would.
    QString placeOrder(const QString &accountId, const QStringList &ids)
    {
        auto *session = qobject_cast<CapellaSession *>(m_accounts->session(accountId));
        if (!session) {
            return {};
        }
        QList<CapellaGranule> granules;
        for (const QString &id : ids) {
            granules.append({ m_emulator->item(id).value(u"collection"_s).toString(), id });
        }
        JsonCallJob *job = session->client()->submitOrder(granules);
        QSignalSpy done(job, &StacJob::finished);
        if (!done.wait(10000) || !job->isOk()) {
            qWarning() << "order failed" << job->error().toString();
            return {};
        }
        job->deleteLater();
        return job->json().value(u"orderId"_s).toString();
    }

    void refresh(OrdersPanel *panel)
    {
        QTRY_VERIFY(!panel->isLoading());
        QSignalSpy loaded(panel, &OrdersPanel::ordersLoaded);
        QTest::mouseClick(panel->refreshButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(10000));
    }

    OrderDownloadDialog *openDownload(OrdersPanel *panel)
    {
        QSignalSpy opened(panel, &OrdersPanel::downloadDialogOpened);
        QTest::mouseClick(panel->downloadButton(), Qt::LeftButton);
        if (!opened.wait(10000)) {
            return nullptr;
        }
        return panel->downloadDialog();
    }

    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    CredentialRouter m_router;
    std::unique_ptr<ProviderRegistry> m_registry = ProviderRegistry::createDefault();
    std::optional<VectorBasemap> m_basemap;
    std::unique_ptr<CapellaEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<AccountManager> m_accounts;
    std::unique_ptr<DownloadManager> m_downloads;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestOrdersDock)
#include "tst_ordersdock.moc"
