#include "tests/support/satellogicemulator.h"

#include <algorithm>
#include <array>

#include <QJsonDocument>
#include <QMap>
#include <QRandomGenerator>

#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/stacemulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QByteArray JsonType = QByteArrayLiteral("application/json");

QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool isSafeHost(const QByteArray &host)
{
    // Goes verbatim into JSON strings and URLs.
    return !host.isEmpty() && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
            || c == ':' || c == '[' || c == ']' || c == '_';
    });
}

// Python's urllib.parse.quote_plus, which Django REST framework's paging links go through.
QString quotePlus(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value).replace("%20", "+"));
}

// Auth0's error body.
void sendOAuthError(HttpServerResponse &response, int status, const QString &error, const QString &description)
{
    response.respond(status,
        QJsonDocument(QJsonObject { { "error"_L1, error }, { "error_description"_L1, description } })
            .toJson(QJsonDocument::Compact),
        JsonType);
}

// API Gateway's own answers (authorizer, unknown route) carry the error type in a header.
void sendGatewayError(HttpServerResponse &response, int status, const QString &message, const QByteArray &errorType)
{
    response.setHeader(QByteArrayLiteral("x-amzn-ErrorType"), errorType);
    response.respond(
        status, QJsonDocument(QJsonObject { { "message"_L1, message } }).toJson(QJsonDocument::Compact), JsonType);
}

} // namespace

