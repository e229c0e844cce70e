#pragma once

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include "src/providers/jsoncalljob.h"
#include "src/providers/up42/up42api.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class NetworkClient;

// Every page of a Spring-paged list (section 3 of the notes): page 0, 1, ... until page + 1 >=
// totalPages, or until `maxItems` were collected (0: all of them).
class Up42PagedJob : public StacJob
{
    Q_OBJECT
public:
    Up42PagedJob(NetworkClient *network, const QUrl &url, int maxItems = 0, int pageSize = Up42Api::DefaultPageSize,
        QObject *parent = nullptr);
    void cancel() override;

    const QJsonArray &items() const { return m_items; }
    int pages() const { return m_pages; }
    // The first page's totalElements; -1 when the server did not say.
    qint64 totalElements() const { return m_total; }

Q_SIGNALS:
    void progress(int items, qint64 total);

private:
    void fetch(int page);

    NetworkClient *m_network;
    QUrl m_url;
    int m_maxItems;
    int m_pageSize;
    QPointer<JsonCallJob> m_call;
    QJsonArray m_items;
    int m_pages = 0;
    qint64 m_total = -1;
};

// UP42's API as jobs on NetworkClient. The bearer token is the account session's business: it is
// bound in the CredentialRouter for the API host only, so signed storage links never get it.
class Up42Client : public QObject
{
    Q_OBJECT
public:
    Up42Client(NetworkClient *network, const QUrl &api, QObject *parent = nullptr);

    NetworkClient *network() const { return m_network; }
    QUrl apiUrl() const { return m_api; }
    void setApiUrl(const QUrl &api) { m_api = api; }

    // Orders
    Up42PagedJob *orders(const Up42Api::OrderFilter &filter, int maxItems = 0);
    JsonCallJob *order(const QString &orderId);
    JsonCallJob *setOrderTags(const QString &orderId, const QStringList &tags); // merge-patch
    // Sent once, never retried; only after the user confirmed.
    JsonCallJob *cancelOrder(const QString &orderId);
    // A price check in credits: changes nothing, may be repeated.
    JsonCallJob *estimate(const QJsonObject &payload);
    // Costs credits: sent once, never retried; only after the user confirmed.
    JsonCallJob *placeOrder(const QString &workspaceId, const QJsonObject &payload);

    // Storage
    Up42PagedJob *assets(const Up42Api::AssetFilter &filter, int maxItems = 0);
    JsonCallJob *asset(const QString &assetId); // its metadata
    JsonCallJob *updateAsset(const QString &assetId, const QString &title, const QStringList &tags);
    // POST {href}/download-url: a signed link to the file on the storage host.
    JsonCallJob *signedUrl(const QUrl &href);

    // The orderable catalog
    Up42PagedJob *collections(int maxItems = 0);
    // POST /catalog/hosts/{host}/stac/search with a STAC body and the proprietary
    // query.cloudCoverage; a bad query is a 422 whose message says why.
    JsonCallJob *searchHost(const QString &host, const QJsonObject &body);

    // Tasking
    Up42PagedJob *quotations(
        const QString &workspaceId, const QString &orderId = {}, const QStringList &decisions = {}, int maxItems = 0);
    Up42PagedJob *feasibilityStudies(
        const QString &workspaceId, const QString &orderId = {}, const QStringList &decisions = {}, int maxItems = 0);
    // Accepting commits the credits quoted: sent once, never retried; only after the user confirmed.
    JsonCallJob *decideQuotation(const QString &quotationId, bool accept);
    JsonCallJob *decideStudy(const QString &studyId, const QString &optionId);

private:
    NetworkClient *m_network;
    QUrl m_api;
};

} // namespace StacScope
