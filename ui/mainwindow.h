#pragma once

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QHash>
#include <QList>
#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include "src/providers/catalogsession.h"
#include "src/providers/catalogsource.h"
#include "src/stac/itemexport.h"
#include "src/stac/itemstore.h"
#include "ui/common/messagebar.h"

class QAction;
class QMenu;
class QDockWidget;
class QLabel;
class QSortFilterProxyModel;
class QSystemTrayIcon;
class QComboBox;
class QStackedWidget;
class QTableView;
class QTreeView;
class QUndoStack;

namespace StacScope {

class AccountManager;
struct RequestRecipeInput;
class AccountStatusButton;
class AccountsDialog;
class AoiController;
class AoiListModel;
class AoiPanel;
class AoiStore;
class CapellaSession;
class CatalogsController;
class FilterController;
class BasemapLayer;
class BasemapSwitcher;
class CircleTool;
class DownloadManager;
class DownloadsController;
class DownloadsPanel;
class EditTool;
class PointTool;
class PolygonTool;
class FootprintLayer;
class ItemDetailsWidget;
class ItemExportJob;
class MapWidget;
class MessageBar;
class MultiSearchController;
class CatalogStatusStrip;
class NetworkClient;
class OrderReviewDialog;
class OrdersPanel;
class ProviderRegistry;
class ResultsGroupModel;
class RectangleTool;
class ResultsModel;
class ResultsSortProxy;
class ResultsViewProxy;
class ColumnChooser;
class QuickFilterBar;
class LoadMoreBar;
class ThumbnailProvider;
class ThumbnailStore;
class SearchPanel;
class SavedSearchesController;
class SavedSearchStore;
class StoragePanel;
class TileFetcher;
class TileLayer;
class VectorBasemap;
class QuicklookLayer;
class QuicklookLoader;
class TargetLayer;
class TargetListModel;
class TasksPanel;
class TaskingController;
class RequestMonitor;
struct NetworkError;

// The main window: map in the middle, search on the left, results below, details on the right,
// all kept in sync. Catalog sessions do the work; the window only wires them to the widgets.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(NetworkClient *network, const VectorBasemap *basemap, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the last used catalog (the demo one at first launch) and runs a first search.
    void start();

    MapWidget *map() const { return m_map; }
    SearchPanel *searchPanel() const { return m_search; }
    QTableView *resultsView() const { return m_table; }
    ResultsModel *resultsModel() const { return m_model; }
    // The table's rows: the quick filter and the sort over the stored results (mainwindowresults.cpp).
    ResultsViewProxy *resultsProxy() const { return m_proxy; }
    QuickFilterBar *quickFilterBar() const { return m_quickFilter; }
    ColumnChooser *columnChooser() const { return m_columnChooser; }
    // The thumbnails column's previews: fetched for the rows shown, cached on disk.
    ThumbnailStore *thumbnailStore() const { return m_thumbnails; }
    ThumbnailProvider *thumbnailProvider() const { return m_thumbnailProvider; }
    // "Load more" / "Load all" under the table when the server has more than the search brought.
    LoadMoreBar *loadMoreBar() const { return m_loadMore; }
    // Goes on with the last search, up to `maxItems` more (0: all the rest), into the same results.
    void loadMoreResults(int maxItems);
    // Results grouped by a field (the "Group by" choice above the table); the tree replaces the
    // table while a grouping is chosen, and selection stays in sync with the table and the map.
    QComboBox *groupByCombo() const { return m_groupBy; }
    QTreeView *groupedView() const { return m_groupView; }
    ResultsGroupModel *groupModel() const { return m_groups; }
    // mainwindowexport.cpp: the results written to a file (GeoJSON, STAC ItemCollection, NDJSON,
    // CSV, GeoPackage) on a worker thread; the message bar says how it ended.
    enum class ExportScope
    {
        Selection, // the selected results, all of them when none is selected
        All
    };
    // Starts the export to `path` in `format` (by default the one its extension names). Null, with
    // a message, when there is nothing to export or the format is unknown.
    ItemExportJob *exportResults(const QString &path, ExportScope scope, std::optional<ExportFormat> format = {});
    // Asks where (a non-modal file dialog, object name "exportResultsDialog", one filter a format)
    // and exports there: the format the file name's extension names, else the chosen filter's.
    void exportResultsDialog(ExportScope scope);
    QAction *exportSelectionAction() const { return m_exportSelectionAction; }
    QAction *exportAllAction() const { return m_exportAllAction; }
    FootprintLayer *footprintLayer() const { return m_footprints; }
    TileLayer *tileLayer() const { return m_tiles; }
    BasemapSwitcher *basemapSwitcher() const { return m_basemapSwitcher; }
    ItemDetailsWidget *details() const { return m_details; }
    MessageBar *messageBar() const { return m_messages; }
    AoiListModel *aois() const;
    AoiPanel *aoiPanel() const;
    // The areas of interest: list, layer, drawing tools, import and export.
    AoiController *aoiController() const { return m_aoiController; }
    QUndoStack *undoStack() const { return m_undoStack; }
    QuicklookLayer *quicklookLayer() const { return m_quicklooks; }
    QuicklookLoader *quicklookLoader() const { return m_quicklookLoader; }
    // Tasking targets, for the tasking forms.
    TargetListModel *targets() const { return m_targets; }
    TargetLayer *targetLayer() const { return m_targetLayer; }
    const ItemStore &results() const { return m_results; }
    const QList<CatalogSource> &catalogs() const;
    // The catalogs: built-in, the accounts' and the user's; the open one and its picker.
    CatalogsController *catalogsController() const { return m_catalogsController; }
    CatalogSession *session() const { return m_session; }
    // Several catalogs searched at once (the catalogs ticked beside the picker) into the one table.
    MultiSearchController *multiSearch() const { return m_multiSearch; }
    // The catalog a results row came from (one of several, or the open one); what its downloads
    // and links are resolved and authorised against.
    std::optional<CatalogSource> catalogOfRow(int row) const;

