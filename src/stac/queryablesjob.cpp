#include "src/stac/queryablesjob.h"

#include <QTimer>

#include "src/net/networkclient.h"
#include "src/stac/stacapiclient.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QueryablesJob::QueryablesJob(StacApiClient *client, const QString &collectionId, QObject *parent)
    : StacJob(parent)
    , m_client(client)
    , m_collectionId(collectionId)
{
    QTimer::singleShot(0, this, [this] {
        if (isFinished()) {
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

void QueryablesJob::cancel()
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

void QueryablesJob::begin()
{
    const StacApiInfo &info = *m_client->info();
    QUrl url;
    if (m_collectionId.isEmpty()) {
        url = info.queryablesUrl();
        if (url.isEmpty()) {
            url = info.url.resolved(QUrl(u"queryables"_s));
        }
    } else {
        QUrl base = info.collectionsUrl();
        if (base.isEmpty()) {
            base = info.url.resolved(QUrl(u"collections"_s));
        }
        QString path = base.path();
        if (!path.endsWith(u'/')) {
            path += u'/';
        }
        base.setPath(path + m_collectionId + u"/queryables"_s);
        url = base;
    }
    m_call = m_client->network()->send(m_client->request(url), this);
    connect(m_call, &HttpCall::finished, this, [this] {
        QJsonObject schema;
        const NetworkError error = jsonObject(m_call, &schema);
        m_call->deleteLater();
        if (error.isError()) {
            finish(error);
            return;
        }
        m_queryables = Queryables::fromJson(schema);
        finish();
    });
}

} // namespace StacScope
