#include "ui/mainwindow.h"

#include <cmath>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QToolTip>
#include <QUndoStack>
#include <QVBoxLayout>

#include "src/download/downloadmanager.h"
#include "src/models/aoilistmodel.h"
#include "src/models/resultsmodel.h"
#include "src/models/resultsviewproxy.h"
#include "src/models/targetlistmodel.h"
#include "src/net/networkerror.h"
#include "src/net/tilefetcher.h"
#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"
#include "src/stac/selectionsummary.h"
#include "ui/aoi/aoicontroller.h"
#include "ui/aoi/aoipanel.h"
#include "ui/common/docklayout.h"
#include "ui/common/messagebar.h"
#include "ui/common/panelviews.h"
#include "ui/details/itemdetailswidget.h"
#include "ui/help/aboutdialog.h"
#include "ui/help/helpdialogs.h"
#include "ui/map/basemaplayer.h"
#include "ui/map/basemapswitcher.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/footprintlegend.h"
#include "ui/map/mapwidget.h"
#include "ui/map/quicklooklayer.h"
#include "ui/map/quicklookloader.h"
#include "ui/map/targetlayer.h"
#include "ui/map/tilelayer.h"
#include "ui/search/catalogscontroller.h"
#include "ui/search/filtercontroller.h"
#include "ui/search/multisearchcontroller.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString dms(double value, bool latitude)
{
    const QChar hemisphere = latitude ? (value < 0 ? u'S' : u'N') : (value < 0 ? u'W' : u'E');
    double v = std::abs(value);
    const int d = int(v);
    v = (v - d) * 60.0;
    const int m = int(v);
    const double s = (v - m) * 60.0;
    return QStringLiteral("%1°%2′%3″%4")
        .arg(d)
        .arg(m, 2, 10, QLatin1Char('0'))
        .arg(s, 4, 'f', 1, QLatin1Char('0'))
        .arg(hemisphere);
}

} // namespace

