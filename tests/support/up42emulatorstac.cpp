// Up42Emulator, part 6: the storage STAC API at /v2/assets/stac/ (notes section 8): one collection
// per asset whose metadata extraction succeeded, its items with STAC assets keyed by file name,
// POST-only search with a CQL2 filter over UP42's queryables, and stac-fastapi/pgstac style
// paging: token=next:<id> / prev:<id> (the id of the last / first entry of the current page).

#include <algorithm>

#include <QJsonDocument>

#include "tests/support/cql2reference.h"
#include "tests/support/geometryboxes.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/stacsearchquery.h"
#include "tests/support/up42emulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QByteArray GeoJsonType = QByteArrayLiteral("application/geo+json");

// stac-fastapi's error body.
void sendStacError(HttpServerResponse &response, int status, const QString &code, const QString &description)
{
    response.respond(status,
        QJsonDocument(QJsonObject { { "code"_L1, code }, { "description"_L1, description } })
            .toJson(QJsonDocument::Compact),
        QByteArrayLiteral("application/json"));
}

QJsonObject link(const QString &rel, const QByteArray &href, const QString &type)
{
    return QJsonObject { { "rel"_L1, rel }, { "type"_L1, type }, { "href"_L1, QString::fromUtf8(href) } };
}

// Where a page starts for `token` in `ids`; -1 for a token that names no entry.
qsizetype pageStart(const QStringList &ids, const QString &token, int limit)
{
    if (token.isEmpty())
        return 0;
    const bool next = token.startsWith(u"next:"_s);
    if (!next && !token.startsWith(u"prev:"_s))
        return -1;
    const qsizetype index = ids.indexOf(token.mid(5));
    if (index < 0)
        return -1;
    return next ? index + 1 : std::max<qsizetype>(0, index - limit);
}

// The request URL with `token` replaced.
QByteArray withToken(const QByteArray &origin, const ReceivedRequest &request, const QString &token)
{
    QUrlQuery query(request.query);
    query.removeAllQueryItems(u"token"_s);
    query.addQueryItem(u"token"_s, QString::fromLatin1(QUrl::toPercentEncoding(token)));
    return origin + QUrl::toPercentEncoding(request.path, "/") + '?' + query.toString(QUrl::FullyEncoded).toUtf8();
}

// UP42's queryable names (GET /queryables) for the item properties they stand for.
QString propertyFor(const QString &queryable)
{
    static const QHash<QString, QString> names {
        { u"workspace_id"_s, u"up42-system:workspace_id"_s },
        { u"asset_id"_s, u"up42-system:asset_id"_s },
        { u"tags"_s, u"up42-user:tags"_s },
        { u"title"_s, u"up42-user:title"_s },
        { u"collection_name"_s, u"up42-product:collection_name"_s },
        { u"order_id"_s, u"up42-order:id"_s },
        { u"data_product_id"_s, u"up42-product:product_id"_s },
        { u"job_id"_s, u"up42-system:job_id"_s },
    };
    const QString name = queryable.startsWith(u"properties."_s) ? queryable.mid(11) : queryable;
    return names.value(name, name);
}

} // namespace

QJsonValue Up42Emulator::queryable(const StacItem &item, const QString &name) const
{
    const QString property = propertyFor(name);
    if (property == "id"_L1)
        return item.id;
    if (property == "collection"_L1)
        return item.collectionId;
    return stacItemJson(item, {}).value("properties"_L1).toObject().value(property);
}

