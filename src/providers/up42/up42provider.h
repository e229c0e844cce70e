#pragma once

#include "src/download/urlrefresher.h"
#include "src/providers/accountsession.h"
#include "src/providers/provider.h"

namespace StacScope {

class PasswordGrantTokenSource;
class Up42Client;

// UP42 (../shared/providers/up42.md): Keycloak's password grant (form body, client_id up42-api)
// with 300 s tokens renewed by the refresh token or the password from the keychain, sent as
// "Authorization: Bearer" to the API host; userinfo names the default workspace. Regions eu and
// sa preset the hosts. Its storage is a STAC API ("UP42 storage" in the catalog picker); its files
// are downloaded through signed links the session asks for (POST {href}/download-url), so the
// bearer token never leaves the API host.
class Up42Provider : public Provider
{
public:
    QString id() const override;
    QString displayName() const override;
    ProviderCapabilities capabilities() const override;
    QList<EndpointSpec> endpoints() const override;
    QList<SecretSpec> secrets(const Account &account) const override;
    QList<OptionSpec> options() const override;
    AccountSession *openSession(
        const Account &account, const ProviderServices &services, QObject *parent) const override;
    // An archive host of the orderable catalog ("UP42 archive: ..."); the storage catalog is a
    // plain STAC API opened by the stac-api provider.
    CatalogSession *openCatalog(NetworkClient *network, const CatalogSource &source, QObject *parent) const override;

    // The hosts of a region ("eu" by default, or "sa").
    static QUrl defaultAuthUrl(const QString &region);
    static QUrl defaultApiUrl(const QString &region);
};

class Up42Session : public AccountSession, public UrlRefresher
{
    Q_OBJECT
public:
    Up42Session(
        const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent = nullptr);
    AccountCheckJob *check() override;
    QUrl authUrl() const;
    QUrl apiUrl() const;
    // The userinfo "sub": the default workspace, once checked.
    QString workspaceId() const { return m_workspaceId; }
    PasswordGrantTokenSource *tokens() const { return m_tokens; }
    Up42Client *client() const { return m_client; }
    // Downloads this account queued say so ("up42:<account id>").
    QString sourceId() const { return QStringLiteral("up42:") + account().id; }

    // "UP42 storage" (the storage STAC API of the account) and, once signed in, one "UP42 archive"
    // per host of the orderable catalog.
    QList<CatalogSource> catalogs() const override;
    UrlRefresher *urlRefresher() override { return this; }
    // UrlRefresher: a file in this account's storage ({api}/v2/assets/<id>), queued by this account
    // or from its storage catalog, is signed by POST {href}/download-url.
    bool canRefresh(const DownloadTask &task) const override;
    void refresh(const DownloadTask &task, Callback done) override;
    bool adopts(const DownloadTask &task) const override;

protected:
    void bindCredentials() override;

private:
    bool ownsTask(const DownloadTask &task) const;

    PasswordGrantTokenSource *m_tokens = nullptr;
    Up42Client *m_client = nullptr;
    QString m_workspaceId;
    QList<std::pair<QString, QString>> m_hosts; // name, title
};

} // namespace StacScope
