// RequestMonitor, part 1: the fixture, Satellogic tasks, offline, restart, final requests.
#include "tests/integration/tst_requestmonitor.h"

#include <QDir>
#include <QJsonArray>
#include <QStandardPaths>

#include "src/providers/satellogic/satellogicapi.h"
#include "src/tasking/satellogicpoller.h"
#include "tests/support/httpserver.h"

using namespace StacScope;
using namespace Qt::StringLiterals;
using MonitorTest::WaitMs;

bool MonitorTest::waitFor(StacJob *job, int ms)
{
    if (job->isFinished()) {
        return true;
    }
    QSignalSpy spy(job, &StacJob::finished);
    return spy.wait(ms);
}

bool MonitorTest::waitForCount(QSignalSpy &spy, int count, int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (spy.count() < count) {
        const qint64 left = ms - clock.elapsed();
        if (left <= 0 || !spy.wait(int(left))) {
            return spy.count() >= count;
        }
    }
    return true;
}

void TestRequestMonitor::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_satellogic = std::make_unique<SatellogicEmulator>();
    QVERIFY2(m_satellogic->listen(), qPrintable(m_satellogic->errorString()));
    m_capella = std::make_unique<CapellaEmulator>();
    QVERIFY2(m_capella->listen(), qPrintable(m_capella->errorString()));
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_network = std::make_unique<NetworkClient>(m_nam.get());
    m_network->setBaseRetryDelay(5);
    m_router = std::make_unique<CredentialRouter>();
    m_network->setAuthenticator(m_router.get());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_settings = std::make_unique<QSettings>(m_dir.filePath(u"accounts.conf"_s), QSettings::IniFormat);
    m_settings->clear();
    m_accountStore = std::make_unique<AccountStore>(m_settings.get());
    m_registry = ProviderRegistry::createDefault();
    m_accounts = std::make_unique<AccountManager>(
        m_accountStore.get(), m_registry.get(), ProviderServices { m_network.get(), m_router.get(), m_secrets.get() });

    Account satellogic;
    satellogic.name = u"Satellogic"_s;
    satellogic.provider = u"satellogic"_s;
    satellogic.endpoints = { { u"auth"_s, m_satellogic->authUrl() }, { u"accounts"_s, m_satellogic->accountsUrl() },
        { u"api"_s, m_satellogic->apiUrl() } };
    satellogic.options.insert(u"contract"_s, MonitorTest::FirstContract);
    m_satellogicId = addAccount(satellogic,
        { { u"client_id"_s, QByteArray("emulator-client") }, { u"client_secret"_s, QByteArray("emulator-secret") } });
    QVERIFY(!m_satellogicId.isEmpty());
    Account capella;
    capella.name = u"Capella"_s;
    capella.provider = u"capella"_s;
    capella.endpoints = { { u"api"_s, m_capella->apiUrl() } };
    m_capellaId = addAccount(capella, { { u"api_key"_s, QByteArray("emulator-capella-key") } });
    QVERIFY(!m_capellaId.isEmpty());
    m_dbPath = m_dir.filePath(u"monitor-%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
}

void TestRequestMonitor::deliveryFolderIsNeverTheRoot()
{
    MonitoredRequest r;
    r.remoteId = u"23272"_s;
    r.name = u"Port/../of Valencia"_s;
    r.downloadFolder = u"/data/deliveries/"_s;
    // A name from the provider is one plain name: its last path component (FileNameSanitizer).
    QCOMPARE(RequestMonitor::deliveryFolder(r), u"/data/deliveries/of Valencia"_s);
    r.downloadFolder.clear();
    const QString expected
        = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation) + u"/StacScope/of Valencia"_s;
    QCOMPARE(RequestMonitor::deliveryFolder(r), expected);
}

void TestRequestMonitor::cleanup()
{
    closeMonitor();
    m_accounts.reset();
    m_accountStore.reset();
    m_settings.reset();
    m_router.reset();
    m_network.reset();
    m_nam.reset();
    m_capella.reset();
    m_satellogic.reset();
}

