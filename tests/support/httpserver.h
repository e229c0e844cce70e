#pragma once

#include <functional>

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QUrl>

#include "tests/support/httpserverresponse.h"
#include "tests/support/receivedrequest.h"

class QTcpServer;

namespace StacScope {

class HttpServerConnection;

// A small HTTP/1.1 server for tests, built on QTcpServer so that every byte on the wire can be
// controlled (see HttpServerResponse::Delivery). Keep-alive, pipelining, Content-Length and chunked
// request bodies, `Expect: 100-continue` and HEAD are handled. Every request is recorded.
// The server, its connections and the handler run in the thread the server lives in.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(const ReceivedRequest &request, HttpServerResponse &response)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    // Without a handler every request gets 404.
    void setHandler(Handler handler);

    // 127.0.0.1 and a free port by default. Any 127.x.y.z works on Linux, e.g. 127.0.0.2 as a
    // "second host" for cross-host redirects.
    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost), quint16 port = 0);
    // Stops listening and drops all open connections.
    void close();
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    QString errorString() const;
    // "http://127.0.0.1:PORT" (no path).
    QUrl url() const;
    // url() plus a path that may carry a query: url(u"/a/b?x=1"_s).
    QUrl url(const QString &pathAndQuery) const;

    // When disabled every response carries "Connection: close".
    void setKeepAliveEnabled(bool enabled) { m_keepAlive = enabled; }
    bool isKeepAliveEnabled() const { return m_keepAlive; }

    // The log is on by default; a long-running standalone server turns it off.
    void setRecordingEnabled(bool enabled);
    QList<ReceivedRequest> requests() const;
    qsizetype requestCount() const;
    ReceivedRequest lastRequest() const;
    void clearRequests();

    int openConnectionCount() const { return int(m_connections.size()); }
    quint64 acceptedConnectionCount() const { return m_nextConnectionId - 1; }

Q_SIGNALS:
    // Emitted for every complete request, before the handler runs.
    void requestReceived(const StacScope::ReceivedRequest &request);

private:
    friend class HttpServerConnection;
    void handleRequest(const ReceivedRequest &request, HttpServerResponse &response);
    void acceptConnections();

    QTcpServer *m_tcpServer = nullptr;
    Handler m_handler;
    QHash<quint64, HttpServerConnection *> m_connections;
    quint64 m_nextConnectionId = 1;
    bool m_keepAlive = true;
    bool m_recording = true;
    mutable QMutex m_logMutex; // the log may be read from another thread than the server's
    QList<ReceivedRequest> m_log;
};

} // namespace StacScope
