#include "src/stac/jsontext.h"

namespace StacScope {

namespace JsonText {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

QByteArray indented(QByteArrayView json, int indent)
{
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    int depth = 0;
    const auto newline = [&out, &depth, indent] {
        out += '\n';
        out += QByteArray(qsizetype(depth) * indent, ' ');
    };
    // The next character that is not white space, from `i` on; 0 at the end.
    const auto nextSignificant = [&json](qsizetype i) {
        while (i < json.size() && isSpace(json[i])) {
            ++i;
        }
        return i < json.size() ? json[i] : '\0';
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            // A string, escapes and all, as it is.
            const qsizetype start = i++;
            while (i < json.size() && json[i] != '"') {
                i += json[i] == '\\' ? 2 : 1;
            }
            out += json.sliced(start, std::min(i, json.size() - 1) - start + 1).toByteArray();
            continue;
        }
        if (isSpace(c)) {
            continue;
        }
        switch (c) {
        case '{':
        case '[': {
            const char close = c == '{' ? '}' : ']';
            if (nextSignificant(i + 1) == close) {
                out += c;
                out += close;
                while (json[++i] != close) {}
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace JsonText

} // namespace StacScope
