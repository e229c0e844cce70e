// StacApiClient and its jobs against the loopback STAC emulator and LocalHttpServer.
#include <set>

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/demo/democatalog.h"
#include "src/net/networkclient.h"
#include "src/stac/collectionsjob.h"
#include "src/stac/cql2.h"
#include "src/stac/itemjob.h"
#include "src/stac/itemstore.h"
#include "src/stac/localsearch.h"
#include "src/stac/queryablesjob.h"
#include "src/stac/searchjob.h"
#include "src/stac/stacapiclient.h"
#include "tests/support/localhttpserver.h"
#include "tests/support/stacemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int kItems = 95;

bool waitFor(StacJob *job, int ms = 30000)
{
    if (job->isFinished()) {
        return true;
    }
    QSignalSpy spy(job, &StacJob::finished);
    return spy.wait(ms);
}

std::set<QString> idsOf(const ItemStore &store)
{
    std::set<QString> ids;
    for (const ItemRecord &r : store.items()) {
        ids.insert(r.id);
    }
    return ids;
}

} // namespace

class TestStacApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(DemoCatalog::writeCatalogDirectory(m_dir.path(), kItems, {}, &error), qPrintable(error));
        QVERIFY2(m_emulator.loadDirectory(m_dir.path(), &error), qPrintable(error));
        QVERIFY(m_emulator.listen());
        m_network.setBaseRetryDelay(5);
        m_network.setAuthenticator(&m_router);
        // The same items, for comparing the server's filtering with our local search.
        ItemParser parser;
        for (int first = 0; first < kItems; first += 50) {
            const QByteArray page = DemoCatalog::featureCollection(first, qMin(50, kItems - first));
            m_local.append(parser.parsePage(page), page);
        }
        QCOMPARE(m_local.size(), kItems);
    }

    void init()
    {
        m_emulator.setPagingMode(StacEmulator::PagingMode::GetToken);
        m_emulator.clearInjectedFailures();
        m_emulator.clearRequiredHeaders();
        m_emulator.clearRequests();
        m_router.unbind(u"test"_s);
    }

    void landingAndConformance()
    {
        StacApiClient client(&m_network, m_emulator.url());
        LandingJob *job = client.loadLanding();
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        QVERIFY(client.info());
        QVERIFY(client.info()->conformance.itemSearch());
        QVERIFY(client.info()->conformance.filter());
        QVERIFY(client.info()->supportsSearch(u"POST"));
        QCOMPARE(client.info()->preferredSearchMethod(), u"POST"_s);
    }

    void collectionsAndQueryables()
    {
        StacApiClient client(&m_network, m_emulator.url());
        CollectionsJob *job = client.fetchCollections();
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        QStringList ids;
        for (const StacCollection &c : job->collections()) {
            ids.append(c.id);
        }
        ids.sort();
        QCOMPARE(ids, (QStringList { u"demo-archive"_s, u"demo-optical"_s, u"demo-sar"_s }));

        QueryablesJob *q = client.fetchQueryables();
        QVERIFY(waitFor(q));
        QVERIFY2(q->isOk(), qPrintable(q->error().toString()));
        QVERIFY(q->queryables().find(u"eo:cloud_cover"_s));
        QCOMPARE(q->queryables().find(u"eo:cloud_cover"_s)->type, Queryable::Type::Number);
    }

    void paging_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("mode");
        QTest::newRow("GET token") << u"GET"_s << int(StacEmulator::PagingMode::GetToken);
        QTest::newRow("POST body+merge") << u"POST"_s << int(StacEmulator::PagingMode::PostMerge);
        QTest::newRow("POST href only (Capella)") << u"POST"_s << int(StacEmulator::PagingMode::PostHref);
    }

    void paging()
    {
        QFETCH(QString, method);
        QFETCH(int, mode);
        m_emulator.setPagingMode(StacEmulator::PagingMode(mode));
        StacApiClient client(&m_network, m_emulator.url());
        ItemStore store;
        SearchParameters params;
        params.limit = 10;
        params.collections = { u"demo-optical"_s, u"demo-sar"_s, u"demo-archive"_s };
        SearchOptions options;
        options.method = method;
        SearchJob *job = client.search(params, &store, options);
        QSignalSpy added(job, &SearchJob::itemsAdded);
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        QCOMPARE(store.size(), kItems);
        QCOMPARE(job->pages(), 10);
        QCOMPARE(added.count(), 10);
        QCOMPARE(job->matched(), std::optional<qint64>(kItems));
        QCOMPARE(idsOf(store), idsOf(m_local));
        // Every page after the first went out as the paging mode demands.
        const QList<ReceivedRequest> searches = searchRequests();
        QCOMPARE(searches.size(), 10);
        for (int i = 1; i < searches.size(); ++i) {
            QCOMPARE(QString::fromLatin1(searches[i].method), method);
            if (method == u"POST"_s) {
                const QJsonObject body = QJsonDocument::fromJson(searches[i].body).object();
                // merge:true and the Capella style both keep the original members.
                QCOMPARE(body.value(u"collections"_s).toArray().size(), 3);
                QCOMPARE(body.value(u"limit"_s).toInt(), 10);
            }
        }
    }

    void maxItemsStopsEarly()
    {
        StacApiClient client(&m_network, m_emulator.url());
        ItemStore store;
        SearchParameters params;
        params.limit = 10;
        SearchOptions options;
        options.maxItems = 25;
        SearchJob *job = client.search(params, &store, options);
        QVERIFY(waitFor(job));
        QVERIFY(job->isOk());
        QCOMPARE(store.size(), 25);
        QCOMPARE(searchRequests().size(), 3);
    }

    void serverFilteringMatchesLocalSearch_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("bbox");
        QTest::addColumn<QString>("datetime");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("sortby");
        QTest::newRow("bbox GET") << u"GET"_s << u"-30,-60,60,60"_s << QString() << QString() << QString();
        QTest::newRow("bbox POST") << u"POST"_s << u"-30,-60,60,60"_s << QString() << QString() << QString();
        QTest::newRow("antimeridian bbox") << u"POST"_s << u"150,-90,-150,90"_s << QString() << QString() << QString();
        QTest::newRow("datetime") << u"GET"_s << QString() << u"2021-01-01T00:00:00Z/2022-06-30T23:59:59Z"_s
                                  << QString() << QString();
        QTest::newRow("cql2 text GET") << u"GET"_s << QString() << QString() << u"eo:cloud_cover < 30 AND gsd <= 5"_s
                                       << QString();
        QTest::newRow("cql2 json POST") << u"POST"_s << QString() << QString()
                                        << u"{\"op\":\"in\",\"args\":[{\"property\":\"collection\"},[\"demo-sar\"]]}"_s
                                        << QString();
        QTest::newRow("sorted") << u"POST"_s << QString() << QString() << QString() << u"-datetime"_s;
    }

    void serverFilteringMatchesLocalSearch()
    {
        QFETCH(QString, method);
        QFETCH(QString, bbox);
        QFETCH(QString, datetime);
        QFETCH(QString, filter);
        QFETCH(QString, sortby);
        SearchParameters params;
        params.limit = 7;
        if (!bbox.isEmpty()) {
            params.bbox = GeoBox::fromString(bbox);
        }
        if (!datetime.isEmpty()) {
            params.datetime = DateRange::parse(datetime);
        }
        if (!filter.isEmpty()) {
            const Cql2::ParseResult parsed = Cql2::parse(filter);
            QVERIFY2(parsed.ok(), qPrintable(parsed.error));
            params.filter = parsed.expression;
        }
        params.sortBy = SortField::parseList(sortby);
        StacApiClient client(&m_network, m_emulator.url());
        ItemStore store;
        SearchOptions options;
        options.method = method;
        SearchJob *job = client.search(params, &store, options);
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        const LocalSearch::Result local = LocalSearch(m_local).run(params);
        QVERIFY(local.error.isEmpty());
        QVERIFY(local.matched > 0);
        QVERIFY(local.matched < kItems || bbox.isEmpty());
        std::set<QString> expected;
        QStringList expectedOrder;
        for (int row : local.rows) {
            expected.insert(m_local.at(row).id);
            expectedOrder.append(m_local.at(row).id);
        }
        QCOMPARE(idsOf(store), expected);
        if (!sortby.isEmpty()) {
            QStringList order;
            for (const ItemRecord &r : store.items()) {
                order.append(r.id);
            }
            QCOMPARE(order, expectedOrder);
        }
    }

    void cancelStopsPaging()
    {
        StacApiClient client(&m_network, m_emulator.url());
        ItemStore store;
        SearchParameters params;
        params.limit = 10;
        SearchJob *job = client.search(params, &store, {});
        connect(job, &SearchJob::itemsAdded, job, [job] { job->cancel(); });
        QVERIFY(waitFor(job));
        QCOMPARE(job->error().kind, NetworkError::Kind::Canceled);
        QCOMPARE(store.size(), 10);
        QTest::qWait(50); // nothing else may arrive after a cancel
        QCOMPARE(searchRequests().size(), 1);
        QCOMPARE(store.size(), 10);
    }

    void serverErrorsAreNormalised_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("400 STAC")
            << 400 << QByteArray("{\"code\":\"BadRequest\",\"description\":\"bbox and intersects are exclusive\"}")
            << QByteArray("application/json") << u"BadRequest"_s << u"bbox and intersects are exclusive"_s;
        QTest::newRow("422 FastAPI") << 422
                                     << QByteArray(
                                            "{\"detail\":[{\"loc\":[\"body\",\"limit\"],\"msg\":\"too large\"}]}")
                                     << QByteArray("application/json") << QString() << u"body.limit: too large"_s;
        QTest::newRow("500 text") << 500 << QByteArray("upstream database went away") << QByteArray("text/plain")
                                  << QString() << u"upstream database went away"_s;
        QTest::newRow("502 html") << 502 << QByteArray("<html><body><h1>Bad gateway</h1></body></html>")
                                  << QByteArray("text/html") << QString() << u"Bad gateway"_s;
    }

    void serverErrorsAreNormalised()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QString, code);
        QFETCH(QString, message);
        StacApiClient client(&m_network, m_emulator.url());
        LandingJob *landing = client.loadLanding();
        QVERIFY(waitFor(landing));
        // 502 is retried (3 attempts), so inject enough failures for all of them.
        m_emulator.injectFailure(status, body, 3, contentType);
        ItemStore store;
        SearchJob *job = client.search({}, &store, {});
        QVERIFY(waitFor(job));
        QVERIFY(!job->isOk());
        QCOMPARE(job->error().kind, NetworkError::Kind::Http);
        QCOMPARE(job->error().httpStatus, status);
        QCOMPARE(job->error().code, code);
        QCOMPARE(job->error().message, message);
        QVERIFY(job->error().toString().contains(QString::number(status)));
        QCOMPARE(store.size(), 0);
    }

    void transientFailuresAreRetried()
    {
        StacApiClient client(&m_network, m_emulator.url());
        LandingJob *landing = client.loadLanding();
        QVERIFY(waitFor(landing));
        m_emulator.injectFailure(503, "busy", 2);
        ItemStore store;
        SearchParameters params;
        params.limit = 50;
        SearchJob *job = client.search(params, &store, {});
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        QCOMPARE(store.size(), kItems);
    }

    void requiredHeader()
    {
        m_emulator.setRequiredHeader("X-Api-Key", "secret");
        StacApiClient anonymous(&m_network, m_emulator.url());
        LandingJob *denied = anonymous.loadLanding();
        QVERIFY(waitFor(denied));
        QCOMPARE(denied->error().httpStatus, 401);

        m_router.bind(
            u"test"_s, m_emulator.url(), std::make_shared<HeaderCredential>(HttpHeaders { { "X-Api-Key", "secret" } }));
        StacApiClient client(&m_network, m_emulator.url());
        ItemStore store;
        SearchJob *job = client.search({}, &store, {});
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        QCOMPARE(store.size(), kItems);
        QCOMPARE(m_emulator.lastRequest().header("X-Api-Key"), QByteArray("secret"));
    }

    void garbageAnswers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("<<<not json>>>") << u"invalid JSON"_s;
        QTest::newRow("truncated") << QByteArray(
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"a")
                                   << u"line 1"_s;
        QTest::newRow("wrong type") << QByteArray("{\"type\":\"Catalog\",\"links\":[]}")
                                    << u"not a STAC ItemCollection"_s;
        QTest::newRow("features not array")
            << QByteArray("{\"type\":\"FeatureCollection\",\"features\":{}}") << u"features: expected an array"_s;
    }

    void garbageAnswers()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        LocalHttpServer server;
        QVERIFY(server.listen());
        const QByteArray landing
            = QByteArray("{\"type\":\"Catalog\",\"id\":\"x\",\"links\":[{\"rel\":\"search\",\"href\":\"")
            + server.url(u"/search"_s).toEncoded() + "\",\"method\":\"GET\"}]}";
        server.addRoute(u"/"_s, LocalHttpServer::Response::json(landing));
        server.addRoute(u"/search"_s, LocalHttpServer::Response::json(body));
        StacApiClient client(&m_network, server.url(u"/"_s));
        ItemStore store;
        SearchJob *job = client.search({}, &store, {});
        QVERIFY(waitFor(job));
        QCOMPARE(job->error().kind, NetworkError::Kind::BadResponse);
        QVERIFY2(job->error().message.contains(expected), qPrintable(job->error().message));
        QCOMPARE(store.size(), 0);
    }

    void redirectToAnotherHostDropsCredentials()
    {
        LocalHttpServer first;
        LocalHttpServer second;
        QVERIFY(first.listen(QHostAddress(u"127.0.0.1"_s)));
        QVERIFY(second.listen(QHostAddress(u"127.0.0.2"_s)));
        const QByteArray item = DemoCatalog::item(3);
        second.addRoute(u"/item.json"_s, LocalHttpServer::Response::json(item));
        first.addRoute(u"/same.json"_s, LocalHttpServer::Response::json(item));
        first.addRedirect(u"/moved.json"_s, second.url(u"/item.json"_s), 302);
        first.addRedirect(u"/local.json"_s, first.url(u"/same.json"_s), 301);

        m_router.bind(u"test"_s, first.url(),
            std::make_shared<HeaderCredential>(HttpHeaders { { "Authorization", "Bearer top-secret" } }));
        StacApiClient client(&m_network, first.url());
        ItemJob *job = client.fetchItem(first.url(u"/moved.json"_s));
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        QCOMPARE(job->item().id, DemoCatalog::itemId(3));
        QCOMPARE(first.lastRequest().header("Authorization"), QByteArray("Bearer top-secret"));
        QVERIFY(!second.lastRequest().hasHeader("Authorization"));

        ItemJob *same = client.fetchItem(first.url(u"/local.json"_s));
        QVERIFY(waitFor(same));
        QVERIFY(same->isOk());
        QCOMPARE(first.lastRequest().path, u"/same.json"_s);
        QCOMPARE(first.lastRequest().header("Authorization"), QByteArray("Bearer top-secret"));
    }

    // A next link to another host must not get the catalog's credentials (it used to: SearchJob
    // copied the catalog's headers onto every next link).
    void nextLinkToAnotherHostGetsNoCredentials()
    {
        LocalHttpServer first;
        LocalHttpServer second;
        QVERIFY(first.listen(QHostAddress(u"127.0.0.1"_s)));
        QVERIFY(second.listen(QHostAddress(u"127.0.0.2"_s)));
        const QByteArray landing
            = QByteArray(
                  "{\"type\":\"Catalog\",\"id\":\"x\",\"conformsTo\":[],\"links\":[{\"rel\":\"search\",\"href\":\"")
            + first.url(u"/search"_s).toEncoded() + "\",\"method\":\"GET\"}]}";
        first.addRoute(u"/"_s, LocalHttpServer::Response::json(landing));
        const QByteArray page1 = QByteArray("{\"type\":\"FeatureCollection\",\"features\":[") + DemoCatalog::item(1)
            + "],\"links\":[{\"rel\":\"next\",\"href\":\"" + second.url(u"/page2"_s).toEncoded() + "\"}]}";
        first.addRoute(u"/search"_s, LocalHttpServer::Response::json(page1));
        const QByteArray page2
            = QByteArray("{\"type\":\"FeatureCollection\",\"features\":[") + DemoCatalog::item(2) + "],\"links\":[]}";
        second.addRoute(u"/page2"_s, LocalHttpServer::Response::json(page2));
        m_router.bind(u"test"_s, first.url(u"/"_s),
            std::make_shared<HeaderCredential>(HttpHeaders { { "Authorization", "Bearer catalog-secret" } }));

        StacApiClient client(&m_network, first.url(u"/"_s));
        ItemStore store;
        SearchJob *job = client.search({}, &store, {});
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        QCOMPARE(store.size(), 2);
        QCOMPARE(first.lastRequest().path, u"/search"_s);
        QCOMPARE(first.lastRequest().header("Authorization"), QByteArray("Bearer catalog-secret"));
        QCOMPARE(second.requestCount(), 1);
        QCOMPARE(second.lastRequest().path, u"/page2"_s);
        QVERIFY(!second.lastRequest().hasHeader("Authorization"));
    }

    // A next link is followed by GET or POST only, and a POST to another host goes without
    // credentials too.
    void nextLinkMethodsAndHosts()
    {
        LocalHttpServer first;
        LocalHttpServer second;
        QVERIFY(first.listen(QHostAddress(u"127.0.0.1"_s)));
        QVERIFY(second.listen(QHostAddress(u"127.0.0.2"_s)));
        const QByteArray landing = QByteArray("{\"type\":\"Catalog\",\"id\":\"x\",\"conformsTo\":[],\"links\":[{"
                                              "\"rel\":\"search\",\"href\":\"")
            + first.url(u"/search"_s).toEncoded() + "\",\"method\":\"GET\"}]}";
        first.addRoute(u"/"_s, LocalHttpServer::Response::json(landing));
        const QByteArray page2
            = QByteArray("{\"type\":\"FeatureCollection\",\"features\":[") + DemoCatalog::item(2) + "],\"links\":[]}";
        second.addRoute(u"/orders"_s, LocalHttpServer::Response::json(page2));
        m_router.bind(u"test"_s, first.url(u"/"_s),
            std::make_shared<HeaderCredential>(HttpHeaders { { "Authorization", "Bearer catalog-secret" } }));
        m_router.bind(u"other"_s, second.url(u"/"_s),
            std::make_shared<HeaderCredential>(HttpHeaders { { "Authorization", "Bearer other-account" } }));
        for (const QByteArray &method : { QByteArray("PATCH"), QByteArray("POST") }) {
            const QByteArray page1 = QByteArray("{\"type\":\"FeatureCollection\",\"features\":[") + DemoCatalog::item(1)
                + "],\"links\":[{\"rel\":\"next\",\"method\":\"" + method + "\",\"body\":{\"order\":1},\"href\":\""
                + second.url(u"/orders"_s).toEncoded() + "\"}]}";
            first.addRoute(u"/search"_s, LocalHttpServer::Response::json(page1));
            second.clearRequests();
            StacApiClient client(&m_network, first.url(u"/"_s));
            ItemStore store;
            SearchJob *job = client.search({}, &store, {});
            QVERIFY(waitFor(job));
            QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
            if (method == "PATCH") {
                QCOMPARE(store.size(), 1);
                QCOMPARE(second.requestCount(), 0);
                QVERIFY(job->warnings().join(u'\n').contains(u"only GET and POST"_s));
            } else {
                QCOMPARE(store.size(), 2);
                QCOMPARE(second.requestCount(), 1);
                QCOMPARE(second.lastRequest().method, QByteArray("POST"));
                QVERIFY(!second.lastRequest().hasHeader("Authorization")); // not even the other account's
            }
        }
        m_router.unbind(u"other"_s);
    }

    void retryAfterIsHonoured()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        server.addSequence("GET", u"/item.json"_s,
            { LocalHttpServer::Response::text("slow down", 429).withHeader("Retry-After", "0"),
                LocalHttpServer::Response::json(DemoCatalog::item(1)) });
        server.addSequence("GET", u"/long.json"_s,
            { LocalHttpServer::Response::text("come back tomorrow", 429).withHeader("Retry-After", "86400") });
        StacApiClient client(&m_network, server.url());
        ItemJob *ok = client.fetchItem(server.url(u"/item.json"_s));
        QVERIFY(waitFor(ok));
        QVERIFY2(ok->isOk(), qPrintable(ok->error().toString()));
        QCOMPARE(server.hitCount(u"/item.json"_s), 2);
        // A pause longer than we are willing to wait is reported, not waited for.
        ItemJob *refused = client.fetchItem(server.url(u"/long.json"_s));
        QVERIFY(waitFor(refused));
        QCOMPARE(refused->error().httpStatus, 429);
        QCOMPARE(refused->error().message, u"come back tomorrow"_s);
        QCOMPARE(server.hitCount(u"/long.json"_s), 1);
    }

    void postIsNotRetriedUnlessMarked()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        server.addSequence("POST", u"/orders"_s,
            { LocalHttpServer::Response::text("busy", 503), LocalHttpServer::Response::json("{}") });
        HttpCall *call = m_network.send(HttpRequest::postJson(server.url(u"/orders"_s), "{}"));
        QSignalSpy spy(call, &HttpCall::finished);
        QVERIFY(spy.wait());
        QCOMPARE(call->error().httpStatus, 503);
        QCOMPARE(server.hitCount(u"/orders"_s), 1);
        call->deleteLater();
    }

private:
    QList<ReceivedRequest> searchRequests() const
    {
        QList<ReceivedRequest> out;
        for (const ReceivedRequest &r : m_emulator.requests()) {
            if (r.path.endsWith(u"/search"_s)) {
                out.append(r);
            }
        }
        return out;
    }

    QTemporaryDir m_dir;
    StacEmulator m_emulator;
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    CredentialRouter m_router;
    ItemStore m_local;
};

QTEST_GUILESS_MAIN(TestStacApiClient)
#include "tst_stacapiclient.moc"
