#pragma once

#include <utility>

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include "tests/support/httpserver.h"
#include "tests/support/httpstaticcontent.h"

namespace StacScope {

// Scriptable server for HTTP cases the provider emulators do not cover: canned responses per
// route, redirects, response sequences (e.g. 503 then 200), byte blobs with Range support,
// directories of files, and all HttpServerResponse::Delivery quirks (slow chunks, drops, wrong
// lengths). Routes match on the path only (the query is ignored); HEAD matches GET routes.
// Unmatched requests get 404.
class LocalHttpServer : public QObject
{
    Q_OBJECT

public:
    // One canned answer. Builders return *this so that they chain:
    //   Response::json(body).withHeader("ETag", "\"1\"").slow(100, 20)
    struct Response
    {
        int status = 200;
        QByteArray reason; // standard phrase when empty
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        HttpServerResponse::Delivery delivery;

        static Response make(int status, const QByteArray &body = {}, const QByteArray &contentType = {});
        static Response json(const QByteArray &body, int status = 200);
        static Response text(const QByteArray &body, int status = 200);

        Response &withHeader(const QByteArray &name, const QByteArray &value);
        Response &slow(qsizetype chunkSize, int intervalMs); // body in pieces, QTimer paced
        Response &chunkedEncoding(); // Transfer-Encoding: chunked framing
        Response &delayed(int ms); // nothing is written for `ms`
        Response &dropAfter(qint64 bodyBytes); // connection closed after that many body bytes
        Response &dropImmediately(); // connection closed without any response
        Response &wrongContentLength(qint64 announced); // announces this, sends the real body, closes
        Response &noContentLength(); // no length; the body ends when the server closes
        Response &closeConnection();
    };

    struct BlobOptions
    {
        QByteArray contentType = QByteArrayLiteral("application/octet-stream");
        bool rangeSupported = true;
        QByteArray etag; // quoted, e.g. "\"abc\""
        QDateTime lastModified;
        HttpServerResponse::Delivery delivery; // e.g. slow download or drop mid-body
    };

    explicit LocalHttpServer(QObject *parent = nullptr);

    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost), quint16 port = 0);
    void close();
    QUrl url() const;
    QUrl url(const QString &pathAndQuery) const;
    HttpServer *server() const { return m_server; }

    // `method` empty means any method. A later route for the same method+path replaces the earlier.
    void addRoute(const QByteArray &method, const QString &path, const Response &response);
    void addRoute(const QString &path, const Response &response) { addRoute(QByteArray(), path, response); }
    // Answers in order; the last response repeats once the list is used up.
    void addSequence(const QByteArray &method, const QString &path, const QList<Response> &responses);
    // Redirect with Location `target` (absolute, may point at another server), any method.
    void addRedirect(const QString &path, const QUrl &target, int status = 302);
    void addHandler(const QByteArray &method, const QString &path, HttpServer::Handler handler);
    void addBlob(const QString &path, const QByteArray &data, const BlobOptions &options);
    void addBlob(const QString &path, const QByteArray &data);
    // Serves files below `directory` under `urlPrefix` (e.g. "/catalog"): GET/HEAD with Range.
    void serveDirectory(const QString &urlPrefix, const QString &directory);
    void removeRoute(const QByteArray &method, const QString &path);
    // Removes all routes and served directories.
    void clearRoutes();

    // Requests that reached `path`, counting all methods (HEAD included), or one method.
    int hitCount(const QString &path) const;
    int hitCount(const QByteArray &method, const QString &path) const;

    QList<ReceivedRequest> requests() const { return m_server->requests(); }
    ReceivedRequest lastRequest() const { return m_server->lastRequest(); }
    qsizetype requestCount() const { return m_server->requestCount(); }
    void clearRequests();

Q_SIGNALS:
    void requestReceived(const StacScope::ReceivedRequest &request);

private:
    struct Route
    {
        QList<Response> responses;
        int next = 0;
        HttpServer::Handler handler;
        bool isBlob = false;
        HttpStaticContent blob;
        HttpServerResponse::Delivery blobDelivery;
    };

    static QString routeKey(const QByteArray &method, const QString &path);
    static void apply(const Response &canned, HttpServerResponse &response);
    void handle(const ReceivedRequest &request, HttpServerResponse &response);
    bool serveFromDirectory(const ReceivedRequest &request, HttpServerResponse &response);

    HttpServer *m_server = nullptr;
    QHash<QString, Route> m_routes;
    QList<std::pair<QString, QString>> m_directories; // url prefix -> directory
    QHash<QString, int> m_hits; // "METHOD path" and "path"
};

} // namespace StacScope
