// The Monitor dock, part 2: a Capella tasking request through every state, approving, rejecting
// and canceling from the dock, deliveries queued automatically, the map and "Stop following".
// Expected bodies and paths are written out from capella.md §6 and satellogic.md §4.
#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "src/download/downloadmanager.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "src/tasking/requestmonitor.h"
#include "tests/support/capellaemulator.h"
#include "tests/support/satellogicemulator.h"
#include "tests/ui/tst_monitorpanel.h"
#include "ui/common/messagebar.h"
#include "ui/monitor/monitorhistorymodel.h"
#include "ui/monitor/monitormodel.h"
#include "ui/monitor/monitornotifier.h"
#include "ui/monitor/monitorpanel.h"
#include "ui/monitor/monitorstatusdelegate.h"
#include "ui/orders/orderreviewdialog.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 15000;

QStringList statusesShown(const MonitorHistoryModel *history)
{
    QStringList out;
    for (int row = 0; row < history->rowCount(); ++row) {
        out.append(history->index(row, MonitorHistoryModel::Status).data().toString());
    }
    return out;
}

MonitorModel::StatusCategory category(MonitorPanel *panel, const MonitorKey &key)
{
    return panel->model()
        ->index(panel->model()->rowOf(key), MonitorModel::Status)
        .data(MonitorModel::StatusCategoryRole)
        .value<MonitorModel::StatusCategory>();
}

// The text of every notify() so far.
QStringList texts(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &args : spy) {
        out.append(args.at(1).toString());
    }
    return out;
}

bool approveByClient(CapellaSession *session, const MonitorKey &key)
{
    JsonCallJob *job = session->client()->setRequestStatus(
        CapellaRequest::Kind::Tasking, key.remoteId, CapellaApi::approvalBody(true));
    QSignalSpy done(job, &StacJob::finished);
    const bool ok = done.wait(WaitMs) && job->isOk();
    job->deleteLater();
    return ok;
}

} // namespace

