// Tokens and credentials at send time: token requests as the grants define them, one request in
// flight however many calls wait, renewal before expiry, one renewal and replay after a 401 (never
// for a request that costs money), and credentials only for the origins and paths bound.
#include <memory>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/auth/secretstore.h"
#include "src/auth/tokensource.h"
#include "src/net/networkclient.h"
#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

SecretsLoader secrets(const QHash<QString, QByteArray> &values, int *reads = nullptr)
{
    return [values, reads](QObject *, std::function<void(const QHash<QString, QByteArray> &, const QString &)> done) {
        if (reads) {
            ++*reads;
        }
        done(values, {});
    };
}

bool waitForCall(HttpCall *call, int ms = 15000)
{
    if (call->isFinished()) {
        return true;
    }
    QSignalSpy spy(call, &HttpCall::finished);
    return spy.wait(ms);
}

// A token endpoint and an API in one server: tokens "t1", "t2", ... each `lifetime` seconds;
// the API accepts only the tokens in `valid` (so a test can revoke one server-side).
struct TokenServer
{
    HttpServer server;
    int tokensIssued = 0;
    int lifetime = 86400;
    QSet<QByteArray> valid;
    bool deferTokens = false;
    QList<QPointer<HttpServerResponse>> deferred;
    QByteArray refuseWith; // non-empty: the token endpoint answers 401 with this body
    QList<QByteArray> apiAuthorizations;

