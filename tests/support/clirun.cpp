#include "tests/support/clirun.h"

#include <QProcess>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace StacScope {

QProcessEnvironment cliEnvironment(const QProcessEnvironment &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name :
        { u"http_proxy"_s, u"HTTP_PROXY"_s, u"https_proxy"_s, u"HTTPS_PROXY"_s, u"all_proxy"_s, u"ALL_PROXY"_s }) {
        env.remove(name);
    }
    for (const QString &key : extra.keys()) {
        env.insert(key, extra.value(key));
    }
    return env;
}

CliRun runCli(const QString &program, const QStringList &args, const QProcessEnvironment &env,
    const QString &workingDirectory, const QByteArray &input, int timeoutMs)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(args);
    if (!workingDirectory.isEmpty()) {
        process.setWorkingDirectory(workingDirectory);
    }
    process.setProcessEnvironment(env);
    QSignalSpy done(&process, &QProcess::finished);
    process.start();
    if (!process.waitForStarted(10000)) {
        return { -2, {}, process.errorString().toUtf8() };
    }
    if (!input.isEmpty()) {
        process.write(input);
    }
    process.closeWriteChannel();
    if (!done.wait(timeoutMs)) {
        process.kill();
        done.wait(10000);
        return { -1, process.readAllStandardOutput(), process.readAllStandardError() };
    }
    const int code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    return { code, process.readAllStandardOutput(), process.readAllStandardError() };
}

} // namespace StacScope
