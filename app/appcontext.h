#pragma once

#include <memory>
#include <optional>

#include <QObject>

#include "src/geo/vectorbasemap.h"

class QNetworkAccessManager;
class QSettings;

namespace StacScope {

class AccountManager;
class AccountStore;
class AoiStore;
class CredentialRouter;
class Database;
class DownloadManager;
class DownloadQueueStore;
class MonitorStore;
class NetworkReachability;
class NetworkClient;
class ProviderRegistry;
class RequestMonitor;
class SavedSearchStore;
class SecretStore;

// The composition root: builds the long-lived services in dependency order and hands them to
// the windows by constructor. No singletons anywhere else.
class AppContext : public QObject
{
    Q_OBJECT
public:
    explicit AppContext(QObject *parent = nullptr);
    ~AppContext() override;

    NetworkClient *network() const { return m_network; }
    // The offline Natural Earth basemap, or nullptr if the resource could not be read.
    const VectorBasemap *basemap() const { return m_basemap ? &*m_basemap : nullptr; }
    QString basemapError() const { return m_basemapError; }
    // The download queue, persisted in the app's SQLite database (in memory only if that fails).
    DownloadManager *downloads() const { return m_downloads; }
    // Why the database could not be used, or empty.
    QString storeError() const { return m_storeError; }
    // Accounts, their sessions and credentials (bound per origin in the router).
    AccountManager *accounts() const { return m_accounts; }
    CredentialRouter *router() const { return m_router; }
    SecretStore *secrets() const { return m_secrets; }
    // Every account's tasks, requests and orders, polled until final and kept in the database.
    RequestMonitor *monitor() const { return m_monitor; }
    // The areas of interest's store; nullptr when the database could not be opened.
    AoiStore *aois() const { return m_aoiStore.get(); }
    // Saved searches and the history (shared with stacscope-cli); nullptr without the database.
    SavedSearchStore *savedSearches() const { return m_savedSearchStore.get(); }

private:
    QNetworkAccessManager *m_nam;
    NetworkClient *m_network;
    CredentialRouter *m_router;
    SecretStore *m_secrets;
    std::unique_ptr<ProviderRegistry> m_registry;
    std::unique_ptr<QSettings> m_accountSettings;
    AccountStore *m_accountStore = nullptr;
    AccountManager *m_accounts = nullptr;
    std::optional<VectorBasemap> m_basemap;
    QString m_basemapError;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DownloadQueueStore> m_downloadStore;
    DownloadManager *m_downloads = nullptr;
    std::unique_ptr<MonitorStore> m_monitorStore;
    std::unique_ptr<AoiStore> m_aoiStore;
    std::unique_ptr<SavedSearchStore> m_savedSearchStore;
    RequestMonitor *m_monitor = nullptr;
    NetworkReachability *m_reachability = nullptr;
    QString m_storeError;
};

} // namespace StacScope
