// The main window's UP42 side: the "UP42 storage" dock (once an UP42 account is open), and an
// asset's STAC items shown through the account's storage catalog, as results on the map.
#include <algorithm>

#include <QDockWidget>
#include <QJsonArray>
#include <QMenu>
#include <QTabWidget>

#include "src/models/resultsmodel.h"
#include "src/providers/accountmanager.h"
#include "src/providers/up42/up42provider.h"
#include "ui/common/docklayout.h"
#include "ui/common/messagebar.h"
#include "ui/details/itemdetailswidget.h"
#include "ui/downloads/downloadscontroller.h"
#include "ui/mainwindow.h"
#include "ui/map/footprintlayer.h"
#include "ui/map/quicklookloader.h"
#include "ui/monitor/monitorpanel.h"
#include "ui/search/catalogscontroller.h"
#include "ui/search/searchpanel.h"
#include "ui/tasking/taskingcontroller.h"
#include "ui/up42/storagepanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

void MainWindow::setUpStorage()
{
    if (!m_accounts) {
        return;
    }
    connect(m_accounts, &AccountManager::sessionsChanged, this, &MainWindow::ensureStorageDock);
    ensureStorageDock();
}

void MainWindow::ensureStorageDock()
{
    if (m_storagePanel || !m_accounts) {
        return;
    }
    const QList<AccountSession *> sessions = m_accounts->sessions();
    if (std::none_of(sessions.begin(), sessions.end(),
            [](AccountSession *s) { return qobject_cast<Up42Session *>(s) != nullptr; })) {
        return;
    }
    m_storagePanel = new StoragePanel(m_accounts, m_downloadManager, this);
    // The monitor may be set after the dock is made: asked when needed.
    m_storagePanel->setMonitorLookup([this] { return m_tasking ? m_tasking->monitor() : nullptr; });
    connect(m_storagePanel, &StoragePanel::openAccountRequested, this,
        [this](const QString &id) { openAccountsDialog(id); });
    connect(m_storagePanel, &StoragePanel::downloadQueued, this, [this](int files) {
        if (files > 0 && m_downloads) {
            m_downloads->showDock();
        }
    });
    connect(m_storagePanel, &StoragePanel::stacItemsRequested, this, &MainWindow::showUp42StacItems);
    connect(m_storagePanel, &StoragePanel::followed, this, [this](const QString &accountId, const QString &orderId) {
        if (!m_tasking) {
            return;
        }
        m_tasking->ensureDock();
        if (MonitorPanel *monitor = m_tasking->monitorPanel()) {
            m_tasking->tasksTabs()->setCurrentWidget(monitor);
            monitor->selectKeys({ MonitorKey { accountId, MonitoredKind::Up42Order, orderId } });
        }
        if (QDockWidget *dock = m_tasking->tasksDock()) {
            dock->show();
            dock->raise();
        }
    });
    m_storageDock = new QDockWidget(tr("UP42 storage"), this);
    m_storageDock->setObjectName(u"up42StorageDock"_s);
    m_storageDock->setWidget(m_storagePanel);
    setUpDock(m_storageDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_storageDock);
    if (auto *results = findChild<QDockWidget *>(u"resultsDock"_s)) {
        tabifyDockWidget(results, m_storageDock);
        results->raise();
    }
}

void MainWindow::showUp42StacItems(const QString &accountId, const QString &assetId)
{
    auto *session = m_accounts ? qobject_cast<Up42Session *>(m_accounts->session(accountId)) : nullptr;
    if (!session || assetId.isEmpty()) {
        return;
    }
    // The account's storage STAC API in the picker (not one of its archive hosts).
    const QString location = Up42Api::storageStacUrl(session->apiUrl()).toString();
    int index = -1;
    for (int i = 0; i < catalogs().size() && index < 0; ++i) {
        const CatalogSource &c = catalogs().at(i);
        if (c.accountId == accountId && c.kind == CatalogSource::Kind::StacApi && c.location == location) {
            index = i;
        }
    }
    if (index < 0) {
        m_messages->showMessage(MessageBar::Level::Warning,
            tr("The UP42 storage catalog of %1 is not in the catalog list.").arg(session->account().name));
        return;
    }
    selectCatalog(index);
    if (!m_session) {
        return;
    }
    // As the SDK's asset.stac_items: a search with the CQL2 filter asset_id = <id>.
    SearchParameters params;
    params.filter = QJsonObject { { u"op"_s, u"="_s },
        { u"args"_s, QJsonArray { QJsonObject { { u"property"_s, u"asset_id"_s } }, assetId } } };
    params.limit = 100;
    m_messages->showMessage(MessageBar::Level::Info, tr("The STAC items of asset %1 in UP42 storage.").arg(assetId));
    m_matched.reset();
    m_details->clear();
    m_search->setBusy(true);
    m_session->search(params, 0, &m_results);
    m_model->syncReset();
    m_footprints->syncReset();
    m_quicklookLoader->setRows({});
    updateStatus();
    connect(
        this, &MainWindow::searchFinished, this,
        [this] {
            if (!m_results.isEmpty()) {
                zoomToResults();
            }
        },
        Qt::SingleShotConnection);
    if (auto *results = findChild<QDockWidget *>(u"resultsDock"_s)) {
        results->show();
        results->raise();
    }
}

} // namespace StacScope
