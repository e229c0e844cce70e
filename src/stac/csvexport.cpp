// ItemExport: CSV (RFC 4180), one row an item; the geometry as WKT in a column named WKT, which
// GDAL's CSV driver and QGIS's delimited text layer take as the geometry.
#include <memory>
#include <ogr_geometry.h>

#include <QSaveFile>

#include "src/stac/exportschema.h"
#include "src/stac/itemexport_p.h"
#include "src/stac/itemsnapshot.h"

using namespace Qt::StringLiterals;

namespace StacScope::ItemExportDetail {

namespace {

// One record, fields quoted when they hold a separator, a quote, a line break or edge spaces.
QByteArray csvLine(const QStringList &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            line += ',';
        }
        QByteArray bytes = fields[i].toUtf8();
        if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')
            || bytes.startsWith(' ') || bytes.endsWith(' ')) {
            bytes.replace("\"", "\"\"");
            bytes = '"' + bytes + '"';
        }
        line += bytes;
    }
    return line + "\r\n";
}

// The geometry's GeoJSON text (the item's own bytes) as ISO WKT, as GDAL writes it.
QString wkt(const ExportRow &row)
{
    if (!row.geometryIsObject) {
        return {};
    }
    const std::unique_ptr<OGRGeometry> g(OGRGeometryFactory::createFromGeoJson(row.geometry.constData()));
    if (!g) {
        return {};
    }
    OGRWktOptions options;
    options.variant = wkbVariantIso;
    OGRErr err = OGRERR_NONE;
    const std::string text = g->exportToWkt(options, &err);
    return err == OGRERR_NONE ? QString::fromStdString(text) : QString();
}

} // namespace

ExportResult writeCsv(const ItemSnapshot &items, const QString &path, const ItemExport::Progress &progress)
{
    ExportResult result;
    ProgressTicker ticker(progress, 2 * qint64(items.size()));
    const auto canceled = [&] {
        result.canceled = true;
        result.error = canceledMessage(path);
        return result;
    };
    ExportSchema schema({ u"WKT"_s });
    ExportRow row;
    for (int i = 0; i < items.size(); ++i) {
        const QByteArray json = items.rawJson(i);
        if (json.isEmpty()) {
            result.error = cannotRead(path);
            return result;
        }
        row.read(json);
        schema.add(row);
        if (!ticker.tick()) {
            return canceled();
        }
    }

    QSaveFile file(path);
    const auto failed = [&] {
        result.error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        file.cancelWriting();
        return result;
    };
    if (!file.open(QIODevice::WriteOnly)) {
        return failed();
    }
    const std::vector<ExportSchema::Column> &columns = schema.columns();
    // The WKT column after id, collection and datetime.
    QStringList fields;
    for (size_t c = 0; c < columns.size(); ++c) {
        fields.append(columns[c].name);
        if (c == 2) {
            fields.append(u"WKT"_s);
        }
    }
    if (file.write(csvLine(fields)) < 0) {
        return failed();
    }
    std::vector<QJsonValue> values;
    for (int i = 0; i < items.size(); ++i) {
        const QByteArray json = items.rawJson(i);
        if (json.isEmpty()) {
            file.cancelWriting();
            result.error = cannotRead(path);
            return result;
        }
        row.read(json);
        schema.values(row, &values);
        fields.clear();
        for (size_t c = 0; c < columns.size(); ++c) {
            fields.append(ExportSchema::text(values[c]));
            if (c == 2) {
                fields.append(wkt(row));
            }
        }
        if (file.write(csvLine(fields)) < 0) {
            return failed();
        }
        if (!ticker.tick()) {
            file.cancelWriting();
            return canceled();
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

} // namespace StacScope::ItemExportDetail
