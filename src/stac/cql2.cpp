#include "src/stac/cql2.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "src/stac/cql2_p.h"

using namespace Qt::StringLiterals;

namespace StacScope::Cql2 {

namespace detail {

namespace {

struct OperatorEntry
{
    QStringView name;
    OpClass opClass;
};

constexpr OperatorEntry operatorTable[] = {
    { u"and", OpClass::Logical },
    { u"or", OpClass::Logical },
    { u"not", OpClass::Not },
    { u"=", OpClass::Comparison },
    { u"<>", OpClass::Comparison },
    { u"<", OpClass::Comparison },
    { u"<=", OpClass::Comparison },
    { u">", OpClass::Comparison },
    { u">=", OpClass::Comparison },
    { u"like", OpClass::Like },
    { u"between", OpClass::Between },
    { u"in", OpClass::In },
    { u"isNull", OpClass::IsNull },
    { u"s_intersects", OpClass::Spatial },
    { u"s_equals", OpClass::Spatial },
    { u"s_disjoint", OpClass::Spatial },
    { u"s_touches", OpClass::Spatial },
    { u"s_within", OpClass::Spatial },
    { u"s_overlaps", OpClass::Spatial },
    { u"s_crosses", OpClass::Spatial },
    { u"s_contains", OpClass::Spatial },
    { u"t_after", OpClass::Temporal },
    { u"t_before", OpClass::Temporal },
    { u"t_contains", OpClass::Temporal },
    { u"t_disjoint", OpClass::Temporal },
    { u"t_during", OpClass::Temporal },
    { u"t_equals", OpClass::Temporal },
    { u"t_finishedBy", OpClass::Temporal },
    { u"t_finishes", OpClass::Temporal },
    { u"t_intersects", OpClass::Temporal },
    { u"t_meets", OpClass::Temporal },
    { u"t_metBy", OpClass::Temporal },
    { u"t_overlappedBy", OpClass::Temporal },
    { u"t_overlaps", OpClass::Temporal },
    { u"t_startedBy", OpClass::Temporal },
    { u"t_starts", OpClass::Temporal },
    { u"a_equals", OpClass::Array },
    { u"a_contains", OpClass::Array },
    { u"a_containedBy", OpClass::Array },
    { u"a_overlaps", OpClass::Array },
    { u"casei", OpClass::TextFunction },
    { u"accenti", OpClass::TextFunction },
};

bool isScalar(Kind kind)
{
    switch (kind) {
    case Kind::Property:
    case Kind::String:
    case Kind::Number:
    case Kind::Boolean:
    case Kind::Timestamp:
    case Kind::Date:
    case Kind::TextFunction:
        return true;
    default:
        return false;
    }
}

} // namespace

std::optional<OpInfo> lookupOperator(const QString &name)
{
    for (const OperatorEntry &entry : operatorTable) {
        if (name.compare(entry.name, Qt::CaseInsensitive) == 0) {
            return OpInfo { entry.name.toString(), entry.opClass };
        }
    }
    return std::nullopt;
}

int minArgs(OpClass opClass)
{
    switch (opClass) {
    case OpClass::Logical:
        return 2;
    case OpClass::Not:
    case OpClass::IsNull:
    case OpClass::TextFunction:
        return 1;
    case OpClass::Between:
        return 3;
    default:
        return 2;
    }
}

int maxArgs(OpClass opClass)
{
    return opClass == OpClass::Logical ? -1 : minArgs(opClass);
}

QString describeKind(Kind kind)
{
    switch (kind) {
    case Kind::Invalid:
        return u"an invalid value"_s;
    case Kind::Property:
        return u"a property"_s;
    case Kind::String:
        return u"a string"_s;
    case Kind::Number:
        return u"a number"_s;
    case Kind::Boolean:
        return u"a boolean"_s;
    case Kind::Timestamp:
        return u"a timestamp"_s;
    case Kind::Date:
        return u"a date"_s;
    case Kind::Interval:
        return u"an interval"_s;
    case Kind::Geometry:
        return u"a geometry"_s;
    case Kind::BBox:
        return u"a bbox"_s;
    case Kind::Array:
        return u"a list"_s;
    case Kind::TextFunction:
        return u"a text function"_s;
    case Kind::Predicate:
        return u"a predicate"_s;
    }
    return {};
}

bool operandAllowed(OpClass opClass, int index, Kind kind)
{
    switch (opClass) {
    case OpClass::Comparison:
    case OpClass::Between:
        return isScalar(kind);
    case OpClass::Like:
        return kind == Kind::String || kind == Kind::TextFunction || (index == 0 && kind == Kind::Property);
    case OpClass::In:
        return index == 0 ? isScalar(kind) : kind == Kind::Array;
    case OpClass::IsNull:
        return kind != Kind::Invalid && kind != Kind::Array && kind != Kind::Predicate;
    case OpClass::Spatial:
        return kind == Kind::Property || kind == Kind::Geometry || kind == Kind::BBox;
    case OpClass::Temporal:
        return kind == Kind::Property || kind == Kind::Timestamp || kind == Kind::Date || kind == Kind::Interval;
    case OpClass::Array:
        return kind == Kind::Property || kind == Kind::Array;
    case OpClass::TextFunction:
        return kind == Kind::Property || kind == Kind::String || kind == Kind::TextFunction;
    case OpClass::Logical:
    case OpClass::Not:
        return kind == Kind::Predicate || kind == Kind::Boolean;
    }
    return false;
}

bool listElementAllowed(Kind kind)
{
    return isScalar(kind);
}

QString expectedOperand(OpClass opClass, int index)
{
    switch (opClass) {
    case OpClass::Comparison:
    case OpClass::Between:
        return u"a property, string, number, boolean, timestamp or date"_s;
    case OpClass::Like:
        return index == 0 ? u"a property or string"_s : u"a string pattern"_s;
    case OpClass::In:
        return index == 0 ? u"a property, string, number, boolean, timestamp or date"_s : u"a list of values"_s;
    case OpClass::IsNull:
        return u"a property or value"_s;
    case OpClass::Spatial:
        return u"a property, geometry or bbox"_s;
    case OpClass::Temporal:
        return u"a property, timestamp, date or interval"_s;
    case OpClass::Array:
        return u"a property or list"_s;
    case OpClass::TextFunction:
        return u"a property or string"_s;
    case OpClass::Logical:
    case OpClass::Not:
        return u"a predicate"_s;
    }
    return {};
}

} // namespace detail

namespace {

using detail::Kind;
using detail::OpClass;

QString describeJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    default:
        return u"nothing"_s;
    }
}

