// evaluate(): CQL2-JSON against one item, with SQL-style three-valued logic inside.

#include <limits>
#include <optional>
#include <vector>

#include <QJsonArray>

#include "src/stac/cql2.h"
#include "src/stac/cql2_p.h"

using namespace Qt::StringLiterals;

namespace StacScope::Cql2 {

namespace {

using detail::OpClass;

// Missing values make a comparison Unknown rather than False, so that "NOT (x = 1)" does not
// match items without x, as on SQL-backed servers. Unknown counts as false at the top level.
enum class Truth
{
    False,
    True,
    Unknown
};

Truth truth(bool value)
{
    return value ? Truth::True : Truth::False;
}

constexpr qint64 openStart = std::numeric_limits<qint64>::min();
constexpr qint64 openEnd = std::numeric_limits<qint64>::max();
constexpr qint64 dayMs = 24 * 60 * 60 * 1000;

struct Value
{
    enum class Type
    {
        Missing,
        Null,
        Boolean,
        Number,
        String,
        Temporal,
        Array,
        Other
    };
    Type type = Type::Missing;
    bool boolean = false;
    double number = 0;
    QString string;
    // Temporal: a closed span in ms since the epoch (start == end for an instant).
    qint64 start = 0;
    qint64 end = 0;
    std::vector<Value> elements;

    bool absent() const { return type == Type::Missing || type == Type::Null; }
};

Value other()
{
    Value value;
    value.type = Value::Type::Other;
    return value;
}

Value temporal(qint64 start, qint64 end)
{
    Value value;
    value.type = Value::Type::Temporal;
    value.start = start;
    value.end = end;
    return value;
}

// A timestamp is an instant; a date covers its whole (UTC) day.
std::optional<Value> temporalFromString(const QString &text)
{
    if (const auto timestamp = detail::parseTimestamp(text)) {
        const qint64 ms = timestamp->toMSecsSinceEpoch();
        return temporal(ms, ms);
    }
    if (const auto date = detail::parseDate(text)) {
        const qint64 ms = QDateTime(*date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        return temporal(ms, ms + dayMs - 1);
    }
    return std::nullopt;
}

Value fromJson(const QJsonValue &json, int depth)
{
    Value value;
    switch (json.type()) {
    case QJsonValue::Null:
        value.type = Value::Type::Null;
        break;
    case QJsonValue::Bool:
        value.type = Value::Type::Boolean;
        value.boolean = json.toBool();
        break;
    case QJsonValue::Double:
        value.type = Value::Type::Number;
        value.number = json.toDouble();
        break;
    case QJsonValue::String:
        value.type = Value::Type::String;
        value.string = json.toString();
        break;
    case QJsonValue::Array:
        value.type = depth < detail::maxDepth ? Value::Type::Array : Value::Type::Other;
        if (value.type == Value::Type::Array) {
            for (const QJsonValue &element : json.toArray()) {
                value.elements.push_back(fromJson(element, depth + 1));
            }
        }
        break;
    case QJsonValue::Object:
        value.type = Value::Type::Other;
        break;
    default:
        break; // Undefined: the item has no such property.
    }
    return value;
}

// Instants (timestamps, dates, RFC 3339 strings) compare by their start; otherwise only values
// of the same type compare. nullopt means "not comparable".
std::optional<int> compare(const Value &a, const Value &b)
{
    auto asTemporal = [](const Value &v) -> std::optional<Value> {
        if (v.type == Value::Type::Temporal) {
            return v;
        }
        return v.type == Value::Type::String ? temporalFromString(v.string) : std::nullopt;
    };
    auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    const auto ta = asTemporal(a);
    const auto tb = asTemporal(b);
    if (ta && tb) {
        return sign(ta->start, tb->start);
    }
    if (a.type != b.type) {
        return std::nullopt;
    }
    switch (a.type) {
    case Value::Type::Number:
        return sign(a.number, b.number);
    case Value::Type::String:
        return sign(QString::compare(a.string, b.string, Qt::CaseSensitive), 0);
    case Value::Type::Boolean:
        return sign(a.boolean, b.boolean);
    default:
        return std::nullopt;
    }
}

// SQL LIKE: '%' any run, '_' one character, '\' escapes the next character. Case-sensitive.
bool likeMatch(const QString &text, const QString &pattern)
{
    constexpr int anyRun = -1;
    constexpr int anyOne = -2;
    std::vector<int> tokens;
    const QList<uint> patternChars = pattern.toUcs4();
    for (qsizetype i = 0; i < patternChars.size(); ++i) {
        const uint c = patternChars.at(i);
        if (c == u'\\' && i + 1 < patternChars.size()) {
            tokens.push_back(int(patternChars.at(++i)));
        } else {
            tokens.push_back(c == u'%' ? anyRun : (c == u'_' ? anyOne : int(c)));
        }
    }
    const QList<uint> chars = text.toUcs4();
    // Greedy matching that backtracks to the last '%': linear in practice, O(n*m) at worst.
    size_t t = 0;
    size_t p = 0;
    std::optional<size_t> starPattern;
    size_t starText = 0;
    while (t < size_t(chars.size())) {
        if (p < tokens.size() && (tokens[p] == anyOne || tokens[p] == int(chars.at(qsizetype(t))))) {
            ++t;
            ++p;
        } else if (p < tokens.size() && tokens[p] == anyRun) {
            starPattern = p++;
            starText = t;
        } else if (starPattern) {
            p = *starPattern + 1;
            t = ++starText;
        } else {
            return false;
        }
    }
    while (p < tokens.size() && tokens[p] == anyRun) {
        ++p;
    }
    return p == tokens.size();
}

QString stripAccents(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString result;
    result.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing) {
            result.append(c);
        }
    }
    return result.normalized(QString::NormalizationForm_C);
}

QJsonArray ring(double west, double south, double east, double north)
{
    return QJsonArray { QJsonValue(QJsonArray { QJsonArray { west, south }, QJsonArray { east, south },
        QJsonArray { east, north }, QJsonArray { west, north }, QJsonArray { west, south } }) };
}

// A bbox literal as GeoJSON; one crossing the antimeridian (west > east) becomes two polygons.
QJsonObject bboxGeometry(const QJsonArray &box)
{
    const int eastIndex = box.size() == 6 ? 3 : 2;
    const double west = box.at(0).toDouble();
    const double south = box.at(1).toDouble();
    const double east = box.at(eastIndex).toDouble();
    const double north = box.at(eastIndex + 1).toDouble();
    if (west <= east) {
        return QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, ring(west, south, east, north) } };
    }
    return QJsonObject { { u"type"_s, u"MultiPolygon"_s },
        { u"coordinates"_s, QJsonArray { ring(west, south, 180, north), ring(-180, south, east, north) } } };
}

