#include "src/stac/exportschema.h"

#include <algorithm>
#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>

#include "src/stac/datetime.h"
#include "src/stac/jsonreader.h"

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

void ExportSchema::add(const ExportRow &row)
{
    for (Column &column : m_columns) {
        if (column.topLevel) {
            see(column, column.key == u"id" ? row.id : row.collection);
        }
    }
    for (const auto &[key, value] : row.properties) {
        int index = m_byKey.value(key, -1);
        if (index < 0) {
            addColumn(key, false);
            index = int(m_columns.size()) - 1;
        }
        see(m_columns[size_t(index)], value);
    }
    const QString type = row.geometryIsObject ? row.geometryType : QString();
    if (!m_geometryTypes.contains(type)) {
        m_geometryTypes.append(type); // an empty name: an item without geometry
    }
}

void ExportSchema::values(const ExportRow &row, std::vector<QJsonValue> *out) const
{
    out->assign(m_columns.size(), QJsonValue(QJsonValue::Undefined));
    for (size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].topLevel) {
            (*out)[c] = m_columns[c].key == u"id" ? row.id : row.collection;
        }
    }
    for (const auto &[key, value] : row.properties) {
        const int index = m_byKey.value(key, -1);
        if (index >= 0) {
            (*out)[size_t(index)] = value;
        }
    }
}

bool ExportRow::read(QByteArrayView json)
{
    *this = ExportRow();
    JsonReader reader(json);
    if (!reader.beginObject()) {
        return false;
    }
    std::string_view key;
    while (reader.nextKey(&key)) {
        if (key == "id") {
            id = reader.readValue();
        } else if (key == "collection") {
            collection = reader.readValue();
        } else if (key == "properties") {
            properties.clear();
            if (reader.peek() != JsonReader::Kind::Object) {
                reader.skipValue();
                continue;
            }
            reader.beginObject();
            std::string_view name;
            while (reader.nextKey(&name)) {
                QString k = QString::fromUtf8(name.data(), qsizetype(name.size()));
                properties.emplace_back(std::move(k), reader.readValue());
            }
        } else if (key == "geometry") {
            geometryIsObject = reader.peek() == JsonReader::Kind::Object;
            const qsizetype begin = reader.offset();
            reader.skipValue();
            geometry = geometryIsObject ? json.sliced(begin, reader.offset() - begin).toByteArray() : QByteArray();
            geometryType.clear();
            if (geometryIsObject) {
                JsonReader inner(geometry);
                std::string_view member;
                inner.beginObject();
                while (inner.nextKey(&member)) {
                    if (member == "type" && inner.peek() == JsonReader::Kind::String) {
                        inner.readString(&geometryType);
                    } else {
                        inner.skipValue();
                    }
                }
            }
        } else {
            reader.skipValue();
        }
        if (reader.hasError()) {
            break;
        }
    }
    if (reader.hasError()) {
        *this = ExportRow();
        return false;
    }
    // QJsonObject's order: by key, the last of duplicate keys kept.
    const auto byKey = [](const auto &a, const auto &b) { return a.first < b.first; };
    if (!std::is_sorted(properties.begin(), properties.end(), byKey)) {
        std::stable_sort(properties.begin(), properties.end(), byKey);
    }
    auto out = properties.begin();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const auto next = it + 1;
        if (next != properties.end() && next->first == it->first) {
            continue;
        }
        if (out != it) {
            *out = std::move(*it);
        }
        ++out;
    }
    properties.erase(out, properties.end());
    return true;
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
