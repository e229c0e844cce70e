// Footprint paint benchmark: 100,000 demo items in an ItemStore, FootprintLayer::paint into a
// 1600x1000 image (antialiased, as MapWidget paints) at zoom 1, 3, 6 and 9 over the densest area,
// while panning (small pans, as a mouse drag gives) and zooming (zoomAround steps). The layer
// renders on a worker and shows its previous image shifted and scaled meanwhile, so the figures
// that matter for the GUI thread are the frame times; the worker's render time is printed apart.
// Events are processed between frames (not timed), as the event loop would. Prints one JSON line
// per zoom with the median and p95 frame time (pan, zoom, the frame right after a zoom gesture
// ended while the worker renders: zoom_end_*, and the frame once its image arrived: settle_*),
// the worker render time (render_*) and how long the image took to arrive (latency_*), and the
// hover hit-test time there; then a line with the hit-test time over 10,000 random points and the
// memory the layer holds. Target: p95 <= 16 ms per frame on the GUI thread.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

#include "src/demo/democatalog.h"
#include "src/geo/mapviewport.h"
#include "src/stac/itemparser.h"
#include "src/stac/itemstore.h"
#include "tests/bench/benchutil.h"
#include "ui/map/footprintlayer.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

constexpr int kItems = 100000;
constexpr int kPage = 1000;
constexpr QSize kSize(1600, 1000);
constexpr int kGestures = 6; // each: a drag of kPanFrames frames, then kZoomFrames wheel steps
constexpr int kPanFrames = 30;
constexpr int kZoomFrames = 8;
constexpr int kHitTests = 10000;

double paintMs(FootprintLayer &layer, QImage &image, const MapViewport &viewport)
{
    QElapsedTimer timer;
    timer.start();
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    layer.paint(painter, viewport);
    painter.end();
    return double(timer.nsecsElapsed()) / 1e6;
}

double rounded(double v)
{
    return qRound(v * 1000) / 1000.0;
}

double percentile(std::vector<double> v, int p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[std::min(v.size() - 1, v.size() * size_t(p) / 100)];
}

