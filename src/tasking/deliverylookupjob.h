#pragma once

#include <QList>
#include <QMetaType>
#include <QPointer>
#include <QString>

#include "src/download/downloadtask.h"
#include "src/stac/stacjob.h"

namespace StacScope {

// One deliverable of a monitored request: a Satellogic scene's delivery zip, a Capella order's
// product, a Capella tasking request's product.
struct DeliveryDescriptor
{
    QString id; // stable within its request: the scene id, the granule id
    QString title;
    QString collection; // the Satellogic capture id, the Capella collection id
    // Ready for DownloadManager: below the request's folder, with provider links that the
    // account's UrlRefresher signs when they start. Empty when `needsOrder`.
    QList<DownloadTask> downloads;
    // A Capella tasking request's product is downloaded through an order (no charge for the
    // organization's own collects, but still an order the user confirms): order `collection` /
    // `id` (CapellaSubmitOrderJob with reuseActive), then follow the order with autoDownload.
    bool needsOrder = false;
};

// The deliveries a request has now, from its provider. `isPending()`: more will come (captures
// not published yet, collects not delivered yet), so it is asked again later.
class DeliveryLookupJob : public StacJob
{
    Q_OBJECT
public:
    explicit DeliveryLookupJob(QObject *parent = nullptr);
    void cancel() override;

    const QList<DeliveryDescriptor> &deliveries() const { return m_deliveries; }
    bool isPending() const { return m_pending; }
    int calls() const { return m_calls; }

    // For the pollers.
    void addDelivery(const DeliveryDescriptor &delivery) { m_deliveries.append(delivery); }
    void setPending(bool pending) { m_pending = pending; }
    void addCalls(int count) { m_calls += count; }
    void adopt(StacJob *job);
    void complete(const NetworkError &error = {}) { finish(error); }
    // Stops what runs and finishes with `error` (the account's session closed under it).
    void abort(const NetworkError &error);

private:
    QList<DeliveryDescriptor> m_deliveries;
    QPointer<StacJob> m_child;
    bool m_pending = false;
    int m_calls = 0;
};

} // namespace StacScope

Q_DECLARE_METATYPE(StacScope::DeliveryDescriptor)
