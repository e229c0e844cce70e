#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "src/stac/itemparser.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace StacScope {
// Found by QCOMPARE through argument-dependent lookup.
char *toString(const GeoBox &b)
{
    return qstrdup(QByteArray("[" + QByteArray::number(b.west) + ", " + QByteArray::number(b.south) + ", "
        + QByteArray::number(b.east) + ", " + QByteArray::number(b.north) + "]")
                       .constData());
}
} // namespace StacScope

namespace {

QString fixturePath(const QString &name)
{
    return QStringLiteral(STACSCOPE_TEST_FIXTURES "/stac/") + name;
}

QByteArray readFixture(const QString &name)
{
    QFile file(fixturePath(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open fixture %s", qPrintable(name));
    }
    return file.readAll();
}

qint64 utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

QByteArray spanBytes(const QByteArray &json, const ItemPage::Span &span)
{
    return json.mid(span.begin, span.end - span.begin);
}

// An Item with the given assets object (and optionally links), everything else minimal.
QByteArray itemWithAssets(const QByteArray &assets, const QByteArray &links = "[]")
{
    return R"({"type": "Feature", "id": "a1", "geometry": null, "properties": {"datetime": "2023-01-01T00:00:00Z"},)"
           R"( "links": )"
        + links + R"(, "assets": )" + assets + "}";
}

ItemRecord parseOne(const QByteArray &json, const QUrl &base = {}, QStringList *warnings = nullptr)
{
    const ItemPage page = ItemParser(base).parseItem(json);
    if (!page.ok() || page.items.size() != 1) {
        qFatal("item did not parse: %s", qPrintable(page.error));
    }
    if (warnings) {
        *warnings = page.warnings;
    }
    return page.items.front();
}

} // namespace

class TestItemParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFixture_data();
    void everyFixture();
    void allFixturesCovered();
    void legacy09();
    void capellaSar();
    void satellogic();
    void up42();
    void sentinel2v11();
    void bbox3d();
    void antimeridian();
    void intervalWithNullDatetime();
    void missingOptional();
    void nullGeometry();
    void polar();
    void unknownExtension();
    void badGeometry();
    void wrongTypes();
    void wrongTypesInsidePage();
    void invalidJson();
    void notStac_data();
    void notStac();
    void page1();
    void pageWithContext();
    void emptyPage();
    void spansAreExactItemBytes();
    void brokenItemSkipped();
    void invalidJsonInsidePage();
    void trailingData();
    void singleItemThroughParsePage();
    void geometryTypeAfterCoordinates();
    void optionalFieldsOfWrongType_data();
    void optionalFieldsOfWrongType();
    void datetimeWarnings();
    void notAFeature();
    void thumbnailSelection_data();
    void thumbnailSelection();
    void thumbnailRelativeToSelf();
    void thumbnailRelativeToBase();
    void thumbnailRelativeWithoutBase();
    void thumbnailInStaticCatalog();
};

void TestItemParser::everyFixture_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("items");
    QTest::addColumn<QString>("firstId");
    QTest::addColumn<QString>("errorStart");

    auto item = [](const char *file, const QString &id) {
        QTest::newRow(file) << QString::fromLatin1(file) << true << 1 << id << QString();
    };
    item("item-0.9.0-legacy.json", u"LC08_L1TP_044034_20200614_20200625_01_T1"_s);
    item("item-1.0.0-capella-sar.json", u"CAPELLA_C08_SM_GEO_HH_20230512141049_20230512141053"_s);
    item("item-1.0.0-satellogic.json", u"20230405_104433_SN24_30N_440_4474_QUICKVIEW_VISUAL"_s);
    item("item-1.0.0-up42.json", u"b2a0f3c4-7d5e-4f61-9c8a-1e2d3f4a5b6c"_s);
    item("item-1.1.0-sentinel2.json", u"S2B_33UUP_20230612_0_L2A"_s);
    item("item-3d-bbox.json", u"Copernicus_DSM_COG_10_N45_00_E006_00"_s);
    item("item-antimeridian-multipolygon.json", u"LC09_L2SP_074072_20230803_02_T1"_s);
    item("item-interval-null-datetime.json", u"s2-cloudless-mosaic-2023-q2-31UFU"_s);
    item("item-missing-optional.json", u"minimal-item-0001"_s);
    item("item-null-geometry.json", u"S1A_OPER_AUX_POEORB_OPOD_20230708T080638_V20230617T225942_20230619T005942"_s);
    item("item-polar.json", u"S2A_33XVH_20230714_0_L2A"_s);
    item("item-unknown-extension.json", u"foo-demo-20230301-0001"_s);
    item("bad-geometry.json", u"bad-geometry-0001"_s); // kept, with a warning
    QTest::newRow("itemcollection-page1.json")
        << u"itemcollection-page1.json"_s << true << 3 << u"S2A_32TQM_20230702_0_L2A"_s << QString();
    QTest::newRow("itemcollection-context.json")
        << u"itemcollection-context.json"_s << true << 2 << u"CAPELLA_C05_SP_GEO_HH_20230418083112_20230418083129"_s
        << QString();
    QTest::newRow("itemcollection-empty.json") << u"itemcollection-empty.json"_s << true << 0 << QString() << QString();

    auto bad = [](const char *file, const QString &error) {
        QTest::newRow(file) << QString::fromLatin1(file) << false << 0 << QString() << error;
    };
    bad("bad-wrong-types.json", u"item.id: expected a string, found a number"_s);
    bad("bad-not-json.json", u"invalid JSON at line 1, column 157: unterminated string"_s);
    bad("bad-not-stac.json", u"not a STAC ItemCollection (no \"features\")"_s);
    bad("collection-0.9.json", u"not a STAC ItemCollection (no \"features\")"_s);
    bad("collection-sentinel2.json", u"not a STAC ItemCollection (type is \"Collection\")"_s);
    bad("collections-page.json", u"not a STAC ItemCollection (no \"features\")"_s);
    bad("landing-earth-search.json", u"not a STAC ItemCollection (type is \"Catalog\")"_s);
    bad("landing-up42-rc.json", u"not a STAC ItemCollection (type is \"Catalog\")"_s);
    bad("queryables.json", u"not a STAC ItemCollection (type is \"object\")"_s);
}

