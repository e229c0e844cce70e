#pragma once

#include <utility>

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "tests/support/receivedrequest.h"
#include "tests/support/stacemulatorcatalog.h"

namespace StacScope {

class HttpServerResponse;
class HttpServer;

// A STAC API server for tests and offline use (see ../shared/providers/stac-api.md sections
// 1-7, 11, 12): landing page, conformance, collections, items, queryables and Item Search by GET
// and POST with bbox (antimeridian aware), intersects, datetime, collections, ids, CQL2 filter,
// sortby and limit; paging in three styles; numberMatched/context; STAC error bodies.
// All links are absolute, built from the request's Host header (or setPublicBaseUrl()).
//
// Test switches: a required header (missing -> 401, present with another value -> 403) and
// injected failures for the next N requests. Items are stored as ready-made JSON bytes, so
// pages are built by concatenation.
class StacEmulator : public QObject
{
    Q_OBJECT

public:
    enum class PagingMode
    {
        GetToken, // next: GET <path>?token=<opaque>, the token carries the whole query
        PostMerge, // POST search next: {"method":"POST","body":{"token":..},"merge":true}
        PostHref, // Capella: next has only an href "<path>?page=N"; a POST client re-POSTs its body
    };

    explicit StacEmulator(QObject *parent = nullptr);
    ~StacEmulator() override;

    // Data. loadDirectory() reads every *.json / *.geojson below `directory`: Collection,
    // Feature and FeatureCollection documents (others, e.g. Catalog, are skipped). Relative asset
    // hrefs that point at files below `directory` are rewritten to <base>/files/<path>, where the
    // emulator serves them (with Range support). Items need an id; a collection is optional.
    // An item with the same collection and id as an earlier one replaces it.
    bool loadDirectory(const QString &directory, QString *error = nullptr)
    {
        return m_catalog.loadDirectory(directory, error);
    }
    bool addCollection(const QJsonObject &collection, QString *error = nullptr)
    {
        return m_catalog.addCollection(collection, error);
    }
    // A Feature, a FeatureCollection or a JSON array of Features.
    bool addItems(const QByteArray &json, QString *error = nullptr) { return m_catalog.addItems(json, error); }
    bool addItem(const QJsonObject &item, QString *error = nullptr) { return m_catalog.addItem(item, error); }
    void clear() { m_catalog.clear(); }
    qsizetype itemCount() const { return m_catalog.itemCount(); }
    qsizetype collectionCount() const { return m_catalog.collectionCount(); }

    // Serving.
    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost), quint16 port = 0);
    void close();
    // The API root without a trailing slash, e.g. "http://127.0.0.1:PORT" or with the base path.
    QUrl url() const;
    // url() plus `path` (which may carry a query): url(u"/search?limit=5"_s).
    QUrl url(const QString &path) const;
    HttpServer *server() const { return m_server; }
    // The request handler, for embedding the emulator in another emulator's server. Returns
    // false (and leaves `response` alone) when the path is outside the base path.
    bool handleRequest(const ReceivedRequest &request, HttpServerResponse &response);

    // Behaviour.
    void setPagingMode(PagingMode mode) { m_pagingMode = mode; }
    PagingMode pagingMode() const { return m_pagingMode; }
    static bool parsePagingMode(const QString &name, PagingMode *mode); // get | post-merge | post-href
    void setNumberMatchedEnabled(bool enabled) { m_numberMatched = enabled; } // default on
    void setContextEnabled(bool enabled) { m_context = enabled; } // default off
    void setDefaultLimit(int limit) { m_defaultLimit = limit; } // default 10
    // Every search page is answered after this long (a slow server, for benchmarks); default 0.
    void setPageDelay(int msecs) { m_pageDelayMs = msecs; }
    void setMaxLimit(int limit) { m_maxLimit = limit; } // default 10000; larger limits are clamped
    // Advertise https://api.stacspec.org/v1.0.0-rc.1/... URIs (as UP42 storage does).
    void setRcConformance(bool enabled) { m_rcConformance = enabled; }
    // Which filter encodings the API declares and accepts (default both). A search with a filter
    // it does not take is refused with 400, as servers without the Filter extension do.
    enum class FilterSupport
    {
        Cql2, // cql2-json and cql2-text
        Cql2TextOnly,
        None
    };
    void setFilterSupport(FilterSupport support) { m_filterSupport = support; }
    // Which /search methods exist; a disabled one answers 405 and is not linked.
    void setSearchMethods(bool get, bool post);
    // Serve the API below a path prefix, e.g. "/archive/stac" (links include it).
    void setBasePath(const QString &path);
    // Origin (scheme, host, port) for links instead of the request's Host header.
    void setPublicBaseUrl(const QUrl &url) { m_publicBaseUrl = url; }
    void setCatalogInfo(const QString &id, const QString &description);

    // Every request must carry these headers. Missing -> 401, wrong value -> 403.
    void setRequiredHeader(const QByteArray &name, const QByteArray &value);
    void addRequiredHeader(const QByteArray &name, const QByteArray &value);
    void clearRequiredHeaders() { m_requiredHeaders.clear(); }
    // The next `count` requests (any path) get `status` with this raw body instead of an answer.
    void injectFailure(int status, const QByteArray &body = {}, int count = 1,
        const QByteArray &contentType = QByteArrayLiteral("text/plain"));
    void clearInjectedFailures() { m_failures.clear(); }

    QList<ReceivedRequest> requests() const;
    ReceivedRequest lastRequest() const;
    void clearRequests();

private:
    struct Failure
    {
        int status = 500;
        QByteArray body;
        QByteArray contentType;
        int remaining = 1;
    };
    struct Context; // per-request values: base URL, route segments

    QByteArray originFor(const ReceivedRequest &request) const;

    void route(const ReceivedRequest &request, HttpServerResponse &response, const Context &context);
    void sendLanding(HttpServerResponse &response, const Context &context);
    void sendConformance(HttpServerResponse &response);
    void sendCollections(const ReceivedRequest &request, HttpServerResponse &response, const Context &context);
    void sendCollection(HttpServerResponse &response, const Context &context, const QString &collectionId);
    void sendQueryables(HttpServerResponse &response, const Context &context, const QString &collectionId);
    void sendItem(
        HttpServerResponse &response, const Context &context, const QString &collectionId, const QString &itemId);
    void search(const ReceivedRequest &request, HttpServerResponse &response, const Context &context,
        const QString &collectionId);
    void sendFile(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments);
    QJsonObject collectionDocument(qsizetype index, const Context &context) const;
    QStringList conformance() const;
    QStringList allConformance() const;

    HttpServer *m_server = nullptr;
    StacEmulatorCatalog m_catalog;

    PagingMode m_pagingMode = PagingMode::GetToken;
    bool m_numberMatched = true;
    int m_pageDelayMs = 0;
    bool m_context = false;
    int m_defaultLimit = 10;
    int m_maxLimit = 10000;
    bool m_rcConformance = false;
    FilterSupport m_filterSupport = FilterSupport::Cql2;
    bool m_searchGet = true;
    bool m_searchPost = true;
    QStringList m_basePath; // decoded segments
    QUrl m_publicBaseUrl;
    QString m_catalogId;
    QString m_catalogDescription;
    QList<std::pair<QByteArray, QByteArray>> m_requiredHeaders;
    QList<Failure> m_failures;
};

} // namespace StacScope
