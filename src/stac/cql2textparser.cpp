// parseText(): cql2-text to CQL2-JSON, by recursive descent. Precedence: NOT > AND > OR.

#include <algorithm>
#include <utility>
#include <vector>

#include <QJsonArray>

#include "src/stac/cql2.h"
#include "src/stac/cql2_p.h"

using namespace Qt::StringLiterals;

namespace StacScope::Cql2 {

namespace {

using detail::Kind;
using detail::OpClass;
using detail::OpInfo;
using detail::Token;

bool isReserved(const QString &word)
{
    static constexpr QStringView reserved[] = { u"AND", u"OR", u"NOT", u"LIKE", u"BETWEEN", u"IN", u"IS", u"NULL" };
    for (QStringView candidate : reserved) {
        if (word.compare(candidate, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QString geoJsonType(const QString &wktKeyword)
{
    static constexpr std::pair<QStringView, QStringView> types[] = {
        { u"POINT", u"Point" },
        { u"LINESTRING", u"LineString" },
        { u"POLYGON", u"Polygon" },
        { u"MULTIPOINT", u"MultiPoint" },
        { u"MULTILINESTRING", u"MultiLineString" },
        { u"MULTIPOLYGON", u"MultiPolygon" },
        { u"GEOMETRYCOLLECTION", u"GeometryCollection" },
    };
    for (const auto &[keyword, type] : types) {
        if (wktKeyword.compare(keyword, Qt::CaseInsensitive) == 0) {
            return type.toString();
        }
    }
    return {};
}

struct Operand
{
    QJsonValue value;
    Kind kind = Kind::Invalid;
    int column = 0;
};

QJsonObject predicateObject(const QString &op, const QJsonArray &args)
{
    return QJsonObject { { u"op"_s, op }, { u"args"_s, args } };
}

class Parser
{
public:
    explicit Parser(const QString &text)
        : m_tokens(detail::tokenize(text))
    {}

    ParseResult run()
    {
        ParseResult result;
        QJsonValue expression;
        if (peek().type == Token::Type::End) {
            fail(1, u"empty expression"_s);
        } else {
            expression = orExpression(0);
        }
        if (!failed() && peek().type != Token::Type::End) {
            expected(u"AND, OR or end of input"_s);
        }
        if (!failed() && !expression.isObject()) {
            fail(1, u"a filter must be a predicate, not a bare TRUE or FALSE"_s);
        }
        if (!failed()) {
            // The parser checks as it goes; this only guards against the two drifting apart.
            if (const QString problem = validate(expression); !problem.isEmpty()) {
                m_error = u"invalid expression: "_s + problem;
            }
        }
        result.error = m_error;
        if (result.ok()) {
            result.expression = expression.toObject();
        }
        return result;
    }

private:
    const Token &peek(size_t ahead = 0) const { return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)]; }

    const Token &next()
    {
        const Token &token = peek();
        if (m_pos + 1 < m_tokens.size()) {
            ++m_pos;
        }
        return token;
    }

    bool failed() const { return !m_error.isEmpty(); }

    void fail(int column, const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = u"at column %1: %2"_s.arg(column).arg(message);
        }
    }

    static QString describe(const Token &token)
    {
        if (token.type == Token::Type::End) {
            return u"end of input"_s;
        }
        QString raw = token.raw;
        if (raw.size() > 40) {
            raw = raw.first(37) + u"..."_s;
        }
        if (token.type == Token::Type::String) {
            return u"string "_s + raw;
        }
        return u'\'' + raw + u'\'';
    }

    void expected(const QString &what)
    {
        const Token &token = peek();
        if (token.type == Token::Type::Error) {
            fail(token.column, token.text);
        } else {
            fail(token.column, u"expected %1 but found %2"_s.arg(what, describe(token)));
        }
    }

    static bool isKeyword(const Token &token, QStringView word)
    {
        return token.type == Token::Type::Identifier && token.text.compare(word, Qt::CaseInsensitive) == 0;
    }

    bool expect(Token::Type type, const QString &what)
    {
        if (peek().type == type) {
            next();
            return true;
        }
        expected(what);
        return false;
    }

    bool check(const Operand &operand, const OpInfo &op, int index, const QString &display)
    {
        if (!failed() && !detail::operandAllowed(op.opClass, index, operand.kind)) {
            fail(operand.column,
                u"%1 does not accept %2 here; expected %3"_s.arg(
                    display, detail::describeKind(operand.kind), detail::expectedOperand(op.opClass, index)));
        }
        return !failed();
    }

    // After the arguments of NAME(...): ')' must follow; a ',' means too many arguments.
    bool closeCall(const Token &name, const QString &arity)
    {
        if (!failed() && peek().type == Token::Type::Comma) {
            fail(peek().column, u"%1 takes %2"_s.arg(name.text.toUpper(), arity));
        }
        return !failed() && expect(Token::Type::RParen, u"')'"_s);
    }

    QJsonValue orExpression(int depth) { return chain(u"OR", u"or"_s, depth); }

    // One level of the precedence ladder: OR over ANDs, AND over NOT-expressions. A chain of the
    // same operator becomes one n-ary node; parenthesised groups stay nested.
    QJsonValue chain(QStringView keyword, const QString &op, int depth)
    {
        QJsonArray args;
        do {
            args.append(op == u"or" ? chain(u"AND", u"and"_s, depth) : notExpression(depth));
        } while (!failed() && isKeyword(peek(), keyword) && (next(), true));
        if (failed()) {
            return {};
        }
        return args.size() == 1 ? args.first() : predicateObject(op, args);
    }

    QJsonValue notExpression(int depth)
    {
        if (depth > detail::maxDepth) {
            fail(peek().column, u"expression nested too deeply"_s);
            return {};
        }
        if (isKeyword(peek(), u"NOT")) {
            next();
            const QJsonValue inner = notExpression(depth + 1);
            return failed() ? QJsonValue() : predicateObject(u"not"_s, { inner });
        }
        return primary(depth);
    }

    static bool startsValue(const Token &token)
    {
        switch (token.type) {
        case Token::Type::String:
        case Token::Type::Number:
        case Token::Type::QuotedIdentifier:
            return true;
        case Token::Type::Identifier:
            return !isReserved(token.text);
        default:
            return false;
        }
    }

    QJsonValue primary(int depth)
    {
        const Token &token = peek();
        if (token.type == Token::Type::LParen) {
            next();
            const QJsonValue inner = orExpression(depth + 1);
            return !failed() && expect(Token::Type::RParen, u"')'"_s) ? inner : QJsonValue();
        }
        if (token.type == Token::Type::Identifier && peek(1).type == Token::Type::LParen) {
            const auto op = detail::lookupOperator(token.text);
            if (op
                && (op->opClass == OpClass::Spatial || op->opClass == OpClass::Temporal
                    || op->opClass == OpClass::Array)) {
                return functionPredicate(*op, depth);
            }
        }
        if (!startsValue(token)) {
            expected(u"an expression"_s);
            return {};
        }
        const Operand left = value(depth);
        return failed() ? QJsonValue() : predicateTail(left, depth);
    }

    QJsonValue predicateTail(const Operand &left, int depth)
    {
        const Token &token = peek();
        if (token.type == Token::Type::Operator) {
            const auto op = detail::lookupOperator(token.text);
            const QString display = u'\'' + token.text + u'\'';
            next();
            const Operand right = value(depth);
            if (failed() || !op || !check(left, *op, 0, display) || !check(right, *op, 1, display)) {
                return {};
            }
            return predicateObject(op->name, { left.value, right.value });
        }
        const bool negated = isKeyword(token, u"NOT");
        if (negated) {
            next();
            if (!isKeyword(peek(), u"LIKE") && !isKeyword(peek(), u"BETWEEN") && !isKeyword(peek(), u"IN")) {
                expected(u"LIKE, BETWEEN or IN after NOT"_s);
                return {};
            }
        }
        QJsonObject result;
        if (isKeyword(peek(), u"LIKE")) {
            next();
            const Operand pattern = value(depth);
            const auto op = detail::lookupOperator(u"like"_s);
            if (failed() || !check(left, *op, 0, u"LIKE"_s) || !check(pattern, *op, 1, u"LIKE"_s)) {
                return {};
            }
            result = predicateObject(op->name, { left.value, pattern.value });
        } else if (isKeyword(peek(), u"BETWEEN")) {
            next();
            const Operand low = value(depth);
            if (failed() || !isKeyword(peek(), u"AND")) {
                expected(u"AND"_s);
                return {};
            }
            next();
            const Operand high = value(depth);
            const auto op = detail::lookupOperator(u"between"_s);
            if (failed() || !check(left, *op, 0, u"BETWEEN"_s) || !check(low, *op, 1, u"BETWEEN"_s)
                || !check(high, *op, 2, u"BETWEEN"_s)) {
                return {};
            }
            result = predicateObject(op->name, { left.value, low.value, high.value });
        } else if (isKeyword(peek(), u"IN")) {
            next();
            const auto op = detail::lookupOperator(u"in"_s);
            if (!expect(Token::Type::LParen, u"'(' after IN"_s) || !check(left, *op, 0, u"IN"_s)) {
                return {};
            }
            const QJsonArray list = valueList(depth);
            if (failed()) {
                return {};
            }
            result = predicateObject(op->name, { left.value, list });
        } else if (isKeyword(peek(), u"IS")) {
            next();
            const bool notNull = isKeyword(peek(), u"NOT") && (next(), true);
            if (!isKeyword(peek(), u"NULL")) {
                expected(u"NULL"_s);
                return {};
            }
            next();
            if (!check(left, *detail::lookupOperator(u"isNull"_s), 0, u"IS NULL"_s)) {
                return {};
            }
            result = predicateObject(u"isNull"_s, { left.value });
            return notNull ? predicateObject(u"not"_s, { result }) : result;
        } else if (left.kind == Kind::Boolean) {
            return left.value; // a bare TRUE/FALSE is a boolean expression of its own
        } else {
            expected(u"a comparison operator, LIKE, BETWEEN, IN or IS"_s);
            return {};
        }
        return negated ? predicateObject(u"not"_s, { result }) : result;
    }

    // The elements of "(a, b, ...)" after the '('; consumes the ')'.
    QJsonArray valueList(int depth)
    {
        QJsonArray list;
        while (!failed()) {
            const Operand element = value(depth + 1);
            if (failed()) {
                break;
            }
            if (!detail::listElementAllowed(element.kind)) {
                fail(element.column, u"a list cannot contain %1"_s.arg(detail::describeKind(element.kind)));
                break;
            }
            list.append(element.value);
            if (peek().type == Token::Type::RParen) {
                next();
                return list;
            }
            if (!expect(Token::Type::Comma, u"',' or ')'"_s)) {
                break;
            }
        }
        return {};
    }

    QJsonValue functionPredicate(const OpInfo &op, int depth)
    {
        const Token &name = next();
        next(); // '('
        auto argument = [this, depth]() {
            if (peek().type != Token::Type::LParen) {
                return value(depth + 1);
            }
            Operand list { QJsonValue(), Kind::Array, next().column };
            list.value = valueList(depth + 1);
            return list;
        };
        const Operand first = argument();
        if (failed()) {
            return {};
        }
        if (peek().type == Token::Type::RParen) {
            fail(peek().column, u"%1 takes 2 arguments but got 1"_s.arg(name.text.toUpper()));
            return {};
        }
        if (!expect(Token::Type::Comma, u"','"_s)) {
            return {};
        }
        const Operand second = argument();
        const QString display = name.text.toUpper();
        if (failed() || !closeCall(name, u"2 arguments"_s) || !check(first, op, 0, display)
            || !check(second, op, 1, display)) {
            return {};
        }
        return predicateObject(op.name, { first.value, second.value });
    }

    // A scalar, temporal or spatial value (a property, literal or function call).
    Operand value(int depth)
    {
        const Token &token = peek();
        Operand result { QJsonValue(), Kind::Invalid, token.column };
        if (depth > detail::maxDepth) {
            fail(token.column, u"expression nested too deeply"_s);
            return result;
        }
        switch (token.type) {
        case Token::Type::String:
            result.value = next().text;
            result.kind = Kind::String;
            return result;
        case Token::Type::Number:
            result.value = next().number;
            result.kind = Kind::Number;
            return result;
        case Token::Type::QuotedIdentifier:
            result.value = QJsonObject { { u"property"_s, next().text } };
            result.kind = Kind::Property;
            return result;
        case Token::Type::Identifier:
            break;
        default:
            expected(u"a value"_s);
            return result;
        }
        if (isKeyword(token, u"TRUE") || isKeyword(token, u"FALSE")) {
            result.value = isKeyword(next(), u"TRUE");
            result.kind = Kind::Boolean;
            return result;
        }
        if (isReserved(token.text)) {
            expected(u"a value"_s);
            return result;
        }
        const bool wkt = !geoJsonType(token.text).isEmpty()
            && (peek(1).type == Token::Type::LParen
                || (isKeyword(peek(1), u"Z") && peek(2).type == Token::Type::LParen));
        if (wkt) {
            result.value = geometry(depth);
            return checked(result, Kind::Geometry);
        }
        if (peek(1).type != Token::Type::LParen) {
            result.value = QJsonObject { { u"property"_s, next().text } };
            result.kind = Kind::Property;
            return result;
        }
        const QString function = token.text.toUpper();
        if (function == u"TIMESTAMP" || function == u"DATE") {
            return instant(function == u"DATE");
        }
        if (function == u"INTERVAL") {
            return interval();
        }
        if (function == u"BBOX") {
            return bbox();
        }
        const auto op = detail::lookupOperator(token.text);
        if (op && op->opClass == OpClass::TextFunction) {
            const Token &name = next();
            next(); // '('
            const Operand argument = value(depth + 1);
            if (failed() || !check(argument, *op, 0, function) || !closeCall(name, u"1 argument"_s)) {
                return result;
            }
            result.value = predicateObject(op->name, { argument.value });
            result.kind = Kind::TextFunction;
            return result;
        }
        fail(token.column,
            op ? u"%1 is a predicate, not a value"_s.arg(function) : u"unknown function '%1'"_s.arg(token.text));
        return result;
    }

    // Runs the shared literal checks (ring closure, bbox ranges, ...) and reports at the literal.
    Operand checked(Operand operand, Kind kind)
    {
        if (failed()) {
            return operand;
        }
        QString problem;
        operand.kind = detail::classifyOperand(operand.value, &problem);
        if (operand.kind == Kind::Invalid) {
            fail(operand.column, problem);
        } else if (operand.kind != kind) {
            fail(operand.column, u"expected %1"_s.arg(detail::describeKind(kind)));
        }
        return operand;
    }

    Operand instant(bool isDate)
    {
        const Token &name = next();
        next(); // '('
        Operand result { QJsonValue(), Kind::Invalid, name.column };
        const Token &literal = peek();
        if (literal.type != Token::Type::String) {
            expected(isDate ? u"a quoted date"_s : u"a quoted timestamp"_s);
            return result;
        }
        next();
        const bool valid
            = isDate ? detail::parseDate(literal.text).has_value() : detail::parseTimestamp(literal.text).has_value();
        if (!valid) {
            fail(literal.column,
                isDate ? u"invalid date '%1' (expected YYYY-MM-DD)"_s.arg(literal.text)
                       : u"invalid timestamp '%1' (expected RFC 3339, e.g. 2021-04-08T04:39:23Z)"_s.arg(literal.text));
            return result;
        }
        if (closeCall(name, u"1 argument"_s)) {
            result.value = QJsonObject { { isDate ? u"date"_s : u"timestamp"_s, literal.text } };
            result.kind = isDate ? Kind::Date : Kind::Timestamp;
        }
        return result;
    }

    Operand interval()
    {
        const Token &name = next();
        next(); // '('
        Operand result { QJsonValue(), Kind::Invalid, name.column };
        QJsonArray bounds;
        for (int i = 0; i < 2; ++i) {
            if (i == 1 && !expect(Token::Type::Comma, u"','"_s)) {
                return result;
            }
            const Token &bound = peek();
            if (bound.type == Token::Type::String) {
                if (bound.text != u".." && !detail::parseTimestamp(bound.text) && !detail::parseDate(bound.text)) {
                    fail(bound.column,
                        u"invalid interval bound '%1' (expected a timestamp, a date or '..')"_s.arg(bound.text));
                    return result;
                }
                bounds.append(bound.text);
            } else if (bound.type == Token::Type::QuotedIdentifier
                || (bound.type == Token::Type::Identifier && !isReserved(bound.text))) {
                bounds.append(QJsonObject { { u"property"_s, bound.text } });
            } else {
                expected(u"a quoted timestamp, date, '..' or a property"_s);
                return result;
            }
            next();
        }
        if (!closeCall(name, u"2 arguments"_s)) {
            return result;
        }
        result.value = QJsonObject { { u"interval"_s, bounds } };
        return checked(result, Kind::Interval);
    }

    Operand bbox()
    {
        const Token &name = next();
        next(); // '('
        Operand result { QJsonValue(), Kind::Invalid, name.column };
        QJsonArray numbers;
        while (true) {
            if (peek().type != Token::Type::Number) {
                expected(u"a number"_s);
                return result;
            }
            numbers.append(next().number);
            if (peek().type == Token::Type::RParen) {
                next();
                break;
            }
            if (!expect(Token::Type::Comma, u"',' or ')'"_s)) {
                return result;
            }
        }
        if (numbers.size() != 4 && numbers.size() != 6) {
            fail(name.column, u"BBOX takes 4 or 6 numbers but got %1"_s.arg(numbers.size()));
            return result;
        }
        result.value = QJsonObject { { u"bbox"_s, numbers } };
        return checked(result, Kind::BBox);
    }

    // WKT, e.g. POLYGON((0 0, 1 0, 1 1, 0 0)) or POINT Z(1 2 3).
    QJsonObject geometry(int depth)
    {
        const Token &keyword = next();
        const QString type = geoJsonType(keyword.text);
        if (isKeyword(peek(), u"Z")) {
            next();
        }
        if (depth > detail::maxDepth) {
            fail(keyword.column, u"geometry nested too deeply"_s);
            return {};
        }
        if (!expect(Token::Type::LParen, u"'('"_s)) {
            return {};
        }
        if (type == u"GeometryCollection") {
            QJsonArray members;
            do {
                if (peek().type != Token::Type::Identifier || geoJsonType(peek().text).isEmpty()) {
                    expected(u"a WKT geometry"_s);
                    return {};
                }
                members.append(geometry(depth + 1));
            } while (!failed() && peek().type == Token::Type::Comma && (next(), true));
            if (failed() || !expect(Token::Type::RParen, u"',' or ')'"_s)) {
                return {};
            }
            return QJsonObject { { u"type"_s, type }, { u"geometries"_s, members } };
        }
        QJsonArray coordinates;
        if (type == u"Point") {
            coordinates = position();
            if (!failed()) {
                expect(Token::Type::RParen, u"')'"_s);
            }
        } else if (type == u"MultiPoint") {
            // Both MULTIPOINT((1 2), (3 4)) and the older MULTIPOINT(1 2, 3 4) are in use.
            coordinates = list([this]() {
                const bool wrapped = peek().type == Token::Type::LParen && (next(), true);
                const QJsonArray point = position();
                if (wrapped && !failed()) {
                    expect(Token::Type::RParen, u"')'"_s);
                }
                return point;
            });
        } else {
            const int nesting = type == u"LineString" ? 1 : (type == u"MultiPolygon" ? 3 : 2);
            coordinates = nestedLists(nesting - 1);
        }
        return failed() ? QJsonObject() : QJsonObject { { u"type"_s, type }, { u"coordinates"_s, coordinates } };
    }

    // Comma-separated items up to and including the ')' (the '(' is already consumed).
    template <typename Item> QJsonArray list(Item item)
    {
        QJsonArray items;
        do {
            items.append(item());
        } while (!failed() && peek().type == Token::Type::Comma && (next(), true));
        if (!failed()) {
            expect(Token::Type::RParen, u"',' or ')'"_s);
        }
        return items;
    }

    // `level` 0: "x y, x y" positions; each level above adds "(...)" around the items.
    QJsonArray nestedLists(int level)
    {
        if (level == 0) {
            return list([this]() { return position(); });
        }
        return list([this, level]() {
            if (!expect(Token::Type::LParen, u"'('"_s)) {
                return QJsonArray();
            }
            return nestedLists(level - 1);
        });
    }

    QJsonArray position()
    {
        QJsonArray numbers;
        while (peek().type == Token::Type::Number) {
            if (numbers.size() == 3) {
                fail(peek().column, u"a position has at most 3 coordinates"_s);
                return {};
            }
            numbers.append(next().number);
        }
        if (numbers.size() < 2) {
            expected(u"a coordinate"_s);
        }
        return numbers;
    }

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    QString m_error;
};

} // namespace

ParseResult parseText(const QString &text)
{
    return Parser(text).run();
}

} // namespace StacScope::Cql2
