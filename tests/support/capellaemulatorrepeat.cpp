// CapellaEmulator, part 6: repeat requests (capella.md section 7) and the paging and filter
// helpers that tasking and repeat request searches share.

#include <algorithm>
#include <cmath>
#include <optional>

#include <QUuid>

#include "tests/support/capellaemulator.h"
#include "tests/support/httpserverresponse.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QStringList FinalRepeatStatuses { u"completed"_s, u"canceled"_s, u"rejected"_s, u"expired"_s };
const QStringList UpdatableRepeatFields { u"repeatrequestName"_s, u"repeatrequestDescription"_s, u"customAttribute1"_s,
    u"customAttribute2"_s, u"processingConfig"_s };
const QStringList RepeatSearchKeys { u"collectionType"_s, u"collectionTier"_s, u"type"_s, u"lastStatusTime"_s,
    u"repetitionProperties.repetitionInterval"_s, u"repetitionProperties.repeatEnd"_s,
    u"repetitionProperties.repeatStart"_s, u"repeatrequestIds"_s, u"organizationIds"_s, u"lastStatusCode"_s,
    u"submissionTime"_s, u"userId"_s };
const QUuid DerivedNamespace(u"7d3e9b10-2f4c-4a8e-b6d1-5e0c3a9f8b24"_s);
const QStringList InsarOrbits { u"MIO_53_2P95"_s, u"SSO_97_7P00"_s };

bool isWholeNumber(const QJsonValue &value)
{
    return value.isDouble() && std::floor(value.toDouble()) == value.toDouble();
}

} // namespace

// ---- shared search helpers ------------------------------------------------------------------

bool CapellaEmulator::pageOf(
    const ReceivedRequest &request, HttpServerResponse &response, const QJsonArray &results, QJsonObject *envelope)
{
    int page = 1;
    int limit = DefaultTaskSearchLimit;
    bool ok = true;
    if (request.hasQueryItem(u"page"_s))
        page = request.queryValue(u"page"_s).toInt(&ok);
    if (!ok || page < 1) {
        sendValidationError(response, { u"page"_s, u"must be a positive integer"_s });
        return false;
    }
    if (request.hasQueryItem(u"limit"_s))
        limit = request.queryValue(u"limit"_s).toInt(&ok);
    if (!ok || limit < 1 || limit > MaxTaskSearchLimit) {
        sendValidationError(response, { u"limit"_s, u"must be an integer from 1 to %1"_s.arg(MaxTaskSearchLimit) });
        return false;
    }
    QJsonArray pageResults;
    for (qsizetype i = qsizetype(page - 1) * limit; i < std::min<qsizetype>(results.size(), qsizetype(page) * limit);
         ++i)
        pageResults.append(results.at(i));
    *envelope = QJsonObject { { "results"_L1, pageResults }, { "currentPage"_L1, page },
        { "totalPages"_L1, int((results.size() + limit - 1) / limit) } };
    return true;
}

bool CapellaEmulator::matchesFilter(const QJsonValue &actual, const QJsonValue &condition, QString *error)
{
    // Date-times (also loose dates like "2022-12-1") compare as instants, numbers as numbers.
    const auto compare = [](const QJsonValue &a, const QJsonValue &b) -> std::optional<int> {
        if (a.isDouble() && b.isDouble())
            return a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble() ? 1 : 0;
        if (a.isBool() && b.isBool())
            return a.toBool() == b.toBool() ? 0 : 1;
        if (!a.isString() || !b.isString())
            return std::nullopt;
        const QDateTime x = a.toString().size() >= 8 ? parseTime(a) : QDateTime();
        const QDateTime y = b.toString().size() >= 8 ? parseTime(b) : QDateTime();
        if (x.isValid() && y.isValid())
            return x < y ? -1 : x > y ? 1 : 0;
        return a.toString().compare(b.toString());
    };
    if (condition.isArray()) {
        // Multi-values travel as a bare array ("in" is not supported by the API).
        const QJsonArray values = condition.toArray();
        return std::any_of(values.begin(), values.end(), [&](const QJsonValue &v) { return compare(actual, v) == 0; });
    }
    if (!condition.isObject())
        return compare(actual, condition) == 0;
    const QJsonObject operators = condition.toObject();
    for (auto it = operators.begin(); it != operators.end(); ++it) {
        const QString op = it.key();
        if (op != "eq"_L1 && op != "gt"_L1 && op != "gte"_L1 && op != "lt"_L1 && op != "lte"_L1) {
            *error = op == "in"_L1 ? u"operator 'in' is not supported; send the values as a bare array"_s
                                   : u"unsupported operator '%1' (eq, gt, gte, lt, lte)"_s.arg(op);
            return false;
        }
        const std::optional<int> order = compare(actual, *it);
        if (!order)
            return false;
        const bool ok = op == "eq"_L1 ? *order == 0
            : op == "gt"_L1           ? *order > 0
            : op == "gte"_L1          ? *order >= 0
            : op == "lt"_L1           ? *order < 0
                                      : *order <= 0;
        if (!ok)
            return false;
    }
    return true;
}

