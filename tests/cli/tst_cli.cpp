// stacscope-cli run as a process against the loopback STAC emulator and the fixture catalog.
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "src/demo/democatalog.h"
#include "tests/support/stacemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The emulator lives in this process, so the CLI runs asynchronously while our event loop serves.
Run runCli(const QStringList &args)
{
    QProcess process;
    process.setProgram(QStringLiteral(STACSCOPE_CLI_PATH));
    process.setArguments(args);
    QSignalSpy done(&process, &QProcess::finished);
    process.start();
    if (!done.wait(60000)) {
        process.kill();
        return {};
    }
    return { process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError() };
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(DemoCatalog::writeCatalogDirectory(m_dir.path() + u"/data"_s, 45, {}, &error), qPrintable(error));
        QVERIFY2(m_emulator.loadDirectory(m_dir.path() + u"/data"_s, &error), qPrintable(error));
        m_emulator.setPagingMode(StacEmulator::PagingMode::PostMerge);
        QVERIFY(m_emulator.listen());
    }

    void searchPostPagingToStdout()
    {
        const Run run = runCli(
            { u"search"_s, u"--api"_s, m_emulator.url().toString(), u"--limit"_s, u"10"_s, u"--method"_s, u"POST"_s });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject fc = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(fc.value(u"type"_s).toString(), u"FeatureCollection"_s);
        QCOMPARE(fc.value(u"features"_s).toArray().size(), 45);
        QVERIFY(run.err.contains("matched: 45\n"));
        QVERIFY(run.err.contains("returned: 45\n"));
        int posts = 0;
        for (const ReceivedRequest &r : m_emulator.requests()) {
            posts += r.method == "POST" && r.path.endsWith(u"/search"_s);
        }
        QCOMPARE(posts, 5);
    }

    void searchToFileReadByOgr()
    {
        const QString out = m_dir.path() + u"/result.geojson"_s;
        const Run run = runCli({ u"search"_s, u"--api"_s, m_emulator.url().toString(), u"--bbox"_s,
            u"-180,-90,180,90"_s, u"--max-items"_s, u"23"_s, u"--limit"_s, u"10"_s, u"--out"_s, out });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
        QVERIFY(run.err.contains("returned: 23\n"));
        const QString ogrinfo = QStandardPaths::findExecutable(u"ogrinfo"_s);
        QVERIFY2(!ogrinfo.isEmpty(), "ogrinfo (gdal-bin) is installed by packaging/dev.sh");
        QProcess ogr;
        ogr.start(ogrinfo, { u"-ro"_s, u"-so"_s, u"-al"_s, out });
        QVERIFY(ogr.waitForFinished(60000));
        QCOMPARE(ogr.exitCode(), 0);
        const QString report = QString::fromUtf8(ogr.readAllStandardOutput());
        const QRegularExpressionMatch m = QRegularExpression(u"Feature Count: (\\d+)"_s).match(report);
        QVERIFY2(m.hasMatch(), qPrintable(report));
        QCOMPARE(m.captured(1).toInt(), 23);
    }

    // --out picks the format from the extension; each file read back by ogrinfo.
    void searchToFormatsByExtension_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("csv") << u"result.csv"_s << QByteArray("id,collection,datetime,WKT,");
        QTest::newRow("gpkg") << u"result.gpkg"_s << QByteArray("SQLite format 3");
        QTest::newRow("ndjson") << u"result.ndjson"_s << QByteArray("{");
        QTest::newRow("itemcollection") << u"result.json"_s << QByteArray("{\"type\":\"FeatureCollection\",");
    }
    void searchToFormatsByExtension()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, start);
        const QString out = m_dir.path() + u'/' + name;
        const Run run = runCli({ u"search"_s, u"--api"_s, m_emulator.url().toString(), u"--max-items"_s, u"23"_s,
            u"--limit"_s, u"10"_s, u"--out"_s, out });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(start.size()) == start);
        const QString ogrinfo = QStandardPaths::findExecutable(u"ogrinfo"_s);
        QVERIFY2(!ogrinfo.isEmpty(), "ogrinfo (gdal-bin) is installed by packaging/dev.sh");
        QProcess ogr;
        // GDAL names the newline-delimited driver itself; the others it recognises.
        ogr.start(
            ogrinfo, { u"-ro"_s, u"-so"_s, u"-al"_s, name.endsWith(u".ndjson"_s) ? u"GeoJSONSeq:"_s + out : out });
        QVERIFY(ogr.waitForFinished(60000));
        const QString report = QString::fromUtf8(ogr.readAllStandardOutput());
        QCOMPARE(ogr.exitCode(), 0);
        const QRegularExpressionMatch m = QRegularExpression(u"Feature Count: (\\d+)"_s).match(report);
        QVERIFY2(m.hasMatch(), qPrintable(report));
        QCOMPARE(m.captured(1).toInt(), 23);
    }

    void searchOutUnknownExtension()
    {
        const QString out = m_dir.path() + u"/result.txt"_s;
        const qsizetype requests = m_emulator.requests().size();
        const Run run = runCli({ u"search"_s, u"--api"_s, m_emulator.url().toString(), u"--out"_s, out });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--out: cannot tell the format of"), run.err.constData());
        QVERIFY(run.err.contains(".geojson, .json, .ndjson, .csv or .gpkg"));
        QVERIFY(!QFile::exists(out));
        QCOMPARE(m_emulator.requests().size(), requests); // refused before anything was sent
    }

    void searchWithFilterAndGet()
    {
        const Run run = runCli({ u"search"_s, u"--api"_s, m_emulator.url().toString(), u"--method"_s, u"GET"_s,
            u"--filter"_s, u"eo:cloud_cover <= 50"_s, u"--sortby"_s, u"-eo:cloud_cover"_s, u"--limit"_s, u"100"_s });
        QCOMPARE(run.exitCode, 0);
        const QJsonArray features = QJsonDocument::fromJson(run.out).object().value(u"features"_s).toArray();
        QVERIFY(!features.isEmpty());
        double previous = 101;
        for (const QJsonValue &f : features) {
            const double cc = f[u"properties"_s][u"eo:cloud_cover"_s].toDouble();
            QVERIFY(cc <= 50);
            QVERIFY(cc <= previous);
            previous = cc;
        }
    }

    void searchStaticCatalog()
    {
        const Run run = runCli({ u"search"_s, u"--catalog"_s, QStringLiteral(STACSCOPE_TEST_FIXTURES "/static-catalog"),
            u"--bbox"_s, u"170,-30,-170,0"_s });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(u"features"_s).toArray().size(), 1);
        QVERIFY(run.err.contains("matched: 1\n"));
    }

    // "--catalog demo" is the app's embedded demo catalog, as "Show the request" writes it.
    void searchTheDemoCatalog()
    {
        const Run run = runCli(
            { u"search"_s, u"--catalog"_s, u"demo"_s, u"--collections"_s, u"demo-sar"_s, u"--max-items"_s, u"4"_s });
        QCOMPARE(run.exitCode, 0);
        const QJsonArray features = QJsonDocument::fromJson(run.out).object().value(u"features"_s).toArray();
        QCOMPARE(features.size(), 4);
        for (const QJsonValue &f : features) {
            QCOMPARE(f[u"collection"_s].toString(), u"demo-sar"_s);
        }
    }

    // The demo's data files come from the CLI itself: searched, downloaded and verified offline.
    void downloadFromTheDemoCatalog()
    {
        QTemporaryDir dir;
        const QString items = dir.filePath(u"sar.geojson"_s);
        const Run search = runCli({ u"search"_s, u"--catalog"_s, u"demo"_s, u"--collections"_s, u"demo-sar"_s,
            u"--max-items"_s, u"2"_s, u"--out"_s, items });
        QCOMPARE(search.exitCode, 0);
        const Run download = runCli({ u"download"_s, u"--items"_s, items, u"--dir"_s, dir.filePath(u"files"_s),
            u"--exclude"_s, u"thumbnail"_s });
        QVERIFY2(download.exitCode == 0, download.err.constData());
        QFile file(items);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray features = QJsonDocument::fromJson(file.readAll()).object().value(u"features"_s).toArray();
        QCOMPARE(features.size(), 2);
        int checked = 0;
        for (const QJsonValue &feature : features) {
            const QString id = feature[u"id"_s].toString();
            const QJsonObject assets = feature[u"assets"_s].toObject();
            for (auto it = assets.begin(); it != assets.end(); ++it) {
                if (it.key() == u"thumbnail"_s)
                    continue;
                const QString name = it.value()[u"href"_s].toString().section(u'/', -1);
                QFile downloaded(dir.filePath(u"files/demo-sar/"_s + id + u'/' + name));
                QVERIFY2(downloaded.open(QIODevice::ReadOnly), qPrintable(downloaded.fileName()));
                const QByteArray bytes = downloaded.readAll();
                QCOMPARE(bytes.size(), it.value()[u"file:size"_s].toInteger());
                QCOMPARE("1220" + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex(),
                    it.value()[u"file:checksum"_s].toString().toLatin1());
                ++checked;
            }
        }
        QVERIFY(checked >= 4); // a GeoTIFF per polarization and the metadata, per item
    }

    void collectionsAndItem()
    {
        const Run collections = runCli({ u"collections"_s, u"--api"_s, m_emulator.url().toString() });
        QCOMPARE(collections.exitCode, 0);
        QVERIFY(collections.out.contains("demo-optical"));
        QVERIFY(collections.out.contains("demo-sar"));

        const QString id = DemoCatalog::itemId(4);
        const QString collection = DemoCatalog::collectionId(4);
        const Run item
            = runCli({ u"item"_s, m_emulator.url(u"/collections/"_s + collection + u"/items/"_s + id).toString() });
        QCOMPARE(item.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(item.out).object().value(u"id"_s).toString(), id);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no command") << QStringList() << QByteArray("no command given");
        QTest::newRow("unknown") << QStringList { u"serch"_s } << QByteArray("unknown command");
        QTest::newRow("no source") << QStringList {
            u"search"_s
        } << QByteArray("search needs one of --api URL, --catalog PATH_OR_URL, --account NAME or --provider NAME");
        QTest::newRow("bad bbox") << QStringList { u"search"_s, u"--api"_s, u"http://127.0.0.1:1/"_s, u"--bbox"_s,
            u"1,2,3"_s } << QByteArray("--bbox");
        QTest::newRow("bad datetime") << QStringList { u"search"_s, u"--catalog"_s, u"."_s, u"--datetime"_s,
            u"yesterday"_s } << QByteArray("--datetime");
        QTest::newRow("bad filter") << QStringList { u"search"_s, u"--catalog"_s, u"."_s, u"--filter"_s, u"a = (1"_s }
                                    << QByteArray("--filter");
        QTest::newRow("bad method") << QStringList { u"search"_s, u"--catalog"_s, u"."_s, u"--method"_s, u"PUT"_s }
                                    << QByteArray("GET or POST");
        QTest::newRow("bad header") << QStringList { u"collections"_s, u"--api"_s, u"http://x/"_s, u"--header"_s,
            u"nocolon"_s } << QByteArray("Name: value");
        QTest::newRow("misspelt option") << QStringList { u"search"_s, u"--catalog"_s, u"."_s, u"--bbx"_s,
            u"1,2,3,4"_s } << QByteArray("Unknown option 'bbx'. Did you mean --bbox?");
        QTest::newRow("misspelt long option") << QStringList { u"search"_s, u"--catalog"_s, u"."_s, u"--colections"_s,
            u"a"_s } << QByteArray("Did you mean --collections?");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run run = runCli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), run.err.constData());
        // One line and where to look, not the whole usage.
        QVERIFY(!run.err.contains("Usage:"));
        QCOMPARE(run.err.count('\n'), 2);
        const QByteArray hint = args.isEmpty() || args.first() == u"serch"_s
            ? QByteArray("see 'stacscope-cli --help'")
            : "see 'stacscope-cli " + args.first().toUtf8() + " --help'";
        QVERIFY2(run.err.contains(hint), run.err.constData());
    }

    // "--help" after a command: its own usage lines and each of its options explained, exit 0;
    // nothing is run (no request to the unreachable API below).
    void helpOfOneCommand()
    {
        const Run run = runCli({ u"search"_s, u"--api"_s, u"http://127.0.0.1:1/"_s, u"--help"_s });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith("Usage:\n  stacscope-cli search"));
        QVERIFY(!run.out.contains("stacscope-cli download"));
        QVERIFY(run.out.contains("Options:"));
        QVERIFY(run.out.contains("--bbox <bbox>"));
        QVERIFY(run.out.contains("W,S,E,N in degrees"));
        QVERIFY(run.err.isEmpty());
        const Run all = runCli({ u"--help"_s });
        QCOMPARE(all.exitCode, 0);
        QVERIFY(all.out.contains("stacscope-cli download") && all.out.contains("stacscope-cli search"));
    }

    void serverErrorExitsThree()
    {
        m_emulator.injectFailure(
            400, R"({"code":"BadRequest","description":"collection nope not found"})", 1, "application/json");
        const Run run = runCli({ u"search"_s, u"--api"_s, m_emulator.url().toString(), u"--collections"_s, u"nope"_s });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("collection nope not found"), run.err.constData());

        const Run unreachable = runCli({ u"collections"_s, u"--api"_s, u"http://127.0.0.1:1/"_s });
        QCOMPARE(unreachable.exitCode, 3);
        QVERIFY(unreachable.err.contains("127.0.0.1"));
    }

private:
    QTemporaryDir m_dir;
    StacEmulator m_emulator;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
