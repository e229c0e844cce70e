#pragma once

#include <vector>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "tests/support/stacsearchengine.h"

namespace StacScope {

// The data behind StacEmulator: collections in load order and the item store.
class StacEmulatorCatalog
{
public:
    // Reads every *.json / *.geojson below `directory` (sorted by path): Collection, Feature and
    // FeatureCollection documents; others (e.g. Catalog) are skipped. Relative asset hrefs that
    // point at files below `directory` become StacItemRecord::BaseUrlMarker + "/files/<path>".
    // Nothing is added unless all files could be read, so a broken file changes nothing.
    bool loadDirectory(const QString &directory, QString *error);
    // Adds or replaces (same id) a collection.
    bool addCollection(const QJsonObject &collection, QString *error);
    // A Feature, a FeatureCollection or a JSON array of Features.
    bool addItems(const QByteArray &json, QString *error);
    bool addItem(const QJsonObject &item, QString *error);
    void clear();

    qsizetype collectionCount() const { return m_collections.size(); }
    const QJsonObject &collection(qsizetype index) const { return m_collections.at(index); }
    qsizetype findCollection(const QString &id) const; // -1 when unknown
    qsizetype itemCount() const { return m_items.itemCount(); }
    StacSearchEngine &items() { return m_items; }
    const StacSearchEngine &items() const { return m_items; }
    // The directory of the last loadDirectory(); empty before.
    const QString &filesRoot() const { return m_filesRoot; }

private:
    struct Pending
    {
        QList<QJsonObject> collections;
        std::vector<StacItemRecord> items;
    };
    static bool convertDocument(const QJsonObject &document, const QString &fileDirectory, const QString &root,
        Pending *pending, QString *error);
    static void rewriteAssetHrefs(QJsonObject *document, const QString &fileDirectory, const QString &root);

    QList<QJsonObject> m_collections;
    QHash<QString, qsizetype> m_collectionIndex;
    StacSearchEngine m_items;
    QString m_filesRoot;
};

} // namespace StacScope