// ---- repeat requests ------------------------------------------------------------------------

CapellaEmulator::RepeatRecord *CapellaEmulator::findRepeat(const QString &id) const
{
    for (RepeatRecord &record : m_repeats) {
        if (record.id == id)
            return &record;
    }
    return nullptr;
}

QStringList CapellaEmulator::repeatRequestIds() const
{
    QStringList ids;
    for (const RepeatRecord &record : std::as_const(m_repeats))
        ids.append(record.id);
    return ids;
}

QJsonObject CapellaEmulator::repeatRequest(const QString &id) const
{
    const RepeatRecord *record = findRepeat(id);
    return record ? repeatJson(*record) : QJsonObject();
}

QList<CapellaEmulator::Event> CapellaEmulator::repeatEvents(const RepeatRecord &record) const
{
    QList<Event> events;
    const auto add = [&events](const QDateTime &time, const QString &code, const QString &message) {
        events.append({ time, code, message });
    };
    add(record.created, u"received"_s, u"Request created"_s);
    if (!record.preApproval)
        add(record.created.addSecs(ReviewAfter), u"review"_s, u"Repeat request is awaiting customer approval"_s);
    if (record.submitted.isValid()) {
        add(record.submitted, u"submitted"_s, u"Repeat request submitted"_s);
        add(record.submitted.addSecs(AcceptedAfter), u"accepted"_s, u"Repeat request accepted"_s);
        add(record.submitted.addSecs(ActiveAfter), u"active"_s, u"Repeat request is generating tasking requests"_s);
    }
    QDateTime limit = now();
    if (!record.finalStatus.isEmpty()) {
        events.removeIf([&record](const Event &event) { return event.time > record.finalAt; });
        add(record.finalAt, record.finalStatus,
            record.finalStatus == "canceled"_L1 ? u"Request canceled by the customer"_s
                                                : u"Request cost rejected by the customer"_s);
        limit = std::max(limit, record.finalAt);
    }
    events.removeIf([&limit](const Event &event) { return event.time > limit; });
    return events;
}

QJsonObject CapellaEmulator::repeatJson(const RepeatRecord &record) const
{
    QJsonObject feature = record.feature;
    QJsonObject properties = feature.value("properties"_L1).toObject();
    const QList<Event> events = repeatEvents(record);
    const bool priced = std::any_of(events.begin(), events.end(),
        [](const Event &event) { return event.code == "review"_L1 || event.code == "submitted"_L1; });
    if (!priced)
        properties.insert("costPerImageEstimate"_L1, QJsonValue(QJsonValue::Null));
    properties.insert("statusHistory"_L1, historyJson(events));
    feature.insert("properties"_L1, properties);
    return feature;
}

