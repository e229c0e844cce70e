#include "ui/map/footprintlayer.h"

#include <algorithm>
#include <cmath>

#include <QElapsedTimer>
#include <QLineF>
#include <QPaintEngine>
#include <QPainter>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include "src/geo/webmercator.h"
#include "src/stac/itemstore.h"
#include "ui/map/worldpath.h"

namespace StacScope {

namespace {

const QColor kSelected(0xff, 0xc1, 0x07);
const QColor kHovered(0xff, 0xff, 0xff);
// Logical pixels rendered around the view: a drag of up to this far needs no new render.
constexpr double kRenderMargin = 128.0;

bool nearInteger(double v)
{
    return std::abs(v - std::round(v)) < 1e-3;
}

void renderTask(QPromise<FootprintRenderer::Result> &promise, std::shared_ptr<const FootprintRenderer::Data> data,
    const MapViewport &viewport, quint64 generation)
{
    QElapsedTimer timer;
    timer.start();
    FootprintRenderer renderer(std::move(data));
    QImage image = renderer.render(viewport, [&promise] { return promise.isCanceled(); });
    if (image.isNull()) {
        return;
    }
    promise.addResult(FootprintRenderer::Result { std::move(image), viewport, generation, timer.nsecsElapsed() / 1e6 });
}

} // namespace

FootprintLayer::FootprintLayer(const ItemStore *store, QObject *parent)
    : MapLayer(parent)
    , m_store(store)
    , m_data(std::make_shared<Data>())
    , m_watcher(new QFutureWatcher<Result>(this))
{
    setZOrder(100);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &FootprintLayer::renderFinished);
    syncAppended();
}

FootprintLayer::~FootprintLayer()
{
    // The task holds its own snapshot; the watcher goes with this layer and its result is dropped.
    m_watcher->disconnect(this);
    m_watcher->cancel();
}

