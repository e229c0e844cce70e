// CapellaEmulator, part 1: the two hosts, routing, authentication (capella.md section 2) and the
// helpers the other parts share.

#include "tests/support/capellaemulator.h"

#include <algorithm>

#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QUuid>

#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/stacsearchquery.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QByteArray JsonType = QByteArrayLiteral("application/json");
constexpr int TokenLifetime = 3600;

QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A JWT-looking token (header.payload.signature), unique per call.
QString newJwt(const QString &subject)
{
    const QByteArray header = QByteArrayLiteral("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")
                                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray payload
        = QJsonDocument(QJsonObject { { "sub"_L1, subject }, { "jti"_L1, QString::fromLatin1(randomToken(12)) } })
              .toJson(QJsonDocument::Compact)
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QString::fromLatin1(header + '.' + payload + '.' + randomToken(32));
}

} // namespace

CapellaEmulator::CapellaEmulator(QObject *parent)
    : QObject(parent)
    , m_api(new HttpServer(this))
    , m_files(new HttpServer(this))
    , m_nextLinkBase(DefaultNextLinkBase.toString())
    , m_signingKey(randomToken(32))
    , m_sessionToken(QByteArray::fromBase64(randomToken(96), QByteArray::Base64UrlEncoding).toBase64())
{
    m_apiKeys.insert(DefaultApiKey.toString());
    m_tokens.insert(DefaultToken.toString(), QDateTime());
    setItems(generateItems(60));
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

CapellaEmulator::~CapellaEmulator() = default;

// ---- serving --------------------------------------------------------------------------------

bool CapellaEmulator::listen(const QHostAddress &address, quint16 basePort, const QHostAddress &filesAddress)
{
    close();
    m_errorString.clear();
    if (basePort > 65535 - 1) {
        m_errorString = u"base port %1 leaves no room for two ports"_s.arg(basePort);
        return false;
    }
    const std::pair<HttpServer *, QHostAddress> servers[] = { { m_api, address }, { m_files, filesAddress } };
    for (int i = 0; i < 2; ++i) {
        const auto &[server, host] = servers[i];
        const quint16 port = basePort == 0 ? 0 : quint16(basePort + i);
        if (!server->listen(host, port)) {
            m_errorString = u"cannot listen on %1:%2: %3"_s.arg(host.toString()).arg(port).arg(server->errorString());
            close();
            return false;
        }
    }
    return true;
}

void CapellaEmulator::close()
{
    m_api->close();
    m_files->close();
}

QUrl CapellaEmulator::apiUrl() const
{
    return m_api->url();
}

QUrl CapellaEmulator::filesUrl() const
{
    return m_files->url();
}

HttpServer *CapellaEmulator::server(Service service) const
{
    return service == Service::Api ? m_api : m_files;
}

QList<ReceivedRequest> CapellaEmulator::requests(Service service) const
{
    return server(service)->requests();
}

void CapellaEmulator::clearRequests()
{
    m_api->clearRequests();
    m_files->clearRequests();
    m_filesWithAuthorization = 0;
}

void CapellaEmulator::setRecordingEnabled(bool enabled)
{
    m_api->setRecordingEnabled(enabled);
    m_files->setRecordingEnabled(enabled);
}

void CapellaEmulator::addApiKey(const QString &key)
{
    m_apiKeys.insert(key);
}

void CapellaEmulator::revokeApiKey(const QString &key)
{
    m_apiKeys.remove(key);
}

QStringList CapellaEmulator::apiKeys() const
{
    QStringList keys(m_apiKeys.begin(), m_apiKeys.end());
    keys.sort();
    return keys;
}

void CapellaEmulator::rejectNextApiRequests(int count, int status, int retryAfterSeconds)
{
    m_rejectCount = count;
    m_rejectStatus = status;
    m_retryAfter = retryAfterSeconds;
}

QDateTime CapellaEmulator::now() const
{
    return QDateTime::currentDateTimeUtc().addSecs(m_clockOffset);
}

void CapellaEmulator::advanceClock(qint64 seconds)
{
    m_clockOffset += seconds;
}

// ---- shared helpers -------------------------------------------------------------------------

QStringList CapellaEmulator::pathSegments(const ReceivedRequest &request)
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

void CapellaEmulator::sendJson(HttpServerResponse &response, int status, const QJsonValue &body)
{
    const QJsonDocument document = body.isArray() ? QJsonDocument(body.toArray()) : QJsonDocument(body.toObject());
    response.respond(status, document.toJson(QJsonDocument::Compact), JsonType);
}

void CapellaEmulator::sendError(
    HttpServerResponse &response, int status, const QString &code, const QString &message, const QString &detail)
{
    QJsonObject error { { "message"_L1, message }, { "code"_L1, code } };
    if (!detail.isEmpty())
        error.insert("detail"_L1, detail);
    sendJson(response, status, QJsonObject { { "error"_L1, error } });
}

void CapellaEmulator::sendValidationError(HttpServerResponse &response, const ValidationError &error)
{
    sendError(response, 400, u"VALIDATION_ERROR"_s, u"Request validation failed: %1: %2"_s.arg(error.field, error.why),
        error.field + u": "_s + error.why);
}

void CapellaEmulator::sendNotFound(HttpServerResponse &response, const QString &what)
{
    sendError(response, 404, u"NOT_FOUND"_s, what + u" not found"_s);
}

void CapellaEmulator::sendMethodNotAllowed(HttpServerResponse &response)
{
    sendError(response, 405, u"METHOD_NOT_ALLOWED"_s, u"Method Not Allowed"_s);
}

bool CapellaEmulator::jsonBody(const ReceivedRequest &request, HttpServerResponse &response, QJsonObject *body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        sendValidationError(response, { u"body"_s, u"the request body must be a JSON object"_s });
        return false;
    }
    *body = document.object();
    return true;
}

