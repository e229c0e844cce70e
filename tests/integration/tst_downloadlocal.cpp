// Downloads of file: URLs (a static catalog's local files, the embedded demo's thumbnails): copied
// through the same checks as HTTP transfers (size, checksum, .part then rename), a missing file
// failing at once with its path, and the planner and the job agreeing on what can be fetched.
#include <QCryptographicHash>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include "resources/demoresources.h"
#include "src/demo/democatalog.h"
#include "src/download/downloadjob.h"
#include "src/download/downloadplanner.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int Timeout = 20000;

QByteArray sha256Multihash(const QByteArray &data)
{
    return "1220" + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

bool isFinal(DownloadState state)
{
    return state == DownloadState::Completed || state == DownloadState::Failed || state == DownloadState::Canceled;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestDownloadLocal : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    QTemporaryDir m_dir;

    DownloadTask task(const QUrl &url, const QByteArray &expected, const QString &name)
    {
        DownloadTask t;
        t.id = 1;
        t.url = url;
        t.targetPath = m_dir.filePath(u"out/"_s + name);
        t.expectedSize = expected.size();
        t.checksum = sha256Multihash(expected);
        return t;
    }

    static void run(DownloadJob &job)
    {
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(isFinal(job.state()), Timeout);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        initDemoResources();
    }

    void localFileIsCopiedAndVerified()
    {
        QByteArray data(700 * 1024 + 5, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char((i * 7919) >> 3);
        const QString source = m_dir.filePath(u"source.tif"_s);
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(data);
        file.close();

        DownloadJob job(&m_nam, task(QUrl::fromLocalFile(source), data, u"copy.tif"_s));
        run(job);
        QCOMPARE(job.state(), DownloadState::Completed);
        QCOMPARE(readFile(job.task().targetPath), data);
        QVERIFY(!QFile::exists(job.task().targetPath + u".part"_s));
        QCOMPARE(readFile(source), data); // the source is only read
    }

    void checksumStillChecked()
    {
        const QString source = m_dir.filePath(u"other.bin"_s);
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not what the catalog says");
        file.close();
        DownloadJob job(&m_nam, task(QUrl::fromLocalFile(source), "what the catalog says!!!!", u"other.bin"_s));
        run(job);
        QCOMPARE(job.state(), DownloadState::Failed);
        QVERIFY2(job.errorString().contains(u"Checksum mismatch"_s), qPrintable(job.errorString()));
        QVERIFY(!QFile::exists(job.task().targetPath));
    }

    void missingFileFailsAtOnce()
    {
        const QString source = m_dir.filePath(u"gone.tif"_s);
        DownloadJob job(&m_nam, task(QUrl::fromLocalFile(source), "x", u"gone.tif"_s));
        job.setBaseRetryDelay(60000); // a retry would show as a test timeout
        run(job);
        QCOMPARE(job.state(), DownloadState::Failed);
        QVERIFY2(job.errorString().startsWith(u"Cannot read "_s), qPrintable(job.errorString()));
        QVERIFY(job.errorString().contains(u"gone.tif"_s));
        QCOMPARE(job.task().attempts, 1);
    }

    // The embedded demo catalog's thumbnails are Qt resources behind file: URLs: what the download
    // dialog offers, the job fetches.
    void embeddedThumbnail()
    {
        const QString path = u":/demo/"_s + DemoCatalog::thumbnailPath(5);
        const QByteArray png = readFile(path);
        QVERIFY(png.startsWith("\x89PNG"));
        const QUrl url = QUrl::fromLocalFile(path);
        SelectedAsset selected;
        selected.asset.href = url.toString();
        selected.url = url;
        QCOMPARE(DownloadPlanner::skipReason(selected), QString());
        DownloadJob job(&m_nam, task(url, png, u"thumbnail.png"_s));
        run(job);
        QVERIFY2(job.state() == DownloadState::Completed, qPrintable(job.errorString()));
        QCOMPARE(readFile(job.task().targetPath), png);
    }
};

QTEST_GUILESS_MAIN(TestDownloadLocal)
#include "tst_downloadlocal.moc"
