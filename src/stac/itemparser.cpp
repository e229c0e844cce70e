#include "src/stac/itemparser.h"

#include <string>

#include "src/stac/datetime.h"
#include "src/stac/itemfields_p.h"
#include "src/stac/jsonreader.h"
#include "src/stac/stacasset.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// numberMatched and friends: a count, or nothing when the number is not one (negative, fractional
// values are truncated; 1e300 would not fit in 64 bits, and converting it was undefined behaviour).
std::optional<qint64> count(double d)
{
    if (!(d >= 0 && d < 9.2e18)) {
        return std::nullopt;
    }
    return qint64(d);
}

using Kind = JsonReader::Kind;
using namespace ItemFields;

bool walkCoordinates(JsonReader &reader, GeometryBuilder &builder, int depth, QString *error)
{
    if (depth > 8 || !reader.beginArray()) {
        *error = u"coordinates are not nested arrays of numbers"_s;
        return false;
    }
    if (!reader.nextElement()) {
        builder.beginArray();
        builder.endArray();
        return !reader.hasError();
    }
    if (reader.peek() == Kind::Number) {
        double xy[2] = { 0, 0 };
        int n = 0;
        do {
            if (reader.peek() != Kind::Number) {
                *error = u"a position holds something that is not a number"_s;
                return false;
            }
            double v = 0;
            reader.readNumber(&v);
            if (n < 2) {
                xy[n] = v;
            }
            ++n;
        } while (reader.nextElement());
        if (n < 2) {
            *error = u"a position needs at least two numbers [lon, lat]"_s;
            return false;
        }
        builder.position(xy[0], xy[1]);
        return !reader.hasError();
    }
    builder.beginArray();
    do {
        if (reader.peek() != Kind::Array) {
            *error = u"coordinates mix arrays with other values"_s;
            return false;
        }
        if (!walkCoordinates(reader, builder, depth + 1, error)) {
            return false;
        }
    } while (reader.nextElement());
    builder.endArray();
    return !reader.hasError();
}

struct AssetStub
{
    std::string key;
    std::string href;
    std::string type;
    qint64 size = -1;
    bool thumbnail = false;
    bool overview = false;
    bool visual = false;
};

// Where the value just read ends: offset() is past the white space after it, which is not part
// of the item's bytes.
qsizetype valueEnd(JsonReader &reader, qsizetype begin)
{
    qsizetype end = reader.offset();
    const QByteArrayView data = reader.data();
    auto isSpace = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    while (end > begin && isSpace(data[end - 1])) {
        --end;
    }
    return end;
}

bool isAbsoluteHref(const QString &href)
{
    const qsizetype colon = href.indexOf(u':');
    // A scheme needs at least two letters, so "C:\..." style paths are not taken for URLs.
    return colon > 1 && href.left(colon).contains(u'/') == false;
}

} // namespace

ItemParser::ItemParser(const QUrl &baseUrl)
    : m_baseUrl(baseUrl)
{}

std::optional<Geometry> ItemParser::parseGeometry(JsonReader &reader, const QString &path, QString *error) const
{
    if (!reader.beginObject()) {
        return std::nullopt;
    }
    QString typeName;
    qsizetype coordinatesAt = -1;
    bool collection = false;
    std::string_view key;
    while (reader.nextKey(&key)) {
        if (key == "type" && reader.peek() == Kind::String) {
            reader.readString(&typeName);
        } else if (key == "coordinates") {
            coordinatesAt = reader.offset();
            reader.skipValue();
        } else {
            collection = collection || key == "geometries";
            reader.skipValue();
        }
    }
    if (reader.hasError()) {
        return std::nullopt;
    }
    const std::optional<GeometryType> type = Geometry::typeFromName(typeName);
    if (!type) {
        *error = collection ? QStringLiteral("%1: GeometryCollection footprints are not supported").arg(path)
                            : QStringLiteral("%1: unknown geometry type \"%2\"").arg(path, typeName);
        return std::nullopt;
    }
    if (coordinatesAt < 0) {
        *error = QStringLiteral("%1: no \"coordinates\"").arg(path);
        return std::nullopt;
    }
    // The coordinates were skipped once (the type may come after them); read them now that the
    // type is known, then return to where the object ended.
    const qsizetype end = reader.offset();
    reader.seek(coordinatesAt);
    GeometryBuilder builder;
    QString walkError;
    const bool walked = walkCoordinates(reader, builder, 0, &walkError);
    reader.seek(end);
    if (!walked) {
        *error = path + u".coordinates: "_s + walkError;
        return std::nullopt;
    }
    QString buildError;
    std::optional<Geometry> g = builder.finish(*type, &buildError);
    if (!g) {
        *error = path + u": "_s + buildError;
    }
    return g;
}

