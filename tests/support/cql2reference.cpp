// Cql2Reference's evaluator and structure check (the text parser is in cql2referencetext.cpp).
// Written from OGC 21-065r2 without looking at src/stac: see cql2reference.h for why.

#include "tests/support/cql2reference.h"

#include <cmath>
#include <limits>
#include <optional>

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace StacScope::Cql2Reference {

namespace {

enum class Truth
{
    False,
    True,
    Unknown,
};

Truth truth(bool b)
{
    return b ? Truth::True : Truth::False;
}

// Arity of each operator: {min, max}; max -1 = any number.
const QHash<QString, std::pair<int, int>> &operators()
{
    static const QHash<QString, std::pair<int, int>> table = [] {
        QHash<QString, std::pair<int, int>> t;
        t.insert(u"and"_s, { 2, -1 });
        t.insert(u"or"_s, { 2, -1 });
        t.insert(u"not"_s, { 1, 1 });
        for (const char *op : { "=", "<>", "<", "<=", ">", ">=", "like", "in" }) {
            t.insert(QString::fromLatin1(op), { 2, 2 });
        }
        t.insert(u"between"_s, { 3, 3 });
        t.insert(u"isnull"_s, { 1, 1 });
        for (const char *op : { "s_intersects", "s_equals", "s_disjoint", "s_touches", "s_within", "s_overlaps",
                 "s_crosses", "s_contains", "t_after", "t_before", "t_contains", "t_disjoint", "t_during", "t_equals",
                 "t_finishedby", "t_finishes", "t_intersects", "t_meets", "t_metby", "t_overlappedby", "t_overlaps",
                 "t_startedby", "t_starts", "a_equals", "a_contains", "a_containedby", "a_overlaps" }) {
            t.insert(QString::fromLatin1(op), { 2, 2 });
        }
        return t;
    }();
    return table;
}

bool isFunction(const QString &op)
{
    return op == "casei"_L1 || op == "accenti"_L1;
}

QString checkValue(const QJsonValue &value, int depth);

QString checkPredicate(const QJsonValue &value, int depth)
{
    if (depth > 200) {
        return u"nested too deeply"_s;
    }
    if (value.isBool()) {
        return {};
    }
    const QJsonObject o = value.toObject();
    if (!value.isObject() || !o.value("op"_L1).isString()) {
        return u"expected an object with \"op\" and \"args\""_s;
    }
    const QString op = o.value("op"_L1).toString().toLower();
    if (!operators().contains(op)) {
        return u"unknown operator '%1'"_s.arg(op);
    }
    if (!o.value("args"_L1).isArray()) {
        return u"operator '%1' needs an \"args\" array"_s.arg(op);
    }
    const QJsonArray args = o.value("args"_L1).toArray();
    const auto [min, max] = operators().value(op);
    if (args.size() < min || (max >= 0 && args.size() > max)) {
        return u"operator '%1' takes %2 arguments, not %3"_s.arg(op).arg(min).arg(args.size());
    }
    for (const QJsonValue &arg : args) {
        const bool logical = op == "and"_L1 || op == "or"_L1 || op == "not"_L1;
        const QString problem = logical ? checkPredicate(arg, depth + 1) : checkValue(arg, depth + 1);
        if (!problem.isEmpty()) {
            return problem;
        }
    }
    return {};
}

QString checkValue(const QJsonValue &value, int depth)
{
    if (value.isNull() || value.isUndefined()) {
        return u"null is not a value"_s;
    }
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            const QString problem = checkValue(v, depth + 1);
            if (!problem.isEmpty()) {
                return problem;
            }
        }
        return {};
    }
    if (!value.isObject()) {
        return {};
    }
    const QJsonObject o = value.toObject();
    if (o.contains("op"_L1)) {
        const QString op = o.value("op"_L1).toString().toLower();
        if (isFunction(op)) {
            return o.value("args"_L1).toArray().size() == 1 ? checkValue(o.value("args"_L1).toArray().at(0), depth + 1)
                                                            : u"'%1' takes 1 argument"_s.arg(op);
        }
        return u"a predicate ('%1') where a value belongs"_s.arg(op);
    }
    for (const char *key : { "property", "timestamp", "date", "interval", "bbox", "type" }) {
        if (o.contains(QLatin1String(key))) {
            return {};
        }
    }
    return u"unrecognised value object"_s;
}

