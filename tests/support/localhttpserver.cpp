#include "tests/support/localhttpserver.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace StacScope {

LocalHttpServer::Response LocalHttpServer::Response::make(
    int status, const QByteArray &body, const QByteArray &contentType)
{
    Response response;
    response.status = status;
    response.body = body;
    if (!contentType.isEmpty())
        response.headers.append({ QByteArrayLiteral("Content-Type"), contentType });
    return response;
}

LocalHttpServer::Response LocalHttpServer::Response::json(const QByteArray &body, int status)
{
    return make(status, body, QByteArrayLiteral("application/json"));
}

LocalHttpServer::Response LocalHttpServer::Response::text(const QByteArray &body, int status)
{
    return make(status, body, QByteArrayLiteral("text/plain; charset=utf-8"));
}

LocalHttpServer::Response &LocalHttpServer::Response::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({ name, value });
    return *this;
}

LocalHttpServer::Response &LocalHttpServer::Response::slow(qsizetype chunkSize, int intervalMs)
{
    delivery.chunkSize = chunkSize;
    delivery.chunkIntervalMs = intervalMs;
    return *this;
}

LocalHttpServer::Response &LocalHttpServer::Response::chunkedEncoding()
{
    delivery.chunkedEncoding = true;
    return *this;
}

LocalHttpServer::Response &LocalHttpServer::Response::delayed(int ms)
{
    delivery.initialDelayMs = ms;
    return *this;
}

LocalHttpServer::Response &LocalHttpServer::Response::dropAfter(qint64 bodyBytes)
{
    delivery.dropAfterBytes = bodyBytes;
    return *this;
}

LocalHttpServer::Response &LocalHttpServer::Response::dropImmediately()
{
    delivery.dropWithoutResponse = true;
    return *this;
}

LocalHttpServer::Response &LocalHttpServer::Response::wrongContentLength(qint64 announced)
{
    delivery.contentLengthOverride = announced;
    return *this;
}

LocalHttpServer::Response &LocalHttpServer::Response::noContentLength()
{
    delivery.omitContentLength = true;
    return *this;
}

LocalHttpServer::Response &LocalHttpServer::Response::closeConnection()
{
    delivery.closeConnection = true;
    return *this;
}

LocalHttpServer::LocalHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new HttpServer(this))
{
    m_server->setHandler(
        [this](const ReceivedRequest &request, HttpServerResponse &response) { handle(request, response); });
    connect(m_server, &HttpServer::requestReceived, this, &LocalHttpServer::requestReceived);
}

bool LocalHttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

void LocalHttpServer::close()
{
    m_server->close();
}

QUrl LocalHttpServer::url() const
{
    return m_server->url();
}

QUrl LocalHttpServer::url(const QString &pathAndQuery) const
{
    return m_server->url(pathAndQuery);
}

QString LocalHttpServer::routeKey(const QByteArray &method, const QString &path)
{
    return QString::fromLatin1(method.toUpper()) + u' ' + path;
}

void LocalHttpServer::addRoute(const QByteArray &method, const QString &path, const Response &response)
{
    addSequence(method, path, { response });
}

void LocalHttpServer::addSequence(const QByteArray &method, const QString &path, const QList<Response> &responses)
{
    Route route;
    route.responses = responses;
    m_routes.insert(routeKey(method, path), route);
}

void LocalHttpServer::addRedirect(const QString &path, const QUrl &target, int status)
{
    Response response = Response::make(status);
    response.headers.append({ QByteArrayLiteral("Location"), target.toEncoded() });
    addRoute(QByteArray(), path, response);
}

void LocalHttpServer::addHandler(const QByteArray &method, const QString &path, HttpServer::Handler handler)
{
    Route route;
    route.handler = std::move(handler);
    m_routes.insert(routeKey(method, path), route);
}

