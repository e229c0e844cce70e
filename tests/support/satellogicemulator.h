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

#include "tests/support/receivedrequest.h"

namespace StacScope {

class HttpServer;
class HttpServerResponse;
class StacEmulator;

// The Satellogic (Aleph) platform on loopback, after ../shared/providers/satellogic.md and the
// seeds 000-002: the Auth0-style token host, the accounts service (contracts), the API gateway
// (archive STAC API, tasking v1, Telluric delivery) and the storage host that serves the
// pre-signed delivery zips. Four servers, four origins, because a client must keep the hosts
// apart: each takes different credentials and the storage host takes none at all.
//
// Everything time-dependent (token expiry, the task life cycle, link expiry) runs on an emulator
// clock, real UTC plus an offset that tests move forward with advanceClock().
class SatellogicEmulator : public QObject
{
    Q_OBJECT

public:
    enum class Service
    {
        Auth,
        Accounts,
        Api,
        Files
    };

    static constexpr qint64 FirstTaskId = 23272; // seed 002's task_id

    explicit SatellogicEmulator(QObject *parent = nullptr);
    ~SatellogicEmulator() override;

    // Auth, accounts and api on `address` (ports basePort..basePort+2, or free ports when basePort
    // is 0); the file host on `filesAddress` (basePort+3, or a free port). Tests use 127.0.0.2 for
    // the file host so that it is another host, as S3 is.
    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost), quint16 basePort = 0,
        const QHostAddress &filesAddress = QHostAddress(QStringLiteral("127.0.0.2")));
    void close();
    QString errorString() const { return m_errorString; }
    QUrl authUrl() const; // token endpoint: authUrl() + "/oauth/token" (current and legacy clients)
    QUrl accountsUrl() const; // GET /v2/my/contracts
    QUrl apiUrl() const; // /archive/stac/, /archive/files/, /tasking/..., /telluric/...
    QUrl filesUrl() const; // pre-signed storage URLs and the Telluric catalog URLs inside scenes
    HttpServer *server(Service service) const;
    QList<ReceivedRequest> requests(Service service) const;
    // Clears the four request logs and the token request counts.
    void clearRequests();
    // Token requests (successful or not) naming `audience`; all of them for an empty audience.
    int tokenRequestCount(const QString &audience = {}) const;
    // Off for a long-running standalone emulator, whose logs would grow without bound.
    void setRecordingEnabled(bool enabled);

    // Credentials. Defaults: DefaultClientId/DefaultClientSecret (current) and
    // LegacyClientId/LegacyClientSecret (legacy: no contract selection; refused by accounts).
    static constexpr QStringView DefaultClientId = u"emulator-client";
    static constexpr QStringView DefaultClientSecret = u"emulator-secret";
    static constexpr QStringView LegacyClientId = u"legacy-client";
    static constexpr QStringView LegacyClientSecret = u"legacy-secret";
    static constexpr QStringView ApiAudience = u"https://api.satellogic.com/";
    static constexpr QStringView AccountsAudience = u"api";
    void addClient(const QString &clientId, const QString &secret, bool legacy = false);
    void removeClient(const QString &clientId);
    void setTokenLifetime(int seconds); // expires_in; default 86400
    // Forgets every token issued so far (as if the tenant rotated its signing key).
    void revokeTokens();

    QDateTime now() const; // real UTC + the offset
    void advanceClock(qint64 seconds);
    // The next `count` API requests with this method and path are carried out, but their answer is
    // lost: the connection closes without a response (a client must not assume it failed).
    void loseAnswers(const QByteArray &method, const QString &path, int count = 1);

    // Contracts (the JSON objects the accounts service lists). Defaults: the two of seed 002.
    static constexpr QStringView FirstContractId = u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14";
    static constexpr QStringView SecondContractId = u"cont.022dc3f5-1ccd-48bc-98cd-6e0d668ed50e";
    static QList<QJsonObject> defaultContracts();
    void setContracts(const QList<QJsonObject> &contracts);
    QList<QJsonObject> contracts() const { return m_contracts; }
    // Page size of every limit/offset list when the request has no `limit`; default 100.
    void setPageSize(int n);

    // The task life cycle on the emulator clock: "received" when created, "in_progress" after
    // `inProgressAfter` s (two "planned" captures appear, on newsat15 and newsat9), "completed"
    // after `completedAfter` s (the captures turn "published" and get their scenes).
    // Defaults 60 and 180 s.
    void setTaskTimings(int inProgressAfter, int completedAfter);
    // Creates a task as POST /tasking/tasks/ would for `contractId`; returns its task_id, or -1
    // (with a warning) when the body does not validate.
    qint64 addTask(const QJsonObject &createBody, const QString &contractId);
    // The task as GET /tasking/tasks/{id} answers it now; empty when unknown.
    QJsonObject task(qint64 taskId) const;
    // Turns a task "failed" (a state only the operator reaches).
    void failTask(qint64 taskId);

    // Delivery: each published capture has an L1C and an L1D scene whose delivery_zip is a
    // stored ZIP of `deliverySize` bytes (default 256 KiB) derived from the scene id.
    void setDeliverySize(qint64 bytes);
    QByteArray deliveryBytes(const QString &sceneId) const;
    // Scene ids of a task's published captures, L1C then L1D per capture; empty before.
    QStringList sceneIds(qint64 taskId) const;
    // Pre-signed links and Telluric tokens expire this long after they were issued; default 300.
    void setLinkLifetime(int seconds);
    // The next `count` file-host bodies break off (connection closed) after `bytes` body bytes.
    void dropFilesAfter(qint64 bytes, int count = 1);
    // Pace file-host bodies (chunkSize 0 turns pacing off).
    void setFilePacing(qsizetype chunkSize, int intervalMs);
    int linksIssued() const { return m_linksIssued; }

    // The archive: an embedded STAC API at /archive/stac with the collections
    // "quickview-visual-thumb" and "l1d-sr", each with three captures of four 2 km grid tiles
    // sharing "satl:outcome_id" (one of them seed 000's SeedOutcomeId). Assets "preview",
    // "thumbnail" (PNG) and "analytic" (GeoTIFF) live on the API host under /archive/files/ and
    // need the API credentials.
    static constexpr QStringView SeedOutcomeId = u"cfa879d1-f136-4ac6-ba2f-639f329b2d23";
    StacEmulator *archive() const { return m_archive; }
    QStringList archiveItemIds(const QString &collection = {}) const; // sorted; all collections when empty
    QByteArray previewBytes(const QString &itemId) const;
    // "preview", "thumbnail" or "analytic"; empty for an unknown item or asset.
    QByteArray archiveAssetBytes(const QString &itemId, const QString &asset) const;
    // When on, a search carrying the query extension ("query") gets 403, as one 2025/26
    // integration reports.
    void setRejectQueryExtension(bool on) { m_rejectQuery = on; }

