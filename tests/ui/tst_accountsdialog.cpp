// The Accounts dialog and the window's account side, offline: an AccountManager on a temporary
// settings file and a MemorySecretStore, driven with QTest key clicks and button clicks.
#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "resources/demoresources.h"
#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"
#include "tests/support/ports.h"
#include "ui/accounts/accounteditor.h"
#include "ui/accounts/accountsdialog.h"
#include "ui/accounts/accountstatusbutton.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"
#include "ui/search/searchpanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QString ClientId = u"client-id-5d41402a"_s;
const QString ClientSecret = u"secret-7c4a8d09ca3762af61e59520943dc26494f8941b"_s;

// Fields are typed into as a person would: focus, then keys.
void type(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

QMessageBox *openMessageBox(QWidget *parent)
{
    for (QMessageBox *box : parent->findChildren<QMessageBox *>()) {
        if (box->isVisible()) {
            return box;
        }
    }
    return nullptr;
}

} // namespace

class TestAccountsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        initDemoResources();
        m_network.setAuthenticator(&m_router);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat);
        m_secrets = std::make_unique<MemorySecretStore>(nullptr, u"no Secret Service in the test"_s);
        m_store = std::make_unique<AccountStore>(m_settings.get());
        m_accounts = std::make_unique<AccountManager>(
            m_store.get(), m_registry.get(), ProviderServices { &m_network, &m_router, m_secrets.get() });
    }

    void cleanup()
    {
        m_accounts.reset();
        m_store.reset();
        m_secrets.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void addsASatellogicAccount()
    {
        AccountsDialog dialog(m_accounts.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // No keychain here: the dialog says secrets last until StacScope quits.
        QVERIFY(dialog.keychainWarning()->isVisible());
        QVERIFY(dialog.keychainWarning()->text().contains(u"kept until StacScope quits"_s));
        QCOMPARE(dialog.accountList()->count(), 0);

        const QString id = addSatellogic(dialog, u"Satellogic prod"_s, u"https://api.example.test/"_s);
        QVERIFY(!id.isEmpty());

        // Stored with its endpoints and options, the secrets' names but not their values.
        QCOMPARE(m_store->accounts().size(), 1);
        const Account a = m_store->account(id);
        QCOMPARE(a.name, u"Satellogic prod"_s);
        QCOMPARE(a.provider, u"satellogic"_s);
        QCOMPARE(a.endpoints.value(u"api"_s), QUrl(u"https://api.example.test/"_s));
        QCOMPARE(a.endpoints.size(), 1); // the empty ones stay the provider's defaults
        QCOMPARE(a.options.value(u"legacy"_s), QVariant(false));
        QVERIFY(!a.options.contains(u"contract"_s)); // chosen after signing in
        QStringList names = a.secretNames;
        names.sort();
        QCOMPARE(names, QStringList({ u"client_id"_s, u"client_secret"_s }));

        // The secrets are in the secret store under the account's keys...
        QCOMPARE(readSecret(SecretStore::accountKey(id, u"client_id"_s)), ClientId.toUtf8());
        QCOMPARE(readSecret(SecretStore::accountKey(id, u"client_secret"_s)), ClientSecret.toUtf8());
        // ...and nowhere in the settings file on disk.
        m_settings->sync();
        QFile file(settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray onDisk = file.readAll();
        QVERIFY(onDisk.contains("Satellogic prod"));
        QVERIFY(onDisk.contains("api.example.test"));
        QVERIFY(!onDisk.contains(ClientSecret.toUtf8()));
        QVERIFY(!onDisk.contains(ClientId.toUtf8()));
        QVERIFY(!onDisk.contains("7c4a8d09"));

        // The form forgets what was typed: a stored secret shows as kept.
        QLineEdit *secret = dialog.editor()->secretEdit(u"client_secret"_s);
        QVERIFY(secret->text().isEmpty());
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QCOMPARE(secret->placeholderText(), u"stored in the keychain; leave empty to keep it"_s);
        QVERIFY(!dialog.editor()->providerCombo()->isEnabled()); // fixed once saved
        QCOMPARE(dialog.accountList()->count(), 1);
        QCOMPARE(dialog.accountList()->item(0)->text(), u"Satellogic prod"_s);
        QVERIFY(dialog.accountList()->item(0)->toolTip().startsWith(u"Satellogic · Not signed in yet"_s));
        QVERIFY(!dialog.saveButton()->isEnabled());
    }

    void editingKeepsStoredSecrets()
    {
        AccountsDialog dialog(m_accounts.get());
        dialog.show();
        const QString id = addSatellogic(dialog, u"Satellogic prod"_s, {});
        type(dialog.editor()->nameEdit(), u"Satellogic staging"_s);
        QVERIFY(dialog.saveButton()->isEnabled());
        QSignalSpy saved(&dialog, &AccountsDialog::saved);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait());
        QCOMPARE(m_store->account(id).name, u"Satellogic staging"_s);
        QCOMPARE(m_store->accounts().size(), 1);
        QCOMPARE(readSecret(SecretStore::accountKey(id, u"client_secret"_s)), ClientSecret.toUtf8());

        // A new secret replaces the old one.
        type(dialog.editor()->secretEdit(u"client_secret"_s), u"rotated"_s);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait());
        QCOMPARE(readSecret(SecretStore::accountKey(id, u"client_secret"_s)), QByteArray("rotated"));
        QCOMPARE(readSecret(SecretStore::accountKey(id, u"client_id"_s)), ClientId.toUtf8());
    }

    void saveSaysWhatIsMissing()
    {
        AccountsDialog dialog(m_accounts.get());
        dialog.show();
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        AccountEditor *editor = dialog.editor();
        editor->providerCombo()->setCurrentIndex(editor->providerCombo()->findData(u"satellogic"_s));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(dialog.problemLabel()->isVisible());
        QCOMPARE(dialog.problemLabel()->text(), u"Give the account a name."_s);
        type(editor->nameEdit(), u"Satellogic prod"_s);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QCOMPARE(dialog.problemLabel()->text(), u"Enter the API credential id."_s);
        type(editor->secretEdit(u"client_id"_s), ClientId);
        type(editor->secretEdit(u"client_secret"_s), ClientSecret);
        editor->advancedButton()->click();
        type(editor->endpointEdit(u"auth"_s), u"not a url"_s);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(dialog.problemLabel()->text().contains(u"http or https"_s));
        QCOMPARE(m_store->accounts().size(), 0);

        // Names are unique.
        editor->endpointEdit(u"auth"_s)->clear();
        QVERIFY(m_store->save({ Account::newId(), u"satellogic PROD"_s, u"satellogic"_s, {}, {}, {} }));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(dialog.problemLabel()->text().contains(u"already called"_s));
        QCOMPARE(m_store->accounts().size(), 1);
    }

    void forgottenSecretsAreAskedForAgain()
    {
        QString id;
        {
            AccountsDialog first(m_accounts.get());
            first.show();
            id = addSatellogic(first, u"Satellogic prod"_s, {});
        }
        // The session-only store lost one (StacScope restarted without a keychain)...
        m_secrets->unset(SecretStore::accountKey(id, u"client_secret"_s));
        // ...and the dialog opened later asks for it.
        AccountsDialog dialog(m_accounts.get());
        dialog.show();
        dialog.selectAccount(id);
        QLineEdit *secret = dialog.editor()->secretEdit(u"client_secret"_s);
        QTRY_COMPARE(secret->placeholderText(), u"not in the keychain any more: enter it again"_s);
        QCOMPARE(dialog.editor()->secretEdit(u"client_id"_s)->placeholderText(),
            u"stored in the keychain; leave empty to keep it"_s);
        type(dialog.editor()->nameEdit(), u"Satellogic production"_s);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QCOMPARE(dialog.problemLabel()->text(), u"Enter the API credential secret."_s);
        type(secret, ClientSecret);
        QSignalSpy saved(&dialog, &AccountsDialog::saved);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait());
        QCOMPARE(readSecret(SecretStore::accountKey(id, u"client_secret"_s)), ClientSecret.toUtf8());
    }

    void removeAsksThenDeletesSecrets()
    {
        AccountsDialog dialog(m_accounts.get());
        dialog.show();
        const QString id = addSatellogic(dialog, u"Satellogic prod"_s, {});
        QVERIFY(m_secrets->contains(SecretStore::accountKey(id, u"client_secret"_s)));

        // Cancel keeps it.
        QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
        QMessageBox *box = openMessageBox(&dialog);
        QVERIFY(box);
        QVERIFY(box->text().contains(u"Satellogic prod"_s));
        box->button(QMessageBox::Cancel)->click();
        QCOMPARE(m_store->accounts().size(), 1);

        QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
        box = openMessageBox(&dialog);
        QVERIFY(box);
        QPushButton *remove = nullptr;
        for (QAbstractButton *b : box->buttons()) {
            if (b->text() == u"Remove"_s) {
                remove = qobject_cast<QPushButton *>(b);
            }
        }
        QVERIFY(remove);
        QSignalSpy removed(&dialog, &AccountsDialog::removed);
        remove->click();
        QVERIFY(removed.wait());
        QCOMPARE(removed.first().first().toString(), id);
        QVERIFY(m_store->accounts().isEmpty());
        QVERIFY(!m_secrets->contains(SecretStore::accountKey(id, u"client_id"_s)));
        QVERIFY(!m_secrets->contains(SecretStore::accountKey(id, u"client_secret"_s)));
        QCOMPARE(dialog.accountList()->count(), 0);
        QVERIFY(!dialog.editor()->isEnabled());
        m_settings->sync();
        QFile file(settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("Satellogic prod"));
    }

    void catalogPickerFollowsTheAccounts()
    {
        MainWindow window(&m_network, nullptr);
        window.setAccountManager(m_accounts.get());
        window.resize(1200, 800);
        window.show();
        QSignalSpy searched(&window, &MainWindow::searchFinished);
        window.start();
        QVERIFY(searched.wait(20000));
        QVERIFY(window.accountsAction());
        QVERIFY(!window.accountStatus()->isVisible()); // no accounts yet
        QVERIFY(!window.tasksPanel());
        QComboBox *picker = window.searchPanel()->catalogCombo();
        const int builtIn = picker->count();

        // An account without a contract opens no catalog yet.
        Account account;
        account.id = Account::newId();
        account.name = u"Satellogic prod"_s;
        account.provider = u"satellogic"_s;
        // A closed port: nothing leaves the machine.
        for (const QString &name : { u"auth"_s, u"accounts"_s, u"api"_s }) {
            account.endpoints.insert(name, QUrl(TestPorts::closedLocalOrigin() + u"/"_s));
        }
        save(account, { { u"client_id"_s, "id" }, { u"client_secret"_s, "secret" } });
        QCOMPARE(picker->count(), builtIn);
        QVERIFY(window.accountStatus()->isVisible());
        QVERIFY(window.accountStatus()->text().startsWith(u"Satellogic prod: "_s));
        // Satellogic can task: the Tasks dock appears with the account.
        QVERIFY(window.tasksPanel());

        // With a contract it does, after the built-in catalogs.
        account.options.insert(u"contract"_s, u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s);
        save(account, {});
        QCOMPARE(picker->count(), builtIn + 1);
        QCOMPARE(picker->itemText(builtIn), u"Satellogic prod: archive"_s);
        QCOMPARE(window.catalogs().at(builtIn).accountId, account.id);
        QCOMPARE(window.catalogs().at(builtIn).location, TestPorts::closedLocalOrigin() + u"/archive/stac/"_s);

        // Choosing it, then removing the account: back to the demo catalog.
        window.selectCatalog(builtIn);
        QCOMPARE(window.session()->source().accountId, account.id);
        QSignalSpy removed(m_accounts.get(), &AccountManager::catalogsChanged);
        bool done = false;
        m_accounts->removeAccount(account.id, this, [&done](const QString &) { done = true; });
        QTRY_VERIFY(done);
        QCOMPARE(picker->count(), builtIn);
        QCOMPARE(window.session()->source().location, CatalogSource::demo().location);
        QCOMPARE(picker->currentIndex(), 0);
        QVERIFY(window.messageBar()->text().contains(u"no longer available"_s));
        QVERIFY(!window.accountStatus()->isVisible());
    }

    void typedHeadersAreBoundForTheSessionOnly()
    {
        MainWindow window(&m_network, nullptr);
        window.setAccountManager(m_accounts.get());
        CatalogSource source;
        source.kind = CatalogSource::Kind::StacApi;
        source.name = u"Private"_s;
        source.location = TestPorts::closedLocalOrigin() + u"/stac"_s;
        source.headers.append({ QByteArrayLiteral("X-Api-Key"), QByteArrayLiteral("k-123") });
        window.addCatalog(source, false);
        QCOMPARE(m_router.ownerFor(QUrl(TestPorts::closedLocalOrigin() + u"/stac/search"_s)),
            u"catalog:"_s + TestPorts::closedLocalOrigin() + u"/stac"_s);
        // Assets beside the API (same origin) get them, as before; another port does not.
        QCOMPARE(m_router.ownerFor(QUrl(TestPorts::closedLocalOrigin() + u"/assets/a.tif"_s)),
            u"catalog:"_s + TestPorts::closedLocalOrigin() + u"/stac"_s);
        QVERIFY(m_router.ownerFor(QUrl(u"http://127.0.0.1:10/stac/search"_s)).isEmpty());
        // Never in the settings.
        window.close();
        const QVariantList saved = QSettings().value(u"catalogs/user"_s).toList();
        QCOMPARE(saved.size(), 1);
        QVERIFY(!saved.first().toMap().values().contains(QVariant(u"k-123"_s)));
        m_router.unbind(u"catalog:"_s + TestPorts::closedLocalOrigin() + u"/stac"_s);
        QSettings().remove(u"catalogs/user"_s);
    }

    void openAccountFromTheMessageBar()
    {
        MainWindow window(&m_network, nullptr);
        window.setAccountManager(m_accounts.get());
        Account account;
        account.id = Account::newId();
        account.name = u"Satellogic prod"_s;
        account.provider = u"satellogic"_s;
        for (const QString &name : { u"auth"_s, u"accounts"_s, u"api"_s }) {
            // A closed port: nothing leaves the machine.
            account.endpoints.insert(name, QUrl(TestPorts::closedLocalOrigin() + u"/"_s));
        }
        save(account, { { u"client_id"_s, "id" }, { u"client_secret"_s, "secret" } });
        Account other = account;
        other.id = Account::newId();
        other.name = u"Satellogic staging"_s;
        save(other, { { u"client_id"_s, "id" }, { u"client_secret"_s, "secret" } });

        // A search refused on the staging account's catalog...
        CatalogSource source;
        source.kind = CatalogSource::Kind::StacApi;
        source.accountId = other.id;
        source.name = u"Satellogic staging: archive"_s;
        source.location = TestPorts::closedLocalOrigin() + u"/archive/stac/"_s;
        window.addCatalog(source);
        NetworkError refused = NetworkError::http(401, "Unauthorized", R"({"message":"Unauthorized"})", {});
        Q_EMIT window.session()->searchFinished(refused, {});
        MessageBar *bar = window.messageBar();
        QCOMPARE(bar->level(), MessageBar::Level::Error);
        QVERIFY2(bar->text().contains(u"Satellogic refused the account's credentials"_s), qPrintable(bar->text()));
        QVERIFY(bar->text().contains(u"Satellogic staging"_s));
        QVERIFY(!bar->actionButton()->isHidden());
        QCOMPARE(bar->actionButton()->text(), u"Open account"_s);
        // ...opens that account.
        QTest::mouseClick(bar->actionButton(), Qt::LeftButton);
        QVERIFY(window.accountsDialog());
        QCOMPARE(window.accountsDialog()->currentAccountId(), other.id);
        QVERIFY(window.accountsDialog()->isVisible());
        window.accountsDialog()->close();
    }

