// The Monitor dock, part 1: the fixture, the models' texts and roles, the filters, the rows after
// a restart, the screenshot.
#include "tests/ui/tst_monitorpanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>

#include "src/download/downloadmanager.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "src/tasking/requestmonitor.h"
#include "tests/support/capellaemulator.h"
#include "tests/support/satellogicemulator.h"
#include "ui/monitor/monitorfiltermodel.h"
#include "ui/monitor/monitorhistorymodel.h"
#include "ui/monitor/monitormodel.h"
#include "ui/monitor/monitornotifier.h"
#include "ui/monitor/monitorpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 15000;

QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toUTC();
}

// A request as the monitor would have it, with times written out in UTC.
MonitoredRequest seeded(const QString &accountId, MonitoredKind kind, const QString &id, const QString &name,
    const QString &status, bool isFinal, bool needsAction = false, const QString &cost = {})
{
    MonitoredRequest r;
    r.accountId = accountId;
    r.kind = kind;
    r.remoteId = id;
    r.name = name;
    r.status = status;
    r.isFinal = isFinal;
    r.needsAction = needsAction;
    r.cost = cost;
    if (kind != MonitoredKind::CapellaOrder) {
        r.windowStart = utc(u"2025-06-10T22:00:00Z"_s);
    }
    r.windowEnd = utc(u"2025-06-17T22:00:00Z"_s);
    r.submitted = utc(u"2025-06-09T08:30:00Z"_s);
    return r;
}

QStringList shownNames(MonitorPanel *panel)
{
    QStringList names;
    const QAbstractItemModel *proxy = panel->filterModel();
    for (int row = 0; row < proxy->rowCount(); ++row) {
        names.append(proxy->index(row, MonitorModel::Name).data().toString());
    }
    names.sort();
    return names;
}

QStringList historyStatuses(const MonitorHistoryModel *history)
{
    QStringList out;
    for (int row = 0; row < history->rowCount(); ++row) {
        out.append(history->index(row, 0).data(MonitorHistoryModel::StatusRole).toString());
    }
    return out;
}

} // namespace

void TestMonitorPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Times carry their offset; show one that is not UTC (June: UTC+02:00).
    qputenv("TZ", "Europe/Madrid");
}

void TestMonitorPanel::init()
{
    m_h = std::make_unique<MonitorHarness>();
    QVERIFY(m_h->isReady());
}

void TestMonitorPanel::cleanup()
{
    m_h.reset();
}

