// CapellaEmulator, part 4: validation of tasking and repeat request bodies against the
// enumerations of capella.md section 8, their normalisation (defaults, localTime as ranges),
// prices and tiles.

#include <algorithm>
#include <cmath>

#include <QtMath>

#include "tests/support/capellaemulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QStringList TaskingTiers { u"urgent"_s, u"priority"_s, u"standard"_s, u"flexible"_s, u"internal"_s };
const QStringList RepeatTiers { u"flexible"_s, u"routine"_s, u"internal"_s, u"insar"_s, u"insar-internal"_s };
const QStringList CollectionTypes { u"spotlight"_s, u"spotlight_ultra"_s, u"spotlight_wide"_s, u"stripmap_20"_s,
    u"stripmap_50"_s, u"stripmap_100"_s, u"parallel_stripmap_20"_s, u"parallel_stripmap_50"_s,
    u"parallel_stripmap_100"_s };
const QStringList ProductTypes { u"SLC"_s, u"GEO"_s, u"SICD"_s, u"GEC"_s, u"SIDD"_s, u"CPHD"_s, u"CSI"_s, u"CSIDD"_s,
    u"VC"_s, u"VS"_s, u"ACD"_s };
const QStringList Holdbacks { u"none"_s, u"1_year"_s, u"30_day"_s, u"permanent"_s };
const QStringList AscDsc { u"ascending"_s, u"descending"_s, u"either"_s };
const QStringList LookDirections { u"left"_s, u"right"_s, u"either"_s };
const QStringList Polarizations { u"HH"_s, u"VV"_s };
const QStringList LocalTimes { u"day"_s, u"night"_s, u"anytime"_s };
const QStringList Squints { u"enabled"_s, u"disabled"_s, u"forward"_s, u"backward"_s };

bool isPosition(const QJsonValue &value)
{
    const QJsonArray position = value.toArray();
    if (position.size() < 2 || position.size() > 3
        || !std::all_of(position.begin(), position.end(), [](const QJsonValue &v) { return v.isDouble(); }))
        return false;
    const double lon = position.at(0).toDouble();
    const double lat = position.at(1).toDouble();
    return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

bool isNumberIn(const QJsonValue &value, double min, double max)
{
    return value.isDouble() && value.toDouble() >= min && value.toDouble() <= max;
}

} // namespace

bool CapellaEmulator::validateGeometry(const QJsonValue &value, ValidationError *error) const
{
    const QJsonObject geometry = value.toObject();
    const QString type = geometry.value("type"_L1).toString();
    const QJsonValue coordinates = geometry.value("coordinates"_L1);
    bool valid = false;
    if (type == "Point"_L1) {
        valid = isPosition(coordinates);
    } else if (type == "Polygon"_L1) {
        const QJsonArray rings = coordinates.toArray();
        valid = !rings.isEmpty();
        for (const QJsonValue &ringValue : rings) {
            const QJsonArray ring = ringValue.toArray();
            valid = valid && ring.size() >= 4 && std::all_of(ring.begin(), ring.end(), isPosition)
                && ring.first() == ring.last();
        }
    } else if (value.isObject()) {
        *error = { u"geometry"_s, u"type must be Point or Polygon, not '%1'"_s.arg(type) };
        return false;
    }
    if (!valid)
        *error = { u"geometry"_s, u"must be a GeoJSON Point or Polygon (closed rings) with lon/lat in range"_s };
    return valid;
}

bool CapellaEmulator::readPreApproval(const QJsonObject &properties, bool *value, ValidationError *error)
{
    // The client sends pre_approval, the docs say preapproval, responses carry preApproval.
    *value = false;
    for (const QString &key : { u"pre_approval"_s, u"preapproval"_s, u"preApproval"_s }) {
        const QJsonValue flag = properties.value(key);
        if (flag.isUndefined() || flag.isNull())
            continue;
        if (!flag.isBool()) {
            *error = { key, u"must be a boolean"_s };
            return false;
        }
        *value = *value || flag.toBool();
    }
    return true;
}

