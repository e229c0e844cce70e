// The demo catalog's data files (DemoAssets): what the static items say about them (size, checksum,
// type) is what is served, the GeoTIFFs open in GDAL on the item's footprint, clouds cover what
// eo:cloud_cover says, and only the catalog's own URLs are files.
#include <cmath>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "src/demo/demoassets.h"
#include "src/demo/democatalog.h"
#include "src/demo/demoraster.h"
#include "src/demo/demoscene.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject staticItem(int index)
{
    return QJsonDocument::fromJson(DemoCatalog::staticItem(index)).object();
}

int firstIndexOf(const QString &collection, bool antimeridian = false)
{
    for (int i = 0; i < 5000; ++i) {
        if (DemoCatalog::collectionId(i) == collection && DemoCatalog::crossesAntimeridian(i) == antimeridian)
            return i;
    }
    return -1;
}

struct RasterInfo
{
    int width = 0;
    int height = 0;
    int bands = 0;
    GDALDataType type = GDT_Unknown;
    double transform[6] = {};
    QByteArray epsg;
    QString error;
};

RasterInfo openInGdal(const QString &path)
{
    RasterInfo info;
    GDALDatasetH dataset = GDALOpen(path.toUtf8().constData(), GA_ReadOnly);
    if (!dataset) {
        info.error = QString::fromUtf8(CPLGetLastErrorMsg());
        return info;
    }
    info.width = GDALGetRasterXSize(dataset);
    info.height = GDALGetRasterYSize(dataset);
    info.bands = GDALGetRasterCount(dataset);
    info.type = GDALGetRasterDataType(GDALGetRasterBand(dataset, 1));
    if (GDALGetGeoTransform(dataset, info.transform) != CE_None)
        info.error = u"no geotransform"_s;
    if (OGRSpatialReferenceH srs = GDALGetSpatialRef(dataset))
        info.epsg = OSRGetAuthorityCode(srs, nullptr);
    GDALClose(dataset);
    return info;
}

} // namespace

