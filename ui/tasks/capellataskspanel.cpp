#include "ui/tasks/capellataskspanel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellasession.h"
#include "ui/common/messagebar.h"
#include "ui/common/panelviews.h"
#include "ui/tasks/capellacollectsmodel.h"
#include "ui/tasks/capellahistorymodel.h"
#include "ui/tasks/capellarequesteditdialog.h"
#include "ui/tasks/capellarequestsmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

CapellaTasksPanel::CapellaTasksPanel(QWidget *parent)
    : QWidget(parent)
    , m_bar(new QHBoxLayout)
    , m_taskingButton(new QToolButton(this))
    , m_repeatButton(new QToolButton(this))
    , m_status(new QComboBox(this))
    , m_forOrg(new QCheckBox(tr("&Whole organization"), this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_cancel(new QPushButton(tr("Cancel..."), this))
    , m_edit(new QPushButton(tr("Edit..."), this))
    , m_approve(new QPushButton(tr("Approve price..."), this))
    , m_downloadRequest(new QPushButton(tr("Download products..."), this))
    , m_downloadCollects(new QPushButton(tr("Download products..."), this))
    , m_requests(new CapellaRequestsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_history(new CapellaHistoryModel(this))
    , m_collects(new CapellaCollectsModel(this))
    , m_requestsView(new QTreeView(this))
    , m_historyView(new QTreeView(this))
    , m_collectsView(new QTreeView(this))
    , m_tabs(new QTabWidget(this))
    , m_detailsTitle(new QLabel(this))
    , m_collectsNote(new QLabel(this))
    , m_messages(new MessageBar(this))
    , m_statusLabel(new QLabel(this))
{
    setObjectName(u"capellaTasksPanel"_s);
    m_taskingButton->setText(tr("Tasking requests"));
    m_repeatButton->setText(tr("Repeat requests"));
    m_taskingButton->setToolTip(tr("One collect in a time window"));
    m_repeatButton->setToolTip(tr("A series of collects at a fixed interval"));
    auto *kinds = new QButtonGroup(this);
    for (QToolButton *button : { m_taskingButton, m_repeatButton }) {
        button->setCheckable(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        kinds->addButton(button);
    }
    kinds->setExclusive(true);
    m_taskingButton->setChecked(true);

    m_status->setObjectName(u"capellaStatus"_s);
    m_status->addItem(tr("Any status"), QString());
    // capella.md §8: the statuses of tasking and repeat requests.
    for (const QString &code : { u"received"_s, u"review"_s, u"submitted"_s, u"accepted"_s, u"active"_s, u"completed"_s,
             u"canceled"_s, u"rejected"_s, u"expired"_s, u"anomaly"_s, u"error"_s, u"failed"_s, u"retrying"_s }) {
        m_status->addItem(CapellaRequestsModel::statusText(code), code);
    }
    m_status->setToolTip(tr("List only the requests whose latest status is this one"));
    m_forOrg->setObjectName(u"capellaForOrganization"_s);
    m_forOrg->setToolTip(tr("The requests of everyone in the account's organization, not only your own (Capella "
                            "allows this to organization managers and administrators)"));
    m_refresh->setToolTip(tr("Ask Capella for the account's requests again"));
    m_cancel->setToolTip(tr("Cancel the selected requests (fees may apply)"));
    m_edit->setToolTip(tr("Change the name, description, custom attributes or product types of the selected "
                          "requests"));
    m_approve->setToolTip(tr("Approve the price Capella quoted for the selected request"));
    m_downloadRequest->setObjectName(u"capellaDownloadRequest"_s);
    m_downloadCollects->setObjectName(u"capellaDownloadCollects"_s);

    m_proxy->setSourceModel(m_requests);
    m_proxy->setSortRole(CapellaRequestsModel::SortRole);
    m_requestsView->setObjectName(u"capellaRequestsView"_s);
    m_requestsView->setModel(m_proxy);
    setUpRowView(m_requestsView, QAbstractItemView::ExtendedSelection);
    m_requestsView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_requestsView->setSortingEnabled(true);
    m_requestsView->sortByColumn(CapellaRequestsModel::Submitted, Qt::DescendingOrder);
    const QFontMetrics fm = fontMetrics();
    const auto width = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 20; };
    m_requestsView->setColumnWidth(CapellaRequestsModel::Name, width(u"Port of Rotterdam, weekly"_s));
    m_requestsView->setColumnWidth(CapellaRequestsModel::Status, width(u"Completed"_s));
    m_requestsView->setColumnWidth(CapellaRequestsModel::Tier, width(u"Standard"_s));
    m_requestsView->setColumnWidth(CapellaRequestsModel::Type, width(u"Spotlight ultra"_s));
    m_requestsView->setColumnWidth(
        CapellaRequestsModel::Window, width(u"2025-06-12 00:00 – 2025-06-22 00:00 UTC+03:00"_s));
    m_requestsView->setColumnWidth(CapellaRequestsModel::Submitted, width(u"2025-06-12 00:00 UTC+03:00"_s));
    m_requestsView->setColumnWidth(CapellaRequestsModel::Cost, costWidth(CapellaRequest::Kind::Tasking));
    m_requestsView->setColumnWidth(CapellaRequestsModel::Approval, width(u"Waiting for your approval"_s));
    // What needs the user first: the approval and the cost beside the status; tier and type last.
    QHeaderView *header = m_requestsView->header();
    header->moveSection(header->visualIndex(CapellaRequestsModel::Approval), 2);
    header->moveSection(header->visualIndex(CapellaRequestsModel::Cost), 3);
    header->moveSection(header->visualIndex(CapellaRequestsModel::Tier), CapellaRequestsModel::ColumnCount - 1);
    header->moveSection(header->visualIndex(CapellaRequestsModel::Type), CapellaRequestsModel::ColumnCount - 1);

    m_historyView->setObjectName(u"capellaHistoryView"_s);
    m_historyView->setModel(m_history);
    setUpRowView(m_historyView, QAbstractItemView::SingleSelection);
    m_historyView->setColumnWidth(CapellaHistoryModel::Time, width(u"2025-06-12 00:00 UTC+03:00"_s));
    m_historyView->setColumnWidth(CapellaHistoryModel::Status, width(u"Completed"_s));
    m_collectsView->setObjectName(u"capellaCollectsView"_s);
    m_collectsView->setModel(m_collects);
    setUpRowView(m_collectsView, QAbstractItemView::ExtendedSelection);
    // Collect ids are UUIDs: their ends tell them apart.
    m_collectsView->setTextElideMode(Qt::ElideMiddle);
    m_collectsView->setColumnWidth(CapellaCollectsModel::Id, fm.horizontalAdvance(u"00000000-0000-00"_s));
    m_collectsView->setColumnWidth(CapellaCollectsModel::Status, width(u"Quality check"_s));
    m_collectsView->setColumnWidth(
        CapellaCollectsModel::Window, width(u"2025-06-12 00:00 – 2025-06-12 00:00 UTC+03:00"_s));
    m_collectsNote->setWordWrap(true);
    m_detailsTitle->setTextFormat(Qt::PlainText);
    QFont bold = m_detailsTitle->font();
    bold.setBold(true);
    m_detailsTitle->setFont(bold);
    m_detailsTitle->setWordWrap(false);
    // A long name must not push the splitter: it is cut, and the tooltip has the id.
    m_detailsTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_statusLabel->setTextFormat(Qt::PlainText);
    buildLayout();

    connect(kinds, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (checked) {
            m_requestsView->setColumnWidth(CapellaRequestsModel::Cost, costWidth(kind()));
            m_requests->setRequests(kind(), {});
            m_messages->hide(); // about the other kind's requests
            m_loadedAccount.clear();
            refresh();
        }
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, &CapellaTasksPanel::refresh);
    connect(m_forOrg, &QCheckBox::toggled, this, &CapellaTasksPanel::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &CapellaTasksPanel::refresh);
    connect(m_cancel, &QPushButton::clicked, this, &CapellaTasksPanel::cancelSelected);
    connect(m_edit, &QPushButton::clicked, this, &CapellaTasksPanel::editSelected);
    connect(m_approve, &QPushButton::clicked, this, &CapellaTasksPanel::approveSelected);
    connect(m_downloadRequest, &QPushButton::clicked, this, &CapellaTasksPanel::downloadRequestProducts);
    connect(m_downloadCollects, &QPushButton::clicked, this, &CapellaTasksPanel::downloadCollectProducts);
    connect(m_collectsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &CapellaTasksPanel::updateActions);
    connect(m_collects, &QAbstractItemModel::modelReset, this, &CapellaTasksPanel::updateActions);
    connect(m_requestsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &CapellaTasksPanel::loadDetails);
    connect(m_requestsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &CapellaTasksPanel::loadDetails);
    connect(m_requestsView, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        if (selectedIds().isEmpty()) {
            return;
        }
        // popup(), not exec(): no nested event loop on the GUI thread.
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        for (QPushButton *button : { m_cancel, m_edit, m_approve, m_downloadRequest }) {
            menu->addAction(button->text(), button, &QPushButton::click)->setEnabled(button->isEnabled());
        }
        menu->popup(m_requestsView->viewport()->mapToGlobal(position));
    });
    loadDetails();
    updateActions();
}

CapellaTasksPanel::~CapellaTasksPanel()
{
    // The jobs belong to the account's client; stop what only this panel wanted. A cancellation,
    // an update or an approval already sent runs to its end.
    stopListing();
    if (m_collectsJob) {
        m_collectsJob->disconnect(this);
        m_collectsJob->cancel();
    }
    if (m_actionJob) {
        m_actionJob->disconnect(this);
    }
    cancelDownload();
}

void CapellaTasksPanel::buildLayout()
{
    // One bar on top and the two panes side by side, as the Satellogic page: the dock shares the
    // bottom of the window with Results and Downloads and must not make the window taller.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *kinds = new QHBoxLayout;
    kinds->setSpacing(0);
    kinds->addWidget(m_taskingButton);
    kinds->addWidget(m_repeatButton);
    auto *statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_status);
    m_bar->addSpacing(8);
    m_bar->addLayout(kinds);
    m_bar->addSpacing(8);
    m_bar->addWidget(statusLabel);
    m_bar->addWidget(m_status);
    m_bar->addWidget(m_forOrg);
    m_bar->addWidget(m_refresh);
    m_bar->addSpacing(8);
    m_bar->addWidget(m_statusLabel, 1);
    m_bar->addWidget(m_approve);
    m_bar->addWidget(m_edit);
    m_bar->addWidget(m_cancel);
    m_bar->addWidget(m_downloadRequest);
    layout->addLayout(m_bar);
    layout->addWidget(m_messages);

    auto *collects = new QWidget(this);
    auto *collectsLayout = new QVBoxLayout(collects);
    collectsLayout->setContentsMargins(0, 0, 0, 0);
    collectsLayout->setSpacing(2);
    auto *collectsBar = new QHBoxLayout;
    collectsBar->addWidget(m_collectsNote, 1);
    collectsBar->addStretch();
    collectsBar->addWidget(m_downloadCollects);
    collectsLayout->addLayout(collectsBar);
    collectsLayout->addWidget(m_collectsView, 1);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_historyView, tr("Status history"));
    m_tabs->addTab(collects, tr("Collects"));
    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->setSpacing(2);
    detailsLayout->addWidget(m_detailsTitle);
    detailsLayout->addWidget(m_tabs, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_requestsView);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 1100, 490 });
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);
}

