// Capella orders: bodies, parsers, the active order that holds some granules, and download
// plans of presigned items (capella.md §4-5).
#include <algorithm>

#include <QDir>

#include "src/download/filenamesanitizer.h"
#include "src/providers/capella/capellaapi.h"

using namespace Qt::StringLiterals;

namespace StacScope::CapellaApi {

QJsonObject orderBody(const QList<CapellaGranule> &granules, const QString &contractId)
{
    QJsonArray items;
    for (const CapellaGranule &g : granules) {
        items.append(QJsonObject { { u"collectionId"_s, g.collectionId }, { u"granuleId"_s, g.granuleId } });
    }
    QJsonObject body { { u"items"_s, items } };
    if (!contractId.isEmpty()) {
        body.insert(u"contractId"_s, contractId);
    }
    return body;
}

CapellaOrder parseOrder(const QJsonObject &o)
{
    CapellaOrder order;
    order.raw = o;
    order.id = o.value(u"orderId"_s).toString();
    order.status = o.value(u"orderStatus"_s).toString();
    order.userId = o.value(u"userId"_s).toString();
    order.organizationId = o.value(u"organizationId"_s).toString();
    order.orderDate = QDateTime::fromString(o.value(u"orderDate"_s).toString(), Qt::ISODateWithMs);
    order.expirationDate = QDateTime::fromString(o.value(u"expirationDate"_s).toString(), Qt::ISODateWithMs);
    for (const QJsonValue &v : o.value(u"items"_s).toArray()) {
        const QJsonObject i = v.toObject();
        CapellaOrderItem item;
        item.granuleId = i.value(u"granuleId"_s).toString();
        item.collectionId = i.value(u"collectionId"_s).toString();
        item.type = i.value(u"type"_s).toString();
        item.size = i.value(u"size"_s).isDouble() ? qint64(i.value(u"size"_s).toDouble()) : -1;
        item.previouslyOrdered = i.value(u"previouslyOrdered"_s).toBool();
        item.collectionDate = QDateTime::fromString(i.value(u"collectionDate"_s).toString(), Qt::ISODateWithMs);
        order.items.append(item);
    }
    return order;
}

QList<CapellaOrder> parseOrders(const QJsonArray &orders)
{
    QList<CapellaOrder> out;
    for (const QJsonValue &v : orders) {
        out.append(parseOrder(v.toObject()));
    }
    return out;
}

CapellaOrderReview parseReview(const QJsonObject &o)
{
    CapellaOrderReview r;
    r.raw = o;
    r.authorized = o.value(u"authorized"_s).toBool();
    const QJsonObject denial = o.value(u"authorizationDenialReason"_s).toObject();
    r.denialMessage = denial.value(u"message"_s).toString();
    r.denialCode = denial.value(u"code"_s).toString();
    r.summary = o.value(u"orderDetails"_s).toObject().value(u"summary"_s).toObject();
    return r;
}

QList<CapellaPresignedItem> parsePresigned(const QJsonArray &items)
{
    QList<CapellaPresignedItem> out;
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        CapellaPresignedItem item;
        item.id = o.value(u"id"_s).toString();
        item.collection = o.value(u"collection"_s).toString();
        item.productType = o.value(u"properties"_s).toObject().value(u"sar:product_type"_s).toString();
        const QJsonObject assets = o.value(u"assets"_s).toObject();
        for (auto it = assets.begin(); it != assets.end(); ++it) {
            const QJsonObject a = it.value().toObject();
            const QUrl href(a.value(u"href"_s).toString());
            if (!href.isValid() || href.isRelative()) {
                continue;
            }
            item.assets.append({ it.key(), href, a.value(u"title"_s).toString(), a.value(u"type"_s).toString() });
        }
        if (!item.id.isEmpty()) {
            out.append(item);
        }
    }
    return out;
}

int activeOrderHolding(const QList<CapellaOrder> &orders, const QStringList &granuleIds, const QDateTime &now)
{
    int best = -1;
    for (int i = 0; i < orders.size(); ++i) {
        const CapellaOrder &o = orders[i];
        if (!o.isActive(now)) {
            continue;
        }
        const QStringList held = o.granuleIds();
        const bool all
            = std::all_of(granuleIds.begin(), granuleIds.end(), [&](const QString &id) { return held.contains(id); });
        if (all
            && (best < 0
                || (o.expirationDate.isValid()
                    && (!orders[best].expirationDate.isValid() || o.expirationDate > orders[best].expirationDate)))) {
            best = i;
        }
    }
    return best;
}

bool assetWanted(const QString &key, const AssetFilter &filter)
{
    auto matches = [&key](const QStringList &list) {
        for (const QString &k : list) {
            if (k.compare(key, Qt::CaseInsensitive) == 0
                || (k.compare(u"raster"_s, Qt::CaseInsensitive) == 0 && (key == u"HH"_s || key == u"VV"_s))) {
                return true;
            }
        }
        return false;
    };
    if (key == u"license"_s) {
        return false; // not downloadable
    }
    if (matches(filter.exclude)) {
        return false; // an explicit deny wins over an explicit allow
    }
    return filter.include.isEmpty() || matches(filter.include);
}

QList<DownloadTask> planDownload(const QList<CapellaPresignedItem> &items, const QString &orderId, const QUrl &base,
    const QString &directory, const AssetFilter &filter, const QString &sourceId)
{
    QList<DownloadTask> tasks;
    const QString root = QDir::cleanPath(directory);
    for (const CapellaPresignedItem &item : items) {
        if (!filter.productTypes.isEmpty()
            && !std::any_of(filter.productTypes.begin(), filter.productTypes.end(),
                [&](const QString &t) { return t.compare(item.productType, Qt::CaseInsensitive) == 0; })) {
            continue;
        }
        const QString product = FileNameSanitizer::sanitize(item.id, u"product"_s);
        const QString folder = filter.flat ? root : root + u'/' + product;
        for (const CapellaPresignedAsset &asset : item.assets) {
            if (!assetWanted(asset.key, filter)) {
                continue;
            }
            const QString fallback = product + u'_' + FileNameSanitizer::sanitize(asset.key, u"asset"_s);
            const QString name = FileNameSanitizer::sanitize(asset.href.fileName(), fallback);
            DownloadTask t;
            t.url = presignUrl(base, orderId);
            t.linkFromProvider = true;
            t.signedUrl = asset.href; // good until it expires; the refresher signs anew
            t.targetPath = folder + u'/' + name;
            if (!FileNameSanitizer::isInside(root, t.targetPath)) {
                continue;
            }
            t.existingPolicy = filter.overwrite ? ExistingFilePolicy::Overwrite : ExistingFilePolicy::KeepExisting;
            t.sourceId = sourceId;
            t.collection = item.collection;
            t.itemId = item.id;
            t.assetKey = asset.key;
            t.title = name;
            tasks.append(t);
        }
    }
    return tasks;
}

QString orderIdOfTask(const DownloadTask &task)
{
    const QStringList parts = task.url.path().split(u'/', Qt::SkipEmptyParts);
    if (!task.linkFromProvider || parts.size() < 3 || parts.last() != u"download"_s
        || parts[parts.size() - 3] != u"orders"_s) {
        return {};
    }
    return parts[parts.size() - 2];
}

} // namespace StacScope::CapellaApi
