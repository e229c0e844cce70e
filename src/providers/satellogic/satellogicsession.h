#pragma once

#include <QPointer>

#include "src/download/urlrefresher.h"
#include "src/providers/accountsession.h"
#include "src/providers/satellogic/satellogicclient.h"
#include "src/providers/satellogic/satellogictypes.h"

namespace StacScope {

class ClientCredentialsTokenSource;
class OffsetPagedJob;

// A Satellogic account in use. Two token sources (the API host's audience and the Accounts
// service's "api"), bound to their own hosts with their own headers: the API host gets
// "authorizationToken: Bearer" and the chosen contract's "X-Satellogic-Contract-Id"; the Accounts
// service gets "Authorization: Bearer". Legacy credentials get their token from the legacy host
// and send no contract. It also signs delivery links for the download manager.
class SatellogicSession : public AccountSession, public UrlRefresher
{
    Q_OBJECT
public:
    SatellogicSession(
        const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent = nullptr);
    ~SatellogicSession() override;

    SatellogicClient *client() const { return m_client; }
    bool isLegacy() const { return account().flag(QStringLiteral("legacy")); }
    QString contractId() const { return account().option(QStringLiteral("contract")); }
    QUrl authUrl() const;
    // The contracts last loaded (empty until loadContracts() finished).
    const QList<SatellogicContract> &contracts() const { return m_contracts; }
    std::optional<SatellogicContract> contract() const;
    // Lists the account's contracts (all pages) and keeps them; the state says whether one is
    // chosen. With exactly one and none chosen, contractChosen() proposes it.
    OffsetPagedJob *loadContracts();
    // What `download --provider satellogic` and the Tasks dock queue under.
    QString sourceId() const { return QStringLiteral("satellogic:") + account().id; }

    ClientCredentialsTokenSource *apiTokens() const { return m_apiTokens; }
    ClientCredentialsTokenSource *accountsTokens() const { return m_accountsTokens; }

    AccountCheckJob *check() override;
    QList<CatalogSource> catalogs() const override;
    UrlRefresher *urlRefresher() override { return this; }

    bool canRefresh(const DownloadTask &task) const override;
    void refresh(const DownloadTask &task, Callback done) override;

Q_SIGNALS:
    // The account has exactly one contract and none was chosen: the owner saves it.
    void contractChosen(const QString &contractId);

protected:
    void bindCredentials() override;

private:
    void makeTokenSources();

    SatellogicClient *m_client = nullptr;
    ClientCredentialsTokenSource *m_apiTokens = nullptr;
    ClientCredentialsTokenSource *m_accountsTokens = nullptr;
    QUrl m_tokenUrl; // what the token sources were made for
    QList<SatellogicContract> m_contracts;
};

} // namespace StacScope
