#pragma once

#include <QObject>

namespace StacScope {

// Whether the machine is online, from QNetworkInformation's platform backend (NetworkManager on
// Linux) when one loads, for RequestMonitor::setOnline(). Without a backend it says online and
// never changes: the monitor then learns of a lost network from its failed polls (an account
// without any HTTP answer is marked unreachable and backs off). AppContext wires it; tests drive
// setOnline() directly.
class NetworkReachability : public QObject
{
    Q_OBJECT
public:
    explicit NetworkReachability(QObject *parent = nullptr);

    bool hasBackend() const { return m_backend; }
    bool isOnline() const { return m_online; }

Q_SIGNALS:
    void onlineChanged(bool online);

private:
    void update(bool online);

    bool m_backend = false;
    bool m_online = true;
};

} // namespace StacScope
