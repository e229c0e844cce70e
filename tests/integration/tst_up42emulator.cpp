// Up42Emulator: Keycloak, orders, the request log and the standalone program. See
// tst_up42emulator.h for how the checks are split.

#include "tests/integration/tst_up42emulator.h"

#include <QFile>
#include <QNetworkProxy>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

#include "src/auth/tokensource.h"
#include "src/net/networkclient.h"
#include "tests/support/httpserver.h"

using namespace Qt::StringLiterals;
using namespace StacScope;
using namespace Up42Test;

namespace {

// The form PasswordGrantTokenSource sends (values percent-encoded, '@' too).
const QByteArray PasswordForm
    = "grant_type=password&username=emulator%40up42.example&password=emulator-password&client_id=up42-api";

// A base port whose next two ports are free too.
quint16 freeBasePort()
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 base = probe.serverPort();
        probe.close();
        if (base > 65000)
            continue;
        bool free = true;
        for (int i = 0; i < 3 && free; ++i) {
            QTcpServer server;
            free = server.listen(QHostAddress::LocalHost, quint16(base + i));
        }
        if (free)
            return base;
    }
    return 0;
}

} // namespace

// ---- helpers --------------------------------------------------------------------------------

void TestUp42Emulator::initTestCase()
{
    // Loopback only: an http_proxy from the environment must not interfere.
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
}

void TestUp42Emulator::init()
{
    m_emulator = std::make_unique<Up42Emulator>();
    // The file host is another host (127.0.0.2); a machine that cannot bind it fails the test.
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
    m_token.clear();
}

void TestUp42Emulator::cleanup()
{
    m_emulator.reset();
    m_nam.clearConnectionCache();
}

Result TestUp42Emulator::send(const QByteArray &verb, const QUrl &url, const Headers &headers, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nullptr;
    if (verb == "GET")
        reply = m_nam.get(request);
    else if (verb == "HEAD")
        reply = m_nam.head(request);
    else
        reply = m_nam.sendCustomRequest(request, verb, body);
    Result result;
    const QMetaObject::Connection reading
        = connect(reply, &QNetworkReply::readyRead, this, [&result, reply] { result.body += reply->readAll(); });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(WaitMs))
        reply->abort();
    disconnect(reading);
    result.body += reply->readAll();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

Result TestUp42Emulator::tokenRequest(const QByteArray &form)
{
    return send("POST", m_emulator->tokenUrl(), { { "Content-Type", "application/x-www-form-urlencoded" } }, form);
}

QString TestUp42Emulator::token()
{
    if (m_token.isEmpty())
        m_token = tokenRequest(PasswordForm).json().value("access_token"_L1).toString();
    return m_token;
}

Headers TestUp42Emulator::bearer()
{
    return { { "Authorization", "Bearer " + token().toLatin1() } };
}

Result TestUp42Emulator::get(const QString &pathAndQuery)
{
    return send("GET", api(pathAndQuery), bearer());
}

