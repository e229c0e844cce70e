#include <cmath>
#include <limits>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include "src/stac/cql2.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

QJsonValue jsonValue(const QString &text)
{
    // Wrapped so that scalars and arrays parse too.
    const QByteArray wrapped = "[" + text.toUtf8() + "]";
    return QJsonDocument::fromJson(wrapped).array().first();
}

QJsonObject jsonObject(const QString &text)
{
    return jsonValue(text).toObject();
}

QString compact(const QJsonValue &value)
{
    const QByteArray bytes = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(bytes.mid(1, bytes.size() - 2));
}

struct TextCase
{
    const char *name;
    QString text;
    QString json;
};

// Shared by parseText (text -> JSON) and roundTrip (JSON -> text -> JSON).
QList<TextCase> textCases()
{
    return {
        { "number comparison", u"eo:cloud_cover <= 10"_s, u"{'op':'<=','args':[{'property':'eo:cloud_cover'},10]}"_s },
        { "spec example", u"eo:cloud_cover <= 10 AND datetime >= TIMESTAMP('2021-04-08T04:39:23Z')"_s,
            u"{'op':'and','args':[{'op':'<=','args':[{'property':'eo:cloud_cover'},10]},"
            "{'op':'>=','args':[{'property':'datetime'},{'timestamp':'2021-04-08T04:39:23Z'}]}]}"_s },
        { "string equality", u"satl:outcome_id = 'cfa879d1-f136'"_s,
            u"{'op':'=','args':[{'property':'satl:outcome_id'},'cfa879d1-f136']}"_s },
        { "not equal", u"platform <> 'landsat-8'"_s, u"{'op':'<>','args':[{'property':'platform'},'landsat-8']}"_s },
        { "less than float", u"gsd < 1.5"_s, u"{'op':'<','args':[{'property':'gsd'},1.5]}"_s },
        { "greater than negative", u"view:off_nadir > -2"_s,
            u"{'op':'>','args':[{'property':'view:off_nadir'},-2]}"_s },
        { "exponent", u"a >= 1e3"_s, u"{'op':'>=','args':[{'property':'a'},1000]}"_s },
        { "negative exponent", u"a <= -2.5E-2"_s, u"{'op':'<=','args':[{'property':'a'},-0.025]}"_s },
        { "leading dot", u"a = .5"_s, u"{'op':'=','args':[{'property':'a'},0.5]}"_s },
        { "big integer", u"a = 12345678901234"_s, u"{'op':'=','args':[{'property':'a'},12345678901234]}"_s },
        { "literal on the left", u"10 >= eo:cloud_cover"_s,
            u"{'op':'>=','args':[10,{'property':'eo:cloud_cover'}]}"_s },
        { "property to property", u"created < updated"_s,
            u"{'op':'<','args':[{'property':'created'},{'property':'updated'}]}"_s },
        { "properties prefix kept", u"properties.gsd > 5"_s, u"{'op':'>','args':[{'property':'properties.gsd'},5]}"_s },
        { "quoted property", u"\"my prop\" = 1"_s, u"{'op':'=','args':[{'property':'my prop'},1]}"_s },
        { "quoted property with quote", u"\"a\"\"b\" = 1"_s, u"{'op':'=','args':[{'property':'a\\\"b'},1]}"_s },
        { "quoted reserved word", u"\"and\" = 1"_s, u"{'op':'=','args':[{'property':'and'},1]}"_s },
        { "string escape", u"title = 'it''s'"_s, u"{'op':'=','args':[{'property':'title'},'it\\'s']}"_s },
        { "empty string", u"title = ''"_s, u"{'op':'=','args':[{'property':'title'},'']}"_s },
        { "unicode string", u"title = 'São Paulo ✓'"_s, u"{'op':'=','args':[{'property':'title'},'São Paulo ✓']}"_s },
        { "booleans", u"flag = TRUE OR other <> false"_s,
            u"{'op':'or','args':[{'op':'=','args':[{'property':'flag'},true]},"
            "{'op':'<>','args':[{'property':'other'},false]}]}"_s },
        { "date", u"d = DATE('2021-04-08')"_s, u"{'op':'=','args':[{'property':'d'},{'date':'2021-04-08'}]}"_s },
        { "timestamp with offset and fraction", u"datetime < TIMESTAMP('2021-04-08T04:39:23.123+05:30')"_s,
            u"{'op':'<','args':[{'property':'datetime'},{'timestamp':'2021-04-08T04:39:23.123+05:30'}]}"_s },
        { "lower-case keywords", u"a = 1 and b = 2 or not c = 3"_s,
            u"{'op':'or','args':[{'op':'and','args':[{'op':'=','args':[{'property':'a'},1]},"
            "{'op':'=','args':[{'property':'b'},2]}]},{'op':'not','args':[{'op':'=','args':[{'property':'c'},3]}]}]}"_s },
        { "AND binds tighter than OR", u"a = 1 OR b = 2 AND c = 3"_s,
            u"{'op':'or','args':[{'op':'=','args':[{'property':'a'},1]},{'op':'and','args':["
            "{'op':'=','args':[{'property':'b'},2]},{'op':'=','args':[{'property':'c'},3]}]}]}"_s },
        { "parentheses", u"(a = 1 OR b = 2) AND c = 3"_s,
            u"{'op':'and','args':[{'op':'or','args':[{'op':'=','args':[{'property':'a'},1]},"
            "{'op':'=','args':[{'property':'b'},2]}]},{'op':'=','args':[{'property':'c'},3]}]}"_s },
        { "AND chain is flat", u"a = 1 AND b = 2 AND c = 3"_s,
            u"{'op':'and','args':[{'op':'=','args':[{'property':'a'},1]},{'op':'=','args':[{'property':'b'},2]},"
            "{'op':'=','args':[{'property':'c'},3]}]}"_s },
        { "explicit nesting is kept", u"(a = 1 AND b = 2) AND c = 3"_s,
            u"{'op':'and','args':[{'op':'and','args':[{'op':'=','args':[{'property':'a'},1]},"
            "{'op':'=','args':[{'property':'b'},2]}]},{'op':'=','args':[{'property':'c'},3]}]}"_s },
        { "NOT binds tighter than AND", u"NOT a = 1 AND b = 2"_s,
            u"{'op':'and','args':[{'op':'not','args':[{'op':'=','args':[{'property':'a'},1]}]},"
            "{'op':'=','args':[{'property':'b'},2]}]}"_s },
        { "NOT of a group", u"NOT (a = 1 OR b = 2)"_s,
            u"{'op':'not','args':[{'op':'or','args':[{'op':'=','args':[{'property':'a'},1]},"
            "{'op':'=','args':[{'property':'b'},2]}]}]}"_s },
        { "double NOT", u"NOT NOT a = 1"_s,
            u"{'op':'not','args':[{'op':'not','args':[{'op':'=','args':[{'property':'a'},1]}]}]}"_s },
        { "IN", u"sar:product_type IN ('GEO', 'SLC')"_s,
            u"{'op':'in','args':[{'property':'sar:product_type'},['GEO','SLC']]}"_s },
        { "NOT IN numbers", u"gsd NOT IN (10, 20.5)"_s,
            u"{'op':'not','args':[{'op':'in','args':[{'property':'gsd'},[10,20.5]]}]}"_s },
        { "BETWEEN", u"gsd BETWEEN 1 AND 5"_s, u"{'op':'between','args':[{'property':'gsd'},1,5]}"_s },
        { "BETWEEN then AND", u"gsd BETWEEN 1 AND 5 AND a = 1"_s,
            u"{'op':'and','args':[{'op':'between','args':[{'property':'gsd'},1,5]},"
            "{'op':'=','args':[{'property':'a'},1]}]}"_s },
        { "NOT BETWEEN", u"gsd NOT BETWEEN 1 AND 5"_s,
            u"{'op':'not','args':[{'op':'between','args':[{'property':'gsd'},1,5]}]}"_s },
        { "LIKE", u"id LIKE 'S2%'"_s, u"{'op':'like','args':[{'property':'id'},'S2%']}"_s },
        { "NOT LIKE", u"id NOT LIKE 'S2_A%'"_s,
            u"{'op':'not','args':[{'op':'like','args':[{'property':'id'},'S2_A%']}]}"_s },
        { "IS NULL", u"eo:cloud_cover IS NULL"_s, u"{'op':'isNull','args':[{'property':'eo:cloud_cover'}]}"_s },
        { "IS NOT NULL", u"eo:cloud_cover is not null"_s,
            u"{'op':'not','args':[{'op':'isNull','args':[{'property':'eo:cloud_cover'}]}]}"_s },
        { "CASEI", u"CASEI(platform) = casei('Sentinel-2A')"_s,
            u"{'op':'=','args':[{'op':'casei','args':[{'property':'platform'}]},"
            "{'op':'casei','args':['Sentinel-2A']}]}"_s },
        { "ACCENTI in LIKE", u"ACCENTI(title) LIKE ACCENTI('Sao%')"_s,
            u"{'op':'like','args':[{'op':'accenti','args':[{'property':'title'}]},{'op':'accenti','args':['Sao%']}]}"_s },
        { "bare TRUE operand", u"TRUE AND a = 1"_s,
            u"{'op':'and','args':[true,{'op':'=','args':[{'property':'a'},1]}]}"_s },
        { "polygon", u"S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0)))"_s,
            u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Polygon','coordinates':"
            "[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}]}"_s },
        { "polygon with hole", u"S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 0), (1 1, 2 1, 2 2, 1 1)))"_s,
            u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Polygon','coordinates':"
            "[[[0,0],[10,0],[10,10],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}]}"_s },
        { "point", u"S_INTERSECTS(geometry, POINT(-122.5 37.25))"_s,
            u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Point','coordinates':[-122.5,37.25]}]}"_s },
        { "point Z", u"s_intersects(geometry, point z(1 2 3))"_s,
            u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Point','coordinates':[1,2,3]}]}"_s },
        { "linestring", u"S_CROSSES(geometry, LINESTRING(0 0, 1 1, 2 0))"_s,
            u"{'op':'s_crosses','args':[{'property':'geometry'},{'type':'LineString','coordinates':"
            "[[0,0],[1,1],[2,0]]}]}"_s },
        { "multipoint", u"S_INTERSECTS(geometry, MULTIPOINT((1 2), (3 4)))"_s,
            u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'MultiPoint','coordinates':"
            "[[1,2],[3,4]]}]}"_s },
        { "multilinestring", u"S_INTERSECTS(geometry, MULTILINESTRING((0 0, 1 1), (2 2, 3 3)))"_s,
            u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'MultiLineString','coordinates':"
            "[[[0,0],[1,1]],[[2,2],[3,3]]]}]}"_s },
        { "multipolygon", u"S_WITHIN(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5))))"_s,
            u"{'op':'s_within','args':[{'property':'geometry'},{'type':'MultiPolygon','coordinates':"
            "[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}]}"_s },
        { "geometry collection", u"S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1)))"_s,
            u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'GeometryCollection','geometries':"
            "[{'type':'Point','coordinates':[1,2]},{'type':'LineString','coordinates':[[0,0],[1,1]]}]}]}"_s },
        { "bbox", u"S_INTERSECTS(geometry, BBOX(-10.5, 40, 12, 42.25))"_s,
            u"{'op':'s_intersects','args':[{'property':'geometry'},{'bbox':[-10.5,40,12,42.25]}]}"_s },
        { "antimeridian bbox", u"S_INTERSECTS(geometry, BBOX(170, -10, -170, 10))"_s,
            u"{'op':'s_intersects','args':[{'property':'geometry'},{'bbox':[170,-10,-170,10]}]}"_s },
        { "literal first", u"S_DISJOINT(BBOX(0, 0, 1, 1), geometry)"_s,
            u"{'op':'s_disjoint','args':[{'bbox':[0,0,1,1]},{'property':'geometry'}]}"_s },
        { "temporal interval", u"T_INTERSECTS(datetime, INTERVAL('2021-01-01', '..'))"_s,
            u"{'op':'t_intersects','args':[{'property':'datetime'},{'interval':['2021-01-01','..']}]}"_s },
        { "temporal properties",
            u"T_DURING(INTERVAL(start_datetime, end_datetime), INTERVAL('2021-01-01T00:00:00Z', "
            "'2021-12-31T23:59:59Z'))"_s,
            u"{'op':'t_during','args':[{'interval':[{'property':'start_datetime'},{'property':'end_datetime'}]},"
            "{'interval':['2021-01-01T00:00:00Z','2021-12-31T23:59:59Z']}]}"_s },
        { "t_finishedBy spelling", u"T_FINISHEDBY(datetime, TIMESTAMP('2021-01-01T00:00:00Z'))"_s,
            u"{'op':'t_finishedBy','args':[{'property':'datetime'},{'timestamp':'2021-01-01T00:00:00Z'}]}"_s },
        { "array function", u"A_CONTAINS(tags, ('a', 'b'))"_s,
            u"{'op':'a_contains','args':[{'property':'tags'},['a','b']]}"_s },
        { "whitespace", u"  a\n=\t1  "_s, u"{'op':'=','args':[{'property':'a'},1]}"_s },
        { "function names as properties", u"date = 1 AND bbox = 2"_s,
            u"{'op':'and','args':[{'op':'=','args':[{'property':'date'},1]},{'op':'=','args':[{'property':'bbox'},2]}]}"_s },
    };
}

// Single quotes keep the tables readable; none of the cases needs a literal ' in its JSON.
QJsonObject tableJson(const QString &text)
{
    QString json = text;
    json.replace(u"\\'"_s, u"\u0001"_s).replace(u'\'', u'"').replace(u"\u0001"_s, u"'"_s);
    return jsonObject(json);
}

QJsonObject exampleItem()
{
    return jsonObject(uR"({
        "id": "S2A_MSIL2A_20210408", "collection": "sentinel-2-l2a",
        "properties": {
            "datetime": "2021-04-08T04:39:23Z", "created": "2021-04-08T05:00:00+02:00",
            "eo:cloud_cover": 12.5, "gsd": 10, "platform": "sentinel-2a", "title": "São Paulo",
            "flag": true, "nullprop": null, "tags": ["a", "b"], "nested": {"x": 1},
            "range": ["2021-04-01T00:00:00Z", null]
        }
    })"_s);
}

// Bounding box of all positions in a GeoJSON coordinates array.
void extend(const QJsonValue &coordinates, double box[4])
{
    const QJsonArray array = coordinates.toArray();
    if (!array.isEmpty() && array.first().isDouble()) {
        box[0] = std::min(box[0], array.at(0).toDouble());
        box[1] = std::min(box[1], array.at(1).toDouble());
        box[2] = std::max(box[2], array.at(0).toDouble());
        box[3] = std::max(box[3], array.at(1).toDouble());
        return;
    }
    for (const QJsonValue &child : array) {
        extend(child, box);
    }
}

// The item in exampleItem() covers [10, 40, 12, 42]; the spatial test is a bbox overlap.
Cql2::EvaluationContext contextFor(const QJsonObject &item)
{
    Cql2::EvaluationContext context;
    context.property = [item](const QString &name) {
        if (name == u"id" || name == u"collection") {
            return item.value(name);
        }
        return item.value(u"properties"_s).toObject().value(name);
    };
    context.spatial = [](const QString &op, const QJsonObject &geometry) {
        constexpr double inf = std::numeric_limits<double>::infinity();
        double box[4] = { inf, inf, -inf, -inf };
        extend(geometry.value(u"coordinates"_s), box);
        const bool overlaps = box[0] <= 12 && box[2] >= 10 && box[1] <= 42 && box[3] >= 40;
        return op == u"s_disjoint" ? !overlaps : overlaps;
    };
    return context;
}

} // namespace

