#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "src/download/filenamesanitizer.h"

using namespace Qt::StringLiterals;
using StacScope::FileNameSanitizer;

class TestFileNameSanitizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitize_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"B04.tif"_s << u"B04.tif"_s;
        QTest::newRow("parent dirs") << u"../../x"_s << u"x"_s;
        QTest::newRow("absolute") << u"/etc/passwd"_s << u"passwd"_s;
        QTest::newRow("windows path") << u"C:\\Windows\\evil.dll"_s << u"evil.dll"_s;
        QTest::newRow("dot dot only") << u".."_s << u"download"_s;
        QTest::newRow("dot") << u"."_s << u"download"_s;
        QTest::newRow("trailing slash") << u"a/b/"_s << u"download"_s;
        QTest::newRow("hidden") << u".bashrc"_s << u"bashrc"_s;
        QTest::newRow("control chars") << u"a\u0001b\nc\u007f.tif"_s << u"abc.tif"_s;
        QTest::newRow("reserved chars") << u"a<b>c:d\"e|f?g*.tif"_s << u"a_b_c_d_e_f_g_.tif"_s;
        QTest::newRow("device name") << u"CON.txt"_s << u"_CON.txt"_s;
        QTest::newRow("device name lower") << u"lpt1"_s << u"_lpt1"_s;
        QTest::newRow("trailing dots and spaces") << u"name. . "_s << u"name"_s;
        QTest::newRow("unicode kept") << u"Zürich_東京.tif"_s << u"Zürich_東京.tif"_s;
        QTest::newRow("empty") << QString() << u"download"_s;
    }

    void sanitize()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(FileNameSanitizer::sanitize(input), expected);
    }

    void fallbackIsSanitisedToo()
    {
        QCOMPARE(FileNameSanitizer::sanitize(u".."_s, u"../item/asset"_s), u"asset"_s);
        QCOMPARE(FileNameSanitizer::sanitize(u"/"_s, u"/"_s), u"download"_s);
    }

    void longNamesKeepTheirExtension()
    {
        const QString longName = QString(500, u'a') + u".tif"_s;
        const QString out = FileNameSanitizer::sanitize(longName);
        QVERIFY(out.toUtf8().size() <= FileNameSanitizer::MaxNameBytes);
        QVERIFY(out.endsWith(u".tif"_s));

        // Multi-byte characters are never cut in half.
        const QString wide = QString(300, QChar(0x6771)) + u".jp2"_s;
        const QString wideOut = FileNameSanitizer::sanitize(wide);
        QVERIFY(wideOut.toUtf8().size() <= FileNameSanitizer::MaxNameBytes);
        QCOMPARE(QString::fromUtf8(wideOut.toUtf8()), wideOut);
        QVERIFY(wideOut.endsWith(u".jp2"_s));
    }

    void fromUrl_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("simple") << QUrl(u"https://h/a/b/B04.tif?X-Amz-Signature=1"_s) << u"B04.tif"_s;
        QTest::newRow("percent encoded") << QUrl(u"https://h/a/my%20file.tif"_s) << u"my file.tif"_s;
        QTest::newRow("encoded traversal") << QUrl(u"https://h/a/..%2F..%2Fetc%2Fpasswd"_s) << u"passwd"_s;
        QTest::newRow("no name") << QUrl(u"https://h/download/?id=1"_s) << QString();
        QTest::newRow("root") << QUrl(u"https://h"_s) << QString();
    }

    void fromUrl()
    {
        QFETCH(QUrl, url);
        QFETCH(QString, expected);
        QCOMPARE(FileNameSanitizer::fromUrl(url), expected);
    }

    void fromContentDisposition_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("expected");
        QTest::newRow("quoted") << QByteArray("attachment; filename=\"scene.tif\"") << u"scene.tif"_s;
        QTest::newRow("token") << QByteArray("attachment; filename=scene.tif") << u"scene.tif"_s;
        QTest::newRow("extended wins") << QByteArray("attachment; filename=\"a.tif\"; filename*=UTF-8''%C3%BC.tif")
                                       << u"ü.tif"_s;
        QTest::newRow("traversal") << QByteArray("attachment; filename=\"../../x\"") << u"x"_s;
        QTest::newRow("absolute") << QByteArray("attachment; filename=\"/etc/passwd\"") << u"passwd"_s;
        QTest::newRow("escaped quote") << QByteArray("attachment; filename=\"a\\\"b.tif\"") << u"a_b.tif"_s;
        QTest::newRow("none") << QByteArray("inline") << QString();
    }

    void fromContentDisposition()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, expected);
        QCOMPARE(FileNameSanitizer::fromContentDisposition(header), expected);
    }

    void uniquePath()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"a.tif"_s);
        QCOMPARE(FileNameSanitizer::uniquePath(path), path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QCOMPARE(FileNameSanitizer::uniquePath(path), dir.filePath(u"a (1).tif"_s));
        QFile part(dir.filePath(u"a (1).tif.part"_s));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.close();
        QCOMPARE(FileNameSanitizer::uniquePath(path), dir.filePath(u"a (2).tif"_s));
    }

    void isInside()
    {
        QVERIFY(FileNameSanitizer::isInside(u"/data/dl"_s, u"/data/dl/item/a.tif"_s));
        QVERIFY(FileNameSanitizer::isInside(u"/data/dl"_s, u"item/a.tif"_s));
        QVERIFY(!FileNameSanitizer::isInside(u"/data/dl"_s, u"/data/dl/../x"_s));
        QVERIFY(!FileNameSanitizer::isInside(u"/data/dl"_s, u"../x"_s));
        QVERIFY(!FileNameSanitizer::isInside(u"/data/dl"_s, u"/data/dl2/x"_s));
        QVERIFY(!FileNameSanitizer::isInside(u"/data/dl"_s, u"/data/dl"_s));
        QVERIFY(!FileNameSanitizer::isInside(u"/data/dl"_s, u"/etc/passwd"_s));
    }
};

QTEST_GUILESS_MAIN(TestFileNameSanitizer)
#include "tst_filenamesanitizer.moc"
