#include <cmath>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <gdal_utils.h>

#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "src/geo/aoifile.h"
#include "src/geo/aoiimportjob.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(StacScope::AoiFile::Format)

namespace {

// fields.geojson: a square with a hole, a MultiPolygon of two squares and a point. Outer rings run
// counter-clockwise and holes clockwise, as AoiFile::read() returns them.
QString fixture(const QString &name)
{
    return QStringLiteral(STACSCOPE_TEST_FIXTURES "/aoi/") + name;
}

QByteArray fixtureBytes(const QString &name)
{
    QFile file(fixture(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", qPrintable(name));
    }
    return file.readAll();
}

const char *const kFieldAWkt = "POLYGON ((10 50, 11 50, 11 51, 10 51, 10 50), "
                               "(10.2 50.2, 10.2 50.4, 10.4 50.4, 10.4 50.2, 10.2 50.2))";
const char *const kPairWkt = "MULTIPOLYGON (((12 50, 12.5 50, 12.5 50.5, 12 50.5, 12 50)), "
                             "((13 50, 13.5 50, 13.5 50.5, 13 50.5, 13 50)))";

Geometry wkt(const char *text)
{
    const std::optional<Geometry> g = Geometry::fromWkt(QString::fromLatin1(text));
    if (!g) {
        qFatal("bad WKT in test data: %s", text);
    }
    return *g;
}

// Same structure, and every coordinate within tolerance (degrees).
bool sameGeometry(const Geometry &actual, const Geometry &expected, double tolerance = 1e-6)
{
    if (actual.type() != expected.type() || actual.ringEnds() != expected.ringEnds()
        || actual.partEnds() != expected.partEnds()) {
        qWarning("structure differs: %s vs %s", qPrintable(actual.toWkt()), qPrintable(expected.toWkt()));
        return false;
    }
    for (size_t i = 0; i < actual.coordinates().size(); ++i) {
        if (std::abs(actual.coordinates()[i] - expected.coordinates()[i]) > tolerance) {
            qWarning(
                "coordinate %d differs: %s vs %s", int(i), qPrintable(actual.toWkt()), qPrintable(expected.toWkt()));
            return false;
        }
    }
    return true;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
}

// ogr2ogr through its library entry point, so the fixtures need no process and no PATH.
bool translate(const QString &source, const QString &target, const QStringList &arguments)
{
    CPLPushErrorHandler(CPLQuietErrorHandler); // failures are reported by the caller
    const auto popHandler = qScopeGuard([] { CPLPopErrorHandler(); });
    CPLStringList argv;
    for (const QString &argument : arguments) {
        argv.AddString(argument.toUtf8().constData());
    }
    GDALVectorTranslateOptions *options = GDALVectorTranslateOptionsNew(argv.List(), nullptr);
    GDALDatasetH input = GDALOpenEx(source.toUtf8().constData(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    if (!options || !input) {
        GDALVectorTranslateOptionsFree(options);
        return false;
    }
    int usageError = 0;
    GDALDatasetH output = GDALVectorTranslate(target.toUtf8().constData(), nullptr, 1, &input, options, &usageError);
    GDALVectorTranslateOptionsFree(options);
    GDALClose(input);
    if (!output) {
        return false;
    }
    GDALClose(output); // flushes
    return true;
}

// Shapefile layers hold one geometry type: leave the fixture's point out.
const QStringList kShapefile { u"-f"_s, u"ESRI Shapefile"_s, u"-where"_s, u"name <> 'A point'"_s };

} // namespace

class TestAoiFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        GDALAllRegister();
        m_source = m_dir.filePath(u"fields.geojson"_s);
        m_fixture = fixtureBytes(u"fields.geojson"_s);
        writeFile(m_source, m_fixture);
    }

    void readFormats_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("checkNames");

        QTest::newRow("geojson") << u"fields.geojson"_s << QStringList() << true;
        QTest::newRow("kml") << u"fields.kml"_s << QStringList { u"-f"_s, u"KML"_s } << true;
        QTest::newRow("kmz") << u"fields.kmz"_s << QStringList { u"-f"_s, u"LIBKML"_s } << true;
        QTest::newRow("shapefile") << u"fields.shp"_s << kShapefile << true;
        QTest::newRow("zipped shapefile") << u"fields.zip"_s << kShapefile << true;
        QTest::newRow("geopackage") << u"fields.gpkg"_s << QStringList { u"-f"_s, u"GPKG"_s } << true;
        // Reprojected files come back within 1e-6 degrees.
        QTest::newRow("web mercator gpkg")
            << u"mercator.gpkg"_s << QStringList { u"-f"_s, u"GPKG"_s, u"-t_srs"_s, u"EPSG:3857"_s } << true;
        QTest::newRow("utm 33N shapefile")
            << u"utm.shp"_s << (kShapefile + QStringList { u"-t_srs"_s, u"EPSG:32633"_s }) << true;
        QTest::newRow("utm geojson") << u"utm.geojson"_s
                                     << QStringList { u"-f"_s, u"GeoJSON"_s, u"-t_srs"_s, u"EPSG:32632"_s } << true;
    }

