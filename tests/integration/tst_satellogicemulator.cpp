// SatellogicEmulator checked from the outside with plain QNetworkAccessManager requests: what a
// faithful server answers per ../shared/providers/satellogic.md and seeds 000-002. Expected
// values are written out from those documents, not taken from the emulator.

#include <memory>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <QtEndian>

#include "tests/support/httpserver.h"
#include "tests/support/satellogicemulator.h"
#include "tests/support/stacemulator.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

constexpr int WaitMs = 15000;

const QString FirstContract = u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s;
const QString SecondContract = u"cont.022dc3f5-1ccd-48bc-98cd-6e0d668ed50e"_s;
const QString OutcomeId = u"cfa879d1-f136-4ac6-ba2f-639f329b2d23"_s;
const QString ApiAudience = u"https://api.satellogic.com/"_s;

using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct Result
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    int pieces = 0;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray results() const { return json().value("results"_L1).toArray(); }
};

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON literal in the test: %s", qPrintable(error.errorString()));
    return document.object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Seed 002's task request, with the product id of the emulated "Multispectral 70cm".
QJsonObject seedTask()
{
    return parse(R"({"task_name": "My first task", "project_name": "My first task project", "product": 169,
        "target": {"type": "Point", "coordinates": [72.905273, 19.023001]},
        "start": "2020-12-23T00:00:00+03:00", "end": "2021-01-12T00:00:00+03:00"})");
}

QJsonObject taskNamed(const QString &name, const QString &project)
{
    QJsonObject body = seedTask();
    body.insert("task_name"_L1, name);
    body.insert("project_name"_L1, project);
    return body;
}

// A base port whose next three ports are free too.
quint16 freeBasePort(const QHostAddress &filesAddress)
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
        for (int i = 0; i < 4 && free; ++i) {
            QTcpServer server;
            free = server.listen(i == 3 ? filesAddress : QHostAddress(QHostAddress::LocalHost), quint16(base + i));
        }
        if (free)
            return base;
    }
    return 0;
}

} // namespace

class TestSatellogicEmulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void tokenEndpoint();
    void tokenRequestCounts();
    void contracts();
    void contractsRefuseWrongCredentials();
    void gatewayAuthorizer();
    void gatewayContractHeader();
    void legacyCredentials();
    void archiveSearch();
    void archiveContractRules();
    void archiveQueryExtension();
    void archivePaging();
    void archiveAssets();
    void products();
    void createTask();
    void createTaskValidation();
    void taskLifeCycle();
    void cancelTask();
    void listTasks();
    void tasksBelongToTheirContract();
    void scenes();
    void downloadLink();
    void fileHost();
    void fileHostRefusesCredentials();
    void expiredAndTamperedLinks();
    void fileDeliveryQuirks();
    void telluricCatalogUrls();
    void deliveryZipIsAZip();
    void requestLog();
    void clock();
    void fixedPorts();
    void standalone();

private:
    Result send(const QByteArray &verb, const QUrl &url, const Headers &headers = {}, const QByteArray &body = {});
    Result get(const QUrl &url, const Headers &headers = {}) { return send("GET", url, headers); }
    Result postJson(const QUrl &url, const QJsonObject &body, const Headers &headers = {});
    Result requestToken(const QString &audience, const QString &clientId = u"emulator-client"_s,
        const QString &secret = u"emulator-secret"_s);
    QString token(const QString &audience = ApiAudience, const QString &clientId = u"emulator-client"_s,
        const QString &secret = u"emulator-secret"_s);
    Headers apiHeaders(const QString &contract = FirstContract);
    QUrl api(const QString &pathAndQuery) const { return QUrl(m_emulator->apiUrl().toString() + pathAndQuery); }
    QUrl accounts(const QString &pathAndQuery) const
    {
        return QUrl(m_emulator->accountsUrl().toString() + pathAndQuery);
    }
    // Creates the seed task under the first contract and lets it complete; returns its id.
    qint64 completedTask();
    QString downloadUrl(const QString &sceneId, const Headers &headers);
    // The body bytes of a GET on its own connection, read until the server closes it.
    static QByteArray rawBody(const QUrl &url);

    QNetworkAccessManager m_nam;
    std::unique_ptr<SatellogicEmulator> m_emulator;
    QString m_apiToken;
};

void TestSatellogicEmulator::initTestCase()
{
    // Loopback only: an http_proxy from the environment must not interfere.
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
}

void TestSatellogicEmulator::init()
{
    m_emulator = std::make_unique<SatellogicEmulator>();
    // The file host is another host (127.0.0.2); a machine that cannot bind it fails the test.
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
    m_apiToken.clear();
}

void TestSatellogicEmulator::cleanup()
{
    m_emulator.reset();
    m_nam.clearConnectionCache();
}

Result TestSatellogicEmulator::send(
    const QByteArray &verb, const QUrl &url, const Headers &headers, const QByteArray &body)
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
    const QMetaObject::Connection reading = connect(reply, &QNetworkReply::readyRead, this, [&result, reply] {
        const QByteArray data = reply->readAll();
        if (!data.isEmpty()) {
            ++result.pieces;
            result.body += data;
        }
    });
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

Result TestSatellogicEmulator::postJson(const QUrl &url, const QJsonObject &body, const Headers &headers)
{
    Headers all = headers;
    all.append(std::make_pair(QByteArray("Content-Type"), QByteArray("application/json")));
    return send("POST", url, all, compact(body));
}

Result TestSatellogicEmulator::requestToken(const QString &audience, const QString &clientId, const QString &secret)
{
    return postJson(QUrl(m_emulator->authUrl().toString() + u"/oauth/token"_s),
        { { "client_id"_L1, clientId }, { "client_secret"_L1, secret }, { "audience"_L1, audience },
            { "grant_type"_L1, u"client_credentials"_s } });
}

QString TestSatellogicEmulator::token(const QString &audience, const QString &clientId, const QString &secret)
{
    const Result result = requestToken(audience, clientId, secret);
    return result.status == 200 ? result.json().value("access_token"_L1).toString() : QString();
}

Headers TestSatellogicEmulator::apiHeaders(const QString &contract)
{
    if (m_apiToken.isEmpty())
        m_apiToken = token();
    Headers headers { { "authorizationToken", "Bearer " + m_apiToken.toLatin1() } };
    if (!contract.isEmpty())
        headers.append(std::make_pair(QByteArray("X-Satellogic-Contract-Id"), contract.toUtf8()));
    return headers;
}

qint64 TestSatellogicEmulator::completedTask()
{
    const Result created = postJson(api(u"/tasking/tasks/"_s), seedTask(), apiHeaders());
    if (created.status != 201)
        return -1;
    m_emulator->advanceClock(180);
    return created.json().value("task_id"_L1).toInteger();
}

QString TestSatellogicEmulator::downloadUrl(const QString &sceneId, const Headers &headers)
{
    const Result link
        = get(api(u"/telluric/scenes/%1/attachments/delivery_zip/download/?redirect=false"_s.arg(sceneId)), headers);
    return link.json().value("url"_L1).toString();
}

QByteArray TestSatellogicEmulator::rawBody(const QUrl &url)
{
    QTcpSocket socket;
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    socket.connectToHost(url.host(), quint16(url.port()));
    if (!connected.wait(WaitMs))
        return "no connection";
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    socket.write("GET " + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
        + " HTTP/1.1\r\nHost: " + url.authority().toLatin1() + "\r\nConnection: close\r\n\r\n");
    QByteArray reply;
    while (closed.isEmpty() && (socket.bytesAvailable() > 0 || closed.wait(WaitMs)))
        reply += socket.readAll();
    reply += socket.readAll();
    const qsizetype headerEnd = reply.indexOf("\r\n\r\n");
    return headerEnd < 0 ? QByteArray() : reply.mid(headerEnd + 4);
}

// ---- auth -----------------------------------------------------------------------------------

void TestSatellogicEmulator::tokenEndpoint()
{
    // Seed 002, step 1: both audiences.
    Result tasking = requestToken(ApiAudience);
    QCOMPARE(tasking.status, 200);
    QCOMPARE(tasking.header("Content-Type"), QByteArray("application/json"));
    QJsonObject body = tasking.json();
    QCOMPARE(body.keys(), QStringList({ u"access_token"_s, u"expires_in"_s, u"scope"_s, u"token_type"_s }));
    QVERIFY(body.value("access_token"_L1).toString().size() >= 32);
    body.remove("access_token"_L1);
    QCOMPARE(body, parse(R"({"scope": "api:tasking api:delivery", "expires_in": 86400, "token_type": "Bearer"})"));

    Result accountsToken = requestToken(u"api"_s);
    QCOMPARE(accountsToken.status, 200);
    body = accountsToken.json();
    QVERIFY(body.value("access_token"_L1).toString() != tasking.json().value("access_token"_L1).toString());
    body.remove("access_token"_L1);
    const QJsonObject accountsTokenBody
        = parse(R"({"scope": "accounts:principals:profile accounts:contracts:read", "expires_in": 86400,
                  "token_type": "Bearer"})");
    QCOMPARE(body, accountsTokenBody);

    // Legacy credentials use the same endpoint here.
    QCOMPARE(requestToken(ApiAudience, u"legacy-client"_s, u"legacy-secret"_s).status, 200);
    m_emulator->addClient(u"another"_s, u"s3cret"_s);
    m_emulator->setTokenLifetime(120);
    const Result shortLived = requestToken(ApiAudience, u"another"_s, u"s3cret"_s);
    QCOMPARE(shortLived.status, 200);
    QCOMPARE(shortLived.json().value("expires_in"_L1).toInt(), 120);

    // A form body is not what Satellogic documents.
    const QByteArray form = "client_id=emulator-client&client_secret=emulator-secret&audience="
        + QUrl::toPercentEncoding(ApiAudience) + "&grant_type=client_credentials";
    const Result formResult = send("POST", QUrl(m_emulator->authUrl().toString() + u"/oauth/token"_s),
        { { "Content-Type", "application/x-www-form-urlencoded" } }, form);
    QCOMPARE(formResult.status, 400);
    QCOMPARE(formResult.json().value("error"_L1).toString(), u"invalid_request"_s);
    QVERIFY(!formResult.json().value("error_description"_L1).toString().isEmpty());

    const QUrl tokenUrl(m_emulator->authUrl().toString() + u"/oauth/token"_s);
    Result bad = postJson(tokenUrl,
        { { "client_id"_L1, u"emulator-client"_s }, { "client_secret"_L1, u"emulator-secret"_s },
            { "audience"_L1, ApiAudience }, { "grant_type"_L1, u"password"_s } });
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.json(),
        parse(R"({"error": "unsupported_grant_type", "error_description": "Unsupported grant type: password"})"));

    bad = postJson(tokenUrl,
        { { "client_id"_L1, u"emulator-client"_s }, { "client_secret"_L1, u"emulator-secret"_s },
            { "audience"_L1, ApiAudience } });
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.json(),
        parse(R"({"error": "invalid_request", "error_description": "Missing required parameter: grant_type"})"));

    const QJsonObject unauthorized = parse(R"({"error": "access_denied", "error_description": "Unauthorized"})");
    bad = requestToken(ApiAudience, u"emulator-client"_s, u"wrong"_s);
    QCOMPARE(bad.status, 401);
    QCOMPARE(bad.json(), unauthorized);
    bad = requestToken(ApiAudience, u"nobody"_s, u"emulator-secret"_s);
    QCOMPARE(bad.status, 401);
    QCOMPARE(bad.json(), unauthorized);
    m_emulator->removeClient(u"another"_s);
    QCOMPARE(requestToken(ApiAudience, u"another"_s, u"s3cret"_s).status, 401);

    bad = requestToken(u"https://api.satellogic.com"_s); // no trailing slash: another audience
    QCOMPARE(bad.status, 403);
    const QJsonObject noSuchAudience = parse(R"({"error": "access_denied",
                  "error_description": "Service not enabled within domain: https://api.satellogic.com"})");
    QCOMPARE(bad.json(), noSuchAudience);
    bad = postJson(tokenUrl,
        { { "client_id"_L1, u"emulator-client"_s }, { "client_secret"_L1, u"emulator-secret"_s },
            { "grant_type"_L1, u"client_credentials"_s } });
    QCOMPARE(bad.status, 403);
    QCOMPARE(bad.json().value("error"_L1).toString(), u"access_denied"_s);

    QCOMPARE(get(tokenUrl).status, 405);
    QCOMPARE(get(QUrl(m_emulator->authUrl().toString() + u"/authorize"_s)).status, 404);
}