class TestCql2 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseText_data();
    void parseText();
    void parseTextErrors_data();
    void parseTextErrors();
    void deepNesting();
    void validate_data();
    void validate();
    void timestamps_data();
    void timestamps();
    void toText_data();
    void toText();
    void toTextRejectsInvalid();
    void roundTrip_data();
    void roundTrip();
    void parseDispatch_data();
    void parseDispatch();
    void evaluate_data();
    void evaluate();
    void spatialCallback_data();
    void spatialCallback();
    void evaluateWithoutCallbacks();
    void evaluateUnvalidated_data();
    void evaluateUnvalidated();
    void fuzzText();
    void fuzzJson();
};

void TestCql2::parseText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("json");
    for (const TextCase &c : textCases()) {
        QTest::newRow(c.name) << c.text << c.json;
    }
}

void TestCql2::parseText()
{
    QFETCH(QString, text);
    QFETCH(QString, json);
    const QJsonObject expected = tableJson(json);
    QVERIFY2(!expected.isEmpty(), "bad JSON in the test table");
    const Cql2::ParseResult result = Cql2::parseText(text);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(compact(result.expression), compact(expected));
    QVERIFY(result.expression == expected);
    QCOMPARE(Cql2::validate(result.expression), QString());
}

void TestCql2::parseTextErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("unclosed paren") << u"(a = 1 AND b = 2"_s << u"at column 17: expected ')' but found end of input"_s;
    QTest::newRow("unclosed nested") << u"((a = 1) OR (b = 2)"_s
                                     << u"at column 20: expected ')' but found end of input"_s;
    QTest::newRow("stray close paren") << u"a = 1)"_s
                                       << u"at column 6: expected AND, OR or end of input but found ')'"_s;
    QTest::newRow("call not closed") << u"d = DATE('2021-04-08' AND e = 1"_s
                                     << u"at column 23: expected ')' but found 'AND'"_s;
    QTest::newRow("IN list not closed") << u"a IN ('x', 'y' AND b = 1"_s
                                        << u"at column 16: expected ',' or ')' but found 'AND'"_s;
    QTest::newRow("empty IN list") << u"a IN ()"_s << u"at column 7: expected a value but found ')'"_s;
    QTest::newRow("IN without list") << u"a IN 'x'"_s << u"at column 6: expected '(' after IN but found string 'x'"_s;
    QTest::newRow("double equals") << u"a == 1"_s << u"at column 4: expected a value but found '='"_s;
    QTest::newRow("bang equals") << u"a != 1"_s << u"at column 3: unknown operator '!=' (use '<>')"_s;
    QTest::newRow("unknown function") << u"FOO(a) = 1"_s << u"at column 1: unknown function 'FOO'"_s;
    QTest::newRow("predicate as value") << u"S_INTERSECTS(geometry, S_WITHIN(a, b))"_s
                                        << u"at column 24: S_WITHIN is a predicate, not a value"_s;
    QTest::newRow("too few spatial args")
        << u"S_INTERSECTS(geometry)"_s << u"at column 22: S_INTERSECTS takes 2 arguments but got 1"_s;
    QTest::newRow("too many spatial args")
        << u"S_INTERSECTS(geometry, BBOX(0,0,1,1), 3)"_s << u"at column 37: S_INTERSECTS takes 2 arguments"_s;
    QTest::newRow("spatial arg missing comma")
        << u"S_INTERSECTS(geometry AND"_s << u"at column 23: expected ',' but found 'AND'"_s;
    QTest::newRow("CASEI two args") << u"CASEI(a, b) = 'x'"_s << u"at column 8: CASEI takes 1 argument"_s;
    QTest::newRow("TIMESTAMP two args") << u"t = TIMESTAMP('2021-04-08T00:00:00Z', 'x')"_s
                                        << u"at column 37: TIMESTAMP takes 1 argument"_s;
    QTest::newRow("BBOX three numbers") << u"S_INTERSECTS(geometry, BBOX(0, 0, 1))"_s
                                        << u"at column 24: BBOX takes 4 or 6 numbers but got 3"_s;
    QTest::newRow("BBOX out of range")
        << u"S_INTERSECTS(geometry, BBOX(0, 95, 1, 96))"_s
        << u"at column 24: bbox out of range (west/east in [-180, 180], south <= north in [-90, 90])"_s;
    QTest::newRow("bad timestamp") << u"datetime > TIMESTAMP('2021-13-08T00:00:00Z')"_s
                                   << u"at column 22: invalid timestamp '2021-13-08T00:00:00Z' (expected RFC 3339, "
                                      "e.g. 2021-04-08T04:39:23Z)"_s;
    QTest::newRow("timestamp without zone")
        << u"datetime > TIMESTAMP('2021-04-08T04:39:23')"_s
        << u"at column 22: invalid timestamp '2021-04-08T04:39:23' (expected RFC 3339, e.g. 2021-04-08T04:39:23Z)"_s;
    QTest::newRow("timestamp not a string")
        << u"datetime > TIMESTAMP(2021)"_s << u"at column 22: expected a quoted timestamp but found '2021'"_s;
    QTest::newRow("bad date") << u"d = DATE('2021-02-30')"_s
                              << u"at column 10: invalid date '2021-02-30' (expected YYYY-MM-DD)"_s;
    QTest::newRow("bad interval bound")
        << u"T_INTERSECTS(datetime, INTERVAL('2021-01-01', 'soon'))"_s
        << u"at column 47: invalid interval bound 'soon' (expected a timestamp, a date or '..')"_s;
    QTest::newRow("reversed interval") << u"T_DURING(datetime, INTERVAL('2022-01-01', '2021-01-01'))"_s
                                       << u"at column 20: the interval starts after it ends"_s;
    QTest::newRow("unterminated string") << u"id = 'abc"_s
                                         << u"at column 6: unterminated string (the quote opened here is never "
                                            "closed)"_s;
    QTest::newRow("unterminated after doubled quote") << u"id = 'it''s"_s
                                                      << u"at column 6: unterminated string (the quote opened here "
                                                         "is never closed)"_s;
    QTest::newRow("unterminated quoted name") << u"\"abc = 1"_s << u"at column 1: unterminated quoted property name"_s;
    QTest::newRow("syntax error before lexical error")
        << u"a = = 'abc"_s << u"at column 5: expected a value but found '='"_s;
    QTest::newRow("empty") << QString() << u"at column 1: empty expression"_s;
    QTest::newRow("blank") << u"   "_s << u"at column 1: empty expression"_s;
    QTest::newRow("missing right operand") << u"a = "_s << u"at column 5: expected a value but found end of input"_s;
    QTest::newRow("property alone")
        << u"a"_s << u"at column 2: expected a comparison operator, LIKE, BETWEEN, IN or IS but found end of input"_s;
    QTest::newRow("two properties") << u"a b"_s
                                    << u"at column 3: expected a comparison operator, LIKE, BETWEEN, IN or IS but "
                                       "found 'b'"_s;
    QTest::newRow("IS without NULL") << u"a IS 5"_s << u"at column 6: expected NULL but found '5'"_s;
    QTest::newRow("NOT before =") << u"a NOT = 1"_s
                                  << u"at column 7: expected LIKE, BETWEEN or IN after NOT but found '='"_s;
    QTest::newRow("BETWEEN with OR") << u"a BETWEEN 1 OR 5"_s << u"at column 13: expected AND but found 'OR'"_s;
    QTest::newRow("leading AND") << u"AND a = 1"_s << u"at column 1: expected an expression but found 'AND'"_s;
    QTest::newRow("trailing AND") << u"a = 1 AND"_s << u"at column 10: expected an expression but found end of input"_s;
    QTest::newRow("bare TRUE") << u"TRUE"_s << u"at column 1: a filter must be a predicate, not a bare TRUE or FALSE"_s;
    QTest::newRow("geometry in comparison") << u"a = POINT(1 2)"_s
                                            << u"at column 5: '=' does not accept a geometry here; expected a "
                                               "property, string, number, boolean, timestamp or date"_s;
    QTest::newRow("number in spatial") << u"S_INTERSECTS(geometry, 5)"_s
                                       << u"at column 24: S_INTERSECTS does not accept a number here; expected a "
                                          "property, geometry or bbox"_s;
    QTest::newRow("LIKE number") << u"a LIKE 5"_s
                                 << u"at column 8: LIKE does not accept a number here; expected a string pattern"_s;
    QTest::newRow("short ring") << u"S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1)))"_s
                                << u"at column 24: Polygon ring 1 needs at least 4 positions but has 3"_s;
    QTest::newRow("open ring") << u"S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))"_s
                               << u"at column 24: Polygon ring 1 is not closed (its first and last positions differ)"_s;
    QTest::newRow("one coordinate") << u"S_INTERSECTS(geometry, POINT(1))"_s
                                    << u"at column 31: expected a coordinate but found ')'"_s;
    QTest::newRow("four coordinates") << u"S_INTERSECTS(geometry, POINT(1 2 3 4))"_s
                                      << u"at column 36: a position has at most 3 coordinates"_s;
    QTest::newRow("single-point linestring") << u"S_CROSSES(geometry, LINESTRING(1 2))"_s
                                             << u"at column 21: LineString needs at least 2 positions but has 1"_s;
    QTest::newRow("bad number") << u"a = 12abc"_s << u"at column 5: invalid number '12abc'"_s;
    QTest::newRow("two dots") << u"a = 1.2.3"_s << u"at column 5: invalid number '1.2.3'"_s;
    QTest::newRow("huge number") << u"a = 1e999"_s << u"at column 5: invalid number '1e999'"_s;
    QTest::newRow("dangling exponent") << u"a = 1e"_s << u"at column 5: invalid number '1e'"_s;
    QTest::newRow("odd character") << u"a = 1 AND b = #"_s << u"at column 15: unexpected character '#'"_s;
    QTest::newRow("empty quoted name") << u"\"\" = 1"_s << u"at column 1: empty property name"_s;
    QTest::newRow("list in comparison") << u"A_CONTAINS(tags, ('a', POINT(1 2)))"_s
                                        << u"at column 24: a list cannot contain a geometry"_s;
}

