#include "src/stac/jsonreader.h"

#include <charconv>

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr int kMaxDepth = 256;

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// std::from_chars reports overflow and underflow alike (result_out_of_range, value untouched).
// A literal out of range is either far above 1 or far below it: the decimal exponent of its
// first significant digit tells which.
bool overflows(std::string_view number)
{
    auto isDigit = [&](size_t i) { return i < number.size() && number[i] >= '0' && number[i] <= '9'; };
    size_t i = number.starts_with('-') ? 1 : 0;
    long long magnitude = 0;
    bool significant = false;
    for (; isDigit(i); ++i) {
        significant = significant || number[i] != '0';
        magnitude += significant ? 1 : 0;
    }
    if (i < number.size() && number[i] == '.') {
        for (++i; isDigit(i); ++i) {
            significant = significant || number[i] != '0';
            magnitude -= significant ? 0 : 1;
        }
    }
    long long exponent = 0;
    if (i < number.size() && (number[i] == 'e' || number[i] == 'E')) {
        i += i + 1 < number.size() && number[i + 1] == '+' ? 2 : 1;
        if (std::from_chars(number.data() + i, number.data() + number.size(), exponent).ec != std::errc()) {
            exponent = i < number.size() && number[i] == '-' ? -(1LL << 40) : (1LL << 40);
        }
    }
    return magnitude + exponent > 0;
}

} // namespace

JsonReader::JsonReader(QByteArrayView data)
    : m_begin(data.data())
    , m_size(data.size())
    , m_data(data)
{}

void JsonReader::skipSpace()
{
    while (m_pos < m_size) {
        const char c = m_begin[m_pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            break;
        }
        ++m_pos;
    }
}

qsizetype JsonReader::offset()
{
    skipSpace();
    return m_pos;
}

bool JsonReader::atEnd()
{
    skipSpace();
    return m_pos >= m_size;
}

void JsonReader::setError(const QString &message)
{
    setError(message, m_pos);
}

void JsonReader::setError(const QString &message, qsizetype offset)
{
    if (hasError()) {
        return;
    }
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset && i < m_size; ++i) {
        if (m_begin[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    m_errorOffset = offset;
    m_error = QStringLiteral("line %1, column %2: %3").arg(line).arg(offset - lineStart + 1).arg(message);
}

QString JsonReader::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Null:
        return u"null"_s;
    case Kind::Bool:
        return u"a boolean"_s;
    case Kind::Number:
        return u"a number"_s;
    case Kind::String:
        return u"a string"_s;
    case Kind::Array:
        return u"an array"_s;
    case Kind::Object:
        return u"an object"_s;
    case Kind::End:
        return u"the end of the document"_s;
    case Kind::Invalid:
        break;
    }
    return u"invalid JSON"_s;
}

JsonReader::Kind JsonReader::peek()
{
    if (hasError()) {
        return Kind::Invalid;
    }
    skipSpace();
    if (m_pos >= m_size) {
        return Kind::End;
    }
    switch (m_begin[m_pos]) {
    case '{':
        return Kind::Object;
    case '[':
        return Kind::Array;
    case '"':
        return Kind::String;
    case 't':
    case 'f':
        return Kind::Bool;
    case 'n':
        return Kind::Null;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        return Kind::Number;
    default:
        return Kind::Invalid;
    }
}

bool JsonReader::expect(char c, const char *what)
{
    skipSpace();
    if (m_pos < m_size && m_begin[m_pos] == c) {
        ++m_pos;
        return true;
    }
    if (m_pos >= m_size) {
        setError(QStringLiteral("unexpected end of data, expected %1").arg(QLatin1StringView(what)));
    } else {
        setError(QStringLiteral("expected %1").arg(QLatin1StringView(what)));
    }
    return false;
}

bool JsonReader::beginObject()
{
    if (hasError() || !expect('{', "'{'")) {
        return false;
    }
    m_first.push_back(1);
    return true;
}

bool JsonReader::beginArray()
{
    if (hasError() || !expect('[', "'['")) {
        return false;
    }
    m_first.push_back(1);
    return true;
}

