#include <cmath>
#include <limits>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "src/stac/jsonreader.h"
#include "src/stac/jsontext.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(StacScope::JsonReader::Kind)

class TestJsonReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void peek_data();
    void peek();
    void strings_data();
    void strings();
    void stringViewWithoutEscapes();
    void numbers_data();
    void numbers();
    void badNumbers_data();
    void badNumbers();
    void boolsAndNull();
    void objectWalk();
    void emptyContainers();
    void skipNested();
    void skipThenRead();
    void readValue_data();
    void readValue();
    void offsetAndSeek();
    void errors_data();
    void errors();
    void errorsThroughReadValue();
    void firstErrorIsKept();
    void typeMismatch();
    void nestedTooDeeply();
    void kindNames();
    void indentedKeepsTheDocumentsOrder();
};

void TestJsonReader::peek_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<JsonReader::Kind>("kind");

    QTest::newRow("object") << QByteArray("  {}") << JsonReader::Kind::Object;
    QTest::newRow("array") << QByteArray("\n\t[1]") << JsonReader::Kind::Array;
    QTest::newRow("string") << QByteArray("\"x\"") << JsonReader::Kind::String;
    QTest::newRow("number") << QByteArray("12") << JsonReader::Kind::Number;
    QTest::newRow("negative number") << QByteArray("-1") << JsonReader::Kind::Number;
    QTest::newRow("true") << QByteArray("true") << JsonReader::Kind::Bool;
    QTest::newRow("false") << QByteArray("false") << JsonReader::Kind::Bool;
    QTest::newRow("null") << QByteArray("null") << JsonReader::Kind::Null;
    QTest::newRow("end") << QByteArray(" \r\n ") << JsonReader::Kind::End;
    QTest::newRow("empty") << QByteArray() << JsonReader::Kind::End;
    QTest::newRow("garbage") << QByteArray("@") << JsonReader::Kind::Invalid;
    QTest::newRow("plus") << QByteArray("+1") << JsonReader::Kind::Invalid;
}

void TestJsonReader::peek()
{
    QFETCH(QByteArray, json);
    QFETCH(JsonReader::Kind, kind);
    JsonReader reader(json);
    QCOMPARE(reader.peek(), kind);
    QCOMPARE(reader.peek(), kind); // peeking does not consume
    QVERIFY(!reader.hasError());
}

void TestJsonReader::strings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QByteArray(R"("hello")") << u"hello"_s;
    QTest::newRow("empty") << QByteArray(R"("")") << QString();
    QTest::newRow("UTF-8 as is") << QByteArray("\"Z\xc3\xbcrich \xe2\x86\x92 S\xc3\xa3o Paulo\"")
                                 << u"Zürich → São Paulo"_s;
    QTest::newRow("simple escapes") << QByteArray(R"("a\"b\\c\/d\be\ff\ng\rh\ti")") << u"a\"b\\c/d\be\ff\ng\rh\ti"_s;
    QTest::newRow("escape first") << QByteArray(R"("\nabc")") << u"\nabc"_s;
    QTest::newRow("escape last") << QByteArray(R"("abc\n")") << u"abc\n"_s;
    QTest::newRow("u escape, latin") << QByteArray(R"("S\u00e3o")") << u"São"_s;
    QTest::newRow("u escape, BMP") << QByteArray(R"("\u20AC 5")") << u"€ 5"_s;
    QTest::newRow("u escape, NUL") << QByteArray(R"("a\u0000b")") << QString(u"a\0b"_s);
    QTest::newRow("surrogate pair") << QByteArray(R"("\ud83d\udef0")") << u"\U0001F6F0"_s;
    QTest::newRow("surrogate pair, upper case") << QByteArray(R"("x\uD83D\uDE00y")") << u"x\U0001F600y"_s;
    QTest::newRow("lone high surrogate") << QByteArray(R"("\ud83dx")") << u"\uFFFDx"_s;
    QTest::newRow("high surrogate then other escape") << QByteArray(R"("\ud83d\u0041")") << u"\uFFFDA"_s;
    QTest::newRow("lone low surrogate") << QByteArray(R"("\ude00!")") << u"\uFFFD!"_s;
    QTest::newRow("high surrogate at the end") << QByteArray(R"("\ud83d")") << u"\uFFFD"_s;
}

