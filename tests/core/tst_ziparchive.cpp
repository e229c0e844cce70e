// ZipArchive: downloaded ZIPs unpacked only into their folder (zip-slip refused before anything is
// written), each entry checked against its CRC-32 and size, UP42's "output/" folder left out. The
// archives come from the tests' own writer (stored entries) and from GDAL's (deflated).
#include <cpl_vsi.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "src/download/ziparchive.h"
#include "tests/support/syntheticfiles.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every file below `root`, relative, sorted.
QStringList filesBelow(const QString &root)
{
    QStringList names;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        names.append(QDir(root).relativeFilePath(it.next()));
    }
    names.sort();
    return names;
}

} // namespace

class TestZipArchive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultFolderBesideTheZip()
    {
        QCOMPARE(ZipArchive::defaultFolder(u"/data/order/delivery.zip"_s), u"/data/order/delivery"_s);
        // Only the last extension goes: "scene.SAFE.zip" unpacks into "scene.SAFE".
        QCOMPARE(ZipArchive::defaultFolder(u"/data/order/scene.SAFE.zip"_s), u"/data/order/scene.SAFE"_s);
        // A ZIP without an extension cannot be unpacked onto itself.
        QCOMPARE(ZipArchive::defaultFolder(u"/data/order/delivery"_s), u"/data/order/delivery_files"_s);
    }

    void unpacksStoredEntriesWithoutOutputFolder()
    {
        QTemporaryDir dir;
        const QByteArray tif = SyntheticFiles::storedZip({ { u"x"_s, QByteArray(5000, 'x') } }).left(3000);
        const QByteArray json = "{\"type\": \"Feature\"}";
        const QString zip = dir.filePath(u"delivery.zip"_s);
        QVERIFY(writeFile(zip,
            SyntheticFiles::storedZip({ { u"output/"_s, QByteArray() }, { u"output/scene/image.tif"_s, tif },
                { u"output/scene/item.json"_s, json }, { u"output/readme.txt"_s, "hello" } })));
        QVERIFY(ZipArchive::isZip(zip));
        const ZipArchive::UnpackResult r = ZipArchive::unpack(zip, ZipArchive::defaultFolder(zip));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files, 3);
        QCOMPARE(r.folder, dir.filePath(u"delivery"_s));
        QCOMPARE(filesBelow(r.folder), QStringList({ u"readme.txt"_s, u"scene/image.tif"_s, u"scene/item.json"_s }));
        QCOMPARE(readFile(r.folder + u"/scene/image.tif"_s), tif);
        QCOMPARE(readFile(r.folder + u"/scene/item.json"_s), json);
        QCOMPARE(readFile(r.folder + u"/readme.txt"_s), QByteArray("hello"));
        // Again: the same files replaced in place, nothing added.
        const ZipArchive::UnpackResult again = ZipArchive::unpack(zip, r.folder);
        QVERIFY(again.ok);
        QCOMPARE(filesBelow(r.folder).size(), 3);
    }

    void unpacksDeflatedEntriesWrittenByGdal()
    {
        QTemporaryDir dir;
        const QString zip = dir.filePath(u"gdal.zip"_s);
        QByteArray text;
        for (int i = 0; i < 2000; ++i) {
            text += "line " + QByteArray::number(i) + " of a compressible file\n";
        }
        for (const auto &[name, bytes] : { std::pair<QByteArray, QByteArray> { "a/one.txt", text },
                 std::pair<QByteArray, QByteArray> { "two.txt", "second" } }) {
            const QByteArray path = "/vsizip/" + zip.toUtf8() + '/' + name;
            VSILFILE *f = VSIFOpenL(path.constData(), "wb");
            QVERIFY(f);
            QCOMPARE(VSIFWriteL(bytes.constData(), 1, size_t(bytes.size()), f), size_t(bytes.size()));
            VSIFCloseL(f);
        }
        QVERIFY(QFileInfo(zip).size() < text.size()); // deflated, not stored
        const ZipArchive::UnpackResult r = ZipArchive::unpack(zip, dir.filePath(u"out"_s));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files, 2);
        QCOMPARE(readFile(dir.filePath(u"out/a/one.txt"_s)), text);
        QCOMPARE(readFile(dir.filePath(u"out/two.txt"_s)), QByteArray("second"));
    }

    void refusesEntriesOutsideTheFolder_data()
    {
        QTest::addColumn<QString>("evil");
        QTest::newRow("parent") << u"../evil.txt"_s;
        QTest::newRow("nested parent") << u"output/a/../../../evil.txt"_s;
        QTest::newRow("absolute") << u"/tmp/evil.txt"_s;
        QTest::newRow("drive") << u"C:/evil.txt"_s;
        QTest::newRow("backslashes") << u"..\\evil.txt"_s;
    }

    void refusesEntriesOutsideTheFolder()
    {
        QFETCH(QString, evil);
        QTemporaryDir dir;
        const QString zip = dir.filePath(u"inner/delivery.zip"_s);
        QVERIFY(QDir().mkpath(dir.filePath(u"inner"_s)));
        // The harmless entry comes first: even it must not be written.
        QVERIFY(writeFile(zip, SyntheticFiles::storedZip({ { u"output/ok.txt"_s, "fine" }, { evil, "gotcha" } })));
        const ZipArchive::UnpackResult r = ZipArchive::unpack(zip, ZipArchive::defaultFolder(zip));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"outside"_s), qPrintable(r.error));
        QCOMPARE(r.files, 0);
        QCOMPARE(filesBelow(dir.path()), QStringList({ u"inner/delivery.zip"_s }));
    }

    void refusesAnEntryThatFailsItsCrc()
    {
        QTemporaryDir dir;
        const QString zip = dir.filePath(u"bad.zip"_s);
        QByteArray bytes = SyntheticFiles::storedZip({ { u"first.txt"_s, "intact" }, { u"second.txt"_s, "tampered" } });
        const qsizetype at = bytes.indexOf("tampered");
        QVERIFY(at > 0);
        bytes[at] = 'T'; // the data changed after the CRC was computed
        QVERIFY(writeFile(zip, bytes));
        const ZipArchive::UnpackResult r = ZipArchive::unpack(zip, dir.filePath(u"out"_s));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"CRC-32"_s) && r.error.contains(u"second.txt"_s), qPrintable(r.error));
        // The damaged entry never takes a place on disk.
        QVERIFY(!QFile::exists(dir.filePath(u"out/second.txt"_s)));
        QCOMPARE(readFile(dir.filePath(u"out/first.txt"_s)), QByteArray("intact"));
    }

    void refusesWhatIsNoZip()
    {
        QTemporaryDir dir;
        const QString tif = dir.filePath(u"image.tif"_s);
        QVERIFY(writeFile(tif, QByteArray("II*\0", 4) + QByteArray(100, '\0')));
        QVERIFY(!ZipArchive::isZip(tif));
        const ZipArchive::UnpackResult notZip = ZipArchive::unpack(tif, dir.filePath(u"out"_s));
        QVERIFY(!notZip.ok);
        QVERIFY2(notZip.error.contains(u"not a ZIP"_s), qPrintable(notZip.error));

        // A ZIP cut short (an interrupted copy): its directory is gone, nothing is written.
        const QString cut = dir.filePath(u"cut.zip"_s);
        const QByteArray whole = SyntheticFiles::storedZip({ { u"a.txt"_s, QByteArray(1000, 'a') } });
        QVERIFY(writeFile(cut, whole.left(whole.size() - 40)));
        QVERIFY(ZipArchive::isZip(cut));
        const ZipArchive::UnpackResult r = ZipArchive::unpack(cut, dir.filePath(u"cut"_s));
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
        QCOMPARE(filesBelow(dir.filePath(u"cut"_s)), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestZipArchive)
#include "tst_ziparchive.moc"
