#pragma once

#include "src/providers/accountsession.h"
#include "src/providers/provider.h"

namespace StacScope {

// Any STAC API that needs credentials: a bearer token, basic auth, or an API key header. They go
// to the API's origin only, so assets there get them and storage hosts do not.
class StacApiProvider : public Provider
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
    CatalogSession *openCatalog(NetworkClient *network, const CatalogSource &source, QObject *parent) const override;
};

// Static catalogs (a folder, a catalog.json, its URL, the embedded demo): read whole and searched
// here. No accounts: a static catalog on a server that wants credentials is opened with typed
// headers, bound for the session.
class StaticCatalogProvider : public Provider
{
public:
    QString id() const override;
    QString displayName() const override;
    ProviderCapabilities capabilities() const override;
    QList<EndpointSpec> endpoints() const override { return {}; }
    QList<SecretSpec> secrets(const Account &) const override { return {}; }
    bool hasAccounts() const override { return false; }
    AccountSession *openSession(const Account &, const ProviderServices &, QObject *) const override { return nullptr; }
    CatalogSession *openCatalog(NetworkClient *network, const CatalogSource &source, QObject *parent) const override;
};

class StacApiSession : public AccountSession
{
    Q_OBJECT
public:
    StacApiSession(
        const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent = nullptr);

    AccountCheckJob *check() override;
    QList<CatalogSource> catalogs() const override;

protected:
    void bindCredentials() override;
};

} // namespace StacScope