void TestJsonReader::strings()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    JsonReader reader(json);
    QString s;
    QVERIFY2(reader.readString(&s), qPrintable(reader.errorString()));
    QCOMPARE(s, expected);
    QVERIFY(reader.atEnd());
    QVERIFY(!reader.hasError());

    // The same string inside an array, through readValue, and as an object key.
    const QByteArray inArray = "[" + json + ", 1]";
    JsonReader arrayReader(inArray);
    QCOMPARE(arrayReader.readValue(), QJsonValue(QJsonArray { expected, 1 }));
    QVERIFY(!arrayReader.hasError());

    const QByteArray asKey = "{" + json + ": true}";
    JsonReader keyReader(asKey);
    QVERIFY(keyReader.beginObject());
    std::string_view key;
    QVERIFY(keyReader.nextKey(&key));
    QCOMPARE(QString::fromUtf8(key.data(), qsizetype(key.size())), expected);
    bool b = false;
    QVERIFY(keyReader.readBool(&b));
    QVERIFY(b);
    QVERIFY(!keyReader.nextKey(&key));
    QVERIFY(!keyReader.hasError());
}

void TestJsonReader::stringViewWithoutEscapes()
{
    // Without escapes the view points straight into the input bytes.
    const QByteArray json = R"(["first", "second"])";
    JsonReader reader(json);
    QVERIFY(reader.beginArray());
    QVERIFY(reader.nextElement());
    std::string_view v;
    QVERIFY(reader.readStringView(&v));
    QCOMPARE(v, std::string_view("first"));
    QVERIFY(v.data() == json.constData() + 2);
    QVERIFY(reader.nextElement());
    QVERIFY(reader.readStringView(&v));
    QCOMPARE(v, std::string_view("second"));
    QVERIFY(!reader.nextElement());
    QVERIFY(reader.atEnd());
}

void TestJsonReader::numbers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<double>("expected");

    QTest::newRow("zero") << QByteArray("0") << 0.0;
    QTest::newRow("integer") << QByteArray("42") << 42.0;
    QTest::newRow("negative") << QByteArray("-3.25") << -3.25;
    QTest::newRow("fraction") << QByteArray("0.1") << 0.1;
    QTest::newRow("exponent") << QByteArray("1e3") << 1000.0;
    QTest::newRow("upper-case exponent, negative") << QByteArray("1E-2") << 0.01;
    QTest::newRow("exponent with plus") << QByteArray("2.5e+2") << 250.0;
    QTest::newRow("2^53 - 1") << QByteArray("9007199254740991") << 9007199254740991.0;
    QTest::newRow("big float") << QByteArray("1.5e300") << 1.5e300;
    QTest::newRow("smallest normal") << QByteArray("2.2250738585072014e-308") << 2.2250738585072014e-308;
    QTest::newRow("overflow") << QByteArray("1e400") << std::numeric_limits<double>::infinity();
    QTest::newRow("negative overflow") << QByteArray("-1e400") << -std::numeric_limits<double>::infinity();
    QTest::newRow("long overflow") << QByteArray("1" + QByteArray(400, '0')) << std::numeric_limits<double>::infinity();
    QTest::newRow("underflow") << QByteArray("1e-400") << 0.0;
    QTest::newRow("negative underflow") << QByteArray("-2.5e-400") << 0.0;
    QTest::newRow("long underflow") << QByteArray("0." + QByteArray(400, '0') + "1") << 0.0;
    QTest::newRow("big mantissa, small exponent") << QByteArray("123456789e-400") << 0.0;
}

void TestJsonReader::numbers()
{
    QFETCH(QByteArray, json);
    QFETCH(double, expected);

    const QByteArray doc = "[" + json + " ]";
    JsonReader reader(doc);
    QVERIFY(reader.beginArray());
    QVERIFY(reader.nextElement());
    QCOMPARE(reader.peek(), JsonReader::Kind::Number);
    double d = -1;
    QVERIFY2(reader.readNumber(&d), qPrintable(reader.errorString()));
    QCOMPARE(d, expected);
    QVERIFY(!reader.nextElement());
    QVERIFY(reader.atEnd());
    QVERIFY(!reader.hasError());
}

