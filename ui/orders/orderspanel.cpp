#include "ui/orders/orderspanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/jsoncalljob.h"
#include "ui/accounts/accountcombo.h"
#include "ui/common/messagebar.h"
#include "ui/orders/orderdownloaddialog.h"
#include "ui/orders/orderdownloadqueue.h"

using namespace Qt::StringLiterals;

namespace StacScope {

OrdersPanel::OrdersPanel(AccountManager *accounts, DownloadManager *downloads, QWidget *parent)
    : QWidget(parent)
    , m_accounts(accounts)
    , m_downloads(downloads)
    , m_account(new AccountCombo(
          accounts, [](AccountSession *s) { return qobject_cast<CapellaSession *>(s) != nullptr; }, this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_activeOnly(new QCheckBox(tr("Active &only"), this))
    , m_download(new QPushButton(tr("&Download..."), this))
    , m_orders(new OrdersModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_messages(new MessageBar(this))
    , m_statusLabel(new QLabel(this))
{
    setObjectName(u"ordersPanel"_s);
    m_account->setObjectName(u"ordersAccount"_s);
    m_account->setToolTip(tr("Whose orders to list"));
    m_refresh->setToolTip(tr("Ask Capella for the account's orders again"));
    m_activeOnly->setToolTip(tr("Hide orders that expired or were rejected"));
    m_download->setToolTip(tr("Download the selected order's products"));

    m_proxy->setSourceModel(m_orders);
    m_proxy->setSortRole(OrdersModel::SortRole);
    m_proxy->setFilterRole(OrdersModel::ActiveRole);
    m_proxy->setFilterKeyColumn(OrdersModel::Id);
    m_view->setObjectName(u"ordersView"_s);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->header()->setStretchLastSection(true);
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 3 + 8);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(OrdersModel::Ordered, Qt::DescendingOrder);
    const QFontMetrics fm = fontMetrics();
    m_view->setColumnWidth(OrdersModel::Id, fm.horizontalAdvance(u"00000000-0000-0000-0000-000000000000"_s) + 16);
    const int time = fm.horizontalAdvance(u"2025-06-12 00:00 UTC+03:00"_s) + 20;
    m_view->setColumnWidth(OrdersModel::Ordered, time);
    m_view->setColumnWidth(OrdersModel::Status, fm.horizontalAdvance(u"Completed"_s) + 24);
    m_view->setColumnWidth(OrdersModel::Expires, time);
    m_view->setColumnWidth(OrdersModel::Items, fm.horizontalAdvance(u"Items"_s) + 24);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    auto *top = new QHBoxLayout;
    auto *accountLabel = new QLabel(tr("&Account:"), this);
    accountLabel->setBuddy(m_account);
    top->addWidget(accountLabel);
    top->addWidget(m_account);
    top->addWidget(m_refresh);
    top->addSpacing(8);
    top->addWidget(m_activeOnly);
    top->addSpacing(8);
    top->addWidget(m_statusLabel, 1);
    top->addWidget(m_download);
    layout->addLayout(top);
    layout->addWidget(m_messages);
    layout->addWidget(m_view, 1);

    connect(m_account, &QComboBox::currentIndexChanged, this, &OrdersPanel::onAccountChosen);
    connect(m_refresh, &QPushButton::clicked, this, &OrdersPanel::refresh);
    connect(m_activeOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setFilterFixedString(on ? u"true"_s : QString());
        updateStatusText();
        updateActions();
    });
    connect(m_download, &QPushButton::clicked, this, &OrdersPanel::downloadSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &OrdersPanel::updateActions);
    connect(m_view, &QTreeView::doubleClicked, this, [this] {
        if (m_download->isEnabled()) {
            downloadSelected();
        }
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        const QString id = selectedOrderId();
        if (id.isEmpty()) {
            return;
        }
        // popup(), not exec(): no nested event loop on the GUI thread.
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(tr("Download..."), this, &OrdersPanel::downloadSelected)->setEnabled(m_download->isEnabled());
        menu->popup(m_view->viewport()->mapToGlobal(position));
    });
    if (m_accounts) {
        connect(m_accounts, &AccountManager::sessionsChanged, this, &OrdersPanel::rebuildAccounts);
        connect(m_accounts, &AccountManager::sessionStateChanged, this, &OrdersPanel::onSessionState);
    }
    rebuildAccounts();
    updateActions();
}

OrdersPanel::~OrdersPanel()
{
    // The jobs belong to the sessions; stop what only this panel wanted.
    for (JsonCallJob *job : { m_listJob.data(), m_presignJob.data() }) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void OrdersPanel::setClock(OrdersModel::Clock clock)
{
    m_orders->setClock(std::move(clock));
    m_proxy->invalidate();
    updateStatusText();
    updateActions();
}

bool OrdersPanel::isLoading() const
{
    return m_waitingForUser || !m_listJob.isNull();
}

QString OrdersPanel::currentAccountId() const
{
    return m_account->currentAccountId();
}

void OrdersPanel::selectAccount(const QString &accountId)
{
    m_account->selectAccount(accountId);
}

CapellaSession *OrdersPanel::session() const
{
    return m_accounts ? qobject_cast<CapellaSession *>(m_accounts->session(currentAccountId())) : nullptr;
}

void OrdersPanel::rebuildAccounts()
{
    if (m_account->rebuild() || m_loadedAccount.isEmpty()) {
        onAccountChosen();
    } else {
        updateActions();
    }
}

void OrdersPanel::onAccountChosen()
{
    ++m_generation;
    m_waitingForUser = false;
    if (m_listJob) {
        m_listJob->disconnect(this);
        m_listJob->cancel();
    }
    m_orders->clear();
    m_loadedAccount.clear();
    m_messages->hide();
    m_statusLabel->clear();
    CapellaSession *s = session();
    if (!s) {
        m_statusLabel->setText(
            m_account->count() == 0 ? tr("No Capella account: add one in Settings > Accounts.") : QString());
        updateActions();
        return;
    }
    // An account that is not signed in yet is listed on demand; one that is, at once.
    if (s->state() == AccountSession::State::Ready) {
        refresh();
    } else {
        onSessionState(s->account().id);
    }
}

void OrdersPanel::onSessionState(const QString &accountId)
{
    CapellaSession *s = session();
    if (!s || accountId != s->account().id) {
        return;
    }
    switch (s->state()) {
    case AccountSession::State::Ready:
        if (m_loadedAccount != accountId && !isLoading()) {
            refresh();
        }
        break;
    case AccountSession::State::Refused:
        m_messages->showMessage(
            MessageBar::Level::Error, tr("%1 cannot sign in: %2").arg(s->account().name, s->stateText()));
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
        break;
    case AccountSession::State::Unchecked:
        if (m_loadedAccount != accountId && !isLoading()) {
            m_statusLabel->setText(tr("Not signed in yet: Refresh lists the orders."));
        }
        break;
    default:
        break;
    }
    updateActions();
}

void OrdersPanel::refresh()
{
    CapellaSession *s = session();
    if (!s) {
        return;
    }
    if (m_listJob) {
        m_listJob->disconnect(this);
        m_listJob->cancel();
    }
    const int generation = ++m_generation;
    const QString accountId = s->account().id;
    m_waitingForUser = true;
    m_statusLabel->setText(tr("Listing the orders of %1...").arg(s->account().name));
    updateActions();
    // Orders are listed by user id, which GET /user names.
    s->withUser(this, [this, accountId, generation](const NetworkError &error) {
        if (generation != m_generation) {
            return;
        }
        m_waitingForUser = false;
        if (error.isError()) {
            m_statusLabel->clear();
            showProblem(error, tr("The orders could not be listed"));
            updateActions();
            return;
        }
        listOrders(accountId, generation);
    });
}

void OrdersPanel::listOrders(const QString &accountId, int generation)
{
    CapellaSession *s = session();
    if (!s || s->account().id != accountId) {
        updateActions();
        return;
    }
    JsonCallJob *job = s->client()->orders(s->userId());
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job, generation] {
        if (generation == m_generation) {
            onOrdersFinished(job);
        }
    });
    m_listJob = job;
    updateActions();
}

void OrdersPanel::onOrdersFinished(JsonCallJob *job)
{
    m_listJob = nullptr;
    const QString selected = m_pendingSelection.isEmpty() ? selectedOrderId() : m_pendingSelection;
    m_pendingSelection.clear();
    if (!job->isOk()) {
        m_statusLabel->clear();
        showProblem(job->error(), tr("The orders could not be listed"));
        updateActions();
        return;
    }
    m_loadedAccount = currentAccountId();
    m_orders->setOrders(CapellaApi::parseOrders(job->array()));
    m_proxy->invalidate();
    updateStatusText();
    if (m_messages->isVisible() && m_messages->level() == MessageBar::Level::Error) {
        m_messages->hide();
    }
    if (!selected.isEmpty()) {
        selectOrder(selected);
    }
    updateActions();
    Q_EMIT ordersLoaded();
}

void OrdersPanel::updateStatusText()
{
    if (m_loadedAccount.isEmpty() || isLoading()) {
        return;
    }
    int active = 0;
    for (int r = 0; r < m_orders->rowCount(); ++r) {
        active += m_orders->index(r, 0).data(OrdersModel::ActiveRole).toBool() ? 1 : 0;
    }
    const int all = m_orders->rowCount();
    m_statusLabel->setText((all == 1 ? tr("1 order") : tr("%1 orders").arg(all)) + u", "_s
        + (active == 1 ? tr("1 active") : tr("%1 active").arg(active)));
}

void OrdersPanel::showOrder(const QString &accountId, const QString &orderId)
{
    selectAccount(accountId);
    if (currentAccountId() != accountId) {
        return;
    }
    // An "Active only" list would hide an order that is not; the user asked to see this one.
    if (m_activeOnly->isChecked() && m_orders->rowOf(orderId) >= 0
        && !m_orders->index(m_orders->rowOf(orderId), 0).data(OrdersModel::ActiveRole).toBool()) {
        m_activeOnly->setChecked(false);
    }
    m_pendingSelection = orderId;
    refresh();
}

QString OrdersPanel::selectedOrderId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(OrdersModel::OrderIdRole).toString();
}

