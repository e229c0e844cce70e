// How a filter is split between a catalog and StacScope, by conformance and dialect.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "src/stac/conformance.h"
#include "src/stac/filterplan.h"
#include "src/stac/itemparser.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestFilterPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodingFollowsConformance_data()
    {
        QTest::addColumn<QStringList>("uris");
        QTest::addColumn<bool>("post");
        QTest::addColumn<int>("expected");
        const QString filter = u"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter"_s;
        const QString json = u"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json"_s;
        const QString text = u"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text"_s;
        const QString query = u"https://api.stacspec.org/v1.0.0/item-search#query"_s;
        QTest::newRow("both, POST") << QStringList { filter, json, text } << true << int(FilterEncoding::Cql2Json);
        QTest::newRow("both, GET") << QStringList { filter, json, text } << false << int(FilterEncoding::Cql2Text);
        QTest::newRow("text only, POST") << QStringList { filter, text } << true << int(FilterEncoding::Cql2Json);
        QTest::newRow("text only, GET") << QStringList { filter, text } << false << int(FilterEncoding::Cql2Text);
        QTest::newRow("json only, GET") << QStringList { filter, json } << false << int(FilterEncoding::Cql2Json);
        QTest::newRow("filter, no encoding") << QStringList { filter } << true << int(FilterEncoding::Cql2Json);
        QTest::newRow("filter, no encoding, GET") << QStringList { filter } << false << int(FilterEncoding::Cql2Text);
        QTest::newRow("rc text") << QStringList { u"https://api.stacspec.org/v1.0.0-rc.1/item-search#filter"_s,
            u"https://api.stacspec.org/v1.0.0-rc.1/item-search#filter:cql-text"_s }
                                 << false << int(FilterEncoding::Cql2Text);
        QTest::newRow("query only") << QStringList { query } << true << int(FilterEncoding::QueryExtension);
        QTest::newRow("filter beats query")
            << QStringList { query, filter, json } << true << int(FilterEncoding::Cql2Json);
        QTest::newRow("neither") << QStringList { u"https://api.stacspec.org/v1.0.0/item-search"_s } << true
                                 << int(FilterEncoding::Local);
        QTest::newRow("nothing declared") << QStringList {} << false << int(FilterEncoding::Local);
    }
    void encodingFollowsConformance()
    {
        QFETCH(QStringList, uris);
        QFETCH(bool, post);
        QFETCH(int, expected);
        QCOMPARE(int(FilterPlanner::encodingFor(Conformance(uris), post)), expected);
    }

    void cql2GoesWhole()
    {
        const QJsonObject f = json(R"({"op":"like","args":[{"property":"title"},"Rome%"]})");
        const FilterPlan plan = FilterPlanner::plan(f, FilterEncoding::Cql2Json);
        QCOMPARE(plan.serverFilter, f);
        QVERIFY(plan.localFilter.isEmpty());
        QVERIFY(plan.query.isEmpty());
        const FilterPlan text = FilterPlanner::plan(f, FilterEncoding::Cql2Text);
        QCOMPARE(int(text.encoding), int(FilterEncoding::Cql2Text));
        QCOMPARE(text.serverFilter, f);
    }

    void localKeepsEverythingHere()
    {
        const QJsonObject f = json(R"({"op":"<=","args":[{"property":"eo:cloud_cover"},10]})");
        const FilterPlan plan = FilterPlanner::plan(f, FilterEncoding::Local);
        QVERIFY(plan.serverFilter.isEmpty());
        QVERIFY(plan.query.isEmpty());
        QCOMPARE(plan.localFilter, f);
        QCOMPARE(plan.localParts.size(), 1);
    }

    void queryExtensionTakesWhatItCan()
    {
        const QJsonObject f = json(R"({"op":"and","args":[
            {"op":"<=","args":[{"property":"eo:cloud_cover"},20]},
            {"op":">=","args":[{"property":"properties.eo:cloud_cover"},5]},
            {"op":"in","args":[{"property":"platform"},["a","b"]]},
            {"op":">","args":[30,{"property":"view:off_nadir"}]},
            {"op":"like","args":[{"property":"title"},"x%"]},
            {"op":"between","args":[{"property":"gsd"},0.5,3]},
            {"op":"=","args":[{"property":"created"},{"timestamp":"2024-01-01T00:00:00Z"}]}
        ]})");
        const FilterPlan plan = FilterPlanner::plan(f, FilterEncoding::QueryExtension);
        const QJsonObject expected = json(R"({
            "eo:cloud_cover":{"lte":20,"gte":5},
            "platform":{"in":["a","b"]},
            "view:off_nadir":{"lt":30},
            "gsd":{"gte":0.5,"lte":3},
            "created":{"eq":"2024-01-01T00:00:00Z"}
        })");
        QCOMPARE(plan.query, expected);
        QCOMPARE(plan.localFilter, json(R"({"op":"like","args":[{"property":"title"},"x%"]})"));
        QCOMPARE(plan.localParts, QStringList { u"like on title"_s });
        QVERIFY(plan.serverFilter.isEmpty());
    }

    void queryExtensionKeepsWhatCannotMerge()
    {
        // The same operator twice, and an "or": both stay here, joined by "and".
        const QJsonObject f = json(R"({"op":"and","args":[
            {"op":"<=","args":[{"property":"gsd"},3]},
            {"op":"<=","args":[{"property":"gsd"},2]},
            {"op":"or","args":[{"op":"=","args":[{"property":"a"},1]},{"op":"=","args":[{"property":"b"},2]}]}
        ]})");
        const FilterPlan plan
            = FilterPlanner::plan(f, FilterEncoding::QueryExtension, {}, json(R"({"datetime":{"gte":"2024"}})"));
        QCOMPARE(plan.query, json(R"({"datetime":{"gte":"2024"},"gsd":{"lte":3}})"));
        QCOMPARE(plan.localFilter, json(R"({"op":"and","args":[
            {"op":"<=","args":[{"property":"gsd"},2]},
            {"op":"or","args":[{"op":"=","args":[{"property":"a"},1]},{"op":"=","args":[{"property":"b"},2]}]}]})"));
        QCOMPARE(plan.localParts.size(), 2);
    }

    void queryExtensionRenamesProperties()
    {
        const QJsonObject f = json(R"({"op":"=","args":[{"property":"product_type"},"SLC"]})");
        const FilterPlan plan = FilterPlanner::plan(f, FilterEncoding::QueryExtension,
            [](const QString &name) { return name == u"product_type"_s ? u"sar:product_type"_s : name; });
        QCOMPARE(plan.query, json(R"({"sar:product_type":{"eq":"SLC"}})"));
    }

    void localFilterDropsItemsOfAPage()
    {
        // Three items: cloudy, clear inside the square, clear outside it.
        const QByteArray page = R"({"type":"FeatureCollection","features":[
            {"type":"Feature","stac_version":"1.0.0","id":"cloudy","bbox":[0,0,1,1],
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]},
             "properties":{"datetime":"2024-01-01T00:00:00Z","eo:cloud_cover":80},"links":[],"assets":{}},
            {"type":"Feature","stac_version":"1.0.0","id":"inside","bbox":[2,2,3,3],
             "geometry":{"type":"Polygon","coordinates":[[[2,2],[3,2],[3,3],[2,3],[2,2]]]},
             "properties":{"datetime":"2024-01-01T00:00:00Z","eo:cloud_cover":5},"links":[],"assets":{}},
            {"type":"Feature","stac_version":"1.0.0","id":"outside","bbox":[8,8,9,9],
             "geometry":{"type":"Polygon","coordinates":[[[8,8],[9,8],[9,9],[8,9],[8,8]]]},
             "properties":{"datetime":"2024-01-01T00:00:00Z","eo:cloud_cover":1},"links":[],"assets":{}}]})";
        ItemPage parsed = ItemParser(QUrl(u"http://x/search"_s)).parsePage(page);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.items.size(), size_t(3));
        const QJsonObject filter = json(R"({"op":"and","args":[
            {"op":"<","args":[{"property":"eo:cloud_cover"},50]},
            {"op":"s_within","args":[{"property":"geometry"},
                {"type":"Polygon","coordinates":[[[1.5,1.5],[5,1.5],[5,5],[1.5,5],[1.5,1.5]]]}]}]})");
        QCOMPARE(FilterPlanner::applyLocalFilter(parsed, page, filter), 2);
        QCOMPARE(parsed.items.size(), size_t(1));
        QCOMPARE(parsed.items[0].id, u"inside"_s);
        QCOMPARE(parsed.spans.size(), size_t(1));
        const QJsonObject kept
            = QJsonDocument::fromJson(page.mid(parsed.spans[0].begin, parsed.spans[0].end - parsed.spans[0].begin))
                  .object();
        QCOMPARE(kept.value(u"id"_s).toString(), u"inside"_s);
    }
};

QTEST_GUILESS_MAIN(TestFilterPlan)
#include "tst_filterplan.moc"