SatellogicEmulator::SatellogicEmulator(QObject *parent)
    : QObject(parent)
    , m_auth(new HttpServer(this))
    , m_accounts(new HttpServer(this))
    , m_api(new HttpServer(this))
    , m_files(new HttpServer(this))
    , m_archive(new StacEmulator(this))
    , m_signingKey(randomToken(32))
{
    addClient(DefaultClientId.toString(), DefaultClientSecret.toString());
    addClient(LegacyClientId.toString(), LegacyClientSecret.toString(), true);
    m_contracts = defaultContracts();

    m_archive->setBasePath(u"/archive/stac"_s);
    // The next link of a POST search carries a token in its body (satellogic.md section 3).
    m_archive->setPagingMode(StacEmulator::PagingMode::PostMerge);
    m_archive->setCatalogInfo(u"satellogic-archive"_s, u"Satellogic archive (emulated)"_s);
    m_archive->server()->setRecordingEnabled(false); // the embedded API is reached through m_api
    buildArchive(QUrl(u"https://api.satellogic.com"_s));

    m_auth->setHandler(
        [this](const ReceivedRequest &request, HttpServerResponse &response) { handleAuth(request, response); });
    m_accounts->setHandler(
        [this](const ReceivedRequest &request, HttpServerResponse &response) { handleAccounts(request, response); });
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

SatellogicEmulator::~SatellogicEmulator() = default;

// ---- serving --------------------------------------------------------------------------------

bool SatellogicEmulator::listen(const QHostAddress &address, quint16 basePort, const QHostAddress &filesAddress)
{
    close();
    m_errorString.clear();
    if (basePort > 65535 - 3) {
        m_errorString = u"base port %1 leaves no room for four ports"_s.arg(basePort);
        return false;
    }
    const std::array<std::pair<HttpServer *, QHostAddress>, 4> servers { { { m_auth, address }, { m_accounts, address },
        { m_api, address }, { m_files, filesAddress } } };
    for (std::size_t i = 0; i < servers.size(); ++i) {
        const auto &[server, host] = servers.at(i);
        const quint16 port = basePort == 0 ? 0 : quint16(basePort + i);
        if (!server->listen(host, port)) {
            m_errorString = u"cannot listen on %1:%2: %3"_s.arg(host.toString()).arg(port).arg(server->errorString());
            close();
            return false;
        }
    }
    // Asset hrefs and the archive's links name the API origin, now that it is known.
    buildArchive(apiUrl());
    m_archive->setPublicBaseUrl(apiUrl());
    return true;
}

void SatellogicEmulator::close()
{
    m_auth->close();
    m_accounts->close();
    m_api->close();
    m_files->close();
}

QUrl SatellogicEmulator::authUrl() const
{
    return m_auth->url();
}

QUrl SatellogicEmulator::accountsUrl() const
{
    return m_accounts->url();
}

QUrl SatellogicEmulator::apiUrl() const
{
    return m_api->url();
}

QUrl SatellogicEmulator::filesUrl() const
{
    return m_files->url();
}

HttpServer *SatellogicEmulator::server(Service service) const
{
    switch (service) {
    case Service::Auth:
        return m_auth;
    case Service::Accounts:
        return m_accounts;
    case Service::Api:
        return m_api;
    case Service::Files:
        return m_files;
    }
    return nullptr;
}

QList<ReceivedRequest> SatellogicEmulator::requests(Service service) const
{
    return server(service)->requests();
}

void SatellogicEmulator::clearRequests()
{
    for (HttpServer *server : { m_auth, m_accounts, m_api, m_files })
        server->clearRequests();
    m_tokenRequestAudiences.clear();
}

int SatellogicEmulator::tokenRequestCount(const QString &audience) const
{
    if (audience.isEmpty())
        return int(m_tokenRequestAudiences.size());
    return int(m_tokenRequestAudiences.count(audience));
}

void SatellogicEmulator::setRecordingEnabled(bool enabled)
{
    for (HttpServer *server : { m_auth, m_accounts, m_api, m_files })
        server->setRecordingEnabled(enabled);
}

// ---- configuration --------------------------------------------------------------------------

void SatellogicEmulator::addClient(const QString &clientId, const QString &secret, bool legacy)
{
    m_clients.insert(clientId, Client { secret, legacy });
}

void SatellogicEmulator::removeClient(const QString &clientId)
{
    m_clients.remove(clientId);
}

void SatellogicEmulator::setTokenLifetime(int seconds)
{
    m_tokenLifetime = seconds;
}

void SatellogicEmulator::revokeTokens()
{
    m_tokens.clear();
}

QDateTime SatellogicEmulator::now() const
{
    return QDateTime::currentDateTimeUtc().addSecs(m_clockOffset);
}

void SatellogicEmulator::advanceClock(qint64 seconds)
{
    m_clockOffset += seconds;
}

QList<QJsonObject> SatellogicEmulator::defaultContracts()
{
    // Seed 002's response with its missing commas restored; the first contract may search the
    // two emulated archive collections.
    const auto contract = [](const QString &id, const QString &name, const QJsonValue &archive) {
        return QJsonObject {
            { "contract_id"_L1, id },
            { "name"_L1, name },
            { "account"_L1, u"acct.64762159-1df5-4599-9916-79f9f78d8fb8"_s },
            { "archive_configuration"_L1, archive },
            { "tasking_configuration"_L1, QJsonObject { { "has_credentials"_L1, true } } },
            { "created_at"_L1, u"2024-10-25T10:27:56.152557"_s },
            { "updated_at"_L1, u"2024-10-25T10:28:50.295054"_s },
            { "status"_L1, u"ACTIVE"_s },
        };
    };
    const QJsonObject archive {
        { "restrictions"_L1, QJsonArray { u"archive-restriction-1"_s, u"archive-restriction-2"_s } },
        { "collections"_L1, QJsonArray { u"quickview-visual-thumb"_s, u"l1d-sr"_s } },
    };
    return { contract(FirstContractId.toString(), u"First contract"_s, archive),
        contract(SecondContractId.toString(), u"Second contract"_s, QJsonValue(QJsonValue::Null)) };
}

void SatellogicEmulator::setContracts(const QList<QJsonObject> &contracts)
{
    m_contracts = contracts;
}

void SatellogicEmulator::setPageSize(int n)
{
    m_pageSize = std::max(1, n);
}

void SatellogicEmulator::setTaskTimings(int inProgressAfter, int completedAfter)
{
    m_inProgressAfter = std::max(0, inProgressAfter);
    m_completedAfter = std::max(m_inProgressAfter, completedAfter);
}

void SatellogicEmulator::setDeliverySize(qint64 bytes)
{
    m_deliverySize = std::max<qint64>(0, bytes);
    m_deliveryCache.clear();
}

void SatellogicEmulator::setLinkLifetime(int seconds)
{
    m_linkLifetime = seconds;
}

void SatellogicEmulator::dropFilesAfter(qint64 bytes, int count)
{
    m_dropAfterBytes = bytes;
    m_dropCount = count;
}

void SatellogicEmulator::setFilePacing(qsizetype chunkSize, int intervalMs)
{
    m_paceChunk = chunkSize;
    m_paceIntervalMs = intervalMs;
}

// ---- shared helpers -------------------------------------------------------------------------

QStringList SatellogicEmulator::pathSegments(const ReceivedRequest &request)
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

QList<std::pair<QString, QString>> SatellogicEmulator::formQueryItems(const ReceivedRequest &request)
{
    QList<std::pair<QString, QString>> items;
    const QList<QByteArray> pairs = request.rawQuery.split('&');
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

QString SatellogicEmulator::formValue(const ReceivedRequest &request, const QString &key)
{
    QString value;
    const QList<std::pair<QString, QString>> items = formQueryItems(request);
    for (const auto &[name, itemValue] : items) {
        if (name == key)
            value = itemValue;
    }
    return value;
}

void SatellogicEmulator::sendJson(HttpServerResponse &response, int status, const QJsonObject &body)
{
    response.respond(status, QJsonDocument(body).toJson(QJsonDocument::Compact), JsonType);
}

void SatellogicEmulator::sendMethodNotAllowed(
    HttpServerResponse &response, const ReceivedRequest &request, const QByteArray &allowed)
{
    // Django REST framework's wording.
    response.setHeader(QByteArrayLiteral("Allow"), allowed);
    sendJson(
        response, 405, { { "detail"_L1, u"Method \"%1\" not allowed."_s.arg(QString::fromLatin1(request.method)) } });
}

QByteArray SatellogicEmulator::originFor(const ReceivedRequest &request, Service service) const
{
    // Django builds absolute URLs from the Host header.
    const QByteArray host = request.header("Host");
    if (isSafeHost(host))
        return "http://" + host;
    return server(service)->url().toEncoded();
}

QJsonObject SatellogicEmulator::djangoPage(
    const ReceivedRequest &request, const QByteArray &origin, const QJsonArray &results) const
{
    // LimitOffsetPagination: a limit that is not a positive integer means the default, an
    // offset that is not a non-negative integer means 0.
    bool ok = false;
    qsizetype limit = formValue(request, u"limit"_s).toLongLong(&ok);
    if (!ok || limit <= 0)
        limit = m_pageSize;
    qsizetype offset = formValue(request, u"offset"_s).toLongLong(&ok);
    if (!ok || offset < 0)
        offset = 0;
    const qsizetype count = results.size();

    // replace_query_param(): the request's own URL with its query re-encoded, keys sorted.
    const qsizetype queryStart = request.target.indexOf('?');
    const QByteArray path = queryStart < 0 ? request.target : request.target.left(queryStart);
    const auto link = [&](qsizetype linkOffset) -> QJsonValue {
        QMap<QString, QStringList> items;
        const QList<std::pair<QString, QString>> original = formQueryItems(request);
        for (const auto &[key, value] : original)
            items[key].append(value);
        items[u"limit"_s] = QStringList { QString::number(limit) };
        if (linkOffset > 0)
            items[u"offset"_s] = QStringList { QString::number(linkOffset) };
        else
            items.remove(u"offset"_s);
        QStringList parts;
        for (auto it = items.constBegin(); it != items.constEnd(); ++it) {
            for (const QString &value : it.value())
                parts.append(quotePlus(it.key()) + u'=' + quotePlus(value));
        }
        return QString(QString::fromUtf8(origin + path) + u'?' + parts.join(u'&'));
    };

    QJsonArray page;
    for (qsizetype i = offset; i < std::min(count, offset + limit); ++i)
        page.append(results.at(i));
    return QJsonObject {
        { "count"_L1, double(count) },
        { "next"_L1, offset + limit >= count ? QJsonValue(QJsonValue::Null) : link(offset + limit) },
        { "previous"_L1, offset <= 0 ? QJsonValue(QJsonValue::Null) : link(std::max<qsizetype>(0, offset - limit)) },
        { "results"_L1, page },
    };
}

QString SatellogicEmulator::isoTime(const QDateTime &time)
{
    // Django's rendering: microseconds only when there are any, UTC as "Z".
    const QDateTime utc = time.toUTC();
    QString text = utc.toString(u"yyyy-MM-dd'T'HH:mm:ss"_s);
    if (utc.time().msec() != 0)
        text += u".%1"_s.arg(utc.time().msec() * 1000, 6, 10, QChar(u'0'));
    return text + u'Z';
}

const QJsonObject *SatellogicEmulator::findContract(const QString &contractId) const
{
    for (const QJsonObject &contract : m_contracts) {
        if (contract.value("contract_id"_L1).toString() == contractId)
            return &contract;
    }
    return nullptr;
}

const SatellogicEmulator::Token *SatellogicEmulator::validToken(
    const QByteArray &authorizationValue, const QString &audience) const
{
    const QByteArray value = authorizationValue.trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).toLower() != "bearer")
        return nullptr;
    const auto it = m_tokens.constFind(QString::fromLatin1(value.mid(space + 1).trimmed()));
    if (it == m_tokens.constEnd() || it->audience != audience || it->expires <= now())
        return nullptr;
    return &it.value();
}

