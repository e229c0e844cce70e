#include "src/providers/capella/capellasession.h"

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/net/networkclient.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasearchjob.h"
#include "src/providers/jsoncalljob.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {
constexpr int kPresignReuseSeconds = 30; // links of one presign answer serve a burst of refreshes
}

CapellaSession::CapellaSession(
    const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent)
    : AccountSession(account, provider, services, parent)
    , m_client(new CapellaClient(services.network, provider->endpoint(account, u"api"_s), this))
{
    bindCredentials();
}

CapellaSession::~CapellaSession()
{
    for (auto it = m_presigns.begin(); it != m_presigns.end(); ++it) {
        if (it->job) {
            it->job->disconnect(this);
        }
        for (const auto &[task, done] : std::as_const(it->waiting)) {
            done({}, tr("The Capella account was closed"));
        }
    }
}

void CapellaSession::bindCredentials()
{
    if (!services().router) {
        return;
    }
    const SecretsLoader load = secretsLoader();
    auto producer = [load](QObject *context, Authenticator::Callback done) {
        load(context, [done](const QHash<QString, QByteArray> &secrets, const QString &problem) {
            QByteArray key = secrets.value(u"api_key"_s).trimmed();
            if (!problem.isEmpty() || key.isEmpty()) {
                done({},
                    NetworkError::make(NetworkError::Kind::Auth,
                        problem.isEmpty() ? tr("The account has no API key: enter it in its settings") : problem));
                return;
            }
            // A key already carrying its scheme (a JWT pasted as "Bearer ...") is sent as it is.
            const QByteArray lower = key.toLower();
            if (!lower.startsWith("apikey ") && !lower.startsWith("bearer ")) {
                key = "ApiKey " + key;
            }
            done({ { QByteArrayLiteral("Authorization"), key } }, {});
        });
    };
    QUrl origin = endpoint(u"api"_s);
    origin.setPath(u"/"_s);
    origin.setQuery(QString());
    services().router->bind(account().id, origin, std::make_shared<HeaderCredential>(producer));
    m_client->setApiUrl(endpoint(u"api"_s));
}

void CapellaSession::withUser(QObject *context, std::function<void(const NetworkError &)> done)
{
    if (!m_userId.isEmpty()) {
        done({});
        return;
    }
    m_userWaiters.append({ context, std::move(done) });
    if (m_userJob) {
        return;
    }
    JsonCallJob *job = m_client->user();
    m_userJob = job;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (job->isOk()) {
            m_userId = job->json().value(u"id"_s).toString();
            m_organizationId = job->json().value(u"organizationId"_s).toString();
        }
        NetworkError error = job->error();
        if (!error.isError() && m_userId.isEmpty()) {
            error = NetworkError::make(NetworkError::Kind::BadResponse, tr("Capella's /user answer names no user id"));
        }
        if (error.isError()) {
            noteFailure(error);
        }
        const auto waiters = std::exchange(m_userWaiters, {});
        for (const auto &[context, callback] : waiters) {
            if (context) {
                callback(error);
            }
        }
    });
}

AccountCheckJob *CapellaSession::check()
{
    auto *check = new AccountCheckJob(this);
    setState(State::Checking, tr("Checking the API key..."));
    m_userId.clear();
    JsonCallJob *job = m_client->user();
    connect(job, &StacJob::finished, check, [this, check, job] {
        job->deleteLater();
        if (!job->isOk()) {
            noteFailure(job->error());
            if (job->error().isCredentialProblem()) {
                check->addLine(tr("Capella refused the API key (%1)").arg(job->error().message));
            }
            check->finish(job->error());
            return;
        }
        m_userId = job->json().value(u"id"_s).toString();
        m_organizationId = job->json().value(u"organizationId"_s).toString();
        const QString email = job->json().value(u"email"_s).toString();
        check->addLine(tr("API key: ok (%1)").arg(email.isEmpty() ? m_userId : email));
        check->addLine(tr("Organization %1").arg(m_organizationId));
        check->addLine(tr("Catalog, orders, tasking and repeat requests: available"));
        setState(State::Ready, tr("Signed in"));
        check->finish();
    });
    return check;
}

