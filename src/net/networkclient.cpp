#include "src/net/networkclient.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == u"https"_s ? 443 : 80) == b.port(b.scheme() == u"https"_s ? 443 : 80);
}

constexpr int kMaxRedirects = 10;

} // namespace

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
    QNetworkAccessManager *nam = m_client->manager();
    if (m_current.method == "GET") {
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
        const bool transient = timeout || netError == QNetworkReply::RemoteHostClosedError
            || netError == QNetworkReply::TemporaryNetworkFailureError;
        if (transient && scheduleRetry(0, {})) {
            return;
        }
        finish(NetworkError::make(timeout ? NetworkError::Kind::Timeout : NetworkError::Kind::Network,
            timeout ? tr("No answer from %1 within %2 s").arg(url.host()).arg(m_current.timeoutMs / 1000)
                    : tr("Cannot reach %1: %2").arg(url.host(), reply->errorString()),
            url));
        return;
    }
    m_body = reply->readAll();
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
        const bool transient = m_status == 429 || m_status == 502 || m_status == 503 || m_status == 504;
        if (transient && scheduleRetry(m_status, reply->rawHeader(QByteArrayLiteral("Retry-After")))) {
            return;
        }
        finish(NetworkError::http(
            m_status, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), m_body, url));
        return;
    }
    finish({});
}

bool HttpCall::followRedirect(const QUrl &target, int status)
{
    const QUrl from = m_current.url;
    auto refuse = [&](const QString &why) {
        finish(NetworkError::make(NetworkError::Kind::Redirect, why, from));
        return false;
    };
    if (++m_redirects > kMaxRedirects) {
        return refuse(tr("Too many redirects from %1").arg(m_original.url.host()));
    }
    if (target.scheme() != u"http"_s && target.scheme() != u"https"_s) {
        return refuse(tr("Refused a redirect to a non-HTTP address"));
    }
    if (from.scheme() == u"https"_s && target.scheme() == u"http"_s) {
        return refuse(tr("Refused a redirect from https to unencrypted http (%1)").arg(target.host()));
    }
    if (!sameOrigin(from, target)) {
        m_current.headers.clear();
    }
    if (status == 303 || ((status == 301 || status == 302) && m_current.method == "POST")) {
        m_current.method = QByteArrayLiteral("GET");
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
    if (!m_current.retryable || m_attempts >= m_current.maxAttempts) {
        return false;
    }
    qint64 delay = qint64(m_client->baseRetryDelay()) << (m_attempts - 1);
    delay += QRandomGenerator::global()->bounded(qMax(1, int(delay / 4)));
    if (!retryAfter.isEmpty()) {
        bool ok = false;
        const qint64 seconds = retryAfter.trimmed().toLongLong(&ok);
        if (ok) {
            delay = seconds * 1000;
        } else {
            const QDateTime when = QDateTime::fromString(QString::fromLatin1(retryAfter.trimmed()), Qt::RFC2822Date);
            if (when.isValid()) {
                delay = qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
            }
        }
        if (delay > m_client->maxRetryDelay()) {
            return false; // the server asks for a longer pause than we wait for: report it instead
        }
    }
    Q_UNUSED(status);
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, &HttpCall::issue);
    }
    m_retryTimer->start(int(delay));
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
