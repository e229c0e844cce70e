#pragma once

#include <functional>

#include <QMessageBox>
#include <QPointer>
#include <QWidget>

#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellatypes.h"
#include "ui/tasks/capellarequesteditdialog.h"

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace StacScope {

class CapellaCollectsModel;
class CapellaHistoryModel;
class CapellaRequestsModel;
class CapellaSession;
class DownloadManager;
class MessageBar;
class OrderDownloadDialog;
class OrderReviewDialog;
struct NetworkError;

// The Tasks dock's page for a Capella account: its tasking requests or repeat requests (filtered
// by status, refreshed on demand), the selected request's status history and collects, and what
// can be done to requests from here: cancel and edit (several at once, a result per request) and
// approve a price in review, and download the products of a tasking request's collects (ordered
// first, after the order review dialog, unless an active order holds them). Whatever costs money or cannot be undone is
// asked first, in a window-modal box (never a nested event loop), and sent once. The jobs belong to the account's
// client; the panel only watches them.
class CapellaTasksPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CapellaTasksPanel(QWidget *parent = nullptr);
    ~CapellaTasksPanel() override;

    // The account whose requests are shown. Another one clears the table and lists its requests
    // (at once when it is signed in, otherwise once it is or on Refresh).
    void setSession(CapellaSession *session);
    CapellaSession *session() const;
    // The account's state changed (the TasksPanel forwards it).
    void onSessionState();

    CapellaRequest::Kind kind() const;
    void setKind(CapellaRequest::Kind kind);
    // Lists the requests again (with the kind and the status filter); keeps the selection.
    void refresh();
    bool isLoading() const;

    QStringList selectedIds() const;
    void selectIds(const QStringList &ids);

    // Each asks first (Edit... in its dialog), then sends once, shows the result per request in
    // the message bar, and lists the requests again.
    void cancelSelected();
    void editSelected();
    void approveSelected();
    // Where "Download products..." queues files (the TasksPanel gives the window's).
    void setDownloadManager(DownloadManager *downloads);
    // Seed 003's download_products(tasking_request_id=...) for the selected tasking request and
    // download_products(collect_id=...) for the selected collects: their products (a catalog
    // search by collect id), an active order that already holds them all or else the order review
    // dialog (nothing is ordered without its Submit), then the order's download dialog, whose
    // choice is queued in Downloads. Nothing delivered yet: said in the message bar.
    void downloadRequestProducts();
    void downloadCollectProducts();
    // A step of it is on its way (a dialog open counts too).
    bool isDownloadBusy() const;
    OrderReviewDialog *reviewDialog() const;
    OrderDownloadDialog *downloadDialog() const;
    QStringList selectedCollectIds() const;

    // The open question of cancelSelected() or approveSelected(), if any.
    QMessageBox *confirmation() const { return m_confirmation; }
    CapellaRequestEditDialog *editDialog() const { return m_editDialog; }

    // Where the TasksPanel puts its account chooser (at the front).
    QHBoxLayout *barLayout() const { return m_bar; }
    QToolButton *taskingButton() const { return m_taskingButton; }
    QToolButton *repeatButton() const { return m_repeatButton; }
    QComboBox *statusCombo() const { return m_status; }
    // The organization's requests instead of the user's own (needs a manager or admin role).
    QCheckBox *organizationCheck() const { return m_forOrg; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *downloadRequestButton() const { return m_downloadRequest; }
    QPushButton *downloadCollectsButton() const { return m_downloadCollects; }
    QTreeView *requestsView() const { return m_requestsView; }
    QTreeView *historyView() const { return m_historyView; }
    QTreeView *collectsView() const { return m_collectsView; }
    QTabWidget *detailsTabs() const { return m_tabs; }
    QLabel *detailsTitle() const { return m_detailsTitle; }
    CapellaRequestsModel *requestsModel() const { return m_requests; }
    CapellaHistoryModel *historyModel() const { return m_history; }
    CapellaCollectsModel *collectsModel() const { return m_collects; }
    MessageBar *messageBar() const { return m_messages; }
    QLabel *statusLabel() const { return m_statusLabel; }

Q_SIGNALS:
    void requestsLoaded();
    void collectsLoaded();
    // A cancellation, an update or an approval came back; its results are in the message bar.
    void actionFinished();
    void openAccountRequested(const QString &accountId);
    // "Download products..." went as far as it could without a dialog: there was nothing to
    // download yet, or a problem (the message bar says which).
    void downloadStopped();
    void reviewDialogOpened(StacScope::OrderReviewDialog *dialog);
    void downloadDialogOpened(StacScope::OrderDownloadDialog *dialog);
    void downloadQueued(int files);

private:
    void buildLayout();
    void stopListing();
    void list(CapellaRequest::Kind kind, int generation);
    void onListed(CapellaRequestSearchJob *job);
    void loadDetails();
    void loadCollects(const QString &taskingRequestId);
    // capellataskspanelactions.cpp
    QList<CapellaRequest> selectedRequests() const;
    void ask(const QString &title, const QString &text, const QString &details, const QString &yes, const QString &no,
        std::function<void()> onYes);
    void startBulk(CapellaBulkJob::Action action, CapellaRequest::Kind kind, const QStringList &ids,
        const QJsonObject &body, const QHash<QString, QString> &names);
    void onBulkFinished(CapellaBulkJob *job, CapellaBulkJob::Action action, const QHash<QString, QString> &names);
    void startApproval(const CapellaRequest &request);
    void showProblem(const NetworkError &error, const QString &what);
    void updateActions();
    QString kindText(int count) const;
    int costWidth(CapellaRequest::Kind kind) const;
    // capellataskspaneldownload.cpp
    void startProducts(const QString &taskingRequestId, const QList<CapellaCollect> &collects, const QString &what);
    void onProductsFound(CapellaCollectProductsJob *job, const QList<CapellaCollect> &chosen, const QString &what);
    void findActiveOrder(const QList<CapellaGranule> &granules, const QString &what);
    void openReview(const QList<CapellaGranule> &granules, const QString &what);
    void presignOrder(const QString &orderId, const QString &lead);
    void stopDownload(const NetworkError &error, const QString &what);
    void cancelDownload();
    void updateDownloadActions();

    QPointer<CapellaSession> m_session;
    QHBoxLayout *m_bar;
    QToolButton *m_taskingButton;
    QToolButton *m_repeatButton;
    QComboBox *m_status;
    QCheckBox *m_forOrg;
    QPushButton *m_refresh;
    QPushButton *m_cancel;
    QPushButton *m_edit;
    QPushButton *m_approve;
    QPushButton *m_downloadRequest;
    QPushButton *m_downloadCollects;
    CapellaRequestsModel *m_requests;
    QSortFilterProxyModel *m_proxy;
    CapellaHistoryModel *m_history;
    CapellaCollectsModel *m_collects;
    QTreeView *m_requestsView;
    QTreeView *m_historyView;
    QTreeView *m_collectsView;
    QTabWidget *m_tabs;
    QLabel *m_detailsTitle;
    QLabel *m_collectsNote;
    MessageBar *m_messages;
    QLabel *m_statusLabel;
    QString m_loadedAccount; // whose requests the table shows
    int m_generation = 0; // a refresh, another kind or another account make earlier answers stale
    bool m_waitingForUser = false;
    bool m_listingProblemShown = false;
    QPointer<CapellaRequestSearchJob> m_listJob;
    QPointer<JsonCallJob> m_collectsJob;
    QString m_collectsFor; // whose collects m_collectsJob lists
    QPointer<StacJob> m_actionJob;
    QPointer<QMessageBox> m_confirmation;
    QPointer<CapellaRequestEditDialog> m_editDialog;
    QPointer<DownloadManager> m_downloads;
    QPointer<StacJob> m_downloadJob; // the products, the active order or the order's files
    bool m_downloadWaitingForUser = false;
    int m_downloadGeneration = 0; // another account makes the steps under way stale
    QPointer<OrderReviewDialog> m_reviewDialog;
    QPointer<OrderDownloadDialog> m_downloadDialog;
};

} // namespace StacScope
