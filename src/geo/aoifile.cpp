#include "src/geo/aoifile.h"

#include <cmath>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <memory>
#include <mutex>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <set>
#include <vector>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "src/geo/gdalsupport.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

using Ring = std::vector<double>; // interleaved lon, lat; closed
using Polygon = std::vector<Ring>; // outer ring first

constexpr qint64 kMaxTextBytes = 64 * 1024 * 1024;

QString fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return message;
}

bool inLonLatRange(const Polygon &polygon)
{
    for (const Ring &ring : polygon) {
        for (size_t i = 0; i + 1 < ring.size(); i += 2) {
            if (!std::isfinite(ring[i]) || !std::isfinite(ring[i + 1]) || std::abs(ring[i]) > 180.0
                || std::abs(ring[i + 1]) > 90.0) {
                return false;
            }
        }
    }
    return true;
}

// Twice the signed area, with longitudes unwrapped so a ring across the antimeridian is measured whole.
double signedArea(const Ring &ring)
{
    double area = 0;
    double shift = 0;
    double previousX = 0;
    double previousY = 0;
    for (size_t i = 0; i + 1 < ring.size(); i += 2) {
        double x = ring[i] + shift;
        if (i > 0 && std::abs(x - previousX) > 180.0) {
            shift -= std::round((x - previousX) / 360.0) * 360.0;
            x = ring[i] + shift;
        }
        const double y = ring[i + 1];
        if (i > 0) {
            area += previousX * y - x * previousY;
        }
        previousX = x;
        previousY = y;
    }
    return area;
}

void reverseRing(Ring &ring)
{
    const size_t n = ring.size() / 2;
    for (size_t i = 0; i < n / 2; ++i) {
        std::swap(ring[2 * i], ring[2 * (n - 1 - i)]);
        std::swap(ring[2 * i + 1], ring[2 * (n - 1 - i) + 1]);
    }
}

// RFC 7946 orientation, so every source format yields the same coordinates for the same shape.
void orient(Polygon &polygon)
{
    for (size_t r = 0; r < polygon.size(); ++r) {
        const double area = signedArea(polygon[r]);
        if ((r == 0 && area < 0) || (r > 0 && area > 0)) {
            reverseRing(polygon[r]);
        }
    }
}

// A ring needs at least 4 positions with the last equal to the first; an unclosed one is closed.
bool finishRing(Ring &ring)
{
    if (ring.size() >= 2 && (ring[0] != ring[ring.size() - 2] || ring[1] != ring[ring.size() - 1])) {
        ring.push_back(ring[0]);
        ring.push_back(ring[1]);
    }
    return ring.size() >= 8;
}

std::optional<Geometry> toGeometry(std::vector<Polygon> polygons, QString *error)
{
    GeometryBuilder builder;
    const bool multi = polygons.size() > 1;
    if (multi) {
        builder.beginArray();
    }
    for (Polygon &polygon : polygons) {
        orient(polygon);
        builder.beginArray();
        for (const Ring &ring : polygon) {
            builder.beginArray();
            for (size_t i = 0; i + 1 < ring.size(); i += 2) {
                builder.position(ring[i], ring[i + 1]);
            }
            builder.endArray();
        }
        builder.endArray();
    }
    if (multi) {
        builder.endArray();
    }
    return builder.finish(multi ? GeometryType::MultiPolygon : GeometryType::Polygon, error);
}

void appendPolygons(const Geometry &geometry, std::vector<Polygon> &out)
{
    if (!geometry.isAreal()) {
        return;
    }
    std::uint32_t ring = 0;
    for (const std::uint32_t partEnd : geometry.partEnds()) {
        Polygon polygon;
        for (; ring < partEnd; ++ring) {
            const auto xy = geometry.ring(int(ring));
            polygon.emplace_back(xy.begin(), xy.end());
        }
        if (!polygon.empty()) {
            out.push_back(std::move(polygon));
        }
    }
}

// --- OGR geometries -----------------------------------------------------------------------------

Ring ringFromCurve(const OGRSimpleCurve *curve)
{
    Ring ring;
    if (!curve) {
        return ring;
    }
    const int n = curve->getNumPoints();
    ring.reserve(size_t(n) * 2);
    for (int i = 0; i < n; ++i) {
        ring.push_back(curve->getX(i)); // Z and M are dropped: AOIs are 2D
        ring.push_back(curve->getY(i));
    }
    return ring;
}