QJsonObject Up42Emulator::stacItemJson(const StacItem &item, const QByteArray &origin) const
{
    const Asset *asset = nullptr;
    for (const Asset &candidate : m_assets) {
        if (candidate.id == item.assetId)
            asset = &candidate;
    }
    const auto orNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    QJsonObject properties {
        { "datetime"_L1, isoTime(item.datetime) },
        { "start_datetime"_L1, isoTime(item.datetime.addSecs(-2)) },
        { "end_datetime"_L1, isoTime(item.datetime.addSecs(2)) },
        { "constellation"_L1, item.constellation.toLower() },
        { "gsd"_L1, item.gsd },
        { "proj:epsg"_L1, 4326 },
        { "up42-user:title"_L1, item.title },
        { "up42-user:tags"_L1, QJsonArray::fromStringList(item.tags) },
        { "up42-product:product_id"_L1, orNull(asset->productId) },
        { "up42-product:collection_name"_L1, orNull(asset->collectionName) },
        { "up42-product:modality"_L1, item.sar ? u"sar"_s : u"optical"_s },
        { "up42-order:id"_L1, orNull(asset->orderId) },
        { "up42-system:asset_id"_L1, asset->id },
        { "up42-system:account_id"_L1, AccountId.toString() },
        { "up42-system:workspace_id"_L1, asset->workspaceId },
        { "up42-system:job_id"_L1, QJsonValue() },
        { "up42-system:source"_L1, asset->source },
        { "up42-system:metadata_version"_L1, u"1.0.0"_s },
    };
    QJsonArray extensions { u"https://stac-extensions.github.io/projection/v1.1.0/schema.json"_s };
    if (item.sar) {
        extensions.prepend(u"https://stac-extensions.github.io/sar/v1.0.0/schema.json"_s);
        properties.insert("sar:instrument_mode"_L1, u"spotlight"_s);
        properties.insert("sar:polarizations"_L1, QJsonArray { u"HH"_s });
        properties.insert("sar:product_type"_L1, u"GEO"_s);
    } else {
        extensions.prepend(u"https://stac-extensions.github.io/eo/v1.1.0/schema.json"_s);
        properties.insert("eo:cloud_cover"_L1, item.cloud);
    }
    if (origin.isEmpty())
        return QJsonObject { { "properties"_L1, properties } };

    const QByteArray base = origin + "/v2/assets/stac";
    const QByteArray collection = base + "/collections/" + item.collectionId.toLatin1();
    QJsonObject assets;
    for (const QString &fileId : item.fileIds) {
        const File &file = m_fileIndex[fileId];
        assets.insert(file.name,
            QJsonObject { { "href"_L1, QString::fromUtf8(origin + "/v2/assets/" + file.id.toLatin1()) },
                { "title"_L1, file.title }, { "type"_L1, QString::fromLatin1(file.contentType) },
                { "roles"_L1, QJsonArray::fromStringList(file.roles) } });
    }
    return QJsonObject {
        { "type"_L1, u"Feature"_s },
        { "stac_version"_L1, u"1.0.0"_s },
        { "stac_extensions"_L1, extensions },
        { "id"_L1, item.id },
        { "collection"_L1, item.collectionId },
        { "geometry"_L1, polygon(item.box) },
        { "bbox"_L1, item.box.toJson() },
        { "properties"_L1, properties },
        { "links"_L1,
            QJsonArray { link(u"self"_s, collection + "/items/" + item.id.toLatin1(), u"application/geo+json"_s),
                link(u"parent"_s, collection, u"application/json"_s),
                link(u"collection"_s, collection, u"application/json"_s),
                link(u"root"_s, base + '/', u"application/json"_s) } },
        { "assets"_L1, assets },
    };
}

QJsonObject Up42Emulator::stacCollectionJson(const Asset &asset, const QByteArray &origin) const
{
    const QByteArray base = origin + "/v2/assets/stac";
    const QByteArray self = base + "/collections/" + asset.collectionId.toLatin1();
    std::optional<GeoBox> extent;
    QDateTime first;
    QDateTime last;
    bool sar = false;
    for (const StacItem &item : m_items) {
        if (item.assetId != asset.id)
            continue;
        extent = extent ? extent->united(item.box) : item.box;
        first = first.isValid() ? std::min(first, item.datetime) : item.datetime;
        last = last.isValid() ? std::max(last, item.datetime) : item.datetime;
        sar = item.sar;
    }
    const File &original = m_fileIndex[asset.id];
    const auto orNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    return QJsonObject {
        { "type"_L1, u"Collection"_s },
        { "stac_version"_L1, u"1.0.0"_s },
        { "stac_extensions"_L1, QJsonArray() },
        { "id"_L1, asset.collectionId },
        { "title"_L1, asset.title.isString() ? asset.title.toString() : asset.name },
        { "description"_L1, u"UP42 storage asset %1"_s.arg(asset.name) },
        { "license"_L1, u"proprietary"_s },
        { "extent"_L1,
            QJsonObject { { "spatial"_L1,
                              QJsonObject { { "bbox"_L1,
                                  QJsonArray { QJsonValue(extent ? extent->toJson() : QJsonArray()) } } } },
                { "temporal"_L1,
                    QJsonObject { { "interval"_L1,
                        QJsonArray { QJsonValue(QJsonArray { isoTime(first), isoTime(last) }) } } } } } },
        { "assets"_L1,
            QJsonObject { { asset.name,
                QJsonObject { { "href"_L1, QString::fromUtf8(origin + "/v2/assets/" + asset.id.toLatin1()) },
                    { "title"_L1, u"Original Delivery"_s }, { "type"_L1, QString::fromLatin1(original.contentType) },
                    { "roles"_L1, QJsonArray { u"data"_s, u"original"_s } } } } } },
        { "up42-user:title"_L1, asset.title },
        { "up42-user:tags"_L1, QJsonArray::fromStringList(asset.tags) },
        { "up42-product:product_id"_L1, orNull(asset.productId) },
        { "up42-product:collection_name"_L1, orNull(asset.collectionName) },
        { "up42-product:modality"_L1, sar ? u"sar"_s : u"optical"_s },
        { "up42-order:id"_L1, orNull(asset.orderId) },
        { "up42-system:asset_id"_L1, asset.id },
        { "up42-system:account_id"_L1, AccountId.toString() },
        { "up42-system:workspace_id"_L1, asset.workspaceId },
        { "up42-system:job_id"_L1, QJsonValue() },
        { "up42-system:source"_L1, asset.source },
        { "up42-system:metadata_version"_L1, u"1.0.0"_s },
        { "links"_L1,
            QJsonArray { link(u"self"_s, self, u"application/json"_s),
                link(u"root"_s, base + '/', u"application/json"_s),
                link(u"parent"_s, base + '/', u"application/json"_s),
                link(u"items"_s, self + "/items", u"application/geo+json"_s) } },
    };
}

