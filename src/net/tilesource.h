#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>

#include "src/geo/tilemath.h"

namespace StacScope {

// An XYZ tile service described by a URL template: {z}, {x}, {y} and optionally {s}, which
// rotates through `subdomains`. Built-in sources carry the attribution and connection limit their
// operators ask for; user-defined ones are validated with validateTemplate().
struct TileSource
{
    QString id;
    QString name;
    QString urlTemplate;
    QStringList subdomains;
    QString attribution;
    int maxZoom = TileMath::kMaxZoom;
    // Parallel requests per host; the OpenStreetMap tile policy asks for at most 2.
    int maxConnectionsPerHost = 2;
    bool builtIn = false;

    bool isValid() const { return !id.isEmpty() && validateTemplate(urlTemplate).isEmpty(); }
    QUrl tileUrl(const TileKey &key) const;

    static TileSource openStreetMap();
    static TileSource esriWorldImagery();
    static TileSource openTopoMap();
    static QList<TileSource> builtIns();
    // A user-defined source; its id is derived from the template so that it is stable.
    static TileSource userDefined(const QString &name, const QString &urlTemplate, const QString &attribution);

    // Empty when `urlTemplate` is usable, otherwise a message for the user.
    static QString validateTemplate(const QString &urlTemplate);

    QVariantMap toSettings() const;
    static TileSource fromSettings(const QVariantMap &map);

    friend bool operator==(const TileSource &, const TileSource &) = default;
};

} // namespace StacScope
