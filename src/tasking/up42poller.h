#pragma once

#include <QCoreApplication>

#include "src/providers/up42/up42api.h"
#include "src/tasking/requestpoller.h"

namespace StacScope {

// UP42 orders for the RequestMonitor, through the account's Up42Session (its bearer token).
// Each order is read with its own GET /v2/orders/{id} (at most ParallelLookups at a time); a
// tasking order waiting for the customer brings its quotation (price in credits, its id kept in
// the state's raw answer under "quotation") or its feasibility study (under "feasibilityStudy") along. The status word
// is the sub-status while an order is CREATED and has one (QUOTATION_WAITING_RESPONSE...), since that is the step it is
// at; otherwise the order's status. Deliveries: the order's assets in storage (GET /v2/assets?search=<order id>), each
// a signed download below the order's folder; more may come while it is BEING_FULFILLED.
class Up42Poller : public RequestPoller
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::Up42Poller)

public:
    static constexpr int ParallelLookups = 4;

    QString providerId() const override;
    QList<MonitoredKind> kinds() const override;
    QString host(AccountSession *session) const override;
    PollJob *poll(AccountSession *session, MonitoredKind kind, const QStringList &remoteIds, QObject *parent) override;
    bool hasDeliveries(const MonitoredRequest &request) const override;
    DeliveryLookupJob *deliveries(
        AccountSession *session, const MonitoredRequest &request, const QString &folder, QObject *parent) override;
    std::optional<RemoteState> parse(MonitoredKind kind, const QJsonObject &answer) const override;

    // The monitor's view of an order (and of its quotation or feasibility study, when it waits on one).
    static RemoteState remoteState(const Up42Order &order, const std::optional<Up42Quotation> &quotation = {},
        const std::optional<Up42FeasibilityStudy> &study = {});
    // "12,500 credits"
    static QString creditsText(qint64 credits);
    // The quotation a monitored order carries in its raw answer (set by the poller); nullopt when none.
    static std::optional<Up42Quotation> quotationOf(const MonitoredRequest &request);
    // The feasibility study it carries ("feasibilityStudy"), with its options; nullopt when none.
    static std::optional<Up42FeasibilityStudy> studyOf(const MonitoredRequest &request);
};

} // namespace StacScope
