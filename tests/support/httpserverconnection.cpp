#include "tests/support/httpserverconnection.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr qsizetype MaxHeadBytes = 64 * 1024;
constexpr qint64 MaxBodyBytes = 256 * 1024 * 1024;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Comma-separated header value contains `token` (case-insensitive), e.g. "keep-alive, Upgrade".
bool headerListContains(const QByteArray &value, QByteArrayView token)
{
    const QList<QByteArray> parts = value.split(',');
    for (const QByteArray &part : parts) {
        if (token.compare(part.trimmed(), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray httpDate()
{
    return QLocale::c().toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

} // namespace

HttpServerConnection::HttpServerConnection(QTcpSocket *socket, quint64 id, HttpServer *server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
    , m_id(id)
{
    m_socket->setParent(this);
    // Small responses on a kept-alive connection must not wait for delayed ACKs.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpServerConnection::readIncoming);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpServerConnection::onDisconnected);
    // Data may have arrived before the connections above were made.
    QTimer::singleShot(0, this, &HttpServerConnection::readIncoming);
}

HttpServerConnection::~HttpServerConnection() = default;

void HttpServerConnection::abort()
{
    if (m_finished)
        return;
    m_closing = true;
    m_socket->abort();
    onDisconnected();
}

void HttpServerConnection::readIncoming()
{
    if (m_closing)
        return;
    m_buffer.append(m_socket->readAll());
    for (;;) {
        const ParseStatus status = parseOne();
        if (status != ParseStatus::Parsed)
            break;
    }
    dispatchNext();
}

HttpServerConnection::ParseStatus HttpServerConnection::parseOne()
{
    if (m_closing || m_stopParsing)
        return ParseStatus::Failed;
    if (!m_haveHead) {
        // RFC 9112 2.2: ignore empty lines before a request line.
        qsizetype skip = 0;
        while (skip < m_buffer.size() && (m_buffer.at(skip) == '\r' || m_buffer.at(skip) == '\n'))
            ++skip;
        if (skip > 0)
            m_buffer.remove(0, skip);
        qsizetype end = m_buffer.indexOf("\r\n\r\n");
        qsizetype separator = 4;
        const qsizetype lfEnd = m_buffer.indexOf("\n\n");
        if (lfEnd >= 0 && (end < 0 || lfEnd < end)) {
            end = lfEnd;
            separator = 2;
        }
        if (end < 0) {
            if (m_buffer.size() > MaxHeadBytes) {
                rejectAndClose(431, QByteArrayLiteral("request head too large"));
                return ParseStatus::Failed;
            }
            return ParseStatus::NeedMore;
        }
        if (end > MaxHeadBytes) {
            rejectAndClose(431, QByteArrayLiteral("request head too large"));
            return ParseStatus::Failed;
        }
        const QByteArray head = m_buffer.left(end);
        m_buffer.remove(0, end + separator);
        if (!parseHead(head))
            return ParseStatus::Failed;
        m_haveHead = true;
        m_continueSent = false;
    }

    if (m_chunkedRequest) {
        const ParseStatus status = decodeChunkedBody();
        if (status != ParseStatus::Parsed)
            return status;
    } else {
        if (m_buffer.size() < m_contentLength) {
            if (!m_continueSent && m_response == nullptr && m_queue.isEmpty()
                && headerListContains(m_partial.header("Expect"), "100-continue")) {
                m_continueSent = true;
                m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
            }
            return ParseStatus::NeedMore;
        }
        m_partial.body = m_buffer.left(m_contentLength);
        m_buffer.remove(0, m_contentLength);
    }

    m_partial.indexOnConnection = m_requestCount++;
    m_queue.append(std::move(m_partial));
    m_partial = ReceivedRequest();
    m_haveHead = false;
    return ParseStatus::Parsed;
}

bool HttpServerConnection::parseHead(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QList<QByteArray> requestLine = lines.first().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine.at(0)) || requestLine.at(1).isEmpty()) {
        rejectAndClose(400, QByteArrayLiteral("malformed request line"));
        return false;
    }
    if (!requestLine.at(2).startsWith("HTTP/1.")) {
        rejectAndClose(505, QByteArrayLiteral("only HTTP/1.x is supported"));
        return false;
    }

    ReceivedRequest &request = m_partial;
    request.method = requestLine.at(0);
    request.httpVersion = requestLine.at(2);
    QByteArray target = requestLine.at(1);
    if (target.startsWith("http://") || target.startsWith("https://")) {
        // absolute-form (proxy style): keep only path and query.
        const qsizetype hostStart = target.indexOf("//") + 2;
        const qsizetype pathStart = target.indexOf('/', hostStart);
        target = pathStart < 0 ? QByteArrayLiteral("/") : target.mid(pathStart);
    } else if (!target.startsWith('/') && target != "*") {
        rejectAndClose(400, QByteArrayLiteral("malformed request target"));
        return false;
    }
    const qsizetype fragment = target.indexOf('#');
    if (fragment >= 0)
        target.truncate(fragment);
    request.target = target;
    const qsizetype questionMark = target.indexOf('?');
    const QByteArray rawPath = questionMark < 0 ? target : target.left(questionMark);
    request.rawQuery = questionMark < 0 ? QByteArray() : target.mid(questionMark + 1);
    request.path = QUrl::fromPercentEncoding(rawPath);
    request.query = QUrlQuery(QString::fromUtf8(request.rawQuery));

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        // Obsolete line folding and whitespace before the colon are errors (RFC 9112 5.1, 5.2).
        if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t') || !isToken(line.left(colon))) {
            rejectAndClose(400, QByteArrayLiteral("malformed header line"));
            return false;
        }
        request.headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
    }

    if (request.httpVersion == "HTTP/1.1" && !request.hasHeader("Host")) {
        rejectAndClose(400, QByteArrayLiteral("missing Host header"));
        return false;
    }

    request.peerAddress = m_socket->peerAddress();
    request.peerPort = m_socket->peerPort();
    request.localAddress = m_socket->localAddress();
    request.localPort = m_socket->localPort();
    request.connectionId = m_id;

    m_chunkedRequest = false;
    m_contentLength = 0;
    const QList<QByteArray> transferEncodings = request.headerValues("Transfer-Encoding");
    const QList<QByteArray> contentLengths = request.headerValues("Content-Length");
    if (!transferEncodings.isEmpty()) {
        // Both framings at once is the classic request smuggling shape (RFC 9112 6.1).
        if (!contentLengths.isEmpty()) {
            rejectAndClose(400, QByteArrayLiteral("both Transfer-Encoding and Content-Length"));
            return false;
        }
        if (!transferEncodings.constLast().trimmed().toLower().endsWith("chunked")) {
            rejectAndClose(501, QByteArrayLiteral("unsupported transfer coding"));
            return false;
        }
        m_chunkedRequest = true;
    } else if (!contentLengths.isEmpty()) {
        for (const QByteArray &value : contentLengths) {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            const bool digitsOnly
                = std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!ok || !digitsOnly || length < 0 || (value != contentLengths.first())) {
                rejectAndClose(400, QByteArrayLiteral("invalid Content-Length"));
                return false;
            }
            m_contentLength = length;
        }
        if (m_contentLength > MaxBodyBytes) {
            rejectAndClose(413, QByteArrayLiteral("body too large"));
            return false;
        }
    }
    return true;
}

