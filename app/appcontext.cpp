#include "app/appcontext.h"

#include <QFile>
#include <QNetworkAccessManager>

#include "resources/demoresources.h"
#include "src/net/networkclient.h"

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
}

AppContext::~AppContext() = default;

} // namespace StacScope
