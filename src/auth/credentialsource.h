#pragma once

#include <functional>
#include <optional>

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include "src/net/authenticator.h"

namespace StacScope {

class TokenSource;

// What one binding of a CredentialRouter puts on a request.
class CredentialSource
{
public:
    virtual ~CredentialSource() = default;
    virtual void credentials(QObject *context, Authenticator::Callback done) = 0;
    // The server answered 401 to `sent`; true when new credentials may differ (see Authenticator).
    virtual bool reject(const HttpHeaders &sent) = 0;
};

// A bearer-style token from a TokenSource in a header of the provider's choosing
// ("Authorization: Bearer ..." or Satellogic's "authorizationToken: Bearer ..."), plus fixed
// headers that go with it (Satellogic's contract id).
class TokenCredential : public CredentialSource
{
public:
    TokenCredential(TokenSource *tokens, QByteArray header, QByteArray prefix, HttpHeaders extra = {});
    void credentials(QObject *context, Authenticator::Callback done) override;
    bool reject(const HttpHeaders &sent) override;

private:
    QPointer<TokenSource> m_tokens;
    QByteArray m_header;
    QByteArray m_prefix;
    HttpHeaders m_extra;
};

// Headers that do not change: an API key, basic auth, a user's own token or custom headers. They
// are produced once (from the keychain, asynchronously) and kept for the session.
class HeaderCredential : public CredentialSource
{
public:
    using Producer = std::function<void(QObject *context, Authenticator::Callback done)>;
    explicit HeaderCredential(Producer producer);
    explicit HeaderCredential(const HttpHeaders &headers);
    void credentials(QObject *context, Authenticator::Callback done) override;
    bool reject(const HttpHeaders &sent) override;

private:
    Producer m_producer;
    std::optional<HttpHeaders> m_headers;
};

} // namespace StacScope