Result TestUp42Emulator::post(
    const QString &path, const QJsonObject &body, const QByteArray &contentType, const QByteArray &verb)
{
    Headers headers = bearer();
    headers.append(std::make_pair(QByteArray("Content-Type"), contentType));
    return send(verb, api(path), headers, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// ---- Keycloak -------------------------------------------------------------------------------

void TestUp42Emulator::passwordGrant()
{
    QCOMPARE(m_emulator->authUrl().path(), u"/realms/public/protocol/openid-connect"_s);
    const Result result = tokenRequest(PasswordForm);
    QCOMPARE(result.status, 200);
    QVERIFY(result.header("Content-Type").startsWith("application/json"));
    QCOMPARE(result.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject json = result.json();
    QCOMPARE(json.value("expires_in"_L1).toInt(), 300);
    QCOMPARE(json.value("refresh_expires_in"_L1).toInt(), 1800);
    QCOMPARE(json.value("token_type"_L1).toString(), u"Bearer"_s);
    QCOMPARE(json.value("scope"_L1).toString(), u"ACCOUNT_ADMIN USER"_s);
    QVERIFY(json.value("access_token"_L1).toString().startsWith(u"eyJ"_s)); // a JWT
    QVERIFY(!json.value("refresh_token"_L1).toString().isEmpty());
    // The JWT's exp is 300 s after iat.
    const QByteArray payload = QByteArray::fromBase64(
        json.value("access_token"_L1).toString().section(u'.', 1, 1).toLatin1(), QByteArray::Base64UrlEncoding);
    const QJsonObject claims = QJsonDocument::fromJson(payload).object();
    QCOMPARE(claims.value("exp"_L1).toInteger() - claims.value("iat"_L1).toInteger(), 300);
    QCOMPARE(claims.value("azp"_L1).toString(), u"up42-api"_s);

    // The SDK's own client id and body work too; form decoding: '+' is a space, %2B a plus.
    QCOMPARE(tokenRequest("grant_type=password&username=emulator@up42.example&password=emulator-password"
                          "&client_id=up42-sdk&scope=openid")
                 .status,
        200);
    m_emulator->addUser(u"ana@example.com"_s, u"p a+ss"_s);
    QCOMPARE(tokenRequest("grant_type=password&username=Ana%40Example.com&password=p+a%2Bss&client_id=up42-api").status,
        200); // user names in any case, as Keycloak folds them
    QCOMPARE(m_emulator->tokenRequestCount(), 3);
    QCOMPARE(m_emulator->tokenRequestCount(u"password"_s), 3);
    QCOMPARE(m_emulator->tokenRequestCount(u"refresh_token"_s), 0);
}

void TestUp42Emulator::tokenRefusals()
{
    Result r = tokenRequest("grant_type=password&username=emulator%40up42.example&password=nope&client_id=up42-api");
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value("error"_L1).toString(), u"invalid_grant"_s);
    QCOMPARE(r.json().value("error_description"_L1).toString(), u"Invalid user credentials"_s);
    r = tokenRequest("grant_type=password&username=emulator%40up42.example&password=emulator-password&client_id=other");
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value("error"_L1).toString(), u"invalid_client"_s);
    r = tokenRequest("grant_type=password&username=emulator%40up42.example&password=emulator-password");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error"_L1).toString(), u"invalid_client"_s);
    r = tokenRequest("username=emulator%40up42.example&password=emulator-password&client_id=up42-api");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error_description"_L1).toString(), u"Missing form parameter: grant_type"_s);
    r = tokenRequest("grant_type=client_credentials&client_id=up42-api");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error"_L1).toString(), u"unsupported_grant_type"_s);
    // A JSON body is not a form.
    r = send("POST", m_emulator->tokenUrl(), { { "Content-Type", "application/json" } },
        "{\"grant_type\":\"password\",\"username\":\"emulator@up42.example\",\"password\":\"emulator-password\","
        "\"client_id\":\"up42-api\"}");
    QCOMPARE(r.status, 415);
    r = send("GET", m_emulator->tokenUrl());
    QCOMPARE(r.status, 405);
    QCOMPARE(m_emulator->tokenRequestCount(), 6); // the GET is no token request
}

void TestUp42Emulator::refreshGrant()
{
    const QJsonObject first = tokenRequest(PasswordForm).json();
    const QByteArray refresh = QUrl::toPercentEncoding(first.value("refresh_token"_L1).toString());
    Result r = tokenRequest("grant_type=refresh_token&refresh_token=" + refresh + "&client_id=up42-api");
    QCOMPARE(r.status, 200);
    const QString renewed = r.json().value("access_token"_L1).toString();
    QVERIFY(renewed != first.value("access_token"_L1).toString());
    QVERIFY(r.json().value("refresh_token"_L1).toString() != first.value("refresh_token"_L1).toString());
    QCOMPARE(send("GET", api(u"/v2/orders"_s), { { "Authorization", "Bearer " + renewed.toLatin1() } }).status, 200);
    QCOMPARE(m_emulator->tokenRequestCount(u"refresh_token"_s), 1);

    r = tokenRequest("grant_type=refresh_token&refresh_token=" + refresh + "&client_id=up42-sdk");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error"_L1).toString(), u"invalid_grant"_s);
    r = tokenRequest("grant_type=refresh_token&refresh_token=bogus&client_id=up42-api");
    QCOMPARE(r.status, 400);
    // The refresh token lives 1800 s.
    m_emulator->advanceClock(1801);
    r = tokenRequest("grant_type=refresh_token&refresh_token=" + refresh + "&client_id=up42-api");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error_description"_L1).toString(), u"Token is not active"_s);
}

void TestUp42Emulator::userinfo()
{
    Result r = send("GET", m_emulator->userinfoUrl(), bearer());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("sub"_L1).toString(), Workspace); // the default workspace
    QCOMPARE(r.json().value("email"_L1).toString(), User);
    r = send("GET", m_emulator->userinfoUrl(), { { "Authorization", "Bearer nope" } });
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("WWW-Authenticate").contains("invalid_token"));
    r = send("GET", m_emulator->userinfoUrl());
    QCOMPARE(r.status, 401);
    r = send("GET",
        QUrl(m_emulator->server(Up42Emulator::Service::Auth)->url().toString()
            + u"/realms/public/.well-known/openid-configuration"_s));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("token_endpoint"_L1).toString(), m_emulator->tokenUrl().toString());
}