void TestMonitorPanel::modelTextsAndRoles()
{
    RequestMonitor monitor(nullptr, {}); // not started: nothing is asked
    MonitorModel model(&monitor, [](const QString &id) { return id == u"acc-s"_s ? u"Satellogic prod"_s : QString(); });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    const MonitorKey task = monitor.track(
        seeded(u"acc-s"_s, MonitoredKind::SatellogicTask, u"23272"_s, u"Rotterdam"_s, u"in_progress"_s, false));
    MonitoredRequest review = seeded(u"acc-c"_s, MonitoredKind::CapellaTasking, u"tr-1"_s, u"Port of Valencia"_s,
        u"review"_s, false, true, u"$3,000.00"_s);
    review.raw = { { u"geometry"_s, QJsonObject { { u"type"_s, u"Point"_s } } } };
    const MonitorKey tasking = monitor.track(review);
    monitor.track(seeded(u"acc-c"_s, MonitoredKind::CapellaRepeat, u"rr-1"_s, u"Etna weekly"_s, u"active"_s, false,
        false, u"$2,500.00"_s));
    const MonitorKey order = monitor.track(
        seeded(u"acc-c"_s, MonitoredKind::CapellaOrder, u"or-1"_s, u"Order of 2 products"_s, u"completed"_s, true));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(inserted.count(), 4); // appended one by one, never a reset
    QCOMPARE(reset.count(), 0);

    const auto cell = [&model](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(0, MonitorModel::Provider), u"Satellogic"_s);
    QCOMPARE(cell(0, MonitorModel::Kind), u"Task"_s);
    QCOMPARE(cell(0, MonitorModel::Name), u"Rotterdam"_s);
    QCOMPARE(cell(0, MonitorModel::Status), u"In progress"_s);
    QCOMPARE(cell(0, MonitorModel::Window), u"2025-06-11 00:00 – 2025-06-18 00:00 UTC+02:00"_s);
    QCOMPARE(cell(0, MonitorModel::Submitted), u"2025-06-09 10:30 UTC+02:00"_s);
    QCOMPARE(cell(0, MonitorModel::Cost), u"contract"_s);
    QCOMPARE(cell(0, MonitorModel::Account), u"Satellogic prod"_s);
    QCOMPARE(cell(1, MonitorModel::Provider), u"Capella"_s);
    QCOMPARE(cell(1, MonitorModel::Kind), u"Tasking request"_s);
    QCOMPARE(cell(1, MonitorModel::Status), u"In review"_s);
    QCOMPARE(cell(1, MonitorModel::Cost), u"$3,000.00"_s);
    QCOMPARE(cell(1, MonitorModel::Account), u"acc-c"_s); // no name: the id
    QCOMPARE(cell(2, MonitorModel::Kind), u"Repeat request"_s);
    QCOMPARE(cell(2, MonitorModel::Cost), u"$2,500.00 per image"_s);
    QCOMPARE(cell(3, MonitorModel::Kind), u"Order"_s);
    QCOMPARE(cell(3, MonitorModel::Status), u"Ready to download"_s);
    QCOMPARE(cell(3, MonitorModel::Window), u"downloadable until 2025-06-18 00:00 UTC+02:00"_s);
    QCOMPARE(cell(3, MonitorModel::NextPoll), u"—"_s);

    // Roles: the key, the provider's words, typed sort values.
    QCOMPARE(model.index(1, MonitorModel::Name).data(MonitorModel::KeyRole).value<MonitorKey>(), tasking);
    QCOMPARE(model.index(1, 0).data(MonitorModel::AccountIdRole).toString(), u"acc-c"_s);
    QCOMPARE(model.index(1, 0).data(MonitorModel::KindKeyRole).toString(), u"capella-tasking"_s);
    QCOMPARE(model.index(1, 0).data(MonitorModel::RemoteIdRole).toString(), u"tr-1"_s);
    QCOMPARE(model.index(1, 0).data(MonitorModel::ProviderRole).toString(), u"capella"_s);
    QCOMPARE(model.index(1, 0).data(MonitorModel::StatusRole).toString(), u"review"_s);
    QVERIFY(model.index(1, 0).data(MonitorModel::NeedsActionRole).toBool());
    QVERIFY(!model.index(1, 0).data(MonitorModel::IsFinalRole).toBool());
    QVERIFY(model.index(3, 0).data(MonitorModel::IsFinalRole).toBool());
    QCOMPARE(model.index(1, 0).data(MonitorModel::StatusCategoryRole).value<MonitorModel::StatusCategory>(),
        MonitorModel::StatusCategory::NeedsAction);
    QCOMPARE(model.index(3, 0).data(MonitorModel::StatusCategoryRole).value<MonitorModel::StatusCategory>(),
        MonitorModel::StatusCategory::Completed);
    QCOMPARE(model.index(0, 0).data(MonitorModel::StatusCategoryRole).value<MonitorModel::StatusCategory>(),
        MonitorModel::StatusCategory::OnItsWay);
    const QVariant submitted = model.index(0, MonitorModel::Submitted).data(MonitorModel::SortRole);
    QCOMPARE(submitted.typeId(), QMetaType::QDateTime);
    QCOMPARE(submitted.toDateTime(), utc(u"2025-06-09T08:30:00Z"_s));
    QCOMPARE(model.index(0, MonitorModel::Window).data(MonitorModel::SortRole).typeId(), QMetaType::QDateTime);
    QCOMPARE(model.index(3, MonitorModel::Window).data(MonitorModel::SortRole).toDateTime(),
        utc(u"2025-06-17T22:00:00Z"_s)); // an order sorts by its expiry
    QCOMPARE(model.index(1, MonitorModel::Cost).data(MonitorModel::SortRole).toDouble(), 3000.0);
    QCOMPARE(model.index(0, MonitorModel::Cost).data(MonitorModel::SortRole).toDouble(), -1.0);

    // A change updates its row in place.
    review.status = u"submitted"_s;
    review.needsAction = false;
    changed.clear();
    monitor.track(review);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 1);
    QCOMPARE(cell(1, MonitorModel::Status), u"Submitted"_s);
    QCOMPARE(model.index(1, 0).data(MonitorModel::StatusCategoryRole).value<MonitorModel::StatusCategory>(),
        MonitorModel::StatusCategory::OnItsWay);

    // Offline: the next poll waits.
    monitor.setOnline(false);
    QCOMPARE(cell(0, MonitorModel::NextPoll), u"paused (offline)"_s);
    QCOMPARE(cell(3, MonitorModel::NextPoll), u"—"_s);
    monitor.setOnline(true);

    // A repeat request without an end: its count of collects, or until canceled.
    MonitoredRequest series
        = seeded(u"acc-c"_s, MonitoredKind::CapellaRepeat, u"rr-2"_s, u"Weekly"_s, u"accepted"_s, false);
    series.windowEnd = {};
    series.raw = { { u"properties"_s,
        QJsonObject { { u"repetitionProperties"_s, QJsonObject { { u"repetitionCount"_s, 5 } } } } } };
    QCOMPARE(MonitorModel::windowText(series), u"from 2025-06-11 00:00 UTC+02:00, 5 collects"_s);
    series.raw = {};
    QCOMPARE(MonitorModel::windowText(series), u"from 2025-06-11 00:00 UTC+02:00 until canceled"_s);

    QVERIFY(monitor.untrack(task));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(task), -1);
    QCOMPARE(model.rowOf(order), 2);
    QCOMPARE(reset.count(), 0);
}

