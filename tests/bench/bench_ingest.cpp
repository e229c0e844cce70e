// Ingest benchmark: items from the loopback STAC emulator (a separate process, as a real server
// would be) through SearchJob into the ItemStore and its spatial index. Each size runs against a
// cold server cache (a freshly started emulator that has not run the query yet: it filters and
// sorts on the first page) and a warm one (the same query again: the emulator pages through its
// cached result), several times each. Prints one JSON line per run and one with the medians per
// size and cache. Targets: 10,000 items in <= 400 ms wall; <= 2 KB RSS per item at 100,000 items.
// `bench_ingest --million` adds one cold and one warm run of 1,000,000 items (the store's RSS per
// item at that size; it writes 2.9 GB of pages to a temporary folder and the emulator holds about
// 7 GB while it serves them, so it is not in the default run).
#include <algorithm>
#include <cstdio>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>

#include "src/demo/democatalog.h"
#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "src/stac/searchjob.h"
#include "src/stac/stacapiclient.h"
#include "tests/bench/benchutil.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

struct Emulator
{
    QProcess process;
    QUrl url;

    bool start(const QString &dataDir)
    {
        process.setProgram(QStringLiteral(STACSCOPE_EMULATOR_PATH));
        process.setArguments({ u"--data"_s, dataDir, u"--port"_s, u"0"_s, u"--paging"_s, u"post-merge"_s });
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start();
        if (!process.waitForStarted(10000)) {
            return false;
        }
        // The emulator prints "listening on URL" once its catalog is loaded.
        QByteArray out;
        while (!out.contains('\n')) {
            if (!process.waitForReadyRead(900000)) {
                return false;
            }
            out += process.readAllStandardOutput();
        }
        const QByteArray line = out.left(out.indexOf('\n')).trimmed();
        url = QUrl(QString::fromUtf8(line.mid(line.lastIndexOf(' ') + 1)));
        return url.isValid();
    }
    ~Emulator()
    {
        process.kill();
        process.waitForFinished(5000);
    }
};

struct Run
{
    double wallMs = 0;
    int pages = 0;
    double megabytes = 0;
    qint64 rssGrowthKb = 0;
};

bool runOnce(NetworkClient &network, const QUrl &api, int items, int pageSize, const char *name, Run *run)
{
    ItemStore store;
    const qint64 rssBefore = Bench::settledRssKb();
    StacApiClient client(&network, api);
    SearchParameters params;
    params.limit = pageSize;
    SearchOptions options;
    options.maxItems = items;
    options.method = u"POST"_s;

    QElapsedTimer timer;
    timer.start();
    SearchJob *job = client.search(params, &store, options);
    QEventLoop loop;
    QObject::connect(job, &StacJob::finished, &loop, &QEventLoop::quit);
    loop.exec();
    store.spatialIndex(); // the index the map and local filters use is part of ingest
    const qint64 wallNs = timer.nsecsElapsed();

    if (!job->isOk() || store.size() != items) {
        std::fprintf(
            stderr, "%s: failed: %s (got %d items)\n", name, qPrintable(job->error().toString()), store.size());
        return false;
    }
    run->wallMs = double(wallNs) / 1e6;
    run->pages = job->pages();
    run->megabytes = double(store.rawBytes()) / (1024.0 * 1024.0);
    run->rssGrowthKb = Bench::settledRssKb() - rssBefore;
    delete job;
    return true;
}

double round1(double v)
{
    return qRound64(v * 10) / 10.0;
}

QJsonObject describe(const char *name, const char *cache, int items, const Run &r)
{
    return QJsonObject { { u"bench"_s, QString::fromLatin1(name) }, { u"server_cache"_s, QString::fromLatin1(cache) },
        { u"items"_s, items }, { u"pages"_s, r.pages }, { u"megabytes"_s, round1(r.megabytes) },
        { u"wall_ms"_s, round1(r.wallMs) }, { u"items_per_s"_s, qRound64(items / (r.wallMs / 1000.0)) },
        { u"mb_per_s"_s, round1(r.megabytes / (r.wallMs / 1000.0)) },
        { u"rss_growth_mb"_s, round1(double(r.rssGrowthKb) / 1024.0) },
        { u"rss_bytes_per_item"_s, qRound64(double(r.rssGrowthKb) * 1024.0 / items) } };
}

void print(QJsonObject o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

// The median of each figure on its own (for an odd count the middle run's).
Run median(std::vector<Run> runs)
{
    const auto mid = [&](auto field) {
        std::vector<double> v;
        for (const Run &r : runs) {
            v.push_back(double(field(r)));
        }
        std::sort(v.begin(), v.end());
        return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    };
    Run m;
    m.wallMs = mid([](const Run &r) { return r.wallMs; });
    m.pages = int(mid([](const Run &r) { return r.pages; }));
    m.megabytes = mid([](const Run &r) { return r.megabytes; });
    m.rssGrowthKb = qint64(mid([](const Run &r) { return double(r.rssGrowthKb); }));
    return m;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager nam;
    NetworkClient network(&nam);

    struct Case
    {
        const char *name;
        int items;
        int runs; // per server cache state
    };
    std::vector<Case> cases = { { "ingest_10k", 10000, 5 }, { "ingest_100k", 100000, 3 } };
    if (QCoreApplication::arguments().contains(u"--million"_s)) {
        cases.push_back({ "ingest_1m", 1000000, 1 });
    }
    for (const Case &c : cases) {
        QTemporaryDir dir;
        DemoCatalog::Options options;
        if (!DemoCatalog::writeCatalogDirectory(dir.path(), c.items, options)) {
            std::fprintf(stderr, "cannot write the test catalog\n");
            return 1;
        }
        Run run;
        if (c.runs > 1) {
            // Our side's warm-up (connection set-up, first-touch allocations) against an emulator
            // of its own, so that the cold-cache runs below are cold on the server side only. (The
            // million-item case skips it: its emulator alone takes a minute to load.)
            Emulator warmup;
            if (!warmup.start(dir.path()) || !runOnce(network, warmup.url, c.items, 1000, c.name, &run)) {
                std::fprintf(stderr, "cannot start the emulator (%s)\n", STACSCOPE_EMULATOR_PATH);
                return 1;
            }
        }
        std::vector<Run> cold;
        std::vector<Run> warm;
        for (int i = 0; i < c.runs; ++i) {
            Emulator emulator; // fresh: the query has not been run yet
            if (!emulator.start(dir.path())) {
                std::fprintf(stderr, "cannot start the emulator (%s)\n", STACSCOPE_EMULATOR_PATH);
                return 1;
            }
            if (!runOnce(network, emulator.url, c.items, 1000, c.name, &run)) {
                return 1;
            }
            cold.push_back(run);
            print(describe(c.name, "cold", c.items, run));
            // The same query again on the same emulator: its result cache is warm now.
            if (!runOnce(network, emulator.url, c.items, 1000, c.name, &run)) {
                return 1;
            }
            warm.push_back(run);
            print(describe(c.name, "warm", c.items, run));
        }
        for (const auto &[cache, runs] : { std::pair { "cold", cold }, std::pair { "warm", warm } }) {
            QJsonObject o = describe(c.name, cache, c.items, median(runs));
            o.insert(u"median_of"_s, int(runs.size()));
            o.insert(u"peak_rss_mb"_s, round1(double(Bench::statusKb("VmHWM")) / 1024.0));
            print(o);
        }
    }
    return 0;
}
