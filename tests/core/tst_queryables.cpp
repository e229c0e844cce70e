// Queryables: reading schemas, merging the root's and the collections', presets, summaries, and
// the schema derived from a static catalog's items.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "src/stac/itemparser.h"
#include "src/stac/itemqueryables.h"
#include "src/stac/itemsnapshot.h"
#include "src/stac/itemstore.h"
#include "src/stac/queryables.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

QStringList names(const QList<Queryable> &list)
{
    QStringList out;
    for (const Queryable &q : list) {
        out.append(q.name);
    }
    return out;
}

} // namespace

class TestQueryables : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsArraysAndUnits()
    {
        const Queryables q = Queryables::fromJson(json(R"({"properties":{
            "sar:polarizations":{"type":"array","items":{"type":"string","enum":["HH","VV"]}},
            "eo:cloud_cover":{"type":"number","minimum":0,"maximum":100},
            "gsd":{"type":"number","unit":"cm"}}})"));
        const Queryable *pol = q.find(u"sar:polarizations"_s);
        QVERIFY(pol);
        QCOMPARE(int(pol->type), int(Queryable::Type::Array));
        QCOMPARE(pol->enumValues, (QVariantList { u"HH"_s, u"VV"_s }));
        QCOMPARE(q.find(u"eo:cloud_cover"_s)->unit, u"%"_s); // known for the field
        QCOMPARE(q.find(u"gsd"_s)->unit, u"cm"_s); // the schema's own word wins
        QVERIFY(q.hasOwnProperties());
    }

    void coreMembersAreNotOwnProperties()
    {
        // (No raw string here: moc reads the "//" of a URL in one as a comment.)
        const Queryables q
            = Queryables::fromJson(json("{\"properties\":{"
                                        "\"id\":{\"type\":\"string\"},"
                                        "\"collection\":{\"type\":\"string\"},"
                                        "\"datetime\":{\"type\":\"string\",\"format\":\"date-time\"},"
                                        "\"geometry\":{\"$ref\":\"https://geojson.org/schema/Geometry.json\"}}}"));
        QCOMPARE(q.properties.size(), 4);
        QVERIFY(!q.hasOwnProperties());
        QVERIFY(q.filterable().isEmpty());
    }

    void mergeJoinsSchemas()
    {
        const Queryables root = Queryables::fromJson(json(R"({"additionalProperties":false,"properties":{
            "platform":{"type":"string","enum":["a","b"]},
            "gsd":{"title":"GSD","type":"number","minimum":1,"maximum":3},
            "eo:cloud_cover":{"type":"number","minimum":0}}})"));
        const Queryables collection = Queryables::fromJson(json(R"({"additionalProperties":false,"properties":{
            "platform":{"type":"string","enum":["b","c"]},
            "gsd":{"type":"number","minimum":0.5,"maximum":2},
            "eo:cloud_cover":{"type":"number"},
            "sat:orbit_state":{"type":"string"}}})"));
        const Queryables m = Queryables::merged({ root, collection });
        // First seen first (a schema's own properties come in key order).
        QCOMPARE(
            names(m.properties), (QStringList { u"eo:cloud_cover"_s, u"gsd"_s, u"platform"_s, u"sat:orbit_state"_s }));
        QCOMPARE(m.find(u"platform"_s)->enumValues, (QVariantList { u"a"_s, u"b"_s, u"c"_s }));
        QCOMPARE(m.find(u"gsd"_s)->title, u"GSD"_s);
        QCOMPARE(*m.find(u"gsd"_s)->minimum, 0.5);
        QCOMPARE(*m.find(u"gsd"_s)->maximum, 3.0);
        // One schema leaves the lower bound open: so does the union.
        QVERIFY(!m.find(u"eo:cloud_cover"_s)->minimum.has_value());
        QVERIFY(!m.additionalProperties);
        // A closed list in one schema and an open one in the other: open.
        const Queryables open = Queryables::merged(
            { root, Queryables::fromJson(json(R"({"properties":{"platform":{"type":"string"}}})")) });
        QVERIFY(open.find(u"platform"_s)->enumValues.isEmpty());
    }

    void presetsCoverTheCommonExtensions()
    {
        const Queryables p = Queryables::presets();
        for (const char16_t *name : { u"eo:cloud_cover", u"view:off_nadir", u"gsd", u"view:sun_elevation", u"platform",
                 u"instruments", u"sar:instrument_mode", u"sar:polarizations", u"sar:product_type", u"product:type" }) {
            const Queryable *q = p.find(QString::fromUtf16(name));
            QVERIFY2(q, qPrintable(QString::fromUtf16(name)));
            QVERIFY(q->preset);
        }
        QCOMPARE(*p.find(u"eo:cloud_cover"_s)->maximum, 100.0);
        QCOMPARE(p.find(u"view:off_nadir"_s)->unit, u"°"_s);
        QCOMPARE(int(p.find(u"sar:polarizations"_s)->type), int(Queryable::Type::Array));
    }

    void summariesFillListsAndRanges()
    {
        Queryables q = Queryables::presets();
        StacCollection a;
        a.summaries = json(R"({"platform":["sat-1","sat-2"],"gsd":{"minimum":0.5,"maximum":1},
                                "sar:instrument_mode":["SM"]})");
        StacCollection b;
        b.summaries = json(R"({"platform":["sat-2","sat-3"],"gsd":{"minimum":0.3,"maximum":0.8}})");
        q.addSummaries({ a, b });
        QCOMPARE(q.find(u"platform"_s)->enumValues, (QVariantList { u"sat-1"_s, u"sat-2"_s, u"sat-3"_s }));
        QCOMPARE(*q.find(u"gsd"_s)->minimum, 0.3);
        QCOMPARE(*q.find(u"gsd"_s)->maximum, 1.0);
        // b has no summary of the mode: the list would be a lie for b's items.
        QVERIFY(q.find(u"sar:instrument_mode"_s)->enumValues.isEmpty());
        // A preset's own range stays where no summary says otherwise.
        QCOMPARE(*q.find(u"eo:cloud_cover"_s)->maximum, 100.0);
    }

    void derivedFromItems()
    {
        const QByteArray page = R"({"type":"FeatureCollection","features":[
            {"type":"Feature","stac_version":"1.0.0","id":"a","geometry":null,"links":[],"assets":{},
             "properties":{"datetime":"2024-01-01T00:00:00Z","eo:cloud_cover":12.5,"platform":"sat-1",
                "sar:polarizations":["HH"],"orbit":3,"created":"2024-01-02T10:00:00Z","flag":true,
                "mixed":1,"meta":{"a":1}}},
            {"type":"Feature","stac_version":"1.0.0","id":"b","geometry":null,"links":[],"assets":{},
             "properties":{"datetime":"2024-02-01T00:00:00Z","eo:cloud_cover":3,"platform":"sat-2",
                "sar:polarizations":["HH","HV"],"orbit":7,"created":"2024-02-02T10:00:00Z","flag":false,
                "mixed":"x","meta":{"a":2}}}]})";
        ItemPage parsed = ItemParser(QUrl(u"file:///c/catalog.json"_s)).parsePage(page);
        QVERIFY(parsed.ok());
        ItemStore store;
        store.append(std::move(parsed), page);
        QCOMPARE(store.size(), 2);
        const ItemSnapshot snapshot(store, { 0, 1 });
        const Queryables q = ItemQueryables::derive(snapshot);
        // Mixed and structured values are left out; datetime is a core member (still listed).
        QVERIFY(!q.find(u"mixed"_s));
        QVERIFY(!q.find(u"meta"_s));
        const Queryable *cloud = q.find(u"eo:cloud_cover"_s);
        QVERIFY(cloud);
        QCOMPARE(int(cloud->type), int(Queryable::Type::Number));
        QCOMPARE(*cloud->minimum, 3.0);
        QCOMPARE(*cloud->maximum, 12.5);
        QCOMPARE(cloud->unit, u"%"_s);
        QCOMPARE(int(q.find(u"orbit"_s)->type), int(Queryable::Type::Integer));
        QCOMPARE(q.find(u"platform"_s)->enumValues, (QVariantList { u"sat-1"_s, u"sat-2"_s }));
        QCOMPARE(int(q.find(u"created"_s)->type), int(Queryable::Type::Timestamp));
        QCOMPARE(int(q.find(u"flag"_s)->type), int(Queryable::Type::Boolean));
        const Queryable *pol = q.find(u"sar:polarizations"_s);
        QCOMPARE(int(pol->type), int(Queryable::Type::Array));
        QCOMPARE(pol->enumValues, (QVariantList { u"HH"_s, u"HV"_s }));
        // More distinct strings than the limit: no list.
        const Queryables few = ItemQueryables::derive(snapshot, 1);
        QVERIFY(few.find(u"platform"_s)->enumValues.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestQueryables)
#include "tst_queryables.moc"
