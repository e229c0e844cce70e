#pragma once

#include <QPointer>
#include <QWidget>

#include "ui/accounts/accountcombo.h"

class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTreeView;

namespace StacScope {

class AccountManager;
class CapellaSession;
class CapellaTasksPanel;
class OffsetPagedJob;
class SatellogicDeliveryJob;
class CapturesModel;
class DownloadManager;
class MessageBar;
class SatellogicSession;
class TasksModel;
struct NetworkError;

// The "Tasks" dock: a Satellogic account's tasking tasks (refreshed on demand, filtered by
// status), the selected task's captures, and their delivery queued into the download manager; or,
// for a Capella account, its tasking and repeat requests on a page of their own
// (CapellaTasksPanel). The jobs belong to the account's session; the panel only watches them.
class TasksPanel : public QWidget
{
    Q_OBJECT
public:
    TasksPanel(AccountManager *accounts, DownloadManager *downloads, QWidget *parent = nullptr);
    ~TasksPanel() override;

    QString currentAccountId() const;
    void selectAccount(const QString &accountId);
    // Lists the current account's tasks (or Capella requests) again (with the status filter).
    void refresh();
    bool isLoading() const;

    // Where deliveries go. Until one is set, the first delivery asks, starting at the folder
    // downloads went to last.
    QString directory() const { return m_directory; }
    void setDirectory(const QString &directory);

    // Queues every published capture of the selected task / the selected capture.
    void downloadTask();
    void downloadCapture();

    QComboBox *accountCombo() const { return m_account; }
    QComboBox *statusCombo() const { return m_status; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *downloadTaskButton() const { return m_downloadTask; }
    QPushButton *downloadCaptureButton() const { return m_downloadCapture; }
    QTreeView *tasksView() const { return m_tasksView; }
    QTreeView *capturesView() const { return m_capturesView; }
    TasksModel *tasksModel() const { return m_tasks; }
    CapturesModel *capturesModel() const { return m_captures; }
    MessageBar *messageBar() const { return m_messages; }
    QLabel *statusLabel() const { return m_statusLabel; }
    // The page shown for a Capella account.
    CapellaTasksPanel *capellaPanel() const { return m_capella; }
    QStackedWidget *pages() const { return m_pages; }

Q_SIGNALS:
    void tasksLoaded();
    void capturesLoaded();
    void deliveryQueued(int files, int pendingCaptures);
    // The account's credentials or contract need the user: the window opens the Accounts dialog.
    void openAccountRequested(const QString &accountId);

private:
    SatellogicSession *session() const;
    CapellaSession *capellaSession() const;
    void showPage(QWidget *page);
    void rebuildAccounts();
    void onAccountChosen();
    void onSessionState(const QString &accountId);
    void onTasksFinished();
    void loadCaptures();
    qint64 selectedTaskId() const;
    QString selectedCaptureId() const;
    void showProblem(const NetworkError &error, const QString &what);
    void updateActions();
    // taskspaneldelivery.cpp
    void deliver(qint64 taskId, const QString &captureId);
    void startDelivery(qint64 taskId, const QString &captureId);
    void onDeliveryFinished(SatellogicDeliveryJob *job, const QString &accountId);
    void updateDirectoryLabel();

    QPointer<AccountManager> m_accounts;
    QPointer<DownloadManager> m_downloads;
    AccountCombo *m_account;
    QComboBox *m_status;
    QPushButton *m_refresh;
    QPushButton *m_downloadTask;
    QPushButton *m_downloadCapture;
    TasksModel *m_tasks;
    QSortFilterProxyModel *m_tasksProxy;
    CapturesModel *m_captures;
    QTreeView *m_tasksView;
    QTreeView *m_capturesView;
    QLabel *m_capturesTitle;
    MessageBar *m_messages;
    QLabel *m_statusLabel;
    QLabel *m_directoryLabel;
    QStackedWidget *m_pages;
    QWidget *m_accountBox; // "Account:" and its chooser, in the bar of the page shown
    QHBoxLayout *m_satellogicBar;
    CapellaTasksPanel *m_capella;
    QString m_directory;
    QString m_loadedAccount; // whose tasks the table shows
    QPointer<OffsetPagedJob> m_tasksJob;
    QPointer<OffsetPagedJob> m_capturesJob;
    QPointer<SatellogicDeliveryJob> m_deliveryJob;
    bool m_askingDirectory = false;
};

} // namespace StacScope