void CapellaEmulator::handleRepeat(
    const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments)
{
    if (segments.isEmpty()) {
        if (request.method != "POST")
            return sendMethodNotAllowed(response);
        return createRepeatRequest(request, response);
    }
    if (segments == QStringList { u"search"_s }) {
        if (request.method != "POST")
            return sendMethodNotAllowed(response);
        QJsonObject body;
        if (!jsonBody(request, response, &body))
            return;
        if (body.contains("query"_L1) && !body.contains("filter"_L1))
            return sendValidationError(
                response, { u"filter"_s, u"required (repeat request search takes \"filter\", not \"query\")"_s });
        const QJsonObject filter = body.value("filter"_L1).toObject();
        for (auto it = filter.begin(); it != filter.end(); ++it) {
            if (!RepeatSearchKeys.contains(it.key()))
                return sendValidationError(response, { u"filter."_s + it.key(), u"unsupported filter"_s });
        }
        QJsonArray results;
        for (const RepeatRecord &record : std::as_const(m_repeats)) {
            const QJsonObject feature = repeatJson(record);
            const QJsonObject properties = feature.value("properties"_L1).toObject();
            const QJsonObject latest = properties.value("statusHistory"_L1).toArray().at(0).toObject();
            bool keep = true;
            for (auto it = filter.begin(); keep && it != filter.end(); ++it) {
                const QString key = it.key();
                QJsonValue actual;
                if (key == "organizationIds"_L1)
                    actual = properties.value("orgId"_L1);
                else if (key == "repeatrequestIds"_L1)
                    actual = record.id;
                else if (key == "lastStatusCode"_L1)
                    actual = latest.value("code"_L1);
                else if (key == "lastStatusTime"_L1)
                    actual = latest.value("time"_L1);
                else if (key.startsWith("repetitionProperties."_L1))
                    actual = properties.value("repetitionProperties"_L1).toObject().value(key.mid(21));
                else
                    actual = properties.value(key);
                QString problem;
                keep = matchesFilter(actual, *it, &problem);
                if (!problem.isEmpty())
                    return sendValidationError(response, { u"filter."_s + key, problem });
            }
            if (keep)
                results.append(feature);
        }
        QJsonObject envelope;
        if (pageOf(request, response, results, &envelope))
            sendJson(response, 200, envelope);
        return;
    }
    if (segments.size() > 2 || (segments.size() == 2 && segments.at(1) != "status"_L1))
        return sendError(response, 404, u"NOT_FOUND"_s, u"Not Found"_s);
    RepeatRecord *record = findRepeat(segments.at(0));
    if (record == nullptr)
        return sendNotFound(response, u"Repeat request %1"_s.arg(segments.at(0)));
    if (request.method == "GET" && segments.size() == 1)
        return sendJson(response, 200, repeatJson(*record));
    if (request.method != "PATCH")
        return sendMethodNotAllowed(response);
    QJsonObject body;
    if (!jsonBody(request, response, &body))
        return;
    const QList<Event> events = repeatEvents(*record);
    const QString current = events.isEmpty() ? u"received"_s : events.last().code;
    if (segments.size() == 2) {
        // The client sends {"status": ...}, the docs show {"code": ...}: both work.
        QString wanted
            = (body.contains("status"_L1) ? body.value("status"_L1) : body.value("code"_L1)).toString().toLower();
        if (wanted == "cancelled"_L1)
            wanted = u"canceled"_s;
        if (wanted != "canceled"_L1 && wanted != "approved"_L1 && wanted != "rejected"_L1)
            return sendValidationError(response, { u"status"_s, u"must be canceled, approved or rejected"_s });
        if (FinalRepeatStatuses.contains(current))
            return sendError(response, 400, u"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"_s,
                u"This transaction has been finalized with a status of '%1'. It cannot be further modified."_s.arg(
                    transactionStatus(current)));
        if (wanted != "canceled"_L1 && current != "review"_L1)
            return sendError(response, 400, u"UNABLE_TO_UPDATE_REPEAT_REQUEST"_s,
                u"Repeat request is '%1'; only a request in review can be approved or rejected"_s.arg(current));
        if (wanted == "approved"_L1) {
            record->submitted = now();
        } else {
            record->finalStatus = wanted;
            record->finalAt = now();
        }
        return sendJson(response, 200, QJsonObject { { "status"_L1, wanted } });
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != "properties"_L1)
            return sendValidationError(response, { it.key(), u"cannot be updated; send {\"properties\": {...}}"_s });
    }
    const QJsonObject changes = body.value("properties"_L1).toObject();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (!UpdatableRepeatFields.contains(it.key()))
            return sendValidationError(
                response, { it.key(), u"cannot be updated (only %1)"_s.arg(UpdatableRepeatFields.join(u", "_s)) });
    }
    if (changes.contains("repeatrequestName"_L1)
        && changes.value("repeatrequestName"_L1).toString().trimmed().isEmpty())
        return sendValidationError(response, { u"repeatrequestName"_s, u"must be a non-empty string"_s });
    ValidationError error;
    if (changes.contains("processingConfig"_L1)) {
        if (!validateProcessingConfig(changes.value("processingConfig"_L1), u"processingConfig"_s, &error))
            return sendValidationError(response, error);
        if (FinalRepeatStatuses.contains(current))
            return sendError(response, 400, u"UNABLE_TO_UPDATE_REPEAT_REQUEST"_s,
                u"Cannot update repeat request in current state"_s);
    }
    QJsonObject properties = record->feature.value("properties"_L1).toObject();
    for (auto it = changes.begin(); it != changes.end(); ++it)
        properties.insert(it.key(), *it);
    record->feature.insert("properties"_L1, properties);
    sendJson(response, 200, repeatJson(*record));
}