class TestDemoAssets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        GDALAllRegister();
        QVERIFY(m_dir.isValid());
    }

    // Each data asset of a static item is served, and its file:size, file:checksum (a sha2-256
    // multihash: 0x12, 32 bytes) and type describe exactly the served bytes.
    void staticItemsDescribeTheServedFiles()
    {
        int checked = 0;
        for (int index : { 0, 1, 2, 3, 4, 5, 1234, firstIndexOf(u"demo-sar"_s, true) }) {
            const QJsonObject item = staticItem(index);
            const QJsonObject assets = item.value(u"assets"_s).toObject();
            for (auto it = assets.begin(); it != assets.end(); ++it) {
                if (it.key() == u"thumbnail"_s)
                    continue;
                const QJsonObject asset = it.value().toObject();
                const QUrl href(asset.value(u"href"_s).toString());
                QCOMPARE(href.host(), u"demo.stacscope.invalid"_s);
                const std::optional<DemoAssets::File> file = DemoAssets::fileAt(href);
                QVERIFY2(file.has_value(), qPrintable(href.toString()));
                QCOMPARE(qint64(asset.value(u"file:size"_s).toDouble()), qint64(file->bytes.size()));
                const QByteArray sha256 = QCryptographicHash::hash(file->bytes, QCryptographicHash::Sha256).toHex();
                QCOMPARE(asset.value(u"file:checksum"_s).toString().toLatin1(), "1220" + sha256);
                if (it.key() == u"metadata"_s) {
                    QCOMPARE(asset.value(u"type"_s).toString(), u"application/xml"_s);
                    QCOMPARE(file->mediaType, "application/xml");
                } else {
                    QCOMPARE(asset.value(u"type"_s).toString(), u"image/tiff; application=geotiff"_s);
                    QVERIFY(file->bytes.startsWith(QByteArrayView("II\x2a\0", 4)));
                }
                ++checked;
            }
        }
        QVERIFY(checked >= 20);
    }

    void geoTiffsOpenInGdal_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("bands");
        QTest::addColumn<int>("type");
        const int optical = firstIndexOf(u"demo-optical"_s);
        const int archive = firstIndexOf(u"demo-archive"_s);
        const int sar = firstIndexOf(u"demo-sar"_s);
        const QByteArray polarization
            = staticItem(sar).value(u"properties"_s)[u"sar:polarizations"_s][0].toString().toLatin1();
        QTest::newRow("optical visual") << optical << QByteArray("visual") << 256 << 3 << int(GDT_Byte);
        QTest::newRow("optical analytic") << optical << QByteArray("analytic") << 128 << 6 << int(GDT_UInt16);
        QTest::newRow("archive visual") << archive << QByteArray("visual") << 256 << 3 << int(GDT_Byte);
        QTest::newRow("archive analytic") << archive << QByteArray("analytic") << 128 << 4 << int(GDT_UInt16);
        QTest::newRow("sar") << sar << polarization << 256 << 1 << int(GDT_UInt16);
        const int across = firstIndexOf(u"demo-optical"_s, true);
        QTest::newRow("across the antimeridian") << across << QByteArray("visual") << 256 << 3 << int(GDT_Byte);
    }

    // GDAL (libtiff and its GeoTIFF reader) opens each file with the bands the item lists, in WGS 84,
    // with its corners on the item's bbox.
    void geoTiffsOpenInGdal()
    {
        QFETCH(int, index);
        QFETCH(QByteArray, key);
        QFETCH(int, size);
        QFETCH(int, bands);
        QFETCH(int, type);
        QVERIFY(index >= 0);
        const std::optional<DemoAssets::File> file = DemoAssets::file(index, key);
        QVERIFY(file.has_value());
        const QString path = m_dir.filePath(QString::number(index) + u'-' + QString::fromLatin1(key) + u".tif"_s);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(file->bytes), qint64(file->bytes.size()));
        out.close();

        const RasterInfo info = openInGdal(path);
        QVERIFY2(info.error.isEmpty(), qPrintable(info.error));
        QCOMPARE(info.width, size);
        QCOMPARE(info.height, size);
        QCOMPARE(info.bands, bands);
        QCOMPARE(int(info.type), type);
        QCOMPARE(info.epsg, QByteArray("4326"));

        const QJsonObject item = staticItem(index);
        const QJsonArray bbox = item.value(u"bbox"_s).toArray();
        const double west = bbox.at(0).toDouble();
        const double south = bbox.at(1).toDouble();
        double east = bbox.at(2).toDouble();
        const double north = bbox.at(3).toDouble();
        if (east < west) // across the antimeridian: the raster runs on past 180
            east += 360;
        // The item's bbox is printed with 6 decimals.
        QVERIFY(std::abs(info.transform[0] - west) <= 5e-7);
        QVERIFY(std::abs(info.transform[3] - north) <= 5e-7);
        QVERIFY(std::abs(info.transform[1] * size - (east - west)) <= 1e-6);
        QVERIFY(std::abs(-info.transform[5] * size - (north - south)) <= 1e-6);
        QCOMPARE(info.transform[2], 0.0);
        QCOMPARE(info.transform[4], 0.0);
        if (key == "analytic") { // the asset's eo:bands, as many and in order
            const QJsonArray eoBands = item.value(u"assets"_s)[u"analytic"_s][u"eo:bands"_s].toArray();
            QCOMPARE(eoBands.size(), bands);
        }
    }

    // The share of the picture that clouds change is the item's eo:cloud_cover (to a few points).
    void cloudsCoverWhatTheItemSays()
    {
        int checked = 0;
        for (int index = 0; index < 60 && checked < 6; ++index) {
            if (DemoCatalog::collectionId(index) != u"demo-optical"_s)
                continue;
            const double cover = staticItem(index).value(u"properties"_s)[u"eo:cloud_cover"_s].toDouble();
            if (cover < 10 || cover > 90)
                continue;
            const QByteArray id = DemoCatalog::itemId(index).toUtf8();
            DemoCatalog::Scene scene = DemoCatalog::makeScene(index, {});
            const DemoCatalog::Raster cloudy = DemoCatalog::visualRaster(scene, id);
            scene.cloudCover = 0;
            const DemoCatalog::Raster clear = DemoCatalog::visualRaster(scene, id);
            QCOMPARE(cloudy.pixels.size(), clear.pixels.size());
            int changed = 0;
            for (qsizetype p = 0; p < cloudy.pixels.size(); p += 3)
                changed += cloudy.pixels.mid(p, 3) != clear.pixels.mid(p, 3) ? 1 : 0;
            const double share = 100.0 * changed / (cloudy.width * cloudy.height);
            QVERIFY2(std::abs(share - cover) < 4,
                qPrintable(u"%1: %2% changed, eo:cloud_cover %3"_s.arg(index).arg(share).arg(cover)));
            ++checked;
        }
        QVERIFY(checked >= 3);
    }

    void metadataIsWellFormedXml()
    {
        const int index = firstIndexOf(u"demo-sar"_s);
        const std::optional<DemoAssets::File> file = DemoAssets::file(index, "metadata");
        QVERIFY(file.has_value());
        QXmlStreamReader xml(file->bytes);
        QString identifier;
        QString mode;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (xml.name() == u"Identifier"_s)
                    identifier = xml.readElementText();
                else if (xml.name() == u"InstrumentMode"_s)
                    mode = xml.readElementText();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(identifier, DemoCatalog::itemId(index));
        QCOMPARE(mode, staticItem(index).value(u"properties"_s)[u"sar:instrument_mode"_s].toString());
    }

    void sameBytesEveryTime()
    {
        const QUrl url(u"https://demo.stacscope.invalid/demo-optical/demo-optical-000003/visual.tif"_s);
        const std::optional<DemoAssets::File> first = DemoAssets::fileAt(url);
        const std::optional<DemoAssets::File> second = DemoAssets::fileAt(url);
        QVERIFY(first && second);
        QCOMPARE(first->bytes, second->bytes);
        QCOMPARE(first->bytes, DemoAssets::file(3, "visual")->bytes);
        // Another item, another picture.
        QVERIFY(DemoAssets::file(6, "visual")->bytes != first->bytes);
    }

    void onlyTheCatalogsOwnUrlsAreFiles_data()
    {
        QTest::addColumn<QString>("url");
        const QString base = u"https://demo.stacscope.invalid/"_s;
        QTest::newRow("plain http") << u"http://demo.stacscope.invalid/demo-optical/demo-optical-000003/visual.tif"_s;
        QTest::newRow("another host") << u"https://example.org/demo-optical/demo-optical-000003/visual.tif"_s;
        QTest::newRow("another port")
            << u"https://demo.stacscope.invalid:8443/demo-optical/demo-optical-000003/visual.tif"_s;
        QTest::newRow("item in another collection") << base + u"demo-sar/demo-optical-000003/visual.tif"_s;
        QTest::newRow("collection and index disagree") << base + u"demo-optical/demo-optical-000004/visual.tif"_s;
        QTest::newRow("unpadded index") << base + u"demo-optical/demo-optical-3/visual.tif"_s;
        QTest::newRow("no such asset") << base + u"demo-optical/demo-optical-000003/B04.tif"_s;
        QTest::newRow("optical has no polarization") << base + u"demo-optical/demo-optical-000003/HH.tif"_s;
        QTest::newRow("wrong extension") << base + u"demo-optical/demo-optical-000003/visual.png"_s;
        QTest::newRow("metadata as tif") << base + u"demo-optical/demo-optical-000003/metadata.tif"_s;
        QTest::newRow("extra folder") << base + u"demo-optical/x/demo-optical-000003/visual.tif"_s;
        QTest::newRow("dot segments") << base + u"demo-optical/demo-optical-000003/../visual.tif"_s;
        QTest::newRow("negative index") << base + u"demo-optical/demo-optical--00003/visual.tif"_s;
        QTest::newRow("huge index") << base + u"demo-optical/demo-optical-99999999999/visual.tif"_s;
        QTest::newRow("root") << base;
    }

    void onlyTheCatalogsOwnUrlsAreFiles()
    {
        QFETCH(QString, url);
        QVERIFY(!DemoAssets::fileAt(QUrl(url)).has_value());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestDemoAssets)
#include "tst_demoassets.moc"
