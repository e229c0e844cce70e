// QuicklookLoader with http thumbnails from a loopback server: fetched without blocking, decoded
// on a worker and handed to the layer; bytes that are not an image fail; deselecting cancels.
#include <QBuffer>
#include <QImage>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "tests/support/localhttpserver.h"
#include "ui/map/quicklooklayer.h"
#include "ui/map/quicklookloader.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

QByteArray png(const QSize &size, const QColor &color)
{
    QImage image(size, QImage::Format_ARGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

void add(ItemStore &store, const QString &id, const QString &href)
{
    ItemRecord record;
    record.id = id;
    record.collection = u"optical"_s;
    record.bbox = { 10, 10, 30, 30 };
    record.hasBbox = true;
    record.footprint = Geometry::fromBox(record.bbox);
    record.thumbnailHref = href;
    QVERIFY(store.append(std::move(record), "{}"));
}

} // namespace

class TestQuicklookLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void httpThumbnailsDecodeOnAWorker()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        server.addRoute(u"/big.png"_s, LocalHttpServer::Response::make(200, png({ 2048, 1024 }, Qt::red), "image/png"));
        server.addRoute(u"/broken.png"_s, LocalHttpServer::Response::make(200, "not an image", "image/png"));
        server.addRoute(
            u"/slow.png"_s, LocalHttpServer::Response::make(200, png({ 64, 64 }, Qt::blue), "image/png").delayed(5000));

        ItemStore store;
        add(store, u"big"_s, server.url(u"/big.png"_s).toString());
        add(store, u"broken"_s, server.url(u"/broken.png"_s).toString());
        add(store, u"slow"_s, server.url(u"/slow.png"_s).toString());
        QNetworkAccessManager manager;
        NetworkClient network(&manager);
        QuicklookLayer layer;
        QuicklookLoader loader(&store, &network, &layer);
        QSignalSpy loaded(&loader, &QuicklookLoader::loaded);
        QSignalSpy failed(&loader, &QuicklookLoader::failed);

        loader.setRows({ 0, 1 });
        QCOMPARE(loader.pendingCount(), 2);
        QVERIFY(layer.items().isEmpty());
        QTRY_COMPARE(loaded.count(), 1);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(loaded.first().first().toInt(), 0);
        QCOMPARE(failed.first().first().toInt(), 1);
        QCOMPARE(loader.pendingCount(), 0);
        QCOMPARE(layer.items().size(), 1);
        // Scaled down on the worker to the longest side kept.
        QCOMPARE(layer.items().first().image.size(), QSize(QuicklookLoader::kMaxSide, QuicklookLoader::kMaxSide / 2));
        QCOMPARE(layer.items().first().image.format(), QImage::Format_ARGB32_Premultiplied);
        QVERIFY(loader.isCached(store.at(0).thumbnailHref));

        // Deselected while under way: cancelled, nothing arrives later.
        loader.setRows({ 2 });
        QCOMPARE(loader.pendingCount(), 1);
        loader.setRows({ 0 });
        QCOMPARE(loader.pendingCount(), 0);
        QCOMPARE(layer.items().size(), 1); // from the cache
        QCOMPARE(loaded.count(), 1);
    }
};

QTEST_MAIN(TestQuicklookLoader)
#include "tst_quicklookloader.moc"