void TestCql2::parseTextErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const Cql2::ParseResult result = Cql2::parseText(text);
    QVERIFY(!result.ok());
    QCOMPARE(result.error, error);
    QVERIFY(result.expression.isEmpty());
}

void TestCql2::deepNesting()
{
    // Deep input must fail cleanly, not overflow the stack.
    const QString parens = QString(5000, u'(') + u"a = 1"_s + QString(5000, u')');
    Cql2::ParseResult result = Cql2::parseText(parens);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(u"nested too deeply"_s), qPrintable(result.error));
    QVERIFY(result.error.startsWith(u"at column "_s));

    result = Cql2::parseText(u"NOT "_s.repeated(5000) + u"a = 1"_s);
    QVERIFY2(result.error.contains(u"nested too deeply"_s), qPrintable(result.error));

    result = Cql2::parseText(u"CASEI("_s.repeated(5000) + u"a"_s + QString(5000, u')') + u" = 'x'"_s);
    QVERIFY2(result.error.contains(u"nested too deeply"_s), qPrintable(result.error));

    // A moderately nested expression is fine.
    result = Cql2::parseText(QString(50, u'(') + u"a = 1"_s + QString(50, u')'));
    QVERIFY2(result.ok(), qPrintable(result.error));

    QJsonObject deep = jsonObject(u"{\"op\":\"=\",\"args\":[{\"property\":\"a\"},1]}"_s);
    for (int i = 0; i < 500; ++i) {
        deep = QJsonObject { { u"op"_s, u"not"_s }, { u"args"_s, QJsonArray { deep } } };
    }
    QVERIFY(Cql2::validate(deep).contains(u"nested too deeply"_s));
    QString error;
    QCOMPARE(Cql2::toText(deep, &error), QString());
    QVERIFY(error.contains(u"nested too deeply"_s));
    QCOMPARE(Cql2::evaluate(deep, contextFor(exampleItem())), false);
}

