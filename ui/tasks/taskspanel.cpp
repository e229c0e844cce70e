#include "ui/tasks/taskspanel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicclient.h"
#include "src/providers/satellogic/satellogicsession.h"
#include "ui/accounts/accountcombo.h"
#include "ui/common/messagebar.h"
#include "ui/common/panelviews.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/tasks/capellataskspanel.h"
#include "ui/tasks/capturesmodel.h"
#include "ui/tasks/tasksmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

void setUpView(QTreeView *view)
{
    setUpRowView(view, QAbstractItemView::SingleSelection);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
}

} // namespace

TasksPanel::TasksPanel(AccountManager *accounts, DownloadManager *downloads, QWidget *parent)
    : QWidget(parent)
    , m_accounts(accounts)
    , m_downloads(downloads)
    , m_account(new AccountCombo(
          accounts,
          [](AccountSession *s) {
              return (qobject_cast<SatellogicSession *>(s) || qobject_cast<CapellaSession *>(s))
                  && s->provider()->capabilities().testFlag(ProviderCapability::Tasking);
          },
          this))
    , m_status(new QComboBox(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_downloadTask(new QPushButton(tr("Download delivery"), this))
    , m_downloadCapture(new QPushButton(tr("Download capture"), this))
    , m_tasks(new TasksModel(this))
    , m_tasksProxy(new QSortFilterProxyModel(this))
    , m_captures(new CapturesModel(this))
    , m_tasksView(new QTreeView(this))
    , m_capturesView(new QTreeView(this))
    , m_capturesTitle(new QLabel(this))
    , m_messages(new MessageBar(this))
    , m_statusLabel(new QLabel(this))
    , m_directoryLabel(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_accountBox(new QWidget(this))
    , m_satellogicBar(new QHBoxLayout)
    , m_capella(new CapellaTasksPanel(this))
{
    setObjectName(u"tasksPanel"_s);
    m_account->setObjectName(u"tasksAccount"_s);
    m_account->setToolTip(tr("Whose tasks or requests to list"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString &code :
        { u"received"_s, u"in_progress"_s, u"completed"_s, u"failed"_s, u"rejected"_s, u"canceled"_s }) {
        m_status->addItem(TasksModel::statusText(code), code);
    }
    m_status->setToolTip(tr("List only the tasks in this state"));
    m_refresh->setToolTip(tr("Ask the provider for the account's tasks again"));
    m_downloadTask->setToolTip(tr("Download every published capture of the selected task"));
    m_downloadCapture->setToolTip(tr("Download the selected capture's scenes"));

    m_tasksProxy->setSourceModel(m_tasks);
    m_tasksProxy->setSortRole(TasksModel::SortRole);
    m_tasksView->setObjectName(u"tasksView"_s);
    m_tasksView->setModel(m_tasksProxy);
    setUpView(m_tasksView);
    m_tasksView->setSortingEnabled(true);
    m_tasksView->sortByColumn(TasksModel::Created, Qt::DescendingOrder);
    const QFontMetrics fm = fontMetrics();
    m_tasksView->setColumnWidth(TasksModel::Id, fm.horizontalAdvance(u"00000000"_s) + 16);
    m_tasksView->setColumnWidth(TasksModel::Name, fm.horizontalAdvance(u"Port of Valencia, weekly"_s) + 16);
    m_tasksView->setColumnWidth(TasksModel::Project, fm.horizontalAdvance(u"Infrastructure"_s) + 16);
    m_tasksView->setColumnWidth(TasksModel::Product, fm.horizontalAdvance(u"Product"_s) + 20);
    m_tasksView->setColumnWidth(TasksModel::Status, fm.horizontalAdvance(u"In progress"_s) + 20);
    m_tasksView->setColumnWidth(
        TasksModel::Window, fm.horizontalAdvance(u"2025-06-12 00:00 – 2025-06-22 00:00 UTC+03:00"_s) + 16);

    m_capturesView->setObjectName(u"capturesView"_s);
    m_capturesView->setModel(m_captures);
    setUpView(m_capturesView);
    // Capture ids are UUIDs: their ends tell them apart.
    m_capturesView->setTextElideMode(Qt::ElideMiddle);
    m_capturesView->setColumnWidth(CapturesModel::Id, fm.horizontalAdvance(u"00000000-0000-00"_s));
    m_capturesView->setColumnWidth(CapturesModel::Start, fm.horizontalAdvance(u"2025-06-12 00:00 UTC+03:00"_s) + 16);
    m_capturesView->setColumnWidth(CapturesModel::Satellite, fm.horizontalAdvance(u"newsat15"_s) + 16);

    // One bar on top and the two tables side by side: the dock shares the bottom of the window
    // with Results and Downloads and must not make the window taller. Each provider has its own
    // page; the account chooser moves to the bar of the page shown.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_pages);
    auto *satellogicPage = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(satellogicPage);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(4);
    m_pages->addWidget(satellogicPage);
    m_pages->addWidget(m_capella);
    auto *accountLayout = new QHBoxLayout(m_accountBox);
    accountLayout->setContentsMargins(0, 0, 0, 0);
    auto *accountLabel = new QLabel(tr("&Account:"), m_accountBox);
    accountLabel->setBuddy(m_account);
    accountLayout->addWidget(accountLabel);
    accountLayout->addWidget(m_account);
    auto *top = m_satellogicBar;
    auto *statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_status);
    auto *change = new QPushButton(tr("Change..."), this);
    change->setToolTip(tr("Choose the folder deliveries are saved in"));
    m_directoryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_accountBox);
    top->addSpacing(8);
    top->addWidget(statusLabel);
    top->addWidget(m_status);
    top->addWidget(m_refresh);
    top->addSpacing(8);
    top->addWidget(m_statusLabel, 1);
    top->addWidget(m_directoryLabel);
    top->addWidget(change);
    top->addSpacing(8);
    top->addWidget(m_downloadTask);
    pageLayout->addLayout(top);
    pageLayout->addWidget(m_messages);

    auto *captures = new QWidget(this);
    auto *capturesLayout = new QVBoxLayout(captures);
    capturesLayout->setContentsMargins(0, 0, 0, 0);
    capturesLayout->setSpacing(2);
    auto *capturesBar = new QHBoxLayout;
    capturesBar->addWidget(m_capturesTitle, 1);
    capturesBar->addWidget(m_downloadCapture);
    capturesLayout->addLayout(capturesBar);
    capturesLayout->addWidget(m_capturesView, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tasksView);
    splitter->addWidget(captures);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 1030, 560 });
    splitter->setChildrenCollapsible(false);
    pageLayout->addWidget(splitter, 1);

    connect(m_account, &QComboBox::currentIndexChanged, this, &TasksPanel::onAccountChosen);
    connect(m_capella, &CapellaTasksPanel::openAccountRequested, this, &TasksPanel::openAccountRequested);
    m_capella->setDownloadManager(downloads);
    connect(m_status, &QComboBox::currentIndexChanged, this, &TasksPanel::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &TasksPanel::refresh);
    connect(m_downloadTask, &QPushButton::clicked, this, &TasksPanel::downloadTask);
    connect(m_downloadCapture, &QPushButton::clicked, this, &TasksPanel::downloadCapture);
    connect(m_tasksView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TasksPanel::loadCaptures);
    connect(m_capturesView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TasksPanel::updateActions);
    connect(m_tasksView, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        if (selectedTaskId() <= 0) {
            return;
        }
        // popup(), not exec(): no nested event loop on the GUI thread.
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(tr("Download delivery"), this, &TasksPanel::downloadTask)
            ->setEnabled(m_downloadTask->isEnabled());
        menu->popup(m_tasksView->viewport()->mapToGlobal(position));
    });
    connect(m_capturesView, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        if (selectedCaptureId().isEmpty()) {
            return;
        }
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(tr("Download capture"), this, &TasksPanel::downloadCapture)
            ->setEnabled(m_downloadCapture->isEnabled());
        menu->popup(m_capturesView->viewport()->mapToGlobal(position));
    });
    connect(change, &QPushButton::clicked, this, [this] {
        QString start = m_directory;
        if (start.isEmpty()) {
            start = DownloadDialog::defaultDirectory();
            QDir().mkpath(start); // so that the dialog can choose it
        }
        auto *dialog = new QFileDialog(this, tr("Folder for deliveries"), start);
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &directory) {
            setDirectory(directory);
            DownloadDialog::rememberDirectory(directory);
        });
        dialog->open();
    });
    if (m_accounts) {
        connect(m_accounts, &AccountManager::sessionsChanged, this, &TasksPanel::rebuildAccounts);
        connect(m_accounts, &AccountManager::sessionStateChanged, this, &TasksPanel::onSessionState);
    }
    rebuildAccounts();
    updateDirectoryLabel();
    updateActions();
}

