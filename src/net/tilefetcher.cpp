#include "src/net/tilefetcher.h"

#include <memory>

#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "src/net/networkclient.h"
#include "src/net/redirectpolicy.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr qint64 kDiskCacheBytes = 512LL * 1024 * 1024;

// Failures that say the server (or the network) is unusable, as opposed to one missing tile.
bool isServerFailure(QNetworkReply::NetworkError error, int status)
{
    if (status == 403 || status == 429 || status >= 500) {
        return true;
    }
    if (status >= 400) {
        return false;
    }
    return error != QNetworkReply::NoError;
}

} // namespace

TileFetcher::TileFetcher(const QString &cacheDirectory, QObject *parent)
    : QObject(parent)
    // An own manager, so that the tile cache never answers API calls and tiles do not take the
    // connections API calls need.
    , m_manager(new QNetworkAccessManager(this))
    , m_pumpTimer(new QTimer(this))
    , m_probeTimer(new QTimer(this))
{
    if (!cacheDirectory.isEmpty()) {
        auto *cache = new QNetworkDiskCache(m_manager);
        cache->setCacheDirectory(cacheDirectory);
        cache->setMaximumCacheSize(kDiskCacheBytes);
        m_manager->setCache(cache);
    }
    m_clock.start();
    // Requests made in one go are queued before any starts, so the last one really goes first.
    m_pumpTimer->setSingleShot(true);
    m_pumpTimer->setInterval(0);
    connect(m_pumpTimer, &QTimer::timeout, this, &TileFetcher::pump);
    m_probeTimer->setSingleShot(true);
    m_probeTimer->setInterval(m_probeIntervalMs);
    connect(m_probeTimer, &QTimer::timeout, this, &TileFetcher::probe);
}

TileFetcher::~TileFetcher()
{
    cancelAll();
}

void TileFetcher::setSource(const TileSource &source)
{
    cancelAll();
    m_source = source;
    m_hasSource = true;
    m_failedUntil.clear();
    m_wanted.clear();
    m_wantedOrder.clear();
    m_consecutiveFailures = 0;
    setOffline(false);
}

void TileFetcher::clearSource()
{
    cancelAll();
    m_source = {};
    m_hasSource = false;
    m_failedUntil.clear();
    m_wanted.clear();
    m_wantedOrder.clear();
    m_consecutiveFailures = 0;
    setOffline(false);
}

void TileFetcher::setProbeInterval(int ms)
{
    m_probeIntervalMs = ms;
    m_probeTimer->setInterval(ms);
}

void TileFetcher::setWanted(const QList<TileKey> &keys)
{
    if (!m_hasSource) {
        return;
    }
    m_wanted = QSet<TileKey>(keys.cbegin(), keys.cend());
    m_wantedOrder = keys;
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (!it->probe && !m_wanted.contains(it.key())) {
            abort(*it);
            it = m_inFlight.erase(it);
        } else {
            ++it;
        }
    }
    requeueWanted();
}

void TileFetcher::requeueWanted()
{
    m_queue.clear();
    if (m_offline) {
        return;
    }
    QSet<TileKey> seen;
    for (const TileKey &key : std::as_const(m_wantedOrder)) {
        if (key.isValid() && key.z <= m_source.maxZoom && !m_inFlight.contains(key) && !isFailed(key)
            && !seen.contains(key)) {
            seen.insert(key);
            m_queue.append(key);
        }
    }
    schedulePump();
}

void TileFetcher::request(const TileKey &key)
{
    if (!m_hasSource || !key.isValid() || key.z > m_source.maxZoom) {
        return;
    }
    if (!m_wanted.contains(key)) {
        m_wanted.insert(key);
        m_wantedOrder.prepend(key);
    }
    if (m_offline || m_inFlight.contains(key) || isFailed(key)) {
        return;
    }
    m_queue.removeAll(key);
    m_queue.prepend(key);
    schedulePump();
}

bool TileFetcher::isFailed(const TileKey &key)
{
    const auto it = m_failedUntil.constFind(key);
    if (it == m_failedUntil.cend()) {
        return false;
    }
    if (*it > m_clock.elapsed()) {
        return true;
    }
    m_failedUntil.erase(it);
    return false;
}

void TileFetcher::schedulePump()
{
    if (!m_queue.isEmpty() && !m_pumpTimer->isActive()) {
        m_pumpTimer->start();
    }
}

void TileFetcher::pump()
{
    if (m_offline || !m_hasSource) {
        return;
    }
    const int cap = std::max(1, m_source.maxConnectionsPerHost);
    for (qsizetype i = 0; i < m_queue.size();) {
        const TileKey key = m_queue.at(i);
        const QString host = m_source.tileUrl(key).host();
        if (m_perHost.value(host) < cap) {
            m_queue.removeAt(i);
            start(key, false);
            if (m_offline) {
                return;
            }
        } else {
            ++i;
        }
    }
}

