#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "src/stac/stacasset.h"

namespace StacScope {

// One asset key as seen across the items of a selection: what the asset chooser lists.
struct AssetKeySummary
{
    QString key;
    QString title; // the first non-empty title seen
    QStringList mediaTypes; // distinct, in order of first appearance
    QStringList roles; // distinct, in order of first appearance
    int itemCount = 0; // how many items have this key
    qint64 knownBytes = 0; // sum of file:size where given
    int unknownSizeCount = 0; // how many of them have no file:size
};

// One chosen asset of one item.
struct SelectedAsset
{
    int itemIndex = -1; // into AssetSelection::itemId() etc.
    QString itemId;
    QString collection;
    StacAsset asset;
    QUrl url; // href resolved against the item's location; relative only when nothing to resolve against
};

struct AssetTotals
{
    int count = 0;
    qint64 knownBytes = 0;
    int unknownSizeCount = 0;
};

// The assets of a set of STAC items, and which of them to download.
//
// Filters (include and exclude lists; case-insensitive; an exclusion wins; an empty include list
// takes everything) hold entries that each match an asset when it is
//   - the asset key ("B04", "visual"),
//   - one of its roles ("data", "thumbnail", "overview", "metadata"),
//   - a media type: "image/tiff" matches any TIFF; "image/tiff; application=geotiff" matches an
//     asset whose type has that essence and at least those parameters (spaces and case ignored),
//   - or a short alias for media types:
//       geotiff, tiff, tif  image/tiff (any parameters, so COGs too)
//       cog                 image/tiff with profile=cloud-optimized
//       jpeg, jpg           image/jpeg          png     image/png
//       jp2                 image/jp2           webp    image/webp
//       json                application/json and any +json type (geo+json, schema+json)
//       geojson             application/geo+json
//       xml                 application/xml, text/xml and any +xml type
//       html                text/html           text    text/plain
//       netcdf, nc          application/netcdf, application/x-netcdf
//       hdf, hdf5, h5       application/x-hdf, application/x-hdf5
//       zarr                application/vnd+zarr, application/vnd.zarr
//       zip                 application/zip     parquet application/vnd.apache.parquet, application/x-parquet
class AssetSelection
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::AssetSelection)

public:
    AssetSelection() = default;

    // Adds one item (a STAC Item JSON object). Relative hrefs are resolved against the item's
    // `self` link (itself resolved against `sourceUrl`), else against `sourceUrl`, the address
    // the item was read from. An item already added (same collection and id) is ignored.
    // Returns false (with `error`) when the JSON is not an item or it was a duplicate.
    bool addItem(const QByteArray &json, const QUrl &sourceUrl = {}, QString *error = nullptr);
    bool addItem(const QJsonObject &item, const QUrl &sourceUrl = {}, QString *error = nullptr);
    void clear();

    int itemCount() const { return int(m_items.size()); }
    QString itemId(int index) const { return m_items.at(index).id; }
    QString itemCollection(int index) const { return m_items.at(index).collection; }
    // The item's JSON: the bytes as given, or the object serialised (indented) when given parsed.
    QByteArray itemJson(int index) const;
    // What relative hrefs of the item resolve against (may be empty).
    QUrl itemBaseUrl(int index) const { return m_items.at(index).baseUrl; }
    const StacAssets &itemAssets(int index) const { return m_items.at(index).assets; }

    // Every distinct asset key, sorted by key (case-insensitively).
    QList<AssetKeySummary> keys() const;

    void setInclude(const QStringList &entries) { m_include = normalised(entries); }
    void setExclude(const QStringList &entries) { m_exclude = normalised(entries); }
    QStringList include() const { return m_include; }
    QStringList exclude() const { return m_exclude; }

    // Whether the filters choose this asset.
    bool isSelected(const StacAsset &asset) const;
    // Whether one filter entry matches this asset (key, role, media type or alias).
    static bool matches(const QString &entry, const StacAsset &asset);

    // The chosen assets, item by item in the order added, keys in the item's order.
    QList<SelectedAsset> selectedAssets() const;
    AssetTotals selectedTotals() const;
    static AssetTotals totals(const QList<SelectedAsset> &assets);

    // "a, b,,c" -> {"a", "b", "c"}: the CLI's --include/--exclude values.
    static QStringList parseList(const QString &text);
    // The aliases matches() understands, sorted (for --help and completion).
    static QStringList aliases();

private:
    struct Item
    {
        QString id;
        QString collection;
        QUrl baseUrl;
        StacAssets assets;
        QByteArray raw; // as given; empty when given parsed
        QJsonObject object; // kept only when given parsed
    };

    bool add(const QJsonObject &item, const QUrl &sourceUrl, QByteArray raw, QString *error);
    static QStringList normalised(const QStringList &entries);

    QList<Item> m_items;
    QHash<QString, int> m_indexByKey; // collection + '\x1f' + id
    QStringList m_include;
    QStringList m_exclude;
};

} // namespace StacScope
