#include "src/providers/up42/up42api.h"

#include <QCoreApplication>
#include <QDir>
#include <QTimeZone>

#include "src/download/filenamesanitizer.h"

using namespace Qt::StringLiterals;

namespace StacScope {

bool Up42Order::isFinal() const
{
    return status == u"FULFILLED"_s || status == u"FAILED_PERMANENTLY"_s || status == u"CANCELED"_s;
}

bool Up42Order::isCancelable() const
{
    return status == u"CREATED"_s || status == u"PLACEMENT_FAILED"_s;
}

namespace Up42Api {

namespace {

QUrl below(const QUrl &api, const QString &path)
{
    QUrl u = api;
    QString base = u.path();
    while (base.endsWith(u'/')) {
        base.chop(1);
    }
    u.setPath(base + path);
    u.setQuery(QString());
    return u;
}

void addAll(QUrlQuery &q, const QString &key, const QStringList &values)
{
    for (const QString &v : values) {
        if (!v.isEmpty()) {
            q.addQueryItem(key, v);
        }
    }
}

void addIf(QUrlQuery &q, const QString &key, const QString &value)
{
    if (!value.isEmpty()) {
        q.addQueryItem(key, value);
    }
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray()) {
        if (s.isString()) {
            out.append(s.toString());
        }
    }
    return out;
}

qint64 integer(const QJsonValue &v, qint64 fallback = -1)
{
    return v.isDouble() ? qint64(v.toDouble()) : fallback;
}

} // namespace

QString formatTime(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}

QDateTime parseTime(const QJsonValue &value)
{
    if (!value.isString()) {
        return {};
    }
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

// ---- orders ----

QUrl ordersUrl(const QUrl &api, const OrderFilter &f)
{
    QUrl u = below(api, u"/v2/orders"_s);
    QUrlQuery q;
    addIf(q, u"workspaceId"_s, f.workspaceId);
    addIf(q, u"type"_s, f.type);
    addAll(q, u"status"_s, f.statuses);
    addAll(q, u"subStatus"_s, f.subStatuses);
    addIf(q, u"displayName"_s, f.displayName);
    addAll(q, u"tags"_s, f.tags);
    addIf(q, u"sort"_s, f.sort);
    u.setQuery(q);
    return u;
}

QUrl orderUrl(const QUrl &api, const QString &orderId)
{
    return below(api, u"/v2/orders/"_s + QString::fromUtf8(QUrl::toPercentEncoding(orderId)));
}

QUrl cancellationUrl(const QUrl &api, const QString &orderId)
{
    QUrl u = orderUrl(api, orderId);
    u.setPath(u.path(QUrl::FullyEncoded) + u"/cancellation"_s, QUrl::TolerantMode);
    return u;
}

QUrl estimateUrl(const QUrl &api)
{
    return below(api, u"/v2/orders/estimate"_s);
}

QUrl placeUrl(const QUrl &api, const QString &workspaceId)
{
    QUrl u = below(api, u"/v2/orders"_s);
    QUrlQuery q;
    q.addQueryItem(u"workspaceId"_s, workspaceId);
    u.setQuery(q);
    return u;
}

QJsonObject tagsPatch(const QStringList &tags)
{
    return { { u"tags"_s, QJsonArray::fromStringList(tags) } };
}

QJsonObject orderPayload(const QString &dataProductId, const QString &displayName, const QJsonObject &params,
    const QJsonArray &features, const QStringList &tags)
{
    QJsonObject o { { u"dataProduct"_s, dataProductId }, { u"displayName"_s, displayName }, { u"params"_s, params },
        { u"featureCollection"_s,
            QJsonObject { { u"type"_s, u"FeatureCollection"_s }, { u"features"_s, features } } } };
    if (!tags.isEmpty()) {
        o.insert(u"tags"_s, QJsonArray::fromStringList(tags));
    }
    return o;
}

Up42Order parseOrder(const QJsonObject &o)
{
    Up42Order r;
    r.id = o.value(u"id"_s).toString();
    r.workspaceId = o.value(u"workspaceId"_s).toString();
    r.accountId = o.value(u"accountId"_s).toString();
    r.type = o.value(u"type"_s).toString();
    r.dataProductId = o.value(u"dataProductId"_s).toString();
    r.status = o.value(u"status"_s).toString();
    r.details = o.value(u"orderDetails"_s).toObject();
    r.subStatus = r.details.value(u"subStatus"_s).toString();
    r.displayName = o.value(u"displayName"_s).toString();
    r.tags = strings(o.value(u"tags"_s));
    r.createdAt = parseTime(o.value(u"createdAt"_s));
    r.updatedAt = parseTime(o.value(u"updatedAt"_s));
    r.raw = o;
    return r;
}

Up42Estimate parseEstimate(const QJsonObject &o)
{
    Up42Estimate e;
    const QJsonObject summary = o.value(u"summary"_s).toObject();
    e.totalCredits = integer(summary.value(u"totalCredits"_s));
    e.totalSize = summary.value(u"totalSize"_s).toDouble();
    e.unit = summary.value(u"unit"_s).toString();
    for (const QJsonValue &v : o.value(u"results"_s).toArray()) {
        const QJsonObject r = v.toObject();
        e.lines.append({ r.value(u"index"_s).toInt(), integer(r.value(u"credits"_s), 0), r.value(u"size"_s).toDouble(),
            r.value(u"unit"_s).toString() });
    }
    for (const QJsonValue &v : o.value(u"errors"_s).toArray()) {
        const QJsonObject r = v.toObject();
        e.errors.append(
            { r.value(u"index"_s).toInt(), r.value(u"message"_s).toString(), r.value(u"details"_s).toString() });
    }
    return e;
}

Up42Placement parsePlacement(const QJsonObject &o)
{
    Up42Placement p;
    for (const QJsonValue &v : o.value(u"results"_s).toArray()) {
        const QJsonObject r = v.toObject();
        p.placed.append({ r.value(u"index"_s).toInt(), r.value(u"id"_s).toString() });
    }
    for (const QJsonValue &v : o.value(u"errors"_s).toArray()) {
        const QJsonObject r = v.toObject();
        p.errors.append(
            { r.value(u"index"_s).toInt(), r.value(u"message"_s).toString(), r.value(u"details"_s).toString() });
    }
    return p;
}

QStringList orderStatuses()
{
    return { u"CREATED"_s, u"BEING_PLACED"_s, u"PLACED"_s, u"PLACEMENT_FAILED"_s, u"DELIVERY_INITIALIZATION_FAILED"_s,
        u"BEING_FULFILLED"_s, u"DOWNLOAD_FAILED"_s, u"DOWNLOADED"_s, u"FULFILLED"_s, u"FAILED_PERMANENTLY"_s,
        u"CANCELED"_s };
}

QStringList orderSubStatuses()
{
    return { u"FEASIBILITY_WAITING_UPLOAD"_s, u"FEASIBILITY_WAITING_RESPONSE"_s, u"QUOTATION_WAITING_UPLOAD"_s,
        u"QUOTATION_WAITING_RESPONSE"_s, u"QUOTATION_ACCEPTED"_s, u"QUOTATION_REJECTED"_s };
}

QStringList orderSortFields()
{
    return { u"createdAt"_s, u"updatedAt"_s, u"type"_s, u"status"_s, u"dataProvider"_s };
}

// ---- assets ----

QUrl assetsUrl(const QUrl &api, const AssetFilter &f)
{
    QUrl u = below(api, u"/v2/assets"_s);
    QUrlQuery q;
    if (f.createdAfter.isValid()) {
        q.addQueryItem(u"createdAfter"_s, formatTime(f.createdAfter));
    }
    if (f.createdBefore.isValid()) {
        q.addQueryItem(u"createdBefore"_s, formatTime(f.createdBefore));
    }
    addIf(q, u"workspaceId"_s, f.workspaceId);
    addAll(q, u"collectionNames"_s, f.collectionNames);
    addAll(q, u"producerNames"_s, f.producerNames);
    addAll(q, u"tags"_s, f.tags);
    addAll(q, u"sources"_s, f.sources);
    addIf(q, u"search"_s, f.search);
    if (!f.sortField.isEmpty()) {
        q.addQueryItem(u"sort"_s, f.sortField + (f.descending ? u",desc"_s : u",asc"_s));
    }
    u.setQuery(q);
    return u;
}

QUrl assetUrl(const QUrl &api, const QString &assetId)
{
    return below(api, u"/v2/assets/"_s + QString::fromUtf8(QUrl::toPercentEncoding(assetId)));
}

QUrl assetMetadataUrl(const QUrl &api, const QString &assetId)
{
    QUrl u = assetUrl(api, assetId);
    u.setPath(u.path(QUrl::FullyEncoded) + u"/metadata"_s, QUrl::TolerantMode);
    return u;
}

QUrl downloadUrlOf(const QUrl &href)
{
    QUrl u = href.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    u.setPath(u.path(QUrl::FullyEncoded) + u"/download-url"_s, QUrl::TolerantMode);
    return u;
}

QJsonObject assetMetadataBody(const QString &title, const QStringList &tags)
{
    return { { u"title"_s, title.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(title) },
        { u"tags"_s, QJsonArray::fromStringList(tags) } };
}

Up42Asset parseAsset(const QJsonObject &o)
{
    Up42Asset a;
    a.id = o.value(u"id"_s).toString();
    a.workspaceId = o.value(u"workspaceId"_s).toString();
    a.name = o.value(u"name"_s).toString();
    a.title = o.value(u"title"_s).toString();
    a.size = integer(o.value(u"size"_s));
    a.contentType = o.value(u"contentType"_s).toString();
    a.extractionStatus = o.value(u"geospatialMetadataExtractionStatus"_s).toString();
    a.orderId = o.value(u"orderId"_s).toString();
    a.productId = o.value(u"productId"_s).toString();
    a.source = o.value(u"source"_s).toString();
    a.producerName = o.value(u"producerName"_s).toString();
    a.collectionName = o.value(u"collectionName"_s).toString();
    a.tags = strings(o.value(u"tags"_s));
    a.createdAt = parseTime(o.value(u"createdAt"_s));
    a.updatedAt = parseTime(o.value(u"updatedAt"_s));
    a.raw = o;
    return a;
}

QStringList assetSortFields()
{
    return { u"name"_s, u"title"_s, u"size"_s, u"createdAt"_s, u"updatedAt"_s, u"source"_s, u"collectionName"_s,
        u"producerName"_s };
}

QStringList assetSources()
{
    return { u"ARCHIVE"_s, u"TASKING"_s, u"PROCESSING"_s, u"USER"_s };
}

// ---- tasking ----

namespace {

QUrl decisionsList(const QUrl &api, const QString &path, const QString &workspaceId, const QString &orderId,
    const QStringList &decisions)
{
    QUrl u = below(api, path);
    QUrlQuery q;
    addIf(q, u"workspaceId"_s, workspaceId);
    addIf(q, u"orderId"_s, orderId);
    addAll(q, u"decision"_s, decisions);
    u.setQuery(q);
    return u;
}

} // namespace

QUrl quotationsUrl(const QUrl &api, const QString &workspaceId, const QString &orderId, const QStringList &decisions)
{
    return decisionsList(api, u"/v2/tasking/quotation"_s, workspaceId, orderId, decisions);
}

QUrl quotationUrl(const QUrl &api, const QString &quotationId)
{
    return below(api, u"/v2/tasking/quotation/"_s + QString::fromUtf8(QUrl::toPercentEncoding(quotationId)));
}

QUrl studiesUrl(const QUrl &api, const QString &workspaceId, const QString &orderId, const QStringList &decisions)
{
    return decisionsList(api, u"/v2/tasking/feasibility-studies"_s, workspaceId, orderId, decisions);
}

QUrl studyUrl(const QUrl &api, const QString &studyId)
{
    return below(api, u"/v2/tasking/feasibility-studies/"_s + QString::fromUtf8(QUrl::toPercentEncoding(studyId)));
}

QJsonObject quotationDecision(bool accept)
{
    return { { u"decision"_s, accept ? u"ACCEPTED"_s : u"REJECTED"_s } };
}

QJsonObject studyDecision(const QString &optionId)
{
    return { { u"acceptedOptionId"_s, optionId } };
}

Up42Quotation parseQuotation(const QJsonObject &o)
{
    Up42Quotation q;
    q.id = o.value(u"id"_s).toString();
    q.orderId = o.value(u"orderId"_s).toString();
    q.workspaceId = o.value(u"workspaceId"_s).toString();
    q.creditsPrice = integer(o.value(u"creditsPrice"_s));
    q.decision = o.value(u"decision"_s).toString();
    q.createdAt = parseTime(o.value(u"createdAt"_s));
    q.updatedAt = parseTime(o.value(u"updatedAt"_s));
    q.decisionAt = parseTime(o.value(u"decisionAt"_s));
    q.raw = o;
    return q;
}

Up42FeasibilityStudy parseStudy(const QJsonObject &o)
{
    Up42FeasibilityStudy s;
    s.id = o.value(u"id"_s).toString();
    s.orderId = o.value(u"orderId"_s).toString();
    s.workspaceId = o.value(u"workspaceId"_s).toString();
    s.decision = o.value(u"decision"_s).toString();
    for (const QJsonValue &v : o.value(u"options"_s).toArray()) {
        const QJsonObject opt = v.toObject();
        s.options.append({ opt.value(u"id"_s).toString(), opt.value(u"description"_s).toString(), opt });
    }
    s.decisionOptionId = o.value(u"decisionOption"_s).toObject().value(u"id"_s).toString();
    s.createdAt = parseTime(o.value(u"createdAt"_s));
    s.decisionAt = parseTime(o.value(u"decisionAt"_s));
    s.raw = o;
    return s;
}

// ---- catalog ----

QUrl collectionsUrl(const QUrl &api)
{
    return below(api, u"/v2/collections"_s);
}

QUrl hostSearchUrl(const QUrl &api, const QString &host)
{
    return below(api, u"/catalog/hosts/"_s + QString::fromUtf8(QUrl::toPercentEncoding(host)) + u"/stac/search"_s);
}

QUrl quicklookUrl(const QUrl &api, const QString &host, const QString &sceneId)
{
    return below(api,
        u"/catalog/"_s + QString::fromUtf8(QUrl::toPercentEncoding(host)) + u"/image/"_s
            + QString::fromUtf8(QUrl::toPercentEncoding(sceneId)) + u"/quicklook"_s);
}

QList<DataProduct> parseDataProducts(const QJsonObject &collection)
{
    QList<DataProduct> out;
    const QString name = collection.value(u"name"_s).toString();
    for (const QJsonValue &v : collection.value(u"dataProducts"_s).toArray()) {
        const QJsonObject p = v.toObject();
        out.append(
            { p.value(u"id"_s).toString(), p.value(u"name"_s).toString(), p.value(u"title"_s).toString(), name });
    }
    return out;
}

// ---- pages ----

QJsonArray pageContent(const QJsonObject &page)
{
    return page.value(u"content"_s).toArray();
}

bool hasNextPage(const QJsonObject &page, int pageIndex)
{
    const QJsonValue total = page.value(u"totalPages"_s);
    return total.isDouble() && pageIndex + 1 < total.toInt();
}

QUrl withPage(const QUrl &url, int page, int size)
{
    QUrl u = url;
    QUrlQuery q(u);
    q.removeAllQueryItems(u"page"_s);
    q.removeAllQueryItems(u"size"_s);
    q.addQueryItem(u"page"_s, QString::number(page));
    q.addQueryItem(u"size"_s, QString::number(size));
    u.setQuery(q);
    return u;
}

// ---- storage ----

QUrl storageStacUrl(const QUrl &api)
{
    return below(api, u"/v2/assets/stac/"_s);
}

bool isStorageHref(const QUrl &api, const QUrl &href)
{
    const QUrl base = below(api, u"/v2/assets/"_s);
    if (href.scheme() != base.scheme() || href.host() != base.host()
        || href.port(href.scheme() == u"https"_s ? 443 : 80) != base.port(base.scheme() == u"https"_s ? 443 : 80)) {
        return false;
    }
    const QString path = href.path();
    if (!path.startsWith(base.path())) {
        return false;
    }
    const QString rest = path.mid(base.path().size());
    return !rest.isEmpty() && !rest.contains(u'/') && rest != u"stac"_s;
}

QString assetIdOfHref(const QUrl &href)
{
    const QStringList parts = href.path().split(u'/', Qt::SkipEmptyParts);
    if (parts.size() < 3 || parts.at(parts.size() - 2) != u"assets"_s) {
        return {};
    }
    return parts.last();
}

QString fileNameOfSignedUrl(const QUrl &signedUrl)
{
    const QString disposition
        = QUrlQuery(signedUrl).queryItemValue(u"response-content-disposition"_s, QUrl::FullyDecoded);
    const qsizetype at = disposition.indexOf(u"filename="_s, 0, Qt::CaseInsensitive);
    if (at < 0) {
        return {};
    }
    QString name = disposition.mid(at + 9).section(u';', 0, 0).trimmed();
    if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"')) {
        name = name.mid(1, name.size() - 2);
    }
    // A name from a server is never a path.
    return FileNameSanitizer::sanitize(name, QString());
}

QUrl parseSignedUrl(const QJsonObject &answer)
{
    const QUrl u(answer.value(u"url"_s).toString(), QUrl::StrictMode);
    return u.isValid() && (u.scheme() == u"https"_s || u.scheme() == u"http"_s) ? u : QUrl();
}

QString assetRole(const QJsonObject &stacAsset)
{
    const QStringList roles = strings(stacAsset.value(u"roles"_s));
    const QString title = stacAsset.value(u"title"_s).toString().toLower();
    for (const QString &r : { u"data"_s, u"metadata"_s, u"thumbnail"_s, u"overview"_s }) {
        if (roles.contains(r)) {
            return r;
        }
    }
    if (title.contains(u"metadata"_s)) {
        return u"metadata"_s;
    }
    if (title.contains(u"thumbnail"_s) || title.contains(u"quicklook"_s)) {
        return u"thumbnail"_s;
    }
    if (title == u"data"_s || title.contains(u"original delivery"_s)) {
        return u"data"_s;
    }
    return u"other"_s;
}

DownloadTask planAssetDownload(const QUrl &api, const QString &assetId, const QString &name, qint64 size,
    const QString &directory, const QString &sourceId, const QString &title)
{
    DownloadTask t;
    t.url = assetUrl(api, assetId);
    t.linkFromProvider = true; // signed by the account's refresher; the bearer token stays on the API host
    // The signed link's response-content-disposition names the file, as the SDK took it
    // (get_filename of the signed URL); `name` from the metadata (or the id) until then.
    t.nameFromServer = true;
    const QString root = QDir::cleanPath(directory);
    t.targetPath = root + u'/' + FileNameSanitizer::sanitize(name, FileNameSanitizer::sanitize(assetId, u"asset"_s));
    t.expectedSize = size;
    t.sourceId = sourceId;
    t.itemId = assetId;
    t.assetKey = name;
    t.title = title.isEmpty() ? name : title;
    return t;
}

QString explain(const NetworkError &error)
{
    if (error.kind == NetworkError::Kind::Http && error.httpStatus == 422) {
        return QCoreApplication::translate("StacScope::Up42Api", "UP42 refused the search: %1").arg(error.message);
    }
    if (error.kind == NetworkError::Kind::Http && error.httpStatus == 409) {
        return QCoreApplication::translate("StacScope::Up42Api", "Not in this state: %1").arg(error.message);
    }
    return error.toString();
}

} // namespace Up42Api

} // namespace StacScope
