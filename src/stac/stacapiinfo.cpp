#include "src/stac/stacapiinfo.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace StacScope {

QUrl StacApiInfo::collectionsUrl() const
{
    if (const StacLink *l = findLink(links, u"data")) {
        return l->resolved(url);
    }
    return {};
}

QUrl StacApiInfo::queryablesUrl() const
{
    for (const auto &rel : { u"http://www.opengis.net/def/rel/ogc/1.0/queryables"_s, u"queryables"_s }) {
        if (const StacLink *l = findLink(links, rel)) {
            return l->resolved(url);
        }
    }
    return {};
}

QUrl StacApiInfo::conformanceUrl() const
{
    if (const StacLink *l = findLink(links, u"conformance")) {
        return l->resolved(url);
    }
    return {};
}

QUrl StacApiInfo::searchUrl(QStringView method) const
{
    if (const StacLink *l = findLink(links, u"search", method)) {
        return l->resolved(url);
    }
    return {};
}

QString StacApiInfo::preferredSearchMethod() const
{
    if (supportsSearch(u"POST")) {
        return u"POST"_s;
    }
    return u"GET"_s;
}

std::optional<StacApiInfo> StacApiInfo::fromJson(const QJsonObject &landing, const QUrl &url, QString *error)
{
    const QJsonValue links = landing.value(u"links"_s);
    if (!links.isArray()) {
        if (error) {
            *error = u"not a STAC API landing page (no \"links\" array)"_s;
        }
        return std::nullopt;
    }
    StacApiInfo info;
    info.url = url;
    info.id = landing.value(u"id"_s).toString();
    info.title = landing.value(u"title"_s).toString();
    info.description = landing.value(u"description"_s).toString();
    info.stacVersion = landing.value(u"stac_version"_s).toString();
    QStringList uris;
    for (const QJsonValue &v : landing.value(u"conformsTo"_s).toArray()) {
        uris.append(v.toString());
    }
    info.conformance = Conformance(uris);
    info.links = parseLinks(links);
    return info;
}

} // namespace StacScope
