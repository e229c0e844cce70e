#include "src/providers/up42/up42provider.h"

#include <QCoreApplication>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/auth/tokensource.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/up42/up42api.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42hostsearch.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::Up42Provider", text);
}

} // namespace

QString Up42Provider::id() const
{
    return u"up42"_s;
}

QString Up42Provider::displayName() const
{
    return u"UP42"_s;
}

ProviderCapabilities Up42Provider::capabilities() const
{
    return {};
}

QUrl Up42Provider::defaultAuthUrl(const QString &region)
{
    return region == u"sa"_s ? QUrl(u"https://auth.sa.up42.com/realms/public/protocol/openid-connect"_s)
                             : QUrl(u"https://auth.up42.com/realms/public/protocol/openid-connect"_s);
}

QUrl Up42Provider::defaultApiUrl(const QString &region)
{
    return region == u"sa"_s ? QUrl(u"https://api.sa.up42.com"_s) : QUrl(u"https://api.up42.com"_s);
}

QList<EndpointSpec> Up42Provider::endpoints() const
{
    return { { u"auth"_s, tr("Sign-in service (OpenID Connect)"), defaultAuthUrl(u"eu"_s) },
        { u"api"_s, tr("API"), defaultApiUrl(u"eu"_s) } };
}

QList<SecretSpec> Up42Provider::secrets(const Account &) const
{
    return { { u"username"_s, tr("E-mail"), u"UP42_USERNAME"_s, false },
        { u"password"_s, tr("Password"), u"UP42_PASSWORD"_s, false } };
}

QList<OptionSpec> Up42Provider::options() const
{
    OptionSpec region;
    region.name = u"region"_s;
    region.label = tr("Region");
    region.type = OptionSpec::Type::Choice;
    region.choices = { u"eu"_s, u"sa"_s };
    region.defaultValue = u"eu"_s;
    region.help = tr("Where the account lives: Europe (eu) or South America (sa).");
    return { region };
}

AccountSession *Up42Provider::openSession(
    const Account &account, const ProviderServices &services, QObject *parent) const
{
    return new Up42Session(account, this, services, parent);
}

Up42Session::Up42Session(
    const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent)
    : AccountSession(account, provider, services, parent)
{
    bindCredentials();
}

QList<CatalogSource> Up42Session::catalogs() const
{
    CatalogSource source;
    source.kind = CatalogSource::Kind::StacApi;
    source.accountId = account().id;
    source.location = Up42Api::storageStacUrl(apiUrl()).toString();
    source.name = tr("%1: UP42 storage").arg(account().name);
    QList<CatalogSource> list { source };
    for (const auto &[host, title] : m_hosts) {
        CatalogSource archive;
        archive.kind = CatalogSource::Kind::StacApi;
        archive.accountId = account().id;
        archive.provider = provider()->id();
        archive.location = Up42Api::hostSearchUrl(apiUrl(), host).toString();
        archive.name = tr("%1: UP42 archive, %2").arg(account().name, title);
        list.append(archive);
    }
    return list;
}

CatalogSession *Up42Provider::openCatalog(NetworkClient *network, const CatalogSource &source, QObject *parent) const
{
    return new Up42HostCatalogSession(network, source, parent);
}

bool Up42Session::ownsTask(const DownloadTask &task) const
{
    // Queued by this account, or from its storage catalog (whose id names the account).
    return task.sourceId == sourceId() || task.sourceId.startsWith(u"account:"_s + account().id + u':');
}

bool Up42Session::adopts(const DownloadTask &task) const
{
    return ownsTask(task) && Up42Api::isStorageHref(apiUrl(), task.url);
}

bool Up42Session::canRefresh(const DownloadTask &task) const
{
    return adopts(task);
}

void Up42Session::refresh(const DownloadTask &task, Callback done)
{
    // Links last 30 s to 5 min (the notes): asked for right before each request, never kept.
    JsonCallJob *job = m_client->signedUrl(task.url);
    connect(job, &StacJob::finished, this, [job, done = std::move(done)] {
        job->deleteLater();
        if (!job->isOk()) {
            done({}, tr("UP42 did not sign a download link: %1").arg(Up42Api::explain(job->error())));
            return;
        }
        const QUrl url = Up42Api::parseSignedUrl(job->json());
        if (url.isEmpty()) {
            done({}, tr("UP42 answered the download link request without a usable URL"));
            return;
        }
        done(url, {});
    });
}

