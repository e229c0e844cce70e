// The main window's download side: the Downloads dock, "Download..." on results, notifications.
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFutureWatcher>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QtConcurrent/QtConcurrentRun>

#include "src/download/downloadmanager.h"
#include "src/download/downloadplanner.h"
#include "ui/common/messagebar.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/downloads/downloadspanel.h"
#include "ui/mainwindow.h"

using namespace Qt::StringLiterals;

namespace StacScope {

void MainWindow::setDownloadManager(DownloadManager *manager)
{
    if (m_downloadManager || !manager) {
        return;
    }
    m_downloadManager = manager;
    QSettings settings;
    manager->setMaxParallel(std::clamp(settings.value(u"downloads/parallel"_s, 4).toInt(), 1, 16));
    manager->setBandwidthLimit(qint64(std::max(0, settings.value(u"downloads/limitMBps"_s, 0).toInt())) * 1024 * 1024);
    m_downloadsPanel = new DownloadsPanel(manager, this);
    connect(m_downloadsPanel->parallelBox(), &QSpinBox::valueChanged, this,
        [](int n) { QSettings().setValue(u"downloads/parallel"_s, n); });
    connect(m_downloadsPanel->limitBox(), &QSpinBox::valueChanged, this,
        [](int mbps) { QSettings().setValue(u"downloads/limitMBps"_s, mbps); });
    auto *dock = new QDockWidget(tr("Downloads"), this);
    dock->setObjectName(u"downloadsDock"_s);
    dock->setWidget(m_downloadsPanel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    if (auto *results = findChild<QDockWidget *>(u"resultsDock"_s)) {
        tabifyDockWidget(results, dock);
        results->raise();
    }
    m_downloadsDock = dock;

    m_downloadAction = new QAction(tr("&Download..."), this);
    m_downloadAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_downloadAction->setToolTip(tr("Download assets of the selected results"));
    m_downloadAction->setEnabled(false);
    connect(m_downloadAction, &QAction::triggered, this, &MainWindow::downloadSelected);
    addAction(m_downloadAction);
    const QList<QAction *> menus = menuBar()->actions();
    if (!menus.isEmpty() && menus.first()->menu()) {
        QMenu *file = menus.first()->menu();
        const QList<QAction *> fileActions = file->actions();
        file->insertAction(fileActions.value(fileActions.size() - 2), m_downloadAction);
    }
    enableResultsMenu();
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_downloadAction->setEnabled(!selectedRows().isEmpty()); });
    connect(m_downloadsPanel, &DownloadsPanel::batchFinished, this, &MainWindow::notifyDownloadsFinished);
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

void MainWindow::addResultsAction(QAction *action)
{
    m_resultsActions.append(action);
    enableResultsMenu();
}

void MainWindow::showResultsMenu(const QPoint &position)
{
    // popup(), not exec(): no nested event loop on the GUI thread.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (QAction *action : { m_downloadAction, m_orderAction }) {
        if (action) {
            menu->addAction(action);
        }
    }
    for (const QPointer<QAction> &action : std::as_const(m_resultsActions)) {
        if (action) {
            if (!menu->isEmpty() && action == m_resultsActions.first()) {
                menu->addSeparator();
            }
            menu->addAction(action);
        }
    }
    if (menu->isEmpty()) {
        delete menu;
        return;
    }
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void MainWindow::downloadSelected()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty() || !m_downloadManager) {
        return;
    }
    AssetSelection selection;
    QUrl catalogUrl;
    QList<QByteArray> credentialNames;
    if (m_session) {
        const CatalogSource &source = m_session->source();
        catalogUrl = QUrl::fromUserInput(source.location, QDir::currentPath(), QUrl::AssumeLocalFile);
        for (const auto &h : source.headers) {
            credentialNames.append(h.first);
        }
    }
    for (int row : rows) {
        QString error;
        if (!selection.addItem(m_results.rawJson(row), catalogUrl, &error) && !error.isEmpty()) {
            m_messages->showMessage(MessageBar::Level::Warning, tr("An item could not be read for download."), error);
        }
    }
    DownloadDialog dialog(std::move(selection), DownloadDialog::defaultDirectory(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    DownloadPlanOptions options = dialog.planOptions();
    DownloadDialog::rememberDirectory(options.directory);
    if (m_session) {
        options.sourceId = m_session->source().id();
    }
    options.catalogUrl = catalogUrl;
    options.credentialNames = credentialNames;
    if (!QDir().mkpath(options.directory)) {
        m_messages->showMessage(MessageBar::Level::Error,
            tr("The download folder %1 cannot be created.").arg(QDir::toNativeSeparators(options.directory)));
        return;
    }
    // Planning touches the disk (item JSON files): off the GUI thread.
    const AssetSelection chosen = dialog.selection();
    auto *watcher = new QFutureWatcher<DownloadPlan>(this);
    connect(watcher, &QFutureWatcher<DownloadPlan>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const DownloadPlan plan = watcher->result();
        if (!plan.errors.isEmpty()) {
            m_messages->showMessage(
                MessageBar::Level::Error, tr("Some item metadata could not be written."), plan.errors.join(u'\n'));
        } else if (!plan.warnings.isEmpty()) {
            m_messages->showMessage(MessageBar::Level::Warning,
                plan.warnings.size() == 1
                    ? tr("One asset cannot be downloaded and was skipped.")
                    : tr("%1 assets cannot be downloaded and were skipped.").arg(plan.warnings.size()),
                plan.warnings.join(u'\n'));
        }
        if (!m_downloadManager || plan.tasks.isEmpty()) {
            return;
        }
        m_downloadManager->enqueue(plan.tasks);
        m_downloadsDock->show();
        m_downloadsDock->raise();
    });
    watcher->setFuture(QtConcurrent::run([options, chosen] {
        const DownloadPlanner planner(options);
        DownloadPlan plan = planner.plan(chosen);
        planner.writeItemFiles(chosen, plan);
        return plan;
    }));
}

void MainWindow::notifyDownloadsFinished(int completed, int failed)
{
    if (completed == 0 && failed == 0) {
        return;
    }
    const QString title = failed == 0 ? tr("Downloads finished") : tr("Downloads finished with errors");
    const QString text = failed == 0
        ? (completed == 1 ? tr("1 file downloaded.") : tr("%1 files downloaded.").arg(completed))
        : tr("%1 downloaded, %2 failed.").arg(completed).arg(failed);
    // A desktop notification when the session has a tray; the message bar in any case.
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(windowIcon(), this);
        }
        m_tray->show();
        m_tray->showMessage(title, text, failed == 0 ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
    }
    m_messages->showMessage(failed == 0 ? MessageBar::Level::Info : MessageBar::Level::Warning, text);
}

} // namespace StacScope
