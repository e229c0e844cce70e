// The loopback test servers themselves: StacEmulator (STAC API behaviour, paging styles, errors,
// switches), LocalHttpServer (ranges, redirects, byte-level delivery quirks) and HttpServer's
// protocol handling, all through a plain QNetworkAccessManager or a raw socket.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "tests/support/httpserver.h"
#include "tests/support/localhttpserver.h"
#include "tests/support/stacemulator.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

constexpr int WaitMs = 15000;

struct Result
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QUrl url;
    int pieces = 0; // readyRead signals that brought data

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QStringList ids() const
    {
        QStringList ids;
        const QJsonArray features = json().value("features"_L1).toArray();
        for (const QJsonValue &feature : features)
            ids.append(feature.toObject().value("id"_L1).toString());
        return ids;
    }
    QJsonObject link(const QString &rel) const
    {
        const QJsonArray links = json().value("links"_L1).toArray();
        for (const QJsonValue &entry : links) {
            if (entry.toObject().value("rel"_L1).toString() == rel)
                return entry.toObject();
        }
        return {};
    }
};

QJsonArray polygonFromBox(double west, double south, double east, double north)
{
    return QJsonArray { QJsonValue(QJsonArray { QJsonArray { west, south }, QJsonArray { east, south },
        QJsonArray { east, north }, QJsonArray { west, north }, QJsonArray { west, south } }) };
}

QJsonObject makeItem(
    const QString &id, const QString &collection, const QJsonArray &bbox, const QJsonObject &properties)
{
    const double west = bbox.at(0).toDouble();
    const double south = bbox.at(1).toDouble();
    const double east = bbox.at(2).toDouble();
    const double north = bbox.at(3).toDouble();
    QJsonObject geometry;
    if (west > east) {
        // Split at the antimeridian as RFC 7946 asks.
        geometry = QJsonObject { { "type"_L1, u"MultiPolygon"_s },
            { "coordinates"_L1,
                QJsonArray { polygonFromBox(west, south, 180, north), polygonFromBox(-180, south, east, north) } } };
    } else {
        geometry = QJsonObject { { "type"_L1, u"Polygon"_s },
            { "coordinates"_L1, polygonFromBox(west, south, east, north) } };
    }
    QJsonObject item {
        { "type"_L1, u"Feature"_s },
        { "stac_version"_L1, u"1.0.0"_s },
        { "id"_L1, id },
        { "bbox"_L1, bbox },
        { "geometry"_L1, geometry },
        { "properties"_L1, properties },
        { "assets"_L1,
            QJsonObject { { "thumbnail"_L1,
                QJsonObject { { "href"_L1, u"https://example.invalid/%1.png"_s.arg(id) },
                    { "roles"_L1, QJsonArray { u"thumbnail"_s } } } } } },
        { "links"_L1,
            QJsonArray { QJsonObject { { "rel"_L1, u"self"_s }, { "href"_L1, u"https://old.invalid/self"_s } },
                QJsonObject { { "rel"_L1, u"license"_s }, { "href"_L1, u"https://example.invalid/license"_s } } } },
    };
    if (!collection.isEmpty())
        item.insert("collection"_L1, collection);
    return item;
}

QJsonObject makeCollection(const QString &id)
{
    return QJsonObject {
        { "type"_L1, u"Collection"_s },
        { "stac_version"_L1, u"1.0.0"_s },
        { "id"_L1, id },
        { "description"_L1, u"test collection %1"_s.arg(id) },
        { "license"_L1, u"proprietary"_s },
        { "extent"_L1,
            QJsonObject {
                { "spatial"_L1,
                    QJsonObject { { "bbox"_L1, QJsonArray { QJsonValue(QJsonArray { -180, -90, 180, 90 }) } } } },
                { "temporal"_L1,
                    QJsonObject {
                        { "interval"_L1, QJsonArray { QJsonValue(QJsonArray { QJsonValue(), QJsonValue() }) } } } } } },
        { "links"_L1, QJsonArray { QJsonObject { { "rel"_L1, u"self"_s }, { "href"_L1, u"./collection.json"_s } } } },
    };
}

// 25 items in "alpha" along a line of latitude 40, one per day in January 2023; 5 items in
// "beta" around the antimeridian and the equator; one item without a collection.
QByteArray alphaItems()
{
    QJsonArray features;
    for (int i = 0; i < 25; ++i) {
        const QJsonObject properties {
            { "datetime"_L1, u"2023-01-%1T10:00:00Z"_s.arg(i + 1, 2, 10, QChar(u'0')) },
            { "eo:cloud_cover"_L1, i * 4 },
            { "platform"_L1, i % 2 == 0 ? u"sat-A"_s : u"sat-B"_s },
            { "gsd"_L1, 0.5 },
        };
        features.append(makeItem(
            u"a%1"_s.arg(i, 2, 10, QChar(u'0')), u"alpha"_s, QJsonArray { 10 + i, 40, 10.5 + i, 40.5 }, properties));
    }
    return QJsonDocument(QJsonObject { { "type"_L1, u"FeatureCollection"_s }, { "features"_L1, features } }).toJson();
}

QByteArray betaItems()
{
    const auto at = [](const QString &datetime) {
        return QJsonObject { { "datetime"_L1, datetime }, { "sar:polarization"_L1, u"HH"_s } };
    };
    QJsonArray features {
        makeItem(u"east"_s, u"beta"_s, { 175, -5, 178, 5 }, at(u"2022-05-01T00:00:00Z"_s)),
        makeItem(u"west"_s, u"beta"_s, { -178, -5, -175, 5 }, at(u"2022-05-02T00:00:00Z"_s)),
        makeItem(u"zero"_s, u"beta"_s, { 0, -5, 1, 5 }, at(u"2022-05-03T00:00:00Z"_s)),
        makeItem(u"cross"_s, u"beta"_s, { 179, -1, -179, 1 }, at(u"2022-05-04T00:00:00Z"_s)),
        makeItem(u"range"_s, u"beta"_s, { 20, 20, 21, 21 },
            QJsonObject { { "datetime"_L1, QJsonValue() }, { "start_datetime"_L1, u"2022-06-01T00:00:00Z"_s },
                { "end_datetime"_L1, u"2022-06-30T23:59:59Z"_s } }),
    };
    return QJsonDocument(QJsonObject { { "type"_L1, u"FeatureCollection"_s }, { "features"_L1, features } }).toJson();
}

QByteArray orphanItem()
{
    return QJsonDocument(
        makeItem(u"orphan"_s, QString(), { 50, 50, 51, 51 }, { { "datetime"_L1, u"2021-01-01T00:00:00Z"_s } }))
        .toJson();
}

