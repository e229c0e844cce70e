// CapellaEmulator, part 5: tasking requests (capella.md section 6): creation, the life cycle on
// the emulator clock (see the header), updates, status changes, search, collects and tiles.

#include <algorithm>
#include <cmath>

#include <QJsonDocument>
#include <QUuid>
#include <QtMath>

#include "tests/support/capellaemulator.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/syntheticfiles.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QUuid TaskingNamespace(u"3f9a2c7e-61d4-4b8a-a0e5-2c4b6d8f1a37"_s);
const QStringList FinalStatuses { u"completed"_s, u"canceled"_s, u"rejected"_s, u"expired"_s };
const QStringList UpdatableTaskingFields { u"taskingrequestName"_s, u"taskingrequestDescription"_s,
    u"customAttribute1"_s, u"customAttribute2"_s, u"processingConfig"_s };
const QStringList TaskSearchKeys { u"collectionType"_s, u"collectionTier"_s, u"type"_s, u"lastStatusTime"_s,
    u"organizationIds"_s, u"lastStatusCode"_s, u"submissionTime"_s, u"taskingrequestIds"_s, u"userId"_s,
    u"windowClose"_s, u"windowOpen"_s, u"includeRepeatingTasks"_s };

QString uuidFor(const QString &name)
{
    return QUuid::createUuidV5(TaskingNamespace, name).toString(QUuid::WithoutBraces);
}

QString messageFor(const QString &code)
{
    static const QHash<QString, QString> messages {
        { u"received"_s, u"Request created"_s },
        { u"review"_s, u"Request is awaiting customer approval of its cost"_s },
        { u"submitted"_s, u"Request submitted for scheduling"_s },
        { u"accepted"_s, u"Request accepted by the tasking system"_s },
        { u"active"_s, u"Collection will be attempted"_s },
        { u"completed"_s, u"Tasking request has been completed."_s },
        { u"canceled"_s, u"Request canceled by the customer"_s },
        { u"rejected"_s, u"Request cost rejected by the customer"_s },
        { u"expired"_s, u"Request expired before it was approved"_s },
    };
    return messages.value(code, code);
}

} // namespace

QString CapellaEmulator::transactionStatus(const QString &status)
{
    if (status == "review"_L1)
        return u"pending-customer-approval"_s;
    if (status == "submitted"_L1 || status == "accepted"_L1 || status == "active"_L1)
        return u"in-progress"_s;
    if (status == "completed"_L1 || status == "expired"_L1)
        return status;
    if (status == "canceled"_L1)
        return u"customer-cancelled"_s;
    if (status == "rejected"_L1)
        return u"customer-rejected"_s;
    return {};
}

QJsonArray CapellaEmulator::historyJson(const QList<Event> &events)
{
    QJsonArray history; // newest first
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        history.append(
            QJsonObject { { "time"_L1, isoTime(it->time) }, { "code"_L1, it->code }, { "message"_L1, it->message } });
    }
    return history;
}

CapellaEmulator::TaskingRecord *CapellaEmulator::findTasking(const QString &id) const
{
    for (TaskingRecord &record : m_tasking) {
        if (record.id == id)
            return &record;
    }
    return nullptr;
}

