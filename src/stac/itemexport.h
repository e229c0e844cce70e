#pragma once

#include <functional>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace StacScope {

class ItemSnapshot;
class ItemStore;

// A GeoJSON FeatureCollection of some rows of a result store, each item exactly as the server
// sent it (as stacscope-cli search prints it, and as QGIS and the console clients read it).
QByteArray featureCollection(const ItemStore &store, const std::vector<int> &rows, std::optional<qint64> matched = {});

// The files results are exported to, chosen by the file name's extension.
enum class ExportFormat
{
    FeatureCollection, // .geojson: the items as the server sent them
    ItemCollection, // .json: the same as a STAC API ItemCollection (links, numberReturned...)
    NdJson, // .ndjson: one item a line
    Csv, // .csv: id, collection, datetime, WKT geometry, then every top-level property
    GeoPackage // .gpkg: layer "items", the same columns typed, written through GDAL
};

struct ExportOptions
{
    std::optional<qint64> matched; // numberMatched of the search, for the JSON collections
    QUrl source; // the catalog searched: the ItemCollection's "root" link
};

struct ExportResult
{
    bool ok = false;
    bool canceled = false;
    int written = 0;
    QString error; // names the file
};

namespace ItemExport {

// The format a path's extension asks for (case-insensitive); nullopt for any other.
std::optional<ExportFormat> formatFromPath(const QString &path);
// "csv", without the dot.
QString suffix(ExportFormat format);
// "CSV", "GeoPackage"...: for messages and file dialog filters.
QString formatName(ExportFormat format);
constexpr ExportFormat kFormats[] = { ExportFormat::FeatureCollection, ExportFormat::ItemCollection,
    ExportFormat::NdJson, ExportFormat::Csv, ExportFormat::GeoPackage };
// ".geojson, .json, .ndjson, .csv or .gpkg", for usage messages.
QString suffixList();

// Called with the items done and the total work; returning false stops the export.
using Progress = std::function<bool(qint64 done, qint64 total)>;

// Writes every item of the snapshot to `path`, item by item (never all of them parsed at once).
// The file appears whole or not at all: written beside the target under a temporary name, then
// renamed into place; on failure or cancel nothing is left behind and an existing file is kept.
[[nodiscard]] ExportResult write(const ItemSnapshot &items, const QString &path, ExportFormat format,
    const ExportOptions &options = {}, const Progress &progress = {});

} // namespace ItemExport

} // namespace StacScope