QJsonObject deepMerge(QJsonObject base, const QJsonObject &patch)
{
    for (auto it = patch.constBegin(); it != patch.constEnd(); ++it) {
        if (it.value().isObject() && base.value(it.key()).isObject())
            base.insert(it.key(), deepMerge(base.value(it.key()).toObject(), it.value().toObject()));
        else
            base.insert(it.key(), it.value());
    }
    return base;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestStacEmulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    // StacEmulator
    void landingPage();
    void landingPageVariants();
    void conformance();
    void collectionsPaging();
    void collectionAndItem();
    void queryables();
    void searchGet_data();
    void searchGet();
    void searchPost_data();
    void searchPost();
    void badRequests_data();
    void badRequests();
    void sorting();
    void paging_data();
    void paging();
    void mergeTokenNeedsOriginalBody();
    void collectionItemsPaging();
    void limitClamp();
    void counts();
    void notFoundAndMethods();
    void requiredHeader();
    void injectedFailure();
    void basePath();
    void loadDirectory();
    void standaloneEmulator();

    // LocalHttpServer / HttpServer
    void rangeRequests();
    void redirectToSecondHost();
    void dropAfterBytes();
    void slowChunksArriveInPieces();
    void framingQuirks();
    void responseSequenceAndHits();
    void recordedRequests();
    void serveDirectory();
    void keepAliveAndDeferredResponse();
    void rawProtocol();

private:
    Result send(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body = {});
    Result get(const QUrl &url, const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    Result post(const QUrl &url, const QJsonObject &body);
    // Follows next links as a client should (stac-api.md section 4) and collects ids.
    void pageThrough(const QUrl &url, const QByteArray &method, const QJsonObject &body, QStringList *ids, int *pages);
    void resetEmulator();
    // Sends raw bytes on a new connection; returns what came back until `until` or the close.
    static QByteArray rawExchange(HttpServer *server, const QByteArray &bytes, const QByteArray &until = "\r\n\r\n");

    QNetworkAccessManager m_nam;
    StacEmulator m_emulator;
};

void TestStacEmulator::initTestCase()
{
    // Loopback only: an http_proxy from the environment must not interfere.
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    QString error;
    for (const QString &id : { u"alpha"_s, u"beta"_s, u"gamma"_s })
        QVERIFY2(m_emulator.addCollection(makeCollection(id), &error), qPrintable(error));
    QVERIFY2(m_emulator.addItems(alphaItems(), &error), qPrintable(error));
    QVERIFY2(m_emulator.addItems(betaItems(), &error), qPrintable(error));
    QVERIFY2(m_emulator.addItems(orphanItem(), &error), qPrintable(error));
    QCOMPARE(m_emulator.itemCount(), 31);
    QCOMPARE(m_emulator.collectionCount(), 3);
    QVERIFY(m_emulator.listen());
}

void TestStacEmulator::init()
{
    resetEmulator();
}

void TestStacEmulator::resetEmulator()
{
    m_emulator.setPagingMode(StacEmulator::PagingMode::GetToken);
    m_emulator.setNumberMatchedEnabled(true);
    m_emulator.setContextEnabled(false);
    m_emulator.setDefaultLimit(10);
    m_emulator.setMaxLimit(10000);
    m_emulator.setRcConformance(false);
    m_emulator.setSearchMethods(true, true);
    m_emulator.setBasePath(QString());
    m_emulator.clearRequiredHeaders();
    m_emulator.clearInjectedFailures();
    m_emulator.clearRequests();
}

Result TestStacEmulator::send(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body)
{
    QNetworkReply *reply = nullptr;
    if (verb == "GET")
        reply = m_nam.get(request);
    else if (verb == "HEAD")
        reply = m_nam.head(request);
    else if (verb == "POST")
        reply = m_nam.post(request, body);
    else
        reply = m_nam.sendCustomRequest(request, verb, body);
    Result result;
    const QMetaObject::Connection reading = connect(reply, &QNetworkReply::readyRead, this, [&result, reply] {
        const QByteArray data = reply->readAll();
        if (!data.isEmpty()) {
            ++result.pieces;
            result.body += data;
        }
    });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(WaitMs))
        reply->abort();
    disconnect(reading);
    result.body += reply->readAll();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.headers = reply->rawHeaderPairs();
    result.url = reply->url();
    reply->deleteLater();
    return result;
}

Result TestStacEmulator::get(const QUrl &url, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return send(request, "GET");
}

Result TestStacEmulator::post(const QUrl &url, const QJsonObject &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    return send(request, "POST", compact(body));
}

void TestStacEmulator::pageThrough(
    const QUrl &url, const QByteArray &method, const QJsonObject &body, QStringList *ids, int *pages)
{
    QUrl nextUrl = url;
    QByteArray nextMethod = method;
    QJsonObject nextBody = body;
    QSet<QString> seenLinks;
    *pages = 0;
    for (;;) {
        const Result page = nextMethod == "GET" ? get(nextUrl) : post(nextUrl, nextBody);
        QCOMPARE(page.status, 200);
        ++*pages;
        QVERIFY(*pages < 50);
        QCOMPARE(page.json().value("numberMatched"_L1).toInt(), 25);
        QCOMPARE(page.json().value("numberReturned"_L1).toInt(), page.ids().size());
        ids->append(page.ids());
        const QJsonObject next = page.link(u"next"_s);
        if (next.isEmpty())
            return;
        const QString key = QString::fromUtf8(compact(next));
        QVERIFY2(!seenLinks.contains(key), "the same next link came twice");
        seenLinks.insert(key);
        // A POST response whose next link has no method is re-POSTed (Capella, section 4).
        const QString linkMethod = next.value("method"_L1).toString(nextMethod == "POST" ? u"POST"_s : u"GET"_s);
        nextUrl = QUrl(next.value("href"_L1).toString());
        QVERIFY(nextUrl.isValid() && !nextUrl.isRelative());
        if (linkMethod == "GET"_L1) {
            nextMethod = "GET";
        } else {
            nextMethod = "POST";
            if (next.value("merge"_L1).toBool())
                nextBody = deepMerge(body, next.value("body"_L1).toObject());
            else if (next.contains("body"_L1))
                nextBody = next.value("body"_L1).toObject();
            else
                nextBody = body;
        }
    }
}

QByteArray TestStacEmulator::rawExchange(HttpServer *server, const QByteArray &bytes, const QByteArray &until)
{
    QTcpSocket socket;
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    socket.connectToHost(server->serverAddress(), server->serverPort());
    if (!connected.wait(WaitMs))
        return "no connection";
    QSignalSpy readable(&socket, &QTcpSocket::readyRead);
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    socket.write(bytes);
    QByteArray reply;
    while (!reply.contains(until) && closed.isEmpty()) {
        if (socket.bytesAvailable() == 0 && !readable.wait(WaitMs))
            break;
        reply += socket.readAll();
    }
    return reply + socket.readAll();
}

// ---- StacEmulator -----------------------------------------------------------------------------

void TestStacEmulator::landingPage()
{
    const Result landing = get(m_emulator.url(u"/"_s));
    QCOMPARE(landing.status, 200);
    QCOMPARE(landing.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject json = landing.json();
    QCOMPARE(json.value("type"_L1).toString(), u"Catalog"_s);
    QCOMPARE(json.value("stac_version"_L1).toString(), u"1.0.0"_s);
    QCOMPARE(json.value("id"_L1).toString(), u"emu"_s);
    const QJsonArray conformsTo = json.value("conformsTo"_L1).toArray();
    QVERIFY(conformsTo.contains(u"https://api.stacspec.org/v1.0.0/item-search#filter"_s));
    QVERIFY(conformsTo.contains(u"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text"_s));
    QCOMPARE(conformsTo.size(), 13);

    const QString base = m_emulator.url().toString();
    QCOMPARE(landing.link(u"self"_s).value("href"_L1).toString(), base + u"/"_s);
    QCOMPARE(landing.link(u"root"_s).value("href"_L1).toString(), base + u"/"_s);
    QCOMPARE(landing.link(u"data"_s).value("href"_L1).toString(), base + u"/collections"_s);
    QCOMPARE(landing.link(u"http://www.opengis.net/def/rel/ogc/1.0/queryables"_s).value("href"_L1).toString(),
        base + u"/queryables"_s);
    QStringList searchMethods;
    const QJsonArray links = json.value("links"_L1).toArray();
    for (const QJsonValue &entry : links) {
        const QJsonObject link = entry.toObject();
        if (link.value("rel"_L1).toString() == "search"_L1) {
            QCOMPARE(link.value("href"_L1).toString(), base + u"/search"_s);
            QCOMPARE(link.value("type"_L1).toString(), u"application/geo+json"_s);
            searchMethods.append(link.value("method"_L1).toString());
        }
    }
    QCOMPARE(searchMethods, (QStringList { u"GET"_s, u"POST"_s }));
    QCOMPARE(links.size(), 6);
}

void TestStacEmulator::landingPageVariants()
{
    m_emulator.setRcConformance(true);
    m_emulator.setSearchMethods(false, true);
    const Result landing = get(m_emulator.url(u"/"_s));
    const QJsonArray conformsTo = landing.json().value("conformsTo"_L1).toArray();
    QVERIFY(conformsTo.contains(u"https://api.stacspec.org/v1.0.0-rc.1/core"_s));
    QVERIFY(conformsTo.contains(u"https://api.stacspec.org/v1.0.0-rc.1/item-search#filter:cql-text"_s));
    QVERIFY(!conformsTo.contains(u"https://api.stacspec.org/v1.0.0/core"_s));
    const QJsonObject search = landing.link(u"search"_s);
    QCOMPARE(search.value("method"_L1).toString(), u"POST"_s);
    // A POST-only server (UP42 storage style) refuses GET searches.
    const Result refused = get(m_emulator.url(u"/search"_s));
    QCOMPARE(refused.status, 405);
    QCOMPARE(refused.header("Allow"), QByteArray("POST"));
    QCOMPARE(post(m_emulator.url(u"/search"_s), {}).status, 200);
}

void TestStacEmulator::conformance()
{
    const Result result = get(m_emulator.url(u"/conformance"_s));
    QCOMPARE(result.status, 200);
    const QJsonArray conformsTo = result.json().value("conformsTo"_L1).toArray();
    QVERIFY(conformsTo.contains(u"https://api.stacspec.org/v1.1.0/item-search#sort"_s));
    QCOMPARE(conformsTo, get(m_emulator.url(u"/"_s)).json().value("conformsTo"_L1).toArray());
}

void TestStacEmulator::collectionsPaging()
{
    const Result first = get(m_emulator.url(u"/collections?limit=2"_s));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("Content-Type"), QByteArray("application/json"));
    QJsonArray collections = first.json().value("collections"_L1).toArray();
    QCOMPARE(collections.size(), 2);
    QCOMPARE(first.json().value("numberMatched"_L1).toInt(), 3);
    const QString next = first.link(u"next"_s).value("href"_L1).toString();
    QVERIFY(next.startsWith(m_emulator.url().toString() + u"/collections?token="_s));

    const Result second = get(QUrl(next));
    QCOMPARE(second.status, 200);
    collections = second.json().value("collections"_L1).toArray();
    QCOMPARE(collections.size(), 1);
    QCOMPARE(collections.first().toObject().value("id"_L1).toString(), u"gamma"_s);
    QVERIFY(second.link(u"next"_s).isEmpty());

    const Result all = get(m_emulator.url(u"/collections"_s));
    QCOMPARE(all.json().value("collections"_L1).toArray().size(), 3);
    QVERIFY(all.link(u"next"_s).isEmpty());
}

