#include "src/stac/itemjob.h"

#include "src/net/networkclient.h"
#include "src/stac/itemparser.h"

namespace StacScope {

ItemJob::ItemJob(NetworkClient *network, const HttpRequest &request, QObject *parent)
    : StacJob(parent)
{
    m_call = network->send(request, this);
    connect(m_call, &HttpCall::finished, this, [this] {
        HttpCall *call = m_call;
        call->deleteLater();
        if (!call->isOk()) {
            finish(call->error());
            return;
        }
        ItemPage page = ItemParser(call->finalUrl()).parseItem(call->body());
        if (!page.ok()) {
            finish(NetworkError::make(NetworkError::Kind::BadResponse, page.error, call->finalUrl()));
            return;
        }
        addWarnings(page.warnings);
        m_json = call->body().trimmed();
        m_item = std::move(page.items.front());
        finish();
    });
}

void ItemJob::cancel()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    StacJob::cancel();
}

} // namespace StacScope
