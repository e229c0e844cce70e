// DownloadQueueStore: every field round-trips, header values never reach the file, queue order,
// update, remove.
#include <memory>

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "src/store/database.h"
#include "src/store/downloadqueuestore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(StacScope::DownloadState)
Q_DECLARE_METATYPE(StacScope::ExistingFilePolicy)

namespace {

// A signed link a provider handed out for this session: never written to the queue.
const QByteArray kSecretToken = "sEcReT-tOkEn-0123456789abcdef";

DownloadTask fullTask()
{
    DownloadTask t;
    t.url
        = QUrl::fromEncoded("https://storage.example.com/bucket/B04.tif?X-Amz-Signature=abc%2Fdef&X-Amz-Expires=3600");
    t.targetPath = u"/home/u/Downloads/sentinel-2-l2a/S2A_T32TNS/B04 ünï.tif"_s;
    t.headerNames = { "Authorization", "X-Api-Key" };
    t.signedUrl = QUrl::fromEncoded("https://files.example.com/delivery.zip?X-Amz-Signature=" + kSecretToken);
    t.expectedSize = 123456789012;
    t.checksum = "1220deadbeef00112233445566778899aabbccddeeff00112233445566778899aabb";
    t.existingPolicy = ExistingFilePolicy::KeepBoth;
    t.nameFromServer = true;
    t.sourceId = u"earth-search"_s;
    t.collection = u"sentinel-2-l2a"_s;
    t.itemId = u"S2A_T32TNS_20240101"_s;
    t.assetKey = u"B04"_s;
    t.title = u"Red – 10 m"_s;
    t.state = DownloadState::Paused;
    t.received = 4096;
    t.total = 123456789012;
    t.etag = "W/\"abc-123\"";
    t.lastModified = "Tue, 02 Jan 2024 03:04:05 GMT";
    t.error = u"Disk full"_s;
    t.attempts = 3;
    t.added = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    t.finished = QDateTime(QDate(2024, 1, 2), QTime(4, 5, 6, 789), Qt::OffsetFromUTC, 3600);
    return t;
}

DownloadTask simpleTask(const QString &name)
{
    DownloadTask t;
    t.url = QUrl(u"https://example.com/"_s + name);
    t.targetPath = u"/tmp/"_s + name;
    return t;
}

QList<qint64> ids(const QList<DownloadTask> &tasks)
{
    QList<qint64> out;
    for (const DownloadTask &t : tasks) {
        out.append(t.id);
    }
    return out;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestDownloadQueueStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
    }

