#pragma once

#include <functional>

#include <QAbstractTableModel>
#include <QCache>
#include <QJsonValue>
#include <QSet>
#include <QStringList>

namespace StacScope {

class ItemStore;

// The search results as a table over an ItemStore: data only (text, typed sort values and
// roles); icons and colours are the view's business. Rows are appended as pages arrive, never
// by a reset; a new search resets. After the fixed columns come the property columns the user
// chose (any item property, read from the item's JSON for the rows shown, a few thousand rows
// cached).
class ResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Id,
        Collection,
        Datetime,
        CloudCover,
        Gsd,
        OffNadir,
        Platform,
        Mode, // SAR: sar:instrument_mode
        ProductType, // sar:product_type
        Polarizations,
        LookAngle,
        OrbitState,
        Catalog, // the catalog a row came from, when several were searched at once
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // typed value for sorting (numbers, msecs, strings)
        RowRole, // the store row, stable across sorting proxies
        NewRole, // bool: a saved search's re-run returned this result, its previous run did not
    };

    explicit ResultsModel(const ItemStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The store grew: show its new rows.
    void syncAppended();
    // The store was cleared or replaced: start over.
    void syncReset();
    // The rows new since a saved search's previous run (NewRole; a delegate draws the badge).
    // Cleared by syncReset().
    void setNewRows(const QSet<int> &rows);
    const QSet<int> &newRows() const { return m_newRows; }

    // The names of the catalogs searched at once, by ItemStore::origin(); fewer than two: the
    // Catalog column stays empty. Takes effect at the next syncReset().
    void setCatalogNames(const QStringList &names) { m_catalogNames = names; }
    const QStringList &catalogNames() const { return m_catalogNames; }

    static QString formatDatetime(qint64 msecs);

    // The pseudo-property of the thumbnails column: chosen like a property, it shows each item's
    // preview (DecorationRole, from the decoration function the view sets).
    static QString thumbnailColumn() { return QStringLiteral("stacscope:thumbnail"); }
    // The thumbnail of a store row (a QImage from the UI), or an invalid QVariant while there is none;
    // asked for only for the rows a view shows.
    void setDecorationFunction(std::function<QVariant(int row)> decoration) { m_decoration = std::move(decoration); }
    // A row's thumbnail arrived: the views repaint it.
    void notifyDecorationChanged(int row);

    // Property columns, after the fixed ones: column ColumnCount + i shows properties[names[i]].
    void setPropertyColumns(const QStringList &names);
    const QStringList &propertyColumns() const { return m_properties; }
    // The property a column shows; empty for a fixed column.
    QString propertyOfColumn(int column) const;
    int columnOfPropertyColumn(const QString &name) const;
    // The property names in up to `maxRows` stored items spread over the store, sorted: what the
    // column chooser offers.
    QStringList sampledPropertyNames(int maxRows = 400) const;
    // A property's value as the table shows it and as it sorts (numbers as numbers, texts as
    // texts; arrays and objects as compact JSON).
    static QString propertyText(const QJsonValue &value);
    static QVariant propertySortValue(const QJsonValue &value);
    // Whether any row has a value in `column` (optical catalogs have no SAR fields, SAR catalogs
    // no cloud cover): the view hides the empty ones.
    bool columnHasData(int column) const { return column >= 0 && column < ColumnCount && m_filled[column]; }

Q_SIGNALS:
    // A column got its first value (or, after a reset, the set of filled columns changed).
    void filledColumnsChanged();

private:
    bool noteFilled(int first, int last);
    QString catalogName(int row) const;
    const QList<QJsonValue> *propertyValues(int row) const;

    const ItemStore *m_store;
    int m_rows = 0;
    QStringList m_catalogNames;
    bool m_filled[ColumnCount] = {};
    QSet<int> m_newRows;
    QStringList m_properties;
    std::function<QVariant(int row)> m_decoration;
    mutable QCache<int, QList<QJsonValue>> m_propertyCache { 4096 };
};

} // namespace StacScope
