#include "tests/support/httpserver.h"

#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>

#include "tests/support/httpserverconnection.h"

using namespace Qt::StringLiterals;

namespace StacScope {

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
    , m_tcpServer(new QTcpServer(this))
{
    connect(m_tcpServer, &QTcpServer::newConnection, this, &HttpServer::acceptConnections);
}

HttpServer::~HttpServer()
{
    close();
}

void HttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_tcpServer->listen(address, port);
}

void HttpServer::close()
{
    m_tcpServer->close();
    // abort() makes the connection emit finished(), which edits m_connections.
    const QList<HttpServerConnection *> connections = m_connections.values();
    for (HttpServerConnection *connection : connections)
        connection->abort();
    m_connections.clear();
}

bool HttpServer::isListening() const
{
    return m_tcpServer->isListening();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_tcpServer->serverAddress();
}

quint16 HttpServer::serverPort() const
{
    return m_tcpServer->serverPort();
}

QString HttpServer::errorString() const
{
    return m_tcpServer->errorString();
}

QUrl HttpServer::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_tcpServer->serverAddress().toString());
    url.setPort(m_tcpServer->serverPort());
    return url;
}

QUrl HttpServer::url(const QString &pathAndQuery) const
{
    return url().resolved(QUrl(pathAndQuery));
}

void HttpServer::setRecordingEnabled(bool enabled)
{
    m_recording = enabled;
}

QList<ReceivedRequest> HttpServer::requests() const
{
    QMutexLocker locker(&m_logMutex);
    return m_log;
}

qsizetype HttpServer::requestCount() const
{
    QMutexLocker locker(&m_logMutex);
    return m_log.size();
}

ReceivedRequest HttpServer::lastRequest() const
{
    QMutexLocker locker(&m_logMutex);
    return m_log.isEmpty() ? ReceivedRequest() : m_log.constLast();
}

void HttpServer::clearRequests()
{
    QMutexLocker locker(&m_logMutex);
    m_log.clear();
}

void HttpServer::handleRequest(const ReceivedRequest &request, HttpServerResponse &response)
{
    if (m_recording) {
        QMutexLocker locker(&m_logMutex);
        m_log.append(request);
    }
    Q_EMIT requestReceived(request);
    if (!m_keepAlive)
        response.setCloseConnection(true);
    if (m_handler) {
        m_handler(request, response);
    } else {
        response.respond(404, QByteArrayLiteral("no handler\n"), QByteArrayLiteral("text/plain"));
    }
}

void HttpServer::acceptConnections()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        const quint64 id = m_nextConnectionId++;
        auto *connection = new HttpServerConnection(socket, id, this);
        m_connections.insert(id, connection);
        connect(connection, &HttpServerConnection::finished, this,
            [this](quint64 finishedId) { m_connections.remove(finishedId); });
    }
}

} // namespace StacScope
