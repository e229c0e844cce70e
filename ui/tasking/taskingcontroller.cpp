#include "ui/tasking/taskingcontroller.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QTableView>

#include "src/geo/mapviewport.h"
#include "src/models/aoilistmodel.h"
#include "src/models/targetlistmodel.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "src/providers/catalogsession.h"
#include "src/providers/provider.h"
#include "ui/aoi/aoicoordinatesdialog.h"
#include "ui/aoi/aoipanel.h"
#include "ui/common/docklayout.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/downloads/downloadscontroller.h"
#include "ui/mainwindow.h"
#include "ui/map/coveragelayer.h"
#include "ui/map/mapwidget.h"
#include "ui/map/pantool.h"
#include "ui/monitor/monitormodel.h"
#include "ui/monitor/monitornotifier.h"
#include "ui/monitor/monitorpanel.h"
#include "ui/search/catalogscontroller.h"
#include "ui/tasking/coveragepanel.h"
#include "ui/tasking/taskdialog.h"
#include "ui/tasks/taskspanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

TaskingController::TaskingController(MainWindow *window, AccountManager *accounts, DownloadManager *downloads)
    : QObject(window)
    , m_window(window)
    , m_accounts(accounts)
    , m_menu(new QMenu(tr("&Tasking"), window))
    , m_taskAoi(new QAction(tr("Task the active &AOI..."), this))
    , m_taskFootprint(new QAction(tr("Task this &footprint..."), this))
    , m_taskTyped(new QAction(tr("Task typed &coordinates..."), this))
    , m_coverageLayer(new CoverageLayer(this))
{
    window->map()->addLayer(m_coverageLayer);
    m_downloads = downloads;
    m_menu->setObjectName(u"taskingMenu"_s);
    m_taskAoi->setToolTip(tr("Open a tasking request over the active area of interest"));
    m_taskFootprint->setToolTip(tr("Open a tasking request over the selected result's footprint"));
    m_taskTyped->setToolTip(tr("Open a tasking request over a point or area you type"));
    m_menu->addAction(m_taskTyped);
    m_menu->addAction(m_taskAoi);
    m_menu->addAction(m_taskFootprint);
    m_menu->addSeparator();
    QAction *hint = m_menu->addAction(tr("Right-click the map to task a point"));
    hint->setEnabled(false);
    // Before Help, where users look for it.
    QMenuBar *bar = window->menuBar();
    const QList<QAction *> menus = bar->actions();
    bar->insertMenu(menus.isEmpty() ? nullptr : menus.last(), m_menu);

    connect(m_taskAoi, &QAction::triggered, this, [this] {
        if (m_window && m_window->aois()->activeRow() >= 0) {
            taskAoi(m_window->aois()->activeRow());
        }
    });
    connect(m_taskFootprint, &QAction::triggered, this, &TaskingController::taskSelectedFootprint);
    connect(m_taskTyped, &QAction::triggered, this, &TaskingController::taskTyped);
    window->addResultsAction(m_taskFootprint, 1);

    connect(window->map(), &MapWidget::contextMenuRequested, this, &TaskingController::showMapMenu);
    QListView *aoiList = window->aoiPanel()->listView();
    aoiList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(aoiList, &QWidget::customContextMenuRequested, this, &TaskingController::showAoiMenu);
    connect(window->aois(), &AoiListModel::activeChanged, this, &TaskingController::updateActions);
    connect(window->aois(), &AoiListModel::aoisChanged, this, &TaskingController::updateActions);
    connect(window->resultsView()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &TaskingController::updateActions);
    // New results may cover the target: count again.
    connect(window, &MainWindow::searchFinished, this, [this] {
        if (m_coverage) {
            m_coverage->refresh();
        }
    });
    updateActions();
    if (accounts) {
        connect(accounts, &AccountManager::sessionsChanged, this, &TaskingController::ensureDock);
    }
    ensureDock();
}

