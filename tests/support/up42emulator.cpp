// Up42Emulator, part 1: the three servers, Keycloak on the auth host, the API's Bearer check and
// routing, and the helpers the other parts share (problem+json, Spring Data pages).

#include "tests/support/up42emulator.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

bool isSafeHost(const QByteArray &host)
{
    // Goes verbatim into JSON strings and URLs.
    return !host.isEmpty() && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
            || c == ':' || c == '[' || c == ']' || c == '_';
    });
}

QJsonValue valueAt(const QJsonObject &object, const QString &path)
{
    QJsonValue value = object;
    const QStringList parts = path.split(u'.');
    for (const QString &part : parts)
        value = value.toObject().value(part);
    return value;
}

// Postgres order: NULLS LAST ascending, NULLS FIRST descending.
int compareValues(const QJsonValue &a, const QJsonValue &b)
{
    const bool aNull = a.isNull() || a.isUndefined();
    const bool bNull = b.isNull() || b.isUndefined();
    if (aNull || bNull)
        return aNull == bNull ? 0 : (aNull ? 1 : -1);
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : (a.toDouble() > b.toDouble() ? 1 : 0);
    if (a.isBool() && b.isBool())
        return int(a.toBool()) - int(b.toBool());
    const QString as = a.isString() ? a.toString() : QString::fromUtf8(QJsonDocument(QJsonArray { a }).toJson());
    const QString bs = b.isString() ? b.toString() : QString::fromUtf8(QJsonDocument(QJsonArray { b }).toJson());
    return as.compare(bs);
}

} // namespace

Up42Emulator::Up42Emulator(QObject *parent)
    : QObject(parent)
    , m_auth(new HttpServer(this))
    , m_api(new HttpServer(this))
    , m_files(new HttpServer(this))
    , m_signingKey(QUuid::createUuid().toRfc4122().toHex())
{
    m_users.insert(Username.toString(), Password.toString());
    buildDataset();
    m_auth->setHandler(
        [this](const ReceivedRequest &request, HttpServerResponse &response) { handleAuth(request, response); });
    m_api->setHandler([this](const ReceivedRequest &request, HttpServerResponse &response) {
        handleApi(request, response);
        if (m_loseCount > 0 && request.method == m_loseMethod && request.path == m_losePath) {
            --m_loseCount;
            response.setDropWithoutResponse(true);
        }
    });
    m_files->setHandler(
        [this](const ReceivedRequest &request, HttpServerResponse &response) { handleFiles(request, response); });
}

Up42Emulator::~Up42Emulator() = default;

// ---- serving --------------------------------------------------------------------------------

bool Up42Emulator::listen(const QHostAddress &address, quint16 basePort, const QHostAddress &filesAddress)
{
    close();
    m_errorString.clear();
    if (basePort > 65535 - 2) {
        m_errorString = u"base port %1 leaves no room for three ports"_s.arg(basePort);
        return false;
    }
    const std::array<std::pair<HttpServer *, QHostAddress>, 3> servers { { { m_auth, address }, { m_api, address },
        { m_files, filesAddress } } };
    for (std::size_t i = 0; i < servers.size(); ++i) {
        const auto &[server, host] = servers.at(i);
        const quint16 port = basePort == 0 ? 0 : quint16(basePort + i);
        if (!server->listen(host, port)) {
            m_errorString = u"cannot listen on %1:%2: %3"_s.arg(host.toString()).arg(port).arg(server->errorString());
            close();
            return false;
        }
    }
    return true;
}

void Up42Emulator::close()
{
    m_auth->close();
    m_api->close();
    m_files->close();
}

QUrl Up42Emulator::authUrl() const
{
    return m_auth->url(AuthPath.toString());
}

QUrl Up42Emulator::tokenUrl() const
{
    return m_auth->url(AuthPath.toString() + u"/token"_s);
}

QUrl Up42Emulator::userinfoUrl() const
{
    return m_auth->url(AuthPath.toString() + u"/userinfo"_s);
}

QUrl Up42Emulator::apiUrl() const
{
    return m_api->url();
}

QUrl Up42Emulator::storageStacUrl() const
{
    return m_api->url(u"/v2/assets/stac/"_s);
}

QUrl Up42Emulator::filesUrl() const
{
    return m_files->url();
}

