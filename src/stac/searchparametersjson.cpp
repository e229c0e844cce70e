#include "src/stac/searchparametersjson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace StacScope::SearchParametersJson {

namespace {

bool readStrings(const QJsonObject &json, const QString &key, QStringList *out, QString *error)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull()) {
        return true;
    }
    if (!value.isArray()) {
        *error = key + u" must be an array of strings"_s;
        return false;
    }
    for (const QJsonValue &v : value.toArray()) {
        if (!v.isString()) {
            *error = key + u" must be an array of strings"_s;
            return false;
        }
        out->append(v.toString());
    }
    return true;
}

bool readObject(const QJsonObject &json, const QString &key, QJsonObject *out, QString *error)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull()) {
        return true;
    }
    if (!value.isObject()) {
        *error = key + u" must be an object"_s;
        return false;
    }
    *out = value.toObject();
    return true;
}

} // namespace

QJsonObject toJson(const SearchParameters &p)
{
    QJsonObject json;
    if (!p.collections.isEmpty()) {
        json.insert(u"collections"_s, QJsonArray::fromStringList(p.collections));
    }
    if (!p.ids.isEmpty()) {
        json.insert(u"ids"_s, QJsonArray::fromStringList(p.ids));
    }
    if (p.bbox) {
        json.insert(u"bbox"_s, QJsonArray { p.bbox->west, p.bbox->south, p.bbox->east, p.bbox->north });
    }
    if (p.intersects) {
        json.insert(u"intersects"_s, p.intersects->toGeoJson());
    }
    if (p.datetime && !p.datetime->isOpen()) {
        json.insert(u"datetime"_s, p.datetime->toString());
    }
    if (!p.filter.isEmpty()) {
        json.insert(u"filter"_s, p.filter);
    }
    if (!p.sortBy.isEmpty()) {
        QJsonArray sort;
        for (const SortField &f : p.sortBy) {
            sort.append(
                QJsonObject { { u"field"_s, f.field }, { u"direction"_s, f.descending ? u"desc"_s : u"asc"_s } });
        }
        json.insert(u"sortby"_s, sort);
    }
    json.insert(u"limit"_s, p.limit);
    if (!p.query.isEmpty()) {
        json.insert(u"query"_s, p.query);
    }
    if (!p.extraBody.isEmpty()) {
        json.insert(u"extra_body"_s, p.extraBody);
    }
    return json;
}

std::optional<SearchParameters> fromJson(const QJsonObject &json, QString *error)
{
    QString problem;
    auto fail = [&](const QString &message) -> std::optional<SearchParameters> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    SearchParameters p;
    if (!readStrings(json, u"collections"_s, &p.collections, &problem)
        || !readStrings(json, u"ids"_s, &p.ids, &problem)) {
        return fail(problem);
    }
    if (json.contains(u"bbox"_s)) {
        p.bbox = GeoBox::fromJson(json.value(u"bbox"_s).toArray(), &problem);
        if (!json.value(u"bbox"_s).isArray() || !p.bbox) {
            return fail(u"bbox: "_s + (problem.isEmpty() ? u"must be an array of 4 numbers"_s : problem));
        }
    }
    if (json.contains(u"intersects"_s)) {
        p.intersects = Geometry::fromGeoJson(json.value(u"intersects"_s).toObject(), &problem);
        if (!p.intersects) {
            return fail(u"intersects: "_s + problem);
        }
    }
    if (json.contains(u"datetime"_s)) {
        if (!json.value(u"datetime"_s).isString()) {
            return fail(u"datetime must be a string"_s);
        }
        p.datetime = DateRange::parse(json.value(u"datetime"_s).toString(), &problem);
        if (!p.datetime) {
            return fail(u"datetime: "_s + problem);
        }
    }
    if (!readObject(json, u"filter"_s, &p.filter, &problem) || !readObject(json, u"query"_s, &p.query, &problem)
        || !readObject(json, u"extra_body"_s, &p.extraBody, &problem)) {
        return fail(problem);
    }
    const QJsonValue sort = json.value(u"sortby"_s);
    if (!sort.isUndefined() && !sort.isNull()) {
        if (!sort.isArray()) {
            return fail(u"sortby must be an array"_s);
        }
        for (const QJsonValue &v : sort.toArray()) {
            const QJsonObject o = v.toObject();
            const QString field = o.value(u"field"_s).toString();
            const QString direction = o.value(u"direction"_s).toString(u"asc"_s);
            if (field.isEmpty() || (direction != u"asc"_s && direction != u"desc"_s)) {
                return fail(u"sortby: each entry needs a field and a direction asc or desc"_s);
            }
            p.sortBy.append(SortField { field, direction == u"desc"_s });
        }
    }
    if (json.contains(u"limit"_s)) {
        const QJsonValue limit = json.value(u"limit"_s);
        if (!limit.isDouble() || limit.toDouble() != double(limit.toInt()) || limit.toInt() < 1) {
            return fail(u"limit must be a whole number of at least 1"_s);
        }
        p.limit = limit.toInt();
    }
    return p;
}

} // namespace StacScope::SearchParametersJson
