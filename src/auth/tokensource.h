#pragma once

#include <functional>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include "src/net/httprequest.h"
#include "src/net/networkerror.h"

namespace StacScope {

class HttpCall;
class NetworkClient;

// An OAuth2 access token as a token endpoint answered it.
struct AccessToken
{
    QByteArray value;
    QByteArray refreshToken;
    QString scope;
    QDateTime obtained;
    QDateTime expires; // invalid: the endpoint gave no lifetime
    QDateTime refreshExpires;

    bool isEmpty() const { return value.isEmpty(); }
};

// Secrets read when a token is needed (from the keychain, or the environment in the CLI), by
// name: "client_id", "client_secret", "username", "password"... `done` gets them or an error.
using SecretsLoader = std::function<void(
    QObject *context, std::function<void(const QHash<QString, QByteArray> &secrets, const QString &error)> done)>;

// Tokens of one account for one audience: cached, renewed before they expire, and fetched by one
// request however many calls wait for it. Subclasses build the request of their grant.
class TokenSource : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const QByteArray &token, const NetworkError &error)>;
    using Clock = std::function<QDateTime()>;

    TokenSource(NetworkClient *network, QObject *parent = nullptr);
    ~TokenSource() override;

    // A token good for at least the renewal margin: the cached one at once (inside this call), or
    // the one the request in flight (started now if none) brings, from the event loop. `done` runs
    // exactly once unless `context` is destroyed first.
    void token(QObject *context, Callback done);
    // The server refused `token` (401). Drops it when it is the current one, so the next call
    // asks for a new one. Returns true when a new one can be asked for.
    bool invalidate(const QByteArray &token);
    // Forgets the token (the account's secrets changed, or it was removed).
    void clear();

    bool hasUsableToken() const;
    const AccessToken &current() const { return m_token; }
    // Token requests sent so far (for tests and the benchmark).
    int requestCount() const { return m_requests; }
    // Renew when less than this is left: a tenth of the lifetime, at least 60 s, at most half of it.
    static qint64 renewalMarginSecs(qint64 lifetimeSecs);
    // Tests replace the clock to step past an expiry without waiting.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    QDateTime now() const;

Q_SIGNALS:
    void tokenRenewed();
    // The endpoint refused the credentials, or could not be reached.
    void failed(const StacScope::NetworkError &error);

protected:
    using RequestReady = std::function<void(const HttpRequest &request, const NetworkError &error)>;
    // Builds the token request (secrets may need an asynchronous read first).
    virtual void prepareRequest(RequestReady ready) = 0;
    // Reads the endpoint's answer; the standard OAuth2 JSON by default.
    virtual NetworkError parseResponse(const HttpCall *call, AccessToken *token) const;
    // Called when a request for a token failed before the waiters are told (a refresh token that
    // no longer works, say). Returning true starts another request instead of failing.
    virtual bool retryAfterFailure(const NetworkError &error);
    NetworkClient *network() const { return m_network; }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };

    void startRequest();
    void onFinished(HttpCall *call);
    void complete(const NetworkError &error);

    NetworkClient *m_network;
    Clock m_clock;
    AccessToken m_token;
    QList<Waiter> m_waiters;
    QPointer<HttpCall> m_call;
    bool m_inFlight = false;
    int m_requests = 0;
    quint64 m_generation = 0; // bumped by clear(): an answer to an older request is dropped
};

// OAuth2 client credentials with a JSON body and an audience (Auth0 style, as Satellogic's
// token endpoint wants it): {"client_id", "client_secret", "audience", "grant_type"}.
class ClientCredentialsTokenSource : public TokenSource
{
    Q_OBJECT
public:
    ClientCredentialsTokenSource(NetworkClient *network, const QUrl &tokenUrl, const QString &audience,
        SecretsLoader secrets, QObject *parent = nullptr);
    QString audience() const { return m_audience; }

protected:
    void prepareRequest(RequestReady ready) override;

private:
    QUrl m_tokenUrl;
    QString m_audience;
    SecretsLoader m_secrets;
};

// OAuth2 resource-owner password grant with a form body (Keycloak, as UP42's is): the refresh
// token while it lasts, then the password again from the keychain.
class PasswordGrantTokenSource : public TokenSource
{
    Q_OBJECT
public:
    PasswordGrantTokenSource(NetworkClient *network, const QUrl &tokenUrl, const QString &clientId,
        SecretsLoader secrets, QObject *parent = nullptr);

protected:
    void prepareRequest(RequestReady ready) override;
    bool retryAfterFailure(const NetworkError &error) override;

private:
    QUrl m_tokenUrl;
    QString m_clientId;
    SecretsLoader m_secrets;
    bool m_refreshFailed = false;
};

} // namespace StacScope