QList<CapellaEmulator::Event> CapellaEmulator::taskingEvents(const TaskingRecord &record) const
{
    QList<Event> events;
    const auto add = [&events](const QDateTime &time, const QString &code) {
        events.append({ time, code, messageFor(code) });
    };
    if (record.seeded) {
        const QJsonArray history = record.feature.value("properties"_L1).toObject().value("statusHistory"_L1).toArray();
        for (qsizetype i = history.size() - 1; i >= 0; --i) {
            const QJsonObject entry = history.at(i).toObject();
            events.append({ parseTime(entry.value("time"_L1)), entry.value("code"_L1).toString(),
                entry.value("message"_L1).toString() });
        }
        if (events.isEmpty())
            add(record.created, u"received"_s);
        if (record.submitted.isValid())
            add(record.submitted, u"submitted"_s);
        if (!record.finalStatus.isEmpty())
            add(record.finalAt, record.finalStatus);
        return events;
    }
    add(record.created, u"received"_s);
    const QDateTime reviewAt = record.created.addSecs(ReviewAfter);
    if (!record.preApproval)
        add(reviewAt, u"review"_s);
    if (record.submitted.isValid()) {
        const QDateTime s = record.submitted;
        add(s, u"submitted"_s);
        add(s.addSecs(AcceptedAfter), u"accepted"_s);
        add(s.addSecs(ActiveAfter), u"active"_s);
        add(s.addSecs(CompletedAfter), u"completed"_s);
    } else {
        const QDateTime close = parseTime(record.feature.value("properties"_L1).toObject().value("windowClose"_L1));
        if (close.isValid() && close > reviewAt)
            add(close, u"expired"_s);
    }
    QDateTime limit = now();
    if (!record.finalStatus.isEmpty()) {
        events.removeIf([&record](const Event &event) { return event.time > record.finalAt; });
        add(record.finalAt, record.finalStatus);
        limit = std::max(limit, record.finalAt);
    }
    events.removeIf([&limit](const Event &event) { return event.time > limit; });
    return events;
}

QString CapellaEmulator::taskingStatus(const TaskingRecord &record) const
{
    const QList<Event> events = taskingEvents(record);
    return events.isEmpty() ? u"received"_s : events.last().code;
}

QJsonObject CapellaEmulator::taskingJson(const TaskingRecord &record) const
{
    QJsonObject feature = record.feature;
    if (record.seeded && !record.submitted.isValid() && record.finalStatus.isEmpty())
        return feature;
    QJsonObject properties = feature.value("properties"_L1).toObject();
    const QList<Event> events = taskingEvents(record);
    properties.insert("statusHistory"_L1, historyJson(events));
    properties.insert("transactionStatus"_L1, transactionStatus(events.isEmpty() ? QString() : events.last().code));
    feature.insert("properties"_L1, properties);
    return feature;
}

QJsonObject CapellaEmulator::taskingRequest(const QString &id) const
{
    syncRepeatRequests();
    const TaskingRecord *record = findTasking(id);
    return record ? taskingJson(*record) : QJsonObject();
}

QStringList CapellaEmulator::taskingRequestIds() const
{
    syncRepeatRequests();
    QStringList ids;
    for (const TaskingRecord &record : std::as_const(m_tasking))
        ids.append(record.id);
    return ids;
}

QString CapellaEmulator::addTaskingRequest(QJsonObject feature)
{
    QJsonObject properties = feature.value("properties"_L1).toObject();
    QString id = properties.value("taskingrequestId"_L1).toString();
    if (id.isEmpty())
        id = newUuid();
    properties.insert("taskingrequestId"_L1, id);
    if (!properties.contains("userId"_L1))
        properties.insert("userId"_L1, UserId.toString());
    if (!properties.contains("orgId"_L1))
        properties.insert("orgId"_L1, OrganizationId.toString());
    if (!properties.contains("repeatrequestId"_L1))
        properties.insert("repeatrequestId"_L1, QJsonValue(QJsonValue::Null));
    feature.insert("properties"_L1, properties);
    TaskingRecord record;
    record.id = id;
    record.feature = feature;
    record.seeded = true;
    record.created = parseTime(properties.value("submissionTime"_L1));
    if (!record.created.isValid())
        record.created = now();
    m_tasking.append(record);
    return id;
}

QJsonArray CapellaEmulator::collects(const QString &taskingRequestId) const
{
    syncRepeatRequests();
    const TaskingRecord *record = findTasking(taskingRequestId);
    return record ? collectsJson(*record) : QJsonArray();
}