int CapellaTasksPanel::costWidth(CapellaRequest::Kind kind) const
{
    // A repeat request's price is per image.
    const QFontMetrics fm = fontMetrics();
    const int number = std::max(fm.horizontalAdvance(u"$30,000.00"_s), fm.horizontalAdvance(tr("not priced yet")));
    return 20 + (kind == CapellaRequest::Kind::Repeat ? fm.horizontalAdvance(u"$30,000.00 per image"_s) : number);
}

CapellaRequest::Kind CapellaTasksPanel::kind() const
{
    return m_repeatButton->isChecked() ? CapellaRequest::Kind::Repeat : CapellaRequest::Kind::Tasking;
}

void CapellaTasksPanel::setKind(CapellaRequest::Kind kind)
{
    (kind == CapellaRequest::Kind::Repeat ? m_repeatButton : m_taskingButton)->setChecked(true);
}

QString CapellaTasksPanel::kindText(int count) const
{
    if (kind() == CapellaRequest::Kind::Repeat) {
        return count == 1 ? tr("1 repeat request") : tr("%1 repeat requests").arg(count);
    }
    return count == 1 ? tr("1 tasking request") : tr("%1 tasking requests").arg(count);
}

bool CapellaTasksPanel::isLoading() const
{
    return m_waitingForUser || m_listJob;
}

