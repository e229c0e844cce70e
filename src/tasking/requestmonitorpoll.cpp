// RequestMonitor, part 2: what the providers answered, merged, kept and announced.
#include <functional>

#include "src/store/monitorstore.h"
#include "src/tasking/polljob.h"
#include "src/tasking/requestmonitor.h"
#include "src/tasking/requestpoller.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

bool isCanceled(const StacJob *job)
{
    return job->error().kind == NetworkError::Kind::Canceled;
}

// A lookup that will fail the same way every time (the order expired, the request is unknown):
// given up instead of repeated.
bool isPermanent(const NetworkError &error)
{
    if (error.kind == NetworkError::Kind::BadResponse || error.kind == NetworkError::Kind::Validation) {
        return true;
    }
    if (error.kind != NetworkError::Kind::Http) {
        return false;
    }
    const int s = error.httpStatus;
    return s >= 400 && s < 500 && s != 401 && s != 403 && s != 408 && s != 429;
}

} // namespace

void RequestMonitor::accountFailed(const QString &accountId, const NetworkError &error, const QDateTime &now)
{
    AccountPollState &a = m_accounts[accountId];
    ++a.failures;
    a.until = now.addMSecs(m_schedule.backoffMs(a.failures, error.retryAfterMs));
    // No HTTP answer at all: the host (or the network) is unreachable, not the account refused.
    a.unreachable = error.kind == NetworkError::Kind::Network || error.kind == NetworkError::Kind::Timeout;
    a.lastError = error.toString();
}

bool RequestMonitor::apply(MonitoredRequest &r, const RemoteState &state, const QDateTime &now, bool *historyReplaced,
    QString *oldStatus, bool *rowChanged)
{
    *oldStatus = r.status;
    *historyReplaced = false;
    const MonitoredRequest before = r;
    if (!state.name.isEmpty()) {
        r.name = state.name;
    } else if (r.name.isEmpty()) {
        r.name = state.fallbackName;
    }
    if (!state.description.isEmpty()) {
        r.description = state.description;
    }
    r.status = state.status;
    r.isFinal = state.isFinal;
    r.needsAction = state.needsAction;
    if (state.windowStart.isValid()) {
        r.windowStart = state.windowStart;
    }
    if (state.windowEnd.isValid()) {
        r.windowEnd = state.windowEnd;
    }
    if (state.submitted.isValid()) {
        r.submitted = state.submitted;
    }
    if (!state.cost.isEmpty()) {
        r.cost = state.cost;
    }
    r.raw = state.raw;
    if (r.parentId.isEmpty()) {
        r.parentId = state.parentId;
    }
    if (!state.history.isEmpty()) {
        if (state.history != r.history) {
            r.history = state.history; // the provider's own record wins
            *historyReplaced = true;
        }
    } else if (r.status != *oldStatus && !r.status.isEmpty()) {
        r.history.append({ r.status, now, {} }); // seen now: the provider keeps no history
    }
    // Most polls change nothing but the schedule: then the row's JSON is not written again.
    *rowChanged = *historyReplaced || r.status != before.status || r.name != before.name
        || r.description != before.description || r.isFinal != before.isFinal || r.needsAction != before.needsAction
        || r.windowStart != before.windowStart || r.windowEnd != before.windowEnd || r.submitted != before.submitted
        || r.cost != before.cost || r.history.size() != before.history.size() || r.raw != before.raw
        || r.parentId != before.parentId;
    r.lastPolled = now;
    r.failures = 0;
    r.lastError.clear();
    if (!r.isFinal) {
        r.nextPoll = now.addMSecs(m_schedule.intervalMs(r, state.changeSoon, now));
    } else {
        r.nextPoll = wantsDeliveries(r) ? now : QDateTime(); // never polled again
    }
    return r.status != *oldStatus;
}

