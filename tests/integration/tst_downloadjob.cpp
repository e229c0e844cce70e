// DownloadJob against a loopback server with fault injection: streaming to .part, verification,
// resume with Range/If-Range, retries, redirects, expired links, full disks and existing files.
#include <csignal>
#include <sys/resource.h>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/download/downloadjob.h"
#include "src/download/partfile.h"
#include "src/download/urlrefresher.h"
#include "src/net/redirectpolicy.h"
#include "src/net/retrypolicy.h"
#include "tests/support/httpstaticcontent.h"
#include "tests/support/localhttpserver.h"
#include "tests/support/testbytes.h"

using namespace StacScope;
using namespace Qt::StringLiterals;
using namespace StacScope::TestBytes;

namespace {

constexpr int kTimeout = 20000;

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

bool isFinal(DownloadState s)
{
    return s == DownloadState::Completed || s == DownloadState::Failed || s == DownloadState::Canceled
        || s == DownloadState::Paused;
}

// A blob with Range support whose first answer is cut after `dropAt` body bytes.
void addFlakyBlob(LocalHttpServer &server, const QString &path, const QByteArray &data, qint64 dropAt,
    bool rangeSupported = true, qsizetype chunk = 0, int intervalMs = 0)
{
    HttpStaticContent content;
    content.data = data;
    content.etag = QByteArrayLiteral("\"v1\"");
    content.rangeSupported = rangeSupported;
    auto count = std::make_shared<int>(0);
    server.addHandler(QByteArrayLiteral("GET"), path,
        [content, count, dropAt, chunk, intervalMs](const ReceivedRequest &request, HttpServerResponse &response) {
            content.respond(request, response);
            if ((*count)++ == 0 && dropAt >= 0) {
                response.setDropAfterBytes(dropAt);
            }
            if (chunk > 0) {
                response.setPacing(chunk, intervalMs);
            }
        });
}

class FakeRefresher : public UrlRefresher
{
public:
    QUrl next;
    QString error;
    int calls = 0;

    bool canRefresh(const DownloadTask &) const override { return true; }
    void refresh(const DownloadTask &, Callback done) override
    {
        ++calls;
        done(next, error);
    }
};

} // namespace