void TestMonitorPanel::nextPollInWords()
{
    const QTimeZone madrid(QByteArrayLiteral("Europe/Madrid"));
    const QDateTime now(QDate(2025, 6, 12), QTime(13, 50), madrid);
    MonitoredRequest r;
    r.status = u"received"_s;
    r.nextPoll = now.addSecs(120).toUTC();
    QCOMPARE(MonitorModel::nextPollText(r, true, now), u"in 2 min"_s);
    r.nextPoll = now.addSecs(90);
    QCOMPARE(MonitorModel::nextPollText(r, true, now), u"in 2 min"_s); // rounded up
    r.nextPoll = now.addSecs(30);
    QCOMPARE(MonitorModel::nextPollText(r, true, now), u"in 30 s"_s);
    r.nextPoll = now.addSecs(-2);
    QCOMPARE(MonitorModel::nextPollText(r, true, now), u"now"_s);
    QCOMPARE(MonitorModel::nextPollText(r, false, now), u"paused (offline)"_s);
    r.failures = 2;
    r.nextPoll = QDateTime(QDate(2025, 6, 12), QTime(14, 5), madrid).toUTC();
    QCOMPARE(MonitorModel::nextPollText(r, true, now), u"backing off until 14:05"_s);
    r.nextPoll = QDateTime(QDate(2025, 6, 13), QTime(9, 0), madrid);
    QCOMPARE(MonitorModel::nextPollText(r, true, now), u"backing off until 2025-06-13 09:00"_s);
    r.failures = 0;
    r.nextPoll = now.addSecs(2 * 3600);
    QCOMPARE(MonitorModel::nextPollText(r, true, now), u"at 15:50"_s);
    r.isFinal = true;
    r.nextPoll = {};
    QCOMPARE(MonitorModel::nextPollText(r, true, now), u"—"_s);
    QCOMPARE(MonitorModel::nextPollText(r, false, now), u"—"_s);
}

