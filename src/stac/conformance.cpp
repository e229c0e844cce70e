#include "src/stac/conformance.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace StacScope {

Conformance::Conformance(const QStringList &uris)
    : m_uris(uris)
{
    for (const QString &uri : uris) {
        m_keys.insert(normalize(uri));
    }
}

QString Conformance::normalize(const QString &uri)
{
    QString s = uri.trimmed();
    s.remove(QRegularExpression(u"^https?://"_s));
    // Version path segments: "/v1.0.0/", "/v1.0.0-rc.1/", "/1.0/".
    static const QRegularExpression version(u"/v?\\d+(\\.\\d+)*(-[A-Za-z0-9.]+)?(?=/|#|$)"_s);
    s.remove(version);
    while (s.endsWith(u'/')) {
        s.chop(1);
    }
    return s.toLower();
}

bool Conformance::hasPrefix(const QString &keyPrefix) const
{
    for (const QString &k : m_keys) {
        if (k.startsWith(keyPrefix)) {
            return true;
        }
    }
    return false;
}

bool Conformance::itemSearch() const
{
    return has(u"api.stacspec.org/item-search"_s);
}

bool Conformance::collections() const
{
    return has(u"api.stacspec.org/collections"_s) || has(u"api.stacspec.org/ogcapi-features"_s);
}

bool Conformance::features() const
{
    return has(u"api.stacspec.org/ogcapi-features"_s);
}

bool Conformance::filter() const
{
    // "item-search#filter" and rc fragments such as "item-search#filter:cql-text".
    return hasPrefix(u"api.stacspec.org/item-search#filter"_s)
        || has(u"www.opengis.net/spec/ogcapi-features-3/conf/filter"_s);
}

bool Conformance::cql2Json() const
{
    return has(u"www.opengis.net/spec/cql2/conf/cql2-json"_s) || has(u"api.stacspec.org/item-search#filter:cql-json"_s);
}

bool Conformance::cql2Text() const
{
    return has(u"www.opengis.net/spec/cql2/conf/cql2-text"_s) || has(u"api.stacspec.org/item-search#filter:cql-text"_s);
}

bool Conformance::sort() const
{
    return has(u"api.stacspec.org/item-search#sort"_s);
}

bool Conformance::fields() const
{
    return has(u"api.stacspec.org/item-search#fields"_s);
}

bool Conformance::query() const
{
    return has(u"api.stacspec.org/item-search#query"_s);
}

} // namespace StacScope
