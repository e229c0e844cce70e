#include "src/stac/localsearch.h"

#include <algorithm>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include "src/geo/spatialpredicate.h"
#include "src/stac/cql2.h"
#include "src/stac/datetime.h"
#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// Reads an item's properties from its JSON only when a filter or sort asks for one the record
// does not carry, and keeps them for the rest of the search.
class PropertyReader
{
public:
    explicit PropertyReader(const ItemStore &store)
        : m_store(store)
    {}

    QJsonValue value(int row, const QString &rawName)
    {
        const ItemRecord &r = m_store.at(row);
        const QString name = rawName.startsWith(u"properties."_s) ? rawName.mid(11) : rawName;
        if (name == u"id"_s) {
            return r.id;
        }
        if (name == u"collection"_s) {
            return r.collection.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(r.collection);
        }
        if (name == u"datetime"_s) {
            return r.hasDatetime() ? QJsonValue(Rfc3339::format(r.datetime)) : QJsonValue(QJsonValue::Null);
        }
        auto number
            = [](float v) { return ItemRecord::isSet(v) ? QJsonValue(double(v)) : QJsonValue(QJsonValue::Undefined); };
        if (name == u"eo:cloud_cover"_s && ItemRecord::isSet(r.cloudCover)) {
            return number(r.cloudCover);
        }
        if (name == u"gsd"_s && ItemRecord::isSet(r.gsd)) {
            return number(r.gsd);
        }
        if (name == u"view:off_nadir"_s && ItemRecord::isSet(r.offNadir)) {
            return number(r.offNadir);
        }
        auto it = m_cache.find(row);
        if (it == m_cache.end()) {
            const QJsonObject item = QJsonDocument::fromJson(m_store.rawJson(row)).object();
            it = m_cache.insert(row, item.value(u"properties"_s).toObject());
        }
        return it->value(name);
    }

private:
    const ItemStore &m_store;
    QHash<int, QJsonObject> m_cache;
};

int compareJson(const QJsonValue &a, const QJsonValue &b)
{
    // Missing values sort last, whatever the direction asked for is handled by the caller.
    if (a.isUndefined() || a.isNull()) {
        return (b.isUndefined() || b.isNull()) ? 0 : 1;
    }
    if (b.isUndefined() || b.isNull()) {
        return -1;
    }
    if (a.isDouble() && b.isDouble()) {
        return a.toDouble() < b.toDouble() ? -1 : (a.toDouble() > b.toDouble() ? 1 : 0);
    }
    if (a.isString() && b.isString()) {
        // Timestamps compare as instants: as text, "10:00:00.5Z" sorts before "10:00:00Z", and
        // offsets other than Z do not sort at all.
        const std::optional<qint64> ta = Rfc3339::parse(QStringView(a.toString()));
        const std::optional<qint64> tb = ta ? Rfc3339::parse(QStringView(b.toString())) : std::nullopt;
        if (ta && tb) {
            return *ta < *tb ? -1 : (*ta > *tb ? 1 : 0);
        }
    }
    const QString sa = a.isString() ? a.toString() : QString::fromUtf8(QJsonDocument(QJsonArray { a }).toJson());
    const QString sb = b.isString() ? b.toString() : QString::fromUtf8(QJsonDocument(QJsonArray { b }).toJson());
    return sa.compare(sb);
}

} // namespace

LocalSearch::LocalSearch(const ItemStore &store)
    : m_store(store)
{}

LocalSearch::Result LocalSearch::run(const SearchParameters &p, int maxItems) const
{
    Result result;
    result.error = p.validate();
    if (!result.error.isEmpty()) {
        return result;
    }
    std::vector<int> candidates;
    std::optional<GeoBox> area = p.bbox;
    std::optional<GeoBox> shape;
    if (p.intersects) {
        shape = p.intersects->bounds();
        area = shape;
    }
    if (area) {
        for (std::uint32_t row : m_store.rowsIntersecting(*area)) {
            candidates.push_back(int(row));
        }
    } else {
        candidates.resize(size_t(m_store.size()));
        for (int i = 0; i < m_store.size(); ++i) {
            candidates[size_t(i)] = i;
        }
    }
    // An intersects geometry may be several boxes apart (a MultiPolygon): test each part's bbox.
    std::vector<GeoBox> shapeParts;
    if (p.intersects) {
        const Geometry split = p.intersects->splitAtAntimeridian();
        std::uint32_t ringBegin = 0;
        for (std::uint32_t end : split.partEnds()) {
            double w = 1e300, s = 1e300, e = -1e300, n = -1e300;
            for (std::uint32_t r = ringBegin; r < end; ++r) {
                const auto xy = split.ring(int(r));
                for (size_t i = 0; i + 1 < xy.size(); i += 2) {
                    w = std::min(w, xy[i]);
                    e = std::max(e, xy[i]);
                    s = std::min(s, xy[i + 1]);
                    n = std::max(n, xy[i + 1]);
                }
            }
            ringBegin = end;
            if (w <= e) {
                shapeParts.push_back({ w, s, e, n });
            }
        }
    }
    const QSet<QString> collections(p.collections.begin(), p.collections.end());
    const QSet<QString> ids(p.ids.begin(), p.ids.end());
    PropertyReader properties(m_store);
    SpatialTesterCache spatialTesters;
    std::vector<int> rows;
    for (int row : candidates) {
        const ItemRecord &r = m_store.at(row);
        if (!collections.isEmpty() && !collections.contains(r.collection)) {
            continue;
        }
        if (!ids.isEmpty() && !ids.contains(r.id)) {
            continue;
        }
        if (p.datetime) {
            if (!r.hasDatetime() || !p.datetime->overlaps(r.timeBegin(), r.timeEnd())) {
                continue;
            }
        }
        if (!shapeParts.empty()) {
            const bool hit = std::any_of(shapeParts.begin(), shapeParts.end(),
                [&](const GeoBox &b) { return r.hasBbox && r.bbox.intersects(b); });
            if (!hit) {
                continue;
            }
        }
        if (!p.filter.isEmpty()) {
            Cql2::EvaluationContext context;
            context.property = [&](const QString &name) { return properties.value(row, name); };
            context.spatial = [&](const QString &op, const QJsonObject &geometry) {
                const SpatialTester *tester = spatialTesters.get(op, geometry);
                return tester && tester->test(r.footprint);
            };
            if (!Cql2::evaluate(p.filter, context)) {
                continue;
            }
        }
        rows.push_back(row);
    }
    if (!p.sortBy.isEmpty()) {
        std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
            for (const SortField &f : p.sortBy) {
                const QString name = f.field.startsWith(u"properties."_s) ? f.field.mid(11) : f.field;
                const QJsonValue va = properties.value(a, name);
                const QJsonValue vb = properties.value(b, name);
                int c = compareJson(va, vb);
                const bool aMissing = va.isUndefined() || va.isNull();
                const bool bMissing = vb.isUndefined() || vb.isNull();
                if (f.descending && !aMissing && !bMissing) {
                    c = -c;
                }
                if (c != 0) {
                    return c < 0;
                }
            }
            return false;
        });
    }
    result.matched = qint64(rows.size());
    if (maxItems > 0 && rows.size() > size_t(maxItems)) {
        rows.resize(size_t(maxItems));
    }
    result.rows = std::move(rows);
    return result;
}

} // namespace StacScope
