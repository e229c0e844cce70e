// stacscope-provider-emulator: a commercial provider's API on loopback, so that the app and
// stacscope-cli can be tried, and client problems reproduced, without an account.

#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonObject>

#include "tests/support/capellaemulator.h"
#include "tests/support/httpserver.h"
#include "tests/support/satellogicemulator.h"
#include "tests/support/up42emulator.h"

using namespace Qt::StringLiterals;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "stacscope-provider-emulator: %s\n", qPrintable(message));
    return 2;
}

void print(const QString &line)
{
    std::fprintf(stdout, "%s\n", line.toUtf8().constData());
}

int runCapella(const QCommandLineParser &parser, const QHostAddress &address, quint16 port,
    const QCommandLineOption &linkOption, const QCommandLineOption &rasterOption, const QCommandLineOption &itemsOption,
    QCoreApplication &app)
{
    bool ok = true;
    const int linkLifetime = parser.isSet(linkOption) ? parser.value(linkOption).toInt(&ok) : 3600;
    if (!ok || linkLifetime < 1)
        return fail(u"invalid --link-lifetime '%1'"_s.arg(parser.value(linkOption)));
    const qint64 rasterSize = parser.value(rasterOption).toLongLong(&ok);
    if (!ok || rasterSize < 0)
        return fail(u"invalid --raster-size '%1'"_s.arg(parser.value(rasterOption)));

    const int items = parser.value(itemsOption).toInt(&ok);
    if (!ok || items < 0)
        return fail(u"invalid --items '%1'"_s.arg(parser.value(itemsOption)));

    using Emulator = StacScope::CapellaEmulator;
    Emulator emulator;
    if (parser.isSet(itemsOption))
        emulator.setItems(Emulator::generateItems(items));
    emulator.setRecordingEnabled(false); // the logs would grow without bound in a long session
    emulator.setLinkLifetime(linkLifetime);
    emulator.setRasterSize(rasterSize);
    // The file host on the same address (a person may not have 127.0.0.2), still its own origin.
    if (!emulator.listen(address, port, address))
        return fail(emulator.errorString());

    print(u"capella emulator"_s);
    print(u"api       %1"_s.arg(emulator.apiUrl().toString()));
    print(u"files     %1"_s.arg(emulator.filesUrl().toString()));
    print(u"api key   %1"_s.arg(Emulator::DefaultApiKey));
    print(u"token     %1 (Authorization: Bearer)"_s.arg(Emulator::DefaultToken));
    print(u"user      %1 (id %2, organization %3)"_s.arg(Emulator::Email, Emulator::UserId, Emulator::OrganizationId));
    print(u"legacy    POST /token with Basic %1:%2"_s.arg(Emulator::Email, Emulator::Password));
    print(
        u"catalog   %1 items; tasking: review after %2 s, completed %3 s after approval"_s.arg(emulator.items().size())
            .arg(Emulator::ReviewAfter)
            .arg(Emulator::CompletedAfter));
    print(u"try       CAPELLA_API_KEY=%1 stacscope-cli search --provider capella --endpoint api=%2"_s.arg(
        Emulator::DefaultApiKey, emulator.apiUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}

int runUp42(const QCommandLineParser &parser, const QHostAddress &address, quint16 port,
    const QCommandLineOption &linkOption, const QCommandLineOption &tokenOption, QCoreApplication &app)
{
    bool ok = true;
    const int linkLifetime = parser.isSet(linkOption) ? parser.value(linkOption).toInt(&ok) : 30;
    if (!ok || linkLifetime < 1)
        return fail(u"invalid --link-lifetime '%1'"_s.arg(parser.value(linkOption)));
    const int tokenLifetime = parser.isSet(tokenOption) ? parser.value(tokenOption).toInt(&ok) : 300;
    if (!ok || tokenLifetime < 1)
        return fail(u"invalid --token-lifetime '%1'"_s.arg(parser.value(tokenOption)));

    using Emulator = StacScope::Up42Emulator;
    Emulator emulator;
    emulator.setRecordingEnabled(false); // the logs would grow without bound in a long session
    emulator.setLinkLifetime(linkLifetime);
    emulator.setTokenLifetime(tokenLifetime);
    // The file host on the same address (a person may not have 127.0.0.2), still its own origin.
    if (!emulator.listen(address, port, address))
        return fail(emulator.errorString());

    print(u"up42 emulator"_s);
    print(u"auth      %1"_s.arg(emulator.authUrl().toString()));
    print(u"api       %1"_s.arg(emulator.apiUrl().toString()));
    print(u"files     %1"_s.arg(emulator.filesUrl().toString()));
    print(u"storage   %1 (STAC)"_s.arg(emulator.storageStacUrl().toString()));
    print(u"user      %1 / %2 (client_id %3; tokens %4 s, signed links %5 s)"_s
              .arg(Emulator::Username, Emulator::Password, Emulator::ClientId)
              .arg(tokenLifetime)
              .arg(linkLifetime));
    print(u"workspace %1 (default), %2"_s.arg(Emulator::WorkspaceId, Emulator::SecondWorkspaceId));
    print(u"data      %1 orders, %2 assets, %3 archive scenes"_s.arg(emulator.orderIds().size())
              .arg(emulator.assetIds().size())
              .arg(emulator.sceneIds().size()));
    print(u"try       UP42_USERNAME=%1 UP42_PASSWORD=%2 stacscope-cli orders list --provider up42 "
          "--endpoint auth=%3 --endpoint api=%4"_s.arg(
              Emulator::Username, Emulator::Password, emulator.authUrl().toString(), emulator.apiUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"stacscope-provider-emulator"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Emulates a satellite-imagery provider's API on this machine.\n"
                                     "satellogic: auth on PORT, accounts on PORT+1, api on PORT+2 and the file "
                                     "host on PORT+3 (PORT 0: any free ports).\n"
                                     "capella: api on PORT and the file host (presigned downloads) on PORT+1.\n"
                                     "up42: auth (Keycloak) on PORT, api on PORT+1 and the file host (signed "
                                     "links) on PORT+2."_s);
    parser.addHelpOption();
    const QCommandLineOption providerOption(
        u"provider"_s, u"Provider to emulate: satellogic, capella or up42."_s, u"NAME"_s);
    const QCommandLineOption portOption(
        u"port"_s, u"First of the provider's ports (0 = any free ports)."_s, u"N"_s, u"0"_s);
    const QCommandLineOption hostOption(u"host"_s, u"Address to listen on."_s, u"ADDRESS"_s, u"127.0.0.1"_s);
    const QCommandLineOption timingsOption(u"task-timings"_s,
        u"satellogic: seconds after which a new task is in progress, and completed (default 30,90)."_s, u"A,B"_s,
        u"30,90"_s);
    const QCommandLineOption linkOption(u"link-lifetime"_s,
        u"Seconds a signed download link stays valid (default 300; capella 3600; up42 30)."_s, u"S"_s, u"300"_s);
    const QCommandLineOption tokenOption(u"token-lifetime"_s,
        u"satellogic, up42: seconds an access token stays valid (default 86400; up42 300)."_s, u"S"_s, u"86400"_s);
    const QCommandLineOption sizeOption(
        u"delivery-size"_s, u"satellogic: bytes of each delivery zip (default 262144)."_s, u"BYTES"_s, u"262144"_s);
    const QCommandLineOption rasterOption(
        u"raster-size"_s, u"capella: bytes of each raster asset (default 524288)."_s, u"BYTES"_s, u"524288"_s);
    const QCommandLineOption itemsOption(
        u"items"_s, u"capella: number of generated catalog items (default 60)."_s, u"N"_s, u"60"_s);
    parser.addOptions({ providerOption, portOption, hostOption, timingsOption, linkOption, tokenOption, sizeOption,
        rasterOption, itemsOption });

    if (!parser.parse(QCoreApplication::arguments()))
        return fail(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument '%1'"_s.arg(parser.positionalArguments().constFirst()));
    if (!parser.isSet(providerOption))
        return fail(u"--provider NAME is required (satellogic, capella, up42)"_s);
    const QString provider = parser.value(providerOption).toLower();
    if (provider != "satellogic"_L1 && provider != "capella"_L1 && provider != "up42"_L1)
        return fail(u"unknown provider '%1'; available: satellogic, capella, up42"_s.arg(provider));

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    const uint lastPort = provider == "capella"_L1 ? 65535 - 1 : (provider == "up42"_L1 ? 65535 - 2 : 65535 - 3);
    if (!ok || port > lastPort)
        return fail(u"invalid --port '%1' (0 to %2)"_s.arg(parser.value(portOption)).arg(lastPort));
    const QHostAddress address(parser.value(hostOption));
    if (address.isNull())
        return fail(u"invalid --host '%1' (an IP address is expected)"_s.arg(parser.value(hostOption)));
    if (provider == "capella"_L1)
        return runCapella(parser, address, quint16(port), linkOption, rasterOption, itemsOption, app);
    if (provider == "up42"_L1)
        return runUp42(parser, address, quint16(port), linkOption, tokenOption, app);
    const QStringList timings = parser.value(timingsOption).split(u',');
    bool okA = false;
    bool okB = false;
    const int inProgressAfter = timings.value(0).toInt(&okA);
    const int completedAfter = timings.value(1).toInt(&okB);
    if (timings.size() != 2 || !okA || !okB || inProgressAfter < 0 || completedAfter < inProgressAfter)
        return fail(u"invalid --task-timings '%1' (A,B with 0 <= A <= B)"_s.arg(parser.value(timingsOption)));
    const int linkLifetime = parser.value(linkOption).toInt(&ok);
    if (!ok || linkLifetime < 1)
        return fail(u"invalid --link-lifetime '%1'"_s.arg(parser.value(linkOption)));
    const int tokenLifetime = parser.value(tokenOption).toInt(&ok);
    if (!ok || tokenLifetime < 1)
        return fail(u"invalid --token-lifetime '%1'"_s.arg(parser.value(tokenOption)));
    const qint64 deliverySize = parser.value(sizeOption).toLongLong(&ok);
    if (!ok || deliverySize < 0)
        return fail(u"invalid --delivery-size '%1'"_s.arg(parser.value(sizeOption)));

    StacScope::SatellogicEmulator emulator;
    emulator.setRecordingEnabled(false); // the logs would grow without bound in a long session
    emulator.setTaskTimings(inProgressAfter, completedAfter);
    emulator.setLinkLifetime(linkLifetime);
    emulator.setTokenLifetime(tokenLifetime);
    emulator.setDeliverySize(deliverySize);
    // One host for all four services, so that a person can reach them all.
    if (!emulator.listen(address, quint16(port), address))
        return fail(emulator.errorString());

    using Emulator = StacScope::SatellogicEmulator;
    print(u"satellogic emulator"_s);
    print(u"auth      %1"_s.arg(emulator.authUrl().toString()));
    print(u"accounts  %1"_s.arg(emulator.accountsUrl().toString()));
    print(u"api       %1"_s.arg(emulator.apiUrl().toString()));
    print(u"files     %1"_s.arg(emulator.filesUrl().toString()));
    print(u"client    %1 / %2"_s.arg(Emulator::DefaultClientId, Emulator::DefaultClientSecret));
    print(u"legacy    %1 / %2"_s.arg(Emulator::LegacyClientId, Emulator::LegacyClientSecret));
    const QList<QJsonObject> contracts = emulator.contracts();
    for (const QJsonObject &contract : contracts) {
        print(u"contract  %1 (%2)"_s.arg(
            contract.value("contract_id"_L1).toString(), contract.value("name"_L1).toString()));
    }
    print(u"try       SATELLOGIC_CLIENT_ID=%1 SATELLOGIC_CLIENT_SECRET=%2 SATELLOGIC_CONTRACT_ID=%3 "
          "stacscope-cli ... --provider satellogic --endpoint auth=%4 --endpoint accounts=%5 --endpoint api=%6"_s.arg(
              Emulator::DefaultClientId, Emulator::DefaultClientSecret, Emulator::FirstContractId,
              emulator.authUrl().toString(), emulator.accountsUrl().toString(), emulator.apiUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
