#include "src/stac/searchjob.h"

#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

#include "src/net/networkclient.h"
#include "src/net/redirectpolicy.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QJsonObject deepMerge(QJsonObject base, const QJsonObject &overlay)
{
    for (auto it = overlay.begin(); it != overlay.end(); ++it) {
        const QJsonValue old = base.value(it.key());
        if (old.isObject() && it.value().isObject()) {
            base.insert(it.key(), deepMerge(old.toObject(), it.value().toObject()));
        } else {
            base.insert(it.key(), it.value());
        }
    }
    return base;
}

void addHeaders(HttpRequest &request, const QMap<QString, QString> &headers)
{
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        request.setHeader(it.key().toLatin1(), it.value().toUtf8());
    }
}

} // namespace

SearchJob::SearchJob(StacApiClient *client, const SearchParameters &parameters, ItemStore *store,
    const SearchOptions &options, QObject *parent)
    : StacApiJob(client, parent)
    , m_parameters(parameters)
    , m_store(store)
    , m_options(options)
{
    if (m_options.maxItems > 0 && m_options.maxItems < m_parameters.limit) {
        m_parameters.limit = m_options.maxItems;
    }
}

QString SearchJob::precheck() const
{
    const QString problem = m_parameters.validate();
    return problem.isEmpty() ? QString() : tr("Invalid search: %1").arg(problem);
}

SearchJob::~SearchJob()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
    }
}

void SearchJob::cancel()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
    }
    if (!isFinished() && !m_current.url.isEmpty()) {
        // The page on its way was not stored: a continuation starts with it (the store skips any
        // item it has already).
        m_continuation = SearchContinuation { m_current, m_original };
    }
    StacApiJob::cancel();
}

void SearchJob::begin()
{
    if (m_options.continueWith) {
        // Going on with an earlier search: its next page, judged against its first request, and
        // the part of its filter that ran here runs here again.
        m_original = m_options.continueWith->original;
        m_filterPlan = FilterPlanner::plan(m_parameters.filter,
            FilterPlanner::encodingFor(client()->info()->conformance, m_original.method == "POST"), {},
            m_parameters.query);
        send(m_options.continueWith->request);
        return;
    }
    const StacApiInfo &info = *client()->info();
    QString method = m_options.method.toUpper();
    if (method.isEmpty()) {
        method = info.preferredSearchMethod();
    }
    QUrl url = info.searchUrl(method);
    if (url.isEmpty()) {
        if (!info.conformance.itemSearch() && !info.supportsSearch(u"GET") && !info.supportsSearch(u"POST")) {
            finish(NetworkError::make(NetworkError::Kind::BadResponse,
                tr("This catalog does not offer item search (no \"search\" link on its landing page)"), info.url));
            return;
        }
        // The server conforms to item-search but did not link the method: use the spec's path.
        url = info.searchUrl(method == u"GET"_s ? u"POST" : u"GET");
        if (url.isEmpty()) {
            url = info.url.resolved(QUrl(u"search"_s));
        }
    }
    // The filter goes in the encoding the server declares; what it cannot take runs here.
    const bool post = method == u"POST"_s;
    m_filterPlan = FilterPlanner::plan(
        m_parameters.filter, FilterPlanner::encodingFor(info.conformance, post), {}, m_parameters.query);
    SearchParameters sent = m_parameters;
    sent.filter = m_filterPlan.serverFilter;
    sent.query = m_filterPlan.query;
    sent.filterLanguage = m_filterPlan.encoding == FilterEncoding::Cql2Text
        ? SearchParameters::FilterLanguage::Cql2Text
        : SearchParameters::FilterLanguage::Cql2Json;
    if (!m_filterPlan.localParts.isEmpty()) {
        addWarnings(
            { tr("%1 Applied here to each page: %2")
                    .arg(FilterPlanner::describe(m_filterPlan.encoding), m_filterPlan.localParts.join(u"; "_s)) });
    }
    if (post) {
        m_original = HttpRequest::postJson(url, QJsonDocument(sent.toPostBody()).toJson(QJsonDocument::Compact));
        m_original.retryable = true; // a search changes nothing on the server
    } else {
        QString filterProblem;
        url.setQuery(sent.toGetQuery(&filterProblem));
        if (!filterProblem.isEmpty()) {
            addWarnings({ tr("The filter was sent as CQL2-JSON: %1").arg(filterProblem) });
        }
        m_original = HttpRequest::get(url);
    }
    m_original.accept = QByteArrayLiteral("application/geo+json, application/json;q=0.9");
    send(m_original);
}

void SearchJob::send(const HttpRequest &request)
{
    const QByteArray key = request.method + ' ' + request.url.toEncoded() + ' ' + request.body;
    if (m_seenRequests.contains(key)) {
        addWarnings({ tr("The server's next link repeats an earlier page; stopped after %1 pages").arg(m_pages) });
        finish();
        return;
    }
    m_seenRequests.insert(key);
    m_current = request;
    m_call = client()->network()->send(request, this);
    connect(m_call, &HttpCall::finished, this, &SearchJob::onPage);
}