void TestJsonReader::badNumbers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::newRow("minus alone") << QByteArray("-") << u"line 1, column 1: expected a number"_s;
    QTest::newRow("leading dot") << QByteArray(".5") << u"line 1, column 1: expected a number"_s;
    QTest::newRow("leading plus") << QByteArray("+1") << u"line 1, column 1: expected a number"_s;
    QTest::newRow("double minus") << QByteArray("--1") << u"line 1, column 1: expected a number"_s;
    QTest::newRow("two points") << QByteArray("1.2.3") << u"line 1, column 1: malformed number"_s;
    QTest::newRow("overflow, then junk") << QByteArray("1e400.5") << u"line 1, column 1: malformed number"_s;
    QTest::newRow("bare exponent") << QByteArray("1e") << u"line 1, column 1: malformed number"_s;
    QTest::newRow("string") << QByteArray("\"1\"") << u"line 1, column 1: expected a number, found a string"_s;
}

void TestJsonReader::badNumbers()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    JsonReader reader(json);
    double d = 7;
    QVERIFY(!reader.readNumber(&d));
    QVERIFY(reader.hasError());
    QVERIFY2(reader.errorString().startsWith(error), qPrintable(reader.errorString()));
}

void TestJsonReader::boolsAndNull()
{
    const QByteArray json = "[true, false, null]";
    JsonReader reader(json);
    QVERIFY(reader.beginArray());
    bool b = false;
    QVERIFY(reader.nextElement());
    QVERIFY(reader.readBool(&b));
    QCOMPARE(b, true);
    QVERIFY(reader.nextElement());
    QVERIFY(reader.readBool(&b));
    QCOMPARE(b, false);
    QVERIFY(reader.nextElement());
    QVERIFY(reader.readNull());
    QVERIFY(!reader.nextElement());
    QVERIFY(reader.atEnd());
    QVERIFY(!reader.hasError());

    JsonReader truncated("tru");
    QVERIFY(!truncated.readBool(&b));
    QVERIFY(truncated.errorString().startsWith(u"line 1, column 1: expected true or false"_s));

    JsonReader notNull("nul");
    QVERIFY(!notNull.readNull());
    QCOMPARE(notNull.errorString(), u"line 1, column 1: expected null"_s);
}

void TestJsonReader::objectWalk()
{
    const QByteArray json = R"({"id": "S2A", "n": 3, "ok": true, "list": ["a", "b"], "nested": {"x": null}})";
    JsonReader reader(json);
    QVERIFY(reader.beginObject());
    std::string_view key;
    QStringList keys;
    QString id;
    double n = 0;
    bool ok = false;
    QStringList list;
    while (reader.nextKey(&key)) {
        keys.append(QString::fromUtf8(key.data(), qsizetype(key.size())));
        if (key == "id") {
            QVERIFY(reader.readString(&id));
        } else if (key == "n") {
            QVERIFY(reader.readNumber(&n));
        } else if (key == "ok") {
            QVERIFY(reader.readBool(&ok));
        } else if (key == "list") {
            QVERIFY(reader.beginArray());
            while (reader.nextElement()) {
                QString s;
                QVERIFY(reader.readString(&s));
                list.append(s);
            }
        } else {
            QVERIFY(reader.skipValue());
        }
    }
    QVERIFY(!reader.hasError());
    QVERIFY(reader.atEnd());
    QCOMPARE(keys, (QStringList { u"id"_s, u"n"_s, u"ok"_s, u"list"_s, u"nested"_s }));
    QCOMPARE(id, u"S2A"_s);
    QCOMPARE(n, 3.0);
    QVERIFY(ok);
    QCOMPARE(list, (QStringList { u"a"_s, u"b"_s }));
}

void TestJsonReader::emptyContainers()
{
    JsonReader reader(" { } ");
    QVERIFY(reader.beginObject());
    std::string_view key;
    QVERIFY(!reader.nextKey(&key));
    QVERIFY(!reader.hasError());
    QVERIFY(reader.atEnd());

    JsonReader array("[ ]");
    QVERIFY(array.beginArray());
    QVERIFY(!array.nextElement());
    QVERIFY(!array.hasError());
    QVERIFY(array.atEnd());
}

