#pragma once

#include <functional>

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace StacScope::Cql2Reference {

// A second, deliberately separate reading of OGC CQL2 (21-065r2) for the test emulators and as an
// oracle in tests: it shares no code with src/stac/cql2*, so that a bug in the product's parser or
// evaluator shows up as a difference instead of being copied into the expected results. Written
// from the standard's text for clarity, not speed or good error messages.

struct Parsed
{
    QJsonObject expression; // CQL2-JSON
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// cql2-text (Basic CQL2, Advanced Comparison Operators, Case-/Accent-insensitive Comparison,
// Basic Spatial Functions with WKT and BBOX literals, Spatial, Temporal and Array Functions)
// into CQL2-JSON.
Parsed parseText(const QString &text);

// Whether CQL2-JSON is well formed: known operators, an "args" array, the right argument count.
// Empty when it is, else what is wrong.
QString check(const QJsonValue &expression);

struct Item
{
    // The value of a queryable ("id", "collection", "datetime", "eo:cloud_cover", possibly
    // written "properties.x"); an undefined QJsonValue when the item has no such property.
    std::function<QJsonValue(const QString &name)> property;
    // The item's geometry against a literal (GeoJSON or {"bbox": [...]}); `op` is lower-case, and
    // the item is always the first operand (s_within(literal, geometry) arrives as s_contains).
    std::function<bool(const QString &op, const QJsonObject &literal)> spatial;
};

// Three-valued evaluation (a comparison with a missing or null property is unknown, NOT unknown
// stays unknown); the item matches only when the whole expression is true.
bool matches(const QJsonObject &expression, const Item &item);

} // namespace StacScope::Cql2Reference
