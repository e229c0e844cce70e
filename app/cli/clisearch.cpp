// stacscope-cli search: against a STAC API, or locally over a static catalog; UP42's catalog hosts
// (search --host) with their own body and paging.
#include <cstdio>
#include <memory>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include "app/cli/cli.h"
#include "resources/demoresources.h"
#include "src/net/networkclient.h"
#include "src/providers/accountsession.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/catalogsession.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/providerregistry.h"
#include "src/providers/up42/up42api.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/stac/cql2.h"
#include "src/stac/itemexport.h"
#include "src/stac/itemgroups.h"
#include "src/stac/itemsnapshot.h"
#include "src/stac/localsearch.h"
#include "src/stac/searchjob.h"
#include "src/stac/stacapiclient.h"
#include "src/stac/staticcatalogjob.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

void writeStdout(const QByteArray &data)
{
    std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
    std::fflush(stdout);
}

// A geometry from a GeoJSON file: a bare geometry, a Feature, or the union of a
// FeatureCollection's polygons.
std::optional<Geometry> readGeometryFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1 is not valid JSON: %2 at byte %3")
                     .arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    QJsonObject o = doc.object();
    if (o.value(u"type"_s) == u"FeatureCollection"_s) {
        const QJsonArray features = o.value(u"features"_s).toArray();
        if (features.size() != 1) {
            *error
                = QStringLiteral("%1 holds %2 features; --intersects needs exactly one").arg(path).arg(features.size());
            return std::nullopt;
        }
        o = features.first().toObject();
    }
    if (o.value(u"type"_s) == u"Feature"_s) {
        o = o.value(u"geometry"_s).toObject();
    }
    QString problem;
    auto g = Geometry::fromGeoJson(o, &problem);
    if (!g) {
        *error = path + u": "_s + problem;
    }
    return g;
}

} // namespace

void Cli::printGroups(const QString &field, const QString &provider, bool json)
{
    const auto valueOf = [&](const QJsonObject &item) {
        return provider == u"capella"_s ? CapellaApi::groupValue(item, field) : itemFieldValue(item, field);
    };
    const std::vector<ItemGroup> groups = groupItems(m_store, valueOf);
    if (json) {
        QJsonObject byValue;
        for (const ItemGroup &g : groups) {
            QJsonArray ids;
            for (int row : g.rows) {
                ids.append(m_store.at(row).id);
            }
            byValue.insert(g.value, ids);
        }
        printJson(byValue);
    } else {
        QByteArray text;
        for (const ItemGroup &g : groups) {
            QStringList ids;
            for (int row : g.rows) {
                ids.append(m_store.at(row).id);
            }
            text += (g.value.isEmpty() ? u"(none)"_s : g.value).toUtf8() + '\t'
                + QByteArray::number(qint64(g.rows.size())) + '\t' + ids.join(u',').toUtf8() + '\n';
        }
        writeStdout(text);
    }
    m_err << "groups: " << groups.size() << " by " << field << '\n';
}