HttpServerConnection::ParseStatus HttpServerConnection::decodeChunkedBody()
{
    // Decodes from the start of the buffer each time; request bodies in tests are small.
    QByteArray body;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return ParseStatus::NeedMore;
        QByteArray sizeText = m_buffer.mid(pos, lineEnd - pos);
        const qsizetype extension = sizeText.indexOf(';');
        if (extension >= 0)
            sizeText.truncate(extension);
        bool ok = false;
        const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0 || body.size() + size > MaxBodyBytes) {
            rejectAndClose(400, QByteArrayLiteral("malformed chunk size"));
            return ParseStatus::Failed;
        }
        pos = lineEnd + 2;
        if (size == 0) {
            // Trailer section: header lines up to an empty line.
            for (;;) {
                const qsizetype trailerEnd = m_buffer.indexOf("\r\n", pos);
                if (trailerEnd < 0)
                    return ParseStatus::NeedMore;
                const bool empty = trailerEnd == pos;
                pos = trailerEnd + 2;
                if (empty)
                    break;
            }
            m_partial.body = body;
            m_buffer.remove(0, pos);
            return ParseStatus::Parsed;
        }
        if (m_buffer.size() < pos + size + 2)
            return ParseStatus::NeedMore;
        body.append(m_buffer.constData() + pos, size);
        pos += size;
        if (m_buffer.mid(pos, 2) != "\r\n") {
            rejectAndClose(400, QByteArrayLiteral("malformed chunk"));
            return ParseStatus::Failed;
        }
        pos += 2;
    }
}

