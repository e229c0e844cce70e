// The Monitor dock, part 3: a Capella repeat request followed to files on disk; an UP42 order's
// quotation accepted from the dock and an order canceled while UP42 still takes it. Approved in the
// dock, it turns active and spawns "<name> #1" (capellaemulator.h): the Monitor shows it as a
// repeat collect of its series and announces it, follows it to "completed", and "Order..." gets
// its product ordered, the order followed and its files queued below the series' folder.
#include <QAbstractButton>
#include <QDir>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "src/download/downloadmanager.h"
#include "src/tasking/requestmonitor.h"
#include "tests/support/capellaemulator.h"
#include "tests/support/up42emulator.h"
#include "tests/ui/tst_monitorpanel.h"
#include "ui/common/messagebar.h"
#include "ui/monitor/monitormodel.h"
#include "ui/monitor/monitornotifier.h"
#include "ui/monitor/monitorpanel.h"
#include "ui/orders/orderreviewdialog.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 15000;

} // namespace

void TestMonitorPanel::repeatCollectsFollowedToFiles()
{
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    MonitorPanel *panel = m_h->openPanel();
    QSignalSpy notes(m_h->notifier(), &MonitorNotifier::notify);
    const MonitorKey series
        = m_h->trackCapella(m_h->createCapellaRequest(true, u"Weekly Valencia"_s), MonitoredKind::CapellaRepeat);
    QVERIFY(series.isValid());
    QVERIFY(monitor->setAutoDownload(series, true, m_h->downloadsDir()));
    QCOMPARE(cellText(panel, series, MonitorModel::Kind), u"Repeat request"_s);

    // Priced per image, approved in the dock.
    m_h->capella()->advanceClock(CapellaEmulator::ReviewAfter);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, series, MonitorModel::Status), u"In review"_s, WaitMs);
    panel->selectKeys({ series });
    QTRY_VERIFY(panel->approveButton()->isEnabled());
    QTest::mouseClick(panel->approveButton(), Qt::LeftButton);
    QMessageBox *box = panel->confirmation();
    QVERIFY(box);
    QAbstractButton *accept = roleButton(box, QMessageBox::AcceptRole);
    QVERIFY(accept);
    QTest::mouseClick(accept, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, series, MonitorModel::Status), u"Submitted"_s, WaitMs);

    // Active: its first tasking request joins the Monitor as a repeat collect, announced.
    notes.clear();
    m_h->capella()->advanceClock(CapellaEmulator::ActiveAfter);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->requests().size(), 2, WaitMs);
    const MonitorKey collect = monitor->requests().at(1).key();
    QCOMPARE(collect.kind, MonitoredKind::CapellaTasking);
    QCOMPARE(cellText(panel, collect, MonitorModel::Kind), u"Repeat collect"_s);
    QCOMPARE(cellText(panel, collect, MonitorModel::Name), u"Weekly Valencia #1"_s);
    QCOMPARE(panel->model()->index(panel->model()->rowOf(collect), MonitorModel::Kind).data(Qt::ToolTipRole).toString(),
        u"A tasking request of the repeat request \"Weekly Valencia\""_s);
    QTRY_VERIFY_WITH_TIMEOUT(!notes.isEmpty(), WaitMs);
    bool announced = false;
    for (const QList<QVariant> &args : std::as_const(notes)) {
        const QString text = args.at(1).toString();
        if (text.startsWith(
                u"The repeat request \"Weekly Valencia\" spawned the tasking request \"Weekly Valencia #1\" for "_s)) {
            QVERIFY2(text.endsWith(u". It is followed in the Monitor."_s), qPrintable(text));
            QCOMPARE(args.at(0).toString(), u"Weekly Valencia #1"_s);
            announced = true;
        }
    }
    QVERIFY(announced);
    panel->selectKeys({ collect });
    QVERIFY2(panel->detailsText()->text().contains(u"collect of the repeat request \"Weekly Valencia\""_s),
        qPrintable(panel->detailsText()->text()));
    panel->selectKeys({ series });
    QVERIFY2(
        panel->detailsText()->text().contains(u"1 tasking request so far"_s), qPrintable(panel->detailsText()->text()));

    // Collected: pre-approved, it completes 660 s after it was spawned; its product must be ordered.
    m_h->capella()->advanceClock(CapellaEmulator::ReviewAfter + CapellaEmulator::CompletedAfter);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, collect, MonitorModel::Status), u"Completed"_s, WaitMs);
    panel->selectKeys({ collect });
    QTRY_VERIFY(panel->downloadButton()->isEnabled());
    QSignalSpy downloaded(panel, &MonitorPanel::downloadFinished);
    QTest::mouseClick(panel->downloadButton(), Qt::LeftButton);
    QVERIFY(downloaded.wait(WaitMs));
    QVERIFY2(panel->messageBar()->text().startsWith(u"1 product must be ordered first"_s),
        qPrintable(panel->messageBar()->text()));
    QCOMPARE(m_h->capellaCalls("POST", u"/orders"_s).size(), 0);

    // "Order...": reviewed, submitted once, followed; its files land below the series' folder.
    QCOMPARE(panel->messageBar()->actionButton()->text(), u"Order..."_s);
    QTest::mouseClick(panel->messageBar()->actionButton(), Qt::LeftButton);
    OrderReviewDialog *review = panel->orderDialog();
    QVERIFY(review);
    QTRY_COMPARE_WITH_TIMEOUT(review->state(), OrderReviewDialog::State::Ready, WaitMs);
    QTest::mouseClick(review->submitButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(review->state(), OrderReviewDialog::State::Placed, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->requests().size(), 3, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_h->downloads()->order().isEmpty(), 4 * WaitMs);
    const QString folder = QDir::cleanPath(m_h->downloadsDir()) + u"/Weekly Valencia/Weekly Valencia #1/"_s;
    for (const qint64 id : m_h->downloads()->order()) {
        const QString target = m_h->downloads()->task(id).targetPath;
        QVERIFY2(target.startsWith(folder), qPrintable(target));
    }
}