// ---- values --------------------------------------------------------------------------------

constexpr qint64 kMinTime = std::numeric_limits<qint64>::min();
constexpr qint64 kMaxTime = std::numeric_limits<qint64>::max();

// RFC 3339 date-time (with Z or an offset, optional fractions) to epoch milliseconds.
std::optional<qint64> instant(const QString &text)
{
    static const QRegularExpression re(
        u"^(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))$"_s);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), std::min(59, m.captured(6).toInt()));
    if (!date.isValid() || !time.isValid()) {
        return std::nullopt;
    }
    qint64 ms = QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch();
    ms += qint64(std::lround(QString(u"0."_s + m.captured(7)).toDouble() * 1000));
    if (m.captured(8).isEmpty()) {
        const qint64 offset = (m.captured(10).toInt() * 60 + m.captured(11).toInt()) * 60000LL;
        ms -= m.captured(9) == "+"_L1 ? offset : -offset;
    }
    return ms;
}

std::optional<qint64> dayStart(const QString &text)
{
    static const QRegularExpression re(u"^(\\d{4})-(\\d{2})-(\\d{2})$"_s);
    const QRegularExpressionMatch m = re.match(text);
    const QDate date
        = m.hasMatch() ? QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()) : QDate();
    if (!date.isValid()) {
        return std::nullopt;
    }
    return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

struct Value
{
    enum Kind
    {
        Missing, // no such property, or null
        Boolean,
        Number,
        String,
        Time, // an instant or an interval [start, end]
        List,
        Geometry,
    } kind
        = Missing;
    bool boolean = false;
    double number = 0;
    QString string;
    qint64 start = 0;
    qint64 end = 0;
    QList<Value> list;
    QJsonObject geometry;
    bool fromProperty = false;
};

// A string compared with a time is read as a time (a property holding "2021-04-08T04:39:23Z").
std::optional<std::pair<qint64, qint64>> asTime(const Value &v)
{
    if (v.kind == Value::Time) {
        return std::pair { v.start, v.end };
    }
    if (v.kind == Value::String) {
        if (const auto t = instant(v.string)) {
            return std::pair { *t, *t };
        }
        if (const auto d = dayStart(v.string)) {
            return std::pair { *d, *d + 86400000 - 1 };
        }
    }
    return std::nullopt;
}

QString withoutAccents(const QString &s)
{
    const QString decomposed = s.normalized(QString::NormalizationForm_D);
    QString out;
    for (const QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing) {
            out.append(c);
        }
    }
    return out;
}

Value valueOf(const QJsonValue &json, const Item &item);

// An interval bound: "..", a timestamp or date string, or a property.
std::optional<std::pair<qint64, qint64>> bound(const QJsonValue &json, const Item &item, bool *open)
{
    *open = json.isString() && json.toString() == ".."_L1;
    if (*open) {
        return std::pair { kMinTime, kMaxTime };
    }
    const Value v = valueOf(json, item);
    return asTime(v);
}

Value valueOf(const QJsonValue &json, const Item &item)
{
    Value v;
    if (json.isBool()) {
        v.kind = Value::Boolean;
        v.boolean = json.toBool();
    } else if (json.isDouble()) {
        v.kind = Value::Number;
        v.number = json.toDouble();
    } else if (json.isString()) {
        v.kind = Value::String;
        v.string = json.toString();
    } else if (json.isArray()) {
        v.kind = Value::List;
        for (const QJsonValue &element : json.toArray()) {
            v.list.append(valueOf(element, item));
        }
    } else if (json.isObject()) {
        const QJsonObject o = json.toObject();
        if (o.contains("property"_L1)) {
            const QJsonValue p = item.property(o.value("property"_L1).toString());
            v = p.isUndefined() || p.isNull() ? Value() : valueOf(p, item);
            v.fromProperty = true;
        } else if (o.contains("timestamp"_L1)) {
            if (const auto t = instant(o.value("timestamp"_L1).toString())) {
                v.kind = Value::Time;
                v.start = v.end = *t;
            }
        } else if (o.contains("date"_L1)) {
            if (const auto d = dayStart(o.value("date"_L1).toString())) {
                v.kind = Value::Time;
                v.start = *d;
                v.end = *d + 86400000 - 1; // a date is the whole day
            }
        } else if (o.contains("interval"_L1)) {
            const QJsonArray bounds = o.value("interval"_L1).toArray();
            bool openStart = false;
            bool openEnd = false;
            const auto s = bound(bounds.at(0), item, &openStart);
            const auto e = bound(bounds.at(1), item, &openEnd);
            if (bounds.size() == 2 && s && e) {
                v.kind = Value::Time;
                v.start = openStart ? kMinTime : s->first;
                v.end = openEnd ? kMaxTime : e->second;
            }
        } else if (o.contains("op"_L1)) {
            const QString op = o.value("op"_L1).toString().toLower();
            v = valueOf(o.value("args"_L1).toArray().at(0), item);
            if (v.kind == Value::String) {
                v.string = op == "casei"_L1 ? v.string.toLower() : withoutAccents(v.string);
            }
        } else {
            v.kind = Value::Geometry; // GeoJSON, or {"bbox": [...]}
            v.geometry = o;
        }
    }
    return v;
}