void OrdersPanel::selectOrder(const QString &orderId)
{
    const int row = m_orders->rowOf(orderId);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_orders->index(row, 0));
    if (!index.isValid()) {
        return;
    }
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

OrderDownloadDialog *OrdersPanel::downloadDialog() const
{
    return m_downloadDialog;
}

void OrdersPanel::downloadSelected()
{
    const QString orderId = selectedOrderId();
    CapellaSession *s = session();
    if (orderId.isEmpty() || !s || !m_downloads || m_presignJob) {
        return;
    }
    const QString accountId = s->account().id;
    // The files and their presigned links: GET /orders/{id}/download.
    JsonCallJob *job = s->client()->presign(orderId);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(
        job, &StacJob::finished, this, [this, job, accountId, orderId] { onPresignFinished(job, accountId, orderId); });
    m_presignJob = job;
    m_messages->showMessage(MessageBar::Level::Info, tr("Asking Capella for the files of order %1...").arg(orderId));
    updateActions();
}

void OrdersPanel::onPresignFinished(JsonCallJob *job, const QString &accountId, const QString &orderId)
{
    m_presignJob = nullptr;
    updateActions();
    if (!job->isOk()) {
        showProblem(job->error(), tr("The files of order %1 could not be listed").arg(orderId));
        return;
    }
    const QList<CapellaPresignedItem> items = CapellaApi::parsePresigned(job->array());
    if (items.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Warning, tr("Order %1 offers no files to download.").arg(orderId));
        return;
    }
    m_messages->hide();
    if (m_downloadDialog) {
        m_downloadDialog->close();
    }
    OrderDownloadDialog *dialog = openOrderDownloadDialog(orderId, items, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog, accountId] { queue(dialog, accountId); });
    m_downloadDialog = dialog;
    Q_EMIT downloadDialogOpened(dialog);
}

