#pragma once

#include <QNetworkAccessManager>

namespace StacScope {

// A QNetworkAccessManager that answers for the demo catalog's data host (DemoAssets::Host) itself, as a
// well-behaved HTTP server would: GET and HEAD, Content-Length, a strong ETag and Last-Modified,
// single byte ranges (206, If-Range, 416), 404 for anything it does not have, 405 for other methods.
// Everything else goes to the network as usual. The app and stacscope-cli use one, so the demo's
// downloads work with no network; bytes arrive at a modest pace, so progress, speed and pause can be
// seen on files of a few hundred kilobytes.
class DemoNetworkAccessManager : public QNetworkAccessManager
{
    Q_OBJECT

public:
    // What the demo host sends per second and per transfer by default.
    static constexpr qint64 DefaultRate = 256 * 1024;

    explicit DemoNetworkAccessManager(QObject *parent = nullptr);

    // Bytes per second and per transfer from the demo host; 0 sends everything at once.
    void setDemoRate(qint64 bytesPerSecond) { m_rate = bytesPerSecond; }
    qint64 demoRate() const { return m_rate; }
    // Requests the demo host has answered (for tests and the curious).
    int demoRequestCount() const { return m_requests; }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override;

private:
    qint64 m_rate = DefaultRate;
    int m_requests = 0;
};

} // namespace StacScope
