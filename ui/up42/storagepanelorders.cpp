// The UP42 storage dock, part 2: the Orders tab. GET /v2/orders with the documented filters and
// sorts (providers/up42.md §4), every page; an order's assets, all of them downloaded, the order
// followed in the Monitor, its tags edited (merge-patch) and its cancellation (asked, sent once).
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "src/download/downloadmanager.h"
#include "src/download/filenamesanitizer.h"
#include "src/providers/accountmanager.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/tasking/requestmonitor.h"
#include "ui/common/messagebar.h"
#include "ui/common/panelviews.h"
#include "ui/monitor/monitormodel.h"
#include "ui/up42/storagepanel.h"
#include "ui/up42/up42dialogs.h"
#include "ui/up42/up42ordersmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString nameOf(const Up42Order &order)
{
    return order.displayName.isEmpty() ? order.id : order.displayName;
}

} // namespace

QWidget *StoragePanel::buildOrdersPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"up42OrdersPage"_s);
    m_orderType = new QComboBox(page);
    m_orderType->setObjectName(u"up42OrderType"_s);
    m_orderType->addItem(tr("Any"), QString());
    m_orderType->addItem(tr("Archive"), u"ARCHIVE"_s);
    m_orderType->addItem(tr("Tasking"), u"TASKING"_s);
    m_orderStatus = new QToolButton(page);
    m_orderStatus->setObjectName(u"up42OrderStatus"_s);
    m_orderStatus->setPopupMode(QToolButton::InstantPopup);
    m_orderStatus->setToolTip(tr("Only orders in these statuses (none chosen: any)"));
    auto *statusMenu = new QMenu(m_orderStatus);
    for (const QString &status : Up42Api::orderStatuses()) {
        QAction *action = statusMenu->addAction(MonitorModel::up42StatusText(status));
        action->setCheckable(true);
        action->setData(status);
        action->setToolTip(status);
        connect(action, &QAction::toggled, this, [this] {
            updateStatusButton();
            listOrders(false);
        });
    }
    m_orderStatus->setMenu(statusMenu);
    updateStatusButton();
    m_orderName = new QLineEdit(page);
    m_orderName->setObjectName(u"up42OrderName"_s);
    m_orderName->setPlaceholderText(tr("Name contains"));
    m_orderName->setClearButtonEnabled(true);
    m_orderTag = new QLineEdit(page);
    m_orderTag->setObjectName(u"up42OrderTag"_s);
    m_orderTag->setPlaceholderText(tr("Tags"));
    m_orderTag->setToolTip(tr("Orders with any of these tags, separated by commas"));
    m_orderTag->setClearButtonEnabled(true);
    m_orderSort = new QComboBox(page);
    m_orderSort->setObjectName(u"up42OrderSort"_s);
    const QStringList sortNames { tr("Created"), tr("Updated"), tr("Type"), tr("Status"), tr("Provider") };
    const QStringList sortFields = Up42Api::orderSortFields();
    for (qsizetype i = 0; i < sortFields.size(); ++i) {
        m_orderSort->addItem(sortNames.value(i, sortFields.at(i)), sortFields.at(i));
    }
    m_orderSort->setToolTip(tr("How UP42 sorts the list"));
    m_orderDescending = new QCheckBox(tr("Descending"), page);
    m_orderDescending->setObjectName(u"up42OrderDescending"_s);
    m_orderDescending->setChecked(true); // newest first, as UP42 does by default

    auto *filters = new QHBoxLayout;
    filters->setSpacing(4);
    const auto labelled = [page, filters](const QString &text, QWidget *field, int stretch = 0) {
        auto *label = new QLabel(text, page);
        label->setBuddy(field);
        filters->addWidget(label);
        filters->addWidget(field, stretch);
        filters->addSpacing(6);
    };
    labelled(tr("T&ype:"), m_orderType);
    labelled(tr("S&tatus:"), m_orderStatus);
    labelled(tr("&Name:"), m_orderName, 2);
    labelled(tr("Ta&g:"), m_orderTag, 1);
    labelled(tr("Sort &by:"), m_orderSort);
    filters->addWidget(m_orderDescending);
    filters->addStretch(1);

    m_ordersBar = new QToolBar(page);
    m_ordersBar->setObjectName(u"up42OrdersBar"_s);
    m_ordersBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_ordersBar->setIconSize(QSize(16, 16));
    m_showAssets = m_ordersBar->addAction(tr("Show assets"), this, &StoragePanel::showAssetsOfSelectedOrder);
    m_showAssets->setToolTip(tr("List the assets the selected order delivered"));
    m_downloadOrder = m_ordersBar->addAction(tr("Download all..."), this, &StoragePanel::downloadSelectedOrder);
    m_follow = m_ordersBar->addAction(tr("Follow in Monitor"), this, &StoragePanel::followSelectedOrder);
    m_ordersBar->addSeparator();
    m_editOrderTags = m_ordersBar->addAction(tr("Edit tags..."), this, &StoragePanel::editSelectedOrderTags);
    m_editOrderTags->setToolTip(tr("Change the selected order's tags"));
    m_cancelOrder = m_ordersBar->addAction(tr("Cancel order..."), this, &StoragePanel::cancelSelectedOrder);
    m_ordersCount = new QLabel(page);
    m_ordersCount->setObjectName(u"up42OrdersCount"_s);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_ordersBar);
    bar->addStretch(1);
    bar->addWidget(m_ordersCount);

    m_orders = new Up42OrdersModel(this);
    m_ordersProxy = new QSortFilterProxyModel(this);
    m_ordersProxy->setSourceModel(m_orders);
    m_ordersProxy->setSortRole(Up42OrdersModel::SortRole);
    m_ordersView = new QTreeView(page);
    m_ordersView->setObjectName(u"up42OrdersView"_s);
    setUpRowView(m_ordersView, QAbstractItemView::SingleSelection);
    m_ordersView->setModel(m_ordersProxy);
    m_ordersView->setTextElideMode(Qt::ElideMiddle);
    m_ordersView->setContextMenuPolicy(Qt::CustomContextMenu);
    // UP42's order (the sort asked of it) until a header is clicked.
    m_ordersView->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_ordersView->setSortingEnabled(true);
    const QFontMetrics fm = fontMetrics();
    const int pad = 24;
    m_ordersView->setColumnWidth(Up42OrdersModel::Name, fm.horizontalAdvance(u"Sao Paulo SAR series, monthly"_s) + pad);
    m_ordersView->setColumnWidth(Up42OrdersModel::Type, fm.horizontalAdvance(u"Tasking"_s) + pad);
    m_ordersView->setColumnWidth(Up42OrdersModel::Status, fm.horizontalAdvance(u"Placement failed"_s) + pad);
    m_ordersView->setColumnWidth(
        Up42OrdersModel::SubStatus, fm.horizontalAdvance(u"Feasibility option to choose"_s) + pad);
    m_ordersView->setColumnWidth(Up42OrdersModel::Created, fm.horizontalAdvance(u"2024-06-04 12:30"_s) + pad);
    m_ordersView->setColumnWidth(Up42OrdersModel::Updated, fm.horizontalAdvance(u"2024-06-04 12:30"_s) + pad);
    m_ordersView->setColumnWidth(Up42OrdersModel::Tags, fm.horizontalAdvance(u"project-7, urban"_s) + pad);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(filters);
    layout->addLayout(bar);
    layout->addWidget(m_ordersView, 1);

    connect(m_orderType, &QComboBox::currentIndexChanged, this, [this] { listOrders(false); });
    connect(m_orderName, &QLineEdit::editingFinished, this, [this] { listOrders(false); });
    connect(m_orderTag, &QLineEdit::editingFinished, this, [this] { listOrders(false); });
    for (QLineEdit *edit : { m_orderName, m_orderTag }) {
        // The clear button empties without editingFinished.
        connect(edit, &QLineEdit::textChanged, this, [this](const QString &text) {
            if (text.isEmpty()) {
                listOrders(false);
            }
        });
    }
    connect(m_orderSort, &QComboBox::currentIndexChanged, this, [this] { listOrders(false); });
    connect(m_orderDescending, &QCheckBox::toggled, this, [this] { listOrders(false); });
    connect(m_ordersView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &StoragePanel::updateActions);
    connect(m_ordersView, &QTreeView::doubleClicked, this, &StoragePanel::showAssetsOfSelectedOrder);
    connect(m_ordersView, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        if (selectedOrderRow() < 0) {
            return;
        }
        // popup(), not exec(): no nested event loop on the GUI thread.
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addActions({ m_showAssets, m_downloadOrder, m_follow });
        menu->addSeparator();
        menu->addActions({ m_editOrderTags, m_cancelOrder });
        menu->popup(m_ordersView->viewport()->mapToGlobal(position));
    });
    return page;
}