void OrdersPanel::queue(OrderDownloadDialog *dialog, const QString &accountId)
{
    auto *s = m_accounts ? qobject_cast<CapellaSession *>(m_accounts->session(accountId)) : nullptr;
    const OrderQueueResult result = queueOrderDownload(*dialog, s, m_downloads);
    m_messages->showMessage(result.level, result.text);
    if (result.queued) {
        Q_EMIT downloadQueued(result.files);
    }
}

void OrdersPanel::showProblem(const NetworkError &error, const QString &what)
{
    if (error.kind == NetworkError::Kind::Canceled) {
        return;
    }
    QString text = tr("%1: %2").arg(what, error.message.isEmpty() ? error.toString() : error.message);
    const QStringList hints = CapellaApi::explain(error);
    if (!hints.isEmpty()) {
        text += u". "_s + hints.join(u' ');
    }
    m_messages->showMessage(MessageBar::Level::Error, text, error.url.toString());
    if (error.isCredentialProblem()) {
        const QString accountId = currentAccountId();
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
    }
}

void OrdersPanel::updateActions()
{
    const bool haveSession = session() != nullptr;
    m_refresh->setEnabled(haveSession && !isLoading());
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool active = !rows.isEmpty() && rows.first().data(OrdersModel::ActiveRole).toBool();
    m_download->setEnabled(haveSession && m_downloads && active && !m_presignJob);
    m_download->setToolTip(!rows.isEmpty() && !active
            ? tr("The order expired or was rejected: its products cannot be downloaded")
            : tr("Download the selected order's products"));
}

} // namespace StacScope