void TestCql2::validate_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");
    const QString ok;
    QTest::newRow("comparison") << u"{'op':'=','args':[{'property':'a'},1]}"_s << ok;
    QTest::newRow("upper-case op") << u"{'op':'AND','args':[true,{'op':'S_INTERSECTS','args':[{'property':'geometry'},"
                                      "{'bbox':[0,0,1,1]}]}]}"_s
                                   << ok;
    QTest::newRow("6-number bbox")
        << u"{'op':'s_intersects','args':[{'property':'geometry'},{'bbox':[0,0,-5,1,1,5]}]}"_s << ok;
    QTest::newRow("3D polygon") << u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Polygon',"
                                   "'coordinates':[[[0,0,1],[1,0,1],[1,1,1],[0,0,1]]]}]}"_s
                                << ok;
    QTest::newRow("array ops") << u"{'op':'a_containedby','args':[{'property':'tags'},['a',1,true]]}"_s << ok;
    QTest::newRow("not an object") << u"[1]"_s
                                   << u"at $: expected an object with \"op\" and \"args\" but found an array"_s;
    QTest::newRow("top-level boolean") << u"true"_s
                                       << u"at $: expected an object with \"op\" and \"args\" but found a boolean"_s;
    QTest::newRow("no op") << u"{'args':[]}"_s << u"at $: expected an object with \"op\" and \"args\""_s;
    QTest::newRow("unknown operator") << u"{'op':'like_regex','args':[]}"_s << u"at $: unknown operator 'like_regex'"_s;
    QTest::newRow("no args") << u"{'op':'='}"_s << u"at $: operator '=' needs an \"args\" array"_s;
    QTest::newRow("args not an array") << u"{'op':'=','args':{}}"_s << u"at $: operator '=' needs an \"args\" array"_s;
    QTest::newRow("nested arity") << u"{'op':'and','args':[true,{'op':'=','args':[{'property':'a'}]}]}"_s
                                  << u"at $.args[1]: operator '=' expects 2 arguments but got 1"_s;
    QTest::newRow("between arity") << u"{'op':'between','args':[{'property':'a'},1]}"_s
                                   << u"at $: operator 'between' expects 3 arguments but got 2"_s;
    QTest::newRow("and arity") << u"{'op':'and','args':[true]}"_s
                               << u"at $: operator 'and' expects at least 2 arguments but got 1"_s;
    QTest::newRow("isNull arity") << u"{'op':'isNull','args':[{'property':'a'},{'property':'b'}]}"_s
                                  << u"at $: operator 'isNull' expects 1 argument but got 2"_s;
    QTest::newRow("not arity") << u"{'op':'not','args':[]}"_s << u"at $: operator 'not' expects 1 argument but got 0"_s;
    QTest::newRow("bad timestamp") << u"{'op':'>','args':[{'property':'datetime'},{'timestamp':'2021-04-08'}]}"_s
                                   << u"at $.args[1]: invalid timestamp '2021-04-08' (expected RFC 3339, e.g. "
                                      "2021-04-08T04:39:23Z)"_s;
    QTest::newRow("bad date") << u"{'op':'>','args':[{'property':'d'},{'date':'08.04.2021'}]}"_s
                              << u"at $.args[1]: invalid date '08.04.2021' (expected YYYY-MM-DD)"_s;
    QTest::newRow("like number") << u"{'op':'like','args':[{'property':'id'},5]}"_s
                                 << u"at $.args[1]: 'like' does not accept a number here; expected a string "
                                    "pattern"_s;
    QTest::newRow("in without list") << u"{'op':'in','args':[{'property':'a'},'x']}"_s
                                     << u"at $.args[1]: 'in' does not accept a string here; expected a list of "
                                        "values"_s;
    QTest::newRow("in empty list") << u"{'op':'in','args':[{'property':'a'},[]]}"_s
                                   << u"at $.args[1]: the list of 'in' must not be empty"_s;
    QTest::newRow("in list with geometry")
        << u"{'op':'in','args':[{'property':'a'},['x',{'type':'Point','coordinates':[1,2]}]]}"_s
        << u"at $.args[1][1]: a list cannot contain a geometry"_s;
    QTest::newRow("short position")
        << u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Point','coordinates':[1]}]}"_s
        << u"at $.args[1]: a position must be an array of 2 or 3 numbers"_s;
    QTest::newRow("unknown geometry")
        << u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Circle','coordinates':[1,2]}]}"_s
        << u"at $.args[1]: unknown geometry type 'Circle'"_s;
    QTest::newRow("empty collection")
        << u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'GeometryCollection','geometries':[]}]}"_s
        << u"at $.args[1]: GeometryCollection \"geometries\" must be a non-empty array"_s;
    QTest::newRow("bbox out of range")
        << u"{'op':'s_intersects','args':[{'property':'geometry'},{'bbox':[0,10,1,5]}]}"_s
        << u"at $.args[1]: bbox out of range (west/east in [-180, 180], south <= north in [-90, 90])"_s;
    QTest::newRow("bbox of strings") << u"{'op':'s_intersects','args':[{'property':'geometry'},{'bbox':['0',0,1,1]}]}"_s
                                     << u"at $.args[1]: a bbox must contain only finite numbers"_s;
    QTest::newRow("empty property") << u"{'op':'=','args':[{'property':''},1]}"_s
                                    << u"at $.args[0]: \"property\" must be a non-empty string"_s;
    QTest::newRow("null argument") << u"{'op':'=','args':[{'property':'a'},null]}"_s
                                   << u"at $.args[1]: null is not a value (use isNull to test for missing "
                                      "properties)"_s;
    QTest::newRow("function as predicate")
        << u"{'op':'casei','args':['a']}"_s << u"at $: 'casei' is a function, not a predicate"_s;
    QTest::newRow("casei of number") << u"{'op':'=','args':[{'op':'casei','args':[5]},'x']}"_s
                                     << u"at $.args[0]: 'casei' does not accept a number; expected a property or "
                                        "string"_s;
    QTest::newRow("predicate as operand")
        << u"{'op':'=','args':[{'op':'=','args':[{'property':'a'},1]},true]}"_s
        << u"at $.args[0]: '=' does not accept a predicate here; expected a property, string, number, boolean, "
           "timestamp or date"_s;
    QTest::newRow("string where predicate expected") << u"{'op':'or','args':[true,'yes']}"_s
                                                     << u"at $.args[1]: expected an object with \"op\" and \"args\" "
                                                        "but found a string"_s;
    QTest::newRow("unknown value object") << u"{'op':'=','args':[{'foo':1},1]}"_s
                                          << u"at $.args[0]: unrecognised value; expected a property, timestamp, "
                                             "date, interval, bbox or GeoJSON geometry"_s;
    QTest::newRow("interval of three") << u"{'op':'t_during','args':[{'property':'datetime'},{'interval':['..','..',"
                                          "'..']}]}"_s
                                       << u"at $.args[1]: an interval must be an array of 2 bounds"_s;
    QTest::newRow("temporal with number") << u"{'op':'t_after','args':[{'property':'datetime'},2021]}"_s
                                          << u"at $.args[1]: 't_after' does not accept a number here; expected a "
                                             "property, timestamp, date or interval"_s;
}

void TestCql2::validate()
{
    QFETCH(QString, json);
    QFETCH(QString, error);
    QString text = json;
    text.replace(u'\'', u'"');
    const QJsonValue value = jsonValue(text);
    QVERIFY2(!value.isUndefined(), "bad JSON in the test table");
    QCOMPARE(Cql2::validate(value), error);
}

