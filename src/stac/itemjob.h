#pragma once

#include <QPointer>

#include "src/net/httprequest.h"
#include "src/stac/itemrecord.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class HttpCall;
class NetworkClient;

// Fetches one STAC Item by URL.
class ItemJob : public StacJob
{
    Q_OBJECT
public:
    ItemJob(NetworkClient *network, const HttpRequest &request, QObject *parent);
    void cancel() override;

    const ItemRecord &item() const { return m_item; }
    // The item's JSON exactly as received.
    const QByteArray &json() const { return m_json; }

private:
    QPointer<HttpCall> m_call;
    ItemRecord m_item;
    QByteArray m_json;
};

} // namespace StacScope