void TestStacEmulator::collectionAndItem()
{
    const QString base = m_emulator.url().toString();
    const Result collection = get(m_emulator.url(u"/collections/alpha"_s));
    QCOMPARE(collection.status, 200);
    QCOMPARE(collection.json().value("id"_L1).toString(), u"alpha"_s);
    QCOMPARE(collection.link(u"self"_s).value("href"_L1).toString(), base + u"/collections/alpha"_s);
    QCOMPARE(collection.link(u"items"_s).value("href"_L1).toString(), base + u"/collections/alpha/items"_s);
    QCOMPARE(collection.link(u"parent"_s).value("href"_L1).toString(), base + u"/"_s);

    const Result item = get(m_emulator.url(u"/collections/alpha/items/a03"_s));
    QCOMPARE(item.status, 200);
    QCOMPARE(item.header("Content-Type"), QByteArray("application/geo+json"));
    const QJsonObject json = item.json();
    QCOMPARE(json.value("id"_L1).toString(), u"a03"_s);
    QCOMPARE(json.value("properties"_L1).toObject().value("eo:cloud_cover"_L1).toInt(), 12);
    QCOMPARE(item.link(u"self"_s).value("href"_L1).toString(), base + u"/collections/alpha/items/a03"_s);
    QCOMPARE(item.link(u"collection"_s).value("href"_L1).toString(), base + u"/collections/alpha"_s);
    QCOMPARE(item.link(u"root"_s).value("href"_L1).toString(), base + u"/"_s);
    // Links of the source that are not navigation survive; the stale self link does not.
    QCOMPARE(item.link(u"license"_s).value("href"_L1).toString(), u"https://example.invalid/license"_s);
    QCOMPARE(json.value("links"_L1).toArray().size(), 5);
}

void TestStacEmulator::queryables()
{
    const Result all = get(m_emulator.url(u"/queryables"_s));
    QCOMPARE(all.status, 200);
    const QJsonObject schema = all.json();
    QCOMPARE(schema.value("type"_L1).toString(), u"object"_s);
    QCOMPARE(schema.value("additionalProperties"_L1).toBool(), true);
    const QJsonObject properties = schema.value("properties"_L1).toObject();
    for (const QString &name : { u"id"_s, u"collection"_s, u"geometry"_s, u"datetime"_s, u"platform"_s, u"gsd"_s })
        QVERIFY2(properties.contains(name), qPrintable(name));
    QCOMPARE(properties.value("eo:cloud_cover"_L1).toObject().value("type"_L1).toString(), u"number"_s);
    QCOMPARE(properties.value("platform"_L1).toObject().value("type"_L1).toString(), u"string"_s);
    QCOMPARE(properties.value("start_datetime"_L1).toObject().value("format"_L1).toString(), u"date-time"_s);

    const Result beta = get(m_emulator.url(u"/collections/beta/queryables"_s));
    QCOMPARE(beta.status, 200);
    const QJsonObject betaProperties = beta.json().value("properties"_L1).toObject();
    QVERIFY(betaProperties.contains("sar:polarization"_L1));
    QVERIFY(!betaProperties.contains("eo:cloud_cover"_L1));
    QCOMPARE(get(m_emulator.url(u"/collections/nope/queryables"_s)).status, 404);
}

void TestStacEmulator::searchGet_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected"); // sorted ids

    QTest::newRow("ids") << u"ids=a01,a02,nope"_s << QStringList { u"a01"_s, u"a02"_s };
    QTest::newRow("collections") << u"collections=beta"_s
                                 << QStringList { u"cross"_s, u"east"_s, u"range"_s, u"west"_s, u"zero"_s };
    QTest::newRow("bbox") << u"bbox=-10,-10,10,10"_s << QStringList { u"zero"_s };
    QTest::newRow("bbox 3D") << u"bbox=-10,-10,-100,10,10,100"_s << QStringList { u"zero"_s };
    QTest::newRow("bbox across antimeridian")
        << u"bbox=170,-10,-170,10"_s << QStringList { u"cross"_s, u"east"_s, u"west"_s };
    QTest::newRow("bbox east of antimeridian") << u"bbox=-179.5,-10,-170,10"_s << QStringList { u"cross"_s, u"west"_s };
    QTest::newRow("intersects")
        << u"intersects=%7B%22type%22%3A%22Point%22%2C%22coordinates%22%3A%5B50.5%2C50.5%5D%7D"_s
        << QStringList { u"orphan"_s };
    QTest::newRow("datetime instant in a range") << u"datetime=2022-06-15T12:00:00Z"_s << QStringList { u"range"_s };
    QTest::newRow("datetime instant exact") << u"datetime=2022-05-01T00:00:00Z"_s << QStringList { u"east"_s };
    QTest::newRow("datetime interval") << u"datetime=2022-05-02T00:00:00Z/2022-05-03T12:00:00Z"_s
                                       << QStringList { u"west"_s, u"zero"_s };
    QTest::newRow("datetime open start") << u"datetime=../2022-01-01T00:00:00Z"_s << QStringList { u"orphan"_s };
    QTest::newRow("datetime open end ..")
        << u"datetime=2023-01-24T00:00:00Z/.."_s << QStringList { u"a23"_s, u"a24"_s };
    QTest::newRow("datetime open end empty")
        << u"datetime=2023-01-24T00:00:00Z/"_s << QStringList { u"a23"_s, u"a24"_s };
    QTest::newRow("datetime offset and fraction")
        << u"datetime=2023-01-25t11:00:00.000000000%2B01:00"_s << QStringList { u"a24"_s };
    QTest::newRow("cql2-text") << u"collections=alpha&filter=eo:cloud_cover%20%3C%3D%2010"_s
                               << QStringList { u"a00"_s, u"a01"_s, u"a02"_s };
    QTest::newRow("cql2-text and")
        << u"filter=platform%20%3D%20'sat-A'%20AND%20eo:cloud_cover%20%3C%2020&filter-lang=cql2-text"_s
        << QStringList { u"a00"_s, u"a02"_s, u"a04"_s };
    QTest::newRow("cql2-json in GET")
        << u"filter-lang=cql2-json&filter=%7B%22op%22%3A%22%3D%22%2C%22args%22%3A%5B%7B%22property%22%3A%22id%22%7D%2C%22a05%22%5D%7D"_s
        << QStringList { u"a05"_s };
    QTest::newRow("fields ignored") << u"ids=a07&fields=id,-geometry"_s << QStringList { u"a07"_s };
}

void TestStacEmulator::searchGet()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    const Result result = get(m_emulator.url(u"/search?limit=100&"_s + query));
    QVERIFY2(result.status == 200, result.body.constData());
    QCOMPARE(result.header("Content-Type"), QByteArray("application/geo+json"));
    QCOMPARE(result.json().value("type"_L1).toString(), u"FeatureCollection"_s);
    QStringList ids = result.ids();
    ids.sort();
    QCOMPARE(ids, expected);
    QCOMPARE(result.json().value("numberMatched"_L1).toInt(), expected.size());
    QCOMPARE(QUrl(result.link(u"self"_s).value("href"_L1).toString()), m_emulator.url(u"/search?limit=100&"_s + query));
}

