#pragma once

#include <optional>
#include <string_view>

#include <QString>

namespace StacScope {

// RFC 3339 instants as milliseconds since the Unix epoch (UTC). STAC pages carry tens of
// thousands of them, so parsing is hand-written rather than through QDateTime.
namespace Rfc3339 {
std::optional<qint64> parse(std::string_view text);
std::optional<qint64> parse(QStringView text);
// "2023-06-12T10:30:00Z", with ".123" when the milliseconds are not zero.
QString format(qint64 msecs);
} // namespace Rfc3339

// A datetime range as STAC's `datetime` parameter writes it: an instant, or "a/b" where either
// end may be open ("..", or empty). Date-only input ("2023-06-01") is accepted from people and
// widened to the whole day (UTC).
struct DateRange
{
    std::optional<qint64> start;
    std::optional<qint64> end;

    bool isOpen() const { return !start && !end; }
    bool contains(qint64 msecs) const;
    // Overlap with the closed range [from, to].
    bool overlaps(qint64 from, qint64 to) const;
    // "a/b" with ".." for an open end; a single instant when start == end.
    QString toString() const;
    static std::optional<DateRange> parse(const QString &text, QString *error = nullptr);

    friend bool operator==(const DateRange &, const DateRange &) = default;
};

} // namespace StacScope
