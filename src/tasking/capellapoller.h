#pragma once

#include <QCoreApplication>

#include "src/providers/capella/capellatypes.h"
#include "src/tasking/requestpoller.h"

namespace StacScope {

// Capella tasking requests, repeat requests and orders for the RequestMonitor, through the
// account's CapellaSession (its API key, its user id).
//
// Polling many requests: POST /tasks/search and POST /repeat-requests/search take a list of ids
// (taskingrequestIds / repeatrequestIds) with the user's id, 500 to a page, and GET
// /orders?customerId= lists every order of the user in one unpaged answer. So one call a round
// serves all of an account's requests of one kind; an id the search does not return (a request
// derived from a repeat request, which the tasking search leaves out, or one of a colleague) is
// read once with its own GET. A single request is read with its own GET right away (no user id
// needed).
class CapellaPoller : public RequestPoller
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::CapellaPoller)

public:
    static constexpr int SearchPageSize = 500; // the largest the request search takes
    static constexpr int ParallelLookups = 4;

    QString providerId() const override;
    QList<MonitoredKind> kinds() const override;
    QString host(AccountSession *session) const override;
    PollJob *poll(AccountSession *session, MonitoredKind kind, const QStringList &remoteIds, QObject *parent) override;
    // Completed tasking requests (their collects' products) and completed orders (their files).
    bool hasDeliveries(const MonitoredRequest &request) const override;
    DeliveryLookupJob *deliveries(
        AccountSession *session, const MonitoredRequest &request, const QString &folder, QObject *parent) override;
    std::optional<RemoteState> parse(MonitoredKind kind, const QJsonObject &answer) const override;

    static RemoteState remoteState(const CapellaRequest &request);
    static RemoteState remoteState(const CapellaOrder &order);
    // Nothing more happens to a request in these statuses [C docs tasking-request-status; the
    // emulator's final statuses]; "anomaly" and "retrying" may still move on.
    static bool isFinalRequestStatus(const QString &status);
    static bool isFinalOrderStatus(const QString &status);
};

} // namespace StacScope
