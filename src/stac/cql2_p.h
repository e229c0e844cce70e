#pragma once

// Internal to the CQL2 module (cql2.cpp, cql2evaluate.cpp, cql2textparser.cpp); not API.

#include <optional>
#include <vector>

#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace StacScope::Cql2::detail {

// Bounds recursion in the parser, validator and evaluator so hostile input cannot exhaust the stack.
inline constexpr int maxDepth = 100;

enum class OpClass
{
    Logical,
    Not,
    Comparison,
    Like,
    Between,
    In,
    IsNull,
    Spatial,
    Temporal,
    Array,
    TextFunction
};

struct OpInfo
{
    QString name; // canonical spelling, e.g. "isNull", "t_finishedBy"
    OpClass opClass = OpClass::Comparison;
};

// Case-insensitive, because servers and hand-written filters are not consistent about it.
std::optional<OpInfo> lookupOperator(const QString &name);

// The number of arguments an operator takes; maxArgs < 0 means unbounded.
int minArgs(OpClass opClass);
int maxArgs(OpClass opClass);

enum class Kind
{
    Invalid,
    Property,
    String,
    Number,
    Boolean,
    Timestamp,
    Date,
    Interval,
    Geometry,
    BBox,
    Array,
    TextFunction, // casei()/accenti()
    Predicate,
};

// Classifies an operator argument and checks that literals are well formed (timestamps parse,
// geometries have valid coordinates, ...). Array elements are not looked at. On Invalid, `error`
// says why (without a location; callers add the path or column).
Kind classifyOperand(const QJsonValue &value, QString *error, int depth = 0);
QString describeKind(Kind kind);
// Whether argument `index` of an operator of class `opClass` may be of this kind.
bool operandAllowed(OpClass opClass, int index, Kind kind);
// Elements of an `in` list or of an array literal.
bool listElementAllowed(Kind kind);
QString expectedOperand(OpClass opClass, int index);

// RFC 3339 date-time ("2021-04-08T04:39:23Z", "...23.5+02:00"); nullopt when malformed.
std::optional<QDateTime> parseTimestamp(const QString &text);
// RFC 3339 full-date ("2021-04-08").
std::optional<QDate> parseDate(const QString &text);

// A cql2-text token. Columns are 1-based positions in the input, for error messages.
struct Token
{
    enum class Type
    {
        End,
        Identifier,
        QuotedIdentifier,
        String,
        Number,
        LParen,
        RParen,
        Comma,
        Operator,
        Error
    };
    Type type = Type::End;
    QString text; // name, string value or operator; the message for Error
    QString raw; // as written, for error messages
    QJsonValue number;
    int column = 1;
};

// Always ends with an End token, or with an Error token at the first lexical error.
std::vector<Token> tokenize(const QString &text);

} // namespace StacScope::Cql2::detail
