#pragma once

#include <memory>
#include <optional>

#include <QObject>
#include <QPointer>

#include "src/providers/catalogsource.h"
#include "src/stac/itemstore.h"
#include "src/stac/searchparameters.h"
#include "src/stac/staccollection.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class NetworkClient;
class StacApiClient;
class StaticCatalogJob;

// One open catalog, whatever its kind: lists its collections and runs searches into a result
// store. A STAC API is searched on the server, page by page; a static catalog is loaded once
// into memory and searched locally. The UI and tests drive both the same way.
class CatalogSession : public QObject
{
    Q_OBJECT
public:
    CatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent = nullptr);
    ~CatalogSession() override;

    const CatalogSource &source() const { return m_source; }
    const StacCollections &collections() const { return m_collections; }
    bool isOpen() const { return m_opened; }
    bool isSearching() const { return m_searchJob || m_pending; }

    // Opens the catalog: the landing page and collections of an API, or the whole static catalog.
    void open();
    // Searches into `results` (cleared first). maxItems 0 means no cap.
    void search(const SearchParameters &parameters, int maxItems, ItemStore *results);
    void cancel();

Q_SIGNALS:
    void opened();
    void collectionsChanged();
    void searchStarted();
    void itemsAdded(int first, int count);
    void matchedKnown(qint64 matched);
    // `error` is empty on success; warnings are problems that did not stop the search.
    void searchFinished(const StacScope::NetworkError &error, const QStringList &warnings);
    void failed(const StacScope::NetworkError &error);

private:
    void runLocalSearch();

    NetworkClient *m_network;
    CatalogSource m_source;
    StacCollections m_collections;
    StacApiClient *m_client = nullptr;
    std::unique_ptr<ItemStore> m_catalogItems; // static catalogs: every item
    bool m_opened = false;
    QPointer<StacJob> m_openJob;
    QPointer<StacJob> m_searchJob;
    // A search asked for while a static catalog is still loading runs when it is loaded.
    struct Pending
    {
        SearchParameters parameters;
        int maxItems = 0;
        ItemStore *results = nullptr;
    };
    std::optional<Pending> m_pending;
};

} // namespace StacScope