CapellaSession *CapellaTasksPanel::session() const
{
    return m_session;
}

void CapellaTasksPanel::setSession(CapellaSession *session)
{
    if (session == m_session) {
        return;
    }
    stopListing();
    cancelDownload();
    ++m_generation;
    m_session = session;
    m_loadedAccount.clear();
    m_requests->clear();
    m_messages->hide();
    m_statusLabel->clear();
    if (!session) {
        updateActions();
        return;
    }
    // An account that is not signed in yet is listed on demand; one that is, at once.
    if (session->state() == AccountSession::State::Ready) {
        refresh();
    } else {
        onSessionState();
    }
}

void CapellaTasksPanel::onSessionState()
{
    CapellaSession *s = m_session;
    if (!s) {
        return;
    }
    const QString accountId = s->account().id;
    switch (s->state()) {
    case AccountSession::State::Ready:
        if (m_loadedAccount != accountId && !isLoading()) {
            refresh();
        }
        break;
    case AccountSession::State::Refused:
        m_messages->showMessage(
            MessageBar::Level::Error, tr("%1 cannot sign in: %2").arg(s->account().name, s->stateText()));
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
        break;
    case AccountSession::State::Unchecked:
        m_statusLabel->setText(tr("Not signed in yet: Refresh lists the requests."));
        break;
    default:
        break;
    }
    updateActions();
}

