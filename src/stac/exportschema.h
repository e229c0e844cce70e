#pragma once

#include <utility>
#include <vector>

#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace StacScope {

// One item as a table export reads it, straight from its JSON bytes with JsonReader (a QJsonDocument
// of the whole item costs several times as much): the top-level id and collection, the properties
// in the order a QJsonObject lists them (by key; of duplicate keys the last wins, as in QJsonObject)
// and the geometry as the item's own JSON text, for GDAL to read.
struct ExportRow
{
    QJsonValue id { QJsonValue::Undefined };
    QJsonValue collection { QJsonValue::Undefined };
    std::vector<std::pair<QString, QJsonValue>> properties;
    bool geometryIsObject = false;
    QString geometryType; // its "type" when a string, else empty
    QByteArray geometry; // the geometry's JSON text when it is an object, else empty

    // False (and an empty row) when the bytes are not a JSON object.
    bool read(QByteArrayView json);
};

// The columns of a table export (CSV, GeoPackage), learned from one pass over the items: id and
// collection (top level), datetime, then the union of the items' top-level property keys in order
// of first appearance (an item's own keys in name order, as QJsonObject lists them), each typed
// from its non-null values.
class ExportSchema
{
public:
    enum class Type
    {
        String,
        Integer, // fits 32 bits
        Integer64,
        Real,
        Boolean,
        DateTime, // RFC 3339
        Json // arrays and objects, written as compact JSON text
    };
    struct Column
    {
        QString name; // unique, case-insensitively, and not a reserved name
        QString key; // the property key; "id" and "collection" are read from the item itself
        bool topLevel = false;
        Type type = Type::String;
        bool typed = false; // a non-null value was seen
    };

    // `reserved`: names the columns may not take (the format's own, as "WKT" or "fid"); a property
    // with such a name gets a suffix ("fid_2").
    explicit ExportSchema(const QStringList &reserved = {});

    void add(const ExportRow &row);
    // The row's value for each column (undefined where it has none), in column order.
    void values(const ExportRow &row, std::vector<QJsonValue> *out) const;
    const std::vector<Column> &columns() const { return m_columns; }
    // The geometry types seen ("Polygon", ...) and whether some item has no geometry.
    const QStringList &geometryTypes() const { return m_geometryTypes; }

    // CSV text: strings as they are, numbers shortest, true/false, JSON for arrays and objects,
    // empty for null.
    static QString text(const QJsonValue &value);
    static Type typeOf(const QJsonValue &value);
    // The type holding both (Integer + Real = Real; unrelated types = String).
    static Type merge(Type a, Type b);

private:
    void addColumn(const QString &key, bool topLevel);
    void see(Column &column, const QJsonValue &value);

    std::vector<Column> m_columns;
    QHash<QString, int> m_byKey; // property key -> column
    QStringList m_taken; // lower-case names in use
    QStringList m_geometryTypes;
};

} // namespace StacScope