void collectPolygons(
    const OGRGeometry *geometry, bool closeLines, std::vector<Polygon> &out, std::set<QString> &otherTypes)
{
    if (!geometry || geometry->IsEmpty()) {
        return;
    }
    switch (wkbFlatten(geometry->getGeometryType())) {
    case wkbPolygon: {
        const auto *polygon = geometry->toPolygon();
        Polygon result;
        Ring outer = ringFromCurve(polygon->getExteriorRing());
        if (!finishRing(outer)) {
            return;
        }
        result.push_back(std::move(outer));
        for (int i = 0; i < polygon->getNumInteriorRings(); ++i) {
            Ring hole = ringFromCurve(polygon->getInteriorRing(i));
            if (finishRing(hole)) {
                result.push_back(std::move(hole));
            }
        }
        out.push_back(std::move(result));
        return;
    }
    case wkbMultiPolygon:
    case wkbMultiLineString:
    case wkbGeometryCollection:
        for (const OGRGeometry *part : *geometry->toGeometryCollection()) {
            collectPolygons(part, closeLines, out, otherTypes);
        }
        return;
    case wkbLineString: {
        // A closed track or route (GPX has no polygons) outlines an area; an open one does not.
        Ring ring = ringFromCurve(geometry->toLineString());
        const size_t n = ring.size();
        if (closeLines && n >= 8 && ring[0] == ring[n - 2] && ring[1] == ring[n - 1]) {
            out.push_back(Polygon { std::move(ring) });
        } else {
            otherTypes.insert(closeLines ? u"open track or route"_s : u"LineString"_s);
        }
        return;
    }
    default:
        if (geometry->hasCurveGeometry()) {
            const std::unique_ptr<OGRGeometry> linear(geometry->getLinearGeometry());
            collectPolygons(linear.get(), closeLines, out, otherTypes);
            return;
        }
        otherTypes.insert(QString::fromUtf8(OGRGeometryTypeToName(wkbFlatten(geometry->getGeometryType()))));
        return;
    }
}

QString featureName(OGRFeature *feature)
{
    for (const char *field : { "name", "title" }) {
        const int index = feature->GetFieldIndex(field); // case-insensitive: KML's "Name" matches
        if (index >= 0 && feature->IsFieldSetAndNotNull(index)) {
            const QString name = QString::fromUtf8(feature->GetFieldAsString(index)).trimmed();
            if (!name.isEmpty()) {
                return name;
            }
        }
    }
    return {};
}

bool hasVectorSuffix(const QString &name)
{
    static const QStringList suffixes { u"shp"_s, u"geojson"_s, u"json"_s, u"kml"_s, u"gpkg"_s, u"gpx"_s, u"fgb"_s,
        u"gml"_s };
    return suffixes.contains(QFileInfo(name).suffix().toLower());
}

GDALDatasetUniquePtr openVector(const QByteArray &gdalPath)
{
    // Only formats that carry AOIs: the CSV or raster drivers would accept arbitrary files.
    static const char *const drivers[]
        = { "GeoJSON", "GeoJSONSeq", "ESRI Shapefile", "GPKG", "KML", "LIBKML", "GPX", "FlatGeobuf", "GML", nullptr };
    return GDALDatasetUniquePtr(
        GDALDataset::Open(gdalPath.constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
}

// A zip (or KMZ) is opened whole first (a zipped Shapefile is a folder to GDAL), then by the first
// vector file found inside it, so that nested folders work too.
GDALDatasetUniquePtr openArchive(const QByteArray &localPath, bool *isArchive)
{
    *isArchive = true;
    const QByteArray root = "/vsizip/" + localPath;
    if (GDALDatasetUniquePtr dataset = openVector(root)) {
        return dataset;
    }
    char **entries = VSIReadDirRecursive(root.constData());
    if (!entries) {
        *isArchive = false;
        return nullptr;
    }
    GDALDatasetUniquePtr dataset;
    for (int i = 0; entries[i] && !dataset; ++i) {
        const QString entry = QString::fromUtf8(entries[i]);
        if (hasVectorSuffix(entry)) {
            dataset = openVector(root + '/' + entries[i]);
        }
    }
    CSLDestroy(entries);
    return dataset;
}

QList<ImportedAoi> readText(const QString &path, const QString &fileName, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, u"cannot read %1: %2"_s.arg(fileName, file.errorString()));
        return {};
    }
    if (file.size() > kMaxTextBytes) {
        fail(error, u"cannot read %1: the file is too large for a text AOI"_s.arg(fileName));
        return {};
    }
    const QString text = QString::fromUtf8(file.readAll());
    QList<ImportedAoi> aois;
    // One WKT per line (as write() produces) gives one AOI each; otherwise the text is one geometry.
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    bool perLine = lines.size() > 1 && !text.trimmed().startsWith(u'{');
    for (const QString &line : lines) {
        if (!perLine || line.trimmed().isEmpty()) {
            continue;
        }
        const std::optional<Geometry> geometry = AoiFile::parseText(line);
        if (!geometry) {
            perLine = false;
            aois.clear();
            break;
        }
        aois.append({ u"%1 #%2"_s.arg(QFileInfo(path).completeBaseName()).arg(aois.size() + 1), *geometry });
    }
    if (perLine && !aois.isEmpty()) {
        return aois;
    }
    QString parseError;
    const std::optional<Geometry> geometry = AoiFile::parseText(text, &parseError);
    if (!geometry) {
        fail(error, u"cannot read %1: %2"_s.arg(fileName, parseError));
        return {};
    }
    return { { QFileInfo(path).completeBaseName(), *geometry } };
}

} // namespace

