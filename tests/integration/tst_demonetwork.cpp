// DemoNetworkAccessManager: the demo catalog's host answered in-process as an HTTP server would
// (ranges, validators, errors), other hosts left to the network, and the download manager taking a
// demo item's files to verified files on disk, paused and resumed on the way.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "src/demo/demoassets.h"
#include "src/demo/democatalog.h"
#include "src/demo/demonetwork.h"
#include "src/download/assetselection.h"
#include "src/download/downloadmanager.h"
#include "src/download/downloadplanner.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int Timeout = 20000;
const QUrl VisualUrl(u"https://demo.stacscope.invalid/demo-optical/demo-optical-000003/visual.tif"_s);

struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    int finishedCount = 0;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

Answer fetch(QNetworkAccessManager &nam, QNetworkRequest request, const QByteArray &verb = "GET")
{
    QNetworkReply *reply = verb == "GET" ? nam.get(request)
        : verb == "HEAD"                 ? nam.head(request)
                                         : nam.sendCustomRequest(request, verb, QByteArray("x"));
    Answer answer;
    QObject::connect(reply, &QNetworkReply::finished, [&answer] { ++answer.finishedCount; });
    QObject::connect(reply, &QNetworkReply::readyRead, [&answer, reply] { answer.body += reply->readAll(); });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(Timeout))
        answer.error = QNetworkReply::TimeoutError;
    answer.body += reply->readAll();
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.error = reply->error();
    answer.headers = reply->rawHeaderPairs();
    delete reply;
    return answer;
}

QByteArray servedVisual()
{
    return DemoAssets::fileAt(VisualUrl)->bytes;
}

} // namespace

class TestDemoNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_nam.setDemoRate(0); }

    void wholeFile()
    {
        const QByteArray expected = servedVisual();
        const Answer answer = fetch(m_nam, QNetworkRequest(VisualUrl));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.error, QNetworkReply::NoError);
        QCOMPARE(answer.finishedCount, 1);
        QCOMPARE(answer.body, expected);
        QCOMPARE(answer.header("Content-Length"), QByteArray::number(expected.size()));
        QCOMPARE(answer.header("Accept-Ranges"), QByteArray("bytes"));
        QCOMPARE(answer.header("Content-Type"), QByteArray("image/tiff; application=geotiff"));
        QVERIFY(answer.header("ETag").startsWith('"'));
        QVERIFY(answer.header("Last-Modified").endsWith(" GMT"));
    }

    void rangeContinuesTheFile()
    {
        const QByteArray expected = servedVisual();
        const QByteArray etag = fetch(m_nam, QNetworkRequest(VisualUrl)).header("ETag");
        QNetworkRequest request(VisualUrl);
        request.setRawHeader("Range", "bytes=1000-");
        request.setRawHeader("If-Range", etag);
        const Answer answer = fetch(m_nam, request);
        QCOMPARE(answer.status, 206);
        QCOMPARE(answer.body, expected.mid(1000));
        QCOMPARE(answer.header("Content-Range"),
            "bytes 1000-" + QByteArray::number(expected.size() - 1) + '/' + QByteArray::number(expected.size()));

        request.setRawHeader("Range", "bytes=10-19");
        QCOMPARE(fetch(m_nam, request).body, expected.mid(10, 10));
    }

    // If-Range with another version's validator: the whole file, as RFC 9110 says.
    void staleIfRangeGetsTheWholeFile()
    {
        QNetworkRequest request(VisualUrl);
        request.setRawHeader("Range", "bytes=1000-");
        request.setRawHeader("If-Range", "\"another-version\"");
        const Answer answer = fetch(m_nam, request);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body, servedVisual());
    }

    void rangePastTheEnd()
    {
        const qint64 size = servedVisual().size();
        QNetworkRequest request(VisualUrl);
        request.setRawHeader("Range", "bytes=" + QByteArray::number(size) + '-');
        const Answer answer = fetch(m_nam, request);
        QCOMPARE(answer.status, 416);
        QCOMPARE(answer.header("Content-Range"), "bytes */" + QByteArray::number(size));
        QVERIFY(answer.body.isEmpty());
    }

    void headHasNoBody()
    {
        const Answer answer = fetch(m_nam, QNetworkRequest(VisualUrl), "HEAD");
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("Content-Length"), QByteArray::number(servedVisual().size()));
        QVERIFY(answer.body.isEmpty());
    }

    void onlyGetAndHead()
    {
        const Answer answer = fetch(m_nam, QNetworkRequest(VisualUrl), "POST");
        QCOMPARE(answer.status, 405);
        QCOMPARE(answer.header("Allow"), QByteArray("GET, HEAD"));
        QCOMPARE(answer.finishedCount, 1);
    }

    void unknownFileIsNotFound()
    {
        const Answer answer = fetch(
            m_nam, QNetworkRequest(QUrl(u"https://demo.stacscope.invalid/demo-optical/demo-optical-000003/B04.tif"_s)));
        QCOMPARE(answer.status, 404);
        QCOMPARE(answer.error, QNetworkReply::ContentNotFoundError);
        QCOMPARE(answer.finishedCount, 1);
    }

    // Paced, the body comes in pieces; an abort ends the reply once.
    void pacedAndAbortable()
    {
        m_nam.setDemoRate(64 * 1024);
        QNetworkReply *reply = m_nam.get(QNetworkRequest(VisualUrl));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QSignalSpy readyRead(reply, &QNetworkReply::readyRead);
        QVERIFY(readyRead.wait(Timeout));
        QVERIFY(reply->bytesAvailable() > 0);
        QVERIFY(reply->bytesAvailable() < servedVisual().size());
        QVERIFY(!reply->isFinished());
        reply->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QTest::qWait(100);
        QCOMPARE(finished.size(), 1);
        delete reply;
    }

    // Another host goes to the network: a closed loopback port is refused, not answered by the demo.
    void otherHostsGoToTheNetwork()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        const int before = m_nam.demoRequestCount();
        const Answer answer = fetch(m_nam, QNetworkRequest(QUrl(u"http://127.0.0.1:%1/x.tif"_s.arg(port))));
        QCOMPARE(answer.error, QNetworkReply::ConnectionRefusedError);
        QCOMPARE(m_nam.demoRequestCount(), before);
    }

    // A newcomer's first download: a demo item's files, planned as the download dialog plans them,
    // downloaded, checked against file:size and file:checksum, paused halfway and resumed.
    void demoItemDownloadsAndVerifies()
    {
        const int index = 3;
        AssetSelection selection;
        QTemporaryDir catalog;
        const QString itemPath = catalog.filePath(DemoCatalog::itemPath(index));
        QVERIFY(QDir().mkpath(QFileInfo(itemPath).path()));
        QVERIFY(selection.addItem(DemoCatalog::staticItem(index), QUrl::fromLocalFile(itemPath)));
        selection.setExclude({ u"thumbnail"_s });
        QTemporaryDir target;
        DownloadPlanOptions options;
        options.directory = target.path();
        const DownloadPlan plan = DownloadPlanner(options).plan(selection);
        QVERIFY2(plan.warnings.isEmpty(), qPrintable(plan.warnings.join(u'\n')));
        QCOMPARE(plan.tasks.size(), 3); // visual, analytic, metadata
        for (const DownloadTask &task : plan.tasks)
            QVERIFY(!task.checksum.isEmpty());

        m_nam.setDemoRate(128 * 1024);
        DownloadManager manager(&m_nam);
        manager.setMaxParallel(1);
        const QList<qint64> ids = manager.enqueue(plan.tasks);
        const qint64 first = ids.first();
        QTRY_VERIFY_WITH_TIMEOUT(manager.task(first).received > 16 * 1024, Timeout);
        manager.pause(first);
        QCOMPARE(manager.task(first).state, DownloadState::Paused);
        const qint64 kept = manager.task(first).received;
        QVERIFY(kept < manager.task(first).total);
        qint64 lowest = kept;
        connect(&manager, &DownloadManager::taskChanged, this,
            [&](qint64 id) { lowest = id == first ? qMin(lowest, manager.task(id).received) : lowest; });
        m_nam.setDemoRate(0);
        manager.resume(first);
        QTRY_VERIFY_WITH_TIMEOUT(manager.task(first).state == DownloadState::Completed, Timeout);
        QCOMPARE(lowest, kept); // continued with a range, not started again

        for (const qint64 id : ids) {
            QTRY_COMPARE_WITH_TIMEOUT(manager.task(id).state, DownloadState::Completed, Timeout);
            const DownloadTask task = manager.task(id);
            QFile file(task.targetPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QCOMPARE(bytes, DemoAssets::fileAt(task.url)->bytes);
            QCOMPARE(task.checksum, "1220" + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
            QVERIFY(!QFile::exists(task.targetPath + u".part"_s));
        }
    }

private:
    DemoNetworkAccessManager m_nam;
};

QTEST_GUILESS_MAIN(TestDemoNetwork)
#include "tst_demonetwork.moc"