void TestUp42Emulator::tokenExpiresAt300Seconds()
{
    QCOMPARE(get(u"/v2/orders"_s).status, 200);
    m_emulator->advanceClock(299);
    QCOMPARE(get(u"/v2/orders"_s).status, 200);
    m_emulator->advanceClock(1);
    const Result expired = get(u"/v2/orders"_s);
    QCOMPARE(expired.status, 401);
    QVERIFY(expired.header("Content-Type").startsWith("application/problem+json"));
    QCOMPARE(expired.json().value("status"_L1).toInt(), 401);
    QCOMPARE(expired.json().value("title"_L1).toString(), u"Unauthorized"_s);
    QVERIFY(expired.header("WWW-Authenticate").startsWith("Bearer"));
    // No token at all, or another scheme.
    QCOMPARE(send("GET", api(u"/v2/orders"_s)).status, 401);
    QCOMPARE(send("GET", api(u"/v2/orders"_s), { { "Authorization", "Basic Zm9vOmJhcg==" } }).status, 401);
    m_token.clear();
    QCOMPARE(get(u"/v2/orders"_s).status, 200);
    m_emulator->revokeTokens();
    QCOMPARE(get(u"/v2/orders"_s).status, 401);
}

void TestUp42Emulator::coreTokenSource()
{
    // What the app's own client (PasswordGrantTokenSource, client_id up42-api) sends is accepted:
    // the password grant with a form body, then the refresh grant when the token runs low.
    m_emulator->addUser(u"me@example.com"_s, u"p&ss=w+rd%"_s);
    NetworkClient network(&m_nam);
    int reads = 0;
    PasswordGrantTokenSource source(&network, m_emulator->tokenUrl(), u"up42-api"_s,
        [&reads](QObject *, std::function<void(const QHash<QString, QByteArray> &, const QString &)> done) {
            ++reads;
            done({ { u"username"_s, "me@example.com" }, { u"password"_s, "p&ss=w+rd%" } }, {});
        });
    source.setClock([this] { return m_emulator->now(); });
    const auto fetch = [&] {
        QByteArray got;
        bool done = false;
        source.token(this, [&](const QByteArray &t, const NetworkError &) {
            got = t;
            done = true;
        });
        return QTest::qWaitFor([&] { return done; }, WaitMs) ? got : QByteArray();
    };
    const QByteArray first = fetch();
    QVERIFY(!first.isEmpty());
    QCOMPARE(send("GET", api(u"/v2/orders?size=1"_s), { { "Authorization", "Bearer " + first } }).status, 200);
    m_emulator->advanceClock(250); // 50 s left of 300: renewed with the refresh token
    const QByteArray second = fetch();
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(m_emulator->tokenRequestCount(u"password"_s), 1);
    QCOMPARE(m_emulator->tokenRequestCount(u"refresh_token"_s), 1);
    QCOMPARE(reads, 1);
    m_emulator->advanceClock(60); // the first token is gone, the renewed one works
    QCOMPARE(send("GET", api(u"/v2/orders?size=1"_s), { { "Authorization", "Bearer " + first } }).status, 401);
    QCOMPARE(send("GET", api(u"/v2/orders?size=1"_s), { { "Authorization", "Bearer " + second } }).status, 200);
}

