#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

#include "src/stac/datetime.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// Reference instants from QDateTime, an independent implementation.
qint64 utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

constexpr qint64 kDay = 86400000;

} // namespace

class TestDateTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseInvalid_data();
    void parseInvalid();
    void format_data();
    void format();
    void formatMatchesQDateTime();
    void rangeParse_data();
    void rangeParse();
    void rangeErrors_data();
    void rangeErrors();
    void rangeContains();
    void rangeOverlaps();
    void rangeToString_data();
    void rangeToString();
};

void TestDateTime::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("UTC") << u"2023-06-12T10:30:00Z"_s << utc(2023, 6, 12, 10, 30);
    QTest::newRow("lower-case t and z") << u"2023-06-12t10:30:00z"_s << utc(2023, 6, 12, 10, 30);
    QTest::newRow("space separator") << u"2023-06-12 10:30:00Z"_s << utc(2023, 6, 12, 10, 30);
    QTest::newRow("one fractional digit") << u"2023-06-12T10:30:00.5Z"_s << utc(2023, 6, 12, 10, 30, 0, 500);
    QTest::newRow("milliseconds") << u"2023-06-12T10:17:56.894Z"_s << utc(2023, 6, 12, 10, 17, 56, 894);
    QTest::newRow("microseconds truncate") << u"2023-08-03T22:14:27.611409Z"_s << utc(2023, 8, 3, 22, 14, 27, 611);
    QTest::newRow("nanoseconds truncate") << u"2023-06-12T10:30:00.999999999Z"_s << utc(2023, 6, 12, 10, 30, 0, 999);
    QTest::newRow("zero offset") << u"2023-04-05T10:44:33.211604+00:00"_s << utc(2023, 4, 5, 10, 44, 33, 211);
    QTest::newRow("positive offset") << u"2023-06-12T12:30:00+02:00"_s << utc(2023, 6, 12, 10, 30);
    QTest::newRow("negative half-hour offset") << u"2023-06-12T05:00:00-05:30"_s << utc(2023, 6, 12, 10, 30);
    QTest::newRow("offset moves the day back") << u"2023-06-12T00:15:00+01:00"_s << utc(2023, 6, 11, 23, 15);
    QTest::newRow("offset moves the year on") << u"2023-12-31T20:00:00-05:00"_s << utc(2024, 1, 1, 1, 0);
    QTest::newRow("leap day 2024") << u"2024-02-29T00:00:00Z"_s << utc(2024, 2, 29);
    QTest::newRow("leap day 2000") << u"2000-02-29T12:00:00Z"_s << utc(2000, 2, 29, 12);
    QTest::newRow("epoch") << u"1970-01-01T00:00:00Z"_s << qint64(0);
    QTest::newRow("before the epoch") << u"1969-12-31T23:59:59.999Z"_s << qint64(-1);
    QTest::newRow("1900") << u"1900-03-01T00:00:00Z"_s << utc(1900, 3, 1);
    QTest::newRow("leap second") << u"2016-12-31T23:59:60Z"_s << utc(2017, 1, 1);
    QTest::newRow("far future") << u"9999-12-31T23:59:59Z"_s << utc(9999, 12, 31, 23, 59, 59);
}

void TestDateTime::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);

    QCOMPARE(Rfc3339::parse(QStringView(text)), std::optional<qint64>(expected));
    const QByteArray utf8 = text.toUtf8();
    QCOMPARE(Rfc3339::parse(std::string_view(utf8.constData(), size_t(utf8.size()))), std::optional<qint64>(expected));
}

