#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace StacScope {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// What to send. `headers` are bound to the request's origin (scheme, host, port): a redirect to
// another origin sends none of them, so API keys and bearer tokens never reach, say, the storage
// host of a pre-signed URL.
struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    QByteArray contentType;
    QByteArray accept = QByteArrayLiteral("application/json, application/geo+json;q=0.9, */*;q=0.1");
    int timeoutMs = 60000;
    // Whether the request may be sent again after 429/5xx or a dropped connection. Never for
    // anything that costs money (orders, tasks); read-only searches by POST may opt in.
    bool retryable = true;
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
