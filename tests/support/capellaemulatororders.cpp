// CapellaEmulator, part 3: archive orders (capella.md section 4) and the S3 stand-in that serves
// the presigned links of /orders/{id}/download (section 5).

#include <algorithm>
#include <cmath>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QtEndian>

#include "tests/support/capellaemulator.h"
#include "tests/support/httpserver.h"
#include "tests/support/httpserverresponse.h"
#include "tests/support/httpstaticcontent.h"
#include "tests/support/syntheticfiles.h"
#include "tests/support/testbytes.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QByteArray randomBytes(int count)
{
    QByteArray raw(count, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw;
}

// The asset key a file name stands for: "raster" (<id>.tif), "thumbnail", "metadata"; empty otherwise.
QString assetKind(const QString &granuleId, const QString &fileName)
{
    if (fileName == granuleId + u".tif"_s)
        return u"raster"_s;
    if (fileName == granuleId + u"_thumb.png"_s)
        return u"thumbnail"_s;
    if (fileName == granuleId + u"_extended.json"_s)
        return u"metadata"_s;
    return {};
}

QByteArray contentTypeFor(const QString &kind)
{
    if (kind == "raster"_L1)
        return QByteArrayLiteral("image/tiff");
    if (kind == "thumbnail"_L1)
        return QByteArrayLiteral("image/png");
    return QByteArrayLiteral("application/json");
}

double listPrice(const QJsonObject &item)
{
    const QString mode = item.value("properties"_L1).toObject().value("sar:instrument_mode"_L1).toString();
    return mode == "spotlight"_L1 ? 1250 : mode == "sliding_spotlight"_L1 ? 1000 : 750;
}

} // namespace

// ---- orders ---------------------------------------------------------------------------------

QStringList CapellaEmulator::orderIds() const
{
    QStringList ids;
    for (const Order &order : m_orders)
        ids.append(order.json.value("orderId"_L1).toString());
    return ids;
}

QJsonObject CapellaEmulator::order(const QString &orderId) const
{
    for (const Order &order : m_orders) {
        if (order.json.value("orderId"_L1).toString() == orderId)
            return order.json;
    }
    return {};
}

bool CapellaEmulator::previouslyOrdered(const QString &granuleId) const
{
    for (const Order &order : m_orders) {
        if (order.rejected)
            continue;
        const QJsonArray items = order.json.value("items"_L1).toArray();
        for (const QJsonValue &item : items) {
            if (item.toObject().value("granuleId"_L1).toString() == granuleId)
                return true;
        }
    }
    return false;
}

double CapellaEmulator::granulePrice(const QString &granuleId) const
{
    const QJsonObject *item = findItem(granuleId);
    if (item == nullptr)
        return 0;
    const QString ownership = itemOwnership(granuleId);
    if (ownership != "availableForPurchase"_L1 || previouslyOrdered(granuleId))
        return 0;
    return listPrice(*item);
}

bool CapellaEmulator::orderItems(
    const ReceivedRequest &request, HttpServerResponse &response, QList<QJsonObject> *items, QString *contractId)
{
    QJsonObject body;
    if (!jsonBody(request, response, &body))
        return false;
    const auto fail = [&response](const QString &message) {
        sendError(response, 400, u"ORDER_VALIDATION_ERROR"_s, message);
        return false;
    };
    const QJsonArray entries = body.value("items"_L1).toArray();
    if (!body.value("items"_L1).isArray() || entries.isEmpty())
        return fail(u"items must be a non-empty array of {collectionId, granuleId}"_s);
    QStringList seen;
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const QString granuleId = entry.value("granuleId"_L1).toString();
        const QString collectionId = entry.value("collectionId"_L1).toString();
        if (granuleId.isEmpty() || collectionId.isEmpty())
            return fail(u"every item needs a collectionId and a granuleId"_s);
        const QJsonObject *item = findItem(granuleId);
        if (item == nullptr || item->value("collection"_L1).toString() != collectionId)
            return fail(u"Granule %1 does not exist in collection %2"_s.arg(granuleId, collectionId));
        if (!seen.contains(granuleId)) {
            seen.append(granuleId);
            items->append(*item);
        }
    }
    if (body.contains("contractId"_L1) && !body.value("contractId"_L1).isNull()) {
        *contractId = body.value("contractId"_L1).toString();
        if (contractId->isEmpty() || (!m_contractIds.isEmpty() && !m_contractIds.contains(*contractId))) {
            sendError(response, 400, u"CONTRACT_NOT_FOUND"_s,
                u"Contract %1 not found"_s.arg(body.value("contractId"_L1).toVariant().toString()));
            return false;
        }
    }
    return true;
}