QString TestRequestMonitor::addAccount(const Account &account, const QHash<QString, QByteArray> &secrets)
{
    QString error = u"pending"_s;
    m_accounts->saveAccount(account, secrets, this, [&](const QString &e) { error = e; });
    if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 5000) || !error.isEmpty()) {
        return {};
    }
    return m_accountStore->byName(account.name).id;
}

RequestMonitor *TestRequestMonitor::openMonitor(int baseIntervalMs)
{
    m_db = std::make_unique<Database>(m_dbPath);
    if (!m_db->open()) {
        qWarning("%s", qPrintable(m_db->lastError()));
        return nullptr;
    }
    m_store = std::make_unique<MonitorStore>(*m_db);
    m_monitor = std::make_unique<RequestMonitor>(
        m_store.get(), [this](const QString &accountId) { return m_accounts->session(accountId); });
    m_monitor->setBaseInterval(baseIntervalMs);
    if (!m_monitor->start()) {
        qWarning("%s", qPrintable(m_monitor->lastError()));
    }
    return m_monitor.get();
}

void TestRequestMonitor::closeMonitor()
{
    m_monitor.reset();
    m_store.reset();
    m_db.reset();
}

namespace {

QList<ReceivedRequest> filtered(const QList<ReceivedRequest> &all, const QByteArray &method, const QString &path)
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest &r : all) {
        if ((method.isEmpty() || r.method == method) && (path.isEmpty() || r.path == path)) {
            out.append(r);
        }
    }
    return out;
}

QStringList statuses(const MonitoredRequest &r)
{
    QStringList out;
    for (const StatusEvent &e : r.history) {
        out.append(e.status);
    }
    return out;
}

} // namespace

QList<ReceivedRequest> TestRequestMonitor::satellogicCalls(const QByteArray &method, const QString &path) const
{
    return filtered(m_satellogic->requests(SatellogicEmulator::Service::Api), method, path);
}

QList<ReceivedRequest> TestRequestMonitor::capellaCalls(const QByteArray &method, const QString &path) const
{
    return filtered(m_capella->requests(CapellaEmulator::Service::Api), method, path);
}

QJsonObject TestRequestMonitor::satellogicTaskBody(const QString &name) const
{
    const QDateTime now = m_satellogic->now();
    return QJsonObject { { u"task_name"_s, name }, { u"project_name"_s, u"Ports"_s }, { u"product"_s, 169 },
        { u"target"_s, QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 4.05, 51.95 } } } },
        { u"start"_s, now.addSecs(-3600).toString(Qt::ISODate) }, { u"end"_s, now.addDays(7).toString(Qt::ISODate) } };
}

qint64 TestRequestMonitor::addSatellogicTask(const QString &name)
{
    return m_satellogic->addTask(satellogicTaskBody(name), MonitorTest::FirstContract);
}

