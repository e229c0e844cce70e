#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QPointer>

#include "src/geo/geometry.h"
#include "src/providers/accountmanager.h"
#include "src/providers/catalogsource.h"
#include "src/tasking/monitoredrequest.h"
#include "src/tasking/requestmonitor.h"
#include "src/tasking/taskform.h"
#include "ui/tasking/coveragepanel.h"
#include "ui/tasking/taskdialog.h"

class QAction;
class QDockWidget;
class QMenu;
class QTabWidget;
class QPoint;
class QPointF;

namespace StacScope {

class CoverageLayer;
class DownloadManager;
class MonitorNotifier;
class MonitorPanel;
class TasksPanel;

class MainWindow;

// Everything about tasking that the main window offers, in one place: the Tasking menu, "Task
// this point..." on the map, "Task this area..." on an AOI, "Task this footprint..." on a result,
// a typed target, the targets on the map with their requests' status, the task dialog, and the
// Tasks dock: the monitor of every account's requests (with its notifications and automatic
// downloads) and each account's own list. The window only creates it.
class TaskingController : public QObject
{
    Q_OBJECT
public:
    TaskingController(MainWindow *window, AccountManager *accounts, DownloadManager *downloads);

    QMenu *menu() const { return m_menu; }
    QAction *taskAoiAction() const { return m_taskAoi; }
    QAction *taskFootprintAction() const { return m_taskFootprint; }
    QAction *taskTypedAction() const { return m_taskTyped; }
    TaskDialog *dialog() const { return m_dialog; }
    // Requests sent from the dialog are followed by `monitor`, and their targets take its status.
    void setMonitor(RequestMonitor *monitor);
    RequestMonitor *monitor() const { return m_monitor; }
    // The kind of monitored request a task form's request becomes.
    static MonitoredKind monitoredKind(TaskKind kind);

    // The Tasks dock (there once an account can task or the monitor follows something).
    QDockWidget *tasksDock() const { return m_dock; }
    QTabWidget *tasksTabs() const { return m_tabs; }
    TasksPanel *tasksPanel() const { return m_tasksPanel; }
    MonitorPanel *monitorPanel() const { return m_monitorPanel; }
    MonitorNotifier *notifier() const { return m_notifier; }
    void ensureDock();
    CoveragePanel *coveragePanel() const { return m_coverage; }
    CoverageLayer *coverageLayer() const { return m_coverageLayer; }
    // Which of the user's other catalogs "Archive or task?" searches over a target: every one
    // unless this says no (tests keep to their loopback servers).
    void setCoverageCatalogFilter(std::function<bool(const CatalogSource &)> filter)
    {
        m_coverageFilter = std::move(filter);
    }
    // Opens `catalog` (one of the list) over the dialog's target and selects the scene once found.
    // By value: the panel's own copies go when the catalogs are searched again.
    void showSceneInCatalog(CatalogSource catalog, QString collection, QString id);

    // Opens the task dialog on a new target (shown on the map while it is edited). Returns it.
    TaskDialog *taskTarget(const QString &name, const Geometry &geometry);
    TaskDialog *taskPoint(double lon, double lat);
    TaskDialog *taskAoi(int row);
    TaskDialog *taskSelectedFootprint();
    // "lon, lat", "W, S, E, N", WKT or GeoJSON typed by the user.
    void taskTyped();

Q_SIGNALS:
    // A request was created: the monitor follows it.
    void requestSubmitted(const QString &accountId, StacScope::TaskKind kind, const QString &remoteId,
        const QJsonObject &answer, const StacScope::TaskDraft &draft, const QString &targetId);

private:
    void showMapMenu(const QPointF &position, const QPoint &globalPosition);
    void showAoiMenu(const QPoint &position);
    void updateActions();
    void onDialogFinished();
    void searchHere();
    void updateCoverageCatalogs();
    void onSubmitted(const QString &accountId, TaskKind kind, const QString &remoteId, const QJsonObject &answer,
        const TaskDraft &draft);
    void onRequestChanged(const MonitorKey &key);

    QPointer<MainWindow> m_window;
    QPointer<AccountManager> m_accounts;
    QMenu *m_menu;
    QAction *m_taskAoi;
    QAction *m_taskFootprint;
    QAction *m_taskTyped;
    CoverageLayer *m_coverageLayer;
    QPointer<TaskDialog> m_dialog;
    QPointer<CoveragePanel> m_coverage;
    std::function<bool(const CatalogSource &)> m_coverageFilter;
    QString m_targetId; // the target the dialog edits
    bool m_targetSent = false;
    void showGeometry(const QJsonObject &geometry);

    QPointer<RequestMonitor> m_monitor;
    QPointer<DownloadManager> m_downloads;
    QDockWidget *m_dock = nullptr;
    QTabWidget *m_tabs = nullptr;
    TasksPanel *m_tasksPanel = nullptr;
    MonitorPanel *m_monitorPanel = nullptr;
    MonitorNotifier *m_notifier = nullptr;
    QHash<QString, MonitorKey> m_followed; // target id -> the request the monitor follows for it
};

} // namespace StacScope
