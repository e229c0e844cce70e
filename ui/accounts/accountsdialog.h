#pragma once

#include <functional>

#include <QDialog>
#include <QHash>
#include <QPointer>

#include "src/providers/satellogic/satellogictypes.h"

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace StacScope {

class AccountCheckJob;
class AccountManager;
class AccountEditor;
class MessageBar;

// Settings > Accounts: the stored accounts with their state, and one account's form. Save writes
// through the AccountManager (secrets to the keychain, the rest to the accounts file); Test signs
// in with the stored account and tells what it can do. The check job belongs to the session.
class AccountsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AccountsDialog(AccountManager *accounts, QWidget *parent = nullptr);
    ~AccountsDialog() override;

    void selectAccount(const QString &accountId);
    // The account in the form; empty for a new one not saved yet.
    QString currentAccountId() const { return m_isNew ? QString() : m_accountId; }
    // Starts a new account in the form.
    void addAccount();
    // Saves the form; `then` runs once it is stored (not on failure).
    void save(std::function<void()> then = {});
    // Saves first when the form has changes, then signs in and lists what the account can do.
    void test();
    // Asks, then removes the account and its secrets.
    void removeCurrent();

    AccountEditor *editor() const { return m_editor; }
    QListWidget *accountList() const { return m_list; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *revertButton() const { return m_revert; }
    MessageBar *keychainWarning() const { return m_keychain; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *problemLabel() const { return m_problem; }
    // The last test's lines, as shown.
    QString reportText() const { return m_reportLines.join(u'\n'); }

Q_SIGNALS:
    void saved(const QString &accountId);
    void removed(const QString &accountId);
    void testFinished(const QString &accountId, bool ok);

private:
    void rebuildList();
    void updateItem(QListWidgetItem *item);
    void onCurrentItemChanged(QListWidgetItem *item);
    void showAccount(const QString &accountId);
    void onStateChanged(const QString &accountId);
    void runCheck(const QString &accountId);
    void showReport(const QStringList &lines, const QString &failure);
    void showProblem(const QString &text);
    void updateButtons();
    void updateKeychainWarning();
    QListWidgetItem *itemFor(const QString &accountId) const;

    QPointer<AccountManager> m_accounts;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_test;
    AccountEditor *m_editor;
    QWidget *m_form = nullptr; // the editor's scroll area
    QLabel *m_state;
    QLabel *m_problem;
    QLabel *m_report;
    QPushButton *m_save;
    QPushButton *m_revert;
    MessageBar *m_keychain;
    QString m_accountId;
    bool m_isNew = false;
    bool m_busy = false;
    bool m_rebuilding = false;
    QStringList m_reportLines;
    QPointer<AccountCheckJob> m_check;
    // Contracts listed by a test, kept across a save (which opens a new session).
    QHash<QString, QList<SatellogicContract>> m_contracts;
};

} // namespace StacScope
