// toText(): CQL2-JSON to cql2-text, the inverse of parseText() (cql2textparser.cpp).

#include <cmath>
#include <utility>

#include <QJsonArray>
#include <QLocale>
#include <QStringList>
#include <QVariant>

#include "src/stac/cql2.h"
#include "src/stac/cql2_p.h"

using namespace Qt::StringLiterals;

namespace StacScope::Cql2 {

namespace {

using detail::OpClass;

// Words the parser never reads as a property name; such names have to be double-quoted.
bool isReservedWord(const QString &word)
{
    static constexpr QStringView reserved[]
        = { u"AND", u"OR", u"NOT", u"LIKE", u"BETWEEN", u"IN", u"IS", u"NULL", u"TRUE", u"FALSE" };
    for (QStringView candidate : reserved) {
        if (word.compare(candidate, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QString formatNumber(const QJsonValue &value)
{
    // Integers print without exponent or fraction, all their digits (a 64-bit integer beyond 2^53
    // has more than a double keeps); everything else with the shortest text that reads back as
    // the same double, so parseText(toText(x)) == x. A whole double beyond 2^53 (5.1e16, from
    // ".51e17") stays a double: written as digits it would read back as an integer.
    const bool storedInteger = value.toVariant().metaType().id() == QMetaType::LongLong;
    if (value.toInteger(0) == value.toInteger(1)
        && (storedInteger || std::abs(value.toDouble()) < 9007199254740992.0)) {
        return QString::number(value.toInteger());
    }
    const double d = value.toDouble();
    const QString text = QString::number(d, 'g', QLocale::FloatingPointShortest);
    // 'g' may write a large whole double as bare digits (2888888888088889000), which read back as
    // an integer: give it an exponent.
    if (std::isfinite(d) && !text.contains(u'.') && !text.contains(u'e')) {
        return QString::number(d, 'e', QLocale::FloatingPointShortest);
    }
    return text;
}

QString quoteString(QString text)
{
    return u'\'' + text.replace(u'\'', u"''"_s) + u'\'';
}

QString formatProperty(QString name)
{
    bool plain = !name.isEmpty() && (name.front().isLetter() || name.front() == u'_') && !isReservedWord(name);
    for (QChar c : std::as_const(name)) {
        plain = plain && (c.isLetterOrNumber() || c == u'_' || c == u':' || c == u'.');
    }
    return plain ? name : u'"' + name.replace(u'"', u"\"\""_s) + u'"';
}

class Writer
{
public:
    QString error;

    QString predicate(const QJsonValue &value)
    {
        if (value.isBool()) {
            return value.toBool() ? u"TRUE"_s : u"FALSE"_s;
        }
        const QJsonObject object = value.toObject();
        const auto op = detail::lookupOperator(object.value(u"op"_s).toString());
        const QJsonArray args = object.value(u"args"_s).toArray();
        if (!op || args.size() < detail::minArgs(op->opClass)) {
            return fail(u"not a predicate"_s);
        }
        switch (op->opClass) {
        case OpClass::Logical: {
            QStringList parts;
            for (const QJsonValue &arg : args) {
                parts.append(grouped(arg));
            }
            return parts.join(op->name == u"and" ? u" AND "_s : u" OR "_s);
        }
        case OpClass::Not:
            return negated(args.first());
        case OpClass::Comparison:
            return operand(args.at(0)) + u' ' + op->name + u' ' + operand(args.at(1));
        case OpClass::Like:
            return operand(args.at(0)) + u" LIKE "_s + operand(args.at(1));
        case OpClass::Between:
            return operand(args.at(0)) + u" BETWEEN "_s + operand(args.at(1)) + u" AND "_s + operand(args.at(2));
        case OpClass::In:
            return operand(args.at(0)) + u" IN "_s + operand(args.at(1));
        case OpClass::IsNull:
            return operand(args.at(0)) + u" IS NULL"_s;
        case OpClass::Spatial:
        case OpClass::Temporal:
        case OpClass::Array:
            return op->name.toUpper() + u'(' + operand(args.at(0)) + u", "_s + operand(args.at(1)) + u')';
        case OpClass::TextFunction:
            break;
        }
        return fail(u"'%1' is not a predicate"_s.arg(op->name));
    }

private:
    QString fail(const QString &message)
    {
        if (error.isEmpty()) {
            error = message;
        }
        return {};
    }

    // Nested and/or always get parentheses, so the parser rebuilds the same tree.
    QString grouped(const QJsonValue &value)
    {
        const auto op = detail::lookupOperator(value.toObject().value(u"op"_s).toString());
        const QString text = predicate(value);
        return op && op->opClass == OpClass::Logical ? u'(' + text + u')' : text;
    }

    // The parser reads "x IS NOT NULL", "x NOT LIKE ..." etc. as not(...), so write them that way.
    QString negated(const QJsonValue &inner)
    {
        const auto op = detail::lookupOperator(inner.toObject().value(u"op"_s).toString());
        const QJsonArray args = inner.toObject().value(u"args"_s).toArray();
        if (op && args.size() == detail::minArgs(op->opClass)) {
            switch (op->opClass) {
            case OpClass::IsNull:
                return operand(args.at(0)) + u" IS NOT NULL"_s;
            case OpClass::Like:
                return operand(args.at(0)) + u" NOT LIKE "_s + operand(args.at(1));
            case OpClass::Between:
                return operand(args.at(0)) + u" NOT BETWEEN "_s + operand(args.at(1)) + u" AND "_s
                    + operand(args.at(2));
            case OpClass::In:
                return operand(args.at(0)) + u" NOT IN "_s + operand(args.at(1));
            default:
                break;
            }
        }
        return u"NOT ("_s + predicate(inner) + u')';
    }

    QString operand(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::String:
            return quoteString(value.toString());
        case QJsonValue::Double:
            if (!std::isfinite(value.toDouble())) {
                return fail(u"numbers must be finite"_s);
            }
            return formatNumber(value);
        case QJsonValue::Bool:
            return value.toBool() ? u"TRUE"_s : u"FALSE"_s;
        case QJsonValue::Array: {
            QStringList elements;
            for (const QJsonValue &element : value.toArray()) {
                elements.append(operand(element));
            }
            return u'(' + elements.join(u", "_s) + u')';
        }
        case QJsonValue::Object:
            return objectOperand(value.toObject());
        default:
            return fail(u"null cannot be written as cql2-text"_s);
        }
    }

    QString objectOperand(const QJsonObject &object)
    {
        if (object.contains(u"property"_s)) {
            return formatProperty(object.value(u"property"_s).toString());
        }
        if (object.contains(u"timestamp"_s)) {
            return u"TIMESTAMP("_s + quoteString(object.value(u"timestamp"_s).toString()) + u')';
        }
        if (object.contains(u"date"_s)) {
            return u"DATE("_s + quoteString(object.value(u"date"_s).toString()) + u')';
        }
        if (object.contains(u"interval"_s)) {
            const QJsonArray bounds = object.value(u"interval"_s).toArray();
            if (bounds.size() != 2) {
                return fail(u"an interval needs 2 bounds"_s);
            }
            return u"INTERVAL("_s + operand(bounds.at(0)) + u", "_s + operand(bounds.at(1)) + u')';
        }
        if (object.contains(u"bbox"_s)) {
            QStringList numbers;
            for (const QJsonValue &number : object.value(u"bbox"_s).toArray()) {
                numbers.append(formatNumber(number));
            }
            return u"BBOX("_s + numbers.join(u", "_s) + u')';
        }
        if (object.contains(u"type"_s)) {
            return geometry(object);
        }
        const auto op = detail::lookupOperator(object.value(u"op"_s).toString());
        const QJsonArray args = object.value(u"args"_s).toArray();
        if (op && op->opClass == OpClass::TextFunction && args.size() == 1) {
            return op->name.toUpper() + u'(' + operand(args.first()) + u')';
        }
        return fail(u"unsupported value object"_s);
    }

    static bool hasZ(const QJsonValue &coordinates)
    {
        const QJsonArray array = coordinates.toArray();
        if (array.isEmpty() || !array.first().isArray()) {
            return array.size() == 3;
        }
        for (const QJsonValue &child : array) {
            if (hasZ(child)) {
                return true;
            }
        }
        return false;
    }

    static QString position(const QJsonValue &value)
    {
        QStringList numbers;
        for (const QJsonValue &number : value.toArray()) {
            numbers.append(formatNumber(number));
        }
        return numbers.join(u' ');
    }

    // Writes nested arrays as WKT: `depth` 0 is a single position, 1 a parenthesised list of
    // positions, 2 a list of those, ...
    static QString nested(const QJsonValue &value, int depth)
    {
        if (depth == 0) {
            return position(value);
        }
        QStringList parts;
        for (const QJsonValue &child : value.toArray()) {
            parts.append(nested(child, depth - 1));
        }
        return u'(' + parts.join(u", "_s) + u')';
    }

    QString geometry(const QJsonObject &object)
    {
        const QString type = object.value(u"type"_s).toString();
        if (type == u"GeometryCollection") {
            QStringList members;
            for (const QJsonValue &member : object.value(u"geometries"_s).toArray()) {
                members.append(geometry(member.toObject()));
            }
            return u"GEOMETRYCOLLECTION("_s + members.join(u", "_s) + u')';
        }
        const QJsonValue coordinates = object.value(u"coordinates"_s);
        const QString tag = type.toUpper() + (hasZ(coordinates) ? u" Z"_s : QString());
        if (type == u"Point") {
            return tag + u'(' + position(coordinates) + u')';
        }
        if (type == u"MultiPoint") {
            // The parenthesised form, MULTIPOINT((1 2), (3 4)), is the one the CQL2 grammar has.
            QStringList points;
            for (const QJsonValue &point : coordinates.toArray()) {
                points.append(u'(' + position(point) + u')');
            }
            return tag + u'(' + points.join(u", "_s) + u')';
        }
        static constexpr std::pair<QStringView, int> depths[]
            = { { u"LineString", 1 }, { u"Polygon", 2 }, { u"MultiLineString", 2 }, { u"MultiPolygon", 3 } };
        for (const auto &[name, depth] : depths) {
            if (type == name) {
                return tag + nested(coordinates, depth);
            }
        }
        return fail(u"unknown geometry type '%1'"_s.arg(type));
    }
};

} // namespace

QString toText(const QJsonObject &expression, QString *error)
{
    QString problem = validate(expression);
    QString text;
    if (problem.isEmpty()) {
        Writer writer;
        text = writer.predicate(expression);
        problem = writer.error;
    }
    if (error) {
        *error = problem;
    }
    return problem.isEmpty() ? text : QString();
}

} // namespace StacScope::Cql2
