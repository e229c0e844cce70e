// MultiCatalogSearch: one search in several catalogs at once, each into its own store. Two STAC
// APIs on loopback, a static catalog on disk, an API that does not answer and a catalog no
// provider opens; the expected counts are those of the items written out below.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "src/net/networkclient.h"
#include "src/providers/multicatalogsearch.h"
#include "src/providers/providerregistry.h"
#include "src/stac/itemstore.h"
#include "tests/support/stacemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 15000;

// A square item of `half` degrees around (lon, lat).
QJsonObject item(const QString &id, double lon, double lat, double half = 0.05)
{
    const QJsonArray ring { QJsonArray { lon - half, lat - half }, QJsonArray { lon + half, lat - half },
        QJsonArray { lon + half, lat + half }, QJsonArray { lon - half, lat + half },
        QJsonArray { lon - half, lat - half } };
    return { { u"type"_s, u"Feature"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, id },
        { u"collection"_s, u"test"_s },
        { u"geometry"_s,
            QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, QJsonArray { QJsonValue(ring) } } } },
        { u"bbox"_s, QJsonArray { lon - half, lat - half, lon + half, lat + half } },
        { u"properties"_s, QJsonObject { { u"datetime"_s, u"2026-05-01T10:00:00Z"_s } } },
        { u"links"_s, QJsonArray {} }, { u"assets"_s, QJsonObject {} } };
}

QJsonObject collection()
{
    return { { u"type"_s, u"Collection"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, u"test"_s },
        { u"description"_s, u"test items"_s }, { u"license"_s, u"proprietary"_s },
        { u"extent"_s,
            QJsonObject {
                { u"spatial"_s,
                    QJsonObject { { u"bbox"_s, QJsonArray { QJsonValue(QJsonArray { -180, -90, 180, 90 }) } } } },
                { u"temporal"_s,
                    QJsonObject { { u"interval"_s,
                        QJsonArray { QJsonValue(QJsonArray { u"2026-01-01T00:00:00Z"_s, QJsonValue() }) } } } } } },
        { u"links"_s, QJsonArray {} } };
}

// The target: a 1° square around (10.5, 45.5).
SearchParameters overTarget()
{
    SearchParameters p;
    const QJsonArray ring { QJsonArray { 10.0, 45.0 }, QJsonArray { 11.0, 45.0 }, QJsonArray { 11.0, 46.0 },
        QJsonArray { 10.0, 46.0 }, QJsonArray { 10.0, 45.0 } };
    p.intersects = Geometry::fromGeoJson(
        QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, QJsonArray { QJsonValue(ring) } } });
    p.limit = 2; // several pages
    return p;
}

bool writeJson(const QString &path, const QJsonObject &json)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(json).toJson()) > 0;
}

CatalogSource api(const QString &name, const QUrl &url)
{
    CatalogSource s;
    s.kind = CatalogSource::Kind::StacApi;
    s.name = name;
    s.location = url.toString();
    return s;
}

} // namespace