    bool start()
    {
        server.setHandler([this](const ReceivedRequest &request, HttpServerResponse &response) {
            if (request.path == u"/oauth/token"_s) {
                if (!refuseWith.isEmpty()) {
                    response.respond(401, refuseWith, "application/json");
                    return;
                }
                const QByteArray token = "t" + QByteArray::number(++tokensIssued);
                valid.insert(token);
                const QJsonObject o { { u"access_token"_s, QString::fromLatin1(token) }, { u"expires_in"_s, lifetime },
                    { u"token_type"_s, u"Bearer"_s },
                    { u"refresh_token"_s, QString(u"r"_s + QString::number(tokensIssued)) } };
                response.respond(200, QJsonDocument(o).toJson(QJsonDocument::Compact), "application/json");
                if (deferTokens) {
                    response.defer();
                    deferred.append(&response);
                }
                return;
            }
            const QByteArray auth = request.header("Authorization");
            apiAuthorizations.append(auth);
            if (!auth.startsWith("Bearer ") || !valid.contains(auth.mid(7))) {
                response.respond(401, "{\"message\":\"Unauthorized\"}", "application/json");
                return;
            }
            response.respond(200, "{\"ok\":true}", "application/json");
        });
        return server.listen();
    }
    void releaseTokens()
    {
        for (const auto &r : std::as_const(deferred)) {
            if (r) {
                r->send();
            }
        }
        deferred.clear();
    }
};

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_network = std::make_unique<NetworkClient>(m_nam.get());
        m_network->setBaseRetryDelay(5);
        m_router = std::make_unique<CredentialRouter>();
        m_network->setAuthenticator(m_router.get());
        m_tokens = std::make_unique<TokenServer>();
        QVERIFY(m_tokens->start());
    }

    void cleanup()
    {
        m_router.reset();
        m_network.reset();
        m_nam.reset();
        m_tokens.reset();
    }

    // The Auth0-style request Satellogic documents: POST, JSON body with four fields.
    void clientCredentialsRequest()
    {
        ClientCredentialsTokenSource source(m_network.get(), m_tokens->server.url(u"/oauth/token"_s),
            u"https://api.satellogic.com/"_s,
            secrets({ { u"client_id"_s, "my-id" }, { u"client_secret"_s, "my-secret" } }));
        QByteArray got;
        NetworkError error;
        bool done = false;
        source.token(this, [&](const QByteArray &token, const NetworkError &e) {
            got = token;
            error = e;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QCOMPARE(got, QByteArray("t1"));
        const ReceivedRequest r = m_tokens->server.lastRequest();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, u"/oauth/token"_s);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        const QJsonObject expected { { u"client_id"_s, u"my-id"_s }, { u"client_secret"_s, u"my-secret"_s },
            { u"audience"_s, u"https://api.satellogic.com/"_s }, { u"grant_type"_s, u"client_credentials"_s } };
        QCOMPARE(QJsonDocument::fromJson(r.body).object(), expected);
        QVERIFY(!r.hasHeader("Authorization"));
    }

    // 200 calls on an empty cache: exactly one token request, every call carries its token.
    void oneTokenRequestForManyCalls()
    {
        m_tokens->deferTokens = true;
        auto *source = new ClientCredentialsTokenSource(m_network.get(), m_tokens->server.url(u"/oauth/token"_s),
            u"aud"_s, secrets({ { u"client_id"_s, "id" }, { u"client_secret"_s, "s" } }), m_router.get());
        m_router->bind(u"acct"_s, m_tokens->server.url(u"/api"_s),
            std::make_shared<TokenCredential>(source, "Authorization", "Bearer "));
        QList<HttpCall *> calls;
        for (int i = 0; i < 200; ++i) {
            calls.append(m_network->send(HttpRequest::get(m_tokens->server.url(u"/api/items/%1"_s.arg(i)))));
        }
        QTRY_COMPARE(m_tokens->deferred.size(), 1);
        QTest::qWait(50); // every call is waiting now
        QCOMPARE(m_tokens->tokensIssued, 1);
        m_tokens->releaseTokens();
        for (HttpCall *call : calls) {
            QVERIFY(waitForCall(call));
            QVERIFY2(call->isOk(), qPrintable(call->error().toString()));
        }
        QCOMPARE(source->requestCount(), 1);
        QCOMPARE(m_tokens->apiAuthorizations.size(), 200);
        QCOMPARE(m_tokens->apiAuthorizations.count("Bearer t1"), 200);
    }

    // A token is renewed before it expires (a tenth of its lifetime ahead), not after a failure.
    void renewedBeforeExpiry()
    {
        QDateTime now = QDateTime::currentDateTimeUtc();
        ClientCredentialsTokenSource source(m_network.get(), m_tokens->server.url(u"/oauth/token"_s), u"aud"_s,
            secrets({ { u"client_id"_s, "id" }, { u"client_secret"_s, "s" } }));
        source.setClock([&now] { return now; });
        auto fetch = [&] {
            QByteArray got;
            bool done = false;
            source.token(this, [&](const QByteArray &t, const NetworkError &) {
                got = t;
                done = true;
            });
            // An empty token (timeout) fails the comparison that follows.
            return QTest::qWaitFor([&] { return done; }, 10000) ? got : QByteArray();
        };
        QCOMPARE(fetch(), QByteArray("t1"));
        now = now.addSecs(3600);
        QCOMPARE(fetch(), QByteArray("t1")); // cached
        QCOMPARE(source.requestCount(), 1);
        now = now.addSecs(86400 - 3600 - 8000); // 8000 s left: less than the 8640 s margin
        QCOMPARE(fetch(), QByteArray("t2"));
        QCOMPARE(source.requestCount(), 2);
        QCOMPARE(TokenSource::renewalMarginSecs(86400), qint64(8640));
        QCOMPARE(TokenSource::renewalMarginSecs(300), qint64(60));
        QCOMPARE(TokenSource::renewalMarginSecs(60), qint64(30));
    }

    // The server stops accepting a token early: one renewal, one replay; then it is the
    // server's answer.
    void renewedAndReplayedOnceAfter401()
    {
        auto *source = new ClientCredentialsTokenSource(m_network.get(), m_tokens->server.url(u"/oauth/token"_s),
            u"aud"_s, secrets({ { u"client_id"_s, "id" }, { u"client_secret"_s, "s" } }), m_router.get());
        m_router->bind(u"acct"_s, m_tokens->server.url(u"/api"_s),
            std::make_shared<TokenCredential>(source, "Authorization", "Bearer "));
        HttpCall *first = m_network->send(HttpRequest::get(m_tokens->server.url(u"/api/a"_s)));
        QVERIFY(waitForCall(first));
        QVERIFY(first->isOk());
        m_tokens->valid.clear(); // revoked on the server
        HttpCall *second = m_network->send(HttpRequest::get(m_tokens->server.url(u"/api/b"_s)));
        QVERIFY(waitForCall(second));
        QVERIFY2(second->isOk(), qPrintable(second->error().toString()));
        QVERIFY(second->wasReplayed());
        QCOMPARE(m_tokens->tokensIssued, 2);
        QCOMPARE(m_tokens->apiAuthorizations, (QList<QByteArray> { "Bearer t1", "Bearer t1", "Bearer t2" }));

        // A server that refuses every token: one replay, then the 401 is reported.
        m_tokens->valid.clear();
        m_tokens->apiAuthorizations.clear();
        QSet<QByteArray> none;
        m_tokens->server.setHandler([this](const ReceivedRequest &request, HttpServerResponse &response) {
            if (request.path == u"/oauth/token"_s) {
                ++m_tokens->tokensIssued;
                response.respond(200, "{\"access_token\":\"never-good\",\"expires_in\":86400}", "application/json");
                return;
            }
            m_tokens->apiAuthorizations.append(request.header("Authorization"));
            response.respond(401, "{\"message\":\"Unauthorized\"}", "application/json");
        });
        HttpCall *third = m_network->send(HttpRequest::get(m_tokens->server.url(u"/api/c"_s)));
        QVERIFY(waitForCall(third));
        QCOMPARE(third->statusCode(), 401);
        QVERIFY(third->error().isCredentialProblem());
        QCOMPARE(m_tokens->apiAuthorizations.size(), 2);
    }

    // A request that costs money is never sent twice, not even after a 401.
    void costlyRequestIsNotReplayed()
    {
        auto *source = new ClientCredentialsTokenSource(m_network.get(), m_tokens->server.url(u"/oauth/token"_s),
            u"aud"_s, secrets({ { u"client_id"_s, "id" }, { u"client_secret"_s, "s" } }), m_router.get());
        m_router->bind(u"acct"_s, m_tokens->server.url(u"/api"_s),
            std::make_shared<TokenCredential>(source, "Authorization", "Bearer "));
        HttpCall *warm = m_network->send(HttpRequest::get(m_tokens->server.url(u"/api/a"_s)));
        QVERIFY(waitForCall(warm));
        m_tokens->valid.clear();
        m_tokens->apiAuthorizations.clear();
        HttpRequest order = HttpRequest::postJson(m_tokens->server.url(u"/api/orders"_s), "{}");
        order.costsMoney = true;
        order.retryable = true; // even a caller's mistake does not make it repeatable
        HttpCall *call = m_network->send(order);
        QVERIFY(waitForCall(call));
        QCOMPARE(call->statusCode(), 401);
        QVERIFY(!call->wasReplayed());
        QCOMPARE(m_tokens->apiAuthorizations.size(), 1);
        QVERIFY(!source->hasUsableToken()); // dropped: the user's next try gets a new one
    }

    // Credentials go to the bound origin and path only: not to another port, path or host.
    void routerBindsOriginAndPath()
    {
        const QUrl api(u"https://api.example.com/archive/stac/"_s);
        QVERIFY(CredentialRouter::isUnder(QUrl(u"https://api.example.com/archive/stac/search"_s), api));
        QVERIFY(CredentialRouter::isUnder(QUrl(u"https://API.example.com:443/archive/stac"_s), api));
        QVERIFY(!CredentialRouter::isUnder(QUrl(u"https://api.example.com/archive/stacks"_s), api));
        QVERIFY(!CredentialRouter::isUnder(QUrl(u"http://api.example.com/archive/stac/search"_s), api));
        QVERIFY(!CredentialRouter::isUnder(QUrl(u"https://api.example.com:8443/archive/stac/"_s), api));
        QVERIFY(!CredentialRouter::isUnder(QUrl(u"https://s3.amazonaws.com/archive/stac/"_s), api));
        QVERIFY(CredentialRouter::isUnder(QUrl(u"https://api.example.com/x"_s), QUrl(u"https://api.example.com"_s)));

        CredentialRouter router;
        router.bind(u"a"_s, QUrl(u"https://api.example.com"_s),
            std::make_shared<HeaderCredential>(HttpHeaders { { "X", "1" } }));
        router.bind(u"b"_s, QUrl(u"https://api.example.com/accounts/"_s),
            std::make_shared<HeaderCredential>(HttpHeaders { { "X", "2" } }));
        QCOMPARE(router.ownerFor(QUrl(u"https://api.example.com/tasks"_s)), u"a"_s);
        QCOMPARE(router.ownerFor(QUrl(u"https://api.example.com/accounts/me"_s)), u"b"_s); // longest wins
        QCOMPARE(router.ownerFor(QUrl(u"https://files.example.com/accounts/me"_s)), QString());
        router.unbind(u"b"_s);
        QCOMPARE(router.ownerFor(QUrl(u"https://api.example.com/accounts/me"_s)), u"a"_s);
        QCOMPARE(router.bindingCount(), 1);
    }

    // Keycloak's password grant (UP42): a form body; the refresh token next; the password again
    // when the refresh token is refused.
    void passwordGrant()
    {
        QList<QUrlQuery> forms;
        bool refuseRefresh = false;
        m_tokens->server.setHandler([&](const ReceivedRequest &request, HttpServerResponse &response) {
            QUrlQuery form(QString::fromUtf8(request.body));
            forms.append(form);
            if (refuseRefresh && form.queryItemValue(u"grant_type"_s) == u"refresh_token"_s) {
                response.respond(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}",
                    "application/json");
                return;
            }
            response.respond(200,
                "{\"access_token\":\"a" + QByteArray::number(forms.size())
                    + "\",\"expires_in\":300,\"refresh_expires_in\":1800,\"refresh_token\":\"r\"}",
                "application/json");
        });
        QDateTime now = QDateTime::currentDateTimeUtc();
        int reads = 0;
        PasswordGrantTokenSource source(m_network.get(), m_tokens->server.url(u"/token"_s), u"up42-api"_s,
            secrets({ { u"username"_s, "me@example.com" }, { u"password"_s, "p&ss=w+rd%" } }, &reads));
        source.setClock([&now] { return now; });
        auto fetch = [&] {
            QByteArray got;
            NetworkError error;
            bool done = false;
            source.token(this, [&](const QByteArray &t, const NetworkError &e) {
                got = t;
                error = e;
                done = true;
            });
            // An empty token (timeout) fails the comparison that follows.
            return QTest::qWaitFor([&] { return done; }, 10000) ? got : QByteArray();
        };
        QCOMPARE(fetch(), QByteArray("a1"));
        QCOMPARE(
            m_tokens->server.lastRequest().header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(forms.at(0).queryItemValue(u"grant_type"_s), u"password"_s);
        QCOMPARE(forms.at(0).queryItemValue(u"username"_s, QUrl::FullyDecoded), u"me@example.com"_s);
        QCOMPARE(forms.at(0).queryItemValue(u"password"_s, QUrl::FullyDecoded), u"p&ss=w+rd%"_s);
        QCOMPARE(forms.at(0).queryItemValue(u"client_id"_s), u"up42-api"_s);
        now = now.addSecs(250); // 50 s left of 300: renew, with the refresh token
        QCOMPARE(fetch(), QByteArray("a2"));
        QCOMPARE(forms.at(1).queryItemValue(u"grant_type"_s), u"refresh_token"_s);
        QCOMPARE(forms.at(1).queryItemValue(u"refresh_token"_s), u"r"_s);
        QCOMPARE(reads, 1); // the password was not needed
        refuseRefresh = true;
        now = now.addSecs(290);
        QCOMPARE(fetch(), QByteArray("a4")); // refresh refused (3), password again (4)
        QCOMPARE(forms.at(3).queryItemValue(u"grant_type"_s), u"password"_s);
        QCOMPARE(reads, 2);
    }

    // Refused credentials and missing secrets are Auth errors in words; a missing secret sends nothing.
    void refusalsAreAuthErrors()
    {
        m_tokens->refuseWith = "{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}";
        ClientCredentialsTokenSource refused(m_network.get(), m_tokens->server.url(u"/oauth/token"_s), u"aud"_s,
            secrets({ { u"client_id"_s, "id" }, { u"client_secret"_s, "wrong" } }));
        QSignalSpy failed(&refused, &TokenSource::failed);
        NetworkError error;
        bool done = false;
        refused.token(this, [&](const QByteArray &, const NetworkError &e) {
            error = e;
            done = true;
        });
        QTRY_VERIFY(done);
        QCOMPARE(error.kind, NetworkError::Kind::Auth);
        QVERIFY2(error.message.contains(u"Unauthorized"_s), qPrintable(error.message));
        QCOMPARE(failed.size(), 1);

        const qsizetype before = m_tokens->server.requestCount();
        ClientCredentialsTokenSource empty(
            m_network.get(), m_tokens->server.url(u"/oauth/token"_s), u"aud"_s, secrets({}));
        done = false;
        empty.token(this, [&](const QByteArray &, const NetworkError &e) {
            error = e;
            done = true;
        });
        QTRY_VERIFY(done);
        QCOMPARE(error.kind, NetworkError::Kind::Auth);
        QVERIFY(error.message.contains(u"client id and secret"_s));
        QCOMPARE(m_tokens->server.requestCount(), before);
    }

    // An account closed while calls wait for its token: they end with an error, not never.
    void waitersHearTheAccountClosed()
    {
        m_tokens->deferTokens = true;
        auto *source = new ClientCredentialsTokenSource(m_network.get(), m_tokens->server.url(u"/oauth/token"_s),
            u"aud"_s, secrets({ { u"client_id"_s, "id" }, { u"client_secret"_s, "s" } }));
        m_router->bind(u"acct"_s, m_tokens->server.url(u"/api"_s),
            std::make_shared<TokenCredential>(source, "Authorization", "Bearer "));
        HttpCall *call = m_network->send(HttpRequest::get(m_tokens->server.url(u"/api/a"_s)));
        QTRY_COMPARE(m_tokens->deferred.size(), 1);
        delete source;
        QVERIFY(waitForCall(call));
        QCOMPARE(call->error().kind, NetworkError::Kind::Auth);
        QVERIFY(m_tokens->apiAuthorizations.isEmpty());
    }

    // A token request's body holds the secret: a 307 to another host is refused, not re-posted.
    void tokenRequestIsNotRedirectedToAnotherHost()
    {
        HttpServer elsewhere;
        QVERIFY(elsewhere.listen(QHostAddress(u"127.0.0.2"_s)));
        elsewhere.setHandler([](const ReceivedRequest &, HttpServerResponse &response) {
            response.respond(200, "{\"access_token\":\"stolen\",\"expires_in\":60}", "application/json");
        });
        const QUrl target = elsewhere.url(u"/oauth/token"_s);
        m_tokens->server.setHandler([target](const ReceivedRequest &, HttpServerResponse &response) {
            response.setStatus(307);
            response.setHeader("Location", target.toEncoded());
        });
        ClientCredentialsTokenSource source(m_network.get(), m_tokens->server.url(u"/oauth/token"_s), u"aud"_s,
            secrets({ { u"client_id"_s, "id" }, { u"client_secret"_s, "top-secret" } }));
        NetworkError error;
        bool done = false;
        source.token(this, [&](const QByteArray &, const NetworkError &e) {
            error = e;
            done = true;
        });
        QTRY_VERIFY(done);
        QCOMPARE(error.kind, NetworkError::Kind::Redirect);
        QCOMPARE(elsewhere.requestCount(), 0);
    }

    void memorySecretStore()
    {
        MemorySecretStore store;
        bool done = false;
        store.write(SecretStore::accountKey(u"a1"_s, u"client_secret"_s), "s3cr3t", this, [&](const QString &e) {
            QVERIFY(e.isEmpty());
            done = true;
        });
        QTRY_VERIFY(done);
        QByteArray value;
        bool found = false;
        done = false;
        store.read(u"account/a1/client_secret"_s, this, [&](const QByteArray &v, bool f, const QString &) {
            value = v;
            found = f;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY(found);
        QCOMPARE(value, QByteArray("s3cr3t"));
        QVERIFY(!store.isPersistent());
    }

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<NetworkClient> m_network;
    std::unique_ptr<CredentialRouter> m_router;
    std::unique_ptr<TokenServer> m_tokens;
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
