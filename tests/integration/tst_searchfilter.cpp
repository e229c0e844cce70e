// A search's filter goes to a STAC API in the encoding its conformance declares, or runs here
// when the API declares none; and a catalog session offers the API's queryables, merged.
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include "src/net/networkclient.h"
#include "src/providers/catalogsource.h"
#include "src/providers/stacapicatalogsession.h"
#include "src/stac/itemstore.h"
#include "src/stac/searchjob.h"
#include "src/stac/stacapiclient.h"
#include "tests/support/stacemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

bool waitFor(StacJob *job)
{
    if (job->isFinished()) {
        return true;
    }
    QSignalSpy spy(job, &StacJob::finished);
    return spy.wait(30000);
}

QJsonObject item(const QString &id, const QString &collection, double cloud, const QString &platform, int day)
{
    const QJsonArray ring { QJsonArray { 10, 40 }, QJsonArray { 11, 40 }, QJsonArray { 11, 41 }, QJsonArray { 10, 41 },
        QJsonArray { 10, 40 } };
    return QJsonObject { { u"type"_s, u"Feature"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, id },
        { u"collection"_s, collection }, { u"bbox"_s, QJsonArray { 10, 40, 11, 41 } },
        { u"geometry"_s,
            QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, QJsonArray { QJsonValue(ring) } } } },
        { u"properties"_s,
            QJsonObject { { u"datetime"_s, u"2024-05-%1T10:00:00Z"_s.arg(day, 2, 10, QChar(u'0')) },
                { u"eo:cloud_cover"_s, cloud }, { u"platform"_s, platform } } },
        { u"links"_s, QJsonArray {} }, { u"assets"_s, QJsonObject {} } };
}

QStringList idsOf(const ItemStore &store)
{
    QStringList ids;
    for (const ItemRecord &r : store.items()) {
        ids.append(r.id);
    }
    return ids;
}

QJsonObject cloudAtMost(double value)
{
    return QJsonObject { { u"op"_s, u"<="_s },
        { u"args"_s, QJsonArray { QJsonObject { { u"property"_s, u"eo:cloud_cover"_s } }, value } } };
}

} // namespace

class TestSearchFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        for (const auto &c : { u"optical"_s, u"other"_s }) {
            QVERIFY2(
                m_emulator.addCollection(
                    QJsonObject { { u"type"_s, u"Collection"_s }, { u"id"_s, c }, { u"stac_version"_s, u"1.0.0"_s },
                        { u"description"_s, c }, { u"license"_s, u"proprietary"_s }, { u"links"_s, QJsonArray {} },
                        { u"extent"_s,
                            QJsonObject { { u"spatial"_s,
                                              QJsonObject { { u"bbox"_s,
                                                  QJsonArray { QJsonValue(QJsonArray { -180, -90, 180, 90 }) } } } },
                                { u"temporal"_s,
                                    QJsonObject { { u"interval"_s,
                                        QJsonArray {
                                            QJsonValue(QJsonArray { QJsonValue(), QJsonValue() }) } } } } } } },
                    &error),
                qPrintable(error));
        }
        // Cloud cover by item, in the server's order (newest first): with two items a page, the
        // second page holds nothing a filter "at most 30" keeps.
        const QList<std::pair<QString, double>> items { { u"a"_s, 5 }, { u"b"_s, 15 }, { u"c"_s, 55 }, { u"d"_s, 45 },
            { u"e"_s, 25 }, { u"f"_s, 35 } };
        int day = 20;
        for (const auto &[id, cloud] : items) {
            QVERIFY2(m_emulator.addItem(item(id, u"optical"_s, cloud, u"sat-1"_s, day--), &error), qPrintable(error));
        }
        QVERIFY2(m_emulator.addItem(item(u"z"_s, u"other"_s, 1, u"sat-9"_s, 1), &error), qPrintable(error));
        QVERIFY(m_emulator.listen());
        m_network.setBaseRetryDelay(5);
    }

    void init()
    {
        m_emulator.setFilterSupport(StacEmulator::FilterSupport::Cql2);
        m_emulator.clearRequests();
    }

    void search_data()
    {
        QTest::addColumn<int>("support");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("sentAs"); // what the first request carries: "json", "text", "none"
        QTest::newRow("cql2, POST") << int(StacEmulator::FilterSupport::Cql2) << u"POST"_s << u"json"_s;
        QTest::newRow("cql2, GET") << int(StacEmulator::FilterSupport::Cql2) << u"GET"_s << u"text"_s;
        QTest::newRow("text only, GET") << int(StacEmulator::FilterSupport::Cql2TextOnly) << u"GET"_s << u"text"_s;
        QTest::newRow("no filter, POST") << int(StacEmulator::FilterSupport::None) << u"POST"_s << u"none"_s;
        QTest::newRow("no filter, GET") << int(StacEmulator::FilterSupport::None) << u"GET"_s << u"none"_s;
    }
    void search()
    {
        QFETCH(int, support);
        QFETCH(QString, method);
        QFETCH(QString, sentAs);
        m_emulator.setFilterSupport(StacEmulator::FilterSupport(support));
        StacApiClient client(&m_network, m_emulator.url());
        SearchParameters p;
        p.collections = { u"optical"_s };
        p.filter = cloudAtMost(30);
        p.limit = 2;
        p.sortBy = { SortField { u"datetime"_s, true } };
        ItemStore store;
        SearchOptions options;
        options.method = method;
        SearchJob *job = client.search(p, &store, options);
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(),
            qPrintable(job->error().toString() + u" encoding "_s + QString::number(int(job->filterPlan().encoding))
                + u" sent "_s + QString::fromUtf8(job->firstRequest().body)));
        // Whoever filtered, the same three items (cloud cover 5, 15 and 25).
        QCOMPARE(idsOf(store), (QStringList { u"a"_s, u"b"_s, u"e"_s }));

        const QByteArray body = job->firstRequest().body;
        const QUrlQuery query(job->firstRequest().url);
        const QJsonValue postedFilter = QJsonDocument::fromJson(body).object().value(u"filter"_s);
        if (sentAs == u"json"_s) {
            QCOMPARE(postedFilter.toObject(), cloudAtMost(30));
            QCOMPARE(int(job->filterPlan().encoding), int(FilterEncoding::Cql2Json));
        } else if (sentAs == u"text"_s) {
            const QString text
                = method == u"POST"_s ? postedFilter.toString() : query.queryItemValue(u"filter"_s, QUrl::FullyDecoded);
            QCOMPARE(text, u"eo:cloud_cover <= 30"_s);
            QCOMPARE(int(job->filterPlan().encoding), int(FilterEncoding::Cql2Text));
        } else {
            QVERIFY(postedFilter.isUndefined());
            QVERIFY(!query.hasQueryItem(u"filter"_s));
            QCOMPARE(int(job->filterPlan().encoding), int(FilterEncoding::Local));
            // All three pages were read, the second of which kept nothing.
            QCOMPARE(job->pages(), 3);
            QVERIFY(!job->matched().has_value()); // the server's count is before our filter
            QVERIFY(job->warnings().join(u' ').contains(u"applied here"_s, Qt::CaseInsensitive));
        }
    }

    void sessionSaysHowItFilters()
    {
        m_emulator.setFilterSupport(StacEmulator::FilterSupport::None);
        CatalogSource source;
        source.kind = CatalogSource::Kind::StacApi;
        source.location = m_emulator.url().toString();
        StacApiCatalogSession session(&m_network, source);
        QCOMPARE(int(session.filterEncoding()), int(FilterEncoding::Local)); // not open yet
        QSignalSpy opened(&session, &CatalogSession::opened);
        session.open();
        QVERIFY(opened.wait(10000));
        QCOMPARE(int(session.filterEncoding()), int(FilterEncoding::Local));
        QVERIFY(session.filterDescription().contains(u"cannot filter"_s));

        m_emulator.setFilterSupport(StacEmulator::FilterSupport::Cql2);
        StacApiCatalogSession filtering(&m_network, source);
        QSignalSpy opened2(&filtering, &CatalogSession::opened);
        filtering.open();
        QVERIFY(opened2.wait(10000));
        QCOMPARE(int(filtering.filterEncoding()), int(FilterEncoding::Cql2Json)); // the emulator prefers POST
    }

    void sessionMergesQueryables()
    {
        CatalogSource source;
        source.kind = CatalogSource::Kind::StacApi;
        source.location = m_emulator.url().toString();
        StacApiCatalogSession session(&m_network, source);
        QSignalSpy opened(&session, &CatalogSession::opened);
        session.open();
        QVERIFY(opened.wait(10000));
        QSignalSpy loaded(&session, &CatalogSession::queryablesLoaded);
        session.loadQueryables({ u"optical"_s, u"other"_s });
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().at(0).toStringList(), (QStringList { u"optical"_s, u"other"_s }));
        QVERIFY(loaded.first().at(2).toString().isEmpty());
        const Queryables q = loaded.first().at(1).value<Queryables>();
        QVERIFY(q.find(u"eo:cloud_cover"_s));
        QVERIFY(q.find(u"platform"_s));
        QCOMPARE(int(q.find(u"eo:cloud_cover"_s)->type), int(Queryable::Type::Number));
        // The root, then each collection: three schema requests.
        int schemaRequests = 0;
        for (const ReceivedRequest &r : m_emulator.requests()) {
            schemaRequests += r.target.endsWith("/queryables") ? 1 : 0;
        }
        QCOMPARE(schemaRequests, 3);
    }

private:
    StacEmulator m_emulator;
    QNetworkAccessManager m_nam;
    NetworkClient m_network { &m_nam };
};

QTEST_GUILESS_MAIN(TestSearchFilter)
#include "tst_searchfilter.moc"
