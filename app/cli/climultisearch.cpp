// stacscope-cli search with --api, --catalog and --account repeated: every catalog searched at
// once (MultiCatalogSearch) into one output, each item's properties naming its catalog.
#include <QCommandLineParser>
#include <QDir>

#include "app/cli/cli.h"
#include "resources/demoresources.h"
#include "src/providers/account.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "src/providers/accountstore.h"
#include "src/providers/multicatalogsearch.h"
#include "src/providers/providerregistry.h"
#include "src/stac/itemexport.h"
#include "src/stac/itemsnapshot.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// The catalog flags in the order they were given ("--api URL", "--api=URL", "--catalog ...").
QStringList catalogFlagOrder(const QStringList &args)
{
    QStringList order;
    for (const QString &arg : args) {
        for (const QString &flag : { u"api"_s, u"catalog"_s, u"account"_s }) {
            if (arg == u"--"_s + flag || arg.startsWith(u"--"_s + flag + u'=')) {
                order.append(flag);
            }
        }
    }
    return order;
}

} // namespace

int Cli::catalogFlagCount(const QCommandLineParser &parser)
{
    return int(
        parser.values(u"api"_s).size() + parser.values(u"catalog"_s).size() + parser.values(u"account"_s).size());
}

void Cli::runMultiSearch(const QCommandLineParser &parser, const QStringList &args, const SearchParameters &params,
    int maxItems, const QString &out, const QString &groupBy, bool groupJson)
{
    for (const QString &flag : { u"provider"_s, u"header"_s, u"method"_s, u"host"_s, u"endpoint"_s }) {
        if (parser.isSet(flag)) {
            usageError(QStringLiteral("--%1 does not go with several catalogs (an account carries its own "
                                      "credentials and endpoints)")
                           .arg(flag));
            return;
        }
    }
    // The flags in the order given (the parser keeps each flag's values apart).
    QHash<QString, QStringList> values;
    for (const QString &flag : { u"api"_s, u"catalog"_s, u"account"_s }) {
        values.insert(flag, parser.values(flag));
    }
    QStringList order = catalogFlagOrder(args);
    if (order.size() != catalogFlagCount(parser)) {
        order.clear(); // spelled some other way: APIs, then static catalogs, then accounts
        for (const QString &flag : { u"api"_s, u"catalog"_s, u"account"_s }) {
            for (qsizetype i = 0; i < values.value(flag).size(); ++i) {
                order.append(flag);
            }
        }
    }
    QList<CatalogSource> sources;
    for (const QString &flag : std::as_const(order)) {
        const QString value = values[flag].takeFirst();
        CatalogSource source;
        source.name = value; // what the user wrote: each item's stacscope:catalog
        if (flag == u"api"_s) {
            const QUrl api(value);
            if (!api.isValid() || api.scheme().isEmpty()) {
                usageError(
                    u"--api needs a URL such as https://earth-search.aws.element84.com/v1 (got \"%1\")"_s.arg(value));
                return;
            }
            source.kind = CatalogSource::Kind::StacApi;
            source.location = value;
        } else if (flag == u"catalog"_s) {
            source.kind = CatalogSource::Kind::StaticCatalog;
            source.location = value;
            if (value == u"demo"_s) {
                initDemoResources(); // the app's embedded demo catalog
                source.location = demoCatalogPath();
            }
        } else {
            const Account account = accounts()->store()->byName(value);
            if (account.id.isEmpty()) {
                m_err << "error: there is no account called \"" << value << "\" (see: stacscope-cli accounts list)\n";
                complete(CredentialError);
                return;
            }
            AccountSession *session = accounts()->session(account.id);
            const QList<CatalogSource> catalogs = session ? session->catalogs() : QList<CatalogSource>();
            if (catalogs.isEmpty()) {
                m_err << "error: " << value << " has no catalog to search"
                      << " (a Satellogic account without a contract with archive access?)\n";
                complete(CredentialError);
                return;
            }
            source = catalogs.first(); // its credentials are bound to its own hosts by its session
            source.name = value;
        }
        sources.append(source);
    }

    auto *search = new MultiCatalogSearch(m_registry.get(), m_network, this);
    search->setMaxParallel(int(sources.size())); // all at once: a command line names a few
    search->setMergedStore(&m_store);
    connect(search, &MultiCatalogSearch::finished, this, [this, search, out, groupBy, groupJson] {
        int failed = 0;
        std::optional<qint64> matched = 0;
        for (int i = 0; i < search->catalogCount(); ++i) {
            const CatalogSearchStatus &status = search->status(i);
            if (status.state == CatalogSearchStatus::State::Failed) {
                ++failed;
                matched.reset();
                continue;
            }
            for (const QString &w : status.warnings) {
                m_err << "warning: " << status.source.name << ": " << w << '\n';
            }
            if (status.matched >= 0) {
                m_err << "matched: " << status.matched << " (" << status.source.name << ")\n";
                matched = matched ? std::optional<qint64>(*matched + status.matched) : std::nullopt;
            } else {
                matched.reset();
            }
            m_err << "returned: " << status.returned << " (" << status.source.name << ")\n";
        }
        const bool allFailed = failed == search->catalogCount();
        for (int i = 0; i < search->catalogCount(); ++i) {
            const CatalogSearchStatus &status = search->status(i);
            if (status.state == CatalogSearchStatus::State::Failed) {
                m_err << (allFailed ? "error: " : "warning: ") << status.source.name
                      << " failed: " << status.error.toString() << '\n';
            }
        }
        if (allFailed) {
            complete(RemoteError);
            return;
        }
        std::vector<int> rows(size_t(m_store.size()));
        for (int i = 0; i < m_store.size(); ++i) {
            rows[size_t(i)] = i;
        }
        if (out.isEmpty() && groupBy.isEmpty()) {
            writeOutput(featureCollection(m_store, rows, matched), out);
        } else if (!out.isEmpty()) {
            ExportOptions exportOptions;
            exportOptions.matched = matched; // no one root: each item names its catalog
            const ExportResult written
                = ItemExport::write(ItemSnapshot(m_store, rows), out, *ItemExport::formatFromPath(out), exportOptions);
            if (!written.ok) {
                m_err << "error: " << written.error << '\n';
                complete(RemoteError);
                return;
            }
        }
        if (!groupBy.isEmpty()) {
            printGroups(groupBy, {}, groupJson);
        }
        m_err << "returned: " << m_store.size() << " in all\n";
        complete(Success);
    });
    search->start(sources, params, maxItems);
}

} // namespace StacScope
