// SatellogicEmulator, part 2: tasking v1 on the API host (satellogic.md section 4, seed 002):
// products, task creation with DRF-style validation, listing, cancelling, and the clock-driven
// life cycle of tasks and their captures.

#include <algorithm>
#include <cmath>

#include <QJsonDocument>
#include <QUuid>

#include "tests/support/httpserverresponse.h"
#include "tests/support/satellogicemulator.h"
#include "tests/support/stacsearchquery.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QUuid CaptureNamespace(u"6f1c9b53-5b8e-4d3c-9a7e-2d9c1b4f0e11"_s);
const QStringList TaskStatuses { u"received"_s, u"in_progress"_s, u"completed"_s, u"failed"_s, u"rejected"_s,
    u"canceled"_s };

struct Product
{
    int pk;
    QString name;
    bool isArea;
};

const QList<Product> &products()
{
    static const QList<Product> list { { 169, u"Multispectral 70cm"_s, false },
        { 178, u"Area Coverage 70cm"_s, true } };
    return list;
}

const Product *findProduct(qint64 pk)
{
    for (const Product &product : products()) {
        if (product.pk == pk)
            return &product;
    }
    return nullptr;
}

// The Python type name DRF puts into "Incorrect type" messages.
QString pythonType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u"str"_s;
    case QJsonValue::Array:
        return u"list"_s;
    case QJsonValue::Object:
        return u"dict"_s;
    case QJsonValue::Bool:
        return u"bool"_s;
    default:
        return u"float"_s;
    }
}

bool isPosition(const QJsonValue &value)
{
    const QJsonArray position = value.toArray();
    if (!value.isArray() || position.size() < 2 || position.size() > 3)
        return false;
    return std::all_of(position.begin(), position.end(), [](const QJsonValue &v) { return v.isDouble(); });
}

bool inRange(const QJsonArray &position)
{
    const double lon = position.at(0).toDouble();
    const double lat = position.at(1).toDouble();
    return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

enum class GeometryCheck
{
    Valid,
    Invalid, // not GeoJSON
    OutOfRange
};

// What GEOS through DRF-gis accepts as GeoJSON, checked in depth for Point and Polygon.
GeometryCheck checkGeometry(const QJsonValue &value)
{
    const QJsonObject geometry = value.toObject();
    const QString type = geometry.value("type"_L1).toString();
    const QJsonValue coordinates = geometry.value("coordinates"_L1);
    if (!value.isObject() || !coordinates.isArray())
        return GeometryCheck::Invalid;
    if (type == "Point"_L1) {
        if (!isPosition(coordinates))
            return GeometryCheck::Invalid;
        return inRange(coordinates.toArray()) ? GeometryCheck::Valid : GeometryCheck::OutOfRange;
    }
    if (type == "Polygon"_L1) {
        const QJsonArray rings = coordinates.toArray();
        if (rings.isEmpty())
            return GeometryCheck::Invalid;
        bool allInRange = true;
        for (const QJsonValue &ringValue : rings) {
            const QJsonArray ring = ringValue.toArray();
            if (ring.size() < 4 || !std::all_of(ring.begin(), ring.end(), isPosition))
                return GeometryCheck::Invalid;
            if (ring.first().toArray().at(0) != ring.last().toArray().at(0)
                || ring.first().toArray().at(1) != ring.last().toArray().at(1))
                return GeometryCheck::Invalid; // GEOS: rings must be closed
            for (const QJsonValue &position : ring)
                allInRange = allInRange && inRange(position.toArray());
        }
        return allInRange ? GeometryCheck::Valid : GeometryCheck::OutOfRange;
    }
    static const QStringList otherTypes { u"MultiPoint"_s, u"LineString"_s, u"MultiLineString"_s, u"MultiPolygon"_s };
    return otherTypes.contains(type) ? GeometryCheck::Valid : GeometryCheck::Invalid;
}

// The stored target: every position gets a z coordinate (0.0 unless given), as seed 002 shows.
QJsonArray withZ(const QJsonArray &position)
{
    return QJsonArray { position.at(0), position.at(1), position.size() > 2 ? position.at(2) : QJsonValue(0.0) };
}

QJsonObject storedTarget(const QJsonObject &target)
{
    const QString type = target.value("type"_L1).toString();
    QJsonObject stored { { "type"_L1, type } };
    if (type == "Point"_L1) {
        stored.insert("coordinates"_L1, withZ(target.value("coordinates"_L1).toArray()));
    } else if (type == "Polygon"_L1) {
        QJsonArray rings;
        const QJsonArray original = target.value("coordinates"_L1).toArray();
        for (const QJsonValue &ring : original) {
            QJsonArray positions;
            const QJsonArray originalRing = ring.toArray();
            for (const QJsonValue &position : originalRing)
                positions.append(withZ(position.toArray()));
            rings.append(positions);
        }
        stored.insert("coordinates"_L1, rings);
    } else {
        stored.insert("coordinates"_L1, target.value("coordinates"_L1));
    }
    return stored;
}

} // namespace

