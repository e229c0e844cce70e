// CapellaEmulator, part 2 of its test: archive orders (capella.md section 4) and the S3 stand-in
// behind the presigned links (section 5).

#include <QTest>
#include <QUrlQuery>

#include "tests/integration/tst_capellaemulator.h"

using namespace Qt::StringLiterals;
using namespace StacScope;
using namespace CapellaTest;

namespace {

QJsonObject summary(const QString &total)
{
    return { { "total"_L1, total }, { "subtotal"_L1, total }, { "currency"_L1, u"USD"_s } };
}

QUrl withQueryItem(const QString &href, const QString &key, const QString &value)
{
    QUrl url(href);
    QUrlQuery query(url);
    query.removeAllQueryItems(key);
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(query);
    return url;
}

} // namespace

QJsonObject TestCapellaEmulator::purchasableItem(const QString &mode, int index)
{
    const Result result = search({ { "ownership"_L1, u"availableForPurchase"_s },
        { "query"_L1, QJsonObject { { "sar:instrument_mode"_L1, QJsonObject { { "eq"_L1, mode } } } } } });
    return result.json().value("features"_L1).toArray().at(index).toObject();
}

QJsonObject TestCapellaEmulator::placeOrder(const QStringList &granuleIds)
{
    QJsonArray items;
    for (const QString &id : granuleIds) {
        items.append(
            QJsonObject { { "collectionId"_L1, m_emulator->item(id).value("collection"_L1) }, { "granuleId"_L1, id } });
    }
    return post(u"/orders"_s, { { "items"_L1, items } }).json();
}

QString TestCapellaEmulator::presignedHref(const QString &orderId, const QString &key)
{
    const QJsonObject item = get(u"/orders/%1/download"_s.arg(orderId)).array().at(0).toObject();
    const QJsonObject assets = item.value("assets"_L1).toObject();
    if (key == "raster"_L1) {
        const QString polarization
            = item.value("properties"_L1).toObject().value("sar:polarizations"_L1).toArray().at(0).toString();
        return assets.value(polarization).toObject().value("href"_L1).toString();
    }
    return assets.value(key).toObject().value("href"_L1).toString();
}

void TestCapellaEmulator::orderReview()
{
    const QJsonObject spot = purchasableItem(u"spotlight"_s);
    const QJsonObject strip = purchasableItem(u"stripmap"_s);
    QVERIFY(!spot.isEmpty() && !strip.isEmpty());
    const QString spotId = spot.value("id"_L1).toString();
    const QString stripId = strip.value("id"_L1).toString();
    const auto review = [this](const QList<QJsonObject> &chosen) {
        QJsonArray items;
        for (const QJsonObject &item : chosen) {
            items.append(QJsonObject {
                { "collectionId"_L1, item.value("collection"_L1) }, { "granuleId"_L1, item.value("id"_L1) } });
        }
        return post(u"/orders/review"_s, { { "items"_L1, items } });
    };
    Result result = review({ spot });
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json().value("authorized"_L1), QJsonValue(true));
    QJsonObject details = result.json().value("orderDetails"_L1).toObject();
    QCOMPARE(details.value("summary"_L1).toObject(), summary(u"$1,250.00"_s));
    QJsonObject line = details.value("lineItems"_L1).toArray().at(0).toObject();
    QCOMPARE(line.value("granuleId"_L1).toString(), spotId);
    QCOMPARE(line.value("previouslyOrdered"_L1), QJsonValue(false));

    result = review({ spot, strip });
    QCOMPARE(result.json().value("orderDetails"_L1).toObject().value("summary"_L1).toObject(), summary(u"$2,000.00"_s));

    // Ordered once, a granule is not charged again.
    QCOMPARE(placeOrder({ spotId }).value("orderStatus"_L1).toString(), u"completed"_s);
    result = review({ spot, strip });
    details = result.json().value("orderDetails"_L1).toObject();
    QCOMPARE(details.value("summary"_L1).toObject(), summary(u"$750.00"_s));
    line = details.value("lineItems"_L1).toArray().at(0).toObject();
    QCOMPARE(line.value("granuleId"_L1).toString(), spotId);
    QCOMPARE(line.value("previouslyOrdered"_L1), QJsonValue(true));
    QCOMPARE(line.value("price"_L1).toString(), u"$0.00"_s);

    // Open data costs nothing.
    const Result open = search({ { "ownership"_L1, u"publiclyAvailable"_s } });
    const QJsonObject openItem = open.json().value("features"_L1).toArray().at(0).toObject();
    QCOMPARE(openItem.value("collection"_L1).toString(), u"capella-open-data"_s);
    QCOMPARE(review({ openItem }).json().value("orderDetails"_L1).toObject().value("summary"_L1).toObject(),
        summary(u"$0.00"_s));
}

