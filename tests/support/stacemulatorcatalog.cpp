#include "tests/support/stacemulatorcatalog.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace StacScope {

bool StacEmulatorCatalog::loadDirectory(const QString &directory, QString *error)
{
    QString scratch;
    QString &message = error ? *error : scratch;
    const QFileInfo info(directory);
    if (!info.isDir() || !info.isReadable()) {
        message = u"cannot read directory '%1'"_s.arg(directory);
        return false;
    }
    const QString root = info.absoluteFilePath();
    QStringList files;
    QDirIterator it(root, { u"*.json"_s, u"*.geojson"_s }, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort(); // load order decides ties in sorting: keep it independent of the file system

    // Convert file by file (a parsed page is freed before the next one is read) and add nothing
    // until every file was read, so that a broken file leaves the emulator unchanged.
    Pending pending;
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            message = u"cannot read '%1': %2"_s.arg(path, file.errorString());
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            message = u"%1: %2 at offset %3"_s.arg(path, parseError.errorString()).arg(parseError.offset);
            return false;
        }
        if (document.isObject()
            && !convertDocument(document.object(), QFileInfo(path).absolutePath(), root, &pending, &message)) {
            message = u"%1: %2"_s.arg(path, message);
            return false;
        }
    }
    for (const QJsonObject &collection : std::as_const(pending.collections))
        addCollection(collection, &message);
    for (StacItemRecord &record : pending.items)
        m_items.addRecord(std::move(record));
    m_filesRoot = root;
    // Sort the unfiltered result now, so that the first page of a big catalog is fast too.
    QString ignored;
    m_items.search(StacSearchQuery(), &ignored);
    return true;
}

bool StacEmulatorCatalog::convertDocument(
    const QJsonObject &document, const QString &fileDirectory, const QString &root, Pending *pending, QString *error)
{
    const QString type = document.value("type"_L1).toString();
    if (type == "Collection"_L1) {
        if (document.value("id"_L1).toString().isEmpty()) {
            *error = u"collection without an id"_s;
            return false;
        }
        QJsonObject collection = document;
        rewriteAssetHrefs(&collection, fileDirectory, root);
        pending->collections.append(collection);
        return true;
    }
    QJsonArray features;
    if (type == "Feature"_L1)
        features.append(document);
    else if (type == "FeatureCollection"_L1)
        features = document.value("features"_L1).toArray();
    for (const QJsonValue &feature : std::as_const(features)) {
        QJsonObject item = feature.toObject();
        rewriteAssetHrefs(&item, fileDirectory, root);
        std::optional<StacItemRecord> record = StacItemRecord::fromJson(item, error);
        if (!record)
            return false;
        pending->items.push_back(std::move(*record));
    }
    return true; // Catalogs and other JSON files are not part of the API's data
}

void StacEmulatorCatalog::rewriteAssetHrefs(QJsonObject *document, const QString &fileDirectory, const QString &root)
{
    QJsonObject assets = document->value("assets"_L1).toObject();
    bool changed = false;
    for (auto it = assets.begin(); it != assets.end(); ++it) {
        QJsonObject asset = it.value().toObject();
        const QString href = asset.value("href"_L1).toString();
        if (href.isEmpty() || !QUrl(href).isRelative() || href.startsWith(u'/'))
            continue;
        const QString target = QDir::cleanPath(fileDirectory + u'/' + href);
        const QString relative = QDir(root).relativeFilePath(target);
        if (relative.startsWith("../"_L1) || !QFileInfo(target).isFile())
            continue;
        const QByteArray url = StacItemRecord::BaseUrlMarker.toByteArray() + "/files/"
            + QUrl::toPercentEncoding(relative, QByteArrayLiteral("/"));
        asset.insert("href"_L1, QString::fromUtf8(url));
        it.value() = asset;
        changed = true;
    }
    if (changed)
        document->insert("assets"_L1, assets);
}

bool StacEmulatorCatalog::addCollection(const QJsonObject &collection, QString *error)
{
    const QString id = collection.value("id"_L1).toString();
    if (id.isEmpty()) {
        if (error)
            *error = u"collection without an id"_s;
        return false;
    }
    const auto existing = m_collectionIndex.constFind(id);
    if (existing != m_collectionIndex.constEnd()) {
        m_collections[*existing] = collection;
    } else {
        m_collectionIndex.insert(id, m_collections.size());
        m_collections.append(collection);
    }
    return true;
}

bool StacEmulatorCatalog::addItems(const QByteArray &json, QString *error)
{
    QString scratch;
    QString &message = error ? *error : scratch;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        message = u"invalid JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset);
        return false;
    }
    QJsonArray features;
    if (document.isArray())
        features = document.array();
    else if (document.object().value("type"_L1).toString() == "FeatureCollection"_L1)
        features = document.object().value("features"_L1).toArray();
    else
        features.append(document.object());
    for (const QJsonValue &feature : std::as_const(features)) {
        if (!addItem(feature.toObject(), &message))
            return false;
    }
    return true;
}

bool StacEmulatorCatalog::addItem(const QJsonObject &item, QString *error)
{
    QString scratch;
    return m_items.addItem(item, error ? error : &scratch);
}

void StacEmulatorCatalog::clear()
{
    m_items.clear();
    m_collections.clear();
    m_collectionIndex.clear();
    m_filesRoot.clear();
}

qsizetype StacEmulatorCatalog::findCollection(const QString &id) const
{
    return m_collectionIndex.value(id, -1);
}

} // namespace StacScope
