#pragma once

#include <functional>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "src/stac/itemparser.h"

namespace StacScope {

class Conformance;

// How a CQL2 filter reaches a catalog: as CQL2-JSON or CQL2 text (the Filter extension), as the
// older Query extension ({"eo:cloud_cover": {"lte": 20}}), or not at all (the catalog cannot
// filter, and the filter runs here on each page of results).
enum class FilterEncoding
{
    Cql2Json,
    Cql2Text,
    QueryExtension,
    Local
};

// One filter split between the server and us.
struct FilterPlan
{
    FilterEncoding encoding = FilterEncoding::Local;
    QJsonObject serverFilter; // CQL2-JSON the server evaluates (Cql2Json, Cql2Text)
    QJsonObject query; // Query extension members (QueryExtension)
    QJsonObject localFilter; // what the server cannot evaluate: applied here to each page
    QStringList localParts; // the local part in words ("like on title; s_within")
};

namespace FilterPlanner {

// What a STAC API's conformance classes take, for a search sent by POST or GET. The Filter
// extension wins (CQL2-JSON in a POST body, CQL2 text in a GET query unless the server declares
// JSON alone), then the Query extension, else Local.
FilterEncoding encodingFor(const Conformance &conformance, bool post);

// Splits `filter` for `encoding`. For the Query extension, top-level "and" conjuncts that it can
// express (=, <, <=, >, >=, in, between on a property against literals) become `query`, the rest
// stays local; `propertyName` renames properties for the server (empty: unchanged), and the
// query starts from `query` (conditions already there, such as a provider's datetime range).
FilterPlan plan(const QJsonObject &filter, FilterEncoding encoding,
    const std::function<QString(const QString &)> &propertyName = {}, const QJsonObject &query = {});

// Drops the items of `page` that `filter` rejects, reading each item's JSON from `json` (the
// page's bytes). Spatial operators are exact (GEOS). Returns how many were dropped. Thread-safe:
// meant for the worker that parses the page.
int applyLocalFilter(ItemPage &page, const QByteArray &json, const QJsonObject &filter);

// "Sent to the server as CQL2-JSON." ... for the search panel.
QString describe(FilterEncoding encoding);

} // namespace FilterPlanner

} // namespace StacScope