void TestSatellogicEmulator::tokenRequestCounts()
{
    QCOMPARE(m_emulator->tokenRequestCount(), 0);
    QVERIFY(!token().isEmpty());
    QVERIFY(!token(u"api"_s).isEmpty());
    QVERIFY(token(ApiAudience, u"emulator-client"_s, u"wrong"_s).isEmpty());
    QVERIFY(token(u"other"_s).isEmpty());
    QCOMPARE(m_emulator->tokenRequestCount(), 4);
    QCOMPARE(m_emulator->tokenRequestCount(ApiAudience), 2);
    QCOMPARE(m_emulator->tokenRequestCount(u"api"_s), 1);
    QCOMPARE(m_emulator->tokenRequestCount(u"other"_s), 1);
    m_emulator->clearRequests();
    QCOMPARE(m_emulator->tokenRequestCount(), 0);
}

// ---- accounts -------------------------------------------------------------------------------

void TestSatellogicEmulator::contracts()
{
    const Headers auth { { "Authorization", "Bearer " + token(u"api"_s).toLatin1() } };
    const Result all = get(accounts(u"/v2/my/contracts"_s), auth);
    QCOMPARE(all.status, 200);
    // Seed 002, step 2, with its missing commas restored and the archive collections emulated.
    const QJsonObject seedContracts = parse(R"({
        "count": 2, "next": null, "previous": null,
        "results": [
          {"contract_id": "cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14", "name": "First contract",
           "account": "acct.64762159-1df5-4599-9916-79f9f78d8fb8",
           "archive_configuration": {"restrictions": ["archive-restriction-1", "archive-restriction-2"],
                                     "collections": ["quickview-visual-thumb", "l1d-sr"]},
           "tasking_configuration": {"has_credentials": true},
           "created_at": "2024-10-25T10:27:56.152557", "updated_at": "2024-10-25T10:28:50.295054",
           "status": "ACTIVE"},
          {"contract_id": "cont.022dc3f5-1ccd-48bc-98cd-6e0d668ed50e", "name": "Second contract",
           "account": "acct.64762159-1df5-4599-9916-79f9f78d8fb8",
           "archive_configuration": null,
           "tasking_configuration": {"has_credentials": true},
           "created_at": "2024-10-25T10:27:56.152557", "updated_at": "2024-10-25T10:28:50.295054",
           "status": "ACTIVE"}
        ]})");
    QCOMPARE(all.json(), seedContracts);

    // limit/offset paging with absolute links, as Django REST framework builds them.
    const QString origin = m_emulator->accountsUrl().toString();
    const Result first = get(accounts(u"/v2/my/contracts?limit=1"_s), auth);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json().value("count"_L1).toInt(), 2);
    QCOMPARE(first.json().value("next"_L1).toString(), origin + u"/v2/my/contracts?limit=1&offset=1"_s);
    QVERIFY(first.json().value("previous"_L1).isNull());
    QCOMPARE(first.results().size(), 1);
    QCOMPARE(first.results().at(0).toObject().value("contract_id"_L1).toString(), FirstContract);
    const Result second = get(QUrl(first.json().value("next"_L1).toString()), auth);
    QCOMPARE(second.status, 200);
    QVERIFY(second.json().value("next"_L1).isNull());
    QCOMPARE(second.json().value("previous"_L1).toString(), origin + u"/v2/my/contracts?limit=1"_s);
    QCOMPARE(second.results().at(0).toObject().value("contract_id"_L1).toString(), SecondContract);

    m_emulator->setPageSize(1);
    QCOMPARE(get(accounts(u"/v2/my/contracts"_s), auth).json().value("next"_L1).toString(),
        origin + u"/v2/my/contracts?limit=1&offset=1"_s);

    QJsonObject mine = m_emulator->contracts().constFirst();
    mine.insert("contract_id"_L1, u"cont.mine"_s);
    m_emulator->setContracts({ mine });
    m_emulator->setPageSize(100);
    const Result replaced = get(accounts(u"/v2/my/contracts"_s), auth);
    QCOMPARE(replaced.json().value("count"_L1).toInt(), 1);
    QCOMPARE(replaced.results().at(0).toObject().value("contract_id"_L1).toString(), u"cont.mine"_s);
}

void TestSatellogicEmulator::contractsRefuseWrongCredentials()
{
    const QJsonObject notProvided = parse(R"({"detail": "Authentication credentials were not provided."})");
    const QJsonObject invalid = parse(R"({"detail": "Invalid token."})");
    const QByteArray accountsToken = token(u"api"_s).toLatin1();

    Result result = get(accounts(u"/v2/my/contracts"_s));
    QCOMPARE(result.status, 401);
    QCOMPARE(result.json(), notProvided);
    // The API gateway's header is not the accounts service's (seed 002's warning).
    result = get(accounts(u"/v2/my/contracts"_s), { { "authorizationToken", "Bearer " + accountsToken } });
    QCOMPARE(result.status, 401);
    QCOMPARE(result.json(), notProvided);
    // A token for the other audience.
    result = get(accounts(u"/v2/my/contracts"_s), { { "Authorization", "Bearer " + token().toLatin1() } });
    QCOMPARE(result.status, 401);
    QCOMPARE(result.json(), invalid);
    result = get(accounts(u"/v2/my/contracts"_s), { { "Authorization", "Bearer not-a-token" } });
    QCOMPARE(result.status, 401);
    QCOMPARE(result.json(), invalid);
    // Legacy credentials have no contracts.
    const QByteArray legacy = token(u"api"_s, u"legacy-client"_s, u"legacy-secret"_s).toLatin1();
    result = get(accounts(u"/v2/my/contracts"_s), { { "Authorization", "Bearer " + legacy } });
    QCOMPARE(result.status, 403);
    QCOMPARE(result.json(), parse(R"({"detail": "You do not have permission to perform this action."})"));

    // Still valid one second before the 24 hours are over, not after.
    QCOMPARE(get(accounts(u"/v2/my/contracts"_s), { { "Authorization", "Bearer " + accountsToken } }).status, 200);
    m_emulator->advanceClock(86400 - 5);
    QCOMPARE(get(accounts(u"/v2/my/contracts"_s), { { "Authorization", "Bearer " + accountsToken } }).status, 200);
    m_emulator->advanceClock(5);
    result = get(accounts(u"/v2/my/contracts"_s), { { "Authorization", "Bearer " + accountsToken } });
    QCOMPARE(result.status, 401);
    QCOMPARE(result.json(), invalid);
}

// ---- API gateway ----------------------------------------------------------------------------

void TestSatellogicEmulator::gatewayAuthorizer()
{
    const QJsonObject unauthorized = parse(R"({"message": "Unauthorized"})");
    const QByteArray apiToken = token().toLatin1();
    const QByteArray contract = FirstContract.toLatin1();

    // Header names are case-insensitive (seed 001 writes AuthorizationToken).
    for (const QByteArray &name :
        { QByteArray("authorizationToken"), QByteArray("AuthorizationToken"), QByteArray("AUTHORIZATIONTOKEN") }) {
        const Result ok = get(
            api(u"/tasking/products/"_s), { { name, "Bearer " + apiToken }, { "X-Satellogic-Contract-Id", contract } });
        QVERIFY2(ok.status == 200, name.constData());
    }
    QCOMPARE(get(api(u"/tasking/products/"_s),
                 { { "authorizationToken", "bearer " + apiToken }, { "x-satellogic-contract-id", contract } })
                 .status,
        200);

    const QList<Headers> refused {
        { { "X-Satellogic-Contract-Id", contract } },
        { { "Authorization", "Bearer " + apiToken }, { "X-Satellogic-Contract-Id", contract } },
        { { "authorizationToken", apiToken }, { "X-Satellogic-Contract-Id", contract } },
        { { "authorizationToken", "Bearer nonsense" }, { "X-Satellogic-Contract-Id", contract } },
        { { "authorizationToken", "Bearer " + token(u"api"_s).toLatin1() }, { "X-Satellogic-Contract-Id", contract } },
    };
    for (const Headers &headers : refused) {
        const Result result = get(api(u"/tasking/products/"_s), headers);
        QCOMPARE(result.status, 401);
        QCOMPARE(result.json(), unauthorized);
    }

    // API Gateway's answer for a route it does not know, credentials or not.
    const Result unknown = get(api(u"/v1/things"_s), apiHeaders());
    QCOMPARE(unknown.status, 403);
    QCOMPARE(unknown.json(), parse(R"({"message": "Missing Authentication Token"})"));

    m_emulator->advanceClock(86400);
    const Result expired = get(api(u"/tasking/products/"_s),
        { { "authorizationToken", "Bearer " + apiToken }, { "X-Satellogic-Contract-Id", contract } });
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.json(), unauthorized);
}

void TestSatellogicEmulator::gatewayContractHeader()
{
    Result result = get(api(u"/tasking/products/"_s), apiHeaders(QString()));
    QCOMPARE(result.status, 403);
    QCOMPARE(
        result.json(), parse(R"({"message": "Missing required header X-Satellogic-Contract-Id: choose a contract"})"));
    result = get(api(u"/archive/stac/"_s), apiHeaders(QString()));
    QCOMPARE(result.status, 403);

    result = get(api(u"/tasking/products/"_s), apiHeaders(u"cont.00000000-0000-0000-0000-000000000000"_s));
    QCOMPARE(result.status, 403);
    QCOMPARE(result.json(),
        parse(
            R"({"message": "Unknown contract cont.00000000-0000-0000-0000-000000000000: the contract does not exist or is not yours"})"));

    QCOMPARE(get(api(u"/tasking/products/"_s), apiHeaders(SecondContract)).status, 200);

    // A contract without tasking credentials.
    QJsonObject noTasking = m_emulator->contracts().at(1);
    noTasking.insert("tasking_configuration"_L1, QJsonObject { { "has_credentials"_L1, false } });
    m_emulator->setContracts({ m_emulator->contracts().at(0), noTasking });
    result = get(api(u"/tasking/products/"_s), apiHeaders(SecondContract));
    QCOMPARE(result.status, 403);
    QCOMPARE(result.json(), parse(R"({"detail": "Contract has no tasking credentials"})"));
    result = postJson(api(u"/tasking/tasks/"_s), seedTask(), apiHeaders(SecondContract));
    QCOMPARE(result.status, 403);
}