// ---- auth host ------------------------------------------------------------------------------

void SatellogicEmulator::handleAuth(const ReceivedRequest &request, HttpServerResponse &response)
{
    if (pathSegments(request) != QStringList { u"oauth"_s, u"token"_s }) {
        sendOAuthError(response, 404, u"not_found"_s, u"Not Found"_s);
        return;
    }
    if (request.method != "POST") {
        response.setHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("POST"));
        sendOAuthError(response, 405, u"invalid_request"_s, u"Method not allowed; use POST"_s);
        return;
    }
    const QByteArray contentType = request.header("Content-Type").toLower();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    const bool json = contentType.startsWith("application/json") && document.isObject();
    const QJsonObject body = document.object();
    // Counted by the audience the client asked for, whatever the outcome.
    const QString audience = json
        ? body.value("audience"_L1).toString()
        : QUrlQuery(QString::fromUtf8(request.body)).queryItemValue(u"audience"_s, QUrl::FullyDecoded);
    m_tokenRequestAudiences.append(audience);

    // Satellogic documents a JSON body only (seed 002); a form body would work with plain Auth0,
    // so the emulator refuses it to keep clients on the documented request.
    if (!json) {
        sendOAuthError(response, 400, u"invalid_request"_s,
            contentType.startsWith("application/json")
                ? u"The request body is not a JSON object"_s
                : u"Unsupported Content-Type; send a JSON body with Content-Type: application/json"_s);
        return;
    }
    const QString grantType = body.value("grant_type"_L1).toString();
    if (grantType.isEmpty()) {
        sendOAuthError(response, 400, u"invalid_request"_s, u"Missing required parameter: grant_type"_s);
        return;
    }
    if (grantType != "client_credentials"_L1) {
        sendOAuthError(response, 400, u"unsupported_grant_type"_s, u"Unsupported grant type: %1"_s.arg(grantType));
        return;
    }
    const QString clientId = body.value("client_id"_L1).toString();
    const auto client = m_clients.constFind(clientId);
    if (clientId.isEmpty() || client == m_clients.constEnd()
        || client->secret != body.value("client_secret"_L1).toString()) {
        sendOAuthError(response, 401, u"access_denied"_s, u"Unauthorized"_s);
        return;
    }
    QString scope;
    if (audience.isEmpty()) {
        sendOAuthError(response, 403, u"access_denied"_s,
            u"No audience parameter was provided, and no default audience has been configured"_s);
        return;
    } else if (audience == ApiAudience) {
        scope = u"api:tasking api:delivery"_s;
    } else if (audience == AccountsAudience) {
        scope = u"accounts:principals:profile accounts:contracts:read"_s;
    } else {
        sendOAuthError(response, 403, u"access_denied"_s, u"Service not enabled within domain: %1"_s.arg(audience));
        return;
    }

    const QString token = QString::fromLatin1(randomToken(48));
    m_tokens.insert(token, Token { audience, clientId, client->legacy, now().addSecs(m_tokenLifetime) });
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.setHeader(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
    sendJson(response, 200,
        { { "access_token"_L1, token }, { "scope"_L1, scope }, { "expires_in"_L1, m_tokenLifetime },
            { "token_type"_L1, u"Bearer"_s } });
}