void Cli::runSearch(const QStringList &args)
{
    CliParser parser;
    parser.addOptions({
        { u"api"_s,
            u"STAC API landing page URL. Repeat it (and --catalog, --account) to search several catalogs at once."_s,
            u"url"_s },
        { u"catalog"_s, u"Static catalog: folder, catalog.json or its URL; \"demo\" is the app's demo catalog."_s,
            u"path"_s },
        { u"collections"_s, u"Comma-separated collection ids."_s, u"ids"_s },
        { u"ids"_s, u"Comma-separated item ids."_s, u"ids"_s },
        { u"bbox"_s, u"W,S,E,N in degrees (W > E crosses the antimeridian)."_s, u"bbox"_s },
        { u"intersects"_s, u"GeoJSON file with the area."_s, u"file"_s },
        { u"datetime"_s, u"Instant or interval A/B (.. for open)."_s, u"datetime"_s },
        { u"filter"_s, u"CQL2 filter, JSON or text."_s, u"cql2"_s },
        { u"sortby"_s, u"Sort fields, e.g. -datetime,+id."_s, u"fields"_s },
        { u"limit"_s, u"Page size asked of the server."_s, u"n"_s },
        { u"max-items"_s, u"Stop after this many items."_s, u"n"_s },
        { u"method"_s, u"GET or POST (default: what the server offers, POST first)."_s, u"method"_s },
        headerOption(),
        { u"out"_s,
            u"Write the results to this file, in the format its extension names: .geojson (GeoJSON "
            "FeatureCollection), .json (STAC ItemCollection), .ndjson (one item a line), .csv, .gpkg (GeoPackage)."_s,
            u"file"_s },
        { u"group-by"_s, u"Print the results grouped by a field (collect_id, collection, instrument_mode...)."_s,
            u"field"_s },
        { u"json"_s, u"With --group-by: the groups as JSON (value -> item ids)."_s },
        { u"host"_s, u"UP42: the archive search of this catalog host (e.g. oneatlas)."_s, u"host"_s },
        { u"max-cloud"_s, u"UP42 --host: at most this cloud cover, in percent."_s, u"percent"_s },
        { u"query"_s, u"UP42 --host: the proprietary query as JSON, e.g. {\"cloudCoverage\":{\"LTE\":20}}."_s,
            u"json"_s },
    });
    parser.addOptions(providerOptions());
    parser.addOptions(savedSearchOptions());
    if (!parser.parse(args)) {
        usageError(parser.errorText());
        return;
    }
    if (handleSavedSearch(parser)) {
        return;
    }
    const bool provider = wantsProvider(parser);
    const bool severalCatalogs = catalogFlagCount(parser) > 1; // climultisearch.cpp
    if (!severalCatalogs && int(parser.isSet(u"api"_s)) + int(parser.isSet(u"catalog"_s)) + int(provider) != 1) {
        usageError(u"search needs one of --api URL, --catalog PATH_OR_URL, --account NAME or --provider NAME"_s);
        return;
    }
    SearchParameters params;
    QString problem;
    params.collections = parser.value(u"collections"_s).split(u',', Qt::SkipEmptyParts);
    params.ids = parser.value(u"ids"_s).split(u',', Qt::SkipEmptyParts);
    if (parser.isSet(u"bbox"_s)) {
        params.bbox = GeoBox::fromString(parser.value(u"bbox"_s), &problem);
        if (!params.bbox) {
            usageError(u"--bbox: "_s + problem);
            return;
        }
    }
    if (parser.isSet(u"intersects"_s)) {
        params.intersects = readGeometryFile(parser.value(u"intersects"_s), &problem);
        if (!params.intersects) {
            usageError(u"--intersects: "_s + problem);
            return;
        }
    }
    if (parser.isSet(u"datetime"_s)) {
        params.datetime = DateRange::parse(parser.value(u"datetime"_s), &problem);
        if (!params.datetime) {
            usageError(u"--datetime: "_s + problem);
            return;
        }
    }
    if (parser.isSet(u"filter"_s)) {
        const Cql2::ParseResult filter = Cql2::parse(parser.value(u"filter"_s));
        if (!filter.ok()) {
            usageError(u"--filter: "_s + filter.error);
            return;
        }
        params.filter = filter.expression;
    }
    params.sortBy = SortField::parseList(parser.value(u"sortby"_s));
    auto positiveInt = [&](const QString &name, int *out) {
        if (!parser.isSet(name)) {
            return true;
        }
        bool ok = false;
        *out = parser.value(name).toInt(&ok);
        if (!ok || *out < 1) {
            usageError(QStringLiteral("--%1 needs a whole number of at least 1").arg(name));
            return false;
        }
        return true;
    };
    SearchOptions options;
    if (!positiveInt(u"limit"_s, &params.limit) || !positiveInt(u"max-items"_s, &options.maxItems)) {
        return;
    }
    options.method = parser.value(u"method"_s).toUpper();
    if (!options.method.isEmpty() && options.method != u"GET"_s && options.method != u"POST"_s) {
        usageError(u"--method must be GET or POST"_s);
        return;
    }
    problem = params.validate();
    if (!problem.isEmpty()) {
        usageError(problem);
        return;
    }
    HttpHeaders headers;
    if (!parseHeaders(parser.values(u"header"_s), &headers)) {
        return;
    }
    const QString out = parser.value(u"out"_s);
    const std::optional<ExportFormat> outFormat = ItemExport::formatFromPath(out);
    if (parser.isSet(u"out"_s) && !outFormat) {
        usageError(
            u"--out: cannot tell the format of \"%1\" from its extension; use %2"_s.arg(out, ItemExport::suffixList()));
        return;
    }
    if (severalCatalogs) {
        runMultiSearch(
            parser, args, params, options.maxItems, out, parser.value(u"group-by"_s), parser.isSet(u"json"_s));
        return;
    }
    if (parser.isSet(u"host"_s) || parser.isSet(u"max-cloud"_s) || parser.isSet(u"query"_s)) {
        if (!provider || !parser.isSet(u"host"_s)) {
            usageError(u"--max-cloud and --query go with --host HOST and --provider up42 (or a UP42 account)"_s);
            return;
        }
        for (const QString &flag : { u"filter"_s, u"sortby"_s, u"method"_s, u"group-by"_s, u"header"_s }) {
            if (parser.isSet(flag)) {
                usageError(QStringLiteral("--%1 does not apply to the archive search of a catalog host").arg(flag));
                return;
            }
        }
        if (outFormat && *outFormat != ExportFormat::FeatureCollection && *outFormat != ExportFormat::ItemCollection) {
            usageError(u"--out: the archive search of a catalog host writes GeoJSON (.geojson or .json)"_s);
            return;
        }
        runUp42HostSearch(parser, parser.value(u"host"_s), params, options.maxItems);
        return;
    }
    const QString groupBy = parser.value(u"group-by"_s);
    const bool groupJson = parser.isSet(u"json"_s);
    // With --group-by the groups go to stdout, and the results only to --out.
    auto finishResults = [this, out, outFormat, groupBy, groupJson, params, maxItems = options.maxItems](
                             const std::vector<int> &found, std::optional<qint64> matched, const QString &provider,
                             const QUrl &source) {
        std::vector<int> rows = found; // only the new ones with --saved NAME --new-only
        if (!recordSavedSearch(params, maxItems, &rows, matched)) {
            return false;
        }
        if (out.isEmpty() && groupBy.isEmpty()) {
            writeOutput(featureCollection(m_store, rows, matched), out);
        } else if (!out.isEmpty()) {
            ExportOptions exportOptions;
            exportOptions.matched = matched;
            exportOptions.source = source;
            const ExportResult written = ItemExport::write(ItemSnapshot(m_store, rows), out, *outFormat, exportOptions);
            if (!written.ok) {
                m_err << "error: " << written.error << '\n';
                return false;
            }
        }
        if (!groupBy.isEmpty()) {
            printGroups(groupBy, provider, groupJson);
        }
        return true;
    };

    if (parser.isSet(u"catalog"_s)) {
        QString catalog = parser.value(u"catalog"_s);
        if (catalog == u"demo"_s) {
            initDemoResources(); // the app's embedded demo catalog
            catalog = demoCatalogPath();
        }
        const QUrl source = QUrl::fromUserInput(catalog, QDir::currentPath(), QUrl::AssumeLocalFile);
        auto *job = new StaticCatalogJob(m_network, catalog, &m_store, this);
        connect(job, &StacJob::finished, this, [this, job, params, options, finishResults, source] {
            if (!job->isOk()) {
                remoteError(job);
                return;
            }
            printWarnings(job);
            const LocalSearch::Result result = LocalSearch(m_store).run(params, options.maxItems);
            if (!result.error.isEmpty()) {
                usageError(result.error);
                return;
            }
            if (!finishResults(result.rows, result.matched, {}, source)) {
                complete(RemoteError);
                return;
            }
            m_err << "matched: " << result.matched << "\nreturned: " << result.rows.size() << '\n';
            complete(Success);
        });
        return;
    }

    auto runApi = [this, params, options, finishResults](const QUrl &api) {
        auto *client = new StacApiClient(m_network, api, this);
        SearchJob *job = client->search(params, &m_store, options);
        connect(job, &StacJob::finished, this, [this, job, finishResults, api] {
            if (!job->isOk()) {
                remoteError(job);
                return;
            }
            printWarnings(job);
            std::vector<int> rows(size_t(m_store.size()));
            for (int i = 0; i < m_store.size(); ++i) {
                rows[size_t(i)] = i;
            }
            if (!finishResults(rows, job->matched(), {}, api)) {
                complete(RemoteError);
                return;
            }
            if (job->matched()) {
                m_err << "matched: " << *job->matched() << '\n';
            }
            m_err << "returned: " << m_store.size() << '\n';
            complete(Success);
        });
    };
    if (provider) {
        // An account's catalog: its credentials are bound to its own hosts by its session.
        auto searchSession = [this, runApi, params, options, finishResults](AccountSession *session) {
            const QList<CatalogSource> catalogs = session->catalogs();
            if (catalogs.isEmpty()) {
                m_err << "error: " << session->account().name << " has no catalog to search"
                      << " (a Satellogic contract without archive access?)\n";
                complete(CredentialError);
                return;
            }
            const CatalogSource source = catalogs.first();
            if (source.providerId() == u"stac-api"_s || source.providerId() == u"satellogic"_s) {
                runApi(QUrl(source.location)); // a plain STAC API: --method applies
                return;
            }
            // A provider's own kind of catalog (Capella: the Query extension and its paging).
            CatalogSession *catalog = m_registry->openCatalog(m_network, source, this);
            if (!catalog) {
                m_err << "error: " << session->account().name << "'s catalog cannot be searched by this version\n";
                complete(RemoteError);
                return;
            }
            auto matched = std::make_shared<std::optional<qint64>>();
            connect(catalog, &CatalogSession::matchedKnown, this, [matched](qint64 n) { *matched = n; });
            connect(catalog, &CatalogSession::searchFinished, this,
                [this, matched, finishResults, provider = source.providerId(), location = QUrl(source.location)](
                    const NetworkError &error, const QStringList &warnings) {
                    for (const QString &w : warnings) {
                        m_err << "warning: " << w << '\n';
                    }
                    if (error.isError()) {
                        providerError(error);
                        return;
                    }
                    std::vector<int> rows(size_t(m_store.size()));
                    for (int i = 0; i < m_store.size(); ++i) {
                        rows[size_t(i)] = i;
                    }
                    if (!finishResults(rows, *matched, provider, location)) {
                        complete(RemoteError);
                        return;
                    }
                    if (*matched) {
                        m_err << "matched: " << **matched << '\n';
                    }
                    m_err << "returned: " << m_store.size() << '\n';
                    complete(Success);
                });
            catalog->search(params, options.maxItems, &m_store);
        };
        withSession(parser, {}, searchSession);
        return;
    }
    const QUrl api(parser.value(u"api"_s));
    if (!api.isValid() || api.scheme().isEmpty()) {
        usageError(u"--api needs a URL such as https://earth-search.aws.element84.com/v1"_s);
        return;
    }
    bindHeaders(api, headers);
    runApi(api);
}

