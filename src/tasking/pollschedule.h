#pragma once

#include <QDateTime>

#include "src/tasking/monitoredrequest.h"

namespace StacScope {

// When the RequestMonitor asks again, as multiples of one base interval (30 s; tests make it
// small): the base interval while something is about to happen, longer while nothing can, and an
// exponential backoff after failures that honours the server's Retry-After.
class PollSchedule
{
public:
    // Multiples of the base interval.
    static constexpr int RecentSpan = 10; // a change within the last 10 intervals (5 min) is recent
    static constexpr int InWindow = 4; // 2 min while the acquisition window is open
    static constexpr int Idle = 10; // 5 min otherwise
    static constexpr int AwaitingCustomer = 20; // 10 min while the provider waits for the user
    static constexpr int FarAhead = 60; // 30 min while the window opens more than a day ahead
    static constexpr qint64 MaxRetryAfterMs = 24LL * 3600 * 1000; // a longer Retry-After is not believed

    qint64 baseMs = 30000;
    qint64 maxBackoffMs = 30LL * 60 * 1000;

    // Until the next poll of a request that is not final. `changeSoon`: its status usually moves on
    // within minutes (RemoteState::changeSoon).
    qint64 intervalMs(const MonitoredRequest &request, bool changeSoon, const QDateTime &now) const;
    // The wait after `failures` (>= 1) failures in a row: base, 2 x base, 4 x base ... up to
    // maxBackoffMs; never shorter than the server's Retry-After (`retryAfterMs`, -1 when none).
    qint64 backoffMs(int failures, qint64 retryAfterMs = -1) const;
};

} // namespace StacScope
