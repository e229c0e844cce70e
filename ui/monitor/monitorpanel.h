#pragma once

#include <functional>
#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QMessageBox>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/stac/stacjob.h"
#include "src/tasking/deliverylookupjob.h"
#include "src/tasking/monitoredrequest.h"
#include "src/tasking/requestmonitor.h"
#include "ui/orders/orderreviewdialog.h"
#include "ui/tasks/capellarequesteditdialog.h"
#include "ui/up42/up42dialogs.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTreeView;

namespace StacScope {

class AccountSession;
class JsonCallJob;
class MessageBar;
class MonitorFilterModel;
class MonitorHistoryModel;
class MonitorModel;
struct NetworkError;

// The Monitor dock: every request the RequestMonitor follows (filtered by provider and status
// group, sortable), the selected request's status history, the last poll round or that polling
// waits for the network, and what can be done from here: poll now, cancel, approve or reject a
// Capella price in review, edit a Capella request, download the deliveries (or have them queued
// automatically), show the target on the map, stop following. Whatever costs money or cannot be
// undone is asked first in a window-modal box (never a nested event loop) and sent once through
// the account's client, never retried; the monitor then polls the request at once. The jobs
// belong to the account's client; the panel only watches them.
class MonitorPanel : public QWidget
{
    Q_OBJECT
public:
    // `monitor` and `accounts` must outlive the panel; `downloads` may be nullptr (nothing can be
    // queued). `downloadFolder`: where deliveries go (below it, a folder per request).
    MonitorPanel(RequestMonitor *monitor, AccountManager *accounts, DownloadManager *downloads,
        const QString &downloadFolder, QWidget *parent = nullptr);
    ~MonitorPanel() override;

    void setDownloadManager(DownloadManager *downloads);
    void setDownloadFolder(const QString &folder) { m_folder = folder; }
    QString downloadFolder() const { return m_folder; }

    // The rows selected in the table, in the table's order.
    QList<MonitorKey> selectedKeys() const;
    void selectKeys(const QList<MonitorKey> &keys);
    // The request the single-request actions work on: set when exactly one row is selected.
    std::optional<MonitoredRequest> selectedRequest() const;

    // The actions (the buttons and the context menu call these); each does nothing when it does
    // not apply to the selection.
    void refreshSelected();
    void cancelSelected();
    void approveSelected();
    void rejectSelected();
    void editSelected();
    void downloadSelected();
    void setAutoDownloadSelected(bool on);
    void showSelectedOnMap();
    void untrackSelected();
    // A completed Capella tasking request's products: the order review for them, then the order
    // followed with its files queued automatically.
    void orderProducts(const MonitorKey &key, const QList<CapellaGranule> &granules);
    OrderReviewDialog *orderDialog() const { return m_orderDialog; }

    // A cancellation, an approval, a rejection or an update on its way, or a question open.
    bool isBusy() const;
    // The open question (Cancel..., Approve cost..., Reject cost..., Stop following...), if any.
    QMessageBox *confirmation() const { return m_confirmation; }
    CapellaRequestEditDialog *editDialog() const { return m_editDialog; }
    // "Choose option..." of an UP42 order whose feasibility study waits for the customer.
    Up42StudyDialog *studyDialog() const { return m_studyDialog; }

    MonitorModel *model() const { return m_model; }
    MonitorFilterModel *filterModel() const { return m_filter; }
    MonitorHistoryModel *historyModel() const { return m_history; }
    QComboBox *providerCombo() const { return m_providerCombo; }
    QComboBox *showCombo() const { return m_showCombo; }
    QTreeView *requestsView() const { return m_requestsView; }
    QTreeView *historyView() const { return m_historyView; }
    QLabel *pollLabel() const { return m_pollLabel; }
    QLabel *detailsTitle() const { return m_detailsTitle; }
    QLabel *detailsText() const { return m_detailsText; }
    MessageBar *messageBar() const { return m_messages; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *downloadButton() const { return m_download; }
    QCheckBox *autoDownloadCheck() const { return m_autoDownload; }
    QPushButton *showOnMapButton() const { return m_showOnMap; }
    QPushButton *untrackButton() const { return m_untrack; }

Q_SIGNALS:
    // The request's target or footprint as a GeoJSON geometry object.
    void showOnMap(const QJsonObject &geometry);
    // A cancellation, approval, rejection or update came back; the message bar has the result.
    void actionFinished();
    // "Download deliveries" queued files in the DownloadManager (or found nothing to queue: 0).
    void downloadFinished(int files);
    // The account's credentials were refused: the window opens the account.
    void openAccountRequested(const QString &accountId);

private:
    // monitorpanel.cpp
    void buildLayout();
    void loadDetails();
    void updatePollLine();
    void updatePollLineSoon();
    void onRoundFinished(const PollRoundStats &stats);
    QString detailsLine(const MonitoredRequest &request) const;
    // monitorpanelactions.cpp
    void ask(const QString &title, const QString &text, const QString &details, const QString &yes, const QString &no,
        std::function<void()> onYes);
    AccountSession *sessionFor(const MonitoredRequest &request, bool say);
    void startCancel(const MonitorKey &key);
    void startApproval(const MonitorKey &key, bool approve);
    // monitorpanelup42.cpp: an UP42 order's quotation accepted or rejected, the order canceled.
    void askUp42Decision(const MonitoredRequest &r, bool accept);
    void startUp42Decision(const MonitorKey &key, const QString &quotationId, bool accept);
    void askUp42Cancel(const MonitoredRequest &r);
    static bool up42Decidable(const MonitoredRequest &r);
    static bool up42StudyOpen(const MonitoredRequest &r);
    void askUp42Study(const MonitoredRequest &r);
    static bool up42Cancelable(const MonitoredRequest &r);
    void startUpdate(const MonitorKey &key, const QJsonObject &body);
    void watch(
        JsonCallJob *job, const MonitorKey &key, const QString &running, const QString &done, const QString &failed);
    void onDeliveriesFetched(
        const MonitorKey &key, const QList<DeliveryDescriptor> &deliveries, const NetworkError &error);
    int queue(const MonitorKey &key, const QList<DeliveryDescriptor> &deliveries);
    void showProblem(const QString &what, const NetworkError &error, const MonitorKey &key);
    void updateActions();

    QPointer<RequestMonitor> m_monitor;
    QPointer<AccountManager> m_accounts;
    QPointer<DownloadManager> m_downloads;
    QString m_folder;
    MonitorModel *m_model;
    MonitorFilterModel *m_filter;
    MonitorHistoryModel *m_history;
    QComboBox *m_providerCombo;
    QComboBox *m_showCombo;
    QLabel *m_pollLabel;
    QPushButton *m_refresh;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_edit;
    QPushButton *m_cancel;
    QPushButton *m_download;
    QCheckBox *m_autoDownload;
    QPushButton *m_showOnMap;
    QPushButton *m_untrack;
    MessageBar *m_messages;
    QTreeView *m_requestsView;
    QTreeView *m_historyView;
    QLabel *m_detailsTitle;
    QLabel *m_detailsText;
    std::optional<PollRoundStats> m_lastRound;
    QDateTime m_lastRoundAt;
    QPointer<StacJob> m_actionJob;
    QPointer<QMessageBox> m_confirmation;
    QPointer<CapellaRequestEditDialog> m_editDialog;
    QPointer<Up42StudyDialog> m_studyDialog;
    QPointer<OrderReviewDialog> m_orderDialog;
    QSet<MonitorKey> m_fetching; // "Download deliveries" asked, the answer not back yet
    bool m_pollLinePending = false;
};

} // namespace StacScope
