// TileFetcher against a loopback tile server: User-Agent, per-host cap, newest first, cancel,
// failures and the offline state, disk cache.
#include <QBuffer>
#include <QImage>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "src/net/networkclient.h"
#include "src/net/tilefetcher.h"
#include "tests/support/localhttpserver.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QByteArray pngTile(const QColor &colour)
{
    QImage image(256, 256, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QString tilePath(const TileKey &key)
{
    return u"/tiles/%1/%2/%3.png"_s.arg(key.z).arg(key.x).arg(key.y);
}

QList<TileKey> level(int z)
{
    QList<TileKey> keys;
    for (int y = 0; y < (1 << z); ++y) {
        for (int x = 0; x < (1 << z); ++x) {
            keys.append({ z, x, y });
        }
    }
    return keys;
}

// Lets the event loop run for `ms` without sleeping.
void settle(int ms)
{
    QTimer timer;
    timer.setSingleShot(true);
    QSignalSpy spy(&timer, &QTimer::timeout);
    timer.start(ms);
    QVERIFY(spy.wait(ms + 5000));
}

} // namespace

class TestTileFetcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // Aborting a request whose failure Qt is already reporting makes it report twice (seen
        // when a server goes down with tiles in flight; it happened in about one run in three).
        QTest::failOnWarning(QRegularExpression(u"must only be called once"_s));
        m_server = std::make_unique<LocalHttpServer>();
        QVERIFY(m_server->listen());
        m_active = 0;
        m_maxActive = 0;
        m_delayMs = 0;
        m_failStatus = 0;
        m_abortedOnServer = 0;
        m_order.clear();
        // Levels 0 to 2 exist; deeper tiles are 404.
        for (int z = 0; z <= 2; ++z) {
            for (const TileKey &key : level(z)) {
                m_server->addHandler(QByteArrayLiteral("GET"), tilePath(key),
                    [this, key](const ReceivedRequest &, HttpServerResponse &response) { answer(key, response); });
            }
        }
    }

    void cleanup() { m_server.reset(); }

    void userAgentAndBytes()
    {
        TileFetcher fetcher(QString(), nullptr);
        fetcher.setSource(source());
        QSignalSpy ready(&fetcher, &TileFetcher::tileReady);
        fetcher.setWanted({ { 1, 1, 0 } });
        QVERIFY(ready.wait());
        QCOMPARE(ready.count(), 1);
        QCOMPARE(ready.at(0).at(0).value<TileKey>(), (TileKey { 1, 1, 0 }));
        QCOMPARE(ready.at(0).at(1).toByteArray(), pngTile(colourOf({ 1, 1, 0 })));
        const ReceivedRequest request = m_server->lastRequest();
        QCOMPARE(request.path, tilePath({ 1, 1, 0 }));
        QCOMPARE(request.header("User-Agent"), NetworkClient::userAgent());
        QVERIFY(request.header("User-Agent").startsWith("StacScope/"));
        QCOMPARE(fetcher.inFlightCount(), 0);
    }

    void perHostCapRespected()
    {
        m_delayMs = 80;
        TileFetcher fetcher(QString(), nullptr);
        fetcher.setSource(source(2));
        QSignalSpy ready(&fetcher, &TileFetcher::tileReady);
        fetcher.setWanted(level(2));
        while (ready.count() < 16) {
            QVERIFY(ready.wait(5000));
        }
        QCOMPARE(m_maxActive, 2);
        QCOMPARE(m_server->requestCount(), 16);
    }

    void newestFirst()
    {
        m_delayMs = 20;
        TileFetcher fetcher(QString(), nullptr);
        fetcher.setSource(source(1));
        QSignalSpy ready(&fetcher, &TileFetcher::tileReady);
        const QList<TileKey> keys = level(1);
        for (const TileKey &key : keys) {
            fetcher.request(key);
        }
        while (ready.count() < 4) {
            QVERIFY(ready.wait(5000));
        }
        QCOMPARE(m_order,
            QStringList({ tilePath(keys.at(3)), tilePath(keys.at(2)), tilePath(keys.at(1)), tilePath(keys.at(0)) }));

        // A newer view goes ahead of what an older one still has queued.
        m_order.clear();
        ready.clear();
        const QList<TileKey> older = level(2).mid(0, 4);
        const QList<TileKey> newer = level(2).mid(8, 2);
        fetcher.setWanted(older);
        QVERIFY(ready.wait(5000)); // older[0] done, older[1] in flight
        fetcher.setWanted(QList<TileKey>(newer) << older.mid(1)); // the view has older[0] now
        while (ready.count() < 6) {
            QVERIFY(ready.wait(5000));
        }
        QCOMPARE(m_order.size(), 6);
        for (const TileKey &n : newer) {
            QVERIFY(m_order.indexOf(tilePath(n)) < m_order.indexOf(tilePath(older.at(2))));
            QVERIFY(m_order.indexOf(tilePath(n)) < m_order.indexOf(tilePath(older.at(3))));
        }
        QVERIFY(m_order.indexOf(tilePath(newer.at(0))) < m_order.indexOf(tilePath(newer.at(1))));
    }

    void cancelTilesThatLeftTheView()
    {
        m_delayMs = 300;
        TileFetcher fetcher(QString(), nullptr);
        fetcher.setSource(source(2));
        QSignalSpy ready(&fetcher, &TileFetcher::tileReady);
        QSignalSpy failed(&fetcher, &TileFetcher::tileFailed);
        QSignalSpy received(m_server.get(), &LocalHttpServer::requestReceived);
        const QList<TileKey> before = level(2).mid(0, 6);
        fetcher.setWanted(before);
        while (received.count() < 2) {
            QVERIFY(received.wait(5000));
        }
        QCOMPARE(fetcher.inFlightCount(), 2);
        QCOMPARE(fetcher.queuedCount(), 4);

        const TileKey after { 1, 1, 1 };
        fetcher.setWanted({ after, before.at(1) });
        QCOMPARE(fetcher.inFlightCount(), 1); // before[0] aborted, before[1] still wanted
        QCOMPARE(fetcher.queuedCount(), 1);
        while (ready.count() < 2) {
            QVERIFY(ready.wait(5000));
        }
        settle(400); // any late answer for the aborted tile would arrive now
        QCOMPARE(ready.count(), 2);
        QSet<TileKey> got;
        for (const auto &args : ready) {
            got.insert(args.at(0).value<TileKey>());
        }
        QCOMPARE(got, (QSet<TileKey> { after, before.at(1) }));
        QCOMPARE(failed.count(), 0); // a cancel is not a failure
        for (int i = 2; i < before.size(); ++i) {
            QCOMPARE(m_server->hitCount(tilePath(before.at(i))), 0);
        }
        QCOMPARE(m_server->requestCount(), 3);
        QCOMPARE(m_abortedOnServer, 1); // the server saw the client go away
    }

    void deduplicates()
    {
        m_delayMs = 50;
        TileFetcher fetcher(QString(), nullptr);
        fetcher.setSource(source(2));
        QSignalSpy ready(&fetcher, &TileFetcher::tileReady);
        const TileKey key { 2, 1, 1 };
        fetcher.setWanted({ key, key, key });
        fetcher.request(key);
        fetcher.setWanted({ key });
        QVERIFY(ready.wait());
        settle(100);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(m_server->hitCount(tilePath(key)), 1);
    }

    void missingTileNotRetriedInALoop()
    {
        TileFetcher fetcher(QString(), nullptr);
        fetcher.setSource(source(2));
        fetcher.setRetryAfter(300);
        QSignalSpy failed(&fetcher, &TileFetcher::tileFailed);
        QSignalSpy offline(&fetcher, &TileFetcher::offlineChanged);
        const TileKey missing { 3, 0, 0 };
        fetcher.setWanted({ missing });
        QVERIFY(failed.wait());
        QVERIFY(failed.at(0).at(1).toString().contains(u"404"_s));
        QVERIFY(fetcher.isFailed(missing));
        // Every repaint asks again; none of that reaches the server until the retry time.
        for (int i = 0; i < 5; ++i) {
            fetcher.setWanted({ missing });
        }
        QCOMPARE(fetcher.queuedCount(), 0);
        settle(100);
        QCOMPARE(m_server->hitCount(tilePath(missing)), 1);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(offline.count(), 0); // one missing tile says nothing about the server
        settle(300);
        fetcher.setWanted({ missing });
        QVERIFY(failed.wait());
        QCOMPARE(m_server->hitCount(tilePath(missing)), 2);
    }

    void serverErrorsGoOfflineAndProbe()
    {
        m_failStatus = 503;
        TileFetcher fetcher(QString(), nullptr);
        fetcher.setSource(source(2));
        fetcher.setFailureThreshold(3);
        fetcher.setProbeInterval(250);
        QSignalSpy failed(&fetcher, &TileFetcher::tileFailed);
        QSignalSpy ready(&fetcher, &TileFetcher::tileReady);
        QSignalSpy offline(&fetcher, &TileFetcher::offlineChanged);
        const QList<TileKey> wanted = level(2);
        fetcher.setWanted(wanted);
        QVERIFY(offline.wait());
        QCOMPARE(offline.count(), 1);
        QCOMPARE(offline.at(0).at(0).toBool(), true);
        QVERIFY(fetcher.isOffline());
        QCOMPARE(fetcher.inFlightCount(), 0);
        QCOMPARE(fetcher.queuedCount(), 0);
        const qsizetype hits = m_server->requestCount();
        QVERIFY2(hits >= 3 && hits <= 4, qPrintable(QString::number(hits))); // threshold + cap - 1 at most
        QCOMPARE(failed.count(), 3);

        // Offline: repaints ask for tiles, nothing is sent but one probe per interval.
        for (int i = 0; i < 10; ++i) {
            fetcher.setWanted(wanted);
        }
        QCOMPARE(fetcher.queuedCount(), 0);
        settle(600);
        const qsizetype probes = m_server->requestCount() - hits;
        QVERIFY2(probes >= 1 && probes <= 3, qPrintable(QString::number(probes)));
        QCOMPARE(offline.count(), 1);

        // The server recovers: the next probe brings the fetcher back and the view fills.
        m_failStatus = 0;
        QVERIFY(offline.wait(5000));
        QCOMPARE(offline.at(1).at(0).toBool(), false);
        QVERIFY(!fetcher.isOffline());
        while (ready.count() < wanted.size()) {
            QVERIFY(ready.wait(5000));
        }
    }

    void unreachableServerGoesOffline()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        TileSource s = source(2);
        s.urlTemplate = u"http://127.0.0.1:%1/tiles/{z}/{x}/{y}.png"_s.arg(port);
        TileFetcher fetcher(QString(), nullptr);
        fetcher.setSource(s);
        fetcher.setFailureThreshold(2);
        QSignalSpy failed(&fetcher, &TileFetcher::tileFailed);
        QSignalSpy offline(&fetcher, &TileFetcher::offlineChanged);
        fetcher.setWanted(level(2));
        QVERIFY(offline.wait());
        QVERIFY(fetcher.isOffline());
        QVERIFY(failed.count() >= 2 && failed.count() <= 3);
        // A new source starts afresh.
        fetcher.setSource(source(2));
        QVERIFY(!fetcher.isOffline());
        QCOMPARE(offline.count(), 2);
    }

    void diskCacheHit()
    {
        QTemporaryDir cacheDir;
        QVERIFY(cacheDir.isValid());
        const TileKey key { 2, 3, 1 };
        {
            TileFetcher fetcher(cacheDir.path(), nullptr);
            fetcher.setSource(source());
            QSignalSpy ready(&fetcher, &TileFetcher::tileReady);
            fetcher.setWanted({ key });
            QVERIFY(ready.wait());
        }
        QCOMPARE(m_server->hitCount(tilePath(key)), 1);
        TileFetcher fetcher(cacheDir.path(), nullptr);
        fetcher.setSource(source());
        QSignalSpy ready(&fetcher, &TileFetcher::tileReady);
        fetcher.setWanted({ key });
        QVERIFY(ready.wait());
        QCOMPARE(ready.at(0).at(1).toByteArray(), pngTile(colourOf(key)));
        QCOMPARE(m_server->hitCount(tilePath(key)), 1); // from the disk cache
        // Another tile still goes to the server.
        fetcher.setWanted({ { 2, 0, 0 } });
        QVERIFY(ready.wait());
        QCOMPARE(m_server->hitCount(tilePath({ 2, 0, 0 })), 1);
    }

