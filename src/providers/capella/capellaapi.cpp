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

// A CQL2 literal as the query extension takes it (timestamps and dates as their strings).
bool literal(const QJsonValue &v, QJsonValue *out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (const auto &k : { u"timestamp"_s, u"date"_s }) {
            if (o.size() == 1 && o.value(k).isString()) {
                *out = o.value(k);
                return true;
            }
        }
        return false;
    }
    if (v.isArray()) {
        QJsonArray list;
        for (const QJsonValue &e : v.toArray()) {
            QJsonValue x;
            if (!literal(e, &x) || x.isArray()) {
                return false;
            }
            list.append(x);
        }
        *out = list;
        return true;
    }
    if (v.isUndefined() || v.isNull()) {
        return false;
    }
    *out = v;
    return true;
}

QString propertyOf(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    if (o.size() != 1 || !o.value(u"property"_s).isString()) {
        return {};
    }
    QString name = o.value(u"property"_s).toString();
    if (name.startsWith(u"properties."_s)) {
        name = name.mid(11);
    }
    return propertyFor(name);
}

// Adds one condition to `query`; false when it cannot be merged (the same operator twice).
bool addCondition(QJsonObject *query, const QString &property, const QString &op, const QJsonValue &value)
{
    QJsonObject ops = query->value(property).toObject();
    if (ops.contains(op) || (op == u"eq"_s && !ops.isEmpty()) || ops.contains(u"eq"_s)) {
        return false;
    }
    ops.insert(op, value);
    query->insert(property, ops);
    return true;
}

// One conjunct of the filter into `query`; false when the query extension cannot express it.
bool translateConjunct(const QJsonObject &e, QJsonObject *query)
{
    static const QHash<QString, QString> ops { { u"="_s, u"eq"_s }, { u"<"_s, u"lt"_s }, { u"<="_s, u"lte"_s },
        { u">"_s, u"gt"_s }, { u">="_s, u"gte"_s } };
    static const QHash<QString, QString> flipped { { u"eq"_s, u"eq"_s }, { u"lt"_s, u"gt"_s }, { u"lte"_s, u"gte"_s },
        { u"gt"_s, u"lt"_s }, { u"gte"_s, u"lte"_s } };
    const QString op = e.value(u"op"_s).toString().toLower();
    const QJsonArray args = e.value(u"args"_s).toArray();
    QJsonObject trial = *query;
    if (ops.contains(op) && args.size() == 2) {
        QString property = propertyOf(args[0]);
        QJsonValue value;
        QString qop = ops.value(op);
        if (property.isEmpty()) {
            property = propertyOf(args[1]);
            qop = flipped.value(qop);
            if (property.isEmpty() || !literal(args[0], &value)) {
                return false;
            }
        } else if (!literal(args[1], &value)) {
            return false;
        }
        if (value.isArray() || !addCondition(&trial, property, qop, value)) {
            return false;
        }
    } else if (op == u"in"_s && args.size() == 2) {
        const QString property = propertyOf(args[0]);
        QJsonValue value;
        if (property.isEmpty() || !literal(args[1], &value) || !value.isArray()
            || !addCondition(&trial, property, u"in"_s, value)) {
            return false;
        }
    } else if (op == u"between"_s && args.size() == 3) {
        const QString property = propertyOf(args[0]);
        QJsonValue low;
        QJsonValue high;
        if (property.isEmpty() || !literal(args[1], &low) || !literal(args[2], &high) || low.isArray() || high.isArray()
            || !addCondition(&trial, property, u"gte"_s, low) || !addCondition(&trial, property, u"lte"_s, high)) {
            return false;
        }
    } else {
        return false;
    }
    *query = trial;
    return true;
}

void flattenAnd(const QJsonObject &e, QList<QJsonObject> *out)
{
    if (e.value(u"op"_s).toString().toLower() == u"and"_s) {
        for (const QJsonValue &a : e.value(u"args"_s).toArray()) {
            flattenAnd(a.toObject(), out);
        }
        return;
    }
    out->append(e);
}

QString describeOp(const QJsonObject &e)
{
    const QString op = e.value(u"op"_s).toString();
    QStringList props;
    for (const QJsonValue &a : e.value(u"args"_s).toArray()) {
        const QString p = a.toObject().value(u"property"_s).toString();
        if (!p.isEmpty()) {
            props.append(p);
        }
    }
    return props.isEmpty() ? op : op + u" on "_s + props.join(u", "_s);
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
        QList<QJsonObject> conjuncts;
        flattenAnd(filter, &conjuncts);
        QJsonArray local;
        QStringList described;
        for (const QJsonObject &c : conjuncts) {
            if (!translateConjunct(c, &query)) {
                local.append(c);
                described.append(describeOp(c));
            }
        }
        if (local.size() == 1) {
            out.localFilter = local.first().toObject();
        } else if (!local.isEmpty()) {
            out.localFilter = QJsonObject { { u"op"_s, u"and"_s }, { u"args"_s, local } };
        }
        if (!local.isEmpty()) {
            out.notes.append(tr("Capella's catalog takes only eq, in, gt, gte, lt and lte joined by \"and\"; "
                                "applied here to each page instead: %1")
                                 .arg(described.join(u"; "_s)));
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