void Up42Emulator::handleStac(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &s)
{
    const QByteArray origin = originFor(request, Service::Api);
    const QByteArray base = origin + "/v2/assets/stac";
    const bool read = request.method == "GET" || request.method == "HEAD";
    const auto notFound = [&] { sendStacError(response, 404, u"NotFoundError"_s, u"No such path: "_s + request.path); };
    if (s.isEmpty() || (s.size() == 1 && (s.first() == "conformance"_L1 || s.first() == "queryables"_L1))) {
        if (!read) {
            sendStacError(response, 405, u"MethodNotAllowed"_s, u"Method Not Allowed"_s);
            return;
        }
        const QString rc = u"https://api.stacspec.org/v1.0.0-rc.1/"_s;
        const QString ogc = u"http://www.opengis.net/spec/"_s;
        const QJsonArray conformance = QJsonArray::fromStringList(QStringList { rc + "core"_L1, rc + "collections"_L1,
            rc + "ogcapi-features"_L1, rc + "item-search"_L1, rc + "item-search#filter"_L1,
            rc + "item-search#filter:basic-cql"_L1, rc + "item-search#filter:cql-text"_L1, rc + "item-search#sort"_L1,
            rc + "ogcapi-features/extensions/transaction"_L1, ogc + "ogcapi-features-1/1.0/conf/core"_L1,
            ogc + "ogcapi-features-1/1.0/conf/geojson"_L1, ogc + "ogcapi-features-1/1.0/conf/oas30"_L1,
            ogc + "ogcapi-features-3/1.0/conf/filter"_L1, ogc + "ogcapi-features-3/1.0/conf/features-filter"_L1,
            ogc + "ogcapi-features-4/1.0/conf/simpletx"_L1 });
        if (s.isEmpty()) {
            QJsonObject search = link(u"search"_s, base + "/search", u"application/geo+json"_s);
            search.insert("method"_L1, u"POST"_s); // POST only
            sendJson(response, 200,
                QJsonObject { { "type"_L1, u"Catalog"_s }, { "stac_version"_L1, u"1.0.0"_s },
                    { "id"_L1, u"up42-storage"_s }, { "title"_L1, u"UP42 Storage"_s },
                    { "description"_L1, u"UP42 Storage STAC API"_s }, { "conformsTo"_L1, conformance },
                    { "links"_L1,
                        QJsonArray { link(u"self"_s, base + '/', u"application/json"_s),
                            link(u"root"_s, base + '/', u"application/json"_s),
                            link(u"data"_s, base + "/collections", u"application/json"_s),
                            link(u"conformance"_s, base + "/conformance", u"application/json"_s), search,
                            link(u"http://www.opengis.net/def/rel/ogc/1.0/queryables"_s, base + "/queryables",
                                u"application/schema+json"_s),
                            link(u"service-desc"_s, base + "/api",
                                u"application/vnd.oai.openapi+json;version=3.0"_s) } } });
        } else if (s.first() == "conformance"_L1) {
            sendJson(response, 200, QJsonObject { { "conformsTo"_L1, conformance } });
        } else {
            // Type words as UP42 writes them (not all JSON Schema types) [I].
            const auto typed = [](const char *type) {
                return QJsonObject { { "type"_L1, QString::fromLatin1(type) } };
            };
            sendJson(response, 200,
                QJsonObject { { "$schema"_L1, u"https://json-schema.org/draft/2019-09/schema"_s },
                    { "$id"_L1, QString::fromUtf8(base + "/queryables") }, { "type"_L1, u"object"_s },
                    { "title"_L1, u"UP42 Storage queryables"_s },
                    { "properties"_L1,
                        QJsonObject { { "datetime"_L1, typed("datetime") }, { "workspace_id"_L1, typed("string") },
                            { "asset_id"_L1, typed("string") }, { "tags"_L1, typed("array") },
                            { "eo:cloud_cover"_L1, typed("number") }, { "constellation"_L1, typed("string") },
                            { "gsd"_L1, typed("number") }, { "title"_L1, typed("string") },
                            { "collection_name"_L1, typed("string") }, { "order_id"_L1, typed("string") },
                            { "data_product_id"_L1, typed("string") }, { "job_id"_L1, typed("string") },
                            { "geometry"_L1, typed("geometry") }, { "id"_L1, typed("string") },
                            { "collection"_L1, typed("string") } } } });
        }
        return;
    }
    if (s.size() == 1 && s.first() == "search"_L1) {
        if (request.method != "POST") {
            response.setHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("POST"));
            sendStacError(response, 405, u"MethodNotAllowed"_s, u"Method Not Allowed: search takes POST only"_s);
            return;
        }
        stacSearch(request, response, {});
        return;
    }
    if (s.first() != "collections"_L1 || s.size() > 4 || (s.size() >= 3 && s.at(2) != "items"_L1)) {
        notFound();
        return;
    }
    if (s.size() == 1) {
        if (!read) {
            sendStacError(response, 405, u"MethodNotAllowed"_s, u"Method Not Allowed"_s);
            return;
        }
        bool ok = true;
        const int limit = request.hasQueryItem(u"limit"_s) ? request.queryValue(u"limit"_s).toInt(&ok) : 10;
        if (!ok || limit < 1) {
            sendStacError(response, 400, u"RequestValidationError"_s, u"limit must be a positive integer"_s);
            return;
        }
        // Newest first [I].
        QList<const Asset *> listed;
        const QString workspace = request.queryValue(u"workspace_id"_s);
        for (const Asset &asset : std::as_const(m_assets)) {
            if (!asset.deleted && !asset.collectionId.isEmpty()
                && (workspace.isEmpty() || asset.workspaceId == workspace))
                listed.append(&asset);
        }
        std::stable_sort(
            listed.begin(), listed.end(), [](const Asset *a, const Asset *b) { return a->createdAt > b->createdAt; });
        QStringList ids;
        for (const Asset *asset : std::as_const(listed))
            ids.append(asset->collectionId);
        const qsizetype begin = pageStart(ids, request.queryValue(u"token"_s), limit);
        if (begin < 0) {
            sendStacError(response, 400, u"InvalidQueryParameter"_s, u"invalid token"_s);
            return;
        }
        const qsizetype end = std::min<qsizetype>(begin + limit, ids.size());
        QJsonArray collections;
        for (qsizetype i = begin; i < end; ++i)
            collections.append(stacCollectionJson(*listed.at(i), origin));
        QJsonArray links { link(u"root"_s, base + '/', u"application/json"_s),
            link(u"self"_s, origin + request.target, u"application/json"_s) };
        for (const auto &[rel, token, present] :
            { std::tuple { u"next"_s, QString(u"next:"_s + ids.value(end - 1)), end < ids.size() },
                std::tuple { u"prev"_s, QString(u"prev:"_s + ids.value(begin)), begin > 0 } }) {
            if (!present)
                continue;
            QJsonObject paging = link(rel, withToken(origin, request, token), u"application/json"_s);
            paging.insert("method"_L1, u"GET"_s);
            links.append(paging);
        }
        sendJson(response, 200, QJsonObject { { "collections"_L1, collections }, { "links"_L1, links } });
        return;
    }
    Asset *asset = nullptr;
    for (Asset &candidate : m_assets) {
        if (!candidate.deleted && !candidate.collectionId.isEmpty() && candidate.collectionId == s.at(1))
            asset = &candidate;
    }
    if (asset == nullptr) {
        sendStacError(response, 404, u"NotFoundError"_s, u"Collection %1 does not exist."_s.arg(s.at(1)));
        return;
    }
    if (s.size() == 2) {
        if (request.method == "DELETE") {
            // The whole asset goes, with its files [I: 204].
            asset->deleted = true;
            m_fileIndex.remove(asset->id);
            for (const StacItem &item : std::as_const(m_items)) {
                if (item.assetId == asset->id) {
                    for (const QString &fileId : item.fileIds)
                        m_fileIndex.remove(fileId);
                }
            }
            m_items.removeIf([asset](const StacItem &item) { return item.assetId == asset->id; });
            m_byteCache.clear();
            response.setStatus(204);
        } else if (read) {
            sendJson(response, 200, stacCollectionJson(*asset, origin));
        } else {
            sendStacError(response, 405, u"MethodNotAllowed"_s, u"Method Not Allowed"_s);
        }
        return;
    }
    if (s.size() == 3) {
        if (!read)
            sendStacError(response, 405, u"MethodNotAllowed"_s, u"Method Not Allowed"_s);
        else
            stacSearch(request, response, s.at(1));
        return;
    }
    StacItem *item = nullptr;
    for (StacItem &candidate : m_items) {
        if (candidate.collectionId == s.at(1) && candidate.id == s.at(3))
            item = &candidate;
    }
    if (item == nullptr) {
        sendStacError(
            response, 404, u"NotFoundError"_s, u"Item %1 in Collection %2 does not exist."_s.arg(s.at(3), s.at(1)));
        return;
    }
    if (read) {
        sendJson(response, 200, stacItemJson(*item, origin), GeoJsonType);
        return;
    }
    if (request.method != "PATCH") {
        sendStacError(response, 405, u"MethodNotAllowed"_s, u"Method Not Allowed"_s);
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    const QJsonObject body = document.object();
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QJsonArray array = it.value().toArray();
        const bool ok = it.key() == "up42-user:title"_L1 ? (it.value().isString() || it.value().isNull())
            : it.key() == "up42-user:tags"_L1            ? (it.value().isNull()
                  || (it.value().isArray()
                      && std::all_of(array.begin(), array.end(), [](const QJsonValue &v) { return v.isString(); })))
                                                         : false;
        if (!ok || !document.isObject()) {
            sendStacError(response, 400, u"RequestValidationError"_s,
                u"Only up42-user:title (string or null) and up42-user:tags (array of strings) can be changed"_s);
            return;
        }
    }
    if (!document.isObject()) {
        sendStacError(response, 400, u"RequestValidationError"_s, u"The body must be a JSON object"_s);
        return;
    }
    if (body.contains("up42-user:title"_L1))
        item->title = body.value("up42-user:title"_L1);
    if (body.contains("up42-user:tags"_L1)) {
        item->tags.clear();
        for (const QJsonValue &tag : body.value("up42-user:tags"_L1).toArray())
            item->tags.append(tag.toString());
    }
    sendJson(response, 200, stacItemJson(*item, origin), GeoJsonType);
}

