// "Download products..." on the Tasks dock's Capella page, against the Capella emulator, as seed
// 003's download_products(tasking_request_id=...) and download_products(collect_id=...): the
// products of a completed request's collects are ordered once, after the review dialog's Submit,
// then queued from the download dialog; a second time the active order is found and nothing is
// ordered; a request or collect with nothing delivered says so.
#include <memory>

#include <QCheckBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include "src/download/downloadmanager.h"
#include "tests/support/capellaemulator.h"
#include "tests/ui/capellatasksharness.h"
#include "ui/common/messagebar.h"
#include "ui/orders/orderdownloaddialog.h"
#include "ui/orders/orderreviewdialog.h"
#include "ui/tasks/capellacollectsmodel.h"
#include "ui/tasks/capellarequestsmodel.h"
#include "ui/tasks/capellataskspanel.h"
#include "ui/tasks/taskspanel.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// Pre-approved: submitted at +60 s, completed 600 s later.
constexpr int kCompleted = CapellaEmulator::ReviewAfter + CapellaEmulator::CompletedAfter + 5;

QStringList collectIdsOf(CapellaEmulator *emulator, const QString &requestId)
{
    QStringList ids;
    for (const QJsonValue &c : emulator->collects(requestId)) {
        ids.append(c.toObject().value(u"collectId"_s).toString());
    }
    return ids;
}

// The catalog's products of these collects, by product type ("" for all), sorted.
QStringList productsOf(CapellaEmulator *emulator, const QStringList &collectIds, const QString &type = {})
{
    QStringList ids;
    for (const QJsonObject &item : emulator->items()) {
        const QJsonObject p = item.value(u"properties"_s).toObject();
        if (collectIds.contains(p.value(u"capella:collect_id"_s).toString())
            && (type.isEmpty() || p.value(u"sar:product_type"_s).toString() == type)) {
            ids.append(item.value(u"id"_s).toString());
        }
    }
    ids.sort();
    return ids;
}

QStringList granulesShown(OrderReviewDialog *dialog)
{
    QStringList ids;
    for (int i = 0; i < dialog->granulesView()->topLevelItemCount(); ++i) {
        ids.append(dialog->granulesView()->topLevelItem(i)->text(0));
    }
    ids.sort();
    return ids;
}

// POST /orders itself, not /orders/review.
int orderPosts(CapellaEmulator *emulator)
{
    int n = 0;
    for (const ReceivedRequest &r : receivedRequests(emulator, "POST", u"/orders"_s)) {
        n += r.path == u"/orders"_s ? 1 : 0;
    }
    return n;
}

} // namespace

