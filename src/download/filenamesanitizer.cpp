#include "src/download/filenamesanitizer.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

bool isReservedDeviceName(const QString &base)
{
    static const QRegularExpression reserved(
        u"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$"_s, QRegularExpression::CaseInsensitiveOption);
    return reserved.match(base).hasMatch();
}

// Cuts `text` so that its UTF-8 form fits `maxBytes`, never inside a surrogate pair.
QString truncateUtf8(const QString &text, int maxBytes)
{
    QString out;
    int bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool pair = text.at(i).isHighSurrogate() && i + 1 < text.size();
        const QString piece = pair ? text.mid(i, 2) : text.mid(i, 1);
        const int n = int(piece.toUtf8().size());
        if (bytes + n > maxBytes) {
            break;
        }
        out += piece;
        bytes += n;
        if (pair) {
            ++i;
        }
    }
    return out;
}

QString clean(const QString &name)
{
    // Only the last component survives: "../../etc/passwd" is "passwd", "C:\\x\\y.tif" is "y.tif".
    QString s = name;
    const qsizetype slash = std::max(s.lastIndexOf(u'/'), s.lastIndexOf(u'\\'));
    if (slash >= 0) {
        s = s.mid(slash + 1);
    }
    QString out;
    out.reserve(s.size());
    for (const QChar c : std::as_const(s)) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0)) {
            continue; // control characters
        }
        if (u == u'<' || u == u'>' || u == u':' || u == u'"' || u == u'|' || u == u'?' || u == u'*') {
            out += u'_';
            continue;
        }
        out += c;
    }
    // No hidden files, no "." or "..", nothing that Windows would silently trim.
    while (out.startsWith(u'.') || out.startsWith(u' ')) {
        out.remove(0, 1);
    }
    while (out.endsWith(u'.') || out.endsWith(u' ')) {
        out.chop(1);
    }
    if (out.isEmpty()) {
        return {};
    }
    const qsizetype dot = out.lastIndexOf(u'.');
    QString base = dot > 0 ? out.left(dot) : out;
    QString ext = dot > 0 ? out.mid(dot) : QString();
    if (isReservedDeviceName(base)) {
        base.prepend(u'_');
    }
    if (ext.toUtf8().size() > 16) {
        // An "extension" that long is part of the name.
        base += ext;
        ext.clear();
    }
    const int extBytes = int(ext.toUtf8().size());
    base = truncateUtf8(base, FileNameSanitizer::MaxNameBytes - extBytes);
    while (base.endsWith(u'.') || base.endsWith(u' ')) {
        base.chop(1);
    }
    if (base.isEmpty()) {
        return {};
    }
    return base + ext;
}

} // namespace

QString FileNameSanitizer::sanitize(const QString &name, const QString &fallback)
{
    const QString cleaned = clean(name);
    if (!cleaned.isEmpty()) {
        return cleaned;
    }
    const QString cleanedFallback = clean(fallback);
    return cleanedFallback.isEmpty() ? u"download"_s : cleanedFallback;
}

QString FileNameSanitizer::fromUrl(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyDecoded);
    const qsizetype slash = path.lastIndexOf(u'/');
    return clean(slash >= 0 ? path.mid(slash + 1) : path);
}

QString FileNameSanitizer::fromContentDisposition(const QByteArray &header)
{
    // RFC 6266 / 5987: filename*=UTF-8''percent-encoded wins over filename="quoted".
    QString plain;
    QString extended;
    const QList<QByteArray> parts = header.split(';');
    for (const QByteArray &rawPart : parts) {
        const QByteArray part = rawPart.trimmed();
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0) {
            continue;
        }
        const QByteArray key = part.left(eq).trimmed().toLower();
        QByteArray value = part.mid(eq + 1).trimmed();
        if (key == "filename*") {
            const qsizetype quote = value.indexOf("''");
            if (quote < 0) {
                continue;
            }
            const QByteArray charset = value.left(quote).toLower();
            const QByteArray decoded = QByteArray::fromPercentEncoding(value.mid(quote + 2));
            extended = charset == "utf-8" ? QString::fromUtf8(decoded) : QString::fromLatin1(decoded);
        } else if (key == "filename") {
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
                value = value.mid(1, value.size() - 2);
                value.replace("\\\"", "\"");
                value.replace("\\\\", "\\");
            }
            plain = QString::fromUtf8(value);
        }
    }
    return clean(extended.isEmpty() ? plain : extended);
}

QString FileNameSanitizer::uniquePath(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        return path;
    }
    const QFileInfo info(path);
    const QString dir = info.path();
    const QString name = info.fileName();
    const qsizetype dot = name.lastIndexOf(u'.');
    const QString base = dot > 0 ? name.left(dot) : name;
    const QString ext = dot > 0 ? name.mid(dot) : QString();
    for (int i = 1; i < 10000; ++i) {
        const QString candidate = dir + u'/' + base + u" ("_s + QString::number(i) + u')' + ext;
        if (!QFileInfo::exists(candidate) && !QFileInfo::exists(candidate + u".part"_s)) {
            return candidate;
        }
    }
    return {};
}

bool FileNameSanitizer::isInside(const QString &directory, const QString &path)
{
    const QString dir = QDir::cleanPath(QDir(directory).absolutePath());
    const QString target = QDir::cleanPath(QDir(directory).absoluteFilePath(path));
    return target.startsWith(dir + u'/') && target.size() > dir.size() + 1;
}

} // namespace StacScope