void ItemParser::parseProperties(JsonReader &reader, const QString &path, ItemRecord *r, QStringList *warnings) const
{
    reader.beginObject();
    QString constellation;
    bool datetimeSeen = false;
    std::string_view key;
    while (reader.nextKey(&key)) {
        auto at = [&]() -> QString { return path + u'.' + fromView(key); };
        if (key == "datetime") {
            datetimeSeen = true;
            readTime(reader, at(), &r->datetime, warnings);
        } else if (key == "start_datetime") {
            readTime(reader, at(), &r->startDatetime, warnings);
        } else if (key == "end_datetime") {
            readTime(reader, at(), &r->endDatetime, warnings);
        } else if (key == "eo:cloud_cover") {
            readFloat(reader, at(), &r->cloudCover, warnings);
        } else if (key == "gsd") {
            readFloat(reader, at(), &r->gsd, warnings);
        } else if (key == "view:off_nadir") {
            readFloat(reader, at(), &r->offNadir, warnings);
        } else if (key == "view:sun_elevation") {
            readFloat(reader, at(), &r->sunElevation, warnings);
        } else if (key == "platform") {
            readText(reader, at(), &r->platform, warnings);
        } else if (key == "constellation") {
            readText(reader, at(), &constellation, warnings);
        } else if (key == "sar:instrument_mode") {
            readText(reader, at(), &r->sarMode, warnings);
        } else if (key == "sar:product_type") {
            readText(reader, at(), &r->productType, warnings);
        } else if (key == "sar:polarizations") {
            readTextList(reader, at(), &r->polarizations, warnings);
        } else if (key == "sat:orbit_state") {
            readText(reader, at(), &r->orbitState, warnings);
        } else if (key == "view:look_angle") {
            readFloat(reader, at(), &r->lookAngle, warnings);
        } else if (key == "title") {
            readText(reader, at(), &r->title, warnings);
        } else {
            reader.skipValue();
        }
    }
    if (r->platform.isEmpty()) {
        r->platform = constellation;
    }
    if (r->datetime == ItemRecord::kNoTime) {
        r->datetime = r->startDatetime;
    }
    if (r->datetime == ItemRecord::kNoTime && !reader.hasError()) {
        warnings->append(datetimeSeen ? path + u".datetime: null without start_datetime"_s : path + u": no datetime"_s);
    }
}

