#include "src/providers/capella/capellaclient.h"

#include <QJsonDocument>
#include <QTimer>

#include "src/net/networkclient.h"
#include "src/providers/capella/capellasearchjob.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

HttpRequest costly(const QByteArray &method, const QUrl &url, const QJsonObject &body)
{
    HttpRequest r = HttpRequest::sendJson(method, url, compact(body));
    r.costsMoney = true;
    r.retryable = false;
    return r;
}

} // namespace

CapellaClient::CapellaClient(NetworkClient *network, const QUrl &api, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_api(api)
{}

JsonCallJob *CapellaClient::user()
{
    return new JsonCallJob(m_network, HttpRequest::get(CapellaApi::userUrl(m_api)), this);
}

CapellaSearchJob *CapellaClient::search(const SearchParameters &parameters, ItemStore *store, int maxItems)
{
    return new CapellaSearchJob(m_network, m_api, parameters, store, maxItems, this);
}

JsonCallJob *CapellaClient::collectionTypes()
{
    return new JsonCallJob(
        m_network, HttpRequest::get(CapellaApi::collectionTypesUrl(m_api)), JsonCallJob::Expect::Array, this);
}

JsonCallJob *CapellaClient::reviewOrder(const QList<CapellaGranule> &granules, const QString &contractId)
{
    HttpRequest r = HttpRequest::postJson(
        CapellaApi::orderReviewUrl(m_api), compact(CapellaApi::orderBody(granules, contractId)));
    r.retryable = true; // a price check changes nothing
    return new JsonCallJob(m_network, r, this);
}

JsonCallJob *CapellaClient::submitOrder(const QList<CapellaGranule> &granules, const QString &contractId)
{
    return new JsonCallJob(
        m_network, costly("POST", CapellaApi::ordersUrl(m_api), CapellaApi::orderBody(granules, contractId)), this);
}

JsonCallJob *CapellaClient::orders(const QString &userId)
{
    return new JsonCallJob(
        m_network, HttpRequest::get(CapellaApi::orderListUrl(m_api, userId)), JsonCallJob::Expect::Array, this);
}

JsonCallJob *CapellaClient::order(const QString &orderId)
{
    return new JsonCallJob(m_network, HttpRequest::get(CapellaApi::orderUrl(m_api, orderId)), this);
}

JsonCallJob *CapellaClient::presign(const QString &orderId)
{
    return new JsonCallJob(
        m_network, HttpRequest::get(CapellaApi::presignUrl(m_api, orderId)), JsonCallJob::Expect::Array, this);
}

JsonCallJob *CapellaClient::createRequest(CapellaRequest::Kind kind, const QJsonObject &body)
{
    return new JsonCallJob(m_network, costly("POST", CapellaApi::requestUrl(m_api, kind), body), this);
}

JsonCallJob *CapellaClient::request(CapellaRequest::Kind kind, const QString &id)
{
    return new JsonCallJob(m_network, HttpRequest::get(CapellaApi::requestUrl(m_api, kind, id)), this);
}

JsonCallJob *CapellaClient::updateRequest(CapellaRequest::Kind kind, const QString &id, const QJsonObject &body)
{
    // The same PATCH twice gives the same result, but we keep to the rule for writes: once.
    return new JsonCallJob(
        m_network, HttpRequest::sendJson("PATCH", CapellaApi::requestUrl(m_api, kind, id), compact(body)), this);
}

JsonCallJob *CapellaClient::setRequestStatus(CapellaRequest::Kind kind, const QString &id, const QJsonObject &body)
{
    return new JsonCallJob(m_network, costly("PATCH", CapellaApi::requestStatusUrl(m_api, kind, id), body), this);
}

JsonCallJob *CapellaClient::collects(const QString &taskingRequestId)
{
    return new JsonCallJob(m_network, HttpRequest::get(CapellaApi::collectsUrl(m_api, taskingRequestId)),
        JsonCallJob::Expect::Array, this);
}

// --- CapellaRequestSearchJob ---

CapellaRequestSearchJob::CapellaRequestSearchJob(
    CapellaClient *client, CapellaRequest::Kind kind, const QJsonObject &body, int pageSize, QObject *parent)
    : StacJob(parent)
    , m_client(client)
    , m_kind(kind)
    , m_body(body)
    , m_pageSize(std::clamp(pageSize, 1, 500))
{
    fetch(1);
}

void CapellaRequestSearchJob::fetch(int page)
{
    HttpRequest r = HttpRequest::postJson(
        CapellaApi::requestSearchUrl(m_client->apiUrl(), m_kind, page, m_pageSize), compact(m_body));
    r.retryable = true; // a search changes nothing
    auto *job = new JsonCallJob(m_client->network(), r, this);
    m_running.append(job);
    connect(job, &StacJob::finished, this, [this, page, job] { onPage(page, job); });
}

void CapellaRequestSearchJob::onPage(int page, JsonCallJob *job)
{
    job->deleteLater();
    m_running.removeAll(job);
    if (isFinished()) {
        return;
    }
    if (!job->isOk()) {
        for (const auto &other : std::as_const(m_running)) {
            if (other) {
                other->disconnect(this);
                other->cancel();
            }
        }
        finish(job->error());
        return;
    }
    m_pages.insert(page, job->json().value(u"results"_s).toArray());
    ++m_done;
    if (page == 1) {
        m_totalPages = std::max(1, job->json().value(u"totalPages"_s).toInt(1));
    }
    Q_EMIT progress(m_done, m_totalPages);
    while (m_nextPage <= m_totalPages && m_running.size() < 4) {
        fetch(m_nextPage++);
    }
    if (m_running.isEmpty() && m_done >= m_totalPages) {
        finish();
    }
}

void CapellaRequestSearchJob::cancel()
{
    for (const auto &job : std::as_const(m_running)) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
    StacJob::cancel();
}

QJsonArray CapellaRequestSearchJob::results() const
{
    QJsonArray all;
    for (int p = 1; p <= m_totalPages; ++p) {
        for (const QJsonValue &v : m_pages.value(p)) {
            all.append(v);
        }
    }
    return all;
}

QList<CapellaRequest> CapellaRequestSearchJob::requests() const
{
    QList<CapellaRequest> out;
    for (const QJsonValue &v : results()) {
        out.append(CapellaApi::parseRequest(v.toObject(), m_kind));
    }
    return out;
}

// --- CapellaBulkJob ---

CapellaBulkJob::CapellaBulkJob(CapellaClient *client, CapellaRequest::Kind kind, Action action, const QStringList &ids,
    const QJsonObject &body, QObject *parent)
    : StacJob(parent)
    , m_client(client)
    , m_kind(kind)
    , m_action(action)
    , m_body(action == Action::Cancel ? CapellaApi::cancelBody() : body)
{
    for (const QString &id : ids) {
        m_results.append({ id, {}, {} });
    }
    QTimer::singleShot(0, this, [this] {
        if (m_results.isEmpty()) {
            finish();
            return;
        }
        while (m_next < m_results.size() && m_running < 10) {
            startNext();
        }
    });
}

void CapellaBulkJob::startNext()
{
    const int index = m_next++;
    const QString id = m_results[index].id;
    JsonCallJob *job = m_action == Action::Cancel ? m_client->setRequestStatus(m_kind, id, m_body)
                                                  : m_client->updateRequest(m_kind, id, m_body);
    job->setParent(this);
    m_jobs.append(job);
    ++m_running;
    connect(job, &StacJob::finished, this, [this, index, job] {
        job->deleteLater();
        --m_running;
        m_results[index].error = job->error();
        m_results[index].json = job->json();
        if (isFinished()) {
            return;
        }
        if (m_next < m_results.size()) {
            startNext();
        } else if (m_running == 0) {
            finish();
        }
    });
}

int CapellaBulkJob::failures() const
{
    return int(std::count_if(m_results.begin(), m_results.end(), [](const Result &r) { return r.error.isError(); }));
}

void CapellaBulkJob::cancel()
{
    for (const auto &job : std::as_const(m_jobs)) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
    StacJob::cancel();
}

// --- CapellaActiveOrderJob ---

CapellaActiveOrderJob::CapellaActiveOrderJob(
    CapellaClient *client, const QString &userId, const QList<CapellaGranule> &granules, QObject *parent)
    : StacJob(parent)
{
    QStringList ids;
    for (const CapellaGranule &g : granules) {
        ids.append(g.granuleId);
    }
    JsonCallJob *job = client->orders(userId);
    job->setParent(this);
    m_job = job;
    connect(job, &StacJob::finished, this, [this, job, ids] {
        job->deleteLater();
        if (!job->isOk()) {
            finish(job->error());
            return;
        }
        const QList<CapellaOrder> orders = CapellaApi::parseOrders(job->array());
        const int found = CapellaApi::activeOrderHolding(orders, ids, QDateTime::currentDateTimeUtc());
        if (found >= 0) {
            m_order = orders[found];
        }
        finish();
    });
}

void CapellaActiveOrderJob::cancel()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
    StacJob::cancel();
}

