#include "src/auth/tokensource.h"

#include <algorithm>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

#include "src/net/networkclient.h"

using namespace Qt::StringLiterals;

namespace StacScope {

TokenSource::TokenSource(NetworkClient *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{}

TokenSource::~TokenSource()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    // Whoever waits (a search, a download) hears the account went away instead of waiting forever.
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    const NetworkError closed = NetworkError::make(NetworkError::Kind::Auth, tr("The account was closed or changed"));
    for (const Waiter &w : waiters) {
        if (w.context) {
            // From the event loop: the caller may be in the middle of tearing the account down.
            QTimer::singleShot(0, w.context.data(), [done = w.done, closed] { done({}, closed); });
        }
    }
}

QDateTime TokenSource::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

qint64 TokenSource::renewalMarginSecs(qint64 lifetimeSecs)
{
    if (lifetimeSecs <= 0) {
        return 0;
    }
    return std::min(std::max<qint64>(60, lifetimeSecs / 10), lifetimeSecs / 2);
}

bool TokenSource::hasUsableToken() const
{
    if (m_token.isEmpty()) {
        return false;
    }
    if (!m_token.expires.isValid()) {
        return true; // no lifetime given: good until the server refuses it
    }
    const qint64 lifetime = m_token.obtained.secsTo(m_token.expires);
    return now().secsTo(m_token.expires) > renewalMarginSecs(lifetime);
}

void TokenSource::token(QObject *context, Callback done)
{
    if (hasUsableToken()) {
        // At once: a cached token costs a call no event-loop turn (200 calls queue behind each other).
        done(m_token.value, {});
        return;
    }
    m_waiters.append({ context, std::move(done) });
    if (!m_inFlight) {
        startRequest();
    }
}

bool TokenSource::invalidate(const QByteArray &token)
{
    if (!m_token.isEmpty() && m_token.value == token) {
        m_token = {};
    }
    return true;
}

void TokenSource::clear()
{
    m_token = {};
    ++m_generation;
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
        m_call = nullptr;
    }
    if (m_inFlight) {
        m_inFlight = false;
        complete(NetworkError::make(NetworkError::Kind::Auth, tr("The account's credentials changed")));
    }
}

void TokenSource::startRequest()
{
    m_inFlight = true;
    const quint64 generation = m_generation;
    prepareRequest([this, generation](const HttpRequest &request, const NetworkError &error) {
        if (generation != m_generation) {
            return;
        }
        if (error.isError()) {
            m_inFlight = false;
            complete(error);
            return;
        }
        ++m_requests;
        HttpRequest r = request;
        r.authenticate = false; // the secrets are in the body; nothing else may be added
        m_call = m_network->send(r, this);
        HttpCall *call = m_call;
        connect(call, &HttpCall::finished, this, [this, call] { onFinished(call); });
    });
}

void TokenSource::onFinished(HttpCall *call)
{
    call->deleteLater();
    m_call = nullptr;
    AccessToken token;
    NetworkError error = parseResponse(call, &token);
    if (error.isError() && retryAfterFailure(error)) {
        startRequest();
        return;
    }
    m_inFlight = false;
    if (!error.isError()) {
        m_token = token;
        Q_EMIT tokenRenewed();
    }
    complete(error);
}

void TokenSource::complete(const NetworkError &error)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    if (error.isError() && error.kind != NetworkError::Kind::Canceled) {
        Q_EMIT failed(error);
    }
    for (const Waiter &w : waiters) {
        if (w.context) {
            w.done(error.isError() ? QByteArray() : m_token.value, error);
        }
    }
}

bool TokenSource::retryAfterFailure(const NetworkError &)
{
    return false;
}

NetworkError TokenSource::parseResponse(const HttpCall *call, AccessToken *token) const
{
    if (!call->isOk()) {
        NetworkError e = call->error();
        if (e.kind == NetworkError::Kind::Http && e.httpStatus >= 400 && e.httpStatus < 500) {
            // 400 invalid_client / 401 access_denied / 403 for an audience: the credentials are wrong.
            e.kind = NetworkError::Kind::Auth;
            e.message = tr("The sign-in was refused (HTTP %1): %2").arg(e.httpStatus).arg(e.message);
        }
        return e;
    }
    const QJsonObject o = QJsonDocument::fromJson(call->body()).object();
    const QByteArray value = o.value(u"access_token"_s).toString().toUtf8();
    if (value.isEmpty()) {
        return NetworkError::make(NetworkError::Kind::BadResponse,
            tr("The token endpoint answered without an access_token"), call->finalUrl());
    }
    token->value = value;
    token->refreshToken = o.value(u"refresh_token"_s).toString().toUtf8();
    token->scope = o.value(u"scope"_s).toString();
    token->obtained = now();
    const qint64 expiresIn = o.value(u"expires_in"_s).toVariant().toLongLong();
    if (expiresIn > 0) {
        token->expires = token->obtained.addSecs(expiresIn);
    }
    const qint64 refreshIn = o.value(u"refresh_expires_in"_s).toVariant().toLongLong();
    if (!token->refreshToken.isEmpty()) {
        token->refreshExpires = refreshIn > 0 ? token->obtained.addSecs(refreshIn) : QDateTime();
    }
    return {};
}