QString at(const QString &path, const QString &message)
{
    return u"at "_s + path + u": "_s + message;
}

QString validateOperand(const QJsonValue &value, const detail::OpInfo &op, int index, const QString &path, int depth)
{
    QString error;
    const Kind kind = detail::classifyOperand(value, &error, depth);
    if (kind == Kind::Invalid) {
        return at(path, error);
    }
    if (!detail::operandAllowed(op.opClass, index, kind)) {
        return at(path,
            u"'%1' does not accept %2 here; expected %3"_s.arg(
                op.name, detail::describeKind(kind), detail::expectedOperand(op.opClass, index)));
    }
    if (kind == Kind::Array) {
        const QJsonArray elements = value.toArray();
        if (elements.isEmpty()) {
            return at(path, u"the list of '%1' must not be empty"_s.arg(op.name));
        }
        for (qsizetype i = 0; i < elements.size(); ++i) {
            const QString elementPath = path + u'[' + QString::number(i) + u']';
            const Kind element = detail::classifyOperand(elements.at(i), &error, depth + 1);
            if (element == Kind::Invalid) {
                return at(elementPath, error);
            }
            if (!detail::listElementAllowed(element)) {
                return at(elementPath, u"a list cannot contain %1"_s.arg(detail::describeKind(element)));
            }
        }
    }
    return {};
}

QString validateExpression(const QJsonValue &value, const QString &path, int depth)
{
    if (depth > detail::maxDepth) {
        return at(path, u"expression nested too deeply"_s);
    }
    if (value.isBool() && depth > 0) {
        return {}; // TRUE/FALSE are boolean expressions, but the top level must be an object.
    }
    if (!value.isObject()) {
        return at(path, u"expected an object with \"op\" and \"args\" but found %1"_s.arg(describeJson(value)));
    }
    const QJsonObject object = value.toObject();
    if (!object.value(u"op"_s).isString()) {
        return at(path, u"expected an object with \"op\" and \"args\""_s);
    }
    const QString name = object.value(u"op"_s).toString();
    const auto op = detail::lookupOperator(name);
    if (!op) {
        return at(path, u"unknown operator '%1'"_s.arg(name));
    }
    if (op->opClass == OpClass::TextFunction) {
        return at(path, u"'%1' is a function, not a predicate"_s.arg(op->name));
    }
    if (!object.value(u"args"_s).isArray()) {
        return at(path, u"operator '%1' needs an \"args\" array"_s.arg(op->name));
    }
    const QJsonArray args = object.value(u"args"_s).toArray();
    const int minimum = detail::minArgs(op->opClass);
    const int maximum = detail::maxArgs(op->opClass);
    if (args.size() < minimum || (maximum >= 0 && args.size() > maximum)) {
        const QString expected = maximum < 0 ? u"at least %1"_s.arg(minimum) : QString::number(minimum);
        return at(path,
            u"operator '%1' expects %2 argument%3 but got %4"_s.arg(
                op->name, expected, minimum == 1 ? QString() : u"s"_s, QString::number(args.size())));
    }
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString argPath = path + u".args["_s + QString::number(i) + u']';
        const QString error = op->opClass == OpClass::Logical || op->opClass == OpClass::Not
            ? validateExpression(args.at(i), argPath, depth + 1)
            : validateOperand(args.at(i), *op, int(i), argPath, depth + 1);
        if (!error.isEmpty()) {
            return error;
        }
    }
    return {};
}

} // namespace

QString validate(const QJsonValue &expression)
{
    return validateExpression(expression, u"$"_s, 0);
}

ParseResult parse(const QString &jsonOrText)
{
    if (!jsonOrText.trimmed().startsWith(u'{')) {
        return parseText(jsonOrText);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(jsonOrText.toUtf8(), &parseError);
    ParseResult result;
    if (parseError.error != QJsonParseError::NoError) {
        result.error = u"invalid CQL2-JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString());
        return result;
    }
    result.error = validate(document.object());
    if (result.ok()) {
        result.expression = document.object();
    }
    return result;
}

} // namespace StacScope::Cql2