// ---- orders ---------------------------------------------------------------------------------

void TestUp42Emulator::ordersPage()
{
    Result r = get(u"/v2/orders"_s);
    QCOMPARE(r.status, 200);
    QJsonObject page = r.json();
    QCOMPARE(page.value("totalElements"_L1).toInt(), 18);
    QCOMPARE(page.value("totalPages"_L1).toInt(), 1);
    QCOMPARE(page.value("size"_L1).toInt(), 20);
    QCOMPARE(page.value("number"_L1).toInt(), 0);
    QCOMPARE(page.value("numberOfElements"_L1).toInt(), 18);
    QVERIFY(page.value("first"_L1).toBool());
    QVERIFY(page.value("last"_L1).toBool());
    QCOMPARE(page.value("pageable"_L1).toObject().value("pageSize"_L1).toInt(), 20);
    // Default sort createdAt,desc: Cape Town (2024-06-04) first, Berlin (2023-06-01) last.
    QCOMPARE(r.ids().first(), CapeTownOrder);
    QCOMPARE(r.ids().last(), BerlinOrder);

    r = get(u"/v2/orders?size=5&page=1"_s);
    page = r.json();
    QCOMPARE(page.value("totalPages"_L1).toInt(), 4);
    QCOMPARE(page.value("number"_L1).toInt(), 1);
    QVERIFY(!page.value("first"_L1).toBool());
    QVERIFY(!page.value("last"_L1).toBool());
    QCOMPARE(r.ids(),
        (QStringList { u"0fdd70b9-895d-409e-b0cf-5fa0560f81a1"_s, u"3e47206e-d122-41b5-b8ed-d006f9e3d5bb"_s,
            u"acebdae2-7f14-43f8-983a-ac83ac81f3a0"_s, HamburgOrder, u"6478516e-ea99-410b-8307-0dda8c502cc2"_s }));
    r = get(u"/v2/orders?size=5&page=3"_s);
    QCOMPARE(r.ids(),
        (QStringList {
            u"a15cd1cd-564c-4134-86a6-a66247fdec57"_s, u"b00a54e0-f386-4f04-827f-31136276f9c7"_s, BerlinOrder }));
    QVERIFY(r.json().value("last"_L1).toBool());
    r = get(u"/v2/orders?size=5&page=9"_s);
    QCOMPARE(r.json().value("numberOfElements"_L1).toInt(), 0);
    QVERIFY(r.json().value("empty"_L1).toBool());

    // One order in full (notes section 4).
    r = get(u"/v2/orders/"_s + HamburgOrder);
    QCOMPARE(r.status, 200);
    const QJsonObject order = r.json();
    QCOMPARE(order.value("type"_L1).toString(), u"ARCHIVE"_s);
    QCOMPARE(order.value("status"_L1).toString(), u"FULFILLED"_s);
    QCOMPARE(order.value("workspaceId"_L1).toString(), Workspace);
    QCOMPARE(order.value("accountId"_L1).toString(), u"7fa202f3-783d-4709-96b2-cb212564fc11"_s);
    QCOMPARE(order.value("dataProductId"_L1).toString(), PhrDisplay);
    QCOMPARE(order.value("displayName"_L1).toString(), u"Hamburg port Pléiades"_s);
    QCOMPARE(order.value("tags"_L1).toArray(), (QJsonArray { u"port"_s, u"monitoring"_s }));
    QCOMPARE(order.value("createdAt"_L1).toString(), u"2024-03-04T09:12:44Z"_s);
    QCOMPARE(order.value("createdBy"_L1).toObject().value("type"_L1).toString(), u"USER"_s);
    const QJsonObject details = order.value("orderDetails"_L1).toObject();
    QCOMPARE(details.value("aoi"_L1).toObject().value("type"_L1).toString(), u"Polygon"_s);
    QVERIFY(!details.value("imageId"_L1).toString().isEmpty());
    const QJsonObject tasking = get(u"/v2/orders/"_s + TokyoOrder).json();
    QCOMPARE(
        tasking.value("orderDetails"_L1).toObject().value("subStatus"_L1).toString(), u"QUOTATION_WAITING_RESPONSE"_s);
    QVERIFY(tasking.value("orderDetails"_L1).toObject().contains("acquisitionStart"_L1));

    r = get(u"/v2/orders/00000000-0000-0000-0000-000000000000"_s);
    QCOMPARE(r.status, 404);
    QVERIFY(r.header("Content-Type").startsWith("application/problem+json"));
    QCOMPARE(r.json().value("status"_L1).toInt(), 404);
}