QJsonArray CapellaEmulator::collectsJson(const TaskingRecord &record) const
{
    if (record.seeded || !record.submitted.isValid())
        return {};
    const QDateTime s = record.submitted;
    const QDateTime limit = record.finalStatus.isEmpty() ? now() : std::min(now(), record.finalAt);
    if (limit < s.addSecs(ActiveAfter))
        return {};
    const QJsonObject properties = record.feature.value("properties"_L1).toObject();
    const QJsonObject constraints = properties.value("collectConstraints"_L1).toObject();
    const QString mode = constraints.value("collectMode"_L1).toString();
    const int duration = mode == "spotlight"_L1 ? 10 : mode == "stripmap"_L1 ? 4 : 12;
    const QList<QJsonObject> tileList = tiles(record.feature.value("geometry"_L1).toObject());
    const QStringList statuses { u"predicted"_s, u"tasked"_s, u"collected"_s, u"processing"_s, u"qa"_s,
        u"delivered"_s };
    QJsonArray list;
    for (qsizetype i = 0; i < tileList.size(); ++i) {
        const QJsonArray ring = tileList.at(i).value("coordinates"_L1).toArray().at(0).toArray();
        const double lon = (ring.at(0).toArray().at(0).toDouble() + ring.at(2).toArray().at(0).toDouble()) / 2;
        const double lat = (ring.at(0).toArray().at(1).toDouble() + ring.at(2).toArray().at(1).toDouble()) / 2;
        const int seed = SyntheticFiles::seedFor(record.id + QString::number(i));
        const auto pick = [seed](const QString &given, const QString &a, const QString &b) {
            return given == a || given == b ? given : (seed % 2 ? a : b);
        };
        // WGS 84 to ECEF.
        const double phi = qDegreesToRadians(lat);
        const double lambda = qDegreesToRadians(lon);
        const double n = 6378137.0 / std::sqrt(1 - 6.69437999014e-3 * std::sin(phi) * std::sin(phi));
        const QJsonArray ecef { std::round(n * std::cos(phi) * std::cos(lambda)),
            std::round(n * std::cos(phi) * std::sin(lambda)), std::round(n * (1 - 6.69437999014e-3) * std::sin(phi)) };
        const QDateTime open = s.addSecs(ActiveAfter + 120 + 15 * i);
        QList<Event> history;
        for (int k = 0; k < statuses.size(); ++k) {
            const QDateTime at = s.addSecs(ActiveAfter + 60 * k);
            if (at <= limit)
                history.append({ at, statuses.at(k), u"Collect %1"_s.arg(statuses.at(k)) });
        }
        const qint64 localSeconds
            = ((open.time().msecsSinceStartOfDay() / 1000 + qint64(lon / 15 * 3600)) % 86400 + 86400) % 86400;
        list.append(QJsonObject {
            { "collectId"_L1, uuidFor(record.id + u"/collect/"_s + QString::number(i)) },
            { "tileId"_L1, uuidFor(record.id + u"/tile/"_s + QString::number(i)) },
            { "tileGroupId"_L1, uuidFor(record.id + u"/tiles"_s) },
            { "taskingrequestId"_L1, record.id },
            { "repeatrequestId"_L1, properties.value("repeatrequestId"_L1) },
            { "spacecraftId"_L1, 2 + seed % 14 },
            { "center"_L1, QJsonArray { lon, lat, 0 } },
            { "centerEcef"_L1, ecef },
            { "windowOpen"_L1, isoTime(open) },
            { "windowClose"_L1, isoTime(open.addSecs(duration)) },
            { "windowDuration"_L1, duration },
            { "accessProperties"_L1,
                QJsonObject {
                    { "ascdsc"_L1, pick(constraints.value("ascDsc"_L1).toString(), u"ascending"_s, u"descending"_s) },
                    { "lookDirection"_L1,
                        pick(constraints.value("lookDirection"_L1).toString(), u"right"_s, u"left"_s) },
                    { "localTime"_L1, localSeconds }, { "azimuthOpen"_L1, double(seed % 360) },
                    { "azimuthClose"_L1, double((seed + 4) % 360) }, { "elevationMin"_L1, 40 },
                    { "elevationMax"_L1, 70 }, { "offNadirMin"_L1, constraints.value("offNadirMin"_L1) },
                    { "offNadirMax"_L1, constraints.value("offNadirMax"_L1) } } },
            { "collectProperties"_L1,
                QJsonObject { { "collectDuration"_L1, duration },
                    { "imageLength"_L1, constraints.value("imageLength"_L1) },
                    { "imageWidth"_L1, constraints.value("imageWidth"_L1) },
                    { "grr"_L1, constraints.value("grrMin"_L1) }, { "azr"_L1, constraints.value("azrMin"_L1) },
                    { "bandwidth"_L1, 5e8 }, { "nesz"_L1, -17.5 }, { "meanSquint"_L1, 0 },
                    { "polarization"_L1, constraints.value("polarization"_L1) } } },
            { "collectStatusHistory"_L1, historyJson(history) },
        });
    }
    return list;
}

