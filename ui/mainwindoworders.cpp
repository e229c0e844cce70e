// The main window's order side: "Order..." on results of a Capella account's catalog (the order
// review, and the Orders dock where placed orders are listed and downloaded) or of an UP42 archive
// host (the credit estimate, then the orders followed in the Monitor).
#include <algorithm>

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSortFilterProxyModel>
#include <QTableView>

#include "src/download/downloadmanager.h"
#include "src/models/resultsviewproxy.h"
#include "src/providers/accountmanager.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/catalogsession.h"
#include "src/providers/up42/up42api.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/tasking/requestmonitor.h"
#include "ui/common/docklayout.h"
#include "ui/downloads/downloadscontroller.h"
#include "ui/mainwindow.h"
#include "ui/orders/orderreviewdialog.h"
#include "ui/orders/orderspanel.h"
#include "ui/tasking/taskingcontroller.h"
#include "ui/up42/up42orderdialog.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// The UP42 account whose archive host the open catalog is, if it is one.
Up42Session *up42ArchiveSession(CatalogSession *catalog, AccountManager *accounts)
{
    if (!catalog || !accounts) {
        return nullptr;
    }
    const CatalogSource &source = catalog->source();
    if (source.providerId() != u"up42"_s || source.accountId.isEmpty()) {
        return nullptr;
    }
    return qobject_cast<Up42Session *>(accounts->session(source.accountId));
}

} // namespace

void MainWindow::setUpOrders()
{
    if (m_orderAction) {
        return;
    }
    m_orderAction = new QAction(tr("&Order..."), this);
    m_orderAction->setObjectName(u"orderAction"_s);
    m_orderAction->setEnabled(false);
    connect(m_orderAction, &QAction::triggered, this, &MainWindow::orderSelected);
    addAction(m_orderAction);
    // In File, beside "Download...", before the separator and Quit.
    const QList<QAction *> menus = menuBar()->actions();
    if (!menus.isEmpty() && menus.first()->menu()) {
        QMenu *file = menus.first()->menu();
        const QList<QAction *> fileActions = file->actions();
        file->insertAction(fileActions.value(fileActions.size() - 2), m_orderAction);
    }
    addResultsAction(m_orderAction);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateOrderAction);
    // New results (another search, another catalog) come with an empty selection.
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateOrderAction);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateOrderAction);
    ensureOrdersDock();
    updateOrderAction();
}

void MainWindow::ensureOrdersDock()
{
    if (m_ordersPanel || !m_accounts) {
        return;
    }
    const QList<AccountSession *> sessions = m_accounts->sessions();
    if (std::none_of(sessions.begin(), sessions.end(),
            [](AccountSession *s) { return qobject_cast<CapellaSession *>(s) != nullptr; })) {
        return;
    }
    m_ordersPanel = new OrdersPanel(m_accounts, m_downloadManager, this);
    connect(
        m_ordersPanel, &OrdersPanel::openAccountRequested, this, [this](const QString &id) { openAccountsDialog(id); });
    connect(m_ordersPanel, &OrdersPanel::downloadQueued, this, [this](int files) {
        if (files > 0 && m_downloads) {
            m_downloads->showDock();
        }
    });
    m_ordersDock = new QDockWidget(tr("Orders"), this);
    m_ordersDock->setObjectName(u"ordersDock"_s);
    m_ordersDock->setWidget(m_ordersPanel);
    setUpDock(m_ordersDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_ordersDock);
    if (auto *results = findChild<QDockWidget *>(u"resultsDock"_s)) {
        tabifyDockWidget(results, m_ordersDock);
        results->raise();
    }
}

CapellaSession *MainWindow::orderSession() const
{
    if (!m_session || !m_accounts) {
        return nullptr;
    }
    const CatalogSource &source = m_session->source();
    if (source.providerId() != u"capella"_s || source.accountId.isEmpty()) {
        return nullptr;
    }
    return qobject_cast<CapellaSession *>(m_accounts->session(source.accountId));
}

void MainWindow::updateOrderAction()
{
    if (!m_orderAction) {
        return;
    }
    const bool capella = orderSession() != nullptr;
    const bool up42 = up42ArchiveSession(m_session, m_accounts) != nullptr;
    m_orderAction->setEnabled((capella || up42) && m_table->selectionModel()->hasSelection());
    m_orderAction->setToolTip(capella ? tr("Review the price of the selected products and order them from Capella")
            : up42                    ? tr("Estimate the credits of the selected scenes and order them from UP42")
                   : tr("Select results of a Capella account's catalog or an UP42 archive to order them"));
}

