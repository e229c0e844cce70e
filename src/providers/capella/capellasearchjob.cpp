#include "src/providers/capella/capellasearchjob.h"

#include <QJsonDocument>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "src/net/networkclient.h"
#include "src/providers/capella/capellaapi.h"
#include "src/stac/cql2.h"
#include "src/stac/filterplan.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

CapellaSearchJob::CapellaSearchJob(NetworkClient *network, const QUrl &api, const SearchParameters &parameters,
    ItemStore *store, int maxItems, QObject *parent)
    : StacJob(parent)
    , m_network(network)
    , m_api(api)
    , m_store(store)
    , m_maxItems(maxItems > 0 ? std::min(maxItems, CapellaApi::MaxResults) : CapellaApi::MaxResults)
{
    const QString problem = parameters.validate();
    CapellaApi::CatalogQuery query = CapellaApi::searchBody(parameters);
    m_body = query.body;
    m_localFilter = query.localFilter;
    if (!m_localFilter.isEmpty() && !Cql2::validate(m_localFilter).isEmpty()) {
        query.error = tr("The filter cannot be used: %1").arg(Cql2::validate(m_localFilter));
    }
    addWarnings(query.notes);
    // Started from the event loop, so that callers can connect first.
    QTimer::singleShot(0, this, [this, problem, error = query.error] {
        if (isFinished()) {
            return;
        }
        if (!problem.isEmpty() || !error.isEmpty()) {
            finish(NetworkError::make(
                NetworkError::Kind::Validation, problem.isEmpty() ? error : tr("Invalid search: %1").arg(problem)));
            return;
        }
        start();
    });
}

CapellaSearchJob::~CapellaSearchJob()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
    }
}

void CapellaSearchJob::cancel()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
    }
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    StacJob::cancel();
}

void CapellaSearchJob::start()
{
    sendPage();
}

void CapellaSearchJob::sendPage()
{
    QJsonObject body = m_body;
    QUrl url = CapellaApi::searchUrl(m_api);
    if (m_page > 1) {
        // The next link may name the STAC server's host, not the API gateway's: the page goes to
        // our own search URL (with the link's query), the same body with its page number.
        url = CapellaApi::nextPageUrl(m_api, m_nextHref, m_page);
        body.insert(u"page"_s, m_page);
    }
    HttpRequest r = HttpRequest::postJson(url, QJsonDocument(body).toJson(QJsonDocument::Compact));
    r.retryable = true; // a search changes nothing
    r.accept = QByteArrayLiteral("application/geo+json, application/json;q=0.9");
    m_call = m_network->send(r, this);
    connect(m_call, &HttpCall::finished, this, &CapellaSearchJob::onPage);
}

void CapellaSearchJob::onPage()
{
    HttpCall *call = m_call;
    call->deleteLater();
    m_call = nullptr;
    if (!call->isOk()) {
        finish(call->error());
        return;
    }
    m_pageBody = call->body();
    m_pageUrl = call->finalUrl();
    if (!m_watcher) {
        m_watcher = new QFutureWatcher<Parsed>(this);
        connect(m_watcher, &QFutureWatcher<Parsed>::finished, this, &CapellaSearchJob::onParsed);
    }
    m_watcher->setFuture(QtConcurrent::run([parser = ItemParser(m_pageUrl), body = m_pageBody, filter = m_localFilter] {
        Parsed parsed;
        parsed.page = parser.parsePage(body);
        parsed.received = int(parsed.page.items.size());
        parsed.dropped = parsed.page.ok() ? FilterPlanner::applyLocalFilter(parsed.page, body, filter) : 0;
        return parsed;
    }));
}

void CapellaSearchJob::onParsed()
{
    if (isFinished()) {
        return;
    }
    Parsed parsed = m_watcher->result();
    ItemPage &page = parsed.page;
    m_locallyDropped += parsed.dropped;
    ++m_pages;
    if (!page.ok()) {
        finish(NetworkError::make(NetworkError::Kind::BadResponse,
            tr("Page %1 of the results is unusable: %2").arg(m_pages).arg(page.error), m_pageUrl));
        return;
    }
    addWarnings(page.warnings);
    addWarnings(page.itemErrors);
    if (m_pages == 1 && page.matched()) {
        m_matched = page.matched();
        Q_EMIT matchedKnown(*m_matched);
        if (*m_matched > CapellaApi::MaxResults && m_maxItems >= CapellaApi::MaxResults) {
            addWarnings({ tr("%1 items match, but Capella returns at most %2 per search: narrow the search to see "
                             "the rest")
                              .arg(*m_matched)
                              .arg(CapellaApi::MaxResults) });
        }
    }
    std::optional<QString> next;
    for (const StacLink &l : page.links) {
        if (l.rel == u"next"_s) {
            next = l.href;
        }
    }
    bool capped = false;
    const int room = m_maxItems - m_returned;
    if (int(page.items.size()) >= room) {
        page.items.resize(size_t(std::max(room, 0)));
        page.spans.resize(size_t(std::max(room, 0)));
        capped = true;
    }
    const int first = m_store->size();
    const int added = m_store->append(std::move(page), m_pageBody);
    m_returned += added;
    m_pageBody.clear();
    if (added > 0) {
        Q_EMIT itemsAdded(first, added);
    }
    if (isFinished()) {
        return; // canceled by a receiver
    }
    const qint64 seenOnServer = m_returned + m_locallyDropped;
    const bool nothingNew = added == 0 && parsed.received > 0 && parsed.dropped == 0;
    const bool done = capped || !next || parsed.received == 0 || nothingNew
        || (m_matched && seenOnServer >= std::min<qint64>(*m_matched, CapellaApi::MaxResults));
    if (nothingNew && next) {
        addWarnings({ tr("Page %1 repeated items already received; stopped").arg(m_pages) });
    }
    if (done) {
        if (m_locallyDropped > 0) {
            addWarnings(
                { tr("%1 items the server sent did not match the locally applied filter").arg(m_locallyDropped) });
        }
        finish();
        return;
    }
    m_nextHref = QUrl(*next);
    ++m_page;
    sendPage();
}

} // namespace StacScope
