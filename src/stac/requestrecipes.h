#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "src/stac/filterplan.h"
#include "src/stac/searchparameters.h"

namespace StacScope {

// "Show the request": one search written out to run elsewhere, as a curl command, a Python
// pystac-client snippet and a stacscope-cli line. Secrets never appear: a request header's value
// is an environment variable (STACSCOPE_HEADER_<NAME>), an account is named, not opened.
struct RequestRecipeInput
{
    enum class Kind
    {
        StacApi, // a STAC API: POST <landing page>/search
        StaticCatalog, // read whole and searched here; no search endpoint
        Account // a provider account's catalog: its sign-in is the provider's own
    };
    Kind kind = Kind::StacApi;
    QString name; // the catalog's name: heads its recipes when several catalogs are searched
    QString location; // landing page URL, catalog.json path or URL
    QString account; // the account's name (Kind::Account)
    QStringList headerNames; // request headers the catalog needs (values are secrets)
    SearchParameters parameters;
    int maxItems = 0; // 0: no cap
    // How the STAC API is searched, as StacScope searches it: the search link and method its
    // landing page gives (empty: <location>/search by POST) and how it takes a filter (its
    // conformance: CQL2, the Query extension, or nothing, when the filter runs here).
    QUrl searchUrl;
    bool get = false;
    FilterEncoding filterEncoding = FilterEncoding::Cql2Json;
};

struct RequestRecipes
{
    QString curl; // empty when there is no single request to show
    QString python; // empty when pystac-client cannot run it
    QString cli;
    QStringList notes; // what to set first, what is not shown and why
};

RequestRecipes makeRequestRecipes(const RequestRecipeInput &input);
// Several catalogs searched at once: one stacscope-cli line naming them all (it searches them in
// parallel into one output), and each STAC API's curl command and pystac-client snippet under a
// comment with its name. Notes name their catalog.
RequestRecipes makeRequestRecipes(const QList<RequestRecipeInput> &catalogs);

// "STACSCOPE_HEADER_X_API_KEY" for "X-Api-Key".
QString headerEnvironmentVariable(const QString &headerName);
// A word for a POSIX shell: as is when safe, else in single quotes ('\'' for a quote).
QString shellQuoted(const QString &word);

} // namespace StacScope
