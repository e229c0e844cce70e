#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include "src/geo/geobox.h"
#include "src/stac/datetime.h"
#include "src/stac/staclink.h"

namespace StacScope {

// A STAC Collection (0.9 to 1.1): the fields the search form and details show; the whole
// object is kept in `json` so extensions and summaries are not lost.
struct StacCollection
{
    QString id;
    QString title;
    QString description;
    QString license;
    QStringList keywords;
    QList<GeoBox> spatialExtent; // first is the overall extent
    DateRange temporalExtent; // open ends when the interval is open
    QJsonObject summaries;
    StacLinks links;
    QJsonObject json;

    QString displayName() const { return title.isEmpty() ? id : title; }

    static std::optional<StacCollection> fromJson(const QJsonObject &object, QString *error = nullptr);
};

using StacCollections = QList<StacCollection>;

} // namespace StacScope