// ---- tasks ----------------------------------------------------------------------------------

bool SatellogicEmulator::createTask(const QJsonObject &body, const QString &owner, QJsonObject *errors, qint64 *taskId)
{
    // Django REST framework serializer validation: every field is checked, all errors reported.
    const QString required = u"This field is required."_s;
    const QString notNull = u"This field may not be null."_s;
    const auto fail
        = [errors](const QString &field, const QString &message) { errors->insert(field, QJsonArray { message }); };
    const auto text = [&](const QString &field, QString *out) {
        const QJsonValue value = body.value(field);
        if (!body.contains(field))
            return fail(field, required);
        if (value.isNull())
            return fail(field, notNull);
        if (value.isDouble())
            *out = QString::number(value.toDouble()); // CharField takes numbers
        else if (value.isString())
            *out = value.toString().trimmed(); // and trims whitespace
        else
            return fail(field, u"Not a valid string."_s);
        if (out->isEmpty())
            fail(field, u"This field may not be blank."_s);
    };
    const auto dateTime = [&](const QString &field, QDateTime *out) {
        const QJsonValue value = body.value(field);
        if (!body.contains(field))
            return fail(field, required);
        if (value.isNull())
            return fail(field, notNull);
        // ISO 8601 with an offset or "Z"; naive times are UTC (USE_TZ with UTC as TIME_ZONE).
        const std::optional<qint64> parsed
            = value.isString() ? StacSearchQuery::parseDateTime(value.toString().trimmed(), true) : std::nullopt;
        if (!parsed)
            return fail(field,
                u"Datetime has wrong format. Use one of these formats instead: "
                "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."_s);
        *out = QDateTime::fromMSecsSinceEpoch(*parsed, Qt::UTC);
    };

    Task task;
    text(u"task_name"_s, &task.taskName);
    text(u"project_name"_s, &task.projectName);

    const Product *product = nullptr;
    const QJsonValue productValue = body.value("product"_L1);
    if (!body.contains("product"_L1)) {
        fail(u"product"_s, required);
    } else if (productValue.isNull()) {
        fail(u"product"_s, notNull);
    } else {
        bool ok = false;
        qint64 pk = 0;
        if (productValue.isDouble()) {
            const double number = productValue.toDouble();
            ok = std::floor(number) == number;
            pk = qint64(number);
        } else if (productValue.isString()) {
            pk = productValue.toString().trimmed().toLongLong(&ok);
        }
        if (!ok) {
            fail(u"product"_s, u"Incorrect type. Expected pk value, received %1."_s.arg(pythonType(productValue)));
        } else if ((product = findProduct(pk)) == nullptr) {
            fail(u"product"_s, u"Invalid pk \"%1\" - object does not exist."_s.arg(pk));
        }
    }

    const QJsonValue targetValue = body.value("target"_L1);
    if (!body.contains("target"_L1)) {
        fail(u"target"_s, required);
    } else if (targetValue.isNull()) {
        fail(u"target"_s, notNull);
    } else {
        switch (checkGeometry(targetValue)) {
        case GeometryCheck::Invalid:
            fail(u"target"_s,
                u"Invalid format: string or unicode input unrecognized as GeoJSON, WKT EWKT or HEXEWKB."_s);
            break;
        case GeometryCheck::OutOfRange:
            fail(u"target"_s,
                u"Invalid coordinates: longitude must be within [-180, 180] and latitude within [-90, 90]."_s);
            break;
        case GeometryCheck::Valid: {
            const QString type = targetValue.toObject().value("type"_L1).toString();
            const QString expected = product && product->isArea ? u"Polygon"_s : u"Point"_s;
            if (product && type != expected) {
                fail(u"target"_s,
                    u"Product %1 (%2) takes a %3 target, not a %4."_s.arg(product->pk)
                        .arg(product->name, expected, type));
            }
            task.target = storedTarget(targetValue.toObject());
            break;
        }
        }
    }

    dateTime(u"start"_s, &task.start);
    dateTime(u"end"_s, &task.end);
    if (errors->isEmpty() && task.end <= task.start)
        fail(u"non_field_errors"_s, u"end must be after start."_s);
    if (!errors->isEmpty())
        return false;

    task.id = m_nextTaskId++;
    task.owner = owner;
    task.product = product->pk;
    task.created = now();
    m_tasks.append(task);
    *taskId = task.id;
    return true;
}

