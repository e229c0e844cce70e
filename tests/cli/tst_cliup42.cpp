// stacscope-cli's UP42 commands as a process against the emulator (--provider up42 with
// UP42_USERNAME/UP42_PASSWORD from the environment, --endpoint auth=... --endpoint api=...),
// checking what the emulator received. Expected values come from the emulator's dataset table
// (tests/support/up42emulatordataset.cpp), written out here by hand.
#include <pty.h>
#include <unistd.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/clirun.h"
#include "tests/support/syntheticfiles.h"
#include "tests/support/up42emulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QString W1 = Up42Emulator::WorkspaceId.toString();
const QString Hamburg = Up42Emulator::HamburgAssetId.toString();
const QString HamburgZip = u"oneatlas_e95750f3-a1e7-4c78-ab82-a096477af31b.zip"_s;
const QString Rotterdam = u"94fcbead-7737-479a-8dee-26d38da16dd8"_s;
const QString CapellaGeo = u"386d1663-c440-48e7-a88b-61acf4e30d24"_s; // capella-spotlight-geo: 750 credits a scene
const QString SuvaQuotation = u"9cb75d99-7c71-4bc4-9b97-0f020eaed283"_s; // its order was canceled

QJsonObject body(const ReceivedRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QStringList field(const QJsonArray &items, const QString &key)
{
    QStringList out;
    for (const QJsonValue &v : items) {
        out.append(v.toObject().value(key).toString());
    }
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The entries of a ZIP of stored entries, read from its local headers: an implementation of its
// own, to compare what the CLI unpacked with.
QList<std::pair<QString, QByteArray>> storedEntries(const QByteArray &zip)
{
    const auto u16 = [&zip](qsizetype at) { return qsizetype(uchar(zip[at])) | qsizetype(uchar(zip[at + 1])) << 8; };
    QList<std::pair<QString, QByteArray>> out;
    qsizetype pos = 0;
    while (pos + 30 <= zip.size() && zip.mid(pos, 4) == QByteArray("PK\x03\x04", 4)) {
        const qsizetype size = u16(pos + 18) | u16(pos + 20) << 16;
        const qsizetype nameLength = u16(pos + 26);
        const qsizetype extraLength = u16(pos + 28);
        out.append(
            { QString::fromUtf8(zip.mid(pos + 30, nameLength)), zip.mid(pos + 30 + nameLength + extraLength, size) });
        pos += 30 + nameLength + extraLength + size;
    }
    return out;
}

} // namespace

class TestCliUp42 : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Up42Emulator> m_emulator;

    QStringList provider() const
    {
        return { u"--provider"_s, u"up42"_s, u"--endpoint"_s, u"auth="_s + m_emulator->authUrl().toString(),
            u"--endpoint"_s, u"api="_s + m_emulator->apiUrl().toString() };
    }

    QProcessEnvironment environment(const QString &password = Up42Emulator::Password.toString()) const
    {
        QProcessEnvironment extra;
        extra.insert(u"UP42_USERNAME"_s, Up42Emulator::Username.toString());
        if (!password.isEmpty()) {
            extra.insert(u"UP42_PASSWORD"_s, password);
        }
        extra.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        extra.insert(u"TZ"_s, u"UTC"_s);
        extra.insert(u"LC_ALL"_s, u"C"_s);
        QProcessEnvironment env = cliEnvironment(extra);
        if (password.isEmpty()) {
            env.remove(u"UP42_PASSWORD"_s);
        }
        return env;
    }

    CliRun cli(const QStringList &args, const QString &password = Up42Emulator::Password.toString())
    {
        return runCli(QStringLiteral(STACSCOPE_CLI_PATH), args + provider(), environment(password), m_dir.path());
    }

    // The CLI with a terminal for stdin (a pseudo-terminal) on which `answer` is typed.
    CliRun cliOnTerminal(const QStringList &args, const QByteArray &answer)
    {
        int master = -1;
        int slave = -1;
        if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
            return { -2, {}, "openpty failed" };
        }
        const bool typed = ::write(master, answer.constData(), size_t(answer.size())) == answer.size();
        QProcess process;
        process.setProgram(QStringLiteral(STACSCOPE_CLI_PATH));
        process.setArguments(args + provider());
        process.setProcessEnvironment(environment());
        process.setWorkingDirectory(m_dir.path());
        process.setStandardInputFile(QString::fromLocal8Bit(::ptsname(master)));
        QSignalSpy done(&process, &QProcess::finished);
        process.start();
        CliRun run { -1, {}, {} };
        if (typed && process.waitForStarted(10000) && done.wait(60000)) {
            run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        } else {
            process.kill();
            done.wait(10000);
        }
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        ::close(slave);
        ::close(master);
        return run;
    }

    QList<ReceivedRequest> calls(const QByteArray &method, const QString &path) const
    {
        QList<ReceivedRequest> out;
        for (const ReceivedRequest &r : m_emulator->requests(Up42Emulator::Service::Api)) {
            if (r.method == method && r.path == path) {
                out.append(r);
            }
        }
        return out;
    }

    // One Capella Spotlight scene over Hamburg (750 credits a scene), as search --host writes it.
    QString capellaScene()
    {
        const QString file = m_dir.filePath(u"capella-scene.geojson"_s);
        const CliRun run = cli({ u"search"_s, u"--host"_s, u"capella"_s, u"--bbox"_s, u"9.9,53.5,10.0,53.6"_s,
            u"--max-items"_s, u"1"_s, u"--out"_s, file });
        if (run.exitCode != 0) {
            qWarning("%s", run.err.constData());
            return {};
        }
        m_emulator->clearRequests();
        return file;
    }

    QString sceneIdIn(const QString &file) const
    {
        return QJsonDocument::fromJson(readAll(file))
            .object()
            .value(u"features"_s)
            .toArray()
            .first()
            .toObject()
            .value(u"properties"_s)
            .toObject()
            .value(u"id"_s)
            .toString();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<Up42Emulator>();
        QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
    }

    void cleanup() { m_emulator.reset(); }

    void credentialsMissingOrRefused()
    {
        const CliRun missing = cli({ u"orders"_s, u"list"_s }, QString());
        QCOMPARE(missing.exitCode, 4);
        QVERIFY2(missing.err.contains("UP42_PASSWORD"), missing.err.constData());
        QVERIFY(m_emulator->requests(Up42Emulator::Service::Api).isEmpty());

        const CliRun refused = cli({ u"assets"_s, u"list"_s }, u"wrong-password"_s);
        QCOMPARE(refused.exitCode, 4);
        QVERIFY2(refused.err.contains("UP42_USERNAME and UP42_PASSWORD"), refused.err.constData());
        QCOMPARE(m_emulator->tokenRequestCount(u"password"_s), 1);
    }

    void badFlagValuesSendNothing()
    {
        const QList<std::pair<QStringList, QByteArray>> cases {
            { { u"orders"_s, u"list"_s, u"--status"_s, u"DONE"_s }, "--status: \"DONE\" is not one of CREATED," },
            { { u"orders"_s, u"list"_s, u"--type"_s, u"BOTH"_s }, "--type: \"BOTH\" is not one of TASKING, ARCHIVE" },
            { { u"orders"_s, u"list"_s, u"--sort"_s, u"size,desc"_s }, "createdAt, updatedAt, type, status" },
            { { u"assets"_s, u"list"_s, u"--source"_s, u"SHOP"_s },
                "--source: \"SHOP\" is not one of ARCHIVE, TASKING, PROCESSING, USER" },
            { { u"assets"_s, u"list"_s, u"--sort"_s, u"weight"_s }, "name, title, size, createdAt" },
            { { u"assets"_s, u"list"_s, u"--created-after"_s, u"yesterday"_s }, "--created-after needs a date" },
            { { u"quotations"_s, u"list"_s, u"--decision"_s, u"MAYBE"_s }, "NOT_DECIDED, ACCEPTED, REJECTED" },
            { { u"search"_s, u"--host"_s, u"oneatlas"_s, u"--max-cloud"_s, u"150"_s }, "--max-cloud" },
        };
        for (const auto &[args, message] : cases) {
            const CliRun run = cli(args);
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(message), run.err.constData());
        }
        QVERIFY(m_emulator->requests(Up42Emulator::Service::Api).isEmpty());
    }

    // The default workspace's fulfilled or canceled archive orders tagged "port", oldest first.
    void ordersFiltersAndSort()
    {
        const CliRun run = cli(
            { u"orders"_s, u"list"_s, u"--workspace"_s, W1, u"--type"_s, u"archive"_s, u"--status"_s, u"FULFILLED"_s,
                u"--status"_s, u"canceled"_s, u"--tag"_s, u"port"_s, u"--sort"_s, u"createdAt,asc"_s, u"--json"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(field(QJsonDocument::fromJson(run.out).array(), u"displayName"_s),
            QStringList({ u"Rotterdam SPOT 2024"_s, u"Hamburg port Pléiades"_s, u"Sydney Harbour Neo"_s }));
        const ReceivedRequest r = calls("GET", u"/v2/orders"_s).first();
        QCOMPARE(r.queryValue(u"workspaceId"_s), W1);
        QCOMPARE(r.queryValue(u"type"_s), u"ARCHIVE"_s);
        QCOMPARE(r.query.allQueryItemValues(u"status"_s), QStringList({ u"FULFILLED"_s, u"CANCELED"_s }));
        QCOMPARE(r.queryValue(u"tags"_s), u"port"_s);
        QCOMPARE(r.queryValue(u"sort"_s), u"createdAt,asc"_s);

        // Sub-status and a part of the display name, in a table of aligned columns, newest first.
        const CliRun table
            = cli({ u"orders"_s, u"list"_s, u"--sub-status"_s, u"QUOTATION_ACCEPTED"_s, u"--name"_s, u"sar"_s });
        QVERIFY2(table.exitCode == 0, table.err.constData());
        const QList<QByteArray> lines = table.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("ID  "));
        QVERIFY(lines[1].startsWith("0fdd70b9-895d-409e-b0cf-5fa0560f81a1  2024-05-20 05:00  TASKING  "
                                    "PLACED/QUOTATION_ACCEPTED           Mumbai SAR"));
        QVERIFY(lines[2].startsWith("6478516e-ea99-410b-8307-0dda8c502cc2  2024-02-20 13:00  TASKING  "
                                    "BEING_FULFILLED/QUOTATION_ACCEPTED  Sao Paulo SAR series"));
        // initialize_order(order_id): one order.
        const CliRun show = cli({ u"orders"_s, u"show"_s, Up42Emulator::HamburgOrderId.toString() });
        QVERIFY2(show.exitCode == 0, show.err.constData());
        QVERIFY(show.out.contains("name:      Hamburg port Pléiades\n"));
        QVERIFY(show.out.contains("status:    FULFILLED\n"));
        QCOMPARE(calls("GET", u"/v2/orders/"_s + Up42Emulator::HamburgOrderId.toString()).size(), 1);
        const ReceivedRequest t = calls("GET", u"/v2/orders"_s).at(1);
        QCOMPARE(t.queryValue(u"subStatus"_s), u"QUOTATION_ACCEPTED"_s);
        QCOMPARE(t.queryValue(u"displayName"_s), u"sar"_s);
        QVERIFY(!t.hasQueryItem(u"workspaceId"_s)); // the whole account
    }

    // All 18 orders four at a time: pages 0 to 4; --limit stops after the page that fills it.
    void ordersAllPages()
    {
        const CliRun all = cli({ u"orders"_s, u"list"_s, u"--page-size"_s, u"4"_s, u"--json"_s });
        QVERIFY2(all.exitCode == 0, all.err.constData());
        QCOMPARE(QJsonDocument::fromJson(all.out).array().size(), 18);
        const QList<ReceivedRequest> pages = calls("GET", u"/v2/orders"_s);
        QCOMPARE(pages.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(pages.at(i).queryValue(u"page"_s), QString::number(i));
            QCOMPARE(pages.at(i).queryValue(u"size"_s), u"4"_s);
        }
        m_emulator->clearRequests();
        const CliRun limited = cli({ u"orders"_s, u"list"_s, u"--page-size"_s, u"4"_s, u"--limit"_s, u"10"_s });
        QVERIFY2(limited.exitCode == 0, limited.err.constData());
        QCOMPARE(limited.out.trimmed().split('\n').size(), 11); // the header and ten orders
        QCOMPARE(calls("GET", u"/v2/orders"_s).size(), 3);
    }

    // seed 004: storage.get_assets(created_after=..., sortby="size", descending=...): the default
    // workspace's archive deliveries of early 2024 from phr or spot tagged "port", largest first.
    void assetsFiltersAndSort()
    {
        const CliRun run = cli(
            { u"assets"_s, u"list"_s, u"--created-after"_s, u"2024-01-01"_s, u"--created-before"_s, u"2024-03-31"_s,
                u"--workspace"_s, W1, u"--source"_s, u"archive"_s, u"--collection"_s, u"phr"_s, u"--collection"_s,
                u"spot"_s, u"--tag"_s, u"port"_s, u"--sort"_s, u"size"_s, u"--descending"_s, u"--json"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(field(QJsonDocument::fromJson(run.out).array(), u"id"_s), QStringList({ Hamburg, Rotterdam }));
        const ReceivedRequest r = calls("GET", u"/v2/assets"_s).first();
        QCOMPARE(r.queryValue(u"createdAfter"_s), u"2024-01-01T00:00:00Z"_s);
        QCOMPARE(r.queryValue(u"createdBefore"_s), u"2024-03-31T23:59:59Z"_s);
        QCOMPARE(r.queryValue(u"workspaceId"_s), W1);
        QCOMPARE(r.query.allQueryItemValues(u"sources"_s), QStringList({ u"ARCHIVE"_s }));
        QCOMPARE(r.query.allQueryItemValues(u"collectionNames"_s), QStringList({ u"phr"_s, u"spot"_s }));
        QCOMPARE(r.queryValue(u"tags"_s), u"port"_s);
        QCOMPARE(r.queryValue(u"sort"_s), u"size,desc"_s);

        // An order's assets (orders[0].get_assets()): a search for its id; producers; sizes in
        // human units.
        const CliRun berlin
            = cli({ u"assets"_s, u"list"_s, u"--order"_s, Up42Emulator::BerlinOrderId.toString(), u"--json"_s });
        QCOMPARE(QJsonDocument::fromJson(berlin.out).array().size(), 10);
        QCOMPARE(calls("GET", u"/v2/assets"_s).last().queryValue(u"search"_s), Up42Emulator::BerlinOrderId.toString());
        const CliRun ndvi = cli({ u"assets"_s, u"list"_s, u"--producer"_s, u"up42"_s, u"--sort"_s, u"name"_s });
        QVERIFY2(ndvi.exitCode == 0, ndvi.err.constData());
        const QList<QByteArray> lines = ndvi.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[1].contains("2023-09-10 12:00")
            && lines[1].contains("PROCESSING  ndvi        ndvi_berlin_2023-09.tif"));
        QVERIFY(lines[4].contains("ndvi_berlin_2023-12.tif"));
        QVERIFY2(lines[1].contains(" kB ") || lines[1].contains(" MB "), lines[1].constData());
        QCOMPARE(calls("GET", u"/v2/assets"_s).last().queryValue(u"producerNames"_s), u"up42"_s);
        QCOMPARE(calls("GET", u"/v2/assets"_s).last().queryValue(u"sort"_s), u"name,asc"_s);
    }

    // 29 assets ten at a time: pages 0, 1, 2; --limit 25 stops there.
    void assetsAllPages()
    {
        const CliRun all = cli({ u"assets"_s, u"list"_s, u"--page-size"_s, u"10"_s, u"--json"_s });
        QVERIFY2(all.exitCode == 0, all.err.constData());
        QCOMPARE(QJsonDocument::fromJson(all.out).array().size(), 29);
        QStringList pages;
        for (const ReceivedRequest &r : calls("GET", u"/v2/assets"_s)) {
            pages.append(r.queryValue(u"page"_s) + u'/' + r.queryValue(u"size"_s));
        }
        QCOMPARE(pages, QStringList({ u"0/10"_s, u"1/10"_s, u"2/10"_s }));
        const CliRun limited
            = cli({ u"assets"_s, u"list"_s, u"--page-size"_s, u"10"_s, u"--limit"_s, u"25"_s, u"--json"_s });
        QCOMPARE(QJsonDocument::fromJson(limited.out).array().size(), 25);
    }

    // asset.info and asset.stac_items: the metadata, and the STAC items by asset_id.
    void assetShowWithStacItems()
    {
        const CliRun human = cli({ u"assets"_s, u"show"_s, Hamburg });
        QVERIFY2(human.exitCode == 0, human.err.constData());
        QVERIFY(human.out.contains("title:         Hamburg port, March 2024\n"));
        QVERIFY(human.out.contains("size:          516.9 kB (529299 bytes)\n"));
        QVERIFY(human.out.contains("order:         f2584eb9-b034-4013-b546-53d7b4ac025a\n"));
        QCOMPARE(calls("GET", u"/v2/assets/"_s + Hamburg + u"/metadata"_s).size(), 1);

        const CliRun run = cli({ u"assets"_s, u"show"_s, Hamburg, u"--stac"_s, u"--json"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject shown = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(shown.value(u"asset"_s).toObject().value(u"name"_s).toString(), HamburgZip);
        QCOMPARE(shown.value(u"asset"_s).toObject().value(u"size"_s).toInteger(), 529299);
        const QJsonArray items = shown.value(u"stacItems"_s).toArray();
        QCOMPARE(items.size(), 2);
        for (const QJsonValue &item : items) {
            QCOMPARE(item.toObject().value(u"assets"_s).toObject().size(), 3); // data, thumbnail, metadata
        }
        const QJsonObject sent = body(calls("POST", u"/v2/assets/stac/search"_s).first());
        QCOMPARE(sent.value(u"filter"_s).toObject(),
            QJsonDocument::fromJson(
                ("{\"op\":\"=\",\"args\":[{\"property\":\"asset_id\"},\"" + Hamburg.toUtf8() + "\"]}"))
                .object());
    }

    // asset.download(): the ZIP byte for byte through a signed link (no bearer token at the file
    // host), then unpacked without its output/ folder: the same entries, the same bytes.
    void assetDownloadAndUnpack()
    {
        const QString dir = m_dir.filePath(u"dl"_s);
        const CliRun run = cli({ u"assets"_s, u"download"_s, Hamburg, u"--dir"_s, dir, u"--unpack"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray zip = readAll(dir + u'/' + HamburgZip);
        QCOMPARE(zip.size(), 529299);
        QCOMPARE(zip, m_emulator->fileBytes(Hamburg));
        QCOMPARE(calls("POST", u"/v2/assets/"_s + Hamburg + u"/download-url"_s).size(), 1);
        const QList<ReceivedRequest> files = m_emulator->requests(Up42Emulator::Service::Files);
        QVERIFY(!files.isEmpty());
        for (const ReceivedRequest &r : files) {
            QVERIFY2(!r.hasHeader("authorization"), "a bearer token reached the storage host");
        }
        const QList<std::pair<QString, QByteArray>> entries = storedEntries(zip);
        QCOMPARE(entries.size(), 6); // two items: data, thumbnail and metadata each
        const QString unpacked = dir + u"/oneatlas_e95750f3-a1e7-4c78-ab82-a096477af31b"_s;
        QStringList names;
        QDirIterator it(unpacked, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            names.append(QDir(unpacked).relativeFilePath(it.next()));
        }
        QCOMPARE(names.size(), 6);
        for (const auto &[name, bytes] : entries) {
            QVERIFY(name.startsWith(u"output/"_s));
            QVERIFY2(names.contains(name.mid(7)), qPrintable(name));
            QCOMPARE(readAll(unpacked + u'/' + name.mid(7)), bytes);
        }
        QVERIFY(run.err.contains(QByteArray(QByteArray("unpacked: ") + HamburgZip.toUtf8())));
    }

    // An asset whose metadata has no name (up42-py's Asset.name is optional): the file is named as
    // its signed link's content-disposition says, as the SDK's get_filename did, not by its id.
    void fileNamedByTheSignedLink()
    {
        const QString id = m_emulator->assetIdOfFile(u"field_survey_nairobi.tif"_s);
        QVERIFY(!id.isEmpty());
        QVERIFY(m_emulator->asset(id).value(u"name"_s).isNull());
        const QString dir = m_dir.filePath(u"named"_s);
        const CliRun run = cli({ u"assets"_s, u"download"_s, id, u"--dir"_s, dir });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QDir(dir).entryList(QDir::Files), QStringList({ u"field_survey_nairobi.tif"_s }));
        QCOMPARE(readAll(dir + u"/field_survey_nairobi.tif"_s), m_emulator->fileBytes(id));
    }

    // A delivery whose ZIP has an entry "../evil.txt" (here: one left by an earlier run, of the
    // size UP42 gives, so it counts as downloaded): nothing of it is unpacked, and it says why.
    void zipSlipRefused()
    {
        const QString dir = m_dir.filePath(u"slip"_s);
        QVERIFY(QDir().mkpath(dir));
        const QByteArray crafted = SyntheticFiles::storedZip(
            { { u"output/ok.txt"_s, "ok" }, { u"../evil.txt"_s, "evil" }, { u"output/pad.bin"_s, {} } }, 529299);
        QCOMPARE(crafted.size(), 529299);
        QFile file(dir + u'/' + HamburgZip);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(crafted) == crafted.size());
        file.close();
        const CliRun run = cli({ u"assets"_s, u"download"_s, Hamburg, u"--dir"_s, dir, u"--unpack"_s });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("entry \"../evil.txt\" would be written outside"), run.err.constData());
        QVERIFY(!QFile::exists(m_dir.filePath(u"evil.txt"_s)));
        QVERIFY(!QFile::exists(dir + u"/evil.txt"_s));
        QVERIFY(!QFile::exists(dir + u"/oneatlas_e95750f3-a1e7-4c78-ab82-a096477af31b/ok.txt"_s));
    }

    // storage.pystac_client: the storage STAC API's collections, and a search paged by token.
    void storageCollectionsAndSearch()
    {
        const CliRun collections = cli({ u"collections"_s, u"--json"_s });
        QVERIFY2(collections.exitCode == 0, collections.err.constData());
        QCOMPARE(QJsonDocument::fromJson(collections.out).array().size(), 27);
        const CliRun search
            = cli({ u"search"_s, u"--filter"_s, u"asset_id = '"_s + Hamburg + u"'"_s, u"--limit"_s, u"1"_s });
        QVERIFY2(search.exitCode == 0, search.err.constData());
        QCOMPARE(QJsonDocument::fromJson(search.out).object().value(u"features"_s).toArray().size(), 2);
        QCOMPARE(calls("POST", u"/v2/assets/stac/search"_s).size(), 2);
    }

    // Hamburg's two Pléiades scenes, one a page (the same body POSTed to the next link), newest
    // first; with at most 10 % cloud only 2023's (0.5 %).
    void hostSearchPagesAndCloud()
    {
        const QString out = m_dir.filePath(u"scenes.geojson"_s);
        const CliRun run = cli({ u"search"_s, u"--host"_s, u"oneatlas"_s, u"--collections"_s, u"phr"_s, u"--bbox"_s,
            u"9.9,53.5,10.0,53.6"_s, u"--limit"_s, u"1"_s, u"--out"_s, out });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray features = QJsonDocument::fromJson(readAll(out)).object().value(u"features"_s).toArray();
        QCOMPARE(features.size(), 2);
        QCOMPARE(features[0].toObject().value(u"properties"_s).toObject().value(u"datetime"_s).toString(),
            u"2024-04-01T10:30:00Z"_s);
        QCOMPARE(features[1].toObject().value(u"properties"_s).toObject().value(u"datetime"_s).toString(),
            u"2023-05-01T10:30:00Z"_s);
        const QList<ReceivedRequest> pages = calls("POST", u"/catalog/hosts/oneatlas/stac/search"_s);
        QCOMPARE(pages.size(), 2);
        QVERIFY(!pages[0].hasQueryItem(u"next"_s));
        QVERIFY(pages[1].queryValue(u"next"_s).startsWith(u"next:"_s));
        QCOMPARE(body(pages[1]), body(pages[0]));
        QCOMPARE(body(pages[0]),
            QJsonDocument::fromJson("{\"collections\":[\"phr\"],\"bbox\":[9.9,53.5,10,53.6],\"limit\":1}").object());

        const CliRun clear = cli({ u"search"_s, u"--host"_s, u"oneatlas"_s, u"--collections"_s, u"phr"_s, u"--bbox"_s,
            u"9.9,53.5,10.0,53.6"_s, u"--max-cloud"_s, u"10"_s });
        QVERIFY2(clear.exitCode == 0, clear.err.constData());
        const QJsonArray few = QJsonDocument::fromJson(clear.out).object().value(u"features"_s).toArray();
        QCOMPARE(few.size(), 1);
        QCOMPARE(few[0].toObject().value(u"properties"_s).toObject().value(u"cloudCoverage"_s).toDouble(), 0.5);
        QCOMPARE(body(calls("POST", u"/catalog/hosts/oneatlas/stac/search"_s).last()).value(u"query"_s).toObject(),
            QJsonDocument::fromJson("{\"cloudCoverage\":{\"LTE\":10}}").object());
    }

    void hostSearchRefusalInWords()
    {
        const CliRun run = cli({ u"search"_s, u"--host"_s, u"oneatlas"_s, u"--query"_s, u"{\"gsd\":{\"LTE\":1}}"_s });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(
            run.err.contains("UP42 refused the search: Unsupported query property 'gsd'; supported: cloudCoverage"),
            run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    // The estimate in credits; a submission refused at the prompt (or without a terminal) sends
    // no order.
    void estimateThenRefusedSubmission()
    {
        const QString scenes = capellaScene();
        QVERIFY(!scenes.isEmpty());
        const QString sceneId = sceneIdIn(scenes);
        QVERIFY(m_emulator->sceneIds(u"capella"_s).contains(sceneId));
        const CliRun estimate = cli({ u"orders"_s, u"estimate"_s, u"--product"_s, u"capella-spotlight-geo"_s,
            u"--items"_s, scenes, u"--json"_s });
        QVERIFY2(estimate.exitCode == 0, estimate.err.constData());
        QCOMPARE(QJsonDocument::fromJson(estimate.out)
                     .array()
                     .first()
                     .toObject()
                     .value(u"summary"_s)
                     .toObject()
                     .value(u"totalCredits"_s)
                     .toInt(),
            750);
        const QList<ReceivedRequest> estimates = calls("POST", u"/v2/orders/estimate"_s);
        QCOMPARE(estimates.size(), 1);
        const QJsonObject payload = body(estimates.first());
        QCOMPARE(payload.value(u"dataProduct"_s).toString(), CapellaGeo);
        QCOMPARE(payload.value(u"params"_s).toObject(), QJsonObject({ { u"id"_s, sceneId } }));
        QCOMPARE(payload.value(u"featureCollection"_s).toObject().value(u"features"_s).toArray().size(), 1);

        const CliRun human = cli({ u"orders"_s, u"estimate"_s, u"--product"_s, CapellaGeo, u"--items"_s, scenes });
        QVERIFY2(human.exitCode == 0, human.err.constData());
        QVERIFY2(
            human.out.contains("1 SCENE  750\n") && human.out.contains("total: 750 credits"), human.out.constData());

        const QStringList submit { u"orders"_s, u"submit"_s, u"--product"_s, u"capella-spotlight-geo"_s, u"--items"_s,
            scenes };
        const CliRun refused = cliOnTerminal(submit, "n\n");
        QCOMPARE(refused.exitCode, 5);
        QVERIFY2(
            refused.err.contains("for 750 credits") && refused.err.contains("Send it? [y/N]"), refused.err.constData());
        QVERIFY(refused.err.contains("not confirmed: nothing was sent"));
        const CliRun noTerminal = cli(submit);
        QCOMPARE(noTerminal.exitCode, 5);
        QVERIFY(calls("POST", u"/v2/orders"_s).isEmpty());
        QVERIFY(m_emulator->placements().isEmpty());
    }

    // --yes: one POST /v2/orders into the default workspace; an answer lost on the way is not
    // sent again (the order was made: it costs credits).
    void submitOnceWithYes()
    {
        const QString scenes = capellaScene();
        QVERIFY(!scenes.isEmpty());
        const QStringList submit { u"orders"_s, u"submit"_s, u"--product"_s, u"capella-spotlight-geo"_s, u"--items"_s,
            scenes, u"--name"_s, u"Harbour SAR"_s, u"--tag"_s, u"harbour"_s, u"--yes"_s };
        const CliRun run = cli(submit + QStringList { u"--json"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<ReceivedRequest> posts = calls("POST", u"/v2/orders"_s);
        QCOMPARE(posts.size(), 1);
        QCOMPARE(posts.first().queryValue(u"workspaceId"_s), W1);
        QCOMPARE(body(posts.first()).value(u"displayName"_s).toString(), u"Harbour SAR"_s);
        QCOMPARE(body(posts.first()).value(u"tags"_s).toArray(), QJsonArray({ u"harbour"_s }));
        QCOMPARE(m_emulator->placements().size(), 1);
        QCOMPARE(m_emulator->placements().first().credits, 750);
        const QString orderId = QJsonDocument::fromJson(run.out)
                                    .array()
                                    .first()
                                    .toObject()
                                    .value(u"results"_s)
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value(u"id"_s)
                                    .toString();
        QCOMPARE(orderId, m_emulator->placements().first().orderId);
        QVERIFY(cli({ u"orders"_s, u"list"_s, u"--tag"_s, u"harbour"_s }).out.contains(orderId.toUtf8()));

        m_emulator->loseAnswers("POST", u"/v2/orders"_s);
        const CliRun lost = cli(submit);
        QCOMPARE(lost.exitCode, 3);
        QVERIFY2(lost.err.contains("may have reached UP42"), lost.err.constData());
        QCOMPARE(calls("POST", u"/v2/orders"_s).size(), 2);
        QCOMPARE(m_emulator->placements().size(), 2);
    }

    // Tokyo Bay's quotation: 12500 credits shown first; refused at the prompt nothing is sent;
    // --yes sends one PATCH; a second accept is refused before anything is sent.
    void quotationsListAndDecide()
    {
        const CliRun list
            = cli({ u"quotations"_s, u"list"_s, u"--decision"_s, u"not_decided"_s, u"--workspace"_s, W1, u"--json"_s });
        QVERIFY2(list.exitCode == 0, list.err.constData());
        const QJsonArray open = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(field(open, u"id"_s), QStringList({ Up42Emulator::TokyoQuotationId.toString() }));
        QCOMPARE(open.first().toObject().value(u"creditsPrice"_s).toInt(), 12500);
        const ReceivedRequest r = calls("GET", u"/v2/tasking/quotation"_s).first();
        QCOMPARE(r.queryValue(u"decision"_s), u"NOT_DECIDED"_s);
        QCOMPARE(r.queryValue(u"workspaceId"_s), W1);
        const CliRun table = cli({ u"quotations"_s, u"list"_s });
        QCOMPARE(table.out.trimmed().split('\n').size(), 8); // the header and seven quotations

        const QString path = u"/v2/tasking/quotation/"_s + Up42Emulator::TokyoQuotationId.toString();
        const QStringList accept { u"quotations"_s, u"accept"_s, Up42Emulator::TokyoQuotationId.toString() };
        const CliRun refused = cliOnTerminal(accept, "no\n");
        QCOMPARE(refused.exitCode, 5);
        QVERIFY2(refused.err.contains("12500 credits will be charged"), refused.err.constData());
        QCOMPARE(cli(accept).exitCode, 5);
        QVERIFY(calls("PATCH", path).isEmpty());

        const CliRun yes = cli(accept + QStringList { u"--yes"_s, u"--json"_s });
        QVERIFY2(yes.exitCode == 0, yes.err.constData());
        QCOMPARE(calls("PATCH", path).size(), 1);
        QCOMPARE(body(calls("PATCH", path).first()), QJsonObject({ { u"decision"_s, u"ACCEPTED"_s } }));
        QCOMPARE(QJsonDocument::fromJson(yes.out).object().value(u"decision"_s).toString(), u"ACCEPTED"_s);
        const CliRun again = cli(accept + QStringList { u"--yes"_s });
        QCOMPARE(again.exitCode, 3);
        QVERIFY2(again.err.contains("already decided: ACCEPTED"), again.err.constData());
        QCOMPARE(calls("PATCH", path).size(), 1);

        // Suva's order was canceled: UP42 refuses the decision, in its own words.
        const CliRun reject = cli({ u"quotations"_s, u"reject"_s, SuvaQuotation, u"--yes"_s });
        QCOMPARE(reject.exitCode, 3);
        QVERIFY2(reject.err.contains("the order is CANCELED"), reject.err.constData());
        QCOMPARE(body(calls("PATCH", u"/v2/tasking/quotation/"_s + SuvaQuotation).first()),
            QJsonObject({ { u"decision"_s, u"REJECTED"_s } }));
    }

    // tasking.get_feasibility / decide_feasibility: Cape Town's study listed with its two options;
    // choosing one asks first (nothing sent when refused), is sent once, then UP42 quotes.
    void studiesListAndChoose()
    {
        const QString study = Up42Emulator::CapeTownStudyId.toString();
        const CliRun list = cli({ u"studies"_s, u"list"_s, u"--decision"_s, u"not_decided"_s, u"--json"_s });
        QVERIFY2(list.exitCode == 0, list.err.constData());
        const QJsonArray open = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(field(open, u"id"_s), QStringList({ study }));
        QCOMPARE(
            calls("GET", u"/v2/tasking/feasibility-studies"_s).first().queryValue(u"decision"_s), u"NOT_DECIDED"_s);
        const QJsonArray options = open.first().toObject().value(u"options"_s).toArray();
        QCOMPARE(options.size(), 2);
        const QString second = options.at(1).toObject().value(u"id"_s).toString();

        // The table: a row per option of both studies (Vancouver's decided one marked).
        const CliRun table = cli({ u"studies"_s, u"list"_s });
        QVERIFY2(table.exitCode == 0, table.err.constData());
        const QList<QByteArray> lines = table.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.first().startsWith("STUDY"));
        QCOMPARE(std::count_if(lines.cbegin(), lines.cend(), [](const QByteArray &l) { return l.contains(" * "); }), 1);

        const QString path = u"/v2/tasking/feasibility-studies/"_s + study;
        const QStringList choose { u"studies"_s, u"choose"_s, study, u"2"_s };
        const CliRun refused = cliOnTerminal(choose, "no\n");
        QCOMPARE(refused.exitCode, 5);
        QVERIFY2(refused.err.contains("Option 2: Increase the maximum cloud cover to 30%"), refused.err.constData());
        QCOMPARE(cli(choose).exitCode, 5); // no terminal, no --yes: nothing is chosen
        const CliRun unknown = cli({ u"studies"_s, u"choose"_s, study, u"3"_s, u"--yes"_s });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("has no option 3"), unknown.err.constData());
        QVERIFY(calls("PATCH", path).isEmpty());

        const CliRun yes = cli(choose + QStringList { u"--yes"_s, u"--json"_s });
        QVERIFY2(yes.exitCode == 0, yes.err.constData());
        QCOMPARE(calls("PATCH", path).size(), 1);
        QCOMPARE(body(calls("PATCH", path).first()), QJsonObject({ { u"acceptedOptionId"_s, second } }));
        QCOMPARE(QJsonDocument::fromJson(yes.out).object().value(u"decision"_s).toString(), u"ACCEPTED"_s);
        const CliRun again = cli(choose + QStringList { u"--yes"_s });
        QCOMPARE(again.exitCode, 3);
        QVERIFY2(again.err.contains("already decided: ACCEPTED"), again.err.constData());
        QCOMPARE(calls("PATCH", path).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliUp42)
#include "tst_cliup42.moc"
