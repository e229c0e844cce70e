#include "src/stac/catalogsession.h"

#include "src/net/networkclient.h"
#include "src/stac/collectionsjob.h"
#include "src/stac/localsearch.h"
#include "src/stac/searchjob.h"
#include "src/stac/stacapiclient.h"
#include "src/stac/staticcatalogjob.h"

using namespace Qt::StringLiterals;

namespace StacScope {

CatalogSession::CatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_source(source)
{
    if (source.kind == CatalogSource::Kind::StacApi) {
        m_client = new StacApiClient(network, QUrl(source.location), this);
    }
}

CatalogSession::~CatalogSession()
{
    for (StacJob *job : { m_openJob.data(), m_searchJob.data() }) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void CatalogSession::open()
{
    if (m_openJob || m_opened) {
        return;
    }
    if (m_client) {
        CollectionsJob *job = m_client->fetchCollections();
        m_openJob = job;
        connect(job, &StacJob::finished, this, [this, job] {
            job->deleteLater();
            if (!job->isOk()) {
                Q_EMIT failed(job->error());
                return;
            }
            m_collections = job->collections();
            m_opened = true;
            Q_EMIT collectionsChanged();
            Q_EMIT opened();
        });
        return;
    }
    m_catalogItems = std::make_unique<ItemStore>();
    auto *job = new StaticCatalogJob(m_network, m_source.location, m_catalogItems.get(), this);
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
        m_collections = job->collections();
        m_opened = true;
        Q_EMIT collectionsChanged();
        Q_EMIT opened();
        if (m_pending) {
            runLocalSearch();
        }
    });
}

void CatalogSession::search(const SearchParameters &parameters, int maxItems, ItemStore *results)
{
    if (m_searchJob) {
        m_searchJob->disconnect(this);
        m_searchJob->cancel();
        m_searchJob = nullptr;
    }
    m_pending.reset();
    results->clear();
    Q_EMIT searchStarted();
    if (!m_client) {
        m_pending = Pending { parameters, maxItems, results };
        if (!m_opened) {
            open();
            return;
        }
        runLocalSearch();
        return;
    }
    SearchOptions options;
    options.maxItems = maxItems;
    SearchJob *job = m_client->search(parameters, results, options);
    m_searchJob = job;
    connect(job, &SearchJob::itemsAdded, this, &CatalogSession::itemsAdded);
    connect(job, &SearchJob::matchedKnown, this, &CatalogSession::matchedKnown);
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        Q_EMIT searchFinished(job->error(), job->warnings());
    });
}

void CatalogSession::runLocalSearch()
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

void CatalogSession::cancel()
{
    // A static catalog that is still loading keeps loading: only the search waiting for it ends.
    if (m_pending) {
        m_pending.reset();
        Q_EMIT searchFinished(NetworkError::make(NetworkError::Kind::Canceled, tr("Canceled")), {});
    }
    if (m_searchJob) {
        m_searchJob->cancel();
    }
}

} // namespace StacScope
