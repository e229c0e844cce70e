#pragma once

#include <utility>

#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariant>

#include "src/providers/account.h"

class QObject;

namespace StacScope {

class AccountSession;
class CatalogSession;
class CredentialRouter;
struct CatalogSource;
class NetworkClient;
class SecretStore;

// What a provider can do for an account.
enum class ProviderCapability
{
    CatalogSearch = 0x1, // its catalogs appear in the catalog picker
    Orders = 0x2,
    Tasking = 0x4,
    Delivery = 0x8, // downloads of what was ordered or tasked
    SignedLinks = 0x10, // fresh download links when old ones expire
};
Q_DECLARE_FLAGS(ProviderCapabilities, ProviderCapability)
Q_DECLARE_OPERATORS_FOR_FLAGS(ProviderCapabilities)

// One base URL of a provider's services ("auth", "accounts", "api"...), configurable per account.
struct EndpointSpec
{
    QString name;
    QString label;
    QUrl defaultUrl;
};

// One secret an account of this provider needs; `envVar` is where stacscope-cli reads it with
// --provider instead of --account.
struct SecretSpec
{
    QString name;
    QString label;
    QString envVar;
    bool optional = false;
};

// One provider option an account stores (not a secret).
struct OptionSpec
{
    enum class Type
    {
        Bool,
        Text,
        Choice
    };
    QString name;
    QString label;
    Type type = Type::Text;
    QVariant defaultValue;
    QStringList choices; // Choice: the allowed values
    QString help;
    QString envVar; // stacscope-cli --provider reads it from here
};

// What the services an account session needs are; AppContext or the CLI builds them.
struct ProviderServices
{
    NetworkClient *network = nullptr;
    CredentialRouter *router = nullptr;
    SecretStore *secrets = nullptr;
};

// A kind of account: the generic STAC API (bearer token, basic auth or custom headers), and one
// per vendor. It describes its endpoints, secrets and options (the accounts dialog and the CLI
// are built from these) and opens sessions that bind credentials and create the jobs.
class Provider
{
public:
    virtual ~Provider() = default;

    virtual QString id() const = 0;
    virtual QString displayName() const = 0;
    virtual ProviderCapabilities capabilities() const = 0;
    virtual QList<EndpointSpec> endpoints() const = 0;
    virtual QList<SecretSpec> secrets(const Account &account) const = 0;
    virtual QList<OptionSpec> options() const { return {}; }
    // A live session for `account`: binds its credentials to the router until destroyed.
    virtual AccountSession *openSession(
        const Account &account, const ProviderServices &services, QObject *parent) const = 0;
    // Whether users keep accounts of this provider (not the static catalog, which needs none).
    virtual bool hasAccounts() const { return true; }
    // Opens one of this provider's catalogs (CatalogSource::provider names it); nullptr when the
    // provider has none to search yet. Credentials are the Authenticator's business, not this.
    virtual CatalogSession *openCatalog(NetworkClient *network, const CatalogSource &source, QObject *parent) const;

    // The account's URL for an endpoint: its override, or the provider's default.
    QUrl endpoint(const Account &account, const QString &name) const;
    // `path` below a base URL that may be a bare host ("https://api.satellogic.com") or carry a
    // path with or without a trailing slash ("http://127.0.0.1:8/x/"); the base's query is dropped.
    static QUrl below(const QUrl &base, const QString &path);
    // Parses NAME=URL (stacscope-cli --endpoint) for one of this provider's endpoints; an empty
    // name and a message when it is not one, or not an http(s) URL.
    std::pair<QString, QUrl> parseEndpoint(const QString &text, QString *error) const;
};

} // namespace StacScope
