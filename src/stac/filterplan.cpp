#include "src/stac/filterplan.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include "src/geo/spatialpredicate.h"
#include "src/stac/conformance.h"
#include "src/stac/cql2.h"

using namespace Qt::StringLiterals;

namespace StacScope::FilterPlanner {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::FilterPlanner", text);
}

// A CQL2 literal as the Query extension takes it (timestamps and dates as their strings).
bool literal(const QJsonValue &v, QJsonValue *out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (const auto &k : { u"timestamp"_s, u"date"_s }) {
            if (o.size() == 1 && o.value(k).isString()) {
                *out = o.value(k);
                return true;
            }
        }
        return false;
    }
    if (v.isArray()) {
        QJsonArray list;
        for (const QJsonValue &e : v.toArray()) {
            QJsonValue x;
            if (!literal(e, &x) || x.isArray()) {
                return false;
            }
            list.append(x);
        }
        *out = list;
        return true;
    }
    if (v.isUndefined() || v.isNull()) {
        return false;
    }
    *out = v;
    return true;
}

QString propertyOf(const QJsonValue &v, const std::function<QString(const QString &)> &rename)
{
    const QJsonObject o = v.toObject();
    if (o.size() != 1 || !o.value(u"property"_s).isString()) {
        return {};
    }
    QString name = o.value(u"property"_s).toString();
    if (name.startsWith(u"properties."_s)) {
        name = name.mid(11);
    }
    return rename ? rename(name) : name;
}

// Adds one condition to `query`; false when it cannot be merged (the same operator twice).
bool addCondition(QJsonObject *query, const QString &property, const QString &op, const QJsonValue &value)
{
    QJsonObject ops = query->value(property).toObject();
    if (ops.contains(op) || (op == u"eq"_s && !ops.isEmpty()) || ops.contains(u"eq"_s)) {
        return false;
    }
    ops.insert(op, value);
    query->insert(property, ops);
    return true;
}

// One conjunct of the filter into `query`; false when the Query extension cannot express it.
bool translateConjunct(const QJsonObject &e, QJsonObject *query, const std::function<QString(const QString &)> &rename)
{
    static const QHash<QString, QString> ops { { u"="_s, u"eq"_s }, { u"<"_s, u"lt"_s }, { u"<="_s, u"lte"_s },
        { u">"_s, u"gt"_s }, { u">="_s, u"gte"_s } };
    static const QHash<QString, QString> flipped { { u"eq"_s, u"eq"_s }, { u"lt"_s, u"gt"_s }, { u"lte"_s, u"gte"_s },
        { u"gt"_s, u"lt"_s }, { u"gte"_s, u"lte"_s } };
    const QString op = e.value(u"op"_s).toString().toLower();
    const QJsonArray args = e.value(u"args"_s).toArray();
    QJsonObject trial = *query;
    if (ops.contains(op) && args.size() == 2) {
        QString property = propertyOf(args[0], rename);
        QJsonValue value;
        QString qop = ops.value(op);
        if (property.isEmpty()) {
            property = propertyOf(args[1], rename);
            qop = flipped.value(qop);
            if (property.isEmpty() || !literal(args[0], &value)) {
                return false;
            }
        } else if (!literal(args[1], &value)) {
            return false;
        }
        if (value.isArray() || !addCondition(&trial, property, qop, value)) {
            return false;
        }
    } else if (op == u"in"_s && args.size() == 2) {
        const QString property = propertyOf(args[0], rename);
        QJsonValue value;
        if (property.isEmpty() || !literal(args[1], &value) || !value.isArray()
            || !addCondition(&trial, property, u"in"_s, value)) {
            return false;
        }
    } else if (op == u"between"_s && args.size() == 3) {
        const QString property = propertyOf(args[0], rename);
        QJsonValue low;
        QJsonValue high;
        if (property.isEmpty() || !literal(args[1], &low) || !literal(args[2], &high) || low.isArray() || high.isArray()
            || !addCondition(&trial, property, u"gte"_s, low) || !addCondition(&trial, property, u"lte"_s, high)) {
            return false;
        }
    } else {
        return false;
    }
    *query = trial;
    return true;
}

void flattenAnd(const QJsonObject &e, QList<QJsonObject> *out)
{
    if (e.value(u"op"_s).toString().toLower() == u"and"_s) {
        for (const QJsonValue &a : e.value(u"args"_s).toArray()) {
            flattenAnd(a.toObject(), out);
        }
        return;
    }
    out->append(e);
}