void TestDateTime::parseInvalid_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("date only") << u"2023-06-12"_s;
    QTest::newRow("no zone") << u"2023-06-12T10:30:00"_s;
    QTest::newRow("no seconds") << u"2023-06-12T10:30Z"_s;
    QTest::newRow("empty fraction") << u"2023-06-12T10:30:00.Z"_s;
    QTest::newRow("offset without colon") << u"2023-06-12T10:30:00+0200"_s;
    QTest::newRow("offset without minutes") << u"2023-06-12T10:30:00+02"_s;
    QTest::newRow("trailing text") << u"2023-06-12T10:30:00Zjunk"_s;
    QTest::newRow("leading space") << u" 2023-06-12T10:30:00Z"_s;
    QTest::newRow("two-digit year") << u"23-06-12T10:30:00Z"_s;
    QTest::newRow("slashes") << u"2023/06/12T10:30:00Z"_s;
    QTest::newRow("bad separator") << u"2023-06-12X10:30:00Z"_s;
    QTest::newRow("29 February 2023") << u"2023-02-29T00:00:00Z"_s;
    QTest::newRow("29 February 1900") << u"1900-02-29T00:00:00Z"_s;
    QTest::newRow("30 February 2024") << u"2024-02-30T00:00:00Z"_s;
    QTest::newRow("31 April") << u"2023-04-31T00:00:00Z"_s;
    QTest::newRow("month 13") << u"2023-13-01T00:00:00Z"_s;
    QTest::newRow("month 0") << u"2023-00-10T00:00:00Z"_s;
    QTest::newRow("day 0") << u"2023-06-00T00:00:00Z"_s;
    QTest::newRow("hour 24") << u"2023-06-12T24:00:00Z"_s;
    QTest::newRow("minute 60") << u"2023-06-12T10:60:00Z"_s;
    QTest::newRow("second 61") << u"2023-06-12T10:30:61Z"_s;
    QTest::newRow("letters") << u"yesterday"_s;
    QTest::newRow("full-width digits") << u"２０２３-06-12T10:30:00Z"_s;
}

void TestDateTime::parseInvalid()
{
    QFETCH(QString, text);
    QVERIFY(!Rfc3339::parse(QStringView(text)).has_value());
    const QByteArray utf8 = text.toUtf8();
    QVERIFY(!Rfc3339::parse(std::string_view(utf8.constData(), size_t(utf8.size()))).has_value());
}

void TestDateTime::format_data()
{
    QTest::addColumn<qint64>("msecs");
    QTest::addColumn<QString>("expected");

    QTest::newRow("epoch") << qint64(0) << u"1970-01-01T00:00:00Z"_s;
    QTest::newRow("one ms before the epoch") << qint64(-1) << u"1969-12-31T23:59:59.999Z"_s;
    QTest::newRow("whole second") << utc(2023, 6, 12, 10, 30) << u"2023-06-12T10:30:00Z"_s;
    QTest::newRow("5 ms") << utc(2023, 6, 12, 10, 30, 0, 5) << u"2023-06-12T10:30:00.005Z"_s;
    QTest::newRow("leap day") << utc(2024, 2, 29, 23, 59, 59, 500) << u"2024-02-29T23:59:59.500Z"_s;
    QTest::newRow("end of a century") << utc(1999, 12, 31, 23, 59, 59) << u"1999-12-31T23:59:59Z"_s;
    QTest::newRow("year 99, padded") << utc(99, 1, 1) << u"0099-01-01T00:00:00Z"_s;
}

void TestDateTime::format()
{
    QFETCH(qint64, msecs);
    QFETCH(QString, expected);
    QCOMPARE(Rfc3339::format(msecs), expected);
    QCOMPARE(Rfc3339::parse(QStringView(expected)), std::optional<qint64>(msecs));
}

void TestDateTime::formatMatchesQDateTime()
{
    QRandomGenerator rng(20230612);
    const qint64 from = utc(1900, 1, 1);
    const qint64 to = utc(2100, 12, 31);
    for (int i = 0; i < 2000; ++i) {
        qint64 msecs = from + qint64(rng.bounded(double(to - from)));
        if (i % 3 == 0) {
            msecs -= msecs % 1000; // whole seconds take the short form
        }
        const QString ours = Rfc3339::format(msecs);
        QString reference = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
        if (msecs % 1000 == 0) {
            reference.replace(u".000Z"_s, u"Z"_s);
        }
        QCOMPARE(ours, reference);
        QCOMPARE(Rfc3339::parse(QStringView(ours)), std::optional<qint64>(msecs));
    }
}

