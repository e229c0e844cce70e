#include "tests/support/httpserverresponse.h"

namespace StacScope {

HttpServerResponse::HttpServerResponse(QObject *parent)
    : QObject(parent)
{}

void HttpServerResponse::setStatus(int status, const QByteArray &reason)
{
    m_status = status;
    m_reason = reason;
}

QByteArray HttpServerResponse::reason() const
{
    return m_reason.isEmpty() ? standardReason(m_status) : m_reason;
}

QByteArray HttpServerResponse::standardReason(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 206:
        return QByteArrayLiteral("Partial Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 303:
        return QByteArrayLiteral("See Other");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 416:
        return QByteArrayLiteral("Range Not Satisfiable");
    case 422:
        return QByteArrayLiteral("Unprocessable Content");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Status");
    }
}

void HttpServerResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    removeHeader(name);
    m_headers.append({ name, value });
}

void HttpServerResponse::addHeader(const QByteArray &name, const QByteArray &value)
{
    m_headers.append({ name, value });
}

void HttpServerResponse::removeHeader(QByteArrayView name)
{
    m_headers.removeIf([name](const std::pair<QByteArray, QByteArray> &header) {
        return name.compare(header.first, Qt::CaseInsensitive) == 0;
    });
}

QByteArray HttpServerResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : m_headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpServerResponse::hasHeader(QByteArrayView name) const
{
    for (const auto &header : m_headers) {
        if (name.compare(header.first, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void HttpServerResponse::setBody(const QByteArray &body)
{
    m_body = body;
}

void HttpServerResponse::setBody(const QByteArray &body, const QByteArray &contentType)
{
    m_body = body;
    setHeader(QByteArrayLiteral("Content-Type"), contentType);
}

void HttpServerResponse::respond(int status, const QByteArray &body, const QByteArray &contentType)
{
    setStatus(status);
    if (contentType.isEmpty())
        setBody(body);
    else
        setBody(body, contentType);
}

void HttpServerResponse::setPacing(qsizetype chunkSize, int intervalMsecs)
{
    m_delivery.chunkSize = chunkSize;
    m_delivery.chunkIntervalMs = intervalMsecs;
}

void HttpServerResponse::send()
{
    if (!m_deferred || m_sendRequested)
        return;
    m_sendRequested = true;
    Q_EMIT sendRequested();
}

} // namespace StacScope
