#include "src/tasking/networkreachability.h"

#include <QNetworkInformation>

namespace StacScope {

namespace {

bool reachable(QNetworkInformation::Reachability reachability)
{
    // Unknown means the backend cannot tell: assume online and let the polls find out.
    return reachability != QNetworkInformation::Reachability::Disconnected;
}

} // namespace

NetworkReachability::NetworkReachability(QObject *parent)
    : QObject(parent)
{
    // Qt keeps one QNetworkInformation per process; loading it again is cheap and harmless.
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        return;
    }
    QNetworkInformation *info = QNetworkInformation::instance();
    if (!info) {
        return;
    }
    m_backend = true;
    m_online = reachable(info->reachability());
    connect(info, &QNetworkInformation::reachabilityChanged, this,
        [this](QNetworkInformation::Reachability r) { update(reachable(r)); });
}

void NetworkReachability::update(bool online)
{
    if (online == m_online) {
        return;
    }
    m_online = online;
    Q_EMIT onlineChanged(online);
}

} // namespace StacScope
