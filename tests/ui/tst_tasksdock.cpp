// The Accounts dialog and the Tasks dock against the Satellogic emulator, as a person uses them:
// add an account, Test it, choose a contract, see the archive in the catalog picker, list a task,
// and queue its delivery. With STACSCOPE_SCREENSHOTS=<folder> it also writes the README's
// screenshots of the dialog and the dock there.
#include <memory>

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>
#include <QTreeView>

#include "resources/demoresources.h"
#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/download/downloadmanager.h"
#include "src/geo/vectorbasemap.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/providerregistry.h"
#include "src/providers/satellogic/satellogicsession.h"
#include "tests/support/ports.h"
#include "tests/support/satellogicemulator.h"
#include "ui/accounts/accounteditor.h"
#include "ui/accounts/accountsdialog.h"
#include "ui/accounts/accountstatusbutton.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"
#include "ui/search/searchpanel.h"
#include "ui/tasks/capturesmodel.h"
#include "ui/tasks/tasksmodel.h"
#include "ui/tasks/taskspanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// Stands in for the OS keychain (a test has no Secret Service): persistent, as the app's would be,
// so the dialog and the screenshots show the normal case, not the no-keychain warning.
class StandInKeychain : public StacScope::MemorySecretStore
{
public:
    bool isPersistent() const override { return true; }
    QString fallbackReason() const override { return {}; }
};

} // namespace

