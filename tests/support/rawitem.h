#pragma once

#include <utility>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

// Header-only helpers for tests that need an item's box and time without the product's parsing.
namespace StacScope::RawItems {

// The tests' own reading of an item, straight from its JSON with QJsonDocument and QDateTime, so
// that the expected rows do not come from ItemStore's parsing or GeoBox's arithmetic.
struct RawItem
{
    QString id;
    QString collection;
    bool hasBox = false;
    double west = 0, south = 0, east = 0, north = 0;
    qint64 begin = 0, end = 0;
    bool hasTime = false;
};

inline qint64 msOf(const QJsonValue &value, bool *ok)
{
    const QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    *ok = t.isValid();
    return t.toMSecsSinceEpoch();
}

inline RawItem rawItem(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    RawItem item;
    item.id = o.value(QStringLiteral("id")).toString();
    item.collection = o.value(QStringLiteral("collection")).toString();
    const QJsonArray bbox = o.value(QStringLiteral("bbox")).toArray();
    if (bbox.size() == 4 || bbox.size() == 6) {
        const bool flat = bbox.size() == 4;
        item.hasBox = true;
        item.west = bbox.at(0).toDouble();
        item.south = bbox.at(1).toDouble();
        item.east = bbox.at(flat ? 2 : 3).toDouble();
        item.north = bbox.at(flat ? 3 : 4).toDouble();
    }
    const QJsonObject props = o.value(QStringLiteral("properties")).toObject();
    bool okStart = false;
    bool okEnd = false;
    bool okInstant = false;
    const qint64 instant = msOf(props.value(QStringLiteral("datetime")), &okInstant);
    item.begin = msOf(props.value(QStringLiteral("start_datetime")), &okStart);
    item.end = msOf(props.value(QStringLiteral("end_datetime")), &okEnd);
    if (!okStart)
        item.begin = instant;
    if (!okEnd)
        item.end = instant;
    item.hasTime = (okStart || okInstant) && (okEnd || okInstant);
    return item;
}

// Longitude ranges of a box; two when it crosses the antimeridian (west > east).
inline QList<std::pair<double, double>> lonRanges(double west, double east)
{
    if (west > east)
        return { { west, 180 }, { -180, east } };
    return { { west, east } };
}

inline bool boxesMeet(const RawItem &item, double west, double south, double east, double north)
{
    if (!item.hasBox || item.south > north || south > item.north)
        return false;
    for (const auto &[w1, e1] : lonRanges(item.west, item.east)) {
        for (const auto &[w2, e2] : lonRanges(west, east)) {
            if (w1 <= e2 && w2 <= e1)
                return true;
        }
    }
    return false;
}

inline qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace StacScope::RawItems