QString describeOp(const QJsonObject &e)
{
    const QString op = e.value(u"op"_s).toString();
    QStringList props;
    for (const QJsonValue &a : e.value(u"args"_s).toArray()) {
        const QString p = a.toObject().value(u"property"_s).toString();
        if (!p.isEmpty()) {
            props.append(p);
        }
    }
    return props.isEmpty() ? op : op + u" on "_s + props.join(u", "_s);
}

} // namespace

FilterEncoding encodingFor(const Conformance &conformance, bool post)
{
    if (conformance.filter()) {
        // The Filter extension: a POST body SHOULD take CQL2-JSON and a GET query CQL2 text.
        // Servers that declare only text still take JSON by POST (UP42's storage STAC declares
        // "filter:cql-text" alone; its own client posts CQL2-JSON); a GET goes as JSON only to a
        // server that declares JSON alone.
        if (post) {
            return FilterEncoding::Cql2Json;
        }
        return conformance.cql2Json() && !conformance.cql2Text() ? FilterEncoding::Cql2Json : FilterEncoding::Cql2Text;
    }
    if (conformance.query()) {
        return FilterEncoding::QueryExtension;
    }
    return FilterEncoding::Local;
}

FilterPlan plan(const QJsonObject &filter, FilterEncoding encoding,
    const std::function<QString(const QString &)> &propertyName, const QJsonObject &query)
{
    FilterPlan out;
    out.encoding = encoding;
    out.query = query;
    if (filter.isEmpty()) {
        return out;
    }
    switch (encoding) {
    case FilterEncoding::Cql2Json:
        out.serverFilter = filter;
        return out;
    case FilterEncoding::Cql2Text: {
        QString error;
        if (!Cql2::toText(filter, &error).isEmpty()) {
            out.serverFilter = filter;
            return out;
        }
        // No text form (e.g. a literal the text encoding cannot carry): evaluate it here.
        out.encoding = FilterEncoding::Local;
        out.localFilter = filter;
        out.localParts.append(tr("the whole filter (%1)").arg(error));
        return out;
    }
    case FilterEncoding::Local:
        out.localFilter = filter;
        out.localParts.append(tr("the whole filter"));
        return out;
    case FilterEncoding::QueryExtension:
        break;
    }
    QList<QJsonObject> conjuncts;
    flattenAnd(filter, &conjuncts);
    QJsonArray local;
    for (const QJsonObject &c : conjuncts) {
        if (!translateConjunct(c, &out.query, propertyName)) {
            local.append(c);
            out.localParts.append(describeOp(c));
        }
    }
    if (local.size() == 1) {
        out.localFilter = local.first().toObject();
    } else if (!local.isEmpty()) {
        out.localFilter = QJsonObject { { u"op"_s, u"and"_s }, { u"args"_s, local } };
    }
    return out;
}

int applyLocalFilter(ItemPage &page, const QByteArray &json, const QJsonObject &filter)
{
    if (filter.isEmpty()) {
        return 0;
    }
    SpatialTesterCache testers;
    std::vector<ItemRecord> items;
    std::vector<ItemPage::Span> spans;
    int dropped = 0;
    for (size_t i = 0; i < page.items.size(); ++i) {
        const ItemPage::Span span = page.spans[i];
        const QJsonObject item = QJsonDocument::fromJson(json.mid(span.begin, span.end - span.begin)).object();
        const QJsonObject properties = item.value(u"properties"_s).toObject();
        const ItemRecord &record = page.items[i];
        Cql2::EvaluationContext context;
        context.property = [&](const QString &name) {
            if (name == u"id"_s || name == u"collection"_s) {
                return item.value(name);
            }
            return properties.value(name.startsWith(u"properties."_s) ? name.mid(11) : name);
        };
        context.spatial = [&](const QString &op, const QJsonObject &geometry) {
            const SpatialTester *tester = testers.get(op, geometry);
            return tester && tester->test(record.footprint);
        };
        if (Cql2::evaluate(filter, context)) {
            items.push_back(std::move(page.items[i]));
            spans.push_back(span);
        } else {
            ++dropped;
        }
    }
    page.items = std::move(items);
    page.spans = std::move(spans);
    return dropped;
}

QString describe(FilterEncoding encoding)
{
    switch (encoding) {
    case FilterEncoding::Cql2Json:
        return tr("Sent to the server as CQL2-JSON.");
    case FilterEncoding::Cql2Text:
        return tr("Sent to the server as CQL2 text.");
    case FilterEncoding::QueryExtension:
        return tr("Sent with the Query extension; what it cannot express is applied here to each page.");
    case FilterEncoding::Local:
        return tr("This catalog cannot filter: the filter is applied here to each page it returns.");
    }
    return {};
}

} // namespace StacScope::FilterPlanner
