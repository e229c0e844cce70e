#include "src/tasking/requestmonitor.h"

#include <algorithm>

#include <QDir>
#include <QStandardPaths>
#include <QTimer>

#include "src/download/filenamesanitizer.h"
#include "src/store/monitorstore.h"
#include "src/tasking/capellapoller.h"
#include "src/tasking/polljob.h"
#include "src/tasking/requestpoller.h"
#include "src/tasking/satellogicpoller.h"
#include "src/tasking/up42poller.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr qint64 kLongestTimerMs = 3600LL * 1000; // the timer is re-armed at least hourly

QDateTime nowUtc()
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace

RequestMonitor::RequestMonitor(MonitorStore *store, SessionLookup sessions, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sessions(std::move(sessions))
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<MonitorKey>();
    qRegisterMetaType<PollRoundStats>();
    qRegisterMetaType<QList<DeliveryDescriptor>>();
    qRegisterMetaType<NetworkError>();
    m_timer->setSingleShot(true);
    // Precise: tests run with intervals of a few milliseconds; the app's are tens of seconds.
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &RequestMonitor::tick);
    m_pollers.push_back(std::make_unique<SatellogicPoller>());
    m_pollers.push_back(std::make_unique<CapellaPoller>());
    m_pollers.push_back(std::make_unique<Up42Poller>());
}

RequestMonitor::~RequestMonitor()
{
    m_running = false;
    cancelAll();
}

void RequestMonitor::addPoller(std::unique_ptr<RequestPoller> poller)
{
    m_pollers.push_back(std::move(poller));
}

RequestPoller *RequestMonitor::pollerFor(MonitoredKind kind) const
{
    // The latest added wins, so a poller can take a kind over.
    for (auto it = m_pollers.rbegin(); it != m_pollers.rend(); ++it) {
        if ((*it)->handles(kind)) {
            return it->get();
        }
    }
    return nullptr;
}

QString RequestMonitor::groupOf(const QString &accountId, MonitoredKind kind) const
{
    return accountId + u'/' + MonitoredRequest::kindKey(kind);
}

bool RequestMonitor::wantsDeliveries(const MonitoredRequest &request) const
{
    if (!request.autoDownload || request.deliveriesDone) {
        return false;
    }
    const RequestPoller *poller = pollerFor(request.kind);
    return poller && poller->hasDeliveries(request);
}

QString RequestMonitor::deliveryFolder(const MonitoredRequest &request)
{
    const QString fallback = FileNameSanitizer::sanitize(request.remoteId, u"request"_s);
    const QString name
        = FileNameSanitizer::sanitize(request.name.isEmpty() ? request.remoteId : request.name, fallback);
    // Never the file system's root: without a folder of its own, the user's Downloads/StacScope.
    const QString base = request.downloadFolder.trimmed().isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::DownloadLocation) + u"/StacScope"_s
        : request.downloadFolder;
    return QDir::cleanPath(base) + u'/' + name;
}

bool RequestMonitor::start()
{
    if (m_running) {
        return true;
    }
    bool ok = true;
    m_requests.clear();
    m_order.clear();
    if (m_store) {
        const QList<MonitoredRequest> stored = m_store->loadAll();
        ok = m_store->lastError().isEmpty();
        if (!ok) {
            m_error = m_store->lastError();
        }
        for (const MonitoredRequest &r : stored) {
            m_requests.insert(r.key(), r);
            m_order.append(r.key());
        }
    }
    m_running = true;
    reschedule();
    return ok;
}

void RequestMonitor::stop()
{
    m_running = false;
    cancelAll();
    m_timer->stop();
}

void RequestMonitor::setOnline(bool online)
{
    if (online == m_online) {
        return;
    }
    m_online = online;
    if (!online) {
        cancelAll(); // not a failure: nothing is counted against the accounts
    } else {
        // The network is back: accounts that could not be reached are tried at once.
        const QDateTime now = nowUtc();
        for (auto a = m_accounts.begin(); a != m_accounts.end(); ++a) {
            if (!a->unreachable) {
                continue;
            }
            a->until = now;
            for (MonitoredRequest &r : m_requests) {
                if (r.accountId == a.key() && !r.isFinal) {
                    r.nextPoll = now;
                }
            }
        }
    }
    Q_EMIT onlineChanged(online);
    reschedule();
}

QList<MonitoredRequest> RequestMonitor::requests() const
{
    QList<MonitoredRequest> out;
    out.reserve(m_order.size());
    for (const MonitorKey &key : m_order) {
        out.append(m_requests.value(key));
    }
    return out;
}

std::optional<MonitoredRequest> RequestMonitor::request(const MonitorKey &key) const
{
    const auto it = m_requests.constFind(key);
    return it == m_requests.cend() ? std::nullopt : std::optional<MonitoredRequest>(*it);
}