void TestStacEmulator::searchPost_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("collection without items")
        << QByteArray("{\"limit\":100,\"collections\":[\"gamma\"]}") << QStringList();
    QTest::newRow("ids+collections") << QByteArray(R"({"ids":["a01","east"],"collections":["alpha"]})")
                                     << QStringList { u"a01"_s };
    QTest::newRow("bbox across antimeridian")
        << QByteArray(R"({"bbox":[170,-10,-170,10]})") << QStringList { u"cross"_s, u"east"_s, u"west"_s };
    QTest::newRow("intersects polygon") << QByteArray(
        R"({"intersects":{"type":"Polygon","coordinates":[[[174,-1],[179.5,-1],[179.5,1],[174,1],[174,-1]]]}})")
                                        << QStringList { u"cross"_s, u"east"_s };
    QTest::newRow("intersects split multipolygon") << QByteArray(
        R"({"intersects":{"type":"MultiPolygon","coordinates":[[[[177,-1],[180,-1],[180,1],[177,1],[177,-1]]],[[[-180,-1],[-177,-1],[-177,1],[-180,1],[-180,-1]]]]}})")
                                                   << QStringList { u"cross"_s, u"east"_s, u"west"_s };
    QTest::newRow("datetime interval") << QByteArray(R"({"datetime":"2022-05-03T00:00:00Z/2022-06-02T00:00:00Z"})")
                                       << QStringList { u"cross"_s, u"range"_s, u"zero"_s };
    QTest::newRow("filter in") << QByteArray(
        R"({"collections":["alpha"],"filter":{"op":"in","args":[{"property":"platform"},["sat-B"]]},"filter-lang":"cql2-json","limit":3})")
                               << QStringList { u"a19"_s, u"a21"_s, u"a23"_s };
    QTest::newRow("filter timestamp") << QByteArray(
        R"({"filter":{"op":">=","args":[{"property":"datetime"},{"timestamp":"2023-01-24T00:00:00Z"}]}})")
                                      << QStringList { u"a23"_s, u"a24"_s };
    QTest::newRow("filter s_intersects") << QByteArray(
        R"({"filter":{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[0.5,0]}]}})")
                                         << QStringList { u"zero"_s };
    QTest::newRow("filter isNull") << QByteArray(
        R"({"collections":["beta"],"filter":{"op":"isNull","args":[{"property":"datetime"}]}})")
                                   << QStringList { u"range"_s };
    QTest::newRow("cql2-text in POST") << QByteArray(R"({"filter":"id = 'a09'","filter-lang":"cql2-text"})")
                                       << QStringList { u"a09"_s };
    QTest::newRow("fields ignored") << QByteArray(
        R"({"ids":["zero"],"fields":{"include":["id"],"exclude":["geometry"]}})")
                                    << QStringList { u"zero"_s };
}

void TestStacEmulator::searchPost()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);
    const QJsonObject request = QJsonDocument::fromJson(body).object();
    QVERIFY(!request.isEmpty());
    const Result result = post(m_emulator.url(u"/search"_s), request);
    QVERIFY2(result.status == 200, result.body.constData());
    QStringList ids = result.ids();
    ids.sort();
    QCOMPARE(ids, expected);
    QCOMPARE(result.json().value("numberReturned"_L1).toInt(), expected.size());
}

void TestStacEmulator::badRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message"); // part of the description

    QTest::newRow("GET bbox+intersects") << QByteArray(
        "GET") << u"bbox=0,0,1,1&intersects=%7B%22type%22%3A%22Point%22%2C%22coordinates%22%3A%5B0%2C0%5D%7D"_s
                                         << QByteArray() << u"mutually exclusive"_s;
    QTest::newRow("POST bbox+intersects")
        << QByteArray("POST") << QString()
        << QByteArray(R"({"bbox":[0,0,1,1],"intersects":{"type":"Point","coordinates":[0,0]}})")
        << u"mutually exclusive"_s;
    QTest::newRow("bbox with 5 numbers") << QByteArray("GET") << u"bbox=0,0,1,1,2"_s << QByteArray() << u"bbox"_s;
    QTest::newRow("bbox out of range") << QByteArray("GET") << u"bbox=0,-100,1,1"_s << QByteArray() << u"bbox"_s;
    QTest::newRow("datetime date only") << QByteArray("GET") << u"datetime=2023-01-01"_s << QByteArray()
                                        << u"datetime"_s;
    QTest::newRow("datetime garbage") << QByteArray("GET") << u"datetime=yesterday"_s << QByteArray() << u"datetime"_s;
    QTest::newRow("datetime both open") << QByteArray("GET") << u"datetime=../.."_s << QByteArray() << u"open"_s;
    QTest::newRow("datetime month 13") << QByteArray("POST") << QString()
                                       << QByteArray(R"({"datetime":"2023-13-01T00:00:00Z"})") << u"datetime"_s;
    QTest::newRow("datetime reversed") << QByteArray("GET") << u"datetime=2023-02-01T00:00:00Z/2023-01-01T00:00:00Z"_s
                                       << QByteArray() << u"after"_s;
    QTest::newRow("unknown sort field GET")
        << QByteArray("GET") << u"sortby=-properties.nope"_s << QByteArray() << u"nope"_s;
    QTest::newRow("unknown sort field POST")
        << QByteArray("POST") << QString() << QByteArray(R"({"sortby":[{"field":"nope","direction":"desc"}]})")
        << u"nope"_s;
    QTest::newRow("bad sort direction") << QByteArray("POST") << QString()
                                        << QByteArray(R"({"sortby":[{"field":"id","direction":"up"}]})")
                                        << u"direction"_s;
    QTest::newRow("limit 0") << QByteArray("GET") << u"limit=0"_s << QByteArray() << u"limit"_s;
    QTest::newRow("limit text") << QByteArray("GET") << u"limit=ten"_s << QByteArray() << u"limit"_s;
    QTest::newRow("limit negative POST") << QByteArray("POST") << QString() << QByteArray(R"({"limit":-5})")
                                         << u"limit"_s;
    QTest::newRow("bad cql2-text") << QByteArray("GET") << u"filter=eo:cloud_cover%20%3C%3D"_s << QByteArray()
                                   << u"filter"_s;
    QTest::newRow("bad cql2-json") << QByteArray("POST") << QString()
                                   << QByteArray(R"({"filter":{"op":"frobnicate","args":[1]}})") << u"filter"_s;
    QTest::newRow("bad filter-lang") << QByteArray("GET") << u"filter=id%3D'a'&filter-lang=sql"_s << QByteArray()
                                     << u"filter-lang"_s;
    QTest::newRow("invalid JSON body") << QByteArray("POST") << QString() << QByteArray("{\"limit\": 10,") << u"JSON"_s;
    QTest::newRow("collections not strings")
        << QByteArray("POST") << QString() << QByteArray(R"({"collections":[1]})") << u"collections"_s;
    QTest::newRow("bad token") << QByteArray("GET") << u"token=%21%21%21"_s << QByteArray() << u"token"_s;
}

void TestStacEmulator::badRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, query);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QNetworkRequest request(m_emulator.url(query.isEmpty() ? u"/search"_s : u"/search?"_s + query));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    const Result result = send(request, method, body);
    QCOMPARE(result.status, 400);
    QCOMPARE(result.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(result.json().value("code"_L1).toString(), u"BadRequest"_s);
    const QString description = result.json().value("description"_L1).toString();
    QVERIFY2(description.contains(message, Qt::CaseInsensitive), qPrintable(description));
}

void TestStacEmulator::sorting()
{
    // Default: datetime descending.
    QCOMPARE(get(m_emulator.url(u"/search?collections=alpha&limit=3"_s)).ids(),
        (QStringList { u"a24"_s, u"a23"_s, u"a22"_s }));
    // GET string form, '+' sent encoded as the spec asks, with and without the properties. prefix.
    QCOMPARE(get(m_emulator.url(u"/search?collections=alpha&limit=3&sortby=%2Bproperties.eo:cloud_cover"_s)).ids(),
        (QStringList { u"a00"_s, u"a01"_s, u"a02"_s }));
    QCOMPARE(get(m_emulator.url(u"/search?collections=alpha&limit=3&sortby=-eo:cloud_cover"_s)).ids(),
        (QStringList { u"a24"_s, u"a23"_s, u"a22"_s }));
    QCOMPARE(get(m_emulator.url(u"/search?collections=alpha&limit=4&sortby=platform,-id"_s)).ids(),
        (QStringList { u"a24"_s, u"a22"_s, u"a20"_s, u"a18"_s }));
    QCOMPARE(get(m_emulator.url(u"/search?collections=beta&limit=5&sortby=id"_s)).ids(),
        (QStringList { u"cross"_s, u"east"_s, u"range"_s, u"west"_s, u"zero"_s }));
    // POST object form.
    const QJsonObject body { { "collections"_L1, QJsonArray { u"alpha"_s } }, { "limit"_L1, 2 },
        { "sortby"_L1,
            QJsonArray { QJsonObject { { "field"_L1, u"properties.datetime"_s }, { "direction"_L1, u"asc"_s } } } } };
    QCOMPARE(post(m_emulator.url(u"/search"_s), body).ids(), (QStringList { u"a00"_s, u"a01"_s }));
}

