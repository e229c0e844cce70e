#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace StacScope {

// Capella's objects as StacScope reads them (../shared/providers/capella.md §4-7). Each keeps
// the provider's JSON as it came (`raw`) for --json output and the details view.

struct CapellaStatus
{
    QDateTime time;
    QString code;
    QString message;
};

// A granule to order: STAC collection and item id.
struct CapellaGranule
{
    QString collectionId;
    QString granuleId;
    friend bool operator==(const CapellaGranule &, const CapellaGranule &) = default;
};

struct CapellaOrderItem
{
    QString granuleId;
    QString collectionId;
    QString type; // instrument mode
    qint64 size = -1;
    bool previouslyOrdered = false;
    QDateTime collectionDate;
};

struct CapellaOrder
{
    QString id;
    QString status; // "completed", "rejected"...
    QString userId;
    QString organizationId;
    QDateTime orderDate;
    QDateTime expirationDate;
    QList<CapellaOrderItem> items;
    QJsonObject raw;

    // Active while it has not expired (an order without an expiration date never does).
    bool isActive(const QDateTime &now) const
    {
        return status != QLatin1String("rejected") && (!expirationDate.isValid() || expirationDate > now);
    }
    QStringList granuleIds() const
    {
        QStringList ids;
        for (const CapellaOrderItem &i : items) {
            ids.append(i.granuleId);
        }
        return ids;
    }
};

// POST /orders/review: the price, and whether the organization may place the order.
struct CapellaOrderReview
{
    bool authorized = false;
    QString denialMessage;
    QString denialCode; // AUTHORIZATION_INSUFFICIENT_FUNDS...
    QJsonObject summary; // orderDetails.summary as sent: {"total": "$20.00", "subtotal": ...}
    QJsonObject raw;
    QString total() const
    {
        const QJsonValue t = summary.value(QLatin1String("total"));
        return t.isDouble() ? QString::number(t.toDouble(), 'f', 2) : t.toString();
    }
};

struct CapellaPresignedAsset
{
    QString key; // HH, VV, thumbnail, metadata...
    QUrl href;
    QString title;
    QString type;
};

// One item of GET /orders/{id}/download.
struct CapellaPresignedItem
{
    QString id;
    QString collection;
    QString productType; // sar:product_type
    QList<CapellaPresignedAsset> assets;
};

// A tasking request or a repeat request (a Feature either way).
struct CapellaRequest
{
    enum class Kind
    {
        Tasking,
        Repeat
    };
    Kind kind = Kind::Tasking;
    QString id;
    QString name;
    QString description;
    QString userId;
    QString repeatRequestId; // a tasking request derived from a repeat request
    QDateTime submissionTime;
    QDateTime windowOpen;
    QDateTime windowClose;
    QString collectionTier;
    QString collectionType;
    QString archiveHoldback;
    bool preApproval = false;
    QString transactionStatus; // '' until priced, "pending-customer-approval", "in-progress"...
    QString costTotal; // order.summary.total of a tasking request ("$20.00")
    QString costPerImage; // costPerImageEstimate of a repeat request
    QStringList productTypes;
    QList<CapellaStatus> history; // newest first, as Capella sends it
    QJsonObject geometry;
    QJsonObject raw;

    QString status() const { return history.isEmpty() ? QString() : history.first().code; }
    // Priced and waiting for the customer: a tasking request says so in transactionStatus, a repeat
    // request (which has none) by being in review.
    bool needsApproval() const
    {
        return transactionStatus == QLatin1String("pending-customer-approval")
            || (transactionStatus.isEmpty() && kind == Kind::Repeat && status() == QLatin1String("review"));
    }
};

// GET /collects/list/{taskingrequestId}.
struct CapellaCollect
{
    QString id;
    QString taskingRequestId;
    QString repeatRequestId;
    QString spacecraftId;
    QDateTime windowOpen;
    QDateTime windowClose;
    QList<CapellaStatus> history; // newest first
    QJsonObject raw;
    QString status() const { return history.isEmpty() ? QString() : history.first().code; }
};

} // namespace StacScope
