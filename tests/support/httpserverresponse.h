#pragma once

#include <utility>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QObject>

namespace StacScope {

// What a handler answers with, plus how the bytes are put on the wire. The connection that
// received the request owns it. By default the response is written as soon as the handler
// returns; a handler that needs to answer later calls defer(), keeps a QPointer and calls send()
// (the pointer becomes null when the client went away).
class HttpServerResponse : public QObject
{
    Q_OBJECT

public:
    // Byte-level delivery options. Framing headers (Content-Length, Transfer-Encoding) are
    // written by the server from these; a handler cannot set them as plain headers.
    struct Delivery
    {
        int initialDelayMs = 0; // wait before the first byte (status line) is written
        qsizetype chunkSize = 0; // > 0: write the body in pieces of this size ...
        int chunkIntervalMs = 0; // ... this far apart (QTimer driven)
        bool chunkedEncoding = false; // Transfer-Encoding: chunked framing instead of a length
        qint64 dropAfterBytes = -1; // >= 0: close the connection after this many body bytes
        bool dropWithoutResponse = false; // close the connection without writing anything
        qint64 contentLengthOverride = -1; // >= 0: announce this length, send the real body, close
        bool omitContentLength = false; // no length at all; the body ends when the server closes
        bool closeConnection = false; // send "Connection: close" and close afterwards
    };

    explicit HttpServerResponse(QObject *parent = nullptr);

    void setStatus(int status, const QByteArray &reason = {});
    int status() const { return m_status; }
    // The reason phrase that will be sent (the standard one unless set).
    QByteArray reason() const;
    static QByteArray standardReason(int status);

    // Replaces all headers of that name (case-insensitive).
    void setHeader(const QByteArray &name, const QByteArray &value);
    void addHeader(const QByteArray &name, const QByteArray &value);
    void removeHeader(QByteArrayView name);
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    const QList<std::pair<QByteArray, QByteArray>> &headers() const { return m_headers; }

    void setBody(const QByteArray &body);
    void setBody(const QByteArray &body, const QByteArray &contentType);
    const QByteArray &body() const { return m_body; }

    // Shortcut for status + Content-Type + body.
    void respond(int status, const QByteArray &body, const QByteArray &contentType);

    Delivery &delivery() { return m_delivery; }
    const Delivery &delivery() const { return m_delivery; }
    void setDelivery(const Delivery &delivery) { m_delivery = delivery; }
    void setInitialDelay(int msecs) { m_delivery.initialDelayMs = msecs; }
    void setPacing(qsizetype chunkSize, int intervalMsecs);
    void setChunkedEncoding(bool on) { m_delivery.chunkedEncoding = on; }
    void setDropAfterBytes(qint64 bodyBytes) { m_delivery.dropAfterBytes = bodyBytes; }
    void setDropWithoutResponse(bool drop) { m_delivery.dropWithoutResponse = drop; }
    void setContentLengthOverride(qint64 length) { m_delivery.contentLengthOverride = length; }
    void setOmitContentLength(bool omit) { m_delivery.omitContentLength = omit; }
    void setCloseConnection(bool close) { m_delivery.closeConnection = close; }

    void defer() { m_deferred = true; }
    bool isDeferred() const { return m_deferred; }
    // Releases a deferred response to the connection; no effect on a non-deferred one.
    void send();
    bool isSendRequested() const { return m_sendRequested; }

Q_SIGNALS:
    void sendRequested();

private:
    int m_status = 200;
    QByteArray m_reason;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    Delivery m_delivery;
    bool m_deferred = false;
    bool m_sendRequested = false;
};

} // namespace StacScope
