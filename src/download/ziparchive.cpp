#include "src/download/ziparchive.h"

#include <array>
#include <cpl_vsi.h>
#include <optional>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "src/download/filenamesanitizer.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace ZipArchive {

namespace {

quint32 le16(const QByteArray &b, qsizetype at)
{
    return quint32(uchar(b[at])) | quint32(uchar(b[at + 1])) << 8;
}

quint32 le32(const QByteArray &b, qsizetype at)
{
    return le16(b, at) | le16(b, at + 2) << 16;
}

quint64 le64(const QByteArray &b, qsizetype at)
{
    return quint64(le32(b, at)) | quint64(le32(b, at + 4)) << 32;
}

quint32 crc32Update(quint32 crc, const char *data, qint64 size)
{
    static const auto table = [] {
        std::array<quint32, 256> t {};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k) {
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (qint64 i = 0; i < size; ++i) {
        crc = table[(crc ^ uchar(data[i])) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

struct ZipEntry
{
    QString name;
    quint32 crc = 0;
    qint64 size = -1; // uncompressed
};

// The entries of a ZIP's central directory (ZIP64 too), read without trusting any of its names.
bool readZipDirectory(const QString &path, QList<ZipEntry> *entries, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    const qint64 fileSize = f.size();
    const qint64 tail = std::min<qint64>(fileSize, 22 + 65535);
    f.seek(fileSize - tail);
    const QByteArray end = f.read(tail);
    qsizetype eocd = -1;
    for (qsizetype i = end.size() - 22; i >= 0 && eocd < 0; --i) {
        if (le32(end, i) == 0x06054b50u) {
            eocd = i;
        }
    }
    if (eocd < 0) {
        *error = u"not a ZIP archive (no central directory)"_s;
        return false;
    }
    quint64 count = le16(end, eocd + 10);
    quint64 cdSize = le32(end, eocd + 12);
    quint64 cdOffset = le32(end, eocd + 16);
    if (count == 0xffff || cdSize == 0xffffffffu || cdOffset == 0xffffffffu) {
        if (eocd < 20 || le32(end, eocd - 20) != 0x07064b50u) {
            *error = u"a damaged ZIP64 archive"_s;
            return false;
        }
        f.seek(qint64(le64(end, eocd - 20 + 8)));
        const QByteArray record = f.read(56);
        if (record.size() < 56 || le32(record, 0) != 0x06064b50u) {
            *error = u"a damaged ZIP64 archive"_s;
            return false;
        }
        count = le64(record, 32);
        cdSize = le64(record, 40);
        cdOffset = le64(record, 48);
    }
    if (cdOffset + cdSize > quint64(fileSize) || cdSize > 256 * 1024 * 1024) {
        *error = u"a damaged ZIP archive (central directory out of bounds)"_s;
        return false;
    }
    f.seek(qint64(cdOffset));
    const QByteArray cd = f.read(qint64(cdSize));
    qsizetype pos = 0;
    for (quint64 i = 0; i < count; ++i) {
        if (pos + 46 > cd.size() || le32(cd, pos) != 0x02014b50u) {
            *error = u"a damaged ZIP archive (central directory)"_s;
            return false;
        }
        const qsizetype nameLength = le16(cd, pos + 28);
        const qsizetype extraLength = le16(cd, pos + 30);
        const qsizetype next = pos + 46 + nameLength + extraLength + le16(cd, pos + 32);
        if (next > cd.size()) {
            *error = u"a damaged ZIP archive (central directory)"_s;
            return false;
        }
        ZipEntry e;
        e.name = QString::fromUtf8(cd.mid(pos + 46, nameLength));
        e.crc = le32(cd, pos + 16);
        e.size = le32(cd, pos + 24);
        if (e.size == 0xffffffffLL) {
            // The ZIP64 extra field (0x0001) starts with the uncompressed size.
            for (qsizetype x = pos + 46 + nameLength; x + 4 <= pos + 46 + nameLength + extraLength;) {
                const qsizetype length = le16(cd, x + 2);
                if (le16(cd, x) == 1 && length >= 8 && x + 12 <= cd.size()) {
                    e.size = qint64(le64(cd, x + 4));
                }
                x += 4 + length;
            }
        }
        entries->append(e);
        pos = next;
    }
    return true;
}

// Where an entry goes below `target`, without a leading "output/" (as the v2 SDK unpacked);
// empty for a directory entry; nullopt when it would land outside `target` (zip-slip).
std::optional<QString> entryTarget(const QString &target, QString name)
{
    name.replace(u'\\', u'/'); // a separator on Windows: treated as one everywhere
    if (name.startsWith(u'/') || (name.size() >= 2 && name.at(1) == u':') || name.contains(QChar(0))) {
        return std::nullopt;
    }
    const bool directory = name.endsWith(u'/');
    QStringList parts = name.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() > 1 && parts.first() == u"output"_s) {
        parts.removeFirst();
    }
    QStringList safe;
    for (const QString &part : std::as_const(parts)) {
        if (part == u".."_s) {
            return std::nullopt;
        }
        if (part != u"."_s) {
            safe.append(FileNameSanitizer::sanitize(part, u"_"_s));
        }
    }
    if (directory || safe.isEmpty() || (parts.size() == 1 && parts.first() == u"output"_s)) {
        return QString();
    }
    const QString path = target + u'/' + safe.join(u'/');
    if (!FileNameSanitizer::isInside(target, path)) {
        return std::nullopt;
    }
    return path;
}

// Unpacks a verified ZIP into `target` (every entry checked first: one that would land outside
// refuses the whole archive, nothing written); each file checked against its CRC-32 and size.
bool unpackInto(const QString &zipPath, const QString &target, int *files, QString *error)
{
    QList<ZipEntry> entries;
    if (!readZipDirectory(zipPath, &entries, error)) {
        return false;
    }
    QList<std::pair<ZipEntry, QString>> plan;
    for (const ZipEntry &e : std::as_const(entries)) {
        const std::optional<QString> path = entryTarget(target, e.name);
        if (!path) {
            *error = QStringLiteral("entry \"%1\" would be written outside %2; nothing was unpacked")
                         .arg(e.name, QDir::toNativeSeparators(target));
            return false;
        }
        if (!path->isEmpty()) {
            plan.append({ e, *path });
        }
    }
    for (const auto &[entry, path] : std::as_const(plan)) {
        const QByteArray vsi = "/vsizip/{" + zipPath.toUtf8() + "}/" + entry.name.toUtf8();
        VSILFILE *in = VSIFOpenL(vsi.constData(), "rb");
        if (!in) {
            *error = QStringLiteral("cannot read entry \"%1\"").arg(entry.name);
            return false;
        }
        QDir().mkpath(QFileInfo(path).path());
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly)) {
            VSIFCloseL(in);
            *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
            return false;
        }
        std::array<char, 65536> buffer {};
        quint32 crc = 0;
        qint64 total = 0;
        size_t n = 0;
        while ((n = VSIFReadL(buffer.data(), 1, buffer.size(), in)) > 0) {
            out.write(buffer.data(), qint64(n));
            crc = crc32Update(crc, buffer.data(), qint64(n));
            total += qint64(n);
        }
        VSIFCloseL(in);
        if (total != entry.size || crc != entry.crc) {
            out.cancelWriting();
            *error = QStringLiteral("entry \"%1\" does not match its CRC-32 or size").arg(entry.name);
            return false;
        }
        if (!out.commit()) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
            return false;
        }
        ++*files;
    }
    return true;
}

} // namespace

bool isZip(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(4) == QByteArrayLiteral("PK\x03\x04");
}

QString defaultFolder(const QString &zipPath)
{
    const QFileInfo file(zipPath);
    QString folder = file.absolutePath() + u'/' + file.completeBaseName();
    if (folder == file.absoluteFilePath() || file.completeBaseName().isEmpty()) {
        folder = file.absoluteFilePath() + u"_files"_s;
    }
    return folder;
}

UnpackResult unpack(const QString &zipPath, const QString &target)
{
    UnpackResult r;
    r.folder = QDir::cleanPath(QDir(target).absolutePath());
    if (!QDir().mkpath(r.folder)) {
        r.error = QStringLiteral("cannot create the folder %1").arg(QDir::toNativeSeparators(r.folder));
        return r;
    }
    r.ok = unpackInto(zipPath, r.folder, &r.files, &r.error);
    return r;
}

} // namespace ZipArchive

} // namespace StacScope