void LocalHttpServer::addBlob(const QString &path, const QByteArray &data, const BlobOptions &options)
{
    Route route;
    route.isBlob = true;
    route.blob.data = data;
    route.blob.contentType = options.contentType;
    route.blob.rangeSupported = options.rangeSupported;
    route.blob.etag = options.etag;
    route.blob.lastModified = options.lastModified;
    route.blobDelivery = options.delivery;
    // Blobs answer GET and HEAD; other methods reach HttpStaticContent and get 405.
    m_routes.insert(routeKey(QByteArray(), path), route);
}

void LocalHttpServer::addBlob(const QString &path, const QByteArray &data)
{
    addBlob(path, data, BlobOptions());
}

void LocalHttpServer::serveDirectory(const QString &urlPrefix, const QString &directory)
{
    QString prefix = urlPrefix;
    if (!prefix.startsWith(u'/'))
        prefix.prepend(u'/');
    while (prefix.size() > 1 && prefix.endsWith(u'/'))
        prefix.chop(1);
    m_directories.append({ prefix, QDir(directory).absolutePath() });
}

void LocalHttpServer::removeRoute(const QByteArray &method, const QString &path)
{
    m_routes.remove(routeKey(method, path));
}

void LocalHttpServer::clearRoutes()
{
    m_routes.clear();
    m_directories.clear();
}

int LocalHttpServer::hitCount(const QString &path) const
{
    return m_hits.value(path);
}

int LocalHttpServer::hitCount(const QByteArray &method, const QString &path) const
{
    return m_hits.value(routeKey(method, path));
}

void LocalHttpServer::clearRequests()
{
    m_server->clearRequests();
    m_hits.clear();
}

void LocalHttpServer::apply(const Response &canned, HttpServerResponse &response)
{
    response.setStatus(canned.status, canned.reason);
    for (const auto &[name, value] : canned.headers)
        response.addHeader(name, value);
    response.setBody(canned.body);
    response.setDelivery(canned.delivery);
}

void LocalHttpServer::handle(const ReceivedRequest &request, HttpServerResponse &response)
{
    m_hits[request.path] += 1;
    m_hits[routeKey(request.method, request.path)] += 1;

    Route *route = nullptr;
    const QList<QByteArray> candidates = request.method == "HEAD"
        ? QList<QByteArray> { QByteArrayLiteral("HEAD"), QByteArrayLiteral("GET"), QByteArray() }
        : QList<QByteArray> { request.method, QByteArray() };
    for (const QByteArray &method : candidates) {
        auto it = m_routes.find(routeKey(method, request.path));
        if (it != m_routes.end()) {
            route = &it.value();
            break;
        }
    }

    if (route == nullptr) {
        if (!serveFromDirectory(request, response))
            response.respond(404, QByteArrayLiteral("not found\n"), QByteArrayLiteral("text/plain"));
        return;
    }
    if (route->handler) {
        // Copy: the handler may add or remove routes while it runs.
        const HttpServer::Handler handler = route->handler;
        handler(request, response);
        return;
    }
    if (route->isBlob) {
        route->blob.respond(request, response);
        response.setDelivery(route->blobDelivery);
        return;
    }
    if (route->responses.isEmpty()) {
        response.setStatus(204);
        return;
    }
    const int index = std::min<int>(route->next, int(route->responses.size()) - 1);
    route->next = index + 1;
    apply(route->responses.at(index), response);
}

bool LocalHttpServer::serveFromDirectory(const ReceivedRequest &request, HttpServerResponse &response)
{
    for (const auto &[prefix, directory] : m_directories) {
        QString relative;
        if (prefix == "/"_L1)
            relative = request.path.mid(1);
        else if (request.path.startsWith(prefix + u'/'))
            relative = request.path.mid(prefix.size() + 1);
        else
            continue;
        // Never leave the served directory.
        const QStringList segments = relative.split(u'/');
        if (relative.isEmpty() || segments.contains(u".."_s) || segments.contains(u"."_s) || relative.contains(u'\\'))
            continue;
        const QString filePath = directory + u'/' + relative;
        if (!QFileInfo(filePath).isFile())
            continue;
        HttpStaticContent content;
        if (!HttpStaticContent::fromFile(filePath, &content))
            continue;
        content.respond(request, response);
        return true;
    }
    return false;
}

} // namespace StacScope
