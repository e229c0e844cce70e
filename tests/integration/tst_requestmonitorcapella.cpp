// RequestMonitor, part 2: Capella tasking and repeat requests, orders, backoff after server errors
// and Retry-After, an unreachable host, the concurrency cap per host.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "tests/integration/tst_requestmonitor.h"
#include "tests/support/httpserver.h"

using namespace StacScope;
using namespace Qt::StringLiterals;
using MonitorTest::WaitMs;

namespace {

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s);
}

QStringList statuses(const MonitoredRequest &r)
{
    QStringList out;
    for (const StatusEvent &e : r.history) {
        out.append(e.status);
    }
    return out;
}

QJsonObject point()
{
    return { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 4.05, 51.95 } } };
}

QString change(const QSignalSpy &spy, int i)
{
    return spy.at(i).at(1).toString() + u" -> "_s + spy.at(i).at(2).toString();
}

} // namespace

QJsonObject TestRequestMonitor::capellaTaskBody(const QString &name) const
{
    const QDateTime now = m_capella->now();
    return { { u"type"_s, u"Feature"_s }, { u"geometry"_s, point() },
        { u"properties"_s,
            QJsonObject { { u"taskingrequestName"_s, name }, { u"taskingrequestDescription"_s, u"port"_s },
                { u"windowOpen"_s, iso(now.addSecs(3600)) }, { u"windowClose"_s, iso(now.addDays(7)) },
                { u"collectionTier"_s, u"standard"_s }, { u"collectionType"_s, u"spotlight"_s },
                { u"archiveHoldback"_s, u"none"_s }, { u"pre_approval"_s, false },
                { u"processingConfig"_s, QJsonObject { { u"productTypes"_s, QJsonArray { u"GEO"_s } } } } } } };
}

QJsonObject TestRequestMonitor::capellaRepeatBody(const QString &name) const
{
    return { { u"type"_s, u"Feature"_s }, { u"geometry"_s, point() },
        { u"properties"_s,
            QJsonObject { { u"repeatrequestName"_s, name }, { u"repeatrequestDescription"_s, u""_s },
                { u"collectionTier"_s, u"routine"_s }, { u"collectionType"_s, u"spotlight"_s },
                { u"archiveHoldback"_s, u"none"_s },
                { u"repetitionProperties"_s,
                    QJsonObject { { u"repeatStart"_s, iso(m_capella->now().addDays(1)) },
                        { u"repeatEnd"_s, QJsonValue(QJsonValue::Null) }, { u"repetitionInterval"_s, 7 },
                        { u"repetitionCount"_s, 5 } } },
                { u"processingConfig"_s, QJsonObject { { u"productTypes"_s, QJsonArray { u"GEO"_s } } } },
                { u"windowDuration"_s, 86400 } } } };
}

QJsonObject TestRequestMonitor::createCapellaRequest(bool repeat, const QString &name)
{
    auto *session = qobject_cast<CapellaSession *>(m_accounts->session(m_capellaId));
    if (!session) {
        return {};
    }
    const auto kind = repeat ? CapellaRequest::Kind::Repeat : CapellaRequest::Kind::Tasking;
    JsonCallJob *job = session->client()->createRequest(kind, repeat ? capellaRepeatBody(name) : capellaTaskBody(name));
    if (!MonitorTest::waitFor(job) || !job->isOk()) {
        qWarning("create failed: %s", qPrintable(job->error().toString()));
        return {};
    }
    job->deleteLater();
    return job->json();
}

bool TestRequestMonitor::setCapellaStatus(bool repeat, const QString &id, const QJsonObject &body)
{
    auto *session = qobject_cast<CapellaSession *>(m_accounts->session(m_capellaId));
    const auto kind = repeat ? CapellaRequest::Kind::Repeat : CapellaRequest::Kind::Tasking;
    JsonCallJob *job = session->client()->setRequestStatus(kind, id, body);
    const bool ok = MonitorTest::waitFor(job) && job->isOk();
    job->deleteLater();
    return ok;
}

