// DownloadManager against loopback servers: global and per-host caps, queue order, pause/resume/
// cancel/retry/remove, the shared bandwidth limit, persistence across managers, queueFinished.
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/download/downloadmanager.h"
#include "src/download/downloadpersistence.h"
#include "src/store/database.h"
#include "src/store/downloadqueuestore.h"
#include "tests/support/httpstaticcontent.h"
#include "tests/support/localhttpserver.h"
#include "tests/support/syntheticfiles.h"
#include "tests/support/testbytes.h"

using namespace StacScope;
using namespace Qt::StringLiterals;
using namespace StacScope::TestBytes;

namespace {

constexpr int kTimeout = 30000;

// The SQLite store's contract, in memory.
class FakePersistence : public DownloadPersistence
{
public:
    QMap<qint64, DownloadTask> tasks;
    QList<qint64> order;
    qint64 nextId = 100;
    int saves = 0;

    QList<DownloadTask> loadTasks() override
    {
        QList<DownloadTask> out;
        for (const qint64 id : std::as_const(order)) {
            if (tasks.contains(id)) {
                out.append(tasks.value(id));
            }
        }
        return out;
    }
    qint64 saveTask(const DownloadTask &task) override
    {
        ++saves;
        DownloadTask copy = task;
        if (copy.id == 0) {
            copy.id = nextId++;
        }
        copy.signedUrl.clear(); // session-only, as in the real store
        tasks.insert(copy.id, copy);
        return copy.id;
    }
    bool removeTask(qint64 id) override { return tasks.remove(id) > 0; }
    bool saveOrder(const QList<qint64> &ids) override
    {
        order = ids;
        return true;
    }
};

// Serves blobs slowly and counts requests in flight (from request to the last body byte).
class SlowServer
{
public:
    LocalHttpServer server;
    int inFlight = 0;
    int maxInFlight = 0;
    QStringList started;

    void addBlob(const QString &path, const QByteArray &data, qsizetype chunk = 16 * 1024, int intervalMs = 20)
    {
        HttpStaticContent content;
        content.data = data;
        content.etag = QByteArrayLiteral("\"e\"");
        server.addHandler(QByteArrayLiteral("GET"), path,
            [this, content, chunk, intervalMs](const ReceivedRequest &request, HttpServerResponse &response) {
                content.respond(request, response);
                response.setPacing(chunk, intervalMs);
                started.append(request.path);
                maxInFlight = std::max(maxInFlight, ++inFlight);
                QObject::connect(&response, &QObject::destroyed, &server, [this] { --inFlight; });
            });
    }
};

} // namespace

class TestDownloadManager : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<QTemporaryDir> m_dir;

    DownloadTask task(const QUrl &url, const QByteArray &data, const QString &name)
    {
        DownloadTask t;
        t.url = url;
        t.targetPath = m_dir->filePath(name);
        t.expectedSize = data.size();
        t.checksum = sha256Multihash(data);
        return t;
    }

    std::unique_ptr<DownloadManager> makeManager()
    {
        auto manager = std::make_unique<DownloadManager>(m_nam.get());
        manager->setBaseRetryDelay(10);
        return manager;
    }

    static bool allIn(const DownloadManager &manager, DownloadState state)
    {
        const QList<qint64> ids = manager.order();
        return std::all_of(ids.begin(), ids.end(), [&](qint64 id) { return manager.task(id).state == state; });
    }

