#include "tests/support/stacsearchengine.h"

#include <algorithm>

#include <QJsonArray>
#include <QSet>

#include "tests/support/cql2reference.h"
#include "tests/support/geometryboxes.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr qsizetype CacheSize = 16;

int typeRank(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return 0;
    case QJsonValue::Double:
        return 1;
    case QJsonValue::String:
        return 2;
    case QJsonValue::Array:
        return 3;
    case QJsonValue::Object:
        return 4;
    default:
        return 5;
    }
}

int compareValues(const QJsonValue &a, const QJsonValue &b)
{
    const int rankA = typeRank(a);
    const int rankB = typeRank(b);
    if (rankA != rankB)
        return rankA < rankB ? -1 : 1;
    switch (a.type()) {
    case QJsonValue::Bool:
        return int(a.toBool()) - int(b.toBool());
    case QJsonValue::Double: {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    case QJsonValue::String:
        return a.toString().compare(b.toString());
    default:
        return 0;
    }
}

// Schemas of common STAC properties (common metadata, eo, view, sat, proj), used when the
// values seen agree with them: 0 and 100 alone would otherwise make eo:cloud_cover an integer.
QJsonObject wellKnownSchema(const QString &name, int flags, int numberFlags, int stringFlags)
{
    const auto number = [](double minimum, double maximum) {
        return QJsonObject { { "type"_L1, u"number"_s }, { "minimum"_L1, minimum }, { "maximum"_L1, maximum } };
    };
    const bool numeric = flags != 0 && (flags & ~numberFlags) == 0;
    if (numeric) {
        if (name == "eo:cloud_cover"_L1)
            return number(0, 100);
        if (name == "view:off_nadir"_L1 || name == "view:incidence_angle"_L1)
            return number(0, 90);
        if (name == "view:azimuth"_L1 || name == "view:sun_azimuth"_L1)
            return number(0, 360);
        if (name == "view:sun_elevation"_L1)
            return number(-90, 90);
        if (name == "gsd"_L1)
            return QJsonObject { { "type"_L1, u"number"_s }, { "exclusiveMinimum"_L1, 0 } };
    }
    const bool strings = flags != 0 && (flags & ~stringFlags) == 0;
    if (strings
        && (name == "created"_L1 || name == "updated"_L1 || name == "start_datetime"_L1 || name == "end_datetime"_L1))
        return QJsonObject { { "type"_L1, u"string"_s }, { "format"_L1, u"date-time"_s } };
    return {};
}

bool isMissing(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

QString normalizeField(const QString &field)
{
    return field.startsWith("properties."_L1) ? field.mid(11) : field;
}

} // namespace

StacSearchEngine::StacSearchEngine() = default;

StacSearchEngine::~StacSearchEngine() = default;

void StacSearchEngine::clear()
{
    m_items.clear();
    m_index.clear();
    m_propertyTypes.clear();
    m_cache.clear();
}

bool StacSearchEngine::addItem(const QJsonObject &item, QString *error)
{
    std::optional<StacItemRecord> record = StacItemRecord::fromJson(item, error);
    if (!record)
        return false;
    addRecord(std::move(*record));
    return true;
}

void StacSearchEngine::addRecord(StacItemRecord record)
{
    noteProperties(record.properties, record.collection);
    m_cache.clear();
    const qsizetype existing = findItem(record.collection, record.id);
    if (existing >= 0) {
        m_items[size_t(existing)] = std::move(record);
        return;
    }
    m_index[record.collection].insert(record.id, qsizetype(m_items.size()));
    m_items.push_back(std::move(record));
}

qsizetype StacSearchEngine::findItem(const QString &collection, const QString &id) const
{
    const auto collectionIt = m_index.constFind(collection);
    if (collectionIt == m_index.constEnd())
        return -1;
    return collectionIt->value(id, -1);
}

void StacSearchEngine::noteProperties(const QJsonObject &properties, const QString &collection)
{
    QHash<QString, int> &all = m_propertyTypes[QString()];
    QHash<QString, int> &own = m_propertyTypes[collection];
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        const QJsonValue value = it.value();
        int flags = 0;
        switch (value.type()) {
        case QJsonValue::String:
            flags
                = StringType | (StacSearchQuery::parseDateTime(value.toString(), true) ? DateTimeString : PlainString);
            break;
        case QJsonValue::Double: {
            const double number = value.toDouble();
            flags = number == std::floor(number) ? IntegerType : NumberType;
            break;
        }
        case QJsonValue::Bool:
            flags = BooleanType;
            break;
        case QJsonValue::Array:
            flags = ArrayType;
            break;
        case QJsonValue::Object:
            flags = ObjectType;
            break;
        default:
            break; // null says nothing about the type
        }
        all[it.key()] |= flags;
        own[it.key()] |= flags;
    }
}

