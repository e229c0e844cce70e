// The results table's thumbnails column against a loopback server serving PNGs (offscreen): only
// the rows on screen are fetched, the pictures are scaled down, and a second run (new window
// parts, same disk cache) shows them without a single request.
#include <QBuffer>
#include <QDir>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "src/models/resultsmodel.h"
#include "src/models/resultsviewproxy.h"
#include "src/net/networkclient.h"
#include "src/net/thumbnailstore.h"
#include "src/stac/itemparser.h"
#include "src/stac/itemstore.h"
#include "tests/support/httpserver.h"
#include "ui/results/columnchooser.h"
#include "ui/results/thumbnailprovider.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int kItems = 60;

QByteArray png(int i)
{
    QImage image(128, 96, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((i * 37) % 360, 200, 200));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// One table over the store with the thumbnails column, as the window builds it.
struct Table
{
    Table(ItemStore *store, NetworkClient *network, const QString &cacheDir)
        : model(store)
        , proxy(store, &model)
        , thumbnails(network, cacheDir)
        , provider(&model, store, &thumbnails)
    {
        view.setModel(&proxy);
        view.verticalHeader()->setDefaultSectionSize(20);
        chooser = std::make_unique<ColumnChooser>(&view, &model, store);
        chooser->setPropertyShown(ResultsModel::thumbnailColumn(), true);
        view.resize(700, 5 * ColumnChooser::kThumbnailRowHeight + view.horizontalHeader()->sizeHint().height() + 4);
        view.show();
    }
    // Store rows whose thumbnail cell is on screen.
    QSet<int> visibleRows() const
    {
        QSet<int> rows;
        const int first = view.rowAt(0);
        int last = view.rowAt(view.viewport()->height() - 1);
        if (last < 0) {
            last = proxy.rowCount() - 1;
        }
        for (int i = first; i >= 0 && i <= last; ++i) {
            rows.insert(proxy.mapToSource(proxy.index(i, 0)).row());
        }
        return rows;
    }

    ResultsModel model;
    ResultsViewProxy proxy;
    ThumbnailStore thumbnails;
    ThumbnailProvider provider;
    QTableView view;
    std::unique_ptr<ColumnChooser> chooser;
};

} // namespace

class TestResultsThumbnails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_server.listen());
        m_server.setHandler([](const ReceivedRequest &request, HttpServerResponse &response) {
            bool ok = false;
            const int i = request.path.section(u'/', -1).section(u'.', 0, 0).toInt(&ok);
            if (!ok || !request.path.startsWith(u"/thumbs/"_s)) {
                response.respond(404, "no", "text/plain");
                return;
            }
            response.respond(200, png(i), "image/png");
        });
        QJsonArray features;
        for (int i = 0; i < kItems; ++i) {
            features.append(QJsonObject { { u"type"_s, u"Feature"_s }, { u"stac_version"_s, u"1.0.0"_s },
                { u"id"_s, u"item-%1"_s.arg(i) }, { u"collection"_s, u"thumbs"_s },
                { u"bbox"_s, QJsonArray { 0, 0, 1, 1 } }, { u"geometry"_s, QJsonValue() },
                { u"properties"_s, QJsonObject { { u"datetime"_s, u"2024-01-01T00:00:00Z"_s } } },
                { u"links"_s, QJsonArray() },
                { u"assets"_s,
                    QJsonObject { { u"thumbnail"_s,
                        QJsonObject { { u"href"_s, m_server.url(u"/thumbs/%1.png"_s.arg(i)).toString() },
                            { u"type"_s, u"image/png"_s }, { u"roles"_s, QJsonArray { u"thumbnail"_s } } } } } } });
        }
        const QByteArray page
            = QJsonDocument(QJsonObject { { u"type"_s, u"FeatureCollection"_s }, { u"features"_s, features } })
                  .toJson();
        m_store.append(ItemParser().parsePage(page), page);
        QCOMPARE(m_store.size(), kItems);
        QVERIFY(!m_store.at(0).thumbnailHref.isEmpty());
    }

    void cleanupTestCase() { QSettings().clear(); }

    void onlyVisibleRowsThenFromTheDiskCache()
    {
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        QSet<int> firstVisible;
        {
            Table table(&m_store, &m_network, cache.path());
            QVERIFY(QTest::qWaitForWindowExposed(&table.view));
            firstVisible = table.visibleRows();
            QVERIFY(firstVisible.size() >= 3);
            QVERIFY(firstVisible.size() < kItems / 4);
            QTRY_COMPARE(table.provider.decodedCount(), int(firstVisible.size()));
            // The server saw exactly the visible rows' thumbnails, each once.
            QSet<QString> expected;
            for (int row : std::as_const(firstVisible)) {
                expected.insert(u"/thumbs/%1.png"_s.arg(row));
            }
            QSet<QString> served;
            for (const ReceivedRequest &r : m_server.requests()) {
                served.insert(r.path);
            }
            QCOMPARE(served, expected);
            QCOMPARE(m_server.requestCount(), qsizetype(firstVisible.size()));
            // Scaled down to the column's size, keeping the 4:3 shape.
            const int row0 = *std::min_element(firstVisible.begin(), firstVisible.end());
            const QImage image
                = table.model.index(row0, table.model.columnOfPropertyColumn(ResultsModel::thumbnailColumn()))
                      .data(Qt::DecorationRole)
                      .value<QImage>();
            QCOMPARE(image.size(), QSize(48, 36));
            // Written to the disk cache (on a worker).
            QTRY_COMPARE(QDir(cache.path()).entryList({ u"*.thumb"_s }, QDir::Files).size(), firstVisible.size());

            // Scrolled to the end: those rows come, not the ones in between.
            table.view.scrollToBottom();
            const QSet<int> lastVisible = table.visibleRows();
            QVERIFY(!lastVisible.intersects(firstVisible));
            QTRY_COMPARE(table.provider.decodedCount(), int(firstVisible.size() + lastVisible.size()));
            QCOMPARE(m_server.requestCount(), qsizetype(firstVisible.size() + lastVisible.size()));
        }

        // A second run: new parts, the same cache folder: no request at all.
        m_server.clearRequests();
        Table again(&m_store, &m_network, cache.path());
        QVERIFY(QTest::qWaitForWindowExposed(&again.view));
        QCOMPARE(again.visibleRows(), firstVisible);
        QTRY_COMPARE(again.provider.decodedCount(), int(firstVisible.size()));
        QCOMPARE(m_server.requestCount(), 0);
        QCOMPARE(again.thumbnails.networkRequests(), 0);
    }

    // The cache stays within its bound: the oldest files go.
    void cacheIsBounded()
    {
        QTemporaryDir cache;
        m_server.clearRequests();
        const qint64 one = png(1).size();
        ThumbnailStore store(&m_network, cache.path(), one * 4);
        int loaded = 0;
        connect(&store, &ThumbnailStore::loaded, this, [&loaded] { ++loaded; });
        for (int i = 0; i < 12; ++i) {
            store.request(m_server.url(u"/thumbs/%1.png"_s.arg(i)).toString());
        }
        QTRY_COMPARE(loaded, 12);
        QTRY_VERIFY(QDir(cache.path()).entryList({ u"*.thumb"_s }, QDir::Files).size() <= 4);
        QVERIFY(!QDir(cache.path()).entryList({ u"*.thumb"_s }, QDir::Files).isEmpty());
    }

private:
    HttpServer m_server;
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
    ItemStore m_store;
};

QTEST_MAIN(TestResultsThumbnails)
#include "tst_resultsthumbnails.moc"
