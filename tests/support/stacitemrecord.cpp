#include "tests/support/stacitemrecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include "tests/support/geometryboxes.h"
#include "tests/support/stacsearchquery.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QJsonObject StacItemRecord::object() const
{
    if (!m_object) {
        const QJsonDocument document = QJsonDocument::fromJson(head + '}');
        m_object = document.object();
    }
    return *m_object;
}

QJsonValue StacItemRecord::queryable(const QString &name) const
{
    if (name == "id"_L1)
        return id;
    if (name == "collection"_L1)
        return collection.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(collection);
    if (name == "geometry"_L1 || name == "bbox"_L1)
        return object().value(name);
    return properties.value(name.startsWith("properties."_L1) ? name.mid(11) : name);
}

std::optional<StacItemRecord> StacItemRecord::fromJson(const QJsonObject &source, QString *error)
{
    const QString type = source.value("type"_L1).toString();
    if (!type.isEmpty() && type != "Feature"_L1) {
        *error = u"not a Feature (type '%1')"_s.arg(type);
        return std::nullopt;
    }
    StacItemRecord record;
    record.id = source.value("id"_L1).toString();
    if (record.id.isEmpty()) {
        *error = u"item without an id"_s;
        return std::nullopt;
    }
    record.collection = source.value("collection"_L1).toString();
    if (!record.collection.isEmpty()) {
        record.collectionPath = "/collections/" + QUrl::toPercentEncoding(record.collection);
        record.selfPath = record.collectionPath + "/items/" + QUrl::toPercentEncoding(record.id);
    }

    const QJsonArray bbox = source.value("bbox"_L1).toArray();
    QList<GeoBox> boxes;
    if (!bbox.isEmpty() && GeometryBoxes::fromGeometry(QJsonObject { { "bbox"_L1, bbox } }, &boxes)) {
        record.boxes = boxes;
    } else if (source.value("geometry"_L1).isObject()) {
        QString geometryError;
        if (!GeometryBoxes::fromGeometry(source.value("geometry"_L1).toObject(), &record.boxes, &geometryError)) {
            *error = u"item '%1': %2"_s.arg(record.id, geometryError);
            return std::nullopt;
        }
    }

    record.properties = source.value("properties"_L1).toObject();
    const QJsonObject &properties = record.properties;
    const std::optional<qint64> start
        = StacSearchQuery::parseDateTime(properties.value("start_datetime"_L1).toString(), true);
    const std::optional<qint64> end
        = StacSearchQuery::parseDateTime(properties.value("end_datetime"_L1).toString(), true);
    const std::optional<qint64> instant
        = StacSearchQuery::parseDateTime(properties.value("datetime"_L1).toString(), true);
    if (start && end) {
        record.hasTime = true;
        record.startMs = std::min(*start, *end);
        record.endMs = std::max(*start, *end);
    } else if (instant) {
        record.hasTime = true;
        record.startMs = *instant;
        record.endMs = *instant;
    }

    // Links that the emulator rebuilds from its own base URL are dropped; others are kept.
    const QJsonArray links = source.value("links"_L1).toArray();
    for (const QJsonValue &link : links) {
        const QString rel = link.toObject().value("rel"_L1).toString();
        if (rel == "self"_L1 || rel == "root"_L1 || rel == "parent"_L1 || rel == "collection"_L1)
            continue;
        if (!record.extraLinks.isEmpty())
            record.extraLinks += ',';
        record.extraLinks += QJsonDocument(link.toObject()).toJson(QJsonDocument::Compact);
    }
    QJsonObject stored = source;
    stored.remove("links"_L1);
    record.head = QJsonDocument(stored).toJson(QJsonDocument::Compact);
    record.head.chop(1);
    record.hasBaseUrlMarker = record.head.contains(BaseUrlMarker);
    return record;
}

} // namespace StacScope
