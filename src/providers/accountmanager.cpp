#include "src/providers/accountmanager.h"

#include <memory>

#include <QPointer>
#include <QTimer>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/auth/secretstore.h"
#include "src/providers/accountsession.h"
#include "src/providers/accountstore.h"
#include "src/providers/providerregistry.h"
#include "src/providers/satellogic/satellogicsession.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AccountManager::AccountManager(
    AccountStore *store, const ProviderRegistry *registry, const ProviderServices &services, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_registry(registry)
    , m_services(services)
{
    for (const Account &a : store->accounts()) {
        open(a);
    }
}

AccountManager::~AccountManager()
{
    // Sessions unbind their credentials; the router outlives us.
    qDeleteAll(m_sessions);
}

QList<AccountSession *> AccountManager::sessions() const
{
    QList<AccountSession *> list;
    for (const Account &a : m_store->accounts()) {
        if (AccountSession *s = m_sessions.value(a.id)) {
            list.append(s);
        }
    }
    return list;
}

AccountSession *AccountManager::session(const QString &accountId) const
{
    return m_sessions.value(accountId);
}

AccountSession *AccountManager::openTransient(const Account &account, QObject *parent) const
{
    const Provider *provider = m_registry->provider(account.provider);
    return provider ? provider->openSession(account, m_services, parent) : nullptr;
}

void AccountManager::open(const Account &account)
{
    const Provider *provider = m_registry->provider(account.provider);
    if (!provider) {
        return; // an account of a provider this build does not know: kept, not opened
    }
    AccountSession *session = provider->openSession(account, m_services, nullptr);
    if (!session) {
        return;
    }
    m_sessions.insert(account.id, session);
    const QString id = account.id;
    connect(session, &AccountSession::stateChanged, this, [this, id] { Q_EMIT sessionStateChanged(id); });
    connect(session, &AccountSession::catalogsChanged, this, &AccountManager::catalogsChanged);
    if (auto *satellogic = qobject_cast<SatellogicSession *>(session)) {
        connect(satellogic, &SatellogicSession::contractChosen, this, [this, id](const QString &contract) {
            Account a = m_store->account(id);
            if (a.id.isEmpty() || !a.option(u"contract"_s).isEmpty()) {
                return;
            }
            a.options.insert(u"contract"_s, contract);
            if (m_store->save(a)) {
                if (AccountSession *s = m_sessions.value(id)) {
                    s->setAccount(a);
                }
            }
        });
    }
}

void AccountManager::close(const QString &accountId)
{
    delete m_sessions.take(accountId);
}

void AccountManager::saveAccount(
    Account account, const QHash<QString, QByteArray> &secrets, QObject *context, Done done)
{
    if (account.id.isEmpty()) {
        account.id = Account::newId();
    }
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        if (!it.value().isEmpty() && !account.secretNames.contains(it.key())) {
            account.secretNames.append(it.key());
        }
    }
    if (!m_store->save(account)) {
        QTimer::singleShot(0, context,
            [done, name = account.name] { done(tr("Another account is already called \"%1\"").arg(name)); });
        return;
    }
    struct Pending
    {
        int left = 0;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    QPointer<QObject> guard(context);
    const QString id = account.id;
    auto finished = [this, id, guard, done, pending] {
        // The session starts afresh: new secrets, new tokens.
        close(id);
        const Account saved = m_store->account(id);
        if (!saved.id.isEmpty()) {
            open(saved);
        }
        Q_EMIT sessionsChanged();
        Q_EMIT catalogsChanged();
        if (guard) {
            done(pending->error);
        }
    };
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        if (!it.value().isEmpty()) {
            ++pending->left;
        }
    }
    if (pending->left == 0) {
        QTimer::singleShot(0, this, finished);
        return;
    }
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        if (it.value().isEmpty()) {
            continue;
        }
        m_services.secrets->write(
            SecretStore::accountKey(id, it.key()), it.value(), this, [pending, finished](const QString &error) {
                if (!error.isEmpty() && pending->error.isEmpty()) {
                    pending->error = tr("Could not store a secret in the keychain: %1").arg(error);
                }
                if (--pending->left == 0) {
                    finished();
                }
            });
    }
}

void AccountManager::removeAccount(const QString &accountId, QObject *context, Done done)
{
    const Account account = m_store->account(accountId);
    close(accountId);
    m_store->remove(accountId);
    Q_EMIT sessionsChanged();
    Q_EMIT catalogsChanged();
    auto left = std::make_shared<int>(int(account.secretNames.size()));
    auto error = std::make_shared<QString>();
    QPointer<QObject> guard(context);
    if (*left == 0) {
        QTimer::singleShot(0, context, [done] { done({}); });
        return;
    }
    for (const QString &name : account.secretNames) {
        m_services.secrets->remove(
            SecretStore::accountKey(accountId, name), this, [left, error, guard, done](const QString &e) {
                if (!e.isEmpty() && error->isEmpty()) {
                    *error = e;
                }
                if (--*left == 0 && guard) {
                    done(*error);
                }
            });
    }
}

QList<CatalogSource> AccountManager::catalogs() const
{
    QList<CatalogSource> list;
    for (AccountSession *s : sessions()) {
        list.append(s->catalogs());
    }
    return list;
}

void AccountManager::bindSessionHeaders(const QString &owner, const QUrl &base, const HttpHeaders &headers)
{
    if (!m_services.router) {
        return;
    }
    m_services.router->unbind(owner);
    if (!headers.isEmpty()) {
        m_services.router->bind(owner, base, std::make_shared<HeaderCredential>(headers));
    }
}

bool AccountManager::canRefresh(const DownloadTask &task) const
{
    for (AccountSession *s : m_sessions) {
        UrlRefresher *r = s->urlRefresher();
        if (r && r->canRefresh(task)) {
            return true;
        }
    }
    return false;
}

bool AccountManager::adopts(const DownloadTask &task) const
{
    for (AccountSession *s : m_sessions) {
        UrlRefresher *r = s->urlRefresher();
        if (r && r->adopts(task)) {
            return true;
        }
    }
    return false;
}

void AccountManager::refresh(const DownloadTask &task, Callback done)
{
    for (AccountSession *s : std::as_const(m_sessions)) {
        UrlRefresher *r = s->urlRefresher();
        if (r && r->canRefresh(task)) {
            r->refresh(task, std::move(done));
            return;
        }
    }
    done({}, tr("No open account can renew this download link"));
}

} // namespace StacScope
