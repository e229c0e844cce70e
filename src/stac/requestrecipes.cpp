#include "src/stac/requestrecipes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

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

RequestRecipes makeRequestRecipes(const RequestRecipeInput &in)
{
    RequestRecipes out;
    const SearchParameters &p = in.parameters;
    using Kind = RequestRecipeInput::Kind;

    // stacscope-cli: the same search, signed in by the CLI when it is an account's.
    QStringList cli { u"stacscope-cli"_s, u"search"_s };
    if (in.kind == Kind::Account) {
        cli << u"--account"_s << shellQuoted(in.account);
    } else if (in.kind == Kind::StacApi) {
        cli << u"--api"_s << shellQuoted(in.location);
    } else {
        cli << u"--catalog"_s << shellQuoted(in.location);
    }
    if (!p.collections.isEmpty()) {
        cli << u"--collections"_s << shellQuoted(p.collections.join(u','));
    }
    if (p.bbox) {
        cli << u"--bbox"_s << shellQuoted(bboxText(*p.bbox));
    }
    if (p.intersects) {
        cli << u"--intersects"_s << u"aoi.geojson"_s;
        out.notes.append(tr("The area is a geometry: save it as aoi.geojson first (Areas of interest > Export...)."));
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
    if (in.maxItems > 0) {
        cli << u"--max-items"_s << QString::number(in.maxItems);
    }
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

    // curl: the POST item search, the body as StacScope sends it.
    QStringList curl { u"curl -sS -X POST"_s, shellQuoted(searchUrl(in.location)),
        u"-H 'Content-Type: application/json'"_s };
    for (const QString &name : in.headerNames) {
        curl << u"-H \"%1: $%2\""_s.arg(name, headerEnvironmentVariable(name));
    }
    QJsonObject body = p.toPostBody();
    curl << u"--data"_s << shellQuoted(compactJson(body));
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
    if (!p.filter.isEmpty()) {
        args << u"filter="_s + pyValue(p.filter) << u"filter_lang=\"cql2-json\""_s;
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
    py << u"search = client.search("_s;
    for (const QString &a : args) {
        py << u"    "_s + a + u',';
    }
    py << u")"_s << u"for item in search.items():"_s << u"    print(item.id)"_s;
    out.python = py.join(u'\n');
    return out;
}

} // namespace StacScope