// received -> in_progress -> completed on the emulator clock (60 s, 180 s): one statusChanged per
// change, the history as seen, the delivery handed over exactly once, then no more calls.
void TestRequestMonitor::satellogicTaskLifeCycle()
{
    RequestMonitor *monitor = openMonitor(40);
    QVERIFY(monitor);
    const qint64 taskId = addSatellogicTask(u"Rotterdam"_s);
    QVERIFY(taskId > 0);
    QSignalSpy changes(monitor, &RequestMonitor::statusChanged);
    QSignalSpy deliveries(monitor, &RequestMonitor::deliveriesAvailable);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    const MonitorKey key = monitor->track(
        m_satellogicId, MonitoredKind::SatellogicTask, m_satellogic->task(taskId), true, downloadsDir());
    QVERIFY2(key.isValid(), qPrintable(monitor->lastError()));
    QCOMPARE(key.remoteId, QString::number(taskId));
    MonitoredRequest r = *monitor->request(key);
    QCOMPARE(r.providerId, u"satellogic"_s);
    QCOMPARE(r.name, u"Rotterdam"_s);
    QCOMPARE(r.description, u"Ports"_s);
    QCOMPARE(r.status, u"received"_s);
    QVERIFY(r.cost.isEmpty()); // billed under the contract
    QCOMPARE(statuses(r), QStringList({ u"received"_s }));

    QVERIFY(rounds.wait(WaitMs));
    QCOMPARE(changes.count(), 0);
    // One task: read by its own GET (no list).
    const QString taskPath = u"/tasking/tasks/%1"_s.arg(taskId);
    QVERIFY(!satellogicCalls("GET", taskPath).isEmpty());
    QCOMPARE(satellogicCalls("GET", u"/tasking/tasks/"_s).size(), 0);

    m_satellogic->advanceClock(60);
    QVERIFY(changes.wait(WaitMs));
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.at(0).at(0).value<MonitorKey>(), key);
    QCOMPARE(changes.at(0).at(1).toString(), u"received"_s);
    QCOMPARE(changes.at(0).at(2).toString(), u"in_progress"_s);
    QCOMPARE(deliveries.count(), 0);

    m_satellogic->advanceClock(120);
    QVERIFY(changes.wait(WaitMs));
    QCOMPARE(changes.count(), 2);
    QCOMPARE(changes.at(1).at(1).toString(), u"in_progress"_s);
    QCOMPARE(changes.at(1).at(2).toString(), u"completed"_s);
    QVERIFY(MonitorTest::waitForCount(deliveries, 1));

    // Two captures, each with an L1C and an L1D scene: four delivery zips.
    const QList<DeliveryDescriptor> handed = deliveries.at(0).at(1).value<QList<DeliveryDescriptor>>();
    QCOMPARE(handed.size(), 4);
    QStringList ids;
    const QString folder = QDir::cleanPath(downloadsDir()) + u"/Rotterdam/"_s + QString::number(taskId) + u'/';
    for (const DeliveryDescriptor &d : handed) {
        ids.append(d.id);
        QVERIFY(!d.needsOrder);
        QCOMPARE(d.downloads.size(), 1);
        const DownloadTask &t = d.downloads.first();
        QVERIFY2(t.targetPath.startsWith(folder + d.collection + u'/'), qPrintable(t.targetPath));
        QVERIFY(t.targetPath.endsWith(u".zip"_s));
        QVERIFY(t.linkFromProvider);
        QCOMPARE(t.url.path(), u"/telluric/scenes/%1/attachments/delivery_zip/download/"_s.arg(d.id));
        QCOMPARE(t.sourceId, u"satellogic:"_s + m_satellogicId);
    }
    ids.sort();
    QStringList expected = m_satellogic->sceneIds(taskId);
    expected.sort();
    QCOMPARE(ids, expected);

    r = *monitor->request(key);
    QVERIFY(r.isFinal);
    QVERIFY(r.deliveriesDone);
    QVERIFY(!r.nextPoll.isValid());
    QCOMPARE(statuses(r), QStringList({ u"received"_s, u"in_progress"_s, u"completed"_s }));
    QCOMPARE(r.queuedDeliveries.size(), 4);

    // Final: nothing more is asked, nothing handed over again.
    m_satellogic->clearRequests();
    QVERIFY(!rounds.wait(600));
    QVERIFY(!deliveries.wait(10));
    QCOMPARE(deliveries.count(), 1);
    QCOMPARE(changes.count(), 2);
    QCOMPARE(satellogicCalls().size(), 0);
}