QAction *StoragePanel::orderStatusAction(const QString &status) const
{
    for (QAction *action : m_orderStatus->menu()->actions()) {
        if (action->data().toString() == status) {
            return action;
        }
    }
    return nullptr;
}

void StoragePanel::updateStatusButton()
{
    QStringList words;
    for (QAction *action : m_orderStatus->menu()->actions()) {
        if (action->isChecked()) {
            words.append(action->text());
        }
    }
    m_orderStatus->setText(words.isEmpty() ? tr("Any")
            : words.size() <= 2            ? words.join(u", "_s)
                                           : tr("%1 statuses").arg(words.size()));
}

Up42Api::OrderFilter StoragePanel::orderFilter() const
{
    Up42Api::OrderFilter f;
    f.workspaceId = workspaceId();
    f.type = m_orderType->currentData().toString();
    for (QAction *action : m_orderStatus->menu()->actions()) {
        if (action->isChecked()) {
            f.statuses.append(action->data().toString());
        }
    }
    f.displayName = m_orderName->text().trimmed();
    f.tags = Up42TagsDialog::splitTags(m_orderTag->text());
    f.sort = m_orderSort->currentData().toString() + (m_orderDescending->isChecked() ? u",desc"_s : u",asc"_s);
    return f;
}

bool StoragePanel::isLoadingOrders() const
{
    return !m_ordersJob.isNull();
}

