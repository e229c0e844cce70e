// The Tasks dock with a Capella account, against the Capella emulator, as a person uses it: list
// tasking and repeat requests (filtered by status), read a request's status history and collects,
// cancel several at once (one refused), edit them, and approve a price after being asked. With
// STACSCOPE_SCREENSHOTS=<folder> it also writes a screenshot of the dock there.
#include <memory>

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include "src/providers/accountstore.h"
#include "tests/support/capellaemulator.h"
#include "tests/support/ports.h"
#include "tests/ui/capellatasksharness.h"
#include "ui/common/messagebar.h"
#include "ui/tasks/capellacollectsmodel.h"
#include "ui/tasks/capellahistorymodel.h"
#include "ui/tasks/capellarequesteditdialog.h"
#include "ui/tasks/capellarequestsmodel.h"
#include "ui/tasks/capellataskspanel.h"
#include "ui/tasks/taskspanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {
using Model = CapellaRequestsModel;
} // namespace

class TestCapellaTasks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Times in the dock carry their offset; show one that is not UTC (June: UTC+02:00).
        qputenv("TZ", "Europe/Madrid");
    }

    void init()
    {
        m_h = std::make_unique<CapellaTasksHarness>();
        QVERIFY(m_h->isListening());
    }

    void cleanup() { m_h.reset(); }

    void listsTaskingAndRepeatRequests()
    {
        m_h->emulator()->addTaskingRequest(
            taskingFeature(u"tr-done"_s, u"Port of Rotterdam"_s, completedHistory(), u"completed"_s, u"$3,000.00"_s));
        m_h->emulator()->addTaskingRequest(taskingFeature(u"tr-review"_s, u"Etna summit"_s, reviewHistory(),
            u"pending-customer-approval"_s, u"$4,500.00"_s, u"2025-06-09T09:00:00.000Z"_s));
        // A repeat request, through the API as the console creates one; in review after 60 s.
        const QJsonObject repeat = m_h->createRepeat(u"Suez canal, weekly"_s);
        const QString repeatId = repeat.value(u"properties"_s).toObject().value(u"repeatrequestId"_s).toString();
        QVERIFY(!repeatId.isEmpty());
        m_h->emulator()->advanceClock(CapellaEmulator::ReviewAfter + 1);

        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        QCOMPARE(capella->kind(), CapellaRequest::Kind::Tasking);
        Model *model = capella->requestsModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 2);
        const int done = model->rowOf(u"tr-done"_s);
        const int review = model->rowOf(u"tr-review"_s);
        QVERIFY(done >= 0 && review >= 0);
        QCOMPARE(model->index(done, Model::Name).data().toString(), u"Port of Rotterdam"_s);
        QCOMPARE(model->index(done, Model::Status).data().toString(), u"Completed"_s);
        QCOMPARE(model->index(done, Model::Tier).data().toString(), u"Standard"_s);
        QCOMPARE(model->index(done, Model::Type).data().toString(), u"Spotlight"_s);
        QCOMPARE(
            model->index(done, Model::Window).data().toString(), u"2025-06-11 00:00 – 2025-06-18 00:00 UTC+02:00"_s);
        QCOMPARE(model->index(done, Model::Submitted).data().toString(), u"2025-06-09 10:30 UTC+02:00"_s);
        QCOMPARE(model->index(done, Model::Cost).data().toString(), u"$3,000.00"_s);
        QCOMPARE(model->index(done, Model::Approval).data().toString(), u"Completed"_s);
        QCOMPARE(model->index(review, Model::Status).data().toString(), u"In review"_s);
        QCOMPARE(model->index(review, Model::Cost).data().toString(), u"$4,500.00"_s);
        QCOMPARE(model->index(review, Model::Approval).data().toString(), u"Waiting for your approval"_s);
        QCOMPARE(model->headerData(Model::Window, Qt::Horizontal).toString(), u"Window (local time)"_s);
        QCOMPARE(capella->statusLabel()->text(), u"2 tasking requests, 1 waits for your approval"_s);
        // Newest submission first.
        QCOMPARE(capella->requestsView()->model()->index(0, 0).data(Model::RequestIdRole).toString(), u"tr-review"_s);
        // The search as the console client sends it: the user's own, without derived requests.
        const QList<ReceivedRequest> searches = receivedRequests(m_h->emulator(), "POST", u"/tasks/search"_s);
        QVERIFY(!searches.isEmpty());
        const QJsonObject query = bodyOf(searches.last()).value(u"query"_s).toObject();
        QCOMPARE(query.value(u"userId"_s).toString(), CapellaEmulator::UserId.toString());
        QCOMPARE(query.value(u"includeRepeatingTasks"_s).toObject(), QJsonObject({ { u"eq"_s, false } }));
        QVERIFY(!query.contains(u"lastStatusCode"_s));

        // The repeat requests, on the switch.
        QSignalSpy loaded(capella, &CapellaTasksPanel::requestsLoaded);
        QTest::mouseClick(capella->repeatButton(), Qt::LeftButton);
        QVERIFY(loaded.wait());
        QCOMPARE(capella->kind(), CapellaRequest::Kind::Repeat);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, Model::Name).data().toString(), u"Suez canal, weekly"_s);
        QCOMPARE(model->index(0, Model::Status).data().toString(), u"In review"_s);
        QCOMPARE(model->index(0, Model::Tier).data().toString(), u"Routine"_s);
        QCOMPARE(model->index(0, Model::Window).data().toString(), u"from 2030-01-07 01:00 UTC+01:00, 5 collects"_s);
        // Spotlight, routine tier, one point: $3,000.00 per image (the emulator's price list).
        QCOMPARE(model->index(0, Model::Cost).data().toString(), u"$3,000.00 per image"_s);
        QCOMPARE(model->index(0, Model::Approval).data().toString(), u"Waiting for your approval"_s);
        QCOMPARE(model->headerData(Model::Window, Qt::Horizontal).toString(), u"Repeats (local time)"_s);
        QCOMPARE(capella->statusLabel()->text(), u"1 repeat request, 1 waits for your approval"_s);
        const QList<ReceivedRequest> repeatSearches
            = receivedRequests(m_h->emulator(), "POST", u"/repeat-requests/search"_s);
        QCOMPARE(repeatSearches.size(), 1);
        QCOMPARE(bodyOf(repeatSearches.first()).value(u"filter"_s).toObject().value(u"userId"_s).toString(),
            CapellaEmulator::UserId.toString());
        // A repeat request's collects come through the tasking requests it creates.
        selectRows(capella, { 0 });
        QVERIFY(!capella->detailsTabs()->isTabEnabled(1));
        QCOMPARE(capella->historyModel()->rowCount(), 2);

        // Its price per image, approved after being asked: PATCH /repeat-requests/{id}/status.
        QVERIFY(capella->approveButton()->isEnabled());
        QTest::mouseClick(capella->approveButton(), Qt::LeftButton);
        QMessageBox *box = capella->confirmation();
        QVERIFY(box);
        QCOMPARE(box->text(), u"Approve the price of the repeat request \"Suez canal, weekly\"?"_s);
        QVERIFY2(box->informativeText().contains(u"Capella estimates $3,000.00 for each collect"_s),
            qPrintable(box->informativeText()));
        QVERIFY(receivedRequests(m_h->emulator(), "PATCH").isEmpty());
        QSignalSpy finished(capella, &CapellaTasksPanel::actionFinished);
        QTest::mouseClick(buttonWithRole(box, QMessageBox::AcceptRole), Qt::LeftButton);
        QVERIFY(finished.wait());
        const QList<ReceivedRequest> patches = receivedRequests(m_h->emulator(), "PATCH");
        QCOMPARE(patches.size(), 1);
        QCOMPARE(patches.first().path, u"/repeat-requests/%1/status"_s.arg(repeatId));
        QCOMPARE(bodyOf(patches.first()), QJsonObject({ { u"status"_s, u"approved"_s } }));
        QTRY_VERIFY(!capella->isLoading());
        QCOMPARE(model->index(0, Model::Status).data().toString(), u"Submitted"_s);
        QCOMPARE(model->index(0, Model::Approval).data().toString(), u"Approved"_s);
    }

    void statusFilterIsSentAsLastStatusCode()
    {
        m_h->emulator()->addTaskingRequest(
            taskingFeature(u"tr-done"_s, u"Port of Rotterdam"_s, completedHistory(), u"completed"_s, u"$3,000.00"_s));
        m_h->emulator()->addTaskingRequest(taskingFeature(
            u"tr-review"_s, u"Etna summit"_s, reviewHistory(), u"pending-customer-approval"_s, u"$4,500.00"_s));
        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        QCOMPARE(capella->requestsModel()->rowCount(), 2);
        // Capella's statuses (capella.md §8), after "any".
        QStringList codes;
        for (int i = 0; i < capella->statusCombo()->count(); ++i) {
            codes.append(capella->statusCombo()->itemData(i).toString());
        }
        QCOMPARE(codes,
            QStringList({ QString(), u"received"_s, u"review"_s, u"submitted"_s, u"accepted"_s, u"active"_s,
                u"completed"_s, u"canceled"_s, u"rejected"_s, u"expired"_s, u"anomaly"_s, u"error"_s, u"failed"_s,
                u"retrying"_s }));

        m_h->emulator()->clearRequests();
        QSignalSpy loaded(capella, &CapellaTasksPanel::requestsLoaded);
        capella->statusCombo()->setCurrentIndex(capella->statusCombo()->findData(u"review"_s));
        QVERIFY(loaded.wait());
        QCOMPARE(capella->requestsModel()->rowCount(), 1);
        QCOMPARE(capella->requestsModel()->request(0).id, u"tr-review"_s);
        const QList<ReceivedRequest> searches = receivedRequests(m_h->emulator(), "POST", u"/tasks/search"_s);
        QCOMPARE(searches.size(), 1);
        QCOMPARE(searches.first().queryValue(u"page"_s), u"1"_s);
        const QJsonObject query = bodyOf(searches.first()).value(u"query"_s).toObject();
        QCOMPARE(query.value(u"lastStatusCode"_s).toObject(), QJsonObject({ { u"eq"_s, u"review"_s } }));
        QCOMPARE(query.value(u"userId"_s).toString(), CapellaEmulator::UserId.toString());

        // The whole organization's requests (seed 003's for_org=True): organizationIds, no userId.
        m_h->emulator()->clearRequests();
        capella->organizationCheck()->setChecked(true);
        QVERIFY(loaded.wait());
        const QJsonObject org = bodyOf(receivedRequests(m_h->emulator(), "POST", u"/tasks/search"_s).first())
                                    .value(u"query"_s)
                                    .toObject();
        QCOMPARE(org.value(u"organizationIds"_s).toArray(), QJsonArray({ CapellaEmulator::OrganizationId.toString() }));
        QVERIFY(!org.contains(u"userId"_s));
        QCOMPARE(capella->requestsModel()->rowCount(), 1);
    }

    void historyNewestFirstWithCollects()
    {
        // A pre-approved request through the API: submitted at C+60, accepted at S+120, active at
        // S+300 with its collect, which is "collected" at S+420.
        const QString id = m_h->createTasking(u"Lisbon bridges"_s, true);
        QVERIFY(!id.isEmpty());
        m_h->emulator()->advanceClock(CapellaEmulator::ReviewAfter + 430);
        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        QCOMPARE(capella->requestsModel()->rowCount(), 1);
        QAbstractItemModelTester historyTester(
            capella->historyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester collectsTester(
            capella->collectsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy collects(capella, &CapellaTasksPanel::collectsLoaded);
        selectRows(capella, { 0 });
        QVERIFY(collects.wait());

        const QJsonArray history
            = m_h->emulator()->taskingRequest(id).value(u"properties"_s).toObject().value(u"statusHistory"_s).toArray();
        QCOMPARE(history.size(), 4);
        CapellaHistoryModel *model = capella->historyModel();
        QCOMPARE(model->rowCount(), 4);
        const QStringList expected { u"active"_s, u"accepted"_s, u"submitted"_s, u"received"_s };
        const QStringList words { u"Active"_s, u"Accepted"_s, u"Submitted"_s, u"Received"_s };
        for (int row = 0; row < 4; ++row) {
            const QJsonObject entry = history.at(row).toObject();
            QCOMPARE(entry.value(u"code"_s).toString(), expected.at(row));
            QCOMPARE(model->index(row, CapellaHistoryModel::Status).data().toString(), words.at(row));
            QCOMPARE(model->index(row, CapellaHistoryModel::Message).data().toString(),
                entry.value(u"message"_s).toString());
            QCOMPARE(model->index(row, CapellaHistoryModel::Time).data().toString(),
                madrid(entry.value(u"time"_s).toString()));
        }
        QCOMPARE(capella->detailsTitle()->text(), u"Lisbon bridges"_s);

        // Its collect, as /collects/list names it.
        const QJsonArray expectedCollects = m_h->emulator()->collects(id);
        QCOMPARE(expectedCollects.size(), 1);
        QCOMPARE(capella->collectsModel()->rowCount(), 1);
        QCOMPARE(capella->collectsModel()->index(0, CapellaCollectsModel::Id).data().toString(),
            expectedCollects.at(0).toObject().value(u"collectId"_s).toString());
        QCOMPARE(capella->collectsModel()->index(0, CapellaCollectsModel::Status).data().toString(), u"Collected"_s);
        QCOMPARE(capella->detailsTabs()->tabText(1), u"Collects (1)"_s);
        // A pre-approved request is not waiting for anyone.
        QCOMPARE(capella->requestsModel()->index(0, Model::Approval).data().toString(), u"Approved"_s);
        QVERIFY(!capella->approveButton()->isEnabled());
    }

    void cancelingTwoShowsBothResults()
    {
        m_h->emulator()->addTaskingRequest(
            taskingFeature(u"tr-active"_s, u"Port of Valencia"_s, activeHistory(), u"in-progress"_s, u"$3,000.00"_s));
        m_h->emulator()->addTaskingRequest(taskingFeature(u"tr-done"_s, u"Port of Rotterdam"_s, completedHistory(),
            u"completed"_s, u"$3,000.00"_s, u"2025-06-08T08:30:00.000Z"_s));
        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        QCOMPARE(capella->requestsModel()->rowCount(), 2);
        selectRows(capella, { 0, 1 });
        QCOMPARE(capella->selectedIds().size(), 2);
        QVERIFY(capella->cancelButton()->isEnabled());

        // Asked first; keeping them sends nothing.
        QTest::mouseClick(capella->cancelButton(), Qt::LeftButton);
        QMessageBox *box = capella->confirmation();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), u"Cancel 2 tasking requests?"_s);
        QVERIFY2(box->informativeText().contains(u"Cancellation fees may apply"_s), qPrintable(box->informativeText()));
        QVERIFY2(
            box->informativeText().contains(u"1 of them has already finished"_s), qPrintable(box->informativeText()));
        QAbstractButton *accept = buttonWithRole(box, QMessageBox::AcceptRole);
        QVERIFY(accept);
        QCOMPARE(accept->text(), u"Cancel 2 requests"_s);
        QVERIFY(box->defaultButton() != accept);
        QVERIFY(!capella->cancelButton()->isEnabled()); // one question at a time
        QTest::mouseClick(buttonWithRole(box, QMessageBox::RejectRole), Qt::LeftButton);
        QTRY_VERIFY(!capella->confirmation());
        QCOMPARE(receivedRequests(m_h->emulator(), "PATCH").size(), 0);

        // Confirmed: one PATCH per request, each answered.
        QTest::mouseClick(capella->cancelButton(), Qt::LeftButton);
        box = capella->confirmation();
        QVERIFY(box);
        QSignalSpy finished(capella, &CapellaTasksPanel::actionFinished);
        QTest::mouseClick(buttonWithRole(box, QMessageBox::AcceptRole), Qt::LeftButton);
        QVERIFY(finished.wait());
        const QList<ReceivedRequest> patches = receivedRequests(m_h->emulator(), "PATCH");
        QCOMPARE(patches.size(), 2);
        QStringList paths;
        for (const ReceivedRequest &r : patches) {
            paths.append(r.path);
            QCOMPARE(bodyOf(r), QJsonObject({ { u"status"_s, u"canceled"_s } }));
        }
        paths.sort();
        QCOMPARE(paths, QStringList({ u"/task/tr-active/status"_s, u"/task/tr-done/status"_s }));

        MessageBar *bar = capella->messageBar();
        QCOMPARE(bar->level(), MessageBar::Level::Warning);
        const QString text = bar->text();
        QVERIFY2(text.startsWith(u"Canceled 1 of 2 requests."_s), qPrintable(text));
        QVERIFY2(text.contains(u"\"Port of Valencia\": canceled."_s), qPrintable(text));
        QVERIFY2(
            text.contains(u"\"Port of Rotterdam\": not canceled: The request is already finished"_s), qPrintable(text));
        // Capella's own words and code.
        QVERIFY2(
            text.contains(u"This transaction has been finalized with a status of 'completed'"_s), qPrintable(text));
        QVERIFY2(text.contains(u"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"_s), qPrintable(text));

        // Listed again: the canceled one says so, and the results stay on show.
        QTRY_VERIFY(!capella->isLoading());
        const int row = capella->requestsModel()->rowOf(u"tr-active"_s);
        QCOMPARE(capella->requestsModel()->index(row, Model::Status).data().toString(), u"Canceled"_s);
        QCOMPARE(capella->requestsModel()->index(row, Model::Approval).data().toString(), u"Canceled by you"_s);
        QVERIFY(!bar->isHidden());
        QCOMPARE(receivedRequests(m_h->emulator(), "PATCH").size(), 2); // never retried
        // Both have finished now: nothing left to cancel.
        selectRows(capella, { 0, 1 });
        QVERIFY(!capella->cancelButton()->isEnabled());
    }

    void editSendsOnlyWhatChanged()
    {
        m_h->emulator()->addTaskingRequest(
            taskingFeature(u"tr-a"_s, u"Harbour"_s, activeHistory(), u"in-progress"_s, u"$3,000.00"_s));
        m_h->emulator()->addTaskingRequest(taskingFeature(
            u"tr-b"_s, u"Airport"_s, activeHistory(), u"in-progress"_s, u"$3,000.00"_s, u"2025-06-08T08:30:00.000Z"_s));
        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        QCOMPARE(capella->requestsModel()->rowCount(), 2);
        selectRows(capella, { capella->requestsModel()->rowOf(u"tr-a"_s) });

        QTest::mouseClick(capella->editButton(), Qt::LeftButton);
        CapellaRequestEditDialog *dialog = capella->editDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->nameEdit()->text(), u"Harbour"_s);
        // The product types of the spec, GEO always made.
        for (const QString &type : { u"SLC"_s, u"SICD"_s, u"GEC"_s, u"SIDD"_s, u"CPHD"_s, u"VC"_s }) {
            QVERIFY2(dialog->productCheck(type), qPrintable(type));
            QVERIFY(!dialog->productCheck(type)->isChecked());
        }
        QVERIFY(dialog->productCheck(u"GEO"_s)->isChecked());
        QVERIFY(!dialog->productCheck(u"GEO"_s)->isEnabled());

        // An empty name is refused in the dialog, under its field; nothing is sent.
        dialog->nameEdit()->clear();
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->issueText(u"name"_s).isEmpty());
        QCOMPARE(receivedRequests(m_h->emulator(), "PATCH").size(), 0);

        dialog->nameEdit()->setText(u"Harbour, weekly"_s);
        dialog->attributeEdit(1)->setText(u"PO-1234"_s);
        dialog->productCheck(u"SICD"_s)->setChecked(true);
        QSignalSpy finished(capella, &CapellaTasksPanel::actionFinished);
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QVERIFY(finished.wait());
        QList<ReceivedRequest> patches = receivedRequests(m_h->emulator(), "PATCH");
        QCOMPARE(patches.size(), 1);
        QCOMPARE(patches.first().path, u"/task/tr-a"_s);
        const QJsonObject expected { { u"properties"_s,
            QJsonObject { { u"taskingrequestName"_s, u"Harbour, weekly"_s }, { u"customAttribute1"_s, u"PO-1234"_s },
                { u"processingConfig"_s,
                    QJsonObject { { u"productTypes"_s, QJsonArray { u"GEO"_s, u"SICD"_s } } } } } } };
        QCOMPARE(bodyOf(patches.first()), expected);
        QCOMPARE(capella->messageBar()->level(), MessageBar::Level::Info);
        QVERIFY2(capella->messageBar()->text().startsWith(u"Updated 1 tasking request."_s),
            qPrintable(capella->messageBar()->text()));
        QCOMPARE(m_h->emulator()
                     ->taskingRequest(u"tr-a"_s)
                     .value(u"properties"_s)
                     .toObject()
                     .value(u"taskingrequestName"_s)
                     .toString(),
            u"Harbour, weekly"_s);

        // Both at once: empty fields leave each request's own; one PATCH each, the same body.
        QTRY_VERIFY(!capella->isLoading());
        m_h->emulator()->clearRequests();
        selectRows(capella, { 0, 1 });
        QTest::mouseClick(capella->editButton(), Qt::LeftButton);
        dialog = capella->editDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->nameEdit()->text().isEmpty());
        dialog->attributeEdit(2)->setText(u"Q3 budget"_s);
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QVERIFY(finished.wait());
        patches = receivedRequests(m_h->emulator(), "PATCH");
        QCOMPARE(patches.size(), 2);
        QStringList paths;
        for (const ReceivedRequest &r : patches) {
            paths.append(r.path);
            QCOMPARE(bodyOf(r),
                QJsonObject({ { u"properties"_s, QJsonObject { { u"customAttribute2"_s, u"Q3 budget"_s } } } }));
        }
        paths.sort();
        QCOMPARE(paths, QStringList({ u"/task/tr-a"_s, u"/task/tr-b"_s }));
        QVERIFY2(capella->messageBar()->text().startsWith(u"Updated 2 tasking requests."_s),
            qPrintable(capella->messageBar()->text()));
    }

    void approvingAPriceAsksFirst()
    {
        // Not pre-approved: in review, priced, after 60 s.
        const QString id = m_h->createTasking(u"Suez canal south"_s, false);
        QVERIFY(!id.isEmpty());
        m_h->emulator()->advanceClock(CapellaEmulator::ReviewAfter + 1);
        const QJsonObject properties = m_h->emulator()->taskingRequest(id).value(u"properties"_s).toObject();
        QCOMPARE(properties.value(u"transactionStatus"_s).toString(), u"pending-customer-approval"_s);
        QCOMPARE(properties.value(u"order"_s).toObject().value(u"summary"_s).toObject().value(u"total"_s).toString(),
            u"$3,000.00"_s);
        m_h->emulator()->addTaskingRequest(
            taskingFeature(u"tr-active"_s, u"Port of Valencia"_s, activeHistory(), u"in-progress"_s, u"$3,000.00"_s));

        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        QCOMPARE(capella->requestsModel()->rowCount(), 2);
        const int row = capella->requestsModel()->rowOf(id);
        QCOMPARE(capella->requestsModel()->index(row, Model::Status).data().toString(), u"In review"_s);
        QCOMPARE(capella->requestsModel()->index(row, Model::Cost).data().toString(), u"$3,000.00"_s);
        QCOMPARE(
            capella->requestsModel()->index(row, Model::Approval).data().toString(), u"Waiting for your approval"_s);
        // Only for a request in review, one at a time.
        selectRows(capella, { capella->requestsModel()->rowOf(u"tr-active"_s) });
        QVERIFY(!capella->approveButton()->isEnabled());
        selectRows(capella, { 0, 1 });
        QVERIFY(!capella->approveButton()->isEnabled());
        selectRows(capella, { row });
        QVERIFY(capella->approveButton()->isEnabled());
        m_h->emulator()->clearRequests();

        // "Not now" sends nothing.
        QTest::mouseClick(capella->approveButton(), Qt::LeftButton);
        QMessageBox *box = capella->confirmation();
        QVERIFY(box);
        QCOMPARE(box->text(), u"Approve the price of the tasking request \"Suez canal south\"?"_s);
        QVERIFY2(
            box->informativeText().contains(u"Capella will charge $3,000.00"_s), qPrintable(box->informativeText()));
        QAbstractButton *approve = buttonWithRole(box, QMessageBox::AcceptRole);
        QCOMPARE(approve->text(), u"Approve $3,000.00"_s);
        QVERIFY(box->defaultButton() != approve);
        QCOMPARE(box->defaultButton()->text(), u"Not now"_s);
        QTest::mouseClick(box->defaultButton(), Qt::LeftButton);
        QTRY_VERIFY(!capella->confirmation());
        QCOMPARE(receivedRequests(m_h->emulator(), "PATCH").size(), 0);

        // Approved: {"status": "approved"}, once.
        QTest::mouseClick(capella->approveButton(), Qt::LeftButton);
        box = capella->confirmation();
        QVERIFY(box);
        QCOMPARE(receivedRequests(m_h->emulator(), "PATCH").size(), 0);
        QSignalSpy finished(capella, &CapellaTasksPanel::actionFinished);
        QTest::mouseClick(buttonWithRole(box, QMessageBox::AcceptRole), Qt::LeftButton);
        QVERIFY(finished.wait());
        const QList<ReceivedRequest> patches = receivedRequests(m_h->emulator(), "PATCH");
        QCOMPARE(patches.size(), 1);
        QCOMPARE(patches.first().path, u"/task/%1/status"_s.arg(id));
        QCOMPARE(bodyOf(patches.first()), QJsonObject({ { u"status"_s, u"approved"_s } }));
        QCOMPARE(capella->messageBar()->level(), MessageBar::Level::Info);
        QTRY_VERIFY(!capella->isLoading());
        const int after = capella->requestsModel()->rowOf(id);
        QCOMPARE(capella->requestsModel()->index(after, Model::Status).data().toString(), u"Submitted"_s);
        QCOMPARE(capella->requestsModel()->index(after, Model::Approval).data().toString(), u"Approved"_s);
        QVERIFY(!capella->approveButton()->isEnabled());
    }

    void satellogicAndCapellaShareTheDock()
    {
        // A Satellogic account on a closed port: nothing leaves the machine.
        Account satellogic;
        satellogic.name = u"Satellogic prod"_s;
        satellogic.provider = u"satellogic"_s;
        for (const QString &name : { u"auth"_s, u"accounts"_s, u"api"_s }) {
            satellogic.endpoints.insert(name, QUrl(TestPorts::closedLocalOrigin() + u"/"_s + name));
        }
        QVERIFY(m_h->save(satellogic, {}));
        const QString capellaId = m_h->addCapellaAccount();
        QVERIFY(!capellaId.isEmpty());
        const QString satellogicId = m_h->store()->byName(u"Satellogic prod"_s).id;
        TasksPanel *panel = m_h->createPanel();
        QCOMPARE(panel->accountCombo()->count(), 2);

        panel->selectAccount(satellogicId);
        QCOMPARE(panel->pages()->currentIndex(), 0);
        QVERIFY(panel->statusCombo()->isVisible());
        QVERIFY(panel->accountCombo()->isVisible());
        QVERIFY(!panel->capellaPanel()->isVisible());

        panel->selectAccount(capellaId);
        QCOMPARE(panel->pages()->currentWidget(), panel->capellaPanel());
        QTRY_VERIFY(panel->accountCombo()->isVisible());
        QVERIFY(panel->capellaPanel()->isAncestorOf(panel->accountCombo()));
        QTRY_VERIFY_WITH_TIMEOUT(panel->capellaPanel()->statusLabel()->text() == u"0 tasking requests"_s, 10000);
        QVERIFY(!panel->isLoading());

        // And back: the Satellogic page with its own bar.
        panel->selectAccount(satellogicId);
        QCOMPARE(panel->pages()->currentIndex(), 0);
        QTRY_VERIFY(panel->accountCombo()->isVisible());
        QVERIFY(!panel->capellaPanel()->isAncestorOf(panel->accountCombo()));
        QVERIFY(!panel->capellaPanel()->session());
    }

    void screenshot()
    {
        const QString folder = qEnvironmentVariable("STACSCOPE_SCREENSHOTS");
        if (folder.isEmpty()) {
            QSKIP("Set STACSCOPE_SCREENSHOTS to a folder to write the screenshot of the dock");
        }
        QVERIFY(QDir().mkpath(folder));
        // Requests at different stages of their life.
        const QString lisbon = m_h->createTasking(u"Lisbon bridges"_s, true);
        m_h->emulator()->advanceClock(CapellaEmulator::ReviewAfter + 430);
        m_h->createTasking(u"Suez canal south"_s, false);
        m_h->createTasking(u"Port of Algeciras"_s, false);
        m_h->emulator()->advanceClock(CapellaEmulator::ReviewAfter + 1);
        m_h->emulator()->addTaskingRequest(taskingFeature(u"3f0c1e52-7a4b-4f0e-9a51-2b6de8a1c901"_s,
            u"Port of Rotterdam, Maasvlakte"_s, completedHistory(), u"completed"_s, u"$3,000.00"_s));
        m_h->emulator()->addTaskingRequest(taskingFeature(u"8b2d4c61-1e3f-4a7b-bc12-9f8e7d6c5b43"_s, u"Etna summit"_s,
            { capellaStatus(u"2025-06-10T12:00:00.000Z"_s, u"canceled"_s, u"Request canceled by the customer"_s),
                capellaStatus(u"2025-06-09T08:40:00.000Z"_s, u"submitted"_s, u"Request submitted for scheduling"_s),
                capellaStatus(u"2025-06-09T08:30:00.000Z"_s, u"received"_s, u"Request created"_s) },
            u"customer-cancelled"_s, u"$4,500.00"_s, u"2025-06-08T16:10:00.000Z"_s));
        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        m_h->panel()->resize(1600, 330);
        QSignalSpy collects(capella, &CapellaTasksPanel::collectsLoaded);
        selectRows(capella, { capella->requestsModel()->rowOf(lisbon) });
        QVERIFY(collects.wait());
        QTest::qWait(100);
        QVERIFY(m_h->panel()->grab().save(QDir(folder).filePath(u"capella-tasks.png"_s)));
    }

private:
    std::unique_ptr<CapellaTasksHarness> m_h;
};

QTEST_MAIN(TestCapellaTasks)
#include "tst_capellatasks.moc"