void TestStacEmulator::paging_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("nextMethod"); // method field of the next link ("" when absent)

    QTest::newRow("GET token, GET") << int(StacEmulator::PagingMode::GetToken) << QByteArray("GET") << u"GET"_s;
    QTest::newRow("GET token, POST") << int(StacEmulator::PagingMode::GetToken) << QByteArray("POST") << u"GET"_s;
    QTest::newRow("POST merge, POST") << int(StacEmulator::PagingMode::PostMerge) << QByteArray("POST") << u"POST"_s;
    QTest::newRow("POST merge, GET") << int(StacEmulator::PagingMode::PostMerge) << QByteArray("GET") << u"GET"_s;
    QTest::newRow("Capella href, POST") << int(StacEmulator::PagingMode::PostHref) << QByteArray("POST") << QString();
    QTest::newRow("Capella href, GET") << int(StacEmulator::PagingMode::PostHref) << QByteArray("GET") << QString();
}

void TestStacEmulator::paging()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, method);
    QFETCH(QString, nextMethod);
    m_emulator.setPagingMode(StacEmulator::PagingMode(mode));

    const QJsonObject body { { "collections"_L1, QJsonArray { u"alpha"_s } }, { "limit"_L1, 10 },
        { "sortby"_L1, QJsonArray { QJsonObject { { "field"_L1, u"id"_s }, { "direction"_L1, u"asc"_s } } } } };
    const QUrl url = method == "GET" ? m_emulator.url(u"/search?collections=alpha&limit=10&sortby=%2Bid"_s)
                                     : m_emulator.url(u"/search"_s);
    // The shape of the first next link.
    const Result first = method == "GET" ? get(url) : post(url, body);
    QCOMPARE(first.status, 200);
    const QJsonObject next = first.link(u"next"_s);
    QCOMPARE(next.value("method"_L1).toString(), nextMethod);
    if (StacEmulator::PagingMode(mode) == StacEmulator::PagingMode::PostHref) {
        QVERIFY(next.value("href"_L1).toString().endsWith(u"page=2"_s));
        if (method == "POST")
            QCOMPARE(next.keys(), (QStringList { u"href"_s, u"rel"_s }));
    }
    if (nextMethod == "POST"_L1) {
        QCOMPARE(next.value("merge"_L1).toBool(), true);
        QVERIFY(next.value("body"_L1).toObject().contains("token"_L1));
    }

    QStringList ids;
    int pages = 0;
    pageThrough(url, method, body, &ids, &pages);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(pages, 3);
    QCOMPARE(ids.size(), 25);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 25);
    QStringList sorted = ids;
    sorted.sort();
    QCOMPARE(ids, sorted); // stable order across pages

    // Every request after the first used the method the link asked for.
    const QList<ReceivedRequest> requests = m_emulator.requests();
    QCOMPARE(requests.size(), 4);
    for (qsizetype i = 2; i < requests.size(); ++i) {
        const QByteArray expected = nextMethod.isEmpty() ? method : nextMethod.toLatin1();
        QCOMPARE(requests.at(i).method, expected);
    }
}

void TestStacEmulator::mergeTokenNeedsOriginalBody()
{
    m_emulator.setPagingMode(StacEmulator::PagingMode::PostMerge);
    const QJsonObject body { { "collections"_L1, QJsonArray { u"alpha"_s } }, { "limit"_L1, 10 } };
    const Result first = post(m_emulator.url(u"/search"_s), body);
    const QJsonObject next = first.link(u"next"_s);
    QVERIFY(!next.isEmpty());
    // A client that sends only the token (ignoring merge:true) is told so.
    const Result tokenOnly = post(QUrl(next.value("href"_L1).toString()), next.value("body"_L1).toObject());
    QCOMPARE(tokenOnly.status, 400);
    QVERIFY(tokenOnly.json().value("description"_L1).toString().contains(u"merged"_s));
    // Merged, with a smaller limit for the last page a client wants: still continues at 10.
    QJsonObject merged = deepMerge(body, next.value("body"_L1).toObject());
    merged.insert("limit"_L1, 3);
    const Result second = post(QUrl(next.value("href"_L1).toString()), merged);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.ids(), (QStringList { u"a14"_s, u"a13"_s, u"a12"_s }));
}

void TestStacEmulator::collectionItemsPaging()
{
    const Result first = get(m_emulator.url(u"/collections/alpha/items?limit=10"_s));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("Content-Type"), QByteArray("application/geo+json"));
    QCOMPARE(
        first.link(u"collection"_s).value("href"_L1).toString(), m_emulator.url(u"/collections/alpha"_s).toString());
    QStringList ids;
    int pages = 0;
    pageThrough(m_emulator.url(u"/collections/alpha/items?limit=10"_s), "GET", {}, &ids, &pages);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(pages, 3);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 25);
    QVERIFY(m_emulator.requests().constLast().path.startsWith(u"/collections/alpha/items"_s));

    const Result filtered = get(m_emulator.url(
        u"/collections/beta/items?bbox=170,-10,-170,10&datetime=2022-05-01T00:00:00Z/2022-05-02T00:00:00Z"_s));
    QStringList beta = filtered.ids();
    beta.sort();
    QCOMPARE(beta, (QStringList { u"east"_s, u"west"_s }));
    QCOMPARE(get(m_emulator.url(u"/collections/gamma/items"_s)).json().value("numberMatched"_L1).toInt(), 0);
}

void TestStacEmulator::limitClamp()
{
    m_emulator.setMaxLimit(5);
    m_emulator.setContextEnabled(true);
    const Result result = get(m_emulator.url(u"/search?collections=alpha&limit=100"_s));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.ids().size(), 5);
    QCOMPARE(result.json().value("context"_L1).toObject().value("limit"_L1).toInt(), 5);
    QVERIFY(!result.link(u"next"_s).isEmpty());
    m_emulator.setMaxLimit(10000);
    QCOMPARE(get(m_emulator.url(u"/search?collections=alpha"_s)).ids().size(), 10); // default limit
    QCOMPARE(get(m_emulator.url(u"/search?limit=1000000000"_s)).ids().size(), 31);
}

void TestStacEmulator::counts()
{
    const QUrl url = m_emulator.url(u"/search?collections=alpha&limit=4"_s);
    QJsonObject json = get(url).json();
    QCOMPARE(json.value("numberMatched"_L1).toInt(), 25);
    QCOMPARE(json.value("numberReturned"_L1).toInt(), 4);
    QVERIFY(!json.contains("context"_L1));

    m_emulator.setNumberMatchedEnabled(false);
    m_emulator.setContextEnabled(true);
    json = get(url).json();
    QVERIFY(!json.contains("numberMatched"_L1));
    QVERIFY(!json.contains("numberReturned"_L1));
    const QJsonObject context = json.value("context"_L1).toObject();
    QCOMPARE(context.value("returned"_L1).toInt(), 4);
    QCOMPARE(context.value("limit"_L1).toInt(), 4);
    QCOMPARE(context.value("matched"_L1).toInt(), 25);
}

void TestStacEmulator::notFoundAndMethods()
{
    for (const QString &path : { u"/nope"_s, u"/collections/nope"_s, u"/collections/nope/items"_s,
             u"/collections/alpha/items/nope"_s, u"/collections/alpha/nope"_s, u"/files/x"_s }) {
        const Result result = get(m_emulator.url(path));
        QVERIFY2(result.status == 404, qPrintable(path));
        QCOMPARE(result.json().value("code"_L1).toString(), u"NotFound"_s);
    }
    QNetworkRequest remove(m_emulator.url(u"/search"_s));
    const Result deleted = send(remove, "DELETE");
    QCOMPARE(deleted.status, 405);
    QCOMPARE(deleted.json().value("code"_L1).toString(), u"MethodNotAllowed"_s);
    QCOMPARE(post(m_emulator.url(u"/collections"_s), {}).status, 405);
    QCOMPARE(post(m_emulator.url(u"/collections/alpha/items"_s), {}).status, 405);
    QCOMPARE(post(m_emulator.url(u"/"_s), {}).status, 405);
    // HEAD is GET without the body.
    const Result head = send(QNetworkRequest(m_emulator.url(u"/collections/alpha"_s)), "HEAD");
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QVERIFY(head.header("Content-Length").toInt() > 100);
}