MainWindow::MainWindow(NetworkClient *network, const VectorBasemap *basemap, QWidget *parent)
    : QMainWindow(parent)
    , m_network(network)
    , m_map(new MapWidget(this))
    , m_footprints(new FootprintLayer(&m_results, this))
    , m_search(new SearchPanel(this))
    , m_model(new ResultsModel(&m_results, this))
    , m_proxy(new ResultsViewProxy(&m_results, m_model, this))
    , m_table(new QTableView(this))
    , m_details(new ItemDetailsWidget(network, this))
    , m_messages(new MessageBar(this))
    , m_countLabel(new QLabel(this))
    , m_cursorLabel(new QLabel(this))
{
    setWindowTitle(tr("StacScope"));
    setObjectName(u"mainWindow"_s);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    if (basemap) {
        m_basemap = new BasemapLayer(*basemap, this);
        m_map->addLayer(m_basemap);
    }
    m_map->addLayer(m_footprints);
    // The legend re-reads the collections whenever the layer changes (it ignores no-op refreshes).
    connect(m_footprints, &MapLayer::changed, new FootprintLegend(m_footprints, m_map), &FootprintLegend::refresh);
    setupTiles();
    m_quicklooks = new QuicklookLayer(this);
    m_map->addLayer(m_quicklooks);
    m_quicklookLoader = new QuicklookLoader(&m_results, m_network, m_quicklooks, this);
    m_targets = new TargetListModel(this);
    m_targetLayer = new TargetLayer(m_targets, this);
    m_map->addLayer(m_targetLayer);

    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(4);
    centralLayout->addWidget(m_messages);
    centralLayout->addWidget(m_map, 1);
    setCentralWidget(central);

    auto *searchDock = new QDockWidget(tr("Search"), this);
    searchDock->setObjectName(u"searchDock"_s);
    searchDock->setWidget(m_search); // its form scrolls inside, the Search button stays in sight
    setUpDock(searchDock);
    addDockWidget(Qt::LeftDockWidgetArea, searchDock);
    m_undoStack = new QUndoStack(this);
    m_aoiController = new AoiController(this, m_map, m_search, m_messages, m_undoStack);
    QDockWidget *aoiDock = m_aoiController->dock();

    m_table->setModel(m_proxy);
    m_table->setObjectName(u"resultsTable"_s);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // ids differ at their ends; the tooltip has it all
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(ResultsModel::Id, 260);
    m_table->horizontalHeader()->resizeSection(ResultsModel::Collection, 120);
    m_table->horizontalHeader()->resizeSection(ResultsModel::Datetime, 150);
    // Only the columns the results fill: cloud cover for optical catalogs, mode, product,
    // polarization, look angle and orbit for SAR ones.
    auto showFilledColumns = [this] {
        for (int c = 0; c < ResultsModel::ColumnCount; ++c) {
            // SAR columns, and the catalog one, only when filled.
            const bool sar = (c >= ResultsModel::Mode && c <= ResultsModel::OrbitState) || c == ResultsModel::Catalog;
            m_table->setColumnHidden(c, m_model->rowCount() > 0 ? !m_model->columnHasData(c) : sar);
        }
    };
    connect(m_model, &ResultsModel::filledColumnsChanged, this, showFilledColumns);
    showFilledColumns();
    auto *resultsDock = new QDockWidget(tr("Results"), this);
    resultsDock->setObjectName(u"resultsDock"_s);
    resultsDock->setWidget(buildResultsPanel());
    setUpDock(resultsDock);
    addDockWidget(Qt::BottomDockWidgetArea, resultsDock);

    auto *detailsDock = new QDockWidget(tr("Item details"), this);
    detailsDock->setObjectName(u"detailsDock"_s);
    detailsDock->setWidget(scrollable(m_details));
    setUpDock(detailsDock);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);
    Q_UNUSED(aoiDock); // sized with the others by applyDefaultDockSizes()
    // The results table spans the bottom under the map and the details; the search column keeps
    // the full height on the left.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);

    statusBar()->addWidget(m_countLabel, 1);
    m_cursorLabel->setMinimumWidth(
        m_cursorLabel->fontMetrics().horizontalAdvance(u"-179.12345, -89.12345  (179°59′59.9″W, 89°59′59.9″S)"_s));
    statusBar()->addPermanentWidget(m_cursorLabel);

    // Before the actions: File's "Add STAC API..." and "Open static catalog..." are its slots.
    m_catalogsController = new CatalogsController(this, m_network, m_search, m_messages);
    m_filterController = new FilterController(m_search, this);
    m_catalogsController->setUndoStack(m_undoStack); // a removed catalog comes back with Edit > Undo
    // Before the window's own sessionOpened handler: the ticked catalogs follow the picker first.
    m_multiSearch = new MultiSearchController(
        m_catalogsController, m_search, &m_results, m_model, m_catalogStrip, m_messages, this);
    connect(m_multiSearch, &MultiSearchController::itemsAdded, this, &MainWindow::onItemsAdded);
    connect(m_multiSearch, &MultiSearchController::finished, this, [this] {
        m_search->setBusy(false);
        updateStatus();
        m_firstSearch = m_firstSearch && m_results.isEmpty();
        Q_EMIT searchFinished();
    });
    buildActions();
    buildResultsActions();
    m_catalogsController->setAccountProblemHandler(
        [this](const QString &accountId, const QString &what, const NetworkError &error) {
            return showAccountProblem(accountId, what, error);
        });
    connect(m_catalogsController, &CatalogsController::sessionOpened, this, &MainWindow::onSessionOpened);
    connect(m_search, &SearchPanel::searchRequested, this, &MainWindow::runSearch);
    // One sort: the form's and the table header's are the same state.
    connect(m_search, &SearchPanel::sortChanged, this, &MainWindow::applySortToTable);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &MainWindow::onTableSortChanged);
    setupMapPickers();
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onTableSelectionChanged);
    // Previous / next in the details pane: the row above or below in the table's order.
    connect(m_details, &ItemDetailsWidget::stepRequested, this, [this](int delta) {
        const QList<int> rows = selectedRows();
        if (rows.size() != 1) {
            return;
        }
        const int at = m_proxy->mapFromSource(m_model->index(rows.first(), 0)).row() + delta;
        if (at < 0 || at >= m_proxy->rowCount()) {
            return;
        }
        selectRows({ m_proxy->mapToSource(m_proxy->index(at, 0)).row() });
    });
    connect(m_map, &MapWidget::clicked, this, &MainWindow::onMapClicked);
    connect(m_map, &MapWidget::hovered, this, &MainWindow::onMapHovered);
    connect(m_map, &MapWidget::cursorMoved, this, [this](double lon, double lat) {
        m_cursorLabel->setText(QStringLiteral("%1, %2  (%3, %4)")
                                   .arg(lon, 0, 'f', 5)
                                   .arg(lat, 0, 'f', 5)
                                   .arg(dms(lon, false), dms(lat, true)));
    });
    connect(m_map, &MapWidget::cursorLeft, this, [this] {
        m_cursorLabel->clear();
        m_footprints->setHoveredRow(-1);
    });

    restoreSettings();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Add STAC &API..."), m_catalogsController, &CatalogsController::addStacApiDialog);
    file->addAction(tr("&Open static catalog..."), QKeySequence::Open, m_catalogsController,
        &CatalogsController::openStaticCatalogDialog);
    file->addAction(tr("&Manage catalogs..."), m_catalogsController, &CatalogsController::manageCatalogsDialog);
    file->addSeparator();
    file->addAction(m_exportSelectionAction);
    file->addAction(m_exportAllAction);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    // Undo covers the areas of interest (drawing, vertex edits, renames, deletes, imports) and
    // removed catalogs.
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(u"undoAction"_s);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(u"redoAction"_s);
    // Ctrl+Shift+Z everywhere, and Ctrl+Y as on Windows.
    redo->setShortcuts({ QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y) });
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    QToolBar *toolbar = addToolBar(tr("Map"));
    toolbar->setObjectName(u"mapToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction *zoomIn = view->addAction(tr("Zoom &in"), QKeySequence::ZoomIn, this,
        [this] { m_map->zoomAround(QPointF(m_map->width() / 2.0, m_map->height() / 2.0), 1); });
    QAction *zoomOut = view->addAction(tr("Zoom &out"), QKeySequence::ZoomOut, this,
        [this] { m_map->zoomAround(QPointF(m_map->width() / 2.0, m_map->height() / 2.0), -1); });
    QAction *results = view->addAction(tr("Zoom to &results"), this, &MainWindow::zoomToResults);
    QAction *selection = view->addAction(tr("Zoom to &selection"), this, &MainWindow::zoomToSelection);
    QAction *world = view->addAction(tr("Whole &world"), this, [this] { m_map->zoomToWorld(); });
    QAction *footprints = view->addAction(tr("Show &footprints"));
    footprints->setCheckable(true);
    footprints->setChecked(true);
    connect(footprints, &QAction::toggled, m_footprints, &MapLayer::setVisible);
    QAction *quicklooks = view->addAction(tr("Show &quicklooks"));
    m_quicklooksAction = quicklooks;
    quicklooks->setCheckable(true);
    quicklooks->setChecked(true);
    connect(quicklooks, &QAction::toggled, m_quicklooks, &MapLayer::setVisible);
    QMenu *quicklookOpacity = view->addMenu(tr("Quicklook o&pacity"));
    auto *opacityGroup = new QActionGroup(quicklookOpacity);
    for (const int percent : { 25, 50, 75, 100 }) {
        QAction *action = quicklookOpacity->addAction(tr("%1%").arg(percent));
        action->setCheckable(true);
        action->setChecked(qRound(m_quicklooks->opacity() * 100) == percent);
        opacityGroup->addAction(action);
        connect(
            action, &QAction::triggered, m_quicklooks, [this, percent] { m_quicklooks->setOpacity(percent / 100.0); });
    }
    for (QAction *a : { zoomIn, zoomOut, results, selection, world, footprints }) {
        toolbar->addAction(a);
    }
    view->addSeparator();
    m_panelsMenu = view->addMenu(tr("&Panels"));
    m_panelsMenu->setObjectName(u"panelsMenu"_s);
    connect(m_panelsMenu, &QMenu::aboutToShow, this, [this] { fillPanelsMenu(m_panelsMenu); });
    fillPanelsMenu(m_panelsMenu); // filled now too, so its shortcuts and tests see it
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("&Getting started"), this, [this] {
        // Non-modal, one at a time.
        if (auto *open = findChild<GettingStartedDialog *>()) {
            open->raise();
            open->activateWindow();
            return;
        }
        (new GettingStartedDialog(this))->show();
    });
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setShortcutContext(Qt::ApplicationShortcut);
    help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        if (auto *open = findChild<ShortcutsDialog *>()) {
            open->close();
        }
        (new ShortcutsDialog(this, this))->show(); // read now: accounts add menus later
    });
    help->addSeparator();
    help->addAction(tr("&About StacScope"), this, &MainWindow::showAbout);
}

