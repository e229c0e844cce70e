// The order review dialog against the Capella emulator, as a person uses it: the price and
// Capella's authorization answer, a denial kept as Capella said it, Cancel as the default button,
// one order however Submit is clicked, a rejected order, and an active order reused instead of a
// second one. With STACSCOPE_SCREENSHOTS=<folder> it also writes the README's screenshot of the
// dialog there.
#include <memory>

#include <QCheckBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/providerregistry.h"
#include "tests/support/capellaemulator.h"
#include "ui/orders/orderreviewdialog.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// "$1,250.00", as Capella writes amounts.
QString dollars(double amount)
{
    return u"$"_s + QLocale(QLocale::English).toString(amount, 'f', 2);
}

} // namespace

class TestOrderReview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void init()
    {
        m_emulator = std::make_unique<CapellaEmulator>();
        QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<QSettings>(m_dir->filePath(u"accounts.ini"_s), QSettings::IniFormat);
        m_secrets = std::make_unique<MemorySecretStore>();
        m_store = std::make_unique<AccountStore>(m_settings.get());
        m_router = std::make_unique<CredentialRouter>();
        m_network.setAuthenticator(m_router.get());
        m_accounts = std::make_unique<AccountManager>(
            m_store.get(), m_registry.get(), ProviderServices { &m_network, m_router.get(), m_secrets.get() });
        m_session = addAccount();
        QVERIFY(m_session);
    }

    void cleanup()
    {
        m_accounts.reset();
        m_store.reset();
        m_router.reset();
        m_secrets.reset();
        m_settings.reset();
        m_dir.reset();
        m_emulator.reset();
    }

    void showsEachGranuleThePriceAndTheAuthorization()
    {
        const QStringList ids = purchasable(2);
        QCOMPARE(ids.size(), 2);
        const double total = m_emulator->granulePrice(ids[0]) + m_emulator->granulePrice(ids[1]);
        QVERIFY(total > 0);

        auto dialog = open(ids);
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Ready);
        // One row per granule, with its collection and Capella's price for it.
        QTreeWidget *table = dialog->granulesView();
        QCOMPARE(table->topLevelItemCount(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(table->topLevelItem(i)->text(0), ids[i]);
            QCOMPARE(table->topLevelItem(i)->text(1), m_emulator->item(ids[i]).value(u"collection"_s).toString());
            QCOMPARE(table->topLevelItem(i)->text(5), dollars(m_emulator->granulePrice(ids[i])));
        }
        QCOMPARE(dialog->totalLabel()->text(), dollars(total));
        // The rest of the summary is listed beside the total.
        QVERIFY(labelTexts(dialog.get()).contains(u"Subtotal"_s));
        QVERIFY(labelTexts(dialog.get()).contains(u"USD"_s));
        QVERIFY2(dialog->authorizationLabel()->text().contains(u"Authorized"_s),
            qPrintable(dialog->authorizationLabel()->text()));
        QVERIFY(dialog->submitButton()->isEnabled());
        QVERIFY(dialog->reuseActiveCheck()->isChecked());

        // Exactly one price check, with the granules as Capella takes them; nothing ordered.
        const QList<ReceivedRequest> reviews = apiRequests("POST", u"/orders/review"_s);
        QCOMPARE(reviews.size(), 1);
        const QJsonArray items = QJsonDocument::fromJson(reviews[0].body).object().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].toObject().value(u"granuleId"_s).toString(), ids[0]);
        QCOMPARE(items[0].toObject().value(u"collectionId"_s).toString(),
            m_emulator->item(ids[0]).value(u"collection"_s).toString());
        QCOMPARE(m_emulator->orderSubmissions(), 0);
    }

    void insufficientFundsShowsTheDenialAndKeepsSubmitDisabled()
    {
        m_emulator->setInsufficientFunds(true);
        const QStringList ids = purchasable(1);
        auto dialog = open(ids);
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Denied);
        const QString text = dialog->authorizationLabel()->text();
        QVERIFY2(text.contains(u"Not authorized"_s), qPrintable(text));
        // Capella's words and code, as it sent them.
        QVERIFY2(
            text.contains(u"This order will exceed the available balance of your organization (order total %1)"_s.arg(
                dollars(m_emulator->granulePrice(ids[0])))),
            qPrintable(text));
        QVERIFY(text.contains(u"AUTHORIZATION_INSUFFICIENT_FUNDS"_s));
        QVERIFY(!dialog->submitButton()->isEnabled());
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Denied);
        QCOMPARE(m_emulator->orderSubmissions(), 0);
    }

    void cancelIsTheDefaultButtonAndEnterNeverOrders()
    {
        auto dialog = open(purchasable(1));
        QVERIFY(dialog->submitButton()->isEnabled());
        QVERIFY(dialog->cancelButton()->isDefault());
        QVERIFY(!dialog->submitButton()->isDefault());
        QVERIFY(!dialog->submitButton()->autoDefault());
        // Even with the focus on Submit, Enter goes to Cancel.
        dialog->submitButton()->setFocus();
        QVERIFY(!dialog->submitButton()->isDefault());
        QTest::keyClick(dialog->submitButton(), Qt::Key_Return);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
        QCOMPARE(m_emulator->orderSubmissions(), 0);
    }

    void doubleClickOnSubmitSendsOneOrder()
    {
        const QStringList ids = purchasable(2);
        auto dialog = open(ids);
        dialog->reuseActiveCheck()->setChecked(false);
        QSignalSpy placed(dialog.get(), &OrderReviewDialog::orderPlaced);
        QSignalSpy finished(dialog.get(), &OrderReviewDialog::submitFinished);
        // Through the window, as the platform delivers a double click: press, release, press
        // (with its double-click event), release.
        QPushButton *submit = dialog->submitButton();
        QTest::mouseDClick(
            dialog->windowHandle(), Qt::LeftButton, {}, submit->mapTo(dialog.get(), submit->rect().center()));
        QVERIFY(!dialog->submitButton()->isEnabled());
        QVERIFY(finished.wait(10000));
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Placed);
        QCOMPARE(m_emulator->orderSubmissions(), 1);
        QCOMPARE(apiRequests("POST", u"/orders"_s).size(), 1);
        QCOMPARE(m_emulator->orderIds().size(), 1);
        const QString orderId = m_emulator->orderIds().first();
        QCOMPARE(placed.size(), 1);
        QCOMPARE(placed.first().first().value<CapellaOrder>().id, orderId);
        QCOMPARE(dialog->order().id, orderId);
        QVERIFY(!dialog->reusedActiveOrder());
        QVERIFY2(dialog->resultLabel()->text().contains(orderId), qPrintable(dialog->resultLabel()->text()));
        // Done: Submit stays off, Close is the way out.
        QVERIFY(!dialog->submitButton()->isEnabled());
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QCOMPARE(dialog->cancelButton()->text(), u"Close"_s);
        QCOMPARE(m_emulator->orderSubmissions(), 1);
    }

    void aRejectedOrderShowsTheRejection()
    {
        m_emulator->setRejectOrders(true);
        auto dialog = open(purchasable(1));
        dialog->reuseActiveCheck()->setChecked(false);
        QSignalSpy placed(dialog.get(), &OrderReviewDialog::orderPlaced);
        QSignalSpy finished(dialog.get(), &OrderReviewDialog::submitFinished);
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_emulator->orderSubmissions(), 1);
        QCOMPARE(m_emulator->orderIds().size(), 1);
        const QString orderId = m_emulator->orderIds().first();
        QCOMPARE(m_emulator->order(orderId).value(u"orderStatus"_s).toString(), u"rejected"_s);
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Failed);
        const QString text = dialog->resultLabel()->text();
        QVERIFY2(
            text.contains(u"not placed"_s) && text.contains(u"rejected"_s) && text.contains(orderId), qPrintable(text));
        QCOMPARE(placed.size(), 0);
        // Capella answered: nothing is sent again from this dialog.
        QVERIFY(!dialog->submitButton()->isEnabled());
    }

    void anOrderWithoutAnAnswerIsNeverSentAgain()
    {
        auto dialog = open(purchasable(1));
        dialog->reuseActiveCheck()->setChecked(false);
        // The gateway fails the order request: Capella may or may not have taken it.
        m_emulator->rejectNextApiRequests(1, 502);
        QSignalSpy uncertain(dialog.get(), &OrderReviewDialog::orderUncertain);
        QSignalSpy placed(dialog.get(), &OrderReviewDialog::orderPlaced);
        QSignalSpy finished(dialog.get(), &OrderReviewDialog::submitFinished);
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Uncertain);
        QCOMPARE(uncertain.size(), 1);
        QCOMPARE(placed.size(), 0);
        QVERIFY2(dialog->resultLabel()->text().contains(u"may have been placed"_s)
                && dialog->resultLabel()->text().contains(u"Orders list"_s),
            qPrintable(dialog->resultLabel()->text()));
        // Sent once, not retried, and Submit stays off.
        QCOMPARE(apiRequests("POST", u"/orders"_s).size(), 1);
        QVERIFY(!dialog->submitButton()->isEnabled());
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QCOMPARE(apiRequests("POST", u"/orders"_s).size(), 1);
    }

    void anActiveOrderHoldingTheProductsIsReused()
    {
        const QStringList ids = purchasable(2);
        QString first;
        {
            auto dialog = open(ids);
            QSignalSpy finished(dialog.get(), &OrderReviewDialog::submitFinished);
            QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
            QVERIFY(finished.wait(10000));
            QCOMPARE(dialog->state(), OrderReviewDialog::State::Placed);
            QVERIFY(!dialog->reusedActiveOrder());
            first = dialog->order().id;
        }
        QCOMPARE(m_emulator->orderSubmissions(), 1);
        m_emulator->clearRequests();

        // The same products again: owned now, so Capella prices them at nothing.
        auto dialog = open(ids);
        QCOMPARE(dialog->totalLabel()->text(), dollars(0));
        QVERIFY(dialog->reuseActiveCheck()->isChecked());
        QSignalSpy placed(dialog.get(), &OrderReviewDialog::orderPlaced);
        QSignalSpy finished(dialog.get(), &OrderReviewDialog::submitFinished);
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Placed);
        QVERIFY(dialog->reusedActiveOrder());
        QCOMPARE(dialog->order().id, first);
        QCOMPARE(placed.size(), 1);
        QVERIFY2(dialog->resultLabel()->text().contains(u"Nothing new was ordered"_s),
            qPrintable(dialog->resultLabel()->text()));
        // The orders were listed; no second order went out.
        QCOMPARE(apiRequests("GET", u"/orders"_s).size(), 1);
        QCOMPARE(apiRequests("POST", u"/orders"_s).size(), 0);
        QCOMPARE(m_emulator->orderSubmissions(), 1);
    }

    void escapeWhileReviewingCancelsTheReview()
    {
        // The first answers are "429, retry in a second": the review is still waiting when Escape comes.
        m_emulator->rejectNextApiRequests(2, 429, 1);
        auto dialog = std::make_unique<OrderReviewDialog>(m_session, granules(purchasable(1)));
        QSignalSpy reviewed(dialog.get(), &OrderReviewDialog::reviewFinished);
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Reviewing);
        QVERIFY(!dialog->submitButton()->isEnabled());
        QTRY_VERIFY(!apiRequests("POST", u"/orders/review"_s).isEmpty());
        QTest::keyClick(dialog.get(), Qt::Key_Escape);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
        // Past the retry delay: the review was not sent again, and nothing was ordered.
        QVERIFY(!reviewed.wait(2000));
        QCOMPARE(apiRequests("POST", u"/orders/review"_s).size(), 1);
        QCOMPARE(m_emulator->orderSubmissions(), 0);
    }

    void screenshot()
    {
        const QString folder = qEnvironmentVariable("STACSCOPE_SCREENSHOTS");
        if (folder.isEmpty()) {
            QSKIP("Set STACSCOPE_SCREENSHOTS to a folder to write the README's screenshots");
        }
        QVERIFY(QDir().mkpath(folder));
        // Three products of different modes, as picked from the results table.
        QStringList ids;
        QList<OrderReviewDialog::GranuleInfo> info;
        QStringList modes;
        for (const QString &id : purchasable(30)) {
            const QJsonObject properties = m_emulator->item(id).value(u"properties"_s).toObject();
            const QString mode = properties.value(u"sar:instrument_mode"_s).toString();
            if (modes.contains(mode)) {
                continue;
            }
            modes.append(mode);
            ids.append(id);
            info.append({ mode, properties.value(u"sar:product_type"_s).toString(),
                QDateTime::fromString(properties.value(u"datetime"_s).toString(), Qt::ISODateWithMs) });
        }
        QCOMPARE(ids.size(), 3);
        auto dialog = open(ids, info);
        QCOMPARE(dialog->state(), OrderReviewDialog::State::Ready);
        QTest::qWait(50);
        QVERIFY(dialog->grab().save(QDir(folder).filePath(u"capella-order-review.png"_s)));
    }

