#pragma once

#include <QHostAddress>
#include <QTcpServer>

namespace StacScope::TestPorts {

// A loopback port that was free a moment ago and is closed now: a connection to it is refused.
// Better than a "well-known" closed port such as 9, which a machine may well have open.
inline quint16 closedLocalPort(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
{
    QTcpServer probe;
    if (!probe.listen(address)) {
        return 0;
    }
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// Whether a test that needs a second loopback host (127.0.0.2) may skip when it cannot bind one.
// Only a developer's machine says so (STACSCOPE_ALLOW_NO_SECOND_HOST=1); CI never sets it, so there
// the security checks that need a second host fail instead of silently vanishing.
inline bool maySkipWithoutSecondHost()
{
    return qEnvironmentVariableIntValue("STACSCOPE_ALLOW_NO_SECOND_HOST") == 1;
}

} // namespace StacScope::TestPorts
