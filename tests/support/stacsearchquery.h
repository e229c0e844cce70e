#pragma once

#include <limits>
#include <optional>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include "src/geo/geobox.h"

namespace StacScope {

// An Item Search request after validation, from either GET parameters or a POST body.
// Paging inputs (limit, token, page) are kept apart from the query itself so that a page
// request maps onto the same cached result as the first request.
struct StacSearchQuery
{
    struct SortField
    {
        QString field; // as sent, possibly with the "properties." prefix
        bool descending = false;
    };

    QJsonArray bbox; // [w, s, e, n] when given
    QJsonObject intersects; // GeoJSON geometry when given
    QList<GeoBox> areas; // what items are tested against (bbox or parts of `intersects`)
    QString datetime; // as sent
    qint64 startMs = std::numeric_limits<qint64>::min();
    qint64 endMs = std::numeric_limits<qint64>::max();
    QStringList collections;
    QStringList ids;
    QJsonObject filter; // CQL2-JSON
    QList<SortField> sortby;

    int limit = -1; // -1: not given
    QString token;
    int page = 0; // 0: not given

    bool hasSpatial() const { return !bbox.isEmpty() || !intersects.isEmpty(); }
    bool hasDatetime() const { return !datetime.isEmpty(); }

    static std::optional<StacSearchQuery> fromUrlQuery(const QUrlQuery &query, QString *error);
    static std::optional<StacSearchQuery> fromJson(const QJsonObject &body, QString *error);
    // POST form without paging inputs, with sorted collections/ids: equal queries give equal JSON.
    QJsonObject toJson() const;
    QByteArray cacheKey() const;

    // RFC 3339 date-time with 't'/'z' in any case, up to 9 fraction digits and offsets.
    // `lenient` (for item data) also takes a missing offset (UTC) and a plain date.
    static std::optional<qint64> parseDateTime(const QString &text, bool lenient = false);
    // Instant or interval "a/b"; ".." or an empty side is open, but not both sides.
    static bool parseInterval(const QString &text, qint64 *start, qint64 *end, QString *error);
};

} // namespace StacScope
