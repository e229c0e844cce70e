// "Order..." for scenes of an UP42 archive host (Up42OrderDialog) against the emulator: the data
// product of their collection, UP42's estimate in credits per scene, "Cancel" sends nothing,
// "Order" is never the default and sends one placement per scene once (a double click included),
// a lost answer is said and not sent again.
#include <memory>

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"
#include "src/providers/up42/up42provider.h"
#include "src/stac/itemstore.h"
#include "tests/support/up42emulator.h"
#include "tests/support/up42testaccount.h"
#include "ui/up42/up42orderdialog.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 15000;

} // namespace

class TestUp42Order : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Up42Emulator> m_emulator;
    QNetworkAccessManager m_nam;
    std::unique_ptr<NetworkClient> m_network;
    CredentialRouter m_router;
    MemorySecretStore m_secrets;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<ProviderRegistry> m_registry;
    std::unique_ptr<AccountManager> m_accounts;
    Up42Session *m_session = nullptr;
    ItemStore m_results;

    QList<ReceivedRequest> placements() const
    {
        QList<ReceivedRequest> out;
        for (const ReceivedRequest &r : m_emulator->requests(Up42Emulator::Service::Api)) {
            if (r.method == "POST" && r.path == u"/v2/orders"_s) {
                out.append(r);
            }
        }
        return out;
    }

    QList<Up42OrderDialog::Scene> scenes(int count) const
    {
        QList<Up42OrderDialog::Scene> out;
        for (int i = 0; i < count && i < m_results.size(); ++i) {
            const ItemRecord &r = m_results.at(i);
            out.append({ r.id, r.collection, r.footprint.toGeoJson(), QString() });
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<Up42Emulator>();
        QVERIFY(m_emulator->listen());
        m_network = std::make_unique<NetworkClient>(&m_nam);
        m_network->setAuthenticator(&m_router);
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"a.ini"_s), QSettings::IniFormat);
        m_store = std::make_unique<AccountStore>(m_settings.get());
        m_registry = ProviderRegistry::createDefault();
        m_accounts = std::make_unique<AccountManager>(
            m_store.get(), m_registry.get(), ProviderServices { m_network.get(), &m_router, &m_secrets });
        m_session = qobject_cast<Up42Session *>(
            m_accounts->session(addUp42TestAccount(m_accounts.get(), m_store.get(), *m_emulator, u"UP42 prod"_s)));
        QVERIFY(m_session);
        AccountCheckJob *check = m_session->check();
        QSignalSpy checked(check, &StacJob::finished);
        QVERIFY(checked.wait(WaitMs));
        // Two PHR scenes of OneAtlas's archive, as the results table would hold them.
        std::unique_ptr<CatalogSession> archive(
            m_registry->openCatalog(m_network.get(), m_session->catalogs().at(2), nullptr));
        QVERIFY(archive);
        SearchParameters p;
        p.collections = { u"phr"_s };
        QSignalSpy done(archive.get(), &CatalogSession::searchFinished);
        archive->search(p, 2, &m_results);
        QVERIFY(done.wait(WaitMs));
        QCOMPARE(m_results.size(), 2);
    }

    void estimateThenCancelSendsNothing()
    {
        Up42OrderDialog dialog(m_session, scenes(2));
        QSignalSpy estimated(&dialog, &Up42OrderDialog::estimated);
        dialog.show();
        QVERIFY(estimated.wait(WaitMs));
        QCOMPARE(dialog.state(), Up42OrderDialog::State::Ready);
        QVERIFY(dialog.productCombo()->count() >= 1);
        QVERIFY(!dialog.productCombo()->currentData().toString().isEmpty());
        const qint64 total = dialog.estimate().totalCredits;
        QVERIFY(total > 0);
        QCOMPARE(dialog.estimate().lines.size(), 2);
        QCOMPARE(dialog.estimate().lines.at(0).credits + dialog.estimate().lines.at(1).credits, total);
        QVERIFY(dialog.orderButton()->text().startsWith(u"Order for "_s));
        QVERIFY(dialog.orderButton()->text().endsWith(u" credits"_s));
        QVERIFY(dialog.orderButton()->isEnabled());
        QVERIFY(!dialog.orderButton()->isDefault());
        QVERIFY(dialog.cancelButton()->isDefault());
        QVERIFY(!dialog.scenesView()->topLevelItem(0)->text(3).isEmpty());
        // Enter presses the default button: Cancel, which sends nothing.
        QTest::keyClick(&dialog, Qt::Key_Return);
        QTest::qWait(100);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(placements().size(), 0);
        QVERIFY(m_emulator->placements().isEmpty());
    }

    void orderSendsOnePlacementPerSceneOnce()
    {
        Up42OrderDialog dialog(m_session, scenes(2));
        QSignalSpy estimated(&dialog, &Up42OrderDialog::estimated);
        QSignalSpy placed(&dialog, &Up42OrderDialog::ordersPlaced);
        QSignalSpy finished(&dialog, &Up42OrderDialog::placeFinished);
        dialog.show();
        QVERIFY(estimated.wait(WaitMs));
        dialog.tagsEdit()->setText(u"harbour, 2026"_s);
        m_emulator->clearRequests();
        QTest::mouseClick(dialog.orderButton(), Qt::LeftButton);
        QTest::mouseClick(dialog.orderButton(), Qt::LeftButton); // a double click orders once
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(dialog.state(), Up42OrderDialog::State::Placed);
        const QList<ReceivedRequest> sent = placements();
        QCOMPARE(sent.size(), 2); // one per scene
        for (int i = 0; i < 2; ++i) {
            const QJsonObject body = QJsonDocument::fromJson(sent.at(i).body).object();
            QCOMPARE(body.value(u"params"_s).toObject().value(u"id"_s).toString(), m_results.at(i).id);
            QCOMPARE(body.value(u"tags"_s).toArray(), QJsonArray({ u"harbour"_s, u"2026"_s }));
            QCOMPARE(sent.at(i).queryValue(u"workspaceId"_s), Up42Emulator::WorkspaceId.toString());
        }
        QCOMPARE(placed.size(), 1);
        QCOMPARE(placed.first().at(0).toStringList().size(), 2);
        QCOMPARE(m_emulator->placements().size(), 2);
        QVERIFY(dialog.resultLabel()->text().startsWith(u"2 orders placed."_s));
    }

    void lostAnswerIsNotSentAgain()
    {
        Up42OrderDialog dialog(m_session, scenes(2));
        QSignalSpy estimated(&dialog, &Up42OrderDialog::estimated);
        QSignalSpy finished(&dialog, &Up42OrderDialog::placeFinished);
        QSignalSpy uncertain(&dialog, &Up42OrderDialog::orderUncertain);
        dialog.show();
        QVERIFY(estimated.wait(WaitMs));
        m_emulator->clearRequests();
        const qsizetype before = m_emulator->placements().size();
        m_emulator->loseAnswers("POST", u"/v2/orders"_s);
        QTest::mouseClick(dialog.orderButton(), Qt::LeftButton);
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(dialog.state(), Up42OrderDialog::State::Uncertain);
        QCOMPARE(uncertain.size(), 1);
        QCOMPARE(placements().size(), 1); // the first scene's, once; the second is not sent either
        QCOMPARE(m_emulator->placements().size(), before + 1); // it was carried out
        QVERIFY2(dialog.resultLabel()->text().startsWith(u"No answer came back from UP42 for "_s),
            qPrintable(dialog.resultLabel()->text()));
        QVERIFY(!dialog.orderButton()->isEnabled());
        QCOMPARE(dialog.cancelButton()->text(), u"Close"_s);
    }
};

QTEST_MAIN(TestUp42Order)
#include "tst_up42order.moc"
