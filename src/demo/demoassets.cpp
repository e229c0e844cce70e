#include "src/demo/demoassets.h"

#include <QStringList>

#include "src/demo/demojson.h"
#include "src/demo/demoraster.h"
#include "src/demo/demoscene.h"

using namespace Qt::StringLiterals;

namespace StacScope::DemoAssets {
namespace {

// Far more items than any demo catalog has, few enough that nothing overflows.
constexpr int MaxIndex = 100'000'000;

QByteArray xmlEscaped(const QByteArray &text)
{
    return QString::fromUtf8(text).toHtmlEscaped().toUtf8();
}

QByteArray metadataXml(int index, const DemoCatalog::Scene &scene, const DemoCatalog::Options &options)
{
    using namespace DemoCatalog;
    const Profile &profile = profileOf(scene.kind);
    const auto element = [](const char *name, const QByteArray &value) -> QByteArray {
        return "  <" + QByteArray(name) + '>' + xmlEscaped(value) + "</" + name + ">\n";
    };
    QByteArray out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<!-- Synthetic product made by StacScope for offline use: no satellite took this scene. -->\n"
                     "<ProductMetadata>\n";
    out += element("Identifier", itemId(index, options).toUtf8());
    out += element("Collection", collectionId(index, options).toUtf8());
    out += element("Constellation", profile.constellation);
    out += element("Platform", profile.platforms.at(scene.platform).toUtf8());
    out += element("Instrument", profile.instrument);
    out += element("AcquisitionTime", Json::formatTime(scene.datetimeMs));
    out += element("ProcessingTime", Json::formatTime(scene.createdMs));
    out += "  <Footprint west=\"" + Json::number(scene.west, 6) + "\" south=\"" + Json::number(scene.south, 6)
        + "\" east=\"" + Json::number(scene.east, 6) + "\" north=\"" + Json::number(scene.north, 6) + "\"/>\n";
    out += element("GroundSampleDistance", Json::number(scene.gsd, 2));
    out += element("OffNadirAngle", Json::number(scene.offNadir, 2));
    out += element("OrbitDirection", scene.ascending ? "ascending" : "descending");
    out += element("AbsoluteOrbit", QByteArray::number(scene.absoluteOrbit));
    if (scene.kind == Kind::Sar) {
        out += element("InstrumentMode", sarMode(scene.sarMode).name);
        out += element("Polarizations", scene.polarizations.join(' '));
        out += element("IncidenceAngle", Json::number(scene.incidenceAngle, 2));
    } else {
        out += element("CloudCover", Json::number(scene.cloudCover, 2));
        out += element("SunElevation", Json::number(scene.sunElevation, 2));
    }
    return out + "</ProductMetadata>\n";
}

} // namespace

QByteArray baseUrl()
{
    return "https://" + QByteArray(Host) + '/';
}

QByteArray fileName(const QByteArray &key)
{
    return key + (key == "metadata" ? ".xml" : ".tif");
}

std::optional<File> file(int index, const QByteArray &key, const DemoCatalog::Options &options)
{
    using namespace DemoCatalog;
    if (index < 0 || index >= MaxIndex || options.collections.isEmpty())
        return std::nullopt;
    const Scene scene = makeScene(index, options);
    const QByteArray id = itemId(index, options).toUtf8();
    const auto tiff
        = [&scene](const Raster &raster) { return geoTiff(raster, scene.west, scene.south, scene.east, scene.north); };
    File out;
    out.lastModifiedMs = scene.updatedMs;
    out.mediaType = "image/tiff; application=geotiff";
    if (key == "metadata") {
        out.bytes = metadataXml(index, scene, options);
        out.mediaType = "application/xml";
    } else if (scene.kind == Kind::Sar) {
        if (!scene.polarizations.contains(key))
            return std::nullopt;
        out.bytes = tiff(sarRaster(scene, id, key));
    } else if (key == "visual") {
        out.bytes = tiff(visualRaster(scene, id));
    } else if (key == "analytic") {
        out.bytes = tiff(analyticRaster(scene, id));
    } else {
        return std::nullopt;
    }
    return out;
}

std::optional<File> fileAt(const QUrl &url, const DemoCatalog::Options &options)
{
    if (url.scheme() != u"https"_s || url.host() != QLatin1StringView(Host) || url.port(443) != 443
        || !url.userInfo().isEmpty())
        return std::nullopt;
    const QStringList parts = url.path().split(u'/');
    if (parts.size() != 4 || !parts.at(0).isEmpty())
        return std::nullopt;
    const QString &collection = parts.at(1);
    const QString &id = parts.at(2);
    const QString &name = parts.at(3);
    // "<collection>-<index>": the index is the digits after the last '-'.
    const qsizetype dash = id.lastIndexOf(u'-');
    bool ok = false;
    const int index = dash > 0 ? id.mid(dash + 1).toInt(&ok) : -1;
    if (!ok || index < 0 || index >= MaxIndex || DemoCatalog::itemId(index, options) != id
        || DemoCatalog::collectionId(index, options) != collection)
        return std::nullopt;
    const qsizetype dot = name.lastIndexOf(u'.');
    const QByteArray key = name.left(dot).toUtf8();
    if (dot <= 0 || fileName(key) != name.toUtf8())
        return std::nullopt;
    return file(index, key, options);
}

} // namespace StacScope::DemoAssets
