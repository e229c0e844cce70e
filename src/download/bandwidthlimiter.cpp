#include "src/download/bandwidthlimiter.h"

#include <algorithm>
#include <cmath>

namespace StacScope {

namespace {

double capacityFor(qint64 rate)
{
    return qMax(4096.0, double(rate) / 10.0);
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
    m_tokens = 0;
    m_lastMs = m_clock.elapsed();
}

void BandwidthLimiter::refill()
{
    const qint64 now = m_clock.elapsed();
    m_tokens = qMin(capacityFor(m_rate), m_tokens + double(now - m_lastMs) * double(m_rate) / 1000.0);
    m_lastMs = now;
}

qint64 BandwidthLimiter::take(qint64 wanted)
{
    if (m_rate <= 0 || wanted <= 0) {
        return std::max<qint64>(0, wanted);
    }
    refill();
    const qint64 granted = qMin(wanted, qint64(std::floor(m_tokens)));
    m_tokens -= double(granted);
    return granted;
}

int BandwidthLimiter::retryDelayMs() const
{
    if (m_rate <= 0) {
        return 0;
    }
    // Long enough to gather a useful amount (a few KB), short enough to keep the pipe busy.
    return int(std::clamp<qint64>(4096 * 1000 / m_rate, 10, 100));
}

} // namespace StacScope
