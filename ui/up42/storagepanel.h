#pragma once

#include <algorithm>
#include <functional>

#include <QHash>
#include <QMessageBox>
#include <QPointer>
#include <QUrl>
#include <QWidget>

#include "src/providers/up42/up42api.h"
#include "ui/up42/up42dialogs.h"

class QAction;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QToolBar;
class QToolButton;
class QTreeView;

namespace StacScope {

class AccountCombo;
class AccountManager;
class DownloadManager;
class JsonCallJob;
class MessageBar;
class RequestMonitor;
class StacJob;
class Up42AssetsModel;
class Up42OrdersModel;
class Up42PagedJob;
class Up42Session;
struct NetworkError;

// The "UP42 storage" dock, after seed 004: an UP42 account's orders and the assets they
// delivered, as the Python SDK's storage listed them, with UP42's own filters and sorts (sent to
// the server; every page is read). Orders: show an order's assets (search=<order id>, as the SDK
// does), download them all, follow the order in the Monitor, edit its tags, cancel it while UP42
// still takes it (asked first, sent once). Assets: download the chosen ones, show their STAC items
// (the account's storage catalog searched by asset_id, on the map), edit their title and tags,
// and their metadata in a pane. Everything runs in the account's jobs; answers to an older
// question (another account, workspace or filter) are dropped; errors are said in the panel.
class StoragePanel : public QWidget
{
    Q_OBJECT
public:
    using MonitorLookup = std::function<RequestMonitor *()>;

    // `accounts` must outlive the panel; `downloads` may be nullptr (nothing can be downloaded).
    StoragePanel(AccountManager *accounts, DownloadManager *downloads, QWidget *parent = nullptr);
    ~StoragePanel() override;

    // Who follows orders ("Follow in Monitor"); asked each time, since it may come later.
    void setMonitorLookup(MonitorLookup lookup);
    RequestMonitor *monitor() const;

    QString currentAccountId() const;
    void selectAccount(const QString &accountId);
    // The workspace listed; empty: all workspaces of the account.
    QString workspaceId() const;
    void selectWorkspace(const QString &workspaceId);

    // Lists again what the filters say (the Refresh button does both).
    void refreshOrders();
    void refreshAssets();
    bool isLoadingOrders() const;
    bool isLoadingAssets() const;
    // Items per page asked of UP42 (Up42Api::DefaultPageSize); every page is read.
    void setPageSize(int size) { m_pageSize = std::max(1, size); }
    int pageSize() const { return m_pageSize; }
    Up42Api::OrderFilter orderFilter() const;
    Up42Api::AssetFilter assetFilter() const;

    QString selectedOrderId() const;
    void selectOrder(const QString &orderId);
    QStringList selectedAssetIds() const; // in the table's order
    void selectAssets(const QStringList &assetIds);

    // The actions (toolbars and context menus call these); each does nothing when it does not
    // apply to the selection.
    void showAssetsOfSelectedOrder();
    void showAssetsOfOrder(const QString &orderId);
    void downloadSelectedOrder();
    void followSelectedOrder();
    void editSelectedOrderTags();
    void cancelSelectedOrder();
    void downloadSelectedAssets();
    void showStacItemsOfSelectedAsset();
    void editSelectedAsset();

