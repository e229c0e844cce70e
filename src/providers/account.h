#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>

namespace StacScope {

// A stored account: which provider, where its services are, its options, and the names (never
// the values) of its secrets, which live in the keychain under SecretStore::accountKey(id, name).
struct Account
{
    QString id; // stable, generated once; keys the secrets
    QString name; // the user's name for it, unique
    QString provider; // a Provider id: "satellogic", "capella", "up42", "stac-api"
    QMap<QString, QUrl> endpoints; // overrides of the provider's default base URLs, by name
    QVariantMap options; // provider options (Satellogic: "contract", "legacy")
    QStringList secretNames; // which secrets were stored

    bool isValid() const { return !id.isEmpty() && !name.isEmpty() && !provider.isEmpty(); }
    QString option(const QString &name) const { return options.value(name).toString(); }
    bool flag(const QString &name) const { return options.value(name).toBool(); }

    QVariantMap toSettings() const;
    static Account fromSettings(const QVariantMap &map);
    static QString newId();
};

} // namespace StacScope