class TestCapellaTasksDownload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_h = std::make_unique<CapellaTasksHarness>();
        QVERIFY(m_h->isListening());
    }

    void cleanup() { m_h.reset(); }

    void requestProductsAreOrderedOnceThenQueued()
    {
        CapellaEmulator *emulator = m_h->emulator();
        const QString id = m_h->createTasking(u"Port of Lisbon"_s, true);
        QVERIFY(!id.isEmpty());
        emulator->advanceClock(kCompleted);
        QCOMPARE(emulator->taskingRequest(id).value(u"properties"_s).toObject().value(u"transactionStatus"_s),
            u"completed"_s);
        const QStringList collects = collectIdsOf(emulator, id);
        QCOMPARE(collects.size(), 1);
        const QStringList products = productsOf(emulator, collects);
        const QStringList geo = productsOf(emulator, collects, u"GEO"_s);
        QCOMPARE(products.size(), 2); // GEO and SLC
        QCOMPARE(geo.size(), 1);

        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        selectRows(capella, { capella->requestsModel()->rowOf(id) });
        QVERIFY(capella->downloadRequestButton()->isEnabled());
        emulator->clearRequests();

        // No active order holds them: the review dialog, and nothing ordered before its Submit.
        QSignalSpy reviewOpened(capella, &CapellaTasksPanel::reviewDialogOpened);
        QSignalSpy downloadOpened(capella, &CapellaTasksPanel::downloadDialogOpened);
        QTest::mouseClick(capella->downloadRequestButton(), Qt::LeftButton);
        QVERIFY(!capella->downloadRequestButton()->isEnabled()); // one at a time
        QVERIFY(reviewOpened.wait(10000));
        OrderReviewDialog *review = capella->reviewDialog();
        QVERIFY(review);
        QVERIFY(review->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(review->state(), OrderReviewDialog::State::Ready, 10000);
        QCOMPARE(granulesShown(review), products);
        QCOMPARE(orderPosts(emulator), 0);
        QCOMPARE(emulator->orderSubmissions(), 0);

        QTest::mouseClick(review->submitButton(), Qt::LeftButton);
        QVERIFY(downloadOpened.wait(10000));
        QCOMPARE(emulator->orderSubmissions(), 1);
        QCOMPARE(orderPosts(emulator), 1);
        QList<ReceivedRequest> posts;
        for (const ReceivedRequest &r : receivedRequests(emulator, "POST", u"/orders"_s)) {
            if (r.path == u"/orders"_s) {
                posts.append(r);
            }
        }
        QStringList ordered;
        for (const QJsonValue &v : bodyOf(posts.first()).value(u"items"_s).toArray()) {
            ordered.append(v.toObject().value(u"granuleId"_s).toString());
        }
        ordered.sort();
        QCOMPARE(ordered, products);
        const QString orderId = emulator->orderIds().value(0);
        QVERIFY(!orderId.isEmpty());
        QTRY_VERIFY(!capella->reviewDialog()); // closed once the order was placed
        QVERIFY2(capella->messageBar()->text().contains(u"Order %1 placed"_s.arg(orderId)),
            qPrintable(capella->messageBar()->text()));

        // The download dialog: GEO only, the image and the metadata, into a folder of the test's.
        OrderDownloadDialog *dialog = capella->downloadDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->orderId(), orderId);
        QVERIFY(dialog->productTypeCheck(u"SLC"_s));
        dialog->productTypeCheck(u"SLC"_s)->setChecked(false);
        QTest::keyClicks(dialog->includeEdit(), u"raster, metadata"_s);
        const QString folder = m_h->tempPath(u"tasking"_s);
        dialog->directoryEdit()->setText(folder);
        QSignalSpy queued(capella, &CapellaTasksPanel::downloadQueued);
        QTest::mouseClick(dialog->queueButton(), Qt::LeftButton);
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.first().first().toInt(), 2);
        const QList<qint64> tasks = m_h->downloads()->order();
        QCOMPARE(tasks.size(), 2);
        QUrl presign = emulator->apiUrl();
        presign.setPath(u"/orders/%1/download"_s.arg(orderId));
        const QString g = geo.first();
        QStringList targets;
        for (qint64 task : tasks) {
            const DownloadTask t = m_h->downloads()->task(task);
            QCOMPARE(t.url, presign);
            QVERIFY(t.linkFromProvider);
            QCOMPARE(t.itemId, g);
            targets.append(t.targetPath);
        }
        targets.sort();
        QCOMPARE(targets, QStringList({ folder + u"/%1/%1.tif"_s.arg(g), folder + u"/%1/%1_extended.json"_s.arg(g) }));
        QVERIFY2(capella->messageBar()->text().contains(u"Queued 2 files of order %1"_s.arg(orderId)),
            qPrintable(capella->messageBar()->text()));

        // Again: the active order holds them all; no review, no second order.
        QTRY_VERIFY(!capella->isDownloadBusy());
        QVERIFY(capella->downloadRequestButton()->isEnabled());
        emulator->clearRequests();
        QTest::mouseClick(capella->downloadRequestButton(), Qt::LeftButton);
        QVERIFY(downloadOpened.wait(10000));
        QCOMPARE(reviewOpened.size(), 1);
        QVERIFY(!capella->reviewDialog());
        QCOMPARE(emulator->orderSubmissions(), 1);
        QCOMPARE(receivedRequests(emulator, "POST", u"/orders"_s).size(), 0); // neither a review nor an order
        QVERIFY(capella->downloadDialog());
        QCOMPARE(capella->downloadDialog()->orderId(), orderId);
        QVERIFY2(capella->messageBar()->text().contains(u"The active order %1 already holds"_s.arg(orderId)),
            qPrintable(capella->messageBar()->text()));
        capella->downloadDialog()->reject();
        QTRY_VERIFY(!capella->isDownloadBusy());
        QCOMPARE(m_h->downloads()->order().size(), 2);
    }

    void collectProductsAndNothingYet()
    {
        CapellaEmulator *emulator = m_h->emulator();
        const QString done = m_h->createTasking(u"Port of Lisbon"_s, true);
        QVERIFY(!done.isEmpty());
        emulator->advanceClock(kCompleted);
        // Active, its collect predicted: nothing is delivered yet.
        const QString pending = m_h->createTasking(u"Tagus bridge"_s, true);
        QVERIFY(!pending.isEmpty());
        emulator->advanceClock(CapellaEmulator::ReviewAfter + CapellaEmulator::ActiveAfter + 5);
        QCOMPARE(emulator->collects(pending).size(), 1);

        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        QCOMPARE(capella->requestsModel()->rowCount(), 2);
        emulator->clearRequests();
        selectRows(capella, { capella->requestsModel()->rowOf(pending) });
        QVERIFY(capella->downloadRequestButton()->isEnabled());
        QSignalSpy stopped(capella, &CapellaTasksPanel::downloadStopped);
        QSignalSpy reviewOpened(capella, &CapellaTasksPanel::reviewDialogOpened);
        QTest::mouseClick(capella->downloadRequestButton(), Qt::LeftButton);
        QVERIFY(stopped.wait(10000));
        QCOMPARE(capella->messageBar()->level(), MessageBar::Level::Info);
        QVERIFY2(capella->messageBar()->text().startsWith(
                     u"Nothing to download yet from the tasking request \"Tagus bridge\": no collect is delivered "
                     "(status: Predicted)."_s),
            qPrintable(capella->messageBar()->text()));
        QCOMPARE(reviewOpened.size(), 0);
        QCOMPARE(receivedRequests(emulator, "POST", u"/orders"_s).size(), 0);
        QCOMPARE(receivedRequests(emulator, "GET", u"/orders"_s).size(), 0);
        QVERIFY(!capella->isDownloadBusy());

        // The completed request's collect, from the Collects tab: its two products to review.
        QSignalSpy collectsLoaded(capella, &CapellaTasksPanel::collectsLoaded);
        selectRows(capella, { capella->requestsModel()->rowOf(done) });
        QVERIFY(collectsLoaded.wait(10000));
        QCOMPARE(capella->collectsModel()->rowCount(), 1);
        QVERIFY(!capella->downloadCollectsButton()->isEnabled());
        capella->collectsView()->selectionModel()->select(
            capella->collectsModel()->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QStringList collects = collectIdsOf(emulator, done);
        QCOMPARE(capella->selectedCollectIds(), collects);
        QVERIFY(capella->downloadCollectsButton()->isEnabled());
        QTest::mouseClick(capella->downloadCollectsButton(), Qt::LeftButton);
        QVERIFY(reviewOpened.wait(10000));
        OrderReviewDialog *review = capella->reviewDialog();
        QVERIFY(review);
        QTRY_COMPARE_WITH_TIMEOUT(review->state(), OrderReviewDialog::State::Ready, 10000);
        QCOMPARE(granulesShown(review), productsOf(emulator, collects));
        // Cancel: nothing ordered, and said so.
        QTest::mouseClick(review->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY(!capella->isDownloadBusy());
        QCOMPARE(emulator->orderSubmissions(), 0);
        QCOMPARE(orderPosts(emulator), 0);
        QVERIFY2(
            capella->messageBar()->text().startsWith(u"Nothing was ordered for the collect %1"_s.arg(collects.first())),
            qPrintable(capella->messageBar()->text()));
        QVERIFY(capella->downloadCollectsButton()->isEnabled());
    }

    void screenshot()
    {
        const QString folder = qEnvironmentVariable("STACSCOPE_SCREENSHOTS");
        if (folder.isEmpty()) {
            QSKIP("Set STACSCOPE_SCREENSHOTS to a folder to write the screenshot of the Collects tab");
        }
        QVERIFY(QDir().mkpath(folder));
        const QString id = m_h->createTasking(u"Lisbon bridges"_s, true);
        m_h->emulator()->advanceClock(kCompleted);
        CapellaTasksPanel *capella = m_h->openPanel();
        QVERIFY(capella);
        m_h->panel()->resize(1600, 330);
        QSignalSpy collects(capella, &CapellaTasksPanel::collectsLoaded);
        selectRows(capella, { capella->requestsModel()->rowOf(id) });
        QVERIFY(collects.wait());
        capella->detailsTabs()->setCurrentIndex(1);
        capella->collectsView()->selectionModel()->select(
            capella->collectsModel()->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTest::qWait(100);
        QVERIFY(m_h->panel()->grab().save(QDir(folder).filePath(u"capella-collects.png"_s)));
    }

private:
    std::unique_ptr<CapellaTasksHarness> m_h;
};

QTEST_MAIN(TestCapellaTasksDownload)
#include "tst_capellatasksdownload.moc"
