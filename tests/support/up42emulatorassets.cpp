// Up42Emulator, part 5: storage as plain REST (notes section 7: /v2/assets, metadata, direct
// download, download-url) and the file host, a Google Cloud Storage stand-in for the signed links
// of section 9.

#include <algorithm>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include "tests/support/httpserverresponse.h"
#include "tests/support/httpstaticcontent.h"
#include "tests/support/up42emulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QString SigningAlgorithm = u"GOOG4-RSA-SHA256"_s;
const QString ServiceAccount = u"up42-storage@up42-prod.iam.gserviceaccount.com"_s;

std::optional<QDateTime> parseInstant(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        time = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    return time.toUTC();
}

} // namespace

Up42Emulator::Asset *Up42Emulator::findAsset(const QString &id)
{
    for (Asset &asset : m_assets) {
        if (asset.id == id && !asset.deleted)
            return &asset;
    }
    return nullptr;
}

const Up42Emulator::File *Up42Emulator::findFile(const QString &id) const
{
    const auto it = m_fileIndex.constFind(id);
    return it == m_fileIndex.constEnd() ? nullptr : &it.value();
}

QStringList Up42Emulator::assetIds(const QString &orderId)
{
    advanceOrders();
    QStringList ids;
    for (const Asset &asset : std::as_const(m_assets)) {
        if (!asset.deleted && (orderId.isEmpty() || asset.orderId == orderId))
            ids.append(asset.id);
    }
    return ids;
}

QJsonObject Up42Emulator::asset(const QString &assetId)
{
    advanceOrders();
    const Asset *found = findAsset(assetId);
    return found == nullptr ? QJsonObject() : assetJson(*found);
}

QByteArray Up42Emulator::fileBytes(const QString &fileId) const
{
    const File *file = findFile(fileId);
    return file == nullptr ? QByteArray() : bytesOf(*file);
}

QString Up42Emulator::fileName(const QString &fileId) const
{
    const File *file = findFile(fileId);
    return file == nullptr ? QString() : file->name;
}

QString Up42Emulator::assetIdOfFile(const QString &name) const
{
    for (const Asset &asset : m_assets)
        if (asset.name == name)
            return asset.id;
    return {};
}

QJsonObject Up42Emulator::assetJson(const Asset &asset) const
{
    const auto orNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    const File &file = m_fileIndex[asset.id];
    return QJsonObject {
        { "id"_L1, asset.id },
        { "workspaceId"_L1, asset.workspaceId },
        { "accountId"_L1, AccountId.toString() },
        { "createdAt"_L1, isoTime(asset.createdAt) },
        { "updatedAt"_L1, isoTime(asset.updatedAt) },
        { "name"_L1, asset.nameless ? QJsonValue() : QJsonValue(asset.name) },
        { "size"_L1, file.size },
        { "contentType"_L1, QString::fromLatin1(file.contentType) },
        { "geospatialMetadataExtractionStatus"_L1, asset.extraction },
        { "productId"_L1, orNull(asset.productId) },
        { "orderId"_L1, orNull(asset.orderId) },
        { "source"_L1, asset.source },
        { "producerName"_L1, orNull(asset.producerName) },
        { "collectionName"_L1, orNull(asset.collectionName) },
        { "title"_L1, asset.title },
        { "tags"_L1, QJsonArray::fromStringList(asset.tags) },
    };
}

// ---- /v2/assets -----------------------------------------------------------------------------

