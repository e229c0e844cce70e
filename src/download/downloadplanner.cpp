#include "src/download/downloadplanner.h"

#include <algorithm>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QSet>

#include "src/demo/demoassets.h"
#include "src/download/filenamesanitizer.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// An item id or collection as one folder/file name: separators become '_' first, so "a/x" and
// "b/x" stay distinct and "../../etc" stays a plain name, then the sanitiser's rules.
QString segment(const QString &text, const QString &fallback)
{
    QString s = text;
    s.replace(u'/', u'_');
    s.replace(u'\\', u'_');
    return FileNameSanitizer::sanitize(s, fallback);
}

QString prefixed(const QString &prefix, const QString &name)
{
    return FileNameSanitizer::sanitize(prefix + u'_' + name);
}

// "name.ext" -> "name_2.ext", shortened so that the number always survives the length limit.
QString numbered(const QString &name, int n)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    const bool hasExt = dot > 0 && name.size() - dot <= 17;
    QString base = hasExt ? name.left(dot) : name;
    const QString ext = hasExt ? name.mid(dot) : QString();
    const QString suffix = u'_' + QString::number(n);
    while (!base.isEmpty() && (base + suffix + ext).toUtf8().size() > FileNameSanitizer::MaxNameBytes) {
        base.chop(base.size() >= 2 && base.back().isLowSurrogate() ? 2 : 1);
    }
    return base + suffix + ext;
}

// Case-insensitive file systems (macOS, Windows) treat "B04.TIF" and "b04.tif" as one file.
QString pathKey(const QString &folder, const QString &name)
{
    return QString(folder + u'/' + name).toCaseFolded();
}

// Takes `name` in `folder`, or the first free variant (`fallback` first, then numbers).
QString claim(QSet<QString> &used, const QString &folder, const QString &name, const QString &fallback = {})
{
    QString candidate = name;
    if (used.contains(pathKey(folder, candidate)) && !fallback.isEmpty()) {
        candidate = fallback;
    }
    for (int n = 2; used.contains(pathKey(folder, candidate)) && n < 100000; ++n) {
        candidate = numbered(name, n);
    }
    used.insert(pathKey(folder, candidate));
    return candidate;
}

bool isHttp(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == u"http"_s || scheme == u"https"_s;
}

// A media type of ZIP archives ("application/zip", "application/x-zip-compressed") or a ".zip" name.
bool looksLikeZip(const QString &mediaType, const QString &path)
{
    return mediaType.contains(u"zip"_s, Qt::CaseInsensitive) || path.endsWith(u".zip"_s, Qt::CaseInsensitive);
}

struct Candidate
{
    const SelectedAsset *asset = nullptr;
    QString name;
    bool fromServer = false;
};

struct PlannedItem
{
    int itemIndex = -1;
    QString name; // the sanitised item id
    QString segment; // unique among the items sharing a folder: item folder, flat prefix
    QString folder; // where its files go
    QList<Candidate> candidates;
};

} // namespace

DownloadPlanner::DownloadPlanner(DownloadPlanOptions options)
    : m_options(std::move(options))
{}

QString DownloadPlanner::extensionForMediaType(const QString &mediaType)
{
    const QString essence = mediaType.section(u';', 0, 0).trimmed().toLower();
    static const QHash<QString, QString> known {
        { u"image/tiff"_s, u".tif"_s },
        { u"image/jp2"_s, u".jp2"_s },
        { u"image/jpeg"_s, u".jpg"_s },
        { u"image/jpg"_s, u".jpg"_s },
        { u"image/png"_s, u".png"_s },
        { u"image/webp"_s, u".webp"_s },
        { u"image/gif"_s, u".gif"_s },
        { u"application/json"_s, u".json"_s },
        { u"text/json"_s, u".json"_s },
        { u"application/geo+json"_s, u".geojson"_s },
        { u"application/vnd.google-earth.kml+xml"_s, u".kml"_s },
        { u"application/vnd.google-earth.kmz"_s, u".kmz"_s },
        { u"application/xml"_s, u".xml"_s },
        { u"text/xml"_s, u".xml"_s },
        { u"text/html"_s, u".html"_s },
        { u"text/plain"_s, u".txt"_s },
        { u"text/csv"_s, u".csv"_s },
        { u"application/netcdf"_s, u".nc"_s },
        { u"application/x-netcdf"_s, u".nc"_s },
        { u"application/x-hdf5"_s, u".h5"_s },
        { u"application/x-hdf"_s, u".hdf"_s },
        { u"application/zip"_s, u".zip"_s },
        { u"application/gzip"_s, u".gz"_s },
        { u"application/x-tar"_s, u".tar"_s },
        { u"application/pdf"_s, u".pdf"_s },
        { u"application/vnd.apache.parquet"_s, u".parquet"_s },
        { u"application/x-parquet"_s, u".parquet"_s },
        { u"application/geopackage+sqlite3"_s, u".gpkg"_s },
        { u"application/vnd.laszip"_s, u".laz"_s },
    };
    const auto it = known.constFind(essence);
    if (it != known.cend()) {
        return *it;
    }
    if (essence.endsWith(u"+json"_s)) {
        return u".json"_s;
    }
    if (essence.endsWith(u"+xml"_s)) {
        return u".xml"_s;
    }
    return {};
}

