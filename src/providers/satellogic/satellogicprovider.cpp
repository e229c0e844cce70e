#include "src/providers/satellogic/satellogicprovider.h"

#include <QCoreApplication>

#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicsession.h"
#include "src/providers/stacapicatalogsession.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::SatellogicProvider", text);
}

} // namespace

QString SatellogicProvider::id() const
{
    return u"satellogic"_s;
}

QString SatellogicProvider::displayName() const
{
    return u"Satellogic"_s;
}

ProviderCapabilities SatellogicProvider::capabilities() const
{
    return ProviderCapability::CatalogSearch | ProviderCapability::Tasking | ProviderCapability::Delivery
        | ProviderCapability::SignedLinks;
}

QList<EndpointSpec> SatellogicProvider::endpoints() const
{
    return { { u"auth"_s, tr("Token service"), SatellogicApi::defaultAuthUrl() },
        { u"accounts"_s, tr("Accounts service"), SatellogicApi::defaultAccountsUrl() },
        { u"api"_s, tr("API (archive, tasking, delivery)"), SatellogicApi::defaultApiUrl() } };
}

QList<SecretSpec> SatellogicProvider::secrets(const Account &) const
{
    return { { u"client_id"_s, tr("API credential id"), u"SATELLOGIC_CLIENT_ID"_s, false },
        { u"client_secret"_s, tr("API credential secret"), u"SATELLOGIC_CLIENT_SECRET"_s, false } };
}

QList<OptionSpec> SatellogicProvider::options() const
{
    OptionSpec legacy;
    legacy.name = u"legacy"_s;
    legacy.label = tr("Legacy API credentials");
    legacy.type = OptionSpec::Type::Bool;
    legacy.defaultValue = false;
    legacy.help = tr("Credentials made before contracts existed: their token comes from login.satellogic.com and "
                     "no contract is chosen.");
    OptionSpec contract;
    contract.name = u"contract"_s;
    contract.label = tr("Contract");
    contract.type = OptionSpec::Type::Text;
    contract.help = tr("The contract searches, tasks and deliveries are made under (chosen after signing in).");
    contract.envVar = u"SATELLOGIC_CONTRACT_ID"_s;
    return { legacy, contract };
}

CatalogSession *SatellogicProvider::openCatalog(
    NetworkClient *network, const CatalogSource &source, QObject *parent) const
{
    return new StacApiCatalogSession(network, source, parent);
}

AccountSession *SatellogicProvider::openSession(
    const Account &account, const ProviderServices &services, QObject *parent) const
{
    return new SatellogicSession(account, this, services, parent);
}

} // namespace StacScope