QString CapellaEmulator::isoTime(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"_s);
}

QDateTime CapellaEmulator::parseTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    const QString text = value.toString().trimmed();
    if (const std::optional<qint64> ms = StacSearchQuery::parseDateTime(text, true))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    // Loose dates as the client's examples send them ("2022-12-1").
    const QDate date = QDate::fromString(text, u"yyyy-M-d"_s);
    return date.isValid() ? QDateTime(date, QTime(0, 0), Qt::UTC) : QDateTime();
}

QString CapellaEmulator::money(double usd)
{
    return u'$' + QLocale(QLocale::English, QLocale::UnitedStates).toString(usd, 'f', 2);
}

QString CapellaEmulator::newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// ---- auth -----------------------------------------------------------------------------------

bool CapellaEmulator::isAuthorized(const ReceivedRequest &request) const
{
    const QByteArray value = request.header("Authorization").trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0)
        return false;
    const QByteArray scheme = value.left(space).toLower();
    const QString credential = QString::fromUtf8(value.mid(space + 1).trimmed());
    if (scheme == "apikey")
        return m_apiKeys.contains(credential);
    if (scheme == "bearer") {
        const auto token = m_tokens.constFind(credential);
        return token != m_tokens.constEnd() && (!token->isValid() || *token > now());
    }
    return false;
}