void CapellaEmulator::createRepeatRequest(const ReceivedRequest &request, HttpServerResponse &response)
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
    if (!validateCommon(given, true, &error))
        return sendValidationError(response, error);
    const auto fail = [&response](const QString &field, const QString &why) {
        sendValidationError(response, { field, why });
    };

    const QJsonValue repetitionValue = given.value("repetitionProperties"_L1);
    if (!repetitionValue.isUndefined() && !repetitionValue.isNull() && !repetitionValue.isObject())
        return fail(u"repetitionProperties"_s, u"must be an object"_s);
    const QJsonObject repetition = repetitionValue.toObject();
    const auto present
        = [&repetition](const QString &key) { return repetition.contains(key) && !repetition.value(key).isNull(); };
    QDateTime start = now();
    if (present(u"repeatStart"_s) && !(start = parseTime(repetition.value("repeatStart"_L1))).isValid())
        return fail(u"repetitionProperties.repeatStart"_s, u"must be an ISO 8601 date-time"_s);
    QDateTime end;
    if (present(u"repeatEnd"_s) && !(end = parseTime(repetition.value("repeatEnd"_L1))).isValid())
        return fail(u"repetitionProperties.repeatEnd"_s, u"must be an ISO 8601 date-time or null"_s);
    if (present(u"repeatEnd"_s) && present(u"repetitionCount"_s))
        return fail(u"repetitionProperties"_s, u"repeatEnd and repetitionCount are mutually exclusive"_s);
    if (end.isValid() && end <= start)
        return fail(u"repetitionProperties.repeatEnd"_s, u"must be after repeatStart"_s);
    if (present(u"repetitionCount"_s)
        && (!isWholeNumber(repetition.value("repetitionCount"_L1))
            || repetition.value("repetitionCount"_L1).toInt() < 1))
        return fail(u"repetitionProperties.repetitionCount"_s, u"must be a positive integer or null"_s);
    const QJsonValue interval = repetition.value("repetitionInterval"_L1);
    if (present(u"repetitionInterval"_s)
        && !(interval == QJsonValue(1) || interval == QJsonValue(7) || interval == QJsonValue(14)
            || interval == QJsonValue(30)))
        return fail(u"repetitionProperties.repetitionInterval"_s, u"must be 1, 7, 14 or 30 (days)"_s);
    if (present(u"maintainSceneFraming"_s) && !repetition.value("maintainSceneFraming"_L1).isBool())
        return fail(u"repetitionProperties.maintainSceneFraming"_s, u"must be a boolean"_s);
    for (const QString &key : { u"lookAngleTolerance"_s, u"azimuthAngleTolerance"_s }) {
        if (present(key) && (!repetition.value(key).isDouble() || repetition.value(key).toDouble() < 0))
            return fail(u"repetitionProperties."_s + key, u"must be a non-negative number or null"_s);
    }
    const QString tier = given.value("collectionTier"_L1).toString(u"routine"_s);
    const QJsonValue insar = given.value("insar"_L1);
    const bool hasInsar = insar.isObject();
    if ((tier == "insar"_L1 || tier == "insar-internal"_L1 || hasInsar)
        && !InsarOrbits.contains(insar.toObject().value("orbit"_L1).toString()))
        return fail(u"insar.orbit"_s, u"required for tier %1: MIO_53_2P95 or SSO_97_7P00"_s.arg(tier));
    const QJsonValue windowDuration = given.value("windowDuration"_L1);
    if (!windowDuration.isUndefined() && !windowDuration.isNull()
        && (!isWholeNumber(windowDuration) || windowDuration.toDouble() < 1))
        return fail(u"windowDuration"_s, u"must be a positive number of seconds"_s);
    const QString contractId = body.value("contractId"_L1).toString();
    if (!contractId.isEmpty() && !m_contractIds.isEmpty() && !m_contractIds.contains(contractId))
        return sendError(response, 400, u"CONTRACT_NOT_FOUND"_s, u"Contract %1 not found"_s.arg(contractId));

    RepeatRecord record;
    record.id = newUuid();
    record.created = now();
    readPreApproval(given, &record.preApproval, &error);
    if (record.preApproval)
        record.submitted = record.created.addSecs(ReviewAfter);
    const QJsonObject geometry = body.value("geometry"_L1).toObject();
    const QString collectionType = given.value("collectionType"_L1).toString(u"spotlight"_s);
    QJsonObject properties {
        { "repeatrequestId"_L1, record.id },
        { "repeatrequestName"_L1, given.value("repeatrequestName"_L1) },
        { "repeatrequestDescription"_L1, given.value("repeatrequestDescription"_L1).toString() },
        { "orgId"_L1, OrganizationId.toString() },
        { "userId"_L1, UserId.toString() },
        { "submissionTime"_L1, isoTime(record.created) },
        { "windowDuration"_L1, windowDuration.isDouble() ? windowDuration.toInteger() : 86400 },
        { "repetitionProperties"_L1,
            QJsonObject { { "repeatStart"_L1, isoTime(start) },
                { "repeatEnd"_L1, end.isValid() ? QJsonValue(isoTime(end)) : QJsonValue(QJsonValue::Null) },
                { "repetitionInterval"_L1, present(u"repetitionInterval"_s) ? interval : QJsonValue(7) },
                { "repetitionCount"_L1,
                    repetition.value("repetitionCount"_L1).isDouble() ? repetition.value("repetitionCount"_L1)
                                                                      : QJsonValue(QJsonValue::Null) },
                { "maintainSceneFraming"_L1, repetition.value("maintainSceneFraming"_L1).toBool(false) },
                { "lookAngleTolerance"_L1,
                    repetition.value("lookAngleTolerance"_L1).isDouble() ? repetition.value("lookAngleTolerance"_L1)
                                                                         : QJsonValue(QJsonValue::Null) },
                { "azimuthAngleTolerance"_L1,
                    repetition.value("azimuthAngleTolerance"_L1).isDouble()
                        ? repetition.value("azimuthAngleTolerance"_L1)
                        : QJsonValue(QJsonValue::Null) } } },
        { "collectionTier"_L1, tier },
        { "collectionType"_L1, collectionType },
        { "type"_L1, instrumentMode(collectionType) },
        { "archiveHoldback"_L1, given.value("archiveHoldback"_L1).toString(u"none"_s) },
        { "collectConstraints"_L1,
            normalizedConstraints(given.value("collectConstraints"_L1).toObject(), geometry.value("type"_L1).toString(),
                collectionType) },
        { "billingEnvironment"_L1, u"production"_s },
        { "parentRepeatrequest"_L1, QJsonValue(QJsonValue::Null) },
        { "sandbox"_L1, false },
        { "preApproval"_L1, record.preApproval },
        { "processingConfig"_L1,
            given.value("processingConfig"_L1).isObject()
                ? given.value("processingConfig"_L1)
                : QJsonObject { { "productTypes"_L1, QJsonArray { u"GEO"_s } } } },
        { "customAttribute1"_L1,
            given.value("customAttribute1"_L1).isString() ? given.value("customAttribute1"_L1)
                                                          : QJsonValue(QJsonValue::Null) },
        { "customAttribute2"_L1,
            given.value("customAttribute2"_L1).isString() ? given.value("customAttribute2"_L1)
                                                          : QJsonValue(QJsonValue::Null) },
    };
    // Priced per image, shown from review on (repeatJson hides it before).
    QJsonObject pricing = properties;
    pricing.insert("collectionTier"_L1, tier);
    properties.insert("costPerImageEstimate"_L1, money(taskingPrice(pricing, geometry)));
    if (hasInsar)
        properties.insert("insar"_L1, insar);
    if (!contractId.isEmpty())
        properties.insert("contractId"_L1, contractId);
    record.feature
        = QJsonObject { { "type"_L1, u"Feature"_s }, { "geometry"_L1, geometry }, { "properties"_L1, properties } };
    m_repeats.append(record);
    sendJson(response, 201, repeatJson(record));
}