void TestItemParser::everyFixture()
{
    QFETCH(QString, file);
    QFETCH(bool, ok);
    QFETCH(int, items);
    QFETCH(QString, firstId);
    QFETCH(QString, errorStart);

    const QByteArray json = readFixture(file);
    const ItemPage page = ItemParser().parsePage(json);
    QCOMPARE(page.ok(), ok);
    QCOMPARE(int(page.items.size()), items);
    QCOMPARE(page.spans.size(), page.items.size());
    if (ok) {
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
        QVERIFY2(page.itemErrors.isEmpty(), qPrintable(page.itemErrors.join(u"; "_s)));
        if (items > 0) {
            QCOMPARE(page.items.front().id, firstId);
        }
        for (size_t i = 0; i < page.items.size(); ++i) {
            const ItemRecord &r = page.items[i];
            QVERIFY(!r.id.isEmpty());
            QVERIFY(r.hasDatetime());
            // Each span is the item's own JSON.
            const QJsonObject raw = QJsonDocument::fromJson(spanBytes(json, page.spans[i])).object();
            QCOMPARE(raw.value(u"id"_s).toString(), r.id);
        }
    } else {
        QVERIFY2(page.error.startsWith(errorStart), qPrintable(page.error));
        QVERIFY(page.spans.empty());
    }
}

void TestItemParser::allFixturesCovered()
{
    // A fixture added to the folder must be added to everyFixture_data() too.
    QStringList listed;
    const QStringList files = QDir(QStringLiteral(STACSCOPE_TEST_FIXTURES "/stac")).entryList({ u"*.json"_s });
    QVERIFY(files.size() >= 25);
    const char *known[] = { "item-0.9.0-legacy.json", "item-1.0.0-capella-sar.json", "item-1.0.0-satellogic.json",
        "item-1.0.0-up42.json", "item-1.1.0-sentinel2.json", "item-3d-bbox.json", "item-antimeridian-multipolygon.json",
        "item-interval-null-datetime.json", "item-missing-optional.json", "item-null-geometry.json", "item-polar.json",
        "item-unknown-extension.json", "bad-geometry.json", "itemcollection-page1.json", "itemcollection-context.json",
        "itemcollection-empty.json", "bad-wrong-types.json", "bad-not-json.json", "bad-not-stac.json",
        "collection-0.9.json", "collection-sentinel2.json", "collections-page.json", "landing-earth-search.json",
        "landing-up42-rc.json", "queryables.json" };
    for (const char *k : known) {
        listed.append(QString::fromLatin1(k));
    }
    for (const QString &f : files) {
        QVERIFY2(listed.contains(f), qPrintable(f + u" is not in everyFixture_data()"_s));
    }
}

void TestItemParser::legacy09()
{
    QStringList warnings;
    const ItemRecord r = parseOne(readFixture(u"item-0.9.0-legacy.json"_s), {}, &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u"; "_s)));
    QCOMPARE(r.collection, u"landsat-8-l1-c1"_s);
    QCOMPARE(r.datetime, utc(2020, 6, 14, 18, 42, 39, 573));
    QCOMPARE(r.startDatetime, ItemRecord::kNoTime);
    QCOMPARE(r.timeBegin(), r.datetime);
    QCOMPARE(r.timeEnd(), r.datetime);
    QVERIFY(r.hasBbox);
    QCOMPARE(r.bbox, (GeoBox { -123.0583, 36.6168, -120.5047, 38.7376 }));
    QCOMPARE(r.footprint.type(), GeometryType::Polygon);
    QCOMPARE(r.footprint.pointCount(), 5);
    QCOMPARE(r.cloudCover, 23.0f);
    QCOMPARE(r.gsd, 15.0f);
    QCOMPARE(r.offNadir, 0.0f);
    QCOMPARE(r.sunElevation, float(67.4530983));
    QCOMPARE(r.platform, u"landsat-8"_s);
    QCOMPARE(r.thumbnailHref,
        u"https://landsat-pds.s3.us-west-2.amazonaws.com/c1/L8/044/034/LC08_L1TP_044034_20200614_20200625_01_T1/"
        u"LC08_L1TP_044034_20200614_20200625_01_T1_thumb_large.jpg"_s);
}

void TestItemParser::capellaSar()
{
    const ItemRecord r = parseOne(readFixture(u"item-1.0.0-capella-sar.json"_s));
    QCOMPARE(r.collection, u"capella-geo"_s);
    QCOMPARE(r.datetime, utc(2023, 5, 12, 14, 10, 51, 112));
    QCOMPARE(r.startDatetime, utc(2023, 5, 12, 14, 10, 49, 305));
    QCOMPARE(r.endDatetime, utc(2023, 5, 12, 14, 10, 53, 19));
    QCOMPARE(r.timeBegin(), r.startDatetime);
    QCOMPARE(r.timeEnd(), r.endDatetime);
    QCOMPARE(r.platform, u"capella-8"_s);
    QVERIFY(!ItemRecord::isSet(r.cloudCover)); // SAR: no cloud cover
    QVERIFY(!ItemRecord::isSet(r.gsd));
    QVERIFY(!ItemRecord::isSet(r.offNadir));
    // The thumbnail role wins over the "preview" asset with role overview.
    QVERIFY(r.thumbnailHref.endsWith(u"_thumb.png"_s));
}