TasksPanel::~TasksPanel()
{
    // The jobs belong to the sessions; stop what only this panel wanted.
    for (StacJob *job : { static_cast<StacJob *>(m_tasksJob.data()), static_cast<StacJob *>(m_capturesJob.data()) }) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

bool TasksPanel::isLoading() const
{
    return !m_tasksJob.isNull() || m_capella->isLoading();
}

QString TasksPanel::currentAccountId() const
{
    return m_account->currentAccountId();
}

void TasksPanel::selectAccount(const QString &accountId)
{
    m_account->selectAccount(accountId);
}

SatellogicSession *TasksPanel::session() const
{
    return m_accounts ? qobject_cast<SatellogicSession *>(m_accounts->session(currentAccountId())) : nullptr;
}

CapellaSession *TasksPanel::capellaSession() const
{
    return m_accounts ? qobject_cast<CapellaSession *>(m_accounts->session(currentAccountId())) : nullptr;
}

void TasksPanel::showPage(QWidget *page)
{
    if (m_pages->currentWidget() == page) {
        return;
    }
    QHBoxLayout *to = page == m_capella ? m_capella->barLayout() : m_satellogicBar;
    QHBoxLayout *from = page == m_capella ? m_satellogicBar : m_capella->barLayout();
    from->removeWidget(m_accountBox);
    to->insertWidget(0, m_accountBox);
    m_pages->setCurrentWidget(page);
}

void TasksPanel::rebuildAccounts()
{
    if (m_account->rebuild() || m_loadedAccount.isEmpty()) {
        onAccountChosen();
    } else {
        updateActions();
    }
}

void TasksPanel::onAccountChosen()
{
    if (m_tasksJob) {
        m_tasksJob->disconnect(this);
        m_tasksJob->cancel();
    }
    m_tasks->clear();
    m_captures->clear();
    m_loadedAccount.clear();
    m_messages->hide();
    if (CapellaSession *capella = capellaSession()) {
        showPage(m_capella);
        m_capella->setSession(capella);
        updateActions();
        return;
    }
    showPage(m_pages->widget(0));
    m_capella->setSession(nullptr);
    SatellogicSession *s = session();
    if (!s) {
        m_statusLabel->setText(m_account->count() == 0
                ? tr("No account can task: add a Satellogic or Capella account in Settings > Accounts.")
                : QString());
        updateActions();
        return;
    }
    // An account that is not signed in yet is listed on demand; one that is, at once.
    if (s->state() == AccountSession::State::Ready) {
        refresh();
    } else {
        onSessionState(s->account().id);
    }
}

void TasksPanel::onSessionState(const QString &accountId)
{
    if (CapellaSession *capella = capellaSession()) {
        if (accountId == capella->account().id) {
            m_capella->onSessionState();
        }
        return;
    }
    SatellogicSession *s = session();
    if (!s || accountId != s->account().id) {
        return;
    }
    switch (s->state()) {
    case AccountSession::State::Ready:
        if (m_loadedAccount != accountId && !m_tasksJob) {
            refresh();
        }
        break;
    case AccountSession::State::NeedsChoice:
        m_messages->showMessage(MessageBar::Level::Warning,
            tr("%1 needs a contract before its tasks can be listed.").arg(s->account().name), s->stateText());
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
        break;
    case AccountSession::State::Refused:
        m_messages->showMessage(
            MessageBar::Level::Error, tr("%1 cannot sign in: %2").arg(s->account().name, s->stateText()));
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
        break;
    case AccountSession::State::Unchecked:
        m_statusLabel->setText(tr("Not signed in yet: Refresh lists the tasks."));
        break;
    default:
        break;
    }
    updateActions();
}

void TasksPanel::refresh()
{
    if (capellaSession()) {
        m_capella->refresh();
        return;
    }
    SatellogicSession *s = session();
    if (!s) {
        return;
    }
    if (m_tasksJob) {
        m_tasksJob->disconnect(this);
        m_tasksJob->cancel();
    }
    SatellogicTaskFilter filter;
    filter.status = m_status->currentData().toString();
    OffsetPagedJob *job = s->client()->tasks(filter);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, &TasksPanel::onTasksFinished);
    m_tasksJob = job;
    m_statusLabel->setText(tr("Listing the tasks of %1...").arg(s->account().name));
    updateActions();
}