void TestSatellogicEmulator::legacyCredentials()
{
    const QByteArray legacy = token(ApiAudience, u"legacy-client"_s, u"legacy-secret"_s).toLatin1();
    // No contract selection with legacy credentials (seed 002): no header needed ...
    Result result = get(api(u"/tasking/products/"_s), { { "authorizationToken", "Bearer " + legacy } });
    QCOMPARE(result.status, 200);
    result = postJson(api(u"/archive/stac/search"_s),
        { { "collections"_L1, QJsonArray { u"quickview-visual-thumb"_s, u"l1d-sr"_s } }, { "limit"_L1, 100 } },
        { { "authorizationToken", "Bearer " + legacy } });
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json().value("features"_L1).toArray().size(), 24);
    // ... and none accepted.
    result = get(api(u"/tasking/products/"_s),
        { { "authorizationToken", "Bearer " + legacy }, { "X-Satellogic-Contract-Id", FirstContract.toLatin1() } });
    QCOMPARE(result.status, 403);
    QVERIFY(result.json().value("message"_L1).toString().contains(u"X-Satellogic-Contract-Id"_s));

    // Legacy tasks are the legacy client's own.
    result = postJson(api(u"/tasking/tasks/"_s), seedTask(), { { "authorizationToken", "Bearer " + legacy } });
    QCOMPARE(result.status, 201);
    const qint64 id = result.json().value("task_id"_L1).toInteger();
    QCOMPARE(get(api(u"/tasking/tasks/%1"_s.arg(id)), { { "authorizationToken", "Bearer " + legacy } }).status, 200);
    QCOMPARE(get(api(u"/tasking/tasks/%1"_s.arg(id)), apiHeaders()).status, 404);
}

// ---- archive --------------------------------------------------------------------------------

void TestSatellogicEmulator::archiveSearch()
{
    // Seed 000: a CQL2-JSON search for one outcome id.
    const Result search = postJson(api(u"/archive/stac/search"_s), parse(R"({
        "collections": ["quickview-visual-thumb"], "filter-lang": "cql2-json",
        "filter": {"op": "=", "args": [{"property": "satl:outcome_id"}, "cfa879d1-f136-4ac6-ba2f-639f329b2d23"]}})"),
        apiHeaders());
    QCOMPARE(search.status, 200);
    const QJsonArray features = search.json().value("features"_L1).toArray();
    QCOMPARE(features.size(), 4); // one capture: four tiles of the 2 km grid
    QSet<QString> gridCodes;
    for (const QJsonValue &value : features) {
        const QJsonObject item = value.toObject();
        const QJsonObject properties = item.value("properties"_L1).toObject();
        QCOMPARE(item.value("collection"_L1).toString(), u"quickview-visual-thumb"_s);
        QCOMPARE(properties.value("satl:outcome_id"_L1).toString(), OutcomeId);
        QCOMPARE(properties.value("satl:product_name"_L1).toString(), u"QUICKVIEW_VISUAL"_s);
        for (const char *key :
            { "datetime", "eo:cloud_cover", "gsd", "proj:epsg", "satl:valid_pixel", "grid:code", "platform" })
            QVERIFY2(properties.contains(QLatin1StringView(key)), key);
        // 54.38 E, 24.47 N lies in UTM zone 40 north.
        QCOMPARE(properties.value("proj:epsg"_L1).toInt(), 32640);
        const QString gridCode = properties.value("grid:code"_L1).toString();
        QVERIFY2(gridCode.startsWith(u"SATL-2KM-40N_"_s), qPrintable(gridCode));
        QVERIFY(item.value("id"_L1).toString().endsWith(gridCode));
        gridCodes.insert(gridCode);
        // A 2 km tile: about 0.018 degrees of latitude.
        const QJsonArray bbox = item.value("bbox"_L1).toArray();
        const double latSpan = bbox.at(3).toDouble() - bbox.at(1).toDouble();
        QVERIFY2(latSpan > 0.0175 && latSpan < 0.0187, qPrintable(QString::number(latSpan)));
        QCOMPARE(item.value("geometry"_L1).toObject().value("type"_L1).toString(), u"Polygon"_s);
        const QJsonObject assets = item.value("assets"_L1).toObject();
        QCOMPARE(assets.keys(), QStringList({ u"analytic"_s, u"preview"_s, u"thumbnail"_s }));
        const QString prefix = m_emulator->apiUrl().toString() + u"/archive/files/quickview-visual-thumb/"_s
            + item.value("id"_L1).toString() + u'/';
        QCOMPARE(assets.value("preview"_L1).toObject().value("href"_L1).toString(), prefix + u"preview.png"_s);
        QCOMPARE(assets.value("preview"_L1).toObject().value("type"_L1).toString(), u"image/png"_s);
        QCOMPARE(assets.value("thumbnail"_L1).toObject().value("type"_L1).toString(), u"image/png"_s);
        QVERIFY(assets.value("analytic"_L1).toObject().value("type"_L1).toString().startsWith(u"image/tiff"_s));
    }
    QCOMPARE(gridCodes.size(), 4);

    // The same capture is in l1d-sr; the three captures make 12 tiles per collection.
    const Result l1d = postJson(api(u"/archive/stac/search"_s),
        { { "collections"_L1, QJsonArray { u"l1d-sr"_s } }, { "limit"_L1, 100 } }, apiHeaders());
    QCOMPARE(l1d.status, 200);
    QCOMPARE(l1d.json().value("features"_L1).toArray().size(), 12);
    QCOMPARE(m_emulator->archiveItemIds(u"l1d-sr"_s).size(), 12);

    // The landing page and its links sit on the API origin below /archive/stac.
    const Result landing = get(api(u"/archive/stac/"_s), apiHeaders());
    QCOMPARE(landing.status, 200);
    const QJsonArray links = landing.json().value("links"_L1).toArray();
    bool searchLink = false;
    for (const QJsonValue &link : links) {
        if (link.toObject().value("rel"_L1).toString() == "search"_L1) {
            searchLink = true;
            QCOMPARE(link.toObject().value("href"_L1).toString(),
                m_emulator->apiUrl().toString() + u"/archive/stac/search"_s);
        }
    }
    QVERIFY(searchLink);
    const Result collections = get(api(u"/archive/stac/collections"_s), apiHeaders());
    QCOMPARE(collections.status, 200);
    QStringList ids;
    const QJsonArray list = collections.json().value("collections"_L1).toArray();
    for (const QJsonValue &collection : list)
        ids.append(collection.toObject().value("id"_L1).toString());
    ids.sort();
    QCOMPARE(ids, QStringList({ u"l1d-sr"_s, u"quickview-visual-thumb"_s }));

    QCOMPARE(get(api(u"/archive/stac/"_s)).status, 401);
}

void TestSatellogicEmulator::archiveContractRules()
{
    // The second contract has archive_configuration null.
    Result result = postJson(api(u"/archive/stac/search"_s), { { "collections"_L1, QJsonArray { u"l1d-sr"_s } } },
        apiHeaders(SecondContract));
    QCOMPARE(result.status, 403);
    QCOMPARE(result.json(),
        parse(R"({"message": "Contract cont.022dc3f5-1ccd-48bc-98cd-6e0d668ed50e has no archive access"})"));
    QCOMPARE(get(api(u"/archive/stac/"_s), apiHeaders(SecondContract)).status, 403);

    // Collections outside the contract's archive_configuration.collections.
    result = postJson(
        api(u"/archive/stac/search"_s), { { "collections"_L1, QJsonArray { u"quickview-visual"_s } } }, apiHeaders());
    QCOMPARE(result.status, 403);
    QCOMPARE(result.json(),
        parse(
            R"({"message": "Contract cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14 has no access to collection quickview-visual"})"));

    // A contract limited to l1d-sr: searches without collections stay inside it.
    QJsonObject narrow = m_emulator->contracts().at(0);
    narrow.insert("archive_configuration"_L1,
        QJsonObject { { "restrictions"_L1, QJsonArray {} }, { "collections"_L1, QJsonArray { u"l1d-sr"_s } } });
    m_emulator->setContracts({ narrow, m_emulator->contracts().at(1) });
    result = postJson(api(u"/archive/stac/search"_s), { { "limit"_L1, 100 } }, apiHeaders());
    QCOMPARE(result.status, 200);
    const QJsonArray features = result.json().value("features"_L1).toArray();
    QCOMPARE(features.size(), 12);
    for (const QJsonValue &feature : features)
        QCOMPARE(feature.toObject().value("collection"_L1).toString(), u"l1d-sr"_s);
    result = get(api(u"/archive/stac/search?limit=100"_s), apiHeaders());
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json().value("features"_L1).toArray().size(), 12);
    QCOMPARE(get(api(u"/archive/stac/search?collections=quickview-visual-thumb"_s), apiHeaders()).status, 403);
    QCOMPARE(get(api(u"/archive/stac/collections/quickview-visual-thumb/items"_s), apiHeaders()).status, 403);
    QCOMPARE(get(api(u"/archive/stac/collections/l1d-sr/items"_s), apiHeaders()).status, 200);

    const QString quickview = m_emulator->archiveItemIds(u"quickview-visual-thumb"_s).constFirst();
    result = get(api(u"/archive/files/quickview-visual-thumb/%1/preview.png"_s.arg(quickview)), apiHeaders());
    QCOMPARE(result.status, 403);
}

void TestSatellogicEmulator::archiveQueryExtension()
{
    const QJsonObject withQuery = parse(R"({"collections": ["quickview-visual-thumb"],
        "query": {"satl:product_name": {"eq": "QUICKVIEW_VISUAL"}}})");
    QCOMPARE(postJson(api(u"/archive/stac/search"_s), withQuery, apiHeaders()).status, 200);
    m_emulator->setRejectQueryExtension(true);
    const Result refused = postJson(api(u"/archive/stac/search"_s), withQuery, apiHeaders());
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.json(), parse(R"({"message": "Forbidden"})"));
    QJsonObject withoutQuery = withQuery;
    withoutQuery.remove("query"_L1);
    QCOMPARE(postJson(api(u"/archive/stac/search"_s), withoutQuery, apiHeaders()).status, 200);
}