// received -> review -> (approved in the dock) submitted -> accepted -> active -> completed on the
// emulator clock: the status cell and the history follow, one notify() per change.
void TestMonitorPanel::capellaTaskingThroughEveryState()
{
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    MonitorPanel *panel = m_h->openPanel();
    QSignalSpy notes(m_h->notifier(), &MonitorNotifier::notify);
    const MonitorKey key = m_h->trackCapella(m_h->createCapellaRequest(false, u"Port of Valencia"_s));
    QVERIFY(key.isValid());
    panel->selectKeys({ key });
    QCOMPARE(cellText(panel, key, MonitorModel::Status), u"Received"_s);
    QCOMPARE(cellText(panel, key, MonitorModel::Kind), u"Tasking request"_s);
    QCOMPARE(cellText(panel, key, MonitorModel::Cost), u"$3,000.00"_s); // spotlight, standard tier, no holdback
    QCOMPARE(cellText(panel, key, MonitorModel::Account), u"Capella prod"_s);
    QCOMPARE(panel->historyModel()->rowCount(), 1);
    QVERIFY(!panel->approveButton()->isEnabled());

    m_h->capella()->advanceClock(CapellaEmulator::ReviewAfter);
    QTRY_COMPARE_WITH_TIMEOUT(notes.count(), 1, WaitMs);
    QCOMPARE(cellText(panel, key, MonitorModel::Status), u"In review"_s);
    QCOMPARE(category(panel, key), MonitorModel::StatusCategory::NeedsAction);
    QCOMPARE(MonitorStatusDelegate::color(category(panel, key)), QColor(0xe6, 0x5c, 0x00));
    QCOMPARE(statusesShown(panel->historyModel()), QStringList({ u"In review"_s, u"Received"_s }));
    QCOMPARE(notes.at(0).at(0).toString(), u"Port of Valencia"_s);
    QVERIFY(panel->approveButton()->isEnabled());
    QVERIFY(panel->rejectButton()->isEnabled());

    // Approve cost...: asked with the quoted cost, then one PATCH with Capella's approval body.
    m_h->capella()->clearRequests();
    QSignalSpy finished(panel, &MonitorPanel::actionFinished);
    QTest::mouseClick(panel->approveButton(), Qt::LeftButton);
    QMessageBox *box = panel->confirmation();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->text(), u"Approve the cost of the Capella tasking request \"Port of Valencia\"?"_s);
    QVERIFY2(box->informativeText().contains(u"Capella will charge $3,000.00 for this request."_s),
        qPrintable(box->informativeText()));
    QAbstractButton *accept = roleButton(box, QMessageBox::AcceptRole);
    QVERIFY(accept);
    QCOMPARE(accept->text(), u"Approve $3,000.00"_s);
    QVERIFY(box->defaultButton() != accept);
    QVERIFY(!panel->approveButton()->isEnabled()); // one question at a time
    QTest::mouseClick(accept, Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    const QList<ReceivedRequest> patches = m_h->capellaCalls("PATCH");
    QCOMPARE(patches.size(), 1);
    QCOMPARE(patches.first().path, u"/task/%1/status"_s.arg(key.remoteId));
    QCOMPARE(bodyOf(patches.first()), QJsonObject({ { u"status"_s, u"approved"_s } }));
    QCOMPARE(m_h->capellaCalls("POST").size(), 0);
    QCOMPARE(panel->messageBar()->text(),
        u"Approved the cost of \"Port of Valencia\": Capella submits it for scheduling."_s);
    QTRY_COMPARE_WITH_TIMEOUT(notes.count(), 2, WaitMs); // polled at once
    QCOMPARE(cellText(panel, key, MonitorModel::Status), u"Submitted"_s);
    QVERIFY(!panel->approveButton()->isEnabled());

    m_h->capella()->advanceClock(CapellaEmulator::AcceptedAfter);
    QTRY_COMPARE_WITH_TIMEOUT(notes.count(), 3, WaitMs);
    QCOMPARE(cellText(panel, key, MonitorModel::Status), u"Accepted"_s);
    m_h->capella()->advanceClock(CapellaEmulator::ActiveAfter - CapellaEmulator::AcceptedAfter);
    QTRY_COMPARE_WITH_TIMEOUT(notes.count(), 4, WaitMs);
    QCOMPARE(cellText(panel, key, MonitorModel::Status), u"Active"_s);
    QCOMPARE(category(panel, key), MonitorModel::StatusCategory::OnItsWay);
    m_h->capella()->advanceClock(CapellaEmulator::CompletedAfter - CapellaEmulator::ActiveAfter);
    QTRY_COMPARE_WITH_TIMEOUT(notes.count(), 5, WaitMs);
    QCOMPARE(cellText(panel, key, MonitorModel::Status), u"Completed"_s);
    QCOMPARE(category(panel, key), MonitorModel::StatusCategory::Completed);
    QCOMPARE(cellText(panel, key, MonitorModel::NextPoll), u"—"_s);
    QCOMPARE(statusesShown(panel->historyModel()),
        QStringList({ u"Completed"_s, u"Active"_s, u"Accepted"_s, u"Submitted"_s, u"In review"_s, u"Received"_s }));
    // Capella's own messages, newest first.
    QVERIFY(!panel->historyModel()->index(0, MonitorHistoryModel::Message).data().toString().isEmpty());

    // Nothing more happens: no more notifications.
    QVERIFY(!notes.wait(500));
    const QString head = u"Capella tasking request \"Port of Valencia\" is now "_s;
    QCOMPARE(texts(notes),
        QStringList({ head + u"in review. Approve or reject its price ($3,000.00) in the Monitor."_s,
            head + u"submitted."_s, head + u"accepted."_s, head + u"active."_s,
            head + u"completed. Its deliveries can be downloaded from the Monitor."_s }));

    // Its product is delivered through an order: said, not ordered by itself, nothing queued.
    QVERIFY(panel->downloadButton()->isEnabled());
    QSignalSpy downloaded(panel, &MonitorPanel::downloadFinished);
    QTest::mouseClick(panel->downloadButton(), Qt::LeftButton);
    QVERIFY(downloaded.wait(WaitMs));
    QCOMPARE(downloaded.at(0).at(0).toInt(), 0);
    const QString message = panel->messageBar()->text();
    QVERIFY2(message.startsWith(u"1 product must be ordered first"_s), qPrintable(message));
    QVERIFY2(message.contains(u"\"Order...\" reviews its price"_s), qPrintable(message));
    QCOMPARE(m_h->downloads()->order().size(), 0);
    QCOMPARE(m_h->capellaCalls("POST", u"/orders"_s).size(), 0);

    // "Order..." opens the order review; nothing is ordered before Submit.
    const auto orders = [this] {
        int n = 0;
        for (const ReceivedRequest &r : m_h->capellaCalls("POST", u"/orders"_s)) {
            n += r.path == u"/orders"_s ? 1 : 0;
        }
        return n;
    };
    QCOMPARE(panel->messageBar()->actionButton()->text(), u"Order..."_s);
    QTest::mouseClick(panel->messageBar()->actionButton(), Qt::LeftButton);
    OrderReviewDialog *review = panel->orderDialog();
    QVERIFY(review);
    QTRY_COMPARE_WITH_TIMEOUT(review->state(), OrderReviewDialog::State::Ready, WaitMs);
    QCOMPARE(orders(), 0);
    QCOMPARE(m_h->capellaCalls("POST", u"/orders/review"_s).size(), 1);
    QTest::mouseClick(review->submitButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(review->state(), OrderReviewDialog::State::Placed, WaitMs);
    QCOMPARE(orders(), 1);
    // The order is followed, and its files are queued by the notifier once, below the request's
    // own folder.
    QTRY_COMPARE_WITH_TIMEOUT(monitor->requests().size(), 2, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_h->downloads()->order().size() > 0, 4 * WaitMs);
    const qsizetype queuedFiles = m_h->downloads()->order().size();
    QTest::qWait(500); // later polls queue nothing twice
    QCOMPARE(m_h->downloads()->order().size(), queuedFiles);
    QCOMPARE(orders(), 1);
}

// Cancel... asks first with the provider's warning; "Keep it" sends nothing; confirmed, exactly
// one call goes out, never repeated, and the monitor shows the result at once.
void TestMonitorPanel::cancelAsksFirstAndSendsOnce()
{
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    MonitorPanel *panel = m_h->openPanel();
    const MonitorKey suez = m_h->trackCapella(m_h->createCapellaRequest(false, u"Suez canal south"_s));
    m_h->capella()->advanceClock(CapellaEmulator::ReviewAfter);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->request(suez)->status, u"review"_s, WaitMs);
    QVERIFY(approveByClient(m_h->capellaSession(), suez));
    QVERIFY(monitor->pollNow(suez));
    QTRY_COMPARE_WITH_TIMEOUT(monitor->request(suez)->status, u"submitted"_s, WaitMs);
    m_h->capella()->advanceClock(CapellaEmulator::AcceptedAfter);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, suez, MonitorModel::Status), u"Accepted"_s, WaitMs);

    panel->selectKeys({ suez });
    QVERIFY(panel->cancelButton()->isEnabled());
    m_h->capella()->clearRequests();
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    QMessageBox *box = panel->confirmation();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->text(), u"Cancel the Capella tasking request \"Suez canal south\"?"_s);
    QVERIFY2(box->informativeText().startsWith(u"Capella has accepted this request (it is accepted): Capella "
                                               "charges a cancellation fee for accepted and active requests"_s),
        qPrintable(box->informativeText()));
    QVERIFY(box->informativeText().contains(u"This cannot be undone."_s));
    QVERIFY(box->informativeText().contains(u"sent once and not repeated"_s));
    QCOMPARE(roleButton(box, QMessageBox::AcceptRole)->text(), u"Cancel the request"_s);
    QVERIFY(box->defaultButton() == roleButton(box, QMessageBox::RejectRole));
    QTest::mouseClick(roleButton(box, QMessageBox::RejectRole), Qt::LeftButton);
    QTRY_VERIFY(!panel->confirmation());
    QVERIFY(!panel->isBusy());
    QCOMPARE(m_h->capellaCalls("PATCH").size(), 0);

    QSignalSpy finished(panel, &MonitorPanel::actionFinished);
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    box = panel->confirmation();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QTest::mouseClick(roleButton(box, QMessageBox::AcceptRole), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    QList<ReceivedRequest> patches = m_h->capellaCalls("PATCH");
    QCOMPARE(patches.size(), 1);
    QCOMPARE(patches.first().path, u"/task/%1/status"_s.arg(suez.remoteId));
    QCOMPARE(bodyOf(patches.first()), QJsonObject({ { u"status"_s, u"canceled"_s } }));
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, suez, MonitorModel::Status), u"Canceled"_s, WaitMs);
    QCOMPARE(category(panel, suez), MonitorModel::StatusCategory::Failed);
    QCOMPARE(MonitorStatusDelegate::color(category(panel, suez)), QColor(0xc6, 0x28, 0x28));
    QVERIFY(!panel->cancelButton()->isEnabled()); // final now
    QVERIFY(!finished.wait(300));
    QCOMPARE(m_h->capellaCalls("PATCH").size(), 1);

    // Satellogic: cannot be undone; PATCH /tasking/tasks/{id}/cancel/ with no body.
    const qint64 taskId = m_h->addSatellogicTask(u"Atacama"_s);
    const MonitorKey atacama = m_h->trackSatellogic(taskId);
    panel->selectKeys({ atacama });
    QVERIFY(panel->cancelButton()->isEnabled());
    QVERIFY(!panel->approveButton()->isEnabled());
    QVERIFY(!panel->editButton()->isEnabled());
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    box = panel->confirmation();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->text(), u"Cancel the Satellogic task \"Atacama\"?"_s);
    QVERIFY(box->informativeText().startsWith(u"Satellogic stops work on the task. This cannot be undone."_s));
    QTest::mouseClick(roleButton(box, QMessageBox::AcceptRole), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    const QList<ReceivedRequest> cancels = m_h->satellogicCalls("PATCH");
    QCOMPARE(cancels.size(), 1);
    QCOMPARE(cancels.first().path, u"/tasking/tasks/%1/cancel/"_s.arg(taskId));
    QVERIFY(cancels.first().body.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, atacama, MonitorModel::Status), u"Canceled"_s, WaitMs);
}