void RequestMonitor::noteStoreFailure()
{
    m_error = m_store->lastError();
    Q_EMIT storeFailed(m_error);
}

MonitorKey RequestMonitor::track(MonitoredRequest request)
{
    if (!request.key().isValid()) {
        m_error = tr("A request to follow needs an account and the provider's id");
        return {};
    }
    if (request.providerId.isEmpty()) {
        request.providerId = MonitoredRequest::providerOf(request.kind);
    }
    const QDateTime now = nowUtc();
    const MonitorKey key = request.key();
    const auto existing = m_requests.constFind(key);
    const bool added = existing == m_requests.cend();
    if (!added) {
        // Already followed: the new fields, but the history and deliveries it has.
        const MonitoredRequest &old = *existing;
        request.id = old.id;
        request.added = old.added;
        if (request.history.isEmpty()) {
            request.history = old.history;
        }
        request.queuedDeliveries.unite(old.queuedDeliveries);
        request.dismissedChildren.unite(old.dismissedChildren);
        if (request.parentId.isEmpty()) {
            request.parentId = old.parentId;
        }
        request.deliveriesDone = request.deliveriesDone || old.deliveriesDone;
        if (request.raw.isEmpty()) {
            request.raw = old.raw;
        }
    }
    if (!request.added.isValid()) {
        request.added = now;
    }
    if (request.history.isEmpty() && !request.status.isEmpty()) {
        request.history.append({ request.status, request.submitted.isValid() ? request.submitted : now, {} });
    }
    if (!request.isFinal) {
        // A status not known yet is asked for at once; a fresh submission soon.
        request.nextPoll = request.status.isEmpty() ? now : now.addMSecs(m_schedule.baseMs);
    } else {
        request.nextPoll = wantsDeliveries(request) ? now : QDateTime();
    }
    m_requests.insert(key, request);
    if (added) {
        m_order.append(key);
    }
    save({ { key, Write::ReplaceHistory } });
    if (added) {
        Q_EMIT requestAdded(key);
    } else {
        Q_EMIT requestChanged(key);
    }
    reschedule();
    return key;
}

MonitorKey RequestMonitor::track(const QString &accountId, MonitoredKind kind, const QJsonObject &answer,
    bool autoDownload, const QString &downloadFolder)
{
    const RequestPoller *poller = pollerFor(kind);
    const std::optional<RemoteState> state = poller ? poller->parse(kind, answer) : std::nullopt;
    if (!state) {
        m_error = tr("The provider's answer does not describe a %1").arg(MonitoredRequest::kindKey(kind));
        return {};
    }
    MonitoredRequest r;
    r.accountId = accountId;
    r.kind = kind;
    r.remoteId = state->remoteId;
    r.name = state->name.isEmpty() ? state->fallbackName : state->name;
    r.description = state->description;
    r.status = state->status;
    r.isFinal = state->isFinal;
    r.needsAction = state->needsAction;
    r.windowStart = state->windowStart;
    r.windowEnd = state->windowEnd;
    r.submitted = state->submitted;
    r.cost = state->cost;
    r.history = state->history;
    r.raw = state->raw;
    r.parentId = state->parentId;
    r.autoDownload = autoDownload;
    r.downloadFolder = downloadFolder;
    return track(r);
}

std::optional<MonitorKey> RequestMonitor::parentOf(const MonitoredRequest &request) const
{
    if (request.parentId.isEmpty()) {
        return std::nullopt;
    }
    for (const MonitorKey &k : m_order) {
        if (k.accountId == request.accountId && k.remoteId == request.parentId && k.kind != request.kind) {
            return k;
        }
    }
    return std::nullopt;
}

QList<MonitorKey> RequestMonitor::childrenOf(const MonitorKey &key) const
{
    QList<MonitorKey> children;
    for (const MonitorKey &k : m_order) {
        const MonitoredRequest &r = m_requests[k];
        if (k.accountId == key.accountId && r.parentId == key.remoteId && k.kind != key.kind) {
            children.append(k);
        }
    }
    return children;
}

bool RequestMonitor::untrack(const MonitorKey &key)
{
    if (!m_requests.contains(key)) {
        return false;
    }
    // Its derived requests go with it; a derived request alone stays away from then on.
    for (const MonitorKey &child : childrenOf(key)) {
        untrack(child);
    }
    if (const std::optional<MonitorKey> parent = parentOf(m_requests[key])) {
        m_requests[*parent].dismissedChildren.insert(key.remoteId);
        save({ { *parent, Write::Request } });
    }
    if (m_store && !m_store->remove(key) && m_requests.value(key).id != 0) {
        noteStoreFailure();
    }
    m_requests.remove(key);
    m_order.removeAll(key);
    m_forced.remove(key);
    Q_EMIT requestRemoved(key);
    reschedule();
    return true;
}