void TestSatellogicEmulator::archivePaging()
{
    // The next link of a POST search carries a token in its body (satellogic.md section 3).
    QJsonObject body = parse(R"({"collections": ["quickview-visual-thumb", "l1d-sr"], "limit": 5,
        "filter-lang": "cql2-json",
        "filter": {"op": "=", "args": [{"property": "satl:outcome_id"}, "cfa879d1-f136-4ac6-ba2f-639f329b2d23"]}})");
    Result page = postJson(api(u"/archive/stac/search"_s), body, apiHeaders());
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json().value("features"_L1).toArray().size(), 5);
    QJsonObject next;
    const QJsonArray links = page.json().value("links"_L1).toArray();
    for (const QJsonValue &link : links) {
        if (link.toObject().value("rel"_L1).toString() == "next"_L1)
            next = link.toObject();
    }
    QCOMPARE(next.value("href"_L1).toString(), m_emulator->apiUrl().toString() + u"/archive/stac/search"_s);
    QCOMPARE(next.value("method"_L1).toString(), u"POST"_s);
    QVERIFY(!next.value("body"_L1).toObject().value("token"_L1).toString().isEmpty());
    body.insert("token"_L1, next.value("body"_L1).toObject().value("token"_L1));
    page = postJson(QUrl(next.value("href"_L1).toString()), body, apiHeaders());
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json().value("features"_L1).toArray().size(), 3);
}

void TestSatellogicEmulator::archiveAssets()
{
    const QString itemId = m_emulator->archiveItemIds(u"quickview-visual-thumb"_s).constFirst();
    const QString base = u"/archive/files/quickview-visual-thumb/%1/"_s.arg(itemId);

    // Seed 000 downloads the preview with the same two headers.
    const Result preview = get(api(base + u"preview.png"_s), apiHeaders());
    QCOMPARE(preview.status, 200);
    QCOMPARE(preview.header("Content-Type"), QByteArray("image/png"));
    QCOMPARE(preview.body, m_emulator->previewBytes(itemId));
    QVERIFY(preview.body.startsWith("\x89PNG\r\n\x1a\n"));
    // IHDR: 256 x 256, 8-bit RGB; the IDAT zlib stream inflates to 256 rows of 1 + 3 * 256 bytes.
    QCOMPARE(qFromBigEndian<quint32>(preview.body.constData() + 16), 256u);
    QCOMPARE(qFromBigEndian<quint32>(preview.body.constData() + 20), 256u);
    QCOMPARE(preview.body.mid(12, 4), QByteArray("IHDR"));
    const qsizetype idat = preview.body.indexOf("IDAT");
    QVERIFY(idat > 0);
    const quint32 idatLength = qFromBigEndian<quint32>(preview.body.constData() + idat - 4);
    QByteArray zlib(4, '\0');
    qToBigEndian<quint32>(256 * (1 + 3 * 256), zlib.data());
    zlib += preview.body.mid(idat + 4, idatLength);
    QCOMPARE(qUncompress(zlib).size(), 256 * (1 + 3 * 256));

    const Result range = get(api(base + u"preview.png"_s), apiHeaders() + Headers { { "Range", "bytes=0-7" } });
    QCOMPARE(range.status, 206);
    QCOMPARE(range.body, QByteArray("\x89PNG\r\n\x1a\n"));

    const Result thumbnail = get(api(base + u"thumbnail.png"_s), apiHeaders());
    QCOMPARE(thumbnail.status, 200);
    QCOMPARE(qFromBigEndian<quint32>(thumbnail.body.constData() + 16), 64u);
    QCOMPARE(thumbnail.body, m_emulator->archiveAssetBytes(itemId, u"thumbnail"_s));

    const Result analytic = get(api(base + u"analytic.tif"_s), apiHeaders());
    QCOMPARE(analytic.status, 200);
    QVERIFY(analytic.body.startsWith(QByteArray("II*\0", 4)));
    QCOMPARE(analytic.body, m_emulator->archiveAssetBytes(itemId, u"analytic"_s));

    // The same credentials as the rest of the API.
    Result refused = get(api(base + u"preview.png"_s));
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.json(), parse(R"({"message": "Unauthorized"})"));
    refused = get(api(base + u"preview.png"_s), apiHeaders(QString()));
    QCOMPARE(refused.status, 403);
    refused = get(api(base + u"preview.png"_s), apiHeaders(SecondContract));
    QCOMPARE(refused.status, 403);
    QCOMPARE(get(api(base + u"nothing.png"_s), apiHeaders()).status, 404);
    QCOMPARE(get(api(u"/archive/files/l1d-sr/%1/preview.png"_s.arg(itemId)), apiHeaders()).status, 404);
}

// ---- tasking --------------------------------------------------------------------------------

void TestSatellogicEmulator::products()
{
    const Result result = get(api(u"/tasking/products/"_s), apiHeaders());
    QCOMPARE(result.status, 200);
    const QJsonObject seedProducts = parse(R"({"count": 2, "next": null, "previous": null,
        "results": [{"pk": 169, "name": "Multispectral 70cm", "is_area": false},
                    {"pk": 178, "name": "Area Coverage 70cm", "is_area": true}]})");
    QCOMPARE(result.json(), seedProducts);
}

void TestSatellogicEmulator::createTask()
{
    // Seed 002, step 3: times normalised to UTC, a z coordinate added, the first task_id.
    const Result created = postJson(api(u"/tasking/tasks/"_s), seedTask(), apiHeaders());
    QCOMPARE(created.status, 201);
    QJsonObject task = created.json();
    const QString createdTime = task.take("created_time"_L1).toString();
    QVERIFY2(
        QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?Z$"_s).match(createdTime).hasMatch(),
        qPrintable(createdTime));
    const QJsonObject seedTaskResponse
        = parse(R"({"task_id": 23272, "task_name": "My first task", "project_name": "My first task project",
        "product": 169, "start": "2020-12-22T21:00:00Z", "end": "2021-01-11T21:00:00Z", "priority": 13,
        "client": "Emulator client", "target": {"type": "Point", "coordinates": [72.905273, 19.023001, 0.0]},
        "status": "received"})");
    QCOMPARE(task, seedTaskResponse);
    QVERIFY(created.json().value("task_id"_L1).isDouble());
    QVERIFY(!created.headers.isEmpty() && created.header("Location").isEmpty());

    // Naive times are UTC; an area product takes a polygon, every position gets its z.
    const Result area = postJson(api(u"/tasking/tasks/"_s), parse(R"({"task_name": "Area", "project_name": "P",
        "product": 178, "start": "2025-06-12T00:00:00", "end": "2025-06-23T12:30:00.250",
        "target": {"type": "Polygon", "coordinates": [[[10, 20], [10.1, 20], [10.1, 20.1], [10, 20]]]}})"),
        apiHeaders());
    QCOMPARE(area.status, 201);
    QCOMPARE(area.json().value("task_id"_L1).toInteger(), 23273);
    QCOMPARE(area.json().value("start"_L1).toString(), u"2025-06-12T00:00:00Z"_s);
    QCOMPARE(area.json().value("end"_L1).toString(), u"2025-06-23T12:30:00.250000Z"_s);
    QCOMPARE(area.json().value("target"_L1).toObject(),
        parse(
            R"({"type": "Polygon", "coordinates": [[[10, 20, 0.0], [10.1, 20, 0.0], [10.1, 20.1, 0.0], [10, 20, 0.0]]]})"));

    // The emulator's own view and a task created directly for a test.
    QCOMPARE(m_emulator->task(23272).value("task_name"_L1).toString(), u"My first task"_s);
    QCOMPARE(m_emulator->addTask(seedTask(), FirstContract), 23274);
    QCOMPARE(get(api(u"/tasking/tasks/23274"_s), apiHeaders()).status, 200);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"addTask"_s));
    QCOMPARE(m_emulator->addTask(QJsonObject(), FirstContract), -1);
    QVERIFY(m_emulator->task(99999).isEmpty());
}

void TestSatellogicEmulator::createTaskValidation()
{
    const auto errors = [this](const QJsonObject &body) {
        const Result result = postJson(api(u"/tasking/tasks/"_s), body, apiHeaders());
        return std::make_pair(result.status, result.json());
    };
    const auto with = [](const char *key, const QJsonValue &value) {
        QJsonObject body = seedTask();
        body.insert(QLatin1StringView(key), value);
        return body;
    };

    const QJsonObject allRequired
        = parse(R"({"task_name": ["This field is required."], "project_name": ["This field is required."],
            "product": ["This field is required."], "target": ["This field is required."],
            "start": ["This field is required."], "end": ["This field is required."]})");
    QCOMPARE(errors(QJsonObject()), std::make_pair(400, allRequired));
    QCOMPARE(errors(with("task_name", u"   "_s)),
        std::make_pair(400, parse(R"({"task_name": ["This field may not be blank."]})")));
    QCOMPARE(errors(with("project_name", QJsonValue())),
        std::make_pair(400, parse(R"({"project_name": ["This field may not be null."]})")));
    // Outside the macro: moc reads a raw string's \" as an escape.
    const QJsonObject noSuchProduct = parse(R"({"product": ["Invalid pk \"999\" - object does not exist."]})");
    QCOMPARE(errors(with("product", 999)), std::make_pair(400, noSuchProduct));
    QCOMPARE(errors(with("product", u"many"_s)),
        std::make_pair(400, parse(R"({"product": ["Incorrect type. Expected pk value, received str."]})")));
    QCOMPARE(errors(with("target", parse(R"({"type": "Polygon", "coordinates": [[[1, 2], [1, 3], [2, 3], [1, 2]]]})"))),
        std::make_pair(
            400, parse(R"({"target": ["Product 169 (Multispectral 70cm) takes a Point target, not a Polygon."]})")));
    QJsonObject pointForArea = seedTask();
    pointForArea.insert("product"_L1, 178);
    QCOMPARE(errors(pointForArea),
        std::make_pair(
            400, parse(R"({"target": ["Product 178 (Area Coverage 70cm) takes a Polygon target, not a Point."]})")));
    const QJsonObject invalidFormat = parse(
        R"({"target": ["Invalid format: string or unicode input unrecognized as GeoJSON, WKT EWKT or HEXEWKB."]})");
    QCOMPARE(errors(with("target", u"POINT (1 2)"_s)), std::make_pair(400, invalidFormat));
    QCOMPARE(
        errors(with("target", parse(R"({"type": "Point", "coordinates": [1]})"))), std::make_pair(400, invalidFormat));
    QCOMPARE(errors(with("target", parse(R"({"type": "Polygon", "coordinates": [[[1, 2], [1, 3], [2, 3], [5, 5]]]})"))),
        std::make_pair(400, invalidFormat));
    QCOMPARE(errors(with("target", parse(R"({"type": "Point", "coordinates": [200, 10]})"))).first, 400);
    const QJsonObject wrongFormat = parse(
        R"({"start": ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]})");
    QCOMPARE(errors(with("start", u"yesterday"_s)), std::make_pair(400, wrongFormat));
    QCOMPARE(errors(with("start", 1700000000)), std::make_pair(400, wrongFormat));
    QCOMPARE(errors(with("end", u"2020-12-01T00:00:00Z"_s)),
        std::make_pair(400, parse(R"({"non_field_errors": ["end must be after start."]})")));

    // Not JSON at all.
    Result result = send("POST", api(u"/tasking/tasks/"_s), apiHeaders() + Headers { { "Content-Type", "text/plain" } },
        compact(seedTask()));
    QCOMPARE(result.status, 415);
    const QJsonObject unsupported = parse(R"({"detail": "Unsupported media type \"text/plain\" in request."})");
    QCOMPARE(result.json(), unsupported);
    result = send("POST", api(u"/tasking/tasks/"_s), apiHeaders() + Headers { { "Content-Type", "application/json" } },
        "{\"task_name\":");
    QCOMPARE(result.status, 400);
    QVERIFY(result.json().value("detail"_L1).toString().startsWith(u"JSON parse error - "_s));

    // Refused requests use no task id.
    QCOMPARE(
        postJson(api(u"/tasking/tasks/"_s), seedTask(), apiHeaders()).json().value("task_id"_L1).toInteger(), 23272);
}

