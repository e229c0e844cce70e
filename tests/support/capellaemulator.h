#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "tests/support/receivedrequest.h"

namespace StacScope {

class HttpServer;
class HttpServerResponse;

// The Capella Space Console API on loopback, after ../shared/providers/capella.md: one API host
// (auth, STAC catalog search, archive orders, tasking and repeat requests) and a file host that
// stands in for S3 and serves the presigned links of /orders/{id}/download. Two servers, two
// origins: a client must never send its API key to the file host (it answers 400 when it sees any
// Authorization header, as S3 does).
//
// Everything time-dependent (token and order expiry, link expiry, the tasking life cycle) runs on
// an emulator clock: real UTC plus an offset that tests move forward with advanceClock().
//
// Answers are JSON with camelCase keys as in capella.md; POST /task and POST /repeat-requests answer
// 201, everything else 200. The authorizer answers 401 {"message": "Unauthorized"} (no code). Other
// errors are {"error": {"message", "code"[, "detail"]}} with the codes of section 9, plus NOT_FOUND
// (404) and METHOD_NOT_ALLOWED (405). Validation failures are 400 VALIDATION_ERROR with detail
// "<field>: <why>", the field named below "properties" (e.g. "collectConstraints.offNadirMin",
// "windowClose", "geometry", "repetitionProperties.repetitionInterval"). PATCH .../status answers
// {"status": "canceled" | "approved" | "rejected"} ("cancelled" is accepted for "canceled").
// POST /tasks/search needs "query" with userId or organizationIds; "in" and unknown keys are refused.
//
// Tasking life cycle (times after creation C, or after submission S):
//   C        "received"   transactionStatus ""
//   C+60     "review"     transactionStatus "pending-customer-approval" (priced; needs
//                         PATCH /task/{id}/status {"status":"approved"}, which submits at that moment,
//                         or {"status":"rejected"}); a review still open at windowClose turns "expired".
//            A pre-approved request (pre_approval / preapproval / preApproval true) skips review:
//            it is "submitted" at C+60 (S = C+60).
//   S        "submitted"  transactionStatus "in-progress"
//   S+120    "accepted"   tiles listed by /tiles/list
//   S+300    "active"     one collect per tile in /collects/list, collect status "predicted" at S+300,
//                         "tasked" S+360, "collected" S+420, "processing" S+480, "qa" S+540
//   S+600    "completed"  transactionStatus "completed"; collects "delivered"; each collect adds a GEO
//                         (collection capella-geo) and an SLC (capella-archive) product to the catalog,
//                         ownership ownedByOrganization, capella:collect_id = the collect's collectId.
// Canceling (allowed until a final status) freezes everything at that moment. Final statuses:
// completed, canceled, rejected, expired (transactionStatus completed, customer-cancelled,
// customer-rejected, expired).
// Repeat requests: "received" at C, "review" at C+60 (costPerImageEstimate set) or "submitted" at C+60
// when pre-approved; after approval S: "accepted" S+120, "active" S+300, when the first derived tasking
// request (repeatrequestId set, pre-approved, window = the first repetition, named "<name> #1") is
// created; the n-th follows repetitionInterval days later each (S+300 + (n-1) x interval), until
// repetitionCount of them or repeatEnd, or the repeat request is canceled.
class CapellaEmulator : public QObject
{
    Q_OBJECT

public:
    enum class Service
    {
        Api,
        Files
    };

