// The Tasks dock's models: data only, checked by QAbstractItemModelTester; times in local time
// with the offset shown.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include "ui/tasks/capturesmodel.h"
#include "ui/tasks/tasksmodel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

SatellogicTask task(qint64 id, const QString &name, const QString &status)
{
    SatellogicTask t;
    t.id = id;
    t.name = name;
    t.project = u"Harbours"_s;
    t.product = 169;
    t.status = status;
    t.start = QDateTime(QDate(2024, 12, 6), QTime(0, 0), QTimeZone(3 * 3600));
    t.end = QDateTime(QDate(2024, 12, 16), QTime(0, 0), QTimeZone(3 * 3600));
    t.created = QDateTime(QDate(2024, 12, 1), QTime(9, 30), QTimeZone::utc());
    return t;
}

SatellogicCapture capture(const QString &id, const QString &status)
{
    SatellogicCapture c;
    c.id = id;
    c.satellite = u"newsat15"_s;
    c.status = status;
    c.start = QDateTime(QDate(2024, 12, 7), QTime(8, 12, 21), QTimeZone::utc());
    return c;
}

} // namespace

class TestTasksModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Local time is UTC+03:00 all year ("Etc/GMT-3" is POSIX's inverted sign).
        qputenv("TZ", "Etc/GMT-3");
    }

    void tasksUnderTheTester()
    {
        TasksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(TasksModel::ColumnCount));
        model.setTasks({ task(23272, u"Port weekly"_s, u"received"_s), task(23273, u"Fields"_s, u"in_progress"_s) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, TasksModel::Id).data().toString(), u"23272"_s);
        QCOMPARE(model.index(0, TasksModel::Id).data(TasksModel::TaskIdRole).toLongLong(), 23272);
        QCOMPARE(model.index(0, TasksModel::Id).data(TasksModel::SortRole).toLongLong(), 23272);
        QCOMPARE(model.index(1, TasksModel::Name).data().toString(), u"Fields"_s);
        QCOMPARE(model.index(1, TasksModel::Project).data().toString(), u"Harbours"_s);
        QCOMPARE(model.index(1, TasksModel::Product).data().toString(), u"169"_s);
        QCOMPARE(model.index(1, TasksModel::Status).data().toString(), u"In progress"_s);
        QCOMPARE(model.index(1, TasksModel::Status).data(TasksModel::StatusRole).toString(), u"in_progress"_s);
        QCOMPARE(
            model.index(0, TasksModel::Window).data().toString(), u"2024-12-06 00:00 – 2024-12-16 00:00 UTC+03:00"_s);
        QCOMPARE(model.index(0, TasksModel::Created).data().toString(), u"2024-12-01 12:30 UTC+03:00"_s);
        QCOMPARE(model.index(0, TasksModel::Window).data(TasksModel::SortRole).toDateTime(),
            QDateTime(QDate(2024, 12, 5), QTime(21, 0), QTimeZone::utc()));
        QCOMPARE(model.headerData(TasksModel::Window, Qt::Horizontal).toString(), u"Window (local time)"_s);
        QCOMPARE(model.rowOf(23273), 1);
        QCOMPARE(model.rowOf(1), -1);

        // A refresh of the same tasks updates them in place: no reset, the selection stays.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setTasks({ task(23272, u"Port weekly"_s, u"completed"_s), task(23273, u"Fields"_s, u"in_progress"_s) });
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, TasksModel::Status).data().toString(), u"Completed"_s);
        // Other tasks replace the list.
        model.setTasks({ task(23274, u"New"_s, u"bogus_state"_s) });
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, TasksModel::Status).data().toString(), u"bogus_state"_s);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void windowAcrossOffsets()
    {
        const QDateTime start(QDate(2025, 3, 1), QTime(0, 0), QTimeZone::utc());
        QCOMPARE(TasksModel::formatWindow(start, start.addDays(2)), u"2025-03-01 03:00 – 2025-03-03 03:00 UTC+03:00"_s);
        QCOMPARE(TasksModel::formatTime({}), QString());
    }

    void capturesUnderTheTester()
    {
        CapturesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCaptures(23272, { capture(u"a1"_s, u"published"_s), capture(u"b2"_s, u"planned"_s) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.taskId(), 23272);
        QCOMPARE(model.publishedCount(), 1);
        QCOMPARE(model.index(0, CapturesModel::Id).data().toString(), u"a1"_s);
        QCOMPARE(model.index(0, CapturesModel::Start).data().toString(), u"2024-12-07 11:12 UTC+03:00"_s);
        QCOMPARE(model.index(0, CapturesModel::Satellite).data().toString(), u"newsat15"_s);
        QCOMPARE(model.index(0, CapturesModel::Status).data().toString(), u"Published"_s);
        QCOMPARE(model.index(1, CapturesModel::Status).data().toString(), u"Planned"_s);
        QVERIFY(model.index(0, 0).data(CapturesModel::PublishedRole).toBool());
        QVERIFY(!model.index(1, 0).data(CapturesModel::PublishedRole).toBool());
        QCOMPARE(model.index(1, 0).data(CapturesModel::CaptureIdRole).toString(), u"b2"_s);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setCaptures(23272, { capture(u"a1"_s, u"published"_s), capture(u"b2"_s, u"published"_s) });
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.publishedCount(), 2);
        model.setCaptures(23273, { capture(u"a1"_s, u"published"_s), capture(u"b2"_s, u"published"_s) });
        QCOMPARE(reset.count(), 1); // another task's captures
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestTasksModel)
#include "tst_tasksmodel.moc"
