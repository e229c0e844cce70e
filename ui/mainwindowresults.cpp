// MainWindow: the results dock's bar (group by a field, export) and the grouped view, kept in
// sync with the flat table, which stays the one place the selection lives.
#include <algorithm>
#include <optional>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "src/download/assetselection.h"
#include "src/models/resultsgroupmodel.h"
#include "src/models/resultsmodel.h"
#include "src/models/resultssortproxy.h"
#include "src/models/resultsviewproxy.h"
#include "src/net/thumbnailstore.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/catalogsession.h"
#include "src/providers/stacapicatalogsession.h"
#include "src/stac/itemexport.h"
#include "src/stac/requestrecipes.h"
#include "src/stac/searchparameters.h"
#include "ui/common/messagebar.h"
#include "ui/details/itemdetailswidget.h"
#include "ui/mainwindow.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/mapwidget.h"
#include "ui/results/columnchooser.h"
#include "ui/results/loadmorebar.h"
#include "ui/results/quickfilterbar.h"
#include "ui/results/thumbnailprovider.h"
#include "ui/search/catalogstatusstrip.h"
#include "ui/search/multisearchcontroller.h"
#include "ui/search/requestdialog.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// The groupings offered: a results column's typed field, or a property read from the items.
struct Grouping
{
    const char *label;
    int column; // a ResultsModel column, or -1 for a property
    const char *property;
};
constexpr Grouping kGroupings[] = {
    { QT_TRANSLATE_NOOP("StacScope::MainWindow", "Collection"), ResultsModel::Collection, nullptr },
    { QT_TRANSLATE_NOOP("StacScope::MainWindow", "Acquisition day"), ResultsModel::Datetime, nullptr },
    { QT_TRANSLATE_NOOP("StacScope::MainWindow", "Platform"), ResultsModel::Platform, nullptr },
    { QT_TRANSLATE_NOOP("StacScope::MainWindow", "Collect id"), -1, "capella:collect_id" },
    { QT_TRANSLATE_NOOP("StacScope::MainWindow", "Instrument mode"), ResultsModel::Mode, nullptr },
    { QT_TRANSLATE_NOOP("StacScope::MainWindow", "Product type"), ResultsModel::ProductType, nullptr },
    { QT_TRANSLATE_NOOP("StacScope::MainWindow", "Polarization"), ResultsModel::Polarizations, nullptr },
    { QT_TRANSLATE_NOOP("StacScope::MainWindow", "Orbit state"), ResultsModel::OrbitState, nullptr },
    { QT_TRANSLATE_NOOP("StacScope::MainWindow", "Instruments"), -1, "instruments" },
};

} // namespace

