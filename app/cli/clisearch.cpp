// stacscope-cli search: against a STAC API, or locally over a static catalog.
#include <cstdio>
#include <memory>

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include "app/cli/cli.h"
#include "src/net/networkclient.h"
#include "src/providers/accountsession.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/catalogsession.h"
#include "src/providers/providerregistry.h"
#include "src/stac/cql2.h"
#include "src/stac/itemexport.h"
#include "src/stac/itemgroups.h"
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
    QCommandLineParser parser;
    parser.addOptions({
        { u"api"_s, u"STAC API landing page URL."_s, u"url"_s },
        { u"catalog"_s, u"Static catalog: folder, catalog.json or its URL."_s, u"path"_s },
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
        { u"out"_s, u"Write the FeatureCollection to this file."_s, u"file"_s },
        { u"group-by"_s, u"Print the results grouped by a field (collect_id, collection, instrument_mode...)."_s,
            u"field"_s },
        { u"json"_s, u"With --group-by: the groups as JSON (value -> item ids)."_s },
    });
    parser.addOptions(providerOptions());
    if (!parser.parse(args)) {
        usageError(parser.errorText());
        return;
    }
    const bool provider = wantsProvider(parser);
    if (int(parser.isSet(u"api"_s)) + int(parser.isSet(u"catalog"_s)) + int(provider) != 1) {
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
    const QString groupBy = parser.value(u"group-by"_s);
    const bool groupJson = parser.isSet(u"json"_s);
    // With --group-by the groups go to stdout, and the FeatureCollection only to --out.
    auto finishResults = [this, out, groupBy, groupJson](
                             const std::vector<int> &rows, std::optional<qint64> matched, const QString &provider) {
        if ((groupBy.isEmpty() || !out.isEmpty()) && !writeOutput(featureCollection(m_store, rows, matched), out)) {
            return false;
        }
        if (!groupBy.isEmpty()) {
            printGroups(groupBy, provider, groupJson);
        }
        return true;
    };

    if (parser.isSet(u"catalog"_s)) {
        auto *job = new StaticCatalogJob(m_network, parser.value(u"catalog"_s), &m_store, this);
        connect(job, &StacJob::finished, this, [this, job, params, options, finishResults] {
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
            if (!finishResults(result.rows, result.matched, {})) {
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
        connect(job, &StacJob::finished, this, [this, job, finishResults] {
            if (!job->isOk()) {
                remoteError(job);
                return;
            }
            printWarnings(job);
            std::vector<int> rows(size_t(m_store.size()));
            for (int i = 0; i < m_store.size(); ++i) {
                rows[size_t(i)] = i;
            }
            if (!finishResults(rows, job->matched(), {})) {
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
                [this, matched, finishResults, provider = source.providerId()](
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
                    if (!finishResults(rows, *matched, provider)) {
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

} // namespace StacScope
