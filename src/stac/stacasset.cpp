#include "src/stac/stacasset.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace StacScope {

StacAsset StacAsset::fromJson(const QString &key, const QJsonObject &object)
{
    StacAsset a;
    a.key = key;
    a.href = object.value(u"href"_s).toString();
    a.title = object.value(u"title"_s).toString();
    a.description = object.value(u"description"_s).toString();
    a.type = object.value(u"type"_s).toString();
    for (const QJsonValue &r : object.value(u"roles"_s).toArray()) {
        if (r.isString()) {
            a.roles.append(r.toString());
        }
    }
    const QJsonValue size = object.value(u"file:size"_s);
    if (size.isDouble() && size.toDouble() >= 0) {
        a.fileSize = qint64(size.toDouble());
    }
    a.checksum = object.value(u"file:checksum"_s).toString();
    if (a.checksum.isEmpty()) {
        a.checksum = object.value(u"checksum:multihash"_s).toString();
    }
    a.extra = object;
    return a;
}

StacAssets parseAssets(const QJsonObject &assets)
{
    StacAssets out;
    for (auto it = assets.begin(); it != assets.end(); ++it) {
        if (it.value().isObject()) {
            out.append(StacAsset::fromJson(it.key(), it.value().toObject()));
        }
    }
    return out;
}

bool isPreviewableImage(const QString &type, const QString &href, qint64 size)
{
    // A "visual" asset is often a full-resolution GeoTIFF of hundreds of megabytes: never a preview.
    constexpr qint64 MaxPreviewBytes = 16 * 1024 * 1024;
    if (size > MaxPreviewBytes) {
        return false;
    }
    const QString essence = type.section(u';', 0, 0).trimmed().toLower();
    if (!essence.isEmpty()) {
        return essence == u"image/png" || essence == u"image/jpeg" || essence == u"image/jpg"
            || essence == u"image/webp" || essence == u"image/gif";
    }
    // No media type: only a name that says raster data or an archive rules it out.
    const QString path = href.section(u'?', 0, 0).toLower();
    for (const char16_t *ext : { u".tif", u".tiff", u".jp2", u".nc", u".h5", u".hdf", u".zip", u".zarr", u".safe",
             u".img", u".bin", u".dat", u".xml", u".json" }) {
        if (path.endsWith(QStringView(ext))) {
            return false;
        }
    }
    return true;
}

int selectPreviewAsset(const StacAssets &assets)
{
    auto previewable = [&](int i) { return isPreviewableImage(assets[i].type, assets[i].href, assets[i].fileSize); };
    return selectPreviewAsset(
        int(assets.size()),
        [&](int i, PreviewKey k) {
            return assets[i].key == (k == PreviewKey::Thumbnail ? u"thumbnail" : u"preview") && previewable(i);
        },
        [&](int i, PreviewRole r) {
            return assets[i].hasRole(r == PreviewRole::Thumbnail ? u"thumbnail"
                           : r == PreviewRole::Overview          ? u"overview"
                                                                 : u"visual")
                && previewable(i);
        });
}

} // namespace StacScope