// received -> review (priced) -> approved: submitted -> accepted -> active -> completed (capellaemulator.h):
// the provider's own history, the price, one statusChanged per change, the products once.
void TestRequestMonitor::capellaTaskingLifeCycle()
{
    RequestMonitor *monitor = openMonitor(40);
    QVERIFY(monitor);
    QSignalSpy changes(monitor, &RequestMonitor::statusChanged);
    QSignalSpy deliveries(monitor, &RequestMonitor::deliveriesAvailable);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    const QJsonObject answer = createCapellaRequest(false, u"Rotterdam SAR"_s);
    const MonitorKey key = monitor->track(m_capellaId, MonitoredKind::CapellaTasking, answer, true, downloadsDir());
    QVERIFY2(key.isValid(), qPrintable(monitor->lastError()));
    MonitoredRequest r = *monitor->request(key);
    QCOMPARE(r.providerId, u"capella"_s);
    QCOMPARE(r.name, u"Rotterdam SAR"_s);
    QCOMPARE(r.description, u"port"_s);
    QCOMPARE(r.status, u"received"_s);
    QCOMPARE(r.cost, u"$3,000.00"_s); // order.summary.total: spotlight $3,000, standard tier x1, no holdback
    QVERIFY(!r.needsAction);
    QCOMPARE(
        r.windowStart, QDateTime::fromString(answer[u"properties"_s][u"windowOpen"_s].toString(), Qt::ISODateWithMs));

    m_capella->advanceClock(60);
    QVERIFY(changes.wait(WaitMs));
    QCOMPARE(change(changes, 0), u"received -> review"_s);
    r = *monitor->request(key);
    QVERIFY(r.needsAction);
    QCOMPARE(r.cost, u"$3,000.00"_s);
    QCOMPARE(r.raw[u"properties"_s][u"transactionStatus"_s].toString(), u"pending-customer-approval"_s);

    // The user approves in the app, which asks at once.
    QVERIFY(setCapellaStatus(false, key.remoteId, CapellaApi::approvalBody(true)));
    QVERIFY(monitor->pollNow(key));
    QVERIFY(changes.wait(WaitMs));
    QCOMPARE(change(changes, 1), u"review -> submitted"_s);
    QVERIFY(!monitor->request(key)->needsAction);
    m_capella->advanceClock(120);
    QVERIFY(changes.wait(WaitMs));
    QCOMPARE(change(changes, 2), u"submitted -> accepted"_s);
    m_capella->advanceClock(180);
    QVERIFY(changes.wait(WaitMs));
    QCOMPARE(change(changes, 3), u"accepted -> active"_s);
    QCOMPARE(deliveries.count(), 0);
    m_capella->advanceClock(300);
    QVERIFY(changes.wait(WaitMs));
    QCOMPARE(change(changes, 4), u"active -> completed"_s);
    QVERIFY(MonitorTest::waitForCount(deliveries, 1));

    r = *monitor->request(key);
    QVERIFY(r.isFinal);
    QCOMPARE(statuses(r),
        QStringList({ u"received"_s, u"review"_s, u"submitted"_s, u"accepted"_s, u"active"_s, u"completed"_s }));
    QCOMPARE(r.history.first().message.isEmpty(), false);
    // One tile, one collect; its GEO product (the request asked for GEO only), to be ordered.
    const QJsonArray collects = m_capella->collects(key.remoteId);
    QCOMPARE(collects.size(), 1);
    const auto handed = deliveries.at(0).at(1).value<QList<DeliveryDescriptor>>();
    QCOMPARE(handed.size(), 1);
    QCOMPARE(handed.first().collection, u"capella-geo"_s);
    QVERIFY(handed.first().needsOrder);
    QVERIFY(handed.first().downloads.isEmpty());
    const QJsonObject product = m_capella->item(handed.first().id);
    QCOMPARE(product[u"properties"_s][u"capella:collect_id"_s].toString(), collects.at(0)[u"collectId"_s].toString());
    QVERIFY(r.deliveriesDone);

    // Only its own GET was used (one request), and nothing is asked now that it is final.
    QCOMPARE(capellaCalls("POST", u"/tasks/search"_s).size(), 0);
    QVERIFY(capellaCalls("GET", u"/task/"_s + key.remoteId).size() >= 5); // at least one per change
    QCOMPARE(capellaCalls("GET", u"/collects/list/"_s + key.remoteId).size(), 1);
    m_capella->clearRequests();
    rounds.clear();
    QVERIFY(!rounds.wait(600));
    QCOMPARE(capellaCalls().size(), 0);
    QCOMPARE(changes.count(), 5);
    QCOMPARE(deliveries.count(), 1);
}

