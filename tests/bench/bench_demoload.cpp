// Demo catalog load: the embedded 2,400-item catalog (":/demo/catalog.json") through StaticCatalogJob
// into an ItemStore, as the first launch with no network does. Prints one JSON line per run; the first
// run is cold (resource decompression, thread pool start-up). Target: <= 150 ms, so the window is
// painted within the 400 ms start-up budget.
#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include "resources/demoresources.h"
#include "src/net/networkclient.h"
#include "src/stac/itemstore.h"
#include "src/stac/staticcatalogjob.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager nam;
    NetworkClient network(&nam);
    initDemoResources();

    for (int run = 0; run < 6; ++run) {
        ItemStore store;
        QElapsedTimer timer;
        timer.start();
        StaticCatalogJob job(&network, demoCatalogPath(), &store, nullptr);
        QEventLoop loop;
        QObject::connect(&job, &StacJob::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const double wallMs = double(timer.nsecsElapsed()) / 1e6;
        if (!job.isOk() || store.size() == 0) {
            std::fprintf(stderr, "demo_catalog_load: failed: %s\n", qPrintable(job.error().toString()));
            return 1;
        }
        const QJsonObject o { { u"bench"_s, u"demo_catalog_load"_s }, { u"items"_s, store.size() },
            { u"collections"_s, int(job.collections().size()) }, { u"documents"_s, job.documentsRead() },
            { u"cold"_s, run == 0 }, { u"wall_ms"_s, qRound(wallMs * 10) / 10.0 } };
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return 0;
}
