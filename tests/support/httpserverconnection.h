#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>

#include "tests/support/receivedrequest.h"

class QTcpSocket;

namespace StacScope {

class HttpServerResponse;
class HttpServer;

// One accepted TCP connection of HttpServer: parses requests (pipelined ones wait in a queue),
// hands them to the server one at a time and writes each response with its delivery quirks.
// Deletes itself (and its socket) once the socket is closed.
class HttpServerConnection : public QObject
{
    Q_OBJECT

public:
    HttpServerConnection(QTcpSocket *socket, quint64 id, HttpServer *server);
    ~HttpServerConnection() override;

    quint64 id() const { return m_id; }
    // Closes at once, discarding unsent data.
    void abort();

Q_SIGNALS:
    void finished(quint64 id);

private:
    enum class ParseStatus
    {
        NeedMore,
        Parsed,
        Failed
    };

    void readIncoming();
    ParseStatus parseOne();
    bool parseHead(const QByteArray &head);
    ParseStatus decodeChunkedBody();
    void rejectAndClose(int status, const QByteArray &message);
    void dispatchNext();
    void transmit();
    QByteArray buildHead(qint64 bodySize);
    void writePiece();
    void writeBodyBytes(qint64 count);
    void finishBody();
    void closeGracefully();
    void onDisconnected();

    QTcpSocket *m_socket = nullptr;
    HttpServer *m_server = nullptr;
    quint64 m_id = 0;
    QByteArray m_buffer;
    QList<ReceivedRequest> m_queue;
    int m_requestCount = 0;

    // Request being parsed.
    bool m_haveHead = false;
    ReceivedRequest m_partial;
    qint64 m_contentLength = 0;
    bool m_chunkedRequest = false;
    bool m_continueSent = false;
    bool m_stopParsing = false;
    QByteArray m_pendingReject; // error response to send once the queue is done

    // Response being written.
    HttpServerResponse *m_response = nullptr;
    bool m_headRequest = false;
    bool m_keepAlive = true;
    bool m_http10 = false;
    bool m_chunkedResponse = false;
    bool m_closeAfter = false;
    bool m_noBody = false;
    bool m_delayElapsed = false;
    qint64 m_bodyOffset = 0;
    qint64 m_bodyLimit = 0;

    bool m_closing = false;
    bool m_finished = false;
};

} // namespace StacScope