bool RequestMonitor::pollNow(const MonitorKey &key)
{
    const auto it = m_requests.find(key);
    if (it == m_requests.end() || (it->isFinal && !wantsDeliveries(*it))) {
        return false;
    }
    it->nextPoll = nowUtc();
    m_forced.insert(key);
    reschedule();
    return true;
}

bool RequestMonitor::setAutoDownload(const MonitorKey &key, bool on, const QString &downloadFolder)
{
    const auto it = m_requests.find(key);
    if (it == m_requests.end()) {
        return false;
    }
    it->autoDownload = on;
    it->downloadFolder = downloadFolder;
    if (it->isFinal) {
        it->nextPoll = wantsDeliveries(*it) ? nowUtc() : QDateTime();
    }
    save({ { key, Write::Request } });
    Q_EMIT requestChanged(key);
    reschedule();
    return true;
}

bool RequestMonitor::fetchDeliveries(const MonitorKey &key)
{
    const auto it = m_requests.constFind(key);
    const RequestPoller *poller = it == m_requests.cend() ? nullptr : pollerFor(key.kind);
    if (!poller || !poller->hasDeliveries(*it) || !m_online) {
        return false;
    }
    Operation op;
    op.type = Operation::Type::FetchDeliveries;
    op.accountId = key.accountId;
    op.kind = key.kind;
    op.remoteIds = { key.remoteId };
    enqueue(op);
    return true;
}

bool RequestMonitor::markDeliveriesQueued(const MonitorKey &key, const QStringList &deliveryIds)
{
    const auto it = m_requests.find(key);
    if (it == m_requests.end()) {
        return false;
    }
    for (const QString &id : deliveryIds) {
        it->queuedDeliveries.insert(id);
    }
    save({ { key, Write::Request } });
    Q_EMIT requestChanged(key);
    return true;
}

// --- scheduling ---

void RequestMonitor::reschedule()
{
    if (!m_running || !m_online || m_round) {
        m_timer->stop(); // a round in flight reschedules when it ends
        return;
    }
    const QDateTime now = nowUtc();
    qint64 best = -1;
    for (const MonitorKey &key : std::as_const(m_order)) {
        const MonitoredRequest &r = *m_requests.constFind(key);
        const bool poll = !r.isFinal;
        if (poll ? m_busyGroups.contains(groupOf(r.accountId, r.kind))
                 : (!wantsDeliveries(r) || m_busyLookups.contains(key))) {
            continue;
        }
        QDateTime due = r.nextPoll.isValid() ? r.nextPoll : now;
        const QDateTime until = m_accounts.value(r.accountId).until;
        if (!m_forced.contains(key) && until.isValid() && until > due) {
            due = until;
        }
        const qint64 ms = std::max<qint64>(0, now.msecsTo(due));
        best = best < 0 ? ms : std::min(best, ms);
    }
    if (best < 0) {
        m_timer->stop();
        return;
    }
    m_timer->start(int(std::min(best, kLongestTimerMs)));
}

void RequestMonitor::tick()
{
    if (!m_running || !m_online || m_round) {
        return;
    }
    QElapsedTimer handler;
    handler.start();
    const QDateTime now = nowUtc();
    auto isDue = [&](const MonitoredRequest &r) {
        if (m_forced.contains(r.key())) {
            return true;
        }
        const QDateTime until = m_accounts.value(r.accountId).until;
        return (!r.nextPoll.isValid() || r.nextPoll <= now) && (!until.isValid() || until <= now);
    };
    QStringList dueGroups;
    QList<Operation> lookups;
    for (const MonitorKey &key : std::as_const(m_order)) {
        const MonitoredRequest &r = *m_requests.constFind(key);
        if (!r.isFinal) {
            const QString group = groupOf(r.accountId, r.kind);
            if (!m_busyGroups.contains(group) && !dueGroups.contains(group) && isDue(r)) {
                dueGroups.append(group);
            }
        } else if (wantsDeliveries(r) && !m_busyLookups.contains(key) && isDue(r)) {
            Operation op;
            op.type = Operation::Type::Deliveries;
            op.accountId = r.accountId;
            op.kind = r.kind;
            op.remoteIds = { r.remoteId };
            lookups.append(op);
        }
    }
    // A batch asks for every active request of its account and kind, due or not: the provider
    // answers them all in the same call, so the others come along for free.
    QList<Operation> batches;
    for (const QString &group : std::as_const(dueGroups)) {
        Operation op;
        for (const MonitorKey &key : std::as_const(m_order)) {
            const MonitoredRequest &r = *m_requests.constFind(key);
            if (!r.isFinal && groupOf(r.accountId, r.kind) == group) {
                op.accountId = r.accountId;
                op.kind = r.kind;
                op.remoteIds.append(r.remoteId);
                m_forced.remove(key);
            }
        }
        op.inRound = true;
        batches.append(op);
    }
    if (!batches.isEmpty()) {
        m_round = Round {}; // not emplace(): clang 14 judges the nested Round not default-constructible there
        m_round->wall.start();
        m_round->stats.round = ++m_rounds;
    }
    for (const Operation &op : std::as_const(batches)) {
        enqueue(op);
    }
    for (const Operation &op : std::as_const(lookups)) {
        m_forced.remove({ op.accountId, op.kind, op.remoteIds.value(0) });
        enqueue(op);
    }
    if (m_round) {
        m_round->stats.handlerNs += handler.nsecsElapsed();
    }
    reschedule();
}