void TestStacEmulator::requiredHeader()
{
    m_emulator.setRequiredHeader("X-Api-Key", "secret");
    const Result missing = get(m_emulator.url(u"/search"_s));
    QCOMPARE(missing.status, 401);
    QCOMPARE(missing.json().value("code"_L1).toString(), u"Unauthorized"_s);
    const Result wrong = get(m_emulator.url(u"/search"_s), { { "x-api-key", "guess" } });
    QCOMPARE(wrong.status, 403);
    QCOMPARE(wrong.json().value("code"_L1).toString(), u"Forbidden"_s);
    QCOMPARE(get(m_emulator.url(u"/search"_s), { { "X-API-KEY", "secret" } }).status, 200);

    // Satellogic style: two headers.
    m_emulator.setRequiredHeader("authorizationToken", "Bearer t");
    m_emulator.addRequiredHeader("X-Satellogic-Contract-Id", "c1");
    QCOMPARE(get(m_emulator.url(u"/"_s), { { "authorizationToken", "Bearer t" } }).status, 401);
    QCOMPARE(get(m_emulator.url(u"/"_s), { { "authorizationToken", "Bearer t" }, { "X-Satellogic-Contract-Id", "c1" } })
                 .status,
        200);
}

void TestStacEmulator::injectedFailure()
{
    m_emulator.injectFailure(500, "<html>garbage", 2);
    for (int i = 0; i < 2; ++i) {
        const Result failed = get(m_emulator.url(u"/search"_s));
        QCOMPARE(failed.status, 500);
        QCOMPARE(failed.body, QByteArray("<html>garbage"));
        QCOMPARE(failed.header("Content-Type"), QByteArray("text/plain"));
    }
    QCOMPARE(get(m_emulator.url(u"/search"_s)).status, 200);

    m_emulator.injectFailure(503, R"({"code":"Busy"})", 1, "application/json");
    QCOMPARE(get(m_emulator.url(u"/"_s)).status, 503);
    QCOMPARE(get(m_emulator.url(u"/"_s)).status, 200);
}

void TestStacEmulator::basePath()
{
    m_emulator.setBasePath(u"/archive/stac/"_s);
    QVERIFY(m_emulator.url().toString().endsWith(u"/archive/stac"_s));
    const Result landing = get(m_emulator.url(u"/"_s));
    QCOMPARE(landing.status, 200);
    QCOMPARE(landing.link(u"data"_s).value("href"_L1).toString(), m_emulator.url(u"/collections"_s).toString());
    const Result item = get(m_emulator.url(u"/collections/beta/items/zero"_s));
    QCOMPARE(
        item.link(u"self"_s).value("href"_L1).toString(), m_emulator.url(u"/collections/beta/items/zero"_s).toString());
    QCOMPARE(get(m_emulator.server()->url(u"/search"_s)).status, 404);
}

void TestStacEmulator::loadDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(u"sub/deeper"_s));
    const auto write = [&dir](const QString &name, const QByteArray &data) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
    };
    QJsonObject collection = makeCollection(u"delta"_s);
    QVERIFY(write(u"collection.json"_s, compact(collection)));
    QVERIFY(write(u"catalog.json"_s, R"({"type":"Catalog","id":"root","description":"skipped","links":[]})"));
    QVERIFY(write(u"items.json"_s, alphaItems()));
    QJsonObject single
        = makeItem(u"single"_s, u"delta"_s, { 1, 1, 2, 2 }, { { "datetime"_L1, u"2020-01-01T00:00:00Z"_s } });
    single.insert("assets"_L1,
        QJsonObject {
            { "thumbnail"_L1, QJsonObject { { "href"_L1, u"./thumb.png"_s }, { "type"_L1, u"image/png"_s } } },
            { "remote"_L1, QJsonObject { { "href"_L1, u"https://example.invalid/x.tif"_s } } } });
    QVERIFY(write(u"sub/deeper/single.geojson"_s, compact(single)));
    QVERIFY(write(u"sub/deeper/thumb.png"_s, QByteArray("\x89PNG not really")));
    QVERIFY(write(u"notes.txt"_s, "ignored"));

    StacEmulator emulator;
    QString error;
    QVERIFY2(emulator.loadDirectory(dir.path(), &error), qPrintable(error));
    QCOMPARE(emulator.collectionCount(), 1);
    QCOMPARE(emulator.itemCount(), 26);
    QVERIFY(emulator.listen(QHostAddress(u"127.0.0.2"_s)));

    const Result item = get(emulator.url(u"/collections/delta/items/single"_s));
    QCOMPARE(item.status, 200);
    const QJsonObject assets = item.json().value("assets"_L1).toObject();
    const QString thumbnail = assets.value("thumbnail"_L1).toObject().value("href"_L1).toString();
    QCOMPARE(thumbnail, emulator.url(u"/files/sub/deeper/thumb.png"_s).toString());
    QCOMPARE(assets.value("remote"_L1).toObject().value("href"_L1).toString(), u"https://example.invalid/x.tif"_s);
    const Result file = get(QUrl(thumbnail));
    QCOMPARE(file.status, 200);
    QCOMPARE(file.header("Content-Type"), QByteArray("image/png"));
    QCOMPARE(file.body, QByteArray("\x89PNG not really"));
    const QByteArray escape = rawExchange(emulator.server(), "GET /files/%2E%2E/notes.txt HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY2(escape.startsWith("HTTP/1.1 404"), escape.constData());

    // A broken file fails the load with its name and leaves the data alone.
    QVERIFY(write(u"sub/broken.json"_s, "{\"type\": \"Feature\","));
    QVERIFY(!emulator.loadDirectory(dir.path(), &error));
    QVERIFY2(error.contains(u"broken.json"_s), qPrintable(error));
    QCOMPARE(emulator.itemCount(), 26);
    QVERIFY(!emulator.loadDirectory(dir.filePath(u"missing"_s), &error));
    QVERIFY(!emulator.addItems("{\"type\":\"Feature\",\"properties\":{}}", &error)); // no id
}

void TestStacEmulator::standaloneEmulator()
{
    const QString program = QStringLiteral(STACSCOPE_BINARY_DIR "/tests/support/stacscope-stac-emulator");
    if (!QFile::exists(program))
        QSKIP("stacscope-stac-emulator is not built");
    QTemporaryDir dir;
    QFile items(dir.filePath(u"items.json"_s));
    QVERIFY(items.open(QIODevice::WriteOnly));
    items.write(betaItems());
    items.close();

    QProcess process;
    process.setProgram(program);
    process.setArguments(
        { u"--data"_s, dir.path(), u"--port"_s, u"0"_s, u"--paging"_s, u"post-href"_s, u"--context"_s });
    QSignalSpy output(&process, &QProcess::readyReadStandardOutput);
    process.start();
    QByteArray line = process.readAllStandardOutput();
    while (!line.contains('\n') && output.wait(WaitMs))
        line += process.readAllStandardOutput();
    QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
    const QUrl url(QString::fromUtf8(line.trimmed().mid(13)));
    const Result search = post(QUrl(url.toString() + u"/search"_s), { { "limit"_L1, 2 } });
    QCOMPARE(search.status, 200);
    QCOMPARE(search.json().value("context"_L1).toObject().value("matched"_L1).toInt(), 5);
    QCOMPARE(search.link(u"next"_s).value("href"_L1).toString(), url.toString() + u"/search?page=2"_s);
    QSignalSpy finished(&process, &QProcess::finished);
    process.terminate();
    QVERIFY(finished.wait(WaitMs));

    // Bad arguments and unreadable data: a message and exit code 2.
    const QList<QStringList> badArguments {
        { u"--data"_s, dir.path(), u"--paging"_s, u"sideways"_s },
        { u"--port"_s, u"1"_s }, // no --data
        { u"--data"_s, dir.filePath(u"missing"_s) },
        { u"--data"_s, dir.path(), u"--bogus"_s },
    };
    for (const QStringList &arguments : badArguments) {
        QProcess bad;
        QSignalSpy done(&bad, &QProcess::finished);
        bad.start(program, arguments);
        QVERIFY(done.wait(WaitMs));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().startsWith("stacscope-stac-emulator: "));
    }

    // A port that is taken: everything else is right, so it really gets as far as listening.
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost));
    const QString taken = QString::number(occupant.serverPort());
    QProcess busy;
    QSignalSpy busyDone(&busy, &QProcess::finished);
    busy.start(program, { u"--data"_s, dir.path(), u"--port"_s, taken });
    QVERIFY(busyDone.wait(WaitMs));
    QCOMPARE(busy.exitCode(), 2);
    const QByteArray busyError = busy.readAllStandardError();
    QVERIFY2(busyError.startsWith(
                 QByteArray(QByteArray("stacscope-stac-emulator: cannot listen on 127.0.0.1:") + taken.toLatin1())),
        busyError.constData());
    QVERIFY(busy.readAllStandardOutput().isEmpty()); // no "listening on" line
}