HttpServer *Up42Emulator::server(Service service) const
{
    switch (service) {
    case Service::Auth:
        return m_auth;
    case Service::Api:
        return m_api;
    case Service::Files:
        return m_files;
    }
    return nullptr;
}

QList<ReceivedRequest> Up42Emulator::requests(Service service) const
{
    return server(service)->requests();
}

void Up42Emulator::clearRequests()
{
    for (HttpServer *server : { m_auth, m_api, m_files })
        server->clearRequests();
    m_tokenRequestGrants.clear();
}

int Up42Emulator::tokenRequestCount(const QString &grantType) const
{
    return int(grantType.isEmpty() ? m_tokenRequestGrants.size() : m_tokenRequestGrants.count(grantType));
}

void Up42Emulator::setRecordingEnabled(bool enabled)
{
    for (HttpServer *server : { m_auth, m_api, m_files })
        server->setRecordingEnabled(enabled);
}

void Up42Emulator::loseAnswers(const QByteArray &method, const QString &path, int count)
{
    m_loseMethod = method;
    m_losePath = path;
    m_loseCount = count;
}

// ---- configuration --------------------------------------------------------------------------

void Up42Emulator::addUser(const QString &username, const QString &password)
{
    m_users.insert(username.toLower(), password);
}

void Up42Emulator::setTokenLifetime(int seconds)
{
    m_tokenLifetime = seconds;
}

void Up42Emulator::setRefreshTokenLifetime(int seconds)
{
    m_refreshLifetime = seconds;
}

void Up42Emulator::revokeTokens()
{
    m_tokens.clear();
    m_refreshTokens.clear();
}

QDateTime Up42Emulator::now() const
{
    return QDateTime::currentDateTimeUtc().addSecs(m_clockOffset);
}

void Up42Emulator::advanceClock(qint64 seconds)
{
    m_clockOffset += seconds;
}

void Up42Emulator::dropFilesAfter(qint64 bytes, int count)
{
    m_dropAfterBytes = bytes;
    m_dropCount = count;
}

void Up42Emulator::setFilePacing(qsizetype chunkSize, int intervalMs)
{
    m_paceChunk = chunkSize;
    m_paceIntervalMs = intervalMs;
}

// ---- the API host ---------------------------------------------------------------------------

void Up42Emulator::handleApi(const ReceivedRequest &request, HttpServerResponse &response)
{
    if (bearer(request) == nullptr) {
        const bool sent = request.hasHeader("Authorization");
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"),
            sent ? QByteArrayLiteral("Bearer error=\"invalid_token\", error_description=\"The access token is "
                                     "expired, revoked or malformed\"")
                 : QByteArrayLiteral("Bearer"));
        sendProblem(response, 401,
            sent ? u"The access token is expired, revoked or malformed"_s
                 : u"Full authentication is required to access this resource"_s,
            request);
        return;
    }
    advanceOrders();
    const QStringList s = pathSegments(request);
    if (s.value(0) == "v2"_L1) {
        const QString family = s.value(1);
        if (family == "orders"_L1)
            handleOrders(request, response, s.mid(2));
        else if (family == "assets"_L1 && s.value(2) == "stac"_L1)
            handleStac(request, response, s.mid(3));
        else if (family == "assets"_L1)
            handleAssets(request, response, s.mid(2));
        else if (family == "collections"_L1 && s.size() == 2)
            handleCollections(request, response);
        else if (family == "tasking"_L1)
            handleTasking(request, response, s.mid(2));
        else
            sendProblem(
                response, 404, u"No endpoint %1 %2."_s.arg(QString::fromLatin1(request.method), request.path), request);
        return;
    }
    if (s.size() == 3 && s.at(0) == "orders"_L1 && s.at(1) == "schema"_L1) {
        handleSchema(request, response, s.at(2));
        return;
    }
    if (s.value(0) == "catalog"_L1) {
        handleCatalog(request, response, s.mid(1));
        return;
    }
    sendProblem(response, 404, u"No endpoint %1 %2."_s.arg(QString::fromLatin1(request.method), request.path), request);
}

// ---- shared helpers -------------------------------------------------------------------------

QByteArray Up42Emulator::originFor(const ReceivedRequest &request, Service service) const
{
    const QByteArray host = request.header("Host");
    if (isSafeHost(host))
        return "http://" + host;
    return server(service)->url().toEncoded();
}