bool CapellaEmulator::validateCommon(const QJsonObject &properties, bool repeat, ValidationError *error) const
{
    const auto fail = [error](const QString &field, const QString &why) {
        *error = { field, why };
        return false;
    };
    const auto oneOf = [&](const QString &field, const QStringList &allowed) {
        const QJsonValue value = properties.value(field);
        if (value.isUndefined() || value.isNull() || (value.isString() && allowed.contains(value.toString())))
            return true;
        return fail(field, u"must be one of %1"_s.arg(allowed.join(u", "_s)));
    };
    const QString nameKey = repeat ? u"repeatrequestName"_s : u"taskingrequestName"_s;
    const QJsonValue name = properties.value(nameKey);
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return fail(nameKey, u"required, a non-empty string"_s);
    const QString descriptionKey = repeat ? u"repeatrequestDescription"_s : u"taskingrequestDescription"_s;
    for (const QString &key : { descriptionKey, u"customAttribute1"_s, u"customAttribute2"_s }) {
        const QJsonValue value = properties.value(key);
        if (!value.isUndefined() && !value.isNull() && !value.isString())
            return fail(key, u"must be a string or null"_s);
    }
    if (!oneOf(u"collectionTier"_s, repeat ? RepeatTiers : TaskingTiers) || !oneOf(u"collectionType"_s, CollectionTypes)
        || !oneOf(u"archiveHoldback"_s, Holdbacks))
        return false;
    if (!repeat) {
        QDateTime open = now();
        QDateTime close = open.addDays(7);
        for (const auto &[key, out] : { std::pair<QString, QDateTime *> { u"windowOpen"_s, &open },
                 std::pair<QString, QDateTime *> { u"windowClose"_s, &close } }) {
            const QJsonValue value = properties.value(key);
            if (value.isUndefined() || value.isNull())
                continue;
            *out = parseTime(value);
            if (!out->isValid())
                return fail(key, u"must be an ISO 8601 date-time, e.g. 2026-05-01T00:00:00.000Z"_s);
        }
        if (open >= close)
            return fail(u"windowClose"_s, u"must be after windowOpen"_s);
        if (close <= now())
            return fail(u"windowClose"_s, u"must be in the future"_s);
    }
    bool preApproval = false;
    if (!readPreApproval(properties, &preApproval, error))
        return false;
    return validateConstraints(properties.value("collectConstraints"_L1), error)
        && validateProcessingConfig(properties.value("processingConfig"_L1), u"processingConfig"_s, error);
}

bool CapellaEmulator::validateConstraints(const QJsonValue &value, ValidationError *error) const
{
    if (value.isUndefined() || value.isNull())
        return true;
    const auto fail = [error](const QString &field, const QString &why) {
        *error = { field.isEmpty() ? u"collectConstraints"_s : u"collectConstraints."_s + field, why };
        return false;
    };
    if (!value.isObject())
        return fail(QString(), u"must be an object"_s);
    const QJsonObject constraints = value.toObject();
    const auto present
        = [&constraints](const QString &key) { return constraints.contains(key) && !constraints.value(key).isNull(); };
    const std::pair<QString, const QStringList *> enums[] = { { u"ascDsc"_s, &AscDsc },
        { u"lookDirection"_s, &LookDirections }, { u"polarization"_s, &Polarizations }, { u"squint"_s, &Squints } };
    for (const auto &[key, allowed] : enums) {
        if (present(key) && !allowed->contains(constraints.value(key).toString()))
            return fail(key, u"must be one of %1"_s.arg(allowed->join(u", "_s)));
    }
    if (present(u"orbitalPlanes"_s)) {
        const QJsonArray planes = constraints.value("orbitalPlanes"_L1).toArray();
        if (!constraints.value("orbitalPlanes"_L1).isArray()
            || !std::all_of(planes.begin(), planes.end(), [](const QJsonValue &plane) {
                   return plane == QJsonValue(45) || plane == QJsonValue(53) || plane == QJsonValue(97);
               }))
            return fail(u"orbitalPlanes"_s, u"must be an array of 45, 53 and 97"_s);
    }
    if (present(u"localTime"_s)) {
        const QJsonValue localTime = constraints.value("localTime"_L1);
        bool valid = localTime.isString() && LocalTimes.contains(localTime.toString());
        if (localTime.isArray()) {
            const QJsonArray ranges = localTime.toArray();
            valid = !ranges.isEmpty() && std::all_of(ranges.begin(), ranges.end(), [](const QJsonValue &range) {
                const QJsonArray pair = range.toArray();
                return pair.size() == 2 && isNumberIn(pair.at(0), 0, 86400) && isNumberIn(pair.at(1), 0, 86400)
                    && pair.at(0).toDouble() < pair.at(1).toDouble();
            });
        }
        if (!valid)
            return fail(u"localTime"_s,
                u"must be day, night, anytime or [[start, end], ...] seconds of the day (0..86400, start < end)"_s);
    }
    const std::pair<QString, double> ranges[] = { { u"offNadirMin"_s, 90 }, { u"offNadirMax"_s, 90 },
        { u"azimuthAngleMin"_s, 360 }, { u"azimuthAngleMax"_s, 360 }, { u"maxSquintAngle"_s, 90 } };
    for (const auto &[key, max] : ranges) {
        if (present(key) && !isNumberIn(constraints.value(key), 0, max))
            return fail(key, u"must be a number from 0 to %1"_s.arg(max));
    }
    if (present(u"offNadirMin"_s) && present(u"offNadirMax"_s)
        && constraints.value("offNadirMin"_L1).toDouble() > constraints.value("offNadirMax"_L1).toDouble())
        return fail(u"offNadirMin"_s, u"must not be greater than offNadirMax"_s);
    for (const QString &key : { u"imageWidth"_s, u"imageLength"_s }) {
        if (present(key) && (!constraints.value(key).isDouble() || constraints.value(key).toDouble() <= 0))
            return fail(key, u"must be a positive number"_s);
    }
    return true;
}

