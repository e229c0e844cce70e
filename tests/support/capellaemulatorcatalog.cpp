// CapellaEmulator, part 3: POST /catalog/search (capella.md section 3) with the Query extension,
// sortby, ownership, page-number paging with foreign next links and the 10 000 item cap, and the
// collections.

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include <QJsonDocument>
#include <QMap>

#include "tests/support/capellaemulator.h"
#include "tests/support/geometryboxes.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/stacsearchquery.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QStringList Ownerships { u"ownedByOrganization"_s, u"publiclyAvailable"_s, u"sharedWithOrganization"_s,
    u"availableForPurchase"_s };
const QStringList Operators { u"eq"_s, u"in"_s, u"gt"_s, u"gte"_s, u"lt"_s, u"lte"_s };

// The value a query or sortby field names: root "id"/"collection", otherwise a property.
QJsonValue fieldValue(const QJsonObject &item, QString field)
{
    if (field.startsWith("properties."_L1))
        return item.value("properties"_L1).toObject().value(field.mid(11));
    if (field == "id"_L1 || field == "collection"_L1)
        return item.value(field);
    return item.value("properties"_L1).toObject().value(field);
}

std::optional<qint64> asInstant(const QJsonValue &value)
{
    const QString text = value.toString();
    if (text.size() < 10 || text.at(4) != u'-' || !text.at(0).isDigit())
        return std::nullopt;
    return StacSearchQuery::parseDateTime(text, true);
}

// <0, 0, >0; nullopt when the two cannot be compared. ISO date-times compare as instants.
std::optional<int> compareValues(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble() ? 1 : 0;
    if (a.isString() && b.isString()) {
        const std::optional<qint64> x = asInstant(a);
        const std::optional<qint64> y = asInstant(b);
        if (x && y)
            return *x < *y ? -1 : *x > *y ? 1 : 0;
        return a.toString().compare(b.toString());
    }
    if (a.isBool() && b.isBool())
        return a.toBool() == b.toBool() ? 0 : a.toBool() ? 1 : -1;
    return std::nullopt;
}

bool matchesScalar(const QJsonValue &actual, const QString &op, const QJsonValue &operand)
{
    if (op == "in"_L1) {
        const QJsonArray list = operand.toArray();
        return std::any_of(
            list.begin(), list.end(), [&](const QJsonValue &v) { return compareValues(actual, v) == 0; });
    }
    const std::optional<int> order = compareValues(actual, operand);
    if (!order)
        return false;
    return op == "eq"_L1 ? *order == 0
        : op == "gt"_L1  ? *order > 0
        : op == "gte"_L1 ? *order >= 0
        : op == "lt"_L1  ? *order < 0
                         : *order <= 0;
}

// One query-extension entry; arrays (sar:polarizations) match when any element does.
bool matchesQuery(const QJsonValue &actual, const QJsonObject &condition)
{
    if (actual.isUndefined() || actual.isNull())
        return false;
    for (auto it = condition.begin(); it != condition.end(); ++it) {
        bool matched = false;
        if (actual.isArray()) {
            const QJsonArray values = actual.toArray();
            matched = std::any_of(
                values.begin(), values.end(), [&](const QJsonValue &v) { return matchesScalar(v, it.key(), *it); });
        } else {
            matched = matchesScalar(actual, it.key(), *it);
        }
        if (!matched)
            return false;
    }
    return true;
}

} // namespace

// ---- routes ---------------------------------------------------------------------------------