QWidget *MainWindow::buildResultsPanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    auto *label = new QLabel(tr("&Group by:"), panel);
    m_groupBy = new QComboBox(panel);
    m_groupBy->setObjectName(u"groupByCombo"_s);
    m_groupBy->addItem(tr("Nothing (a flat list)"), -1);
    for (int i = 0; i < int(std::size(kGroupings)); ++i) {
        m_groupBy->addItem(tr(kGroupings[i].label), i);
    }
    m_groupBy->setToolTip(tr("Group the results by a field: a collect's products together, or by mode, "
                             "product type, day..."));
    label->setBuddy(m_groupBy);
    auto *exportButton = new QPushButton(tr("&Export"), panel);
    exportButton->setObjectName(u"exportResultsButton"_s);
    exportButton->setToolTip(tr("Save the selected or all results as GeoJSON, a STAC ItemCollection, "
                                "newline-delimited GeoJSON, CSV or a GeoPackage, e.g. for QGIS"));
    buildExportActions();
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(m_exportSelectionAction);
    exportMenu->addAction(m_exportAllAction);
    exportButton->setMenu(exportMenu);
    bar->addWidget(label);
    bar->addWidget(m_groupBy);
    auto *requestButton = new QPushButton(tr("&Request..."), panel);
    requestButton->setObjectName(u"showRequestButton"_s);
    requestButton->setToolTip(tr("Show the search as a curl command, a Python (pystac-client) snippet and a "
                                 "stacscope-cli line"));
    connect(requestButton, &QPushButton::clicked, this, &MainWindow::showRequestDialog);
    bar->addStretch(1);
    bar->addWidget(requestButton);
    bar->addWidget(exportButton);
    layout->addLayout(bar);
    // Each catalog's figures or error while several are searched at once.
    m_catalogStrip = new CatalogStatusStrip(panel);
    layout->addWidget(m_catalogStrip);
    buildTableTools();
    layout->addWidget(m_quickFilter);

    m_groups = new ResultsGroupModel(&m_results, m_model, this);
    m_groupProxy = new ResultsSortProxy(this);
    m_groupProxy->setSourceModel(m_groups);
    // The grouped view shows what the table shows: the quick filter applies to its items.
    m_groupProxy->setShownFunction([this](int row) { return m_proxy->isShown(row); });
    connect(m_proxy, &ResultsViewProxy::applied, this, [this] {
        if (m_resultsStack->currentWidget() == m_groupView) {
            m_groupProxy->refilter();
        }
    });
    m_groupView = new QTreeView(panel);
    m_groupView->setObjectName(u"groupedResults"_s);
    m_groupView->setModel(m_groupProxy);
    m_groupView->setSortingEnabled(true);
    m_groupView->sortByColumn(-1, Qt::AscendingOrder);
    m_groupView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_groupView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_groupView->setAlternatingRowColors(true);
    m_groupView->setUniformRowHeights(true);
    m_groupView->header()->setStretchLastSection(true);
    m_groupView->header()->resizeSection(ResultsModel::Id, 340);

    m_resultsStack = new QStackedWidget(panel);
    m_resultsStack->addWidget(m_table);
    m_resultsStack->addWidget(m_groupView);
    layout->addWidget(m_resultsStack, 1);
    layout->addWidget(m_loadMore);

    // The grouped model follows the flat one (which the window syncs with the store).
    connect(m_model, &QAbstractItemModel::modelReset, m_groups, &ResultsGroupModel::syncReset);
    connect(m_model, &QAbstractItemModel::rowsInserted, m_groups, &ResultsGroupModel::syncAppended);
    connect(m_model, &ResultsModel::filledColumnsChanged, this, [this] {
        for (int c = 0; c < ResultsModel::ColumnCount; ++c) {
            m_groupView->setColumnHidden(c, m_table->isColumnHidden(c));
        }
    });
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, &MainWindow::applyGrouping);
    connect(m_groupView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MainWindow::onGroupSelectionChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MainWindow::syncGroupSelectionFromTable);
    return panel;
}

