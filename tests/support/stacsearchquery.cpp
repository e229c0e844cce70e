#include "tests/support/stacsearchquery.h"

#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTime>

#include "tests/support/cql2reference.h"
#include "tests/support/geometryboxes.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QString Crs84 = u"http://www.opengis.net/def/crs/OGC/1.3/CRS84"_s;

QStringList splitList(const QString &text)
{
    QStringList result;
    const QStringList parts = text.split(u',');
    for (const QString &part : parts) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            result.append(trimmed);
    }
    return result;
}

bool stringList(const QJsonValue &value, const QString &key, QStringList *out, QString *error)
{
    out->clear();
    if (value.isUndefined() || value.isNull())
        return true;
    if (value.isString()) {
        *out = splitList(value.toString());
        return true;
    }
    if (!value.isArray()) {
        *error = u"'%1' must be an array of strings"_s.arg(key);
        return false;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array) {
        if (!entry.isString()) {
            *error = u"'%1' must be an array of strings"_s.arg(key);
            return false;
        }
        out->append(entry.toString());
    }
    return true;
}

bool parseSortString(const QString &text, QList<StacSearchQuery::SortField> *out, QString *error)
{
    const QStringList parts = text.split(u',');
    for (const QString &part : parts) {
        QString field = part.trimmed();
        StacSearchQuery::SortField sort;
        if (field.startsWith(u'-')) {
            sort.descending = true;
            field.remove(0, 1);
        } else if (field.startsWith(u'+')) {
            field.remove(0, 1);
        }
        field = field.trimmed();
        if (field.isEmpty()) {
            *error = u"empty field in sortby '%1'"_s.arg(text);
            return false;
        }
        sort.field = field;
        out->append(sort);
    }
    return true;
}

bool parseLimit(const QJsonValue &value, int *limit, QString *error)
{
    double number = 0;
    if (value.isDouble()) {
        number = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        number = double(value.toString().trimmed().toLongLong(&ok));
        if (!ok) {
            *error = u"limit must be an integer, got '%1'"_s.arg(value.toString());
            return false;
        }
    } else {
        *error = u"limit must be an integer"_s;
        return false;
    }
    if (number != std::floor(number)) {
        *error = u"limit must be an integer"_s;
        return false;
    }
    if (number < 1) {
        *error = u"limit must be at least 1"_s;
        return false;
    }
    *limit = number > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max() : int(number);
    return true;
}

bool setIntersects(const QJsonObject &geometry, StacSearchQuery *query, QString *error)
{
    QString geometryError;
    if (!geometry.contains("type"_L1) || !GeometryBoxes::fromGeometry(geometry, &query->areas, &geometryError)) {
        *error = u"invalid intersects geometry: %1"_s.arg(geometryError.isEmpty() ? u"no type"_s : geometryError);
        return false;
    }
    query->intersects = geometry;
    return true;
}

bool setBbox(const std::optional<GeoBox> &box, const QString &boxError, StacSearchQuery *query, QString *error)
{
    if (!box) {
        *error = u"invalid bbox: %1"_s.arg(boxError);
        return false;
    }
    query->bbox = box->toJson();
    query->areas = { *box };
    return true;
}

bool setDatetime(const QString &text, StacSearchQuery *query, QString *error)
{
    if (text.isEmpty())
        return true;
    if (!StacSearchQuery::parseInterval(text, &query->startMs, &query->endMs, error))
        return false;
    query->datetime = text;
    return true;
}

