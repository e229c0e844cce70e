#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantList>

#include "src/stac/staccollection.h"

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
    QString unit; // "%", "m", "°" (schema "unit", else known for common extension fields)
    bool preset = false; // not published by the catalog: one of presets()

    QString displayName() const { return title.isEmpty() ? name : title; }
    // An array whose elements are listed (sar:polarizations): filtered by overlap.
    bool isArrayOfValues() const { return type == Type::Array; }
};

struct Queryables
{
    QList<Queryable> properties;
    bool additionalProperties = true;

    const Queryable *find(const QString &name) const;
    // Lenient: JSON Schema types, "format": "date-time", and provider words such as
    // "timestamp", "float" or "geometry" (seen in UP42's schema).
    static Queryables fromJson(const QJsonObject &schema);

    // Whether the catalog published anything to filter on beyond the core members (id,
    // collection, datetime, geometry), which every search form has already.
    bool hasOwnProperties() const;
    // The union of several schemas (the root's and each chosen collection's): one entry per name,
    // in first-seen order; the first known type and non-empty title win, enum values are joined
    // and ranges widened (a side stays open when one schema leaves it open).
    static Queryables merged(const QList<Queryables> &schemas);
    // Common extension fields, for catalogs that publish no queryables: eo:cloud_cover,
    // view:off_nadir, gsd, view:sun_elevation, platform, instruments, sar:instrument_mode,
    // sar:polarizations, sar:product_type, product:type.
    static Queryables presets();
    // Enum values and ranges from the collections' summaries, where the schema has none
    // (a summary list of at most 50 values, or a {"minimum", "maximum"} range).
    void addSummaries(const StacCollections &collections);
    // What a search form offers for a catalog: what it published, or the presets when it
    // published nothing of its own (`presetsUsed` says which), with the collections' summaries.
    static Queryables offered(const Queryables &published, const StacCollections &collections, bool *presetsUsed);
    // The filterable entries (no geometry, no core members), sorted by display name.
    QList<Queryable> filterable() const;
};

} // namespace StacScope

Q_DECLARE_METATYPE(StacScope::Queryables)
