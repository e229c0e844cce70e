// The Downloads dock and the Download dialog, driven as a user would: a real DownloadManager
// against a loopback server, the list model under QAbstractItemModelTester, actions and the
// state filter, and the dialog's include/exclude, ticks and totals.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include "src/download/downloadmanager.h"
#include "src/download/downloadplanner.h"
#include "src/models/downloadfiltermodel.h"
#include "src/models/downloadlistmodel.h"
#include "tests/support/localhttpserver.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/downloads/downloadspanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QByteArray blob(qsizetype size, char seed)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        data[i] = char(seed + i * 7);
    }
    return data;
}

QByteArray multihash(const QByteArray &data)
{
    return "1220" + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray item(const QByteArray &id, const QByteArray &assets)
{
    return "{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"" + id
        + "\",\"collection\":\"c\",\"geometry\":null,\"properties\":{\"datetime\":\"2024-01-01T00:00:00Z\"},"
          "\"links\":[],\"assets\":{"
        + assets + "}}";
}

QByteArray asset(
    const QByteArray &key, const QByteArray &href, const QByteArray &type, const QByteArray &role, qint64 size)
{
    return "\"" + key + "\":{\"href\":\"" + href + "\",\"type\":\"" + type + "\",\"roles\":[\"" + role
        + "\"],\"file:size\":" + QByteArray::number(size) + "}";
}

int rowOfState(const QAbstractItemModel *model, DownloadState state)
{
    int n = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        n += DownloadState(model->index(r, 0).data(DownloadListModel::StateRole).toInt()) == state ? 1 : 0;
    }
    return n;
}

} // namespace

class TestDownloadsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The dialogs remember their filters in the settings: the test's own, empty at the start.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void panelFollowsTheQueue()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        const QByteArray good = blob(200 * 1024, 3);
        LocalHttpServer::BlobOptions slow;
        slow.delivery.chunkSize = 16 * 1024;
        slow.delivery.chunkIntervalMs = 20;
        server.addBlob(u"/good.bin"_s, good);
        server.addBlob(u"/slow.bin"_s, blob(400 * 1024, 5), slow);
        server.addRoute(u"/missing.bin"_s, LocalHttpServer::Response::text("gone", 404));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QNetworkAccessManager nam;
        DownloadManager manager(&nam);
        manager.setBaseRetryDelay(10);
        DownloadsPanel panel(&manager);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.resize(900, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.totalsLabel()->text().contains(u"No downloads"_s));

        auto task = [&](const QString &path, qint64 size, const QByteArray &checksum = {}) {
            DownloadTask t;
            t.url = server.url(path);
            t.targetPath = dir.filePath(path.mid(1));
            t.expectedSize = size;
            t.checksum = checksum;
            t.itemId = u"item-1"_s;
            t.assetKey = path.mid(1);
            return t;
        };
        QSignalSpy finished(&manager, &DownloadManager::queueFinished);
        QSignalSpy batch(&panel, &DownloadsPanel::batchFinished);
        const QList<qint64> ids = manager.enqueue({ task(u"/good.bin"_s, good.size(), multihash(good)),
            task(u"/slow.bin"_s, 400 * 1024), task(u"/missing.bin"_s, -1) });
        QCOMPARE(panel.model()->rowCount(), 3);
        QCOMPARE(panel.model()->idAt(0), ids.at(0));
        QCOMPARE(panel.model()->index(0, DownloadListModel::NameColumn).data().toString(), u"good.bin"_s);
        QCOMPARE(panel.model()->index(0, DownloadListModel::ItemColumn).data().toString(), u"item-1"_s);

        // The slow one shows progress on the way.
        const int slowRow = panel.model()->rowOf(ids.at(1));
        QTRY_VERIFY_WITH_TIMEOUT(
            panel.model()->index(slowRow, 0).data(DownloadListModel::ProgressRole).toDouble() > 0.05, 10000);
        QVERIFY(finished.wait(20000) || finished.count() > 0);
        QCOMPARE(finished.constFirst().at(0).toInt(), 2);
        QCOMPARE(finished.constFirst().at(1).toInt(), 1);
        QCOMPARE(batch.count(), 1);

        QAbstractItemModel *view = panel.view()->model();
        QCOMPARE(rowOfState(view, DownloadState::Completed), 2);
        QCOMPARE(rowOfState(view, DownloadState::Failed), 1);
        const QModelIndex failed = panel.model()->index(panel.model()->rowOf(ids.at(2)), 0);
        QVERIFY(!failed.data(Qt::ToolTipRole).toString().isEmpty()); // the reason, on hover
        // ... and in the row itself, in words, beside the state; none for a completed one.
        const QString reason = panel.model()->index(failed.row(), DownloadListModel::DetailsColumn).data().toString();
        QVERIFY2(reason.contains(u"404"_s), qPrintable(reason));
        QVERIFY(!panel.view()->isColumnHidden(DownloadListModel::DetailsColumn));
        QVERIFY(panel.view()->columnWidth(DownloadListModel::DetailsColumn) > 100);
        QVERIFY(panel.model()
                    ->index(panel.model()->rowOf(ids.at(0)), DownloadListModel::DetailsColumn)
                    .data()
                    .toString()
                    .isEmpty());
        QCOMPARE(
            panel.model()->index(0, DownloadListModel::ProgressColumn).data(DownloadListModel::ProgressRole).toDouble(),
            1.0);
        QVERIFY(panel.totalsLabel()->text().contains(u"2 of 3"_s));
        QVERIFY(panel.totalsLabel()->text().contains(u"1 failed"_s));

        // The filter by state.
        QComboBox *filter = panel.filterBox();
        filter->setCurrentIndex(filter->findData(int(DownloadFilterModel::Filter::Failed)));
        QCOMPARE(view->rowCount(), 1);
        filter->setCurrentIndex(filter->findData(int(DownloadFilterModel::Filter::Completed)));
        QCOMPARE(view->rowCount(), 2);
        filter->setCurrentIndex(filter->findData(int(DownloadFilterModel::Filter::All)));
        QCOMPARE(view->rowCount(), 3);

        // Actions follow the selection: a failed row can be retried, not opened.
        panel.view()->selectionModel()->select(view->index(panel.model()->rowOf(ids.at(2)), 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(panel.retryAction()->isEnabled());
        QVERIFY(!panel.openFileAction()->isEnabled());
        QVERIFY(!panel.resumeAction()->isEnabled());
        panel.view()->selectionModel()->select(view->index(panel.model()->rowOf(ids.at(0)), 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(panel.openFileAction()->isEnabled());
        QVERIFY(!panel.retryAction()->isEnabled());
        QCOMPARE(panel.selectedIds(), QList<qint64> { ids.at(0) });

        // Remove through the action: the row goes, the file stays.
        panel.removeAction()->trigger();
        QCOMPARE(panel.model()->rowCount(), 2);
        QVERIFY(QFile::exists(dir.filePath(u"good.bin"_s)));
    }

    void pauseResumeAndReorderFromThePanel()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        LocalHttpServer::BlobOptions slow;
        slow.delivery.chunkSize = 8 * 1024;
        slow.delivery.chunkIntervalMs = 30;
        const QByteArray data = blob(300 * 1024, 9);
        server.addBlob(u"/a.bin"_s, data, slow);
        server.addBlob(u"/b.bin"_s, data, slow);
        server.addBlob(u"/c.bin"_s, data, slow);

        QTemporaryDir dir;
        QNetworkAccessManager nam;
        DownloadManager manager(&nam);
        manager.setMaxParallel(1);
        DownloadsPanel panel(&manager);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<DownloadTask> tasks;
        for (const QString &name : { u"a.bin"_s, u"b.bin"_s, u"c.bin"_s }) {
            DownloadTask t;
            t.url = server.url(u"/"_s + name);
            t.targetPath = dir.filePath(name);
            t.expectedSize = data.size();
            tasks << t;
        }
        const QList<qint64> ids = manager.enqueue(tasks);
        QTRY_COMPARE_WITH_TIMEOUT(manager.task(ids.at(0)).state, DownloadState::Downloading, 10000);

        // Move c to the top: the model follows the queue order.
        QAbstractItemModel *view = panel.view()->model();
        panel.view()->selectionModel()->select(
            view->index(2, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QList<QAction *> actions = panel.findChildren<QAction *>();
        QAction *moveUp = nullptr;
        for (QAction *a : actions) {
            if (a->text() == u"Move Up"_s) {
                moveUp = a;
            }
        }
        QVERIFY(moveUp);
        moveUp->trigger();
        moveUp->trigger();
        QCOMPARE(manager.order().first(), ids.at(2));
        QCOMPARE(panel.model()->idAt(0), ids.at(2));
        QCOMPARE(panel.selectedIds(), QList<qint64> { ids.at(2) }); // the selection moved with the row

        // Pause the running one from the panel, then resume it.
        panel.view()->selectionModel()->select(view->index(panel.model()->rowOf(ids.at(0)), 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(panel.pauseAction()->isEnabled());
        panel.pauseAction()->trigger();
        QTRY_COMPARE(manager.task(ids.at(0)).state, DownloadState::Paused);
        QVERIFY(panel.resumeAction()->isEnabled());
        panel.resumeAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(manager.task(ids.at(0)).state, DownloadState::Completed, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 30000);
        QCOMPARE(rowOfState(panel.model(), DownloadState::Completed), 3);
    }

    void parallelAndLimitSetTheManager()
    {
        QNetworkAccessManager nam;
        DownloadManager manager(&nam);
        manager.setMaxParallel(3);
        DownloadsPanel panel(&manager);
        QCOMPARE(panel.parallelBox()->value(), 3);
        QCOMPARE(panel.limitBox()->value(), 0);
        QCOMPARE(panel.limitBox()->text(), u"No limit"_s);
        panel.parallelBox()->setValue(6);
        QCOMPARE(manager.maxParallel(), 6);
        panel.limitBox()->setValue(5);
        QCOMPARE(manager.bandwidthLimit(), qint64(5) * 1024 * 1024);
        panel.limitBox()->setValue(0);
        QCOMPARE(manager.bandwidthLimit(), qint64(0));
    }

    // The unpack option shows only for a selection with a ZIP, and reaches the plan: only the ZIP's
    // task is to be unpacked.
    void unpackOptionOnlyForZips()
    {
        QTemporaryDir dir;
        AssetSelection plain;
        QVERIFY(plain.addItem(item("one", asset("visual", "https://h/one/visual.tif", "image/tiff", "visual", 10))));
        DownloadDialog noZip(plain, dir.path());
        QVERIFY(noZip.unpackBox()->isHidden());
        QVERIFY(!noZip.planOptions().unpackZips);

        AssetSelection bundle;
        QVERIFY(bundle.addItem(item("two",
            asset("product", "https://h/two/product.zip", "application/zip", "data", 100) + ","
                + asset("thumbnail", "https://h/two/thumb.png", "image/png", "thumbnail", 5))));
        DownloadDialog dialog(bundle, dir.path());
        QVERIFY(!dialog.unpackBox()->isHidden());
        dialog.unpackBox()->setChecked(true);
        const DownloadPlanOptions options = dialog.planOptions();
        QVERIFY(options.unpackZips);
        const DownloadPlan plan = DownloadPlanner(options).plan(dialog.selection());
        QCOMPARE(plan.tasks.size(), 2);
        for (const DownloadTask &t : plan.tasks) {
            QCOMPARE(t.unpack, t.assetKey == u"product"_s ? UnpackState::Pending : UnpackState::None);
        }
        dialog.unpackBox()->setChecked(false);
        QVERIFY(!dialog.planOptions().unpackZips);
    }

    // The include and exclude lists of an accepted dialog come back in the next one (and so
    // after a restart: they are in the settings); a cancelled dialog changes nothing.
    void filtersComeBack()
    {
        QTemporaryDir dir;
        AssetSelection selection;
        QVERIFY(selection.addItem(item("one",
            asset("visual", "https://h/one/visual.tif", "image/tiff", "visual", 10) + ","
                + asset("thumbnail", "https://h/one/t.png", "image/png", "thumbnail", 1))));
        {
            DownloadDialog first(selection, dir.path());
            first.includeEdit()->setText(u"visual, data"_s);
            first.excludeEdit()->setText(u"thumbnail"_s);
            QVERIFY(first.downloadButton()->isEnabled());
            first.downloadButton()->click();
            QCOMPARE(first.result(), int(QDialog::Accepted));
        }
        {
            DownloadDialog cancelled(selection, dir.path());
            QCOMPARE(cancelled.includeEdit()->text(), u"visual, data"_s);
            QCOMPARE(cancelled.excludeEdit()->text(), u"thumbnail"_s);
            QVERIFY(cancelled.totalsLabel()->text().startsWith(u"1 file"_s)); // applied, not just shown
            cancelled.excludeEdit()->clear();
            cancelled.reject();
        }
        {
            // "Download this file" on one asset: that key alone, and the filters stay as they were.
            DownloadDialog one(selection, dir.path());
            one.chooseOnly(u"thumbnail"_s);
            QCOMPARE(one.includeEdit()->text(), u"thumbnail"_s);
            QVERIFY(one.excludeEdit()->text().isEmpty());
            QVERIFY(one.totalsLabel()->text().startsWith(u"1 file"_s));
            one.downloadButton()->click();
            QCOMPARE(one.result(), int(QDialog::Accepted));
        }
        DownloadDialog again(selection, dir.path());
        QCOMPARE(again.includeEdit()->text(), u"visual, data"_s);
        QCOMPARE(again.excludeEdit()->text(), u"thumbnail"_s);
        again.includeEdit()->clear();
        again.excludeEdit()->clear();
        again.downloadButton()->click(); // leaves no filter behind for the other tests
    }

    void formats()
    {
        QCOMPARE(DownloadListModel::formatEta(42), u"42 s"_s);
        QCOMPARE(DownloadListModel::formatEta(125), u"2 min 05 s"_s);
        QCOMPARE(DownloadListModel::formatEta(3 * 3600 + 7 * 60), u"3 h 07 min"_s);
        QVERIFY(DownloadListModel::formatSpeed(2.5 * 1024 * 1024).endsWith(u"/s"_s));
        QVERIFY(DownloadListModel::formatSpeed(0).isEmpty());
    }

    // Files that cannot be fetched are said in the dialog, before anything is queued, and left
    // out of the totals; with none fetchable there is nothing to download.
    void dialogWarnsAboutUnfetchableFiles()
    {
        AssetSelection selection;
        QVERIFY(selection.addItem(item("one",
            asset("visual", "https://h/one/visual.tif", "image/tiff", "visual", 1000) + ","
                + asset("B04", "s3://bucket/one/B04.tif", "image/tiff", "data", 300) + ","
                + asset("analytic", "https://files.example.invalid/c/one/analytic.tif", "image/tiff", "data", 50))));
        QTemporaryDir dir;
        DownloadDialog dialog(selection, dir.path());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.warningLabel()->isVisible());
        const QString text = dialog.warningLabel()->text();
        QVERIFY2(
            text.startsWith(u"2 of the 3 chosen files cannot be downloaded and will be skipped:"_s), qPrintable(text));
        QVERIFY(text.contains(u"B04: its href is an s3:// link"_s));
        QVERIFY(text.contains(u"analytic: its host files.example.invalid is a reserved name"_s));
        QVERIFY(dialog.warningLabel()->toolTip().contains(u"one / B04"_s));
        QVERIFY(dialog.totalsLabel()->text().startsWith(u"1 file"_s));
        QVERIFY(dialog.downloadButton()->isEnabled());

        dialog.includeEdit()->setText(u"data"_s); // only the two that cannot be fetched
        QVERIFY(dialog.warningLabel()->text().startsWith(u"None of the 2 chosen files can be downloaded:"_s));
        QVERIFY(!dialog.downloadButton()->isEnabled());
        QCOMPARE(dialog.downloadButton()->toolTip(), u"None of the chosen files can be downloaded"_s);

        dialog.includeEdit()->setText(u"visual"_s);
        QVERIFY(!dialog.warningLabel()->isVisible());
        QVERIFY(dialog.downloadButton()->isEnabled());
        dialog.includeEdit()->clear();
        dialog.reject();
    }

    void dialogFiltersAndTotals()
    {
        AssetSelection selection;
        const QByteArray a = item("one",
            asset("visual", "https://h/one/visual.tif", "image/tiff; application=geotiff", "visual", 1000) + ","
                + asset("B04", "https://h/one/B04.tif", "image/tiff; application=geotiff", "data", 300) + ","
                + asset("thumbnail", "https://h/one/thumb.png", "image/png", "thumbnail", 10));
        const QByteArray b = item("two",
            asset("visual", "https://h/two/visual.tif", "image/tiff; application=geotiff", "visual", 2000) + ","
                + asset("thumbnail", "https://h/two/thumb.png", "image/png", "thumbnail", 20));
        QVERIFY(selection.addItem(a));
        QVERIFY(selection.addItem(b));

        QTemporaryDir dir;
        DownloadDialog dialog(selection, dir.path());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *keys = qobject_cast<QStandardItemModel *>(dialog.keysView()->model());
        QVERIFY(keys);
        QCOMPARE(keys->rowCount(), 3); // B04, thumbnail, visual
        auto rowOfKey = [keys](const QString &key) {
            for (int r = 0; r < keys->rowCount(); ++r) {
                if (keys->item(r, 0)->text() == key) {
                    return r;
                }
            }
            return -1;
        };
        const int visual = rowOfKey(u"visual"_s);
        const int thumbnail = rowOfKey(u"thumbnail"_s);
        QVERIFY(visual >= 0 && thumbnail >= 0);
        QCOMPARE(keys->item(visual, 4)->text(), u"2"_s); // in two items
        // Everything at first: 5 files.
        QVERIFY(dialog.totalsLabel()->text().startsWith(u"5 files"_s));
        QVERIFY(dialog.downloadButton()->isEnabled());

        // Exclude by role through the text field: both thumbnails go, the tick follows.
        QTest::keyClicks(dialog.excludeEdit(), u"thumbnail"_s);
        QCOMPARE(keys->item(thumbnail, 0)->checkState(), Qt::Unchecked);
        QVERIFY(dialog.totalsLabel()->text().startsWith(u"3 files"_s));

        // Include by media type alias; an exclusion still wins.
        QTest::keyClicks(dialog.includeEdit(), u"geotiff, png"_s);
        QVERIFY(dialog.totalsLabel()->text().startsWith(u"3 files"_s));

        // Untick "visual" in the table: it lands in the exclude list.
        keys->item(visual, 0)->setCheckState(Qt::Unchecked);
        QVERIFY(dialog.excludeEdit()->text().contains(u"visual"_s));
        QVERIFY(dialog.totalsLabel()->text().startsWith(u"1 file"_s));
        const QList<SelectedAsset> chosen = dialog.selection().selectedAssets();
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().asset.key, u"B04"_s);

        // Nothing chosen: the button says why it is off.
        dialog.excludeEdit()->setText(u"visual, thumbnail, data"_s);
        QVERIFY(!dialog.downloadButton()->isEnabled());
        QVERIFY(!dialog.downloadButton()->toolTip().isEmpty());

        // The options the caller plans with.
        dialog.excludeEdit()->clear();
        dialog.directoryEdit()->setText(dir.filePath(u"sub"_s));
        const DownloadPlanOptions options = dialog.planOptions();
        QCOMPARE(options.directory, dir.filePath(u"sub"_s));
        QCOMPARE(options.layout, DownloadLayout::PerItem);
        QCOMPARE(options.existingPolicy, ExistingFilePolicy::Fail);
        dialog.directoryEdit()->clear();
        QVERIFY(!dialog.downloadButton()->isEnabled());
    }
};

QTEST_MAIN(TestDownloadsPanel)
#include "tst_downloadspanel.moc"