bool JsonReader::nextKey(std::string_view *key)
{
    if (hasError() || m_first.empty()) {
        return false;
    }
    skipSpace();
    if (m_pos < m_size && m_begin[m_pos] == '}') {
        ++m_pos;
        m_first.pop_back();
        return false;
    }
    if (!m_first.back()) {
        if (!expect(',', "',' or '}' in an object")) {
            return false;
        }
        skipSpace();
    }
    m_first.back() = 0;
    if (m_pos >= m_size || m_begin[m_pos] != '"') {
        setError(m_pos >= m_size ? u"unexpected end of data inside an object"_s : u"expected a quoted object key"_s);
        return false;
    }
    if (!scanString(key)) {
        return false;
    }
    return expect(':', "':' after an object key");
}

bool JsonReader::nextElement()
{
    if (hasError() || m_first.empty()) {
        return false;
    }
    skipSpace();
    if (m_pos < m_size && m_begin[m_pos] == ']') {
        ++m_pos;
        m_first.pop_back();
        return false;
    }
    if (!m_first.back()) {
        if (!expect(',', "',' or ']' in an array")) {
            return false;
        }
    }
    m_first.back() = 0;
    skipSpace();
    if (m_pos >= m_size) {
        setError(u"unexpected end of data inside an array"_s);
        return false;
    }
    return true;
}

bool JsonReader::scanString(std::string_view *out)
{
    // m_pos is at the opening quote.
    const qsizetype start = ++m_pos;
    qsizetype i = start;
    while (i < m_size) {
        const char c = m_begin[i];
        if (c == '"') {
            *out = std::string_view(m_begin + start, size_t(i - start));
            m_pos = i + 1;
            return true;
        }
        if (c == '\\') {
            break;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            setError(u"control character inside a string"_s, i);
            return false;
        }
        ++i;
    }
    // Slow path: decode escapes into the scratch buffer.
    m_scratch.assign(m_begin + start, size_t(i - start));
    while (i < m_size) {
        const char c = m_begin[i];
        if (c == '"') {
            *out = m_scratch;
            m_pos = i + 1;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            setError(u"control character inside a string"_s, i);
            return false;
        }
        if (c != '\\') {
            m_scratch.push_back(c);
            ++i;
            continue;
        }
        if (i + 1 >= m_size) {
            break;
        }
        const char e = m_begin[i + 1];
        i += 2;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            m_scratch.push_back(e);
            break;
        case 'b':
            m_scratch.push_back('\b');
            break;
        case 'f':
            m_scratch.push_back('\f');
            break;
        case 'n':
            m_scratch.push_back('\n');
            break;
        case 'r':
            m_scratch.push_back('\r');
            break;
        case 't':
            m_scratch.push_back('\t');
            break;
        case 'u': {
            auto hex4 = [&](qsizetype at, char32_t *v) {
                if (at + 4 > m_size) {
                    return false;
                }
                char32_t r = 0;
                for (int k = 0; k < 4; ++k) {
                    const int h = hexValue(m_begin[at + k]);
                    if (h < 0) {
                        return false;
                    }
                    r = (r << 4) | char32_t(h);
                }
                *v = r;
                return true;
            };
            char32_t cp = 0;
            if (!hex4(i, &cp)) {
                setError(u"invalid \\u escape in a string"_s, i - 2);
                return false;
            }
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                char32_t low = 0;
                if (i + 6 <= m_size && m_begin[i] == '\\' && m_begin[i + 1] == 'u' && hex4(i + 2, &low) && low >= 0xDC00
                    && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            appendUtf8(m_scratch, cp);
            break;
        }
        default:
            setError(QStringLiteral("invalid escape '\\%1' in a string").arg(QLatin1Char(e)), i - 2);
            return false;
        }
    }
    setError(u"unterminated string"_s, start - 1);
    return false;
}

bool JsonReader::readStringView(std::string_view *out)
{
    if (hasError()) {
        return false;
    }
    skipSpace();
    if (m_pos >= m_size || m_begin[m_pos] != '"') {
        setError(QStringLiteral("expected a string, found %1").arg(kindName(peek())));
        return false;
    }
    return scanString(out);
}

bool JsonReader::readString(QString *out)
{
    std::string_view view;
    if (!readStringView(&view)) {
        return false;
    }
    *out = QString::fromUtf8(view.data(), qsizetype(view.size()));
    return true;
}