void CapellaEmulator::handleOrders(
    const ReceivedRequest &request, HttpServerResponse &response, const QStringList &segments)
{
    if (segments.isEmpty()) {
        if (request.method == "POST")
            return submitOrder(request, response);
        if (request.method != "GET")
            return sendMethodNotAllowed(response);
        // All orders of the user, unpaged (section 4).
        const QString customerId = request.queryValue(u"customerId"_s);
        if (customerId.isEmpty())
            return sendValidationError(response, { u"customerId"_s, u"required"_s });
        if (customerId != UserId)
            return sendError(response, 403, u"NOT_AUTHORIZED"_s, u"User is not authorized to perform this action"_s);
        QJsonArray list;
        for (const Order &order : std::as_const(m_orders))
            list.append(order.json);
        return sendJson(response, 200, list);
    }
    if (segments == QStringList { u"review"_s }) {
        if (request.method != "POST")
            return sendMethodNotAllowed(response);
        return reviewOrder(request, response);
    }
    if (segments.size() > 2 || (segments.size() == 2 && segments.at(1) != "download"_L1))
        return sendError(response, 404, u"NOT_FOUND"_s, u"Not Found"_s);
    if (request.method != "GET")
        return sendMethodNotAllowed(response);
    const auto found = std::find_if(m_orders.cbegin(), m_orders.cend(),
        [&segments](const Order &order) { return order.json.value("orderId"_L1).toString() == segments.at(0); });
    if (found == m_orders.cend())
        return sendNotFound(response, u"Order %1"_s.arg(segments.at(0)));
    if (segments.size() == 1)
        return sendJson(response, 200, found->json);
    presignOrder(response, *found);
}

void CapellaEmulator::reviewOrder(const ReceivedRequest &request, HttpServerResponse &response)
{
    QList<QJsonObject> items;
    QString contractId;
    if (!orderItems(request, response, &items, &contractId))
        return;
    double total = 0;
    QJsonArray lineItems;
    for (const QJsonObject &item : std::as_const(items)) {
        const QString id = item.value("id"_L1).toString();
        const double price = granulePrice(id);
        total += price;
        const double area = item.value("properties"_L1).toObject().value("capella:billable_area"_L1).toDouble(25e6);
        lineItems.append(QJsonObject { { "granuleId"_L1, id }, { "collectionId"_L1, item.value("collection"_L1) },
            { "type"_L1, item.value("properties"_L1).toObject().value("sar:instrument_mode"_L1) },
            { "previouslyOrdered"_L1, previouslyOrdered(id) },
            { "accountingSize"_L1, QJsonObject { { "unit"_L1, u"sqkm"_s }, { "value"_L1, area / 1e6 } } },
            { "price"_L1, money(price) } });
    }
    if (m_insufficientFunds && total > 0) {
        sendJson(response, 200,
            QJsonObject { { "authorized"_L1, false },
                { "authorizationDenialReason"_L1,
                    QJsonObject { { "message"_L1,
                                      u"This order will exceed the available balance of your organization (order "
                                      "total %1)"_s.arg(money(total)) },
                        { "code"_L1, u"AUTHORIZATION_INSUFFICIENT_FUNDS"_s } } } });
        return;
    }
    const QJsonObject summary { { "total"_L1, money(total) }, { "subtotal"_L1, money(total) },
        { "currency"_L1, u"USD"_s } };
    sendJson(response, 200,
        QJsonObject { { "authorized"_L1, true },
            { "orderDetails"_L1, QJsonObject { { "summary"_L1, summary }, { "lineItems"_L1, lineItems } } } });
}

