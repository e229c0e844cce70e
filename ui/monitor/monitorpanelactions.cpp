// MonitorPanel, part 2: what can be done to the followed requests. Whatever costs money or
// cannot be undone is asked first and sent once; the monitor then polls the request at once.
#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>

#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/satellogic/satellogicclient.h"
#include "src/providers/satellogic/satellogicsession.h"
#include "ui/common/messagebar.h"
#include "ui/common/panelviews.h"
#include "ui/monitor/monitormodel.h"
#include "ui/monitor/monitornotifier.h"
#include "ui/monitor/monitorpanel.h"
#include "ui/orders/orderreviewdialog.h"
#include "ui/tasks/capellarequesteditdialog.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString nameOf(const MonitoredRequest &r)
{
    return r.name.isEmpty() ? r.remoteId : r.name;
}

bool isCapellaRequest(MonitoredKind kind)
{
    return kind == MonitoredKind::CapellaTasking || kind == MonitoredKind::CapellaRepeat;
}

CapellaRequest::Kind capellaKind(MonitoredKind kind)
{
    return kind == MonitoredKind::CapellaRepeat ? CapellaRequest::Kind::Repeat : CapellaRequest::Kind::Tasking;
}

bool hasDeliveries(const MonitoredRequest &r)
{
    if (r.kind == MonitoredKind::Up42Order) {
        return r.status == u"FULFILLED"_s || r.status == u"BEING_FULFILLED"_s; // delivered, or partly
    }
    return r.kind != MonitoredKind::CapellaRepeat && r.status == u"completed"_s;
}

// The request's target or footprint: Capella's Feature geometry, Satellogic's task target.
QJsonObject geometryOf(const MonitoredRequest &r)
{
    QJsonObject g = r.raw.value(u"geometry"_s).toObject();
    if (g.isEmpty()) {
        g = r.raw.value(u"target"_s).toObject();
    }
    return g.value(u"type"_s).isString() ? g : QJsonObject();
}

// Why the provider refused, in words: for Capella its hints first, then its own message and code.
QString refusal(const NetworkError &error, MonitoredKind kind)
{
    QString said = error.message.isEmpty() ? error.toString() : error.message;
    if (kind == MonitoredKind::SatellogicTask) {
        return said;
    }
    const QString code = CapellaApi::errorCode(error);
    if (!code.isEmpty() && code != u"GENERAL_API_ERROR"_s && !said.contains(code)) {
        said += u" ("_s + code + u')';
    }
    const QStringList hints = CapellaApi::explain(error);
    return hints.isEmpty() ? said : MonitorPanel::tr("%1. The provider said: %2").arg(hints.join(u' '), said);
}

} // namespace

bool MonitorPanel::isBusy() const
{
    return m_actionJob || m_confirmation || m_editDialog || m_studyDialog;
}

void MonitorPanel::setDownloadManager(DownloadManager *downloads)
{
    m_downloads = downloads;
    updateActions();
}

void MonitorPanel::ask(const QString &title, const QString &text, const QString &details, const QString &yes,
    const QString &no, std::function<void()> onYes)
{
    m_confirmation = askToConfirm(this, u"monitorConfirmation"_s, title, text, details, yes, no,
        [this, onYes = std::move(onYes)](bool confirmed) {
            m_confirmation = nullptr;
            if (confirmed) {
                onYes();
            }
            updateActions();
        });
    updateActions();
}

AccountSession *MonitorPanel::sessionFor(const MonitoredRequest &r, bool say)
{
    AccountSession *session = m_accounts ? m_accounts->session(r.accountId) : nullptr;
    if (!session && say) {
        m_messages->showMessage(MessageBar::Level::Error,
            tr("The account of \"%1\" is not open here: add it again in Accounts to act on the request.")
                .arg(nameOf(r)));
    }
    return session;
}