void TestCapellaEmulator::orderReviewInsufficientFunds()
{
    const QJsonObject spot = purchasableItem(u"spotlight"_s);
    const QJsonObject body { { "items"_L1,
        QJsonArray { QJsonObject {
            { "collectionId"_L1, spot.value("collection"_L1) }, { "granuleId"_L1, spot.value("id"_L1) } } } } };
    m_emulator->setInsufficientFunds(true);
    const Result result = post(u"/orders/review"_s, body);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json().value("authorized"_L1), QJsonValue(false));
    const QJsonObject reason = result.json().value("authorizationDenialReason"_L1).toObject();
    QCOMPARE(reason.value("code"_L1).toString(), u"AUTHORIZATION_INSUFFICIENT_FUNDS"_s);
    QVERIFY(reason.value("message"_L1).toString().startsWith(u"This order will exceed"_s));
    // Submitting anyway is rejected.
    const Result submitted = post(u"/orders"_s, body);
    QCOMPARE(submitted.status, 200);
    QCOMPARE(submitted.json().value("orderStatus"_L1).toString(), u"rejected"_s);
}

void TestCapellaEmulator::orderValidation()
{
    const QJsonObject spot = purchasableItem(u"spotlight"_s);
    const auto body = [](const QString &collection, const QString &granule) {
        return QJsonObject { { "items"_L1,
            QJsonArray { QJsonObject { { "collectionId"_L1, collection }, { "granuleId"_L1, granule } } } } };
    };
    const QString id = spot.value("id"_L1).toString();
    const QString collection = spot.value("collection"_L1).toString();
    for (const QString &path : { u"/orders/review"_s, u"/orders"_s }) {
        const QList<QJsonObject> bad { body(collection, u"CAPELLA_C99_SP_GEO_HH_20200101000000_20200101000010"_s),
            body(u"capella-test"_s, id), QJsonObject { { "items"_L1, QJsonArray() } }, QJsonObject() };
        for (const QJsonObject &request : bad) {
            const Result result = post(path, request);
            QCOMPARE(result.status, 400);
            QCOMPARE(result.code(), u"ORDER_VALIDATION_ERROR"_s);
        }
    }
    QCOMPARE(m_emulator->orderSubmissions(), 4); // every POST /orders counts
    m_emulator->setContractIds({ u"contract-1"_s });
    QJsonObject withContract = body(collection, id);
    withContract.insert("contractId"_L1, u"contract-2"_s);
    const Result unknownContract = post(u"/orders"_s, withContract);
    QCOMPARE(unknownContract.status, 400);
    QCOMPARE(unknownContract.code(), u"CONTRACT_NOT_FOUND"_s);
    withContract.insert("contractId"_L1, u"contract-1"_s);
    QCOMPARE(post(u"/orders"_s, withContract).json().value("contractId"_L1).toString(), u"contract-1"_s);
}

