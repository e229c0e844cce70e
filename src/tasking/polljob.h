#pragma once

#include <functional>

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "src/stac/stacjob.h"
#include "src/tasking/monitoredrequest.h"

namespace StacScope {

// What a provider says now about one request, in the monitor's terms.
struct RemoteState
{
    QString remoteId;
    QString name;
    QString fallbackName; // when the provider names none (an order): used while the request has no name
    QString description;
    QString status;
    bool isFinal = false;
    bool needsAction = false; // waits for the customer (a price to approve)
    // The provider usually moves on within minutes from this status (Capella's automatic review
    // and acceptance): polled at the base interval.
    bool changeSoon = false;
    QDateTime windowStart;
    QDateTime windowEnd;
    QDateTime submitted;
    QString cost; // empty: none quoted (yet); the monitor keeps what it had
    // The remote id of the request this one derives from (a Capella repeat request), if any.
    QString parentId;
    // The provider's own history, oldest first; empty when it keeps none (the monitor then records
    // the changes it sees).
    QList<StatusEvent> history;
    QJsonObject raw;
};

// One poll of several requests of one account and kind, in as few calls as the provider allows.
// A failure that concerns the whole account (no answer, 5xx, refused credentials) finishes the
// job with that error; a failure that concerns one request (its id is unknown: 404) is reported
// per id and the others still get their states. Filled by a RequestPoller.
class PollJob : public StacJob
{
    Q_OBJECT
public:
    explicit PollJob(QObject *parent = nullptr);
    void cancel() override;

    const QHash<QString, RemoteState> &states() const { return m_states; }
    const QHash<QString, NetworkError> &failures() const { return m_failures; }
    // Requests the polled ones gave rise to (a repeat request's tasking requests), with their
    // parentId set: the monitor follows those it does not follow yet.
    struct Discovered
    {
        MonitoredKind kind = MonitoredKind::CapellaTasking;
        RemoteState state;
    };
    const QList<Discovered> &discovered() const { return m_discovered; }
    // HTTP calls made (pages and single lookups; retries inside NetworkClient not counted).
    int calls() const { return m_calls; }

    // For the pollers.
    void addState(const RemoteState &state) { m_states.insert(state.remoteId, state); }
    void addFailure(const QString &remoteId, const NetworkError &error) { m_failures.insert(remoteId, error); }
    void addDiscovered(MonitoredKind kind, const RemoteState &state) { m_discovered.append({ kind, state }); }
    void addCalls(int count) { m_calls += count; }
    // A job this one waits for: parented to this one and canceled with it.
    void adopt(StacJob *job);
    // Starts `start(id)` for every id, at most `parallel` at a time, and hands each finished job to
    // `done` (which may call complete() to stop early); then calls `then`, or completes the job.
    // Once per job.
    void forEach(const QStringList &ids, int parallel, std::function<StacJob *(const QString &id)> start,
        std::function<void(const QString &id, StacJob *job)> done, std::function<void()> then = {});
    void complete(const NetworkError &error = {}) { finish(error); }
    // Stops what runs and finishes with `error` (the account's session closed under it).
    void abort(const NetworkError &error);

    // Whether an error is about one request only (its id is unknown to the provider) rather than
    // the account or the service.
    static bool concernsOneRequest(const NetworkError &error);

private:
    void startNext();
    void cancelChildren();

    QHash<QString, RemoteState> m_states;
    QHash<QString, NetworkError> m_failures;
    QList<Discovered> m_discovered;
    QList<QPointer<StacJob>> m_children;
    int m_calls = 0;
    QStringList m_queue;
    int m_parallel = 1;
    int m_running = 0;
    bool m_aborting = false;
    std::function<StacJob *(const QString &)> m_start;
    std::function<void(const QString &, StacJob *)> m_done;
    std::function<void()> m_then;
};

} // namespace StacScope
