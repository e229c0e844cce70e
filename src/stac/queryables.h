#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>

namespace StacScope {

// One filterable property from a `/queryables` JSON Schema.
struct Queryable
{
    enum class Type
    {
        String,
        Number,
        Integer,
        Boolean,
        Timestamp,
        Geometry,
        Array,
        Unknown
    };

    QString name; // without the "properties." prefix
    QString title;
    QString description;
    Type type = Type::Unknown;
    QVariantList enumValues;
    std::optional<double> minimum;
    std::optional<double> maximum;
};

struct Queryables
{
    QList<Queryable> properties;
    bool additionalProperties = true;

    const Queryable *find(const QString &name) const;
    // Lenient: JSON Schema types, "format": "date-time", and provider words such as
    // "timestamp", "float" or "geometry" (seen in UP42's schema).
    static Queryables fromJson(const QJsonObject &schema);
};

} // namespace StacScope
