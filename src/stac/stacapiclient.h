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

// Where a search that stopped at its cap (or was canceled) would go on: the page to fetch next, and
// the search's first request (whose body and origin later next links are judged against).
struct SearchContinuation
{
    HttpRequest request;
    HttpRequest original;
};

struct SearchOptions
{
    QString method; // "GET", "POST", or empty to let the server's landing page decide
    int maxItems = 0; // stop after this many items (0: no cap)
    // Go on with an earlier search from here instead of starting over ("Load more"); the items the
    // store has already are skipped.
    std::optional<SearchContinuation> continueWith;
};

// A client for one STAC API, by its landing page URL. Every operation is a job; the landing page
// is loaded once and reused. Credentials are not the client's business: NetworkClient's
// Authenticator adds them per request, for the origins an account names, so a `next` link or an
// asset on another host never gets them.
class StacApiClient : public QObject
{
    Q_OBJECT
public:
    StacApiClient(NetworkClient *network, const QUrl &landingUrl, QObject *parent = nullptr);

    NetworkClient *network() const { return m_network; }
    QUrl landingUrl() const { return m_landingUrl; }
    const std::optional<StacApiInfo> &info() const { return m_info; }

    LandingJob *loadLanding();
    CollectionsJob *fetchCollections();
    // The queryables of the API, or of one collection.
    QueryablesJob *fetchQueryables(const QString &collectionId = {});
    // Searches, appending every page's items to `store` as it arrives.
    SearchJob *search(const SearchParameters &parameters, ItemStore *store, const SearchOptions &options = {});
    ItemJob *fetchItem(const QUrl &url);

    // A GET for this catalog (JSON accepted).
    HttpRequest request(const QUrl &url) const;

private:
    friend class LandingJob;
    void setInfo(const StacApiInfo &info) { m_info = info; }

    NetworkClient *m_network;
    QUrl m_landingUrl;
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
