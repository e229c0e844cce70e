#include "src/providers/accountstore.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace StacScope {

AccountStore::AccountStore(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    reload();
}

void AccountStore::reload()
{
    m_accounts.clear();
    const QVariantList list = m_settings->value(u"accounts/list"_s).toList();
    for (const QVariant &v : list) {
        const Account a = Account::fromSettings(v.toMap());
        if (a.isValid()) {
            m_accounts.append(a);
        }
    }
}

Account AccountStore::account(const QString &id) const
{
    for (const Account &a : m_accounts) {
        if (a.id == id) {
            return a;
        }
    }
    return {};
}

Account AccountStore::byName(const QString &name) const
{
    for (const Account &a : m_accounts) {
        if (a.name.compare(name, Qt::CaseInsensitive) == 0) {
            return a;
        }
    }
    return {};
}

bool AccountStore::save(const Account &account)
{
    const Account clash = byName(account.name);
    if (!clash.id.isEmpty() && clash.id != account.id) {
        return false;
    }
    bool replaced = false;
    for (Account &a : m_accounts) {
        if (a.id == account.id) {
            a = account;
            replaced = true;
        }
    }
    if (!replaced) {
        m_accounts.append(account);
    }
    write();
    Q_EMIT accountSaved(account.id);
    return true;
}

void AccountStore::remove(const QString &id)
{
    if (m_accounts.removeIf([&](const Account &a) { return a.id == id; }) > 0) {
        write();
        Q_EMIT accountRemoved(id);
    }
}

void AccountStore::write()
{
    QVariantList list;
    for (const Account &a : m_accounts) {
        list.append(a.toSettings());
    }
    m_settings->setValue(u"accounts/list"_s, list);
    m_settings->sync();
}

} // namespace StacScope
