#include "src/stac/queryables.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

Queryable::Type typeOf(const QJsonObject &schema)
{
    QString type = schema.value(u"type"_s).toString().toLower();
    if (type.isEmpty() && schema.value(u"type"_s).isArray()) {
        // ["number", "null"]: take the first non-null type.
        for (const QJsonValue &t : schema.value(u"type"_s).toArray()) {
            if (t.toString() != u"null"_s) {
                type = t.toString().toLower();
                break;
            }
        }
    }
    const QString format = schema.value(u"format"_s).toString();
    const QString ref = schema.value(u"$ref"_s).toString();
    if (format == u"date-time"_s || format == u"date"_s || type == u"timestamp"_s || type == u"datetime"_s) {
        return Queryable::Type::Timestamp;
    }
    if (type == u"geometry"_s || ref.contains(u"geometry"_s, Qt::CaseInsensitive) || format.startsWith(u"geometry"_s)) {
        return Queryable::Type::Geometry;
    }
    if (type == u"string"_s) {
        return Queryable::Type::String;
    }
    if (type == u"number"_s || type == u"float"_s || type == u"double"_s) {
        return Queryable::Type::Number;
    }
    if (type == u"integer"_s || type == u"int"_s) {
        return Queryable::Type::Integer;
    }
    if (type == u"boolean"_s) {
        return Queryable::Type::Boolean;
    }
    if (type == u"array"_s) {
        return Queryable::Type::Array;
    }
    if (schema.contains(u"enum"_s)) {
        return Queryable::Type::String;
    }
    return Queryable::Type::Unknown;
}

} // namespace

const Queryable *Queryables::find(const QString &name) const
{
    for (const Queryable &q : properties) {
        if (q.name == name) {
            return &q;
        }
    }
    return nullptr;
}

Queryables Queryables::fromJson(const QJsonObject &schema)
{
    Queryables out;
    out.additionalProperties = schema.value(u"additionalProperties"_s).toBool(true);
    const QJsonObject props = schema.value(u"properties"_s).toObject();
    for (auto it = props.begin(); it != props.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        Queryable q;
        q.name = it.key();
        if (q.name.startsWith(u"properties."_s)) {
            q.name = q.name.mid(11);
        }
        q.title = p.value(u"title"_s).toString();
        q.description = p.value(u"description"_s).toString();
        q.type = typeOf(p);
        q.enumValues = p.value(u"enum"_s).toArray().toVariantList();
        if (p.value(u"minimum"_s).isDouble()) {
            q.minimum = p.value(u"minimum"_s).toDouble();
        }
        if (p.value(u"maximum"_s).isDouble()) {
            q.maximum = p.value(u"maximum"_s).toDouble();
        }
        out.properties.append(q);
    }
    return out;
}

} // namespace StacScope