bool CapellaEmulator::validateProcessingConfig(
    const QJsonValue &value, const QString &field, ValidationError *error) const
{
    if (value.isUndefined() || value.isNull())
        return true;
    const QJsonArray types = value.toObject().value("productTypes"_L1).toArray();
    if (!value.isObject() || !value.toObject().value("productTypes"_L1).isArray()) {
        *error = { field + u".productTypes"_s, u"required, an array of product types"_s };
        return false;
    }
    for (const QJsonValue &type : types) {
        if (!ProductTypes.contains(type.toString())) {
            *error = { field + u".productTypes"_s, u"must be among %1"_s.arg(ProductTypes.join(u", "_s)) };
            return false;
        }
    }
    if (!types.contains(QJsonValue(u"GEO"_s))) {
        *error = { field + u".productTypes"_s, u"GEO is mandatory and cannot be removed"_s };
        return false;
    }
    return true;
}

QString CapellaEmulator::instrumentMode(const QString &collectionType)
{
    if (collectionType == "spotlight_wide"_L1)
        return u"sliding_spotlight"_s;
    if (collectionType.contains("stripmap"_L1))
        return u"stripmap"_s;
    return u"spotlight"_s;
}

QJsonArray CapellaEmulator::localTimeRanges(const QJsonValue &value)
{
    const QString text = value.toString();
    if (value.isArray())
        return value.toArray();
    if (text == "day"_L1)
        return QJsonArray { QJsonValue(QJsonArray { 21600, 64800 }) };
    if (text == "night"_L1)
        return QJsonArray { QJsonArray { 0, 21600 }, QJsonArray { 64800, 86400 } };
    return QJsonArray { QJsonValue(QJsonArray { 0, 86400 }) };
}

QJsonObject CapellaEmulator::normalizedConstraints(
    const QJsonObject &given, const QString &geometryType, const QString &collectionType) const
{
    // The client's defaults (section 6) plus what TASK_1 shows the server adding.
    const bool spot = instrumentMode(collectionType) != "stripmap"_L1;
    QJsonObject constraints { { "ascDsc"_L1, u"either"_s }, { "lookDirection"_L1, u"either"_s },
        { "orbitalPlanes"_L1, QJsonArray() }, { "offNadirMin"_L1, 25 }, { "offNadirMax"_L1, 40 },
        { "polarization"_L1, u"HH"_s }, { "squint"_L1, geometryType == "Point"_L1 ? u"enabled"_s : u"disabled"_s },
        { "imageLength"_L1, spot ? 5000 : 20000 }, { "imageWidth"_L1, 5000 }, { "grrMin"_L1, spot ? 0.5 : 1.0 },
        { "grrMax"_L1, spot ? 0.7 : 1.5 }, { "azrMin"_L1, 0.5 }, { "azrMax"_L1, spot ? 0.5 : 1.2 },
        { "neszMax"_L1, -10 }, { "numLooks"_L1, spot ? 9 : 1 } };
    for (auto it = given.begin(); it != given.end(); ++it) {
        if (!it->isNull())
            constraints.insert(it.key(), *it);
    }
    constraints.insert("localTime"_L1, localTimeRanges(given.value("localTime"_L1)));
    constraints.insert("collectMode"_L1, instrumentMode(collectionType));
    return constraints;
}

