#pragma once

#include <QElapsedTimer>
#include <QObject>

namespace StacScope {

// A token bucket shared by all jobs of a manager: a job reads from its reply only as many bytes as
// take() grants and tries again after retryDelayMs(). The bucket holds at most ~100 ms of traffic,
// so a pause does not turn into a burst.
class BandwidthLimiter : public QObject
{
    Q_OBJECT
public:
    explicit BandwidthLimiter(QObject *parent = nullptr);

    // Bytes per second; 0 means no limit.
    void setRate(qint64 bytesPerSecond);
    qint64 rate() const { return m_rate; }
    bool isLimited() const { return m_rate > 0; }

    // Grants up to `wanted` bytes now (all of them without a limit).
    qint64 take(qint64 wanted);
    // When to ask again after take() granted nothing.
    int retryDelayMs() const;

private:
    void refill();

    qint64 m_rate = 0;
    double m_tokens = 0;
    QElapsedTimer m_clock;
    qint64 m_lastMs = 0;
};

} // namespace StacScope
