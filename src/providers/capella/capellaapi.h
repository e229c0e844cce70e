#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include "src/download/downloadtask.h"
#include "src/providers/capella/capellatypes.h"
#include "src/providers/parameterspec.h"
#include "src/stac/searchparameters.h"

namespace StacScope {

struct NetworkError;

// Capella Space's Console API as plain functions: URLs, request bodies and response parsers,
// written after ../shared/providers/capella.md (read from capella-console-client) and tested
// against its documented JSON. The jobs are in capellaclient.h.
namespace CapellaApi {

constexpr int MaxPageSize = 900; // the catalog's largest page
constexpr int MaxResults = 10000; // the catalog answers no further into one query
constexpr int RequestPageSize = 250; // tasking / repeat request search pages (<= 500)

// --- URLs (below the "api" endpoint) ---
QUrl userUrl(const QUrl &api);
QUrl searchUrl(const QUrl &api);
QUrl collectionsUrl(const QUrl &api);
QUrl ordersUrl(const QUrl &api); // POST: submit
QUrl orderReviewUrl(const QUrl &api);
QUrl orderListUrl(const QUrl &api, const QString &userId);
QUrl orderUrl(const QUrl &api, const QString &orderId);
QUrl presignUrl(const QUrl &api, const QString &orderId);
QUrl requestUrl(const QUrl &api, CapellaRequest::Kind kind, const QString &id = {}); // POST /task, GET /task/{id}
QUrl requestStatusUrl(const QUrl &api, CapellaRequest::Kind kind, const QString &id);
QUrl requestSearchUrl(const QUrl &api, CapellaRequest::Kind kind, int page, int limit = RequestPageSize);
QUrl collectsUrl(const QUrl &api, const QString &taskingRequestId);
QUrl collectionTypesUrl(const QUrl &api);

// --- Catalog ---
// The STAC property a query field names: a friendly name of the console client
// ("instrument_mode" -> "sar:instrument_mode"), or the name itself ("sar:product_type", "datetime").
QString propertyFor(const QString &field);
// The friendly names, for help texts and completion.
QStringList queryFields();

// A search as Capella takes it: the Query extension instead of CQL2.
struct CatalogQuery
{
    QJsonObject body; // without "page"
    // The part of the filter the Query extension cannot express, applied to each page here.
    QJsonObject localFilter;
    QStringList notes; // what was applied locally, and why
    QString error; // nothing can be sent (a filter neither the server nor we can evaluate)
};
// Translates the generic search: datetime and the CQL2 filter into `query` (eq, in, gt, gte,
// lt, lte; `between` and `and` too), sortby with "properties." prefixes, limit capped at 900,
// `extraBody` (e.g. "ownership") as given. Conjuncts the query extension cannot express (or,
// not, like, spatial operators, property-to-property comparisons) go to `localFilter`.
CatalogQuery searchBody(const SearchParameters &parameters);
// The URL a next page is POSTed to: Capella's next links may name another host (the STAC
// server's, not the API gateway's), so the page goes to our own search URL with the link's query.
QUrl nextPageUrl(const QUrl &api, const QUrl &nextHref, int page);

// Value of `field` (a friendly name, a property, "id" or "collection") in a STAC item; lists
// are joined with ','; an empty string when absent.
QString groupValue(const QJsonObject &item, const QString &field);

// --- Orders ---
QJsonObject orderBody(const QList<CapellaGranule> &granules, const QString &contractId = {});
CapellaOrder parseOrder(const QJsonObject &order);
QList<CapellaOrder> parseOrders(const QJsonArray &orders);
CapellaOrderReview parseReview(const QJsonObject &review);
QList<CapellaPresignedItem> parsePresigned(const QJsonArray &items);
// The active order (latest expiry first) that already holds every one of `granuleIds`, as the
// console client's check_active_orders looks for it; -1 when there is none.
int activeOrderHolding(const QList<CapellaOrder> &orders, const QStringList &granuleIds, const QDateTime &now);

// Which of an order's assets to download (seed 003's download_products filters).
struct AssetFilter
{
    QStringList productTypes; // empty: all (GEO, SLC...)
    QStringList include; // asset keys; "raster" stands for HH and VV; empty: all
    QStringList exclude; // wins over include
    bool flat = false; // all files in one folder instead of one per product
    // Files that exist are kept (the console client's default) unless this is set.
    bool overwrite = false;
};
bool assetWanted(const QString &key, const AssetFilter &filter);
// One download per wanted asset, to <directory>/<granule id>/<file name of the href> (or flat).
// The task's URL is the order's presign endpoint (linkFromProvider): the session's UrlRefresher
// finds the item's asset in a fresh presign answer. Names from the server are sanitised and kept
// inside `directory`.
QList<DownloadTask> planDownload(const QList<CapellaPresignedItem> &items, const QString &orderId, const QUrl &api,
    const QString &directory, const AssetFilter &filter, const QString &sourceId);
// The order a download task was planned from, from its presign URL; empty when it is not one.
QString orderIdOfTask(const DownloadTask &task);

// --- Tasking and repeat requests ---
// Every constraint the console client offers, with the enumerations of capella.md §8.
ParameterSpecs parameterSpecs(CapellaRequest::Kind kind);

struct RequestDraft
{
    CapellaRequest::Kind kind = CapellaRequest::Kind::Tasking;
    QString name;
    QString description;
    QJsonObject geometry; // GeoJSON Point or Polygon
    QDateTime windowOpen; // tasking: defaults to now .. now + 7 days
    QDateTime windowClose;
    QVariantMap values; // by ParameterSpec key, typed (Parameters::parse)
    QString contractId;
};
// Validates the draft (each problem named by its key: "name", "target", "window" or a
// parameter) and builds the POST /task or /repeat-requests body. Empty when there are issues.
QJsonObject requestBody(const RequestDraft &draft, const QDateTime &now, QList<ParameterIssue> *issues);
// The fields an existing request may change: name, description, custom_attribute_1/2 and
// product_types (given in `values`). Empty, with issues, when nothing or something else is given.
QJsonObject updateBody(CapellaRequest::Kind kind, const QString &name, const QString &description,
    const QVariantMap &values, QList<ParameterIssue> *issues);
QJsonObject cancelBody();
QJsonObject approvalBody(bool approve);

struct RequestFilter
{
    QString status; // lastStatusCode
    bool forOrganization = false; // organizationIds instead of userId
    QDateTime submittedAfter;
    QDateTime submittedBefore;
    QStringList collectionTypes;
    QString collectionTier;
    QStringList ids;
    // Tasking search only: also the tasking requests derived from repeat requests (the console
    // client always leaves them out).
    bool includeRepeating = false;
};
// POST /tasks/search takes {"query": ...}, /repeat-requests/search {"filter": ...}.
QJsonObject requestSearchBody(
    CapellaRequest::Kind kind, const RequestFilter &filter, const QString &userId, const QString &organizationId);

CapellaRequest parseRequest(const QJsonObject &feature, CapellaRequest::Kind kind);
QList<CapellaStatus> parseHistory(const QJsonArray &history);
QList<CapellaCollect> parseCollects(const QJsonArray &collects);

// "2020-04-21T22:18:57.936Z", as the console client sends times.
QString formatTime(const QDateTime &time);

// The error code of a failed call: the body's own, or the client's mapping of messages
// ("Unauthorized" without a code is INVALID_API_KEY, "order expired" is ORDER_EXPIRED...).
QString errorCode(const NetworkError &error);
// What to do about a failure, in words, for the CLI and the dialogs; empty when nothing useful.
QStringList explain(const NetworkError &error);

} // namespace CapellaApi

} // namespace StacScope
