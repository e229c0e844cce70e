// MonitorStore: migration 3 on a file written at version 2 (its download queue kept), every field
// round-trips, the history in order, (account, kind, remote id) unique, removal takes the history.
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "src/store/database.h"
#include "src/store/downloadqueuestore.h"
#include "src/store/migrations.h"
#include "src/store/monitorstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QDateTime utc(int day, int hour, int minute = 0, int ms = 0)
{
    return QDateTime(QDate(2026, 5, day), QTime(hour, minute, 0, ms), Qt::UTC);
}

MonitoredRequest fullRequest()
{
    MonitoredRequest r;
    r.providerId = u"capella"_s;
    r.accountId = u"acct-1"_s;
    r.kind = MonitoredKind::CapellaTasking;
    r.remoteId = u"2f1e7c1a-5b6d-4c3e-9f8a-7b6c5d4e3f2a"_s;
    r.name = u"Port of Rotterdam – spotlight"_s;
    r.description = u"weekly check"_s;
    r.status = u"review"_s;
    r.isFinal = false;
    r.needsAction = true;
    r.windowStart = utc(1, 0);
    r.windowEnd = utc(8, 0);
    r.submitted = utc(1, 9, 30, 123);
    r.cost = u"$3,000.00"_s;
    r.added = utc(1, 9, 31);
    r.lastPolled = utc(1, 10, 0, 5);
    r.nextPoll = utc(1, 10, 10);
    r.failures = 2;
    r.lastError = u"HTTP 503: try later"_s;
    r.autoDownload = true;
    r.downloadFolder = u"/home/u/Imagery"_s;
    r.queuedDeliveries = { u"CAPELLA_C13_SP_GEO_HH_20260502101500_20260502101510"_s, u"b"_s };
    r.deliveriesDone = true;
    r.parentId = u"7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"_s;
    r.dismissedChildren = { u"c2"_s, u"c1"_s };
    r.raw = QJsonObject { { u"type"_s, u"Feature"_s },
        { u"properties"_s, QJsonObject { { u"transactionStatus"_s, u"pending-customer-approval"_s } } } };
    return r;
}

int count(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next()) {
        return -1;
    }
    return q.value(0).toInt();
}

} // namespace

class TestMonitorStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // A file of an earlier release (version 2, a download in its queue, as that release wrote it)
    // is brought to the latest version; the download keeps its place, with nothing to unpack.
    void migratesVersionTwoFile()
    {
        const QString path = m_dir.filePath(u"v2.sqlite"_s);
        {
            Database old(path, schemaMigrations().mid(0, 2));
            QVERIFY2(old.open(), qPrintable(old.lastError()));
            QCOMPARE(old.schemaVersion(), 2);
            QSqlQuery q(old.connection());
            QVERIFY2(q.exec(u"INSERT INTO download_queue (position, url, target_path, state, link_from_provider) "
                            "VALUES (1, 'https://example.com/a.tif', '/tmp/a.tif', 'completed', 0)"_s),
                qPrintable(q.lastError().text()));
            QCOMPARE(count(old, u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'monitored_requests'"_s), 0);
        }
        Database db(path);
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        QCOMPARE(db.schemaVersion(), 7); // migration 7: saved searches and history
        QCOMPARE(db.latestSchemaVersion(), 7);
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM download_queue"_s), 1);
        DownloadQueueStore queue(db);
        const QList<DownloadTask> tasks = queue.loadTasks();
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(tasks.first().targetPath, u"/tmp/a.tif"_s);
        QCOMPARE(tasks.first().state, DownloadState::Completed);
        QCOMPARE(tasks.first().unpack, UnpackState::None);
        QVERIFY(tasks.first().unpackDetail.isEmpty());
        MonitorStore store(db);
        QVERIFY(store.loadAll().isEmpty());
        QVERIFY2(store.lastError().isEmpty(), qPrintable(store.lastError()));
        MonitoredRequest r = fullRequest();
        QVERIFY2(store.upsert(r), qPrintable(store.lastError()));
        QCOMPARE(store.loadAll().size(), 1);
    }

    // A file of the previous release (version 3) keeps its monitored requests: each is a request
    // of its own (no parent), with nothing dismissed.
    void migratesVersionThreeFile()
    {
        const QString path = m_dir.filePath(u"v3.sqlite"_s);
        {
            Database old(path, schemaMigrations().mid(0, 3));
            QVERIFY2(old.open(), qPrintable(old.lastError()));
            QCOMPARE(old.schemaVersion(), 3);
            QSqlQuery q(old.connection());
            QVERIFY2(q.exec(u"INSERT INTO monitored_requests (account_id, kind, remote_id, provider, name, status) "
                            "VALUES ('acct-1', 'capella-repeat', 'rr-1', 'capella', 'Weekly', 'active')"_s),
                qPrintable(q.lastError().text()));
        }
        Database db(path);
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        QCOMPARE(db.schemaVersion(), 7); // migration 7: saved searches and history
        MonitorStore store(db);
        const QList<MonitoredRequest> loaded = store.loadAll();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().kind, MonitoredKind::CapellaRepeat);
        QCOMPARE(loaded.first().name, u"Weekly"_s);
        QCOMPARE(loaded.first().status, u"active"_s);
        QVERIFY(loaded.first().parentId.isEmpty());
        QVERIFY(loaded.first().dismissedChildren.isEmpty());
    }

    void roundTrip()
    {
        const QString path = m_dir.filePath(u"roundtrip.sqlite"_s);
        MonitoredRequest written = fullRequest();
        {
            Database db(path);
            QVERIFY(db.open());
            MonitorStore store(db);
            QVERIFY2(store.upsert(written), qPrintable(store.lastError()));
            QVERIFY(written.id > 0);
        }
        Database db(path); // a restart
        QVERIFY(db.open());
        MonitorStore store(db);
        const QList<MonitoredRequest> loaded = store.loadAll();
        QCOMPARE(loaded.size(), 1);
        const MonitoredRequest &r = loaded.first();
        QCOMPARE(r.id, written.id);
        QCOMPARE(r.providerId, u"capella"_s);
        QCOMPARE(r.accountId, u"acct-1"_s);
        QCOMPARE(r.kind, MonitoredKind::CapellaTasking);
        QCOMPARE(r.remoteId, u"2f1e7c1a-5b6d-4c3e-9f8a-7b6c5d4e3f2a"_s);
        QCOMPARE(r.name, u"Port of Rotterdam – spotlight"_s);
        QCOMPARE(r.description, u"weekly check"_s);
        QCOMPARE(r.status, u"review"_s);
        QCOMPARE(r.isFinal, false);
        QCOMPARE(r.needsAction, true);
        QCOMPARE(r.windowStart, utc(1, 0));
        QCOMPARE(r.windowEnd, utc(8, 0));
        QCOMPARE(r.submitted, utc(1, 9, 30, 123));
        QCOMPARE(r.cost, u"$3,000.00"_s);
        QCOMPARE(r.added, utc(1, 9, 31));
        QCOMPARE(r.lastPolled, utc(1, 10, 0, 5));
        QCOMPARE(r.nextPoll, utc(1, 10, 10));
        QCOMPARE(r.failures, 2);
        QCOMPARE(r.lastError, u"HTTP 503: try later"_s);
        QCOMPARE(r.autoDownload, true);
        QCOMPARE(r.downloadFolder, u"/home/u/Imagery"_s);
        QCOMPARE(
            r.queuedDeliveries, QSet<QString>({ u"CAPELLA_C13_SP_GEO_HH_20260502101500_20260502101510"_s, u"b"_s }));
        QCOMPARE(r.deliveriesDone, true);
        QCOMPARE(r.parentId, u"7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"_s);
        QCOMPARE(r.dismissedChildren, QSet<QString>({ u"c1"_s, u"c2"_s }));
        QCOMPARE(r.raw.value(u"properties"_s).toObject().value(u"transactionStatus"_s).toString(),
            u"pending-customer-approval"_s);
        QVERIFY(r.history.isEmpty());

        // Empty and invalid values come back empty and invalid.
        MonitoredRequest bare;
        bare.accountId = u"acct-2"_s;
        bare.kind = MonitoredKind::SatellogicTask;
        bare.remoteId = u"23272"_s;
        QVERIFY(store.upsert(bare));
        const MonitoredRequest back = store.loadAll().at(1);
        QCOMPARE(back.providerId, u"satellogic"_s);
        QVERIFY(!back.nextPoll.isValid());
        QVERIFY(!back.windowStart.isValid());
        QVERIFY(back.name.isEmpty());
        QVERIFY(back.queuedDeliveries.isEmpty());
        QVERIFY(back.raw.isEmpty());

        // The polling columns alone.
        MonitoredRequest polled = back;
        polled.lastPolled = utc(2, 12);
        polled.nextPoll = utc(2, 12, 1);
        polled.failures = 1;
        polled.lastError = u"Cannot reach api.satellogic.com"_s;
        polled.name = u"not saved by saveSchedule"_s;
        QVERIFY(store.saveSchedule(polled));
        const MonitoredRequest scheduled = store.loadAll().at(1);
        QCOMPARE(scheduled.nextPoll, utc(2, 12, 1));
        QCOMPARE(scheduled.failures, 1);
        QCOMPARE(scheduled.lastError, u"Cannot reach api.satellogic.com"_s);
        QVERIFY(scheduled.name.isEmpty());
        MonitoredRequest unknown;
        unknown.id = 9999;
        QVERIFY(!store.saveSchedule(unknown));
    }

    void history()
    {
        Database db(m_dir.filePath(u"history.sqlite"_s));
        QVERIFY(db.open());
        MonitorStore store(db);
        MonitoredRequest a = fullRequest();
        MonitoredRequest b = fullRequest();
        b.remoteId = u"other"_s;
        QVERIFY(store.upsert(a));
        QVERIFY(store.upsert(b));
        const StatusEvent received { u"received"_s, utc(1, 9, 30), u"Request created"_s };
        const StatusEvent review { u"review"_s, utc(1, 9, 31), u"Tasking request is in review"_s };
        QVERIFY(store.appendHistory(a.id, received));
        QVERIFY(store.appendHistory(b.id, { u"received"_s, utc(3, 0), {} }));
        QVERIFY(store.appendHistory(a.id, review));
        QList<MonitoredRequest> loaded = store.loadAll();
        QCOMPARE(loaded.at(0).history, QList<StatusEvent>({ received, review }));
        QCOMPARE(loaded.at(1).history, QList<StatusEvent>({ { u"received"_s, utc(3, 0), {} } }));

        // The provider's whole history replaces ours (Capella sends it each time).
        const QList<StatusEvent> provider { received, review, { u"submitted"_s, utc(1, 10), u"Approved"_s },
            { u"completed"_s, utc(2, 0), u"Tasking request has been completed."_s },
            { u"completed"_s, utc(2, 1), u"again"_s } };
        QVERIFY(store.replaceHistory(a.id, provider));
        loaded = store.loadAll();
        QCOMPARE(loaded.at(0).history, provider);
        QCOMPARE(loaded.at(1).history.size(), 1);

        // Removing a request takes its history along.
        QVERIFY(store.remove(a.key()));
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM monitored_request_history WHERE request_id = %1"_s.arg(a.id)), 0);
        QCOMPARE(count(db, u"SELECT COUNT(*) FROM monitored_request_history"_s), 1);
        QVERIFY(!store.remove(a.key()));
        QCOMPARE(store.loadAll().size(), 1);
    }

    void uniqueKeys()
    {
        Database db(m_dir.filePath(u"unique.sqlite"_s));
        QVERIFY(db.open());
        MonitorStore store(db);
        MonitoredRequest first = fullRequest();
        QVERIFY(store.upsert(first));
        QVERIFY(store.appendHistory(first.id, { u"received"_s, utc(1, 9), {} }));

        // The same key again (as a new object, id 0) updates the row in place.
        MonitoredRequest again = fullRequest();
        again.status = u"submitted"_s;
        again.name = u"renamed"_s;
        QVERIFY(store.upsert(again));
        QCOMPARE(again.id, first.id);
        QList<MonitoredRequest> loaded = store.loadAll();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().status, u"submitted"_s);
        QCOMPARE(loaded.first().name, u"renamed"_s);
        QCOMPARE(loaded.first().added, utc(1, 9, 31)); // kept from the first insert
        QCOMPARE(loaded.first().history.size(), 1);

        // Another kind, another account: other rows.
        MonitoredRequest repeat = fullRequest();
        repeat.kind = MonitoredKind::CapellaRepeat;
        MonitoredRequest otherAccount = fullRequest();
        otherAccount.accountId = u"acct-9"_s;
        QVERIFY(store.upsert(repeat));
        QVERIFY(store.upsert(otherAccount));
        QCOMPARE(store.loadAll().size(), 3);

        // The table itself refuses a duplicate key.
        QSqlQuery q(db.connection());
        QVERIFY(!q.exec(u"INSERT INTO monitored_requests (account_id, kind, remote_id, provider) VALUES "
                        "('acct-1', 'capella-tasking', '2f1e7c1a-5b6d-4c3e-9f8a-7b6c5d4e3f2a', 'capella')"_s));
        QVERIFY(q.lastError().text().contains(u"UNIQUE"_s, Qt::CaseInsensitive));

        // A request without an account or id is refused before SQL.
        MonitoredRequest invalid;
        QVERIFY(!store.upsert(invalid));
        QVERIFY(!store.lastError().isEmpty());
    }

    void transactionRollsBack()
    {
        Database db(m_dir.filePath(u"transaction.sqlite"_s));
        QVERIFY(db.open());
        MonitorStore store(db);
        MonitoredRequest r = fullRequest();
        QVERIFY(!store.transaction([&] { return store.upsert(r) && false; }));
        QVERIFY(store.loadAll().isEmpty());
        QVERIFY(store.transaction([&] { return store.upsert(r) && store.appendHistory(r.id, { u"a"_s, {}, {} }); }));
        QCOMPARE(store.loadAll().size(), 1);
        QVERIFY(!store.loadAll().first().history.first().time.isValid());
    }

    void kindKeys()
    {
        // Stored names are part of the file format: written out here, not taken from the code.
        QCOMPARE(MonitoredRequest::kindKey(MonitoredKind::SatellogicTask), u"satellogic-task"_s);
        QCOMPARE(MonitoredRequest::kindKey(MonitoredKind::CapellaTasking), u"capella-tasking"_s);
        QCOMPARE(MonitoredRequest::kindKey(MonitoredKind::CapellaRepeat), u"capella-repeat"_s);
        QCOMPARE(MonitoredRequest::kindKey(MonitoredKind::CapellaOrder), u"capella-order"_s);
        QCOMPARE(MonitoredRequest::kindFromKey(u"capella-order"), MonitoredKind::CapellaOrder);
        QVERIFY(!MonitoredRequest::kindFromKey(u"up42-quotation"));
    }
};

QTEST_GUILESS_MAIN(TestMonitorStore)
#include "tst_monitorstore.moc"
