#pragma once

#include <optional>
#include <utility>

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include "src/geo/geobox.h"
#include "tests/support/receivedrequest.h"

namespace StacScope {

class HttpServer;
class HttpServerResponse;

// The UP42 platform on loopback, after ../shared/providers/up42.md (section 11 is the checklist)
// and seed 004. Three servers, three origins, because a client must keep them apart:
//   auth   Keycloak, realm "public": POST .../protocol/openid-connect/token (form body; password
//          grant with client_id up42-api or up42-sdk, refresh_token grant), GET .../userinfo
//          ({"sub": <default workspace>}), GET /realms/public/.well-known/openid-configuration.
//   api    Bearer tokens only. Orders (/v2/orders, estimate, placement, merge-patch tags,
//          cancellation), /orders/schema/{dataProductId}, tasking quotations and feasibility
//          studies, the orderable catalog (/v2/collections, POST /catalog/hosts/{host}/stac/search,
//          GET /catalog/{host}/image/{sceneId}/quicklook), storage (/v2/assets, metadata, direct
//          download, download-url) and the storage STAC API at /v2/assets/stac/.
//   files  Google Cloud Storage stand-in for the signed download links (30 s by default); it
//          refuses any request that carries an Authorization header (400) and honours Range.
// Errors on the API are RFC 7807 problem+json {"type", "title", "status", "detail", "instance"}
// (notes section 10, fields [I]) except the catalog search (422 {"error": {"message"}}) and the
// STAC API (stac-fastapi's {"code", "description"}). Keycloak answers OAuth error JSON.
//
// Everything time-dependent (tokens, link expiry, the order life cycle) runs on an emulator clock:
// real UTC plus an offset that tests move forward with advanceClock(). Order life cycle of orders
// placed through the API (offsets from OrderTimings):
//   ARCHIVE  CREATED -> PLACED (+placedAfter) -> BEING_FULFILLED (+fulfillingAfter) -> FULFILLED
//            (+fulfilledAfter, its one ZIP asset appears).
//   TASKING  CREATED with subStatus FEASIBILITY_WAITING_UPLOAD (collections that require a study)
//            -> +studyAfter: a feasibility study, FEASIBILITY_WAITING_RESPONSE -> PATCH acceptedOptionId
//            -> QUOTATION_WAITING_UPLOAD -> +quotationAfter: a quotation, QUOTATION_WAITING_RESPONSE;
//            PATCH decision ACCEPTED at S: QUOTATION_ACCEPTED, PLACED; BEING_FULFILLED at
//            S + fulfillingAfter - placedAfter (first asset), FULFILLED at S + fulfilledAfter -
//            placedAfter (second asset). REJECTED: QUOTATION_REJECTED and FAILED_PERMANENTLY [I].
// Cancellation only while CREATED or PLACEMENT_FAILED; otherwise 409 problem+json [I status code].
class Up42Emulator : public QObject
{
    Q_OBJECT

public:
    enum class Service
    {
        Auth,
        Api,
        Files
    };

    static constexpr QStringView Username = u"emulator@up42.example";
    static constexpr QStringView Password = u"emulator-password";
    static constexpr QStringView ClientId = u"up42-api"; // docs; up42-sdk (the Python SDK's) works too
    static constexpr QStringView SdkClientId = u"up42-sdk";
    static constexpr QStringView AccountId = u"7fa202f3-783d-4709-96b2-cb212564fc11";
    static constexpr QStringView UserId = u"40ec7142-06a5-4410-aa89-fa1e58f1b225"; // createdBy of own orders
    static constexpr QStringView WorkspaceId = u"cc16a0fa-7967-43f8-a089-f8e48cb6782e"; // userinfo "sub"
    static constexpr QStringView SecondWorkspaceId = u"fec04681-e07a-4782-9c59-43a5ff8e4ea7";
    static constexpr QStringView AuthPath = u"/realms/public/protocol/openid-connect";
    static constexpr QStringView Bucket = u"user-storage-interstellar-prod";

