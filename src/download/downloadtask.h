#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include "src/net/httprequest.h"

namespace StacScope {

enum class DownloadState
{
    Queued,
    Connecting,
    Downloading,
    Verifying,
    Completed,
    Paused,
    Failed,
    Canceled
};

// What to do when the target file already exists and is not the file we expect (a complete file
// whose size and checksum match is always skipped, whatever the policy).
enum class ExistingFilePolicy
{
    Fail, // leave it alone; the task fails with "exists"
    Overwrite, // replace it once ours is verified
    KeepBoth, // write ours beside it as "name (1).ext"
    // Leave it alone and count the task as done (Capella's client: "respectful of your local
    // files"; a file we wrote was verified before it was moved into place).
    KeepExisting,
};

// Unpacking a ZIP once it is downloaded and verified (ZipArchive): asked for when queued, run by
// the manager off the GUI thread, its outcome kept with the task.
enum class UnpackState
{
    None, // not asked for, or the file was no ZIP
    Pending, // asked for; runs once the file is complete and verified (again after a restart)
    Done, // unpacked into `unpackDetail` (a folder)
    Failed, // `unpackDetail` says why; the ZIP itself stays as downloaded
};

// One asset to download: what the manager queues, the store persists and the job executes.
// It holds no credentials: the job asks the Authenticator for them at send time, for the URL's
// own origin only.
struct DownloadTask
{
    qint64 id = 0; // queue id; 0 until enqueued
    QUrl url;
    QString targetPath; // absolute final path, built from sanitised names only
    // The names of the credential headers the task's origin had when it was queued (never the
    // values), so after a restart the queue can say which credentials a task is missing.
    QList<QByteArray> headerNames;
    // `url` is the provider's link endpoint (Satellogic's delivery_zip link, Capella's presign):
    // the UrlRefresher turns it into the file's signed URL before the first request and whenever
    // that expired. The signed URL lives in `signedUrl` for this session only; the store keeps `url`.
    bool linkFromProvider = false;
    QUrl signedUrl;
    qint64 expectedSize = -1; // STAC file:size; -1 unknown
    QByteArray checksum; // STAC file:checksum, multihash in hex; empty unknown
    ExistingFilePolicy existingPolicy = ExistingFilePolicy::Fail;
    // When the href's path gives no usable name, the server's Content-Disposition may name the file.
    bool nameFromServer = false;

    // Where it came from, for display and for asking the provider for a fresh signed URL.
    QString sourceId; // catalog / provider id
    QString collection;
    QString itemId;
    QString assetKey;
    QString title;

    // Progress, kept so that a restart resumes from the bytes on disk.
    DownloadState state = DownloadState::Queued;
    qint64 received = 0;
    qint64 total = -1;
    QByteArray etag;
    QByteArray lastModified;
    QString error; // why it failed or paused (a disk full, an expired link, a failed check)
    int attempts = 0;
    QDateTime added;
    QDateTime finished;
    UnpackState unpack = UnpackState::None;
    QString unpackDetail;

    bool isActive() const
    {
        return state == DownloadState::Connecting || state == DownloadState::Downloading
            || state == DownloadState::Verifying;
    }
    // What the next request goes to.
    QUrl requestUrl() const { return signedUrl.isEmpty() ? url : signedUrl; }
    bool isDone() const { return state == DownloadState::Completed || state == DownloadState::Canceled; }
};

QString downloadStateName(DownloadState state);

} // namespace StacScope