namespace {

const QString FirstContract = SatellogicEmulator::FirstContractId.toString();

QJsonObject taskBody(const QString &name, const QString &project, double lon, double lat,
    const QString &start = u"2025-06-12T00:00:00+02:00"_s, const QString &end = u"2025-06-26T00:00:00+02:00"_s)
{
    const QByteArray json = u"{\"task_name\": \"%1\", \"project_name\": \"%2\", \"product\": 169, "
                            "\"target\": {\"type\": \"Point\", \"coordinates\": [%3, %4]}, "
                            "\"start\": \"%5\", \"end\": \"%6\"}"_s.arg(name, project)
                                .arg(lon)
                                .arg(lat)
                                .arg(start, end)
                                .toUtf8();
    return QJsonDocument::fromJson(json).object();
}

void type(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace

class TestTasksDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        initDemoResources();
        // Times in the dock carry their offset; show one that is not UTC.
        qputenv("TZ", "Europe/Madrid");
        // The offline basemap, as the app shows it (the screenshots show the window).
        QFile file(u":/basemap/naturalearth.bin"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_basemap = VectorBasemap::load(file.readAll());
        QVERIFY(m_basemap);
    }

    void init()
    {
        QSettings().clear();
        m_emulator = std::make_unique<SatellogicEmulator>();
        QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<QSettings>(m_dir->filePath(u"accounts.ini"_s), QSettings::IniFormat);
        m_secrets = std::make_unique<StandInKeychain>();
        m_store = std::make_unique<AccountStore>(m_settings.get());
        m_network.setAuthenticator(&m_router);
        m_accounts = std::make_unique<AccountManager>(
            m_store.get(), m_registry.get(), ProviderServices { &m_network, &m_router, m_secrets.get() });
        m_downloads = std::make_unique<DownloadManager>(&m_nam);
        m_downloads->setAuthenticator(&m_router);
        m_downloads->setUrlRefresher(m_accounts.get());
        m_window = std::make_unique<MainWindow>(&m_network, &*m_basemap);
        m_window->setDownloadManager(m_downloads.get());
        m_window->setAccountManager(m_accounts.get());
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy searched(m_window.get(), &MainWindow::searchFinished);
        m_window->start();
        QVERIFY(searched.wait(20000));
    }

    void cleanup()
    {
        m_window.reset();
        m_downloads.reset();
        m_accounts.reset();
        m_store.reset();
        m_secrets.reset();
        m_settings.reset();
        m_dir.reset();
        m_emulator.reset();
    }

    void testListsContractsAndTheChosenOneOpensTheArchive()
    {
        const QString id = addTestedAccount();
        AccountsDialog *dialog = m_window->accountsDialog();
        const Account account = m_store->account(id);
        QCOMPARE(account.option(u"contract"_s), FirstContract);
        QCOMPARE(account.endpoints.value(u"api"_s), m_emulator->apiUrl());

        // The archive of the chosen contract is in the catalog picker, after the built-in ones.
        QComboBox *picker = m_window->searchPanel()->catalogCombo();
        QTRY_COMPARE(picker->findText(u"Satellogic prod: archive (First contract)"_s), 2);
        // The Tasks dock came with the account, without making the window taller than it was.
        QVERIFY(m_window->tasksPanel());
        QCOMPARE(m_window->height(), 1000);
        // Signed in, in the status bar and in the list.
        auto *session = qobject_cast<SatellogicSession *>(m_accounts->session(id));
        QVERIFY(session);
        QTRY_COMPARE(session->state(), AccountSession::State::Ready);
        QCOMPARE(m_window->accountStatus()->text(), u"Satellogic prod: Signed in, contract \"First contract\""_s);
        QVERIFY(dialog->accountList()->item(0)->toolTip().contains(u"Signed in"_s));
        QVERIFY(dialog->reportText().contains(u"Using \"First contract\""_s));
        QVERIFY2(dialog->reportText().contains(u"Tasking: allowed"_s), qPrintable(dialog->reportText()));
        // The contract combo lists both, with what each allows.
        QComboBox *contracts = dialog->editor()->contractCombo();
        QCOMPARE(contracts->currentData().toString(), FirstContract);
        QVERIFY(contracts->findText(u"Second contract"_s) >= 0);
        auto *info = dialog->editor()->findChild<QLabel *>(u"contractInfo"_s);
        QVERIFY(info && info->text().contains(FirstContract) && info->text().contains(u"Tasking allowed"_s));
    }

    void tasksDockListsATaskAndQueuesItsDelivery()
    {
        const QString id = addTestedAccount();
        m_window->accountsDialog()->close();
        TasksPanel *panel = m_window->tasksPanel();
        QVERIFY(panel);
        QCOMPARE(panel->currentAccountId(), id);
        QTRY_VERIFY(!panel->isLoading());
        const qint64 taskId
            = m_emulator->addTask(taskBody(u"Port of Valencia"_s, u"Harbours"_s, -0.32, 39.44), FirstContract);
        QVERIFY(taskId > 0);

        refresh(panel);
        QCOMPARE(panel->tasksModel()->rowCount(), 1);
        const QModelIndex row = panel->tasksModel()->index(0, 0);
        QCOMPARE(row.data(TasksModel::TaskIdRole).toLongLong(), taskId);
        QCOMPARE(panel->tasksModel()->index(0, TasksModel::Name).data().toString(), u"Port of Valencia"_s);
        QCOMPARE(panel->tasksModel()->index(0, TasksModel::Status).data().toString(), u"Received"_s);
        // The window in local time (Madrid, UTC+02:00 in June) with the offset shown.
        QCOMPARE(panel->tasksModel()->index(0, TasksModel::Window).data().toString(),
            u"2025-06-12 00:00 – 2025-06-26 00:00 UTC+02:00"_s);

        // Nothing published yet: nothing queued, and the dock says why.
        selectTask(panel, 0);
        QSignalSpy queued(panel, &TasksPanel::deliveryQueued);
        panel->setDirectory(m_dir->filePath(u"deliveries"_s));
        QTest::mouseClick(panel->downloadTaskButton(), Qt::LeftButton);
        QVERIFY(queued.wait());
        QCOMPARE(queued.takeFirst(), QVariantList({ 0, 0 }));
        QVERIFY2(panel->messageBar()->text().contains(u"no captures"_s), qPrintable(panel->messageBar()->text()));

        m_emulator->advanceClock(70); // in progress: two planned captures
        refresh(panel);
        QCOMPARE(panel->tasksModel()->index(0, TasksModel::Status).data().toString(), u"In progress"_s);
        QTRY_COMPARE(panel->capturesModel()->rowCount(), 2);
        QCOMPARE(panel->capturesModel()->publishedCount(), 0);
        QTest::mouseClick(panel->downloadTaskButton(), Qt::LeftButton);
        QVERIFY(queued.wait());
        QCOMPARE(queued.takeFirst(), QVariantList({ 0, 2 }));
        QVERIFY(panel->messageBar()->text().contains(u"2 captures of task %1 are not published yet"_s.arg(taskId)));

        m_emulator->advanceClock(200); // completed: the captures are published with their scenes
        refresh(panel);
        QCOMPARE(panel->tasksModel()->index(0, TasksModel::Status).data().toString(), u"Completed"_s);
        QTRY_COMPARE(panel->capturesModel()->publishedCount(), 2);
        QCOMPARE(panel->capturesModel()->index(0, CapturesModel::Status).data().toString(), u"Published"_s);

        // The delivery: an L1C and an L1D zip per published capture.
        const QStringList scenes = m_emulator->sceneIds(taskId);
        QCOMPARE(scenes.size(), 4);
        QSignalSpy idle(m_downloads.get(), &DownloadManager::queueFinished);
        QVERIFY(panel->downloadTaskButton()->isEnabled());
        QTest::mouseClick(panel->downloadTaskButton(), Qt::LeftButton);
        QVERIFY(queued.wait());
        QCOMPARE(queued.takeFirst(), QVariantList({ 4, 0 }));
        QVERIFY(panel->messageBar()->text().contains(u"Queued 4 files of task %1"_s.arg(taskId)));
        const QList<qint64> order = m_downloads->order();
        QCOMPARE(order.size(), 4);
        QStringList queuedScenes;
        for (qint64 d : order) {
            const DownloadTask t = m_downloads->task(d);
            QCOMPARE(t.sourceId, u"satellogic:"_s + id);
            QCOMPARE(t.assetKey, u"delivery_zip"_s);
            QVERIFY(t.linkFromProvider);
            QVERIFY2(
                t.targetPath.startsWith(m_dir->filePath(u"deliveries/%1/"_s.arg(taskId))), qPrintable(t.targetPath));
            queuedScenes.append(t.itemId);
        }
        queuedScenes.sort();
        QStringList expected = scenes;
        expected.sort();
        QCOMPARE(queuedScenes, expected);
        // ...and they arrive, byte for byte.
        QVERIFY(idle.wait(60000));
        QCOMPARE(idle.last(), QVariantList({ 4, 0 }));
        for (qint64 d : order) {
            const DownloadTask t = m_downloads->task(d);
            QFile file(t.targetPath);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(t.targetPath));
            QCOMPARE(file.readAll(), m_emulator->deliveryBytes(t.itemId));
        }

        // One capture on its own: its two scenes.
        panel->capturesView()->selectionModel()->select(
            panel->capturesModel()->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(panel->downloadCaptureButton()->isEnabled());
        QTest::mouseClick(panel->downloadCaptureButton(), Qt::LeftButton);
        QVERIFY(queued.wait());
        QCOMPARE(queued.takeFirst(), QVariantList({ 2, 0 }));
    }

    void refusedCredentialsLeadToTheAccount()
    {
        const QString id = addTestedAccount();
        m_window->accountsDialog()->close();
        TasksPanel *panel = m_window->tasksPanel();
        QTRY_VERIFY(!panel->isLoading());
        // The credentials stop working (rotated on the provider's side).
        m_emulator->removeClient(SatellogicEmulator::DefaultClientId.toString());
        m_emulator->revokeTokens();
        refresh(panel, false);
        QCOMPARE(panel->messageBar()->level(), MessageBar::Level::Error);
        QVERIFY2(panel->messageBar()->text().startsWith(u"The tasks could not be listed"_s),
            qPrintable(panel->messageBar()->text()));
        QVERIFY(!panel->messageBar()->actionButton()->isHidden());
        QCOMPARE(panel->messageBar()->actionButton()->text(), u"Open account"_s);
        // The window says so too, once the account is known to be refused.
        QTRY_COMPARE(m_accounts->session(id)->state(), AccountSession::State::Refused);
        QVERIFY(m_window->messageBar()->text().startsWith(u"Satellogic prod cannot sign in"_s));
        QVERIFY(m_window->accountStatus()->text().startsWith(u"Satellogic prod: "_s));
        QTest::mouseClick(panel->messageBar()->actionButton(), Qt::LeftButton);
        QVERIFY(m_window->accountsDialog()->isVisible());
        QCOMPARE(m_window->accountsDialog()->currentAccountId(), id);
    }

    void screenshots()
    {
        const QString folder = qEnvironmentVariable("STACSCOPE_SCREENSHOTS");
        if (folder.isEmpty()) {
            QSKIP("Set STACSCOPE_SCREENSHOTS to a folder to write the README's screenshots");
        }
        QVERIFY(QDir().mkpath(folder));
        const QString id = addTestedAccount();
        AccountsDialog *dialog = m_window->accountsDialog();
        // A second account, saved but not signed in yet, so the list shows more than one.
        Account stac;
        stac.name = u"Planetary archive (token)"_s;
        stac.provider = u"stac-api"_s;
        stac.id = Account::newId();
        stac.options.insert(u"auth"_s, u"bearer"_s);
        stac.endpoints.insert(u"api"_s, QUrl(TestPorts::closedLocalOrigin() + u"/stac"_s));
        QSignalSpy sessions(m_accounts.get(), &AccountManager::sessionsChanged);
        m_accounts->saveAccount(stac, { { u"token"_s, QByteArrayLiteral("t") } }, this, [](const QString &) {});
        QVERIFY(sessions.wait());
        dialog->selectAccount(id);
        dialog->editor()->setAdvancedOpen(false);
        dialog->resize(980, 680);
        QTest::qWait(50);
        QVERIFY(dialog->grab().save(QDir(folder).filePath(u"accounts-dialog.png"_s)));
        dialog->close();

        // A few tasks at different stages of their life, with windows around the emulator's today.
        auto add = [this](const QString &name, const QString &project, double lon, double lat, int fromDay, int days) {
            const QDate today = m_emulator->now().toTimeZone(QTimeZone(u"Europe/Madrid"_s.toLatin1())).date();
            const QString start = QDateTime(today.addDays(fromDay), QTime(0, 0), QTimeZone(3600)).toString(Qt::ISODate);
            const QString end
                = QDateTime(today.addDays(fromDay + days), QTime(0, 0), QTimeZone(3600)).toString(Qt::ISODate);
            return m_emulator->addTask(taskBody(name, project, lon, lat, start, end), FirstContract);
        };
        const qint64 done = add(u"Port of Valencia, weekly"_s, u"Harbours"_s, -0.32, 39.44, -3, 14);
        add(u"Rotterdam Maasvlakte"_s, u"Harbours"_s, 4.02, 51.95, -2, 10);
        m_emulator->advanceClock(200);
        add(u"Wheat fields, Albacete"_s, u"Crops 2025"_s, -1.86, 38.99, 0, 21);
        const qint64 failed = add(u"Etna summit"_s, u"Volcanoes"_s, 14.99, 37.75, 0, 7);
        m_emulator->failTask(failed);
        m_emulator->advanceClock(70);
        add(u"Lisbon bridges"_s, u"Infrastructure"_s, -9.17, 38.69, 2, 14);
        add(u"Douro vineyards"_s, u"Crops 2025"_s, -7.79, 41.16, 3, 30);
        add(u"Port of Algeciras, weekly"_s, u"Harbours"_s, -5.43, 36.13, 4, 28);
        TasksPanel *panel = m_window->tasksPanel();
        QTRY_VERIFY(!panel->isLoading());
        refresh(panel);
        QVERIFY(panel->tasksModel()->rowOf(done) >= 0);
        for (int r = 0; r < panel->tasksView()->model()->rowCount(); ++r) {
            if (panel->tasksView()->model()->index(r, 0).data(TasksModel::TaskIdRole).toLongLong() == done) {
                panel->tasksView()->selectionModel()->select(panel->tasksView()->model()->index(r, 0),
                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            }
        }
        QTRY_COMPARE(panel->capturesModel()->rowCount(), 2);
        panel->capturesView()->selectionModel()->select(
            panel->capturesModel()->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        panel->setDirectory(u"/home/ana/Downloads/StacScope"_s);
        auto *dock = m_window->findChild<QDockWidget *>(u"tasksDock"_s);
        QVERIFY(dock);
        dock->raise();
        QTest::qWait(50);
        // The bottom docks share one tab group: size it through any of them.
        auto *results = m_window->findChild<QDockWidget *>(u"resultsDock"_s);
        m_window->resizeDocks({ results }, { 330 }, Qt::Vertical);
        QTest::qWait(100);
        QTest::qWait(100);
        QVERIFY(m_window->grab().save(QDir(folder).filePath(u"tasks-dock.png"_s)));
    }

private:
    // Through the dialog: Add, fill in, Test (which saves first), choose the first contract, Save
    // (which tests again). Returns the account's id.
    QString addTestedAccount()
    {
        AccountsDialog *dialog = m_window->openAccountsDialog();
        if (!dialog) {
            return {};
        }
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        AccountEditor *editor = dialog->editor();
        editor->providerCombo()->setCurrentIndex(editor->providerCombo()->findData(u"satellogic"_s));
        type(editor->nameEdit(), u"Satellogic prod"_s);
        type(editor->secretEdit(u"client_id"_s), SatellogicEmulator::DefaultClientId.toString());
        type(editor->secretEdit(u"client_secret"_s), SatellogicEmulator::DefaultClientSecret.toString());
        QTest::mouseClick(editor->advancedButton(), Qt::LeftButton);
        type(editor->endpointEdit(u"auth"_s), m_emulator->authUrl().toString());
        type(editor->endpointEdit(u"accounts"_s), m_emulator->accountsUrl().toString());
        type(editor->endpointEdit(u"api"_s), m_emulator->apiUrl().toString());

        QSignalSpy tested(dialog, &AccountsDialog::testFinished);
        QTest::mouseClick(dialog->testButton(), Qt::LeftButton);
        if (!tested.wait(20000)) {
            qWarning() << "no test result";
            return {};
        }
        const QString id = tested.first().first().toString();
        if (!dialog->reportText().contains(u"2 contracts"_s)) {
            qWarning() << dialog->reportText();
            return {};
        }
        // Two contracts: one must be chosen.
        QComboBox *contracts = editor->contractCombo();
        if (contracts->count() != 3 || contracts->currentData().toString() != QString()) {
            qWarning() << "contract combo" << contracts->count();
            return {};
        }
        contracts->setCurrentIndex(contracts->findData(FirstContract));
        QSignalSpy saved(dialog, &AccountsDialog::saved);
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        if (!saved.wait() || !tested.wait(20000) || !tested.last().at(1).toBool()) {
            qWarning() << "save and test again failed" << dialog->reportText();
            return {};
        }
        return id;
    }

    void refresh(TasksPanel *panel, bool expectOk = true)
    {
        QTRY_VERIFY(!panel->isLoading());
        QSignalSpy loaded(panel, &TasksPanel::tasksLoaded);
        QTest::mouseClick(panel->refreshButton(), Qt::LeftButton);
        if (expectOk) {
            QVERIFY(loaded.wait(20000));
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(!panel->isLoading(), 20000);
        }
    }

    void selectTask(TasksPanel *panel, int row)
    {
        QSignalSpy captures(panel, &TasksPanel::capturesLoaded);
        panel->tasksView()->selectionModel()->select(panel->tasksView()->model()->index(row, 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(captures.wait());
    }

    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    CredentialRouter m_router;
    std::unique_ptr<ProviderRegistry> m_registry = ProviderRegistry::createDefault();
    std::optional<VectorBasemap> m_basemap;
    std::unique_ptr<SatellogicEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<AccountManager> m_accounts;
    std::unique_ptr<DownloadManager> m_downloads;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestTasksDock)
#include "tst_tasksdock.moc"
