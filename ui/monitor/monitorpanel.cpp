#include "ui/monitor/monitorpanel.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include "src/providers/accountmanager.h"
#include "src/tasking/up42poller.h"
#include "ui/common/messagebar.h"
#include "ui/common/panelviews.h"
#include "ui/monitor/monitorfiltermodel.h"
#include "ui/monitor/monitorhistorymodel.h"
#include "ui/monitor/monitormodel.h"
#include "ui/monitor/monitorstatusdelegate.h"

using namespace Qt::StringLiterals;

namespace StacScope {

MonitorPanel::MonitorPanel(RequestMonitor *monitor, AccountManager *accounts, DownloadManager *downloads,
    const QString &downloadFolder, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_accounts(accounts)
    , m_downloads(downloads)
    , m_folder(downloadFolder)
    , m_model(new MonitorModel(monitor, accounts, this))
    , m_filter(new MonitorFilterModel(this))
    , m_history(new MonitorHistoryModel(this))
    , m_providerCombo(new QComboBox(this))
    , m_showCombo(new QComboBox(this))
    , m_pollLabel(new QLabel(this))
    , m_refresh(new QPushButton(tr("Refresh now"), this))
    , m_approve(new QPushButton(tr("Approve cost..."), this))
    , m_reject(new QPushButton(tr("Reject cost..."), this))
    , m_edit(new QPushButton(tr("Edit..."), this))
    , m_cancel(new QPushButton(tr("Cancel..."), this))
    , m_download(new QPushButton(tr("Download deliveries"), this))
    , m_autoDownload(new QCheckBox(tr("Download deliveries automatically"), this))
    , m_showOnMap(new QPushButton(tr("Show on map"), this))
    , m_untrack(new QPushButton(tr("Stop following..."), this))
    , m_messages(new MessageBar(this))
    , m_requestsView(new QTreeView(this))
    , m_historyView(new QTreeView(this))
    , m_detailsTitle(new QLabel(this))
    , m_detailsText(new QLabel(this))
{
    setObjectName(u"monitorPanel"_s);
    m_providerCombo->setObjectName(u"monitorProvider"_s);
    m_providerCombo->addItem(tr("All"), QString());
    m_providerCombo->addItem(tr("Satellogic"), u"satellogic"_s);
    m_providerCombo->addItem(tr("Capella"), u"capella"_s);
    m_providerCombo->setToolTip(tr("Show the requests of one provider only"));
    m_showCombo->setObjectName(u"monitorShow"_s);
    m_showCombo->addItem(tr("All"), QVariant::fromValue(MonitorFilterModel::StatusGroup::All));
    m_showCombo->addItem(tr("Active"), QVariant::fromValue(MonitorFilterModel::StatusGroup::Active));
    m_showCombo->addItem(tr("Needs action"), QVariant::fromValue(MonitorFilterModel::StatusGroup::NeedsAction));
    m_showCombo->addItem(tr("Finished"), QVariant::fromValue(MonitorFilterModel::StatusGroup::Finished));
    m_showCombo->setToolTip(tr("Active: not finished yet. Needs action: the provider waits for you (a price to "
                               "approve). Finished: completed, failed, rejected, canceled or expired."));

    m_refresh->setToolTip(tr("Ask the provider for the selected requests now"));
    m_approve->setToolTip(tr("Approve the price Capella quoted for the selected request"));
    m_reject->setToolTip(tr("Reject the price Capella quoted: the request ends without a collect"));
    m_edit->setToolTip(tr("Change the name, description, custom attributes or product types of the selected Capella "
                          "request"));
    m_cancel->setToolTip(tr("Cancel the selected request at its provider (fees may apply)"));
    m_download->setToolTip(tr("Queue the selected request's delivered files in Downloads"));
    m_autoDownload->setObjectName(u"monitorAutoDownload"_s);
    m_autoDownload->setToolTip(tr("Queue the selected request's files in Downloads as soon as they are delivered"));
    m_showOnMap->setToolTip(tr("Show the selected request's target on the map"));
    m_untrack->setToolTip(tr("Stop following the selected requests (nothing is sent to the provider)"));

    m_filter->setSourceModel(m_model);
    m_requestsView->setObjectName(u"monitorRequestsView"_s);
    m_requestsView->setModel(m_filter);
    setUpRowView(m_requestsView, QAbstractItemView::ExtendedSelection);
    m_requestsView->setItemDelegateForColumn(MonitorModel::Status, new MonitorStatusDelegate(m_requestsView));
    m_requestsView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_requestsView->setSortingEnabled(true);
    m_requestsView->sortByColumn(MonitorModel::Submitted, Qt::DescendingOrder);
    const QFontMetrics fm = fontMetrics();
    const auto width = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 24; };
    m_requestsView->setColumnWidth(MonitorModel::Provider, width(u"Satellogic"_s));
    m_requestsView->setColumnWidth(MonitorModel::Kind, width(u"Tasking request"_s));
    m_requestsView->setColumnWidth(MonitorModel::Name, width(u"Port of Rotterdam, Maasvlakte"_s));
    m_requestsView->setColumnWidth(MonitorModel::Status, width(u"Ready to download"_s) + fm.height());
    m_requestsView->setColumnWidth(MonitorModel::Window, width(u"2025-06-12 00:00 – 2025-06-22 00:00 UTC+03:00"_s));
    m_requestsView->setColumnWidth(MonitorModel::Submitted, width(u"2025-06-12 00:00 UTC+03:00"_s));
    m_requestsView->setColumnWidth(MonitorModel::Cost, width(u"$3,000.00 per image"_s));
    m_requestsView->setColumnWidth(MonitorModel::NextPoll, width(u"backing off until 14:05"_s));
    m_requestsView->setColumnWidth(MonitorModel::Account, width(u"Capella prod"_s));
    // What a person looks for first: the status, then the money and when it is asked again;
    // the window and the submission time after them.
    QHeaderView *header = m_requestsView->header();
    header->moveSection(header->visualIndex(MonitorModel::Cost), MonitorModel::Status + 1);
    header->moveSection(header->visualIndex(MonitorModel::NextPoll), MonitorModel::Status + 2);

    m_historyView->setObjectName(u"monitorHistoryView"_s);
    m_historyView->setModel(m_history);
    setUpRowView(m_historyView, QAbstractItemView::SingleSelection);
    m_historyView->setColumnWidth(MonitorHistoryModel::Time, width(u"2025-06-12 00:00 UTC+03:00"_s));
    m_historyView->setColumnWidth(MonitorHistoryModel::Status, width(u"In progress"_s));
    m_detailsTitle->setTextFormat(Qt::PlainText);
    QFont bold = m_detailsTitle->font();
    bold.setBold(true);
    m_detailsTitle->setFont(bold);
    // A long name must not push the splitter: it is cut, and the tooltip has the id.
    m_detailsTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_detailsText->setTextFormat(Qt::PlainText);
    m_detailsText->setWordWrap(true);
    m_detailsText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_pollLabel->setObjectName(u"monitorPollLine"_s);
    m_pollLabel->setTextFormat(Qt::PlainText);
    m_pollLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    buildLayout();

    connect(m_providerCombo, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setProvider(m_providerCombo->currentData().toString()); });
    connect(m_showCombo, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setStatusGroup(m_showCombo->currentData().value<MonitorFilterModel::StatusGroup>()); });
    connect(m_refresh, &QPushButton::clicked, this, &MonitorPanel::refreshSelected);
    connect(m_approve, &QPushButton::clicked, this, &MonitorPanel::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &MonitorPanel::rejectSelected);
    connect(m_edit, &QPushButton::clicked, this, &MonitorPanel::editSelected);
    connect(m_cancel, &QPushButton::clicked, this, &MonitorPanel::cancelSelected);
    connect(m_download, &QPushButton::clicked, this, &MonitorPanel::downloadSelected);
    connect(m_autoDownload, &QCheckBox::clicked, this, &MonitorPanel::setAutoDownloadSelected);
    connect(m_showOnMap, &QPushButton::clicked, this, &MonitorPanel::showSelectedOnMap);
    connect(m_untrack, &QPushButton::clicked, this, &MonitorPanel::untrackSelected);

    QItemSelectionModel *selection = m_requestsView->selectionModel();
    connect(selection, &QItemSelectionModel::selectionChanged, this, &MonitorPanel::loadDetails);
    connect(selection, &QItemSelectionModel::currentRowChanged, this, &MonitorPanel::loadDetails);
    // What the monitor says about the shown request: its history and the actions follow.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        if (from.column() != 0 || to.column() != MonitorModel::ColumnCount - 1) {
            return; // the clock of "Next poll"
        }
        bool shown = false;
        const QList<MonitorKey> selected = selectedKeys();
        for (int row = from.row(); row <= to.row() && !shown; ++row) {
            const MonitorKey key = m_model->key(row);
            shown = key == m_history->key() || selected.contains(key);
        }
        if (shown) {
            loadDetails();
        }
        updatePollLineSoon();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MonitorPanel::updatePollLineSoon);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        loadDetails();
        updatePollLineSoon();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        loadDetails();
        updatePollLineSoon();
    });
    if (monitor) {
        connect(monitor, &RequestMonitor::pollRoundFinished, this, &MonitorPanel::onRoundFinished);
        connect(monitor, &RequestMonitor::onlineChanged, this, [this] {
            updatePollLine();
            updateActions();
        });
        connect(monitor, &RequestMonitor::deliveriesFetched, this, &MonitorPanel::onDeliveriesFetched);
    }
    if (accounts) {
        connect(accounts, &AccountManager::sessionsChanged, this, &MonitorPanel::updateActions);
    }
    connect(m_requestsView, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        if (selectedKeys().isEmpty()) {
            return;
        }
        // popup(), not exec(): no nested event loop on the GUI thread.
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        const auto add = [menu](QPushButton *button) {
            menu->addAction(button->text(), button, &QPushButton::click)->setEnabled(button->isEnabled());
        };
        add(m_refresh);
        menu->addSeparator();
        add(m_approve);
        add(m_reject);
        add(m_edit);
        add(m_cancel);
        menu->addSeparator();
        add(m_download);
        QAction *automatic = menu->addAction(m_autoDownload->text());
        automatic->setCheckable(true);
        automatic->setChecked(m_autoDownload->isChecked());
        automatic->setEnabled(m_autoDownload->isEnabled());
        connect(automatic, &QAction::triggered, this, &MonitorPanel::setAutoDownloadSelected);
        menu->addSeparator();
        add(m_showOnMap);
        add(m_untrack);
        menu->popup(m_requestsView->viewport()->mapToGlobal(position));
    });
    loadDetails();
    updatePollLine();
}

