#include "src/stac/filtercondition.h"

#include <QJsonArray>

#include "src/stac/datetime.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QJsonObject propertyRef(const QString &name)
{
    return QJsonObject { { u"property"_s, name } };
}

QJsonObject binary(const QString &op, const QJsonValue &a, const QJsonValue &b)
{
    return QJsonObject { { u"op"_s, op }, { u"args"_s, QJsonArray { a, b } } };
}

QString propertyName(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    if (o.size() != 1 || !o.value(u"property"_s).isString()) {
        return {};
    }
    const QString name = o.value(u"property"_s).toString();
    return name.startsWith(u"properties."_s) ? name.mid(11) : name;
}

std::optional<qint64> timestampOf(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    if (o.size() != 1) {
        return std::nullopt;
    }
    if (o.value(u"timestamp"_s).isString()) {
        return Rfc3339::parse(o.value(u"timestamp"_s).toString());
    }
    if (o.value(u"date"_s).isString()) {
        return Rfc3339::parse(QString(o.value(u"date"_s).toString() + u"T00:00:00Z"_s));
    }
    return std::nullopt;
}

QVariantList listOf(const QJsonValue &v)
{
    QVariantList out;
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString() && !e.isDouble()) {
            return {};
        }
        out.append(e.toVariant());
    }
    return out;
}

} // namespace

QJsonObject FilterCondition::toCql2() const
{
    const QJsonObject p = propertyRef(property);
    switch (op) {
    case Op::Range: {
        QJsonArray parts;
        if (type == Queryable::Type::Timestamp) {
            if (from) {
                parts.append(binary(u">="_s, p, QJsonObject { { u"timestamp"_s, Rfc3339::format(*from) } }));
            }
            if (to) {
                parts.append(binary(u"<="_s, p, QJsonObject { { u"timestamp"_s, Rfc3339::format(*to) } }));
            }
        } else {
            if (low) {
                parts.append(binary(u">="_s, p, *low));
            }
            if (high) {
                parts.append(binary(u"<="_s, p, *high));
            }
        }
        if (parts.isEmpty()) {
            return {};
        }
        return parts.size() == 1 ? parts.first().toObject()
                                 : QJsonObject { { u"op"_s, u"and"_s }, { u"args"_s, parts } };
    }
    case Op::In:
    case Op::Overlaps: {
        if (values.isEmpty()) {
            return {};
        }
        const QJsonArray list = QJsonArray::fromVariantList(values);
        if (op == Op::In && values.size() == 1) {
            return binary(u"="_s, p, list.first());
        }
        return binary(op == Op::In ? u"in"_s : u"a_overlaps"_s, p, list);
    }
    case Op::Equals: {
        if (text.isEmpty()) {
            return {};
        }
        bool numeric = false;
        const double number = text.toDouble(&numeric);
        const bool isNumber = type == Queryable::Type::Number || type == Queryable::Type::Integer;
        return binary(u"="_s, p, isNumber && numeric ? QJsonValue(number) : QJsonValue(text));
    }
    case Op::Like:
        return text.isEmpty() ? QJsonObject() : binary(u"like"_s, p, text);
    case Op::IsTrue:
        return binary(u"="_s, p, true);
    case Op::IsFalse:
        return binary(u"="_s, p, false);
    }
    return {};
}