void TestItemParser::satellogic()
{
    const ItemRecord r = parseOne(readFixture(u"item-1.0.0-satellogic.json"_s));
    QCOMPARE(r.datetime, utc(2023, 4, 5, 10, 44, 33, 211)); // "+00:00" offset
    QCOMPARE(r.gsd, 0.94f);
    QCOMPARE(r.cloudCover, 3.2f);
    QCOMPARE(r.offNadir, 11.84f);
    QCOMPARE(r.sunElevation, 52.07f);
    QCOMPARE(r.platform, u"newsat24"_s);
    QCOMPARE(r.thumbnailHref,
        u"https://api.satellogic.com/archive/stac/assets/20230405_104433_SN24_30N_440_4474_QUICKVIEW_VISUAL/thumbnail.png"_s);
}

void TestItemParser::up42()
{
    const ItemRecord r = parseOne(readFixture(u"item-1.0.0-up42.json"_s));
    QCOMPARE(r.collection, u"0f8e54b9-3c2a-4d1b-a6e7-5f9c8d7b6a45"_s);
    QCOMPARE(r.platform, u"capella"_s); // no platform: the constellation stands in
    QCOMPARE(r.gsd, 0.5f);
    QCOMPARE(r.datetime, utc(2023, 9, 18, 5, 51, 7));
    QVERIFY(r.thumbnailHref.isEmpty()); // no asset qualifies as a preview
}

void TestItemParser::sentinel2v11()
{
    QStringList warnings;
    const ItemRecord r = parseOne(readFixture(u"item-1.1.0-sentinel2.json"_s), {}, &warnings);
    QVERIFY(warnings.isEmpty());
    QCOMPARE(r.datetime, utc(2023, 6, 12, 10, 17, 56, 894));
    QCOMPARE(r.cloudCover, 12.441873f);
    QCOMPARE(r.platform, u"sentinel-2b"_s);
    QCOMPARE(r.bbox, (GeoBox { 12.3019826, 47.7571448, 13.8131467, 48.7551282 }));
    QCOMPARE(r.footprint.pointCount(), 6);
    QVERIFY(r.thumbnailHref.endsWith(u"/S2B_33UUP_20230612_0_L2A/thumbnail.jpg"_s));
}

void TestItemParser::bbox3d()
{
    const ItemRecord r = parseOne(readFixture(u"item-3d-bbox.json"_s));
    QVERIFY(r.hasBbox);
    QCOMPARE(r.bbox, (GeoBox { 6, 45, 7, 46 })); // elevations dropped
    QCOMPARE(r.gsd, 30.0f);
    QCOMPARE(r.platform, u"tandem-x"_s);
    QVERIFY(r.thumbnailHref.isEmpty());
}

void TestItemParser::antimeridian()
{
    const ItemRecord r = parseOne(readFixture(u"item-antimeridian-multipolygon.json"_s));
    QVERIFY(r.hasBbox);
    QCOMPARE(r.bbox, (GeoBox { 178.5, -17.2, -179.3, -15.9 })); // west > east kept
    QVERIFY(r.bbox.crossesAntimeridian());
    QCOMPARE(r.footprint.type(), GeometryType::MultiPolygon);
    QCOMPARE(r.footprint.partCount(), 2);
    QCOMPARE(r.footprint.bounds(), r.bbox);
    QCOMPARE(r.datetime, utc(2023, 8, 3, 22, 14, 27, 611));
    QCOMPARE(r.cloudCover, 41.07f);
    QVERIFY(r.thumbnailHref.endsWith(u"_thumb_small.jpeg"_s));
}

void TestItemParser::intervalWithNullDatetime()
{
    QStringList warnings;
    const ItemRecord r = parseOne(readFixture(u"item-interval-null-datetime.json"_s), {}, &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u"; "_s)));
    QVERIFY(r.hasDatetime());
    QCOMPARE(r.startDatetime, utc(2023, 4, 1));
    QCOMPARE(r.endDatetime, utc(2023, 6, 30, 23, 59, 59, 999));
    QCOMPARE(r.datetime, r.startDatetime); // null datetime: the start stands in
    QCOMPARE(r.timeBegin(), utc(2023, 4, 1));
    QCOMPARE(r.timeEnd(), utc(2023, 6, 30, 23, 59, 59, 999));
    QCOMPARE(r.platform, u"sentinel-2a"_s); // platform beats constellation
    // The "visual" asset comes first in the document, but the thumbnail role wins.
    QCOMPARE(r.thumbnailHref, u"https://data.example.org/mosaics/2023-q2/31UFU/thumbnail.webp"_s);
}

void TestItemParser::missingOptional()
{
    QStringList warnings;
    const ItemRecord r = parseOne(readFixture(u"item-missing-optional.json"_s), {}, &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u"; "_s)));
    QCOMPARE(r.id, u"minimal-item-0001"_s);
    QVERIFY(r.collection.isEmpty());
    QCOMPARE(r.datetime, utc(2023, 11, 5, 1, 23, 45));
    // No bbox in the document: it comes from the geometry.
    QVERIFY(r.hasBbox);
    QCOMPARE(r.bbox, (GeoBox { 139.69, 35.62, 139.81, 35.73 }));
    QVERIFY(!ItemRecord::isSet(r.cloudCover));
    QVERIFY(!ItemRecord::isSet(r.gsd));
    QVERIFY(!ItemRecord::isSet(r.sunElevation));
    QVERIFY(r.platform.isEmpty());
    QVERIFY(r.thumbnailHref.isEmpty());
}

void TestItemParser::nullGeometry()
{
    QStringList warnings;
    const ItemRecord r = parseOne(readFixture(u"item-null-geometry.json"_s), {}, &warnings);
    QVERIFY(warnings.isEmpty());
    QVERIFY(r.footprint.isEmpty());
    QCOMPARE(r.footprint.type(), GeometryType::Empty);
    QVERIFY(!r.hasBbox);
    QCOMPARE(r.datetime, utc(2023, 6, 18, 11, 59, 42));
    QCOMPARE(r.startDatetime, utc(2023, 6, 17, 22, 59, 42));
    QCOMPARE(r.endDatetime, utc(2023, 6, 19, 0, 59, 42));
    QCOMPARE(r.platform, u"sentinel-1a"_s);
    QVERIFY(r.thumbnailHref.isEmpty());
}

