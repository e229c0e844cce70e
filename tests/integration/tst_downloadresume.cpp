// DownloadJob's resume paths that go wrong on real servers: the file changed between attempts, a
// 206 of another version or at another offset, a weak ETag (If-Range then carries Last-Modified),
// and a .part whose sidecar describes another size or checksum. In every case the result is the
// server's current file, byte for byte, and never a splice of two versions.

#include <memory>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include "src/download/downloadjob.h"
#include "src/download/partfile.h"
#include "tests/support/httpstaticcontent.h"
#include "tests/support/localhttpserver.h"
#include "tests/support/testbytes.h"

using namespace StacScope;
using namespace Qt::StringLiterals;
using namespace StacScope::TestBytes;

namespace {

constexpr int kTimeout = 20000;
constexpr qsizetype kSize = 300000;
constexpr qsizetype kKept = 100000; // what an earlier attempt left in the .part

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

} // namespace

class TestDownloadResume : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<QTemporaryDir> m_dir;
    const QByteArray m_v1 = testData(kSize, 1);
    const QByteArray m_v2 = testData(kSize, 2); // the same file after the provider reprocessed it

    DownloadTask task(const QByteArray &data) const
    {
        DownloadTask t;
        t.id = 1;
        t.url = m_server->url(u"/scene.tif"_s);
        t.targetPath = m_dir->filePath(u"scene.tif"_s);
        t.expectedSize = data.size();
        t.checksum = sha256Multihash(data);
        return t;
    }

    // What an interrupted earlier attempt at `data` leaves: kKept bytes and their sidecar.
    bool leavePart(const DownloadTask &t, const QByteArray &data, const QByteArray &etag,
        const QByteArray &lastModified = {}, qint64 expectedSize = kSize, const QByteArray &checksum = {})
    {
        PartFile part(t.targetPath);
        PartFile::Metadata meta;
        meta.url = t.url;
        meta.etag = etag;
        meta.lastModified = lastModified;
        meta.total = kSize;
        meta.expectedSize = expectedSize;
        meta.checksum = checksum.isEmpty() ? t.checksum : checksum;
        return writeFile(part.partPath(), data.left(kKept)) && part.writeSidecar(meta);
    }

    DownloadState run(const DownloadTask &t)
    {
        DownloadJob job(m_nam.get(), t);
        job.setBaseRetryDelay(10);
        job.setInactivityTimeout(10000);
        job.start();
        if (!QTest::qWaitFor([&] { return isFinal(job.state()); }, kTimeout)) {
            return DownloadState::Downloading;
        }
        m_lastError = job.errorString();
        return job.state();
    }

    QString m_lastError;

    // The folder holds the finished file and nothing else (no .part, no sidecar).
    void verifyOnly(const QString &name, const QByteArray &data)
    {
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList { name });
        const QByteArray got = readFile(m_dir->filePath(name));
        QCOMPARE(got.size(), data.size());
        QVERIFY(got == data);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<LocalHttpServer>();
        QVERIFY(m_server->listen());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(m_v1 != m_v2);
    }

    void cleanup()
    {
        m_nam.reset();
        m_server.reset();
        m_dir.reset();
    }

    // The first attempt breaks off; before the second the provider replaced the file. If-Range
    // carries the old ETag, the server answers 200 with the new file, and that is what is kept.
    void etagChangedBetweenAttempts()
    {
        auto served = std::make_shared<int>(0);
        m_server->addHandler(QByteArrayLiteral("GET"), u"/scene.tif"_s,
            [this, served](const ReceivedRequest &request, HttpServerResponse &response) {
                HttpStaticContent content;
                content.data = *served == 0 ? m_v1 : m_v2;
                content.etag = *served == 0 ? QByteArrayLiteral("\"v1\"") : QByteArrayLiteral("\"v2\"");
                content.respond(request, response);
                if ((*served)++ == 0) {
                    response.setDropAfterBytes(kKept);
                }
            });
        DownloadTask t = task(m_v2);
        t.checksum.clear(); // the catalogue could not know which version is served
        QCOMPARE(run(t), DownloadState::Completed);
        const QList<ReceivedRequest> requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(1).header("Range"), "bytes=" + QByteArray::number(kKept) + '-');
        QCOMPARE(requests.at(1).header("If-Range"), QByteArray("\"v1\""));
        verifyOnly(u"scene.tif"_s, m_v2);
    }

    // A server that ignores If-Range answers the range of another version: not spliced on, the
    // download starts over and asks for the whole file.
    void partialOfAnotherVersionRestarts()
    {
        m_server->addHandler(QByteArrayLiteral("GET"), u"/scene.tif"_s,
            [this](const ReceivedRequest &request, HttpServerResponse &response) {
                response.setHeader("ETag", "\"v2\"");
                if (request.hasHeader("Range")) {
                    response.setHeader("Content-Range",
                        "bytes " + QByteArray::number(kKept) + '-' + QByteArray::number(kSize - 1) + '/'
                            + QByteArray::number(kSize));
                    response.respond(206, m_v2.mid(kKept), "image/tiff");
                    return;
                }
                response.respond(200, m_v2, "image/tiff");
            });
        const DownloadTask t = task(m_v2);
        QVERIFY(leavePart(t, m_v1, "\"v1\""));
        QCOMPARE(run(t), DownloadState::Completed);
        const QList<ReceivedRequest> requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).header("If-Range"), QByteArray("\"v1\""));
        QVERIFY(!requests.at(1).hasHeader("Range"));
        verifyOnly(u"scene.tif"_s, m_v2);
    }

    void partialAtAnotherOffsetRestarts_data()
    {
        QTest::addColumn<QByteArray>("contentRange");
        QTest::addColumn<qint64>("first");
        const QByteArray total = '/' + QByteArray::number(kSize);
        QTest::newRow("from the start") << "bytes 0-" + QByteArray::number(kSize - 1) + total << qint64(0);
        QTest::newRow("before our end") << "bytes 50000-" + QByteArray::number(kSize - 1) + total << qint64(50000);
        QTest::newRow("after our end") << "bytes 150000-" + QByteArray::number(kSize - 1) + total << qint64(150000);
        QTest::newRow("no Content-Range") << QByteArray() << qint64(kKept);
        QTest::newRow("unreadable") << QByteArrayLiteral("bytes lots") << qint64(kKept);
    }

    // A 206 whose Content-Range does not start where our bytes end cannot be appended.
    void partialAtAnotherOffsetRestarts()
    {
        QFETCH(QByteArray, contentRange);
        QFETCH(qint64, first);
        m_server->addHandler(QByteArrayLiteral("GET"), u"/scene.tif"_s,
            [this, contentRange, first](const ReceivedRequest &request, HttpServerResponse &response) {
                response.setHeader("ETag", "\"v1\"");
                if (request.hasHeader("Range")) {
                    if (!contentRange.isEmpty()) {
                        response.setHeader("Content-Range", contentRange);
                    }
                    response.respond(206, m_v1.mid(first), "image/tiff");
                    return;
                }
                response.respond(200, m_v1, "image/tiff");
            });
        const DownloadTask t = task(m_v1);
        QVERIFY(leavePart(t, m_v1, "\"v1\""));
        QCOMPARE(run(t), DownloadState::Completed);
        const QList<ReceivedRequest> requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).header("Range"), "bytes=" + QByteArray::number(kKept) + '-');
        QVERIFY(!requests.at(1).hasHeader("Range"));
        verifyOnly(u"scene.tif"_s, m_v1);
    }

    // A weak ETag cannot validate a range (RFC 9110 13.1.5): If-Range falls back to Last-Modified.
    void weakEtagUsesLastModified()
    {
        const QDateTime modified(QDate(2024, 3, 9), QTime(10, 20, 30), Qt::UTC);
        auto served = std::make_shared<int>(0);
        m_server->addHandler(QByteArrayLiteral("GET"), u"/scene.tif"_s,
            [this, served, modified](const ReceivedRequest &request, HttpServerResponse &response) {
                HttpStaticContent content;
                content.data = m_v1;
                content.etag = QByteArrayLiteral("W/\"w1\"");
                content.lastModified = modified;
                content.respond(request, response);
                if ((*served)++ == 0) {
                    response.setDropAfterBytes(kKept);
                }
            });
        QCOMPARE(run(task(m_v1)), DownloadState::Completed);
        const QList<ReceivedRequest> requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(1).header("Range"), "bytes=" + QByteArray::number(kKept) + '-');
        QCOMPARE(requests.at(1).header("If-Range"), QByteArray("Sat, 09 Mar 2024 10:20:30 GMT"));
        verifyOnly(u"scene.tif"_s, m_v1);
    }

    // Same, but the file changed meanwhile: the date no longer matches and the whole new file comes.
    void weakEtagWithChangedDate()
    {
        const QDateTime modified(QDate(2024, 3, 9), QTime(10, 20, 30), Qt::UTC);
        HttpStaticContent content;
        content.data = m_v2;
        content.etag = QByteArrayLiteral("W/\"w2\"");
        content.lastModified = modified.addDays(1);
        m_server->addHandler(QByteArrayLiteral("GET"), u"/scene.tif"_s,
            [content](
                const ReceivedRequest &request, HttpServerResponse &response) { content.respond(request, response); });
        DownloadTask t = task(m_v2);
        QVERIFY(leavePart(t, m_v1, "W/\"w1\"", HttpStaticContent::httpDate(modified)));
        QCOMPARE(run(t), DownloadState::Completed);
        QCOMPARE(m_server->requestCount(), 1);
        QCOMPARE(m_server->lastRequest().header("If-Range"), QByteArray("Sat, 09 Mar 2024 10:20:30 GMT"));
        verifyOnly(u"scene.tif"_s, m_v2);
    }

    void sidecarThatNoLongerMatches_data()
    {
        QTest::addColumn<qint64>("sidecarSize");
        QTest::addColumn<QByteArray>("sidecarChecksum");
        QTest::addColumn<bool>("resumes");
        const QByteArray same = sha256Multihash(testData(kSize, 1));
        QTest::newRow("matching (control)") << qint64(kSize) << same << true;
        QTest::newRow("matching, checksum in upper case") << qint64(kSize) << same.toUpper() << true;
        QTest::newRow("another size") << qint64(kSize + 1) << same << false;
        QTest::newRow("another checksum") << qint64(kSize) << sha256Multihash(testData(kSize, 2)) << false;
    }

    // The .part was begun for another file (the item's asset was replaced in the catalogue): its
    // bytes are not continued, even though the server would happily send the rest.
    void sidecarThatNoLongerMatches()
    {
        QFETCH(qint64, sidecarSize);
        QFETCH(QByteArray, sidecarChecksum);
        QFETCH(bool, resumes);
        LocalHttpServer::BlobOptions options;
        options.etag = QByteArrayLiteral("\"v1\"");
        m_server->addBlob(u"/scene.tif"_s, m_v1, options);
        const DownloadTask t = task(m_v1);
        QVERIFY(leavePart(t, m_v1, "\"v1\"", {}, sidecarSize, sidecarChecksum));
        QCOMPARE(run(t), DownloadState::Completed);
        QCOMPARE(m_server->requestCount(), 1);
        if (resumes) {
            QCOMPARE(m_server->lastRequest().header("Range"), "bytes=" + QByteArray::number(kKept) + '-');
        } else {
            QVERIFY(!m_server->lastRequest().hasHeader("Range"));
        }
        verifyOnly(u"scene.tif"_s, m_v1);
    }

    // More bytes on disk than the file has: the .part is not trusted.
    void partLongerThanTheFile()
    {
        LocalHttpServer::BlobOptions options;
        options.etag = QByteArrayLiteral("\"v1\"");
        m_server->addBlob(u"/scene.tif"_s, m_v1, options);
        const DownloadTask t = task(m_v1);
        QVERIFY(leavePart(t, m_v1, "\"v1\""));
        QVERIFY(writeFile(PartFile(t.targetPath).partPath(), m_v1 + "trailing garbage"));
        QCOMPARE(run(t), DownloadState::Completed);
        QCOMPARE(m_server->requestCount(), 1);
        QVERIFY(!m_server->lastRequest().hasHeader("Range"));
        verifyOnly(u"scene.tif"_s, m_v1);
    }
};

QTEST_GUILESS_MAIN(TestDownloadResume)
#include "tst_downloadresume.moc"
