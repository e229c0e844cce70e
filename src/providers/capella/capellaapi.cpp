#include "src/providers/capella/capellaapi.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QJsonDocument>
#include <QUrlQuery>

#include "src/download/filenamesanitizer.h"
#include "src/net/networkerror.h"
#include "src/providers/provider.h"
#include "src/stac/datetime.h"
#include "src/stac/filterplan.h"
#include "src/stac/itemgroups.h"

using namespace Qt::StringLiterals;

namespace StacScope::CapellaApi {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::CapellaApi", text);
}

// capella-console-client config.py STAC_PREFIXED_BY_QUERY_FIELDS (capella.md §3).
const QHash<QString, QString> &fieldMap()
{
    static const QHash<QString, QString> map {
        { u"collect_id"_s, u"capella:collect_id"_s },
        { u"squint_angle"_s, u"capella:squint_angle"_s },
        { u"orbital_plane"_s, u"capella:orbital_plane"_s },
        { u"hash"_s, u"capella:hash"_s },
        { u"collection_type"_s, u"capella:collection_type"_s },
        { u"resolution_ground_range"_s, u"capella:resolution_ground_range"_s },
        { u"layover_angle"_s, u"capella:layover_angle"_s },
        { u"billable_area"_s, u"capella:billable_area"_s },
        { u"image_formation_algorithm"_s, u"capella:image_formation_algorithm"_s },
        { u"rgt_id"_s, u"capella:rgt_id"_s },
        { u"center_frequency"_s, u"sar:center_frequency"_s },
        { u"frequency_band"_s, u"sar:frequency_band"_s },
        { u"instrument_mode"_s, u"sar:instrument_mode"_s },
        { u"looks_azimuth"_s, u"sar:looks_azimuth"_s },
        { u"looks_range"_s, u"sar:looks_range"_s },
        { u"looks_equivalent_number"_s, u"sar:looks_equivalent_number"_s },
        { u"observation_direction"_s, u"sar:observation_direction"_s },
        { u"pixel_spacing_azimuth"_s, u"sar:pixel_spacing_azimuth"_s },
        { u"pixel_spacing_range"_s, u"sar:pixel_spacing_range"_s },
        { u"polarizations"_s, u"sar:polarizations"_s },
        { u"product_type"_s, u"sar:product_type"_s },
        { u"resolution_azimuth"_s, u"sar:resolution_azimuth"_s },
        { u"resolution_range"_s, u"sar:resolution_range"_s },
        { u"orbit_state"_s, u"sat:orbit_state"_s },
        { u"relative_orbit"_s, u"sat:relative_orbit"_s },
        { u"absolute_orbit"_s, u"sat:absolute_orbit"_s },
        { u"incidence_angle"_s, u"view:incidence_angle"_s },
        { u"look_angle"_s, u"view:look_angle"_s },
        { u"azimuth_angle"_s, u"view:azimuth"_s },
        { u"local_timezone"_s, u"locale:timezone"_s },
        { u"local_datetime"_s, u"locale:datetime"_s },
        { u"local_time"_s, u"locale:time"_s },
        { u"epsg"_s, u"proj:epsg"_s },
        { u"constellation"_s, u"constellation"_s },
        { u"instruments"_s, u"instruments"_s },
        { u"platform"_s, u"platform"_s },
    };
    return map;
}

QUrl api(const QUrl &base, const QString &path)
{
    return Provider::below(base, path);
}

