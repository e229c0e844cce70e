// Up42Emulator, part 4: orders (notes section 4): the Spring-paged list with its filters and
// sorts, one order, merge-patch tags, cancellation, estimates and placements, and the status clock.

#include <algorithm>
#include <cmath>
#include <tuple>

#include <QJsonDocument>
#include <QtMath>

#include "tests/support/geometryboxes.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/up42emulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QStringList kStatuses { u"CREATED"_s, u"BEING_PLACED"_s, u"PLACED"_s, u"PLACEMENT_FAILED"_s,
    u"DELIVERY_INITIALIZATION_FAILED"_s, u"BEING_FULFILLED"_s, u"DOWNLOAD_FAILED"_s, u"DOWNLOADED"_s, u"FULFILLED"_s,
    u"FAILED_PERMANENTLY"_s, u"CANCELED"_s };
const QStringList kSubStatuses { u"FEASIBILITY_WAITING_UPLOAD"_s, u"FEASIBILITY_WAITING_RESPONSE"_s,
    u"QUOTATION_WAITING_UPLOAD"_s, u"QUOTATION_WAITING_RESPONSE"_s, u"QUOTATION_ACCEPTED"_s, u"QUOTATION_REJECTED"_s };
const QStringList kTypes { u"TASKING"_s, u"ARCHIVE"_s };

// The first value of `values` that is not in `allowed`, or an empty string.
QString invalidValue(const QStringList &values, const QStringList &allowed)
{
    for (const QString &value : values) {
        if (!allowed.contains(value))
            return value;
    }
    return {};
}

// A single GeoJSON Polygon with closed rings of valid positions (UP42's check per feature).
bool validPolygon(const QJsonObject &geometry, GeoBox *box)
{
    if (geometry.value("type"_L1).toString() != "Polygon"_L1)
        return false;
    const QJsonArray rings = geometry.value("coordinates"_L1).toArray();
    if (rings.isEmpty())
        return false;
    for (const QJsonValue &ring : rings) {
        const QJsonArray positions = ring.toArray();
        if (positions.size() < 4 || positions.first() != positions.last())
            return false;
        for (const QJsonValue &position : positions) {
            const QJsonArray xy = position.toArray();
            if (xy.size() < 2 || !xy.at(0).isDouble() || !xy.at(1).isDouble() || std::abs(xy.at(0).toDouble()) > 180
                || std::abs(xy.at(1).toDouble()) > 90)
                return false;
        }
    }
    QList<GeoBox> boxes;
    if (!GeometryBoxes::fromGeometry(geometry, &boxes) || boxes.isEmpty())
        return false;
    *box = boxes.first();
    return true;
}

// Area of the outer ring in square kilometres (equirectangular around its mean latitude).
double areaSqKm(const QJsonObject &polygon)
{
    const QJsonArray ring = polygon.value("coordinates"_L1).toArray().at(0).toArray();
    double meanLat = 0;
    for (const QJsonValue &p : ring)
        meanLat += p.toArray().at(1).toDouble();
    meanLat /= std::max<qsizetype>(1, ring.size());
    const double kx = 111.320 * std::cos(qDegreesToRadians(meanLat));
    const double ky = 110.574;
    double twice = 0;
    for (qsizetype i = 0; i + 1 < ring.size(); ++i) {
        const QJsonArray a = ring.at(i).toArray();
        const QJsonArray b = ring.at(i + 1).toArray();
        twice += a.at(0).toDouble() * kx * b.at(1).toDouble() * ky - b.at(0).toDouble() * kx * a.at(1).toDouble() * ky;
    }
    return std::abs(twice) / 2;
}

} // namespace

Up42Emulator::Order *Up42Emulator::findOrder(const QString &id)
{
    for (Order &order : m_orders) {
        if (order.id == id)
            return &order;
    }
    return nullptr;
}

QStringList Up42Emulator::orderIds() const
{
    QStringList ids;
    for (const Order &order : m_orders)
        ids.append(order.id);
    return ids;
}

