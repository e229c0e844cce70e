#include "app/cli/cli.h"

#include <algorithm>
#include <cstdio>

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSaveFile>
#include <QSettings>
#include <QTimer>

#include "app/cli/clitext.h"
#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/demo/demonetwork.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "src/providers/catalogsource.h"
#include "src/providers/providerregistry.h"
#include "src/stac/collectionsjob.h"
#include "src/stac/cql2.h"
#include "src/stac/itemjob.h"
#include "src/stac/localsearch.h"
#include "src/stac/searchjob.h"
#include "src/stac/stacapiclient.h"
#include "src/stac/staticcatalogjob.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// Collections, items and the like go to stdout as they are; progress and problems to stderr.
void writeStdout(const QByteArray &data)
{
    std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
    std::fflush(stdout);
}

// The demo catalog's files are served in-process, at once: a terminal has no progress bar to watch.
QNetworkAccessManager *networkAccessManager(QObject *parent)
{
    auto *nam = new DemoNetworkAccessManager(parent);
    nam->setDemoRate(0);
    return nam;
}

} // namespace

Cli::Cli(QObject *parent)
    : QObject(parent)
    , m_nam(networkAccessManager(this))
    , m_network(new NetworkClient(m_nam, this))
    , m_router(new CredentialRouter(this))
    , m_registry(ProviderRegistry::createDefault())
    , m_err(stderr)
{
    m_network->setAuthenticator(m_router);
}

Cli::~Cli()
{
    // Sessions unbind from the router on their way out: they go before it.
    qDeleteAll(findChildren<AccountSession *>(Qt::FindDirectChildrenOnly));
    delete m_accounts;
    m_accounts = nullptr;
}

void Cli::bindHeaders(const QUrl &url, const HttpHeaders &headers)
{
    if (headers.isEmpty()) {
        return;
    }
    const QUrl origin = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    m_router->bind(u"cli-headers"_s, origin, std::make_shared<HeaderCredential>(headers));
}

QCommandLineOption Cli::headerOption()
{
    return { u"header"_s, u"Extra request header, e.g. 'Authorization: Bearer ...' (repeatable)."_s, u"header"_s };
}

