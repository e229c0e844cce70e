#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

namespace StacScope {

// stacscope-cli run as a process while the caller's event loop keeps serving its loopback
// servers: the exit code (-2 crashed or killed, -1 did not finish in time), stdout and stderr.
struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The environment without proxies (everything goes to loopback servers), plus `extra`.
QProcessEnvironment cliEnvironment(const QProcessEnvironment &extra = {});
// `input` is written to the process's stdin, which is then closed (a pipe, never a terminal).
CliRun runCli(const QString &program, const QStringList &args, const QProcessEnvironment &env,
    const QString &workingDirectory = {}, const QByteArray &input = {}, int timeoutMs = 120000);

} // namespace StacScope