void TestMonitorPanel::rejectCost()
{
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    MonitorPanel *panel = m_h->openPanel();
    QSignalSpy notes(m_h->notifier(), &MonitorNotifier::notify);
    const MonitorKey key = m_h->trackCapella(m_h->createCapellaRequest(false, u"Port of Algeciras"_s));
    m_h->capella()->advanceClock(CapellaEmulator::ReviewAfter);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, key, MonitorModel::Status), u"In review"_s, WaitMs);
    panel->selectKeys({ key });
    m_h->capella()->clearRequests();
    QTest::mouseClick(panel->rejectButton(), Qt::LeftButton);
    QMessageBox *box = panel->confirmation();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->text(), u"Reject the cost of the Capella tasking request \"Port of Algeciras\"?"_s);
    QVERIFY2(box->informativeText().startsWith(u"Capella quoted $3,000.00."_s), qPrintable(box->informativeText()));
    QSignalSpy finished(panel, &MonitorPanel::actionFinished);
    QTest::mouseClick(roleButton(box, QMessageBox::AcceptRole), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    const QList<ReceivedRequest> patches = m_h->capellaCalls("PATCH");
    QCOMPARE(patches.size(), 1);
    QCOMPARE(patches.first().path, u"/task/%1/status"_s.arg(key.remoteId));
    QCOMPARE(bodyOf(patches.first()), QJsonObject({ { u"status"_s, u"rejected"_s } }));
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, key, MonitorModel::Status), u"Rejected"_s, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(notes.count(), 2, WaitMs);
    QVERIFY2(
        notes.at(1).at(1).toString().startsWith(u"Capella tasking request \"Port of Algeciras\" is now rejected."_s),
        qPrintable(notes.at(1).at(1).toString()));
}