void MonitorPanel::refreshSelected()
{
    if (!m_monitor) {
        return;
    }
    int asked = 0;
    for (const MonitorKey &key : selectedKeys()) {
        asked += m_monitor->pollNow(key) ? 1 : 0;
    }
    if (asked > 0 && !m_monitor->isOnline()) {
        m_messages->showMessage(
            MessageBar::Level::Info, tr("Offline: the requests are asked for as soon as the network is back."));
    }
}

void MonitorPanel::cancelSelected()
{
    const std::optional<MonitoredRequest> r = selectedRequest();
    if (!r || r->isFinal || r->kind == MonitoredKind::CapellaOrder || isBusy() || !sessionFor(*r, true)) {
        return;
    }
    if (r->kind == MonitoredKind::Up42Order) {
        askUp42Cancel(*r);
        return;
    }
    const QString noun = MonitorNotifier::requestNoun(r->kind);
    QString details;
    if (r->kind == MonitoredKind::SatellogicTask) {
        details = tr("Satellogic stops work on the task. This cannot be undone.");
    } else {
        // capella.md §6-7: cancellation is allowed until a final status; fees once accepted.
        const QString status = MonitorModel::statusText(r->kind, r->status).toLower();
        if (r->status == u"accepted"_s || r->status == u"active"_s) {
            details = tr("Capella has accepted this request (it is %1): Capella charges a cancellation fee for "
                         "accepted and active requests (see your contract). This cannot be undone.")
                          .arg(status);
        } else {
            details = tr("Capella charges cancellation fees once a request is accepted or active; this one is %1. "
                         "This cannot be undone.")
                          .arg(status);
        }
    }
    details += u"\n\n"_s + tr("The cancellation is sent once and not repeated.");
    const MonitorKey key = r->key();
    ask(tr("Cancel request"), tr("Cancel the %1 \"%2\"?").arg(noun, nameOf(*r)), details, tr("Cancel the request"),
        tr("Keep it"), [this, key] { startCancel(key); });
}

void MonitorPanel::startCancel(const MonitorKey &key)
{
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    AccountSession *session = r ? sessionFor(*r, true) : nullptr;
    if (!session) {
        return;
    }
    const QString name = nameOf(*r);
    JsonCallJob *job = nullptr;
    // Both are sent once, never retried (the clients' contract for calls that cannot be undone).
    if (auto *satellogic = qobject_cast<SatellogicSession *>(session)) {
        job = satellogic->client()->cancelTask(r->remoteId.toLongLong());
    } else if (auto *capella = qobject_cast<CapellaSession *>(session)) {
        job = capella->client()->setRequestStatus(capellaKind(r->kind), r->remoteId, CapellaApi::cancelBody());
    }
    if (!job) {
        return;
    }
    watch(job, key, tr("Canceling \"%1\"...").arg(name), tr("Canceled \"%1\".").arg(name),
        tr("\"%1\" was not canceled").arg(name));
}

void MonitorPanel::approveSelected()
{
    const std::optional<MonitoredRequest> r = selectedRequest();
    if (r && up42Decidable(*r) && !isBusy() && sessionFor(*r, true)) {
        askUp42Decision(*r, true);
        return;
    }
    if (r && up42StudyOpen(*r) && !isBusy() && sessionFor(*r, true)) {
        askUp42Study(*r);
        return;
    }
    if (!r || !isCapellaRequest(r->kind) || !r->needsAction || isBusy() || !sessionFor(*r, true)) {
        return;
    }
    const bool repeat = r->kind == MonitoredKind::CapellaRepeat;
    const QString cost = r->cost.isEmpty() ? QString() : MonitorModel::costText(*r);
    QString details = cost.isEmpty() ? tr("Capella has not named the price here; the Capella Console shows it.")
                                     : (repeat ? tr("Capella estimates %1 for each collect of the series.").arg(r->cost)
                                               : tr("Capella will charge %1 for this request.").arg(cost));
    details += u' '
        + (repeat ? tr("Once approved, Capella schedules the series; canceling later may cost fees.")
                  : tr("Once approved, Capella submits it for scheduling; canceling later may cost fees."));
    const MonitorKey key = r->key();
    ask(tr("Approve cost"),
        tr("Approve the cost of the %1 \"%2\"?").arg(MonitorNotifier::requestNoun(r->kind), nameOf(*r)), details,
        cost.isEmpty() ? tr("Approve") : tr("Approve %1").arg(cost), tr("Not now"),
        [this, key] { startApproval(key, true); });
}