void TestCapellaEmulator::orderSubmitAndList()
{
    const QJsonObject spot = purchasableItem(u"spotlight"_s);
    const QJsonObject strip = purchasableItem(u"stripmap"_s);
    const QJsonObject order = placeOrder({ spot.value("id"_L1).toString(), strip.value("id"_L1).toString() });
    QCOMPARE(m_emulator->orderSubmissions(), 1);
    QCOMPARE(order.keys(),
        QStringList({ u"expirationDate"_s, u"items"_s, u"orderDate"_s, u"orderId"_s, u"orderStatus"_s,
            u"organizationId"_s, u"userId"_s }));
    QCOMPARE(order.value("orderStatus"_L1).toString(), u"completed"_s);
    QCOMPARE(order.value("userId"_L1).toString(), UserId);
    const QDateTime ordered = QDateTime::fromString(order.value("orderDate"_L1).toString(), Qt::ISODateWithMs);
    QVERIFY(qAbs(ordered.secsTo(m_emulator->now())) <= 5);
    QVERIFY(order.value("orderDate"_L1).toString().endsWith(u'Z'));
    QCOMPARE(QDateTime::fromString(order.value("expirationDate"_L1).toString(), Qt::ISODateWithMs), ordered.addDays(7));
    const QJsonObject first = order.value("items"_L1).toArray().at(0).toObject();
    QCOMPARE(first.keys(),
        QStringList(
            { u"collectionDate"_s, u"collectionId"_s, u"granuleId"_s, u"previouslyOrdered"_s, u"size"_s, u"type"_s }));
    QCOMPARE(first.value("granuleId"_L1), spot.value("id"_L1));
    QCOMPARE(first.value("type"_L1).toString(), u"spotlight"_s);
    QCOMPARE(first.value("collectionId"_L1), spot.value("collection"_L1));
    QCOMPARE(first.value("previouslyOrdered"_L1), QJsonValue(false));
    QVERIFY(first.value("size"_L1).toDouble() > 0);
    QCOMPARE(QDateTime::fromString(first.value("collectionDate"_L1).toString(), Qt::ISODateWithMs),
        QDateTime::fromString(
            spot.value("properties"_L1).toObject().value("datetime"_L1).toString(), Qt::ISODateWithMs));

    const QString orderId = order.value("orderId"_L1).toString();
    const Result list = get(u"/orders?customerId="_s + UserId);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array(), QJsonArray({ order }));
    QCOMPARE(get(u"/orders/"_s + orderId).json(), order);
    const Result unknown = get(u"/orders/00000000-0000-0000-0000-000000000000"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.code(), u"NOT_FOUND"_s);
    const Result other = get(u"/orders?customerId=11111111-2222-3333-4444-555555555555"_s);
    QCOMPARE(other.status, 403);
    QCOMPARE(other.code(), u"NOT_AUTHORIZED"_s);
    QCOMPARE(get(u"/orders"_s).status, 400);

    m_emulator->setOrderLifetime(3600);
    const QJsonObject again = placeOrder({ spot.value("id"_L1).toString() });
    QCOMPARE(again.value("items"_L1).toArray().at(0).toObject().value("previouslyOrdered"_L1), QJsonValue(true));
    QCOMPARE(QDateTime::fromString(again.value("expirationDate"_L1).toString(), Qt::ISODateWithMs),
        QDateTime::fromString(again.value("orderDate"_L1).toString(), Qt::ISODateWithMs).addSecs(3600));
    QCOMPARE(get(u"/orders?customerId="_s + UserId).array().size(), 2);
}

void TestCapellaEmulator::orderRejected()
{
    const QString id = purchasableItem(u"spotlight"_s).value("id"_L1).toString();
    m_emulator->setRejectOrders(true);
    const QJsonObject order = placeOrder({ id });
    QCOMPARE(order.value("orderStatus"_L1).toString(), u"rejected"_s);
    QCOMPARE(get(u"/orders/%1/download"_s.arg(order.value("orderId"_L1).toString())).status, 400);
    m_emulator->setRejectOrders(false);
    // A rejected order did not buy anything.
    QCOMPARE(placeOrder({ id }).value("items"_L1).toArray().at(0).toObject().value("previouslyOrdered"_L1),
        QJsonValue(false));
}

