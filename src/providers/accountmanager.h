#pragma once

#include <functional>

#include <QHash>
#include <QList>
#include <QObject>

#include "src/download/urlrefresher.h"
#include "src/providers/account.h"
#include "src/providers/catalogsource.h"
#include "src/providers/provider.h"

namespace StacScope {

class AccountSession;
class AccountStore;
class ProviderRegistry;

// The accounts in use: one session per stored account (its credentials bound while it is open),
// saving and removing accounts together with their secrets, the catalogs they open, and the
// signing of expired download links for whichever account queued them. The app and the CLI both
// build one.
class AccountManager : public QObject, public UrlRefresher
{
    Q_OBJECT
public:
    using Done = std::function<void(const QString &error)>;

    AccountManager(AccountStore *store, const ProviderRegistry *registry, const ProviderServices &services,
        QObject *parent = nullptr);
    ~AccountManager() override;

    AccountStore *store() const { return m_store; }
    const ProviderRegistry *registry() const { return m_registry; }
    const ProviderServices &services() const { return m_services; }

    QList<AccountSession *> sessions() const;
    AccountSession *session(const QString &accountId) const;
    // A session for an account that is not stored (stacscope-cli --provider with secrets from the
    // environment, or the accounts dialog's "Test" before saving). The caller owns it.
    AccountSession *openTransient(const Account &account, QObject *parent) const;

    // Saves the account, then writes each given secret to the keychain (an empty value keeps the
    // stored one), then opens its session anew. `done` gets an empty string or what failed.
    void saveAccount(Account account, const QHash<QString, QByteArray> &secrets, QObject *context, Done done);
    // Closes the session, forgets the account and deletes its secrets.
    void removeAccount(const QString &accountId, QObject *context, Done done);

    // Every open account's catalogs.
    QList<CatalogSource> catalogs() const;

    // Credentials typed for one catalog (the "Add STAC API" dialog), bound to its origin for this
    // session only.
    void bindSessionHeaders(const QString &owner, const QUrl &base, const HttpHeaders &headers);

    bool canRefresh(const DownloadTask &task) const override;
    void refresh(const DownloadTask &task, Callback done) override;
    bool adopts(const DownloadTask &task) const override;

Q_SIGNALS:
    void sessionsChanged();
    void catalogsChanged();
    void sessionStateChanged(const QString &accountId);

private:
    void open(const Account &account);
    void close(const QString &accountId);

    AccountStore *m_store;
    const ProviderRegistry *m_registry;
    ProviderServices m_services;
    QHash<QString, AccountSession *> m_sessions;
};

} // namespace StacScope