QString Cli::usage()
{
    return uR"(Usage:
  stacscope-cli collections (--api URL [--header 'Name: value']... | --account NAME | --provider P) [--json]
  stacscope-cli search (--api URL | --catalog PATH_OR_URL | --account NAME | --provider P)
                (--api, --catalog, --account repeat: several catalogs at once)
                [--collections a,b] [--bbox W,S,E,N]
                [--intersects FILE.geojson] [--datetime A/B] [--filter CQL2_JSON_OR_TEXT]
                [--sortby -datetime] [--limit N] [--max-items N] [--method GET|POST]
                [--header 'Name: value']... [--out FILE]
                [--save NAME]
  stacscope-cli search --saved NAME [--new-only] [--out FILE] [--header 'Name: value']...
  stacscope-cli item URL [--header 'Name: value']...
  stacscope-cli download (--items FILE.geojson | --item FILE_OR_URL) [--dir DIR]
                [--include KEYS_OR_ROLES] [--exclude KEYS_OR_ROLES] [--parallel N] [--flat]
                [--overwrite | --keep-both] [--header 'Name: value']... [--account NAME | --provider P]
  stacscope-cli accounts list [--json]
  stacscope-cli accounts add NAME --provider P [--endpoint NAME=URL]... [--option NAME=VALUE]...
  stacscope-cli accounts test NAME
  stacscope-cli accounts remove NAME
  stacscope-cli contracts [--json]
  stacscope-cli tasks products [--json]
  stacscope-cli tasks create --name N --project P --product ID --target TARGET --start T --end T [--yes]
  stacscope-cli tasks list [--status S] [--name N] [--project P] [--json]
  stacscope-cli tasks show ID [--json]
  stacscope-cli tasks captures ID [--json]
  stacscope-cli tasks cancel ID [--yes]
  stacscope-cli tasks download ID [--capture ID] --dir DIR [--parallel N]

Capella (--provider capella or a Capella account; "tasks" are its tasking requests):
  stacscope-cli search --provider capella [the search flags] [--group-by FIELD [--json]]
  stacscope-cli orders review (--items FILE | --ids ID,ID) [--json]
  stacscope-cli orders submit (--items FILE | --ids ID,ID) [--reuse-active] [--yes] [--json]
  stacscope-cli orders list [--active] [--id ID]... [--json]
  stacscope-cli orders download ORDER_ID --dir DIR [--product-types GEO,SLC] [--include K] [--exclude K]
                [--flat] [--overwrite] [--parallel N]
  stacscope-cli tasks create --name N --target TARGET [--description D] [--start T --end T]
                [--param KEY=VALUE]... [--yes]
  stacscope-cli tasks update ID... [--name N] [--description D] [--param KEY=VALUE]... [--product-types A,B]
  stacscope-cli tasks cancel ID... [--yes]
  stacscope-cli tasks approve ID [--yes]
  stacscope-cli tasks list [--status S] [--for-org] [--submitted-after T] [--submitted-before T]
                [--param collection_type=A,B] [--param collection_tier=T] [--json]
  stacscope-cli tasks show ID [--json]
  stacscope-cli tasks download ID --dir DIR [--product-types ...] [--include K] [--exclude K]
  stacscope-cli repeats create --name N --target TARGET [--repeat-start T] [--repeat-end T | --repetition-count N]
                [--repetition-interval DAYS] [--insar-orbit ORBIT] [--param KEY=VALUE]... [--yes]
  stacscope-cli repeats update|cancel|approve|list|show ...   (as tasks)
  stacscope-cli collects download COLLECT_ID... --dir DIR [--product-types ...] [--yes]

UP42 (--provider up42 with UP42_USERNAME and UP42_PASSWORD, or a UP42 account; --endpoint auth=URL
--endpoint api=URL):
  stacscope-cli orders list [--workspace W] [--type TASKING|ARCHIVE] [--status S]... [--sub-status S]...
                [--name TEXT] [--tag T]... [--sort FIELD[,asc|desc]] [--limit N] [--page-size N] [--json]
  stacscope-cli orders show ID [--json]
  stacscope-cli assets list [--created-after D] [--created-before D] [--workspace W] [--collection C]...
                [--producer P]... [--tag T]... [--source S]... [--search TEXT] [--order ID]
                [--sort FIELD] [--descending] [--limit N] [--page-size N] [--json]
  stacscope-cli assets show ID [--stac] [--json]
  stacscope-cli assets download ID... --dir DIR [--unpack] [--parallel N]
  stacscope-cli collections --provider up42            (the storage STAC API)
  stacscope-cli search --provider up42 [the search flags]      (storage STAC search, e.g.
                --filter "asset_id = 'ID'" for an asset's STAC items)
  stacscope-cli search --provider up42 --host HOST [--collections C] [--ids A,B] [--bbox W,S,E,N]
                [--intersects FILE] [--datetime A/B] [--max-cloud N] [--query JSON] [--limit N]
                [--max-items N] [--out FILE]       (archive search on a catalog host, e.g. oneatlas)
  stacscope-cli orders estimate --product ID_OR_NAME --items FILE [--json]
  stacscope-cli orders submit --product ID_OR_NAME --items FILE [--name N] [--tag T]... [--workspace W]
                [--yes] [--json]
  stacscope-cli quotations list [--workspace W] [--order ID] [--decision D]... [--limit N] [--json]
  stacscope-cli quotations accept|reject ID [--yes] [--json]
  stacscope-cli studies list [--workspace W] [--order ID] [--decision D]... [--limit N] [--json]
  stacscope-cli studies choose STUDY OPTION [--yes] [--json]    (OPTION: its id or its number)
--status: CREATED, BEING_PLACED, PLACED, PLACEMENT_FAILED, DELIVERY_INITIALIZATION_FAILED,
BEING_FULFILLED, DOWNLOAD_FAILED, DOWNLOADED, FULFILLED, FAILED_PERMANENTLY, CANCELED; orders --sort:
createdAt, updatedAt, type, status, dataProvider; assets --sort: name, title, size, createdAt,
updatedAt, source, collectionName, producerName (ascending unless --descending); --source: ARCHIVE,
TASKING, PROCESSING, USER. D is a date (after: its start, before: its end) or RFC 3339. Without
--workspace, lists cover the whole account; orders go to the account's default workspace. --items is
a FeatureCollection of scenes as "search --host" writes it: one order per scene (params.id), its
credits estimated and shown before anything is ordered. assets download names each file after the
asset; --unpack extracts a ZIP once it is verified into DIR/<name without .zip>/, without the
leading output/ folder, and refuses an archive with an entry that would land outside.

--param keys: collection_tier, collection_type, local_time, off_nadir_min, off_nadir_max,
orbital_planes, asc_dsc, look_direction, polarization, archive_holdback, custom_attribute_1,
custom_attribute_2, pre_approval, azimuth_angle_min, azimuth_angle_max, squint, max_squint_angle,
image_width, product_types (repeats also maintain_scene_framing, look_angle_tolerance,
azimuth_angle_tolerance); a bad value exits 2 naming the key and the allowed values.

Provider commands (contracts, tasks, and search/download of an account's catalog) take
--account NAME (a stored account, secrets in the keychain) or --provider NAME with secrets from
the environment (satellogic: SATELLOGIC_CLIENT_ID, SATELLOGIC_CLIENT_SECRET, optional
SATELLOGIC_CONTRACT_ID; capella: CAPELLA_API_KEY, optional CAPELLA_CONTRACT_ID; up42: UP42_USERNAME,
UP42_PASSWORD); --endpoint NAME=URL overrides a base URL (satellogic: auth, accounts, api; capella:
api; up42: auth, api). Secrets are never taken from the command line: "accounts add" reads them from stdin, one
per line, or asks for them without echo. --json prints the provider's own objects.
TARGET is lon,lat, WKT, or a GeoJSON file; T is RFC 3339 (an offset, or your local time).
Ordering, creating, approving or cancelling a task prints what will be sent (and the price the
provider quotes) and asks y/N on a terminal; --yes
confirms without asking; without a terminal and without --yes nothing is sent (exit 5).

search writes a GeoJSON FeatureCollection to stdout; --out FILE writes the format the extension
names: .geojson (FeatureCollection), .json (STAC ItemCollection), .ndjson (one item a line), .csv
(id, collection, datetime, WKT, then the properties) or .gpkg (GeoPackage, layer "items"). It prints
"matched: N" (when the server says) and "returned: N" on stderr.
search --save NAME keeps the search (of --api or --catalog) and the results it returned in the app's
saved searches (replacing one of that name); search --saved NAME runs it again and prints "new: N",
the results its previous run did not return; --new-only outputs just those. An unknown NAME exits 2.
--api, --catalog and --account repeat: the catalogs are searched at once (--max-items each) into one
output whose items carry the catalog they came from in the property "stacscope:catalog", as given on
the command line; stderr has "matched: N" and "returned: N" per catalog, each followed by the catalog
in brackets, a warning per failed one, and "returned: N in all"; the exit code is 3 only when every
catalog failed.
download verifies each file (size, file:checksum, Content-Length) before it is moved into place,
resumes what an earlier run left, and exits 0 only when every selected asset is complete.
Exit codes: 0 success, 2 usage error, 3 network or server error (or a download not complete),
4 credentials missing or refused, 5 not confirmed (nothing sent).
)"_s;
}

void Cli::start(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    const QString command = args.value(0);
    if (command == u"--version"_s || command == u"-v"_s) {
        writeStdout(QByteArrayLiteral("stacscope-cli " STACSCOPE_VERSION "\n"));
        complete(Success);
        return;
    }
    if (command == u"--help"_s || command == u"-h"_s || command == u"help"_s
        || ((args.contains(u"--help"_s) || args.contains(u"-h"_s)) && commandUsage(command).isEmpty())) {
        writeStdout(usage().toUtf8()); // all the commands (an unknown command's help too)
        complete(Success);
        return;
    }
    QStringList rest = args;
    if (rest.removeAll(u"--help"_s) + rest.removeAll(u"-h"_s) > 0) {
        // The command's own help: it sets up its parser, which then declines to parse.
        CliParser::helpWanted = true;
    }
    m_command = command;
    if (rest.size() > 1 && !rest.at(1).startsWith(u'-') && commandUsage(command + u' ' + rest.at(1)).size() > 0) {
        m_command += u' ' + rest.at(1);
    }
    dispatch(rest);
}

void Cli::dispatch(const QStringList &args)
{
    const QString command = args.value(0);
    if (command == u"collections"_s) {
        runCollections(args);
    } else if (command == u"search"_s) {
        runSearch(args);
    } else if (command == u"item"_s) {
        runItem(args);
    } else if (command == u"download"_s) {
        runDownload(args);
    } else if (command == u"accounts"_s) {
        runAccounts(args);
    } else if (command == u"contracts"_s) {
        runContracts(args);
    } else if (command == u"tasks"_s) {
        if (providerOf(args) == u"capella"_s) {
            runCapellaRequests(args, false);
        } else {
            runTasks(args);
        }
    } else if (command == u"repeats"_s) {
        runRepeats(args);
    } else if (command == u"orders"_s) {
        if (providerOf(args) == u"up42"_s) {
            runUp42Orders(args);
        } else {
            runOrders(args);
        }
    } else if (command == u"assets"_s) {
        runUp42Assets(args);
    } else if (command == u"quotations"_s) {
        runUp42Quotations(args);
    } else if (command == u"studies"_s) {
        runUp42Studies(args);
    } else if (command == u"collects"_s) {
        runCollects(args);
    } else {
        m_command.clear(); // the hint is the general help
        usageError(command.isEmpty() ? u"no command given"_s : QStringLiteral("unknown command \"%1\"").arg(command));
    }
}

void Cli::printTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &row : QList<QStringList> { header } + rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const QStringList &row : QList<QStringList> { header } + rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            line += i + 1 < row.size() ? row[i].leftJustified(widths.value(i)) + u"  "_s : row[i];
        }
        CliText::printLine(line);
    }
    std::fflush(stdout);
}