qint64 SatellogicEmulator::addTask(const QJsonObject &createBody, const QString &contractId)
{
    QJsonObject errors;
    qint64 taskId = -1;
    if (!createTask(createBody, contractId, &errors, &taskId)) {
        qWarning("SatellogicEmulator::addTask: %s", QJsonDocument(errors).toJson(QJsonDocument::Compact).constData());
        return -1;
    }
    return taskId;
}

QJsonObject SatellogicEmulator::task(qint64 taskId) const
{
    for (const Task &task : m_tasks) {
        if (task.id == taskId)
            return taskJson(task);
    }
    return {};
}

void SatellogicEmulator::failTask(qint64 taskId)
{
    for (Task &task : m_tasks) {
        if (task.id == taskId && (taskStatus(task) == "received"_L1 || taskStatus(task) == "in_progress"_L1)) {
            task.frozenStatus = u"failed"_s;
            task.frozenAt = now();
        }
    }
}

QString SatellogicEmulator::taskStatus(const Task &task) const
{
    if (!task.frozenStatus.isEmpty())
        return task.frozenStatus;
    const qint64 elapsedMs = task.created.msecsTo(now());
    if (elapsedMs >= qint64(m_completedAfter) * 1000)
        return u"completed"_s;
    if (elapsedMs >= qint64(m_inProgressAfter) * 1000)
        return u"in_progress"_s;
    return u"received"_s;
}

QJsonObject SatellogicEmulator::taskJson(const Task &task) const
{
    return QJsonObject {
        { "task_id"_L1, task.id },
        { "task_name"_L1, task.taskName },
        { "project_name"_L1, task.projectName },
        { "product"_L1, task.product },
        { "start"_L1, isoTime(task.start) },
        { "end"_L1, isoTime(task.end) },
        { "priority"_L1, 13 },
        { "client"_L1, u"Emulator client"_s },
        { "target"_L1, task.target },
        { "created_time"_L1, isoTime(task.created) },
        { "status"_L1, taskStatus(task) },
    };
}

QList<SatellogicEmulator::Capture> SatellogicEmulator::captures(const Task &task) const
{
    // None while the task waits to be planned; two planned while it is in progress; published
    // once it completed. A canceled or failed task keeps what it had, marked with its state.
    const QDateTime effective = task.frozenStatus.isEmpty() ? now() : task.frozenAt;
    const qint64 elapsedMs = task.created.msecsTo(effective);
    if (elapsedMs < qint64(m_inProgressAfter) * 1000)
        return {};
    const bool published = elapsedMs >= qint64(m_completedAfter) * 1000;
    const qint64 spanMs = qint64(m_completedAfter - m_inProgressAfter) * 1000;
    QList<Capture> list;
    for (int k = 0; k < 2; ++k) {
        Capture capture;
        capture.captureId
            = QUuid::createUuidV5(CaptureNamespace, u"%1/%2"_s.arg(task.id).arg(k)).toString(QUuid::WithoutBraces);
        capture.start = task.created.addMSecs(qint64(m_inProgressAfter) * 1000 + spanMs * (k + 1) / 3 + 845 + 131 * k);
        capture.satellite = k == 0 ? u"newsat15"_s : u"newsat9"_s;
        capture.satelliteNumber = k == 0 ? 15 : 9;
        capture.status = published ? u"published"_s : task.frozenStatus.isEmpty() ? u"planned"_s : task.frozenStatus;
        list.append(capture);
    }
    return list;
}

// ---- tasking routes -------------------------------------------------------------------------