void Up42Emulator::stacSearch(const ReceivedRequest &request, HttpServerResponse &response, const QString &collectionId)
{
    const QByteArray origin = originFor(request, Service::Api);
    const bool post = request.method == "POST";
    QJsonObject body;
    QString error;
    std::optional<StacSearchQuery> parsed;
    if (post) {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        if (!document.isObject()) {
            sendStacError(response, 400, u"RequestValidationError"_s, u"The body must be a JSON object"_s);
            return;
        }
        body = document.object();
        parsed = StacSearchQuery::fromJson(body, &error);
    } else {
        parsed = StacSearchQuery::fromUrlQuery(request.query, &error);
    }
    if (!parsed) {
        sendStacError(response, 400, u"RequestValidationError"_s, error);
        return;
    }
    const StacSearchQuery &query = *parsed;
    const int limit = query.limit < 0 ? 10 : std::min(query.limit, 10000);

    QList<const StacItem *> matches;
    for (const StacItem &item : std::as_const(m_items)) {
        if ((!collectionId.isEmpty() && item.collectionId != collectionId)
            || (!query.collections.isEmpty() && !query.collections.contains(item.collectionId))
            || (!query.ids.isEmpty() && !query.ids.contains(item.id)))
            continue;
        const qint64 ms = item.datetime.toMSecsSinceEpoch();
        if (query.hasDatetime() && (ms < query.startMs || ms > query.endMs))
            continue;
        if (query.hasSpatial() && !GeometryBoxes::intersects({ item.box }, query.areas))
            continue;
        if (!query.filter.isEmpty()) {
            Cql2Reference::Item context; // the tests' own CQL2, not the product's
            context.property = [this, &item](const QString &name) { return queryable(item, name); };
            context.spatial = [&item](const QString &op, const QJsonObject &geometry) {
                QList<GeoBox> boxes;
                if (!GeometryBoxes::fromGeometry(geometry, &boxes))
                    return false;
                if (op == "s_disjoint"_L1)
                    return !GeometryBoxes::intersects({ item.box }, boxes);
                if (op == "s_within"_L1)
                    return GeometryBoxes::contains(boxes, { item.box });
                if (op == "s_contains"_L1)
                    return GeometryBoxes::contains({ item.box }, boxes);
                return GeometryBoxes::intersects({ item.box }, boxes);
            };
            if (!Cql2Reference::matches(query.filter, context))
                continue;
        }
        matches.append(&item);
    }
    // pgstac's default order: datetime descending, then id descending.
    QList<StacSearchQuery::SortField> sortby = query.sortby;
    sortby.append({ u"datetime"_s, true });
    sortby.append({ u"id"_s, true });
    std::stable_sort(matches.begin(), matches.end(), [this, &sortby](const StacItem *a, const StacItem *b) {
        for (const StacSearchQuery::SortField &field : sortby) {
            const QJsonValue va = queryable(*a, field.field);
            const QJsonValue vb = queryable(*b, field.field);
            int order = 0;
            if (va.isDouble() && vb.isDouble())
                order = va.toDouble() < vb.toDouble() ? -1 : (va.toDouble() > vb.toDouble() ? 1 : 0);
            else
                order = va.toVariant().toString().compare(vb.toVariant().toString());
            if (order != 0)
                return field.descending ? order > 0 : order < 0;
        }
        return false;
    });
    QStringList ids;
    for (const StacItem *item : std::as_const(matches))
        ids.append(item->id);
    const qsizetype begin = pageStart(ids, query.token, limit);
    if (begin < 0) {
        sendStacError(response, 400, u"InvalidQueryParameter"_s, u"invalid token '%1'"_s.arg(query.token));
        return;
    }
    const qsizetype end = std::min<qsizetype>(begin + limit, ids.size());
    QJsonArray features;
    for (qsizetype i = begin; i < end; ++i)
        features.append(stacItemJson(*matches.at(i), origin));

    const QByteArray base = origin + "/v2/assets/stac";
    QJsonArray links { link(u"root"_s, base + '/', u"application/json"_s) };
    if (!post)
        links.append(link(u"self"_s, origin + request.target, u"application/geo+json"_s));
    for (const auto &[rel, token, present] :
        { std::tuple { u"next"_s, QString(u"next:"_s + ids.value(end - 1)), end < ids.size() },
            std::tuple { u"prev"_s, QString(u"prev:"_s + ids.value(begin)), begin > 0 } }) {
        if (!present)
            continue;
        QJsonObject paging;
        if (post) {
            // stac-fastapi: the whole body again, with the token.
            QJsonObject nextBody = body;
            nextBody.insert("token"_L1, token);
            paging = link(rel, base + "/search", u"application/geo+json"_s);
            paging.insert("method"_L1, u"POST"_s);
            paging.insert("body"_L1, nextBody);
        } else {
            paging = link(rel, withToken(origin, request, token), u"application/geo+json"_s);
            paging.insert("method"_L1, u"GET"_s);
        }
        links.append(paging);
    }
    sendJson(response, 200,
        QJsonObject { { "type"_L1, u"FeatureCollection"_s }, { "features"_L1, features }, { "links"_L1, links },
            { "context"_L1,
                QJsonObject { { "limit"_L1, limit }, { "matched"_L1, qint64(ids.size()) },
                    { "returned"_L1, qint64(end - begin) } } } },
        GeoJsonType);
}

} // namespace StacScope
