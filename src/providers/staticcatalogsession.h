#pragma once

#include <memory>
#include <optional>

#include <QFutureWatcher>
#include <QPointer>

#include "src/providers/catalogsession.h"
#include "src/stac/localsearch.h"

namespace StacScope {

class NetworkClient;

// A static catalog (a folder, a catalog.json, its URL, or the embedded demo): read whole into
// memory once, then searched locally on a worker thread. A search asked for while it loads runs
// when it is loaded; one asked for while another runs replaces it (one worker at a time reads the
// catalog's store).
class StaticCatalogSession : public CatalogSession
{
    Q_OBJECT
public:
    StaticCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent = nullptr);
    ~StaticCatalogSession() override;

    bool isSearching() const override { return m_pending.has_value() || m_running.has_value(); }
    bool searchesLocally() const override { return true; }
    void open() override;
    void search(const SearchParameters &parameters, int maxItems, ItemStore *results) override;
    void cancel() override;
    // The whole catalog was read: every filter runs here, over all of it.
    QString filterDescription() const override
    {
        return tr("Filters run here, over the whole catalog (a static catalog is read once).");
    }
    // Derived from the catalog's items (a static catalog publishes no schema), on a worker.
    void loadQueryables(const QStringList &collections) override;

private:
    void deriveQueryables();
    struct Pending;
    void startNext();
    void deliver(const Pending &search, const LocalSearch::Result &result);

    NetworkClient *m_network;
    std::unique_ptr<ItemStore> m_catalogItems; // every item
    QPointer<StacJob> m_openJob;
    struct Pending
    {
        SearchParameters parameters;
        int maxItems = 0;
        ItemStore *results = nullptr;
    };
    std::optional<Pending> m_pending; // asked for, not started
    std::optional<Pending> m_running; // on the worker; reset when canceled or replaced
    QFutureWatcher<LocalSearch::Result> *m_worker = nullptr; // while a worker runs
    std::optional<QStringList> m_queryablesFor; // asked for, waiting for the catalog to load
    quint64 m_queryablesGeneration = 0;
};

} // namespace StacScope
