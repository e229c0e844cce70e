#pragma once

#include <QAbstractTableModel>

namespace StacScope {

class ItemStore;

// The search results as a table over an ItemStore: data only (text, typed sort values and
// roles); icons and colours are the view's business. Rows are appended as pages arrive, never
// by a reset; a new search resets.
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
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // typed value for sorting (numbers, msecs, strings)
        RowRole, // the store row, stable across sorting proxies
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

    static QString formatDatetime(qint64 msecs);

private:
    const ItemStore *m_store;
    int m_rows = 0;
};

} // namespace StacScope
