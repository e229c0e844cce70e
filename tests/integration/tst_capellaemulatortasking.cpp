// CapellaEmulator, part 3 of its test: tasking requests (capella.md section 6), their life cycle
// on the emulator clock (as documented in capellaemulator.h), and repeat requests (section 7).

#include <QRegularExpression>
#include <QTest>

#include "tests/integration/tst_capellaemulator.h"

using namespace Qt::StringLiterals;
using namespace StacScope;
using namespace CapellaTest;

namespace {

const QString OrganizationId = u"9c2b7d41-3e8f-4a6b-b5d0-7e1f2a3c4d55"_s;

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"_s);
}

// Replaces (or with an undefined value removes) the member at a dotted path.
void setPath(QJsonObject &object, const QStringList &path, const QJsonValue &value)
{
    if (path.size() == 1) {
        if (value.isUndefined())
            object.remove(path.first());
        else
            object.insert(path.first(), value);
        return;
    }
    QJsonObject child = object.value(path.first()).toObject();
    setPath(child, path.mid(1), value);
    object.insert(path.first(), child);
}

QStringList codes(const QJsonObject &feature)
{
    QStringList list;
    const QJsonArray history = feature.value("properties"_L1).toObject().value("statusHistory"_L1).toArray();
    for (const QJsonValue &entry : history)
        list.append(entry.toObject().value("code"_L1).toString());
    return list;
}

QString transaction(const QJsonObject &feature)
{
    return feature.value("properties"_L1).toObject().value("transactionStatus"_L1).toString();
}

QJsonObject point()
{
    return { { "type"_L1, u"Point"_s }, { "coordinates"_L1, QJsonArray { 11.148216, 49.596722 } } };
}

QJsonObject finalizedError(const QString &status)
{
    return { { "error"_L1,
        QJsonObject { { "message"_L1,
                          u"This transaction has been finalized with a status of '%1'. It cannot be further "
                          "modified."_s.arg(status) },
            { "code"_L1, u"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"_s } } } };
}

QString seededId(int i)
{
    return u"00000000-0000-4000-8000-00000000000%1"_s.arg(i);
}

} // namespace

// Section 6's create body.
QJsonObject TestCapellaEmulator::taskBody() const
{
    const QDateTime now = m_emulator->now();
    return {
        { "type"_L1, u"Feature"_s }, { "geometry"_L1, point() },
        { "properties"_L1,
            QJsonObject { { "taskingrequestName"_L1, u"point tasking request #127"_s },
                { "taskingrequestDescription"_L1, u""_s }, { "windowOpen"_L1, iso(now.addSecs(3600)) },
                { "windowClose"_L1, iso(now.addDays(7)) }, { "collectionTier"_L1, u"standard"_s },
                { "collectionType"_L1, u"spotlight"_s }, { "archiveHoldback"_L1, u"none"_s },
                { "customAttribute1"_L1, QJsonValue(QJsonValue::Null) },
                { "customAttribute2"_L1, QJsonValue(QJsonValue::Null) }, { "pre_approval"_L1, false },
                { "collectConstraints"_L1,
                    QJsonObject { { "ascDsc"_L1, u"either"_s }, { "lookDirection"_L1, u"either"_s },
                        { "squint"_L1, u"enabled"_s }, { "offNadirMin"_L1, 5 }, { "offNadirMax"_L1, 50 },
                        { "orbitalPlanes"_L1, QJsonArray { 45, 53 } }, { "polarization"_L1, u"HH"_s },
                        { "localTime"_L1, u"day"_s }, { "azimuthAngleMin"_L1, 340 }, { "azimuthAngleMax"_L1, 20 },
                        { "maxSquintAngle"_L1, 25 }, { "imageWidth"_L1, 5000 } } },
                { "processingConfig"_L1, QJsonObject { { "productTypes"_L1, QJsonArray { u"GEO"_s, u"SICD"_s } } } } } }
    };
}