    void readFormats()
    {
        QFETCH(QString, fileName);
        QFETCH(QStringList, arguments);
        QFETCH(bool, checkNames);

        const QString path = m_dir.filePath(fileName);
        if (fileName.endsWith(u".zip"_s)) {
            // GDAL zips a Shapefile it writes as .shp.zip; a plain .zip name is what users have.
            const QString zipped = m_dir.filePath(u"zipped.shp.zip"_s);
            QVERIFY2(translate(m_source, zipped, arguments), CPLGetLastErrorMsg());
            QVERIFY(QFile::rename(zipped, path));
        } else if (path != m_source) {
            QVERIFY2(translate(m_source, path, arguments), CPLGetLastErrorMsg());
        }
        QVERIFY(QFile::exists(path));

        QString error;
        const QList<ImportedAoi> aois = AoiFile::read(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(aois.size(), 2); // the point is skipped
        QVERIFY(sameGeometry(aois[0].geometry, wkt(kFieldAWkt)));
        QVERIFY(sameGeometry(aois[1].geometry, wkt(kPairWkt)));
        QCOMPARE(aois[1].geometry.type(), GeometryType::MultiPolygon);
        if (checkNames) {
            QCOMPARE(aois[0].name, u"Field A"_s);
            QCOMPARE(aois[1].name, u"Pair"_s);
        }
    }

    void readGpx()
    {
        const QString path = fixture(u"walk.gpx"_s);
        QString error;
        const QList<ImportedAoi> aois = AoiFile::read(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(aois.size(), 1);
        QCOMPARE(aois[0].name, u"Loop"_s);
        QVERIFY(sameGeometry(aois[0].geometry, wkt("POLYGON ((10 50, 11 50, 11 51, 10 51, 10 50))")));

        const QString open = fixture(u"open.gpx"_s);
        QVERIFY(AoiFile::read(open, &error).isEmpty());
        QVERIFY2(error.contains(u"open.gpx has no polygons"_s), qPrintable(error));
        QVERIFY2(error.contains(u"open track or route"_s), qPrintable(error));
    }

    void readWktFile()
    {
        const QString one = m_dir.filePath(u"one.wkt"_s);
        writeFile(one, QByteArray("POLYGON Z ((10 50 1, 11 50 1,\n 11 51 1, 10 51 1, 10 50 1))\n"));
        QString error;
        QList<ImportedAoi> aois = AoiFile::read(one, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(aois.size(), 1);
        QCOMPARE(aois[0].name, u"one"_s);
        QVERIFY(sameGeometry(aois[0].geometry, wkt("POLYGON ((10 50, 11 50, 11 51, 10 51, 10 50))")));

        const QString lines = m_dir.filePath(u"lines.txt"_s);
        writeFile(lines, QByteArray(kFieldAWkt) + "\n\n" + kPairWkt + "\n");
        aois = AoiFile::read(lines, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(aois.size(), 2);
        QCOMPARE(aois[1].name, u"lines #2"_s);
        QVERIFY(sameGeometry(aois[1].geometry, wkt(kPairWkt)));
    }

    void ringsAreOriented()
    {
        // A clockwise outer ring comes back counter-clockwise.
        const QString path = fixture(u"clockwise.geojson"_s);
        QString error;
        const QList<ImportedAoi> aois = AoiFile::read(path, &error);
        QCOMPARE(aois.size(), 1);
        QCOMPARE(aois[0].name, u"clockwise"_s);
        QVERIFY(sameGeometry(aois[0].geometry, wkt("POLYGON ((10 50, 11 50, 11 51, 10 51, 10 50))")));
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");

        QTest::newRow("empty") << u"empty.geojson"_s << QByteArray()
                               << u"cannot read empty.geojson: the file is empty"_s;
        QTest::newRow("truncated geojson") << u"cut.geojson"_s << fixtureBytes(u"fields.geojson"_s).chopped(200)
                                           << u"cannot read cut.geojson: not a recognised vector file"_s;
        QTest::newRow("garbage kml") << u"junk.kml"_s << QByteArray("\x01\x02 this is <not kml at all")
                                     << u"cannot read junk.kml: not a recognised vector file"_s;
        QTest::newRow("garbage zip") << u"junk.zip"_s << QByteArray("PK but not really a zip")
                                     << u"cannot read junk.zip: not a recognised vector file"_s;
        QTest::newRow("garbage shp") << u"junk.shp"_s << QByteArray(200, 'x')
                                     << u"cannot read junk.shp: not a recognised vector file"_s;
        QTest::newRow("points only") << u"points.geojson"_s << fixtureBytes(u"points.geojson"_s)
                                     << u"points.geojson has no polygons (found only: Point)"_s;
        QTest::newRow("bad wkt") << u"bad.wkt"_s << QByteArray("POLYGON ((1 2, 3") << u"cannot read bad.wkt: not WKT"_s;
        QTest::newRow("line wkt") << u"line.wkt"_s << QByteArray("LINESTRING (1 2, 3 4)")
                                  << u"cannot read line.wkt: the text has no polygons"_s;
    }

    void brokenFiles()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(fileName);
        writeFile(path, content);
        QString error;
        QVERIFY(AoiFile::read(path, &error).isEmpty());
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }

    void missingFile()
    {
        QString error;
        QVERIFY(AoiFile::read(m_dir.filePath(u"nothing.geojson"_s), &error).isEmpty());
        QCOMPARE(error, u"cannot read nothing.geojson: no such file"_s);
    }

    void zipWithoutShapefile()
    {
        // A real archive holding only a text file.
        const QByteArray zip = QFile::encodeName(m_dir.filePath(u"readme.zip"_s));
        const QByteArray entry = "/vsizip/" + zip + "/readme.txt";
        VSILFILE *file = VSIFOpenL(entry.constData(), "wb");
        QVERIFY(file);
        VSIFWriteL("hello\n", 1, 6, file);
        VSIFCloseL(file);
        QString error;
        QVERIFY(AoiFile::read(QString::fromLocal8Bit(zip), &error).isEmpty());
        QCOMPARE(error, u"cannot read readme.zip: the archive holds no Shapefile or other vector file"_s);
    }

    void nestedFileInZip()
    {
        // Archives often hold a folder: the first vector file inside is used.
        const QByteArray zip = QFile::encodeName(m_dir.filePath(u"nested.zip"_s));
        const QByteArray entry = "/vsizip/" + zip + "/export/areas/fields.geojson";
        VSILFILE *file = VSIFOpenL(entry.constData(), "wb");
        QVERIFY(file);
        QCOMPARE(VSIFWriteL(m_fixture.constData(), 1, size_t(m_fixture.size()), file), size_t(m_fixture.size()));
        VSIFCloseL(file);
        QString error;
        const QList<ImportedAoi> aois = AoiFile::read(QString::fromLocal8Bit(zip), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(aois.size(), 2);
        QVERIFY(sameGeometry(aois[0].geometry, wkt(kFieldAWkt)));
    }

    void projectedWithoutCrs()
    {
        // A Web Mercator shapefile whose .prj went missing: metres cannot pass as degrees.
        const QString path = m_dir.filePath(u"noprj.shp"_s);
        QVERIFY(translate(m_source, path, kShapefile + QStringList { u"-t_srs"_s, u"EPSG:3857"_s }));
        QVERIFY(QFile::remove(m_dir.filePath(u"noprj.prj"_s)));
        QString error;
        QVERIFY(AoiFile::read(path, &error).isEmpty());
        QCOMPARE(error,
            u"cannot read noprj.shp: it has no coordinate reference system and coordinates outside lon/lat range"_s);
    }

    void parseText()
    {
        QString error;
        std::optional<Geometry> g = AoiFile::parseText(QString::fromLatin1(kFieldAWkt), &error);
        QVERIFY2(g, qPrintable(error));
        QVERIFY(sameGeometry(*g, wkt(kFieldAWkt)));

        g = AoiFile::parseText(QString::fromUtf8(m_fixture), &error); // a FeatureCollection: polygons merged
        QVERIFY2(g, qPrintable(error));
        QCOMPARE(g->type(), GeometryType::MultiPolygon);
        QCOMPARE(g->partCount(), 3);

        g = AoiFile::parseText(
            u" {\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}} "_s,
            &error);
        QVERIFY2(g, qPrintable(error));
        QCOMPARE(g->type(), GeometryType::Polygon);

        QVERIFY(!AoiFile::parseText(u"POINT (1 2)"_s, &error));
        QCOMPARE(error, u"the text has no polygons"_s);
        QVERIFY(!AoiFile::parseText(u"{\"type\":"_s, &error));
        QVERIFY2(error.startsWith(u"not valid GeoJSON"_s), qPrintable(error));
        QVERIFY(!AoiFile::parseText(u"hello"_s, &error));
        QVERIFY2(error.startsWith(u"not WKT or GeoJSON"_s), qPrintable(error));
        QVERIFY(!AoiFile::parseText(u"POLYGON ((0 0, 500000 0, 500000 500000, 0 0))"_s, &error));
        QVERIFY2(error.contains(u"outside lon/lat range"_s), qPrintable(error));
        QVERIFY(!AoiFile::parseText(u"  "_s, &error));
    }

    void exportRoundTrip_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<AoiFile::Format>("format");
        QTest::newRow("geojson") << u"out.geojson"_s << AoiFile::Format::GeoJson;
        QTest::newRow("kml") << u"out.kml"_s << AoiFile::Format::Kml;
        QTest::newRow("wkt") << u"out.wkt"_s << AoiFile::Format::Wkt;
    }

    void exportRoundTrip()
    {
        QFETCH(QString, fileName);
        QFETCH(AoiFile::Format, format);
        QString error;
        const QList<ImportedAoi> original = AoiFile::read(m_source, &error);
        QCOMPARE(original.size(), 2);
        const QString path = m_dir.filePath(fileName);
        QVERIFY(AoiFile::formatForPath(path) == format);
        QVERIFY2(AoiFile::write(path, original, format, &error), qPrintable(error));
        const QList<ImportedAoi> back = AoiFile::read(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(back.size(), original.size());
        for (qsizetype i = 0; i < back.size(); ++i) {
            QVERIFY(sameGeometry(back[i].geometry, original[i].geometry, 1e-9));
            if (format != AoiFile::Format::Wkt) { // WKT carries no names
                QCOMPARE(back[i].name, original[i].name);
            }
        }
    }

    void exportErrors()
    {
        QString error;
        QVERIFY(!AoiFile::write(m_dir.filePath(u"none.geojson"_s), {}, AoiFile::Format::GeoJson, &error));
        QVERIFY2(error.contains(u"no AOI"_s), qPrintable(error));
        QVERIFY(!AoiFile::write(
            m_dir.filePath(u"missing-dir/x.kml"_s), { { u"a"_s, wkt(kFieldAWkt) } }, AoiFile::Format::Kml, &error));
        QVERIFY2(error.startsWith(u"cannot write x.kml"_s), qPrintable(error));
        QVERIFY(!AoiFile::write(
            m_dir.filePath(u"point.wkt"_s), { { u"p"_s, Geometry::point(1, 2) } }, AoiFile::Format::Wkt, &error));
        QVERIFY2(error.contains(u"is not a polygon"_s), qPrintable(error));
    }

    void supportedPaths()
    {
        QVERIFY(AoiFile::isSupportedPath(u"/a/b.KMZ"_s));
        QVERIFY(AoiFile::isSupportedPath(u"b.shp"_s));
        QVERIFY(AoiFile::isSupportedPath(u"b.gpkg"_s));
        QVERIFY(!AoiFile::isSupportedPath(u"b.png"_s));
    }

    void importJob()
    {
        AoiImportJob job(m_source);
        QSignalSpy finished(&job, &AoiImportJob::finished);
        QVERIFY(finished.wait());
        QVERIFY(job.isOk());
        QCOMPARE(job.aois().size(), 2);

        AoiImportJob bad(m_dir.filePath(u"nothing.kml"_s));
        QSignalSpy badFinished(&bad, &AoiImportJob::finished);
        QVERIFY(badFinished.wait());
        QVERIFY(!bad.isOk());
        QCOMPARE(bad.errorString(), u"cannot read nothing.kml: no such file"_s);
    }

private:
    QTemporaryDir m_dir;
    QString m_source;
    QByteArray m_fixture;
};

QTEST_GUILESS_MAIN(TestAoiFile)
#include "tst_aoifile.moc"