QJsonObject StacSearchEngine::queryableProperties(const QString &collection) const
{
    QJsonObject properties {
        { "id"_L1, QJsonObject { { "title"_L1, u"Item ID"_s }, { "type"_L1, u"string"_s } } },
        { "collection"_L1, QJsonObject { { "title"_L1, u"Collection ID"_s }, { "type"_L1, u"string"_s } } },
        { "geometry"_L1,
            QJsonObject {
                { "title"_L1, u"Item geometry"_s }, { "$ref"_L1, u"https://geojson.org/schema/Geometry.json"_s } } },
        { "datetime"_L1,
            QJsonObject {
                { "title"_L1, u"Acquisition time"_s }, { "type"_L1, u"string"_s }, { "format"_L1, u"date-time"_s } } },
    };
    const QHash<QString, int> types = m_propertyTypes.value(collection);
    for (auto it = types.constBegin(); it != types.constEnd(); ++it) {
        if (properties.contains(it.key()))
            continue;
        const int flags = it.value();
        const QJsonObject known
            = wellKnownSchema(it.key(), flags, IntegerType | NumberType, StringType | DateTimeString | PlainString);
        if (!known.isEmpty()) {
            properties.insert(it.key(), known);
            continue;
        }
        QJsonArray names;
        if (flags & StringType)
            names.append(u"string"_s);
        if (flags & NumberType)
            names.append(u"number"_s);
        else if (flags & IntegerType)
            names.append(u"integer"_s);
        if (flags & BooleanType)
            names.append(u"boolean"_s);
        if (flags & ArrayType)
            names.append(u"array"_s);
        if (flags & ObjectType)
            names.append(u"object"_s);
        QJsonObject schema;
        if (names.size() == 1)
            schema.insert("type"_L1, names.first());
        else if (names.size() > 1)
            schema.insert("type"_L1, names);
        if ((flags & DateTimeString) && !(flags & PlainString))
            schema.insert("format"_L1, u"date-time"_s);
        properties.insert(it.key(), schema);
    }
    return properties;
}

bool StacSearchEngine::matches(const StacItemRecord &item, const StacSearchQuery &query) const
{
    if (query.hasDatetime()) {
        if (!item.hasTime || item.startMs > query.endMs || item.endMs < query.startMs)
            return false;
    }
    if (query.hasSpatial() && !GeometryBoxes::intersects(item.boxes, query.areas))
        return false;
    if (query.filter.isEmpty())
        return true;

    // The filter is evaluated by the tests' own CQL2 reading (Cql2Reference), not the product's,
    // so that a bug in src/stac/cql2* is caught by the tests that search this emulator.
    Cql2Reference::Item reference;
    reference.property = [&item](const QString &name) { return item.queryable(name); };
    reference.spatial = [&item](const QString &op, const QJsonObject &geometry) {
        QList<GeoBox> boxes;
        if (!GeometryBoxes::fromGeometry(geometry, &boxes))
            return false;
        // Box approximations of the DE-9IM predicates.
        if (op == "s_disjoint"_L1)
            return !GeometryBoxes::intersects(item.boxes, boxes);
        if (op == "s_within"_L1)
            return GeometryBoxes::contains(boxes, item.boxes);
        if (op == "s_contains"_L1)
            return GeometryBoxes::contains(item.boxes, boxes);
        if (op == "s_equals"_L1)
            return item.boxes == boxes;
        return GeometryBoxes::intersects(item.boxes, boxes);
    };
    return Cql2Reference::matches(query.filter, reference);
}

