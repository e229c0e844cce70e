// The Storage view's actions: downloads, cancellation, edits, STAC items, the Monitor.
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include "src/download/downloadmanager.h"
#include "src/models/downloadlistmodel.h"
#include "src/providers/catalogsession.h"
#include "src/tasking/requestmonitor.h"
#include "tests/support/up42emulator.h"
#include "tests/ui/tst_up42storage.h"
#include "ui/common/messagebar.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/mainwindow.h"
#include "ui/monitor/monitorpanel.h"
#include "ui/tasking/taskingcontroller.h"
#include "ui/up42/storagepanel.h"
#include "ui/up42/up42assetsmodel.h"
#include "ui/up42/up42dialogs.h"
#include "ui/up42/up42ordersmodel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

void TestUp42Storage::assetDownloadsThroughTheQueue()
{
    const QString asset = Up42Emulator::HamburgAssetId.toString();
    waitAssets([this] { m_panel->showAssetsOfOrder(Up42Emulator::HamburgOrderId.toString()); });
    QCOMPARE(m_panel->assetsModel()->rowCount(), 1);
    QSignalSpy details(m_panel, &StoragePanel::detailsLoaded);
    clickRow(m_panel->assetsView(), Up42AssetsModel::AssetIdRole, asset);
    QCOMPARE(m_panel->selectedAssetIds(), QStringList({ asset }));
    // Its title, its size in human units, the asset's own metadata in the pane.
    Up42AssetsModel *model = m_panel->assetsModel();
    QCOMPARE(model->index(0, Up42AssetsModel::Name).data().toString(), u"Hamburg port, March 2024"_s);
    const qint64 size = m_up42->fileBytes(asset).size();
    QCOMPARE(model->index(0, Up42AssetsModel::Size).data(Up42AssetsModel::SortRole).toLongLong(), size);
    QCOMPARE(model->index(0, Up42AssetsModel::Size).data().toString(),
        QLocale().formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat));
    QCOMPARE(model->index(0, Up42AssetsModel::Extraction).data().toString(), u"Extracted"_s);
    QVERIFY(!details.isEmpty() || details.wait(10000));
    QCOMPARE(calls("GET", u"/v2/assets/"_s + asset + u"/metadata"_s).size(), 1);
    const QJsonObject shown = QJsonDocument::fromJson(m_panel->detailsView()->toPlainText().toUtf8()).object();
    QCOMPARE(shown.value(u"id"_s).toString(), asset);
    QCOMPARE(shown.value(u"orderId"_s).toString(), Up42Emulator::HamburgOrderId.toString());

    QSignalSpy opened(m_panel, &StoragePanel::downloadDialogOpened);
    clickAction(m_panel->downloadAssetsAction());
    QCOMPARE(opened.size(), 1);
    Up42DownloadDialog *dialog = m_panel->downloadDialog();
    QVERIFY(dialog);
    const QString folder = m_dir->filePath(u"storage"_s);
    dialog->directoryEdit()->setText(folder);
    // Unpacking is on unless the user turned it off, as the SDK's asset.download() did.
    QVERIFY(dialog->unpackBox()->isChecked());
    QSignalSpy queued(m_panel, &StoragePanel::downloadQueued);
    QSignalSpy idle(m_downloads.get(), &DownloadManager::queueFinished);
    QTest::mouseClick(dialog->downloadButton(), Qt::LeftButton);
    QCOMPARE(queued.size(), 1);
    QCOMPARE(queued.first().first().toInt(), 1);
    // The folder is remembered for the next download, as the Download dialog does.
    QCOMPARE(DownloadDialog::defaultDirectory(), folder);
    const QList<qint64> ids = m_downloads->order();
    QCOMPARE(ids.size(), 1);
    const DownloadTask task = m_downloads->task(ids.first());
    const QString name = m_up42->asset(asset).value(u"name"_s).toString();
    QCOMPARE(task.targetPath, folder + u'/' + name);
    QCOMPARE(task.sourceId, u"up42:"_s + m_accountId);
    QVERIFY(idle.wait(60000));
    QCOMPARE(idle.last(), QVariantList({ 1, 0 }));
    QCOMPARE(readAll(folder + u'/' + name), m_up42->fileBytes(asset));
    // The verified ZIP unpacked beside it, without its output/ folder: two items' data,
    // thumbnail and metadata; the row says so.
    const QString unpacked = folder + u'/' + QFileInfo(name).completeBaseName();
    QCOMPARE(m_downloads->task(ids.first()).unpack, UnpackState::Done);
    QCOMPARE(m_downloads->task(ids.first()).unpackDetail, unpacked);
    QStringList entries;
    QDirIterator it(unpacked, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        entries.append(QDir(unpacked).relativeFilePath(it.next()));
    }
    QCOMPARE(entries.size(), 6);
    QVERIFY(std::none_of(entries.cbegin(), entries.cend(), [](const QString &e) { return e.startsWith(u"output"_s); }));
    DownloadListModel rows(m_downloads.get());
    QCOMPARE(rows.index(0, DownloadListModel::StateColumn).data().toString(), u"Unpacked"_s);
    QVERIFY(rows.index(0, DownloadListModel::NameColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QDir::toNativeSeparators(unpacked)));
    // Signed by the account on the API; the file host never saw the bearer token.
    QCOMPARE(calls("POST", u"/v2/assets/"_s + asset + u"/download-url"_s).size(), 1);
    const QList<ReceivedRequest> files = m_up42->requests(Up42Emulator::Service::Files);
    QVERIFY(!files.isEmpty());
    for (const ReceivedRequest &r : files) {
        QVERIFY(!r.hasHeader("Authorization"));
    }
}

