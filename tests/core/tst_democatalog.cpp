// DemoCatalog: determinism, validity of every item against our parser, the antimeridian and polar
// cases, ground tracks, and both on-disk layouts (emulator pages and a static catalog).
#include <cmath>
#include <limits>

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "src/demo/democatalog.h"
#include "src/net/networkclient.h"
#include "src/stac/itemparser.h"
#include "src/stac/itemstore.h"
#include "src/stac/staticcatalogjob.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

constexpr int SampleSize = 1000;
constexpr int StaticSize = 2500;

QJsonObject parseObject(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"invalid JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString());
        return {};
    }
    if (!doc.isObject()) {
        *error = u"not a JSON object"_s;
        return {};
    }
    return doc.object();
}

QJsonObject parseOrFail(const QByteArray &json)
{
    QString error;
    const QJsonObject object = parseObject(json, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return object;
}

// Twice the signed area (shoelace); positive for counter-clockwise rings.
double signedArea(const QJsonArray &ring)
{
    double sum = 0;
    for (qsizetype i = 0; i + 1 < ring.size(); ++i) {
        const QJsonArray a = ring.at(i).toArray();
        const QJsonArray b = ring.at(i + 1).toArray();
        sum += a.at(0).toDouble() * b.at(1).toDouble() - b.at(0).toDouble() * a.at(1).toDouble();
    }
    return sum;
}

// Checks one linear ring: closed, >= 4 positions, lon/lat in range, counter-clockwise.
QString checkRing(const QJsonArray &ring)
{
    if (ring.size() < 4)
        return u"ring has %1 positions"_s.arg(ring.size());
    if (ring.first() != ring.last())
        return u"ring is not closed"_s;
    for (const QJsonValue &value : ring) {
        const QJsonArray position = value.toArray();
        if (position.size() != 2 || !position.at(0).isDouble() || !position.at(1).isDouble())
            return u"bad position"_s;
        const double lon = position.at(0).toDouble();
        const double lat = position.at(1).toDouble();
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
            return u"position out of range: %1, %2"_s.arg(lon).arg(lat);
    }
    if (signedArea(ring) <= 0)
        return u"ring is not counter-clockwise"_s;
    return {};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

enum class Layout
{
    Api,
    Static
};

// Validates the structure and value ranges of one generated item. Returns an error text or empty.
QString checkItem(const QJsonObject &item, int index, const DemoCatalog::Options &options, Layout layout = Layout::Api)
{
    if (item.value(u"type"_s).toString() != u"Feature"_s)
        return u"type is not Feature"_s;
    if (item.value(u"stac_version"_s).toString() != u"1.0.0"_s)
        return u"stac_version"_s;
    if (!item.value(u"stac_extensions"_s).isArray() || item.value(u"stac_extensions"_s).toArray().size() < 5)
        return u"stac_extensions"_s;
    const QString id = item.value(u"id"_s).toString();
    if (id != DemoCatalog::itemId(index, options))
        return u"id %1"_s.arg(id);
    const QString collection = item.value(u"collection"_s).toString();
    if (collection != DemoCatalog::collectionId(index, options))
        return u"collection %1"_s.arg(collection);
    const bool sar = collection.contains(u"sar"_s);

    const QJsonObject geometry = item.value(u"geometry"_s).toObject();
    const QString geometryType = geometry.value(u"type"_s).toString();
    const QJsonArray coordinates = geometry.value(u"coordinates"_s).toArray();
    QList<QJsonArray> rings;
    if (geometryType == u"Polygon"_s && coordinates.size() == 1) {
        rings.append(coordinates.at(0).toArray());
    } else if (geometryType == u"MultiPolygon"_s && coordinates.size() == 2) {
        for (const QJsonValue &polygon : coordinates) {
            if (polygon.toArray().size() != 1)
                return u"multipolygon part with holes"_s;
            rings.append(polygon.toArray().at(0).toArray());
        }
    } else {
        return u"geometry %1 with %2 parts"_s.arg(geometryType).arg(coordinates.size());
    }
    for (const QJsonArray &ring : std::as_const(rings)) {
        if (const QString error = checkRing(ring); !error.isEmpty())
            return error;
    }
    if (geometryType == u"Polygon"_s && rings.first().size() != 5)
        return u"polygon has %1 positions, expected 5"_s.arg(rings.first().size());

    const QJsonArray bbox = item.value(u"bbox"_s).toArray();
    if (bbox.size() != 4)
        return u"bbox size %1"_s.arg(bbox.size());
    const double west = bbox.at(0).toDouble();
    const double south = bbox.at(1).toDouble();
    const double east = bbox.at(2).toDouble();
    const double north = bbox.at(3).toDouble();
    if (!(south < north) || west < -180 || east > 180 || south < -90 || north > 90)
        return u"bbox values"_s;
    if ((west > east) != (geometryType == u"MultiPolygon"_s))
        return u"bbox west/east order does not match the geometry type"_s;
    for (const QJsonArray &ring : std::as_const(rings)) {
        for (const QJsonValue &value : ring) {
            const double lon = value.toArray().at(0).toDouble();
            const double lat = value.toArray().at(1).toDouble();
            const bool lonInside = west <= east ? (lon >= west && lon <= east) : (lon >= west || lon <= east);
            if (!lonInside || lat < south || lat > north)
                return u"vertex %1, %2 outside bbox"_s.arg(lon).arg(lat);
        }
    }

    const QJsonObject properties = item.value(u"properties"_s).toObject();
    const QDateTime datetime = QDateTime::fromString(properties.value(u"datetime"_s).toString(), Qt::ISODateWithMs);
    const QDateTime created = QDateTime::fromString(properties.value(u"created"_s).toString(), Qt::ISODateWithMs);
    const QDateTime updated = QDateTime::fromString(properties.value(u"updated"_s).toString(), Qt::ISODateWithMs);
    if (!datetime.isValid() || !created.isValid() || !updated.isValid())
        return u"unparsable datetime/created/updated"_s;
    if (datetime.timeSpec() != Qt::UTC || datetime.date().year() < 2015 || datetime.date().year() > 2024)
        return u"datetime %1"_s.arg(datetime.toString(Qt::ISODateWithMs));
    if (created < datetime || updated < created)
        return u"created/updated before datetime"_s;
    for (const auto &key : { u"platform"_s, u"constellation"_s, u"proj:code"_s, u"sat:orbit_state"_s }) {
        if (properties.value(key).toString().isEmpty())
            return u"missing %1"_s.arg(key);
    }
    if (!properties.value(u"proj:code"_s).toString().startsWith(u"EPSG:32"_s))
        return u"proj:code"_s;
    if (properties.value(u"instruments"_s).toArray().isEmpty())
        return u"instruments"_s;
    const auto inRange = [&properties](const QString &key, double low, double high) {
        const QJsonValue value = properties.value(key);
        return value.isDouble() && value.toDouble() >= low && value.toDouble() <= high;
    };
    if (!inRange(u"gsd"_s, 0.3, 20) || !inRange(u"view:off_nadir"_s, 0, 45)
        || !inRange(u"sat:relative_orbit"_s, 1, 300))
        return u"numeric property out of range"_s;
    if (sar) {
        if (properties.contains(u"eo:cloud_cover"_s) || properties.contains(u"view:sun_elevation"_s))
            return u"SAR item with optical properties"_s;
        if (properties.value(u"sar:instrument_mode"_s).toString().isEmpty()
            || properties.value(u"sar:product_type"_s).toString().isEmpty()
            || properties.value(u"sar:polarizations"_s).toArray().isEmpty()
            || !inRange(u"view:incidence_angle"_s, 20, 45))
            return u"SAR item without its sar: fields"_s;
    } else if (!inRange(u"eo:cloud_cover"_s, 0, 100) || !inRange(u"view:sun_elevation"_s, 0, 90)
        || !inRange(u"view:sun_azimuth"_s, 0, 360)) {
        return u"optical property out of range"_s;
    }

    QSet<QString> rels;
    const QString base = options.baseUrl.endsWith(u'/') ? options.baseUrl : options.baseUrl + u'/';
    for (const QJsonValue &value : item.value(u"links"_s).toArray()) {
        const QJsonObject link = value.toObject();
        const QString href = link.value(u"href"_s).toString();
        rels.insert(link.value(u"rel"_s).toString());
        if (layout == Layout::Api && !href.startsWith(base))
            return u"link href %1 outside base URL"_s.arg(href);
        if (layout == Layout::Static && !href.startsWith(u"../"_s))
            return u"link href %1 is not relative"_s.arg(href);
        if (link.value(u"rel"_s).toString() == u"self"_s && !href.endsWith(u'/' + id))
            return u"self link does not end with the id"_s;
    }
    const QSet<QString> expectedRels = layout == Layout::Api
        ? QSet<QString> { u"self"_s, u"parent"_s, u"collection"_s, u"root"_s }
        : QSet<QString> { u"parent"_s, u"collection"_s, u"root"_s };
    if (rels != expectedRels)
        return u"unexpected link rels"_s;

    const QJsonObject assets = item.value(u"assets"_s).toObject();
    QList<std::pair<QString, QString>> expectedAssets
        = { { u"thumbnail"_s, u"thumbnail"_s }, { u"metadata"_s, u"metadata"_s } };
    if (sar) {
        for (const QJsonValue &polarization : properties.value(u"sar:polarizations"_s).toArray())
            expectedAssets.append({ polarization.toString(), u"data"_s });
    } else {
        expectedAssets.append({ { u"visual"_s, u"visual"_s }, { u"analytic"_s, u"data"_s } });
    }
    if (assets.size() != expectedAssets.size())
        return u"asset count %1"_s.arg(assets.size());
    static const QRegularExpression checksumPattern(u"^1220[0-9a-f]{64}$"_s);
    for (const auto &[key, role] : std::as_const(expectedAssets)) {
        const QJsonObject asset = assets.value(key).toObject();
        const QString href = asset.value(u"href"_s).toString();
        if (asset.value(u"type"_s).toString().isEmpty())
            return u"asset %1 type"_s.arg(key);
        if (layout == Layout::Api && !href.startsWith(base))
            return u"asset %1 href %2"_s.arg(key, href);
        const QString staticHref = key == u"thumbnail"_s
            ? QString(u"../thumbnails/"_s + id + u".png"_s)
            : QString(u"https://demo.stacscope.invalid/"_s + collection + u'/' + id + u'/' + href.section(u'/', -1));
        if (layout == Layout::Static && href != staticHref)
            return u"asset %1 href %2"_s.arg(key, href);
        if (!asset.value(u"roles"_s).toArray().contains(role))
            return u"asset %1 lacks role %2"_s.arg(key, role);
        if (key == u"thumbnail"_s)
            continue; // drawn after the JSON is written, so its size is not known here
        const QJsonValue size = asset.value(u"file:size"_s);
        if (!size.isDouble() || size.toDouble() < 1 || size.toDouble() != std::floor(size.toDouble()))
            return u"asset %1 file:size"_s.arg(key);
        if (!checksumPattern.match(asset.value(u"file:checksum"_s).toString()).hasMatch())
            return u"asset %1 file:checksum"_s.arg(key);
    }
    if (!sar && assets.value(u"analytic"_s).toObject().value(u"eo:bands"_s).toArray().size() < 4)
        return u"analytic asset without eo:bands"_s;
    return {};
}

QJsonArray features(const QByteArray &json)
{
    const QJsonObject object = parseOrFail(json);
    return object.value(u"features"_s).toArray();
}

double centerLatOf(const QJsonObject &item)
{
    const QJsonArray bbox = item.value(u"bbox"_s).toArray();
    return (bbox.at(1).toDouble() + bbox.at(3).toDouble()) / 2;
}

// Whether a collection's first extent box and interval hold the item.
QString extentHolds(const QJsonObject &collection, const QJsonObject &item)
{
    const QJsonObject extent = collection.value(u"extent"_s).toObject();
    const QJsonArray box = extent.value(u"spatial"_s).toObject().value(u"bbox"_s).toArray().at(0).toArray();
    const QJsonArray itemBox = item.value(u"bbox"_s).toArray();
    const bool crossing = itemBox.at(0).toDouble() > itemBox.at(2).toDouble();
    if (itemBox.at(1).toDouble() < box.at(1).toDouble() || itemBox.at(3).toDouble() > box.at(3).toDouble())
        return u"latitude outside the extent"_s;
    if (crossing ? (box.at(0).toDouble() != -180 || box.at(2).toDouble() != 180)
                 : (itemBox.at(0).toDouble() < box.at(0).toDouble() || itemBox.at(2).toDouble() > box.at(2).toDouble()))
        return u"longitude outside the extent"_s;
    const QJsonArray interval = extent.value(u"temporal"_s).toObject().value(u"interval"_s).toArray().at(0).toArray();
    const QDateTime start = QDateTime::fromString(interval.at(0).toString(), Qt::ISODateWithMs);
    const QDateTime end = QDateTime::fromString(interval.at(1).toString(), Qt::ISODateWithMs);
    const QDateTime datetime = QDateTime::fromString(
        item.value(u"properties"_s).toObject().value(u"datetime"_s).toString(), Qt::ISODateWithMs);
    if (!start.isValid() || !end.isValid() || datetime < start || datetime > end)
        return u"datetime %1 outside %2/%3"_s.arg(
            datetime.toString(Qt::ISODateWithMs), start.toString(Qt::ISODate), end.toString(Qt::ISODate));
    return {};
}

bool waitFor(StacJob *job)
{
    if (job->isFinished())
        return true;
    QSignalSpy spy(job, &StacJob::finished);
    return spy.wait(60000);
}

// Relative path -> bytes of every file under `dir`.
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(dir).relativeFilePath(path), readFile(path));
    }
    return files;
}

} // namespace

class TestDemoCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameInputsGiveIdenticalBytes();
    void otherSeedOrIndexGivesOtherBytes();
    void itemsAreValidStacFeatures();
    void averageSizeIsAboutTwoAndAHalfKilobytes();
    void antimeridianItemsAreSplitMultiPolygons();
    void someItemsAreAtHighLatitude();
    void framesFollowSunSynchronousGroundTracks();
    void opticalScenesAreInDaylight();
    void checksumsAreSha256Multihashes();
    void optionsControlIdsAndUrls();
    void featureCollectionContainsTheRequestedRange();
    void collectionDocumentMatchesItems();
    void writeCatalogDirectoryWritesPagesAndCollections();
    void writeCatalogDirectoryReportsErrors();
    void staticCatalogIsDeterministic();
    void staticCatalogLinksAreRelative();
    void staticItemsParseWithoutWarnings();
    void staticCatalogJobLoadsEverything();
    void writeStaticCatalogRejectsUnsafeIds();

private:
    QTemporaryDir m_temp;
    QString m_static; // a StaticSize-item static catalog written once
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
};

void TestDemoCatalog::initTestCase()
{
    QVERIFY(m_temp.isValid());
    m_static = m_temp.filePath(u"static"_s);
    QString error;
    QVERIFY2(DemoCatalog::writeStaticCatalog(m_static, StaticSize, {}, &error), qPrintable(error));
}