bool setFilter(const QJsonValue &filter, const QString &language, const QString &crs, bool textByDefault,
    StacSearchQuery *query, QString *error)
{
    if (filter.isUndefined() || filter.isNull() || (filter.isString() && filter.toString().trimmed().isEmpty()))
        return true;
    if (!crs.isEmpty() && crs != Crs84) {
        *error = u"unsupported filter-crs '%1'"_s.arg(crs);
        return false;
    }
    if (!language.isEmpty() && language != "cql2-text"_L1 && language != "cql2-json"_L1) {
        *error = u"unsupported filter-lang '%1'"_s.arg(language);
        return false;
    }
    QJsonObject expression;
    if (filter.isObject()) {
        expression = filter.toObject();
    } else if (filter.isString()) {
        const bool asText = language.isEmpty() ? textByDefault : language == "cql2-text"_L1;
        if (asText) {
            const Cql2Reference::Parsed parsed = Cql2Reference::parseText(filter.toString());
            if (!parsed.ok()) {
                *error = u"invalid cql2-text filter: %1"_s.arg(parsed.error);
                return false;
            }
            expression = parsed.expression;
        } else {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(filter.toString().toUtf8(), &parseError);
            if (!document.isObject()) {
                *error = u"invalid cql2-json filter: %1"_s.arg(
                    parseError.error == QJsonParseError::NoError ? u"not an object"_s : parseError.errorString());
                return false;
            }
            expression = document.object();
        }
    } else {
        *error = u"filter must be a CQL2-JSON object or a cql2-text string"_s;
        return false;
    }
    const QString problem = Cql2Reference::check(expression);
    if (!problem.isEmpty()) {
        *error = u"invalid filter: %1"_s.arg(problem);
        return false;
    }
    query->filter = expression;
    return true;
}

} // namespace

std::optional<StacSearchQuery> StacSearchQuery::fromUrlQuery(const QUrlQuery &urlQuery, QString *error)
{
    const auto value = [&urlQuery](const QString &key) {
        // Repeated keys (collections=a&collections=b) are read as one list.
        return urlQuery.allQueryItemValues(key, QUrl::FullyDecoded).join(u',');
    };
    StacSearchQuery query;
    if (urlQuery.hasQueryItem(u"bbox"_s) && urlQuery.hasQueryItem(u"intersects"_s)) {
        *error = u"bbox and intersects are mutually exclusive"_s;
        return std::nullopt;
    }
    if (urlQuery.hasQueryItem(u"bbox"_s)) {
        QString boxError;
        const std::optional<GeoBox> box = GeoBox::fromString(value(u"bbox"_s), &boxError);
        if (!setBbox(box, boxError, &query, error))
            return std::nullopt;
    }
    if (urlQuery.hasQueryItem(u"intersects"_s)) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(value(u"intersects"_s).toUtf8(), &parseError);
        if (!document.isObject()) {
            *error = u"intersects must be a JSON-encoded GeoJSON geometry"_s;
            return std::nullopt;
        }
        if (!setIntersects(document.object(), &query, error))
            return std::nullopt;
    }
    if (!setDatetime(value(u"datetime"_s), &query, error))
        return std::nullopt;
    query.collections = splitList(value(u"collections"_s));
    query.ids = splitList(value(u"ids"_s));
    if (urlQuery.hasQueryItem(u"filter"_s)
        && !setFilter(
            QJsonValue(value(u"filter"_s)), value(u"filter-lang"_s), value(u"filter-crs"_s), true, &query, error))
        return std::nullopt;
    const QString sortby = value(u"sortby"_s);
    if (!sortby.isEmpty() && !parseSortString(sortby, &query.sortby, error))
        return std::nullopt;
    if (urlQuery.hasQueryItem(u"limit"_s) && !parseLimit(QJsonValue(value(u"limit"_s)), &query.limit, error))
        return std::nullopt;
    query.token = value(u"token"_s);
    if (urlQuery.hasQueryItem(u"page"_s)) {
        bool ok = false;
        query.page = value(u"page"_s).toInt(&ok);
        if (!ok || query.page < 1) {
            *error = u"page must be a positive integer"_s;
            return std::nullopt;
        }
    }
    return query;
}

