#include "src/stac/selectionsummary.h"

#include <algorithm>

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include "src/stac/itemstore.h"
#include "src/stac/stacasset.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QList<QPair<QString, int>> ranked(const QHash<QString, int> &counts)
{
    QList<QPair<QString, int>> out;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        out.append({ it.key(), it.value() });
    }
    std::sort(out.begin(), out.end(),
        [](const auto &a, const auto &b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    return out;
}

} // namespace

SelectionSummary SelectionSummary::of(const ItemStore &store, const QList<int> &rows)
{
    SelectionSummary s;
    QHash<QString, int> collections;
    QHash<QString, int> platforms;
    QHash<QString, int> assetIndex;
    double cloudSum = 0;
    for (const int row : rows) {
        if (row < 0 || row >= store.size()) {
            continue;
        }
        const ItemRecord &r = store.at(row);
        ++s.count;
        ++collections[r.collection];
        if (!r.platform.isEmpty()) {
            ++platforms[r.platform];
        }
        if (r.hasDatetime()) {
            const qint64 begin = r.timeBegin();
            const qint64 end = r.timeEnd() != ItemRecord::kNoTime ? r.timeEnd() : begin;
            s.firstTime = s.timed ? std::min(s.firstTime, begin) : begin;
            s.lastTime = s.timed ? std::max(s.lastTime, end) : end;
            ++s.timed;
        }
        if (ItemRecord::isSet(r.cloudCover)) {
            s.cloudMin = s.clouded ? std::min(s.cloudMin, r.cloudCover) : r.cloudCover;
            s.cloudMax = s.clouded ? std::max(s.cloudMax, r.cloudCover) : r.cloudCover;
            cloudSum += r.cloudCover;
            ++s.clouded;
        }
        if (r.hasBbox) {
            s.extent = s.extent ? s.extent->united(r.bbox) : r.bbox;
        }
        if (s.assetsScanned >= kMaxAssetScan) {
            continue;
        }
        ++s.assetsScanned;
        const QJsonObject assets = QJsonDocument::fromJson(store.rawJson(row)).object().value(u"assets"_s).toObject();
        for (const StacAsset &a : parseAssets(assets)) {
            auto found = assetIndex.constFind(a.key);
            if (found == assetIndex.constEnd()) {
                found = assetIndex.insert(a.key, int(s.assets.size()));
                s.assets.append({ a.key, 0, 0, 0 });
            }
            Asset &summary = s.assets[*found];
            ++summary.items;
            if (a.fileSize >= 0) {
                summary.bytes += a.fileSize;
                ++summary.sized;
            }
        }
    }
    // The assets most of them have first.
    std::stable_sort(s.assets.begin(), s.assets.end(),
        [](const Asset &a, const Asset &b) { return a.items != b.items ? a.items > b.items : a.key < b.key; });
    s.collections = ranked(collections);
    s.platforms = ranked(platforms);
    s.cloudMean = s.clouded ? cloudSum / s.clouded : 0;
    return s;
}

} // namespace StacScope
