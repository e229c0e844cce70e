// Ingest benchmark: items from the loopback STAC emulator (a separate process, as a real server
// would be) through SearchJob into the ItemStore and its spatial index. Prints one JSON line per
// run. Targets: 10,000 items in <= 400 ms wall; <= 2 KB RSS per item at 100,000 items.
#include <cstdio>

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
            if (!process.waitForReadyRead(120000)) {
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

bool runOnce(NetworkClient &network, const QUrl &api, int items, int pageSize, bool print, const char *name)
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
    const qint64 rssAfter = Bench::settledRssKb();
    if (print) {
        const double wallMs = double(wallNs) / 1e6;
        const double mb = double(store.rawBytes()) / (1024.0 * 1024.0);
        QJsonObject o { { u"bench"_s, QString::fromLatin1(name) }, { u"items"_s, items }, { u"pages"_s, job->pages() },
            { u"megabytes"_s, qRound(mb * 10) / 10.0 }, { u"wall_ms"_s, qRound(wallMs * 10) / 10.0 },
            { u"items_per_s"_s, qRound64(items / (wallMs / 1000.0)) },
            { u"mb_per_s"_s, qRound(mb / (wallMs / 1000.0) * 10) / 10.0 },
            { u"rss_growth_mb"_s, qRound(double(rssAfter - rssBefore) / 1024.0 * 10) / 10.0 },
            { u"rss_bytes_per_item"_s, qRound64(double(rssAfter - rssBefore) * 1024.0 / items) },
            { u"peak_rss_mb"_s, qRound(double(Bench::statusKb("VmHWM")) / 1024.0 * 10) / 10.0 } };
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    delete job;
    return true;
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
        int runs;
    };
    const Case cases[] = { { "ingest_10k", 10000, 5 }, { "ingest_100k", 100000, 1 } };
    for (const Case &c : cases) {
        QTemporaryDir dir;
        DemoCatalog::Options options;
        if (!DemoCatalog::writeCatalogDirectory(dir.path(), c.items, options)) {
            std::fprintf(stderr, "cannot write the test catalog\n");
            return 1;
        }
        Emulator emulator;
        if (!emulator.start(dir.path())) {
            std::fprintf(stderr, "cannot start the emulator (%s)\n", STACSCOPE_EMULATOR_PATH);
            return 1;
        }
        // One warm-up run (connection set-up, first-touch allocations), then the measured runs.
        if (!runOnce(network, emulator.url, c.items, 1000, false, c.name)) {
            return 1;
        }
        for (int i = 0; i < c.runs; ++i) {
            if (!runOnce(network, emulator.url, c.items, 1000, true, c.name)) {
                return 1;
            }
        }
    }
    return 0;
}
