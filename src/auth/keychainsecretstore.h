#pragma once

#include "src/auth/secretstore.h"

namespace StacScope {

// Secrets in the OS keychain through QtKeychain (the Secret Service on Linux: GNOME Keyring,
// KWallet). When the keychain does not answer (no D-Bus session, no Secret Service, locked and
// refused), the store says so once through fallbackActivated() and keeps secrets in memory for
// the rest of the session; it never writes them to a plain file.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(const QString &service, QObject *parent = nullptr);

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QByteArray &value, QObject *context, WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;
    bool isPersistent() const override { return !m_fallenBack; }
    QString fallbackReason() const override { return m_reason; }

private:
    void fallBack(const QString &reason);

    QString m_service;
    MemorySecretStore *m_memory;
    bool m_fallenBack = false;
    QString m_reason;
};

} // namespace StacScope
