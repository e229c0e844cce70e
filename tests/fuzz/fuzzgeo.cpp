// Fuzz target bodies for geometry: GeoJSON and WKT, the AOI file importer, and the multihash parser.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "src/download/multihash.h"
#include "src/geo/aoifile.h"
#include "src/geo/geometry.h"
#include "tests/fuzz/fuzztargets.h"

using namespace Qt::StringLiterals;

namespace StacScope::Fuzz {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz property broken: %s\n", what);
        std::abort();
    }
}

namespace {

// What every geometry a reader accepted must allow: its parts and rings inside the coordinate
// arrays, and its GeoJSON and WKT written and read back as the same shape.
void checkGeometry(const Geometry &geometry)
{
    check(geometry.type() != GeometryType::Empty || geometry.isEmpty(), "Geometry: Empty type has no positions");
    const auto &rings = geometry.ringEnds();
    std::uint32_t previous = 0;
    for (const std::uint32_t end : rings) {
        check(end >= previous && end <= std::uint32_t(geometry.pointCount()), "Geometry: ring ends in order");
        previous = end;
    }
    for (int i = 0; i < geometry.ringCount(); ++i) {
        (void)geometry.ring(i);
    }
    for (const std::uint32_t end : geometry.partEnds()) {
        check(end <= std::uint32_t(geometry.ringCount()), "Geometry: part ends within the rings");
    }
    (void)geometry.bounds();
    (void)geometry.hasAntimeridianJump();
    (void)geometry.splitAtAntimeridian().bounds();

    QString error;
    const std::optional<Geometry> fromJson = Geometry::fromGeoJson(geometry.toGeoJson(), &error);
    check(fromJson.has_value(), "Geometry: toGeoJson output reads back");
    check(*fromJson == geometry, "Geometry: GeoJSON round trip gives the same geometry");
    const std::optional<Geometry> fromWkt = Geometry::fromWkt(geometry.toWkt(), &error);
    check(fromWkt.has_value(), "Geometry: toWkt output reads back");
    // WKT keeps 15 significant digits: the structure survives, not every last bit.
    check(fromWkt->type() == geometry.type() && fromWkt->ringEnds() == geometry.ringEnds()
            && fromWkt->partEnds() == geometry.partEnds(),
        "Geometry: WKT round trip gives the same structure");
}

void checkAoi(const Geometry &geometry)
{
    check(geometry.isAreal(), "AoiFile: an AOI is a Polygon or MultiPolygon");
    const auto xy = geometry.coordinates();
    for (size_t i = 0; i + 1 < xy.size(); i += 2) {
        check(std::abs(xy[i]) <= 180 && std::abs(xy[i + 1]) <= 90, "AoiFile: an AOI is in lon/lat range");
    }
    checkGeometry(geometry);
}

// One file per suffix in a private folder, rewritten for every input.
const QString &scratchDir()
{
    static const QTemporaryDir dir(QDir::tempPath() + u"/stacscope-fuzz-XXXXXX"_s);
    static const QString path = dir.path();
    return path;
}

} // namespace

int geoJson(QByteArrayView data)
{
    const QJsonDocument document = QJsonDocument::fromJson(data.toByteArray());
    if (!document.isObject()) {
        return 0;
    }
    QString error;
    const std::optional<Geometry> geometry = Geometry::fromGeoJson(document.object(), &error);
    if (geometry) {
        checkGeometry(*geometry);
    } else {
        check(!error.isEmpty(), "Geometry: fromGeoJson says why it failed");
    }
    return 0;
}

int wkt(QByteArrayView data)
{
    QString error;
    const std::optional<Geometry> geometry = Geometry::fromWkt(QString::fromUtf8(data), &error);
    if (geometry) {
        checkGeometry(*geometry);
    } else {
        check(!error.isEmpty(), "Geometry: fromWkt says why it failed");
    }
    return 0;
}

int aoiFile(QByteArrayView data)
{
    // The suffix picks the importer's path as a user's file name would: KMZ archives, XML
    // (KML, GPX, GML: GDAL's drivers recognise their content), GeoJSON, or WKT text.
    QString suffix = u"wkt"_s;
    if (data.startsWith("PK")) {
        suffix = u"kmz"_s;
    } else if (data.trimmed().startsWith("<")) {
        suffix = u"kml"_s;
    } else if (data.trimmed().startsWith("{")) {
        suffix = u"geojson"_s;
    }
    const QString path = scratchDir() + u"/input."_s + suffix;
    {
        QFile file(path);
        check(file.open(QIODevice::WriteOnly | QIODevice::Truncate), "AoiFile: cannot write the scratch file");
        check(file.write(data.data(), data.size()) == data.size(), "AoiFile: cannot write the scratch file");
    }
    QString error;
    const QList<ImportedAoi> aois = AoiFile::read(path, &error);
    check(aois.isEmpty() != error.isEmpty(), "AoiFile: either AOIs or an error");
    for (const ImportedAoi &aoi : aois) {
        check(!aoi.name.isEmpty(), "AoiFile: every AOI has a name");
        checkAoi(aoi.geometry);
    }
    const std::optional<Geometry> text = AoiFile::parseText(QString::fromUtf8(data), &error);
    if (text) {
        checkAoi(*text);
    }
    return 0;
}

int multihash(QByteArrayView data)
{
    QString error;
    const std::optional<Multihash> parsed = Multihash::fromHex(data, &error);
    if (!parsed) {
        check(!error.isEmpty(), "Multihash: fromHex says why it failed");
        return 0;
    }
    check(parsed->digest().size() == Multihash::digestSize(parsed->algorithm()), "Multihash: digest size");
    check(parsed->toHex() == data.trimmed().toByteArray().toLower(), "Multihash: toHex gives back the input");
    const auto hasher = parsed->createHasher();
    hasher->addData(data);
    check(hasher->result().size() == parsed->digest().size(), "Multihash: the hasher's digest has the same size");
    return 0;
}

} // namespace StacScope::Fuzz