QString encoded(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

QUrl userUrl(const QUrl &base)
{
    return api(base, u"/user"_s);
}

QUrl searchUrl(const QUrl &base)
{
    return api(base, u"/catalog/search"_s);
}

QUrl collectionsUrl(const QUrl &base)
{
    return api(base, u"/catalog/collections"_s);
}

QUrl ordersUrl(const QUrl &base)
{
    return api(base, u"/orders"_s);
}

QUrl orderReviewUrl(const QUrl &base)
{
    return api(base, u"/orders/review"_s);
}

QUrl orderListUrl(const QUrl &base, const QString &userId)
{
    QUrl url = ordersUrl(base);
    QUrlQuery q;
    q.addQueryItem(u"customerId"_s, userId);
    url.setQuery(q);
    return url;
}

QUrl orderUrl(const QUrl &base, const QString &orderId)
{
    return api(base, u"/orders/"_s + encoded(orderId));
}

QUrl presignUrl(const QUrl &base, const QString &orderId)
{
    return api(base, u"/orders/"_s + encoded(orderId) + u"/download"_s);
}

QUrl requestUrl(const QUrl &base, CapellaRequest::Kind kind, const QString &id)
{
    const QString root = kind == CapellaRequest::Kind::Tasking ? u"/task"_s : u"/repeat-requests"_s;
    return api(base, id.isEmpty() ? root : root + u'/' + encoded(id));
}

QUrl requestStatusUrl(const QUrl &base, CapellaRequest::Kind kind, const QString &id)
{
    return api(base,
        (kind == CapellaRequest::Kind::Tasking ? u"/task/"_s : u"/repeat-requests/"_s) + encoded(id) + u"/status"_s);
}

QUrl requestSearchUrl(const QUrl &base, CapellaRequest::Kind kind, int page, int limit)
{
    QUrl url = api(base, kind == CapellaRequest::Kind::Tasking ? u"/tasks/search"_s : u"/repeat-requests/search"_s);
    QUrlQuery q;
    q.addQueryItem(u"page"_s, QString::number(page));
    q.addQueryItem(u"limit"_s, QString::number(limit));
    url.setQuery(q);
    return url;
}

QUrl collectsUrl(const QUrl &base, const QString &taskingRequestId)
{
    return api(base, u"/collects/list/"_s + encoded(taskingRequestId));
}

QUrl collectionTypesUrl(const QUrl &base)
{
    return api(base, u"/collectiontypes"_s);
}

QString propertyFor(const QString &field)
{
    return fieldMap().value(field, field);
}

QStringList queryFields()
{
    QStringList names = fieldMap().keys();
    names.sort();
    return names;
}

CatalogQuery searchBody(const SearchParameters &parameters)
{
    CatalogQuery out;
    SearchParameters p = parameters;
    p.limit = std::clamp(p.limit, 1, MaxPageSize);
    // Capella filters datetime through the query (the console client puts it there).
    p.datetime.reset();
    const QJsonObject filter = p.filter;
    p.filter = {};
    QList<SortField> sort;
    for (SortField f : p.sortBy) {
        const QString bare = f.field.startsWith(u"properties."_s) ? f.field.mid(11) : f.field;
        f.field = propertyFor(bare);
        sort.append(f);
    }
    p.sortBy = sort;
    out.body = p.toPostBody();
    out.body.remove(u"filter"_s);
    out.body.remove(u"filter-lang"_s);
    out.body.remove(u"datetime"_s);

    QJsonObject query = parameters.query;
    if (parameters.datetime) {
        QJsonObject range;
        if (parameters.datetime->start) {
            range.insert(u"gte"_s, Rfc3339::format(*parameters.datetime->start));
        }
        if (parameters.datetime->end) {
            range.insert(u"lte"_s, Rfc3339::format(*parameters.datetime->end));
        }
        if (!range.isEmpty()) {
            query.insert(u"datetime"_s, range);
        }
    }
    if (!filter.isEmpty()) {
        // The query so far (datetime) is the plan's start: a filter condition it cannot merge stays local.
        FilterPlan plan = FilterPlanner::plan(filter, FilterEncoding::QueryExtension, propertyFor, query);
        query = plan.query;
        out.localFilter = plan.localFilter;
        if (!plan.localParts.isEmpty()) {
            out.notes.append(tr("Capella's catalog takes only eq, in, gt, gte, lt and lte joined by \"and\"; "
                                "applied here to each page instead: %1")
                                 .arg(plan.localParts.join(u"; "_s)));
        }
    }
    if (!query.isEmpty()) {
        out.body.insert(u"query"_s, query);
    }
    return out;
}

QUrl nextPageUrl(const QUrl &base, const QUrl &nextHref, int page)
{
    QUrl url = searchUrl(base);
    QUrlQuery q(nextHref.query());
    q.removeAllQueryItems(u"page"_s);
    q.addQueryItem(u"page"_s, QString::number(page));
    url.setQuery(q);
    return url;
}

QString groupValue(const QJsonObject &item, const QString &field)
{
    if (field == u"id"_s || field == u"collection"_s) {
        return item.value(field).toString();
    }
    return itemFieldValue(item, propertyFor(field.startsWith(u"properties."_s) ? field.mid(11) : field));
}

QString formatTime(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + u'Z';
}

QString errorCode(const NetworkError &error)
{
    if (!error.code.isEmpty()) {
        return error.code;
    }
    const QString m = error.message.toLower();
    if (error.httpStatus == 401 || m == u"unauthorized"_s) {
        return u"INVALID_API_KEY"_s;
    }
    if (m.contains(u"order expired"_s)) {
        return u"ORDER_EXPIRED"_s;
    }
    if (m.contains(u"not permitted to access any of the collection"_s)) {
        return u"COLLECTION_ACCESS_DENIED"_s;
    }
    if (m.contains(u"not authorized to perform"_s)) {
        return u"NOT_AUTHORIZED"_s;
    }
    return error.isError() && error.kind == NetworkError::Kind::Http ? u"GENERAL_API_ERROR"_s : QString();
}

QStringList explain(const NetworkError &error)
{
    const QString code = errorCode(error);
    if (code == u"INVALID_API_KEY"_s || code == u"INVALID_TOKEN"_s) {
        return { tr("Capella refused the API key: create one in the Capella Console (Account > API keys) and "
                    "enter it in the account's settings, or set CAPELLA_API_KEY") };
    }
    if (code == u"ORDER_EXPIRED"_s) {
        return { tr("The order has expired: order the products again (owned products are not charged twice)") };
    }
    if (code == u"COLLECTION_ACCESS_DENIED"_s || code == u"NOT_AUTHORIZED"_s) {
        return { tr("The account's organization may not do this; ask its Capella administrator") };
    }
    if (code == u"CONTRACT_NOT_FOUND"_s) {
        return { tr("Capella does not know the contract; check the account's contract option") };
    }
    if (code == u"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"_s) {
        return { tr("The request is already finished (completed, canceled or rejected) and cannot change") };
    }
    return {};
}

} // namespace StacScope::CapellaApi