OrderReviewDialog *MainWindow::orderDialog() const
{
    return m_orderDialog;
}

void MainWindow::orderFromUp42()
{
    Up42Session *session = up42ArchiveSession(m_session, m_accounts);
    QList<int> rows = selectedRows();
    if (!session || rows.isEmpty()) {
        return;
    }
    if (auto *open = findChild<Up42OrderDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    std::sort(rows.begin(), rows.end());
    QList<Up42OrderDialog::Scene> scenes;
    QString collection;
    for (int row : std::as_const(rows)) {
        const ItemRecord &r = m_results.at(row);
        if (!collection.isEmpty() && r.collection != collection) {
            m_messages->showMessage(MessageBar::Level::Warning,
                tr("UP42 orders one collection at a time: select scenes of %1 only, or order each collection "
                   "on its own.")
                    .arg(collection));
            return;
        }
        collection = r.collection;
        QString title = r.hasDatetime()
            ? QDateTime::fromMSecsSinceEpoch(r.datetime, Qt::UTC).toString(u"yyyy-MM-dd HH:mm"_s)
            : QString();
        if (ItemRecord::isSet(r.cloudCover)) {
            title += tr(", %1 % cloud").arg(QString::number(double(r.cloudCover), 'f', 1));
        }
        scenes.append({ r.id, r.collection, r.footprint.toGeoJson(), title });
    }
    auto *dialog = new Up42OrderDialog(session, scenes, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString accountId = session->account().id;
    QPointer<Up42Session> guard(session);
    // Each order placed is followed in the Monitor (its status, then its files).
    connect(dialog, &Up42OrderDialog::ordersPlaced, this, [this, accountId, guard](const QStringList &ids) {
        RequestMonitor *monitor = m_tasking ? m_tasking->monitor() : nullptr;
        if (!monitor || !guard) {
            return;
        }
        for (const QString &id : ids) {
            JsonCallJob *job = guard->client()->order(id);
            connect(job, &StacJob::finished, this, [this, job, accountId] {
                job->deleteLater();
                RequestMonitor *monitor = m_tasking ? m_tasking->monitor() : nullptr;
                if (job->isOk() && monitor) {
                    monitor->track(accountId, MonitoredKind::Up42Order, job->json());
                }
            });
        }
    });
    dialog->open();
}

void MainWindow::orderSelected()
{
    // Results of several catalogs: only the open catalog's account orders, and only its items.
    for (int row : selectedRows()) {
        const std::optional<CatalogSource> source = catalogOfRow(row);
        if (!m_session || !source || source->id() != m_session->source().id()) {
            m_messages->showMessage(MessageBar::Level::Warning,
                tr("Select results of %1 only to order them: the others come from other catalogs.")
                    .arg(m_session ? m_session->source().name : QString()));
            return;
        }
    }
    if (up42ArchiveSession(m_session, m_accounts)) {
        orderFromUp42();
        return;
    }
    CapellaSession *session = orderSession();
    QList<int> rows = selectedRows();
    if (!session || rows.isEmpty()) {
        return;
    }
    if (m_orderDialog) {
        m_orderDialog->raise();
        m_orderDialog->activateWindow();
        return;
    }
    std::sort(rows.begin(), rows.end());
    QList<CapellaGranule> granules;
    QList<OrderReviewDialog::GranuleInfo> info;
    for (int row : std::as_const(rows)) {
        const ItemRecord &r = m_results.at(row);
        granules.append({ r.collection, r.id });
        info.append({ r.sarMode, r.productType,
            r.hasDatetime() ? QDateTime::fromMSecsSinceEpoch(r.datetime, Qt::UTC) : QDateTime() });
    }
    auto *dialog = new OrderReviewDialog(session, granules, info, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString accountId = session->account().id;
    auto showOrders = [this, accountId](const QString &orderId) {
        ensureOrdersDock();
        if (!m_ordersPanel) {
            return;
        }
        m_ordersPanel->showOrder(accountId, orderId);
        m_ordersDock->show();
        m_ordersDock->raise();
    };
    connect(dialog, &OrderReviewDialog::orderPlaced, this,
        [showOrders](const CapellaOrder &order) { showOrders(order.id); });
    // It may have been placed: the list tells.
    connect(dialog, &OrderReviewDialog::orderUncertain, this, [showOrders] { showOrders({}); });
    m_orderDialog = dialog;
    // open(), not exec(): no nested event loop on the GUI thread.
    dialog->open();
}

} // namespace StacScope
