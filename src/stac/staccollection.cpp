#include "src/stac/staccollection.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace StacScope {

std::optional<StacCollection> StacCollection::fromJson(const QJsonObject &o, QString *error)
{
    const QJsonValue id = o.value(u"id"_s);
    if (!id.isString() || id.toString().isEmpty()) {
        if (error) {
            *error = id.isUndefined() ? u"collection has no \"id\""_s : u"collection \"id\" is not a string"_s;
        }
        return std::nullopt;
    }
    StacCollection c;
    c.id = id.toString();
    c.title = o.value(u"title"_s).toString();
    c.description = o.value(u"description"_s).toString();
    c.license = o.value(u"license"_s).toString();
    for (const QJsonValue &k : o.value(u"keywords"_s).toArray()) {
        c.keywords.append(k.toString());
    }
    const QJsonObject extent = o.value(u"extent"_s).toObject();
    const QJsonValue spatial = extent.value(u"spatial"_s);
    // 1.0: {"spatial": {"bbox": [[...], ...]}}; 0.6-0.9 also wrote {"spatial": [w, s, e, n]}.
    QJsonArray boxes = spatial.isArray() ? QJsonArray { spatial } : spatial.toObject().value(u"bbox"_s).toArray();
    if (!boxes.isEmpty() && boxes.first().isDouble()) {
        boxes = QJsonArray { QJsonValue(boxes) };
    }
    for (const QJsonValue &b : boxes) {
        if (const auto box = GeoBox::fromJson(b.toArray())) {
            c.spatialExtent.append(*box);
        }
    }
    const QJsonValue temporal = extent.value(u"temporal"_s);
    QJsonArray intervals
        = temporal.isArray() ? QJsonArray { temporal } : temporal.toObject().value(u"interval"_s).toArray();
    if (!intervals.isEmpty() && !intervals.first().isArray()) {
        intervals = QJsonArray { QJsonValue(intervals) };
    }
    if (!intervals.isEmpty()) {
        const QJsonArray first = intervals.first().toArray();
        if (first.size() == 2) {
            if (first.at(0).isString()) {
                c.temporalExtent.start = Rfc3339::parse(first.at(0).toString());
            }
            if (first.at(1).isString()) {
                c.temporalExtent.end = Rfc3339::parse(first.at(1).toString());
            }
        }
    }
    c.summaries = o.value(u"summaries"_s).toObject();
    c.links = parseLinks(o.value(u"links"_s));
    c.json = o;
    return c;
}

} // namespace StacScope
