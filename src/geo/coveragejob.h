#pragma once

#include <atomic>
#include <memory>
#include <span>
#include <vector>

#include <QFutureWatcher>
#include <QObject>

#include "src/geo/coverage.h"

namespace StacScope {

class ItemStore;

// Computes Coverage::compute() for a target on a worker thread, from copies of its inputs, so the
// GUI never waits and the caller may change its store meanwhile. Starts on construction;
// finished() is emitted once from the event loop, unless canceled.
class CoverageJob : public QObject
{
    Q_OBJECT
public:
    CoverageJob(const Geometry &target, std::vector<Coverage::Footprint> footprints, QObject *parent = nullptr);
    // Asks a computation still running to stop; it holds its own inputs, so it may outlive the job.
    ~CoverageJob() override;

    // The footprints (or, for items without one, the bboxes) of the items whose bbox reaches the
    // target's envelope, with the store row as index. Cheap: the store's spatial index picks them.
    static std::vector<Coverage::Footprint> footprintsFrom(const ItemStore &store, const Geometry &target);
    // The same, among `rows` only (e.g. the rows a filter shows).
    static std::vector<Coverage::Footprint> footprintsFrom(
        const ItemStore &store, const Geometry &target, std::span<const int> rows);

    const Geometry &target() const { return m_target; }
    bool isFinished() const { return m_finished; }
    // Valid once finished() was emitted; check result().isOk().
    const Coverage::Result &result() const { return m_result; }
    // Stops the computation at its next step and drops its result: finished() is not emitted.
    void cancel();

Q_SIGNALS:
    void finished();

private:
    void onComputed();

    Geometry m_target;
    std::shared_ptr<std::atomic_bool> m_canceled;
    QFutureWatcher<Coverage::Result> m_watcher;
    Coverage::Result m_result;
    bool m_finished = false;
};

} // namespace StacScope
