#pragma once

#include <functional>

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace StacScope::Cql2 {

// The result of turning user or server input into CQL2-JSON. On failure `error` says what was
// wrong and where (e.g. "at column 14: expected ')'").
struct ParseResult
{
    QJsonObject expression;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Parses cql2-text (basic CQL2 plus `IN`, `BETWEEN`, `LIKE`, `IS [NOT] NULL`, `S_INTERSECTS`
// with WKT or BBOX literals, TIMESTAMP()/DATE() literals) into CQL2-JSON.
ParseResult parseText(const QString &text);

// Accepts either encoding: text starting with '{' is read as CQL2-JSON and validated, anything
// else as cql2-text.
ParseResult parse(const QString &jsonOrText);

// Checks that a CQL2-JSON expression is well formed (known operators, right argument counts).
// Returns an empty string when it is, a message naming the problem and its path otherwise.
QString validate(const QJsonValue &expression);

// Writes CQL2-JSON as cql2-text (for GET requests). Returns an empty string and sets `error`
// when the expression cannot be expressed.
QString toText(const QJsonObject &expression, QString *error = nullptr);

// What the evaluator needs to know about one item.
struct EvaluationContext
{
    // Value of a queryable: "id", "collection", "datetime", or a property name without the
    // "properties." prefix. An undefined QJsonValue means the item has no such property.
    std::function<QJsonValue(const QString &name)> property;
    // Spatial test of the item's geometry against a GeoJSON geometry literal
    // (for s_intersects and friends). `op` is the lower-case CQL2 operator name.
    std::function<bool(const QString &op, const QJsonObject &geometry)> spatial;
};

// Evaluates a validated CQL2-JSON expression against one item. Comparisons with a missing
// property are false (SQL-like); `isNull` is true for missing or null properties. Timestamps
// compare as instants, strings lexically, numbers numerically.
bool evaluate(const QJsonObject &expression, const EvaluationContext &context);

} // namespace StacScope::Cql2