    QTabWidget *tabs() const { return m_tabs; }
    QWidget *ordersPage() const { return m_ordersPage; }
    QWidget *assetsPage() const { return m_assetsPage; }
    AccountCombo *accountCombo() const { return m_account; }
    QComboBox *workspaceCombo() const { return m_workspace; }
    QToolButton *refreshButton() const { return m_refresh; }
    MessageBar *messageBar() const { return m_messages; }
    // Orders
    QComboBox *orderTypeCombo() const { return m_orderType; }
    QToolButton *orderStatusButton() const { return m_orderStatus; }
    QAction *orderStatusAction(const QString &status) const;
    QLineEdit *orderNameEdit() const { return m_orderName; }
    QLineEdit *orderTagEdit() const { return m_orderTag; }
    QComboBox *orderSortCombo() const { return m_orderSort; }
    QCheckBox *orderDescendingCheck() const { return m_orderDescending; }
    QTreeView *ordersView() const { return m_ordersView; }
    Up42OrdersModel *ordersModel() const { return m_orders; }
    QLabel *ordersCountLabel() const { return m_ordersCount; }
    QToolBar *ordersToolBar() const { return m_ordersBar; }
    QAction *showAssetsAction() const { return m_showAssets; }
    QAction *downloadOrderAction() const { return m_downloadOrder; }
    QAction *followAction() const { return m_follow; }
    QAction *editOrderTagsAction() const { return m_editOrderTags; }
    QAction *cancelOrderAction() const { return m_cancelOrder; }
    // Assets
    QCheckBox *createdAfterCheck() const { return m_afterCheck; }
    QDateEdit *createdAfterEdit() const { return m_after; }
    QCheckBox *createdBeforeCheck() const { return m_beforeCheck; }
    QDateEdit *createdBeforeEdit() const { return m_before; }
    QLineEdit *collectionEdit() const { return m_collection; }
    QLineEdit *assetTagEdit() const { return m_assetTag; }
    QComboBox *sourceCombo() const { return m_source; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *assetSortCombo() const { return m_assetSort; }
    QCheckBox *assetDescendingCheck() const { return m_assetDescending; }
    QTreeView *assetsView() const { return m_assetsView; }
    Up42AssetsModel *assetsModel() const { return m_assets; }
    QLabel *assetsCountLabel() const { return m_assetsCount; }
    QToolBar *assetsToolBar() const { return m_assetsBar; }
    QPlainTextEdit *detailsView() const { return m_details; }
    QAction *downloadAssetsAction() const { return m_downloadAssets; }
    QAction *stacItemsAction() const { return m_stacItems; }
    QAction *editAssetAction() const { return m_editAsset; }
    // The dialogs open now (nullptr when none).
    Up42DownloadDialog *downloadDialog() const { return m_downloadDialog; }
    Up42TagsDialog *tagsDialog() const { return m_tagsDialog; }
    QMessageBox *cancelBox() const { return m_cancelBox; }

Q_SIGNALS:
    void ordersLoaded();
    void assetsLoaded();
    void detailsLoaded(const QString &assetId);
    void downloadDialogOpened(StacScope::Up42DownloadDialog *dialog);
    void tagsDialogOpened(StacScope::Up42TagsDialog *dialog);
    void downloadQueued(int files);
    // UP42 answered an edit or a cancellation, and the row shows the answer.
    void orderChanged(const QString &orderId);
    void assetChanged(const QString &assetId);
    // "Show STAC items": the account's storage catalog searched for the asset's items.
    void stacItemsRequested(const QString &accountId, const QString &assetId);
    // "Follow in Monitor" added the order to the monitor.
    void followed(const QString &accountId, const QString &orderId);
    void openAccountRequested(const QString &accountId);

private:
    // storagepanel.cpp: the frame, the account and the workspace, problems.
    QWidget *buildOrdersPage();
    QWidget *buildAssetsPage();
    Up42Session *session() const;
    void rebuildAccounts();
    void onAccountChosen();
    void onSessionState(const QString &accountId);
    void rebuildWorkspaces();
    void noteWorkspaces(const QStringList &workspaceIds);
    void showProblem(const NetworkError &error, const QString &what);
    // A job of this account's client that the panel watches: dropped (and canceled) when the
    // panel goes, `done` run only if the panel is still there.
    void watch(StacJob *job, std::function<void()> done);
    // Every page of a listing, `pageSize()` items a page, as a job of the account's client.
    Up42PagedJob *listAll(Up42Session *session, const QUrl &url) const;
    void updateActions();

    // storagepanelorders.cpp
    void listOrders(bool force);
    void onOrdersListed(Up42PagedJob *job);
    void updateStatusButton();
    void updateOrdersCount();
    int selectedOrderRow() const;
    void fetchOrder(const QString &accountId, const QString &orderId);
    void startCancel(const QString &accountId, const QString &orderId, const QString &name);
    void saveOrderTags(const QString &accountId, const QString &orderId, const QStringList &tags);
    void onOrderAssetsListed(Up42PagedJob *job, const QString &accountId, const Up42Order &order);

    // storagepanelassets.cpp
    void listAssets(bool force);
    void onAssetsListed(Up42PagedJob *job);
    void updateAssetsCount();
    QList<Up42Asset> selectedAssets() const;
    void showDetails();
    void saveAsset(const QString &accountId, const QString &assetId, const QString &title, const QStringList &tags);
    void openDownloadDialog(
        const QString &accountId, const QList<Up42Asset> &assets, const QString &what, const QString &subfolder);
    void queueDownloads(const QString &accountId, const QList<Up42Asset> &assets, const Up42DownloadDialog &dialog);

    QPointer<AccountManager> m_accounts;
    QPointer<DownloadManager> m_downloads;
    MonitorLookup m_monitorLookup;
    int m_pageSize = Up42Api::DefaultPageSize;
    QTabWidget *m_tabs;
    AccountCombo *m_account;
    QLabel *m_accountLabel;
    QComboBox *m_workspace;
    QToolButton *m_refresh;
    MessageBar *m_messages;

    QWidget *m_ordersPage = nullptr;
    QComboBox *m_orderType = nullptr;
    QToolButton *m_orderStatus = nullptr;
    QLineEdit *m_orderName = nullptr;
    QLineEdit *m_orderTag = nullptr;
    QComboBox *m_orderSort = nullptr;
    QCheckBox *m_orderDescending = nullptr;
    QToolBar *m_ordersBar = nullptr;
    QAction *m_showAssets = nullptr;
    QAction *m_downloadOrder = nullptr;
    QAction *m_follow = nullptr;
    QAction *m_editOrderTags = nullptr;
    QAction *m_cancelOrder = nullptr;
    QLabel *m_ordersCount = nullptr;
    Up42OrdersModel *m_orders = nullptr;
    QSortFilterProxyModel *m_ordersProxy = nullptr;
    QTreeView *m_ordersView = nullptr;

    QWidget *m_assetsPage = nullptr;
    QCheckBox *m_afterCheck = nullptr;
    QDateEdit *m_after = nullptr;
    QCheckBox *m_beforeCheck = nullptr;
    QDateEdit *m_before = nullptr;
    QLineEdit *m_collection = nullptr;
    QLineEdit *m_assetTag = nullptr;
    QComboBox *m_source = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_assetSort = nullptr;
    QCheckBox *m_assetDescending = nullptr;
    QToolBar *m_assetsBar = nullptr;
    QAction *m_downloadAssets = nullptr;
    QAction *m_stacItems = nullptr;
    QAction *m_editAsset = nullptr;
    QLabel *m_assetsCount = nullptr;
    Up42AssetsModel *m_assets = nullptr;
    QSortFilterProxyModel *m_assetsProxy = nullptr;
    QTreeView *m_assetsView = nullptr;
    QPlainTextEdit *m_details = nullptr;

    QString m_loadedAccount; // whose lists the tables show
    QUrl m_ordersUrl; // the listing asked last (a filter that did not change is not asked again)
    QUrl m_assetsUrl;
    int m_ordersGeneration = 0; // a newer question makes older answers stale
    int m_assetsGeneration = 0;
    int m_detailsGeneration = 0;
    QPointer<Up42PagedJob> m_ordersJob;
    QPointer<Up42PagedJob> m_assetsJob;
    QPointer<Up42PagedJob> m_orderAssetsJob; // "Download all": the order's assets
    QPointer<JsonCallJob> m_detailsJob;
    QList<QPointer<StacJob>> m_jobs; // edits, cancellations, single orders
    QHash<QString, bool> m_canceling; // orders whose cancellation was sent and not answered
    QPointer<Up42DownloadDialog> m_downloadDialog;
    QPointer<Up42TagsDialog> m_tagsDialog;
    QPointer<QMessageBox> m_cancelBox;
};

} // namespace StacScope
