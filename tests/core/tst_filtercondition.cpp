// The filter builder's rows as CQL2, and back.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "src/stac/cql2.h"
#include "src/stac/filtercondition.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

FilterCondition range(const QString &p, std::optional<double> low, std::optional<double> high)
{
    FilterCondition c;
    c.property = p;
    c.type = Queryable::Type::Number;
    c.op = FilterCondition::Op::Range;
    c.low = low;
    c.high = high;
    return c;
}

FilterCondition list(const QString &p, FilterCondition::Op op, const QVariantList &values)
{
    FilterCondition c;
    c.property = p;
    c.type = op == FilterCondition::Op::Overlaps ? Queryable::Type::Array : Queryable::Type::String;
    c.op = op;
    c.values = values;
    return c;
}

} // namespace

class TestFilterCondition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachRowAsCql2()
    {
        QCOMPARE(range(u"gsd"_s, 0.5, 2).toCql2(), json(R"({"op":"and","args":[
            {"op":">=","args":[{"property":"gsd"},0.5]},{"op":"<=","args":[{"property":"gsd"},2]}]})"));
        QCOMPARE(range(u"gsd"_s, std::nullopt, 2).toCql2(), json(R"({"op":"<=","args":[{"property":"gsd"},2]})"));
        QVERIFY(range(u"gsd"_s, std::nullopt, std::nullopt).toCql2().isEmpty());

        FilterCondition t;
        t.property = u"created"_s;
        t.type = Queryable::Type::Timestamp;
        t.from = 1704067200000; // 2024-01-01T00:00:00Z
        QCOMPARE(
            t.toCql2(), json(R"({"op":">=","args":[{"property":"created"},{"timestamp":"2024-01-01T00:00:00Z"}]})"));

        QCOMPARE(list(u"platform"_s, FilterCondition::Op::In, { u"a"_s, u"b"_s }).toCql2(),
            json(R"({"op":"in","args":[{"property":"platform"},["a","b"]]})"));
        QCOMPARE(list(u"platform"_s, FilterCondition::Op::In, { u"a"_s }).toCql2(),
            json(R"({"op":"=","args":[{"property":"platform"},"a"]})"));
        QVERIFY(list(u"platform"_s, FilterCondition::Op::In, {}).toCql2().isEmpty());
        QCOMPARE(list(u"sar:polarizations"_s, FilterCondition::Op::Overlaps, { u"HH"_s }).toCql2(),
            json(R"({"op":"a_overlaps","args":[{"property":"sar:polarizations"},["HH"]]})"));

        FilterCondition like;
        like.property = u"title"_s;
        like.op = FilterCondition::Op::Like;
        like.text = u"Rome%"_s;
        QCOMPARE(like.toCql2(), json(R"({"op":"like","args":[{"property":"title"},"Rome%"]})"));

        FilterCondition eq;
        eq.property = u"orbit"_s;
        eq.type = Queryable::Type::Integer;
        eq.op = FilterCondition::Op::Equals;
        eq.text = u"42"_s;
        QCOMPARE(eq.toCql2(), json(R"({"op":"=","args":[{"property":"orbit"},42]})"));

        FilterCondition yes;
        yes.property = u"flag"_s;
        yes.type = Queryable::Type::Boolean;
        yes.op = FilterCondition::Op::IsFalse;
        QCOMPARE(yes.toCql2(), json(R"({"op":"=","args":[{"property":"flag"},false]})"));
    }

    void rowsJoinIntoOneAnd()
    {
        const QJsonObject f = FilterConditions::toCql2({ range(u"gsd"_s, 0.5, 2),
            list(u"platform"_s, FilterCondition::Op::In, { u"a"_s, u"b"_s }), range(u"x"_s, {}, {}) });
        QCOMPARE(f, json(R"({"op":"and","args":[
            {"op":">=","args":[{"property":"gsd"},0.5]},{"op":"<=","args":[{"property":"gsd"},2]},
            {"op":"in","args":[{"property":"platform"},["a","b"]]}]})"));
        QVERIFY(Cql2::validate(f).isEmpty());
        QCOMPARE(Cql2::toText(f), u"gsd >= 0.5 AND gsd <= 2 AND platform IN ('a', 'b')"_s);
        QVERIFY(FilterConditions::toCql2({}).isEmpty());
    }

    void textBackToRows()
    {
        const Cql2::ParseResult parsed
            = Cql2::parseText(u"gsd >= 0.5 AND gsd <= 2 AND platform IN ('a', 'b') AND 10 >= eo:cloud_cover"_s);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QList<FilterCondition> rows;
        QVERIFY(FilterConditions::fromCql2(parsed.expression, &rows));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], range(u"gsd"_s, 0.5, 2));
        QCOMPARE(rows[1], list(u"platform"_s, FilterCondition::Op::In, { u"a"_s, u"b"_s }));
        QCOMPARE(rows[2], range(u"eo:cloud_cover"_s, std::nullopt, 10));
    }

    void textTheRowsCannotShow()
    {
        QList<FilterCondition> rows { range(u"keep"_s, 1, 2) };
        for (const QString &text :
            { u"gsd < 2"_s, u"a = 1 OR b = 2"_s, u"NOT (gsd >= 1)"_s, u"S_INTERSECTS(geometry, POINT(1 2))"_s }) {
            const Cql2::ParseResult parsed = Cql2::parseText(text);
            QVERIFY2(parsed.ok(), qPrintable(text + u": "_s + parsed.error));
            QVERIFY2(!FilterConditions::fromCql2(parsed.expression, &rows), qPrintable(text));
        }
        QCOMPARE(rows, QList<FilterCondition> { range(u"keep"_s, 1, 2) });
    }
};

QTEST_GUILESS_MAIN(TestFilterCondition)
#include "tst_filtercondition.moc"