void StoragePanel::refreshOrders()
{
    listOrders(true);
}

void StoragePanel::listOrders(bool force)
{
    Up42Session *s = session();
    if (!s || s->state() != AccountSession::State::Ready) {
        updateActions();
        return;
    }
    const Up42Api::OrderFilter filter = orderFilter();
    const QUrl url = Up42Api::ordersUrl(s->client()->apiUrl(), filter);
    if (!force && url == m_ordersUrl) {
        return;
    }
    m_ordersUrl = url;
    if (m_ordersJob) {
        m_ordersJob->disconnect(this);
        m_ordersJob->cancel();
    }
    // UP42 sorted the list: a header's own sort would hide that.
    m_ordersView->header()->setSortIndicator(-1, Qt::AscendingOrder);
    const int generation = ++m_ordersGeneration;
    Up42PagedJob *job = listAll(s, url);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &Up42PagedJob::progress, this, [this, generation](int items, qint64 total) {
        if (generation == m_ordersGeneration && total > items) {
            m_ordersCount->setText(tr("Listing orders: %1 of %2...").arg(items).arg(total));
        }
    });
    connect(job, &StacJob::finished, this, [this, job, generation] {
        if (generation == m_ordersGeneration) {
            onOrdersListed(job);
        }
    });
    m_ordersJob = job;
    m_ordersCount->setText(tr("Listing orders..."));
    updateActions();
}

void StoragePanel::onOrdersListed(Up42PagedJob *job)
{
    m_ordersJob = nullptr;
    if (!job->isOk()) {
        m_ordersUrl.clear(); // asked again on the next occasion
        m_ordersCount->clear();
        showProblem(job->error(), tr("The orders could not be listed"));
        updateActions();
        return;
    }
    const QString selected = selectedOrderId();
    QList<Up42Order> orders;
    QStringList workspaces;
    for (const QJsonValue &value : job->items()) {
        orders.append(Up42Api::parseOrder(value.toObject()));
        workspaces.append(orders.last().workspaceId);
    }
    m_orders->setOrders(orders);
    if (workspaceId().isEmpty()) {
        noteWorkspaces(workspaces);
    }
    if (m_messages->isVisible() && m_messages->level() == MessageBar::Level::Error) {
        m_messages->hide();
    }
    selectOrder(selected);
    updateOrdersCount();
    updateActions();
    Q_EMIT ordersLoaded();
}

void StoragePanel::updateOrdersCount()
{
    const int n = m_orders->rowCount();
    m_ordersCount->setText(n == 1 ? tr("1 order") : tr("%1 orders").arg(n));
}

int StoragePanel::selectedOrderRow() const
{
    const QModelIndexList rows = m_ordersView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_ordersProxy->mapToSource(rows.first()).row();
}

QString StoragePanel::selectedOrderId() const
{
    const int row = selectedOrderRow();
    return row < 0 ? QString() : m_orders->order(row).id;
}