MonitorPanel::~MonitorPanel()
{
    // What was sent runs to its end at the provider; only its answer is no longer shown.
    if (m_actionJob) {
        m_actionJob->disconnect(this);
    }
}

void MonitorPanel::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *bar = new QHBoxLayout;
    auto *providerLabel = new QLabel(tr("&Provider:"), this);
    providerLabel->setBuddy(m_providerCombo);
    auto *showLabel = new QLabel(tr("&Show:"), this);
    showLabel->setBuddy(m_showCombo);
    bar->addSpacing(4);
    bar->addWidget(providerLabel);
    bar->addWidget(m_providerCombo);
    bar->addSpacing(8);
    bar->addWidget(showLabel);
    bar->addWidget(m_showCombo);
    bar->addSpacing(12);
    bar->addWidget(m_pollLabel, 1);
    layout->addLayout(bar);

    // The actions in the order of a request's life: ask, decide on the price, change, cancel,
    // collect the files, look at it, forget it.
    auto *actions = new QHBoxLayout;
    actions->addSpacing(4);
    actions->addWidget(m_refresh);
    actions->addSpacing(8);
    actions->addWidget(m_approve);
    actions->addWidget(m_reject);
    actions->addWidget(m_edit);
    actions->addWidget(m_cancel);
    actions->addSpacing(8);
    actions->addWidget(m_download);
    actions->addWidget(m_autoDownload);
    actions->addSpacing(8);
    actions->addWidget(m_showOnMap);
    actions->addWidget(m_untrack);
    actions->addStretch(1);
    layout->addLayout(actions);
    layout->addWidget(m_messages);

    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->setSpacing(2);
    detailsLayout->addWidget(m_detailsTitle);
    detailsLayout->addWidget(m_detailsText);
    detailsLayout->addWidget(m_historyView, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_requestsView);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 1200, 480 });
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);
}

