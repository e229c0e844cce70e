#include "src/stac/staclink.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace StacScope {

QUrl StacLink::resolved(const QUrl &base) const
{
    const QUrl url(href);
    return base.isEmpty() ? url : base.resolved(url);
}

StacLink StacLink::fromJson(const QJsonObject &object)
{
    StacLink link;
    link.rel = object.value(u"rel"_s).toString();
    link.href = object.value(u"href"_s).toString();
    link.type = object.value(u"type"_s).toString();
    link.title = object.value(u"title"_s).toString();
    link.method = object.value(u"method"_s).toString().toUpper();
    const QJsonValue body = object.value(u"body"_s);
    link.hasBody = body.isObject();
    link.body = body.toObject();
    link.merge = object.value(u"merge"_s).toBool(false);
    const QJsonObject headers = object.value(u"headers"_s).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        // A header may be given as an array of values; HTTP joins those with commas.
        if (it.value().isArray()) {
            QStringList values;
            for (const QJsonValue &v : it.value().toArray()) {
                values.append(v.toString());
            }
            link.headers.insert(it.key(), values.join(u", "_s));
        } else {
            link.headers.insert(it.key(), it.value().toString());
        }
    }
    return link;
}

QJsonObject StacLink::toJson() const
{
    QJsonObject o { { u"rel"_s, rel }, { u"href"_s, href } };
    if (!type.isEmpty()) {
        o.insert(u"type"_s, type);
    }
    if (!title.isEmpty()) {
        o.insert(u"title"_s, title);
    }
    if (!method.isEmpty()) {
        o.insert(u"method"_s, method);
    }
    if (hasBody) {
        o.insert(u"body"_s, body);
    }
    if (merge) {
        o.insert(u"merge"_s, true);
    }
    if (!headers.isEmpty()) {
        QJsonObject h;
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            h.insert(it.key(), it.value());
        }
        o.insert(u"headers"_s, h);
    }
    return o;
}

StacLinks parseLinks(const QJsonValue &value)
{
    StacLinks links;
    for (const QJsonValue &v : value.toArray()) {
        if (v.isObject()) {
            StacLink link = StacLink::fromJson(v.toObject());
            if (!link.href.isEmpty()) {
                links.append(std::move(link));
            }
        }
    }
    return links;
}

const StacLink *findLink(const StacLinks &links, QStringView rel, QStringView method)
{
    for (const StacLink &link : links) {
        if (link.rel != rel) {
            continue;
        }
        // A link without a method is a GET link (STAC API default).
        if (method.isEmpty() || (link.method.isEmpty() ? method == u"GET" : link.method == method)) {
            return &link;
        }
    }
    return nullptr;
}

} // namespace StacScope
