// ItemExport: every format written from a store of hand-written items (fixtures/export/
// items.json), then read back by GDAL/OGR (and ogrinfo) or parsed here, never by the code
// under test. The expected columns, types and values are written out.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "src/demo/democatalog.h"
#include "src/stac/itemexport.h"
#include "src/stac/itemexportjob.h"
#include "src/stac/itemparser.h"
#include "src/stac/itemsnapshot.h"
#include "src/stac/itemstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QByteArray fixture()
{
    QFile file(QStringLiteral(STACSCOPE_TEST_FIXTURES "/export/items.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture export/items.json");
    }
    return file.readAll();
}

void appendJson(ItemStore &store, const QByteArray &json)
{
    ItemPage page = ItemParser().parsePage(json);
    if (!page.ok()) {
        qFatal("test page did not parse: %s", qPrintable(page.error));
    }
    store.append(std::move(page), json);
}

std::vector<int> allRows(const ItemStore &store)
{
    std::vector<int> rows;
    for (int i = 0; i < store.size(); ++i) {
        rows.push_back(i);
    }
    return rows;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// "Feature Count: N" from ogrinfo, -1 when it could not read the file.
int ogrinfoCount(const QString &path)
{
    const QString ogrinfo = QStandardPaths::findExecutable(u"ogrinfo"_s);
    if (ogrinfo.isEmpty()) {
        return -2;
    }
    QProcess process;
    process.start(ogrinfo, { u"-ro"_s, u"-so"_s, u"-al"_s, path });
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        return -1;
    }
    const QString report = QString::fromUtf8(process.readAllStandardOutput());
    const QRegularExpressionMatch m = QRegularExpression(u"Feature Count: (\\d+)"_s).match(report);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

struct Field
{
    QString name;
    OGRFieldType type;
    OGRFieldSubType subType = OFSTNone;
};

QList<Field> fields(OGRLayerH layer)
{
    QList<Field> out;
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
    for (int i = 0; i < OGR_FD_GetFieldCount(definition); ++i) {
        OGRFieldDefnH field = OGR_FD_GetFieldDefn(definition, i);
        out.append({ QString::fromUtf8(OGR_Fld_GetNameRef(field)), OGR_Fld_GetType(field), OGR_Fld_GetSubType(field) });
    }
    return out;
}

QStringList names(const QList<Field> &list)
{
    QStringList out;
    for (const Field &f : list) {
        out.append(f.name);
    }
    return out;
}

// Opened read-only by GDAL itself; closed when it goes.
struct OgrFile
{
    explicit OgrFile(const QString &path, const char *const *drivers = nullptr)
        : dataset(GDALOpenEx(
            QFile::encodeName(path).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr))
    {}
    ~OgrFile()
    {
        if (dataset) {
            GDALClose(dataset);
        }
    }
    OgrFile(const OgrFile &) = delete;
    OgrFile &operator=(const OgrFile &) = delete;
    OGRLayerH layer() const { return dataset ? GDALDatasetGetLayer(dataset, 0) : nullptr; }
    QString driver() const { return QString::fromUtf8(GDALGetDriverShortName(GDALGetDatasetDriver(dataset))); }

    GDALDatasetH dataset;
};

const QStringList kPropertyColumns = { u"eo:cloud_cover"_s, u"flag"_s, u"gsd"_s, u"instruments"_s, u"platform"_s,
    u"title"_s, u"view:off_nadir"_s, u"extra"_s, u"big"_s, u"end_datetime"_s, u"start_datetime"_s, u"Title_2"_s };

} // namespace

class TestItemExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        GDALAllRegister();
        appendJson(m_store, fixture());
        QCOMPARE(m_store.size(), 4);
    }

    void formatFromPath()
    {
        QCOMPARE(ItemExport::formatFromPath(u"/tmp/a.geojson"_s), ExportFormat::FeatureCollection);
        QCOMPARE(ItemExport::formatFromPath(u"a.JSON"_s), ExportFormat::ItemCollection);
        QCOMPARE(ItemExport::formatFromPath(u"a.b.ndjson"_s), ExportFormat::NdJson);
        QCOMPARE(ItemExport::formatFromPath(u"results.csv"_s), ExportFormat::Csv);
        QCOMPARE(ItemExport::formatFromPath(u"x/results.GPKG"_s), ExportFormat::GeoPackage);
        QVERIFY(!ItemExport::formatFromPath(u"results.txt"_s));
        QVERIFY(!ItemExport::formatFromPath(u"results"_s));
        QVERIFY(!ItemExport::formatFromPath(u"geojson"_s));
    }

    void featureCollection()
    {
        const QString path = m_dir.filePath(u"items.geojson"_s);
        ExportOptions options;
        options.matched = 10;
        const ExportResult result = ItemExport::write(
            ItemSnapshot(m_store, allRows(m_store)), path, ExportFormat::FeatureCollection, options);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.written, 4);
        const QJsonObject fc = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(fc.value(u"type"_s).toString(), u"FeatureCollection"_s);
        QCOMPARE(fc.value(u"numberMatched"_s).toInt(), 10);
        QCOMPARE(fc.value(u"numberReturned"_s).toInt(), 4);
        const QJsonArray features = fc.value(u"features"_s).toArray();
        QCOMPARE(features.size(), 4);
        QCOMPARE(features.at(1)[u"properties"_s][u"title"_s].toString(), u"two\nlines"_s);

        const OgrFile ogr(path);
        QVERIFY(ogr.layer());
        QCOMPARE(ogr.driver(), u"GeoJSON"_s);
        QCOMPARE(OGR_L_GetFeatureCount(ogr.layer(), TRUE), 4);
        QCOMPARE(ogrinfoCount(path), 4);
    }

    void itemCollection()
    {
        const QString path = m_dir.filePath(u"items.json"_s);
        ExportOptions options;
        options.source = QUrl(u"https://stac.example.com/v1"_s);
        const ExportResult result
            = ItemExport::write(ItemSnapshot(m_store, { 0, 2 }), path, ExportFormat::ItemCollection, options);
        QVERIFY2(result.ok, qPrintable(result.error));
        const QJsonObject ic = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(ic.value(u"type"_s).toString(), u"FeatureCollection"_s);
        QCOMPARE(ic.value(u"stac_version"_s).toString(), u"1.0.0"_s);
        QCOMPARE(ic.value(u"numberReturned"_s).toInt(), 2);
        QVERIFY(!ic.contains(u"numberMatched"_s));
        const QJsonArray links = ic.value(u"links"_s).toArray();
        QCOMPARE(links.size(), 1);
        QCOMPARE(links.at(0)[u"rel"_s].toString(), u"root"_s);
        QCOMPARE(links.at(0)[u"href"_s].toString(), u"https://stac.example.com/v1"_s);
        const QJsonArray features = ic.value(u"features"_s).toArray();
        QCOMPARE(features.size(), 2);
        QCOMPARE(features.at(0)[u"id"_s].toString(), u"a-1"_s);
        QCOMPARE(features.at(1)[u"id"_s].toString(), u"c-3"_s);
        QCOMPARE(ogrinfoCount(path), 2);

        // Items of different STAC versions: the collection claims none; no source, no links.
        ItemStore mixed;
        QByteArray old = fixture();
        old.replace("\"stac_version\":\"1.0.0\",\"id\":\"d-4\"", "\"stac_version\":\"0.9.0\",\"id\":\"d-4\"");
        appendJson(mixed, old);
        QVERIFY(ItemExport::write(ItemSnapshot(mixed, allRows(mixed)), path, ExportFormat::ItemCollection).ok);
        const QJsonObject second = QJsonDocument::fromJson(readAll(path)).object();
        QVERIFY(!second.contains(u"stac_version"_s));
        QCOMPARE(second.value(u"links"_s).toArray().size(), 0);
        QCOMPARE(second.value(u"features"_s).toArray().size(), 4);
    }

    void ndjson()
    {
        const QString path = m_dir.filePath(u"items.ndjson"_s);
        const ExportResult result
            = ItemExport::write(ItemSnapshot(m_store, allRows(m_store)), path, ExportFormat::NdJson);
        QVERIFY2(result.ok, qPrintable(result.error));
        const QByteArray bytes = readAll(path);
        QVERIFY(bytes.endsWith('\n'));
        const QList<QByteArray> lines = bytes.chopped(1).split('\n');
        QCOMPARE(lines.size(), 4); // the pretty-printed item b-2 on one line too
        const QStringList ids = { u"a-1"_s, u"b-2"_s, u"c-3"_s, u"d-4"_s };
        for (int i = 0; i < 4; ++i) {
            QJsonParseError error;
            const QJsonObject item = QJsonDocument::fromJson(lines[i], &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(item.value(u"id"_s).toString(), ids[i]);
        }
        QCOMPARE(QJsonDocument::fromJson(lines[1]).object()[u"properties"_s][u"title"_s].toString(), u"two\nlines"_s);

        const char *const drivers[] = { "GeoJSONSeq", nullptr };
        const OgrFile ogr(u"GeoJSONSeq:"_s + path, drivers);
        QVERIFY(ogr.layer());
        QCOMPARE(OGR_L_GetFeatureCount(ogr.layer(), TRUE), 4);
    }

    void csv()
    {
        const QString path = m_dir.filePath(u"items.csv"_s);
        const ExportResult result = ItemExport::write(ItemSnapshot(m_store, allRows(m_store)), path, ExportFormat::Csv);
        QVERIFY2(result.ok, qPrintable(result.error));
        const QByteArray bytes = readAll(path);
        const QList<QByteArray> lines = bytes.split('\n');
        QCOMPARE(lines.at(0),
            "id,collection,datetime,WKT,eo:cloud_cover,flag,gsd,instruments,platform,title,view:off_nadir,extra,big,"
            "end_datetime,start_datetime,Title_2,fid\r");
        QCOMPARE(lines.at(1),
            "a-1,optical,2023-06-12T10:30:00Z,\"POLYGON ((10 50,11 50,11 51,10 51,10 50))\",12,true,0.5,"
            "\"[\"\"msi\"\"]\",sat-1,\"Hamburg, \"\"port\"\"\",3,,,,,,\r");
        // A line break inside a quoted field (RFC 4180), then the rest of the record.
        QCOMPARE(lines.at(2).left(38), "b-2,optical,2023-06-13T11:00:00.250Z,\"");
        QVERIFY(lines.at(2).endsWith(",\"two"));
        QCOMPARE(lines.at(3), "lines\",,\"{\"\"k\"\":1}\",,,,,\r");
        QCOMPARE(lines.at(4), "c-3,sar,,,,,,,sat-1,,,,5000000000,2023-06-14T08:00:10Z,2023-06-14T08:00:00Z,,\r");
        QCOMPARE(lines.at(5),
            "d-4,sar,2023-06-15T00:00:00Z,\"POLYGON ((-60 -10,-59 -10,-59 -9,-60 -9,-60 -10))\",,,,,,,,,,,,upper,x\r");
        QCOMPARE(lines.size(), 7); // the last line ends the file
        QVERIFY(lines.at(6).isEmpty());

        const OgrFile ogr(path);
        QVERIFY(ogr.layer());
        QCOMPARE(ogr.driver(), u"CSV"_s);
        QCOMPARE(OGR_L_GetFeatureCount(ogr.layer(), TRUE), 4);
        QStringList expected = { u"id"_s, u"collection"_s, u"datetime"_s, u"WKT"_s };
        expected += kPropertyColumns;
        expected.append(u"fid"_s);
        QCOMPARE(names(fields(ogr.layer())), expected);
        OGR_L_ResetReading(ogr.layer());
        OGRFeatureH feature = OGR_L_GetNextFeature(ogr.layer());
        QVERIFY(feature);
        QCOMPARE(QString::fromUtf8(OGR_F_GetFieldAsString(feature, 9)), u"Hamburg, \"port\""_s);
        OGRGeometryH geometry = OGR_F_GetGeometryRef(feature);
        QVERIFY(geometry);
        QCOMPARE(wkbFlatten(OGR_G_GetGeometryType(geometry)), wkbPolygon);
        OGR_F_Destroy(feature);
        QCOMPARE(ogrinfoCount(path), 4);
    }

    void geoPackage()
    {
        const QString path = m_dir.filePath(u"items.gpkg"_s);
        const ExportResult result
            = ItemExport::write(ItemSnapshot(m_store, allRows(m_store)), path, ExportFormat::GeoPackage);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.written, 4);
        QCOMPARE(QDir(m_dir.path()).entryList({ u"*.gpkg*"_s }, QDir::Files | QDir::Hidden),
            QStringList { u"items.gpkg"_s }); // no temporary or journal file left

        const OgrFile ogr(path);
        QVERIFY(ogr.layer());
        QCOMPARE(ogr.driver(), u"GPKG"_s);
        QCOMPARE(QString::fromUtf8(OGR_L_GetName(ogr.layer())), u"items"_s);
        QCOMPARE(OGR_L_GetFeatureCount(ogr.layer(), TRUE), 4);
        // A Polygon among MultiPolygons: the layer is MultiPolygon.
        QCOMPARE(OGR_L_GetGeomType(ogr.layer()), wkbMultiPolygon);
        OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(ogr.layer());
        QVERIFY(srs);
        QCOMPARE(QByteArray(OSRGetAuthorityCode(srs, nullptr)), "4326");

        const QList<Field> got = fields(ogr.layer());
        const QList<Field> expected = {
            { u"id"_s, OFTString },
            { u"collection"_s, OFTString },
            { u"datetime"_s, OFTDateTime },
            { u"eo:cloud_cover"_s, OFTReal },
            { u"flag"_s, OFTInteger, OFSTBoolean },
            { u"gsd"_s, OFTReal },
            { u"instruments"_s, OFTString, OFSTJSON },
            { u"platform"_s, OFTString },
            { u"title"_s, OFTString },
            { u"view:off_nadir"_s, OFTInteger },
            { u"extra"_s, OFTString, OFSTJSON },
            { u"big"_s, OFTInteger64 },
            { u"end_datetime"_s, OFTDateTime },
            { u"start_datetime"_s, OFTDateTime },
            { u"Title_2"_s, OFTString },
            { u"fid_2"_s, OFTString },
        };
        QCOMPARE(names(got), names(expected));
        for (qsizetype i = 0; i < got.size(); ++i) {
            QVERIFY2(got[i].type == expected[i].type, qPrintable(got[i].name));
            QVERIFY2(got[i].subType == expected[i].subType, qPrintable(got[i].name));
        }

        OGR_L_ResetReading(ogr.layer());
        QList<OGRFeatureH> features;
        while (OGRFeatureH f = OGR_L_GetNextFeature(ogr.layer())) {
            features.append(f);
        }
        const auto cleanup = qScopeGuard([&] {
            for (OGRFeatureH f : features) {
                OGR_F_Destroy(f);
            }
        });
        QCOMPARE(features.size(), 4);
        OGRFeatureH a = features[0];
        QCOMPARE(QString::fromUtf8(OGR_F_GetFieldAsString(a, 0)), u"a-1"_s);
        QCOMPARE(QString::fromUtf8(OGR_F_GetFieldAsString(a, 1)), u"optical"_s);
        QCOMPARE(OGR_F_GetFieldAsDouble(a, 3), 12.0);
        QCOMPARE(OGR_F_GetFieldAsInteger(a, 4), 1);
        QCOMPARE(QString::fromUtf8(OGR_F_GetFieldAsString(a, 6)), u"[\"msi\"]"_s);
        QCOMPARE(QString::fromUtf8(OGR_F_GetFieldAsString(a, 8)), u"Hamburg, \"port\""_s);
        QCOMPARE(OGR_F_GetFieldAsInteger(a, 9), 3);
        QVERIFY(OGR_F_IsFieldNull(a, 11));
        OGREnvelope envelope;
        OGR_G_GetEnvelope(OGR_F_GetGeometryRef(a), &envelope);
        QCOMPARE(envelope.MinX, 10.0);
        QCOMPARE(envelope.MaxX, 11.0);
        QCOMPARE(envelope.MinY, 50.0);
        QCOMPARE(envelope.MaxY, 51.0);

        OGRFeatureH b = features[1];
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, tz = 0;
        float second = 0;
        QVERIFY(OGR_F_GetFieldAsDateTimeEx(b, 2, &year, &month, &day, &hour, &minute, &second, &tz));
        QCOMPARE(QList<int>({ year, month, day, hour, minute, tz }), QList<int>({ 2023, 6, 13, 11, 0, 100 }));
        QCOMPARE(second, 0.25f);
        QCOMPARE(OGR_F_GetFieldAsDouble(b, 3), 7.5);
        QCOMPARE(OGR_F_GetFieldAsInteger(b, 4), 0);
        QCOMPARE(QString::fromUtf8(OGR_F_GetFieldAsString(b, 10)), u"{\"k\":1}"_s);
        QCOMPARE(OGR_G_GetGeometryCount(OGR_F_GetGeometryRef(b)), 2);

        OGRFeatureH c = features[2];
        QVERIFY(!OGR_F_GetGeometryRef(c)); // kept without geometry
        QVERIFY(OGR_F_IsFieldNull(c, 2));
        QVERIFY(OGR_F_IsFieldNull(c, 3));
        QCOMPARE(OGR_F_GetFieldAsInteger64(c, 11), Q_INT64_C(5000000000));

        OGRFeatureH d = features[3];
        QCOMPARE(QString::fromUtf8(OGR_F_GetFieldAsString(d, 14)), u"upper"_s);
        QCOMPARE(QString::fromUtf8(OGR_F_GetFieldAsString(d, 15)), u"x"_s);
        QCOMPARE(OGR_G_GetGeometryCount(OGR_F_GetGeometryRef(d)), 1); // promoted to a MultiPolygon

        QCOMPARE(ogrinfoCount(path), 4);
    }

    // A failed or canceled export leaves what was there before, and no temporary file.
    void atomic_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("geojson") << u"keep.geojson"_s;
        QTest::newRow("ndjson") << u"keep.ndjson"_s;
        QTest::newRow("csv") << u"keep.csv"_s;
        QTest::newRow("gpkg") << u"keep.gpkg"_s;
    }
    void atomic()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        const ExportResult result = ItemExport::write(ItemSnapshot(m_store, allRows(m_store)), path,
            *ItemExport::formatFromPath(name), {}, [](qint64, qint64) { return false; });
        QVERIFY(!result.ok);
        QVERIFY(result.canceled);
        QVERIFY(result.error.contains(path));
        QCOMPARE(readAll(path), "old");
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { name });

        const QString missing = dir.filePath(u"no/such/folder/"_s + name);
        const ExportResult failed
            = ItemExport::write(ItemSnapshot(m_store, allRows(m_store)), missing, *ItemExport::formatFromPath(name));
        QVERIFY(!failed.ok);
        QVERIFY(!failed.canceled);
        QVERIFY2(failed.error.startsWith(u"cannot write "_s + missing + u": "_s), qPrintable(failed.error));
    }

    // Items as a server may write them: keys in no order, a property key twice, white space, a 3D
    // polygon. The columns come in key order, the last of two equal keys wins (as a JSON object
    // reader keeps it), and the polygon keeps its heights.
    void csvReadsItemsAsWritten()
    {
        ItemStore store;
        appendJson(store, R"({ "type" : "FeatureCollection", "features" : [
            { "type": "Feature", "stac_version": "1.0.0",
              "properties": { "zeta": 1, "alpha": "first", "datetime": "2024-01-02T03:04:05Z", "alpha": "second" },
              "geometry" : { "coordinates" : [ [ [1, 2, 30], [3, 2, 31], [3, 4, 32], [1, 2, 30] ] ], "type" : "Polygon" },
              "links": [], "assets": {}, "collection": "c", "id": "x-1", "bbox": [1, 2, 3, 4] },
            { "type": "Feature", "stac_version": "1.0.0", "id": "x-2", "collection": "c", "geometry": null,
              "bbox": [1, 2, 3, 4], "properties": { "datetime": "2024-01-03T00:00:00Z", "beta": [1, 2.5] },
              "links": [], "assets": {} } ] })");
        QCOMPARE(store.size(), 2);
        const QString path = m_dir.filePath(u"as-written.csv"_s);
        const ExportResult result = ItemExport::write(ItemSnapshot(store, allRows(store)), path, ExportFormat::Csv);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(readAll(path),
            "id,collection,datetime,WKT,alpha,zeta,beta\r\n"
            "x-1,c,2024-01-02T03:04:05Z,\"POLYGON Z ((1 2 30,3 2 31,3 4 32,1 2 30))\",second,1,\r\n"
            "x-2,c,2024-01-03T00:00:00Z,,,,\"[1,2.5]\"\r\n");
    }

    // No items (a search that found nothing): valid, empty files.
    void empty()
    {
        QTemporaryDir dir;
        const ItemSnapshot nothing(m_store, {});
        for (const QString &name : { u"e.geojson"_s, u"e.json"_s, u"e.ndjson"_s, u"e.csv"_s, u"e.gpkg"_s }) {
            const QString path = dir.filePath(name);
            const ExportResult result = ItemExport::write(nothing, path, *ItemExport::formatFromPath(name));
            QVERIFY2(result.ok, qPrintable(result.error));
            QCOMPARE(result.written, 0);
            QVERIFY(QFile::exists(path));
        }
        QCOMPARE(readAll(dir.filePath(u"e.ndjson"_s)), QByteArray());
        QCOMPARE(readAll(dir.filePath(u"e.csv"_s)), "id,collection,datetime,WKT\r\n");
        QCOMPARE(QJsonDocument::fromJson(readAll(dir.filePath(u"e.geojson"_s)))[u"features"_s].toArray().size(), 0);
        const OgrFile gpkg(dir.filePath(u"e.gpkg"_s));
        QVERIFY(gpkg.layer());
        QCOMPARE(OGR_L_GetFeatureCount(gpkg.layer(), TRUE), 0);
        QCOMPARE(names(fields(gpkg.layer())), (QStringList { u"id"_s, u"collection"_s, u"datetime"_s }));
    }

    // The snapshot reads the rows it was given after the store was cleared and refilled.
    void snapshotOutlivesStore()
    {
        ItemStore store;
        appendJson(store, fixture());
        const ItemSnapshot snapshot(store, { 3, 1 });
        store.clear();
        appendJson(store, DemoCatalog::featureCollection(0, 5));
        QCOMPARE(snapshot.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(snapshot.rawJson(0)).object().value(u"id"_s).toString(), u"d-4"_s);
        QCOMPARE(QJsonDocument::fromJson(snapshot.rawJson(1)).object().value(u"id"_s).toString(), u"b-2"_s);
        QVERIFY(snapshot.rawJson(2).isEmpty());
    }

    // A job on a worker, over a store too big to parse at once comfortably in a test.
    void jobOnWorker()
    {
        ItemStore store;
        for (int first = 0; first < 3000; first += 500) {
            appendJson(store, DemoCatalog::featureCollection(first, 500));
        }
        QCOMPARE(store.size(), 3000);
        const QString path = m_dir.filePath(u"many.gpkg"_s);
        ItemExportJob job(store, allRows(store), path, ExportFormat::GeoPackage);
        QSignalSpy finished(&job, &ItemExportJob::finished);
        QSignalSpy progress(&job, &ItemExportJob::progress);
        store.clear(); // a new search meanwhile
        QVERIFY(finished.wait(60000));
        QVERIFY2(job.isOk(), qPrintable(job.errorString()));
        QCOMPARE(job.written(), 3000);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(ogrinfoCount(path), 3000);

        // Canceled at once: either it finished first, whole, or nothing is there.
        const QString canceled = m_dir.filePath(u"canceled.csv"_s);
        appendJson(store, DemoCatalog::featureCollection(0, 2000));
        ItemExportJob second(store, allRows(store), canceled, ExportFormat::Csv);
        QSignalSpy secondFinished(&second, &ItemExportJob::finished);
        second.cancel();
        QVERIFY(secondFinished.wait(60000));
        QCOMPARE(QFile::exists(canceled), second.isOk());
        QCOMPARE(second.isCanceled(), !second.isOk());
    }

private:
    QTemporaryDir m_dir;
    ItemStore m_store;
};

QTEST_GUILESS_MAIN(TestItemExport)
#include "tst_itemexport.moc"