void TileFetcher::start(const TileKey &key, bool probe)
{
    const QUrl url = m_source.tileUrl(key);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, NetworkClient::userAgent());
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("image/png,image/jpeg,image/*;q=0.8"));
    // Tiles change rarely; a cached tile is good enough even when stale, and saves the servers.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
    // Redirects by the same RedirectPolicy as every other request (tiles carry no credentials, but
    // a tile server must not send us to a non-HTTP scheme or down to http either).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setMaximumRedirectsAllowed(RedirectPolicy::MaxHops);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_manager->get(request);
    auto hops = std::make_shared<int>(0);
    auto from = std::make_shared<QUrl>(url);
    connect(reply, &QNetworkReply::redirected, reply, [reply, url, hops, from](const QUrl &target) {
        const QUrl to = from->resolved(target);
        if (RedirectPolicy::decide(url, *from, to, *hops, false).follow) {
            ++*hops;
            *from = to;
            Q_EMIT reply->redirectAllowed();
        } else {
            reply->abort();
        }
    });
    InFlight flight;
    flight.reply = reply;
    flight.host = url.host();
    flight.probe = probe;
    m_inFlight.insert(key, flight);
    ++m_perHost[flight.host];
    connect(reply, &QNetworkReply::finished, this, [this, key, reply] { onFinished(key, reply); });
}

void TileFetcher::abort(InFlight &flight, bool letFail)
{
    if (--m_perHost[flight.host] <= 0) {
        m_perHost.remove(flight.host);
    }
    QNetworkReply *reply = flight.reply;
    flight.reply = nullptr;
    if (reply) {
        // Disconnected first: an aborted tile is neither ready nor failed.
        disconnect(reply, nullptr, this, nullptr);
        if (letFail && !reply->isFinished()) {
            // The server is failing: this request's own error is likely already on its way from
            // Qt's network thread, and abort() now would make QNetworkReply report a second
            // error ("QNetworkReplyImplPrivate::error: Internal problem, this method must only
            // be called once"). It ends by itself, soon, and nobody listens.
            connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
            return;
        }
        // A reply that already failed is only waiting to report it; aborting it again makes
        // QNetworkReply warn.
        if (reply->error() == QNetworkReply::NoError) {
            reply->abort();
        }
        reply->deleteLater();
    }
}

void TileFetcher::cancelAll(bool letFail)
{
    for (InFlight &flight : m_inFlight) {
        abort(flight, letFail);
    }
    m_inFlight.clear();
    m_queue.clear();
    m_probeTimer->stop();
}

void TileFetcher::onFinished(const TileKey &key, QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_inFlight.find(key);
    if (it == m_inFlight.end() || it->reply != reply) {
        return;
    }
    const bool probe = it->probe;
    if (--m_perHost[it->host] <= 0) {
        m_perHost.remove(it->host);
    }
    m_inFlight.erase(it);

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QByteArray data;
    QString message;
    if (reply->error() == QNetworkReply::NoError && status == 200) {
        data = reply->readAll();
        if (data.isEmpty()) {
            message = tr("The tile server sent an empty tile.");
        }
    } else if (status != 0) {
        message = tr("The tile server answered HTTP %1.").arg(status);
    } else {
        message = reply->errorString();
    }
    // An empty 200 is one bad tile, not a dead server.
    const bool serverFailure = !message.isEmpty() && status != 200 && isServerFailure(reply->error(), status);

    if (message.isEmpty()) {
        m_consecutiveFailures = 0;
        m_failedUntil.remove(key);
        if (m_offline) {
            // Failures during the outage say nothing about the tiles themselves.
            m_failedUntil.clear();
            setOffline(false);
            requeueWanted();
        }
        Q_EMIT tileReady(key, data);
    } else {
        m_failedUntil.insert(key, m_clock.elapsed() + m_retryAfterMs);
        Q_EMIT tileFailed(key, message);
        if (serverFailure) {
            ++m_consecutiveFailures;
        }
        if (probe) {
            if (m_offline) {
                m_probeTimer->start();
            }
        } else if (!m_offline && m_consecutiveFailures >= m_failureThreshold) {
            setOffline(true);
        }
    }
    schedulePump();
}

void TileFetcher::setOffline(bool offline)
{
    if (m_offline == offline) {
        return;
    }
    m_offline = offline;
    if (offline) {
        cancelAll(true);
        m_probeTimer->start();
    } else {
        m_probeTimer->stop();
    }
    Q_EMIT offlineChanged(offline);
}

void TileFetcher::probe()
{
    if (!m_offline || !m_hasSource) {
        return;
    }
    // One tile the view wants, whether or not it failed before; the world tile otherwise.
    TileKey key { 0, 0, 0 };
    for (const TileKey &k : std::as_const(m_wantedOrder)) {
        if (k.isValid() && k.z <= m_source.maxZoom) {
            key = k;
            break;
        }
    }
    if (m_inFlight.contains(key)) {
        return;
    }
    start(key, true);
}

} // namespace StacScope
