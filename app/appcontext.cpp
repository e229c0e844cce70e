#include "app/appcontext.h"

#include <QFile>
#include <QNetworkAccessManager>

#include "resources/demoresources.h"
#include "src/download/downloadmanager.h"
#include "src/net/networkclient.h"
#include "src/store/database.h"
#include "src/store/downloadqueuestore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AppContext::AppContext(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_network(new NetworkClient(m_nam, this))
{
    initDemoResources();
    QFile file(u":/basemap/naturalearth.bin"_s);
    if (file.open(QIODevice::ReadOnly)) {
        m_basemap = VectorBasemap::load(file.readAll(), &m_basemapError);
    } else {
        m_basemapError = file.errorString();
    }

    m_database = std::make_unique<Database>(Database::defaultPath());
    m_downloads = new DownloadManager(m_nam, this);
    if (m_database->open()) {
        m_downloadStore = std::make_unique<DownloadQueueStore>(*m_database);
        m_downloads->setPersistence(m_downloadStore.get());
    } else {
        m_storeError = m_database->lastError();
    }
}

AppContext::~AppContext()
{
    // The manager saves on its way out; the store and database must outlive it.
    delete m_downloads;
    m_downloads = nullptr;
}

} // namespace StacScope