void TestCapellaEmulator::collectionTypes()
{
    const Result result = get(u"/collectiontypes"_s);
    QCOMPARE(result.status, 200);
    QStringList names;
    for (const QJsonValue &type : result.array()) {
        names.append(type.toObject().value("name"_L1).toString());
        QVERIFY(!type.toObject().value("description"_L1).toString().isEmpty());
    }
    QCOMPARE(names,
        QStringList({ u"spotlight"_s, u"spotlight_ultra"_s, u"spotlight_wide"_s, u"stripmap_20"_s, u"stripmap_50"_s,
            u"stripmap_100"_s, u"parallel_stripmap_20"_s, u"parallel_stripmap_50"_s, u"parallel_stripmap_100"_s }));
}

void TestCapellaEmulator::taskCreate()
{
    const Result created = post(u"/task"_s, taskBody());
    QCOMPARE(created.status, 201);
    const QJsonObject feature = created.json();
    QCOMPARE(feature.value("type"_L1).toString(), u"Feature"_s);
    QCOMPARE(feature.value("geometry"_L1).toObject(), point());
    const QJsonObject p = feature.value("properties"_L1).toObject();
    const QString id = p.value("taskingrequestId"_L1).toString();
    QVERIFY(
        QRegularExpression(u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s).match(id).hasMatch());
    QCOMPARE(p.value("taskingrequestName"_L1).toString(), u"point tasking request #127"_s);
    QCOMPARE(p.value("userId"_L1).toString(), UserId);
    QVERIFY(p.value("repeatrequestId"_L1).isNull());
    QVERIFY(
        qAbs(
            QDateTime::fromString(p.value("submissionTime"_L1).toString(), Qt::ISODateWithMs).secsTo(m_emulator->now()))
        <= 5);
    QCOMPARE(p.value("windowDuration"_L1).toInt(), 7 * 86400 - 3600);
    QCOMPARE(p.value("collectionTier"_L1).toString(), u"standard"_s);
    QCOMPARE(p.value("archiveHoldback"_L1).toString(), u"none"_s);
    QCOMPARE(p.value("type"_L1).toString(), u"spotlight"_s);
    QCOMPARE(p.value("preApproval"_L1), QJsonValue(false));
    QCOMPARE(p.value("sandbox"_L1), QJsonValue(false));
    QCOMPARE(p.value("transactionStatus"_L1).toString(), u""_s);
    const QJsonObject history = p.value("statusHistory"_L1).toArray().at(0).toObject();
    QCOMPARE(p.value("statusHistory"_L1).toArray().size(), 1);
    QCOMPARE(history.value("code"_L1).toString(), u"received"_s);
    QCOMPARE(history.value("message"_L1).toString(), u"Request created"_s);
    const QJsonObject constraints = p.value("collectConstraints"_L1).toObject();
    QCOMPARE(constraints.value("localTime"_L1), QJsonValue(QJsonArray { QJsonValue(QJsonArray { 21600, 64800 }) }));
    QCOMPARE(constraints.value("orbitalPlanes"_L1), QJsonValue(QJsonArray { 45, 53 }));
    QCOMPARE(constraints.value("offNadirMin"_L1).toInt(), 5);
    QCOMPARE(constraints.value("azimuthAngleMin"_L1).toInt(), 340);
    QCOMPARE(constraints.value("collectMode"_L1).toString(), u"spotlight"_s);
    QCOMPARE(p.value("processingConfig"_L1).toObject(),
        (QJsonObject { { "productTypes"_L1, QJsonArray { u"GEO"_s, u"SICD"_s } } }));
    QCOMPARE(p.value("order"_L1).toObject().value("summary"_L1).toObject(),
        (QJsonObject { { "total"_L1, u"$3,000.00"_s }, { "subtotal"_L1, u"$3,000.00"_s } }));
    QCOMPARE(get(u"/task/"_s + id).json(), feature);
    QCOMPARE(m_emulator->taskingRequestIds(), QStringList({ id }));
    const Result unknown = get(u"/task/00000000-0000-0000-0000-000000000000"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.code(), u"NOT_FOUND"_s);

    // Only geometry and name are required; the client's defaults apply (squint off for an area).
    const QJsonArray ring { QJsonArray { 11.1, 49.5 }, QJsonArray { 11.2, 49.5 }, QJsonArray { 11.2, 49.6 },
        QJsonArray { 11.1, 49.5 } };
    const Result minimal = post(u"/task"_s,
        { { "geometry"_L1,
              QJsonObject { { "type"_L1, u"Polygon"_s }, { "coordinates"_L1, QJsonArray { QJsonValue(ring) } } } },
            { "properties"_L1, QJsonObject { { "taskingrequestName"_L1, u"area"_s } } } });
    QCOMPARE(minimal.status, 201);
    const QJsonObject q = minimal.json().value("properties"_L1).toObject();
    QCOMPARE(q.value("collectionTier"_L1).toString(), u"standard"_s);
    QCOMPARE(q.value("collectionType"_L1).toString(), u"spotlight"_s);
    QCOMPARE(q.value("windowDuration"_L1).toInt(), 7 * 86400);
    QCOMPARE(q.value("collectConstraints"_L1).toObject().value("squint"_L1).toString(), u"disabled"_s);
    QCOMPARE(q.value("collectConstraints"_L1).toObject().value("localTime"_L1),
        QJsonValue(QJsonArray { QJsonValue(QJsonArray { 0, 86400 }) }));

    // The three spellings of the pre-approval flag.
    for (const char *key : { "pre_approval", "preapproval", "preApproval" }) {
        QJsonObject body = taskBody();
        setPath(body, { u"properties"_s, u"pre_approval"_s }, QJsonValue());
        setPath(body, { u"properties"_s, QLatin1String(key) }, true);
        QCOMPARE(
            post(u"/task"_s, body).json().value("properties"_L1).toObject().value("preApproval"_L1), QJsonValue(true));
    }
}