// --- ClientCredentialsTokenSource ---

ClientCredentialsTokenSource::ClientCredentialsTokenSource(
    NetworkClient *network, const QUrl &tokenUrl, const QString &audience, SecretsLoader secrets, QObject *parent)
    : TokenSource(network, parent)
    , m_tokenUrl(tokenUrl)
    , m_audience(audience)
    , m_secrets(std::move(secrets))
{}

void ClientCredentialsTokenSource::prepareRequest(RequestReady ready)
{
    m_secrets(this, [this, ready](const QHash<QString, QByteArray> &secrets, const QString &problem) {
        const QByteArray id = secrets.value(u"client_id"_s);
        const QByteArray secret = secrets.value(u"client_secret"_s);
        if (!problem.isEmpty() || id.isEmpty() || secret.isEmpty()) {
            ready({},
                NetworkError::make(NetworkError::Kind::Auth,
                    problem.isEmpty() ? tr("The account has no client id and secret: enter them in its settings")
                                      : problem));
            return;
        }
        const QJsonObject body { { u"client_id"_s, QString::fromUtf8(id) },
            { u"client_secret"_s, QString::fromUtf8(secret) }, { u"audience"_s, m_audience },
            { u"grant_type"_s, u"client_credentials"_s } };
        HttpRequest r = HttpRequest::postJson(m_tokenUrl, QJsonDocument(body).toJson(QJsonDocument::Compact));
        r.retryable = true; // a token request costs nothing and changes nothing
        ready(r, {});
    });
}

// --- PasswordGrantTokenSource ---

PasswordGrantTokenSource::PasswordGrantTokenSource(
    NetworkClient *network, const QUrl &tokenUrl, const QString &clientId, SecretsLoader secrets, QObject *parent)
    : TokenSource(network, parent)
    , m_tokenUrl(tokenUrl)
    , m_clientId(clientId)
    , m_secrets(std::move(secrets))
{}

void PasswordGrantTokenSource::prepareRequest(RequestReady ready)
{
    const AccessToken &old = current();
    const bool refresh = !m_refreshFailed && !old.refreshToken.isEmpty()
        && (!old.refreshExpires.isValid() || now().secsTo(old.refreshExpires) > 30);
    auto formRequest = [this](const QUrlQuery &form) {
        HttpRequest r;
        r.method = QByteArrayLiteral("POST");
        r.url = m_tokenUrl;
        r.body = form.toString(QUrl::FullyEncoded).toUtf8();
        r.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
        r.retryable = true;
        return r;
    };
    if (refresh) {
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"refresh_token"_s);
        form.addQueryItem(
            u"refresh_token"_s, QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(old.refreshToken))));
        form.addQueryItem(u"client_id"_s, QString::fromUtf8(QUrl::toPercentEncoding(m_clientId)));
        ready(formRequest(form), {});
        return;
    }
    m_refreshFailed = false;
    m_secrets(this, [ready, formRequest, this](const QHash<QString, QByteArray> &secrets, const QString &problem) {
        const QByteArray user = secrets.value(u"username"_s);
        const QByteArray password = secrets.value(u"password"_s);
        if (!problem.isEmpty() || user.isEmpty() || password.isEmpty()) {
            ready({},
                NetworkError::make(NetworkError::Kind::Auth,
                    problem.isEmpty() ? tr("The account has no user name and password: enter them in its settings")
                                      : problem));
            return;
        }
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"password"_s);
        form.addQueryItem(u"username"_s, QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(user))));
        form.addQueryItem(u"password"_s, QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(password))));
        form.addQueryItem(u"client_id"_s, QString::fromUtf8(QUrl::toPercentEncoding(m_clientId)));
        ready(formRequest(form), {});
    });
}

bool PasswordGrantTokenSource::retryAfterFailure(const NetworkError &error)
{
    // A refresh token that expired or was revoked: sign in with the password once instead.
    if (!m_refreshFailed && !current().refreshToken.isEmpty() && error.kind == NetworkError::Kind::Auth) {
        m_refreshFailed = true;
        invalidate(current().value);
        return true;
    }
    return false;
}

} // namespace StacScope
