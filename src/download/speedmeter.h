#pragma once

#include <QElapsedTimer>
#include <QList>

namespace StacScope {

// Transfer speed over a sliding window (2 s by default), so that bursts and stalls of a single
// read do not make the figure jump.
class SpeedMeter
{
public:
    explicit SpeedMeter(int windowMs = 2000);

    void reset();
    void addBytes(qint64 bytes);
    // Bytes per second over the window; 0 before anything was measured or after a long stall.
    double bytesPerSecond() const;

private:
    struct Sample
    {
        qint64 ms;
        qint64 bytes;
    };
    void prune(qint64 now) const;

    int m_windowMs;
    QElapsedTimer m_clock;
    mutable QList<Sample> m_samples;
    qint64 m_startMs = 0;
};

} // namespace StacScope
