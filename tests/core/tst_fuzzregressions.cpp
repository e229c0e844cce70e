// Inputs the fuzzers (tests/fuzz) found to crash, hang or break a parser's promise, kept under
// tests/fixtures/fuzz-regressions/FUZZER/. Each is replayed through the fuzz target's own body
// (the same checks libFuzzer ran), and each also has a test of what the parser must do with it.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "src/download/multihash.h"
#include "src/geo/geometry.h"
#include "src/stac/cql2.h"
#include "src/stac/itemparser.h"
#include "tests/fuzz/fuzztargets.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QString kRegressions = QStringLiteral(STACSCOPE_TEST_FIXTURES "/fuzz-regressions");

QByteArray input(const QString &fuzzer, const QString &name)
{
    QFile file(kRegressions + u'/' + fuzzer + u'/' + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

using Target = int (*)(QByteArrayView);

Target targetFor(const QString &fuzzer)
{
    static const QHash<QString, Target> targets {
        { u"fuzz_itemparser"_s, &Fuzz::itemParser },
        { u"fuzz_jsonreader"_s, &Fuzz::jsonReader },
        { u"fuzz_geojson"_s, &Fuzz::geoJson },
        { u"fuzz_wkt"_s, &Fuzz::wkt },
        { u"fuzz_cql2_text"_s, &Fuzz::cql2Text },
        { u"fuzz_cql2_json"_s, &Fuzz::cql2Json },
        { u"fuzz_aoifile"_s, &Fuzz::aoiFile },
        { u"fuzz_multihash"_s, &Fuzz::multihash },
    };
    return targets.value(fuzzer);
}

} // namespace

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data();
    void replay();

    void hugeLongitudeWkt();
    void hugeLongitudeGeoJson();
    void cql2BigIntegerKeepsItsDigits();
    void hugeNumberMatchedIsNoCount();
    void hugeFileSizeIsNoSize();
    void multihashNonMinimalVarint();
};

void TestFuzzRegressions::replay_data()
{
    QTest::addColumn<QString>("fuzzer");
    QTest::addColumn<QString>("name");
    const QDir root(kRegressions);
    const QStringList fuzzers = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(!fuzzers.isEmpty());
    for (const QString &fuzzer : fuzzers) {
        for (const QString &name : QDir(root.filePath(fuzzer)).entryList(QDir::Files, QDir::Name)) {
            QTest::addRow("%s/%s", qPrintable(fuzzer), qPrintable(name)) << fuzzer << name;
        }
    }
}

// The fuzz target's checks abort the test if the parser breaks a promise; a hang trips ctest's timeout.
void TestFuzzRegressions::replay()
{
    QFETCH(QString, fuzzer);
    QFETCH(QString, name);
    const Target target = targetFor(fuzzer);
    QVERIFY2(target, qPrintable(u"no fuzz target named "_s + fuzzer));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(target(input(fuzzer, name)), 0);
    QVERIFY2(timer.elapsed() < 10000, "an input that once hung takes seconds again");
}

// A longitude of 2e50 made the antimeridian unwrapping in Geometry::bounds() step 360 degrees at
// a time, for ever. Now the bounds come back at once: latitudes as given, longitudes a valid box.
void TestFuzzRegressions::hugeLongitudeWkt()
{
    QString error;
    const std::optional<Geometry> geometry
        = Geometry::fromWkt(QString::fromUtf8(input(u"fuzz_wkt"_s, u"huge-longitude-hang.wkt"_s)), &error);
    QVERIFY2(geometry, qPrintable(error));
    QCOMPARE(geometry->pointCount(), 5);
    const GeoBox box = geometry->bounds();
    QCOMPARE(box.south, -20.0);
    QCOMPARE(box.north, 10.0);
    QVERIFY(box.isValid());
}

void TestFuzzRegressions::hugeLongitudeGeoJson()
{
    const QJsonDocument document = QJsonDocument::fromJson(input(u"fuzz_geojson"_s, u"huge-longitude-hang.geojson"_s));
    QString error;
    const std::optional<Geometry> geometry = Geometry::fromGeoJson(document.object(), &error);
    QVERIFY2(geometry, qPrintable(error));
    QCOMPARE(geometry->pointCount(), 5);
    const GeoBox box = geometry->bounds();
    QCOMPARE(box.south, -50.0);
    QCOMPARE(box.north, 10.0);
    QVERIFY(box.isValid());
    (void)geometry->splitAtAntimeridian(); // cuts at 180 degrees: must end too
}