void TasksPanel::onTasksFinished()
{
    OffsetPagedJob *job = m_tasksJob;
    m_tasksJob = nullptr;
    if (!job) {
        return;
    }
    const qint64 selected = selectedTaskId();
    if (!job->isOk()) {
        m_statusLabel->clear();
        showProblem(job->error(), tr("The tasks could not be listed"));
        updateActions();
        return;
    }
    QList<SatellogicTask> tasks;
    QStringList problems;
    for (const QJsonValue &v : job->results()) {
        QString problem;
        if (const auto task = SatellogicApi::parseTask(v.toObject(), &problem)) {
            tasks.append(*task);
        } else {
            problems.append(problem);
        }
    }
    m_loadedAccount = currentAccountId();
    m_tasks->setTasks(tasks);
    m_statusLabel->setText(tasks.size() == 1 ? tr("1 task") : tr("%1 tasks").arg(tasks.size()));
    if (!problems.isEmpty()) {
        m_messages->showMessage(MessageBar::Level::Warning,
            problems.size() == 1 ? tr("1 task could not be read and is not listed.")
                                 : tr("%1 tasks could not be read and are not listed.").arg(problems.size()),
            problems.join(u'\n'));
    } else if (m_messages->level() != MessageBar::Level::Info) {
        m_messages->hide();
    }
    // A refresh keeps the selected task (and its captures up to date).
    if (selected > 0) {
        const int row = m_tasks->rowOf(selected);
        if (row >= 0) {
            const QModelIndex index = m_tasksProxy->mapFromSource(m_tasks->index(row, 0));
            m_tasksView->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            loadCaptures();
        }
    }
    updateActions();
    Q_EMIT tasksLoaded();
}