void TestCql2::timestamps_data()
{
    QTest::addColumn<QString>("timestamp");
    QTest::addColumn<bool>("valid");
    QTest::newRow("Z") << u"2021-04-08T04:39:23Z"_s << true;
    QTest::newRow("millis") << u"2021-04-08T04:39:23.123Z"_s << true;
    QTest::newRow("micros") << u"2021-04-08T04:39:23.123456Z"_s << true;
    QTest::newRow("offset") << u"2021-04-08T04:39:23+05:30"_s << true;
    QTest::newRow("negative offset") << u"2021-04-08T04:39:23.5-08:00"_s << true;
    QTest::newRow("lower case") << u"2021-04-08t04:39:23z"_s << true;
    QTest::newRow("no zone") << u"2021-04-08T04:39:23"_s << false;
    QTest::newRow("date only") << u"2021-04-08"_s << false;
    QTest::newRow("space separator") << u"2021-04-08 04:39:23Z"_s << false;
    QTest::newRow("hour 24") << u"2021-04-08T24:00:00Z"_s << false;
    QTest::newRow("no such day") << u"2021-02-30T00:00:00Z"_s << false;
    QTest::newRow("leap second") << u"2021-04-08T23:59:60Z"_s << false;
    QTest::newRow("empty fraction") << u"2021-04-08T04:39:23.Z"_s << false;
    QTest::newRow("short offset") << u"2021-04-08T04:39:23+0530"_s << false;
    QTest::newRow("trailing text") << u"2021-04-08T04:39:23Zx"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestCql2::timestamps()
{
    QFETCH(QString, timestamp);
    QFETCH(bool, valid);
    const QJsonObject expression { { u"op"_s, u"="_s },
        { u"args"_s,
            QJsonArray {
                QJsonObject { { u"property"_s, u"datetime"_s } }, QJsonObject { { u"timestamp"_s, timestamp } } } } };
    QCOMPARE(Cql2::validate(expression).isEmpty(), valid);
    const Cql2::ParseResult parsed = Cql2::parseText(u"datetime = TIMESTAMP('"_s + timestamp + u"')"_s);
    QCOMPARE(parsed.ok(), valid);
    if (!valid) {
        QVERIFY2(parsed.error.startsWith(u"at column 22: invalid timestamp"_s), qPrintable(parsed.error));
    }
}

void TestCql2::toText_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("text");
    QTest::newRow("spec example")
        << u"{'op':'and','args':[{'op':'<=','args':[{'property':'eo:cloud_cover'},10]},{'op':'>=','args':["
           "{'property':'datetime'},{'timestamp':'2021-04-08T04:39:23Z'}]}]}"_s
        << u"eo:cloud_cover <= 10 AND datetime >= TIMESTAMP('2021-04-08T04:39:23Z')"_s;
    QTest::newRow("numbers") << u"{'op':'or','args':[{'op':'=','args':[{'property':'a'},0.1]},{'op':'=','args':["
                                "{'property':'b'},1e20]},{'op':'=','args':[{'property':'c'},-3.0]}]}"_s
                             << u"a = 0.1 OR b = 1e+20 OR c = -3"_s;
    QTest::newRow("string quoting") << u"{'op':'=','args':[{'property':'title'},'it\\'s']}"_s << u"title = 'it''s'"_s;
    QTest::newRow("property quoting")
        << u"{'op':'and','args':[{'op':'=','args':[{'property':'my prop'},1]},{'op':'=','args':[{'property':'Or'},"
           "2]},{'op':'=','args':[{'property':'2fast'},3]},{'op':'=','args':[{'property':'a\\\"b'},4]}]}"_s
        << u"\"my prop\" = 1 AND \"Or\" = 2 AND \"2fast\" = 3 AND \"a\"\"b\" = 4"_s;
    QTest::newRow("nested groups") << u"{'op':'and','args':[{'op':'or','args':[{'op':'=','args':[{'property':'a'},1]},"
                                      "{'op':'=','args':[{'property':'b'},2]}]},{'op':'not','args':[{'op':'=','args':["
                                      "{'property':'c'},3]}]}]}"_s
                                   << u"(a = 1 OR b = 2) AND NOT (c = 3)"_s;
    QTest::newRow("negated forms")
        << u"{'op':'or','args':[{'op':'not','args':[{'op':'isNull','args':[{'property':'a'}]}]},{'op':'not','args':["
           "{'op':'like','args':[{'property':'b'},'x%']}]},{'op':'not','args':[{'op':'in','args':[{'property':'c'},"
           "[1,2]]}]},{'op':'not','args':[{'op':'between','args':[{'property':'d'},1,2]}]}]}"_s
        << u"a IS NOT NULL OR b NOT LIKE 'x%' OR c NOT IN (1, 2) OR d NOT BETWEEN 1 AND 2"_s;
    QTest::newRow("booleans") << u"{'op':'and','args':[true,{'op':'=','args':[{'property':'f'},false]}]}"_s
                              << u"TRUE AND f = FALSE"_s;
    QTest::newRow("polygon") << u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Polygon','coordinates':"
                                "[[[0,0],[10.5,0],[10.5,10],[0,0]]]}]}"_s
                             << u"S_INTERSECTS(geometry, POLYGON((0 0, 10.5 0, 10.5 10, 0 0)))"_s;
    QTest::newRow("point Z") << u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Point','coordinates':"
                                "[1,2,3]}]}"_s
                             << u"S_INTERSECTS(geometry, POINT Z(1 2 3))"_s;
    QTest::newRow("multipoint") << u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'MultiPoint',"
                                   "'coordinates':[[1,2],[3,4]]}]}"_s
                                << u"S_INTERSECTS(geometry, MULTIPOINT((1 2), (3 4)))"_s;
    QTest::newRow("multipolygon")
        << u"{'op':'s_within','args':[{'property':'geometry'},{'type':'MultiPolygon','coordinates':[[[[0,0],[1,0],"
           "[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}]}"_s
        << u"S_WITHIN(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5))))"_s;
    QTest::newRow("bbox") << u"{'op':'s_intersects','args':[{'property':'geometry'},{'bbox':[170,-10,-170,10]}]}"_s
                          << u"S_INTERSECTS(geometry, BBOX(170, -10, -170, 10))"_s;
    QTest::newRow("interval and date")
        << u"{'op':'or','args':[{'op':'t_during','args':[{'property':'datetime'},{'interval':['2021-01-01','..']}]},"
           "{'op':'t_finishedBy','args':[{'property':'datetime'},{'date':'2021-04-08'}]}]}"_s
        << u"T_DURING(datetime, INTERVAL('2021-01-01', '..')) OR T_FINISHEDBY(datetime, DATE('2021-04-08'))"_s;
    QTest::newRow("casei and lists")
        << u"{'op':'and','args':[{'op':'in','args':[{'op':'casei','args':[{'property':'p'}]},['a','b']]},{'op':"
           "'a_overlaps','args':[{'property':'tags'},['x']]}]}"_s
        << u"CASEI(p) IN ('a', 'b') AND A_OVERLAPS(tags, ('x'))"_s;
}

