#pragma once

#include <memory>
#include <vector>

#include <QString>

#include "src/providers/provider.h"

namespace StacScope {

class CatalogSession;
class NetworkClient;
struct CatalogSource;

// The providers StacScope knows, by id. AppContext and the CLI build one with every provider.
class ProviderRegistry
{
public:
    ProviderRegistry();
    ~ProviderRegistry();
    ProviderRegistry(const ProviderRegistry &) = delete;
    ProviderRegistry &operator=(const ProviderRegistry &) = delete;

    void add(std::unique_ptr<Provider> provider);
    const Provider *provider(const QString &id) const;
    QList<const Provider *> providers() const;
    // The providers a user keeps accounts of (for the accounts dialog and `accounts add`).
    QList<const Provider *> accountProviders() const;
    // Opens a catalog with its provider (CatalogSource::providerId()); nullptr when the provider
    // is unknown or has no catalog to search.
    CatalogSession *openCatalog(NetworkClient *network, const CatalogSource &source, QObject *parent) const;

    // Every provider StacScope ships.
    static std::unique_ptr<ProviderRegistry> createDefault();

private:
    std::vector<std::unique_ptr<Provider>> m_providers;
};

} // namespace StacScope
