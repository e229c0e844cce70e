#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>

#include "src/net/httprequest.h"

namespace StacScope {

// Which requests may be sent again, after which failures, and how long to wait first: exponential
// backoff with jitter from a base delay, or the server's Retry-After (seconds or an HTTP date),
// capped. Used by NetworkClient's calls and by the download engine.
class RetryPolicy
{
public:
    int maxAttempts = 5;
    int baseDelayMs = 1000;
    int maxDelayMs = 60000;

    // Whether a request may be repeated automatically at all. Anything that can cost money (an
    // order, a task) never is; POST and PATCH only when the caller marked them safe (a search);
    // GET, HEAD, PUT, DELETE and OPTIONS are idempotent unless the caller said otherwise.
    static bool mayRepeat(const HttpRequest &request);
    // 429, 500, 502, 503, 504.
    static bool isRetryableStatus(int status);
    // Connection refused, reset or closed, timeouts, temporary failures. Not TLS or protocol errors.
    static bool isRetryableError(QNetworkReply::NetworkError error);
    // Milliseconds to wait before attempt `attempt + 1` (`attempt` >= 1 failed so far).
    int delayMs(int attempt, const QByteArray &retryAfter = {}) const;
    // Retry-After in milliseconds from `now`, or -1 when absent or unreadable.
    static qint64 parseRetryAfter(const QByteArray &value, const QDateTime &now = QDateTime::currentDateTimeUtc());
};

} // namespace StacScope