void TestUp42Storage::downloadAllPutsTheOrderInItsFolder()
{
    const QString berlin = Up42Emulator::BerlinOrderId.toString();
    clickRow(m_panel->ordersView(), Up42OrdersModel::OrderIdRole, berlin);
    QSignalSpy opened(m_panel, &StoragePanel::downloadDialogOpened);
    clickAction(m_panel->downloadOrderAction());
    QVERIFY(opened.wait(10000));
    QCOMPARE(lastGet(u"/v2/assets"_s).queryValue(u"search"_s), berlin);
    Up42DownloadDialog *dialog = m_panel->downloadDialog();
    QVERIFY(dialog);
    const QString folder = m_dir->filePath(u"all"_s);
    dialog->directoryEdit()->setText(folder);
    const QString target = folder + u"/Berlin monthly monitoring"_s;
    QCOMPARE(dialog->targetDirectory(), target);
    QVERIFY(dialog->targetLabel()->text().contains(QDir::toNativeSeparators(target)));
    QSignalSpy queued(m_panel, &StoragePanel::downloadQueued);
    QSignalSpy idle(m_downloads.get(), &DownloadManager::queueFinished);
    QTest::mouseClick(dialog->downloadButton(), Qt::LeftButton);
    QCOMPARE(queued.size(), 1);
    QCOMPARE(queued.first().first().toInt(), 10);
    const QStringList assets = m_up42->assetIds(berlin);
    QCOMPARE(assets.size(), 10);
    QStringList expected;
    for (const QString &id : assets) {
        expected.append(target + u'/' + m_up42->asset(id).value(u"name"_s).toString());
    }
    QStringList targets;
    for (qint64 id : m_downloads->order()) {
        targets.append(m_downloads->task(id).targetPath);
    }
    expected.sort();
    targets.sort();
    QCOMPARE(targets, expected);
    QVERIFY(idle.wait(120000));
    QCOMPARE(idle.last(), QVariantList({ 10, 0 }));
    for (const QString &id : assets) {
        QCOMPARE(readAll(target + u'/' + m_up42->asset(id).value(u"name"_s).toString()), m_up42->fileBytes(id));
    }
}

