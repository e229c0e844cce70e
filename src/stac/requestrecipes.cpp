#include "src/stac/requestrecipes.h"

#include <algorithm>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include "src/stac/cql2.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RequestRecipes", text);
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString searchUrl(const QString &landingPage)
{
    QString base = landingPage.trimmed();
    while (base.endsWith(u'/')) {
        base.chop(1);
    }
    return base + u"/search"_s;
}

// A Python string literal (JSON's escaping is Python's for these characters).
QString pyString(const QString &text)
{
    const QJsonArray wrapped { text };
    const QString json = QString::fromUtf8(QJsonDocument(wrapped).toJson(QJsonDocument::Compact));
    return json.mid(1, json.size() - 2);
}

// A JSON value as a Python literal: true/false/null spelled the Python way.
QString pyValue(const QJsonValue &value)
{
    if (value.isObject()) {
        QStringList members;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            members.append(pyString(it.key()) + u": "_s + pyValue(it.value()));
        }
        return u'{' + members.join(u", "_s) + u'}';
    }
    if (value.isArray()) {
        QStringList items;
        for (const QJsonValue &v : value.toArray()) {
            items.append(pyValue(v));
        }
        return u'[' + items.join(u", "_s) + u']';
    }
    if (value.isBool()) {
        return value.toBool() ? u"True"_s : u"False"_s;
    }
    if (value.isNull() || value.isUndefined()) {
        return u"None"_s;
    }
    if (value.isString()) {
        return pyString(value.toString());
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString pyList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &s : items) {
        quoted.append(pyString(s));
    }
    return u'[' + quoted.join(u", "_s) + u']';
}

QString sortText(const QList<SortField> &fields)
{
    QStringList parts;
    for (const SortField &f : fields) {
        parts.append((f.descending ? u"-"_s : u"+"_s) + f.field);
    }
    return parts.join(u',');
}

QString bboxText(const GeoBox &b)
{
    return u"%1,%2,%3,%4"_s.arg(b.west, 0, 'g', 10)
        .arg(b.south, 0, 'g', 10)
        .arg(b.east, 0, 'g', 10)
        .arg(b.north, 0, 'g', 10);
}

} // namespace

QString headerEnvironmentVariable(const QString &headerName)
{
    QString name = headerName.toUpper();
    name.replace(QRegularExpression(u"[^A-Z0-9]+"_s), u"_"_s);
    return u"STACSCOPE_HEADER_"_s + name;
}

