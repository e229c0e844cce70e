#include "ui/downloads/downloadspanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include "src/download/downloadmanager.h"
#include "src/models/downloadfiltermodel.h"
#include "src/models/downloadlistmodel.h"
#include "ui/downloads/progressdelegate.h"

using namespace Qt::StringLiterals;

namespace StacScope {

DownloadsPanel::DownloadsPanel(DownloadManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_model(new DownloadListModel(manager, this))
    , m_filter(new DownloadFilterModel(this))
    , m_view(new QTreeView(this))
    , m_filterBox(new QComboBox(this))
    , m_parallel(new QSpinBox(this))
    , m_limit(new QSpinBox(this))
    , m_totals(new QLabel(this))
    , m_totalsTimer(new QTimer(this))
{
    m_filter->setSourceModel(m_model);

    QStyle *s = style();
    auto makeAction = [this](const QIcon &icon, const QString &text, const QString &tip) {
        auto *action = new QAction(icon, text, this);
        action->setToolTip(tip);
        return action;
    };
    m_pause = makeAction(s->standardIcon(QStyle::SP_MediaPause), tr("Pause"), tr("Pause the selected downloads"));
    m_resume = makeAction(s->standardIcon(QStyle::SP_MediaPlay), tr("Resume"), tr("Resume the selected downloads"));
    m_cancel = makeAction(s->standardIcon(QStyle::SP_MediaStop), tr("Cancel"),
        tr("Cancel the selected downloads and delete their partial files"));
    m_retry
        = makeAction(s->standardIcon(QStyle::SP_BrowserReload), tr("Retry"), tr("Retry failed or canceled downloads"));
    m_remove = makeAction(s->standardIcon(QStyle::SP_DialogDiscardButton), tr("Remove"),
        tr("Remove the selected downloads from the list (files stay on disk)"));
    m_removeWithFile = makeAction(s->standardIcon(QStyle::SP_TrashIcon), tr("Remove and Delete Files"),
        tr("Remove the selected downloads and delete their files"));
    m_openFile = makeAction(s->standardIcon(QStyle::SP_FileIcon), tr("Open File"), tr("Open the downloaded file"));
    m_openFolder = makeAction(
        s->standardIcon(QStyle::SP_DirOpenIcon), tr("Open Folder"), tr("Open the folder that holds the file"));
    m_copyUrl = makeAction(QIcon(), tr("Copy URL"), tr("Copy the download URLs to the clipboard"));
    m_moveUp = makeAction(s->standardIcon(QStyle::SP_ArrowUp), tr("Move Up"), tr("Start the selection earlier"));
    m_moveDown = makeAction(s->standardIcon(QStyle::SP_ArrowDown), tr("Move Down"), tr("Start the selection later"));
    m_pauseAll = makeAction(QIcon(), tr("Pause All"), tr("Pause every download"));
    m_resumeAll = makeAction(QIcon(), tr("Resume All"), tr("Resume every paused download"));
    m_copyUrl->setShortcut(QKeySequence::Copy);
    m_copyUrl->setShortcutContext(Qt::WidgetShortcut);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_copyUrl);
    m_view->addAction(m_remove);

    connect(m_pause, &QAction::triggered, this, [this] { m_manager->pause(selectedIds()); });
    connect(m_resume, &QAction::triggered, this, [this] { m_manager->resume(selectedIds()); });
    connect(m_cancel, &QAction::triggered, this, [this] { m_manager->cancel(selectedIds()); });
    connect(m_retry, &QAction::triggered, this, [this] { m_manager->retry(selectedIds()); });
    connect(m_remove, &QAction::triggered, this, [this] { m_manager->remove(selectedIds(), false); });
    connect(m_removeWithFile, &QAction::triggered, this, [this] { m_manager->remove(selectedIds(), true); });
    connect(m_openFile, &QAction::triggered, this, &DownloadsPanel::openSelectedFile);
    connect(m_openFolder, &QAction::triggered, this, &DownloadsPanel::openSelectedFolder);
    connect(m_copyUrl, &QAction::triggered, this, &DownloadsPanel::copySelectedUrls);
    connect(m_moveUp, &QAction::triggered, this, [this] { moveSelection(-1); });
    connect(m_moveDown, &QAction::triggered, this, [this] { moveSelection(1); });
    connect(m_pauseAll, &QAction::triggered, m_manager, &DownloadManager::pauseAll);
    connect(m_resumeAll, &QAction::triggered, m_manager, &DownloadManager::resumeAll);

    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({ m_pause, m_resume, m_cancel, m_retry, m_remove });
    toolbar->addSeparator();
    toolbar->addActions({ m_openFolder });
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_filterBox->addItem(tr("All"), int(DownloadFilterModel::Filter::All));
    m_filterBox->addItem(tr("In progress"), int(DownloadFilterModel::Filter::Active));
    m_filterBox->addItem(tr("Paused"), int(DownloadFilterModel::Filter::Paused));
    m_filterBox->addItem(tr("Completed"), int(DownloadFilterModel::Filter::Completed));
    m_filterBox->addItem(tr("Failed or canceled"), int(DownloadFilterModel::Filter::Failed));
    m_filterBox->setToolTip(tr("Show downloads in this state"));
    m_parallel->setRange(1, 16);
    m_parallel->setValue(m_manager->maxParallel());
    m_parallel->setToolTip(tr("How many files download at the same time"));
    m_limit->setRange(0, 100000);
    m_limit->setSuffix(tr(" MB/s"));
    m_limit->setSpecialValueText(tr("No limit"));
    m_limit->setValue(int(m_manager->bandwidthLimit() / (1024 * 1024)));
    m_limit->setToolTip(tr("Bandwidth limit shared by all downloads"));
    connect(m_parallel, &QSpinBox::valueChanged, m_manager, &DownloadManager::setMaxParallel);
    connect(m_limit, &QSpinBox::valueChanged, this,
        [this](int mbps) { m_manager->setBandwidthLimit(qint64(mbps) * 1024 * 1024); });
    toolbar->addWidget(new QLabel(tr("At once:"), toolbar));
    toolbar->addWidget(m_parallel);
    toolbar->addWidget(new QLabel(tr(" Limit:"), toolbar));
    toolbar->addWidget(m_limit);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr("Show:"), toolbar));
    toolbar->addWidget(m_filterBox);
    connect(m_filterBox, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setFilter(DownloadFilterModel::Filter(m_filterBox->currentData().toInt())); });

    m_view->setModel(m_filter);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setItemDelegateForColumn(DownloadListModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->setSortingEnabled(false); // queue order is the order things start in
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(DownloadListModel::NameColumn, QHeaderView::Stretch);
    const QFontMetrics fm = fontMetrics();
    m_view->setColumnWidth(DownloadListModel::ItemColumn, fm.horizontalAdvance(u"S2B_MSIL2A_20240101_T31UFQ"_s));
    m_view->setColumnWidth(DownloadListModel::SizeColumn, fm.horizontalAdvance(u"000.0 MB"_s) + 16);
    m_view->setColumnWidth(DownloadListModel::ProgressColumn, fm.horizontalAdvance(u"100.0 %"_s) * 2 + 24);
    m_view->setColumnWidth(DownloadListModel::SpeedColumn, fm.horizontalAdvance(u"000.0 MB/s"_s) + 16);
    m_view->setColumnWidth(DownloadListModel::EtaColumn, fm.horizontalAdvance(u"00 min 00 s"_s) + 16);
    m_view->setColumnWidth(DownloadListModel::DetailsColumn, fm.averageCharWidth() * 42);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setColumnWidth(DownloadListModel::StateColumn,
        qMax(fm.horizontalAdvance(u"Downloading"_s), fm.horizontalAdvance(u"Not unpacked"_s)) + 24);
    connect(m_view, &QWidget::customContextMenuRequested, this, &DownloadsPanel::showContextMenu);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        const auto state = DownloadState(index.data(DownloadListModel::StateRole).toInt());
        if (state == DownloadState::Completed) {
            openSelectedFile();
        }
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DownloadsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DownloadsPanel::updateActions);

    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolbar);
    layout->addWidget(m_view, 1);
    auto *footer = new QHBoxLayout;
    footer->setContentsMargins(6, 0, 6, 2);
    footer->addWidget(m_totals, 1);
    layout->addLayout(footer);

    // Totals move with progress; refresh them at a human pace rather than per chunk.
    m_totalsTimer->setInterval(500);
    connect(m_totalsTimer, &QTimer::timeout, this, &DownloadsPanel::updateTotals);
    auto kick = [this] {
        if (!m_totalsTimer->isActive()) {
            m_totalsTimer->start();
        }
        updateTotals();
    };
    connect(m_manager, &DownloadManager::taskAdded, this, kick);
    connect(m_manager, &DownloadManager::taskRemoved, this, kick);
    connect(m_manager, &DownloadManager::queueFinished, this, [this](int completed, int failed) {
        m_totalsTimer->stop();
        updateTotals();
        Q_EMIT batchFinished(completed, failed);
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this, kick] {
        if (m_manager->activeCount() > 0) {
            kick();
        }
    });
    updateActions();
    updateTotals();
}

