#include "src/stac/itemgroups.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include "src/stac/itemstore.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString text(const QJsonValue &v)
{
    if (v.isDouble()) {
        return QString::number(v.toDouble(), 'g', 12);
    }
    if (v.isBool()) {
        return v.toBool() ? u"true"_s : u"false"_s;
    }
    return v.toString();
}

} // namespace

QString itemFieldValue(const QJsonObject &item, const QString &field)
{
    if (field == u"id"_s || field == u"collection"_s) {
        return item.value(field).toString();
    }
    const QString name = field.startsWith(u"properties."_s) ? field.mid(11) : field;
    const QJsonValue v = item.value(u"properties"_s).toObject().value(name);
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &e : v.toArray()) {
            parts.append(text(e));
        }
        return parts.join(u',');
    }
    return text(v);
}

std::vector<ItemGroup> groupItems(const ItemStore &store, const std::function<QString(const QJsonObject &)> &valueOf)
{
    std::vector<ItemGroup> groups;
    QHash<QString, size_t> index;
    for (int row = 0; row < store.size(); ++row) {
        const QString value = valueOf(QJsonDocument::fromJson(store.rawJson(row)).object());
        auto it = index.constFind(value);
        if (it == index.cend()) {
            it = index.insert(value, groups.size());
            groups.push_back({ value, {} });
        }
        groups[*it].rows.push_back(row);
    }
    return groups;
}

} // namespace StacScope
