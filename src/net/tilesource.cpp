#include "src/net/tilesource.h"

#include <algorithm>

#include <QCoreApplication>
#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::TileSource", text);
}

// The template with every placeholder filled, so it can be parsed as a URL.
QString expand(const QString &urlTemplate, const TileKey &key, const QString &subdomain)
{
    QString url = urlTemplate;
    url.replace(u"{z}"_s, QString::number(key.z));
    url.replace(u"{x}"_s, QString::number(key.x));
    url.replace(u"{y}"_s, QString::number(key.y));
    url.replace(u"{s}"_s, subdomain);
    return url;
}

} // namespace

QUrl TileSource::tileUrl(const TileKey &key) const
{
    QString subdomain;
    if (!subdomains.isEmpty()) {
        // Fixed per tile, so a tile always comes from (and is cached under) the same URL.
        subdomain = subdomains.at(qsizetype((qint64(key.x) + key.y) % subdomains.size()));
    }
    return QUrl(expand(urlTemplate, key, subdomain), QUrl::StrictMode);
}

TileSource TileSource::openStreetMap()
{
    TileSource s;
    s.id = u"osm"_s;
    s.name = u"OpenStreetMap"_s;
    s.urlTemplate = u"https://tile.openstreetmap.org/{z}/{x}/{y}.png"_s;
    s.attribution = u"© OpenStreetMap contributors"_s;
    s.maxZoom = 19;
    s.maxConnectionsPerHost = 2;
    s.builtIn = true;
    return s;
}

TileSource TileSource::esriWorldImagery()
{
    TileSource s;
    s.id = u"esri-world-imagery"_s;
    s.name = u"Esri World Imagery"_s;
    // Esri orders the path z/y/x.
    s.urlTemplate = u"https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}"_s;
    s.attribution = u"Tiles © Esri — Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community"_s;
    s.maxZoom = 19;
    s.maxConnectionsPerHost = 4;
    s.builtIn = true;
    return s;
}

TileSource TileSource::openTopoMap()
{
    TileSource s;
    s.id = u"opentopomap"_s;
    s.name = u"OpenTopoMap"_s;
    s.urlTemplate = u"https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png"_s;
    s.subdomains = { u"a"_s, u"b"_s, u"c"_s };
    s.attribution = u"Map data: © OpenStreetMap contributors, SRTM | Map style: © OpenTopoMap (CC-BY-SA)"_s;
    s.maxZoom = 17;
    s.maxConnectionsPerHost = 2;
    s.builtIn = true;
    return s;
}

QList<TileSource> TileSource::builtIns()
{
    return { openStreetMap(), esriWorldImagery(), openTopoMap() };
}

TileSource TileSource::userDefined(const QString &name, const QString &urlTemplate, const QString &attribution)
{
    TileSource s;
    const QByteArray hash = QCryptographicHash::hash(urlTemplate.trimmed().toUtf8(), QCryptographicHash::Sha1);
    s.id = u"user-"_s + QString::fromLatin1(hash.toHex().left(12));
    s.name = name.trimmed();
    s.urlTemplate = urlTemplate.trimmed();
    s.attribution = attribution.trimmed();
    if (s.urlTemplate.contains(u"{s}"_s)) {
        s.subdomains = { u"a"_s, u"b"_s, u"c"_s };
    }
    return s;
}

QString TileSource::validateTemplate(const QString &urlTemplate)
{
    const QString t = urlTemplate.trimmed();
    if (t.isEmpty()) {
        return tr("Enter a URL template such as https://tile.example.org/{z}/{x}/{y}.png.");
    }
    QStringList missing;
    for (const QString &p : { u"{z}"_s, u"{x}"_s, u"{y}"_s }) {
        if (!t.contains(p)) {
            missing.append(p);
        }
    }
    if (!missing.isEmpty()) {
        return tr("The template must contain %1.").arg(missing.join(u", "_s));
    }
    const QUrl url(expand(t, { 0, 0, 0 }, u"a"_s), QUrl::StrictMode);
    if (!url.isValid()) {
        return tr("This is not a valid URL: %1").arg(url.errorString());
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http"_s && scheme != u"https"_s) {
        return tr("Only http:// and https:// tile servers are supported.");
    }
    if (url.host().isEmpty()) {
        return tr("The URL has no host name.");
    }
    return {};
}

QVariantMap TileSource::toSettings() const
{
    return {
        { u"id"_s, id },
        { u"name"_s, name },
        { u"url"_s, urlTemplate },
        { u"subdomains"_s, subdomains },
        { u"attribution"_s, attribution },
        { u"maxZoom"_s, maxZoom },
        { u"maxConnectionsPerHost"_s, maxConnectionsPerHost },
    };
}

TileSource TileSource::fromSettings(const QVariantMap &map)
{
    TileSource s;
    s.id = map.value(u"id"_s).toString();
    s.name = map.value(u"name"_s).toString();
    s.urlTemplate = map.value(u"url"_s).toString();
    s.subdomains = map.value(u"subdomains"_s).toStringList();
    s.attribution = map.value(u"attribution"_s).toString();
    s.maxZoom = std::clamp(map.value(u"maxZoom"_s, TileMath::kMaxZoom).toInt(), 0, TileMath::kMaxZoom);
    s.maxConnectionsPerHost = std::clamp(map.value(u"maxConnectionsPerHost"_s, 2).toInt(), 1, 6);
    return s;
}

} // namespace StacScope