void SearchJob::onPage()
{
    HttpCall *call = m_call;
    call->deleteLater();
    m_call = nullptr;
    if (!call->isOk()) {
        if (m_pages > 0 && call->error().kind != NetworkError::Kind::Canceled) {
            m_continuation = SearchContinuation { m_current, m_original }; // "Load more" tries again
        }
        finish(call->error());
        return;
    }
    m_pageBody = call->body();
    m_pageUrl = call->finalUrl();
    if (!m_watcher) {
        m_watcher = new QFutureWatcher<Parsed>(this);
        connect(m_watcher, &QFutureWatcher<Parsed>::finished, this, &SearchJob::onParsed);
    }
    // Pages can be megabytes: parse them off the GUI thread.
    m_watcher->setFuture(
        QtConcurrent::run([parser = ItemParser(m_pageUrl), body = m_pageBody, filter = m_filterPlan.localFilter] {
            Parsed parsed;
            parsed.page = parser.parsePage(body);
            parsed.received = int(parsed.page.items.size());
            if (parsed.page.ok()) {
                FilterPlanner::applyLocalFilter(parsed.page, body, filter);
            }
            return parsed;
        }));
}

void SearchJob::onParsed()
{
    if (isFinished()) {
        return;
    }
    Parsed parsed = m_watcher->result();
    ItemPage &page = parsed.page;
    ++m_pages;
    if (!page.ok()) {
        finish(NetworkError::make(NetworkError::Kind::BadResponse,
            tr("Page %1 of the results is unusable: %2").arg(m_pages).arg(page.error), m_pageUrl));
        return;
    }
    addWarnings(page.warnings);
    addWarnings(page.itemErrors);
    // The server's count is of what it matched, before the part of the filter applied here.
    if (m_pages == 1 && page.matched() && m_filterPlan.localFilter.isEmpty()) {
        m_matched = page.matched();
        Q_EMIT matchedKnown(*m_matched);
    }
    const size_t received = page.items.size();
    const bool pageHadItems = parsed.received > 0;
    bool capped = false;
    if (m_options.maxItems > 0 && m_returned + int(received) >= m_options.maxItems) {
        const size_t keep = size_t(m_options.maxItems - m_returned);
        page.items.resize(keep);
        page.spans.resize(keep);
        capped = true;
    }
    const bool hasNext = !capped && pageHadItems && prepareNext(page);
    if (capped) {
        if (page.items.size() < received) {
            // Items of this page were left out: going on fetches it again, and the store skips the
            // ones it has.
            m_continuation = SearchContinuation { m_current, m_original };
        } else if (pageHadItems && prepareNext(page)) {
            m_continuation = SearchContinuation { m_next, m_original };
        }
    }
    const int first = m_store->size();
    const int added = m_store->append(std::move(page), m_pageBody);
    m_returned += added;
    m_pageBody.clear();
    if (added > 0) {
        Q_EMIT itemsAdded(first, added);
    }
    if (isFinished()) {
        return; // a receiver of itemsAdded() canceled us
    }
    if (hasNext) {
        send(m_next);
    } else {
        m_current = {};
        finish();
    }
}

bool SearchJob::prepareNext(const ItemPage &page)
{
    const StacLink *next = findLink(page.links, u"next");
    if (!next) {
        return false;
    }
    QString method = next->method;
    if (method.isEmpty()) {
        // The spec's default is GET, but POST APIs that omit it (Capella) expect the original
        // body again, and a link with a body is a POST in any case.
        method = (m_original.method == "POST" || next->hasBody) ? u"POST"_s : u"GET"_s;
    }
    // A next link is the server's word, not ours: only GET or POST, and no credentials when it
    // leaves the first request's origin (a hostile catalog must not make us send an account's
    // token, by any method, to that account's services).
    if (method != u"GET"_s && method != u"POST"_s) {
        addWarnings({ tr("The server's next link asks for %1; stopped (only GET and POST are followed)").arg(method) });
        return false;
    }
    HttpRequest r;
    const QUrl url = next->resolved(m_pageUrl);
    if (method == u"GET"_s) {
        r = HttpRequest::get(url);
    } else {
        const QJsonObject originalBody = QJsonDocument::fromJson(m_original.body).object();
        QJsonObject body;
        if (next->merge) {
            body = deepMerge(originalBody, next->body);
        } else {
            body = next->hasBody ? next->body : originalBody;
        }
        r = HttpRequest::postJson(url, QJsonDocument(body).toJson(QJsonDocument::Compact));
        r.method = method.toLatin1();
        r.retryable = true;
    }
    r.accept = m_original.accept;
    r.authenticate = RedirectPolicy::sameOrigin(url, m_original.url);
    // Only what the server's link itself asks for; credentials are added per request, by origin.
    addHeaders(r, next->headers);
    m_next = r;
    return true;
}

} // namespace StacScope