// Five tasks of one contract: one round asks the two waiting statuses (2 calls), not five tasks;
// a task that left both lists is read once by itself. Rounds are driven by pollNow().
void TestRequestMonitor::satellogicBatchesByStatus()
{
    RequestMonitor *monitor = openMonitor(3600 * 1000); // no round of its own during the test
    QVERIFY(monitor);
    m_satellogic->setTaskTimings(60, 180);
    QList<qint64> ids;
    for (int i = 0; i < 2; ++i) {
        ids.append(addSatellogicTask(u"early %1"_s.arg(i)));
    }
    m_satellogic->advanceClock(100); // the first two are in progress
    for (int i = 0; i < 3; ++i) {
        ids.append(addSatellogicTask(u"late %1"_s.arg(i)));
    }
    // Others of the contract that are not followed fill the lists too.
    addSatellogicTask(u"not followed"_s);
    MonitorKey first;
    for (const qint64 id : std::as_const(ids)) {
        const MonitorKey key = monitor->track(m_satellogicId, MonitoredKind::SatellogicTask, m_satellogic->task(id));
        QVERIFY(key.isValid());
        first = first.isValid() ? first : key;
    }
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    m_satellogic->clearRequests();
    QVERIFY(monitor->pollNow(first));
    QVERIFY(rounds.wait(WaitMs));
    PollRoundStats stats = rounds.takeFirst().at(0).value<PollRoundStats>();
    QCOMPARE(stats.batches, 1);
    QCOMPARE(stats.requestsPolled, 5);
    QCOMPARE(stats.calls, 2);
    QList<ReceivedRequest> calls = satellogicCalls();
    QCOMPARE(calls.size(), 2);
    QStringList queries;
    for (const ReceivedRequest &c : std::as_const(calls)) {
        QCOMPARE(c.path, u"/tasking/tasks/"_s);
        QCOMPARE(c.header("X-Satellogic-Contract-Id"), MonitorTest::FirstContract.toLatin1());
        queries.append(c.queryValue(u"status"_s) + u'/' + c.queryValue(u"limit"_s));
    }
    queries.sort();
    QCOMPARE(queries, QStringList({ u"in_progress/100"_s, u"received/100"_s }));
    for (const qint64 id : std::as_const(ids)) {
        const MonitoredRequest r
            = *monitor->request({ m_satellogicId, MonitoredKind::SatellogicTask, QString::number(id) });
        QCOMPARE(r.status, id == ids[0] || id == ids[1] ? u"in_progress"_s : u"received"_s);
        QCOMPARE(r.failures, 0);
    }

    // The first two complete: they drop off the in_progress list and are read one by one.
    m_satellogic->advanceClock(100);
    m_satellogic->clearRequests();
    QVERIFY(monitor->pollNow(first));
    QVERIFY(rounds.wait(WaitMs));
    stats = rounds.takeFirst().at(0).value<PollRoundStats>();
    QCOMPARE(stats.calls, 4);
    QCOMPARE(stats.changed, 5); // two completed, three now in progress
    calls = satellogicCalls();
    QCOMPARE(calls.size(), 4);
    QCOMPARE(satellogicCalls("GET", u"/tasking/tasks/"_s).size(), 2);
    QCOMPARE(satellogicCalls("GET", u"/tasking/tasks/%1"_s.arg(ids[0])).size(), 1);
    QCOMPARE(satellogicCalls("GET", u"/tasking/tasks/%1"_s.arg(ids[1])).size(), 1);
    QCOMPARE(monitor->request({ m_satellogicId, MonitoredKind::SatellogicTask, QString::number(ids[0]) })->status,
        u"completed"_s);

    // Three left: still the two lists.
    m_satellogic->clearRequests();
    QVERIFY(monitor->pollNow({ m_satellogicId, MonitoredKind::SatellogicTask, QString::number(ids[2]) }));
    QVERIFY(rounds.wait(WaitMs));
    stats = rounds.takeFirst().at(0).value<PollRoundStats>();
    QCOMPARE(stats.requestsPolled, 3);
    QCOMPARE(satellogicCalls().size(), 2);
}

