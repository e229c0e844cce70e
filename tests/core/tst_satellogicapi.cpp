// Satellogic request builders and response parsers against the documents' own JSON (seeds 000-002
// and ../shared/providers/satellogic.md). Expected values are written out from the documents.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

#include "src/providers/satellogic/satellogicapi.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError) {
        qFatal("bad fixture: %s", qPrintable(error.errorString()));
    }
    return doc.object();
}

// Seed 002, "List available contracts" (commas restored).

// Seed 002, step 3's response.

// Seed 002, step 6 (one scene, attachments abridged to two).

// The documents' JSON, copied into tests/fixtures/satellogic/ (seed 002, commas restored).
QJsonObject fixture(const char *name)
{
    QFile file(QStringLiteral(STACSCOPE_TEST_FIXTURES "/satellogic/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", name);
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestSatellogicApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostsAndPaths()
    {
        const QUrl api(u"https://api.satellogic.com"_s);
        QCOMPARE(SatellogicApi::tokenUrl(QUrl(u"https://auth.platform.satellogic.com"_s)),
            QUrl(u"https://auth.platform.satellogic.com/oauth/token"_s));
        QCOMPARE(SatellogicApi::contractsUrl(QUrl(u"https://api.platform.satellogic.com"_s)),
            QUrl(u"https://api.platform.satellogic.com/v2/my/contracts"_s));
        QCOMPARE(SatellogicApi::archiveUrl(api), QUrl(u"https://api.satellogic.com/archive/stac/"_s));
        QCOMPARE(SatellogicApi::productsUrl(api), QUrl(u"https://api.satellogic.com/tasking/products/"_s));
        QCOMPARE(SatellogicApi::createTaskUrl(api), QUrl(u"https://api.satellogic.com/tasking/tasks/"_s));
        QCOMPARE(SatellogicApi::taskUrl(api, 23272), QUrl(u"https://api.satellogic.com/tasking/tasks/23272"_s));
        QCOMPARE(SatellogicApi::capturesUrl(api, 268095),
            QUrl(u"https://api.satellogic.com/tasking/tasks/268095/captures/"_s));
        QCOMPARE(SatellogicApi::cancelTaskUrl(api, 7), QUrl(u"https://api.satellogic.com/tasking/tasks/7/cancel/"_s));
        QCOMPARE(SatellogicApi::scenesUrl(api, u"45aab05b-7190-4369-abd4-b11b1f4a3165"_s),
            QUrl(u"https://api.satellogic.com/telluric/scenes/?sceneset_id=45aab05b-7190-4369-abd4-b11b1f4a3165"_s));
        QCOMPARE(SatellogicApi::attachmentLinkUrl(api, u"20241206_081221_SN49_L1C_MS_268095"_s),
            QUrl(u"https://api.satellogic.com/telluric/scenes/20241206_081221_SN49_L1C_MS_268095/attachments/"
                 "delivery_zip/download/?redirect=false"_s));
        // A base with a path and a trailing slash (an emulator, a proxy) keeps its path once.
        QCOMPARE(SatellogicApi::productsUrl(QUrl(u"http://127.0.0.1:8080/sat/"_s)),
            QUrl(u"http://127.0.0.1:8080/sat/tasking/products/"_s));
        QCOMPARE(SatellogicApi::apiAudience(), u"https://api.satellogic.com/"_s);
        QCOMPARE(SatellogicApi::accountsAudience(), u"api"_s);
        QCOMPARE(SatellogicApi::tokenHeader(), QByteArray("authorizationToken"));
        QCOMPARE(SatellogicApi::contractHeader(), QByteArray("X-Satellogic-Contract-Id"));
    }

    void taskListFilters()
    {
        SatellogicTaskFilter filter;
        filter.status = u"completed"_s;
        filter.name = u"My first task"_s;
        filter.project = u"Ports & docks"_s;
        const QUrl url = SatellogicApi::tasksUrl(QUrl(u"https://api.satellogic.com"_s), filter, 50);
        QCOMPARE(url.path(), u"/tasking/tasks/"_s);
        const QUrlQuery q(url);
        QCOMPARE(q.queryItemValue(u"limit"_s), u"50"_s);
        QCOMPARE(q.queryItemValue(u"offset"_s), u"0"_s);
        QCOMPARE(q.queryItemValue(u"status"_s), u"completed"_s);
        QCOMPARE(q.queryItemValue(u"task_name"_s, QUrl::FullyDecoded), u"My first task"_s);
        QCOMPARE(q.queryItemValue(u"project_name"_s, QUrl::FullyDecoded), u"Ports & docks"_s);
        QVERIFY(!SatellogicApi::tasksUrl(QUrl(u"https://a"_s)).hasFragment());
        QVERIFY(!QUrlQuery(SatellogicApi::tasksUrl(QUrl(u"https://a"_s))).hasQueryItem(u"status"_s));
    }

    // The body of seed 002's step 3, with the user's +03:00 offset kept as given.
    void createTaskBody()
    {
        SatellogicTaskRequest r;
        r.name = u"My first task"_s;
        r.project = u"My first task project"_s;
        r.product = 90;
        r.target = json("{\"type\": \"Point\", \"coordinates\": [72.905273, 19.023001]}");
        r.start = QDateTime(QDate(2020, 12, 23), QTime(0, 0), QTimeZone(3 * 3600));
        r.end = QDateTime(QDate(2021, 1, 12), QTime(0, 0), QTimeZone(3 * 3600));
        const QJsonObject body = QJsonDocument::fromJson(SatellogicApi::createTaskBody(r)).object();
        const QJsonObject expected
            = json("{\"task_name\": \"My first task\", \"project_name\": \"My first task project\", \"product\": 90, "
                   "\"target\": {\"type\": \"Point\", \"coordinates\": [72.905273, 19.023001]}, \"start\": "
                   "\"2020-12-23T00:00:00+03:00\", \"end\": \"2021-01-12T00:00:00+03:00\"}");
        QCOMPARE(body, expected);
        QVERIFY(SatellogicApi::validateTask(r).isEmpty());
    }

    void validateTask_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no name") << u"name"_s << u"task name: required"_s;
        QTest::newRow("no project") << u"project"_s << u"project name: required"_s;
        QTest::newRow("end before start") << u"end"_s << u"end: must be after the start"_s;
        QTest::newRow("line target") << u"target"_s << u"target: a point or a polygon"_s;
        QTest::newRow("point for an area product") << u"area"_s << u"give a polygon"_s;
    }

    void validateTask()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        SatellogicTaskRequest r;
        r.name = u"n"_s;
        r.project = u"p"_s;
        r.product = 178;
        r.target = json("{\"type\": \"Point\", \"coordinates\": [1, 2]}");
        r.start = QDateTime(QDate(2026, 12, 10), QTime(0, 0), QTimeZone::utc());
        r.end = r.start.addDays(7);
        SatellogicProduct area;
        area.id = 178;
        area.name = u"Area Coverage 70cm"_s;
        area.isArea = true;
        const SatellogicProduct *product = nullptr;
        if (field == u"name"_s) {
            r.name.clear();
        } else if (field == u"project"_s) {
            r.project = u"  "_s;
        } else if (field == u"end"_s) {
            r.end = r.start.addSecs(-1);
        } else if (field == u"target"_s) {
            r.target = json("{\"type\": \"LineString\", \"coordinates\": [[1, 2], [3, 4]]}");
        } else {
            product = &area;
        }
        const QString problems = SatellogicApi::validateTask(r, product);
        QVERIFY2(problems.contains(expected), qPrintable(problems));
    }

    void contracts()
    {
        const QJsonArray results = fixture("contracts-seed002.json").value(u"results"_s).toArray();
        const auto first = SatellogicApi::parseContract(results.at(0).toObject());
        QVERIFY(first);
        QCOMPARE(first->id, u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s);
        QCOMPARE(first->name, u"First contract"_s);
        QCOMPARE(first->account, u"acct.64762159-1df5-4599-9916-79f9f78d8fb8"_s);
        QCOMPARE(first->status, u"ACTIVE"_s);
        QVERIFY(first->hasArchive);
        QCOMPARE(first->archiveCollections, (QStringList { u"collection-1"_s, u"collection-2"_s }));
        QCOMPARE(first->archiveRestrictions, (QStringList { u"archive-restriction-1"_s, u"archive-restriction-2"_s }));
        QVERIFY(first->taskingAllowed);
        const auto second = SatellogicApi::parseContract(results.at(1).toObject());
        QVERIFY(second);
        QVERIFY(!second->hasArchive); // archive_configuration: null
        QVERIFY(second->archiveCollections.isEmpty());
        QString error;
        const QJsonObject noId = json("{\"name\": \"no id\"}");
        QVERIFY(!SatellogicApi::parseContract(noId, &error));
        QVERIFY(error.contains(u"contract_id"_s));
    }

    void task()
    {
        const auto t = SatellogicApi::parseTask(fixture("task-seed002.json"));
        QVERIFY(t);
        QCOMPARE(t->id, qint64(23272));
        QCOMPARE(t->name, u"My first task"_s);
        QCOMPARE(t->project, u"My first task project"_s);
        QCOMPARE(t->product, qint64(90));
        QCOMPARE(t->status, u"received"_s);
        QCOMPARE(t->start, QDateTime(QDate(2020, 12, 22), QTime(21, 0), QTimeZone::utc()));
        QCOMPARE(t->end, QDateTime(QDate(2021, 1, 11), QTime(21, 0), QTimeZone::utc()));
        QCOMPARE(t->created, QDateTime(QDate(2020, 12, 23), QTime(22, 13, 52, 943), QTimeZone::utc()));
        QCOMPARE(t->target.value(u"type"_s).toString(), u"Point"_s);
        QVERIFY(!t->isFinal());
        SatellogicTask done = *t;
        for (const QString &s : { u"completed"_s, u"failed"_s, u"rejected"_s, u"canceled"_s, u"cancelled"_s }) {
            done.status = s;
            QVERIFY2(done.isFinal(), qPrintable(s));
        }
        // Naive times from the services are UTC.
        const QDateTime naive = SatellogicApi::parseTime(u"2024-10-25T10:27:56.152557"_s);
        QCOMPARE(naive.toSecsSinceEpoch(),
            QDateTime(QDate(2024, 10, 25), QTime(10, 27, 56), QTimeZone::utc()).toSecsSinceEpoch());
        QCOMPARE(naive.offsetFromUtc(), 0);
    }

    // Seed 002 step 5 and seed 001: captures; only "published" ones are deliverable.
    void captures()
    {
        const auto c = SatellogicApi::parseCapture(
            json("{\"capture_id\": \"45aab05b-7190-4369-abd4-b11b1f4a3165\", \"start\": "
                 "\"2021-07-14T07:40:41.845086Z\", \"satellite_name\": \"newsat15\", \"status\": \"published\"}"));
        QVERIFY(c);
        QCOMPARE(c->id, u"45aab05b-7190-4369-abd4-b11b1f4a3165"_s);
        QCOMPARE(c->satellite, u"newsat15"_s);
        QVERIFY(c->isPublished());
        auto planned = *c;
        planned.status = u"planned"_s;
        QVERIFY(!planned.isPublished());
    }

    void scenesAndLinks()
    {
        const auto s = SatellogicApi::parseScene(fixture("scene-seed002.json"));
        QVERIFY(s);
        QCOMPARE(s->id, u"20210714_074044_SN15_L1"_s);
        QCOMPARE(s->sceneSetId, u"45aab05b-7190-4369-abd4-b11b1f4a3165"_s);
        QCOMPARE(s->productName, u"L1 TOA Reflectance"_s);
        QCOMPARE(s->satellite, u"newsat15"_s);
        QCOMPARE(s->attachments.size(), 2);
        const auto zip = s->attachment(u"delivery_zip"_s);
        QVERIFY(zip);
        QCOMPARE(zip->fileName, u"20210714_074044_SN15_L1_MS_36941.zip"_s);
        QVERIFY(!s->attachment(u"thumbnail"_s));
        // Seed 001 step 3.
        const QUrl link = SatellogicApi::parseAttachmentLink(
            json("{\"url\": "
                 "\"https://satellogic-production-eo-backend-package.s3.amazonaws.com/l1c-benchmark/"
                 "a0ab38b2-8cca-4f27-8c18-4c79c6f91cbe/x.zip\"}"));
        QCOMPARE(link.host(), u"satellogic-production-eo-backend-package.s3.amazonaws.com"_s);
        QString error;
        const QJsonObject local = json("{\"url\": \"file:///etc/passwd\"}");
        QVERIFY(SatellogicApi::parseAttachmentLink(local, &error).isEmpty());
        QVERIFY(!error.isEmpty());
    }

    // A refusal that names the contract asks the user to choose one, in words.
    void contractProblems()
    {
        const NetworkError missing = NetworkError::http(403, "Forbidden",
            "{\"message\": \"Missing required header X-Satellogic-Contract-Id\"}", QUrl(u"https://a/x"_s));
        QVERIFY(SatellogicApi::isContractProblem(missing));
        QVERIFY(SatellogicApi::explain(missing).startsWith(u"Choose a contract"_s));
        const NetworkError unauthorized
            = NetworkError::http(401, "Unauthorized", "{\"message\": \"Unauthorized\"}", QUrl(u"https://a/x"_s));
        QVERIFY(!SatellogicApi::isContractProblem(unauthorized));
        QVERIFY(SatellogicApi::explain(unauthorized).contains(u"client id and secret"_s));
        const NetworkError notFound
            = NetworkError::http(404, "Not Found", "{\"detail\": \"Not found.\"}", QUrl(u"https://a/x"_s));
        QCOMPARE(SatellogicApi::explain(notFound), u"HTTP 404: Not found."_s);
        // Django REST framework's field errors are readable too.
        const NetworkError fields = NetworkError::http(
            400, "Bad Request", "{\"task_name\": [\"This field is required.\"]}", QUrl(u"https://a/x"_s));
        QCOMPARE(fields.message, u"task_name: This field is required."_s);
    }
};

QTEST_GUILESS_MAIN(TestSatellogicApi)
#include "tst_satellogicapi.moc"