std::optional<FilterCondition> FilterCondition::fromCql2(const QJsonObject &e)
{
    const QString op = e.value(u"op"_s).toString().toLower();
    const QJsonArray args = e.value(u"args"_s).toArray();
    if (args.size() != 2) {
        return std::nullopt;
    }
    FilterCondition c;
    QString name = propertyName(args[0]);
    QJsonValue value = args[1];
    QString cmp = op;
    if (name.isEmpty() && (op == u"<="_s || op == u">="_s || op == u"="_s)) {
        // The literal first: 10 <= p is p >= 10.
        name = propertyName(args[1]);
        value = args[0];
        cmp = op == u"<="_s ? u">="_s : (op == u">="_s ? u"<="_s : op);
    }
    if (name.isEmpty()) {
        return std::nullopt;
    }
    c.property = name;
    if (cmp == u">="_s || cmp == u"<="_s) {
        c.op = Op::Range;
        if (value.isDouble()) {
            c.type = Queryable::Type::Number;
            (cmp == u">="_s ? c.low : c.high) = value.toDouble();
            return c;
        }
        if (const auto t = timestampOf(value)) {
            c.type = Queryable::Type::Timestamp;
            (cmp == u">="_s ? c.from : c.to) = *t;
            return c;
        }
        return std::nullopt;
    }
    if (cmp == u"="_s) {
        if (value.isBool()) {
            c.type = Queryable::Type::Boolean;
            c.op = value.toBool() ? Op::IsTrue : Op::IsFalse;
            return c;
        }
        if (value.isString()) {
            c.type = Queryable::Type::String;
            c.op = Op::In;
            c.values = { value.toString() };
            return c;
        }
        if (value.isDouble()) {
            c.type = Queryable::Type::Number;
            c.op = Op::Equals;
            c.text = QString::number(value.toDouble(), 'g', 17);
            return c;
        }
        return std::nullopt;
    }
    if (cmp == u"in"_s || cmp == u"a_overlaps"_s) {
        c.values = listOf(value);
        if (c.values.isEmpty()) {
            return std::nullopt;
        }
        c.op = cmp == u"in"_s ? Op::In : Op::Overlaps;
        c.type = cmp == u"in"_s ? Queryable::Type::String : Queryable::Type::Array;
        return c;
    }
    if (cmp == u"like"_s && value.isString()) {
        c.type = Queryable::Type::String;
        c.op = Op::Like;
        c.text = value.toString();
        return c;
    }
    return std::nullopt;
}

namespace FilterConditions {

QJsonObject toCql2(const QList<FilterCondition> &conditions)
{
    QJsonArray parts;
    for (const FilterCondition &c : conditions) {
        const QJsonObject e = c.toCql2();
        if (e.isEmpty()) {
            continue;
        }
        // A two-sided range is already an "and": its sides join the others.
        if (e.value(u"op"_s).toString() == u"and"_s) {
            for (const QJsonValue &a : e.value(u"args"_s).toArray()) {
                parts.append(a);
            }
        } else {
            parts.append(e);
        }
    }
    if (parts.isEmpty()) {
        return {};
    }
    return parts.size() == 1 ? parts.first().toObject() : QJsonObject { { u"op"_s, u"and"_s }, { u"args"_s, parts } };
}

bool fromCql2(const QJsonObject &expression, QList<FilterCondition> *out)
{
    QJsonArray parts;
    if (expression.value(u"op"_s).toString().toLower() == u"and"_s) {
        parts = expression.value(u"args"_s).toArray();
    } else {
        parts.append(expression);
    }
    QList<FilterCondition> conditions;
    for (const QJsonValue &part : parts) {
        const std::optional<FilterCondition> c = FilterCondition::fromCql2(part.toObject());
        if (!c) {
            return false;
        }
        // The other side of a range already read: one condition with both sides.
        if (c->op == FilterCondition::Op::Range && !conditions.isEmpty()) {
            FilterCondition &last = conditions.last();
            if (last.op == FilterCondition::Op::Range && last.property == c->property && last.type == c->type) {
                const bool lowFree = !last.low && !last.from;
                const bool highFree = !last.high && !last.to;
                const bool addsLow = c->low || c->from;
                if ((addsLow && lowFree) || (!addsLow && highFree)) {
                    last.low = last.low ? last.low : c->low;
                    last.high = last.high ? last.high : c->high;
                    last.from = last.from ? last.from : c->from;
                    last.to = last.to ? last.to : c->to;
                    continue;
                }
            }
        }
        conditions.append(*c);
    }
    *out = conditions;
    return true;
}

} // namespace FilterConditions

} // namespace StacScope
