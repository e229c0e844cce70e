#include "src/download/assetselection.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "src/stac/staclink.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// A media type split into its essence and its parameters, lower-cased, spaces and quotes removed:
// "image/tiff; application=geotiff; profile=cloud-optimized" ->
// ("image/tiff", {"application=geotiff", "profile=cloud-optimized"}).
struct MediaType
{
    QString essence;
    QStringList parameters;

    bool hasParameter(QStringView p) const { return parameters.contains(p); }
};

MediaType parseMediaType(const QString &text)
{
    MediaType type;
    const QStringList parts = text.toLower().split(u';');
    type.essence = parts.value(0).trimmed();
    for (qsizetype i = 1; i < parts.size(); ++i) {
        QString p = parts.at(i);
        p.remove(u' ');
        p.remove(u'"');
        if (!p.isEmpty()) {
            type.parameters.append(p);
        }
    }
    return type;
}

bool isJson(const MediaType &t)
{
    return t.essence == u"application/json" || t.essence == u"text/json" || t.essence.endsWith(u"+json");
}
bool isXml(const MediaType &t)
{
    return t.essence == u"application/xml" || t.essence == u"text/xml" || t.essence.endsWith(u"+xml");
}
bool isTiff(const MediaType &t)
{
    return t.essence == u"image/tiff";
}
bool isCog(const MediaType &t)
{
    return isTiff(t) && t.hasParameter(u"profile=cloud-optimized");
}
bool isJpeg(const MediaType &t)
{
    return t.essence == u"image/jpeg" || t.essence == u"image/jpg";
}
bool isPng(const MediaType &t)
{
    return t.essence == u"image/png";
}
bool isJp2(const MediaType &t)
{
    return t.essence == u"image/jp2";
}
bool isWebp(const MediaType &t)
{
    return t.essence == u"image/webp";
}
bool isGeoJson(const MediaType &t)
{
    return t.essence == u"application/geo+json";
}
bool isHtml(const MediaType &t)
{
    return t.essence == u"text/html";
}
bool isText(const MediaType &t)
{
    return t.essence == u"text/plain";
}
bool isNetCdf(const MediaType &t)
{
    return t.essence == u"application/netcdf" || t.essence == u"application/x-netcdf";
}
bool isHdf(const MediaType &t)
{
    return t.essence == u"application/x-hdf" || t.essence == u"application/x-hdf5";
}
bool isZarr(const MediaType &t)
{
    return t.essence == u"application/vnd+zarr" || t.essence == u"application/vnd.zarr";
}
bool isZip(const MediaType &t)
{
    return t.essence == u"application/zip";
}
bool isParquet(const MediaType &t)
{
    return t.essence == u"application/vnd.apache.parquet" || t.essence == u"application/x-parquet";
}

struct Alias
{
    QStringView name;
    bool (*test)(const MediaType &);
};

// Keep in step with the table in assetselection.h.
constexpr Alias kAliases[] = {
    { u"geotiff", isTiff },
    { u"tiff", isTiff },
    { u"tif", isTiff },
    { u"cog", isCog },
    { u"jpeg", isJpeg },
    { u"jpg", isJpeg },
    { u"png", isPng },
    { u"jp2", isJp2 },
    { u"webp", isWebp },
    { u"json", isJson },
    { u"geojson", isGeoJson },
    { u"xml", isXml },
    { u"html", isHtml },
    { u"text", isText },
    { u"netcdf", isNetCdf },
    { u"nc", isNetCdf },
    { u"hdf", isHdf },
    { u"hdf5", isHdf },
    { u"h5", isHdf },
    { u"zarr", isZarr },
    { u"zip", isZip },
    { u"parquet", isParquet },
};

bool mediaTypeMatches(const QString &entry, const QString &assetType)
{
    if (assetType.isEmpty()) {
        return false;
    }
    const MediaType type = parseMediaType(assetType);
    if (entry.contains(u'/')) {
        // A full media type: same essence and at least the entry's parameters.
        const MediaType wanted = parseMediaType(entry);
        if (wanted.essence != type.essence) {
            return false;
        }
        return std::all_of(wanted.parameters.cbegin(), wanted.parameters.cend(),
            [&](const QString &p) { return type.hasParameter(p); });
    }
    for (const Alias &alias : kAliases) {
        if (alias.name.compare(entry, Qt::CaseInsensitive) == 0) {
            return alias.test(type);
        }
    }
    return false;
}

QString itemKey(const QString &collection, const QString &id)
{
    return collection + u'\x1f' + id;
}

// What the item's relative hrefs resolve against: its self link, else where it was read from.
QUrl baseUrlOf(const QJsonObject &item, const QUrl &sourceUrl)
{
    const StacLinks links = parseLinks(item.value(u"links"_s));
    const StacLink *self = findLink(links, u"self");
    if (self && !self->href.isEmpty()) {
        QUrl url(self->href);
        if (url.isRelative()) {
            if (!sourceUrl.isEmpty()) {
                url = sourceUrl.resolved(url);
            } else if (self->href.startsWith(u'/')) {
                // Static catalogs written to disk often carry plain absolute paths as self links.
                url = QUrl::fromLocalFile(self->href);
            }
        }
        if (url.isValid() && !url.isRelative()) {
            return url;
        }
    }
    return sourceUrl;
}

} // namespace

bool AssetSelection::addItem(const QByteArray &json, const QUrl &sourceUrl, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        if (error) {
            *error = parseError.error != QJsonParseError::NoError
                ? tr("The item is not valid JSON: %1").arg(parseError.errorString())
                : tr("The item is not a JSON object.");
        }
        return false;
    }
    return add(doc.object(), sourceUrl, json, error);
}