void TestMonitorPanel::historyNewestFirst()
{
    MonitorHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    MonitoredRequest r;
    r.accountId = u"acc-c"_s;
    r.kind = MonitoredKind::CapellaTasking;
    r.remoteId = u"tr-1"_s;
    r.history = { { u"received"_s, utc(u"2025-06-09T08:30:00Z"_s), u"Request created"_s },
        { u"review"_s, utc(u"2025-06-09T08:31:00Z"_s), u"Request pending customer approval"_s } };
    model.setRequest(r);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, MonitorHistoryModel::Time).data().toString(), u"2025-06-09 10:31 UTC+02:00"_s);
    QCOMPARE(model.index(0, MonitorHistoryModel::Status).data().toString(), u"In review"_s);
    QCOMPARE(model.index(0, MonitorHistoryModel::Message).data().toString(), u"Request pending customer approval"_s);
    QCOMPARE(model.index(1, MonitorHistoryModel::Status).data().toString(), u"Received"_s);
    QCOMPARE(model.index(1, MonitorHistoryModel::Time).data(MonitorHistoryModel::SortRole).toDateTime(),
        utc(u"2025-06-09T08:30:00Z"_s));

    // A new step of the same request goes on top, without a reset.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    r.history.append({ u"submitted"_s, utc(u"2025-06-09T08:40:00Z"_s), u"Request submitted"_s });
    model.setRequest(r);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(historyStatuses(&model), QStringList({ u"submitted"_s, u"review"_s, u"received"_s }));
    model.setRequest(r); // nothing new
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);

    r.remoteId = u"tr-2"_s; // another request
    r.history = { { u"received"_s, utc(u"2025-06-09T08:30:00Z"_s), {} } };
    model.setRequest(r);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestMonitorPanel::filters()
{
    RequestMonitor monitor(nullptr, {}); // not started: nothing is asked
    const QString s = m_h->satellogicId();
    const QString c = m_h->capellaId();
    const MonitorKey rotterdam
        = monitor.track(seeded(s, MonitoredKind::SatellogicTask, u"1"_s, u"Rotterdam"_s, u"in_progress"_s, false));
    const MonitorKey atacama
        = monitor.track(seeded(s, MonitoredKind::SatellogicTask, u"2"_s, u"Atacama"_s, u"failed"_s, true));
    MonitoredRequest review = seeded(
        c, MonitoredKind::CapellaTasking, u"tr-1"_s, u"Port of Valencia"_s, u"review"_s, false, true, u"$3,000.00"_s);
    const MonitorKey valencia = monitor.track(review);
    const MonitorKey order = monitor.track(
        seeded(c, MonitoredKind::CapellaOrder, u"or-1"_s, u"Order of 2 products"_s, u"completed"_s, true));
    MonitorPanel panel(&monitor, m_h->accounts(), nullptr, m_h->downloadsDir());
    QAbstractItemModelTester t1(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(panel.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.show();

    const QStringList all { u"Atacama"_s, u"Order of 2 products"_s, u"Port of Valencia"_s, u"Rotterdam"_s };
    QCOMPARE(shownNames(&panel), all);
    QCOMPARE(panel.providerCombo()->itemText(1), u"Satellogic"_s);
    panel.providerCombo()->setCurrentIndex(1);
    QCOMPARE(shownNames(&panel), QStringList({ u"Atacama"_s, u"Rotterdam"_s }));
    QCOMPARE(panel.showCombo()->itemText(1), u"Active"_s);
    panel.showCombo()->setCurrentIndex(1);
    QCOMPARE(shownNames(&panel), QStringList({ u"Rotterdam"_s }));
    panel.providerCombo()->setCurrentIndex(0);
    QCOMPARE(shownNames(&panel), QStringList({ u"Port of Valencia"_s, u"Rotterdam"_s }));
    QCOMPARE(panel.showCombo()->itemText(2), u"Needs action"_s);
    panel.showCombo()->setCurrentIndex(2);
    QCOMPARE(shownNames(&panel), QStringList({ u"Port of Valencia"_s }));
    QCOMPARE(panel.showCombo()->itemText(3), u"Finished"_s);
    panel.showCombo()->setCurrentIndex(3);
    QCOMPARE(shownNames(&panel), QStringList({ u"Atacama"_s, u"Order of 2 products"_s }));
    panel.providerCombo()->setCurrentIndex(2);
    QCOMPARE(shownNames(&panel), QStringList({ u"Order of 2 products"_s }));

    // A row leaves "Needs action" when its price was approved.
    panel.providerCombo()->setCurrentIndex(0);
    panel.showCombo()->setCurrentIndex(2);
    review.status = u"submitted"_s;
    review.needsAction = false;
    monitor.track(review);
    QCOMPARE(shownNames(&panel), QStringList());
    review.status = u"review"_s;
    review.needsAction = true;
    monitor.track(review);
    panel.showCombo()->setCurrentIndex(0);
    QCOMPARE(shownNames(&panel), all);

    // Each action only where it applies.
    panel.selectKeys({ valencia });
    QCOMPARE(panel.selectedKeys(), QList<MonitorKey>({ valencia }));
    QVERIFY(panel.approveButton()->isEnabled());
    QVERIFY(panel.rejectButton()->isEnabled());
    QVERIFY(panel.editButton()->isEnabled());
    QVERIFY(panel.cancelButton()->isEnabled());
    QVERIFY(panel.refreshButton()->isEnabled());
    QVERIFY(!panel.downloadButton()->isEnabled());
    QVERIFY(!panel.showOnMapButton()->isEnabled()); // no geometry known yet
    QCOMPARE(panel.detailsTitle()->text(), u"Port of Valencia"_s);
    panel.selectKeys({ order });
    QVERIFY(!panel.cancelButton()->isEnabled()); // an order cannot be canceled
    QVERIFY(!panel.approveButton()->isEnabled());
    QVERIFY(!panel.editButton()->isEnabled());
    QVERIFY(!panel.refreshButton()->isEnabled()); // final
    QVERIFY(panel.downloadButton()->isEnabled());
    QVERIFY(panel.autoDownloadCheck()->isEnabled());
    panel.selectKeys({ atacama });
    QVERIFY(!panel.cancelButton()->isEnabled());
    QVERIFY(!panel.downloadButton()->isEnabled());
    panel.selectKeys({ rotterdam, atacama });
    QCOMPARE(panel.selectedKeys().size(), 2);
    QVERIFY(panel.refreshButton()->isEnabled()); // one of them is still polled
    QVERIFY(panel.untrackButton()->isEnabled());
    QVERIFY(!panel.cancelButton()->isEnabled()); // one request at a time
    QVERIFY(panel.detailsTitle()->text().endsWith(u"(one of 2 selected)"_s));
}

// The notifier on its own: words for a change, deliveries queued once, those to order reported.
void TestMonitorPanel::notifierQueuesOnce()
{
    RequestMonitor monitor(nullptr, {}); // not started: nothing is asked
    MonitoredRequest failed
        = seeded(m_h->satellogicId(), MonitoredKind::SatellogicTask, u"7"_s, u"Atacama"_s, u"failed"_s, true);
    failed.history = { { u"received"_s, utc(u"2025-06-09T08:30:00Z"_s), {} },
        { u"failed"_s, utc(u"2025-06-10T08:30:00Z"_s), u"No capture possible"_s } };
    const MonitorKey atacama = monitor.track(failed);
    const MonitorKey lisbon = monitor.track(
        seeded(m_h->capellaId(), MonitoredKind::CapellaOrder, u"or-1"_s, u"Lisbon"_s, u"completed"_s, true));
    MonitorNotifier notifier(&monitor, m_h->downloads());
    QSignalSpy notes(&notifier, &MonitorNotifier::notify);
    QSignalSpy queued(&notifier, &MonitorNotifier::deliveriesQueued);

    Q_EMIT monitor.statusChanged(atacama, u"received"_s, u"failed"_s);
    QCOMPARE(notes.count(), 1);
    QCOMPARE(notes.at(0).at(0).toString(), u"Atacama"_s);
    QCOMPARE(notes.at(0).at(1).toString(),
        u"Satellogic task \"Atacama\" is now failed. Satellogic said: No capture possible"_s);

    // Two deliveries with files (three in all) and one that must be ordered first.
    const auto task = [this](const QString &name) {
        DownloadTask t;
        // The emulator's file host (404 for these): only the queue matters here.
        t.url = m_h->capella()->filesUrl().resolved(QUrl(u"/nothing/"_s + name));
        t.targetPath = QDir(m_h->downloadsDir()).filePath(name);
        return t;
    };
    DeliveryDescriptor a { u"granule-a"_s, u"A"_s, u"capella-geo"_s, { task(u"a.tif"_s), task(u"a.json"_s) }, false };
    DeliveryDescriptor b { u"granule-b"_s, u"B"_s, u"capella-geo"_s, { task(u"b.tif"_s) }, false };
    DeliveryDescriptor c { u"granule-c"_s, u"C"_s, u"capella-geo"_s, {}, true };
    notes.clear();
    Q_EMIT monitor.deliveriesAvailable(lisbon, { a, b, c });
    QCOMPARE(m_h->downloads()->order().size(), 3);
    QCOMPARE(queued.count(), 1);
    QCOMPARE(queued.at(0).at(1).toInt(), 3);
    QCOMPARE(monitor.request(lisbon)->queuedDeliveries, QSet<QString>({ u"granule-a"_s, u"granule-b"_s }));
    QCOMPARE(notes.count(), 2);
    QCOMPARE(notes.at(0).at(1).toString(), u"3 files of \"Lisbon\" queued in Downloads."_s);
    QVERIFY2(notes.at(1).at(1).toString().startsWith(
                 u"1 product of \"Lisbon\" can be ordered: order it in the Orders dock first"_s),
        qPrintable(notes.at(1).at(1).toString()));
    QCOMPARE(m_h->capella()->orderSubmissions(), 0); // reported, never ordered

    // The same deliveries again: nothing is queued twice.
    Q_EMIT monitor.deliveriesAvailable(lisbon, { a, b });
    QCOMPARE(m_h->downloads()->order().size(), 3);
    QCOMPARE(queued.count(), 1);

    // Without a DownloadManager they are announced, for the panel's "Download deliveries".
    MonitorNotifier announcing(&monitor, nullptr);
    QSignalSpy said(&announcing, &MonitorNotifier::notify);
    Q_EMIT monitor.deliveriesAvailable(lisbon, { a, b });
    QCOMPARE(said.count(), 1);
    QCOMPARE(said.at(0).at(1).toString(), u"2 deliveries of \"Lisbon\" are ready: download them from the Monitor."_s);
}

// A new monitor over the same SQLite file: the same rows, texts and histories in the dock.
void TestMonitorPanel::restoredAfterRestart()
{
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    const MonitorKey task = m_h->trackSatellogic(m_h->addSatellogicTask(u"Restart"_s));
    const MonitorKey request = m_h->trackCapella(m_h->createCapellaRequest(false, u"Restart SAR"_s));
    QVERIFY(task.isValid() && request.isValid());
    m_h->satellogic()->advanceClock(60);
    m_h->capella()->advanceClock(60);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->request(task)->status, u"in_progress"_s, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->request(request)->status, u"review"_s, WaitMs);

    MonitorPanel *panel = m_h->openPanel();
    const QList<int> columns { MonitorModel::Provider, MonitorModel::Kind, MonitorModel::Name, MonitorModel::Status,
        MonitorModel::Window, MonitorModel::Submitted, MonitorModel::Cost, MonitorModel::Account };
    QStringList before;
    for (const MonitorKey &key : { task, request }) {
        for (const int column : columns) {
            before.append(cellText(panel, key, column));
        }
    }
    QCOMPARE(before.at(3), u"In progress"_s);
    QCOMPARE(before.at(7), u"Satellogic prod"_s);
    QCOMPARE(before.at(8 + 3), u"In review"_s);
    QCOMPARE(before.at(8 + 6), u"$3,000.00"_s);

    m_h->closeMonitor();
    monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    panel = m_h->openPanel();
    QCOMPARE(panel->model()->rowCount(), 2);
    QCOMPARE(panel->model()->key(0), task);
    QCOMPARE(panel->model()->key(1), request);
    QStringList after;
    for (const MonitorKey &key : { task, request }) {
        for (const int column : columns) {
            after.append(cellText(panel, key, column));
        }
    }
    QCOMPARE(after, before);
    panel->selectKeys({ request });
    QCOMPARE(historyStatuses(panel->historyModel()), QStringList({ u"review"_s, u"received"_s }));
    panel->selectKeys({ task });
    QCOMPARE(historyStatuses(panel->historyModel()), QStringList({ u"in_progress"_s, u"received"_s }));
}

void TestMonitorPanel::screenshot()
{
    const QString folder = qEnvironmentVariable("STACSCOPE_SCREENSHOTS");
    if (folder.isEmpty()) {
        QSKIP("Set STACSCOPE_SCREENSHOTS to a folder to write the screenshot of the dock");
    }
    QVERIFY(QDir().mkpath(folder));
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    CapellaClient *capella = m_h->capellaSession()->client();
    const auto status = [capella](CapellaRequest::Kind kind, const MonitorKey &key, const QJsonObject &body) {
        JsonCallJob *job = capella->setRequestStatus(kind, key.remoteId, body);
        QSignalSpy done(job, &StacJob::finished);
        const bool ok = done.wait(WaitMs) && job->isOk();
        job->deleteLater();
        return ok;
    };
    // Requests at every stage of their life, on both providers.
    const MonitorKey suez = m_h->trackCapella(m_h->createCapellaRequest(false, u"Suez canal south"_s));
    const MonitorKey etna
        = m_h->trackCapella(m_h->createCapellaRequest(true, u"Etna summit, weekly"_s), MonitoredKind::CapellaRepeat);
    const MonitorKey algeciras = m_h->trackCapella(m_h->createCapellaRequest(false, u"Port of Algeciras"_s));
    m_h->capella()->advanceClock(60);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->request(etna)->status, u"review"_s, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->request(suez)->status, u"review"_s, WaitMs);
    QVERIFY(status(CapellaRequest::Kind::Tasking, suez, CapellaApi::approvalBody(true)));
    QVERIFY(status(CapellaRequest::Kind::Repeat, etna, CapellaApi::approvalBody(true)));
    QVERIFY(status(CapellaRequest::Kind::Tasking, algeciras, CapellaApi::cancelBody()));
    m_h->capella()->advanceClock(130);
    const MonitorKey valencia = m_h->trackCapella(m_h->createCapellaRequest(false, u"Port of Valencia"_s));
    m_h->capella()->advanceClock(60);
    const QList<QJsonObject> items = m_h->capella()->items();
    JsonCallJob *submit = capella->submitOrder({ { items[0][u"collection"_s].toString(), items[0][u"id"_s].toString() },
        { items[1][u"collection"_s].toString(), items[1][u"id"_s].toString() } });
    QSignalSpy submitted(submit, &StacJob::finished);
    QVERIFY(submitted.wait(WaitMs) && submit->isOk());
    submit->deleteLater();
    const MonitorKey order = m_h->trackCapella(submit->json(), MonitoredKind::CapellaOrder);

    const qint64 lisbonId = m_h->addSatellogicTask(u"Lisbon bridges"_s);
    const MonitorKey lisbon = m_h->trackSatellogic(lisbonId);
    QVERIFY(monitor->setAutoDownload(lisbon, true, m_h->downloadsDir()));
    m_h->satellogic()->advanceClock(200);
    const MonitorKey rotterdam = m_h->trackSatellogic(m_h->addSatellogicTask(u"Rotterdam harbour"_s));
    m_h->satellogic()->advanceClock(60);
    const qint64 atacamaId = m_h->addSatellogicTask(u"Atacama salt flats"_s);
    m_h->satellogic()->failTask(atacamaId);
    m_h->trackSatellogic(atacamaId);
    for (const auto &[key, expected] : QList<std::pair<MonitorKey, QString>> { { suez, u"accepted"_s },
             { etna, u"accepted"_s }, { algeciras, u"canceled"_s }, { valencia, u"review"_s },
             { order, u"completed"_s }, { lisbon, u"completed"_s }, { rotterdam, u"in_progress"_s } }) {
        QTRY_COMPARE_WITH_TIMEOUT(monitor->request(key)->status, expected, WaitMs);
    }
    QTRY_VERIFY_WITH_TIMEOUT(monitor->request(lisbon)->deliveriesDone, WaitMs);

    // The app's pace (30 s), so "Next poll" reads as it does for a person.
    m_h->closeMonitor();
    monitor = m_h->openMonitor(30000);
    QVERIFY(monitor);
    MonitorPanel *panel = m_h->openPanel();
    panel->resize(1700, 340);
    QTRY_VERIFY_WITH_TIMEOUT(panel->pollLabel()->text().contains(u"Last poll"_s), WaitMs);
    panel->selectKeys({ valencia });
    QTest::qWait(100);
    QVERIFY(panel->grab().save(QDir(folder).filePath(u"monitor.png"_s)));
}

QTEST_MAIN(TestMonitorPanel)
