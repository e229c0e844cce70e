#include "src/auth/keychainsecretstore.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

namespace StacScope {

namespace {

// Errors that mean "there is no keychain here", as opposed to "no such entry" or "the user said no
// this time" (a refused prompt fails that one call; the next one asks the keychain again).
bool isUnavailable(QKeychain::Error error)
{
    // Without a D-Bus session or Secret Service, QtKeychain's libsecret backend says OtherError.
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
    , m_memory(new MemorySecretStore(this))
{}

void KeychainSecretStore::fallBack(const QString &reason)
{
    if (m_fallenBack) {
        return;
    }
    m_fallenBack = true;
    m_reason = tr("No keychain answered (%1): secrets are kept in memory until StacScope quits.").arg(reason);
    Q_EMIT fallbackActivated(m_reason);
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    if (m_fallenBack) {
        m_memory->read(key, context, std::move(done));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, guard, done = std::move(done)]() mutable {
        if (!guard) {
            return;
        }
        const QKeychain::Error error = job->error();
        if (error == QKeychain::NoError) {
            done(job->binaryData(), true, {});
        } else if (error == QKeychain::EntryNotFound) {
            // Written this session before the keychain went away?
            if (m_memory->contains(key)) {
                m_memory->read(key, guard, std::move(done));
            } else {
                done({}, false, {});
            }
        } else if (isUnavailable(error)) {
            fallBack(job->errorString());
            m_memory->read(key, guard, std::move(done));
        } else {
            done({}, false, job->errorString());
        }
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QByteArray &value, QObject *context, WriteCallback done)
{
    if (m_fallenBack) {
        m_memory->write(key, value, context, std::move(done));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setBinaryData(value);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, value, guard, done = std::move(done)]() mutable {
        const QKeychain::Error error = job->error();
        if (error != QKeychain::NoError && isUnavailable(error)) {
            fallBack(job->errorString());
            m_memory->set(key, value);
        }
        if (!guard) {
            return;
        }
        done(error == QKeychain::NoError || isUnavailable(error) ? QString() : job->errorString());
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    m_memory->unset(key);
    if (m_fallenBack) {
        m_memory->remove(key, context, std::move(done));
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, job, guard, done = std::move(done)] {
        const QKeychain::Error error = job->error();
        if (isUnavailable(error)) {
            fallBack(job->errorString());
        }
        if (!guard) {
            return;
        }
        const bool ok = error == QKeychain::NoError || error == QKeychain::EntryNotFound || isUnavailable(error);
        done(ok ? QString() : job->errorString());
    });
    job->start();
}

} // namespace StacScope
