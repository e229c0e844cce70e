#include "src/demo/democatalog_p.h"

using namespace Qt::StringLiterals;

namespace StacScope::DemoCatalog {
namespace {

using Json::appendLink;
using Json::field;
using Json::rawField;

const char *const ServedFiles = "the data files are small synthetic GeoTIFFs that StacScope serves itself, so "
                                "downloads work with no network.";

struct Texts
{
    const char *title;
    const char *description;
    const char *keywords;
};

Texts textsOf(Kind kind)
{
    switch (kind) {
    case Kind::Sar:
        return { "DemoSAR X-band radar (synthetic)",
            "X-band synthetic aperture radar scenes from the three DemoSAR satellites in a dawn-dusk "
            "sun-synchronous orbit, 2021-2024: 1 m spotlight, 3 m stripmap and 16 m ScanSAR, single or dual "
            "polarisation, on ascending and descending passes, right-looking at 20 to 45 degrees of incidence. "
            "Synthetic data made by StacScope for offline use: footprints, dates and metadata are plausible, the "
            "data files do not exist.",
            "[\"synthetic\",\"demo\",\"sar\",\"radar\",\"x-band\"]" };
    case Kind::Archive:
        return { "ArchiveSat 0.5 m archive (synthetic)",
            "Very-high-resolution optical archive, 2015-2021: pan-sharpened four-band scenes at 0.5 m (up to "
            "0.62 m when pointed 30 degrees off nadir) from the three ArchiveSat satellites, in short strips along "
            "a 10:30 descending-node sun-synchronous orbit. Synthetic data made by StacScope for offline use: "
            "footprints, dates and metadata are plausible, the data files do not exist.",
            "[\"synthetic\",\"demo\",\"optical\",\"very high resolution\",\"archive\"]" };
    case Kind::Optical:
        break;
    }
    return { "Demosat 10 m multispectral (synthetic)",
        "Six-band 10 m multispectral scenes (visible, red edge, near and short-wave infrared) from the four "
        "Demosat satellites, 77 km frames along a 10:30 descending-node sun-synchronous orbit, 2020-2024. "
        "Synthetic data made by StacScope for offline use: footprints, dates and metadata are plausible, the "
        "data files do not exist.",
        "[\"synthetic\",\"demo\",\"optical\",\"multispectral\"]" };
}

QByteArray summariesJson(Kind kind)
{
    const Profile &profile = profileOf(kind);
    const auto range = [](double low, double high, int decimals) -> QByteArray {
        return "{\"minimum\":" + Json::number(low, decimals) + ",\"maximum\":" + Json::number(high, decimals) + '}';
    };
    QByteArray out = "{";
    rawField(out, "platform", Json::stringArray(profile.platforms), true);
    rawField(out, "constellation", "[\"" + QByteArray(profile.constellation) + "\"]");
    rawField(out, "instruments", "[\"" + QByteArray(profile.instrument) + "\"]");
    if (kind == Kind::Sar) {
        QByteArray modes = "[";
        QByteArray gsds = "[";
        for (int i = 0; i < SarModeCount; ++i) {
            modes += (i > 0 ? ",\"" : "\"") + QByteArray(sarMode(i).name) + '"';
            gsds += (i > 0 ? "," : "") + Json::number(sarMode(i).resolutionM, 1);
        }
        rawField(out, "gsd", gsds + ']');
        rawField(out, "view:incidence_angle", range(20, 45, 0));
        rawField(out, "sar:instrument_mode", modes + ']');
        rawField(out, "sar:frequency_band", "[\"X\"]");
        rawField(out, "sar:center_frequency", "[9.65]");
        rawField(out, "sar:polarizations", "[\"HH\",\"HV\",\"VV\",\"VH\"]");
        rawField(out, "sar:product_type", "[\"GEC\",\"GRD\"]");
        rawField(out, "sar:observation_direction", "[\"right\"]");
        rawField(out, "sat:orbit_state", "[\"ascending\",\"descending\"]");
    } else {
        rawField(out, "gsd", range(profile.minGsd, profile.maxGsd, 2));
        rawField(out, "eo:cloud_cover", range(0, 100, 0));
        rawField(out, "view:off_nadir", range(profile.minOffNadir, profile.maxOffNadir, 0));
        rawField(out, "view:sun_elevation", range(0, 90, 0));
        rawField(out, "eo:bands", bandsJson(kind, false));
        rawField(out, "sat:orbit_state", "[\"descending\"]");
    }
    return out + '}';
}

QByteArray itemAssetsJson(Kind kind)
{
    const auto asset
        = [](const char *type, const QByteArray &title, const char *role, const QByteArray &extra = {}) -> QByteArray {
        return "{\"type\":\"" + QByteArray(type) + "\",\"title\":\"" + title + "\",\"roles\":[\"" + role + "\"]" + extra
            + '}';
    };
    QByteArray out = "{";
    rawField(out, "thumbnail", asset("image/png", "Thumbnail", "thumbnail"), true);
    if (kind == Kind::Sar) {
        for (const char *const polarization : { "HH", "HV", "VV", "VH" })
            rawField(out, polarization, asset(CogType, polarization + QByteArray(" amplitude (geocoded)"), "data"));
    } else {
        rawField(out, "visual",
            asset(CogType, "True colour image (8 bit)", "visual", ",\"eo:bands\":" + bandsJson(kind, true)));
        rawField(out, "analytic",
            asset(CogType, "Surface reflectance (16 bit)", "data", ",\"eo:bands\":" + bandsJson(kind, false)));
    }
    rawField(out, "metadata", asset("application/xml", "Product metadata", "metadata"));
    return out + '}';
}

bool isDefaultId(const QString &id)
{
    return Options().collections.contains(id);
}

} // namespace

QByteArray wholeExtentJson(Kind kind)
{
    const Profile &profile = profileOf(kind);
    return "{\"spatial\":{\"bbox\":[[-180,-90,180,90]]},\"temporal\":{\"interval\":[[\""
        + Json::formatTime((profile.firstDay - 1) * MsPerDay) + "\",\""
        + Json::formatTime((profile.firstDay + profile.dayCount + 1) * MsPerDay) + "\"]]}}";
}

QByteArray collectionJson(
    const QString &id, const Options &options, Layout layout, const QByteArray &extent, const QByteArrayList &itemLinks)
{
    const Kind kind = kindOf(id);
    const Texts texts = textsOf(kind);

    QByteArray out;
    out += '{';
    field(out, "type", "Collection", true);
    field(out, "stac_version", "1.0.0");
    rawField(out, "stac_extensions",
        "[\"https://stac-extensions.github.io/item-assets/v1.0.0/schema.json\","
            + QByteArray(kind == Kind::Sar ? "\"https://stac-extensions.github.io/sar/v1.0.0/schema.json\","
                                           : "\"https://stac-extensions.github.io/eo/v1.1.0/schema.json\",")
            + "\"https://stac-extensions.github.io/view/v1.0.0/schema.json\","
              "\"https://stac-extensions.github.io/sat/v1.0.0/schema.json\"]");
    field(out, "id", id.toUtf8());
    field(out, "title", isDefaultId(id) ? QByteArray(texts.title) : QByteArray(id.toUtf8() + " (synthetic)"));
    QByteArray description = texts.description;
    if (layout == Layout::Static)
        description.replace("the data files do not exist.", ServedFiles);
    field(out, "description", description);
    field(out, "license", "CC0-1.0");
    rawField(out, "keywords", texts.keywords);
    rawField(out, "providers",
        "[{\"name\":\"StacScope demo (synthetic)\",\"description\":\"Generated by StacScope; no satellite took "
        "these "
        "scenes.\",\"roles\":[\"producer\",\"processor\",\"host\"],\"url\":\"https://demo.stacscope.invalid/\"}]");
    rawField(out, "extent", extent);
    rawField(out, "summaries", summariesJson(kind));
    rawField(out, "item_assets", itemAssetsJson(kind));

    out += ",\"links\":[";
    if (layout == Layout::Api) {
        const QByteArray base = normalizedBase(options);
        const QByteArray url = base + "collections/" + id.toUtf8();
        appendLink(out, true, "self", url, JsonType);
        appendLink(out, false, "root", base, JsonType);
        appendLink(out, false, "parent", base, JsonType);
        appendLink(out, false, "items", url + "/items", GeoJsonType);
        appendLink(out, false, "http://www.opengis.net/def/rel/ogc/1.0/queryables", url + "/queryables",
            "application/schema+json");
    } else {
        appendLink(out, true, "root", "../catalog.json", JsonType);
        appendLink(out, false, "parent", "../catalog.json", JsonType);
        for (const QByteArray &item : itemLinks)
            appendLink(out, false, "item", "./items/" + item + ".json", GeoJsonType);
    }
    out += "]}";
    return out;
}

QByteArray catalogJson(const Options &options, int itemCount)
{
    QByteArray out = "{";
    field(out, "type", "Catalog", true);
    field(out, "stac_version", "1.0.0");
    field(out, "id", "stacscope-demo");
    field(out, "title", "StacScope demo catalog");
    field(out, "description",
        QByteArray::number(itemCount) + " synthetic satellite scenes in "
            + QByteArray::number(options.collections.size())
            + " collections, shipped with StacScope so that it can be explored with no network. Footprints follow "
              "sun-synchronous ground tracks; dates and properties are plausible; "
            + QByteArray(ServedFiles));
    out += ",\"links\":[";
    appendLink(out, true, "root", "./catalog.json", JsonType);
    for (const QString &id : options.collections) {
        out += ",{";
        field(out, "rel", "child", true);
        field(out, "href", "./" + id.toUtf8() + "/collection.json");
        field(out, "type", JsonType);
        field(out, "title", isDefaultId(id) ? QByteArray(textsOf(kindOf(id)).title) : id.toUtf8());
        out += '}';
    }
    out += "]}";
    return out;
}

} // namespace StacScope::DemoCatalog
