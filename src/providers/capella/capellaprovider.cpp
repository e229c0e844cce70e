#include "src/providers/capella/capellaprovider.h"

#include <QCoreApplication>

#include "src/providers/capella/capellasession.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::CapellaProvider", text);
}
} // namespace

QString CapellaProvider::id() const
{
    return u"capella"_s;
}

QString CapellaProvider::displayName() const
{
    return u"Capella Space"_s;
}

ProviderCapabilities CapellaProvider::capabilities() const
{
    return ProviderCapability::CatalogSearch | ProviderCapability::Orders | ProviderCapability::Tasking
        | ProviderCapability::Delivery | ProviderCapability::SignedLinks;
}

QList<EndpointSpec> CapellaProvider::endpoints() const
{
    return { { u"api"_s, tr("API"), QUrl(u"https://api.capellaspace.com"_s) } };
}

QList<SecretSpec> CapellaProvider::secrets(const Account &) const
{
    return { { u"api_key"_s, tr("API key"), u"CAPELLA_API_KEY"_s, false } };
}

QList<OptionSpec> CapellaProvider::options() const
{
    OptionSpec contract;
    contract.name = u"contract"_s;
    contract.label = tr("Contract");
    contract.type = OptionSpec::Type::Text;
    contract.help = tr("Contract id sent with orders and tasking requests (optional: Capella uses the "
                       "organization's default contract without it)");
    contract.envVar = u"CAPELLA_CONTRACT_ID"_s;
    return { contract };
}

AccountSession *CapellaProvider::openSession(
    const Account &account, const ProviderServices &services, QObject *parent) const
{
    return new CapellaSession(account, this, services, parent);
}

CatalogSession *CapellaProvider::openCatalog(NetworkClient *network, const CatalogSource &source, QObject *parent) const
{
    return new CapellaCatalogSession(network, source, parent);
}

} // namespace StacScope