// ---- routes ---------------------------------------------------------------------------------

void CapellaEmulator::handleTasking(
    const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments)
{
    const QString first = segments.at(0);
    if (first == "collectiontypes"_L1 && segments.size() == 1) {
        if (request.method != "GET")
            return sendMethodNotAllowed(response);
        QJsonArray types;
        const std::pair<const char *, const char *> known[]
            = { { "spotlight", "Spotlight, 5 x 5 km" }, { "spotlight_ultra", "Spotlight ultra, highest resolution" },
                  { "spotlight_wide", "Sliding spotlight, 5 x 10 km" }, { "stripmap_20", "Stripmap, 5 x 20 km" },
                  { "stripmap_50", "Stripmap, 5 x 50 km" }, { "stripmap_100", "Stripmap, 5 x 100 km" },
                  { "parallel_stripmap_20", "Parallel stripmap, 20 km" },
                  { "parallel_stripmap_50", "Parallel stripmap, 50 km" },
                  { "parallel_stripmap_100", "Parallel stripmap, 100 km" } };
        for (const auto &[name, description] : known) {
            types.append(QJsonObject {
                { "name"_L1, QString::fromLatin1(name) }, { "description"_L1, QString::fromLatin1(description) } });
        }
        return sendJson(response, 200, types);
    }
    if (first == "tasks"_L1) {
        if (segments.size() != 2 || segments.at(1) != "search"_L1)
            return sendError(response, 404, u"NOT_FOUND"_s, u"Not Found"_s);
        if (request.method != "POST")
            return sendMethodNotAllowed(response);
        return searchTaskingRequests(request, response);
    }
    if (first == "collects"_L1 || first == "tiles"_L1) {
        if (segments.size() != 3 || segments.at(1) != "list"_L1)
            return sendError(response, 404, u"NOT_FOUND"_s, u"Not Found"_s);
        if (request.method != "GET")
            return sendMethodNotAllowed(response);
        const TaskingRecord *record = findTasking(segments.at(2));
        if (record == nullptr)
            return sendNotFound(response, u"Tasking request %1"_s.arg(segments.at(2)));
        if (first == "collects"_L1)
            return sendJson(response, 200, collectsJson(*record));
        const QList<Event> events = taskingEvents(*record);
        const bool planned = std::any_of(events.begin(), events.end(), [](const Event &event) {
            return event.code == "accepted"_L1 || event.code == "active"_L1 || event.code == "completed"_L1;
        });
        QJsonArray list;
        const QList<QJsonObject> tileList
            = planned ? tiles(record->feature.value("geometry"_L1).toObject()) : QList<QJsonObject>();
        for (qsizetype i = 0; i < tileList.size(); ++i) {
            list.append(QJsonObject { { "type"_L1, u"Feature"_s }, { "geometry"_L1, tileList.at(i) },
                { "properties"_L1,
                    QJsonObject { { "tileId"_L1, uuidFor(record->id + u"/tile/"_s + QString::number(i)) },
                        { "tileGroupId"_L1, uuidFor(record->id + u"/tiles"_s) },
                        { "taskingrequestId"_L1, record->id } } } });
        }
        return sendJson(response, 200, list);
    }
    // /task, /task/{id}, /task/{id}/status
    if (segments.size() == 1) {
        if (request.method != "POST")
            return sendMethodNotAllowed(response);
        return createTaskingRequest(request, response);
    }
    if (segments.size() > 3 || (segments.size() == 3 && segments.at(2) != "status"_L1))
        return sendError(response, 404, u"NOT_FOUND"_s, u"Not Found"_s);
    TaskingRecord *record = findTasking(segments.at(1));
    if (record == nullptr)
        return sendNotFound(response, u"Tasking request %1"_s.arg(segments.at(1)));
    if (segments.size() == 3) {
        if (request.method != "PATCH")
            return sendMethodNotAllowed(response);
        return changeTaskingStatus(request, response, *record);
    }
    if (request.method == "GET")
        return sendJson(response, 200, taskingJson(*record));
    if (request.method == "PATCH")
        return patchTaskingRequest(request, response, *record);
    sendMethodNotAllowed(response);
}