void MainWindow::setAoiStore(AoiStore *store)
{
    m_aoiController->setStore(store);
}

void MainWindow::restoreSettings()
{
    m_catalogsController->restoreSettings();
    QSettings settings;
    m_search->restoreState(settings);
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
    if (!settings.contains(u"window/geometry"_s)) {
        // First launch: fitted to the screen it opens on, the docks sized for it when it shows.
        fitToScreen(screen() ? screen()->availableGeometry() : QRect(0, 0, 1440, 900));
    }
}

void MainWindow::saveSettings() const
{
    m_catalogsController->saveSettings();
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    m_search->saveState(settings);
    // Where the map looked, to look there again.
    const MapViewport &view = m_map->viewport();
    settings.setValue(u"map/centerLon"_s, view.centerLon());
    settings.setValue(u"map/centerLat"_s, view.centerLat());
    settings.setValue(u"map/zoom"_s, view.zoom());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Downloads on their way: say what quitting does to them, and let the user stay.
    const int running = m_downloadManager ? m_downloadManager->activeCount() : 0;
    if (running > 0 && !m_quitConfirmed) {
        event->ignore();
        if (!m_quitQuestion) {
            m_quitQuestion = askToConfirm(this, u"quitConfirmation"_s, tr("Quit StacScope"),
                running == 1 ? tr("A download is running.") : tr("%1 downloads are running.").arg(running),
                tr("They stop now and resume from where they were the next time StacScope starts: what has "
                   "arrived is kept."),
                tr("&Quit"), tr("&Keep running"), [this](bool quit) {
                    m_quitQuestion = nullptr;
                    if (quit) {
                        m_quitConfirmed = true;
                        close();
                    }
                });
        }
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::start()
{
    // The area choice came back, but no area of interest did (none kept, or the store is gone).
    if (m_search->area() == SearchPanel::Area::ActiveAoi && !m_search->activeAoi()) {
        m_search->setArea(SearchPanel::Area::World);
    }
    const QSettings settings;
    if (settings.contains(u"map/zoom"_s)) {
        // The zoom first: the centre's latitude is bounded by what the zoom can show.
        m_map->setZoom(settings.value(u"map/zoom"_s).toDouble());
        m_map->setCenterLonLat(
            settings.value(u"map/centerLon"_s).toDouble(), settings.value(u"map/centerLat"_s).toDouble());
    } else {
        m_map->zoomToWorld();
    }
    selectCatalog(m_catalogsController->lastUsedIndex());
    // A static catalog (the demo at first launch) was searched as it opened; an API gets a first
    // search of the world so the window is never empty.
    if (m_session && !m_session->searchesLocally()) {
        runSearch();
    }
}

void MainWindow::runSearch()
{
    if (!m_session) {
        return;
    }
    QString problem;
    const SearchParameters params = m_search->parameters(m_map->viewport().visibleBox(), &problem);
    if (!problem.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Warning, problem);
        return;
    }
    runSearchWith(params, m_search->maxItems());
}

void MainWindow::runSearchWith(const SearchParameters &params, int maxItems)
{
    if (!m_session) {
        return;
    }
    m_messages->hide();
    m_matched.reset();
    m_details->clear();
    m_search->setBusy(true);
    if (m_multiSearch->isMulti() && m_session->isSearching()) {
        const QSignalBlocker quiet(m_session); // superseded, not "canceled" for the user
        m_session->cancel();
    }
    if (!m_multiSearch->run(params, maxItems)) {
        m_session->search(params, maxItems, &m_results);
    }
    // The table shows the order asked for, whether or not the server sorts.
    applySortToTable(m_search->sortKey());
    m_model->syncReset();
    m_footprints->syncReset();
    m_quicklookLoader->setRows({});
    updateStatus();
    Q_EMIT searchStarted(params, maxItems);
}

void MainWindow::onItemsAdded()
{
    m_model->syncAppended();
    m_footprints->syncAppended();
    updateStatus();
}

void MainWindow::onSearchFinished(const NetworkError &error, const QStringList &warnings)
{
    m_search->setBusy(false);
    updateStatus();
    if (error.kind == NetworkError::Kind::Canceled) {
        const int kept = m_results.size();
        m_messages->showMessage(MessageBar::Level::Info,
            kept == 1 ? tr("Search canceled; 1 item kept.")
                      : tr("Search canceled; %1 items kept.").arg(QLocale().toString(kept)));
    } else if (error.isError()) {
        // An account's expired or refused credentials lead to the account, not just to an error.
        const QString accountId = m_session ? m_session->source().accountId : QString();
        if (!error.isCredentialProblem() || !showAccountProblem(accountId, tr("The search failed"), error)) {
            m_messages->showMessage(
                MessageBar::Level::Error, tr("The search failed: %1").arg(error.toString()), error.url.toString());
        }
    } else if (!warnings.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Warning,
            (warnings.size() == 1 ? tr("The catalog's answer had a problem; the rest was loaded: %1")
                                  : tr("The catalog's answer had %1 problems; the rest was loaded. First: %2")
                                        .arg(QString::number(warnings.size())))
                .arg(warnings.first()),
            warnings.join(u'\n'));
    } else if (m_results.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Info, tr("No items match this search."));
    }
    if (m_firstSearch && !m_results.isEmpty()) {
        m_firstSearch = false;
    }
    Q_EMIT searchFinished();
}

