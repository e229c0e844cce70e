#pragma once

#include <optional>

#include <QList>
#include <QPair>
#include <QString>

#include "src/geo/geobox.h"

namespace StacScope {

class ItemStore;

// What several selected results have in common, for the details pane: how many per collection
// and platform, the acquisition period, the cloud-cover range, the area covered and the assets
// they offer (how many items have each, and the bytes announced).
struct SelectionSummary
{
    int count = 0;
    QList<QPair<QString, int>> collections; // most items first, then by name; "" = no collection
    QList<QPair<QString, int>> platforms; // same order; items without a platform are not counted
    qint64 firstTime = 0; // msecs since the epoch (UTC); valid when timed > 0
    qint64 lastTime = 0;
    int timed = 0; // items with a date
    float cloudMin = 0;
    float cloudMax = 0;
    double cloudMean = 0;
    int clouded = 0; // items with eo:cloud_cover
    std::optional<GeoBox> extent;
    struct Asset
    {
        QString key;
        int items = 0; // items that have this asset
        qint64 bytes = 0; // the sum of their file:size
        int sized = 0; // items whose asset gave a file:size
    };
    QList<Asset> assets; // the most common first, then by key
    int assetsScanned = 0; // items whose assets were read (at most kMaxAssetScan)

    // Reading each item's assets means reading its JSON back from the store: bounded.
    static constexpr int kMaxAssetScan = 5000;

    static SelectionSummary of(const ItemStore &store, const QList<int> &rows);
};

} // namespace StacScope