bool isProperty(const QJsonValue &value)
{
    return value.toObject().value(u"property"_s).isString();
}

class Evaluator
{
public:
    explicit Evaluator(const EvaluationContext &context)
        : m_context(context)
    {}

    Truth predicate(const QJsonValue &expression, int depth)
    {
        if (expression.isBool()) {
            return truth(expression.toBool());
        }
        const QJsonObject object = expression.toObject();
        const auto op = detail::lookupOperator(object.value(u"op"_s).toString());
        const QJsonArray args = object.value(u"args"_s).toArray();
        if (!op || depth > detail::maxDepth || args.size() < detail::minArgs(op->opClass)
            || (detail::maxArgs(op->opClass) >= 0 && args.size() > detail::maxArgs(op->opClass))) {
            return Truth::Unknown;
        }
        switch (op->opClass) {
        case OpClass::Logical:
            return logical(op->name == u"and", args, depth);
        case OpClass::Not: {
            const Truth inner = predicate(args.first(), depth + 1);
            return inner == Truth::Unknown ? inner : truth(inner == Truth::False);
        }
        case OpClass::Comparison:
            return comparison(op->name, value(args.at(0), depth), value(args.at(1), depth));
        case OpClass::Like: {
            const Value text = value(args.at(0), depth);
            const Value pattern = value(args.at(1), depth);
            if (text.type != Value::Type::String || pattern.type != Value::Type::String) {
                return Truth::Unknown;
            }
            return truth(likeMatch(text.string, pattern.string));
        }
        case OpClass::Between: {
            const auto low = compare(value(args.at(1), depth), value(args.at(0), depth));
            const auto high = compare(value(args.at(0), depth), value(args.at(2), depth));
            return low && high ? truth(*low <= 0 && *high <= 0) : Truth::Unknown;
        }
        case OpClass::In:
            return in(value(args.at(0), depth), value(args.at(1), depth));
        case OpClass::IsNull:
            return truth(value(args.at(0), depth).absent());
        case OpClass::Spatial:
            return spatial(op->name, args.at(0), args.at(1));
        case OpClass::Temporal:
            return temporalRelation(op->name, value(args.at(0), depth), value(args.at(1), depth));
        case OpClass::Array:
            return arrayRelation(op->name, value(args.at(0), depth), value(args.at(1), depth));
        case OpClass::TextFunction:
            break;
        }
        return Truth::Unknown;
    }

private:
    Truth logical(bool isAnd, const QJsonArray &args, int depth)
    {
        const Truth decisive = isAnd ? Truth::False : Truth::True;
        bool unknown = false;
        for (const QJsonValue &arg : args) {
            const Truth result = predicate(arg, depth + 1);
            if (result == decisive) {
                return decisive;
            }
            unknown = unknown || result == Truth::Unknown;
        }
        return unknown ? Truth::Unknown : (isAnd ? Truth::True : Truth::False);
    }

