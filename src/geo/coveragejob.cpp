#include "src/geo/coveragejob.h"

#include <QtConcurrent/QtConcurrentRun>

#include "src/stac/itemstore.h"

namespace StacScope {

namespace {

Coverage::Footprint footprintOf(const ItemRecord &r, int row)
{
    Coverage::Footprint f;
    f.geometry = r.footprint.isAreal() && !r.footprint.isEmpty() ? r.footprint : Geometry::fromBox(r.bbox);
    f.index = row;
    f.datetime = r.hasDatetime() ? r.datetime : Coverage::kNoTime;
    f.cloudCover = r.cloudCover;
    return f;
}

} // namespace

CoverageJob::CoverageJob(const Geometry &target, std::vector<Coverage::Footprint> footprints, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_canceled(std::make_shared<std::atomic_bool>(false))
{
    connect(&m_watcher, &QFutureWatcher<Coverage::Result>::finished, this, &CoverageJob::onComputed);
    m_watcher.setFuture(
        QtConcurrent::run([target, footprints = std::move(footprints), canceled = m_canceled]() -> Coverage::Result {
            return Coverage::compute(target, footprints, canceled.get());
        }));
}

CoverageJob::~CoverageJob()
{
    m_canceled->store(true);
}

std::vector<Coverage::Footprint> CoverageJob::footprintsFrom(const ItemStore &store, const Geometry &target)
{
    std::vector<Coverage::Footprint> out;
    for (std::uint32_t row : store.rowsIntersecting(Coverage::envelope(target))) {
        out.push_back(footprintOf(store.at(int(row)), int(row)));
    }
    return out;
}

std::vector<Coverage::Footprint> CoverageJob::footprintsFrom(
    const ItemStore &store, const Geometry &target, std::span<const int> rows)
{
    const GeoBox box = Coverage::envelope(target);
    std::vector<Coverage::Footprint> out;
    for (int row : rows) {
        if (row < 0 || row >= store.size()) {
            continue;
        }
        const ItemRecord &r = store.at(row);
        if (r.hasBbox && r.bbox.intersects(box)) {
            out.push_back(footprintOf(r, row));
        }
    }
    return out;
}

void CoverageJob::cancel()
{
    m_canceled->store(true);
}

void CoverageJob::onComputed()
{
    if (m_canceled->load() || m_finished) {
        return;
    }
    m_result = m_watcher.result();
    m_finished = true;
    Q_EMIT finished();
}

} // namespace StacScope
