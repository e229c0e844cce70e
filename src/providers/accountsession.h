#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include "src/auth/tokensource.h"
#include "src/providers/account.h"
#include "src/providers/catalogsource.h"
#include "src/providers/provider.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class CredentialRouter;
class UrlRefresher;

// The result of signing in and trying what an account can do, in words ("Token: ok",
// "2 contracts", "Tasking: allowed"). A credential problem fails the job with an Auth error.
class AccountCheckJob : public StacJob
{
    Q_OBJECT
public:
    using StacJob::StacJob;
    const QStringList &report() const { return m_report; }
    void addLine(const QString &line) { m_report.append(line); }
    using StacJob::finish;

private:
    QStringList m_report;
};

// An account in use: its credentials bound to its own services in the CredentialRouter (and only
// while the session lives), its state in words for the status bar, its catalogs for the catalog
// picker, and its provider's jobs. Subclasses per provider.
class AccountSession : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Unchecked, // not signed in yet; credentials are fetched on first use
        Checking,
        Ready,
        NeedsChoice, // signed in, but a choice is missing (Satellogic: the contract)
        Refused, // the credentials were refused or are missing
        Unreachable // the service could not be reached
    };
    Q_ENUM(State)

    AccountSession(
        const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent = nullptr);
    ~AccountSession() override;

    const Account &account() const { return m_account; }
    const Provider *provider() const { return m_provider; }
    const ProviderServices &services() const { return m_services; }
    State state() const { return m_state; }
    QString stateText() const { return m_stateText; }
    QUrl endpoint(const QString &name) const { return m_provider->endpoint(m_account, name); }

    // Signs in and tries the account's services; updates the state.
    virtual AccountCheckJob *check() = 0;
    // The catalogs this account opens (an archive under the chosen contract...).
    virtual QList<CatalogSource> catalogs() const { return {}; }
    // Signs fresh download links for tasks this account queued; nullptr when not needed.
    virtual UrlRefresher *urlRefresher() { return nullptr; }
    // New options or endpoints (a contract chosen): credentials are bound again.
    void setAccount(const Account &account);

    // Reads the account's secrets from the SecretStore, by name, when a token is needed.
    SecretsLoader secretsLoader() const;

Q_SIGNALS:
    void stateChanged();
    void catalogsChanged();
    void accountChanged();

protected:
    // (Re)binds this account's credentials; the base class unbinds the old ones first.
    virtual void bindCredentials() = 0;
    void rebind();
    void setState(State state, const QString &text);
    // Maps a failure to the state it means and records it.
    void noteFailure(const NetworkError &error);

private:
    Account m_account;
    const Provider *m_provider;
    ProviderServices m_services;
    QPointer<CredentialRouter> m_router; // unbound on destruction, if it still exists
    State m_state = State::Unchecked;
    QString m_stateText;
};

} // namespace StacScope