std::optional<StacSearchQuery> StacSearchQuery::fromJson(const QJsonObject &body, QString *error)
{
    StacSearchQuery query;
    const QJsonValue bbox = body.value("bbox"_L1);
    const QJsonValue intersects = body.value("intersects"_L1);
    const bool hasBbox = !bbox.isUndefined() && !bbox.isNull();
    const bool hasIntersects = !intersects.isUndefined() && !intersects.isNull();
    if (hasBbox && hasIntersects) {
        *error = u"bbox and intersects are mutually exclusive"_s;
        return std::nullopt;
    }
    if (hasBbox) {
        QString boxError;
        std::optional<GeoBox> box;
        if (bbox.isArray())
            box = GeoBox::fromJson(bbox.toArray(), &boxError);
        else if (bbox.isString())
            box = GeoBox::fromString(bbox.toString(), &boxError);
        else
            boxError = u"must be an array of 4 or 6 numbers"_s;
        if (!setBbox(box, boxError, &query, error))
            return std::nullopt;
    }
    if (hasIntersects) {
        if (!intersects.isObject()) {
            *error = u"intersects must be a GeoJSON geometry object"_s;
            return std::nullopt;
        }
        if (!setIntersects(intersects.toObject(), &query, error))
            return std::nullopt;
    }
    const QJsonValue datetime = body.value("datetime"_L1);
    if (!datetime.isUndefined() && !datetime.isNull()) {
        if (!datetime.isString()) {
            *error = u"datetime must be a string"_s;
            return std::nullopt;
        }
        if (!setDatetime(datetime.toString(), &query, error))
            return std::nullopt;
    }
    if (!stringList(body.value("collections"_L1), u"collections"_s, &query.collections, error)
        || !stringList(body.value("ids"_L1), u"ids"_s, &query.ids, error))
        return std::nullopt;
    if (!setFilter(body.value("filter"_L1), body.value("filter-lang"_L1).toString(),
            body.value("filter-crs"_L1).toString(), false, &query, error))
        return std::nullopt;

    const QJsonValue sortby = body.value("sortby"_L1);
    if (sortby.isString()) {
        if (!parseSortString(sortby.toString(), &query.sortby, error))
            return std::nullopt;
    } else if (sortby.isArray()) {
        const QJsonArray fields = sortby.toArray();
        for (const QJsonValue &entry : fields) {
            const QJsonObject object = entry.toObject();
            const QString field = object.value("field"_L1).toString().trimmed();
            const QString direction = object.value("direction"_L1).toString(u"asc"_s).toLower();
            if (field.isEmpty() || (direction != "asc"_L1 && direction != "desc"_L1)) {
                *error = u"sortby entries need a field and a direction asc or desc"_s;
                return std::nullopt;
            }
            query.sortby.append({ field, direction == "desc"_L1 });
        }
    } else if (!sortby.isUndefined() && !sortby.isNull()) {
        *error = u"sortby must be an array of {field, direction}"_s;
        return std::nullopt;
    }

    const QJsonValue limit = body.value("limit"_L1);
    if (!limit.isUndefined() && !limit.isNull() && !parseLimit(limit, &query.limit, error))
        return std::nullopt;
    const QJsonValue token = body.value("token"_L1);
    if (!token.isUndefined() && !token.isNull()) {
        if (!token.isString()) {
            *error = u"token must be a string"_s;
            return std::nullopt;
        }
        query.token = token.toString();
    }
    const QJsonValue page = body.value("page"_L1);
    if (!page.isUndefined() && !page.isNull()) {
        query.page = page.isString() ? page.toString().toInt() : page.toInt();
        if (query.page < 1) {
            *error = u"page must be a positive integer"_s;
            return std::nullopt;
        }
    }
    return query;
}

