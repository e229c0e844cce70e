#pragma once

#include <QPointer>

#include "src/stac/queryables.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class HttpCall;
class LandingJob;
class StacApiClient;

// Loads /queryables (or a collection's), the properties a filter may use.
class QueryablesJob : public StacJob
{
    Q_OBJECT
public:
    QueryablesJob(StacApiClient *client, const QString &collectionId, QObject *parent);
    void cancel() override;

    const Queryables &queryables() const { return m_queryables; }

private:
    void begin();

    StacApiClient *m_client;
    QString m_collectionId;
    QPointer<LandingJob> m_landing;
    QPointer<HttpCall> m_call;
    Queryables m_queryables;
};

} // namespace StacScope