void CapellaEmulator::submitOrder(const ReceivedRequest &request, HttpServerResponse &response)
{
    ++m_orderSubmissions;
    QList<QJsonObject> items;
    QString contractId;
    if (!orderItems(request, response, &items, &contractId))
        return;
    double total = 0;
    QJsonArray orderItems;
    for (const QJsonObject &item : std::as_const(items)) {
        const QString id = item.value("id"_L1).toString();
        total += granulePrice(id);
        const QJsonObject properties = item.value("properties"_L1).toObject();
        orderItems.append(QJsonObject { { "granuleId"_L1, id },
            { "type"_L1, properties.value("sar:instrument_mode"_L1) }, { "size"_L1, double(m_rasterSize) },
            { "collectionId"_L1, item.value("collection"_L1) }, { "previouslyOrdered"_L1, previouslyOrdered(id) },
            { "collectionDate"_L1, isoTime(parseTime(properties.value("datetime"_L1))) } });
    }
    Order order;
    order.rejected = m_rejectOrders || (m_insufficientFunds && total > 0);
    const QDateTime ordered = now();
    order.expires = ordered.addSecs(m_orderLifetime);
    order.json = QJsonObject { { "userId"_L1, UserId.toString() }, { "organizationId"_L1, OrganizationId.toString() },
        { "orderDate"_L1, isoTime(ordered) }, { "expirationDate"_L1, isoTime(order.expires) },
        { "orderId"_L1, newUuid() }, { "orderStatus"_L1, order.rejected ? u"rejected"_s : u"completed"_s },
        { "items"_L1, orderItems } };
    if (!contractId.isEmpty())
        order.json.insert("contractId"_L1, contractId);
    m_orders.append(order);
    sendJson(response, 200, order.json);
}

void CapellaEmulator::presignOrder(HttpServerResponse &response, const Order &order)
{
    if (order.rejected)
        return sendError(response, 400, u"ORDER_VALIDATION_ERROR"_s,
            u"Order %1 was rejected and cannot be downloaded"_s.arg(order.json.value("orderId"_L1).toString()));
    if (order.expires <= now())
        return sendError(response, 400, u"ORDER_EXPIRED"_s, u"Order expired"_s);
    QJsonArray result;
    const QJsonArray items = order.json.value("items"_L1).toArray();
    const QString origin = AssetOrigin.toString();
    for (const QJsonValue &value : items) {
        const QJsonObject *found = findItem(value.toObject().value("granuleId"_L1).toString());
        if (found == nullptr)
            continue;
        QJsonObject item = *found;
        QJsonObject assets = item.value("assets"_L1).toObject();
        for (auto it = assets.begin(); it != assets.end(); ++it) {
            QJsonObject asset = it->toObject();
            const QString href = asset.value("href"_L1).toString();
            if (href.startsWith(origin)) {
                asset.insert("href"_L1, presign(href.mid(origin.size())));
                *it = asset;
            }
        }
        item.insert("assets"_L1, assets);
        result.append(item);
    }
    sendJson(response, 200, result);
}

// ---- presigned links ------------------------------------------------------------------------

QByteArray CapellaEmulator::signature(const QString &path, qint64 expires) const
{
    // Signature V2 in spirit: HMAC over the path and the expiry, base64 (so it travels with '+',
    // '/' and '=' percent-encoded). The method is left out so that HEAD works on a GET link.
    const QByteArray canonical = QUrl::toPercentEncoding(path, "/") + '\n' + QByteArray::number(expires);
    return QMessageAuthenticationCode::hash(canonical, m_signingKey, QCryptographicHash::Sha1).toBase64();
}

