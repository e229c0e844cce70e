#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace StacScope {

// The shared bandwidth limit of a manager's jobs: a job reads from its reply only as many bytes as
// take() grants and tries again after retryDelayMs(). Each job that read in the last moment gets
// an equal share of the rate in a bucket of its own (holding at most ~100 ms of its share, so a
// pause does not turn into a burst): one job cannot starve another by always asking first after
// the refill, and a job alone gets the whole rate.
class BandwidthLimiter : public QObject
{
    Q_OBJECT
public:
    explicit BandwidthLimiter(QObject *parent = nullptr);

    // Bytes per second; 0 means no limit.
    void setRate(qint64 bytesPerSecond);
    qint64 rate() const { return m_rate; }
    bool isLimited() const { return m_rate > 0; }

    // Grants `taker` up to `wanted` bytes now (all of them without a limit). `taker` identifies a
    // download (its address); one that has not asked for kIdleMs no longer counts.
    qint64 take(const void *taker, qint64 wanted);
    // When to ask again after take() granted nothing.
    int retryDelayMs() const;

    static constexpr qint64 kIdleMs = 500;

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 refilledMs = 0;
        qint64 lastAskedMs = 0;
    };
    void forgetIdle(qint64 now);

    qint64 m_rate = 0;
    QElapsedTimer m_clock;
    QHash<const void *, Bucket> m_buckets;
};

} // namespace StacScope