void CapellaTasksPanel::stopListing()
{
    if (m_listJob) {
        m_listJob->disconnect(this);
        m_listJob->cancel();
    }
    m_listJob = nullptr;
    m_waitingForUser = false;
}

void CapellaTasksPanel::refresh()
{
    CapellaSession *s = m_session;
    if (!s) {
        return;
    }
    stopListing();
    const int generation = ++m_generation;
    const CapellaRequest::Kind wanted = kind();
    m_waitingForUser = true;
    m_statusLabel->setText(wanted == CapellaRequest::Kind::Repeat
            ? tr("Listing the repeat requests of %1...").arg(s->account().name)
            : tr("Listing the tasking requests of %1...").arg(s->account().name));
    updateActions();
    // Request searches name the user (or the organization), which GET /user tells.
    s->withUser(this, [this, wanted, generation](const NetworkError &error) {
        if (generation != m_generation) {
            return;
        }
        m_waitingForUser = false;
        if (error.isError()) {
            m_statusLabel->clear();
            showProblem(error, tr("The requests could not be listed"));
            m_listingProblemShown = true;
            updateActions();
            return;
        }
        list(wanted, generation);
    });
}

void CapellaTasksPanel::list(CapellaRequest::Kind kind, int generation)
{
    CapellaSession *s = m_session;
    if (!s) {
        updateActions();
        return;
    }
    CapellaApi::RequestFilter filter;
    filter.status = m_status->currentData().toString();
    filter.forOrganization = m_forOrg->isChecked();
    auto *job = new CapellaRequestSearchJob(s->client(), kind,
        CapellaApi::requestSearchBody(kind, filter, s->userId(), s->organizationId()), CapellaApi::RequestPageSize,
        s->client());
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job, generation] {
        if (generation == m_generation) {
            onListed(job);
        }
    });
    m_listJob = job;
    updateActions();
}

void CapellaTasksPanel::onListed(CapellaRequestSearchJob *job)
{
    m_listJob = nullptr;
    if (!job->isOk()) {
        m_statusLabel->clear();
        showProblem(job->error(), tr("The requests could not be listed"));
        m_listingProblemShown = true;
        updateActions();
        return;
    }
    const QStringList selected = selectedIds();
    const QList<CapellaRequest> requests = job->requests();
    m_requests->setRequests(job->kind(), requests);
    m_loadedAccount = m_session ? m_session->account().id : QString();
    int waiting = 0;
    for (const CapellaRequest &r : requests) {
        waiting += CapellaRequestsModel::awaitsApproval(r) ? 1 : 0;
    }
    QString text = kindText(int(requests.size()));
    if (waiting > 0) {
        text += u", "_s
            + (waiting == 1 ? tr("1 waits for your approval") : tr("%1 wait for your approval").arg(waiting));
    }
    m_statusLabel->setText(text);
    if (m_listingProblemShown) {
        m_messages->hide();
        m_listingProblemShown = false;
    }
    // A refresh keeps the selection (and its details up to date).
    selectIds(selected);
    loadDetails();
    updateActions();
    Q_EMIT requestsLoaded();
}