QJsonObject Up42Emulator::order(const QString &orderId)
{
    advanceOrders();
    const Order *order = findOrder(orderId);
    return order == nullptr ? QJsonObject() : orderJson(*order);
}

void Up42Emulator::setOrderStatus(const QString &orderId, const QString &status, const QString &subStatus)
{
    if (Order *order = findOrder(orderId)) {
        order->status = status;
        if (!subStatus.isEmpty())
            order->subStatus = subStatus;
        order->clockDriven = false;
        order->updatedAt = now();
    }
}

QStringList Up42Emulator::quotationIds(const QString &orderId) const
{
    QStringList ids;
    for (const Quotation &quotation : m_quotations) {
        if (orderId.isEmpty() || quotation.orderId == orderId)
            ids.append(quotation.id);
    }
    return ids;
}

QStringList Up42Emulator::studyOptionIds(const QString &studyId) const
{
    for (const Study &study : m_studies)
        if (study.id == studyId)
            return study.optionIds;
    return {};
}

QStringList Up42Emulator::feasibilityStudyIds(const QString &orderId) const
{
    QStringList ids;
    for (const Study &study : m_studies) {
        if (orderId.isEmpty() || study.orderId == orderId)
            ids.append(study.id);
    }
    return ids;
}

// ---- the status clock -----------------------------------------------------------------------

void Up42Emulator::advanceOrders()
{
    const QDateTime until = now();
    for (Order &order : m_orders) {
        if (order.clockDriven)
            advanceOrder(order, until);
    }
}

void Up42Emulator::advanceOrder(Order &order, const QDateTime &until)
{
    const bool archive = order.type == "ARCHIVE"_L1;
    const int sincePlaced = archive ? 0 : m_timings.placedAfter; // tasking phases start at placement
    for (;;) {
        QDateTime at;
        if (archive && order.status == "CREATED"_L1)
            at = order.anchor.addSecs(m_timings.placedAfter);
        else if (order.status == "PLACED"_L1)
            at = order.anchor.addSecs(m_timings.fulfillingAfter - sincePlaced);
        else if (order.status == "BEING_FULFILLED"_L1)
            at = order.anchor.addSecs(m_timings.fulfilledAfter - sincePlaced);
        else if (!archive && order.status == "CREATED"_L1 && order.subStatus == "FEASIBILITY_WAITING_UPLOAD"_L1)
            at = order.anchor.addSecs(m_timings.studyAfter);
        else if (!archive && order.status == "CREATED"_L1 && order.subStatus == "QUOTATION_WAITING_UPLOAD"_L1)
            at = order.anchor.addSecs(m_timings.quotationAfter);
        else
            return;
        if (at > until)
            return;

        if (order.status == "CREATED"_L1 && archive) {
            order.status = u"PLACED"_s;
        } else if (order.status == "PLACED"_L1) {
            order.status = u"BEING_FULFILLED"_s;
            if (!archive)
                deliver(order, order.deliveries, at, 1, false); // the first acquisition
        } else if (order.status == "BEING_FULFILLED"_L1) {
            order.status = u"FULFILLED"_s;
            deliver(order, order.deliveries, at, archive ? 1 : 2, true);
            order.clockDriven = false;
        } else if (order.subStatus == "FEASIBILITY_WAITING_UPLOAD"_L1) {
            order.subStatus = u"FEASIBILITY_WAITING_RESPONSE"_s;
            addStudy(uuidFor(u"study:"_s + order.id), order.id, at);
            order.clockDriven = false; // waits for a decision
        } else {
            order.subStatus = u"QUOTATION_WAITING_RESPONSE"_s;
            Quotation quotation;
            quotation.id = uuidFor(u"quotation:"_s + order.id);
            quotation.orderId = order.id;
            quotation.workspaceId = order.workspaceId;
            quotation.createdAt = at;
            quotation.updatedAt = at;
            quotation.creditsPrice = order.credits;
            m_quotations.append(quotation);
            order.clockDriven = false;
        }
        order.updatedAt = at;
        if (!order.clockDriven)
            return;
    }
}

// ---- JSON -----------------------------------------------------------------------------------

