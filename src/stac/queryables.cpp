#include "src/stac/queryables.h"

#include <algorithm>

#include <QHash>
#include <QJsonArray>
#include <QSet>

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

// Units of common extension fields, for schemas that do not say.
QString knownUnit(const QString &name)
{
    static const QHash<QString, QString> units { { u"eo:cloud_cover"_s, u"%"_s }, { u"eo:snow_cover"_s, u"%"_s },
        { u"gsd"_s, u"m"_s }, { u"view:off_nadir"_s, u"°"_s }, { u"view:incidence_angle"_s, u"°"_s },
        { u"view:azimuth"_s, u"°"_s }, { u"view:sun_azimuth"_s, u"°"_s }, { u"view:sun_elevation"_s, u"°"_s },
        { u"view:look_angle"_s, u"°"_s }, { u"sar:resolution_range"_s, u"m"_s },
        { u"sar:resolution_azimuth"_s, u"m"_s }, { u"sar:pixel_spacing_range"_s, u"m"_s },
        { u"sar:pixel_spacing_azimuth"_s, u"m"_s }, { u"sar:center_frequency"_s, u"GHz"_s } };
    return units.value(name);
}

bool isCoreMember(const QString &name)
{
    return name == u"id"_s || name == u"collection"_s || name == u"datetime"_s || name == u"geometry"_s
        || name == u"bbox"_s || name == u"start_datetime"_s || name == u"end_datetime"_s;
}

