#include "src/demo/demojson.h"

#include <cmath>

namespace StacScope::DemoCatalog::Json {
namespace {

void appendPadded(QByteArray &out, qint64 value, int width)
{
    const QByteArray digits = QByteArray::number(value);
    for (qsizetype i = digits.size(); i < width; ++i)
        out += '0';
    out += digits;
}

// Gregorian date from days since 1970-01-01 (H. Hinnant's civil_from_days): no time zone database
// and no QDateTime, so the output is the same everywhere.
void civilFromDays(qint64 z, qint64 &year, int &month, int &day)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    day = int(doy - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = yoe + era * 400 + (month <= 2 ? 1 : 0);
}

} // namespace

void appendString(QByteArray &out, const QByteArray &utf8)
{
    out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

void appendString(QByteArray &out, const QString &text)
{
    appendString(out, text.toUtf8());
}

void field(QByteArray &out, const char *key, const QByteArray &value, bool first)
{
    if (!first)
        out += ',';
    out += '"';
    out += key;
    out += "\":";
    appendString(out, value);
}

void rawField(QByteArray &out, const char *key, const QByteArray &json, bool first)
{
    if (!first)
        out += ',';
    out += '"';
    out += key;
    out += "\":";
    out += json;
}

void appendLink(QByteArray &out, bool first, const char *rel, const QByteArray &href, const char *type)
{
    if (!first)
        out += ',';
    out += '{';
    field(out, "rel", rel, true);
    field(out, "href", href);
    field(out, "type", type);
    out += '}';
}

QByteArray stringArray(const QStringList &values)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        appendString(out, values.at(i));
    }
    return out + ']';
}

QByteArray number(double value, int decimals)
{
    if (std::abs(value) < 0.5 * std::pow(10.0, -decimals))
        value = 0;
    return QByteArray::number(value, 'f', decimals);
}

QByteArray formatTime(qint64 msecsSinceEpoch)
{
    const qint64 msPerDay = 86400000;
    qint64 days = msecsSinceEpoch / msPerDay;
    qint64 rest = msecsSinceEpoch % msPerDay;
    if (rest < 0) {
        rest += msPerDay;
        --days;
    }
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, year, month, day);
    QByteArray out;
    out.reserve(24);
    appendPadded(out, year, 4);
    out += '-';
    appendPadded(out, month, 2);
    out += '-';
    appendPadded(out, day, 2);
    out += 'T';
    appendPadded(out, rest / 3600000, 2);
    out += ':';
    appendPadded(out, rest / 60000 % 60, 2);
    out += ':';
    appendPadded(out, rest / 1000 % 60, 2);
    out += '.';
    appendPadded(out, rest % 1000, 3);
    out += 'Z';
    return out;
}

} // namespace StacScope::DemoCatalog::Json