void Up42Emulator::handleAssets(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &s)
{
    if (s.isEmpty()) {
        if (request.method != "GET") {
            sendMethodNotAllowed(response, request, QByteArrayLiteral("GET"));
            return;
        }
        std::optional<QDateTime> after;
        std::optional<QDateTime> before;
        for (const QString &key : { u"createdAfter"_s, u"createdBefore"_s }) {
            const QString text = param(request, key);
            if (text.isEmpty())
                continue;
            const std::optional<QDateTime> time = parseInstant(text);
            if (!time) {
                sendProblem(response, 400,
                    u"Invalid value '%1' for parameter '%2'; expected YYYY-MM-DDTHH:MM:SSZ"_s.arg(text, key), request);
                return;
            }
            (key == "createdAfter"_L1 ? after : before) = time;
        }
        const QStringList sources = listParam(request, u"sources"_s);
        const QStringList extraction = listParam(request, u"geospatialMetadataExtractionStatus"_s);
        const QStringList knownSources { u"ARCHIVE"_s, u"TASKING"_s, u"PROCESSING"_s, u"USER"_s };
        const QStringList knownExtraction { u"SUCCESSFUL"_s, u"FAILED"_s, u"IN_PROGRESS"_s, u"NOT_PROCESSED"_s };
        for (const QString &value : sources + extraction) {
            if (sources.contains(value) ? !knownSources.contains(value) : !knownExtraction.contains(value)) {
                sendProblem(response, 400, u"Invalid enum value '%1'"_s.arg(value), request);
                return;
            }
        }
        const QString workspace = param(request, u"workspaceId"_s);
        const QStringList collections = listParam(request, u"collectionNames"_s);
        const QStringList producers = listParam(request, u"producerNames"_s);
        const QStringList tags = listParam(request, u"tags"_s);
        const QString search = param(request, u"search"_s);
        QList<QJsonObject> items;
        for (const Asset &asset : std::as_const(m_assets)) {
            // createdAfter/createdBefore are exclusive bounds [I].
            if (asset.deleted || (after && asset.createdAt <= *after) || (before && asset.createdAt >= *before)
                || (!workspace.isEmpty() && asset.workspaceId != workspace)
                || (!collections.isEmpty() && !collections.contains(asset.collectionName))
                || (!producers.isEmpty() && !producers.contains(asset.producerName))
                || (!sources.isEmpty() && !sources.contains(asset.source))
                || (!extraction.isEmpty() && !extraction.contains(asset.extraction)))
                continue;
            if (!tags.isEmpty() && std::none_of(tags.begin(), tags.end(), [&asset](const QString &t) {
                    return asset.tags.contains(t);
                }))
                continue;
            // Substring of name, title or order id, any case [I: case].
            if (!search.isEmpty() && (asset.nameless || !asset.name.contains(search, Qt::CaseInsensitive))
                && !asset.title.toString().contains(search, Qt::CaseInsensitive)
                && !asset.orderId.contains(search, Qt::CaseInsensitive))
                continue;
            items.append(assetJson(asset));
        }
        sendSpringPage(request, response, items,
            { u"name"_s, u"title"_s, u"size"_s, u"createdAt"_s, u"updatedAt"_s, u"source"_s, u"collectionName"_s,
                u"producerName"_s },
            Sort { u"createdAt"_s, true });
        return;
    }

    const QString id = s.first();
    const QString action = s.value(1);
    if (s.size() > 2 || (s.size() == 2 && action != "metadata"_L1 && action != "download-url"_L1)) {
        sendProblem(
            response, 404, u"No endpoint %1 %2."_s.arg(QString::fromLatin1(request.method), request.path), request);
        return;
    }
    Asset *asset = findAsset(id);
    const File *file = findFile(id);
    // STAC asset hrefs name files that are not listed assets: download and download-url work for
    // them, metadata does not.
    if (file == nullptr || (action == "metadata"_L1 && asset == nullptr)) {
        sendProblem(response, 404, u"Asset %1 not found."_s.arg(id), request);
        return;
    }
    if (action.isEmpty()) {
        if (request.method != "GET" && request.method != "HEAD")
            sendMethodNotAllowed(response, request, QByteArrayLiteral("GET"));
        else
            serveFile(request, response, *file, false);
        return;
    }
    if (action == "download-url"_L1) {
        if (request.method != "POST")
            sendMethodNotAllowed(response, request, QByteArrayLiteral("POST"));
        else
            sendJson(response, 200, QJsonObject { { "url"_L1, signedUrl(*file) } });
        return;
    }
    if (request.method == "GET") {
        sendJson(response, 200, assetJson(*asset));
        return;
    }
    if (request.method != "POST") {
        sendMethodNotAllowed(response, request, QByteArrayLiteral("GET, POST"));
        return;
    }
    const std::optional<QJsonObject> body = jsonBody(request, response);
    if (!body)
        return;
    for (auto it = body->begin(); it != body->end(); ++it) {
        const QJsonValue v = it.value();
        const QJsonArray array = v.toArray();
        const bool ok = it.key() == "title"_L1 ? (v.isString() || v.isNull())
            : it.key() == "tags"_L1            ? (v.isNull()
                  || (v.isArray()
                      && std::all_of(array.begin(), array.end(), [](const QJsonValue &t) { return t.isString(); })))
                                               : false;
        if (!ok) {
            sendProblem(response, 400,
                u"Field '%1': only title (string or null) and tags (array of strings) can be changed"_s.arg(it.key()),
                request);
            return;
        }
    }
    if (body->contains("title"_L1))
        asset->title = body->value("title"_L1);
    if (body->contains("tags"_L1)) {
        asset->tags.clear();
        for (const QJsonValue &tag : body->value("tags"_L1).toArray())
            asset->tags.append(tag.toString());
    }
    asset->updatedAt = now();
    sendJson(response, 200, assetJson(*asset));
}

