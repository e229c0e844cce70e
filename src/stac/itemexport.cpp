#include "src/stac/itemexport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "src/stac/itemexport_p.h"
#include "src/stac/itemsnapshot.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QByteArray featureCollection(const ItemStore &store, const std::vector<int> &rows, std::optional<qint64> matched)
{
    QByteArray out;
    out.reserve(qsizetype(store.rawBytes()) + 256);
    out += "{\"type\":\"FeatureCollection\",";
    if (matched) {
        out += "\"numberMatched\":" + QByteArray::number(*matched) + ',';
    }
    out += "\"numberReturned\":" + QByteArray::number(qint64(rows.size())) + ",\"features\":[\n";
    bool first = true;
    for (int row : rows) {
        if (!first) {
            out += ",\n";
        }
        first = false;
        out += store.rawJson(row);
    }
    out += "\n]}\n";
    return out;
}

namespace ItemExportDetail {

QString cannotRead(const QString &path)
{
    return u"cannot write %1: the results' temporary file could not be read"_s.arg(path);
}

QString canceledMessage(const QString &path)
{
    return u"the export to %1 was canceled"_s.arg(path);
}

namespace {

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // ["text"] without the brackets
}

// FeatureCollection, ItemCollection and NDJSON: the items' own bytes, streamed.
ExportResult writeJson(const ItemSnapshot &items, const QString &path, ExportFormat format,
    const ExportOptions &options, const ItemExport::Progress &progress)
{
    ExportResult result;
    QSaveFile file(path);
    const auto failed = [&] {
        result.error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        file.cancelWriting();
        return result;
    };
    if (!file.open(QIODevice::WriteOnly)) {
        return failed();
    }
    const bool lines = format == ExportFormat::NdJson;
    if (!lines) {
        QByteArray head = "{\"type\":\"FeatureCollection\",";
        if (options.matched) {
            head += "\"numberMatched\":" + QByteArray::number(*options.matched) + ',';
        }
        head += "\"numberReturned\":" + QByteArray::number(items.size()) + ",\"features\":[\n";
        if (file.write(head) < 0) {
            return failed();
        }
    }
    // An ItemCollection says which STAC version its items follow when they agree.
    QString version;
    bool oneVersion = true;
    ProgressTicker ticker(progress, items.size());
    for (int i = 0; i < items.size(); ++i) {
        QByteArray json = items.rawJson(i);
        if (json.isEmpty()) {
            file.cancelWriting();
            result.error = cannotRead(path);
            return result;
        }
        if (format == ExportFormat::ItemCollection && oneVersion) {
            const QString v = QJsonDocument::fromJson(json)[u"stac_version"_s].toString();
            oneVersion = !v.isEmpty() && (version.isEmpty() || v == version);
            version = v;
        }
        if (lines) {
            // Raw newlines in JSON can only be whitespace between tokens (strings escape theirs).
            json.replace('\n', ' ').replace('\r', ' ');
            json += '\n';
        } else if (i > 0) {
            json.prepend(",\n");
        }
        if (file.write(json) < 0) {
            return failed();
        }
        if (!ticker.tick()) {
            file.cancelWriting();
            result.canceled = true;
            result.error = canceledMessage(path);
            return result;
        }
    }
    if (!lines) {
        QByteArray tail = "\n]";
        if (format == ExportFormat::ItemCollection) {
            QJsonArray links;
            if (options.source.isValid() && !options.source.isEmpty()) {
                links.append(QJsonObject { { u"rel"_s, u"root"_s }, { u"href"_s, options.source.toString() },
                    { u"type"_s, u"application/json"_s } });
            }
            tail += ",\"links\":" + QJsonDocument(links).toJson(QJsonDocument::Compact);
            if (oneVersion && !version.isEmpty()) {
                tail += ",\"stac_version\":" + jsonString(version);
            }
        }
        tail += "}\n";
        if (file.write(tail) < 0) {
            return failed();
        }
    }
    if (!file.commit()) {
        result.error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return result;
    }
    result.ok = true;
    result.written = items.size();
    return result;
}

} // namespace

} // namespace ItemExportDetail

namespace ItemExport {

std::optional<ExportFormat> formatFromPath(const QString &path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    for (ExportFormat format : kFormats) {
        if (ext == suffix(format)) {
            return format;
        }
    }
    return std::nullopt;
}

QString suffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::FeatureCollection:
        return u"geojson"_s;
    case ExportFormat::ItemCollection:
        return u"json"_s;
    case ExportFormat::NdJson:
        return u"ndjson"_s;
    case ExportFormat::Csv:
        return u"csv"_s;
    case ExportFormat::GeoPackage:
        return u"gpkg"_s;
    }
    return {};
}

QString formatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::FeatureCollection:
        return u"GeoJSON FeatureCollection"_s;
    case ExportFormat::ItemCollection:
        return u"STAC ItemCollection"_s;
    case ExportFormat::NdJson:
        return u"Newline-delimited GeoJSON"_s;
    case ExportFormat::Csv:
        return u"CSV"_s;
    case ExportFormat::GeoPackage:
        return u"GeoPackage"_s;
    }
    return {};
}

QString suffixList()
{
    return u".geojson, .json, .ndjson, .csv or .gpkg"_s;
}

ExportResult write(const ItemSnapshot &items, const QString &path, ExportFormat format, const ExportOptions &options,
    const Progress &progress)
{
    switch (format) {
    case ExportFormat::Csv:
        return ItemExportDetail::writeCsv(items, path, progress);
    case ExportFormat::GeoPackage:
        return ItemExportDetail::writeGeoPackage(items, path, progress);
    default:
        return ItemExportDetail::writeJson(items, path, format, options, progress);
    }
}

} // namespace ItemExport

} // namespace StacScope
