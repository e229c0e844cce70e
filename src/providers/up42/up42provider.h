#pragma once

#include "src/providers/accountsession.h"
#include "src/providers/provider.h"

namespace StacScope {

class PasswordGrantTokenSource;

// UP42 (../shared/providers/up42.md): Keycloak's password grant (form body, client_id up42-api)
// with 300 s tokens renewed by the refresh token or the password from the keychain, sent as
// "Authorization: Bearer" to the API host; userinfo names the default workspace. Regions eu and
// sa preset the hosts. Orders, storage and tasking follow in their own issue.
class Up42Provider : public Provider
{
public:
    QString id() const override;
    QString displayName() const override;
    ProviderCapabilities capabilities() const override;
    QList<EndpointSpec> endpoints() const override;
    QList<SecretSpec> secrets(const Account &account) const override;
    QList<OptionSpec> options() const override;
    AccountSession *openSession(
        const Account &account, const ProviderServices &services, QObject *parent) const override;

    // The hosts of a region ("eu" by default, or "sa").
    static QUrl defaultAuthUrl(const QString &region);
    static QUrl defaultApiUrl(const QString &region);
};

class Up42Session : public AccountSession
{
    Q_OBJECT
public:
    Up42Session(
        const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent = nullptr);
    AccountCheckJob *check() override;
    QUrl authUrl() const;
    QUrl apiUrl() const;
    // The userinfo "sub": the default workspace, once checked.
    QString workspaceId() const { return m_workspaceId; }
    PasswordGrantTokenSource *tokens() const { return m_tokens; }

protected:
    void bindCredentials() override;

private:
    PasswordGrantTokenSource *m_tokens = nullptr;
    QString m_workspaceId;
};

} // namespace StacScope