void TestDemoCatalog::sameInputsGiveIdenticalBytes()
{
    const DemoCatalog::Options options;
    // Generation order must not matter: an item is a pure function of (index, options).
    const QByteArray single = DemoCatalog::item(437, options);
    const QByteArray page = DemoCatalog::featureCollection(0, SampleSize, options);
    QCOMPARE(DemoCatalog::item(437, DemoCatalog::Options()), single);
    QVERIFY(page.contains(single));
    QCOMPARE(DemoCatalog::featureCollection(0, SampleSize, DemoCatalog::Options()), page);
    QCOMPARE(DemoCatalog::collection(u"demo-sar"_s, options), DemoCatalog::collection(u"demo-sar"_s, options));
    QCOMPARE(DemoCatalog::staticItem(1999, options), DemoCatalog::staticItem(1999, DemoCatalog::Options()));
}

void TestDemoCatalog::otherSeedOrIndexGivesOtherBytes()
{
    DemoCatalog::Options other;
    other.seed = 2;
    const DemoCatalog::Options defaults;
    int identical = 0;
    for (int i = 0; i < 100; ++i) {
        if (DemoCatalog::item(i, defaults) == DemoCatalog::item(i, other))
            ++identical;
    }
    QCOMPARE(identical, 0);
    QVERIFY(DemoCatalog::featureCollection(0, 10, defaults) != DemoCatalog::featureCollection(0, 10, other));
    // The id stays the same for another seed, only the content changes.
    QCOMPARE(parseOrFail(DemoCatalog::item(6, other)).value(u"id"_s).toString(), u"demo-optical-000006"_s);
    QVERIFY(DemoCatalog::item(3, defaults) != DemoCatalog::item(6, defaults)); // same collection, other index
}