private Q_SLOTS:
    void init()
    {
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        m_nam.reset();
        m_dir.reset();
    }

    void concurrencyCap()
    {
        SlowServer s;
        QVERIFY(s.server.listen());
        QList<DownloadTask> tasks;
        for (int i = 0; i < 6; ++i) {
            const QByteArray data = testData(96 * 1024, i);
            s.addBlob(u"/f%1"_s.arg(i), data);
            tasks.append(task(s.server.url(u"/f%1"_s.arg(i)), data, u"f%1.bin"_s.arg(i)));
        }
        auto manager = makeManager();
        manager->setMaxParallel(2);
        QCOMPARE(manager->maxParallel(), 2);
        QCOMPARE(manager->maxPerHost(), 4);
        QSignalSpy added(manager.get(), &DownloadManager::taskAdded);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        const QList<qint64> ids = manager->enqueue(tasks);
        QCOMPARE(ids.size(), 6);
        QCOMPARE(added.count(), 6);
        QCOMPARE(manager->order(), ids);
        QTRY_VERIFY_WITH_TIMEOUT(manager->activeCount() == 2, kTimeout);
        QVERIFY(finished.wait(kTimeout));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toInt(), 6);
        QCOMPARE(finished.at(0).at(1).toInt(), 0);
        QCOMPARE(s.maxInFlight, 2);
        QCOMPARE(manager->activeCount(), 0);
        QVERIFY(allIn(*manager, DownloadState::Completed));
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(readFile(m_dir->filePath(u"f%1.bin"_s.arg(i))), testData(96 * 1024, i));
        }
        QCOMPARE(manager->totalBytes(), 6 * 96 * 1024);
        QCOMPARE(manager->receivedBytes(), 6 * 96 * 1024);
    }

    void perHostCap()
    {
        SlowServer a;
        SlowServer b;
        QVERIFY(a.server.listen());
        // A second host is part of what is tested: fail, not skip, when it cannot be had.
        QVERIFY2(b.server.listen(QHostAddress(u"127.0.0.2"_s)), "127.0.0.2 is needed as a second host");
        QList<DownloadTask> tasks;
        for (int i = 0; i < 3; ++i) {
            const QByteArray data = testData(64 * 1024, i);
            a.addBlob(u"/a%1"_s.arg(i), data);
            b.addBlob(u"/b%1"_s.arg(i), data);
            tasks.append(task(a.server.url(u"/a%1"_s.arg(i)), data, u"a%1.bin"_s.arg(i)));
            tasks.append(task(b.server.url(u"/b%1"_s.arg(i)), data, u"b%1.bin"_s.arg(i)));
        }
        auto manager = makeManager();
        manager->setMaxParallel(4);
        manager->setMaxPerHost(1);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        manager->enqueue(tasks);
        QTRY_VERIFY_WITH_TIMEOUT(manager->activeCount() == 2, kTimeout);
        QVERIFY(finished.wait(kTimeout));
        QCOMPARE(finished.at(0).at(0).toInt(), 6);
        QCOMPARE(a.maxInFlight, 1);
        QCOMPARE(b.maxInFlight, 1);
        QCOMPARE(a.server.requestCount(), 3);
        QCOMPARE(b.server.requestCount(), 3);
    }

    void orderAndMove()
    {
        SlowServer s;
        QVERIFY(s.server.listen());
        QList<DownloadTask> tasks;
        for (int i = 0; i < 4; ++i) {
            const QByteArray data = testData(32 * 1024, i);
            s.addBlob(u"/f%1"_s.arg(i), data);
            tasks.append(task(s.server.url(u"/f%1"_s.arg(i)), data, u"f%1.bin"_s.arg(i)));
        }
        auto manager = makeManager();
        manager->setMaxParallel(1);
        QSignalSpy orderChanged(manager.get(), &DownloadManager::orderChanged);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        const QList<qint64> ids = manager->enqueue(tasks);
        manager->move(ids.at(3), 0);
        manager->move(ids.at(0), 99); // clamped to the end
        QCOMPARE(orderChanged.count(), 2);
        QCOMPARE(manager->order(), (QList<qint64> { ids.at(3), ids.at(1), ids.at(2), ids.at(0) }));
        QVERIFY(finished.wait(kTimeout));
        QCOMPARE(s.started, (QStringList { u"/f3"_s, u"/f1"_s, u"/f2"_s, u"/f0"_s }));
    }

    void pauseResumeCancelRetry()
    {
        SlowServer s;
        QVERIFY(s.server.listen());
        const QByteArray data = testData(384 * 1024);
        s.addBlob(u"/a"_s, data);
        s.addBlob(u"/b"_s, data);
        s.server.addRoute(u"/c"_s, LocalHttpServer::Response::text("gone", 404));
        auto manager = makeManager();
        QSignalSpy changed(manager.get(), &DownloadManager::taskChanged);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        const qint64 a = manager->enqueue(task(s.server.url(u"/a"_s), data, u"a.bin"_s));
        const qint64 b = manager->enqueue(task(s.server.url(u"/b"_s), data, u"b.bin"_s));
        const qint64 c = manager->enqueue(task(s.server.url(u"/c"_s), data, u"c.bin"_s));
        QTRY_VERIFY_WITH_TIMEOUT(manager->task(a).received >= 64 * 1024, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(manager->task(b).received >= 64 * 1024, kTimeout);
        QTRY_VERIFY(manager->speed(a) > 0);
        QVERIFY(manager->totalSpeed() >= manager->speed(a));
        QVERIFY(manager->eta(a) >= 0);

        manager->pause(a);
        QCOMPARE(manager->task(a).state, DownloadState::Paused);
        QCOMPARE(manager->speed(a), 0.0);
        QVERIFY(QFileInfo::exists(m_dir->filePath(u"a.bin.part"_s)));
        manager->cancel(b);
        QCOMPARE(manager->task(b).state, DownloadState::Canceled);
        QVERIFY(!QFileInfo::exists(m_dir->filePath(u"b.bin.part"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(manager->task(c).state, DownloadState::Failed, kTimeout);
        QVERIFY(manager->task(c).error.contains(u"404"_s));
        QVERIFY(finished.wait(kTimeout)); // a paused, b canceled, c failed: idle
        QCOMPARE(finished.constLast().at(0).toInt(), 0);
        QCOMPARE(finished.constLast().at(1).toInt(), 1);
        QCOMPARE(manager->totalBytes(), 2 * data.size()); // b is canceled: not counted

        const qint64 keptA = QFileInfo(m_dir->filePath(u"a.bin.part"_s)).size();
        s.server.addRoute(u"/c"_s, LocalHttpServer::Response::make(200, data));
        manager->resume(a);
        manager->retry({ b, c });
        QCOMPARE(manager->task(a).state, DownloadState::Queued);
        QCOMPARE(manager->task(c).state, DownloadState::Queued);
        QVERIFY(manager->task(c).error.isEmpty());
        QVERIFY(finished.wait(kTimeout));
        QCOMPARE(finished.constLast().at(0).toInt(), 3);
        QCOMPARE(finished.constLast().at(1).toInt(), 0);
        QVERIFY(allIn(*manager, DownloadState::Completed));
        for (const QString &name : { u"a.bin"_s, u"b.bin"_s, u"c.bin"_s }) {
            QCOMPARE(readFile(m_dir->filePath(name)), data);
        }
        bool resumedA = false;
        for (const ReceivedRequest &r : s.server.requests()) {
            resumedA
                = resumedA || (r.path == u"/a"_s && r.header("Range") == "bytes=" + QByteArray::number(keptA) + '-');
        }
        QVERIFY(resumedA);
        QVERIFY(changed.count() > 0);
    }

    void pauseAllResumeAllAndRemove()
    {
        SlowServer s;
        QVERIFY(s.server.listen());
        const QByteArray data = testData(256 * 1024);
        QList<DownloadTask> tasks;
        for (int i = 0; i < 3; ++i) {
            s.addBlob(u"/f%1"_s.arg(i), data);
            tasks.append(task(s.server.url(u"/f%1"_s.arg(i)), data, u"f%1.bin"_s.arg(i)));
        }
        auto manager = makeManager();
        manager->setMaxParallel(2);
        QSignalSpy removed(manager.get(), &DownloadManager::taskRemoved);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        const QList<qint64> ids = manager->enqueue(tasks);
        QTRY_VERIFY_WITH_TIMEOUT(manager->task(ids.at(0)).received > 0, kTimeout);
        manager->pauseAll();
        QVERIFY(allIn(*manager, DownloadState::Paused)); // queued ones too
        QCOMPARE(manager->activeCount(), 0);
        manager->resumeAll();
        QVERIFY(finished.wait(kTimeout));
        QVERIFY(allIn(*manager, DownloadState::Completed));

        manager->remove(ids.at(0));
        QVERIFY(QFileInfo::exists(m_dir->filePath(u"f0.bin"_s)));
        manager->remove(QList<qint64> { ids.at(1) }, true);
        QVERIFY(!QFileInfo::exists(m_dir->filePath(u"f1.bin"_s)));
        QCOMPARE(removed.count(), 2);
        QCOMPARE(manager->order(), QList<qint64> { ids.at(2) });
        QVERIFY(!manager->contains(ids.at(0)));
    }

    // The limit holds from both sides (not faster, and not needlessly slower) and two downloads
    // share it fairly. Progress is sampled every 50 ms; the rate is measured over the middle of the
    // transfer, away from the bucket's head start and the last stragglers.
    void bandwidthLimit()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        constexpr qint64 kLimit = 100 * 1024;
        const QByteArray data = testData(150 * 1024);
        const QByteArray other = testData(150 * 1024, 2);
        server.addBlob(u"/a"_s, data);
        server.addBlob(u"/b"_s, other);
        auto manager = makeManager();
        manager->setBandwidthLimit(kLimit);
        QCOMPARE(manager->bandwidthLimit(), kLimit);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        struct Sample
        {
            qint64 ms;
            qint64 a;
            qint64 b;
        };
        QList<Sample> samples;
        QElapsedTimer clock;
        clock.start();
        const QList<qint64> ids = manager->enqueue(
            { task(server.url(u"/a"_s), data, u"a.bin"_s), task(server.url(u"/b"_s), other, u"b.bin"_s) });
        QTimer sampler;
        sampler.setTimerType(Qt::PreciseTimer);
        connect(&sampler, &QTimer::timeout, this, [&] {
            samples.append({ clock.elapsed(), manager->task(ids.at(0)).received, manager->task(ids.at(1)).received });
        });
        sampler.start(50);
        QVERIFY(finished.wait(kTimeout));
        const qint64 elapsed = clock.elapsed();
        sampler.stop();
        QCOMPARE(finished.at(0).at(0).toInt(), 2);
        QCOMPARE(readFile(m_dir->filePath(u"a.bin"_s)), data);
        QCOMPARE(readFile(m_dir->filePath(u"b.bin"_s)), other);

        // 300 KiB at 100 KiB/s: 3 s, less the bucket's head start of at most 0.1 s of traffic.
        QVERIFY2(elapsed >= 2700, qPrintable(QString::number(elapsed))); // not faster than the limit
        QVERIFY2(elapsed <= 6000, qPrintable(QString::number(elapsed))); // nor far slower

        // The rate in the middle of the transfer, from 60 KiB to 240 KiB received in all.
        const auto firstWith = [&](qint64 bytes) -> qsizetype {
            for (qsizetype i = 0; i < samples.size(); ++i) {
                if (samples.at(i).a + samples.at(i).b >= bytes) {
                    return i;
                }
            }
            return -1;
        };
        const qsizetype from = firstWith(60 * 1024);
        const qsizetype to = firstWith(240 * 1024);
        QVERIFY(from >= 0 && to > from);
        const Sample &s0 = samples.at(from);
        const Sample &s1 = samples.at(to);
        const double rate = double(s1.a + s1.b - s0.a - s0.b) * 1000.0 / double(s1.ms - s0.ms);
        QVERIFY2(rate <= kLimit * 1.2, qPrintable(QString::number(rate)));
        QVERIFY2(rate >= kLimit * 0.6, qPrintable(QString::number(rate)));

        // Fair share: half way through, each download has had between a third and two thirds.
        const Sample &middle = samples.at(firstWith(150 * 1024));
        const double shareA = double(middle.a) / double(middle.a + middle.b);
        QVERIFY2(shareA >= 1.0 / 3 && shareA <= 2.0 / 3, qPrintable(u"%1 and %2 bytes"_s.arg(middle.a).arg(middle.b)));
    }

    void persistenceAcrossManagers()
    {
        SlowServer s;
        QVERIFY(s.server.listen());
        const QByteArray data = testData(512 * 1024);
        s.addBlob(u"/a"_s, data);
        s.addBlob(u"/p"_s, data);
        FakePersistence store;
        qint64 a = 0;
        qint64 p = 0;
        {
            auto manager = makeManager();
            manager->setPersistence(&store);
            a = manager->enqueue(task(s.server.url(u"/a"_s), data, u"a.bin"_s));
            p = manager->enqueue(task(s.server.url(u"/p"_s), data, u"p.bin"_s));
            QCOMPARE(a, 100); // ids come from the store
            QCOMPARE(p, 101);
            QCOMPARE(store.order, (QList<qint64> { a, p }));
            manager->pause(p);
            QTRY_VERIFY_WITH_TIMEOUT(manager->task(a).received >= 64 * 1024, kTimeout);
            QTRY_VERIFY_WITH_TIMEOUT(store.tasks.value(a).state == DownloadState::Downloading, kTimeout);
            QCOMPARE(store.tasks.value(p).state, DownloadState::Paused);
            // Destroyed mid-transfer, like an application that quits or is killed.
        }
        const qint64 onDisk = QFileInfo(m_dir->filePath(u"a.bin.part"_s)).size();
        QVERIFY(onDisk >= 64 * 1024);
        s.server.clearRequests();

        auto manager = makeManager();
        QSignalSpy added(manager.get(), &DownloadManager::taskAdded);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        manager->setPersistence(&store);
        QCOMPARE(added.count(), 2);
        QCOMPARE(manager->order(), (QList<qint64> { a, p }));
        QCOMPARE(manager->task(a).state, DownloadState::Queued);
        QCOMPARE(manager->task(p).state, DownloadState::Paused);
        QCOMPARE(store.tasks.value(a).state, DownloadState::Queued);
        QVERIFY(finished.wait(kTimeout));
        QCOMPARE(manager->task(a).state, DownloadState::Completed);
        QCOMPARE(manager->task(p).state, DownloadState::Paused);
        QCOMPARE(store.tasks.value(a).state, DownloadState::Completed);
        QCOMPARE(readFile(m_dir->filePath(u"a.bin"_s)), data);
        QCOMPARE(s.server.requestCount(), 1);
        QCOMPARE(s.server.lastRequest().header("Range"), "bytes=" + QByteArray::number(onDisk) + '-');

        // A new id does not collide with the loaded ones.
        manager->remove(p);
        QVERIFY(!store.tasks.contains(p));
        QCOMPARE(store.order, QList<qint64> { a });
    }

    // The same, through the app's real SQLite queue: a fresh Database on the same file stands for
    // the next launch after a crash. Header values (credentials) never reach the file.
    void persistenceThroughSqliteAcrossRestarts()
    {
        SlowServer s;
        QVERIFY(s.server.listen());
        const QByteArray data = testData(512 * 1024, 7);
        s.addBlob(u"/a"_s, data);
        const QString dbPath = m_dir->filePath(u"queue.sqlite"_s);
        qint64 a = 0;
        {
            Database db(dbPath);
            QVERIFY2(db.open(), qPrintable(db.lastError()));
            DownloadQueueStore store(db);
            // The key was typed for this session only: bound in the router, never in the task.
            CredentialRouter router;
            router.bind(u"session"_s, s.server.url(),
                std::make_shared<HeaderCredential>(HttpHeaders { { "X-Api-Key", "sekrit-value-1234" } }));
            auto manager = makeManager();
            manager->setAuthenticator(&router);
            manager->setPersistence(&store);
            DownloadTask t = task(s.server.url(u"/a"_s), data, u"a.bin"_s);
            t.headerNames = { "X-Api-Key" };
            a = manager->enqueue(t);
            QVERIFY(a > 0);
            QTRY_VERIFY_WITH_TIMEOUT(manager->task(a).received >= 64 * 1024, kTimeout);
            QCOMPARE(s.server.lastRequest().header("X-Api-Key"), QByteArray("sekrit-value-1234"));
            manager.reset(); // the app goes away mid-transfer
        }
        const qint64 onDisk = QFileInfo(m_dir->filePath(u"a.bin.part"_s)).size();
        QVERIFY(onDisk >= 64 * 1024);
        for (const QString &suffix : { QString(), u"-wal"_s }) {
            QFile file(dbPath + suffix);
            if (file.open(QIODevice::ReadOnly)) {
                QVERIFY2(!file.readAll().contains("sekrit-value-1234"), qPrintable(dbPath + suffix));
            }
        }
        s.server.clearRequests();

        Database db(dbPath);
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        DownloadQueueStore store(db);
        QCOMPARE(store.headerNames(a), QList<QByteArray> { "X-Api-Key" });
        CredentialRouter router; // the next launch: nobody typed the key again
        auto manager = makeManager();
        manager->setAuthenticator(&router);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        manager->setPersistence(&store);
        QCOMPARE(manager->order(), QList<qint64> { a });
        // Its API key did not survive: it waits for the user, saying which header it misses.
        QCOMPARE(manager->task(a).state, DownloadState::Paused);
        QVERIFY2(manager->task(a).error.contains(u"X-Api-Key"_s), qPrintable(manager->task(a).error));
        QCOMPARE(store.headerNames(a), QList<QByteArray> { "X-Api-Key" }); // still known after saving
        QCOMPARE(s.server.requestCount(), 0);
        manager->resume(a);
        QVERIFY(finished.wait(kTimeout));
        QCOMPARE(manager->task(a).state, DownloadState::Completed);
        QCOMPARE(readFile(m_dir->filePath(u"a.bin"_s)), data);
        QCOMPARE(s.server.lastRequest().header("Range"), "bytes=" + QByteArray::number(onDisk) + '-');
        QCOMPARE(store.loadTasks().value(0).state, DownloadState::Completed);
    }

    // A verified ZIP asked to be unpacked is, off the GUI thread, into a folder of its name; a ZIP
    // with an entry outside that folder is kept but not unpacked, saying why; a file that is no
    // ZIP is left alone. An unpack the app did not finish runs again at the next launch.
    void unpacksVerifiedZips()
    {
        SlowServer s;
        QVERIFY(s.server.listen());
        const QByteArray good = SyntheticFiles::storedZip(
            { { u"output/scene/image.tif"_s, testData(40000, 3) }, { u"output/scene/item.json"_s, "{}" } });
        const QByteArray evil = SyntheticFiles::storedZip({ { u"ok.txt"_s, "ok" }, { u"../evil.txt"_s, "evil" } });
        const QByteArray plain = testData(30000, 4);
        s.addBlob(u"/good.zip"_s, good, 64 * 1024, 1);
        s.addBlob(u"/evil.zip"_s, evil, 64 * 1024, 1);
        s.addBlob(u"/plain.bin"_s, plain, 64 * 1024, 1);
        FakePersistence persistence;
        auto manager = makeManager();
        manager->setPersistence(&persistence);
        QSignalSpy unpacked(manager.get(), &DownloadManager::taskUnpacked);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        QList<qint64> ids;
        for (const auto &[path, data] : { std::pair { u"/good.zip"_s, good }, std::pair { u"/evil.zip"_s, evil },
                 std::pair { u"/plain.bin"_s, plain } }) {
            DownloadTask t = task(s.server.url(path), data, path.mid(1));
            t.unpack = UnpackState::Pending;
            ids.append(manager->enqueue(t));
        }
        // The queue is idle only once the unpacking is over too.
        QVERIFY(finished.wait(kTimeout));
        QCOMPARE(unpacked.size(), 2);

        const DownloadTask g = manager->task(ids[0]);
        QCOMPARE(g.state, DownloadState::Completed);
        QCOMPARE(g.unpack, UnpackState::Done);
        QCOMPARE(g.unpackDetail, m_dir->filePath(u"good"_s));
        QCOMPARE(readFile(m_dir->filePath(u"good/scene/image.tif"_s)), testData(40000, 3));
        QCOMPARE(readFile(m_dir->filePath(u"good/scene/item.json"_s)), QByteArray("{}"));
        QCOMPARE(readFile(g.targetPath), good); // the ZIP stays as downloaded
        QCOMPARE(persistence.tasks.value(ids[0]).unpack, UnpackState::Done);

        const DownloadTask e = manager->task(ids[1]);
        QCOMPARE(e.state, DownloadState::Completed);
        QCOMPARE(e.unpack, UnpackState::Failed);
        QVERIFY2(e.unpackDetail.contains(u"outside"_s), qPrintable(e.unpackDetail));
        QVERIFY(!QFile::exists(m_dir->filePath(u"evil/ok.txt"_s)));
        QVERIFY(!QFile::exists(m_dir->filePath(u"evil.txt"_s)));
        QCOMPARE(readFile(e.targetPath), evil);

        const DownloadTask p = manager->task(ids[2]);
        QCOMPARE(p.state, DownloadState::Completed);
        QCOMPARE(p.unpack, UnpackState::None);
        QCOMPARE(readFile(p.targetPath), plain);
        // One signal per ZIP, in whichever order the workers finished.
        QMap<qint64, QVariantList> byId;
        for (const QVariantList &signal : std::as_const(unpacked)) {
            byId.insert(signal.at(0).toLongLong(), signal);
        }
        QCOMPARE(byId.keys(), QList<qint64>({ ids[0], ids[1] }));
        QCOMPARE(byId[ids[0]], QVariantList({ ids[0], true, 2 }));
        QCOMPARE(byId[ids[1]].at(1).toBool(), false);

        // The next launch finds the good ZIP's unpacking unfinished (the app was closed during it).
        manager.reset();
        QVERIFY(QDir(m_dir->filePath(u"good"_s)).removeRecursively());
        persistence.tasks[ids[0]].unpack = UnpackState::Pending;
        persistence.tasks[ids[0]].unpackDetail.clear();
        s.server.clearRequests();
        auto next = makeManager();
        QSignalSpy again(next.get(), &DownloadManager::taskUnpacked);
        next->setPersistence(&persistence);
        QVERIFY(again.wait(kTimeout));
        QCOMPARE(next->task(ids[0]).unpack, UnpackState::Done);
        QCOMPARE(readFile(m_dir->filePath(u"good/scene/image.tif"_s)), testData(40000, 3));
        QCOMPARE(s.server.requestCount(), 0); // from the file on disk, not downloaded again
        QCOMPARE(next->task(ids[1]).unpack, UnpackState::Failed); // not retried by itself
    }

    void progressIsThrottled()
    {
        SlowServer s;
        QVERIFY(s.server.listen());
        const QByteArray data = testData(256 * 1024);
        s.addBlob(u"/a"_s, data, 4096, 5); // many small reads over ~0.3 s or more
        auto manager = makeManager();
        QSignalSpy changed(manager.get(), &DownloadManager::taskChanged);
        QSignalSpy finished(manager.get(), &DownloadManager::queueFinished);
        QElapsedTimer clock;
        clock.start();
        manager->enqueue(task(s.server.url(u"/a"_s), data, u"a.bin"_s));
        QVERIFY(finished.wait(kTimeout));
        const double seconds = double(clock.elapsed()) / 1000.0;
        // ~4 progress notifications per second plus the state changes.
        QVERIFY2(changed.count() <= int(seconds * 4) + 8, qPrintable(QString::number(changed.count())));
        QCOMPARE(manager->task(manager->order().first()).state, DownloadState::Completed);
    }
};

QTEST_GUILESS_MAIN(TestDownloadManager)
#include "tst_downloadmanager.moc"
