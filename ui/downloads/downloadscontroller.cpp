#include "ui/downloads/downloadscontroller.h"

#include <algorithm>
#include <iterator>

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFutureWatcher>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QtConcurrent/QtConcurrentRun>

#include "src/download/downloadmanager.h"
#include "src/download/downloadplanner.h"
#include "src/providers/catalogsession.h"
#include "src/stac/itemstore.h"
#include "ui/common/docklayout.h"
#include "ui/common/messagebar.h"
#include "ui/details/itemdetailswidget.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/downloads/downloadspanel.h"
#include "ui/mainwindow.h"

using namespace Qt::StringLiterals;

namespace StacScope {

DownloadsController::DownloadsController(MainWindow *window, DownloadManager *manager)
    : QObject(window)
    , m_window(window)
    , m_manager(manager)
    , m_panel(new DownloadsPanel(manager, window))
    , m_dock(new QDockWidget(tr("Downloads"), window))
    , m_download(new QAction(tr("&Download..."), window))
{
    QSettings settings;
    manager->setMaxParallel(std::clamp(settings.value(u"downloads/parallel"_s, 4).toInt(), 1, 16));
    manager->setBandwidthLimit(qint64(std::max(0, settings.value(u"downloads/limitMBps"_s, 0).toInt())) * 1024 * 1024);
    connect(m_panel->parallelBox(), &QSpinBox::valueChanged, this,
        [](int n) { QSettings().setValue(u"downloads/parallel"_s, n); });
    connect(m_panel->limitBox(), &QSpinBox::valueChanged, this,
        [](int mbps) { QSettings().setValue(u"downloads/limitMBps"_s, mbps); });
    m_dock->setObjectName(u"downloadsDock"_s);
    m_dock->setWidget(m_panel);
    setUpDock(m_dock);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    if (auto *results = window->findChild<QDockWidget *>(u"resultsDock"_s)) {
        window->tabifyDockWidget(results, m_dock);
        results->raise();
    }

    m_download->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_download->setToolTip(tr("Download assets of the selected results"));
    m_download->setEnabled(false);
    connect(m_download, &QAction::triggered, this, [this] { downloadSelected(); });
    window->addAction(m_download);
    const QList<QAction *> menus = window->menuBar()->actions();
    if (!menus.isEmpty() && menus.first()->menu()) {
        QMenu *file = menus.first()->menu();
        const QList<QAction *> fileActions = file->actions();
        file->insertAction(fileActions.value(fileActions.size() - 2), m_download);
    }
    window->addResultsAction(m_download);
    connect(window->resultsView()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_download->setEnabled(m_window && !m_window->selectedRows().isEmpty()); });
    connect(m_panel, &DownloadsPanel::batchFinished, this, &DownloadsController::notifyFinished);
    // "Download this file..." on an asset of the item shown in the details pane.
    connect(window->details(), &ItemDetailsWidget::downloadAssetRequested, this,
        [this](const QString &key) { downloadSelected(key); });
}

void DownloadsController::showDock()
{
    m_dock->show();
    m_dock->raise();
}

void DownloadsController::downloadSelected(const QString &onlyAsset)
{
    const QList<int> rows = m_window ? m_window->selectedRows() : QList<int>();
    if (rows.isEmpty() || !m_manager) {
        return;
    }
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    // Each row's catalog, as it is now: the user may open another one meanwhile. Results of
    // several catalogs are planned catalog by catalog, each with its own origin and credentials.
    QList<CatalogGroup> groups;
    AssetSelection selection; // all of them, for the dialog
    for (int row : rows) {
        const std::optional<CatalogSource> source = m_window->catalogOfRow(row);
        const QUrl catalogUrl
            = source ? QUrl::fromUserInput(source->location, QDir::currentPath(), QUrl::AssumeLocalFile) : QUrl();
        const QString id = source ? source->id() : QString();
        auto group = std::find_if(groups.begin(), groups.end(),
            [&id](const CatalogGroup &g) { return (g.source ? g.source->id() : QString()) == id; });
        if (group == groups.end()) {
            groups.append({ source, {} });
            group = std::prev(groups.end());
        }
        const QByteArray json = m_window->results().rawJson(row);
        QString error;
        if (!selection.addItem(json, catalogUrl, &error) && !error.isEmpty()) {
            m_window->messageBar()->showMessage(
                MessageBar::Level::Warning, tr("An item could not be read for download."), error);
        }
        group->items.addItem(json, catalogUrl);
    }
    // Non-modal: no nested event loop; the choice is taken when the dialog is accepted.
    m_dialog = new DownloadDialog(std::move(selection), DownloadDialog::defaultDirectory(), m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!onlyAsset.isEmpty()) {
        m_dialog->chooseOnly(onlyAsset);
    }
    DownloadDialog *dialog = m_dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, groups] { enqueueChosen(dialog, groups); });
    dialog->open();
}