void TaskingController::ensureDock()
{
    if (!m_window || !m_accounts) {
        return;
    }
    bool canTask = false;
    for (AccountSession *s : m_accounts->sessions()) {
        canTask = canTask || s->provider()->capabilities().testFlag(ProviderCapability::Tasking);
    }
    const bool following = m_monitor && !m_monitor->requests().isEmpty();
    if (!m_dock && !canTask && !following) {
        return;
    }
    if (!m_dock) {
        m_tabs = new QTabWidget(m_window);
        m_tabs->setDocumentMode(true);
        m_dock = new QDockWidget(tr("Tasks"), m_window);
        m_dock->setObjectName(u"tasksDock"_s);
        m_dock->setWidget(m_tabs);
        setUpDock(m_dock);
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
        if (auto *results = m_window->findChild<QDockWidget *>(u"resultsDock"_s)) {
            m_window->tabifyDockWidget(results, m_dock);
            results->raise();
        }
    }
    if (m_monitor && !m_monitorPanel) {
        m_monitorPanel
            = new MonitorPanel(m_monitor, m_accounts, m_downloads, DownloadDialog::defaultDirectory(), m_tabs);
        m_monitorPanel->model()->reload();
        connect(m_monitorPanel, &MonitorPanel::showOnMap, this, &TaskingController::showGeometry);
        connect(m_monitorPanel, &MonitorPanel::openAccountRequested, this, [this](const QString &id) {
            if (m_window) {
                m_window->openAccountsDialog(id);
            }
        });
        connect(m_monitorPanel, &MonitorPanel::downloadFinished, this, [this](int files) {
            if (files > 0 && m_window && m_window->downloads()) {
                m_window->downloads()->showDock();
            }
        });
        m_tabs->insertTab(0, m_monitorPanel, tr("Monitor"));
        m_tabs->setCurrentIndex(0);
    }
    if (canTask && !m_tasksPanel) {
        m_tasksPanel = new TasksPanel(m_accounts, m_downloads, m_tabs);
        connect(m_tasksPanel, &TasksPanel::openAccountRequested, this, [this](const QString &id) {
            if (m_window) {
                m_window->openAccountsDialog(id);
            }
        });
        m_tabs->addTab(m_tasksPanel, tr("By account"));
    }
}

void TaskingController::showGeometry(const QJsonObject &geometry)
{
    const std::optional<Geometry> g = Geometry::fromGeoJson(geometry);
    if (!m_window || !g || g->isEmpty()) {
        return;
    }
    MapWidget *map = m_window->map();
    const GeoBox b = g->bounds();
    if (g->type() == GeometryType::Point) {
        map->setCenterLonLat(b.west, b.south);
        map->setZoom(std::max(map->viewport().zoom(), 11.0));
    } else {
        map->zoomToBox(b);
    }
}

void TaskingController::updateActions()
{
    if (!m_window) {
        return;
    }
    m_taskAoi->setEnabled(m_window->aois()->activeRow() >= 0);
    m_taskFootprint->setEnabled(m_window->selectedRows().size() == 1);
}

void TaskingController::showMapMenu(const QPointF &position, const QPoint &globalPosition)
{
    MapWidget *map = m_window ? m_window->map() : nullptr;
    if (!map || map->tool() != map->panTool()) {
        return; // a drawing tool owns the right button
    }
    const QPointF lonLat = map->viewport().screenToLonLat(position);
    auto *menu = new QMenu(map);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *point
        = menu->addAction(tr("Task this point (%1, %2)...").arg(lonLat.x(), 0, 'f', 4).arg(lonLat.y(), 0, 'f', 4));
    connect(point, &QAction::triggered, this, [this, lonLat] { taskPoint(lonLat.x(), lonLat.y()); });
    if (m_taskAoi->isEnabled()) {
        menu->addAction(m_taskAoi);
    }
    menu->popup(globalPosition); // popup(), not exec(): no nested event loop
}

void TaskingController::showAoiMenu(const QPoint &position)
{
    QListView *list = m_window->aoiPanel()->listView();
    const QModelIndex index = list->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    auto *menu = new QMenu(list);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const int row = index.row();
    QAction *task = menu->addAction(tr("Task this area..."));
    connect(task, &QAction::triggered, this, [this, row] { taskAoi(row); });
    menu->popup(list->viewport()->mapToGlobal(position));
}

TaskDialog *TaskingController::taskPoint(double lon, double lat)
{
    return taskTarget(tr("Point %1, %2").arg(lon, 0, 'f', 4).arg(lat, 0, 'f', 4), Geometry::point(lon, lat));
}

TaskDialog *TaskingController::taskAoi(int row)
{
    if (!m_window || row < 0 || row >= m_window->aois()->rowCount()) {
        return nullptr;
    }
    const Aoi &aoi = m_window->aois()->at(row);
    return taskTarget(aoi.name, aoi.geometry);
}

TaskDialog *TaskingController::taskSelectedFootprint()
{
    const QList<int> rows = m_window ? m_window->selectedRows() : QList<int>();
    if (rows.size() != 1) {
        return nullptr;
    }
    const ItemRecord &item = m_window->results().at(rows.first());
    return taskTarget(item.id, item.footprint);
}

