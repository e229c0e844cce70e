#pragma once

#include "src/providers/accountsession.h"
#include "src/providers/provider.h"

namespace StacScope {

// Capella Space (../shared/providers/capella.md): an API key sent as "Authorization: ApiKey
// <key>" to the API host; GET /user checks it and names the user and organization. Catalog,
// orders and tasking follow in their own issue.
class CapellaProvider : public Provider
{
public:
    QString id() const override;
    QString displayName() const override;
    ProviderCapabilities capabilities() const override;
    QList<EndpointSpec> endpoints() const override;
    QList<SecretSpec> secrets(const Account &account) const override;
    AccountSession *openSession(
        const Account &account, const ProviderServices &services, QObject *parent) const override;
};

class CapellaSession : public AccountSession
{
    Q_OBJECT
public:
    CapellaSession(
        const Account &account, const Provider *provider, const ProviderServices &services, QObject *parent = nullptr);
    AccountCheckJob *check() override;
    // From GET /user, once checked.
    QString userId() const { return m_userId; }
    QString organizationId() const { return m_organizationId; }

protected:
    void bindCredentials() override;

private:
    QString m_userId;
    QString m_organizationId;
};

} // namespace StacScope
