// The UP42 storage dock, part 1: the frame (tabs, account and workspace), the account's sign-in,
// the jobs it watches and the problems it shows. Orders are in storagepanelorders.cpp, assets in
// storagepanelassets.cpp.
#include "ui/up42/storagepanel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/tasking/requestmonitor.h"
#include "ui/accounts/accountcombo.h"
#include "ui/common/messagebar.h"
#include "ui/up42/up42assetsmodel.h"
#include "ui/up42/up42dialogs.h"
#include "ui/up42/up42ordersmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

StoragePanel::StoragePanel(AccountManager *accounts, DownloadManager *downloads, QWidget *parent)
    : QWidget(parent)
    , m_accounts(accounts)
    , m_downloads(downloads)
    , m_tabs(new QTabWidget(this))
    , m_account(new AccountCombo(
          accounts, [](AccountSession *s) { return qobject_cast<Up42Session *>(s) != nullptr; }, this))
    , m_accountLabel(new QLabel(tr("&Account:"), this))
    , m_workspace(new QComboBox(this))
    , m_refresh(new QToolButton(this))
    , m_messages(new MessageBar(this))
{
    setObjectName(u"up42StoragePanel"_s);
    m_account->setObjectName(u"up42Account"_s);
    m_account->setToolTip(tr("Whose storage to show"));
    m_accountLabel->setBuddy(m_account);
    m_workspace->setObjectName(u"up42Workspace"_s);
    m_workspace->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_workspace->setToolTip(tr("The workspace whose orders and assets are listed"));
    m_refresh->setObjectName(u"up42Refresh"_s);
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Ask UP42 for the orders and assets again"));
    m_refresh->setAutoRaise(true);

    // Account, workspace and Refresh sit beside the tabs: one row less in a short dock.
    auto *corner = new QWidget(this);
    auto *cornerLayout = new QHBoxLayout(corner);
    cornerLayout->setContentsMargins(0, 0, 0, 2);
    cornerLayout->setSpacing(4);
    cornerLayout->addWidget(m_accountLabel);
    cornerLayout->addWidget(m_account);
    auto *workspaceLabel = new QLabel(tr("&Workspace:"), corner);
    workspaceLabel->setBuddy(m_workspace);
    cornerLayout->addSpacing(6);
    cornerLayout->addWidget(workspaceLabel);
    cornerLayout->addWidget(m_workspace);
    cornerLayout->addWidget(m_refresh);
    m_tabs->setObjectName(u"up42StorageTabs"_s);
    m_tabs->setDocumentMode(true);
    m_ordersPage = buildOrdersPage();
    m_assetsPage = buildAssetsPage();
    m_tabs->addTab(m_ordersPage, tr("&Orders"));
    m_tabs->addTab(m_assetsPage, tr("A&ssets"));
    m_tabs->setCornerWidget(corner, Qt::TopRightCorner);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(m_messages);
    layout->addWidget(m_tabs, 1);

    connect(m_account, &QComboBox::currentIndexChanged, this, &StoragePanel::onAccountChosen);
    connect(m_workspace, &QComboBox::currentIndexChanged, this, [this] {
        listOrders(false);
        listAssets(false);
    });
    connect(m_refresh, &QToolButton::clicked, this, [this] {
        refreshOrders();
        refreshAssets();
    });
    if (m_accounts) {
        connect(m_accounts, &AccountManager::sessionsChanged, this, &StoragePanel::rebuildAccounts);
        connect(m_accounts, &AccountManager::sessionStateChanged, this, &StoragePanel::onSessionState);
    }
    rebuildAccounts();
}