void appendUnique(QVariantList *list, const QVariant &value)
{
    if (!list->contains(value)) {
        list->append(value);
    }
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
        if (q.type == Queryable::Type::Array) {
            q.enumValues = p.value(u"items"_s).toObject().value(u"enum"_s).toArray().toVariantList();
        }
        q.unit = p.value(u"unit"_s).toString();
        if (q.unit.isEmpty()) {
            q.unit = knownUnit(q.name);
        }
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

bool Queryables::hasOwnProperties() const
{
    return std::any_of(properties.begin(), properties.end(),
        [](const Queryable &q) { return !isCoreMember(q.name) && q.type != Queryable::Type::Geometry; });
}

Queryables Queryables::merged(const QList<Queryables> &schemas)
{
    Queryables out;
    out.additionalProperties = false;
    QHash<QString, qsizetype> index;
    QHash<QString, int> seen; // in how many schemas a name appears, for the ranges
    for (const Queryables &schema : schemas) {
        out.additionalProperties = out.additionalProperties || schema.additionalProperties;
        for (const Queryable &q : schema.properties) {
            ++seen[q.name];
            const auto at = index.constFind(q.name);
            if (at == index.constEnd()) {
                index.insert(q.name, out.properties.size());
                out.properties.append(q);
                continue;
            }
            Queryable &m = out.properties[*at];
            if (m.type == Queryable::Type::Unknown) {
                m.type = q.type;
            }
            if (m.title.isEmpty()) {
                m.title = q.title;
            }
            if (m.description.isEmpty()) {
                m.description = q.description;
            }
            if (m.unit.isEmpty()) {
                m.unit = q.unit;
            }
            // A list of values is only a closed list when every schema closes it.
            if (m.enumValues.isEmpty() || q.enumValues.isEmpty()) {
                m.enumValues.clear();
            } else {
                for (const QVariant &v : q.enumValues) {
                    appendUnique(&m.enumValues, v);
                }
            }
            m.minimum = (m.minimum && q.minimum) ? std::optional(std::min(*m.minimum, *q.minimum)) : std::nullopt;
            m.maximum = (m.maximum && q.maximum) ? std::optional(std::max(*m.maximum, *q.maximum)) : std::nullopt;
        }
    }
    return out;
}

Queryables Queryables::presets()
{
    auto make = [](const char16_t *name, const char16_t *title, Queryable::Type type, std::optional<double> min,
                    std::optional<double> max, QVariantList values = {}) {
        Queryable q;
        q.name = QString::fromUtf16(name);
        q.title = QString::fromUtf16(title);
        q.type = type;
        q.minimum = min;
        q.maximum = max;
        q.enumValues = std::move(values);
        q.unit = knownUnit(q.name);
        q.preset = true;
        return q;
    };
    using T = Queryable::Type;
    Queryables out;
    out.properties = {
        make(u"eo:cloud_cover", u"Cloud cover", T::Number, 0, 100),
        make(u"view:off_nadir", u"Off-nadir angle", T::Number, 0, 90),
        make(u"gsd", u"Ground sample distance", T::Number, 0, std::nullopt),
        make(u"view:sun_elevation", u"Sun elevation", T::Number, -90, 90),
        make(u"platform", u"Platform", T::String, std::nullopt, std::nullopt),
        make(u"instruments", u"Instruments", T::Array, std::nullopt, std::nullopt),
        make(u"sar:instrument_mode", u"SAR instrument mode", T::String, std::nullopt, std::nullopt),
        make(u"sar:polarizations", u"SAR polarizations", T::Array, std::nullopt, std::nullopt,
            { u"HH"_s, u"HV"_s, u"VH"_s, u"VV"_s }),
        make(u"sar:product_type", u"SAR product type", T::String, std::nullopt, std::nullopt),
        make(u"product:type", u"Product type", T::String, std::nullopt, std::nullopt),
    };
    return out;
}

void Queryables::addSummaries(const StacCollections &collections)
{
    for (Queryable &q : properties) {
        if (q.type == Queryable::Type::Geometry || q.type == Queryable::Type::Boolean) {
            continue;
        }
        QVariantList values;
        bool listed = !collections.isEmpty();
        std::optional<double> min;
        std::optional<double> max;
        bool ranged = !collections.isEmpty();
        for (const StacCollection &c : collections) {
            const QJsonValue summary = c.summaries.value(q.name);
            if (summary.isArray() && summary.toArray().size() <= 50) {
                for (const QJsonValue &v : summary.toArray()) {
                    if (v.isString() || v.isDouble()) {
                        appendUnique(&values, v.toVariant());
                    }
                }
            } else {
                listed = false;
            }
            const QJsonObject range = summary.toObject();
            if (range.value(u"minimum"_s).isDouble() && range.value(u"maximum"_s).isDouble()) {
                const double lo = range.value(u"minimum"_s).toDouble();
                const double hi = range.value(u"maximum"_s).toDouble();
                min = min ? std::min(*min, lo) : lo;
                max = max ? std::max(*max, hi) : hi;
            } else {
                ranged = false;
            }
        }
        const bool numeric = q.type == Queryable::Type::Number || q.type == Queryable::Type::Integer;
        if (listed && !values.isEmpty() && (q.enumValues.isEmpty() || q.preset) && !numeric) {
            q.enumValues = values;
        }
        // A preset's range is only what the field allows; the collections' is what they hold.
        if (ranged && numeric && (q.preset || (!q.minimum && !q.maximum))) {
            q.minimum = min;
            q.maximum = max;
        }
    }
}

Queryables Queryables::offered(const Queryables &published, const StacCollections &collections, bool *presetsUsed)
{
    const bool presets = !published.hasOwnProperties();
    if (presetsUsed) {
        *presetsUsed = presets;
    }
    Queryables out = presets ? Queryables::presets() : published;
    out.addSummaries(collections);
    return out;
}

QList<Queryable> Queryables::filterable() const
{
    QList<Queryable> out;
    for (const Queryable &q : properties) {
        if (!isCoreMember(q.name) && q.type != Queryable::Type::Geometry && q.type != Queryable::Type::Unknown) {
            out.append(q);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Queryable &a, const Queryable &b) {
        return a.displayName().compare(b.displayName(), Qt::CaseInsensitive) < 0;
    });
    return out;
}

} // namespace StacScope