void TestUp42Storage::cancelAsksFirstAndIsSentOnce()
{
    const QString madrid = Up42Emulator::MadridOrderId.toString();
    const QString cancellation = u"/v2/orders/"_s + madrid + u"/cancellation"_s;
    // A delivered order cannot be canceled; Madrid (placement failed) can.
    clickRow(m_panel->ordersView(), Up42OrdersModel::OrderIdRole, Up42Emulator::HamburgOrderId.toString());
    QVERIFY(!m_panel->cancelOrderAction()->isEnabled());
    clickRow(m_panel->ordersView(), Up42OrdersModel::OrderIdRole, madrid);
    QVERIFY(m_panel->cancelOrderAction()->isEnabled());

    clickAction(m_panel->cancelOrderAction());
    QMessageBox *box = m_panel->cancelBox();
    QVERIFY(box);
    QCOMPARE(box->text(), u"Cancel the UP42 order \"Madrid Pléiades\"?"_s);
    QCOMPARE(box->defaultButton()->text(), u"Keep it"_s);
    QTest::mouseClick(roleButton(box, QMessageBox::RejectRole), Qt::LeftButton);
    QTRY_VERIFY(!m_panel->cancelBox());
    QTest::qWait(200);
    QVERIFY(calls("POST", cancellation).isEmpty());
    QCOMPARE(m_panel->ordersModel()->index(2, Up42OrdersModel::Status).data().toString(), u"Placement failed"_s);

    clickAction(m_panel->cancelOrderAction());
    box = m_panel->cancelBox();
    QVERIFY(box);
    QSignalSpy changed(m_panel, &StoragePanel::orderChanged);
    QTest::mouseClick(roleButton(box, QMessageBox::AcceptRole), Qt::LeftButton);
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.first().first().toString(), madrid);
    QCOMPARE(calls("POST", cancellation).size(), 1);
    const int row = m_panel->ordersModel()->rowOf(madrid);
    QCOMPARE(m_panel->ordersModel()->index(row, Up42OrdersModel::Status).data().toString(), u"Canceled"_s);
    QCOMPARE(m_panel->messageBar()->text(), u"Canceled \"Madrid Pléiades\"."_s);
    QVERIFY(!m_panel->cancelOrderAction()->isEnabled());
}

void TestUp42Storage::refusedCancellationIsSaidInWords()
{
    // Tokyo Bay was created when listed; UP42 placed it meanwhile.
    const QString tokyo = Up42Emulator::TokyoOrderId.toString();
    clickRow(m_panel->ordersView(), Up42OrdersModel::OrderIdRole, tokyo);
    QVERIFY(m_panel->cancelOrderAction()->isEnabled());
    m_up42->setOrderStatus(tokyo, u"PLACED"_s, u"QUOTATION_ACCEPTED"_s);
    clickAction(m_panel->cancelOrderAction());
    QVERIFY(m_panel->cancelBox());
    QTest::mouseClick(roleButton(m_panel->cancelBox(), QMessageBox::AcceptRole), Qt::LeftButton);
    MessageBar *bar = m_panel->messageBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible() && bar->level() == MessageBar::Level::Error, 10000);
    QCOMPARE(bar->text(),
        u"\"Tokyo Bay tasking\" was not canceled: Not in this state: Order %1 cannot be canceled in status PLACED; "
        u"only CREATED or PLACEMENT_FAILED orders can."_s.arg(tokyo));
    QCOMPARE(calls("POST", u"/v2/orders/"_s + tokyo + u"/cancellation"_s).size(), 1); // never retried
}

void TestUp42Storage::editTagsSendsOneMergePatch()
{
    const QString hamburg = Up42Emulator::HamburgOrderId.toString();
    clickRow(m_panel->ordersView(), Up42OrdersModel::OrderIdRole, hamburg);
    QSignalSpy opened(m_panel, &StoragePanel::tagsDialogOpened);
    clickAction(m_panel->editOrderTagsAction());
    QCOMPARE(opened.size(), 1);
    Up42TagsDialog *dialog = m_panel->tagsDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->titleEdit());
    QCOMPARE(dialog->tagsEdit()->text(), u"port, monitoring"_s);
    QTest::keyClicks(dialog->tagsEdit(), u", q1-2024, port"_s);
    QSignalSpy changed(m_panel, &StoragePanel::orderChanged);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(changed.wait(10000));
    const QList<ReceivedRequest> patches = calls("PATCH", u"/v2/orders/"_s + hamburg);
    QCOMPARE(patches.size(), 1);
    QCOMPARE(patches.first().header("Content-Type"), QByteArray("application/merge-patch+json"));
    QCOMPARE(QJsonDocument::fromJson(patches.first().body).object(),
        QJsonObject({ { u"tags"_s, QJsonArray({ u"port"_s, u"monitoring"_s, u"q1-2024"_s }) } }));
    const int row = m_panel->ordersModel()->rowOf(hamburg);
    QCOMPARE(
        m_panel->ordersModel()->index(row, Up42OrdersModel::Tags).data().toString(), u"port, monitoring, q1-2024"_s);
}