void CapellaEmulator::handleCatalog(
    const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments)
{
    if (segments == QStringList { u"search"_s }) {
        if (request.method != "POST")
            return sendMethodNotAllowed(response);
        searchCatalog(request, response);
        return;
    }
    if (request.method != "GET")
        return sendMethodNotAllowed(response);
    const QString base = apiUrl().toString() + u"/catalog"_s;
    const QList<QJsonObject> all = items();
    if (segments.isEmpty()) {
        sendJson(response, 200,
            QJsonObject { { "type"_L1, u"Catalog"_s }, { "id"_L1, u"capella"_s }, { "stac_version"_L1, u"1.0.0"_s },
                { "description"_L1, u"Capella Space catalog (emulated)"_s },
                { "links"_L1,
                    QJsonArray { QJsonObject { { "rel"_L1, u"search"_s }, { "method"_L1, u"POST"_s },
                                     { "href"_L1, QString(base + u"/search"_s) } },
                        QJsonObject {
                            { "rel"_L1, u"data"_s }, { "href"_L1, QString(base + u"/collections"_s) } } } } });
        return;
    }
    if (segments.first() != "collections"_L1 || segments.size() > 2)
        return sendError(response, 404, u"NOT_FOUND"_s, u"Not Found"_s);
    QMap<QString, QList<GeoBox>> boxes;
    QMap<QString, std::pair<QString, QString>> times;
    for (const QJsonObject &entry : all) {
        const QString collection = entry.value("collection"_L1).toString();
        if (std::optional<GeoBox> box = GeoBox::fromJson(entry.value("bbox"_L1).toArray()))
            boxes[collection].append(*box);
        const QString time = entry.value("properties"_L1).toObject().value("datetime"_L1).toString();
        auto &[first, last] = times[collection];
        first = first.isEmpty() ? time : std::min(first, time);
        last = std::max(last, time);
    }
    QJsonArray collections;
    for (auto it = boxes.constBegin(); it != boxes.constEnd(); ++it) {
        GeoBox extent = it->first();
        for (const GeoBox &box : *it)
            extent = extent.united(box);
        const auto &[first, last] = times.value(it.key());
        collections.append(QJsonObject {
            { "type"_L1, u"Collection"_s },
            { "id"_L1, it.key() },
            { "stac_version"_L1, u"1.0.0"_s },
            { "description"_L1, u"Capella SAR products (%1)"_s.arg(it.key()) },
            { "license"_L1, u"proprietary"_s },
            { "extent"_L1,
                QJsonObject {
                    { "spatial"_L1, QJsonObject { { "bbox"_L1, QJsonArray { QJsonValue(extent.toJson()) } } } },
                    { "temporal"_L1,
                        QJsonObject { { "interval"_L1, QJsonArray { QJsonValue(QJsonArray { first, last }) } } } } } },
            { "links"_L1,
                QJsonArray { QJsonObject {
                    { "rel"_L1, u"self"_s }, { "href"_L1, QString(base + u"/collections/"_s + it.key()) } } } },
        });
    }
    if (segments.size() == 1) {
        sendJson(response, 200, QJsonObject { { "collections"_L1, collections }, { "links"_L1, QJsonArray() } });
        return;
    }
    for (const QJsonValue &collection : std::as_const(collections)) {
        if (collection.toObject().value("id"_L1).toString() == segments.at(1))
            return sendJson(response, 200, collection);
    }
    sendNotFound(response, u"Collection %1"_s.arg(segments.at(1)));
}

