#include "src/providers/accountstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
    // JSON text rather than QVariant maps, which QSettings' INI files keep as opaque binary blobs:
    // the file stays readable and checkable (it must never hold a secret).
    const QJsonArray list = QJsonDocument::fromJson(m_settings->value(u"accounts/list"_s).toString().toUtf8()).array();
    for (const QJsonValue &v : list) {
        const Account a = Account::fromSettings(v.toObject().toVariantMap());
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
    QJsonArray list;
    for (const Account &a : m_accounts) {
        list.append(QJsonObject::fromVariantMap(a.toSettings()));
    }
    m_settings->setValue(u"accounts/list"_s, QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
    m_settings->sync();
}

} // namespace StacScope
