// Up42Emulator, part 2: Keycloak on the auth host (notes section 2.1): the password grant with a
// form body, the refresh_token grant [I: standard OIDC], userinfo and the discovery document.

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/up42emulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QByteArray randomBase64(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray base64Json(const QJsonObject &object)
{
    return QJsonDocument(object)
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Keycloak's OAuth error body.
void sendOAuthError(HttpServerResponse &response, int status, const QString &error, const QString &description)
{
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.respond(status,
        QJsonDocument(QJsonObject { { "error"_L1, error }, { "error_description"_L1, description } })
            .toJson(QJsonDocument::Compact),
        QByteArrayLiteral("application/json"));
}

} // namespace

// ---- Keycloak -------------------------------------------------------------------------------

QString Up42Emulator::issueToken(const QString &username, HttpServerResponse &response, const QString &clientId)
{
    const QDateTime issued = now();
    const QString issuer = QString::fromUtf8(m_auth->url(u"/realms/public"_s).toEncoded());
    const QString session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const auto jwt = [&](const QString &type, int lifetime) {
        const QJsonObject header { { "alg"_L1, type == "Bearer"_L1 ? u"RS256"_s : u"HS256"_s }, { "typ"_L1, u"JWT"_s },
            { "kid"_L1, u"up42-emulator"_s } };
        const QJsonObject claims { { "exp"_L1, issued.toSecsSinceEpoch() + lifetime },
            { "iat"_L1, issued.toSecsSinceEpoch() }, { "jti"_L1, QUuid::createUuid().toString(QUuid::WithoutBraces) },
            { "iss"_L1, issuer }, { "aud"_L1, type == "Bearer"_L1 ? u"account"_s : issuer },
            { "sub"_L1, WorkspaceId.toString() }, { "typ"_L1, type }, { "azp"_L1, clientId },
            { "session_state"_L1, session }, { "scope"_L1, u"ACCOUNT_ADMIN USER"_s }, { "email"_L1, username } };
        return QString::fromLatin1(base64Json(header) + '.' + base64Json(claims) + '.' + randomBase64(64));
    };
    const QString access = jwt(u"Bearer"_s, m_tokenLifetime);
    const QString refresh = jwt(u"Refresh"_s, m_refreshLifetime);
    m_tokens.insert(access, Token { username, clientId, issued.addSecs(m_tokenLifetime) });
    m_refreshTokens.insert(refresh, Token { username, clientId, issued.addSecs(m_refreshLifetime) });
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.setHeader(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
    sendJson(response, 200,
        QJsonObject { { "access_token"_L1, access }, { "expires_in"_L1, m_tokenLifetime },
            { "refresh_expires_in"_L1, m_refreshLifetime }, { "refresh_token"_L1, refresh },
            { "token_type"_L1, u"Bearer"_s }, { "not-before-policy"_L1, 0 }, { "session_state"_L1, session },
            { "scope"_L1, u"ACCOUNT_ADMIN USER"_s } });
    return access;
}

void Up42Emulator::handleAuth(const ReceivedRequest &request, HttpServerResponse &response)
{
    const QString path = request.path;
    if (path == "/realms/public/.well-known/openid-configuration"_L1 && request.method == "GET") {
        const QString base = QString::fromUtf8(originFor(request, Service::Auth));
        sendJson(response, 200,
            QJsonObject { { "issuer"_L1, QString(base + u"/realms/public"_s) },
                { "token_endpoint"_L1, QString(base + AuthPath.toString() + u"/token"_s) },
                { "userinfo_endpoint"_L1, QString(base + AuthPath.toString() + u"/userinfo"_s) },
                { "grant_types_supported"_L1, QJsonArray { u"password"_s, u"refresh_token"_s } } });
        return;
    }
    if (path == AuthPath.toString() + u"/userinfo"_s) {
        if (request.method != "GET" && request.method != "POST") {
            sendOAuthError(response, 405, u"invalid_request"_s, u"HTTP 405 Method Not Allowed"_s);
            return;
        }
        const Token *token = bearer(request);
        if (token == nullptr) {
            response.setHeader(QByteArrayLiteral("WWW-Authenticate"),
                QByteArrayLiteral("Bearer realm=\"public\", error=\"invalid_token\", "
                                  "error_description=\"Token verification failed\""));
            sendOAuthError(response, 401, u"invalid_token"_s, u"Token verification failed"_s);
            return;
        }
        sendJson(response, 200,
            QJsonObject { { "sub"_L1, WorkspaceId.toString() }, { "email_verified"_L1, true },
                { "name"_L1, u"Emulator User"_s }, { "preferred_username"_L1, token->username },
                { "given_name"_L1, u"Emulator"_s }, { "family_name"_L1, u"User"_s }, { "email"_L1, token->username } });
        return;
    }
    if (path != AuthPath.toString() + u"/token"_s) {
        sendJson(response, 404, QJsonObject { { "error"_L1, u"Unable to find matching target resource method"_s } });
        return;
    }
    if (request.method != "POST") {
        response.setHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("POST, OPTIONS"));
        sendJson(response, 405, QJsonObject { { "error"_L1, u"HTTP 405 Method Not Allowed"_s } });
        return;
    }
    const bool form = request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded");
    QHash<QString, QString> fields;
    if (form) {
        const QList<std::pair<QString, QString>> items = formItems(request.body);
        for (const auto &[key, value] : items) {
            if (!fields.contains(key))
                fields.insert(key, value);
        }
    }
    const QString grant = fields.value(u"grant_type"_s);
    m_tokenRequestGrants.append(grant);
    if (!form) {
        // The endpoint consumes a form only (JAX-RS answers 415 to anything else) [I body].
        sendJson(response, 415, QJsonObject { { "error"_L1, u"RESTEASY003065: Cannot consume content type"_s } });
        return;
    }
    if (grant.isEmpty()) {
        sendOAuthError(response, 400, u"invalid_request"_s, u"Missing form parameter: grant_type"_s);
        return;
    }
    const QString clientId = fields.value(u"client_id"_s);
    if (clientId.isEmpty()) {
        sendOAuthError(response, 400, u"invalid_client"_s, u"Missing parameter: client_id"_s);
        return;
    }
    if (clientId != ClientId && clientId != SdkClientId) {
        sendOAuthError(response, 401, u"invalid_client"_s, u"Invalid client or Invalid client credentials"_s);
        return;
    }
    if (grant == "password"_L1) {
        const QString username = fields.value(u"username"_s).toLower(); // Keycloak folds user names
        const auto user = m_users.constFind(username);
        if (user == m_users.constEnd() || *user != fields.value(u"password"_s)) {
            sendOAuthError(response, 401, u"invalid_grant"_s, u"Invalid user credentials"_s);
            return;
        }
        issueToken(username, response, clientId);
        return;
    }
    if (grant == "refresh_token"_L1) {
        // Standard Keycloak refresh [I: not in UP42's sources]; a new refresh token each time.
        const auto refresh = m_refreshTokens.constFind(fields.value(u"refresh_token"_s));
        if (refresh == m_refreshTokens.constEnd()) {
            sendOAuthError(response, 400, u"invalid_grant"_s, u"Invalid refresh token"_s);
            return;
        }
        if (refresh->expires <= now()) {
            sendOAuthError(response, 400, u"invalid_grant"_s, u"Token is not active"_s);
            return;
        }
        if (refresh->clientId != clientId) {
            sendOAuthError(response, 400, u"invalid_grant"_s,
                u"Invalid refresh token. Token client and authorized client don't match"_s);
            return;
        }
        issueToken(refresh->username, response, clientId);
        return;
    }
    sendOAuthError(response, 400, u"unsupported_grant_type"_s, u"Unsupported grant_type"_s);
}

const Up42Emulator::Token *Up42Emulator::bearer(const ReceivedRequest &request) const
{
    const QByteArray value = request.header("Authorization").trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).toLower() != "bearer")
        return nullptr;
    const auto it = m_tokens.constFind(QString::fromLatin1(value.mid(space + 1).trimmed()));
    if (it == m_tokens.constEnd() || it->expires <= now())
        return nullptr;
    return &it.value();
}

} // namespace StacScope