void TestUp42Storage::editAssetSendsItsMetadata()
{
    const QString asset = Up42Emulator::HamburgAssetId.toString();
    m_panel->tabs()->setCurrentWidget(m_panel->assetsPage());
    clickRow(m_panel->assetsView(), Up42AssetsModel::AssetIdRole, asset);
    clickAction(m_panel->editAssetAction());
    Up42TagsDialog *dialog = m_panel->tagsDialog();
    QVERIFY(dialog && dialog->titleEdit());
    QCOMPARE(dialog->titleEdit()->text(), u"Hamburg port, March 2024"_s);
    dialog->titleEdit()->clear();
    QTest::keyClicks(dialog->titleEdit(), u"Hamburg container terminal"_s);
    dialog->tagsEdit()->clear();
    QTest::keyClicks(dialog->tagsEdit(), u"port"_s);
    QSignalSpy changed(m_panel, &StoragePanel::assetChanged);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(changed.wait(10000));
    const QList<ReceivedRequest> posts = calls("POST", u"/v2/assets/"_s + asset + u"/metadata"_s);
    QCOMPARE(posts.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(posts.first().body).object(),
        QJsonObject({ { u"title"_s, u"Hamburg container terminal"_s }, { u"tags"_s, QJsonArray({ u"port"_s }) } }));
    const int row = m_panel->assetsModel()->rowOf(asset);
    QCOMPARE(
        m_panel->assetsModel()->index(row, Up42AssetsModel::Name).data().toString(), u"Hamburg container terminal"_s);
    QCOMPARE(m_panel->assetsModel()->index(row, Up42AssetsModel::Tags).data().toString(), u"port"_s);
}

void TestUp42Storage::stacItemsOfAnAssetOnTheMap()
{
    const QString asset = Up42Emulator::HamburgAssetId.toString();
    m_panel->tabs()->setCurrentWidget(m_panel->assetsPage());
    clickRow(m_panel->assetsView(), Up42AssetsModel::AssetIdRole, asset);
    QSignalSpy requested(m_panel, &StoragePanel::stacItemsRequested);
    QSignalSpy searched(m_window.get(), &MainWindow::searchFinished);
    clickAction(m_panel->stacItemsAction());
    QCOMPARE(requested.size(), 1);
    QVERIFY(searched.wait(20000));
    // The account's storage catalog, searched with asset_id = <id>: Hamburg's two items.
    QVERIFY(m_window->session());
    QCOMPARE(m_window->session()->source().location, m_up42->storageStacUrl().toString());
    QCOMPARE(m_window->results().size(), 2);
    const QList<ReceivedRequest> searches = calls("POST", u"/v2/assets/stac/search"_s);
    QCOMPARE(searches.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(searches.first().body).object();
    QCOMPARE(body.value(u"filter"_s).toObject(),
        QJsonObject({ { u"op"_s, u"="_s },
            { u"args"_s, QJsonArray({ QJsonObject({ { u"property"_s, u"asset_id"_s } }), asset }) } }));
    QCOMPARE(body.value(u"filter-lang"_s).toString(), u"cql2-json"_s);
    QVERIFY(m_window->findChild<QDockWidget *>(u"resultsDock"_s)->isVisible());

    // Assets without STAC metadata have no items to show.
    waitAssets([this] {
        m_panel->searchEdit()->setText(u"old_scan"_s);
        m_panel->refreshAssets();
    });
    QCOMPARE(m_panel->assetsModel()->rowCount(), 1);
    m_panel->selectAssets({ m_panel->assetsModel()->asset(0).id });
    QCOMPARE(m_panel->assetsModel()->index(0, Up42AssetsModel::Extraction).data().toString(), u"Not processed"_s);
    QVERIFY(!m_panel->stacItemsAction()->isEnabled());
}

void TestUp42Storage::followInMonitor()
{
    const QString tokyo = Up42Emulator::TokyoOrderId.toString();
    clickRow(m_panel->ordersView(), Up42OrdersModel::OrderIdRole, tokyo);
    QVERIFY(m_panel->followAction()->isEnabled());
    QSignalSpy followed(m_panel, &StoragePanel::followed);
    clickAction(m_panel->followAction());
    QCOMPARE(followed.size(), 1);
    const MonitorKey key { m_accountId, MonitoredKind::Up42Order, tokyo };
    QVERIFY(m_monitor->contains(key));
    QCOMPARE(m_monitor->request(key)->name, u"Tokyo Bay tasking"_s);
    // The Monitor tab of the Tasks dock shows it.
    TaskingController *tasking = m_window->tasking();
    QVERIFY(tasking->tasksDock() && tasking->tasksDock()->isVisible());
    QCOMPARE(tasking->tasksTabs()->currentWidget(), tasking->monitorPanel());
    QCOMPARE(tasking->monitorPanel()->selectedKeys(), QList<MonitorKey>({ key }));
}