StoragePanel::~StoragePanel()
{
    // The jobs belong to the account's client; stop what only this panel wanted.
    QList<QPointer<StacJob>> jobs = m_jobs;
    jobs << m_ordersJob.data() << m_assetsJob.data() << m_orderAssetsJob.data() << m_detailsJob.data();
    for (const QPointer<StacJob> &job : std::as_const(jobs)) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void StoragePanel::setMonitorLookup(MonitorLookup lookup)
{
    m_monitorLookup = std::move(lookup);
    updateActions();
}

RequestMonitor *StoragePanel::monitor() const
{
    return m_monitorLookup ? m_monitorLookup() : nullptr;
}

QString StoragePanel::currentAccountId() const
{
    return m_account->currentAccountId();
}

void StoragePanel::selectAccount(const QString &accountId)
{
    m_account->selectAccount(accountId);
}

Up42Session *StoragePanel::session() const
{
    return m_accounts ? qobject_cast<Up42Session *>(m_accounts->session(currentAccountId())) : nullptr;
}

void StoragePanel::rebuildAccounts()
{
    const bool changed = m_account->rebuild();
    // The chooser only matters when there is a choice.
    m_account->setVisible(m_account->count() > 1);
    m_accountLabel->setVisible(m_account->count() > 1);
    if (changed || m_loadedAccount.isEmpty()) {
        onAccountChosen();
    } else {
        updateActions();
    }
}

void StoragePanel::onAccountChosen()
{
    ++m_ordersGeneration;
    ++m_assetsGeneration;
    ++m_detailsGeneration;
    for (Up42PagedJob *job : { m_ordersJob.data(), m_assetsJob.data() }) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
    m_orders->clear();
    m_assets->clear();
    m_details->clear();
    m_ordersUrl.clear();
    m_assetsUrl.clear();
    m_loadedAccount.clear();
    m_messages->hide();
    m_ordersCount->clear();
    m_assetsCount->clear();
    rebuildWorkspaces();
    Up42Session *s = session();
    if (!s) {
        m_ordersCount->setText(
            m_account->count() == 0 ? tr("No UP42 account: add one in Settings > Accounts.") : QString());
        updateActions();
        return;
    }
    m_loadedAccount = s->account().id;
    // The default workspace is known once signed in (userinfo): sign in first when nobody has.
    if (s->state() == AccountSession::State::Unchecked) {
        AccountCheckJob *check = s->check();
        connect(check, &StacJob::finished, check, &QObject::deleteLater);
    }
    onSessionState(s->account().id);
}

void StoragePanel::onSessionState(const QString &accountId)
{
    Up42Session *s = session();
    if (!s || accountId != s->account().id) {
        return;
    }
    switch (s->state()) {
    case AccountSession::State::Ready:
        if (m_workspace->findData(s->workspaceId()) < 0 && !s->workspaceId().isEmpty()) {
            rebuildWorkspaces();
        }
        if (m_messages->isVisible() && m_messages->actionButton()->isVisible()) {
            m_messages->hide(); // "cannot sign in" is over
        }
        listOrders(false);
        listAssets(false);
        break;
    case AccountSession::State::Refused:
    case AccountSession::State::Unreachable:
        m_ordersCount->clear();
        m_assetsCount->clear();
        m_messages->showMessage(
            MessageBar::Level::Error, tr("%1 cannot sign in: %2").arg(s->account().name, s->stateText()));
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
        break;
    case AccountSession::State::Unchecked:
    case AccountSession::State::Checking:
        m_ordersCount->setText(tr("Signing in to UP42..."));
        break;
    default:
        break;
    }
    updateActions();
}

QString StoragePanel::workspaceId() const
{
    return m_workspace->currentData().toString();
}

void StoragePanel::selectWorkspace(const QString &workspaceId)
{
    int index = m_workspace->findData(workspaceId);
    if (index < 0) {
        noteWorkspaces({ workspaceId });
        index = m_workspace->findData(workspaceId);
    }
    m_workspace->setCurrentIndex(index);
}

void StoragePanel::rebuildWorkspaces()
{
    Up42Session *s = session();
    const QString defaultWorkspace = s ? s->workspaceId() : QString();
    const QSignalBlocker blocker(m_workspace);
    m_workspace->clear();
    if (!defaultWorkspace.isEmpty()) {
        m_workspace->addItem(tr("Default"), defaultWorkspace);
        m_workspace->setItemData(0, tr("Your default workspace, %1").arg(defaultWorkspace), Qt::ToolTipRole);
    }
    m_workspace->addItem(tr("All workspaces"), QString());
    m_workspace->setItemData(m_workspace->count() - 1, tr("Every workspace of the account"), Qt::ToolTipRole);
    m_workspace->setCurrentIndex(0);
    m_workspace->setEnabled(s != nullptr);
}

void StoragePanel::noteWorkspaces(const QStringList &workspaceIds)
{
    // Other workspaces of the account become choices once a listing of all of them shows them.
    const QSignalBlocker blocker(m_workspace);
    for (const QString &id : workspaceIds) {
        if (!id.isEmpty() && m_workspace->findData(id) < 0) {
            m_workspace->addItem(tr("Workspace %1").arg(id.left(8)), id);
            m_workspace->setItemData(m_workspace->count() - 1, id, Qt::ToolTipRole);
        }
    }
}

void StoragePanel::showProblem(const NetworkError &error, const QString &what)
{
    if (error.kind == NetworkError::Kind::Canceled) {
        return;
    }
    m_messages->showMessage(
        MessageBar::Level::Error, tr("%1: %2").arg(what, Up42Api::explain(error)), error.url.toString());
    if (error.isCredentialProblem()) {
        const QString accountId = currentAccountId();
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
    }
}

void StoragePanel::watch(StacJob *job, std::function<void()> done)
{
    m_jobs.removeAll(nullptr);
    m_jobs.append(job);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job, done = std::move(done)] {
        m_jobs.removeAll(job);
        done();
        updateActions();
    });
    updateActions();
}

