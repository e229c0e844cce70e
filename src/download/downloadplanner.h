#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "src/download/assetselection.h"
#include "src/download/downloadtask.h"

namespace StacScope {

enum class DownloadLayout
{
    // <dir>/<collection>/<item id>/<asset file>, item JSON beside as <item id>.json; without
    // collectionFolders (or when the item has no collection) <dir>/<item id>/<asset file>.
    PerItem,
    // <dir>/<asset file>, prefixed "<item id>_" where two items would write the same name; item
    // JSON as <dir>/<item id>.json.
    Flat,
};

struct DownloadPlanOptions
{
    QString directory; // the download folder; every target stays inside it
    DownloadLayout layout = DownloadLayout::PerItem;
    bool collectionFolders = true; // PerItem only: a folder per collection above the item folders
    ExistingFilePolicy existingPolicy = ExistingFilePolicy::Fail;
    QString sourceId; // copied to each task (catalog / provider id)
    // The names of the catalog's credential headers, recorded on the tasks of assets on the
    // catalog's origin (scheme, host, port) so that a restart can say what they need. The values
    // are never in a task: the Authenticator gives them at send time. No catalogUrl: none.
    QUrl catalogUrl;
    QList<QByteArray> credentialNames;
    bool writeItemJson = true;
    // Unpack ZIP archives (a ZIP media type or a ".zip" name) once downloaded and verified.
    bool unpackZips = false;
};

// An item's JSON to be written beside its assets.
struct PlannedItemFile
{
    int itemIndex = -1; // into the AssetSelection
    QString path; // absolute
};

struct DownloadPlan
{
    QList<DownloadTask> tasks; // state Queued, id 0, `added` left to the queue
    QList<PlannedItemFile> itemFiles; // one per item with at least one task
    QStringList warnings; // assets skipped, each with its reason
    QStringList errors; // what could not be planned or written
    AssetTotals totals; // of `tasks`

    bool hasErrors() const { return !errors.isEmpty(); }
};

// Turns an AssetSelection into download tasks: target paths from sanitised names only, file names
// from the href (else key + an extension from the media type, and the server may name it),
// collisions resolved, checksums and sizes from the STAC file extension, credential names limited to the
// catalog's origin. Accepts http, https and file URLs; s3:// and other schemes are skipped with a
// reason (alternate hrefs are not consulted).
class DownloadPlanner
{
    Q_DECLARE_TR_FUNCTIONS(StacScope::DownloadPlanner)

public:
    explicit DownloadPlanner(DownloadPlanOptions options);

    const DownloadPlanOptions &options() const { return m_options; }

    // Names and paths only; touches no file.
    DownloadPlan plan(const AssetSelection &selection) const;
    // Writes plan.itemFiles atomically (QSaveFile), creating folders. Failures are appended to
    // plan.errors; returns whether everything was written. Small writes: run it off the GUI thread
    // when the plan holds thousands of items.
    bool writeItemFiles(const AssetSelection &selection, DownloadPlan &plan) const;

    // ".tif" for "image/tiff; ...", ".json" for application/json, ... or empty when unknown.
    static QString extensionForMediaType(const QString &mediaType);
    // Same scheme, host and port (default ports filled in); http(s) only.
    static bool isSameOrigin(const QUrl &a, const QUrl &b);
    // Whether a name taken from a URL path looks like a file name (has an extension), rather than
    // an endpoint such as "download" or "$value".
    static bool isUsableFileName(const QString &name);
    // Why an asset cannot be fetched ("its href is an s3:// link, ..."), or empty when it can:
    // what plan() skips, and what the download dialog warns about before anything is queued.
    static QString skipReason(const SelectedAsset &asset);

private:
    DownloadPlanOptions m_options;
};

} // namespace StacScope
