#include "src/providers/catalogsource.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace StacScope {

QVariantMap CatalogSource::toSettings() const
{
    QStringList headerNames;
    for (const auto &h : headers) {
        headerNames.append(QString::fromLatin1(h.first));
    }
    return { { u"kind"_s, kind == Kind::StacApi ? u"stac-api"_s : u"static"_s }, { u"name"_s, name },
        { u"location"_s, location }, { u"headerNames"_s, headerNames } };
}

CatalogSource CatalogSource::fromSettings(const QVariantMap &map)
{
    CatalogSource s;
    s.kind = map.value(u"kind"_s).toString() == u"stac-api"_s ? Kind::StacApi : Kind::StaticCatalog;
    s.name = map.value(u"name"_s).toString();
    s.location = map.value(u"location"_s).toString();
    if (s.name.isEmpty()) {
        s.name = s.location;
    }
    return s;
}

CatalogSource CatalogSource::demo()
{
    CatalogSource s;
    s.kind = Kind::StaticCatalog;
    s.name = QCoreApplication::translate("CatalogSource", "Demo catalog (offline)");
    s.location = u":/demo/catalog.json"_s;
    s.builtIn = true;
    return s;
}

CatalogSource CatalogSource::earthSearch()
{
    CatalogSource s;
    s.kind = Kind::StacApi;
    s.name = QCoreApplication::translate("CatalogSource", "Earth Search (Element 84)");
    s.location = u"https://earth-search.aws.element84.com/v1"_s;
    s.builtIn = true;
    return s;
}

} // namespace StacScope