QString Cli::localTimeText(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : u"-"_s;
}

bool Cli::choiceValues(
    const QCommandLineParser &parser, const QString &flag, const QStringList &allowed, QStringList *values)
{
    for (const QString &given : parser.values(flag)) {
        for (const QString &part : given.split(u',', Qt::SkipEmptyParts)) {
            const auto it = std::find_if(allowed.begin(), allowed.end(),
                [&](const QString &a) { return a.compare(part.trimmed(), Qt::CaseInsensitive) == 0; });
            if (it == allowed.end()) {
                usageError(QStringLiteral("--%1: \"%2\" is not one of %3").arg(flag, part, allowed.join(u", "_s)));
                return false;
            }
            values->append(*it);
        }
    }
    return true;
}

bool Cli::intOption(const QCommandLineParser &parser, const QString &flag, int min, int max, int *value)
{
    if (!parser.isSet(flag)) {
        return true;
    }
    bool ok = false;
    const int n = parser.value(flag).toInt(&ok);
    if (!ok || n < min || n > max) {
        usageError(QStringLiteral("--%1 needs a whole number from %2 to %3").arg(flag).arg(min).arg(max));
        return false;
    }
    *value = n;
    return true;
}

void Cli::complete(int code)
{
    m_exitCode = code;
    m_err.flush();
    // Let the caller's event loop start before we report, so done() is never missed.
    QTimer::singleShot(0, this, [this, code] { Q_EMIT done(code); });
}