void CapellaEmulator::syncRepeatRequests() const
{
    // An active repeat request spawns a tasking request per repetition (pre-approved): the first
    // when it turns active, then one every repetitionInterval days, until repetitionCount of them
    // or repeatEnd, or until it was canceled.
    for (RepeatRecord &repeat : m_repeats) {
        if (!repeat.submitted.isValid())
            continue;
        const QJsonObject source = repeat.feature.value("properties"_L1).toObject();
        const QJsonObject repetition = source.value("repetitionProperties"_L1).toObject();
        const qint64 interval = qMax<qint64>(1, repetition.value("repetitionInterval"_L1).toInteger(7)) * 86400;
        const int count = repetition.value("repetitionCount"_L1).toInt(0);
        const QDateTime repeatEnd = parseTime(repetition.value("repeatEnd"_L1));
        const QDateTime activeAt = repeat.submitted.addSecs(ActiveAfter);
        QDateTime firstOpen = parseTime(repetition.value("repeatStart"_L1));
        if (!firstOpen.isValid() || firstOpen < activeAt)
            firstOpen = activeAt;
        while (true) {
            const int n = repeat.derived + 1;
            const QDateTime createdAt = activeAt.addSecs((n - 1) * interval);
            const QDateTime open = firstOpen.addSecs((n - 1) * interval);
            if (createdAt > now() || (!repeat.finalStatus.isEmpty() && repeat.finalAt < createdAt)
                || (count > 0 && n > count) || (repeatEnd.isValid() && open > repeatEnd))
                break;
            spawnTaskingRequest(repeat, n, createdAt, open);
        }
    }
}