QStringList Up42Emulator::pathSegments(const ReceivedRequest &request)
{
    // Decoded one by one so that an encoded '/' stays inside its segment.
    const qsizetype queryStart = request.target.indexOf('?');
    const QByteArray rawPath = queryStart < 0 ? request.target : request.target.left(queryStart);
    QStringList segments;
    const QList<QByteArray> rawSegments = rawPath.split('/');
    for (const QByteArray &segment : rawSegments) {
        if (!segment.isEmpty())
            segments.append(QUrl::fromPercentEncoding(segment));
    }
    return segments;
}

// application/x-www-form-urlencoded, as Keycloak and Spring read it ('+' is a space).
QList<std::pair<QString, QString>> Up42Emulator::formItems(const QByteArray &encoded)
{
    QList<std::pair<QString, QString>> items;
    const QList<QByteArray> pairs = encoded.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const auto decode = [](QByteArray text) { return QUrl::fromPercentEncoding(text.replace('+', ' ')); };
        items.append({ decode(equals < 0 ? pair : pair.left(equals)),
            decode(equals < 0 ? QByteArray() : pair.mid(equals + 1)) });
    }
    return items;
}

QStringList Up42Emulator::listParam(const ReceivedRequest &request, const QString &key)
{
    QStringList values;
    const QList<std::pair<QString, QString>> items = formItems(request.rawQuery);
    for (const auto &[name, value] : items) {
        if (name != key)
            continue;
        const QStringList parts = value.split(u',');
        for (const QString &part : parts) {
            if (!part.trimmed().isEmpty())
                values.append(part.trimmed());
        }
    }
    return values;
}

QString Up42Emulator::param(const ReceivedRequest &request, const QString &key)
{
    const QList<std::pair<QString, QString>> items = formItems(request.rawQuery);
    for (const auto &[name, value] : items) {
        if (name == key)
            return value;
    }
    return {};
}

void Up42Emulator::sendJson(HttpServerResponse &response, int status, const QJsonValue &body, const QByteArray &type)
{
    const QByteArray bytes = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    response.respond(status, bytes, type);
}

void Up42Emulator::sendProblem(
    HttpServerResponse &response, int status, const QString &detail, const ReceivedRequest &request)
{
    sendJson(response, status,
        QJsonObject { { "type"_L1, u"about:blank"_s },
            { "title"_L1, QString::fromLatin1(HttpServerResponse::standardReason(status)) }, { "status"_L1, status },
            { "detail"_L1, detail }, { "instance"_L1, request.path } },
        QByteArrayLiteral("application/problem+json"));
}

void Up42Emulator::sendMethodNotAllowed(
    HttpServerResponse &response, const ReceivedRequest &request, const QByteArray &allowed)
{
    response.setHeader(QByteArrayLiteral("Allow"), allowed);
    sendProblem(response, 405,
        u"Request method '%1' is not supported; allowed: %2"_s.arg(
            QString::fromLatin1(request.method), QString::fromLatin1(allowed)),
        request);
}