void TestJsonReader::skipNested()
{
    const QByteArray json
        = R"(  {"a": [1, {"b": null, "c": [true, false, "x\"y]}"]}, -2.5e3], "d": {}, "e": [[[]]]}  )";
    JsonReader reader(json);
    QVERIFY(reader.skipValue());
    QVERIFY(!reader.hasError());
    QVERIFY(reader.atEnd());
    QCOMPARE(reader.offset(), json.size());
}

void TestJsonReader::skipThenRead()
{
    // Skipping a complicated value leaves the reader exactly before the next key.
    const QByteArray json = R"({"skip": {"deep": [1, [2, [3, {"k": "v\\"}]]], "s": "\u00e9"}, "keep": "yes"})";
    JsonReader reader(json);
    QVERIFY(reader.beginObject());
    std::string_view key;
    QVERIFY(reader.nextKey(&key));
    QCOMPARE(key, std::string_view("skip"));
    QVERIFY(reader.skipValue());
    QVERIFY(reader.nextKey(&key));
    QCOMPARE(key, std::string_view("keep"));
    QString keep;
    QVERIFY(reader.readString(&keep));
    QCOMPARE(keep, u"yes"_s);
    QVERIFY(!reader.nextKey(&key));
    QVERIFY(reader.atEnd());
    QVERIFY(!reader.hasError());
}

void TestJsonReader::readValue_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("object") << QByteArray(
        R"({"type": "Feature", "n": 1.5, "flags": [true, false, null], "o": {"k": "v", "e": {}, "a": []}})");
    QTest::newRow("array") << QByteArray(R"([1, "two", 3.5, false, null, {"k": "v"}, [7, 8]])");
    QTest::newRow("unicode") << QByteArray(R"({"u": "S\u00e3o Paulo \u2192 Buenos Aires \ud83d\udef0"})");
    QTest::newRow("whitespace everywhere") << QByteArray(" {\r\n \"a\" :\t[ 1 , 2 ] ,\n\"b\":{ } } ");
    QTest::newRow("scalar string") << QByteArray(R"("just text")");
    QTest::newRow("scalar number") << QByteArray("-0.125");
    QTest::newRow("scalar null") << QByteArray("null");
}

void TestJsonReader::readValue()
{
    QFETCH(QByteArray, json);
    // QJsonDocument only reads containers: wrap to get the reference value.
    const QJsonValue expected = QJsonDocument::fromJson("[" + json + "]").array().at(0);
    QVERIFY(!expected.isUndefined());
    JsonReader reader(json);
    const QJsonValue value = reader.readValue();
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(value, expected);
    QVERIFY(reader.atEnd());
}

void TestJsonReader::offsetAndSeek()
{
    const QByteArray json = R"({"a": [10, 20], "b": 30})";
    JsonReader reader(json);
    QVERIFY(reader.beginObject());
    std::string_view key;
    QVERIFY(reader.nextKey(&key));
    const qsizetype arrayAt = reader.offset();
    QCOMPARE(json.at(arrayAt), '[');
    QVERIFY(reader.skipValue());
    const qsizetype after = reader.offset();
    QCOMPARE(json.at(after), ',');
    // Go back and read the array again.
    reader.seek(arrayAt);
    QCOMPARE(reader.readValue(), QJsonValue(QJsonArray { 10, 20 }));
    QCOMPARE(reader.offset(), after);
    QVERIFY(reader.nextKey(&key));
    QCOMPARE(key, std::string_view("b"));
    QCOMPARE(reader.data().size(), json.size());
}

