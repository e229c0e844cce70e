// CapellaEmulator, part 4 of its test: repeat requests (capella.md section 7) on the emulator
// clock (as documented in capellaemulator.h), fixed ports and the standalone program.

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include "tests/integration/tst_capellaemulator.h"

using namespace Qt::StringLiterals;
using namespace StacScope;
using namespace CapellaTest;

namespace {

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"_s);
}

QString firstCode(const QJsonObject &feature)
{
    return feature.value("properties"_L1)
        .toObject()
        .value("statusHistory"_L1)
        .toArray()
        .at(0)
        .toObject()
        .value("code"_L1)
        .toString();
}

// A base port whose next port is free too (the file host on 127.0.0.2).
quint16 freeBasePort(const QHostAddress &filesAddress)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 base = probe.serverPort();
        probe.close();
        if (base > 65000)
            continue;
        QTcpServer api;
        QTcpServer files;
        if (api.listen(QHostAddress::LocalHost, base) && files.listen(filesAddress, quint16(base + 1)))
            return base;
    }
    return 0;
}

} // namespace

// Section 7's create body (with repetitionCount, so without repeatEnd).
QJsonObject TestCapellaEmulator::repeatBody() const
{
    return { { "type"_L1, u"Feature"_s },
        { "geometry"_L1, QJsonObject { { "type"_L1, u"Point"_s }, { "coordinates"_L1, QJsonArray { 11.15, 49.6 } } } },
        { "properties"_L1,
            QJsonObject { { "repeatrequestName"_L1, u"daily repeat"_s }, { "repeatrequestDescription"_L1, u""_s },
                { "collectionTier"_L1, u"routine"_s }, { "collectionType"_L1, u"spotlight"_s },
                { "archiveHoldback"_L1, u"none"_s }, { "customAttribute1"_L1, QJsonValue(QJsonValue::Null) },
                { "customAttribute2"_L1, QJsonValue(QJsonValue::Null) },
                { "collectConstraints"_L1,
                    QJsonObject { { "ascDsc"_L1, u"either"_s }, { "lookDirection"_L1, u"either"_s },
                        { "squint"_L1, u"enabled"_s } } },
                { "repetitionProperties"_L1,
                    QJsonObject { { "repeatStart"_L1, iso(m_emulator->now().addDays(1)) },
                        { "repeatEnd"_L1, QJsonValue(QJsonValue::Null) }, { "repetitionInterval"_L1, 7 },
                        { "repetitionCount"_L1, 5 }, { "maintainSceneFraming"_L1, false },
                        { "lookAngleTolerance"_L1, 10 }, { "azimuthAngleTolerance"_L1, 5 } } },
                { "processingConfig"_L1, QJsonObject { { "productTypes"_L1, QJsonArray { u"SLC"_s, u"GEO"_s } } } },
                { "windowDuration"_L1, 86400 } } } };
}

void TestCapellaEmulator::repeatValidation()
{
    const auto refused = [this](const QJsonObject &properties) {
        QJsonObject body = repeatBody();
        QJsonObject merged = body.value("properties"_L1).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            if (it->isUndefined())
                merged.remove(it.key());
            else
                merged.insert(it.key(), *it);
        }
        body.insert("properties"_L1, merged);
        const Result result = post(u"/repeat-requests"_s, body);
        return result.status == 400 && result.code() == "VALIDATION_ERROR"_L1
            ? result.errorObject().value("detail"_L1).toString()
            : u"status %1"_s.arg(result.status);
    };
    QJsonObject repetition = repeatBody().value("properties"_L1).toObject().value("repetitionProperties"_L1).toObject();
    repetition.insert("repeatEnd"_L1, iso(m_emulator->now().addDays(60)));
    QCOMPARE(refused({ { "repetitionProperties"_L1, repetition } }),
        u"repetitionProperties: repeatEnd and repetitionCount are mutually exclusive"_s);
    repetition.insert("repeatEnd"_L1, QJsonValue(QJsonValue::Null));
    repetition.insert("repetitionInterval"_L1, 3);
    QVERIFY(refused({ { "repetitionProperties"_L1, repetition } })
                .startsWith(u"repetitionProperties.repetitionInterval: "_s));
    QVERIFY(refused({ { "collectionTier"_L1, u"insar"_s } }).startsWith(u"insar.orbit: "_s));
    QVERIFY(refused(
        { { "collectionTier"_L1, u"insar"_s }, { "insar"_L1, QJsonObject { { "orbit"_L1, u"SSO_97_1P00"_s } } } })
                .startsWith(u"insar.orbit: "_s));
    QVERIFY(refused({ { "collectionTier"_L1, u"standard"_s } }).startsWith(u"collectionTier: "_s));
    QVERIFY(refused({ { "repeatrequestName"_L1, u" "_s } }).startsWith(u"repeatrequestName: "_s));
    QVERIFY(refused({ { "processingConfig"_L1, QJsonObject { { "productTypes"_L1, QJsonArray { u"SLC"_s } } } } })
                .startsWith(u"processingConfig.productTypes: "_s));
    QVERIFY(m_emulator->repeatRequestIds().isEmpty());

    // InSAR with an orbit is fine, and so is an end date instead of a count.
    QJsonObject insar = repeatBody();
    QJsonObject properties = insar.value("properties"_L1).toObject();
    properties.insert("collectionTier"_L1, u"insar"_s);
    properties.insert("insar"_L1, QJsonObject { { "orbit"_L1, u"MIO_53_2P95"_s } });
    insar.insert("properties"_L1, properties);
    const Result created = post(u"/repeat-requests"_s, insar);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json().value("properties"_L1).toObject().value("insar"_L1).toObject().value("orbit"_L1).toString(),
        u"MIO_53_2P95"_s);
}