QStringList CapellaTasksPanel::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_requestsView->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        ids.append(row.data(CapellaRequestsModel::RequestIdRole).toString());
    }
    return ids;
}

void CapellaTasksPanel::selectIds(const QStringList &ids)
{
    QItemSelection selection;
    QModelIndex current;
    for (const QString &id : ids) {
        const int row = m_requests->rowOf(id);
        if (row >= 0) {
            const QModelIndex index = m_proxy->mapFromSource(m_requests->index(row, 0));
            selection.select(index, index);
            current = current.isValid() ? current : index;
        }
    }
    if (current.isValid()) {
        m_requestsView->selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    }
    m_requestsView->selectionModel()->select(
        selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void CapellaTasksPanel::loadDetails()
{
    // The request the details show: the current row when it is selected, else the first selected.
    const QModelIndex current = m_requestsView->selectionModel()->currentIndex();
    const QModelIndexList rows = m_requestsView->selectionModel()->selectedRows();
    QString id;
    if (current.isValid() && m_requestsView->selectionModel()->isRowSelected(current.row(), current.parent())) {
        id = current.data(CapellaRequestsModel::RequestIdRole).toString();
    } else if (!rows.isEmpty()) {
        id = rows.first().data(CapellaRequestsModel::RequestIdRole).toString();
    }
    const int row = m_requests->rowOf(id);
    if (row < 0) {
        m_history->clear();
        m_collects->clear();
        if (m_collectsJob) {
            m_collectsJob->disconnect(this);
            m_collectsJob->cancel();
        }
        m_detailsTitle->setText(tr("Select a request to see its status history."));
        m_collectsNote->setText(tr("Select a tasking request to see its collects."));
        m_tabs->setTabText(1, tr("Collects"));
        updateActions();
        return;
    }
    const CapellaRequest &r = m_requests->request(row);
    m_history->setHistory(r.id, r.history);
    const QString name = r.name.isEmpty() ? r.id : r.name;
    m_detailsTitle->setText(rows.size() > 1 ? tr("%1 (one of %2 selected)").arg(name).arg(rows.size()) : name);
    m_detailsTitle->setToolTip(r.id);
    const bool tasking = r.kind == CapellaRequest::Kind::Tasking;
    m_tabs->setTabEnabled(1, tasking);
    m_tabs->setTabToolTip(
        1, tasking ? QString() : tr("A repeat request collects through the tasking requests it creates"));
    if (tasking) {
        loadCollects(r.id);
    } else {
        m_collects->clear();
        m_tabs->setTabText(1, tr("Collects"));
    }
    updateActions();
}

void CapellaTasksPanel::loadCollects(const QString &taskingRequestId)
{
    if (m_collectsJob && m_collectsFor == taskingRequestId) {
        return; // already on its way
    }
    if (m_collectsJob) {
        m_collectsJob->disconnect(this);
        m_collectsJob->cancel();
    }
    CapellaSession *s = m_session;
    if (!s) {
        return;
    }
    if (m_collects->taskingRequestId() != taskingRequestId) {
        m_collects->clear();
        m_tabs->setTabText(1, tr("Collects"));
    }
    m_collectsNote->setText(tr("Loading the collects..."));
    m_collectsNote->show();
    JsonCallJob *job = s->client()->collects(taskingRequestId);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job, taskingRequestId] {
        m_collectsJob = nullptr;
        if (!job->isOk()) {
            m_collectsNote->setText(
                tr("The collects could not be listed: %1")
                    .arg(job->error().message.isEmpty() ? job->error().toString() : job->error().message));
            return;
        }
        const QList<CapellaCollect> collects = CapellaApi::parseCollects(job->array());
        m_collects->setCollects(taskingRequestId, collects);
        m_tabs->setTabText(1, collects.isEmpty() ? tr("Collects") : tr("Collects (%1)").arg(collects.size()));
        m_collectsNote->setText(tr("No collects yet: Capella plans them once the request is accepted."));
        m_collectsNote->setVisible(collects.isEmpty());
        Q_EMIT collectsLoaded();
    });
    m_collectsJob = job;
    m_collectsFor = taskingRequestId;
}

} // namespace StacScope
