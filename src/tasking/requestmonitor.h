#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include "src/tasking/deliverylookupjob.h"
#include "src/tasking/monitoredrequest.h"
#include "src/tasking/polljob.h"
#include "src/tasking/pollschedule.h"

class QTimer;

namespace StacScope {

class AccountSession;
class MonitorStore;
class PollJob;
class RequestPoller;
struct RemoteState;

// What one poll round did: the batches that were due together, started by one tick.
struct PollRoundStats
{
    int round = 0; // 1, 2, ... since start()
    int batches = 0; // one per (account, kind) asked
    int requestsPolled = 0;
    int calls = 0; // HTTP calls the pollers made (pages, single lookups)
    int changed = 0; // status changes seen
    int failedBatches = 0;
    qint64 wallMs = 0; // from the tick to the last answer
    qint64 handlerNs = 0; // time spent in the monitor's own code on its thread (the GUI thread)
};

// How polling one account goes: its backoff after failures.
struct AccountPollState
{
    int failures = 0; // failed batches in a row
    QDateTime until; // no poll before (invalid: none pending)
    bool unreachable = false; // the last failure got no HTTP answer at all
    QString lastError;
};

// Follows every account's Satellogic tasks and Capella tasking requests, repeat requests and
// orders until they are final: polls each provider in batches per account (RequestPoller) when a
// request is due, keeps the answers and their history in SQLite (MonitorStore) so the monitor is
// the same after a restart, and hands over the deliveries of finished requests once.
//
// Intervals come from PollSchedule (30 s base). Failures back off per account, honouring
// Retry-After; a failure without any HTTP answer marks the account unreachable. Nothing is sent
// while offline (setOnline(false)), nor for final requests. At most maxPerHost() batches run
// against one host at a time. Everything runs on the thread the monitor lives in.
class RequestMonitor : public QObject
{
    Q_OBJECT
public:
    // The open session of an account, or nullptr (AccountManager::session in the app; tests wire
    // sessions on emulators).
    using SessionLookup = std::function<AccountSession *(const QString &accountId)>;

    // `store` may be nullptr (nothing is kept); it must outlive the monitor. Satellogic and
    // Capella pollers are built in.
    RequestMonitor(MonitorStore *store, SessionLookup sessions, QObject *parent = nullptr);
    ~RequestMonitor() override;

    // Another provider's poller (an UP42 quotation); it takes over the kinds it handles.
    void addPoller(std::unique_ptr<RequestPoller> poller);

    // Loads the stored requests and starts polling what is due. False with lastError() when the
    // store could not be read (the monitor then starts empty).
    bool start();
    // Cancels what is running; nothing more is sent until start().
    void stop();
    bool isRunning() const { return m_running; }

    void setBaseInterval(int ms) { m_schedule.baseMs = qMax(1, ms); }
    int baseInterval() const { return int(m_schedule.baseMs); }
    void setMaxBackoff(int ms) { m_schedule.maxBackoffMs = qMax(1, ms); }
    void setMaxPerHost(int batches) { m_maxPerHost = qMax(1, batches); }
    int maxPerHost() const { return m_maxPerHost; }
    const PollSchedule &schedule() const { return m_schedule; }

    // Offline: what runs is canceled (not counted as a failure) and nothing is sent until online
    // again; then unreachable accounts are tried at once. NetworkReachability can drive this.
    void setOnline(bool online);
    bool isOnline() const { return m_online; }

    // In the order they were added.
    QList<MonitoredRequest> requests() const;
    std::optional<MonitoredRequest> request(const MonitorKey &key) const;
    bool contains(const MonitorKey &key) const { return m_requests.contains(key); }
    AccountPollState accountState(const QString &accountId) const { return m_accounts.value(accountId); }

    // Follows a request (the tasking form calls this after a submission): kept, and polled soon
    // (at once when its status is not known). A request already followed keeps its history and
    // deliveries and takes the new fields. Returns its key; an invalid key (and lastError()) when
    // it has no account or id.
    MonitorKey track(MonitoredRequest request);
    // The same from the provider's answer to the creation (or a GET): parsed by the kind's poller.
    MonitorKey track(const QString &accountId, MonitoredKind kind, const QJsonObject &answer, bool autoDownload = false,
        const QString &downloadFolder = {});
    // Stops following it, and the requests derived from it; a derived request alone is not
    // followed again when its parent lists it.
    bool untrack(const MonitorKey &key);
    // The followed request this one was derived from (a repeat request), if followed.
    std::optional<MonitorKey> parentOf(const MonitoredRequest &request) const;
    // The followed requests derived from it, in the order they were added.
    QList<MonitorKey> childrenOf(const MonitorKey &key) const;
    // Polls the request's batch now, even while its account backs off (not while offline).
    bool pollNow(const MonitorKey &key);
    // Turning it on for a finished request looks its deliveries up at once.
    bool setAutoDownload(const MonitorKey &key, bool on, const QString &downloadFolder);
    // Looks the deliveries up for the user (a "Download" button): deliveriesFetched() with all of
    // them, whether handed over before or not. markDeliveriesQueued() records what was queued.
    bool fetchDeliveries(const MonitorKey &key);
    bool markDeliveriesQueued(const MonitorKey &key, const QStringList &deliveryIds);