    // Adds the Downloads dock and "Download..." on results. Without it the window has neither.
    void setDownloadManager(DownloadManager *manager);
    // The areas of interest are kept there (loaded now, saved on every change). Not owned.
    void setAoiStore(AoiStore *store);
    DownloadsPanel *downloadsPanel() const;
    QAction *downloadAction() const;
    DownloadsController *downloads() const { return m_downloads; }
    // Opens the download dialog for the selected results and enqueues what the user chooses.
    void downloadSelected();

    // Adds the accounts' catalogs to the picker (kept in sync), their state to the status bar,
    // Settings > Accounts... and, when an account can task, the Tasks dock. Call it after
    // setDownloadManager() and before start().
    void setAccountManager(AccountManager *accounts);
    AccountManager *accountManager() const;
    // Opens the Accounts dialog (or brings it forward) on `accountId`.
    AccountsDialog *openAccountsDialog(const QString &accountId = {});
    AccountsDialog *accountsDialog() const;
    AccountStatusButton *accountStatus() const { return m_accountStatus; }
    QAction *accountsAction() const { return m_accountsAction; }
    TasksPanel *tasksPanel() const;
    // The Tasking menu, "Task this..." on the map, AOIs and results, and the task dialog.
    TaskingController *tasking() const { return m_tasking; }
    // Follows the requests sent from the task dialog (after setAccountManager()).
    void setRequestMonitor(RequestMonitor *monitor);
    // Capella orders: "Order..." on results of a Capella account's catalog, and the Orders dock
    // (there once a Capella account is).
    OrdersPanel *ordersPanel() const { return m_ordersPanel; }
    QAction *orderAction() const { return m_orderAction; }
    OrderReviewDialog *orderDialog() const;
    // Opens the order review for the selected results.
    void orderSelected();
    // The same for scenes of an UP42 archive host: the credit estimate, then the orders (followed
    // in the Monitor).
    void orderFromUp42();
    // UP42: the "UP42 storage" dock (there once an UP42 account is), and an asset's STAC items:
    // the account's storage catalog opened and searched with asset_id = <id> (mainwindowup42.cpp).
    StoragePanel *storagePanel() const { return m_storagePanel; }
    void showUp42StacItems(const QString &accountId, const QString &assetId);
    // A desktop notification (when the session has a tray) and a message-bar line.
    void notify(const QString &title, const QString &text, MessageBar::Level level = MessageBar::Level::Info);
    // An action for the results' context menu (a controller's: "Task this footprint...").
    // Groups (0: get the data, 1: tasking) are separated in the menu.
    void addResultsAction(QAction *action, int group = 0);

