#include "src/providers/capella/capellaprovider.h"

#include <QCoreApplication>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/providers/jsoncalljob.h"

using namespace Qt::StringLiterals;

namespace StacScope {

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
    return {};
}

QList<EndpointSpec> CapellaProvider::endpoints() const
{
    return { { u"api"_s, QCoreApplication::translate("StacScope::CapellaProvider", "API"),
        QUrl(u"https://api.capellaspace.com"_s) } };
}

QList<SecretSpec> CapellaProvider::secrets(const Account &) const
{
    return { { u"api_key"_s, QCoreApplication::translate("StacScope::CapellaProvider", "API key"), u"CAPELLA_API_KEY"_s,
        false } };
}

AccountSession *CapellaProvider::openSession(
    const Account &account, const ProviderServices &services, QObject *parent) const
{
    return new CapellaSession(account, this, services, parent);
}

CapellaSession::CapellaSession(
    const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent)
    : AccountSession(account, provider, services, parent)
{
    bindCredentials();
}

void CapellaSession::bindCredentials()
{
    if (!services().router) {
        return;
    }
    const SecretsLoader load = secretsLoader();
    auto producer = [load](QObject *context, Authenticator::Callback done) {
        load(context, [done](const QHash<QString, QByteArray> &secrets, const QString &problem) {
            const QByteArray key = secrets.value(u"api_key"_s);
            if (!problem.isEmpty() || key.isEmpty()) {
                done({},
                    NetworkError::make(NetworkError::Kind::Auth,
                        problem.isEmpty() ? tr("The account has no API key: enter it in its settings") : problem));
                return;
            }
            done({ { QByteArrayLiteral("Authorization"), QByteArray("ApiKey " + key) } }, {});
        });
    };
    QUrl origin = endpoint(u"api"_s);
    origin.setPath(u"/"_s);
    services().router->bind(account().id, origin, std::make_shared<HeaderCredential>(producer));
}

AccountCheckJob *CapellaSession::check()
{
    auto *check = new AccountCheckJob(this);
    setState(State::Checking, tr("Checking the API key..."));
    const QUrl url = Provider::below(endpoint(u"api"_s), u"/user"_s);
    auto *job = new JsonCallJob(services().network, HttpRequest::get(url), check);
    connect(job, &StacJob::finished, check, [this, check, job] {
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
        check->addLine(tr("Catalog, orders and tasking of Capella are not supported yet"));
        setState(State::Ready, tr("Signed in"));
        check->finish();
    });
    return check;
}

} // namespace StacScope
