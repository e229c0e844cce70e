// stacscope-cli's Capella commands as a process against the emulator (--provider capella with
// CAPELLA_API_KEY from the environment, --endpoint api=...), checking what the emulator received.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/capellaemulator.h"
#include "tests/support/clirun.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject fixture(const char *name)
{
    QFile file(QStringLiteral(STACSCOPE_TEST_FIXTURES "/capella/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", name);
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject body(const ReceivedRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

} // namespace

class TestCliCapella : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CapellaEmulator> m_emulator;

    QStringList provider() const
    {
        return { u"--provider"_s, u"capella"_s, u"--endpoint"_s, u"api="_s + m_emulator->apiUrl().toString() };
    }

    CliRun cli(const QStringList &args, const QString &key = CapellaEmulator::DefaultApiKey.toString(),
        const QString &contract = {})
    {
        QProcessEnvironment extra;
        extra.insert(u"CAPELLA_API_KEY"_s, key);
        if (!contract.isEmpty()) {
            extra.insert(u"CAPELLA_CONTRACT_ID"_s, contract);
        }
        extra.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        return runCli(QStringLiteral(STACSCOPE_CLI_PATH), args + provider(), cliEnvironment(extra), m_dir.path());
    }

    QList<ReceivedRequest> calls(const QByteArray &method, const QString &pathStart) const
    {
        QList<ReceivedRequest> out;
        for (const ReceivedRequest &r : m_emulator->requests(CapellaEmulator::Service::Api)) {
            if (r.method == method && r.path.startsWith(pathStart)) {
                out.append(r);
            }
        }
        return out;
    }

    // Ids of the first `n` items for sale (they cost money, so an order is a real decision).
    QStringList forSale(int n) const
    {
        QStringList ids;
        for (const QJsonObject &item : m_emulator->items()) {
            const QString id = item.value(u"id"_s).toString();
            if (m_emulator->itemOwnership(id) == u"availableForPurchase"_s && ids.size() < n) {
                ids.append(id);
            }
        }
        return ids;
    }

    QString createTask(const QStringList &extra)
    {
        const CliRun run = cli(QStringList { u"tasks"_s, u"create"_s, u"--name"_s, u"t"_s, u"--target"_s,
                                   u"11.14,49.59"_s, u"--yes"_s, u"--json"_s }
            + extra);
        if (run.exitCode != 0) {
            qWarning("%s", run.err.constData());
            return {};
        }
        return QJsonDocument::fromJson(run.out)
            .object()
            .value(u"properties"_s)
            .toObject()
            .value(u"taskingrequestId"_s)
            .toString();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<CapellaEmulator>();
        QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
    }

    void cleanup() { m_emulator.reset(); }

    void refusedKey()
    {
        const CliRun run = cli({ u"orders"_s, u"list"_s }, u"wrong-key"_s);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("API key"), run.err.constData());
    }

    // Pages of 25 re-POSTed to our own search URL (the emulator's next links name another host),
    // duplicates dropped, and --group-by.
    void searchPagesAndGroups()
    {
        m_emulator->setDuplicateAcrossPages(true);
        const QString out = m_dir.filePath(u"results.geojson"_s);
        const CliRun run = cli({ u"search"_s, u"--limit"_s, u"25"_s, u"--filter"_s,
            u"instrument_mode IN ('spotlight','stripmap','sliding_spotlight')"_s, u"--out"_s, out, u"--group-by"_s,
            u"collect_id"_s, u"--json"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<ReceivedRequest> pages = calls("POST", u"/catalog/search"_s);
        QVERIFY(pages.size() >= 3);
        QVERIFY(!pages[0].hasQueryItem(u"page"_s));
        QCOMPARE(body(pages[0]).value(u"query"_s).toObject(),
            QJsonDocument::fromJson(
                "{\"sar:instrument_mode\":{\"in\":[\"spotlight\",\"stripmap\",\"sliding_spotlight\"]}}")
                .object());
        QCOMPARE(pages[1].queryValue(u"page"_s), u"2"_s);
        QCOMPARE(body(pages[1]).value(u"page"_s).toInt(), 2);
        QCOMPARE(body(pages[1]).value(u"query"_s), body(pages[0]).value(u"query"_s));

        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray features = QJsonDocument::fromJson(file.readAll()).object().value(u"features"_s).toArray();
        QSet<QString> ids;
        for (const QJsonValue &f : features) {
            ids.insert(f.toObject().value(u"id"_s).toString());
        }
        QCOMPARE(features.size(), 60);
        QCOMPARE(ids.size(), 60);

        // The groups, against the emulator's own items.
        QHash<QString, QStringList> expected;
        for (const QJsonObject &item : m_emulator->items()) {
            expected[item.value(u"properties"_s).toObject().value(u"capella:collect_id"_s).toString()].append(
                item.value(u"id"_s).toString());
        }
        const QJsonObject groups = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(groups.size(), expected.size());
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            QStringList got;
            for (const QJsonValue &v : groups.value(it.key()).toArray()) {
                got.append(v.toString());
            }
            got.sort();
            it->sort();
            QCOMPARE(got, *it);
        }
    }

    void reviewShowsInsufficientFunds()
    {
        m_emulator->setInsufficientFunds(true);
        const CliRun run = cli({ u"orders"_s, u"submit"_s, u"--ids"_s, forSale(2).join(u','), u"--yes"_s });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("AUTHORIZATION_INSUFFICIENT_FUNDS"), run.err.constData());
        QCOMPARE(calls("POST", u"/orders/review"_s).size(), 1);
        QCOMPARE(m_emulator->orderSubmissions(), 0);
    }

    // Not confirmed: the review went out, the order did not. Confirmed: one order, and a second
    // submit with --reuse-active finds it instead of ordering again.
    void submitConfirmedOnceAndReused()
    {
        const QStringList ids = forSale(2);
        const CliRun unconfirmed = cli({ u"orders"_s, u"submit"_s, u"--ids"_s, ids.join(u',') });
        QCOMPARE(unconfirmed.exitCode, 5);
        QVERIFY(unconfirmed.err.contains("$"));
        QCOMPARE(m_emulator->orderSubmissions(), 0);

        const CliRun review = cli({ u"orders"_s, u"review"_s, u"--ids"_s, ids.join(u','), u"--json"_s });
        QCOMPARE(review.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(review.out).object().value(u"authorized"_s).toBool());

        const CliRun submit = cli({ u"orders"_s, u"submit"_s, u"--ids"_s, ids.join(u','), u"--yes"_s, u"--json"_s });
        QVERIFY2(submit.exitCode == 0, submit.err.constData());
        const QString orderId = QJsonDocument::fromJson(submit.out).object().value(u"orderId"_s).toString();
        QVERIFY(!orderId.isEmpty());
        QCOMPARE(m_emulator->orderSubmissions(), 1);
        const QJsonObject sent = body(calls("POST", u"/orders"_s).last());
        QCOMPARE(sent.value(u"items"_s).toArray().size(), 2);
        QCOMPARE(sent.value(u"items"_s).toArray()[0].toObject().value(u"granuleId"_s).toString(), ids[0]);

        const CliRun reuse = cli({ u"orders"_s, u"submit"_s, u"--ids"_s, ids.join(u','), u"--reuse-active"_s });
        QVERIFY2(reuse.exitCode == 0, reuse.err.constData());
        QCOMPARE(reuse.out.trimmed(), orderId.toUtf8());
        QCOMPARE(m_emulator->orderSubmissions(), 1);

        const CliRun list = cli({ u"orders"_s, u"list"_s, u"--active"_s });
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains(orderId.toUtf8()));
        QCOMPARE(calls("GET", u"/orders"_s).last().queryValue(u"customerId"_s), CapellaEmulator::UserId.toString());
    }

    // An order is active until its expirationDate; then it is listed, but not as active, and
    // not reused.
    void expiredOrders()
    {
        m_emulator->setOrderLifetime(1);
        const QStringList ids = forSale(1);
        const CliRun submit = cli({ u"orders"_s, u"submit"_s, u"--ids"_s, ids.join(u','), u"--yes"_s });
        QVERIFY2(submit.exitCode == 0, submit.err.constData());
        const QByteArray orderId = submit.out.trimmed();
        QTest::qWait(1500);
        QVERIFY(!cli({ u"orders"_s, u"list"_s, u"--active"_s }).out.contains(orderId));
        QVERIFY(cli({ u"orders"_s, u"list"_s }).out.contains(orderId));
        const CliRun again = cli({ u"orders"_s, u"submit"_s, u"--ids"_s, ids.join(u','), u"--reuse-active"_s });
        QCOMPARE(again.exitCode, 5); // no active order: a new one would be needed, and is not confirmed
        QVERIFY(again.err.contains("no active order"));
        QCOMPARE(m_emulator->orderSubmissions(), 1);
    }

    void rejectedOrder()
    {
        m_emulator->setRejectOrders(true);
        const CliRun run = cli({ u"orders"_s, u"submit"_s, u"--ids"_s, forSale(1).join(u','), u"--yes"_s });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("rejected"), run.err.constData());
        QCOMPARE(m_emulator->orderSubmissions(), 1); // sent once, never again
    }

    // Only GEO products, everything but the raster; files with the emulator's bytes, no API key on
    // the file host; a second run leaves the complete files alone.
    void downloadWithFilters()
    {
        const QStringList ids = forSale(4);
        const CliRun submit = cli({ u"orders"_s, u"submit"_s, u"--ids"_s, ids.join(u','), u"--yes"_s });
        QVERIFY2(submit.exitCode == 0, submit.err.constData());
        const QString orderId = QString::fromUtf8(submit.out.trimmed());
        const QString dir = m_dir.filePath(u"dl"_s);
        const CliRun run = cli({ u"orders"_s, u"download"_s, orderId, u"--dir"_s, dir, u"--product-types"_s, u"GEO"_s,
            u"--exclude"_s, u"raster"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QStringList expected;
        for (const QString &id : ids) {
            const QJsonObject p = m_emulator->item(id).value(u"properties"_s).toObject();
            if (p.value(u"sar:product_type"_s).toString() != u"GEO"_s) {
                continue;
            }
            expected << id + u'/' + id + u"_thumb.png"_s << id + u'/' + id + u"_extended.json"_s;
            QFile thumb(dir + u'/' + id + u'/' + id + u"_thumb.png"_s);
            QVERIFY(thumb.open(QIODevice::ReadOnly));
            QCOMPARE(thumb.readAll(), m_emulator->assetBytes(id, u"thumbnail"_s));
            QFile meta(dir + u'/' + id + u'/' + id + u"_extended.json"_s);
            QVERIFY(meta.open(QIODevice::ReadOnly));
            QCOMPARE(meta.readAll(), m_emulator->assetBytes(id, u"metadata"_s));
        }
        QVERIFY(!expected.isEmpty());
        QStringList files;
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            files.append(QDir(dir).relativeFilePath(it.next()));
        }
        files.sort();
        expected.sort();
        QCOMPARE(files, expected);
        QCOMPARE(m_emulator->fileRequestsWithAuthorization(), 0);
        const CliRun again = cli({ u"orders"_s, u"download"_s, orderId, u"--dir"_s, dir, u"--product-types"_s, u"GEO"_s,
            u"--exclude"_s, u"raster"_s });
        QVERIFY2(again.exitCode == 0, again.err.constData());
    }

    void createWithEveryConstraint()
    {
        m_emulator->setContractIds({ u"contract-7"_s });
        const CliRun run = cli(
            { u"tasks"_s, u"create"_s, u"--name"_s, u"highly customizable #127"_s, u"--description"_s,
                u"too many knobs"_s, u"--target"_s, u"11.148216220469152,49.59672249842626"_s, u"--start"_s,
                u"2027-05-01T00:00:00Z"_s, u"--end"_s, u"2027-05-08T00:00:00Z"_s, u"--param"_s,
                u"collection_tier=urgent"_s, u"--param"_s, u"collection_type=spotlight_ultra"_s, u"--param"_s,
                u"local_time=day"_s, u"--param"_s, u"off_nadir_min=5"_s, u"--param"_s, u"off_nadir_max=50"_s,
                u"--param"_s, u"orbital_planes=45,53"_s, u"--param"_s, u"asc_dsc=ascending"_s, u"--param"_s,
                u"look_direction=right"_s, u"--param"_s, u"polarization=HH"_s, u"--param"_s,
                u"archive_holdback=30 day"_s, u"--param"_s, u"custom_attribute_1=correlation #1"_s, u"--param"_s,
                u"custom_attribute_2=correlation #2"_s, u"--param"_s, u"pre_approval=true"_s, u"--param"_s,
                u"azimuth_angle_min=340"_s, u"--param"_s, u"azimuth_angle_max=20"_s, u"--param"_s, u"squint=enabled"_s,
                u"--param"_s, u"max_squint_angle=25"_s, u"--product-types"_s, u"SICD"_s, u"--yes"_s },
            CapellaEmulator::DefaultApiKey.toString(), u"contract-7"_s);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<ReceivedRequest> posts = calls("POST", u"/task"_s);
        QCOMPARE(posts.size(), 1);
        QCOMPARE(body(posts[0]), fixture("tasking_body_full.json"));
        QVERIFY(run.out.contains("highly customizable #127"));
    }

    void badParameterSendsNothing()
    {
        const CliRun run = cli({ u"tasks"_s, u"create"_s, u"--name"_s, u"n"_s, u"--target"_s, u"1,2"_s, u"--param"_s,
            u"look_direction=up"_s, u"--yes"_s });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(
            run.err.contains("--param look_direction: \"up\" is not one of left, right, either"), run.err.constData());
        const CliRun unconfirmed = cli({ u"tasks"_s, u"create"_s, u"--name"_s, u"n"_s, u"--target"_s, u"1,2"_s });
        QCOMPARE(unconfirmed.exitCode, 5);
        QVERIFY(unconfirmed.err.contains("approve"));
        QVERIFY(calls("POST", u"/task"_s).isEmpty());
    }

    // One update and one cancellation for several requests, each with its own result.
    void bulkUpdateAndCancel()
    {
        const QString a = createTask({});
        const QString b = createTask({});
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        const CliRun update = cli({ u"tasks"_s, u"update"_s, a, b, u"00000000-0000-0000-0000-000000000000"_s,
            u"--param"_s, u"custom_attribute_1=campaign-2026"_s, u"--json"_s });
        QCOMPARE(update.exitCode, 3);
        const QJsonObject results = QJsonDocument::fromJson(update.out).object();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results.value(a).toObject().value(u"properties"_s).toObject().value(u"customAttribute1"_s).toString(),
            u"campaign-2026"_s);
        QVERIFY(!results.value(u"00000000-0000-0000-0000-000000000000"_s).toObject().value(u"success"_s).toBool(true));
        QCOMPARE(calls("PATCH", u"/task/"_s).size(), 3);
        QCOMPARE(body(calls("PATCH", u"/task/"_s).first()),
            QJsonDocument::fromJson("{\"properties\":{\"customAttribute1\":\"campaign-2026\"}}").object());

        QCOMPARE(cli({ u"tasks"_s, u"cancel"_s, b, u"--yes"_s }).exitCode, 0);
        const CliRun cancel = cli({ u"tasks"_s, u"cancel"_s, a, b, u"--yes"_s, u"--json"_s });
        QCOMPARE(cancel.exitCode, 3);
        const QJsonObject byId = QJsonDocument::fromJson(cancel.out).object();
        QVERIFY(byId.value(a).toObject().value(u"success"_s).toBool());
        QCOMPARE(byId.value(b).toObject().value(u"error"_s).toObject().value(u"code"_s).toString(),
            u"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"_s);
        const CliRun show = cli({ u"tasks"_s, u"show"_s, a });
        QVERIFY(show.out.contains("canceled"));
    }

    void listAcrossPages()
    {
        const QJsonObject seed = fixture("task_1.json");
        for (int i = 0; i < 520; ++i) {
            QJsonObject f = seed;
            QJsonObject p = f.value(u"properties"_s).toObject();
            p.remove(u"taskingrequestId"_s);
            p.insert(u"userId"_s, CapellaEmulator::UserId.toString());
            f.insert(u"properties"_s, p);
            m_emulator->addTaskingRequest(f);
        }
        const CliRun run = cli({ u"tasks"_s, u"list"_s, u"--status"_s, u"completed"_s, u"--json"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QJsonDocument::fromJson(run.out).array().size(), 520);
        const QList<ReceivedRequest> pages = calls("POST", u"/tasks/search"_s);
        QCOMPARE(pages.size(), 3);
        QStringList numbers;
        for (const ReceivedRequest &r : pages) {
            numbers.append(r.queryValue(u"page"_s));
            QCOMPARE(r.queryValue(u"limit"_s), u"250"_s);
            QCOMPARE(body(r),
                QJsonDocument::fromJson(QStringLiteral("{\"query\":{\"includeRepeatingTasks\":{\"eq\":false},"
                                                       "\"userId\":\"%1\",\"lastStatusCode\":{\"eq\":\"completed\"}}}")
                                            .arg(CapellaEmulator::UserId.toString())
                                            .toUtf8())
                    .object());
        }
        numbers.sort();
        QCOMPARE(numbers, QStringList({ u"1"_s, u"2"_s, u"3"_s }));
    }

    void repeatCadencesAndInsar()
    {
        const QStringList base = { u"repeats"_s, u"create"_s, u"--name"_s, u"daily repeat"_s, u"--target"_s,
            u"11.148216220469152,49.59672249842626"_s, u"--yes"_s };
        QCOMPARE(cli(base).exitCode, 0);
        QCOMPARE(cli(base
                     + QStringList { u"--repeat-start"_s, u"2027-01-01T00:00:00Z"_s, u"--repeat-end"_s,
                         u"2027-01-28T00:00:00Z"_s, u"--repetition-interval"_s, u"1"_s })
                     .exitCode,
            0);
        QCOMPARE(cli(base
                     + QStringList { u"--repeat-start"_s, u"2027-01-01"_s, u"--repetition-count"_s, u"5"_s,
                         u"--repetition-interval"_s, u"7"_s })
                     .exitCode,
            0);
        QCOMPARE(cli({ u"repeats"_s, u"create"_s, u"--name"_s, u"stripmap_100 insar repeat request"_s, u"--target"_s,
                         u"11.148216220469152,49.59672249842626"_s, u"--param"_s, u"collection_tier=insar"_s,
                         u"--param"_s, u"collection_type=stripmap_100"_s, u"--product-types"_s, u"SLC,GEO"_s,
                         u"--param"_s, u"squint=disabled"_s, u"--repeat-start"_s, u"2027-05-01"_s, u"--repeat-end"_s,
                         u"2027-12-01"_s, u"--insar-orbit"_s, u"MIO_53_2P95"_s, u"--yes"_s })
                     .exitCode,
            0);
        const QList<ReceivedRequest> posts = calls("POST", u"/repeat-requests"_s);
        QCOMPARE(posts.size(), 4);
        auto repetition = [&](int i) {
            return body(posts[i]).value(u"properties"_s).toObject().value(u"repetitionProperties"_s).toObject();
        };
        QVERIFY(!repetition(0).contains(u"repeatEnd"_s) && !repetition(0).contains(u"repetitionCount"_s));
        QCOMPARE(repetition(0).value(u"repetitionInterval"_s).toInt(), 7);
        QCOMPARE(repetition(1),
            QJsonDocument::fromJson("{\"repeatStart\":\"2027-01-01T00:00:00.000Z\",\"repeatEnd\":"
                                    "\"2027-01-28T00:00:00.000Z\",\"repetitionInterval\":1}")
                .object());
        QCOMPARE(repetition(2),
            QJsonDocument::fromJson(
                "{\"repeatStart\":\"2027-01-01T00:00:00.000Z\",\"repetitionCount\":5,\"repetitionInterval\":7}")
                .object());
        QCOMPARE(body(posts[3]), fixture("repeat_body_insar.json"));
        // End and count together: refused before anything is sent.
        const CliRun both
            = cli(base + QStringList { u"--repeat-end"_s, u"2027-02-01"_s, u"--repetition-count"_s, u"3"_s });
        QCOMPARE(both.exitCode, 2);
        QCOMPARE(calls("POST", u"/repeat-requests"_s).size(), 4);
        const CliRun list = cli({ u"repeats"_s, u"list"_s, u"--json"_s });
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 4);
        QVERIFY(body(calls("POST", u"/repeat-requests/search"_s).last()).contains(u"filter"_s));
    }

    // A pre-approved request runs its course on the emulator clock; its products are then
    // ordered (after the price is shown) and downloaded, as download_products(tasking_request_id=).
    void taskingRequestDownload()
    {
        const QString id = createTask({ u"--param"_s, u"pre_approval=true"_s });
        QVERIFY(!id.isEmpty());
        m_emulator->advanceClock(60 + 600 + 5);
        const CliRun show = cli({ u"tasks"_s, u"show"_s, id });
        QVERIFY2(show.out.contains("completed"), show.out.constData());
        const QString dir = m_dir.filePath(u"tr"_s);
        const CliRun run = cli({ u"tasks"_s, u"download"_s, id, u"--dir"_s, dir, u"--product-types"_s, u"GEO"_s,
            u"--include"_s, u"thumbnail"_s, u"--yes"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(calls("GET", u"/collects/list/"_s + id).size(), 1);
        QStringList files;
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            files.append(it.next());
        }
        QVERIFY(!files.isEmpty());
        for (const QString &f : files) {
            QVERIFY2(f.endsWith(u"_thumb.png"_s) && f.contains(u"_GEO_"_s), qPrintable(f));
        }
        // The collect's products by collect id, from the order the first download placed.
        const QString collect = m_emulator->collects(id).first().toObject().value(u"collectId"_s).toString();
        const int submissions = m_emulator->orderSubmissions();
        const CliRun byCollect = cli({ u"collects"_s, u"download"_s, collect, u"--dir"_s, m_dir.filePath(u"c"_s),
            u"--product-types"_s, u"GEO"_s, u"--include"_s, u"thumbnail"_s });
        QVERIFY2(byCollect.exitCode == 0, byCollect.err.constData());
        QCOMPARE(m_emulator->orderSubmissions(), submissions);
    }
};

QTEST_GUILESS_MAIN(TestCliCapella)
#include "tst_clicapella.moc"