void TestCapellaEmulator::taskValidation_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");
    const QJsonValue removed;
    QTest::newRow("line") << u"geometry"_s
                          << QJsonValue(QJsonObject { { "type"_L1, u"LineString"_s },
                                 { "coordinates"_L1, QJsonArray { QJsonArray { 1, 2 }, QJsonArray { 3, 4 } } } })
                          << u"geometry"_s;
    QTest::newRow("out of range") << u"geometry.coordinates"_s << QJsonValue(QJsonArray { 200, 10 }) << u"geometry"_s;
    QTest::newRow("no name") << u"properties.taskingrequestName"_s << removed << u"taskingrequestName"_s;
    const std::tuple<const char *, QJsonValue, const char *> cases[] = {
        { "collectionTier", u"routine"_s, "collectionTier" },
        { "collectionTier", u"7_day"_s, "collectionTier" },
        { "collectionType", u"spotlight_mega"_s, "collectionType" },
        { "archiveHoldback", u"one_year"_s, "archiveHoldback" },
        { "collectConstraints.ascDsc", u"both"_s, "collectConstraints.ascDsc" },
        { "collectConstraints.lookDirection", u"up"_s, "collectConstraints.lookDirection" },
        { "collectConstraints.orbitalPlanes", QJsonArray { 44 }, "collectConstraints.orbitalPlanes" },
        { "collectConstraints.polarization", u"HV"_s, "collectConstraints.polarization" },
        { "collectConstraints.localTime", u"dusk"_s, "collectConstraints.localTime" },
        { "collectConstraints.localTime", QJsonArray { QJsonValue(QJsonArray { 0, 90000 }) },
            "collectConstraints.localTime" },
        { "collectConstraints.localTime", QJsonArray { QJsonValue(QJsonArray { 64800, 21600 }) },
            "collectConstraints.localTime" },
        { "collectConstraints.squint", u"sideways"_s, "collectConstraints.squint" },
        { "collectConstraints.offNadirMin", 60, "collectConstraints.offNadirMin" },
        { "collectConstraints.offNadirMax", 95, "collectConstraints.offNadirMax" },
        { "collectConstraints.azimuthAngleMin", 400, "collectConstraints.azimuthAngleMin" },
        { "collectConstraints.azimuthAngleMax", -1, "collectConstraints.azimuthAngleMax" },
        { "collectConstraints.maxSquintAngle", 91, "collectConstraints.maxSquintAngle" },
        { "processingConfig.productTypes", QJsonArray { u"SLC"_s }, "processingConfig.productTypes" },
        { "processingConfig.productTypes", QJsonArray { u"GEO"_s, u"XYZ"_s }, "processingConfig.productTypes" },
        { "windowOpen", u"tomorrow"_s, "windowOpen" },
        { "windowClose", u"2020-01-01T00:00:00.000Z"_s, "windowClose" },
        { "pre_approval", u"yes"_s, "pre_approval" },
        { "customAttribute1", 5, "customAttribute1" },
    };
    for (const auto &[path, value, field] : cases) {
        const QString name = QLatin1String(path) + u' '
            + QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact));
        QTest::newRow(name.toUtf8().constData())
            << u"properties."_s + QLatin1String(path) << value << QString::fromLatin1(field);
    }
}

