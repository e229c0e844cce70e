#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>

namespace StacScope {

// Which failures a download retries and how long it waits: exponential backoff with jitter from a
// base delay, or the server's Retry-After (seconds or an HTTP date), capped.
class RetryPolicy
{
public:
    int maxAttempts = 5;
    int baseDelayMs = 1000;
    int maxDelayMs = 60000;

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