void MainWindow::updateStatus()
{
    const int n = m_results.size();
    QString text = n == 1 ? tr("1 item") : tr("%1 items").arg(QLocale().toString(n));
    if (m_matched && *m_matched != n) {
        text += tr(" of %1 matched").arg(QLocale().toString(*m_matched));
    }
    if (m_search->isBusy()) {
        text += tr(" — searching...");
    }
    m_countLabel->setText(text);
}

QList<int> MainWindow::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        rows.append(m_proxy->mapToSource(index).row());
    }
    return rows;
}

void MainWindow::selectRows(const QList<int> &rows)
{
    QItemSelection selection;
    for (int row : rows) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (index.isValid()) {
            selection.select(index, index.siblingAtColumn(ResultsModel::ColumnCount - 1));
        }
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!rows.isEmpty()) {
        const QModelIndex first = m_proxy->mapFromSource(m_model->index(rows.last(), 0));
        m_table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_table->scrollTo(first);
    }
}

void MainWindow::onTableSelectionChanged()
{
    const QList<int> rows = selectedRows();
    m_footprints->setSelectedRows(QSet<int>(rows.begin(), rows.end()));
    m_quicklookLoader->setRows(rows);
    if (rows.size() == 1) {
        const ItemRecord &r = m_results.at(rows.first());
        m_details->showItem(m_results.rawJson(rows.first()), r.thumbnailHref);
        const QModelIndex shown = m_proxy->mapFromSource(m_model->index(rows.first(), 0));
        m_details->setPosition(shown.row(), m_proxy->rowCount());
    } else if (rows.isEmpty()) {
        m_details->clear();
        m_details->setPosition(-1, 0);
    } else {
        m_details->setPosition(-1, 0);
        m_details->showSummary(SelectionSummary::of(m_results, rows));
    }
    if (m_syncingSelection || rows.isEmpty()) {
        return;
    }
    // Bring the selection into view when none of it is visible.
    const GeoBox view = m_map->viewport().visibleBox();
    bool anyVisible = false;
    for (int row : rows) {
        anyVisible = anyVisible || (m_results.at(row).hasBbox && view.intersects(m_results.at(row).bbox));
    }
    if (!anyVisible && m_results.at(rows.first()).hasBbox) {
        const GeoBox &b = m_results.at(rows.first()).bbox;
        m_map->setCenterLonLat(b.centerLon(), b.centerLat());
    }
}