// --- CapellaSubmitOrderJob ---

CapellaSubmitOrderJob::CapellaSubmitOrderJob(CapellaClient *client, const QString &userId,
    const QList<CapellaGranule> &granules, const QString &contractId, bool reuseActive, QObject *parent)
    : StacJob(parent)
    , m_client(client)
    , m_granules(granules)
    , m_contractId(contractId)
{
    if (!reuseActive) {
        submit();
        return;
    }
    auto *job = new CapellaActiveOrderJob(client, userId, granules, this);
    m_job = job;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->isOk()) {
            finish(job->error()); // nothing was ordered
            return;
        }
        if (job->order()) {
            m_order = *job->order();
            m_reused = true;
            finish();
            return;
        }
        submit();
    });
}

void CapellaSubmitOrderJob::submit()
{
    JsonCallJob *job = m_client->submitOrder(m_granules, m_contractId);
    job->setParent(this);
    m_job = job;
    m_submitted = true;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->isOk()) {
            finish(job->error());
            return;
        }
        m_order = CapellaApi::parseOrder(job->json());
        if (m_order.status == u"rejected"_s) {
            const QString why = NetworkError::messageFromBody(QJsonDocument(job->json()).toJson());
            NetworkError rejected = NetworkError::make(NetworkError::Kind::Http,
                why.isEmpty() ? tr("Capella rejected the order %1").arg(m_order.id)
                              : tr("Capella rejected the order %1: %2").arg(m_order.id, why));
            rejected.code = u"ORDER_REJECTED"_s; // answered: it was not placed
            finish(rejected);
            return;
        }
        finish();
    });
}

