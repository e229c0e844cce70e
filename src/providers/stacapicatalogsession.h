#pragma once

#include <QPointer>

#include "src/providers/catalogsession.h"
#include "src/stac/stacapiclient.h"

namespace StacScope {

class NetworkClient;
class StacApiClient;

// A STAC API: collections from the server, searches page by page into the result store.
// Credentials, if the catalog needs any, come from the Authenticator per request.
class StacApiCatalogSession : public CatalogSession
{
    Q_OBJECT
public:
    StacApiCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent = nullptr);
    ~StacApiCatalogSession() override;

    bool isSearching() const override { return m_searchJob; }
    bool searchesLocally() const override { return false; }
    void open() override;
    void search(const SearchParameters &parameters, int maxItems, ItemStore *results) override;
    void cancel() override;
    FilterEncoding filterEncoding() const override;
    // How a search is sent, from the landing page (before it is read: POST to <landing>/search).
    QString searchMethod() const;
    QUrl searchUrl() const;
    // The root's /queryables and each chosen collection's (at most MaxCollectionSchemas of them),
    // merged. A collection without a schema of its own (404) is not an error.
    void loadQueryables(const QStringList &collections) override;
    static constexpr int MaxCollectionSchemas = 12;
    bool canLoadMore() const override { return m_continuation.has_value() && !m_searchJob; }
    void loadMore(int maxItems, ItemStore *results) override;

private:
    void startJob(const SearchOptions &options, ItemStore *results);

    StacApiClient *m_client;
    SearchParameters m_parameters; // the last search's
    std::optional<SearchContinuation> m_continuation;
    QPointer<StacJob> m_openJob;
    QPointer<StacJob> m_searchJob;
    quint64 m_queryablesGeneration = 0;
};

} // namespace StacScope