void TestCapellaEmulator::repeatLifeCycle()
{
    const Result created = post(u"/repeat-requests"_s, repeatBody());
    QCOMPARE(created.status, 201);
    const QJsonObject p = created.json().value("properties"_L1).toObject();
    const QString id = p.value("repeatrequestId"_L1).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(p.value("userId"_L1).toString(), UserId);
    QCOMPARE(p.value("orgId"_L1).toString(), u"9c2b7d41-3e8f-4a6b-b5d0-7e1f2a3c4d55"_s);
    QCOMPARE(p.value("collectionTier"_L1).toString(), u"routine"_s);
    QVERIFY(p.value("costPerImageEstimate"_L1).isNull());
    const QJsonObject repetition = p.value("repetitionProperties"_L1).toObject();
    QVERIFY(repetition.value("repeatEnd"_L1).isNull());
    QCOMPARE(repetition.value("repetitionCount"_L1).toInt(), 5);
    QCOMPARE(repetition.value("repetitionInterval"_L1).toInt(), 7);
    QCOMPARE(firstCode(created.json()), u"received"_s);
    for (const char *key : { "windowDuration", "statusHistory", "collectConstraints", "billingEnvironment",
             "parentRepeatrequest", "sandbox", "processingConfig", "customAttribute1", "customAttribute2",
             "submissionTime", "archiveHoldback", "repeatrequestName" })
        QVERIFY2(p.contains(QLatin1String(key)), key);

    m_emulator->advanceClock(60);
    QJsonObject current = get(u"/repeat-requests/"_s + id).json();
    QCOMPARE(firstCode(current), u"review"_s);
    QCOMPARE(current.value("properties"_L1).toObject().value("costPerImageEstimate"_L1).toString(), u"$3,000.00"_s);
    QCOMPARE(m_emulator->repeatRequest(id), current);

    const Result renamed = patch(u"/repeat-requests/"_s + id,
        { { "properties"_L1, QJsonObject { { "repeatrequestName"_L1, u"weekly repeat"_s } } } });
    QCOMPARE(renamed.status, 200);
    QCOMPARE(
        renamed.json().value("properties"_L1).toObject().value("repeatrequestName"_L1).toString(), u"weekly repeat"_s);
    QCOMPARE(patch(u"/repeat-requests/"_s + id,
                 { { "properties"_L1, QJsonObject { { "collectionTier"_L1, u"flexible"_s } } } })
                 .code(),
        u"VALIDATION_ERROR"_s);

    QCOMPARE(patch(u"/repeat-requests/%1/status"_s.arg(id), { { "status"_L1, u"approved"_s } }).status, 200);
    m_emulator->advanceClock(300);
    current = get(u"/repeat-requests/"_s + id).json();
    QCOMPARE(firstCode(current), u"active"_s);
    // Active: its first tasking request exists, marked as repeating.
    const QStringList taskIds = m_emulator->taskingRequestIds();
    QCOMPARE(taskIds.size(), 1);
    const QJsonObject derived = get(u"/task/"_s + taskIds.first()).json();
    QCOMPARE(derived.value("properties"_L1).toObject().value("repeatrequestId"_L1).toString(), id);
    const auto taskSearch = [this](bool includeRepeating) {
        return post(u"/tasks/search"_s,
            { { "query"_L1,
                QJsonObject { { "userId"_L1, UserId },
                    { "includeRepeatingTasks"_L1, QJsonObject { { "eq"_L1, includeRepeating } } } } } })
            .json()
            .value("results"_L1)
            .toArray()
            .size();
    };
    QCOMPARE(taskSearch(false), 0);
    QCOMPARE(taskSearch(true), 1);

    // Canceled with the docs' {"code": ...}; final afterwards.
    const Result canceled = patch(u"/repeat-requests/%1/status"_s.arg(id), { { "code"_L1, u"canceled"_s } });
    QCOMPARE(canceled.status, 200);
    QCOMPARE(canceled.json(), (QJsonObject { { "status"_L1, u"canceled"_s } }));
    QCOMPARE(firstCode(get(u"/repeat-requests/"_s + id).json()), u"canceled"_s);
    const Result again = patch(u"/repeat-requests/%1/status"_s.arg(id), { { "status"_L1, u"cancelled"_s } });
    QCOMPARE(again.status, 400);
    QCOMPARE(again.code(), u"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"_s);
    QCOMPARE(get(u"/repeat-requests/00000000-0000-0000-0000-000000000000"_s).status, 404);
}