void MainWindow::buildTableTools()
{
    m_quickFilter = new QuickFilterBar(this);
    m_columnChooser = new ColumnChooser(m_table, m_model, &m_results, this);
    m_thumbnails = new ThumbnailStore(m_network,
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/thumbnails"_s, qint64(64) << 20, this);
    m_thumbnailProvider = new ThumbnailProvider(m_model, &m_results, m_thumbnails, this);
    m_loadMore = new LoadMoreBar(this);
    connect(m_loadMore, &LoadMoreBar::loadMoreRequested, this, [this] { loadMoreResults(m_search->maxItems()); });
    connect(m_loadMore, &LoadMoreBar::loadAllRequested, this, [this] { loadMoreResults(0); });
    connect(m_loadMore, &LoadMoreBar::cancelRequested, this, [this] {
        if (m_session) {
            m_session->cancel();
        }
    });
    connect(this, &MainWindow::searchFinished, this, [this] {
        m_loadMore->setLoading(false);
        m_loadMore->setAvailable(m_session && m_session->canLoadMore(), m_results.size(), m_matched);
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { m_loadMore->setProgress(m_results.size()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_loadMore->isLoading()) {
            m_loadMore->hide(); // a new search: it says again when it is done
        }
    });
    // One catalog is open at a time: its name is every row's catalog.
    // Each row's own catalog (several may be searched at once); read on the GUI thread.
    m_proxy->setCatalogFunction([this](int row) {
        const std::optional<CatalogSource> source = catalogOfRow(row);
        return source ? source->name : QString();
    });
    connect(m_quickFilter, &QuickFilterBar::filterChanged, this,
        [this] { m_proxy->setQuickFilter(m_quickFilter->filter()); });
    connect(m_proxy, &ResultsViewProxy::rowsShownChanged, this, [this] {
        m_quickFilter->setCollections(m_proxy->collections());
        m_quickFilter->setCatalogs(m_proxy->catalogs());
        m_quickFilter->setCounts(m_proxy->rowCount(), m_results.size());
        if (!m_hiddenPending) {
            // After the store's other followers (the layer syncs after the model on a new page).
            m_hiddenPending = true;
            QMetaObject::invokeMethod(this, &MainWindow::syncHiddenFootprints, Qt::QueuedConnection);
        }
    });
}

void MainWindow::loadMoreResults(int maxItems)
{
    if (!m_session || !m_session->canLoadMore() || m_search->isBusy()) {
        return;
    }
    m_messages->hide();
    m_search->setBusy(true);
    m_loadMore->setLoading(true);
    m_loadMore->setProgress(m_results.size());
    m_session->loadMore(maxItems, &m_results);
    updateStatus();
}

void MainWindow::syncHiddenFootprints()
{
    m_hiddenPending = false;
    m_footprints->setHiddenRows(m_proxy->hiddenMask());
}

void MainWindow::applyGrouping()
{
    const int choice = m_groupBy->currentData().toInt();
    if (choice < 0) {
        m_resultsStack->setCurrentWidget(m_table);
        return;
    }
    const Grouping &g = kGroupings[choice];
    m_groups->setGrouping(tr(g.label),
        g.column >= 0 ? ResultsGroupModel::recordField(g.column)
                      : ResultsGroupModel::property(QString::fromLatin1(g.property)));
    for (int c = 0; c < ResultsModel::ColumnCount; ++c) {
        m_groupView->setColumnHidden(c, m_table->isColumnHidden(c));
    }
    m_groupProxy->refilter(); // the quick filter may have changed while the flat table was shown
    m_resultsStack->setCurrentWidget(m_groupView);
    syncGroupSelectionFromTable();
}

void MainWindow::onGroupSelectionChanged()
{
    if (m_syncingGroups) {
        return;
    }
    // Items selected in the tree, or every item of a selected group.
    QList<int> rows;
    for (const QModelIndex &index : m_groupView->selectionModel()->selectedRows()) {
        const QModelIndex source = m_groupProxy->mapToSource(index);
        const int row = m_groups->storeRow(source);
        if (row >= 0) {
            rows.append(row);
            continue;
        }
        for (int child = 0; child < m_groups->rowCount(source); ++child) {
            rows.append(m_groups->storeRow(m_groups->index(child, 0, source)));
        }
    }
    m_syncingGroups = true;
    selectRows(rows);
    m_syncingGroups = false;
}

void MainWindow::syncGroupSelectionFromTable()
{
    if (m_syncingGroups || m_resultsStack->currentWidget() != m_groupView) {
        return;
    }
    QItemSelection selection;
    const QList<int> rows = selectedRows();
    for (int row : rows) {
        const QModelIndex index = m_groupProxy->mapFromSource(m_groups->indexOfStoreRow(row));
        if (index.isValid()) {
            selection.select(index, index.siblingAtColumn(ResultsModel::ColumnCount - 1));
        }
    }
    m_syncingGroups = true;
    m_groupView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!rows.isEmpty()) {
        const QModelIndex last = m_groupProxy->mapFromSource(m_groups->indexOfStoreRow(rows.last()));
        m_groupView->scrollTo(last);
    }
    m_syncingGroups = false;
}

void MainWindow::enableResultsMenu()
{
    if (m_resultsMenu) {
        return;
    }
    m_resultsMenu = true;
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showResultsMenu);
}

void MainWindow::addResultsAction(QAction *action, int group)
{
    m_resultsActions.append({ action, group });
    std::stable_sort(m_resultsActions.begin(), m_resultsActions.end(),
        [](const auto &a, const auto &b) { return a.second < b.second; });
    enableResultsMenu();
}