void TestCapellaEmulator::taskValidation()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    QJsonObject body = taskBody();
    setPath(body, path.split(u'.'), value);
    const Result result = post(u"/task"_s, body);
    QCOMPARE(result.status, 400);
    QCOMPARE(result.code(), u"VALIDATION_ERROR"_s);
    const QString detail = result.errorObject().value("detail"_L1).toString();
    QVERIFY2(detail.startsWith(field + u": "_s), qPrintable(detail));
    QVERIFY(!result.errorObject().value("message"_L1).toString().isEmpty());
    QVERIFY(m_emulator->taskingRequestIds().isEmpty());
}

void TestCapellaEmulator::taskLifeCycle()
{
    const QString id
        = post(u"/task"_s, taskBody()).json().value("properties"_L1).toObject().value("taskingrequestId"_L1).toString();
    const auto current = [this, &id] { return get(u"/task/"_s + id).json(); };
    QCOMPARE(codes(current()), QStringList({ u"received"_s }));
    QCOMPARE(get(u"/collects/list/"_s + id).array(), QJsonArray());
    QCOMPARE(get(u"/tiles/list/"_s + id).array(), QJsonArray());
    const QJsonObject approve { { "status"_L1, u"approved"_s } };
    const Result early = patch(u"/task/%1/status"_s.arg(id), approve);
    QCOMPARE(early.status, 400);
    QCOMPARE(early.code(), u"UNABLE_TO_UPDATE_TASKING_REQUEST"_s);

    m_emulator->advanceClock(60);
    QCOMPARE(codes(current()), QStringList({ u"review"_s, u"received"_s }));
    QCOMPARE(transaction(current()), u"pending-customer-approval"_s);
    const Result approved = patch(u"/task/%1/status"_s.arg(id), approve);
    QCOMPARE(approved.status, 200);
    QCOMPARE(approved.json(), (QJsonObject { { "status"_L1, u"approved"_s } }));
    QCOMPARE(codes(current()), QStringList({ u"submitted"_s, u"review"_s, u"received"_s }));
    QCOMPARE(transaction(current()), u"in-progress"_s);

    m_emulator->advanceClock(120);
    QCOMPARE(codes(current()).first(), u"accepted"_s);
    const QJsonArray tiles = get(u"/tiles/list/"_s + id).array();
    QCOMPARE(tiles.size(), 1);
    QCOMPARE(tiles.at(0).toObject().value("geometry"_L1).toObject().value("type"_L1).toString(), u"Polygon"_s);
    QVERIFY(!tiles.at(0).toObject().value("properties"_L1).toObject().value("tileId"_L1).toString().isEmpty());
    QCOMPARE(get(u"/collects/list/"_s + id).array(), QJsonArray());

    m_emulator->advanceClock(180);
    QCOMPARE(codes(current()).first(), u"active"_s);
    QJsonArray collects = get(u"/collects/list/"_s + id).array();
    QCOMPARE(collects.size(), 1);
    QJsonObject collect = collects.at(0).toObject();
    for (const char *key : { "collectId", "tileId", "tileGroupId", "taskingrequestId", "repeatrequestId",
             "spacecraftId", "center", "centerEcef", "windowOpen", "windowClose", "windowDuration", "accessProperties",
             "collectProperties", "collectStatusHistory" })
        QVERIFY2(collect.contains(QLatin1String(key)), key);
    QCOMPARE(collect.value("taskingrequestId"_L1).toString(), id);
    QCOMPARE(collect.value("collectStatusHistory"_L1).toArray().at(0).toObject().value("code"_L1).toString(),
        u"predicted"_s);

    m_emulator->advanceClock(300);
    const QJsonObject done = current();
    QCOMPARE(codes(done),
        QStringList({ u"completed"_s, u"active"_s, u"accepted"_s, u"submitted"_s, u"review"_s, u"received"_s }));
    QCOMPARE(transaction(done), u"completed"_s);
    const QJsonArray history = done.value("properties"_L1).toObject().value("statusHistory"_L1).toArray();
    for (qsizetype i = 1; i < history.size(); ++i)
        QVERIFY(history.at(i - 1).toObject().value("time"_L1).toString()
            > history.at(i).toObject().value("time"_L1).toString());
    collect = get(u"/collects/list/"_s + id).array().at(0).toObject();
    QStringList collectCodes;
    for (const QJsonValue &entry : collect.value("collectStatusHistory"_L1).toArray())
        collectCodes.append(entry.toObject().value("code"_L1).toString());
    QCOMPARE(collectCodes,
        QStringList({ u"delivered"_s, u"qa"_s, u"processing"_s, u"collected"_s, u"tasked"_s, u"predicted"_s }));

    // Its products: GEO and SLC, found by collect id, owned by the organization, free to order.
    const QString collectId = collect.value("collectId"_L1).toString();
    const Result products = search({ { "ownership"_L1, u"ownedByOrganization"_s },
        { "query"_L1,
            QJsonObject { { "capella:collect_id"_L1, QJsonObject { { "in"_L1, QJsonArray { collectId } } } } } } });
    const QJsonArray features = products.json().value("features"_L1).toArray();
    QCOMPARE(features.size(), 2);
    QStringList types;
    for (const QJsonValue &feature : features)
        types.append(feature.toObject().value("properties"_L1).toObject().value("sar:product_type"_L1).toString());
    types.sort();
    QCOMPARE(types, QStringList({ u"GEO"_s, u"SLC"_s }));
    const QJsonObject order = placeOrder(ids(features));
    QCOMPARE(order.value("orderStatus"_L1).toString(), u"completed"_s);
    QCOMPARE(get(u"/orders/%1/download"_s.arg(order.value("orderId"_L1).toString())).array().size(), 2);
}