QJsonObject Up42Emulator::orderJson(const Order &order) const
{
    const Collection *collection = collectionOfProduct(order.productId);
    QJsonObject details;
    if (order.type == "ARCHIVE"_L1) {
        details = QJsonObject { { "aoi"_L1, order.geometry }, { "imageId"_L1, order.imageId } };
    } else {
        details = order.params;
        details.insert("geometry"_L1, order.geometry);
        details.insert("extraDescription"_L1, QString());
        details.insert("subStatus"_L1, order.subStatus);
    }
    const QJsonObject creator { { "id"_L1, order.createdBy }, { "type"_L1, u"USER"_s } };
    return QJsonObject {
        { "id"_L1, order.id },
        { "workspaceId"_L1, order.workspaceId },
        { "accountId"_L1, AccountId.toString() },
        { "type"_L1, order.type },
        { "dataProductId"_L1, order.productId },
        { "dataProvider"_L1, collection ? collection->producer : QString() },
        { "status"_L1, order.status },
        { "displayName"_L1, order.displayName },
        { "tags"_L1, QJsonArray::fromStringList(order.tags) },
        { "createdAt"_L1, isoTime(order.createdAt) },
        { "updatedAt"_L1, isoTime(order.updatedAt) },
        { "createdBy"_L1, creator },
        { "updatedBy"_L1, QJsonObject { { "id"_L1, u"system"_s }, { "type"_L1, u"INTERNAL"_s } } },
        { "orderDetails"_L1, details },
    };
}

// ---- /v2/orders -----------------------------------------------------------------------------

void Up42Emulator::handleOrders(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &s)
{
    if (s.isEmpty()) {
        if (request.method == "POST") {
            estimateOrPlace(request, response, true);
            return;
        }
        if (request.method != "GET") {
            sendMethodNotAllowed(response, request, QByteArrayLiteral("GET, POST"));
            return;
        }
        const QStringList types = listParam(request, u"type"_s);
        const QStringList statuses = listParam(request, u"status"_s);
        const QStringList subStatuses = listParam(request, u"subStatus"_s);
        for (const auto &[name, values, allowed] :
            { std::tuple { u"type"_s, types, kTypes }, std::tuple { u"status"_s, statuses, kStatuses },
                std::tuple { u"subStatus"_s, subStatuses, kSubStatuses } }) {
            const QString bad = invalidValue(values, allowed);
            if (!bad.isEmpty()) {
                sendProblem(response, 400,
                    u"Invalid value '%1' for parameter '%2'; allowed: %3"_s.arg(bad, name, allowed.join(u", "_s)),
                    request);
                return;
            }
        }
        const QString workspace = param(request, u"workspaceId"_s);
        const QString displayName = param(request, u"displayName"_s);
        const QStringList tags = listParam(request, u"tags"_s);
        QList<QJsonObject> items;
        for (const Order &order : std::as_const(m_orders)) {
            if ((!workspace.isEmpty() && order.workspaceId != workspace)
                || (!types.isEmpty() && !types.contains(order.type))
                || (!statuses.isEmpty() && !statuses.contains(order.status))
                || (!subStatuses.isEmpty() && (order.subStatus.isEmpty() || !subStatuses.contains(order.subStatus)))
                || (!displayName.isEmpty() && !order.displayName.contains(displayName, Qt::CaseInsensitive)))
                continue;
            // Any of the given tags [I].
            if (!tags.isEmpty() && std::none_of(tags.begin(), tags.end(), [&order](const QString &t) {
                    return order.tags.contains(t);
                }))
                continue;
            items.append(orderJson(order));
        }
        sendSpringPage(request, response, items,
            { u"createdAt"_s, u"updatedAt"_s, u"type"_s, u"status"_s, u"dataProvider"_s },
            Sort { u"createdAt"_s, true });
        return;
    }
    if (s.size() == 1 && s.first() == "estimate"_L1) {
        if (request.method != "POST")
            sendMethodNotAllowed(response, request, QByteArrayLiteral("POST"));
        else
            estimateOrPlace(request, response, false);
        return;
    }
    Order *order = findOrder(s.first());
    if (order == nullptr || s.size() > 2 || (s.size() == 2 && s.at(1) != "cancellation"_L1)) {
        sendProblem(response, 404, u"Order %1 not found."_s.arg(s.first()), request);
        return;
    }
    if (s.size() == 2) {
        if (request.method != "POST") {
            sendMethodNotAllowed(response, request, QByteArrayLiteral("POST"));
            return;
        }
        if (order->status != "CREATED"_L1 && order->status != "PLACEMENT_FAILED"_L1) {
            sendProblem(response, 409,
                u"Order %1 cannot be canceled in status %2; only CREATED or PLACEMENT_FAILED orders can."_s.arg(
                    order->id, order->status),
                request);
            return;
        }
        order->status = u"CANCELED"_s;
        order->clockDriven = false;
        order->updatedAt = now();
        sendJson(response, 200, QJsonObject { { "orderId"_L1, order->id }, { "status"_L1, order->status } });
        return;
    }
    if (request.method == "GET") {
        sendJson(response, 200, orderJson(*order));
        return;
    }
    if (request.method != "PATCH") {
        sendMethodNotAllowed(response, request, QByteArrayLiteral("GET, PATCH"));
        return;
    }
    const std::optional<QJsonObject> body = jsonBody(request, response, true);
    if (!body)
        return;
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (it.key() != "tags"_L1) {
            // Only the tags can change [I: refused rather than ignored].
            sendProblem(response, 400, u"Field '%1' cannot be changed; only tags can."_s.arg(it.key()), request);
            return;
        }
    }
    QStringList tags;
    const QJsonValue value = body->value("tags"_L1);
    if (!value.isNull() && !value.isUndefined()) {
        const QJsonArray array = value.toArray();
        if (!value.isArray()
            || std::any_of(array.begin(), array.end(), [](const QJsonValue &v) { return !v.isString(); })) {
            sendProblem(response, 400, u"tags must be an array of strings"_s, request);
            return;
        }
        for (const QJsonValue &tag : array)
            tags.append(tag.toString());
    }
    if (body->contains("tags"_L1)) {
        order->tags = tags;
        order->updatedAt = now();
    }
    sendJson(response, 200, orderJson(*order));
}

