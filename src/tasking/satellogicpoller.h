#pragma once

#include <QCoreApplication>

#include "src/providers/satellogic/satellogictypes.h"
#include "src/tasking/requestpoller.h"

namespace StacScope {

// Satellogic tasks (tasking API v1) for the RequestMonitor, through the account's SatellogicSession
// (its client sends the token and the contract header).
//
// Polling many tasks: GET /tasking/tasks/ answers 100 tasks a page, but it lists the contract's
// whole history, which only grows; GET /tasking/tasks/{id} costs one call per task. So the
// monitor asks for the two statuses a task waits in, `status=received` and `status=in_progress`:
// every active task is on one of those lists, whatever the history holds, and a tracked task on
// neither has moved on and is read once with GET /tasking/tasks/{id}. For 100 active tasks that
// is 2 calls a round (plus one per task that finished since), instead of 100. Up to
// FetchEachUpTo tasks are read one by one, which costs no more.
class SatellogicPoller : public RequestPoller
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::SatellogicPoller)

public:
    static constexpr int FetchEachUpTo = 2;
    static constexpr int ParallelLookups = 4;

    QString providerId() const override;
    QList<MonitoredKind> kinds() const override;
    QString host(AccountSession *session) const override;
    PollJob *poll(AccountSession *session, MonitoredKind kind, const QStringList &remoteIds, QObject *parent) override;
    // Completed tasks: their published captures' scenes.
    bool hasDeliveries(const MonitoredRequest &request) const override;
    DeliveryLookupJob *deliveries(
        AccountSession *session, const MonitoredRequest &request, const QString &folder, QObject *parent) override;
    std::optional<RemoteState> parse(MonitoredKind kind, const QJsonObject &answer) const override;

    static RemoteState remoteState(const SatellogicTask &task);
};

} // namespace StacScope
