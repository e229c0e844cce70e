#include "src/stac/datetime.h"
#include "src/stac/itemfields_p.h"

using namespace Qt::StringLiterals;

namespace StacScope::ItemFields {

using Kind = JsonReader::Kind;

QString fromView(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

QString typeMismatch(const QString &path, const QString &expected, Kind found)
{
    return QStringLiteral("%1: expected %2, found %3").arg(path, expected, JsonReader::kindName(found));
}

// Reads a number into `out`, or records a warning and skips the value. null means "unknown".
void readFloat(JsonReader &reader, const QString &path, float *out, QStringList *warnings)
{
    const Kind kind = reader.peek();
    if (kind == Kind::Number) {
        double d = 0;
        if (reader.readNumber(&d)) {
            *out = float(d);
        }
        return;
    }
    if (kind != Kind::Null) {
        warnings->append(typeMismatch(path, u"a number"_s, kind));
    }
    reader.skipValue();
}

void readText(JsonReader &reader, const QString &path, QString *out, QStringList *warnings)
{
    const Kind kind = reader.peek();
    if (kind == Kind::String) {
        reader.readString(out);
        return;
    }
    if (kind != Kind::Null) {
        warnings->append(typeMismatch(path, u"a string"_s, kind));
    }
    reader.skipValue();
}

void readTextList(JsonReader &reader, const QString &path, QString *out, QStringList *warnings)
{
    if (reader.peek() == Kind::String) {
        reader.readString(out);
        return;
    }
    if (reader.peek() != Kind::Array) {
        if (reader.peek() != Kind::Null) {
            warnings->append(typeMismatch(path, u"a list of strings"_s, reader.peek()));
        }
        reader.skipValue();
        return;
    }
    QStringList parts;
    reader.beginArray();
    while (reader.nextElement()) {
        QString part;
        readText(reader, path, &part, warnings);
        if (!part.isEmpty()) {
            parts.append(part);
        }
    }
    *out = parts.join(u',');
}

void readTime(JsonReader &reader, const QString &path, qint64 *out, QStringList *warnings)
{
    const Kind kind = reader.peek();
    if (kind == Kind::String) {
        std::string_view text;
        if (reader.readStringView(&text)) {
            if (const auto t = Rfc3339::parse(text)) {
                *out = *t;
            } else {
                warnings->append(QStringLiteral("%1: \"%2\" is not an RFC 3339 datetime").arg(path, fromView(text)));
            }
        }
        return;
    }
    if (kind != Kind::Null) {
        warnings->append(typeMismatch(path, u"a datetime string"_s, kind));
    }
    reader.skipValue();
}

} // namespace StacScope::ItemFields
