#include "src/net/networkclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "src/net/authenticator.h"
#include "src/net/onceonlybody.h"
#include "src/net/redirectpolicy.h"
#include "src/net/retrypolicy.h"

using namespace Qt::StringLiterals;

namespace StacScope {

NetworkClient::NetworkClient(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{}

QByteArray NetworkClient::userAgent()
{
    return QByteArrayLiteral("StacScope/" STACSCOPE_VERSION " (satellite imagery browser; Qt/") + qVersion();
}

HttpCall *NetworkClient::send(const HttpRequest &request, QObject *parent)
{
    return new HttpCall(this, request, parent ? parent : this);
}

HttpCall::HttpCall(NetworkClient *client, const HttpRequest &request, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_original(request)
    , m_current(request)
{
    // Start from the event loop so callers can connect to finished() first.
    QTimer::singleShot(0, this, [this] {
        const QString scheme = m_current.url.scheme();
        if (scheme != u"http"_s && scheme != u"https"_s) {
            finish(NetworkError::make(NetworkError::Kind::Network,
                tr("Only http and https URLs can be requested (got \"%1\")").arg(scheme), m_current.url));
            return;
        }
        issue();
    });
}

HttpCall::~HttpCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QByteArray HttpCall::rawHeader(const QByteArray &name) const
{
    for (const auto &h : m_responseHeaders) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}

void HttpCall::cancel()
{
    if (m_finished) {
        return;
    }
    m_canceled = true;
    if (m_retryTimer) {
        m_retryTimer->stop();
    }
    if (m_reply) {
        m_reply->abort(); // finishes through onReplyFinished
    } else {
        finish(NetworkError::make(NetworkError::Kind::Canceled, tr("Canceled"), m_current.url));
    }
}

void HttpCall::issue()
{
    ++m_attempts;
    const quint64 issue = ++m_issue;
    m_credentials.clear();
    Authenticator *auth = m_client->authenticator();
    if (auth && m_current.authenticate && m_credentialsAllowed && auth->covers(m_current.url)) {
        auth->authorize(m_current.url, this, [this, issue](const HttpHeaders &credentials, const NetworkError &error) {
            if (issue != m_issue || m_finished) {
                return;
            }
            if (error.isError()) {
                finish(error);
                return;
            }
            send(credentials);
        });
        return;
    }
    send({});
}

void HttpCall::send(const HttpHeaders &credentials)
{
    m_credentials = credentials;
    QNetworkRequest req(m_current.url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setTransferTimeout(m_current.timeoutMs);
    req.setHeader(QNetworkRequest::UserAgentHeader, NetworkClient::userAgent());
    if (!m_current.accept.isEmpty()) {
        req.setRawHeader(QByteArrayLiteral("Accept"), m_current.accept);
    }
    if (!m_current.contentType.isEmpty()) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, m_current.contentType);
    }
    for (const auto &h : m_current.headers) {
        req.setRawHeader(h.first, h.second);
    }
    for (const auto &h : credentials) {
        req.setRawHeader(h.first, h.second);
    }
    QNetworkAccessManager *nam = m_client->manager();
    if (m_current.costsMoney && m_current.method != "GET" && m_current.method != "HEAD") {
        // Sent once: Qt must not resend it by itself when the connection drops (see OnceOnlyBody).
        req.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        req.setHeader(QNetworkRequest::ContentLengthHeader, m_current.body.size());
        auto *body = new OnceOnlyBody(m_current.body);
        m_reply = nam->sendCustomRequest(req, m_current.method, body);
        body->setParent(m_reply);
    } else if (m_current.method == "GET") {
        m_reply = nam->get(req);
    } else if (m_current.method == "HEAD") {
        m_reply = nam->head(req);
    } else if (m_current.method == "POST") {
        m_reply = nam->post(req, m_current.body);
    } else if (m_current.method == "PUT") {
        m_reply = nam->put(req, m_current.body);
    } else {
        m_reply = nam->sendCustomRequest(req, m_current.method, m_current.body);
    }
    connect(m_reply, &QNetworkReply::downloadProgress, this, &HttpCall::progress);
    connect(m_reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
}

void HttpCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply) {
        return;
    }
    reply->deleteLater();
    const QUrl url = m_current.url;
    if (m_canceled) {
        finish(NetworkError::make(NetworkError::Kind::Canceled, tr("Canceled"), url));
        return;
    }
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_responseHeaders = reply->rawHeaderPairs();
    const QNetworkReply::NetworkError netError = reply->error();

    if (m_status >= 300 && m_status < 400 && m_status != 304) {
        const QByteArray location = reply->rawHeader(QByteArrayLiteral("Location"));
        if (!location.isEmpty()) {
            followRedirect(url.resolved(QUrl::fromEncoded(location)), m_status);
            return;
        }
    }
    if (m_status == 0 && netError != QNetworkReply::NoError) {
        const bool timeout
            = netError == QNetworkReply::TimeoutError || netError == QNetworkReply::OperationCanceledError;
        const bool transient = timeout || RetryPolicy::isRetryableError(netError);
        if (transient && scheduleRetry(0, {})) {
            return;
        }
        const QString message = timeout
            ? tr("No answer from %1 within %2 s").arg(url.host()).arg(m_current.timeoutMs / 1000)
            : netError == QNetworkReply::ContentReSendError
            ? tr("%1 closed the connection before answering").arg(url.host())
            : tr("Cannot reach %1: %2").arg(url.host(), reply->errorString());
        finish(NetworkError::make(timeout ? NetworkError::Kind::Timeout : NetworkError::Kind::Network, message, url));
        return;
    }
    m_body = reply->readAll();
    if (m_status == 401 && !m_credentials.isEmpty()) {
        // The token may have expired early or been revoked: renew it once and send again. Never
        // for a request that costs money (the server refused it, but a repeat is the user's call).
        Authenticator *auth = m_client->authenticator();
        const bool renewable = auth && auth->reject(url, m_credentials);
        if (renewable && !m_replayed && !m_current.costsMoney) {
            m_replayed = true;
            --m_attempts; // the replay is part of the same attempt
            issue();
            return;
        }
    }
    if (netError != QNetworkReply::NoError && m_status < 400) {
        // The connection broke mid-body, or similar.
        if (scheduleRetry(0, {})) {
            return;
        }
        finish(NetworkError::make(
            NetworkError::Kind::Network, tr("Transfer from %1 failed: %2").arg(url.host(), reply->errorString()), url));
        return;
    }
    if (m_status >= 400) {
        if (RetryPolicy::isRetryableStatus(m_status)
            && scheduleRetry(m_status, reply->rawHeader(QByteArrayLiteral("Retry-After")))) {
            return;
        }
        NetworkError error = NetworkError::http(
            m_status, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), m_body, url);
        error.retryAfterMs = RetryPolicy::parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")));
        finish(error);
        return;
    }
    finish({});
}