void Up42Emulator::estimateOrPlace(const ReceivedRequest &request, HttpServerResponse &response, bool place)
{
    QString workspace;
    if (place) {
        workspace = param(request, u"workspaceId"_s);
        if (workspace.isEmpty()) {
            sendProblem(response, 400, u"Required parameter 'workspaceId' is not present."_s, request);
            return;
        }
        if (workspace != WorkspaceId && workspace != SecondWorkspaceId) {
            sendProblem(response, 403, u"Workspace %1 is not part of this account."_s.arg(workspace), request);
            return;
        }
    }
    const std::optional<QJsonObject> parsed = jsonBody(request, response);
    if (!parsed)
        return;
    const QJsonObject &body = *parsed;
    const QString productId = body.value("dataProduct"_L1).toString();
    const Collection *collection = collectionOfProduct(productId);
    const QString displayName = body.value("displayName"_L1).toString().trimmed();
    const QJsonObject params = body.value("params"_L1).toObject();
    const QJsonObject collectionJson = body.value("featureCollection"_L1).toObject();
    const QJsonArray features = collectionJson.value("features"_L1).toArray();
    QString problem;
    if (productId.isEmpty())
        problem = u"dataProduct is required"_s;
    else if (collection == nullptr)
        problem = u"Data product %1 does not exist"_s.arg(productId);
    else if (displayName.isEmpty())
        problem = u"displayName is required"_s;
    else if (!body.value("params"_L1).isObject())
        problem = u"params is required (see GET /orders/schema/%1)"_s.arg(productId);
    else if (collectionJson.value("type"_L1).toString() != "FeatureCollection"_L1 || features.isEmpty())
        problem = u"featureCollection must be a FeatureCollection with at least one feature"_s;
    else if (body.contains("tags"_L1) && !body.value("tags"_L1).isArray())
        problem = u"tags must be an array of strings"_s;
    const bool archive = collection != nullptr && collection->type == "ARCHIVE"_L1;
    const Scene *scene = nullptr;
    if (problem.isEmpty() && archive) {
        // The scene goes in params.id [I: the key comes from the data product's schema].
        for (const Scene &candidate : std::as_const(m_scenes)) {
            if (candidate.id == params.value("id"_L1).toString() && candidate.collection == collection->name)
                scene = &candidate;
        }
        if (scene == nullptr)
            problem = u"params.id: no scene '%1' in collection %2"_s.arg(
                params.value("id"_L1).toString(), collection->name);
    } else if (problem.isEmpty()) {
        const QDateTime start = QDateTime::fromString(params.value("acquisitionStart"_L1).toString(), Qt::ISODate);
        const QDateTime end = QDateTime::fromString(params.value("acquisitionEnd"_L1).toString(), Qt::ISODate);
        if (!start.isValid() || !end.isValid() || start >= end)
            problem = u"params.acquisitionStart and params.acquisitionEnd must be date-times, start before end"_s;
    }
    if (!problem.isEmpty()) {
        sendProblem(response, 400, problem, request);
        return;
    }

    QJsonArray results;
    QJsonArray errors;
    int totalCredits = 0;
    int totalSize = 0;
    for (qsizetype i = 0; i < features.size(); ++i) {
        const QJsonObject geometry = features.at(i).toObject().value("geometry"_L1).toObject();
        GeoBox box;
        QString details;
        if (!validPolygon(geometry, &box))
            details = u"Invalid geometry"_s;
        else if (scene != nullptr && !box.intersects(scene->box))
            details = u"The geometry does not intersect the scene"_s; // [I]
        if (!details.isEmpty()) {
            errors.append(QJsonObject { { "index"_L1, i }, { "message"_L1, u"Failed"_s }, { "details"_L1, details } });
            continue;
        }
        const int size = collection->unit == "SCENE"_L1
            ? 1
            : int(std::ceil(std::max(areaSqKm(geometry), collection->minimumSqKm)));
        const int credits = int(std::lround(size * collection->credits));
        totalCredits += credits;
        totalSize += size;
        if (!place) {
            results.append(QJsonObject {
                { "index"_L1, i }, { "credits"_L1, credits }, { "size"_L1, size }, { "unit"_L1, collection->unit } });
            continue;
        }
        Order order;
        order.id = uuidFor(u"placed:%1"_s.arg(m_nextOrder++));
        order.workspaceId = workspace;
        order.type = collection->type;
        order.productId = productId;
        order.displayName = displayName;
        for (const QJsonValue &tag : body.value("tags"_L1).toArray())
            order.tags.append(tag.toString());
        order.createdAt = now();
        order.updatedAt = order.createdAt;
        order.anchor = order.createdAt;
        order.status = u"CREATED"_s;
        order.geometry = geometry;
        order.lon = box.centerLon();
        order.lat = box.centerLat();
        order.credits = credits;
        order.clockDriven = true;
        if (archive) {
            order.imageId = scene->id;
        } else {
            order.params = params;
            order.subStatus = collection->integrations.contains(u"FEASIBILITY_STUDY_REQUIRED"_s)
                ? u"FEASIBILITY_WAITING_UPLOAD"_s
                : u"QUOTATION_WAITING_UPLOAD"_s;
        }
        m_orders.append(order);
        m_placements.append(Placement { order.id, workspace, int(i), body, credits, order.createdAt });
        results.append(QJsonObject { { "index"_L1, i }, { "id"_L1, order.id } });
    }
    if (place) {
        sendJson(response, 200, QJsonObject { { "results"_L1, results }, { "errors"_L1, errors } });
        return;
    }
    sendJson(response, 200,
        QJsonObject { { "summary"_L1,
                          QJsonObject { { "totalCredits"_L1, totalCredits }, { "totalSize"_L1, totalSize },
                              { "unit"_L1, collection->unit } } },
            { "results"_L1, results }, { "errors"_L1, errors } });
}

} // namespace StacScope
