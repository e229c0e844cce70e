#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include "src/geo/tilemath.h"
#include "src/net/tilesource.h"

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace StacScope {

// Fetches the bytes of XYZ tiles for one source. The view says which tiles it wants (setWanted);
// the fetcher de-duplicates, serves the newest wishes first, keeps to the source's per-host
// connection limit, cancels what is no longer wanted and answers from a QNetworkDiskCache when it
// can. A failed tile is not asked for again before retryAfter(); after failureThreshold()
// consecutive failures of the server (network errors, 403, 429, 5xx) the fetcher goes offline,
// so the UI shows the offline basemap, and probes with one request every probeInterval().
// Tiles travel as bytes: decoding is the UI's business.
class TileFetcher : public QObject
{
    Q_OBJECT
public:
    // An empty `cacheDirectory` disables the disk cache.
    explicit TileFetcher(const QString &cacheDirectory, QObject *parent = nullptr);
    ~TileFetcher() override;

    bool hasSource() const { return m_hasSource; }
    const TileSource &source() const { return m_source; }
    // Drops everything queued or in flight, forgets failures and leaves the offline state.
    void setSource(const TileSource &source);
    void clearSource();

    // The tiles the view needs now, most important first. Queued and in-flight tiles not in the
    // list are cancelled; the rest are queued in this order ahead of anything older.
    void setWanted(const QList<TileKey> &keys);
    // Adds one tile ahead of everything queued (last in, first out).
    void request(const TileKey &key);

    bool isOffline() const { return m_offline; }
    int queuedCount() const { return int(m_queue.size()); }
    int inFlightCount() const { return int(m_inFlight.size()); }
    // True while `key` is remembered as failed and will not be asked for.
    bool isFailed(const TileKey &key);

    int failureThreshold() const { return m_failureThreshold; }
    void setFailureThreshold(int failures) { m_failureThreshold = std::max(1, failures); }
    int retryAfter() const { return m_retryAfterMs; }
    void setRetryAfter(int ms) { m_retryAfterMs = ms; }
    int probeInterval() const { return m_probeIntervalMs; }
    void setProbeInterval(int ms);
    int transferTimeout() const { return m_timeoutMs; }
    void setTransferTimeout(int ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void tileReady(const StacScope::TileKey &key, const QByteArray &data);
    void tileFailed(const StacScope::TileKey &key, const QString &message);
    void offlineChanged(bool offline);

private:
    struct InFlight
    {
        QNetworkReply *reply = nullptr;
        QString host;
        bool probe = false;
    };

    void schedulePump();
    void pump();
    void start(const TileKey &key, bool probe);
    void onFinished(const TileKey &key, QNetworkReply *reply);
    // `letFail`: the server is failing, so its requests are left to end on their own (unheard)
    // instead of aborted; see abort().
    void cancelAll(bool letFail = false);
    void abort(InFlight &flight, bool letFail = false);
    void setOffline(bool offline);
    void probe();
    void requeueWanted();

    QNetworkAccessManager *m_manager;
    TileSource m_source;
    bool m_hasSource = false;
    QList<TileKey> m_queue; // front is fetched next
    QList<TileKey> m_wantedOrder;
    QSet<TileKey> m_wanted;
    QHash<TileKey, InFlight> m_inFlight;
    QHash<QString, int> m_perHost;
    QHash<TileKey, qint64> m_failedUntil; // m_clock milliseconds
    QElapsedTimer m_clock;
    QTimer *m_pumpTimer;
    QTimer *m_probeTimer;
    int m_consecutiveFailures = 0;
    bool m_offline = false;
    int m_failureThreshold = 6;
    int m_retryAfterMs = 5 * 60 * 1000;
    int m_probeIntervalMs = 60 * 1000;
    int m_timeoutMs = 20000;
};

} // namespace StacScope
