#pragma once

#include <QObject>

#include "src/providers/catalogsource.h"
#include "src/stac/filterplan.h"
#include "src/stac/itemstore.h"
#include "src/stac/queryables.h"
#include "src/stac/searchparameters.h"
#include "src/stac/staccollection.h"
#include "src/stac/stacjob.h"

namespace StacScope {

// One open catalog, whatever its kind: lists its collections and runs searches into a result
// store. Each provider opens its own kind (ProviderRegistry::openCatalog): a STAC API is searched
// on the server, page by page (StacApiCatalogSession); a static catalog is loaded once and searched
// locally (StaticCatalogSession). The UI and tests drive them all the same way.
class CatalogSession : public QObject
{
    Q_OBJECT
public:
    ~CatalogSession() override;

    const CatalogSource &source() const { return m_source; }
    const StacCollections &collections() const { return m_collections; }
    bool isOpen() const { return m_opened; }
    virtual bool isSearching() const = 0;
    // Whether the whole catalog is read at once and searched here (a static catalog): worth
    // showing as soon as it is chosen.
    virtual bool searchesLocally() const = 0;

    // Opens the catalog: the landing page and collections of an API, or the whole static catalog.
    virtual void open() = 0;
    // Searches into `results` (cleared first). maxItems 0 means no cap.
    virtual void search(const SearchParameters &parameters, int maxItems, ItemStore *results) = 0;
    virtual void cancel() = 0;
    // The last search stopped at its cap (or was canceled, or a page failed) while the server has
    // more: loadMore() goes on with it, appending to the same store, up to `maxItems` more (0: all
    // the rest), with the same signals as a search.
    virtual bool canLoadMore() const { return false; }
    virtual void loadMore(int maxItems, ItemStore *results)
    {
        Q_UNUSED(maxItems);
        Q_UNUSED(results);
    }

    // How a filter reaches this catalog. Local unless the catalog says more (a STAC API's
    // conformance, a provider's dialect).
    virtual FilterEncoding filterEncoding() const { return FilterEncoding::Local; }
    // The same in words, for the search panel.
    virtual QString filterDescription() const { return FilterPlanner::describe(filterEncoding()); }
    // Loads what a filter may use for `collections` (none: the catalog's own); queryablesLoaded()
    // follows, also when the catalog publishes nothing (an empty schema) or the request fails
    // (`error`). A newer call supersedes an older one still running.
    virtual void loadQueryables(const QStringList &collections);

Q_SIGNALS:
    void opened();
    void collectionsChanged();
    void searchStarted();
    void itemsAdded(int first, int count);
    void matchedKnown(qint64 matched);
    // `error` is empty on success; warnings are problems that did not stop the search.
    void searchFinished(const StacScope::NetworkError &error, const QStringList &warnings);
    void failed(const StacScope::NetworkError &error);
    void queryablesLoaded(
        const QStringList &collections, const StacScope::Queryables &queryables, const QString &error);

protected:
    CatalogSession(const CatalogSource &source, QObject *parent);
    void setOpened(const StacCollections &collections);

private:
    CatalogSource m_source;
    StacCollections m_collections;
    bool m_opened = false;
};

} // namespace StacScope
