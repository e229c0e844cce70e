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

int selectPreviewAsset(const StacAssets &assets)
{
    return selectPreviewAsset(
        int(assets.size()),
        [&](int i, PreviewKey k) { return assets[i].key == (k == PreviewKey::Thumbnail ? u"thumbnail" : u"preview"); },
        [&](int i, PreviewRole r) {
            return assets[i].hasRole(r == PreviewRole::Thumbnail ? u"thumbnail"
                    : r == PreviewRole::Overview                 ? u"overview"
                                                                 : u"visual");
        });
}

} // namespace StacScope