private:
    CapellaSession *addAccount()
    {
        Account a;
        a.name = u"Capella prod"_s;
        a.provider = u"capella"_s;
        a.endpoints = { { u"api"_s, m_emulator->apiUrl() } };
        QString error = u"pending"_s;
        m_accounts->saveAccount(a, { { u"api_key"_s, CapellaEmulator::DefaultApiKey.toString().toUtf8() } }, this,
            [&](const QString &e) { error = e; });
        if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 5000) || !error.isEmpty()) {
            qWarning() << "account not saved:" << error;
            return nullptr;
        }
        return qobject_cast<CapellaSession *>(m_accounts->session(m_store->byName(a.name).id));
    }

    // Granules the organization would pay for (not owned, public or ordered before).
    QStringList purchasable(int count) const
    {
        QStringList ids;
        for (const QJsonObject &item : m_emulator->items()) {
            const QString id = item.value(u"id"_s).toString();
            if (ids.size() < count && m_emulator->itemOwnership(id) == u"availableForPurchase"_s
                && m_emulator->granulePrice(id) > 0) {
                ids.append(id);
            }
        }
        return ids;
    }

    QList<CapellaGranule> granules(const QStringList &ids) const
    {
        QList<CapellaGranule> out;
        for (const QString &id : ids) {
            out.append({ m_emulator->item(id).value(u"collection"_s).toString(), id });
        }
        return out;
    }

    // The dialog, shown, once Capella's review is in.
    std::unique_ptr<OrderReviewDialog> open(
        const QStringList &ids, const QList<OrderReviewDialog::GranuleInfo> &info = {})
    {
        auto dialog = std::make_unique<OrderReviewDialog>(m_session, granules(ids), info);
        QSignalSpy reviewed(dialog.get(), &OrderReviewDialog::reviewFinished);
        dialog->show();
        if (!QTest::qWaitForWindowExposed(dialog.get()) || !reviewed.wait(10000)) {
            qWarning() << "no review";
        }
        return dialog;
    }

    QList<ReceivedRequest> apiRequests(const QByteArray &method, const QString &path) const
    {
        QList<ReceivedRequest> out;
        for (const ReceivedRequest &r : m_emulator->requests(CapellaEmulator::Service::Api)) {
            if (r.method == method && r.path == path) {
                out.append(r);
            }
        }
        return out;
    }

    static QStringList labelTexts(const QWidget *widget)
    {
        QStringList texts;
        for (const QLabel *label : widget->findChildren<QLabel *>()) {
            texts.append(label->text());
        }
        return texts;
    }

    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    std::unique_ptr<ProviderRegistry> m_registry = ProviderRegistry::createDefault();
    std::unique_ptr<CapellaEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<CredentialRouter> m_router;
    std::unique_ptr<AccountManager> m_accounts;
    CapellaSession *m_session = nullptr;
};

QTEST_MAIN(TestOrderReview)
#include "tst_orderreview.moc"