QString CapellaEmulator::presign(const QString &path) const
{
    const qint64 expires = now().toSecsSinceEpoch() + m_linkLifetime;
    return filesUrl().toString() + path + u"?AWSAccessKeyId="_s + AccessKeyId.toString() + u"&Expires="_s
        + QString::number(expires) + u"&Signature="_s
        + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(signature(path, expires))))
        + u"&x-amz-security-token="_s
        + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(m_sessionToken)));
}

QString CapellaEmulator::assetKeyPath(const QJsonObject &item, const QString &fileName) const
{
    const QJsonObject assets = item.value("assets"_L1).toObject();
    const QString origin = AssetOrigin.toString();
    for (auto it = assets.begin(); it != assets.end(); ++it) {
        const QString href = it->toObject().value("href"_L1).toString();
        if (href.startsWith(origin) && href.endsWith(u'/' + fileName))
            return href.mid(origin.size());
    }
    return {};
}

// ---- file bytes -----------------------------------------------------------------------------

void CapellaEmulator::setRasterSize(qint64 bytes)
{
    m_rasterSize = std::max<qint64>(0, bytes);
    m_rasterCache.clear();
}

void CapellaEmulator::breakNextTransfers(int count, qint64 afterBytes)
{
    m_breakCount = count;
    m_breakAfter = afterBytes;
}

void CapellaEmulator::setFilePacing(qsizetype chunkSize, int intervalMs)
{
    m_paceChunk = chunkSize;
    m_paceIntervalMs = intervalMs;
}

int CapellaEmulator::fileRequestsWithAuthorization() const
{
    return m_filesWithAuthorization;
}

