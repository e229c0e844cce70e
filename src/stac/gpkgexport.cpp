// ItemExport: GeoPackage through GDAL/OGR, one layer "items" in WGS 84 with the columns of
// ExportSchema typed; arrays and objects as JSON text; items without geometry kept.
#include <cerrno>
#include <cpl_error.h>
#include <cstdio>
#include <cstring>
#include <gdal_priv.h>
#include <memory>
#include <mutex>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include "src/geo/gdalsupport.h"
#include "src/stac/datetime.h"
#include "src/stac/exportschema.h"
#include "src/stac/itemexport_p.h"
#include "src/stac/itemsnapshot.h"

using namespace Qt::StringLiterals;

namespace StacScope::ItemExportDetail {

namespace {

// One geometry type for the layer when the items agree (a Polygon with MultiPolygons: all become
// MultiPolygons), so QGIS opens one layer rather than asking which geometry type to show.
OGRwkbGeometryType layerGeometryType(const QStringList &seen)
{
    OGRwkbGeometryType type = wkbNone;
    for (const QString &name : seen) {
        if (name.isEmpty()) {
            continue; // an item without geometry fits any layer
        }
        const OGRwkbGeometryType t = OGRFromOGCGeomType(name.toUtf8().constData());
        if (type == wkbNone || type == t) {
            type = t;
        } else if (OGR_GT_GetCollection(type) == t || OGR_GT_GetCollection(t) == type) {
            type = OGR_GT_GetCollection(type) == t ? t : type;
        } else {
            return wkbUnknown;
        }
    }
    return type == wkbNone ? wkbUnknown : type;
}

OGRFieldType fieldType(ExportSchema::Type type, OGRFieldSubType *subType)
{
    *subType = OFSTNone;
    switch (type) {
    case ExportSchema::Type::Integer:
        return OFTInteger;
    case ExportSchema::Type::Integer64:
        return OFTInteger64;
    case ExportSchema::Type::Real:
        return OFTReal;
    case ExportSchema::Type::Boolean:
        *subType = OFSTBoolean;
        return OFTInteger;
    case ExportSchema::Type::DateTime:
        return OFTDateTime;
    case ExportSchema::Type::Json:
        *subType = OFSTJSON;
        return OFTString;
    case ExportSchema::Type::String:
        break;
    }
    return OFTString;
}

void setField(OGRFeature &feature, int index, ExportSchema::Type type, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined()) {
        feature.SetFieldNull(index);
        return;
    }
    switch (type) {
    case ExportSchema::Type::Integer:
        feature.SetField(index, value.toInt());
        return;
    case ExportSchema::Type::Integer64:
        feature.SetField(index, GIntBig(value.toDouble()));
        return;
    case ExportSchema::Type::Real:
        feature.SetField(index, value.toDouble());
        return;
    case ExportSchema::Type::Boolean:
        feature.SetField(index, value.toBool() ? 1 : 0);
        return;
    case ExportSchema::Type::DateTime: {
        const std::optional<qint64> msecs = Rfc3339::parse(value.toString());
        if (!msecs) {
            feature.SetFieldNull(index);
            return;
        }
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(*msecs, Qt::UTC);
        const float seconds = float(t.time().second()) + float(t.time().msec()) / 1000.0f;
        feature.SetField(index, t.date().year(), t.date().month(), t.date().day(), t.time().hour(), t.time().minute(),
            seconds, 100); // 100: UTC
        return;
    }
    case ExportSchema::Type::Json:
    case ExportSchema::Type::String:
        break;
    }
    feature.SetField(index, ExportSchema::text(value).toUtf8().constData());
}

void removeWithSidecars(const QString &path)
{
    for (const QString &suffix : { QString(), u"-journal"_s, u"-wal"_s, u"-shm"_s }) {
        QFile::remove(path + suffix);
    }
}

} // namespace