void StoragePanel::selectOrder(const QString &orderId)
{
    const int row = m_orders->rowOf(orderId);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_ordersProxy->mapFromSource(m_orders->index(row, 0));
    m_ordersView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_ordersView->scrollTo(index);
}

void StoragePanel::showAssetsOfSelectedOrder()
{
    const QString orderId = selectedOrderId();
    if (!orderId.isEmpty()) {
        showAssetsOfOrder(orderId);
    }
}

void StoragePanel::showAssetsOfOrder(const QString &orderId)
{
    {
        // As the SDK's order.get_assets(): search=<order id>, no other filter.
        const QSignalBlocker a(m_afterCheck), b(m_beforeCheck), c(m_collection), t(m_assetTag), s(m_source),
            q(m_search);
        m_afterCheck->setChecked(false);
        m_beforeCheck->setChecked(false);
        m_after->setEnabled(false);
        m_before->setEnabled(false);
        m_collection->clear();
        m_assetTag->clear();
        m_source->setCurrentIndex(0);
        m_search->setText(orderId);
    }
    m_tabs->setCurrentWidget(m_assetsPage);
    listAssets(false);
}

void StoragePanel::downloadSelectedOrder()
{
    Up42Session *s = session();
    const int row = selectedOrderRow();
    if (!s || row < 0 || !m_downloads || m_orderAssetsJob) {
        return;
    }
    const Up42Order order = m_orders->order(row);
    const QString accountId = s->account().id;
    Up42Api::AssetFilter filter;
    filter.search = order.id;
    Up42PagedJob *job = listAll(s, Up42Api::assetsUrl(s->client()->apiUrl(), filter));
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(
        job, &StacJob::finished, this, [this, job, accountId, order] { onOrderAssetsListed(job, accountId, order); });
    m_orderAssetsJob = job;
    m_messages->showMessage(MessageBar::Level::Info, tr("Listing the assets of \"%1\"...").arg(nameOf(order)));
    updateActions();
}

void StoragePanel::onOrderAssetsListed(Up42PagedJob *job, const QString &accountId, const Up42Order &order)
{
    m_orderAssetsJob = nullptr;
    updateActions();
    if (!job->isOk()) {
        showProblem(job->error(), tr("The assets of \"%1\" could not be listed").arg(nameOf(order)));
        return;
    }
    QList<Up42Asset> assets;
    for (const QJsonValue &value : job->items()) {
        Up42Asset asset = Up42Api::parseAsset(value.toObject());
        // The search also matches names and titles: only what this order delivered.
        if (asset.orderId == order.id) {
            assets.append(asset);
        }
    }
    if (assets.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Warning,
            tr("\"%1\" has delivered nothing to storage yet (%2).")
                .arg(nameOf(order), MonitorModel::up42StatusText(order.status)));
        return;
    }
    m_messages->hide();
    openDownloadDialog(accountId, assets, tr("Every asset of the order \"%1\"").arg(nameOf(order)),
        FileNameSanitizer::sanitize(order.displayName, FileNameSanitizer::sanitize(order.id, u"order"_s)));
}

void StoragePanel::followSelectedOrder()
{
    RequestMonitor *m = monitor();
    Up42Session *s = session();
    const int row = selectedOrderRow();
    if (!m || !s || row < 0) {
        return;
    }
    const Up42Order order = m_orders->order(row);
    const QString accountId = s->account().id;
    const MonitorKey key = m->track(accountId, MonitoredKind::Up42Order, order.raw);
    if (!key.isValid()) {
        m_messages->showMessage(
            MessageBar::Level::Error, tr("The Monitor cannot follow \"%1\": %2").arg(nameOf(order), m->lastError()));
        return;
    }
    m_messages->showMessage(MessageBar::Level::Info, tr("The Monitor follows \"%1\".").arg(nameOf(order)));
    Q_EMIT followed(accountId, order.id);
}

void StoragePanel::editSelectedOrderTags()
{
    Up42Session *s = session();
    const int row = selectedOrderRow();
    if (!s || row < 0) {
        return;
    }
    if (m_tagsDialog) {
        m_tagsDialog->raise();
        m_tagsDialog->activateWindow();
        return;
    }
    const Up42Order order = m_orders->order(row);
    const QString accountId = s->account().id;
    auto *dialog
        = new Up42TagsDialog(tr("The tags of the UP42 order \"%1\" (these replace its tags).").arg(nameOf(order)),
            false, {}, order.tags, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog, accountId, order] { saveOrderTags(accountId, order.id, dialog->tags()); });
    m_tagsDialog = dialog;
    // open(), not exec(): no nested event loop on the GUI thread.
    dialog->open();
    Q_EMIT tagsDialogOpened(dialog);
}

