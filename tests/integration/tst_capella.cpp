// Capella end to end in the core against the emulator: the account's session and API key, the
// catalog (Query extension, next links on another host, duplicates, the 10,000 cap, filters
// applied locally), orders that are never sent twice, and presigned downloads whose links expire
// mid-transfer and are signed again through the order, never with the API key.
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

#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/download/downloadmanager.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/providerregistry.h"
#include "src/stac/cql2.h"
#include "src/stac/itemstore.h"
#include "src/store/database.h"
#include "src/store/downloadqueuestore.h"
#include "tests/support/capellaemulator.h"

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

QJsonObject bodyOf(const ReceivedRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

} // namespace

class TestCapella : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CapellaEmulator> m_emulator;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<NetworkClient> m_network;
    std::unique_ptr<CredentialRouter> m_router;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<ProviderRegistry> m_registry;
    std::unique_ptr<AccountManager> m_accounts;

    CapellaSession *addAccount(const QByteArray &key = QByteArray(CapellaEmulator::DefaultApiKey.toLatin1()))
    {
        Account a;
        a.name = u"Capella"_s;
        a.provider = u"capella"_s;
        a.endpoints = { { u"api"_s, m_emulator->apiUrl() } };
        QString error = u"pending"_s;
        m_accounts->saveAccount(a, { { u"api_key"_s, key } }, this, [&](const QString &e) { error = e; });
        if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 5000) || !error.isEmpty()) {
            return nullptr;
        }
        return qobject_cast<CapellaSession *>(m_accounts->session(m_store->byName(a.name).id));
    }

    QList<ReceivedRequest> apiCalls(const QByteArray &method, const QString &path) const
    {
        QList<ReceivedRequest> out;
        for (const ReceivedRequest &r : m_emulator->requests(CapellaEmulator::Service::Api)) {
            if (r.method == method && r.path == path) {
                out.append(r);
            }
        }
        return out;
    }

    // Searches the account's catalog through the registry, as the window does.
    std::pair<NetworkError, QStringList> search(
        CapellaSession *session, const SearchParameters &p, ItemStore *store, int maxItems = 0)
    {
        std::unique_ptr<CatalogSession> catalog(
            m_registry->openCatalog(m_network.get(), session->catalogs().first(), nullptr));
        if (!catalog) {
            return { NetworkError::make(NetworkError::Kind::BadResponse, u"no catalog"_s), {} };
        }
        QSignalSpy done(catalog.get(), &CatalogSession::searchFinished);
        catalog->search(p, maxItems, store);
        if (!done.wait(60000)) {
            return { NetworkError::make(NetworkError::Kind::Timeout, u"search did not finish"_s), {} };
        }
        return { done.first().at(0).value<NetworkError>(), done.first().at(1).toStringList() };
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<CapellaEmulator>();
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
        m_store.reset();
        m_settings.reset();
        m_router.reset();
        m_network.reset();
        m_nam.reset();
        m_emulator.reset();
    }

    void checkNamesUserAndRefusesWrongKey()
    {
        CapellaSession *session = addAccount();
        QVERIFY(session);
        AccountCheckJob *check = session->check();
        QVERIFY(waitFor(check));
        QVERIFY2(check->isOk(), qPrintable(check->error().toString()));
        QCOMPARE(session->userId(), CapellaEmulator::UserId.toString());
        QCOMPARE(session->organizationId(), CapellaEmulator::OrganizationId.toString());
        QCOMPARE(session->state(), AccountSession::State::Ready);
        const ReceivedRequest user = apiCalls("GET", u"/user"_s).first();
        QCOMPARE(user.header("Authorization"), "ApiKey " + CapellaEmulator::DefaultApiKey.toLatin1());
        QCOMPARE(session->catalogs().size(), 1);
        QCOMPARE(session->catalogs().first().providerId(), u"capella"_s);

        m_accounts->removeAccount(m_store->byName(u"Capella"_s).id, this, [](const QString &) {});
        CapellaSession *wrong = addAccount("not-a-key");
        QVERIFY(wrong);
        AccountCheckJob *refused = wrong->check();
        QVERIFY(waitFor(refused));
        QVERIFY(refused->error().isCredentialProblem());
        QCOMPARE(wrong->state(), AccountSession::State::Refused);
        QCOMPARE(CapellaApi::errorCode(refused->error()), u"INVALID_API_KEY"_s);
    }

    // Next links name the STAC server's host: every page goes to our search URL with its page
    // number; a page that repeats the previous one's last item adds nothing twice.
    void pagingQuirkAndDuplicates()
    {
        CapellaSession *session = addAccount();
        QVERIFY(session);
        m_emulator->setDuplicateAcrossPages(true);
        ItemStore store;
        SearchParameters p;
        p.limit = 20;
        p.sortBy = SortField::parseList(u"-datetime"_s);
        const auto [error, warnings] = search(session, p, &store);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QCOMPARE(store.size(), m_emulator->items().size());
        const QList<ReceivedRequest> pages = apiCalls("POST", u"/catalog/search"_s);
        QVERIFY(pages.size() >= 3);
        for (int i = 0; i < pages.size(); ++i) {
            QCOMPARE(pages[i].localPort, quint16(m_emulator->apiUrl().port()));
            QCOMPARE(bodyOf(pages[i]).value(u"sortby"_s).toArray().first().toObject().value(u"field"_s).toString(),
                u"properties.datetime"_s);
            if (i > 0) {
                QCOMPARE(pages[i].queryValue(u"page"_s), QString::number(i + 1));
                QCOMPARE(bodyOf(pages[i]).value(u"page"_s).toInt(), i + 1);
            }
        }
    }

    // What the Query extension cannot say is applied here, and said so.
    void localFilterPart()
    {
        CapellaSession *session = addAccount();
        QVERIFY(session);
        ItemStore store;
        SearchParameters p;
        p.filter = Cql2::parseText(u"product_type = 'GEO' AND (platform = 'capella-7' OR platform LIKE 'capella-1%')"_s)
                       .expression;
        const auto [error, warnings] = search(session, p, &store);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QVERIFY(warnings.join(u' ').contains(u"applied here"_s));
        QCOMPARE(bodyOf(apiCalls("POST", u"/catalog/search"_s).first()).value(u"query"_s).toObject(),
            QJsonDocument::fromJson("{\"sar:product_type\":{\"eq\":\"GEO\"}}").object());
        int expected = 0;
        for (const QJsonObject &item : m_emulator->items()) {
            const QJsonObject props = item.value(u"properties"_s).toObject();
            const QString platform = props.value(u"platform"_s).toString();
            expected += props.value(u"sar:product_type"_s) == u"GEO"_s
                    && (platform == u"capella-7"_s || platform.startsWith(u"capella-1"_s))
                ? 1
                : 0;
        }
        QCOMPARE(store.size(), expected);
    }

    void tenThousandCap()
    {
        m_emulator->setItems(CapellaEmulator::generateItems(10050, 7));
        CapellaSession *session = addAccount();
        QVERIFY(session);
        ItemStore store;
        SearchParameters p;
        p.limit = 900;
        const auto [error, warnings] = search(session, p, &store);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QCOMPARE(store.size(), 10000);
        QVERIFY2(warnings.join(u' ').contains(u"at most 10000"_s), qPrintable(warnings.join(u'\n')));
        QCOMPARE(apiCalls("POST", u"/catalog/search"_s).size(), 12);
    }

    // A costly request is sent once: a 500 is not retried, and the job says it went out.
    void orderNeverRetried()
    {
        CapellaSession *session = addAccount();
        QVERIFY(session);
        QString granule;
        for (const QJsonObject &item : m_emulator->items()) {
            if (m_emulator->itemOwnership(item.value(u"id"_s).toString()) == u"availableForPurchase"_s) {
                granule = item.value(u"id"_s).toString();
                break;
            }
        }
        const QString collection = m_emulator->item(granule).value(u"collection"_s).toString();
        m_emulator->rejectNextApiRequests(1, 500);
        auto *job = new CapellaSubmitOrderJob(
            session->client(), CapellaEmulator::UserId.toString(), { { collection, granule } }, {}, false, this);
        QVERIFY(waitFor(job));
        QVERIFY(!job->isOk());
        QVERIFY(job->submitted());
        QCOMPARE(apiCalls("POST", u"/orders"_s).size(), 1);
        QCOMPARE(m_emulator->orderSubmissions(), 0);
    }

    // The order's links expire while a raster is downloading: the refresher presigns again and
    // the transfer resumes from the bytes on disk; the file host never sees the API key, and the
    // queue database keeps the presign endpoint, never a signature.
    void presignedDownloadResumesAfterExpiry()
    {
        CapellaSession *session = addAccount();
        QVERIFY(session);
        m_emulator->setRasterSize(600000);
        QStringList granules;
        QList<CapellaGranule> order;
        for (const QJsonObject &item : m_emulator->items()) {
            const QString id = item.value(u"id"_s).toString();
            if (m_emulator->itemOwnership(id) == u"availableForPurchase"_s && order.size() < 2) {
                order.append({ item.value(u"collection"_s).toString(), id });
            }
        }
        auto *submit
            = new CapellaSubmitOrderJob(session->client(), CapellaEmulator::UserId.toString(), order, {}, true, this);
        QVERIFY(waitFor(submit));
        QVERIFY2(submit->isOk(), qPrintable(submit->error().toString()));
        QVERIFY(!submit->reused());
        m_emulator->setLinkLifetime(60);
        JsonCallJob *presign = session->client()->presign(submit->order().id);
        QVERIFY(waitFor(presign));
        QVERIFY(presign->isOk());
        CapellaApi::AssetFilter filter;
        filter.include = { u"raster"_s, u"metadata"_s };
        const QString root = m_dir.filePath(u"orders"_s);
        const QList<DownloadTask> tasks = CapellaApi::planDownload(CapellaApi::parsePresigned(presign->array()),
            submit->order().id, session->client()->apiUrl(), root, filter, session->sourceId());
        QCOMPARE(tasks.size(), 4);

        Database db(m_dir.filePath(u"queue.sqlite"_s));
        QVERIFY(db.open());
        DownloadQueueStore queue(db);
        DownloadManager manager(m_nam.get());
        manager.setAuthenticator(m_router.get());
        manager.setUrlRefresher(m_accounts.get());
        manager.setPersistence(&queue);
        manager.setBaseRetryDelay(5);
        manager.setMaxParallel(1);
        m_emulator->setFilePacing(16384, 5);
        m_emulator->breakNextTransfers(1, 200000);
        bool advanced = false;
        connect(&manager, &DownloadManager::taskChanged, this, [&](qint64 id) {
            if (!advanced && manager.task(id).received > 0) {
                advanced = true;
                m_emulator->advanceClock(120); // the links expire while the first file is in use
            }
        });
        QSignalSpy idle(&manager, &DownloadManager::queueFinished);
        const QList<qint64> ids = manager.enqueue(tasks);
        QVERIFY(idle.wait(60000));
        for (qint64 id : ids) {
            const DownloadTask t = manager.task(id);
            QVERIFY2(t.state == DownloadState::Completed, qPrintable(t.error));
            QCOMPARE(readAll(t.targetPath), m_emulator->assetBytes(t.itemId, t.assetKey));
        }
        QCOMPARE(apiCalls("GET", u"/orders/"_s + submit->order().id + u"/download"_s).size(), 2);
        bool refused = false;
        bool resumed = false;
        for (const ReceivedRequest &r : m_emulator->requests(CapellaEmulator::Service::Files)) {
            QVERIFY(!r.hasHeader("Authorization"));
            refused = refused || r.queryValue(u"Expires"_s).toLongLong() < m_emulator->now().toSecsSinceEpoch() - 30;
            resumed = resumed || r.header("Range") == "bytes=200000-";
        }
        QVERIFY(refused);
        QVERIFY(resumed);
        QCOMPARE(m_emulator->fileRequestsWithAuthorization(), 0);
        QByteArray stored;
        for (const QString &suffix : { u""_s, u"-wal"_s }) {
            stored += readAll(db.path() + suffix);
        }
        QVERIFY(stored.contains("/download"));
        QVERIFY(!stored.contains("Signature="));
        QVERIFY(!stored.contains(CapellaEmulator::DefaultApiKey.toLatin1()));
    }
};

QTEST_GUILESS_MAIN(TestCapella)
#include "tst_capella.moc"
