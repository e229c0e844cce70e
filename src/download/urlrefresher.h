#pragma once

#include <functional>

#include <QString>
#include <QUrl>

#include "src/download/downloadtask.h"

namespace StacScope {

// Pre-signed links expire. A provider that can sign a fresh URL for an asset implements this;
// the download job asks for one on 403/410 (or an expiry error) and resumes from where it was.
class UrlRefresher
{
public:
    virtual ~UrlRefresher() = default;

    // Whether this refresher can sign `task` at all (e.g. it belongs to this provider).
    virtual bool canRefresh(const DownloadTask &task) const = 0;
    // Asynchronous: calls `done` exactly once, on the caller's thread, with a new URL, or an empty
    // URL and a message. Must not block. A signed URL needs no credentials (and gets none).
    using Callback = std::function<void(const QUrl &url, const QString &error)>;
    virtual void refresh(const DownloadTask &task, Callback done) = 0;
    // Whether a task queued from a catalog points at a link endpoint this refresher signs (a file
    // in UP42 storage): the queue then marks it linkFromProvider, so its signed link is asked for
    // before the first request and the account's credentials never go to the file's host.
    virtual bool adopts(const DownloadTask &task) const
    {
        Q_UNUSED(task);
        return false;
    }
};

} // namespace StacScope