void TestDemoCatalog::itemsAreValidStacFeatures()
{
    const DemoCatalog::Options options;
    QSet<QString> ids;
    QSet<QString> modes;
    for (int i = 0; i < SampleSize; ++i) {
        QString error;
        const QJsonObject item = parseObject(DemoCatalog::item(i, options), &error);
        QVERIFY2(error.isEmpty(), qPrintable(u"item %1: %2"_s.arg(i).arg(error)));
        error = checkItem(item, i, options);
        QVERIFY2(error.isEmpty(), qPrintable(u"item %1: %2"_s.arg(i).arg(error)));
        ids.insert(item.value(u"id"_s).toString());
        modes.insert(item.value(u"properties"_s).toObject().value(u"sar:instrument_mode"_s).toString());
    }
    QCOMPARE(ids.size(), SampleSize);
    QCOMPARE(modes, (QSet<QString> { QString(), u"spotlight"_s, u"stripmap"_s, u"scansar"_s }));
    QCOMPARE(DemoCatalog::itemId(123, options), u"demo-optical-000123"_s);
    QCOMPARE(DemoCatalog::itemId(124, options), u"demo-sar-000124"_s);
    QCOMPARE(DemoCatalog::itemId(125, options), u"demo-archive-000125"_s);
    QCOMPARE(DemoCatalog::itemId(1234567, options), u"demo-sar-1234567"_s);

    // The three kinds look like what they claim to be.
    const QJsonObject optical = parseOrFail(DemoCatalog::item(0, options)).value(u"properties"_s).toObject();
    const QJsonObject archive = parseOrFail(DemoCatalog::item(2, options)).value(u"properties"_s).toObject();
    QCOMPARE(optical.value(u"gsd"_s).toDouble(), 10.0);
    QVERIFY(archive.value(u"gsd"_s).toDouble() >= 0.5 && archive.value(u"gsd"_s).toDouble() <= 0.62);
}

void TestDemoCatalog::averageSizeIsAboutTwoAndAHalfKilobytes()
{
    qint64 total = 0;
    qsizetype smallest = std::numeric_limits<qsizetype>::max();
    qsizetype largest = 0;
    for (int i = 0; i < SampleSize; ++i) {
        const qsizetype size = DemoCatalog::item(i, {}).size();
        total += size;
        smallest = std::min(smallest, size);
        largest = std::max(largest, size);
    }
    const double average = double(total) / SampleSize;
    QVERIFY2(average >= 2000 && average <= 3200, qPrintable(u"average item size %1 bytes"_s.arg(average)));
    QVERIFY2(smallest > 1500 && largest < 4500, qPrintable(u"sizes %1..%2"_s.arg(smallest).arg(largest)));
}

void TestDemoCatalog::antimeridianItemsAreSplitMultiPolygons()
{
    const DemoCatalog::Options options;
    int crossing = 0;
    for (int i = 0; i < SampleSize; ++i) {
        const QJsonObject item = parseOrFail(DemoCatalog::item(i, options));
        const QJsonObject geometry = item.value(u"geometry"_s).toObject();
        const QJsonArray bbox = item.value(u"bbox"_s).toArray();
        const bool multi = geometry.value(u"type"_s).toString() == u"MultiPolygon"_s;
        QCOMPARE(multi, DemoCatalog::crossesAntimeridian(i, options));
        if (!multi) {
            QVERIFY(bbox.at(0).toDouble() <= bbox.at(2).toDouble());
            continue;
        }
        ++crossing;
        QVERIFY2(bbox.at(0).toDouble() > bbox.at(2).toDouble(), "antimeridian bbox must have west > east");
        QVERIFY(bbox.at(0).toDouble() > 170 && bbox.at(2).toDouble() < -170);
        // The western part ends at +180, the eastern part starts at -180.
        const QJsonArray parts = geometry.value(u"coordinates"_s).toArray();
        QCOMPARE(parts.size(), 2);
        for (int part = 0; part < 2; ++part) {
            const double edge = part == 0 ? 180.0 : -180.0;
            int onEdge = 0;
            for (const QJsonValue &position : parts.at(part).toArray().at(0).toArray()) {
                const double lon = position.toArray().at(0).toDouble();
                QVERIFY(part == 0 ? lon > 170 : lon < -170);
                if (lon == edge)
                    ++onEdge;
            }
            QVERIFY2(onEdge >= 2, "each part must share an edge with the antimeridian");
        }
    }
    // Every collection has a strip centred on the antimeridian in any thousand items, a few more cross
    // it where land reaches it; most scenes do not.
    QVERIFY2(crossing >= 3 && crossing <= 60, qPrintable(u"%1 crossing items"_s.arg(crossing)));

    // Another seed moves the crossings to other indexes but keeps them.
    DemoCatalog::Options other;
    other.seed = 99;
    int otherCrossing = 0;
    for (int i = 0; i < SampleSize; ++i)
        otherCrossing += DemoCatalog::crossesAntimeridian(i, other) ? 1 : 0;
    QVERIFY2(otherCrossing >= 3 && otherCrossing <= 60, qPrintable(u"%1 crossing items"_s.arg(otherCrossing)));
}

