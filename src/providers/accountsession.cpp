#include "src/providers/accountsession.h"

#include <memory>

#include <QTimer>

#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AccountSession::AccountSession(
    const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_provider(provider)
    , m_services(services)
    , m_router(services.router)
    , m_stateText(tr("Not signed in yet"))
{}

AccountSession::~AccountSession()
{
    if (m_router) {
        m_router->unbind(m_account.id);
    }
}

void AccountSession::setAccount(const Account &account)
{
    m_account = account;
    rebind();
    Q_EMIT accountChanged();
    Q_EMIT catalogsChanged();
}

void AccountSession::rebind()
{
    if (m_services.router) {
        m_services.router->unbind(m_account.id);
    }
    bindCredentials();
}

void AccountSession::setState(State state, const QString &text)
{
    if (state == m_state && text == m_stateText) {
        return;
    }
    m_state = state;
    m_stateText = text;
    Q_EMIT stateChanged();
}

void AccountSession::noteFailure(const NetworkError &error)
{
    if (error.kind == NetworkError::Kind::Canceled) {
        return;
    }
    if (error.isCredentialProblem()) {
        setState(State::Refused, error.toString());
    } else if (error.kind == NetworkError::Kind::Network || error.kind == NetworkError::Kind::Timeout) {
        setState(State::Unreachable, error.toString());
    }
}

SecretsLoader AccountSession::secretsLoader() const
{
    SecretStore *store = m_services.secrets;
    const QString id = m_account.id;
    const QStringList names = m_account.secretNames;
    return [store, id, names](
               QObject *context, std::function<void(const QHash<QString, QByteArray> &, const QString &)> done) {
        struct Pending
        {
            QHash<QString, QByteArray> values;
            QString error;
            int left = 0;
        };
        if (!store || names.isEmpty()) {
            // Always from the event loop, as a keychain read would: callers connect after asking.
            QTimer::singleShot(0, context, [done] { done({}, {}); });
            return;
        }
        auto pending = std::make_shared<Pending>();
        pending->left = int(names.size());
        for (const QString &name : names) {
            store->read(SecretStore::accountKey(id, name), context,
                [pending, name, done](const QByteArray &value, bool found, const QString &error) {
                    if (found) {
                        pending->values.insert(name, value);
                    }
                    if (!error.isEmpty() && pending->error.isEmpty()) {
                        pending->error = QObject::tr("Could not read the account's secrets: %1").arg(error);
                    }
                    if (--pending->left == 0) {
                        done(pending->values, pending->error);
                    }
                });
        }
    };
}

} // namespace StacScope