qint64 TasksPanel::selectedTaskId() const
{
    const QModelIndexList rows = m_tasksView->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(TasksModel::TaskIdRole).toLongLong();
}

QString TasksPanel::selectedCaptureId() const
{
    const QModelIndexList rows = m_capturesView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(CapturesModel::CaptureIdRole).toString();
}

void TasksPanel::loadCaptures()
{
    if (m_capturesJob) {
        m_capturesJob->disconnect(this);
        m_capturesJob->cancel();
    }
    const qint64 taskId = selectedTaskId();
    SatellogicSession *s = session();
    if (taskId <= 0 || !s) {
        m_captures->clear();
        m_capturesTitle->setText(tr("Select a task to see its captures."));
        updateActions();
        return;
    }
    if (m_captures->taskId() != taskId) {
        m_captures->clear();
    }
    m_capturesTitle->setText(tr("Captures of task %1 (loading...)").arg(taskId));
    OffsetPagedJob *job = s->client()->captures(taskId);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job, taskId] {
        m_capturesJob = nullptr;
        if (!job->isOk()) {
            m_capturesTitle->setText(tr("Captures of task %1").arg(taskId));
            showProblem(job->error(), tr("The captures of task %1 could not be listed").arg(taskId));
            updateActions();
            return;
        }
        QList<SatellogicCapture> captures;
        for (const QJsonValue &v : job->results()) {
            if (const auto capture = SatellogicApi::parseCapture(v.toObject())) {
                captures.append(*capture);
            }
        }
        m_captures->setCaptures(taskId, captures);
        m_capturesTitle->setText(captures.isEmpty() ? tr("Task %1 has no captures yet.").arg(taskId)
                                                    : tr("Captures of task %1: %2 of %3 published")
                                                          .arg(taskId)
                                                          .arg(m_captures->publishedCount())
                                                          .arg(captures.size()));
        updateActions();
        Q_EMIT capturesLoaded();
    });
    m_capturesJob = job;
    updateActions();
}

void TasksPanel::showProblem(const NetworkError &error, const QString &what)
{
    if (error.kind == NetworkError::Kind::Canceled) {
        return;
    }
    m_messages->showMessage(
        MessageBar::Level::Error, tr("%1: %2").arg(what, SatellogicApi::explain(error)), error.url.toString());
    if (error.isCredentialProblem() || SatellogicApi::isContractProblem(error)) {
        const QString accountId = currentAccountId();
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
    }
}

void TasksPanel::updateActions()
{
    const bool haveSession = session() != nullptr;
    m_refresh->setEnabled(haveSession && !m_tasksJob);
    m_status->setEnabled(haveSession);
    const bool canQueue = haveSession && m_downloads && !m_deliveryJob;
    m_downloadTask->setEnabled(canQueue && selectedTaskId() > 0);
    const QModelIndexList captures = m_capturesView->selectionModel()->selectedRows();
    m_downloadCapture->setEnabled(
        canQueue && !captures.isEmpty() && captures.first().data(CapturesModel::PublishedRole).toBool());
    if (selectedTaskId() <= 0 && m_captures->rowCount() == 0) {
        m_capturesTitle->setText(tr("Select a task to see its captures."));
    }
}

} // namespace StacScope
