// stacscope-cli search --save NAME / --saved NAME [--new-only]: saved searches in the app's own
// SQLite store (Database::appPath()), so a search saved here is in the app's list and the other way
// round. A re-run is the saved search turned back into search flags; what it returned is compared
// with what its previous run returned.
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryFile>

#include "app/cli/cli.h"
#include "resources/demoresources.h"
#include "src/stac/searchparameters.h"
#include "src/store/database.h"
#include "src/store/savedsearchstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

struct Cli::SavedSearchRun
{
    std::unique_ptr<Database> database;
    std::unique_ptr<SavedSearchStore> store;
    QString name;
    qint64 id = 0; // a re-run's saved search; 0 when saving
    QString catalog; // CatalogSource::id() of the catalog searched
    bool newOnly = false;
    std::unique_ptr<QTemporaryFile> area; // a re-run's intersects geometry, for --intersects

    ~SavedSearchRun()
    {
        store.reset(); // before its database
    }
};

QList<QCommandLineOption> Cli::savedSearchOptions()
{
    return {
        { u"save"_s,
            u"Save this search (--api or --catalog) under NAME in the app's saved searches, with the results it "
            "returned; an existing NAME is replaced."_s,
            u"name"_s },
        { u"saved"_s, u"Run the saved search NAME again (saved here or in the app)."_s, u"name"_s },
        { u"new-only"_s, u"With --saved: output only the results its previous run did not return."_s },
    };
}

namespace {

// The catalog as the app names it (CatalogSource::id()): the demo, a URL, or an absolute path.
QString catalogId(const QCommandLineParser &parser)
{
    if (parser.isSet(u"api"_s)) {
        return u"api:"_s + parser.value(u"api"_s);
    }
    const QString catalog = parser.value(u"catalog"_s);
    if (catalog == u"demo"_s) {
        return u"static:"_s + demoCatalogPath();
    }
    const QUrl url(catalog);
    if (catalog.startsWith(u':') || (url.isValid() && url.scheme().size() > 1)) {
        return u"static:"_s + catalog; // a URL (http, https, file) or a resource
    }
    return u"static:"_s + QFileInfo(catalog).absoluteFilePath();
}

} // namespace

bool Cli::openSavedSearches(SavedSearchRun &run)
{
    run.database = std::make_unique<Database>(Database::appPath());
    if (!run.database->open()) {
        m_err << "error: the saved searches are not available: " << run.database->lastError() << '\n';
        complete(RemoteError);
        return false;
    }
    run.store = std::make_unique<SavedSearchStore>(*run.database);
    return true;
}

bool Cli::handleSavedSearch(const QCommandLineParser &parser)
{
    if (parser.isSet(u"saved"_s)) {
        for (const QString &flag : { u"save"_s, u"api"_s, u"catalog"_s, u"account"_s, u"provider"_s, u"collections"_s,
                 u"ids"_s, u"bbox"_s, u"intersects"_s, u"datetime"_s, u"filter"_s, u"sortby"_s, u"limit"_s,
                 u"max-items"_s, u"host"_s, u"max-cloud"_s, u"query"_s }) {
            if (parser.isSet(flag)) {
                usageError(QStringLiteral("--saved runs the search as it was saved; --%1 does not go with it "
                                          "(it takes --new-only, --out, --group-by, --json, --header and --method)")
                               .arg(flag));
                return true;
            }
        }
        rerunSavedSearch(parser);
        return true;
    }
    if (parser.isSet(u"new-only"_s) && !m_savedRun) {
        usageError(u"--new-only goes with --saved NAME"_s);
        return true;
    }
    if (!parser.isSet(u"save"_s)) {
        return false;
    }
    const QString name = parser.value(u"save"_s).trimmed();
    if (name.isEmpty()) {
        usageError(u"--save needs a name"_s);
        return true;
    }
    if (!parser.isSet(u"api"_s) && !parser.isSet(u"catalog"_s)) {
        usageError(u"--save saves searches of a STAC API (--api) or a static catalog (--catalog)"_s);
        return true;
    }
    if (parser.isSet(u"host"_s)) {
        usageError(u"--save does not apply to the archive search of a catalog host"_s);
        return true;
    }
    auto run = std::make_shared<SavedSearchRun>();
    run->name = name;
    run->catalog = catalogId(parser);
    if (!openSavedSearches(*run)) {
        return true;
    }
    m_savedRun = run;
    return false;
}

