#pragma once

#include <functional>

#include <QDateTime>
#include <QHash>
#include <QPointer>

#include "src/download/urlrefresher.h"
#include "src/providers/accountsession.h"
#include "src/providers/capella/capellasearchjob.h"
#include "src/providers/capella/capellatypes.h"
#include "src/providers/catalogsession.h"

namespace StacScope {

class CapellaClient;
class JsonCallJob;

// A Capella account in use: its API key ("Authorization: ApiKey <key>", or a JWT as Bearer)
// bound to the API host only, the user and organization ids GET /user names (orders and
// request searches need them), the account's catalog, and fresh presigned links for the
// download manager: an expired S3 link is signed again through the order's presign call.
class CapellaSession : public AccountSession, public UrlRefresher
{
    Q_OBJECT
public:
    CapellaSession(
        const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent = nullptr);
    ~CapellaSession() override;

    CapellaClient *client() const { return m_client; }
    // From GET /user, once known.
    QString userId() const { return m_userId; }
    QString organizationId() const { return m_organizationId; }
    QString contractId() const { return account().option(QStringLiteral("contract")); }
    // What downloads of this account are queued under (the refresher recognises them by it).
    QString sourceId() const { return QStringLiteral("capella:") + account().id; }
    // Calls `done` once the user is known (at once when it is), or with the error of GET /user.
    void withUser(QObject *context, std::function<void(const NetworkError &)> done);

    AccountCheckJob *check() override;
    QList<CatalogSource> catalogs() const override;
    UrlRefresher *urlRefresher() override { return this; }

    bool canRefresh(const DownloadTask &task) const override;
    void refresh(const DownloadTask &task, Callback done) override;

protected:
    void bindCredentials() override;

private:
    struct Presign
    {
        QDateTime fetched;
        QList<CapellaPresignedItem> items;
        QList<std::pair<DownloadTask, Callback>> waiting;
        QPointer<JsonCallJob> job;
    };
    static void answer(const QList<CapellaPresignedItem> &items, const DownloadTask &task, const Callback &done);

    CapellaClient *m_client = nullptr;
    QString m_userId;
    QString m_organizationId;
    QPointer<JsonCallJob> m_userJob;
    QList<std::pair<QPointer<QObject>, std::function<void(const NetworkError &)>>> m_userWaiters;
    QHash<QString, Presign> m_presigns; // by order id
};

// Capella's catalog: collections from /catalog/collections when it lists them, searches through
// CapellaSearchJob (Query extension, the next-link quirk, the 10,000 cap).
class CapellaCatalogSession : public CatalogSession
{
    Q_OBJECT
public:
    CapellaCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent = nullptr);
    ~CapellaCatalogSession() override;

    bool isSearching() const override { return m_searchJob; }
    bool searchesLocally() const override { return false; }
    void open() override;
    void search(const SearchParameters &parameters, int maxItems, ItemStore *results) override;
    void cancel() override;
    // Capella's catalog takes the Query extension's comparisons; the rest runs on each page.
    FilterEncoding filterEncoding() const override { return FilterEncoding::QueryExtension; }

private:
    NetworkClient *m_network;
    CapellaClient *m_client;
    QPointer<StacJob> m_openJob;
    QPointer<CapellaSearchJob> m_searchJob;
};

} // namespace StacScope