void MonitorPanel::rejectSelected()
{
    const std::optional<MonitoredRequest> r = selectedRequest();
    if (r && up42Decidable(*r) && !isBusy() && sessionFor(*r, true)) {
        askUp42Decision(*r, false);
        return;
    }
    if (!r || !isCapellaRequest(r->kind) || !r->needsAction || isBusy() || !sessionFor(*r, true)) {
        return;
    }
    const QString cost = r->cost.isEmpty() ? QString() : MonitorModel::costText(*r);
    QString details = cost.isEmpty() ? QString() : tr("Capella quoted %1.").arg(cost) + u' ';
    details += tr("Rejecting the price ends the request: Capella does not collect it, and this cannot be undone.");
    const MonitorKey key = r->key();
    ask(tr("Reject cost"),
        tr("Reject the cost of the %1 \"%2\"?").arg(MonitorNotifier::requestNoun(r->kind), nameOf(*r)), details,
        tr("Reject the cost"), tr("Keep it in review"), [this, key] { startApproval(key, false); });
}

void MonitorPanel::startApproval(const MonitorKey &key, bool approve)
{
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    auto *session = r ? qobject_cast<CapellaSession *>(sessionFor(*r, true)) : nullptr;
    if (!session) {
        return;
    }
    const QString name = nameOf(*r);
    // Sent once, never retried (CapellaClient::setRequestStatus).
    JsonCallJob *job
        = session->client()->setRequestStatus(capellaKind(r->kind), r->remoteId, CapellaApi::approvalBody(approve));
    if (approve) {
        watch(job, key, tr("Approving the cost of \"%1\"...").arg(name),
            tr("Approved the cost of \"%1\": Capella submits it for scheduling.").arg(name),
            tr("The cost of \"%1\" was not approved").arg(name));
    } else {
        watch(job, key, tr("Rejecting the cost of \"%1\"...").arg(name), tr("Rejected the cost of \"%1\".").arg(name),
            tr("The cost of \"%1\" was not rejected").arg(name));
    }
}

void MonitorPanel::editSelected()
{
    const std::optional<MonitoredRequest> r = selectedRequest();
    if (!r || !isCapellaRequest(r->kind) || isBusy() || !sessionFor(*r, true)) {
        return;
    }
    CapellaRequest request = CapellaApi::parseRequest(r->raw, capellaKind(r->kind));
    // A request followed before its first answer has no Feature yet: what the monitor knows.
    request.id = r->remoteId;
    if (request.name.isEmpty()) {
        request.name = r->name;
        request.description = r->description;
    }
    auto *dialog = new CapellaRequestEditDialog(capellaKind(r->kind), { request }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const MonitorKey key = r->key();
    connect(dialog, &QDialog::accepted, this, [this, dialog, key] {
        m_editDialog = nullptr;
        startUpdate(key, dialog->body());
    });
    connect(dialog, &QDialog::finished, this, [this] {
        m_editDialog = nullptr;
        updateActions();
    });
    m_editDialog = dialog;
    updateActions();
    dialog->open();
}

void MonitorPanel::startUpdate(const MonitorKey &key, const QJsonObject &body)
{
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    auto *session = r ? qobject_cast<CapellaSession *>(sessionFor(*r, true)) : nullptr;
    if (!session || body.isEmpty()) {
        return;
    }
    const QString name = nameOf(*r);
    watch(session->client()->updateRequest(capellaKind(r->kind), r->remoteId, body), key,
        tr("Updating \"%1\"...").arg(name), tr("Updated \"%1\".").arg(name), tr("\"%1\" was not updated").arg(name));
}

void MonitorPanel::watch(
    JsonCallJob *job, const MonitorKey &key, const QString &running, const QString &done, const QString &failed)
{
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job, key, done, failed] {
        m_actionJob = nullptr;
        if (job->isOk()) {
            m_messages->showMessage(MessageBar::Level::Info, done);
        } else {
            showProblem(failed, job->error(), key);
        }
        // What the provider says now, at once (the answer or the refusal may have changed it).
        if (m_monitor) {
            m_monitor->pollNow(key);
        }
        updateActions();
        Q_EMIT actionFinished();
    });
    m_actionJob = job;
    m_messages->showMessage(MessageBar::Level::Info, running);
    updateActions();
}