QList<qint64> DownloadsPanel::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex &row : rows) {
        ids.append(row.data(DownloadListModel::IdRole).toLongLong());
    }
    return ids;
}

void DownloadsPanel::updateActions()
{
    bool canPause = false;
    bool canResume = false;
    bool canCancel = false;
    bool canRetry = false;
    bool anyCompleted = false;
    const QList<qint64> ids = selectedIds();
    for (qint64 id : ids) {
        const DownloadState state = m_manager->task(id).state;
        canPause |= state == DownloadState::Queued || state == DownloadState::Connecting
            || state == DownloadState::Downloading;
        canResume |= state == DownloadState::Paused;
        canCancel |= state != DownloadState::Completed && state != DownloadState::Canceled;
        canRetry |= state == DownloadState::Failed || state == DownloadState::Canceled;
        anyCompleted |= state == DownloadState::Completed;
    }
    m_pause->setEnabled(canPause);
    m_resume->setEnabled(canResume);
    m_cancel->setEnabled(canCancel);
    m_retry->setEnabled(canRetry);
    m_remove->setEnabled(!ids.isEmpty());
    m_removeWithFile->setEnabled(!ids.isEmpty());
    m_openFile->setEnabled(ids.size() == 1 && anyCompleted);
    m_openFolder->setEnabled(ids.size() == 1);
    m_copyUrl->setEnabled(!ids.isEmpty());
    m_moveUp->setEnabled(!ids.isEmpty());
    m_moveDown->setEnabled(!ids.isEmpty());
}

