#include "src/providers/up42/up42hostsearch.h"

#include <algorithm>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "src/net/networkclient.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/up42/up42api.h"
#include "src/providers/up42/up42client.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace Up42Api {

namespace {

// "eo:cloud_cover <= 20" (or <, >=, >, =) as {"LTE": 20}; empty when the node is something else.
QJsonObject cloudCondition(const QJsonObject &node)
{
    static const QHash<QString, QString> ops { { u"<="_s, u"LTE"_s }, { u"<"_s, u"LT"_s }, { u">="_s, u"GTE"_s },
        { u">"_s, u"GT"_s }, { u"="_s, u"EQ"_s } };
    const QJsonArray args = node.value(u"args"_s).toArray();
    const QString op = ops.value(node.value(u"op"_s).toString());
    if (op.isEmpty() || args.size() != 2 || !args.at(1).isDouble()) {
        return {};
    }
    const QString property = args.at(0).toObject().value(u"property"_s).toString();
    if (property != u"eo:cloud_cover"_s && property != u"cloudCoverage"_s) {
        return {};
    }
    return { { op, args.at(1).toDouble() } };
}

} // namespace

QJsonObject hostSearchBody(const SearchParameters &parameters, QString *error)
{
    SearchParameters p = parameters;
    p.filter = {};
    p.sortBy.clear();
    p.query = {};
    QJsonObject body = p.toPostBody();
    body.remove(u"filter"_s);
    body.remove(u"filter-lang"_s);
    body.remove(u"sortby"_s);
    body.insert(u"limit"_s, qBound(1, parameters.limit, 500));
    QJsonObject cloud;
    const QJsonObject &f = parameters.filter;
    if (!f.isEmpty()) {
        QJsonArray nodes;
        if (f.value(u"op"_s).toString() == u"and"_s) {
            nodes = f.value(u"args"_s).toArray();
        } else {
            nodes.append(f);
        }
        for (const QJsonValue &n : std::as_const(nodes)) {
            const QJsonObject c = cloudCondition(n.toObject());
            if (c.isEmpty()) {
                if (error) {
                    *error = QCoreApplication::translate("StacScope::Up42Api",
                        "UP42's archive search filters only on cloud cover; remove the other conditions");
                }
                return {};
            }
            for (auto it = c.begin(); it != c.end(); ++it) {
                cloud.insert(it.key(), it.value());
            }
        }
    }
    if (!cloud.isEmpty()) {
        body.insert(u"query"_s, QJsonObject { { u"cloudCoverage"_s, cloud } });
    }
    return body;
}

QByteArray hostPageAsStac(const QByteArray &body, QString *error, const QUrl &api, const QString &host,
    const QSet<QString> &quicklookCollections)
{
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error) {
            *error = parseError.errorString();
        }
        return {};
    }
    QJsonObject page = doc.object();
    QJsonArray features;
    for (const QJsonValue &v : page.value(u"features"_s).toArray()) {
        QJsonObject f = v.toObject();
        QJsonObject props = f.value(u"properties"_s).toObject();
        if (!f.contains(u"id"_s) || f.value(u"id"_s).toString().isEmpty()) {
            f.insert(u"id"_s, props.value(u"id"_s));
        }
        if (!f.contains(u"collection"_s)) {
            f.insert(u"collection"_s, props.value(u"collection"_s));
        }
        if (props.value(u"cloudCoverage"_s).isDouble() && !props.contains(u"eo:cloud_cover"_s)) {
            props.insert(u"eo:cloud_cover"_s, props.value(u"cloudCoverage"_s));
        }
        if (props.value(u"resolution"_s).isDouble() && !props.contains(u"gsd"_s)) {
            props.insert(u"gsd"_s, props.value(u"resolution"_s));
        }
        f.insert(u"properties"_s, props);
        if (!f.contains(u"stac_version"_s)) {
            f.insert(u"stac_version"_s, u"1.0.0"_s);
        }
        QJsonObject assets = f.value(u"assets"_s).toObject();
        const QString id = f.value(u"id"_s).toString();
        if (!api.isEmpty() && !id.isEmpty() && quicklookCollections.contains(f.value(u"collection"_s).toString())
            && !assets.contains(u"quicklook"_s)) {
            assets.insert(u"quicklook"_s,
                QJsonObject { { u"href"_s, quicklookUrl(api, host, id).toString() }, { u"type"_s, u"image/jpeg"_s },
                    { u"title"_s, u"Quicklook"_s }, { u"roles"_s, QJsonArray { u"thumbnail"_s } } });
        }
        f.insert(u"assets"_s, assets);
        if (!f.value(u"links"_s).isArray()) {
            f.insert(u"links"_s, QJsonArray {});
        }
        features.append(f);
    }
    page.insert(u"features"_s, features);
    page.insert(u"type"_s, u"FeatureCollection"_s);
    return QJsonDocument(page).toJson(QJsonDocument::Compact);
}