void TestCapellaEmulator::presignedDownload()
{
    const QJsonObject item = purchasableItem(u"spotlight"_s);
    const QString id = item.value("id"_L1).toString();
    const QString polarization
        = item.value("properties"_L1).toObject().value("sar:polarizations"_L1).toArray().at(0).toString();
    const QJsonObject order = placeOrder({ id });
    const Result download = get(u"/orders/%1/download"_s.arg(order.value("orderId"_L1).toString()));
    QCOMPARE(download.status, 200);
    const QJsonArray items = download.array();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().value("id"_L1).toString(), id);
    QCOMPARE(
        items.at(0).toObject().value("properties"_L1).toObject().value("sar:product_type"_L1).toString(), u"GEO"_s);
    const QJsonObject assets = items.at(0).toObject().value("assets"_L1).toObject();
    const std::pair<QString, QString> expected[] = { { polarization, id + u".tif"_s },
        { u"thumbnail"_s, id + u"_thumb.png"_s }, { u"metadata"_s, id + u"_extended.json"_s } };
    const qint64 now = m_emulator->now().toSecsSinceEpoch();
    for (const auto &[key, fileName] : expected) {
        const QUrl url(assets.value(key).toObject().value("href"_L1).toString());
        QCOMPARE(url.host(), u"127.0.0.2"_s);
        QCOMPARE(url.port(), m_emulator->filesUrl().port());
        QVERIFY2(url.path().endsWith(u'/' + id + u'/' + fileName), qPrintable(url.path()));
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(u"AWSAccessKeyId"_s), u"EMULATORKEY"_s);
        QVERIFY(qAbs(query.queryItemValue(u"Expires"_s).toLongLong() - (now + 3600)) <= 5);
        QVERIFY(!query.queryItemValue(u"Signature"_s).isEmpty());
        QVERIFY(!query.queryItemValue(u"x-amz-security-token"_s).isEmpty());
        const Result file = send("GET", url);
        QCOMPARE(file.status, 200);
        QCOMPARE(file.body, m_emulator->assetBytes(id, key));
    }
    const QByteArray raster = m_emulator->assetBytes(id, u"raster"_s);
    QCOMPARE(raster.size(), 512 * 1024);
    QVERIFY(raster.startsWith(QByteArray("II*\0", 4)));
    QVERIFY(m_emulator->assetBytes(id, u"thumbnail"_s).startsWith("\x89PNG"));
    QCOMPARE(m_emulator->assetBytes(id, u"thumbnail"_s).size(), 20480);
    QVERIFY(QJsonDocument::fromJson(m_emulator->assetBytes(id, u"metadata"_s)).isObject());
    QVERIFY(m_emulator->assetBytes(id, u"metadata"_s).size() >= 20000);

    const QUrl rasterUrl(assets.value(polarization).toObject().value("href"_L1).toString());
    const Result head = send("HEAD", rasterUrl);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Content-Length"), QByteArray("524288"));
    QVERIFY(head.body.isEmpty());
    // The catalog's own (unsigned) href is private.
    const QString unsigned_ = search({ { "ids"_L1, QJsonArray { id } } })
                                  .json()
                                  .value("features"_L1)
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value("assets"_L1)
                                  .toObject()
                                  .value(polarization)
                                  .toObject()
                                  .value("href"_L1)
                                  .toString();
    const Result denied = send("GET", QUrl(unsigned_));
    QCOMPARE(denied.status, 403);
    QVERIFY(denied.body.contains("<Code>AccessDenied</Code>"));
}

void TestCapellaEmulator::fileHostRefusesAuthorization()
{
    const QJsonObject order = placeOrder({ purchasableItem(u"spotlight"_s).value("id"_L1).toString() });
    const QUrl url(presignedHref(order.value("orderId"_L1).toString(), u"thumbnail"_s));
    for (const QByteArray &value : { QByteArray("ApiKey emulator-capella-key"), QByteArray("Bearer x") }) {
        const Result result = send("GET", url, { { "Authorization", value } });
        QCOMPARE(result.status, 400);
        QVERIFY(result.body.contains("<Code>InvalidArgument</Code><Message>Only one auth mechanism allowed"));
        QVERIFY(!result.body.contains("emulator-capella-key"));
    }
    QCOMPARE(m_emulator->fileRequestsWithAuthorization(), 2);
    QCOMPARE(send("GET", url).status, 200);
}

void TestCapellaEmulator::fileRanges()
{
    const QString id = purchasableItem(u"spotlight"_s).value("id"_L1).toString();
    const QJsonObject order = placeOrder({ id });
    const QUrl url(presignedHref(order.value("orderId"_L1).toString(), u"raster"_s));
    const QByteArray bytes = m_emulator->assetBytes(id, u"raster"_s);
    const Result part = send("GET", url, { { "Range", "bytes=100-199" } });
    QCOMPARE(part.status, 206);
    QCOMPARE(part.header("Content-Range"), QByteArray("bytes 100-199/524288"));
    QCOMPARE(part.body, bytes.mid(100, 100));
    const Result tail = send("GET", url, { { "Range", "bytes=524000-" } });
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.body, bytes.mid(524000));
    const Result beyond = send("GET", url, { { "Range", "bytes=524288-" } });
    QCOMPARE(beyond.status, 416);
    QVERIFY(beyond.body.contains("<Code>InvalidRange</Code>"));
    QCOMPARE(beyond.header("Content-Range"), QByteArray("bytes */524288"));
}