private:
    TileSource source(int connections = 2) const
    {
        TileSource s;
        s.id = u"test"_s;
        s.name = u"Test"_s;
        s.urlTemplate = m_server->url().toString() + u"/tiles/{z}/{x}/{y}.png"_s;
        s.attribution = u"© Test"_s;
        s.maxConnectionsPerHost = connections;
        return s;
    }

    static QColor colourOf(const TileKey &key)
    {
        return QColor::fromHsv((key.x * 47 + key.y * 91 + key.z * 13) % 360, 200, 220);
    }

    void answer(const TileKey &key, HttpServerResponse &response)
    {
        m_order.append(tilePath(key));
        ++m_active;
        m_maxActive = std::max(m_maxActive, m_active);
        const auto fill = [this, key](HttpServerResponse &r) {
            if (m_failStatus != 0) {
                r.respond(m_failStatus, QByteArrayLiteral("unavailable"), QByteArrayLiteral("text/plain"));
            } else {
                r.respond(200, pngTile(colourOf(key)), QByteArrayLiteral("image/png"));
                r.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("max-age=86400"));
            }
        };
        if (m_delayMs <= 0) {
            --m_active;
            fill(response);
            return;
        }
        response.defer();
        QPointer<HttpServerResponse> pending(&response);
        QTimer::singleShot(m_delayMs, this, [this, pending, fill] {
            --m_active;
            if (!pending) {
                ++m_abortedOnServer;
                return;
            }
            fill(*pending);
            pending->send();
        });
    }

    std::unique_ptr<LocalHttpServer> m_server;
    int m_active = 0;
    int m_maxActive = 0;
    int m_delayMs = 0;
    int m_failStatus = 0;
    int m_abortedOnServer = 0;
    QStringList m_order;
};

QTEST_GUILESS_MAIN(TestTileFetcher)
#include "tst_tilefetcher.moc"