QUrl Up42Session::authUrl() const
{
    const QUrl own = account().endpoints.value(u"auth"_s);
    return own.isValid() && !own.isEmpty() ? own : Up42Provider::defaultAuthUrl(account().option(u"region"_s));
}

QUrl Up42Session::apiUrl() const
{
    const QUrl own = account().endpoints.value(u"api"_s);
    return own.isValid() && !own.isEmpty() ? own : Up42Provider::defaultApiUrl(account().option(u"region"_s));
}

void Up42Session::bindCredentials()
{
    if (!m_client) {
        m_client = new Up42Client(services().network, apiUrl(), this);
    }
    m_client->setApiUrl(apiUrl());
    delete m_tokens;
    m_tokens = new PasswordGrantTokenSource(
        services().network, Provider::below(authUrl(), u"/token"_s), u"up42-api"_s, secretsLoader(), this);
    connect(m_tokens, &TokenSource::failed, this, [this](const NetworkError &error) { noteFailure(error); });
    if (!services().router) {
        return;
    }
    auto bearer = std::make_shared<TokenCredential>(m_tokens, "Authorization", "Bearer ");
    QUrl api = apiUrl();
    api.setPath(u"/"_s);
    services().router->bind(account().id, api, bearer);
    // userinfo is on the sign-in host; the token endpoint beside it takes no credentials.
    services().router->bind(account().id, Provider::below(authUrl(), u"/userinfo"_s), bearer);
}

AccountCheckJob *Up42Session::check()
{
    auto *check = new AccountCheckJob(this);
    setState(State::Checking, tr("Signing in..."));
    auto *job
        = new JsonCallJob(services().network, HttpRequest::get(Provider::below(authUrl(), u"/userinfo"_s)), check);
    connect(job, &StacJob::finished, check, [this, check, job] {
        if (!job->isOk()) {
            noteFailure(job->error());
            check->finish(job->error());
            return;
        }
        m_workspaceId = job->json().value(u"sub"_s).toString();
        const QString email = job->json().value(u"email"_s).toString();
        check->addLine(tr("Signed in%1: token ok").arg(email.isEmpty() ? QString() : u" as "_s + email));
        check->addLine(tr("Workspace %1").arg(m_workspaceId));
        // Storage answers too: one asset asked for, its total counted.
        Up42Api::AssetFilter filter;
        filter.workspaceId = m_workspaceId;
        Up42PagedJob *assets = new Up42PagedJob(services().network, Up42Api::assetsUrl(apiUrl(), filter), 1, 1, check);
        connect(assets, &StacJob::finished, check, [this, check, assets] {
            if (!assets->isOk()) {
                noteFailure(assets->error());
                check->finish(assets->error());
                return;
            }
            const qint64 n = assets->totalElements() >= 0 ? assets->totalElements() : assets->items().size();
            check->addLine(n == 1 ? tr("Storage: 1 asset") : tr("Storage: %1 assets").arg(n));
            // The orderable catalog's hosts become archive catalogs; a failure here costs only those.
            Up42PagedJob *collections = m_client->collections();
            connect(collections, &StacJob::finished, check, [this, check, collections] {
                collections->deleteLater();
                if (collections->isOk()) {
                    m_hosts = Up42Api::hostsOf(collections->items());
                    check->addLine(m_hosts.size() == 1 ? tr("Archive: 1 catalog host")
                                                       : tr("Archive: %1 catalog hosts").arg(m_hosts.size()));
                } else {
                    check->addLine(tr("Archive: not listed (%1)").arg(Up42Api::explain(collections->error())));
                }
                setState(State::Ready, tr("Signed in"));
                Q_EMIT catalogsChanged();
                check->finish();
            });
        });
    });
    return check;
}

} // namespace StacScope
