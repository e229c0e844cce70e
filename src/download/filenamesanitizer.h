#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace StacScope {

// File names that come from a server (an href's path, a Content-Disposition header, an item or
// asset id) are never trusted as paths: they become one plain name inside the folder we chose.
class FileNameSanitizer
{
public:
    // Longest name we write, in UTF-8 bytes (file systems allow 255; room for ".part" and " (12)").
    static constexpr int MaxNameBytes = 200;

    // One safe file name: the last path component only, no separators, no "." or "..", no control
    // or reserved characters, no leading dots or trailing dots/spaces, no Windows device names,
    // length-limited with the extension kept. Returns `fallback` (sanitised) when nothing is left.
    static QString sanitize(const QString &name, const QString &fallback = QStringLiteral("download"));
    // The sanitised last segment of the URL's path (percent-decoded), or an empty string.
    static QString fromUrl(const QUrl &url);
    // The sanitised name from a Content-Disposition header (RFC 6266: filename* wins over filename),
    // or an empty string.
    static QString fromContentDisposition(const QByteArray &header);
    // `path` if nothing is there, else "name (1).ext", "name (2).ext", ... that does not exist yet.
    static QString uniquePath(const QString &path);
    // Whether `path` resolves inside `directory` (after cleaning "..", without following links).
    static bool isInside(const QString &directory, const QString &path);
};

} // namespace StacScope
