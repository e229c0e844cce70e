#include "src/stac/itemqueryables.h"

#include <algorithm>
#include <cmath>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "src/stac/datetime.h"
#include "src/stac/itemsnapshot.h"

using namespace Qt::StringLiterals;

namespace StacScope::ItemQueryables {

namespace {

struct Seen
{
    int order = 0;
    bool number = false;
    bool fraction = false;
    bool string = false;
    bool timestampsOnly = true;
    bool boolean = false;
    bool array = false;
    bool other = false; // objects: not filterable here
    double min = 0;
    double max = 0;
    bool ranged = false;
    QVariantList values;
    bool tooMany = false;
};

void addValue(Seen &s, const QVariant &v, int maxValues)
{
    if (s.tooMany || s.values.contains(v)) {
        return;
    }
    if (s.values.size() >= maxValues) {
        s.tooMany = true;
        s.values.clear();
        return;
    }
    s.values.append(v);
}

} // namespace

Queryables derive(const ItemSnapshot &items, int maxValues)
{
    QHash<QString, Seen> seen;
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject properties
            = QJsonDocument::fromJson(items.rawJson(i)).object().value(u"properties"_s).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            auto at = seen.find(it.key());
            if (at == seen.end()) {
                at = seen.insert(it.key(), Seen {});
                at->order = int(seen.size());
            }
            Seen &s = *at;
            const QJsonValue v = it.value();
            if (v.isDouble()) {
                const double d = v.toDouble();
                s.number = true;
                s.fraction = s.fraction || std::floor(d) != d;
                s.min = s.ranged ? std::min(s.min, d) : d;
                s.max = s.ranged ? std::max(s.max, d) : d;
                s.ranged = true;
            } else if (v.isString()) {
                s.string = true;
                const QString text = v.toString();
                if (s.timestampsOnly && !(text.size() >= 20 && text.at(10) == u'T' && Rfc3339::parse(text))) {
                    s.timestampsOnly = false;
                }
                if (!s.timestampsOnly) {
                    addValue(s, text, maxValues);
                }
            } else if (v.isBool()) {
                s.boolean = true;
            } else if (v.isArray()) {
                s.array = true;
                for (const QJsonValue &e : v.toArray()) {
                    if (e.isString() || e.isDouble()) {
                        addValue(s, e.toVariant(), maxValues);
                    }
                }
            } else if (v.isObject()) {
                s.other = true;
            }
        }
    }
    QList<QString> names = seen.keys();
    std::sort(names.begin(), names.end(),
        [&](const QString &a, const QString &b) { return seen.value(a).order < seen.value(b).order; });
    Queryables out;
    out.additionalProperties = false;
    for (const QString &name : names) {
        const Seen &s = seen[name];
        const int kinds = int(s.number) + int(s.string) + int(s.boolean) + int(s.array) + int(s.other);
        if (kinds != 1 || s.other) {
            continue; // mixed or structured values: nothing a form can filter on
        }
        Queryable q;
        q.name = name;
        if (s.number) {
            q.type = s.fraction ? Queryable::Type::Number : Queryable::Type::Integer;
            q.minimum = s.min;
            q.maximum = s.max;
        } else if (s.string) {
            q.type = s.timestampsOnly ? Queryable::Type::Timestamp : Queryable::Type::String;
            if (!s.timestampsOnly && !s.tooMany) {
                q.enumValues = s.values;
            }
        } else if (s.boolean) {
            q.type = Queryable::Type::Boolean;
        } else {
            q.type = Queryable::Type::Array;
            if (!s.tooMany) {
                q.enumValues = s.values;
            }
        }
        out.properties.append(q);
    }
    // Titles and units of common fields, as a published schema would carry them.
    const Queryables presets = Queryables::presets();
    for (Queryable &q : out.properties) {
        if (const Queryable *preset = presets.find(q.name)) {
            q.title = preset->title;
            q.unit = preset->unit;
        }
    }
    return out;
}

} // namespace StacScope::ItemQueryables
