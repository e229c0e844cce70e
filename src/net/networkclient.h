#pragma once

#include <QObject>
#include <QPointer>

#include "src/net/httprequest.h"
#include "src/net/networkerror.h"

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace StacScope {

class Authenticator;
class HttpCall;

// The one place requests are made from: our User-Agent, timeouts, http/https only, redirects
// followed by hand (RedirectPolicy: https -> http refused, headers and credentials dropped on a
// change of origin), retry with backoff for requests that may be repeated (RetryPolicy: 429/5xx,
// honouring Retry-After), and credentials from the Authenticator at send time, per request, with
// one renewal and replay after a 401.
class NetworkClient : public QObject
{
    Q_OBJECT
public:
    explicit NetworkClient(QNetworkAccessManager *manager, QObject *parent = nullptr);

    QNetworkAccessManager *manager() const { return m_manager; }
    // Not owned; must outlive the client. nullptr: no credentials on any request.
    void setAuthenticator(Authenticator *authenticator) { m_authenticator = authenticator; }
    Authenticator *authenticator() const { return m_authenticator; }
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
    Authenticator *m_authenticator = nullptr;
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
    // Whether the last attempt carried credentials from the Authenticator, and whether a 401 made
    // us renew them and send once more.
    bool sentCredentials() const { return !m_credentials.isEmpty(); }
    bool wasReplayed() const { return m_replayed; }

Q_SIGNALS:
    void finished();
    void progress(qint64 received, qint64 total);

private:
    void issue();
    void send(const HttpHeaders &credentials);
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
    HttpHeaders m_credentials; // of the attempt in flight; never copied anywhere else
    bool m_credentialsAllowed = true; // false after a redirect to another origin
    bool m_replayed = false;
    quint64 m_issue = 0; // bumped per attempt, so a late credentials callback is ignored
    int m_status = 0;
    int m_attempts = 0;
    int m_redirects = 0;
    bool m_finished = false;
    bool m_canceled = false;
};

} // namespace StacScope
