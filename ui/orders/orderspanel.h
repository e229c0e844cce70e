#pragma once

#include <QPointer>
#include <QWidget>

#include "src/providers/capella/capellatypes.h"
#include "ui/accounts/accountcombo.h"
#include "ui/orders/ordersmodel.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace StacScope {

class AccountManager;
class CapellaSession;
class DownloadManager;
class JsonCallJob;
class MessageBar;
class OrderDownloadDialog;
struct NetworkError;

// The "Orders" dock: a Capella account's archive orders (date, status, expiry, items, whether
// still active), refreshed on demand, and "Download..." of the selected order into the download
// manager. The jobs belong to the account's client; the panel only watches them.
class OrdersPanel : public QWidget
{
    Q_OBJECT
public:
    OrdersPanel(AccountManager *accounts, DownloadManager *downloads, QWidget *parent = nullptr);
    ~OrdersPanel() override;

    QString currentAccountId() const;
    void selectAccount(const QString &accountId);
    // Lists the current account's orders again.
    void refresh();
    bool isLoading() const;
    // Lists the account's orders and selects `orderId` once they are in (after "Order...").
    void showOrder(const QString &accountId, const QString &orderId);
    QString selectedOrderId() const;
    void selectOrder(const QString &orderId);

    // Asks Capella for the selected order's files, then opens the download dialog.
    void downloadSelected();
    OrderDownloadDialog *downloadDialog() const;

    // What "now" is for the Active column (the current UTC time by default).
    void setClock(OrdersModel::Clock clock);

    QComboBox *accountCombo() const { return m_account; }
    QPushButton *refreshButton() const { return m_refresh; }
    QCheckBox *activeOnlyCheck() const { return m_activeOnly; }
    QPushButton *downloadButton() const { return m_download; }
    QTreeView *ordersView() const { return m_view; }
    OrdersModel *ordersModel() const { return m_orders; }
    MessageBar *messageBar() const { return m_messages; }
    QLabel *statusLabel() const { return m_statusLabel; }

Q_SIGNALS:
    void ordersLoaded();
    void downloadDialogOpened(StacScope::OrderDownloadDialog *dialog);
    void downloadQueued(int files);
    void openAccountRequested(const QString &accountId);

private:
    CapellaSession *session() const;
    void rebuildAccounts();
    void onAccountChosen();
    void onSessionState(const QString &accountId);
    void listOrders(const QString &accountId, int generation);
    void onOrdersFinished(JsonCallJob *job);
    void onPresignFinished(JsonCallJob *job, const QString &accountId, const QString &orderId);
    void queue(OrderDownloadDialog *dialog, const QString &accountId);
    void showProblem(const NetworkError &error, const QString &what);
    void updateActions();
    void updateStatusText();

    QPointer<AccountManager> m_accounts;
    QPointer<DownloadManager> m_downloads;
    AccountCombo *m_account;
    QPushButton *m_refresh;
    QCheckBox *m_activeOnly;
    QPushButton *m_download;
    OrdersModel *m_orders;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    MessageBar *m_messages;
    QLabel *m_statusLabel;
    QString m_loadedAccount; // whose orders the table shows
    QString m_pendingSelection; // an order to select once listed
    int m_generation = 0; // a refresh makes earlier answers stale
    bool m_waitingForUser = false;
    QPointer<JsonCallJob> m_listJob;
    QPointer<JsonCallJob> m_presignJob;
    QPointer<OrderDownloadDialog> m_downloadDialog;
};

} // namespace StacScope
