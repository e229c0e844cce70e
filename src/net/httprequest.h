#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace StacScope {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// What to send. `headers` are plain request headers, bound to the request's origin: a redirect to
// another origin sends none of them. Credentials are not put here at all: NetworkClient asks its
// Authenticator for them at send time, per request, for that request's URL, so they cannot be
// copied into jobs, next links or download tasks.
struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    QByteArray contentType;
    QByteArray accept = QByteArrayLiteral("application/json, application/geo+json;q=0.9, */*;q=0.1");
    int timeoutMs = 60000;
    // Whether the request may be sent again after 429/5xx or a dropped connection: true for GET,
    // false for POST unless the caller marks it safe (a read-only search). See RetryPolicy::mayRepeat.
    bool retryable = true;
    // Orders, tasks, cancellations: never repeated, whatever `retryable` says (not even after a 401
    // with a renewed token; the caller asks the user again).
    bool costsMoney = false;
    // Whether the Authenticator is consulted (off for token requests: their secrets are in the body).
    bool authenticate = true;
    int maxAttempts = 3;

    static HttpRequest get(const QUrl &url)
    {
        HttpRequest r;
        r.url = url;
        return r;
    }
    static HttpRequest postJson(const QUrl &url, const QByteArray &json)
    {
        HttpRequest r;
        r.method = QByteArrayLiteral("POST");
        r.url = url;
        r.body = json;
        r.contentType = QByteArrayLiteral("application/json");
        r.retryable = false;
        return r;
    }
    static HttpRequest sendJson(const QByteArray &method, const QUrl &url, const QByteArray &json)
    {
        HttpRequest r = postJson(url, json);
        r.method = method;
        return r;
    }
    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        for (auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
                h.second = value;
                return;
            }
        }
        headers.append({ name, value });
    }
};

} // namespace StacScope
