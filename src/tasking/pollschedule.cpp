#include "src/tasking/pollschedule.h"

#include <algorithm>

namespace StacScope {

qint64 PollSchedule::intervalMs(const MonitoredRequest &request, bool changeSoon, const QDateTime &now) const
{
    const qint64 base = std::max<qint64>(1, baseMs);
    if (changeSoon) {
        return base;
    }
    // Soon after submission or after a change, the next change often follows quickly.
    const QDateTime since = request.lastChange();
    if (since.isValid() && since.msecsTo(now) < base * RecentSpan) {
        return base;
    }
    if (request.needsAction) {
        return base * AwaitingCustomer; // the app polls at once when the user acts (pollNow)
    }
    const bool opened = !request.windowStart.isValid() || request.windowStart <= now;
    const bool closed = request.windowEnd.isValid() && request.windowEnd < now;
    if (request.windowStart.isValid() && opened && !closed) {
        return base * InWindow; // a collection may happen at any moment
    }
    if (request.windowStart.isValid() && now.msecsTo(request.windowStart) > 24LL * 3600 * 1000) {
        return base * FarAhead;
    }
    return base * Idle;
}

qint64 PollSchedule::backoffMs(int failures, qint64 retryAfterMs) const
{
    const qint64 base = std::max<qint64>(1, baseMs);
    const int shift = std::clamp(failures - 1, 0, 30);
    qint64 delay = base;
    for (int i = 0; i < shift && delay < maxBackoffMs; ++i) {
        delay *= 2;
    }
    delay = std::min(delay, std::max(base, maxBackoffMs));
    if (retryAfterMs > 0) {
        delay = std::max(delay, std::min(retryAfterMs, MaxRetryAfterMs));
    }
    return delay;
}

} // namespace StacScope