// ---- accounts host --------------------------------------------------------------------------

void SatellogicEmulator::handleAccounts(const ReceivedRequest &request, HttpServerResponse &response)
{
    if (pathSegments(request) != QStringList { u"v2"_s, u"my"_s, u"contracts"_s }) {
        sendJson(response, 404, { { "detail"_L1, u"Not found."_s } });
        return;
    }
    if (request.method != "GET" && request.method != "HEAD") {
        sendMethodNotAllowed(response, request, QByteArrayLiteral("GET, HEAD, OPTIONS"));
        return;
    }
    // The standard Authorization header here, unlike the API gateway (seed 002 warns about it).
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty() || !authorization.toLower().startsWith("bearer ")) {
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"api\""));
        sendJson(response, 401, { { "detail"_L1, u"Authentication credentials were not provided."_s } });
        return;
    }
    const Token *token = validToken(authorization, AccountsAudience.toString());
    if (token == nullptr) {
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"api\""));
        sendJson(response, 401, { { "detail"_L1, u"Invalid token."_s } });
        return;
    }
    if (token->legacy) {
        // Legacy credentials have no contracts to choose from (seed 002).
        sendJson(response, 403, { { "detail"_L1, u"You do not have permission to perform this action."_s } });
        return;
    }
    QJsonArray results;
    for (const QJsonObject &contract : std::as_const(m_contracts))
        results.append(contract);
    sendJson(response, 200, djangoPage(request, originFor(request, Service::Accounts), results));
}

