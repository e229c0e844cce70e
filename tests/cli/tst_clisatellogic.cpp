// stacscope-cli's Satellogic commands as a process against the emulator, with secrets from the
// environment (--provider satellogic) and every base URL overridden with --endpoint.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/clirun.h"
#include "tests/support/satellogicemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QString kFirst = u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s;
const QString kSecond = u"cont.022dc3f5-1ccd-48bc-98cd-6e0d668ed50e"_s;

QJsonObject pointTask(const QString &name)
{
    return QJsonObject { { u"task_name"_s, name }, { u"project_name"_s, u"Ports"_s }, { u"product"_s, 169 },
        { u"target"_s, QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 72.9, 19.0 } } } },
        { u"start"_s, u"2026-12-10T00:00:00Z"_s }, { u"end"_s, u"2026-12-20T00:00:00Z"_s } };
}

} // namespace

class TestCliSatellogic : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SatellogicEmulator> m_emulator;

    QStringList endpoints() const
    {
        return { u"--provider"_s, u"satellogic"_s, u"--endpoint"_s, u"auth="_s + m_emulator->authUrl().toString(),
            u"--endpoint"_s, u"accounts="_s + m_emulator->accountsUrl().toString(), u"--endpoint"_s,
            u"api="_s + m_emulator->apiUrl().toString() };
    }

    CliRun cli(const QStringList &args, const QString &contract = kFirst, const QString &secret = u"emulator-secret"_s)
    {
        QProcessEnvironment extra;
        extra.insert(u"SATELLOGIC_CLIENT_ID"_s, u"emulator-client"_s);
        extra.insert(u"SATELLOGIC_CLIENT_SECRET"_s, secret);
        if (!contract.isEmpty()) {
            extra.insert(u"SATELLOGIC_CONTRACT_ID"_s, contract);
        }
        extra.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        QProcessEnvironment env = cliEnvironment(extra);
        if (contract.isEmpty()) {
            env.remove(u"SATELLOGIC_CONTRACT_ID"_s);
        }
        return runCli(QStringLiteral(STACSCOPE_CLI_PATH), args, env, m_dir.path());
    }

    int postsTo(const QString &path) const
    {
        int n = 0;
        for (const ReceivedRequest &r : m_emulator->requests(SatellogicEmulator::Service::Api)) {
            n += r.method != "GET" && r.path == path ? 1 : 0;
        }
        return n;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<SatellogicEmulator>();
        QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
    }

    void cleanup() { m_emulator.reset(); }

    void contracts()
    {
        const CliRun run = cli(QStringList { u"contracts"_s } + endpoints(), {});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains(kFirst.toUtf8()));
        QVERIFY(run.out.contains("First contract"));
        QVERIFY(run.out.contains("no archive")); // the second contract
        QVERIFY(run.err.contains("contracts: 2"));
        const CliRun json = cli(QStringList { u"contracts"_s, u"--json"_s } + endpoints(), {});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(list.size(), 2);
        // The provider's own field names.
        QCOMPARE(list.at(0).toObject().value(u"contract_id"_s).toString(), kFirst);
        QVERIFY(list.at(1).toObject().value(u"archive_configuration"_s).isNull());
    }

    // Several contracts and none named: an error that lists them, nothing else sent.
    void severalContractsNeedAChoice()
    {
        const CliRun run = cli(QStringList { u"tasks"_s, u"list"_s } + endpoints(), {});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(kFirst.toUtf8()) && run.err.contains(kSecond.toUtf8()), run.err.constData());
        QVERIFY(run.err.contains("SATELLOGIC_CONTRACT_ID"));
        QVERIFY(m_emulator->requests(SatellogicEmulator::Service::Api).isEmpty());
    }

    void credentialsRefusedOrMissing()
    {
        const CliRun refused = cli(QStringList { u"tasks"_s, u"products"_s } + endpoints(), kFirst, u"wrong"_s);
        QCOMPARE(refused.exitCode, 4);
        QVERIFY2(refused.err.contains("refused"), refused.err.constData());
        QProcessEnvironment env = cliEnvironment();
        env.remove(u"SATELLOGIC_CLIENT_ID"_s);
        env.remove(u"SATELLOGIC_CLIENT_SECRET"_s);
        const CliRun missing
            = runCli(QStringLiteral(STACSCOPE_CLI_PATH), QStringList { u"tasks"_s, u"products"_s } + endpoints(), env);
        QCOMPARE(missing.exitCode, 4);
        QVERIFY(missing.err.contains("SATELLOGIC_CLIENT_ID and SATELLOGIC_CLIENT_SECRET"));
        const CliRun badEndpoint = cli({ u"tasks"_s, u"products"_s, u"--provider"_s, u"satellogic"_s, u"--endpoint"_s,
            u"nope=http://127.0.0.1:1"_s });
        QCOMPARE(badEndpoint.exitCode, 2);
        QVERIFY(badEndpoint.err.contains("auth, accounts, api"));
    }

    void productsAndTasks()
    {
        const CliRun products = cli(QStringList { u"tasks"_s, u"products"_s, u"--json"_s } + endpoints());
        QVERIFY2(products.exitCode == 0, products.err.constData());
        const QJsonArray list = QJsonDocument::fromJson(products.out).array();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).toObject().value(u"pk"_s).toInt(), 169);
        QCOMPARE(list.at(1).toObject().value(u"is_area"_s).toBool(), true);

        const qint64 id = m_emulator->addTask(pointTask(u"Harbour"_s), kFirst);
        m_emulator->addTask(pointTask(u"Airport"_s), kFirst);
        const CliRun filtered = cli(QStringList { u"tasks"_s, u"list"_s, u"--name"_s, u"Harbour"_s } + endpoints());
        QCOMPARE(filtered.exitCode, 0);
        QVERIFY(filtered.out.contains("Harbour"));
        QVERIFY(!filtered.out.contains("Airport"));
        QCOMPARE(
            m_emulator->requests(SatellogicEmulator::Service::Api).last().queryValue(u"task_name"_s), u"Harbour"_s);

        const CliRun show = cli(QStringList { u"tasks"_s, u"show"_s, QString::number(id), u"--json"_s } + endpoints());
        QCOMPARE(show.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(show.out).object().value(u"task_id"_s).toInteger(), id);

        m_emulator->advanceClock(200);
        const CliRun captures = cli(QStringList { u"tasks"_s, u"captures"_s, QString::number(id) } + endpoints());
        QCOMPARE(captures.exitCode, 0);
        QCOMPARE(captures.out.count("published"), 2);

        const CliRun missing = cli(QStringList { u"tasks"_s, u"show"_s, u"999999"_s } + endpoints());
        QCOMPARE(missing.exitCode, 3);
        QVERIFY(missing.err.contains("Not found."));
    }

    // Creating or cancelling without a terminal and without --yes sends nothing (exit 5).
    void confirmation()
    {
        const QStringList create = QStringList { u"tasks"_s, u"create"_s, u"--name"_s, u"Port of Mumbai"_s,
            u"--project"_s, u"Ports"_s, u"--product"_s, u"169"_s, u"--target"_s, u"72.905273,19.023001"_s, u"--start"_s,
            u"2026-12-23T00:00:00+03:00"_s, u"--end"_s, u"2027-01-12T00:00:00+03:00"_s }
            + endpoints();
        const CliRun refused = cli(create);
        QCOMPARE(refused.exitCode, 5);
        QVERIFY(refused.err.contains("POST"));
        QVERIFY(refused.err.contains("\"task_name\":\"Port of Mumbai\""));
        QVERIFY(refused.err.contains("nothing was sent"));
        QCOMPARE(postsTo(u"/tasking/tasks/"_s), 0);

        const CliRun created = cli(create + QStringList { u"--yes"_s, u"--json"_s });
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QCOMPARE(postsTo(u"/tasking/tasks/"_s), 1);
        const QJsonObject task = QJsonDocument::fromJson(created.out).object();
        QCOMPARE(task.value(u"status"_s).toString(), u"received"_s);
        QCOMPARE(task.value(u"start"_s).toString(), u"2026-12-22T21:00:00Z"_s);
        const ReceivedRequest post = m_emulator->requests(SatellogicEmulator::Service::Api).last();
        const QJsonObject body = QJsonDocument::fromJson(post.body).object();
        QCOMPARE(body.value(u"start"_s).toString(), u"2026-12-23T00:00:00+03:00"_s);
        QCOMPARE(body.value(u"target"_s).toObject().value(u"type"_s).toString(), u"Point"_s);
        const QString id = QString::number(task.value(u"task_id"_s).toInteger());

        const CliRun noCancel = cli(QStringList { u"tasks"_s, u"cancel"_s, id } + endpoints());
        QCOMPARE(noCancel.exitCode, 5);
        QCOMPARE(postsTo(u"/tasking/tasks/%1/cancel/"_s.arg(id)), 0);
        const CliRun cancel = cli(QStringList { u"tasks"_s, u"cancel"_s, id, u"--yes"_s } + endpoints());
        QVERIFY2(cancel.exitCode == 0, cancel.err.constData());
        QCOMPARE(postsTo(u"/tasking/tasks/%1/cancel/"_s.arg(id)), 1);
        QCOMPARE(m_emulator->task(id.toLongLong()).value(u"status"_s).toString(), u"canceled"_s);

        // A bad form value is a usage error before anything is sent.
        QStringList bad = create;
        bad[bad.indexOf(u"72.905273,19.023001"_s)] = u"200,19"_s;
        const CliRun badTarget = cli(bad + QStringList { u"--yes"_s });
        QCOMPARE(badTarget.exitCode, 2);
        QCOMPARE(postsTo(u"/tasking/tasks/"_s), 1);
    }

    // Seed 001 from the CLI: the task's published captures, their scenes, verified files.
    void downloadDelivery()
    {
        const qint64 id = m_emulator->addTask(pointTask(u"Delivery"_s), kFirst);
        m_emulator->advanceClock(200);
        const QString dir = m_dir.filePath(u"deliveries"_s);
        const CliRun run
            = cli(QStringList { u"tasks"_s, u"download"_s, QString::number(id), u"--dir"_s, dir } + endpoints());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QStringList scenes = m_emulator->sceneIds(id);
        QCOMPARE(scenes.size(), 4);
        int found = 0;
        QDirIterator it(dir, { u"*.zip"_s }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            bool matches = false;
            for (const QString &scene : scenes) {
                matches = matches || bytes == m_emulator->deliveryBytes(scene);
            }
            QVERIFY2(matches, qPrintable(path));
            QVERIFY(path.startsWith(dir + u'/' + QString::number(id) + u'/'));
            ++found;
        }
        QCOMPARE(found, 4);
        for (const ReceivedRequest &r : m_emulator->requests(SatellogicEmulator::Service::Files)) {
            QVERIFY(!r.hasHeader("authorizationToken"));
            QVERIFY(!r.hasHeader("X-Satellogic-Contract-Id"));
        }
    }

    // Seed 000 from the CLI: the archive searched with a CQL2-JSON filter on satl:outcome_id.
    void archiveSearch()
    {
        const QString filter = u"{\"op\":\"=\",\"args\":[{\"property\":\"satl:outcome_id\"},\"%1\"]}"_s.arg(
            SatellogicEmulator::SeedOutcomeId);
        const CliRun run
            = cli(QStringList { u"search"_s, u"--collections"_s, u"quickview-visual-thumb"_s, u"--filter"_s, filter }
                + endpoints());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray features = QJsonDocument::fromJson(run.out).object().value(u"features"_s).toArray();
        QCOMPARE(features.size(), 4);
        for (const QJsonValue &f : features) {
            QCOMPARE(f.toObject().value(u"properties"_s).toObject().value(u"satl:outcome_id"_s).toString(),
                SatellogicEmulator::SeedOutcomeId.toString());
        }
        // Its preview assets, downloaded with the account's credentials to the API host only.
        QFile items(m_dir.filePath(u"items.geojson"_s));
        QVERIFY(items.open(QIODevice::WriteOnly));
        items.write(run.out);
        items.close();
        const CliRun download = cli(QStringList { u"download"_s, u"--items"_s, items.fileName(), u"--include"_s,
                                        u"preview"_s, u"--dir"_s, m_dir.filePath(u"previews"_s) }
            + endpoints());
        QVERIFY2(download.exitCode == 0, download.err.constData());
        const QString firstId = features.first().toObject().value(u"id"_s).toString();
        QDirIterator it(m_dir.filePath(u"previews"_s), { u"*.png"_s }, QDir::Files, QDirIterator::Subdirectories);
        int pngs = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            ++pngs;
            if (path.contains(firstId)) {
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                QCOMPARE(f.readAll(), m_emulator->previewBytes(firstId));
            }
        }
        QCOMPARE(pngs, 4);
    }

    void helpForEveryCommand()
    {
        for (const QStringList &args :
            { QStringList { u"--help"_s }, QStringList { u"tasks"_s, u"create"_s, u"--help"_s },
                QStringList { u"accounts"_s, u"add"_s, u"-h"_s }, QStringList { u"contracts"_s, u"--help"_s },
                QStringList { u"search"_s, u"--help"_s }, QStringList { u"tasks"_s, u"download"_s, u"--help"_s } }) {
            const CliRun run = cli(args);
            QCOMPARE(run.exitCode, 0);
            // The whole usage, or the command's own lines (and a sub-command's options).
            const QByteArray own = args.first() == u"--help"_s ? QByteArray("stacscope-cli tasks create")
                                                               : "stacscope-cli " + args.first().toUtf8();
            QVERIFY2(run.out.contains(own), run.out.constData());
            if (args.size() == 3) {
                QVERIFY2(run.out.contains("Options:"), run.out.constData());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCliSatellogic)
#include "tst_clisatellogic.moc"
