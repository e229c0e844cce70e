#include "src/download/speedmeter.h"

#include <algorithm>

namespace StacScope {

SpeedMeter::SpeedMeter(int windowMs)
    : m_windowMs(windowMs)
{
    reset();
}

void SpeedMeter::reset()
{
    m_clock.start();
    m_samples.clear();
    m_startMs = 0;
}

void SpeedMeter::addBytes(qint64 bytes)
{
    const qint64 now = m_clock.elapsed();
    if (!m_samples.isEmpty() && m_samples.constLast().ms == now) {
        m_samples.last().bytes += bytes;
    } else {
        m_samples.append({ now, bytes });
    }
    prune(now);
}

void SpeedMeter::prune(qint64 now) const
{
    while (!m_samples.isEmpty() && m_samples.constFirst().ms < now - m_windowMs) {
        m_samples.removeFirst();
    }
}

double SpeedMeter::bytesPerSecond() const
{
    const qint64 now = m_clock.elapsed();
    prune(now);
    if (m_samples.isEmpty()) {
        return 0;
    }
    qint64 bytes = 0;
    for (const Sample &s : std::as_const(m_samples)) {
        bytes += s.bytes;
    }
    // A young transfer is measured over its own age, at least 200 ms so one read is no spike.
    const qint64 span = std::clamp<qint64>(now - m_startMs, 200, m_windowMs);
    return double(bytes) * 1000.0 / double(span);
}

} // namespace StacScope