QString shellQuoted(const QString &word)
{
    static const QRegularExpression safe(u"^[A-Za-z0-9_@%+=:,./-]+$"_s);
    if (!word.isEmpty() && safe.match(word).hasMatch()) {
        return word;
    }
    QString quoted = word;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

namespace {

// --api URL, --catalog PATH or --account NAME.
QStringList cliCatalog(const RequestRecipeInput &in)
{
    using Kind = RequestRecipeInput::Kind;
    if (in.kind == Kind::Account) {
        return { u"--account"_s, shellQuoted(in.account) };
    }
    if (in.kind == Kind::StacApi) {
        return { u"--api"_s, shellQuoted(in.location) };
    }
    return { u"--catalog"_s, shellQuoted(in.location) };
}

// The search's own flags (every catalog's), after the catalogs.
QStringList cliSearch(const SearchParameters &p, int maxItems, QStringList *notes)
{
    QStringList cli;
    if (!p.collections.isEmpty()) {
        cli << u"--collections"_s << shellQuoted(p.collections.join(u','));
    }
    if (p.bbox) {
        cli << u"--bbox"_s << shellQuoted(bboxText(*p.bbox));
    }
    if (p.intersects) {
        cli << u"--intersects"_s << u"aoi.geojson"_s;
        notes->append(tr("The area is a geometry: save it as aoi.geojson first (Areas of interest > Export...)."));
    }
    if (p.datetime) {
        cli << u"--datetime"_s << shellQuoted(p.datetime->toString());
    }
    if (!p.filter.isEmpty()) {
        cli << u"--filter"_s << shellQuoted(compactJson(p.filter));
    }
    if (!p.sortBy.isEmpty()) {
        cli << u"--sortby"_s << shellQuoted(sortText(p.sortBy));
    }
    cli << u"--limit"_s << QString::number(p.limit);
    if (maxItems > 0) {
        cli << u"--max-items"_s << QString::number(maxItems);
    }
    return cli;
}

// The parameters as StacScope sends them to this catalog: the filter split by its plan (the part
// the server cannot take is not in the request, and is named in a note).
SearchParameters sentParameters(const RequestRecipeInput &in, FilterPlan *plan, QStringList *notes)
{
    SearchParameters sent = in.parameters;
    if (in.parameters.filter.isEmpty()) {
        return sent;
    }
    *plan = FilterPlanner::plan(in.parameters.filter, in.filterEncoding, {}, in.parameters.query);
    sent.filter = plan->serverFilter;
    sent.query = plan->query;
    sent.filterLanguage = plan->encoding == FilterEncoding::Cql2Text ? SearchParameters::FilterLanguage::Cql2Text
                                                                     : SearchParameters::FilterLanguage::Cql2Json;
    if (plan->encoding == FilterEncoding::Local) {
        notes->append(tr("This catalog cannot filter: StacScope applies the filter to each page it receives, so "
                         "curl and pystac-client get the results unfiltered (stacscope-cli filters them)."));
    } else if (!plan->localParts.isEmpty()) {
        notes->append(tr("%1 StacScope applies the rest to each page it receives, so curl and pystac-client do not "
                         "filter on it (stacscope-cli does): %2")
                          .arg(FilterPlanner::describe(plan->encoding), plan->localParts.join(u"; "_s)));
    }
    return sent;
}

} // namespace

RequestRecipes makeRequestRecipes(const RequestRecipeInput &in)
{
    RequestRecipes out;
    const SearchParameters &p = in.parameters;
    using Kind = RequestRecipeInput::Kind;

    // stacscope-cli: the same search, signed in by the CLI when it is an account's.
    QStringList cli { u"stacscope-cli"_s, u"search"_s };
    cli << cliCatalog(in) << cliSearch(p, in.maxItems, &out.notes);
    for (const QString &name : in.headerNames) {
        cli << u"--header"_s << u"\"%1: $%2\""_s.arg(name, headerEnvironmentVariable(name));
    }
    cli << u"--out"_s << u"results.geojson"_s;
    out.cli = cli.join(u' ');
    if (!in.headerNames.isEmpty()) {
        QStringList variables;
        for (const QString &name : in.headerNames) {
            variables.append(headerEnvironmentVariable(name));
        }
        out.notes.append(tr("Set %1 to the header value(s) first: they are secrets, so they are not shown.")
                             .arg(variables.join(u", "_s)));
    }

    if (in.kind == Kind::StaticCatalog) {
        out.notes.append(tr("A static catalog has no search endpoint: StacScope reads it whole and searches it "
                            "here, so there is no single request for curl or pystac-client."));
        return out;
    }
    if (in.kind == Kind::Account) {
        out.notes.append(tr("This catalog needs the provider's sign-in, which stacscope-cli does with the account "
                            "(its secrets stay in the keychain); curl and pystac-client would need a token first."));
        return out;
    }

    // curl: the item search as StacScope sends it, by POST or GET.
    FilterPlan plan;
    const SearchParameters sent = sentParameters(in, &plan, &out.notes);
    const QString url = in.searchUrl.isEmpty() ? searchUrl(in.location) : in.searchUrl.toString();
    QStringList curl;
    const QJsonObject body = sent.toPostBody();
    if (in.get) {
        QUrl withQuery(url);
        withQuery.setQuery(sent.toGetQuery());
        curl << u"curl -sS"_s << shellQuoted(withQuery.toString(QUrl::FullyEncoded));
    } else {
        curl << u"curl -sS -X POST"_s << shellQuoted(url) << u"-H 'Content-Type: application/json'"_s;
    }
    for (const QString &name : in.headerNames) {
        curl << u"-H \"%1: $%2\""_s.arg(name, headerEnvironmentVariable(name));
    }
    if (!in.get) {
        curl << u"--data"_s << shellQuoted(compactJson(body));
    }
    out.curl = curl.join(u' ');
    out.notes.append(tr("curl shows the first page; the answer's \"next\" link has the rest."));

    // pystac-client.
    QStringList py;
    const bool headers = !in.headerNames.isEmpty();
    if (headers) {
        py << u"import os"_s;
    }
    py << u"from pystac_client import Client"_s << QString();
    QString open = u"client = Client.open(%1"_s.arg(pyString(in.location));
    if (headers) {
        QStringList pairs;
        for (const QString &name : in.headerNames) {
            pairs.append(u"%1: os.environ[%2]"_s.arg(pyString(name), pyString(headerEnvironmentVariable(name))));
        }
        open += u", headers={"_s + pairs.join(u", "_s) + u'}';
    }
    py << open + u')';
    QStringList args;
    if (!p.collections.isEmpty()) {
        args << u"collections="_s + pyList(p.collections);
    }
    if (!p.ids.isEmpty()) {
        args << u"ids="_s + pyList(p.ids);
    }
    if (p.bbox) {
        args << u"bbox=[%1]"_s.arg(bboxText(*p.bbox).replace(u',', u", "_s));
    }
    if (p.intersects) {
        args << u"intersects="_s + pyValue(body.value(u"intersects"_s));
    }
    if (p.datetime) {
        args << u"datetime="_s + pyString(p.datetime->toString());
    }
    if (!sent.filter.isEmpty()) {
        const QString text = sent.filterLanguage == SearchParameters::FilterLanguage::Cql2Text && in.get
            ? Cql2::toText(sent.filter)
            : QString();
        if (text.isEmpty()) {
            args << u"filter="_s + pyValue(sent.filter) << u"filter_lang=\"cql2-json\""_s;
        } else {
            args << u"filter="_s + pyString(text) << u"filter_lang=\"cql2-text\""_s;
        }
    }
    if (!sent.query.isEmpty()) {
        args << u"query="_s + pyValue(sent.query);
    }
    if (!p.sortBy.isEmpty()) {
        QStringList fields;
        for (const SortField &f : p.sortBy) {
            fields.append((f.descending ? u"-"_s : u"+"_s) + f.qualifiedField());
        }
        args << u"sortby="_s + pyList(fields);
    }
    args << u"limit=%1"_s.arg(p.limit);
    if (in.maxItems > 0) {
        args << u"max_items=%1"_s.arg(in.maxItems);
    }
    if (in.get) {
        args << u"method=\"GET\""_s;
    }
    py << u"search = client.search("_s;
    for (const QString &a : args) {
        py << u"    "_s + a + u',';
    }
    py << u")"_s << u"for item in search.items():"_s << u"    print(item.id)"_s;
    out.python = py.join(u'\n');
    return out;
}

RequestRecipes makeRequestRecipes(const QList<RequestRecipeInput> &catalogs)
{
    if (catalogs.size() == 1) {
        return makeRequestRecipes(catalogs.first());
    }
    RequestRecipes out;
    if (catalogs.isEmpty()) {
        return out;
    }
    // One CLI line: the catalogs in order, then the search (the same for all of them). The CLI
    // takes request headers for a single catalog only: a catalog that needs some is left out.
    QStringList cli { u"stacscope-cli"_s, u"search"_s };
    QStringList left;
    for (const RequestRecipeInput &in : catalogs) {
        if (in.headerNames.isEmpty()) {
            cli << cliCatalog(in);
        } else {
            left.append(in.name);
        }
    }
    QStringList searchNotes;
    const RequestRecipeInput &first = catalogs.first();
    cli << cliSearch(first.parameters, first.maxItems, &searchNotes) << u"--out"_s << u"results.geojson"_s;
    out.cli = cli.join(u' ');
    out.notes = searchNotes;
    if (!left.isEmpty()) {
        out.notes.append(tr("stacscope-cli takes request headers for one catalog at a time, so this line leaves out "
                            "%1: search it on its own (its own line is below).")
                             .arg(left.join(u", "_s)));
    }
    QStringList ownLines, curls, pythons;
    QList<QPair<QString, QStringList>> notes; // each note and the catalogs it is about, in order
    for (const RequestRecipeInput &in : catalogs) {
        const RequestRecipes one = makeRequestRecipes(in);
        const QString heading = u"# "_s + in.name + u'\n';
        if (!in.headerNames.isEmpty()) {
            ownLines << heading + one.cli;
        }
        if (!one.curl.isEmpty()) {
            curls << heading + one.curl;
        }
        if (!one.python.isEmpty()) {
            pythons << heading + one.python;
        }
        for (const QString &note : one.notes) {
            if (searchNotes.contains(note)) {
                continue;
            }
            auto it = std::find_if(notes.begin(), notes.end(), [&note](const auto &n) { return n.first == note; });
            if (it == notes.end()) {
                notes.append({ note, { in.name } });
            } else {
                it->second.append(in.name);
            }
        }
    }
    for (const auto &[note, names] : std::as_const(notes)) {
        out.notes.append(names.size() == catalogs.size() ? note : names.join(u", "_s) + u": "_s + note);
    }
    if (!ownLines.isEmpty()) {
        out.cli += u"\n\n"_s + ownLines.join(u"\n\n"_s);
    }
    out.curl = curls.join(u"\n\n"_s);
    out.python = pythons.join(u"\n\n"_s);
    return out;
}

} // namespace StacScope
