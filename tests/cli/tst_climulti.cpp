// stacscope-cli search with --api and --catalog repeated: two STAC emulators, a static catalog on
// disk and an API on a dead port searched at once into one output, each item naming its catalog;
// a line per catalog on stderr; exit 3 only when every catalog failed. The expected ids and counts
// are those of the items written out below.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/clirun.h"
#include "tests/support/stacemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

using Run = CliRun;

// The emulators live in this process: the shared runner keeps our event loop serving meanwhile.
Run runCli(const QStringList &args)
{
    return StacScope::runCli(QStringLiteral(STACSCOPE_CLI_PATH), args, cliEnvironment(), {}, {}, 60000);
}

QJsonObject item(const QString &id, double lon, double lat)
{
    const double h = 0.1;
    const QJsonArray ring { QJsonArray { lon - h, lat - h }, QJsonArray { lon + h, lat - h },
        QJsonArray { lon + h, lat + h }, QJsonArray { lon - h, lat + h }, QJsonArray { lon - h, lat - h } };
    return { { u"type"_s, u"Feature"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, id },
        { u"collection"_s, u"test"_s },
        { u"geometry"_s,
            QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, QJsonArray { QJsonValue(ring) } } } },
        { u"bbox"_s, QJsonArray { lon - h, lat - h, lon + h, lat + h } },
        { u"properties"_s, QJsonObject { { u"datetime"_s, u"2026-05-01T10:00:00Z"_s } } },
        { u"links"_s, QJsonArray {} }, { u"assets"_s, QJsonObject {} } };
}

bool writeJson(const QString &path, const QJsonObject &json)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(json).toJson()) > 0;
}

// id -> stacscope:catalog of a FeatureCollection's features.
QMap<QString, QString> catalogsOf(const QJsonArray &features)
{
    QMap<QString, QString> out;
    for (const QJsonValue &f : features) {
        out.insert(f[u"id"_s].toString(), f[u"properties"_s][u"stacscope:catalog"_s].toString());
    }
    return out;
}

} // namespace

class TestCliMulti : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StacEmulator m_alpha;
    StacEmulator m_bravo;
    QString m_alphaUrl;
    QString m_bravoUrl;
    QString m_static;
    QString m_deadUrl;

    QMap<QString, QString> expected() const
    {
        return { { u"a1"_s, m_alphaUrl }, { u"a2"_s, m_alphaUrl }, { u"a3"_s, m_alphaUrl }, { u"b1"_s, m_bravoUrl },
            { u"s1"_s, m_static }, { u"s2"_s, m_static } };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QJsonObject &i : { item(u"a1"_s, 10, 45), item(u"a2"_s, 11, 45), item(u"a3"_s, 12, 45) }) {
            QVERIFY(m_alpha.addItem(i));
        }
        QVERIFY(m_bravo.addItem(item(u"b1"_s, 20, 10)));
        m_alpha.setDefaultLimit(2); // several pages
        QVERIFY(m_alpha.listen());
        QVERIFY(m_bravo.listen());
        m_alphaUrl = m_alpha.url().toString();
        m_bravoUrl = m_bravo.url().toString();

        const QString folder = m_dir.filePath(u"static"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(writeJson(folder + u"/s1.json"_s, item(u"s1"_s, 30, 0)));
        QVERIFY(writeJson(folder + u"/s2.json"_s, item(u"s2"_s, 31, 0)));
        QVERIFY(writeJson(folder + u"/catalog.json"_s,
            QJsonObject { { u"type"_s, u"Catalog"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, u"local"_s },
                { u"description"_s, u"two items"_s },
                { u"links"_s,
                    QJsonArray { QJsonObject { { u"rel"_s, u"item"_s }, { u"href"_s, u"./s1.json"_s } },
                        QJsonObject { { u"rel"_s, u"item"_s }, { u"href"_s, u"./s2.json"_s } } } } }));
        m_static = folder + u"/catalog.json"_s;

        QTcpServer probe; // a port that was free a moment ago: nobody answers there
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        m_deadUrl = u"http://127.0.0.1:%1/"_s.arg(probe.serverPort());
        probe.close();
    }

    void fourCatalogsOneDead()
    {
        const Run run = runCli({ u"search"_s, u"--api"_s, m_alphaUrl, u"--catalog"_s, m_static, u"--api"_s, m_deadUrl,
            u"--api"_s, m_bravoUrl });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject fc = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(fc[u"type"_s].toString(), u"FeatureCollection"_s);
        QCOMPARE(fc[u"features"_s].toArray().size(), 6);
        QCOMPARE(catalogsOf(fc[u"features"_s].toArray()), expected());
        const QString err = QString::fromUtf8(run.err);
        // One line each, in the order given; the dead one a warning.
        const QString expectedErr = u"matched: 3 (%1)\nreturned: 3 (%1)\nmatched: 2 (%2)\nreturned: 2 (%2)\n"
                                    "matched: 1 (%3)\nreturned: 1 (%3)\nwarning: %4 failed: "_s.arg(
                                        m_alphaUrl, m_static, m_bravoUrl, m_deadUrl);
        QVERIFY2(err.startsWith(expectedErr), qPrintable(err));
        QVERIFY2(err.endsWith(u"\nreturned: 6 in all\n"_s), qPrintable(err));
        QCOMPARE(err.count(u"warning: "_s), 1);
    }

    void outFileKeepsTheCatalog()
    {
        const QString ndjson = m_dir.filePath(u"all.ndjson"_s);
        Run run = runCli({ u"search"_s, u"--api"_s, m_alphaUrl, u"--catalog"_s, m_static, u"--api"_s, m_bravoUrl,
            u"--out"_s, ndjson });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
        QFile file(ndjson);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonArray features;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (!line.isEmpty()) {
                features.append(QJsonDocument::fromJson(line).object());
            }
        }
        QCOMPARE(catalogsOf(features), expected());

        const QString csv = m_dir.filePath(u"all.csv"_s);
        run = runCli({ u"search"_s, u"--api"_s, m_alphaUrl, u"--api"_s, m_bravoUrl, u"--out"_s, csv });
        QCOMPARE(run.exitCode, 0);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 4);
        QVERIFY2(lines.first().contains("stacscope:catalog"), lines.first().constData());
        int fromBravo = 0;
        for (const QByteArray &line : lines) {
            fromBravo += line.contains(m_bravoUrl.toUtf8()) ? 1 : 0;
        }
        QCOMPARE(fromBravo, 1);
    }

    void everyCatalogFailing()
    {
        const QString missing = m_dir.filePath(u"nowhere/catalog.json"_s);
        const Run run = runCli({ u"search"_s, u"--api"_s, m_deadUrl, u"--catalog"_s, missing });
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.out.isEmpty());
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(u"error: %1 failed: "_s.arg(m_deadUrl)), qPrintable(err));
        QVERIFY2(err.contains(u"\nerror: %1 failed: "_s.arg(missing)), qPrintable(err));
        QVERIFY(!err.contains(u"returned:"_s));
    }

    void usageWithSeveral()
    {
        m_alpha.clearRequests();
        const Run run = runCli(
            { u"search"_s, u"--api"_s, m_alphaUrl, u"--api"_s, m_bravoUrl, u"--header"_s, u"X-Key: secret"_s });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--header does not go with several catalogs"), run.err.constData());
        QVERIFY(m_alpha.requests().isEmpty()); // nothing sent, to any of them
    }
};

QTEST_MAIN(TestCliMulti)
#include "tst_climulti.moc"
