#include "src/providers/up42/up42client.h"

#include <QJsonDocument>

#include "src/net/networkclient.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Changes something at the provider that must happen once: never repeated by the network layer.
HttpRequest once(const QByteArray &method, const QUrl &url, const QJsonObject &body)
{
    HttpRequest r = HttpRequest::sendJson(method, url, compact(body));
    r.costsMoney = true;
    r.retryable = false;
    return r;
}

} // namespace

Up42PagedJob::Up42PagedJob(NetworkClient *network, const QUrl &url, int maxItems, int pageSize, QObject *parent)
    : StacJob(parent)
    , m_network(network)
    , m_url(url)
    , m_maxItems(qMax(0, maxItems))
    , m_pageSize(qBound(1, pageSize, 2000))
{
    if (m_maxItems > 0) {
        m_pageSize = qMin(m_pageSize, m_maxItems);
    }
    fetch(0);
}

void Up42PagedJob::cancel()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
        m_call->deleteLater();
    }
    finish(NetworkError::make(NetworkError::Kind::Canceled, tr("Canceled")));
}

void Up42PagedJob::fetch(int page)
{
    auto *call = new JsonCallJob(m_network, HttpRequest::get(Up42Api::withPage(m_url, page, m_pageSize)), this);
    m_call = call;
    connect(call, &StacJob::finished, this, [this, call, page] {
        call->deleteLater();
        if (isFinished()) {
            return;
        }
        if (!call->isOk()) {
            finish(call->error());
            return;
        }
        const QJsonObject body = call->json();
        if (!body.value(u"content"_s).isArray()) {
            finish(NetworkError::make(NetworkError::Kind::BadResponse,
                tr("UP42 answered page %1 without a \"content\" list").arg(page), call->request().url));
            return;
        }
        ++m_pages;
        if (page == 0 && body.value(u"totalElements"_s).isDouble()) {
            m_total = qint64(body.value(u"totalElements"_s).toDouble());
        }
        for (const QJsonValue &v : Up42Api::pageContent(body)) {
            if (m_maxItems > 0 && m_items.size() >= m_maxItems) {
                break;
            }
            m_items.append(v);
        }
        Q_EMIT progress(int(m_items.size()), m_total);
        const bool full = m_maxItems > 0 && m_items.size() >= m_maxItems;
        // An empty page ends it too, whatever totalPages says.
        if (full || Up42Api::pageContent(body).isEmpty() || !Up42Api::hasNextPage(body, page)) {
            finish();
            return;
        }
        fetch(page + 1);
    });
}

Up42Client::Up42Client(NetworkClient *network, const QUrl &api, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_api(api)
{}

Up42PagedJob *Up42Client::orders(const Up42Api::OrderFilter &filter, int maxItems)
{
    return new Up42PagedJob(m_network, Up42Api::ordersUrl(m_api, filter), maxItems, Up42Api::DefaultPageSize, this);
}

JsonCallJob *Up42Client::order(const QString &orderId)
{
    return new JsonCallJob(m_network, HttpRequest::get(Up42Api::orderUrl(m_api, orderId)), this);
}

JsonCallJob *Up42Client::setOrderTags(const QString &orderId, const QStringList &tags)
{
    HttpRequest r
        = HttpRequest::sendJson("PATCH", Up42Api::orderUrl(m_api, orderId), compact(Up42Api::tagsPatch(tags)));
    r.contentType = "application/merge-patch+json";
    r.retryable = true; // setting the same tags twice is harmless
    return new JsonCallJob(m_network, r, this);
}

JsonCallJob *Up42Client::cancelOrder(const QString &orderId)
{
    HttpRequest r = once("POST", Up42Api::cancellationUrl(m_api, orderId), {});
    r.body.clear();
    r.contentType.clear();
    return new JsonCallJob(m_network, r, this);
}

JsonCallJob *Up42Client::estimate(const QJsonObject &payload)
{
    HttpRequest r = HttpRequest::postJson(Up42Api::estimateUrl(m_api), compact(payload));
    r.retryable = true; // a price check changes nothing
    return new JsonCallJob(m_network, r, this);
}

JsonCallJob *Up42Client::placeOrder(const QString &workspaceId, const QJsonObject &payload)
{
    return new JsonCallJob(m_network, once("POST", Up42Api::placeUrl(m_api, workspaceId), payload), this);
}

Up42PagedJob *Up42Client::assets(const Up42Api::AssetFilter &filter, int maxItems)
{
    return new Up42PagedJob(m_network, Up42Api::assetsUrl(m_api, filter), maxItems, Up42Api::DefaultPageSize, this);
}

JsonCallJob *Up42Client::asset(const QString &assetId)
{
    return new JsonCallJob(m_network, HttpRequest::get(Up42Api::assetMetadataUrl(m_api, assetId)), this);
}

JsonCallJob *Up42Client::updateAsset(const QString &assetId, const QString &title, const QStringList &tags)
{
    HttpRequest r = HttpRequest::postJson(
        Up42Api::assetMetadataUrl(m_api, assetId), compact(Up42Api::assetMetadataBody(title, tags)));
    r.retryable = true; // the same title and tags again change nothing
    return new JsonCallJob(m_network, r, this);
}

JsonCallJob *Up42Client::signedUrl(const QUrl &href)
{
    HttpRequest r = HttpRequest::postJson(Up42Api::downloadUrlOf(href), QByteArray());
    r.contentType.clear();
    r.retryable = true; // a new link each time, nothing else changes
    return new JsonCallJob(m_network, r, this);
}

Up42PagedJob *Up42Client::collections(int maxItems)
{
    return new Up42PagedJob(m_network, Up42Api::collectionsUrl(m_api), maxItems, Up42Api::DefaultPageSize, this);
}

JsonCallJob *Up42Client::searchHost(const QString &host, const QJsonObject &body)
{
    HttpRequest r = HttpRequest::postJson(Up42Api::hostSearchUrl(m_api, host), compact(body));
    r.retryable = true; // a search changes nothing
    return new JsonCallJob(m_network, r, this);
}

Up42PagedJob *Up42Client::quotations(
    const QString &workspaceId, const QString &orderId, const QStringList &decisions, int maxItems)
{
    return new Up42PagedJob(m_network, Up42Api::quotationsUrl(m_api, workspaceId, orderId, decisions), maxItems,
        Up42Api::DefaultPageSize, this);
}

Up42PagedJob *Up42Client::feasibilityStudies(
    const QString &workspaceId, const QString &orderId, const QStringList &decisions, int maxItems)
{
    return new Up42PagedJob(m_network, Up42Api::studiesUrl(m_api, workspaceId, orderId, decisions), maxItems,
        Up42Api::DefaultPageSize, this);
}

JsonCallJob *Up42Client::decideQuotation(const QString &quotationId, bool accept)
{
    return new JsonCallJob(
        m_network, once("PATCH", Up42Api::quotationUrl(m_api, quotationId), Up42Api::quotationDecision(accept)), this);
}

JsonCallJob *Up42Client::decideStudy(const QString &studyId, const QString &optionId)
{
    return new JsonCallJob(
        m_network, once("PATCH", Up42Api::studyUrl(m_api, studyId), Up42Api::studyDecision(optionId)), this);
}

} // namespace StacScope