void HttpServerConnection::rejectAndClose(int status, const QByteArray &message)
{
    // Protocol errors are answered without the handler and end the connection, after the
    // responses to the requests that were complete before the bad one.
    m_stopParsing = true;
    const QByteArray body = message + '\n';
    m_pendingReject
        = "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpServerResponse::standardReason(status) + "\r\n";
    m_pendingReject += "Content-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size());
    m_pendingReject += "\r\nConnection: close\r\n\r\n" + body;
}

void HttpServerConnection::dispatchNext()
{
    if (m_response != nullptr || m_closing)
        return;
    if (m_queue.isEmpty()) {
        if (!m_pendingReject.isEmpty()) {
            m_socket->write(m_pendingReject);
            m_pendingReject.clear();
            closeGracefully();
        }
        return;
    }
    const ReceivedRequest request = m_queue.takeFirst();

    const QByteArray connectionHeader = request.header("Connection");
    if (request.httpVersion == "HTTP/1.0")
        m_keepAlive = headerListContains(connectionHeader, "keep-alive");
    else
        m_keepAlive = !headerListContains(connectionHeader, "close");
    m_headRequest = request.method == "HEAD";
    m_http10 = request.httpVersion == "HTTP/1.0";

    m_delayElapsed = false;
    m_response = new HttpServerResponse(this);
    m_server->handleRequest(request, *m_response);
    if (m_response->isDeferred() && !m_response->isSendRequested())
        connect(m_response, &HttpServerResponse::sendRequested, this, &HttpServerConnection::transmit);
    else
        transmit();
}

void HttpServerConnection::transmit()
{
    if (m_closing || m_response == nullptr)
        return;
    const HttpServerResponse::Delivery &delivery = m_response->delivery();
    if (delivery.initialDelayMs > 0 && !m_delayElapsed) {
        m_delayElapsed = true;
        QTimer::singleShot(delivery.initialDelayMs, m_response, [this] { transmit(); });
        return;
    }
    if (delivery.dropWithoutResponse) {
        closeGracefully();
        return;
    }

    const int status = m_response->status();
    m_noBody = m_headRequest || (status >= 100 && status < 200) || status == 204 || status == 304;
    const qint64 bodySize = m_response->body().size();
    // HTTP/1.0 has no chunked coding: the body then simply ends with the connection.
    m_chunkedResponse = delivery.chunkedEncoding && !m_http10;
    m_closeAfter = !m_keepAlive || delivery.closeConnection || delivery.omitContentLength
        || delivery.contentLengthOverride >= 0 || (delivery.chunkedEncoding && m_http10)
        || headerListContains(m_response->header("Connection"), "close");
    m_bodyOffset = 0;
    m_bodyLimit = m_noBody ? 0 : bodySize;
    if (!m_noBody && delivery.dropAfterBytes >= 0 && delivery.dropAfterBytes < bodySize) {
        m_bodyLimit = delivery.dropAfterBytes;
        m_closeAfter = true;
    }

    m_socket->write(buildHead(bodySize));
    if (delivery.chunkSize > 0 && delivery.chunkIntervalMs > 0 && m_bodyLimit > 0) {
        writeBodyBytes(std::min<qint64>(delivery.chunkSize, m_bodyLimit));
        if (m_bodyOffset < m_bodyLimit) {
            QTimer::singleShot(delivery.chunkIntervalMs, m_response, [this] { writePiece(); });
            return;
        }
    } else if (m_bodyLimit > 0) {
        writeBodyBytes(m_bodyLimit);
    }
    finishBody();
}