    // Default dataset (see up42emulatordataset.cpp for the whole table).
    static constexpr QStringView HamburgOrderId = u"f2584eb9-b034-4013-b546-53d7b4ac025a"; // ARCHIVE FULFILLED
    static constexpr QStringView HamburgAssetId = u"e95750f3-a1e7-4c78-ab82-a096477af31b"; // its ZIP, 2 items
    static constexpr QStringView BerlinOrderId = u"4cb2d67e-0e01-424a-94bb-36ff0c8ffa95"; // TASKING FULFILLED
    static constexpr QStringView TokyoOrderId = u"3fc8a405-a732-4e20-be9d-1abdc8872aeb"; // quotation pending
    static constexpr QStringView TokyoQuotationId = u"76a1a7ba-f852-4b86-97fa-12a168f76139";
    static constexpr QStringView CapeTownOrderId = u"630e8a34-4c3c-4b97-820a-3f294bb585fc"; // study pending
    static constexpr QStringView CapeTownStudyId = u"cd3d7b71-7104-4f8d-837e-b43a8d7e45ce";
    static constexpr QStringView MadridOrderId = u"3b97ffb8-1e18-4e21-8fd6-601727582da2"; // PLACEMENT_FAILED

    struct OrderTimings
    {
        int placedAfter = 60;
        int fulfillingAfter = 180;
        int fulfilledAfter = 300;
        int studyAfter = 60;
        int quotationAfter = 60;
    };
    // One order created by POST /v2/orders (it costs credits).
    struct Placement
    {
        QString orderId;
        QString workspaceId;
        int index = 0; // feature index in the request
        QJsonObject request; // the whole request body
        int credits = 0;
        QDateTime at;
    };

    explicit Up42Emulator(QObject *parent = nullptr);
    ~Up42Emulator() override;

    // Auth on `address`:basePort, the API on basePort+1 (free ports when basePort is 0), the file
    // host on `filesAddress`:basePort+2. Tests use 127.0.0.2 for the file host: another host, as GCS is.
    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost), quint16 basePort = 0,
        const QHostAddress &filesAddress = QHostAddress(QStringLiteral("127.0.0.2")));
    void close();
    QString errorString() const { return m_errorString; }
    QUrl authUrl() const; // http://H:P/realms/public/protocol/openid-connect (the CLI's "auth" endpoint)
    QUrl tokenUrl() const;
    QUrl userinfoUrl() const;
    QUrl apiUrl() const; // http://H:P, no path (the CLI's "api" endpoint)
    QUrl storageStacUrl() const; // apiUrl() + /v2/assets/stac/
    QUrl filesUrl() const;
    HttpServer *server(Service service) const;
    QList<ReceivedRequest> requests(Service service) const;
    // Clears the three request logs and the token request counts.
    void clearRequests();
    // Token requests (any outcome) with this grant_type; all of them for an empty one.
    int tokenRequestCount(const QString &grantType = {}) const;
    void setRecordingEnabled(bool enabled);
    // The next `count` API requests with this method and (decoded) path are carried out, but the
    // connection closes without an answer.
    void loseAnswers(const QByteArray &method, const QString &path, int count = 1);

    // ---- accounts and tokens ----
    void addUser(const QString &username, const QString &password); // same account and workspace
    void setTokenLifetime(int seconds); // access tokens; default 300
    void setRefreshTokenLifetime(int seconds); // default 1800
    void revokeTokens(); // access and refresh tokens
    QDateTime now() const; // real UTC + the offset
    void advanceClock(qint64 seconds);

    // ---- orders ----
    void setOrderTimings(const OrderTimings &timings) { m_timings = timings; }
    QStringList orderIds() const; // creation order
    QJsonObject order(const QString &orderId); // as GET /v2/orders/{id} answers now; empty when unknown
    // Freezes an order in a status (e.g. PLACEMENT_FAILED) for a test.
    void setOrderStatus(const QString &orderId, const QString &status, const QString &subStatus = {});
    QList<Placement> placements() const { return m_placements; }
    QStringList quotationIds(const QString &orderId = {}) const;
    // A feasibility study's option ids, in its order.
    QStringList studyOptionIds(const QString &studyId) const;
    QStringList feasibilityStudyIds(const QString &orderId = {}) const;

    // ---- storage ----
    QStringList assetIds(const QString &orderId = {}); // creation order
    QJsonObject asset(const QString &assetId); // as GET /v2/assets/{id}/metadata answers
    // Bytes of an asset (its original delivery) or of a STAC asset file, by the id in its href.
    QByteArray fileBytes(const QString &fileId) const;
    QString fileName(const QString &fileId) const;
    // The asset whose file has this name (its metadata may have none); empty when none has.
    QString assetIdOfFile(const QString &name) const;
    void setLinkLifetime(int seconds) { m_linkLifetime = seconds; } // signed links; default 30
    // The next `count` file-host bodies (200/206) break off after `bytes` body bytes.
    void dropFilesAfter(qint64 bytes, int count = 1);
    void setFilePacing(qsizetype chunkSize, int intervalMs);
    int linksIssued() const { return m_linksIssued; }

    // ---- catalog ----
    QStringList sceneIds(const QString &host = {}) const; // hosts "oneatlas" and "capella"
    QByteArray quicklookBytes(const QString &sceneId) const; // a small JPEG; empty when unknown

