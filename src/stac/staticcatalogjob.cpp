#include "src/stac/staticcatalogjob.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

StaticCatalogJob::StaticCatalogJob(NetworkClient *network, const QString &pathOrUrl, ItemStore *store, QObject *parent)
    : StacJob(parent)
    , m_network(network)
    , m_store(store)
{
    QString error;
    m_root = rootUrlFor(pathOrUrl, &error);
    QTimer::singleShot(0, this, [this, error] {
        if (isFinished()) {
            return;
        }
        if (m_root.isEmpty()) {
            finish(NetworkError::make(NetworkError::Kind::BadResponse, error));
            return;
        }
        m_queue.emplace_back(m_root, Expect::Any);
        m_seen.insert(m_root);
        pump();
    });
}

QUrl StaticCatalogJob::rootUrlFor(const QString &pathOrUrl, QString *error)
{
    const QUrl asUrl(pathOrUrl);
    if (asUrl.scheme() == u"http"_s || asUrl.scheme() == u"https"_s) {
        return asUrl;
    }
    QString path = pathOrUrl;
    if (asUrl.isLocalFile()) {
        path = asUrl.toLocalFile();
    } else if (asUrl.scheme() == u"qrc"_s) {
        path = u':' + asUrl.path();
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = tr("No such file or folder: %1").arg(path);
        return {};
    }
    if (info.isDir()) {
        const QDir dir(info.absoluteFilePath());
        for (const auto &name : { u"catalog.json"_s, u"collection.json"_s }) {
            if (dir.exists(name)) {
                return urlForPath(dir.absoluteFilePath(name));
            }
        }
        *error = tr("The folder %1 has no catalog.json or collection.json").arg(path);
        return {};
    }
    return urlForPath(info.absoluteFilePath());
}

QUrl StaticCatalogJob::urlForPath(const QString &path)
{
    // Qt resources become qrc: URLs, so relative links resolve within the resource tree.
    if (path.startsWith(u":/"_s)) {
        QUrl url;
        url.setScheme(u"qrc"_s);
        url.setPath(path.mid(1));
        return url;
    }
    return QUrl::fromLocalFile(path);
}

QString StaticCatalogJob::pathForUrl(const QUrl &url)
{
    if (url.isLocalFile()) {
        return url.toLocalFile();
    }
    if (url.scheme() == u"qrc"_s) {
        return u':' + url.path();
    }
    return {};
}

void StaticCatalogJob::cancel()
{
    m_queue.clear();
    StacJob::cancel();
}

StaticCatalogJob::Document StaticCatalogJob::process(const QUrl &url, Expect expect, QByteArray bytes)
{
    Document doc;
    doc.url = url;
    doc.expect = expect;
    if (const QString path = pathForUrl(url); bytes.isNull() && !path.isEmpty()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            doc.error = tr("Cannot read %1: %2").arg(path, file.errorString());
            return doc;
        }
        bytes = file.readAll();
    }
    if (expect == Expect::Item) {
        doc.items = ItemParser(url).parseItem(bytes);
        if (!doc.items.ok()) {
            doc.error = doc.items.error;
        }
        doc.bytes = bytes;
        return doc;
    }
    if (expect == Expect::ItemCollection) {
        doc.items = ItemParser(url).parsePage(bytes);
        if (!doc.items.ok()) {
            doc.error = doc.items.error;
        }
        doc.bytes = bytes;
        return doc;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !json.isObject()) {
        doc.error = parseError.error != QJsonParseError::NoError
            ? tr("invalid JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset)
            : tr("not a JSON object");
        return doc;
    }
    const QJsonObject o = json.object();
    const QString type = o.value(u"type"_s).toString();
    if (type == u"Feature"_s) {
        return process(url, Expect::Item, bytes);
    }
    if (type == u"FeatureCollection"_s) {
        return process(url, Expect::ItemCollection, bytes);
    }
    if (type == u"Collection"_s || (type.isEmpty() && o.contains(u"extent"_s))) {
        QString problem;
        doc.collection = StacCollection::fromJson(o, &problem);
        if (!doc.collection) {
            doc.error = problem;
            return doc;
        }
    } else if (type != u"Catalog"_s && !(type.isEmpty() && o.contains(u"links"_s))) {
        doc.error = tr("not a STAC catalog, collection or item (type \"%1\")").arg(type);
        return doc;
    }
    doc.title = o.value(u"title"_s).toString();
    for (const StacLink &link : parseLinks(o.value(u"links"_s))) {
        Expect kind;
        if (link.rel == u"child"_s) {
            kind = Expect::Any;
        } else if (link.rel == u"item"_s) {
            kind = Expect::Item;
        } else if (link.rel == u"items"_s) {
            kind = Expect::ItemCollection;
        } else {
            continue;
        }
        doc.follow.append({ link.resolved(url), kind });
    }
    return doc;
}

QList<StaticCatalogJob::Document> StaticCatalogJob::processBatch(const QList<QPair<QUrl, Expect>> &batch)
{
    QList<Document> documents;
    documents.reserve(batch.size());
    for (const auto &[url, expect] : batch) {
        documents.append(process(url, expect, QByteArray()));
    }
    return documents;
}

