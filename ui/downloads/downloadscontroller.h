#pragma once

#include <optional>

#include <QObject>
#include <QPointer>

#include "src/download/downloadmanager.h"
#include "src/providers/catalogsource.h"
#include "ui/downloads/downloaddialog.h"

class QAction;
class QDockWidget;

namespace StacScope {

class DownloadsPanel;
class MainWindow;

// The window's download side, in one place: the Downloads dock and its settings (parallel
// transfers, bandwidth limit), "Download..." on results (File menu, context menu, Ctrl+D) with
// its dialog and the planning off the GUI thread, and the notification when a batch finishes.
// The window only creates it.
class DownloadsController : public QObject
{
    Q_OBJECT
public:
    DownloadsController(MainWindow *window, DownloadManager *manager);

    DownloadManager *manager() const { return m_manager; }
    DownloadsPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    QAction *downloadAction() const { return m_download; }
    // The dialog "Download..." opened (non-modal), while it is open.
    DownloadDialog *dialog() const { return m_dialog; }

    // Opens the download dialog for the selected results; what the user chooses is planned off
    // the GUI thread and queued.
    // `onlyAsset`: "Download this file" on an asset of the shown item (the dialog opens with
    // just that key chosen).
    void downloadSelected(const QString &onlyAsset = {});
    // Brings the Downloads dock forward (after something was queued).
    void showDock();

Q_SIGNALS:
    // Tasks were queued from the dialog.
    void queued(int count);

private:
    // The selected items of one catalog (results of several catalogs are planned per catalog).
    struct CatalogGroup
    {
        std::optional<CatalogSource> source;
        AssetSelection items;
    };
    void enqueueChosen(DownloadDialog *dialog, const QList<CatalogGroup> &groups);
    void notifyFinished(int completed, int failed);

    QPointer<MainWindow> m_window;
    QPointer<DownloadManager> m_manager;
    DownloadsPanel *m_panel;
    QDockWidget *m_dock;
    QAction *m_download;
    QPointer<DownloadDialog> m_dialog;
};

} // namespace StacScope
