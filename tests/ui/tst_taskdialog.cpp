// The task dialog ("Task this...") against the Satellogic and Capella emulators, as a person uses
// it: forms filled by keyboard and mouse, every validation message, the review page, one request
// per Submit however often it is clicked, a server refusal shown under its field, and a lost
// answer looked up by name before anything is sent again.

#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

#include "src/geo/geometry.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "src/providers/accountstore.h"
#include "tests/support/capellaemulator.h"
#include "tests/support/satellogicemulator.h"
#include "tests/ui/capellatasksharness.h"
#include "ui/accounts/accountcombo.h"
#include "ui/tasking/parameterform.h"
#include "ui/tasking/taskdialog.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QString FirstContract = SatellogicEmulator::FirstContractId.toString();

void type(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClicks(widget, text);
}

void replace(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    type(edit, text);
}

void choose(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    combo->setFocus();
    // Keyboard: Home, then Down to the entry.
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < index; ++i) {
        QTest::keyClick(combo, Qt::Key_Down);
    }
    QCOMPARE(combo->currentIndex(), index);
}

QList<ReceivedRequest> posts(const QList<ReceivedRequest> &requests, const QString &path)
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest &r : requests) {
        if (r.method == "POST" && r.path == path) {
            out.append(r);
        }
    }
    return out;
}

} // namespace

class TestTaskDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Window times carry the user's offset; use one that is not UTC.
        qputenv("TZ", "Europe/Madrid");
    }

    void init()
    {
        m_h = std::make_unique<CapellaTasksHarness>();
        QVERIFY(m_h->isListening());
        m_satellogic = std::make_unique<SatellogicEmulator>();
        QVERIFY2(m_satellogic->listen(), qPrintable(m_satellogic->errorString()));
    }

    void cleanup()
    {
        m_dialog.reset();
        m_h.reset();
        m_satellogic.reset();
    }

    void satellogicTaskFilledByKeyboardIsReviewedAndSentOnce()
    {
        openDialog(addSatellogicAccount(), Geometry::point(-0.32, 39.44));
        QCOMPARE(m_dialog->kind(), TaskKind::SatellogicTask);
        // Products load from /tasking/products/; only the point product fits a point.
        QTRY_COMPARE(productCount(), 2);
        auto *product = qobject_cast<QComboBox *>(m_dialog->form()->editor(u"product"_s));
        QCOMPARE(product->itemText(0), u"Choose..."_s);
        QCOMPARE(product->itemText(1), u"Multispectral 70cm"_s);
        // Required fields say so before anything is typed; Review waits.
        QCOMPARE(m_dialog->issueText(u"product"_s), u"Choose one of the account's tasking products."_s);
        QCOMPARE(m_dialog->issueText(u"project"_s), u"Required."_s);
        QVERIFY(!m_dialog->reviewButton()->isEnabled());

        replace(m_dialog->nameEdit(), u"Port of Valencia"_s);
        choose(product, u"Multispectral 70cm"_s);
        type(m_dialog->form()->editor(u"project"_s), u"Harbours"_s);
        QCOMPARE(m_dialog->issueText(u"product"_s), QString());
        // The window: the end before the start is refused in words.
        const QDateTime start(QDate(2027, 3, 1), QTime(9, 0), QTimeZone(u"Europe/Madrid"_s.toUtf8()));
        m_dialog->windowStart()->setDateTime(start);
        m_dialog->windowEnd()->setDateTime(start.addSecs(-3600));
        QCOMPARE(m_dialog->issueText(u"window"_s), u"The window must close after it opens."_s);
        QVERIFY(!m_dialog->reviewButton()->isEnabled());
        m_dialog->windowEnd()->setDateTime(start.addDays(5));
        QCOMPARE(m_dialog->issueText(u"window"_s), QString());
        QTRY_VERIFY(m_dialog->reviewButton()->isEnabled());

        QTest::mouseClick(m_dialog->reviewButton(), Qt::LeftButton);
        QVERIFY(m_dialog->isReviewing());
        // The exact body, written out: times with Madrid's winter offset, as typed.
        const QJsonObject expected { { u"task_name"_s, u"Port of Valencia"_s }, { u"project_name"_s, u"Harbours"_s },
            { u"product"_s, 169 },
            { u"target"_s,
                QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { -0.32, 39.44 } } } },
            { u"start"_s, u"2027-03-01T09:00:00+01:00"_s }, { u"end"_s, u"2027-03-06T09:00:00+01:00"_s } };
        QCOMPARE(QJsonDocument::fromJson(m_dialog->bodyView()->toPlainText().toUtf8()).object(), expected);
        QCOMPARE(m_dialog->costLabel()->text(),
            u"Billed under your contract: Satellogic quotes no price before a task is sent."_s);
        QVERIFY(summaryHas(u"Window"_s, u"2027-03-01 09:00 UTC+01:00 to 2027-03-06 09:00 UTC+01:00 (5 days)"_s));
        QVERIFY(summaryHas(u"Product"_s, u"Multispectral 70cm"_s));
        QVERIFY(summaryHas(u"Contract"_s, FirstContract));
        // Submit is never the default button: Enter sends nothing.
        QVERIFY(!m_dialog->submitButton()->isDefault());
        QVERIFY(!m_dialog->submitButton()->autoDefault());
        QTest::keyClick(m_dialog.get(), Qt::Key_Return);
        QTest::qWait(200);
        QCOMPARE(posts(m_satellogic->requests(SatellogicEmulator::Service::Api), u"/tasking/tasks/"_s).size(), 0);

        // A double click sends one request.
        QSignalSpy submitted(m_dialog.get(), &TaskDialog::submitted);
        // The events of a double click: press, release, press (a double click), release.
        QTest::mouseClick(m_dialog->submitButton(), Qt::LeftButton);
        QTest::mouseDClick(m_dialog->submitButton(), Qt::LeftButton);
        QTest::mouseRelease(m_dialog->submitButton(), Qt::LeftButton);
        QVERIFY(!m_dialog->submitButton()->isEnabled());
        QVERIFY(submitted.wait(10000));
        const QList<ReceivedRequest> sent
            = posts(m_satellogic->requests(SatellogicEmulator::Service::Api), u"/tasking/tasks/"_s);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(sent.first().body).object(), expected);
        const QString taskId = submitted.first().at(2).toString();
        QVERIFY(!m_satellogic->task(taskId.toLongLong()).isEmpty());
        QVERIFY(m_dialog->statusText().contains(taskId));
    }

    void satellogicAreaTargetOffersTheAreaProduct()
    {
        Geometry box = Geometry::fromBox(GeoBox { -0.4, 39.4, -0.3, 39.5 });
        openDialog(addSatellogicAccount(), box);
        QTRY_COMPARE(productCount(), 2);
        auto *product = qobject_cast<QComboBox *>(m_dialog->form()->editor(u"product"_s));
        QCOMPARE(product->itemText(1), u"Area Coverage 70cm"_s);
    }

    void capellaTaskingValidatesEachFieldInWords()
    {
        openDialog(m_h->addCapellaAccount(), Geometry::point(2.17, 41.38));
        QCOMPARE(m_dialog->kindCombo()->count(), 2);
        QCOMPARE(m_dialog->kind(), TaskKind::CapellaTasking);
        ParameterForm *form = m_dialog->form();
        replace(m_dialog->nameEdit(), u"Barcelona port"_s);
        // Every constraint of seed 003 has a field.
        for (const QString &key :
            { u"collection_tier"_s, u"collection_type"_s, u"local_time"_s, u"off_nadir_min"_s, u"off_nadir_max"_s,
                u"orbital_planes"_s, u"asc_dsc"_s, u"look_direction"_s, u"polarization"_s, u"archive_holdback"_s,
                u"custom_attribute_1"_s, u"custom_attribute_2"_s, u"pre_approval"_s, u"azimuth_angle_min"_s,
                u"azimuth_angle_max"_s, u"squint"_s, u"max_squint_angle"_s, u"product_types"_s }) {
            QVERIFY2(form->editor(key), qPrintable(key));
        }
        // GEO is always made: checked and fixed.
        auto *geo = form->editor(u"product_types"_s)->findChild<QCheckBox *>(u"GEO"_s);
        QVERIFY(geo && geo->isChecked() && !geo->isEnabled());

        auto *minimum = qobject_cast<QLineEdit *>(form->editor(u"off_nadir_min"_s));
        auto *maximum = qobject_cast<QLineEdit *>(form->editor(u"off_nadir_max"_s));
        type(minimum, u"abc"_s);
        QCOMPARE(m_dialog->issueText(u"off_nadir_min"_s), u"\"abc\" is not a number from 0 to 90 °."_s);
        replace(minimum, u"95"_s);
        QCOMPARE(m_dialog->issueText(u"off_nadir_min"_s), u"95 is out of range: a number from 0 to 90 °."_s);
        replace(minimum, u"30"_s);
        type(maximum, u"20"_s);
        QCOMPARE(m_dialog->issueText(u"off_nadir_min"_s), QString());
        QCOMPARE(m_dialog->issueText(u"off_nadir_max"_s), u"Must not be smaller than off_nadir_min."_s);
        QVERIFY(!m_dialog->reviewButton()->isEnabled());
        replace(maximum, u"40"_s);
        QCOMPARE(m_dialog->issueText(u"off_nadir_max"_s), QString());

        // The tier's shortest window: priority needs 72 hours.
        choose(qobject_cast<QComboBox *>(form->editor(u"collection_tier"_s)), u"priority"_s);
        const QDateTime start = QDateTime::currentDateTime().addDays(2);
        m_dialog->windowStart()->setDateTime(start);
        m_dialog->windowEnd()->setDateTime(start.addSecs(24 * 3600));
        QCOMPARE(m_dialog->issueText(u"window"_s),
            u"The priority tier needs a window of at least 72 hours; this one is 24.0 h long."_s);
        m_dialog->windowEnd()->setDateTime(start.addDays(3));
        QCOMPARE(m_dialog->issueText(u"window"_s), QString());
        // An empty name.
        replace(m_dialog->nameEdit(), u" "_s);
        QCOMPARE(m_dialog->issueText(u"name"_s), u"Is required."_s);
        replace(m_dialog->nameEdit(), u"Barcelona port"_s);
        QTRY_VERIFY(m_dialog->reviewButton()->isEnabled());
    }

    void capellaRejectionIsShownUnderItsFieldAndTheFormKeepsWhatWasTyped()
    {
        // Longitude 200 is a point our form passes on; Capella's validation names the geometry.
        openDialog(m_h->addCapellaAccount(), Geometry::point(200, 41.38));
        replace(m_dialog->nameEdit(), u"Off the map"_s);
        type(m_dialog->form()->editor(u"custom_attribute_1"_s), u"PO-1234"_s);
        QTRY_VERIFY(m_dialog->reviewButton()->isEnabled());
        QVERIFY(m_dialog->review());
        QSignalSpy status(m_dialog.get(), &TaskDialog::targetStatusChanged);
        QTest::mouseClick(m_dialog->submitButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isReviewing(), 10000);
        QVERIFY2(m_dialog->issueText(u"target"_s).startsWith(u"Must be a GeoJSON Point or Polygon"_s),
            qPrintable(m_dialog->issueText(u"target"_s)));
        QVERIFY(m_dialog->statusText().startsWith(u"The provider refused the request: HTTP 400 (VALIDATION_ERROR)"_s));
        QCOMPARE(m_dialog->nameEdit()->text(), u"Off the map"_s);
        QCOMPARE(qobject_cast<QLineEdit *>(m_dialog->form()->editor(u"custom_attribute_1"_s))->text(), u"PO-1234"_s);
        QCOMPARE(status.last().first().toString(), u"Refused"_s);
    }

    void refusedReviewSendsNothing()
    {
        openDialog(m_h->addCapellaAccount(), Geometry::point(2.17, 41.38));
        replace(m_dialog->nameEdit(), u"Not this time"_s);
        QTRY_VERIFY(m_dialog->reviewButton()->isEnabled());
        QVERIFY(m_dialog->review());
        QTest::mouseClick(m_dialog->backButton(), Qt::LeftButton);
        QVERIFY(!m_dialog->isReviewing());
        QVERIFY(m_dialog->review());
        m_dialog->reject();
        QTest::qWait(200);
        QCOMPARE(posts(m_h->emulator()->requests(CapellaEmulator::Service::Api), u"/task"_s).size(), 0);
    }

    void capellaRepeatCadenceIsOneChoice()
    {
        openDialog(m_h->addCapellaAccount(), Geometry::point(2.17, 41.38));
        choose(m_dialog->kindCombo(), u"Capella repeat request"_s);
        QVERIFY(!m_dialog->windowStart()->isVisible());
        // The cadence edits repeat_end and repetition_count: they have no fields of their own.
        QVERIFY(!m_dialog->form()->editor(u"repeat_end"_s));
        QVERIFY(!m_dialog->form()->editor(u"repetition_count"_s));
        replace(m_dialog->nameEdit(), u"Weekly port watch"_s);
        choose(m_dialog->cadenceCombo(), u"A number of collects"_s);
        QVERIFY(m_dialog->repeatCount()->isVisible());
        QVERIFY(!m_dialog->repeatEnd()->isVisible());
        m_dialog->repeatCount()->setValue(5);
        // InSAR needs its orbit.
        choose(qobject_cast<QComboBox *>(m_dialog->form()->editor(u"collection_tier"_s)), u"insar"_s);
        QCOMPARE(
            m_dialog->issueText(u"insar_orbit"_s), u"Is required for the insar tier (MIO_53_2P95 or SSO_97_7P00)."_s);
        choose(qobject_cast<QComboBox *>(m_dialog->form()->editor(u"insar_orbit"_s)), u"SSO_97_7P00"_s);
        QTRY_VERIFY(m_dialog->reviewButton()->isEnabled());
        QVERIFY(m_dialog->review());
        const QJsonObject properties = QJsonDocument::fromJson(m_dialog->bodyView()->toPlainText().toUtf8())
                                           .object()
                                           .value(u"properties"_s)
                                           .toObject();
        const QJsonObject repetition = properties.value(u"repetitionProperties"_s).toObject();
        QCOMPARE(repetition.value(u"repetitionCount"_s).toInt(), 5);
        QVERIFY(!repetition.contains(u"repeatEnd"_s));
        QCOMPARE(properties.value(u"insar"_s).toObject().value(u"orbit"_s).toString(), u"SSO_97_7P00"_s);
        QVERIFY(summaryHas(u"Ends"_s, u"after 5 collects"_s));
        QVERIFY(m_dialog->costLabel()->text().startsWith(u"Capella prices each collect"_s));

        // Until a date: repeatEnd instead.
        QTest::mouseClick(m_dialog->backButton(), Qt::LeftButton);
        choose(m_dialog->cadenceCombo(), u"Until a date"_s);
        m_dialog->repeatEnd()->setDateTime(
            QDateTime(QDate(2030, 6, 30), QTime(18, 0), QTimeZone(u"Europe/Madrid"_s.toUtf8())));
        QVERIFY(m_dialog->review());
        const QJsonObject until = QJsonDocument::fromJson(m_dialog->bodyView()->toPlainText().toUtf8())
                                      .object()
                                      .value(u"properties"_s)
                                      .toObject()
                                      .value(u"repetitionProperties"_s)
                                      .toObject();
        QCOMPARE(until.value(u"repeatEnd"_s).toString(), u"2030-06-30T16:00:00.000Z"_s);
        QVERIFY(!until.contains(u"repetitionCount"_s));

        QSignalSpy submitted(m_dialog.get(), &TaskDialog::submitted);
        QTest::mouseClick(m_dialog->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(10000));
        QCOMPARE(posts(m_h->emulator()->requests(CapellaEmulator::Service::Api), u"/repeat-requests"_s).size(), 1);
        QVERIFY(!m_h->emulator()->repeatRequest(submitted.first().at(2).toString()).isEmpty());
    }

    void lostAnswerIsLookedUpBeforeAnyResend()
    {
        openDialog(m_h->addCapellaAccount(), Geometry::point(2.17, 41.38));
        replace(m_dialog->nameEdit(), u"Lost in transit"_s);
        QTRY_VERIFY(m_dialog->reviewButton()->isEnabled());
        QVERIFY(m_dialog->review());
        m_h->emulator()->loseAnswers("POST", u"/task"_s);
        QSignalSpy submitted(m_dialog.get(), &TaskDialog::submitted);
        QTest::mouseClick(m_dialog->submitButton(), Qt::LeftButton);
        QVERIFY(submitted.wait(20000));
        const QList<ReceivedRequest> api = m_h->emulator()->requests(CapellaEmulator::Service::Api);
        // Sent once; then looked up, not sent again.
        QCOMPARE(posts(api, u"/task"_s).size(), 1);
        QCOMPARE(posts(api, u"/tasks/search"_s).size(), 1);
        const QString id = submitted.first().at(2).toString();
        QCOMPARE(m_h->emulator()->taskingRequest(id).value(u"properties"_s).toObject().value(u"taskingrequestName"_s),
            u"Lost in transit"_s);
        QVERIFY2(m_dialog->statusText().startsWith(u"The answer was lost, but the request was found"_s),
            qPrintable(m_dialog->statusText()));
    }

    void lostAnswerNotFoundOffersToSendAgainWithoutSending()
    {
        openDialog(addSatellogicAccount(), Geometry::point(-0.32, 39.44));
        QTRY_COMPARE(productCount(), 2);
        auto *product = qobject_cast<QComboBox *>(m_dialog->form()->editor(u"product"_s));
        replace(m_dialog->nameEdit(), u"Gone"_s);
        choose(product, u"Multispectral 70cm"_s);
        type(m_dialog->form()->editor(u"project"_s), u"Harbours"_s);
        QTRY_VERIFY(m_dialog->reviewButton()->isEnabled());
        QVERIFY(m_dialog->review());
        m_satellogic->loseAnswers("POST", u"/tasking/tasks/"_s);
        // The lookup fails too (the credentials are refused): the request's fate stays unknown.
        QTest::mouseClick(m_dialog->submitButton(), Qt::LeftButton);
        QVERIFY(m_dialog->submitJob());
        connect(m_dialog->submitJob(), &TaskSubmitJob::lookingUp, this, [this] {
            m_satellogic->removeClient(SatellogicEmulator::DefaultClientId.toString());
            m_satellogic->revokeTokens();
        });
        QTRY_VERIFY_WITH_TIMEOUT(m_dialog->sendAgainButton()->isVisible(), 20000);
        QVERIFY(!m_dialog->submitButton()->isVisible());
        QVERIFY2(m_dialog->statusText().contains(u"no request of this name was found"_s),
            qPrintable(m_dialog->statusText()));
        // Nothing was sent again by itself.
        QTest::qWait(300);
        QCOMPARE(posts(m_satellogic->requests(SatellogicEmulator::Service::Api), u"/tasking/tasks/"_s).size(), 1);
    }