// toText wrote 2403557966994435065 through a double as 2403557966994435000: a GET request would
// have filtered on another number than the one typed. 64-bit integers now keep all their digits.
void TestFuzzRegressions::cql2BigIntegerKeepsItsDigits()
{
    const QString text = QString::fromUtf8(input(u"fuzz_cql2_text"_s, u"big-integer-digits.txt"_s));
    const Cql2::ParseResult parsed = Cql2::parseText(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const QString written = Cql2::toText(parsed.expression);
    QVERIFY2(written.endsWith(u"AND d = 2403557966994435065"_s), qPrintable(written));
    QVERIFY(written.startsWith(u"gsd < 13 AND b <= -0.025 AND c = 0.5 AND d = 12313 AND "_s));
    const Cql2::ParseResult again = Cql2::parseText(written);
    QVERIFY2(again.ok(), qPrintable(again.error));
    QCOMPARE(again.expression, parsed.expression);

    // The same from CQL2-JSON. A double that is a whole number beyond 2^53 stays a double, with an
    // exponent: written as digits it read back as an integer, another JSON value (found by
    // fuzz_cql2_text on "gsd < .51e17").
    const QJsonObject big
        = QJsonDocument::fromJson(R"({"op":"=","args":[{"property":"n"},9007199254740993]})").object();
    QCOMPARE(Cql2::toText(big), u"n = 9007199254740993"_s);
    const QJsonObject wholeDouble { { u"op"_s, u"="_s },
        { u"args"_s, QJsonArray { QJsonObject { { u"property"_s, u"n"_s } }, 1e17 } } };
    QCOMPARE(Cql2::toText(wholeDouble), u"n = 1e+17"_s);
    const QString found = QString::fromUtf8(input(u"fuzz_cql2_text"_s, u"whole-double-beyond-2-53.txt"_s));
    const Cql2::ParseResult parsedDouble = Cql2::parseText(found);
    QVERIFY2(parsedDouble.ok(), qPrintable(parsedDouble.error));
    QCOMPARE(Cql2::toText(parsedDouble.expression), u"gsd < 5.1e+16"_s);
    QCOMPARE(Cql2::parseText(Cql2::toText(parsedDouble.expression)).expression, parsedDouble.expression);
    // A polygon vertex of 2888888888088888888.8: 'g' wrote it as bare digits; now with an exponent.
    const QString vertex = QString::fromUtf8(input(u"fuzz_cql2_text"_s, u"whole-double-coordinate.txt"_s));
    const Cql2::ParseResult parsedVertex = Cql2::parseText(vertex);
    QVERIFY2(parsedVertex.ok(), qPrintable(parsedVertex.error));
    const QString vertexText = Cql2::toText(parsedVertex.expression);
    QVERIFY2(vertexText.contains(u"(1 1, 2 1, 2.888888888088889e+18 2, 1 1)"_s), qPrintable(vertexText));
    QCOMPARE(Cql2::parseText(vertexText).expression, parsedVertex.expression);
}

// numberMatched 2.2e127 was converted to a 64-bit integer: undefined behaviour (UBSan). A count
// that does not fit is no count; the rest of this page is broken JSON, which the parser reports.
void TestFuzzRegressions::hugeNumberMatchedIsNoCount()
{
    const ItemPage page = ItemParser().parsePage(input(u"fuzz_itemparser"_s, u"huge-number-matched.json"_s));
    QVERIFY(!page.numberMatched.has_value());
    QVERIFY(!page.ok());
    QVERIFY(page.items.empty());
}

// An asset's file:size of 3.1e20 was converted to a 64-bit integer: undefined behaviour (UBSan,
// fuzz_itemparser). A size that does not fit is no size; the rest of the page is broken JSON.
void TestFuzzRegressions::hugeFileSizeIsNoSize()
{
    const QByteArray bytes = input(u"fuzz_itemparser"_s, u"huge-file-size.json"_s);
    QVERIFY(bytes.contains("\"file:size\": 312000820230723101516_"));
    const ItemPage page = ItemParser().parsePage(bytes);
    QVERIFY(!page.ok());
    QVERIFY(page.items.empty());
}

// md5 (code 0xd5, minimally d5 01) written as d5 81 00: the same code in three bytes. Written by
// hand from the multiformats varint spec ("integers are minimally encoded"); the old parser took it,
// and the fuzz target's round trip (toHex gives back the input) failed on it. Now it is refused.
void TestFuzzRegressions::multihashNonMinimalVarint()
{
    const QByteArray text = input(u"fuzz_multihash"_s, u"non-minimal-code.hex"_s);
    QVERIFY(text.startsWith("d58100"));
    QString error;
    QVERIFY(!Multihash::fromHex(text, &error));
    QVERIFY2(error.contains(u"minimally encoded"_s), qPrintable(error));
    // The minimal form of the same checksum is read, and written back as it came.
    const QByteArray minimal = "d501" + text.mid(6);
    const std::optional<Multihash> parsed = Multihash::fromHex(minimal, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->algorithm(), Multihash::Algorithm::Md5);
    QCOMPARE(parsed->toHex(), minimal);
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
