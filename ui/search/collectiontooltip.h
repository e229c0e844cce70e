#pragma once

#include <QString>

#include "src/stac/staccollection.h"

namespace StacScope {

// What a collection is, in a few lines for its tooltip in the search form: title and id, the
// description (first paragraph, cut at a word), the time and area it covers, its licence and who
// provides it. Rich text; every value from the server is escaped.
class CollectionToolTip
{
public:
    static QString html(const StacCollection &collection);
    // The first paragraph, whitespace collapsed, at most `maxChars` (cut at a word, with "…").
    static QString shortDescription(const QString &description, int maxChars = 320);
    // "2015-06-27 to present", "until 2020-01-01"; empty when the collection does not say.
    static QString temporalText(const DateRange &range);
    // "Whole world" or "W 10.50°, S 35.00°, E 30.20°, N 60.00°"; empty when there is none.
    static QString spatialText(const QList<GeoBox> &extent);
    // "ESA (producer, licensor); Element 84 (host)" from the collection's "providers".
    static QString providersText(const QJsonObject &collectionJson);
};

} // namespace StacScope
