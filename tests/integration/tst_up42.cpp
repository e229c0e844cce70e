// UP42 end to end in the core against the emulator: the account's session (password grant,
// userinfo, a storage count), Spring-paged orders and assets with their filters and sorts reaching
// the server as documented, token renewal during a long listing, the storage STAC API through the
// generic client, downloads through signed links on another origin that expire mid-transfer, and
// quotations and orders that are sent once. Expected values come from the emulator's dataset table
// (up42emulatordataset.cpp), written out here by hand.
#include <memory>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/download/downloadmanager.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"
#include "src/providers/up42/up42api.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/stac/itemstore.h"
#include "tests/support/up42emulator.h"
#include "tests/support/up42testaccount.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

bool waitFor(StacJob *job, int ms = 30000)
{
    if (job->isFinished()) {
        return true;
    }
    QSignalSpy spy(job, &StacJob::finished);
    return spy.wait(ms);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList field(const QJsonArray &items, const QString &key)
{
    QStringList out;
    for (const QJsonValue &v : items) {
        out.append(v.toObject().value(key).toString());
    }
    return out;
}

const QString W1 = Up42Emulator::WorkspaceId.toString();
const QString W2 = Up42Emulator::SecondWorkspaceId.toString();

} // namespace

class TestUp42 : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Up42Emulator> m_emulator;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<NetworkClient> m_network;
    std::unique_ptr<CredentialRouter> m_router;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<ProviderRegistry> m_registry;
    std::unique_ptr<AccountManager> m_accounts;

    Up42Session *addAccount()
    {
        const QString id = addUp42TestAccount(m_accounts.get(), m_store.get(), *m_emulator, u"UP42"_s);
        return id.isEmpty() ? nullptr : qobject_cast<Up42Session *>(m_accounts->session(id));
    }

    QList<ReceivedRequest> calls(Up42Emulator::Service service, const QByteArray &method, const QString &path) const
    {
        QList<ReceivedRequest> out;
        for (const ReceivedRequest &r : m_emulator->requests(service)) {
            if (r.method == method && (path.isEmpty() || r.path == path)) {
                out.append(r);
            }
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<Up42Emulator>();
        QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_network = std::make_unique<NetworkClient>(m_nam.get());
        m_network->setBaseRetryDelay(5);
        m_router = std::make_unique<CredentialRouter>();
        m_network->setAuthenticator(m_router.get());
        m_secrets = std::make_unique<MemorySecretStore>();
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"accounts.conf"_s), QSettings::IniFormat);
        m_settings->clear();
        m_store = std::make_unique<AccountStore>(m_settings.get());
        m_registry = ProviderRegistry::createDefault();
        m_accounts = std::make_unique<AccountManager>(
            m_store.get(), m_registry.get(), ProviderServices { m_network.get(), m_router.get(), m_secrets.get() });
    }

    void cleanup()
    {
        m_accounts.reset();
        m_registry.reset();
        m_store.reset();
        m_settings.reset();
        m_secrets.reset();
        m_network.reset();
        m_router.reset();
        m_nam.reset();
        m_emulator.reset();
    }

    // Signing in: the password grant, userinfo's workspace, and storage counted (21 assets in the
    // default workspace: 15 from its orders, 4 processing outputs, 2 uploads).
    void signInNamesTheWorkspaceAndCountsStorage()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        AccountCheckJob *check = session->check();
        QVERIFY(waitFor(check));
        QVERIFY2(check->isOk(), qPrintable(check->error().toString()));
        QCOMPARE(session->workspaceId(), W1);
        QVERIFY2(check->report().contains(u"Storage: 21 assets"_s), qPrintable(check->report().join(u'|')));
        // Storage, and the orderable catalog's two hosts by title (Capella Space, OneAtlas for Airbus).
        QCOMPARE(session->catalogs().size(), 3);
        QCOMPARE(session->catalogs().at(0).name, u"UP42: UP42 storage"_s);
        QCOMPARE(session->catalogs().at(1).name, u"UP42: UP42 archive, Capella Space"_s);
        QCOMPARE(session->catalogs().at(2).name, u"UP42: UP42 archive, OneAtlas"_s);
        QCOMPARE(session->catalogs().at(2).location,
            m_emulator->apiUrl().toString() + u"/catalog/hosts/oneatlas/stac/search"_s);
        QVERIFY2(check->report().contains(u"Archive: 2 catalog hosts"_s), qPrintable(check->report().join(u'|')));
        QCOMPARE(session->catalogs().first().location, m_emulator->apiUrl().toString() + u"/v2/assets/stac/"_s);
        QCOMPARE(m_emulator->tokenRequestCount(u"password"_s), 1);
    }

    // Every page of the default workspace's eleven orders, four at a time: pages 0, 1 and 2.
    void ordersAllPages()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        Up42Api::OrderFilter filter;
        filter.workspaceId = W1;
        filter.sort = u"createdAt,desc"_s;
        Up42PagedJob job(m_network.get(), Up42Api::ordersUrl(m_emulator->apiUrl(), filter), 0, 4);
        QVERIFY(waitFor(&job));
        QVERIFY2(job.isOk(), qPrintable(job.error().toString()));
        QCOMPARE(job.pages(), 3);
        QCOMPARE(job.totalElements(), 11);
        QCOMPARE(job.items().size(), 11);
        const QStringList names = field(job.items(), u"displayName"_s);
        QCOMPARE(names.first(), u"Cape Town feasibility"_s);
        QCOMPARE(names.last(), u"Berlin monthly monitoring"_s);
        const QList<ReceivedRequest> pages = calls(Up42Emulator::Service::Api, "GET", u"/v2/orders"_s);
        QCOMPARE(pages.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(pages.at(i).queryValue(u"page"_s), QString::number(i));
            QCOMPARE(pages.at(i).queryValue(u"size"_s), u"4"_s);
            QCOMPARE(pages.at(i).queryValue(u"workspaceId"_s), W1);
            QCOMPARE(pages.at(i).queryValue(u"sort"_s), u"createdAt,desc"_s);
        }
    }

    // The documented filters go out as the notes say (array parameters repeated) and select what
    // the dataset table says: the default workspace's fulfilled archive orders, oldest first.
    void orderFilters()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        Up42Api::OrderFilter filter;
        filter.workspaceId = W1;
        filter.type = u"ARCHIVE"_s;
        filter.statuses = { u"FULFILLED"_s, u"CANCELED"_s };
        filter.sort = u"createdAt,asc"_s;
        Up42PagedJob *job = session->client()->orders(filter);
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        QCOMPARE(field(job->items(), u"displayName"_s),
            QStringList({ u"Lisbon test order"_s, u"Rotterdam SPOT 2024"_s, u"Hamburg port Pléiades"_s,
                u"Sydney Harbour Neo"_s }));
        const ReceivedRequest r = calls(Up42Emulator::Service::Api, "GET", u"/v2/orders"_s).first();
        QCOMPARE(r.query.allQueryItemValues(u"status"_s), QStringList({ u"FULFILLED"_s, u"CANCELED"_s }));
        QCOMPARE(r.queryValue(u"type"_s), u"ARCHIVE"_s);

        // A substring of the name, and tags.
        Up42Api::OrderFilter named;
        named.displayName = u"pléiades"_s;
        job = session->client()->orders(named);
        QVERIFY(waitFor(job));
        // Whatever the case, in both workspaces, newest first (the server's default sort).
        QCOMPARE(field(job->items(), u"displayName"_s),
            QStringList({ u"Madrid Pléiades"_s, u"Paris Pléiades Neo"_s, u"Hamburg port Pléiades"_s,
                u"Nairobi Pléiades analytic"_s }));
        QCOMPARE(calls(Up42Emulator::Service::Api, "GET", u"/v2/orders"_s).last().queryValue(u"displayName"_s),
            u"pléiades"_s);
        const Up42Order hamburg = Up42Api::parseOrder(job->items().at(2).toObject());
        QCOMPARE(hamburg.id, Up42Emulator::HamburgOrderId.toString());
        QCOMPARE(hamburg.status, u"FULFILLED"_s);
        QVERIFY(hamburg.isFinal());
        QVERIFY(!hamburg.isCancelable());
    }

    // A listing that outlives its token: the clock moves two minutes a page, so the 300 s token
    // expires again and again while it runs; every page still arrives, the token renewed before it
    // was refused.
    void tokenRenewedDuringALongListing()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        // The client's clock is the emulator's, as real clocks move together.
        Up42Emulator *emulator = m_emulator.get();
        session->tokens()->setClock([emulator] { return emulator->now(); });
        Up42PagedJob job(m_network.get(), Up42Api::assetsUrl(m_emulator->apiUrl(), {}), 0, 1);
        connect(&job, &Up42PagedJob::progress, this, [this] { m_emulator->advanceClock(120); });
        QVERIFY(waitFor(&job, 60000));
        QVERIFY2(job.isOk(), qPrintable(job.error().toString()));
        QCOMPARE(job.items().size(), 29);
        QCOMPARE(job.pages(), 29);
        // 28 x 120 s = 3360 s: at least eleven renewals of a 300 s token, by the refresh token
        // (Keycloak hands a new one with each, so the password is asked once).
        QCOMPARE(m_emulator->tokenRequestCount(u"password"_s), 1);
        QVERIFY2(m_emulator->tokenRequestCount(u"refresh_token"_s) >= 11,
            qPrintable(QString::number(m_emulator->tokenRequestCount(u"refresh_token"_s))));
        // No page was asked twice: none was refused for an expired token.
        QCOMPARE(calls(Up42Emulator::Service::Api, "GET", u"/v2/assets"_s).size(), 29);
    }

    void assetFiltersAndSort()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        Up42Api::AssetFilter filter;
        filter.workspaceId = W1;
        filter.sources = { u"ARCHIVE"_s };
        filter.sortField = u"size"_s;
        filter.descending = true;
        filter.createdAfter = QDateTime(QDate(2024, 1, 1), QTime(0, 0), QTimeZone::utc());
        Up42PagedJob *job = session->client()->assets(filter);
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        // The default workspace's archive deliveries of 2024: Sydney, Hamburg, Rotterdam.
        QStringList orders = field(job->items(), u"orderId"_s);
        QCOMPARE(orders.size(), 3);
        QVERIFY(orders.contains(Up42Emulator::HamburgOrderId.toString()));
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const QJsonValue &v : job->items()) {
            const Up42Asset a = Up42Api::parseAsset(v.toObject());
            QVERIFY(a.size <= previous);
            previous = a.size;
            QCOMPARE(a.source, u"ARCHIVE"_s);
        }
        const ReceivedRequest r = calls(Up42Emulator::Service::Api, "GET", u"/v2/assets"_s).first();
        QCOMPARE(r.queryValue(u"sort"_s), u"size,desc"_s);
        QCOMPARE(r.queryValue(u"sources"_s), u"ARCHIVE"_s);
        QCOMPARE(r.queryValue(u"createdAfter"_s), u"2024-01-01T00:00:00Z"_s);

        // An order's assets: a search by its id.
        Up42Api::AssetFilter ofOrder;
        ofOrder.search = Up42Emulator::BerlinOrderId.toString();
        job = session->client()->assets(ofOrder);
        QVERIFY(waitFor(job));
        QCOMPARE(job->items().size(), 10);
    }

    // One asset downloaded through its signed link: the link is asked for with the bearer token on
    // the API, the file comes from the other origin without it; the transfer breaks after 100 kB,
    // the link expires meanwhile, and it resumes from disk with a fresh one.
    void assetDownloadThroughExpiringSignedLinks()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        const QString id = Up42Emulator::HamburgAssetId.toString();
        const QByteArray expected = m_emulator->fileBytes(id);
        QCOMPARE(expected.size(), 529299);
        DownloadManager manager(m_nam.get());
        manager.setAuthenticator(m_router.get());
        manager.setUrlRefresher(m_accounts.get());
        m_emulator->dropFilesAfter(100000);
        bool expired = false;
        connect(&manager, &DownloadManager::taskChanged, this, [&](qint64 taskId) {
            if (!expired && manager.task(taskId).received > 0) {
                expired = true;
                m_emulator->advanceClock(31); // the link in hand expires while the body arrives
            }
        });
        const DownloadTask task = Up42Api::planAssetDownload(m_emulator->apiUrl(), id,
            u"oneatlas_e95750f3-a1e7-4c78-ab82-a096477af31b.zip"_s, 529299, m_dir.filePath(u"hamburg"_s),
            session->sourceId());
        QVERIFY(task.linkFromProvider);
        QSignalSpy idle(&manager, &DownloadManager::queueFinished);
        const qint64 taskId = manager.enqueue(task);
        QVERIFY(idle.wait(30000));
        const DownloadTask done = manager.task(taskId);
        QCOMPARE(done.state, DownloadState::Completed);
        QCOMPARE(readAll(done.targetPath), expected);
        QVERIFY(done.targetPath.endsWith(u"/hamburg/oneatlas_e95750f3-a1e7-4c78-ab82-a096477af31b.zip"_s));
        QVERIFY(calls(Up42Emulator::Service::Api, "POST", u"/v2/assets/"_s + id + u"/download-url"_s).size() >= 2);
        bool ranged = false;
        for (const ReceivedRequest &r : m_emulator->requests(Up42Emulator::Service::Files)) {
            QVERIFY2(!r.hasHeader("authorization"), "a bearer token reached the storage host");
            ranged = ranged || r.header("range").startsWith("bytes=100000-");
        }
        QVERIFY(ranged);
    }

    // The storage STAC API through the generic client: POST-only search, a CQL2 filter on the
    // asset id, token paging; a file of an item queued from that catalog is signed like any.
    void storageCatalogAndItsFiles()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        std::unique_ptr<CatalogSession> catalog(
            m_registry->openCatalog(m_network.get(), session->catalogs().first(), nullptr));
        QVERIFY(catalog);
        SearchParameters p;
        p.filter = QJsonObject { { u"op"_s, u"="_s },
            { u"args"_s,
                QJsonArray {
                    QJsonObject { { u"property"_s, u"asset_id"_s } }, Up42Emulator::HamburgAssetId.toString() } } };
        p.limit = 1; // two items: two pages
        ItemStore store;
        QSignalSpy done(catalog.get(), &CatalogSession::searchFinished);
        catalog->search(p, 0, &store);
        QVERIFY(done.wait(30000));
        QVERIFY2(!done.first().at(0).value<NetworkError>().isError(),
            qPrintable(done.first().at(0).value<NetworkError>().toString()));
        QCOMPARE(store.size(), 2);
        const QList<ReceivedRequest> searches = calls(Up42Emulator::Service::Api, "POST", u"/v2/assets/stac/search"_s);
        QCOMPARE(searches.size(), 2);
        QVERIFY(
            QJsonDocument::fromJson(searches.at(1).body).object().value(u"token"_s).toString().startsWith(u"next:"_s)
            || searches.at(1).rawQuery.contains("token=next"));

        // A data file of the first item, queued from the catalog: signed before it is fetched.
        const QJsonObject item = QJsonDocument::fromJson(store.rawJson(0)).object();
        QString key;
        QJsonObject asset;
        const QJsonObject assets = item.value(u"assets"_s).toObject();
        for (auto it = assets.begin(); it != assets.end(); ++it) {
            if (Up42Api::assetRole(it.value().toObject()) == u"data"_s) {
                key = it.key();
                asset = it.value().toObject();
            }
        }
        QVERIFY2(!key.isEmpty(), "no data file");
        const QUrl href(asset.value(u"href"_s).toString());
        QVERIFY(Up42Api::isStorageHref(m_emulator->apiUrl(), href));
        DownloadTask t;
        t.url = href;
        t.targetPath = m_dir.filePath(u"stac/"_s + key);
        t.sourceId = session->catalogs().first().id();
        DownloadManager manager(m_nam.get());
        manager.setAuthenticator(m_router.get());
        manager.setUrlRefresher(m_accounts.get());
        QSignalSpy idle(&manager, &DownloadManager::queueFinished);
        const qint64 id = manager.enqueue(t);
        QVERIFY(manager.task(id).linkFromProvider);
        QVERIFY(idle.wait(30000));
        QCOMPARE(manager.task(id).state, DownloadState::Completed);
        QCOMPARE(readAll(t.targetPath), m_emulator->fileBytes(Up42Api::assetIdOfHref(href)));
        for (const ReceivedRequest &r : m_emulator->requests(Up42Emulator::Service::Files)) {
            QVERIFY(!r.hasHeader("authorization"));
        }
    }

    // Accepting a quotation commits its credits: one PATCH with the documented body, and a lost
    // answer is not sent again.
    void quotationsAreDecidedOnce()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        Up42PagedJob *list = session->client()->quotations(W1, {}, { u"NOT_DECIDED"_s });
        QVERIFY(waitFor(list));
        QVERIFY2(list->isOk(), qPrintable(list->error().toString()));
        QCOMPARE(list->items().size(), 1); // Tokyo Bay's
        const Up42Quotation q = Up42Api::parseQuotation(list->items().first().toObject());
        QCOMPARE(q.id, Up42Emulator::TokyoQuotationId.toString());
        QCOMPARE(q.orderId, Up42Emulator::TokyoOrderId.toString());
        QCOMPARE(q.creditsPrice, 12500);
        QCOMPARE(q.decision, u"NOT_DECIDED"_s);

        const QString path = u"/v2/tasking/quotation/"_s + q.id;
        m_emulator->loseAnswers("PATCH", path);
        JsonCallJob *accept = session->client()->decideQuotation(q.id, true);
        QVERIFY(waitFor(accept));
        QVERIFY(!accept->isOk());
        QCOMPARE(calls(Up42Emulator::Service::Api, "PATCH", path).size(), 1);
        QCOMPARE(QJsonDocument::fromJson(calls(Up42Emulator::Service::Api, "PATCH", path).first().body).object(),
            QJsonObject({ { u"decision"_s, u"ACCEPTED"_s } }));
        // It was carried out: the order moved on.
        JsonCallJob *order = session->client()->order(q.orderId);
        QVERIFY(waitFor(order));
        QCOMPARE(Up42Api::parseOrder(order->json()).subStatus, u"QUOTATION_ACCEPTED"_s);
    }

    // An archive order as a user makes one: a scene found on a catalog host, its collection's data
    // product, the credit estimate (a price check, asked twice if need be), then the placement sent
    // once: a lost answer is not sent again, and the order was made.
    void estimateThenPlaceOnce()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        JsonCallJob *search = session->client()->searchHost(u"oneatlas"_s,
            QJsonObject { { u"collections"_s, QJsonArray { u"phr"_s } }, { u"limit"_s, 1 },
                { u"query"_s, QJsonObject { { u"cloudCoverage"_s, QJsonObject { { u"LTE"_s, 100 } } } } } });
        QVERIFY(waitFor(search));
        QVERIFY2(search->isOk(), qPrintable(search->error().toString()));
        const QJsonObject scene = search->json().value(u"features"_s).toArray().first().toObject();
        const QString sceneId = scene.value(u"properties"_s).toObject().value(u"id"_s).toString();
        QVERIFY(m_emulator->sceneIds(u"oneatlas"_s).contains(sceneId));

        Up42PagedJob *collections = session->client()->collections();
        QVERIFY(waitFor(collections));
        QString product;
        for (const QJsonValue &v : collections->items()) {
            for (const Up42Api::DataProduct &p : Up42Api::parseDataProducts(v.toObject())) {
                if (p.collection == u"phr"_s && product.isEmpty()) {
                    product = p.id;
                }
            }
        }
        QVERIFY(!product.isEmpty());
        const QJsonObject payload = Up42Api::orderPayload(product, u"Scene for the harbour"_s,
            QJsonObject { { u"id"_s, sceneId } },
            QJsonArray { QJsonObject { { u"type"_s, u"Feature"_s }, { u"geometry"_s, scene.value(u"geometry"_s) } } },
            { u"harbour"_s });
        JsonCallJob *estimate = session->client()->estimate(payload);
        QVERIFY(waitFor(estimate));
        QVERIFY2(estimate->isOk(), qPrintable(estimate->error().toString()));
        const Up42Estimate e = Up42Api::parseEstimate(estimate->json());
        QVERIFY(e.totalCredits > 0);
        QCOMPARE(e.lines.size(), 1);
        QCOMPARE(e.lines.first().credits, e.totalCredits);
        QVERIFY(e.errors.isEmpty());
        QVERIFY(m_emulator->placements().isEmpty()); // an estimate orders nothing

        m_emulator->loseAnswers("POST", u"/v2/orders"_s);
        JsonCallJob *place = session->client()->placeOrder(W1, payload);
        QVERIFY(waitFor(place));
        QVERIFY(!place->isOk()); // the answer was lost...
        QCOMPARE(calls(Up42Emulator::Service::Api, "POST", u"/v2/orders"_s).size(), 1); // ...and not sent again
        QCOMPARE(m_emulator->placements().size(), 1); // though the order was made
        const ReceivedRequest sent = calls(Up42Emulator::Service::Api, "POST", u"/v2/orders"_s).first();
        QCOMPARE(sent.queryValue(u"workspaceId"_s), W1);
        QCOMPARE(QJsonDocument::fromJson(sent.body).object(), payload);
        QCOMPARE(m_emulator->placements().first().credits, int(e.totalCredits));
    }

    // "UP42 archive, OneAtlas" in the catalog picker: its collections, a search with cloud cover
    // (the proprietary query) over an area, every page by re-POSTing the body to the next link, the
    // results as STAC items in the store.
    void archiveHostAsACatalog()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        AccountCheckJob *check = session->check();
        QVERIFY(waitFor(check));
        QCOMPARE(session->catalogs().size(), 3);
        std::unique_ptr<CatalogSession> catalog(
            m_registry->openCatalog(m_network.get(), session->catalogs().at(2), nullptr));
        QVERIFY(catalog);
        QSignalSpy opened(catalog.get(), &CatalogSession::opened);
        catalog->open();
        QVERIFY(opened.wait(15000));
        QStringList ids;
        for (const StacCollection &c : catalog->collections()) {
            ids.append(c.id);
        }
        ids.sort();
        QCOMPARE(ids, QStringList({ u"phr"_s, u"pneo"_s, u"spot"_s })); // Airbus's archive collections

        SearchParameters p;
        p.collections = { u"phr"_s, u"spot"_s, u"pneo"_s };
        p.filter = QJsonObject { { u"op"_s, u"<="_s },
            { u"args"_s, QJsonArray { QJsonObject { { u"property"_s, u"eo:cloud_cover"_s } }, 60 } } };
        p.limit = 3;
        ItemStore store;
        QSignalSpy done(catalog.get(), &CatalogSession::searchFinished);
        m_emulator->clearRequests();
        catalog->search(p, 7, &store);
        QVERIFY(done.wait(30000));
        QVERIFY2(!done.first().at(0).value<NetworkError>().isError(),
            qPrintable(done.first().at(0).value<NetworkError>().toString()));
        QCOMPARE(store.size(), 7); // 3 + 3 + 1 of the third page
        const QList<ReceivedRequest> pages
            = calls(Up42Emulator::Service::Api, "POST", u"/catalog/hosts/oneatlas/stac/search"_s);
        QCOMPARE(pages.size(), 3);
        const QJsonObject first = QJsonDocument::fromJson(pages.at(0).body).object();
        QCOMPARE(first.value(u"query"_s).toObject(),
            QJsonObject({ { u"cloudCoverage"_s, QJsonObject { { u"LTE"_s, 60 } } } }));
        QCOMPARE(first.value(u"limit"_s).toInt(), 3);
        QVERIFY(!first.contains(u"filter"_s));
        QVERIFY(!pages.at(0).hasQueryItem(u"next"_s));
        for (int i = 1; i < 3; ++i) {
            QCOMPARE(QJsonDocument::fromJson(pages.at(i).body).object(), first); // the same body
            QVERIFY(pages.at(i).queryValue(u"next"_s).startsWith(u"next:"_s));
        }
        // Quicklooks (OneAtlas's collections say QUICKLOOK_AVAILABLE): a thumbnail asset on the API
        // host, fetched with the account's token like any API call.
        for (int row = 0; row < store.size(); ++row) {
            const QJsonObject item = QJsonDocument::fromJson(store.rawJson(row)).object();
            const QJsonObject quicklook = item.value(u"assets"_s).toObject().value(u"quicklook"_s).toObject();
            QCOMPARE(quicklook.value(u"href"_s).toString(),
                m_emulator->apiUrl().toString() + u"/catalog/oneatlas/image/"_s + item.value(u"id"_s).toString()
                    + u"/quicklook"_s);
            QCOMPARE(quicklook.value(u"roles"_s).toArray(), QJsonArray({ u"thumbnail"_s }));
        }
        HttpCall *jpeg = m_network->send(HttpRequest::get(QUrl(QJsonDocument::fromJson(store.rawJson(0))
                                                                   .object()
                                                                   .value(u"assets"_s)
                                                                   .toObject()
                                                                   .value(u"quicklook"_s)
                                                                   .toObject()
                                                                   .value(u"href"_s)
                                                                   .toString())),
            this);
        QSignalSpy fetched(jpeg, &HttpCall::finished);
        QVERIFY(fetched.wait(15000));
        QVERIFY2(jpeg->isOk(), qPrintable(jpeg->error().toString()));
        QCOMPARE(jpeg->body(), m_emulator->quicklookBytes(store.at(0).id));
        jpeg->deleteLater();
        for (const ItemRecord &r : store.items()) {
            QVERIFY(!r.id.isEmpty()); // UP42 puts it inside properties
            QVERIFY(ItemRecord::isSet(r.cloudCover) && r.cloudCover <= 60.0f);
            QVERIFY(p.collections.contains(r.collection));
            QVERIFY(m_emulator->sceneIds(u"oneatlas"_s).contains(r.id));
        }

        // A collection this host does not serve: UP42's 422, in words.
        SearchParameters wrong;
        wrong.collections = { u"capella-spotlight"_s };
        done.clear();
        catalog->search(wrong, 0, &store);
        QVERIFY(done.wait(30000));
        const NetworkError error = done.first().at(0).value<NetworkError>();
        QCOMPARE(error.httpStatus, 422);
        QVERIFY2(error.message.startsWith(u"UP42 refused the search: "_s), qPrintable(error.message));
        // And what the host cannot express is refused before anything is sent.
        SearchParameters other;
        other.filter = QJsonObject { { u"op"_s, u"<="_s },
            { u"args"_s, QJsonArray { QJsonObject { { u"property"_s, u"view:off_nadir"_s } }, 10 } } };
        done.clear();
        m_emulator->clearRequests();
        catalog->search(other, 0, &store);
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).value<NetworkError>().kind, NetworkError::Kind::Validation);
        QVERIFY(calls(Up42Emulator::Service::Api, "POST", {}).isEmpty());
    }

    // A bad catalog query is refused with 422, said in words.
    void badHostQueryIsExplained()
    {
        Up42Session *session = addAccount();
        QVERIFY(session);
        JsonCallJob *search = session->client()->searchHost(u"oneatlas"_s,
            QJsonObject { { u"query"_s, QJsonObject { { u"gsd"_s, QJsonObject { { u"LTE"_s, 1 } } } } } });
        QVERIFY(waitFor(search));
        QVERIFY(!search->isOk());
        QCOMPARE(search->error().httpStatus, 422);
        const QString text = Up42Api::explain(search->error());
        QVERIFY2(text.startsWith(u"UP42 refused the search: "_s) && text.size() > 30, qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestUp42)
#include "tst_up42.moc"