std::optional<QJsonObject> Up42Emulator::jsonBody(
    const ReceivedRequest &request, HttpServerResponse &response, bool mergePatch)
{
    const QByteArray type = request.header("Content-Type").toLower();
    const QByteArray wanted
        = mergePatch ? QByteArrayLiteral("application/merge-patch+json") : QByteArrayLiteral("application/json");
    if (!type.startsWith(wanted)) {
        sendProblem(response, 415,
            u"Content-Type '%1' is not supported; use %2"_s.arg(QString::fromLatin1(type), QString::fromLatin1(wanted)),
            request);
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (!document.isObject()) {
        sendProblem(response, 400,
            u"Failed to read request: %1"_s.arg(
                error.error == QJsonParseError::NoError ? u"not a JSON object"_s : error.errorString()),
            request);
        return std::nullopt;
    }
    return document.object();
}

bool Up42Emulator::sendSpringPage(const ReceivedRequest &request, HttpServerResponse &response,
    QList<QJsonObject> items, const QStringList &sortable, const Sort &defaultSort)
{
    // Spring Data's resolver is lenient: a page below 0 or not a number is 0, a size below 1 or
    // not a number is 20, sizes above 2000 are 2000 [I].
    bool ok = false;
    int page = param(request, u"page"_s).toInt(&ok);
    if (!ok || page < 0)
        page = 0;
    int size = param(request, u"size"_s).toInt(&ok);
    if (!ok || size < 1)
        size = 20;
    size = std::min(size, 2000);

    QList<Sort> sorts;
    const QList<std::pair<QString, QString>> query = formItems(request.rawQuery);
    for (const auto &[name, value] : query) {
        if (name != "sort"_L1 || value.trimmed().isEmpty())
            continue;
        QStringList parts = value.split(u',', Qt::SkipEmptyParts);
        bool descending = false;
        const QString last = parts.last().trimmed().toLower();
        if (parts.size() > 1 && (last == "asc"_L1 || last == "desc"_L1)) {
            descending = last == "desc"_L1;
            parts.removeLast();
        }
        for (const QString &part : std::as_const(parts)) {
            const QString field = part.trimmed();
            if (!sortable.contains(field)) {
                sendProblem(response, 400,
                    u"No property '%1' found for sorting; sortable: %2"_s.arg(field, sortable.join(u", "_s)), request);
                return false;
            }
            sorts.append(Sort { field, descending });
        }
    }
    const bool explicitSort = !sorts.isEmpty();
    if (!explicitSort)
        sorts.append(defaultSort);
    std::stable_sort(items.begin(), items.end(), [&sorts](const QJsonObject &a, const QJsonObject &b) {
        for (const Sort &sort : sorts) {
            const QJsonValue va = valueAt(a, sort.field);
            const QJsonValue vb = valueAt(b, sort.field);
            const int ascending = compareValues(va, vb);
            const int result = sort.descending ? -ascending : ascending; // NULLS FIRST when descending
            if (result != 0)
                return result < 0;
        }
        return false;
    });

    const qsizetype total = items.size();
    const qsizetype begin = std::min<qsizetype>(qsizetype(page) * size, total);
    const qsizetype end = std::min<qsizetype>(begin + size, total);
    QJsonArray content;
    for (qsizetype i = begin; i < end; ++i)
        content.append(items.at(i));
    const int totalPages = int((total + size - 1) / size);
    const QJsonObject sortState { { "empty"_L1, false }, { "sorted"_L1, true }, { "unsorted"_L1, false } };
    sendJson(response, 200,
        QJsonObject {
            { "content"_L1, content },
            { "pageable"_L1,
                QJsonObject { { "sort"_L1, sortState }, { "offset"_L1, qint64(page) * size }, { "pageNumber"_L1, page },
                    { "pageSize"_L1, size }, { "paged"_L1, true }, { "unpaged"_L1, false } } },
            { "last"_L1, page + 1 >= totalPages },
            { "totalPages"_L1, totalPages },
            { "totalElements"_L1, qint64(total) },
            { "size"_L1, size },
            { "number"_L1, page },
            { "sort"_L1, sortState },
            { "first"_L1, page == 0 },
            { "numberOfElements"_L1, qint64(end - begin) },
            { "empty"_L1, end == begin },
        });
    return true;
}

QString Up42Emulator::isoTime(const QDateTime &time)
{
    // Microseconds only when there are any, UTC as "Z" (as the API renders Instants).
    const QDateTime utc = time.toUTC();
    QString text = utc.toString(u"yyyy-MM-dd'T'HH:mm:ss"_s);
    if (utc.time().msec() != 0)
        text += u".%1"_s.arg(utc.time().msec() * 1000, 6, 10, QChar(u'0'));
    return text + u'Z';
}

QJsonObject Up42Emulator::polygon(const GeoBox &box)
{
    const auto at = [](double lon, double lat) {
        return QJsonArray { std::round(lon * 1e6) / 1e6, std::round(lat * 1e6) / 1e6 };
    };
    return QJsonObject { { "type"_L1, u"Polygon"_s },
        { "coordinates"_L1,
            QJsonArray { QJsonValue(QJsonArray { at(box.west, box.south), at(box.east, box.south),
                at(box.east, box.north), at(box.west, box.north), at(box.west, box.south) }) } } };
}

QString Up42Emulator::uuidFor(const QString &name)
{
    static const QUuid ns(u"6ba7b811-9dad-11d1-80b4-00c04fd430c8"_s); // the URL namespace
    return QUuid::createUuidV5(ns, u"up42-emulator:"_s + name).toString(QUuid::WithoutBraces);
}

} // namespace StacScope
