// PollSchedule: the interval by state and the backoff after failures, in written-out milliseconds
// for the default 30 s base.
#include <QTest>

#include "src/tasking/pollschedule.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow(QDate(2026, 5, 10), QTime(12, 0), Qt::UTC);

MonitoredRequest request(const QDateTime &lastChange)
{
    MonitoredRequest r;
    r.status = u"accepted"_s;
    r.submitted = kNow.addDays(-3);
    r.history = { { u"received"_s, kNow.addDays(-3), {} }, { u"accepted"_s, lastChange, {} } };
    return r;
}

} // namespace

class TestPollSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void intervals()
    {
        const PollSchedule s; // base 30 s
        MonitoredRequest r = request(kNow.addSecs(-60));
        QCOMPARE(s.intervalMs(r, false, kNow), qint64(30000)); // changed a minute ago
        r = request(kNow.addSecs(-299));
        QCOMPARE(s.intervalMs(r, false, kNow), qint64(30000));
        r = request(kNow.addSecs(-301));
        QCOMPARE(s.intervalMs(r, false, kNow), qint64(300000)); // idle: 5 min
        QCOMPARE(s.intervalMs(r, true, kNow), qint64(30000)); // a change is due soon

        r = request(kNow.addDays(-1));
        r.windowStart = kNow.addSecs(-3600);
        r.windowEnd = kNow.addSecs(3600);
        QCOMPARE(s.intervalMs(r, false, kNow), qint64(120000)); // window open: 2 min
        r.windowEnd = QDateTime(); // a repeat request until canceled
        QCOMPARE(s.intervalMs(r, false, kNow), qint64(120000));
        r.windowStart = kNow.addDays(-8);
        r.windowEnd = kNow.addDays(-1);
        QCOMPARE(s.intervalMs(r, false, kNow), qint64(300000)); // closed
        r.windowStart = kNow.addSecs(3600);
        r.windowEnd = kNow.addDays(7);
        QCOMPARE(s.intervalMs(r, false, kNow), qint64(300000)); // opens within a day
        r.windowStart = kNow.addDays(3);
        QCOMPARE(s.intervalMs(r, false, kNow), qint64(1800000)); // far ahead: 30 min

        r.needsAction = true; // waits for the user's approval
        QCOMPARE(s.intervalMs(r, false, kNow), qint64(600000));
        QCOMPARE(s.intervalMs(request(kNow.addSecs(-10)), false, kNow), qint64(30000));

        MonitoredRequest fresh; // no history: counted from the submission
        fresh.submitted = kNow.addSecs(-20);
        QCOMPARE(s.intervalMs(fresh, false, kNow), qint64(30000));

        PollSchedule fast;
        fast.baseMs = 50;
        QCOMPARE(fast.intervalMs(request(kNow.addSecs(-1)), false, kNow), qint64(500)); // 1 s ago is 20 intervals: idle
    }

    void backoff()
    {
        const PollSchedule s; // base 30 s, at most 30 min
        QCOMPARE(s.backoffMs(1), qint64(30000));
        QCOMPARE(s.backoffMs(2), qint64(60000));
        QCOMPARE(s.backoffMs(3), qint64(120000));
        QCOMPARE(s.backoffMs(6), qint64(960000));
        QCOMPARE(s.backoffMs(7), qint64(1800000));
        QCOMPARE(s.backoffMs(40), qint64(1800000));
        QCOMPARE(s.backoffMs(1, 120000), qint64(120000)); // Retry-After: 120
        QCOMPARE(s.backoffMs(3, 1000), qint64(120000)); // a shorter Retry-After does not shorten the backoff
        QCOMPARE(s.backoffMs(1, 7200000), qint64(7200000)); // longer than the cap: honoured
        QCOMPARE(s.backoffMs(1, 30LL * 86400 * 1000), qint64(86400000)); // but not beyond a day
    }
};

QTEST_GUILESS_MAIN(TestPollSchedule)
#include "tst_pollschedule.moc"
