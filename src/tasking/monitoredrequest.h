#pragma once

#include <optional>

#include <QDateTime>
#include <QHashFunctions>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>

namespace StacScope {

// What a monitored request is at its provider. Stored by name (kindKey()), so a later kind (an
// UP42 quotation) is one more value here, one more key and one more poller, with no schema change.
enum class MonitoredKind
{
    SatellogicTask, // GET /tasking/tasks/{id}
    CapellaTasking, // GET /task/{id}
    CapellaRepeat, // GET /repeat-requests/{id}
    CapellaOrder, // GET /orders/{id}
    Up42Order // GET /v2/orders/{id}; a tasking order's feasibility study and quotation ride along
};

// Which request: unique per (account, kind, the provider's id).
struct MonitorKey
{
    QString accountId;
    MonitoredKind kind = MonitoredKind::SatellogicTask;
    QString remoteId;

    bool isValid() const { return !accountId.isEmpty() && !remoteId.isEmpty(); }
    // "account/capella-tasking/<uuid>", for logs and test messages.
    QString toString() const;
    friend bool operator==(const MonitorKey &, const MonitorKey &) = default;
};

inline size_t qHash(const MonitorKey &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.accountId, int(key.kind), key.remoteId);
}

// One entry of a request's status history, oldest first.
struct StatusEvent
{
    QString status; // the provider's word
    QDateTime time; // when the provider says it happened, or when the monitor first saw it
    QString message; // the provider's text, when it gives one
    friend bool operator==(const StatusEvent &, const StatusEvent &) = default;
};

// A provider's task, tasking request, repeat request or order followed by the RequestMonitor: what
// the provider last said about it, when it is asked again, and what was done with its deliveries.
// Times are UTC.
struct MonitoredRequest
{
    qint64 id = 0; // the store's row id; 0 until stored
    QString providerId; // "satellogic", "capella"
    QString accountId;
    MonitoredKind kind = MonitoredKind::SatellogicTask;
    QString remoteId; // the provider's id: "23272", a Capella UUID
    // The remote id of the request this one was derived from, of the same account (a Capella
    // repeat request for each tasking request it spawns); empty for a request of its own.
    QString parentId;
    // Remote ids of requests derived from this one that the user stopped following: not followed
    // again when the provider lists them.
    QSet<QString> dismissedChildren;

    QString name;
    QString description;
    QString status; // the provider's own word ("in_progress", "review"...); empty until known
    bool isFinal = false; // nothing more will happen to it: it is never polled again
    bool needsAction = false; // the provider waits for the customer (Capella's price review)
    QDateTime windowStart;
    QDateTime windowEnd; // for an order: until when it can be downloaded
    QDateTime submitted;
    // The price as the provider quoted it ("$3,000.00"); empty when billed under a contract.
    QString cost;
    QList<StatusEvent> history; // oldest first

    QDateTime added; // when the monitor started following it
    QDateTime lastPolled;
    QDateTime nextPoll; // invalid when nothing is planned (final, deliveries settled)
    int failures = 0; // consecutive failed polls
    QString lastError;

    // Deliveries: queued automatically when the request has them and autoDownload is on, below
    // downloadFolder/<the request's sanitised name>. Ids already handed over are never handed over
    // again, whatever happens to the queue.
    bool autoDownload = false;
    QString downloadFolder;
    QSet<QString> queuedDeliveries;
    bool deliveriesDone = false; // every delivery of the final request was handed over

    QJsonObject raw; // the provider's answer of the last poll

    MonitorKey key() const { return { accountId, kind, remoteId }; }
    // When the status last changed, as far as the history knows (else the submission).
    QDateTime lastChange() const { return history.isEmpty() ? submitted : history.last().time; }

    // "satellogic-task", "capella-tasking", "capella-repeat", "capella-order", "up42-order".
    static QString kindKey(MonitoredKind kind);
    static std::optional<MonitoredKind> kindFromKey(QStringView key);
    static QString providerOf(MonitoredKind kind);
    static QList<MonitoredKind> kinds();
};

} // namespace StacScope

Q_DECLARE_METATYPE(StacScope::MonitorKey)
Q_DECLARE_METATYPE(StacScope::MonitoredRequest)
