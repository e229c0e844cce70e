#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

#include "src/net/httprequest.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class HttpCall;
class NetworkClient;

// One provider call with a JSON answer: an object (or no body at all for a 204), or, for the
// calls that answer with a bare list (Capella's orders and presigned items), an array.
class JsonCallJob : public StacJob
{
    Q_OBJECT
public:
    enum class Expect
    {
        Object,
        Array
    };
    JsonCallJob(NetworkClient *network, const HttpRequest &request, QObject *parent = nullptr);
    JsonCallJob(NetworkClient *network, const HttpRequest &request, Expect expect, QObject *parent = nullptr);
    void cancel() override;

    const QJsonObject &json() const { return m_json; }
    const QJsonArray &array() const { return m_array; }
    int statusCode() const { return m_status; }
    const HttpRequest &request() const { return m_request; }

private:
    QPointer<HttpCall> m_call;
    HttpRequest m_request;
    QJsonObject m_json;
    QJsonArray m_array;
    int m_status = 0;
};

// A list in the Django REST framework envelope ({"count", "next", "previous", "results"}, as
// Satellogic's tasking, delivery and accounts services send it): follows `next` as given
// (absolute or relative to the page) until it is null, or until `maxItems` were collected.
class OffsetPagedJob : public StacJob
{
    Q_OBJECT
public:
    OffsetPagedJob(NetworkClient *network, const HttpRequest &first, int maxItems = 0, QObject *parent = nullptr);
    void cancel() override;

    const QJsonArray &results() const { return m_results; }
    // The envelope's count of the first page; -1 when absent.
    qint64 count() const { return m_count; }
    int pages() const { return m_pages; }

private:
    void fetch(const HttpRequest &request);
    void onPage();

    NetworkClient *m_network;
    QPointer<HttpCall> m_call;
    HttpRequest m_first;
    QJsonArray m_results;
    QList<QUrl> m_seen;
    qint64 m_count = -1;
    int m_maxItems = 0;
    int m_pages = 0;
};

} // namespace StacScope