// Centre (lon, lat) of the 5-degree cell holding the most footprint centres.
QPointF densest(const ItemStore &store)
{
    std::vector<int> cells(72 * 36, 0);
    for (const ItemRecord &r : store.items()) {
        if (!r.hasBbox) {
            continue;
        }
        const int cx = std::clamp(int((r.bbox.centerLon() + 180.0) / 5.0), 0, 71);
        const int cy = std::clamp(int((r.bbox.centerLat() + 90.0) / 5.0), 0, 35);
        ++cells[size_t(cy * 72 + cx)];
    }
    const auto best = size_t(std::max_element(cells.begin(), cells.end()) - cells.begin());
    return { -180.0 + 5.0 * double(best % 72) + 2.5, -90.0 + 5.0 * double(best / 72) + 2.5 };
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);

    QElapsedTimer loadTimer;
    loadTimer.start();
    ItemStore store;
    const ItemParser parser;
    for (int first = 0; first < kItems; first += kPage) {
        const QByteArray json = DemoCatalog::featureCollection(first, kPage);
        ItemPage page = parser.parsePage(json);
        if (!page.ok()) {
            std::fprintf(stderr, "page %d: %s\n", first / kPage, qPrintable(page.error));
            return 1;
        }
        store.append(std::move(page), json);
    }
    store.spatialIndex(); // built lazily; not the layer's cost
    const double storeMs = double(loadTimer.nsecsElapsed()) / 1e6;

    const qint64 rssBefore = Bench::settledRssKb();
    QElapsedTimer layerTimer;
    layerTimer.start();
    FootprintLayer layer(&store);
    const double layerMs = double(layerTimer.nsecsElapsed()) / 1e6;
    const qint64 rssLayer = Bench::settledRssKb();

    // A realistic state: a few selected rows and one hovered.
    QSet<int> selected;
    for (int row = 0; row < store.size(); row += store.size() / 40) {
        selected.insert(row);
    }
    layer.setSelectedRows(selected);
    layer.setHoveredRow(7);

    const QPointF centre = densest(store);
    QImage image(kSize, QImage::Format_ARGB32_Premultiplied);
    std::mt19937 random(42);
    std::uniform_real_distribution<double> rx(0, kSize.width());
    std::uniform_real_distribution<double> ry(0, kSize.height());
    std::vector<double> allHits;

    // Lets the worker's result in, as the event loop does between frames.
    auto idle = [&app] { app.processEvents(); };
    // Waits until the layer has no render running, returning how long that took.
    auto waitRendered = [&app, &layer] {
        QElapsedTimer wait;
        wait.start();
        while (layer.isRendering() && wait.elapsed() < 5000) {
            app.processEvents(QEventLoop::WaitForMoreEvents, 20);
        }
        return double(wait.nsecsElapsed()) / 1e6;
    };

    const double zooms[] = { 1.0, 3.0, 6.0, 9.0 };
    for (const double zoom : zooms) {
        MapViewport viewport(QSizeF(kSize), centre.x(), centre.y(), zoom);
        const double firstMs = paintMs(layer, image, viewport);
        waitRendered();
        const double firstRenderMs = layer.lastRenderMilliseconds();
        paintMs(layer, image, viewport);
        std::vector<double> pan;
        std::vector<double> zoomFrames;
        std::vector<double> zoomEnd;
        std::vector<double> settle;
        std::vector<double> render;
        std::vector<double> latency;
        for (int g = 0; g < kGestures; ++g) {
            // Drag in a different direction each gesture, a few pixels per frame.
            const double angle = 2.0 * M_PI * g / kGestures;
            // Whole pixels, as mouse moves give.
            const QPointF step(std::round(9.0 * std::cos(angle)), std::round(6.0 * std::sin(angle)));
            for (int i = 0; i < kPanFrames; ++i) {
                viewport.panByPixels(step);
                pan.push_back(paintMs(layer, image, viewport));
                idle();
            }
            // Wheel steps in then out again around a point off centre.
            const QPointF anchor(kSize.width() * 0.4, kSize.height() * 0.6);
            for (int i = 0; i < kZoomFrames; ++i) {
                viewport.zoomAround(anchor, i < kZoomFrames / 2 ? 0.125 : -0.125);
                zoomFrames.push_back(paintMs(layer, image, viewport));
                idle();
            }
            // The gesture ended: a frame while the worker renders the final view, then the frame
            // once its image arrived.
            zoomEnd.push_back(paintMs(layer, image, viewport));
            latency.push_back(waitRendered());
            render.push_back(layer.lastRenderMilliseconds());
            settle.push_back(paintMs(layer, image, viewport));
        }
        std::vector<double> all = pan;
        all.insert(all.end(), zoomFrames.begin(), zoomFrames.end());
        all.insert(all.end(), zoomEnd.begin(), zoomEnd.end());
        all.insert(all.end(), settle.begin(), settle.end());

        std::vector<double> hits;
        hits.reserve(kHitTests / std::size(zooms));
        int found = 0;
        for (size_t i = 0; i < kHitTests / std::size(zooms); ++i) {
            const QPointF p(rx(random), ry(random));
            QElapsedTimer timer;
            timer.start();
            const int row = layer.hitTest(p, viewport);
            hits.push_back(double(timer.nsecsElapsed()) / 1e3);
            found += row >= 0 ? 1 : 0;
        }
        allHits.insert(allHits.end(), hits.begin(), hits.end());

        const QJsonObject o { { u"bench"_s, u"footprint_paint"_s }, { u"zoom"_s, zoom }, { u"items"_s, store.size() },
            { u"width"_s, kSize.width() }, { u"height"_s, kSize.height() }, { u"frames"_s, qint64(all.size()) },
            { u"median_ms"_s, rounded(percentile(all, 50)) }, { u"p95_ms"_s, rounded(percentile(all, 95)) },
            { u"max_ms"_s, rounded(percentile(all, 100)) }, { u"pan_median_ms"_s, rounded(percentile(pan, 50)) },
            { u"pan_p95_ms"_s, rounded(percentile(pan, 95)) },
            { u"zoom_median_ms"_s, rounded(percentile(zoomFrames, 50)) },
            { u"zoom_p95_ms"_s, rounded(percentile(zoomFrames, 95)) },
            { u"zoom_end_median_ms"_s, rounded(percentile(zoomEnd, 50)) },
            { u"zoom_end_max_ms"_s, rounded(percentile(zoomEnd, 100)) },
            { u"settle_median_ms"_s, rounded(percentile(settle, 50)) },
            { u"settle_max_ms"_s, rounded(percentile(settle, 100)) }, { u"first_frame_ms"_s, rounded(firstMs) },
            { u"first_render_ms"_s, rounded(firstRenderMs) },
            { u"render_median_ms"_s, rounded(percentile(render, 50)) },
            { u"render_max_ms"_s, rounded(percentile(render, 100)) },
            { u"latency_median_ms"_s, rounded(percentile(latency, 50)) },
            { u"latency_max_ms"_s, rounded(percentile(latency, 100)) },
            { u"discarded_renders"_s, layer.discardedRenders() }, { u"hit_median_us"_s, rounded(percentile(hits, 50)) },
            { u"hit_p95_us"_s, rounded(percentile(hits, 95)) }, { u"hit_found"_s, found } };
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }

    const QJsonObject o { { u"bench"_s, u"footprint_hover"_s }, { u"items"_s, store.size() },
        { u"hit_tests"_s, qint64(allHits.size()) }, { u"hit_median_us"_s, rounded(percentile(allHits, 50)) },
        { u"hit_p95_us"_s, rounded(percentile(allHits, 95)) }, { u"hit_max_us"_s, rounded(percentile(allHits, 100)) },
        { u"store_load_ms"_s, rounded(storeMs) }, { u"layer_build_ms"_s, rounded(layerMs) },
        { u"layer_rss_mb"_s, rounded(double(rssLayer - rssBefore) / 1024.0) },
        // With its snapshot's spatial index, the last image and the highlight copies.
        { u"layer_rss_after_mb"_s, rounded(double(Bench::settledRssKb() - rssBefore) / 1024.0) },
        { u"total_rss_mb"_s, rounded(double(Bench::settledRssKb()) / 1024.0) } };
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    return 0;
}