// Several tasking requests: one POST /tasks/search with their ids (after GET /user once), derived
// ones included; a request the user's search leaves out (a colleague's) is read by its own GET.
void TestRequestMonitor::capellaTaskingBatch()
{
    RequestMonitor *monitor = openMonitor(3600 * 1000);
    QVERIFY(monitor);
    QStringList ids;
    MonitorKey first;
    for (int i = 0; i < 3; ++i) {
        const MonitorKey key = monitor->track(
            m_capellaId, MonitoredKind::CapellaTasking, createCapellaRequest(false, u"batch %1"_s.arg(i)));
        QVERIFY(key.isValid());
        ids.append(key.remoteId);
        first = first.isValid() ? first : key;
    }
    const QDateTime now = m_capella->now();
    const QString derived
        = m_capella->addTaskingRequest(QJsonObject { { u"type"_s, u"Feature"_s }, { u"geometry"_s, point() },
            { u"properties"_s,
                QJsonObject { { u"taskingrequestName"_s, u"derived"_s }, { u"repeatrequestId"_s, u"rr-derived"_s },
                    { u"submissionTime"_s, iso(now) }, { u"windowOpen"_s, iso(now) },
                    { u"windowClose"_s, iso(now.addDays(1)) },
                    { u"statusHistory"_s,
                        QJsonArray { QJsonObject { { u"time"_s, iso(now) }, { u"code"_s, u"accepted"_s },
                            { u"message"_s, u"Accepted"_s } } } } } } });
    const QString colleagues
        = m_capella->addTaskingRequest(QJsonObject { { u"type"_s, u"Feature"_s }, { u"geometry"_s, point() },
            { u"properties"_s,
                QJsonObject { { u"taskingrequestName"_s, u"colleague's"_s },
                    { u"userId"_s, u"0e6f1c2a-4b7d-4f3e-8a9b-1c2d3e4f5a6b"_s }, { u"submissionTime"_s, iso(now) },
                    { u"windowOpen"_s, iso(now) }, { u"windowClose"_s, iso(now.addDays(1)) },
                    { u"statusHistory"_s,
                        QJsonArray { QJsonObject { { u"time"_s, iso(now) }, { u"code"_s, u"active"_s },
                            { u"message"_s, u"Active"_s } } } } } } });
    for (const QString &id : { derived, colleagues }) {
        MonitoredRequest seeded;
        seeded.accountId = m_capellaId;
        seeded.kind = MonitoredKind::CapellaTasking;
        seeded.remoteId = id;
        QVERIFY(monitor->track(seeded).isValid());
    }

    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    m_capella->clearRequests();
    QVERIFY(monitor->pollNow(first));
    QVERIFY(rounds.wait(WaitMs));
    PollRoundStats stats = rounds.takeFirst().at(0).value<PollRoundStats>();
    QCOMPARE(stats.batches, 1);
    QCOMPARE(stats.requestsPolled, 5);
    QCOMPARE(stats.calls, 3); // GET /user, POST /tasks/search, GET /task/<colleague's>
    QCOMPARE(capellaCalls().size(), 3);
    QCOMPARE(capellaCalls("GET", u"/user"_s).size(), 1);
    const QList<ReceivedRequest> searches = capellaCalls("POST", u"/tasks/search"_s);
    QCOMPARE(searches.size(), 1);
    QCOMPARE(searches.first().queryValue(u"page"_s), u"1"_s);
    QCOMPARE(searches.first().queryValue(u"limit"_s), u"500"_s);
    const QJsonObject query = QJsonDocument::fromJson(searches.first().body).object()[u"query"_s].toObject();
    QCOMPARE(query[u"userId"_s].toString(), CapellaEmulator::UserId.toString());
    QCOMPARE(query[u"includeRepeatingTasks"_s].toObject(), (QJsonObject { { u"eq"_s, true } }));
    QStringList asked;
    for (const QJsonValue &v : query[u"taskingrequestIds"_s].toArray()) {
        asked.append(v.toString());
    }
    asked.sort();
    QStringList expected = ids + QStringList { derived, colleagues };
    expected.sort();
    QCOMPARE(asked, expected);
    QCOMPARE(capellaCalls("GET", u"/task/"_s + derived).size(), 0);
    QCOMPARE(capellaCalls("GET", u"/task/"_s + colleagues).size(), 1);
    QCOMPARE(monitor->request({ m_capellaId, MonitoredKind::CapellaTasking, derived })->status, u"accepted"_s);
    QCOMPARE(monitor->request({ m_capellaId, MonitoredKind::CapellaTasking, derived })->name, u"derived"_s);
    QCOMPARE(monitor->request({ m_capellaId, MonitoredKind::CapellaTasking, derived })->parentId, u"rr-derived"_s);
    QCOMPARE(monitor->request({ m_capellaId, MonitoredKind::CapellaTasking, colleagues })->status, u"active"_s);
    for (const QString &id : std::as_const(ids)) {
        QCOMPARE(monitor->request({ m_capellaId, MonitoredKind::CapellaTasking, id })->failures, 0);
    }

    // The user is known now: two calls a round.
    m_capella->clearRequests();
    QVERIFY(monitor->pollNow(first));
    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(rounds.takeFirst().at(0).value<PollRoundStats>().calls, 2);
    QCOMPARE(capellaCalls().size(), 2);
}

