#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "src/tasking/deliverylookupjob.h"
#include "src/tasking/monitoredrequest.h"
#include "src/tasking/polljob.h"

class QObject;

namespace StacScope {

class AccountSession;

// One provider's side of the RequestMonitor: asks for the states of many requests of one account
// at once, says which statuses have deliveries and finds them, and reads the provider's answers.
// It uses the account session's own client; credentials are the session's business.
class RequestPoller
{
public:
    virtual ~RequestPoller();

    virtual QString providerId() const = 0;
    virtual QList<MonitoredKind> kinds() const = 0;
    bool handles(MonitoredKind kind) const { return kinds().contains(kind); }
    // The host its calls go to ("api.capellaspace.com:443"), for the per-host concurrency cap.
    virtual QString host(AccountSession *session) const = 0;

    // The states of `remoteIds` (one account, one kind) in as few calls as the API allows.
    // The job starts at once and belongs to `parent`.
    virtual PollJob *poll(AccountSession *session, MonitoredKind kind, const QStringList &remoteIds, QObject *parent)
        = 0;
    // Whether the request, in its status, has deliveries.
    virtual bool hasDeliveries(const MonitoredRequest &request) const = 0;
    // Its deliveries, with downloads planned below `folder`.
    virtual DeliveryLookupJob *deliveries(
        AccountSession *session, const MonitoredRequest &request, const QString &folder, QObject *parent)
        = 0;
    // What a provider's answer about one request says (the answer to its creation, or to a GET);
    // nullopt when it is not such an answer.
    virtual std::optional<RemoteState> parse(MonitoredKind kind, const QJsonObject &answer) const = 0;

protected:
    // A job of `parent` that fails with `error` from the event loop (its receivers are connected
    // by then): a session of another provider, a missing account.
    static PollJob *failedPoll(const NetworkError &error, QObject *parent);
    static DeliveryLookupJob *failedLookup(const NetworkError &error, QObject *parent);
    // "host:port" of a URL, the port filled in from the scheme.
    static QString hostOf(const QUrl &url);
    // Ends the job when the session closes under it (the account was removed or saved anew):
    // the provider's jobs it runs use the session's client, which goes with the session.
    static void endWithSession(AccountSession *session, PollJob *job);
    static void endWithSession(AccountSession *session, DeliveryLookupJob *job);
};

} // namespace StacScope
