// The embedded demo catalog: registered by initDemoResources(), loadable by StaticCatalogJob from Qt
// resources, built from the same generator as the core's DemoCatalog, with a PNG thumbnail per item.
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include "resources/demoresources.h"
#include "src/demo/democatalog.h"
#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "src/stac/staticcatalogjob.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

bool waitFor(StacJob *job)
{
    if (job->isFinished())
        return true;
    QSignalSpy spy(job, &StacJob::finished);
    return spy.wait(60000);
}

} // namespace

class TestDemoResources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        initDemoResources();
        initDemoResources(); // harmless twice
    }

    void catalogIsEmbedded()
    {
        QCOMPARE(demoCatalogPath(), u":/demo/catalog.json"_s);
        QFile file(demoCatalogPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject catalog = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(catalog.value(u"type"_s).toString(), u"Catalog"_s);
        QCOMPARE(catalog.value(u"title"_s).toString(), u"StacScope demo catalog"_s);
    }

    void embeddedItemsComeFromTheGenerator()
    {
        for (int i = 0; i < DemoCatalog::EmbeddedItemCount; i += 97) {
            QFile file(u":/demo/"_s + DemoCatalog::itemPath(i));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            QCOMPARE(file.readAll(), DemoCatalog::staticItem(i));
        }
        QVERIFY(!QFile::exists(u":/demo/"_s + DemoCatalog::itemPath(DemoCatalog::EmbeddedItemCount)));
    }

    void rootUrls_data()
    {
        QTest::addColumn<QString>("pathOrUrl");
        QTest::newRow("resource file") << u":/demo/catalog.json"_s;
        QTest::newRow("resource folder") << u":/demo"_s;
        QTest::newRow("qrc URL") << u"qrc:/demo/catalog.json"_s;
        QTest::newRow("qrc folder URL") << u"qrc:/demo/"_s;
    }

    void rootUrls()
    {
        QFETCH(QString, pathOrUrl);
        QString error;
        QCOMPARE(StaticCatalogJob::rootUrlFor(pathOrUrl, &error), QUrl(u"qrc:/demo/catalog.json"_s));
        QVERIFY(error.isEmpty());
        QCOMPARE(StaticCatalogJob::pathForUrl(QUrl(u"qrc:/demo/x.png"_s)), u":/demo/x.png"_s);
        QVERIFY(StaticCatalogJob::rootUrlFor(u":/demo/missing.json"_s, &error).isEmpty());
        QVERIFY2(error.contains(u"No such file"_s), qPrintable(error));
    }

    void loadsThroughStaticCatalogJob()
    {
        ItemStore store;
        QElapsedTimer timer;
        timer.start();
        StaticCatalogJob job(&m_network, u"qrc:/demo/catalog.json"_s, &store, nullptr);
        QVERIFY(waitFor(&job));
        qDebug("loaded %d items from Qt resources in %lld ms", store.size(), timer.elapsed());
        QVERIFY2(job.isOk(), qPrintable(job.error().toString()));
        QVERIFY2(job.warnings().isEmpty(), qPrintable(job.warnings().mid(0, 5).join(u'\n')));
        QCOMPARE(job.title(), u"StacScope demo catalog"_s);
        QCOMPARE(store.size(), DemoCatalog::EmbeddedItemCount);
        QVERIFY(store.size() >= 2000);
        QCOMPARE(job.collections().size(), 3);
        QCOMPARE(store.collections().size(), 3);

        int crossing = 0;
        int polar = 0;
        for (const ItemRecord &record : store.items()) {
            crossing += record.bbox.crossesAntimeridian() ? 1 : 0;
            polar += std::abs((record.bbox.south + record.bbox.north) / 2) > 70 ? 1 : 0;
        }
        QVERIFY(crossing > 0);
        QVERIFY(polar > 0);

        // Every thumbnail href resolved, within the resources, to a PNG that decodes.
        for (const ItemRecord &record : store.items()) {
            const QUrl href(record.thumbnailHref);
            QCOMPARE(href.scheme(), u"qrc"_s);
            const QString path = StaticCatalogJob::pathForUrl(href);
            QCOMPARE(path, u":/demo/"_s + record.collection + u"/thumbnails/"_s + record.id + u".png"_s);
            QImageReader reader(path);
            QCOMPARE(reader.format(), QByteArray("png"));
            const QImage image = reader.read();
            QVERIFY2(!image.isNull(), qPrintable(path + u": "_s + reader.errorString()));
            QCOMPARE(image.size(), QSize(96, 96));
        }
    }

private:
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
};

QTEST_GUILESS_MAIN(TestDemoResources)
#include "tst_demoresources.moc"
