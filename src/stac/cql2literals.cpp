// Literal checks shared by the validator, evaluator and text parser: RFC 3339 timestamps and
// dates, GeoJSON geometries, bboxes, intervals, and operand classification.

#include <cmath>

#include <QJsonArray>
#include <QJsonObject>

#include "src/stac/cql2_p.h"

using namespace Qt::StringLiterals;

namespace StacScope::Cql2::detail {

namespace {
bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Checks `text` against a pattern where 'd' stands for a digit and every other character for itself.
bool matchesShape(QStringView text, QStringView shape)
{
    if (text.size() != shape.size()) {
        return false;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (shape[i] == u'd' ? !isDigit(text[i]) : text[i] != shape[i]) {
            return false;
        }
    }
    return true;
}

QString checkPosition(const QJsonValue &value)
{
    const QJsonArray position = value.toArray();
    if (!value.isArray() || position.size() < 2 || position.size() > 3) {
        return u"a position must be an array of 2 or 3 numbers"_s;
    }
    for (const QJsonValue &coordinate : position) {
        if (!coordinate.isDouble() || !std::isfinite(coordinate.toDouble())) {
            return u"coordinates must be finite numbers"_s;
        }
    }
    return {};
}

QString checkPositions(const QJsonValue &value, qsizetype minimum, const QString &what)
{
    if (!value.isArray()) {
        return what + u" must be an array of positions"_s;
    }
    const QJsonArray positions = value.toArray();
    if (positions.size() < minimum) {
        return u"%1 needs at least %2 positions but has %3"_s.arg(what).arg(minimum).arg(positions.size());
    }
    for (const QJsonValue &position : positions) {
        if (QString error = checkPosition(position); !error.isEmpty()) {
            return error;
        }
    }
    return {};
}

QString checkPolygon(const QJsonValue &value, const QString &what)
{
    const QJsonArray rings = value.toArray();
    if (!value.isArray() || rings.isEmpty()) {
        return what + u" must be a non-empty array of linear rings"_s;
    }
    for (qsizetype i = 0; i < rings.size(); ++i) {
        const QString ring = u"%1 ring %2"_s.arg(what).arg(i + 1);
        if (QString error = checkPositions(rings.at(i), 4, ring); !error.isEmpty()) {
            return error;
        }
        const QJsonArray positions = rings.at(i).toArray();
        if (positions.first() != positions.last()) {
            return ring + u" is not closed (its first and last positions differ)"_s;
        }
    }
    return {};
}

// Applies `check` to every element of a non-empty array.
template <typename Check> QString checkEach(const QJsonValue &value, const QString &what, Check check)
{
    const QJsonArray parts = value.toArray();
    if (!value.isArray() || parts.isEmpty()) {
        return what + u" must be a non-empty array"_s;
    }
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (QString error = check(parts.at(i), i); !error.isEmpty()) {
            return error;
        }
    }
    return {};
}

QString checkGeometry(const QJsonObject &geometry, int depth)
{
    if (depth > maxDepth) {
        return u"geometry nested too deeply"_s;
    }
    const QString type = geometry.value(u"type"_s).toString();
    const QJsonValue coordinates = geometry.value(u"coordinates"_s);
    if (type == u"GeometryCollection") {
        return checkEach(geometry.value(u"geometries"_s), u"GeometryCollection \"geometries\""_s,
            [depth](const QJsonValue &member, qsizetype) {
                return member.isObject() ? checkGeometry(member.toObject(), depth + 1)
                                         : u"GeometryCollection members must be geometry objects"_s;
            });
    }
    if (type == u"Point") {
        return checkPosition(coordinates);
    }
    if (type == u"MultiPoint") {
        return checkPositions(coordinates, 1, u"MultiPoint"_s);
    }
    if (type == u"LineString") {
        return checkPositions(coordinates, 2, u"LineString"_s);
    }
    if (type == u"MultiLineString") {
        return checkEach(coordinates, u"MultiLineString coordinates"_s, [](const QJsonValue &line, qsizetype i) {
            return checkPositions(line, 2, u"MultiLineString line %1"_s.arg(i + 1));
        });
    }
    if (type == u"Polygon") {
        return checkPolygon(coordinates, u"Polygon"_s);
    }
    if (type == u"MultiPolygon") {
        return checkEach(coordinates, u"MultiPolygon coordinates"_s, [](const QJsonValue &polygon, qsizetype i) {
            return checkPolygon(polygon, u"MultiPolygon polygon %1"_s.arg(i + 1));
        });
    }
    return u"unknown geometry type '%1'"_s.arg(type);
}

QString checkBBox(const QJsonValue &value)
{
    const QJsonArray box = value.toArray();
    if (!value.isArray() || (box.size() != 4 && box.size() != 6)) {
        return u"a bbox must be an array of 4 or 6 numbers"_s;
    }
    for (const QJsonValue &number : box) {
        if (!number.isDouble() || !std::isfinite(number.toDouble())) {
            return u"a bbox must contain only finite numbers"_s;
        }
    }
    const int eastIndex = box.size() == 4 ? 2 : 3;
    const double west = box.at(0).toDouble();
    const double south = box.at(1).toDouble();
    const double east = box.at(eastIndex).toDouble();
    const double north = box.at(eastIndex + 1).toDouble();
    // West > east is legal: the box crosses the antimeridian.
    if (std::abs(west) > 180 || std::abs(east) > 180 || south < -90 || north > 90 || south > north) {
        return u"bbox out of range (west/east in [-180, 180], south <= north in [-90, 90])"_s;
    }
    return {};
}

// Start of an interval bound in milliseconds, for the start <= end check; nullopt for "..".
std::optional<qint64> boundStart(const QString &bound)
{
    if (const auto timestamp = parseTimestamp(bound)) {
        return timestamp->toMSecsSinceEpoch();
    }
    if (const auto date = parseDate(bound)) {
        return QDateTime(*date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    }
    return std::nullopt;
}

QString checkInterval(const QJsonValue &value)
{
    const QJsonArray bounds = value.toArray();
    if (!value.isArray() || bounds.size() != 2) {
        return u"an interval must be an array of 2 bounds"_s;
    }
    for (const QJsonValue &bound : bounds) {
        if (bound.isObject()) {
            if (!bound.toObject().value(u"property"_s).isString()) {
                return u"an interval bound must be a timestamp or date string, \"..\" or a property"_s;
            }
            continue;
        }
        const QString text = bound.toString();
        if (text != u".." && !parseTimestamp(text) && !parseDate(text)) {
            return u"invalid interval bound '%1' (expected an RFC 3339 timestamp, a date or \"..\")"_s.arg(text);
        }
    }
    const auto start = boundStart(bounds.at(0).toString());
    const auto end = boundStart(bounds.at(1).toString());
    if (start && end && *start > *end) {
        return u"the interval starts after it ends"_s;
    }
    return {};
}

} // namespace

std::optional<QDateTime> parseTimestamp(const QString &text)
{
    // QDateTime alone is too lenient (it takes a missing zone as local time, "24:00", a space
    // separator), so check the RFC 3339 shape first.
    if (text.size() < 20 || !matchesShape(QStringView(text).first(10), u"dddd-dd-dd")
        || (text[10] != u'T' && text[10] != u't') || !matchesShape(QStringView(text).sliced(11, 8), u"dd:dd:dd")
        || text.sliced(11, 2).toInt() > 23) {
        return std::nullopt;
    }
    qsizetype i = 19;
    if (text[i] == u'.') {
        const qsizetype digitsStart = ++i;
        while (i < text.size() && isDigit(text[i])) {
            ++i;
        }
        if (i == digitsStart) {
            return std::nullopt;
        }
    }
    const QStringView zone = QStringView(text).sliced(i);
    const bool offset
        = zone.size() == 6 && (zone[0] == u'+' || zone[0] == u'-') && matchesShape(zone.sliced(1), u"dd:dd");
    if (!offset && zone != u"Z" && zone != u"z") {
        return std::nullopt;
    }
    QString normalized = text;
    normalized[10] = u'T';
    if (!offset) {
        normalized.back() = u'Z';
    }
    QDateTime result = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!result.isValid()) {
        return std::nullopt;
    }
    return result;
}