void MonitorPanel::showProblem(const QString &what, const NetworkError &error, const MonitorKey &key)
{
    if (error.kind == NetworkError::Kind::Canceled) {
        return;
    }
    m_messages->showMessage(
        MessageBar::Level::Error, tr("%1: %2").arg(what, refusal(error, key.kind)), error.url.toString());
    if (error.isCredentialProblem()) {
        const QString accountId = key.accountId;
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
    }
}

void MonitorPanel::downloadSelected()
{
    const std::optional<MonitoredRequest> r = selectedRequest();
    if (!r || !m_monitor || !hasDeliveries(*r) || m_fetching.contains(r->key())) {
        return;
    }
    const MonitorKey key = r->key();
    if (r->downloadFolder.isEmpty()) {
        // The monitor plans the files below the request's folder: give it one first.
        m_monitor->setAutoDownload(key, r->autoDownload, m_folder);
    }
    if (!m_monitor->fetchDeliveries(key)) {
        m_messages->showMessage(MessageBar::Level::Warning,
            m_monitor->isOnline() ? tr("The deliveries of \"%1\" cannot be looked up.").arg(nameOf(*r))
                                  : tr("Offline: the deliveries of \"%1\" can be looked up once the network is "
                                       "back.")
                                        .arg(nameOf(*r)));
        return;
    }
    m_fetching.insert(key);
    m_messages->showMessage(MessageBar::Level::Info, tr("Looking up the deliveries of \"%1\"...").arg(nameOf(*r)));
    updateActions();
}

