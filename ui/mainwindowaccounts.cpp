// The main window's account side: the accounts' catalogs in the picker, their state in the status
// bar, Settings > Accounts..., the Tasks dock, and credential problems that lead to the account.
#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTimer>

#include "src/download/downloadmanager.h"
#include "src/net/networkerror.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "src/providers/accountstore.h"
#include "src/providers/catalogsession.h"
#include "ui/accounts/accountsdialog.h"
#include "ui/accounts/accountstatusbutton.h"
#include "ui/accounts/accountwords.h"
#include "ui/common/messagebar.h"
#include "ui/mainwindow.h"
#include "ui/map/quicklookloader.h"
#include "ui/search/catalogscontroller.h"
#include "ui/search/searchpanel.h"
#include "ui/tasking/taskingcontroller.h"
#include "ui/tasks/taskspanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// Download and preview errors arrive as text ("HTTP 403: ..."): these are the refusals.
bool looksRefused(const QString &error)
{
    return error.startsWith(u"HTTP 401"_s) || error.startsWith(u"HTTP 403"_s);
}

} // namespace

void MainWindow::setRequestMonitor(RequestMonitor *monitor)
{
    if (m_tasking) {
        m_tasking->setMonitor(monitor);
    }
}

void MainWindow::setAccountManager(AccountManager *accounts)
{
    if (m_accounts || !accounts) {
        return;
    }
    m_accounts = accounts;

    auto *settings = new QMenu(tr("&Settings"), this);
    m_accountsAction = settings->addAction(tr("&Accounts..."), this, [this] { openAccountsDialog(); });
    m_accountsAction->setToolTip(tr("Add, test and remove provider accounts"));
    const QList<QAction *> menus = menuBar()->actions();
    // Before Help, which stays last.
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), settings);

    m_tasking = new TaskingController(this, accounts, m_downloadManager);

    m_accountStatus = new AccountStatusButton(accounts, this);
    statusBar()->addPermanentWidget(m_accountStatus);
    connect(m_accountStatus, &AccountStatusButton::openRequested, this,
        [this](const QString &id) { openAccountsDialog(id); });

    m_catalogsController->setAccountManager(accounts);
    connect(accounts, &AccountManager::sessionsChanged, this, [this] {
        m_downloadProblemShown.clear();
        ensureOrdersDock();
        updateOrderAction();
    });
    connect(accounts, &AccountManager::sessionStateChanged, this, &MainWindow::onAccountStateChanged);
    if (m_downloadManager) {
        connect(m_downloadManager, &DownloadManager::taskChanged, this, &MainWindow::onDownloadChanged);
    }
    connect(m_quicklookLoader, &QuicklookLoader::failed, this, [this](int, const QString &message) {
        if (m_session && looksRefused(message)) {
            NetworkError error = NetworkError::make(NetworkError::Kind::Auth, message);
            showAccountProblem(m_session->source().accountId, tr("A preview could not be loaded"), error);
        }
    });
    for (AccountSession *s : accounts->sessions()) {
        m_accountStates.insert(s->account().id, int(s->state()));
    }
    setUpOrders();
    setUpStorage();
    // Sign in once at launch, so the status bar tells at once whether each account works.
    QTimer::singleShot(0, this, &MainWindow::checkAccountsOnce);
}

void MainWindow::checkAccountsOnce()
{
    if (!m_accounts) {
        return;
    }
    for (AccountSession *s : m_accounts->sessions()) {
        if (s->state() == AccountSession::State::Unchecked && !s->account().secretNames.isEmpty()) {
            AccountCheckJob *job = s->check();
            connect(job, &StacJob::finished, job, &QObject::deleteLater);
        }
    }
}

TasksPanel *MainWindow::tasksPanel() const
{
    return m_tasking ? m_tasking->tasksPanel() : nullptr;
}

AccountManager *MainWindow::accountManager() const
{
    return m_accounts;
}

AccountsDialog *MainWindow::accountsDialog() const
{
    return m_accountsDialog;
}

AccountsDialog *MainWindow::openAccountsDialog(const QString &accountId)
{
    if (!m_accounts) {
        return nullptr;
    }
    if (!m_accountsDialog) {
        // Not modal: the window keeps working (and showing the accounts' state) beside it.
        m_accountsDialog = new AccountsDialog(m_accounts, this);
        m_accountsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    if (!accountId.isEmpty()) {
        m_accountsDialog->selectAccount(accountId);
    }
    m_accountsDialog->show();
    m_accountsDialog->raise();
    m_accountsDialog->activateWindow();
    return m_accountsDialog;
}

void MainWindow::onAccountStateChanged(const QString &accountId)
{
    AccountSession *session = m_accounts ? m_accounts->session(accountId) : nullptr;
    if (!session) {
        return;
    }
    const int before = m_accountStates.value(accountId, -1);
    const int now = int(session->state());
    m_accountStates.insert(accountId, now);
    if (before == now) {
        return;
    }
    const QString name = session->account().name;
    auto openAccount = [this, accountId] { openAccountsDialog(accountId); };
    if (session->state() == AccountSession::State::Refused) {
        m_messages->showMessage(MessageBar::Level::Error, tr("%1 cannot sign in: %2").arg(name, session->stateText()));
        m_messages->setAction(tr("Open account"), openAccount);
        m_accountMessage = { accountId, m_messages->text() };
    } else if (session->state() == AccountSession::State::NeedsChoice) {
        m_messages->showMessage(MessageBar::Level::Warning, tr("%1: %2").arg(name, session->stateText()));
        m_messages->setAction(tr("Open account"), openAccount);
        m_accountMessage = { accountId, m_messages->text() };
    } else if (session->state() == AccountSession::State::Ready && m_accountMessage.first == accountId
        && m_messages->isVisible() && m_messages->text() == m_accountMessage.second) {
        // Fixed: the warning about this account no longer holds.
        m_messages->hide();
    }
}

void MainWindow::onDownloadChanged(qint64 id)
{
    if (!m_downloadManager || !m_accounts) {
        return;
    }
    const DownloadTask task = m_downloadManager->task(id);
    if (task.state != DownloadState::Failed) {
        return;
    }
    const QString accountId = AccountWords::accountIdOfSource(task.sourceId);
    const AccountSession *session = m_accounts->session(accountId);
    if (!session || m_downloadProblemShown.contains(accountId)) {
        return;
    }
    if (looksRefused(task.error) || session->state() == AccountSession::State::Refused) {
        // Once per account: a refused account fails all of its downloads at once.
        m_downloadProblemShown.insert(accountId);
        showAccountProblem(accountId, tr("A download failed (%1)").arg(task.title),
            NetworkError::make(NetworkError::Kind::Auth, task.error));
    }
}

bool MainWindow::showAccountProblem(const QString &accountId, const QString &what, const NetworkError &error)
{
    const AccountSession *session = m_accounts && !accountId.isEmpty() ? m_accounts->session(accountId) : nullptr;
    if (!session) {
        return false;
    }
    m_messages->showMessage(MessageBar::Level::Error,
        tr("%1 (account %2): %3").arg(what, session->account().name, AccountWords::explain(session, error)),
        error.url.toString());
    m_messages->setAction(tr("Open account"), [this, accountId] { openAccountsDialog(accountId); });
    return true;
}

} // namespace StacScope