    static constexpr QStringView DefaultApiKey = u"emulator-capella-key";
    static constexpr QStringView DefaultToken = u"emulator-capella-jwt"; // a JWT that never expires
    static constexpr QStringView UserId = u"5a0f6e88-1f6a-4e4a-9b0e-0c5d8f6a2c11";
    static constexpr QStringView OrganizationId = u"9c2b7d41-3e8f-4a6b-b5d0-7e1f2a3c4d55";
    static constexpr QStringView Email = u"emulator@capella.example";
    static constexpr QStringView Password = u"emulator-password"; // legacy POST /token (Basic)
    // The catalog's `next` links name this foreign host, as the real STAC server does ("normalized
    // hrefs, not api gateway"): a client must re-POST its body to its own search URL.
    static constexpr QStringView DefaultNextLinkBase = u"https://stac.internal.capella.example";
    // Asset hrefs of catalog items (generateItems, setItems) that start with this origin are served
    // with filesUrl() in its place. Paths on the file host: /<bucket>/data/<yyyy>/<M>/<d>/<id>/<file>.
    static constexpr QStringView AssetOrigin = u"https://capella-emulator-data.s3.us-west-2.amazonaws.com";
    static constexpr QStringView ArchiveBucket = u"capella-prod-data"; // private: presigned links only
    static constexpr QStringView OpenDataBucket = u"capella-open-data"; // public: unsigned GET works
    static constexpr QStringView AccessKeyId = u"EMULATORKEY";
    static constexpr int DefaultSearchLimit = 500;
    static constexpr int MaxSearchLimit = 900; // larger limits are clamped
    static constexpr int SearchResultCap = 10000; // no item beyond this index of a query is returned
    static constexpr int DefaultTaskSearchLimit = 250;
    static constexpr int MaxTaskSearchLimit = 500;
    static constexpr int MaxApiKeys = 3; // per user; POST /keys refuses more
    static constexpr qint64 ThumbnailSize = 20480;
    // Life cycle offsets, in seconds (see above).
    static constexpr int ReviewAfter = 60;
    static constexpr int AcceptedAfter = 120;
    static constexpr int ActiveAfter = 300;
    static constexpr int CompletedAfter = 600;

    explicit CapellaEmulator(QObject *parent = nullptr);
    ~CapellaEmulator() override;

