#include "src/providers/provider.h"

namespace StacScope {

QUrl Provider::endpoint(const Account &account, const QString &name) const
{
    const QUrl own = account.endpoints.value(name);
    if (own.isValid() && !own.isEmpty()) {
        return own;
    }
    for (const EndpointSpec &e : endpoints()) {
        if (e.name == name) {
            return e.defaultUrl;
        }
    }
    return {};
}

CatalogSession *Provider::openCatalog(NetworkClient *, const CatalogSource &, QObject *) const
{
    return nullptr;
}

} // namespace StacScope