bool AssetSelection::addItem(const QJsonObject &item, const QUrl &sourceUrl, QString *error)
{
    return add(item, sourceUrl, QByteArray(), error);
}

bool AssetSelection::add(const QJsonObject &item, const QUrl &sourceUrl, QByteArray raw, QString *error)
{
    Item entry;
    entry.id = item.value(u"id"_s).toString();
    if (entry.id.isEmpty()) {
        if (error) {
            *error = tr("The JSON is not a STAC item: it has no id.");
        }
        return false;
    }
    entry.collection = item.value(u"collection"_s).toString();
    const QString key = itemKey(entry.collection, entry.id);
    if (m_indexByKey.contains(key)) {
        if (error) {
            *error = tr("The item %1 was already added.").arg(entry.id);
        }
        return false;
    }
    entry.baseUrl = baseUrlOf(item, sourceUrl);
    entry.assets = parseAssets(item.value(u"assets"_s).toObject());
    if (raw.isEmpty()) {
        entry.object = item;
    } else {
        entry.raw = std::move(raw);
    }
    m_indexByKey.insert(key, int(m_items.size()));
    m_items.append(std::move(entry));
    return true;
}

void AssetSelection::clear()
{
    m_items.clear();
    m_indexByKey.clear();
}

QByteArray AssetSelection::itemJson(int index) const
{
    const Item &item = m_items.at(index);
    return item.raw.isEmpty() ? QJsonDocument(item.object).toJson(QJsonDocument::Indented) : item.raw;
}

QList<AssetKeySummary> AssetSelection::keys() const
{
    QList<AssetKeySummary> out;
    QHash<QString, qsizetype> indexByKey;
    for (const Item &item : m_items) {
        for (const StacAsset &asset : item.assets) {
            qsizetype index = indexByKey.value(asset.key, -1);
            if (index < 0) {
                index = out.size();
                indexByKey.insert(asset.key, index);
                out.append(AssetKeySummary { asset.key, {}, {}, {}, 0, 0, 0 });
            }
            AssetKeySummary &s = out[index];
            if (s.title.isEmpty()) {
                s.title = asset.title;
            }
            if (!asset.type.isEmpty() && !s.mediaTypes.contains(asset.type)) {
                s.mediaTypes.append(asset.type);
            }
            for (const QString &role : asset.roles) {
                if (!s.roles.contains(role)) {
                    s.roles.append(role);
                }
            }
            ++s.itemCount;
            if (asset.fileSize >= 0) {
                s.knownBytes += asset.fileSize;
            } else {
                ++s.unknownSizeCount;
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const AssetKeySummary &a, const AssetKeySummary &b) {
        return a.key.compare(b.key, Qt::CaseInsensitive) < 0;
    });
    return out;
}

bool AssetSelection::matches(const QString &entry, const StacAsset &asset)
{
    if (entry.isEmpty()) {
        return false;
    }
    if (asset.key.compare(entry, Qt::CaseInsensitive) == 0) {
        return true;
    }
    for (const QString &role : asset.roles) {
        if (role.compare(entry, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return mediaTypeMatches(entry, asset.type);
}

bool AssetSelection::isSelected(const StacAsset &asset) const
{
    const auto hit = [&](const QString &entry) { return matches(entry, asset); };
    if (std::any_of(m_exclude.cbegin(), m_exclude.cend(), hit)) {
        return false;
    }
    return m_include.isEmpty() || std::any_of(m_include.cbegin(), m_include.cend(), hit);
}

QList<SelectedAsset> AssetSelection::selectedAssets() const
{
    QList<SelectedAsset> out;
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const Item &item = m_items.at(i);
        for (const StacAsset &asset : item.assets) {
            if (!isSelected(asset)) {
                continue;
            }
            SelectedAsset s;
            s.itemIndex = int(i);
            s.itemId = item.id;
            s.collection = item.collection;
            s.asset = asset;
            // An empty href stays empty (resolving it would point at the item document itself).
            const QUrl href(asset.href.trimmed());
            s.url
                = !href.isEmpty() && href.isRelative() && !item.baseUrl.isEmpty() ? item.baseUrl.resolved(href) : href;
            out.append(std::move(s));
        }
    }
    return out;
}

AssetTotals AssetSelection::totals(const QList<SelectedAsset> &assets)
{
    AssetTotals t;
    for (const SelectedAsset &s : assets) {
        ++t.count;
        if (s.asset.fileSize >= 0) {
            t.knownBytes += s.asset.fileSize;
        } else {
            ++t.unknownSizeCount;
        }
    }
    return t;
}

AssetTotals AssetSelection::selectedTotals() const
{
    return totals(selectedAssets());
}

QStringList AssetSelection::parseList(const QString &text)
{
    QStringList out;
    const QStringList parts = text.split(u',');
    for (const QString &part : parts) {
        const QString entry = part.trimmed();
        if (!entry.isEmpty() && !out.contains(entry, Qt::CaseInsensitive)) {
            out.append(entry);
        }
    }
    return out;
}

QStringList AssetSelection::aliases()
{
    QStringList out;
    for (const Alias &alias : kAliases) {
        out.append(alias.name.toString());
    }
    out.sort();
    return out;
}

QStringList AssetSelection::normalised(const QStringList &entries)
{
    QStringList out;
    for (const QString &e : entries) {
        const QString entry = e.trimmed();
        if (!entry.isEmpty()) {
            out.append(entry);
        }
    }
    return out;
}

} // namespace StacScope
