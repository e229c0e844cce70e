#pragma once

#include <QHostAddress>
#include <QString>
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

// "http://127.0.0.1:PORT" with a port from closedLocalPort(): a server a request goes to and is
// refused at once, so nothing leaves the machine. The same for the whole test run, so tests can
// compare the URLs they build from it.
inline QString closedLocalOrigin()
{
    static const QString origin = QStringLiteral("http://127.0.0.1:%1").arg(closedLocalPort());
    return origin;
}

// Whether a test that needs a second loopback host (127.0.0.2) may skip when it cannot bind one.
// Only a developer's machine says so (STACSCOPE_ALLOW_NO_SECOND_HOST=1); CI never sets it, so there
// the security checks that need a second host fail instead of silently vanishing.
inline bool maySkipWithoutSecondHost()
{
    return qEnvironmentVariableIntValue("STACSCOPE_ALLOW_NO_SECOND_HOST") == 1;
}

} // namespace StacScope::TestPorts