// Offline: what runs is dropped, nothing is sent; back online, the change is found.
void TestRequestMonitor::pausedWhileOffline()
{
    RequestMonitor *monitor = openMonitor(40);
    QVERIFY(monitor);
    const qint64 taskId = addSatellogicTask(u"Offline"_s);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    QSignalSpy changes(monitor, &RequestMonitor::statusChanged);
    QSignalSpy online(monitor, &RequestMonitor::onlineChanged);
    const MonitorKey key = monitor->track(m_satellogicId, MonitoredKind::SatellogicTask, m_satellogic->task(taskId));
    QVERIFY(rounds.wait(WaitMs));

    monitor->setOnline(false);
    QCOMPARE(online.count(), 1);
    QCOMPARE(online.at(0).at(0).toBool(), false);
    QVERIFY(!monitor->isOnline());
    m_satellogic->clearRequests();
    rounds.clear();
    m_satellogic->advanceClock(60);
    QVERIFY(!rounds.wait(800)); // 20 base intervals
    QCOMPARE(satellogicCalls().size(), 0);
    QCOMPARE(changes.count(), 0);
    QVERIFY(monitor->pollNow(key)); // accepted, but not sent while offline
    QVERIFY(!rounds.wait(200));
    QCOMPARE(satellogicCalls().size(), 0);
    QCOMPARE(monitor->request(key)->status, u"received"_s);
    QCOMPARE(monitor->request(key)->failures, 0); // being offline is not a failure

    monitor->setOnline(true);
    QVERIFY(changes.wait(WaitMs));
    QCOMPARE(changes.at(0).at(2).toString(), u"in_progress"_s);
    QVERIFY(!satellogicCalls().isEmpty());
}

// A new monitor over the same file has the same rows and histories and polls on.
void TestRequestMonitor::restoredAfterRestart()
{
    RequestMonitor *monitor = openMonitor(40);
    QVERIFY(monitor);
    const qint64 taskId = addSatellogicTask(u"Restart"_s);
    QSignalSpy changes(monitor, &RequestMonitor::statusChanged);
    const MonitorKey satellogic
        = monitor->track(m_satellogicId, MonitoredKind::SatellogicTask, m_satellogic->task(taskId));
    const MonitorKey capella
        = monitor->track(m_capellaId, MonitoredKind::CapellaTasking, createCapellaRequest(false, u"Restart SAR"_s));
    QVERIFY(capella.isValid());
    m_satellogic->advanceClock(60);
    m_capella->advanceClock(60);
    QVERIFY(MonitorTest::waitForCount(changes, 2));
    const QList<MonitoredRequest> before = monitor->requests();
    QCOMPARE(before.size(), 2);
    QCOMPARE(statuses(before.at(0)), QStringList({ u"received"_s, u"in_progress"_s }));
    QCOMPARE(statuses(before.at(1)), QStringList({ u"received"_s, u"review"_s }));
    QCOMPARE(before.at(1).cost, u"$3,000.00"_s); // spotlight, standard tier, no holdback
    QVERIFY(before.at(1).needsAction);

    closeMonitor();
    QVERIFY(!m_monitor);
    m_satellogic->clearRequests();
    monitor = openMonitor(40);
    QVERIFY(monitor);
    const QList<MonitoredRequest> after = monitor->requests();
    QCOMPARE(after.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const MonitoredRequest &a = before.at(i);
        const MonitoredRequest &b = after.at(i);
        QCOMPARE(b.key(), a.key());
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.name, a.name);
        QCOMPARE(b.status, a.status);
        QCOMPARE(b.history, a.history);
        QCOMPARE(b.cost, a.cost);
        QCOMPARE(b.needsAction, a.needsAction);
        QCOMPARE(b.windowStart, a.windowStart);
        QCOMPARE(b.windowEnd, a.windowEnd);
        QCOMPARE(b.submitted, a.submitted);
        QCOMPARE(b.added, a.added);
        QCOMPARE(b.raw, a.raw);
    }
    QCOMPARE(after.at(0).key(), satellogic);

    QSignalSpy resumed(monitor, &RequestMonitor::statusChanged);
    m_satellogic->advanceClock(120);
    QVERIFY(resumed.wait(WaitMs));
    QCOMPARE(resumed.at(0).at(0).value<MonitorKey>(), satellogic);
    QCOMPARE(resumed.at(0).at(1).toString(), u"in_progress"_s);
    QCOMPARE(resumed.at(0).at(2).toString(), u"completed"_s);
    QCOMPARE(statuses(*monitor->request(satellogic)), QStringList({ u"received"_s, u"in_progress"_s, u"completed"_s }));
}