class TestDownloadJob : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    CredentialRouter m_router;
    std::unique_ptr<QTemporaryDir> m_dir;

    DownloadTask task(const QString &path, const QByteArray &data, const QString &name = u"out.bin"_s)
    {
        DownloadTask t;
        t.id = 1;
        t.url = m_server->url(path);
        t.targetPath = m_dir->filePath(name);
        t.expectedSize = data.size();
        t.checksum = sha256Multihash(data);
        return t;
    }

    std::unique_ptr<DownloadJob> makeJob(const DownloadTask &t)
    {
        auto job = std::make_unique<DownloadJob>(m_nam.get(), t);
        job->setAuthenticator(&m_router);
        job->setBaseRetryDelay(10);
        job->setInactivityTimeout(10000);
        return job;
    }

    static void run(DownloadJob *job)
    {
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(isFinal(job->state()), kTimeout);
    }

    static QList<ReceivedRequest> requestsTo(const LocalHttpServer &server, const QString &path)
    {
        QList<ReceivedRequest> out;
        const QList<ReceivedRequest> all = server.requests();
        for (const ReceivedRequest &r : all) {
            if (r.path == path) {
                out.append(r);
            }
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<LocalHttpServer>();
        QVERIFY(m_server->listen());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        m_nam.reset();
        m_server.reset();
        m_dir.reset();
    }

    void plainDownloadVerified()
    {
        const QByteArray data = testData(3 * 1024 * 1024 + 123);
        LocalHttpServer::BlobOptions options;
        options.etag = QByteArrayLiteral("\"abc\"");
        m_server->addBlob(u"/a.tif"_s, data, options);
        auto job = makeJob(task(u"/a.tif"_s, data));
        QSignalSpy states(job.get(), &DownloadJob::stateChanged);
        QSignalSpy progress(job.get(), &DownloadJob::progressChanged);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QVERIFY2(job->errorString().isEmpty(), qPrintable(job->errorString()));
        QCOMPARE(readFile(job->task().targetPath), data);
        QVERIFY(!QFileInfo::exists(job->task().targetPath + u".part"_s));
        QVERIFY(!QFileInfo::exists(job->task().targetPath + u".part.json"_s));
        QCOMPARE(job->task().received, data.size());
        QCOMPARE(job->task().total, data.size());
        QVERIFY(!job->wasSkipped());
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.constLast().at(0).toLongLong(), data.size());
        QList<DownloadState> seen;
        for (const auto &args : states) {
            seen.append(args.at(0).value<DownloadState>());
        }
        QCOMPARE(seen,
            (QList<DownloadState> { DownloadState::Connecting, DownloadState::Downloading, DownloadState::Verifying,
                DownloadState::Completed }));
        const ReceivedRequest request = m_server->lastRequest();
        QCOMPARE(request.header("Accept-Encoding"), QByteArray("identity"));
        QVERIFY(!request.hasHeader("Range"));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void checksumMismatchFails()
    {
        const QByteArray data = testData(200000);
        m_server->addBlob(u"/a.tif"_s, data);
        DownloadTask t = task(u"/a.tif"_s, data);
        t.checksum = sha256Multihash(testData(200000, 2)).toUpper();
        auto job = makeJob(t);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Failed);
        QVERIFY2(job->errorString().contains(u"Checksum mismatch (sha2-256)"_s), qPrintable(job->errorString()));
        QVERIFY(job->errorString().contains(
            QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())));
        QVERIFY(!QFileInfo::exists(t.targetPath));
        QVERIFY(!QFileInfo::exists(t.targetPath + u".part"_s));
        QVERIFY(!QFileInfo::exists(t.targetPath + u".part.json"_s));
    }

    void sizeMismatchFails()
    {
        const QByteArray data = testData(100000);
        m_server->addBlob(u"/a.tif"_s, data);
        DownloadTask t = task(u"/a.tif"_s, data);
        t.expectedSize = data.size() + 10;
        t.checksum.clear();
        auto job = makeJob(t);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Failed);
        QVERIFY2(
            job->errorString().contains(u"Size mismatch: expected 100010 bytes"_s), qPrintable(job->errorString()));
        QVERIFY(!QFileInfo::exists(t.targetPath));
        QVERIFY(!QFileInfo::exists(t.targetPath + u".part"_s));

        // Without a Content-Length the check happens on the bytes received.
        m_server->addRoute(u"/nolength"_s, LocalHttpServer::Response::make(200, data).noContentLength());
        DownloadTask t2 = task(u"/nolength"_s, data, u"two.bin"_s);
        t2.expectedSize = data.size() - 1;
        t2.checksum.clear();
        auto job2 = makeJob(t2);
        run(job2.get());
        QCOMPARE(job2->state(), DownloadState::Failed);
        QVERIFY2(job2->errorString().contains(u"Size mismatch"_s), qPrintable(job2->errorString()));
        QVERIFY(!QFileInfo::exists(t2.targetPath));
        QVERIFY(!QFileInfo::exists(t2.targetPath + u".part"_s));
    }

    void droppedConnectionResumes()
    {
        const QByteArray data = testData(600000);
        addFlakyBlob(*m_server, u"/a.tif"_s, data, 250000);
        auto job = makeJob(task(u"/a.tif"_s, data));
        QSignalSpy retries(job.get(), &DownloadJob::retryScheduled);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(job->task().targetPath), data);
        const QList<ReceivedRequest> requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QVERIFY(!requests.at(0).hasHeader("Range"));
        QCOMPARE(requests.at(1).header("Range"), QByteArray("bytes=250000-"));
        QCOMPARE(requests.at(1).header("If-Range"), QByteArray("\"v1\""));
        QCOMPARE(retries.count(), 1);
        QCOMPARE(job->task().attempts, 2);
    }

    void serverWithoutRangesRestarts()
    {
        const QByteArray data = testData(400000);
        addFlakyBlob(*m_server, u"/a.tif"_s, data, 150000, false);
        auto job = makeJob(task(u"/a.tif"_s, data));
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(job->task().targetPath), data);
        const QList<ReceivedRequest> requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(1).header("Range"), QByteArray("bytes=150000-")); // asked, got a 200
    }

    void rangeNotSatisfiableWithCompletePart()
    {
        const QByteArray data = testData(300000);
        LocalHttpServer::BlobOptions options;
        options.etag = QByteArrayLiteral("\"v1\"");
        m_server->addBlob(u"/a.tif"_s, data, options);
        const DownloadTask t = task(u"/a.tif"_s, data);
        PartFile part(t.targetPath);
        QVERIFY(writeFile(part.partPath(), data));
        PartFile::Metadata meta;
        meta.url = t.url;
        meta.etag = options.etag;
        meta.total = data.size();
        meta.expectedSize = data.size();
        meta.checksum = t.checksum;
        QVERIFY(part.writeSidecar(meta));

        auto job = makeJob(t);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(t.targetPath), data);
        QCOMPARE(m_server->requestCount(), 1);
        QCOMPARE(m_server->lastRequest().header("Range"), QByteArray("bytes=300000-"));
        QVERIFY(!QFileInfo::exists(part.partPath()));
        QVERIFY(!QFileInfo::exists(part.sidecarPath()));
    }

    void wrongContentLength()
    {
        const QByteArray data = testData(100000);
        // Announces more than it sends, then closes: every try ends short.
        m_server->addRoute(
            u"/long"_s, LocalHttpServer::Response::make(200, data).wrongContentLength(data.size() + 500));
        DownloadTask t = task(u"/long"_s, data);
        t.expectedSize = -1;
        t.checksum.clear();
        auto job = makeJob(t);
        job->setMaxAttempts(3);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Failed);
        QVERIFY2(job->errorString().contains(u"Content-Length"_s), qPrintable(job->errorString()));
        QCOMPARE(m_server->requestCount(), 3);
        QVERIFY(!QFileInfo::exists(t.targetPath));

        // Announces less than the catalogue says: refused before the body is stored.
        m_server->addRoute(
            u"/short"_s, LocalHttpServer::Response::make(200, data).wrongContentLength(data.size() - 500));
        DownloadTask t2 = task(u"/short"_s, data, u"two.bin"_s);
        auto job2 = makeJob(t2);
        run(job2.get());
        QCOMPARE(job2->state(), DownloadState::Failed);
        QVERIFY2(job2->errorString().contains(u"Size mismatch"_s), qPrintable(job2->errorString()));
        QVERIFY(!QFileInfo::exists(t2.targetPath));
    }

    void retryAfterHonoured()
    {
        const QByteArray data = testData(50000);
        m_server->addSequence(QByteArrayLiteral("GET"), u"/a.tif"_s,
            { LocalHttpServer::Response::text("slow down", 429).withHeader("Retry-After", "1"),
                LocalHttpServer::Response::text("busy", 503).withHeader("Retry-After", "1"),
                LocalHttpServer::Response::make(200, data) });
        auto job = makeJob(task(u"/a.tif"_s, data));
        job->setBaseRetryDelay(5000); // Retry-After wins over the backoff
        QSignalSpy retries(job.get(), &DownloadJob::retryScheduled);
        QElapsedTimer clock;
        clock.start();
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QVERIFY2(clock.elapsed() >= 1900, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(m_server->requestCount(), 3);
        QCOMPARE(retries.count(), 2);
        QCOMPARE(retries.at(0).at(1).toInt(), 1000);
        QCOMPARE(retries.at(1).at(1).toInt(), 1000);
        QCOMPARE(readFile(job->task().targetPath), data);
    }

    void retryGivesUp()
    {
        const QByteArray data = testData(1000);
        m_server->addRoute(u"/a.tif"_s, LocalHttpServer::Response::text("down", 503));
        auto job = makeJob(task(u"/a.tif"_s, data));
        job->setMaxAttempts(4);
        QSignalSpy retries(job.get(), &DownloadJob::retryScheduled);
        QElapsedTimer clock;
        clock.start();
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Failed);
        QVERIFY2(job->errorString().contains(u"503"_s), qPrintable(job->errorString()));
        QVERIFY(job->errorString().contains(u"4 attempt"_s));
        QCOMPARE(m_server->requestCount(), 4);
        // Exponential backoff from 10 ms, each step with up to 25 % jitter on top: the delays the
        // job announced, then the time it really waited (timers may fire a little early).
        QCOMPARE(retries.count(), 3);
        const int nominal[] = { 10, 20, 40 };
        int announced = 0;
        for (int i = 0; i < 3; ++i) {
            const int delay = retries.at(i).at(1).toInt();
            QVERIFY2(delay >= nominal[i] && delay < nominal[i] * 5 / 4 + 1, qPrintable(QString::number(delay)));
            announced += delay;
        }
        QVERIFY2(clock.elapsed() >= announced * 9 / 10, qPrintable(QString::number(clock.elapsed())));

        // A 404 is not retried.
        m_server->clearRequests();
        auto job2 = makeJob(task(u"/missing"_s, data, u"two.bin"_s));
        run(job2.get());
        QCOMPARE(job2->state(), DownloadState::Failed);
        QVERIFY(job2->errorString().contains(u"404"_s));
        QCOMPARE(m_server->requestCount(), 1);
        // Nothing arrived for either: no empty .part or sidecar is left beside the user's files.
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void inactivityTimeoutRetries()
    {
        const QByteArray data = testData(20000);
        m_server->addSequence(QByteArrayLiteral("GET"), u"/a.tif"_s,
            { LocalHttpServer::Response::make(200, data).delayed(3000), LocalHttpServer::Response::make(200, data) });
        auto job = makeJob(task(u"/a.tif"_s, data));
        job->setInactivityTimeout(300);
        QSignalSpy retries(job.get(), &DownloadJob::retryScheduled);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(retries.count(), 1);
        QCOMPARE(m_server->requestCount(), 2);
    }

    void redirectToOtherHostDropsHeaders()
    {
        LocalHttpServer storage;
        // A second origin is part of what is tested: fail, not skip, when it cannot be had.
        QVERIFY2(storage.listen(QHostAddress(u"127.0.0.2"_s)), "127.0.0.2 is needed as a second host");
        const QByteArray data = testData(100000);
        storage.addBlob(u"/bucket/a.tif"_s, data);
        m_server->addRedirect(u"/assets/a.tif"_s, storage.url(u"/bucket/a.tif?X-Amz-Signature=abc"_s));
        DownloadTask t = task(u"/assets/a.tif"_s, data);
        m_router.bind(u"test"_s, m_server->url(),
            std::make_shared<HeaderCredential>(
                HttpHeaders { { "Authorization", "Bearer secret" }, { "X-Api-Key", "k" } }));
        auto job = makeJob(t);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(t.targetPath), data);
        QCOMPARE(m_server->lastRequest().header("Authorization"), QByteArray("Bearer secret"));
        QCOMPARE(storage.requestCount(), 1);
        QVERIFY(!storage.lastRequest().hasHeader("Authorization"));
        QVERIFY(!storage.lastRequest().hasHeader("X-Api-Key"));
        QCOMPARE(storage.lastRequest().localAddress, QHostAddress(u"127.0.0.2"_s));
        QCOMPARE(job->task().url, t.url); // resumes start at the original URL again
        m_router.unbind(u"test"_s);
    }

    // A provider's link endpoint is never asked for the file: the refresher signs a link first,
    // which is used for this session only and gets no credentials.
    void providerLinkIsSignedBeforeTheFirstRequest()
    {
        const QByteArray data = testData(50000);
        m_server->addBlob(u"/bucket/scene.zip"_s, data);
        FakeRefresher refresher;
        refresher.next = m_server->url(u"/bucket/scene.zip?X-Amz-Signature=s1"_s);
        DownloadTask t = task(u"/api/link?redirect=false"_s, data);
        t.linkFromProvider = true;
        auto job = makeJob(t);
        job->setUrlRefresher(&refresher);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(refresher.calls, 1);
        QCOMPARE(readFile(t.targetPath), data);
        QCOMPARE(m_server->requestCount(), 1);
        QCOMPARE(m_server->lastRequest().path, u"/bucket/scene.zip"_s);
        QCOMPARE(job->task().url, t.url); // what the queue keeps: the endpoint
        QCOMPARE(job->task().signedUrl, refresher.next);

        // Without an account to sign it, it waits instead of asking the endpoint for the file.
        DownloadTask orphan = task(u"/api/link2?redirect=false"_s, data, u"orphan.bin"_s);
        orphan.linkFromProvider = true;
        auto job2 = makeJob(orphan);
        run(job2.get());
        QCOMPARE(job2->state(), DownloadState::Paused);
        QVERIFY2(job2->errorString().contains(u"not signed in"_s), qPrintable(job2->errorString()));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void redirectResumeGoesToOriginalUrl()
    {
        const QByteArray data = testData(300000);
        addFlakyBlob(*m_server, u"/signed"_s, data, 100000);
        m_server->addRedirect(u"/asset"_s, m_server->url(u"/signed?sig=1"_s));
        auto job = makeJob(task(u"/asset"_s, data));
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(job->task().targetPath), data);
        QCOMPARE(m_server->hitCount(u"/asset"_s), 2);
        const QList<ReceivedRequest> signedRequests = requestsTo(*m_server, u"/signed"_s);
        QCOMPARE(signedRequests.size(), 2);
        QCOMPARE(signedRequests.at(1).header("Range"), QByteArray("bytes=100000-"));
    }

    void redirectLoopAndPolicy()
    {
        m_server->addRedirect(u"/loop"_s, m_server->url(u"/loop"_s));
        auto job = makeJob(task(u"/loop"_s, "x"));
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Failed);
        QVERIFY2(job->errorString().contains(u"Too many redirects"_s), qPrintable(job->errorString()));
        QCOMPARE(m_server->requestCount(), RedirectPolicy::MaxHops + 1);

        const QUrl https(u"https://api.example.com/a"_s);
        auto d = RedirectPolicy::decide(https, https, QUrl(u"http://cdn.example.com/a"_s), 0, true);
        QVERIFY(!d.follow);
        QVERIFY(d.reason.contains(u"https"_s));
        d = RedirectPolicy::decide(QUrl(u"http://a.example.com/x"_s), QUrl(u"http://a.example.com/x"_s),
            QUrl(u"https://a.example.com/y"_s), 0, true);
        QVERIFY(d.follow);
        QVERIFY(!d.keepHeaders); // http -> https changes the origin
        d = RedirectPolicy::decide(https, https, QUrl(u"https://api.example.com/b"_s), 3, true);
        QVERIFY(d.follow);
        QVERIFY(d.keepHeaders);
        d = RedirectPolicy::decide(
            https, QUrl(u"https://cdn.example.com/a"_s), QUrl(u"https://api.example.com/b"_s), 3, false);
        QVERIFY(d.follow);
        QVERIFY(!d.keepHeaders); // once dropped, never restored
        d = RedirectPolicy::decide(https, https, QUrl(u"ftp://x/y"_s), 0, true);
        QVERIFY(!d.follow);
        d = RedirectPolicy::decide(https, https, QUrl(u"https://api.example.com/b"_s), RedirectPolicy::MaxHops, true);
        QVERIFY(!d.follow);
    }

    void hostileContentDisposition_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("expected");
        QTest::newRow("dotdot") << QByteArray("attachment; filename=\"../../x\"") << u"x"_s;
        QTest::newRow("absolute") << QByteArray("attachment; filename=\"/etc/passwd\"") << u"passwd"_s;
        QTest::newRow("rfc6266") << QByteArray("attachment; filename*=UTF-8''..%2F..%2Fscene.tif") << u"scene.tif"_s;
    }

    void hostileContentDisposition()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, expected);
        const QByteArray data = testData(5000);
        m_server->addRoute(
            u"/dl"_s, LocalHttpServer::Response::make(200, data).withHeader("Content-Disposition", header));
        const QString folder = m_dir->filePath(u"sub/folder"_s);
        DownloadTask t = task(u"/dl"_s, data, u"sub/folder/download"_s);
        t.nameFromServer = true;
        auto job = makeJob(t);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(job->task().targetPath, folder + u'/' + expected);
        QCOMPARE(readFile(job->task().targetPath), data);
        QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList { expected });
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList());
    }

    void existingFilePolicies()
    {
        const QByteArray data = testData(80000);
        m_server->addBlob(u"/a.tif"_s, data);
        const QByteArray other = testData(1234, 9);

        // The same file is already there: done without a request.
        DownloadTask same = task(u"/a.tif"_s, data, u"same.bin"_s);
        QVERIFY(writeFile(same.targetPath, data));
        auto job = makeJob(same);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QVERIFY(job->wasSkipped());
        QCOMPARE(m_server->requestCount(), 0);

        // Same size, other bytes: the checksum tells them apart.
        DownloadTask sameSize = task(u"/a.tif"_s, data, u"samesize.bin"_s);
        QVERIFY(writeFile(sameSize.targetPath, testData(data.size(), 5)));
        job = makeJob(sameSize);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Failed);
        QVERIFY(job->errorString().contains(u"already exists"_s));
        QCOMPARE(m_server->requestCount(), 0);

        DownloadTask fail = task(u"/a.tif"_s, data, u"fail.bin"_s);
        QVERIFY(writeFile(fail.targetPath, other));
        job = makeJob(fail);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Failed);
        QVERIFY2(job->errorString().contains(u"A different file already exists at"_s), qPrintable(job->errorString()));
        QCOMPARE(readFile(fail.targetPath), other);
        QCOMPARE(m_server->requestCount(), 0);

        DownloadTask overwrite = task(u"/a.tif"_s, data, u"overwrite.bin"_s);
        overwrite.existingPolicy = ExistingFilePolicy::Overwrite;
        QVERIFY(writeFile(overwrite.targetPath, other));
        job = makeJob(overwrite);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(overwrite.targetPath), data);

        DownloadTask both = task(u"/a.tif"_s, data, u"both.bin"_s);
        both.existingPolicy = ExistingFilePolicy::KeepBoth;
        QVERIFY(writeFile(both.targetPath, other));
        job = makeJob(both);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(job->task().targetPath, m_dir->filePath(u"both (1).bin"_s));
        QCOMPARE(readFile(both.targetPath), other);
        QCOMPARE(readFile(job->task().targetPath), data);

        // Keep the existing file: nothing is fetched, the task is done, the file untouched.
        const int before = m_server->requestCount();
        DownloadTask keep = task(u"/a.tif"_s, data, u"keep.bin"_s);
        keep.existingPolicy = ExistingFilePolicy::KeepExisting;
        keep.expectedSize = -1;
        keep.checksum.clear();
        QVERIFY(writeFile(keep.targetPath, other));
        job = makeJob(keep);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(keep.targetPath), other);
        QCOMPARE(m_server->requestCount(), before);
    }

    void overwriteOnlyAfterVerification()
    {
        const QByteArray data = testData(80000);
        m_server->addBlob(u"/a.tif"_s, data);
        const QByteArray other = testData(1234, 9);
        DownloadTask t = task(u"/a.tif"_s, data);
        t.existingPolicy = ExistingFilePolicy::Overwrite;
        t.checksum = sha256Multihash(other);
        QVERIFY(writeFile(t.targetPath, other));
        auto job = makeJob(t);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Failed);
        QCOMPARE(readFile(t.targetPath), other); // the old file survives a failed download
    }

    void expiredLinkRefreshed()
    {
        const QByteArray data = testData(300000);
        // The first link serves a part, then the signature expires.
        HttpStaticContent content;
        content.data = data;
        content.etag = QByteArrayLiteral("\"v1\"");
        auto count = std::make_shared<int>(0);
        m_server->addHandler(QByteArrayLiteral("GET"), u"/stale"_s,
            [content, count](const ReceivedRequest &request, HttpServerResponse &response) {
                if ((*count)++ == 0) {
                    content.respond(request, response);
                    response.setDropAfterBytes(120000);
                } else {
                    response.respond(403,
                        "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                        "application/xml");
                }
            });
        LocalHttpServer::BlobOptions freshOptions;
        freshOptions.etag = QByteArrayLiteral("\"v1\"");
        m_server->addBlob(u"/fresh"_s, data, freshOptions);
        FakeRefresher refresher;
        refresher.next = m_server->url(u"/fresh?sig=2"_s);
        auto job = makeJob(task(u"/stale?sig=1"_s, data));
        job->setUrlRefresher(&refresher);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(refresher.calls, 1);
        QCOMPARE(readFile(job->task().targetPath), data);
        QCOMPARE(job->task().url, refresher.next);
        const ReceivedRequest last = m_server->lastRequest();
        QCOMPARE(last.path, u"/fresh"_s);
        QCOMPARE(last.header("Range"), QByteArray("bytes=120000-"));

        // A refresher that cannot help: Failed with its message.
        FakeRefresher broken;
        broken.error = u"The order has been archived"_s;
        auto job2 = makeJob(task(u"/stale"_s, data, u"two.bin"_s));
        job2->setUrlRefresher(&broken);
        run(job2.get());
        QCOMPARE(job2->state(), DownloadState::Failed);
        QCOMPARE(job2->errorString(), broken.error);

        // Without a refresher a 403 is just a failure.
        auto job3 = makeJob(task(u"/stale"_s, data, u"three.bin"_s));
        run(job3.get());
        QCOMPARE(job3->state(), DownloadState::Failed);
        QVERIFY(job3->errorString().contains(u"403"_s));
    }

    void notEnoughSpaceBeforeStart()
    {
        const QByteArray data = testData(100000);
        m_server->addBlob(u"/a.tif"_s, data);
        auto job = makeJob(task(u"/a.tif"_s, data));
        job->setFreeSpaceProbe([](const QString &) { return qint64(1000); });
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Paused);
        QVERIFY2(job->errorString().startsWith(u"Not enough free space on"_s), qPrintable(job->errorString()));
        QCOMPARE(m_server->requestCount(), 0);
    }

    void diskFullMidTransferPausesThenResumes()
    {
        const QByteArray data = testData(512 * 1024);
        addFlakyBlob(*m_server, u"/a.tif"_s, data, -1, true, 32 * 1024, 15);
        const DownloadTask t = task(u"/a.tif"_s, data);
        auto job = makeJob(t);
        bool full = false;
        job->setFreeSpaceProbe([&full](const QString &) { return full ? qint64(0) : qint64(1) << 40; });
        job->setFreeSpaceCheckInterval(64 * 1024);
        connect(job.get(), &DownloadJob::progressChanged, this, [&full](qint64 received) {
            if (received >= 128 * 1024) {
                full = true;
            }
        });
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Paused);
        QVERIFY2(job->errorString().startsWith(u"Disk full"_s), qPrintable(job->errorString()));
        const QByteArray part = readFile(t.targetPath + u".part"_s);
        QVERIFY(part.size() >= 128 * 1024);
        QVERIFY(part.size() < data.size());
        QCOMPARE(part.size(), job->task().received);
        QCOMPARE(part, data.left(part.size()));
        QVERIFY(QFileInfo::exists(t.targetPath + u".part.json"_s));
        QVERIFY(!QFileInfo::exists(t.targetPath));

        full = false;
        job->disconnect(this);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(t.targetPath), data);
        QCOMPARE(m_server->lastRequest().header("Range"), "bytes=" + QByteArray::number(part.size()) + '-');
    }

    void failedWritePausesWithPartIntact()
    {
        // A real failed write: a file size limit makes write(2) fail (EFBIG) like a full disk would.
        const QByteArray data = testData(1024 * 1024);
        m_server->addBlob(u"/a.tif"_s, data,
            LocalHttpServer::BlobOptions { .etag = QByteArrayLiteral("\"v1\""), .lastModified = {}, .delivery = {} });
        const DownloadTask t = task(u"/a.tif"_s, data);
        rlimit old {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = old;
        limited.rlim_cur = 300 * 1000; // not a multiple of the read size: the failing write is partial
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
        auto job = makeJob(t);
        run(job.get());
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &old), 0);
        std::signal(SIGXFSZ, previousHandler);

        QCOMPARE(job->state(), DownloadState::Paused);
        QVERIFY2(job->errorString().startsWith(u"Disk full"_s), qPrintable(job->errorString()));
        const QByteArray part = readFile(t.targetPath + u".part"_s);
        QVERIFY(part.size() > 0);
        QVERIFY(part.size() <= 300 * 1000);
        QCOMPARE(part.size(), job->task().received);
        QCOMPARE(part, data.left(part.size())); // ends at a chunk boundary, nothing half-written

        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(t.targetPath), data);
        QCOMPARE(m_server->lastRequest().header("Range"), "bytes=" + QByteArray::number(part.size()) + '-');
    }

    void retryAfterParsing()
    {
        const QDateTime now(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);
        QCOMPARE(RetryPolicy::parseRetryAfter("7", now), 7000);
        QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 01 May 2024 12:00:30 GMT", now), 30000);
        QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 01 May 2024 11:00:00 GMT", now), 0);
        QCOMPARE(RetryPolicy::parseRetryAfter("soon", now), -1);
        QCOMPARE(RetryPolicy::parseRetryAfter({}, now), -1);
        RetryPolicy policy;
        policy.baseDelayMs = 100;
        policy.maxDelayMs = 60000;
        QCOMPARE(policy.delayMs(1, "3600"), 60000); // capped
        QVERIFY(policy.delayMs(1) >= 100 && policy.delayMs(1) < 125);
        QVERIFY(policy.delayMs(3) >= 400 && policy.delayMs(3) < 500);
        QVERIFY(RetryPolicy::isRetryableStatus(429));
        QVERIFY(RetryPolicy::isRetryableStatus(503));
        QVERIFY(!RetryPolicy::isRetryableStatus(404));
    }

    void pauseAndResume()
    {
        const QByteArray data = testData(512 * 1024);
        addFlakyBlob(*m_server, u"/a.tif"_s, data, -1, true, 32 * 1024, 15);
        const DownloadTask t = task(u"/a.tif"_s, data);
        auto job = makeJob(t);
        QSignalSpy progress(job.get(), &DownloadJob::progressChanged);
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(job->task().received >= 64 * 1024, kTimeout);
        QCOMPARE(job->state(), DownloadState::Downloading);
        QTRY_VERIFY(job->speed() > 0);
        job->pause();
        QCOMPARE(job->state(), DownloadState::Paused);
        QCOMPARE(job->speed(), 0.0);
        const qint64 kept = QFileInfo(t.targetPath + u".part"_s).size();
        QVERIFY(kept >= 64 * 1024);
        QVERIFY(QFileInfo::exists(t.targetPath + u".part.json"_s));
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(t.targetPath), data);
        QCOMPARE(m_server->lastRequest().header("Range"), "bytes=" + QByteArray::number(kept) + '-');
    }

    void cancelRemovesPart()
    {
        const QByteArray data = testData(512 * 1024);
        addFlakyBlob(*m_server, u"/a.tif"_s, data, -1, true, 32 * 1024, 15);
        const DownloadTask t = task(u"/a.tif"_s, data);
        auto job = makeJob(t);
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(job->task().received >= 64 * 1024, kTimeout);
        QVERIFY(QFileInfo::exists(t.targetPath + u".part"_s));
        job->cancel();
        QCOMPARE(job->state(), DownloadState::Canceled);
        QVERIFY(!QFileInfo::exists(t.targetPath + u".part"_s));
        QVERIFY(!QFileInfo::exists(t.targetPath + u".part.json"_s));
        QVERIFY(!QFileInfo::exists(t.targetPath));
    }

    void newJobResumesPartOfKilledOne()
    {
        const QByteArray data = testData(512 * 1024);
        addFlakyBlob(*m_server, u"/a.tif"_s, data, -1, true, 32 * 1024, 15);
        // A pre-signed URL: its query is a credential and must never reach the disk.
        const QByteArray signature = "X-Amz-Signature=5ecre7519a7e0f00";
        const QByteArray credential = "X-Amz-Credential=AKIAEXAMPLEKEY";
        DownloadTask t = task(u"/a.tif"_s, data);
        t.url = m_server->url(u"/a.tif?"_s + QString::fromLatin1(credential + '&' + signature));
        {
            auto first = makeJob(t);
            first->start();
            QTRY_VERIFY_WITH_TIMEOUT(first->task().received >= 96 * 1024, kTimeout);
            // Destroyed mid-transfer, without pause(): what a killed process leaves behind.
        }
        const qint64 left = QFileInfo(t.targetPath + u".part"_s).size();
        QVERIFY(left >= 96 * 1024);
        QVERIFY(QFileInfo::exists(t.targetPath + u".part.json"_s));
        const QByteArray sidecar = readFile(t.targetPath + u".part.json"_s);
        const QByteArray partBytes = readFile(t.targetPath + u".part"_s);
        QCOMPARE(partBytes, data.left(left)); // the file's bytes and nothing else
        for (const QByteArray &secret :
            { QByteArray("5ecre7519a7e0f00"), QByteArray("AKIAEXAMPLEKEY"), QByteArray("X-Amz"), QByteArray("?") }) {
            QVERIFY2(!sidecar.contains(secret), sidecar.constData());
        }
        QVERIFY(!partBytes.contains("5ecre7519a7e0f00") && !partBytes.contains("AKIAEXAMPLEKEY"));
        // The sidecar still names the file, without its query.
        QVERIFY2(sidecar.contains(m_server->url(u"/a.tif"_s).toEncoded()), sidecar.constData());
        // No file in the folder is named after the query either.
        const QStringList names = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(names, (QStringList { u"out.bin.part"_s, u"out.bin.part.json"_s }));
        // The request itself did carry the signature: the test would see it if it leaked.
        QVERIFY(m_server->lastRequest().rawQuery.contains(signature));

        DownloadTask fresh = t;
        fresh.etag.clear(); // everything the new job knows comes from the sidecar
        auto second = makeJob(fresh);
        run(second.get());
        QCOMPARE(second->state(), DownloadState::Completed);
        QCOMPARE(readFile(t.targetPath), data);
        const ReceivedRequest last = m_server->lastRequest();
        QCOMPARE(last.header("Range"), "bytes=" + QByteArray::number(left) + '-');
        QCOMPARE(last.header("If-Range"), QByteArray("\"v1\""));
        QVERIFY(last.rawQuery.contains(signature));
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList { u"out.bin"_s });
    }

    void partWithoutSidecarRestarts()
    {
        const QByteArray data = testData(100000);
        m_server->addBlob(u"/a.tif"_s, data);
        const DownloadTask t = task(u"/a.tif"_s, data);
        QVERIFY(writeFile(t.targetPath + u".part"_s, testData(40000, 7)));
        auto job = makeJob(t);
        run(job.get());
        QCOMPARE(job->state(), DownloadState::Completed);
        QCOMPARE(readFile(t.targetPath), data);
        QVERIFY(!m_server->lastRequest().hasHeader("Range"));
    }
};

QTEST_GUILESS_MAIN(TestDownloadJob)
#include "tst_downloadjob.moc"