void TestUp42Emulator::ordersFilters()
{
    const auto total = [this](const QString &query) {
        return get(u"/v2/orders?"_s + query).json().value("totalElements"_L1).toInt();
    };
    QCOMPARE(total(u"workspaceId="_s + SecondWorkspace), 7);
    QCOMPARE(total(u"workspaceId="_s + Workspace), 11);
    QCOMPARE(total(u"type=TASKING"_s), 8);
    QCOMPARE(total(u"type=ARCHIVE"_s), 10);
    QCOMPARE(total(u"status=FULFILLED"_s), 7);
    QCOMPARE(total(u"status=FULFILLED&status=CANCELED"_s), 9); // repeated
    QCOMPARE(total(u"status=FULFILLED,CANCELED"_s), 9); // or comma separated, as Spring binds lists
    QCOMPARE(total(u"subStatus=QUOTATION_ACCEPTED"_s), 4);
    QCOMPARE(total(u"subStatus=QUOTATION_WAITING_RESPONSE&status=CREATED"_s), 1); // Tokyo (Suva is canceled)
    QCOMPARE(total(u"displayName=harbour"_s), 1);
    QCOMPARE(total(u"displayName=SAR"_s), 3);
    QCOMPARE(total(u"tags=port"_s), 5);
    QCOMPARE(total(u"tags=port&tags=stereo"_s), 6);
    QCOMPARE(total(u"type=ARCHIVE&workspaceId="_s + SecondWorkspace + u"&status=FULFILLED"_s), 2);

    const Result bad = get(u"/v2/orders?status=DONE"_s);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.json().value("title"_L1).toString(), u"Bad Request"_s);
    QVERIFY(bad.json().value("detail"_L1).toString().contains(u"DONE"_s));
    QCOMPARE(get(u"/v2/orders?type=archive"_s).status, 400);
}

void TestUp42Emulator::ordersSort()
{
    Result r = get(u"/v2/orders?sort=createdAt,asc"_s);
    QCOMPARE(r.ids().first(), BerlinOrder);
    QCOMPARE(r.ids().last(), CapeTownOrder);
    // Statuses sort as strings: BEING_FULFILLED first ascending (Sao Paulo), PLACEMENT_FAILED
    // first descending (Madrid).
    QCOMPARE(get(u"/v2/orders?sort=status,asc"_s).ids().first(), u"6478516e-ea99-410b-8307-0dda8c502cc2"_s);
    QCOMPARE(get(u"/v2/orders?sort=status,desc"_s).ids().first(), MadridOrder);
    // Without a direction Spring sorts ascending; a second sort breaks ties.
    r = get(u"/v2/orders?sort=type&sort=createdAt,desc"_s);
    QCOMPARE(r.ids().first(), u"5418601a-921b-411d-86af-e89fcaf055d2"_s); // newest ARCHIVE: Reykjavik
    QCOMPARE(r.ids().last(), BerlinOrder); // oldest TASKING
    const Result bad = get(u"/v2/orders?sort=displayName,asc"_s);
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.header("Content-Type").startsWith("application/problem+json"));
}