bool HttpCall::followRedirect(const QUrl &target, int status)
{
    const QUrl from = m_current.url;
    const RedirectPolicy::Decision decision
        = RedirectPolicy::decide(m_original.url, from, target, m_redirects, m_credentialsAllowed);
    if (!decision.follow) {
        finish(NetworkError::make(NetworkError::Kind::Redirect, decision.reason, from));
        return false;
    }
    const QByteArray method = RedirectPolicy::methodAfter(status, m_current.method);
    const bool keepsBody = method == m_current.method && !m_current.body.isEmpty();
    if (!decision.keepHeaders && keepsBody && (!m_current.authenticate || m_current.costsMoney)) {
        // A 307/308 would re-send the body to another host: a token request's body holds the
        // secret, an order's body would be placed twice. Never.
        finish(NetworkError::make(NetworkError::Kind::Redirect,
            tr("Refused to send this request on to another host (%1)").arg(target.host()), from));
        return false;
    }
    ++m_redirects;
    if (!decision.keepHeaders) {
        m_current.headers.clear();
        m_credentialsAllowed = false;
    }
    if (method != m_current.method) {
        m_current.method = method;
        m_current.body.clear();
        m_current.contentType.clear();
    }
    m_current.url = target;
    m_attempts = 0;
    issue();
    return true;
}

bool HttpCall::scheduleRetry(int status, const QByteArray &retryAfter)
{
    if (!RetryPolicy::mayRepeat(m_current) || m_attempts >= m_current.maxAttempts) {
        return false;
    }
    Q_UNUSED(status);
    if (RetryPolicy::parseRetryAfter(retryAfter) > m_client->maxRetryDelay()) {
        return false; // the server asks for a longer pause than we wait for: report it instead
    }
    RetryPolicy policy;
    policy.baseDelayMs = m_client->baseRetryDelay();
    policy.maxDelayMs = m_client->maxRetryDelay();
    const int delay = policy.delayMs(m_attempts, retryAfter);
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, &HttpCall::issue);
    }
    m_retryTimer->start(delay);
    return true;
}

void HttpCall::finish(const NetworkError &error)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

} // namespace StacScope
