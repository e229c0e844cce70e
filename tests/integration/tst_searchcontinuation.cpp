// A search that stopped at its cap, or was canceled, goes on where it stopped
// (SearchJob::continuation(), SearchOptions::continueWith), in each of the emulator's paging
// styles: no item twice, none missed, and a server with no more gives no continuation.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include "src/demo/democatalog.h"
#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "src/stac/searchjob.h"
#include "src/stac/stacapiclient.h"
#include "tests/support/stacemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int kItems = 47;

bool waitFor(StacJob *job)
{
    if (job->isFinished()) {
        return true;
    }
    QSignalSpy spy(job, &StacJob::finished);
    return spy.wait(20000);
}

QStringList idsInOrder(const ItemStore &store)
{
    QStringList ids;
    for (const ItemRecord &r : store.items()) {
        ids.append(r.id);
    }
    return ids;
}

} // namespace

class TestSearchContinuation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_emulator.addItems(DemoCatalog::featureCollection(0, kItems), &error), qPrintable(error));
        m_emulator.setMaxLimit(10000);
        QVERIFY(m_emulator.listen());
        // The server's order, from one plain request for everything (no paging involved).
        QNetworkRequest request(m_emulator.url(u"/search?limit=10000"_s));
        QNetworkReply *reply = m_nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        const QJsonArray features = QJsonDocument::fromJson(reply->readAll()).object().value(u"features"_s).toArray();
        reply->deleteLater();
        for (const QJsonValue &f : features) {
            m_order.append(f[u"id"_s].toString());
        }
        QCOMPARE(m_order.size(), kItems);
    }

    void init() { m_emulator.setMaxLimit(10); }

    void goesOnWhereItStopped_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("method");
        QTest::newRow("get-token") << int(StacEmulator::PagingMode::GetToken) << u"GET"_s;
        QTest::newRow("post-merge") << int(StacEmulator::PagingMode::PostMerge) << u"POST"_s;
        QTest::newRow("post-href") << int(StacEmulator::PagingMode::PostHref) << u"POST"_s;
    }

    void goesOnWhereItStopped()
    {
        QFETCH(int, mode);
        QFETCH(QString, method);
        m_emulator.setPagingMode(StacEmulator::PagingMode(mode));
        StacApiClient client(&m_network, m_emulator.url());
        ItemStore store;
        SearchParameters params;
        SearchOptions options;
        options.method = method;
        options.maxItems = 15; // pages of 10: stops inside the second page
        SearchJob *first = client.search(params, &store, options);
        QVERIFY(waitFor(first));
        QVERIFY2(first->isOk(), qPrintable(first->error().toString()));
        QCOMPARE(idsInOrder(store), m_order.mid(0, 15));
        QVERIFY(first->continuation());

        // 15 more: the second page again (its last five are new), then the third.
        options.continueWith = first->continuation();
        SearchJob *second = client.search(params, &store, options);
        QVERIFY(waitFor(second));
        QVERIFY2(second->isOk(), qPrintable(second->error().toString()));
        QCOMPARE(second->returned(), 15);
        QCOMPARE(idsInOrder(store), m_order.mid(0, 30));
        QVERIFY(second->continuation()); // stopped at a page's end, more to come

        // All the rest: 17, then no continuation.
        options.maxItems = 0;
        options.continueWith = second->continuation();
        SearchJob *rest = client.search(params, &store, options);
        QVERIFY(waitFor(rest));
        QVERIFY2(rest->isOk(), qPrintable(rest->error().toString()));
        QCOMPARE(idsInOrder(store), m_order);
        QVERIFY(!rest->continuation());
    }

    void canceledBetweenPagesGoesOnToo()
    {
        m_emulator.setPagingMode(StacEmulator::PagingMode::GetToken);
        StacApiClient client(&m_network, m_emulator.url());
        ItemStore store;
        SearchParameters params;
        SearchOptions options;
        SearchJob *job = client.search(params, &store, options);
        connect(job, &SearchJob::itemsAdded, job, [job] { job->cancel(); }); // after its first page
        QVERIFY(waitFor(job));
        QCOMPARE(job->error().kind, NetworkError::Kind::Canceled);
        QCOMPARE(store.size(), 10);
        QVERIFY(job->continuation());
        options.continueWith = job->continuation();
        SearchJob *rest = client.search(params, &store, options);
        QVERIFY(waitFor(rest));
        QVERIFY2(rest->isOk(), qPrintable(rest->error().toString()));
        QCOMPARE(idsInOrder(store), m_order);
    }

    void everythingInOneGoHasNoContinuation()
    {
        StacApiClient client(&m_network, m_emulator.url());
        ItemStore store;
        SearchOptions options;
        options.maxItems = 100;
        SearchJob *job = client.search({}, &store, options);
        QVERIFY(waitFor(job));
        QCOMPARE(store.size(), kItems);
        QVERIFY(!job->continuation());
    }

private:
    StacEmulator m_emulator;
    QStringList m_order; // the ids in the server's order
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
};

QTEST_MAIN(TestSearchContinuation)
#include "tst_searchcontinuation.moc"