void MainWindow::showResultsMenu(const QPoint &position)
{
    // popup(), not exec(): no nested event loop on the GUI thread.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    std::optional<int> group;
    for (const auto &[action, actionGroup] : std::as_const(m_resultsActions)) {
        if (!action) {
            continue;
        }
        if (group && actionGroup != *group) {
            menu->addSeparator();
        }
        group = actionGroup;
        menu->addAction(action);
    }
    if (menu->isEmpty()) {
        delete menu;
        return;
    }
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void MainWindow::applySortToTable(const QString &key)
{
    const QScopedValueRollback<bool> guard(m_syncingSort, true);
    const QList<SortField> fields = SortField::parseList(key);
    QString property = fields.isEmpty() ? QString() : fields.first().field;
    if (property.startsWith(u"properties."_s)) {
        property = property.mid(11);
    }
    int column = ResultsSortProxy::columnOfProperty(property);
    if (column < 0) {
        column = m_model->columnOfPropertyColumn(property); // a property column the user added
    }
    if (column < 0) {
        m_table->sortByColumn(-1, Qt::AscendingOrder); // the server's order
        return;
    }
    m_table->sortByColumn(column, fields.first().descending ? Qt::DescendingOrder : Qt::AscendingOrder);
}

void MainWindow::onTableSortChanged(int column, Qt::SortOrder order)
{
    if (m_syncingSort) {
        return;
    }
    QString property = ResultsSortProxy::propertyOfColumn(column);
    if (property.isEmpty()) {
        property = m_model->propertyOfColumn(column);
    }
    if (property.isEmpty()) {
        m_search->setSortKey(QString(), QString()); // the server's order
        return;
    }
    const QString header = m_model->headerData(column, Qt::Horizontal).toString();
    m_search->setSortKey((order == Qt::AscendingOrder ? u"+"_s : u"-"_s) + property,
        order == Qt::AscendingOrder ? tr("%1, ascending").arg(header) : tr("%1, descending").arg(header));
}

} // namespace StacScope

namespace StacScope {

void MainWindow::buildResultsActions()
{
    // Zoom and look first, then what the other controllers add (download, order, task), then
    // copying and the item's own page.
    auto *zoom = new QAction(tr("&Zoom to"), this);
    zoom->setObjectName(u"zoomToResultAction"_s);
    connect(zoom, &QAction::triggered, this, &MainWindow::zoomToSelection);
    addResultsAction(zoom, -1);
    auto *quicklook = new QAction(tr("Show &quicklook on the map"), this);
    quicklook->setObjectName(u"showQuicklookAction"_s);
    quicklook->setToolTip(tr("Lays the selected items' previews over their footprints"));
    connect(quicklook, &QAction::triggered, this, [this] {
        m_quicklooksAction->setChecked(true); // the layer draws the selected rows' quicklooks
        zoomToSelection();
    });
    addResultsAction(quicklook, -1);

    auto *copyId = new QAction(tr("Copy &id"), this);
    copyId->setObjectName(u"copyIdAction"_s);
    connect(copyId, &QAction::triggered, this, [this] {
        QStringList ids;
        for (int row : selectedRows()) {
            ids.append(m_results.at(row).id);
        }
        QApplication::clipboard()->setText(ids.join(u'\n'));
    });
    addResultsAction(copyId, 2);
    auto *copyJson = new QAction(tr("Copy &JSON"), this);
    copyJson->setObjectName(u"copyJsonAction"_s);
    copyJson->setToolTip(tr("One item as the server sent it; several as a GeoJSON FeatureCollection"));
    connect(copyJson, &QAction::triggered, this, [this] {
        const QList<int> rows = selectedRows();
        if (rows.size() == 1) {
            QApplication::clipboard()->setText(QString::fromUtf8(m_results.rawJson(rows.first())));
            return;
        }
        std::vector<int> sorted(rows.begin(), rows.end());
        std::sort(sorted.begin(), sorted.end());
        QApplication::clipboard()->setText(QString::fromUtf8(featureCollection(m_results, sorted)));
    });
    addResultsAction(copyJson, 2);
    auto *copyUrls = new QAction(tr("Copy asset &URLs"), this);
    copyUrls->setObjectName(u"copyAssetUrlsAction"_s);
    copyUrls->setToolTip(tr("Every asset's address, resolved, one per line (for wget, curl or a colleague)"));
    connect(copyUrls, &QAction::triggered, this, [this] {
        // Resolved as the download dialog resolves them: against the item, else its catalog.
        QList<int> rows = selectedRows();
        std::sort(rows.begin(), rows.end());
        AssetSelection selection;
        for (int row : rows) {
            const std::optional<CatalogSource> source = catalogOfRow(row);
            selection.addItem(m_results.rawJson(row),
                source ? QUrl::fromUserInput(source->location, QDir::currentPath(), QUrl::AssumeLocalFile) : QUrl());
        }
        QStringList urls;
        for (const SelectedAsset &asset : selection.selectedAssets()) {
            urls.append(asset.url.toString());
        }
        QApplication::clipboard()->setText(urls.join(u'\n'));
    });
    addResultsAction(copyUrls, 2);
    auto *openPage = new QAction(tr("Open item &URL"), this);
    openPage->setObjectName(u"openItemUrlAction"_s);
    openPage->setToolTip(tr("The item's own address (its self link) in the web browser"));
    connect(openPage, &QAction::triggered, this, [this] {
        const QList<int> rows = selectedRows();
        if (rows.size() == 1) {
            QDesktopServices::openUrl(itemSelfUrl(rows.first()));
        }
    });
    addResultsAction(openPage, 2);
    addResultsAction(m_exportSelectionAction, 3);

    // What each action can do follows the selection.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this, zoom, quicklook, copyId, copyJson, copyUrls, openPage] {
            const QList<int> rows = selectedRows();
            for (QAction *a : { zoom, quicklook, copyId, copyJson, copyUrls }) {
                a->setEnabled(!rows.isEmpty());
            }
            copyId->setText(rows.size() > 1 ? tr("Copy %n &ids", "", int(rows.size())) : tr("Copy &id"));
            const QUrl self = rows.size() == 1 ? itemSelfUrl(rows.first()) : QUrl();
            openPage->setEnabled(self.scheme() == u"http"_s || self.scheme() == u"https"_s);
        });
    for (QAction *a : { zoom, quicklook, copyId, copyJson, copyUrls, openPage }) {
        a->setEnabled(false);
    }
    // The details pane's "3 of 120" follows a new order of the table.
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, [this] {
        const QList<int> rows = selectedRows();
        if (rows.size() == 1) {
            m_details->setPosition(m_proxy->mapFromSource(m_model->index(rows.first(), 0)).row(), m_proxy->rowCount());
        }
    });
}