// ---- signed links ---------------------------------------------------------------------------

QByteArray Up42Emulator::signature(const QByteArray &method, const QString &path, const QUrlQuery &query) const
{
    // V4 signing in spirit: method, path and every query parameter but the signature, sorted; a
    // HEAD on a GET link fails, and so does any edited parameter.
    QStringList parameters;
    const QList<std::pair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key != "X-Goog-Signature"_L1)
            parameters.append(QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value)));
    }
    parameters.sort();
    const QByteArray canonical
        = method + '\n' + QUrl::toPercentEncoding(path, "/") + '\n' + parameters.join(u'&').toLatin1();
    return QMessageAuthenticationCode::hash(canonical, m_signingKey, QCryptographicHash::Sha256).toHex();
}

QString Up42Emulator::signedUrl(const File &file)
{
    const QDateTime issued = now();
    const QString path = u'/' + Bucket.toString() + u"/assets/"_s + file.id;
    const QList<std::pair<QString, QString>> parameters {
        { u"X-Goog-Algorithm"_s, SigningAlgorithm },
        { u"X-Goog-Credential"_s,
            u"%1/%2/auto/storage/goog4_request"_s.arg(ServiceAccount, issued.toString(u"yyyyMMdd"_s)) },
        { u"X-Goog-Date"_s, issued.toString(u"yyyyMMdd'T'HHmmss'Z'"_s) },
        { u"X-Goog-Expires"_s, QString::number(m_linkLifetime) },
        { u"X-Goog-SignedHeaders"_s, u"host"_s },
        { u"response-content-disposition"_s, u"attachment; filename="_s + file.name },
    };
    QUrlQuery query;
    query.setQueryItems(parameters);
    QByteArray encoded;
    for (const auto &[key, value] : parameters)
        encoded += key.toLatin1() + '=' + QUrl::toPercentEncoding(value) + '&';
    encoded += "X-Goog-Signature=" + signature("GET", path, query);
    ++m_linksIssued;
    return filesUrl().toString() + path + u'?' + QString::fromLatin1(encoded);
}

// ---- serving files --------------------------------------------------------------------------

void Up42Emulator::sendGcsError(
    HttpServerResponse &response, int status, const QString &code, const QString &message, const QString &details)
{
    QString xml = u"<?xml version='1.0' encoding='UTF-8'?><Error><Code>%1</Code><Message>%2</Message>"_s.arg(
        code.toHtmlEscaped(), message.toHtmlEscaped());
    if (!details.isEmpty())
        xml += u"<Details>%1</Details>"_s.arg(details.toHtmlEscaped());
    xml += u"</Error>"_s;
    response.setHeader(QByteArrayLiteral("Server"), QByteArrayLiteral("UploadServer"));
    response.respond(status, xml.toUtf8(), QByteArrayLiteral("application/xml; charset=UTF-8"));
}

