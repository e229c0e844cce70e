// Offline basemap paint benchmark: BasemapLayer::paint into a 1600x1000 image, 200 frames at each
// of zoom 0, 3 and 6 while panning east. Prints one JSON line per zoom with the median and p95
// frame time and the one-off cost of projecting the level on its first frame. Target: < 5 ms.
#include <algorithm>
#include <cstdio>
#include <vector>

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

#include "src/geo/mapviewport.h"
#include "src/geo/vectorbasemap.h"
#include "ui/map/basemaplayer.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int kFrames = 200;
constexpr QSize kSize(1600, 1000);

double paintMs(BasemapLayer &layer, QImage &image, const MapViewport &viewport)
{
    QElapsedTimer timer;
    timer.start();
    QPainter painter(&image);
    layer.paint(painter, viewport);
    painter.end();
    return double(timer.nsecsElapsed()) / 1e6;
}

double rounded(double ms)
{
    return qRound(ms * 1000) / 1000.0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);

    QFile file(u":/basemap/naturalearth.bin"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot open the basemap resource\n");
        return 1;
    }
    QElapsedTimer loadTimer;
    loadTimer.start();
    QString error;
    std::optional<VectorBasemap> basemap = VectorBasemap::load(file.readAll(), &error);
    const double loadMs = double(loadTimer.nsecsElapsed()) / 1e6;
    if (!basemap) {
        std::fprintf(stderr, "cannot load the basemap: %s\n", qPrintable(error));
        return 1;
    }
    BasemapLayer layer(std::move(*basemap));
    QImage image(kSize, QImage::Format_ARGB32_Premultiplied);

    for (const double zoom : { 0.0, 3.0, 6.0 }) {
        MapViewport viewport(QSizeF(kSize), -30.0, 45.0, zoom);
        // The first frame at a level projects its shapes; reported apart from the frame times.
        const double firstMs = paintMs(layer, image, viewport);
        std::vector<double> times;
        times.reserve(kFrames);
        for (int i = 0; i < kFrames; ++i) {
            // Pan east across the whole world over the run, so oceans and continents both count.
            viewport.setCenterLonLat(-30.0 + 360.0 * i / kFrames, 45.0);
            times.push_back(paintMs(layer, image, viewport));
        }
        std::sort(times.begin(), times.end());
        const QJsonObject o { { u"bench"_s, u"basemap_paint"_s }, { u"zoom"_s, zoom }, { u"width"_s, kSize.width() },
            { u"height"_s, kSize.height() }, { u"frames"_s, kFrames },
            { u"level"_s, qint64(layer.basemap().levels()[size_t(layer.levelForZoom(zoom))].scaleDenominator) },
            { u"median_ms"_s, rounded(times[times.size() / 2]) },
            { u"p95_ms"_s, rounded(times[times.size() * 95 / 100]) }, { u"max_ms"_s, rounded(times.back()) },
            { u"first_frame_ms"_s, rounded(firstMs) }, { u"load_ms"_s, rounded(loadMs) } };
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return 0;
}