QList<MonitorKey> MonitorPanel::selectedKeys() const
{
    QModelIndexList rows = m_requestsView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<MonitorKey> keys;
    for (const QModelIndex &row : std::as_const(rows)) {
        keys.append(row.data(MonitorModel::KeyRole).value<MonitorKey>());
    }
    return keys;
}

void MonitorPanel::selectKeys(const QList<MonitorKey> &keys)
{
    QItemSelection selection;
    QModelIndex current;
    for (const MonitorKey &key : keys) {
        const int row = m_model->rowOf(key);
        const QModelIndex index = row < 0 ? QModelIndex() : m_filter->mapFromSource(m_model->index(row, 0));
        if (index.isValid()) {
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

std::optional<MonitoredRequest> MonitorPanel::selectedRequest() const
{
    const QList<MonitorKey> keys = selectedKeys();
    if (keys.size() != 1 || !m_monitor) {
        return std::nullopt;
    }
    return m_monitor->request(keys.first());
}

void MonitorPanel::loadDetails()
{
    // The request the details show: the current row when it is selected, else the first selected.
    QItemSelectionModel *selection = m_requestsView->selectionModel();
    const QModelIndex current = selection->currentIndex();
    const QModelIndexList rows = selection->selectedRows();
    MonitorKey key;
    if (current.isValid() && selection->isRowSelected(current.row(), current.parent())) {
        key = current.data(MonitorModel::KeyRole).value<MonitorKey>();
    } else if (!rows.isEmpty()) {
        key = rows.first().data(MonitorModel::KeyRole).value<MonitorKey>();
    }
    const std::optional<MonitoredRequest> r = key.isValid() && m_monitor ? m_monitor->request(key) : std::nullopt;
    if (!r) {
        m_history->clear();
        m_detailsTitle->setText(tr("Select a request to see its status history."));
        m_detailsTitle->setToolTip({});
        m_detailsText->clear();
        m_detailsText->hide();
        updateActions();
        return;
    }
    m_history->setRequest(*r);
    const QString name = r->name.isEmpty() ? r->remoteId : r->name;
    m_detailsTitle->setText(rows.size() > 1 ? tr("%1 (one of %2 selected)").arg(name).arg(rows.size()) : name);
    m_detailsTitle->setToolTip(r->remoteId);
    m_detailsText->setText(detailsLine(*r));
    m_detailsText->show();
    updateActions();
}

QString MonitorPanel::detailsLine(const MonitoredRequest &r) const
{
    QStringList parts;
    parts.append(tr("%1 %2").arg(MonitorModel::providerText(r.providerId), MonitorModel::kindText(r.kind).toLower()));
    parts.append(r.remoteId);
    if (m_monitor && !r.parentId.isEmpty()) {
        const std::optional<MonitorKey> parentKey = m_monitor->parentOf(r);
        const std::optional<MonitoredRequest> parent = parentKey ? m_monitor->request(*parentKey) : std::nullopt;
        parts.append(tr("collect of the repeat request \"%1\"")
                         .arg(parent && !parent->name.isEmpty() ? parent->name : r.parentId));
    }
    if (m_monitor && r.kind == MonitoredKind::CapellaRepeat) {
        const auto n = m_monitor->childrenOf(r.key()).size();
        parts.append(n == 1 ? tr("1 tasking request so far") : tr("%1 tasking requests so far").arg(n));
    }
    if (r.autoDownload) {
        parts.append(tr("deliveries queued automatically"));
    }
    if (!r.queuedDeliveries.isEmpty()) {
        parts.append(r.queuedDeliveries.size() == 1 ? tr("1 delivery handed over")
                                                    : tr("%1 deliveries handed over").arg(r.queuedDeliveries.size()));
    }
    QString line = parts.join(u" · "_s);
    if (up42StudyOpen(r)) {
        const std::optional<Up42FeasibilityStudy> study = Up42Poller::studyOf(r);
        const auto n = study->options.size();
        line += u'\n'
            + (n == 1 ? tr("Feasibility study: 1 option to choose (Choose option...)")
                      : tr("Feasibility study: %1 options to choose (Choose option...)").arg(n));
    }
    if (!r.lastError.isEmpty()) {
        line += u'\n' + tr("Last problem: %1").arg(r.lastError);
    }
    return line;
}

void MonitorPanel::onRoundFinished(const PollRoundStats &stats)
{
    m_lastRound = stats;
    m_lastRoundAt = QDateTime::currentDateTime();
    updatePollLine();
}

void MonitorPanel::updatePollLineSoon()
{
    // A poll round changes many rows at once: the counts are taken once, after it.
    if (!m_pollLinePending) {
        m_pollLinePending = true;
        QTimer::singleShot(0, this, &MonitorPanel::updatePollLine);
    }
}

void MonitorPanel::updatePollLine()
{
    m_pollLinePending = false;
    QString state;
    if (!m_monitor) {
        state = tr("No monitor.");
    } else if (!m_monitor->isOnline()) {
        state = tr("Offline: polling is paused until the network is back.");
    } else if (!m_monitor->isRunning()) {
        state = tr("Polling is stopped.");
    } else if (!m_lastRound) {
        state = tr("Waiting for the first poll.");
    } else {
        const PollRoundStats &s = *m_lastRound;
        state = tr("Last poll at %1: %2 asked in %3.")
                    .arg(m_lastRoundAt.toString(u"HH:mm:ss"_s),
                        s.requestsPolled == 1 ? tr("1 request") : tr("%1 requests").arg(s.requestsPolled),
                        s.calls == 1 ? tr("1 call") : tr("%1 calls").arg(s.calls));
        if (s.changed > 0) {
            state += u' ' + (s.changed == 1 ? tr("1 change.") : tr("%1 changes.").arg(s.changed));
        }
        if (s.failedBatches > 0) {
            state += u' '
                + (s.failedBatches == 1 ? tr("1 account did not answer.")
                                        : tr("%1 accounts did not answer.").arg(s.failedBatches));
        }
    }
    int active = 0;
    int waiting = 0;
    const int all = m_model->rowCount();
    for (int row = 0; row < all; ++row) {
        const MonitoredRequest *r = m_model->request(row);
        active += r && !r->isFinal ? 1 : 0;
        waiting += r && r->needsAction ? 1 : 0;
    }
    QString counts = all == 1 ? tr("1 request followed") : tr("%1 requests followed").arg(all);
    counts += tr(", %1 active").arg(active);
    if (waiting > 0) {
        counts += waiting == 1 ? tr(", 1 waits for you") : tr(", %1 wait for you").arg(waiting);
    }
    m_pollLabel->setText(counts + u" — "_s + state);
}

} // namespace StacScope
