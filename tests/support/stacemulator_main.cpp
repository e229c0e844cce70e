// stacscope-stac-emulator: serves a folder of STAC JSON as a STAC API on loopback, so the app
// can be tried offline and client problems reproduced by hand.

#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>

#include "tests/support/httpserver.h"
#include "tests/support/stacemulator.h"

using namespace Qt::StringLiterals;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "stacscope-stac-emulator: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"stacscope-stac-emulator"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"STAC API emulator serving the STAC JSON files of a folder."_s);
    parser.addHelpOption();
    const QCommandLineOption dataOption(
        u"data"_s, u"Folder with Collection/Feature/FeatureCollection JSON."_s, u"DIR"_s);
    const QCommandLineOption portOption(u"port"_s, u"Port to listen on (0 = any free port)."_s, u"N"_s, u"0"_s);
    const QCommandLineOption hostOption(u"host"_s, u"Address to listen on."_s, u"ADDRESS"_s, u"127.0.0.1"_s);
    const QCommandLineOption pagingOption(
        u"paging"_s, u"Next-link style: get, post-merge or post-href."_s, u"MODE"_s, u"get"_s);
    const QCommandLineOption noMatchedOption(u"no-matched"_s, u"Omit numberMatched/numberReturned."_s);
    const QCommandLineOption contextOption(u"context"_s, u"Add the deprecated context object."_s);
    const QCommandLineOption maxLimitOption(
        u"max-limit"_s, u"Largest page size (default 10000)."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption rcOption(u"rc-conformance"_s, u"Advertise v1.0.0-rc.1 conformance URIs."_s);
    const QCommandLineOption basePathOption(u"base-path"_s, u"Serve the API below this path."_s, u"PATH"_s);
    const QCommandLineOption headerOption(u"require-header"_s,
        u"Require a header on every request (401 when missing, 403 when different). Repeatable."_s, u"NAME:VALUE"_s);
    const QCommandLineOption pageDelayOption(
        u"page-delay"_s, u"Answer every search page after this many milliseconds (a slow server)."_s, u"MS"_s, u"0"_s);
    parser.addOptions({ dataOption, portOption, hostOption, pagingOption, noMatchedOption, contextOption,
        maxLimitOption, rcOption, basePathOption, headerOption, pageDelayOption });

    if (!parser.parse(QCoreApplication::arguments()))
        return fail(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument '%1'"_s.arg(parser.positionalArguments().constFirst()));
    if (!parser.isSet(dataOption))
        return fail(u"--data DIR is required"_s);

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(u"invalid --port '%1'"_s.arg(parser.value(portOption)));
    const QHostAddress address(parser.value(hostOption));
    if (address.isNull())
        return fail(u"invalid --host '%1' (an IP address is expected)"_s.arg(parser.value(hostOption)));
    StacScope::StacEmulator::PagingMode paging;
    if (!StacScope::StacEmulator::parsePagingMode(parser.value(pagingOption), &paging))
        return fail(u"invalid --paging '%1' (get, post-merge or post-href)"_s.arg(parser.value(pagingOption)));
    const int maxLimit = parser.value(maxLimitOption).toInt(&ok);
    if (!ok || maxLimit < 1)
        return fail(u"invalid --max-limit '%1'"_s.arg(parser.value(maxLimitOption)));

    StacScope::StacEmulator emulator;
    emulator.server()->setRecordingEnabled(false); // would grow without bound in a long session
    emulator.setPagingMode(paging);
    emulator.setNumberMatchedEnabled(!parser.isSet(noMatchedOption));
    emulator.setContextEnabled(parser.isSet(contextOption));
    emulator.setMaxLimit(maxLimit);
    emulator.setRcConformance(parser.isSet(rcOption));
    emulator.setPageDelay(parser.value(pageDelayOption).toInt());
    if (parser.isSet(basePathOption))
        emulator.setBasePath(parser.value(basePathOption));
    const QStringList headers = parser.values(headerOption);
    for (const QString &header : headers) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0)
            return fail(u"invalid --require-header '%1' (NAME:VALUE)"_s.arg(header));
        emulator.addRequiredHeader(header.left(colon).trimmed().toLatin1(), header.mid(colon + 1).trimmed().toUtf8());
    }

    QString error;
    if (!emulator.loadDirectory(parser.value(dataOption), &error))
        return fail(error);
    if (!emulator.listen(address, quint16(port)))
        return fail(
            u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(emulator.server()->errorString()));

    std::fprintf(stdout, "listening on %s\n", emulator.url().toString().toUtf8().constData());
    std::fflush(stdout);
    std::fprintf(stderr, "%lld collections, %lld items\n", static_cast<long long>(emulator.collectionCount()),
        static_cast<long long>(emulator.itemCount()));
    return app.exec();
}