// -1, 0, 1, or nullopt when the two cannot be compared.
std::optional<int> compare(const Value &a, const Value &b)
{
    const auto order = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    if (a.kind == Value::Number && b.kind == Value::Number) {
        return order(a.number, b.number);
    }
    if (a.kind == Value::Boolean && b.kind == Value::Boolean) {
        return order(int(a.boolean), int(b.boolean));
    }
    if (a.kind == Value::Time || b.kind == Value::Time) {
        const auto x = asTime(a);
        const auto y = asTime(b);
        if (!x || !y) {
            return std::nullopt;
        }
        return order(x->first, y->first);
    }
    if (a.kind == Value::String && b.kind == Value::String) {
        return order(a.string, b.string);
    }
    return std::nullopt;
}

bool sameElement(const Value &a, const Value &b)
{
    const auto c = compare(a, b);
    return c && *c == 0;
}

bool like(const QString &value, const QString &pattern)
{
    QString re;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'\\' && i + 1 < pattern.size()) {
            re += QRegularExpression::escape(QString(pattern.at(++i)));
        } else if (c == u'%') {
            re += u".*"_s;
        } else if (c == u'_') {
            re += u"."_s;
        } else {
            re += QRegularExpression::escape(QString(c));
        }
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(re), QRegularExpression::DotMatchesEverythingOption)
        .match(value)
        .hasMatch();
}

Truth temporal(const QString &op, const Value &a, const Value &b)
{
    const auto x = asTime(a);
    const auto y = asTime(b);
    if (!x || !y) {
        return Truth::Unknown;
    }
    const qint64 as = x->first, ae = x->second, bs = y->first, be = y->second;
    if (op == "t_after"_L1)
        return truth(as > be);
    if (op == "t_before"_L1)
        return truth(ae < bs);
    if (op == "t_contains"_L1)
        return truth(as < bs && ae > be);
    if (op == "t_disjoint"_L1)
        return truth(ae < bs || as > be);
    if (op == "t_during"_L1)
        return truth(as > bs && ae < be);
    if (op == "t_equals"_L1)
        return truth(as == bs && ae == be);
    if (op == "t_finishedby"_L1)
        return truth(as < bs && ae == be);
    if (op == "t_finishes"_L1)
        return truth(as > bs && ae == be);
    if (op == "t_meets"_L1)
        return truth(ae == bs);
    if (op == "t_metby"_L1)
        return truth(as == be);
    if (op == "t_overlappedby"_L1)
        return truth(as > bs && as < be && ae > be);
    if (op == "t_overlaps"_L1)
        return truth(as < bs && ae > bs && ae < be);
    if (op == "t_startedby"_L1)
        return truth(as == bs && ae > be);
    if (op == "t_starts"_L1)
        return truth(as == bs && ae < be);
    return truth(as <= be && ae >= bs); // t_intersects
}