ExportResult writeGeoPackage(const ItemSnapshot &items, const QString &path, const ItemExport::Progress &progress)
{
    ExportResult result;
    ProgressTicker ticker(progress, 2 * qint64(items.size()));
    ExportSchema schema({ u"fid"_s, u"geom"_s });
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
            result.canceled = true;
            result.error = canceledMessage(path);
            return result;
        }
    }

    // Written under a temporary name beside the target, then renamed over it.
    const QFileInfo target(path);
    if (!target.absoluteDir().exists()) {
        result.error = u"cannot write %1: the folder does not exist"_s.arg(path);
        return result;
    }
    QString temporary;
    {
        QTemporaryFile reserve(target.absoluteDir().filePath(u"."_s + target.fileName() + u".XXXXXX.gpkg"_s));
        if (!reserve.open()) {
            result.error = u"cannot write %1: %2"_s.arg(path, reserve.errorString());
            return result;
        }
        temporary = reserve.fileName(); // removed when `reserve` goes: GDAL creates the file anew
    }
    const QByteArray localTemporary = QFile::encodeName(temporary);

    Gdal::ensureRegistered();
    const Gdal::QuietErrors quiet;
    const auto failed = [&](const QString &what) {
        const QString detail = Gdal::QuietErrors::lastMessage();
        result.error = u"cannot write %1: %2"_s.arg(path, what);
        if (!detail.isEmpty()) {
            result.error += u" ("_s + detail + u')';
        }
        removeWithSidecars(temporary);
        return result;
    };
    GDALDriver *driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) {
        return failed(u"this GDAL has no GeoPackage driver"_s);
    }
    GDALDatasetUniquePtr dataset(driver->Create(localTemporary.constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) {
        return failed(u"GDAL could not create the GeoPackage"_s);
    }
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const OGRwkbGeometryType geometryType = layerGeometryType(schema.geometryTypes());
    OGRLayer *layer = dataset->CreateLayer("items", &wgs84, geometryType, nullptr);
    if (!layer) {
        dataset.reset();
        return failed(u"GDAL could not create the layer"_s);
    }
    const std::vector<ExportSchema::Column> &columns = schema.columns();
    for (const ExportSchema::Column &column : columns) {
        OGRFieldSubType subType = OFSTNone;
        const QByteArray name = column.name.toUtf8();
        OGRFieldDefn field(name.constData(), fieldType(column.type, &subType));
        field.SetSubType(subType);
        if (layer->CreateField(&field) != OGRERR_NONE) {
            dataset.reset();
            return failed(u"GDAL could not add the field %1"_s.arg(column.name));
        }
    }
    // One transaction: a GeoPackage commits each insert on its own otherwise, a disk sync each.
    if (dataset->StartTransaction() != OGRERR_NONE) {
        dataset.reset();
        return failed(u"GDAL could not start writing"_s);
    }
    std::vector<QJsonValue> values;
    for (int i = 0; i < items.size(); ++i) {
        const QByteArray json = items.rawJson(i);
        if (json.isEmpty()) {
            dataset.reset();
            removeWithSidecars(temporary);
            result.error = cannotRead(path);
            return result;
        }
        row.read(json);
        schema.values(row, &values);
        OGRFeature feature(layer->GetLayerDefn());
        for (size_t c = 0; c < columns.size(); ++c) {
            setField(feature, int(c), columns[c].type, values[c]);
        }
        if (row.geometryIsObject) {
            OGRGeometry *g = OGRGeometryFactory::createFromGeoJson(row.geometry.constData());
            if (g && geometryType != wkbUnknown && wkbFlatten(g->getGeometryType()) != geometryType) {
                g = OGRGeometryFactory::forceTo(g, geometryType);
            }
            if (g) {
                feature.SetGeometryDirectly(g);
            }
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE) {
            dataset.reset();
            return failed(u"GDAL could not write item %1"_s.arg(row.id.toString()));
        }
        if (!ticker.tick()) {
            dataset.reset();
            removeWithSidecars(temporary);
            result.canceled = true;
            result.error = canceledMessage(path);
            return result;
        }
    }
    if (dataset->CommitTransaction() != OGRERR_NONE) {
        dataset.reset();
        return failed(u"GDAL could not finish the file"_s);
    }
    CPLErrorReset();
    dataset.reset(); // closes the file
    if (CPLGetLastErrorType() >= CE_Failure) {
        return failed(u"GDAL could not finish the file"_s);
    }
    if (std::rename(localTemporary.constData(), QFile::encodeName(target.absoluteFilePath()).constData()) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        removeWithSidecars(temporary);
        result.error = u"cannot write %1: %2"_s.arg(path, reason);
        return result;
    }
    result.ok = true;
    result.written = items.size();
    return result;
}

} // namespace StacScope::ItemExportDetail