void TestSatellogicEmulator::taskLifeCycle()
{
    const Result created = postJson(api(u"/tasking/tasks/"_s), seedTask(), apiHeaders());
    QCOMPARE(created.status, 201);
    const QString path = u"/tasking/tasks/23272"_s;

    // Received: nothing planned yet.
    QCOMPARE(get(api(path), apiHeaders()).json().value("status"_L1).toString(), u"received"_s);
    Result captures = get(api(path + u"/captures/"_s), apiHeaders());
    QCOMPARE(captures.status, 200);
    QCOMPARE(captures.json(), parse(R"({"count": 0, "next": null, "previous": null, "results": []})"));

    // In progress after 60 s: two planned captures (seed 002, step 5: newsat15 and newsat9).
    m_emulator->advanceClock(59);
    QCOMPARE(get(api(path), apiHeaders()).json().value("status"_L1).toString(), u"received"_s);
    m_emulator->advanceClock(1);
    Result task = get(api(path), apiHeaders());
    QCOMPARE(task.json().value("status"_L1).toString(), u"in_progress"_s);
    // With and without the trailing slash (docs vs. Satellogic's own sample code).
    QCOMPARE(get(api(path + u'/'), apiHeaders()).json(), task.json());
    captures = get(api(path + u"/captures/"_s), apiHeaders());
    QCOMPARE(captures.json().value("count"_L1).toInt(), 2);
    const QRegularExpression uuid(u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s);
    QStringList planned;
    const QStringList satellites { u"newsat15"_s, u"newsat9"_s };
    for (int i = 0; i < 2; ++i) {
        const QJsonObject capture = captures.results().at(i).toObject();
        QCOMPARE(capture.keys(), QStringList({ u"capture_id"_s, u"satellite_name"_s, u"start"_s, u"status"_s }));
        QVERIFY(uuid.match(capture.value("capture_id"_L1).toString()).hasMatch());
        QCOMPARE(capture.value("satellite_name"_L1).toString(), satellites.at(i));
        QCOMPARE(capture.value("status"_L1).toString(), u"planned"_s);
        QVERIFY(capture.value("start"_L1).toString().endsWith(u'Z'));
        planned.append(capture.value("capture_id"_L1).toString());
    }
    QVERIFY(planned.at(0) != planned.at(1));

    // Completed after 180 s: the same captures, published.
    m_emulator->advanceClock(120);
    task = get(api(path), apiHeaders());
    QCOMPARE(task.json().value("status"_L1).toString(), u"completed"_s);
    QCOMPARE(m_emulator->task(23272), task.json());
    captures = get(api(path + u"/captures/?limit=1"_s), apiHeaders());
    QCOMPARE(captures.json().value("count"_L1).toInt(), 2);
    QCOMPARE(captures.json().value("next"_L1).toString(),
        m_emulator->apiUrl().toString() + u"/tasking/tasks/23272/captures/?limit=1&offset=1"_s);
    QCOMPARE(captures.results().at(0).toObject().value("capture_id"_L1).toString(), planned.at(0));
    QCOMPARE(captures.results().at(0).toObject().value("status"_L1).toString(), u"published"_s);

    // Timings are settable; an operator can fail a task.
    m_emulator->setTaskTimings(5, 10);
    const qint64 second = m_emulator->addTask(seedTask(), FirstContract);
    m_emulator->advanceClock(5);
    QCOMPARE(m_emulator->task(second).value("status"_L1).toString(), u"in_progress"_s);
    m_emulator->failTask(second);
    m_emulator->advanceClock(100);
    QCOMPARE(m_emulator->task(second).value("status"_L1).toString(), u"failed"_s);

    Result missing = get(api(u"/tasking/tasks/99999"_s), apiHeaders());
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.json(), parse(R"({"detail": "Not found."})"));
    QCOMPARE(get(api(u"/tasking/tasks/abc/"_s), apiHeaders()).status, 404);
    QCOMPARE(get(api(u"/tasking/tasks/99999/captures/"_s), apiHeaders()).status, 404);
    QCOMPARE(get(api(u"/tasking/nothing/"_s), apiHeaders()).status, 404);
}

void TestSatellogicEmulator::cancelTask()
{
    QCOMPARE(postJson(api(u"/tasking/tasks/"_s), seedTask(), apiHeaders()).status, 201);
    QCOMPARE(postJson(api(u"/tasking/tasks/"_s), seedTask(), apiHeaders()).status, 201);

    // PATCH .../cancel/ with no body (Satellogic's sample code).
    Result canceled = send("PATCH", api(u"/tasking/tasks/23273/cancel/"_s), apiHeaders());
    QCOMPARE(canceled.status, 200);
    QCOMPARE(canceled.json().value("task_id"_L1).toInteger(), 23273);
    QCOMPARE(canceled.json().value("status"_L1).toString(), u"canceled"_s);
    m_emulator->advanceClock(1000);
    QCOMPARE(get(api(u"/tasking/tasks/23273"_s), apiHeaders()).json().value("status"_L1).toString(), u"canceled"_s);
    Result again = send("PATCH", api(u"/tasking/tasks/23273/cancel/"_s), apiHeaders());
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json(), parse(R"({"detail": "Task 23273 cannot be canceled: it is canceled"})"));

    Result completed = send("PATCH", api(u"/tasking/tasks/23272/cancel/"_s), apiHeaders());
    QCOMPARE(completed.status, 400);
    QCOMPARE(completed.json(), parse(R"({"detail": "Task 23272 cannot be canceled: it is completed"})"));

    const Result wrongMethod = get(api(u"/tasking/tasks/23272/cancel/"_s), apiHeaders());
    QCOMPARE(wrongMethod.status, 405);
    const QJsonObject notAllowed = parse(R"({"detail": "Method \"GET\" not allowed."})");
    QCOMPARE(wrongMethod.json(), notAllowed);
    QCOMPARE(send("PATCH", api(u"/tasking/tasks/99999/cancel/"_s), apiHeaders()).status, 404);
    QCOMPARE(send("DELETE", api(u"/tasking/tasks/23272"_s), apiHeaders()).status, 405);
}

void TestSatellogicEmulator::listTasks()
{
    QCOMPARE(postJson(api(u"/tasking/tasks/"_s), taskNamed(u"Harbour"_s, u"Coast"_s), apiHeaders()).status, 201);
    QCOMPARE(postJson(api(u"/tasking/tasks/"_s), taskNamed(u"Field A"_s, u"Farms"_s), apiHeaders()).status, 201);
    QCOMPARE(postJson(api(u"/tasking/tasks/"_s), taskNamed(u"Harbour"_s, u"Farms"_s), apiHeaders()).status, 201);
    const QString origin = m_emulator->apiUrl().toString();
    const auto ids = [](const Result &result) {
        QList<qint64> list;
        const QJsonArray results = result.results();
        for (const QJsonValue &task : results)
            list.append(task.toObject().value("task_id"_L1).toInteger());
        return list;
    };

    // Newest first, limit/offset with absolute links.
    Result page = get(api(u"/tasking/tasks/?limit=2&offset=0"_s), apiHeaders());
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json().value("count"_L1).toInt(), 3);
    QCOMPARE(ids(page), QList<qint64>({ 23274, 23273 }));
    QCOMPARE(page.json().value("next"_L1).toString(), origin + u"/tasking/tasks/?limit=2&offset=2"_s);
    page = get(QUrl(page.json().value("next"_L1).toString()), apiHeaders());
    QCOMPARE(ids(page), QList<qint64>({ 23272 }));
    QVERIFY(page.json().value("next"_L1).isNull());
    QCOMPARE(page.json().value("previous"_L1).toString(), origin + u"/tasking/tasks/?limit=2"_s);

    // Filters, kept in the links (keys sorted, values encoded as Python's urlencode does).
    page = get(api(u"/tasking/tasks/?task_name=Harbour&limit=1"_s), apiHeaders());
    QCOMPARE(page.json().value("count"_L1).toInt(), 2);
    QCOMPARE(page.json().value("next"_L1).toString(), origin + u"/tasking/tasks/?limit=1&offset=1&task_name=Harbour"_s);
    page = get(api(u"/tasking/tasks/?task_name=Field%20A&limit=1"_s), apiHeaders());
    QCOMPARE(ids(page), QList<qint64>({ 23273 }));
    page = get(api(u"/tasking/tasks/?project_name=Farms"_s), apiHeaders());
    QCOMPARE(ids(page), QList<qint64>({ 23274, 23273 }));
    // '+' is a space in a query, as Django reads it.
    page = get(api(u"/tasking/tasks/?project_name=Farms&limit=1&task_name=Field+A"_s), apiHeaders());
    QCOMPARE(ids(page), QList<qint64>({ 23273 }));
    QVERIFY(page.json().value("next"_L1).isNull());
    page = get(api(u"/tasking/tasks/?task_name=Field+A&limit=1&offset=0&project_name=Farms&x=a%2Bb"_s), apiHeaders());
    QCOMPARE(page.json().value("count"_L1).toInt(), 1);

    m_emulator->setPageSize(1);
    page = get(api(u"/tasking/tasks/?project_name=Farms"_s), apiHeaders());
    QCOMPARE(
        page.json().value("next"_L1).toString(), origin + u"/tasking/tasks/?limit=1&offset=1&project_name=Farms"_s);
    m_emulator->setPageSize(100);

    m_emulator->advanceClock(60);
    QCOMPARE(get(api(u"/tasking/tasks/?status=in_progress"_s), apiHeaders()).json().value("count"_L1).toInt(), 3);
    QCOMPARE(get(api(u"/tasking/tasks/?status=completed"_s), apiHeaders()).json().value("count"_L1).toInt(), 0);
    const Result bogus = get(api(u"/tasking/tasks/?status=bogus"_s), apiHeaders());
    QCOMPARE(bogus.status, 400);
    QCOMPARE(
        bogus.json(), parse(R"({"status": ["Select a valid choice. bogus is not one of the available choices."]})"));
}