void MainWindow::onMapClicked(const QPointF &position, Qt::KeyboardModifiers modifiers)
{
    const int row = m_footprints->hitTest(position, m_map->viewport());
    QList<int> rows = selectedRows();
    const bool toggle = modifiers & (Qt::ShiftModifier | Qt::ControlModifier);
    if (row < 0) {
        if (!toggle) {
            rows.clear();
        }
    } else if (toggle) {
        if (rows.contains(row)) {
            rows.removeAll(row);
        } else {
            rows.append(row);
        }
    } else {
        rows = { row };
    }
    m_syncingSelection = true;
    selectRows(rows);
    m_syncingSelection = false;
}

void MainWindow::onMapHovered(const QPointF &position)
{
    const int row = m_footprints->hitTest(position, m_map->viewport());
    m_footprints->setHoveredRow(row);
    if (row < 0) {
        QToolTip::hideText();
        return;
    }
    const ItemRecord &r = m_results.at(row);
    QString tip
        = u"<b>"_s + r.id.toHtmlEscaped() + u"</b><br>"_s + ResultsModel::formatDatetime(r.datetime) + u" UTC"_s;
    if (ItemRecord::isSet(r.cloudCover)) {
        tip += u"<br>"_s + tr("Cloud cover: %1 %").arg(double(r.cloudCover), 0, 'f', 1);
    }
    QToolTip::showText(m_map->mapToGlobal(position.toPoint()), tip, m_map);
}

void MainWindow::zoomToResults()
{
    if (const auto extent = m_results.extent()) {
        m_map->zoomToBox(*extent);
    }
}

void MainWindow::zoomToSelection()
{
    std::optional<GeoBox> box;
    for (int row : selectedRows()) {
        if (m_results.at(row).hasBbox) {
            box = box ? box->united(m_results.at(row).bbox) : m_results.at(row).bbox;
        }
    }
    if (box) {
        m_map->zoomToBox(*box);
    }
}

void MainWindow::showAbout()
{
    // Non-modal, one at a time.
    if (auto *open = findChild<AboutDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    (new AboutDialog(this))->show();
}

} // namespace StacScope
