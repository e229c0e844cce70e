#include "src/stac/stacapijob.h"

#include <QTimer>

#include "src/net/networkclient.h"
#include "src/stac/stacapiclient.h"

namespace StacScope {

StacApiJob::StacApiJob(StacApiClient *client, QObject *parent)
    : StacJob(parent)
    , m_client(client)
{
    // From the event loop: the derived class is complete and callers have connected.
    QTimer::singleShot(0, this, [this] {
        if (isFinished()) {
            return;
        }
        const QString problem = precheck();
        if (!problem.isEmpty()) {
            finish(NetworkError::make(NetworkError::Kind::BadResponse, problem));
            return;
        }
        if (m_client->info()) {
            begin();
            return;
        }
        m_landing = m_client->loadLanding();
        connect(m_landing, &StacJob::finished, this, [this] {
            m_landing->deleteLater();
            if (!m_landing->isOk()) {
                finish(m_landing->error());
                return;
            }
            begin();
        });
    });
}

void StacApiJob::cancel()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
    if (m_landing) {
        m_landing->disconnect(this);
        m_landing->cancel();
    }
    StacJob::cancel();
}

} // namespace StacScope