bool ItemParser::parseFeature(
    JsonReader &reader, const QString &path, ItemRecord *r, QStringList *warnings, QString *itemError) const
{
    if (reader.peek() != Kind::Object) {
        *itemError = typeMismatch(path, u"an Item object"_s, reader.peek());
        reader.skipValue();
        return false;
    }
    reader.beginObject();
    bool haveId = false;
    bool haveProperties = false;
    std::vector<AssetStub> assets;
    QString selfHref;
    std::string_view key;
    auto fail = [&](const QString &message) {
        if (itemError->isEmpty()) {
            *itemError = message;
        }
    };
    while (reader.nextKey(&key)) {
        if (key == "type") {
            QString type;
            readText(reader, path + u".type"_s, &type, warnings);
            if (!type.isEmpty() && type != u"Feature"_s) {
                fail(QStringLiteral("%1: not a STAC Item (type is \"%2\")").arg(path, type));
            }
        } else if (key == "id") {
            if (reader.peek() == Kind::String) {
                reader.readString(&r->id);
                haveId = !r->id.isEmpty();
                if (!haveId) {
                    fail(path + u".id: empty"_s);
                }
            } else {
                fail(typeMismatch(path + u".id"_s, u"a string"_s, reader.peek()));
                reader.skipValue();
            }
        } else if (key == "collection") {
            readText(reader, path + u".collection"_s, &r->collection, warnings);
        } else if (key == "bbox") {
            if (reader.peek() != Kind::Array) {
                warnings->append(typeMismatch(path + u".bbox"_s, u"an array"_s, reader.peek()));
                reader.skipValue();
                continue;
            }
            const QJsonValue value = reader.readValue();
            QString error;
            if (const auto box = GeoBox::fromJson(value.toArray(), &error)) {
                r->bbox = *box;
                r->hasBbox = true;
            } else if (!reader.hasError()) {
                warnings->append(path + u".bbox: "_s + error);
            }
        } else if (key == "geometry") {
            const Kind kind = reader.peek();
            if (kind == Kind::Null) {
                reader.readNull();
            } else if (kind == Kind::Object) {
                QString error;
                if (auto g = parseGeometry(reader, path + u".geometry"_s, &error)) {
                    r->footprint = std::move(*g);
                } else if (!reader.hasError()) {
                    warnings->append(error);
                }
            } else {
                warnings->append(typeMismatch(path + u".geometry"_s, u"an object or null"_s, kind));
                reader.skipValue();
            }
        } else if (key == "properties") {
            if (reader.peek() == Kind::Object) {
                haveProperties = true;
                parseProperties(reader, path + u".properties"_s, r, warnings);
            } else {
                fail(typeMismatch(path + u".properties"_s, u"an object"_s, reader.peek()));
                reader.skipValue();
            }
        } else if (key == "assets" && reader.peek() == Kind::Object) {
            reader.beginObject();
            std::string_view assetKey;
            while (reader.nextKey(&assetKey)) {
                if (reader.peek() != Kind::Object) {
                    reader.skipValue();
                    continue;
                }
                AssetStub stub;
                stub.key.assign(assetKey);
                reader.beginObject();
                std::string_view field;
                while (reader.nextKey(&field)) {
                    if (field == "href" && reader.peek() == Kind::String) {
                        std::string_view href;
                        reader.readStringView(&href);
                        stub.href.assign(href);
                    } else if (field == "type" && reader.peek() == Kind::String) {
                        std::string_view type;
                        reader.readStringView(&type);
                        stub.type.assign(type);
                    } else if (field == "file:size" && reader.peek() == Kind::Number) {
                        double size = -1;
                        reader.readNumber(&size);
                        stub.size = count(size).value_or(-1); // 3e20 bytes is no size (UBSan found it)
                    } else if (field == "roles" && reader.peek() == Kind::Array) {
                        reader.beginArray();
                        while (reader.nextElement()) {
                            std::string_view role;
                            if (reader.peek() == Kind::String && reader.readStringView(&role)) {
                                stub.thumbnail = stub.thumbnail || role == "thumbnail";
                                stub.overview = stub.overview || role == "overview";
                                stub.visual = stub.visual || role == "visual";
                            } else {
                                reader.skipValue();
                            }
                        }
                    } else {
                        reader.skipValue();
                    }
                }
                if (!stub.href.empty()) {
                    assets.push_back(std::move(stub));
                }
            }
        } else if (key == "links" && reader.peek() == Kind::Array) {
            reader.beginArray();
            while (reader.nextElement()) {
                if (reader.peek() != Kind::Object) {
                    reader.skipValue();
                    continue;
                }
                reader.beginObject();
                std::string_view field;
                bool isSelf = false;
                QString href;
                while (reader.nextKey(&field)) {
                    std::string_view value;
                    if (field == "rel" && reader.peek() == Kind::String) {
                        reader.readStringView(&value);
                        isSelf = value == "self";
                    } else if (field == "href" && reader.peek() == Kind::String) {
                        reader.readString(&href);
                    } else {
                        reader.skipValue();
                    }
                }
                if (isSelf) {
                    selfHref = href;
                }
            }
        } else {
            reader.skipValue();
        }
    }
    if (reader.hasError()) {
        return false;
    }
    if (!haveId) {
        fail(path + u": no \"id\""_s);
    }
    if (!haveProperties) {
        fail(path + u": no \"properties\""_s);
    }
    if (!itemError->isEmpty()) {
        return false;
    }
    if (!r->hasBbox && !r->footprint.isEmpty()) {
        r->bbox = r->footprint.bounds();
        r->hasBbox = true;
    }
    auto previewable = [&](int i) {
        const AssetStub &a = assets[size_t(i)];
        return isPreviewableImage(QString::fromUtf8(a.type.data(), qsizetype(a.type.size())),
            QString::fromUtf8(a.href.data(), qsizetype(a.href.size())), a.size);
    };
    const int preview = selectPreviewAsset(
        int(assets.size()),
        [&](int i, PreviewKey k) {
            return assets[size_t(i)].key == (k == PreviewKey::Thumbnail ? "thumbnail" : "preview") && previewable(i);
        },
        [&](int i, PreviewRole role) {
            const AssetStub &a = assets[size_t(i)];
            return (role == PreviewRole::Thumbnail         ? a.thumbnail
                           : role == PreviewRole::Overview ? a.overview
                                                           : a.visual)
                && previewable(i);
        });
    if (preview >= 0) {
        const std::string &href = assets[size_t(preview)].href;
        QString text = QString::fromUtf8(href.data(), qsizetype(href.size()));
        if (!isAbsoluteHref(text)) {
            const QUrl base = isAbsoluteHref(selfHref) ? QUrl(selfHref) : m_baseUrl;
            if (!base.isEmpty()) {
                text = base.resolved(QUrl(text)).toString();
            }
        }
        r->thumbnailHref = text;
    }
    return true;
}

