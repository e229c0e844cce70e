#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <QAbstractProxyModel>
#include <QFutureWatcher>
#include <QTimer>

#include "src/models/resultsfilter.h"

namespace StacScope {

class ItemStore;
class ResultsModel;

// The results table's rows: the store's rows that pass the quick filter, in the chosen sort.
// Filtering and sorting run on a worker over compact copies of the fields they read
// (ResultColumns), never on the GUI thread's store; when the worker is done the proxy's row list
// is swapped in one layout change (the selection follows its items). Rows appended by a running
// search are filtered as they come and shown at the end, then put in order by a re-sort shortly
// after. Sorting follows ResultsSortProxy's rules: no value last in either direction, the
// server's order between equals; property columns sort by the value in the item's JSON.
class ResultsViewProxy : public QAbstractProxyModel
{
    Q_OBJECT
public:
    ResultsViewProxy(const ItemStore *store, ResultsModel *source, QObject *parent = nullptr);
    ~ResultsViewProxy() override;

    // Names the catalog of a store row, for the filter's catalogs (null: none).
    void setCatalogFunction(std::function<QString(int)> catalogOf) { m_catalogOf = std::move(catalogOf); }
    void setQuickFilter(const QuickFilter &filter);
    const QuickFilter &quickFilter() const { return m_filter; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Stores of up to this many rows are filtered and sorted here, at once (20,000 by default; 0:
    // always on the worker).
    void setSynchronousLimit(int rows) { m_synchronousLimit = rows; }
    // A filter or sort is being worked out (the rows shown are the previous ones).
    bool isBusy() const;
    // Whether a store row is shown.
    bool isShown(int storeRow) const
    {
        return storeRow >= 0 && size_t(storeRow) < m_proxyOf.size() && m_proxyOf[size_t(storeRow)] >= 0;
    }
    // 1 for each store row the filter hides; empty when it hides none.
    std::vector<std::uint8_t> hiddenMask() const;
    // The distinct collections and catalogs of the stored results (for the filter's choices).
    QStringList collections() const { return m_columns->collections(); }
    QStringList catalogs() const { return m_columns->catalogs(); }

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    // Columns are the source's, rows or none: QAbstractProxyModel's would map a column through row 0,
    // and a table filtered down to nothing would lose its header.
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The rows shown changed: a filter or sort was applied, or new rows were added or the results
    // reset. The map hides what the table hides.
    void rowsShownChanged();
    // A filter or sort the caller asked for is now what the table shows.
    void applied();

public:
    struct Result
    {
        std::vector<int> rows;
        int sourceRows = 0; // store rows the worker saw
    };

private:
    void onSourceReset();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    ResultColumns &mutableColumns();
    void requestRun();
    void startRun();
    void onRunFinished();
    void applyResult(Result result);
    void setRows(std::vector<int> rows);

    const ItemStore *m_store;
    ResultsModel *m_results;
    std::function<QString(int)> m_catalogOf;
    std::shared_ptr<ResultColumns> m_columns;
    QuickFilter m_filter;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::vector<int> m_rows; // proxy row -> store row
    std::vector<int> m_proxyOf; // store row -> proxy row, -1 when hidden
    QFutureWatcher<Result> *m_watcher;
    QTimer m_resort; // rows arrived while sorted: sort again soon
    int m_synchronousLimit = 20000;
    bool m_running = false; // a worker's result is on its way
    bool m_runPending = false; // asked for while a run was going
};

} // namespace StacScope