void TestItemParser::polar()
{
    const ItemRecord r = parseOne(readFixture(u"item-polar.json"_s));
    QCOMPARE(r.bbox, (GeoBox { 9.62, 79.4, 15.53, 80.42 }));
    QVERIFY(!r.bbox.crossesAntimeridian());
    QCOMPARE(r.footprint.bounds(), r.bbox);
    QCOMPARE(r.cloudCover, 67.31f);
    QCOMPARE(r.sunElevation, 31.86f);
}

void TestItemParser::unknownExtension()
{
    const QByteArray json = readFixture(u"item-unknown-extension.json"_s);
    const ItemPage page = ItemParser().parseItem(json);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QVERIFY2(page.warnings.isEmpty(), qPrintable(page.warnings.join(u"; "_s)));
    QCOMPARE(page.items.size(), size_t(1));
    const ItemRecord &r = page.items.front();
    QCOMPARE(r.id, u"foo-demo-20230301-0001"_s);
    QCOMPARE(r.platform, u"foosat-2"_s);
    QCOMPARE(r.cloudCover, 8.5f);
    QCOMPARE(r.datetime, utc(2023, 3, 1, 13, 37));
    // Unknown fields are not read, but they are all in the item's raw bytes.
    const QByteArray raw = spanBytes(json, page.spans.front());
    for (const char *field : { "\"foo:catalog_hint\"", "\"foo:bar\"", "\"foo:list\"", "\"foo:big_float\"",
             "\"foo:unicode\": \"S\\u00e3o Paulo", "\"foo:band_map\"", "\"foo:depth\": 2" }) {
        QVERIFY2(raw.contains(field), field);
    }
    const QJsonObject object = QJsonDocument::fromJson(raw).object();
    QCOMPARE(object, QJsonDocument::fromJson(json).object());
    QCOMPARE(object.value(u"properties"_s).toObject().value(u"foo:unicode"_s).toString(),
        u"São Paulo → Buenos Aires \U0001F6F0"_s);
}

void TestItemParser::badGeometry()
{
    // A Polygon whose coordinates are a flat list: the item is kept, without a footprint, with
    // its bbox from the document and a warning that names the geometry.
    const ItemPage page = ItemParser().parseItem(readFixture(u"bad-geometry.json"_s));
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.items.size(), size_t(1));
    QCOMPARE(page.warnings, QStringList { u"item.geometry: a Polygon needs an array of arrays of positions"_s });
    const ItemRecord &r = page.items.front();
    QCOMPARE(r.id, u"bad-geometry-0001"_s);
    QVERIFY(r.footprint.isEmpty());
    QVERIFY(r.hasBbox);
    QCOMPARE(r.bbox, (GeoBox { 12.1, 41.8, 12.6, 42.1 }));
    QCOMPARE(r.cloudCover, 4.2f);
    QCOMPARE(r.datetime, utc(2023, 3, 21, 9, 58, 12));
}

void TestItemParser::wrongTypes()
{
    const ItemPage page = ItemParser().parseItem(readFixture(u"bad-wrong-types.json"_s));
    QVERIFY(!page.ok());
    QCOMPARE(page.error, u"item.id: expected a string, found a number"_s);
    QVERIFY(page.items.empty());
    QVERIFY(page.spans.empty());
}

void TestItemParser::wrongTypesInsidePage()
{
    // The same item inside an ItemCollection: skipped with its error, the page itself is fine.
    const QByteArray good = readFixture(u"item-missing-optional.json"_s);
    const QByteArray json = R"({"type": "FeatureCollection", "features": [)" + readFixture(u"bad-wrong-types.json"_s)
        + ",\n" + good + "]}";
    const ItemPage page = ItemParser().parsePage(json);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.items.size(), size_t(1));
    QCOMPARE(page.items.front().id, u"minimal-item-0001"_s);
    QCOMPARE(page.itemErrors, QStringList { u"features[0].id: expected a string, found a number"_s });
    QVERIFY(page.warnings.contains(u"features[0].bbox: a bbox needs 4 or 6 numbers, got 3"_s));
    QCOMPARE(spanBytes(json, page.spans.front()), good.trimmed());
}

void TestItemParser::invalidJson()
{
    const ItemPage page = ItemParser().parsePage(readFixture(u"bad-not-json.json"_s));
    QVERIFY(!page.ok());
    QCOMPARE(page.error, u"invalid JSON at line 1, column 157: unterminated string"_s);
    QVERIFY(page.items.empty());

    // Garbage that is not JSON at all.
    const ItemPage garbage = ItemParser().parsePage("<html>502 Bad Gateway</html>");
    QVERIFY(!garbage.ok());
    QVERIFY2(garbage.error == u"invalid JSON at line 1, column 1: expected a JSON object"_s, qPrintable(garbage.error));
    QVERIFY(garbage.items.empty());

    const ItemPage empty = ItemParser().parsePage("  \n");
    QCOMPARE(empty.error, u"empty document"_s);

    const ItemPage array = ItemParser().parsePage("[1, 2]");
    QCOMPARE(array.error, u"document: expected a JSON object, found an array"_s);

    // Truncated on a later line: the line and column point at the end.
    const ItemPage truncated = ItemParser().parsePage("{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"id\"");
    QVERIFY(!truncated.ok());
    QCOMPARE(truncated.error,
        u"invalid JSON at line 3, column 8: unexpected end of data, expected ':' after an object key"_s);
}

