// RequestMonitor with UP42 orders against the emulator, through a real account session: a tasking
// order waiting on its quotation (needs action, priced in credits), accepted, then delivered in
// two steps on the emulator's clock with each asset handed over once; an archive order placed and
// followed to its ZIP; the state kept across a restart. Life cycles from up42emulator.h.
#include <memory>

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/providerregistry.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/store/database.h"
#include "src/store/monitorstore.h"
#include "src/tasking/requestmonitor.h"
#include "src/tasking/up42poller.h"
#include "tests/support/up42emulator.h"
#include "tests/support/up42testaccount.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 15000;

bool waitFor(StacJob *job)
{
    if (job->isFinished()) {
        return true;
    }
    QSignalSpy spy(job, &StacJob::finished);
    return spy.wait(WaitMs);
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

class TestRequestMonitorUp42 : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Up42Emulator> m_emulator;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<NetworkClient> m_network;
    std::unique_ptr<CredentialRouter> m_router;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<ProviderRegistry> m_registry;
    std::unique_ptr<AccountManager> m_accounts;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MonitorStore> m_monitorStore;
    std::unique_ptr<RequestMonitor> m_monitor;
    QString m_accountId;

    Up42Session *session() const { return qobject_cast<Up42Session *>(m_accounts->session(m_accountId)); }

    RequestMonitor *openMonitor()
    {
        m_db = std::make_unique<Database>(m_dir.filePath(u"monitor.sqlite"_s));
        if (!m_db->open()) {
            return nullptr;
        }
        m_monitorStore = std::make_unique<MonitorStore>(*m_db);
        m_monitor = std::make_unique<RequestMonitor>(
            m_monitorStore.get(), [this](const QString &id) { return m_accounts->session(id); });
        m_monitor->setBaseInterval(40);
        return m_monitor->start() ? m_monitor.get() : nullptr;
    }

    void closeMonitor()
    {
        m_monitor.reset();
        m_monitorStore.reset();
        m_db.reset();
    }

    QJsonObject getOrder(const QString &id)
    {
        JsonCallJob *job = session()->client()->order(id);
        const bool ok = waitFor(job) && job->isOk();
        job->deleteLater();
        return ok ? job->json() : QJsonObject();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<Up42Emulator>();
        QVERIFY(m_emulator->listen());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_network = std::make_unique<NetworkClient>(m_nam.get());
        m_router = std::make_unique<CredentialRouter>();
        m_network->setAuthenticator(m_router.get());
        m_secrets = std::make_unique<MemorySecretStore>();
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"accounts.conf"_s), QSettings::IniFormat);
        m_settings->clear();
        m_store = std::make_unique<AccountStore>(m_settings.get());
        m_registry = ProviderRegistry::createDefault();
        m_accounts = std::make_unique<AccountManager>(
            m_store.get(), m_registry.get(), ProviderServices { m_network.get(), m_router.get(), m_secrets.get() });
        m_accountId = addUp42TestAccount(m_accounts.get(), m_store.get(), *m_emulator, u"UP42 prod"_s);
        QVERIFY(session());
        QFile::remove(m_dir.filePath(u"monitor.sqlite"_s));
    }

    void cleanup()
    {
        closeMonitor();
        m_accounts.reset();
        m_emulator.reset();
    }

    // Tokyo Bay waits on a quotation of 12,500 credits: the monitor says so; accepted (as the
    // Monitor's button does), it is placed and delivered in two steps, each asset handed over once.
    void quotedTaskingOrderToDelivery()
    {
        RequestMonitor *monitor = openMonitor();
        QVERIFY(monitor);
        QSignalSpy changes(monitor, &RequestMonitor::statusChanged);
        QSignalSpy deliveries(monitor, &RequestMonitor::deliveriesAvailable);
        const QString orderId = Up42Emulator::TokyoOrderId.toString();
        const MonitorKey key = monitor->track(
            m_accountId, MonitoredKind::Up42Order, getOrder(orderId), true, m_dir.filePath(u"downloads"_s));
        QVERIFY2(key.isValid(), qPrintable(monitor->lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(!monitor->request(key)->cost.isEmpty(), WaitMs);
        MonitoredRequest r = *monitor->request(key);
        QCOMPARE(r.providerId, u"up42"_s);
        QCOMPARE(r.name, u"Tokyo Bay tasking"_s);
        QCOMPARE(r.status, u"QUOTATION_WAITING_RESPONSE"_s);
        QVERIFY(r.needsAction);
        QVERIFY(!r.isFinal);
        QCOMPARE(r.cost, u"12,500 credits"_s);
        const std::optional<Up42Quotation> q = Up42Poller::quotationOf(r);
        QVERIFY(q);
        QCOMPARE(q->id, Up42Emulator::TokyoQuotationId.toString());

        JsonCallJob *accept = session()->client()->decideQuotation(q->id, true);
        QVERIFY(waitFor(accept));
        QVERIFY(accept->isOk());
        QVERIFY(monitor->pollNow(key));
        QTRY_COMPARE_WITH_TIMEOUT(monitor->request(key)->status, u"PLACED"_s, WaitMs);
        QVERIFY(!monitor->request(key)->needsAction);
        QCOMPARE(changes.last().at(1).toString(), u"QUOTATION_WAITING_RESPONSE"_s);

        // Placed at S: being fulfilled at S + 120 s (its first asset), fulfilled at S + 240 s.
        m_emulator->advanceClock(120);
        QTRY_COMPARE_WITH_TIMEOUT(monitor->request(key)->status, u"BEING_FULFILLED"_s, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(deliveries.size(), 1, WaitMs);
        m_emulator->advanceClock(120);
        QTRY_COMPARE_WITH_TIMEOUT(monitor->request(key)->status, u"FULFILLED"_s, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(deliveries.size(), 2, WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(monitor->request(key)->deliveriesDone, WaitMs);
        r = *monitor->request(key);
        QVERIFY(r.isFinal);
        QCOMPARE(statuses(r),
            QStringList({ u"QUOTATION_WAITING_RESPONSE"_s, u"PLACED"_s, u"BEING_FULFILLED"_s, u"FULFILLED"_s }));
        const QStringList assets = m_emulator->assetIds(orderId);
        QCOMPARE(assets.size(), 2);
        QCOMPARE(r.queuedDeliveries, QSet<QString>(assets.begin(), assets.end()));
        // Each planned below the order's folder, signed by the account when it starts.
        const QString folder = QDir::cleanPath(m_dir.filePath(u"downloads"_s)) + u"/Tokyo Bay tasking/"_s;
        for (const QList<QVariant> &args : std::as_const(deliveries)) {
            for (const DeliveryDescriptor &d : args.at(1).value<QList<DeliveryDescriptor>>()) {
                QCOMPARE(d.downloads.size(), 1);
                QVERIFY2(d.downloads.first().targetPath.startsWith(folder), qPrintable(d.downloads.first().targetPath));
                QVERIFY(d.downloads.first().linkFromProvider);
                QCOMPARE(d.downloads.first().sourceId, session()->sourceId());
            }
        }
        QTest::qWait(200);
        QCOMPARE(deliveries.size(), 2); // never twice
    }

    // An archive order placed from the catalog: created, placed after 60 s, being fulfilled after
    // 180 s, fulfilled after 300 s with its one ZIP; the monitor is the same after a restart.
    void placedArchiveOrderAndRestart()
    {
        RequestMonitor *monitor = openMonitor();
        QVERIFY(monitor);
        JsonCallJob *search = session()->client()->searchHost(
            u"oneatlas"_s, QJsonObject { { u"collections"_s, QJsonArray { u"phr"_s } }, { u"limit"_s, 1 } });
        QVERIFY(waitFor(search));
        const QJsonObject scene = search->json().value(u"features"_s).toArray().first().toObject();
        Up42PagedJob *collections = session()->client()->collections();
        QVERIFY(waitFor(collections));
        QString product;
        for (const QJsonValue &v : collections->items()) {
            for (const Up42Api::DataProduct &p : Up42Api::parseDataProducts(v.toObject())) {
                product = product.isEmpty() && p.collection == u"phr"_s ? p.id : product;
            }
        }
        const QJsonObject payload = Up42Api::orderPayload(product, u"Harbour archive"_s,
            QJsonObject { { u"id"_s, scene.value(u"properties"_s).toObject().value(u"id"_s) } },
            QJsonArray { QJsonObject { { u"type"_s, u"Feature"_s }, { u"geometry"_s, scene.value(u"geometry"_s) } } });
        JsonCallJob *place = session()->client()->placeOrder(Up42Emulator::WorkspaceId.toString(), payload);
        QVERIFY(waitFor(place));
        QVERIFY2(place->isOk(), qPrintable(place->error().toString()));
        const Up42Placement placed = Up42Api::parsePlacement(place->json());
        QCOMPARE(placed.placed.size(), 1);
        const MonitorKey key = monitor->track(m_accountId, MonitoredKind::Up42Order,
            getOrder(placed.placed.first().orderId), true, m_dir.filePath(u"downloads"_s));
        QVERIFY(key.isValid());
        QCOMPARE(monitor->request(key)->status, u"CREATED"_s);
        QCOMPARE(monitor->request(key)->name, u"Harbour archive"_s);
        QSignalSpy deliveries(monitor, &RequestMonitor::deliveriesAvailable);
        m_emulator->advanceClock(60);
        QTRY_COMPARE_WITH_TIMEOUT(monitor->request(key)->status, u"PLACED"_s, WaitMs);

        // A restart in between: the same request, the same history.
        const MonitoredRequest before = *monitor->request(key);
        closeMonitor();
        monitor = openMonitor();
        QVERIFY(monitor);
        QCOMPARE(monitor->request(key)->status, u"PLACED"_s);
        QCOMPARE(statuses(*monitor->request(key)), statuses(before));
        QCOMPARE(monitor->request(key)->raw.value(u"id"_s).toString(), key.remoteId);

        QSignalSpy after(monitor, &RequestMonitor::deliveriesAvailable);
        m_emulator->advanceClock(120);
        QTRY_COMPARE_WITH_TIMEOUT(monitor->request(key)->status, u"BEING_FULFILLED"_s, WaitMs);
        m_emulator->advanceClock(120);
        QTRY_COMPARE_WITH_TIMEOUT(monitor->request(key)->status, u"FULFILLED"_s, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(after.size() >= 1, true, WaitMs);
        QStringList names;
        for (const QList<QVariant> &args : std::as_const(after)) {
            for (const DeliveryDescriptor &d : args.at(1).value<QList<DeliveryDescriptor>>()) {
                names.append(QFileInfo(d.downloads.first().targetPath).fileName());
            }
        }
        QCOMPARE(names.size(), 1);
        QVERIFY2(names.first().endsWith(u".zip"_s), qPrintable(names.first()));
        QCOMPARE(statuses(*monitor->request(key)),
            QStringList({ u"CREATED"_s, u"PLACED"_s, u"BEING_FULFILLED"_s, u"FULFILLED"_s }));
    }
};

QTEST_GUILESS_MAIN(TestRequestMonitorUp42)
#include "tst_requestmonitorup42.moc"
