// Capella search benchmark: 10,000 catalog items from the Capella emulator (a separate process,
// as the real API would be) in 12 pages of up to 900, through CapellaSearchJob (Query extension,
// page re-POSTs, parsing off the GUI thread, de-duplication) into the ItemStore, the results
// table model and the spatial index. Prints one JSON line per run, to read next to bench_ingest's
// ingest_10k (the generic STAC API path).
#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/models/resultsmodel.h"
#include "src/net/networkclient.h"
#include "src/providers/capella/capellasearchjob.h"
#include "src/stac/itemstore.h"
#include "tests/bench/benchutil.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// Two free ports in a row (the API and the file host).
quint16 freePortPair()
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        const quint16 port = quint16(QRandomGenerator::global()->bounded(20000, 60000));
        QTcpServer a;
        QTcpServer b;
        if (a.listen(QHostAddress::LocalHost, port) && b.listen(QHostAddress::LocalHost, port + 1)) {
            return port;
        }
    }
    return 0;
}

struct Emulator
{
    QProcess process;
    QUrl api;

    bool start(int items)
    {
        const quint16 port = freePortPair();
        process.setProgram(QStringLiteral(STACSCOPE_PROVIDER_EMULATOR_PATH));
        process.setArguments({ u"--provider"_s, u"capella"_s, u"--port"_s, QString::number(port), u"--items"_s,
            QString::number(items) });
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start();
        if (!process.waitForStarted(10000)) {
            return false;
        }
        QByteArray out;
        while (!out.contains("\napi ")) {
            if (!process.waitForReadyRead(120000)) {
                return false;
            }
            out += process.readAllStandardOutput();
        }
        while (!out.mid(out.indexOf("\napi ") + 1).contains('\n')) {
            if (!process.waitForReadyRead(10000)) {
                return false;
            }
            out += process.readAllStandardOutput();
        }
        QByteArray line = out.mid(out.indexOf("\napi ") + 5);
        line = line.left(line.indexOf('\n')).trimmed();
        api = QUrl(QString::fromUtf8(line));
        return api.isValid();
    }
    ~Emulator()
    {
        process.kill();
        process.waitForFinished(5000);
    }
};

bool runOnce(NetworkClient &network, const QUrl &api, int items, bool print)
{
    ItemStore store;
    ResultsModel model(&store);
    const qint64 rssBefore = Bench::settledRssKb();
    SearchParameters params;
    params.limit = 900;
    QElapsedTimer timer;
    timer.start();
    CapellaSearchJob job(&network, api, params, &store, items);
    QObject::connect(&job, &CapellaSearchJob::itemsAdded, &model, [&model] { model.syncAppended(); });
    QEventLoop loop;
    QObject::connect(&job, &StacJob::finished, &loop, &QEventLoop::quit);
    loop.exec();
    store.spatialIndex();
    const qint64 wallNs = timer.nsecsElapsed();
    if (!job.isOk() || store.size() != items || model.rowCount() != items) {
        std::fprintf(
            stderr, "capella_search: failed: %s (got %d items)\n", qPrintable(job.error().toString()), store.size());
        return false;
    }
    const qint64 rssAfter = Bench::settledRssKb();
    if (print) {
        const double wallMs = double(wallNs) / 1e6;
        const double mb = double(store.rawBytes()) / (1024.0 * 1024.0);
        QJsonObject o { { u"bench"_s, u"capella_search_10k"_s }, { u"items"_s, items }, { u"pages"_s, job.pages() },
            { u"megabytes"_s, qRound(mb * 10) / 10.0 }, { u"wall_ms"_s, qRound(wallMs * 10) / 10.0 },
            { u"items_per_s"_s, qRound64(items / (wallMs / 1000.0)) },
            { u"rss_growth_mb"_s, qRound(double(rssAfter - rssBefore) / 1024.0 * 10) / 10.0 },
            { u"peak_rss_mb"_s, qRound(double(Bench::statusKb("VmHWM")) / 1024.0 * 10) / 10.0 } };
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager nam;
    NetworkClient network(&nam);
    CredentialRouter router;
    network.setAuthenticator(&router);
    constexpr int kItems = 10000;
    Emulator emulator;
    if (!emulator.start(kItems)) {
        std::fprintf(stderr, "cannot start the Capella emulator (%s)\n", STACSCOPE_PROVIDER_EMULATOR_PATH);
        return 1;
    }
    QUrl origin = emulator.api;
    origin.setPath(u"/"_s);
    router.bind(u"bench"_s, origin,
        std::make_shared<HeaderCredential>(HttpHeaders { { "Authorization", "ApiKey emulator-capella-key" } }));
    if (!runOnce(network, emulator.api, kItems, false)) { // warm-up
        return 1;
    }
    for (int i = 0; i < 5; ++i) {
        if (!runOnce(network, emulator.api, kItems, true)) {
            return 1;
        }
    }
    return 0;
}