// ---- LocalHttpServer / HttpServer ---------------------------------------------------------

void TestStacEmulator::rangeRequests()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    QByteArray blob;
    for (int i = 0; i < 1000; ++i)
        blob.append(char('a' + i % 26));
    LocalHttpServer::BlobOptions options;
    options.contentType = "image/tiff";
    options.etag = "\"v1\"";
    options.lastModified = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    server.addBlob(u"/cog.tif"_s, blob, options);
    LocalHttpServer::BlobOptions plain;
    plain.rangeSupported = false;
    server.addBlob(u"/plain.bin"_s, blob, plain);

    const QUrl url = server.url(u"/cog.tif"_s);
    const Result whole = get(url);
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.body, blob);
    QCOMPARE(whole.header("Accept-Ranges"), QByteArray("bytes"));
    QCOMPARE(whole.header("ETag"), QByteArray("\"v1\""));
    QCOMPARE(whole.header("Last-Modified"), QByteArray("Wed, 01 May 2024 12:00:00 GMT"));

    const Result part = get(url, { { "Range", "bytes=100-199" } });
    QCOMPARE(part.status, 206);
    QCOMPARE(part.header("Content-Range"), QByteArray("bytes 100-199/1000"));
    QCOMPARE(part.body, blob.mid(100, 100));
    QCOMPARE(get(url, { { "Range", "bytes=990-" } }).body, blob.mid(990));
    QCOMPARE(get(url, { { "Range", "bytes=-10" } }).body, blob.right(10));
    QCOMPARE(get(url, { { "Range", "bytes=900-5000" } }).header("Content-Range"), QByteArray("bytes 900-999/1000"));

    const Result outside = get(url, { { "Range", "bytes=1000-" } });
    QCOMPARE(outside.status, 416);
    QCOMPARE(outside.header("Content-Range"), QByteArray("bytes */1000"));

    // If-Range: a changed validator means "send everything".
    QCOMPARE(get(url, { { "Range", "bytes=0-9" }, { "If-Range", "\"v1\"" } }).status, 206);
    QCOMPARE(get(url, { { "Range", "bytes=0-9" }, { "If-Range", "\"v0\"" } }).status, 200);
    QCOMPARE(get(url, { { "Range", "bytes=0-9" }, { "If-Range", "Wed, 01 May 2024 12:00:00 GMT" } }).status, 206);
    QCOMPARE(get(url, { { "Range", "bytes=0-9" }, { "If-Range", "Tue, 30 Apr 2024 12:00:00 GMT" } }).status, 200);

    const Result ignored = get(server.url(u"/plain.bin"_s), { { "Range", "bytes=0-9" } });
    QCOMPARE(ignored.status, 200);
    QCOMPARE(ignored.body.size(), 1000);
    QCOMPARE(ignored.header("Accept-Ranges"), QByteArray("none"));

    const Result head = send(QNetworkRequest(url), "HEAD");
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Content-Length"), QByteArray("1000"));
    QVERIFY(head.body.isEmpty());
    QCOMPARE(server.hitCount(u"/cog.tif"_s), 11);
    QCOMPARE(server.hitCount("HEAD", u"/cog.tif"_s), 1);
}

void TestStacEmulator::redirectToSecondHost()
{
    LocalHttpServer first;
    LocalHttpServer second;
    QVERIFY(first.listen());
    QVERIFY(second.listen(QHostAddress(u"127.0.0.2"_s)));
    QCOMPARE(second.url().host(), u"127.0.0.2"_s);
    second.addRoute("GET", u"/data.json"_s, LocalHttpServer::Response::json("{\"where\":\"second\"}"));
    first.addRedirect(u"/moved"_s, second.url(u"/data.json?sig=abc"_s), 302);
    first.addRedirect(u"/permanent"_s, second.url(u"/data.json"_s), 308);

    const Result result = get(first.url(u"/moved"_s));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.body, QByteArray("{\"where\":\"second\"}"));
    QCOMPARE(result.url, second.url(u"/data.json?sig=abc"_s));
    QCOMPARE(second.lastRequest().localAddress, QHostAddress(u"127.0.0.2"_s));
    QCOMPARE(second.lastRequest().queryValue(u"sig"_s), u"abc"_s);

    QNetworkRequest manual(first.url(u"/permanent"_s));
    manual.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    const Result redirect = send(manual, "GET");
    QCOMPARE(redirect.status, 308);
    QCOMPARE(redirect.header("Location"), second.url(u"/data.json"_s).toEncoded());
    // Not exactly 1: QNetworkAccessManager (Qt 6.4) now and then writes the original GET of a
    // followed redirect twice on the same connection (seen in the server's byte log).
    QVERIFY(first.hitCount(u"/moved"_s) >= 1);
    QCOMPARE(second.hitCount(u"/data.json"_s), 1);
}

void TestStacEmulator::dropAfterBytes()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    const QByteArray body(10000, 'x');
    server.addRoute(
        u"/dropped"_s, LocalHttpServer::Response::make(200, body, "application/octet-stream").dropAfter(1000));
    server.addRoute(u"/hangup"_s, LocalHttpServer::Response::make(200, body).dropImmediately());

    const Result dropped = get(server.url(u"/dropped"_s));
    QVERIFY(dropped.error != QNetworkReply::NoError);
    QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
    QVERIFY(dropped.body.size() <= 1000);

    const Result hangup = get(server.url(u"/hangup"_s));
    QCOMPARE(hangup.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(hangup.status, 0);

    // Blob download cut in the middle, as for resume tests.
    LocalHttpServer::BlobOptions options;
    options.delivery.dropAfterBytes = 4096;
    server.addBlob(u"/big.bin"_s, QByteArray(100000, 'y'), options);
    QVERIFY(get(server.url(u"/big.bin"_s)).error != QNetworkReply::NoError);
    const Result tail = get(server.url(u"/big.bin"_s), { { "Range", "bytes=99000-" } });
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.body.size(), 1000);
}

void TestStacEmulator::slowChunksArriveInPieces()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    QByteArray body;
    for (int i = 0; i < 5; ++i)
        body.append(QByteArray(200, char('0' + i)));
    server.addRoute(u"/slow"_s, LocalHttpServer::Response::make(200, body, "text/plain").slow(200, 60));
    server.addRoute(u"/slow-chunked"_s, LocalHttpServer::Response::make(200, body).slow(200, 30).chunkedEncoding());
    server.addRoute(u"/late"_s, LocalHttpServer::Response::text("late").delayed(150));

    QElapsedTimer timer;
    timer.start();
    const Result slow = get(server.url(u"/slow"_s));
    QCOMPARE(slow.status, 200);
    QCOMPARE(slow.body, body);
    QVERIFY2(slow.pieces >= 3, qPrintable(QString::number(slow.pieces)));
    QVERIFY(timer.elapsed() >= 4 * 60 - 20);

    const Result chunked = get(server.url(u"/slow-chunked"_s));
    QCOMPARE(chunked.body, body);
    QCOMPARE(chunked.header("Transfer-Encoding"), QByteArray("chunked"));
    QVERIFY(chunked.header("Content-Length").isEmpty());

    timer.restart();
    QCOMPARE(get(server.url(u"/late"_s)).body, QByteArray("late"));
    QVERIFY(timer.elapsed() >= 140);
}

void TestStacEmulator::framingQuirks()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    const QByteArray body(500, 'z');
    server.addRoute(u"/long-claim"_s, LocalHttpServer::Response::make(200, body).wrongContentLength(800));
    server.addRoute(u"/short-claim"_s, LocalHttpServer::Response::make(200, body).wrongContentLength(100));
    server.addRoute(u"/no-length"_s, LocalHttpServer::Response::make(200, body).noContentLength());

    const Result longClaim = get(server.url(u"/long-claim"_s));
    QCOMPARE(longClaim.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(longClaim.header("Content-Length"), QByteArray("800"));

    const Result shortClaim = get(server.url(u"/short-claim"_s));
    QCOMPARE(shortClaim.status, 200);
    QCOMPARE(shortClaim.body.size(), 100);

    const Result noLength = get(server.url(u"/no-length"_s));
    QCOMPARE(noLength.error, QNetworkReply::NoError);
    QCOMPARE(noLength.body, body);
    QVERIFY(noLength.header("Content-Length").isEmpty());
    QCOMPARE(noLength.header("Connection"), QByteArray("close"));
}

