#pragma once

#include <QPointer>
#include <QSet>

#include "src/stac/staccollection.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class HttpCall;
class LandingJob;
class StacApiClient;

// Lists every collection of a STAC API, following `next` links of /collections.
class CollectionsJob : public StacJob
{
    Q_OBJECT
public:
    CollectionsJob(StacApiClient *client, QObject *parent);
    void cancel() override;

    const StacCollections &collections() const { return m_collections; }

private:
    void begin();
    void fetch(const QUrl &url);
    void onPage();

    StacApiClient *m_client;
    QPointer<LandingJob> m_landing;
    QPointer<HttpCall> m_call;
    StacCollections m_collections;
    QSet<QUrl> m_seen;
};

} // namespace StacScope