    // Where a request's downloads go: its folder / its name, sanitised (the id when unnamed).
    static QString deliveryFolder(const MonitoredRequest &request);
    QString lastError() const { return m_error; }

Q_SIGNALS:
    void requestAdded(const StacScope::MonitorKey &key);
    void requestChanged(const StacScope::MonitorKey &key);
    void requestRemoved(const StacScope::MonitorKey &key);
    // Once per change the monitor sees (for notifications; the first status seen of a request
    // tracked without one is not a change); the history holds every step.
    void statusChanged(const StacScope::MonitorKey &key, const QString &oldStatus, const QString &newStatus);
    // New deliveries of a request with autoDownload on: queue them (never handed over twice).
    void deliveriesAvailable(const StacScope::MonitorKey &key, const QList<StacScope::DeliveryDescriptor> &deliveries);
    void deliveriesFetched(const StacScope::MonitorKey &key, const QList<StacScope::DeliveryDescriptor> &deliveries,
        const StacScope::NetworkError &error);
    void pollRoundFinished(const StacScope::PollRoundStats &stats);
    void onlineChanged(bool online);
    // The store refused a write; the monitor goes on in memory.
    void storeFailed(const QString &error);

private:
    // One batch (the due requests of one account and kind) or one delivery lookup.
    struct Operation
    {
        enum class Type
        {
            Poll,
            Deliveries,
            FetchDeliveries
        };
        Type type = Type::Poll;
        QString accountId;
        MonitoredKind kind = MonitoredKind::SatellogicTask;
        QStringList remoteIds; // Poll: the batch; otherwise the one request
        QString host;
        bool inRound = false;
        QPointer<QObject> job;
    };
    // What a change needs in the store.
    struct Write
    {
        enum What
        {
            Schedule, // the polling columns only
            Request, // the row
            AppendHistory, // the row and its newest history entry
            ReplaceHistory // the row and the provider's whole history
        };
        MonitorKey key;
        What what = Request;
    };
    struct Round
    {
        PollRoundStats stats;
        QElapsedTimer wall;
        int open = 0;
    };

    // requestmonitor.cpp: the requests, the schedule, the queue per host.
    RequestPoller *pollerFor(MonitoredKind kind) const;
    QString groupOf(const QString &accountId, MonitoredKind kind) const;
    bool wantsDeliveries(const MonitoredRequest &request) const;
    void reschedule();
    void tick();
    void enqueue(Operation op);
    void launch(const std::shared_ptr<Operation> &op);
    void operationDone(const std::shared_ptr<Operation> &op);
    void cancelAll();
    void save(const QList<Write> &writes);
    void noteStoreFailure();

    // requestmonitorpoll.cpp: answers.
    void onPollFinished(const std::shared_ptr<Operation> &op, PollJob *job);
    void onLookupFinished(const std::shared_ptr<Operation> &op, DeliveryLookupJob *job);
    // Merges a provider's state; true when the status changed (`oldStatus` set). `rowChanged`:
    // anything but the schedule changed.
    bool apply(MonitoredRequest &request, const RemoteState &state, const QDateTime &now, bool *historyReplaced,
        QString *oldStatus, bool *rowChanged);
    void accountFailed(const QString &accountId, const NetworkError &error, const QDateTime &now);
    // Starts following a request the provider derived from a followed one (its parent, of
    // `parentKind`), with the parent's download rule; nullopt when followed already.
    std::optional<MonitorKey> adopt(
        const QString &accountId, MonitoredKind parentKind, const PollJob::Discovered &found, const QDateTime &now);
    void finishRoundIfDone();

    MonitorStore *m_store;
    SessionLookup m_sessions;
    std::vector<std::unique_ptr<RequestPoller>> m_pollers;
    PollSchedule m_schedule;
    int m_maxPerHost = 2;
    bool m_running = false;
    bool m_online = true;
    QString m_error;

    QHash<MonitorKey, MonitoredRequest> m_requests;
    QList<MonitorKey> m_order;
    QSet<MonitorKey> m_forced; // pollNow(): due at once, whatever the account's backoff
    QHash<QString, AccountPollState> m_accounts;

    QTimer *m_timer;
    QSet<QString> m_busyGroups; // (account, kind) batches queued or running
    QSet<MonitorKey> m_busyLookups;
    QList<std::shared_ptr<Operation>> m_waiting;
    QList<std::shared_ptr<Operation>> m_runningOps;
    QHash<QString, int> m_perHost;
    std::optional<Round> m_round;
    int m_rounds = 0;
};

} // namespace StacScope

Q_DECLARE_METATYPE(StacScope::PollRoundStats)
Q_DECLARE_METATYPE(QList<StacScope::DeliveryDescriptor>)
