// CapellaEmulator, part 2: the catalog's items (capella.md section 3): realistic generated
// Capella products, ownership, and the GEO/SLC products that completed tasking requests add.

#include <algorithm>
#include <cmath>

#include <QUuid>
#include <QtMath>

#include "tests/support/capellaemulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QUuid CollectNamespace(u"0b6f3c1e-8d2a-4f57-9c3e-5a1d7b2e4f60"_s);

struct Place
{
    double lon;
    double lat;
    const char16_t *timezone;
};

// Targets spread over the world, the first one inside section 3's example bbox (Rome).
const Place Places[] = { { 12.48, 41.89, u"Europe/Rome" }, { 4.10, 51.95, u"Europe/Amsterdam" },
    { 139.77, 35.68, u"Asia/Tokyo" }, { -122.42, 37.77, u"America/Los_Angeles" },
    { -46.63, -23.55, u"America/Sao_Paulo" }, { 31.24, 30.04, u"Africa/Cairo" },
    { 151.21, -33.87, u"Australia/Sydney" }, { 72.88, 19.08, u"Asia/Kolkata" }, { -104.99, 39.74, u"America/Denver" },
    { 36.82, -1.29, u"Africa/Nairobi" }, { 103.82, 1.35, u"Asia/Singapore" }, { -149.90, 61.22, u"America/Anchorage" },
    { 55.27, 25.20, u"Asia/Dubai" }, { -58.38, -34.60, u"America/Argentina/Buenos_Aires" },
    { 178.44, -18.14, u"Pacific/Fiji" }, { -95.37, 29.76, u"America/Chicago" } };

// xorshift32: the same sequence on every platform.
class Random
{
public:
    explicit Random(quint32 seed)
        : m_state(seed * 2654435761u + 0x9e3779b9u)
    {
        if (m_state == 0)
            m_state = 1;
    }
    quint32 next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return m_state;
    }
    double uniform() { return next() / 4294967296.0; } // [0, 1)
    int below(int n) { return int(next() % quint32(n)); }
    bool chance(double p) { return uniform() < p; }

private:
    quint32 m_state;
};

double round2(double value)
{
    return std::round(value * 100) / 100;
}

double round6(double value)
{
    return std::round(value * 1e6) / 1e6;
}

// What one collect looks like; its products differ by product type only.
struct Collect
{
    QString collectId;
    int satellite = 2;
    QString mode; // spotlight, stripmap, sliding_spotlight
    QString polarization;
    QDateTime start;
    int durationMs = 10000;
    double lon = 0;
    double lat = 0;
    QString timezone;
    bool ascending = true;
    bool right = true;
    double lookAngle = 30;
    int orbitalPlane = 45;
    double squint = 0;
    QString collection; // empty: by product type
};

QString modeCode(const QString &mode)
{
    return mode == "spotlight"_L1 ? u"SP"_s : mode == "stripmap"_L1 ? u"SM"_s : u"SS"_s;
}