QList<ImportedAoi> AoiFile::read(const QString &path, QString *error)
{
    const QFileInfo info(path);
    const QString fileName = info.fileName();
    if (!info.exists() || !info.isFile()) {
        fail(error, u"cannot read %1: no such file"_s.arg(fileName));
        return {};
    }
    if (info.size() == 0) {
        fail(error, u"cannot read %1: the file is empty"_s.arg(fileName));
        return {};
    }
    const QString suffix = info.suffix().toLower();
    if (suffix == u"wkt"_s || suffix == u"txt"_s) {
        return readText(path, fileName, error);
    }

    Gdal::ensureRegistered();
    const Gdal::QuietErrors quiet;
    const QByteArray localPath = QFile::encodeName(info.absoluteFilePath());
    GDALDatasetUniquePtr dataset;
    bool isArchive = false;
    if (suffix == u"kmz"_s) {
        dataset = openVector(localPath); // LIBKML reads KMZ itself; the KML driver needs the zip opened
    }
    if (!dataset && (suffix == u"zip"_s || suffix == u"kmz"_s)) {
        dataset = openArchive(localPath, &isArchive);
        if (!dataset && isArchive) {
            fail(error, u"cannot read %1: the archive holds no Shapefile or other vector file"_s.arg(fileName));
            return {};
        }
    }
    if (!dataset && !isArchive) {
        dataset = openVector(localPath);
    }
    if (!dataset) {
        const QString detail = Gdal::QuietErrors::lastMessage();
        QString message = u"cannot read %1: not a recognised vector file"_s.arg(fileName);
        if (!detail.isEmpty() && !detail.contains(u"not recognized"_s)) {
            message += u" ("_s + detail + u')';
        }
        fail(error, message);
        return {};
    }

    const bool closeLines = QByteArray(dataset->GetDriverName()) == "GPX";
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER); // lon, lat whatever the EPSG axis order

    QList<ImportedAoi> aois;
    std::set<QString> otherTypes;
    int unnamed = 0;
    for (OGRLayer *layer : dataset->GetLayers()) {
        std::unique_ptr<OGRCoordinateTransformation> transform;
        if (const OGRSpatialReference *layerSrs = layer->GetSpatialRef()) {
            OGRSpatialReference source(*layerSrs);
            source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            transform.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
            if (!transform) {
                fail(error,
                    u"cannot read %1: cannot reproject from %2 to WGS 84 (%3)"_s.arg(
                        fileName, QString::fromUtf8(source.GetName()), Gdal::QuietErrors::lastMessage()));
                return {};
            }
        }
        layer->ResetReading();
        for (auto &feature : *layer) {
            OGRGeometry *geometry = feature->GetGeometryRef();
            if (!geometry) {
                continue;
            }
            if (transform && geometry->transform(transform.get()) != OGRERR_NONE) {
                fail(error,
                    u"cannot read %1: a geometry could not be reprojected to WGS 84 (%2)"_s.arg(
                        fileName, Gdal::QuietErrors::lastMessage()));
                return {};
            }
            std::vector<Polygon> polygons;
            collectPolygons(geometry, closeLines, polygons, otherTypes);
            if (polygons.empty()) {
                continue;
            }
            for (const Polygon &polygon : polygons) {
                if (!inLonLatRange(polygon)) {
                    fail(error,
                        transform
                            ? u"cannot read %1: coordinates outside lon/lat range after reprojection"_s.arg(fileName)
                            : u"cannot read %1: it has no coordinate reference system and coordinates outside lon/lat range"_s
                                  .arg(fileName));
                    return {};
                }
            }
            QString geometryError;
            std::optional<Geometry> result = toGeometry(std::move(polygons), &geometryError);
            if (!result) {
                fail(error, u"cannot read %1: %2"_s.arg(fileName, geometryError));
                return {};
            }
            QString name = featureName(feature.get());
            if (name.isEmpty()) {
                ++unnamed;
            }
            aois.append({ name, std::move(*result) });
        }
    }
    if (aois.isEmpty()) {
        QString message = u"%1 has no polygons"_s.arg(fileName);
        if (!otherTypes.empty()) {
            message += u" (found only: "_s + QStringList(otherTypes.begin(), otherTypes.end()).join(u", "_s) + u')';
        }
        fail(error, message);
        return {};
    }
    // Unnamed features are told apart by their position in the file.
    const QString base = info.completeBaseName();
    int index = 0;
    for (ImportedAoi &aoi : aois) {
        ++index;
        if (aoi.name.isEmpty()) {
            aoi.name = aois.size() == 1 ? base : u"%1 #%2"_s.arg(base).arg(index);
        }
    }
    return aois;
}