void TaskingController::taskTyped()
{
    auto *typed = new AoiCoordinatesDialog(m_window);
    typed->setAttribute(Qt::WA_DeleteOnClose);
    typed->setWindowTitle(tr("Task typed coordinates"));
    connect(typed, &QDialog::accepted, this, [this, typed] {
        if (const auto result = typed->result()) {
            taskTarget(typed->name(), result->geometry);
        }
    });
    typed->open();
}

TaskDialog *TaskingController::taskTarget(const QString &name, const Geometry &geometry)
{
    if (!m_window) {
        return nullptr;
    }
    TargetListModel *targets = m_window->targets();
    if (m_dialog) {
        // One request at a time: the open dialog takes the new target unless it already sent.
        if (m_targetSent || m_dialog->submitJob()) {
            m_dialog->raise();
            m_dialog->activateWindow();
            return m_dialog;
        }
        targets->remove(m_targetId);
    }
    Target target;
    target.name = name.isEmpty() ? tr("Target") : name;
    target.geometry = geometry;
    target.status = tr("Draft");
    m_targetId = TargetListModel::isSupported(geometry) ? targets->add(target) : QString();
    targets->select(m_targetId);
    m_targetSent = false;
    if (!m_dialog) {
        m_dialog = new TaskDialog(m_accounts, m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        MapWidget *map = m_window->map();
        m_dialog->setMapPainter([map](QPainter &painter, const MapViewport &viewport) {
            if (map) {
                map->render(painter, viewport);
            }
        });
        connect(m_dialog, &TaskDialog::targetStatusChanged, this, [this](const QString &status) {
            TargetListModel *model = m_window ? m_window->targets() : nullptr;
            if (const Target *t = model ? model->find(m_targetId) : nullptr) {
                Target changed = *t;
                changed.status = status;
                model->update(changed);
            }
        });
        connect(m_dialog, &TaskDialog::submitted, this, &TaskingController::onSubmitted);
        connect(m_dialog, &QDialog::finished, this, &TaskingController::onDialogFinished);
        m_coverage = new CoveragePanel(&m_window->results(), m_dialog);
        m_dialog->setSidePanel(m_coverage);
        connect(m_coverage, &CoveragePanel::uncoveredChanged, m_coverageLayer, &CoverageLayer::setUncovered);
        connect(m_coverage, &CoveragePanel::sceneActivated, this, [this](int row) {
            if (m_window) {
                m_window->selectRows({ row });
            }
        });
        connect(m_coverage, &CoveragePanel::searchHereRequested, this, &TaskingController::searchHere);
        connect(m_coverage, &CoveragePanel::otherSceneActivated, this, &TaskingController::showSceneInCatalog);
        if (CatalogsController *catalogs = m_window->catalogsController()) {
            // Another catalog opened: it counts with its results, the one before is searched instead.
            connect(catalogs, &CatalogsController::sessionOpened, m_coverage, [this] {
                updateCoverageCatalogs();
                m_coverage->searchCatalogs();
            });
        }
    }
    m_dialog->setTarget(target.name, geometry);
    updateCoverageCatalogs();
    m_coverage->setTarget(geometry);
    m_dialog->show();
    m_dialog->raise();
    return m_dialog;
}

MonitoredKind TaskingController::monitoredKind(TaskKind kind)
{
    switch (kind) {
    case TaskKind::SatellogicTask:
        return MonitoredKind::SatellogicTask;
    case TaskKind::CapellaTasking:
        return MonitoredKind::CapellaTasking;
    case TaskKind::CapellaRepeat:
        return MonitoredKind::CapellaRepeat;
    }
    return MonitoredKind::SatellogicTask;
}

void TaskingController::setMonitor(RequestMonitor *monitor)
{
    if (m_monitor) {
        m_monitor->disconnect(this);
    }
    // The panel and the notifier work on one monitor: they go with it.
    delete m_monitorPanel;
    m_monitorPanel = nullptr;
    delete m_notifier;
    m_notifier = nullptr;
    m_monitor = monitor;
    if (!monitor) {
        return;
    }
    connect(monitor, &RequestMonitor::requestChanged, this, &TaskingController::onRequestChanged);
    connect(monitor, &RequestMonitor::requestAdded, this, &TaskingController::ensureDock);
    // One notifier for the window: a line and a desktop notification per change, and the
    // automatic downloads queued once.
    m_notifier = new MonitorNotifier(monitor, m_downloads, this);
    connect(m_notifier, &MonitorNotifier::notify, this, [this](const QString &title, const QString &text) {
        if (m_window) {
            m_window->notify(title, text);
        }
    });
    connect(m_notifier, &MonitorNotifier::deliveriesQueued, this, [this] {
        if (m_window && m_window->downloads()) {
            m_window->downloads()->showDock();
        }
    });
    ensureDock();
}

void TaskingController::onSubmitted(
    const QString &accountId, TaskKind kind, const QString &remoteId, const QJsonObject &answer, const TaskDraft &draft)
{
    m_targetSent = true;
    if (TargetListModel *model = m_window ? m_window->targets() : nullptr) {
        if (const Target *t = model->find(m_targetId)) {
            Target changed = *t;
            changed.provider = TaskForms::providerId(kind);
            changed.name = draft.name.trimmed();
            model->update(changed);
        }
    }
    if (m_monitor) {
        const bool autoDownload = m_dialog && m_dialog->autoDownloadCheck()->isChecked();
        const MonitorKey key = m_monitor->track(
            accountId, monitoredKind(kind), answer, autoDownload, DownloadDialog::defaultDirectory());
        if (!key.remoteId.isEmpty()) {
            m_followed.insert(m_targetId, key);
            onRequestChanged(key);
        }
    }
    Q_EMIT requestSubmitted(accountId, kind, remoteId, answer, draft, m_targetId);
}

void TaskingController::onRequestChanged(const MonitorKey &key)
{
    TargetListModel *model = m_window ? m_window->targets() : nullptr;
    const std::optional<MonitoredRequest> request = m_monitor ? m_monitor->request(key) : std::nullopt;
    if (!model || !request || request->status.isEmpty()) {
        return;
    }
    for (auto it = m_followed.cbegin(); it != m_followed.cend(); ++it) {
        const Target *t = it.value() == key ? model->find(it.key()) : nullptr;
        if (t && t->status != request->status) {
            Target changed = *t;
            changed.status = request->status; // the provider's word: "accepted", "in_progress"...
            model->update(changed);
        }
    }
}

void TaskingController::searchHere()
{
    if (!m_window || !m_dialog || m_dialog->target().isEmpty()) {
        return;
    }
    // The target becomes the active AOI, so the search runs over it; the count follows the results.
    const Geometry target = m_dialog->target();
    const int row = m_window->aois()->add(
        target.type() == GeometryType::Point ? Aoi::Kind::Point : Aoi::Kind::Polygon, target, m_dialog->targetName());
    m_window->aois()->setActiveRow(row);
    m_window->runSearch();
}

void TaskingController::updateCoverageCatalogs()
{
    CatalogsController *catalogs = m_window ? m_window->catalogsController() : nullptr;
    if (!catalogs || !m_coverage) {
        return;
    }
    // Every other catalog of the user is searched over the target; the open one counts its results.
    const QString openId = catalogs->session() ? catalogs->session()->source().id() : QString();
    QList<CatalogSource> others;
    QString openName = tr("The open catalog");
    for (const CatalogSource &c : catalogs->catalogs()) {
        if (c.id() == openId) {
            openName = c.name;
        } else if (!m_coverageFilter || m_coverageFilter(c)) {
            others.append(c);
        }
    }
    m_coverage->setCatalogs(catalogs->providers(), catalogs->network(), others, openName);
}

void TaskingController::showSceneInCatalog(CatalogSource catalog, QString collection, QString id)
{
    CatalogsController *catalogs = m_window ? m_window->catalogsController() : nullptr;
    const int index = catalogs ? int(catalogs->catalogs().indexOf(catalog)) : -1;
    if (index < 0 || !m_dialog) {
        return;
    }
    catalogs->selectCatalog(index);
    // Once its results are in, the scene is selected (and shown on the map) like any result.
    connect(
        m_window, &MainWindow::searchFinished, this,
        [this, collection, id] {
            const int row = m_window ? m_window->results().indexOf(collection, id) : -1;
            if (row >= 0) {
                m_window->selectRows({ row });
            }
        },
        Qt::SingleShotConnection);
    searchHere();
}

void TaskingController::onDialogFinished()
{
    m_coverageLayer->clear();
    // A draft that was never sent leaves the map with its dialog; a sent one stays with its status.
    if (!m_targetSent && m_window) {
        m_window->targets()->remove(m_targetId);
    }
    m_targetId.clear();
    m_targetSent = false;
}

} // namespace StacScope
