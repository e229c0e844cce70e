#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QUrlQuery>

#include "src/geo/geobox.h"
#include "src/geo/geometry.h"
#include "src/stac/datetime.h"

namespace StacScope {

struct SortField
{
    QString field; // as the user wrote it: "datetime", "properties.eo:cloud_cover", "id"
    bool descending = false;

    // The field as servers expect it: "properties.<name>" for item properties, bare for the
    // top-level members id, collection, geometry and bbox.
    QString qualifiedField() const;
    static QList<SortField> parseList(const QString &text); // "-datetime,+id"

    friend bool operator==(const SortField &, const SortField &) = default;
};

// An item search, independent of how it is sent: to a STAC API by GET or POST, or run locally
// over a static catalog.
struct SearchParameters
{
    QStringList collections;
    QStringList ids;
    std::optional<GeoBox> bbox;
    std::optional<Geometry> intersects;
    std::optional<DateRange> datetime;
    QJsonObject filter; // CQL2-JSON; empty when there is none
    // How the filter is written into a request. Default: CQL2-JSON in a POST body, CQL2 text in a
    // GET query (JSON when it has no text form); the others force one encoding (text falls back
    // to JSON only when the filter has no text form).
    enum class FilterLanguage
    {
        Default,
        Cql2Json,
        Cql2Text
    };
    FilterLanguage filterLanguage = FilterLanguage::Default;
    QList<SortField> sortBy;
    int limit = 100; // page size asked of the server
    QJsonObject query; // legacy Query extension, when a provider wants it
    QJsonObject extraBody; // provider-specific members added to a POST body

    // An empty string when the parameters can be sent, else what is wrong.
    QString validate() const;
    // POST body. Antimeridian intersects geometries are split into a MultiPolygon first.
    QJsonObject toPostBody() const;
    // GET query (filter as cql2-text). `error` is set when the filter has no text form.
    QUrlQuery toGetQuery(QString *error = nullptr) const;
};

} // namespace StacScope