void CapellaEmulator::createTaskingRequest(const ReceivedRequest &request, HttpServerResponse &response)
{
    QJsonObject body;
    if (!jsonBody(request, response, &body))
        return;
    ValidationError error;
    if (body.contains("type"_L1) && body.value("type"_L1).toString() != "Feature"_L1)
        return sendValidationError(response, { u"type"_s, u"must be Feature"_s });
    if (!validateGeometry(body.value("geometry"_L1), &error))
        return sendValidationError(response, error);
    if (!body.value("properties"_L1).isObject())
        return sendValidationError(response, { u"properties"_s, u"required, an object"_s });
    const QJsonObject given = body.value("properties"_L1).toObject();
    if (!validateCommon(given, false, &error))
        return sendValidationError(response, error);
    const QString contractId = body.value("contractId"_L1).toString();
    if (!contractId.isEmpty() && !m_contractIds.isEmpty() && !m_contractIds.contains(contractId))
        return sendError(response, 400, u"CONTRACT_NOT_FOUND"_s, u"Contract %1 not found"_s.arg(contractId));

    TaskingRecord record;
    record.id = newUuid();
    record.created = now();
    readPreApproval(given, &record.preApproval, &error);
    if (record.preApproval)
        record.submitted = record.created.addSecs(ReviewAfter);
    const QJsonObject geometry = body.value("geometry"_L1).toObject();
    const QDateTime open = given.value("windowOpen"_L1).isString() ? parseTime(given.value("windowOpen"_L1)) : now();
    const QDateTime close
        = given.value("windowClose"_L1).isString() ? parseTime(given.value("windowClose"_L1)) : now().addDays(7);
    const QString collectionType = given.value("collectionType"_L1).toString(u"spotlight"_s);
    QJsonObject properties {
        { "taskingrequestId"_L1, record.id },
        { "taskingrequestName"_L1, given.value("taskingrequestName"_L1) },
        { "taskingrequestDescription"_L1, given.value("taskingrequestDescription"_L1).toString() },
        { "submissionTime"_L1, isoTime(record.created) },
        { "userId"_L1, UserId.toString() },
        { "orgId"_L1, OrganizationId.toString() },
        { "repeatrequestId"_L1, QJsonValue(QJsonValue::Null) },
        { "windowOpen"_L1, isoTime(open) },
        { "windowClose"_L1, isoTime(close) },
        { "windowDuration"_L1, open.secsTo(close) },
        { "collectionTier"_L1, given.value("collectionTier"_L1).toString(u"standard"_s) },
        { "collectionType"_L1, collectionType },
        { "type"_L1, instrumentMode(collectionType) },
        { "archiveHoldback"_L1, given.value("archiveHoldback"_L1).toString(u"none"_s) },
        { "customAttribute1"_L1,
            given.value("customAttribute1"_L1).isString() ? given.value("customAttribute1"_L1)
                                                          : QJsonValue(QJsonValue::Null) },
        { "customAttribute2"_L1,
            given.value("customAttribute2"_L1).isString() ? given.value("customAttribute2"_L1)
                                                          : QJsonValue(QJsonValue::Null) },
        { "preApproval"_L1, record.preApproval },
        { "sandbox"_L1, false },
        { "collectConstraints"_L1,
            normalizedConstraints(given.value("collectConstraints"_L1).toObject(), geometry.value("type"_L1).toString(),
                collectionType) },
        { "processingConfig"_L1,
            given.value("processingConfig"_L1).isObject()
                ? given.value("processingConfig"_L1)
                : QJsonObject { { "productTypes"_L1, QJsonArray { u"GEO"_s } } } },
    };
    const double price = taskingPrice(properties, geometry);
    const qsizetype tileCount = tiles(geometry).size();
    properties.insert("order"_L1,
        QJsonObject { { "summary"_L1, QJsonObject { { "total"_L1, money(price) }, { "subtotal"_L1, money(price) } } },
            { "lineItems"_L1,
                QJsonArray { QJsonObject { { "taskId"_L1, record.id },
                    { "accountingSize"_L1,
                        QJsonObject { { "unit"_L1, u"sqkm"_s }, { "value"_L1, double(25 * tileCount) } } } } } },
            { "archiveHoldback"_L1, properties.value("archiveHoldback"_L1) },
            { "managedOrganizationIds"_L1, QJsonArray { u"*"_s } } });
    if (!contractId.isEmpty())
        properties.insert("contractId"_L1, contractId);
    record.feature
        = QJsonObject { { "type"_L1, u"Feature"_s }, { "geometry"_L1, geometry }, { "properties"_L1, properties } };
    m_tasking.append(record);
    sendJson(response, 201, taskingJson(record));
}

