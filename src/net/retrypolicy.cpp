#include "src/net/retrypolicy.h"

#include <algorithm>

#include <QLocale>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace StacScope {

bool RetryPolicy::mayRepeat(const HttpRequest &request)
{
    // HttpRequest::get() starts retryable and postJson() does not: `retryable` is the caller's word.
    return request.retryable && !request.costsMoney;
}

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool RetryPolicy::isRetryableError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

int RetryPolicy::delayMs(int attempt, const QByteArray &retryAfter) const
{
    const qint64 asked = parseRetryAfter(retryAfter);
    if (asked >= 0) {
        return int(std::min<qint64>(asked, maxDelayMs));
    }
    const int shift = qBound(0, attempt - 1, 20);
    qint64 delay = std::min<qint64>(qint64(baseDelayMs) << shift, maxDelayMs);
    // Jitter spreads clients that failed together (a server restart) over time.
    delay += QRandomGenerator::global()->bounded(qMax(1, int(delay / 4)));
    return int(std::min<qint64>(delay, maxDelayMs));
}

qint64 RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty()) {
        return -1;
    }
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok) {
        return seconds < 0 ? -1 : seconds * 1000;
    }
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(text), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
    if (when.isValid()) {
        when = QDateTime(when.date(), when.time(), Qt::UTC); // the fields are UTC
    } else {
        when = QDateTime::fromString(QString::fromLatin1(text), Qt::RFC2822Date);
    }
    if (!when.isValid()) {
        return -1;
    }
    return std::max<qint64>(0, now.msecsTo(when));
}

} // namespace StacScope