void CapellaSubmitOrderJob::cancel()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
    StacJob::cancel();
}

// --- CapellaCollectProductsJob ---

CapellaCollectProductsJob::CapellaCollectProductsJob(CapellaClient *client, const QString &taskingRequestId,
    const QStringList &collectIds, const QStringList &productTypes, QObject *parent)
    : StacJob(parent)
    , m_client(client)
    , m_productTypes(productTypes)
    , m_store(std::make_unique<ItemStore>())
{
    if (taskingRequestId.isEmpty()) {
        QTimer::singleShot(0, this, [this, collectIds] {
            if (!isFinished()) {
                searchProducts(collectIds);
            }
        });
        return;
    }
    JsonCallJob *job = client->collects(taskingRequestId);
    job->setParent(this);
    m_job = job;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->isOk()) {
            finish(job->error());
            return;
        }
        m_collects = CapellaApi::parseCollects(job->array());
        QStringList ids;
        for (const CapellaCollect &c : std::as_const(m_collects)) {
            ids.append(c.id);
        }
        searchProducts(ids);
    });
}

CapellaCollectProductsJob::~CapellaCollectProductsJob() = default;

void CapellaCollectProductsJob::searchProducts(const QStringList &collectIds)
{
    if (collectIds.isEmpty()) {
        finish();
        return;
    }
    SearchParameters p;
    p.limit = CapellaApi::MaxPageSize;
    p.query.insert(u"capella:collect_id"_s, QJsonObject { { u"in"_s, QJsonArray::fromStringList(collectIds) } });
    if (!m_productTypes.isEmpty()) {
        p.query.insert(u"sar:product_type"_s, QJsonObject { { u"in"_s, QJsonArray::fromStringList(m_productTypes) } });
    }
    CapellaSearchJob *job = m_client->search(p, m_store.get());
    job->setParent(this);
    m_job = job;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        addWarnings(job->warnings());
        if (!job->isOk()) {
            finish(job->error());
            return;
        }
        for (const ItemRecord &r : m_store->items()) {
            m_granules.append({ r.collection, r.id });
        }
        finish();
    });
}

void CapellaCollectProductsJob::cancel()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
    StacJob::cancel();
}

} // namespace StacScope
