#pragma once

#include <QList>
#include <QObject>

#include "src/providers/account.h"

class QSettings;

namespace StacScope {

// The accounts, kept in QSettings ("accounts/list", JSON text) without any secret.
class AccountStore : public QObject
{
    Q_OBJECT
public:
    // `settings` is not owned and must outlive the store.
    explicit AccountStore(QSettings *settings, QObject *parent = nullptr);

    const QList<Account> &accounts() const { return m_accounts; }
    Account account(const QString &id) const;
    Account byName(const QString &name) const;
    bool contains(const QString &id) const { return !account(id).id.isEmpty(); }

    // Adds or replaces (by id); returns false when another account already has the name.
    [[nodiscard]] bool save(const Account &account);
    void remove(const QString &id);
    // Re-reads the settings (another process, e.g. stacscope-cli, may have changed them).
    void reload();

Q_SIGNALS:
    void accountSaved(const QString &id);
    void accountRemoved(const QString &id);

private:
    void write();

    QSettings *m_settings;
    QList<Account> m_accounts;
};

} // namespace StacScope
