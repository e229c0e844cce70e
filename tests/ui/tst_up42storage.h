#pragma once

// The UP42 storage dock against the UP42 emulator, as a person uses it (seed 004): the orders
// and assets of the account, their filters and sorts reaching UP42, an order's assets, downloads
// through the Downloads queue, tags and titles edited, a cancellation asked first, the STAC items
// of an asset on the map, an order followed in the Monitor, and UP42's errors said in words.
// Expected values come from the emulator's dataset table (tests/support/up42emulatordataset.cpp),
// written out here. With STACSCOPE_SCREENSHOTS=<folder> it also writes the README's screenshot.
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QAbstractButton>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSettings>
#include <QTemporaryDir>

#include "src/auth/credentialrouter.h"
#include "src/geo/vectorbasemap.h"
#include "src/net/networkclient.h"
#include "src/providers/providerregistry.h"
#include "tests/support/receivedrequest.h"

class QAbstractItemModelTester;
class QAction;
class QTreeView;

namespace StacScope {
class AccountManager;
class AccountStore;
class DownloadManager;
class MainWindow;
class MemorySecretStore;
class RequestMonitor;
class StoragePanel;
class Up42Emulator;
} // namespace StacScope

class TestUp42Storage : public QObject
{
    Q_OBJECT
public:
    TestUp42Storage();
    ~TestUp42Storage() override;

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // tst_up42storage.cpp
    void theDockComesWithTheAccount();
    void ordersOfTheDefaultWorkspaceFromEveryPage();
    void orderFiltersAndSortReachUp42();
    void assetFiltersAndSortReachUp42();
    void aNewerQuestionWins();
    void showAssetsListsTheOrdersAssets();
    void screenshot();

    // tst_up42storageactions.cpp
    void assetDownloadsThroughTheQueue();
    void downloadAllPutsTheOrderInItsFolder();
    void cancelAsksFirstAndIsSentOnce();
    void refusedCancellationIsSaidInWords();
    void editTagsSendsOneMergePatch();
    void editAssetSendsItsMetadata();
    void stacItemsOfAnAssetOnTheMap();
    void followInMonitor();

private:
    // The "UP42 prod" account, signed in; the dock lists its default workspace.
    QString addAccount();
    void waitIdle();
    void waitOrders(const std::function<void()> &change);
    void waitAssets(const std::function<void()> &change);
    // The last GET of this path the API received (its query as sent).
    StacScope::ReceivedRequest lastGet(const QString &path) const;
    QList<StacScope::ReceivedRequest> calls(const QByteArray &method, const QString &pathPrefix) const;
    // Clicks the row of `id` in the view (through its proxy); `idRole` names the id.
    void clickRow(QTreeView *view, int idRole, const QString &id);
    void clickAction(QAction *action);
    QStringList column(QTreeView *view, int column) const;

    QNetworkAccessManager m_nam;
    StacScope::NetworkClient m_network { &m_nam };
    StacScope::CredentialRouter m_router;
    std::unique_ptr<StacScope::ProviderRegistry> m_registry = StacScope::ProviderRegistry::createDefault();
    std::optional<StacScope::VectorBasemap> m_basemap;
    std::unique_ptr<StacScope::Up42Emulator> m_up42;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<StacScope::MemorySecretStore> m_secrets;
    std::unique_ptr<StacScope::AccountStore> m_store;
    std::unique_ptr<StacScope::AccountManager> m_accounts;
    std::unique_ptr<StacScope::DownloadManager> m_downloads;
    std::unique_ptr<StacScope::RequestMonitor> m_monitor;
    std::unique_ptr<StacScope::MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    StacScope::StoragePanel *m_panel = nullptr;
    QString m_accountId;
};

QAbstractButton *roleButton(QMessageBox *box, QMessageBox::ButtonRole role);