void TestItemParser::notStac_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::newRow("no features") << readFixture(u"bad-not-stac.json"_s)
                                 << u"not a STAC ItemCollection (no \"features\")"_s;
    QTest::newRow("Collection") << readFixture(u"collection-sentinel2.json"_s)
                                << u"not a STAC ItemCollection (type is \"Collection\")"_s;
    QTest::newRow("features not an array") << QByteArray(R"({"type": "FeatureCollection", "features": {}})")
                                           << u"features: expected an array, found an object"_s;
}

void TestItemParser::notStac()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const ItemPage page = ItemParser().parsePage(json);
    QVERIFY(!page.ok());
    QCOMPARE(page.error, error);
    QVERIFY(page.items.empty());
}

void TestItemParser::page1()
{
    const QByteArray json = readFixture(u"itemcollection-page1.json"_s);
    const ItemPage page = ItemParser().parsePage(json);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QVERIFY(page.warnings.isEmpty());
    QCOMPARE(page.items.size(), size_t(3));
    QCOMPARE(page.numberMatched, std::optional<qint64>(7));
    QCOMPARE(page.numberReturned, std::optional<qint64>(3));
    QCOMPARE(page.matched(), std::optional<qint64>(7));

    QCOMPARE(page.items[0].id, u"S2A_32TQM_20230702_0_L2A"_s);
    QCOMPARE(page.items[1].id, u"S2B_32TQM_20230627_0_L2A"_s);
    QCOMPARE(page.items[2].id, u"S2A_33TTG_20230622_0_L2A"_s);
    QCOMPARE(page.items[1].datetime, utc(2023, 6, 27, 10, 6, 15, 20));
    QCOMPARE(page.items[2].cloudCover, 31.09f);
    QCOMPARE(page.items[2].bbox, (GeoBox { 12.555, 41.4437, 13.3125, 42.4398 }));
    for (const ItemRecord &r : page.items) {
        QCOMPARE(r.collection, u"sentinel-2-l2a"_s);
        QVERIFY(r.thumbnailHref.endsWith(u"/thumbnail.jpg"_s)); // thumbnail before visual
    }

    QCOMPARE(page.links.size(), qsizetype(2));
    const StacLink *next = findLink(page.links, u"next");
    QVERIFY(next);
    QCOMPARE(next->method, u"POST"_s);
    QCOMPARE(next->href, u"https://earth-search.aws.element84.com/v1/search"_s);
    QCOMPARE(next->type, u"application/geo+json"_s);
    QVERIFY(next->hasBody);
    QCOMPARE(next->body, (QJsonObject { { u"token"_s, u"abc"_s } }));
    QVERIFY(next->merge);
    QCOMPARE(next->headers, (QMap<QString, QString> { { u"X-Page"_s, u"2"_s } }));
    QCOMPARE(findLink(page.links, u"next", u"POST"), next);
    QVERIFY(!findLink(page.links, u"next", u"GET"));
}

void TestItemParser::pageWithContext()
{
    const ItemPage page = ItemParser().parsePage(readFixture(u"itemcollection-context.json"_s));
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.items.size(), size_t(2));
    // The deprecated context extension stands in for numberMatched/numberReturned.
    QCOMPARE(page.numberMatched, std::optional<qint64>(42));
    QCOMPARE(page.numberReturned, std::optional<qint64>(2));
    QCOMPARE(page.matched(), std::optional<qint64>(42));
    QCOMPARE(page.items[0].platform, u"capella-5"_s);
    QCOMPARE(page.items[1].datetime, utc(2023, 4, 11, 19, 22, 58));

    const StacLink *next = findLink(page.links, u"next");
    QVERIFY(next);
    QCOMPARE(next->method, u"GET"_s);
    QVERIFY(next->href.endsWith(u"&token=next:CAPELLA_C06_SP_GEO_VV_20230411192250_20230411192306"_s));
    QVERIFY(!next->hasBody);
    QVERIFY(!next->merge);
    QVERIFY(next->headers.isEmpty());
    QCOMPARE(findLink(page.links, u"next", u"GET"), next);

    // numberMatched wins over context.matched, in whichever order they come.
    for (const QByteArray &json :
        { QByteArray(R"({"type":"FeatureCollection","context":{"matched":5},"numberMatched":9,"features":[]})"),
            QByteArray(R"({"type":"FeatureCollection","numberMatched":9,"context":{"matched":5},"features":[]})") }) {
        QCOMPARE(ItemParser().parsePage(json).matched(), std::optional<qint64>(9));
    }
}

void TestItemParser::emptyPage()
{
    const ItemPage page = ItemParser().parsePage(readFixture(u"itemcollection-empty.json"_s));
    QVERIFY(page.ok());
    QVERIFY(page.items.empty());
    QVERIFY(page.itemErrors.isEmpty());
    QCOMPARE(page.numberMatched, std::optional<qint64>(0));
    QCOMPARE(page.numberReturned, std::optional<qint64>(0));
    QCOMPARE(page.links.size(), qsizetype(2));
    QVERIFY(!findLink(page.links, u"next"));

    // Without any count.
    const ItemPage bare = ItemParser().parsePage(R"({"type":"FeatureCollection","features":[]})");
    QVERIFY(bare.ok());
    QVERIFY(!bare.numberMatched);
    QVERIFY(!bare.numberReturned);
}