void TestSatellogicEmulator::tasksBelongToTheirContract()
{
    QCOMPARE(postJson(api(u"/tasking/tasks/"_s), seedTask(), apiHeaders(FirstContract)).status, 201);
    QCOMPARE(get(api(u"/tasking/tasks/23272"_s), apiHeaders(SecondContract)).status, 404);
    QCOMPARE(get(api(u"/tasking/tasks/"_s), apiHeaders(SecondContract)).json().value("count"_L1).toInt(), 0);
    QCOMPARE(send("PATCH", api(u"/tasking/tasks/23272/cancel/"_s), apiHeaders(SecondContract)).status, 404);
    m_emulator->advanceClock(180);
    const QString scene = m_emulator->sceneIds(23272).constFirst();
    QCOMPARE(get(api(u"/telluric/scenes/?sceneset_id="_s
                     + get(api(u"/tasking/tasks/23272/captures/"_s), apiHeaders())
                           .results()
                           .at(0)
                           .toObject()
                           .value("capture_id"_L1)
                           .toString()),
                 apiHeaders(SecondContract))
                 .json()
                 .value("count"_L1)
                 .toInt(),
        0);
    QCOMPARE(get(api(u"/telluric/scenes/%1/attachments/delivery_zip/download/?redirect=false"_s.arg(scene)),
                 apiHeaders(SecondContract))
                 .status,
        404);
}

// ---- delivery -------------------------------------------------------------------------------

void TestSatellogicEmulator::scenes()
{
    const qint64 taskId = completedTask();
    QCOMPARE(taskId, 23272);
    const QJsonArray captures = get(api(u"/tasking/tasks/23272/captures/"_s), apiHeaders()).results();
    QCOMPARE(captures.size(), 2);
    const QJsonObject capture = captures.at(0).toObject();
    const QString captureId = capture.value("capture_id"_L1).toString();

    // Seeds 001/002: scenes by sceneset_id = capture_id; one L1C and one L1D scene.
    const Result listing = get(api(u"/telluric/scenes/?sceneset_id="_s + captureId), apiHeaders());
    QCOMPARE(listing.status, 200);
    QCOMPARE(listing.json().value("count"_L1).toInt(), 2);
    QVERIFY(listing.json().value("next"_L1).isNull());
    const QJsonArray scenes = listing.results();
    const QRegularExpression sceneIdPattern(u"^(\\d{8}_\\d{6})_SN15_(L1C|L1D)_MS_23272$"_s);
    const QString catalog = m_emulator->filesUrl().toString() + u"/v2/scenes/"_s;
    QStringList levels;
    QList<QDateTime> stamps;
    for (const QJsonValue &value : scenes) {
        const QJsonObject scene = value.toObject();
        QCOMPARE(scene.keys(),
            QStringList({ u"attachments"_s, u"bands"_s, u"footprint"_s, u"last_modified"_s, u"metadata"_s,
                u"productname"_s, u"rasters"_s, u"satellite_class"_s, u"satellite_name"_s, u"scene_id"_s,
                u"sceneset_id"_s, u"supplier"_s, u"timestamp"_s }));
        const QString sceneId = scene.value("scene_id"_L1).toString();
        const QRegularExpressionMatch match = sceneIdPattern.match(sceneId);
        QVERIFY2(match.hasMatch(), qPrintable(sceneId));
        levels.append(match.captured(2));
        stamps.append(QDateTime::fromString(match.captured(1), u"yyyyMMdd_HHmmss"_s));
        QCOMPARE(scene.value("sceneset_id"_L1).toString(), captureId);
        QCOMPARE(scene.value("supplier"_L1).toString(), u"Satellogic"_s);
        QCOMPARE(scene.value("satellite_class"_L1).toString(), u"NewSat"_s);
        QCOMPARE(scene.value("satellite_name"_L1).toString(), u"newsat15"_s);
        QVERIFY(!scene.value("productname"_L1).toString().isEmpty());
        QVERIFY(scene.value("timestamp"_L1).toString().endsWith(u'Z'));
        QVERIFY(scene.value("last_modified"_L1).toString().endsWith(u'Z'));

        // The footprint surrounds the task's point.
        const QJsonObject footprint = scene.value("footprint"_L1).toObject();
        QCOMPARE(footprint.value("type"_L1).toString(), u"Polygon"_s);
        const QJsonArray ring = footprint.value("coordinates"_L1).toArray().at(0).toArray();
        QCOMPARE(ring.size(), 5);
        QCOMPARE(ring.first(), ring.last());
        QVERIFY(ring.at(0).toArray().at(0).toDouble() < 72.905273 && ring.at(2).toArray().at(0).toDouble() > 72.905273);
        QVERIFY(ring.at(0).toArray().at(1).toDouble() < 19.023001 && ring.at(2).toArray().at(1).toDouble() > 19.023001);

        // Four attachments (seed 002), their URLs on the catalog host with a token.
        const QJsonArray attachments = scene.value("attachments"_L1).toArray();
        QStringList names;
        for (const QJsonValue &attachment : attachments) {
            const QJsonObject object = attachment.toObject();
            names.append(object.value("name"_L1).toString());
            QCOMPARE(object.value("scene"_L1).toString(), catalog + sceneId + u'/');
            QVERIFY(object.value("url"_L1).toString().startsWith(
                catalog + sceneId + u"/attachments/"_s + names.last() + u"/download/?token="_s));
            QCOMPARE(
                object.value("edit_url"_L1).toString(), catalog + sceneId + u"/attachments/"_s + names.last() + u'/');
            QCOMPARE(object.value("metadata"_L1).toObject(), QJsonObject());
        }
        QCOMPARE(names, QStringList({ u"delivery_zip"_s, u"footprint"_s, u"thumbnail"_s, u"preview"_s }));
        QCOMPARE(attachments.at(0).toObject().value("file_name"_L1).toString(), sceneId + u".zip"_s);
        const QJsonObject raster = scene.value("rasters"_L1).toArray().at(0).toObject();
        QVERIFY(raster.value("url"_L1).toString().startsWith(catalog + sceneId + u"/token/"_s));
        QCOMPARE(raster.value("source"_L1).toString(), u"internal"_s);
        QCOMPARE(raster.value("bands"_L1).toArray().size(), 4);
    }
    QCOMPARE(levels, QStringList({ u"L1C"_s, u"L1D"_s }));
    // Seed 001: the L1D scene is stamped one second before the L1C scene, a few seconds after
    // the capture started.
    QCOMPARE(stamps.at(1).secsTo(stamps.at(0)), 1);
    const QDateTime captureStart = QDateTime::fromString(capture.value("start"_L1).toString(), Qt::ISODateWithMs);
    QVERIFY(captureStart.isValid());
    const QDateTime l1cStamp(stamps.at(0).date(), stamps.at(0).time(), Qt::UTC);
    const qint64 lag = l1cStamp.toSecsSinceEpoch() - captureStart.toSecsSinceEpoch();
    QVERIFY2(lag >= 2 && lag <= 4, qPrintable(QString::number(lag)));

    // Tokens are regenerated on every call (seed 002).
    const Result again = get(api(u"/telluric/scenes/?sceneset_id="_s + captureId), apiHeaders());
    QVERIFY(again.results().at(0).toObject().value("attachments"_L1).toArray().at(0).toObject().value("url"_L1)
        != scenes.at(0).toObject().value("attachments"_L1).toArray().at(0).toObject().value("url"_L1));
    QCOMPARE(again.results().at(0).toObject().value("scene_id"_L1), scenes.at(0).toObject().value("scene_id"_L1));

    QStringList expectedIds;
    for (const QJsonValue &scene : scenes)
        expectedIds.append(scene.toObject().value("scene_id"_L1).toString());
    QCOMPARE(m_emulator->sceneIds(taskId).mid(0, 2), expectedIds);
    QCOMPARE(m_emulator->sceneIds(taskId).size(), 4);
    QCOMPARE(get(api(u"/telluric/scenes/"_s), apiHeaders()).json().value("count"_L1).toInt(), 4);
    QCOMPARE(
        get(api(u"/telluric/scenes/%1/"_s.arg(expectedIds.at(0))), apiHeaders()).json().value("scene_id"_L1).toString(),
        expectedIds.at(0));

    // Unknown or unpublished captures have no scenes.
    const QJsonObject empty = parse(R"({"count": 0, "next": null, "previous": null, "results": []})");
    QCOMPARE(
        get(api(u"/telluric/scenes/?sceneset_id=45aab05b-7190-4369-abd4-b11b1f4a3165"_s), apiHeaders()).json(), empty);
    QCOMPARE(postJson(api(u"/tasking/tasks/"_s), seedTask(), apiHeaders()).status, 201);
    m_emulator->advanceClock(60);
    const QString plannedCapture = get(api(u"/tasking/tasks/23273/captures/"_s), apiHeaders())
                                       .results()
                                       .at(0)
                                       .toObject()
                                       .value("capture_id"_L1)
                                       .toString();
    QVERIFY(!plannedCapture.isEmpty());
    QCOMPARE(get(api(u"/telluric/scenes/?sceneset_id="_s + plannedCapture), apiHeaders()).json(), empty);
    QCOMPARE(get(api(u"/telluric/scenes/nothing_1/"_s), apiHeaders()).status, 404);
}

void TestSatellogicEmulator::downloadLink()
{
    QCOMPARE(completedTask(), 23272);
    const QString sceneId = m_emulator->sceneIds(23272).constFirst();
    const QString captureId = get(api(u"/tasking/tasks/23272/captures/"_s), apiHeaders())
                                  .results()
                                  .at(0)
                                  .toObject()
                                  .value("capture_id"_L1)
                                  .toString();
    QCOMPARE(m_emulator->linksIssued(), 0);

    // Seed 001, step 3.
    const QString path = u"/telluric/scenes/%1/attachments/delivery_zip/download/"_s.arg(sceneId);
    const Result link = get(api(path + u"?redirect=false"_s), apiHeaders());
    QCOMPARE(link.status, 200);
    QCOMPARE(link.json().keys(), QStringList({ u"url"_s }));
    const QString url = link.json().value("url"_L1).toString();
    const QRegularExpression pattern(u"^"_s + QRegularExpression::escape(m_emulator->filesUrl().toString())
        + u"/satellogic-production-eo-backend-package/"_s + captureId + u'/' + sceneId
        + u"\\.zip\\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[A-Z0-9]+%2F\\d{8}%2Fus-east-1%2Fs3%2Faws4_"
          u"request"
          "&X-Amz-Date=\\d{8}T\\d{6}Z&X-Amz-Expires=300&X-Amz-Security-Token=[A-Za-z0-9%]+"
          "&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$"_s);
    QVERIFY2(pattern.match(url).hasMatch(), qPrintable(url));
    QVERIFY(url.startsWith(u"http://127.0.0.2:"_s));
    QCOMPARE(m_emulator->linksIssued(), 1);

    // A new signature on each call.
    const QString second = get(api(path + u"?redirect=false"_s), apiHeaders()).json().value("url"_L1).toString();
    QVERIFY(pattern.match(second).hasMatch());
    QVERIFY(second != url);
    QVERIFY(QUrlQuery(QUrl(second)).queryItemValue(u"X-Amz-Signature"_s)
        != QUrlQuery(QUrl(url)).queryItemValue(u"X-Amz-Signature"_s));

    // Without redirect=false: a redirect to such a URL.
    const Result redirect = get(api(path), apiHeaders());
    QCOMPARE(redirect.status, 302);
    QVERIFY(pattern.match(QString::fromUtf8(redirect.header("Location"))).hasMatch());
    QCOMPARE(m_emulator->linksIssued(), 3);

    // Every attachment can be linked.
    const QString preview
        = get(api(u"/telluric/scenes/%1/attachments/preview/download/?redirect=false"_s.arg(sceneId)), apiHeaders())
              .json()
              .value("url"_L1)
              .toString();
    QVERIFY(preview.contains(u'/' + sceneId + u"_preview.png?"_s));

    QCOMPARE(get(api(u"/telluric/scenes/%1/attachments/nothing/download/?redirect=false"_s.arg(sceneId)), apiHeaders())
                 .status,
        404);
    const Result unknown = get(
        api(u"/telluric/scenes/20200101_000000_SN15_L1C_MS_23272/attachments/delivery_zip/download/?redirect=false"_s),
        apiHeaders());
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json(), parse(R"({"detail": "Not found."})"));
    QCOMPARE(get(api(path + u"?redirect=false"_s)).status, 401);
}

