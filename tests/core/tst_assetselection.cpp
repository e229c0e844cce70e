// AssetSelection: keys across items, filters (keys, roles, media types, aliases; exclusion wins),
// sizes, relative hrefs.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include "src/download/assetselection.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QString kCog = u"image/tiff; application=geotiff; profile=cloud-optimized"_s;

QJsonObject asset(
    const QString &href, const QString &type, const QStringList &roles, qint64 size = -1, const QString &title = {})
{
    QJsonObject a { { u"href"_s, href } };
    if (!type.isEmpty()) {
        a.insert(u"type"_s, type);
    }
    if (!roles.isEmpty()) {
        a.insert(u"roles"_s, QJsonArray::fromStringList(roles));
    }
    if (size >= 0) {
        a.insert(u"file:size"_s, double(size));
    }
    if (!title.isEmpty()) {
        a.insert(u"title"_s, title);
    }
    return a;
}

QJsonObject item(const QString &id, const QJsonObject &assets, const QString &self = {},
    const QString &collection = u"sentinel-2-l2a"_s)
{
    QJsonObject o { { u"type"_s, u"Feature"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, id },
        { u"collection"_s, collection }, { u"assets"_s, assets } };
    if (!self.isEmpty()) {
        o.insert(u"links"_s,
            QJsonArray { QJsonObject { { u"rel"_s, u"self"_s }, { u"href"_s, self } },
                QJsonObject { { u"rel"_s, u"parent"_s }, { u"href"_s, u"../collection.json"_s } } });
    }
    return o;
}

QByteArray bytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Two items with overlapping but different assets.
void fill(AssetSelection &s)
{
    const QJsonObject a { { u"B04"_s, asset(u"https://h/a/B04.tif"_s, kCog, { u"data"_s }, 100, u"Red"_s) },
        { u"visual"_s, asset(u"https://h/a/TCI.tif"_s, kCog, { u"visual"_s }, 50) },
        { u"thumbnail"_s, asset(u"https://h/a/thumb.jpg"_s, u"image/jpeg"_s, { u"thumbnail"_s }) },
        { u"metadata"_s, asset(u"https://h/a/meta.xml"_s, u"application/xml"_s, { u"metadata"_s }, 7) } };
    const QJsonObject b { { u"B04"_s, asset(u"https://h/b/B04.tif"_s, kCog, { u"data"_s, u"reflectance"_s }, 200) },
        { u"thumbnail"_s, asset(u"https://h/b/thumb.png"_s, u"image/png"_s, { u"thumbnail"_s }) },
        { u"granule"_s, asset(u"https://h/b/granule.json"_s, u"application/json"_s, { u"metadata"_s }) } };
    QVERIFY(s.addItem(bytes(item(u"A"_s, a))));
    QVERIFY(s.addItem(item(u"B"_s, b)));
}

QStringList chosen(const AssetSelection &s)
{
    QStringList out;
    for (const SelectedAsset &a : s.selectedAssets()) {
        out.append(a.itemId + u'/' + a.asset.key);
    }
    return out;
}

} // namespace