QByteArray HttpServerConnection::buildHead(qint64 bodySize)
{
    const HttpServerResponse::Delivery &delivery = m_response->delivery();
    const int status = m_response->status();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + m_response->reason() + "\r\n";
    bool haveDate = false;
    bool haveServer = false;
    for (const auto &[name, value] : m_response->headers()) {
        // Framing is ours (see HttpServerResponse::Delivery).
        if (QByteArrayView("Content-Length").compare(name, Qt::CaseInsensitive) == 0
            || QByteArrayView("Transfer-Encoding").compare(name, Qt::CaseInsensitive) == 0
            || QByteArrayView("Connection").compare(name, Qt::CaseInsensitive) == 0)
            continue;
        haveDate = haveDate || QByteArrayView("Date").compare(name, Qt::CaseInsensitive) == 0;
        haveServer = haveServer || QByteArrayView("Server").compare(name, Qt::CaseInsensitive) == 0;
        head += name + ": " + value + "\r\n";
    }
    if (!haveDate)
        head += "Date: " + httpDate() + "\r\n";
    if (!haveServer)
        head += "Server: StacScope-TestServer\r\n";

    const bool bodyless = (status >= 100 && status < 200) || status == 204 || status == 304;
    if (!bodyless) {
        if (m_chunkedResponse) {
            head += "Transfer-Encoding: chunked\r\n";
        } else if (delivery.contentLengthOverride >= 0) {
            head += "Content-Length: " + QByteArray::number(delivery.contentLengthOverride) + "\r\n";
        } else if (!delivery.omitContentLength && !delivery.chunkedEncoding) {
            head += "Content-Length: " + QByteArray::number(bodySize) + "\r\n";
        }
    }
    if (m_closeAfter)
        head += "Connection: close\r\n";
    else if (m_http10)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    return head;
}

void HttpServerConnection::writePiece()
{
    if (m_closing || m_response == nullptr)
        return;
    const HttpServerResponse::Delivery &delivery = m_response->delivery();
    writeBodyBytes(std::min<qint64>(delivery.chunkSize, m_bodyLimit - m_bodyOffset));
    if (m_bodyOffset < m_bodyLimit) {
        QTimer::singleShot(delivery.chunkIntervalMs, m_response, [this] { writePiece(); });
        return;
    }
    finishBody();
}

void HttpServerConnection::writeBodyBytes(qint64 count)
{
    if (count <= 0)
        return;
    const QByteArray &body = m_response->body();
    if (m_chunkedResponse)
        m_socket->write(QByteArray::number(count, 16) + "\r\n");
    if (m_bodyOffset == 0 && count == body.size())
        m_socket->write(body); // shares the buffer instead of copying a big page
    else
        m_socket->write(body.constData() + m_bodyOffset, count);
    if (m_chunkedResponse)
        m_socket->write("\r\n", 2);
    m_bodyOffset += count;
}

void HttpServerConnection::finishBody()
{
    const bool truncated = !m_noBody && m_bodyLimit < m_response->body().size();
    if (m_chunkedResponse && !m_noBody && !truncated)
        m_socket->write(QByteArrayLiteral("0\r\n\r\n"));
    m_response->deleteLater();
    m_response = nullptr;
    if (m_closeAfter || truncated) {
        closeGracefully();
        return;
    }
    // Requests (or a protocol error) that arrived while this response was written.
    if (!m_queue.isEmpty() || !m_pendingReject.isEmpty())
        QTimer::singleShot(0, this, &HttpServerConnection::dispatchNext);
}

void HttpServerConnection::closeGracefully()
{
    // disconnectFromHost() still flushes what was written: a drop after N bytes delivers them.
    m_closing = true;
    m_socket->disconnectFromHost();
}

void HttpServerConnection::onDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    m_closing = true;
    if (m_response != nullptr) {
        m_response->deleteLater();
        m_response = nullptr;
    }
    Q_EMIT finished(m_id);
    deleteLater();
}

} // namespace StacScope