void StoragePanel::saveOrderTags(const QString &accountId, const QString &orderId, const QStringList &tags)
{
    auto *s = m_accounts ? qobject_cast<Up42Session *>(m_accounts->session(accountId)) : nullptr;
    if (!s) {
        return;
    }
    const int row = m_orders->rowOf(orderId);
    const QString name = row >= 0 ? nameOf(m_orders->order(row)) : orderId;
    JsonCallJob *job = s->client()->setOrderTags(orderId, tags);
    m_messages->showMessage(MessageBar::Level::Info, tr("Saving the tags of \"%1\"...").arg(name));
    watch(job, [this, job, accountId, orderId, name, tags] {
        if (!job->isOk()) {
            showProblem(job->error(), tr("The tags of \"%1\" were not saved").arg(name));
            return;
        }
        m_messages->showMessage(MessageBar::Level::Info,
            tags.isEmpty() ? tr("\"%1\" has no tags now.").arg(name)
                           : tr("The tags of \"%1\" are now: %2.").arg(name, tags.join(u", "_s)));
        const Up42Order answer = Up42Api::parseOrder(job->json());
        if (answer.id == orderId) {
            m_orders->updateOrder(answer);
            Q_EMIT orderChanged(orderId);
        } else {
            fetchOrder(accountId, orderId);
        }
    });
}

void StoragePanel::cancelSelectedOrder()
{
    Up42Session *s = session();
    const int row = selectedOrderRow();
    if (!s || row < 0 || m_cancelBox) {
        return;
    }
    const Up42Order order = m_orders->order(row);
    if (!order.isCancelable() || m_canceling.contains(order.id)) {
        m_messages->showMessage(MessageBar::Level::Warning,
            tr("UP42 cancels an order only before it is placed (created, or placement failed); \"%1\" is %2.")
                .arg(nameOf(order), MonitorModel::up42StatusText(order.status).toLower()));
        return;
    }
    const QString accountId = s->account().id;
    const QString name = nameOf(order);
    m_cancelBox
        = askToConfirm(this, u"up42CancelBox"_s, tr("Cancel order"), tr("Cancel the UP42 order \"%1\"?").arg(name),
            tr("UP42 has not placed it yet (%1). This cannot be undone.\n\nThe cancellation is sent once and not "
               "repeated.")
                .arg(MonitorModel::up42StatusText(order.status).toLower()),
            tr("Cancel the order"), tr("Keep it"), [this, accountId, id = order.id, name](bool confirmed) {
                if (confirmed) {
                    startCancel(accountId, id, name);
                }
            });
}

void StoragePanel::startCancel(const QString &accountId, const QString &orderId, const QString &name)
{
    auto *s = m_accounts ? qobject_cast<Up42Session *>(m_accounts->session(accountId)) : nullptr;
    if (!s || m_canceling.contains(orderId)) {
        return;
    }
    m_canceling.insert(orderId, true);
    JsonCallJob *job = s->client()->cancelOrder(orderId); // sent once, never retried
    m_messages->showMessage(MessageBar::Level::Info, tr("Canceling \"%1\"...").arg(name));
    watch(job, [this, job, accountId, orderId, name] {
        m_canceling.remove(orderId);
        if (!job->isOk()) {
            showProblem(job->error(), tr("\"%1\" was not canceled").arg(name));
            return;
        }
        m_messages->showMessage(MessageBar::Level::Info, tr("Canceled \"%1\".").arg(name));
        fetchOrder(accountId, orderId);
    });
}

void StoragePanel::fetchOrder(const QString &accountId, const QString &orderId)
{
    auto *s = m_accounts ? qobject_cast<Up42Session *>(m_accounts->session(accountId)) : nullptr;
    if (!s) {
        return;
    }
    JsonCallJob *job = s->client()->order(orderId);
    watch(job, [this, job, orderId] {
        if (!job->isOk()) {
            showProblem(job->error(), tr("Order %1 could not be read again").arg(orderId));
            return;
        }
        m_orders->updateOrder(Up42Api::parseOrder(job->json()));
        Q_EMIT orderChanged(orderId);
    });
}

} // namespace StacScope
