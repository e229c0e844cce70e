#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace StacScope {

class HttpServerResponse;
struct ReceivedRequest;

// A byte blob served like a file by a real web server: GET/HEAD, single byte ranges (206 with
// Content-Range, 416 when unsatisfiable), If-Range, If-None-Match (304), ETag and
// Last-Modified. Multi-range requests get the whole blob (200), which RFC 9110 allows.
struct HttpStaticContent
{
    QByteArray data;
    QByteArray contentType = QByteArrayLiteral("application/octet-stream");
    QByteArray etag; // with quotes, e.g. "\"v1\""; none when empty
    QDateTime lastModified; // none when invalid
    bool rangeSupported = true; // false: Range is ignored and "Accept-Ranges: none" sent

    // Answers GET and HEAD; other methods get 405.
    void respond(const ReceivedRequest &request, HttpServerResponse &response) const;

    // Content type from the file name (.json -> application/json, .geojson ->
    // application/geo+json, images, tiff, html, text; application/octet-stream otherwise).
    static QByteArray contentTypeForFile(const QString &fileName);
    // Reads a file into a HttpStaticContent with type, Last-Modified and an ETag from size+mtime.
    static bool fromFile(const QString &filePath, HttpStaticContent *content);
    // RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    static QByteArray httpDate(const QDateTime &dateTime);
    static QDateTime parseHttpDate(const QByteArray &text);
};

} // namespace StacScope