void Up42Emulator::serveFile(
    const ReceivedRequest &request, HttpServerResponse &response, const File &file, bool filesHost)
{
    const QByteArray data = bytesOf(file);
    const QByteArray md5 = QCryptographicHash::hash(data, QCryptographicHash::Md5);
    HttpStaticContent content;
    content.data = data;
    content.contentType = file.contentType;
    content.etag = '"' + md5.toHex() + '"';
    content.respond(request, response);
    if (response.status() == 416) {
        if (filesHost)
            sendGcsError(response, 416, u"InvalidRange"_s, u"The requested range cannot be satisfied."_s,
                QString::fromLatin1(request.header("Range")));
        else
            sendProblem(response, 416, u"The requested range cannot be satisfied."_s, request);
        return;
    }
    if (filesHost) {
        // GCS sends the disposition the signed link asked for.
        const QString disposition = request.queryValue(u"response-content-disposition"_s);
        if (!disposition.isEmpty())
            response.setHeader(QByteArrayLiteral("Content-Disposition"), disposition.toUtf8());
        response.setHeader(QByteArrayLiteral("x-goog-hash"), "md5=" + md5.toBase64());
        response.setHeader(QByteArrayLiteral("x-goog-stored-content-length"), QByteArray::number(data.size()));
        response.setHeader(QByteArrayLiteral("Server"), QByteArrayLiteral("UploadServer"));
    } else {
        response.setHeader(QByteArrayLiteral("Content-Disposition"),
            "attachment; filename=\"" + file.name.toUtf8() + '"'); // [I]
    }
    if (request.method == "GET" && (response.status() == 200 || response.status() == 206)) {
        if (m_paceChunk > 0)
            response.setPacing(m_paceChunk, m_paceIntervalMs);
        if (m_dropCount > 0) {
            --m_dropCount;
            response.setDropAfterBytes(m_dropAfterBytes);
        }
    }
}

void Up42Emulator::handleFiles(const ReceivedRequest &request, HttpServerResponse &response)
{
    // A signed URL is the credential; an Authorization header next to it is refused (and a
    // client that sends its UP42 token to a foreign host must fail loudly). Not echoed.
    if (request.hasHeader("Authorization")) {
        sendGcsError(response, 400, u"InvalidArgument"_s, u"Invalid argument."_s,
            u"Request contains both an Authorization header and X-Goog-Signature query authentication."_s);
        return;
    }
    const QStringList segments = pathSegments(request);
    if (segments.value(0) != Bucket) {
        sendGcsError(response, 404, u"NoSuchBucket"_s, u"The specified bucket does not exist."_s, {});
        return;
    }
    if (request.method != "GET" && request.method != "HEAD") {
        sendGcsError(
            response, 405, u"MethodNotAllowed"_s, u"The specified method is not allowed against this resource."_s, {});
        return;
    }
    if (!request.hasQueryItem(u"X-Goog-Signature"_s)) {
        sendGcsError(response, 403, u"AccessDenied"_s, u"Access denied."_s,
            u"Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object."_s);
        return;
    }
    if (request.queryValue(u"X-Goog-Algorithm"_s) != SigningAlgorithm) {
        sendGcsError(response, 400, u"InvalidArgument"_s, u"Invalid argument."_s,
            u"Unsupported signing algorithm; use GOOG4-RSA-SHA256."_s);
        return;
    }
    const QDateTime date = QDateTime::fromString(request.queryValue(u"X-Goog-Date"_s), u"yyyyMMdd'T'HHmmss'Z'"_s);
    bool ok = false;
    const qint64 expires = request.queryValue(u"X-Goog-Expires"_s).toLongLong(&ok);
    if (!date.isValid() || !ok || expires < 1 || expires > 604800) {
        sendGcsError(response, 400, u"InvalidArgument"_s, u"Invalid argument."_s,
            u"X-Goog-Date and X-Goog-Expires must be a date and 1 to 604800 seconds."_s);
        return;
    }
    const QDateTime signedAt(date.date(), date.time(), Qt::UTC);
    const QDateTime current = now();
    if (signedAt.addSecs(expires) < current) {
        sendGcsError(response, 400, u"ExpiredToken"_s, u"Invalid argument."_s,
            u"The provided token has expired. Request signature expired at: %1"_s.arg(
                signedAt.addSecs(expires).toString(Qt::ISODate)));
        return;
    }
    if (request.queryValue(u"X-Goog-Signature"_s).toLatin1()
        != signature(request.method, request.path, request.query)) {
        sendGcsError(response, 403, u"SignatureDoesNotMatch"_s, u"Access denied."_s,
            u"The request signature we calculated does not match the signature you provided. Check your Google "
            "secret key and signing method."_s);
        return;
    }
    const File *file = segments.size() == 3 && segments.at(1) == "assets"_L1 ? findFile(segments.at(2)) : nullptr;
    if (file == nullptr) {
        sendGcsError(response, 404, u"NoSuchKey"_s, u"The specified key does not exist."_s, {});
        return;
    }
    serveFile(request, response, *file, true);
}

} // namespace StacScope