class TestMultiCatalogSearch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
    std::unique_ptr<NetworkClient> m_network;
    std::unique_ptr<ProviderRegistry> m_registry;
    StacEmulator m_first;
    StacEmulator m_second;
    CatalogSource m_static;
    QUrl m_deadUrl;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_network = std::make_unique<NetworkClient>(&m_nam);
        m_registry = ProviderRegistry::createDefault();
        QVERIFY(m_first.addCollection(collection()));
        QVERIFY(m_second.addCollection(collection()));
        // First API: three over the target, two far away.
        for (const QJsonObject &i : { item(u"a1"_s, 10.2, 45.2), item(u"a2"_s, 10.5, 45.5), item(u"a3"_s, 10.98, 45.98),
                 item(u"a-far1"_s, -70.0, -33.0), item(u"a-far2"_s, 139.7, 35.7) }) {
            QVERIFY(m_first.addItem(i));
        }
        // Second API: one over the target (overlapping its edge), one far away.
        QVERIFY(m_second.addItem(item(u"b1"_s, 9.97, 45.5)));
        QVERIFY(m_second.addItem(item(u"b-far"_s, 2.35, 48.85)));
        QVERIFY(m_first.listen());
        QVERIFY(m_second.listen());

        // A static catalog: one item over the target, one far away.
        const QString folder = m_dir.filePath(u"static"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(writeJson(folder + u"/s1.json"_s, item(u"s1"_s, 10.5, 45.9)));
        QVERIFY(writeJson(folder + u"/s-far.json"_s, item(u"s-far"_s, -3.7, 40.4)));
        QVERIFY(writeJson(folder + u"/catalog.json"_s,
            QJsonObject { { u"type"_s, u"Catalog"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, u"local"_s },
                { u"description"_s, u"two items"_s },
                { u"links"_s,
                    QJsonArray { QJsonObject { { u"rel"_s, u"item"_s }, { u"href"_s, u"./s1.json"_s } },
                        QJsonObject { { u"rel"_s, u"item"_s }, { u"href"_s, u"./s-far.json"_s } } } } }));
        m_static.kind = CatalogSource::Kind::StaticCatalog;
        m_static.name = u"On disk"_s;
        m_static.location = folder + u"/catalog.json"_s;

        // An API nobody answers: a port that was free a moment ago.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        m_deadUrl = QUrl(u"http://127.0.0.1:%1/"_s.arg(probe.serverPort()));
        probe.close();
    }

    void everyCatalogIntoItsOwnStore()
    {
        CatalogSource unknown = api(u"Nobody's"_s, QUrl(u"http://127.0.0.1:9/"_s));
        unknown.provider = u"no-such-provider"_s;
        MultiCatalogSearch search(m_registry.get(), m_network.get());
        QSignalSpy finished(&search, &MultiCatalogSearch::finished);
        search.start({ api(u"First"_s, m_first.url()), api(u"Second"_s, m_second.url()), m_static,
                         api(u"Dead"_s, m_deadUrl), unknown },
            overTarget(), 0);
        QVERIFY(search.isRunning());
        QCOMPARE(search.catalogCount(), 5);
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!search.isRunning());

        using State = CatalogSearchStatus::State;
        QCOMPARE(search.status(0).state, State::Done);
        QCOMPARE(search.status(0).returned, 3);
        QCOMPARE(search.results(0).size(), 3);
        QStringList ids;
        for (const ItemRecord &r : search.results(0).items()) {
            ids.append(r.id);
        }
        ids.sort();
        QCOMPARE(ids, QStringList({ u"a1"_s, u"a2"_s, u"a3"_s }));
        QCOMPARE(search.status(0).source.name, u"First"_s);
        QCOMPARE(search.status(1).state, State::Done);
        QCOMPARE(search.status(1).returned, 1);
        QCOMPARE(search.results(1).at(0).id, u"b1"_s);
        QCOMPARE(search.status(2).state, State::Done);
        QCOMPARE(search.status(2).returned, 1);
        QCOMPARE(search.results(2).at(0).id, u"s1"_s);
        // One failing catalog does not stop the others, and says why.
        QCOMPARE(search.status(3).state, State::Failed);
        QCOMPARE(search.status(3).error.kind, NetworkError::Kind::Network);
        QCOMPARE(search.status(3).returned, 0);
        QCOMPARE(search.status(4).state, State::Failed);
        QCOMPARE(search.status(4).error.message, u"No provider opens \"Nobody's\" (no-such-provider)"_s);
        QCOMPARE(search.totalReturned(), 5);
        for (int i = 0; i < 4; ++i) {
            QVERIFY2(search.status(i).elapsedMs >= 0, qPrintable(QString::number(i)));
        }
    }

    void capsItemsPerCatalog()
    {
        MultiCatalogSearch search(m_registry.get(), m_network.get());
        QSignalSpy finished(&search, &MultiCatalogSearch::finished);
        search.start({ api(u"First"_s, m_first.url()) }, overTarget(), 2);
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(search.status(0).state, CatalogSearchStatus::State::Done);
        QCOMPARE(search.status(0).returned, 2);
    }

    void atMostMaxParallelAtOnce()
    {
        MultiCatalogSearch search(m_registry.get(), m_network.get());
        search.setMaxParallel(2);
        int most = 0;
        connect(&search, &MultiCatalogSearch::catalogChanged, this, [&] {
            int now = 0;
            for (int i = 0; i < search.catalogCount(); ++i) {
                now += search.status(i).state == CatalogSearchStatus::State::Searching ? 1 : 0;
            }
            most = qMax(most, now);
        });
        QSignalSpy finished(&search, &MultiCatalogSearch::finished);
        search.start({ api(u"First"_s, m_first.url()), api(u"Second"_s, m_second.url()), m_static,
                         api(u"First again"_s, m_first.url()) },
            overTarget(), 0);
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(most, 2);
        QCOMPARE(search.totalReturned(), 3 + 1 + 1 + 3);
    }

    void cancelAndSupersede()
    {
        MultiCatalogSearch search(m_registry.get(), m_network.get());
        QSignalSpy finished(&search, &MultiCatalogSearch::finished);
        search.start({ api(u"First"_s, m_first.url()), api(u"Second"_s, m_second.url()) }, overTarget(), 0);
        // A new start supersedes the first run: only the second one finishes.
        search.start({ api(u"Second"_s, m_second.url()) }, overTarget(), 0);
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(search.catalogCount(), 1);
        QCOMPARE(search.status(0).returned, 1);

        finished.clear();
        search.start({ api(u"First"_s, m_first.url()), api(u"Second"_s, m_second.url()) }, overTarget(), 0);
        QTest::qWait(0);
        search.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!search.isRunning());
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(search.status(i).state, CatalogSearchStatus::State::Canceled);
        }
        QVERIFY(!finished.wait(300)); // nothing more after a cancel
    }

    void mergedIntoOneStore()
    {
        ItemStore merged;
        MultiCatalogSearch search(m_registry.get(), m_network.get());
        search.setMergedStore(&merged);
        QSignalSpy added(&search, &MultiCatalogSearch::mergedItemsAdded);
        QSignalSpy finished(&search, &MultiCatalogSearch::finished);
        // The same API twice: its items are kept once per catalog, not merged away as duplicates.
        search.start({ api(u"First"_s, m_first.url()), m_static, api(u"Dead"_s, m_deadUrl),
                         api(u"First again"_s, m_first.url()) },
            overTarget(), 0);
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(merged.size(), 3 + 1 + 3);
        int announced = 0;
        for (const QList<QVariant> &signal : std::as_const(added)) {
            QCOMPARE(signal.at(0).toInt(), announced); // consecutive, from the first row
            announced += signal.at(1).toInt();
        }
        QCOMPARE(announced, 7);
        QMap<QString, QStringList> idsByCatalog;
        for (int row = 0; row < merged.size(); ++row) {
            const QJsonObject item = QJsonDocument::fromJson(merged.rawJson(row)).object();
            const QString catalog = item[u"properties"_s][u"stacscope:catalog"_s].toString();
            idsByCatalog[catalog].append(merged.at(row).id);
            const QStringList names { u"First"_s, u"On disk"_s, u"Dead"_s, u"First again"_s };
            QCOMPARE(names.value(merged.origin(row)), catalog);
            QCOMPARE(item[u"properties"_s][u"datetime"_s].toString(), u"2026-05-01T10:00:00Z"_s);
        }
        for (QStringList &ids : idsByCatalog) {
            ids.sort();
        }
        const QMap<QString, QStringList> expected { { u"First"_s, { u"a1"_s, u"a2"_s, u"a3"_s } },
            { u"On disk"_s, { u"s1"_s } }, { u"First again"_s, { u"a1"_s, u"a2"_s, u"a3"_s } } };
        QCOMPARE(idsByCatalog, expected);

        // One catalog alone: the items as the server sent them, origin 0.
        search.start({ api(u"Second"_s, m_second.url()) }, overTarget(), 0);
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(merged.size(), 1);
        QCOMPARE(merged.origin(0), 0);
        QVERIFY(!merged.rawJson(0).contains("stacscope:catalog"));
        QCOMPARE(merged.rawJson(0), search.results(0).rawJson(0));
    }

    void catalogPropertyInserted_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("catalog");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("first member")
            << QByteArray(R"({"id":"x","properties":{"datetime":null},"assets":{}})") << u"A"_s
            << QByteArray(R"({"id":"x","properties":{"stacscope:catalog":"A","datetime":null},"assets":{}})");
        QTest::newRow("empty properties, spaces kept")
            << QByteArray("{ \"properties\" : {  }, \"id\": 1.50 }") << u"B"_s
            << QByteArray("{ \"properties\" : {\"stacscope:catalog\":\"B\"  }, \"id\": 1.50 }");
        // (Plain literals: moc reads raw strings that hold \" wrongly.)
        QTest::newRow("nested and quoted decoys")
            << QByteArray("{\"a\":{\"properties\":{}},\"b\":\"\\\"properties\\\":{\",\"properties\":{\"x\":1}}")
            << u"C"_s
            << QByteArray("{\"a\":{\"properties\":{}},\"b\":\"\\\"properties\\\":{\",\"properties\":{"
                          "\"stacscope:catalog\":\"C\",\"x\":1}}");
        QTest::newRow("name escaped") << QByteArray("{\"properties\":{\"x\":1}}") << u"My \"best\" \\ one"_s
                                      << QByteArray("{\"properties\":{\"stacscope:catalog\":\"My \\\"best\\\" \\\\ "
                                                    "one\",\"x\":1}}");
        QTest::newRow("properties null") << QByteArray(R"({"properties":null,"id":"x"})") << u"A"_s
                                         << QByteArray(R"({"properties":null,"id":"x"})");
        QTest::newRow("a value spelled properties")
            << QByteArray(R"({"type":"properties","properties":{"y":[1,{"z":2}]}})") << u"A"_s
            << QByteArray(R"({"type":"properties","properties":{"stacscope:catalog":"A","y":[1,{"z":2}]}})");
    }

    void catalogPropertyInserted()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, catalog);
        QFETCH(QByteArray, expected);
        QCOMPARE(MultiCatalogSearch::withCatalogProperty(json, catalog), expected);
    }

    void parametersPerCatalog()
    {
        MultiCatalogSearch search(m_registry.get(), m_network.get());
        QSignalSpy finished(&search, &MultiCatalogSearch::finished);
        SearchParameters onlyA2 = overTarget();
        onlyA2.ids = { u"a2"_s };
        search.start({ api(u"First"_s, m_first.url()), api(u"Second"_s, m_second.url()) },
            QList<SearchParameters> { onlyA2, overTarget() }, 0);
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(search.status(0).returned, 1);
        QCOMPARE(search.results(0).at(0).id, u"a2"_s);
        QCOMPARE(search.status(1).returned, 1);
        QCOMPARE(search.results(1).at(0).id, u"b1"_s);
    }

    void noCatalogs()
    {
        MultiCatalogSearch search(m_registry.get(), m_network.get());
        QSignalSpy finished(&search, &MultiCatalogSearch::finished);
        search.start({}, overTarget(), 0);
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(search.catalogCount(), 0);
        QCOMPARE(search.totalReturned(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMultiCatalogSearch)
#include "tst_multicatalogsearch.moc"