QJsonObject makeProduct(const Collect &c, const QString &productType)
{
    const QDateTime end = c.start.addMSecs(c.durationMs);
    const QString id = u"CAPELLA_C%1_%2_%3_%4_%5_%6"_s.arg(c.satellite, 2, 10, QChar(u'0'))
                           .arg(modeCode(c.mode), productType, c.polarization, c.start.toString(u"yyyyMMddHHmmss"_s),
                               end.toString(u"yyyyMMddHHmmss"_s));
    const QString collection = !c.collection.isEmpty() ? c.collection
        : productType == "GEO"_L1                      ? u"capella-geo"_s
                                                       : u"capella-archive"_s;

    // A parallelogram footprint along the ground track (km), turned into degrees.
    const bool spot = c.mode == "spotlight"_L1;
    const double widthKm = 5;
    const double lengthKm = spot ? 5 : c.mode == "stripmap"_L1 ? 20 : 10;
    const double heading = qDegreesToRadians(c.ascending ? -12.0 : 192.0);
    const double kmLat = 1 / 111.32;
    const double kmLon = 1 / (111.32 * std::max(0.1, std::cos(qDegreesToRadians(c.lat))));
    const double alongE = std::sin(heading) * lengthKm / 2;
    const double alongN = std::cos(heading) * lengthKm / 2;
    const double crossE = std::cos(heading) * widthKm / 2;
    const double crossN = -std::sin(heading) * widthKm / 2;
    QJsonArray ring;
    double west = 180, east = -180, south = 90, north = -90;
    const std::pair<int, int> corners[] = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 }, { -1, -1 } };
    for (const auto &[a, b] : corners) {
        const double lon = round6(c.lon + (a * crossE + b * alongE) * kmLon);
        const double lat = round6(c.lat + (a * crossN + b * alongN) * kmLat);
        ring.append(QJsonArray { lon, lat });
        west = std::min(west, lon);
        east = std::max(east, lon);
        south = std::min(south, lat);
        north = std::max(north, lat);
    }

    const double incidence = round2(c.lookAngle + 2.5 + c.lookAngle * 0.08);
    const double resolutionRange = spot ? 0.5 : c.mode == "stripmap"_L1 ? 1.2 : 0.8;
    const double resolutionAzimuth = spot ? 0.5 : c.mode == "stripmap"_L1 ? 1.6 : 0.9;
    const bool slant = productType == "SLC"_L1 || productType == "SICD"_L1;
    const int looksAzimuth = slant ? 1 : (spot ? 9 : 2);
    const int utmZone = std::clamp(int(std::floor((c.lon + 180) / 6)) + 1, 1, 60);
    QJsonObject properties {
        { "datetime"_L1, c.start.addMSecs(c.durationMs / 2).toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz000'Z'"_s) },
        { "start_datetime"_L1, c.start.toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz000'Z'"_s) },
        { "end_datetime"_L1, end.toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz000'Z'"_s) },
        { "platform"_L1, u"capella-%1"_s.arg(c.satellite) },
        { "constellation"_L1, u"capella"_s },
        { "instruments"_L1, QJsonArray { u"capella-radar-%1"_s.arg(c.satellite) } },
        { "sar:instrument_mode"_L1, c.mode },
        { "sar:frequency_band"_L1, u"X"_s },
        { "sar:center_frequency"_L1, 9.65 },
        { "sar:polarizations"_L1, QJsonArray { c.polarization } },
        { "sar:product_type"_L1, productType },
        { "sar:observation_direction"_L1, c.right ? u"right"_s : u"left"_s },
        { "sar:resolution_range"_L1, resolutionRange },
        { "sar:resolution_azimuth"_L1, resolutionAzimuth },
        { "sar:pixel_spacing_range"_L1, slant ? round2(resolutionRange * 0.7) : round2(resolutionRange * 0.7 + 0.05) },
        { "sar:pixel_spacing_azimuth"_L1, round2(resolutionAzimuth * 0.7) },
        { "sar:looks_range"_L1, 1 },
        { "sar:looks_azimuth"_L1, looksAzimuth },
        { "sar:looks_equivalent_number"_L1, looksAzimuth },
        { "sat:orbit_state"_L1, c.ascending ? u"ascending"_s : u"descending"_s },
        { "view:look_angle"_L1, round2(c.lookAngle) },
        { "view:incidence_angle"_L1, incidence },
        { "view:azimuth"_L1, round2(c.ascending ? (c.right ? 78.0 : 258.0) : (c.right ? 282.0 : 102.0)) },
        { "capella:collect_id"_L1, c.collectId },
        { "capella:resolution_ground_range"_L1, round2(resolutionRange / std::sin(qDegreesToRadians(incidence))) },
        { "capella:squint_angle"_L1, round2(c.squint) },
        { "capella:layover_angle"_L1, round2(-std::abs(c.squint) - 2.5) },
        { "capella:orbital_plane"_L1, c.orbitalPlane },
        { "capella:image_formation_algorithm"_L1, spot ? u"pfa"_s : u"backprojection"_s },
        { "capella:collection_type"_L1,
            spot                          ? u"spotlight"_s
                : c.mode == "stripmap"_L1 ? u"stripmap_20"_s
                                          : u"spotlight_wide"_s },
        { "capella:billable_area"_L1, qint64(widthKm * lengthKm * 1e6) },
        { "locale:timezone"_L1, c.timezone },
    };
    if (!slant) {
        properties.insert("proj:epsg"_L1, (c.lat >= 0 ? 32600 : 32700) + utmZone);
        properties.insert("proj:shape"_L1, QJsonArray { int(lengthKm * 1000 / 0.7), int(widthKm * 1000 / 0.7) });
    }

    const QString bucket = collection == "capella-open-data"_L1 ? CapellaEmulator::OpenDataBucket.toString()
                                                                : CapellaEmulator::ArchiveBucket.toString();
    const QString folder = CapellaEmulator::AssetOrigin.toString() + u'/' + bucket
        + c.start.toString(u"'/data/'yyyy'/'M'/'d'/'"_s) + id + u'/' + id;
    const QJsonObject assets {
        { c.polarization,
            QJsonObject { { "href"_L1, QString(folder + u".tif"_s) },
                { "type"_L1, u"image/tiff; application=geotiff; profile=cloud-optimized"_s },
                { "title"_L1, u"Data file"_s }, { "roles"_L1, QJsonArray { u"data"_s } },
                { "sar:polarizations"_L1, QJsonArray { c.polarization } } } },
        { "thumbnail"_L1,
            QJsonObject { { "href"_L1, QString(folder + u"_thumb.png"_s) }, { "type"_L1, u"image/png"_s },
                { "title"_L1, u"Thumbnail image"_s }, { "roles"_L1, QJsonArray { u"thumbnail"_s } } } },
        { "metadata"_L1,
            QJsonObject { { "href"_L1, QString(folder + u"_extended.json"_s) }, { "type"_L1, u"application/json"_s },
                { "title"_L1, u"Extended metadata"_s }, { "roles"_L1, QJsonArray { u"metadata"_s } } } },
    };
    const QString api = u"https://api.capellaspace.com/catalog"_s;
    const auto link = [](const QString &rel, const QString &type, const QString &href) {
        return QJsonObject { { "rel"_L1, rel }, { "type"_L1, type }, { "href"_L1, href } };
    };
    return QJsonObject {
        { "type"_L1, u"Feature"_s },
        { "stac_version"_L1, u"1.0.0"_s },
        { "stac_extensions"_L1,
            QJsonArray { u"https://stac-extensions.github.io/sar/v1.0.0/schema.json"_s,
                u"https://stac-extensions.github.io/sat/v1.0.0/schema.json"_s,
                u"https://stac-extensions.github.io/view/v1.0.0/schema.json"_s,
                u"https://stac-extensions.github.io/projection/v1.0.0/schema.json"_s } },
        { "id"_L1, id },
        { "collection"_L1, collection },
        { "geometry"_L1,
            QJsonObject { { "type"_L1, u"Polygon"_s }, { "coordinates"_L1, QJsonArray { QJsonValue(ring) } } } },
        { "bbox"_L1, QJsonArray { west, south, east, north } },
        { "properties"_L1, properties },
        { "links"_L1,
            QJsonArray {
                link(u"self"_s, u"application/geo+json"_s, api + u"/collections/"_s + collection + u"/items/"_s + id),
                link(u"collection"_s, u"application/json"_s, api + u"/collections/"_s + collection),
                link(u"root"_s, u"application/json"_s, api) } },
        { "assets"_L1, assets },
    };
}

} // namespace

QList<QJsonObject> CapellaEmulator::generateItems(int count, quint32 seed)
{
    static const QStringList modes { u"spotlight"_s, u"stripmap"_s, u"sliding_spotlight"_s };
    Random random(seed);
    QList<QJsonObject> items;
    items.reserve(std::max(0, count));
    const QDateTime epoch(QDate(2021, 1, 1), QTime(0, 0), Qt::UTC);
    int collectNumber = 0;
    while (items.size() < count) {
        Collect c;
        c.collectId = QUuid::createUuidV5(CollectNamespace, u"%1/%2"_s.arg(seed).arg(collectNumber))
                          .toString(QUuid::WithoutBraces);
        const Place &place = Places[collectNumber % int(std::size(Places))];
        ++collectNumber;
        c.satellite = 2 + random.below(14);
        c.mode = modes.at(random.below(3));
        c.polarization = random.chance(0.7) ? u"HH"_s : u"VV"_s;
        c.start = epoch.addSecs(qint64(random.uniform() * 5 * 365 * 86400)).addMSecs(random.below(1000));
        c.durationMs = c.mode == "spotlight"_L1 ? 10000 : c.mode == "stripmap"_L1 ? 4000 : 12000;
        c.lon = round6(place.lon + (random.uniform() - 0.5) * 0.2);
        c.lat = round6(place.lat + (random.uniform() - 0.5) * 0.2);
        c.timezone = QString::fromUtf16(place.timezone);
        c.ascending = random.chance(0.5);
        c.right = random.chance(0.5);
        c.lookAngle = 15 + random.uniform() * 30;
        c.orbitalPlane = QList<int> { 45, 53, 97 }.at(c.satellite % 3);
        c.squint = (random.uniform() - 0.5) * (c.mode == "stripmap"_L1 ? 2 : 20);
        if (random.chance(0.25))
            c.collection = u"capella-open-data"_s;
        QStringList types { u"GEO"_s };
        if (random.chance(0.8))
            types.append(u"SLC"_s);
        if (random.chance(0.2))
            types.append(u"GEC"_s);
        else if (random.chance(0.2))
            types.append(u"SICD"_s);
        for (const QString &type : std::as_const(types)) {
            if (items.size() < count)
                items.append(makeProduct(c, type));
        }
    }
    return items;
}

void CapellaEmulator::setItems(const QList<QJsonObject> &items)
{
    m_items = items;
    m_ownership.clear();
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const QJsonObject &item = m_items.at(i);
        const QString id = item.value("id"_L1).toString();
        QString ownership = u"availableForPurchase"_s;
        if (item.value("collection"_L1).toString() == "capella-open-data"_L1)
            ownership = u"publiclyAvailable"_s;
        else if (i % 7 == 3)
            ownership = u"ownedByOrganization"_s;
        else if (i % 11 == 5)
            ownership = u"sharedWithOrganization"_s;
        m_ownership.insert(id, ownership);
    }
    m_rasterCache.clear();
    rebuildIndex();
}