void TestCql2::toText()
{
    QFETCH(QString, json);
    QFETCH(QString, text);
    const QJsonObject expression = tableJson(json);
    QVERIFY2(!expression.isEmpty(), "bad JSON in the test table");
    QString error = u"stale"_s;
    QCOMPARE(Cql2::toText(expression, &error), text);
    QCOMPARE(error, QString());
    // And back.
    const Cql2::ParseResult parsed = Cql2::parseText(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QVERIFY(parsed.expression == expression);
}

void TestCql2::toTextRejectsInvalid()
{
    QString error;
    QCOMPARE(Cql2::toText(jsonObject(u"{\"op\":\"~\",\"args\":[1,2]}"_s), &error), QString());
    QCOMPARE(error, u"at $: unknown operator '~'"_s);
    const QJsonObject infinite { { u"op"_s, u"="_s },
        { u"args"_s,
            QJsonArray { QJsonObject { { u"property"_s, u"a"_s } }, std::numeric_limits<double>::infinity() } } };
    QCOMPARE(Cql2::toText(infinite, &error), QString());
    QVERIFY(!error.isEmpty());
    QCOMPARE(Cql2::toText(QJsonObject()), QString()); // no error pointer: must not crash
}

void TestCql2::roundTrip_data()
{
    QTest::addColumn<QString>("json");
    for (const TextCase &c : textCases()) {
        QTest::newRow(c.name) << c.json;
    }
    QTest::newRow("shortest doubles") << u"{'op':'in','args':[{'property':'a'},[0.1,1e-7,123456.789,"
                                         "0.3333333333333333,9.2233720368547758e18,-0,1e300]]}"_s;
    QTest::newRow("control characters") << u"{'op':'=','args':[{'property':'a'},'line\\nbreak\\ttab']}"_s;
    QTest::newRow("3D multipolygon")
        << u"{'op':'s_intersects','args':[{'property':'geometry'},{'type':'MultiPolygon','coordinates':[[[[0,0,1],"
           "[1,0,1],[1,1,1],[0,0,1]]]]}]}"_s;
    QTest::newRow("6-number bbox")
        << u"{'op':'s_intersects','args':[{'property':'geometry'},{'bbox':[0,0,-5,1,1,5]}]}"_s;
    QTest::newRow("nested or in and in or")
        << u"{'op':'or','args':[{'op':'and','args':[{'op':'or','args':[true,false]},true]},false]}"_s;
    QTest::newRow("timestamp vs property lists")
        << u"{'op':'in','args':[{'property':'d'},[{'timestamp':'2021-01-01T00:00:00Z'},{'date':'2021-01-02'},"
           "{'property':'other'}]]}"_s;
    QTest::newRow("not of spatial") << u"{'op':'not','args':[{'op':'s_disjoint','args':[{'property':'geometry'},"
                                       "{'type':'Point','coordinates':[1,2]}]}]}"_s;
    QTest::newRow("accenti nested in casei")
        << u"{'op':'like','args':[{'op':'casei','args':[{'op':'accenti','args':[{'property':'t'}]}]},'%x%']}"_s;
}

void TestCql2::roundTrip()
{
    QFETCH(QString, json);
    const QJsonObject expression = tableJson(json);
    QVERIFY2(!expression.isEmpty(), "bad JSON in the test table");
    QString error;
    const QString text = Cql2::toText(expression, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Cql2::ParseResult parsed = Cql2::parseText(text);
    QVERIFY2(parsed.ok(), qPrintable(text + u" -> "_s + parsed.error));
    QCOMPARE(compact(parsed.expression), compact(expression));
    QVERIFY(parsed.expression == expression);
    QCOMPARE(Cql2::toText(parsed.expression), text);
}

void TestCql2::parseDispatch_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");
    const QString comparison = u"{\"op\":\"=\",\"args\":[{\"property\":\"a\"},1]}"_s;
    QTest::newRow("json") << comparison << comparison << QString();
    QTest::newRow("json with whitespace") << u"\n  "_s + comparison + u"  "_s << comparison << QString();
    QTest::newRow("text") << u"a = 1"_s << comparison << QString();
    QTest::newRow("broken json") << u"{\"op\":\"=\",\"args\":[{\"property\":\"a\"},1]"_s << QString()
                                 << u"invalid CQL2-JSON at offset 37: unterminated object"_s;
    QTest::newRow("json error offset counts leading space")
        << u"  {\"op\" \"=\"}"_s << QString() << u"invalid CQL2-JSON at offset 9: missing name separator"_s;
    QTest::newRow("valid json, invalid cql2") << u"{\"op\":\"=\",\"args\":[{\"property\":\"a\"}]}"_s << QString()
                                              << u"at $: operator '=' expects 2 arguments but got 1"_s;
    QTest::newRow("text error") << u"a = (1"_s << QString() << u"at column 5: expected a value but found '('"_s;
    QTest::newRow("array is text") << u"[1]"_s << QString() << u"at column 1: unexpected character '['"_s;
}

void TestCql2::parseDispatch()
{
    QFETCH(QString, input);
    QFETCH(QString, json);
    QFETCH(QString, error);
    const Cql2::ParseResult result = Cql2::parse(input);
    QCOMPARE(result.error, error);
    QCOMPARE(compact(result.expression), json.isEmpty() ? u"{}"_s : compact(jsonObject(json)));
}

void TestCql2::evaluate_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("expected");
    QTest::newRow("<= true") << u"eo:cloud_cover <= 20"_s << true;
    QTest::newRow("< false") << u"eo:cloud_cover < 12.5"_s << false;
    QTest::newRow("= float") << u"eo:cloud_cover = 12.5"_s << true;
    QTest::newRow("<> false") << u"eo:cloud_cover <> 12.5"_s << false;
    QTest::newRow(">= integer") << u"gsd >= 10"_s << true;
    QTest::newRow("literal on the left") << u"20 > eo:cloud_cover"_s << true;
    QTest::newRow("properties prefix") << u"properties.gsd = 10"_s << true;
    QTest::newRow("quoted property") << u"\"eo:cloud_cover\" < 13"_s << true;
    QTest::newRow("id and collection") << u"id = 'S2A_MSIL2A_20210408' AND collection = 'sentinel-2-l2a'"_s << true;
    QTest::newRow("missing =") << u"missing = 1"_s << false;
    QTest::newRow("missing <>") << u"missing <> 1"_s << false;
    QTest::newRow("NOT missing = (unknown stays unknown)") << u"NOT missing = 1"_s << false;
    QTest::newRow("missing OR true") << u"missing = 1 OR gsd = 10"_s << true;
    QTest::newRow("missing OR false") << u"missing = 1 OR gsd = 11"_s << false;
    QTest::newRow("NOT (unknown OR false)") << u"NOT (missing = 1 OR gsd = 11)"_s << false;
    QTest::newRow("NOT (unknown AND false)") << u"NOT (missing = 1 AND gsd = 11)"_s << true;
    QTest::newRow("null =") << u"nullprop = 1"_s << false;
    QTest::newRow("missing IS NULL") << u"missing IS NULL"_s << true;
    QTest::newRow("null IS NULL") << u"nullprop IS NULL"_s << true;
    QTest::newRow("present IS NULL") << u"gsd IS NULL"_s << false;
    QTest::newRow("present IS NOT NULL") << u"gsd IS NOT NULL"_s << true;
    QTest::newRow("missing IS NOT NULL") << u"missing IS NOT NULL"_s << false;
    QTest::newRow("NOT of a true comparison") << u"NOT (eo:cloud_cover > 50)"_s << true;
    QTest::newRow("string =") << u"platform = 'sentinel-2a'"_s << true;
    QTest::newRow("string case-sensitive") << u"platform = 'Sentinel-2a'"_s << false;
    QTest::newRow("string lexical >") << u"platform > 'landsat'"_s << true;
    QTest::newRow("string vs number") << u"gsd = '10'"_s << false;
    QTest::newRow("NOT string vs number") << u"NOT gsd = '10'"_s << false;
    QTest::newRow("boolean true") << u"flag = TRUE"_s << true;
    QTest::newRow("boolean false") << u"flag = FALSE"_s << false;
    QTest::newRow("timestamp with offset") << u"datetime = TIMESTAMP('2021-04-08T06:39:23+02:00')"_s << true;
    QTest::newRow("timestamp ms") << u"datetime > TIMESTAMP('2021-04-08T04:39:22.999Z')"_s << true;
    QTest::newRow("timestamp not after itself") << u"datetime > TIMESTAMP('2021-04-08T04:39:23Z')"_s << false;
    QTest::newRow("timestamp vs date >=") << u"datetime >= DATE('2021-04-08')"_s << true;
    QTest::newRow("timestamp vs date <") << u"datetime < DATE('2021-04-08')"_s << false;
    QTest::newRow("RFC 3339 strings compare as instants") << u"created < datetime"_s << true;
    QTest::newRow("string literal timestamp") << u"datetime = '2021-04-08T04:39:23.000Z'"_s << true;
    QTest::newRow("timestamp vs number") << u"gsd < TIMESTAMP('2021-04-08T04:39:23Z')"_s << false;
    QTest::newRow("IN strings") << u"platform IN ('sentinel-2a', 'sentinel-2b')"_s << true;
    QTest::newRow("IN numbers") << u"gsd IN (10, 20)"_s << true;
    QTest::newRow("IN miss") << u"gsd IN (1, 2)"_s << false;
    QTest::newRow("NOT IN") << u"gsd NOT IN (1, 2)"_s << true;
    QTest::newRow("IN missing") << u"missing IN (1)"_s << false;
    QTest::newRow("NOT IN missing") << u"missing NOT IN (1)"_s << false;
    QTest::newRow("BETWEEN inclusive low") << u"gsd BETWEEN 10 AND 20"_s << true;
    QTest::newRow("BETWEEN inclusive high") << u"gsd BETWEEN 1 AND 10"_s << true;
    QTest::newRow("BETWEEN outside") << u"gsd BETWEEN 11 AND 20"_s << false;
    QTest::newRow("NOT BETWEEN") << u"gsd NOT BETWEEN 11 AND 20"_s << true;
    QTest::newRow("BETWEEN timestamps")
        << u"datetime BETWEEN TIMESTAMP('2021-04-08T00:00:00Z') AND TIMESTAMP('2021-04-09T00:00:00Z')"_s << true;
    QTest::newRow("LIKE prefix") << u"id LIKE 'S2%'"_s << true;
    QTest::newRow("LIKE case-sensitive") << u"id LIKE 's2%'"_s << false;
    QTest::newRow("LIKE infix") << u"id LIKE '%2021%'"_s << true;
    QTest::newRow("LIKE single char") << u"id LIKE 'S2A_MSIL2A_2021040_'"_s << true;
    QTest::newRow("LIKE single char too short") << u"id LIKE 'S2A_MSIL2A_202104_'"_s << false;
    QTest::newRow("LIKE whole") << u"id LIKE 'S2A'"_s << false;
    QTest::newRow("LIKE anything") << u"id LIKE '%'"_s << true;
    QTest::newRow("LIKE backtracking") << u"id LIKE '%A%0408'"_s << true;
    QTest::newRow("LIKE escaped underscore") << u"id LIKE 'S2A\\_MSIL2A%'"_s << true;
    QTest::newRow("LIKE escaped underscore is literal") << u"id LIKE 'S2\\_%'"_s << false;
    QTest::newRow("LIKE escaped percent") << u"id LIKE 'S2A\\%'"_s << false;
    QTest::newRow("LIKE on a number") << u"gsd LIKE '1%'"_s << false;
    QTest::newRow("NOT LIKE") << u"id NOT LIKE 'L%'"_s << true;
    QTest::newRow("CASEI LIKE") << u"CASEI(id) LIKE CASEI('s2a%')"_s << true;
    QTest::newRow("CASEI =") << u"CASEI(platform) = CASEI('SENTINEL-2A')"_s << true;
    QTest::newRow("ACCENTI") << u"ACCENTI(title) = ACCENTI('Sao Paulo')"_s << true;
    QTest::newRow("without ACCENTI") << u"title = 'Sao Paulo'"_s << false;
    QTest::newRow("array property =") << u"tags = 'a'"_s << false;
    QTest::newRow("NOT array property =") << u"NOT tags = 'a'"_s << false;
    QTest::newRow("object property =") << u"nested = 1"_s << false;
    QTest::newRow("A_CONTAINS") << u"A_CONTAINS(tags, ('a'))"_s << true;
    QTest::newRow("A_CONTAINS miss") << u"A_CONTAINS(tags, ('a', 'z'))"_s << false;
    QTest::newRow("A_OVERLAPS") << u"A_OVERLAPS(tags, ('x', 'b'))"_s << true;
    QTest::newRow("A_EQUALS") << u"A_EQUALS(tags, ('b', 'a'))"_s << true;
    QTest::newRow("A_CONTAINEDBY") << u"A_CONTAINEDBY(tags, ('a', 'b', 'c'))"_s << true;
    QTest::newRow("A_CONTAINEDBY miss") << u"A_CONTAINEDBY(tags, ('a'))"_s << false;
    QTest::newRow("array op on missing") << u"A_OVERLAPS(missing, ('a'))"_s << false;
    QTest::newRow("T_AFTER") << u"T_AFTER(datetime, TIMESTAMP('2021-01-01T00:00:00Z'))"_s << true;
    QTest::newRow("T_BEFORE its day") << u"T_BEFORE(datetime, DATE('2021-04-08'))"_s << false;
    QTest::newRow("T_BEFORE next day") << u"T_BEFORE(datetime, DATE('2021-04-09'))"_s << true;
    QTest::newRow("T_DURING") << u"T_DURING(datetime, INTERVAL('2021-04-01', '2021-04-30'))"_s << true;
    QTest::newRow("T_INTERSECTS open") << u"T_INTERSECTS(datetime, INTERVAL('2021-04-09', '..'))"_s << false;
    QTest::newRow("T_INTERSECTS day") << u"T_INTERSECTS(datetime, DATE('2021-04-08'))"_s << true;
    QTest::newRow("T_EQUALS") << u"T_EQUALS(datetime, TIMESTAMP('2021-04-08T04:39:23Z'))"_s << true;
    QTest::newRow("T_DISJOINT") << u"T_DISJOINT(datetime, INTERVAL('..', '2021-01-01'))"_s << true;
    QTest::newRow("T_CONTAINS on a range property")
        << u"T_CONTAINS(range, TIMESTAMP('2030-01-01T00:00:00Z'))"_s << true;
    QTest::newRow("T_STARTS with property bounds")
        << u"T_STARTS(INTERVAL(created, datetime), INTERVAL(created, '..'))"_s << true;
    QTest::newRow("temporal on missing") << u"T_AFTER(missing, DATE('2000-01-01'))"_s << false;
    QTest::newRow("S_INTERSECTS hit") << u"S_INTERSECTS(geometry, BBOX(11, 41, 13, 43))"_s << true;
    QTest::newRow("S_INTERSECTS miss") << u"S_INTERSECTS(geometry, BBOX(20, 41, 21, 43))"_s << false;
    QTest::newRow("S_INTERSECTS polygon") << u"S_INTERSECTS(geometry, POLYGON((11 41, 15 41, 15 45, 11 41)))"_s << true;
    QTest::newRow("S_DISJOINT") << u"S_DISJOINT(geometry, POINT(0 0))"_s << true;
    QTest::newRow("TRUE AND") << u"TRUE AND gsd = 10"_s << true;
    QTest::newRow("FALSE OR") << u"FALSE OR gsd = 10"_s << true;
    QTest::newRow("FALSE AND") << u"FALSE AND gsd = 10"_s << false;
    QTest::newRow("json input") << u"{\"op\":\"<=\",\"args\":[{\"property\":\"properties.eo:cloud_cover\"},13]}"_s
                                << true;
    QTest::newRow("json upper-case op") << u"{\"op\":\"LIKE\",\"args\":[{\"property\":\"id\"},\"S2%\"]}"_s << true;
}

