// "Show the request": the curl command, pystac-client snippet and stacscope-cli line for a search,
// compared with text written out here by hand.
#include <QJsonDocument>
#include <QTest>

#include "src/stac/requestrecipes.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

class TestRequestRecipes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shellQuoting()
    {
        QCOMPARE(shellQuoted(u"https://h/x"_s), u"https://h/x"_s);
        QCOMPARE(shellQuoted(u"a b"_s), u"'a b'"_s);
        QCOMPARE(shellQuoted(u"it's"_s), u"'it'\\''s'"_s);
        QCOMPARE(shellQuoted(u"$HOME"_s), u"'$HOME'"_s);
        QCOMPARE(shellQuoted(QString()), u"''"_s);
        QCOMPARE(headerEnvironmentVariable(u"X-Api-Key"_s), u"STACSCOPE_HEADER_X_API_KEY"_s);
        QCOMPARE(headerEnvironmentVariable(u"Authorization"_s), u"STACSCOPE_HEADER_AUTHORIZATION"_s);
    }

    void stacApiWithAHeader()
    {
        RequestRecipeInput in;
        in.kind = RequestRecipeInput::Kind::StacApi;
        in.location = u"https://earth-search.aws.element84.com/v1/"_s;
        in.headerNames = { u"Authorization"_s };
        in.parameters.collections = { u"sentinel-2-l2a"_s };
        in.parameters.bbox = GeoBox { 5.5, 45, 10.5, 48 };
        in.parameters.datetime = DateRange::parse(u"2024-06-01T00:00:00Z/2024-06-30T23:59:59Z"_s);
        QVERIFY(in.parameters.datetime);
        in.parameters.filter
            = QJsonDocument::fromJson("{\"op\":\"<=\",\"args\":[{\"property\":\"eo:cloud_cover\"},20]}").object();
        in.parameters.sortBy = SortField::parseList(u"-datetime"_s);
        in.parameters.limit = 50;
        in.maxItems = 200;
        const RequestRecipes r = makeRequestRecipes(in);

        QCOMPARE(r.cli,
            u"stacscope-cli search --api https://earth-search.aws.element84.com/v1/ --collections sentinel-2-l2a "
            "--bbox 5.5,45,10.5,48 --datetime 2024-06-01T00:00:00Z/2024-06-30T23:59:59Z "
            "--filter '{\"args\":[{\"property\":\"eo:cloud_cover\"},20],\"op\":\"<=\"}' --sortby -datetime "
            "--limit 50 --max-items 200 --header \"Authorization: $STACSCOPE_HEADER_AUTHORIZATION\" "
            "--out results.geojson"_s);
        QCOMPARE(r.curl,
            u"curl -sS -X POST https://earth-search.aws.element84.com/v1/search -H 'Content-Type: application/json' "
            "-H \"Authorization: $STACSCOPE_HEADER_AUTHORIZATION\" --data "
            "'{\"bbox\":[5.5,45,10.5,48],\"collections\":[\"sentinel-2-l2a\"],"
            "\"datetime\":\"2024-06-01T00:00:00Z/2024-06-30T23:59:59Z\","
            "\"filter\":{\"args\":[{\"property\":\"eo:cloud_cover\"},20],\"op\":\"<=\"},\"filter-lang\":\"cql2-json\","
            "\"limit\":50,\"sortby\":[{\"direction\":\"desc\",\"field\":\"properties.datetime\"}]}'"_s);
        QCOMPARE(r.python,
            u"import os\n"
            "from pystac_client import Client\n"
            "\n"
            "client = Client.open(\"https://earth-search.aws.element84.com/v1/\", "
            "headers={\"Authorization\": os.environ[\"STACSCOPE_HEADER_AUTHORIZATION\"]})\n"
            "search = client.search(\n"
            "    collections=[\"sentinel-2-l2a\"],\n"
            "    bbox=[5.5, 45, 10.5, 48],\n"
            "    datetime=\"2024-06-01T00:00:00Z/2024-06-30T23:59:59Z\",\n"
            "    filter={\"args\": [{\"property\": \"eo:cloud_cover\"}, 20], \"op\": \"<=\"},\n"
            "    filter_lang=\"cql2-json\",\n"
            "    sortby=[\"-properties.datetime\"],\n"
            "    limit=50,\n"
            "    max_items=200,\n"
            ")\n"
            "for item in search.items():\n"
            "    print(item.id)"_s);
        QVERIFY(r.notes.join(u' ').contains(u"STACSCOPE_HEADER_AUTHORIZATION"_s));
    }

    void staticCatalogHasNoSingleRequest()
    {
        RequestRecipeInput in;
        in.kind = RequestRecipeInput::Kind::StaticCatalog;
        in.location = u"/data/my catalog/catalog.json"_s;
        in.parameters.limit = 100;
        const RequestRecipes r = makeRequestRecipes(in);
        QCOMPARE(r.cli,
            u"stacscope-cli search --catalog '/data/my catalog/catalog.json' --limit 100 --out results.geojson"_s);
        QVERIFY(r.curl.isEmpty());
        QVERIFY(r.python.isEmpty());
        QVERIFY(r.notes.join(u' ').contains(u"no search endpoint"_s));
    }

    void accountIsNamedNotOpened()
    {
        RequestRecipeInput in;
        in.kind = RequestRecipeInput::Kind::Account;
        in.account = u"Capella work"_s;
        in.location = u"https://api.capellaspace.com/catalog"_s;
        in.parameters.intersects = Geometry::fromBox(GeoBox { 0, 0, 1, 1 });
        in.parameters.limit = 10;
        const RequestRecipes r = makeRequestRecipes(in);
        QCOMPARE(r.cli,
            u"stacscope-cli search --account 'Capella work' --intersects aoi.geojson --limit 10 --out results.geojson"_s);
        QVERIFY(r.curl.isEmpty());
        QVERIFY(r.notes.join(u' ').contains(u"aoi.geojson"_s));
        QVERIFY(r.notes.join(u' ').contains(u"sign-in"_s));
    }

    void pythonLiteralsForGeometryAndBooleans()
    {
        RequestRecipeInput in;
        in.location = u"http://127.0.0.1:8080"_s;
        in.parameters.intersects = Geometry::fromBox(GeoBox { 0, 0, 1, 1 });
        in.parameters.filter
            = QJsonDocument::fromJson("{\"op\":\"=\",\"args\":[{\"property\":\"sat:anx\"},true]}").object();
        const RequestRecipes r = makeRequestRecipes(in);
        QVERIFY2(r.python.contains(u"    intersects={\"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], "
                                   "\"type\": \"Polygon\"},\n"_s),
            qPrintable(r.python));
        QVERIFY(r.python.contains(u"filter={\"args\": [{\"property\": \"sat:anx\"}, True], \"op\": \"=\"},"_s));
        QVERIFY(r.curl.startsWith(u"curl -sS -X POST http://127.0.0.1:8080/search "_s));
    }
};

QTEST_MAIN(TestRequestRecipes)
#include "tst_requestrecipes.moc"