void TestJsonReader::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::addColumn<qsizetype>("offset");

    QTest::newRow("empty document") << QByteArray() << u"line 1, column 1: unexpected end of data, expected a value"_s
                                    << qsizetype(0);
    QTest::newRow("garbage") << QByteArray("  @") << u"line 1, column 3: unexpected character, expected a value"_s
                             << qsizetype(2);
    QTest::newRow("truncated array") << QByteArray("{\n  \"a\": [1,\n  2")
                                     << u"line 3, column 4: unexpected end of data, expected ',' or ']' in an array"_s
                                     << qsizetype(16);
    QTest::newRow("truncated after comma")
        << QByteArray("[1,\n") << u"line 2, column 1: unexpected end of data inside an array"_s << qsizetype(4);
    QTest::newRow("truncated after key") << QByteArray(
        R"({"a")") << u"line 1, column 5: unexpected end of data, expected ':' after an object key"_s
                                         << qsizetype(4);
    QTest::newRow("truncated after colon")
        << QByteArray(R"({"a":)") << u"line 1, column 6: unexpected end of data, expected a value"_s << qsizetype(5);
    QTest::newRow("truncated object") << QByteArray("{\"a\": 1,\r\n")
                                      << u"line 2, column 1: unexpected end of data inside an object"_s
                                      << qsizetype(10);
    QTest::newRow("unterminated string") << QByteArray("[\n \"abc") << u"line 2, column 2: unterminated string"_s
                                         << qsizetype(3);
    QTest::newRow("backslash at the end")
        << QByteArray(R"(["ab\)") << u"line 1, column 2: unterminated string"_s << qsizetype(1);
    QTest::newRow("bad escape") << QByteArray(R"(["a\qb"])") << u"line 1, column 4: invalid escape '\\q' in a string"_s
                                << qsizetype(3);
    QTest::newRow("bad u escape") << QByteArray(R"(["\u12G4"])")
                                  << u"line 1, column 3: invalid \\u escape in a string"_s << qsizetype(2);
    QTest::newRow("short u escape") << QByteArray(R"(["\u12)") << u"line 1, column 3: invalid \\u escape in a string"_s
                                    << qsizetype(2);
    QTest::newRow("trailing comma in array")
        << QByteArray("[1, 2,]") << u"line 1, column 7: unexpected character, expected a value"_s << qsizetype(6);
    QTest::newRow("trailing comma in object")
        << QByteArray(R"({"a": 1,})") << u"line 1, column 9: expected a quoted object key"_s << qsizetype(8);
    QTest::newRow("unquoted key") << QByteArray("{a: 1}") << u"line 1, column 2: expected a quoted object key"_s
                                  << qsizetype(1);
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})")
                                   << u"line 1, column 6: expected ':' after an object key"_s << qsizetype(5);
    QTest::newRow("missing comma") << QByteArray("[1 2]") << u"line 1, column 4: expected ',' or ']' in an array"_s
                                   << qsizetype(3);
    QTest::newRow("missing comma in object") << QByteArray("{\"a\": 1\n \"b\": 2}")
                                             << u"line 2, column 2: expected ',' or '}' in an object"_s << qsizetype(9);
    QTest::newRow("tab in string") << QByteArray("[\"a\tb\"]")
                                   << u"line 1, column 4: control character inside a string"_s << qsizetype(3);
    QTest::newRow("newline in string after escape")
        << QByteArray("[\"\\n\nx\"]") << u"line 1, column 5: control character inside a string"_s << qsizetype(4);
    QTest::newRow("raw control byte") << QByteArray("{\"k\x01\": 1}")
                                      << u"line 1, column 4: control character inside a string"_s << qsizetype(3);
    QTest::newRow("bad literal") << QByteArray("[nul]") << u"line 1, column 2: expected null"_s << qsizetype(1);
}

void TestJsonReader::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QFETCH(qsizetype, offset);

    JsonReader reader(json);
    QVERIFY(!reader.skipValue());
    QVERIFY(reader.hasError());
    QCOMPARE(reader.errorString(), error);
    QCOMPARE(reader.errorOffset(), offset);
    QCOMPARE(reader.peek(), JsonReader::Kind::Invalid);
}

void TestJsonReader::errorsThroughReadValue()
{
    JsonReader reader("{\"a\": [1, 2,\n  ]}");
    reader.readValue();
    QVERIFY(reader.hasError());
    QCOMPARE(reader.errorString(), u"line 2, column 3: unexpected character, expected a value"_s);

    JsonReader truncated(R"({"features": [{"id": "x")");
    truncated.readValue();
    QCOMPARE(truncated.errorString(), u"line 1, column 25: unexpected end of data, expected ',' or '}' in an object"_s);
}

