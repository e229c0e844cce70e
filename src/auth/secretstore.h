#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

namespace StacScope {

// Where secrets (client secrets, API keys, passwords) live: the OS keychain
// (KeychainSecretStore) or, when none answers, memory for this session only. Every operation is
// asynchronous (the keychain is a D-Bus service) and calls back on the caller's thread, unless the
// context object is gone by then. Keys look like "account/<account id>/<secret name>".
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using ReadCallback = std::function<void(const QByteArray &value, bool found, const QString &error)>;
    using WriteCallback = std::function<void(const QString &error)>;

    using QObject::QObject;

    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &key, const QByteArray &value, QObject *context, WriteCallback done) = 0;
    virtual void remove(const QString &key, QObject *context, WriteCallback done) = 0;
    // False when secrets are kept for this session only (no keychain answered).
    virtual bool isPersistent() const = 0;
    // Why secrets are not persistent, in words; empty when they are.
    virtual QString fallbackReason() const { return {}; }

    static QString accountKey(const QString &accountId, const QString &secretName)
    {
        return QStringLiteral("account/") + accountId + u'/' + secretName;
    }

Q_SIGNALS:
    // The keychain did not answer: from now on secrets live in memory until the app quits.
    void fallbackActivated(const QString &reason);
};

// Secrets in memory: the session fallback, the CLI's secrets from the environment, and tests.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject *parent = nullptr, QString reason = {});

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QByteArray &value, QObject *context, WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;
    bool isPersistent() const override { return false; }
    QString fallbackReason() const override { return m_reason; }

    // Synchronous access for the owner (the keychain store's fallback, the CLI, tests).
    void set(const QString &key, const QByteArray &value) { m_values.insert(key, value); }
    void unset(const QString &key) { m_values.remove(key); }
    bool contains(const QString &key) const { return m_values.contains(key); }

private:
    QHash<QString, QByteArray> m_values;
    QString m_reason;
};

} // namespace StacScope
