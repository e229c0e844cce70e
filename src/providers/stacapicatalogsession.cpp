#include "src/providers/stacapicatalogsession.h"

#include <memory>

#include "src/stac/collectionsjob.h"
#include "src/stac/queryablesjob.h"
#include "src/stac/searchjob.h"
#include "src/stac/stacapiclient.h"

using namespace Qt::StringLiterals;

namespace StacScope {

StacApiCatalogSession::StacApiCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent)
    : CatalogSession(source, parent)
    , m_client(new StacApiClient(network, QUrl(source.location), this))
{}

StacApiCatalogSession::~StacApiCatalogSession()
{
    for (StacJob *job : { m_openJob.data(), m_searchJob.data() }) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void StacApiCatalogSession::open()
{
    if (m_openJob || isOpen()) {
        return;
    }
    CollectionsJob *job = m_client->fetchCollections();
    m_openJob = job;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->isOk()) {
            Q_EMIT failed(job->error());
            return;
        }
        setOpened(job->collections());
    });
}

void StacApiCatalogSession::search(const SearchParameters &parameters, int maxItems, ItemStore *results)
{
    if (m_searchJob) {
        m_searchJob->disconnect(this);
        m_searchJob->cancel();
        m_searchJob = nullptr;
    }
    results->clear();
    m_parameters = parameters;
    m_continuation.reset();
    Q_EMIT searchStarted();
    SearchOptions options;
    options.maxItems = maxItems;
    startJob(options, results);
}

void StacApiCatalogSession::loadMore(int maxItems, ItemStore *results)
{
    if (!canLoadMore()) {
        return;
    }
    SearchOptions options;
    options.maxItems = maxItems;
    options.continueWith = m_continuation;
    m_continuation.reset();
    startJob(options, results);
}

void StacApiCatalogSession::startJob(const SearchOptions &options, ItemStore *results)
{
    SearchJob *job = m_client->search(m_parameters, results, options);
    m_searchJob = job;
    connect(job, &SearchJob::itemsAdded, this, &CatalogSession::itemsAdded);
    connect(job, &SearchJob::matchedKnown, this, &CatalogSession::matchedKnown);
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        m_searchJob = nullptr; // done: canLoadMore() may say yes to the receivers
        m_continuation = job->continuation();
        Q_EMIT searchFinished(job->error(), job->warnings());
    });
}

FilterEncoding StacApiCatalogSession::filterEncoding() const
{
    const std::optional<StacApiInfo> &info = m_client->info();
    if (!info) {
        return FilterEncoding::Local;
    }
    return FilterPlanner::encodingFor(info->conformance, info->preferredSearchMethod() != u"GET");
}

QString StacApiCatalogSession::searchMethod() const
{
    const std::optional<StacApiInfo> &info = m_client->info();
    return info ? info->preferredSearchMethod() : u"POST"_s;
}

QUrl StacApiCatalogSession::searchUrl() const
{
    const std::optional<StacApiInfo> &info = m_client->info();
    return info ? info->searchUrl(searchMethod()) : QUrl();
}

void StacApiCatalogSession::loadQueryables(const QStringList &collections)
{
    const quint64 generation = ++m_queryablesGeneration;
    QStringList ids { QString() }; // the root's
    for (const QString &c : collections.mid(0, MaxCollectionSchemas)) {
        ids.append(c);
    }
    struct Gather
    {
        int pending = 0;
        QList<Queryables> schemas;
        QString rootError;
    };
    auto gather = std::make_shared<Gather>();
    gather->pending = int(ids.size());
    for (const QString &id : ids) {
        QueryablesJob *job = m_client->fetchQueryables(id);
        connect(job, &StacJob::finished, this, [this, job, id, gather, generation, collections] {
            job->deleteLater();
            if (job->isOk()) {
                gather->schemas.append(job->queryables());
            } else if (id.isEmpty()
                && !(job->error().kind == NetworkError::Kind::Http
                    && (job->error().httpStatus == 404 || job->error().httpStatus == 405))) {
                // No /queryables at all (404) is a catalog publishing none, not a failure.
                gather->rootError = job->error().toString();
            }
            if (--gather->pending > 0 || generation != m_queryablesGeneration) {
                return;
            }
            // A catalog whose collections publish schemas but whose root does not is fine.
            const QString error = gather->schemas.isEmpty() ? gather->rootError : QString();
            Q_EMIT queryablesLoaded(collections, Queryables::merged(gather->schemas), error);
        });
    }
}

void StacApiCatalogSession::cancel()
{
    if (m_searchJob) {
        m_searchJob->cancel();
    }
}

} // namespace StacScope
