// Satellogic end to end against the emulator: signing in with two audiences and the right header
// on each host, contracts, the archive (seed 000), tasking (seed 002), delivery (seed 001) with a
// link that expires mid-download, token renewal, and no secret in any file StacScope writes.
#include <memory>

#include <QDirIterator>
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

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/auth/secretstore.h"
#include "src/auth/tokensource.h"
#include "src/download/downloadmanager.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"
#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicclient.h"
#include "src/providers/satellogic/satellogicsession.h"
#include "src/stac/cql2.h"
#include "src/store/database.h"
#include "src/store/downloadqueuestore.h"
#include "tests/support/httpserver.h"
#include "tests/support/satellogicemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kClientId = "emulator-client";
const QByteArray kSecret = "emulator-secret";
const QString kFirst = u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s;
const QString kSecond = u"cont.022dc3f5-1ccd-48bc-98cd-6e0d668ed50e"_s;

bool waitFor(StacJob *job, int ms = 20000)
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

// The bytes as UTF-8 and as UTF-16 (either byte order): a QSettings or SQLite file may hold either.
bool holds(const QByteArray &haystack, const QByteArray &needle)
{
    const QString text = QString::fromUtf8(needle);
    QByteArray le;
    QByteArray be;
    for (const QChar c : text) {
        le += char(c.unicode() & 0xff);
        le += char(c.unicode() >> 8);
        be += char(c.unicode() >> 8);
        be += char(c.unicode() & 0xff);
    }
    return haystack.contains(needle) || haystack.contains(le) || haystack.contains(be);
}

QJsonObject pointTask(const QString &name)
{
    return QJsonObject { { u"task_name"_s, name }, { u"project_name"_s, u"Ports"_s }, { u"product"_s, 169 },
        { u"target"_s,
            QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 72.905273, 19.023001 } } } },
        { u"start"_s, u"2026-12-10T00:00:00+03:00"_s }, { u"end"_s, u"2026-12-20T00:00:00+03:00"_s } };
}

} // namespace

