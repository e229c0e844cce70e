#include "src/stac/queryablesjob.h"

#include "src/net/networkclient.h"
#include "src/stac/stacapiclient.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QueryablesJob::QueryablesJob(StacApiClient *client, const QString &collectionId, QObject *parent)
    : StacApiJob(client, parent)
    , m_collectionId(collectionId)
{}

void QueryablesJob::begin()
{
    const StacApiInfo &info = *client()->info();
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
    m_call = client()->network()->send(client()->request(url), this);
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
