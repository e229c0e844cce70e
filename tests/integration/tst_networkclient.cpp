// NetworkClient's promise for requests that cost money: sent once. Qt's HTTP layer sends a request
// again by itself when the server closes the connection before answering; a paid one must not be.

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include "src/net/networkclient.h"
#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/receivedrequest.h"

using namespace Qt::StringLiterals;

namespace StacScope {

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
};

} // namespace StacScope

QTEST_GUILESS_MAIN(StacScope::TestNetworkClient)
#include "tst_networkclient.moc"