Truth arrays(const QString &op, const Value &a, const Value &b)
{
    if (a.kind != Value::List || b.kind != Value::List) {
        return Truth::Unknown;
    }
    const auto allIn = [](const Value &from, const Value &in) {
        for (const Value &e : from.list) {
            bool found = false;
            for (const Value &f : in.list) {
                found = found || sameElement(e, f);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    };
    if (op == "a_equals"_L1)
        return truth(a.list.size() == b.list.size() && allIn(a, b) && allIn(b, a));
    if (op == "a_contains"_L1)
        return truth(allIn(b, a));
    if (op == "a_containedby"_L1)
        return truth(allIn(a, b));
    for (const Value &e : a.list) { // a_overlaps
        for (const Value &f : b.list) {
            if (sameElement(e, f)) {
                return Truth::True;
            }
        }
    }
    return Truth::False;
}

Truth spatialOp(QString op, const QJsonArray &args, const Item &item)
{
    QJsonValue literal = args.at(1);
    if (args.at(0).toObject().contains("property"_L1) == false) {
        // The literal first: swap, and within/contains trade places.
        literal = args.at(0);
        if (op == "s_within"_L1) {
            op = u"s_contains"_s;
        } else if (op == "s_contains"_L1) {
            op = u"s_within"_s;
        }
    }
    const QJsonObject o = literal.toObject();
    if (o.contains("property"_L1) || !item.spatial) {
        return Truth::Unknown;
    }
    return truth(item.spatial(op, o));
}

Truth evaluate(const QJsonValue &node, const Item &item)
{
    if (node.isBool()) {
        return truth(node.toBool());
    }
    const QJsonObject o = node.toObject();
    const QString op = o.value("op"_L1).toString().toLower();
    const QJsonArray args = o.value("args"_L1).toArray();
    if (op == "and"_L1 || op == "or"_L1) {
        const Truth decisive = op == "and"_L1 ? Truth::False : Truth::True;
        bool unknown = false;
        for (const QJsonValue &arg : args) {
            const Truth t = evaluate(arg, item);
            if (t == decisive) {
                return decisive;
            }
            unknown = unknown || t == Truth::Unknown;
        }
        return unknown ? Truth::Unknown : (op == "and"_L1 ? Truth::True : Truth::False);
    }
    if (op == "not"_L1) {
        const Truth t = evaluate(args.at(0), item);
        return t == Truth::Unknown ? t : truth(t == Truth::False);
    }
    if (op.startsWith("s_"_L1)) {
        return spatialOp(op, args, item);
    }
    const Value a = valueOf(args.at(0), item);
    if (op == "isnull"_L1) {
        return truth(a.kind == Value::Missing);
    }
    if (a.kind == Value::Missing) {
        return Truth::Unknown;
    }
    const Value b = valueOf(args.at(1), item);
    if (b.kind == Value::Missing) {
        return Truth::Unknown;
    }
    if (op.startsWith("t_"_L1)) {
        return temporal(op, a, b);
    }
    if (op.startsWith("a_"_L1)) {
        return arrays(op, a, b);
    }
    if (op == "like"_L1) {
        return a.kind == Value::String && b.kind == Value::String ? truth(like(a.string, b.string)) : Truth::Unknown;
    }
    if (op == "in"_L1) {
        if (b.kind != Value::List) {
            return Truth::Unknown;
        }
        for (const Value &e : b.list) {
            if (sameElement(a, e)) {
                return Truth::True;
            }
        }
        return Truth::False;
    }
    if (op == "between"_L1) {
        const Value hi = valueOf(args.at(2), item);
        const auto low = compare(a, b);
        const auto high = compare(a, hi);
        if (!low || !high) {
            return Truth::Unknown;
        }
        return truth(*low >= 0 && *high <= 0);
    }
    const auto c = compare(a, b);
    if (!c) {
        return Truth::Unknown;
    }
    if (op == "="_L1)
        return truth(*c == 0);
    if (op == "<>"_L1)
        return truth(*c != 0);
    if (op == "<"_L1)
        return truth(*c < 0);
    if (op == "<="_L1)
        return truth(*c <= 0);
    if (op == ">"_L1)
        return truth(*c > 0);
    return truth(*c >= 0); // >=
}

} // namespace

QString check(const QJsonValue &expression)
{
    if (!expression.isObject()) {
        return u"expected an object with \"op\" and \"args\""_s;
    }
    return checkPredicate(expression, 0);
}

bool matches(const QJsonObject &expression, const Item &item)
{
    return evaluate(expression, item) == Truth::True;
}

} // namespace StacScope::Cql2Reference