// A repeat request through review, approval and acceptance until the user cancels it; two of them
// are asked with one POST /repeat-requests/search ("filter", not "query").
void TestRequestMonitor::capellaRepeatRequest()
{
    RequestMonitor *monitor = openMonitor(40);
    QVERIFY(monitor);
    QSignalSpy changes(monitor, &RequestMonitor::statusChanged);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    const MonitorKey key
        = monitor->track(m_capellaId, MonitoredKind::CapellaRepeat, createCapellaRequest(true, u"Weekly"_s));
    const MonitorKey other
        = monitor->track(m_capellaId, MonitoredKind::CapellaRepeat, createCapellaRequest(true, u"Other"_s));
    QVERIFY(key.isValid() && other.isValid());
    MonitoredRequest r = *monitor->request(key);
    QCOMPARE(r.status, u"received"_s);
    QCOMPARE(r.windowStart.date(), m_capella->now().addDays(1).date()); // repeatStart
    QVERIFY(!r.windowEnd.isValid()); // until its count is done

    m_capella->advanceClock(60);
    QVERIFY(MonitorTest::waitForCount(changes, 2));
    r = *monitor->request(key);
    QCOMPARE(r.status, u"review"_s);
    QVERIFY(r.needsAction);
    QCOMPARE(r.cost, u"$3,000.00"_s); // costPerImageEstimate: spotlight, routine tier
    QVERIFY(setCapellaStatus(true, key.remoteId, CapellaApi::approvalBody(true)));
    QVERIFY(monitor->pollNow(key));
    QVERIFY(MonitorTest::waitForCount(changes, 3));
    QCOMPARE(change(changes, 2), u"review -> submitted"_s);
    m_capella->advanceClock(120);
    QVERIFY(MonitorTest::waitForCount(changes, 4));
    QCOMPARE(change(changes, 3), u"submitted -> accepted"_s);
    m_capella->advanceClock(180);
    QVERIFY(MonitorTest::waitForCount(changes, 5));
    QCOMPARE(change(changes, 4), u"accepted -> active"_s);
    QVERIFY(!monitor->request(key)->isFinal);

    QVERIFY(setCapellaStatus(true, key.remoteId, CapellaApi::cancelBody()));
    QVERIFY(monitor->pollNow(key));
    QVERIFY(MonitorTest::waitForCount(changes, 6));
    QCOMPARE(change(changes, 5), u"active -> canceled"_s);
    r = *monitor->request(key);
    QVERIFY(r.isFinal);
    QVERIFY(!r.nextPoll.isValid());
    QCOMPARE(statuses(r),
        QStringList({ u"received"_s, u"review"_s, u"submitted"_s, u"accepted"_s, u"active"_s, u"canceled"_s }));

    // Both were asked in one search each round, by id, never one by one.
    QCOMPARE(capellaCalls("GET", u"/repeat-requests/"_s + key.remoteId).size(), 0);
    const QList<ReceivedRequest> searches = capellaCalls("POST", u"/repeat-requests/search"_s);
    QVERIFY(!searches.isEmpty());
    const QJsonObject body = QJsonDocument::fromJson(searches.first().body).object();
    QVERIFY(!body.contains(u"query"_s));
    QCOMPARE(body[u"filter"_s][u"userId"_s].toString(), CapellaEmulator::UserId.toString());
    QCOMPARE(body[u"filter"_s][u"repeatrequestIds"_s].toArray().size(), 2);

    // Only the other one is left: its own GET from now on.
    // (The tasking request "Weekly" spawned when active is polled in rounds of its own.)
    m_capella->clearRequests();
    QTRY_VERIFY_WITH_TIMEOUT(!capellaCalls("GET", u"/repeat-requests/"_s + other.remoteId).isEmpty(), WaitMs);
    QCOMPARE(capellaCalls("POST", u"/repeat-requests/search"_s).size(), 0);
    QCOMPARE(capellaCalls("GET", u"/repeat-requests/"_s + key.remoteId).size(), 0);
}

