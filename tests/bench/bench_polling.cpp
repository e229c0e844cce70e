// Request monitor benchmark: 200 active requests (100 Satellogic tasks, half received and half in
// progress, and 100 Capella tasking requests) on the emulators, which run in their own thread so
// that the main thread measures only the client: the monitor, its jobs and their JSON. Prints one
// JSON line per figure:
//   poll_round  one round of both accounts at the app's intervals (driven by pollNow): HTTP
//               requests the emulators received, wall time, the monitor's own handler time and
//               the main (GUI) thread's CPU time for the whole round;
//   poll_rate   requests per minute at those intervals, and what one GET per request would cost;
//   poll_run    the monitor on its own timer with a 100 ms base interval for 5 s (the app's
//               schedule scaled down 300 times): rounds, requests per minute, main-thread busy
//               share.
#include <cstdio>
#include <memory>
#include <time.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include "src/auth/credentialrouter.h"
#include "src/auth/secretstore.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountstore.h"
#include "src/providers/providerregistry.h"
#include "src/store/database.h"
#include "src/store/monitorstore.h"
#include "src/tasking/requestmonitor.h"
#include "tests/bench/benchutil.h"
#include "tests/support/capellaemulator.h"
#include "tests/support/satellogicemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTasks = 100;
constexpr int kCapella = 100;
const QString kContract = u"cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14"_s;

double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

void print(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

double round1(double v)
{
    return qRound(v * 10) / 10.0;
}

// The emulators live in their own thread; everything they are asked goes through here.
class Servers
{
public:
    Servers()
    {
        m_thread.start();
        m_anchor.moveToThread(&m_thread);
        run([this] {
            m_satellogic = new SatellogicEmulator;
            m_capella = new CapellaEmulator;
            m_ok = m_satellogic->listen() && m_capella->listen();
        });
    }
    ~Servers()
    {
        run([this] {
            delete m_satellogic;
            delete m_capella;
        });
        m_thread.quit();
        m_thread.wait();
    }
    template <typename F> void run(F f) { QMetaObject::invokeMethod(&m_anchor, f, Qt::BlockingQueuedConnection); }
    bool ok() const { return m_ok; }
    SatellogicEmulator *satellogic() const { return m_satellogic; }
    CapellaEmulator *capella() const { return m_capella; }
    // API requests both received since the last clear() (the logs are locked, any thread may read).
    int requests() const
    {
        return int(m_satellogic->requests(SatellogicEmulator::Service::Api).size()
            + m_satellogic->requests(SatellogicEmulator::Service::Auth).size()
            + m_capella->requests(CapellaEmulator::Service::Api).size());
    }
    void clear()
    {
        run([this] {
            m_satellogic->clearRequests();
            m_capella->clearRequests();
        });
    }

private:
    QThread m_thread;
    QObject m_anchor;
    SatellogicEmulator *m_satellogic = nullptr;
    CapellaEmulator *m_capella = nullptr;
    bool m_ok = false;
};

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s);
}