void TestItemParser::spansAreExactItemBytes()
{
    for (const QString &file : { u"itemcollection-page1.json"_s, u"itemcollection-context.json"_s }) {
        const QByteArray json = readFixture(file);
        const ItemPage page = ItemParser().parsePage(json);
        QVERIFY(page.ok());
        const QJsonArray features = QJsonDocument::fromJson(json).object().value(u"features"_s).toArray();
        QCOMPARE(qsizetype(page.spans.size()), features.size());
        qsizetype previousEnd = 0;
        for (size_t i = 0; i < page.spans.size(); ++i) {
            const QByteArray raw = spanBytes(json, page.spans[i]);
            QVERIFY2(raw.startsWith('{') && raw.endsWith('}'), raw.right(20).constData());
            QVERIFY(page.spans[i].begin > previousEnd);
            previousEnd = page.spans[i].end;
            QCOMPARE(QJsonDocument::fromJson(raw).object(), features.at(qsizetype(i)).toObject());
        }
    }
    // A single item's span is the whole document without surrounding white space.
    const QByteArray item = "\n  " + readFixture(u"item-polar.json"_s) + "\n\n";
    const ItemPage page = ItemParser().parseItem(item);
    QVERIFY(page.ok());
    QCOMPARE(spanBytes(item, page.spans.front()), item.trimmed());
}

void TestItemParser::brokenItemSkipped()
{
    const QByteArray json = R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "one", "properties": {"datetime": "2023-01-01T00:00:00Z"}},
        {"type": "Feature", "properties": {"datetime": "2023-01-02T00:00:00Z"}},
        {"type": "Feature", "id": "three"},
        "not an object",
        {"type": "Feature", "id": "", "properties": {}},
        {"type": "Feature", "id": "six", "properties": {"datetime": "2023-01-06T00:00:00Z"}}
    ]})";
    const ItemPage page = ItemParser().parsePage(json);
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.items.size(), size_t(2));
    QCOMPARE(page.items[0].id, u"one"_s);
    QCOMPARE(page.items[1].id, u"six"_s);
    QCOMPARE(page.itemErrors,
        (QStringList { u"features[1]: no \"id\""_s, u"features[2]: no \"properties\""_s,
            u"features[3]: expected an Item object, found a string"_s, u"features[4].id: empty"_s }));
    QCOMPARE(spanBytes(json, page.spans[1]),
        QByteArray(R"({"type": "Feature", "id": "six", "properties": {"datetime": "2023-01-06T00:00:00Z"}})"));
}

void TestItemParser::invalidJsonInsidePage()
{
    const QByteArray json = R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "one", "properties": {"datetime": "2023-01-01T00:00:00Z"}},
        {"type": "Feature", "id": "two", "properties": {"datetime": "2023-01-02T00:00:00Z",}}
    ]})";
    const ItemPage page = ItemParser().parsePage(json);
    QVERIFY(!page.ok());
    QCOMPARE(page.error, u"invalid JSON at line 3, column 92: expected a quoted object key"_s);
    QVERIFY(page.items.empty()); // nothing half-parsed is handed out
    QVERIFY(page.spans.empty());
}

void TestItemParser::trailingData()
{
    const ItemPage page = ItemParser().parsePage(R"({"type":"FeatureCollection","features":[]} {})");
    QVERIFY(!page.ok());
    QCOMPARE(page.error, u"invalid JSON at line 1, column 44: unexpected data after the end of the document"_s);

    const ItemPage item
        = ItemParser().parseItem(R"({"type":"Feature","id":"x","properties":{"datetime":"2023-01-01T00:00:00Z"}}])");
    QVERIFY(!item.ok());
    QVERIFY(item.error.endsWith(u"unexpected data after the end of the document"_s));
    QVERIFY(item.items.empty());
}

void TestItemParser::singleItemThroughParsePage()
{
    const QByteArray json = readFixture(u"item-1.0.0-satellogic.json"_s);
    const ItemPage viaPage = ItemParser().parsePage(json);
    const ItemPage viaItem = ItemParser().parseItem(json);
    QVERIFY(viaPage.ok());
    QCOMPARE(viaPage.items.size(), size_t(1));
    QCOMPARE(viaPage.items.front().id, viaItem.items.front().id);
    QCOMPARE(viaPage.spans.front().begin, viaItem.spans.front().begin);
    QCOMPARE(viaPage.spans.front().end, viaItem.spans.front().end);
    QVERIFY(!viaPage.numberMatched);
}

void TestItemParser::geometryTypeAfterCoordinates()
{
    const QByteArray json = R"({"id": "late-type", "properties": {"datetime": "2023-01-01T00:00:00Z"},
        "geometry": {"coordinates": [[[1, 1], [2, 1], [2, 2], [1, 1]]], "bbox": [1, 1, 2, 2], "type": "Polygon"},
        "collection": "after-geometry"})";
    const ItemRecord r = parseOne(json);
    QCOMPARE(r.footprint.type(), GeometryType::Polygon);
    QCOMPARE(r.footprint.pointCount(), 4);
    QCOMPARE(r.bbox, (GeoBox { 1, 1, 2, 2 }));
    QCOMPARE(r.collection, u"after-geometry"_s); // reading continues after the geometry
}

