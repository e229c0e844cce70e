#include "src/download/partfile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace StacScope {

PartFile::PartFile(const QString &targetPath)
    : m_targetPath(targetPath)
{}

PartFile::~PartFile()
{
    close();
}

void PartFile::setTargetPath(const QString &targetPath)
{
    close();
    m_targetPath = targetPath;
}

bool PartFile::exists() const
{
    return QFileInfo::exists(partPath());
}

qint64 PartFile::sizeOnDisk() const
{
    const QFileInfo info(partPath());
    return info.exists() ? info.size() : -1;
}

bool PartFile::hasSidecar() const
{
    return QFileInfo::exists(sidecarPath());
}

bool PartFile::readSidecar(Metadata *metadata) const
{
    QFile file(sidecarPath());
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(64 * 1024));
    if (!doc.isObject()) {
        return false;
    }
    const QJsonObject o = doc.object();
    metadata->url = QUrl(o.value("url"_L1).toString());
    metadata->etag = o.value("etag"_L1).toString().toUtf8();
    metadata->lastModified = o.value("lastModified"_L1).toString().toUtf8();
    metadata->total = qint64(o.value("total"_L1).toDouble(-1));
    metadata->expectedSize = qint64(o.value("expectedSize"_L1).toDouble(-1));
    metadata->checksum = o.value("checksum"_L1).toString().toUtf8();
    return true;
}

bool PartFile::writeSidecar(const Metadata &metadata, QString *error)
{
    QJsonObject o;
    // The query may carry a signature or a token: it is never written to disk.
    o.insert("url"_L1, metadata.url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo).toString());
    o.insert("etag"_L1, QString::fromUtf8(metadata.etag));
    o.insert("lastModified"_L1, QString::fromUtf8(metadata.lastModified));
    o.insert("total"_L1, double(metadata.total));
    o.insert("expectedSize"_L1, double(metadata.expectedSize));
    o.insert("checksum"_L1, QString::fromUtf8(metadata.checksum));
    QSaveFile file(sidecarPath());
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson(QJsonDocument::Compact)) < 0
        || !file.commit()) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    return true;
}

bool PartFile::open(bool truncate, QString *error)
{
    close();
    m_file.setFileName(partPath());
    // Unbuffered: a full disk shows up at the write that hit it, not at some later flush.
    const QIODevice::OpenMode mode
        = QIODevice::WriteOnly | QIODevice::Unbuffered | (truncate ? QIODevice::Truncate : QIODevice::Append);
    if (!m_file.open(mode)) {
        if (error) {
            *error = QCoreApplication::translate("StacScope::PartFile", "Cannot write %1: %2")
                         .arg(partPath(), m_file.errorString());
        }
        return false;
    }
    m_size = m_file.size();
    return true;
}

bool PartFile::write(QByteArrayView data, QString *error)
{
    if (!m_file.isOpen()) {
        if (error) {
            *error = QCoreApplication::translate("StacScope::PartFile", "%1 is not open").arg(partPath());
        }
        return false;
    }
    const qint64 written = m_file.write(data.data(), data.size());
    if (written == data.size()) {
        m_size += written;
        return true;
    }
    if (error) {
        *error = m_file.errorString();
    }
    if (written > 0 || m_file.size() != m_size) {
        m_file.resize(m_size);
    }
    return false;
}

void PartFile::close()
{
    if (m_file.isOpen()) {
        m_file.close();
    }
}

void PartFile::remove()
{
    close();
    QFile::remove(partPath());
    removeSidecar();
}

void PartFile::removeSidecar()
{
    QFile::remove(sidecarPath());
}

bool PartFile::commit(const QString &finalPath, bool overwrite, QString *error)
{
    close();
    bool ok = false;
    if (overwrite) {
        // rename(2) replaces the target atomically: there is never a moment without a file there.
        ok = std::rename(QFile::encodeName(partPath()).constData(), QFile::encodeName(finalPath).constData()) == 0;
        if (!ok && error) {
            *error = QString::fromLocal8Bit(std::strerror(errno));
        }
    } else {
        QFile part(partPath());
        ok = part.rename(finalPath);
        if (!ok && error) {
            *error = part.errorString();
        }
    }
    if (ok) {
        removeSidecar();
    }
    return ok;
}

} // namespace StacScope