    // A catalog's request headers (typed in "Add STAC API") are bound to its origin for this
    // session only.
    void addCatalog(const CatalogSource &source, bool select = true);
    void selectCatalog(int index);
    void runSearch();
    // A search given whole (a saved one run again): the form is not read.
    void runSearchWith(const SearchParameters &params, int maxItems);
    // numberMatched of the last search, when the catalog said.
    std::optional<qint64> matchedCount() const { return m_matched; }
    // Saved searches and the search history (a dock, "New" on results a re-run finds first). Not
    // owned; must outlive the window.
    void setSavedSearchStore(SavedSearchStore *store);
    SavedSearchesController *savedSearches() const { return m_savedSearches; }
    // Selects store rows (from the map); the table and details follow.
    void selectRows(const QList<int> &rows);
    QList<int> selectedRows() const;

    // mainwindowlayout.cpp: the first window's size on a screen of `available` size (most of it,
    // never more), and the window placed so on that screen with the default dock sizes.
    static QSize firstLaunchSize(const QSize &available);
    void fitToScreen(const QRect &available);
    // Every dock back in its place (docked, shown, provider docks as tabs beside Results), sized
    // for the window as it is now. View > Panels > Reset layout.
    void resetLayout();
    // View > Panels, filled as it opens: every dock and toolbar, and Reset layout.
    QMenu *panelsMenu() const { return m_panelsMenu; }
    void fillPanelsMenu(QMenu *menu);

Q_SIGNALS:
    void searchFinished();
    void searchStarted(const StacScope::SearchParameters &params, int maxItems);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildActions();
    // The results' own context-menu actions (copy, zoom to, quicklook, open the item's page).
    void buildResultsActions();
    // "Show the request": the search in the form, for the open catalog, as curl, pystac-client
    // and stacscope-cli.
    void showRequestDialog();
    RequestRecipeInput recipeInput(const CatalogSource &source, const CatalogSession *session) const;
    // The item's self link, empty when it has none.
    QUrl itemSelfUrl(int row) const;
    QDockWidget *dockNamed(QStringView name) const;
    void applyDefaultDockSizes();
    // The map keeps at least half the window's width and two thirds of the height it shares with
    // the bottom row: the docks give way.
    void keepMapLargest();
    void setupTiles();
    void applyBasemap(const QString &id);
    void restoreSettings();
    void saveSettings() const;
    void onItemsAdded();
    void clearResults();
    void onSearchFinished(const NetworkError &error, const QStringList &warnings);
    void onTableSelectionChanged();
    void onMapClicked(const QPointF &position, Qt::KeyboardModifiers modifiers);
    void onMapHovered(const QPointF &position);
    void updateStatus();
    void zoomToResults();
    void zoomToSelection();
    void showAbout();
    void setupMapPickers();
    // Who opens catalogs: the accounts' registry, or the window's own when it has no accounts.
    void onSessionOpened(CatalogSession *session);
    void setUpOrders();
    void ensureOrdersDock();
    void updateOrderAction();
    void setUpStorage();
    void ensureStorageDock();
    // The Capella account whose catalog is open; nullptr for any other catalog.
    CapellaSession *orderSession() const;
    void enableResultsMenu();
    // mainwindowresults.cpp: the search form's sort and the table's are one state.
    void applySortToTable(const QString &key);
    void onTableSortChanged(int column, Qt::SortOrder order);
    void showResultsMenu(const QPoint &position);
    // mainwindowresults.cpp: the results dock's bar (group by, export) and the grouped view.
    QWidget *buildResultsPanel();
    void applyGrouping();
    // The quick filter bar above the table (the map hides what the table hides), the column
    // chooser and the thumbnails column.
    void buildTableTools();
    void syncHiddenFootprints();
    void syncGroupSelectionFromTable();
    void onGroupSelectionChanged();
    void buildExportActions();
    std::vector<int> exportRows(ExportScope scope) const;
    void checkAccountsOnce();
    void onAccountStateChanged(const QString &accountId);
    void onDownloadChanged(qint64 id);
    // A credential problem with an account's catalog, download or preview: said in words, with
    // "Open account". False when `accountId` names no account.
    bool showAccountProblem(const QString &accountId, const QString &what, const NetworkError &error);

public:
    // Imports AOIs from vector files off the GUI thread; problems go to the message bar.
    void importAoiFiles(const QStringList &paths);

private:
    NetworkClient *m_network;
    ItemStore m_results;
    CatalogsController *m_catalogsController = nullptr;
    FilterController *m_filterController = nullptr;
    MultiSearchController *m_multiSearch = nullptr;
    CatalogStatusStrip *m_catalogStrip = nullptr;
    QPointer<CatalogSession> m_session;
    MapWidget *m_map;
    BasemapLayer *m_basemap = nullptr;
    TileFetcher *m_tileFetcher = nullptr;
    TileLayer *m_tiles = nullptr;
    BasemapSwitcher *m_basemapSwitcher = nullptr;
    FootprintLayer *m_footprints;
    AoiController *m_aoiController = nullptr;
    QUndoStack *m_undoStack = nullptr;
    SearchPanel *m_search;
    ResultsModel *m_model;
    ResultsViewProxy *m_proxy;
    QuickFilterBar *m_quickFilter = nullptr;
    ColumnChooser *m_columnChooser = nullptr;
    ThumbnailStore *m_thumbnails = nullptr;
    ThumbnailProvider *m_thumbnailProvider = nullptr;
    LoadMoreBar *m_loadMore = nullptr;
    bool m_hiddenPending = false; // the map's hidden footprints are updated once events settle
    ResultsGroupModel *m_groups = nullptr;
    ResultsSortProxy *m_groupProxy = nullptr;
    QComboBox *m_groupBy = nullptr;
    QTreeView *m_groupView = nullptr;
    QStackedWidget *m_resultsStack = nullptr;
    bool m_syncingGroups = false;
    QTableView *m_table;
    ItemDetailsWidget *m_details;
    MessageBar *m_messages;
    QLabel *m_countLabel;
    QLabel *m_cursorLabel;
    std::optional<qint64> m_matched;
    bool m_syncingSelection = false;
    bool m_firstSearch = true;
    QuicklookLayer *m_quicklooks = nullptr;
    QuicklookLoader *m_quicklookLoader = nullptr;
    TargetListModel *m_targets = nullptr;
    TargetLayer *m_targetLayer = nullptr;
    QPointer<DownloadManager> m_downloadManager;
    DownloadsController *m_downloads = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<AccountManager> m_accounts;
    QPointer<AccountsDialog> m_accountsDialog;
    AccountStatusButton *m_accountStatus = nullptr;
    QAction *m_accountsAction = nullptr;
    TaskingController *m_tasking = nullptr;
    SavedSearchesController *m_savedSearches = nullptr;
    OrdersPanel *m_ordersPanel = nullptr;
    QDockWidget *m_ordersDock = nullptr;
    QAction *m_orderAction = nullptr;
    QPointer<OrderReviewDialog> m_orderDialog;
    StoragePanel *m_storagePanel = nullptr;
    QDockWidget *m_storageDock = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_exportSelectionAction = nullptr;
    QAction *m_exportAllAction = nullptr;
    QAction *m_quicklooksAction = nullptr;
    QMenu *m_panelsMenu = nullptr;
    bool m_defaultSizesPending = false;
    bool m_keepMapPending = false;
    bool m_syncingSort = false;
    // Quitting with downloads running asks first (closeEvent).
    QPointer<QMessageBox> m_quitQuestion;
    bool m_quitConfirmed = false;
    bool m_resultsMenu = false; // the results table's context menu is connected
    QList<std::pair<QPointer<QAction>, int>> m_resultsActions; // actions on results, with their group
    QHash<QString, int> m_accountStates; // the last state seen per account (an AccountSession::State)
    QSet<QString> m_downloadProblemShown; // accounts whose failed downloads were already reported
    std::pair<QString, QString> m_accountMessage; // which account the message bar warns about, and its text
};

} // namespace StacScope