QString addAccount(
    AccountManager &accounts, AccountStore &store, const Account &account, const QHash<QString, QByteArray> &secrets)
{
    QString error = u"pending"_s;
    QEventLoop loop;
    accounts.saveAccount(account, secrets, &loop, [&](const QString &e) {
        error = e;
        loop.quit();
    });
    if (error == u"pending"_s) {
        loop.exec();
    }
    return error.isEmpty() ? store.byName(account.name).id : QString();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    Servers servers;
    if (!servers.ok() || !dir.isValid()) {
        std::fprintf(stderr, "cannot start the emulators\n");
        return 1;
    }

    // 100 Satellogic tasks: the first 50 in progress, the last 50 received. 100 Capella tasking
    // requests, accepted, waiting for their window (seeded: they do not move on).
    QList<qint64> taskIds;
    QStringList capellaIds;
    servers.run([&] {
        SatellogicEmulator *s = servers.satellogic();
        const QDateTime now = s->now();
        // The first half created 70 s ago (in progress after 60 s), the rest now: no creation
        // time lies ahead of the real clock, which the monitor's intervals go by.
        s->advanceClock(-70);
        for (int i = 0; i < kTasks; ++i) {
            if (i == kTasks / 2) {
                s->advanceClock(70);
            }
            const QJsonObject body { { u"task_name"_s, u"bench %1"_s.arg(i) }, { u"project_name"_s, u"bench"_s },
                { u"product"_s, 169 },
                { u"target"_s,
                    QJsonObject {
                        { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 4.0 + i * 0.01, 52.0 } } } },
                { u"start"_s, now.addSecs(-3600).toString(Qt::ISODate) },
                { u"end"_s, now.addDays(7).toString(Qt::ISODate) } };
            taskIds.append(s->addTask(body, kContract));
        }
        CapellaEmulator *c = servers.capella();
        const QDateTime cnow = c->now();
        for (int i = 0; i < kCapella; ++i) {
            capellaIds.append(c->addTaskingRequest(QJsonObject { { u"type"_s, u"Feature"_s },
                { u"geometry"_s,
                    QJsonObject {
                        { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 11.0 + i * 0.01, 49.6 } } } },
                { u"properties"_s,
                    QJsonObject { { u"taskingrequestName"_s, u"bench %1"_s.arg(i) },
                        { u"submissionTime"_s, iso(cnow.addSecs(-7200)) }, { u"windowOpen"_s, iso(cnow.addDays(1)) },
                        { u"windowClose"_s, iso(cnow.addDays(8)) },
                        { u"statusHistory"_s,
                            QJsonArray { QJsonObject { { u"time"_s, iso(cnow.addSecs(-3600)) },
                                             { u"code"_s, u"accepted"_s }, { u"message"_s, u"Accepted"_s } },
                                QJsonObject { { u"time"_s, iso(cnow.addSecs(-7200)) }, { u"code"_s, u"received"_s },
                                    { u"message"_s, u"Request created"_s } } } } } } }));
        }
    });

    QNetworkAccessManager nam;
    NetworkClient network(&nam);
    CredentialRouter router;
    network.setAuthenticator(&router);
    MemorySecretStore secrets;
    QSettings settings(dir.filePath(u"accounts.conf"_s), QSettings::IniFormat);
    AccountStore accountStore(&settings);
    const auto registry = ProviderRegistry::createDefault();
    AccountManager accounts(&accountStore, registry.get(), ProviderServices { &network, &router, &secrets });
    Account sat;
    sat.name = u"Satellogic"_s;
    sat.provider = u"satellogic"_s;
    sat.endpoints = { { u"auth"_s, servers.satellogic()->authUrl() },
        { u"accounts"_s, servers.satellogic()->accountsUrl() }, { u"api"_s, servers.satellogic()->apiUrl() } };
    sat.options.insert(u"contract"_s, kContract);
    const QString satId = addAccount(accounts, accountStore, sat,
        { { u"client_id"_s, QByteArray("emulator-client") }, { u"client_secret"_s, QByteArray("emulator-secret") } });
    Account cap;
    cap.name = u"Capella"_s;
    cap.provider = u"capella"_s;
    cap.endpoints = { { u"api"_s, servers.capella()->apiUrl() } };
    const QString capId
        = addAccount(accounts, accountStore, cap, { { u"api_key"_s, QByteArray("emulator-capella-key") } });
    if (satId.isEmpty() || capId.isEmpty()) {
        std::fprintf(stderr, "cannot add the accounts\n");
        return 1;
    }

    Database db(dir.filePath(u"monitor.sqlite"_s));
    if (!db.open()) {
        std::fprintf(stderr, "%s\n", qPrintable(db.lastError()));
        return 1;
    }
    MonitorStore store(db);
    auto monitor
        = std::make_unique<RequestMonitor>(&store, [&accounts](const QString &id) { return accounts.session(id); });
    monitor->start(); // the app's 30 s base interval
    QList<QJsonObject> answers[2];
    servers.run([&] {
        for (const qint64 id : std::as_const(taskIds)) {
            answers[0].append(servers.satellogic()->task(id));
        }
        for (const QString &id : std::as_const(capellaIds)) {
            answers[1].append(servers.capella()->taskingRequest(id));
        }
    });
    QList<MonitorKey> keys;
    for (const QJsonObject &task : std::as_const(answers[0])) {
        keys.append(monitor->track(satId, MonitoredKind::SatellogicTask, task));
    }
    for (const QJsonObject &request : std::as_const(answers[1])) {
        keys.append(monitor->track(capId, MonitoredKind::CapellaTasking, request));
    }
    if (keys.size() != kTasks + kCapella) {
        std::fprintf(stderr, "tracked %d requests\n", int(keys.size()));
        return 1;
    }

    // One round: both accounts, driven by pollNow() so that rounds come back to back.
    auto round = [&](PollRoundStats *stats, double *cpuMs) {
        QEventLoop loop;
        const auto c
            = QObject::connect(monitor.get(), &RequestMonitor::pollRoundFinished, &loop, [&](const PollRoundStats &s) {
                  *stats = s;
                  loop.quit();
              });
        const double cpu = threadCpuMs();
        monitor->pollNow(keys.first());
        monitor->pollNow(keys.last());
        loop.exec();
        *cpuMs = threadCpuMs() - cpu;
        QObject::disconnect(c);
    };
    PollRoundStats stats;
    double cpu = 0;
    round(&stats, &cpu); // warm-up: tokens, the Capella user
    int perRound = 0;
    for (int i = 0; i < 5; ++i) {
        servers.clear();
        round(&stats, &cpu);
        perRound = servers.requests();
        print(QJsonObject { { u"bench"_s, u"poll_round"_s }, { u"active_requests"_s, stats.requestsPolled },
            { u"batches"_s, stats.batches }, { u"http_requests"_s, perRound }, { u"changed"_s, stats.changed },
            { u"failed_batches"_s, stats.failedBatches }, { u"wall_ms"_s, double(stats.wallMs) },
            { u"monitor_handler_ms"_s, round1(double(stats.handlerNs) / 1e6) },
            { u"gui_thread_cpu_ms"_s, round1(cpu) } });
    }

    // What that costs per minute: a round whenever the most urgent request of an account is due.
    const PollSchedule &schedule = monitor->schedule();
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(600); // once no change is recent
    qint64 steadySatellogic = -1;
    qint64 steadyCapella = -1;
    for (const MonitoredRequest &r : monitor->requests()) {
        qint64 &slot = r.kind == MonitoredKind::SatellogicTask ? steadySatellogic : steadyCapella;
        const qint64 ms = schedule.intervalMs(r, false, later);
        slot = slot < 0 ? ms : std::min(slot, ms);
    }
    const double base = double(schedule.baseMs);
    const int satPerRound = 2; // the received and in_progress lists, 100 tasks fit one page each
    const int capPerRound = perRound - satPerRound;
    print(QJsonObject { { u"bench"_s, u"poll_rate"_s }, { u"active_requests"_s, kTasks + kCapella },
        { u"http_requests_per_round"_s, perRound }, { u"base_interval_s"_s, base / 1000 },
        { u"requests_per_min_at_base"_s, round1(perRound * 60000.0 / base) },
        { u"satellogic_steady_interval_s"_s, double(steadySatellogic) / 1000 },
        { u"capella_steady_interval_s"_s, double(steadyCapella) / 1000 },
        { u"requests_per_min_steady"_s,
            round1(satPerRound * 60000.0 / double(steadySatellogic) + capPerRound * 60000.0 / double(steadyCapella)) },
        { u"one_get_per_request_per_min_at_base"_s, round1((kTasks + kCapella) * 60000.0 / base) } });

    // On its own timer with a 100 ms base: every round at the base interval.
    monitor->setBaseInterval(100);
    for (const MonitorKey &key : std::as_const(keys)) {
        monitor->pollNow(key);
    }
    int rounds = 0;
    qint64 handlerNs = 0;
    QObject::connect(monitor.get(), &RequestMonitor::pollRoundFinished, monitor.get(), [&](const PollRoundStats &s) {
        ++rounds;
        handlerNs += s.handlerNs;
    });
    servers.clear();
    QElapsedTimer wall;
    wall.start();
    const double cpu0 = threadCpuMs();
    QEventLoop loop;
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    const double cpuRun = threadCpuMs() - cpu0;
    const qint64 elapsed = wall.elapsed();
    const int requests = servers.requests();
    print(QJsonObject { { u"bench"_s, u"poll_run"_s }, { u"base_interval_ms"_s, 100 }, { u"duration_ms"_s, elapsed },
        { u"rounds"_s, rounds }, { u"http_requests"_s, requests },
        { u"requests_per_min"_s, round1(requests * 60000.0 / double(elapsed)) },
        { u"monitor_handler_ms_per_round"_s, round1(rounds ? double(handlerNs) / 1e6 / rounds : 0) },
        { u"gui_thread_busy_percent"_s, round1(100.0 * cpuRun / double(elapsed)) },
        { u"peak_rss_mb"_s, round1(double(Bench::statusKb("VmHWM")) / 1024.0) } });
    monitor.reset();
    return 0;
}
