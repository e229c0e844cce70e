#pragma once

#include <deque>
#include <map>

#include <QList>
#include <QSet>
#include <QUrl>

#include "src/stac/itemparser.h"
#include "src/stac/staccollection.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class ItemStore;
class NetworkClient;

// Loads a static STAC catalog (a folder, a catalog.json/collection.json file, or such a URL; Qt
// resources as ":/path" or "qrc:/path") by following its child, item and items links, resolving
// relative hrefs against each document. Files are read and parsed on worker threads; URLs go through
// the NetworkClient, a few at a time.
class StaticCatalogJob : public StacJob
{
    Q_OBJECT
public:
    StaticCatalogJob(NetworkClient *network, const QString &pathOrUrl, ItemStore *store, QObject *parent);
    void cancel() override;

    // Stop after reading this many documents (a guard against runaway catalogs).
    void setMaxDocuments(int n) { m_maxDocuments = n; }
    QUrl rootUrl() const { return m_root; }
    QString title() const { return m_title; }
    const StacCollections &collections() const { return m_collections; }
    int documentsRead() const { return m_documentsRead; }

    // "folder", "folder/catalog.json", ":/demo", "https://host/catalog.json" -> the root document's URL.
    static QUrl rootUrlFor(const QString &pathOrUrl, QString *error);
    // A local or resource path as a file: or qrc: URL, and back (empty for other URLs).
    static QUrl urlForPath(const QString &path);
    static QString pathForUrl(const QUrl &url);

    enum class Expect
    {
        Any,
        Item,
        ItemCollection
    };
    struct Document
    {
        QUrl url;
        Expect expect = Expect::Any;
        QByteArray bytes;
        ItemPage items;
        std::optional<StacCollection> collection;
        QString title;
        QList<QPair<QUrl, Expect>> follow;
        QString error;
    };
    // Reads (for file and qrc URLs, when `bytes` is empty) and interprets one document. Thread-safe.
    static Document process(const QUrl &url, Expect expect, QByteArray bytes);
    // process() for several file or qrc URLs in turn.
    static QList<Document> processBatch(const QList<QPair<QUrl, Expect>> &batch);

Q_SIGNALS:
    void itemsAdded(int first, int count);
    void progress(int documentsRead, int documentsQueued);

private:
    void pump();
    // Documents arrive in any order; they are taken in the order they were queued (from `first`), so
    // the store holds the items in the catalog's own link order, the same on every load.
    void onDocuments(quint64 first, QList<Document> documents);
    void takeDocuments(QList<Document> documents);

    NetworkClient *m_network;
    ItemStore *m_store;
    QUrl m_root;
    QString m_title;
    std::deque<QPair<QUrl, Expect>> m_queue;
    QSet<QUrl> m_seen;
    StacCollections m_collections;
    int m_inFlight = 0;
    quint64 m_taken = 0; // documents taken from the front of m_queue so far
    quint64 m_delivered = 0; // documents handled, in queue order
    std::map<quint64, QList<Document>> m_arrived; // finished early, by their first position
    int m_documentsRead = 0;
    int m_maxDocuments = 200000;
    int m_failures = 0;
    static constexpr int kParallel = 6; // tasks in flight
    static constexpr qsizetype kBatch = 64; // most files read by one task
};

} // namespace StacScope