bool JsonReader::readNumber(double *out)
{
    if (hasError()) {
        return false;
    }
    skipSpace();
    qsizetype i = m_pos;
    if (i < m_size && m_begin[i] == '-') {
        ++i;
    }
    const qsizetype digits = i;
    while (i < m_size) {
        const char c = m_begin[i];
        if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
            ++i;
        } else {
            break;
        }
    }
    if (i == digits || m_begin[digits] < '0' || m_begin[digits] > '9') {
        setError(QStringLiteral("expected a number, found %1").arg(kindName(peek())));
        return false;
    }
    const auto result = std::from_chars(m_begin + m_pos, m_begin + i, *out);
    const bool outOfRange = result.ec == std::errc::result_out_of_range;
    if ((result.ec != std::errc() && !outOfRange) || result.ptr != m_begin + i) {
        setError(u"malformed number"_s);
        return false;
    }
    if (outOfRange) {
        const bool negative = m_begin[m_pos] == '-';
        if (overflows(std::string_view(m_begin + m_pos, size_t(i - m_pos)))) {
            *out = negative ? -HUGE_VAL : HUGE_VAL;
        } else {
            *out = negative ? -0.0 : 0.0;
        }
    }
    m_pos = i;
    return true;
}

bool JsonReader::readBool(bool *out)
{
    if (hasError()) {
        return false;
    }
    skipSpace();
    if (m_size - m_pos >= 4 && std::string_view(m_begin + m_pos, 4) == "true") {
        m_pos += 4;
        *out = true;
        return true;
    }
    if (m_size - m_pos >= 5 && std::string_view(m_begin + m_pos, 5) == "false") {
        m_pos += 5;
        *out = false;
        return true;
    }
    setError(QStringLiteral("expected true or false, found %1").arg(kindName(peek())));
    return false;
}

bool JsonReader::readNull()
{
    if (hasError()) {
        return false;
    }
    skipSpace();
    if (m_size - m_pos >= 4 && std::string_view(m_begin + m_pos, 4) == "null") {
        m_pos += 4;
        return true;
    }
    setError(u"expected null"_s);
    return false;
}

bool JsonReader::skipValue()
{
    return skipNested(0);
}

bool JsonReader::skipNested(int depth)
{
    if (depth > kMaxDepth) {
        setError(u"nested too deeply"_s);
        return false;
    }
    switch (peek()) {
    case Kind::Object: {
        beginObject();
        std::string_view key;
        while (nextKey(&key)) {
            if (!skipNested(depth + 1)) {
                return false;
            }
        }
        return !hasError();
    }
    case Kind::Array:
        beginArray();
        while (nextElement()) {
            if (!skipNested(depth + 1)) {
                return false;
            }
        }
        return !hasError();
    case Kind::String: {
        std::string_view s;
        return readStringView(&s);
    }
    case Kind::Number: {
        double d;
        return readNumber(&d);
    }
    case Kind::Bool: {
        bool b;
        return readBool(&b);
    }
    case Kind::Null:
        return readNull();
    case Kind::End:
        setError(u"unexpected end of data, expected a value"_s);
        return false;
    case Kind::Invalid:
        setError(u"unexpected character, expected a value"_s);
        return false;
    }
    return false;
}

QJsonValue JsonReader::readValue()
{
    return readValueAt(0);
}

QJsonValue JsonReader::readValueAt(int depth)
{
    if (depth > kMaxDepth) {
        setError(u"nested too deeply"_s);
        return {};
    }
    switch (peek()) {
    case Kind::Object: {
        QJsonObject object;
        beginObject();
        std::string_view key;
        while (nextKey(&key)) {
            const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
            object.insert(name, readValueAt(depth + 1));
        }
        return object;
    }
    case Kind::Array: {
        QJsonArray array;
        beginArray();
        while (nextElement()) {
            array.append(readValueAt(depth + 1));
        }
        return array;
    }
    case Kind::String: {
        QString s;
        readString(&s);
        return s;
    }
    case Kind::Number: {
        double d = 0;
        readNumber(&d);
        return d;
    }
    case Kind::Bool: {
        bool b = false;
        readBool(&b);
        return b;
    }
    case Kind::Null:
        readNull();
        return QJsonValue(QJsonValue::Null);
    case Kind::End:
        setError(u"unexpected end of data, expected a value"_s);
        break;
    case Kind::Invalid:
        setError(u"unexpected character, expected a value"_s);
        break;
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace StacScope