void CapellaEmulator::rebuildIndex() const
{
    m_itemIndex.clear();
    for (qsizetype i = 0; i < m_items.size(); ++i)
        m_itemIndex.insert(m_items.at(i).value("id"_L1).toString(), i);
}

QList<QJsonObject> CapellaEmulator::items() const
{
    syncRepeatRequests();
    return m_items + taskingProducts();
}

QJsonObject CapellaEmulator::item(const QString &id) const
{
    const QJsonObject *found = findItem(id);
    return found ? served(*found) : QJsonObject();
}

void CapellaEmulator::setItemOwnership(const QString &id, const QString &ownership)
{
    m_ownership.insert(id, ownership);
}

QString CapellaEmulator::itemOwnership(const QString &id) const
{
    const auto it = m_ownership.constFind(id);
    if (it != m_ownership.constEnd())
        return *it;
    return findItem(id) ? u"ownedByOrganization"_s : QString(); // tasking products
}

const QJsonObject *CapellaEmulator::findItem(const QString &id) const
{
    const auto it = m_itemIndex.constFind(id);
    if (it != m_itemIndex.constEnd())
        return &m_items.at(*it);
    taskingProducts(); // fills the cache of completed requests
    const auto product = m_productCache.constFind(id);
    return product != m_productCache.constEnd() ? &product.value() : nullptr;
}