    void init()
    {
        m_path = m_tmp.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".sqlite"_s);
        QFile::remove(m_path);
        m_db = std::make_unique<Database>(m_path);
        QVERIFY2(m_db->open(), qPrintable(m_db->lastError()));
        m_store = std::make_unique<DownloadQueueStore>(*m_db);
    }

    void cleanup()
    {
        m_store.reset(); // before the database, which owns the connection
        m_db.reset();
    }

    void emptyQueue()
    {
        QVERIFY(m_store->loadTasks().isEmpty());
        QVERIFY(m_store->lastError().isEmpty());
    }

    void roundTripsEveryField()
    {
        const DownloadTask in = fullTask();
        const qint64 id = m_store->saveTask(in);
        QVERIFY2(id > 0, qPrintable(m_store->lastError()));

        reopen(); // read back from the file, not from a cache
        const QList<DownloadTask> tasks = m_store->loadTasks();
        QCOMPARE(tasks.size(), 1);
        const DownloadTask &out = tasks.first();
        QCOMPARE(out.id, id);
        QCOMPARE(out.url, in.url);
        QCOMPARE(out.url.query(QUrl::FullyEncoded), in.url.query(QUrl::FullyEncoded)); // pre-signed query kept
        QCOMPARE(out.targetPath, in.targetPath);
        QCOMPARE(out.headerNames, (QList<QByteArray> { "Authorization", "X-Api-Key" }));
        QCOMPARE(m_store->headerNames(id), (QList<QByteArray> { "Authorization", "X-Api-Key" }));
        QVERIFY(out.signedUrl.isEmpty()); // a provider's signed link is for one session only
        QCOMPARE(out.expectedSize, in.expectedSize);
        QCOMPARE(out.checksum, in.checksum);
        QCOMPARE(out.existingPolicy, in.existingPolicy);
        QCOMPARE(out.nameFromServer, in.nameFromServer);
        QCOMPARE(out.sourceId, in.sourceId);
        QCOMPARE(out.collection, in.collection);
        QCOMPARE(out.itemId, in.itemId);
        QCOMPARE(out.assetKey, in.assetKey);
        QCOMPARE(out.title, in.title);
        QCOMPARE(out.state, in.state);
        QCOMPARE(out.received, in.received);
        QCOMPARE(out.total, in.total);
        QCOMPARE(out.etag, in.etag);
        QCOMPARE(out.lastModified, in.lastModified);
        QCOMPARE(out.error, in.error);
        QCOMPARE(out.attempts, in.attempts);
        QCOMPARE(out.added, in.added);
        QCOMPARE(out.finished, in.finished);
        QCOMPARE(out.added.timeSpec(), Qt::UTC);
    }

    void datesAreIsoUtcText()
    {
        const qint64 id = m_store->saveTask(fullTask());
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(u"SELECT added, finished, state, existing_policy FROM download_queue WHERE id = %1"_s.arg(id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"2024-01-02T03:04:05.678Z"_s);
        QCOMPARE(q.value(1).toString(), u"2024-01-02T03:05:06.789Z"_s);
        QCOMPARE(q.value(2).toString(), u"paused"_s);
        QCOMPARE(q.value(3).toString(), u"keep-both"_s);
    }

    void defaultsRoundTrip()
    {
        // Invalid dates, empty validators, unknown sizes.
        DownloadTask in = simpleTask(u"a.tif"_s);
        const qint64 id = m_store->saveTask(in);
        QVERIFY(id > 0);
        const DownloadTask out = m_store->loadTasks().value(0);
        QVERIFY(!out.added.isValid());
        QVERIFY(!out.finished.isValid());
        QVERIFY(out.etag.isEmpty());
        QCOMPARE(out.expectedSize, qint64(-1));
        QCOMPARE(out.total, qint64(-1));
        QCOMPARE(out.state, DownloadState::Queued);
        QCOMPARE(out.existingPolicy, ExistingFilePolicy::Fail);
        QVERIFY(m_store->headerNames(id).isEmpty());
    }

    void statesAndPolicies_data()
    {
        QTest::addColumn<DownloadState>("state");
        QTest::addColumn<ExistingFilePolicy>("policy");
        QTest::addColumn<QString>("stateKey");
        QTest::newRow("queued") << DownloadState::Queued << ExistingFilePolicy::Fail << u"queued"_s;
        QTest::newRow("connecting") << DownloadState::Connecting << ExistingFilePolicy::Overwrite << u"connecting"_s;
        QTest::newRow("downloading") << DownloadState::Downloading << ExistingFilePolicy::KeepBoth << u"downloading"_s;
        QTest::newRow("verifying") << DownloadState::Verifying << ExistingFilePolicy::Fail << u"verifying"_s;
        QTest::newRow("completed") << DownloadState::Completed << ExistingFilePolicy::Fail << u"completed"_s;
        QTest::newRow("paused") << DownloadState::Paused << ExistingFilePolicy::Fail << u"paused"_s;
        QTest::newRow("failed") << DownloadState::Failed << ExistingFilePolicy::Fail << u"failed"_s;
        QTest::newRow("canceled") << DownloadState::Canceled << ExistingFilePolicy::Fail << u"canceled"_s;
    }

    void statesAndPolicies()
    {
        QFETCH(DownloadState, state);
        QFETCH(ExistingFilePolicy, policy);
        QFETCH(QString, stateKey);
        QCOMPARE(DownloadQueueStore::stateKey(state), stateKey);
        QCOMPARE(DownloadQueueStore::stateFromKey(stateKey), state);
        DownloadTask t = simpleTask(u"s"_s);
        t.state = state;
        t.existingPolicy = policy;
        QVERIFY(m_store->saveTask(t) > 0);
        const DownloadTask out = m_store->loadTasks().value(0);
        QCOMPARE(out.state, state);
        QCOMPARE(out.existingPolicy, policy);
    }

    void unknownNamesFallBack()
    {
        const qint64 id = m_store->saveTask(simpleTask(u"x"_s));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(
            u"UPDATE download_queue SET state = 'teleporting', existing_policy = 'merge' WHERE id = %1"_s.arg(id)));
        const DownloadTask out = m_store->loadTasks().value(0);
        QCOMPARE(out.state, DownloadState::Queued);
        QCOMPARE(out.existingPolicy, ExistingFilePolicy::Fail);
        QVERIFY(!DownloadQueueStore::stateFromKey(u"teleporting").has_value());
    }

    void headerValuesNeverReachTheFile()
    {
        DownloadTask t = fullTask();
        qint64 id = m_store->saveTask(t);
        QVERIFY(id > 0);
        t.id = id;
        for (int i = 0; i < 20; ++i) {
            t.received += 1000;
            QCOMPARE(m_store->saveTask(t), id);
        }
        // While open the data sits in the WAL; after close it is checkpointed into the main file.
        for (int pass = 0; pass < 2; ++pass) {
            QByteArray all;
            for (const QString &suffix : { u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s }) {
                all += fileBytes(m_path + suffix);
            }
            QVERIFY(!all.isEmpty());
            QVERIFY(all.contains("X-Amz-Signature")); // the URL is kept, query included
            QVERIFY(all.contains("Authorization")); // names are kept
            QVERIFY(!all.contains(kSecretToken)); // the signed link is not
            QVERIFY(!all.contains("files.example.com"));
            cleanup();
        }
    }

    void providerLinkKeepsItsEndpoint()
    {
        DownloadTask t = fullTask();
        t.url = QUrl(u"https://api.example.com/telluric/scenes/S1/attachments/delivery_zip/download/?redirect=false"_s);
        t.linkFromProvider = true;
        const qint64 id = m_store->saveTask(t);
        QVERIFY2(id > 0, qPrintable(m_store->lastError()));
        reopen();
        const DownloadTask out = m_store->loadTasks().value(0);
        QVERIFY(out.linkFromProvider);
        QCOMPARE(out.url, t.url);
        QVERIFY(out.signedUrl.isEmpty());
        QCOMPARE(out.requestUrl(), t.url);
    }

    void unpackOutcomeKept_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("detail");
        QTest::newRow("none") << int(UnpackState::None) << QString();
        QTest::newRow("pending") << int(UnpackState::Pending) << QString();
        QTest::newRow("done") << int(UnpackState::Done) << u"/data/order/delivery"_s;
        QTest::newRow("failed") << int(UnpackState::Failed) << u"entry \"../x\" would be written outside"_s;
    }

    void unpackOutcomeKept()
    {
        QFETCH(int, state);
        QFETCH(QString, detail);
        DownloadTask t = fullTask();
        t.unpack = UnpackState(state);
        t.unpackDetail = detail;
        QVERIFY2(m_store->saveTask(t) > 0, qPrintable(m_store->lastError()));
        reopen();
        const DownloadTask out = m_store->loadTasks().value(0);
        QCOMPARE(int(out.unpack), state);
        QCOMPARE(out.unpackDetail, detail);
    }

    void queueOrder()
    {
        const qint64 a = m_store->saveTask(simpleTask(u"a"_s));
        const qint64 b = m_store->saveTask(simpleTask(u"b"_s));
        const qint64 c = m_store->saveTask(simpleTask(u"c"_s));
        QCOMPARE(ids(m_store->loadTasks()), (QList<qint64> { a, b, c }));
        QVERIFY(m_store->saveOrder({ c, a, b }));
        QCOMPARE(ids(m_store->loadTasks()), (QList<qint64> { c, a, b }));
        // A partial order: the rest keep their relative order behind it.
        QVERIFY(m_store->saveOrder({ b }));
        QCOMPARE(ids(m_store->loadTasks()), (QList<qint64> { b, c, a }));
        // New tasks join at the end.
        const qint64 d = m_store->saveTask(simpleTask(u"d"_s));
        QCOMPARE(ids(m_store->loadTasks()), (QList<qint64> { b, c, a, d }));
        reopen();
        QCOMPARE(ids(m_store->loadTasks()), (QList<qint64> { b, c, a, d }));
    }

    void update()
    {
        const qint64 a = m_store->saveTask(simpleTask(u"a"_s));
        const qint64 b = m_store->saveTask(simpleTask(u"b"_s));
        DownloadTask t = m_store->loadTasks().value(0);
        QCOMPARE(t.id, a);
        t.state = DownloadState::Downloading;
        t.received = 777;
        t.etag = "\"e\"";
        t.headerNames = { "Cookie" };
        QCOMPARE(m_store->saveTask(t), a);
        const QList<DownloadTask> tasks = m_store->loadTasks();
        QCOMPARE(ids(tasks), (QList<qint64> { a, b })); // position unchanged
        QCOMPARE(tasks.at(0).state, DownloadState::Downloading);
        QCOMPARE(tasks.at(0).received, qint64(777));
        QCOMPARE(tasks.at(0).etag, QByteArray("\"e\""));
        QCOMPARE(m_store->headerNames(a), QList<QByteArray> { "Cookie" });

        DownloadTask ghost = simpleTask(u"ghost"_s);
        ghost.id = 9999;
        QCOMPARE(m_store->saveTask(ghost), qint64(0));
        QVERIFY(!m_store->lastError().isEmpty());
        QCOMPARE(m_store->loadTasks().size(), 2);
        QVERIFY(m_store->lastError().isEmpty());
    }

    void remove()
    {
        const qint64 a = m_store->saveTask(simpleTask(u"a"_s));
        const qint64 b = m_store->saveTask(simpleTask(u"b"_s));
        QVERIFY(m_store->removeTask(b));
        QCOMPARE(ids(m_store->loadTasks()), QList<qint64> { a });
        QVERIFY(!m_store->removeTask(b));
        QVERIFY(!m_store->lastError().isEmpty());
        // Ids are never reused, so a stale id cannot hit a new task.
        const qint64 c = m_store->saveTask(simpleTask(u"c"_s));
        QVERIFY(c > b);
        QVERIFY(m_store->removeTask(a));
        QVERIFY(m_store->removeTask(c));
        QVERIFY(m_store->loadTasks().isEmpty());
    }

    void manySaves()
    {
        // Prepared statements and WAL: thousands of progress saves are routine (not timed here;
        // a benchmark would measure it).
        QList<qint64> added;
        for (int i = 0; i < 200; ++i) {
            added.append(m_store->saveTask(simpleTask(QString::number(i))));
            QVERIFY(added.last() > 0);
        }
        DownloadTask t = m_store->loadTasks().value(100);
        for (int i = 1; i <= 2000; ++i) {
            t.received = i * 1024;
            t.state = DownloadState::Downloading;
            QCOMPARE(m_store->saveTask(t), t.id);
        }
        std::reverse(added.begin(), added.end());
        QVERIFY(m_store->saveOrder(added));
        const QList<DownloadTask> tasks = m_store->loadTasks();
        QCOMPARE(ids(tasks), added);
        QCOMPARE(tasks.at(99).received, qint64(2000 * 1024));
    }

    void closedDatabase()
    {
        Database closed(m_tmp.filePath(u"never-opened.sqlite"_s));
        DownloadQueueStore store(closed);
        QCOMPARE(store.saveTask(simpleTask(u"a"_s)), qint64(0));
        QVERIFY(store.loadTasks().isEmpty());
        QVERIFY(!store.lastError().isEmpty());
    }

private:
    void reopen()
    {
        cleanup();
        m_db = std::make_unique<Database>(m_path);
        QVERIFY(m_db->open());
        m_store = std::make_unique<DownloadQueueStore>(*m_db);
    }

    QTemporaryDir m_tmp;
    QString m_path;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<DownloadQueueStore> m_store;
};

QTEST_GUILESS_MAIN(TestDownloadQueueStore)
#include "tst_downloadqueuestore.moc"