void DownloadsController::enqueueChosen(DownloadDialog *dialog, const QList<CatalogGroup> &groups)
{
    if (!m_window) {
        return;
    }
    const DownloadPlanOptions common = dialog->planOptions();
    DownloadDialog::rememberDirectory(common.directory);
    if (!QDir().mkpath(common.directory)) {
        m_window->messageBar()->showMessage(MessageBar::Level::Error,
            tr("The download folder %1 cannot be created.").arg(QDir::toNativeSeparators(common.directory)));
        return;
    }
    // The dialog's choice (keys, roles, media types in or out) applies to every catalog's items.
    const AssetSelection &chosen = dialog->selection();
    QList<std::pair<DownloadPlanOptions, AssetSelection>> work;
    for (const CatalogGroup &group : groups) {
        DownloadPlanOptions options = common;
        if (group.source) {
            options.sourceId = group.source->id();
            options.catalogUrl
                = QUrl::fromUserInput(group.source->location, QDir::currentPath(), QUrl::AssumeLocalFile);
            for (const auto &h : group.source->headers) {
                options.credentialNames.append(h.first);
            }
        }
        AssetSelection items = group.items;
        items.setInclude(chosen.include());
        items.setExclude(chosen.exclude());
        work.append({ options, items });
    }
    // Planning touches the disk (item JSON files): off the GUI thread.
    auto *watcher = new QFutureWatcher<DownloadPlan>(this);
    connect(watcher, &QFutureWatcher<DownloadPlan>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const DownloadPlan plan = watcher->result();
        MessageBar *messages = m_window ? m_window->messageBar() : nullptr;
        if (messages && !plan.errors.isEmpty()) {
            messages->showMessage(
                MessageBar::Level::Error, tr("Some item metadata could not be written."), plan.errors.join(u'\n'));
        } else if (messages && !plan.warnings.isEmpty()) {
            messages->showMessage(MessageBar::Level::Warning,
                plan.warnings.size() == 1
                    ? tr("One asset cannot be downloaded and was skipped.")
                    : tr("%1 assets cannot be downloaded and were skipped.").arg(plan.warnings.size()),
                plan.warnings.join(u'\n'));
        }
        if (!m_manager || plan.tasks.isEmpty()) {
            return;
        }
        m_manager->enqueue(plan.tasks);
        showDock();
        Q_EMIT queued(int(plan.tasks.size()));
    });
    watcher->setFuture(QtConcurrent::run([work] {
        DownloadPlan all;
        for (const auto &[options, items] : work) {
            const DownloadPlanner planner(options);
            DownloadPlan plan = planner.plan(items);
            planner.writeItemFiles(items, plan);
            all.tasks += plan.tasks;
            all.warnings += plan.warnings;
            all.errors += plan.errors;
        }
        return all;
    }));
}

void DownloadsController::notifyFinished(int completed, int failed)
{
    if ((completed == 0 && failed == 0) || !m_window) {
        return;
    }
    const QString title = failed == 0 ? tr("Downloads finished") : tr("Downloads finished with errors");
    const QString text = failed == 0
        ? (completed == 1 ? tr("1 file downloaded.") : tr("%1 files downloaded.").arg(completed))
        : tr("%1 downloaded, %2 failed.").arg(completed).arg(failed);
    m_window->notify(title, text, failed == 0 ? MessageBar::Level::Info : MessageBar::Level::Warning);
}

} // namespace StacScope