void TestUp42Emulator::orderTagsAndCancel()
{
    // Tags: merge-patch only.
    Result r = post(u"/v2/orders/"_s + HamburgOrder, { { "tags"_L1, QJsonArray { u"a"_s, u"b"_s } } },
        "application/merge-patch+json", "PATCH");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("tags"_L1).toArray(), (QJsonArray { u"a"_s, u"b"_s }));
    QCOMPARE(get(u"/v2/orders/"_s + HamburgOrder).json().value("tags"_L1).toArray(), (QJsonArray { u"a"_s, u"b"_s }));
    r = post(u"/v2/orders/"_s + HamburgOrder, { { "tags"_L1, QJsonArray { u"c"_s } } }, "application/json", "PATCH");
    QCOMPARE(r.status, 415);
    r = post(
        u"/v2/orders/"_s + HamburgOrder, { { "displayName"_L1, u"x"_s } }, "application/merge-patch+json", "PATCH");
    QCOMPARE(r.status, 400);
    r = post(u"/v2/orders/"_s + HamburgOrder, { { "tags"_L1, QJsonValue() } }, "application/merge-patch+json", "PATCH");
    QCOMPARE(r.json().value("tags"_L1).toArray(), QJsonArray());

    // Cancellation: only CREATED or PLACEMENT_FAILED.
    r = post(u"/v2/orders/"_s + MadridOrder + u"/cancellation"_s, {});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json(), (QJsonObject { { "orderId"_L1, MadridOrder }, { "status"_L1, u"CANCELED"_s } }));
    QCOMPARE(get(u"/v2/orders/"_s + MadridOrder).json().value("status"_L1).toString(), u"CANCELED"_s);
    r = post(u"/v2/orders/"_s + HamburgOrder + u"/cancellation"_s, {});
    QCOMPARE(r.status, 409);
    QVERIFY(r.header("Content-Type").startsWith("application/problem+json"));
    QCOMPARE(r.json().value("status"_L1).toInt(), 409);
    QCOMPARE(r.json().value("title"_L1).toString(), u"Conflict"_s);
    QVERIFY(r.json().value("detail"_L1).toString().contains(u"FULFILLED"_s));
    QCOMPARE(post(u"/v2/orders/"_s + MadridOrder + u"/cancellation"_s, {}).status, 409); // already
    QCOMPARE(send("GET", api(u"/v2/orders/"_s + TokyoOrder + u"/cancellation"_s), bearer()).status, 405);
    QCOMPARE(post(u"/v2/orders/"_s + TokyoOrder + u"/cancellation"_s, {}).status, 200); // CREATED, quote pending
}

// ---- the request log ------------------------------------------------------------------------

