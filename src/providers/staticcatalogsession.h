#pragma once

#include <memory>
#include <optional>

#include <QPointer>

#include "src/providers/catalogsession.h"

namespace StacScope {

class NetworkClient;

// A static catalog (a folder, a catalog.json, its URL, or the embedded demo): read whole into
// memory once, then searched locally. A search asked for while it loads runs when it is loaded.
class StaticCatalogSession : public CatalogSession
{
    Q_OBJECT
public:
    StaticCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent = nullptr);
    ~StaticCatalogSession() override;

    bool isSearching() const override { return m_pending.has_value(); }
    bool searchesLocally() const override { return true; }
    void open() override;
    void search(const SearchParameters &parameters, int maxItems, ItemStore *results) override;
    void cancel() override;

private:
    void runLocalSearch();

    NetworkClient *m_network;
    std::unique_ptr<ItemStore> m_catalogItems; // every item
    QPointer<StacJob> m_openJob;
    struct Pending
    {
        SearchParameters parameters;
        int maxItems = 0;
        ItemStore *results = nullptr;
    };
    std::optional<Pending> m_pending;
};

} // namespace StacScope