void DownloadsPanel::updateTotals()
{
    const QList<qint64> order = m_manager->order();
    if (order.isEmpty()) {
        m_totals->setText(tr("No downloads yet. Select items in the results and choose Download..."));
        return;
    }
    int done = 0;
    int failed = 0;
    for (qint64 id : order) {
        const DownloadState state = m_manager->task(id).state;
        done += state == DownloadState::Completed ? 1 : 0;
        failed += state == DownloadState::Failed ? 1 : 0;
    }
    QStringList parts;
    parts << (order.size() == 1 ? tr("%1 of 1 file done").arg(done)
                                : tr("%1 of %2 files done").arg(done).arg(order.size()));
    if (failed > 0) {
        parts << tr("%1 failed").arg(failed);
    }
    const qint64 total = m_manager->totalBytes();
    const qint64 received = m_manager->receivedBytes();
    if (total > 0) {
        parts << tr("%1 of %2").arg(DownloadListModel::formatBytes(received), DownloadListModel::formatBytes(total));
    }
    const double speed = m_manager->totalSpeed();
    if (m_manager->activeCount() > 0 && speed > 0) {
        parts << DownloadListModel::formatSpeed(speed);
        if (total > received) {
            parts << tr("ETA %1").arg(DownloadListModel::formatEta(qint64((total - received) / speed)));
        }
    }
    m_totals->setText(parts.join(u"  ·  "_s));
}

void DownloadsPanel::showContextMenu(const QPoint &position)
{
    if (!m_view->indexAt(position).isValid()) {
        QMenu menu(this);
        menu.addActions({ m_pauseAll, m_resumeAll });
        menu.exec(m_view->viewport()->mapToGlobal(position));
        return;
    }
    updateActions();
    QMenu menu(this);
    menu.addActions({ m_pause, m_resume, m_cancel, m_retry });
    menu.addSeparator();
    menu.addActions({ m_moveUp, m_moveDown });
    menu.addSeparator();
    menu.addActions({ m_openFile, m_openFolder, m_copyUrl });
    menu.addSeparator();
    menu.addActions({ m_remove, m_removeWithFile });
    menu.addSeparator();
    menu.addActions({ m_pauseAll, m_resumeAll });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void DownloadsPanel::openSelectedFile()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1) {
        return;
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(m_manager->task(ids.first()).targetPath));
}

void DownloadsPanel::openSelectedFolder()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1) {
        return;
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_manager->task(ids.first()).targetPath).absolutePath()));
}

void DownloadsPanel::copySelectedUrls()
{
    QStringList urls;
    const QList<qint64> ids = selectedIds();
    for (qint64 id : ids) {
        urls << m_manager->task(id).url.toString();
    }
    if (!urls.isEmpty()) {
        QApplication::clipboard()->setText(urls.join(u'\n'));
    }
}

void DownloadsPanel::moveSelection(int delta)
{
    const QList<qint64> before = m_manager->order();
    QList<qint64> ids = selectedIds();
    std::sort(ids.begin(), ids.end(), [&before](qint64 a, qint64 b) { return before.indexOf(a) < before.indexOf(b); });
    if (delta > 0) {
        std::reverse(ids.begin(), ids.end());
    }
    for (qint64 id : ids) {
        const QList<qint64> order = m_manager->order();
        const qsizetype at = order.indexOf(id);
        const qsizetype to = std::clamp<qsizetype>(at + delta, 0, order.size() - 1);
        m_manager->move(id, int(to));
    }
}

} // namespace StacScope