    static Truth comparison(const QString &op, const Value &a, const Value &b)
    {
        const auto order = a.absent() || b.absent() ? std::nullopt : compare(a, b);
        if (!order) {
            return Truth::Unknown;
        }
        const int c = *order;
        if (op == u"=") {
            return truth(c == 0);
        }
        if (op == u"<>") {
            return truth(c != 0);
        }
        if (op == u"<") {
            return truth(c < 0);
        }
        if (op == u"<=") {
            return truth(c <= 0);
        }
        return op == u">" ? truth(c > 0) : truth(c >= 0);
    }

    static Truth in(const Value &needle, const Value &list)
    {
        if (needle.absent() || list.type != Value::Type::Array) {
            return Truth::Unknown;
        }
        bool unknown = false;
        for (const Value &element : list.elements) {
            if (compare(needle, element) == 0) {
                return Truth::True;
            }
            unknown = unknown || element.absent();
        }
        return unknown ? Truth::Unknown : Truth::False;
    }

    Truth spatial(const QString &op, const QJsonValue &first, const QJsonValue &second)
    {
        // The callback tests the item's geometry against a literal; with the literal first,
        // within and contains trade places (the other relations are symmetric).
        QString relation = op;
        QJsonObject literal = second.toObject();
        if (!isProperty(first)) {
            if (op == u"s_within" || op == u"s_contains") {
                relation = op == u"s_within" ? u"s_contains"_s : u"s_within"_s;
            }
            literal = first.toObject();
            if (!isProperty(second)) {
                return Truth::Unknown;
            }
        }
        if (isProperty(literal) || !m_context.spatial) {
            return Truth::Unknown;
        }
        if (literal.contains(u"bbox"_s)) {
            const QJsonArray box = literal.value(u"bbox"_s).toArray();
            if (box.size() != 4 && box.size() != 6) {
                return Truth::Unknown;
            }
            literal = bboxGeometry(box);
        } else if (!literal.value(u"type"_s).isString()) {
            return Truth::Unknown;
        }
        return truth(m_context.spatial(relation, literal));
    }

    static Truth temporalRelation(const QString &op, const Value &first, const Value &second)
    {
        const auto a = asInterval(first);
        const auto b = asInterval(second);
        if (!a || !b) {
            return Truth::Unknown;
        }
        const qint64 as = a->start, ae = a->end, bs = b->start, be = b->end;
        const QString name = op.toLower();
        bool result = false;
        if (name == u"t_before") {
            result = ae < bs;
        } else if (name == u"t_after") {
            result = as > be;
        } else if (name == u"t_meets") {
            result = ae == bs;
        } else if (name == u"t_metby") {
            result = as == be;
        } else if (name == u"t_overlaps") {
            result = as < bs && ae > bs && ae < be;
        } else if (name == u"t_overlappedby") {
            result = bs < as && be > as && be < ae;
        } else if (name == u"t_starts") {
            result = as == bs && ae < be;
        } else if (name == u"t_startedby") {
            result = as == bs && ae > be;
        } else if (name == u"t_during") {
            result = as > bs && ae < be;
        } else if (name == u"t_contains") {
            result = as < bs && ae > be;
        } else if (name == u"t_finishes") {
            result = as > bs && ae == be;
        } else if (name == u"t_finishedby") {
            result = as < bs && ae == be;
        } else if (name == u"t_equals") {
            result = as == bs && ae == be;
        } else if (name == u"t_disjoint") {
            result = ae < bs || as > be;
        } else {
            result = as <= be && ae >= bs; // t_intersects
        }
        return truth(result);
    }

