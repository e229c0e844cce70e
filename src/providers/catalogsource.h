#pragma once

#include <QString>
#include <QUrl>
#include <QVariantMap>

#include "src/net/httprequest.h"

namespace StacScope {

// A catalog the user can search: a STAC API or a static catalog (folder, file, URL or the
// embedded demo), maybe an account's. `headers` only carry what the user typed for an ad-hoc
// catalog to the CredentialRouter (session only); toSettings() keeps their names, never values.
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
    QString accountId; // an account's catalog (its credentials are bound by its session)
    // The Provider that opens it; empty: "stac-api" or "static" by kind.
    QString provider;
    QString providerId() const
    {
        return !provider.isEmpty()  ? provider
            : kind == Kind::StacApi ? QStringLiteral("stac-api")
                                    : QStringLiteral("static");
    }

    bool isValid() const { return !location.isEmpty(); }
    QString id() const
    {
        const QString base = (kind == Kind::StacApi ? QStringLiteral("api:") : QStringLiteral("static:")) + location;
        return accountId.isEmpty() ? base : QStringLiteral("account:") + accountId + u':' + base;
    }

    QVariantMap toSettings() const;
    static CatalogSource fromSettings(const QVariantMap &map);

    static CatalogSource demo();
    static CatalogSource earthSearch();

    friend bool operator==(const CatalogSource &a, const CatalogSource &b) { return a.id() == b.id(); }
};

} // namespace StacScope