void TestSatellogicEmulator::fileHost()
{
    QCOMPARE(completedTask(), 23272);
    const QString sceneId = m_emulator->sceneIds(23272).constFirst();
    const QByteArray expected = m_emulator->deliveryBytes(sceneId);
    QCOMPARE(expected.size(), 256 * 1024);
    const QUrl url(downloadUrl(sceneId, apiHeaders()));

    // No Satellogic headers at all: the URL is the credential.
    const Result whole = get(url);
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.body, expected);
    QCOMPARE(whole.header("Content-Type"), QByteArray("application/zip"));
    QCOMPARE(whole.header("Content-Length"), QByteArray("262144"));
    QCOMPARE(whole.header("Accept-Ranges"), QByteArray("bytes"));
    QCOMPARE(whole.header("ETag"), '"' + QCryptographicHash::hash(expected, QCryptographicHash::Md5).toHex() + '"');

    const Result part = get(url, { { "Range", "bytes=100-199" } });
    QCOMPARE(part.status, 206);
    QCOMPARE(part.header("Content-Range"), QByteArray("bytes 100-199/262144"));
    QCOMPARE(part.body, expected.mid(100, 100));
    const Result tail = get(url, { { "Range", "bytes=262000-" } });
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.body, expected.mid(262000));
    const Result beyond = get(url, { { "Range", "bytes=262144-" } });
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.header("Content-Range"), QByteArray("bytes */262144"));
    QVERIFY(beyond.body.contains("<Code>InvalidRange</Code>"));
    const Result ifRange = get(url, { { "Range", "bytes=100-199" }, { "If-Range", "\"stale\"" } });
    QCOMPARE(ifRange.status, 200);

    // The other attachments live beside the zip.
    const QString previewUrl
        = get(api(u"/telluric/scenes/%1/attachments/preview/download/?redirect=false"_s.arg(sceneId)), apiHeaders())
              .json()
              .value("url"_L1)
              .toString();
    const Result preview = get(QUrl(previewUrl));
    QCOMPARE(preview.status, 200);
    QCOMPARE(preview.header("Content-Type"), QByteArray("image/png"));
    QVERIFY(preview.body.startsWith("\x89PNG"));
    const QString footprintUrl
        = get(api(u"/telluric/scenes/%1/attachments/footprint/download/?redirect=false"_s.arg(sceneId)), apiHeaders())
              .json()
              .value("url"_L1)
              .toString();
    const Result footprint = get(QUrl(footprintUrl));
    QCOMPARE(footprint.status, 200);
    QVERIFY(footprint.body.contains("<kml xmlns=\"http://www.opengis.net/kml/2.2\">"));

    // Served from the other host; nothing secret reached it.
    const QList<ReceivedRequest> received = m_emulator->requests(SatellogicEmulator::Service::Files);
    QVERIFY(!received.isEmpty());
    for (const ReceivedRequest &request : received) {
        QCOMPARE(request.localAddress, QHostAddress(u"127.0.0.2"_s));
        QVERIFY(!request.hasHeader("authorizationToken") && !request.hasHeader("Authorization"));
    }

    const Result wrongBucket = get(QUrl(m_emulator->filesUrl().toString() + u"/other-bucket/x.zip"_s));
    QCOMPARE(wrongBucket.status, 404);
    QVERIFY(wrongBucket.body.contains("<Code>NoSuchBucket</Code>"));
    const Result unsigned_ = get(QUrl(url.toString(QUrl::RemoveQuery)));
    QCOMPARE(unsigned_.status, 403);
    QVERIFY(unsigned_.body.contains("<Code>AccessDenied</Code><Message>Access Denied</Message>"));
}

void TestSatellogicEmulator::fileHostRefusesCredentials()
{
    QCOMPARE(completedTask(), 23272);
    const QUrl url(downloadUrl(m_emulator->sceneIds(23272).constFirst(), apiHeaders()));
    const QByteArray invalidArgument = "<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed; "
                                       "only the X-Amz-Algorithm query parameter, Signature query string parameter or "
                                       "the Authorization header should be specified</Message>";
    // A client that leaks the API credentials to the storage host fails loudly.
    const QList<Headers> leaks {
        { { "Authorization", "Bearer abc" } },
        { { "authorizationToken", "Bearer " + m_apiToken.toLatin1() } },
        { { "X-Satellogic-Contract-Id", FirstContract.toLatin1() } },
    };
    for (const Headers &headers : leaks) {
        const Result result = get(url, headers);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.header("Content-Type"), QByteArray("application/xml"));
        QVERIFY2(result.body.contains(invalidArgument), result.body.constData());
        QVERIFY(!result.body.contains(m_apiToken.toLatin1())); // the value is not echoed
    }
    QCOMPARE(get(url).status, 200);
}

void TestSatellogicEmulator::expiredAndTamperedLinks()
{
    QCOMPARE(completedTask(), 23272);
    const QStringList sceneIds = m_emulator->sceneIds(23272);
    const QString url = downloadUrl(sceneIds.at(0), apiHeaders());

    // Any edit breaks the signature: the signature itself, the path, an added parameter, the method.
    QString tampered = url;
    tampered[tampered.size() - 1] = tampered.endsWith(u'0') ? u'1' : u'0';
    Result result = get(QUrl(tampered));
    QCOMPARE(result.status, 403);
    QVERIFY(result.body.contains("<Code>SignatureDoesNotMatch</Code>"));
    result = get(QUrl(QString(url).replace(sceneIds.at(0), sceneIds.at(1))));
    QCOMPARE(result.status, 403);
    QVERIFY(result.body.contains("<Code>SignatureDoesNotMatch</Code>"));
    result = get(QUrl(url + u"&extra=1"_s));
    QCOMPARE(result.status, 403);
    QCOMPARE(send("HEAD", QUrl(url)).status, 403); // signed for GET, as S3 treats it
    result = get(QUrl(QString(url).replace(u"X-Amz-Expires=300"_s, u"X-Amz-Expires=3000"_s)));
    QCOMPARE(result.status, 403);
    QVERIFY(result.body.contains("<Code>SignatureDoesNotMatch</Code>"));

    // Expiry on the emulator clock: 300 s by default.
    // X-Amz-Date has whole seconds, so a link is good for 299 to 300 s.
    m_emulator->advanceClock(295);
    QCOMPARE(get(QUrl(url), { { "Range", "bytes=0-0" } }).status, 206);
    m_emulator->advanceClock(6);
    result = get(QUrl(url));
    QCOMPARE(result.status, 403);
    QCOMPARE(result.header("Content-Type"), QByteArray("application/xml"));
    QVERIFY2(result.body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                                    "<Message>Request has expired</Message><X-Amz-Expires>300</X-Amz-Expires>"),
        result.body.constData());
    QVERIFY(result.body.contains("<ServerTime>"));

    // A fresh link works again; a shorter lifetime applies to links issued afterwards.
    m_emulator->setLinkLifetime(60);
    const QString fresh = downloadUrl(sceneIds.at(0), apiHeaders());
    QVERIFY(fresh.contains(u"X-Amz-Expires=60&"_s));
    QCOMPARE(get(QUrl(fresh), { { "Range", "bytes=0-0" } }).status, 206);
    m_emulator->advanceClock(61);
    QCOMPARE(get(QUrl(fresh)).status, 403);
}

void TestSatellogicEmulator::fileDeliveryQuirks()
{
    m_emulator->setDeliverySize(1024 * 1024);
    QCOMPARE(completedTask(), 23272);
    const QString sceneId = m_emulator->sceneIds(23272).constFirst();
    const QByteArray expected = m_emulator->deliveryBytes(sceneId);
    QCOMPARE(expected.size(), 1024 * 1024);
    const QUrl url(downloadUrl(sceneId, apiHeaders()));

    // The next response breaks off after 100000 body bytes; the one after is whole. Qt 6.4 does
    // not always report the cut as an error, so the size is what tells (and what a client checks).
    m_emulator->dropFilesAfter(100000);
    const Result broken = get(url);
    QCOMPARE(broken.status, 200);
    QVERIFY2(broken.body.size() <= 100000, qPrintable(QString::number(broken.body.size())));
    QCOMPARE(broken.body, expected.left(broken.body.size()));
    const Result resumed
        = get(url, { { "Range", "bytes=%1-"_ba.replace("%1", QByteArray::number(broken.body.size())) } });
    QCOMPARE(resumed.status, 206);
    QCOMPARE(broken.body + resumed.body, expected);

    // Two cuts, then whole bodies again. Seen on a raw socket: QNetworkAccessManager may resend a
    // GET that was cut early on its own, which would hide how many responses were cut.
    m_emulator->dropFilesAfter(10, 2);
    QCOMPARE(rawBody(url), expected.left(10));
    QCOMPARE(rawBody(url), expected.left(10));
    QCOMPARE(rawBody(url), expected);
    QCOMPARE(get(url).body, expected);

    // Paced bodies arrive in pieces.
    m_emulator->setFilePacing(64 * 1024, 5);
    const Result paced = get(url);
    QCOMPARE(paced.status, 200);
    QCOMPARE(paced.body, expected);
    QVERIFY2(paced.pieces >= 4, qPrintable(QString::number(paced.pieces)));
    m_emulator->setFilePacing(0, 0);
}

