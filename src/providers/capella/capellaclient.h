#pragma once

#include <memory>
#include <optional>

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include "src/providers/capella/capellaapi.h"
#include "src/providers/jsoncalljob.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class CapellaSearchJob;
class ItemStore;
class NetworkClient;

// Capella's Console API as jobs on NetworkClient. The API key is not the client's business: the
// account's session binds it in the CredentialRouter for the API host only, so presigned S3
// links never get it.
class CapellaClient : public QObject
{
    Q_OBJECT
public:
    CapellaClient(NetworkClient *network, const QUrl &api, QObject *parent = nullptr);

    NetworkClient *network() const { return m_network; }
    QUrl apiUrl() const { return m_api; }
    void setApiUrl(const QUrl &api) { m_api = api; }

    JsonCallJob *user();
    CapellaSearchJob *search(const SearchParameters &parameters, ItemStore *store, int maxItems = 0);
    JsonCallJob *collectionTypes();

    // A price check: changes nothing, may be repeated.
    JsonCallJob *reviewOrder(const QList<CapellaGranule> &granules, const QString &contractId = {});
    // Costs money: sent once, never retried; only after the user confirmed.
    JsonCallJob *submitOrder(const QList<CapellaGranule> &granules, const QString &contractId = {});
    JsonCallJob *orders(const QString &userId); // a JSON list
    JsonCallJob *order(const QString &orderId);
    JsonCallJob *presign(const QString &orderId); // a JSON list of items with presigned assets

    // Costs money: sent once, never retried; only after the user confirmed.
    JsonCallJob *createRequest(CapellaRequest::Kind kind, const QJsonObject &body);
    JsonCallJob *request(CapellaRequest::Kind kind, const QString &id);
    JsonCallJob *updateRequest(CapellaRequest::Kind kind, const QString &id, const QJsonObject &body);
    // Cancel (fees may apply), approve or reject the price: sent once, never retried.
    JsonCallJob *setRequestStatus(CapellaRequest::Kind kind, const QString &id, const QJsonObject &body);
    JsonCallJob *collects(const QString &taskingRequestId); // a JSON list

private:
    NetworkClient *m_network;
    QUrl m_api;
};

// Every page of a tasking or repeat request search: page 1, then 2..totalPages, at most four
// at a time (the console client keeps to eight "to avoid being 429ed"), results in page order.
class CapellaRequestSearchJob : public StacJob
{
    Q_OBJECT
public:
    CapellaRequestSearchJob(CapellaClient *client, CapellaRequest::Kind kind, const QJsonObject &body,
        int pageSize = CapellaApi::RequestPageSize, QObject *parent = nullptr);
    void cancel() override;

    CapellaRequest::Kind kind() const { return m_kind; }
    QJsonArray results() const;
    QList<CapellaRequest> requests() const;
    int totalPages() const { return m_totalPages; }

Q_SIGNALS:
    void progress(int pagesDone, int totalPages);

private:
    void fetch(int page);
    void onPage(int page, JsonCallJob *job);

    CapellaClient *m_client;
    CapellaRequest::Kind m_kind;
    QJsonObject m_body;
    int m_pageSize;
    int m_totalPages = 0;
    int m_nextPage = 2;
    int m_done = 0;
    QHash<int, QJsonArray> m_pages;
    QList<QPointer<JsonCallJob>> m_running;
};

// The same update or cancellation for many requests, at most ten at a time, with a result per id
// (the provider's refusal of one does not stop the others). Cancellations are never retried.
class CapellaBulkJob : public StacJob
{
    Q_OBJECT
public:
    enum class Action
    {
        Update,
        Cancel
    };
    struct Result
    {
        QString id;
        NetworkError error; // none: it worked
        QJsonObject json; // the updated request, or the status answer
    };
    CapellaBulkJob(CapellaClient *client, CapellaRequest::Kind kind, Action action, const QStringList &ids,
        const QJsonObject &body = {}, QObject *parent = nullptr);
    void cancel() override;

    // In the order of the ids given.
    const QList<Result> &results() const { return m_results; }
    int failures() const;

private:
    void startNext();

    CapellaClient *m_client;
    CapellaRequest::Kind m_kind;
    Action m_action;
    QJsonObject m_body;
    QList<Result> m_results;
    int m_next = 0;
    int m_running = 0;
    QList<QPointer<JsonCallJob>> m_jobs;
};

// The active order (latest expiry) that already holds every one of some granules, as the console
// client's check_active_orders looks for it: the user's orders, then CapellaApi::activeOrderHolding.
class CapellaActiveOrderJob : public StacJob
{
    Q_OBJECT
public:
    CapellaActiveOrderJob(
        CapellaClient *client, const QString &userId, const QList<CapellaGranule> &granules, QObject *parent = nullptr);
    void cancel() override;

    // Set when one was found.
    const std::optional<CapellaOrder> &order() const { return m_order; }

private:
    QPointer<JsonCallJob> m_job;
    std::optional<CapellaOrder> m_order;
};

// Submits an order, or (reuseActive) first looks for an active order that already holds every
// granule, as the console client's check_active_orders does, and answers with it instead.
// A rejected order ("orderStatus": "rejected") fails the job with the provider's words.
class CapellaSubmitOrderJob : public StacJob
{
    Q_OBJECT
public:
    CapellaSubmitOrderJob(CapellaClient *client, const QString &userId, const QList<CapellaGranule> &granules,
        const QString &contractId, bool reuseActive, QObject *parent = nullptr);
    void cancel() override;

    const CapellaOrder &order() const { return m_order; }
    bool reused() const { return m_reused; }
    // Whether the order request went out (then it must not be repeated without asking).
    bool submitted() const { return m_submitted; }

private:
    void submit();

    CapellaClient *m_client;
    QList<CapellaGranule> m_granules;
    QString m_contractId;
    QPointer<StacJob> m_job;
    CapellaOrder m_order;
    bool m_reused = false;
    bool m_submitted = false;
};

// The products of a tasking request's collects, or of given collect ids: the collects (for a
// request), then a catalog search by capella:collect_id (and product type), as seed 003's
// download_products(tasking_request_id=... | collect_id=...) does.
class CapellaCollectProductsJob : public StacJob
{
    Q_OBJECT
public:
    // `taskingRequestId` non-empty: its collects; otherwise `collectIds`.
    CapellaCollectProductsJob(CapellaClient *client, const QString &taskingRequestId, const QStringList &collectIds,
        const QStringList &productTypes, QObject *parent = nullptr);
    ~CapellaCollectProductsJob() override;
    void cancel() override;

    const QList<CapellaCollect> &collects() const { return m_collects; }
    const QList<CapellaGranule> &granules() const { return m_granules; }

private:
    void searchProducts(const QStringList &collectIds);

    CapellaClient *m_client;
    QStringList m_productTypes;
    QPointer<StacJob> m_job;
    std::unique_ptr<ItemStore> m_store;
    QList<CapellaCollect> m_collects;
    QList<CapellaGranule> m_granules;
};

} // namespace StacScope