Up42PagedJob *StoragePanel::listAll(Up42Session *session, const QUrl &url) const
{
    return new Up42PagedJob(session->client()->network(), url, 0, m_pageSize, session->client());
}

void StoragePanel::updateActions()
{
    Up42Session *s = session();
    const bool ready = s && s->state() == AccountSession::State::Ready;
    m_refresh->setEnabled(ready);

    const int row = selectedOrderRow();
    const Up42Order *order = row >= 0 ? &m_orders->order(row) : nullptr;
    m_showAssets->setEnabled(ready && order);
    m_downloadOrder->setEnabled(ready && order && m_downloads && !m_orderAssetsJob);
    m_downloadOrder->setToolTip(m_downloads ? tr("Download every asset of the selected order into a folder named "
                                                 "after it")
                                            : tr("Downloads are not available in this window"));
    m_follow->setEnabled(ready && order && monitor());
    m_follow->setToolTip(monitor() ? tr("Follow the order in the Monitor: its status, notifications and deliveries")
                                   : tr("The monitor is not running"));
    m_editOrderTags->setEnabled(ready && order);
    const bool cancelable = order && order->isCancelable() && !m_canceling.contains(order->id);
    m_cancelOrder->setEnabled(ready && cancelable);
    m_cancelOrder->setToolTip(order && !order->isCancelable()
            ? tr("UP42 cancels an order only before it is placed (created, or placement failed)")
            : tr("Cancel the selected order (asked first)"));

    const QList<Up42Asset> assets = selectedAssets();
    m_downloadAssets->setEnabled(ready && !assets.isEmpty() && m_downloads);
    const bool stac = assets.size() == 1 && assets.first().extractionStatus == u"SUCCESSFUL"_s;
    m_stacItems->setEnabled(ready && stac);
    m_stacItems->setToolTip(assets.size() == 1 && !stac
            ? tr("UP42 extracted no STAC metadata from this asset: it has no STAC items")
            : tr("Search the account's storage catalog for the asset's STAC items and show them on the map"));
    m_editAsset->setEnabled(ready && assets.size() == 1);
}

} // namespace StacScope