QList<std::pair<QString, QString>> hostsOf(const QJsonArray &collections)
{
    QList<std::pair<QString, QString>> hosts;
    for (const QJsonValue &v : collections) {
        const QJsonObject c = v.toObject();
        const QJsonArray integrations = c.value(u"integrations"_s).toArray();
        if (!integrations.isEmpty() && !integrations.contains(u"SEARCH_AVAILABLE"_s)) {
            continue;
        }
        for (const QJsonValue &p : c.value(u"providers"_s).toArray()) {
            const QJsonObject provider = p.toObject();
            const QString name = provider.value(u"name"_s).toString();
            if (!provider.value(u"roles"_s).toArray().contains(u"HOST"_s) || name.isEmpty()) {
                continue;
            }
            const bool known = std::any_of(hosts.begin(), hosts.end(), [&](const auto &h) { return h.first == name; });
            if (!known) {
                const QString title = provider.value(u"title"_s).toString();
                hosts.append({ name, title.isEmpty() ? name : title });
            }
        }
    }
    std::sort(hosts.begin(), hosts.end(),
        [](const auto &a, const auto &b) { return a.second.localeAwareCompare(b.second) < 0; });
    return hosts;
}

StacCollections hostCollections(const QJsonArray &collections, const QString &host)
{
    StacCollections out;
    for (const QJsonValue &v : collections) {
        const QJsonObject c = v.toObject();
        bool hosted = false;
        for (const QJsonValue &p : c.value(u"providers"_s).toArray()) {
            hosted = hosted
                || (p.toObject().value(u"name"_s).toString() == host
                    && p.toObject().value(u"roles"_s).toArray().contains(u"HOST"_s));
        }
        if (!hosted || c.value(u"type"_s).toString() == u"TASKING"_s) {
            continue;
        }
        StacCollection s;
        s.id = c.value(u"name"_s).toString();
        s.title = c.value(u"title"_s).toString();
        s.description = c.value(u"description"_s).toString();
        s.json = c;
        out.append(s);
    }
    return out;
}

} // namespace Up42Api

Up42HostSearchJob::Up42HostSearchJob(NetworkClient *network, const QUrl &searchUrl, const SearchParameters &parameters,
    ItemStore *store, int maxItems, QObject *parent)
    : StacJob(parent)
    , m_network(network)
    , m_searchUrl(searchUrl)
    , m_store(store)
    , m_maxItems(maxItems)
{
    QString error;
    const QString problem = parameters.validate();
    m_body = Up42Api::hostSearchBody(parameters, &error);
    if (!parameters.sortBy.isEmpty()) {
        addWarnings({ tr("UP42's archive search does not sort: the results come newest first") });
    }
    QTimer::singleShot(0, this, [this, problem, error] {
        if (isFinished()) {
            return;
        }
        if (!problem.isEmpty() || !error.isEmpty()) {
            finish(NetworkError::make(
                NetworkError::Kind::Validation, problem.isEmpty() ? error : tr("Invalid search: %1").arg(problem)));
            return;
        }
        send(m_searchUrl);
    });
}

Up42HostSearchJob::~Up42HostSearchJob()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
    }
}

void Up42HostSearchJob::cancel()
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

void Up42HostSearchJob::send(const QUrl &url)
{
    HttpRequest r = HttpRequest::postJson(url, QJsonDocument(m_body).toJson(QJsonDocument::Compact));
    r.retryable = true; // a search changes nothing
    m_call = m_network->send(r, this);
    connect(m_call, &HttpCall::finished, this, &Up42HostSearchJob::onPage);
}

void Up42HostSearchJob::onPage()
{
    HttpCall *call = m_call;
    call->deleteLater();
    m_call = nullptr;
    if (!call->isOk()) {
        NetworkError error = call->error();
        if (error.httpStatus == 422) {
            error.message = Up42Api::explain(error);
        }
        finish(error);
        return;
    }
    m_pageUrl = call->finalUrl();
    if (!m_watcher) {
        m_watcher = new QFutureWatcher<Parsed>(this);
        connect(m_watcher, &QFutureWatcher<Parsed>::finished, this, &Up42HostSearchJob::onParsed);
    }
    QUrl api = m_searchUrl;
    api.setPath(QString());
    api.setQuery(QString());
    m_watcher->setFuture(
        QtConcurrent::run([parser = ItemParser(m_pageUrl), body = call->body(), api,
                              host = Up42HostCatalogSession::hostOf(m_searchUrl), quicklooks = m_quicklooks] {
            Parsed parsed;
            parsed.json = Up42Api::hostPageAsStac(body, &parsed.error, api, host, quicklooks);
            if (parsed.error.isEmpty()) {
                parsed.page = parser.parsePage(parsed.json);
            }
            return parsed;
        }));
}

