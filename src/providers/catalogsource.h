#pragma once

#include <QString>
#include <QUrl>
#include <QVariantMap>

#include "src/net/httprequest.h"

namespace StacScope {

// A catalog the user can search: a STAC API or a static catalog (folder, file, URL or the
// embedded demo). Header values may be secrets, so toSettings() keeps only their names.
struct CatalogSource
{
    enum class Kind
    {
        StacApi,
        StaticCatalog
    };

    Kind kind = Kind::StaticCatalog;
    QString name;
    QString location; // landing page URL, or a path / URL of catalog.json
    HttpHeaders headers;
    bool builtIn = false; // the demo and the public catalogs we list by default

    bool isValid() const { return !location.isEmpty(); }
    QString id() const
    {
        return (kind == Kind::StacApi ? QStringLiteral("api:") : QStringLiteral("static:")) + location;
    }

    QVariantMap toSettings() const;
    static CatalogSource fromSettings(const QVariantMap &map);

    static CatalogSource demo();
    static CatalogSource earthSearch();

    friend bool operator==(const CatalogSource &a, const CatalogSource &b) { return a.id() == b.id(); }
};

} // namespace StacScope
