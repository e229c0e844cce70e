#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace StacScope {

// The conformance classes a STAC API declares, matched by what they mean rather than by exact
// URI: scheme (http/https) and version segments (v1.0.0, v1.0.0-rc.1, 1.0) are ignored, so
// servers still advertising release-candidate URIs are understood.
class Conformance
{
public:
    Conformance() = default;
    explicit Conformance(const QStringList &uris);

    const QStringList &uris() const { return m_uris; }
    // `key` is a normalised URI such as "api.stacspec.org/item-search#filter".
    bool has(const QString &key) const { return m_keys.contains(key); }
    bool hasPrefix(const QString &keyPrefix) const;

    bool itemSearch() const;
    bool collections() const;
    bool features() const;
    bool filter() const;
    bool cql2Json() const;
    bool cql2Text() const;
    bool sort() const;
    bool fields() const;
    bool query() const;

    // "https://api.stacspec.org/v1.0.0-rc.1/item-search#filter" -> "api.stacspec.org/item-search#filter"
    static QString normalize(const QString &uri);

private:
    QStringList m_uris;
    QSet<QString> m_keys;
};

} // namespace StacScope