void StaticCatalogJob::pump()
{
    if (isFinished()) {
        return;
    }
    while (m_inFlight < kParallel && !m_queue.empty()) {
        ++m_inFlight;
        if (!pathForUrl(m_queue.front().first).isEmpty()) {
            // Several files per worker task: a catalog of thousands of small item files would otherwise
            // spend more time handing futures between threads than reading and parsing.
            const qsizetype size = std::clamp(qsizetype(m_queue.size()) / kParallel, qsizetype(1), kBatch);
            const quint64 first = m_taken;
            QList<QPair<QUrl, Expect>> batch;
            while (batch.size() < size && !m_queue.empty() && !pathForUrl(m_queue.front().first).isEmpty()) {
                batch.append(m_queue.front());
                m_queue.pop_front();
                ++m_taken;
            }
            auto *watcher = new QFutureWatcher<QList<Document>>(this);
            connect(watcher, &QFutureWatcher<QList<Document>>::finished, this, [this, watcher, first] {
                watcher->deleteLater();
                onDocuments(first, watcher->result());
            });
            watcher->setFuture(QtConcurrent::run(&StaticCatalogJob::processBatch, batch));
            continue;
        }
        // Named copies, not a structured binding: clang before 16 cannot capture bindings in lambdas.
        const QUrl url = m_queue.front().first;
        const Expect expect = m_queue.front().second;
        m_queue.pop_front();
        const quint64 position = m_taken++;
        if (url.scheme() == u"http"_s || url.scheme() == u"https"_s) {
            HttpCall *call = m_network->send(HttpRequest::get(url), this);
            connect(call, &HttpCall::finished, this, [this, call, url, expect, position] {
                call->deleteLater();
                if (!call->isOk()) {
                    Document failed;
                    failed.url = url;
                    failed.error = call->error().toString();
                    onDocuments(position, { failed });
                    return;
                }
                auto *watcher = new QFutureWatcher<Document>(this);
                connect(watcher, &QFutureWatcher<Document>::finished, this, [this, watcher, position] {
                    watcher->deleteLater();
                    onDocuments(position, { watcher->result() });
                });
                watcher->setFuture(
                    QtConcurrent::run(&StaticCatalogJob::process, call->finalUrl(), expect, call->body()));
            });
        } else {
            Document unsupported;
            unsupported.url = url;
            unsupported.error = tr("unsupported link scheme \"%1\"").arg(url.scheme());
            QTimer::singleShot(0, this, [this, unsupported, position] { onDocuments(position, { unsupported }); });
        }
    }
    if (m_inFlight == 0 && m_queue.empty()) {
        if (m_documentsRead == m_failures && m_failures > 0) {
            finish(NetworkError::make(NetworkError::Kind::BadResponse,
                tr("Could not open the catalog: %1").arg(warnings().value(0)), m_root));
        } else {
            finish();
        }
    }
}

void StaticCatalogJob::onDocuments(quint64 first, QList<Document> documents)
{
    --m_inFlight;
    if (isFinished()) {
        return;
    }
    m_arrived.emplace(first, std::move(documents));
    for (auto next = m_arrived.find(m_delivered); next != m_arrived.end(); next = m_arrived.find(m_delivered)) {
        QList<Document> ready = std::move(next->second);
        m_arrived.erase(next);
        m_delivered += quint64(ready.size());
        takeDocuments(std::move(ready));
    }
    Q_EMIT progress(m_documentsRead, int(m_queue.size()) + m_inFlight);
    pump();
}

void StaticCatalogJob::takeDocuments(QList<Document> documents)
{
    // The items of the whole batch go to the store at once: one append, one itemsAdded.
    ItemPage items;
    QByteArray bytes;
    for (Document &document : documents) {
        ++m_documentsRead;
        if (!document.error.isEmpty()) {
            ++m_failures;
            const QString where = document.url.isLocalFile() ? document.url.toLocalFile() : document.url.toString();
            addWarnings({ where + u": "_s + document.error });
            continue;
        }
        if (document.url == m_root && !document.title.isEmpty()) {
            m_title = document.title;
        }
        if (document.collection) {
            m_collections.append(*document.collection);
        }
        addWarnings(document.items.warnings);
        addWarnings(document.items.itemErrors);
        const qsizetype offset = bytes.size();
        bytes += document.bytes;
        for (size_t i = 0; i < document.items.items.size(); ++i) {
            items.items.push_back(std::move(document.items.items[i]));
            const ItemPage::Span span = document.items.spans[i];
            items.spans.push_back({ span.begin + offset, span.end + offset });
        }
        for (const auto &f : std::as_const(document.follow)) {
            if (m_seen.contains(f.first)) {
                continue;
            }
            if (m_seen.size() >= m_maxDocuments) {
                addWarnings({ tr("Stopped after %1 documents").arg(m_maxDocuments) });
                break;
            }
            m_seen.insert(f.first);
            m_queue.push_back(f);
        }
    }
    if (!items.items.empty()) {
        const int first = m_store->size();
        const int added = m_store->append(std::move(items), bytes);
        if (added > 0) {
            Q_EMIT itemsAdded(first, added);
        }
    }
}

} // namespace StacScope