// Tokyo Bay (the UP42 emulator's) waits on a quotation: the row says so with its price; "Approve"
// asks with the credits ("Not now" sends nothing), then sends one PATCH; Madrid failed to be placed
// and can be canceled, once.
void TestMonitorPanel::up42QuotationAndCancelFromTheDock()
{
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    MonitorPanel *panel = m_h->openPanel();
    const MonitorKey tokyo = m_h->trackUp42(Up42Emulator::TokyoOrderId.toString());
    QVERIFY(tokyo.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, tokyo, MonitorModel::Cost), u"12,500 credits"_s, WaitMs);
    QCOMPARE(cellText(panel, tokyo, MonitorModel::Provider), u"UP42"_s);
    QCOMPARE(cellText(panel, tokyo, MonitorModel::Kind), u"Order"_s);
    QCOMPARE(cellText(panel, tokyo, MonitorModel::Status), u"Quotation to decide"_s);
    QCOMPARE(cellText(panel, tokyo, MonitorModel::Account), u"UP42 prod"_s);
    panel->selectKeys({ tokyo });
    QTRY_VERIFY(panel->approveButton()->isEnabled());
    QVERIFY(panel->rejectButton()->isEnabled());
    QVERIFY(panel->cancelButton()->isEnabled()); // still CREATED: UP42 takes a cancellation (up42.md §4)

    const QString path = u"/v2/tasking/quotation/"_s + Up42Emulator::TokyoQuotationId.toString();
    QTest::mouseClick(panel->approveButton(), Qt::LeftButton);
    QMessageBox *box = panel->confirmation();
    QVERIFY(box);
    QCOMPARE(box->text(), u"Accept UP42's quotation for \"Tokyo Bay tasking\"?"_s);
    QVERIFY(box->informativeText().startsWith(u"UP42 will charge 12,500 credits to your account"_s));
    QAbstractButton *accept = roleButton(box, QMessageBox::AcceptRole);
    QVERIFY(accept);
    QCOMPARE(accept->text(), u"Accept 12,500 credits"_s);
    QVERIFY(box->defaultButton() != accept);
    QTest::mouseClick(roleButton(box, QMessageBox::RejectRole), Qt::LeftButton);
    QTest::qWait(100);
    QCOMPARE(m_h->up42Calls("PATCH", path).size(), 0); // "Not now" sends nothing

    QTest::mouseClick(panel->approveButton(), Qt::LeftButton);
    box = panel->confirmation();
    QVERIFY(box);
    QSignalSpy finished(panel, &MonitorPanel::actionFinished);
    QTest::mouseClick(roleButton(box, QMessageBox::AcceptRole), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(m_h->up42Calls("PATCH", path).size(), 1);
    QCOMPARE(QJsonDocument::fromJson(m_h->up42Calls("PATCH", path).first().body).object(),
        QJsonObject({ { u"decision"_s, u"ACCEPTED"_s } }));
    QCOMPARE(panel->messageBar()->text(), u"Accepted the quotation of \"Tokyo Bay tasking\": UP42 places the order."_s);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, tokyo, MonitorModel::Status), u"Placed"_s, WaitMs);
    QTRY_VERIFY(!panel->approveButton()->isEnabled());
    QVERIFY(!panel->cancelButton()->isEnabled()); // placed: UP42 no longer cancels it

    const MonitorKey madrid = m_h->trackUp42(Up42Emulator::MadridOrderId.toString());
    QVERIFY(madrid.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, madrid, MonitorModel::Status), u"Placement failed"_s, WaitMs);
    panel->selectKeys({ madrid });
    QTRY_VERIFY(panel->cancelButton()->isEnabled());
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    box = panel->confirmation();
    QVERIFY(box);
    QCOMPARE(box->text(), u"Cancel the UP42 order \"Madrid Pléiades\"?"_s);
    finished.clear();
    QTest::mouseClick(roleButton(box, QMessageBox::AcceptRole), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    const QString cancellation = u"/v2/orders/"_s + Up42Emulator::MadridOrderId.toString() + u"/cancellation"_s;
    QCOMPARE(m_h->up42Calls("POST", cancellation).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, madrid, MonitorModel::Status), u"Canceled"_s, WaitMs);
}

