#include "src/stac/exportschema.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>

#include "src/stac/datetime.h"

using namespace Qt::StringLiterals;

namespace StacScope {

ExportSchema::ExportSchema(const QStringList &reserved)
{
    for (const QString &name : reserved) {
        m_taken.append(name.toLower());
    }
    addColumn(u"id"_s, true);
    addColumn(u"collection"_s, true);
    addColumn(u"datetime"_s, false);
}

void ExportSchema::addColumn(const QString &key, bool topLevel)
{
    // SQLite (GeoPackage) column names ignore case, so "Name" and "name" would collide there.
    QString name = key;
    for (int n = 2; m_taken.contains(name.toLower()); ++n) {
        name = key + u'_' + QString::number(n);
    }
    m_taken.append(name.toLower());
    if (!topLevel) {
        m_byKey.insert(key, int(m_columns.size()));
    }
    m_columns.push_back({ name, key, topLevel, Type::String, false });
}

void ExportSchema::add(const QJsonObject &item)
{
    for (Column &column : m_columns) {
        if (column.topLevel) {
            see(column, item.value(column.key));
        }
    }
    const QJsonObject properties = item.value(u"properties"_s).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        int index = m_byKey.value(it.key(), -1);
        if (index < 0) {
            addColumn(it.key(), false);
            index = int(m_columns.size()) - 1;
        }
        see(m_columns[size_t(index)], it.value());
    }
    const QJsonValue geometry = item.value(u"geometry"_s);
    const QString type = geometry.isObject() ? geometry[u"type"_s].toString() : QString();
    if (!m_geometryTypes.contains(type)) {
        m_geometryTypes.append(type); // an empty name: an item without geometry
    }
}

void ExportSchema::see(Column &column, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined()) {
        return;
    }
    const Type type = typeOf(value);
    column.type = column.typed ? merge(column.type, type) : type;
    column.typed = true;
}

ExportSchema::Type ExportSchema::typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return Type::Boolean;
    case QJsonValue::Double: {
        const double v = value.toDouble();
        if (std::trunc(v) != v || !std::isfinite(v)) {
            return Type::Real;
        }
        if (std::abs(v) <= 2147483647.0) {
            return Type::Integer;
        }
        return std::abs(v) < 9007199254740992.0 ? Type::Integer64 : Type::Real;
    }
    case QJsonValue::String:
        return Rfc3339::parse(value.toString()) ? Type::DateTime : Type::String;
    case QJsonValue::Array:
    case QJsonValue::Object:
        return Type::Json;
    default:
        return Type::String;
    }
}

ExportSchema::Type ExportSchema::merge(Type a, Type b)
{
    if (a == b) {
        return a;
    }
    const auto numeric = [](Type t) { return t == Type::Integer || t == Type::Integer64 || t == Type::Real; };
    if (numeric(a) && numeric(b)) {
        return a == Type::Real || b == Type::Real ? Type::Real : Type::Integer64;
    }
    return Type::String;
}

QJsonValue ExportSchema::value(const QJsonObject &item, const Column &column)
{
    if (column.topLevel) {
        return item.value(column.key);
    }
    return item.value(u"properties"_s)[column.key];
}

QString ExportSchema::text(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double v = value.toDouble();
        if (std::trunc(v) == v && std::abs(v) < 9007199254740992.0) {
            return QString::number(qint64(v));
        }
        return QString::number(v, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

} // namespace StacScope
