#include "tests/support/httpstaticcontent.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include "tests/support/httpserverresponse.h"
#include "tests/support/receivedrequest.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

enum class RangeKind
{
    None,
    Satisfiable,
    Unsatisfiable
};

// Parses "bytes=a-b", "bytes=a-" or "bytes=-n" against a blob of `size` bytes. Anything else
// (other units, several ranges, syntax errors) means "no usable Range": the whole blob is sent.
RangeKind parseRange(const QByteArray &header, qint64 size, qint64 *first, qint64 *last)
{
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes="))
        return RangeKind::None;
    const QByteArray spec = value.mid(6).trimmed();
    if (spec.contains(','))
        return RangeKind::None;
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return RangeKind::None;
    const QByteArray startText = spec.left(dash).trimmed();
    const QByteArray endText = spec.mid(dash + 1).trimmed();
    bool ok = false;
    if (startText.isEmpty()) {
        const qint64 suffix = endText.toLongLong(&ok);
        if (!ok || suffix < 0)
            return RangeKind::None;
        if (suffix == 0 || size == 0)
            return RangeKind::Unsatisfiable;
        *first = std::max<qint64>(0, size - suffix);
        *last = size - 1;
        return RangeKind::Satisfiable;
    }
    const qint64 start = startText.toLongLong(&ok);
    if (!ok || start < 0)
        return RangeKind::None;
    qint64 end = size - 1;
    if (!endText.isEmpty()) {
        end = endText.toLongLong(&ok);
        if (!ok || end < start)
            return RangeKind::None;
    }
    if (start >= size)
        return RangeKind::Unsatisfiable;
    *first = start;
    *last = std::min(end, size - 1);
    return RangeKind::Satisfiable;
}

} // namespace

void HttpStaticContent::respond(const ReceivedRequest &request, HttpServerResponse &response) const
{
    if (request.method != "GET" && request.method != "HEAD") {
        response.setHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD"));
        response.respond(405, QByteArrayLiteral("method not allowed\n"), QByteArrayLiteral("text/plain"));
        return;
    }
    const qint64 size = data.size();
    response.setHeader(
        QByteArrayLiteral("Accept-Ranges"), rangeSupported ? QByteArrayLiteral("bytes") : QByteArrayLiteral("none"));
    if (!etag.isEmpty())
        response.setHeader(QByteArrayLiteral("ETag"), etag);
    if (lastModified.isValid())
        response.setHeader(QByteArrayLiteral("Last-Modified"), httpDate(lastModified));

    const QByteArray ifNoneMatch = request.header("If-None-Match");
    if (!etag.isEmpty() && !ifNoneMatch.isEmpty()) {
        const QList<QByteArray> tags = ifNoneMatch.split(',');
        for (const QByteArray &tag : tags) {
            const QByteArray trimmed = tag.trimmed();
            if (trimmed == "*" || trimmed == etag || trimmed == "W/" + etag) {
                response.setStatus(304);
                return;
            }
        }
    }

    bool useRange = rangeSupported && request.hasHeader("Range");
    const QByteArray ifRange = request.header("If-Range");
    if (useRange && !ifRange.isEmpty()) {
        // If-Range: the range applies only if the client's validator still matches (strong
        // comparison for ETags, exact second for dates).
        if (ifRange.startsWith('"') || ifRange.startsWith("W/")) {
            useRange = !etag.isEmpty() && ifRange == etag;
        } else {
            const QDateTime date = parseHttpDate(ifRange);
            useRange = date.isValid() && lastModified.isValid()
                && date.toSecsSinceEpoch() == lastModified.toSecsSinceEpoch();
        }
    }

    if (useRange) {
        qint64 first = 0;
        qint64 last = 0;
        switch (parseRange(request.header("Range"), size, &first, &last)) {
        case RangeKind::Satisfiable:
            response.setHeader(QByteArrayLiteral("Content-Range"),
                "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' + QByteArray::number(size));
            response.respond(206, data.mid(first, last - first + 1), contentType);
            return;
        case RangeKind::Unsatisfiable:
            response.setHeader(QByteArrayLiteral("Content-Range"), "bytes */" + QByteArray::number(size));
            response.respond(416, QByteArray(), contentType);
            return;
        case RangeKind::None:
            break;
        }
    }
    response.respond(200, data, contentType);
}

QByteArray HttpStaticContent::contentTypeForFile(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == "json"_L1)
        return QByteArrayLiteral("application/json");
    if (suffix == "geojson"_L1)
        return QByteArrayLiteral("application/geo+json");
    if (suffix == "png"_L1)
        return QByteArrayLiteral("image/png");
    if (suffix == "jpg"_L1 || suffix == "jpeg"_L1)
        return QByteArrayLiteral("image/jpeg");
    if (suffix == "webp"_L1)
        return QByteArrayLiteral("image/webp");
    if (suffix == "tif"_L1 || suffix == "tiff"_L1)
        return QByteArrayLiteral("image/tiff; application=geotiff");
    if (suffix == "html"_L1 || suffix == "htm"_L1)
        return QByteArrayLiteral("text/html; charset=utf-8");
    if (suffix == "txt"_L1)
        return QByteArrayLiteral("text/plain; charset=utf-8");
    if (suffix == "xml"_L1)
        return QByteArrayLiteral("application/xml");
    if (suffix == "zip"_L1)
        return QByteArrayLiteral("application/zip");
    return QByteArrayLiteral("application/octet-stream");
}

bool HttpStaticContent::fromFile(const QString &filePath, HttpStaticContent *content)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QFileInfo info(filePath);
    content->data = file.readAll();
    content->contentType = contentTypeForFile(filePath);
    content->lastModified = info.lastModified().toUTC();
    content->etag = '"' + QByteArray::number(info.size(), 16) + '-'
        + QByteArray::number(info.lastModified().toMSecsSinceEpoch(), 16) + '"';
    content->rangeSupported = true;
    return true;
}

QByteArray HttpStaticContent::httpDate(const QDateTime &dateTime)
{
    return QLocale::c().toString(dateTime.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

QDateTime HttpStaticContent::parseHttpDate(const QByteArray &text)
{
    const QDateTime parsed
        = QLocale::c().toDateTime(QString::fromLatin1(text.trimmed()), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
    // The fields are UTC; re-anchor them instead of converting from local time.
    return parsed.isValid() ? QDateTime(parsed.date(), parsed.time(), Qt::UTC) : QDateTime();
}

} // namespace StacScope