void TestStacEmulator::responseSequenceAndHits()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    server.addSequence("GET", u"/flaky"_s,
        { LocalHttpServer::Response::text("busy", 503).withHeader("Retry-After", "1"),
            LocalHttpServer::Response::json("{\"ok\":true}") });
    const Result busy = get(server.url(u"/flaky?attempt=1"_s));
    QCOMPARE(busy.status, 503);
    QCOMPARE(busy.header("Retry-After"), QByteArray("1"));
    QCOMPARE(get(server.url(u"/flaky?attempt=2"_s)).status, 200);
    QCOMPARE(get(server.url(u"/flaky?attempt=3"_s)).status, 200); // the last response repeats
    QCOMPARE(server.hitCount(u"/flaky"_s), 3);
    QCOMPARE(server.hitCount("GET", u"/flaky"_s), 3);
    QCOMPARE(server.hitCount("POST", u"/flaky"_s), 0);
    QCOMPARE(post(server.url(u"/flaky"_s), {}).status, 404); // method-specific route
    QCOMPARE(get(server.url(u"/unknown"_s)).status, 404);

    server.addHandler("PUT", u"/echo"_s, [](const ReceivedRequest &request, HttpServerResponse &response) {
        response.respond(201, request.body, "application/octet-stream");
    });
    QNetworkRequest put(server.url(u"/echo"_s));
    const Result echoed = send(put, "PUT", "payload");
    QCOMPARE(echoed.status, 201);
    QCOMPARE(echoed.body, QByteArray("payload"));
}

void TestStacEmulator::recordedRequests()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    server.addRoute(u"/api"_s, LocalHttpServer::Response::json("{}"));
    QSignalSpy received(&server, &LocalHttpServer::requestReceived);

    QNetworkRequest request(server.url(u"/api?q=a%20b&sortby=%2Bid&x=%2F"_s));
    request.setRawHeader("X-Test", "one");
    request.setRawHeader("authorizationToken", "Bearer abc");
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QCOMPARE(send(request, "POST", "{\"a\":1}").status, 200);

    QCOMPARE(received.count(), 1);
    const QList<ReceivedRequest> requests = server.requests();
    QCOMPARE(requests.size(), 1);
    const ReceivedRequest &r = requests.first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, u"/api"_s);
    QCOMPARE(r.pathAndQuery(), QByteArray("/api?q=a%20b&sortby=%2Bid&x=%2F"));
    QCOMPARE(r.queryValue(u"q"_s), u"a b"_s);
    QCOMPARE(r.queryValue(u"sortby"_s), u"+id"_s);
    QCOMPARE(r.queryValue(u"x"_s), u"/"_s);
    QCOMPARE(r.header("x-test"), QByteArray("one"));
    QCOMPARE(r.header("AUTHORIZATIONTOKEN"), QByteArray("Bearer abc"));
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QVERIFY(r.hasHeader("Host"));
    QVERIFY(!r.hasHeader("Authorization"));
    QCOMPARE(r.body, QByteArray("{\"a\":1}"));
    QCOMPARE(r.peerAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(received.first().first().value<ReceivedRequest>().path, u"/api"_s);
    server.clearRequests();
    QCOMPARE(server.requestCount(), 0);
    QCOMPARE(server.hitCount(u"/api"_s), 0);
}

void TestStacEmulator::serveDirectory()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"catalog/items"_s));
    const auto write = [&dir](const QString &name, const QByteArray &data) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
    };
    QVERIFY(write(u"catalog/catalog.json"_s, "{\"type\":\"Catalog\"}"));
    QVERIFY(write(u"catalog/items/a.geojson"_s, "{\"type\":\"Feature\"}"));
    QVERIFY(write(u"secret.txt"_s, "outside"));

    LocalHttpServer server;
    QVERIFY(server.listen());
    server.serveDirectory(u"/static/"_s, dir.filePath(u"catalog"_s));
    const Result catalog = get(server.url(u"/static/catalog.json"_s));
    QCOMPARE(catalog.status, 200);
    QCOMPARE(catalog.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(catalog.body, QByteArray("{\"type\":\"Catalog\"}"));
    const Result item = get(server.url(u"/static/items/a.geojson"_s), { { "Range", "bytes=1-6" } });
    QCOMPARE(item.status, 206);
    QCOMPARE(item.header("Content-Type"), QByteArray("application/geo+json"));
    QCOMPARE(item.body, QByteArray("\"type\""));
    QCOMPARE(get(server.url(u"/static/missing.json"_s)).status, 404);
    QCOMPARE(get(server.url(u"/static/%2E%2E/secret.txt"_s)).status, 404);
    const QByteArray escape = rawExchange(server.server(), "GET /static/../secret.txt HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY2(escape.startsWith("HTTP/1.1 404"), escape.constData());
    QCOMPARE(get(server.url(u"/static/items"_s)).status, 404);
}

void TestStacEmulator::keepAliveAndDeferredResponse()
{
    HttpServer server;
    QVERIFY(server.listen());
    QList<QPointer<HttpServerResponse>> parked;
    server.setHandler([&parked](const ReceivedRequest &request, HttpServerResponse &response) {
        if (request.path == "/later"_L1) {
            // Answered from outside the handler, as an emulator with a state machine would.
            response.defer();
            parked.append(&response);
            return;
        }
        response.respond(200, request.path.toUtf8(), "text/plain");
    });

    QCOMPARE(get(server.url(u"/one"_s)).body, QByteArray("/one"));
    QCOMPARE(get(server.url(u"/two"_s)).body, QByteArray("/two"));
    const QList<ReceivedRequest> requests = server.requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).connectionId, requests.at(1).connectionId);
    QCOMPARE(requests.at(1).indexOnConnection, 1);
    QCOMPARE(server.acceptedConnectionCount(), quint64(1));

    QTimer::singleShot(50, this, [&parked] {
        for (const QPointer<HttpServerResponse> &response : std::as_const(parked)) {
            if (response) {
                response->respond(202, "done", "text/plain");
                response->send();
            }
        }
    });
    const Result later = get(server.url(u"/later"_s));
    QCOMPARE(later.status, 202);
    QCOMPARE(later.body, QByteArray("done"));

    server.setKeepAliveEnabled(false);
    QCOMPARE(get(server.url(u"/three"_s)).header("Connection"), QByteArray("close"));
    QCOMPARE(get(server.url(u"/four"_s)).status, 200);
    QVERIFY(server.acceptedConnectionCount() >= 2);
}

void TestStacEmulator::rawProtocol()
{
    HttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const ReceivedRequest &request, HttpServerResponse &response) {
        response.respond(200, request.method + ' ' + request.target + ' ' + request.body, "text/plain");
    });

    const auto exchange
        = [&server](const QByteArray &bytes, const QByteArray &until) { return rawExchange(&server, bytes, until); };

    // Two pipelined requests, the second with a chunked body, answered in order on one connection.
    const QByteArray pipelined = exchange("GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\n"
                                          "POST /b HTTP/1.1\r\nhost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                          "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n",
        "POST /b abcde");
    QVERIFY2(pipelined.contains("GET /a?x=1 "), pipelined.constData());
    QVERIFY2(pipelined.indexOf("GET /a?x=1") < pipelined.indexOf("POST /b abcde"), pipelined.constData());
    QCOMPARE(server.requests().constLast().body, QByteArray("abcde"));

    // HTTP/1.0 closes by default; HTTP/1.1 without Host is refused; garbage gets 400.
    const QByteArray old = exchange("GET /old HTTP/1.0\r\n\r\n", "\r\n\r\nGET /old");
    QVERIFY2(old.contains("Connection: close"), old.constData());
    QVERIFY(exchange("GET / HTTP/1.1\r\n\r\n", "\r\n\r\n").startsWith("HTTP/1.1 400"));
    QVERIFY(exchange("NONSENSE\r\n\r\n", "\r\n\r\n").startsWith("HTTP/1.1 400"));
    QVERIFY(exchange("GET / HTTP/2.0\r\nHost: h\r\n\r\n", "\r\n\r\n").startsWith("HTTP/1.1 505"));
    const QByteArray expect
        = exchange("POST /e HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n", "100 Continue");
    QVERIFY2(expect.startsWith("HTTP/1.1 100 Continue"), expect.constData());
}

QTEST_GUILESS_MAIN(TestStacEmulator)
#include "tst_stacemulator.moc"