void TestItemParser::optionalFieldsOfWrongType_data()
{
    QTest::addColumn<QByteArray>("fragment"); // members added to the item
    QTest::addColumn<QByteArray>("properties");
    QTest::addColumn<QString>("warning");

    QTest::newRow("cloud cover as string") << QByteArray() << QByteArray(R"("eo:cloud_cover": "abc")")
                                           << u"item.properties.eo:cloud_cover: expected a number, found a string"_s;
    QTest::newRow("gsd as object") << QByteArray() << QByteArray(R"("gsd": {"value": 10})")
                                   << u"item.properties.gsd: expected a number, found an object"_s;
    QTest::newRow("platform as number") << QByteArray() << QByteArray(R"("platform": 5)")
                                        << u"item.properties.platform: expected a string, found a number"_s;
    QTest::newRow("bad start_datetime")
        << QByteArray() << QByteArray(R"("start_datetime": "last week")")
        << u"item.properties.start_datetime: \"last week\" is not an RFC 3339 datetime"_s;
    QTest::newRow("end_datetime as bool")
        << QByteArray() << QByteArray(R"("end_datetime": true)")
        << u"item.properties.end_datetime: expected a datetime string, found a boolean"_s;
    QTest::newRow("collection as array") << QByteArray(R"("collection": ["a"],)") << QByteArray()
                                         << u"item.collection: expected a string, found an array"_s;
    QTest::newRow("bbox as string") << QByteArray(R"("bbox": "1,2,3,4",)") << QByteArray()
                                    << u"item.bbox: expected an array, found a string"_s;
    QTest::newRow("bbox of 3") << QByteArray(R"("bbox": [1, 2, 3],)") << QByteArray()
                               << u"item.bbox: a bbox needs 4 or 6 numbers, got 3"_s;
    QTest::newRow("bbox out of range")
        << QByteArray(R"("bbox": [0, 0, 200, 1],)") << QByteArray()
        << u"item.bbox: bbox out of range (west/east in [-180, 180], south <= north in [-90, 90]): 0,0,200,1"_s;
    QTest::newRow("geometry as string") << QByteArray(R"j("geometry": "POINT (1 2)",)j") << QByteArray()
                                        << u"item.geometry: expected an object or null, found a string"_s;
    QTest::newRow("geometry collection") << QByteArray(
        R"("geometry": {"type": "GeometryCollection", "geometries": []},)")
                                         << QByteArray()
                                         << u"item.geometry: GeometryCollection footprints are not supported"_s;
    QTest::newRow("unknown geometry type") << QByteArray(R"("geometry": {"type": "Circle", "coordinates": [1, 2]},)")
                                           << QByteArray() << u"item.geometry: unknown geometry type \"Circle\""_s;
    QTest::newRow("geometry without coordinates")
        << QByteArray(R"("geometry": {"type": "Point"},)") << QByteArray() << u"item.geometry: no \"coordinates\""_s;
    QTest::newRow("coordinates with a string")
        << QByteArray(R"("geometry": {"type": "LineString", "coordinates": [[1, 2], [3, "4"]]},)") << QByteArray()
        << u"item.geometry.coordinates: a position holds something that is not a number"_s;
    QTest::newRow("coordinates mixing levels")
        << QByteArray(R"("geometry": {"type": "LineString", "coordinates": [[1, 2], 3]},)") << QByteArray()
        << u"item.geometry.coordinates: coordinates mix arrays with other values"_s;
    QTest::newRow("position of one number")
        << QByteArray(R"("geometry": {"type": "Point", "coordinates": [1]},)") << QByteArray()
        << u"item.geometry.coordinates: a position needs at least two numbers [lon, lat]"_s;
}

void TestItemParser::optionalFieldsOfWrongType()
{
    QFETCH(QByteArray, fragment);
    QFETCH(QByteArray, properties);
    QFETCH(QString, warning);

    const QByteArray json = R"({"type": "Feature", "id": "w1", )" + fragment
        + R"( "properties": {"datetime": "2023-01-01T00:00:00Z")" + (properties.isEmpty() ? "" : ", ") + properties
        + R"(}, "links": [{"rel": "self", "href": "https://x.example/items/w1"}]})";
    const ItemPage page = ItemParser().parseItem(json);
    // The item is kept: these fields are optional.
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.items.size(), size_t(1));
    QCOMPARE(page.warnings, QStringList { warning });
    const ItemRecord &r = page.items.front();
    QCOMPARE(r.id, u"w1"_s);
    QCOMPARE(r.datetime, utc(2023, 1, 1));
    QVERIFY(!ItemRecord::isSet(r.cloudCover));
    QVERIFY(!ItemRecord::isSet(r.gsd));
    QVERIFY(r.platform.isEmpty());
    QVERIFY(r.collection.isEmpty());
    QVERIFY(!r.hasBbox);
    QVERIFY(r.footprint.isEmpty());
    QCOMPARE(r.startDatetime, ItemRecord::kNoTime);
    QCOMPARE(r.endDatetime, ItemRecord::kNoTime);
}

void TestItemParser::datetimeWarnings()
{
    QStringList warnings;
    const ItemRecord none = parseOne(R"({"id": "a", "properties": {}})", {}, &warnings);
    QCOMPARE(warnings, QStringList { u"item.properties: no datetime"_s });
    QVERIFY(!none.hasDatetime());

    const ItemRecord null = parseOne(R"({"id": "b", "properties": {"datetime": null}})", {}, &warnings);
    QCOMPARE(warnings, QStringList { u"item.properties.datetime: null without start_datetime"_s });
    QVERIFY(!null.hasDatetime());

    // A null cloud cover means unknown, without a warning.
    const ItemRecord nullCloud = parseOne(
        R"({"id": "c", "properties": {"datetime": "2023-01-01T00:00:00Z", "eo:cloud_cover": null}})", {}, &warnings);
    QVERIFY(warnings.isEmpty());
    QVERIFY(!ItemRecord::isSet(nullCloud.cloudCover));
}

void TestItemParser::notAFeature()
{
    const ItemPage page = ItemParser().parseItem(readFixture(u"collection-sentinel2.json"_s));
    QVERIFY(!page.ok());
    QCOMPARE(page.error, u"item: not a STAC Item (type is \"Collection\")"_s);
    QVERIFY(page.items.empty());

    const ItemPage array = ItemParser().parseItem("[]");
    QCOMPARE(array.error, u"item: expected an Item object, found an array"_s);
}

