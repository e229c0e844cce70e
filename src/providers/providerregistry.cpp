#include "src/providers/providerregistry.h"

#include "src/providers/capella/capellaprovider.h"
#include "src/providers/catalogsource.h"
#include "src/providers/satellogic/satellogicprovider.h"
#include "src/providers/stacapiprovider.h"
#include "src/providers/up42/up42provider.h"

namespace StacScope {

ProviderRegistry::ProviderRegistry() = default;
ProviderRegistry::~ProviderRegistry() = default;

void ProviderRegistry::add(std::unique_ptr<Provider> provider)
{
    m_providers.push_back(std::move(provider));
}

const Provider *ProviderRegistry::provider(const QString &id) const
{
    for (const auto &p : m_providers) {
        if (p->id() == id) {
            return p.get();
        }
    }
    return nullptr;
}

QList<const Provider *> ProviderRegistry::providers() const
{
    QList<const Provider *> list;
    for (const auto &p : m_providers) {
        list.append(p.get());
    }
    return list;
}

QList<const Provider *> ProviderRegistry::accountProviders() const
{
    QList<const Provider *> list;
    for (const auto &p : m_providers) {
        if (p->hasAccounts()) {
            list.append(p.get());
        }
    }
    return list;
}

CatalogSession *ProviderRegistry::openCatalog(
    NetworkClient *network, const CatalogSource &source, QObject *parent) const
{
    const Provider *p = provider(source.providerId());
    return p ? p->openCatalog(network, source, parent) : nullptr;
}

std::unique_ptr<ProviderRegistry> ProviderRegistry::createDefault()
{
    auto registry = std::make_unique<ProviderRegistry>();
    registry->add(std::make_unique<SatellogicProvider>());
    registry->add(std::make_unique<CapellaProvider>());
    registry->add(std::make_unique<Up42Provider>());
    registry->add(std::make_unique<StacApiProvider>());
    registry->add(std::make_unique<StaticCatalogProvider>());
    return registry;
}

} // namespace StacScope
