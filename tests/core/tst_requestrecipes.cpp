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

    void queryExtensionServerGetsQueryAndANote()
    {
        // A server with the Query extension only: the comparisons travel as "query", the like
        // runs in StacScope, and the note says so.
        RequestRecipeInput in;
        in.location = u"http://127.0.0.1:8080"_s;
        in.filterEncoding = FilterEncoding::QueryExtension;
        in.parameters.filter = QJsonDocument::fromJson(
            "{\"op\":\"and\",\"args\":[{\"op\":\"<=\",\"args\":[{\"property\":\"eo:cloud_cover\"},20]},"
            "{\"op\":\"like\",\"args\":[{\"property\":\"title\"},\"%Paris%\"]}]}")
                                   .object();
        in.parameters.limit = 10;
        const RequestRecipes r = makeRequestRecipes(in);
        QCOMPARE(r.curl,
            u"curl -sS -X POST http://127.0.0.1:8080/search -H 'Content-Type: application/json' --data "
            "'{\"limit\":10,\"query\":{\"eo:cloud_cover\":{\"lte\":20}}}'"_s);
        QVERIFY2(r.python.contains(u"    query={\"eo:cloud_cover\": {\"lte\": 20}},\n"_s), qPrintable(r.python));
        QVERIFY(!r.python.contains(u"filter="_s));
        // The CLI plans the filter itself: it gets all of it.
        QVERIFY(r.cli.contains(u"--filter '{\"args\":[{\"args\":[{\"property\":\"eo:cloud_cover\"},20]"_s));
        QVERIFY2(r.notes.join(u' ').contains(u"like"_s), qPrintable(r.notes.join(u'|')));
    }

    void serverThatCannotFilterGetsNoFilter()
    {
        RequestRecipeInput in;
        in.location = u"http://127.0.0.1:8080/"_s;
        in.filterEncoding = FilterEncoding::Local;
        in.parameters.filter
            = QJsonDocument::fromJson("{\"op\":\"<=\",\"args\":[{\"property\":\"eo:cloud_cover\"},20]}").object();
        in.parameters.limit = 5;
        const RequestRecipes r = makeRequestRecipes(in);
        QCOMPARE(r.curl,
            u"curl -sS -X POST http://127.0.0.1:8080/search -H 'Content-Type: application/json' --data "
            "'{\"limit\":5}'"_s);
        QVERIFY(!r.python.contains(u"filter"_s));
        QVERIFY(r.notes.join(u' ').contains(u"cannot filter"_s));
    }

    void getSearchWithCql2Text()
    {
        // A server searched by GET, with CQL2 text: the query string as StacScope sends it.
        RequestRecipeInput in;
        in.location = u"http://127.0.0.1:8080/"_s;
        in.searchUrl = QUrl(u"http://127.0.0.1:8080/api/search"_s);
        in.get = true;
        in.filterEncoding = FilterEncoding::Cql2Text;
        in.parameters.collections = { u"c1"_s };
        in.parameters.filter
            = QJsonDocument::fromJson("{\"op\":\"<=\",\"args\":[{\"property\":\"eo:cloud_cover\"},20]}").object();
        in.parameters.limit = 5;
        const RequestRecipes r = makeRequestRecipes(in);
        QVERIFY2(r.curl.startsWith(u"curl -sS 'http://127.0.0.1:8080/api/search?"_s), qPrintable(r.curl));
        QVERIFY2(r.curl.contains(u"filter-lang=cql2-text"_s), qPrintable(r.curl));
        QVERIFY(r.curl.contains(u"collections=c1"_s));
        QVERIFY(!r.curl.contains(u"-X POST"_s));
        QVERIFY2(r.python.contains(u"    filter=\"eo:cloud_cover <= 20\",\n    filter_lang=\"cql2-text\",\n"_s),
            qPrintable(r.python));
        QVERIFY(r.python.contains(u"    method=\"GET\",\n"_s));
    }

    void severalCatalogsInOneCliLine()
    {
        RequestRecipeInput api;
        api.name = u"Earth Search"_s;
        api.location = u"https://earth-search.aws.element84.com/v1"_s;
        RequestRecipeInput local;
        local.name = u"My folder"_s;
        local.kind = RequestRecipeInput::Kind::StaticCatalog;
        local.location = u"/data/catalog.json"_s;
        RequestRecipeInput secured;
        secured.name = u"Private"_s;
        secured.location = u"https://stac.example.com"_s;
        secured.headerNames = { u"X-Api-Key"_s };
        QList<RequestRecipeInput> all { api, local, secured };
        for (RequestRecipeInput &in : all) {
            in.parameters.collections = { u"c1"_s };
            in.parameters.limit = 20;
        }
        const RequestRecipes r = makeRequestRecipes(all);
        // The catalogs in order, the search once; the one that needs a header on a line of its own.
        QCOMPARE(r.cli,
            u"stacscope-cli search --api https://earth-search.aws.element84.com/v1 --catalog /data/catalog.json "
            "--collections c1 --limit 20 --out results.geojson\n"
            "\n"
            "# Private\n"
            "stacscope-cli search --api https://stac.example.com --collections c1 --limit 20 "
            "--header \"X-Api-Key: $STACSCOPE_HEADER_X_API_KEY\" --out results.geojson"_s);
        // curl and Python for each STAC API, under its name; none for the static catalog.
        QCOMPARE(r.curl,
            u"# Earth Search\n"
            "curl -sS -X POST https://earth-search.aws.element84.com/v1/search -H 'Content-Type: application/json' "
            "--data '{\"collections\":[\"c1\"],\"limit\":20}'\n"
            "\n"
            "# Private\n"
            "curl -sS -X POST https://stac.example.com/search -H 'Content-Type: application/json' "
            "-H \"X-Api-Key: $STACSCOPE_HEADER_X_API_KEY\" --data '{\"collections\":[\"c1\"],\"limit\":20}'"_s);
        QVERIFY(r.python.startsWith(u"# Earth Search\nfrom pystac_client import Client\n"_s));
        QVERIFY(r.python.contains(u"\n\n# Private\nimport os\n"_s));
        QVERIFY(!r.python.contains(u"My folder"_s));
        const QString notes = r.notes.join(u'|');
        QVERIFY2(notes.contains(u"leaves out Private"_s), qPrintable(notes));
        QVERIFY2(notes.contains(u"My folder: A static catalog has no search endpoint"_s), qPrintable(notes));
        // A note about both STAC APIs names both.
        QVERIFY2(notes.contains(u"Earth Search, Private: curl shows the first page"_s), qPrintable(notes));
    }
};

QTEST_MAIN(TestRequestRecipes)
#include "tst_requestrecipes.moc"