void Cli::runUp42HostSearch(
    const QCommandLineParser &parser, const QString &host, const SearchParameters &given, int maxItems)
{
    SearchParameters params = given;
    if (params.limit > 500) {
        usageError(u"--limit: a catalog host takes 1 to 500 scenes a page"_s);
        return;
    }
    if (maxItems > 0 && maxItems < params.limit) {
        params.limit = maxItems;
    }
    if (parser.isSet(u"query"_s)) {
        const QJsonDocument doc = QJsonDocument::fromJson(parser.value(u"query"_s).toUtf8());
        if (!doc.isObject()) {
            usageError(u"--query needs a JSON object, e.g. {\"cloudCoverage\":{\"LTE\":20}}"_s);
            return;
        }
        params.query = doc.object();
    }
    if (parser.isSet(u"max-cloud"_s)) {
        bool ok = false;
        const double percent = parser.value(u"max-cloud"_s).toDouble(&ok);
        if (!ok || percent < 0 || percent > 100) {
            usageError(u"--max-cloud needs a percentage from 0 to 100"_s);
            return;
        }
        QJsonObject cloud = params.query.value(u"cloudCoverage"_s).toObject();
        cloud.insert(u"LTE"_s, percent);
        params.query.insert(u"cloudCoverage"_s, cloud);
    }
    const QString out = parser.value(u"out"_s);
    auto *session = qobject_cast<Up42Session *>(openSession(parser, u"up42"_s));
    if (!session) {
        return;
    }
    // Every page: the same body POSTed again to each next link (as the SDK does).
    const QByteArray body = QJsonDocument(params.toPostBody()).toJson(QJsonDocument::Compact);
    auto features = std::make_shared<QJsonArray>();
    auto page = std::make_shared<std::function<void(const QUrl &)>>();
    *page = [=, this](const QUrl &url) {
        HttpRequest request = HttpRequest::postJson(url, body);
        request.retryable = true; // a search changes nothing
        auto *job = new JsonCallJob(session->client()->network(), request, this);
        connect(job, &StacJob::finished, this, [=, this] {
            job->deleteLater();
            if (!job->isOk()) {
                *page = nullptr;
                up42Error(job->error());
                return;
            }
            const QJsonArray got = job->json().value(u"features"_s).toArray();
            for (const QJsonValue &f : got) {
                if (maxItems == 0 || features->size() < maxItems) {
                    features->append(f);
                }
            }
            QUrl nextUrl;
            for (const QJsonValue &l : job->json().value(u"links"_s).toArray()) {
                if (l.toObject().value(u"rel"_s) == u"next"_s) {
                    nextUrl = url.resolved(QUrl(l.toObject().value(u"href"_s).toString()));
                }
            }
            if (!got.isEmpty() && nextUrl.isValid() && !nextUrl.isEmpty() && nextUrl != url
                && (maxItems == 0 || features->size() < maxItems)) {
                (*page)(nextUrl);
                return;
            }
            *page = nullptr;
            const QJsonObject collection { { u"type"_s, u"FeatureCollection"_s }, { u"features"_s, *features } };
            if (!writeOutput(QJsonDocument(collection).toJson(QJsonDocument::Indented), out)) {
                complete(RemoteError);
                return;
            }
            if (!out.isEmpty()) {
                for (const QJsonValue &f : std::as_const(*features)) {
                    const QJsonObject p = f.toObject().value(u"properties"_s).toObject();
                    const QJsonValue cloud = p.value(u"cloudCoverage"_s);
                    m_err << p.value(u"id"_s).toString() << "  " << p.value(u"datetime"_s).toString() << "  "
                          << p.value(u"collection"_s).toString() << "  "
                          << (cloud.isDouble() ? QString::number(cloud.toDouble()) + u"% cloud"_s : u"-"_s) << '\n';
                }
            }
            m_err << "returned: " << features->size() << '\n';
            complete(Success);
        });
    };
    (*page)(Up42Api::hostSearchUrl(session->apiUrl(), host));
}

} // namespace StacScope
