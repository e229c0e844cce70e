#include "app/appcontext.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSettings>

#include "resources/demoresources.h"
#include "src/auth/credentialrouter.h"
#include "src/auth/keychainsecretstore.h"
#include "src/demo/demonetwork.h"
#include "src/download/downloadmanager.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/providerregistry.h"
#include "src/store/aoistore.h"
#include "src/store/database.h"
#include "src/store/downloadqueuestore.h"
#include "src/store/monitorstore.h"
#include "src/store/savedsearchstore.h"
#include "src/tasking/networkreachability.h"
#include "src/tasking/requestmonitor.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AppContext::AppContext(QObject *parent)
    : QObject(parent)
    , m_nam(new DemoNetworkAccessManager(this)) // the demo catalog's files are served in-app
    , m_network(new NetworkClient(m_nam, this))
    , m_router(new CredentialRouter(this))
    , m_secrets(new KeychainSecretStore(u"org.stacscope.StacScope"_s, this))
    , m_registry(ProviderRegistry::createDefault())
    // One accounts file for the app and stacscope-cli (~/.config/StacScope/accounts.conf); no secrets in it.
    , m_accountSettings(
          std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope, u"StacScope"_s, u"accounts"_s))
{
    initDemoResources();
    m_network->setAuthenticator(m_router);
    m_accountStore = new AccountStore(m_accountSettings.get(), this);
    m_accounts = new AccountManager(m_accountStore, m_registry.get(), { m_network, m_router, m_secrets }, this);
    QFile file(u":/basemap/naturalearth.bin"_s);
    if (file.open(QIODevice::ReadOnly)) {
        m_basemap = VectorBasemap::load(file.readAll(), &m_basemapError);
    } else {
        m_basemapError = file.errorString();
    }

    m_database = std::make_unique<Database>(Database::defaultPath());
    m_downloads = new DownloadManager(m_nam, this);
    // Before the queue is loaded: a restored task gets its account's credentials and fresh links.
    m_downloads->setAuthenticator(m_router);
    m_downloads->setUrlRefresher(m_accounts);
    if (m_database->open()) {
        m_downloadStore = std::make_unique<DownloadQueueStore>(*m_database);
        m_downloads->setPersistence(m_downloadStore.get());
        m_monitorStore = std::make_unique<MonitorStore>(*m_database);
        m_aoiStore = std::make_unique<AoiStore>(*m_database);
        m_savedSearchStore = std::make_unique<SavedSearchStore>(*m_database);
    } else {
        m_storeError = m_database->lastError();
    }
    AccountManager *accounts = m_accounts;
    m_monitor = new RequestMonitor(
        m_monitorStore.get(), [accounts](const QString &id) { return accounts->session(id); }, this);
    m_reachability = new NetworkReachability(this);
    connect(m_reachability, &NetworkReachability::onlineChanged, m_monitor, &RequestMonitor::setOnline);
    m_monitor->setOnline(m_reachability->isOnline());
    m_monitor->start();
}

AppContext::~AppContext()
{
    // The monitor polls through the sessions and writes to the database: it goes first.
    delete m_monitor;
    m_monitor = nullptr;
    m_monitorStore.reset();
    // The manager saves on its way out; the store and database must outlive it.
    delete m_downloads;
    m_downloads = nullptr;
    // Sessions unbind from the router on their way out.
    delete m_accounts;
    m_accounts = nullptr;
}

} // namespace StacScope