void CapellaEmulator::patchTaskingRequest(
    const ReceivedRequest &request, HttpServerResponse &response, TaskingRecord &record)
{
    QJsonObject body;
    if (!jsonBody(request, response, &body))
        return;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != "properties"_L1)
            return sendValidationError(response, { it.key(), u"cannot be updated; send {\"properties\": {...}}"_s });
    }
    const QJsonObject changes = body.value("properties"_L1).toObject();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (!UpdatableTaskingFields.contains(it.key()))
            return sendValidationError(
                response, { it.key(), u"cannot be updated (only %1)"_s.arg(UpdatableTaskingFields.join(u", "_s)) });
    }
    ValidationError error;
    if (changes.contains("taskingrequestName"_L1)
        && (!changes.value("taskingrequestName"_L1).isString()
            || changes.value("taskingrequestName"_L1).toString().trimmed().isEmpty()))
        return sendValidationError(response, { u"taskingrequestName"_s, u"must be a non-empty string"_s });
    for (const QString &key : { u"taskingrequestDescription"_s, u"customAttribute1"_s, u"customAttribute2"_s }) {
        if (changes.contains(key) && !changes.value(key).isString() && !changes.value(key).isNull())
            return sendValidationError(response, { key, u"must be a string or null"_s });
    }
    if (changes.contains("processingConfig"_L1)) {
        if (!validateProcessingConfig(changes.value("processingConfig"_L1), u"processingConfig"_s, &error))
            return sendValidationError(response, error);
        if (FinalStatuses.contains(taskingStatus(record)))
            return sendError(response, 400, u"UNABLE_TO_UPDATE_TASKING_REQUEST"_s,
                u"Cannot update tasking request in current state"_s);
    }
    QJsonObject properties = record.feature.value("properties"_L1).toObject();
    for (auto it = changes.begin(); it != changes.end(); ++it)
        properties.insert(it.key(), *it);
    record.feature.insert("properties"_L1, properties);
    sendJson(response, 200, taskingJson(record));
}