void CapellaEmulator::searchCatalog(const ReceivedRequest &request, HttpServerResponse &response)
{
    QJsonObject body;
    if (!request.body.trimmed().isEmpty() && !jsonBody(request, response, &body))
        return;
    const auto fail = [&response](const QString &field, const QString &why) {
        sendValidationError(response, { field, why });
    };

    int limit = DefaultSearchLimit;
    if (body.contains("limit"_L1)) {
        const double value = body.value("limit"_L1).toDouble(-1);
        if (!body.value("limit"_L1).isDouble() || value < 1 || std::floor(value) != value)
            return fail(u"limit"_s, u"must be a positive integer"_s);
        limit = int(std::min<double>(value, MaxSearchLimit));
    }
    int page = 1;
    if (body.contains("page"_L1)) {
        const double value = body.value("page"_L1).toDouble(-1);
        if (!body.value("page"_L1).isDouble() || value < 1 || std::floor(value) != value)
            return fail(u"page"_s, u"must be a positive integer"_s);
        page = int(std::min<double>(value, 1e9));
    } else if (request.hasQueryItem(u"page"_s)) {
        bool ok = false;
        page = request.queryValue(u"page"_s).toInt(&ok);
        if (!ok || page < 1)
            return fail(u"page"_s, u"must be a positive integer"_s);
    }
    if (body.contains("filter"_L1))
        return fail(u"filter"_s, u"CQL2 filters are not supported; use the query extension (\"query\")"_s);

    QList<GeoBox> areas;
    if (body.contains("bbox"_L1) && body.contains("intersects"_L1))
        return fail(u"bbox"_s, u"bbox and intersects cannot be combined"_s);
    if (body.contains("bbox"_L1)) {
        QString error;
        const std::optional<GeoBox> box = GeoBox::fromJson(body.value("bbox"_L1).toArray(), &error);
        if (!body.value("bbox"_L1).isArray() || !box)
            return fail(u"bbox"_s, error.isEmpty() ? u"must be [west, south, east, north]"_s : error);
        areas.append(*box);
    } else if (body.contains("intersects"_L1)) {
        QString error;
        if (!body.value("intersects"_L1).isObject()
            || !GeometryBoxes::fromGeometry(body.value("intersects"_L1).toObject(), &areas, &error))
            return fail(u"intersects"_s, error.isEmpty() ? u"must be a GeoJSON geometry"_s : error);
    }
    QStringList collections;
    QStringList ids;
    const std::pair<QString, QStringList *> lists[] = { { u"collections"_s, &collections }, { u"ids"_s, &ids } };
    for (const auto &[key, out] : lists) {
        const QJsonValue value = body.value(key);
        if (value.isUndefined() || value.isNull())
            continue;
        const QJsonArray array = value.toArray();
        if (!value.isArray()
            || !std::all_of(array.begin(), array.end(), [](const QJsonValue &v) { return v.isString(); }))
            return fail(key, u"must be an array of strings"_s);
        for (const QJsonValue &entry : array)
            out->append(entry.toString());
    }
    qint64 startMs = std::numeric_limits<qint64>::min();
    qint64 endMs = std::numeric_limits<qint64>::max();
    if (body.contains("datetime"_L1)) {
        QString error;
        if (!StacSearchQuery::parseInterval(body.value("datetime"_L1).toString(), &startMs, &endMs, &error))
            return fail(u"datetime"_s, error);
    }
    const QString ownership = body.value("ownership"_L1).toString();
    if (body.contains("ownership"_L1) && !Ownerships.contains(ownership))
        return fail(u"ownership"_s, u"must be one of %1"_s.arg(Ownerships.join(u", "_s)));

    // The Query extension: {"field": {"op": value}}, a list meaning "in", a plain value "eq".
    QList<std::pair<QString, QJsonObject>> conditions;
    const QJsonObject query = body.value("query"_L1).toObject();
    if (body.contains("query"_L1) && !body.value("query"_L1).isObject())
        return fail(u"query"_s, u"must be an object"_s);
    for (auto it = query.begin(); it != query.end(); ++it) {
        QJsonObject condition;
        if (it->isObject()) {
            condition = it->toObject();
        } else if (it->isArray()) {
            condition.insert("in"_L1, *it);
        } else {
            condition.insert("eq"_L1, *it);
        }
        for (auto op = condition.begin(); op != condition.end(); ++op) {
            if (!Operators.contains(op.key()))
                return fail(u"query."_s + it.key(),
                    u"operator '%1' is not supported by current STAC server (use eq, in, gt, gte, lt, lte)"_s.arg(
                        op.key()));
            if (op.key() == "in"_L1 && !op->isArray())
                return fail(u"query."_s + it.key(), u"'in' takes an array"_s);
        }
        conditions.append({ it.key(), condition });
    }

    QList<std::pair<QString, bool>> sortFields; // field, descending
    if (body.contains("sortby"_L1)) {
        const QJsonArray sortby = body.value("sortby"_L1).toArray();
        if (!body.value("sortby"_L1).isArray())
            return fail(u"sortby"_s, u"must be an array of {field, direction}"_s);
        for (const QJsonValue &value : sortby) {
            const QJsonObject entry = value.toObject();
            const QString field = entry.value("field"_L1).toString();
            const QString direction = entry.value("direction"_L1).toString(u"asc"_s);
            if (field.isEmpty() || (direction != "asc"_L1 && direction != "desc"_L1))
                return fail(u"sortby"_s, u"each entry needs a field and direction asc or desc"_s);
            sortFields.append({ field, direction == "desc"_L1 });
        }
    } else {
        sortFields.append({ u"properties.datetime"_s, true });
    }
    sortFields.append({ u"id"_s, false });

    QList<QJsonObject> matched;
    const QList<QJsonObject> all = items();
    for (const QJsonObject &entry : all) {
        const QString id = entry.value("id"_L1).toString();
        if (!ids.isEmpty() && !ids.contains(id))
            continue;
        if (!collections.isEmpty() && !collections.contains(entry.value("collection"_L1).toString()))
            continue;
        if (!ownership.isEmpty() && itemOwnership(id) != ownership)
            continue;
        if (!areas.isEmpty()) {
            QList<GeoBox> itemBoxes;
            if (!GeometryBoxes::fromGeometry(entry.value("geometry"_L1).toObject(), &itemBoxes)
                || !GeometryBoxes::intersects(areas, itemBoxes))
                continue;
        }
        if (body.contains("datetime"_L1)) {
            const std::optional<qint64> time = asInstant(fieldValue(entry, u"datetime"_s));
            if (!time || *time < startMs || *time > endMs)
                continue;
        }
        if (!std::all_of(conditions.begin(), conditions.end(), [&entry](const auto &condition) {
                return matchesQuery(fieldValue(entry, condition.first), condition.second);
            }))
            continue;
        matched.append(entry);
    }
    // Sort keys are read once per item (a date string is parsed once, not at every comparison):
    // a 10,000-item catalog is sorted for every page a client asks for.
    struct Key
    {
        bool missing = true;
        QJsonValue value;
        std::optional<qint64> instant;
    };
    std::vector<std::vector<Key>> keys(size_t(matched.size()));
    for (qsizetype i = 0; i < matched.size(); ++i) {
        for (const auto &[field, descending] : sortFields) {
            Key k;
            k.value = fieldValue(matched.at(i), field);
            k.missing = k.value.isUndefined() || k.value.isNull();
            if (k.value.isString()) {
                k.instant = asInstant(k.value);
            }
            keys[size_t(i)].push_back(k);
        }
    }
    std::vector<qsizetype> order(size_t(matched.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        for (qsizetype f = 0; f < sortFields.size(); ++f) {
            const Key &x = keys[size_t(a)][size_t(f)];
            const Key &y = keys[size_t(b)][size_t(f)];
            if (x.missing != y.missing)
                return y.missing; // missing values last
            int cmp = 0;
            if (x.instant && y.instant)
                cmp = *x.instant < *y.instant ? -1 : *x.instant > *y.instant ? 1 : 0;
            else
                cmp = compareValues(x.value, y.value).value_or(0);
            if (cmp != 0)
                return sortFields.at(f).second ? cmp > 0 : cmp < 0;
        }
        return false;
    });
    QList<QJsonObject> sorted;
    sorted.reserve(matched.size());
    for (qsizetype i : order)
        sorted.append(matched.at(i));
    matched = sorted;

    const qsizetype reachable = std::min<qsizetype>(matched.size(), SearchResultCap);
    const qsizetype start = std::min<qsizetype>(qint64(page - 1) * limit, reachable);
    const qsizetype end = std::min<qsizetype>(start + limit, reachable);
    QJsonArray features;
    if (m_duplicateAcrossPages && page > 1 && start > 0 && start < reachable)
        features.append(served(matched.at(start - 1)));
    for (qsizetype i = start; i < end; ++i)
        features.append(served(matched.at(i)));
    QJsonArray links;
    if (end < reachable) {
        links.append(QJsonObject { { "rel"_L1, u"next"_s }, { "type"_L1, u"application/geo+json"_s },
            { "href"_L1, QString(m_nextLinkBase.toString() + u"/catalog/search?page=%1"_s.arg(page + 1)) } });
    }
    sendJson(response, 200,
        QJsonObject { { "type"_L1, u"FeatureCollection"_s }, { "features"_L1, features },
            { "numberMatched"_L1, double(matched.size()) }, { "numberReturned"_L1, features.size() },
            { "links"_L1, links } });
}

} // namespace StacScope