void TestCql2::evaluate()
{
    QFETCH(QString, filter);
    QFETCH(bool, expected);
    const Cql2::ParseResult parsed = Cql2::parse(filter);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(Cql2::evaluate(parsed.expression, contextFor(exampleItem())), expected);
}

void TestCql2::spatialCallback_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("geometry");
    QTest::newRow("bbox becomes a polygon") << u"S_INTERSECTS(geometry, BBOX(1, 2, 3, 4))"_s << u"s_intersects"_s
                                            << u"{'type':'Polygon','coordinates':[[[1,2],[3,2],[3,4],[1,4],[1,2]]]}"_s;
    QTest::newRow("3D bbox") << u"S_INTERSECTS(geometry, BBOX(1, 2, -100, 3, 4, 100))"_s << u"s_intersects"_s
                             << u"{'type':'Polygon','coordinates':[[[1,2],[3,2],[3,4],[1,4],[1,2]]]}"_s;
    QTest::newRow("antimeridian bbox") << u"S_INTERSECTS(geometry, BBOX(170, -10, -170, 10))"_s << u"s_intersects"_s
                                       << u"{'type':'MultiPolygon','coordinates':["
                                          "[[[170,-10],[180,-10],[180,10],[170,10],[170,-10]]],"
                                          "[[[-180,-10],[-170,-10],[-170,10],[-180,10],[-180,-10]]]]}"_s;
    QTest::newRow("geometry passed as is")
        << u"S_CONTAINS(geometry, POINT(1 2))"_s << u"s_contains"_s << u"{'type':'Point','coordinates':[1,2]}"_s;
    QTest::newRow("literal first: within becomes contains")
        << u"S_WITHIN(BBOX(0, 0, 1, 1), geometry)"_s << u"s_contains"_s
        << u"{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"_s;
    QTest::newRow("literal first: contains becomes within")
        << u"S_CONTAINS(POINT(1 2), properties.geometry)"_s << u"s_within"_s
        << u"{'type':'Point','coordinates':[1,2]}"_s;
    QTest::newRow("literal first: symmetric")
        << u"S_DISJOINT(POINT(1 2), geometry)"_s << u"s_disjoint"_s << u"{'type':'Point','coordinates':[1,2]}"_s;
    QTest::newRow("upper-case json op")
        << u"{\"op\":\"S_Overlaps\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Point\",\"coordinates\":[1,2]}]}"_s
        << u"s_overlaps"_s << u"{'type':'Point','coordinates':[1,2]}"_s;
    QTest::newRow("two literals: no call") << u"S_INTERSECTS(POINT(1 2), POINT(1 2))"_s << QString() << QString();
    QTest::newRow("two properties: no call") << u"S_INTERSECTS(geometry, other)"_s << QString() << QString();
}

void TestCql2::spatialCallback()
{
    QFETCH(QString, filter);
    QFETCH(QString, op);
    QFETCH(QString, geometry);
    const Cql2::ParseResult parsed = Cql2::parse(filter);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QStringList calls;
    QJsonObject seen;
    Cql2::EvaluationContext context;
    context.spatial = [&](const QString &relation, const QJsonObject &literal) {
        calls.append(relation);
        seen = literal;
        return true;
    };
    QCOMPARE(Cql2::evaluate(parsed.expression, context), !op.isEmpty());
    QCOMPARE(calls, op.isEmpty() ? QStringList() : QStringList { op });
    if (!op.isEmpty()) {
        QCOMPARE(compact(seen), compact(tableJson(geometry)));
    }
}