void CapellaEmulator::changeTaskingStatus(
    const ReceivedRequest &request, HttpServerResponse &response, TaskingRecord &record)
{
    QJsonObject body;
    if (!jsonBody(request, response, &body))
        return;
    QString wanted = body.value("status"_L1).toString().toLower();
    if (wanted == "cancelled"_L1)
        wanted = u"canceled"_s;
    if (wanted != "canceled"_L1 && wanted != "approved"_L1 && wanted != "rejected"_L1)
        return sendValidationError(response, { u"status"_s, u"must be canceled, approved or rejected"_s });
    const QString current = taskingStatus(record);
    if (FinalStatuses.contains(current))
        return sendError(response, 400, u"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"_s,
            u"This transaction has been finalized with a status of '%1'. It cannot be further modified."_s.arg(
                transactionStatus(current)));
    if (wanted != "canceled"_L1 && current != "review"_L1)
        return sendError(response, 400, u"UNABLE_TO_UPDATE_TASKING_REQUEST"_s,
            u"Tasking request is '%1'; only a request in review can be approved or rejected"_s.arg(current));
    if (wanted == "approved"_L1) {
        record.submitted = now();
    } else {
        record.finalStatus = wanted;
        record.finalAt = now();
    }
    sendJson(response, 200, QJsonObject { { "status"_L1, wanted } });
}

void CapellaEmulator::searchTaskingRequests(const ReceivedRequest &request, HttpServerResponse &response)
{
    QJsonObject body;
    if (!jsonBody(request, response, &body))
        return;
    if (!body.value("query"_L1).isObject())
        return sendValidationError(response,
            { u"query"_s, u"required, an object (tasking request search takes \"query\", not \"filter\")"_s });
    const QJsonObject query = body.value("query"_L1).toObject();
    for (auto it = query.begin(); it != query.end(); ++it) {
        if (!TaskSearchKeys.contains(it.key()))
            return sendValidationError(response, { u"query."_s + it.key(), u"unsupported filter"_s });
    }
    if (!query.contains("userId"_L1) && !query.contains("organizationIds"_L1))
        return sendValidationError(response, { u"query"_s, u"userId or organizationIds is required"_s });
    const QJsonValue repeating = query.value("includeRepeatingTasks"_L1);
    const bool includeRepeating
        = repeating.isObject() ? repeating.toObject().value("eq"_L1).toBool(true) : repeating.toBool(true);

    QList<QJsonObject> matched;
    for (const TaskingRecord &record : std::as_const(m_tasking)) {
        const QJsonObject feature = taskingJson(record);
        const QJsonObject properties = feature.value("properties"_L1).toObject();
        if (!includeRepeating && !properties.value("repeatrequestId"_L1).isNull()
            && !properties.value("repeatrequestId"_L1).isUndefined())
            continue;
        const QJsonObject latest = properties.value("statusHistory"_L1).toArray().at(0).toObject();
        bool keep = true;
        for (auto it = query.begin(); keep && it != query.end(); ++it) {
            const QString key = it.key();
            QJsonValue actual;
            if (key == "includeRepeatingTasks"_L1)
                continue;
            if (key == "organizationIds"_L1)
                actual = properties.value("orgId"_L1);
            else if (key == "taskingrequestIds"_L1)
                actual = record.id;
            else if (key == "lastStatusCode"_L1)
                actual = latest.value("code"_L1);
            else if (key == "lastStatusTime"_L1)
                actual = latest.value("time"_L1);
            else
                actual = properties.value(key);
            QString problem;
            keep = matchesFilter(actual, *it, &problem);
            if (!problem.isEmpty())
                return sendValidationError(response, { u"query."_s + key, problem });
        }
        if (keep)
            matched.append(feature);
    }
    std::stable_sort(matched.begin(), matched.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const QJsonObject x = a.value("properties"_L1).toObject();
        const QJsonObject y = b.value("properties"_L1).toObject();
        const QDateTime tx = parseTime(x.value("submissionTime"_L1));
        const QDateTime ty = parseTime(y.value("submissionTime"_L1));
        if (tx != ty)
            return tx > ty;
        return x.value("taskingrequestId"_L1).toString() < y.value("taskingrequestId"_L1).toString();
    });
    QJsonArray results;
    for (const QJsonObject &feature : std::as_const(matched))
        results.append(feature);
    QJsonObject envelope;
    if (pageOf(request, response, results, &envelope))
        sendJson(response, 200, envelope);
}

} // namespace StacScope
