#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QUrl>

namespace StacScope {

// The bytes of an unfinished download, `<target>.part`, and what is needed to resume them in
// another process, `<target>.part.json` (validators, sizes, checksum, the URL without its query,
// which may hold a signature). The sidecar is written when response headers arrive; a .part
// without a sidecar cannot be trusted and is started again.
class PartFile
{
public:
    struct Metadata
    {
        QUrl url;
        QByteArray etag;
        QByteArray lastModified;
        qint64 total = -1; // the whole entity, as the server announced it
        qint64 expectedSize = -1;
        QByteArray checksum;
    };

    explicit PartFile(const QString &targetPath = {});
    ~PartFile();
    PartFile(const PartFile &) = delete;
    PartFile &operator=(const PartFile &) = delete;

    QString targetPath() const { return m_targetPath; }
    QString partPath() const { return m_targetPath + QStringLiteral(".part"); }
    QString sidecarPath() const { return m_targetPath + QStringLiteral(".part.json"); }
    // Points at another target (closes the file first); used when the server names the file.
    void setTargetPath(const QString &targetPath);

    bool exists() const;
    qint64 sizeOnDisk() const;
    bool hasSidecar() const;
    bool readSidecar(Metadata *metadata) const;
    bool writeSidecar(const Metadata &metadata, QString *error = nullptr);

    // Opens for appending after the existing bytes (`truncate` false) or empties the file first.
    bool open(bool truncate, QString *error = nullptr);
    bool isOpen() const { return m_file.isOpen(); }
    qint64 size() const { return m_size; }
    // Writes all of `data` or nothing: a short write (a full disk) is cut back to the previous size
    // so the file always ends at a chunk boundary the hasher and the sidecar agree with.
    bool write(QByteArrayView data, QString *error = nullptr);
    void close();

    // Deletes the .part and the sidecar.
    void remove();
    void removeSidecar();
    // Renames the .part to `finalPath`; with `overwrite` an existing file there is replaced in one
    // step, else the rename fails when something is there. The sidecar is removed on success.
    bool commit(const QString &finalPath, bool overwrite, QString *error = nullptr);

private:
    QString m_targetPath;
    QFile m_file;
    qint64 m_size = 0;
};

} // namespace StacScope