void TestDemoCatalog::someItemsAreAtHighLatitude()
{
    int high = 0;
    int south = 0;
    for (int i = 0; i < SampleSize; ++i) {
        const double centerLat = centerLatOf(parseOrFail(DemoCatalog::item(i, {})));
        // Sun-synchronous coverage limit (82.2 degrees) plus the widest side-looking offset.
        QVERIFY(std::abs(centerLat) < 86);
        if (std::abs(centerLat) > 70)
            ++high;
        if (centerLat < -70)
            ++south;
    }
    QVERIFY2(high >= 20 && high <= 200, qPrintable(u"%1 high-latitude items"_s.arg(high)));
    QVERIFY2(south >= 5 && south < high, qPrintable(u"%1 Antarctic items"_s.arg(south)));
}

void TestDemoCatalog::framesFollowSunSynchronousGroundTracks()
{
    // Items 0, 3, 6, ... are the optical collection: consecutive frames of a strip share one pass.
    const DemoCatalog::Options options;
    int strips = 0;
    for (int first = 0; first < 600; first += 3) {
        const QJsonObject a = parseOrFail(DemoCatalog::item(first, options));
        const QJsonObject b = parseOrFail(DemoCatalog::item(first + 3, options));
        const QJsonObject pa = a.value(u"properties"_s).toObject();
        const QJsonObject pb = b.value(u"properties"_s).toObject();
        if (pa.value(u"sat:absolute_orbit"_s) != pb.value(u"sat:absolute_orbit"_s)
            || pa.value(u"platform"_s) != pb.value(u"platform"_s))
            continue; // next strip
        ++strips;
        const QDateTime ta = QDateTime::fromString(pa.value(u"datetime"_s).toString(), Qt::ISODateWithMs);
        const QDateTime tb = QDateTime::fromString(pb.value(u"datetime"_s).toString(), Qt::ISODateWithMs);
        // 77 km frames at ~7 km/s ground speed: about ten seconds apart, flying south on the day side.
        const qint64 ms = ta.msecsTo(tb);
        QVERIFY2(ms > 8000 && ms < 14000, qPrintable(u"frames %1 ms apart"_s.arg(ms)));
        QVERIFY(centerLatOf(b) < centerLatOf(a));
        QCOMPARE(pa.value(u"sat:orbit_state"_s).toString(), u"descending"_s);
        QCOMPARE(pa.value(u"sat:relative_orbit"_s), pb.value(u"sat:relative_orbit"_s));
        // A 10:30 descending node: local solar time near mid-morning at low latitudes.
        const QJsonArray bbox = a.value(u"bbox"_s).toArray();
        if (std::abs(centerLatOf(a)) < 40 && bbox.at(0).toDouble() < bbox.at(2).toDouble()) {
            const double lon = (bbox.at(0).toDouble() + bbox.at(2).toDouble()) / 2;
            const double utcHours = ta.time().msecsSinceStartOfDay() / 3600000.0;
            const double local = std::fmod(utcHours + lon / 15.0 + 48.0, 24.0);
            QVERIFY2(local > 9.0 && local < 12.0, qPrintable(u"local solar time %1 h"_s.arg(local)));
        }
    }
    QVERIFY2(strips > 100, qPrintable(u"%1 consecutive pairs"_s.arg(strips)));
}

void TestDemoCatalog::opticalScenesAreInDaylight()
{
    for (int i = 0; i < SampleSize; ++i) {
        const QJsonObject properties = parseOrFail(DemoCatalog::item(i, {})).value(u"properties"_s).toObject();
        if (properties.contains(u"view:sun_elevation"_s))
            QVERIFY2(properties.value(u"view:sun_elevation"_s).toDouble() > 5, qPrintable(DemoCatalog::itemId(i)));
    }
}

void TestDemoCatalog::checksumsAreSha256Multihashes()
{
    QSet<QString> checksums;
    int count = 0;
    for (int i = 0; i < SampleSize; ++i) {
        const QJsonObject assets = parseOrFail(DemoCatalog::item(i, {})).value(u"assets"_s).toObject();
        for (auto it = assets.begin(); it != assets.end(); ++it) {
            const QString checksum = it.value().toObject().value(u"file:checksum"_s).toString();
            if (it.key() == u"thumbnail"_s) {
                QVERIFY(checksum.isEmpty());
                continue;
            }
            QVERIFY2(checksum.startsWith(u"1220"_s), qPrintable(checksum));
            QCOMPARE(checksum.size(), 68);
            static const QRegularExpression lowerHex(u"^[0-9a-f]+$"_s);
            QVERIFY2(lowerHex.match(checksum).hasMatch(), qPrintable(checksum));
            QCOMPARE(QByteArray::fromHex(checksum.toLatin1()).size(), 34); // 0x12 0x20 + 32 digest bytes
            checksums.insert(checksum);
            ++count;
        }
    }
    QVERIFY(count >= SampleSize * 2);
    QCOMPARE(checksums.size(), count); // every asset has its own content
}