std::optional<Geometry> AoiFile::parseText(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        fail(error, u"the text is empty"_s);
        return std::nullopt;
    }
    std::vector<Polygon> polygons;
    if (trimmed.startsWith(u'{')) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            fail(error, u"not valid GeoJSON: %1"_s.arg(parseError.errorString()));
            return std::nullopt;
        }
        // Features, collections and geometries all reduce to a list of geometry objects.
        std::vector<QJsonObject> geometries;
        std::vector<QJsonObject> pending { document.object() };
        while (!pending.empty()) {
            const QJsonObject object = pending.back();
            pending.pop_back();
            const QString type = object.value(u"type"_s).toString();
            if (type == u"Feature"_s) {
                pending.push_back(object.value(u"geometry"_s).toObject());
            } else if (type == u"FeatureCollection"_s || type == u"GeometryCollection"_s) {
                const QJsonArray members
                    = object.value(type == u"FeatureCollection"_s ? u"features"_s : u"geometries"_s).toArray();
                for (qsizetype i = members.size() - 1; i >= 0; --i) {
                    pending.push_back(members.at(i).toObject());
                }
            } else if (!type.isEmpty()) {
                geometries.push_back(object);
            }
        }
        for (const QJsonObject &object : geometries) {
            QString geometryError;
            const std::optional<Geometry> geometry = Geometry::fromGeoJson(object, &geometryError);
            if (!geometry) {
                fail(error, u"not valid GeoJSON: %1"_s.arg(geometryError));
                return std::nullopt;
            }
            appendPolygons(*geometry, polygons);
        }
    } else {
        QString wktError;
        const std::optional<Geometry> geometry = Geometry::fromWkt(trimmed, &wktError);
        if (!geometry) {
            fail(error, u"not WKT or GeoJSON: %1"_s.arg(wktError));
            return std::nullopt;
        }
        appendPolygons(*geometry, polygons);
    }
    if (polygons.empty()) {
        fail(error, u"the text has no polygons"_s);
        return std::nullopt;
    }
    for (const Polygon &polygon : polygons) {
        if (!inLonLatRange(polygon)) {
            fail(error, u"coordinates outside lon/lat range (AOI text must be WGS 84 lon/lat)"_s);
            return std::nullopt;
        }
    }
    return toGeometry(std::move(polygons), error);
}

bool AoiFile::isSupportedPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return hasVectorSuffix(path) || suffix == u"kmz"_s || suffix == u"zip"_s || suffix == u"wkt"_s
        || suffix == u"txt"_s;
}

QStringList AoiFile::importPatterns()
{
    return { u"*.geojson"_s, u"*.json"_s, u"*.kml"_s, u"*.kmz"_s, u"*.shp"_s, u"*.zip"_s, u"*.gpkg"_s, u"*.gpx"_s,
        u"*.fgb"_s, u"*.gml"_s, u"*.wkt"_s, u"*.txt"_s };
}

} // namespace StacScope