void Cli::usageError(const QString &message)
{
    if (CliParser::helpWanted) {
        // "--help" after a command: its usage and, once its parser is known, its options.
        QString help = u"Usage:\n"_s + commandUsage(m_command);
        if (CliParser::helpParser) {
            help += u"\nOptions:\n"_s + CliParser::helpParser->optionsHelp();
        } else {
            help += u"\nEach sub-command lists its options: stacscope-cli %1 SUB-COMMAND --help\n"_s.arg(m_command);
        }
        help += u"\nExit codes: 0 success, 2 usage error, 3 network or server error, 4 credentials missing or "
                "refused, 5 not confirmed (nothing sent).\n"_s;
        writeStdout(help.toUtf8());
        complete(Success);
        return;
    }
    // One line and where to look, not the whole usage.
    m_err << "error: " << message << '\n'
          << (m_command.isEmpty() ? u"see 'stacscope-cli --help'"_s
                                  : QStringLiteral("see 'stacscope-cli %1 --help'").arg(m_command))
          << '\n';
    complete(UsageError);
}

QString Cli::commandUsage(const QString &command)
{
    if (command.isEmpty()) {
        return {};
    }
    const QString prefix = u"  stacscope-cli "_s + command;
    QString out;
    bool inside = false;
    for (const QString &line : usage().split(u'\n')) {
        if (line.startsWith(u"  stacscope-cli "_s)) {
            inside = line == prefix || line.startsWith(prefix + u' ');
        } else if (!line.startsWith(u"    "_s)) {
            inside = false; // the end of the command lines
        }
        if (inside) {
            out += line + u'\n';
        }
    }
    return out;
}

void Cli::remoteError(const StacJob *job)
{
    printWarnings(job);
    providerError(job->error());
}

void Cli::printWarnings(const StacJob *job)
{
    const QStringList &warnings = job->warnings();
    for (qsizetype i = 0; i < warnings.size() && i < 20; ++i) {
        m_err << "warning: " << warnings.at(i) << '\n';
    }
    if (warnings.size() > 20) {
        m_err << "warning: ... and " << (warnings.size() - 20) << " more\n";
    }
}