void TestSatellogicEmulator::telluricCatalogUrls()
{
    // Seed 002: the attachment's url carries a token of its own; it leads to the stored file.
    QCOMPARE(completedTask(), 23272);
    const QString sceneId = m_emulator->sceneIds(23272).constFirst();
    const QString captureId = get(api(u"/tasking/tasks/23272/captures/"_s), apiHeaders())
                                  .results()
                                  .at(0)
                                  .toObject()
                                  .value("capture_id"_L1)
                                  .toString();
    const QJsonObject scene
        = get(api(u"/telluric/scenes/?sceneset_id="_s + captureId), apiHeaders()).results().at(0).toObject();
    QCOMPARE(scene.value("scene_id"_L1).toString(), sceneId);
    const QJsonArray attachments = scene.value("attachments"_L1).toArray();
    const QUrl zipUrl(attachments.at(0).toObject().value("url"_L1).toString());

    const Result redirect = get(zipUrl);
    QCOMPARE(redirect.status, 302);
    const QString location = QString::fromUtf8(redirect.header("Location"));
    QVERIFY2(location.startsWith(m_emulator->filesUrl().toString() + u"/satellogic-production-eo-backend-package/"_s
                 + captureId + u'/' + sceneId + u".zip?X-Amz-Algorithm="_s),
        qPrintable(location));
    QCOMPARE(get(QUrl(location)).body, m_emulator->deliveryBytes(sceneId));

    const Result raster = get(QUrl(scene.value("rasters"_L1).toArray().at(0).toObject().value("url"_L1).toString()));
    QCOMPARE(raster.status, 200);
    QCOMPARE(raster.header("Content-Type"), QByteArray("image/tiff"));
    QVERIFY(raster.body.startsWith(QByteArray("II*\0", 4)));

    QString forged = zipUrl.toString();
    forged.replace(u"token="_s, u"token=x"_s);
    Result refused = get(QUrl(forged));
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.json(), parse(R"({"detail": "Invalid or expired token."})"));
    // A token belongs to its scene.
    QString otherScene = zipUrl.toString();
    otherScene.replace(sceneId, m_emulator->sceneIds(23272).at(1));
    QCOMPARE(get(QUrl(otherScene)).status, 403);

    m_emulator->advanceClock(301);
    refused = get(zipUrl);
    QCOMPARE(refused.status, 403);
}

void TestSatellogicEmulator::deliveryZipIsAZip()
{
    // Deterministic by scene id, across emulators.
    SatellogicEmulator other;
    const QString sceneId = u"20241206_081221_SN49_L1C_MS_268095"_s;
    const QByteArray zip = m_emulator->deliveryBytes(sceneId);
    QCOMPARE(other.deliveryBytes(sceneId), zip);
    QVERIFY(other.deliveryBytes(u"20241206_081220_SN49_L1D_MS_268095"_s) != zip);
    QCOMPARE(zip.size(), 256 * 1024);

    // Local header first, end-of-central-directory record last, two stored entries.
    QVERIFY(zip.startsWith(QByteArray("PK\x03\x04", 4)));
    const qsizetype end = zip.size() - 22;
    QCOMPARE(zip.mid(end, 4), QByteArray("PK\x05\x06", 4));
    QCOMPARE(qFromLittleEndian<quint16>(zip.constData() + end + 10), quint16(2));
    const quint32 centralOffset = qFromLittleEndian<quint32>(zip.constData() + end + 16);
    QCOMPARE(zip.mid(centralOffset, 4), QByteArray("PK\x01\x02", 4));
    const quint16 nameLength = qFromLittleEndian<quint16>(zip.constData() + 26);
    QCOMPARE(zip.mid(30, nameLength), sceneId.toUtf8() + "/metadata.json");
    const quint32 size = qFromLittleEndian<quint32>(zip.constData() + 18);
    const QJsonObject metadata = QJsonDocument::fromJson(zip.mid(30 + nameLength, size)).object();
    QCOMPARE(metadata.value("scene_id"_L1).toString(), sceneId);

    // Too small for a ZIP: plain bytes of exactly that size.
    other.setDeliverySize(10);
    QCOMPARE(other.deliveryBytes(sceneId).size(), 10);
}

// ---- bookkeeping ----------------------------------------------------------------------------

void TestSatellogicEmulator::requestLog()
{
    QVERIFY(!token().isEmpty());
    QCOMPARE(get(api(u"/tasking/products/?limit=5"_s), apiHeaders()).status, 200);

    const QList<ReceivedRequest> auth = m_emulator->requests(SatellogicEmulator::Service::Auth);
    QCOMPARE(auth.size(), 2);
    QCOMPARE(auth.at(0).method, QByteArray("POST"));
    QCOMPARE(auth.at(0).path, u"/oauth/token"_s);
    QCOMPARE(auth.at(0).header("Content-Type"), QByteArray("application/json"));
    const QJsonObject seedTokenRequest = parse(R"({"client_id": "emulator-client", "client_secret": "emulator-secret",
                  "audience": "https://api.satellogic.com/", "grant_type": "client_credentials"})");
    QCOMPARE(QJsonDocument::fromJson(auth.at(0).body).object(), seedTokenRequest);

    const QList<ReceivedRequest> api = m_emulator->requests(SatellogicEmulator::Service::Api);
    QCOMPARE(api.size(), 1);
    QCOMPARE(api.at(0).method, QByteArray("GET"));
    QCOMPARE(api.at(0).path, u"/tasking/products/"_s);
    QCOMPARE(api.at(0).queryValue(u"limit"_s), u"5"_s);
    QCOMPARE(api.at(0).header("X-Satellogic-Contract-Id"), FirstContract.toLatin1());
    QVERIFY(m_emulator->requests(SatellogicEmulator::Service::Accounts).isEmpty());
    QVERIFY(m_emulator->requests(SatellogicEmulator::Service::Files).isEmpty());
    QCOMPARE(m_emulator->server(SatellogicEmulator::Service::Api)->requestCount(), 1);

    m_emulator->clearRequests();
    QVERIFY(m_emulator->requests(SatellogicEmulator::Service::Auth).isEmpty());
    QVERIFY(m_emulator->requests(SatellogicEmulator::Service::Api).isEmpty());
}

void TestSatellogicEmulator::clock()
{
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(before.secsTo(m_emulator->now())) <= 2);
    QCOMPARE(m_emulator->now().timeSpec(), Qt::UTC);
    m_emulator->advanceClock(3600);
    QVERIFY(qAbs(before.addSecs(3600).secsTo(m_emulator->now())) <= 2);
}

void TestSatellogicEmulator::fixedPorts()
{
    const QHostAddress files(u"127.0.0.2"_s);
    const quint16 base = freeBasePort(files);
    QVERIFY(base != 0);
    SatellogicEmulator fixed;
    QVERIFY2(fixed.listen(QHostAddress(QHostAddress::LocalHost), base, files), qPrintable(fixed.errorString()));
    QCOMPARE(fixed.authUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(base)));
    QCOMPARE(fixed.accountsUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(base + 1)));
    QCOMPARE(fixed.apiUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(base + 2)));
    QCOMPARE(fixed.filesUrl(), QUrl(u"http://127.0.0.2:%1"_s.arg(base + 3)));
    // The ports are taken now: a second emulator cannot have them.
    SatellogicEmulator clash;
    QVERIFY(!clash.listen(QHostAddress(QHostAddress::LocalHost), base, files));
    QVERIFY(!clash.errorString().isEmpty());
}

void TestSatellogicEmulator::standalone()
{
    const QString program = QStringLiteral(STACSCOPE_BINARY_DIR "/tests/support/stacscope-provider-emulator");
    if (!QFile::exists(program))
        QSKIP("stacscope-provider-emulator is not built");
    const quint16 base = freeBasePort(QHostAddress(QHostAddress::LocalHost));
    QVERIFY(base != 0);

    QProcess process;
    process.setProgram(program);
    process.setArguments({ u"--provider"_s, u"satellogic"_s, u"--port"_s, QString::number(base) });
    QSignalSpy output(&process, &QProcess::readyReadStandardOutput);
    process.start();
    QByteArray text;
    while (!text.contains("\ntry ") && output.wait(WaitMs))
        text += process.readAllStandardOutput();
    text += process.readAllStandardOutput();
    const QString printed = QString::fromUtf8(text);
    const QString host = u"http://127.0.0.1:"_s;
    QVERIFY2(printed.contains(u"auth      "_s + host + QString::number(base) + u'\n'), text.constData());
    QVERIFY(printed.contains(u"accounts  "_s + host + QString::number(base + 1) + u'\n'));
    QVERIFY(printed.contains(u"api       "_s + host + QString::number(base + 2) + u'\n'));
    QVERIFY(printed.contains(u"files     "_s + host + QString::number(base + 3) + u'\n'));
    QVERIFY(printed.contains(u"client    emulator-client / emulator-secret"_s));
    QVERIFY(printed.contains(u"contract  cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14 (First contract)"_s));

    // The documented flow against it: a token, then a task that is in progress after 30 s.
    const Result tokenResult = postJson(QUrl(host + QString::number(base) + u"/oauth/token"_s),
        { { "client_id"_L1, u"emulator-client"_s }, { "client_secret"_L1, u"emulator-secret"_s },
            { "audience"_L1, ApiAudience }, { "grant_type"_L1, u"client_credentials"_s } });
    QCOMPARE(tokenResult.status, 200);
    const Headers headers { { "authorizationToken",
                                "Bearer " + tokenResult.json().value("access_token"_L1).toString().toLatin1() },
        { "X-Satellogic-Contract-Id", FirstContract.toLatin1() } };
    const Result created = postJson(QUrl(host + QString::number(base + 2) + u"/tasking/tasks/"_s), seedTask(), headers);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json().value("task_id"_L1).toInteger(), 23272);
    QSignalSpy finished(&process, &QProcess::finished);
    process.terminate();
    QVERIFY(finished.wait(WaitMs));

    const auto run = [&program](const QStringList &arguments, QByteArray *out, QByteArray *err) {
        QProcess child;
        QSignalSpy done(&child, &QProcess::finished);
        child.start(program, arguments);
        if (!done.wait(WaitMs))
            return -1;
        *out = child.readAllStandardOutput();
        *err = child.readAllStandardError();
        return child.exitCode();
    };
    QByteArray out;
    QByteArray err;
    QCOMPARE(run({ u"--help"_s }, &out, &err), 0);
    QVERIFY(out.contains("--task-timings"));
    QCOMPARE(run({ u"--provider"_s, u"nosuch"_s }, &out, &err), 2);
    QVERIFY2(err.startsWith("stacscope-provider-emulator: ") && err.contains("nosuch"), err.constData());
    QCOMPARE(run({ u"--provider"_s, u"capella"_s, u"--port"_s, u"70000"_s }, &out, &err), 2);
    QCOMPARE(run({ u"--port"_s, u"1"_s }, &out, &err), 2); // no --provider
    QVERIFY2(err.contains("--provider NAME is required"), err.constData());
    // A port that is taken: everything else is right, so it really gets as far as listening.
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost));
    const QByteArray taken = QByteArray::number(occupant.serverPort());
    QCOMPARE(run({ u"--provider"_s, u"satellogic"_s, u"--port"_s, QString::fromLatin1(taken) }, &out, &err), 2);
    QVERIFY2(err.contains(QByteArray(QByteArray("cannot listen on 127.0.0.1:") + taken)), err.constData());
    QVERIFY2(!out.contains("satellogic emulator"), out.constData());
    QCOMPARE(run({ u"--provider"_s, u"satellogic"_s, u"--task-timings"_s, u"90,30"_s }, &out, &err), 2);
    QCOMPARE(run({ u"--provider"_s, u"satellogic"_s, u"--port"_s, u"70000"_s }, &out, &err), 2);
}

QTEST_GUILESS_MAIN(TestSatellogicEmulator)
#include "tst_satellogicemulator.moc"