private:
    QString addSatellogicAccount()
    {
        Account a;
        a.name = u"Satellogic prod"_s;
        a.provider = u"satellogic"_s;
        a.endpoints = { { u"auth"_s, m_satellogic->authUrl() }, { u"accounts"_s, m_satellogic->accountsUrl() },
            { u"api"_s, m_satellogic->apiUrl() } };
        a.options.insert(u"contract"_s, FirstContract);
        if (!m_h->save(a,
                { { u"client_id"_s, SatellogicEmulator::DefaultClientId.toString().toUtf8() },
                    { u"client_secret"_s, SatellogicEmulator::DefaultClientSecret.toString().toUtf8() } })) {
            return {};
        }
        return m_h->store()->byName(a.name).id;
    }

    void openDialog(const QString &accountId, const Geometry &target)
    {
        QVERIFY(!accountId.isEmpty());
        m_dialog = std::make_unique<TaskDialog>(m_h->accounts());
        m_dialog->selectAccount(accountId);
        QCOMPARE(m_dialog->accountCombo()->currentAccountId(), accountId);
        m_dialog->setTarget(u"Target"_s, target);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    // The product list is rebuilt when the account's products arrive: look it up each time.
    int productCount() const
    {
        const auto *product = qobject_cast<QComboBox *>(m_dialog->form()->editor(u"product"_s));
        return product ? product->count() : -1;
    }

    bool summaryHas(const QString &label, const QString &value) const
    {
        QTreeWidget *summary = m_dialog->summaryView();
        for (int i = 0; i < summary->topLevelItemCount(); ++i) {
            if (summary->topLevelItem(i)->text(0) == label) {
                if (summary->topLevelItem(i)->text(1) != value) {
                    qWarning() << label << "is" << summary->topLevelItem(i)->text(1);
                }
                return summary->topLevelItem(i)->text(1) == value;
            }
        }
        qWarning() << "no" << label << "in the summary";
        return false;
    }

    std::unique_ptr<CapellaTasksHarness> m_h;
    std::unique_ptr<SatellogicEmulator> m_satellogic;
    std::unique_ptr<TaskDialog> m_dialog;
};

} // namespace StacScope

QTEST_MAIN(StacScope::TestTaskDialog)
#include "tst_taskdialog.moc"