void TestCapellaEmulator::taskPreApproved()
{
    QJsonObject body = taskBody();
    setPath(body, { u"properties"_s, u"pre_approval"_s }, true);
    const QString id
        = post(u"/task"_s, body).json().value("properties"_L1).toObject().value("taskingrequestId"_L1).toString();
    m_emulator->advanceClock(60);
    const QJsonObject feature = get(u"/task/"_s + id).json();
    QCOMPARE(codes(feature), QStringList({ u"submitted"_s, u"received"_s }));
    QCOMPARE(transaction(feature), u"in-progress"_s);
    QCOMPARE(patch(u"/task/%1/status"_s.arg(id), { { "status"_L1, u"approved"_s } }).code(),
        u"UNABLE_TO_UPDATE_TASKING_REQUEST"_s);
    m_emulator->advanceClock(600);
    QCOMPARE(codes(get(u"/task/"_s + id).json()).first(), u"completed"_s);
    QCOMPARE(
        patch(u"/task/%1/status"_s.arg(id), { { "status"_L1, u"canceled"_s } }).json(), finalizedError(u"completed"_s));
}

void TestCapellaEmulator::taskCancel()
{
    QJsonObject body = taskBody();
    setPath(body, { u"properties"_s, u"pre_approval"_s }, true);
    const QString id
        = post(u"/task"_s, body).json().value("properties"_L1).toObject().value("taskingrequestId"_L1).toString();
    m_emulator->advanceClock(60 + 300); // active
    QCOMPARE(patch(u"/task/%1/status"_s.arg(id), { { "status"_L1, u"paused"_s } }).code(), u"VALIDATION_ERROR"_s);
    const Result canceled = patch(u"/task/%1/status"_s.arg(id), { { "status"_L1, u"cancelled"_s } });
    QCOMPARE(canceled.status, 200);
    QCOMPARE(canceled.json(), (QJsonObject { { "status"_L1, u"canceled"_s } }));
    // Frozen from then on: no completion, no products.
    m_emulator->advanceClock(1000);
    const QJsonObject feature = get(u"/task/"_s + id).json();
    QCOMPARE(codes(feature).first(), u"canceled"_s);
    QCOMPARE(codes(feature).mid(1, 1), QStringList({ u"active"_s }));
    QCOMPARE(transaction(feature), u"customer-cancelled"_s);
    QCOMPARE(m_emulator->items().size(), 60);
    const Result again = patch(u"/task/%1/status"_s.arg(id), { { "status"_L1, u"canceled"_s } });
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json(), finalizedError(u"customer-cancelled"_s));

    // A review left open past windowClose expires.
    const QString other
        = post(u"/task"_s, taskBody()).json().value("properties"_L1).toObject().value("taskingrequestId"_L1).toString();
    m_emulator->advanceClock(8 * 86400);
    QCOMPARE(codes(get(u"/task/"_s + other).json()).first(), u"expired"_s);
    QCOMPARE(patch(u"/task/%1/status"_s.arg(other), { { "status"_L1, u"canceled"_s } }).json(),
        finalizedError(u"expired"_s));
    QCOMPARE(
        patch(u"/task/00000000-0000-0000-0000-000000000000/status"_s, { { "status"_L1, u"canceled"_s } }).status, 404);
}