bool DownloadPlanner::isSameOrigin(const QUrl &a, const QUrl &b)
{
    if (!isHttp(a) || !isHttp(b) || a.host().isEmpty()) {
        return false;
    }
    const QString scheme = a.scheme().toLower();
    const int defaultPort = scheme == u"https"_s ? 443 : 80;
    const int otherDefault = b.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0 ? 443 : 80;
    return scheme == b.scheme().toLower() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(defaultPort) == b.port(otherDefault);
}

bool DownloadPlanner::isUsableFileName(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || dot >= name.size() - 1 || name.size() - dot - 1 > 10) {
        return false;
    }
    const QStringView ext = QStringView(name).mid(dot + 1);
    return std::all_of(ext.begin(), ext.end(), [](QChar c) { return c.isLetterOrNumber(); });
}

QString DownloadPlanner::skipReason(const SelectedAsset &selected)
{
    const QUrl &url = selected.url;
    if (selected.asset.href.trimmed().isEmpty()) {
        return tr("it has no href");
    }
    if (!url.isValid()) {
        return tr("its href is not a valid URL");
    }
    if (url.isRelative()) {
        return tr("its href \"%1\" is relative and the item has neither a self link nor a source address to "
                  "resolve it against")
            .arg(url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == u"s3"_s) {
        return tr("its href is an s3:// link, which StacScope does not download (http, https and file only); "
                  "the catalog gives no http(s) link for this asset");
    }
    if (isHttp(url)) {
        const QString host = url.host().toLower();
        if ((host == u"invalid"_s || host.endsWith(u".invalid"_s)) && host != QLatin1StringView(DemoAssets::Host)) {
            // RFC 2606: such names never resolve. The demo catalog's host is the one StacScope answers for
            // itself (DemoNetworkAccessManager).
            return tr("its host %1 is a reserved name that never exists (an example address, not a real file)")
                .arg(host);
        }
        return host.isEmpty() ? tr("its URL has no host") : QString();
    }
    if (scheme == u"file"_s) {
        return url.toLocalFile().isEmpty() ? tr("its file: URL has no path") : QString();
    }
    return tr("the %1: scheme is not supported (http, https and file only)").arg(scheme);
}

DownloadPlan DownloadPlanner::plan(const AssetSelection &selection) const
{
    DownloadPlan plan;
    if (m_options.directory.trimmed().isEmpty()) {
        plan.errors.append(tr("No download folder was given."));
        return plan;
    }
    const QString root = QDir::cleanPath(QDir(m_options.directory).absolutePath());
    const QList<SelectedAsset> selected = selection.selectedAssets();

    // 1. Accepted assets with their first-choice names, grouped by item in selection order.
    QList<PlannedItem> items;
    for (const SelectedAsset &s : selected) {
        const QString reason = skipReason(s);
        if (!reason.isEmpty()) {
            plan.warnings.append(tr("%1 / %2 skipped: %3").arg(s.itemId, s.asset.key, reason));
            continue;
        }
        if (items.isEmpty() || items.constLast().itemIndex != s.itemIndex) {
            items.append(PlannedItem { s.itemIndex, {}, {}, {}, {} });
        }
        Candidate c;
        c.asset = &s;
        c.name = FileNameSanitizer::fromUrl(s.url);
        if (!isUsableFileName(c.name)) {
            // "/download?id=1", "/$value", "/": name it after the key; the server may know better.
            QString fallback = s.asset.key;
            const QString ext = extensionForMediaType(s.asset.type);
            if (!ext.isEmpty() && !fallback.endsWith(ext, Qt::CaseInsensitive)) {
                fallback += ext;
            }
            c.name = FileNameSanitizer::sanitize(fallback, u"asset"_s);
            c.fromServer = isHttp(s.url);
        }
        items.last().candidates.append(c);
    }

    // 2. Two assets of one item with one name: each gets its key in front.
    for (PlannedItem &item : items) {
        QHash<QString, int> counts;
        for (const Candidate &c : std::as_const(item.candidates)) {
            ++counts[c.name.toCaseFolded()];
        }
        for (Candidate &c : item.candidates) {
            if (counts.value(c.name.toCaseFolded()) > 1) {
                c.name = prefixed(segment(c.asset->asset.key, u"asset"_s), c.name);
            }
        }
    }

    // 3. Folders. Every claimed path (folders and files) is unique, case-insensitively.
    QSet<QString> used;
    QSet<QString> flatSegments;
    QHash<QString, QString> collectionFolders;
    const bool flat = m_options.layout == DownloadLayout::Flat;
    for (PlannedItem &item : items) {
        const QString id = selection.itemId(item.itemIndex);
        const QString collection = selection.itemCollection(item.itemIndex);
        item.name = segment(id, u"item"_s);
        if (flat) {
            item.segment = claim(flatSegments, QString(), item.name);
            item.folder = root;
            continue;
        }
        QString parent = root;
        if (m_options.collectionFolders && !collection.isEmpty()) {
            if (!collectionFolders.contains(collection)) {
                collectionFolders.insert(
                    collection, root + u'/' + claim(used, root, segment(collection, u"collection"_s)));
            }
            parent = collectionFolders.value(collection);
        }
        item.segment = claim(used, parent, item.name);
        item.folder = parent + u'/' + item.segment;
    }

    // 4. Item JSON names first, so an asset never takes them.
    if (m_options.writeItemJson) {
        for (const PlannedItem &item : std::as_const(items)) {
            const QString name = claim(used, item.folder, FileNameSanitizer::sanitize(item.name + u".json"_s));
            const QString path = item.folder + u'/' + name;
            if (FileNameSanitizer::isInside(root, path)) {
                plan.itemFiles.append(PlannedItemFile { item.itemIndex, path });
            } else {
                plan.warnings.append(tr("The item JSON of %1 would leave the download folder; not written.")
                                         .arg(selection.itemId(item.itemIndex)));
            }
        }
    }

    // 5. Flat: a name that several items would write gets the item in front.
    if (flat) {
        QHash<QString, QSet<int>> itemsByName;
        for (const PlannedItem &item : std::as_const(items)) {
            for (const Candidate &c : item.candidates) {
                itemsByName[c.name.toCaseFolded()].insert(item.itemIndex);
            }
        }
        for (PlannedItem &item : items) {
            for (Candidate &c : item.candidates) {
                if (itemsByName.value(c.name.toCaseFolded()).size() > 1) {
                    c.name = prefixed(item.segment, c.name);
                }
            }
        }
    }

    // 6. Tasks.
    for (const PlannedItem &item : std::as_const(items)) {
        for (const Candidate &c : item.candidates) {
            const SelectedAsset &s = *c.asset;
            const QString keyed = prefixed(segment(s.asset.key, u"asset"_s), c.name);
            const QString path = item.folder + u'/' + claim(used, item.folder, c.name, keyed);
            if (!FileNameSanitizer::isInside(root, path)) {
                plan.warnings.append(
                    tr("%1 / %2 skipped: its target would leave the download folder").arg(s.itemId, s.asset.key));
                continue;
            }
            DownloadTask t;
            t.url = s.url;
            t.targetPath = path;
            if (isSameOrigin(s.url, m_options.catalogUrl)) {
                t.headerNames = m_options.credentialNames;
            }
            t.expectedSize = s.asset.fileSize;
            t.checksum = s.asset.checksum.toLatin1();
            t.existingPolicy = m_options.existingPolicy;
            t.nameFromServer = c.fromServer;
            t.sourceId = m_options.sourceId;
            t.collection = s.collection;
            t.itemId = s.itemId;
            t.assetKey = s.asset.key;
            t.title = s.asset.title.isEmpty() ? s.asset.key : s.asset.title;
            if (m_options.unpackZips && looksLikeZip(s.asset.type, path)) {
                t.unpack = UnpackState::Pending;
            }
            plan.tasks.append(std::move(t));
            ++plan.totals.count;
            if (s.asset.fileSize >= 0) {
                plan.totals.knownBytes += s.asset.fileSize;
            } else {
                ++plan.totals.unknownSizeCount;
            }
        }
    }
    return plan;
}

bool DownloadPlanner::writeItemFiles(const AssetSelection &selection, DownloadPlan &plan) const
{
    bool ok = true;
    for (const PlannedItemFile &file : std::as_const(plan.itemFiles)) {
        const QString folder = QFileInfo(file.path).absolutePath();
        if (!QDir().mkpath(folder)) {
            plan.errors.append(tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(folder)));
            ok = false;
            continue;
        }
        QSaveFile out(file.path);
        const QByteArray json = selection.itemJson(file.itemIndex);
        if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size() || !out.commit()) {
            plan.errors.append(
                tr("Could not write %1: %2").arg(QDir::toNativeSeparators(file.path), out.errorString()));
            ok = false;
        }
    }
    return ok;
}

} // namespace StacScope