void TestCapellaEmulator::metadataWithoutLength()
{
    const QString id = purchasableItem(u"spotlight"_s).value("id"_L1).toString();
    const QString orderId = placeOrder({ id }).value("orderId"_L1).toString();
    const Result metadata = send("GET", QUrl(presignedHref(orderId, u"metadata"_s)));
    QCOMPARE(metadata.status, 200);
    QVERIFY(!metadata.hasHeader("Content-Length")); // a client sees -1 bytes
    QCOMPARE(metadata.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(metadata.body, m_emulator->assetBytes(id, u"metadata"_s));
    const Result thumbnail = send("GET", QUrl(presignedHref(orderId, u"thumbnail"_s)));
    QCOMPARE(thumbnail.header("Content-Length"), QByteArray("20480"));
    QCOMPARE(thumbnail.header("Content-Type"), QByteArray("image/png"));
}

void TestCapellaEmulator::expiredAndTamperedLinks()
{
    const QString orderId
        = placeOrder({ purchasableItem(u"spotlight"_s).value("id"_L1).toString() }).value("orderId"_L1).toString();
    const QString href = presignedHref(orderId, u"thumbnail"_s);
    QCOMPARE(send("GET", QUrl(href)).status, 200);

    const Result tampered = send("GET", withQueryItem(href, u"Signature"_s, u"AAAAAAAAAAAAAAAAAAAAAAAAAAA="_s));
    QCOMPARE(tampered.status, 403);
    QVERIFY(tampered.body.contains("<Code>SignatureDoesNotMatch</Code>"));
    const qint64 expires = QUrlQuery(QUrl(href)).queryItemValue(u"Expires"_s).toLongLong();
    const Result extended = send("GET", withQueryItem(href, u"Expires"_s, QString::number(expires + 86400)));
    QCOMPARE(extended.status, 403);

    m_emulator->advanceClock(3601);
    const Result expired = send("GET", QUrl(href));
    QCOMPARE(expired.status, 403);
    QVERIFY(expired.body.contains("<Error><Code>AccessDenied</Code><Message>Request has expired</Message>"));
    QCOMPARE(expired.header("Content-Type"), QByteArray("application/xml"));
    // Presigning again (the order is still active) gives a working link.
    QCOMPARE(send("GET", QUrl(presignedHref(orderId, u"thumbnail"_s))).status, 200);

    m_emulator->setLinkLifetime(60);
    const QString shortLived = presignedHref(orderId, u"thumbnail"_s);
    QVERIFY(qAbs(QUrlQuery(QUrl(shortLived)).queryItemValue(u"Expires"_s).toLongLong()
                - (m_emulator->now().toSecsSinceEpoch() + 60))
        <= 5);
    m_emulator->advanceClock(61);
    QCOMPARE(send("GET", QUrl(shortLived)).status, 403);
}

void TestCapellaEmulator::expiredOrder()
{
    const QString orderId
        = placeOrder({ purchasableItem(u"spotlight"_s).value("id"_L1).toString() }).value("orderId"_L1).toString();
    m_emulator->advanceClock(7 * 86400 - 60);
    QCOMPARE(get(u"/orders/%1/download"_s.arg(orderId)).status, 200);
    m_emulator->advanceClock(61);
    const Result expired = get(u"/orders/%1/download"_s.arg(orderId));
    QCOMPARE(expired.status, 400);
    QCOMPARE(expired.json(),
        (QJsonObject {
            { "error"_L1, QJsonObject { { "message"_L1, u"Order expired"_s }, { "code"_L1, u"ORDER_EXPIRED"_s } } } }));
}

void TestCapellaEmulator::brokenTransfers()
{
    const QString id = purchasableItem(u"spotlight"_s).value("id"_L1).toString();
    const QUrl url(presignedHref(placeOrder({ id }).value("orderId"_L1).toString(), u"raster"_s));
    m_emulator->breakNextTransfers(1, 1000);
    const Result broken = send("GET", url);
    QVERIFY(broken.error != QNetworkReply::NoError || broken.body.size() < 524288);
    QVERIFY(broken.body.size() <= 1000);
    const Result whole = send("GET", url);
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.body.size(), 524288);
}