QJsonValue StacSearchEngine::sortValue(const StacItemRecord &item, const QString &field) const
{
    if (field == "id"_L1)
        return item.id;
    if (field == "collection"_L1)
        return item.collection;
    if (field == "datetime"_L1)
        return item.hasTime ? QJsonValue(double(item.startMs)) : QJsonValue();
    return item.queryable(field);
}

bool StacSearchEngine::sortResult(
    QList<qsizetype> *indexes, const QList<StacSearchQuery::SortField> &sortby, QString *error) const
{
    struct Key
    {
        QString field;
        bool descending;
    };
    QList<Key> keys;
    const QHash<QString, int> known = m_propertyTypes.value(QString());
    for (const StacSearchQuery::SortField &sort : sortby) {
        const QString field = normalizeField(sort.field);
        const bool builtin = field == "id"_L1 || field == "collection"_L1 || field == "datetime"_L1
            || field == "start_datetime"_L1 || field == "end_datetime"_L1;
        if (!builtin && !known.contains(field)) {
            *error = u"unknown sort field '%1'"_s.arg(sort.field);
            return false;
        }
        keys.append({ field, sort.descending });
    }
    if (keys.isEmpty())
        keys = { { u"datetime"_s, true }, { u"id"_s, true } };

    // Extract the keys once; the comparator then only compares values.
    const qsizetype count = indexes->size();
    std::vector<QJsonValue> values(static_cast<size_t>(count * keys.size()));
    for (qsizetype row = 0; row < count; ++row) {
        for (qsizetype k = 0; k < keys.size(); ++k)
            values[size_t(row * keys.size() + k)] = sortValue(item(indexes->at(row)), keys.at(k).field);
    }
    std::vector<qsizetype> order(static_cast<size_t>(count));
    for (qsizetype row = 0; row < count; ++row)
        order[size_t(row)] = row;
    const qsizetype width = keys.size();
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        for (qsizetype k = 0; k < width; ++k) {
            const QJsonValue &x = values[size_t(a * width + k)];
            const QJsonValue &y = values[size_t(b * width + k)];
            // Items without the value come last in both directions.
            const bool missingX = isMissing(x);
            const bool missingY = isMissing(y);
            if (missingX != missingY)
                return missingY;
            if (missingX)
                continue;
            int result = compareValues(x, y);
            if (keys.at(k).descending)
                result = -result;
            if (result != 0)
                return result < 0;
        }
        return false;
    });
    QList<qsizetype> sorted;
    sorted.reserve(count);
    for (qsizetype row : order)
        sorted.append(indexes->at(row));
    *indexes = std::move(sorted);
    return true;
}

StacSearchEngine::Result StacSearchEngine::search(const StacSearchQuery &query, QString *error)
{
    const QByteArray key = query.cacheKey();
    for (qsizetype i = 0; i < m_cache.size(); ++i) {
        if (m_cache.at(i).first == key) {
            m_cache.move(i, 0);
            return m_cache.constFirst().second;
        }
    }

    const QSet<QString> collections(query.collections.cbegin(), query.collections.cend());
    const QSet<QString> ids(query.ids.cbegin(), query.ids.cend());
    QList<qsizetype> indexes;
    for (qsizetype i = 0; i < itemCount(); ++i) {
        const StacItemRecord &record = item(i);
        if (!collections.isEmpty() && !collections.contains(record.collection))
            continue;
        if (!ids.isEmpty() && !ids.contains(record.id))
            continue;
        if (matches(record, query))
            indexes.append(i);
    }
    if (!sortResult(&indexes, query.sortby, error))
        return nullptr;

    Result result = std::make_shared<const QList<qsizetype>>(std::move(indexes));
    m_cache.prepend({ key, result });
    if (m_cache.size() > CacheSize)
        m_cache.removeLast();
    return result;
}

} // namespace StacScope