std::optional<QDate> parseDate(const QString &text)
{
    if (!matchesShape(text, u"dddd-dd-dd")) {
        return std::nullopt;
    }
    const QDate date = QDate::fromString(text, Qt::ISODate);
    return date.isValid() ? std::optional<QDate>(date) : std::nullopt;
}

Kind classifyOperand(const QJsonValue &value, QString *error, int depth)
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return Kind::Invalid;
    };
    auto check = [&fail](const QString &problem, Kind kind) { return problem.isEmpty() ? kind : fail(problem); };
    switch (value.type()) {
    case QJsonValue::String:
        return Kind::String;
    case QJsonValue::Double:
        return std::isfinite(value.toDouble()) ? Kind::Number : fail(u"numbers must be finite"_s);
    case QJsonValue::Bool:
        return Kind::Boolean;
    case QJsonValue::Array:
        return Kind::Array;
    case QJsonValue::Object:
        break;
    default:
        return fail(u"null is not a value (use isNull to test for missing properties)"_s);
    }
    if (depth > maxDepth) {
        return fail(u"expression nested too deeply"_s);
    }
    const QJsonObject object = value.toObject();
    if (object.contains(u"property"_s)) {
        const QJsonValue name = object.value(u"property"_s);
        return name.isString() && !name.toString().isEmpty() ? Kind::Property
                                                             : fail(u"\"property\" must be a non-empty string"_s);
    }
    if (object.contains(u"timestamp"_s)) {
        const QString text = object.value(u"timestamp"_s).toString();
        return parseTimestamp(text)
            ? Kind::Timestamp
            : fail(u"invalid timestamp '%1' (expected RFC 3339, e.g. 2021-04-08T04:39:23Z)"_s.arg(text));
    }
    if (object.contains(u"date"_s)) {
        const QString text = object.value(u"date"_s).toString();
        return parseDate(text) ? Kind::Date : fail(u"invalid date '%1' (expected YYYY-MM-DD)"_s.arg(text));
    }
    if (object.contains(u"interval"_s)) {
        return check(checkInterval(object.value(u"interval"_s)), Kind::Interval);
    }
    if (object.contains(u"bbox"_s)) {
        return check(checkBBox(object.value(u"bbox"_s)), Kind::BBox);
    }
    if (object.contains(u"type"_s)) {
        return check(checkGeometry(object, depth), Kind::Geometry);
    }
    if (object.contains(u"op"_s)) {
        const QString name = object.value(u"op"_s).toString();
        const auto info = lookupOperator(name);
        if (!info) {
            return fail(u"unknown operator '%1'"_s.arg(name));
        }
        if (info->opClass != OpClass::TextFunction) {
            return Kind::Predicate;
        }
        const QJsonArray args = object.value(u"args"_s).toArray();
        if (args.size() != 1) {
            return fail(u"'%1' expects 1 argument but got %2"_s.arg(info->name).arg(args.size()));
        }
        const Kind argument = classifyOperand(args.first(), error, depth + 1);
        if (argument == Kind::Invalid) {
            return Kind::Invalid;
        }
        return operandAllowed(OpClass::TextFunction, 0, argument)
            ? Kind::TextFunction
            : fail(u"'%1' does not accept %2; expected %3"_s.arg(
                info->name, describeKind(argument), expectedOperand(OpClass::TextFunction, 0)));
    }
    return fail(u"unrecognised value; expected a property, timestamp, date, interval, bbox or GeoJSON geometry"_s);
}

} // namespace StacScope::Cql2::detail
