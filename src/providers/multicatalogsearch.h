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

    void setMaxParallel(int n) { m_maxParallel = qMax(1, n); }
    int maxParallel() const { return m_maxParallel; }

    // Cancels what runs and searches `sources` with `parameters`, at most `maxItemsPerCatalog`
    // items each (0: no cap). finished() follows even when every catalog fails, or none is given.
    void start(const QList<CatalogSource> &sources, const SearchParameters &parameters, int maxItemsPerCatalog);
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
    void finished();

private:
    struct Catalog
    {
        CatalogSearchStatus status;
        std::unique_ptr<ItemStore> store;
        QPointer<CatalogSession> session;
        QElapsedTimer clock;
    };
    void startNext();
    void end(
        int index, CatalogSearchStatus::State state, const NetworkError &error = {}, const QStringList &warnings = {});
    void stopAll(bool announce);

    const ProviderRegistry *m_registry;
    NetworkClient *m_network;
    std::vector<std::unique_ptr<Catalog>> m_catalogs;
    SearchParameters m_parameters;
    int m_maxItems = 0;
    int m_maxParallel = 4;
    int m_next = 0;
    int m_runningCount = 0;
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace StacScope
