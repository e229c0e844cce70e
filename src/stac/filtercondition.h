#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>

#include "src/stac/queryables.h"

namespace StacScope {

// One row of the filter builder: a condition on one queryable, as the user set it, and its CQL2.
struct FilterCondition
{
    enum class Op
    {
        Range, // numbers and timestamps: low <= p <= high, either side open
        In, // p IN (values)
        Equals, // p = text (or number)
        Like, // p LIKE pattern ('%' any run, '_' one character)
        Overlaps, // arrays: A_OVERLAPS(p, values)
        IsTrue,
        IsFalse
    };

    QString property;
    Queryable::Type type = Queryable::Type::String;
    Op op = Op::Range;
    std::optional<double> low; // Range over numbers
    std::optional<double> high;
    std::optional<qint64> from; // Range over timestamps, ms since the epoch (UTC)
    std::optional<qint64> to;
    QVariantList values; // In, Overlaps
    QString text; // Equals, Like

    // The condition as CQL2-JSON; empty when it restricts nothing (an open range, no values).
    QJsonObject toCql2() const;
    // Reads back one CQL2-JSON expression of the shapes toCql2() writes (also `<=`/`>=` with the
    // literal first); nothing when it is of another shape.
    static std::optional<FilterCondition> fromCql2(const QJsonObject &expression);

    friend bool operator==(const FilterCondition &, const FilterCondition &) = default;
};

namespace FilterConditions {

// The conditions joined by "and" (one alone as itself; none: an empty object).
QJsonObject toCql2(const QList<FilterCondition> &conditions);
// The conditions of an "and" of readable conditions (or a single one); false, leaving `out`
// alone, when any part is not one of them.
bool fromCql2(const QJsonObject &expression, QList<FilterCondition> *out);

} // namespace FilterConditions

} // namespace StacScope