void TestDateTime::rangeParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("hasStart");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<bool>("hasEnd");
    QTest::addColumn<qint64>("end");

    const qint64 june1 = utc(2023, 6, 1);
    const qint64 june30 = utc(2023, 6, 30);
    QTest::newRow("instant") << u"2023-06-01T10:00:00Z"_s << true << utc(2023, 6, 1, 10) << true << utc(2023, 6, 1, 10);
    QTest::newRow("date widens to the day") << u"2023-06-01"_s << true << june1 << true << june1 + kDay - 1;
    QTest::newRow("leap day widens") << u"2024-02-29"_s << true << utc(2024, 2, 29) << true << utc(2024, 3, 1) - 1;
    QTest::newRow("date interval") << u"2023-06-01/2023-06-30"_s << true << june1 << true << june30 + kDay - 1;
    QTest::newRow("same day twice") << u"2023-06-01/2023-06-01"_s << true << june1 << true << june1 + kDay - 1;
    QTest::newRow("instant interval") << u"2023-06-01T10:00:00Z/2023-06-02T10:00:00.250Z"_s << true
                                      << utc(2023, 6, 1, 10) << true << utc(2023, 6, 2, 10, 0, 0, 250);
    QTest::newRow("open start ..") << u"../2023-06-30T00:00:00Z"_s << false << qint64(0) << true << june30;
    QTest::newRow("open end ..") << u"2023-06-01T00:00:00Z/.."_s << true << june1 << false << qint64(0);
    QTest::newRow("open start, empty") << u"/2023-06-30"_s << false << qint64(0) << true << june30 + kDay - 1;
    QTest::newRow("open end, empty") << u"2023-06-01T00:00:00Z/"_s << true << june1 << false << qint64(0);
    QTest::newRow("spaces") << u"  2023-06-01T00:00:00Z / ..  "_s << true << june1 << false << qint64(0);
    QTest::newRow("offset") << u"2023-06-01T00:00:00+02:00/.."_s << true << utc(2023, 5, 31, 22) << false << qint64(0);
    QTest::newRow("mixed date and instant")
        << u"2023-06-01/2023-06-01T12:00:00Z"_s << true << june1 << true << utc(2023, 6, 1, 12);
}

void TestDateTime::rangeParse()
{
    QFETCH(QString, text);
    QFETCH(bool, hasStart);
    QFETCH(qint64, start);
    QFETCH(bool, hasEnd);
    QFETCH(qint64, end);

    QString error;
    const std::optional<DateRange> range = DateRange::parse(text, &error);
    QVERIFY2(range, qPrintable(error));
    QCOMPARE(range->start.has_value(), hasStart);
    QCOMPARE(range->end.has_value(), hasEnd);
    if (hasStart) {
        QCOMPARE(*range->start, start);
    }
    if (hasEnd) {
        QCOMPARE(*range->end, end);
    }
    QVERIFY(!range->isOpen());
    // What toString() writes reads back as the same range.
    QCOMPARE(DateRange::parse(range->toString()), range);
}