ItemPage ItemParser::parsePage(const QByteArray &json) const
{
    ItemPage page;
    JsonReader reader(json);
    if (reader.peek() != Kind::Object) {
        page.error = reader.peek() == Kind::End ? u"empty document"_s
                                                : typeMismatch(u"document"_s, u"a JSON object"_s, reader.peek());
        if (reader.peek() == Kind::Invalid) {
            reader.setError(u"expected a JSON object"_s);
            page.error = u"invalid JSON at "_s + reader.errorString();
        }
        return page;
    }
    // Peek at "type" first: a single Item is accepted as a page of one.
    {
        JsonReader probe(json);
        probe.beginObject();
        std::string_view key;
        while (probe.nextKey(&key)) {
            if (key == "type" && probe.peek() == Kind::String) {
                std::string_view type;
                probe.readStringView(&type);
                if (type == "Feature") {
                    return parseItem(json);
                }
                if (type != "FeatureCollection") {
                    page.error = QStringLiteral("not a STAC ItemCollection (type is \"%1\")").arg(fromView(type));
                    return page;
                }
                break;
            }
            probe.skipValue();
        }
    }
    reader.beginObject();
    bool sawFeatures = false;
    std::string_view key;
    while (reader.nextKey(&key)) {
        if (key == "features") {
            if (reader.peek() != Kind::Array) {
                page.error = typeMismatch(u"features"_s, u"an array"_s, reader.peek());
                return page;
            }
            sawFeatures = true;
            reader.beginArray();
            int index = 0;
            while (reader.nextElement()) {
                const qsizetype begin = reader.offset();
                ItemRecord record;
                QString itemError;
                const QString path = QStringLiteral("features[%1]").arg(index);
                const bool ok = parseFeature(reader, path, &record, &page.warnings, &itemError);
                if (reader.hasError()) {
                    break;
                }
                if (ok) {
                    page.items.push_back(std::move(record));
                    page.spans.push_back({ begin, valueEnd(reader, begin) });
                } else {
                    page.itemErrors.append(itemError);
                }
                ++index;
            }
        } else if (key == "links") {
            page.links = parseLinks(reader.readValue());
        } else if (key == "numberMatched" && reader.peek() == Kind::Number) {
            double d = 0;
            reader.readNumber(&d);
            page.numberMatched = count(d);
        } else if (key == "numberReturned" && reader.peek() == Kind::Number) {
            double d = 0;
            reader.readNumber(&d);
            page.numberReturned = count(d);
        } else if (key == "context" && reader.peek() == Kind::Object) {
            const QJsonObject context = reader.readValue().toObject();
            if (!page.numberMatched && context.value(u"matched"_s).isDouble()) {
                page.numberMatched = count(context.value(u"matched"_s).toDouble());
            }
            if (!page.numberReturned && context.value(u"returned"_s).isDouble()) {
                page.numberReturned = count(context.value(u"returned"_s).toDouble());
            }
        } else {
            reader.skipValue();
        }
    }
    if (!reader.hasError() && !reader.atEnd()) {
        reader.setError(u"unexpected data after the end of the document"_s);
    }
    if (reader.hasError()) {
        page.error = u"invalid JSON at "_s + reader.errorString();
        page.items.clear();
        page.spans.clear();
    } else if (!sawFeatures) {
        page.error = u"not a STAC ItemCollection (no \"features\")"_s;
    }
    return page;
}

ItemPage ItemParser::parseItem(const QByteArray &json) const
{
    ItemPage page;
    JsonReader reader(json);
    ItemRecord record;
    QString itemError;
    const qsizetype begin = reader.offset();
    const bool ok = parseFeature(reader, u"item"_s, &record, &page.warnings, &itemError);
    if (!reader.hasError() && !reader.atEnd()) {
        reader.setError(u"unexpected data after the end of the document"_s);
    }
    if (reader.hasError()) {
        page.error = u"invalid JSON at "_s + reader.errorString();
    } else if (!ok) {
        page.error = itemError;
    } else {
        page.items.push_back(std::move(record));
        page.spans.push_back({ begin, valueEnd(reader, begin) });
    }
    return page;
}

} // namespace StacScope