class TestSatellogic : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SatellogicEmulator> m_emulator;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<NetworkClient> m_network;
    std::unique_ptr<CredentialRouter> m_router;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<AccountStore> m_store;
    std::unique_ptr<ProviderRegistry> m_registry;
    std::unique_ptr<AccountManager> m_accounts;

    // A stored account pointed at the emulator, secrets in the (memory) secret store.
    SatellogicSession *addAccount(const QString &contract = {}, bool legacy = false)
    {
        Account a;
        a.name = legacy ? u"Legacy"_s : u"Satellogic"_s;
        a.provider = u"satellogic"_s;
        a.endpoints = { { u"auth"_s, m_emulator->authUrl() }, { u"accounts"_s, m_emulator->accountsUrl() },
            { u"api"_s, m_emulator->apiUrl() } };
        if (!contract.isEmpty()) {
            a.options.insert(u"contract"_s, contract);
        }
        a.options.insert(u"legacy"_s, legacy);
        QString error = u"pending"_s;
        m_accounts->saveAccount(a,
            { { u"client_id"_s, legacy ? QByteArray("legacy-client") : kClientId },
                { u"client_secret"_s, legacy ? QByteArray("legacy-secret") : kSecret } },
            this, [&](const QString &e) { error = e; });
        if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 5000) || !error.isEmpty()) {
            return nullptr;
        }
        return qobject_cast<SatellogicSession *>(m_accounts->session(m_store->byName(a.name).id));
    }

    // The app's download side: a SQLite queue, credentials from the router, links from the accounts.
    struct Downloads
    {
        Downloads(const QString &path, QNetworkAccessManager *nam, Authenticator *auth, UrlRefresher *refresher)
            : db(path)
            , manager(nam)
        {
            QVERIFY(db.open());
            queue = std::make_unique<DownloadQueueStore>(db);
            manager.setAuthenticator(auth);
            manager.setUrlRefresher(refresher);
            manager.setPersistence(queue.get());
            manager.setBaseRetryDelay(5);
        }
        // Destroyed in reverse: the manager saves to the queue before the queue and database go.
        Database db;
        std::unique_ptr<DownloadQueueStore> queue;
        DownloadManager manager;
    };

    static QList<ReceivedRequest> requestsTo(const QList<ReceivedRequest> &all, const QString &prefix)
    {
        QList<ReceivedRequest> out;
        for (const ReceivedRequest &r : all) {
            if (r.path.startsWith(prefix)) {
                out.append(r);
            }
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<SatellogicEmulator>();
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

    // Signing in: a token per audience, the contracts with "Authorization: Bearer" on the
    // accounts host, the API with "authorizationToken" and the contract id, and nothing else.
    void signInUsesEachHostsHeaders()
    {
        SatellogicSession *session = addAccount(kFirst);
        QVERIFY(session);
        AccountCheckJob *check = session->check();
        QVERIFY(waitFor(check));
        QVERIFY2(check->isOk(), qPrintable(check->error().toString()));
        const QString report = check->report().join(u'\n');
        QVERIFY2(report.contains(u"Token for the API: ok"_s), qPrintable(report));
        QVERIFY2(report.contains(u"2 contracts"_s), qPrintable(report));
        QVERIFY2(report.contains(u"Tasking: allowed, 2 products"_s), qPrintable(report));
        QCOMPARE(session->state(), AccountSession::State::Ready);

        const QList<ReceivedRequest> tokens = m_emulator->requests(SatellogicEmulator::Service::Auth);
        QCOMPARE(tokens.size(), 2);
        QSet<QString> audiences;
        for (const ReceivedRequest &r : tokens) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            QCOMPARE(body.value(u"grant_type"_s).toString(), u"client_credentials"_s);
            QCOMPARE(body.value(u"client_id"_s).toString(), QString::fromLatin1(kClientId));
            audiences.insert(body.value(u"audience"_s).toString());
        }
        QCOMPARE(audiences, (QSet<QString> { u"https://api.satellogic.com/"_s, u"api"_s }));

        const QList<ReceivedRequest> accounts = m_emulator->requests(SatellogicEmulator::Service::Accounts);
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.first().path, u"/v2/my/contracts"_s);
        QVERIFY(accounts.first().header("Authorization").startsWith("Bearer "));
        QVERIFY(!accounts.first().hasHeader("authorizationToken"));
        QVERIFY(!accounts.first().hasHeader("X-Satellogic-Contract-Id"));

        const QList<ReceivedRequest> api = m_emulator->requests(SatellogicEmulator::Service::Api);
        QCOMPARE(api.size(), 1);
        QCOMPARE(api.first().path, u"/tasking/products/"_s);
        QVERIFY(api.first().header("authorizationToken").startsWith("Bearer "));
        QCOMPARE(api.first().header("X-Satellogic-Contract-Id"), kFirst.toUtf8());
        QVERIFY(!api.first().hasHeader("Authorization"));
        // Different tokens for the two audiences.
        QVERIFY(api.first().header("authorizationToken") != accounts.first().header("Authorization"));
    }

    // Without a contract the account needs a choice; with exactly one it is proposed.
    void contractChoice()
    {
        SatellogicSession *session = addAccount();
        QVERIFY(session);
        AccountCheckJob *check = session->check();
        QVERIFY(waitFor(check));
        QVERIFY(check->isOk());
        QCOMPARE(session->state(), AccountSession::State::NeedsChoice);
        QVERIFY(session->catalogs().isEmpty()); // no archive before a contract is chosen
        QCOMPARE(session->contracts().size(), 2);
        QVERIFY(session->contracts().at(0).hasArchive);
        QVERIFY(!session->contracts().at(1).hasArchive);

        // The API host without a contract header refuses, and says it is about the contract.
        JsonCallJob *job = session->client()->task(1);
        QVERIFY(waitFor(job));
        QCOMPARE(job->error().httpStatus, 403);
        QVERIFY(SatellogicApi::isContractProblem(job->error()));
        QVERIFY(SatellogicApi::explain(job->error()).startsWith(u"Choose a contract"_s));

        // An unknown contract is refused the same way.
        Account a = session->account();
        a.options.insert(u"contract"_s, u"cont.00000000-0000-0000-0000-000000000000"_s);
        session->setAccount(a);
        JsonCallJob *unknown = session->client()->task(1);
        QVERIFY(waitFor(unknown));
        QCOMPARE(unknown->error().httpStatus, 403);
        QVERIFY(SatellogicApi::isContractProblem(unknown->error()));

        // One contract only: it is chosen and saved.
        m_emulator->setContracts({ SatellogicEmulator::defaultContracts().first() });
        Account none = session->account();
        none.options.remove(u"contract"_s);
        QVERIFY(m_store->save(none));
        session->setAccount(none);
        QSignalSpy chosen(session, &SatellogicSession::contractChosen);
        OffsetPagedJob *contracts = session->loadContracts();
        QVERIFY(waitFor(contracts));
        QCOMPARE(chosen.size(), 1);
        QTRY_COMPARE(m_store->byName(u"Satellogic"_s).option(u"contract"_s), kFirst);
    }

    // A token of the accounts audience is refused by the API host.
    void wrongAudienceIsRefused()
    {
        SatellogicSession *session = addAccount(kFirst);
        QVERIFY(session);
        m_router->unbind(session->account().id);
        m_router->bind(u"wrong"_s, m_emulator->apiUrl(),
            std::make_shared<TokenCredential>(session->accountsTokens(), SatellogicApi::tokenHeader(), "Bearer ",
                HttpHeaders { { SatellogicApi::contractHeader(), kFirst.toUtf8() } }));
        OffsetPagedJob *job = session->client()->products();
        QVERIFY(waitFor(job));
        QCOMPARE(job->error().httpStatus, 401);
        QVERIFY(job->error().isCredentialProblem());
        // One renewal and one replay, then the answer: two tokens of the accounts audience.
        QCOMPARE(m_emulator->tokenRequestCount(u"api"_s), 2);
        QCOMPARE(m_emulator->tokenRequestCount(u"https://api.satellogic.com/"_s), 0);
    }

    // Tokens are renewed when the server says they expired (its clock), and before they expire
    // (ours), with one token request each time.
    void tokenRenewal()
    {
        SatellogicSession *session = addAccount(kFirst);
        QVERIFY(session);
        OffsetPagedJob *first = session->client()->products();
        QVERIFY(waitFor(first));
        QVERIFY(first->isOk());
        QCOMPARE(m_emulator->tokenRequestCount(u"https://api.satellogic.com/"_s), 1);

        m_emulator->advanceClock(86400 + 60); // expired on the server; we still think it is good
        OffsetPagedJob *second = session->client()->products();
        QVERIFY(waitFor(second));
        QVERIFY2(second->isOk(), qPrintable(second->error().toString()));
        QCOMPARE(m_emulator->tokenRequestCount(u"https://api.satellogic.com/"_s), 2);

        QDateTime clock = QDateTime::currentDateTimeUtc();
        session->apiTokens()->setClock([&clock] { return clock; });
        session->apiTokens()->clear();
        OffsetPagedJob *third = session->client()->products();
        QVERIFY(waitFor(third));
        QCOMPARE(m_emulator->tokenRequestCount(u"https://api.satellogic.com/"_s), 3);
        clock = clock.addSecs(86400 - 3600); // an hour left of 24: renewed before use
        const int apiCalls = int(m_emulator->requests(SatellogicEmulator::Service::Api).size());
        OffsetPagedJob *fourth = session->client()->products();
        QVERIFY(waitFor(fourth));
        QVERIFY(fourth->isOk());
        QCOMPARE(m_emulator->tokenRequestCount(u"https://api.satellogic.com/"_s), 4);
        QCOMPARE(m_emulator->requests(SatellogicEmulator::Service::Api).size(), apiCalls + 1); // no 401 first
    }

    // Legacy credentials: the token from their host, no contract, no contract header.
    void legacyCredentials()
    {
        SatellogicSession *session = addAccount({}, true);
        QVERIFY(session);
        AccountCheckJob *check = session->check();
        QVERIFY(waitFor(check));
        QVERIFY2(check->isOk(), qPrintable(check->error().toString()));
        QCOMPARE(session->state(), AccountSession::State::Ready);
        QCOMPARE(session->catalogs().size(), 1);
        QVERIFY(m_emulator->requests(SatellogicEmulator::Service::Accounts).isEmpty());
        for (const ReceivedRequest &r : m_emulator->requests(SatellogicEmulator::Service::Api)) {
            QVERIFY(!r.hasHeader("X-Satellogic-Contract-Id"));
        }
    }

    // Seed 000: CQL2-JSON on satl:outcome_id in quickview-visual-thumb, then the preview asset
    // with the account's headers, which go to the API host only.
    void archiveSearchByOutcomeId()
    {
        SatellogicSession *session = addAccount(kFirst);
        QVERIFY(session);
        const QList<CatalogSource> catalogs = session->catalogs();
        QCOMPARE(catalogs.size(), 1);
        QCOMPARE(QUrl(catalogs.first().location), m_emulator->apiUrl().resolved(QUrl(u"/archive/stac/"_s)));
        QCOMPARE(catalogs.first().providerId(), u"satellogic"_s);
        std::unique_ptr<CatalogSession> catalog(m_registry->openCatalog(m_network.get(), catalogs.first(), nullptr));
        QVERIFY(catalog);
        SearchParameters params;
        params.collections = { u"quickview-visual-thumb"_s };
        const Cql2::ParseResult filter
            = Cql2::parse(u"{\"op\":\"=\",\"args\":[{\"property\":\"satl:outcome_id\"},\"%1\"]}"_s.arg(
                SatellogicEmulator::SeedOutcomeId));
        QVERIFY2(filter.ok(), qPrintable(filter.error));
        params.filter = filter.expression;
        ItemStore results;
        QSignalSpy finished(catalog.get(), &CatalogSession::searchFinished);
        catalog->search(params, 0, &results);
        QVERIFY(finished.wait(20000));
        QVERIFY2(!finished.first().first().value<NetworkError>().isError(),
            qPrintable(finished.first().first().value<NetworkError>().toString()));
        QCOMPARE(results.size(), 4); // one capture: four 2 km tiles
        for (int i = 0; i < results.size(); ++i) {
            QVERIFY(QString::fromUtf8(results.rawJson(i)).contains(SatellogicEmulator::SeedOutcomeId));
        }
        const QList<ReceivedRequest> searches
            = requestsTo(m_emulator->requests(SatellogicEmulator::Service::Api), u"/archive/stac/search"_s);
        QVERIFY(!searches.isEmpty());
        const QJsonObject body = QJsonDocument::fromJson(searches.first().body).object();
        QCOMPARE(body.value(u"filter-lang"_s).toString(), u"cql2-json"_s);
        QCOMPARE(body.value(u"collections"_s).toArray(), QJsonArray { u"quickview-visual-thumb"_s });
        QCOMPARE(searches.first().header("X-Satellogic-Contract-Id"), kFirst.toUtf8());

        // The preview, downloaded with the account's credentials.
        const QJsonObject item = QJsonDocument::fromJson(results.rawJson(0)).object();
        const QString id = item.value(u"id"_s).toString();
        const QUrl href(item.value(u"assets"_s).toObject().value(u"preview"_s).toObject().value(u"href"_s).toString());
        QVERIFY(CredentialRouter::isUnder(href, m_emulator->apiUrl()));
        DownloadManager manager(m_nam.get());
        manager.setAuthenticator(m_router.get());
        manager.setBaseRetryDelay(5);
        DownloadTask t;
        t.url = href;
        t.targetPath = m_dir.filePath(u"preview_image.png"_s);
        QSignalSpy idle(&manager, &DownloadManager::queueFinished);
        const qint64 tid = manager.enqueue(t);
        QVERIFY(idle.wait(20000));
        QCOMPARE(manager.task(tid).state, DownloadState::Completed);
        QCOMPARE(readAll(t.targetPath), m_emulator->previewBytes(id));
        const ReceivedRequest last = m_emulator->requests(SatellogicEmulator::Service::Api).last();
        QVERIFY(last.path.endsWith(u"preview.png"_s));
        QVERIFY(last.header("authorizationToken").startsWith("Bearer "));

        // A contract without archive access lists no archive.
        Account a = session->account();
        a.options.insert(u"contract"_s, kSecond);
        session->setAccount(a);
        OffsetPagedJob *contracts = session->loadContracts();
        QVERIFY(waitFor(contracts));
        QVERIFY(session->catalogs().isEmpty());
    }

    // Seed 002: create (the exact body), list with filters, get, captures, cancel.
    void tasking()
    {
        SatellogicSession *session = addAccount(kFirst);
        QVERIFY(session);
        SatellogicClient *client = session->client();
        SatellogicTaskRequest r;
        r.name = u"My first task"_s;
        r.project = u"My first task project"_s;
        r.product = 169;
        r.target = QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 72.905273, 19.023001 } } };
        r.start = QDateTime(QDate(2026, 12, 23), QTime(0, 0), QTimeZone(3 * 3600));
        r.end = QDateTime(QDate(2027, 1, 12), QTime(0, 0), QTimeZone(3 * 3600));
        JsonCallJob *create = client->createTask(r);
        QVERIFY(waitFor(create));
        QVERIFY2(create->isOk(), qPrintable(create->error().toString()));
        const auto task = SatellogicApi::parseTask(create->json());
        QVERIFY(task);
        QCOMPARE(task->status, u"received"_s);
        QCOMPARE(task->start, QDateTime(QDate(2026, 12, 22), QTime(21, 0), QTimeZone::utc())); // normalised to UTC
        const ReceivedRequest sent
            = requestsTo(m_emulator->requests(SatellogicEmulator::Service::Api), u"/tasking/tasks/"_s).last();
        QCOMPARE(sent.method, QByteArray("POST"));
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(u"start"_s).toString(), u"2026-12-23T00:00:00+03:00"_s);
        QCOMPARE(body.value(u"end"_s).toString(), u"2027-01-12T00:00:00+03:00"_s);
        QCOMPARE(body.value(u"product"_s).toInt(), 169);
        QCOMPARE(body.value(u"task_name"_s).toString(), u"My first task"_s);

        const qint64 other = m_emulator->addTask(pointTask(u"Other"_s), kFirst);
        QVERIFY(other > 0);
        SatellogicTaskFilter filter;
        filter.name = u"My first task"_s;
        OffsetPagedJob *list = client->tasks(filter);
        QVERIFY(waitFor(list));
        QCOMPARE(list->results().size(), 1);
        QCOMPARE(requestsTo(m_emulator->requests(SatellogicEmulator::Service::Api), u"/tasking/tasks/"_s)
                     .last()
                     .queryValue(u"task_name"_s),
            u"My first task"_s);
        OffsetPagedJob *all = client->tasks();
        QVERIFY(waitFor(all));
        QCOMPARE(all->results().size(), 2);

        m_emulator->advanceClock(90);
        JsonCallJob *show = client->task(task->id);
        QVERIFY(waitFor(show));
        QCOMPARE(SatellogicApi::parseTask(show->json())->status, u"in_progress"_s);
        OffsetPagedJob *captures = client->captures(task->id);
        QVERIFY(waitFor(captures));
        QCOMPARE(captures->results().size(), 2);
        QVERIFY(!SatellogicApi::parseCapture(captures->results().first().toObject())->isPublished());

        JsonCallJob *cancel = client->cancelTask(other);
        QVERIFY(waitFor(cancel));
        QVERIFY2(cancel->isOk(), qPrintable(cancel->error().toString()));
        const ReceivedRequest patch = m_emulator->requests(SatellogicEmulator::Service::Api).last();
        QCOMPARE(patch.method, QByteArray("PATCH"));
        QCOMPARE(patch.path, u"/tasking/tasks/%1/cancel/"_s.arg(other));
        QCOMPARE(m_emulator->task(other).value(u"status"_s).toString(), u"canceled"_s);

        m_emulator->advanceClock(200);
        JsonCallJob *late = client->cancelTask(task->id);
        QVERIFY(waitFor(late));
        QCOMPARE(late->error().httpStatus, 400);
        QVERIFY2(late->error().message.contains(u"completed"_s), qPrintable(late->error().message));
    }

    // Seed 001: task -> published captures -> scenes -> delivery_zip links -> the download
    // manager. A link that expires mid-download is renewed and the transfer resumes; the queue
    // keeps the scene's link endpoint, never the signed link; the file host never sees a credential.
    void deliveryWithExpiringLink()
    {
        SatellogicSession *session = addAccount(kFirst);
        QVERIFY(session);
        const qint64 taskId = m_emulator->addTask(pointTask(u"Delivery"_s), kFirst);
        QVERIFY(taskId > 0);
        m_emulator->advanceClock(200);
        auto *job = new SatellogicDeliveryJob(session->client(), taskId, {}, this);
        QVERIFY(waitFor(job));
        QVERIFY2(job->isOk(), qPrintable(job->error().toString()));
        QCOMPARE(job->captures().size(), 2);
        QCOMPARE(job->pendingCaptures(), 0);
        QCOMPARE(job->scenes().size(), 4); // L1C and L1D per capture
        const QString root = m_dir.filePath(u"deliveries"_s);
        const QList<DownloadTask> tasks = SatellogicDeliveryJob::plan(
            job->scenes(), taskId, session->client()->apiUrl(), root, session->sourceId());
        QCOMPARE(tasks.size(), 4);
        for (const DownloadTask &t : tasks) {
            QVERIFY(t.linkFromProvider);
            QVERIFY(t.targetPath.startsWith(root + u'/' + QString::number(taskId) + u'/'));
            QVERIFY(t.url.query().contains(u"redirect=false"_s));
        }

        Downloads downloads(m_dir.filePath(u"queue.sqlite"_s), m_nam.get(), m_router.get(), m_accounts.get());
        DownloadManager &manager = downloads.manager;
        manager.setMaxParallel(1);
        m_emulator->setLinkLifetime(60);
        m_emulator->dropFilesAfter(100000, 1);
        m_emulator->setFilePacing(16384, 5);
        bool advanced = false;
        connect(&manager, &DownloadManager::taskChanged, this, [&](qint64 id) {
            if (!advanced && manager.task(id).received > 0) {
                advanced = true;
                m_emulator->advanceClock(120); // the first link expires while it is in use
            }
        });
        QSignalSpy idle(&manager, &DownloadManager::queueFinished);
        const QList<qint64> ids = manager.enqueue(tasks);
        QVERIFY(idle.wait(60000));
        for (qint64 id : ids) {
            const DownloadTask t = manager.task(id);
            QVERIFY2(t.state == DownloadState::Completed, qPrintable(t.error));
            QCOMPARE(readAll(t.targetPath), m_emulator->deliveryBytes(t.itemId));
        }
        QCOMPARE(m_emulator->linksIssued(), 5); // one per scene, and one more for the expired one
        const QList<ReceivedRequest> files = m_emulator->requests(SatellogicEmulator::Service::Files);
        bool resumed = false;
        for (const ReceivedRequest &r : files) {
            QVERIFY(!r.hasHeader("Authorization"));
            QVERIFY(!r.hasHeader("authorizationToken"));
            QVERIFY(!r.hasHeader("X-Satellogic-Contract-Id"));
            resumed = resumed || r.header("Range") == "bytes=100000-";
        }
        QVERIFY(resumed);
        // What the queue database holds: the endpoints, no signature.
        QByteArray stored;
        for (const QString &suffix : { u""_s, u"-wal"_s }) {
            stored += readAll(downloads.db.path() + suffix);
        }
        QVERIFY(stored.contains("delivery_zip/download"));
        QVERIFY(!stored.contains("X-Amz-Signature"));
    }

    // No secret, token or signed link in any file StacScope wrote during a full flow.
    void noSecretInAnyFileWritten()
    {
        SatellogicSession *session = addAccount(kFirst);
        QVERIFY(session);
        AccountCheckJob *check = session->check();
        QVERIFY(waitFor(check));
        const qint64 taskId = m_emulator->addTask(pointTask(u"Secrets"_s), kFirst);
        m_emulator->advanceClock(200);
        auto *job = new SatellogicDeliveryJob(session->client(), taskId, {}, this);
        QVERIFY(waitFor(job));
        {
            Downloads downloads(m_dir.filePath(u"secrets.sqlite"_s), m_nam.get(), m_router.get(), m_accounts.get());
            QSignalSpy idle(&downloads.manager, &DownloadManager::queueFinished);
            downloads.manager.enqueue(SatellogicDeliveryJob::plan(
                job->scenes(), taskId, session->client()->apiUrl(), m_dir.filePath(u"out"_s), session->sourceId()));
            QVERIFY(idle.wait(30000));
        }
        m_settings->sync();
        const QByteArray apiToken = session->apiTokens()->current().value;
        const QByteArray accountsToken = session->accountsTokens()->current().value;
        QVERIFY(!apiToken.isEmpty());
        QVERIFY(!accountsToken.isEmpty());
        int files = 0;
        QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QByteArray bytes = readAll(path);
            ++files;
            QVERIFY2(!holds(bytes, kSecret), qPrintable(path));
            QVERIFY2(!holds(bytes, kClientId), qPrintable(path)); // the id is a secret too
            QVERIFY2(!holds(bytes, apiToken), qPrintable(path));
            QVERIFY2(!holds(bytes, accountsToken), qPrintable(path));
            QVERIFY2(!holds(bytes, "X-Amz-Signature"), qPrintable(path));
        }
        QVERIFY(files >= 6); // accounts.conf, the database, four zips
        QVERIFY(readAll(m_dir.filePath(u"accounts.conf"_s)).contains("client_secret")); // the name only
    }
};

QTEST_GUILESS_MAIN(TestSatellogic)
#include "tst_satellogic.moc"
