// NetworkClient on the wire: requests that cost money are sent once (Qt's HTTP layer sends a request
// again by itself when the server closes the connection before answering; a paid one must not be),
// and the redirect and retry rules (https -> http refused, the hop limit, 303 and POST -> GET,
// headers and credentials dropped when the origin changes, even by its port alone, Retry-After as
// seconds or as an HTTP date).

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include "src/net/authenticator.h"
#include "src/net/networkclient.h"
#include "src/net/redirectpolicy.h"
#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/httpstaticcontent.h"
#include "tests/support/receivedrequest.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// Sends https://secure.test/... to a plain loopback server, so that a redirect *from* an https
// address can be tested without TLS: HttpCall decides on the URL it asked for, not the wire's.
class HttpsAsLoopback : public QNetworkAccessManager
{
public:
    explicit HttpsAsLoopback(const QUrl &loopback)
        : m_loopback(loopback)
    {}

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        QNetworkRequest routed(request);
        QUrl url = request.url();
        if (url.scheme() == u"https"_s && url.host() == u"secure.test"_s) {
            url.setScheme(u"http"_s);
            url.setHost(m_loopback.host());
            url.setPort(m_loopback.port());
            routed.setUrl(url);
        }
        return QNetworkAccessManager::createRequest(op, routed, data);
    }

private:
    QUrl m_loopback;
};

// Hands out a key for every URL it is asked about: whatever keeps the key from another origin is
// then NetworkClient's own rule, not the authenticator's.
class EveryUrlAuthenticator : public Authenticator
{
public:
    bool covers(const QUrl &) const override { return true; }
    void authorize(const QUrl &, QObject *, Callback done) override
    {
        done({ { "Authorization", "Bearer secret-token" } }, {});
    }
    bool reject(const QUrl &, const HttpHeaders &) override { return false; }
};

HttpCall *sendAndWait(NetworkClient &client, const HttpRequest &request)
{
    HttpCall *call = client.send(request);
    QSignalSpy finished(call, &HttpCall::finished);
    if (!call->isFinished() && !finished.wait(15000)) {
        return nullptr;
    }
    return call;
}

} // namespace

class TestNetworkClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paidRequestIsNotResentWhenTheAnswerIsLost()
    {
        HttpServer server;
        int received = 0;
        QByteArray body;
        server.setHandler([&](const ReceivedRequest &request, HttpServerResponse &response) {
            ++received;
            body = request.body;
            response.setDropWithoutResponse(true); // carried out, but the answer never comes
        });
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        NetworkClient client(&nam);
        HttpRequest order = HttpRequest::postJson(server.url(u"/orders"_s), "{\"items\":[\"a\"]}");
        order.costsMoney = true;
        HttpCall *call = client.send(order);
        QSignalSpy finished(call, &HttpCall::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(received, 1);
        QCOMPARE(body, QByteArray("{\"items\":[\"a\"]}"));
        QCOMPARE(call->error().kind, NetworkError::Kind::Network);
        QCOMPARE(call->error().message, u"127.0.0.1 closed the connection before answering"_s);
        // Nothing more arrives later either.
        QTest::qWait(300);
        QCOMPARE(received, 1);
    }

    void paidRequestStillGetsItsAnswer()
    {
        HttpServer server;
        QByteArray body;
        QByteArray length;
        server.setHandler([&](const ReceivedRequest &request, HttpServerResponse &response) {
            body = request.body;
            length = request.header("Content-Length");
            response.respond(201, "{\"id\":\"42\"}", "application/json");
        });
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        NetworkClient client(&nam);
        HttpRequest order = HttpRequest::postJson(server.url(u"/orders"_s), "{\"items\":[\"b\"]}");
        order.costsMoney = true;
        HttpCall *call = client.send(order);
        QSignalSpy finished(call, &HttpCall::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY(!call->error().isError());
        QCOMPARE(call->statusCode(), 201);
        QCOMPARE(body, QByteArray("{\"items\":[\"b\"]}"));
        QCOMPARE(length, QByteArray("15"));
    }

    void httpsToHttpIsRefused()
    {
        HttpServer server;
        int plain = 0;
        server.setHandler([&](const ReceivedRequest &request, HttpServerResponse &response) {
            if (request.path == u"/secure"_s) {
                response.setStatus(302);
                response.setHeader("Location", server.url(u"/plain"_s).toEncoded());
                return;
            }
            ++plain;
            response.respond(200, "downgraded", "text/plain");
        });
        QVERIFY(server.listen());
        HttpsAsLoopback nam(server.url());
        NetworkClient client(&nam);
        HttpCall *call = sendAndWait(client, HttpRequest::get(QUrl(u"https://secure.test/secure"_s)));
        QVERIFY(call);
        QCOMPARE(server.requestCount(), 1); // the https one; the http target is never asked
        QCOMPARE(plain, 0);
        QCOMPARE(call->error().kind, NetworkError::Kind::Redirect);
        QVERIFY2(
            call->error().message.contains(u"from https to unencrypted http"_s), qPrintable(call->error().message));
        QVERIFY(call->body().isEmpty());

        // The same redirect from an http address is followed: the refusal is about the downgrade.
        HttpCall *plainCall = sendAndWait(client, HttpRequest::get(server.url(u"/secure"_s)));
        QVERIFY(plainCall);
        QVERIFY2(plainCall->isOk(), qPrintable(plainCall->error().message));
        QCOMPARE(plainCall->body(), QByteArray("downgraded"));
        QCOMPARE(plain, 1);
    }

    void redirectLimit()
    {
        HttpServer server;
        server.setHandler([&](const ReceivedRequest &request, HttpServerResponse &response) {
            // /hop/N redirects to /hop/N+1 forever.
            const int n = request.path.section(u'/', 2).toInt();
            response.setStatus(302);
            response.setHeader("Location", server.url(u"/hop/%1"_s.arg(n + 1)).toEncoded());
        });
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        NetworkClient client(&nam);
        HttpCall *call = sendAndWait(client, HttpRequest::get(server.url(u"/hop/0"_s)));
        QVERIFY(call);
        QCOMPARE(call->error().kind, NetworkError::Kind::Redirect);
        QVERIFY2(call->error().message.startsWith(u"Too many redirects"_s), qPrintable(call->error().message));
        // The first request and 10 redirects followed; the 11th is refused without being asked.
        QCOMPARE(server.requestCount(), 11);
        QCOMPARE(server.lastRequest().path, u"/hop/10"_s);
        QCOMPARE(RedirectPolicy::MaxHops, 10);

        // Ten hops are still fine.
        server.clearRequests();
        server.setHandler([&](const ReceivedRequest &request, HttpServerResponse &response) {
            const int n = request.path.section(u'/', 2).toInt();
            if (n == 10) {
                response.respond(200, "arrived", "text/plain");
                return;
            }
            response.setStatus(302);
            response.setHeader("Location", server.url(u"/hop/%1"_s.arg(n + 1)).toEncoded());
        });
        HttpCall *ten = sendAndWait(client, HttpRequest::get(server.url(u"/hop/0"_s)));
        QVERIFY(ten);
        QVERIFY2(ten->isOk(), qPrintable(ten->error().message));
        QCOMPARE(ten->body(), QByteArray("arrived"));
        QCOMPARE(server.requestCount(), 11);
    }

    void methodAfterRedirect_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("expectedMethod");
        QTest::addColumn<bool>("bodyKept");
        QTest::newRow("303 after POST") << 303 << QByteArray("POST") << QByteArray("GET") << false;
        QTest::newRow("303 after PUT") << 303 << QByteArray("PUT") << QByteArray("GET") << false;
        QTest::newRow("302 after POST") << 302 << QByteArray("POST") << QByteArray("GET") << false;
        QTest::newRow("301 after POST") << 301 << QByteArray("POST") << QByteArray("GET") << false;
        QTest::newRow("302 after PUT keeps PUT") << 302 << QByteArray("PUT") << QByteArray("PUT") << true;
        QTest::newRow("307 keeps POST") << 307 << QByteArray("POST") << QByteArray("POST") << true;
        QTest::newRow("308 keeps POST") << 308 << QByteArray("POST") << QByteArray("POST") << true;
    }

    void methodAfterRedirect()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, expectedMethod);
        QFETCH(bool, bodyKept);
        HttpServer server;
        server.setHandler([&](const ReceivedRequest &request, HttpServerResponse &response) {
            if (request.path == u"/search"_s) {
                response.setStatus(status);
                response.setHeader("Location", "/results?page=1");
                return;
            }
            response.respond(200, "{\"type\":\"FeatureCollection\",\"features\":[]}", "application/geo+json");
        });
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        NetworkClient client(&nam);
        HttpRequest request = HttpRequest::sendJson(method, server.url(u"/search"_s), "{\"limit\":5}");
        HttpCall *call = sendAndWait(client, request);
        QVERIFY(call);
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        QCOMPARE(call->finalUrl(), server.url(u"/results?page=1"_s));
        const QList<ReceivedRequest> requests = server.requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).method, method);
        QCOMPARE(requests.at(0).body, QByteArray("{\"limit\":5}"));
        const ReceivedRequest &second = requests.at(1);
        QCOMPARE(second.method, expectedMethod);
        QCOMPARE(second.path, u"/results"_s);
        if (bodyKept) {
            QCOMPARE(second.body, QByteArray("{\"limit\":5}"));
            QCOMPARE(second.header("Content-Type"), QByteArray("application/json"));
        } else {
            QVERIFY(second.body.isEmpty());
            QVERIFY(!second.hasHeader("Content-Type"));
            QVERIFY(!second.hasHeader("Content-Length") || second.header("Content-Length") == "0");
        }
    }

    void headersDroppedWhenOnlyThePortChanges()
    {
        HttpServer api;
        HttpServer other; // same scheme and host, another port: another origin
        QVERIFY(api.listen());
        QVERIFY(other.listen());
        QVERIFY(api.serverPort() != other.serverPort());
        QCOMPARE(api.url().host(), other.url().host());
        api.setHandler([&](const ReceivedRequest &request, HttpServerResponse &response) {
            if (request.path == u"/same"_s) {
                response.setStatus(302);
                response.setHeader("Location", api.url(u"/final"_s).toEncoded());
            } else if (request.path == u"/away"_s) {
                response.setStatus(302);
                response.setHeader("Location", other.url(u"/final"_s).toEncoded());
            } else if (request.path == u"/bounce"_s) {
                response.setStatus(302);
                response.setHeader("Location", other.url(u"/back"_s).toEncoded());
            } else {
                response.respond(200, "api", "text/plain");
            }
        });
        other.setHandler([&](const ReceivedRequest &request, HttpServerResponse &response) {
            if (request.path == u"/back"_s) {
                response.setStatus(302);
                response.setHeader("Location", api.url(u"/final"_s).toEncoded());
                return;
            }
            response.respond(200, "other", "text/plain");
        });
        QNetworkAccessManager nam;
        NetworkClient client(&nam);
        EveryUrlAuthenticator auth;
        client.setAuthenticator(&auth);

        // Same origin: the plain header and the credentials go along (the control case).
        HttpRequest same = HttpRequest::get(api.url(u"/same"_s));
        same.setHeader("X-Contract-Id", "contract-7");
        HttpCall *call = sendAndWait(client, same);
        QVERIFY(call);
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        QCOMPARE(api.lastRequest().path, u"/final"_s);
        QCOMPARE(api.lastRequest().header("X-Contract-Id"), QByteArray("contract-7"));
        QCOMPARE(api.lastRequest().header("Authorization"), QByteArray("Bearer secret-token"));

        // Only the port differs: neither goes along, although the authenticator would hand out a key.
        HttpRequest away = HttpRequest::get(api.url(u"/away"_s));
        away.setHeader("X-Contract-Id", "contract-7");
        call = sendAndWait(client, away);
        QVERIFY(call);
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        QCOMPARE(call->body(), QByteArray("other"));
        QCOMPARE(api.lastRequest().path, u"/away"_s);
        QCOMPARE(api.lastRequest().header("Authorization"), QByteArray("Bearer secret-token"));
        QCOMPARE(other.requestCount(), 1);
        QVERIFY(!other.lastRequest().hasHeader("X-Contract-Id"));
        QVERIFY(!other.lastRequest().hasHeader("Authorization"));
        QVERIFY(!call->sentCredentials());

        // Once dropped they stay dropped, even when a later hop comes back to the first origin.
        api.clearRequests();
        other.clearRequests();
        HttpRequest roundTrip = HttpRequest::get(api.url(u"/bounce"_s));
        roundTrip.setHeader("X-Contract-Id", "contract-7");
        call = sendAndWait(client, roundTrip);
        QVERIFY(call);
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        QCOMPARE(call->finalUrl(), api.url(u"/final"_s));
        const QList<ReceivedRequest> onApi = api.requests();
        QCOMPARE(onApi.size(), 2);
        QCOMPARE(onApi.at(0).header("X-Contract-Id"), QByteArray("contract-7"));
        QCOMPARE(onApi.at(1).path, u"/final"_s);
        QVERIFY(!onApi.at(1).hasHeader("X-Contract-Id"));
        QVERIFY(!onApi.at(1).hasHeader("Authorization"));
        QCOMPARE(other.requestCount(), 1);
        QVERIFY(!other.lastRequest().hasHeader("Authorization"));
    }

    void retryAfterAsHttpDate()
    {
        HttpServer server;
        QElapsedTimer clock;
        QList<qint64> arrivals;
        server.setHandler([&](const ReceivedRequest &, HttpServerResponse &response) {
            arrivals.append(clock.elapsed());
            if (arrivals.size() == 1) {
                // Two whole seconds from now, as an IMF-fixdate (which has no fractions): the pause
                // is between 1 and 2 s, far longer than the 10 ms backoff would be.
                const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(2);
                response.respond(503, "busy", "text/plain");
                response.setHeader("Retry-After", HttpStaticContent::httpDate(when));
                return;
            }
            response.respond(200, "done", "text/plain");
        });
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        NetworkClient client(&nam);
        client.setBaseRetryDelay(10);
        clock.start();
        HttpCall *call = sendAndWait(client, HttpRequest::get(server.url(u"/busy"_s)));
        QVERIFY(call);
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        QCOMPARE(call->body(), QByteArray("done"));
        QCOMPARE(arrivals.size(), 2);
        QCOMPARE(call->attempts(), 2);
        const qint64 pause = arrivals.at(1) - arrivals.at(0);
        QVERIFY2(pause >= 900, qPrintable(QString::number(pause))); // not the 10 ms backoff
        QVERIFY2(pause <= 2500, qPrintable(QString::number(pause))); // not a minute either

        // A date further away than the client waits for: reported at once, with the wait asked for.
        HttpServer later;
        later.setHandler([&](const ReceivedRequest &, HttpServerResponse &response) {
            response.respond(503, "maintenance", "text/plain");
            response.setHeader(
                "Retry-After", HttpStaticContent::httpDate(QDateTime::currentDateTimeUtc().addSecs(3600)));
        });
        QVERIFY(later.listen());
        client.setMaxRetryDelay(5000);
        QElapsedTimer quick;
        quick.start();
        HttpCall *refused = sendAndWait(client, HttpRequest::get(later.url(u"/x"_s)));
        QVERIFY(refused);
        QCOMPARE(later.requestCount(), 1);
        QCOMPARE(refused->error().kind, NetworkError::Kind::Http);
        QCOMPARE(refused->error().httpStatus, 503);
        QVERIFY2(
            refused->error().retryAfterMs > 3500 * 1000, qPrintable(QString::number(refused->error().retryAfterMs)));
        QVERIFY2(
            refused->error().retryAfterMs <= 3600 * 1000, qPrintable(QString::number(refused->error().retryAfterMs)));
        QVERIFY2(quick.elapsed() < 4000, qPrintable(QString::number(quick.elapsed())));
    }
};

} // namespace StacScope

QTEST_GUILESS_MAIN(StacScope::TestNetworkClient)
#include "tst_networkclient.moc"