void TestItemParser::thumbnailSelection_data()
{
    QTest::addColumn<QByteArray>("assets");
    QTest::addColumn<QString>("expected");

    const QByteArray visual = R"("v": {"href": "https://x/visual.tif", "roles": ["visual"]})";
    const QByteArray previewKey = R"("preview": {"href": "https://x/preview-key.png"})";
    const QByteArray overview = R"("o": {"href": "https://x/overview.png", "roles": ["data", "overview"]})";
    const QByteArray thumbnailKey = R"("thumbnail": {"href": "https://x/thumbnail-key.png", "roles": ["data"]})";
    const QByteArray thumbnailRole = R"("t": {"href": "https://x/thumbnail-role.png", "roles": ["thumbnail"]})";

    QTest::newRow("role thumbnail first") << "{" + visual + ", " + previewKey + ", " + overview + ", " + thumbnailKey
            + ", " + thumbnailRole + "}" << u"https://x/thumbnail-role.png"_s;
    QTest::newRow("then key thumbnail") << "{" + visual + ", " + previewKey + ", " + overview + ", " + thumbnailKey
            + "}" << u"https://x/thumbnail-key.png"_s;
    QTest::newRow("then role overview") << "{" + visual + ", " + previewKey + ", " + overview + "}"
                                        << u"https://x/overview.png"_s;
    QTest::newRow("then key preview") << "{" + visual + ", " + previewKey + "}" << u"https://x/preview-key.png"_s;
    QTest::newRow("then role visual") << QByteArray(R"({"v": {"href": "https://x/visual.jpg", "roles": ["visual"]}})")
                                      << u"https://x/visual.jpg"_s;
    // A full-resolution GeoTIFF is never a quicklook, by media type, by name or by size.
    QTest::newRow("visual GeoTIFF by name") << "{" + visual + "}" << QString();
    QTest::newRow("visual GeoTIFF by type") << QByteArray(
        R"({"v": {"href": "https://x/v", "type": "image/tiff; application=geotiff", "roles": ["visual"]}})")
                                            << QString();
    QTest::newRow("too big") << QByteArray(
        R"({"v": {"href": "https://x/v.png", "file:size": 268435456, "roles": ["thumbnail"]}})")
                             << QString();
    QTest::newRow("jpeg by type") << QByteArray(
        R"({"v": {"href": "https://x/v", "type": "image/jpeg", "roles": ["overview"]}})")
                                  << u"https://x/v"_s;
    QTest::newRow("nothing fits") << QByteArray(R"({"data": {"href": "https://x/data.tif", "roles": ["data"]}})")
                                  << QString();
    QTest::newRow("no href is no asset") << QByteArray(
        R"({"t": {"roles": ["thumbnail"]}, "v": {"href": "https://x/v.png", "roles": ["visual"]}})")
                                         << u"https://x/v.png"_s;
    QTest::newRow("first of equals in document order") << QByteArray(
        R"({"z": {"href": "https://x/z.png", "roles": ["thumbnail"]}, "a": {"href": "https://x/a.png", "roles": ["thumbnail"]}})")
                                                       << u"https://x/z.png"_s;
    QTest::newRow("odd members ignored") << QByteArray(
        R"({"bad": 5, "t": {"href": "https://x/t.png", "roles": [1, null, "thumbnail"], "extra": {"deep": [1]}}})")
                                         << u"https://x/t.png"_s;
    QTest::newRow("assets not an object") << QByteArray("[]") << QString();
}

void TestItemParser::thumbnailSelection()
{
    QFETCH(QByteArray, assets);
    QFETCH(QString, expected);
    QCOMPARE(parseOne(itemWithAssets(assets)).thumbnailHref, expected);
}

void TestItemParser::thumbnailRelativeToSelf()
{
    const QByteArray json = itemWithAssets(R"({"thumbnail": {"href": "./thumb.png", "roles": ["thumbnail"]}})",
        R"([{"rel": "root", "href": "https://other.example/"},
            {"rel": "self", "href": "https://stac.example.org/v1/collections/c/items/x"}])");
    // The self link wins over the base URL.
    const ItemRecord r = parseOne(json, QUrl(u"https://ignored.example/search"_s));
    QCOMPARE(r.thumbnailHref, u"https://stac.example.org/v1/collections/c/items/thumb.png"_s);

    const QByteArray up = itemWithAssets(R"({"thumbnail": {"href": "../previews/x.jpg", "roles": ["thumbnail"]}})",
        R"([{"rel": "self", "href": "https://stac.example.org/v1/collections/c/items/x"}])");
    QCOMPARE(parseOne(up).thumbnailHref, u"https://stac.example.org/v1/collections/c/previews/x.jpg"_s);
}

void TestItemParser::thumbnailRelativeToBase()
{
    const QByteArray json = itemWithAssets(R"({"thumbnail": {"href": "../thumbs/x.jpg", "roles": ["thumbnail"]}})");
    const ItemRecord r = parseOne(json, QUrl(u"https://cat.example.org/c/items/x.json"_s));
    QCOMPARE(r.thumbnailHref, u"https://cat.example.org/c/thumbs/x.jpg"_s);

    // Absolute hrefs, including other schemes, are left alone.
    const QByteArray s3 = itemWithAssets(R"({"thumbnail": {"href": "s3://bucket/x.jpg", "roles": ["thumbnail"]}})");
    QCOMPARE(parseOne(s3, QUrl(u"https://cat.example.org/c/items/x.json"_s)).thumbnailHref, u"s3://bucket/x.jpg"_s);
}

void TestItemParser::thumbnailRelativeWithoutBase()
{
    const QByteArray json = itemWithAssets(R"({"thumbnail": {"href": "thumbs/x.jpg", "roles": ["thumbnail"]}})");
    QCOMPARE(parseOne(json).thumbnailHref, u"thumbs/x.jpg"_s);
}

void TestItemParser::thumbnailInStaticCatalog()
{
    const QString path = QStringLiteral(
        STACSCOPE_TEST_FIXTURES "/static-catalog/sentinel-2-demo/S2A_T33UUP_20230612/S2A_T33UUP_20230612.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const ItemRecord r = parseOne(file.readAll(), QUrl::fromLocalFile(path));
    QCOMPARE(r.thumbnailHref, QUrl::fromLocalFile(QFileInfo(path).absolutePath() + u"/thumbnail.png"_s).toString());
}

QTEST_GUILESS_MAIN(TestItemParser)
#include "tst_itemparser.moc"
