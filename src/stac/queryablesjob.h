#pragma once

#include "src/stac/queryables.h"
#include "src/stac/stacapijob.h"

namespace StacScope {

class StacApiClient;

// Loads /queryables (or a collection's), the properties a filter may use.
class QueryablesJob : public StacApiJob
{
    Q_OBJECT
public:
    QueryablesJob(StacApiClient *client, const QString &collectionId, QObject *parent);

    const Queryables &queryables() const { return m_queryables; }

private:
    void begin() override;

    QString m_collectionId;
    Queryables m_queryables;
};

} // namespace StacScope
