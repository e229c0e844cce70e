// Fuzz target bodies for the STAC side: the item/page parser, the JSON reader and CQL2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "src/geo/geometry.h"
#include "src/stac/cql2.h"
#include "src/stac/itemparser.h"
#include "src/stac/jsonreader.h"
#include "tests/fuzz/fuzztargets.h"

using namespace Qt::StringLiterals;

namespace StacScope::Fuzz {

namespace {

void checkPage(const ItemPage &page, qsizetype size)
{
    check(page.items.size() == page.spans.size(), "ItemParser: one span per item");
    for (const ItemPage::Span &span : page.spans) {
        check(0 <= span.begin && span.begin <= span.end && span.end <= size, "ItemParser: span inside the buffer");
    }
    if (!page.ok()) {
        check(page.items.empty(), "ItemParser: no items from an unusable document");
    }
}

// Reads every value the way the item parser does (typed reads), depth-first.
bool walk(JsonReader &reader, int depth)
{
    if (depth > 300) {
        return reader.skipValue();
    }
    switch (reader.peek()) {
    case JsonReader::Kind::Object: {
        if (!reader.beginObject()) {
            return false;
        }
        std::string_view key;
        while (reader.nextKey(&key)) {
            check(key.data() != nullptr || key.empty(), "JsonReader: key view");
            if (!walk(reader, depth + 1)) {
                return false;
            }
        }
        return !reader.hasError();
    }
    case JsonReader::Kind::Array:
        if (!reader.beginArray()) {
            return false;
        }
        while (reader.nextElement()) {
            if (!walk(reader, depth + 1)) {
                return false;
            }
        }
        return !reader.hasError();
    case JsonReader::Kind::String: {
        QString text;
        return reader.readString(&text);
    }
    case JsonReader::Kind::Number: {
        double value = 0;
        return reader.readNumber(&value);
    }
    case JsonReader::Kind::Bool: {
        bool value = false;
        return reader.readBool(&value);
    }
    case JsonReader::Kind::Null:
        return reader.readNull();
    case JsonReader::Kind::End:
    case JsonReader::Kind::Invalid:
        break;
    }
    return reader.skipValue(); // sets the error
}

// An item the evaluator can compare against: a number, a string, a timestamp, an array, a null.
Cql2::EvaluationContext exampleContext()
{
    Cql2::EvaluationContext context;
    context.property = [](const QString &name) -> QJsonValue {
        if (name == u"id"_s) {
            return u"S2A_T33UUP_20230612"_s;
        }
        if (name == u"collection"_s) {
            return u"sentinel-2-l2a"_s;
        }
        if (name == u"datetime"_s) {
            return u"2023-06-12T10:20:30Z"_s;
        }
        if (name == u"eo:cloud_cover"_s) {
            return 12.5;
        }
        if (name == u"instruments"_s) {
            return QJsonArray { u"msi"_s };
        }
        if (name == u"gsd"_s) {
            return QJsonValue::Null;
        }
        return QJsonValue::Undefined;
    };
    context.spatial = [](const QString &, const QJsonObject &geometry) {
        const std::optional<Geometry> parsed = Geometry::fromGeoJson(geometry);
        return parsed && parsed->bounds().intersects(GeoBox { 10, 40, 12, 42 });
    };
    return context;
}

// What must hold for any expression the parser or validator accepted. The text parser writes
// canonical CQL2-JSON, so its output survives toText and back unchanged; CQL2-JSON from elsewhere
// may spell operators in any case ("Or"), and then the text form is what must be stable.
void checkExpression(const QJsonObject &expression, bool canonical)
{
    check(Cql2::validate(expression).isEmpty(), "CQL2: an accepted expression validates");
    QString error;
    const QString text = Cql2::toText(expression, &error);
    if (!text.isEmpty()) {
        const Cql2::ParseResult again = Cql2::parseText(text);
        check(again.ok(), "CQL2: toText output parses");
        if (canonical) {
            check(again.expression == expression, "CQL2: text round trip gives the same expression");
        }
        check(Cql2::toText(again.expression) == text, "CQL2: toText of the parsed text gives the same text");
    } else {
        check(!error.isEmpty(), "CQL2: toText says why it wrote nothing");
    }
    (void)Cql2::evaluate(expression, exampleContext());
}

} // namespace

int itemParser(QByteArrayView data)
{
    const QByteArray json = data.toByteArray();
    const ItemParser parser(QUrl(u"https://example.com/stac/search"_s));
    checkPage(parser.parsePage(json), json.size());
    const ItemPage item = parser.parseItem(json);
    checkPage(item, json.size());
    check(item.items.size() <= 1, "ItemParser: parseItem gives at most one item");
    return 0;
}

int jsonReader(QByteArrayView data)
{
    JsonReader walker(data);
    const bool walked = walk(walker, 0) && !walker.hasError();
    JsonReader skipper(data);
    const bool skipped = skipper.skipValue() && !skipper.hasError();
    JsonReader reader(data);
    const QJsonValue value = reader.readValue();
    const bool read = !reader.hasError();
    check(walked == skipped, "JsonReader: typed reads and skipValue agree on validity");
    check(skipped == read, "JsonReader: skipValue and readValue agree on validity");
    if (read) {
        check(walker.offset() == skipper.offset() && skipper.offset() == reader.offset(),
            "JsonReader: all three stop at the same offset");
        check(!value.isUndefined(), "JsonReader: a valid value is defined");
    } else {
        check(!reader.errorString().isEmpty(), "JsonReader: an error has a message");
        check(reader.errorOffset() >= 0 && reader.errorOffset() <= data.size(), "JsonReader: error offset in range");
    }
    return 0;
}

int cql2Text(QByteArrayView data)
{
    const Cql2::ParseResult result = Cql2::parseText(QString::fromUtf8(data));
    if (result.ok()) {
        checkExpression(result.expression, true);
    } else {
        check(result.expression.isEmpty(), "CQL2: no expression with an error");
    }
    return 0;
}

int cql2Json(QByteArrayView data)
{
    const QJsonDocument document = QJsonDocument::fromJson(data.toByteArray());
    if (document.isObject()) {
        if (Cql2::validate(document.object()).isEmpty()) {
            checkExpression(document.object(), false);
        }
    }
    const Cql2::ParseResult result = Cql2::parse(QString::fromUtf8(data));
    if (result.ok()) {
        checkExpression(result.expression, false);
    }
    return 0;
}

} // namespace StacScope::Fuzz