void TestCql2::evaluateWithoutCallbacks()
{
    const Cql2::EvaluationContext empty;
    auto run = [&empty](const QString &text) {
        const Cql2::ParseResult parsed = Cql2::parseText(text);
        return parsed.ok() && Cql2::evaluate(parsed.expression, empty);
    };
    QCOMPARE(run(u"a = 1"_s), false);
    QCOMPARE(run(u"a IS NULL"_s), true);
    QCOMPARE(run(u"S_INTERSECTS(geometry, BBOX(0, 0, 1, 1))"_s), false);
    QCOMPARE(run(u"'x' = 'x'"_s), true); // literals need no context
}

void TestCql2::evaluateUnvalidated_data()
{
    QTest::addColumn<QString>("json");
    QTest::newRow("empty object") << u"{}"_s;
    QTest::newRow("args not an array") << u"{'op':'=','args':'x'}"_s;
    QTest::newRow("too few args") << u"{'op':'between','args':[{'property':'gsd'}]}"_s;
    QTest::newRow("too many args") << u"{'op':'=','args':[{'property':'gsd'},10,10]}"_s;
    QTest::newRow("unknown op") << u"{'op':'xor','args':[true,true]}"_s;
    QTest::newRow("short bbox") << u"{'op':'s_intersects','args':[{'property':'geometry'},{'bbox':[1]}]}"_s;
    QTest::newRow("bbox not an array") << u"{'op':'s_intersects','args':[{'property':'geometry'},{'bbox':3}]}"_s;
    QTest::newRow("like with object") << u"{'op':'like','args':[{'property':'id'},{}]}"_s;
    QTest::newRow("in without list") << u"{'op':'in','args':[{'property':'gsd'},10]}"_s;
    QTest::newRow("not with garbage") << u"{'op':'not','args':[42]}"_s;
    QTest::newRow("and with garbage") << u"{'op':'and','args':[null,'x']}"_s;
    QTest::newRow("bad timestamp") << u"{'op':'=','args':[{'property':'datetime'},{'timestamp':7}]}"_s;
    QTest::newRow("interval garbage")
        << u"{'op':'t_during','args':[{'property':'datetime'},{'interval':[1,{'property':5}]}]}"_s;
    QTest::newRow("casei garbage") << u"{'op':'=','args':[{'op':'casei','args':[]},'x']}"_s;
    QTest::newRow("property not a string") << u"{'op':'isNull','args':[{'property':5}]}"_s;
    QTest::newRow("array op with numbers") << u"{'op':'a_equals','args':[1,2]}"_s;
}

void TestCql2::evaluateUnvalidated()
{
    QFETCH(QString, json);
    const QJsonObject expression = tableJson(json);
    QVERIFY(!Cql2::validate(expression).isEmpty());
    bool spatialCalled = false;
    Cql2::EvaluationContext context = contextFor(exampleItem());
    context.spatial = [&spatialCalled](const QString &, const QJsonObject &) {
        spatialCalled = true;
        return true;
    };
    // The only requirement for invalid input: no crash and no match.
    QCOMPARE(Cql2::evaluate(expression, context), false);
    QVERIFY(!spatialCalled);
}

// Mutates valid filters at random; whatever parses must validate, print and re-parse identically.
void TestCql2::fuzzText()
{
    const QStringList seeds = {
        u"eo:cloud_cover <= 10 AND datetime >= TIMESTAMP('2021-04-08T04:39:23Z')"_s,
        u"(a = 1 OR b <> 'x''y') AND NOT c IN ('p', 'q') AND d BETWEEN -1.5 AND 2e3"_s,
        u"S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))) OR S_WITHIN(geometry, BBOX(1,2,3,4))"_s,
        u"id LIKE 'S2%' AND gsd IS NOT NULL AND T_DURING(datetime, INTERVAL('2021-01-01', '..'))"_s,
        u"CASEI(\"my prop\") = casei('X') OR A_CONTAINS(tags, ('a', 1, TRUE)) OR x = DATE('2020-02-29')"_s,
        u"S_INTERSECTS(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))) AND S_CROSSES(geometry, MULTIPOINT(1 2, 3 4))"_s,
    };
    const QString alphabet = u"()',\"=<>!% _-.:0123456789eaAND OR NOT INIS NULL"_s;
    QRandomGenerator random(20210408);
    const Cql2::EvaluationContext context = contextFor(exampleItem());
    int parsedCount = 0;
    for (int i = 0; i < 4000; ++i) {
        QString text = seeds.at(random.bounded(int(seeds.size())));
        const int edits = 1 + random.bounded(3);
        for (int e = 0; e < edits && !text.isEmpty(); ++e) {
            const int at = random.bounded(int(text.size()));
            switch (random.bounded(4)) {
            case 0:
                text.remove(at, 1 + random.bounded(3));
                break;
            case 1:
                text.insert(at, alphabet.at(random.bounded(int(alphabet.size()))));
                break;
            case 2:
                text[at] = alphabet.at(random.bounded(int(alphabet.size())));
                break;
            default:
                text.truncate(at);
                break;
            }
        }
        const Cql2::ParseResult parsed = Cql2::parseText(text);
        if (!parsed.ok()) {
            QVERIFY2(parsed.error.startsWith(u"at column "_s) || parsed.error.startsWith(u"invalid expression"_s),
                qPrintable(text + u" -> "_s + parsed.error));
            QVERIFY2(!parsed.error.startsWith(u"invalid expression"_s), qPrintable(text + u" -> "_s + parsed.error));
            continue;
        }
        ++parsedCount;
        QCOMPARE(Cql2::validate(parsed.expression), QString());
        QString error;
        const QString printed = Cql2::toText(parsed.expression, &error);
        QVERIFY2(error.isEmpty(), qPrintable(text + u" -> "_s + error));
        const Cql2::ParseResult again = Cql2::parseText(printed);
        QVERIFY2(again.ok(), qPrintable(printed + u" -> "_s + again.error));
        QVERIFY2(again.expression == parsed.expression, qPrintable(text + u" | "_s + printed));
        Cql2::evaluate(parsed.expression, context);
    }
    QVERIFY(parsedCount > 100); // the mutations must not all be fatal, or this tests little
}

// Replaces parts of valid CQL2-JSON with random values; validate decides, nothing may crash.
void TestCql2::fuzzJson()
{
    const QList<QJsonValue> junk = { QJsonValue(), QJsonValue(QJsonValue::Null), true, 0, -1.5, u"x"_s, u".."_s,
        QJsonArray(), QJsonObject(), QJsonArray { 1, 2, 3, 4 }, QJsonObject { { u"property"_s, u"gsd"_s } },
        QJsonObject { { u"op"_s, u"="_s } }, QJsonObject { { u"bbox"_s, QJsonArray { 170, -10, -170, 10 } } },
        QJsonObject { { u"timestamp"_s, u"x"_s } },
        QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { 1 } } },
        jsonObject(u"{\"op\":\"=\",\"args\":[{\"property\":\"gsd\"},10]}"_s) };
    QList<QJsonObject> seeds;
    for (const TextCase &c : textCases()) {
        seeds.append(tableJson(c.json));
    }
    // Replaces one randomly chosen node (depth-first) below `value`.
    std::function<QJsonValue(const QJsonValue &, QRandomGenerator &)> mutate;
    mutate = [&](const QJsonValue &value, QRandomGenerator &random) -> QJsonValue {
        if (random.bounded(4) == 0 || (!value.isArray() && !value.isObject())) {
            return junk.at(random.bounded(int(junk.size())));
        }
        if (value.isArray()) {
            QJsonArray array = value.toArray();
            if (array.isEmpty()) {
                return array;
            }
            const int i = random.bounded(int(array.size()));
            array[i] = mutate(array.at(i), random);
            return array;
        }
        QJsonObject object = value.toObject();
        const QStringList keys = object.keys();
        const QString key = keys.isEmpty() ? u"op"_s : keys.at(random.bounded(int(keys.size())));
        object[key] = mutate(object.value(key), random);
        return object;
    };
    QRandomGenerator random(7946);
    const Cql2::EvaluationContext context = contextFor(exampleItem());
    int validCount = 0;
    for (int i = 0; i < 4000; ++i) {
        const QJsonObject expression = mutate(seeds.at(random.bounded(int(seeds.size()))), random).toObject();
        const QString problem = Cql2::validate(expression);
        Cql2::evaluate(expression, context);
        QString error;
        const QString text = Cql2::toText(expression, &error);
        QCOMPARE(error, problem);
        if (!problem.isEmpty()) {
            QVERIFY2(problem.startsWith(u"at $"_s), qPrintable(problem));
            continue;
        }
        ++validCount;
        const Cql2::ParseResult parsed = Cql2::parseText(text);
        QVERIFY2(parsed.ok(), qPrintable(text + u" -> "_s + parsed.error));
        QVERIFY2(parsed.expression == expression, qPrintable(text));
    }
    QVERIFY(validCount > 100);
}

QTEST_GUILESS_MAIN(TestCql2)
#include "tst_cql2.moc"