QList<QJsonObject> CapellaEmulator::tiles(const QJsonObject &geometry)
{
    // A point gets one 5 km tile; a polygon's bounding box is cut into cells of about 10 km
    // (at most 8 x 8).
    double west = 180, east = -180, south = 90, north = -90;
    const QJsonArray coordinates = geometry.value("coordinates"_L1).toArray();
    const bool point = geometry.value("type"_L1).toString() == "Point"_L1;
    const QJsonArray positions = point ? QJsonArray { QJsonValue(coordinates) } : coordinates.at(0).toArray();
    for (const QJsonValue &value : positions) {
        const QJsonArray position = value.toArray();
        west = std::min(west, position.at(0).toDouble());
        east = std::max(east, position.at(0).toDouble());
        south = std::min(south, position.at(1).toDouble());
        north = std::max(north, position.at(1).toDouble());
    }
    const double kmLat = 1 / 111.32;
    const double kmLon = 1 / (111.32 * std::max(0.1, std::cos(qDegreesToRadians((south + north) / 2))));
    if (point) {
        west -= 2.5 * kmLon;
        east += 2.5 * kmLon;
        south -= 2.5 * kmLat;
        north += 2.5 * kmLat;
    }
    const int nx = std::clamp(int(std::ceil((east - west) / kmLon / 10)), 1, 8);
    const int ny = std::clamp(int(std::ceil((north - south) / kmLat / 10)), 1, 8);
    QList<QJsonObject> list;
    const auto round6 = [](double v) { return std::round(v * 1e6) / 1e6; };
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            const double w = round6(west + (east - west) * i / nx);
            const double e = round6(west + (east - west) * (i + 1) / nx);
            const double s = round6(south + (north - south) * j / ny);
            const double n = round6(south + (north - south) * (j + 1) / ny);
            const QJsonArray ring { QJsonArray { w, s }, QJsonArray { e, s }, QJsonArray { e, n }, QJsonArray { w, n },
                QJsonArray { w, s } };
            list.append(
                QJsonObject { { "type"_L1, u"Polygon"_s }, { "coordinates"_L1, QJsonArray { QJsonValue(ring) } } });
        }
    }
    return list;
}

double CapellaEmulator::taskingPrice(const QJsonObject &properties, const QJsonObject &geometry) const
{
    // Per image: by collection type, times the tier and the archive holdback; an area request pays
    // per tile.
    const QString type = properties.value("collectionType"_L1).toString(u"spotlight"_s);
    double base = type == "spotlight_ultra"_L1 ? 4500
        : type == "spotlight_wide"_L1          ? 3500
        : type.endsWith("_20"_L1)              ? 2500
        : type.endsWith("_50"_L1)              ? 3000
        : type.endsWith("_100"_L1)             ? 3500
                                               : 3000;
    if (type.startsWith("parallel_"_L1))
        base += 500;
    const QString tier = properties.value("collectionTier"_L1).toString();
    const double tierFactor = tier == "urgent"_L1 ? 2.0
        : tier == "priority"_L1                   ? 1.5
        : tier == "flexible"_L1                   ? 0.8
        : tier.contains("internal"_L1)            ? 0.0
                                                  : 1.0;
    const QString holdback = properties.value("archiveHoldback"_L1).toString(u"none"_s);
    const double holdbackFactor = holdback == "30_day"_L1 ? 1.1
        : holdback == "1_year"_L1                         ? 1.25
        : holdback == "permanent"_L1                      ? 1.5
                                                          : 1.0;
    return base * tierFactor * holdbackFactor * double(tiles(geometry).size());
}

} // namespace StacScope