void Cli::rerunSavedSearch(const QCommandLineParser &parser)
{
    auto run = std::make_shared<SavedSearchRun>();
    if (!openSavedSearches(*run)) {
        return;
    }
    const QString name = parser.value(u"saved"_s);
    const std::optional<SavedSearch> saved = run->store->find(name);
    if (!saved) {
        QStringList names;
        for (const SavedSearch &s : run->store->savedSearches()) {
            names.append(s.name);
        }
        usageError(names.isEmpty()
                ? QStringLiteral("no saved search is called \"%1\" (there are none yet; save one with --save NAME)")
                      .arg(name)
                : QStringLiteral("no saved search is called \"%1\"; the saved searches are: %2")
                      .arg(name, names.join(u", "_s)));
        return;
    }
    const SearchRequest &request = saved->request;
    if (request.catalogs.size() != 1
        || !(request.catalogs.first().startsWith(u"api:"_s) || request.catalogs.first().startsWith(u"static:"_s))) {
        usageError(QStringLiteral("\"%1\" searches %2; stacscope-cli re-runs saved searches of one STAC API or "
                                  "static catalog (run it in the app)")
                       .arg(name, request.catalogs.join(u", "_s)));
        return;
    }
    const SearchParameters &p = request.parameters;
    if (!p.query.isEmpty() || !p.extraBody.isEmpty()) {
        usageError(QStringLiteral("\"%1\" carries provider-specific members stacscope-cli cannot send; run it in "
                                  "the app")
                       .arg(name));
        return;
    }
    run->name = saved->name;
    run->id = saved->id;
    run->catalog = request.catalogs.first();
    run->newOnly = parser.isSet(u"new-only"_s);

    // The saved search as the flags that give it back.
    QStringList args { u"search"_s };
    if (run->catalog.startsWith(u"api:"_s)) {
        args << u"--api"_s << run->catalog.mid(4);
    } else {
        const QString location = run->catalog.mid(7);
        args << u"--catalog"_s << (location == demoCatalogPath() ? u"demo"_s : location);
    }
    if (!p.collections.isEmpty()) {
        args << u"--collections"_s << p.collections.join(u',');
    }
    if (!p.ids.isEmpty()) {
        args << u"--ids"_s << p.ids.join(u',');
    }
    if (p.bbox) {
        // Full precision: toQueryString() rounds to 7 decimals.
        args << u"--bbox"_s
             << QStringLiteral("%1,%2,%3,%4")
                    .arg(p.bbox->west, 0, 'g', 17)
                    .arg(p.bbox->south, 0, 'g', 17)
                    .arg(p.bbox->east, 0, 'g', 17)
                    .arg(p.bbox->north, 0, 'g', 17);
    }
    if (p.intersects) {
        run->area = std::make_unique<QTemporaryFile>(QDir::tempPath() + u"/stacscope-saved-XXXXXX.geojson"_s);
        if (!run->area->open() || run->area->write(QJsonDocument(p.intersects->toGeoJson()).toJson()) < 0
            || !run->area->flush()) {
            m_err << "error: cannot write the saved area to a temporary file: " << run->area->errorString() << '\n';
            complete(RemoteError);
            return;
        }
        args << u"--intersects"_s << run->area->fileName();
    }
    if (p.datetime && !p.datetime->isOpen()) {
        args << u"--datetime"_s << p.datetime->toString();
    }
    if (!p.filter.isEmpty()) {
        args << u"--filter"_s << QString::fromUtf8(QJsonDocument(p.filter).toJson(QJsonDocument::Compact));
    }
    if (!p.sortBy.isEmpty()) {
        QStringList fields;
        for (const SortField &f : p.sortBy) {
            fields.append((f.descending ? u"-"_s : u"+"_s) + f.field);
        }
        args << u"--sortby"_s << fields.join(u',');
    }
    args << u"--limit"_s << QString::number(p.limit);
    if (request.maxItems > 0) {
        args << u"--max-items"_s << QString::number(request.maxItems);
    }
    for (const QString &flag : { u"out"_s, u"group-by"_s, u"method"_s }) {
        if (parser.isSet(flag)) {
            args << u"--"_s + flag << parser.value(flag);
        }
    }
    for (const QString &header : parser.values(u"header"_s)) {
        args << u"--header"_s << header;
    }
    if (parser.isSet(u"json"_s)) {
        args << u"--json"_s;
    }
    m_err << "saved search \"" << run->name << "\": " << run->catalog.mid(run->catalog.indexOf(u':') + 1) << '\n';
    m_savedRun = run;
    runSearch(args);
}

bool Cli::recordSavedSearch(
    const SearchParameters &params, int maxItems, std::vector<int> *rows, std::optional<qint64> matched)
{
    const std::shared_ptr<SavedSearchRun> run = m_savedRun;
    if (!run) {
        return true;
    }
    const int returned = int(rows->size());
    SeenItems seen;
    seen.reserve(qsizetype(rows->size()));
    for (int row : std::as_const(*rows)) {
        const ItemRecord &r = m_store.at(row);
        seen.insert({ run->catalog, r.collection, r.id });
    }
    if (run->id == 0) {
        const std::optional<qint64> id
            = run->store->save(run->name, SearchRequest { { run->catalog }, params, maxItems }, seen, true);
        if (!id) {
            m_err << "error: " << run->store->lastError() << '\n';
            return false;
        }
        run->id = *id;
        m_err << "saved: \"" << run->name << "\" (" << seen.size() << (seen.size() == 1 ? " result" : " results")
              << " remembered)\n";
    } else {
        const std::optional<SeenItems> fresh = run->store->recordRun(run->id, seen);
        if (!fresh) {
            m_err << "error: " << run->store->lastError() << '\n';
            return false;
        }
        m_err << "new: " << fresh->size() << '\n';
        if (run->newOnly) {
            std::erase_if(*rows, [&](int row) {
                const ItemRecord &r = m_store.at(row);
                return !fresh->contains({ run->catalog, r.collection, r.id });
            });
        }
    }
    HistoryEntry entry;
    entry.request = SearchRequest { { run->catalog }, params, maxItems };
    entry.returned = returned;
    entry.matched = matched;
    entry.savedName = run->name;
    if (!run->store->addHistory(entry)) {
        m_err << "warning: " << run->store->lastError() << '\n';
    }
    return true;
}

} // namespace StacScope