RequestRecipeInput MainWindow::recipeInput(const CatalogSource &source, const CatalogSession *session) const
{
    RequestRecipeInput input;
    input.name = source.name;
    input.location = source.location;
    input.kind = source.kind == CatalogSource::Kind::StacApi ? RequestRecipeInput::Kind::StacApi
                                                             : RequestRecipeInput::Kind::StaticCatalog;
    if (!source.accountId.isEmpty()) {
        input.kind = RequestRecipeInput::Kind::Account;
        const AccountManager *accounts = accountManager();
        input.account = accounts ? accounts->store()->account(source.accountId).name : source.name;
    }
    for (const auto &header : source.headers) {
        input.headerNames.append(QString::fromUtf8(header.first));
    }
    if (source.id() == CatalogSource::demo().id()) {
        input.location = u"demo"_s; // embedded in the app; stacscope-cli knows it by that name
    }
    // As the session searches: its method, search link and filter encoding (from its landing
    // page; before that is read, POST with CQL2-JSON).
    if (const auto *api = qobject_cast<const StacApiCatalogSession *>(session)) {
        input.get = api->searchMethod() == u"GET"_s;
        input.searchUrl = api->searchUrl();
        input.filterEncoding = api->filterEncoding();
    }
    return input;
}

void MainWindow::showRequestDialog()
{
    if (!m_session) {
        m_messages->showMessage(MessageBar::Level::Info, tr("Open a catalog first."));
        return;
    }
    QString problem;
    const SearchParameters parameters = m_search->parameters(m_map->viewport().visibleBox(), &problem);
    if (!problem.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Warning, problem);
        return;
    }
    // The catalogs a search would search now: the ticked ones with the open one, or the open one.
    QList<RequestRecipeInput> inputs;
    if (m_multiSearch && m_multiSearch->isMulti()) {
        for (const CatalogSource &source : m_multiSearch->chosenCatalogs()) {
            inputs.append(recipeInput(source, m_multiSearch->sessionOf(source)));
        }
    } else {
        inputs.append(recipeInput(m_session->source(), m_session));
    }
    for (RequestRecipeInput &input : inputs) {
        input.parameters = parameters;
        input.maxItems = m_search->maxItems();
    }
    auto *dialog = findChild<RequestDialog *>();
    if (dialog) {
        dialog->close();
    }
    // Non-modal, one at a time; it shows the form as it is when opened.
    dialog = new RequestDialog(makeRequestRecipes(inputs), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

QUrl MainWindow::itemSelfUrl(int row) const
{
    const QJsonObject item = QJsonDocument::fromJson(m_results.rawJson(row)).object();
    for (const QJsonValue &link : item.value(u"links"_s).toArray()) {
        if (link[u"rel"_s].toString() == u"self"_s) {
            return QUrl(link[u"href"_s].toString());
        }
    }
    return {};
}

} // namespace StacScope
