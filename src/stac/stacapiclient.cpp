#include "src/stac/stacapiclient.h"

#include <QJsonArray>
#include <QTimer>

#include "src/net/networkclient.h"
#include "src/stac/collectionsjob.h"
#include "src/stac/itemjob.h"
#include "src/stac/queryablesjob.h"
#include "src/stac/searchjob.h"

using namespace Qt::StringLiterals;

namespace StacScope {

StacApiClient::StacApiClient(NetworkClient *network, const QUrl &landingUrl, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_landingUrl(landingUrl)
{}

HttpRequest StacApiClient::request(const QUrl &url) const
{
    return HttpRequest::get(url);
}

LandingJob *StacApiClient::loadLanding()
{
    return new LandingJob(this, this);
}

CollectionsJob *StacApiClient::fetchCollections()
{
    return new CollectionsJob(this, this);
}

QueryablesJob *StacApiClient::fetchQueryables(const QString &collectionId)
{
    return new QueryablesJob(this, collectionId, this);
}

SearchJob *StacApiClient::search(const SearchParameters &parameters, ItemStore *store, const SearchOptions &options)
{
    return new SearchJob(this, parameters, store, options, this);
}

ItemJob *StacApiClient::fetchItem(const QUrl &url)
{
    return new ItemJob(m_network, request(url), this);
}

// --- LandingJob ---

LandingJob::LandingJob(StacApiClient *client, QObject *parent)
    : StacJob(parent)
    , m_client(client)
{
    m_call = client->network()->send(client->request(client->landingUrl()), this);
    connect(m_call, &HttpCall::finished, this, &LandingJob::onLanding);
}

void LandingJob::cancel()
{
    if (m_call) {
        m_call->cancel();
    }
    StacJob::cancel();
}

void LandingJob::onLanding()
{
    QJsonObject landing;
    NetworkError error = jsonObject(m_call, &landing);
    if (error.isError()) {
        finish(error);
        return;
    }
    QString problem;
    const auto info = StacApiInfo::fromJson(landing, m_call->finalUrl(), &problem);
    if (!info) {
        finish(NetworkError::make(NetworkError::Kind::BadResponse, problem, m_call->finalUrl()));
        return;
    }
    m_info = *info;
    const QUrl conformanceUrl = m_info.conformanceUrl();
    if (m_info.conformance.uris().isEmpty() && !conformanceUrl.isEmpty()) {
        m_call->deleteLater();
        m_call = m_client->network()->send(m_client->request(conformanceUrl), this);
        connect(m_call, &HttpCall::finished, this, &LandingJob::onConformance);
        return;
    }
    m_client->setInfo(m_info);
    finish();
}

void LandingJob::onConformance()
{
    QJsonObject doc;
    if (!jsonObject(m_call, &doc).isError()) {
        QStringList uris;
        for (const QJsonValue &v : doc.value(u"conformsTo"_s).toArray()) {
            uris.append(v.toString());
        }
        m_info.conformance = Conformance(uris);
    } else {
        addWarnings({ tr("Could not read the conformance classes: %1").arg(m_call->error().toString()) });
    }
    m_client->setInfo(m_info);
    finish();
}

} // namespace StacScope
