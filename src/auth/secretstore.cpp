#include "src/auth/secretstore.h"

#include <QPointer>
#include <QTimer>

namespace StacScope {

namespace {

// Callbacks always run from the event loop, never inside the call, as the keychain's do.
void later(QObject *context, std::function<void()> f)
{
    QTimer::singleShot(0, context, std::move(f));
}

} // namespace

MemorySecretStore::MemorySecretStore(QObject *parent, QString reason)
    : SecretStore(parent)
    , m_reason(std::move(reason))
{}

void MemorySecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    const auto it = m_values.constFind(key);
    const bool found = it != m_values.cend();
    const QByteArray value = found ? *it : QByteArray();
    later(context, [done = std::move(done), value, found] { done(value, found, {}); });
}

void MemorySecretStore::write(const QString &key, const QByteArray &value, QObject *context, WriteCallback done)
{
    m_values.insert(key, value);
    later(context, [done = std::move(done)] { done({}); });
}

void MemorySecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    m_values.remove(key);
    later(context, [done = std::move(done)] { done({}); });
}

} // namespace StacScope
