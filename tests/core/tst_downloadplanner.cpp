// DownloadPlanner: layouts, name collisions, hostile ids and hrefs, server-named files, header origin
// restriction, skipped schemes, item JSON beside the assets.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "src/download/downloadplanner.h"
#include "src/download/filenamesanitizer.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject asset(const QString &href, const QString &type = u"image/tiff"_s)
{
    QJsonObject a { { u"href"_s, href } };
    if (!type.isEmpty()) {
        a.insert(u"type"_s, type);
    }
    return a;
}

QByteArray item(const QString &id, const QJsonObject &assets, const QString &collection = u"coll"_s)
{
    QJsonObject o { { u"type"_s, u"Feature"_s }, { u"id"_s, id }, { u"assets"_s, assets } };
    if (!collection.isEmpty()) {
        o.insert(u"collection"_s, collection);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Target paths relative to the download folder, in task order.
QStringList relativeTargets(const DownloadPlan &plan, const QString &dir)
{
    QStringList out;
    for (const DownloadTask &t : plan.tasks) {
        out.append(QDir(dir).relativeFilePath(t.targetPath));
    }
    return out;
}

QStringList relativeItemFiles(const DownloadPlan &plan, const QString &dir)
{
    QStringList out;
    for (const PlannedItemFile &f : plan.itemFiles) {
        out.append(QDir(dir).relativeFilePath(f.path));
    }
    return out;
}

} // namespace

class TestDownloadPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path();
    }

    void layouts_data()
    {
        QTest::addColumn<int>("layout");
        QTest::addColumn<bool>("collectionFolders");
        QTest::addColumn<QStringList>("targets");
        QTest::addColumn<QStringList>("itemFiles");
        QTest::newRow("per item, collection folders")
            << int(DownloadLayout::PerItem) << true
            << QStringList { u"coll/A/B04.tif"_s, u"coll/A/thumb.jpg"_s, u"coll/B/B04.tif"_s, u"B/x.tif"_s }
            << QStringList { u"coll/A/A.json"_s, u"coll/B/B.json"_s, u"B/B.json"_s };
        QTest::newRow("per item, no collection folders")
            << int(DownloadLayout::PerItem) << false
            << QStringList { u"A/B04.tif"_s, u"A/thumb.jpg"_s, u"B/B04.tif"_s, u"B_2/x.tif"_s }
            << QStringList { u"A/A.json"_s, u"B/B.json"_s, u"B_2/B.json"_s };
        QTest::newRow("flat") << int(DownloadLayout::Flat) << true
                              << QStringList { u"A_B04.tif"_s, u"thumb.jpg"_s, u"B_B04.tif"_s, u"x.tif"_s }
                              << QStringList { u"A.json"_s, u"B.json"_s, u"B_2.json"_s };
    }

    void layouts()
    {
        QFETCH(int, layout);
        QFETCH(bool, collectionFolders);
        QFETCH(QStringList, targets);
        QFETCH(QStringList, itemFiles);
        AssetSelection s;
        QVERIFY(s.addItem(item(u"A"_s,
            { { u"B04"_s, asset(u"https://h/a/B04.tif"_s) },
                { u"thumbnail"_s, asset(u"https://h/a/thumb.jpg"_s, u"image/jpeg"_s) } })));
        QVERIFY(s.addItem(item(u"B"_s, { { u"B04"_s, asset(u"https://h/b/B04.tif"_s) } })));
        // The same id in no collection: a distinct item that must not share B's folder or names.
        QVERIFY(s.addItem(item(u"B"_s, { { u"x"_s, asset(u"https://h/c/x.tif"_s) } }, QString())));
        DownloadPlanOptions o;
        o.directory = m_dir;
        o.layout = DownloadLayout(layout);
        o.collectionFolders = collectionFolders;
        const DownloadPlan plan = DownloadPlanner(o).plan(s);
        QVERIFY(plan.warnings.isEmpty());
        QVERIFY(plan.errors.isEmpty());
        QCOMPARE(relativeTargets(plan, m_dir), targets);
        QCOMPARE(relativeItemFiles(plan, m_dir), itemFiles);
        for (const DownloadTask &t : plan.tasks) {
            QVERIFY(QDir::isAbsolutePath(t.targetPath));
            QVERIFY(!t.nameFromServer);
            QCOMPARE(t.state, DownloadState::Queued);
            QCOMPARE(t.id, qint64(0));
        }
    }

    void collisionsInOneItem()
    {
        AssetSelection s;
        QVERIFY(s.addItem(item(u"A"_s,
            { { u"red"_s, asset(u"https://h/r/data.tif"_s) }, { u"green"_s, asset(u"https://h/g/data.tif"_s) },
                { u"blue"_s, asset(u"https://h/b/DATA.TIF"_s) }, { u"nir"_s, asset(u"https://h/n/nir.tif"_s) },
                // An asset named like the item's JSON does not overwrite it.
                { u"meta"_s, asset(u"https://h/m/A.json"_s, u"application/json"_s) } })));
        DownloadPlanOptions o;
        o.directory = m_dir;
        const DownloadPlan plan = DownloadPlanner(o).plan(s);
        QCOMPARE(relativeTargets(plan, m_dir),
            (QStringList { u"coll/A/blue_DATA.TIF"_s, u"coll/A/green_data.tif"_s, u"coll/A/meta_A.json"_s,
                u"coll/A/nir.tif"_s, u"coll/A/red_data.tif"_s }));
        QCOMPARE(relativeItemFiles(plan, m_dir), QStringList { u"coll/A/A.json"_s });
    }

    void hostileIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("collection");
        QTest::newRow("dot dot") << u"../../x"_s << u"../.."_s;
        QTest::newRow("just dots") << u".."_s << u"."_s;
        QTest::newRow("absolute") << u"/abs"_s << u"/etc"_s;
        QTest::newRow("windows drive") << u"C:\\x"_s << u"C:\\Windows"_s;
        QTest::newRow("unc") << u"\\\\server\\share"_s << u"coll"_s;
        QTest::newRow("control chars") << u"a\u0001b\nc\u007f"_s << u"c\u0000d"_s;
        QTest::newRow("device name") << u"con"_s << u"NUL"_s;
        QTest::newRow("very long") << QString(600, u'x') << QString(400, u'é');
        QTest::newRow("empty collection") << u"../evil"_s << QString();
    }

    void hostileIds()
    {
        QFETCH(QString, id);
        QFETCH(QString, collection);
        for (const DownloadLayout layout : { DownloadLayout::PerItem, DownloadLayout::Flat }) {
            AssetSelection s;
            QVERIFY(s.addItem(item(id, { { u"../../k"_s, asset(u"https://h/get"_s) } }, collection)));
            DownloadPlanOptions o;
            o.directory = m_dir;
            o.layout = layout;
            DownloadPlanner planner(o);
            DownloadPlan plan = planner.plan(s);
            QCOMPARE(plan.tasks.size(), 1);
            QCOMPARE(plan.itemFiles.size(), 1);
            QStringList paths { plan.tasks.first().targetPath, plan.itemFiles.first().path };
            for (const QString &path : paths) {
                QVERIFY2(FileNameSanitizer::isInside(m_dir, path), qPrintable(path));
                QVERIFY2(path.startsWith(m_dir + u'/'), qPrintable(path));
                const QStringList parts = QDir(m_dir).relativeFilePath(path).split(u'/');
                QVERIFY(parts.size() <= 3);
                for (const QString &part : parts) {
                    QVERIFY(!part.isEmpty() && part != u".."_s && part != u"."_s);
                    QVERIFY(!part.contains(u'\\') && !part.contains(u':'));
                    QVERIFY(part.toUtf8().size() <= FileNameSanitizer::MaxNameBytes);
                    for (const QChar c : part) {
                        QVERIFY(c.unicode() >= 0x20 && c.unicode() != 0x7f);
                    }
                }
            }
            QVERIFY(planner.writeItemFiles(s, plan));
            QVERIFY(QFile::exists(plan.itemFiles.first().path));
        }
    }

    void hostileHrefs_data()
    {
        QTest::addColumn<QString>("href");
        QTest::addColumn<QString>("name");
        QTest::newRow("encoded traversal") << u"https://h/a/..%2F..%2Fetc%2Fpasswd.tif"_s << u"passwd.tif"_s;
        QTest::newRow("dot dot path") << u"https://h/a/../../../x.tif"_s << u"x.tif"_s;
        QTest::newRow("backslashes") << u"https://h/C:%5CWindows%5Cevil.tif"_s << u"evil.tif"_s;
        QTest::newRow("control char") << u"https://h/a%01b%0A.tif"_s << u"ab.tif"_s;
        QTest::newRow("hidden file") << u"https://h/.bashrc.tif"_s << u"bashrc.tif"_s;
        QTest::newRow("reserved chars") << u"https://h/a%3Cb%3E%3F.tif"_s << u"a_b__.tif"_s;
        QTest::newRow("query ignored") << u"https://h/B04.tif?X-Amz-Signature=1/2/../x"_s << u"B04.tif"_s;
        QTest::newRow("file url") << u"file:///data/../etc/x.tif"_s << u"x.tif"_s;
    }

    void hostileHrefs()
    {
        QFETCH(QString, href);
        QFETCH(QString, name);
        AssetSelection s;
        QVERIFY(s.addItem(item(u"A"_s, { { u"k"_s, asset(href) } })));
        DownloadPlanOptions o;
        o.directory = m_dir;
        o.layout = DownloadLayout::Flat;
        const DownloadPlan plan = DownloadPlanner(o).plan(s);
        QCOMPARE(plan.tasks.size(), 1);
        QCOMPARE(plan.tasks.first().targetPath, m_dir + u'/' + name);
    }

    void veryLongHrefName()
    {
        AssetSelection s;
        const QString longName = QString(1000, u'n') + u".tif"_s;
        QVERIFY(s.addItem(item(u"A"_s,
            { { u"a"_s, asset(u"https://h/1/"_s + longName) }, { u"b"_s, asset(u"https://h/2/"_s + longName) } })));
        DownloadPlanOptions o;
        o.directory = m_dir;
        const DownloadPlan plan = DownloadPlanner(o).plan(s);
        QCOMPARE(plan.tasks.size(), 2);
        const QString first = QFileInfo(plan.tasks.at(0).targetPath).fileName();
        const QString second = QFileInfo(plan.tasks.at(1).targetPath).fileName();
        QVERIFY(first != second);
        for (const QString &n : { first, second }) {
            QVERIFY(n.endsWith(u".tif"_s));
            QVERIFY(n.toUtf8().size() <= FileNameSanitizer::MaxNameBytes);
        }
    }

    void nameFromServer_data()
    {
        QTest::addColumn<QString>("href");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("fromServer");
        QTest::newRow("plain") << u"https://h/dl/B04.tif"_s << u"image/tiff"_s << u"B04"_s << u"B04.tif"_s << false;
        QTest::newRow("endpoint with query") << u"https://h/download?id=1"_s << u"image/tiff; application=geotiff"_s
                                             << u"visual"_s << u"visual.tif"_s << true;
        QTest::newRow("root path") << u"https://h/"_s << u"image/jpeg"_s << u"thumbnail"_s << u"thumbnail.jpg"_s
                                   << true;
        QTest::newRow("empty path") << u"https://h"_s << u"image/png"_s << u"overview"_s << u"overview.png"_s << true;
        QTest::newRow("odata value") << u"https://h/Products('x')/$value"_s << u"application/zip"_s << u"product"_s
                                     << u"product.zip"_s << true;
        QTest::newRow("no extension") << u"https://h/items/x/assets/metadata"_s << u"application/xml"_s << u"metadata"_s
                                      << u"metadata.xml"_s << true;
        QTest::newRow("json flavour") << u"https://h/api/info"_s << u"application/geo+json"_s << u"info"_s
                                      << u"info.geojson"_s << true;
        QTest::newRow("unknown type") << u"https://h/get"_s << QString() << u"data"_s << u"data"_s << true;
        QTest::newRow("key has extension")
            << u"https://h/get"_s << u"image/jpeg"_s << u"preview.jpg"_s << u"preview.jpg"_s << true;
        QTest::newRow("hostile key") << u"https://h/get"_s << u"image/tiff"_s << u"../../etc/passwd"_s
                                     << u"passwd.tif"_s << true;
        QTest::newRow("local file, no server")
            << u"file:///data/blob"_s << u"image/tiff"_s << u"data"_s << u"data.tif"_s << false;
    }

    void nameFromServer()
    {
        QFETCH(QString, href);
        QFETCH(QString, type);
        QFETCH(QString, key);
        QFETCH(QString, name);
        QFETCH(bool, fromServer);
        AssetSelection s;
        QVERIFY(s.addItem(item(u"A"_s, { { key, asset(href, type) } })));
        DownloadPlanOptions o;
        o.directory = m_dir;
        o.layout = DownloadLayout::Flat;
        const DownloadPlan plan = DownloadPlanner(o).plan(s);
        QCOMPARE(plan.tasks.size(), 1);
        QCOMPARE(QFileInfo(plan.tasks.first().targetPath).fileName(), name);
        QCOMPARE(plan.tasks.first().nameFromServer, fromServer);
    }

    void sameOrigin_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<bool>("same");
        QTest::newRow("same") << QUrl(u"https://api.example.com/items/a.tif"_s) << true;
        QTest::newRow("explicit default port, case") << QUrl(u"https://API.Example.com:443/b.tif"_s) << true;
        QTest::newRow("other scheme") << QUrl(u"http://api.example.com/c.tif"_s) << false;
        QTest::newRow("other port") << QUrl(u"https://api.example.com:8443/d.tif"_s) << false;
        QTest::newRow("storage host") << QUrl(u"https://bucket.s3.amazonaws.com/e.tif"_s) << false;
        QTest::newRow("host in path") << QUrl(u"https://evil.com/api.example.com/f.tif"_s) << false;
        QTest::newRow("suffix host") << QUrl(u"https://api.example.com.evil.com/g.tif"_s) << false;
        QTest::newRow("sub domain") << QUrl(u"https://data.api.example.com/h.tif"_s) << false;
        QTest::newRow("user info trick") << QUrl(u"https://api.example.com@evil.com/i.tif"_s) << false;
        QTest::newRow("file") << QUrl(u"file:///api.example.com/j.tif"_s) << false;
    }

    void sameOrigin()
    {
        QFETCH(QUrl, url);
        QFETCH(bool, same);
        const QUrl catalog(u"https://api.example.com/stac/v1/search?limit=10"_s);
        QCOMPARE(DownloadPlanner::isSameOrigin(url, catalog), same);

        AssetSelection s;
        QVERIFY(s.addItem(item(u"A"_s, { { u"k"_s, asset(url.toString()) } })));
        DownloadPlanOptions o;
        o.directory = m_dir;
        o.catalogUrl = catalog;
        o.credentialNames = { "Authorization" };
        DownloadPlan plan = DownloadPlanner(o).plan(s);
        QCOMPARE(plan.tasks.size(), 1);
        QCOMPARE(plan.tasks.first().headerNames.isEmpty(), !same);

        o.catalogUrl = QUrl(); // no catalog origin: no credentials recorded
        plan = DownloadPlanner(o).plan(s);
        QVERIFY(plan.tasks.first().headerNames.isEmpty());
    }

    void skippedSchemes()
    {
        AssetSelection s;
        QJsonObject s3 = asset(u"s3://sentinel-cogs/B04.tif"_s);
        // An https alternate is not consulted: the main href decides.
        s3.insert(
            u"alternate"_s, QJsonObject { { u"https"_s, QJsonObject { { u"href"_s, u"https://h/alt/B04.tif"_s } } } });
        QJsonObject https = asset(u"https://h/B08.tif"_s);
        https.insert(u"alternate"_s, QJsonObject { { u"s3"_s, QJsonObject { { u"href"_s, u"s3://b/B08.tif"_s } } } });
        QVERIFY(s.addItem(item(u"A"_s,
            { { u"B04"_s, s3 }, { u"B08"_s, https }, { u"gs"_s, asset(u"gs://bucket/x.tif"_s) },
                { u"ftp"_s, asset(u"ftp://h/x.tif"_s) }, { u"rel"_s, asset(u"./x.tif"_s) },
                { u"empty"_s, asset(QString()) }, { u"local"_s, asset(u"file:///data/y.tif"_s) },
                { u"reserved"_s, asset(u"https://files.example.invalid/c/A/visual.tif"_s) },
                { u"served"_s, asset(u"https://demo.stacscope.invalid/c/A/visual.tif"_s) } })));
        DownloadPlanOptions o;
        o.directory = m_dir;
        const DownloadPlan plan = DownloadPlanner(o).plan(s);
        QStringList keys;
        for (const DownloadTask &t : plan.tasks) {
            keys.append(t.assetKey);
        }
        QCOMPARE(keys, (QStringList { u"B08"_s, u"local"_s, u"served"_s }));
        QCOMPARE(plan.tasks.first().url, QUrl(u"https://h/B08.tif"_s));
        QCOMPARE(plan.warnings.size(), 6);
        const QString all = plan.warnings.join(u'\n');
        QVERIFY2(all.contains(u"A / B04 skipped: its href is an s3:// link"_s), qPrintable(all));
        QVERIFY(all.contains(u"gs: scheme is not supported"_s));
        QVERIFY(all.contains(u"ftp: scheme is not supported"_s));
        QVERIFY(all.contains(u"A / rel skipped: its href \"./x.tif\" is relative"_s));
        QVERIFY(all.contains(u"A / empty skipped: it has no href"_s));
        // RFC 2606 names never resolve: said, not tried. All but the demo catalog's, which the app serves.
        QVERIFY(all.contains(u"A / reserved skipped: its host files.example.invalid is a reserved name"_s));
        QVERIFY(!all.contains(u"A / served"_s));
        QVERIFY(plan.errors.isEmpty());
    }

    void taskFields()
    {
        AssetSelection s;
        QJsonObject a = asset(u"https://h/B04.tif"_s);
        a.insert(u"file:size"_s, 1234.0);
        a.insert(u"file:checksum"_s, u"1220abcdef"_s);
        a.insert(u"title"_s, u"Red band"_s);
        QVERIFY(s.addItem(item(u"A"_s, { { u"B04"_s, a }, { u"B08"_s, asset(u"https://h/B08.tif"_s) } })));
        DownloadPlanOptions o;
        o.directory = m_dir + u"/sub/../downloads"_s;
        o.existingPolicy = ExistingFilePolicy::Overwrite;
        o.sourceId = u"earth-search"_s;
        const DownloadPlan plan = DownloadPlanner(o).plan(s);
        QCOMPARE(plan.tasks.size(), 2);
        const DownloadTask &t = plan.tasks.first();
        QCOMPARE(t.targetPath, m_dir + u"/downloads/coll/A/B04.tif"_s);
        QCOMPARE(t.expectedSize, qint64(1234));
        QCOMPARE(t.checksum, QByteArray("1220abcdef"));
        QCOMPARE(t.existingPolicy, ExistingFilePolicy::Overwrite);
        QCOMPARE(t.sourceId, u"earth-search"_s);
        QCOMPARE(t.collection, u"coll"_s);
        QCOMPARE(t.itemId, u"A"_s);
        QCOMPARE(t.assetKey, u"B04"_s);
        QCOMPARE(t.title, u"Red band"_s);
        QCOMPARE(plan.tasks.at(1).title, u"B08"_s); // no title: the key
        QCOMPARE(plan.tasks.at(1).expectedSize, qint64(-1));
        QCOMPARE(plan.totals.count, 2);
        QCOMPARE(plan.totals.knownBytes, qint64(1234));
        QCOMPARE(plan.totals.unknownSizeCount, 1);
    }

    void onlySelectedAssetsAndTheirItems()
    {
        AssetSelection s;
        QVERIFY(s.addItem(item(u"A"_s, { { u"B04"_s, asset(u"https://h/a/B04.tif"_s) } })));
        QVERIFY(s.addItem(item(u"B"_s, { { u"thumbnail"_s, asset(u"https://h/b/t.jpg"_s, u"image/jpeg"_s) } })));
        s.setExclude({ u"jpeg"_s });
        DownloadPlanOptions o;
        o.directory = m_dir;
        const DownloadPlan plan = DownloadPlanner(o).plan(s);
        QCOMPARE(plan.tasks.size(), 1);
        QCOMPARE(relativeItemFiles(plan, m_dir), QStringList { u"coll/A/A.json"_s }); // nothing chosen of B
        o.writeItemJson = false;
        QVERIFY(DownloadPlanner(o).plan(s).itemFiles.isEmpty());
    }

    void writesItemJson()
    {
        QTemporaryDir dir;
        AssetSelection s;
        const QByteArray a = item(u"A"_s, { { u"B04"_s, asset(u"https://h/a/B04.tif"_s) } });
        const QByteArray b = item(u"B"_s, { { u"B04"_s, asset(u"https://h/b/B04.tif"_s) } });
        QVERIFY(s.addItem(a));
        QVERIFY(s.addItem(b));
        for (const DownloadLayout layout : { DownloadLayout::PerItem, DownloadLayout::Flat }) {
            DownloadPlanOptions o;
            o.directory = dir.path();
            o.layout = layout;
            DownloadPlanner planner(o);
            DownloadPlan plan = planner.plan(s);
            QVERIFY(planner.writeItemFiles(s, plan));
            QVERIFY(plan.errors.isEmpty());
            const QString prefix
                = layout == DownloadLayout::Flat ? QString(dir.path() + u'/') : QString(dir.path() + u"/coll/A/"_s);
            QFile fa(prefix + u"A.json"_s);
            QVERIFY(fa.open(QIODevice::ReadOnly));
            QCOMPARE(fa.readAll(), a);
            // Beside its assets.
            QCOMPARE(QFileInfo(plan.tasks.first().targetPath).absolutePath(), QFileInfo(fa).absolutePath());
        }
    }

    void reportsWriteErrors()
    {
        QTemporaryDir dir;
        // A file where the collection folder should go.
        QFile blocker(dir.filePath(u"coll"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        AssetSelection s;
        QVERIFY(s.addItem(item(u"A"_s, { { u"B04"_s, asset(u"https://h/a/B04.tif"_s) } })));
        DownloadPlanOptions o;
        o.directory = dir.path();
        DownloadPlanner planner(o);
        DownloadPlan plan = planner.plan(s);
        QVERIFY(!planner.writeItemFiles(s, plan));
        QCOMPARE(plan.errors.size(), 1);
        QVERIFY(plan.hasErrors());
    }

    void noDirectory()
    {
        AssetSelection s;
        QVERIFY(s.addItem(item(u"A"_s, { { u"B04"_s, asset(u"https://h/a/B04.tif"_s) } })));
        const DownloadPlan plan = DownloadPlanner(DownloadPlanOptions()).plan(s);
        QVERIFY(plan.tasks.isEmpty());
        QCOMPARE(plan.errors.size(), 1);
    }

    void extensions_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("ext");
        QTest::newRow("cog") << u"image/tiff; application=geotiff; profile=cloud-optimized"_s << u".tif"_s;
        QTest::newRow("jp2") << u"image/jp2"_s << u".jp2"_s;
        QTest::newRow("jpeg") << u"IMAGE/JPEG"_s << u".jpg"_s;
        QTest::newRow("json") << u"application/json"_s << u".json"_s;
        QTest::newRow("stac json") << u"application/stac+json"_s << u".json"_s;
        QTest::newRow("kml") << u"application/vnd.google-earth.kml+xml"_s << u".kml"_s;
        QTest::newRow("xml") << u"text/xml"_s << u".xml"_s;
        QTest::newRow("netcdf") << u"application/x-netcdf"_s << u".nc"_s;
        QTest::newRow("unknown") << u"application/octet-stream"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void extensions()
    {
        QFETCH(QString, type);
        QFETCH(QString, ext);
        QCOMPARE(DownloadPlanner::extensionForMediaType(type), ext);
    }

private:
    QTemporaryDir m_tmp;
    QString m_dir;
};

QTEST_GUILESS_MAIN(TestDownloadPlanner)
#include "tst_downloadplanner.moc"