private:
    struct Token
    {
        QString username;
        QString clientId;
        QDateTime expires;
    };
    struct Order
    {
        QString id;
        QString workspaceId;
        QString type; // ARCHIVE | TASKING
        QString productId;
        QString displayName;
        QStringList tags;
        QDateTime createdAt;
        QDateTime updatedAt;
        QString status;
        QString subStatus; // TASKING only
        QJsonObject geometry; // the AOI
        double lon = 0; // where deliveries are centred
        double lat = 0;
        int credits = 0; // the estimate at placement (a tasking quotation's price)
        QString imageId; // ARCHIVE: the ordered scene
        QJsonObject params; // TASKING: the order's params (acquisition window...)
        QString createdBy = UserId.toString();
        bool clockDriven = false;
        QDateTime anchor; // start of the current timed phase
        int deliveries = 0; // assets delivered so far
        bool feasibility = false;
    };
    struct File
    {
        QString id;
        QString name;
        QString kind; // tif | png | json | zip
        QByteArray contentType;
        QString title;
        QStringList roles;
        int width = 0;
        int height = 0;
        int bands = 0;
        GeoBox box;
        int seed = 1;
        QStringList members; // zip: member file ids
        QString itemId; // json: the item it describes
        qint64 size = 0;
    };
    struct StacItem
    {
        QString id;
        QString collectionId;
        QString assetId;
        QDateTime datetime;
        GeoBox box;
        QJsonValue title;
        QStringList tags;
        QStringList fileIds; // STAC assets, keyed by file name
        QString constellation;
        double gsd = 0;
        bool sar = false;
        double cloud = 0;
    };
    struct Asset
    {
        QString id;
        QString workspaceId;
        QString orderId; // empty: none (PROCESSING, USER)
        QString name; // the file's name (its signed link's content-disposition)
        bool nameless = false; // metadata "name": null (up42-py's Asset.name is Optional)
        QString extraction = QStringLiteral("SUCCESSFUL");
        QString productId;
        QString source; // ARCHIVE | TASKING | PROCESSING | USER
        QString producerName;
        QString collectionName;
        QJsonValue title; // null or a string
        QStringList tags;
        QDateTime createdAt;
        QDateTime updatedAt;
        QString collectionId; // STAC; empty when extraction did not succeed
        QStringList itemIds;
        bool deleted = false;
    };
    struct Product
    {
        QString id;
        QString name;
        QString title;
        QString collection;
    };
    struct Collection
    {
        QString name;
        QString title;
        QString type; // ARCHIVE | TASKING
        QString host; // empty for tasking
        QString producer;
        QString productType; // OPTICAL | SAR
        QString resolutionClass;
        double resolution = 0;
        QStringList integrations;
        QList<Product> products;
        double credits = 0; // per unit
        QString unit; // SQ_KM | SCENE
        double minimumSqKm = 0;
    };
    struct Scene
    {
        QString id;
        QString collection;
        QString host;
        QDateTime datetime;
        GeoBox box;
        QJsonValue cloud; // null for SAR
        int place = 0;
    };
    struct Quotation
    {
        QString id;
        QString orderId;
        QString workspaceId;
        QDateTime createdAt;
        QDateTime updatedAt;
        QDateTime decisionAt;
        int creditsPrice = 0;
        QString decision = QStringLiteral("NOT_DECIDED");
        QString decisionBy; // user id, empty for none
    };
    struct Study
    {
        QString id;
        QString orderId;
        QString workspaceId;
        QDateTime createdAt;
        QDateTime updatedAt;
        QDateTime decisionAt;
        QString decision = QStringLiteral("NOT_DECIDED");
        QStringList optionIds;
        QStringList optionDescriptions;
        QString acceptedOption;
    };
    struct Sort
    {
        QString field;
        bool descending = false;
    };

    // up42emulator.cpp: servers, API routing, shared helpers; up42emulatorauth.cpp: Keycloak.
    void handleAuth(const ReceivedRequest &request, HttpServerResponse &response);
    void handleApi(const ReceivedRequest &request, HttpServerResponse &response);
    QString issueToken(const QString &username, HttpServerResponse &response, const QString &clientId);
    const Token *bearer(const ReceivedRequest &request) const;
    QByteArray originFor(const ReceivedRequest &request, Service service) const;
    static QStringList pathSegments(const ReceivedRequest &request);
    // Values of a query parameter as Spring binds a list: repeated and comma separated.
    static QStringList listParam(const ReceivedRequest &request, const QString &key);
    static QString param(const ReceivedRequest &request, const QString &key);
    static void sendJson(HttpServerResponse &response, int status, const QJsonValue &body,
        const QByteArray &type = QByteArrayLiteral("application/json"));
    static void sendProblem(
        HttpServerResponse &response, int status, const QString &detail, const ReceivedRequest &request);
    static void sendMethodNotAllowed(
        HttpServerResponse &response, const ReceivedRequest &request, const QByteArray &allowed);
    static std::optional<QJsonObject> jsonBody(
        const ReceivedRequest &request, HttpServerResponse &response, bool mergePatch = false);
    // A Spring Data page of `items` sorted by `sort` (or `defaultSort`) among `sortable` fields;
    // false (400 sent) for an unknown sort field.
    bool sendSpringPage(const ReceivedRequest &request, HttpServerResponse &response, QList<QJsonObject> items,
        const QStringList &sortable, const Sort &defaultSort);
    static QList<std::pair<QString, QString>> formItems(const QByteArray &encoded);
    static QString isoTime(const QDateTime &time);
    static QJsonObject polygon(const GeoBox &box);
    static QString uuidFor(const QString &name);

    // up42emulatordataset.cpp: the default dataset and the bytes of files.
    static int placeCount();
    static GeoBox placeBox(int place, double halfLat); // around one of the dataset's real places
    static QDateTime utcTime(const char *iso);
    void buildDataset();
    QString deliver(Order &order, int index, const QDateTime &at, int items, bool zip);
    void addAsset(
        Asset asset, double lon, double lat, int items, bool zip, const QString &constellation, bool sar, double gsd);
    void addStudy(const QString &id, const QString &orderId, const QDateTime &created);
    const Collection *collectionOfProduct(const QString &productId) const;
    const Collection *findCollection(const QString &name) const;
    qint64 computeSize(const File &file) const;
    QByteArray bytesOf(const File &file) const;

    // up42emulatororders.cpp: orders, estimate, placement, the status clock, tasking decisions.
    void handleOrders(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    void handleTasking(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    void handleSchema(const ReceivedRequest &request, HttpServerResponse &response, const QString &productId);
    void estimateOrPlace(const ReceivedRequest &request, HttpServerResponse &response, bool place);
    void advanceOrders();
    void advanceOrder(Order &order, const QDateTime &until);
    QJsonObject orderJson(const Order &order) const;
    QJsonObject quotationJson(const Quotation &quotation) const;
    QJsonObject studyJson(const Study &study) const;
    Order *findOrder(const QString &id);

    // up42emulatorassets.cpp: /v2/assets and the file host.
    void handleAssets(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    void handleFiles(const ReceivedRequest &request, HttpServerResponse &response);
    QJsonObject assetJson(const Asset &asset) const;
    Asset *findAsset(const QString &id);
    const File *findFile(const QString &id) const;
    QString signedUrl(const File &file);
    QByteArray signature(const QByteArray &method, const QString &path, const QUrlQuery &query) const;
    void serveFile(const ReceivedRequest &request, HttpServerResponse &response, const File &file, bool filesHost);
    void sendGcsError(
        HttpServerResponse &response, int status, const QString &code, const QString &message, const QString &details);

    // up42emulatorstac.cpp: the storage STAC API.
    void handleStac(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    void stacSearch(const ReceivedRequest &request, HttpServerResponse &response, const QString &collectionId);
    QJsonObject stacCollectionJson(const Asset &asset, const QByteArray &base) const;
    QJsonObject stacItemJson(const StacItem &item, const QByteArray &base) const;
    QJsonValue queryable(const StacItem &item, const QString &name) const;

    // up42emulatortasking.cpp: quotations and feasibility studies (handleTasking, quotationJson and
    // studyJson above).

    // up42emulatorcatalog.cpp: /v2/collections, the catalog hosts, data product schemas (handleSchema).
    void handleCollections(const ReceivedRequest &request, HttpServerResponse &response);
    void handleCatalog(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    void catalogSearch(const ReceivedRequest &request, HttpServerResponse &response, const QString &host);
    QJsonObject sceneJson(const Scene &scene) const;
    void buildScenes();

    HttpServer *m_auth = nullptr;
    HttpServer *m_api = nullptr;
    HttpServer *m_files = nullptr;
    QString m_errorString;

    QHash<QString, QString> m_users; // username -> password
    QHash<QString, Token> m_tokens;
    QHash<QString, Token> m_refreshTokens;
    QStringList m_tokenRequestGrants;
    int m_tokenLifetime = 300;
    int m_refreshLifetime = 1800;
    qint64 m_clockOffset = 0;
    QByteArray m_loseMethod;
    QString m_losePath;
    int m_loseCount = 0;

    OrderTimings m_timings;
    QList<Order> m_orders;
    QList<Placement> m_placements;
    QList<Quotation> m_quotations;
    QList<Study> m_studies;
    int m_nextOrder = 1;

    QList<Asset> m_assets;
    QList<StacItem> m_items;
    QHash<QString, File> m_fileIndex;
    mutable QHash<QString, QByteArray> m_byteCache;
    int m_linkLifetime = 30;
    qint64 m_dropAfterBytes = -1;
    int m_dropCount = 0;
    qsizetype m_paceChunk = 0;
    int m_paceIntervalMs = 0;
    int m_linksIssued = 0;
    QByteArray m_signingKey;

    QList<Collection> m_collections;
    QList<Scene> m_scenes;
};

} // namespace StacScope