// Orders followed by id alone: all of the user's orders in one GET /orders?customerId=, final at
// once, their files planned below the order's folder and handed over once.
void TestRequestMonitor::capellaOrders()
{
    RequestMonitor *monitor = openMonitor(40);
    QVERIFY(monitor);
    auto *session = qobject_cast<CapellaSession *>(m_accounts->session(m_capellaId));
    const QList<QJsonObject> items = m_capella->items();
    QStringList orderIds;
    for (const QList<CapellaGranule> &granules :
        { QList<CapellaGranule> { { items[0][u"collection"_s].toString(), items[0][u"id"_s].toString() },
              { items[1][u"collection"_s].toString(), items[1][u"id"_s].toString() } },
            QList<CapellaGranule> { { items[2][u"collection"_s].toString(), items[2][u"id"_s].toString() } } }) {
        JsonCallJob *job = session->client()->submitOrder(granules);
        QVERIFY(MonitorTest::waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        orderIds.append(job->json()[u"orderId"_s].toString());
    }
    QSignalSpy deliveries(monitor, &RequestMonitor::deliveriesAvailable);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    QSignalSpy changes(monitor, &RequestMonitor::statusChanged);
    m_capella->clearRequests();
    QList<MonitorKey> keys;
    for (const QString &id : std::as_const(orderIds)) {
        MonitoredRequest order;
        order.accountId = m_capellaId;
        order.kind = MonitoredKind::CapellaOrder;
        order.remoteId = id;
        order.autoDownload = true;
        order.downloadFolder = downloadsDir();
        keys.append(monitor->track(order));
    }
    QVERIFY(rounds.wait(WaitMs));
    const PollRoundStats stats = rounds.at(0).at(0).value<PollRoundStats>();
    QCOMPARE(stats.requestsPolled, 2);
    QCOMPARE(stats.calls, 2); // GET /user, GET /orders?customerId=
    const QList<ReceivedRequest> lists = capellaCalls("GET", u"/orders"_s);
    QCOMPARE(lists.size(), 1);
    QCOMPARE(lists.first().queryValue(u"customerId"_s), CapellaEmulator::UserId.toString());
    QCOMPARE(capellaCalls("GET", u"/orders/"_s + orderIds[0]).size(), 0);
    QCOMPARE(changes.count(), 0); // the first status seen is not a change

    QVERIFY(MonitorTest::waitForCount(deliveries, 2));
    for (int i = 0; i < 2; ++i) {
        const MonitoredRequest r = *monitor->request(keys[i]);
        const QJsonObject order = m_capella->order(orderIds[i]);
        QCOMPARE(r.status, u"completed"_s);
        QVERIFY(r.isFinal);
        QCOMPARE(r.name, i == 0 ? u"Order of 2 products"_s : u"Order of 1 product"_s);
        QCOMPARE(r.submitted, QDateTime::fromString(order[u"orderDate"_s].toString(), Qt::ISODateWithMs));
        QCOMPARE(r.windowEnd, QDateTime::fromString(order[u"expirationDate"_s].toString(), Qt::ISODateWithMs));
        QCOMPARE(statuses(r), QStringList({ u"completed"_s }));
        QCOMPARE(capellaCalls("GET", u"/orders/%1/download"_s.arg(orderIds[i])).size(), 1);
    }
    QList<DeliveryDescriptor> first;
    for (const QList<QVariant> &signal : std::as_const(deliveries)) {
        if (signal.at(0).value<MonitorKey>() == keys[0]) {
            first = signal.at(1).value<QList<DeliveryDescriptor>>();
        }
    }
    QCOMPARE(first.size(), 2);
    const QString folder = QDir::cleanPath(downloadsDir()) + u"/Order of 2 products/"_s;
    for (const DeliveryDescriptor &d : std::as_const(first)) {
        QVERIFY(d.id == items[0][u"id"_s].toString() || d.id == items[1][u"id"_s].toString());
        QVERIFY(!d.needsOrder);
        QVERIFY(!d.downloads.isEmpty());
        for (const DownloadTask &t : d.downloads) {
            QVERIFY2(t.targetPath.startsWith(folder + d.id + u'/'), qPrintable(t.targetPath));
            QCOMPARE(t.url.path(), u"/orders/%1/download"_s.arg(orderIds[0]));
            QVERIFY(t.linkFromProvider);
            QCOMPARE(t.itemId, d.id);
        }
    }

    m_capella->clearRequests();
    rounds.clear();
    QVERIFY(!rounds.wait(600));
    QVERIFY(!deliveries.wait(10));
    QCOMPARE(deliveries.count(), 2);
    QCOMPARE(capellaCalls().size(), 0);
}

// HTTP 500 twice: NetworkClient's own three attempts each time (3 calls), then the monitor waits
// one base interval, then two, then the third poll works (1 call): 7 calls in all.
void TestRequestMonitor::backoffAfterServerErrors()
{
    RequestMonitor *monitor = openMonitor(300);
    QVERIFY(monitor);
    const QJsonObject answer = createCapellaRequest(false, u"Backoff"_s);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    m_capella->clearRequests();
    m_capella->rejectNextApiRequests(6, 500);
    const MonitorKey key = monitor->track(m_capellaId, MonitoredKind::CapellaTasking, answer);
    const QString path = u"/task/"_s + key.remoteId;

    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(rounds.at(0).at(0).value<PollRoundStats>().failedBatches, 1);
    QCOMPARE(capellaCalls().size(), 3);
    QCOMPARE(capellaCalls("GET", path).size(), 3);
    MonitoredRequest r = *monitor->request(key);
    QCOMPARE(r.failures, 1);
    QVERIFY2(r.lastError.startsWith(u"HTTP 500"_s), qPrintable(r.lastError));
    QCOMPARE(r.lastPolled.msecsTo(r.nextPoll), qint64(300));
    QCOMPARE(monitor->accountState(m_capellaId).failures, 1);
    QVERIFY(!monitor->accountState(m_capellaId).unreachable);
    QCOMPARE(r.status, u"received"_s);

    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(capellaCalls().size(), 6);
    r = *monitor->request(key);
    QCOMPARE(r.failures, 2);
    QCOMPARE(r.lastPolled.msecsTo(r.nextPoll), qint64(600));
    QCOMPARE(monitor->accountState(m_capellaId).failures, 2);

    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(rounds.at(2).at(0).value<PollRoundStats>().failedBatches, 0);
    QCOMPARE(capellaCalls().size(), 7);
    r = *monitor->request(key);
    QCOMPARE(r.failures, 0);
    QVERIFY(r.lastError.isEmpty());
    QCOMPARE(monitor->accountState(m_capellaId).failures, 0);
    // Kept: a restart would not start from scratch.
    QCOMPARE(m_store->loadAll().first().failures, 0);
}

// 429 with Retry-After: 120 (longer than NetworkClient waits itself): reported at once and the
// account waits the 120 s; pollNow() still asks.
void TestRequestMonitor::retryAfterIsHonoured()
{
    RequestMonitor *monitor = openMonitor(100);
    QVERIFY(monitor);
    const QJsonObject answer = createCapellaRequest(false, u"Retry-After"_s);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    m_capella->clearRequests();
    m_capella->rejectNextApiRequests(1, 429, 120);
    const MonitorKey key = monitor->track(m_capellaId, MonitoredKind::CapellaTasking, answer);
    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(capellaCalls().size(), 1);
    MonitoredRequest r = *monitor->request(key);
    QCOMPARE(r.failures, 1);
    QVERIFY2(r.lastError.startsWith(u"HTTP 429"_s), qPrintable(r.lastError));
    QCOMPARE(r.lastPolled.msecsTo(r.nextPoll), qint64(120000));
    QCOMPARE(monitor->accountState(m_capellaId).until, r.nextPoll);
    QVERIFY(!rounds.wait(1000)); // ten base intervals: nothing
    QCOMPARE(capellaCalls().size(), 1);

    QVERIFY(monitor->pollNow(key));
    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(capellaCalls().size(), 2);
    QCOMPARE(monitor->request(key)->failures, 0);
}

// The API host goes away: no HTTP answer at all marks the account unreachable and backs off;
// back online, it is tried at once.
void TestRequestMonitor::unreachableHostBacksOff()
{
    RequestMonitor *monitor = openMonitor(200);
    QVERIFY(monitor);
    const QJsonObject answer = createCapellaRequest(false, u"Unreachable"_s);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    const MonitorKey key = monitor->track(m_capellaId, MonitoredKind::CapellaTasking, answer);
    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(rounds.at(0).at(0).value<PollRoundStats>().failedBatches, 0);

    HttpServer *api = m_capella->server(CapellaEmulator::Service::Api);
    const quint16 port = api->serverPort();
    api->close();
    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(rounds.at(1).at(0).value<PollRoundStats>().failedBatches, 1);
    AccountPollState state = monitor->accountState(m_capellaId);
    QVERIFY(state.unreachable);
    QCOMPARE(state.failures, 1);
    MonitoredRequest r = *monitor->request(key);
    QCOMPARE(r.lastPolled.msecsTo(r.nextPoll), qint64(200));
    QVERIFY(!r.lastError.isEmpty());
    QVERIFY(rounds.wait(WaitMs));
    r = *monitor->request(key);
    QCOMPARE(r.failures, 2);
    QCOMPARE(r.lastPolled.msecsTo(r.nextPoll), qint64(400));
    QCOMPARE(monitor->accountState(m_capellaId).failures, 2);

    QVERIFY(api->listen(QHostAddress::LocalHost, port));
    monitor->setOnline(false);
    monitor->setOnline(true); // the network is back: unreachable accounts are tried at once
    QVERIFY(monitor->request(key)->nextPoll <= QDateTime::currentDateTimeUtc());
    QVERIFY(monitor->accountState(m_capellaId).until <= QDateTime::currentDateTimeUtc());
    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(rounds.last().at(0).value<PollRoundStats>().failedBatches, 0);
    QVERIFY(!monitor->accountState(m_capellaId).unreachable);
    QCOMPARE(monitor->accountState(m_capellaId).failures, 0);
    QCOMPARE(monitor->request(key)->failures, 0);
}

// One batch per (account, kind); with maxPerHost 1 the three batches of one Capella account run one
// after another: each answer is in before the next request reaches the host.
void TestRequestMonitor::concurrencyCapPerHost()
{
    RequestMonitor *monitor = openMonitor(3600 * 1000);
    QVERIFY(monitor);
    monitor->setMaxPerHost(1);
    const MonitorKey tasking
        = monitor->track(m_capellaId, MonitoredKind::CapellaTasking, createCapellaRequest(false, u"cap a"_s));
    const MonitorKey repeat
        = monitor->track(m_capellaId, MonitoredKind::CapellaRepeat, createCapellaRequest(true, u"cap b"_s));
    auto *session = qobject_cast<CapellaSession *>(m_accounts->session(m_capellaId));
    const QJsonObject item = m_capella->items().first();
    JsonCallJob *job
        = session->client()->submitOrder({ { item[u"collection"_s].toString(), item[u"id"_s].toString() } });
    QVERIFY(MonitorTest::waitFor(job));
    MonitoredRequest order;
    order.accountId = m_capellaId;
    order.kind = MonitoredKind::CapellaOrder;
    order.remoteId = job->json()[u"orderId"_s].toString();
    order.status = u"submitted"_s; // not final: asked for with the others
    QStringList log;
    connect(m_capella->server(CapellaEmulator::Service::Api), &HttpServer::requestReceived, this,
        [&log](const ReceivedRequest &r) { log.append(u"S "_s + r.path); });
    connect(monitor, &RequestMonitor::requestChanged, this,
        [&log](const MonitorKey &k) { log.append(u"M "_s + MonitoredRequest::kindKey(k.kind)); });
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    const MonitorKey orderKey = monitor->track(order);
    log.clear();
    QVERIFY(monitor->pollNow(tasking));
    QVERIFY(monitor->pollNow(repeat));
    QVERIFY(monitor->pollNow(orderKey));
    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(rounds.at(0).at(0).value<PollRoundStats>().batches, 3);
    QCOMPARE(log,
        QStringList(
            { u"S /task/"_s + tasking.remoteId, u"M capella-tasking"_s, u"S /repeat-requests/"_s + repeat.remoteId,
                u"M capella-repeat"_s, u"S /orders/"_s + orderKey.remoteId, u"M capella-order"_s }));
}

// The account is removed while its batch waits for a retry: the batch ends with an error (no call
// on the closed session's client), and later polls say the account is not open.
void TestRequestMonitor::accountClosedWhilePolling()
{
    RequestMonitor *monitor = openMonitor(100);
    QVERIFY(monitor);
    const QJsonObject answer = createCapellaRequest(false, u"Closed"_s);
    m_network->setBaseRetryDelay(3000);
    m_capella->rejectNextApiRequests(1, 503);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    QSignalSpy received(m_capella->server(CapellaEmulator::Service::Api), &HttpServer::requestReceived);
    const MonitorKey key = monitor->track(m_capellaId, MonitoredKind::CapellaTasking, answer);
    QVERIFY(received.wait(WaitMs)); // answered 503; NetworkClient waits before its next attempt
    m_accounts->removeAccount(m_capellaId, this, [](const QString &) {});
    QVERIFY(!m_accounts->session(m_capellaId));
    QCOMPARE(rounds.count(), 0); // announced from the event loop
    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(rounds.at(0).at(0).value<PollRoundStats>().failedBatches, 1);
    MonitoredRequest r = *monitor->request(key);
    QCOMPARE(r.failures, 1);
    QVERIFY2(r.lastError.contains(u"closed"_s), qPrintable(r.lastError));
    QCOMPARE(received.count(), 1);

    QVERIFY(rounds.wait(WaitMs));
    r = *monitor->request(key);
    QCOMPARE(r.failures, 2);
    QVERIFY2(r.lastError.contains(u"not open"_s), qPrintable(r.lastError));
    QCOMPARE(received.count(), 1);
}