class TestAssetSelection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void keysAcrossItems()
    {
        AssetSelection s;
        fill(s);
        QCOMPARE(s.itemCount(), 2);
        const QList<AssetKeySummary> keys = s.keys();
        QStringList names;
        for (const AssetKeySummary &k : keys) {
            names.append(k.key);
        }
        QCOMPARE(names, (QStringList { u"B04"_s, u"granule"_s, u"metadata"_s, u"thumbnail"_s, u"visual"_s }));

        const AssetKeySummary &b04 = keys.at(0);
        QCOMPARE(b04.title, u"Red"_s);
        QCOMPARE(b04.itemCount, 2);
        QCOMPARE(b04.knownBytes, qint64(300));
        QCOMPARE(b04.unknownSizeCount, 0);
        QCOMPARE(b04.mediaTypes, QStringList { kCog });
        QCOMPARE(b04.roles, (QStringList { u"data"_s, u"reflectance"_s }));

        const AssetKeySummary &thumb = keys.at(3);
        QCOMPARE(thumb.itemCount, 2);
        QCOMPARE(thumb.knownBytes, qint64(0));
        QCOMPARE(thumb.unknownSizeCount, 2);
        QCOMPARE(thumb.mediaTypes, (QStringList { u"image/jpeg"_s, u"image/png"_s }));

        const AssetKeySummary &granule = keys.at(1);
        QCOMPARE(granule.itemCount, 1);
        QCOMPARE(granule.unknownSizeCount, 1);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("include");
        QTest::addColumn<QString>("exclude");
        QTest::addColumn<QStringList>("expected");
        const QStringList all { u"A/B04"_s, u"A/metadata"_s, u"A/thumbnail"_s, u"A/visual"_s, u"B/B04"_s,
            u"B/granule"_s, u"B/thumbnail"_s };
        QTest::newRow("everything") << QString() << QString() << all;
        QTest::newRow("key") << u"B04"_s << QString() << QStringList { u"A/B04"_s, u"B/B04"_s };
        QTest::newRow("key any case") << u"b04"_s << QString() << QStringList { u"A/B04"_s, u"B/B04"_s };
        QTest::newRow("role") << u"DATA"_s << QString() << QStringList { u"A/B04"_s, u"B/B04"_s };
        QTest::newRow("role of one item") << u"reflectance"_s << QString() << QStringList { u"B/B04"_s };
        QTest::newRow("key or role") << u"visual"_s << QString() << QStringList { u"A/visual"_s };
        QTest::newRow("cog") << u"cog"_s << QString() << QStringList { u"A/B04"_s, u"A/visual"_s, u"B/B04"_s };
        QTest::newRow("geotiff") << u"geotiff"_s << QString() << QStringList { u"A/B04"_s, u"A/visual"_s, u"B/B04"_s };
        QTest::newRow("jpeg") << u"jpeg"_s << QString() << QStringList { u"A/thumbnail"_s };
        QTest::newRow("jpg") << u"JPG"_s << QString() << QStringList { u"A/thumbnail"_s };
        QTest::newRow("png") << u"png"_s << QString() << QStringList { u"B/thumbnail"_s };
        QTest::newRow("json") << u"json"_s << QString() << QStringList { u"B/granule"_s };
        QTest::newRow("xml") << u"xml"_s << QString() << QStringList { u"A/metadata"_s };
        QTest::newRow("media type essence")
            << u"image/tiff"_s << QString() << QStringList { u"A/B04"_s, u"A/visual"_s, u"B/B04"_s };
        QTest::newRow("media type with parameter") << u"image/tiff; application=geotiff"_s << QString()
                                                   << QStringList { u"A/B04"_s, u"A/visual"_s, u"B/B04"_s };
        QTest::newRow("media type any case, no spaces")
            << u"IMAGE/TIFF;APPLICATION=GEOTIFF;PROFILE=CLOUD-OPTIMIZED"_s << QString()
            << QStringList { u"A/B04"_s, u"A/visual"_s, u"B/B04"_s };
        QTest::newRow("media type other parameter") << u"image/tiff; application=foo"_s << QString() << QStringList();
        QTest::newRow("nothing matches") << u"B99"_s << QString() << QStringList();
        QTest::newRow("several") << u"B04, thumbnail"_s << u"png"_s
                                 << QStringList { u"A/B04"_s, u"A/thumbnail"_s, u"B/B04"_s };
        QTest::newRow("exclusion wins") << u"data"_s << u"b04"_s << QStringList();
        QTest::newRow("exclusion by role")
            << QString() << u"thumbnail,metadata"_s << QStringList { u"A/B04"_s, u"A/visual"_s, u"B/B04"_s };
        QTest::newRow("exclusion by alias")
            << u"B04,visual,thumbnail"_s << u"cog"_s << QStringList { u"A/thumbnail"_s, u"B/thumbnail"_s };
    }

    void filters()
    {
        QFETCH(QString, include);
        QFETCH(QString, exclude);
        QFETCH(QStringList, expected);
        AssetSelection s;
        fill(s);
        s.setInclude(AssetSelection::parseList(include));
        s.setExclude(AssetSelection::parseList(exclude));
        QCOMPARE(chosen(s), expected);
        QCOMPARE(s.selectedTotals().count, int(expected.size()));
    }

    void totals()
    {
        AssetSelection s;
        fill(s);
        AssetTotals t = s.selectedTotals();
        QCOMPARE(t.count, 7);
        QCOMPARE(t.knownBytes, qint64(100 + 50 + 7 + 200));
        QCOMPARE(t.unknownSizeCount, 3);
        s.setInclude({ u"thumbnail"_s });
        t = s.selectedTotals();
        QCOMPARE(t.count, 2);
        QCOMPARE(t.knownBytes, qint64(0));
        QCOMPARE(t.unknownSizeCount, 2);
    }

    void relativeHrefs_data()
    {
        QTest::addColumn<QString>("self");
        QTest::addColumn<QUrl>("source");
        QTest::addColumn<QString>("href");
        QTest::addColumn<QUrl>("expected");
        const QUrl none;
        QTest::newRow("self, dot") << u"https://ex.com/cat/items/a.json"_s << none << u"./B04.tif"_s
                                   << QUrl(u"https://ex.com/cat/items/B04.tif"_s);
        QTest::newRow("self, parent") << u"https://ex.com/cat/items/a.json"_s << none << u"../assets/x.tif"_s
                                      << QUrl(u"https://ex.com/cat/assets/x.tif"_s);
        QTest::newRow("absolute href stays")
            << u"https://ex.com/cat/a.json"_s << none << u"https://cdn.example.org/B04.tif?sig=1"_s
            << QUrl(u"https://cdn.example.org/B04.tif?sig=1"_s);
        QTest::newRow("self wins over source")
            << u"https://ex.com/cat/a.json"_s << QUrl(u"https://api.example.com/search?page=2"_s) << u"B04.tif"_s
            << QUrl(u"https://ex.com/cat/B04.tif"_s);
        QTest::newRow("no self: source") << QString() << QUrl(u"https://static.example.com/c/item/item.json"_s)
                                         << u"B04.tif"_s << QUrl(u"https://static.example.com/c/item/B04.tif"_s);
        QTest::newRow("relative self: against source")
            << u"./item.json"_s << QUrl(u"https://static.example.com/c/item/catalog.json"_s) << u"data/B04.tif"_s
            << QUrl(u"https://static.example.com/c/item/data/B04.tif"_s);
        QTest::newRow("local file source") << QString() << QUrl::fromLocalFile(u"/data/cat/item/item.json"_s)
                                           << u"../B04.tif"_s << QUrl::fromLocalFile(u"/data/cat/B04.tif"_s);
        QTest::newRow("plain path self") << u"/data/cat/item/item.json"_s << none << u"./B04.tif"_s
                                         << QUrl::fromLocalFile(u"/data/cat/item/B04.tif"_s);
        QTest::newRow("nothing to resolve against") << QString() << none << u"B04.tif"_s << QUrl(u"B04.tif"_s);
    }

    void relativeHrefs()
    {
        QFETCH(QString, self);
        QFETCH(QUrl, source);
        QFETCH(QString, href);
        QFETCH(QUrl, expected);
        AssetSelection s;
        QVERIFY(s.addItem(bytes(item(u"x"_s, { { u"k"_s, asset(href, u"image/tiff"_s, {}) } }, self)), source));
        const QList<SelectedAsset> selected = s.selectedAssets();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().url, expected);
        QCOMPARE(selected.first().asset.href, href);
        QCOMPARE(selected.first().collection, u"sentinel-2-l2a"_s);
        QCOMPARE(selected.first().itemIndex, 0);
    }

    void badInput()
    {
        AssetSelection s;
        QString error;
        QVERIFY(!s.addItem(QByteArray("{ not json"), QUrl(), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!s.addItem(QByteArray("[1, 2]"), QUrl(), &error));
        QVERIFY(!s.addItem(QByteArray("{\"type\": \"Feature\"}"), QUrl(), &error));
        QVERIFY(error.contains(u"id"_s));
        QVERIFY(s.addItem(item(u"a"_s, {})));
        QVERIFY(!s.addItem(item(u"a"_s, {}), QUrl(), &error)); // duplicate
        QVERIFY(s.addItem(item(u"a"_s, {}, {}, u"other"_s))); // same id, other collection
        QCOMPARE(s.itemCount(), 2);
        QVERIFY(s.keys().isEmpty());
        s.clear();
        QCOMPARE(s.itemCount(), 0);
        QVERIFY(s.addItem(item(u"a"_s, {})));
    }

    void itemJson()
    {
        AssetSelection s;
        const QByteArray raw = "{\"id\": \"raw\",   \"assets\": {}, \"x\": 1.50}";
        QVERIFY(s.addItem(raw));
        const QJsonObject parsed = item(u"parsed"_s, { { u"k"_s, asset(u"k.tif"_s, {}, {}) } });
        QVERIFY(s.addItem(parsed));
        QCOMPARE(s.itemJson(0), raw); // byte-exact
        QCOMPARE(QJsonDocument::fromJson(s.itemJson(1)).object(), parsed);
        QCOMPARE(s.itemId(1), u"parsed"_s);
        QCOMPARE(s.itemAssets(1).size(), 1);
    }

    void parseList_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("plain") << u"a,b,c"_s << QStringList { u"a"_s, u"b"_s, u"c"_s };
        QTest::newRow("spaces and empties") << u" a , b ,,c,"_s << QStringList { u"a"_s, u"b"_s, u"c"_s };
        QTest::newRow("empty") << QString() << QStringList();
        QTest::newRow("only commas") << u" , ,"_s << QStringList();
        QTest::newRow("duplicates") << u"visual,VISUAL,data"_s << QStringList { u"visual"_s, u"data"_s };
        QTest::newRow("media type kept whole") << u"image/tiff; application=geotiff,png"_s
                                               << QStringList { u"image/tiff; application=geotiff"_s, u"png"_s };
    }

    void parseList()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(AssetSelection::parseList(text), expected);
    }

    void aliases()
    {
        const QStringList aliases = AssetSelection::aliases();
        for (const QString &a : { u"geotiff"_s, u"cog"_s, u"jpeg"_s, u"png"_s, u"json"_s, u"xml"_s, u"jp2"_s }) {
            QVERIFY2(aliases.contains(a), qPrintable(a));
        }
        StacAsset geojson;
        geojson.type = u"application/geo+json"_s;
        QVERIFY(AssetSelection::matches(u"json"_s, geojson));
        QVERIFY(AssetSelection::matches(u"geojson"_s, geojson));
        StacAsset untyped;
        untyped.key = u"data"_s;
        QVERIFY(!AssetSelection::matches(u"geotiff"_s, untyped));
        QVERIFY(AssetSelection::matches(u"DATA"_s, untyped));
        QVERIFY(!AssetSelection::matches(QString(), untyped));
    }
};

QTEST_GUILESS_MAIN(TestAssetSelection)
#include "tst_assetselection.moc"