void MonitorPanel::onDeliveriesFetched(
    const MonitorKey &key, const QList<DeliveryDescriptor> &deliveries, const NetworkError &error)
{
    if (!m_fetching.remove(key)) {
        return; // somebody else's lookup
    }
    updateActions();
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    const QString name = r ? nameOf(*r) : key.remoteId;
    if (error.isError()) {
        showProblem(tr("The deliveries of \"%1\" could not be looked up").arg(name), error, key);
        Q_EMIT downloadFinished(0);
        return;
    }
    QList<DeliveryDescriptor> fresh;
    QList<DeliveryDescriptor> before;
    QList<CapellaGranule> toOrder;
    for (const DeliveryDescriptor &d : deliveries) {
        if (d.needsOrder) {
            toOrder.append({ d.collection, d.id });
        } else if (!d.downloads.isEmpty()) {
            (r && r->queuedDeliveries.contains(d.id) ? before : fresh).append(d);
        }
    }
    QStringList lines;
    int files = 0;
    if (!fresh.isEmpty() && !m_downloads) {
        lines.append(tr("Downloads are not available here."));
    } else if (!fresh.isEmpty()) {
        files = queue(key, fresh);
        lines.append(files == 1 ? tr("Queued 1 file of \"%1\" in Downloads.").arg(name)
                                : tr("Queued %1 files of \"%2\" in Downloads.").arg(files).arg(name));
    }
    if (!before.isEmpty()) {
        lines.append(before.size() == 1 ? tr("1 delivery was queued before (see Downloads).")
                                        : tr("%1 deliveries were queued before (see Downloads).").arg(before.size()));
    }
    auto *capella = qobject_cast<CapellaSession *>(m_accounts ? m_accounts->session(key.accountId) : nullptr);
    if (!toOrder.isEmpty()) {
        // DeliveryDescriptor::needsOrder: Capella delivers a tasking request's products through an order.
        const QString how = capella && m_downloads
            ? tr("\"Order...\" reviews its price (the organization's own collects cost nothing) and, once you "
                 "submit it, its files are queued in Downloads when it is ready.")
            : tr("Order the collect in the Orders dock (the organization's own collects cost nothing), then "
                 "download it there.");
        lines.append((toOrder.size() == 1 ? tr("1 product must be ordered first: Capella delivers a tasking "
                                               "request's products through an order.")
                                          : tr("%1 products must be ordered first: Capella delivers a tasking "
                                               "request's products through an order.")
                                                .arg(toOrder.size()))
            + u' ' + how);
    }
    if (lines.isEmpty()) {
        lines.append(tr("\"%1\" has no deliveries yet.").arg(name));
    }
    m_messages->showMessage(
        files > 0 || (before.isEmpty() && toOrder.isEmpty()) ? MessageBar::Level::Info : MessageBar::Level::Warning,
        lines.join(u'\n'));
    if (!toOrder.isEmpty() && capella && m_downloads) {
        m_messages->setAction(tr("Order..."), [this, key, toOrder] { orderProducts(key, toOrder); });
    } else if (!before.isEmpty() && m_downloads) {
        // Removed from the queue since? The user may want them again.
        m_messages->setAction(tr("Queue again"), [this, key, before] {
            const int again = queue(key, before);
            m_messages->showMessage(MessageBar::Level::Info,
                again == 1 ? tr("Queued 1 file again.") : tr("Queued %1 files again.").arg(again));
        });
    }
    Q_EMIT downloadFinished(files);
}

int MonitorPanel::queue(const MonitorKey &key, const QList<DeliveryDescriptor> &deliveries)
{
    if (!m_downloads) {
        return 0;
    }
    QList<DownloadTask> tasks;
    QStringList ids;
    for (const DeliveryDescriptor &d : deliveries) {
        tasks.append(d.downloads);
        ids.append(d.id);
    }
    m_downloads->enqueue(tasks);
    if (m_monitor) {
        m_monitor->markDeliveriesQueued(key, ids);
    }
    return int(tasks.size());
}

void MonitorPanel::setAutoDownloadSelected(bool on)
{
    const std::optional<MonitoredRequest> r = selectedRequest();
    if (!r || !m_monitor || r->kind == MonitoredKind::CapellaRepeat) {
        return;
    }
    m_monitor->setAutoDownload(r->key(), on, m_folder);
    if (on && r->kind == MonitoredKind::CapellaTasking) {
        m_messages->showMessage(MessageBar::Level::Info,
            tr("Capella delivers a tasking request's products through an order: once \"%1\" is completed, you are "
               "told which to order in the Orders dock.")
                .arg(nameOf(*r)));
    }
    updateActions();
}

void MonitorPanel::showSelectedOnMap()
{
    const std::optional<MonitoredRequest> r = selectedRequest();
    const QJsonObject geometry = r ? geometryOf(*r) : QJsonObject();
    if (!geometry.isEmpty()) {
        Q_EMIT showOnMap(geometry);
    }
}

void MonitorPanel::untrackSelected()
{
    const QList<MonitorKey> keys = selectedKeys();
    if (keys.isEmpty() || !m_monitor || isBusy()) {
        return;
    }
    const int n = int(keys.size());
    const std::optional<MonitoredRequest> first = m_monitor->request(keys.first());
    const QString text
        = n == 1 && first ? tr("Stop following \"%1\"?").arg(nameOf(*first)) : tr("Stop following %1 requests?").arg(n);
    ask(tr("Stop following"), text,
        tr("The Monitor forgets them and their status history. Nothing is sent to the provider: the requests go on "
           "there, and can be followed again from the Tasks dock."),
        tr("Stop following"), tr("Keep following"), [this, keys] {
            for (const MonitorKey &key : keys) {
                m_monitor->untrack(key);
            }
        });
}