private:
    QString settingsPath() const { return m_dir->filePath(u"accounts.ini"_s); }

    QString addSatellogic(AccountsDialog &dialog, const QString &name, const QString &api)
    {
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        AccountEditor *editor = dialog.editor();
        QComboBox *provider = editor->providerCombo();
        [&] { QVERIFY(provider->isEnabled()); }();
        provider->setCurrentIndex(provider->findData(u"satellogic"_s));
        type(editor->nameEdit(), name);
        type(editor->secretEdit(u"client_id"_s), ClientId);
        type(editor->secretEdit(u"client_secret"_s), ClientSecret);
        if (!api.isEmpty()) {
            QTest::mouseClick(editor->advancedButton(), Qt::LeftButton);
            [&] { QVERIFY(editor->endpointEdit(u"api"_s)->isVisible()); }();
            type(editor->endpointEdit(u"api"_s), api);
        }
        QSignalSpy saved(&dialog, &AccountsDialog::saved);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        if (!saved.wait()) {
            return {};
        }
        return saved.first().first().toString();
    }

    void save(const Account &account, const QHash<QString, QByteArray> &secrets)
    {
        bool done = false;
        QString error;
        m_accounts->saveAccount(account, secrets, this, [&](const QString &e) {
            error = e;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    QByteArray readSecret(const QString &key)
    {
        QByteArray value;
        bool done = false;
        m_secrets->read(key, this, [&](const QByteArray &v, bool, const QString &) {
            value = v;
            done = true;
        });
        [&] { QTRY_VERIFY(done); }();
        return value;
    }

    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    CredentialRouter m_router;
    std::unique_ptr<ProviderRegistry> m_registry = ProviderRegistry::createDefault();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<AccountManager> m_accounts;
};

QTEST_MAIN(TestAccountsDialog)
#include "tst_accountsdialog.moc"
