// Multihash: parsing of STAC file:checksum values and the streaming hasher, against known vectors.
#include <QTemporaryDir>
#include <QTest>

#include "src/download/multihash.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestMultihash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownVectors_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("sha1") << int(Multihash::Algorithm::Sha1) << QByteArray("1114")
                              << QByteArray("a9993e364706816aba3e25717850c26c9cd0d89d");
        QTest::newRow("sha2-256") << int(Multihash::Algorithm::Sha2_256) << QByteArray("1220")
                                  << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("sha2-512") << int(Multihash::Algorithm::Sha2_512) << QByteArray("1340")
                                  << QByteArray("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                                "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
        // md5 is 0xd5: two varint bytes.
        QTest::newRow("md5") << int(Multihash::Algorithm::Md5) << QByteArray("d50110")
                             << QByteArray("900150983cd24fb0d6963f7d28e17f72");
        QTest::newRow("blake2b-512") << int(Multihash::Algorithm::Blake2b_512) << QByteArray("c0e40240")
                                     << QByteArray("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                                                   "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    }

    void knownVectors()
    {
        QFETCH(int, algorithm);
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, digest);
        const auto alg = Multihash::Algorithm(algorithm);

        Multihash::Hasher hasher(alg);
        QVERIFY(hasher.isValid());
        hasher.addData("a");
        hasher.addData("bc"); // streaming: pieces give the same digest as the whole
        QCOMPARE(hasher.result().toHex(), digest);
        QCOMPARE(hasher.bytesHashed(), 3);

        const auto parsed = Multihash::fromHex(QByteArray(prefix + digest));
        QVERIFY(parsed);
        QCOMPARE(parsed->algorithm(), alg);
        QCOMPARE(parsed->digest().toHex(), digest);
        QVERIFY(parsed->matches(hasher.result()));
        QCOMPARE(parsed->toHex(), QByteArray(prefix + digest));

        // Upper case hex is the same checksum.
        const auto upper = Multihash::fromHex((prefix + digest).toUpper());
        QVERIFY(upper);
        QCOMPARE(upper->digest(), parsed->digest());
    }

    void resultKeepsRunning()
    {
        Multihash::Hasher hasher(Multihash::Algorithm::Sha2_256);
        QCOMPARE(
            hasher.result().toHex(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        hasher.addData("ab");
        (void)hasher.result();
        hasher.addData("c");
        QCOMPARE(
            hasher.result().toHex(), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        hasher.reset();
        QCOMPARE(hasher.bytesHashed(), 0);
        QCOMPARE(
            hasher.result().toHex(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

        Multihash::Hasher moved = std::move(hasher);
        moved.addData("abc");
        QCOMPARE(
            moved.result().toHex(), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void hashFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"f.bin"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray data(3 * 1024 * 1024 + 17, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i) {
            data[i] = char(i * 31 % 251);
        }
        file.write(data);
        file.close();

        Multihash::Hasher whole(Multihash::Algorithm::Sha2_256);
        QVERIFY(whole.addFile(path));
        Multihash::Hasher reference(Multihash::Algorithm::Sha2_256);
        reference.addData(data);
        QCOMPARE(whole.result(), reference.result());

        // A prefix, then the rest from memory, as a resumed download does.
        Multihash::Hasher prefix(Multihash::Algorithm::Sha2_256);
        QVERIFY(prefix.addFile(path, 1000000));
        prefix.addData(QByteArrayView(data).sliced(1000000));
        QCOMPARE(prefix.result(), reference.result());

        Multihash::Hasher tooLong(Multihash::Algorithm::Sha2_256);
        QString error;
        QVERIFY(!tooLong.addFile(path, data.size() + 1, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!tooLong.addFile(dir.filePath(u"missing"_s), -1, &error));
    }

    void badStrings_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("odd digits") << QByteArray("1220b");
        QTest::newRow("not hex") << QByteArray("1220zz");
        QTest::newRow("unknown code") << QByteArray("99020000"); // 0x99 then length 2
        QTest::newRow("short digest") << QByteArray("1220ba7816bf");
        QTest::newRow("long digest") << QByteArray(
            "1220ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad00");
        QTest::newRow("length disagrees") << QByteArray("1210ba7816bf8f01cfea414140de5dae");
        QTest::newRow("truncated varint") << QByteArray("d5");
        QTest::newRow("only a code") << QByteArray("12");
        QTest::newRow("blake3 unsupported")
            << QByteArray("1e20ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    void badStrings()
    {
        QFETCH(QByteArray, text);
        QString error;
        QVERIFY(!Multihash::fromHex(text, &error));
        QVERIFY(!error.isEmpty());
    }

    // The multiformats unsigned varint (github.com/multiformats/unsigned-varint): 7 bits a byte,
    // least significant first, the high bit set on every byte but the last; at most 9 bytes; and
    // "integers are minimally encoded". The bytes are written by hand from those rules.
    void varints_data()
    {
        const QByteArray sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        const QByteArray md5 = "900150983cd24fb0d6963f7d28e17f72";
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("digest");
        // 0xd5 = 0b1'1010101: low 7 bits 0x55 with the high bit set (0xd5), then 0x01.
        QTest::newRow("two-byte code, minimal") << QByteArray("d50110" + md5) << true << md5;
        // 0xb240 = 0b10'1100100'1000000: 0xc0, 0xe4, 0x02.
        QTest::newRow("three-byte code, minimal")
            << QByteArray("c0e40240" + sha256 + sha256) << true << QByteArray(sha256 + sha256);
        // 0x12 padded with an empty continuation byte: 0x92 0x00.
        QTest::newRow("code 0x12 in two bytes") << QByteArray("920020" + sha256) << false << QByteArray();
        // 0x12 in three bytes: 0x92 0x80 0x00.
        QTest::newRow("code 0x12 in three bytes") << QByteArray("92800020" + sha256) << false << QByteArray();
        // 0xd5 in three bytes: 0xd5 0x81 0x00.
        QTest::newRow("code 0xd5 in three bytes") << QByteArray("d5810010" + md5) << false << QByteArray();
        // The length 32 (0x20) in two bytes: 0xa0 0x00.
        QTest::newRow("length 32 in two bytes") << QByteArray("12a000" + sha256) << false << QByteArray();
        // Zero written in two bytes is not zero's encoding (0x00) either.
        QTest::newRow("zero in two bytes") << QByteArray("800020" + sha256) << false << QByteArray();
        // Ten bytes (continuation bits on the first nine): past the 9-byte maximum.
        QTest::newRow("ten-byte code") << QByteArray("92808080808080808000"
                                                     "20"
            + sha256) << false << QByteArray();
    }

    void varints()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(QByteArray, digest);
        QString error;
        const std::optional<Multihash> parsed = Multihash::fromHex(text, &error);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QCOMPARE(parsed->digest(), QByteArray::fromHex(digest));
            QCOMPARE(parsed->toHex(), text);
        } else {
            QVERIFY(!error.isEmpty());
        }
    }

    // A non-minimal varint gets its own message, not "unsupported algorithm" or a length mismatch.
    void nonMinimalVarintIsNamed()
    {
        QString error;
        QVERIFY(!Multihash::fromHex("920020ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", &error));
        QVERIFY2(error.contains(u"minimally encoded"_s), qPrintable(error));
        QVERIFY(!Multihash::fromHex("12a000ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", &error));
        QVERIFY2(error.contains(u"minimally encoded"_s), qPrintable(error));
    }

    void names()
    {
        QCOMPARE(Multihash::name(Multihash::Algorithm::Sha2_256), u"sha2-256"_s);
        QCOMPARE(Multihash::code(Multihash::Algorithm::Md5), 0xd5u);
        QCOMPARE(Multihash::digestSize(Multihash::Algorithm::Sha2_512), 64);
    }
};

QTEST_GUILESS_MAIN(TestMultihash)
#include "tst_multihash.moc"
