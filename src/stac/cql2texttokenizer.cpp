// The cql2-text tokenizer used by parseText() (cql2textparser.cpp).

#include <cmath>

#include <QJsonValue>

#include "src/stac/cql2_p.h"

using namespace Qt::StringLiterals;

namespace StacScope::Cql2::detail {

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u':' || c == u'.';
}

} // namespace

// Tokenizes everything up front; a lexical error becomes a final Error token, so the parser
// reports it only when it gets there (and an earlier syntax error still wins).
std::vector<Token> tokenize(const QString &s)
{
    std::vector<Token> tokens;
    const qsizetype n = s.size();
    qsizetype i = 0;
    auto startsNumber = [&s, n](qsizetype at) {
        if (at < n && (s[at] == u'-' || s[at] == u'+')) {
            ++at;
        }
        return at < n && (isDigit(s[at]) || (s[at] == u'.' && at + 1 < n && isDigit(s[at + 1])));
    };
    while (true) {
        while (i < n && s[i].isSpace()) {
            ++i;
        }
        Token token;
        token.column = int(i + 1);
        if (i >= n) {
            tokens.push_back(token);
            return tokens;
        }
        const qsizetype start = i;
        const QChar c = s[i];
        if (c.isLetter() || c == u'_') {
            while (i < n && isIdentifierChar(s[i])) {
                ++i;
            }
            token.type = Token::Type::Identifier;
            token.text = s.sliced(start, i - start);
        } else if (c == u'\'' || c == u'"') {
            // Both quote styles escape themselves by doubling: 'it''s', "a""b".
            bool closed = false;
            for (++i; i < n; ++i) {
                if (s[i] == c) {
                    if (i + 1 < n && s[i + 1] == c) {
                        token.text.append(c);
                        ++i;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                token.text.append(s[i]);
            }
            token.type = c == u'\'' ? Token::Type::String : Token::Type::QuotedIdentifier;
            if (!closed) {
                token.type = Token::Type::Error;
                token.text = c == u'\'' ? u"unterminated string (the quote opened here is never closed)"_s
                                        : u"unterminated quoted property name"_s;
            } else if (c == u'"' && token.text.isEmpty()) {
                token.type = Token::Type::Error;
                token.text = u"empty property name"_s;
            }
        } else if (startsNumber(i)) {
            bool integer = true;
            if (s[i] == u'-' || s[i] == u'+') {
                ++i;
            }
            while (i < n && isDigit(s[i])) {
                ++i;
            }
            if (i < n && s[i] == u'.') {
                integer = false;
                for (++i; i < n && isDigit(s[i]);) {
                    ++i;
                }
            }
            bool valid = true;
            if (i < n && (s[i] == u'e' || s[i] == u'E')) {
                integer = false;
                ++i;
                if (i < n && (s[i] == u'-' || s[i] == u'+')) {
                    ++i;
                }
                valid = i < n && isDigit(s[i]);
                while (i < n && isDigit(s[i])) {
                    ++i;
                }
            }
            while (i < n && isIdentifierChar(s[i])) { // "12abc", "1.2.3": take it all for the message
                valid = false;
                ++i;
            }
            const QString text = s.sliced(start, i - start);
            bool ok = false;
            const qint64 asInteger = integer ? text.toLongLong(&ok) : 0;
            token.type = Token::Type::Number;
            if (ok) {
                token.number = asInteger;
            } else {
                const double asDouble = text.toDouble(&ok);
                token.number = asDouble;
                if (!valid || !ok || !std::isfinite(asDouble)) {
                    token.type = Token::Type::Error;
                    token.text = u"invalid number '%1'"_s.arg(text);
                }
            }
        } else if (c == u'(' || c == u')' || c == u',') {
            token.type = c == u'(' ? Token::Type::LParen : (c == u')' ? Token::Type::RParen : Token::Type::Comma);
            ++i;
        } else if (c == u'=' || c == u'<' || c == u'>') {
            ++i;
            if (i < n && ((c == u'<' && (s[i] == u'=' || s[i] == u'>')) || (c == u'>' && s[i] == u'='))) {
                ++i;
            }
            token.type = Token::Type::Operator;
            token.text = s.sliced(start, i - start);
        } else if (c == u'!' && i + 1 < n && s[i + 1] == u'=') {
            token.type = Token::Type::Error;
            token.text = u"unknown operator '!=' (use '<>')"_s;
        } else {
            token.type = Token::Type::Error;
            token.text = u"unexpected character '%1'"_s.arg(c);
        }
        token.raw = s.sliced(start, i - start);
        tokens.push_back(token);
        if (token.type == Token::Type::Error) {
            return tokens;
        }
    }
}

} // namespace StacScope::Cql2::detail
