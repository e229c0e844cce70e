#pragma once

#include <QObject>
#include <QPointer>

#include "src/net/httprequest.h"
#include "src/net/networkerror.h"

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace StacScope {

class HttpCall;

// The one place requests are made from: our User-Agent, timeouts, http/https only, redirects
// followed by hand (https -> http refused, origin-bound headers dropped on a change of origin),
// and retry with backoff for idempotent requests (429/5xx, honouring Retry-After).
class NetworkClient : public QObject
{
    Q_OBJECT
public:
    explicit NetworkClient(QNetworkAccessManager *manager, QObject *parent = nullptr);

    QNetworkAccessManager *manager() const { return m_manager; }
    static QByteArray userAgent();

    // Starts a request; the call is parented to `parent` (or to this client) and reports finished().
    HttpCall *send(const HttpRequest &request, QObject *parent = nullptr);

    // The longest wait a Retry-After may ask for before we give up instead (milliseconds).
    void setMaxRetryDelay(int ms) { m_maxRetryDelayMs = ms; }
    int maxRetryDelay() const { return m_maxRetryDelayMs; }
    // The first backoff step (milliseconds); doubled for each further attempt, with jitter.
    void setBaseRetryDelay(int ms) { m_baseRetryDelayMs = ms; }
    int baseRetryDelay() const { return m_baseRetryDelayMs; }

private:
    QNetworkAccessManager *m_manager;
    int m_maxRetryDelayMs = 60000;
    int m_baseRetryDelayMs = 500;
};

// One request, with its redirects and retries. Collects the whole body: for API answers, not for
// large downloads (those stream to disk in the download engine).
class HttpCall : public QObject
{
    Q_OBJECT
public:
    HttpCall(NetworkClient *client, const HttpRequest &request, QObject *parent);
    ~HttpCall() override;

    void cancel();
    bool isFinished() const { return m_finished; }
    bool isOk() const { return m_finished && !m_error.isError(); }
    const NetworkError &error() const { return m_error; }
    int statusCode() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    QByteArray rawHeader(const QByteArray &name) const;
    QUrl finalUrl() const { return m_current.url; }
    const HttpRequest &request() const { return m_original; }
    int attempts() const { return m_attempts; }

Q_SIGNALS:
    void finished();
    void progress(qint64 received, qint64 total);

private:
    void issue();
    void onReplyFinished();
    bool followRedirect(const QUrl &target, int status);
    bool scheduleRetry(int status, const QByteArray &retryAfter);
    void finish(const NetworkError &error);

    NetworkClient *m_client;
    HttpRequest m_original;
    HttpRequest m_current;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    QList<QPair<QByteArray, QByteArray>> m_responseHeaders;
    QByteArray m_body;
    NetworkError m_error;
    int m_status = 0;
    int m_attempts = 0;
    int m_redirects = 0;
    bool m_finished = false;
    bool m_canceled = false;
};

} // namespace StacScope