void TestCapellaEmulator::taskPatch()
{
    const QString id
        = post(u"/task"_s, taskBody()).json().value("properties"_L1).toObject().value("taskingrequestId"_L1).toString();
    const QJsonObject changes { { "taskingrequestName"_L1, u"renamed"_s }, { "customAttribute1"_L1, u"x"_s },
        { "processingConfig"_L1, QJsonObject { { "productTypes"_L1, QJsonArray { u"GEO"_s, u"SLC"_s } } } } };
    const Result updated = patch(u"/task/"_s + id, { { "properties"_L1, changes } });
    QCOMPARE(updated.status, 200);
    const QJsonObject p = updated.json().value("properties"_L1).toObject();
    QCOMPARE(p.value("taskingrequestName"_L1).toString(), u"renamed"_s);
    QCOMPARE(p.value("customAttribute1"_L1).toString(), u"x"_s);
    QCOMPARE(p.value("processingConfig"_L1).toObject(), changes.value("processingConfig"_L1).toObject());
    const Result window
        = patch(u"/task/"_s + id, { { "properties"_L1, QJsonObject { { "windowOpen"_L1, u"2030-01-01"_s } } } });
    QCOMPARE(window.status, 400);
    QCOMPARE(window.code(), u"VALIDATION_ERROR"_s);
    QVERIFY(window.errorObject().value("detail"_L1).toString().startsWith(u"windowOpen: "_s));
    const Result noGeo = patch(u"/task/"_s + id,
        { { "properties"_L1,
            QJsonObject {
                { "processingConfig"_L1, QJsonObject { { "productTypes"_L1, QJsonArray { u"SLC"_s } } } } } } });
    QCOMPARE(noGeo.code(), u"VALIDATION_ERROR"_s);
    QCOMPARE(get(u"/task/"_s + id).json().value("properties"_L1).toObject().value("taskingrequestName"_L1).toString(),
        u"renamed"_s);
}

