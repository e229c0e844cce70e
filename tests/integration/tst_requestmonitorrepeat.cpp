// RequestMonitor, part 3: the tasking requests a Capella repeat request spawns, found by the
// monitor and followed like the user's own, down to their deliveries. The emulator's life cycle
// (capellaemulator.h): the repeat request turns "active" 300 s after its approval and spawns
// "<name> #1" then, "<name> #2" seven days later (repetitionInterval 7), each pre-approved and
// "completed" 660 s after it was spawned.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include "src/providers/capella/capellaapi.h"
#include "tests/integration/tst_requestmonitor.h"

using namespace StacScope;
using namespace Qt::StringLiterals;
using MonitorTest::WaitMs;

namespace {

// The keys of requestAdded signals of one kind, in order.
QList<MonitorKey> added(const QSignalSpy &spy, MonitoredKind kind)
{
    QList<MonitorKey> keys;
    for (const QList<QVariant> &args : spy) {
        const auto key = args.at(0).value<MonitorKey>();
        if (key.kind == kind) {
            keys.append(key);
        }
    }
    return keys;
}

} // namespace

void TestRequestMonitor::capellaRepeatSpawnsFollowedRequests()
{
    RequestMonitor *monitor = openMonitor(40);
    QVERIFY(monitor);
    QSignalSpy adds(monitor, &RequestMonitor::requestAdded);
    QSignalSpy deliveries(monitor, &RequestMonitor::deliveriesAvailable);
    const MonitorKey repeat = monitor->track(
        m_capellaId, MonitoredKind::CapellaRepeat, createCapellaRequest(true, u"Weekly port"_s), true, downloadsDir());
    QVERIFY(repeat.isValid());
    const QDateTime repeatStart = monitor->request(repeat)->windowStart;
    QCOMPARE(repeatStart.date(), m_capella->now().addDays(1).date()); // capellaRepeatBody()

    m_capella->advanceClock(60);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->request(repeat)->status, u"review"_s, WaitMs);
    QVERIFY(setCapellaStatus(true, repeat.remoteId, CapellaApi::approvalBody(true)));
    QVERIFY(monitor->pollNow(repeat));
    QTRY_COMPARE_WITH_TIMEOUT(monitor->request(repeat)->status, u"submitted"_s, WaitMs);
    // Nothing spawned yet: no tasking search for derived requests before acceptance.
    QCOMPARE(capellaCalls("POST", u"/tasks/search"_s).size(), 0);
    QCOMPARE(added(adds, MonitoredKind::CapellaTasking).size(), 0);

    // Active: its first tasking request appears, with the repeat request's download rule.
    m_capella->clearRequests();
    m_capella->advanceClock(300);
    QTRY_COMPARE_WITH_TIMEOUT(added(adds, MonitoredKind::CapellaTasking).size(), 1, WaitMs);
    QCOMPARE(monitor->request(repeat)->status, u"active"_s);
    const MonitorKey first = added(adds, MonitoredKind::CapellaTasking).first();
    QCOMPARE(first.accountId, m_capellaId);
    MonitoredRequest one = *monitor->request(first);
    QCOMPARE(one.name, u"Weekly port #1"_s);
    QCOMPARE(one.parentId, repeat.remoteId);
    QCOMPARE(one.providerId, u"capella"_s);
    QVERIFY(one.autoDownload);
    QCOMPARE(one.downloadFolder, QDir::cleanPath(downloadsDir()) + u"/Weekly port"_s);
    QCOMPARE(RequestMonitor::deliveryFolder(one), QDir::cleanPath(downloadsDir()) + u"/Weekly port/Weekly port #1"_s);
    QCOMPARE(one.windowStart, repeatStart);
    QCOMPARE(monitor->parentOf(one), std::optional<MonitorKey>(repeat));
    QCOMPARE(monitor->childrenOf(repeat), QList<MonitorKey>({ first }));

    // Found by one tasking search that includes derived requests, bounded by the submission time.
    const QList<ReceivedRequest> searches = capellaCalls("POST", u"/tasks/search"_s);
    QVERIFY(!searches.isEmpty());
    const QJsonObject query = QJsonDocument::fromJson(searches.first().body).object()[u"query"_s].toObject();
    QCOMPARE(query[u"includeRepeatingTasks"_s].toObject(), (QJsonObject { { u"eq"_s, true } }));
    QCOMPARE(query[u"userId"_s].toString(), CapellaEmulator::UserId.toString());
    QVERIFY(query[u"submissionTime"_s].toObject().contains(u"gt"_s));
    QVERIFY(!query.contains(u"taskingrequestIds"_s));

    // It is followed to the end: submitted 60 s after it was spawned, completed 600 s later; its
    // products (one GEO per collect) are then handed over once, to be ordered.
    m_capella->advanceClock(60 + 600);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->request(first)->status, u"completed"_s, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!deliveries.isEmpty(), WaitMs);
    QCOMPARE(deliveries.first().at(0).value<MonitorKey>(), first);
    const auto found = deliveries.first().at(1).value<QList<DeliveryDescriptor>>();
    QVERIFY(!found.isEmpty());
    for (const DeliveryDescriptor &d : found) {
        QVERIFY2(d.needsOrder, qPrintable(d.id));
        QCOMPARE(d.collection, u"capella-geo"_s);
    }
    one = *monitor->request(first);
    QStringList steps;
    for (const StatusEvent &e : std::as_const(one.history)) {
        steps.append(e.status);
    }
    // Pre-approved: no review (the provider's own history, oldest first).
    QCOMPARE(steps, QStringList({ u"received"_s, u"submitted"_s, u"accepted"_s, u"active"_s, u"completed"_s }));
    QVERIFY(one.isFinal);

    // A week later, the second one.
    m_capella->advanceClock(7 * 86400);
    QTRY_COMPARE_WITH_TIMEOUT(added(adds, MonitoredKind::CapellaTasking).size(), 2, WaitMs);
    const MonitorKey second = added(adds, MonitoredKind::CapellaTasking).at(1);
    QCOMPARE(monitor->request(second)->name, u"Weekly port #2"_s);
    QCOMPARE(monitor->request(second)->windowStart, repeatStart.addDays(7));
    QCOMPARE(monitor->childrenOf(repeat), QList<MonitorKey>({ first, second }));

    // The user stops following the second: it stays away, though the provider still lists it.
    QVERIFY(monitor->untrack(second));
    QVERIFY(monitor->request(repeat)->dismissedChildren.contains(second.remoteId));
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    m_capella->clearRequests();
    QVERIFY(monitor->pollNow(repeat));
    QTRY_VERIFY_WITH_TIMEOUT(!capellaCalls("POST", u"/tasks/search"_s).isEmpty(), WaitMs);
    QVERIFY(rounds.wait(WaitMs));
    QVERIFY(!monitor->contains(second));
    QCOMPARE(added(adds, MonitoredKind::CapellaTasking).size(), 2);

    // After a restart: the same parent, the same dismissed request.
    closeMonitor();
    monitor = openMonitor(40);
    QVERIFY(monitor);
    QCOMPARE(monitor->request(first)->parentId, repeat.remoteId);
    QCOMPARE(monitor->request(repeat)->dismissedChildren, QSet<QString>({ second.remoteId }));
    QVERIFY(!monitor->contains(second));
    QCOMPARE(monitor->childrenOf(repeat), QList<MonitorKey>({ first }));

    // Stopping the repeat request stops its tasking requests too.
    QSignalSpy gone(monitor, &RequestMonitor::requestRemoved);
    QVERIFY(monitor->untrack(repeat));
    QCOMPARE(gone.size(), 2);
    QVERIFY(!monitor->contains(first));
    QVERIFY(monitor->requests().isEmpty());
}
