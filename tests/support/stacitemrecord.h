#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "src/geo/geobox.h"

namespace StacScope {

// One item as the emulator keeps it: what search and paging need, extracted once at load time,
// and the item's bytes ready to be concatenated into pages. The properties object from loading
// is kept (filters and sorts read it); the full object is parsed again only for a filter on
// "geometry"/"bbox", and then cached.
struct StacItemRecord
{
    // Placeholder written into stored bytes where the per-request base URL goes (used for asset
    // hrefs that pointed at files next to the loaded JSON).
    static constexpr QByteArrayView BaseUrlMarker = "@@STACSCOPE_BASE_URL@@";

    QString id;
    QString collection; // empty when the item has none
    QByteArray head; // compact JSON without "links" and without the closing '}'
    QByteArray extraLinks; // links kept from the source (not self/root/parent/collection), comma separated
    QByteArray selfPath; // "/collections/<c>/items/<id>", percent-encoded; empty without collection
    QByteArray collectionPath; // "/collections/<c>"
    bool hasBaseUrlMarker = false;
    QList<GeoBox> boxes; // from "bbox" (authoritative, may cross the antimeridian) or the geometry
    bool hasTime = false;
    qint64 startMs = 0; // datetime, or start_datetime when a range is given
    qint64 endMs = 0;
    QJsonObject properties;

    // The item without its links.
    QJsonObject object() const;
    // Value of a queryable: "id", "collection", "geometry", "bbox", or a property name with or
    // without the "properties." prefix; undefined when missing.
    QJsonValue queryable(const QString &name) const;
    void dropCachedObject() const { m_object.reset(); }

    static std::optional<StacItemRecord> fromJson(const QJsonObject &item, QString *error);

private:
    mutable std::optional<QJsonObject> m_object;
};

} // namespace StacScope
