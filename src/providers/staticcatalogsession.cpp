#include "src/providers/staticcatalogsession.h"

#include <QtConcurrent>

#include "src/stac/itemqueryables.h"
#include "src/stac/itemsnapshot.h"
#include "src/stac/localsearch.h"
#include "src/stac/staticcatalogjob.h"

namespace StacScope {

StaticCatalogSession::StaticCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent)
    : CatalogSession(source, parent)
    , m_network(network)
{}

StaticCatalogSession::~StaticCatalogSession()
{
    if (m_worker) {
        m_worker->disconnect(this);
        m_worker->waitForFinished(); // it reads m_catalogItems
    }
    if (m_openJob) {
        m_openJob->disconnect(this);
        m_openJob->cancel();
    }
}

void StaticCatalogSession::open()
{
    if (m_openJob || isOpen()) {
        return;
    }
    m_catalogItems = std::make_unique<ItemStore>();
    auto *job = new StaticCatalogJob(m_network, source().location, m_catalogItems.get(), this);
    m_openJob = job;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->isOk()) {
            Q_EMIT failed(job->error());
            if (m_pending) {
                m_pending.reset();
                Q_EMIT searchFinished(job->error(), job->warnings());
            }
            return;
        }
        setOpened(job->collections());
        startNext();
        deriveQueryables();
    });
}

void StaticCatalogSession::loadQueryables(const QStringList &collections)
{
    m_queryablesFor = collections;
    ++m_queryablesGeneration;
    if (isOpen()) {
        deriveQueryables();
    }
}

void StaticCatalogSession::deriveQueryables()
{
    if (!m_queryablesFor) {
        return;
    }
    const QStringList collections = *m_queryablesFor;
    m_queryablesFor.reset();
    std::vector<int> rows;
    for (int row = 0; row < m_catalogItems->size(); ++row) {
        if (collections.isEmpty() || collections.contains(m_catalogItems->at(row).collection)) {
            rows.push_back(row);
        }
    }
    // Its own handle on the catalog's file: the search worker may read the store meanwhile.
    auto snapshot = std::make_shared<ItemSnapshot>(*m_catalogItems, rows);
    auto *watcher = new QFutureWatcher<Queryables>(this);
    const quint64 generation = m_queryablesGeneration;
    connect(watcher, &QFutureWatcher<Queryables>::finished, this, [this, watcher, generation, collections] {
        watcher->deleteLater();
        if (generation == m_queryablesGeneration) {
            Q_EMIT queryablesLoaded(collections, watcher->result(), {});
        }
    });
    watcher->setFuture(QtConcurrent::run([snapshot] { return ItemQueryables::derive(*snapshot); }));
}

void StaticCatalogSession::search(const SearchParameters &parameters, int maxItems, ItemStore *results)
{
    m_pending.reset();
    results->clear();
    Q_EMIT searchStarted();
    m_pending = Pending { parameters, maxItems, results };
    if (!isOpen()) {
        open();
        return;
    }
    startNext();
}

void StaticCatalogSession::startNext()
{
    if (m_worker || !m_pending || !isOpen()) {
        return; // a running worker starts the next search when it is done
    }
    m_running = std::move(m_pending);
    m_pending.reset();
    m_worker = new QFutureWatcher<LocalSearch::Result>(this);
    connect(m_worker, &QFutureWatcher<LocalSearch::Result>::finished, this, [this] {
        const LocalSearch::Result result = m_worker->result();
        m_worker->deleteLater();
        m_worker = nullptr;
        std::optional<Pending> done = std::move(m_running);
        m_running.reset();
        if (done && !m_pending) {
            deliver(*done, result);
        }
        startNext(); // a search asked for meanwhile
    });
    const ItemStore *items = m_catalogItems.get();
    m_worker->setFuture(QtConcurrent::run([items, parameters = m_running->parameters, maxItems = m_running->maxItems] {
        return LocalSearch(*items).run(parameters, maxItems);
    }));
}

void StaticCatalogSession::deliver(const Pending &search, const LocalSearch::Result &result)
{
    if (!result.error.isEmpty()) {
        Q_EMIT searchFinished(NetworkError::make(NetworkError::Kind::BadResponse, result.error), {});
        return;
    }
    ItemStore *results = search.results;
    const int first = results->size();
    for (int row : result.rows) {
        ItemRecord copy = m_catalogItems->at(row);
        results->append(std::move(copy), m_catalogItems->rawJson(row));
    }
    Q_EMIT matchedKnown(result.matched);
    if (results->size() > first) {
        Q_EMIT itemsAdded(first, results->size() - first);
    }
    Q_EMIT searchFinished({}, {});
}

void StaticCatalogSession::cancel()
{
    // A static catalog that is still loading keeps loading: only the search waiting for it ends.
    if (m_pending || m_running) {
        m_pending.reset();
        m_running.reset(); // its result is dropped when the worker is done
        Q_EMIT searchFinished(NetworkError::make(NetworkError::Kind::Canceled, tr("Canceled")), {});
    }
}

} // namespace StacScope
