#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace StacScope {

// One entry of an Item's `assets` map, with the fields the UI and the downloader use; everything
// else the asset carries stays in `extra` so nothing is lost.
struct StacAsset
{
    QString key;
    QString href;
    QString title;
    QString description;
    QString type;
    QStringList roles;
    qint64 fileSize = -1; // `file:size`, -1 when unknown
    QString checksum; // `file:checksum` (or pre-1.0 `checksum:multihash`), multihash hex
    QJsonObject extra; // the whole asset object as received

    bool hasRole(QStringView role) const { return roles.contains(role); }
    static StacAsset fromJson(const QString &key, const QJsonObject &object);
};

using StacAssets = QList<StacAsset>;

StacAssets parseAssets(const QJsonObject &assets);

enum class PreviewRole
{
    Thumbnail,
    Overview,
    Visual
};
enum class PreviewKey
{
    Thumbnail,
    Preview
};

// The preview to show for an item: role thumbnail, then key "thumbnail", then role overview,
// then key "preview", then role visual. `keyIs(i, PreviewKey)` and `hasRole(i, PreviewRole)`
// describe asset i of `count`. Returns the chosen index, or -1.
template <typename KeyIs, typename HasRole> int selectPreviewAsset(int count, KeyIs keyIs, HasRole hasRole)
{
    for (int pass = 0; pass < 5; ++pass) {
        for (int i = 0; i < count; ++i) {
            const bool hit = (pass == 0 && hasRole(i, PreviewRole::Thumbnail))
                || (pass == 1 && keyIs(i, PreviewKey::Thumbnail)) || (pass == 2 && hasRole(i, PreviewRole::Overview))
                || (pass == 3 && keyIs(i, PreviewKey::Preview)) || (pass == 4 && hasRole(i, PreviewRole::Visual));
            if (hit) {
                return i;
            }
        }
    }
    return -1;
}

// Whether an asset can serve as a quicklook: a PNG, JPEG, WebP or GIF (by media type, else by
// file name) of at most 16 MB when its size is known. Full-resolution GeoTIFFs never are.
bool isPreviewableImage(const QString &type, const QString &href, qint64 size = -1);

// The same rule over parsed assets, among previewable images only.
int selectPreviewAsset(const StacAssets &assets);

} // namespace StacScope
