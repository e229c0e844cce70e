#pragma once

#include <QSet>

#include "src/stac/stacapijob.h"
#include "src/stac/staccollection.h"

namespace StacScope {

class StacApiClient;

// Lists every collection of a STAC API, following `next` links of /collections.
class CollectionsJob : public StacApiJob
{
    Q_OBJECT
public:
    CollectionsJob(StacApiClient *client, QObject *parent);

    const StacCollections &collections() const { return m_collections; }

private:
    void begin() override;
    void fetch(const QUrl &url);
    void onPage();

    StacCollections m_collections;
    QSet<QUrl> m_seen;
};

} // namespace StacScope