    static std::optional<Value> asInterval(const Value &value)
    {
        if (value.type == Value::Type::Temporal) {
            return value;
        }
        if (value.type == Value::Type::String) {
            return temporalFromString(value.string);
        }
        // A property holding [start, end], with null or ".." for an open end (as in STAC extents).
        if (value.type == Value::Type::Array && value.elements.size() == 2) {
            Value result = temporal(openStart, openEnd);
            for (int i = 0; i < 2; ++i) {
                const Value &bound = value.elements[size_t(i)];
                if (bound.type == Value::Type::Null || (bound.type == Value::Type::String && bound.string == u"..")) {
                    continue;
                }
                const auto span = bound.type == Value::Type::String ? temporalFromString(bound.string) : std::nullopt;
                if (!span) {
                    return std::nullopt;
                }
                (i == 0 ? result.start : result.end) = i == 0 ? span->start : span->end;
            }
            return result;
        }
        return std::nullopt;
    }

    static Truth arrayRelation(const QString &op, const Value &a, const Value &b)
    {
        if (a.type != Value::Type::Array || b.type != Value::Type::Array) {
            return Truth::Unknown;
        }
        auto contains = [](const Value &haystack, const Value &needle) {
            for (const Value &element : haystack.elements) {
                if (compare(element, needle) == 0) {
                    return true;
                }
            }
            return false;
        };
        auto containsAll = [&contains](const Value &haystack, const Value &needles) {
            for (const Value &needle : needles.elements) {
                if (!contains(haystack, needle)) {
                    return false;
                }
            }
            return true;
        };
        const QString name = op.toLower();
        if (name == u"a_equals") {
            return truth(a.elements.size() == b.elements.size() && containsAll(a, b) && containsAll(b, a));
        }
        if (name == u"a_contains") {
            return truth(containsAll(a, b));
        }
        if (name == u"a_containedby") {
            return truth(containsAll(b, a));
        }
        for (const Value &element : a.elements) { // a_overlaps
            if (contains(b, element)) {
                return Truth::True;
            }
        }
        return Truth::False;
    }

    Value value(const QJsonValue &operand, int depth)
    {
        if (depth > detail::maxDepth) {
            return {};
        }
        if (operand.isArray()) {
            Value list;
            list.type = Value::Type::Array;
            for (const QJsonValue &element : operand.toArray()) {
                list.elements.push_back(value(element, depth + 1));
            }
            return list;
        }
        if (!operand.isObject()) {
            return fromJson(operand, depth);
        }
        const QJsonObject object = operand.toObject();
        if (object.value(u"property"_s).isString()) {
            QString name = object.value(u"property"_s).toString();
            if (name.startsWith(u"properties."_s)) {
                name = name.sliced(11);
            }
            return m_context.property ? fromJson(m_context.property(name), 0) : Value {};
        }
        if (object.contains(u"timestamp"_s) || object.contains(u"date"_s)) {
            const QJsonValue text
                = object.contains(u"timestamp"_s) ? object.value(u"timestamp"_s) : object.value(u"date"_s);
            const auto span = temporalFromString(text.toString());
            return span ? *span : other();
        }
        if (object.contains(u"interval"_s)) {
            Value bounds = value(object.value(u"interval"_s), depth + 1);
            for (Value &bound : bounds.elements) {
                if (bound.absent()) {
                    return {};
                }
            }
            const auto interval = asInterval(bounds);
            return interval ? *interval : other();
        }
        const auto op = detail::lookupOperator(object.value(u"op"_s).toString());
        const QJsonArray args = object.value(u"args"_s).toArray();
        if (op && op->opClass == OpClass::TextFunction && args.size() == 1) {
            Value inner = value(args.first(), depth + 1);
            if (inner.type == Value::Type::String) {
                inner.string = op->name == u"casei" ? inner.string.toCaseFolded() : stripAccents(inner.string);
            }
            return inner;
        }
        return other();
    }

    const EvaluationContext &m_context;
};

} // namespace

bool evaluate(const QJsonObject &expression, const EvaluationContext &context)
{
    return Evaluator(context).predicate(expression, 0) == Truth::True;
}

} // namespace StacScope::Cql2