void Up42HostSearchJob::onParsed()
{
    if (isFinished()) {
        return;
    }
    Parsed parsed = m_watcher->result();
    ++m_pages;
    if (!parsed.error.isEmpty() || !parsed.page.ok()) {
        finish(NetworkError::make(NetworkError::Kind::BadResponse,
            tr("Page %1 of UP42's answer is unusable: %2")
                .arg(m_pages)
                .arg(parsed.error.isEmpty() ? parsed.page.error : parsed.error),
            m_pageUrl));
        return;
    }
    ItemPage &page = parsed.page;
    addWarnings(page.warnings);
    addWarnings(page.itemErrors);
    QUrl next;
    for (const StacLink &l : page.links) {
        if (l.rel == u"next"_s) {
            next = m_pageUrl.resolved(QUrl(l.href));
        }
    }
    bool capped = false;
    if (m_maxItems > 0 && m_returned + int(page.items.size()) >= m_maxItems) {
        const int room = std::max(0, m_maxItems - m_returned);
        page.items.resize(size_t(room));
        page.spans.resize(size_t(room));
        capped = true;
    }
    const bool empty = page.items.empty();
    const int first = m_store->size();
    const int added = m_store->append(std::move(page), parsed.json);
    m_returned += added;
    if (added > 0) {
        Q_EMIT itemsAdded(first, added);
    }
    if (capped || empty || next.isEmpty() || next == m_pageUrl) {
        finish();
        return;
    }
    send(next); // the same body to the next link
}

Up42HostCatalogSession::Up42HostCatalogSession(NetworkClient *network, const CatalogSource &source, QObject *parent)
    : CatalogSession(source, parent)
    , m_network(network)
{}

Up42HostCatalogSession::~Up42HostCatalogSession()
{
    for (StacJob *job : { m_openJob.data(), static_cast<StacJob *>(m_searchJob.data()) }) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

QString Up42HostCatalogSession::hostOf(const QUrl &searchUrl)
{
    const QStringList parts = searchUrl.path().split(u'/', Qt::SkipEmptyParts);
    const qsizetype at = parts.indexOf(u"hosts"_s);
    return at >= 0 && at + 1 < parts.size() ? parts.at(at + 1) : QString();
}

void Up42HostCatalogSession::open()
{
    if (m_openJob || isOpen()) {
        return;
    }
    QUrl api = QUrl(source().location);
    api.setPath(QString());
    auto *job = new Up42PagedJob(m_network, Up42Api::collectionsUrl(api), 0, Up42Api::DefaultPageSize, this);
    m_openJob = job;
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->isOk()) {
            Q_EMIT failed(job->error());
            return;
        }
        setOpened(Up42Api::hostCollections(job->items(), hostOf(QUrl(source().location))));
    });
}

void Up42HostCatalogSession::search(const SearchParameters &parameters, int maxItems, ItemStore *results)
{
    if (m_searchJob) {
        m_searchJob->disconnect(this);
        m_searchJob->cancel();
        m_searchJob = nullptr;
    }
    results->clear();
    Q_EMIT searchStarted();
    auto *job = new Up42HostSearchJob(m_network, QUrl(source().location), parameters, results, maxItems, this);
    QSet<QString> quicklooks;
    for (const StacCollection &c : collections()) {
        if (c.json.value(u"integrations"_s).toArray().contains(u"QUICKLOOK_AVAILABLE"_s)) {
            quicklooks.insert(c.id);
        }
    }
    job->setQuicklookCollections(quicklooks);
    m_searchJob = job;
    connect(job, &Up42HostSearchJob::itemsAdded, this, &CatalogSession::itemsAdded);
    connect(job, &StacJob::finished, this, [this, job] {
        job->deleteLater();
        Q_EMIT searchFinished(job->error(), job->warnings());
    });
}

void Up42HostCatalogSession::cancel()
{
    if (m_searchJob) {
        m_searchJob->cancel();
    }
}

} // namespace StacScope
