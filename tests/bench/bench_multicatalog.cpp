// Several catalogs at once: three loopback STAC emulators (separate processes, as real servers
// would be) answering each search page after 10, 40 and 80 ms, searched through MultiCatalogSearch
// into one merged store as the app does, against the slowest of them alone and against the three
// one after another. Prints one JSON line per case (median of the runs). Target: three at once
// take about as long as the slowest alone.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>

#include "src/demo/democatalog.h"
#include "src/net/networkclient.h"
#include "src/providers/multicatalogsearch.h"
#include "src/providers/providerregistry.h"
#include "src/stac/itemstore.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int ItemsPerCatalog = 2000;
constexpr int PageSize = 100;
constexpr int Runs = 5;

struct Emulator
{
    QProcess process;
    QUrl url;

    bool start(const QString &dataDir, int pageDelayMs)
    {
        process.setProgram(QStringLiteral(STACSCOPE_EMULATOR_PATH));
        process.setArguments({ u"--data"_s, dataDir, u"--port"_s, u"0"_s, u"--paging"_s, u"post-merge"_s,
            u"--page-delay"_s, QString::number(pageDelayMs) });
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

CatalogSource api(const QString &name, const QUrl &url)
{
    CatalogSource s;
    s.kind = CatalogSource::Kind::StacApi;
    s.name = name;
    s.location = url.toString();
    return s;
}

// Wall time of one search of `sources`, in ms; -1 when a catalog failed or came back short.
double runOnce(
    const ProviderRegistry &registry, NetworkClient &network, const QList<CatalogSource> &sources, int maxParallel)
{
    ItemStore merged;
    MultiCatalogSearch search(&registry, &network);
    search.setMaxParallel(maxParallel);
    search.setMergedStore(&merged);
    SearchParameters params;
    params.limit = PageSize;
    QEventLoop loop;
    QObject::connect(&search, &MultiCatalogSearch::finished, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    search.start(sources, params, 0);
    loop.exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    for (int i = 0; i < search.catalogCount(); ++i) {
        if (search.status(i).state != CatalogSearchStatus::State::Done
            || search.status(i).returned != ItemsPerCatalog) {
            std::fprintf(stderr, "%s: %s, %d items\n", qPrintable(search.status(i).source.name),
                qPrintable(search.status(i).error.toString()), search.status(i).returned);
            return -1;
        }
    }
    if (merged.size() != ItemsPerCatalog * int(sources.size())) {
        std::fprintf(stderr, "merged store has %d items\n", merged.size());
        return -1;
    }
    return ms;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager nam;
    NetworkClient network(&nam);
    const std::unique_ptr<ProviderRegistry> registry = ProviderRegistry::createDefault();

    QTemporaryDir dir;
    if (!DemoCatalog::writeCatalogDirectory(dir.path(), ItemsPerCatalog, DemoCatalog::Options())) {
        std::fprintf(stderr, "cannot write the test catalog\n");
        return 1;
    }
    const int delays[] = { 10, 40, 80 };
    Emulator emulators[3];
    QList<CatalogSource> all;
    for (int i = 0; i < 3; ++i) {
        if (!emulators[i].start(dir.path(), delays[i])) {
            std::fprintf(stderr, "cannot start the emulator (%s)\n", STACSCOPE_EMULATOR_PATH);
            return 1;
        }
        all.append(api(u"delay %1 ms"_s.arg(delays[i]), emulators[i].url));
    }
    const QList<CatalogSource> slowest { all.last() };

    struct Case
    {
        const char *name;
        QList<CatalogSource> sources;
        int maxParallel;
    };
    const Case cases[] = { { "multicatalog_slowest_alone", slowest, 4 }, { "multicatalog_three_at_once", all, 4 },
        { "multicatalog_three_in_turn", all, 1 } };
    // A warm-up of each (connections, first-touch allocations), then the runs interleaved so that
    // a slower moment of the machine does not fall on one case only.
    for (const Case &c : cases) {
        if (runOnce(*registry, network, c.sources, c.maxParallel) < 0) {
            return 1;
        }
    }
    std::vector<std::vector<double>> times(std::size(cases));
    for (int run = 0; run < Runs; ++run) {
        for (size_t i = 0; i < std::size(cases); ++i) {
            const double ms = runOnce(*registry, network, cases[i].sources, cases[i].maxParallel);
            if (ms < 0) {
                return 1;
            }
            times[i].push_back(ms);
        }
    }
    const double alone = median(times[0]);
    for (size_t i = 0; i < std::size(cases); ++i) {
        QJsonArray runs;
        for (double t : times[i]) {
            runs.append(qRound(t * 10) / 10.0);
        }
        const double ms = median(times[i]);
        QJsonObject o { { u"bench"_s, QString::fromLatin1(cases[i].name) },
            { u"catalogs"_s, int(cases[i].sources.size()) },
            { u"items"_s, ItemsPerCatalog * int(cases[i].sources.size()) },
            { u"pages_per_catalog"_s, ItemsPerCatalog / PageSize },
            { u"page_delays_ms"_s,
                cases[i].sources.size() == 1 ? QJsonArray { delays[2] }
                                             : QJsonArray { delays[0], delays[1], delays[2] } },
            { u"median_wall_ms"_s, qRound(ms * 10) / 10.0 }, { u"runs_ms"_s, runs },
            { u"vs_slowest_alone"_s, qRound(ms / alone * 100) / 100.0 } };
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return 0;
}