// "Download deliveries automatically" on a Satellogic task: once completed, its four delivery
// zips go to the DownloadManager exactly once, below the folder given to the panel.
void TestMonitorPanel::autoDownloadQueuesOnce()
{
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    MonitorPanel *panel = m_h->openPanel();
    QSignalSpy notes(m_h->notifier(), &MonitorNotifier::notify);
    QSignalSpy queued(m_h->notifier(), &MonitorNotifier::deliveriesQueued);
    const qint64 taskId = m_h->addSatellogicTask(u"Rotterdam"_s);
    const MonitorKey key = m_h->trackSatellogic(taskId);
    panel->selectKeys({ key });
    QVERIFY(panel->autoDownloadCheck()->isEnabled());
    QVERIFY(!panel->autoDownloadCheck()->isChecked());
    QVERIFY(!panel->downloadButton()->isEnabled()); // nothing delivered yet
    QTest::mouseClick(panel->autoDownloadCheck(), Qt::LeftButton);
    QVERIFY(panel->autoDownloadCheck()->isChecked());
    QVERIFY(monitor->request(key)->autoDownload);
    QCOMPARE(monitor->request(key)->downloadFolder, m_h->downloadsDir());

    m_h->satellogic()->advanceClock(60);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, key, MonitorModel::Status), u"In progress"_s, WaitMs);
    m_h->satellogic()->advanceClock(120);
    QVERIFY(queued.wait(WaitMs));
    QCOMPARE(queued.at(0).at(1).toInt(), 4);
    const QList<qint64> ids = m_h->downloads()->order();
    QCOMPARE(ids.size(), 4);
    const QString folder = QDir::cleanPath(m_h->downloadsDir()) + u"/Rotterdam/"_s + QString::number(taskId) + u'/';
    QStringList scenes;
    for (const qint64 id : ids) {
        const DownloadTask t = m_h->downloads()->task(id);
        QVERIFY2(t.targetPath.startsWith(folder), qPrintable(t.targetPath));
        QVERIFY(t.targetPath.endsWith(u".zip"_s));
        QVERIFY(t.url.path().startsWith(u"/telluric/scenes/"_s));
        QVERIFY(t.url.path().endsWith(u"/attachments/delivery_zip/download/"_s));
        scenes.append(t.url.path().section(u'/', 3, 3));
    }
    scenes.sort();
    QStringList expected = m_h->satellogic()->sceneIds(taskId);
    expected.sort();
    QCOMPARE(scenes, expected);
    QCOMPARE(texts(notes),
        QStringList({ u"Satellogic task \"Rotterdam\" is now in progress."_s,
            u"Satellogic task \"Rotterdam\" is now completed."_s,
            u"4 files of \"Rotterdam\" queued in Downloads."_s }));

    // Never twice: later rounds hand nothing over again.
    QVERIFY(!queued.wait(600));
    QCOMPARE(m_h->downloads()->order().size(), 4);
    QCOMPARE(monitor->request(key)->queuedDeliveries.size(), 4);
    QCOMPARE(cellText(panel, key, MonitorModel::NextPoll), u"—"_s);
    QVERIFY2(
        panel->detailsText()->text().contains(u"4 deliveries handed over"_s), qPrintable(panel->detailsText()->text()));

    // "Download deliveries" by hand: they were queued before; nothing is queued unless asked again.
    QVERIFY(panel->downloadButton()->isEnabled());
    QSignalSpy downloaded(panel, &MonitorPanel::downloadFinished);
    QTest::mouseClick(panel->downloadButton(), Qt::LeftButton);
    QVERIFY(downloaded.wait(WaitMs));
    QCOMPARE(downloaded.at(0).at(0).toInt(), 0);
    QCOMPARE(panel->messageBar()->text(), u"4 deliveries were queued before (see Downloads)."_s);
    QCOMPARE(m_h->downloads()->order().size(), 4);
}

