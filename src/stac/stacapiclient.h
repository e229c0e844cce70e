#pragma once

#include <optional>

#include <QPointer>

#include "src/net/httprequest.h"
#include "src/stac/stacapiinfo.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class CollectionsJob;
class HttpCall;
class ItemJob;
class ItemStore;
class LandingJob;
class NetworkClient;
class QueryablesJob;
class SearchJob;
struct SearchParameters;

struct SearchOptions
{
    QString method; // "GET", "POST", or empty to let the server's landing page decide
    int maxItems = 0; // stop after this many items (0: no cap)
};

// A client for one STAC API: its landing page URL and the headers its catalog needs (API keys,
// tokens). Every operation is a job; the landing page is loaded once and reused.
class StacApiClient : public QObject
{
    Q_OBJECT
public:
    StacApiClient(
        NetworkClient *network, const QUrl &landingUrl, const HttpHeaders &headers = {}, QObject *parent = nullptr);

    NetworkClient *network() const { return m_network; }
    QUrl landingUrl() const { return m_landingUrl; }
    const HttpHeaders &headers() const { return m_headers; }
    const std::optional<StacApiInfo> &info() const { return m_info; }

    LandingJob *loadLanding();
    CollectionsJob *fetchCollections();
    // The queryables of the API, or of one collection.
    QueryablesJob *fetchQueryables(const QString &collectionId = {});
    // Searches, appending every page's items to `store` as it arrives.
    SearchJob *search(const SearchParameters &parameters, ItemStore *store, const SearchOptions &options = {});
    ItemJob *fetchItem(const QUrl &url);

    // A GET with this catalog's headers.
    HttpRequest request(const QUrl &url) const;

private:
    friend class LandingJob;
    void setInfo(const StacApiInfo &info) { m_info = info; }

    NetworkClient *m_network;
    QUrl m_landingUrl;
    HttpHeaders m_headers;
    std::optional<StacApiInfo> m_info;
};

// Loads the landing page (and /conformance when the landing page has no conformsTo).
class LandingJob : public StacJob
{
    Q_OBJECT
public:
    LandingJob(StacApiClient *client, QObject *parent);
    void cancel() override;

private:
    void onLanding();
    void onConformance();

    StacApiClient *m_client;
    QPointer<HttpCall> m_call;
    StacApiInfo m_info;
};

} // namespace StacScope