QJsonObject CapellaEmulator::served(const QJsonObject &item) const
{
    QJsonObject assets = item.value("assets"_L1).toObject();
    const QString origin = AssetOrigin.toString();
    for (auto it = assets.begin(); it != assets.end(); ++it) {
        QJsonObject asset = it->toObject();
        const QString href = asset.value("href"_L1).toString();
        if (href.startsWith(origin)) {
            asset.insert("href"_L1, QString(filesUrl().toString() + href.mid(origin.size())));
            *it = asset;
        }
    }
    QJsonObject copy = item;
    copy.insert("assets"_L1, assets);
    return copy;
}

QList<QJsonObject> CapellaEmulator::taskingProducts() const
{
    QList<QJsonObject> products;
    for (const TaskingRecord &record : std::as_const(m_tasking)) {
        if (record.seeded || taskingStatus(record) != "completed"_L1)
            continue;
        const QJsonObject properties = record.feature.value("properties"_L1).toObject();
        const QJsonObject constraints = properties.value("collectConstraints"_L1).toObject();
        const QJsonArray collectList = collectsJson(record);
        for (const QJsonValue &value : collectList) {
            const QJsonObject collect = value.toObject();
            Collect c;
            c.collectId = collect.value("collectId"_L1).toString();
            c.satellite = collect.value("spacecraftId"_L1).toInt();
            c.mode = constraints.value("collectMode"_L1).toString();
            c.polarization = constraints.value("polarization"_L1).toString(u"HH"_s);
            c.start = parseTime(collect.value("windowOpen"_L1));
            c.durationMs
                = int(collect.value("collectProperties"_L1).toObject().value("collectDuration"_L1).toDouble() * 1000);
            const QJsonArray center = collect.value("center"_L1).toArray();
            c.lon = center.at(0).toDouble();
            c.lat = center.at(1).toDouble();
            c.timezone = u"UTC"_s;
            const QJsonObject access = collect.value("accessProperties"_L1).toObject();
            c.ascending = access.value("ascdsc"_L1).toString() != "descending"_L1;
            c.right = access.value("lookDirection"_L1).toString() != "left"_L1;
            c.lookAngle = (access.value("offNadirMin"_L1).toDouble() + access.value("offNadirMax"_L1).toDouble()) / 2;
            c.orbitalPlane = QList<int> { 45, 53, 97 }.at(c.satellite % 3);
            for (const QString &type : { u"GEO"_s, u"SLC"_s }) {
                QJsonObject product = makeProduct(c, type);
                const QString id = product.value("id"_L1).toString();
                const auto cached = m_productCache.constFind(id);
                if (cached == m_productCache.constEnd())
                    m_productCache.insert(id, product);
                else
                    product = *cached;
                products.append(product);
            }
        }
    }
    return products;
}

} // namespace StacScope