bool Cli::parseHeaders(const QStringList &values, HttpHeaders *headers)
{
    for (const QString &h : values) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0) {
            usageError(QStringLiteral("--header needs 'Name: value', got \"%1\"").arg(h));
            return false;
        }
        headers->append({ h.left(colon).trimmed().toLatin1(), h.mid(colon + 1).trimmed().toUtf8() });
    }
    return true;
}

bool Cli::writeOutput(const QByteArray &data, const QString &path)
{
    if (path.isEmpty()) {
        writeStdout(data);
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        m_err << "error: cannot write " << path << ": " << file.errorString() << '\n';
        return false;
    }
    return true;
}

void Cli::runCollections(const QStringList &args)
{
    CliParser parser;
    parser.addOptions({ { u"api"_s, u"STAC API landing page URL."_s, u"url"_s }, headerOption(),
        { u"json"_s, u"Print the collections as a JSON array."_s } });
    parser.addOptions(providerOptions());
    if (!parser.parse(args)) {
        usageError(parser.errorText());
        return;
    }
    const bool json = parser.isSet(u"json"_s);
    if (wantsProvider(parser)) {
        if (parser.isSet(u"api"_s) || parser.isSet(u"header"_s)) {
            usageError(u"collections takes --api (and --header) or a provider, not both"_s);
            return;
        }
        // An account's catalog (UP42: its storage STAC API); the session binds its credentials
        // to the catalog's own host.
        withSession(parser, {}, [this, json](AccountSession *session) {
            const QList<CatalogSource> catalogs = session->catalogs();
            if (catalogs.isEmpty() || catalogs.first().kind != CatalogSource::Kind::StacApi) {
                m_err << "error: " << session->account().name << " has no STAC API catalog to list\n";
                complete(CredentialError);
                return;
            }
            listCollections(QUrl(catalogs.first().location), json);
        });
        return;
    }
    const QUrl api(parser.value(u"api"_s));
    if (!api.isValid() || api.scheme().isEmpty()) {
        usageError(u"collections needs --api URL, --account NAME or --provider NAME"_s);
        return;
    }
    HttpHeaders headers;
    if (!parseHeaders(parser.values(u"header"_s), &headers)) {
        return;
    }
    bindHeaders(api, headers);
    listCollections(api, json);
}

void Cli::listCollections(const QUrl &api, bool json)
{
    auto *client = new StacApiClient(m_network, api, this);
    CollectionsJob *job = client->fetchCollections();
    connect(job, &StacJob::finished, this, [this, job, json] {
        if (!job->isOk()) {
            remoteError(job);
            return;
        }
        printWarnings(job);
        QByteArray out;
        if (json) {
            QJsonArray array;
            for (const StacCollection &c : job->collections()) {
                array.append(c.json);
            }
            out = QJsonDocument(array).toJson(QJsonDocument::Indented);
        } else {
            for (const StacCollection &c : job->collections()) {
                out += c.id.toUtf8();
                if (!c.title.isEmpty()) {
                    out += '\t' + c.title.toUtf8();
                }
                out += '\n';
            }
        }
        writeStdout(out);
        m_err << "collections: " << job->collections().size() << '\n';
        complete(Success);
    });
}

void Cli::runItem(const QStringList &args)
{
    CliParser parser;
    parser.addOptions({ headerOption() });
    parser.addPositionalArgument(u"url"_s, u"Item URL."_s);
    if (!parser.parse(args)) {
        usageError(parser.errorText());
        return;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        usageError(u"item needs exactly one URL"_s);
        return;
    }
    HttpHeaders headers;
    if (!parseHeaders(parser.values(u"header"_s), &headers)) {
        return;
    }
    const QUrl url = QUrl::fromUserInput(positional.first());
    if (url.isLocalFile()) {
        QFile file(url.toLocalFile());
        if (!file.open(QIODevice::ReadOnly)) {
            m_err << "error: cannot read " << file.fileName() << ": " << file.errorString() << '\n';
            complete(RemoteError);
            return;
        }
        const QByteArray bytes = file.readAll();
        const ItemPage page = ItemParser(url).parseItem(bytes);
        if (!page.ok()) {
            m_err << "error: " << page.error << '\n';
            complete(RemoteError);
            return;
        }
        writeStdout(bytes.trimmed() + '\n');
        complete(Success);
        return;
    }
    bindHeaders(url, headers);
    auto *job = new ItemJob(m_network, HttpRequest::get(url), this);
    connect(job, &StacJob::finished, this, [this, job] {
        if (!job->isOk()) {
            remoteError(job);
            return;
        }
        printWarnings(job);
        writeStdout(job->json() + '\n');
        complete(Success);
    });
}

} // namespace StacScope