private:
    struct Client
    {
        QString secret;
        bool legacy = false;
    };
    struct Token
    {
        QString audience;
        QString clientId;
        bool legacy = false;
        QDateTime expires;
    };
    // Who is calling the API gateway, after the authorizer ran.
    struct Caller
    {
        QString clientId;
        bool legacy = false;
        QJsonObject contract; // empty for legacy clients
        QString contractId;
        QString owner; // whose tasks are visible: the contract id, or "legacy:<client>"
    };
    struct Task
    {
        qint64 id = 0;
        QString owner;
        QString taskName;
        QString projectName;
        int product = 0;
        QDateTime start;
        QDateTime end;
        QJsonObject target; // as stored: coordinates with z = 0.0
        QDateTime created;
        QString frozenStatus; // "canceled" or "failed" once that happened
        QDateTime frozenAt;
    };
    struct Capture
    {
        QString captureId;
        QDateTime start;
        QString satellite;
        int satelliteNumber = 0;
        QString status;
    };
    struct Scene
    {
        QString sceneId;
        QString level; // "L1C" or "L1D"
        QDateTime timestamp;
        const Task *task = nullptr;
        Capture capture;
    };
    struct ArchiveTile
    {
        QString collection;
        QString itemId;
        int epsg = 0;
        double easting = 0; // upper-left corner, metres
        double northing = 0;
        int seed = 0;
    };
    struct TelluricToken
    {
        QString sceneId;
        QDateTime expires;
    };

    // satellogicemulator.cpp: hosts, auth, accounts, the gateway.
    void handleAuth(const ReceivedRequest &request, HttpServerResponse &response);
    void handleAccounts(const ReceivedRequest &request, HttpServerResponse &response);
    void handleApi(const ReceivedRequest &request, HttpServerResponse &response);
    const Token *validToken(const QByteArray &authorizationValue, const QString &audience) const;
    const QJsonObject *findContract(const QString &contractId) const;
    QByteArray originFor(const ReceivedRequest &request, Service service) const;
    static QStringList pathSegments(const ReceivedRequest &request);
    // The query as Django reads it (application/x-www-form-urlencoded: '+' is a space).
    static QList<std::pair<QString, QString>> formQueryItems(const ReceivedRequest &request);
    // The last value of `key` (as Django's QueryDict.get), empty when missing.
    static QString formValue(const ReceivedRequest &request, const QString &key);
    static void sendJson(HttpServerResponse &response, int status, const QJsonObject &body);
    static void sendMethodNotAllowed(
        HttpServerResponse &response, const ReceivedRequest &request, const QByteArray &allowed);
    // A Django REST framework LimitOffsetPagination page of `results`.
    QJsonObject djangoPage(const ReceivedRequest &request, const QByteArray &origin, const QJsonArray &results) const;
    static QString isoTime(const QDateTime &time);

    // satellogicemulatortasking.cpp: tasking on the API host.
    void handleTasking(const ReceivedRequest &request, HttpServerResponse &response, const Caller &caller,
        const QStringList &segments);
    // Validates a create body like the DRF serializer; field errors go to `errors`.
    bool createTask(const QJsonObject &body, const QString &owner, QJsonObject *errors, qint64 *taskId);
    QString taskStatus(const Task &task) const;
    QJsonObject taskJson(const Task &task) const;
    QList<Capture> captures(const Task &task) const;

    // satellogicemulatordelivery.cpp: Telluric on the API host, and the file host.
    void handleTelluric(const ReceivedRequest &request, HttpServerResponse &response, const Caller &caller,
        const QStringList &segments);
    void handleFiles(const ReceivedRequest &request, HttpServerResponse &response);
    QList<Scene> scenes(const Task &task) const;
    std::optional<Scene> findScene(const QString &sceneId) const;
    QJsonObject sceneJson(const Scene &scene, const QString &requestedScenesetId);
    static QStringList attachmentNames();
    static QString attachmentFileName(const Scene &scene, const QString &name);
    QByteArray attachmentBytes(const Scene &scene, const QString &name) const;
    QByteArray rasterBytes(const Scene &scene) const;
    QString signedUrl(const Scene &scene, const QString &fileName);
    QByteArray signature(const QByteArray &method, const QString &path, const QUrlQuery &query) const;
    void serveFileBytes(const ReceivedRequest &request, HttpServerResponse &response, const QByteArray &data,
        const QByteArray &contentType, const QDateTime &lastModified);
    void sendS3Error(HttpServerResponse &response, int status, const QString &code, const QString &message,
        const QList<std::pair<QString, QString>> &extra = {});

    // satellogicemulatorarchive.cpp: the archive catalog and its files.
    void buildArchive(const QUrl &apiOrigin);
    void handleArchive(const ReceivedRequest &request, HttpServerResponse &response, const Caller &caller,
        const QStringList &segments);
    void handleArchiveFile(const ReceivedRequest &request, HttpServerResponse &response, const Caller &caller,
        const QStringList &segments);
    QStringList archiveCollections(const Caller &caller) const; // empty list: no restriction (legacy)

    HttpServer *m_auth = nullptr;
    HttpServer *m_accounts = nullptr;
    HttpServer *m_api = nullptr;
    HttpServer *m_files = nullptr;
    StacEmulator *m_archive = nullptr;
    QString m_errorString;

    QHash<QString, Client> m_clients;
    QHash<QString, Token> m_tokens;
    QStringList m_tokenRequestAudiences; // one entry per token request (empty: none given)
    int m_tokenLifetime = 86400;
    QByteArray m_loseMethod;
    QString m_losePath;
    int m_loseCount = 0;
    qint64 m_clockOffset = 0;

    QList<QJsonObject> m_contracts;
    int m_pageSize = 100;

    int m_inProgressAfter = 60;
    int m_completedAfter = 180;
    qint64 m_nextTaskId = FirstTaskId;
    QList<Task> m_tasks;

    qint64 m_deliverySize = 256 * 1024;
    mutable QHash<QString, QByteArray> m_deliveryCache;
    int m_linkLifetime = 300;
    qint64 m_dropAfterBytes = -1;
    int m_dropCount = 0;
    qsizetype m_paceChunk = 0;
    int m_paceIntervalMs = 0;
    int m_linksIssued = 0;
    QByteArray m_signingKey;
    QHash<QString, TelluricToken> m_telluricTokens;

    QHash<QString, ArchiveTile> m_archiveTiles; // by item id
    bool m_rejectQuery = false;
};

} // namespace StacScope