QStringList FootprintLayer::presentCollections() const
{
    QStringList out;
    bool unnamed = false;
    for (size_t i = 0; i < m_presentStyles.size(); ++i) {
        if (m_presentStyles[i]) {
            const QString name = m_collectionOfStyle.value(int(i));
            if (name.isEmpty()) {
                unnamed = true;
            } else {
                out.append(name);
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
    if (unnamed) {
        out.append(QString());
    }
    return out;
}

int FootprintLayer::stableStyle(const QString &collection) const
{
    quint32 hash = 2166136261u; // FNV-1a over the UTF-16 code units
    for (const QChar c : collection) {
        hash = (hash ^ c.unicode()) * 16777619u;
    }
    const int slots = FootprintRenderer::paletteSize();
    for (int k = 0; k < slots; ++k) {
        const int style = int((hash + quint32(k)) % quint32(slots));
        if (!m_collectionOfStyle.contains(style)) {
            return style;
        }
    }
    int style = slots;
    while (m_collectionOfStyle.contains(style)) {
        ++style;
    }
    return style;
}

QColor FootprintLayer::colorFor(const QString &collection) const
{
    return FootprintRenderer::styleColor(m_styleByCollection.value(collection, 0));
}

FootprintLayer::Data &FootprintLayer::mutableData()
{
    // Only this thread hands out references, so a count of one cannot grow behind our back.
    if (m_data.use_count() > 1) {
        m_data = std::make_shared<Data>(*m_data);
    }
    return *m_data;
}

void FootprintLayer::build(Data &data, int row)
{
    const ItemRecord &r = m_store->at(row);
    const Geometry &g = r.footprint;
    QPainterPath path = worldPath(g);
    if (g.isEmpty() && r.hasBbox) {
        // No geometry: the bbox stands in for the footprint.
        const GeoBox &b = r.bbox;
        const double east = b.crossesAntimeridian() ? b.east + 360.0 : b.east;
        path.addRect(QRectF(QPointF(WebMercator::lonToX(b.west), WebMercator::latToY(b.north)),
            QPointF(WebMercator::lonToX(east), WebMercator::latToY(b.south))));
    }
    if (g.partCount() > 1 && r.hasBbox && r.bbox.crossesAntimeridian()) {
        // The parts of a footprint cut at 180 degrees now touch: merge them so no seam is drawn.
        path = path.simplified();
    }
    QRectF bounds = path.boundingRect();
    // Fills the path's other lazy cache now, while only this thread sees it.
    path.controlPointRect();
    if (bounds.width() <= 0 || bounds.height() <= 0) {
        // Points and lines have no area; keep a sliver so rectangle tests still see them.
        constexpr double kSliver = 1e-9;
        bounds.adjust(-kSliver, -kSliver, kSliver, kSliver);
    }
    data.paths.push_back(std::move(path));
    data.bounds.push_back(bounds);
    auto it = m_styleByCollection.constFind(r.collection);
    if (it == m_styleByCollection.constEnd()) {
        const int style = stableStyle(r.collection);
        it = m_styleByCollection.insert(r.collection, style);
        m_collectionOfStyle.insert(style, r.collection);
        m_collectionOrder.append(r.collection);
    }
    data.style.push_back(*it);
    data.styleCount = std::max(data.styleCount, *it + 1);
    if (m_presentStyles.size() <= size_t(*it)) {
        m_presentStyles.resize(size_t(*it) + 1, false);
    }
    m_presentStyles[size_t(*it)] = true;
}

void FootprintLayer::syncAppended()
{
    const int n = m_store->size();
    if (n < count()) {
        syncReset();
        return;
    }
    if (n > count()) {
        Data &data = mutableData();
        data.paths.reserve(size_t(n));
        data.bounds.reserve(size_t(n));
        data.style.reserve(size_t(n));
        for (int row = int(data.paths.size()); row < n; ++row) {
            build(data, row);
        }
        // A render of fewer rows is still worth showing until the next one arrives.
        ++m_generation;
        refreshHighlights();
    }
    Q_EMIT changed();
}

void FootprintLayer::syncReset()
{
    m_data = std::make_shared<Data>();
    m_presentStyles.clear();
    m_selected.clear();
    m_outlined.clear();
    m_hovered = -1;
    m_highlights.clear();
    m_cache = {};
    ++m_generation;
    m_resetGeneration = m_generation;
    if (m_rendering) {
        m_watcher->cancel();
    }
    syncAppended();
}

void FootprintLayer::setHiddenRows(std::vector<std::uint8_t> hidden)
{
    if (hidden == m_data->hidden) {
        return;
    }
    mutableData().hidden = std::move(hidden);
    ++m_generation; // the last image is drawn until the new one is back, as after a pan
    Q_EMIT changed();
}

void FootprintLayer::ensureIndex()
{
    if (m_data->indexedRows != m_data->paths.size()) {
        Data &data = mutableData();
        data.index = m_store->spatialIndex();
        data.indexedRows = data.paths.size();
    }
}

void FootprintLayer::setSelectedRows(const QSet<int> &rows)
{
    if (rows != m_selected) {
        m_selected = rows;
        refreshHighlights();
        Q_EMIT changed();
    }
}

void FootprintLayer::setOutlinedRows(const QSet<int> &rows)
{
    if (rows != m_outlined) {
        m_outlined = rows;
        refreshHighlights();
        Q_EMIT changed();
    }
}

void FootprintLayer::setHoveredRow(int row)
{
    if (row != m_hovered) {
        m_hovered = row;
        refreshHighlights();
        Q_EMIT changed();
    }
}

void FootprintLayer::refreshHighlights()
{
    QHash<int, QPainterPath> highlights;
    QSet<int> rows = m_selected + m_outlined;
    rows.insert(m_hovered);
    for (int row : std::as_const(rows)) {
        if (row < 0 || row >= count()) {
            continue;
        }
        const auto it = m_highlights.constFind(row);
        highlights.insert(
            row, it != m_highlights.constEnd() ? *it : FootprintRenderer::detached(m_data->paths[size_t(row)]));
    }
    m_highlights = std::move(highlights);
}

void FootprintLayer::paint(QPainter &painter, const MapViewport &viewport)
{
    if (m_data->paths.empty()) {
        return;
    }
    painter.save();
    const QPaintEngine *engine = painter.paintEngine();
    const bool raster = engine && engine->type() == QPaintEngine::Raster && painter.worldTransform().isIdentity();
    if (!raster) {
        // A printer or a transformed painter: vectors straight onto it. The paths are copied while
        // a worker draws them too.
        ensureIndex();
        FootprintRenderer(m_data).draw(painter, viewport, QRectF(QPointF(0, 0), viewport.size()), {}, m_rendering);
    } else {
        MapViewport device = viewport;
        device.setDevicePixelRatio(painter.device()->devicePixelRatioF());
        if (m_synchronous) {
            ensureIndex();
            painter.drawImage(QPointF(0, 0), FootprintRenderer(m_data).render(device, {}, m_rendering));
        } else {
            QTransform transform;
            bool exact = false;
            if (cacheTransform(device, &transform, &exact)) {
                painter.save();
                painter.setTransform(transform, true);
                painter.drawImage(QPointF(0, 0), m_cache.image);
                painter.restore();
            }
            if (!exact) {
                requestRender(device);
            }
        }
    }
    drawHighlights(painter, viewport);
    painter.restore();
}

MapViewport FootprintLayer::renderViewport(const MapViewport &viewport) const
{
    MapViewport out = viewport;
    out.setSize(viewport.size() + QSizeF(2 * kRenderMargin, 2 * kRenderMargin));
    if (out.center() != viewport.center()) {
        // Taller than the world, the viewport re-centres vertically: keep the margin sideways only.
        out = viewport;
        out.setSize(viewport.size() + QSizeF(2 * kRenderMargin, 0));
    }
    return out;
}

bool FootprintLayer::cacheTransform(const MapViewport &viewport, QTransform *transform, bool *exact) const
{
    *exact = false;
    const MapViewport &cached = m_cache.viewport;
    if (m_cache.image.isNull() || cached.devicePixelRatio() != viewport.devicePixelRatio()) {
        return false;
    }
    // Beyond a factor of 4 the image is too blurry or too sparse to be worth showing.
    const double k = viewport.scale() / cached.scale();
    if (k > 4.0 || k < 0.25) {
        return false;
    }
    // screen_new = (screen_old - size_old / 2) * k + (c_old - c_new) * s_new + size_new / 2, with
    // the centres' x difference taken the short way round the world.
    QPointF d = cached.center() - viewport.center();
    d.setX(d.x() - std::round(d.x()));
    const QPointF half(viewport.size().width() / 2.0, viewport.size().height() / 2.0);
    const QPointF cachedHalf(cached.size().width() / 2.0, cached.size().height() / 2.0);
    QPointF offset = d * viewport.scale() + half - cachedHalf * k;
    const double dpr = viewport.devicePixelRatio();
    const bool whole
        = cached.zoom() == viewport.zoom() && nearInteger(offset.x() * dpr) && nearInteger(offset.y() * dpr);
    if (whole) {
        // Snap to the device pixel it is within rounding of, so the blit is exact.
        offset = QPointF(std::round(offset.x() * dpr), std::round(offset.y() * dpr)) / dpr;
        *exact = m_cache.generation == m_generation && offset.x() <= 0 && offset.y() <= 0
            && offset.x() + cached.size().width() >= viewport.size().width()
            && offset.y() + cached.size().height() >= viewport.size().height();
        *transform = QTransform::fromTranslate(offset.x(), offset.y());
    } else {
        *transform = QTransform(k, 0, 0, k, offset.x(), offset.y());
    }
    return true;
}

void FootprintLayer::requestRender(const MapViewport &viewport)
{
    const MapViewport target = renderViewport(viewport);
    if (m_rendering) {
        if (m_renderingGeneration == m_generation && m_renderingViewport == target) {
            m_pending.reset();
            return;
        }
        // Only one worker draws the shared paths at a time, so the next render waits for this one.
        // A pan is worth finishing (it is shown shifted); a zoom or resize is not.
        const MapViewport &running = m_renderingViewport;
        if (m_renderingGeneration < m_resetGeneration || running.zoom() != target.zoom()
            || running.size() != target.size() || running.devicePixelRatio() != target.devicePixelRatio()) {
            m_watcher->cancel();
        }
        m_pending = target;
        return;
    }
    startRender(target);
}

void FootprintLayer::startRender(const MapViewport &target)
{
    ensureIndex();
    m_rendering = true;
    m_renderingViewport = target;
    m_renderingGeneration = m_generation;
    m_watcher->setFuture(QtConcurrent::run(renderTask, std::shared_ptr<const Data>(m_data), target, m_generation));
}

void FootprintLayer::renderFinished()
{
    m_rendering = false;
    const QFuture<Result> future = m_watcher->future();
    bool accepted = false;
    if (!future.isCanceled() && future.resultCount() > 0) {
        Result result = future.result();
        if (result.generation >= m_resetGeneration) {
            m_lastRenderMs = result.milliseconds;
            m_cache = std::move(result);
            accepted = true;
        }
    }
    if (!accepted) {
        ++m_discarded;
    }
    if (m_pending) {
        const MapViewport next = *m_pending;
        m_pending.reset();
        if (!(m_cache.generation == m_generation && m_cache.viewport == next)) {
            startRender(next);
        }
    }
    if (accepted) {
        Q_EMIT changed();
    }
}

void FootprintLayer::drawHighlights(QPainter &painter, const MapViewport &viewport) const
{
    if (m_highlights.isEmpty()) {
        return;
    }
    const double scale = viewport.scale();
    const QRectF world = viewport.visibleWorld();
    const QTransform base = painter.transform();
    painter.setRenderHint(QPainter::Antialiasing);
    QPen selectedPen(kSelected.darker(130), 2.2);
    selectedPen.setCosmetic(true);
    QColor selectedFill = kSelected;
    selectedFill.setAlpha(70);
    // New results: a bright outline that reads on imagery and on the pale basemap alike.
    QPen outlinePen(kOutlineColor, 3.0);
    outlinePen.setCosmetic(true);
    QPen hoverPen(QColor(0x10, 0x10, 0x10), 2.0);
    hoverPen.setCosmetic(true);
    QColor hoverFill = kHovered;
    hoverFill.setAlpha(60);
    auto drawRow = [&](int row) {
        const QRectF &b = m_data->bounds[size_t(row)];
        if (b.width() * scale < FootprintRenderer::kPointSize && b.height() * scale < FootprintRenderer::kPointSize) {
            // Around the marker FootprintRenderer draws for it.
            const double radius = (FootprintRenderer::kMarkerSize / 2.0 + 1.0) / scale;
            painter.drawEllipse(b.center(), radius, radius);
            return;
        }
        painter.drawPath(m_highlights.value(row));
    };
    const bool hovered = m_highlights.contains(m_hovered);
    for (int copy = viewport.firstWorldCopy() - 1; copy <= viewport.lastWorldCopy(); ++copy) {
        const QRectF copyWorld = world.translated(-copy, 0);
        painter.setTransform(worldCopyTransform(viewport, copy) * base);
        painter.setPen(outlinePen);
        painter.setBrush(Qt::NoBrush);
        for (int row : std::as_const(m_outlined)) {
            if (m_highlights.contains(row) && m_data->bounds[size_t(row)].intersects(copyWorld)) {
                drawRow(row);
            }
        }
        painter.setPen(selectedPen);
        painter.setBrush(selectedFill);
        for (int row : std::as_const(m_selected)) {
            if (m_highlights.contains(row) && m_data->bounds[size_t(row)].intersects(copyWorld)) {
                drawRow(row);
            }
        }
        if (hovered && m_data->bounds[size_t(m_hovered)].intersects(copyWorld)) {
            painter.setPen(hoverPen);
            painter.setBrush(hoverFill);
            drawRow(m_hovered);
        }
    }
    painter.setTransform(base);
}

int FootprintLayer::hitTest(const QPointF &screen, const MapViewport &viewport) const
{
    QPointF w = viewport.screenToWorld(screen);
    w.setX(w.x() - std::floor(w.x()));
    // A few pixels of slack, and at least a marker's radius (see FootprintRenderer::kMarkerSize).
    const double tolerance = std::max(4.0, FootprintRenderer::kMarkerSize / 2.0 + 0.5) / viewport.scale();
    const double lon = WebMercator::xToLon(w.x());
    const double lat = WebMercator::yToLat(std::clamp(w.y(), 0.0, 1.0));
    const double dLon = tolerance * 360.0;
    const double dLat = std::max(0.01, std::abs(WebMercator::yToLat(w.y() - tolerance) - lat));
    GeoBox probe { normalizeLongitude(lon - dLon), std::max(-90.0, lat - dLat), normalizeLongitude(lon + dLon),
        std::min(90.0, lat + dLat) };
    if (dLon >= 180.0) {
        probe.west = -180.0;
        probe.east = 180.0;
    }
    const Data &data = *m_data;
    int best = -1;
    double bestArea = 0;
    bool bestTiny = false;
    double bestDistance = 0; // of a tiny footprint's centre, in world units
    for (std::uint32_t r : m_store->rowsIntersecting(probe)) {
        const int row = int(r);
        if (row >= count() || data.isHidden(size_t(row))) {
            continue;
        }
        const QRectF &b = data.bounds[size_t(row)];
        const bool tiny = b.width() * viewport.scale() < FootprintRenderer::kPointSize
            && b.height() * viewport.scale() < FootprintRenderer::kPointSize;
        bool hit = false;
        double distance = 0;
        for (int copy = -1; copy <= 1 && !hit; ++copy) {
            const QPointF p(w.x() + copy, w.y());
            if (!b.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(p)) {
                continue;
            }
            // contains() only reads the path (its bounds were filled in by build()), so it is safe
            // while a worker draws it.
            hit = tiny || data.paths[size_t(row)].contains(p);
            distance = QLineF(p, b.center()).length();
        }
        if (!hit) {
            continue;
        }
        // Markers are drawn over footprints: a tiny one wins, the nearest of them when markers
        // overlap; otherwise the smallest footprint.
        const double area = b.width() * b.height();
        const bool better = best < 0 || (tiny && !bestTiny) || (tiny && bestTiny && distance < bestDistance)
            || (!tiny && !bestTiny && area < bestArea);
        if (better) {
            best = row;
            bestArea = area;
            bestTiny = tiny;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace StacScope
