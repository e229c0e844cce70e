#pragma once

#include <optional>

#include <QFutureWatcher>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include "src/providers/catalogsession.h"
#include "src/stac/itemparser.h"
#include "src/stac/searchparameters.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class HttpCall;
class ItemStore;
class NetworkClient;

namespace Up42Api {

// The body of an archive search on a catalog host (up42.md §6): bbox xor intersects, datetime,
// limit 1..500, collections, ids, and the proprietary query.cloudCoverage with upper-case
// operators, taken from a CQL2 comparison on eo:cloud_cover (alone or in an "and"). `error` names
// what cannot be sent (another filter, a sort: the host takes neither).
QJsonObject hostSearchBody(const SearchParameters &parameters, QString *error);
// A host's features as STAC items: the id (which UP42 puts inside properties), the collection,
// eo:cloud_cover from cloudCoverage, stac_version; links and assets kept when present. Scenes of
// `quicklookCollections` (QUICKLOOK_AVAILABLE) get a "quicklook" thumbnail asset: GET
// /catalog/{host}/image/{id}/quicklook on `api` (the account's bearer token, as any API call).
QByteArray hostPageAsStac(const QByteArray &body, QString *error, const QUrl &api = {}, const QString &host = {},
    const QSet<QString> &quicklookCollections = {});
// The hosts of the orderable catalog: provider names with the HOST role in GET /v2/collections,
// with their titles, sorted by title; only collections whose integrations include
// SEARCH_AVAILABLE (when any says so) count.
QList<std::pair<QString, QString>> hostsOf(const QJsonArray &collections);
// The collections a host serves, as STAC collections (id = the collection's name).
StacCollections hostCollections(const QJsonArray &collections, const QString &host);

} // namespace Up42Api

// An archive search on one UP42 catalog host: the body sent to /catalog/hosts/{host}/stac/search,
// every page by re-POSTing it to the `next` link (the SDK's way), pages rewritten into STAC items
// and parsed off the GUI thread into the store, until maxItems. A refused search (422) ends it
// with UP42's message.
class Up42HostSearchJob : public StacJob
{
    Q_OBJECT
public:
    Up42HostSearchJob(NetworkClient *network, const QUrl &searchUrl, const SearchParameters &parameters,
        ItemStore *store, int maxItems = 0, QObject *parent = nullptr);
    // The collections whose scenes have quicklooks (their integrations say QUICKLOOK_AVAILABLE).
    void setQuicklookCollections(const QSet<QString> &collections) { m_quicklooks = collections; }
    ~Up42HostSearchJob() override;
    void cancel() override;

    int returned() const { return m_returned; }
    int pages() const { return m_pages; }
    const QJsonObject &body() const { return m_body; }

Q_SIGNALS:
    void itemsAdded(int first, int count);

private:
    struct Parsed
    {
        ItemPage page;
        QByteArray json;
        QString error;
    };
    void send(const QUrl &url);
    void onPage();
    void onParsed();

    NetworkClient *m_network;
    QUrl m_searchUrl;
    ItemStore *m_store;
    QJsonObject m_body;
    int m_maxItems;
    int m_returned = 0;
    int m_pages = 0;
    QUrl m_pageUrl;
    QSet<QString> m_quicklooks;
    QPointer<HttpCall> m_call;
    QFutureWatcher<Parsed> *m_watcher = nullptr;
};

// "UP42 archive: <host>" in the catalog picker: the host's collections (GET /v2/collections),
// searched with Up42HostSearchJob. Its location is the host's search URL.
class Up42HostCatalogSession : public CatalogSession
{
    Q_OBJECT
public:
    Up42HostCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent = nullptr);
    ~Up42HostCatalogSession() override;

    bool isSearching() const override { return m_searchJob; }
    bool searchesLocally() const override { return false; }
    void open() override;
    void search(const SearchParameters &parameters, int maxItems, ItemStore *results) override;
    void cancel() override;
    QString filterDescription() const override
    {
        return tr("UP42's archive search filters only on cloud cover (eo:cloud_cover at most a value).");
    }

    // The host's name, from the location (/catalog/hosts/{host}/stac/search).
    static QString hostOf(const QUrl &searchUrl);

private:
    NetworkClient *m_network;
    QPointer<StacJob> m_openJob;
    QPointer<Up42HostSearchJob> m_searchJob;
};

} // namespace StacScope