void TestMonitorPanel::showOnMapAndStopFollowing()
{
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    MonitorPanel *panel = m_h->openPanel();
    const qint64 taskId = m_h->addSatellogicTask(u"Rotterdam"_s);
    const MonitorKey task = m_h->trackSatellogic(taskId);
    const MonitorKey request = m_h->trackCapella(m_h->createCapellaRequest(false, u"Valencia"_s));
    QSignalSpy shown(panel, &MonitorPanel::showOnMap);
    panel->selectKeys({ task });
    QTest::mouseClick(panel->showOnMapButton(), Qt::LeftButton);
    QCOMPARE(shown.count(), 1);
    // The task's target as Satellogic answers it (with an altitude).
    QCOMPARE(shown.at(0).at(0).toJsonObject(),
        QJsonObject({ { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 4.05, 51.95, 0 } } }));
    QCOMPARE(shown.at(0).at(0).toJsonObject(), m_h->satellogic()->task(taskId)[u"target"_s].toObject());
    panel->selectKeys({ request });
    QTest::mouseClick(panel->showOnMapButton(), Qt::LeftButton);
    QCOMPARE(shown.count(), 2);
    QCOMPARE(shown.at(1).at(0).toJsonObject(),
        QJsonObject({ { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { -0.32, 39.44 } } }));

    // Stop following: asked first; nothing is sent to the provider.
    panel->selectKeys({ task, request });
    m_h->capella()->clearRequests();
    QTest::mouseClick(panel->untrackButton(), Qt::LeftButton);
    QMessageBox *box = panel->confirmation();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->text(), u"Stop following 2 requests?"_s);
    QTest::mouseClick(roleButton(box, QMessageBox::RejectRole), Qt::LeftButton);
    QTRY_VERIFY(!panel->confirmation());
    QCOMPARE(panel->model()->rowCount(), 2);
    QTest::mouseClick(panel->untrackButton(), Qt::LeftButton);
    box = panel->confirmation();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QTest::mouseClick(roleButton(box, QMessageBox::AcceptRole), Qt::LeftButton);
    QTRY_COMPARE(panel->model()->rowCount(), 0);
    QVERIFY(monitor->requests().isEmpty());
    QCOMPARE(m_h->capellaCalls("PATCH").size() + m_h->capellaCalls("DELETE").size(), 0);
    QCOMPARE(panel->historyModel()->rowCount(), 0);
}