void TestJsonReader::firstErrorIsKept()
{
    JsonReader reader("[1 2] @");
    QVERIFY(!reader.skipValue());
    const QString first = reader.errorString();
    QVERIFY(first.contains(u"column 4"_s));
    // Everything fails from now on and the message stays.
    double d = 0;
    QVERIFY(!reader.readNumber(&d));
    QVERIFY(!reader.beginArray());
    QVERIFY(!reader.skipValue());
    reader.setError(u"another"_s);
    QCOMPARE(reader.errorString(), first);
}

void TestJsonReader::typeMismatch()
{
    JsonReader reader("[42]");
    QVERIFY(reader.beginArray());
    QVERIFY(reader.nextElement());
    QString s;
    QVERIFY(!reader.readString(&s));
    QCOMPARE(reader.errorString(), u"line 1, column 2: expected a string, found a number"_s);

    JsonReader object("[1]");
    QVERIFY(!object.beginObject());
    QCOMPARE(object.errorString(), u"line 1, column 1: expected '{'"_s);

    JsonReader array(" ");
    QVERIFY(!array.beginArray());
    QCOMPARE(array.errorString(), u"line 1, column 2: unexpected end of data, expected '['"_s);
}

void TestJsonReader::nestedTooDeeply()
{
    const QByteArray deep = QByteArray(300, '[') + QByteArray(300, ']');
    JsonReader reader(deep);
    QVERIFY(!reader.skipValue());
    QVERIFY(reader.errorString().endsWith(u"nested too deeply"_s));

    JsonReader viaValue(deep);
    viaValue.readValue();
    QVERIFY(viaValue.errorString().endsWith(u"nested too deeply"_s));

    // 200 levels are fine.
    const QByteArray ok = QByteArray(200, '[') + QByteArray(200, ']');
    JsonReader fine(ok);
    QVERIFY2(fine.skipValue(), qPrintable(fine.errorString()));
    QVERIFY(fine.atEnd());
}

void TestJsonReader::kindNames()
{
    QCOMPARE(JsonReader::kindName(JsonReader::Kind::Object), u"an object"_s);
    QCOMPARE(JsonReader::kindName(JsonReader::Kind::Array), u"an array"_s);
    QCOMPARE(JsonReader::kindName(JsonReader::Kind::String), u"a string"_s);
    QCOMPARE(JsonReader::kindName(JsonReader::Kind::Number), u"a number"_s);
    QCOMPARE(JsonReader::kindName(JsonReader::Kind::Bool), u"a boolean"_s);
    QCOMPARE(JsonReader::kindName(JsonReader::Kind::Null), u"null"_s);
    QCOMPARE(JsonReader::kindName(JsonReader::Kind::End), u"the end of the document"_s);
    QCOMPARE(JsonReader::kindName(JsonReader::Kind::Invalid), u"invalid JSON"_s);
}

// JsonText::indented: one member a line, in the document's order, numbers and strings (escapes,
// braces and commas inside them) as they were, empty containers kept short; the same document.
void TestJsonReader::indentedKeepsTheDocumentsOrder()
{
    const QByteArray json = "{\"type\":\"Feature\",\"id\":\"a \\\"{b},[c]\\\\\",\"bbox\":[1.50,-2e3, 0],"
                            "\"properties\":{\"z\":null,\"a\":true},\"links\":[],\"assets\":{ }}";
    const QByteArray expected = "{\n"
                                "  \"type\": \"Feature\",\n"
                                "  \"id\": \"a \\\"{b},[c]\\\\\",\n"
                                "  \"bbox\": [\n"
                                "    1.50,\n"
                                "    -2e3,\n"
                                "    0\n"
                                "  ],\n"
                                "  \"properties\": {\n"
                                "    \"z\": null,\n"
                                "    \"a\": true\n"
                                "  },\n"
                                "  \"links\": [],\n"
                                "  \"assets\": {}\n"
                                "}";
    const QByteArray out = JsonText::indented(json, 2);
    QCOMPARE(out, expected);
    QCOMPARE(QJsonDocument::fromJson(out), QJsonDocument::fromJson(json));
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
