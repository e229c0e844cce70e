// Cql2Reference's cql2-text parser: a plain recursive descent over the BNF of OGC 21-065r2
// (Annex A), producing CQL2-JSON. Shares no code with src/stac: see cql2reference.h.

#include <QJsonArray>
#include <QList>

#include "tests/support/cql2reference.h"

using namespace Qt::StringLiterals;

namespace StacScope::Cql2Reference {

namespace {

struct Token
{
    enum Kind
    {
        End,
        Word, // identifier or keyword
        Quoted, // "identifier"
        String, // 'character literal'
        Number,
        Symbol, // ( ) , = <> < <= > >=
    } kind
        = End;
    QString text;
};

class Parser
{
public:
    explicit Parser(const QString &text) { tokenize(text); }

    Parsed run()
    {
        Parsed result;
        if (m_error.isEmpty()) {
            const QJsonValue e = booleanExpression(0);
            if (m_error.isEmpty() && peek().kind != Token::End) {
                fail(u"unexpected '%1'"_s.arg(peek().text));
            }
            if (m_error.isEmpty()) {
                result.expression = e.isBool()
                    ? QJsonObject { { u"op"_s, u"="_s }, { u"args"_s, QJsonArray { e, true } } }
                    : e.toObject();
            }
        }
        result.error = m_error;
        if (!result.ok()) {
            result.expression = {};
        }
        return result;
    }

private:
    void tokenize(const QString &s)
    {
        qsizetype i = 0;
        while (i < s.size()) {
            const QChar c = s.at(i);
            if (c.isSpace()) {
                ++i;
            } else if (c == u'\'' || c == u'"') {
                QString text;
                ++i;
                while (true) {
                    if (i >= s.size()) {
                        m_error = u"unterminated quote"_s;
                        return;
                    }
                    if (s.at(i) == c) {
                        if (i + 1 < s.size() && s.at(i + 1) == c) { // '' stands for '
                            text += c;
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    text += s.at(i++);
                }
                m_tokens.append({ c == u'\'' ? Token::String : Token::Quoted, text });
            } else if (c.isDigit()
                || ((c == u'-' || c == u'+' || c == u'.') && i + 1 < s.size()
                    && (s.at(i + 1).isDigit() || s.at(i + 1) == u'.'))) {
                qsizetype j = i + 1;
                while (j < s.size()
                    && (s.at(j).isDigit() || s.at(j) == u'.'
                        || ((s.at(j) == u'e' || s.at(j) == u'E') && j + 1 < s.size())
                        || ((s.at(j) == u'-' || s.at(j) == u'+') && (s.at(j - 1) == u'e' || s.at(j - 1) == u'E')))) {
                    ++j;
                }
                m_tokens.append({ Token::Number, s.mid(i, j - i) });
                i = j;
            } else if (c.isLetter() || c == u'_') {
                qsizetype j = i + 1;
                while (j < s.size()
                    && (s.at(j).isLetterOrNumber() || s.at(j) == u'_' || s.at(j) == u':' || s.at(j) == u'.')) {
                    ++j;
                }
                m_tokens.append({ Token::Word, s.mid(i, j - i) });
                i = j;
            } else if (s.mid(i, 2) == "<>"_L1 || s.mid(i, 2) == "<="_L1 || s.mid(i, 2) == ">="_L1) {
                m_tokens.append({ Token::Symbol, s.mid(i, 2) });
                i += 2;
            } else if (QStringView(u"(),=<>").contains(c)) {
                m_tokens.append({ Token::Symbol, QString(c) });
                ++i;
            } else {
                m_error = u"unexpected character '%1'"_s.arg(c);
                return;
            }
        }
    }

    const Token &peek(int ahead = 0) const
    {
        static const Token end;
        return m_pos + ahead < m_tokens.size() ? m_tokens.at(m_pos + ahead) : end;
    }
    Token next()
    {
        const Token t = peek();
        ++m_pos;
        return t;
    }
    bool isWord(const char *word, int ahead = 0) const
    {
        return peek(ahead).kind == Token::Word
            && peek(ahead).text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
    }
    bool isSymbol(const char *symbol) const
    {
        return peek().kind == Token::Symbol && peek().text == QLatin1String(symbol);
    }
    bool acceptWord(const char *word)
    {
        if (!isWord(word)) {
            return false;
        }
        ++m_pos;
        return true;
    }
    void expectSymbol(const char *symbol)
    {
        if (!isSymbol(symbol)) {
            fail(u"expected '%1' but found '%2'"_s.arg(QLatin1String(symbol), peek().text));
            return;
        }
        ++m_pos;
    }
    void fail(const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
        }
        m_pos = m_tokens.size();
    }
    bool tooDeep(int depth)
    {
        if (depth > 100) {
            fail(u"nested too deeply"_s);
            return true;
        }
        return false;
    }

    static QJsonObject op(const QString &name, const QJsonArray &args)
    {
        return QJsonObject { { u"op"_s, name }, { u"args"_s, args } };
    }

    QJsonValue booleanExpression(int depth)
    {
        if (tooDeep(depth)) {
            return {};
        }
        QJsonArray terms { booleanTerm(depth) };
        while (acceptWord("OR")) {
            terms.append(booleanTerm(depth));
        }
        return terms.size() == 1 ? terms.at(0) : QJsonValue(op(u"or"_s, terms));
    }

    QJsonValue booleanTerm(int depth)
    {
        QJsonArray factors { booleanFactor(depth) };
        while (acceptWord("AND")) {
            factors.append(booleanFactor(depth));
        }
        return factors.size() == 1 ? factors.at(0) : QJsonValue(op(u"and"_s, factors));
    }

    QJsonValue booleanFactor(int depth)
    {
        if (acceptWord("NOT")) {
            if (tooDeep(depth + 1)) {
                return {};
            }
            return op(u"not"_s, { booleanFactor(depth + 1) });
        }
        return booleanPrimary(depth);
    }

    QJsonValue booleanPrimary(int depth)
    {
        if (isSymbol("(")) {
            ++m_pos;
            const QJsonValue inner = booleanExpression(depth + 1);
            expectSymbol(")");
            return inner;
        }
        const bool call = peek(1).kind == Token::Symbol && peek(1).text == "("_L1 && peek().kind == Token::Word;
        const QString name = peek().text.toLower();
        if (call && (name.startsWith("s_"_L1) || name.startsWith("t_"_L1) || name.startsWith("a_"_L1))) {
            m_pos += 2;
            const QJsonValue first = scalar(depth + 1);
            expectSymbol(",");
            const QJsonValue second = scalar(depth + 1);
            expectSymbol(")");
            return op(name, { first, second });
        }
        if ((isWord("TRUE") || isWord("FALSE")) && !isComparison(1)) {
            return QJsonValue(next().text.compare("true"_L1, Qt::CaseInsensitive) == 0);
        }
        const QJsonValue left = scalar(depth + 1);
        const bool negated = acceptWord("NOT");
        if (acceptWord("LIKE")) {
            return maybeNot(negated, op(u"like"_s, { left, scalar(depth + 1) }));
        }
        if (acceptWord("BETWEEN")) {
            const QJsonValue low = scalar(depth + 1);
            if (!acceptWord("AND")) {
                fail(u"expected AND in BETWEEN"_s);
            }
            return maybeNot(negated, op(u"between"_s, { left, low, scalar(depth + 1) }));
        }
        if (acceptWord("IN")) {
            if (!isSymbol("(")) {
                fail(u"expected '(' after IN"_s);
            }
            return maybeNot(negated, op(u"in"_s, { left, scalar(depth + 1) }));
        }
        if (negated) {
            fail(u"expected LIKE, BETWEEN or IN after NOT"_s);
            return {};
        }
        if (acceptWord("IS")) {
            const bool not_ = acceptWord("NOT");
            if (!acceptWord("NULL")) {
                fail(u"expected NULL"_s);
            }
            return maybeNot(not_, op(u"isNull"_s, { left }));
        }
        if (isComparison(0)) {
            const QString symbol = peek().text;
            ++m_pos;
            return op(symbol, { left, scalar(depth + 1) });
        }
        fail(u"expected a comparison but found '%1'"_s.arg(peek().text));
        return {};
    }

    bool isComparison(int ahead) const
    {
        const Token &t = peek(ahead);
        return t.kind == Token::Symbol && t.text != "("_L1 && t.text != ")"_L1 && t.text != ","_L1;
    }

    static QJsonValue maybeNot(bool negated, const QJsonObject &predicate)
    {
        return negated ? QJsonValue(op(u"not"_s, { predicate })) : QJsonValue(predicate);
    }

    // A value: literal, property, function, list, temporal or spatial literal.
    QJsonValue scalar(int depth)
    {
        if (tooDeep(depth)) {
            return {};
        }
        const Token t = peek();
        if (t.kind == Token::String) {
            ++m_pos;
            return t.text;
        }
        if (t.kind == Token::Number) {
            ++m_pos;
            bool ok = false;
            const double n = t.text.toDouble(&ok);
            if (!ok) {
                fail(u"bad number '%1'"_s.arg(t.text));
            }
            return n;
        }
        if (t.kind == Token::Quoted) {
            ++m_pos;
            return QJsonObject { { u"property"_s, t.text } };
        }
        if (isSymbol("(")) { // a list: IN (...) and the array functions
            ++m_pos;
            QJsonArray list;
            list.append(scalar(depth + 1));
            while (isSymbol(",")) {
                ++m_pos;
                list.append(scalar(depth + 1));
            }
            expectSymbol(")");
            return list;
        }
        if (t.kind != Token::Word) {
            fail(u"expected a value but found '%1'"_s.arg(t.text));
            return {};
        }
        const QString word = t.text.toUpper();
        const bool call = peek(1).kind == Token::Symbol && peek(1).text == "("_L1;
        if (word == "TRUE"_L1 || word == "FALSE"_L1) {
            ++m_pos;
            return word == "TRUE"_L1;
        }
        if (!call) {
            ++m_pos;
            return QJsonObject { { u"property"_s, t.text } };
        }
        if (word == "TIMESTAMP"_L1 || word == "DATE"_L1) {
            m_pos += 2;
            const QString text = stringArgument();
            expectSymbol(")");
            return QJsonObject { { word.toLower(), text } };
        }
        if (word == "INTERVAL"_L1) {
            m_pos += 2;
            const QJsonValue start = intervalBound(depth);
            expectSymbol(",");
            const QJsonValue end = intervalBound(depth);
            expectSymbol(")");
            return QJsonObject { { u"interval"_s, QJsonArray { start, end } } };
        }
        if (word == "CASEI"_L1 || word == "ACCENTI"_L1) {
            m_pos += 2;
            const QJsonValue inner = scalar(depth + 1);
            expectSymbol(")");
            return op(word.toLower(), { inner });
        }
        if (word == "BBOX"_L1) {
            m_pos += 2;
            QJsonArray numbers { number() };
            while (isSymbol(",")) {
                ++m_pos;
                numbers.append(number());
            }
            expectSymbol(")");
            if (numbers.size() != 4 && numbers.size() != 6) {
                fail(u"a BBOX has 4 or 6 numbers"_s);
            }
            return QJsonObject { { u"bbox"_s, numbers } };
        }
        return geometry(depth);
    }

    QString stringArgument()
    {
        if (peek().kind != Token::String) {
            fail(u"expected a quoted string"_s);
            return {};
        }
        return next().text;
    }

    QJsonValue intervalBound(int depth)
    {
        if (peek().kind == Token::String) {
            return stringArgument();
        }
        const QJsonValue v = scalar(depth + 1);
        const QJsonObject o = v.toObject();
        if (o.contains("timestamp"_L1)) {
            return o.value("timestamp"_L1);
        }
        if (o.contains("date"_L1)) {
            return o.value("date"_L1);
        }
        return v; // a property
    }

    double number()
    {
        if (peek().kind != Token::Number) {
            fail(u"expected a number but found '%1'"_s.arg(peek().text));
            return 0;
        }
        return next().text.toDouble();
    }

    // "x y [z]"
    QJsonArray position()
    {
        QJsonArray p { number(), number() };
        if (peek().kind == Token::Number) {
            p.append(number());
        }
        return p;
    }

    // "(x y, x y, ...)"
    QJsonArray positions()
    {
        expectSymbol("(");
        QJsonArray list;
        // MULTIPOINT may write its points as (x y) each.
        const bool wrapped = isSymbol("(");
        do {
            if (!list.isEmpty()) {
                ++m_pos; // the comma
            }
            if (wrapped) {
                expectSymbol("(");
            }
            list.append(position());
            if (wrapped) {
                expectSymbol(")");
            }
        } while (isSymbol(","));
        expectSymbol(")");
        return list;
    }

    // "((...), (...))", nested `levels` deep below the positions lists.
    QJsonArray nested(int levels)
    {
        if (levels == 0) {
            return positions();
        }
        expectSymbol("(");
        // Not QJsonArray { nested(...) }: clang reads braces around one array as a copy of it.
        QJsonArray list;
        list.append(nested(levels - 1));
        while (isSymbol(",")) {
            ++m_pos;
            list.append(nested(levels - 1));
        }
        expectSymbol(")");
        return list;
    }

    QJsonValue geometry(int depth)
    {
        const QString word = peek().text.toUpper();
        ++m_pos;
        acceptWord("Z");
        QJsonObject g;
        if (word == "POINT"_L1) {
            expectSymbol("(");
            g = { { u"type"_s, u"Point"_s }, { u"coordinates"_s, position() } };
            expectSymbol(")");
        } else if (word == "LINESTRING"_L1 || word == "MULTIPOINT"_L1) {
            g = { { u"type"_s, word == "LINESTRING"_L1 ? u"LineString"_s : u"MultiPoint"_s },
                { u"coordinates"_s, positions() } };
        } else if (word == "POLYGON"_L1 || word == "MULTILINESTRING"_L1) {
            g = { { u"type"_s, word == "POLYGON"_L1 ? u"Polygon"_s : u"MultiLineString"_s },
                { u"coordinates"_s, nested(1) } };
        } else if (word == "MULTIPOLYGON"_L1) {
            g = { { u"type"_s, u"MultiPolygon"_s }, { u"coordinates"_s, nested(2) } };
        } else if (word == "GEOMETRYCOLLECTION"_L1) {
            expectSymbol("(");
            QJsonArray members { geometry(depth + 1) };
            while (isSymbol(",")) {
                ++m_pos;
                members.append(geometry(depth + 1));
            }
            expectSymbol(")");
            g = { { u"type"_s, u"GeometryCollection"_s }, { u"geometries"_s, members } };
        } else {
            fail(u"unknown function '%1'"_s.arg(word));
        }
        return g;
    }

    QList<Token> m_tokens;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace

Parsed parseText(const QString &text)
{
    return Parser(text).run();
}

} // namespace StacScope::Cql2Reference