bool CapellaEmulator::handleToken(
    const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments)
{
    // The deprecated basic-auth flow (section 2.2), kept for old clients. Returns false when the
    // route is not a token route.
    if (segments.value(0) != "token"_L1 || segments.size() > 2
        || (segments.size() == 2 && segments.at(1) != "refresh"_L1))
        return false;
    if (request.method != "POST") {
        sendMethodNotAllowed(response);
        return true;
    }
    const auto issue = [this](QJsonObject *body) {
        const QString access = newJwt(UserId.toString());
        const QString refresh = QString::fromLatin1(randomToken(32));
        m_tokens.insert(access, now().addSecs(TokenLifetime));
        m_refreshTokens.insert(refresh, access);
        body->insert("accessToken"_L1, access);
        body->insert("refreshToken"_L1, refresh);
    };
    if (segments.size() == 2) {
        QJsonObject body;
        if (!jsonBody(request, response, &body))
            return true;
        const QString refresh = body.value("refreshToken"_L1).toString();
        if (!m_refreshTokens.contains(refresh)) {
            sendJson(response, 401, QJsonObject { { "message"_L1, u"Unauthorized"_s } });
            return true;
        }
        m_refreshTokens.remove(refresh);
        QJsonObject answer;
        issue(&answer);
        sendJson(response, 200, answer);
        return true;
    }
    const QByteArray authorization = request.header("Authorization").trimmed();
    const QByteArray expected = "basic " + (Email.toString() + u':' + Password.toString()).toUtf8().toBase64();
    if (authorization.toLower().left(6) != "basic " || authorization.mid(6).trimmed() != expected.mid(6)) {
        sendJson(response, 401, QJsonObject { { "message"_L1, u"Unauthorized"_s } });
        return true;
    }
    QJsonObject answer { { "expiresIn"_L1, TokenLifetime }, { "tokenType"_L1, u"Bearer"_s } };
    issue(&answer);
    sendJson(response, 200, answer);
    return true;
}

// ---- the API host ---------------------------------------------------------------------------

void CapellaEmulator::loseAnswers(const QByteArray &method, const QString &path, int count)
{
    m_loseMethod = method;
    m_losePath = path;
    m_loseCount = count;
}

void CapellaEmulator::handleApi(const ReceivedRequest &request, HttpServerResponse &response)
{
    const QStringList segments = pathSegments(request);
    if (handleToken(request, response, segments))
        return;
    if (m_rejectCount > 0) {
        --m_rejectCount;
        if (m_rejectStatus == 429)
            response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(m_retryAfter));
        sendJson(response, m_rejectStatus,
            QJsonObject {
                { "message"_L1, m_rejectStatus == 429 ? u"Too Many Requests"_s : u"Service Unavailable"_s } });
        return;
    }
    if (!isAuthorized(request)) {
        // API Gateway's authorizer: no code (the client derives INVALID_API_KEY or INVALID_TOKEN).
        sendJson(response, 401, QJsonObject { { "message"_L1, u"Unauthorized"_s } });
        return;
    }
    syncRepeatRequests();
    const QString first = segments.value(0);
    if (first == "user"_L1 && segments.size() == 1) {
        if (request.method != "GET")
            return sendMethodNotAllowed(response);
        sendJson(response, 200,
            QJsonObject { { "id"_L1, UserId.toString() }, { "organizationId"_L1, OrganizationId.toString() },
                { "email"_L1, Email.toString() } });
    } else if (first == "keys"_L1 && segments.size() == 1) {
        if (request.method != "POST")
            return sendMethodNotAllowed(response);
        if (m_apiKeys.size() >= MaxApiKeys) {
            sendError(response, 400, u"VALIDATION_ERROR"_s,
                u"A user can hold at most %1 API keys; delete one first"_s.arg(MaxApiKeys));
            return;
        }
        const QString key = QString::fromLatin1(randomToken(30));
        m_apiKeys.insert(key);
        sendJson(response, 200,
            QJsonObject { { "id"_L1, QString::fromLatin1(randomToken(12).toLower()) },
                { "description"_L1, request.queryValue(u"description"_s) }, { "key_value"_L1, key },
                { "user_id"_L1, UserId.toString() },
                { "created_at"_L1, now().toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'000Z'"_s) } });
    } else if (first == "catalog"_L1) {
        handleCatalog(request, response, segments.mid(1));
    } else if (first == "orders"_L1) {
        handleOrders(request, response, segments.mid(1));
    } else if (first == "task"_L1 || first == "tasks"_L1 || first == "collects"_L1 || first == "tiles"_L1
        || first == "collectiontypes"_L1) {
        handleTasking(request, response, segments);
    } else if (first == "repeat-requests"_L1) {
        handleRepeat(request, response, segments.mid(1));
    } else {
        sendError(response, 404, u"NOT_FOUND"_s, u"Not Found"_s);
    }
}

} // namespace StacScope
