#include "src/stac/datetime.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

void civilFromDays(qint64 z, qint64 *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = qint64(yoe) + era * 400 + (*m <= 2);
}

bool digits(std::string_view s, size_t at, size_t n, int *out)
{
    if (at + n > s.size()) {
        return false;
    }
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

// Parses a date with an optional time; `dateOnly` tells the caller which it was.
std::optional<qint64> parseInstant(std::string_view s, bool *dateOnly)
{
    int year, month, day;
    if (!digits(s, 0, 4, &year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, &month) || s[7] != '-'
        || !digits(s, 8, 2, &day)) {
        return std::nullopt;
    }
    static const int monthDays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12 || day < 1 || day > monthDays[month - 1]) {
        return std::nullopt;
    }
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) {
        return std::nullopt;
    }
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    if (s.size() == 10) {
        if (dateOnly) {
            *dateOnly = true;
        }
        return days * 86400000;
    }
    if (dateOnly) {
        *dateOnly = false;
    }
    int hour, minute, second;
    if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, &hour) || s.size() < 19 || s[13] != ':'
        || !digits(s, 14, 2, &minute) || s[16] != ':' || !digits(s, 17, 2, &second)) {
        return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    size_t i = 19;
    qint64 millis = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int scale = 100;
        const size_t fracStart = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            millis += (s[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
        if (i == fracStart) {
            return std::nullopt;
        }
    }
    qint64 offsetMinutes = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!digits(s, i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, &om)) {
            return std::nullopt;
        }
        offsetMinutes = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return std::nullopt; // RFC 3339 requires a zone designator
    }
    if (i != s.size()) {
        return std::nullopt;
    }
    return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60000 + qint64(second) * 1000 + millis;
}

std::string toLatin1(QStringView text)
{
    std::string out;
    out.reserve(size_t(text.size()));
    for (QChar c : text) {
        out.push_back(c.unicode() < 128 ? char(c.unicode()) : '?');
    }
    return out;
}

} // namespace

namespace Rfc3339 {

std::optional<qint64> parse(std::string_view text)
{
    bool dateOnly = false;
    const auto v = parseInstant(text, &dateOnly);
    if (!v || dateOnly) {
        return std::nullopt;
    }
    return v;
}

std::optional<qint64> parse(QStringView text)
{
    return parse(std::string_view(toLatin1(text)));
}

QString format(qint64 msecs)
{
    qint64 days = msecs / 86400000;
    qint64 rest = msecs % 86400000;
    if (rest < 0) {
        rest += 86400000;
        --days;
    }
    qint64 y;
    unsigned m, d;
    civilFromDays(days, &y, &m, &d);
    const qint64 secs = rest / 1000;
    const qint64 ms = rest % 1000;
    QString out = QStringLiteral("%1-%2-%3T%4:%5:%6")
                      .arg(y, 4, 10, QLatin1Char('0'))
                      .arg(m, 2, 10, QLatin1Char('0'))
                      .arg(d, 2, 10, QLatin1Char('0'))
                      .arg(secs / 3600, 2, 10, QLatin1Char('0'))
                      .arg((secs / 60) % 60, 2, 10, QLatin1Char('0'))
                      .arg(secs % 60, 2, 10, QLatin1Char('0'));
    if (ms) {
        out += QStringLiteral(".%1").arg(ms, 3, 10, QLatin1Char('0'));
    }
    return out + u'Z';
}

} // namespace Rfc3339

bool DateRange::contains(qint64 msecs) const
{
    return (!start || msecs >= *start) && (!end || msecs <= *end);
}

bool DateRange::overlaps(qint64 from, qint64 to) const
{
    return (!start || to >= *start) && (!end || from <= *end);
}

QString DateRange::toString() const
{
    if (start && end && *start == *end) {
        return Rfc3339::format(*start);
    }
    return (start ? Rfc3339::format(*start) : u".."_s) + u'/' + (end ? Rfc3339::format(*end) : u".."_s);
}

std::optional<DateRange> DateRange::parse(const QString &text, QString *error)
{
    auto fail = [&](const QString &message) -> std::optional<DateRange> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    const QStringList parts = trimmed.split(u'/');
    if (trimmed.isEmpty() || parts.size() > 2) {
        return fail(QStringLiteral("\"%1\" is not a datetime or an interval a/b").arg(text));
    }
    DateRange range;
    for (int i = 0; i < parts.size(); ++i) {
        const QString part = parts.at(i).trimmed();
        if (part.isEmpty() || part == u".."_s) {
            if (parts.size() == 1) {
                return fail(u"a single datetime cannot be open"_s);
            }
            continue;
        }
        bool dateOnly = false;
        const std::string latin = toLatin1(part);
        const auto v = parseInstant(latin, &dateOnly);
        if (!v) {
            return fail(QStringLiteral("\"%1\" is not an RFC 3339 datetime such as 2023-06-01T00:00:00Z").arg(part));
        }
        const bool isEnd = i == 1;
        if (parts.size() == 1) {
            range.start = *v;
            range.end = dateOnly ? *v + 86400000 - 1 : *v;
        } else if (isEnd) {
            range.end = dateOnly ? *v + 86400000 - 1 : *v;
        } else {
            range.start = *v;
        }
    }
    if (range.isOpen()) {
        return fail(u"both ends of the interval are open"_s);
    }
    if (range.start && range.end && *range.start > *range.end) {
        return fail(u"the interval ends before it starts"_s);
    }
    return range;
}

} // namespace StacScope