// ---- API gateway ----------------------------------------------------------------------------

void SatellogicEmulator::loseAnswers(const QByteArray &method, const QString &path, int count)
{
    m_loseMethod = method;
    m_losePath = path;
    m_loseCount = count;
}

void SatellogicEmulator::handleApi(const ReceivedRequest &request, HttpServerResponse &response)
{
    const QStringList segments = pathSegments(request);
    const QString service = segments.value(0);
    if (service != "archive"_L1 && service != "tasking"_L1 && service != "telluric"_L1) {
        // API Gateway answers an unknown route this way, before any authorizer runs.
        sendGatewayError(
            response, 403, u"Missing Authentication Token"_s, QByteArrayLiteral("MissingAuthenticationTokenException"));
        return;
    }

    // The custom authorizer reads "authorizationToken" (any case) and nothing else.
    const Token *token = request.hasHeader("authorizationToken")
        ? validToken(request.header("authorizationToken"), ApiAudience.toString())
        : nullptr;
    if (token == nullptr) {
        sendGatewayError(response, 401, u"Unauthorized"_s, QByteArrayLiteral("UnauthorizedException"));
        return;
    }
    Caller caller;
    caller.clientId = token->clientId;
    caller.legacy = token->legacy;
    const bool hasContractHeader = request.hasHeader("X-Satellogic-Contract-Id");
    const QString contractId = QString::fromUtf8(request.header("X-Satellogic-Contract-Id").trimmed());
    if (caller.legacy) {
        if (hasContractHeader) {
            sendGatewayError(response, 403,
                u"Legacy API credentials have no contract selection: do not send X-Satellogic-Contract-Id"_s,
                QByteArrayLiteral("AccessDeniedException"));
            return;
        }
        caller.owner = u"legacy:"_s + caller.clientId;
    } else {
        if (contractId.isEmpty()) {
            sendGatewayError(response, 403, u"Missing required header X-Satellogic-Contract-Id: choose a contract"_s,
                QByteArrayLiteral("AccessDeniedException"));
            return;
        }
        const QJsonObject *contract = findContract(contractId);
        if (contract == nullptr) {
            sendGatewayError(response, 403,
                u"Unknown contract %1: the contract does not exist or is not yours"_s.arg(contractId),
                QByteArrayLiteral("AccessDeniedException"));
            return;
        }
        if (contract->value("status"_L1).toString(u"ACTIVE"_s) != "ACTIVE"_L1) {
            sendGatewayError(response, 403, u"Contract %1 is not active"_s.arg(contractId),
                QByteArrayLiteral("AccessDeniedException"));
            return;
        }
        caller.contract = *contract;
        caller.contractId = contractId;
        caller.owner = contractId;
    }

    if (service == "archive"_L1) {
        if (segments.value(1) == "stac"_L1)
            handleArchive(request, response, caller, segments);
        else if (segments.value(1) == "files"_L1)
            handleArchiveFile(request, response, caller, segments);
        else
            sendJson(response, 404, { { "message"_L1, u"Not Found"_s } });
    } else if (service == "tasking"_L1) {
        handleTasking(request, response, caller, segments.mid(1));
    } else {
        handleTelluric(request, response, caller, segments.mid(1));
    }
}

} // namespace StacScope
