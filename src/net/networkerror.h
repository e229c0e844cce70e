#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace StacScope {

// A failed request, normalised: what kind of failure, the HTTP status, the provider's own error
// code and message when the body carried one (STAC `{"code","description"}`, FastAPI `detail`,
// `message`, `error`...), and the URL without its query (which may hold signatures or tokens).
struct NetworkError
{
    enum class Kind
    {
        None,
        Network,
        Timeout,
        Http,
        Redirect,
        Canceled,
        BadResponse,
        Auth, // credentials missing, unreadable or refused by the token endpoint
        Validation // a request we would not send (a form value, a missing choice); `code` names the field
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString code;
    QString message;
    QUrl url;
    // The server's Retry-After in milliseconds when a refusal (429, 503...) carried one; -1 otherwise.
    // Whoever repeats the request later (a poller) waits at least this long.
    qint64 retryAfterMs = -1;

    bool isError() const { return kind != Kind::None; }
    // Credentials missing or refused: our Auth errors and HTTP 401/403 from the server.
    bool isCredentialProblem() const
    {
        return kind == Kind::Auth || (kind == Kind::Http && (httpStatus == 401 || httpStatus == 403));
    }
    // "HTTP 400 (BadRequest): bbox and intersects cannot be used together"
    QString toString() const;

    static NetworkError http(int status, const QByteArray &reason, const QByteArray &body, const QUrl &url);
    static NetworkError make(Kind kind, const QString &message, const QUrl &url = {});
    // The message a provider put in an error body, or an empty string; sets `code` when found.
    static QString messageFromBody(const QByteArray &body, QString *code = nullptr);
};

} // namespace StacScope

Q_DECLARE_METATYPE(StacScope::NetworkError)
