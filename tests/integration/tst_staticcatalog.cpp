// StaticCatalogJob over the fixture catalog (relative links), from a folder and over HTTP.
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "src/demo/democatalog.h"
#include "src/net/networkclient.h"
#include "src/providers/staticcatalogsession.h"
#include "src/stac/itemstore.h"
#include "src/stac/localsearch.h"
#include "src/stac/staticcatalogjob.h"
#include "tests/support/localhttpserver.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QString kCatalog = QStringLiteral(STACSCOPE_TEST_FIXTURES "/static-catalog");

bool waitFor(StacJob *job)
{
    if (job->isFinished()) {
        return true;
    }
    QSignalSpy spy(job, &StacJob::finished);
    return spy.wait(30000);
}

bool copyTree(const QString &from, const QString &to)
{
    QDir source(from);
    if (!QDir().mkpath(to)) {
        return false;
    }
    for (const QFileInfo &info : source.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot)) {
        const QString target = to + u'/' + info.fileName();
        if (info.isDir() ? !copyTree(info.filePath(), target) : !QFile::copy(info.filePath(), target)) {
            return false;
        }
    }
    return true;
}

} // namespace

class TestStaticCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsFolderFollowingRelativeLinks()
    {
        ItemStore store;
        StaticCatalogJob job(&m_network, kCatalog, &store, nullptr);
        QSignalSpy added(&job, &StaticCatalogJob::itemsAdded);
        QVERIFY(waitFor(&job));
        QVERIFY2(job.isOk(), qPrintable(job.error().toString()));
        QVERIFY2(job.warnings().isEmpty(), qPrintable(job.warnings().join(u'\n')));
        QCOMPARE(store.size(), 7);
        QCOMPARE(added.count(), 7);
        QCOMPARE(job.collections().size(), 2);
        QVERIFY(!job.title().isEmpty());
        // The item reached through "../sar-extra/..." and the one in a nested sub-catalog are there.
        int nairobi = -1;
        for (int i = 0; i < store.size(); ++i) {
            if (store.at(i).id.contains(u"CAPELLA"_s) && store.at(i).bbox.west > 30 && store.at(i).bbox.west < 40) {
                nairobi = i;
            }
        }
        QVERIFY(nairobi >= 0);
        // Thumbnail hrefs were relative; they now point at real files.
        for (const ItemRecord &r : store.items()) {
            if (!r.thumbnailHref.isEmpty() && QUrl(r.thumbnailHref).isLocalFile()) {
                QVERIFY2(QUrl(r.thumbnailHref).toLocalFile().startsWith(QDir(kCatalog).absolutePath()),
                    qPrintable(r.thumbnailHref));
            }
        }
        // Raw JSON kept byte for byte.
        const QByteArray raw = store.rawJson(0);
        QVERIFY(raw.startsWith('{'));
        QVERIFY(raw.endsWith('}'));
    }

    // Files are read in parallel, yet the items are stored in the catalog's link order (collections
    // as the root lists them, items as each collection lists them), the same on every load.
    void itemsInTheCatalogsOrder()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY2(DemoCatalog::writeStaticCatalog(dir.path(), 600, {}, &error), qPrintable(error));
        QStringList expected;
        for (const char *const collection : { "demo-optical", "demo-sar", "demo-archive" }) {
            for (int i = 0; i < 600; ++i) {
                const QString id = u"%1-%2"_s.arg(QLatin1StringView(collection)).arg(i, 6, 10, QLatin1Char('0'));
                if (DemoCatalog::itemId(i) == id)
                    expected.append(id);
            }
        }
        QCOMPARE(expected.size(), 600);
        for (int load = 0; load < 3; ++load) {
            ItemStore store;
            StaticCatalogJob job(&m_network, dir.path(), &store, nullptr);
            QVERIFY(waitFor(&job));
            QVERIFY(job.isOk());
            QStringList ids;
            for (int row = 0; row < store.size(); ++row)
                ids.append(store.at(row).id);
            QCOMPARE(ids, expected);
        }
    }

    // The session searches on a worker: search() returns at once, a newer search replaces one still
    // running (only its results arrive), and a canceled search delivers nothing.
    void sessionSearchesOffTheGuiThread()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY2(DemoCatalog::writeStaticCatalog(dir.path(), 900, {}, &error), qPrintable(error));
        CatalogSource source;
        source.location = dir.path();
        StaticCatalogSession session(&m_network, source);
        QSignalSpy opened(&session, &CatalogSession::opened);
        session.open();
        QVERIFY(opened.wait(20000));

        ItemStore results;
        QSignalSpy finished(&session, &CatalogSession::searchFinished);
        QSignalSpy added(&session, &CatalogSession::itemsAdded);
        SearchParameters all;
        session.search(all, 0, &results);
        QCOMPARE(finished.size(), 0); // not done on the caller's thread
        QVERIFY(session.isSearching());
        SearchParameters archive;
        archive.collections = { u"demo-archive"_s };
        session.search(archive, 0, &results);
        QVERIFY(finished.wait(20000));
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished.first().at(0).value<NetworkError>().isError());
        QCOMPARE(results.size(), 300); // every third item of 900
        for (int row = 0; row < results.size(); ++row)
            QCOMPARE(results.at(row).collection, u"demo-archive"_s);
        QVERIFY(!session.isSearching());

        finished.clear();
        added.clear();
        session.search(all, 0, &results);
        session.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).value<NetworkError>().kind, NetworkError::Kind::Canceled);
        QTest::qWait(300);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(added.size(), 0);
        QCOMPARE(results.size(), 0);
    }

    void localSearchOverTheCatalog()
    {
        ItemStore store;
        StaticCatalogJob job(&m_network, kCatalog + u"/catalog.json"_s, &store, nullptr);
        QVERIFY(waitFor(&job));
        QVERIFY(job.isOk());
        SearchParameters crossing;
        crossing.bbox = GeoBox { 175, -25, -175, -10 };
        const LocalSearch::Result fiji = LocalSearch(store).run(crossing);
        QCOMPARE(fiji.rows.size(), size_t(1));
        QVERIFY(store.at(fiji.rows[0]).bbox.crossesAntimeridian());

        SearchParameters sar;
        sar.collections = { job.collections().at(0).id, job.collections().at(1).id };
        sar.sortBy = SortField::parseList(u"-datetime"_s);
        const LocalSearch::Result sorted = LocalSearch(store).run(sar, 3);
        QCOMPARE(sorted.rows.size(), size_t(3));
        QCOMPARE(sorted.matched, qint64(6)); // the root-level item has no collection
        for (size_t i = 1; i < sorted.rows.size(); ++i) {
            QVERIFY(store.at(sorted.rows[i - 1]).datetime >= store.at(sorted.rows[i]).datetime);
        }
    }

    void loadsOverHttp()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        server.serveDirectory(u"/stac"_s, kCatalog);
        ItemStore store;
        StaticCatalogJob job(&m_network, server.url(u"/stac/catalog.json"_s).toString(), &store, nullptr);
        QVERIFY(waitFor(&job));
        QVERIFY2(job.isOk(), qPrintable(job.error().toString()));
        QCOMPARE(store.size(), 7);
        for (const ItemRecord &r : store.items()) {
            if (!r.thumbnailHref.isEmpty()) {
                QVERIFY2(r.thumbnailHref.startsWith(server.url().toString()), qPrintable(r.thumbnailHref));
            }
        }
    }

    void brokenLinksAreReportedNotFatal()
    {
        QTemporaryDir dir;
        QVERIFY(copyTree(kCatalog, dir.path()));
        // Break one item file and remove another: the rest of the catalog still loads.
        const QStringList items = QDir(dir.path() + u"/sentinel-2-demo"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(items.size() >= 3);
        int broken = 0;
        for (const QString &name : items) {
            const QString file = dir.path() + u"/sentinel-2-demo/"_s + name + u'/' + name + u".json"_s;
            if (!QFile::exists(file)) {
                continue;
            }
            if (broken == 0) {
                QFile f(file);
                QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
                f.write("{\"type\": \"Feature\", \"id\": ");
            } else if (broken == 1) {
                QVERIFY(QFile::remove(file));
            } else {
                break;
            }
            ++broken;
        }
        QCOMPARE(broken, 2);
        ItemStore store;
        StaticCatalogJob job(&m_network, dir.path(), &store, nullptr);
        QVERIFY(waitFor(&job));
        QVERIFY(job.isOk());
        QCOMPARE(store.size(), 5);
        QCOMPARE(job.warnings().size(), 2);
        QVERIFY(job.warnings().join(u'\n').contains(u"line 1"_s));
    }

    void missingCatalogIsAnError()
    {
        ItemStore store;
        StaticCatalogJob job(&m_network, u"/nonexistent/stacscope/catalog"_s, &store, nullptr);
        QVERIFY(waitFor(&job));
        QVERIFY(!job.isOk());
        QVERIFY(job.error().message.contains(u"No such file"_s));

        QTemporaryDir empty;
        StaticCatalogJob none(&m_network, empty.path(), &store, nullptr);
        QVERIFY(waitFor(&none));
        QVERIFY(none.error().message.contains(u"catalog.json"_s));
    }

    void notACatalog()
    {
        ItemStore store;
        StaticCatalogJob job(
            &m_network, QStringLiteral(STACSCOPE_TEST_FIXTURES "/stac/bad-not-stac.json"), &store, nullptr);
        QVERIFY(waitFor(&job));
        QVERIFY(!job.isOk());
        QVERIFY2(job.error().message.contains(u"not a STAC"_s), qPrintable(job.error().message));
    }

private:
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
};

QTEST_GUILESS_MAIN(TestStaticCatalog)
#include "tst_staticcatalog.moc"
