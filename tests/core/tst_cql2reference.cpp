// CQL2 filters over five hand-made items, each with the ids it must select worked out by hand.
// Both the product's CQL2 (src/stac/cql2) and the tests' independent reading of the standard
// (tests/support/cql2reference, which the STAC and UP42 emulators filter with) must give exactly
// those ids, whichever of the two parsed the text: so a bug in either shows up here instead of
// being copied into an expected value.

#include <algorithm>
#include <limits>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "src/stac/cql2.h"
#include "tests/support/cql2reference.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// bbox (west, south, east, north) then the properties.
const char *const kItems[] = {
    R"({"id": "a", "collection": "s2", "bbox": [0, 0, 1, 1], "properties": {"datetime": "2023-01-10T10:00:00Z",
        "eo:cloud_cover": 5, "platform": "sentinel-2a", "title": "Rome Été", "tags": ["rgb", "nir"], "gsd": 10}})",
    R"({"id": "b", "collection": "s2", "bbox": [10, 10, 11, 11], "properties": {"datetime": "2023-02-15T00:00:00Z",
        "eo:cloud_cover": 40, "platform": "sentinel-2b", "tags": ["rgb"], "gsd": 10}})",
    R"({"id": "c", "collection": "sar", "bbox": [1.5, 1.5, 3, 3], "properties": {"datetime": "2023-03-01T12:00:00Z",
        "platform": "capella-7", "sar:polarizations": ["HH", "HV"], "gsd": 0.5}})",
    R"({"id": "d", "collection": "sar", "bbox": [-5, -5, -4, -4], "properties": {"datetime": "2023-01-31T23:59:59Z",
        "eo:cloud_cover": null, "platform": "ICEYE-X2", "gsd": 1}})",
    R"({"id": "e", "collection": "s2", "bbox": [0, 0, 0.4, 0.4], "properties": {"datetime": "2022-12-31T23:00:00Z",
        "eo:cloud_cover": 12.5, "platform": "Sentinel-2A", "title": "Rome Ete", "tags": [], "gsd": 20}})",
};

QJsonObject item(int i)
{
    return QJsonDocument::fromJson(kItems[i]).object();
}

QJsonValue property(const QJsonObject &item, QString name)
{
    if (name == u"id"_s || name == u"collection"_s) {
        return item.value(name);
    }
    if (name.startsWith(u"properties."_s)) {
        name = name.mid(11);
    }
    return item.value(u"properties"_s).toObject().value(name);
}

// The extent of a literal: GeoJSON coordinates at any depth, or a {"bbox": [...]}.
void extend(const QJsonValue &v, double box[4])
{
    const QJsonArray a = v.toArray();
    if (a.size() >= 2 && a.at(0).isDouble()) {
        box[0] = std::min(box[0], a.at(0).toDouble());
        box[1] = std::min(box[1], a.at(1).toDouble());
        box[2] = std::max(box[2], a.at(0).toDouble());
        box[3] = std::max(box[3], a.at(1).toDouble());
        return;
    }
    for (const QJsonValue &child : a) {
        extend(child, box);
    }
}

// Box against box: enough for the spatial rows below, which avoid edge cases on purpose.
bool spatial(const QJsonObject &item, const QString &op, const QJsonObject &literal)
{
    double lit[4] = { 1e9, 1e9, -1e9, -1e9 };
    if (literal.contains(u"bbox"_s)) {
        const QJsonArray b = literal.value(u"bbox"_s).toArray();
        extend(QJsonArray { QJsonArray { b.at(0), b.at(1) }, QJsonArray { b.at(2), b.at(3) } }, lit);
    } else {
        extend(literal.value(u"coordinates"_s), lit);
    }
    const QJsonArray ib = item.value(u"bbox"_s).toArray();
    const double w = ib.at(0).toDouble(), s = ib.at(1).toDouble(), e = ib.at(2).toDouble(), n = ib.at(3).toDouble();
    const bool meet = w <= lit[2] && lit[0] <= e && s <= lit[3] && lit[1] <= n;
    if (op == u"s_disjoint"_s) {
        return !meet;
    }
    if (op == u"s_within"_s) {
        return w >= lit[0] && e <= lit[2] && s >= lit[1] && n <= lit[3];
    }
    return meet;
}

QStringList productIds(const QJsonObject &expression)
{
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        const QJsonObject it = item(i);
        Cql2::EvaluationContext context;
        context.property = [&it](const QString &name) { return property(it, name); };
        context.spatial = [&it](const QString &op, const QJsonObject &g) { return spatial(it, op, g); };
        if (Cql2::evaluate(expression, context)) {
            ids.append(it.value(u"id"_s).toString());
        }
    }
    return ids;
}

