// Signing in to Capella (an API key, checked with GET /user) and UP42 (Keycloak's password grant,
// then userinfo for the workspace), with the request each provider documents, against loopback.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/net/networkclient.h"
#include "src/providers/accountsession.h"
#include "src/providers/providerregistry.h"
#include "src/providers/up42/up42provider.h"
#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestProviderSignIn : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    CredentialRouter m_router;
    MemorySecretStore m_secrets;
    std::unique_ptr<ProviderRegistry> m_registry = ProviderRegistry::createDefault();

    AccountSession *open(
        const QString &provider, const QMap<QString, QUrl> &endpoints, const QHash<QString, QByteArray> &secrets)
    {
        Account a;
        a.id = Account::newId();
        a.name = provider;
        a.provider = provider;
        a.endpoints = endpoints;
        for (auto it = secrets.begin(); it != secrets.end(); ++it) {
            m_secrets.set(SecretStore::accountKey(a.id, it.key()), it.value());
            a.secretNames.append(it.key());
        }
        return m_registry->provider(provider)->openSession(a, { &m_network, &m_router, &m_secrets }, this);
    }

    static bool waitFor(StacJob *job)
    {
        QSignalSpy spy(job, &StacJob::finished);
        return job->isFinished() || spy.wait(15000);
    }

