#include "src/providers/staticcatalogsession.h"

#include "src/stac/localsearch.h"
#include "src/stac/staticcatalogjob.h"

namespace StacScope {

StaticCatalogSession::StaticCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent)
    : CatalogSession(source, parent)
    , m_network(network)
{}

StaticCatalogSession::~StaticCatalogSession()
{
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
        if (m_pending) {
            runLocalSearch();
        }
    });
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
    runLocalSearch();
}

void StaticCatalogSession::runLocalSearch()
{
    const Pending pending = *m_pending;
    m_pending.reset();
    const LocalSearch::Result result = LocalSearch(*m_catalogItems).run(pending.parameters, pending.maxItems);
    if (!result.error.isEmpty()) {
        Q_EMIT searchFinished(NetworkError::make(NetworkError::Kind::BadResponse, result.error), {});
        return;
    }
    ItemStore *results = pending.results;
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
    if (m_pending) {
        m_pending.reset();
        Q_EMIT searchFinished(NetworkError::make(NetworkError::Kind::Canceled, tr("Canceled")), {});
    }
}

} // namespace StacScope