void TestCapellaEmulator::repeatSearch()
{
    for (int interval : { 1, 7, 30 }) {
        QJsonObject body = repeatBody();
        QJsonObject properties = body.value("properties"_L1).toObject();
        QJsonObject repetition = properties.value("repetitionProperties"_L1).toObject();
        repetition.insert("repetitionInterval"_L1, interval);
        properties.insert("repetitionProperties"_L1, repetition);
        body.insert("properties"_L1, properties);
        QCOMPARE(post(u"/repeat-requests"_s, body).status, 201);
    }
    const auto found = [this](const QJsonObject &filter, const QString &paging = {}) {
        return post(u"/repeat-requests/search"_s + paging, { { "filter"_L1, filter } }).json();
    };
    const QJsonObject weekly
        = found({ { "repetitionProperties.repetitionInterval"_L1, QJsonObject { { "eq"_L1, 7 } } } });
    QCOMPARE(weekly.value("results"_L1).toArray().size(), 1);
    QCOMPARE(weekly.value("results"_L1)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value("properties"_L1)
                 .toObject()
                 .value("repetitionProperties"_L1)
                 .toObject()
                 .value("repetitionInterval"_L1)
                 .toInt(),
        7);
    const QJsonObject paged = found({ { "userId"_L1, UserId } }, u"?page=2&limit=2"_s);
    QCOMPARE(paged.value("currentPage"_L1).toInt(), 2);
    QCOMPARE(paged.value("totalPages"_L1).toInt(), 2);
    QCOMPARE(paged.value("results"_L1).toArray().size(), 1);
    QCOMPARE(found({ { "lastStatusCode"_L1, QJsonObject { { "eq"_L1, u"received"_s } } } })
                 .value("results"_L1)
                 .toArray()
                 .size(),
        3);
    // The repeat request search takes "filter", not "query".
    const Result wrongKey
        = post(u"/repeat-requests/search"_s, { { "query"_L1, QJsonObject { { "userId"_L1, UserId } } } });
    QCOMPARE(wrongKey.status, 400);
    QCOMPARE(wrongKey.code(), u"VALIDATION_ERROR"_s);
}

// ---- ports and the standalone program -------------------------------------------------------

void TestCapellaEmulator::fixedPorts()
{
    const QHostAddress files(u"127.0.0.2"_s);
    const quint16 base = freeBasePort(files);
    QVERIFY(base != 0);
    CapellaEmulator fixed;
    QVERIFY2(fixed.listen(QHostAddress(QHostAddress::LocalHost), base, files), qPrintable(fixed.errorString()));
    QCOMPARE(fixed.apiUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(base)));
    QCOMPARE(fixed.filesUrl(), QUrl(u"http://127.0.0.2:%1"_s.arg(base + 1)));
    CapellaEmulator clash;
    QVERIFY(!clash.listen(QHostAddress(QHostAddress::LocalHost), base, files));
    QVERIFY(!clash.errorString().isEmpty());
}

void TestCapellaEmulator::standalone()
{
    const QString program = QStringLiteral(STACSCOPE_BINARY_DIR "/tests/support/stacscope-provider-emulator");
    if (!QFile::exists(program))
        QSKIP("stacscope-provider-emulator is not built");
    const quint16 base = freeBasePort(QHostAddress(QHostAddress::LocalHost));
    QVERIFY(base != 0);
    QProcess process;
    process.setProgram(program);
    process.setArguments({ u"--provider"_s, u"capella"_s, u"--port"_s, QString::number(base) });
    QSignalSpy output(&process, &QProcess::readyReadStandardOutput);
    process.start();
    QByteArray text;
    while (!text.contains("\ntry ") && output.wait(WaitMs))
        text += process.readAllStandardOutput();
    text += process.readAllStandardOutput();
    const QString printed = QString::fromUtf8(text);
    const QString host = u"http://127.0.0.1:"_s;
    QVERIFY2(printed.contains(u"api       "_s + host + QString::number(base) + u'\n'), text.constData());
    QVERIFY(printed.contains(u"files     "_s + host + QString::number(base + 1) + u'\n'));
    QVERIFY(printed.contains(u"api key   emulator-capella-key\n"_s));
    QVERIFY(printed.contains(u"CAPELLA_API_KEY=emulator-capella-key stacscope-cli search --provider capella "
                             "--endpoint api="_s
        + host + QString::number(base)));
    const Result user = send("GET", QUrl(host + QString::number(base) + u"/user"_s), authorized());
    QCOMPARE(user.status, 200);
    QCOMPARE(user.json().value("id"_L1).toString(), UserId);
    QSignalSpy finished(&process, &QProcess::finished);
    process.terminate();
    QVERIFY(finished.wait(WaitMs));

    QProcess bad;
    QSignalSpy done(&bad, &QProcess::finished);
    bad.start(program, { u"--provider"_s, u"capella"_s, u"--port"_s, u"65535"_s });
    QVERIFY(done.wait(WaitMs));
    QCOMPARE(bad.exitCode(), 2);
}