private Q_SLOTS:
    void initTestCase() { m_network.setAuthenticator(&m_router); }

    void capellaApiKey()
    {
        HttpServer server;
        server.setHandler([](const ReceivedRequest &r, HttpServerResponse &response) {
            if (r.path == u"/user"_s && r.header("Authorization") == "ApiKey k-123") {
                response.respond(200, "{\"id\":\"u-1\",\"organizationId\":\"org-9\",\"email\":\"ana@example.com\"}",
                    "application/json");
            } else {
                response.respond(401, "{\"message\":\"Unauthorized\"}", "application/json");
            }
        });
        QVERIFY(server.listen());
        AccountSession *good = open(u"capella"_s, { { u"api"_s, server.url() } }, { { u"api_key"_s, "k-123" } });
        AccountCheckJob *check = good->check();
        QVERIFY(waitFor(check));
        QVERIFY2(check->isOk(), qPrintable(check->error().toString()));
        QVERIFY(check->report().contains(u"API key: ok (ana@example.com)"_s));
        QVERIFY(check->report().contains(u"Organization org-9"_s));
        QCOMPARE(good->state(), AccountSession::State::Ready);
        QCOMPARE(server.lastRequest().header("Authorization"), QByteArray("ApiKey k-123"));
        delete good;

        AccountSession *bad = open(u"capella"_s, { { u"api"_s, server.url() } }, { { u"api_key"_s, "wrong" } });
        AccountCheckJob *refused = bad->check();
        QVERIFY(waitFor(refused));
        QCOMPARE(refused->error().httpStatus, 401);
        QCOMPARE(bad->state(), AccountSession::State::Refused);
        QCOMPARE(server.requestCount(), 2); // a static key is not sent twice
        delete bad;
    }

    // A STAC API account: each kind of credential, exactly as sent, to its origin only.
    void stacApiAccounts_data()
    {
        QTest::addColumn<QString>("auth");
        QTest::addColumn<QStringList>("secrets");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("bearer") << u"bearer"_s << QStringList { u"token"_s, u"tok-1"_s } << QByteArray("Authorization")
                                << QByteArray("Bearer tok-1");
        // base64("ana:p@ss") = YW5hOnBAc3M=
        QTest::newRow("basic") << u"basic"_s << QStringList { u"username"_s, u"ana"_s, u"password"_s, u"p@ss"_s }
                               << QByteArray("Authorization") << QByteArray("Basic YW5hOnBAc3M=");
        QTest::newRow("header") << u"header"_s
                                << QStringList { u"header_name"_s, u"X-Api-Key"_s, u"header_value"_s, u"k-9"_s }
                                << QByteArray("X-Api-Key") << QByteArray("k-9");
    }

    void stacApiAccounts()
    {
        QFETCH(QString, auth);
        QFETCH(QStringList, secrets);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        HttpServer server;
        server.setHandler([](const ReceivedRequest &, HttpServerResponse &response) {
            response.respond(200,
                "{\"type\":\"Catalog\",\"id\":\"private\",\"title\":\"Private\",\"description\":\"d\","
                "\"stac_version\":\"1.0.0\",\"conformsTo\":[\"https://api.stacspec.org/v1.0.0/item-search\"],"
                "\"links\":[]}",
                "application/json");
        });
        QVERIFY(server.listen());
        QHash<QString, QByteArray> values;
        for (qsizetype i = 0; i + 1 < secrets.size(); i += 2) {
            values.insert(secrets.at(i), secrets.at(i + 1).toUtf8());
        }
        Account a;
        a.id = Account::newId();
        a.name = auth;
        a.provider = u"stac-api"_s;
        a.endpoints.insert(u"api"_s, server.url(u"/stac/v1"_s));
        a.options.insert(u"auth"_s, auth);
        for (auto it = values.begin(); it != values.end(); ++it) {
            m_secrets.set(SecretStore::accountKey(a.id, it.key()), it.value());
            a.secretNames.append(it.key());
        }
        std::unique_ptr<AccountSession> session(
            m_registry->provider(u"stac-api"_s)->openSession(a, { &m_network, &m_router, &m_secrets }, nullptr));
        AccountCheckJob *check = session->check();
        QVERIFY(waitFor(check));
        QVERIFY2(check->isOk(), qPrintable(check->error().toString()));
        QVERIFY(check->report().contains(u"Landing page: ok (Private)"_s));
        QCOMPARE(server.lastRequest().header(header), value);
        QCOMPARE(session->catalogs().size(), 1);
        QCOMPARE(session->catalogs().first().providerId(), u"stac-api"_s);
        // The whole origin (assets beside the API), not another port.
        QCOMPARE(m_router.ownerFor(server.url(u"/files/a.tif"_s)), a.id);
        QVERIFY(m_router.ownerFor(QUrl(u"http://127.0.0.1:1/stac/v1"_s)).isEmpty());
    }

    void up42PasswordGrant()
    {
        HttpServer auth;
        auth.setHandler([](const ReceivedRequest &r, HttpServerResponse &response) {
            if (r.path == u"/realms/public/protocol/openid-connect/token"_s) {
                const QUrlQuery form(QString::fromUtf8(r.body));
                const bool ok = form.queryItemValue(u"grant_type"_s) == u"password"_s
                    && form.queryItemValue(u"username"_s, QUrl::FullyDecoded) == u"ana@example.com"_s
                    && form.queryItemValue(u"password"_s, QUrl::FullyDecoded) == u"pw"_s
                    && form.queryItemValue(u"client_id"_s) == u"up42-api"_s;
                response.respond(ok ? 200 : 401,
                    ok ? QByteArray("{\"access_token\":\"at-1\",\"expires_in\":300,\"refresh_token\":\"rt\","
                                    "\"refresh_expires_in\":1800,\"token_type\":\"Bearer\"}")
                       : QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}"),
                    "application/json");
            } else if (r.path == u"/realms/public/protocol/openid-connect/userinfo"_s
                && r.header("Authorization") == "Bearer at-1") {
                response.respond(200, "{\"sub\":\"ws-42\",\"email\":\"ana@example.com\"}", "application/json");
            } else {
                response.respond(401, "{}", "application/json");
            }
        });
        QVERIFY(auth.listen());
        // The API: storage counted with one asset asked for (a Spring page of 1 of 3).
        HttpServer api;
        api.setHandler([](const ReceivedRequest &r, HttpServerResponse &response) {
            if (r.path == u"/v2/assets"_s && r.header("Authorization") == "Bearer at-1"
                && r.queryValue(u"workspaceId"_s) == u"ws-42"_s && r.queryValue(u"size"_s) == u"1"_s) {
                response.respond(200,
                    "{\"content\":[{\"id\":\"a-1\"}],\"totalElements\":3,\"totalPages\":3,\"number\":0}",
                    "application/json");
            } else if (r.path == u"/v2/collections"_s && r.header("Authorization") == "Bearer at-1") {
                response.respond(200, "{\"content\":[],\"totalElements\":0,\"totalPages\":0}", "application/json");
            } else {
                response.respond(401, "{}", "application/json");
            }
        });
        QVERIFY(api.listen(QHostAddress(u"127.0.0.2"_s)));
        const QUrl base = auth.url(u"/realms/public/protocol/openid-connect"_s);
        AccountSession *session = open(u"up42"_s, { { u"auth"_s, base }, { u"api"_s, api.url(u"/"_s) } },
            { { u"username"_s, "ana@example.com" }, { u"password"_s, "pw" } });
        AccountCheckJob *check = session->check();
        QVERIFY(waitFor(check));
        QVERIFY2(check->isOk(), qPrintable(check->error().toString()));
        QVERIFY(check->report().contains(u"Workspace ws-42"_s));
        QVERIFY2(check->report().contains(u"Storage: 3 assets"_s), qPrintable(check->report().join(u'|')));
        QVERIFY2(check->report().contains(u"Archive: 0 catalog hosts"_s), qPrintable(check->report().join(u'|')));
        QCOMPARE(qobject_cast<Up42Session *>(session)->workspaceId(), u"ws-42"_s);
        const QList<ReceivedRequest> requests = auth.requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QVERIFY(!requests.at(0).hasHeader("Authorization")); // the token request carries no token
        // The API host and userinfo get the token; nothing else on the sign-in host does.
        QCOMPARE(m_router.ownerFor(api.url(u"/v2/orders"_s)), session->account().id);
        QCOMPARE(m_router.ownerFor(auth.url(u"/realms/public/protocol/openid-connect/token"_s)), QString());
        delete session;

        AccountSession *wrong = open(
            u"up42"_s, { { u"auth"_s, base } }, { { u"username"_s, "ana@example.com" }, { u"password"_s, "nope" } });
        AccountCheckJob *refused = wrong->check();
        QVERIFY(waitFor(refused));
        QCOMPARE(refused->error().kind, NetworkError::Kind::Auth);
        QVERIFY(refused->error().message.contains(u"Invalid user credentials"_s));
        QCOMPARE(wrong->state(), AccountSession::State::Refused);
        delete wrong;
        QCOMPARE(Up42Provider::defaultApiUrl(u"sa"_s), QUrl(u"https://api.sa.up42.com"_s));
        QCOMPARE(Up42Provider::defaultAuthUrl(u"eu"_s),
            QUrl(u"https://auth.up42.com/realms/public/protocol/openid-connect"_s));
    }
};

QTEST_GUILESS_MAIN(TestProviderSignIn)
#include "tst_providersignin.moc"