QJsonObject StacSearchQuery::toJson() const
{
    QJsonObject object;
    if (!bbox.isEmpty())
        object.insert("bbox"_L1, bbox);
    if (!intersects.isEmpty())
        object.insert("intersects"_L1, intersects);
    if (!datetime.isEmpty())
        object.insert("datetime"_L1, datetime);
    if (!collections.isEmpty()) {
        QStringList sorted = collections;
        sorted.sort();
        sorted.removeDuplicates();
        object.insert("collections"_L1, QJsonArray::fromStringList(sorted));
    }
    if (!ids.isEmpty()) {
        QStringList sorted = ids;
        sorted.sort();
        sorted.removeDuplicates();
        object.insert("ids"_L1, QJsonArray::fromStringList(sorted));
    }
    if (!filter.isEmpty())
        object.insert("filter"_L1, filter);
    if (!sortby.isEmpty()) {
        QJsonArray fields;
        for (const SortField &sort : sortby) {
            fields.append(
                QJsonObject { { "field"_L1, sort.field }, { "direction"_L1, sort.descending ? u"desc"_s : u"asc"_s } });
        }
        object.insert("sortby"_L1, fields);
    }
    return object;
}

QByteArray StacSearchQuery::cacheKey() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

std::optional<qint64> StacSearchQuery::parseDateTime(const QString &text, bool lenient)
{
    static const QRegularExpression strict(
        uR"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$)"_s);
    static const QRegularExpression loose(
        uR"(^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?([Zz]|[+-]\d{2}:?\d{2})?$)"_s);
    const QRegularExpressionMatch match = (lenient ? loose : strict).match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const int hour = match.captured(4).toInt();
    const int minute = match.captured(5).toInt();
    // RFC 3339 allows a leap second; the emulator folds it into the previous second.
    const int second = std::min(match.captured(6).toInt(), 59);
    const int millis = QString(match.captured(7) + u"000"_s).left(3).toInt();
    if (!date.isValid() || hour > 23 || minute > 59 || match.captured(6).toInt() > 60)
        return std::nullopt;
    qint64 offsetMinutes = 0;
    const QString zone = match.captured(8);
    if (zone.size() >= 5) {
        const QString digits = QString(zone).remove(u':');
        const int hours = digits.mid(1, 2).toInt();
        const int minutes = digits.mid(3, 2).toInt();
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        offsetMinutes = (hours * 60 + minutes) * (zone.startsWith(u'-') ? -1 : 1);
    }
    const QDateTime utc(date, QTime(hour, minute, second, millis), Qt::UTC);
    return utc.toMSecsSinceEpoch() - offsetMinutes * 60 * 1000;
}

bool StacSearchQuery::parseInterval(const QString &text, qint64 *start, qint64 *end, QString *error)
{
    const QStringList parts = text.split(u'/');
    if (parts.size() > 2) {
        *error = u"invalid datetime '%1': more than one '/'"_s.arg(text);
        return false;
    }
    if (parts.size() == 1) {
        const std::optional<qint64> instant = parseDateTime(text.trimmed());
        if (!instant) {
            *error = u"invalid datetime '%1': expected RFC 3339 date-time or interval"_s.arg(text);
            return false;
        }
        *start = *instant;
        *end = *instant;
        return true;
    }
    const auto isOpen = [](const QString &side) { return side.isEmpty() || side == ".."_L1; };
    const QString first = parts.at(0).trimmed();
    const QString second = parts.at(1).trimmed();
    if (isOpen(first) && isOpen(second)) {
        *error = u"invalid datetime '%1': only one end of an interval may be open"_s.arg(text);
        return false;
    }
    qint64 from = std::numeric_limits<qint64>::min();
    qint64 to = std::numeric_limits<qint64>::max();
    if (!isOpen(first)) {
        const std::optional<qint64> parsed = parseDateTime(first);
        if (!parsed) {
            *error = u"invalid datetime '%1': bad start '%2'"_s.arg(text, first);
            return false;
        }
        from = *parsed;
    }
    if (!isOpen(second)) {
        const std::optional<qint64> parsed = parseDateTime(second);
        if (!parsed) {
            *error = u"invalid datetime '%1': bad end '%2'"_s.arg(text, second);
            return false;
        }
        to = *parsed;
    }
    if (from > to) {
        *error = u"invalid datetime '%1': start is after end"_s.arg(text);
        return false;
    }
    *start = from;
    *end = to;
    return true;
}

} // namespace StacScope
