#pragma once

#include "src/providers/provider.h"

namespace StacScope {

// Satellogic: the archive (STAC), tasking and delivery, with contracts
// (../shared/providers/satellogic.md, seeds 000-002).
class SatellogicProvider : public Provider
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
    // The archive is a STAC API (CQL2-JSON filters, POST search); the account's credentials are
    // bound to the API host by its session.
    CatalogSession *openCatalog(NetworkClient *network, const CatalogSource &source, QObject *parent) const override;
};

} // namespace StacScope