void RequestMonitor::enqueue(Operation op)
{
    AccountSession *session = m_sessions ? m_sessions(op.accountId) : nullptr;
    const RequestPoller *poller = pollerFor(op.kind);
    op.host = session && poller ? poller->host(session) : QString();
    if (op.type == Operation::Type::Poll) {
        m_busyGroups.insert(groupOf(op.accountId, op.kind));
    } else if (op.type == Operation::Type::Deliveries) {
        m_busyLookups.insert({ op.accountId, op.kind, op.remoteIds.value(0) });
    }
    if (op.inRound && m_round) {
        ++m_round->open;
        ++m_round->stats.batches;
        m_round->stats.requestsPolled += int(op.remoteIds.size());
    }
    auto shared = std::make_shared<Operation>(std::move(op));
    // Without a host (no session) it fails at once, taking no slot from anyone.
    if (shared->host.isEmpty() || m_perHost.value(shared->host) < m_maxPerHost) {
        launch(shared);
    } else {
        m_waiting.append(shared);
    }
}

void RequestMonitor::launch(const std::shared_ptr<Operation> &op)
{
    m_perHost[op->host] += 1;
    m_runningOps.append(op);
    AccountSession *session = m_sessions ? m_sessions(op->accountId) : nullptr;
    RequestPoller *poller = pollerFor(op->kind);
    NetworkError problem;
    if (!poller) {
        problem = NetworkError::make(
            NetworkError::Kind::Validation, tr("No poller for %1 requests").arg(MonitoredRequest::kindKey(op->kind)));
    } else if (!session) {
        problem = NetworkError::make(NetworkError::Kind::Auth, tr("The account is not open"));
    }
    if (op->type == Operation::Type::Poll) {
        PollJob *job = nullptr;
        if (problem.isError()) {
            job = new PollJob(this);
            QTimer::singleShot(0, job, [job, problem] { job->complete(problem); });
        } else {
            job = poller->poll(session, op->kind, op->remoteIds, this);
        }
        op->job = job;
        connect(job, &StacJob::finished, this, [this, op, job] { onPollFinished(op, job); });
        return;
    }
    DeliveryLookupJob *job = nullptr;
    const auto request = m_requests.constFind({ op->accountId, op->kind, op->remoteIds.value(0) });
    if (!problem.isError() && request == m_requests.cend()) {
        problem = NetworkError::make(NetworkError::Kind::Validation, tr("The request is no longer followed"));
    }
    if (problem.isError()) {
        job = new DeliveryLookupJob(this);
        QTimer::singleShot(0, job, [job, problem] { job->complete(problem); });
    } else {
        job = poller->deliveries(session, *request, deliveryFolder(*request), this);
    }
    op->job = job;
    connect(job, &StacJob::finished, this, [this, op, job] { onLookupFinished(op, job); });
}

void RequestMonitor::operationDone(const std::shared_ptr<Operation> &op)
{
    if (!m_runningOps.removeOne(op)) {
        return; // canceled with everything else
    }
    if (--m_perHost[op->host] <= 0) {
        m_perHost.remove(op->host);
    }
    if (op->type == Operation::Type::Poll) {
        m_busyGroups.remove(groupOf(op->accountId, op->kind));
    } else if (op->type == Operation::Type::Deliveries) {
        m_busyLookups.remove({ op->accountId, op->kind, op->remoteIds.value(0) });
    }
    for (qsizetype i = 0; i < m_waiting.size(); ++i) {
        if (m_waiting.at(i)->host == op->host) {
            launch(m_waiting.takeAt(i));
            break;
        }
    }
}

void RequestMonitor::cancelAll()
{
    const auto running = std::exchange(m_runningOps, {});
    m_waiting.clear();
    m_busyGroups.clear();
    m_busyLookups.clear();
    m_perHost.clear();
    m_round.reset();
    for (const auto &op : running) {
        if (auto *job = qobject_cast<StacJob *>(op->job.data())) {
            job->disconnect(this);
            job->cancel();
            job->deleteLater();
        }
    }
}

} // namespace StacScope