void CapellaEmulator::spawnTaskingRequest(
    RepeatRecord &repeat, int n, const QDateTime &activeAt, const QDateTime &open) const
{
    repeat.derived = n;
    const QJsonObject source = repeat.feature.value("properties"_L1).toObject();
    const QDateTime close = open.addSecs(source.value("windowDuration"_L1).toInteger(86400));
    TaskingRecord record;
    record.id
        = QUuid::createUuidV5(DerivedNamespace, repeat.id + u'/' + QString::number(n)).toString(QUuid::WithoutBraces);
    record.created = activeAt;
    record.preApproval = true;
    record.submitted = activeAt.addSecs(ReviewAfter);
    const QString collectionType = source.value("collectionType"_L1).toString(u"spotlight"_s);
    QJsonObject properties { { "taskingrequestId"_L1, record.id },
        { "taskingrequestName"_L1,
            QString(source.value("repeatrequestName"_L1).toString() + u" #"_s + QString::number(n)) },
        { "taskingrequestDescription"_L1, source.value("repeatrequestDescription"_L1) },
        { "submissionTime"_L1, isoTime(activeAt) }, { "userId"_L1, source.value("userId"_L1) },
        { "orgId"_L1, source.value("orgId"_L1) }, { "repeatrequestId"_L1, repeat.id },
        { "windowOpen"_L1, isoTime(open) }, { "windowClose"_L1, isoTime(close) },
        { "windowDuration"_L1, open.secsTo(close) }, { "collectionTier"_L1, source.value("collectionTier"_L1) },
        { "collectionType"_L1, collectionType }, { "type"_L1, instrumentMode(collectionType) },
        { "archiveHoldback"_L1, source.value("archiveHoldback"_L1) },
        { "customAttribute1"_L1, source.value("customAttribute1"_L1) },
        { "customAttribute2"_L1, source.value("customAttribute2"_L1) }, { "preApproval"_L1, true },
        { "sandbox"_L1, false }, { "collectConstraints"_L1, source.value("collectConstraints"_L1) },
        { "processingConfig"_L1, source.value("processingConfig"_L1) },
        { "order"_L1,
            QJsonObject { { "summary"_L1,
                QJsonObject { { "total"_L1, source.value("costPerImageEstimate"_L1) },
                    { "subtotal"_L1, source.value("costPerImageEstimate"_L1) } } } } } };
    record.feature = QJsonObject { { "type"_L1, u"Feature"_s }, { "geometry"_L1, repeat.feature.value("geometry"_L1) },
        { "properties"_L1, properties } };
    m_tasking.append(record);
}

} // namespace StacScope