void TestDemoCatalog::optionsControlIdsAndUrls()
{
    DemoCatalog::Options options;
    options.baseUrl = u"http://localhost:8123/stac"_s; // no trailing slash: one is added
    options.collections = { u"alpha"_s, u"beta-sar"_s };
    options.seed = 42;
    for (int i = 0; i < 50; ++i) {
        const QJsonObject item = parseOrFail(DemoCatalog::item(i, options));
        const QString error = checkItem(item, i, options);
        QVERIFY2(error.isEmpty(), qPrintable(u"item %1: %2"_s.arg(i).arg(error)));
    }
    const QJsonObject item = parseOrFail(DemoCatalog::item(3, options));
    QCOMPARE(item.value(u"id"_s).toString(), u"beta-sar-000003"_s);
    QCOMPARE(item.value(u"collection"_s).toString(), u"beta-sar"_s);
    const QJsonArray links = item.value(u"links"_s).toArray();
    QCOMPARE(links.at(0).toObject().value(u"href"_s).toString(),
        u"http://localhost:8123/stac/collections/beta-sar/items/beta-sar-000003"_s);
    QCOMPARE(links.at(3).toObject().value(u"href"_s).toString(), u"http://localhost:8123/stac/"_s);
    QVERIFY(item.value(u"properties"_s).toObject().contains(u"sar:polarizations"_s));
    QVERIFY(
        !parseOrFail(DemoCatalog::item(2, options)).value(u"properties"_s).toObject().contains(u"sar:polarizations"_s));
    QCOMPARE(
        parseOrFail(DemoCatalog::collection(u"alpha"_s, options)).value(u"title"_s).toString(), u"alpha (synthetic)"_s);

    // Characters that need escaping still give valid JSON.
    options.collections = { u"we\"ird\\name"_s };
    QString error;
    const QJsonObject escaped = parseObject(DemoCatalog::item(0, options), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(escaped.value(u"collection"_s).toString(), u"we\"ird\\name"_s);
}

void TestDemoCatalog::featureCollectionContainsTheRequestedRange()
{
    const QJsonObject collection = parseOrFail(DemoCatalog::featureCollection(250, 40, {}));
    QCOMPARE(collection.value(u"type"_s).toString(), u"FeatureCollection"_s);
    const QJsonArray list = collection.value(u"features"_s).toArray();
    QCOMPARE(list.size(), 40);
    for (int i = 0; i < 40; ++i)
        QCOMPARE(list.at(i).toObject().value(u"id"_s).toString(), DemoCatalog::itemId(250 + i, {}));
    QCOMPARE(list.at(5).toObject(), parseOrFail(DemoCatalog::item(255, {})));
    QVERIFY(features(DemoCatalog::featureCollection(0, 0, {})).isEmpty());
}

void TestDemoCatalog::collectionDocumentMatchesItems()
{
    DemoCatalog::Options options;
    options.baseUrl = u"http://127.0.0.1:9000/"_s;
    for (int c = 0; c < 3; ++c) {
        const QString id = options.collections.at(c);
        const QJsonObject collection = parseOrFail(DemoCatalog::collection(id, options));
        QCOMPARE(collection.value(u"type"_s).toString(), u"Collection"_s);
        QCOMPARE(collection.value(u"stac_version"_s).toString(), u"1.0.0"_s);
        QCOMPARE(collection.value(u"id"_s).toString(), id);
        QVERIFY(collection.value(u"title"_s).toString().contains(u"synthetic"_s));
        QVERIFY(collection.value(u"description"_s).toString().size() > 100);
        QCOMPARE(collection.value(u"license"_s).toString(), u"CC0-1.0"_s);
        QCOMPARE(collection.value(u"providers"_s).toArray().at(0).toObject().value(u"name"_s).toString(),
            u"StacScope demo (synthetic)"_s);

        // Every item of this collection lies inside the advertised extent, its asset keys are among the
        // item_assets and its platform among the summaries.
        const QJsonObject itemAssets = collection.value(u"item_assets"_s).toObject();
        const QJsonObject summaries = collection.value(u"summaries"_s).toObject();
        for (int i = c; i < 900; i += 3) {
            const QJsonObject item = parseOrFail(DemoCatalog::item(i, options));
            QCOMPARE(item.value(u"collection"_s).toString(), id);
            const QString error = extentHolds(collection, item);
            QVERIFY2(error.isEmpty(), qPrintable(DemoCatalog::itemId(i) + u": "_s + error));
            for (const QString &key : item.value(u"assets"_s).toObject().keys())
                QVERIFY2(itemAssets.contains(key), qPrintable(key));
            const QJsonObject properties = item.value(u"properties"_s).toObject();
            QVERIFY(summaries.value(u"platform"_s).toArray().contains(properties.value(u"platform"_s)));
            if (properties.contains(u"sar:instrument_mode"_s)) {
                QVERIFY(summaries.value(u"sar:instrument_mode"_s)
                            .toArray()
                            .contains(properties.value(u"sar:instrument_mode"_s)));
                QVERIFY(summaries.value(u"gsd"_s).toArray().contains(properties.value(u"gsd"_s)));
            } else {
                const QJsonObject gsd = summaries.value(u"gsd"_s).toObject();
                QVERIFY(properties.value(u"gsd"_s).toDouble() >= gsd.value(u"minimum"_s).toDouble());
                QVERIFY(properties.value(u"gsd"_s).toDouble() <= gsd.value(u"maximum"_s).toDouble());
                QVERIFY(summaries.value(u"eo:bands"_s).toArray().size() >= 4);
            }
        }
        QSet<QString> rels;
        for (const QJsonValue &link : collection.value(u"links"_s).toArray())
            rels.insert(link.toObject().value(u"rel"_s).toString());
        QVERIFY(rels.contains(u"self"_s) && rels.contains(u"root"_s) && rels.contains(u"items"_s));
    }
}

void TestDemoCatalog::writeCatalogDirectoryWritesPagesAndCollections()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString dir = temp.filePath(u"catalog/nested"_s); // created on demand
    DemoCatalog::Options options;
    options.collections = { u"one"_s, u"two-sar"_s };
    QString error;
    QVERIFY2(DemoCatalog::writeCatalogDirectory(dir, 2500, options, &error), qPrintable(error));

    const QDir root(dir);
    QCOMPARE(root.entryList({ u"*.json"_s }, QDir::Files, QDir::Name), QStringList());
    QCOMPARE(QDir(root.filePath(u"collections"_s)).entryList(QDir::Files, QDir::Name),
        QStringList({ u"one.json"_s, u"two-sar.json"_s }));
    QCOMPARE(QDir(root.filePath(u"items"_s)).entryList(QDir::Files, QDir::Name),
        QStringList({ u"page-0000.json"_s, u"page-0001.json"_s, u"page-0002.json"_s }));

    QMap<QString, QJsonObject> collections;
    for (const QString &id : std::as_const(options.collections)) {
        const QJsonObject collection = parseOrFail(readFile(root.filePath(u"collections/"_s + id + u".json"_s)));
        QCOMPARE(collection.value(u"id"_s).toString(), id);
        collections.insert(id, collection);
    }

    const QList<int> expectedCounts = { 1000, 1000, 500 };
    QSet<QString> ids;
    for (int page = 0; page < 3; ++page) {
        const QByteArray content = readFile(root.filePath(u"items/page-%1.json"_s.arg(page, 4, 10, QLatin1Char('0'))));
        QCOMPARE(content, DemoCatalog::featureCollection(page * 1000, expectedCounts.at(page), options));
        const QJsonArray list = features(content);
        QCOMPARE(list.size(), expectedCounts.at(page));
        QCOMPARE(list.first().toObject().value(u"id"_s).toString(), DemoCatalog::itemId(page * 1000, options));
        for (const QJsonValue &feature : list) {
            const QJsonObject item = feature.toObject();
            ids.insert(item.value(u"id"_s).toString());
            // The written extents are fitted to the items, not the whole world.
            const QString error = extentHolds(collections.value(item.value(u"collection"_s).toString()), item);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }
    QCOMPARE(ids.size(), 2500);

    // Rewriting with fewer items leaves valid collections and an exact first page.
    const QString small = temp.filePath(u"small"_s);
    QVERIFY2(DemoCatalog::writeCatalogDirectory(small, 7, options, &error), qPrintable(error));
    QCOMPARE(QDir(small + u"/items"_s).entryList(QDir::Files).size(), 1);
    QCOMPARE(features(readFile(small + u"/items/page-0000.json"_s)).size(), 7);
}

void TestDemoCatalog::writeCatalogDirectoryReportsErrors()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString blocker = temp.filePath(u"not-a-directory"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x");
    file.close();

    QString error;
    QVERIFY(!DemoCatalog::writeCatalogDirectory(blocker, 10, {}, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(u"not-a-directory"_s), qPrintable(error));
    QVERIFY(!DemoCatalog::writeCatalogDirectory(blocker, 10, {}, nullptr)); // error pointer is optional
    QVERIFY(!DemoCatalog::writeStaticCatalog(blocker, 10, {}, &error));
    QVERIFY2(error.contains(u"not-a-directory"_s), qPrintable(error));
}

void TestDemoCatalog::staticCatalogIsDeterministic()
{
    const QString again = m_temp.filePath(u"again"_s);
    QString error;
    QVERIFY2(DemoCatalog::writeStaticCatalog(again, StaticSize, {}, &error), qPrintable(error));
    const QMap<QString, QByteArray> first = snapshot(m_static);
    const QMap<QString, QByteArray> second = snapshot(again);
    QCOMPARE(first.size(), StaticSize + 3 + 1); // items, collections, the root catalog
    QCOMPARE(first.keys(), second.keys());
    for (auto it = first.begin(); it != first.end(); ++it)
        QVERIFY2(it.value() == second.value(it.key()), qPrintable(it.key()));
    QCOMPARE(first.value(DemoCatalog::itemPath(1234)), DemoCatalog::staticItem(1234));
}

void TestDemoCatalog::staticCatalogLinksAreRelative()
{
    const QJsonObject catalog = parseOrFail(readFile(m_static + u"/catalog.json"_s));
    QCOMPARE(catalog.value(u"type"_s).toString(), u"Catalog"_s);
    QCOMPARE(catalog.value(u"title"_s).toString(), u"StacScope demo catalog"_s);
    QStringList children;
    for (const QJsonValue &value : catalog.value(u"links"_s).toArray()) {
        const QJsonObject link = value.toObject();
        if (link.value(u"rel"_s).toString() == u"child"_s)
            children.append(link.value(u"href"_s).toString());
    }
    QCOMPARE(children,
        (QStringList { u"./demo-optical/collection.json"_s, u"./demo-sar/collection.json"_s,
            u"./demo-archive/collection.json"_s }));

    int itemLinks = 0;
    for (const QString &child : std::as_const(children)) {
        const QJsonObject collection = parseOrFail(readFile(m_static + u'/' + child));
        const QString folder = QFileInfo(child).path().mid(2);
        for (const QJsonValue &value : collection.value(u"links"_s).toArray()) {
            const QJsonObject link = value.toObject();
            const QString href = link.value(u"href"_s).toString();
            QVERIFY2(href.startsWith(u"./"_s) || href.startsWith(u"../"_s), qPrintable(href));
            QVERIFY2(QFile::exists(m_static + u'/' + folder + u'/' + href), qPrintable(href));
            itemLinks += link.value(u"rel"_s).toString() == u"item"_s ? 1 : 0;
        }
    }
    QCOMPARE(itemLinks, StaticSize);

    for (int i = 0; i < StaticSize; i += 7) {
        const QJsonObject item = parseOrFail(readFile(m_static + u'/' + DemoCatalog::itemPath(i)));
        const QString error = checkItem(item, i, {}, Layout::Static);
        QVERIFY2(error.isEmpty(), qPrintable(u"item %1: %2"_s.arg(i).arg(error)));
    }
    QCOMPARE(DemoCatalog::thumbnailPath(3), u"demo-optical/thumbnails/demo-optical-000003.png"_s);
}

void TestDemoCatalog::staticItemsParseWithoutWarnings()
{
    int sar = 0;
    for (int i = 0; i < StaticSize; ++i) {
        const QString path = m_static + u'/' + DemoCatalog::itemPath(i);
        const ItemPage page = ItemParser(QUrl::fromLocalFile(path)).parseItem(readFile(path));
        QVERIFY2(page.ok(), qPrintable(page.error));
        QVERIFY2(page.warnings.isEmpty(), qPrintable(page.warnings.join(u'\n')));
        QVERIFY2(page.itemErrors.isEmpty(), qPrintable(page.itemErrors.join(u'\n')));
        QCOMPARE(page.items.size(), size_t(1));
        const ItemRecord &record = page.items.front();
        QCOMPARE(record.id, DemoCatalog::itemId(i));
        QVERIFY(record.hasDatetime() && record.hasBbox && !record.footprint.isEmpty());
        QVERIFY(!record.platform.isEmpty() && ItemRecord::isSet(record.gsd) && ItemRecord::isSet(record.offNadir));
        QCOMPARE(ItemRecord::isSet(record.cloudCover), !record.collection.contains(u"sar"_s));
        sar += record.collection.contains(u"sar"_s) ? 1 : 0;
        QCOMPARE(record.thumbnailHref, QUrl::fromLocalFile(m_static + u'/' + DemoCatalog::thumbnailPath(i)).toString());
    }
    QCOMPARE(sar, StaticSize / 3);
}

void TestDemoCatalog::staticCatalogJobLoadsEverything()
{
    ItemStore store;
    StaticCatalogJob job(&m_network, m_static, &store, nullptr);
    QVERIFY(waitFor(&job));
    QVERIFY2(job.isOk(), qPrintable(job.error().toString()));
    QVERIFY2(job.warnings().isEmpty(), qPrintable(job.warnings().mid(0, 5).join(u'\n')));
    QCOMPARE(job.title(), u"StacScope demo catalog"_s);
    QCOMPARE(store.size(), StaticSize);
    QCOMPARE(job.collections().size(), 3);
    for (const StacCollection &collection : job.collections()) {
        QVERIFY(!collection.spatialExtent.isEmpty());
        QVERIFY(collection.summaries.contains(u"platform"_s));
    }

    int crossing = 0;
    int polar = 0;
    for (const ItemRecord &record : store.items()) {
        crossing += record.bbox.crossesAntimeridian() ? 1 : 0;
        polar += std::abs((record.bbox.south + record.bbox.north) / 2) > 70 ? 1 : 0;
    }
    QVERIFY2(crossing >= 5, qPrintable(u"%1 antimeridian items"_s.arg(crossing)));
    QVERIFY2(polar >= 50, qPrintable(u"%1 polar items"_s.arg(polar)));
}

void TestDemoCatalog::writeStaticCatalogRejectsUnsafeIds()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    for (const QString &id : { u"../escape"_s, u"a/b"_s, u""_s, u".hidden"_s }) {
        DemoCatalog::Options options;
        options.collections = { u"fine"_s, id };
        QString error;
        QVERIFY2(!DemoCatalog::writeStaticCatalog(temp.path(), 5, options, &error), qPrintable(id));
        QVERIFY2(error.contains(u"folder name"_s), qPrintable(error));
    }
    QVERIFY(QDir(temp.path()).isEmpty());
}

QTEST_GUILESS_MAIN(TestDemoCatalog)
#include "tst_democatalog.moc"