    // The API on `address`:basePort, the file host on `filesAddress`:basePort+1 (free ports when
    // basePort is 0). Tests use 127.0.0.2 for the file host so that it is another host, as S3 is.
    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost), quint16 basePort = 0,
        const QHostAddress &filesAddress = QHostAddress(QStringLiteral("127.0.0.2")));
    void close();
    QString errorString() const { return m_errorString; }
    QUrl apiUrl() const; // http://127.0.0.1:P, no path
    QUrl filesUrl() const; // the "S3" origin of presigned links
    HttpServer *server(Service service) const;
    QList<ReceivedRequest> requests(Service service) const;
    void clearRequests();
    // Off for a long-running standalone emulator, whose logs would grow without bound.
    void setRecordingEnabled(bool enabled);

    // ---- auth: "Authorization: ApiKey <key>" (prefix in any case) or "Bearer <token>" ----
    void addApiKey(const QString &key);
    void revokeApiKey(const QString &key);
    QStringList apiKeys() const;
    // The next `count` API requests (after the token routes) get `status` (429: with Retry-After).
    void rejectNextApiRequests(int count, int status = 429, int retryAfterSeconds = 1);

    QDateTime now() const; // real UTC + the offset
    void advanceClock(qint64 seconds);
    // The next `count` API requests with this method and path are carried out, but their answer is
    // lost: the connection closes without a response (a client must not assume it failed).
    void loseAnswers(const QByteArray &method, const QString &path, int count = 1);

    // ---- catalog (POST /catalog/search) ----
    // Without "limit" a page holds DefaultSearchLimit items; larger limits are clamped to
    // MaxSearchLimit. Without "sortby" the order is properties.datetime descending, then id
    // ascending (id is also the tie-break after any sortby). Errors: 400 VALIDATION_ERROR.
    // Realistic Capella STAC items, the same for the same count and seed: collects of one to three
    // products (GEO and SLC, sometimes GEC or SICD) sharing capella:collect_id, collections
    // capella-open-data, capella-geo (GEO products) and capella-archive (the others).
    static QList<QJsonObject> generateItems(int count, quint32 seed = 1);
    void setItems(const QList<QJsonObject> &items); // default: generateItems(60)
    // The stored items plus the products of completed tasking requests, as stored (asset hrefs
    // still on AssetOrigin).
    QList<QJsonObject> items() const;
    // An item as served: asset hrefs moved to filesUrl(). Empty when unknown.
    QJsonObject item(const QString &id) const;
    // ownedByOrganization, publiclyAvailable, sharedWithOrganization or availableForPurchase.
    // Default: capella-open-data items are publiclyAvailable, the others mostly availableForPurchase
    // (every 7th ownedByOrganization, every 11th sharedWithOrganization, by position).
    void setItemOwnership(const QString &id, const QString &ownership);
    QString itemOwnership(const QString &id) const;
    void setNextLinkBase(const QUrl &base) { m_nextLinkBase = base; }
    QUrl nextLinkBase() const { return m_nextLinkBase; }
    // When on, every page after the first starts with the last item of the previous page again.
    void setDuplicateAcrossPages(bool on) { m_duplicateAcrossPages = on; }

    // ---- orders ----
    // Archive prices per granule: spotlight $1,250.00, sliding_spotlight $1,000.00, stripmap $750.00;
    // $0.00 when the item is not availableForPurchase or was in an earlier (not rejected) order.
    // Tasking prices per image (x tiles for polygons): spotlight $3,000, spotlight_ultra $4,500,
    // spotlight_wide $3,500, stripmap_20 $2,500, _50 $3,000, _100 $3,500 (parallel_ +$500); tier
    // urgent x2, priority x1.5, flexible x0.8, internal/insar-internal x0; holdback 30_day x1.1,
    // 1_year x1.25, permanent x1.5.
    void setInsufficientFunds(bool on) { m_insufficientFunds = on; } // review: authorized false; submit: rejected
    void setRejectOrders(bool on) { m_rejectOrders = on; } // POST /orders answers orderStatus "rejected"
    void setOrderLifetime(qint64 seconds) { m_orderLifetime = seconds; } // default 7 days
    // Known contract ids; when not empty, any other contractId gets 400 CONTRACT_NOT_FOUND.
    void setContractIds(const QStringList &ids) { m_contractIds = ids; }
    int orderSubmissions() const { return m_orderSubmissions; } // POST /orders calls
    QStringList orderIds() const;
    QJsonObject order(const QString &orderId) const;
    // Price of one granule in USD for the caller (0 when public, owned or previously ordered).
    double granulePrice(const QString &granuleId) const;

    // ---- file host ----
    void setRasterSize(qint64 bytes); // default 512 KiB
    void setLinkLifetime(int seconds) { m_linkLifetime = seconds; } // presigned links; default 3600
    // The next `count` file bodies (GET 200/206) break off (connection closed) after `afterBytes`.
    void breakNextTransfers(int count, qint64 afterBytes);
    void setFilePacing(qsizetype chunkSize, int intervalMs);
    // assetKey: "HH", "VV" or "raster" (the GeoTIFF), "thumbnail" (PNG), "metadata" (extended JSON,
    // served without Content-Length). Empty for an unknown granule or key.
    QByteArray assetBytes(const QString &granuleId, const QString &assetKey) const;
    int fileRequestsWithAuthorization() const;

    // ---- tasking ----
    QJsonObject taskingRequest(const QString &id) const; // as GET /task/{id} answers now; empty when unknown
    QStringList taskingRequestIds() const; // in creation order
    // Seeds a tasking request Feature as is (its statusHistory does not move on the clock); returns its
    // taskingrequestId (a new uuid when missing). userId/orgId default to UserId/OrganizationId.
    QString addTaskingRequest(QJsonObject feature);
    QJsonArray collects(const QString &taskingRequestId) const;
    QJsonObject repeatRequest(const QString &id) const;
    QStringList repeatRequestIds() const;