void TestUp42Emulator::requestLog()
{
    QCOMPARE(get(u"/v2/orders?size=1"_s).status, 200);
    QCOMPARE(m_emulator->requests(Up42Emulator::Service::Auth).size(), 1);
    const QList<ReceivedRequest> api = m_emulator->requests(Up42Emulator::Service::Api);
    QCOMPARE(api.size(), 1);
    QCOMPARE(api.first().path, u"/v2/orders"_s);
    QCOMPARE(api.first().queryValue(u"size"_s), u"1"_s);
    QVERIFY(m_emulator->requests(Up42Emulator::Service::Files).isEmpty());
    m_emulator->clearRequests();
    QVERIFY(m_emulator->requests(Up42Emulator::Service::Api).isEmpty());
    QCOMPARE(m_emulator->tokenRequestCount(), 0);

    // A lost answer: the request is carried out, the connection closes without a response. On a
    // raw socket, as QNetworkAccessManager would quietly send the request again.
    m_emulator->loseAnswers("POST", u"/v2/orders/%1/cancellation"_s.arg(TokyoOrder));
    const QByteArray answer = rawExchange(m_emulator->apiUrl(),
        "POST /v2/orders/" + TokyoOrder.toLatin1()
            + "/cancellation HTTP/1.1\r\nHost: " + m_emulator->apiUrl().authority().toLatin1()
            + "\r\nAuthorization: Bearer " + token().toLatin1() + "\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(answer, QByteArray());
    QCOMPARE(get(u"/v2/orders/"_s + TokyoOrder).json().value("status"_L1).toString(), u"CANCELED"_s);
    QCOMPARE(post(u"/v2/orders/"_s + TokyoOrder + u"/cancellation"_s, {}).status, 409); // answered again

    m_emulator->setRecordingEnabled(false);
    m_emulator->clearRequests();
    QCOMPARE(get(u"/v2/orders"_s).status, 200);
    QVERIFY(m_emulator->requests(Up42Emulator::Service::Api).isEmpty());
}

void TestUp42Emulator::standalone()
{
    const QString program = QStringLiteral(STACSCOPE_BINARY_DIR "/tests/support/stacscope-provider-emulator");
    if (!QFile::exists(program))
        QSKIP("stacscope-provider-emulator is not built");
    const quint16 base = freeBasePort();
    QVERIFY(base != 0);
    QProcess process;
    process.setProgram(program);
    process.setArguments({ u"--provider"_s, u"up42"_s, u"--port"_s, QString::number(base) });
    QSignalSpy output(&process, &QProcess::readyReadStandardOutput);
    process.start();
    QByteArray text;
    while (!text.contains("\ntry ") && output.wait(WaitMs))
        text += process.readAllStandardOutput();
    text += process.readAllStandardOutput();
    const QString printed = QString::fromUtf8(text);
    const QString host = u"http://127.0.0.1:"_s;
    const QString auth = host + QString::number(base) + u"/realms/public/protocol/openid-connect"_s;
    const QString api = host + QString::number(base + 1);
    QVERIFY2(printed.contains(u"auth      "_s + auth + u'\n'), text.constData());
    QVERIFY(printed.contains(u"api       "_s + api + u'\n'));
    QVERIFY(printed.contains(u"files     "_s + host + QString::number(base + 2) + u'\n'));
    QVERIFY(printed.contains(u"user      emulator@up42.example / emulator-password"_s));
    QVERIFY(printed.contains(
        u"try       UP42_USERNAME=emulator@up42.example UP42_PASSWORD=emulator-password "
        "stacscope-cli orders list --provider up42 --endpoint auth=%1 --endpoint api=%2\n"_s.arg(auth, api)));

    const Result granted = send(
        "POST", QUrl(auth + u"/token"_s), { { "Content-Type", "application/x-www-form-urlencoded" } }, PasswordForm);
    QCOMPARE(granted.status, 200);
    const Result orders = send("GET", QUrl(api + u"/v2/orders?size=1"_s),
        { { "Authorization", "Bearer " + granted.json().value("access_token"_L1).toString().toLatin1() } });
    QCOMPARE(orders.json().value("totalElements"_L1).toInt(), 18);
    QSignalSpy finished(&process, &QProcess::finished);
    process.terminate();
    QVERIFY(finished.wait(WaitMs));

    QProcess bad;
    QSignalSpy done(&bad, &QProcess::finished);
    bad.start(program, { u"--provider"_s, u"up42"_s, u"--port"_s, u"65534"_s });
    QVERIFY(done.wait(WaitMs));
    QCOMPARE(bad.exitCode(), 2); // three ports do not fit
}

QTEST_GUILESS_MAIN(TestUp42Emulator)
#include "tst_up42emulator.moc"
