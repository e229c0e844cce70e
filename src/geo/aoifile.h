#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "src/geo/geometry.h"

namespace StacScope {

// One area of interest read from a user's file: a Polygon or MultiPolygon in WGS 84 lon/lat.
struct ImportedAoi
{
    QString name;
    Geometry geometry;

    friend bool operator==(const ImportedAoi &, const ImportedAoi &) = default;
};

// Reads and writes users' AOI files. Reading goes through GDAL/OGR (GeoJSON, KML, KMZ, Shapefile
// plain or zipped, GeoPackage, GPX, FlatGeobuf, GML) plus WKT/GeoJSON text; every polygon of every
// layer is reprojected to WGS 84. All functions are synchronous file I/O and thread-safe: call them
// from a worker (AoiImportJob) in the GUI.
class AoiFile
{
public:
    enum class Format
    {
        GeoJson,
        Kml,
        Wkt
    };

    // Every polygon feature of the file, rings oriented as RFC 7946 asks (outer counter-clockwise).
    // On failure: an empty list and a message that names the file.
    static QList<ImportedAoi> read(const QString &path, QString *error = nullptr);
    // WKT, or GeoJSON (a geometry, Feature, FeatureCollection or GeometryCollection); all polygons
    // found are merged into one Polygon or MultiPolygon.
    static std::optional<Geometry> parseText(const QString &text, QString *error = nullptr);
    // Writes atomically (a temporary file renamed into place). WKT is one geometry per line.
    static bool write(const QString &path, const QList<ImportedAoi> &aois, Format format, QString *error = nullptr);

    // Whether read() is worth trying on this path, judged by its suffix (for drop handling).
    static bool isSupportedPath(const QString &path);
    // "*.geojson *.json ..." patterns for a file dialog filter.
    static QStringList importPatterns();
    // The export format a path's suffix asks for (.geojson/.json, .kml, .wkt/.txt).
    static std::optional<Format> formatForPath(const QString &path);
};

} // namespace StacScope