void SatellogicEmulator::handleTasking(
    const ReceivedRequest &request, HttpServerResponse &response, const Caller &caller, const QStringList &segments)
{
    if (!caller.legacy
        && !caller.contract.value("tasking_configuration"_L1).toObject().value("has_credentials"_L1).toBool()) {
        sendJson(response, 403, { { "detail"_L1, u"Contract has no tasking credentials"_s } });
        return;
    }
    const bool read = request.method == "GET" || request.method == "HEAD";
    const QByteArray origin = originFor(request, Service::Api);

    if (segments == QStringList { u"products"_s }) {
        if (!read) {
            sendMethodNotAllowed(response, request, QByteArrayLiteral("GET, HEAD, OPTIONS"));
            return;
        }
        QJsonArray results;
        for (const Product &product : products()) {
            results.append(
                QJsonObject { { "pk"_L1, product.pk }, { "name"_L1, product.name }, { "is_area"_L1, product.isArea } });
        }
        sendJson(response, 200, djangoPage(request, origin, results));
        return;
    }

    if (segments == QStringList { u"tasks"_s }) {
        if (read) {
            const QString status = formValue(request, u"status"_s);
            if (!status.isEmpty() && !TaskStatuses.contains(status)) {
                // django-filter's ChoiceFilter.
                sendJson(response, 400,
                    { { "status"_L1,
                        QJsonArray {
                            u"Select a valid choice. %1 is not one of the available choices."_s.arg(status) } } });
                return;
            }
            const QString taskName = formValue(request, u"task_name"_s);
            const QString projectName = formValue(request, u"project_name"_s);
            QJsonArray results;
            // Newest first.
            for (auto it = m_tasks.crbegin(); it != m_tasks.crend(); ++it) {
                if (it->owner != caller.owner || (!taskName.isEmpty() && it->taskName != taskName)
                    || (!projectName.isEmpty() && it->projectName != projectName)
                    || (!status.isEmpty() && taskStatus(*it) != status))
                    continue;
                results.append(taskJson(*it));
            }
            sendJson(response, 200, djangoPage(request, origin, results));
        } else if (request.method == "POST") {
            const QByteArray contentType = request.header("Content-Type").trimmed();
            if (!contentType.toLower().startsWith("application/json")) {
                sendJson(response, 415,
                    { { "detail"_L1,
                        u"Unsupported media type \"%1\" in request."_s.arg(QString::fromLatin1(contentType)) } });
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                sendJson(response, 400, { { "detail"_L1, u"JSON parse error - %1"_s.arg(parseError.errorString()) } });
                return;
            }
            if (!document.isObject()) {
                sendJson(response, 400,
                    { { "non_field_errors"_L1,
                        QJsonArray { u"Invalid data. Expected a dictionary, but got %1."_s.arg(
                            document.isArray() ? u"list"_s : u"value"_s) } } });
                return;
            }
            QJsonObject errors;
            qint64 taskId = -1;
            if (!createTask(document.object(), caller.owner, &errors, &taskId)) {
                sendJson(response, 400, errors);
                return;
            }
            // No Location header: DRF sends one only for serializers with a "url" field.
            sendJson(response, 201, task(taskId));
        } else {
            sendMethodNotAllowed(response, request, QByteArrayLiteral("GET, POST, HEAD, OPTIONS"));
        }
        return;
    }

    if (segments.size() < 2 || segments.size() > 3 || segments.at(0) != "tasks"_L1) {
        sendJson(response, 404, { { "detail"_L1, u"Not found."_s } });
        return;
    }
    // /tasks/{id}, /tasks/{id}/captures/, /tasks/{id}/cancel/
    const QString action = segments.value(2);
    if (!action.isEmpty() && action != "captures"_L1 && action != "cancel"_L1) {
        sendJson(response, 404, { { "detail"_L1, u"Not found."_s } });
        return;
    }
    if (action == "cancel"_L1 ? request.method != "PATCH" : !read) {
        sendMethodNotAllowed(response, request,
            action == "cancel"_L1 ? QByteArrayLiteral("PATCH, OPTIONS") : QByteArrayLiteral("GET, HEAD, OPTIONS"));
        return;
    }
    bool ok = false;
    const qint64 taskId = segments.at(1).toLongLong(&ok);
    Task *task = nullptr;
    for (Task &candidate : m_tasks) {
        // Another contract's task does not exist for this caller.
        if (ok && candidate.id == taskId && candidate.owner == caller.owner)
            task = &candidate;
    }
    if (task == nullptr) {
        sendJson(response, 404, { { "detail"_L1, u"Not found."_s } });
        return;
    }
    if (action.isEmpty()) {
        sendJson(response, 200, taskJson(*task));
    } else if (action == "captures"_L1) {
        QJsonArray results;
        const QList<Capture> list = captures(*task);
        for (const Capture &capture : list) {
            results.append(QJsonObject { { "capture_id"_L1, capture.captureId }, { "start"_L1, isoTime(capture.start) },
                { "satellite_name"_L1, capture.satellite }, { "status"_L1, capture.status } });
        }
        sendJson(response, 200, djangoPage(request, origin, results));
    } else {
        const QString status = taskStatus(*task);
        if (status == "completed"_L1 || status == "failed"_L1 || status == "canceled"_L1 || status == "rejected"_L1) {
            sendJson(response, 400,
                { { "detail"_L1, u"Task %1 cannot be canceled: it is %2"_s.arg(task->id).arg(status) } });
            return;
        }
        task->frozenStatus = u"canceled"_s;
        task->frozenAt = now();
        sendJson(response, 200, taskJson(*task));
    }
}

} // namespace StacScope
