#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QSpinBox;
class QTimer;
class QTreeView;

namespace StacScope {

class DownloadFilterModel;
class DownloadListModel;
class DownloadManager;

// The download manager's dock: one row per asset with name, item, size, a progress bar, speed,
// ETA and state; totals over the queue; pause, resume, cancel, retry, remove, open and copy
// actions on the selection (toolbar and context menu); a filter by state.
class DownloadsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DownloadsPanel(DownloadManager *manager, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    DownloadListModel *model() const { return m_model; }
    DownloadFilterModel *filterModel() const { return m_filter; }
    QComboBox *filterBox() const { return m_filterBox; }
    QLabel *totalsLabel() const { return m_totals; }
    // How many files at once and the bandwidth limit (MB/s, 0 = none): they set the manager's.
    QSpinBox *parallelBox() const { return m_parallel; }
    QSpinBox *limitBox() const { return m_limit; }
    // Selected task ids, in view order.
    QList<qint64> selectedIds() const;

    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *retryAction() const { return m_retry; }
    QAction *removeAction() const { return m_remove; }
    QAction *openFileAction() const { return m_openFile; }
    QAction *openFolderAction() const { return m_openFolder; }
    QAction *copyUrlAction() const { return m_copyUrl; }

Q_SIGNALS:
    // A batch ended: the queue went idle. The window turns it into a notification.
    void batchFinished(int completed, int failed);

private:
    void updateActions();
    void updateTotals();
    void showContextMenu(const QPoint &position);
    void openSelectedFile();
    void openSelectedFolder();
    void copySelectedUrls();
    void moveSelection(int delta);

    DownloadManager *m_manager;
    DownloadListModel *m_model;
    DownloadFilterModel *m_filter;
    QTreeView *m_view;
    QComboBox *m_filterBox;
    QSpinBox *m_parallel;
    QSpinBox *m_limit;
    QLabel *m_totals;
    QTimer *m_totalsTimer;
    QAction *m_pause;
    QAction *m_resume;
    QAction *m_cancel;
    QAction *m_retry;
    QAction *m_remove;
    QAction *m_removeWithFile;
    QAction *m_openFile;
    QAction *m_openFolder;
    QAction *m_copyUrl;
    QAction *m_moveUp;
    QAction *m_moveDown;
    QAction *m_pauseAll;
    QAction *m_resumeAll;
};

} // namespace StacScope