private:
    struct Event
    {
        QDateTime time;
        QString code;
        QString message;
    };
    struct TaskingRecord
    {
        QString id;
        QJsonObject feature; // as created, without statusHistory and transactionStatus
        bool seeded = false; // its feature carries its own statusHistory
        QDateTime created;
        bool preApproval = false;
        QDateTime submitted; // invalid until submitted
        QString finalStatus; // "canceled" or "rejected" once the customer did so
        QDateTime finalAt;
    };
    struct RepeatRecord
    {
        QString id;
        QJsonObject feature;
        QDateTime created;
        bool preApproval = false;
        QDateTime submitted;
        QString finalStatus;
        QDateTime finalAt;
        int derived = 0; // tasking requests spawned so far, one per repetition
    };
    struct Order
    {
        QJsonObject json;
        QDateTime expires;
        bool rejected = false;
    };
    struct ValidationError
    {
        QString field;
        QString why;
    };

    // capellaemulator.cpp: hosts, routing, auth, shared helpers.
    void handleApi(const ReceivedRequest &request, HttpServerResponse &response);
    bool handleToken(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    bool isAuthorized(const ReceivedRequest &request) const;
    static QStringList pathSegments(const ReceivedRequest &request);
    static void sendJson(HttpServerResponse &response, int status, const QJsonValue &body);
    static void sendError(HttpServerResponse &response, int status, const QString &code, const QString &message,
        const QString &detail = {});
    static void sendValidationError(HttpServerResponse &response, const ValidationError &error);
    static void sendNotFound(HttpServerResponse &response, const QString &what);
    static void sendMethodNotAllowed(HttpServerResponse &response);
    // The body as a JSON object; sends 400 VALIDATION_ERROR and returns false otherwise.
    static bool jsonBody(const ReceivedRequest &request, HttpServerResponse &response, QJsonObject *body);
    static QString isoTime(const QDateTime &time); // 2020-04-21T22:18:57.936Z
    static QDateTime parseTime(const QJsonValue &value); // invalid when not a date-time (dates are midnight UTC)
    static QString money(double usd); // $1,250.00
    static QString newUuid();

    // capellaemulatorcatalog.cpp
    void handleCatalog(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    void searchCatalog(const ReceivedRequest &request, HttpServerResponse &response);
    QJsonObject served(const QJsonObject &item) const;
    const QJsonObject *findItem(const QString &id) const;
    QList<QJsonObject> taskingProducts() const;
    void rebuildIndex() const;

    // capellaemulatororders.cpp: orders and the file host.
    void handleOrders(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    void reviewOrder(const ReceivedRequest &request, HttpServerResponse &response);
    void submitOrder(const ReceivedRequest &request, HttpServerResponse &response);
    void presignOrder(HttpServerResponse &response, const Order &order);
    // Validates an order body; sends the error and returns false when it does not validate.
    bool orderItems(
        const ReceivedRequest &request, HttpServerResponse &response, QList<QJsonObject> *items, QString *contractId);
    bool previouslyOrdered(const QString &granuleId) const;
    QString assetKeyPath(const QJsonObject &item, const QString &fileName) const; // "/bucket/data/.../file"
    QString presign(const QString &path) const;
    QByteArray signature(const QString &path, qint64 expires) const;
    void handleFiles(const ReceivedRequest &request, HttpServerResponse &response);
    void sendS3Error(HttpServerResponse &response, int status, const QString &code, const QString &message,
        const QList<std::pair<QString, QString>> &extra = {});
    QByteArray metadataBytes(const QJsonObject &item) const;

    // capellaemulatorvalidation.cpp: request validation shared by tasking and repeat requests.
    bool validateGeometry(const QJsonValue &value, ValidationError *error) const;
    bool validateCommon(const QJsonObject &properties, bool repeat, ValidationError *error) const;
    bool validateConstraints(const QJsonValue &value, ValidationError *error) const;
    bool validateProcessingConfig(const QJsonValue &value, const QString &field, ValidationError *error) const;
    static bool readPreApproval(const QJsonObject &properties, bool *value, ValidationError *error);
    QJsonObject normalizedConstraints(
        const QJsonObject &given, const QString &geometryType, const QString &collectionType) const;
    static QJsonArray localTimeRanges(const QJsonValue &value);
    static QString instrumentMode(const QString &collectionType);
    double taskingPrice(const QJsonObject &properties, const QJsonObject &geometry) const;
    static QList<QJsonObject> tiles(const QJsonObject &geometry);

    // capellaemulatortasking.cpp
    void handleTasking(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    void createTaskingRequest(const ReceivedRequest &request, HttpServerResponse &response);
    void patchTaskingRequest(const ReceivedRequest &request, HttpServerResponse &response, TaskingRecord &record);
    void changeTaskingStatus(const ReceivedRequest &request, HttpServerResponse &response, TaskingRecord &record);
    void searchTaskingRequests(const ReceivedRequest &request, HttpServerResponse &response);
    TaskingRecord *findTasking(const QString &id) const;
    QList<Event> taskingEvents(const TaskingRecord &record) const; // oldest first, up to now
    QString taskingStatus(const TaskingRecord &record) const;
    QJsonObject taskingJson(const TaskingRecord &record) const;
    QJsonArray collectsJson(const TaskingRecord &record) const;
    static QString transactionStatus(const QString &status);
    static QJsonArray historyJson(const QList<Event> &events);
    void syncRepeatRequests() const;
    void spawnTaskingRequest(RepeatRecord &repeat, int n, const QDateTime &createdAt, const QDateTime &open) const;

    // capellaemulatorrepeat.cpp
    void handleRepeat(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    void createRepeatRequest(const ReceivedRequest &request, HttpServerResponse &response);
    QList<Event> repeatEvents(const RepeatRecord &record) const;
    QJsonObject repeatJson(const RepeatRecord &record) const;
    RepeatRecord *findRepeat(const QString &id) const;
    // The search envelope of `results` for ?page=&limit=; sends 400 and returns false for bad paging.
    static bool pageOf(
        const ReceivedRequest &request, HttpServerResponse &response, const QJsonArray &results, QJsonObject *envelope);
    // Matches one search filter entry (eq/gt/gte/lt/lte object, bare array or plain value) against a
    // value; sets `error` for an unsupported operator.
    static bool matchesFilter(const QJsonValue &actual, const QJsonValue &condition, QString *error);

    HttpServer *m_api = nullptr;
    HttpServer *m_files = nullptr;
    QString m_errorString;
    QByteArray m_loseMethod;
    QString m_losePath;
    int m_loseCount = 0;
    qint64 m_clockOffset = 0;

    QSet<QString> m_apiKeys;
    QHash<QString, QDateTime> m_tokens; // access token -> expiry (invalid: never)
    QHash<QString, QString> m_refreshTokens; // refresh token -> its access token
    int m_rejectCount = 0;
    int m_rejectStatus = 429;
    int m_retryAfter = 1;

    QList<QJsonObject> m_items;
    QHash<QString, QString> m_ownership;
    mutable QHash<QString, qsizetype> m_itemIndex; // id -> index into m_items
    mutable QHash<QString, QJsonObject> m_productCache; // tasking products by id
    QUrl m_nextLinkBase;
    bool m_duplicateAcrossPages = false;

    QList<Order> m_orders;
    bool m_insufficientFunds = false;
    bool m_rejectOrders = false;
    qint64 m_orderLifetime = 7 * 86400;
    QStringList m_contractIds;
    int m_orderSubmissions = 0;

    qint64 m_rasterSize = 512 * 1024;
    mutable QHash<QString, QByteArray> m_rasterCache;
    int m_linkLifetime = 3600;
    int m_filesWithAuthorization = 0;
    int m_breakCount = 0;
    qint64 m_breakAfter = 0;
    qsizetype m_paceChunk = 0;
    int m_paceIntervalMs = 0;
    QByteArray m_signingKey;
    QByteArray m_sessionToken;

    mutable QList<TaskingRecord> m_tasking; // mutable: repeat requests derive tasking requests lazily
    mutable QList<RepeatRecord> m_repeats;
};

} // namespace StacScope