// Cape Town (the UP42 emulator's) waits on its feasibility study: the button offers "Choose
// option...", the dialog lists both options with nothing picked; "Not now" sends nothing; the
// second option is sent once, then UP42 studies no more and quotes.
void TestMonitorPanel::up42FeasibilityOptionFromTheDock()
{
    RequestMonitor *monitor = m_h->openMonitor(40);
    QVERIFY(monitor);
    MonitorPanel *panel = m_h->openPanel();
    const MonitorKey capeTown = m_h->trackUp42(Up42Emulator::CapeTownOrderId.toString());
    QVERIFY(capeTown.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(
        cellText(panel, capeTown, MonitorModel::Status), u"Feasibility option to choose"_s, WaitMs);
    panel->selectKeys({ capeTown });
    QTRY_VERIFY(panel->approveButton()->isEnabled());
    QCOMPARE(panel->approveButton()->text(), u"Choose option..."_s);
    QVERIFY(!panel->rejectButton()->isEnabled()); // a study has no "reject": Cancel is the way out
    QVERIFY(panel->detailsText()->text().contains(u"Feasibility study: 2 options to choose"_s));

    const QString path = u"/v2/tasking/feasibility-studies/"_s + Up42Emulator::CapeTownStudyId.toString();
    QTest::mouseClick(panel->approveButton(), Qt::LeftButton);
    Up42StudyDialog *dialog = panel->studyDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->optionButtons().size(), 2);
    QCOMPARE(dialog->optionButtons().at(1)->text(), u"Option 2: Increase the maximum cloud cover to 30%"_s);
    QVERIFY(!dialog->chooseButton()->isEnabled()); // nothing chosen for the user
    QVERIFY(!panel->approveButton()->isEnabled());
    dialog->reject();
    QTest::qWait(100);
    QVERIFY(!panel->studyDialog());
    QCOMPARE(m_h->up42Calls("PATCH", path).size(), 0);

    QTest::mouseClick(panel->approveButton(), Qt::LeftButton);
    dialog = panel->studyDialog();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->optionButtons().at(1), Qt::LeftButton);
    QVERIFY(dialog->chooseButton()->isEnabled());
    QSignalSpy finished(panel, &MonitorPanel::actionFinished);
    QTest::mouseClick(dialog->chooseButton(), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    const QList<ReceivedRequest> sent = m_h->up42Calls("PATCH", path);
    QCOMPARE(sent.size(), 1);
    const QString option = QJsonDocument::fromJson(sent.first().body).object().value(u"acceptedOptionId"_s).toString();
    QCOMPARE(option, m_h->up42()->studyOptionIds(Up42Emulator::CapeTownStudyId.toString()).value(1));
    QVERIFY2(panel->messageBar()->text().startsWith(u"Chose an option of the feasibility study of \"Cape Town"_s),
        qPrintable(panel->messageBar()->text()));
    // UP42 prepares its quotation next.
    QTRY_COMPARE_WITH_TIMEOUT(cellText(panel, capeTown, MonitorModel::Status), u"Being quoted"_s, WaitMs);
    QTRY_VERIFY(!panel->approveButton()->isEnabled());
}
