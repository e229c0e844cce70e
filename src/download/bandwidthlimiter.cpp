#include "src/download/bandwidthlimiter.h"

#include <algorithm>
#include <cmath>

namespace StacScope {

namespace {

// About 100 ms of traffic, and never less than a few KB so that reads stay efficient.
double capacityFor(double rate)
{
    return std::max(4096.0, rate / 10.0);
}

} // namespace

BandwidthLimiter::BandwidthLimiter(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
}

void BandwidthLimiter::setRate(qint64 bytesPerSecond)
{
    m_rate = std::max<qint64>(0, bytesPerSecond);
    m_buckets.clear();
}

void BandwidthLimiter::forgetIdle(qint64 now)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (now - it->lastAskedMs > kIdleMs) {
            it = m_buckets.erase(it);
        } else {
            ++it;
        }
    }
}

qint64 BandwidthLimiter::take(const void *taker, qint64 wanted)
{
    if (m_rate <= 0 || wanted <= 0) {
        return std::max<qint64>(0, wanted);
    }
    const qint64 now = m_clock.elapsed();
    forgetIdle(now);
    auto it = m_buckets.find(taker);
    if (it == m_buckets.end()) {
        // A newcomer starts empty: it gets its share from now on, not a burst.
        it = m_buckets.insert(taker, Bucket { 0, now, now });
    }
    const double share = double(m_rate) / double(m_buckets.size());
    it->tokens = std::min(capacityFor(share), it->tokens + double(now - it->refilledMs) * share / 1000.0);
    it->refilledMs = now;
    it->lastAskedMs = now;
    const qint64 granted = std::min(wanted, qint64(std::floor(it->tokens)));
    it->tokens -= double(granted);
    return granted;
}

int BandwidthLimiter::retryDelayMs() const
{
    if (m_rate <= 0) {
        return 0;
    }
    // Long enough to gather a useful amount (a few KB of a share), short enough to keep the pipe busy.
    const qint64 share = std::max<qint64>(1, m_rate / std::max<qint64>(1, m_buckets.size()));
    return int(std::clamp<qint64>(4096 * 1000 / share, 10, 100));
}

} // namespace StacScope
