// stacscope-cli search --save NAME and --saved NAME [--new-only] against the loopback STAC
// emulator, with the data folder in a temporary XDG_DATA_HOME: the search is stored in the app's
// database (read back here with the store), the emulator then serves other items, and the re-run
// outputs exactly the ids written out below. Unknown names and misplaced flags exit 2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "src/store/database.h"
#include "src/store/savedsearchstore.h"
#include "tests/support/clirun.h"
#include "tests/support/stacemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject item(const QString &id, const QString &collection, int day, double cloud)
{
    const double lon = 10 + day * 0.1;
    const QJsonArray ring { QJsonArray { lon, 45 }, QJsonArray { lon + 0.1, 45 }, QJsonArray { lon + 0.1, 45.1 },
        QJsonArray { lon, 45.1 }, QJsonArray { lon, 45 } };
    return QJsonObject {
        { u"type"_s, u"Feature"_s },
        { u"stac_version"_s, u"1.0.0"_s },
        { u"id"_s, id },
        { u"collection"_s, collection },
        { u"geometry"_s,
            QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, QJsonArray { QJsonValue(ring) } } } },
        { u"bbox"_s, QJsonArray { lon, 45, lon + 0.1, 45.1 } },
        { u"properties"_s,
            QJsonObject { { u"datetime"_s, QStringLiteral("2024-01-%1T10:00:00Z").arg(day, 2, 10, QLatin1Char('0')) },
                { u"eo:cloud_cover"_s, cloud } } },
        { u"links"_s, QJsonArray {} },
        { u"assets"_s, QJsonObject {} },
    };
}

QStringList featureIds(const QByteArray &out)
{
    QStringList ids;
    for (const QJsonValue &f : QJsonDocument::fromJson(out).object().value(u"features"_s).toArray()) {
        ids.append(f.toObject().value(u"id"_s).toString());
    }
    return ids;
}

} // namespace

class TestCliSavedSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_emulator.listen());
        QProcessEnvironment extra;
        extra.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        extra.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        m_env = cliEnvironment(extra);
    }

    void savedSearchMarksWhatIsNew()
    {
        // First week: a1 to a3 match (cloud cover under 50); a4 is too cloudy, o1 another collection.
        m_emulator.clear();
        for (const QJsonObject &i : { item(u"a1"_s, u"sat"_s, 1, 10), item(u"a2"_s, u"sat"_s, 2, 20),
                 item(u"a3"_s, u"sat"_s, 3, 30), item(u"a4"_s, u"sat"_s, 4, 90), item(u"o1"_s, u"other"_s, 5, 0) }) {
            QVERIFY(m_emulator.addItem(i));
        }
        const QString api = m_emulator.url().toString();
        CliRun run = runCli(QStringLiteral(STACSCOPE_CLI_PATH),
            { u"search"_s, u"--api"_s, api, u"--collections"_s, u"sat"_s, u"--filter"_s, u"eo:cloud_cover < 50"_s,
                u"--sortby"_s, u"+id"_s, u"--limit"_s, u"2"_s, u"--save"_s, u"Alps weekly"_s },
            m_env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(featureIds(run.out), (QStringList { u"a1"_s, u"a2"_s, u"a3"_s }));
        QVERIFY2(run.err.contains("saved: \"Alps weekly\" (3 results remembered)\n"), run.err.constData());

        // It is in the app's database, with what the first run returned.
        {
            Database db(m_dir.filePath(u"data/StacScope/StacScope/stacscope.sqlite"_s));
            QVERIFY2(db.open(), qPrintable(db.lastError()));
            SavedSearchStore store(db);
            const std::optional<SavedSearch> saved = store.find(u"Alps weekly"_s);
            QVERIFY(saved);
            QCOMPARE(saved->request.catalogs, QStringList { u"api:"_s + api });
            QCOMPARE(saved->request.parameters.collections, QStringList { u"sat"_s });
            QCOMPARE(saved->request.parameters.limit, 2);
            QCOMPARE(saved->request.parameters.filter.value(u"op"_s).toString(), u"<"_s);
            QCOMPARE(saved->seenCount, 3);
        }

        // A week later: a1 is gone, b1 and b2 arrived, b3 is too cloudy.
        m_emulator.clear();
        for (const QJsonObject &i :
            { item(u"a2"_s, u"sat"_s, 2, 20), item(u"a3"_s, u"sat"_s, 3, 30), item(u"b1"_s, u"sat"_s, 8, 5),
                item(u"b2"_s, u"sat"_s, 9, 45), item(u"b3"_s, u"sat"_s, 10, 80), item(u"o2"_s, u"other"_s, 11, 0) }) {
            QVERIFY(m_emulator.addItem(i));
        }
        m_emulator.clearRequests();
        run = runCli(QStringLiteral(STACSCOPE_CLI_PATH),
            { u"search"_s, u"--saved"_s, u"Alps weekly"_s, u"--new-only"_s }, m_env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(featureIds(run.out), (QStringList { u"b1"_s, u"b2"_s }));
        QVERIFY2(run.err.contains("new: 2\n"), run.err.constData());
        QVERIFY2(run.err.contains("returned: 4\n"), run.err.constData());
        // The saved filter, collections, sort and page size went to the server again.
        bool searched = false;
        for (const ReceivedRequest &r : m_emulator.requests()) {
            if (!r.path.endsWith(u"/search"_s) || r.method != "POST") {
                continue;
            }
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (body.contains(u"token"_s)) {
                continue; // a next page
            }
            searched = true;
            QCOMPARE(body.value(u"collections"_s).toArray(), (QJsonArray { u"sat"_s }));
            QCOMPARE(body.value(u"limit"_s).toInt(), 2);
            QCOMPARE(body.value(u"filter"_s).toObject().value(u"op"_s).toString(), u"<"_s);
            QCOMPARE(body.value(u"sortby"_s).toArray().at(0).toObject().value(u"field"_s).toString(), u"id"_s);
        }
        QVERIFY(searched);

        // Nothing new since that run; without --new-only every result is written.
        run = runCli(QStringLiteral(STACSCOPE_CLI_PATH),
            { u"search"_s, u"--saved"_s, u"Alps weekly"_s, u"--new-only"_s }, m_env);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(featureIds(run.out), QStringList {});
        QVERIFY(run.err.contains("new: 0\n"));
        QVERIFY(m_emulator.addItem(item(u"b4"_s, u"sat"_s, 12, 1)));
        run = runCli(QStringLiteral(STACSCOPE_CLI_PATH), { u"search"_s, u"--saved"_s, u"Alps weekly"_s }, m_env);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(featureIds(run.out), (QStringList { u"a2"_s, u"a3"_s, u"b1"_s, u"b2"_s, u"b4"_s }));
        QVERIFY(run.err.contains("new: 1\n"));

        // Each run is in the history, newest first.
        Database db(m_dir.filePath(u"data/StacScope/StacScope/stacscope.sqlite"_s));
        QVERIFY(db.open());
        SavedSearchStore store(db);
        const QList<HistoryEntry> history = store.history();
        QCOMPARE(history.size(), 4);
        QCOMPARE(history[0].returned, 5);
        QCOMPARE(history[0].savedName, u"Alps weekly"_s);
        QCOMPARE(history[3].returned, 3);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown name") << QStringList { u"search"_s, u"--saved"_s, u"Nope"_s }
                                      << QByteArray("no saved search is called \"Nope\"; the saved searches are: "
                                                    "Alps weekly");
        QTest::newRow("new-only alone") << QStringList { u"search"_s, u"--catalog"_s, u"demo"_s, u"--new-only"_s }
                                        << QByteArray("--new-only goes with --saved NAME");
        QTest::newRow("saved with a bbox") << QStringList { u"search"_s, u"--saved"_s, u"Alps weekly"_s, u"--bbox"_s,
            u"0,0,1,1"_s } << QByteArray("--bbox does not go with it");
        QTest::newRow("save an account's search")
            << QStringList { u"search"_s, u"--provider"_s, u"capella"_s, u"--save"_s, u"X"_s }
            << QByteArray("--save saves searches of a STAC API (--api) or a static catalog (--catalog)");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const CliRun run = runCli(QStringLiteral(STACSCOPE_CLI_PATH), args, m_env);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(message), run.err.constData());
    }

    void demoCatalogSavedAndRerun()
    {
        // A static catalog: the app's demo, searched locally; the second run finds nothing new.
        CliRun run = runCli(QStringLiteral(STACSCOPE_CLI_PATH),
            { u"search"_s, u"--catalog"_s, u"demo"_s, u"--max-items"_s, u"7"_s, u"--save"_s, u"Demo seven"_s }, m_env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QStringList first = featureIds(run.out);
        QCOMPARE(first.size(), 7);
        run = runCli(QStringLiteral(STACSCOPE_CLI_PATH), { u"search"_s, u"--saved"_s, u"Demo seven"_s }, m_env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(featureIds(run.out), first);
        QVERIFY(run.err.contains("saved search \"Demo seven\": :/demo/catalog.json\n"));
        QVERIFY(run.err.contains("new: 0\n"));
    }

private:
    QTemporaryDir m_dir;
    StacEmulator m_emulator;
    QProcessEnvironment m_env;
};

QTEST_GUILESS_MAIN(TestCliSavedSearch)
#include "tst_clisavedsearch.moc"