QByteArray CapellaEmulator::metadataBytes(const QJsonObject &item) const
{
    // The "extended" metadata: the collect's parameters plus state vectors, about 20 KB.
    const QString id = item.value("id"_L1).toString();
    const QJsonObject properties = item.value("properties"_L1).toObject();
    const QDateTime start = parseTime(properties.value("start_datetime"_L1));
    QJsonArray stateVectors;
    QJsonObject document {
        { "software_version"_L1, u"emulator-1.0"_s }, { "product_type"_L1, properties.value("sar:product_type"_L1) },
        { "granule_id"_L1, id },
        { "collect"_L1,
            QJsonObject { { "collect_id"_L1, properties.value("capella:collect_id"_L1) },
                { "platform"_L1, properties.value("platform"_L1) },
                { "mode"_L1, properties.value("sar:instrument_mode"_L1) },
                { "start_timestamp"_L1, properties.value("start_datetime"_L1) },
                { "stop_timestamp"_L1, properties.value("end_datetime"_L1) },
                { "radar"_L1,
                    QJsonObject { { "center_frequency"_L1, 9.65e9 },
                        { "transmit_polarization"_L1, properties.value("sar:polarizations"_L1).toArray().at(0) } } } } }
    };
    const int seed = SyntheticFiles::seedFor(id);
    for (int i = 0; QJsonDocument(document).toJson(QJsonDocument::Indented).size() < 20000; ++i) {
        const double phase = (seed % 1000) / 1000.0 + i * 0.01;
        stateVectors.append(QJsonObject { { "time"_L1, isoTime(start.addMSecs(qint64(i) * 100)) },
            { "position"_L1, QJsonArray { 6.9e6 * std::cos(phase), 6.9e6 * std::sin(phase), 1.2e5 * phase } },
            { "velocity"_L1, QJsonArray { -7.6e3 * std::sin(phase), 7.6e3 * std::cos(phase), 12.5 } } });
        document.insert("state_vectors"_L1, stateVectors);
    }
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

QByteArray CapellaEmulator::assetBytes(const QString &granuleId, const QString &assetKey) const
{
    const QJsonObject *item = findItem(granuleId);
    if (item == nullptr)
        return {};
    const int seed = SyntheticFiles::seedFor(granuleId);
    if (assetKey == "metadata"_L1)
        return metadataBytes(*item);
    if (assetKey == "thumbnail"_L1) {
        QByteArray png = SyntheticFiles::png(64, 64, seed);
        // Padded to ThumbnailSize with a tEXt chunk before IEND, so it stays a valid PNG.
        const qint64 missing = ThumbnailSize - png.size() - 12;
        if (missing > 8) {
            const QByteArray data
                = QByteArray("Comment\0", 8) + TestBytes::testData(missing - 8, seed).toHex().left(missing - 8);
            QByteArray chunk(4, Qt::Uninitialized);
            qToBigEndian(quint32(data.size()), chunk.data());
            const QByteArray typed = "tEXt" + data;
            chunk += typed;
            QByteArray crc(4, Qt::Uninitialized);
            qToBigEndian(SyntheticFiles::crc32(typed), crc.data());
            chunk += crc;
            png.insert(png.size() - 12, chunk);
        }
        return png;
    }
    if (assetKey != "raster"_L1 && assetKey != "HH"_L1 && assetKey != "VV"_L1 && assetKey != "HV"_L1
        && assetKey != "VH"_L1)
        return {};
    const auto cached = m_rasterCache.constFind(granuleId);
    if (cached != m_rasterCache.constEnd())
        return *cached;
    // A single-band GeoTIFF over the item's bbox, padded with deterministic bytes to the raster size.
    const QJsonArray bbox = item->value("bbox"_L1).toArray();
    SyntheticFiles::GeoTiffOptions options;
    options.width = 256;
    options.height = 256;
    options.bands = 1;
    options.epsg = 4326;
    options.originX = bbox.at(0).toDouble();
    options.originY = bbox.at(3).toDouble();
    options.pixelSize = std::max(1e-6, (bbox.at(3).toDouble() - bbox.at(1).toDouble()) / options.height);
    options.seed = seed;
    QByteArray data = SyntheticFiles::geoTiff(options);
    if (data.size() <= m_rasterSize)
        data += TestBytes::testData(m_rasterSize - data.size(), seed);
    else
        data = TestBytes::testData(m_rasterSize, seed);
    if (m_rasterCache.size() > 32)
        m_rasterCache.clear();
    m_rasterCache.insert(granuleId, data);
    return data;
}

// ---- the file host --------------------------------------------------------------------------

void CapellaEmulator::sendS3Error(HttpServerResponse &response, int status, const QString &code, const QString &message,
    const QList<std::pair<QString, QString>> &extra)
{
    QString xml = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%1</Code><Message>%2</Message>"_s.arg(
        code.toHtmlEscaped(), message.toHtmlEscaped());
    for (const auto &[name, value] : extra)
        xml += u"<%1>%2</%1>"_s.arg(name, value.toHtmlEscaped());
    const QByteArray requestId = randomBytes(8).toHex().toUpper();
    xml += u"<RequestId>%1</RequestId><HostId>%2</HostId></Error>"_s.arg(
        QString::fromLatin1(requestId), QString::fromLatin1(randomBytes(48).toBase64()));
    response.setHeader(QByteArrayLiteral("x-amz-request-id"), requestId);
    response.setHeader(QByteArrayLiteral("Server"), QByteArrayLiteral("AmazonS3"));
    response.respond(status, xml.toUtf8(), QByteArrayLiteral("application/xml"));
}