QStringList referenceIds(const QJsonObject &expression)
{
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        const QJsonObject it = item(i);
        Cql2Reference::Item context;
        context.property = [&it](const QString &name) { return property(it, name); };
        context.spatial = [&it](const QString &op, const QJsonObject &g) { return spatial(it, op, g); };
        if (Cql2Reference::matches(expression, context)) {
            ids.append(it.value(u"id"_s).toString());
        }
    }
    return ids;
}

} // namespace

class TestCql2Reference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handWorked_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("expected");
        const auto ids = [](const char *list) { return QString::fromLatin1(list).split(u' ', Qt::SkipEmptyParts); };
        // Missing (c) and null (d) cloud cover make a comparison unknown, and NOT unknown is unknown.
        QTest::newRow("<") << u"eo:cloud_cover < 12.5"_s << ids("a");
        QTest::newRow("<=") << u"eo:cloud_cover <= 12.5"_s << ids("a e");
        QTest::newRow("=") << u"eo:cloud_cover = 12.5"_s << ids("e");
        QTest::newRow("quoted name") << u"\"eo:cloud_cover\" > 10"_s << ids("b e");
        QTest::newRow("NOT with unknowns") << u"NOT eo:cloud_cover < 12.5"_s << ids("b e");
        QTest::newRow("IS NULL") << u"eo:cloud_cover IS NULL"_s << ids("c d");
        QTest::newRow("IS NOT NULL") << u"eo:cloud_cover IS NOT NULL"_s << ids("a b e");
        QTest::newRow("BETWEEN") << u"eo:cloud_cover BETWEEN 5 AND 12.5"_s << ids("a e");
        QTest::newRow("NOT BETWEEN") << u"eo:cloud_cover NOT BETWEEN 5 AND 12.5"_s << ids("b");
        QTest::newRow("LIKE is case-sensitive") << u"platform LIKE 'sentinel-2%'"_s << ids("a b");
        QTest::newRow("CASEI LIKE with _") << u"CASEI(platform) LIKE CASEI('sentinel-2_')"_s << ids("a b e");
        QTest::newRow("IN") << u"platform IN ('capella-7', 'ICEYE-X2')"_s << ids("c d");
        QTest::newRow("NOT IN") << u"platform NOT IN ('capella-7', 'ICEYE-X2')"_s << ids("a b e");
        QTest::newRow("<> string") << u"platform <> 'capella-7'"_s << ids("a b d e");
        QTest::newRow("plain =") << u"title = 'Rome Ete'"_s << ids("e");
        QTest::newRow("ACCENTI") << u"ACCENTI(title) = ACCENTI('Rome Ete')"_s << ids("a e");
        QTest::newRow("properties. prefix") << u"properties.gsd = 10"_s << ids("a b");
        QTest::newRow("timestamp >=") << u"datetime >= TIMESTAMP('2023-01-31T23:59:59Z')"_s << ids("b c d");
        QTest::newRow("T_BEFORE") << u"T_BEFORE(datetime, TIMESTAMP('2023-01-01T00:00:00Z'))"_s << ids("e");
        QTest::newRow("T_AFTER") << u"T_AFTER(datetime, TIMESTAMP('2023-02-15T00:00:00Z'))"_s << ids("c");
        QTest::newRow("T_EQUALS") << u"T_EQUALS(datetime, TIMESTAMP('2023-03-01T12:00:00Z'))"_s << ids("c");
        QTest::newRow("T_DURING") << u"T_DURING(datetime, INTERVAL('2023-01-01T00:00:00Z', '2023-02-28T00:00:00Z'))"_s
                                  << ids("a b d");
        QTest::newRow("T_INTERSECTS open start")
            << u"T_INTERSECTS(datetime, INTERVAL('..', '2023-01-10T10:00:00Z'))"_s << ids("a e");
        QTest::newRow("A_CONTAINS") << u"A_CONTAINS(tags, ('rgb'))"_s << ids("a b");
        QTest::newRow("A_CONTAINEDBY, empty array too")
            << u"A_CONTAINEDBY(tags, ('rgb', 'nir', 'swir'))"_s << ids("a b e");
        QTest::newRow("A_OVERLAPS") << u"A_OVERLAPS(sar:polarizations, ('HV', 'VV'))"_s << ids("c");
        QTest::newRow("A_EQUALS") << u"A_EQUALS(tags, ('nir', 'rgb'))"_s << ids("a");
        QTest::newRow("AND over OR") << u"collection = 's2' AND (gsd = 20 OR eo:cloud_cover > 30)"_s << ids("b e");
        QTest::newRow("OR") << u"gsd < 1 OR eo:cloud_cover < 1"_s << ids("c");
        QTest::newRow("NOT (unknown OR false)") << u"NOT (eo:cloud_cover > 100 OR gsd > 15)"_s << ids("a b");
        QTest::newRow("ids") << u"id = 'c' OR id = 'd'"_s << ids("c d");
        QTest::newRow("S_INTERSECTS BBOX") << u"S_INTERSECTS(geometry, BBOX(0.5, 0.5, 2, 2))"_s << ids("a c");
        QTest::newRow("S_INTERSECTS POLYGON")
            << u"S_INTERSECTS(geometry, POLYGON((9 9, 12 9, 12 12, 9 12, 9 9)))"_s << ids("b");
        QTest::newRow("S_WITHIN") << u"S_WITHIN(geometry, BBOX(-1, -1, 1.2, 1.2))"_s << ids("a e");
        QTest::newRow("S_DISJOINT") << u"S_DISJOINT(geometry, POINT(-4.5 -4.5))"_s << ids("a b c e");
    }

    // Each parser's output through each evaluator: four ways, one hand-written answer.
    void handWorked()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, expected);
        const Cql2::ParseResult product = Cql2::parseText(filter);
        QVERIFY2(product.ok(), qPrintable(product.error));
        const Cql2Reference::Parsed reference = Cql2Reference::parseText(filter);
        QVERIFY2(reference.ok(), qPrintable(reference.error));
        QVERIFY2(
            Cql2Reference::check(product.expression).isEmpty(), qPrintable(Cql2Reference::check(product.expression)));
        QVERIFY2(Cql2::validate(reference.expression).isEmpty(), qPrintable(Cql2::validate(reference.expression)));
        QVERIFY2(Cql2Reference::check(reference.expression).isEmpty(),
            qPrintable(Cql2Reference::check(reference.expression)));

        QCOMPARE(productIds(product.expression), expected);
        QCOMPARE(referenceIds(reference.expression), expected);
        QCOMPARE(productIds(reference.expression), expected);
        QCOMPARE(referenceIds(product.expression), expected);
    }

    void referenceRejectsMalformedInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unclosed paren") << u"(a = 1 AND b = 2"_s;
        QTest::newRow("dangling operator") << u"a = "_s;
        QTest::newRow("no operator") << u"a"_s;
        QTest::newRow("IS without NULL") << u"a IS 5"_s;
        QTest::newRow("unterminated string") << u"a = 'abc"_s;
        QTest::newRow("unknown function") << u"a = FROB(1)"_s;
        QTest::newRow("BETWEEN without AND") << u"a BETWEEN 1 OR 5"_s;
        QTest::newRow("deep nesting") << QString(500, u'(') + u"a = 1"_s + QString(500, u')');
    }

    void referenceRejectsMalformedInput()
    {
        QFETCH(QString, text);
        const Cql2Reference::Parsed parsed = Cql2Reference::parseText(text);
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.expression.isEmpty());
    }

    void referenceCheck()
    {
        const auto json = [](const char *text) { return QJsonDocument::fromJson(text).object(); };
        QVERIFY(Cql2Reference::check(json(R"({"op":"=","args":[{"property":"a"},1]})")).isEmpty());
        QVERIFY(!Cql2Reference::check(json(R"({"op":"frobnicate","args":[1]})")).isEmpty());
        QVERIFY(!Cql2Reference::check(json(R"({"op":"=","args":[{"property":"a"}]})")).isEmpty());
        QVERIFY(!Cql2Reference::check(json(R"({"op":"between","args":[{"property":"a"},1]})")).isEmpty());
        QVERIFY(!Cql2Reference::check(json(R"({"op":"and","args":[true]})")).isEmpty());
        QVERIFY(!Cql2Reference::check(json(R"({"op":"=","args":{}})")).isEmpty());
        QVERIFY(!Cql2Reference::check(json(R"({"op":"=","args":[{"property":"a"},null]})")).isEmpty());
        QVERIFY(!Cql2Reference::check(json(R"({"args":[]})")).isEmpty());
        QVERIFY(!Cql2Reference::check(QJsonValue(true)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCql2Reference)
#include "tst_cql2reference.moc"