void MonitorPanel::updateActions()
{
    const bool busy = isBusy();
    const bool online = m_monitor && m_monitor->isOnline();
    const QList<MonitorKey> keys = selectedKeys();
    bool anyPollable = false;
    for (const MonitorKey &key : keys) {
        const MonitoredRequest *r = m_model->request(m_model->rowOf(key));
        anyPollable = anyPollable || (r && !r->isFinal);
    }
    m_refresh->setEnabled(anyPollable);
    const std::optional<MonitoredRequest> r
        = keys.size() == 1 && m_monitor ? m_monitor->request(keys.first()) : std::nullopt;
    const bool open = r && m_accounts && m_accounts->session(r->accountId);
    const bool capella = r && isCapellaRequest(r->kind);
    const bool up42 = r && r->kind == MonitoredKind::Up42Order;
    m_cancel->setEnabled(
        open && !busy && !r->isFinal && r->kind != MonitoredKind::CapellaOrder && (!up42 || up42Cancelable(*r)));
    const bool study = up42 && up42StudyOpen(*r);
    m_approve->setEnabled(open && !busy && ((capella && r->needsAction) || (up42 && up42Decidable(*r)) || study));
    // A feasibility study has no "reject": the order is canceled instead.
    m_reject->setEnabled(m_approve->isEnabled() && !study);
    m_approve->setText(study ? tr("Choose option...") : tr("Approve cost..."));
    m_edit->setEnabled(open && !busy && capella);
    m_download->setEnabled(r && online && hasDeliveries(*r) && !m_fetching.contains(r->key()));
    {
        const QSignalBlocker block(m_autoDownload);
        m_autoDownload->setEnabled(r && r->kind != MonitoredKind::CapellaRepeat);
        m_autoDownload->setChecked(r && r->autoDownload);
    }
    m_showOnMap->setEnabled(r && !geometryOf(*r).isEmpty());
    m_untrack->setEnabled(!keys.isEmpty() && !busy);
    m_approve->setToolTip(m_approve->isEnabled() || busy
            ? (study       ? tr("Choose one of the options of the selected order's feasibility study")
                    : up42 ? tr("Accept the credits UP42 quoted for the selected order")
                           : tr("Approve the price Capella quoted for the selected request"))
            : tr("Select one Capella request in review, or one UP42 order with a quotation or a feasibility study to "
                 "decide"));
}

void MonitorPanel::orderProducts(const MonitorKey &key, const QList<CapellaGranule> &granules)
{
    auto *session = qobject_cast<CapellaSession *>(m_accounts ? m_accounts->session(key.accountId) : nullptr);
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    if (!session || !r || granules.isEmpty()) {
        return;
    }
    if (m_orderDialog) {
        m_orderDialog->raise();
        m_orderDialog->activateWindow();
        return;
    }
    // The order review prices it and asks; Submit sends it once. The order is then followed, and
    // its files are queued when it is ready, below the tasking request's own folder.
    m_orderDialog = new OrderReviewDialog(session, granules, {}, this);
    m_orderDialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString folder = RequestMonitor::deliveryFolder(*r);
    const QString name = nameOf(*r);
    connect(m_orderDialog, &OrderReviewDialog::orderPlaced, this, [this, key, folder, name](const CapellaOrder &order) {
        if (!m_monitor) {
            return;
        }
        const MonitorKey orderKey
            = m_monitor->track(key.accountId, MonitoredKind::CapellaOrder, order.raw, true, folder);
        m_messages->showMessage(MessageBar::Level::Info,
            tr("Order %1 placed for \"%2\": its files are queued in Downloads when it is ready.").arg(order.id, name));
        if (!orderKey.remoteId.isEmpty()) {
            m_monitor->pollNow(orderKey);
        }
    });
    m_orderDialog->open();
}

} // namespace StacScope