void TestCapellaEmulator::taskSearch()
{
    for (int i = 0; i < 7; ++i) {
        const QDateTime submitted(QDate(2022, 12, i + 1), QTime(10, 0), Qt::UTC);
        const QString status = i < 3 ? u"completed"_s : i < 5 ? u"active"_s : u"canceled"_s;
        QJsonObject properties { { "taskingrequestId"_L1, seededId(i) },
            { "taskingrequestName"_L1, u"seed %1"_s.arg(i) }, { "submissionTime"_L1, iso(submitted) },
            { "windowOpen"_L1, iso(submitted) }, { "windowClose"_L1, iso(submitted.addDays(7)) },
            { "collectionTier"_L1, u"standard"_s }, { "collectionType"_L1, i % 2 ? u"spotlight"_s : u"stripmap_20"_s },
            { "statusHistory"_L1,
                QJsonArray { QJsonObject { { "time"_L1, iso(submitted.addDays(1)) }, { "code"_L1, status } },
                    QJsonObject { { "time"_L1, iso(submitted) }, { "code"_L1, u"received"_s } } } } };
        if (i == 5)
            properties.insert("repeatrequestId"_L1, u"rr-1"_s);
        if (i == 6)
            properties.insert("userId"_L1, u"11111111-2222-3333-4444-555555555555"_s);
        QCOMPARE(m_emulator->addTaskingRequest(
                     { { "type"_L1, u"Feature"_s }, { "geometry"_L1, point() }, { "properties"_L1, properties } }),
            seededId(i));
    }
    const auto found = [this](const QJsonObject &query, const QString &paging = u"?page=1&limit=250"_s) {
        const Result result = post(u"/tasks/search"_s + paging, { { "query"_L1, query } });
        QStringList list;
        for (const QJsonValue &feature : result.json().value("results"_L1).toArray())
            list.append(feature.toObject().value("properties"_L1).toObject().value("taskingrequestId"_L1).toString());
        return result.status == 200 ? list : QStringList { u"error %1"_s.arg(result.status) };
    };
    const QJsonObject own { { "userId"_L1, UserId },
        { "includeRepeatingTasks"_L1, QJsonObject { { "eq"_L1, false } } } };
    const QStringList mine { seededId(4), seededId(3), seededId(2), seededId(1), seededId(0) };
    QCOMPARE(found(own), mine);
    const Result page = post(u"/tasks/search?page=1&limit=2"_s, { { "query"_L1, own } });
    QCOMPARE(page.json().value("currentPage"_L1).toInt(), 1);
    QCOMPARE(page.json().value("totalPages"_L1).toInt(), 3);
    QCOMPARE(
        found(own, u"?page=1&limit=2"_s) + found(own, u"?page=2&limit=2"_s) + found(own, u"?page=3&limit=2"_s), mine);
    QCOMPARE(found(own, u"?page=4&limit=2"_s), QStringList());

    const auto with = [&own](const char *key, const QJsonValue &value) {
        QJsonObject query = own;
        query.insert(QLatin1String(key), value);
        return query;
    };
    QCOMPARE(found(with("lastStatusCode", QJsonObject { { "eq"_L1, u"completed"_s } })),
        QStringList({ seededId(2), seededId(1), seededId(0) }));
    QCOMPARE(found(with("collectionType", QJsonArray { u"spotlight"_s, u"spotlight_ultra"_s })),
        QStringList({ seededId(3), seededId(1) }));
    QCOMPARE(found(with("submissionTime", QJsonObject { { "gt"_L1, u"2022-12-3"_s } })),
        QStringList({ seededId(4), seededId(3), seededId(2) }));
    QCOMPARE(found(with("windowClose", QJsonObject { { "lte"_L1, u"2022-12-08T10:00:00.000Z"_s } })),
        QStringList({ seededId(0) }));
    QCOMPARE(found({ { "organizationIds"_L1, QJsonArray { OrganizationId } },
                       { "includeRepeatingTasks"_L1, QJsonObject { { "eq"_L1, true } } } })
                 .size(),
        7);
    QCOMPARE(found({ { "organizationIds"_L1, QJsonArray { OrganizationId } },
                 { "taskingrequestIds"_L1, QJsonArray { seededId(0), seededId(6) } } }),
        QStringList({ seededId(6), seededId(0) }));

    // Refused: "in", an unknown key, no owner, paging out of range, "filter" instead of "query".
    QCOMPARE(found(with("lastStatusCode", QJsonObject { { "in"_L1, QJsonArray { u"completed"_s } } })),
        QStringList({ u"error 400"_s }));
    QCOMPARE(found(with("color", u"red"_s)), QStringList({ u"error 400"_s }));
    QCOMPARE(found({ { "lastStatusCode"_L1, QJsonObject { { "eq"_L1, u"completed"_s } } } }),
        QStringList({ u"error 400"_s }));
    QCOMPARE(found(own, u"?page=1&limit=501"_s), QStringList({ u"error 400"_s }));
    QCOMPARE(found(own, u"?page=0&limit=10"_s), QStringList({ u"error 400"_s }));
    const Result filter = post(u"/tasks/search"_s, { { "filter"_L1, own } });
    QCOMPARE(filter.status, 400);
    QCOMPARE(filter.code(), u"VALIDATION_ERROR"_s);
}