void CapellaEmulator::handleFiles(const ReceivedRequest &request, HttpServerResponse &response)
{
    // S3 refuses a second auth mechanism next to the query signature; here any Authorization
    // header fails (an API key sent to S3 leaked to a foreign host). The value is not echoed.
    if (request.hasHeader("Authorization")) {
        ++m_filesWithAuthorization;
        return sendS3Error(response, 400, u"InvalidArgument"_s,
            u"Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string "
            "parameter or the Authorization header should be specified"_s,
            { { u"ArgumentName"_s, u"Authorization"_s } });
    }
    const QStringList segments = pathSegments(request);
    const QString bucket = segments.value(0);
    if (bucket != ArchiveBucket && bucket != OpenDataBucket)
        return sendS3Error(response, 404, u"NoSuchBucket"_s, u"The specified bucket does not exist"_s,
            { { u"BucketName"_s, bucket } });
    if (request.method != "GET" && request.method != "HEAD")
        return sendS3Error(response, 405, u"MethodNotAllowed"_s,
            u"The specified method is not allowed against this resource."_s,
            { { u"Method"_s, QString::fromLatin1(request.method) }, { u"ResourceType"_s, u"OBJECT"_s } });
    const bool signedRequest = request.hasQueryItem(u"Signature"_s);
    if (!signedRequest && bucket == ArchiveBucket)
        return sendS3Error(response, 403, u"AccessDenied"_s, u"Access Denied"_s);
    if (signedRequest) {
        bool ok = false;
        const qint64 expires = request.queryValue(u"Expires"_s).toLongLong(&ok);
        if (!ok || !request.hasQueryItem(u"AWSAccessKeyId"_s))
            return sendS3Error(response, 403, u"AccessDenied"_s,
                u"Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters"_s);
        if (request.queryValue(u"AWSAccessKeyId"_s) != AccessKeyId)
            return sendS3Error(response, 403, u"InvalidAccessKeyId"_s,
                u"The AWS Access Key Id you provided does not exist in our records."_s,
                { { u"AWSAccessKeyId"_s, request.queryValue(u"AWSAccessKeyId"_s) } });
        const QDateTime current = now();
        if (expires < current.toSecsSinceEpoch())
            return sendS3Error(response, 403, u"AccessDenied"_s, u"Request has expired"_s,
                { { u"Expires"_s, QDateTime::fromSecsSinceEpoch(expires, Qt::UTC).toString(Qt::ISODate) },
                    { u"ServerTime"_s, current.toString(Qt::ISODate) } });
        const QByteArray provided = request.queryValue(u"Signature"_s).toLatin1();
        if (provided != signature(request.path, expires))
            return sendS3Error(response, 403, u"SignatureDoesNotMatch"_s,
                u"The request signature we calculated does not match the signature you provided. Check your key "
                "and signing method."_s,
                { { u"AWSAccessKeyId"_s, AccessKeyId.toString() },
                    { u"SignatureProvided"_s, QString::fromLatin1(provided) } });
    }
    const QString granuleId = segments.value(segments.size() - 2);
    const QString fileName = segments.value(segments.size() - 1);
    const QString kind = assetKind(granuleId, fileName);
    const QJsonObject *found = kind.isEmpty() ? nullptr : findItem(granuleId);
    if (found == nullptr || assetKeyPath(*found, fileName) != request.path)
        return sendS3Error(response, 404, u"NoSuchKey"_s, u"The specified key does not exist."_s,
            { { u"Key"_s, segments.mid(1).join(u'/') } });
    const QJsonObject item = *found; // a copy: the product cache may grow below

    HttpStaticContent content;
    content.data = assetBytes(granuleId, kind);
    content.contentType = contentTypeFor(kind);
    content.etag = '"' + QCryptographicHash::hash(content.data, QCryptographicHash::Md5).toHex() + '"';
    content.lastModified = parseTime(item.value("properties"_L1).toObject().value("end_datetime"_L1));
    content.respond(request, response);
    response.setHeader(QByteArrayLiteral("x-amz-request-id"), randomBytes(8).toHex().toUpper());
    response.setHeader(QByteArrayLiteral("Server"), QByteArrayLiteral("AmazonS3"));
    if (response.status() == 416)
        return sendS3Error(response, 416, u"InvalidRange"_s, u"The requested range is not satisfiable"_s,
            { { u"RangeRequested"_s, QString::fromLatin1(request.header("Range")) },
                { u"ActualObjectSize"_s, QString::number(content.data.size()) } });
    if (response.status() != 200 && response.status() != 206)
        return;
    // The extended metadata arrives without a length (seed 003 shows "-1 bytes").
    if (kind == "metadata"_L1)
        response.setChunkedEncoding(true);
    if (request.method == "GET") {
        if (m_paceChunk > 0)
            response.setPacing(m_paceChunk, m_paceIntervalMs);
        if (m_breakCount > 0) {
            --m_breakCount;
            response.setDropAfterBytes(m_breakAfter);
        }
    }
}

} // namespace StacScope
