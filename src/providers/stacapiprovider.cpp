#include "src/providers/stacapiprovider.h"

#include <QCoreApplication>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/providers/stacapicatalogsession.h"
#include "src/providers/staticcatalogsession.h"
#include "src/stac/stacapiclient.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::StacApiProvider", text);
}

} // namespace

QString StacApiProvider::id() const
{
    return u"stac-api"_s;
}

QString StacApiProvider::displayName() const
{
    return tr("STAC API (token, basic auth or an API key header)");
}

ProviderCapabilities StacApiProvider::capabilities() const
{
    return ProviderCapability::CatalogSearch;
}

QList<EndpointSpec> StacApiProvider::endpoints() const
{
    return { { u"api"_s, tr("Landing page"), QUrl() } };
}

QList<SecretSpec> StacApiProvider::secrets(const Account &account) const
{
    const QString auth = account.option(u"auth"_s);
    if (auth == u"basic"_s) {
        return { { u"username"_s, tr("User name"), u"STAC_USERNAME"_s, false },
            { u"password"_s, tr("Password"), u"STAC_PASSWORD"_s, false } };
    }
    if (auth == u"header"_s) {
        return { { u"header_name"_s, tr("Header name (e.g. X-Api-Key)"), u"STAC_HEADER_NAME"_s, false },
            { u"header_value"_s, tr("Header value"), u"STAC_HEADER_VALUE"_s, false } };
    }
    return { { u"token"_s, tr("Bearer token"), u"STAC_TOKEN"_s, false } };
}

QList<OptionSpec> StacApiProvider::options() const
{
    OptionSpec auth;
    auth.name = u"auth"_s;
    auth.label = tr("Authentication");
    auth.type = OptionSpec::Type::Choice;
    auth.choices = { u"bearer"_s, u"basic"_s, u"header"_s };
    auth.defaultValue = u"bearer"_s;
    return { auth };
}

CatalogSession *StacApiProvider::openCatalog(NetworkClient *network, const CatalogSource &source, QObject *parent) const
{
    return new StacApiCatalogSession(network, source, parent);
}

QString StaticCatalogProvider::id() const
{
    return u"static"_s;
}

QString StaticCatalogProvider::displayName() const
{
    return tr("Static STAC catalog");
}

ProviderCapabilities StaticCatalogProvider::capabilities() const
{
    return ProviderCapability::CatalogSearch;
}

CatalogSession *StaticCatalogProvider::openCatalog(
    NetworkClient *network, const CatalogSource &source, QObject *parent) const
{
    return new StaticCatalogSession(network, source, parent);
}

AccountSession *StacApiProvider::openSession(
    const Account &account, const ProviderServices &services, QObject *parent) const
{
    return new StacApiSession(account, this, services, parent);
}

StacApiSession::StacApiSession(
    const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent)
    : AccountSession(account, provider, services, parent)
{
    bindCredentials();
}

void StacApiSession::bindCredentials()
{
    if (!services().router) {
        return;
    }
    const QString auth = account().option(u"auth"_s);
    const SecretsLoader load = secretsLoader();
    auto producer = [auth, load](QObject *context, Authenticator::Callback done) {
        load(context, [auth, done](const QHash<QString, QByteArray> &secrets, const QString &problem) {
            if (!problem.isEmpty()) {
                done({}, NetworkError::make(NetworkError::Kind::Auth, problem));
                return;
            }
            HttpHeaders headers;
            if (auth == u"basic"_s) {
                const QByteArray pair = secrets.value(u"username"_s) + ':' + secrets.value(u"password"_s);
                headers.append({ QByteArrayLiteral("Authorization"), QByteArray("Basic " + pair.toBase64()) });
            } else if (auth == u"header"_s) {
                const QByteArray name = secrets.value(u"header_name"_s).trimmed();
                if (!name.isEmpty() && !name.contains(':') && !name.contains(' ')) {
                    headers.append({ name, secrets.value(u"header_value"_s) });
                }
            } else if (!secrets.value(u"token"_s).isEmpty()) {
                headers.append(
                    { QByteArrayLiteral("Authorization"), QByteArray("Bearer " + secrets.value(u"token"_s)) });
            }
            if (headers.isEmpty()) {
                done({},
                    NetworkError::make(NetworkError::Kind::Auth,
                        QObject::tr("The account has no credentials stored: enter them in its settings")));
                return;
            }
            done(headers, {});
        });
    };
    // The whole origin: assets served beside the API get the credentials too, other hosts never.
    QUrl origin = endpoint(u"api"_s);
    origin.setPath(u"/"_s);
    origin.setQuery(QString());
    services().router->bind(account().id, origin, std::make_shared<HeaderCredential>(producer));
}

AccountCheckJob *StacApiSession::check()
{
    auto *check = new AccountCheckJob(this);
    setState(State::Checking, tr("Connecting..."));
    auto *client = new StacApiClient(services().network, endpoint(u"api"_s), check);
    LandingJob *landing = client->loadLanding();
    connect(landing, &StacJob::finished, check, [this, check, client, landing] {
        if (!landing->isOk()) {
            noteFailure(landing->error());
            check->finish(landing->error());
            return;
        }
        const StacApiInfo &info = *client->info();
        check->addLine(tr("Landing page: ok (%1)").arg(info.title.isEmpty() ? info.id : info.title));
        check->addLine(info.conformance.itemSearch() ? tr("Item search: yes") : tr("Item search: no"));
        setState(State::Ready, tr("Connected"));
        check->finish();
    });
    return check;
}

QList<CatalogSource> StacApiSession::catalogs() const
{
    CatalogSource source;
    source.kind = CatalogSource::Kind::StacApi;
    source.accountId = account().id;
    source.location = endpoint(u"api"_s).toString();
    source.name = account().name;
    source.provider = provider()->id();
    return { source };
}

} // namespace StacScope
