#pragma once

#include "src/providers/provider.h"

namespace StacScope {

// Capella Space (../shared/providers/capella.md): an API key sent as "Authorization: ApiKey
// <key>" to the API host; GET /user checks it and names the user and organization. Its catalog
// (Query extension), orders with presigned downloads, tasking and repeat requests.
class CapellaProvider : public Provider
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

} // namespace StacScope
