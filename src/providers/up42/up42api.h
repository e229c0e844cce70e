#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include "src/download/downloadtask.h"
#include "src/net/networkerror.h"

// UP42's API as plain data: what the calls of ../shared/providers/up42.md send and what their
// answers mean, without any I/O, so the client, the CLI, the poller and the panels share one
// reading of the provider (sections 4-9 of the notes).
namespace StacScope {

// One order (GET /v2/orders, section 4). ARCHIVE orders carry orderDetails.imageId.
struct Up42Order
{
    QString id;
    QString workspaceId;
    QString accountId;
    QString type; // "TASKING" | "ARCHIVE"
    QString dataProductId;
    QString status; // CREATED ... FULFILLED, FAILED_PERMANENTLY, CANCELED
    QString subStatus; // orderDetails.subStatus (tasking): FEASIBILITY_WAITING_UPLOAD ...
    QString displayName;
    QStringList tags;
    QDateTime createdAt;
    QDateTime updatedAt;
    QJsonObject details; // orderDetails as sent
    QJsonObject raw;

    bool isFinal() const;
    // POST /v2/orders/{id}/cancellation is only taken in these statuses.
    bool isCancelable() const;
};

// One asset in storage (GET /v2/assets, section 7).
struct Up42Asset
{
    QString id;
    QString workspaceId;
    QString name; // the file name: "oneatlas_bd1ef383.zip"
    QString title;
    qint64 size = -1;
    QString contentType;
    QString extractionStatus; // geospatialMetadataExtractionStatus
    QString orderId;
    QString productId;
    QString source; // ARCHIVE, TASKING, PROCESSING, USER
    QString producerName;
    QString collectionName;
    QStringList tags;
    QDateTime createdAt;
    QDateTime updatedAt;
    QJsonObject raw;
};

// A tasking quotation (section 5): its price in credits, waiting for a decision.
struct Up42Quotation
{
    QString id;
    QString orderId;
    QString workspaceId;
    qint64 creditsPrice = -1;
    QString decision; // NOT_DECIDED, ACCEPTED, REJECTED
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime decisionAt;
    QJsonObject raw;
};

// A feasibility study (section 5): options to choose one of.
struct Up42FeasibilityStudy
{
    struct Option
    {
        QString id;
        QString description;
        QJsonObject raw;
    };
    QString id;
    QString orderId;
    QString workspaceId;
    QString decision; // NOT_DECIDED, ACCEPTED
    QList<Option> options;
    QString decisionOptionId;
    QDateTime createdAt;
    QDateTime decisionAt;
    QJsonObject raw;
};

// POST /v2/orders/estimate: credits per feature, and the features refused.
struct Up42Estimate
{
    struct Line
    {
        int index = 0;
        qint64 credits = 0;
        double size = 0;
        QString unit;
    };
    struct Problem
    {
        int index = 0;
        QString message;
        QString details;
    };
    qint64 totalCredits = -1;
    double totalSize = 0;
    QString unit; // SQ_KM | SCENE
    QList<Line> lines;
    QList<Problem> errors;
};

// POST /v2/orders: one order per feature, and the features refused.
struct Up42Placement
{
    struct Placed
    {
        int index = 0;
        QString orderId;
    };
    QList<Placed> placed;
    QList<Up42Estimate::Problem> errors;
};

namespace Up42Api {

inline constexpr int DefaultPageSize = 100; // Spring's default is 20; fewer round trips

// ---- orders ----
struct OrderFilter
{
    QString workspaceId; // empty: the whole account
    QString type; // TASKING | ARCHIVE
    QStringList statuses;
    QStringList subStatuses;
    QString displayName; // a substring
    QStringList tags;
    QString sort; // "createdAt,desc" (field,asc|desc); empty: the server's default
};
QUrl ordersUrl(const QUrl &api, const OrderFilter &filter);
QUrl orderUrl(const QUrl &api, const QString &orderId);
QUrl cancellationUrl(const QUrl &api, const QString &orderId);
QUrl estimateUrl(const QUrl &api);
QUrl placeUrl(const QUrl &api, const QString &workspaceId);
// The merge-patch body that sets an order's tags.
QJsonObject tagsPatch(const QStringList &tags);
// The order payload (section 4): one order per feature of `features`.
QJsonObject orderPayload(const QString &dataProductId, const QString &displayName, const QJsonObject &params,
    const QJsonArray &features, const QStringList &tags = {});

Up42Order parseOrder(const QJsonObject &o);
Up42Estimate parseEstimate(const QJsonObject &o);
Up42Placement parsePlacement(const QJsonObject &o);

// The documented values (section 4), for forms and the CLI's checks.
QStringList orderStatuses();
QStringList orderSubStatuses();
QStringList orderSortFields();

// ---- assets ----
struct AssetFilter
{
    QDateTime createdAfter;
    QDateTime createdBefore;
    QString workspaceId;
    QStringList collectionNames;
    QStringList producerNames;
    QStringList tags;
    QStringList sources; // ARCHIVE, TASKING, PROCESSING, USER
    QString search; // substring of name, title or order id (an order's assets: its id)
    QString sortField; // name, title, size, createdAt, updatedAt, source, collectionName, producerName
    bool descending = false;
};
QUrl assetsUrl(const QUrl &api, const AssetFilter &filter);
QUrl assetUrl(const QUrl &api, const QString &assetId); // the file itself (and the base of download-url)
QUrl assetMetadataUrl(const QUrl &api, const QString &assetId);
// POST {href}/download-url -> {"url": signed}
QUrl downloadUrlOf(const QUrl &href);
QJsonObject assetMetadataBody(const QString &title, const QStringList &tags);
Up42Asset parseAsset(const QJsonObject &o);
QStringList assetSortFields();
QStringList assetSources();

// ---- tasking ----
QUrl quotationsUrl(
    const QUrl &api, const QString &workspaceId, const QString &orderId = {}, const QStringList &decisions = {});
QUrl quotationUrl(const QUrl &api, const QString &quotationId);
QUrl studiesUrl(
    const QUrl &api, const QString &workspaceId, const QString &orderId = {}, const QStringList &decisions = {});
QUrl studyUrl(const QUrl &api, const QString &studyId);
QJsonObject quotationDecision(bool accept);
QJsonObject studyDecision(const QString &optionId);
Up42Quotation parseQuotation(const QJsonObject &o);
Up42FeasibilityStudy parseStudy(const QJsonObject &o);

// ---- the orderable catalog (section 6) ----
QUrl collectionsUrl(const QUrl &api); // Spring-paged
QUrl hostSearchUrl(const QUrl &api, const QString &host);
QUrl quicklookUrl(const QUrl &api, const QString &host, const QString &sceneId);
// The data products of a catalog collection ({name, ..., dataProducts: [{id, name, title}]}).
struct DataProduct
{
    QString id;
    QString name;
    QString title;
    QString collection;
};
QList<DataProduct> parseDataProducts(const QJsonObject &collection);

// ---- Spring pages (section 3) ----
// The page's items and whether another follows (page + 1 < totalPages).
QJsonArray pageContent(const QJsonObject &page);
bool hasNextPage(const QJsonObject &page, int pageIndex);
QUrl withPage(const QUrl &url, int page, int size);

// ---- storage STAC and downloads (sections 8, 9) ----
QUrl storageStacUrl(const QUrl &api); // {api}/v2/assets/stac/
// Whether `href` is a file in this API's storage ({api}/v2/assets/<id>): only those are signed.
bool isStorageHref(const QUrl &api, const QUrl &href);
QString assetIdOfHref(const QUrl &href);
// The file name a signed link gives in its response-content-disposition ("attachment;
// filename=x.zip"), or empty; never a path.
QString fileNameOfSignedUrl(const QUrl &signedUrl);
// The signed URL of a download-url answer; empty when it has none.
QUrl parseSignedUrl(const QJsonObject &answer);
// What a storage STAC item asset is, from its roles and title (its key is a file name):
// "data", "metadata", "thumbnail", "overview" or "other".
QString assetRole(const QJsonObject &stacAsset);

// A download of asset `assetId` (its file `name`) into `directory`: the task's URL is the asset's
// href on the API, signed by the account's UrlRefresher at start and whenever the link expired.
DownloadTask planAssetDownload(const QUrl &api, const QString &assetId, const QString &name, qint64 size,
    const QString &directory, const QString &sourceId, const QString &title = {});

// "2026-05-01T10:00:00Z", as the API takes dates.
QString formatTime(const QDateTime &time);
QDateTime parseTime(const QJsonValue &value);
// The problem+json detail or the catalog's {"error": {"message"}}, in words; 422s included.
QString explain(const NetworkError &error);

} // namespace Up42Api

} // namespace StacScope