void TestDateTime::rangeErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QString() << u"\"\" is not a datetime or an interval a/b"_s;
    QTest::newRow("blank") << u"   "_s << u"\"   \" is not a datetime or an interval a/b"_s;
    QTest::newRow("three parts") << u"2023-01-01/2023-02-01/2023-03-01"_s
                                 << u"\"2023-01-01/2023-02-01/2023-03-01\" is not a datetime or an interval a/b"_s;
    QTest::newRow("single ..") << u".."_s << u"a single datetime cannot be open"_s;
    QTest::newRow("both open") << u"../.."_s << u"both ends of the interval are open"_s;
    QTest::newRow("only a slash") << u"/"_s << u"both ends of the interval are open"_s;
    QTest::newRow("reversed dates") << u"2023-06-30/2023-06-01"_s << u"the interval ends before it starts"_s;
    QTest::newRow("reversed instants") << u"2023-06-01T10:00:00Z/2023-06-01T09:59:59.999Z"_s
                                       << u"the interval ends before it starts"_s;
    QTest::newRow("word") << u"yesterday/.."_s
                          << u"\"yesterday\" is not an RFC 3339 datetime such as 2023-06-01T00:00:00Z"_s;
    QTest::newRow("invalid date") << u"2023-02-29"_s
                                  << u"\"2023-02-29\" is not an RFC 3339 datetime such as 2023-06-01T00:00:00Z"_s;
    QTest::newRow("no zone") << u"2023-06-01T10:00:00/.."_s
                             << u"\"2023-06-01T10:00:00\" is not an RFC 3339 datetime such as 2023-06-01T00:00:00Z"_s;
}

void TestDateTime::rangeErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!DateRange::parse(text, &actual).has_value());
    QCOMPARE(actual, error);
    QVERIFY(!DateRange::parse(text).has_value());
}

void TestDateTime::rangeContains()
{
    const DateRange june = DateRange::parse(u"2023-06-01/2023-06-30"_s).value();
    QVERIFY(june.contains(utc(2023, 6, 1)));
    QVERIFY(june.contains(utc(2023, 6, 30, 23, 59, 59, 999)));
    QVERIFY(!june.contains(utc(2023, 6, 1) - 1));
    QVERIFY(!june.contains(utc(2023, 7, 1)));

    const DateRange until = DateRange::parse(u"../2023-06-30T00:00:00Z"_s).value();
    QVERIFY(until.contains(utc(1900, 1, 1)));
    QVERIFY(until.contains(utc(2023, 6, 30)));
    QVERIFY(!until.contains(utc(2023, 6, 30) + 1));

    const DateRange open;
    QVERIFY(open.isOpen());
    QVERIFY(open.contains(0));
}

void TestDateTime::rangeOverlaps()
{
    const DateRange june = DateRange::parse(u"2023-06-01/2023-06-30"_s).value();
    const qint64 start = *june.start;
    const qint64 end = *june.end;
    QVERIFY(june.overlaps(start - kDay, start)); // touches the first instant
    QVERIFY(june.overlaps(end, end + kDay)); // touches the last instant
    QVERIFY(june.overlaps(start - kDay, end + kDay)); // covers it
    QVERIFY(june.overlaps(start + kDay, start + kDay)); // an instant inside
    QVERIFY(!june.overlaps(start - kDay, start - 1));
    QVERIFY(!june.overlaps(end + 1, end + kDay));

    const DateRange from = DateRange::parse(u"2023-06-01T00:00:00Z/.."_s).value();
    QVERIFY(from.overlaps(start, start));
    QVERIFY(from.overlaps(utc(3000, 1, 1), utc(3000, 1, 2)));
    QVERIFY(!from.overlaps(utc(2000, 1, 1), start - 1));
}

void TestDateTime::rangeToString_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("instant") << u"2023-06-01T10:00:00Z"_s << u"2023-06-01T10:00:00Z"_s;
    QTest::newRow("offset normalised to UTC") << u"2023-06-01T12:00:00+02:00"_s << u"2023-06-01T10:00:00Z"_s;
    QTest::newRow("widened date") << u"2023-06-01"_s << u"2023-06-01T00:00:00Z/2023-06-01T23:59:59.999Z"_s;
    QTest::newRow("open start") << u"/2023-06-30T00:00:00Z"_s << u"../2023-06-30T00:00:00Z"_s;
    QTest::newRow("open end") << u"2023-06-01T00:00:00Z/"_s << u"2023-06-01T00:00:00Z/.."_s;
}

void TestDateTime::rangeToString()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(DateRange::parse(text).value().toString(), expected);
}

QTEST_GUILESS_MAIN(TestDateTime)
#include "tst_datetime.moc"
