#pragma once

#include <memory>
#include <vector>

#include <QString>

#include "src/providers/provider.h"

namespace StacScope {

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

    // Every provider StacScope ships.
    static std::unique_ptr<ProviderRegistry> createDefault();

private:
    std::vector<std::unique_ptr<Provider>> m_providers;
};

} // namespace StacScope
