#pragma once

#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include "src/net/networkerror.h"
#include "src/providers/catalogsource.h"
#include "src/stac/searchparameters.h"

namespace StacScope {

class CatalogSession;
class ItemStore;
class NetworkClient;
class ProviderRegistry;

// Where one catalog of a MultiCatalogSearch is.
struct CatalogSearchStatus
{
    enum class State
    {
        Waiting, // not started yet (more catalogs than run at once)
        Searching,
        Done,
        Failed,
        Canceled
    };
    CatalogSource source;
    State state = State::Waiting;
    int returned = 0; // items in its store
    qint64 matched = -1; // what the catalog says matched; -1 when it does not say
    qint64 elapsedMs = 0; // from its start to its end
    NetworkError error;
    QStringList warnings; // problems that did not stop its search

    bool isFinished() const { return state == State::Done || state == State::Failed || state == State::Canceled; }
};

// One search run in several catalogs at once (STAC APIs, static catalogs, account catalogs alike),
// each through a CatalogSession of its own into a store of its own, so one slow or failing
// catalog neither holds up nor spoils the others. At most maxParallel() catalogs run at a time.
class MultiCatalogSearch : public QObject
{
    Q_OBJECT
public:
    MultiCatalogSearch(const ProviderRegistry *registry, NetworkClient *network, QObject *parent = nullptr);
    ~MultiCatalogSearch() override;

    const ProviderRegistry *registry() const { return m_registry; }
    void setMaxParallel(int n) { m_maxParallel = qMax(1, n); }
    int maxParallel() const { return m_maxParallel; }

    // Cancels what runs and searches `sources` with `parameters`, at most `maxItemsPerCatalog`
    // items each (0: no cap). finished() follows even when every catalog fails, or none is given.
    void start(const QList<CatalogSource> &sources, const SearchParameters &parameters, int maxItemsPerCatalog);
    // The same with parameters of its own for each source (e.g. only the collections it lists).
    void start(const QList<CatalogSource> &sources, const QList<SearchParameters> &parameters, int maxItemsPerCatalog);

    // Every catalog's results are also copied into `merged` (cleared at each start) as they come:
    // one table for all of them. A row's ItemStore::origin() is its catalog's index, and with
    // several catalogs each item's properties gain kCatalogProperty, the catalog's name, so that
    // what is exported or printed says where it came from. Not owned; nullptr: no merging.
    void setMergedStore(ItemStore *merged) { m_merged = merged; }
    static constexpr QStringView kCatalogProperty = u"stacscope:catalog";
    // `json` (an item) with kCatalogProperty = `catalog` as the first member of its properties;
    // everything else byte for byte (the server's member order and number spelling stay). An item
    // without a properties object is returned as it is.
    static QByteArray withCatalogProperty(QByteArrayView json, const QString &catalog);
    // Stops every catalog still running (state Canceled); finished() is emitted if it ran.
    void cancel();
    bool isRunning() const { return m_running; }

    int catalogCount() const { return int(m_catalogs.size()); }
    const CatalogSearchStatus &status(int index) const { return m_catalogs[size_t(index)]->status; }
    const ItemStore &results(int index) const { return *m_catalogs[size_t(index)]->store; }
    // Items returned by every catalog together.
    int totalReturned() const;

Q_SIGNALS:
    // Its state or counts changed.
    void catalogChanged(int index);
    // Rows [first, first + count) of the merged store are new.
    void mergedItemsAdded(int first, int count);
    void finished();

private:
    struct Catalog
    {
        CatalogSearchStatus status;
        std::unique_ptr<ItemStore> store;
        QPointer<CatalogSession> session;
        QElapsedTimer clock;
        int merged = 0; // rows of its store copied into the merged one
    };
    void merge(int index);
    void startNext();
    void end(
        int index, CatalogSearchStatus::State state, const NetworkError &error = {}, const QStringList &warnings = {});
    void stopAll(bool announce);

    const ProviderRegistry *m_registry;
    NetworkClient *m_network;
    std::vector<std::unique_ptr<Catalog>> m_catalogs;
    QList<SearchParameters> m_parameters; // one per catalog
    ItemStore *m_merged = nullptr;
    int m_maxItems = 0;
    int m_maxParallel = 4;
    int m_next = 0;
    int m_runningCount = 0;
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace StacScope