void RequestMonitor::onPollFinished(const std::shared_ptr<Operation> &op, PollJob *job)
{
    QElapsedTimer handler;
    handler.start();
    job->deleteLater();
    operationDone(op);
    if (isCanceled(job)) {
        if (op->inRound && m_round) {
            --m_round->open;
        }
        finishRoundIfDone();
        reschedule();
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // First the requests in memory, then one transaction for the store, then the signals.
    QList<Write> writes;
    QList<MonitorKey> partial; // on their way, with some deliveries already (an UP42 order being fulfilled)
    QList<std::function<void()>> announcements;
    if (m_round && op->inRound) {
        m_round->stats.calls += job->calls();
    }
    if (job->error().isError()) {
        accountFailed(op->accountId, job->error(), now);
        const AccountPollState &account = m_accounts[op->accountId];
        if (m_round && op->inRound) {
            ++m_round->stats.failedBatches;
        }
        for (const QString &id : std::as_const(op->remoteIds)) {
            const MonitorKey key { op->accountId, op->kind, id };
            const auto it = m_requests.find(key);
            if (it == m_requests.end()) {
                continue; // untracked meanwhile
            }
            it->failures += 1;
            it->lastError = account.lastError;
            it->lastPolled = now;
            it->nextPoll = account.until;
            writes.append({ key, Write::Schedule });
            announcements.append([this, key] { Q_EMIT requestChanged(key); });
        }
    } else {
        m_accounts.remove(op->accountId); // answered: no backoff
        for (const QString &id : std::as_const(op->remoteIds)) {
            const MonitorKey key { op->accountId, op->kind, id };
            const auto it = m_requests.find(key);
            if (it == m_requests.end()) {
                continue;
            }
            MonitoredRequest &r = *it;
            const auto state = job->states().constFind(id);
            if (state == job->states().cend()) {
                // Only this request failed (its id is unknown to the provider): its own backoff.
                const NetworkError error = job->failures().value(id,
                    NetworkError::make(
                        NetworkError::Kind::BadResponse, tr("The provider did not answer for %1").arg(id)));
                r.failures += 1;
                r.lastError = error.toString();
                r.lastPolled = now;
                r.nextPoll = now.addMSecs(m_schedule.backoffMs(r.failures, error.retryAfterMs));
                writes.append({ key, Write::Schedule });
                announcements.append([this, key] { Q_EMIT requestChanged(key); });
                continue;
            }
            bool replaced = false;
            bool rowChanged = false;
            QString oldStatus;
            const bool statusChanged = apply(r, *state, now, &replaced, &oldStatus, &rowChanged);
            Write::What what = rowChanged ? Write::Request : Write::Schedule;
            if (replaced) {
                what = Write::ReplaceHistory;
            } else if (statusChanged) {
                what = Write::AppendHistory;
            }
            writes.append({ key, what });
            announcements.append([this, key] { Q_EMIT requestChanged(key); });
            if (statusChanged && !oldStatus.isEmpty()) {
                if (m_round && op->inRound) {
                    ++m_round->stats.changed;
                }
                announcements.append(
                    [this, key, oldStatus, status = r.status] { Q_EMIT this->statusChanged(key, oldStatus, status); });
            }
            if (statusChanged && !r.isFinal && wantsDeliveries(r)) {
                partial.append(key);
            }
        }
        for (const PollJob::Discovered &found : job->discovered()) {
            if (const std::optional<MonitorKey> key = adopt(op->accountId, op->kind, found, now)) {
                writes.append({ *key, Write::ReplaceHistory });
                announcements.append([this, key = *key] { Q_EMIT requestAdded(key); });
            }
        }
    }
    save(writes);
    if (m_round && op->inRound) {
        --m_round->open;
        m_round->stats.handlerNs += handler.nsecsElapsed();
    }
    // Announced after the store has it, so a receiver that reads the store sees the same.
    for (const auto &announce : std::as_const(announcements)) {
        announce();
    }
    // What is delivered so far is looked up now; the rest when it is final.
    for (const MonitorKey &key : std::as_const(partial)) {
        if (m_requests.contains(key) && !m_busyLookups.contains(key)) {
            Operation lookup;
            lookup.type = Operation::Type::Deliveries;
            lookup.accountId = key.accountId;
            lookup.kind = key.kind;
            lookup.remoteIds = { key.remoteId };
            enqueue(lookup);
        }
    }
    finishRoundIfDone();
    reschedule();
}

std::optional<MonitorKey> RequestMonitor::adopt(
    const QString &accountId, MonitoredKind parentKind, const PollJob::Discovered &found, const QDateTime &now)
{
    const MonitorKey key { accountId, found.kind, found.state.remoteId };
    const auto parent = m_requests.constFind({ accountId, parentKind, found.state.parentId });
    if (!key.isValid() || m_requests.contains(key) || parent == m_requests.cend() || !pollerFor(found.kind)
        || parent->dismissedChildren.contains(key.remoteId)) {
        return std::nullopt; // followed already, its parent is no longer followed, or the user let it go
    }
    MonitoredRequest r;
    r.providerId = parent->providerId;
    r.accountId = accountId;
    r.kind = found.kind;
    r.remoteId = found.state.remoteId;
    r.added = now;
    // Its deliveries go where its parent's would, in a folder of their own inside.
    r.autoDownload = parent->autoDownload;
    r.downloadFolder = deliveryFolder(*parent);
    bool replaced = false;
    bool rowChanged = false;
    QString oldStatus;
    apply(r, found.state, now, &replaced, &oldStatus, &rowChanged);
    if (r.history.isEmpty() && !r.status.isEmpty()) {
        r.history.append({ r.status, r.submitted.isValid() ? r.submitted : now, {} });
    }
    m_requests.insert(key, r);
    m_order.append(key);
    return key;
}

void RequestMonitor::onLookupFinished(const std::shared_ptr<Operation> &op, DeliveryLookupJob *job)
{
    QElapsedTimer handler;
    handler.start();
    job->deleteLater();
    operationDone(op);
    const MonitorKey key { op->accountId, op->kind, op->remoteIds.value(0) };
    if (isCanceled(job)) {
        reschedule();
        return;
    }
    if (op->type == Operation::Type::FetchDeliveries) {
        Q_EMIT deliveriesFetched(key, job->deliveries(), job->error());
        return;
    }
    const auto it = m_requests.find(key);
    if (it == m_requests.end()) {
        reschedule();
        return;
    }
    MonitoredRequest &r = *it;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<DeliveryDescriptor> fresh;
    const NetworkError &error = job->error();
    if (error.isError() && isPermanent(error)) {
        r.deliveriesDone = true; // it will not work later either; the error says why
        r.nextPoll = r.isFinal ? QDateTime() : r.nextPoll;
        r.lastError = tr("Deliveries: %1").arg(error.toString());
    } else if (error.isError()) {
        accountFailed(op->accountId, error, now);
        r.failures += 1;
        r.lastError = tr("Deliveries: %1").arg(error.toString());
        r.nextPoll = now.addMSecs(m_schedule.backoffMs(r.failures, error.retryAfterMs));
    } else {
        for (const DeliveryDescriptor &d : job->deliveries()) {
            if (!r.queuedDeliveries.contains(d.id)) {
                r.queuedDeliveries.insert(d.id); // never handed over twice
                fresh.append(d);
            }
        }
        r.deliveriesDone = !job->isPending();
        r.failures = 0;
        r.lastError.clear();
        if (r.isFinal) {
            r.nextPoll = r.deliveriesDone ? QDateTime() : now.addMSecs(m_schedule.intervalMs(r, false, now));
        }
    }
    save({ { key, Write::Request } });
    if (m_round) {
        m_round->stats.handlerNs += handler.nsecsElapsed();
    }
    Q_EMIT requestChanged(key);
    if (!fresh.isEmpty()) {
        Q_EMIT deliveriesAvailable(key, fresh);
    }
    reschedule();
}

void RequestMonitor::save(const QList<Write> &writes)
{
    if (!m_store || writes.isEmpty()) {
        return;
    }
    const bool ok = m_store->transaction([&] {
        for (const Write &w : writes) {
            const auto it = m_requests.find(w.key);
            if (it == m_requests.end()) {
                continue;
            }
            MonitoredRequest &r = *it;
            bool done = true;
            switch (w.what) {
            case Write::Schedule:
                done = r.id != 0 ? m_store->saveSchedule(r) : m_store->upsert(r);
                break;
            case Write::Request:
                done = m_store->upsert(r);
                break;
            case Write::AppendHistory:
                done = m_store->upsert(r)
                    && (r.history.isEmpty() || m_store->appendHistory(r.id, r.history.constLast()));
                break;
            case Write::ReplaceHistory:
                done = m_store->upsert(r) && m_store->replaceHistory(r.id, r.history);
                break;
            }
            if (!done) {
                return false;
            }
        }
        return true;
    });
    if (!ok) {
        noteStoreFailure();
    }
}

void RequestMonitor::finishRoundIfDone()
{
    if (!m_round || m_round->open > 0) {
        return;
    }
    PollRoundStats stats = m_round->stats;
    stats.wallMs = m_round->wall.elapsed();
    m_round.reset();
    Q_EMIT pollRoundFinished(stats);
}

} // namespace StacScope
