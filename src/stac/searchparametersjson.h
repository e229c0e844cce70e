#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>

#include "src/stac/searchparameters.h"

namespace StacScope {

// SearchParameters kept as JSON (saved searches, the search history): lossless, unlike the POST
// body, which splits an intersects geometry at the antimeridian and qualifies sort fields. Members
// with nothing in them are left out:
//   {"collections": ["a"], "ids": ["x"], "bbox": [W, S, E, N], "intersects": {GeoJSON geometry},
//    "datetime": "2024-01-01T00:00:00Z/..", "filter": {CQL2-JSON},
//    "sortby": [{"field": "datetime", "direction": "desc"}], "limit": 100,
//    "query": {...}, "extra_body": {...}}
namespace SearchParametersJson {
QJsonObject toJson(const SearchParameters &parameters);
// Nullopt with `error` naming the member that does not read; unknown members are ignored (a newer
// StacScope may add some).
std::optional<SearchParameters> fromJson(const QJsonObject &json, QString *error = nullptr);
} // namespace SearchParametersJson

} // namespace StacScope
