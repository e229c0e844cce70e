#include "src/providers/satellogic/satellogicsession.h"

#include <memory>

#include <QLocale>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/auth/tokensource.h"
#include "src/providers/satellogic/satellogicapi.h"

using namespace Qt::StringLiterals;

namespace StacScope {

SatellogicSession::SatellogicSession(
    const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent)
    : AccountSession(account, provider, services, parent)
{
    bindCredentials();
}

SatellogicSession::~SatellogicSession() = default;

QUrl SatellogicSession::authUrl() const
{
    const QUrl own = account().endpoints.value(u"auth"_s);
    if (own.isValid() && !own.isEmpty()) {
        return own;
    }
    return isLegacy() ? SatellogicApi::legacyAuthUrl() : SatellogicApi::defaultAuthUrl();
}

void SatellogicSession::makeTokenSources()
{
    const QUrl tokenUrl = SatellogicApi::tokenUrl(authUrl());
    if (m_apiTokens && tokenUrl == m_tokenUrl) {
        return; // a new contract keeps the tokens: they belong to the credentials, not the contract
    }
    delete m_apiTokens;
    delete m_accountsTokens;
    m_tokenUrl = tokenUrl;
    m_apiTokens = new ClientCredentialsTokenSource(
        services().network, tokenUrl, SatellogicApi::apiAudience(), secretsLoader(), this);
    m_accountsTokens = new ClientCredentialsTokenSource(
        services().network, tokenUrl, SatellogicApi::accountsAudience(), secretsLoader(), this);
    for (TokenSource *tokens :
        { static_cast<TokenSource *>(m_apiTokens), static_cast<TokenSource *>(m_accountsTokens) }) {
        connect(tokens, &TokenSource::failed, this, [this](const NetworkError &error) { noteFailure(error); });
    }
}

void SatellogicSession::bindCredentials()
{
    makeTokenSources();
    const QUrl api = endpoint(u"api"_s);
    const QUrl accounts = endpoint(u"accounts"_s);
    if (!m_client || m_client->apiUrl() != api || m_client->accountsUrl() != accounts) {
        delete m_client;
        m_client = new SatellogicClient(services().network, api, accounts, this);
    }
    if (!services().router) {
        return;
    }
    HttpHeaders extra;
    if (!isLegacy() && !contractId().isEmpty()) {
        extra.append({ SatellogicApi::contractHeader(), contractId().toUtf8() });
    }
    services().router->bind(account().id, api,
        std::make_shared<TokenCredential>(
            m_apiTokens, SatellogicApi::tokenHeader(), QByteArrayLiteral("Bearer "), extra));
    if (!isLegacy()) {
        services().router->bind(account().id, accounts,
            std::make_shared<TokenCredential>(
                m_accountsTokens, QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ")));
    }
}

std::optional<SatellogicContract> SatellogicSession::contract() const
{
    for (const SatellogicContract &c : m_contracts) {
        if (c.id == contractId()) {
            return c;
        }
    }
    return std::nullopt;
}

OffsetPagedJob *SatellogicSession::loadContracts()
{
    OffsetPagedJob *job = m_client->contracts();
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater(); // after every receiver of finished() has read it
        if (!job->isOk()) {
            noteFailure(job->error());
            return;
        }
        QList<SatellogicContract> list;
        for (const QJsonValue &v : job->results()) {
            if (const auto c = SatellogicApi::parseContract(v.toObject())) {
                list.append(*c);
            }
        }
        m_contracts = list;
        if (contractId().isEmpty() && list.size() == 1) {
            Q_EMIT contractChosen(list.first().id);
        }
        if (contractId().isEmpty()) {
            setState(State::NeedsChoice,
                list.isEmpty() ? tr("Signed in, but the account has no contracts")
                               : tr("Signed in: choose one of the %1 contracts").arg(list.size()));
        } else if (!contract()) {
            setState(State::NeedsChoice,
                tr("The chosen contract %1 is not one of the account's: choose a contract").arg(contractId()));
        } else {
            setState(State::Ready, tr("Signed in, contract \"%1\"").arg(contract()->name));
        }
        Q_EMIT catalogsChanged();
    });
    return job;
}

QList<CatalogSource> SatellogicSession::catalogs() const
{
    const auto chosen = contract();
    const bool archive = isLegacy() || (!contractId().isEmpty() && (!chosen || chosen->hasArchive));
    if (!archive) {
        return {};
    }
    CatalogSource source;
    source.kind = CatalogSource::Kind::StacApi;
    source.accountId = account().id;
    source.provider = provider()->id();
    source.location = SatellogicApi::archiveUrl(endpoint(u"api"_s)).toString();
    source.name
        = chosen ? tr("%1: archive (%2)").arg(account().name, chosen->name) : tr("%1: archive").arg(account().name);
    return { source };
}

AccountCheckJob *SatellogicSession::check()
{
    auto *check = new AccountCheckJob(this);
    setState(State::Checking, tr("Signing in..."));
    m_apiTokens->token(check, [this, check](const QByteArray &, const NetworkError &error) {
        if (error.isError()) {
            noteFailure(error);
            check->finish(error);
            return;
        }
        check->addLine(
            tr("Token for the API: ok (valid until %1)")
                .arg(QLocale().toString(m_apiTokens->current().expires.toLocalTime(), QLocale::ShortFormat)));
        auto afterContract = [this, check] {
            // Tasking: the products the contract may task.
            OffsetPagedJob *products = m_client->products();
            products->setParent(check);
            connect(products, &StacJob::finished, check, [this, check, products] {
                if (products->isOk()) {
                    const auto n = products->results().size();
                    check->addLine(
                        n == 1 ? tr("Tasking: allowed, 1 product") : tr("Tasking: allowed, %1 products").arg(n));
                    if (state() != State::NeedsChoice) {
                        setState(State::Ready,
                            contract() ? tr("Signed in, contract \"%1\"").arg(contract()->name) : tr("Signed in"));
                    }
                } else if (SatellogicApi::isContractProblem(products->error())) {
                    check->addLine(SatellogicApi::explain(products->error()));
                } else if (products->error().isCredentialProblem()) {
                    check->addLine(tr("Tasking: not allowed (%1)").arg(products->error().message));
                } else {
                    check->addLine(tr("Tasking: could not check (%1)").arg(products->error().toString()));
                }
                check->finish();
            });
        };
        if (isLegacy()) {
            check->addLine(tr("Legacy credentials: no contract to choose"));
            setState(State::Ready, tr("Signed in (legacy credentials)"));
            afterContract();
            return;
        }
        OffsetPagedJob *job = loadContracts();
        job->setParent(check);
        connect(job, &StacJob::finished, check, [this, check, job, afterContract] {
            if (!job->isOk()) {
                check->finish(job->error());
                return;
            }
            check->addLine(m_contracts.size() == 1 ? tr("1 contract") : tr("%1 contracts").arg(m_contracts.size()));
            for (const SatellogicContract &c : std::as_const(m_contracts)) {
                check->addLine(
                    tr("  %1 (%2): %3, %4")
                        .arg(c.name, c.id,
                            c.hasArchive ? tr("archive %1").arg(c.archiveCollections.join(u", "_s)) : tr("no archive"),
                            c.taskingAllowed ? tr("tasking allowed") : tr("no tasking")));
            }
            if (contractId().isEmpty()) {
                check->addLine(tr("No contract chosen yet: choose one to search the archive and task"));
                check->finish();
                return;
            }
            if (!contract()) {
                check->addLine(tr("The chosen contract %1 is not one of these: choose a contract").arg(contractId()));
                check->finish();
                return;
            }
            check->addLine(tr("Using \"%1\"").arg(contract()->name));
            afterContract();
        });
    });
    return check;
}

bool SatellogicSession::canRefresh(const DownloadTask &task) const
{
    return task.sourceId == sourceId() && task.assetKey == u"delivery_zip"_s && !task.itemId.isEmpty();
}

void SatellogicSession::refresh(const DownloadTask &task, Callback done)
{
    // The link carries a token made per request: ask for a new one each time [C seed 002].
    JsonCallJob *job = m_client->attachmentLink(task.itemId, task.assetKey);
    auto answered = std::make_shared<bool>(false);
    connect(job, &StacJob::finished, this, [job, done, answered] {
        *answered = true;
        job->deleteLater();
        if (!job->isOk()) {
            done({}, QObject::tr("Could not get a download link: %1").arg(SatellogicApi::explain(job->error())));
            return;
        }
        QString problem;
        const QUrl url = SatellogicApi::parseAttachmentLink(job->json(), &problem);
        done(url, problem);
    });
    // The account closed (removed, or saved anew) before the answer: the download hears it.
    connect(job, &QObject::destroyed, job, [done, answered] {
        if (!*answered) {
            *answered = true;
            done({}, QObject::tr("The account was closed before the download link arrived"));
        }
    });
}

} // namespace StacScope