// A request that is final when it is tracked (or after a restart) is never asked for.
void TestRequestMonitor::finalRequestsAreNotPolled()
{
    RequestMonitor *monitor = openMonitor(40);
    QVERIFY(monitor);
    const qint64 taskId = addSatellogicTask(u"Done"_s);
    m_satellogic->advanceClock(200);
    const qint64 failedId = addSatellogicTask(u"Failed"_s);
    m_satellogic->failTask(failedId);
    QSignalSpy rounds(monitor, &RequestMonitor::pollRoundFinished);
    const MonitorKey done = monitor->track(m_satellogicId, MonitoredKind::SatellogicTask, m_satellogic->task(taskId));
    const MonitorKey failed
        = monitor->track(m_satellogicId, MonitoredKind::SatellogicTask, m_satellogic->task(failedId));
    QVERIFY(monitor->request(done)->isFinal);
    QVERIFY(monitor->request(failed)->isFinal);
    QCOMPARE(monitor->request(failed)->status, u"failed"_s);
    QVERIFY(!monitor->request(done)->nextPoll.isValid());
    QVERIFY(!monitor->pollNow(done));
    m_satellogic->clearRequests();
    QVERIFY(!rounds.wait(600));
    QCOMPARE(satellogicCalls().size(), 0);

    closeMonitor();
    monitor = openMonitor(40);
    QSignalSpy again(monitor, &RequestMonitor::pollRoundFinished);
    QVERIFY(!again.wait(400));
    QCOMPARE(satellogicCalls().size(), 0);
    QCOMPARE(monitor->requests().size(), 2);
}

// Untracked requests disappear from the store; deliveries can be looked up on demand and marked.
void TestRequestMonitor::untrackAndDeliveriesOnDemand()
{
    RequestMonitor *monitor = openMonitor(40);
    QVERIFY(monitor);
    const qint64 taskId = addSatellogicTask(u"On demand"_s);
    m_satellogic->advanceClock(200);
    const MonitorKey key = monitor->track(m_satellogicId, MonitoredKind::SatellogicTask, m_satellogic->task(taskId));
    QSignalSpy fetched(monitor, &RequestMonitor::deliveriesFetched);
    QSignalSpy available(monitor, &RequestMonitor::deliveriesAvailable);
    QVERIFY(monitor->fetchDeliveries(key));
    QVERIFY(fetched.wait(WaitMs));
    const auto list = fetched.at(0).at(1).value<QList<DeliveryDescriptor>>();
    QCOMPARE(list.size(), 4);
    QVERIFY(!fetched.at(0).at(2).value<NetworkError>().isError());
    QVERIFY(monitor->markDeliveriesQueued(key, { list.at(0).id, list.at(1).id }));
    QCOMPARE(monitor->request(key)->queuedDeliveries.size(), 2);

    // Turned on afterwards: only the two not queued yet are handed over.
    QVERIFY(monitor->setAutoDownload(key, true, downloadsDir()));
    QVERIFY(available.wait(WaitMs));
    const auto rest = available.at(0).at(1).value<QList<DeliveryDescriptor>>();
    QCOMPARE(rest.size(), 2);
    QVERIFY(rest.at(0).id != list.at(0).id && rest.at(0).id != list.at(1).id);
    QVERIFY(rest.at(1).id != list.at(0).id && rest.at(1).id != list.at(1).id);

    QSignalSpy removed(monitor, &RequestMonitor::requestRemoved);
    QVERIFY(monitor->untrack(key));
    QCOMPARE(removed.count(), 1);
    QVERIFY(!monitor->contains(key));
    QVERIFY(!monitor->untrack(key));
    QVERIFY(m_store->loadAll().isEmpty());
}

QTEST_GUILESS_MAIN(TestRequestMonitor)