QList<CatalogSource> CapellaSession::catalogs() const
{
    CatalogSource source;
    source.kind = CatalogSource::Kind::StacApi;
    source.accountId = account().id;
    source.provider = provider()->id();
    source.location = endpoint(u"api"_s).toString();
    source.name = tr("%1: Capella catalog").arg(account().name);
    return { source };
}

bool CapellaSession::canRefresh(const DownloadTask &task) const
{
    return task.sourceId == sourceId() && !CapellaApi::orderIdOfTask(task).isEmpty();
}

void CapellaSession::answer(const QList<CapellaPresignedItem> &items, const DownloadTask &task, const Callback &done)
{
    for (const CapellaPresignedItem &item : items) {
        if (item.id != task.itemId) {
            continue;
        }
        for (const CapellaPresignedAsset &asset : item.assets) {
            if (asset.key == task.assetKey) {
                done(asset.href, {});
                return;
            }
        }
    }
    done({}, tr("The order no longer offers %1 of %2").arg(task.assetKey, task.itemId));
}

void CapellaSession::refresh(const DownloadTask &task, Callback done)
{
    const QString orderId = CapellaApi::orderIdOfTask(task);
    Presign &p = m_presigns[orderId];
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!p.job && p.fetched.isValid() && p.fetched.secsTo(now) < kPresignReuseSeconds) {
        answer(p.items, task, done);
        return;
    }
    p.waiting.append({ task, std::move(done) });
    if (p.job) {
        return;
    }
    JsonCallJob *job = m_client->presign(orderId);
    p.job = job;
    connect(job, &StacJob::finished, this, [this, orderId, job] {
        job->deleteLater();
        Presign &p = m_presigns[orderId];
        const auto waiting = std::exchange(p.waiting, {});
        if (!job->isOk()) {
            p.fetched = {};
            const QStringList hints = CapellaApi::explain(job->error());
            const QString why = job->error().toString() + (hints.isEmpty() ? QString() : u": "_s + hints.join(u' '));
            for (const auto &[task, callback] : waiting) {
                callback({}, tr("Capella did not sign the order's links again: %1").arg(why));
            }
            return;
        }
        p.items = CapellaApi::parsePresigned(job->array());
        p.fetched = QDateTime::currentDateTimeUtc();
        for (const auto &[task, callback] : waiting) {
            answer(p.items, task, callback);
        }
    });
}

// --- CapellaCatalogSession ---

CapellaCatalogSession::CapellaCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent)
    : CatalogSession(source, parent)
    , m_network(network)
    , m_client(new CapellaClient(network, QUrl(source.location), this))
{}

CapellaCatalogSession::~CapellaCatalogSession()
{
    for (StacJob *job : { m_openJob.data(), static_cast<StacJob *>(m_searchJob.data()) }) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void CapellaCatalogSession::open()
{
    if (m_openJob || isOpen()) {
        return;
    }
    auto *job = new JsonCallJob(m_network, HttpRequest::get(CapellaApi::collectionsUrl(m_client->apiUrl())), this);
    m_openJob = job;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (job->error().isCredentialProblem() || job->error().kind == NetworkError::Kind::Network
            || job->error().kind == NetworkError::Kind::Timeout) {
            Q_EMIT failed(job->error());
            return;
        }
        // Collections are a convenience: a catalog that does not list them is still searched.
        StacCollections collections;
        for (const QJsonValue &v : job->json().value(u"collections"_s).toArray()) {
            if (auto c = StacCollection::fromJson(v.toObject())) {
                collections.append(*c);
            }
        }
        setOpened(collections);
    });
}

void CapellaCatalogSession::search(const SearchParameters &parameters, int maxItems, ItemStore *results)
{
    if (m_searchJob) {
        m_searchJob->disconnect(this);
        m_searchJob->cancel();
        m_searchJob = nullptr;
    }
    results->clear();
    Q_EMIT searchStarted();
    CapellaSearchJob *job = m_client->search(parameters, results, maxItems);
    m_searchJob = job;
    connect(job, &CapellaSearchJob::itemsAdded, this, &CatalogSession::itemsAdded);
    connect(job, &CapellaSearchJob::matchedKnown, this, &CatalogSession::matchedKnown);
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        Q_EMIT searchFinished(job->error(), job->warnings());
    });
}

void CapellaCatalogSession::cancel()
{
    if (m_searchJob) {
        m_searchJob->cancel();
    }
}

} // namespace StacScope
